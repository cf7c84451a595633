/* moat-cli-common.c: what every moat-cli command shares
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Options, loading a model and reporting errors, so that every command
 * parses, loads and fails the same way. Exit codes: 0 success, 1 a check
 * failed, 2 a usage or input error; every error is one line on stderr.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"
#include "moat-temp-file.h"

static const char exit_status_text[] =
  N_("Exit status: 0 success, 1 a check failed, 2 a usage or input error.");

const char *
moat_cli_exit_status_text (void)
{
  return _(exit_status_text);
}

/**
 * moat_cli_fail:
 *
 * Reports @error as the one line a failed command prints.
 *
 * Returns: the exit status for a usage or input error
 */
int
moat_cli_fail (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, whatever the message: scripts read stderr line by line. */
  g_strdelimit (line, "\r\n", ' ');
  fprintf (stderr, "moat-cli: %s\n", line);
  return MOAT_CLI_USAGE_ERROR;
}

int
moat_cli_fail_message (const char *format,
                       ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (MOAT_ERROR, MOAT_ERROR_FAILED, message);
  return moat_cli_fail (error);
}

/**
 * moat_cli_parse:
 * @n_args: how many positional arguments the command takes, %MOAT_CLI_ARGS_ANY
 *   when the command counts them itself, or minus
 *   the least it takes
 *
 * Parses a command's options. On --help, prints it and returns FALSE with
 * @status 0; on an error, reports it and returns FALSE with @status 2.
 */
gboolean
moat_cli_parse (GOptionContext  *context,
                int             *argc,
                char          ***argv,
                int              n_args,
                int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (g_option_context_get_description (context) == NULL)
    g_option_context_set_description (context, moat_cli_exit_status_text ());
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = moat_cli_fail (error);
      return FALSE;
    }

  /* A negative @n_args is a least: PATH... */
  if (n_args != MOAT_CLI_ARGS_ANY && (n_args < 0 ? *argc - 1 < -n_args : *argc - 1 != n_args))
    {
      *status = moat_cli_fail_message (*argc - 1 < ABS (n_args)
                                       ? _("missing argument; see “%s --help”")
                                       : _("too many arguments; see “%s --help”"),
                                       g_get_prgname ());
      return FALSE;
    }

  return TRUE;
}

/**
 * moat_cli_open:
 *
 * Opens a project file to read it. Nothing is changed in it.
 *
 * Returns: (transfer full) (nullable): the store
 */
MoatStore *
moat_cli_open (const char  *path,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return moat_store_open_read_only (file, error);
}

/**
 * moat_cli_load:
 *
 * Reads a model to look at it: a project file, or any file `import`
 * takes (Moat JSON as kept in git, Threat Dragon, OTM), so that CI jobs
 * can run on what is in the repository. Nothing is changed in the file.
 *
 * Returns: (transfer full) (nullable): the model
 */
MoatModel *
moat_cli_load (const char  *path,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return moat_format_load_file (file, error);
}

/**
 * moat_cli_json_text:
 *
 * Returns: (transfer full): what @builder built, as pretty-printed JSON
 *   ending with a newline
 */
char *
moat_cli_json_text (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

/**
 * moat_cli_parse_gate:
 * @fail_on: (nullable): what --fail-on says
 * @basis_name: (nullable): what --basis says
 *
 * Reads the options of a gate (`check`, `estate`) the same way, keeping
 * @level and @basis as they are where an option is not given.
 *
 * Returns: %FALSE, with @status the exit status, on an unknown value
 */
gboolean
moat_cli_parse_gate (const char    *fail_on,
                     const char    *basis_name,
                     MoatRiskLevel *level,
                     MoatRiskBasis *basis,
                     int           *status)
{
  if (fail_on != NULL && !moat_risk_level_from_nick (fail_on, level))
    *status = moat_cli_fail_message (_("unknown risk level “%s”; use low, medium, high or critical"), fail_on);
  else if (basis_name != NULL && !moat_risk_basis_from_nick (basis_name, basis))
    *status = moat_cli_fail_message (_("unknown basis “%s”; use residual or inherent"), basis_name);
  else
    return TRUE;
  return FALSE;
}

/* A member holding @value, or null when there is none. */
void
moat_cli_json_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
moat_cli_json_add_int (JsonBuilder *builder,
                       const char  *name,
                       gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* What an import or an export could not carry over, on stderr, where
 * a person sees it and a pipe does not take it in. */
void
moat_cli_print_report (MoatImportReport *report)
{
  g_autofree char *text = NULL;

  if (report == NULL)
    return;
  text = moat_import_report_format_text (report);
  fputs (text, stderr);
}

/**
 * moat_cli_write_output:
 * @path: (nullable): a file, or %NULL or "-" for standard output
 */
gboolean
moat_cli_write_output (const char  *path,
                       const char  *text,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        return g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE,
                            _("Could not write to standard output")), FALSE;
      return TRUE;
    }

  file = g_file_new_for_commandline_arg (path);
  return moat_temp_file_set_contents (file, text, length, error);
}

/**
 * moat_cli_begin:
 * @parameters: what follows the options in the usage line, e.g. "MODEL"
 * @summary: the command's description for --help
 * @entries: the command's own options
 * @n_args: how many positional arguments the command takes
 *
 * Parses a command's options the way every command does. On --help,
 * prints it and returns FALSE with @status 0; on an error, reports it and
 * returns FALSE with @status 2.
 */
gboolean
moat_cli_begin (const char          *parameters,
                const char          *summary,
                const GOptionEntry  *entries,
                int                  n_args,
                int                 *argc,
                char              ***argv,
                int                 *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return moat_cli_parse (context, argc, argv, n_args, status);
}

/**
 * moat_cli_describe_model:
 * @summary: the command's description for --help
 * @text: what the command says about a model
 * @json: the same as JSON, for --json
 *
 * Runs a command that reads one MODEL and writes what it found, so that
 * such commands take the same arguments and options.
 */
int
moat_cli_describe_model (int                 argc,
                         char              **argv,
                         const char         *summary,
                         MoatCliDescribeFunc text,
                         MoatCliDescribeFunc json)
{
  g_autoptr(MoatModel) model = NULL;
  g_autofree char *out = NULL;
  gboolean as_json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Write JSON instead of text"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"), summary, entries, 1, &argc, &argv, &status))
    return status;

  if (!(model = moat_cli_load_or_fail (argv[1], &status)))
    return status;

  out = as_json ? json (model) : text (model);
  fputs (out, stdout);
  return 0;
}

/**
 * moat_cli_load_or_fail:
 *
 * Loads a model like moat_cli_load(), reporting a failure as every
 * command does.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @status
 *   the exit status to return
 */
MoatModel *
moat_cli_load_or_fail (const char *path,
                       int        *status)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_cli_load (path, &error);

  if (model == NULL)
    *status = moat_cli_fail (error);
  return model;
}
