/* moat-assumption-rule.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an invalidated ("broken") assumption does to the threats that rely
 * on it. A threat relies on an assumption when the assumption names it
 * (assumption "threat-ids"), or when the assumption is about one of the
 * threat's elements (assumption "element-ids"): an assumption about an
 * element ("the vault is only reachable from the payment API") is part of
 * the ground every threat on that element was assessed on.
 *
 * The rule lives in the model (moat_model_set_value() and
 * moat_model_add()), so the Assumptions panel, the workshop, a script and
 * undo all behave alike: when an assumption becomes invalidated, or an
 * invalidated assumption gains links, every threat relying on it is
 * flagged for review ("needs-review") with a reason naming the assumption,
 * in the same step of undo. Other status changes flag nothing, and
 * validating the assumption again does not clear the flags: a person
 * decides that the threats are sound again.
 */

#pragma once

#include "moat-assumption.h"
#include "moat-model.h"
#include "moat-threat.h"

G_BEGIN_DECLS

gboolean   moat_assumption_is_broken              (MoatAssumption *assumption);
gboolean   moat_assumption_relies                 (MoatAssumption *assumption,
                                                   MoatThreat     *threat);
GPtrArray *moat_assumption_list_reliant_threats   (MoatAssumption *assumption,
                                                   MoatModel      *model);
GPtrArray *moat_assumption_list_broken            (MoatModel      *model);
char      *moat_assumption_dup_review_reason      (MoatAssumption *assumption);
guint      moat_assumption_flag_loaded            (MoatModel      *model);

/* For the model: apply the rule after an edit of @assumption's @pspec
 * (which held @before), or after it was added (@pspec %NULL), inside the
 * edit's open action. */
void       _moat_assumption_rule_after_edit       (MoatModel      *model,
                                                   MoatAssumption *assumption,
                                                   GParamSpec     *pspec,
                                                   const GValue   *before);

G_END_DECLS
