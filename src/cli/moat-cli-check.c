/* moat-cli-check.c: a gate for CI
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

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

typedef struct
{
  MoatModel     *model;
  MoatRiskBasis  basis;
} CheckContext;

static int
compare_by_level (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  CheckContext *check = data;
  MoatRiskAssessment x, y;
  MoatRiskLevel lx, ly;

  moat_risk_assess (check->model, *(MoatThreat **)a, &x);
  moat_risk_assess (check->model, *(MoatThreat **)b, &y);
  lx = moat_risk_assessment_get_level (&x, check->basis);
  ly = moat_risk_assessment_get_level (&y, check->basis);
  if (lx != ly)
    return lx > ly ? -1 : 1;
  return g_strcmp0 (moat_threat_get_title (*(MoatThreat **)a), moat_threat_get_title (*(MoatThreat **)b));
}

/* Returns: (transfer full): the open threats whose risk on @basis is
 * @level or worse, the worst first */
static GPtrArray *
failing_threats (MoatModel     *model,
                 MoatRiskBasis  basis,
                 MoatRiskLevel  level)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  GPtrArray *failing = g_ptr_array_new_with_free_func (g_object_unref);
  CheckContext check = { model, basis };

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      if (risk.open && moat_risk_assessment_get_level (&risk, basis) >= level)
        g_ptr_array_add (failing, g_steal_pointer (&threat));
    }
  g_ptr_array_sort_with_data (failing, compare_by_level, &check);
  return failing;
}

static guint
check_threats (MoatModel     *model,
               MoatRiskBasis  basis,
               MoatRiskLevel  level,
               GString       *out)
{
  g_autoptr(GPtrArray) failing = failing_threats (model, basis, level);

  if (failing->len > 0)
    g_string_append_printf (out,
                            basis == MOAT_RISK_BASIS_RESIDUAL
                            /* TRANSLATORS: "3 open threats at high residual risk or above (after the controls in place):" */
                            ? _("%u open threats at %s residual risk or above (after the controls in place):\n")
                            /* TRANSLATORS: "3 open threats at high inherent risk or above (before any control):" */
                            : _("%u open threats at %s inherent risk or above (before any control):\n"),
                            failing->len, moat_risk_level_get_nick (level));
  else
    g_string_append_printf (out,
                            basis == MOAT_RISK_BASIS_RESIDUAL
                            ? _("No open threat at %s residual risk or above (after the controls in place).\n")
                            : _("No open threat at %s inherent risk or above (before any control).\n"),
                            moat_risk_level_get_nick (level));
  for (guint i = 0; i < failing->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (failing, i);
      g_autofree char *elements = element_names (model, threat);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      g_string_append_printf (out, "  %-8s %s (%s); %s %s, %s %s\n",
                              moat_risk_level_get_nick (moat_risk_assessment_get_level (&risk, basis)),
                              name_or_unnamed (moat_threat_get_title (threat)), elements,
                              _("inherent"), moat_risk_level_get_nick (risk.level),
                              _("residual"), moat_risk_level_get_nick (risk.residual_level));
    }

  return failing->len;
}

/* "Order service (process) on “Checkout flow”": an element with its kind
 * and the diagram it is on, as names repeat from one diagram to the next. */
static char *
element_with_diagram (MoatModel   *model,
                      MoatElement *element)
{
  MoatDiagram *diagram = moat_model_lookup_typed (model, moat_element_get_diagram_id (element),
                                                  MOAT_TYPE_DIAGRAM);
  const char *title = diagram != NULL ? moat_diagram_get_title (diagram) : NULL;

  /* TRANSLATORS: "Order service (process) on “Checkout flow”": an element, its kind, its diagram */
  return g_strdup_printf (_("%s (%s) on “%s”"), name_or_unnamed (moat_element_get_name (element)),
                          moat_format_enum_label (MOAT_TYPE_ELEMENT_KIND, moat_element_get_kind (element)),
                          title != NULL && *title != '\0' ? title : _("untitled diagram"));
}

/* Elements nobody has reviewed for threats, and threats that need a
 * second look. */
static guint
check_reviews (MoatModel  *model,
               GString    *out,
               GPtrArray **unreviewed_out)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  g_autoptr(MoatRuleSet) rules = moat_cli_load_rules ();
  g_autoptr(MoatRuleEngine) engine = moat_rule_engine_new (model, rules);
  g_autoptr(GPtrArray) threats = moat_rule_engine_list_review (engine);
  g_autoptr(GPtrArray) unreviewed = g_ptr_array_new_with_free_func (g_object_unref);
  guint problems;

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (moat_review_is_pending (element))
        g_ptr_array_add (unreviewed, g_steal_pointer (&element));
    }

  if (unreviewed->len > 0)
    g_string_append_printf (out, _("%u elements have no threat review:\n"), unreviewed->len);
  for (guint i = 0; i < unreviewed->len; i++)
    {
      MoatElement *element = g_ptr_array_index (unreviewed, i);
      g_autofree char *label = element_with_diagram (model, element);
      g_autofree char *since = moat_review_describe (element);

      g_string_append_printf (out, "  %s", label);
      if (since != NULL)
        g_string_append_printf (out, ": %s", since);
      g_string_append_c (out, '\n');
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

  problems = unreviewed->len + threats->len;
  *unreviewed_out = g_steal_pointer (&unreviewed);
  return problems;
}

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Every threat with both levels, so that a script reads the same
 * figures as the report and the exports, and whether it fails the gate. */
static void
json_threats (JsonBuilder   *builder,
              MoatModel     *model,
              GPtrArray     *failing)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  g_autoptr(GEnumClass) statuses = g_type_class_ref (MOAT_TYPE_THREAT_STATUS);
  g_autoptr(GHashTable) fails = g_hash_table_new (NULL, NULL);

  for (guint i = 0; failing != NULL && i < failing->len; i++)
    g_hash_table_add (fails, g_ptr_array_index (failing, i));
  json_builder_set_member_name (builder, "threats");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      g_autofree char *reason = moat_risk_describe_impact_untranslated (model, threat);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      json_builder_begin_object (builder);
      add_member (builder, "id", moat_object_get_id (MOAT_OBJECT (threat)));
      add_member (builder, "title", name_or_unnamed (moat_threat_get_title (threat)));
      add_member (builder, "status", g_enum_get_value (statuses, moat_threat_get_status (threat))->value_nick);
      add_int_member (builder, "likelihood", risk.likelihood);
      add_int_member (builder, "impact", risk.impact);
      add_member (builder, "impact_from", reason);
      add_member (builder, "inherent_risk", moat_risk_level_get_nick (risk.level));
      add_int_member (builder, "residual_likelihood", risk.residual_likelihood);
      add_member (builder, "residual_risk", moat_risk_level_get_nick (risk.residual_level));
      json_builder_set_member_name (builder, "fails");
      json_builder_add_boolean_value (builder, g_hash_table_contains (fails, threat));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The elements without a review, so that a script can name them as
 * precisely as a person reads them: with their diagram. */
static void
json_unreviewed (JsonBuilder *builder,
                 MoatModel   *model,
                 GPtrArray   *unreviewed)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (MOAT_TYPE_ELEMENT_KIND);

  json_builder_set_member_name (builder, "unreviewed_elements");
  json_builder_begin_array (builder);
  for (guint i = 0; unreviewed != NULL && i < unreviewed->len; i++)
    {
      MoatElement *element = g_ptr_array_index (unreviewed, i);
      const char *diagram_id = moat_element_get_diagram_id (element);
      MoatDiagram *diagram = moat_model_lookup_typed (model, diagram_id, MOAT_TYPE_DIAGRAM);

      json_builder_begin_object (builder);
      add_member (builder, "id", moat_object_get_id (MOAT_OBJECT (element)));
      add_member (builder, "name", name_or_unnamed (moat_element_get_name (element)));
      add_member (builder, "kind", g_enum_get_value (kinds, moat_element_get_kind (element))->value_nick);
      json_builder_set_member_name (builder, "diagram");
      if (diagram != NULL)
        {
          json_builder_begin_object (builder);
          add_member (builder, "id", diagram_id);
          add_member (builder, "title", name_or_unnamed (moat_diagram_get_title (diagram)));
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
check_json (MoatModel     *model,
            MoatRiskBasis  basis,
            const char    *fail_on,
            GPtrArray     *failing,
            GPtrArray     *unreviewed,
            const char    *review_text,
            guint          problems)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) lines = g_strsplit (review_text, "\n", -1);

  json_builder_begin_object (builder);
  add_member (builder, "basis", moat_risk_basis_get_nick (basis));
  json_builder_set_member_name (builder, "fail_on");
  if (fail_on != NULL)
    json_builder_add_string_value (builder, fail_on);
  else
    json_builder_add_null_value (builder);
  add_int_member (builder, "problems", problems);
  json_threats (builder, model, failing);
  json_unreviewed (builder, model, unreviewed);
  json_builder_set_member_name (builder, "review");
  json_builder_begin_array (builder);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      json_builder_add_string_value (builder, lines[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return moat_cli_json_text (builder);
}

int
moat_cli_check (int    argc,
                char **argv)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) review = g_string_new (NULL);
  g_autoptr(GPtrArray) failing = NULL;
  g_autoptr(GPtrArray) unreviewed = NULL;
  g_autofree char *fail_on = NULL;
  g_autofree char *basis_name = NULL;
  gboolean require_review = FALSE, as_json = FALSE;
  MoatRiskLevel level = MOAT_RISK_LOW;
  MoatRiskBasis basis = MOAT_RISK_BASIS_RESIDUAL;
  guint problems = 0;
  int status;
  GOptionEntry entries[] = {
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      N_("Fail when an open threat has this risk or worse: low, medium, high or critical"),
      N_("LEVEL") },
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis_name,
      N_("Gate on the residual risk, after the controls in place (the default), or the inherent risk"),
      N_("residual|inherent") },
    { "require-review", 0, 0, G_OPTION_ARG_NONE, &require_review,
      N_("Fail when an element has no threat review or a threat is flagged for review"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Write JSON: every threat with its inherent and residual risk, and what fails"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"),
                       _("Checks a model for CI: lists what fails and exits with 1 if anything\n"
                         "does, 0 if nothing does. By default --fail-on gates on the residual\n"
                         "risk, which counts a threat’s implemented and verified controls;\n"
                         "--basis inherent gates on the risk before any control. MODEL is a\n"
                         "project file or a model in JSON."),
                       entries, 1, &argc, &argv, &status))
    return status;

  if (!moat_cli_parse_gate (fail_on, basis_name, &level, &basis, &status))
    return status;
  if (!(model = moat_cli_load_or_fail (argv[1], &status)))
    return status;

  if (fail_on != NULL)
    {
      failing = failing_threats (model, basis, level);
      problems += check_threats (model, basis, level, out);
    }
  if (require_review)
    problems += check_reviews (model, review, &unreviewed);
  g_string_append (out, review->str);

  if (as_json)
    {
      g_autofree char *text = check_json (model, basis, fail_on, failing, unreviewed,
                                            review->str, problems);

      fputs (text, stdout);
    }
  else
    {
      if (problems == 0)
        g_string_append (out, _("No problems found.\n"));
      fputs (out->str, stdout);
    }

  return problems > 0 ? MOAT_CLI_CHECK_FAILED : 0;
}
