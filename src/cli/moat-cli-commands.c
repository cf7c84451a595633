/* moat-cli-commands.c: import, export, info and diff
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "moat-cli.h"

static gboolean
read_model_json (const char  *path,
                 const char  *from,
                 MoatModel  **model,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  if (g_strcmp0 (from, "auto") != 0 && g_strcmp0 (from, "moat") != 0)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("unknown format “%s”; use auto or moat"), from), FALSE;

  *model = moat_json_read_file (file, error);
  return *model != NULL;
}

int
moat_cli_import (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *from = NULL;
  gboolean force = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("The project file to write"), N_("MODEL.moat") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The input’s format: auto (the default) or moat"), N_("FORMAT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace the project file if it exists"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE.json"));
  g_option_context_set_summary (context, _("Makes a Moat project file from a model in JSON."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!moat_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  if (out_path == NULL)
    return moat_cli_fail_message (_("say where to write the model with -o MODEL.moat"));

  output = g_file_new_for_commandline_arg (out_path);
  if (!force && g_file_query_exists (output, NULL))
    return moat_cli_fail_message (_("“%s” exists; use --force to replace it"), out_path);

  if (!read_model_json (argv[1], from ? from : "auto", &model, &error))
    return moat_cli_fail (error);

  store = moat_store_create (output, model, &error);
  if (store == NULL)
    return moat_cli_fail (error);
  moat_store_close (store);

  return 0;
}

int
moat_cli_export (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  gsize length;
  int status;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The output format: json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("MODEL.moat"));
  g_option_context_set_summary (context, _("Writes a model in another format: json is Moat’s own,\n"
                                           "canonical and stable, for keeping in git."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!moat_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  if (format == NULL)
    return moat_cli_fail_message (_("say which format to write with --format"));
  if (!g_str_equal (format, "json"))
    return moat_cli_fail_message (_("unknown format “%s”; use json"), format);

  if (!(store = moat_cli_open (argv[1], &error)))
    return moat_cli_fail (error);

  text = moat_json_write (moat_store_get_model (store), &length);
  moat_store_close (store);

  if (!moat_cli_write_output (out_path, text, length, &error))
    return moat_cli_fail (error);

  return 0;
}

/* ------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  guint       count;
  const char *nick;
} Count;

static GArray *
count_by_enum (MoatModel  *model,
               GType       type,
               const char *field)
{
  GListModel *list = moat_model_get_list (model, type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (moat_object_class_for_type (type)), field);
  g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
  GArray *counts = g_array_sized_new (FALSE, TRUE, sizeof (Count), klass->n_values);

  g_array_set_size (counts, klass->n_values);
  for (guint i = 0; i < klass->n_values; i++)
    g_array_index (counts, Count, i).nick = klass->values[i].value_nick;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
      int value = g_value_get_enum (moat_object_peek_value (object, pspec));

      for (guint v = 0; v < klass->n_values; v++)
        if (klass->values[v].value == value)
          g_array_index (counts, Count, v).count++;
    }

  return counts;
}

static void
append_counts (GString    *out,
               GArray     *counts)
{
  gboolean first = TRUE;

  g_string_append (out, " (");
  for (guint i = 0; i < counts->len; i++)
    {
      Count *c = &g_array_index (counts, Count, i);

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
      g_autoptr(GArray) counts = count_by_enum (model, type, enum_field);
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
  {
    g_autoptr(GArray) counts = count_by_enum (model, type, enum_field);

    for (guint i = 0; i < counts->len; i++)
      {
        json_builder_set_member_name (builder, g_array_index (counts, Count, i).nick);
        json_builder_add_int_value (builder, g_array_index (counts, Count, i).count);
      }
  }
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
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

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
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

int
moat_cli_info (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean as_json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Write JSON instead of text"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("MODEL.moat"));
  g_option_context_set_summary (context, _("Shows a model’s title and what it holds."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!moat_cli_parse (context, &argc, &argv, 1, &status))
    return status;

  if (!(store = moat_cli_open (argv[1], &error)))
    return moat_cli_fail (error);

  text = as_json ? info_json (moat_store_get_model (store))
                 : info_text (moat_store_get_model (store));
  moat_store_close (store);

  fputs (text, stdout);
  return 0;
}

int
moat_cli_diff (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MoatStore) old_store = NULL;
  g_autoptr(MoatStore) new_store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  int status;
  GOptionEntry options[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (the default), markdown or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("OLD.moat NEW.moat"));
  g_option_context_set_summary (context, _("Lists what was added, removed and changed between two\n"
                                           "versions of a model, in a stable order: made for\n"
                                           "pull-request comments."));
  g_option_context_add_main_entries (context, options, GETTEXT_PACKAGE);
  if (!moat_cli_parse (context, &argc, &argv, 2, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "text") &&
      !g_str_equal (format, "markdown") && !g_str_equal (format, "json"))
    return moat_cli_fail_message (_("unknown format “%s”; use text, markdown or json"), format);

  if (!(old_store = moat_cli_open (argv[1], &error)) ||
      !(new_store = moat_cli_open (argv[2], &error)))
    return moat_cli_fail (error);

  entries = moat_diff_models (moat_store_get_model (old_store), moat_store_get_model (new_store));
  if (format == NULL || g_str_equal (format, "text"))
    text = moat_diff_format_text (entries);
  else if (g_str_equal (format, "markdown"))
    text = moat_diff_format_markdown (entries);
  else
    text = moat_diff_format_json (entries);

  moat_store_close (old_store);
  moat_store_close (new_store);
  fputs (text, stdout);
  return 0;
}
