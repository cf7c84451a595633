/* test-review-marks.c: marking elements reviewed for threats in a real
 * window: the diagram page's actions on a selection, the properties
 * panel, the outline's markers and R in the workshop's threats stage.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-gui-test-util.h"
#include "moat-diagram-page.h"
#include "moat-properties-panel.h"
#include "moat-test-util.h"
#include "moat-window.h"
#include "moat-workshop-threats.h"
#include "moat-workshop-view.h"

static MoatApplication *app;

typedef struct {
  MoatWindow      *window;
  MoatDiagramPage *page;
  MoatModel       *model;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  moat_model_set_author (f->model, "Ana Pérez");
  f->page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_DIAGRAM_PAGE));
  g_assert_nonnull (f->page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moat_gui_test_close (f->window);
}

/* Shows the diagram of @elements[0] and selects @elements there. */
static void
select_elements (Fixture      *f,
                 MoatElement **elements,
                 guint         n)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  MoatDiagram *diagram = moat_model_lookup (f->model, moat_element_get_diagram_id (elements[0]));

  moat_diagram_page_set_diagram (f->page, diagram);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (selection, elements[i]);
  moat_diagram_page_set_selection (f->page, selection);
  moat_gui_test_spin ();
}

/* Whether a menu item or button for @action would be sensitive. */
static gboolean
action_enabled (Fixture    *f,
                const char *action)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_parent (button, GTK_WIDGET (f->page));
  moat_gui_test_spin ();
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  return enabled;
}

/* The page's own key binding for @accel, as GTK would run it. */
static void
press_page_shortcut (Fixture    *f,
                     const char *accel,
                     const char *expected_action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *name = gtk_shortcut_action_to_string (action);
          g_autofree char *expected = g_strdup_printf ("action(%s)", expected_action);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;
          g_assert_cmpstr (name, ==, expected);
          g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (f->page), NULL));
          found = TRUE;
        }
    }
  g_assert_true (found);
  moat_gui_test_spin ();
}

/* Each outline row GTK has made: its title, and whether it shows the ring. */
static void
collect_rows (GtkWidget  *root,
              GHashTable *rows)
{
  if (GTK_IS_IMAGE (root) &&
      g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), "moat-unreviewed-symbolic") == 0)
    {
      GtkWidget *label = gtk_widget_get_prev_sibling (root);

      g_hash_table_insert (rows, g_strdup (gtk_label_get_label (GTK_LABEL (label))),
                           GINT_TO_POINTER (gtk_widget_get_visible (root)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The names the outline marks as not reviewed; every row GTK has made
 * agrees with the model. */
static GPtrArray *
outline_markers (Fixture *f)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *outline = moat_diagram_page_get_outline (f->page);

  collect_rows (GTK_WIDGET (f->page), rows);
  g_assert_cmpuint (g_hash_table_size (rows), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);
      const char *name = moat_element_get_name (element);
      gpointer shown;

      if (!g_hash_table_lookup_extended (rows, name, NULL, &shown))
        continue;
      g_assert_cmpint (GPOINTER_TO_INT (shown), ==, moat_review_is_pending (element));
      if (shown)
        g_ptr_array_add (titles, g_strdup (name));
    }
  return titles;
}

/* With MOAT_SCREENSHOT_DIR set, a picture of the window to look at. */
static void
maybe_screenshot (Fixture    *f,
                  const char *name)
{
  const char *dir = g_getenv ("MOAT_SCREENSHOT_DIR");
  GtkWidget *window = GTK_WIDGET (f->window);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;

  if (dir == NULL)
    return;
  moat_gui_test_wait_frames (window, 3);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/review-%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}

static gboolean
has_title (GPtrArray  *titles,
           const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (g_ptr_array_index (titles, i), title))
      return TRUE;
  return FALSE;
}

/* Mark Not Reviewed and Mark Reviewed act on the whole selection, in one
 * undo step each; the outline shows what is left to review. */
static void
test_action_on_selection (Fixture       *f,
                          gconstpointer  data)
{
  MoatElement *elements[] = {
    moat_gui_test_element_named (f->model, "Order service"),
    moat_gui_test_element_named (f->model, "Event queue"),
    moat_gui_test_element_named (f->model, "Create order"),
    moat_gui_test_element_named (f->model, "Acme cloud (VPC)"),
  };
  MoatElement *untouched = moat_gui_test_element_named (f->model, "Card vault");
  MoatHistory *history = moat_model_get_history (f->model);
  g_autoptr(GPtrArray) markers = NULL;
  const char *reviewer;

  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    g_assert_nonnull (elements[i]);
  g_assert_nonnull (untouched);
  g_assert_cmpint (moat_element_get_kind (elements[3]), ==, MOAT_ELEMENT_BOUNDARY);
  /* The example ships reviewed. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (moat_element_get_reviewed (elements[i]));

  select_elements (f, elements, G_N_ELEMENTS (elements));
  markers = outline_markers (f);
  g_assert_cmpuint (markers->len, ==, 0);
  g_clear_pointer (&markers, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "diagram.mark-not-reviewed", NULL));
  moat_gui_test_spin ();
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (moat_element_get_reviewed (elements[i]));
      g_assert_null (moat_element_get_reviewed_by (elements[i]));
    }
  g_assert_true (moat_element_get_reviewed (untouched));
  g_assert_cmpstr (moat_history_get_undo_label (history), ==, "Mark Not Reviewed");

  /* The outline marks exactly those three. */
  markers = outline_markers (f);
  g_assert_true (has_title (markers, "Order service"));
  g_assert_true (has_title (markers, "Event queue"));
  g_clear_pointer (&markers, g_ptr_array_unref);
  maybe_screenshot (f, "selection-unreviewed");

  /* Ctrl+R marks the selection reviewed, by the user, now. */
  press_page_shortcut (f, "<Control>r", "diagram.mark-reviewed");
  reviewer = moat_model_get_author (f->model);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (moat_element_get_reviewed (elements[i]));
      g_assert_cmpstr (moat_element_get_reviewed_by (elements[i]), ==, reviewer);
      g_assert_cmpint (moat_element_get_reviewed_at (elements[i]), >, 0);
    }
  g_assert_false (moat_element_get_reviewed (elements[3]));
  markers = outline_markers (f);
  g_assert_cmpuint (markers->len, ==, 0);
  g_clear_pointer (&markers, g_ptr_array_unref);

  /* One undo takes the whole selection back. */
  g_assert_true (moat_model_undo (f->model));
  moat_gui_test_spin ();
  for (guint i = 0; i < 3; i++)
    g_assert_false (moat_element_get_reviewed (elements[i]));

  /* Ctrl+Shift+R is the way back. */
  g_assert_true (moat_model_redo (f->model));
  moat_gui_test_spin ();
  press_page_shortcut (f, "<Control><Shift>r", "diagram.mark-not-reviewed");
  for (guint i = 0; i < 3; i++)
    g_assert_false (moat_element_get_reviewed (elements[i]));
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *tooltip)
{
  return moat_gui_test_find (root, is_menu_button, tooltip);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_action (linked, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* The page's menu offers both, and they are there only when they would
 * do something. */
static void
test_action_enabled (Fixture       *f,
                     gconstpointer  data)
{
  MoatElement *process = moat_gui_test_element_named (f->model, "Order service");
  MoatElement *boundary = moat_gui_test_element_named (f->model, "Acme cloud (VPC)");
  MoatElement *both[] = { process, boundary };
  GtkWidget *menu_button = find_menu_button (GTK_WIDGET (f->page), "Diagram Menu");
  GMenuModel *menu;

  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_true (menu_has_action (menu, "diagram.mark-reviewed"));
  g_assert_true (menu_has_action (menu, "diagram.mark-not-reviewed"));

  select_elements (f, &boundary, 1);
  g_assert_false (action_enabled (f, "diagram.mark-reviewed"));
  g_assert_false (action_enabled (f, "diagram.mark-not-reviewed"));

  select_elements (f, both, G_N_ELEMENTS (both));
  g_assert_false (action_enabled (f, "diagram.mark-reviewed"));
  g_assert_true (action_enabled (f, "diagram.mark-not-reviewed"));

  /* A change withdraws the review, and the page offers it again. */
  g_object_set (process, "description", "Takes orders", NULL);
  moat_gui_test_spin ();
  g_assert_true (action_enabled (f, "diagram.mark-reviewed"));
  g_assert_false (action_enabled (f, "diagram.mark-not-reviewed"));

  moat_diagram_page_set_selection (f->page, NULL);
  moat_gui_test_spin ();
  g_assert_false (action_enabled (f, "diagram.mark-reviewed"));
}

static GtkWidget *
review_switch (Fixture *f)
{
  GtkWidget *panel = moat_diagram_page_get_properties (f->page);
  GtkWidget *widget = moat_gui_test_find_row_widget (panel, "Reviewed");

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_SWITCH (widget));
  return widget;
}

static const char *
review_subtitle (GtkWidget *widget)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW)));
}

/* The properties say who reviewed an element and when, and mark it. */
static void
test_properties_panel (Fixture       *f,
                       gconstpointer  data)
{
  MoatElement *process = moat_gui_test_element_named (f->model, "Order service");
  MoatElement *boundary = moat_gui_test_element_named (f->model, "Acme cloud (VPC)");
  MoatElement *pair[] = { process, moat_gui_test_element_named (f->model, "Event queue") };
  GtkWidget *widget;

  select_elements (f, &process, 1);
  widget = review_switch (f);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
  g_assert_true (g_str_has_prefix (review_subtitle (widget), "Reviewed by Priya Raman on "));

  /* Off: nobody's review any more. */
  gtk_switch_set_active (GTK_SWITCH (widget), FALSE);
  moat_gui_test_spin ();
  g_assert_false (moat_element_get_reviewed (process));
  g_assert_cmpstr (review_subtitle (widget), ==, "Nobody has reviewed its threats yet");

  /* On: the user's review, today. */
  gtk_switch_set_active (GTK_SWITCH (widget), TRUE);
  moat_gui_test_spin ();
  g_assert_true (moat_element_get_reviewed (process));
  g_assert_cmpstr (moat_element_get_reviewed_by (process), ==, "Ana Pérez");
  g_assert_true (g_str_has_prefix (review_subtitle (widget), "Reviewed by Ana Pérez on "));
  maybe_screenshot (f, "properties-reviewed");

  /* A change to the element turns the switch off and says so. */
  g_object_set (process, "technology", "Rust", NULL);
  moat_gui_test_spin ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (widget)));
  g_assert_true (g_str_has_prefix (review_subtitle (widget), "Changed since Ana Pérez reviewed it on "));
  maybe_screenshot (f, "properties-changed");
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));

  /* Several at once: how many are reviewed; the switch marks them all. */
  g_object_set (pair[1], "reviewed", FALSE, NULL);
  select_elements (f, pair, G_N_ELEMENTS (pair));
  widget = review_switch (f);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (widget)));
  g_assert_cmpstr (review_subtitle (widget), ==, "1 of 2 reviewed");
  gtk_switch_set_active (GTK_SWITCH (widget), TRUE);
  moat_gui_test_spin ();
  g_assert_true (moat_element_get_reviewed (pair[1]));
  g_assert_cmpstr (review_subtitle (widget), ==, "2 of 2 reviewed");

  /* Boundaries are not reviewed: no row. */
  select_elements (f, &boundary, 1);
  widget = review_switch (f);
  g_assert_false (gtk_widget_get_mapped (widget));
}

/* A key press as the workshop view's key handler receives it. */
static gboolean
press_workshop_key (MoatWorkshopView *view,
                    guint             keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  moat_gui_test_spin ();
  return handled;
}

/* R in the threats stage marks the element in focus reviewed, and only
 * there. */
static void
test_workshop_r_key (Fixture       *f,
                     gconstpointer  data)
{
  MoatWorkshopView *view = MOAT_WORKSHOP_VIEW (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                        MOAT_TYPE_WORKSHOP_VIEW));
  MoatWorkshopThreats *stage;
  MoatElement *element, *next;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workshop", NULL));
  moat_gui_test_spin ();
  moat_workshop_view_set_stage (view, MOAT_WORKSHOP_STAGE_THREATS);
  moat_gui_test_spin ();
  stage = MOAT_WORKSHOP_THREATS (moat_workshop_view_get_stage_widget (view, MOAT_WORKSHOP_STAGE_THREATS));
  element = moat_workshop_threats_get_element (stage);
  g_assert_nonnull (element);
  g_assert_true (moat_workshop_threats_step (stage, +1));
  next = moat_workshop_threats_get_element (stage);
  g_assert_true (moat_workshop_threats_step (stage, -1));

  moat_model_set (f->model, element, "reviewed", FALSE, "reviewed-by", NULL, NULL);
  moat_model_set (f->model, next, "reviewed", FALSE, NULL);
  maybe_screenshot (f, "workshop-before-r");
  g_assert_true (press_workshop_key (view, GDK_KEY_r));
  maybe_screenshot (f, "workshop-after-r");
  g_assert_true (moat_element_get_reviewed (element));
  g_assert_cmpstr (moat_element_get_reviewed_by (element), ==, "Ana Pérez");
  g_assert_false (moat_element_get_reviewed (next));
  g_assert_true (moat_workshop_threats_get_element (stage) == element);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (f->model)), ==, "Mark Reviewed");

  /* In another stage R is not a review. */
  moat_workshop_view_set_stage (view, MOAT_WORKSHOP_STAGE_THREATS - 1);
  moat_gui_test_spin ();
  g_assert_false (press_workshop_key (view, GDK_KEY_r));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workshop", NULL));
  moat_gui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/review-marks/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("action-on-selection", test_action_on_selection);
  ADD ("action-enabled", test_action_enabled);
  ADD ("properties-panel", test_properties_panel);
  ADD ("workshop-r-key", test_workshop_r_key);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
