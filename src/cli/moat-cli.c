/* moat-cli.c: the command-line tool
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit codes: 0 success, 1 a check failed, 2 a usage or input error.
 * Every error is one line on standard error.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"
#include "moat-temp-file.h"

static const MoatCliCommand commands[] = {
  { "import", N_("Make a project file from Moat JSON, Threat Dragon, OTM, TM-BOM or .tm7"), moat_cli_import },
  { "export", N_("Write a model as JSON, Threat Dragon, OTM, TM-BOM, Markdown or CSV"), moat_cli_export },
  { "info", N_("Show what a model holds"), moat_cli_info },
  { "diff", N_("Show what changed between two versions of a model"), moat_cli_diff },
  { "merge", N_("Merge two versions of a model (git’s merge driver for models)"), moat_cli_merge },
  { "stats", N_("Count a model’s elements, threats, controls and assumptions"), moat_cli_stats },
  { "report", N_("Write a model as a PDF report"), moat_cli_report },
  { "suggest", N_("List the threats the rules suggest"), moat_cli_suggest },
  { "check", N_("Fail on open threats at a risk level, or on missing reviews"), moat_cli_check },
  { "coverage", N_("Show which catalogue requirements (OWASP ASVS …) the controls meet"), moat_cli_coverage },
  { "estate", N_("Summarise risk across many models, and what needs attention"), moat_cli_estate },
  { "feature-check", N_("Record the questions answered about a feature, or list them"), moat_cli_feature_check },
  { "rules", N_("List the rules and catalogues, or check a rules or catalogue file"), moat_cli_rules },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  moat-cli COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("“moat-cli COMMAND --help” describes a command."));
  fprintf (stream, "%s\n", moat_cli_exit_status_text ());
}

int
main (int   argc,
      char *argv[])
{
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return MOAT_CLI_USAGE_ERROR;
    }

  name = argv[1];
  if (g_str_equal (name, "--version") || g_str_equal (name, "version"))
    {
      printf ("moat-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("moat-cli %s", name);

        g_set_prgname (prgname);
        moat_temp_file_clean_stale ();
        return commands[i].run (argc - 1, argv + 1);
      }

  return moat_cli_fail_message (_("unknown command “%s”; see “moat-cli --help”"), name);
}
