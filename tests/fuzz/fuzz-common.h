/* fuzz-common.h: what every fuzz target checks besides not crashing
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>

#include "moat-core.h"
#include "moat-format.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* GLib ends a program on a fatal message with a breakpoint trap, which
 * libFuzzer does not catch: abort instead, so it saves the input. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

/* GLib warnings and criticals are bugs: make them crashes the fuzzer sees. */
static inline void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* Whatever came in must be a model Moat itself accepts, and must go out
 * to every format, and come back in from those. */
static inline void
fuzz_check_model (MoatModel *model)
{
  g_autofree char *json = NULL;
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(GError) error = NULL;
  const MoatFormat formats[] = { MOAT_FORMAT_THREAT_DRAGON, MOAT_FORMAT_OTM, MOAT_FORMAT_TMBOM };

  json = moat_json_write (model, NULL);
  again = moat_json_read (json, -1, &error);
  if (again == NULL)
    g_error ("An imported model is not a valid Moat model: %s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(MoatImportReport) report = NULL;
      g_autoptr(MoatModel) back = NULL;
      g_autofree char *text = moat_format_export (model, formats[i], &report, &error);
      g_autofree char *summary = NULL;

      if (text == NULL)
        g_error ("Export failed: %s", error->message);
      summary = moat_import_report_format_text (report);

      back = moat_format_import (text, strlen (text), formats[i], NULL, &error);
      if (back == NULL)
        g_error ("Moat cannot read back what it wrote as %s: %s",
                 moat_format_get_name (formats[i]), error->message);
    }
}

static inline void
fuzz_import (const uint8_t *data,
             size_t         size,
             MoatFormat     format)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = moat_format_import ((const char *)data, size, format, &report, &error);
  if (model == NULL)
    {
      if (error == NULL)
        g_error ("An import failed without saying why");
      return;
    }

  if (report != NULL)
    g_free (moat_import_report_format_text (report));
  fuzz_check_model (model);
}
