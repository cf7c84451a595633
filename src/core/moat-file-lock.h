/* moat-file-lock.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the file a lock was taken on is now. */
typedef enum {
  MOAT_FILE_PLACE_SAME,     /* still at its path */
  MOAT_FILE_PLACE_MOVED,    /* renamed or moved, and nothing took its place */
  MOAT_FILE_PLACE_REPLACED, /* another file is at its path now */
  MOAT_FILE_PLACE_DELETED,  /* gone, or moved to the trash */
} MoatFilePlace;

/* The one-writer lock of a project file: an open-file-description lock on
 * a byte of the file that SQLite never locks, so it follows the file when
 * it is renamed and dies with the process that held it, plus a small
 * `NAME-lock` file beside it saying who holds it, for the message another
 * process shows. */
typedef struct _MoatFileLock MoatFileLock;

int            moat_file_lock_fd        (int            fd,
                                         gint64         start,
                                         gint64         length);

MoatFileLock  *moat_file_lock_acquire   (const char    *path,
                                         GError       **error);
gboolean       moat_file_lock_test      (const char    *path,
                                         GError       **error);
void           moat_file_lock_release   (MoatFileLock  *self);

MoatFilePlace  moat_file_lock_locate    (MoatFileLock  *self,
                                         char         **new_path);
void           moat_file_lock_follow    (MoatFileLock  *self,
                                         const char    *new_path);
gboolean       moat_file_lock_same_file (MoatFileLock  *self,
                                         const char    *path);

gboolean       moat_file_is_open_here   (const char    *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatFileLock, moat_file_lock_release)

G_END_DECLS
