/* moat-cli-rules.c: what the library holds, and checking a team's files
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"

static char *
joined (const char * const *strv)
{
  return strv != NULL && strv[0] != NULL ? g_strjoinv (" ", (char **)strv) : g_strdup ("-");
}

static char *
list_text (MoatLibrary *library)
{
  g_autoptr(GString) out = g_string_new (NULL);
  MoatRuleSet *rules = moat_library_get_rule_set (library);
  const char * const *errors = moat_library_get_errors (library);

  g_string_append_printf (out, _("Rules (%u):\n"), moat_rule_set_get_n_rules (rules));
  for (guint i = 0; i < moat_rule_set_get_n_rules (rules); i++)
    {
      MoatRule *rule = moat_rule_set_get_rule (rules, i);
      g_autofree char *refs = joined (moat_rule_get_refs (rule));

      g_string_append_printf (out, "  %-40s %-8s %s\n", moat_rule_get_id (rule), moat_rule_get_set (rule), refs);
    }

  g_string_append_printf (out, _("Catalogues (%u):\n"), moat_library_get_n_catalogues (library));
  for (guint i = 0; i < moat_library_get_n_catalogues (library); i++)
    {
      MoatCatalogue *catalogue = moat_library_get_catalogue (library, i);

      g_string_append_printf (out, "  %-10s %s%s%s: %u requirements, levels 1 to %d (%s)\n",
                              moat_catalogue_get_id (catalogue), moat_catalogue_get_title (catalogue),
                              moat_catalogue_get_release (catalogue) ? " " : "",
                              moat_catalogue_get_release (catalogue) ?: "",
                              moat_catalogue_get_n_requirements (catalogue),
                              moat_catalogue_get_max_level (catalogue),
                              moat_library_is_builtin_catalogue (library, catalogue) ? _("built in")
                                                                                   : moat_catalogue_get_source (catalogue));
    }

  for (guint i = 0; errors[i] != NULL; i++)
    g_string_append_printf (out, _("Not loaded: %s\n"), errors[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static char *
list_json (MoatLibrary *library)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  MoatRuleSet *rules = moat_library_get_rule_set (library);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < moat_rule_set_get_n_rules (rules); i++)
    {
      MoatRule *rule = moat_rule_set_get_rule (rules, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, moat_rule_get_id (rule));
      json_builder_set_member_name (builder, "set");
      json_builder_add_string_value (builder, moat_rule_get_set (rule));
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, moat_rule_get_category (rule));
      json_builder_set_member_name (builder, "origin");
      json_builder_add_string_value (builder, moat_rule_set_get_origin (rules, moat_rule_get_id (rule)));
      add_strv (builder, "refs", moat_rule_get_refs (rule));
      add_strv (builder, "requirements", moat_rule_get_requirements (rule));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "catalogues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < moat_library_get_n_catalogues (library); i++)
    {
      MoatCatalogue *catalogue = moat_library_get_catalogue (library, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, moat_catalogue_get_id (catalogue));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, moat_catalogue_get_title (catalogue));
      json_builder_set_member_name (builder, "release");
      json_builder_add_string_value (builder, moat_catalogue_get_release (catalogue));
      json_builder_set_member_name (builder, "requirements");
      json_builder_add_int_value (builder, moat_catalogue_get_n_requirements (catalogue));
      json_builder_set_member_name (builder, "builtin");
      json_builder_add_boolean_value (builder, moat_library_is_builtin_catalogue (library, catalogue));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, moat_catalogue_get_source (catalogue));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_strv (builder, "errors", moat_library_get_errors (library));
  json_builder_end_object (builder);

  return moat_cli_json_text (builder);
}

/* A catalogue file has requirements; a rules file has rules. */
static gboolean
looks_like_catalogue (const char *data,
                      gsize       length)
{
  g_autoptr(JsonNode) root = moat_json_parse_untrusted (data, length, NULL);

  return root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
         json_object_has_member (json_node_get_object (root), "requirements");
}

/* Checks one rules or catalogue file against everything Moat knows.
 * Returns the exit status. */
static int
check_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(MoatLibrary) library = moat_library_new_builtin ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GPtrArray) problems = NULL;
  gsize length;
  guint count = 0;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error))
    return moat_cli_fail (error);

  if (looks_like_catalogue (data, length))
    {
      g_autoptr(MoatCatalogue) catalogue = moat_catalogue_new_from_data (data, length, name, &error);

      if (catalogue == NULL || !moat_library_add_catalogue (library, catalogue, &error))
        {
          g_autofree char *line = g_strdup (error->message);

          g_strdelimit (line, "\r\n", ' ');
          printf ("%s\n", line);
          return MOAT_CLI_CHECK_FAILED;
        }
      printf (_("%s: catalogue “%s” with %u requirements: no problems found.\n"), name,
              moat_catalogue_get_id (catalogue), moat_catalogue_get_n_requirements (catalogue));
      return 0;
    }

  if (!moat_rule_set_load_data (moat_library_get_rule_set (library), data, length, name, FALSE, &error))
    {
      g_autofree char *line = g_strdup (error->message);

      g_strdelimit (line, "\r\n", ' ');
      printf ("%s\n", line);
      return MOAT_CLI_CHECK_FAILED;
    }

  problems = moat_library_check_rules (library);
  for (guint i = 0; i < problems->len; i++)
    {
      MoatLibraryProblem *problem = problems->pdata[i];

      /* The built-in rules are checked by Moat's own tests. */
      if (g_strcmp0 (problem->origin, name) != 0)
        continue;
      printf (_("%s: rule “%s”: %s\n"), problem->origin, problem->rule_id, problem->message);
      count++;
    }

  if (count > 0)
    return MOAT_CLI_CHECK_FAILED;
  printf (_("%s: no problems found.\n"), name);
  return 0;
}

int
moat_cli_rules (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MoatLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int n_args;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text (list)"), NULL },
    { NULL }
  };

  /* "check" takes a file; "list" nothing. */
  n_args = argc > 1 && g_str_equal (argv[1], "check") ? 2 : 1;
  context = g_option_context_new (_("list | check FILE"));
  g_option_context_set_summary (context,
                                _("“list” shows the rules and requirement catalogues Moat knows: the\n"
                                  "built-in ones, your rules from $XDG_CONFIG_HOME/moat/rules.json and\n"
                                  "$XDG_CONFIG_HOME/moat/rules/, your catalogues from\n"
                                  "$XDG_CONFIG_HOME/moat/catalogues/, and the files that did not load,\n"
                                  "with where the problem is.\n"
                                  "“check FILE” checks a rules or catalogue file: its format, and that\n"
                                  "every reference and requirement it names is known. It exits with 1\n"
                                  "when it finds a problem."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!moat_cli_parse (context, &argc, &argv, n_args, &status))
    return status;

  if (g_str_equal (argv[1], "check"))
    return check_file (argv[2]);
  if (!g_str_equal (argv[1], "list"))
    return moat_cli_fail_message (_("unknown subcommand “%s”; use list or check"), argv[1]);

  library = moat_library_new_default ();
  text = json ? list_json (library) : list_text (library);
  if (!moat_cli_write_output (NULL, text, strlen (text), &error))
    return moat_cli_fail (error);

  return 0;
}
