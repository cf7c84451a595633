/* moat-rule-set.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-rule.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RULE_SET (moat_rule_set_get_type ())

/* Every rule Moat knows, from several files: the built-in ones (STRIDE,
 * context, LINDDUN: JSON compiled into the core as a GResource) and a
 * person's own from $XDG_CONFIG_HOME/moat/rules.json and the .json
 * files in $XDG_CONFIG_HOME/moat/rules. Each rule belongs
 * to a named set ("stride", "context", "linddun", "custom", ...) that a
 * model switches on or off; ids are unique across all of them. The format
 * is described in resources/rules/README.md. */
G_DECLARE_FINAL_TYPE (MoatRuleSet, moat_rule_set, MOAT, RULE_SET, GObject)

#define MOAT_RULES_FORMAT_VERSION 1
#define MOAT_RULES_RESOURCE_PATH  "/io/github/moatmodel/Moat/rules/"

MoatRuleSet *moat_rule_set_new            (void);
MoatRuleSet *moat_rule_set_new_builtin    (void);
MoatRuleSet *moat_rule_set_new_default    (GError      **user_error);

gboolean     moat_rule_set_load_data      (MoatRuleSet  *self,
                                           const char   *data,
                                           gssize        length,
                                           const char   *source,
                                           gboolean      translate,
                                           GError      **error);
gboolean     moat_rule_set_load_file      (MoatRuleSet  *self,
                                           GFile        *file,
                                           GError      **error);
gboolean     moat_rule_set_load_resource  (MoatRuleSet  *self,
                                           const char   *path,
                                           GError      **error);
gboolean     moat_rule_set_load_user      (MoatRuleSet  *self,
                                           GError      **error);
char        *moat_rule_set_get_user_path  (void);
char        *moat_rule_set_get_user_dir   (void);
GPtrArray   *moat_rule_set_list_user_files (void);

guint        moat_rule_set_get_n_rules    (MoatRuleSet  *self);
MoatRule    *moat_rule_set_get_rule       (MoatRuleSet  *self,
                                           guint         position);
MoatRule    *moat_rule_set_lookup         (MoatRuleSet  *self,
                                           const char   *id);
const char  *moat_rule_set_get_origin     (MoatRuleSet  *self,
                                           const char   *id);
GStrv        moat_rule_set_list_sets      (MoatRuleSet  *self);
gboolean     moat_rule_set_is_builtin_set (MoatRuleSet  *self,
                                           const char   *set);

/* The data compiled into the core (rules, references, catalogues). */
GResource   *moat_core_resource           (void);

G_END_DECLS
