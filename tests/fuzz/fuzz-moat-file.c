/* fuzz-moat-file.c: opening a .moat project file (mutated bytes of a
 * valid one)
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"

static char *dir;
static char *path;

static void
remove_files (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  dir = g_dir_make_tmp ("moat-fuzz-XXXXXX", NULL);
  g_assert (dir != NULL);
  path = g_build_filename (dir, "fuzz.moat", NULL);
  /* Drafts and recent files go here, not into the user's folders. */
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  remove_files ();
  if (!g_file_set_contents (path, (const char *)data, size, NULL))
    return 0;

  file = g_file_new_for_path (path);
  store = moat_store_open (file, &error);
  if (store == NULL)
    {
      if (error == NULL)
        g_error ("Opening failed without saying why");
      return 0;
    }

  fuzz_check_model (moat_store_get_model (store));
  moat_store_close (store);
  return 0;
}
