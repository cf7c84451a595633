/* moat-temp-file.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "moat-error.h"
#include "moat-file-lock.h"
#include "moat-temp-file.h"

/* What SQLite may leave beside a database it was writing. */
static const char * const side_suffixes[] = { "-wal", "-shm", "-journal" };

struct _MoatTempFile
{
  char *destination;
  char *path;
  char *entry;     /* our line in the registry, while we hold it */
  int   entry_fd;  /* locked for as long as this process lives */
};

char *
moat_temp_file_get_registry (void)
{
  return g_build_filename (g_get_user_cache_dir (), "moat", "temp", NULL);
}

static void
unlink_with_side_files (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, side_suffixes[i], NULL);
      g_unlink (side);
    }
}

/* Only files named the way we name them are ever removed, whatever a
 * registry entry says. */
static gboolean
looks_like_ours (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_path_is_absolute (path) && base[0] == '.' && g_str_has_suffix (base, ".moat-tmp");
}

/* The entry is written under a name the cleaner ignores and renamed once
 * it is locked, so that no other process ever sees it unlocked. */
static void
register_path (MoatTempFile *self)
{
  g_autofree char *registry = moat_temp_file_get_registry ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *draft = NULL;

  if (g_mkdir_with_parents (registry, 0700) != 0)
    return; /* no registry: the file is still removed when we finish */

  draft = g_strdup_printf ("%s/%s.new", registry, uuid);
  self->entry = g_strdup_printf ("%s/%s.entry", registry, uuid);
  self->entry_fd = g_open (draft, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (self->entry_fd < 0 ||
      moat_file_lock_fd (self->entry_fd, 0, 0) != 0 ||
      write (self->entry_fd, self->path, strlen (self->path)) != (gssize)strlen (self->path) ||
      g_rename (draft, self->entry) != 0)
    {
      g_unlink (draft);
      g_clear_pointer (&self->entry, g_free);
    }
}

static void
unregister_path (MoatTempFile *self)
{
  if (self->entry != NULL)
    g_unlink (self->entry);
  g_clear_pointer (&self->entry, g_free);
  if (self->entry_fd >= 0)
    close (self->entry_fd);
  self->entry_fd = -1;
}

/**
 * moat_temp_file_new:
 * @destination: the file that will be replaced
 *
 * Creates an empty file beside @destination (on the same file system, so
 * that it can be renamed over it), named `.NAME.XXXXXX.moat-tmp`.
 *
 * Returns: (transfer full): the temporary file, or %NULL with @error set,
 *   worded for @destination
 */
MoatTempFile *
moat_temp_file_new (const char  *destination,
                    GError     **error)
{
  g_autoptr(MoatTempFile) self = g_new0 (MoatTempFile, 1);
  g_autofree char *dir = g_path_get_dirname (destination);
  g_autofree char *base = g_path_get_basename (destination);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX.moat-tmp", base);
  g_autofree char *absolute = NULL;
  int fd;

  self->entry_fd = -1;
  self->destination = g_strdup (destination);
  moat_temp_file_clean_stale ();

  absolute = g_path_is_absolute (dir) ? g_strdup (dir)
                                      : g_canonicalize_filename (dir, NULL);
  self->path = g_build_filename (absolute, template, NULL);
  fd = g_mkstemp_full (self->path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_basename (destination);

      g_set_error (error, MOAT_ERROR, saved_errno == EACCES || saved_errno == EROFS
                   ? MOAT_ERROR_PERMISSION : MOAT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      g_clear_pointer (&self->path, g_free);
      return NULL;
    }
  close (fd);

  register_path (self);
  return g_steal_pointer (&self);
}

const char *
moat_temp_file_get_path (MoatTempFile *self)
{
  return self->path;
}

static gboolean
sync_path (const char *path,
           int         flags)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/**
 * moat_temp_file_commit:
 *
 * Makes the temporary file's content durable and renames it over its
 * destination. On failure the destination is untouched and the temporary
 * file is removed when @self is freed.
 */
gboolean
moat_temp_file_commit (MoatTempFile  *self,
                       GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->destination);
  int saved_errno = 0;

  g_return_val_if_fail (self->path != NULL, FALSE);

  if (!sync_path (self->path, O_RDONLY) || g_rename (self->path, self->destination) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_autofree char *name = g_filename_display_basename (self->destination);

      return g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE, _("Could not save “%s”: %s"),
                          name, g_strerror (saved_errno)), FALSE;
    }

  /* The rename itself must survive a power cut. */
  sync_path (dir, O_RDONLY | O_DIRECTORY);
  g_clear_pointer (&self->path, g_free);
  unregister_path (self);
  return TRUE;
}

void
moat_temp_file_free (MoatTempFile *self)
{
  if (self == NULL)
    return;

  if (self->path != NULL)
    unlink_with_side_files (self->path);
  unregister_path (self);
  g_free (self->path);
  g_free (self->destination);
  g_free (self);
}

/* @stream writes straight into our temporary file, or replaces a
 * file that has no local path the way GIO does. */
static gboolean
write_stream (GFileOutputStream   *stream,
              MoatTempFileWriter   writer,
              gpointer             user_data,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GCancellable) discard = NULL;

  if (stream == NULL)
    return FALSE;

  if (writer (G_OUTPUT_STREAM (stream), user_data, cancellable, error))
    return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);

  /* Closing a replacing stream with a cancelled cancellable leaves the
   * file it replaces as it was; our temporary file goes when freed. */
  discard = g_cancellable_new ();
  g_cancellable_cancel (discard);
  g_output_stream_close (G_OUTPUT_STREAM (stream), discard, NULL);
  return FALSE;
}

/**
 * moat_temp_file_replace:
 * @writer: writes the whole content to the stream it is given
 *
 * Replaces @file with what @writer writes, only once it is all written:
 * a failure, a cancellation or a kill half-way leaves @file as it was
 * (and never an empty file where there was none), and a killed writer's
 * leftover is removed by the next process.
 */
gboolean
moat_temp_file_replace (GFile              *file,
                        MoatTempFileWriter  writer,
                        gpointer            user_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(MoatTempFile) tmp = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path = g_file_peek_path (file);

  if (path == NULL)
    {
      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
      return write_stream (stream, writer, user_data, cancellable, error);
    }

  if (!(tmp = moat_temp_file_new (path, error)))
    return FALSE;
  /* Appending to the empty file we made, not replacing it: GIO would
   * write yet another temporary file, one our registry does not know. */
  target = g_file_new_for_path (tmp->path);
  stream = g_file_append_to (target, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (!write_stream (stream, writer, user_data, cancellable, &local_error))
    {
      g_autofree char *name = g_filename_display_basename (path);

      /* GIO's message names no file, or our temporary one. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local_error, _("Could not write “%s”: "), name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return moat_temp_file_commit (tmp, error);
}

static gboolean
write_bytes (GOutputStream  *stream,
             gpointer        user_data,
             GCancellable   *cancellable,
             GError        **error)
{
  gsize length;
  const char *data = g_bytes_get_data (user_data, &length);

  return g_output_stream_write_all (stream, data, length, NULL, cancellable, error);
}

/**
 * moat_temp_file_set_contents:
 *
 * moat_temp_file_replace() with @contents: for exports, whose file the
 * user names and must never find empty or half-written.
 */
gboolean
moat_temp_file_set_contents (GFile       *file,
                             const char  *contents,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (contents, length);

  return moat_temp_file_replace (file, write_bytes, bytes, NULL, error);
}

static gboolean
clean_entry (const char *entry)
{
  g_autofree char *contents = NULL;
  int fd = g_open (entry, O_RDWR | O_CLOEXEC, 0);
  gboolean cleaned = FALSE;

  if (fd < 0)
    return FALSE;

  /* A lock we can take belongs to a process that is gone. */
  if (moat_file_lock_fd (fd, 0, 0) == 0 &&
      g_file_get_contents (entry, &contents, NULL, NULL))
    {
      if (looks_like_ours (contents))
        unlink_with_side_files (contents);
      g_unlink (entry);
      cleaned = TRUE;
    }

  close (fd);
  return cleaned;
}

/**
 * moat_temp_file_clean_stale:
 *
 * Removes the temporary files that processes which were killed while
 * writing them left behind.
 *
 * Returns: how many were removed
 */
guint
moat_temp_file_clean_stale (void)
{
  g_autofree char *registry = moat_temp_file_get_registry ();
  g_autoptr(GDir) dir = g_dir_open (registry, 0, NULL);
  const char *name;
  guint cleaned = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".entry"))
      {
        g_autofree char *entry = g_build_filename (registry, name, NULL);

        cleaned += clean_entry (entry);
      }

  return cleaned;
}
