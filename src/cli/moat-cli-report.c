/* moat-cli-report.c: the PDF report
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "moat-cli.h"
#include "moat-report.h"

static gboolean
parse_paper (const char  *name,
             MoatPaper   *paper,
             GError     **error)
{
  if (name == NULL || g_ascii_strcasecmp (name, "a4") == 0)
    *paper = MOAT_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = MOAT_PAPER_LETTER;
  else
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("unknown paper size “%s”; use a4 or letter"), name), FALSE;
  return TRUE;
}

static gboolean
parse_grouping (const char          *name,
                MoatReportGrouping  *grouping,
                GError             **error)
{
  if (name == NULL || g_str_equal (name, "risk"))
    *grouping = MOAT_REPORT_GROUP_BY_RISK;
  else if (g_str_equal (name, "element"))
    *grouping = MOAT_REPORT_GROUP_BY_ELEMENT;
  else
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("unknown grouping “%s”; use risk or element"), name), FALSE;
  return TRUE;
}

/* A day (midnight, local time) or an ISO 8601 time. */
static gboolean
parse_since (const char  *text,
             gint64      *since,
             GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int year, month, day;
  char end;

  if (text == NULL)
    {
      *since = 0;
      return TRUE;
    }

  if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    time = g_date_time_new (local, year, month, day, 0, 0, 0);
  else
    time = g_date_time_new_from_iso8601 (text, local);

  if (time == NULL)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("“%s” is not a date; use YYYY-MM-DD"), text), FALSE;

  *since = g_date_time_to_unix (time) * G_USEC_PER_SEC;
  return TRUE;
}

/* A level the catalogue lacks is a mistake on the command line: fail
 * rather than write a report that says so (the app's dialog never asks). */
static gboolean
check_coverage_level (MoatModel  *model,
                      int         level,
                      GError    **error)
{
  g_autoptr(MoatLibrary) library = moat_cli_load_library ();
  g_autofree char *catalogue = moat_coverage_default_catalogue (model);
  g_autoptr(MoatCoverage) coverage = moat_coverage_compute (library, model, catalogue, level, error);

  return coverage != NULL;
}

int
moat_cli_report (int    argc,
                 char **argv)
{
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *sections = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *since = NULL;
  g_autofree char *group_by = NULL;
  int coverage_level = 0;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("The PDF file to write"), N_("OUT.pdf") },
    { "sections", 's', 0, G_OPTION_ARG_STRING, &sections,
      N_("The sections to include, separated by commas (default: all): cover, summary, context, "
         "diagrams, elements, threats, roadmap, coverage, assumptions, history, rules; coverage only "
         "when the model names a catalogue or a control names a requirement, or when asked for alone)"),
      N_("LIST") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper, N_("The paper size: a4 (the default) or letter"), N_("SIZE") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Show the change history from this day on (default: all of it)"), N_("YYYY-MM-DD") },
    { "group-by", 0, 0, G_OPTION_ARG_STRING, &group_by,
      N_("List the threats by risk (the default) or by element"), N_("risk|element") },
    { "coverage-level", 0, 0, G_OPTION_ARG_INT, &coverage_level,
      N_("The catalogue level the coverage section measures (default: 1)"), N_("N") },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"),
                       _("Writes a threat model as a PDF report for the people who\n"
                                           "own the risks: a summary, the diagrams, the threats, the\n"
                                           "control roadmap and the assumptions to test. MODEL is a\n"
                                           "project file (its change history is included) or any file\n"
                                           "import reads."),
                       entries, 1, &argc, &argv, &status))
    return status;

  if (out_path == NULL)
    return moat_cli_fail_message (_("say where to write the report with -o OUT.pdf"));
  if ((sections != NULL && !moat_report_sections_parse (sections, &options->sections, &error)) ||
      !parse_paper (paper, &options->paper, &error) ||
      !parse_grouping (group_by, &options->grouping, &error) ||
      !parse_since (since, &options->since, &error))
    return moat_cli_fail (error);
  if (coverage_level < 0)
    return moat_cli_fail_message (_("the coverage level is a number from 1"));
  options->coverage_level = coverage_level;

  /* A project file brings its change history; other files have none. */
  input = g_file_new_for_commandline_arg (argv[1]);
  if (moat_store_check (input, NULL))
    {
      if (!(store = moat_cli_open (argv[1], &error)))
        return moat_cli_fail (error);
      model = g_object_ref (moat_store_get_model (store));
    }
  else if (!(model = moat_cli_load (argv[1], &error)))
    return moat_cli_fail (error);

  if (coverage_level > 0 && !check_coverage_level (model, coverage_level, &error))
    {
      if (store != NULL)
        moat_store_close (store);
      return moat_cli_fail (error);
    }

  output = g_file_new_for_commandline_arg (out_path);
  if (!moat_report_export_pdf (model, store, options, output, NULL, &error))
    {
      if (store != NULL)
        moat_store_close (store);
      return moat_cli_fail (error);
    }

  if (store != NULL)
    moat_store_close (store);
  return 0;
}
