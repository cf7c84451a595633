/* moat-file-lock.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "moat-error.h"
#include "moat-file-lock.h"

/* SQLite locks the bytes from 0x40000000 to 0x400001ff of a database;
 * the writer's lock sits just below them, where it conflicts with nothing
 * SQLite does. */
#define WRITER_BYTE G_GINT64_CONSTANT (0x3fffff00)
#define INFO_GROUP "Moat Lock"

struct _MoatFileLock
{
  char *path;
  int   fd;
};

/**
 * moat_file_lock_fd:
 * @length: how many bytes, 0 for all from @start on
 *
 * Takes a write lock on part of an open file without waiting. The lock
 * belongs to the open file description (not the process), so closing
 * another descriptor of the same file, as SQLite does, never drops it.
 *
 * Returns: 0, or the errno: EAGAIN when another holds it
 */
int
moat_file_lock_fd (int    fd,
                   gint64 start,
                   gint64 length)
{
  struct flock lock = {
    .l_type = F_WRLCK,
    .l_whence = SEEK_SET,
    .l_start = start,
    .l_len = length,
  };

  if (fcntl (fd, F_OFD_SETLK, &lock) == 0)
    return 0;
  return errno == EACCES ? EAGAIN : errno;
}

static char *
info_path (const char *path)
{
  return g_strconcat (path, "-lock", NULL);
}

static void
write_info (const char *path)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format_iso8601 (now);
  g_autofree char *where = info_path (path);
  const char *program = g_get_prgname ();

  g_key_file_set_string (info, INFO_GROUP, "Host", g_get_host_name ());
  g_key_file_set_int64 (info, INFO_GROUP, "Process", getpid ());
  g_key_file_set_string (info, INFO_GROUP, "User", g_get_user_name ());
  g_key_file_set_string (info, INFO_GROUP, "Program", program ? program : "moat");
  g_key_file_set_string (info, INFO_GROUP, "Since", since);
  /* Without it the lock still holds; only the message is vaguer. */
  g_key_file_save_to_file (info, where, NULL);
}

static char *
format_since (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (local == NULL)
    return NULL;
  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%x %H:%M");
}

/* Words for who holds the lock on @path, for the message. */
static void
set_locked_error (const char  *path,
                  GError     **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *where = info_path (path);
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *host = NULL, *user = NULL, *program = NULL, *since = NULL, *iso = NULL;
  gint64 pid;

  if (!g_key_file_load_from_file (info, where, G_KEY_FILE_NONE, NULL) ||
      !(host = g_key_file_get_string (info, INFO_GROUP, "Host", NULL)) ||
      (pid = g_key_file_get_int64 (info, INFO_GROUP, "Process", NULL)) <= 0)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_LOCKED,
                   _("“%s” is open for editing in another program"), name);
      return;
    }

  user = g_key_file_get_string (info, INFO_GROUP, "User", NULL);
  program = g_key_file_get_string (info, INFO_GROUP, "Program", NULL);
  iso = g_key_file_get_string (info, INFO_GROUP, "Since", NULL);
  since = format_since (iso);
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_LOCKED,
               /* Translators: “model.moat” is open for editing in moat by alice on host
                * laptop (process 1234) since 10:42 */
               _("“%s” is open for editing in %s by %s on host %s (process %lld) since %s"),
               name, program ? program : "moat", user ? user : "?", host, (long long) pid,
               since ? since : "?");
}

static int
open_for_lock (const char  *path,
               GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, MOAT_ERROR,
                   saved_errno == ENOENT ? MOAT_ERROR_NOT_FOUND : MOAT_ERROR_PERMISSION,
                   _("Could not open “%s” for editing: %s"), name, g_strerror (saved_errno));
    }

  return fd;
}

/**
 * moat_file_lock_acquire:
 *
 * Becomes the one process that writes @path. When another holds it, the
 * error (%MOAT_ERROR_LOCKED) says who, where and since when. A lock left
 * by a process that crashed is gone with it, so it never blocks anyone.
 *
 * Returns: (transfer full): the lock, or %NULL with @error set
 */
MoatFileLock *
moat_file_lock_acquire (const char  *path,
                        GError     **error)
{
  g_autoptr(MoatFileLock) self = g_new0 (MoatFileLock, 1);
  int rc;

  self->fd = -1;
  self->path = g_strdup (path);
  if ((self->fd = open_for_lock (path, error)) < 0)
    return NULL;

  rc = moat_file_lock_fd (self->fd, WRITER_BYTE, 1);
  if (rc == EAGAIN)
    {
      set_locked_error (path, error);
      return NULL;
    }
  /* A file system without locks (some network shares) cannot protect the
   * file: it is still edited, as before there were locks. */
  if (rc == 0)
    write_info (path);

  return g_steal_pointer (&self);
}

/**
 * moat_file_lock_test:
 *
 * Returns: %TRUE when no other process holds the writer's lock on @path
 *   (or there is no file there); %FALSE with %MOAT_ERROR_LOCKED when one does
 */
gboolean
moat_file_lock_test (const char  *path,
                     GError     **error)
{
  struct flock lock = {
    .l_type = F_WRLCK,
    .l_whence = SEEK_SET,
    .l_start = WRITER_BYTE,
    .l_len = 1,
  };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  gboolean free_to_write;

  if (fd < 0)
    return TRUE;
  free_to_write = fcntl (fd, F_OFD_GETLK, &lock) != 0 || lock.l_type == F_UNLCK;
  close (fd);

  if (!free_to_write)
    set_locked_error (path, error);
  return free_to_write;
}

void
moat_file_lock_release (MoatFileLock *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    {
      g_autofree char *where = info_path (self->path);

      if (moat_file_lock_same_file (self, self->path))
        g_unlink (where);
      close (self->fd);
    }
  g_free (self->path);
  g_free (self);
}

static gboolean
in_trash (const char *path)
{
  g_autofree char *trash = g_build_filename (g_get_user_data_dir (), "Trash", NULL);

  return g_str_has_prefix (path, trash) || strstr (path, "/.Trash-") != NULL ||
         strstr (path, "/.Trash/") != NULL;
}

/* Where the kernel says our open file is now: it follows renames. */
static char *
current_path (MoatFileLock *self)
{
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", self->fd);
  g_autofree char *target = g_file_read_link (link, NULL);
  struct stat st;

  if (target == NULL || fstat (self->fd, &st) != 0 || st.st_nlink == 0 ||
      g_str_has_suffix (target, " (deleted)"))
    return NULL;
  return g_steal_pointer (&target);
}

/**
 * moat_file_lock_same_file:
 *
 * Returns: whether @path names the very file the lock was taken on (the
 *   same device and inode), not another one put in its place
 */
gboolean
moat_file_lock_same_file (MoatFileLock *self,
                          const char   *path)
{
  struct stat ours, theirs;

  return fstat (self->fd, &ours) == 0 && ours.st_nlink > 0 &&
         g_stat (path, &theirs) == 0 &&
         ours.st_dev == theirs.st_dev && ours.st_ino == theirs.st_ino;
}

/**
 * moat_file_lock_locate:
 * @new_path: (out) (optional): where the file is now, for %MOAT_FILE_PLACE_MOVED
 *
 * Finds out whether the locked file is still at its path. A file moved
 * away with another one put at its path (a sync client keeping a backup)
 * counts as replaced: the path is what the user chose.
 */
MoatFilePlace
moat_file_lock_locate (MoatFileLock  *self,
                       char         **new_path)
{
  g_autofree char *now = NULL;

  if (moat_file_lock_same_file (self, self->path))
    return MOAT_FILE_PLACE_SAME;

  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    return MOAT_FILE_PLACE_REPLACED;

  now = current_path (self);
  if (now == NULL || in_trash (now))
    return MOAT_FILE_PLACE_DELETED;

  if (new_path != NULL)
    *new_path = g_steal_pointer (&now);
  return MOAT_FILE_PLACE_MOVED;
}

/**
 * moat_file_lock_follow:
 *
 * Records that the locked file now lives at @new_path: the lock itself
 * moved with it; the note saying who holds it moves too.
 */
void
moat_file_lock_follow (MoatFileLock *self,
                       const char   *new_path)
{
  g_autofree char *old_info = info_path (self->path);

  g_unlink (old_info);
  g_free (self->path);
  self->path = g_strdup (new_path);
  write_info (new_path);
}

/**
 * moat_file_is_open_here:
 *
 * Returns: whether this process holds the file at @path open, the very
 *   file (device and inode), through any descriptor
 */
gboolean
moat_file_is_open_here (const char *path)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  struct stat wanted;

  if (fds == NULL || g_stat (path, &wanted) != 0)
    return FALSE;

  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      struct stat st;

      if (g_stat (link, &st) == 0 && st.st_dev == wanted.st_dev && st.st_ino == wanted.st_ino)
        return TRUE;
    }

  return FALSE;
}
