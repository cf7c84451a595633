/* export-sample.c: imports a file (or makes the test sample model) and
 * writes it out in another format, for the schema validation test.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * export-sample --to threat-dragon|otm|tm-bom|moat (FILE | --sample-model)
 *
 * The exported file goes to stdout, the import and export reports to stderr.
 */

#include "config.h"

#include <stdio.h>

#include "moat-format.h"
#include "moat-test-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autofree char *text = NULL;
  MoatFormat format;

  if (argc != 4 || !g_str_equal (argv[1], "--to") || !moat_format_from_name (argv[2], &format))
    {
      g_printerr ("usage: export-sample --to threat-dragon|otm|tm-bom|moat (FILE | --sample-model)\n");
      return 2;
    }

  if (g_str_equal (argv[3], "--sample-model"))
    model = moat_test_sample_model ();
  else
    {
      g_autofree char *data = NULL;
      gsize length;

      if (!g_file_get_contents (argv[3], &data, &length, &error) ||
          !(model = moat_format_import (data, length, MOAT_FORMAT_UNKNOWN, &report, &error)))
        {
          g_printerr ("%s: %s\n", argv[3], error->message);
          return 1;
        }
      text = moat_import_report_format_text (report);
      g_printerr ("%s", text);
      g_clear_pointer (&text, g_free);
      g_clear_object (&report);
    }

  text = moat_format_export (model, format, &report, &error);
  if (text == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  fputs (text, stdout);
  g_clear_pointer (&text, g_free);
  text = moat_import_report_format_text (report);
  g_printerr ("%s", text);
  return 0;
}
