/* moat-suggestion.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-rule.h"

G_BEGIN_DECLS

#define MOAT_TYPE_SUGGESTION (moat_suggestion_get_type ())

/* A threat a rule suggests for one element, not yet accepted or
 * dismissed. Its texts are filled in for the element ("Spoofing of the
 * process ‘Checkout’"); its impact is the business impact of the
 * element's assets when it has any, else the rule's hint, else 3; its
 * likelihood is the rule's hint, else 3. A snapshot with read-only
 * properties, for list rows: the rule engine makes new ones when things
 * change. */
G_DECLARE_FINAL_TYPE (MoatSuggestion, moat_suggestion, MOAT, SUGGESTION, GObject)

MoatSuggestion     *moat_suggestion_new                    (MoatRule   *rule,
                                                            const char *element_id,
                                                            char       *title,
                                                            char       *description,
                                                            int         likelihood,
                                                            int         impact);
MoatRule           *moat_suggestion_get_rule               (MoatSuggestion *self);
const char         *moat_suggestion_get_rule_id            (MoatSuggestion *self);
const char         *moat_suggestion_get_element_id         (MoatSuggestion *self);
const char         *moat_suggestion_get_title              (MoatSuggestion *self);
const char         *moat_suggestion_get_description        (MoatSuggestion *self);
const char         *moat_suggestion_get_category           (MoatSuggestion *self);
const char * const *moat_suggestion_get_suggested_controls (MoatSuggestion *self);
int                 moat_suggestion_get_likelihood         (MoatSuggestion *self);
int                 moat_suggestion_get_impact             (MoatSuggestion *self);
MoatRiskLevel       moat_suggestion_get_level              (MoatSuggestion *self);
gboolean            moat_suggestion_equal                  (MoatSuggestion *a,
                                                            MoatSuggestion *b);

G_END_DECLS
