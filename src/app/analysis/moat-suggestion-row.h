/* moat-suggestion-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_SUGGESTION_ROW (moat_suggestion_row_get_type ())

/* One suggested threat: its title, its level, what it is and where, and
 * the buttons that accept or dismiss it ("accept", "dismiss"). */
G_DECLARE_FINAL_TYPE (MoatSuggestionRow, moat_suggestion_row, MOAT, SUGGESTION_ROW, GtkListBoxRow)

GtkWidget      *moat_suggestion_row_new            (MoatSuggestion    *suggestion,
                                                    const char        *facts);
MoatSuggestion *moat_suggestion_row_get_suggestion (MoatSuggestionRow *self);

G_END_DECLS
