/* fuzz-import.c: one importer, and the writers after it. Built once per
 * format (see meson.build), FUZZ_FORMAT naming it: fuzz-threat-dragon,
 * fuzz-threat-dragon-v1, fuzz-otm, fuzz-tmbom and fuzz-tm7.
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
  fuzz_import (data, size, FUZZ_FORMAT);
  return 0;
}
