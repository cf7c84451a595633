/* moat-cli-coverage.c: how far a model meets a requirement catalogue
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"

/**
 * moat_cli_load_library:
 *
 * The built-in knowledge and the user's own rules and catalogues. A file
 * that does not load is a warning on standard error, never a failure.
 *
 * Returns: (transfer full): the library
 */
MoatLibrary *
moat_cli_load_library (void)
{
  MoatLibrary *library = moat_library_new_default ();
  const char * const *errors = moat_library_get_errors (library);

  for (guint i = 0; errors[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup (errors[i]);

      g_strdelimit (line, "\r\n", ' ');
      /* TRANSLATORS: %s is a problem with one of the user's rule or catalogue files */
      fprintf (stderr, _("moat-cli: warning: %s; the file is left out\n"), line);
    }

  return library;
}

static const char *
requirement_title (const MoatRequirement *requirement)
{
  return requirement->title ? requirement->title
       : requirement->section_title ? requirement->section_title : "";
}

static void
append_summary (GString      *out,
                MoatCoverage *coverage)
{
  g_string_append_printf (out, _("Applicable: %u of %u requirements\n"),
                          moat_coverage_get_n_applicable (coverage), moat_coverage_get_n_items (coverage));
  g_string_append_printf (out, _("Met: %u (%.0f%%): verified %u, implemented %u; planned %u; not met %u\n"),
                          moat_coverage_get_n_met (coverage), moat_coverage_get_percent (coverage),
                          moat_coverage_count (coverage, MOAT_COVERAGE_VERIFIED),
                          moat_coverage_count (coverage, MOAT_COVERAGE_IMPLEMENTED),
                          moat_coverage_count (coverage, MOAT_COVERAGE_PLANNED),
                          moat_coverage_count (coverage, MOAT_COVERAGE_NONE));
}

static const char *
gap_risk (const MoatCoverageItem *item)
{
  return item->threat_ids->len > 0 ? moat_risk_level_get_nick (item->gap_level) : "-";
}

static char *
coverage_text (MoatCoverage *coverage,
               guint         max_gaps)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) gaps = moat_coverage_get_gaps (coverage);
  g_autofree char *heading = moat_coverage_get_title (coverage);
  const char * const *unknown = moat_coverage_get_unknown (coverage);

  g_string_append_printf (out, "%s\n", heading);
  append_summary (out, coverage);
  if (gaps->len > 0)
    g_string_append_printf (out, _("Gaps, riskiest first (%u):\n"), gaps->len);
  for (guint i = 0; i < gaps->len && i < max_gaps; i++)
    {
      const MoatCoverageItem *item = gaps->pdata[i];

      g_string_append_printf (out, "  %-9s %-8s %s", item->requirement->id, gap_risk (item),
                              requirement_title (item->requirement));
      if (item->threat_ids->len > 0)
        g_string_append_printf (out, ngettext (" (%u open threat)", " (%u open threats)", item->threat_ids->len),
                                item->threat_ids->len);
      g_string_append_c (out, '\n');
    }
  if (gaps->len > max_gaps)
    g_string_append_printf (out, _("  … and %u more (--gaps N shows more)\n"), gaps->len - max_gaps);
  for (guint i = 0; unknown[i] != NULL; i++)
    g_string_append_printf (out, _("Unknown requirement named by a control: %s\n"), unknown[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Pipes would end a Markdown table cell. */
static char *
cell (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "|", "\\|", 0);
  g_string_replace (s, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
coverage_markdown (MoatCoverage *coverage,
                   guint         max_gaps)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) gaps = moat_coverage_get_gaps (coverage);
  g_autofree char *heading = moat_coverage_get_title (coverage);
  const char *attribution = moat_catalogue_get_attribution (moat_coverage_get_catalogue (coverage));

  g_string_append_printf (out, "## %s\n\n", heading);
  g_string_append_printf (out, "| %s | %s |\n| --- | ---: |\n", _("Requirements"), _("Count"));
  g_string_append_printf (out, "| %s | %u |\n", _("Applicable"), moat_coverage_get_n_applicable (coverage));
  for (int status = MOAT_COVERAGE_VERIFIED; status >= MOAT_COVERAGE_NONE; status--)
    g_string_append_printf (out, "| %s | %u |\n", moat_coverage_status_get_label (status),
                            moat_coverage_count (coverage, status));
  g_string_append_printf (out, "| **%s** | **%.0f%%** |\n\n", _("Met"), moat_coverage_get_percent (coverage));

  if (gaps->len > 0)
    {
      g_string_append_printf (out, "### %s\n\n| %s | %s | %s | %s |\n| --- | --- | --- | ---: |\n",
                              _("Gaps, riskiest first"), _("Requirement"), _("Title"), _("Risk"),
                              _("Open threats"));
      for (guint i = 0; i < gaps->len && i < max_gaps; i++)
        {
          const MoatCoverageItem *item = gaps->pdata[i];
          g_autofree char *title = cell (requirement_title (item->requirement));

          g_string_append_printf (out, "| %s | %s | %s | %u |\n", item->requirement->id, title,
                                  gap_risk (item), item->threat_ids->len);
        }
      if (gaps->len > max_gaps)
        g_string_append_printf (out, "\n%s\n", _("(more gaps left out)"));
      g_string_append_c (out, '\n');
    }
  if (attribution != NULL)
    g_string_append_printf (out, "_%s_\n", attribution);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, strings->pdata[i]);
  json_builder_end_array (builder);
}

static void
add_item (JsonBuilder            *builder,
          const MoatCoverageItem *item)
{
  const MoatRequirement *requirement = item->requirement;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, requirement->id);
  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, requirement->level);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, requirement->title);
  json_builder_set_member_name (builder, "section");
  json_builder_add_string_value (builder, requirement->section_title);
  json_builder_set_member_name (builder, "applies");
  json_builder_add_boolean_value (builder, item->applies);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, moat_coverage_status_get_nick (item->status));
  add_strings (builder, "controls", item->control_ids);
  add_strings (builder, "open_threats", item->threat_ids);
  json_builder_set_member_name (builder, "gap_score");
  json_builder_add_int_value (builder, item->gap_score);
  json_builder_end_object (builder);
}

static char *
coverage_json (MoatCoverage *coverage)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) gaps = moat_coverage_get_gaps (coverage);
  MoatCatalogue *catalogue = moat_coverage_get_catalogue (coverage);
  const char * const *unknown = moat_coverage_get_unknown (coverage);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "catalogue");
  json_builder_add_string_value (builder, moat_catalogue_get_id (catalogue));
  json_builder_set_member_name (builder, "release");
  json_builder_add_string_value (builder, moat_catalogue_get_release (catalogue));
  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, moat_coverage_get_level (coverage));
  json_builder_set_member_name (builder, "requirements");
  json_builder_add_int_value (builder, moat_coverage_get_n_items (coverage));
  json_builder_set_member_name (builder, "applicable");
  json_builder_add_int_value (builder, moat_coverage_get_n_applicable (coverage));
  for (int status = MOAT_COVERAGE_NONE; status <= MOAT_COVERAGE_VERIFIED; status++)
    {
      json_builder_set_member_name (builder, moat_coverage_status_get_nick (status));
      json_builder_add_int_value (builder, moat_coverage_count (coverage, status));
    }
  json_builder_set_member_name (builder, "met");
  json_builder_add_int_value (builder, moat_coverage_get_n_met (coverage));
  json_builder_set_member_name (builder, "percent");
  json_builder_add_double_value (builder, moat_coverage_get_percent (coverage));

  json_builder_set_member_name (builder, "gaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < gaps->len; i++)
    json_builder_add_string_value (builder, ((MoatCoverageItem *)gaps->pdata[i])->requirement->id);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "unknown");
  json_builder_begin_array (builder);
  for (guint i = 0; unknown[i] != NULL; i++)
    json_builder_add_string_value (builder, unknown[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < moat_coverage_get_n_items (coverage); i++)
    add_item (builder, moat_coverage_get_item (coverage, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return moat_cli_json_text (builder);
}

static gboolean
parse_percent (const char *text,
               double     *percent)
{
  char *end = NULL;

  *percent = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *percent >= 0 && *percent <= 100;
}

int
moat_cli_coverage (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatLibrary) library = NULL;
  g_autoptr(MoatCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *catalogue = NULL;
  g_autofree char *format = NULL;
  g_autofree char *fail_under = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  int level = 1;
  int max_gaps = 10;
  double threshold = 0;
  int status;
  GOptionEntry entries[] = {
    { "catalogue", 0, 0, G_OPTION_ARG_STRING, &catalogue,
      N_("The catalogue to measure against (default: the model’s, else asvs)"), N_("ID") },
    { "level", 0, 0, G_OPTION_ARG_INT, &level, N_("Count requirements up to this level (default 1)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text, markdown or json"), N_("FORMAT") },
    { "gaps", 0, 0, G_OPTION_ARG_INT, &max_gaps, N_("List this many gaps (default 10)"), N_("N") },
    { "fail-under", 0, 0, G_OPTION_ARG_STRING, &fail_under,
      N_("Exit with 1 when less than this percentage of the applicable requirements is met"), N_("PERCENT") },
    { NULL }
  };

  context = g_option_context_new (_("MODEL"));
  g_option_context_set_summary (context,
                                _("Shows which requirements of a catalogue (OWASP ASVS, or your own) the\n"
                                  "model’s controls meet: a requirement is met by an implemented or\n"
                                  "verified control that names it. Requirements about parts the model\n"
                                  "does not have (file uploads, OAuth, WebRTC …) do not apply. Gaps are\n"
                                  "ranked by the residual risk of the open threats they leave.\n"
                                  "Your own catalogues are read from $XDG_CONFIG_HOME/moat/catalogues/."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!moat_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  if (format == NULL)
    format = g_strdup (json ? "json" : "text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "markdown") && !g_str_equal (format, "json"))
    return moat_cli_fail_message (_("unknown format “%s”; use text, markdown or json"), format);
  if (fail_under != NULL && !parse_percent (fail_under, &threshold))
    return moat_cli_fail_message (_("--fail-under takes a percentage from 0 to 100, not “%s”"), fail_under);
  if (max_gaps < 0)
    return moat_cli_fail_message (_("--gaps takes a number that is not negative"));
  if (!(model = moat_cli_load (argv[1], &error)))
    return moat_cli_fail (error);

  library = moat_cli_load_library ();
  if (catalogue == NULL)
    catalogue = moat_coverage_default_catalogue (model);
  if (!(coverage = moat_coverage_compute (library, model, catalogue, level, &error)))
    return moat_cli_fail (error);

  if (g_str_equal (format, "json"))
    text = coverage_json (coverage);
  else if (g_str_equal (format, "markdown"))
    text = coverage_markdown (coverage, max_gaps);
  else
    text = coverage_text (coverage, max_gaps);
  if (!moat_cli_write_output (NULL, text, strlen (text), &error))
    return moat_cli_fail (error);

  if (fail_under != NULL && moat_coverage_get_percent (coverage) < threshold)
    {
      fprintf (stderr, _("moat-cli: coverage %.1f%% is under %s%%\n"),
               moat_coverage_get_percent (coverage), fail_under);
      return MOAT_CLI_CHECK_FAILED;
    }

  return 0;
}
