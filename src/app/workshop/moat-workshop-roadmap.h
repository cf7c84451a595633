/* moat-workshop-roadmap.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_ROADMAP (moat_workshop_roadmap_get_type ())

/* Stage 4: what to do about it: the roadmap of controls still to build,
 * best value for effort first, beside the controls in place and the
 * requirements they meet. The model is its MoatPage:model. */
G_DECLARE_FINAL_TYPE (MoatWorkshopRoadmap, moat_workshop_roadmap, MOAT, WORKSHOP_ROADMAP, MoatPage)

GtkWidget  *moat_workshop_roadmap_new              (void);
GListModel *moat_workshop_roadmap_get_roadmap      (MoatWorkshopRoadmap *self);
GListModel *moat_workshop_roadmap_get_top_risks    (MoatWorkshopRoadmap *self);
GtkWidget  *moat_workshop_roadmap_get_roadmap_list (MoatWorkshopRoadmap *self);
GtkWidget  *moat_workshop_roadmap_get_coverage     (MoatWorkshopRoadmap *self);

G_END_DECLS
