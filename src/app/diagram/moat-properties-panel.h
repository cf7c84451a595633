/* moat-properties-panel.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_PROPERTIES_PANEL (moat_properties_panel_get_type ())

G_DECLARE_FINAL_TYPE (MoatPropertiesPanel, moat_properties_panel, MOAT, PROPERTIES_PANEL, GtkWidget)

GtkWidget *moat_properties_panel_new           (void);
void       moat_properties_panel_set_model     (MoatPropertiesPanel *self,
                                                MoatModel           *model);
void       moat_properties_panel_set_selection (MoatPropertiesPanel *self,
                                                GPtrArray           *elements);
GPtrArray *moat_properties_panel_get_selection (MoatPropertiesPanel *self);
void       moat_properties_panel_commit        (MoatPropertiesPanel *self);

G_END_DECLS
