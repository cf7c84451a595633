/* test-diagram-page.c: the diagram list, the outline and the properties
 * panel, driven through their actions and widgets in a real window.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-gui-test-util.h"
#include "moat-limits.h"
#include "moat-diagram-page.h"
#include "moat-overview-page.h"
#include "moat-properties-panel.h"
#include "moat-test-util.h"
#include "moat-window.h"

static MoatApplication *app;

typedef struct {
  MoatWindow      *window;
  MoatDiagramPage *page;
  MoatModel       *model;
  gboolean         popped_up;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  f->page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_DIAGRAM_PAGE));
  g_assert_nonnull (f->page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->popped_up)
    moat_gui_test_let_tooltip_timer_pass ();
  moat_gui_test_close (f->window);
}

/* The canvas' menu, opened as right-click opens it at (@x, @y). */
static void
popup_menu (Fixture    *f,
            MoatCanvas *canvas,
            double      x,
            double      y)
{
  f->popped_up = TRUE;
  moat_canvas_popup_menu (canvas, x, y);
}

static void
activate (Fixture    *f,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->page), action, parameter));
  moat_gui_test_spin ();
}

static void
test_opens_first_diagram (Fixture       *f,
                          gconstpointer  data)
{
  MoatDiagram *diagram = moat_diagram_page_get_diagram (f->page);
  GListModel *outline = moat_diagram_page_get_outline (f->page);
  guint n = g_list_model_get_n_items (outline);

  g_assert_nonnull (diagram);
  g_assert_cmpint (moat_diagram_get_position (diagram), ==, 0);
  g_assert_cmpuint (n, >, 5);
  /* The outline holds exactly the current diagram's elements. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);
      g_assert_cmpstr (moat_element_get_diagram_id (element), ==,
                       moat_object_get_id (MOAT_OBJECT (diagram)));
    }
}

static void
test_add_move_delete_diagram (Fixture       *f,
                              gconstpointer  data)
{
  guint before = moat_model_count (f->model, MOAT_TYPE_DIAGRAM);
  MoatDiagram *added;
  int position;

  activate (f, "diagram.add-diagram", NULL);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_DIAGRAM), ==, before + 1);
  added = moat_diagram_page_get_diagram (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (moat_diagram_page_get_outline (f->page)), ==, 0);

  /* The list names it, follows a rename, and never shows an empty row. */
  g_object_set (added, "title", "Payments back office", NULL);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->page), "Payments back office"));
  g_object_set (added, "title", "", NULL);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->page), "Untitled diagram"));

  position = moat_diagram_get_position (added);
  activate (f, "diagram.move-diagram", g_variant_new_int32 (-1));
  g_assert_cmpint (moat_diagram_get_position (added), ==, position - 1);
  g_assert_true (moat_diagram_page_get_diagram (f->page) == added);

  g_object_ref (added);
  activate (f, "diagram.delete-diagram", NULL);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_DIAGRAM), ==, before);
  g_assert_false (moat_diagram_page_get_diagram (f->page) == added);
  g_assert_nonnull (moat_diagram_page_get_diagram (f->page));

  /* Deleting is undoable, like everything. */
  moat_model_undo (f->model);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_DIAGRAM), ==, before + 1);
  g_object_unref (added);
}

static void
test_outline_follows_selection (Fixture       *f,
                                gconstpointer  data)
{
  GListModel *outline = moat_diagram_page_get_outline (f->page);
  g_autoptr(MoatElement) second = g_list_model_get_item (outline, 1);
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  MoatPropertiesPanel *panel = MOAT_PROPERTIES_PANEL (moat_diagram_page_get_properties (f->page));

  g_ptr_array_add (selection, second);
  moat_diagram_page_set_selection (f->page, selection);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (outline), 1));
  g_assert_false (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (outline), 0));
  g_assert_cmpuint (moat_properties_panel_get_selection (panel)->len, ==, 1);

  /* Picking in the outline selects on the page, as a keyboard user does. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (outline), 0, TRUE);
  moat_gui_test_spin ();
  g_assert_cmpuint (moat_diagram_page_get_selection (f->page)->len, ==, 1);
  g_assert_true (g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0)
                 != (gpointer) second);
}

static void
add_process (Fixture    *f,
             const char *name)
{
  g_autoptr(MoatElement) element = moat_element_new ();

  g_object_set (element, "kind", MOAT_ELEMENT_PROCESS, "name", name,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (moat_diagram_page_get_diagram (f->page))), NULL);
  moat_model_add (f->model, element);
}

/* Names with numbers sort by value, and a name with line breaks reads on
 * one line. */
static void
test_outline_natural_order (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *outline;
  int at[3] = { -1, -1, -1 };
  const char *names[] = { "Node 1", "Node 2", "Node 10" };

  activate (f, "diagram.add-diagram", NULL);
  add_process (f, "Node 10");
  add_process (f, "Node 2");
  add_process (f, "Node 1");
  add_process (f, "Order\nservice");
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);

  outline = moat_diagram_page_get_outline (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (outline), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        if (g_strcmp0 (moat_element_get_name (element), names[j]) == 0)
          at[j] = i;
    }
  g_assert_cmpint (at[0], <, at[1]);
  g_assert_cmpint (at[1], <, at[2]);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->page), "Order service"));
}

/* The element called @name on the diagram shown. */
static MoatElement *
shown_element_named (Fixture    *f,
                     const char *name)
{
  GListModel *outline = moat_diagram_page_get_outline (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);

      if (g_strcmp0 (moat_element_get_name (element), name) == 0)
        return element;
    }
  g_assert_not_reached ();
}

static gboolean
menu_shows (GtkWidget  *menu,
            const char *label)
{
  GtkWidget *found = moat_gui_test_find_label (menu, label);

  return found != NULL && gtk_widget_is_visible (found);
}

/* A right-click selects what is under the pointer and offers what
 * applies to it; on empty canvas, what applies to the diagram. */
static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatElement *process = NULL;
  GListModel *outline = moat_diagram_page_get_outline (f->page);
  guint threats = moat_model_count (f->model, MOAT_TYPE_THREAT);
  g_autoptr(MoatThreat) added = NULL;
  GtkWidget *menu;
  double x, y;

  for (guint i = 0; process == NULL && i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);

      if (moat_element_get_kind (element) == MOAT_ELEMENT_PROCESS)
        process = element;
    }
  g_assert_nonnull (process);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  moat_canvas_from_diagram (canvas, moat_element_get_x (process) + moat_element_get_width (process) / 2,
                            moat_element_get_y (process) + moat_element_get_height (process) / 2, &x, &y);

  popup_menu (f, canvas, x, y);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  menu = moat_canvas_get_menu (canvas);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_cmpuint (moat_diagram_page_get_selection (f->page)->len, ==, 1);
  g_assert_true (g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0) == (gpointer) process);
  g_assert_true (menu_shows (menu, "Rename"));
  g_assert_true (menu_shows (menu, "Open Child Diagram"));
  g_assert_true (menu_shows (menu, "Delete"));
  g_assert_false (menu_shows (menu, "Select All"));
  g_assert_false (menu_shows (menu, "Arrange"));
  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "context-menu.png", NULL);
      g_autofree char *command = g_strdup_printf ("import -window root %s", path);

      /* The menu is a surface of its own: only the screen shows it. */
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* Add Threat from the menu: the Threats panel adds one for it. */
  activate (f, "diagram.add-threat", NULL);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_THREAT), ==, threats + 1);
  added = g_list_model_get_item (moat_model_get_list (f->model, MOAT_TYPE_THREAT), threats);
  g_assert_true (g_strv_contains (moat_threat_get_element_ids (added), moat_object_get_id (MOAT_OBJECT (process))));

  /* Far outside the drawing: nothing is there, the diagram's menu. */
  popup_menu (f, canvas, 2, 2);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  menu = moat_canvas_get_menu (canvas);
  g_assert_cmpuint (moat_diagram_page_get_selection (f->page)->len, ==, 0);
  g_assert_true (menu_shows (menu, "Select All"));
  g_assert_false (menu_shows (menu, "Delete"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* From the keyboard, as Shift+F10 does. */
  moat_canvas_select (canvas, process, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.popup-menu", NULL));
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  menu = moat_canvas_get_menu (canvas);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (menu_shows (menu, "Add Threat"));
  gtk_popover_popdown (GTK_POPOVER (menu));
  /* Closed, the menu goes. */
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_null (moat_canvas_get_menu (canvas));

  /* Two shapes: Arrange, and aligning them is one step of undo. */
  {
    MoatElement *customer = shown_element_named (f, "Customer (browser)");
    g_autoptr(GPtrArray) two = g_ptr_array_new ();
    double before = moat_element_get_x (process);

    g_ptr_array_add (two, process);
    g_ptr_array_add (two, customer);
    moat_diagram_page_set_selection (f->page, two);
    popup_menu (f, canvas, x, y);
    moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
    g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Arrange"));
    gtk_popover_popdown (GTK_POPOVER (moat_canvas_get_menu (canvas)));
    activate (f, "diagram.align", g_variant_new_string ("left"));
    g_assert_cmpfloat (moat_element_get_x (process), ==, moat_element_get_x (customer));
    moat_model_undo (f->model);
    g_assert_cmpfloat (moat_element_get_x (process), ==, before);
  }
}

/* A flow let go of over empty canvas offers the element it was heading
 * for; picking one adds both as one step of undo. */
static void
test_flow_dropped_on_empty_canvas (Fixture       *f,
                                   gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatElement *process = NULL;
  GListModel *outline = moat_diagram_page_get_outline (f->page);
  guint before = moat_model_count (f->model, MOAT_TYPE_ELEMENT);
  GPtrArray *selection;
  MoatElement *flow, *store;
  double x, y;

  for (guint i = 0; process == NULL && i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);

      if (moat_element_get_kind (element) == MOAT_ELEMENT_PROCESS)
        process = element;
    }
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  moat_canvas_from_diagram (canvas, moat_element_get_x (process) + moat_element_get_width (process) / 2,
                            moat_element_get_y (process) + moat_element_get_height (process) / 2, &x, &y);

  g_object_set (canvas, "tool", "flow", NULL);
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, 0);
  for (int i = 1; i <= 5; i++)
    moat_canvas_drag_update (canvas, x + (8 - x) * i / 5, y + (8 - y) * i / 5);
  moat_canvas_drag_end (canvas, 8, 8);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);

  /* Nothing yet, and the question asked. */
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, before);
  g_assert_nonnull (moat_canvas_get_menu (canvas));
  g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Data Store"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.connect-new", "s", "store"));
  moat_gui_test_spin ();
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, before + 2);
  selection = moat_diagram_page_get_selection (f->page);
  g_assert_cmpuint (selection->len, ==, 1);
  flow = g_ptr_array_index (selection, 0);
  g_assert_cmpint (moat_element_get_kind (flow), ==, MOAT_ELEMENT_FLOW);
  g_assert_cmpstr (moat_element_get_source_id (flow), ==, moat_object_get_id (MOAT_OBJECT (process)));
  store = moat_model_lookup_typed (f->model, moat_element_get_target_id (flow), MOAT_TYPE_ELEMENT);
  g_assert_nonnull (store);
  g_assert_cmpint (moat_element_get_kind (store), ==, MOAT_ELEMENT_STORE);
  g_assert_cmpint (moat_canvas_get_tool (canvas), ==, MOAT_CANVAS_TOOL_SELECT);

  moat_model_undo (f->model);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, before);
}

static void
assert_view (MoatCanvas     *canvas,
             const MoatView *expected)
{
  MoatView view;

  moat_canvas_get_view (canvas, &view);
  g_assert_cmpfloat_with_epsilon (view.scale, expected->scale, 1e-9);
  g_assert_cmpfloat_with_epsilon (view.x, expected->x, 1e-6);
  g_assert_cmpfloat_with_epsilon (view.y, expected->y, 1e-6);
}

static void
place_with_tool (Fixture    *f,
                 MoatCanvas *canvas,
                 const char *tool,
                 double      x0,
                 double      y0,
                 double      x1,
                 double      y1)
{
  g_object_set (canvas, "tool", tool, NULL);
  moat_canvas_drag_begin (canvas, x0, y0, GDK_BUTTON_PRIMARY, 0);
  moat_canvas_drag_update (canvas, x1, y1);
  moat_canvas_drag_end (canvas, x1, y1);
  moat_canvas_finish_rename (canvas, TRUE);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
}

/* A new diagram opens at 100 %, and drawing on it (the first element,
 * one near the edge, a boundary) never moves or zooms the view. */
static void
test_view_stays_put (Fixture       *f,
                     gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  guint before = moat_model_count (f->model, MOAT_TYPE_ELEMENT);
  MoatView view;
  int w, h;

  activate (f, "diagram.add-diagram", NULL);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  moat_canvas_get_view (canvas, &view);
  g_assert_cmpfloat (view.scale, ==, 1.0);
  w = gtk_widget_get_width (GTK_WIDGET (canvas));
  h = gtk_widget_get_height (GTK_WIDGET (canvas));

  place_with_tool (f, canvas, "process", 200, 200, 200, 200);
  assert_view (canvas, &view);
  place_with_tool (f, canvas, "store", w - 20, h - 20, w - 20, h - 20);
  assert_view (canvas, &view);
  place_with_tool (f, canvas, "boundary", 40, 40, w - 40, h - 40);
  assert_view (canvas, &view);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, before + 3);
}

static void
drag_boundary (Fixture         *f,
                    MoatCanvas      *canvas,
                    MoatElement     *boundary,
                    double           dx,
                    GdkModifierType  modifiers)
{
  double x, y;

  /* By its name, in its top left corner, where no flow crosses. */
  moat_canvas_from_diagram (canvas, moat_element_get_x (boundary) + 12,
                            moat_element_get_y (boundary) + 8, &x, &y);
  g_object_set (canvas, "tool", "select", NULL);
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, modifiers);
  for (int i = 1; i <= 4; i++)
    moat_canvas_drag_update (canvas, x + dx * i / 4, y);
  moat_canvas_drag_end (canvas, x + dx, y);
}


/* A boundary carries what lies inside it, when dragged or nudged; with
 * Alt it moves alone. */
static void
test_boundary_moves_its_contents (Fixture       *f,
                                  gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatElement *vpc = shown_element_named (f, "Acme cloud (VPC)");
  MoatElement *inside = shown_element_named (f, "Acme Pay checkout");
  MoatElement *outside = shown_element_named (f, "Identity provider");
  double vx = moat_element_get_x (vpc), ix = moat_element_get_x (inside), ox = moat_element_get_x (outside);
  MoatView view;

  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  moat_canvas_get_view (canvas, &view);

  drag_boundary (f, canvas, vpc, 40 * view.scale, 0);
  g_assert_cmpfloat (moat_element_get_x (vpc), ==, vx + 40);
  g_assert_cmpfloat (moat_element_get_x (inside), ==, ix + 40);
  g_assert_cmpfloat (moat_element_get_x (outside), ==, ox);
  /* One step of undo puts both back. */
  moat_model_undo (f->model);
  g_assert_cmpfloat (moat_element_get_x (vpc), ==, vx);
  g_assert_cmpfloat (moat_element_get_x (inside), ==, ix);

  drag_boundary (f, canvas, vpc, 40 * view.scale, GDK_ALT_MASK);
  g_assert_cmpfloat (moat_element_get_x (vpc), ==, vx + 40);
  g_assert_cmpfloat (moat_element_get_x (inside), ==, ix);
  moat_model_undo (f->model);

  moat_canvas_select (canvas, vpc, FALSE);
  moat_canvas_nudge (canvas, 10, 0);
  g_assert_cmpfloat (moat_element_get_x (inside), ==, ix + 10);

  /* Select Contents: what lies inside, without the boundary. */
  activate (f, "diagram.select-contents", NULL);
  g_assert_cmpuint (moat_diagram_page_get_selection (f->page)->len, >, 0);
  g_assert_true (g_ptr_array_find (moat_diagram_page_get_selection (f->page), inside, NULL));
  g_assert_false (g_ptr_array_find (moat_diagram_page_get_selection (f->page), vpc, NULL));
  g_assert_false (g_ptr_array_find (moat_diagram_page_get_selection (f->page), outside, NULL));
}

static gboolean
status_says (gpointer data)
{
  GtkLabel *status = g_object_get_data (G_OBJECT (data), "status");
  const char *expected = g_object_get_data (G_OBJECT (data), "expected");

  return g_str_equal (gtk_label_get_label (status), expected);
}

/* Types @text into the find entry and waits until its search has run:
 * the entry waits for a pause in typing. */
static void
find_text (Fixture    *f,
           GtkWidget  *entry,
           const char *text,
           const char *expected_status)
{
  GtkWidget *status = gtk_widget_get_next_sibling (entry);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_object_set_data (G_OBJECT (entry), "status", status);
  g_object_set_data (G_OBJECT (entry), "expected", (gpointer) expected_status);
  moat_gui_test_wait_for (status_says, entry);
}

/* A flow's menu offers Add Bend, which puts a bend where it was opened. */
static void
test_add_bend_from_menu (Fixture       *f,
                         gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatElement *flow = shown_element_named (f, "Sign-in (OIDC)");
  const MoatFlowPath *path;
  GVariant *points = moat_element_get_points (flow);
  guint before = points ? g_variant_n_children (points) : 0;
  double x, y;

  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  path = moat_geometry_get_path (moat_renderer_get_geometry (moat_canvas_get_renderer (canvas)), flow);
  g_assert_nonnull (path);
  moat_canvas_from_diagram (canvas, (path->points[0].x + path->points[1].x) / 2,
                            (path->points[0].y + path->points[1].y) / 2, &x, &y);
  popup_menu (f, canvas, x, y);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0) == (gpointer) flow);
  g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Add Bend Here"));
  g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Bring to Front"));
  g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Send to Back"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-bend", NULL));
  gtk_popover_popdown (GTK_POPOVER (moat_canvas_get_menu (canvas)));
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (flow)), ==, before + 1);
  moat_model_undo (f->model);
  points = moat_element_get_points (flow);
  g_assert_cmpuint (points ? g_variant_n_children (points) : 0, ==, before);
}

/* A boundary line's menu offers Add Bend too, which adds a point where
 * the menu was opened; a duplicate lands beside the line, its points
 * moved with it. */
static void
test_boundary_line_menu_and_duplicate (Fixture       *f,
                                       gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatDiagram *diagram = moat_diagram_page_get_diagram (f->page);
  g_autoptr(MoatElement) line = NULL;
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  g_autofree MoatPoint *points = NULL;
  g_autofree MoatPoint *copied = NULL;
  MoatElement *copy;
  MoatRect bounds;
  MoatPoint ends[2];
  guint n, n_copied;
  double x, y;

  /* Below everything, where nothing covers it. */
  g_assert_true (moat_renderer_get_diagram_bounds (moat_canvas_get_renderer (canvas), &bounds));
  ends[0] = (MoatPoint) { bounds.x + 40, bounds.y + bounds.height + 200 };
  ends[1] = (MoatPoint) { bounds.x + 340, bounds.y + bounds.height + 200 };
  line = moat_boundary_line_new (ends, 2);
  g_object_set (line, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)), "name", "Edge", NULL);
  moat_model_begin_action (f->model, "Add trust boundary line");
  moat_model_add (f->model, line);
  moat_model_end_action (f->model);
  moat_canvas_show_element (canvas, line);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);

  moat_canvas_from_diagram (canvas, ends[0].x + 100, ends[0].y, &x, &y);
  popup_menu (f, canvas, x, y);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0) == (gpointer) line);
  g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Add Bend Here"));
  g_assert_true (menu_shows (moat_canvas_get_menu (canvas), "Send to Back"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.add-bend", NULL));
  gtk_popover_popdown (GTK_POPOVER (moat_canvas_get_menu (canvas)));
  points = moat_boundary_line_get_points (line, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (fabs (points[1].x - (ends[0].x + 100)), <=, 20);
  g_assert_cmpfloat (points[2].x, ==, ends[1].x);

  g_ptr_array_add (selected, line);
  moat_diagram_page_set_selection (f->page, selected);
  activate (f, "diagram.duplicate", NULL);
  g_assert_cmpuint (moat_diagram_page_get_selection (f->page)->len, ==, 1);
  copy = g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0);
  g_assert_true (copy != line);
  g_assert_true (moat_boundary_line_is_line (copy));
  copied = moat_boundary_line_get_points (copy, &n_copied);
  g_assert_cmpuint (n_copied, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (copied[i].x - points[i].x, ==, moat_element_get_x (copy) - moat_element_get_x (line));
      g_assert_cmpfloat (copied[i].y - points[i].y, ==, moat_element_get_y (copy) - moat_element_get_y (line));
    }
  g_assert_cmpfloat (copied[0].x, !=, points[0].x);
}

/* A process added at (@x, @y), on the diagram shown. */
static MoatElement *
add_process_at (Fixture    *f,
                const char *name,
                double      x,
                double      y)
{
  MoatDiagram *diagram = moat_diagram_page_get_diagram (f->page);
  g_autoptr(MoatElement) process = moat_element_new ();

  g_object_set (process, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)), "name", name,
                "kind", MOAT_ELEMENT_PROCESS, "x", x, "y", y, "width", 160.0, "height", 80.0, NULL);
  moat_model_begin_action (f->model, "Add process");
  moat_model_add (f->model, process);
  moat_model_end_action (f->model);
  return process;
}

static MoatElement *
topmost_at (MoatCanvas *canvas,
            double      x,
            double      y)
{
  MoatGeometry *geometry = moat_renderer_get_geometry (moat_canvas_get_renderer (canvas));
  MoatHit hit;

  g_assert_true (moat_geometry_hit_test (geometry, x, y, 2, NULL, &hit));
  return hit.element;
}

static gboolean
menu_enables (GtkWidget  *menu,
              const char *label)
{
  GtkWidget *found = moat_gui_test_find_label (menu, label);

  g_assert_nonnull (found);
  return gtk_widget_is_sensitive (found);
}

/* Two overlapping processes: the one under is brought to the front from
 * its menu, the click then picks it, and the menu no longer offers to
 * bring it further; one undo puts it back under. */
static void
test_bring_to_front_from_menu (Fixture       *f,
                               gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatRect bounds;
  MoatElement *under, *over;
  double overlap_x, overlap_y, x, y;
  GtkWidget *menu;

  g_assert_true (moat_renderer_get_diagram_bounds (moat_canvas_get_renderer (canvas), &bounds));
  /* Below the drawing, where nothing else is. */
  under = add_process_at (f, "Under", bounds.x + 40, bounds.y + bounds.height + 200);
  over = add_process_at (f, "Over", bounds.x + 120, bounds.y + bounds.height + 200);
  moat_canvas_show_element (canvas, under);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  overlap_x = bounds.x + 160, overlap_y = moat_element_get_y (under) + 40;
  g_assert_true (topmost_at (canvas, overlap_x, overlap_y) == over);

  /* Where only the lower one is, its menu. */
  moat_canvas_from_diagram (canvas, bounds.x + 60, overlap_y, &x, &y);
  popup_menu (f, canvas, x, y);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0) == (gpointer) under);
  menu = moat_canvas_get_menu (canvas);
  g_assert_true (menu_shows (menu, "Bring to Front"));
  g_assert_true (menu_enables (menu, "Bring to Front"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.bring-to-front", NULL));
  gtk_popover_popdown (GTK_POPOVER (menu));
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (topmost_at (canvas, overlap_x, overlap_y) == under);
  g_assert_cmpint (moat_element_get_z_order (under), >, moat_element_get_z_order (over));

  popup_menu (f, canvas, x, y);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  menu = moat_canvas_get_menu (canvas);
  g_assert_false (menu_enables (menu, "Bring to Front"));
  g_assert_true (menu_enables (menu, "Send to Back"));
  gtk_popover_popdown (GTK_POPOVER (menu));

  /* One step of undo. */
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_true (topmost_at (canvas, overlap_x, overlap_y) == over);

  /* Sent to the back, the upper one goes under. */
  moat_canvas_select (canvas, over, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.send-to-back", NULL));
  g_assert_true (topmost_at (canvas, overlap_x, overlap_y) == under);
}

/* A duplicate goes on top of everything, as a new element does. */
static void
test_duplicate_goes_on_top (Fixture       *f,
                            gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatRect bounds;
  MoatElement *first, *second, *copy;
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();

  g_assert_true (moat_renderer_get_diagram_bounds (moat_canvas_get_renderer (canvas), &bounds));
  first = add_process_at (f, "First", bounds.x + 40, bounds.y + bounds.height + 200);
  second = add_process_at (f, "Second", bounds.x + 400, bounds.y + bounds.height + 200);
  g_object_set (second, "z-order", 50, NULL);
  g_ptr_array_add (selected, first);
  moat_diagram_page_set_selection (f->page, selected);
  activate (f, "diagram.duplicate", NULL);
  copy = g_ptr_array_index (moat_diagram_page_get_selection (f->page), 0);
  g_assert_true (copy != first);
  g_assert_cmpint (moat_element_get_z_order (copy), >, moat_element_get_z_order (second));
}

/* A name cut short on the canvas is there in full in its tooltip; one
 * shown whole has none. */
static void
test_long_name_tooltip (Fixture       *f,
                        gconstpointer  data)
{
  MoatCanvas *canvas = MOAT_CANVAS (moat_diagram_page_get_canvas (f->page));
  MoatElement *idp = shown_element_named (f, "Identity provider");
  const char *long_name = "Identity provider for merchant staff, partners and the support desk (OpenID Connect)";
  double x, y;

  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  moat_canvas_from_diagram (canvas, moat_element_get_x (idp) + moat_element_get_width (idp) / 2,
                            moat_element_get_y (idp) + moat_element_get_height (idp) / 2, &x, &y);
  g_assert_null (moat_canvas_get_tooltip_at (canvas, x, y));

  g_object_set (idp, "name", long_name, NULL);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpstr (moat_canvas_get_tooltip_at (canvas, x, y), ==, long_name);
  /* The canvas asks for tooltips only while over such a name. */
  moat_canvas_hover (canvas, x, y);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (canvas)));
  moat_canvas_hover (canvas, 2, 2);
  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (canvas)));
  /* Turning tooltips on asked GTK for one. */
  f->popped_up = TRUE;

  /* Fit to Name grows it until the name shows whole, as one undo step. */
  {
    double width = moat_element_get_width (idp);
    g_autoptr(GPtrArray) one = g_ptr_array_new ();

    g_ptr_array_add (one, idp);
    moat_diagram_page_set_selection (f->page, one);
    activate (f, "diagram.fit-to-name", NULL);
    g_assert_cmpfloat (moat_element_get_width (idp), >, width);
    g_assert_false (pango_layout_is_ellipsized (moat_geometry_get_layout (
                      moat_renderer_get_geometry (moat_canvas_get_renderer (canvas)), idp)));
    moat_model_undo (f->model);
    g_assert_cmpfloat (moat_element_get_width (idp), ==, width);
    g_assert_cmpstr (moat_element_get_name (idp), ==, long_name);
  }
}

/* Ctrl+F finds an element by a part of its name, on this diagram first,
 * then on the others, and Enter goes to the next one. */
static void
test_find_element (Fixture       *f,
                   gconstpointer  data)
{
  MoatDiagram *first = moat_diagram_page_get_diagram (f->page);
  GtkWidget *entry;
  GPtrArray *selection;

  activate (f, "diagram.find", NULL);
  entry = moat_gui_test_find_type (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (gtk_widget_is_visible (entry));

  /* On this diagram first, then on the other that has one. */
  find_text (f, entry, "identity", "1 of 2");
  selection = moat_diagram_page_get_selection (f->page);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpstr (moat_element_get_name (g_ptr_array_index (selection, 0)), ==, "Identity provider");
  g_assert_true (moat_diagram_page_get_diagram (f->page) == first);
  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "find-element.png", NULL);

      moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    }
  g_signal_emit_by_name (entry, "activate");
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (f->page), "2 of 2"));
  g_assert_true (moat_diagram_page_get_diagram (f->page) != first);

  /* Only on another diagram: that one opens, with it selected. */
  moat_diagram_page_set_diagram (f->page, first);
  find_text (f, entry, "audit log", "1 of 1");
  selection = moat_diagram_page_get_selection (f->page);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_true (moat_diagram_page_get_diagram (f->page) != first);
  g_assert_cmpstr (moat_element_get_diagram_id (g_ptr_array_index (selection, 0)), ==,
                   moat_object_get_id (MOAT_OBJECT (moat_diagram_page_get_diagram (f->page))));

  find_text (f, entry, "no such thing", "No element called “no such thing”");
}

static void
test_properties_edit_element (Fixture       *f,
                              gconstpointer  data)
{
  MoatElement *flow = moat_gui_test_element_named (f->model, "Authorise payment");
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  GtkWidget *panel = moat_diagram_page_get_properties (f->page);
  GtkWidget *encrypted;
  gboolean before = moat_element_get_encrypted_in_transit (flow);

  g_ptr_array_add (selection, flow);
  moat_diagram_page_set_selection (f->page, selection);
  moat_gui_test_spin ();

  encrypted = moat_gui_test_find_row_widget (panel, "Encrypted in Transit");
  g_assert_nonnull (encrypted);
  g_assert_true (gtk_widget_get_mapped (encrypted));
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (encrypted)), ==, before);
  /* Rows that make no sense for a flow are not offered. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (moat_gui_test_find_row_widget (panel, "Encrypted at Rest"),
                                                                   ADW_TYPE_ACTION_ROW)));

  gtk_switch_set_active (GTK_SWITCH (encrypted), !before);
  moat_gui_test_spin ();
  g_assert_cmpint (moat_element_get_encrypted_in_transit (flow), ==, !before);

  /* The panel follows the model, so undo shows at once. */
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (encrypted)), ==, before);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The description is written when the writer is done: a change of
 * selection takes what was typed to the element it was typed for, as one
 * step of undo, and the view then shows the newly selected element's. */
static void
test_properties_description (Fixture       *f,
                             gconstpointer  data)
{
  MoatElement *process = moat_gui_test_element_named (f->model, "Acme Pay checkout");
  MoatElement *flow = moat_gui_test_element_named (f->model, "Authorise payment");
  GtkWidget *panel = moat_diagram_page_get_properties (f->page);
  g_autofree char *before = g_strdup (moat_element_get_description (process));
  g_autofree char *shown = NULL;
  GtkTextView *view;

  moat_gui_test_select_element (f->page, process);
  view = GTK_TEXT_VIEW (moat_gui_test_find_type (panel, GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, before ? before : "");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Takes the card details once", -1);
  moat_gui_test_select_element (f->page, flow);
  g_assert_cmpstr (moat_element_get_description (process), ==, "Takes the card details once");
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, moat_element_get_description (flow) ? moat_element_get_description (flow) : "");

  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_cmpstr (moat_element_get_description (process), ==, before);
}

static gboolean
is_count_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "count-label");
}

static const char *
count_in_row (GtkWidget  *page,
              const char *title)
{
  GtkWidget *row = moat_gui_test_find_row (page, title);

  g_assert_nonnull (row);
  return gtk_label_get_label (GTK_LABEL (moat_gui_test_find (row, is_count_label, NULL)));
}

/* The Contents group counts what the model holds, and follows it. */
static void
test_overview_counts (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *page = moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_OVERVIEW_PAGE);
  g_autofree char *threats = g_strdup_printf ("%u", moat_model_count (f->model, MOAT_TYPE_THREAT));
  g_autofree char *actors = g_strdup_printf ("%u", moat_model_count (f->model, MOAT_TYPE_THREAT_ACTOR));
  g_autofree char *more = g_strdup_printf ("%u", moat_model_count (f->model, MOAT_TYPE_THREAT) + 1);
  g_autoptr(MoatThreat) threat = moat_threat_new ();

  g_assert_cmpstr (count_in_row (page, "Threats"), ==, threats);
  g_assert_cmpstr (count_in_row (page, "Threat actors"), ==, actors);
  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "overview-counts.png", NULL);
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (moat_gui_test_find_type (page, GTK_TYPE_SCROLLED_WINDOW));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK)),
                                             "overview");
      moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    }
  moat_model_add (f->model, threat);
  g_assert_cmpstr (count_in_row (page, "Threats"), ==, more);
  moat_model_undo (f->model);
  g_assert_cmpstr (count_in_row (page, "Threats"), ==, threats);
}

/* The overview's texts reach the model when the writer is done (here:
 * the window asks for it, as before a workshop), one step of undo, and
 * follow the model back. */
static void
test_overview_description (Fixture       *f,
                           gconstpointer  data)
{
  MoatOverviewPage *page =
    MOAT_OVERVIEW_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_OVERVIEW_PAGE));
  g_autofree char *before = g_strdup (moat_model_get_description (f->model));
  g_autofree char *shown = NULL;
  GtkTextView *view;

  g_assert_nonnull (page);
  /* The first text view of the page is the model's description. */
  view = GTK_TEXT_VIEW (moat_gui_test_find_type (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW));
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, before ? before : "");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Checkout for Acme's shops", -1);
  g_assert_cmpstr (moat_model_get_description (f->model), ==, before);
  moat_overview_page_commit (page);
  g_assert_cmpstr (moat_model_get_description (f->model), ==, "Checkout for Acme's shops");

  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_cmpstr (moat_model_get_description (f->model), ==, before);
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (view);
  g_assert_cmpstr (shown, ==, before ? before : "");
}

/* A description past the limit would make the file refused when next
 * opened: a paste keeps what fits, counted in characters, and typing stops
 * there. */
static void
test_overview_description_stops_at_limit (Fixture       *f,
                                          gconstpointer  data)
{
  MoatOverviewPage *page =
    MOAT_OVERVIEW_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_OVERVIEW_PAGE));
  GtkTextView *view = GTK_TEXT_VIEW (moat_gui_test_find_type (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GString) pasted = g_string_new (NULL);
  GtkTextIter end;

  for (guint i = 0; i < MOAT_TEXT_LONG_MAX + 10; i++)
    g_string_append (pasted, "é");
  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, pasted->str, -1, TRUE);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, MOAT_TEXT_LONG_MAX);

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "x", -1, TRUE);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, MOAT_TEXT_LONG_MAX);

  moat_overview_page_commit (page);
  g_assert_cmpint (g_utf8_strlen (moat_model_get_description (f->model), -1), ==, MOAT_TEXT_LONG_MAX);
  g_assert_true (g_str_has_suffix (moat_model_get_description (f->model), "éé"));
}

static void
test_properties_multi_selection (Fixture       *f,
                                 gconstpointer  data)
{
  GListModel *outline = moat_diagram_page_get_outline (f->page);
  g_autoptr(GPtrArray) flows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *panel = moat_diagram_page_get_properties (f->page);
  MoatHistory *history = moat_model_get_history (f->model);
  GtkWidget *authenticated;

  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (outline, i);
      if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
        g_ptr_array_add (flows, g_object_ref (element));
    }
  g_assert_cmpuint (flows->len, >=, 2);

  moat_diagram_page_set_selection (f->page, flows);
  moat_gui_test_spin ();
  g_autofree gboolean *before = g_new (gboolean, flows->len);
  guint n_before = 0;

  for (guint i = 0; i < flows->len; i++)
    n_before += before[i] = moat_element_get_authenticated (flows->pdata[i]);
  g_assert_cmpuint (n_before, <, flows->len);

  authenticated = moat_gui_test_find_row_widget (panel, "Authenticated");
  /* Mixed values show as off. */
  g_assert_false (n_before > 0 && gtk_switch_get_active (GTK_SWITCH (authenticated)));
  gtk_switch_set_active (GTK_SWITCH (authenticated), TRUE);
  for (guint i = 0; i < flows->len; i++)
    g_assert_true (moat_element_get_authenticated (flows->pdata[i]));

  /* All of them at once is one step of undo. */
  g_assert_true (moat_history_get_can_undo (history));
  moat_model_undo (f->model);
  for (guint i = 0; i < flows->len; i++)
    g_assert_cmpint (moat_element_get_authenticated (flows->pdata[i]), ==, before[i]);

  /* Leaving a selection whose protocols differ must not blank them. */
  {
    g_autoptr(GPtrArray) protocols = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < flows->len; i++)
      g_ptr_array_add (protocols, g_strdup (moat_element_get_protocol (flows->pdata[i])));
    moat_diagram_page_set_selection (f->page, NULL);
    for (guint i = 0; i < flows->len; i++)
      g_assert_cmpstr (moat_element_get_protocol (flows->pdata[i]), ==, protocols->pdata[i]);
  }
}

static void
test_open_child_diagram (Fixture       *f,
                         gconstpointer  data)
{
  MoatElement *process = moat_gui_test_element_named (f->model, "Acme Pay checkout");
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  MoatDiagram *top = moat_diagram_page_get_diagram (f->page);
  MoatDiagram *child;

  g_ptr_array_add (selection, process);
  moat_diagram_page_set_selection (f->page, selection);
  activate (f, "diagram.open-child", NULL);

  child = moat_diagram_page_get_diagram (f->page);
  g_assert_false (child == top);
  g_assert_cmpstr (moat_element_get_child_diagram_id (process), ==,
                   moat_object_get_id (MOAT_OBJECT (child)));
}

static guint
count_in_diagram (MoatModel   *model,
                  MoatDiagram *diagram)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      n += g_strcmp0 (moat_element_get_diagram_id (element),
                      moat_object_get_id (MOAT_OBJECT (diagram))) == 0;
    }
  return n;
}

static void
check_pasted (Fixture   *f,
              GPtrArray *originals,
              GPtrArray *pasted)
{
  MoatElement *flow = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (pasted->len, ==, originals->len);
  for (guint i = 0; i < pasted->len; i++)
    {
      MoatElement *element = g_ptr_array_index (pasted, i);

      g_assert_true (moat_object_get_model (MOAT_OBJECT (element)) == f->model);
      g_assert_false (g_ptr_array_find (originals, element, NULL));
      g_hash_table_add (ids, (gpointer) moat_object_get_id (MOAT_OBJECT (element)));
      if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
        flow = element;
    }
  /* The copied flow joins the copies of its ends, not the originals. */
  g_assert_nonnull (flow);
  g_assert_true (g_hash_table_contains (ids, moat_element_get_source_id (flow)));
  g_assert_true (g_hash_table_contains (ids, moat_element_get_target_id (flow)));
}

static GPtrArray *
flow_with_ends (Fixture    *f,
                const char *name)
{
  MoatElement *flow = moat_gui_test_element_named (f->model, name);
  GPtrArray *elements = g_ptr_array_new ();

  g_ptr_array_add (elements, flow);
  g_ptr_array_add (elements, moat_model_lookup (f->model, moat_element_get_source_id (flow)));
  g_ptr_array_add (elements, moat_model_lookup (f->model, moat_element_get_target_id (flow)));
  return elements;
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  MoatDiagram *diagram = moat_diagram_page_get_diagram (f->page);
  g_autoptr(GPtrArray) originals = flow_with_ends (f, "Authorise payment");
  guint before = count_in_diagram (f->model, diagram);
  GPtrArray *selection;

  moat_diagram_page_set_selection (f->page, originals);
  activate (f, "diagram.duplicate", NULL);

  g_assert_cmpuint (count_in_diagram (f->model, diagram), ==, before + 3);
  selection = moat_diagram_page_get_selection (f->page);
  check_pasted (f, originals, selection);

  /* One gesture, one undo. */
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (f->model)), ==, "Paste");
  moat_model_undo (f->model);
  g_assert_cmpuint (count_in_diagram (f->model, diagram), ==, before);
}

static gboolean
selection_changed_from (gpointer data)
{
  Fixture *f = data;
  GPtrArray *selection = moat_diagram_page_get_selection (f->page);

  return selection->len > 0
         && moat_element_get_diagram_id (g_ptr_array_index (selection, 0)) != NULL
         && g_strcmp0 (moat_element_get_diagram_id (g_ptr_array_index (selection, 0)),
                       moat_object_get_id (MOAT_OBJECT (moat_diagram_page_get_diagram (f->page)))) == 0;
}

static void
test_copy_paste_to_other_diagram (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) originals = flow_with_ends (f, "Authorise payment");
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->page));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  MoatDiagram *target;

  moat_diagram_page_set_selection (f->page, originals);
  activate (f, "diagram.copy", NULL);
  /* Other applications get a picture of the copied elements. */
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                        "image/png"));

  activate (f, "diagram.add-diagram", NULL);
  target = moat_diagram_page_get_diagram (f->page);
  g_assert_cmpuint (count_in_diagram (f->model, target), ==, 0);
  activate (f, "diagram.paste", NULL);
  while (!selection_changed_from (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_cmpuint (count_in_diagram (f->model, target), ==, 3);
  check_pasted (f, originals, moat_diagram_page_get_selection (f->page));
}

static void
test_delete_selected (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) selection = flow_with_ends (f, "Authorise payment");
  MoatElement *flow = g_ptr_array_index (selection, 0);

  moat_diagram_page_set_selection (f->page, selection);
  moat_model_remove (f->model, MOAT_OBJECT (flow));
  moat_gui_test_spin ();
  /* What is gone leaves the selection; what is left stays selected. */
  g_assert_cmpuint (moat_diagram_page_get_selection (f->page)->len, ==, 2);
  g_assert_false (g_ptr_array_find (moat_diagram_page_get_selection (f->page), flow, NULL));
  moat_model_undo (f->model);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/diagram-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("opens-first-diagram", test_opens_first_diagram);
  ADD ("add-move-delete", test_add_move_delete_diagram);
  ADD ("outline-follows-selection", test_outline_follows_selection);
  ADD ("outline-natural-order", test_outline_natural_order);
  ADD ("context-menu", test_context_menu);
  ADD ("view-stays-put", test_view_stays_put);
  ADD ("boundary-moves-its-contents", test_boundary_moves_its_contents);
  ADD ("find-element", test_find_element);
  ADD ("long-name-tooltip", test_long_name_tooltip);
  ADD ("add-bend-from-menu", test_add_bend_from_menu);
  ADD ("boundary-line-menu-and-duplicate", test_boundary_line_menu_and_duplicate);
  ADD ("bring-to-front-from-menu", test_bring_to_front_from_menu);
  ADD ("duplicate-goes-on-top", test_duplicate_goes_on_top);
  ADD ("flow-dropped-on-empty-canvas", test_flow_dropped_on_empty_canvas);
  ADD ("properties-edit", test_properties_edit_element);
  ADD ("properties-multi", test_properties_multi_selection);
  ADD ("properties-description", test_properties_description);
  ADD ("overview-counts", test_overview_counts);
  ADD ("overview-description", test_overview_description);
  ADD ("overview-description-stops-at-limit", test_overview_description_stops_at_limit);
  ADD ("open-child", test_open_child_diagram);
  ADD ("duplicate", test_duplicate);
  ADD ("copy-paste", test_copy_paste_to_other_diagram);
  ADD ("delete-selected", test_delete_selected);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
