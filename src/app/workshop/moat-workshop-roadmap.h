/* moat-workshop-roadmap.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_ROADMAP (moat_workshop_roadmap_get_type ())

/* Stage 4: what to do about it: the roadmap of controls still to build,
 * best value for effort first, beside the controls in place. */
G_DECLARE_FINAL_TYPE (MoatWorkshopRoadmap, moat_workshop_roadmap, MOAT, WORKSHOP_ROADMAP, GtkWidget)

GtkWidget  *moat_workshop_roadmap_new              (void);
void        moat_workshop_roadmap_set_model        (MoatWorkshopRoadmap *self,
                                                    MoatModel           *model);
GListModel *moat_workshop_roadmap_get_roadmap      (MoatWorkshopRoadmap *self);
GListModel *moat_workshop_roadmap_get_top_risks    (MoatWorkshopRoadmap *self);
GtkWidget  *moat_workshop_roadmap_get_roadmap_list (MoatWorkshopRoadmap *self);

G_END_DECLS
