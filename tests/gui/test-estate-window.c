/* test-estate-window.c: the estate window on a copy of the example estate
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "moat-estate-row.h"
#include "moat-estate-window.h"
#include "moat-gui-test-util.h"
#include "moat-heat-map.h"
#include "moat-test-util.h"

static MoatApplication *app;

typedef struct
{
  char             *dir;
  GFile            *folder;
  MoatEstateWindow *window;
} Fixture;

static void
copy_example_estate (const char *dir)
{
  g_autofree char *source = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples", "estate", NULL);
  g_autoptr(GDir) listing = g_dir_open (source, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_assert_true (g_file_get_contents (from, &data, &length, NULL));
      g_assert_true (g_file_set_contents (to, data, length, NULL));
    }
}

typedef struct
{
  MoatEstateWindow *window;
  guint             n_loads;
} LoadWait;

static gboolean
loaded (gpointer data)
{
  LoadWait *wait = data;

  return moat_estate_window_get_n_loads (wait->window) > wait->n_loads;
}

/* Until the window has shown one more reading of the folder than it had. */
static void
wait_for_load (MoatEstateWindow *window,
               guint             n_loads)
{
  LoadWait wait = { window, n_loads };

  moat_gui_test_wait_for (loaded, &wait);
  moat_gui_test_wait_frames (GTK_WIDGET (window), 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("moat-estate-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  copy_example_estate (f->dir);
  if (data != NULL)
    {
      g_autofree char *broken = g_build_filename (f->dir, "billing.moat", NULL);

      g_assert_true (g_file_set_contents (broken, data, -1, NULL));
    }
  f->folder = g_file_new_for_path (f->dir);
  f->window = moat_estate_window_new (app, f->folder);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_load (f->window, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) listing = g_dir_open (f->dir, 0, NULL);
  const char *name;

  moat_gui_test_close_all_windows (app);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (f->dir);
  g_clear_object (&f->folder);
  g_free (f->dir);
}

static int
compare_top (gconstpointer a,
             gconstpointer b)
{
  graphene_point_t pa, pb;
  GtkWidget *x = *(GtkWidget **) a, *y = *(GtkWidget **) b;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (x));

  g_assert_true (gtk_widget_compute_point (x, root, &GRAPHENE_POINT_INIT (0, 0), &pa));
  g_assert_true (gtk_widget_compute_point (y, root, &GRAPHENE_POINT_INIT (0, 0), &pb));
  return pa.y < pb.y ? -1 : pa.y > pb.y;
}

/* The rows on screen, top to bottom. */
static GPtrArray *
visible_rows (Fixture *f)
{
  GPtrArray *rows = moat_gui_test_collect_type (GTK_WIDGET (f->window), MOAT_TYPE_ESTATE_ROW);
  GPtrArray *shown = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_mapped (rows->pdata[i]) && moat_estate_row_get_system (rows->pdata[i]) != NULL)
      g_ptr_array_add (shown, rows->pdata[i]);
  g_ptr_array_unref (rows);
  g_ptr_array_sort (shown, compare_top);
  return shown;
}

/* The folder read here, apart from the window, as the expectation. */
static MoatEstate *
read_estate (Fixture *f)
{
  MoatEstate *estate = moat_estate_new ();

  moat_estate_add_path (estate, f->folder);
  g_assert_true (moat_estate_load (estate, NULL, NULL));
  return estate;
}

static int
expected_level (MoatEstateSystem *system)
{
  gboolean any_open;
  MoatRiskLevel level = moat_estate_system_get_rank_level (system, &any_open);

  return any_open && moat_estate_system_get_error (system) == NULL ? (int) level : -1;
}

/* The list holds the estate's systems in its order, and the rows on
 * screen (all of them at 1280×720 for the example) show them so. */
static void
assert_rows_are_estate (Fixture *f)
{
  g_autoptr(MoatEstate) expected = read_estate (f);
  GListModel *systems = moat_estate_get_systems (expected);
  GtkListView *list = GTK_LIST_VIEW (moat_gui_test_find_type (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GPtrArray) rows = visible_rows (f);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (systems));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatEstateSystem) a = g_list_model_get_item (shown, i);
      g_autoptr(MoatEstateSystem) b = g_list_model_get_item (systems, i);

      g_assert_cmpstr (moat_estate_system_get_path (a), ==, moat_estate_system_get_path (b));
    }

  g_assert_cmpuint (rows->len, >=, MIN (6, g_list_model_get_n_items (systems)));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      g_assert_cmpstr (moat_estate_row_get_title (rows->pdata[i]), ==, moat_estate_system_get_title (system));
      g_assert_cmpint (moat_estate_row_get_level (rows->pdata[i]), ==, expected_level (system));
    }
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("MOAT_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
}

/* Every model of the example is a row, in the estate's order of business
 * risk, with its highest residual level; the heat map counts the
 * estate's open threats, and the inventory's unmodelled systems need
 * attention. */
static void
test_ranked_rows (Fixture       *f,
                  gconstpointer  data)
{
  MoatEstate *estate = moat_estate_window_get_estate (f->window);
  MoatHeatMap *heat_map = MOAT_HEAT_MAP (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_HEAT_MAP));
  g_autoptr(GPtrArray) rows = visible_rows (f);
  GPtrArray *attention = moat_estate_window_get_attention (f->window);
  gboolean unmodelled = FALSE;
  guint total = 0;

  save_screenshot (f, "estate-window.png");
  g_assert_nonnull (estate);
  g_assert_cmpuint (moat_estate_get_n_models (estate), ==, 8);
  assert_rows_are_estate (f);
  /* The example's worst system: an open critical risk. */
  g_assert_cmpint (moat_estate_row_get_level (rows->pdata[0]), ==, MOAT_RISK_CRITICAL);

  for (int level = 0; level < MOAT_RISK_N_LEVELS; level++)
    total += moat_estate_get_n_open (estate, MOAT_RISK_BASIS_RESIDUAL, level);
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (moat_heat_map_get_total (heat_map), ==, total);

  g_assert_nonnull (attention);
  for (guint i = 0; i < attention->len; i++)
    {
      const MoatEstateAttention *a = g_ptr_array_index (attention, i);

      g_assert_nonnull (moat_gui_test_find_row (GTK_WIDGET (f->window), a->name));
      unmodelled |= a->system == NULL;
    }
  g_assert_true (unmodelled);
}

/* A file that is no model is a row with its error, and the rest are
 * read all the same. */
static void
test_damaged_file (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *list = moat_gui_test_find_type (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  g_autoptr(GPtrArray) rows = NULL;
  gboolean found = FALSE;

  g_assert_cmpuint (moat_estate_get_n_errors (moat_estate_window_get_estate (f->window)), ==, 1);
  assert_rows_are_estate (f);

  /* Unreadable files come after every model: at the end of the list. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  rows = visible_rows (f);
  save_screenshot (f, "estate-window-damaged.png");
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (moat_estate_row_get_title (rows->pdata[i]), "billing.moat"))
      {
        MoatEstateSystem *system = moat_estate_row_get_system (rows->pdata[i]);

        g_assert_nonnull (moat_estate_system_get_error (system));
        g_assert_cmpint (moat_estate_row_get_level (rows->pdata[i]), ==, -1);
        found = TRUE;
      }
  g_assert_true (found);
}

static MoatWindow *
window_titled (const char *title)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MOAT_IS_WINDOW (l->data) && moat_window_get_model (l->data) != NULL &&
        g_strcmp0 (moat_model_get_title (moat_window_get_model (l->data)), title) == 0)
      return l->data;
  return NULL;
}

/* Activating the first row (a click, or Enter) opens its model. */
static void
test_open_system (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = visible_rows (f);
  g_autofree char *title = g_strdup (moat_estate_row_get_title (rows->pdata[0]));
  GtkListView *list = GTK_LIST_VIEW (moat_gui_test_find_type (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));

  g_assert_null (window_titled (title));
  g_signal_emit_by_name (list, "activate", 0);
  moat_gui_test_spin ();
  g_assert_nonnull (window_titled (title));
}

static char *
first_row_title (Fixture *f)
{
  g_autoptr(GPtrArray) rows = NULL;

  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  rows = visible_rows (f);
  g_assert_cmpuint (rows->len, >, 0);
  return g_strdup (moat_estate_row_get_title (rows->pdata[0]));
}

/* The sort menu reorders the rows, the heading says how, and a row
 * opens the system it shows whatever the order. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkListView *list = GTK_LIST_VIEW (moat_gui_test_find_type (GTK_WIDGET (f->window), GTK_TYPE_LIST_VIEW));
  g_autofree char *by_risk = first_row_title (f);
  g_autofree char *by_name = NULL;
  g_autofree char *by_check = NULL;
  g_autofree char *by_change = NULL;

  g_assert_cmpstr (by_risk, ==, "Checkout");
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->window), "Systems by Business Risk"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "estate.sort-by", "s", "name");
  by_name = first_row_title (f);
  g_assert_cmpstr (by_name, ==, "Checkout");
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->window), "Systems by Name"));

  /* Never checked comes first; of those, by name. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "estate.sort-by", "s", "check");
  by_check = first_row_title (f);
  g_assert_cmpstr (by_check, ==, "Customer portal");

  /* The data warehouse's model is a year old. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "estate.sort-by", "s", "change");
  by_change = first_row_title (f);
  g_assert_cmpstr (by_change, ==, "Data warehouse");
  g_signal_emit_by_name (list, "activate", 0);
  moat_gui_test_spin ();
  g_assert_nonnull (window_titled ("Data warehouse"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "estate.sort-by", "s", "risk");
  g_free (by_risk);
  by_risk = first_row_title (f);
  g_assert_cmpstr (by_risk, ==, "Checkout");
}

static void
rename_model (const char *path,
              const char *title)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *model;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  model = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "model");
  json_object_set_string_member (model, "title", title);
  json_generator_set_root (generator, json_parser_get_root (parser));
  /* Written beside and renamed, as editors and git do. */
  g_assert_true (json_generator_to_file (generator, path, NULL));
}

/* The window follows its folder: a model renamed, a model removed and a
 * damaged file added each show without asking. */
static void
test_follows_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *checkout = g_build_filename (f->dir, "checkout.moat.json", NULL);
  g_autofree char *portal = g_build_filename (f->dir, "customer-portal.moat.json", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "billing.moat", NULL);
  guint n_loads = moat_estate_window_get_n_loads (f->window);
  g_autoptr(GPtrArray) rows = NULL;
  guint n_rows = 8;

  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->window), "Checkout"));

  rename_model (checkout, "Checkout and refunds");
  wait_for_load (f->window, n_loads++);
  assert_rows_are_estate (f);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->window), "Checkout and refunds"));
  g_assert_null (moat_gui_test_find_label (GTK_WIDGET (f->window), "Checkout"));

  g_assert_cmpint (g_unlink (portal), ==, 0);
  wait_for_load (f->window, n_loads++);
  assert_rows_are_estate (f);
  rows = visible_rows (f);
  g_assert_cmpuint (rows->len, ==, --n_rows);

  g_assert_true (g_file_set_contents (broken, "SQLite format 3 but not really", -1, NULL));
  wait_for_load (f->window, n_loads++);
  assert_rows_are_estate (f);
  g_assert_cmpuint (moat_estate_get_n_errors (moat_estate_window_get_estate (f->window)), ==, 1);
}

typedef struct
{
  MoatEstateWindow *window;
  GFile            *file;
  const char       *title;
  guint             n_systems;
} SystemWait;

static gboolean
system_shown (gpointer data)
{
  SystemWait *wait = data;
  MoatEstate *estate = moat_estate_window_get_estate (wait->window);
  MoatEstateSystem *system = estate ? moat_estate_find_system (estate, wait->file) : NULL;

  return system != NULL && g_strcmp0 (moat_estate_system_get_title (system), wait->title) == 0 &&
         g_list_model_get_n_items (moat_estate_get_systems (estate)) == wait->n_systems;
}

/* Until the window shows @file as a system titled @title among @n_systems. */
static void
wait_for_system (Fixture    *f,
                 GFile      *file,
                 const char *title,
                 guint       n_systems)
{
  SystemWait wait = { f->window, file, title, n_systems };

  moat_gui_test_wait_for (system_shown, &wait);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
}

/* A model open in Moat is edited while the estate window watches: the
 * estate reads what was saved, and shows the new title. */
static void
test_model_edited_in_app (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "checkout.moat.json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "checkout.moat", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (json);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) model = moat_format_import_file (source, MOAT_FORMAT_UNKNOWN, NULL, NULL);
  g_autoptr(MoatStore) store = NULL;

  g_assert_nonnull (model);
  store = moat_store_create (file, model, NULL);
  g_assert_nonnull (store);
  g_assert_cmpint (g_unlink (json), ==, 0);
  wait_for_system (f, file, "Checkout", 8);
  assert_rows_are_estate (f);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->window), "Checkout"));

  g_object_set (model, "title", "Checkout, edited", NULL);
  g_assert_cmpuint (moat_store_get_n_pending (store), ==, 0);
  wait_for_system (f, file, "Checkout, edited", 8);
  assert_rows_are_estate (f);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->window), "Checkout, edited"));

  moat_store_close (store);
}

/* A model in a folder below the estate's (a service's own folder in a
 * checkout) is followed too. */
static void
test_follows_subfolders (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *json = g_build_filename (f->dir, "hr-system.moat.json", NULL);
  g_autofree char *sub = g_build_filename (f->dir, "hr", NULL);
  g_autofree char *moved = g_build_filename (sub, "hr-system.moat.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (moved);

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (g_rename (json, moved), ==, 0);
  wait_for_system (f, file, "HR system", 8);

  rename_model (moved, "HR and payroll");
  wait_for_system (f, file, "HR and payroll", 8);
  assert_rows_are_estate (f);

  g_assert_cmpint (g_unlink (moved), ==, 0);
}

static gboolean
is_systems_stack (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "empty") != NULL;
}

static gboolean
showing_systems (gpointer data)
{
  GtkStack *stack = GTK_STACK (moat_gui_test_find (data, is_systems_stack, NULL));

  return g_str_equal (gtk_stack_get_visible_child_name (stack), "systems");
}

/* A folder without models says so, and shows the first model saved in
 * it. */
static void
test_empty_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("moat-estate-XXXXXX", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples", "estate",
                                              "checkout.moat.json", NULL);
  g_autofree char *target = g_build_filename (dir, "checkout.moat.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  MoatEstateWindow *window = moat_estate_window_new (app, folder);
  GtkStack *stack;
  gsize length;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_load (window, 0);
  stack = GTK_STACK (moat_gui_test_find (GTK_WIDGET (window), is_systems_stack, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (window), "No Models in This Folder"));

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));
  moat_gui_test_wait_for (showing_systems, window);
  g_assert_cmpuint (moat_estate_get_n_models (moat_estate_window_get_estate (window)), ==, 1);

  moat_gui_test_close_all_windows (app);
  g_unlink (target);
  g_rmdir (dir);
}

/* Closing the window while it reads, or reading again before a reading
 * is done, leaves nothing behind to show in a window that is gone. */
static void
test_close_while_loading (Fixture       *f,
                          gconstpointer  data)
{
  MoatEstateWindow *closed = moat_estate_window_new (app, f->folder);
  guint n_loads = moat_estate_window_get_n_loads (f->window);

  gtk_window_present (GTK_WINDOW (closed));
  gtk_window_destroy (GTK_WINDOW (closed));

  moat_estate_window_reload (f->window);
  moat_estate_window_reload (f->window);
  wait_for_load (f->window, n_loads);
  g_assert_cmpuint (moat_estate_window_get_n_loads (f->window), ==, n_loads + 1);
  assert_rows_are_estate (f);
}

static gboolean
has_chooser (gpointer data)
{
  return moat_estate_window_get_chooser (app) != NULL;
}

typedef struct
{
  GtkNativeDialog *chooser;
  GFile           *expected;
} ChooserWait;

static gboolean
chooser_has_folder (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (wait->chooser));

  return file != NULL && g_file_equal (file, wait->expected);
}

static MoatEstateWindow *
estate_window_for (GFile *folder)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MOAT_IS_ESTATE_WINDOW (l->data) && g_file_equal (moat_estate_window_get_folder (l->data), folder))
      return l->data;
  return NULL;
}

/* Open Estate… in the main menu asks for a folder and opens it as an
 * estate window. */
static void
test_open_estate_action (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (moat_application_new_document (app));
  g_autoptr(GError) error = NULL;
  GtkNativeDialog *chooser;
  MoatEstateWindow *opened;

  gtk_window_destroy (GTK_WINDOW (f->window));
  moat_gui_test_spin ();
  g_assert_null (estate_window_for (f->folder));

  g_assert_true (gtk_widget_activate_action (window, "app.open-estate", NULL));
  moat_gui_test_wait_for (has_chooser, NULL);
  chooser = moat_estate_window_get_chooser (app);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), f->folder, &error);
  g_assert_no_error (error);
  moat_gui_test_wait_for (chooser_has_folder, &(ChooserWait) { chooser, f->folder });
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  moat_gui_test_spin ();

  g_assert_null (moat_estate_window_get_chooser (app));
  opened = estate_window_for (f->folder);
  g_assert_nonnull (opened);
  wait_for_load (opened, 0);
  g_assert_cmpuint (moat_estate_get_n_models (moat_estate_window_get_estate (opened)), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, data, func) \
  g_test_add ("/estate-window/" path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("ranked-rows", NULL, test_ranked_rows);
  ADD ("damaged-file", "This is not a Moat file.\n", test_damaged_file);
  ADD ("open-system", NULL, test_open_system);
  ADD ("sort", NULL, test_sort);
  ADD ("follows-folder", NULL, test_follows_folder);
  ADD ("model-edited-in-app", NULL, test_model_edited_in_app);
  ADD ("open-estate-action", NULL, test_open_estate_action);
  ADD ("close-while-loading", NULL, test_close_while_loading);
  ADD ("follows-subfolders", NULL, test_follows_subfolders);
#undef ADD
  g_test_add_func ("/estate-window/empty-folder", test_empty_folder);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
