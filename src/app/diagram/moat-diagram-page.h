/* moat-diagram-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_DIAGRAM_PAGE (moat_diagram_page_get_type ())

G_DECLARE_FINAL_TYPE (MoatDiagramPage, moat_diagram_page, MOAT, DIAGRAM_PAGE, MoatPage)

MoatDiagram *moat_diagram_page_get_diagram         (MoatDiagramPage *self);
void         moat_diagram_page_set_diagram         (MoatDiagramPage *self,
                                                    MoatDiagram     *diagram);
void         moat_diagram_page_open_child          (MoatDiagramPage *self,
                                                    MoatElement     *process);
GPtrArray   *moat_diagram_page_get_selection       (MoatDiagramPage *self);
void         moat_diagram_page_set_selection       (MoatDiagramPage *self,
                                                    GPtrArray       *elements);
GtkWidget   *moat_diagram_page_get_canvas          (MoatDiagramPage *self);
GtkWidget   *moat_diagram_page_get_properties      (MoatDiagramPage *self);
GListModel  *moat_diagram_page_get_outline         (MoatDiagramPage *self);
void         moat_diagram_page_defer_outline       (MoatDiagramPage *self,
                                                    gboolean         defer);
GtkWidget   *moat_diagram_page_get_side_panel      (MoatDiagramPage *self,
                                                    const char      *name);

G_END_DECLS
