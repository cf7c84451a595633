/* moat-cli-check.c: a gate for CI
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"

static const char *
name_or_unnamed (const char *name)
{
  return name != NULL && *name != '\0' ? name : _("(unnamed)");
}

/* "Checkout, Order database": the elements a threat affects. */
static char *
element_names (MoatModel  *model,
               MoatThreat *threat)
{
  const char * const *ids = moat_threat_get_element_ids (threat);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (model, ids[i], MOAT_TYPE_ELEMENT);

      if (element != NULL)
        g_strv_builder_add (builder, name_or_unnamed (moat_element_get_name (element)));
    }
  names = g_strv_builder_end (builder);

  return names[0] != NULL ? g_strjoinv (", ", names) : g_strdup (_("no element"));
}

static int
compare_by_level (gconstpointer a,
                  gconstpointer b,
                  gpointer      model)
{
  MoatRiskAssessment x, y;

  moat_risk_assess (model, *(MoatThreat **)a, &x);
  moat_risk_assess (model, *(MoatThreat **)b, &y);
  if (x.residual_level != y.residual_level)
    return x.residual_level > y.residual_level ? -1 : 1;
  return g_strcmp0 (moat_threat_get_title (*(MoatThreat **)a), moat_threat_get_title (*(MoatThreat **)b));
}

/* Open threats whose residual risk is @level or worse, the worst first. */
static guint
check_threats (MoatModel     *model,
               MoatRiskLevel  level,
               GString       *out)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  g_autoptr(GPtrArray) failing = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      if (risk.open && risk.residual_level >= level)
        g_ptr_array_add (failing, g_steal_pointer (&threat));
    }
  g_ptr_array_sort_with_data (failing, compare_by_level, model);

  if (failing->len > 0)
    g_string_append_printf (out,
                            /* TRANSLATORS: "3 open threats at high risk or above:" */
                            _("%u open threats at %s risk or above:\n"),
                            failing->len, moat_risk_level_get_nick (level));
  for (guint i = 0; i < failing->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (failing, i);
      g_autofree char *elements = element_names (model, threat);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      g_string_append_printf (out, "  %-8s %s (%s)\n", moat_risk_level_get_nick (risk.residual_level),
                              name_or_unnamed (moat_threat_get_title (threat)), elements);
    }

  return failing->len;
}

static gboolean
wants_review (MoatElement *element)
{
  MoatElementKind kind = moat_element_get_kind (element);

  return kind != MOAT_ELEMENT_BOUNDARY && kind != MOAT_ELEMENT_NOTE &&
         !moat_element_get_out_of_scope (element) && !moat_element_get_reviewed (element);
}

/* Elements nobody has reviewed for threats, and threats that need a
 * second look. */
static guint
check_reviews (MoatModel *model,
               GString   *out)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  g_autoptr(MoatRuleSet) rules = moat_cli_load_rules ();
  g_autoptr(MoatRuleEngine) engine = moat_rule_engine_new (model, rules);
  g_autoptr(GPtrArray) threats = moat_rule_engine_list_review (engine);
  g_autoptr(GPtrArray) unreviewed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (wants_review (element))
        g_ptr_array_add (unreviewed, g_steal_pointer (&element));
    }

  if (unreviewed->len > 0)
    g_string_append_printf (out, _("%u elements have no threat review:\n"), unreviewed->len);
  for (guint i = 0; i < unreviewed->len; i++)
    {
      MoatElement *element = g_ptr_array_index (unreviewed, i);

      g_string_append_printf (out, "  %s (%s)\n", name_or_unnamed (moat_element_get_name (element)),
                              moat_format_enum_label (MOAT_TYPE_ELEMENT_KIND, moat_element_get_kind (element)));
    }

  if (threats->len > 0)
    g_string_append_printf (out, _("%u threats are flagged for review:\n"), threats->len);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      g_autofree char *reason = moat_rule_engine_get_review_reason (engine, threat);
      const char *why = reason ? reason : moat_threat_get_review_reason (threat);

      g_string_append_printf (out, "  %s: %s\n", name_or_unnamed (moat_threat_get_title (threat)),
                              why != NULL && *why != '\0' ? why : _("flagged by a person"));
    }

  return unreviewed->len + threats->len;
}

int
moat_cli_check (int    argc,
                char **argv)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *fail_on = NULL;
  gboolean require_review = FALSE;
  MoatRiskLevel level = MOAT_RISK_LOW;
  guint problems = 0;
  int status;
  GOptionEntry entries[] = {
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      N_("Fail when an open threat has this residual risk or worse: low, medium, high or critical"),
      N_("LEVEL") },
    { "require-review", 0, 0, G_OPTION_ARG_NONE, &require_review,
      N_("Fail when an element has no threat review or a threat is flagged for review"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"),
                       _("Checks a model for CI: lists what fails and exits with 1 if anything\n"
                                  "does, 0 if nothing does. A threat’s residual risk counts its\n"
                                  "implemented and verified controls. MODEL is a project file or a model\n"
                                  "in JSON."),
                       entries, 1, &argc, &argv, &status))
    return status;

  if (fail_on != NULL && !moat_risk_level_from_nick (fail_on, &level))
    return moat_cli_fail_message (_("unknown risk level “%s”; use low, medium, high or critical"), fail_on);
  if (!(model = moat_cli_load_or_fail (argv[1], &status)))
    return status;

  if (fail_on != NULL)
    problems += check_threats (model, level, out);
  if (require_review)
    problems += check_reviews (model, out);

  if (problems == 0)
    g_string_append (out, _("No problems found.\n"));
  fputs (out->str, stdout);

  return problems > 0 ? MOAT_CLI_CHECK_FAILED : 0;
}
