/* moat-estate-sorter.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE_SORTER (moat_estate_sorter_get_type ())

/* The estate's systems in the order a security lead asks for: by
 * business risk (the estate's own ranking), by name, or the longest
 * unreviewed, unchanged or unchecked first. Files that could not be read
 * come last whatever the order. */
G_DECLARE_FINAL_TYPE (MoatEstateSorter, moat_estate_sorter, MOAT, ESTATE_SORTER, GtkSorter)

MoatEstateSorter *moat_estate_sorter_new         (void);
const char       *moat_estate_sorter_get_sort_by (MoatEstateSorter *self);
void              moat_estate_sorter_set_sort_by (MoatEstateSorter *self,
                                                  const char       *sort_by);
const char       *moat_estate_sorter_get_heading (MoatEstateSorter *self);

G_END_DECLS
