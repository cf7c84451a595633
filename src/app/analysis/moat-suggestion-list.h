/* moat-suggestion-list.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-rule-engine.h"

G_BEGIN_DECLS

#define MOAT_TYPE_SUGGESTION_LIST (moat_suggestion_list_get_type ())

/* What the rule engine suggests for some elements, each with Accept and
 * Dismiss; it says what the user chose through the "accept" and
 * "dismiss" signals and hides itself when there is nothing to suggest. */
G_DECLARE_FINAL_TYPE (MoatSuggestionList, moat_suggestion_list, MOAT, SUGGESTION_LIST, GtkWidget)

GtkWidget  *moat_suggestion_list_new          (void);
void        moat_suggestion_list_set_model    (MoatSuggestionList *self,
                                               MoatModel          *model);
void        moat_suggestion_list_set_items    (MoatSuggestionList *self,
                                               GPtrArray          *suggestions);
GListModel *moat_suggestion_list_get_items    (MoatSuggestionList *self);

G_END_DECLS
