/* moat-rule.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-condition.h"
#include "moat-element.h"
#include "moat-model.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RULE (moat_rule_get_type ())

/* One rule: "when an element of these kinds looks like this, suggest this
 * threat". Rules are data (resources/rules/README.md); a rule does not
 * change once loaded, so rule sets can be shared. */
G_DECLARE_FINAL_TYPE (MoatRule, moat_rule, MOAT, RULE, GObject)

/* The sets of the built-in rules, and of a person's own rules that name
 * none. Without other word, the STRIDE and context sets are on; rules in
 * the custom set are always on. */
#define MOAT_RULE_SET_STRIDE  "stride"
#define MOAT_RULE_SET_CONTEXT "context"
#define MOAT_RULE_SET_LINDDUN "linddun"
#define MOAT_RULE_SET_CUSTOM  "custom"

MoatRule            *moat_rule_new_from_json        (JsonObject      *object,
                                                     const char      *default_set,
                                                     gboolean         translate,
                                                     GError         **error);

const char          *moat_rule_get_id               (MoatRule        *self);
const char          *moat_rule_get_set              (MoatRule        *self);
const char          *moat_rule_get_title            (MoatRule        *self);
const char          *moat_rule_get_description      (MoatRule        *self);
const char          *moat_rule_get_category         (MoatRule        *self);
const char * const  *moat_rule_get_suggested_controls (MoatRule      *self);
const char * const  *moat_rule_get_refs             (MoatRule        *self);
const char * const  *moat_rule_get_requirements     (MoatRule        *self);
int                  moat_rule_get_likelihood       (MoatRule        *self);
int                  moat_rule_get_impact           (MoatRule        *self);
guint                moat_rule_get_kinds            (MoatRule        *self);
gboolean             moat_rule_applies_to           (MoatRule        *self,
                                                     MoatElementKind  kind);
const MoatCondition *moat_rule_get_condition        (MoatRule        *self);
guint                moat_rule_get_reach            (MoatRule        *self);

gboolean             moat_rule_matches              (MoatRule        *self,
                                                     MoatRuleContext *context,
                                                     MoatElement     *element);
gboolean             moat_rule_holds                (MoatRule        *self,
                                                     MoatModel       *model,
                                                     MoatElement     *element);
char                *moat_rule_format               (MoatRule        *self,
                                                     const char      *text,
                                                     MoatModel       *model,
                                                     MoatElement     *element);

G_END_DECLS
