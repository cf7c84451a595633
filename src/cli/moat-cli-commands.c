/* moat-cli-commands.c: import, export, info and diff
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

/* The formats import takes: those Moat reads from other tools' files. */
static gboolean
parse_import_format (const char  *name,
                     MoatFormat  *format,
                     GError     **error)
{
  if (name == NULL)
    name = "auto";

  if (!moat_format_from_name (name, format) ||
      !(*format == MOAT_FORMAT_UNKNOWN || *format == MOAT_FORMAT_MOAT ||
        *format == MOAT_FORMAT_THREAT_DRAGON || *format == MOAT_FORMAT_THREAT_DRAGON_V1 ||
        *format == MOAT_FORMAT_OTM || *format == MOAT_FORMAT_TMBOM || *format == MOAT_FORMAT_TM7))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("unknown format “%s”; use auto, moat, threat-dragon, threat-dragon-1, otm, "
                          "tm-bom or tm7"), name), FALSE;

  return TRUE;
}

int
moat_cli_import (int    argc,
                 char **argv)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *from = NULL;
  gboolean force = FALSE, quiet = FALSE;
  MoatFormat format;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("The project file to write"), N_("MODEL.moat") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("The input’s format: auto (the default: detect it), moat, threat-dragon, threat-dragon-1, otm, "
         "tm-bom or tm7"), N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the project file if it exists"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not print the import report"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("FILE"),
                       _("Makes a Moat project file from a model in Moat JSON, OWASP Threat Dragon\n"
      "(1.x or 2.x), Open Threat Model (OTM) JSON or an OWASP TM-BOM, or from a\n"
      "Microsoft Threat Modeling Tool (.tm7) file. What came in, and every value that\n"
      "has no place in Moat, is reported on standard error, one line per value."),
                       entries, 1, &argc, &argv, &status))
    return status;

  if (!parse_import_format (from, &format, &error))
    return moat_cli_fail (error);
  if (out_path == NULL)
    return moat_cli_fail_message (_("say where to write the model with -o MODEL.moat"));

  output = g_file_new_for_commandline_arg (out_path);
  if (!force && g_file_query_exists (output, NULL))
    return moat_cli_fail_message (_("“%s” exists; use --force to replace it"), out_path);

  input = g_file_new_for_commandline_arg (argv[1]);
  if (!(model = moat_format_import_file (input, format, &report, &error)))
    return moat_cli_fail (error);

  store = moat_store_create (output, model, &error);
  if (store == NULL)
    return moat_cli_fail (error);
  moat_store_close (store);

  if (!quiet)
    moat_cli_print_report (report);
  return 0;
}

/* ---- export ---- */

typedef enum {
  EXPORT_JSON,
  EXPORT_THREAT_DRAGON,
  EXPORT_OTM,
  EXPORT_TMBOM,
  EXPORT_MARKDOWN,
  EXPORT_CSV,
  EXPORT_SVG,
  EXPORT_PNG,
} ExportFormat;

static const struct {
  const char   *name;
  ExportFormat  format;
} export_formats[] = {
  { "json", EXPORT_JSON },
  { "moat", EXPORT_JSON },
  { "threat-dragon", EXPORT_THREAT_DRAGON },
  { "otm", EXPORT_OTM },
  { "tm-bom", EXPORT_TMBOM },
  { "tmbom", EXPORT_TMBOM },
  { "markdown", EXPORT_MARKDOWN },
  { "md", EXPORT_MARKDOWN },
  { "csv", EXPORT_CSV },
  { "svg", EXPORT_SVG },
  { "png", EXPORT_PNG },
};

static gboolean
parse_export_format (const char    *name,
                     ExportFormat  *format,
                     GError       **error)
{
  if (name == NULL)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("say which format to write with --format")), FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_equal (name, export_formats[i].name))
      {
        *format = export_formats[i].format;
        return TRUE;
      }

  return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                      _("unknown format “%s”; use json, threat-dragon, otm, tm-bom, markdown, csv, svg or png"),
                      name), FALSE;
}

static gboolean
parse_csv_table (ExportFormat   format,
                 const char    *name,
                 MoatCsvTable  *table,
                 GError       **error)
{
  *table = MOAT_CSV_THREATS;
  if (name == NULL)
    return TRUE;

  if (format != EXPORT_CSV)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("--table goes with --format csv only")), FALSE;
  if (!moat_export_csv_table_from_name (name, table))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("unknown table “%s”; use threats or controls"), name), FALSE;

  return TRUE;
}

/* Returns: (transfer full) (nullable): @model written as @format, with
 * what it could not hold in @report for the other tools' formats */
static char *
export_text (MoatModel         *model,
             ExportFormat       format,
             MoatCsvTable       table,
             MoatImportReport **report,
             GError           **error)
{
  switch (format)
    {
    case EXPORT_JSON:
      return moat_json_write (model, NULL);
    case EXPORT_THREAT_DRAGON:
      return moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, report, error);
    case EXPORT_OTM:
      return moat_format_export (model, MOAT_FORMAT_OTM, report, error);
    case EXPORT_TMBOM:
      return moat_format_export (model, MOAT_FORMAT_TMBOM, report, error);
    case EXPORT_MARKDOWN:
      return moat_export_markdown (model);
    case EXPORT_CSV:
      return moat_export_csv (model, table);
    default:
      g_assert_not_reached ();
    }
}

int
moat_cli_export (int    argc,
                 char **argv)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *table_name = NULL;
  g_autofree char *diagram_name = NULL;
  g_autofree char *text = NULL;
  double scale = 2.0;
  gboolean quiet = FALSE;
  ExportFormat format;
  MoatCsvTable table;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("json, threat-dragon, otm, tm-bom, markdown, csv, svg or png"), N_("FORMAT") },
    { "table", 't', 0, G_OPTION_ARG_STRING, &table_name,
      N_("With csv: threats (the default) or controls"), N_("TABLE") },
    { "diagram", 'd', 0, G_OPTION_ARG_STRING, &diagram_name,
      N_("With svg or png: the diagram to draw (the first by default)"), N_("TITLE") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("With png: pixels per point (2 by default)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to FILE instead of standard output"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not list what the format cannot hold"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"),
                       _("Writes a model in another format. MODEL is a project file, or a file\n"
      "“import” takes.\n"
      "\n"
      "  json           Moat’s own, canonical and stable: for keeping in git\n"
      "  threat-dragon  OWASP Threat Dragon 2\n"
      "  otm            Open Threat Model\n"
      "  tm-bom         OWASP Threat Model Bill of Materials (as Threat Dragon reads it)\n"
      "  markdown       one page for pull requests and wikis\n"
      "  csv            threats or controls for issue trackers (see README.md)\n"
      "  svg, png       a diagram, as the app draws it (needs --output)\n"
      "\n"
      "What Threat Dragon, OTM or TM-BOM cannot hold is listed on standard error."),
                       entries, 1, &argc, &argv, &status))
    return status;

  if (!parse_export_format (format_name, &format, &error) ||
      !parse_csv_table (format, table_name, &table, &error))
    return moat_cli_fail (error);

  if (!(model = moat_cli_load_or_fail (argv[1], &status)))
    return status;

  if (format == EXPORT_SVG || format == EXPORT_PNG)
    return moat_cli_write_image (model, format == EXPORT_SVG, diagram_name, scale, out_path, &error)
           ? EXIT_SUCCESS : moat_cli_fail (error);
  if (!(text = export_text (model, format, table, &report, &error)) ||
      !moat_cli_write_output (out_path, text, strlen (text), &error))
    return moat_cli_fail (error);

  if (!quiet)
    moat_cli_print_report (report);
  return 0;
}

/* ------------------------------------------------------------------ */

/**
 * moat_cli_count_by_enum:
 *
 * Returns: (transfer full) (element-type MoatCliCount): one count for
 *   every value of the enumeration, in its order, zeros included
 */
GArray *
moat_cli_count_by_enum (MoatModel  *model,
                        GType       type,
                        const char *field)
{
  GListModel *list = moat_model_get_list (model, type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (moat_object_class_for_type (type)), field);
  g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
  GArray *counts = g_array_sized_new (FALSE, TRUE, sizeof (MoatCliCount), klass->n_values);

  g_array_set_size (counts, klass->n_values);
  for (guint i = 0; i < klass->n_values; i++)
    {
      g_array_index (counts, MoatCliCount, i).value = klass->values[i].value;
      g_array_index (counts, MoatCliCount, i).nick = klass->values[i].value_nick;
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
      int value = g_value_get_enum (moat_object_peek_value (object, pspec));

      for (guint v = 0; v < klass->n_values; v++)
        if (klass->values[v].value == value)
          g_array_index (counts, MoatCliCount, v).count++;
    }

  return counts;
}

/* Every value of the enumeration @field as a member of the JSON object
 * being built, with how many objects of @type have it. */
void
moat_cli_json_add_counts (JsonBuilder *builder,
                          MoatModel   *model,
                          GType        type,
                          const char  *field)
{
  g_autoptr(GArray) counts = moat_cli_count_by_enum (model, type, field);

  for (guint i = 0; i < counts->len; i++)
    {
      const MoatCliCount *c = &g_array_index (counts, MoatCliCount, i);

      json_builder_set_member_name (builder, c->nick);
      json_builder_add_int_value (builder, c->count);
    }
}

static void
append_counts (GString    *out,
               GArray     *counts)
{
  gboolean first = TRUE;

  g_string_append (out, " (");
  for (guint i = 0; i < counts->len; i++)
    {
      MoatCliCount *c = &g_array_index (counts, MoatCliCount, i);

      g_string_append_printf (out, "%s%u %s", first ? "" : ", ", c->count, c->nick);
      first = FALSE;
    }
  g_string_append (out, ")");
}

static void
info_line (GString    *out,
           const char *label,
           const char *value)
{
  int pad = 24 - (int)g_utf8_strlen (label, -1);

  g_string_append_printf (out, "%s%*s%s\n", label, MAX (pad, 1), "", value ? value : "—");
}

static void
info_count (GString    *out,
            MoatModel  *model,
            const char *label,
            GType       type,
            const char *enum_field)
{
  g_autoptr(GString) value = g_string_new (NULL);

  g_string_append_printf (value, "%u", moat_model_count (model, type));
  if (enum_field != NULL)
    {
      g_autoptr(GArray) counts = moat_cli_count_by_enum (model, type, enum_field);
      append_counts (value, counts);
    }
  info_line (out, label, value->str);
}

static char *
info_text (MoatModel *model)
{
  GString *out = g_string_new (NULL);

  info_line (out, _("Title:"), moat_model_get_title (model));
  info_line (out, _("Owner:"), moat_model_get_owner (model));
  info_line (out, _("Version:"), moat_model_get_version_label (model));
  info_count (out, model, _("Diagrams:"), MOAT_TYPE_DIAGRAM, NULL);
  info_count (out, model, _("Elements:"), MOAT_TYPE_ELEMENT, "kind");
  info_count (out, model, _("Assets:"), MOAT_TYPE_ASSET, NULL);
  info_count (out, model, _("Threat actors:"), MOAT_TYPE_THREAT_ACTOR, NULL);
  info_count (out, model, _("Threats:"), MOAT_TYPE_THREAT, "status");
  info_count (out, model, _("Controls:"), MOAT_TYPE_CONTROL, "status");
  info_count (out, model, _("Assumptions:"), MOAT_TYPE_ASSUMPTION, "status");
  info_count (out, model, _("Dismissed suggestions:"), MOAT_TYPE_DISMISSAL, NULL);
  info_count (out, model, _("Workshop sessions:"), MOAT_TYPE_WORKSHOP_SESSION, NULL);
  info_count (out, model, _("Feature checks:"), MOAT_TYPE_FEATURE_CHECK, NULL);

  return g_string_free (out, FALSE);
}

static void
json_counts (JsonBuilder *builder,
             MoatModel   *model,
             const char  *name,
             GType        type,
             const char  *enum_field)
{
  json_builder_set_member_name (builder, name);
  if (enum_field == NULL)
    {
      json_builder_add_int_value (builder, moat_model_count (model, type));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, moat_model_count (model, type));
  moat_cli_json_add_counts (builder, model, type, enum_field);
  json_builder_end_object (builder);
}

static void
json_string (JsonBuilder *builder,
             const char  *name,
             const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static char *
info_json (MoatModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_string (builder, "title", moat_model_get_title (model));
  json_string (builder, "owner", moat_model_get_owner (model));
  json_string (builder, "version_label", moat_model_get_version_label (model));
  json_counts (builder, model, "diagrams", MOAT_TYPE_DIAGRAM, NULL);
  json_counts (builder, model, "elements", MOAT_TYPE_ELEMENT, "kind");
  json_counts (builder, model, "assets", MOAT_TYPE_ASSET, NULL);
  json_counts (builder, model, "threat_actors", MOAT_TYPE_THREAT_ACTOR, NULL);
  json_counts (builder, model, "threats", MOAT_TYPE_THREAT, "status");
  json_counts (builder, model, "controls", MOAT_TYPE_CONTROL, "status");
  json_counts (builder, model, "assumptions", MOAT_TYPE_ASSUMPTION, "status");
  json_counts (builder, model, "dismissals", MOAT_TYPE_DISMISSAL, NULL);
  json_counts (builder, model, "workshop_sessions", MOAT_TYPE_WORKSHOP_SESSION, NULL);
  json_counts (builder, model, "feature_checks", MOAT_TYPE_FEATURE_CHECK, NULL);
  json_builder_end_object (builder);

  return moat_cli_json_text (builder);
}

int
moat_cli_info (int    argc,
               char **argv)
{
  return moat_cli_describe_model (argc, argv,
                                  _("Shows a model’s title and what it holds. MODEL is a project\n"
                                    "file, or a file “import” takes."),
                                  info_text, info_json);
}

int
moat_cli_diff (int    argc,
               char **argv)
{
  g_autoptr(MoatModel) old_model = NULL;
  g_autoptr(MoatModel) new_model = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  int status;
  GOptionEntry options[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (the default), markdown or json"), N_("FORMAT") },
    { NULL }
  };

  if (!moat_cli_begin (_("OLD NEW"),
                       _("Lists what was added, removed and changed between two\n"
                                           "versions of a model, in a stable order: made for\n"
                                           "pull-request comments. OLD and NEW are project files,\n"
                                           "or files “import” takes."),
                       options, 2, &argc, &argv, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "text") &&
      !g_str_equal (format, "markdown") && !g_str_equal (format, "json"))
    return moat_cli_fail_message (_("unknown format “%s”; use text, markdown or json"), format);

  if (!(old_model = moat_cli_load (argv[1], &error)) ||
      !(new_model = moat_cli_load (argv[2], &error)))
    return moat_cli_fail (error);

  entries = moat_diff_models (old_model, new_model);
  if (format == NULL || g_str_equal (format, "text"))
    text = moat_diff_format_text (entries);
  else if (g_str_equal (format, "markdown"))
    text = moat_diff_format_markdown (entries);
  else
    text = moat_diff_format_json (entries);

  fputs (text, stdout);
  return 0;
}
