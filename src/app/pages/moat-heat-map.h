/* moat-heat-map.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-risk.h"

G_BEGIN_DECLS

#define MOAT_TYPE_HEAT_MAP (moat_heat_map_get_type ())

/* The 5×5 risk matrix with how many threats sit in each cell: likelihood
 * up the side, impact along the bottom, every cell in the colour of its
 * level (moat-risk.h). */
G_DECLARE_FINAL_TYPE (MoatHeatMap, moat_heat_map, MOAT, HEAT_MAP, GtkWidget)

GtkWidget *moat_heat_map_new        (void);
void       moat_heat_map_set_counts (MoatHeatMap *self,
                                     guint        counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE]);
guint      moat_heat_map_get_count  (MoatHeatMap *self,
                                     int          likelihood,
                                     int          impact);
guint      moat_heat_map_get_total  (MoatHeatMap *self);

G_END_DECLS
