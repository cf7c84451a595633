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

static const MoatCliCommand commands[] = {
  { "import", N_("Make a project file from Moat JSON, Threat Dragon or OTM"), moat_cli_import },
  { "export", N_("Write a model as JSON, Threat Dragon, OTM, Markdown or CSV"), moat_cli_export },
  { "info", N_("Show what a model holds"), moat_cli_info },
  { "diff", N_("Show what changed between two versions of a model"), moat_cli_diff },
  { "stats", N_("Count a model’s elements, threats, controls and assumptions"), moat_cli_stats },
  { "report", N_("Write a model as a PDF report"), moat_cli_report },
  { "suggest", N_("List the threats the rules suggest"), moat_cli_suggest },
  { "check", N_("Fail on open threats at a risk level, or on missing reviews"), moat_cli_check },
  { "coverage", N_("Show which catalogue requirements (OWASP ASVS …) the controls meet"), moat_cli_coverage },
  { "rules", N_("List the rules and catalogues, or check a rules or catalogue file"), moat_cli_rules },
};

static const char exit_status_text[] =
  N_("Exit status: 0 success, 1 a check failed, 2 a usage or input error.");

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  moat-cli COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("“moat-cli COMMAND --help” describes a command."));
  fprintf (stream, "%s\n", _(exit_status_text));
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
 * @n_args: how many positional arguments the command takes
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
    g_option_context_set_description (context, _(exit_status_text));
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = moat_cli_fail (error);
      return FALSE;
    }

  if (*argc - 1 != n_args)
    {
      *status = moat_cli_fail_message (*argc - 1 < n_args
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

  return moat_store_open (file, error);
}

static gboolean
starts_like_sqlite (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char header[16];
  gsize n_read = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, NULL))
    return TRUE;

  return n_read == sizeof header && memcmp (header, "SQLite format 3", sizeof header) == 0;
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
  g_autoptr(MoatStore) store = NULL;
  MoatModel *model;

  /* Files that cannot be read go to the store too: it words those errors. */
  if (!starts_like_sqlite (file))
    return moat_format_import_file (file, MOAT_FORMAT_UNKNOWN, NULL, error);

  if (!(store = moat_store_open (file, error)))
    return NULL;
  model = g_object_ref (moat_store_get_model (store));
  /* Closed, the store no longer listens to the model: it stays in memory. */
  moat_store_close (store);
  return model;
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
  return g_file_replace_contents (file, text, length, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
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
        return commands[i].run (argc - 1, argv + 1);
      }

  return moat_cli_fail_message (_("unknown command “%s”; see “moat-cli --help”"), name);
}
