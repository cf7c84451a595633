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

#include <glib/gi18n.h>

#include "moat-cli.h"

static const MoatCliCommand commands[] = {
  { "import", N_("Make a project file from a JSON model"), moat_cli_import },
  { "export", N_("Write a model as JSON"), moat_cli_export },
  { "info", N_("Show what a model holds"), moat_cli_info },
  { "diff", N_("Show what changed between two versions of a model"), moat_cli_diff },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n  moat-cli COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("“moat-cli COMMAND --help” describes a command."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 a check failed, 2 a usage or input error."));
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
