/* moat-workshop-suggestion-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_SUGGESTION_ROW (moat_workshop_suggestion_row_get_type ())

/* A rule's suggestion in stage 3: the threat it would become, its
 * inherent risk, and a button that accepts it (the "accept" signal). */
G_DECLARE_FINAL_TYPE (MoatWorkshopSuggestionRow, moat_workshop_suggestion_row, MOAT, WORKSHOP_SUGGESTION_ROW, GtkWidget)

GtkWidget      *moat_workshop_suggestion_row_new            (MoatSuggestion            *suggestion);
MoatSuggestion *moat_workshop_suggestion_row_get_suggestion (MoatWorkshopSuggestionRow *self);

G_END_DECLS
