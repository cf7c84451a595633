/* fuzz-moat-json.c: Moat's native JSON reader, through format detection
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GError) error = NULL;

  /* Straight to the reader, as opening a .json model does… */
  model = moat_json_read ((const char *)data, size, &error);
  if (model != NULL)
    fuzz_check_model (model);
  else if (error == NULL)
    g_error ("Reading failed without saying why");

  /* …and through detection, as importing or dropping a file does. */
  fuzz_import (data, size, MOAT_FORMAT_UNKNOWN);
  return 0;
}
