/* moat-cli-estate.c: risk across many models
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli-estate.h"

/* "2026-10-20", or "never" */
char *
moat_cli_estate_day (gint64 time)
{
  g_autoptr(GDateTime) date = time != 0 ? g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC) : NULL;

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup (_("never"));
}

/* "2026-11-20, MOB-88 Dark mode: No model change needed: …", or "never" */
char *
moat_cli_estate_last_check (MoatEstateSystem *system)
{
  MoatFeatureCheck *check = moat_estate_system_get_last_check (system);
  g_autofree char *day = NULL;
  g_autofree char *outcome = NULL;

  if (check == NULL)
    return g_strdup (_("never"));
  day = moat_cli_estate_day (moat_feature_check_get_checked_at (check));
  outcome = moat_feature_check_describe (check);
  /* TRANSLATORS: date, feature, outcome: "2026-11-20, MOB-88 Dark mode: No model change needed" */
  return g_strdup_printf (_("%s, %s: %s"), day, moat_feature_check_get_title (check), outcome);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static void
text_levels (GString          *out,
             MoatEstateSystem *system,
             MoatEstate       *estate,
             MoatRiskBasis     basis)
{
  for (int level = MOAT_RISK_CRITICAL; level >= MOAT_RISK_LOW; level--)
    g_string_append_printf (out, "%s%u %s", level == MOAT_RISK_CRITICAL ? "" : ", ",
                            system != NULL ? moat_estate_system_get_n_open (system, basis, level)
                                           : moat_estate_get_n_open (estate, basis, level),
                            moat_risk_level_get_nick (level));
}

static void
text_overdue (GString          *out,
              MoatEstateSystem *system,
              guint             overdue_days)
{
  GPtrArray *overdue = moat_estate_system_get_overdue (system);

  if (overdue->len == 0)
    return;
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "  Proposed or planned for more than %u day:\n",
                                            "  Proposed or planned for more than %u days:\n",
                                            overdue_days), overdue_days);
  for (guint i = 0; i < overdue->len; i++)
    {
      MoatEstateOverdue *o = g_ptr_array_index (overdue, i);
      g_autofree char *since = moat_cli_estate_day (o->since);

      /* TRANSLATORS: "    Mutual TLS for partners (planned since 2026-08-07)" */
      g_string_append_printf (out, _("    %s (%s since %s)\n"), o->title,
                              moat_format_enum_label (MOAT_TYPE_CONTROL_STATUS, o->status), since);
    }
}

static void
text_system (GString          *out,
             MoatCliEstate    *view,
             MoatEstateSystem *system,
             guint             rank)
{
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (system);
  g_autofree char *changed = moat_cli_estate_day (moat_estate_system_get_last_change (system));
  g_autofree char *reviewed = moat_cli_estate_day (moat_estate_system_get_last_review (system));
  g_autofree char *data = moat_estate_data_to_string (moat_estate_system_get_data (system));
  g_autofree char *check = moat_cli_estate_last_check (system);

  g_string_append_printf (out, "%u. %s (%s)\n", rank, moat_estate_system_get_title (system),
                          moat_estate_system_get_path (system));
  g_string_append_printf (out, _("  Owner: %s\n"), or_dash (moat_estate_system_get_owner (system)));
  g_string_append_printf (out, _("  Last change: %s; last review: %s\n"), changed, reviewed);
  g_string_append (out, _("  Open threats, residual: "));
  text_levels (out, system, NULL, MOAT_RISK_BASIS_RESIDUAL);
  g_string_append (out, _("; inherent: "));
  text_levels (out, system, NULL, MOAT_RISK_BASIS_INHERENT);
  g_string_append_c (out, '\n');
  if (top != NULL)
    /* TRANSLATORS: "  Highest risk: critical, Card data skimmed (asset: Cardholder data)" */
    g_string_append_printf (out, _("  Highest risk: %s, %s (asset: %s)\n"), moat_risk_level_get_nick (top->level),
                            top->title, top->asset != NULL ? top->asset : _("none linked"));
  g_string_append_printf (out, _("  Assumptions: %u unvalidated, %u invalidated\n"),
                          moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_UNVALIDATED),
                          moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_INVALIDATED));
  text_overdue (out, system, view->overdue_days);
  g_string_append_printf (out, _("  Sensitive data: %s; faces the Internet: %s\n"),
                          *data != '\0' ? data : _("none"),
                          moat_estate_system_get_internet_facing (system) ? _("yes") : _("no"));
  g_string_append_printf (out, _("  Last feature check: %s\n"), check);
}

static void
text_heat_map (GString       *out,
               MoatCliEstate *view)
{
  guint counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];

  moat_estate_get_heat_map (view->estate, view->basis, counts);
  g_string_append_printf (out, "\n%s\n", view->basis == MOAT_RISK_BASIS_RESIDUAL
                          ? _("Estate heat map: open threats by residual likelihood (L) and impact (I)")
                          : _("Estate heat map: open threats by inherent likelihood (L) and impact (I)"));
  g_string_append (out, "        I1   I2   I3   I4   I5\n");
  for (int l = MOAT_RISK_SCALE; l >= 1; l--)
    {
      g_string_append_printf (out, "  L%d ", l);
      for (int i = 1; i <= MOAT_RISK_SCALE; i++)
        g_string_append_printf (out, " %4u", counts[l - 1][i - 1]);
      g_string_append_c (out, '\n');
    }
}

static void
text_top (GString       *out,
          MoatCliEstate *view)
{
  g_string_append_printf (out, "\n%s\n", _("Highest risks across systems"));
  if (view->top->len == 0)
    g_string_append_printf (out, "  %s\n", _("No open threat."));
  for (guint i = 0; i < view->top->len; i++)
    {
      MoatEstateRisk *risk = g_ptr_array_index (view->top, i);

      g_string_append_printf (out, "  %2u. %-8s L%d×I%d  %s — %s", i + 1, moat_risk_level_get_nick (risk->level),
                              risk->likelihood, risk->impact, risk->title, risk->system);
      if (risk->asset != NULL)
        g_string_append_printf (out, _(" (asset: %s)"), risk->asset);
      g_string_append_c (out, '\n');
    }
}

static void
text_trends (GString       *out,
             MoatCliEstate *view)
{
  g_string_append_printf (out, "\n%s\n", _("Trends by month"));
  /* TRANSLATORS: column headings; keep each within its width */
  g_string_append_printf (out, "  %-8s %7s %7s %9s %13s\n", _("Month"), _("Opened"), _("Closed"),
                          _("Controls"), _("High+critical"));
  for (guint i = 0; i < view->months->len; i++)
    {
      MoatEstateMonth *m = &g_array_index (view->months, MoatEstateMonth, i);

      g_string_append_printf (out, "  %04d-%02d  %7u %7u %9u %13u\n", m->year, m->month, m->threats_opened,
                              m->threats_closed, m->controls_done, m->open_severe);
    }
  if (view->has_mean)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              "  Mean time from a threat’s creation to its mitigation: %.0f days (%u threat)\n",
                                              "  Mean time from a threat’s creation to its mitigation: %.0f days (%u threats)\n",
                                              view->n_mitigated), view->mean_days, view->n_mitigated);
}

static void
text_attention (GString       *out,
                MoatCliEstate *view)
{
  g_string_append_printf (out, "\n%s\n", _("Needs attention"));
  if (view->attention->len == 0)
    g_string_append_printf (out, "  %s\n", _("Nothing."));
  for (guint i = 0; i < view->attention->len; i++)
    {
      MoatEstateAttention *a = g_ptr_array_index (view->attention, i);

      /* TRANSLATORS: "  Fraud scoring (Risk team; restricted, internal)" */
      g_string_append_printf (out, _("  %s (%s; %s, %s)\n"), a->name, or_dash (a->owner),
                              moat_format_enum_label (MOAT_TYPE_CLASSIFICATION, a->sensitivity),
                              moat_estate_exposure_get_label (a->exposure));
      for (guint j = 0; j < a->reasons->len; j++)
        g_string_append_printf (out, "    - %s\n", ((MoatEstateReason *) g_ptr_array_index (a->reasons, j))->text);
    }
}

char *
moat_cli_estate_text (MoatCliEstate *view)
{
  GListModel *systems = moat_estate_get_systems (view->estate);
  g_autofree char *day = moat_cli_estate_day (view->now);
  GString *out = g_string_new (NULL);
  guint rank = 0;

  /* TRANSLATORS: "Estate as of 2026-12-07: 8 models; files that could not be read: 0" */
  g_string_append_printf (out, _("Estate as of %s: %u models; files that could not be read: %u\n"), day,
                          moat_estate_get_n_models (view->estate), moat_estate_get_n_errors (view->estate));
  g_string_append (out, _("Open threats, residual: "));
  text_levels (out, NULL, view->estate, MOAT_RISK_BASIS_RESIDUAL);
  g_string_append (out, _("; inherent: "));
  text_levels (out, NULL, view->estate, MOAT_RISK_BASIS_INHERENT);
  g_string_append_c (out, '\n');
  if (view->fail_on != NULL)
    g_string_append_printf (out, view->problems > 0
                            /* TRANSLATORS: "Fails --fail-on high (residual): 12 open threats at high or above, or unreadable files" */
                            ? g_dngettext (GETTEXT_PACKAGE,
                                           "Fails --fail-on %s (%s): %u open threat at %s or above, or unreadable file\n",
                                           "Fails --fail-on %s (%s): %u open threats at %s or above, or unreadable files\n",
                                           view->problems)
                            : _("Passes --fail-on %s (%s): %u open threats at %s or above, and no unreadable file\n"),
                            view->fail_on, moat_risk_basis_get_nick (view->basis), view->problems, view->fail_on);
  g_string_append_printf (out, "\n%s\n", _("Systems by business risk"));
  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      if (moat_estate_system_is_model (system))
        text_system (out, view, system, ++rank);
    }
  if (moat_estate_get_n_errors (view->estate) > 0)
    g_string_append_printf (out, "\n%s\n", _("Unreadable files"));
  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      if (!moat_estate_system_is_model (system))
        g_string_append_printf (out, "  %s: %s\n", moat_estate_system_get_path (system),
                                moat_estate_system_get_error (system)->message);
    }
  text_heat_map (out, view);
  text_top (out, view);
  text_trends (out, view);
  text_attention (out, view);
  return g_string_free (out, FALSE);
}

/* Running the command */

static gboolean
parse_day (const char *text,
           gint64     *time)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
      !(date = g_date_time_new_utc (y, m, d, 23, 59, 59)))
    return FALSE;
  *time = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  return TRUE;
}

/* As `check` counts: the open threats at the level or worse, and here
 * also each file the gate could not read, as it cannot vouch for it. */
static guint
count_problems (MoatCliEstate *view)
{
  guint problems = moat_estate_get_n_errors (view->estate);

  for (int level = view->level; level <= MOAT_RISK_CRITICAL; level++)
    problems += moat_estate_get_n_open (view->estate, view->basis, level);
  return problems;
}

static gboolean
paths_exist (char **paths,
             int    n)
{
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);

      if (!g_file_query_exists (file, NULL))
        {
          moat_cli_fail_message (_("“%s” does not exist"), paths[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
view_clear (MoatCliEstate *view)
{
  g_clear_object (&view->estate);
  g_clear_pointer (&view->attention, g_ptr_array_unref);
  g_clear_pointer (&view->top, g_ptr_array_unref);
  g_clear_pointer (&view->months, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MoatCliEstate, view_clear)

static gboolean
read_estate (MoatCliEstate  *view,
             char          **paths,
             int             n_paths,
             const char     *inventory_path,
             GError        **error)
{
  g_autoptr(MoatEstateInventory) inventory = NULL;
  MoatEstateTrends *trends;

  if (inventory_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (inventory_path);

      if (!(inventory = moat_estate_inventory_load (file, error)))
        return FALSE;
    }

  view->estate = moat_estate_new ();
  moat_estate_set_now (view->estate, view->now);
  moat_estate_set_overdue_days (view->estate, view->overdue_days);
  for (int i = 0; i < n_paths; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (paths[i]);

      moat_estate_add_path (view->estate, file);
    }
  if (!moat_estate_load (view->estate, NULL, error))
    return FALSE;

  view->attention = moat_estate_triage (view->estate, inventory, view->stale_days);
  view->top = moat_estate_get_top_risks (view->estate, MOAT_CLI_ESTATE_N_TOP);
  trends = moat_estate_get_trends (view->estate);
  view->months = moat_estate_trends_get_months (trends, view->now, MOAT_CLI_ESTATE_N_MONTHS);
  view->has_mean = moat_estate_trends_get_mean_days_to_mitigate (trends, &view->mean_days, &view->n_mitigated);
  return TRUE;
}

static gboolean
write_estate (MoatCliEstate  *view,
              const char     *format,
              const char     *output,
              GError        **error)
{
  g_autofree char *text = NULL;

  if (g_str_equal (format, "pdf"))
    {
      g_autoptr(GFile) file = NULL;

      if (output == NULL || g_str_equal (output, "-"))
        return g_set_error (error, MOAT_ERROR, MOAT_ERROR_FAILED,
                            _("A PDF needs a file: use -o FILE")), FALSE;
      file = g_file_new_for_commandline_arg (output);
      return moat_estate_report_write_pdf (view->estate, view->attention, file, MOAT_PAPER_A4, error);
    }

  if (g_str_equal (format, "json"))
    text = moat_cli_estate_json (view);
  else if (g_str_equal (format, "markdown"))
    text = moat_cli_estate_markdown (view);
  else if (g_str_equal (format, "csv"))
    text = moat_cli_estate_csv (view);
  else
    text = moat_cli_estate_text (view);
  return moat_cli_write_output (output, text, strlen (text), error);
}

int
moat_cli_estate (int    argc,
                 char **argv)
{
  g_auto(MoatCliEstate) view = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *inventory = NULL, *format = NULL, *output = NULL, *fail_on = NULL;
  g_autofree char *basis_name = NULL, *as_of = NULL;
  gboolean as_json = FALSE;
  int overdue_days = MOAT_ESTATE_DEFAULT_OVERDUE_DAYS, stale_days = MOAT_ESTATE_DEFAULT_STALE_DAYS;
  int status;
  GOptionEntry entries[] = {
    { "inventory", 0, 0, G_OPTION_ARG_FILENAME, &inventory,
      N_("The systems that should have a model (JSON; see docs/estate-inventory.md)"), N_("FILE") },
    { "overdue-days", 0, 0, G_OPTION_ARG_INT, &overdue_days,
      N_("List controls proposed or planned for longer than this (default 90)"), N_("N") },
    { "stale-days", 0, 0, G_OPTION_ARG_INT, &stale_days,
      N_("A model older than its system’s last significant change by more than this needs attention (default 30)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Write JSON (docs/estate.schema.json); the same as --format json"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("text (the default), json, markdown, csv or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file rather than standard output (a PDF needs one)"), N_("FILE") },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on,
      N_("Fail when an open threat in any system has this risk or worse, or a file cannot be read"),
      N_("LEVEL") },
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis_name,
      N_("Rank and gate on the residual risk (the default) or the inherent risk"), N_("residual|inherent") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Measure ages and trends up to this day rather than today"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!moat_cli_begin (_("PATH…"),
                       _("Summarises every model under the folders (and the model files) given:\n"
                         "risk by system, the estate heat map, the highest risks, trends from the\n"
                         "change logs, and the systems that need attention. Project files are\n"
                         "read read-only; any file “import” reads counts too. A file that cannot\n"
                         "be read is listed with its error. Exits with 1 when --fail-on finds an\n"
                         "open threat at that level or worse, or an unreadable file."),
                       entries, -1, &argc, &argv, &status))
    return status;

  view.basis = MOAT_RISK_BASIS_RESIDUAL;
  view.level = MOAT_RISK_LOW;
  if (!moat_cli_parse_gate (fail_on, basis_name, &view.level, &view.basis, &status))
    return status;
  if (as_json)
    {
      g_free (format);
      format = g_strdup ("json");
    }
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_strv_contains ((const char * const[]) { "text", "json", "markdown", "csv", "pdf", NULL }, format))
    return moat_cli_fail_message (_("unknown format “%s”; use text, json, markdown, csv or pdf"), format);
  if (overdue_days < 0 || stale_days < 0)
    return moat_cli_fail_message (_("--overdue-days and --stale-days take a number of days, 0 or more"));
  view.now = moat_clock_now ();
  if (as_of != NULL && !parse_day (as_of, &view.now))
    return moat_cli_fail_message (_("“%s” is not a day such as 2026-12-31"), as_of);
  if (!paths_exist (argv + 1, argc - 1))
    return MOAT_CLI_USAGE_ERROR;

  view.fail_on = fail_on;
  view.overdue_days = overdue_days;
  view.stale_days = stale_days;
  if (!read_estate (&view, argv + 1, argc - 1, inventory, &error))
    return moat_cli_fail (error);
  view.problems = fail_on != NULL ? count_problems (&view) : 0;
  if (!write_estate (&view, format, output, &error))
    return moat_cli_fail (error);

  return view.problems > 0 ? MOAT_CLI_CHECK_FAILED : 0;
}
