/* moat-cli-suggest.c: the threats the rules suggest for a model
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

/**
 * moat_cli_load_rules:
 *
 * The built-in rules and the person's own. A broken rules file of theirs
 * is worth a warning, not a failure: the built-in rules still work.
 *
 * Returns: (transfer full): the rules
 */
MoatRuleSet *
moat_cli_load_rules (void)
{
  g_autoptr(GError) error = NULL;
  MoatRuleSet *rules = moat_rule_set_new_default (&error);

  if (error != NULL)
    {
      g_autofree char *line = g_strdup (error->message);

      g_strdelimit (line, "\r\n", ' ');
      /* TRANSLATORS: %s is a problem with the user's rules file */
      fprintf (stderr, _("moat-cli: warning: %s; using the built-in rules only\n"), line);
    }

  return rules;
}

/* --rule-sets stride,linddun: replaces the model's choice, in memory. */
static gboolean
apply_rule_sets (MoatModel    *model,
                 MoatRuleSet  *rules,
                 const char   *list,
                 GError      **error)
{
  g_auto(GStrv) wanted = g_strsplit (list, ",", -1);
  g_auto(GStrv) known = moat_rule_set_list_sets (rules);
  g_autofree char *known_list = g_strjoinv (", ", known);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      g_strstrip (wanted[i]);
      if (!g_strv_contains ((const char * const *)known, wanted[i]))
        return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                            _("unknown rule set “%s”; known sets: %s"), wanted[i], known_list), FALSE;
    }

  g_object_set (model, "rule-sets", wanted, NULL);
  return TRUE;
}

static const char *
kind_nick (MoatElementKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_ELEMENT_KIND);

  return g_enum_get_value (klass, kind)->value_nick;
}

static const char *
element_name (MoatElement *element)
{
  const char *name = moat_element_get_name (element);

  return name != NULL && *name != '\0' ? name : _("(unnamed)");
}

static char *
suggest_text (MoatModel      *model,
              MoatRuleEngine *engine,
              GPtrArray      *suggestions)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) sets = moat_rule_engine_dup_enabled_sets (engine);
  g_autofree char *set_list = g_strjoinv (", ", sets);
  g_autoptr(GHashTable) elements = g_hash_table_new (g_str_hash, g_str_equal);
  const char *current = NULL;

  for (guint i = 0; i < suggestions->len; i++)
    g_hash_table_add (elements, (char *)moat_suggestion_get_element_id (g_ptr_array_index (suggestions, i)));

  g_string_append_printf (out,
                          /* TRANSLATORS: "Acme Pay: 12 suggestions for 5 elements (rule sets: stride, context)" */
                          _("%s: %u suggestions for %u elements (rule sets: %s)\n"),
                          moat_model_get_title (model) ? moat_model_get_title (model) : _("Untitled model"),
                          suggestions->len, g_hash_table_size (elements), set_list);
  g_string_append (out, _("Levels are inherent risk: likelihood × the impact of the element’s assets in the\n"
                          "dimension the category harms, before any control.\n"));

  for (guint i = 0; i < suggestions->len; i++)
    {
      MoatSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      const char *element_id = moat_suggestion_get_element_id (suggestion);

      if (g_strcmp0 (current, element_id) != 0)
        {
          MoatElement *element = moat_model_lookup_typed (model, element_id, MOAT_TYPE_ELEMENT);

          g_string_append_printf (out, "\n%s (%s)\n", element_name (element),
                                  moat_format_enum_label (MOAT_TYPE_ELEMENT_KIND, moat_element_get_kind (element)));
          current = element_id;
        }
      g_string_append_printf (out, "  %-8s %-2s %s  [%s]\n",
                              moat_risk_level_get_nick (moat_suggestion_get_level (suggestion)),
                              moat_suggestion_get_category (suggestion),
                              moat_suggestion_get_title (suggestion),
                              moat_suggestion_get_rule_id (suggestion));
    }

  return g_string_free (out, FALSE);
}

static void
add_suggestion (JsonBuilder    *builder,
                MoatModel      *model,
                MoatSuggestion *suggestion)
{
  MoatElement *element = moat_model_lookup_typed (model, moat_suggestion_get_element_id (suggestion),
                                                  MOAT_TYPE_ELEMENT);
  const char * const *controls = moat_suggestion_get_suggested_controls (suggestion);

  json_builder_begin_object (builder);
  moat_cli_json_add_string (builder, "rule_id", moat_suggestion_get_rule_id (suggestion));
  moat_cli_json_add_string (builder, "rule_set", moat_rule_get_set (moat_suggestion_get_rule (suggestion)));
  moat_cli_json_add_string (builder, "element_id", moat_suggestion_get_element_id (suggestion));
  moat_cli_json_add_string (builder, "element", moat_element_get_name (element));
  moat_cli_json_add_string (builder, "element_kind", kind_nick (moat_element_get_kind (element)));
  moat_cli_json_add_string (builder, "title", moat_suggestion_get_title (suggestion));
  moat_cli_json_add_string (builder, "description", moat_suggestion_get_description (suggestion));
  moat_cli_json_add_string (builder, "category", moat_suggestion_get_category (suggestion));
  moat_cli_json_add_int (builder, "likelihood", moat_suggestion_get_likelihood (suggestion));
  moat_cli_json_add_int (builder, "impact", moat_suggestion_get_impact (suggestion));
  moat_cli_json_add_string (builder, "risk", moat_risk_level_get_nick (moat_suggestion_get_level (suggestion)));
  /* A suggestion has no control yet: its risk is the inherent one. */
  moat_cli_json_add_string (builder, "inherent_risk", moat_risk_level_get_nick (moat_suggestion_get_level (suggestion)));
  json_builder_set_member_name (builder, "suggested_controls");
  json_builder_begin_array (builder);
  for (guint i = 0; controls != NULL && controls[i] != NULL; i++)
    json_builder_add_string_value (builder, controls[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
suggest_json (MoatModel      *model,
              MoatRuleEngine *engine,
              GPtrArray      *suggestions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) sets = moat_rule_engine_dup_enabled_sets (engine);

  json_builder_begin_object (builder);
  moat_cli_json_add_string (builder, "model", moat_model_get_title (model));
  json_builder_set_member_name (builder, "rule_sets");
  json_builder_begin_array (builder);
  for (guint i = 0; sets[i] != NULL; i++)
    json_builder_add_string_value (builder, sets[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    add_suggestion (builder, model, g_ptr_array_index (suggestions, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return moat_cli_json_text (builder);
}

int
moat_cli_suggest (int    argc,
                  char **argv)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatRuleSet) rules = NULL;
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rule_sets = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "rule-sets", 0, 0, G_OPTION_ARG_STRING, &rule_sets,
      N_("Use these rule sets instead of the model’s (stride, context, linddun, custom)"), N_("SET,…") },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"),
                       _("Prints the threats the rules suggest for a model: those that are\n"
                                  "neither accepted (a threat with the rule’s id on the element) nor\n"
                                  "dismissed. MODEL is a project file or a model in JSON.\n"
                                  "Your own rules are read from $XDG_CONFIG_HOME/moat/rules.json."),
                       entries, 1, &argc, &argv, &status))
    return status;

  if (!(model = moat_cli_load_or_fail (argv[1], &status)))
    return status;

  rules = moat_cli_load_rules ();
  if (rule_sets != NULL && !apply_rule_sets (model, rules, rule_sets, &error))
    return moat_cli_fail (error);

  engine = moat_rule_engine_new (model, rules);
  suggestions = moat_rule_engine_list_suggestions (engine, NULL);
  text = json ? suggest_json (model, engine, suggestions) : suggest_text (model, engine, suggestions);

  if (!moat_cli_write_output (NULL, text, strlen (text), &error))
    return moat_cli_fail (error);

  return 0;
}
