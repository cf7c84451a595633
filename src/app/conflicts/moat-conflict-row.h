/* moat-conflict-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONFLICT_ROW (moat_conflict_row_get_type ())

/* One open conflict: what and where, the base value and each side's,
 * and one click to settle it (conflict.ours, conflict.theirs,
 * conflict.base, or conflict.value for the text typed in the Edit
 * popover), each one step of undo. */
G_DECLARE_FINAL_TYPE (MoatConflictRow, moat_conflict_row, MOAT, CONFLICT_ROW, GtkListBoxRow)

GtkWidget    *moat_conflict_row_new          (MoatConflict    *conflict);
MoatConflict *moat_conflict_row_get_conflict (MoatConflictRow *self);
GtkEditable  *moat_conflict_row_get_editable (MoatConflictRow *self);
const char   *moat_conflict_row_get_error    (MoatConflictRow *self);

char         *moat_conflict_value_to_display (const char      *json);

G_END_DECLS
