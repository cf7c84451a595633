/* test-crash.c: no acknowledged edit is lost when the process dies
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process opens a project and makes edits as fast as it can,
 * telling the parent through a pipe after each edit returns. The parent
 * kills it with SIGKILL at a random moment, then checks that the file
 * opens, passes SQLite's integrity check, and holds every edit the child
 * acknowledged. Many times over.
 */

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "moat-test-util.h"

/* 40 kills by default; MOAT_CRASH_RUNS=1000 for the long run (the
 * "crash-long" test, in the "long" suite that is left out by default). */
#define N_RUNS_DEFAULT 40

static int
n_runs (void)
{
  const char *value = g_getenv ("MOAT_CRASH_RUNS");
  int n = value ? atoi (value) : 0;

  return n > 0 ? n : N_RUNS_DEFAULT;
}

static void G_GNUC_NORETURN
child_edit_forever (GFile *file,
                    int    run,
                    int    fd)
{
  g_autoptr(MoatStore) store = moat_store_open (file, NULL);
  MoatModel *model;
  MoatElement *element;

  if (store == NULL)
    _exit (3);
  if (write (fd, "open\n", 5) != 5)
    _exit (5);
  model = moat_store_get_model (store);
  element = moat_model_lookup (model, "web");

  for (int i = 0;; i++)
    {
      g_autoptr(MoatThreat) threat = NULL;
      g_autofree char *id = g_strdup_printf ("t-%d-%d", run, i);
      const char *ids[] = { "web", NULL };
      char ack[64];
      int len;

      /* One action: a new threat, a moved element, a changed title. */
      threat = g_object_new (MOAT_TYPE_THREAT, "id", id, NULL);
      g_object_set (threat, "title", id, "element-ids", ids, NULL);
      moat_model_begin_action (model, "Edit");
      moat_model_add (model, threat);
      moat_model_set (model, element, "x", (double)i, NULL);
      moat_model_set (model, model, "title", id, NULL);
      moat_model_end_action (model);

      /* Every third action, undo the one before: undo must be safe too. */
      if (i % 3 == 2)
        {
          moat_model_undo (model);
          moat_model_redo (model);
        }

      if (moat_store_get_write_error (store) != NULL)
        _exit (4);

      len = g_snprintf (ack, sizeof ack, "%s\n", id);
      if (write (fd, ack, len) != len)
        _exit (5);
    }
}

static char *
integrity_check (GFile *file)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (g_file_peek_path (file), &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
wait_until_open (int fd)
{
  char line[5];

  g_assert_cmpint (read (fd, line, sizeof line), ==, sizeof line);
  g_assert_true (memcmp (line, "open\n", sizeof line) == 0);
}

static GPtrArray *
read_acks (int fd)
{
  GPtrArray *acks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) buffer = g_string_new (NULL);
  char chunk[4096];
  ssize_t n;
  g_auto(GStrv) lines = NULL;

  while ((n = read (fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (buffer, chunk, n);

  /* A line cut short by the kill was never fully acknowledged. */
  lines = g_strsplit (buffer->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (!g_str_equal (lines[i], "open"))
    g_ptr_array_add (acks, g_strdup (lines[i]));
  return acks;
}

static void
test_kill_at_random_points (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "crash.moat", NULL);
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "d", NULL);
  g_autoptr(MoatElement) web = g_object_new (MOAT_TYPE_ELEMENT, "id", "web", NULL);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint total_acks = 0;

  g_object_set (web, "diagram-id", "d", "name", "Web", NULL);
  moat_model_add (model, diagram);
  moat_model_add (model, web);
  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);

  for (int run = 0; run < n_runs (); run++)
    {
      g_autoptr(GPtrArray) acks = NULL;
      g_autoptr(MoatStore) reopened = NULL;
      g_autofree char *integrity = NULL;
      const char *last;
      MoatModel *loaded;
      int fds[2];
      int status;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_edit_forever (file, run, fds[1]);
        }
      close (fds[1]);

      /* Every other run, the kill may land while the file is opened;
       * the others wait for it to be open, as opening takes long under
       * a sanitizer, then kill from "just opened" to "deep in a stream
       * of edits". */
      if (run % 2 == 1)
        wait_until_open (fds[0]);
      g_usleep (g_test_rand_int_range (0, 60000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (WIFEXITED (status))
        g_error ("the child stopped on its own with status %d", WEXITSTATUS (status));

      acks = read_acks (fds[0]);
      close (fds[0]);
      total_acks += acks->len;

      integrity = integrity_check (file);
      g_assert_cmpstr (integrity, ==, "ok");

      reopened = moat_store_open (file, &error);
      g_assert_no_error (error);
      loaded = moat_store_get_model (reopened);

      for (guint i = 0; i < acks->len; i++)
        {
          const char *id = g_ptr_array_index (acks, i);
          MoatThreat *threat = moat_model_lookup_typed (loaded, id, MOAT_TYPE_THREAT);

          if (threat == NULL)
            g_error ("run %d: acknowledged edit %s is missing", run, id);
          g_assert_cmpstr (moat_threat_get_title (threat), ==, id);
        }

      /* The title is the last acknowledged one, or one done just after. */
      if (acks->len > 0)
        {
          const char *title = moat_model_get_title (loaded);
          g_autofree char *next = NULL;
          int i;

          last = g_ptr_array_index (acks, acks->len - 1);
          i = atoi (strrchr (last, '-') + 1);
          next = g_strdup_printf ("t-%d-%d", run, i + 1);
          if (g_strcmp0 (title, last) != 0 && g_strcmp0 (title, next) != 0)
            g_error ("run %d: title %s, last acknowledged %s", run, title, last);
        }

      moat_store_close (reopened);
    }

  g_test_message ("%u acknowledged edits checked over %d kills", total_acks, n_runs ());
  g_assert_cmpuint (total_acks, >, 0);
  moat_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-at-random-points", test_kill_at_random_points);

  return g_test_run ();
}
