/* moat-compare-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-diff.h"

G_BEGIN_DECLS

#define MOAT_TYPE_COMPARE_ROW (moat_compare_row_get_type ())

/* One change between two versions of a model, worded as `moat-cli diff`
 * words it; activating it shows the object. */
G_DECLARE_FINAL_TYPE (MoatCompareRow, moat_compare_row, MOAT, COMPARE_ROW, AdwActionRow)

GtkWidget    *moat_compare_row_new         (const MoatDiffEntry *entry);
MoatDiffKind  moat_compare_row_get_kind    (MoatCompareRow      *self);
const char   *moat_compare_row_get_object_kind (MoatCompareRow  *self);
const char   *moat_compare_row_get_id      (MoatCompareRow      *self);

G_END_DECLS
