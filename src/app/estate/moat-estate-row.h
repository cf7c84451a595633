/* moat-estate-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE_ROW (moat_estate_row_get_type ())

/* One system of the estate window's list: its title and owner, its
 * highest residual risk, how many critical and high threats are open and
 * when it was last reviewed; or, for a file that could not be read, the
 * file and why. */
G_DECLARE_FINAL_TYPE (MoatEstateRow, moat_estate_row, MOAT, ESTATE_ROW, GtkBox)

MoatEstateSystem *moat_estate_row_get_system (MoatEstateRow    *self);
void              moat_estate_row_set_system (MoatEstateRow    *self,
                                              MoatEstateSystem *system);
const char       *moat_estate_row_get_title  (MoatEstateRow    *self);
int               moat_estate_row_get_level  (MoatEstateRow    *self);
char             *moat_estate_row_describe   (MoatEstateSystem *system);

G_END_DECLS
