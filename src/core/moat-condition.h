/* moat-condition.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "when" of a rule: a condition over an element, written in JSON (the
 * language is described in resources/rules/README.md) and compiled once,
 * at load time, into a tree whose leaves hold the GParamSpec of the
 * property they test and the values they compare with, so that evaluating
 * it looks nothing up by name.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-element.h"
#include "moat-model.h"

G_BEGIN_DECLS

typedef struct _MoatCondition   MoatCondition;
typedef struct _MoatRuleContext MoatRuleContext;

MoatCondition   *moat_condition_parse      (JsonNode            *node,
                                            const char          *path,
                                            GError             **error);
void             moat_condition_free       (MoatCondition       *self);
gboolean         moat_condition_evaluate   (const MoatCondition *self,
                                            MoatRuleContext     *context,
                                            MoatElement         *element);
/* How many steps from the element the condition looks: 0 for its own
 * properties, 1 through a flow's source or target or a node's flows, and
 * so on. An edit can change the outcome for elements this far away. */
guint            moat_condition_get_reach  (const MoatCondition *self);

/* What a condition sees beyond the element: the flows at each node, and
 * how many trust boundaries each flow crosses. The rule engine keeps one
 * context up to date across edits; anything else can make one for a model
 * that holds still. */
MoatRuleContext *moat_rule_context_new           (MoatModel       *model);
void             moat_rule_context_free          (MoatRuleContext *self);
MoatModel       *moat_rule_context_get_model     (MoatRuleContext *self);
GPtrArray       *moat_rule_context_get_flows     (MoatRuleContext *self,
                                                  const char      *node_id);
guint            moat_rule_context_get_crossings (MoatRuleContext *self,
                                                  MoatElement     *flow);

/* Incremental upkeep, for the rule engine. @seeds maps element ids (owned
 * strings) to how far they are from what changed: 0 for an element that
 * changed itself (or whose boundary crossings did), 1 for the ends of a
 * flow that was removed or reconnected. */
void             moat_rule_context_update        (MoatRuleContext *self,
                                                  const char      *element_id,
                                                  GHashTable      *seeds);
void             moat_rule_context_finish_update (MoatRuleContext *self,
                                                  GHashTable      *seeds);
GHashTable      *moat_rule_context_expand        (MoatRuleContext *self,
                                                  GHashTable      *seeds,
                                                  guint            reach);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatCondition, moat_condition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatRuleContext, moat_rule_context_free)

G_END_DECLS
