/* moat-ranked-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RANKED_ROW (moat_ranked_row_get_type ())

/* One entry of a ranked list on the Risk page: a threat with its level, a
 * control with the risk it removes, or an assumption proved wrong. An
 * activatable row leads to its object. */
G_DECLARE_FINAL_TYPE (MoatRankedRow, moat_ranked_row, MOAT, RANKED_ROW, AdwActionRow)

GtkWidget  *moat_ranked_row_new             (MoatObject    *object,
                                             guint          rank,
                                             const char    *subtitle);
MoatObject *moat_ranked_row_get_object      (MoatRankedRow *self);
void        moat_ranked_row_set_level       (MoatRankedRow *self,
                                             int            level);
void        moat_ranked_row_set_gain        (MoatRankedRow *self,
                                             int            removed,
                                             const char    *explained);
void        moat_ranked_row_set_invalidated (MoatRankedRow *self);

G_END_DECLS
