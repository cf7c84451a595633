/* test-file-state.c: the window tells the truth about its file
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Another process editing the file, the file replaced, deleted or moved
 * under the window, and a read-only file: what the window shows and what
 * its buttons do, driven through the same actions as the user's clicks.
 */

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-file-banner.h"
#include "moat-gui-test-util.h"
#include "moat-test-util.h"
#include "moat-window.h"

static MoatApplication *app;
static char *tmpdir;

static void
close_all_windows (void)
{
  moat_gui_test_close_all_windows (app);
}

static MoatWindow *
active_window (void)
{
  return moat_gui_test_active_window (app);
}

static GFile *
sample_file (const char *name,
             const char *title)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (model, "title", title, NULL);
  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  return g_steal_pointer (&file);
}

static MoatWindow *
open_in_window (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  close_all_windows ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-file", g_variant_new_string (path));
  moat_gui_test_spin ();
  return active_window ();
}

static MoatFileBanner *
banner_of (MoatWindow *window)
{
  return MOAT_FILE_BANNER (moat_gui_test_find_type (GTK_WIDGET (window), MOAT_TYPE_FILE_BANNER));
}

static GtkRevealer *
revealer_of (MoatWindow *window)
{
  return GTK_REVEALER (moat_gui_test_find_type (GTK_WIDGET (banner_of (window)), GTK_TYPE_REVEALER));
}

/* The banner's button that does @action, if shown. */
static GtkWidget *
banner_button (MoatWindow *window,
               const char *action)
{
  GtkWidget *box = gtk_revealer_get_child (revealer_of (window));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) &&
        g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
      return gtk_widget_get_visible (child) ? child : NULL;

  return NULL;
}

static const char *
banner_text (MoatWindow *window)
{
  GtkWidget *box = gtk_revealer_get_child (revealer_of (window));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (box)));
}

static gboolean
wait_for_status (MoatStore       *store,
                 MoatStoreStatus  status)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (moat_store_get_status (store) != status && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return moat_store_get_status (store) == status;
}

static void
rename_title (MoatWindow *window,
              const char *title)
{
  g_object_set (moat_window_get_model (window), "title", title, NULL);
}

/* Another process edits the file: the window says who and opens it
 * read-only when asked; the banner says edits stay in memory. */
static void
test_open_locked_file (void)
{
  g_autoptr(GFile) file = sample_file ("locked.moat", "Held elsewhere");
  g_autofree char *path = g_file_get_path (file);
  MoatWindow *window;
  GtkWidget *dialog;
  int ready[2];
  char byte;
  pid_t pid;

  g_assert_cmpint (pipe (ready), ==, 0);
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr(MoatStore) holder = moat_store_open (file, NULL);

      if (holder == NULL || write (ready[1], "x", 1) != 1)
        _exit (3);
      pause ();
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  window = open_in_window (file);
  g_assert_null (moat_window_get_model (window));
  dialog = moat_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "read-only"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "process"));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "read-only");
  moat_gui_test_spin ();
  window = active_window ();
  g_assert_nonnull (moat_window_get_model (window));
  g_assert_true (moat_store_get_read_only (moat_window_get_store (window)));
  g_assert_cmpstr (moat_model_get_title (moat_window_get_model (window)), ==, "Held elsewhere");
  g_assert_true (gtk_revealer_get_reveal_child (revealer_of (window)));
  g_assert_nonnull (strstr (banner_text (window), "read-only"));
  g_assert_nonnull (banner_button (window, "win.save-as"));
  g_assert_null (banner_button (window, "file.retry"));

  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  close (ready[0]);
  close (ready[1]);
  close_all_windows ();
}

/* A checkout replaces the file: the window notices without an edit,
 * offers Reload, and Reload shows the file as it is now. */
static void
test_replaced_then_reload (void)
{
  g_autoptr(GFile) file = sample_file ("checkout.moat", "Mine");
  g_autoptr(GFile) theirs = sample_file ("theirs.moat", "From the other branch");
  MoatWindow *window = open_in_window (file);
  MoatStore *store = moat_window_get_store (window);

  g_assert_false (gtk_revealer_get_reveal_child (revealer_of (window)));
  rename_title (window, "My edit");
  g_assert_cmpint (g_rename (g_file_peek_path (theirs), g_file_peek_path (file)), ==, 0);

  g_assert_true (wait_for_status (store, MOAT_STORE_CHANGED));
  g_assert_true (gtk_revealer_get_reveal_child (revealer_of (window)));
  g_assert_nonnull (strstr (banner_text (window), "replaced"));
  g_assert_nonnull (banner_button (window, "file.reload"));
  g_assert_nonnull (banner_button (window, "win.save-as"));

  /* An edit now stays in the window, not in the file. */
  rename_title (window, "Kept in memory");
  g_assert_cmpint (moat_store_get_n_pending (store), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (banner_of (window)), "file.reload", NULL);
  moat_gui_test_spin ();
  window = active_window ();
  g_assert_cmpstr (moat_model_get_title (moat_window_get_model (window)), ==, "From the other branch");
  g_assert_false (gtk_revealer_get_reveal_child (revealer_of (window)));
  close_all_windows ();
}

/* Renaming the file in the file manager: the window follows it. */
static void
test_moved_is_followed (void)
{
  g_autoptr(GFile) file = sample_file ("before.moat", "Travelling");
  g_autofree char *moved = g_build_filename (tmpdir, "after.moat", NULL);
  MoatWindow *window = open_in_window (file);
  MoatStore *store = moat_window_get_store (window);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autofree char *now = NULL;

  g_assert_cmpint (g_rename (g_file_peek_path (file), moved), ==, 0);
  while (g_strcmp0 (g_file_peek_path (moat_store_get_file (store)), moved) != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (g_file_peek_path (moat_store_get_file (store)), ==, moved);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "after");
  rename_title (window, "Arrived");
  g_assert_cmpint (moat_store_get_status (store), ==, MOAT_STORE_SAVED);
  g_assert_false (gtk_revealer_get_reveal_child (revealer_of (window)));
  close_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  tmpdir = moat_test_make_tmpdir ();
  app = moat_gui_test_new_application ();

  g_test_add_func ("/file-state/open-locked", test_open_locked_file);
  g_test_add_func ("/file-state/replaced-then-reload", test_replaced_then_reload);
  g_test_add_func ("/file-state/moved-is-followed", test_moved_is_followed);

  status = g_test_run ();

  close_all_windows ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  moat_test_rm_rf (tmpdir);
  g_free (tmpdir);

  return status;
}
