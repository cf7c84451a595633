/* main.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "moat-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MoatApplication) app = NULL;
  /* An uninstalled build (the tests, build-aux/run-example.sh) points to
   * the catalogues in its build directory. */
  const char *localedir = g_getenv ("MOAT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = moat_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
