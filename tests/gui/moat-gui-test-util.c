/* moat-gui-test-util.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "moat-gui-test-util.h"
#include "moat-lazy-page.h"
#include "moat-test-util.h"

/* One private home for the whole run: GTK's recent-files manager is
 * created once and must keep a folder to write to. */
void
moat_gui_test_init (int    *argc,
                    char ***argv)
{
  static const char *xdg_dirs[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autofree char *home = NULL;

  g_test_init (argc, argv, NULL);
  home = moat_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (xdg_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg_dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg_dirs[i], dir, TRUE);
    }
  gtk_init ();
  adw_init ();
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* GTK 4.8 starts a 500 ms tooltip timer on crossings (a popover's grab
 * makes them too) and fires it at the surface it saw last, even when a
 * test has closed that window meanwhile (Gdk-CRITICAL in
 * gdk_surface_get_device_position). A test that showed a popover or
 * asked for a tooltip lets the timer run out before it closes. */
void
moat_gui_test_let_tooltip_timer_pass (void)
{
  gboolean passed = FALSE;

  g_timeout_add_once (600, set_flag, &passed);
  while (!passed)
    g_main_context_iteration (NULL, TRUE);
}

void
moat_gui_test_spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/**
 * moat_gui_test_find:
 * @match: says whether a widget is the one looked for
 *
 * Returns: (transfer none) (nullable): the first widget under @root, in
 *   depth-first order and @root included, that @match accepts
 */
GtkWidget *
moat_gui_test_find (GtkWidget            *root,
                    MoatGuiTestMatchFunc  match,
                    gconstpointer         data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = moat_gui_test_find (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (type));
}

static gboolean
is_unbuilt_lazy_page (GtkWidget     *widget,
                      gconstpointer  data)
{
  return MOAT_IS_LAZY_PAGE (widget) && moat_lazy_page_get_child (MOAT_LAZY_PAGE (widget)) == NULL;
}

/* A page not shown yet is not built yet (MoatLazyPage): a test that
 * looks for a widget of such a page gets the page built, as showing it
 * would. */
GtkWidget *
moat_gui_test_find_type (GtkWidget *root,
                         GType      type)
{
  GtkWidget *found = moat_gui_test_find (root, is_of_type, GSIZE_TO_POINTER (type));
  GtkWidget *lazy;

  while (found == NULL && (lazy = moat_gui_test_find (root, is_unbuilt_lazy_page, NULL)) != NULL)
    {
      moat_lazy_page_ensure_child (MOAT_LAZY_PAGE (lazy));
      found = moat_gui_test_find (root, is_of_type, GSIZE_TO_POINTER (type));
    }
  return found;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/**
 * moat_gui_test_find_label:
 *
 * Returns: (transfer none) (nullable): the first label under @root, in
 *   tree order, whose text is @text
 */
GtkWidget *
moat_gui_test_find_label (GtkWidget  *root,
                          const char *text)
{
  return moat_gui_test_find (root, is_label_with_text, text);
}

static void
collect_type (GtkWidget *root,
              GType      type,
              GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, out);
}

/**
 * moat_gui_test_collect_type:
 *
 * Returns: (transfer container): every widget of @type under @root,
 *   @root included, in tree order
 */
GPtrArray *
moat_gui_test_collect_type (GtkWidget *root,
                            GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect_type (root, type, out);
  return out;
}

/* The control of the row a person finds by its title: the row itself for
 * combo and entry rows, the suffix widget for action rows. */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The row a person knows by its title. */
GtkWidget *
moat_gui_test_find_row (GtkWidget  *root,
                        const char *title)
{
  return moat_gui_test_find (root, is_row_titled, title);
}

GtkWidget *
moat_gui_test_find_row_widget (GtkWidget  *root,
                               const char *row_title)
{
  GtkWidget *row = moat_gui_test_find_row (root, row_title);
  GtkWidget *widget;

  if (!ADW_IS_ACTION_ROW (row) || ADW_IS_COMBO_ROW (row))
    return row;
  widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  return widget != NULL ? widget : moat_gui_test_find_type (row, GTK_TYPE_SPIN_BUTTON);
}

/* The application, registered and held so that it keeps running between
 * tests, when no window is open. */
MoatApplication *
moat_gui_test_new_application (void)
{
  MoatApplication *app = moat_application_new ();

  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));
  return app;
}

/* Each test starts with no window, as after a fresh start. */
void
moat_gui_test_close_all_windows (MoatApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  moat_gui_test_spin ();
}

/* The window an action just opened or raised. */
MoatWindow *
moat_gui_test_active_window (MoatApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_nonnull (windows);
  return MOAT_WINDOW (windows->data);
}

/* The bundled example, opened as a person opens a file: each test starts
 * from the same model with diagrams, threats and controls. */
MoatWindow *
moat_gui_test_open_example (MoatApplication *app)
{
  g_autofree char *json = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples",
                                            "payment-service.moat.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  MoatWindow *window = MOAT_WINDOW (moat_application_open_file (app, file));

  moat_gui_test_spin ();
  g_assert_nonnull (window);
  g_assert_nonnull (moat_window_get_model (window));
  moat_gui_test_wait_loaded (window);
  return window;
}

static gboolean
is_loaded (gpointer window)
{
  return !moat_window_get_loading (window);
}

/* Until @window, shown, has painted its model and then made what waits
 * for that frame: the rule engine's suggestions, the badges, the outline. */
void
moat_gui_test_wait_loaded (MoatWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!is_loaded (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

void
moat_gui_test_close (MoatWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  moat_gui_test_spin ();
}

/* The first object of @type whose string property @field is @text.
 * Returns: (transfer none) (nullable): the model keeps it */
gpointer
moat_gui_test_find_titled (MoatModel  *model,
                           GType       type,
                           const char *field,
                           const char *text)
{
  GListModel *list = moat_model_get_list (model, type);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      g_autofree char *value = NULL;

      g_object_get (item, field, &value, NULL);
      if (g_strcmp0 (value, text) == 0)
        return item;
    }
  return NULL;
}

/* Returns: (transfer none): the element named @name; the test fails
 * when there is none. */
MoatElement *
moat_gui_test_element_named (MoatModel  *model,
                             const char *name)
{
  MoatElement *element = moat_gui_test_find_titled (model, MOAT_TYPE_ELEMENT, "name", name);

  g_assert_nonnull (element);
  return element;
}

/* Selects @element alone, or nothing when it is %NULL, as a click on
 * the diagram does. */
void
moat_gui_test_select_element (MoatDiagramPage *page,
                              MoatElement     *element)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();

  if (element != NULL)
    g_ptr_array_add (selection, element);
  moat_diagram_page_set_selection (page, selection);
  moat_gui_test_spin ();
}

/* Clicks @button, which must be there and sensitive, as for a person. */
void
moat_gui_test_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  moat_gui_test_spin ();
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The button a person knows by its tooltip. */
GtkWidget *
moat_gui_test_find_button (GtkWidget  *root,
                           const char *tooltip)
{
  return moat_gui_test_find (root, is_button_with_tooltip, tooltip);
}

/* Runs the main loop until @done is true; a test that waits longer
 * than ten seconds fails rather than hangs. */
void
moat_gui_test_wait_for (gboolean (*done) (gpointer),
                        gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Styles and sizes are worked out on the next frames, not at once. */
void
moat_gui_test_wait_frames (GtkWidget *widget,
                           guint      n)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (frames < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_widget_remove_tick_callback (widget, id);
}

/* Until the view has held still for a while: the first layout of a new
 * diagram may move it after it is set, and a click must land where the
 * test means it to. */
void
moat_gui_test_wait_for_still_view (MoatCanvas *canvas)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  MoatView last = { 0, }, now;
  guint still = 0;

  while (still < 10)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
      moat_canvas_get_view (canvas, &now);
      still = (now.x == last.x && now.y == last.y && now.scale == last.scale
               && now.width == last.width) ? still + 1 : 0;
      last = now;
    }
}

/* What the window shows, as a PNG at @path, for a person to look at. */
void
moat_gui_test_save_screenshot (GtkWidget  *window,
                               const char *path)
{
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The highest business impact of an element's assets, worked out here
 * from the assets themselves, as a test's expectation. */
int
moat_gui_test_asset_impact (MoatModel   *model,
                            MoatElement *element)
{
  const char * const *ids = moat_element_get_asset_ids (element);
  int impact = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatAsset *asset = moat_model_lookup_typed (model, ids[i], MOAT_TYPE_ASSET);

      impact = MAX (impact, moat_asset_get_impact_confidentiality (asset));
      impact = MAX (impact, moat_asset_get_impact_integrity (asset));
      impact = MAX (impact, moat_asset_get_impact_availability (asset));
    }
  return impact;
}
