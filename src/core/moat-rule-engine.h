/* moat-rule-engine.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-dismissal.h"
#include "moat-model.h"
#include "moat-rule-set.h"
#include "moat-suggestion.h"
#include "moat-threat.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RULE_ENGINE (moat_rule_engine_get_type ())

/* The rules, applied to one model as it changes.
 *
 * The engine evaluates the enabled rules on every element of the model
 * (out-of-scope elements and notes excepted) and keeps what matched. When
 * an action closes it re-evaluates only what the action can have changed:
 * the elements it touched, what lies within the rules' reach of them
 * (a node's flows, a flow's ends), the flows whose boundary crossings
 * changed, and the elements linked to an edited asset; then it emits
 * "suggestions-changed" with the elements whose suggestions differ.
 *
 * A suggestion is a match that nobody has acted on: there is no threat
 * with the rule's id on that element (it was accepted) and no dismissal
 * of the rule for that element.
 *
 * Review: a threat that came from a rule, is still open, and either has
 * lost its element or whose rule no longer holds for any of its elements
 * needs review. This is computed, never stored, and never deletes
 * anything: the threat stays until a person closes it, links it again,
 * or keeps it as their own (moat_rule_engine_keep()). A threat's own
 * "needs-review" field is a person's flag and counts too.
 *
 * Enabled sets: the model's "rule-sets" field; when it is empty, the
 * engine's default sets (stride and context unless told otherwise, which
 * the GUI takes from the "enabled-rule-sets" setting). Custom rules are
 * always on.
 */
G_DECLARE_FINAL_TYPE (MoatRuleEngine, moat_rule_engine, MOAT, RULE_ENGINE, GObject)

typedef enum {
  MOAT_ACCEPT_DEFAULT      = 0,
  MOAT_ACCEPT_ADD_CONTROLS = 1 << 0, /* also propose the rule's suggested controls */
} MoatAcceptFlags;

MoatRuleEngine     *moat_rule_engine_new                  (MoatModel          *model,
                                                           MoatRuleSet        *rules);
MoatModel          *moat_rule_engine_get_model            (MoatRuleEngine     *self);
MoatRuleSet        *moat_rule_engine_get_rules            (MoatRuleEngine     *self);

void                moat_rule_engine_set_default_sets     (MoatRuleEngine     *self,
                                                           const char * const *sets);
GStrv               moat_rule_engine_dup_enabled_sets     (MoatRuleEngine     *self);
gboolean            moat_rule_engine_is_rule_enabled      (MoatRuleEngine     *self,
                                                           MoatRule           *rule);
void                moat_rule_engine_evaluate_all         (MoatRuleEngine     *self);

GPtrArray          *moat_rule_engine_list_suggestions     (MoatRuleEngine     *self,
                                                           const char         *element_id);
guint               moat_rule_engine_count_suggestions    (MoatRuleEngine     *self,
                                                           const char         *element_id);
GPtrArray          *moat_rule_engine_list_matches         (MoatRuleEngine     *self,
                                                           const char         *element_id);
MoatSuggestion     *moat_rule_engine_make_suggestion      (MoatRuleEngine     *self,
                                                           MoatRule           *rule,
                                                           MoatElement        *element);

MoatThreat         *moat_rule_engine_accept               (MoatRuleEngine     *self,
                                                           MoatSuggestion     *suggestion,
                                                           MoatAcceptFlags     flags);
MoatDismissal      *moat_rule_engine_dismiss              (MoatRuleEngine     *self,
                                                           MoatSuggestion     *suggestion,
                                                           const char         *reason);

gboolean            moat_rule_engine_rule_holds           (MoatRuleEngine     *self,
                                                           MoatRule           *rule,
                                                           MoatElement        *element);
char               *moat_rule_engine_get_review_reason    (MoatRuleEngine     *self,
                                                           MoatThreat         *threat);
gboolean            moat_rule_engine_needs_review         (MoatRuleEngine     *self,
                                                           MoatThreat         *threat);
GPtrArray          *moat_rule_engine_list_review          (MoatRuleEngine     *self);
void                moat_rule_engine_keep                 (MoatRuleEngine     *self,
                                                           MoatThreat         *threat);

G_END_DECLS
