/* moat-test-vfs.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "moat-test-vfs.h"

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
  char         *path;
} ShimFile;

static sqlite3_vfs shim_vfs;
static sqlite3_vfs *real_vfs;
static char *full_part;
static gboolean full_exact;

#define REAL(f) (((ShimFile *)(f))->real)

static gboolean
is_full (sqlite3_file *file)
{
  const char *path = ((ShimFile *)file)->path;

  if (full_part == NULL || path == NULL)
    return FALSE;
  return full_exact ? strcmp (path, full_part) == 0 : strstr (path, full_part) != NULL;
}

static int
shim_close (sqlite3_file *file)
{
  int rc = REAL (file)->pMethods ? REAL (file)->pMethods->xClose (REAL (file)) : SQLITE_OK;

  g_free (((ShimFile *)file)->path);
  return rc;
}

static int
shim_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
  return REAL (f)->pMethods->xRead (REAL (f), buf, amt, off);
}

/* A full disk lets a file be overwritten in place, never grow. */
static gboolean
grows (sqlite3_file *f, sqlite3_int64 end)
{
  sqlite3_int64 size = 0;

  return REAL (f)->pMethods->xFileSize (REAL (f), &size) != SQLITE_OK || end > size;
}

static int
shim_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
  if (is_full (f) && grows (f, off + amt))
    return SQLITE_FULL;
  return REAL (f)->pMethods->xWrite (REAL (f), buf, amt, off);
}

static int
shim_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  if (is_full (f) && grows (f, size))
    return SQLITE_FULL;
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
shim_sync (sqlite3_file *f, int flags)
{
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
shim_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
shim_lock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xLock (REAL (f), level);
}

static int
shim_unlock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), level);
}

static int
shim_check_reserved (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
shim_file_control (sqlite3_file *f, int op, void *arg)
{
  if (op == SQLITE_FCNTL_SIZE_HINT && is_full (f) && grows (f, *(sqlite3_int64 *)arg))
    return SQLITE_FULL;
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
shim_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
shim_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static int
shim_shm_map (sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
  return REAL (f)->pMethods->xShmMap (REAL (f), page, size, extend, out);
}

static int
shim_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags);
}

static void
shim_shm_barrier (sqlite3_file *f)
{
  REAL (f)->pMethods->xShmBarrier (REAL (f));
}

static int
shim_shm_unmap (sqlite3_file *f, int delete_flag)
{
  return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag);
}

/* No memory-mapped pages: every write goes through shim_write. */
static int
shim_fetch (sqlite3_file *f, sqlite3_int64 off, int amt, void **out)
{
  *out = NULL;
  return SQLITE_OK;
}

static int
shim_unfetch (sqlite3_file *f, sqlite3_int64 off, void *p)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods shim_methods = {
  .iVersion = 3,
  .xClose = shim_close,
  .xRead = shim_read,
  .xWrite = shim_write,
  .xTruncate = shim_truncate,
  .xSync = shim_sync,
  .xFileSize = shim_file_size,
  .xLock = shim_lock,
  .xUnlock = shim_unlock,
  .xCheckReservedLock = shim_check_reserved,
  .xFileControl = shim_file_control,
  .xSectorSize = shim_sector_size,
  .xDeviceCharacteristics = shim_device_characteristics,
  .xShmMap = shim_shm_map,
  .xShmLock = shim_shm_lock,
  .xShmBarrier = shim_shm_barrier,
  .xShmUnmap = shim_shm_unmap,
  .xFetch = shim_fetch,
  .xUnfetch = shim_unfetch,
};

static int
shim_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  ShimFile *shim = (ShimFile *)file;
  int rc;

  shim->real = (sqlite3_file *)(shim + 1);
  shim->path = g_strdup (name);
  rc = real_vfs->xOpen (real_vfs, name, shim->real, flags, out_flags);
  /* SQLite calls xClose only when pMethods is set, even after a failure. */
  shim->base.pMethods = &shim_methods;
  return rc;
}

static int
shim_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
shim_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
shim_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static int
shim_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
shim_sleep (sqlite3_vfs *vfs, int us)
{
  return real_vfs->xSleep (real_vfs, us);
}

static int
shim_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static int
shim_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

void
moat_test_vfs_install (void)
{
  if (real_vfs != NULL)
    return;

  real_vfs = sqlite3_vfs_find (NULL);
  shim_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = sizeof (ShimFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "moat-test-full",
    .xOpen = shim_open,
    .xDelete = shim_delete,
    .xAccess = shim_access,
    .xFullPathname = shim_full_pathname,
    .xRandomness = shim_randomness,
    .xSleep = shim_sleep,
    .xCurrentTimeInt64 = shim_current_time_int64,
    .xGetLastError = shim_get_last_error,
  };
  /* dlopen and friends are left out: extensions are never loaded. */
  sqlite3_vfs_register (&shim_vfs, 1);
}

/* Writes to every file whose path holds @path_part fail (NULL: none). */
void
moat_test_vfs_fill (const char *path_part)
{
  g_free (full_part);
  full_part = g_strdup (path_part);
  full_exact = FALSE;
}

/* Writes to the file at @path fail, not to the files beside it. */
void
moat_test_vfs_fill_file (const char *path)
{
  moat_test_vfs_fill (path);
  full_exact = TRUE;
}
