/* test-file-safety.c: the file never lies
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One writer per file, files moved, replaced or deleted while open,
 * hostile files, a full disk, read-only places and a failed Save As.
 */

#include "config.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "moat-format.h"
#include "moat-limits.h"
#include "moat-temp-file.h"
#include "moat-test-util.h"
#include "moat-test-vfs.h"

typedef struct
{
  char  *dir;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = moat_test_make_tmpdir ();
  f->file = g_file_new_build_filename (f->dir, "model.moat", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  moat_test_vfs_fill (NULL);
  g_chmod (f->dir, 0700);
  moat_test_rm_rf (f->dir);
  g_free (f->dir);
  g_object_unref (f->file);
}

static MoatStore *
create_sample (GFile *file)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(GError) error = NULL;
  MoatStore *store = moat_store_create (file, model, &error);

  g_assert_no_error (error);
  return store;
}

static void
write_sample (GFile *file)
{
  g_autoptr(MoatStore) store = create_sample (file);

  moat_store_close (store);
}

static MoatModel *
read_model (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open_read_only (file, &error);

  g_assert_no_error (error);
  return g_object_ref (moat_store_get_model (store));
}

static char *
side_path (GFile      *file,
           const char *suffix)
{
  return g_strconcat (g_file_peek_path (file), suffix, NULL);
}

static gboolean
has_side_files (GFile *file)
{
  g_autofree char *wal = side_path (file, "-wal");
  g_autofree char *shm = side_path (file, "-shm");

  return g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS);
}

static void
set_title (MoatStore  *store,
           const char *title)
{
  g_object_set (moat_store_get_model (store), "title", title, NULL);
}

static char *
integrity (GFile *file)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (g_file_peek_path (file), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* ------------------------------------------------------------------ */
/* One writer                                                          */

/* A child process opens the file for editing, edits it and waits; the
 * parent is refused with a message naming the child, reads a snapshot
 * meanwhile, and takes over once the child is killed. */
static void
test_one_writer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) seen = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autofree char *pid_text = NULL;
  int ready[2];
  char byte;
  pid_t pid;
  int status;

  write_sample (f->file);
  g_assert_cmpint (pipe (ready), ==, 0);

  pid = fork ();
  if (pid == 0)
    {
      g_autoptr(MoatStore) child = moat_store_open (f->file, NULL);

      if (child == NULL)
        _exit (3);
      set_title (child, "Edited by the child");
      if (write (ready[1], "x", 1) != 1)
        _exit (4);
      pause ();
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  g_assert_null (moat_store_open (f->file, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_LOCKED);
  pid_text = g_strdup_printf ("process %d", pid);
  g_assert_nonnull (strstr (error->message, pid_text));
  g_clear_error (&error);

  /* Another program may not replace it either. */
  {
    g_autoptr(MoatModel) other = moat_model_new ();
    g_assert_null (moat_store_create (f->file, other, &error));
    g_assert_error (error, MOAT_ERROR, MOAT_ERROR_LOCKED);
    g_clear_error (&error);
  }

  /* Readers see every edit the writer acknowledged. */
  seen = read_model (f->file);
  g_assert_cmpstr (moat_model_get_title (seen), ==, "Edited by the child");

  /* A lock left by a process that died blocks no one. */
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  store = moat_store_open (f->file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moat_model_get_title (moat_store_get_model (store)), ==, "Edited by the child");
  set_title (store, "Mine now");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);
  close (ready[0]);
  close (ready[1]);
}

/* Two processes take turns, each opening, editing and closing: every
 * acknowledged edit of both is in the file. */
static void
test_two_writers_take_turns (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MoatModel) loaded = NULL;
  pid_t pids[2];

  write_sample (f->file);
  for (int p = 0; p < 2; p++)
    if ((pids[p] = fork ()) == 0)
      {
        for (int i = 0; i < 20; i++)
          {
            g_autoptr(MoatStore) store = NULL;
            g_autofree char *name = g_strdup_printf ("asset-%d-%d", p, i);
            /* Forked children share the random ids' seed: name them. */
            g_autoptr(MoatAsset) asset = g_object_new (MOAT_TYPE_ASSET, "id", name, NULL);

            while (!(store = moat_store_open (f->file, NULL)))
              g_usleep (1000);
            g_object_set (asset, "name", name, NULL);
            moat_model_add (moat_store_get_model (store), asset);
            if (moat_store_get_status (store) != MOAT_STORE_SAVED)
              _exit (5);
            moat_store_close (store);
          }
        _exit (0);
      }

  for (int p = 0; p < 2; p++)
    {
      int status;
      g_assert_cmpint (waitpid (pids[p], &status, 0), ==, pids[p]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }

  loaded = read_model (f->file);
  g_assert_cmpuint (moat_model_count (loaded, MOAT_TYPE_ASSET), ==, 1 + 40);
}

/* ------------------------------------------------------------------ */
/* Moved, replaced, deleted                                            */

static void
test_moved_while_open (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);
  g_autoptr(GFile) moved = g_file_new_build_filename (f->dir, "renamed.moat", NULL);
  g_autoptr(MoatModel) loaded = NULL;

  set_title (store, "Before the move");
  g_assert_cmpint (g_rename (g_file_peek_path (f->file), g_file_peek_path (moved)), ==, 0);
  g_assert_true (moat_store_check_place (store));
  g_assert_true (g_file_equal (moat_store_get_file (store), moved));
  set_title (store, "After the move");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);

  /* Nothing is left at the old name; the moved file holds every edit
   * even before it is closed (a copy of it alone is whole). */
  g_assert_false (has_side_files (f->file));
  g_assert_true (moat_store_checkpoint (store));
  {
    g_autoptr(GFile) copy = g_file_new_build_filename (f->dir, "copy.moat", NULL);
    g_assert_true (g_file_copy (moved, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
    loaded = read_model (copy);
    g_assert_cmpstr (moat_model_get_title (loaded), ==, "After the move");
  }
  moat_store_close (store);
  g_assert_false (has_side_files (moved));
}

static void
check_lost_file (MoatStore *store)
{
  const GError *error;

  set_title (store, "Edited after the change");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_CHANGED);
  error = moat_store_get_write_error (store);
  g_assert_error ((GError *)error, MOAT_ERROR, MOAT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "model.moat"));
  g_assert_cmpuint (moat_store_get_n_pending (store), ==, 1);
}

static void
save_elsewhere (Fixture   *f,
                MoatStore *store)
{
  g_autoptr(GFile) rescue = g_file_new_build_filename (f->dir, "rescued.moat", NULL);
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_store_save_as (store, rescue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);
  set_title (store, "Edited after Save As");
  loaded = read_model (rescue);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Edited after Save As");
}

/* A git checkout replaces the file: Moat stops writing to the path and
 * never applies its write-ahead log to the file now there. */
static void
test_replaced_while_open (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);
  g_autoptr(GFile) theirs = g_file_new_build_filename (f->dir, "theirs.moat", NULL);
  g_autoptr(MoatModel) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *check = NULL;

  set_title (store, "Mine");
  {
    g_autoptr(MoatModel) other = moat_model_new ();
    g_autoptr(MoatStore) other_store = NULL;

    g_object_set (other, "title", "Theirs", NULL);
    other_store = moat_store_create (theirs, other, NULL);
    moat_store_close (other_store);
  }
  g_assert_true (g_file_get_contents (g_file_peek_path (theirs), &before, NULL, NULL));
  g_assert_cmpint (g_rename (g_file_peek_path (theirs), g_file_peek_path (f->file)), ==, 0);

  check_lost_file (store);
  g_assert_false (has_side_files (f->file));
  check = integrity (f->file);
  g_assert_cmpstr (check, ==, "ok");
  loaded = read_model (f->file);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Theirs");

  save_elsewhere (f, store);
}

static void
test_deleted_while_open (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);

  set_title (store, "Mine");
  g_assert_cmpint (g_unlink (g_file_peek_path (f->file)), ==, 0);
  check_lost_file (store);
  g_assert_false (g_file_test (g_file_peek_path (f->file), G_FILE_TEST_EXISTS));
  save_elsewhere (f, store);
}

/* ------------------------------------------------------------------ */
/* Hostile files                                                       */

static void
plant (GFile      *file,
       const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (g_file_peek_path (file), &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  sqlite3_close (db);
}

static void
assert_refused (GFile *file)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (moat_store_open (file, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "model.moat"));
  g_clear_error (&error);
  g_assert_null (moat_store_open_read_only (file, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_UNSAFE);
}

static void
test_hostile_trigger (Fixture       *f,
                      gconstpointer  data)
{
  write_sample (f->file);
  plant (f->file, "CREATE TRIGGER wipe AFTER UPDATE ON model BEGIN DELETE FROM threat; END;");
  assert_refused (f->file);
}

static void
test_hostile_view (Fixture       *f,
                   gconstpointer  data)
{
  write_sample (f->file);
  plant (f->file,
         "PRAGMA foreign_keys = OFF;"
         "ALTER TABLE threat RENAME TO threat_hidden;"
         "CREATE VIEW threat AS SELECT * FROM threat_hidden WHERE 0;");
  assert_refused (f->file);
}

static void
test_hostile_recursive_view (Fixture       *f,
                             gconstpointer  data)
{
  write_sample (f->file);
  plant (f->file,
         "CREATE VIEW forever AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
         " SELECT i FROM n;");
  assert_refused (f->file);
}

static void
test_hostile_changed_table (Fixture       *f,
                            gconstpointer  data)
{
  write_sample (f->file);
  plant (f->file, "ALTER TABLE element ADD COLUMN secret TEXT AS (hex(name)) VIRTUAL;");
  assert_refused (f->file);
}

/* ------------------------------------------------------------------ */
/* A full disk                                                         */

/* Writes fail: nothing is rewritten, edits wait in memory in order, and
 * are written when space is back. */
static void
test_disk_full_then_retry (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(MoatAsset) asset = moat_asset_new ();
  g_autoptr(GError) error = NULL;

  set_title (store, "Acknowledged");
  moat_test_vfs_fill ("model.moat");
  set_title (store, "Waiting 1");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_FAILING);
  g_object_set (asset, "name", "Waiting 2", NULL);
  moat_model_add (moat_store_get_model (store), asset);
  g_assert_cmpuint (moat_store_get_n_pending (store), ==, 2);
  g_assert_false (moat_store_retry (store, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_WRITE);
  g_clear_error (&error);

  loaded = read_model (f->file);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Acknowledged");
  g_clear_object (&loaded);

  moat_test_vfs_fill (NULL);
  g_assert_true (moat_store_retry (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);
  g_assert_cmpuint (moat_store_get_n_pending (store), ==, 0);
  moat_store_close (store);

  loaded = read_model (f->file);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Waiting 1");
  g_assert_nonnull (moat_model_lookup (loaded, moat_object_get_id (MOAT_OBJECT (asset))));
}

/* The disk fills while the log is folded into the file on close: the
 * file opens afterwards with every acknowledged edit. */
static void
test_disk_full_on_close (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) again = NULL;

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(MoatThreat) threat = moat_threat_new ();
      g_object_set (threat, "title", "A long enough threat title to fill some pages", NULL);
      moat_model_add (moat_store_get_model (store), threat);
    }
  set_title (store, "Last acknowledged edit");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);

  /* Only the database file itself is full: the log is written, the
   * checkpoint into the file is not. */
  moat_test_vfs_fill_file (g_file_peek_path (f->file));
  moat_store_close (store);
  moat_test_vfs_fill (NULL);

  again = moat_store_open (f->file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moat_model_get_title (moat_store_get_model (again)), ==, "Last acknowledged edit");
  g_assert_cmpuint (moat_model_count (moat_store_get_model (again), MOAT_TYPE_THREAT), >=, 50);
}

/* Save As onto a full disk fails and the document stays live where it
 * was. */
static void
test_failed_save_as (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);
  g_autoptr(GFile) target = g_file_new_build_filename (f->dir, "full", "copy.moat", NULL);
  g_autoptr(GFile) full_dir = g_file_get_parent (target);
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileEnumerator) children = NULL;

  g_assert_true (g_file_make_directory (full_dir, NULL, NULL));
  moat_test_vfs_fill ("/full/");
  g_assert_false (moat_store_save_as (store, target, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "copy.moat"));
  g_assert_null (strstr (error->message, "tmp"));
  moat_test_vfs_fill (NULL);

  g_assert_true (g_file_equal (moat_store_get_file (store), f->file));
  set_title (store, "Still saved here");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);
  loaded = read_model (f->file);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Still saved here");

  /* Nothing half-written is left in the target folder. */
  children = g_file_enumerate_children (full_dir, "standard::name", 0, NULL, NULL);
  g_assert_null (g_file_enumerator_next_file (children, NULL, NULL));
}

/* ------------------------------------------------------------------ */
/* Read-only places                                                    */

static void
check_read_only_folder (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open (f->file, &error);
  const GError *write_error;

  g_assert_no_error (error);
  g_assert_true (moat_store_get_read_only (store));
  g_assert_cmpstr (moat_model_get_title (moat_store_get_model (store)), ==, "Readable");
  set_title (store, "Not saved");
  write_error = moat_store_get_write_error (store);
  g_assert_error ((GError *)write_error, MOAT_ERROR, MOAT_ERROR_PERMISSION);
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_READ_ONLY);
  moat_store_close (store);
  g_assert_false (has_side_files (f->file));
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MoatStore) store = create_sample (f->file);

  set_title (store, "Readable");
  moat_store_close (store);

  /* A writable file in a read-only folder, then a read-only file too. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (g_file_peek_path (f->file), 0666), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  if (!moat_test_run_unprivileged (check_read_only_folder, f))
    {
      g_test_skip ("no unprivileged user to test with");
      return;
    }
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (g_file_peek_path (f->file), 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  moat_test_run_unprivileged (check_read_only_folder, f);
}

/* Looking at a read-only file leaves nothing behind, and once it is
 * writable again it can be edited. */
static void
test_read_only_file_then_writable (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(MoatStore) viewer = NULL;
  g_autoptr(MoatStore) editor = NULL;
  g_autoptr(GError) error = NULL;

  write_sample (f->file);
  g_assert_cmpint (g_chmod (g_file_peek_path (f->file), 0444), ==, 0);
  viewer = moat_store_open_read_only (f->file, &error);
  g_assert_no_error (error);
  moat_store_close (viewer);
  g_assert_false (has_side_files (f->file));

  g_assert_cmpint (g_chmod (g_file_peek_path (f->file), 0644), ==, 0);
  editor = moat_store_open (f->file, &error);
  g_assert_no_error (error);
  set_title (editor, "Editable again");
  g_assert_cmpint (moat_store_get_status (editor), ==, MOAT_STORE_SAVED);
}

/* ------------------------------------------------------------------ */
/* Temporary files                                                     */

/* A process killed while writing leaves its temporary file; the next
 * one removes it. */
static void
test_stale_temp_files (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "export.pdf", NULL);
  int pipe_fds[2];
  char path[4096] = { 0 };
  ssize_t n;
  pid_t pid;
  int status;

  g_assert_cmpint (pipe (pipe_fds), ==, 0);
  pid = fork ();
  if (pid == 0)
    {
      MoatTempFile *tmp = moat_temp_file_new (dest, NULL);
      const char *p = tmp ? moat_temp_file_get_path (tmp) : "";

      if (write (pipe_fds[1], p, strlen (p)) < 0)
        _exit (4);
      pause ();
      _exit (0);
    }
  n = read (pipe_fds[0], path, sizeof path - 1);
  g_assert_cmpint (n, >, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* While its process lives, its file is left alone. */
  moat_temp_file_clean_stale ();
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpuint (moat_temp_file_clean_stale (), >=, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  close (pipe_fds[0]);
  close (pipe_fds[1]);
}

/* ------------------------------------------------------------------ */
/* Texts past the limits                                               */

/* A 600 KB title used to be imported, and the report then took minutes:
 * now the import is refused, naming what is too long. */
static void
test_limits_import (Fixture       *f,
                    gconstpointer  data)
{
  static const MoatFormat foreign_formats[] = { MOAT_FORMAT_THREAT_DRAGON, MOAT_FORMAT_OTM };
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autofree char *huge = g_strnfill (600 * 1024, 'a');
  g_autofree char *json = NULL;
  g_autoptr(MoatModel) imported = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (model, "title", huge, NULL);
  json = moat_json_write (model, NULL);
  imported = moat_format_import (json, strlen (json), MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_TOO_LONG);
  g_assert_null (imported);
  g_assert_nonnull (strstr (error->message, "title"));

  /* The same from another tool's format. */
  for (guint i = 0; i < G_N_ELEMENTS (foreign_formats); i++)
    {
      MoatFormat format = foreign_formats[i];
      g_autofree char *foreign = moat_format_export (model, format, NULL, NULL);
      g_autoptr(MoatImportReport) report = NULL;

      g_clear_error (&error);
      g_clear_object (&imported);
      imported = moat_format_import (foreign, strlen (foreign), format, &report, &error);
      g_assert_error (error, MOAT_ERROR, MOAT_ERROR_TOO_LONG);
      g_assert_null (imported);
      g_assert_null (report);
    }
}

/* A long description, as pasted from a design document, stays welcome. */
static void
test_limits_long_description_accepted (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autofree char *pages = g_strnfill (MOAT_TEXT_LONG_MAX, 'a');
  g_autofree char *json = NULL;
  g_autoptr(MoatModel) imported = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (model, "description", pages, NULL);
  json = moat_json_write (model, NULL);
  imported = moat_format_import (json, strlen (json), MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (moat_model_get_description (imported)), ==, MOAT_TEXT_LONG_MAX);
}

/* A .moat written by another program with a huge title is refused on
 * open, and the file is left as it was. */
static void
test_limits_store (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE model SET title = printf ('%%.%dc', 'a')",
                                          MOAT_TEXT_SHORT_MAX + 1);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  write_sample (f->file);
  plant (f->file, sql);

  store = moat_store_open (f->file, &error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_TOO_LONG);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "title"));
}

/* ------------------------------------------------------------------ */
/* Reports and exports replace their file only once it is whole        */

static gboolean
write_half_then (GOutputStream  *stream,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  const char *ending = user_data;

  if (!g_output_stream_write_all (stream, "%PDF-half", 9, NULL, cancellable, error))
    return FALSE;
  if (g_str_equal (ending, "kill"))
    raise (SIGKILL);
  if (g_str_equal (ending, "fail"))
    return g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left"), FALSE;
  return g_output_stream_write_all (stream, " and the rest", 13, NULL, cancellable, error);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_replace_failure_leaves_old (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* Written whole: the new content, nothing left beside it. */
  g_assert_true (moat_temp_file_replace (file, write_half_then, (gpointer)"finish", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "%PDF-half and the rest");

  /* Failing half-way: the old file as it was, no temporary left. */
  g_assert_false (moat_temp_file_replace (file, write_half_then, (gpointer)"fail", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_prefix (error->message, "Could not write “report.pdf”"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "%PDF-half and the rest");
  g_assert_cmpuint (count_entries (f->dir), ==, 1);
}

/* A report killed half-way used to leave an empty or half PDF under the
 * name the user asked for: now there is no file by that name, and the
 * leftover is removed by the next process. */
static void
test_replace_killed_leaves_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      moat_temp_file_replace (file, write_half_then, (gpointer)"kill", NULL, NULL);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (f->dir), ==, 1);

  g_assert_cmpuint (moat_temp_file_clean_stale (), >=, 1);
  g_assert_cmpuint (count_entries (f->dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;

  g_test_init (&argc, &argv, NULL);
  cache = moat_test_make_tmpdir ();
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  moat_test_vfs_install ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/file-safety/one-writer", test_one_writer);
  ADD ("/file-safety/two-writers-take-turns", test_two_writers_take_turns);
  ADD ("/file-safety/moved-while-open", test_moved_while_open);
  ADD ("/file-safety/replaced-while-open", test_replaced_while_open);
  ADD ("/file-safety/deleted-while-open", test_deleted_while_open);
  ADD ("/file-safety/hostile/trigger", test_hostile_trigger);
  ADD ("/file-safety/hostile/view", test_hostile_view);
  ADD ("/file-safety/hostile/recursive-view", test_hostile_recursive_view);
  ADD ("/file-safety/hostile/changed-table", test_hostile_changed_table);
  ADD ("/file-safety/disk-full/retry", test_disk_full_then_retry);
  ADD ("/file-safety/disk-full/on-close", test_disk_full_on_close);
  ADD ("/file-safety/disk-full/save-as", test_failed_save_as);
  ADD ("/file-safety/read-only/folder", test_read_only_folder);
  ADD ("/file-safety/read-only/file-then-writable", test_read_only_file_then_writable);
  ADD ("/file-safety/temp-files/stale", test_stale_temp_files);
  ADD ("/file-safety/replace/failure-leaves-old", test_replace_failure_leaves_old);
  ADD ("/file-safety/replace/killed-leaves-nothing", test_replace_killed_leaves_nothing);
  ADD ("/file-safety/limits/import", test_limits_import);
  ADD ("/file-safety/limits/long-description", test_limits_long_description_accepted);
  ADD ("/file-safety/limits/store", test_limits_store);

  return g_test_run ();
}
