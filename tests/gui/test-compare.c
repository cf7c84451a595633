/* test-compare.c: Compare With… in the real window
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-compare-row.h"
#include "moat-compare-window.h"
#include "moat-diagram-page.h"
#include "moat-gui-test-util.h"
#include "moat-json.h"
#include "moat-test-util.h"
#include "moat-window.h"

#define ADDED_ID   "el-co-f-score"   /* not in the older version */
#define RENAMED_ID "el-co-payment"   /* named otherwise in the older version */
#define REMOVED_ID "el-old-ledger"   /* only in the older version */
#define SAME_ID    "el-co-gateway"

static MoatApplication *app;

typedef struct
{
  MoatWindow      *window;
  MoatModel       *model;
  MoatDiagramPage *page;
  MoatCanvas      *canvas;
  char            *tmpdir;
  GFile           *older;
} Fixture;

/* The example as it was "in the last commit": the flow that scores
 * payments not drawn yet, the payment API named otherwise, and a ledger
 * process since removed. */
static GFile *
write_older_version (const char *dir)
{
  g_autofree char *example = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples",
                                               "payment-service.moat.json", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (example);
  g_autofree char *path = g_build_filename (dir, "older.moat.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) old = NULL;
  g_autoptr(MoatObject) ledger = NULL;
  g_autoptr(GError) error = NULL;

  old = moat_json_read_file (source, &error);
  g_assert_no_error (error);
  moat_model_remove (old, moat_model_lookup (old, ADDED_ID));
  moat_model_set (old, moat_model_lookup (old, RENAMED_ID), "name", "Payments (legacy)", NULL);
  /* A rename asks for a new review; the older version had had its own. */
  moat_model_set (old, moat_model_lookup (old, RENAMED_ID), "reviewed", TRUE, NULL);
  ledger = g_object_new (MOAT_TYPE_ELEMENT, "id", REMOVED_ID, "diagram-id", "dg-checkout",
                         "kind", MOAT_ELEMENT_PROCESS, "name", "Ledger",
                         "x", 1400.0, "y", 600.0, "width", 160.0, "height", 80.0, NULL);
  moat_model_add (old, ledger);

  g_assert_true (moat_json_write_file (old, file, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&file);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  f->page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_DIAGRAM_PAGE));
  g_assert_nonnull (f->page);
  f->canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  f->tmpdir = moat_test_make_tmpdir ();
  f->older = write_older_version (f->tmpdir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moat_gui_test_close (f->window);
  g_clear_object (&f->older);
  moat_test_rm_rf (f->tmpdir);
  g_free (f->tmpdir);
}

static MoatCompareWindow *
compare (Fixture *f)
{
  GtkWidget *list;

  g_assert_true (moat_window_compare_with_file (f->window, f->older));
  moat_gui_test_spin ();
  list = moat_window_get_compare_window (f->window);
  g_assert_true (MOAT_IS_COMPARE_WINDOW (list));
  g_assert_true (gtk_widget_get_visible (list));
  return MOAT_COMPARE_WINDOW (list);
}

static MoatCompareRow *
find_row (MoatCompareWindow *list,
          const char        *object_kind,
          const char        *id)
{
  GPtrArray *rows = moat_compare_window_get_rows (list);

  for (guint i = 0; i < rows->len; i++)
    {
      MoatCompareRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (moat_compare_row_get_object_kind (row), object_kind) &&
          g_str_equal (moat_compare_row_get_id (row), id))
        return row;
    }
  return NULL;
}

static guint
count_rows_of_kind (MoatCompareWindow *list,
                    const char        *object_kind)
{
  GPtrArray *rows = moat_compare_window_get_rows (list);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += g_str_equal (moat_compare_row_get_object_kind (g_ptr_array_index (rows, i)), object_kind);
  return n;
}

static void
show_checkout (Fixture *f)
{
  g_object_set (f->page, "diagram", moat_model_lookup (f->model, "dg-checkout"), NULL);
  moat_gui_test_spin ();
  moat_canvas_zoom_fit (f->canvas);
  moat_gui_test_wait_for_still_view (f->canvas);
  gtk_widget_queue_draw (GTK_WIDGET (f->canvas));
  moat_gui_test_wait_frames (GTK_WIDGET (f->canvas), 2);
}

static MoatCompareMark
mark (Fixture    *f,
      const char *id)
{
  return moat_renderer_get_compare_mark (moat_canvas_get_renderer (f->canvas), id);
}

static void
test_lists_changes (Fixture       *f,
                    gconstpointer  data)
{
  MoatCompareWindow *list = compare (f);
  GPtrArray *rows = moat_compare_window_get_rows (list);
  g_autoptr(MoatModel) old = moat_json_read_file (f->older, NULL);
  g_autoptr(GPtrArray) entries = moat_diff_models (old, f->model);
  g_autofree char *cli_text = moat_diff_format_text (entries);
  g_auto(GStrv) cli_lines = g_strsplit (cli_text, "\n", -1);
  MoatCompareRow *row;

  g_assert_cmpuint (count_rows_of_kind (list, "element"), ==, 3);
  row = find_row (list, "element", ADDED_ID);
  g_assert_nonnull (row);
  g_assert_cmpint (moat_compare_row_get_kind (row), ==, MOAT_DIFF_ADDED);
  row = find_row (list, "element", RENAMED_ID);
  g_assert_nonnull (row);
  g_assert_cmpint (moat_compare_row_get_kind (row), ==, MOAT_DIFF_CHANGED);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Payments (legacy)"));
  row = find_row (list, "element", REMOVED_ID);
  g_assert_nonnull (row);
  g_assert_cmpint (moat_compare_row_get_kind (row), ==, MOAT_DIFF_REMOVED);

  /* Each row says what `moat-cli diff OLD NEW` says, in the same order. */
  g_assert_cmpuint (rows->len, ==, entries->len);
  for (guint i = 0, line = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, i));

      while (cli_lines[line] != NULL && !g_str_equal (g_strstrip (cli_lines[line]), title))
        line++;
      g_assert_nonnull (cli_lines[line]);
    }

  /* A threat on fraud scoring now also names the new flow. */
  g_assert_nonnull (find_row (list, "threat", "th-fraud-sniff"));
}

static void
test_canvas_marks (Fixture       *f,
                   gconstpointer  data)
{
  compare (f);
  show_checkout (f);

  g_assert_cmpint (mark (f, ADDED_ID), ==, MOAT_COMPARE_MARK_ADDED);
  g_assert_cmpint (mark (f, RENAMED_ID), ==, MOAT_COMPARE_MARK_CHANGED);
  g_assert_cmpint (mark (f, REMOVED_ID), ==, MOAT_COMPARE_MARK_REMOVED);
  g_assert_cmpint (mark (f, SAME_ID), ==, MOAT_COMPARE_MARK_NONE);

  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "compare.png", NULL);
      g_autofree char *list_path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "compare-list.png", NULL);

      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
      moat_gui_test_save_screenshot (moat_window_get_compare_window (f->window), list_path);
    }
}

static void
test_row_shows_element (Fixture       *f,
                        gconstpointer  data)
{
  MoatCompareWindow *list = compare (f);
  MoatElement *renamed = moat_model_lookup (f->model, RENAMED_ID);

  g_object_set (f->page, "diagram", moat_model_lookup (f->model, "dg-admin"), NULL);
  moat_gui_test_spin ();
  g_signal_emit_by_name (find_row (list, "element", RENAMED_ID), "activated");
  moat_gui_test_spin ();

  g_assert_cmpstr (moat_canvas_get_diagram_id (f->canvas), ==, "dg-checkout");
  g_assert_true (moat_canvas_is_selected (f->canvas, renamed));
}

static void
test_stop_comparing (Fixture       *f,
                     gconstpointer  data)
{
  GAction *stop = g_action_map_lookup_action (G_ACTION_MAP (f->window), "stop-comparing");
  MoatCompareWindow *list;

  g_assert_false (g_action_get_enabled (stop));
  list = compare (f);
  g_assert_true (g_action_get_enabled (stop));
  show_checkout (f);
  g_assert_cmpint (mark (f, REMOVED_ID), ==, MOAT_COMPARE_MARK_REMOVED);

  /* As a person does: the list's Stop Comparing button. */
  gtk_widget_activate_action (GTK_WIDGET (list), "compare.stop", NULL);
  moat_gui_test_spin ();
  gtk_widget_queue_draw (GTK_WIDGET (f->canvas));
  moat_gui_test_wait_frames (GTK_WIDGET (f->canvas), 2);

  g_assert_null (moat_window_get_compare (f->window));
  g_assert_null (moat_window_get_compare_window (f->window));
  g_assert_false (g_action_get_enabled (stop));
  g_assert_cmpint (mark (f, ADDED_ID), ==, MOAT_COMPARE_MARK_NONE);
  g_assert_cmpint (mark (f, RENAMED_ID), ==, MOAT_COMPARE_MARK_NONE);
  g_assert_cmpint (mark (f, REMOVED_ID), ==, MOAT_COMPARE_MARK_NONE);
}

static void
test_close_list (Fixture       *f,
                 gconstpointer  data)
{
  MoatCompareWindow *list = compare (f);

  show_checkout (f);
  /* Closing the list with its window button ends comparing too. */
  gtk_window_close (GTK_WINDOW (list));
  moat_gui_test_spin ();
  gtk_widget_queue_draw (GTK_WIDGET (f->canvas));
  moat_gui_test_wait_frames (GTK_WIDGET (f->canvas), 2);

  g_assert_null (moat_window_get_compare (f->window));
  g_assert_null (moat_window_get_compare_window (f->window));
  g_assert_cmpint (mark (f, REMOVED_ID), ==, MOAT_COMPARE_MARK_NONE);
}

static void
test_edit_while_comparing (Fixture       *f,
                           gconstpointer  data)
{
  MoatCompareWindow *list = compare (f);
  MoatCompareRow *row;

  /* Deleting the new flow again: no longer a change. */
  moat_model_remove (f->model, moat_model_lookup (f->model, ADDED_ID));
  moat_model_set (f->model, moat_model_lookup (f->model, RENAMED_ID), "name", "Payment gateway API", NULL);
  moat_gui_test_spin ();

  g_assert_null (find_row (list, "element", ADDED_ID));
  row = find_row (list, "element", RENAMED_ID);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Payment gateway API"));
  show_checkout (f);
  g_assert_cmpint (mark (f, ADDED_ID), ==, MOAT_COMPARE_MARK_NONE);
  g_assert_cmpint (mark (f, RENAMED_ID), ==, MOAT_COMPARE_MARK_CHANGED);
  g_assert_cmpint (mark (f, REMOVED_ID), ==, MOAT_COMPARE_MARK_REMOVED);
}

static void
test_same_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *example = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples",
                                               "payment-service.moat.json", NULL);
  g_autoptr(GFile) same = g_file_new_for_path (example);
  GtkWidget *list;
  GtkWidget *status;

  g_assert_true (moat_window_compare_with_file (f->window, same));
  moat_gui_test_spin ();
  list = moat_window_get_compare_window (f->window);
  g_assert_cmpuint (moat_compare_window_get_rows (MOAT_COMPARE_WINDOW (list))->len, ==, 0);
  status = moat_gui_test_find_type (list, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Differences");
}

static void
test_unreadable_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "broken.moat.json", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));
  g_assert_false (moat_window_compare_with_file (f->window, broken));
  moat_gui_test_spin ();
  g_assert_null (moat_window_get_compare (f->window));
  g_assert_null (moat_window_get_compare_window (f->window));
  /* The error is told in a dialog; the model is untouched. */
  g_assert_nonnull (moat_window_get_dialog (f->window));
  gtk_window_destroy (GTK_WINDOW (moat_window_get_dialog (f->window)));
  moat_gui_test_spin ();
  g_assert_nonnull (moat_model_lookup (f->model, ADDED_ID));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/compare/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("lists-changes", test_lists_changes);
  ADD ("canvas-marks", test_canvas_marks);
  ADD ("row-shows-element", test_row_shows_element);
  ADD ("stop-comparing", test_stop_comparing);
  ADD ("close-list", test_close_list);
  ADD ("edit-while-comparing", test_edit_while_comparing);
  ADD ("same-version", test_same_version);
  ADD ("unreadable-file", test_unreadable_file);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
