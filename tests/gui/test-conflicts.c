/* test-conflicts.c: resolving a merged model's conflicts in the real window
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-conflict-banner.h"
#include "moat-conflict-row.h"
#include "moat-conflicts-dialog.h"
#include "moat-gui-test-util.h"
#include "moat-merge.h"
#include "moat-test-util.h"
#include "moat-window.h"

static MoatApplication *app;

static const char base_json[] =
  "{\"format\": \"moat\", \"format_version\": 1,"
  " \"model\": {\"id\": \"m\", \"title\": \"Checkout\"},"
  " \"diagrams\": [{\"id\": \"d\", \"title\": \"Context\"}],"
  " \"elements\": ["
  "   {\"id\": \"api\", \"diagram_id\": \"d\", \"kind\": \"process\", \"name\": \"API\","
  "    \"x\": 10, \"y\": 20, \"width\": 120, \"height\": 64},"
  "   {\"id\": \"db\", \"diagram_id\": \"d\", \"kind\": \"store\", \"name\": \"Orders\","
  "    \"x\": 300, \"y\": 20},"
  "   {\"id\": \"user\", \"diagram_id\": \"d\", \"kind\": \"actor\", \"name\": \"Shopper\","
  "    \"x\": 10, \"y\": 200},"
  "   {\"id\": \"f\", \"diagram_id\": \"d\", \"kind\": \"flow\", \"name\": \"SQL\","
  "    \"source_id\": \"api\", \"target_id\": \"db\"}]}";

typedef struct
{
  char                *dir;
  MoatWindow          *window;
  MoatModel           *model;
  MoatConflictBanner  *banner;
  MoatConflictsDialog *dialog;
} Fixture;

static MoatModel *
edited (const char *api,
        const char *db,
        const char *flow,
        double      api_x)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_json_read (base_json, -1, &error);

  g_assert_no_error (error);
  moat_model_set (model, moat_model_lookup (model, "api"), "name", api, NULL);
  moat_model_set (model, moat_model_lookup (model, "db"), "name", db, NULL);
  moat_model_set (model, moat_model_lookup (model, "f"), "name", flow, NULL);
  moat_model_set (model, moat_model_lookup (model, "api"), "x", api_x, NULL);
  return model;
}

/* A merge where both sides renamed the same three elements, saved as a
 * project and opened as a person would open it. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* "moved": both sides also moved the API, each to its own place;
   * "deleted": we deleted the shopper, they renamed it. */
  gboolean moved = g_strcmp0 (data, "moved") == 0;
  gboolean deleted = g_strcmp0 (data, "deleted") == 0;
  g_autoptr(MoatModel) base = edited ("API", "Orders", "SQL", 10);
  g_autoptr(MoatModel) ours = edited ("Public API", "Orders DB", "SQL over TLS", moved ? 40 : 10);
  g_autoptr(MoatModel) theirs = edited ("Gateway", "Order store", "Queries", moved ? 70 : 10);
  g_autoptr(MoatModel) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (deleted)
    {
      moat_model_remove (ours, moat_model_lookup (ours, "user"));
      moat_model_set (theirs, moat_model_lookup (theirs, "user"), "name", "Guest shopper", NULL);
    }
  g_assert_true (moat_merge (base, ours, theirs, &merged, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, moved || deleted ? 4 : 3);

  f->dir = moat_test_make_tmpdir ();
  path = g_build_filename (f->dir, "merged.moat", NULL);
  file = g_file_new_for_path (path);
  store = moat_store_create (file, merged, &error);
  g_assert_no_error (error);
  moat_store_close (store);

  f->window = MOAT_WINDOW (moat_application_open_file (app, file));
  moat_gui_test_spin ();
  g_assert_nonnull (f->window);
  moat_gui_test_wait_loaded (f->window);
  f->model = moat_window_get_model (f->window);
  f->banner = MOAT_CONFLICT_BANNER (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                             MOAT_TYPE_CONFLICT_BANNER));
  g_assert_nonnull (f->banner);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moat_gui_test_close (f->window);
  moat_test_rm_rf (f->dir);
  g_free (f->dir);
}

static guint
n_open (Fixture *f)
{
  return g_list_model_get_n_items (moat_model_get_list (f->model, MOAT_TYPE_CONFLICT));
}

static const char *
name_of (Fixture    *f,
         const char *id)
{
  return moat_element_get_name (MOAT_ELEMENT (moat_model_lookup (f->model, id)));
}

static MoatConflictsDialog *
open_dialog (Fixture *f)
{
  MoatConflictsDialog *dialog = NULL;

  /* As a person does: the banner's button. */
  moat_gui_test_click (moat_gui_test_find_button (GTK_WIDGET (f->banner),
                                                  "Choose a value for each conflict"));
  moat_gui_test_spin ();
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (MOAT_IS_CONFLICTS_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  return dialog;
}

/* The dialog's row for the conflict on @object_id, or NULL. */
static MoatConflictRow *
row_for (MoatConflictsDialog *dialog,
         const char          *object_id)
{
  g_autoptr(GPtrArray) rows = moat_gui_test_collect_type (GTK_WIDGET (dialog), MOAT_TYPE_CONFLICT_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      MoatConflictRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (moat_conflict_get_object_id (moat_conflict_row_get_conflict (row)), object_id))
        return row;
    }
  return NULL;
}

static guint
n_rows (MoatConflictsDialog *dialog)
{
  g_autoptr(GPtrArray) rows = moat_gui_test_collect_type (GTK_WIDGET (dialog), MOAT_TYPE_CONFLICT_ROW);

  return rows->len;
}

static void
click_in_row (MoatConflictsDialog *dialog,
              const char          *object_id,
              const char          *tooltip)
{
  MoatConflictRow *row = row_for (dialog, object_id);

  g_assert_nonnull (row);
  moat_gui_test_click (moat_gui_test_find_button (GTK_WIDGET (row), tooltip));
  moat_gui_test_spin ();
}

static gboolean
marked (Fixture    *f,
        const char *id)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_CANVAS));
  MoatRenderer *renderer = moat_canvas_get_renderer (canvas);

  g_assert_nonnull (renderer);
  return moat_renderer_get_conflict_marked (renderer, MOAT_ELEMENT (moat_model_lookup (f->model, id)));
}

/* Pixels of the conflict mark's amber round the API process (at 10, 20,
 * 120 × 64), drawn by the canvas's own renderer at 100 %. */
static guint
amber_round_api (Fixture *f)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_CANVAS));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (surface);
  MoatView view = { 1.0, 0, 0, 600, 400 };
  guint n = 0;

  moat_renderer_draw (moat_canvas_get_renderer (canvas), cr, &view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The band just outside the top edge, clear of every other shape. */
  for (int y = 10; y < 19; y++)
    for (int x = 0; x < 140; x++)
      {
        guint32 p = ((guint32 *) (cairo_image_surface_get_data (surface) +
                                  y * cairo_image_surface_get_stride (surface)))[x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        /* Amber, not the review ring's orange. */
        if (r > 200 && g > 140 && g < 190 && b < 60)
          n++;
      }
  cairo_surface_destroy (surface);
  return n;
}

static void
test_banner_and_marks (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_true (moat_conflict_banner_get_shown (f->banner));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->banner)));
  g_assert_cmpstr (moat_conflict_banner_get_message (f->banner), ==, "This model has 3 merge conflicts");

  g_assert_true (marked (f, "api"));
  g_assert_true (marked (f, "db"));
  g_assert_true (marked (f, "f"));
  g_assert_false (marked (f, "user"));
  g_assert_cmpuint (amber_round_api (f), >=, 40);

  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "window.png", NULL);

      gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
      moat_gui_test_wait_frames (GTK_WIDGET (f->window), 10);
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    }
}

/* Each row shows the three values as text, not as JSON. */
static void
test_rows_show_values (Fixture       *f,
                       gconstpointer  data)
{
  MoatConflictsDialog *dialog = open_dialog (f);
  MoatConflictRow *row = row_for (dialog, "api");

  g_assert_cmpuint (n_rows (dialog), ==, 3);
  g_assert_nonnull (row);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (row), "API"));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (row), "Public API"));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (row), "Gateway"));
  g_assert_null (moat_gui_test_find_label (GTK_WIDGET (row), "\"Gateway\""));

  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "conflicts.png", NULL);

      moat_gui_test_wait_frames (GTK_WIDGET (dialog), 3);
      moat_gui_test_save_screenshot (GTK_WIDGET (dialog), path);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* One click per conflict, one undo step each, the banner and the marks
 * following. */
static void
test_resolve_and_undo (Fixture       *f,
                       gconstpointer  data)
{
  MoatConflictsDialog *dialog = open_dialog (f);
  MoatConflictRow *row;

  click_in_row (dialog, "api", "Keep the value in this copy");
  g_assert_cmpuint (n_open (f), ==, 2);
  g_assert_cmpuint (n_rows (dialog), ==, 2);
  g_assert_null (row_for (dialog, "api"));
  g_assert_cmpstr (name_of (f, "api"), ==, "Public API");
  g_assert_false (marked (f, "api"));
  g_assert_cmpuint (amber_round_api (f), ==, 0);

  click_in_row (dialog, "db", "Take the value from the merged-in copy");
  g_assert_cmpuint (n_open (f), ==, 1);
  g_assert_cmpstr (name_of (f, "db"), ==, "Order store");
  g_assert_false (marked (f, "db"));
  g_assert_cmpstr (moat_conflict_banner_get_message (f->banner), ==, "This model has 1 merge conflict");

  /* Undo in the window takes back the last choice only. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "undo", NULL);
  moat_gui_test_spin ();
  g_assert_cmpuint (n_open (f), ==, 2);
  /* Until resolved, the merged model holds our value. */
  g_assert_cmpstr (name_of (f, "db"), ==, "Orders DB");
  g_assert_cmpstr (name_of (f, "api"), ==, "Public API");
  g_assert_nonnull (row_for (dialog, "db"));
  g_assert_true (marked (f, "db"));

  /* A value of one's own, typed in the Edit popover. */
  row = row_for (dialog, "f");
  g_assert_nonnull (row);
  gtk_editable_set_text (moat_conflict_row_get_editable (row), "Encrypted queries");
  click_in_row (dialog, "f", "Resolve with this value");
  g_assert_cmpstr (name_of (f, "f"), ==, "Encrypted queries");
  g_assert_cmpuint (n_open (f), ==, 1);

  click_in_row (dialog, "db", "Keep the value both sides started from");
  g_assert_cmpstr (name_of (f, "db"), ==, "Orders");
  g_assert_cmpuint (n_open (f), ==, 0);
  g_assert_cmpuint (n_rows (dialog), ==, 0);
  g_assert_false (moat_conflict_banner_get_shown (f->banner));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "resolve-conflicts"));
  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "conflicts-done.png", NULL);

      moat_gui_test_wait_frames (GTK_WIDGET (dialog), 3);
      moat_gui_test_save_screenshot (GTK_WIDGET (dialog), path);
    }

  /* The last one undone brings the banner back. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflicts.undo", NULL);
  moat_gui_test_spin ();
  g_assert_cmpuint (n_open (f), ==, 1);
  g_assert_true (moat_conflict_banner_get_shown (f->banner));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "resolve-conflicts"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static MoatConflictRow *
row_for_field (MoatConflictsDialog *dialog,
               const char          *field)
{
  g_autoptr(GPtrArray) rows = moat_gui_test_collect_type (GTK_WIDGET (dialog), MOAT_TYPE_CONFLICT_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      MoatConflictRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (moat_conflict_get_field (moat_conflict_row_get_conflict (row)), field) == 0)
        return row;
    }
  return NULL;
}

/* A typed value is read as the field's kind of value: a number for a
 * position, and what is not one is refused in the row, settling nothing. */
static void
test_typed_number (Fixture       *f,
                   gconstpointer  data)
{
  MoatConflictsDialog *dialog = open_dialog (f);
  MoatConflictRow *row = row_for_field (dialog, "x");
  MoatElement *api = MOAT_ELEMENT (moat_model_lookup (f->model, "api"));

  g_assert_nonnull (row);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (row), "40"));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (row), "70"));

  gtk_editable_set_text (moat_conflict_row_get_editable (row), "further left");
  moat_gui_test_click (moat_gui_test_find_button (GTK_WIDGET (row), "Resolve with this value"));
  moat_gui_test_spin ();
  g_assert_cmpuint (n_open (f), ==, 4);
  g_assert_nonnull (moat_conflict_row_get_error (row));

  gtk_editable_set_text (moat_conflict_row_get_editable (row), "55");
  moat_gui_test_click (moat_gui_test_find_button (GTK_WIDGET (row), "Resolve with this value"));
  moat_gui_test_spin ();
  g_assert_cmpuint (n_open (f), ==, 3);
  g_assert_cmpfloat (moat_element_get_x (api), ==, 55);
  g_assert_null (row_for_field (dialog, "x"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Deleted on one side, edited on the other: keep it or let it go, no
 * base and no value of one's own. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  MoatConflictsDialog *dialog = open_dialog (f);
  MoatConflictRow *row = row_for (dialog, "user");

  g_assert_nonnull (row);
  g_assert_true (marked (f, "user"));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (row), "Deleted in this copy, edited in the other"));
  g_assert_false (gtk_widget_get_visible (moat_gui_test_find_button (GTK_WIDGET (row),
                                                                     "Keep the value both sides started from")));
  g_assert_false (gtk_widget_get_visible (moat_gui_test_find_type (GTK_WIDGET (row), GTK_TYPE_MENU_BUTTON)));

  /* Ours is the deletion. */
  click_in_row (dialog, "user", "Keep the value in this copy");
  g_assert_null (moat_model_lookup (f->model, "user"));
  g_assert_null (row_for (dialog, "user"));
  g_assert_cmpuint (n_open (f), ==, 3);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "undo", NULL);
  moat_gui_test_spin ();
  g_assert_nonnull (moat_model_lookup (f->model, "user"));
  g_assert_nonnull (row_for (dialog, "user"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/conflicts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("banner-and-marks", test_banner_and_marks);
  ADD ("rows-show-values", test_rows_show_values);
  ADD ("resolve-and-undo", test_resolve_and_undo);
  g_test_add ("/conflicts/deleted", Fixture, "deleted", fixture_setup, test_deleted, fixture_teardown);
  g_test_add ("/conflicts/typed-number", Fixture, "moved", fixture_setup, test_typed_number, fixture_teardown);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
