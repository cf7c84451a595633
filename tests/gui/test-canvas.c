/* test-canvas.c: the diagram canvas in a real window, driven through the
 * entry points its pointer and key handlers use
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <adwaita.h>

#include "moat-canvas.h"
#include "moat-gui-test-util.h"
#include "moat-test-util.h"

static GtkWindow *window;
static MoatCanvas *canvas;
static char *tmpdir;

/* The window can be allocated small first and then at its default size;
 * the canvas keeps the diagram centred, so positions taken before the
 * final size would be off. Wait for the size the window asked for. */
static void
wait_for_size (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  while (gtk_widget_get_width (GTK_WIDGET (canvas)) < width)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  moat_gui_test_spin ();
}

/* A model with one empty diagram, written through to a new file. */
static MoatStore *
new_project (const char *name,
             MoatModel **model)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) fresh = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "d", NULL);
  g_autoptr(GError) error = NULL;
  MoatStore *store;

  g_object_set (diagram, "title", "Context", NULL);
  moat_model_add (fresh, diagram);
  moat_history_clear (moat_model_get_history (fresh));
  store = moat_store_create (file, fresh, &error);
  g_assert_no_error (error);

  *model = moat_store_get_model (store);
  moat_canvas_set_model (canvas, *model);
  moat_canvas_set_diagram_id (canvas, "d");
  moat_canvas_set_tool (canvas, MOAT_CANVAS_TOOL_SELECT);
  moat_canvas_set_snap_to_grid (canvas, TRUE);
  moat_gui_test_spin ();
  moat_gui_test_wait_for_still_view (canvas);
  return store;
}

static void
centre_of (MoatElement *element,
           double      *x,
           double      *y)
{
  MoatRect r;

  moat_geometry_element_rect (element, &r);
  moat_canvas_from_diagram (canvas, r.x + r.width / 2, r.y + r.height / 2, x, y);
}

static void
drag (double          x0,
      double          y0,
      double          x1,
      double          y1,
      GdkModifierType modifiers)
{
  moat_canvas_drag_begin (canvas, x0, y0, GDK_BUTTON_PRIMARY, modifiers);
  for (int i = 1; i <= 5; i++)
    {
      moat_canvas_drag_update (canvas, x0 + (x1 - x0) * i / 5, y0 + (y1 - y0) * i / 5);
      moat_gui_test_spin ();
    }
  moat_canvas_drag_end (canvas, x1, y1);
  moat_gui_test_spin ();
}

static void
click (double          x,
       double          y,
       GdkModifierType modifiers)
{
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, modifiers);
  moat_canvas_drag_end (canvas, x, y);
  moat_gui_test_spin ();
}

static void
count_action (MoatModel  *model,
              MoatAction *action,
              guint      *count)
{
  (*count)++;
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static guint
selection_size (void)
{
  g_autoptr(GPtrArray) selection = moat_canvas_get_selection (canvas);

  return selection->len;
}

static void
rename_to (const char *name)
{
  GtkEditable *entry;

  g_assert_nonnull (moat_canvas_get_renaming (canvas));
  entry = GTK_EDITABLE (gtk_window_get_focus (window));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (entry, name);
  g_signal_emit_by_name (entry, "activate");
  moat_gui_test_spin ();
  g_assert_null (moat_canvas_get_renaming (canvas));
}

static gboolean
on_grid (double value)
{
  return fabs (value / 20 - round (value / 20)) < 1e-9;
}

/* Place, connect, move, resize, rename, undo, redo, save, reopen. */
static void
test_edit_and_reopen (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "edit.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatStore) reopened = NULL;
  MoatElement *api, *customer, *orders, *flow;
  MoatModel *model;
  double x, y, x1, y1, old_x, old_y;
  const MoatFlowPath *path_now;
  MoatRect before, after;
  double api_x;
  guint actions = 0;

  store = new_project ("edit.moat", &model);
  g_signal_connect (model, "action-closed", G_CALLBACK (count_action), &actions);

  /* A click with the process tool places one of the default size, with
   * its name ready to type over; the tool goes back to select. */
  moat_canvas_set_tool (canvas, MOAT_CANVAS_TOOL_PROCESS);
  click (200, 200, 0);
  g_assert_cmpuint (actions, ==, 1);
  api = moat_canvas_get_renaming (canvas);
  g_assert_nonnull (api);
  g_assert_cmpint (moat_element_get_kind (api), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpint (moat_canvas_get_tool (canvas), ==, MOAT_CANVAS_TOOL_SELECT);
  rename_to ("Payments API");
  g_assert_cmpstr (moat_element_get_name (api), ==, "Payments API");
  g_assert_cmpuint (actions, ==, 2);
  moat_geometry_element_rect (api, &before);
  g_assert_true (on_grid (before.x) && on_grid (before.y));
  centre_of (api, &x, &y);
  g_assert_cmpfloat (fabs (x - 200), <=, 10 * moat_canvas_get_zoom (canvas));
  g_assert_cmpfloat (fabs (y - 200), <=, 10 * moat_canvas_get_zoom (canvas));

  /* A drag with the actor tool places one of the dragged size. */
  moat_canvas_set_tool (canvas, MOAT_CANVAS_TOOL_ACTOR);
  drag (520, 140, 720, 250, 0);
  customer = moat_canvas_get_renaming (canvas);
  g_assert_nonnull (customer);
  rename_to ("Customer");
  moat_geometry_element_rect (customer, &after);
  g_assert_cmpfloat (fabs (after.width - 200 / moat_canvas_get_zoom (canvas)), <=, 20);
  g_assert_cmpfloat (fabs (after.height - 110 / moat_canvas_get_zoom (canvas)), <=, 20);
  g_assert_true (on_grid (after.x) && on_grid (after.width));

  /* Placed through the entry point, as a palette button would. */
  orders = moat_canvas_place (canvas, MOAT_ELEMENT_STORE, 400, 450);
  g_object_set (orders, "name", "Orders", NULL);

  /* A flow: drag from one element to another with the flow tool. */
  moat_canvas_set_tool (canvas, MOAT_CANVAS_TOOL_FLOW);
  centre_of (customer, &x, &y);
  centre_of (api, &x1, &y1);
  actions = 0;
  drag (x, y, x1, y1, 0);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_cmpuint (selection_size (), ==, 1);
  {
    g_autoptr(GPtrArray) selection = moat_canvas_get_selection (canvas);

    flow = g_ptr_array_index (selection, 0);
  }
  g_assert_cmpint (moat_element_get_kind (flow), ==, MOAT_ELEMENT_FLOW);
  g_assert_cmpstr (moat_element_get_source_id (flow), ==, moat_object_get_id (MOAT_OBJECT (customer)));
  g_assert_cmpstr (moat_element_get_target_id (flow), ==, moat_object_get_id (MOAT_OBJECT (api)));
  g_assert_cmpint (moat_canvas_get_tool (canvas), ==, MOAT_CANVAS_TOOL_SELECT);

  /* Move the process by dragging it: the flow follows while dragging,
   * and the whole drag is one undo step. */
  old_x = moat_element_get_x (api);
  old_y = moat_element_get_y (api);
  centre_of (api, &x, &y);
  actions = 0;
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, 0);
  moat_canvas_drag_update (canvas, x + 50, y + 30);
  moat_canvas_drag_update (canvas, x + 100, y + 60);
  moat_gui_test_spin ();
  path_now = moat_geometry_get_path (moat_renderer_get_geometry (moat_canvas_get_renderer (canvas)), flow);
  g_assert_nonnull (path_now);
  g_assert_true (moat_geometry_node_contains (api, path_now->points[path_now->n_points - 1].x,
                                              path_now->points[path_now->n_points - 1].y, 1));
  g_assert_cmpuint (actions, ==, 0);
  moat_canvas_drag_end (canvas, x + 100, y + 60);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_cmpfloat (fabs (moat_element_get_x (api) - old_x - 100 / moat_canvas_get_zoom (canvas)), <=, 10);
  g_assert_cmpfloat (fabs (moat_element_get_y (api) - old_y - 60 / moat_canvas_get_zoom (canvas)), <=, 10);
  g_assert_true (on_grid (moat_element_get_x (api)));
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), ==, "Move");

  g_assert_true (moat_model_undo (model));
  g_assert_cmpfloat (moat_element_get_x (api), ==, old_x);
  g_assert_cmpfloat (moat_element_get_y (api), ==, old_y);
  g_assert_true (moat_model_redo (model));
  g_assert_cmpfloat (moat_element_get_x (api), >, old_x);

  /* Resize the store by its bottom right handle. */
  click (400, 450, 0);
  g_assert_true (moat_canvas_is_selected (canvas, orders));
  moat_geometry_element_rect (orders, &before);
  moat_canvas_from_diagram (canvas, before.x + before.width, before.y + before.height, &x, &y);
  actions = 0;
  drag (x, y, x + 40, y + 20, 0);
  g_assert_cmpuint (actions, ==, 1);
  moat_geometry_element_rect (orders, &after);
  g_assert_cmpfloat (after.x, ==, before.x);
  g_assert_cmpfloat (after.y, ==, before.y);
  /* The moved edges land on the grid, as near as can be to the pointer. */
  g_assert_cmpfloat (fabs (after.width - before.width - 40 / moat_canvas_get_zoom (canvas)), <=, 10);
  g_assert_cmpfloat (fabs (after.height - before.height - 20 / moat_canvas_get_zoom (canvas)), <=, 10);
  g_assert_true (on_grid (after.x + after.width) && on_grid (after.y + after.height));
  g_assert_cmpfloat (after.width, >, before.width);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), ==, "Resize");

  /* Rename by double-click. */
  centre_of (orders, &x, &y);
  click (x, y, 0);
  moat_canvas_double_click (canvas, x, y);
  rename_to ("Order database");
  g_assert_cmpstr (moat_element_get_name (orders), ==, "Order database");
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), ==, "Rename");

  /* Undo the rename, redo it. */
  g_assert_true (moat_model_undo (model));
  g_assert_cmpstr (moat_element_get_name (orders), ==, "Orders");
  g_assert_true (moat_model_redo (model));
  g_assert_cmpstr (moat_element_get_name (orders), ==, "Order database");

  /* Arrow keys move the selection a grid step. */
  old_x = moat_element_get_x (orders);
  moat_canvas_nudge (canvas, 20, 0);
  g_assert_cmpfloat (moat_element_get_x (orders), ==, old_x + 20);

  api_x = moat_element_get_x (api);

  /* The view was drawn throughout without trouble. */
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  moat_gui_test_spin ();

  /* Everything was written through: reopen the file and find it. */
  moat_store_close (store);
  g_clear_object (&store);
  moat_canvas_set_model (canvas, NULL);
  reopened = moat_store_open (file, &error);
  g_assert_no_error (error);
  model = moat_store_get_model (reopened);
  api = moat_gui_test_find_titled (model, MOAT_TYPE_ELEMENT, "name", "Payments API");
  customer = moat_gui_test_find_titled (model, MOAT_TYPE_ELEMENT, "name", "Customer");
  orders = moat_gui_test_find_titled (model, MOAT_TYPE_ELEMENT, "name", "Order database");
  flow = moat_gui_test_find_titled (model, MOAT_TYPE_ELEMENT, "name", "Data flow");
  g_assert_nonnull (api);
  g_assert_nonnull (customer);
  g_assert_nonnull (orders);
  g_assert_nonnull (flow);
  g_assert_cmpfloat (moat_element_get_x (api), ==, api_x);
  g_assert_cmpfloat (moat_element_get_x (orders), ==, old_x + 20);
  g_assert_cmpfloat (moat_element_get_width (orders), ==, after.width);
  g_assert_cmpstr (moat_element_get_source_id (flow), ==, moat_object_get_id (MOAT_OBJECT (customer)));
  g_assert_cmpstr (moat_element_get_target_id (flow), ==, moat_object_get_id (MOAT_OBJECT (api)));
  moat_store_close (reopened);
}

/* Three nodes in a row and a flow between the first two. */
static MoatStore *
three_nodes (const char   *name,
             MoatModel   **model,
             MoatElement **nodes,
             MoatElement **flow)
{
  MoatStore *store = new_project (name, model);

  nodes[0] = moat_canvas_place (canvas, MOAT_ELEMENT_ACTOR, 150, 150);
  nodes[1] = moat_canvas_place (canvas, MOAT_ELEMENT_PROCESS, 450, 150);
  nodes[2] = moat_canvas_place (canvas, MOAT_ELEMENT_STORE, 450, 450);
  *flow = moat_canvas_connect (canvas, nodes[0], nodes[1]);
  g_assert_nonnull (*flow);
  moat_canvas_select (canvas, NULL, FALSE);
  moat_gui_test_spin ();
  return store;
}

static void
test_selection (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  MoatModel *model;
  guint changes = 0;
  double x, y;

  store = three_nodes ("select.moat", &model, nodes, &flow);
  g_signal_connect_swapped (canvas, "selection-changed", G_CALLBACK (count_signal), &changes);

  /* Click selects one, Shift-click adds, Shift-click again removes. */
  centre_of (nodes[0], &x, &y);
  click (x, y, 0);
  g_assert_cmpuint (selection_size (), ==, 1);
  g_assert_true (moat_canvas_is_selected (canvas, nodes[0]));
  centre_of (nodes[2], &x, &y);
  click (x, y, GDK_SHIFT_MASK);
  g_assert_cmpuint (selection_size (), ==, 2);
  click (x, y, GDK_SHIFT_MASK);
  g_assert_cmpuint (selection_size (), ==, 1);
  g_assert_false (moat_canvas_is_selected (canvas, nodes[2]));

  /* A click on the flow's line selects the flow. */
  {
    const MoatFlowPath *path = moat_geometry_get_path (moat_renderer_get_geometry (moat_canvas_get_renderer (canvas)), flow);
    MoatPoint p = { path->points[0].x * 0.8 + path->points[1].x * 0.2,
                    path->points[0].y * 0.8 + path->points[1].y * 0.2 };

    moat_canvas_from_diagram (canvas, p.x, p.y, &x, &y);
    click (x, y + 2, 0);
    g_assert_true (moat_canvas_is_selected (canvas, flow));
    g_assert_cmpuint (selection_size (), ==, 1);
  }

  /* A click on empty space clears the selection. */
  click (750, 600, 0);
  g_assert_cmpuint (selection_size (), ==, 0);

  /* A rubber band selects what lies wholly inside it: the two nodes of
   * the top row and the flow between them, not the store. */
  drag (40, 40, 560, 300, 0);
  g_assert_cmpuint (selection_size (), ==, 3);
  g_assert_true (moat_canvas_is_selected (canvas, nodes[0]));
  g_assert_true (moat_canvas_is_selected (canvas, nodes[1]));
  g_assert_true (moat_canvas_is_selected (canvas, flow));
  g_assert_false (moat_canvas_is_selected (canvas, nodes[2]));
  g_assert_cmpuint (changes, >, 0);

  /* A plain click on one of several selected keeps only it; a drag of
   * one of them moves them all. */
  centre_of (nodes[1], &x, &y);
  {
    double x0 = moat_element_get_x (nodes[0]);

    drag (x, y, x + 60, y, 0);
    g_assert_cmpuint (selection_size (), ==, 3);
    g_assert_cmpfloat (moat_element_get_x (nodes[0]), >, x0);
    g_assert_true (moat_model_undo (model));
  }
  click (x, y, 0);
  g_assert_cmpuint (selection_size (), ==, 1);
  g_assert_true (moat_canvas_is_selected (canvas, nodes[1]));

  /* Tab walks through the elements. */
  moat_canvas_select (canvas, nodes[0], FALSE);
  moat_canvas_select_next (canvas, FALSE);
  g_assert_true (moat_canvas_is_selected (canvas, nodes[1]));
  moat_canvas_select_next (canvas, TRUE);
  g_assert_true (moat_canvas_is_selected (canvas, nodes[0]));

  g_signal_handlers_disconnect_by_data (canvas, &changes);
  moat_store_close (store);
}

static void
test_flow_editing (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  const MoatFlowPath *path;
  MoatGeometry *geometry;
  MoatModel *model;
  double x, y, lx, ly;
  GVariant *points;

  store = three_nodes ("flows.moat", &model, nodes, &flow);
  geometry = moat_renderer_get_geometry (moat_canvas_get_renderer (canvas));
  moat_canvas_select (canvas, flow, FALSE);

  /* Drag the middle of the line out into a bend. */
  {
    MoatPoint handle;

    g_assert_true (moat_geometry_get_new_bend_position (geometry, flow, 0, &handle));
    moat_canvas_from_diagram (canvas, handle.x, handle.y, &x, &y);
  }
  drag (x, y, x, y + 120, 0);
  points = moat_element_get_points (flow);
  g_assert_nonnull (points);
  g_assert_cmpuint (g_variant_n_children (points), ==, 1);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), ==, "Add bend");

  /* Move the bend. */
  path = moat_geometry_get_path (geometry, flow);
  moat_canvas_from_diagram (canvas, path->points[1].x, path->points[1].y, &x, &y);
  drag (x, y, x + 40, y + 40, 0);
  path = moat_geometry_get_path (geometry, flow);
  moat_canvas_from_diagram (canvas, path->points[1].x, path->points[1].y, &lx, &ly);
  g_assert_cmpfloat (fabs (lx - (x + 40)), <=, 10 * moat_canvas_get_zoom (canvas));
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (flow)), ==, 1);
  g_assert_true (moat_model_undo (model));
  g_assert_true (moat_model_redo (model));

  /* Move the label; it keeps its offset from the line. */
  g_assert_true (moat_geometry_get_label_rect (geometry, flow, &(MoatRect) { 0, }));
  {
    MoatRect label;

    moat_geometry_get_label_rect (geometry, flow, &label);
    moat_canvas_from_diagram (canvas, label.x + label.width / 2, label.y + label.height / 2, &x, &y);
    drag (x, y, x + 30, y - 40, 0);
    g_assert_cmpfloat (moat_element_get_label_x (flow), !=, 0);
    g_assert_cmpfloat (moat_element_get_label_y (flow), <, 0);
    g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), ==, "Move label");
  }

  /* Remove the bend with a double click. */
  path = moat_geometry_get_path (geometry, flow);
  moat_canvas_from_diagram (canvas, path->points[1].x, path->points[1].y, &x, &y);
  moat_canvas_double_click (canvas, x, y);
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (flow)), ==, 0);

  /* Reconnect the target end to the store. */
  moat_canvas_select (canvas, flow, FALSE);
  path = moat_geometry_get_path (geometry, flow);
  moat_canvas_from_diagram (canvas, path->points[path->n_points - 1].x,
                            path->points[path->n_points - 1].y, &x, &y);
  centre_of (nodes[2], &lx, &ly);
  drag (x, y, lx, ly, 0);
  g_assert_cmpstr (moat_element_get_target_id (flow), ==, moat_object_get_id (MOAT_OBJECT (nodes[2])));
  g_assert_cmpstr (moat_element_get_source_id (flow), ==, moat_object_get_id (MOAT_OBJECT (nodes[0])));
  g_assert_true (moat_model_undo (model));
  g_assert_cmpstr (moat_element_get_target_id (flow), ==, moat_object_get_id (MOAT_OBJECT (nodes[1])));

  moat_store_close (store);
}

/* Bends are found by pointing: an unselected flow under the pointer
 * offers the middle of its line to drag a bend out of, while a press on
 * its end, on the shape it joins, still moves the shape. */
static void
test_hover_bends (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  MoatGeometry *geometry;
  const MoatFlowPath *path;
  MoatModel *model;
  MoatPoint handle;
  MoatRect before, after;
  double x, y;

  store = three_nodes ("hover.moat", &model, nodes, &flow);
  geometry = moat_renderer_get_geometry (moat_canvas_get_renderer (canvas));
  moat_canvas_set_selection (canvas, NULL);
  g_assert_true (moat_geometry_get_new_bend_position (geometry, flow, 0, &handle));
  moat_canvas_from_diagram (canvas, handle.x, handle.y, &x, &y);
  moat_canvas_hover (canvas, x, y);
  drag (x, y, x, y + 120, 0);
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (flow)), ==, 1);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), ==, "Add bend");
  g_assert_true (moat_model_undo (model));

  moat_canvas_set_selection (canvas, NULL);
  path = moat_geometry_get_path (geometry, flow);
  moat_canvas_from_diagram (canvas, path->points[0].x, path->points[0].y, &x, &y);
  moat_canvas_hover (canvas, x, y);
  moat_geometry_element_rect (nodes[0], &before);
  drag (x, y, x + 40, y, 0);
  moat_geometry_element_rect (nodes[0], &after);
  g_assert_cmpstr (moat_element_get_source_id (flow), ==, moat_object_get_id (MOAT_OBJECT (nodes[0])));
  g_assert_cmpfloat (after.x, >, before.x);

  moat_store_close (store);
}

static void
test_delete_and_cancel (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  MoatModel *model;
  double x, y, old_x;
  guint actions = 0;

  store = three_nodes ("delete.moat", &model, nodes, &flow);
  g_signal_connect (model, "action-closed", G_CALLBACK (count_action), &actions);

  /* Deleting a node takes its flow along, in one step. */
  moat_canvas_select (canvas, nodes[1], FALSE);
  moat_canvas_delete_selection (canvas);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_null (moat_object_get_model (MOAT_OBJECT (flow)));
  g_assert_cmpuint (selection_size (), ==, 0);
  g_assert_true (moat_model_undo (model));
  g_assert_true (moat_object_get_model (MOAT_OBJECT (flow)) == model);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (nodes[1])) == model);

  /* A drag cancelled half way leaves nothing behind: not even an undo
   * step, so the delete can still be redone. */
  g_assert_true (moat_history_get_can_redo (moat_model_get_history (model)));
  old_x = moat_element_get_x (nodes[0]);
  centre_of (nodes[0], &x, &y);
  actions = 0;
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, 0);
  moat_canvas_drag_update (canvas, x + 200, y);
  g_assert_cmpfloat (moat_element_get_x (nodes[0]), >, old_x);
  moat_canvas_drag_cancel (canvas);
  g_assert_cmpfloat (moat_element_get_x (nodes[0]), ==, old_x);
  g_assert_cmpuint (actions, ==, 0);
  g_assert_true (moat_history_get_can_redo (moat_model_get_history (model)));

  /* A click that does not move is no edit. */
  click (x, y, 0);
  g_assert_cmpuint (actions, ==, 0);

  g_signal_handlers_disconnect_by_data (model, &actions);
  moat_store_close (store);
}

static void
test_zoom_and_pan (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  MoatModel *model;
  MoatRect bounds, visible;
  MoatView view;
  double dx0, dy0, dx1, dy1, x, y;
  guint actions = 0;

  store = three_nodes ("zoom.moat", &model, nodes, &flow);
  g_signal_connect (model, "action-closed", G_CALLBACK (count_action), &actions);

  /* Zooming keeps the point under the pointer where it is. */
  moat_canvas_to_diagram (canvas, 300, 200, &dx0, &dy0);
  moat_canvas_zoom_at (canvas, 2.0, 300, 200);
  g_assert_cmpfloat (moat_canvas_get_zoom (canvas), ==, 2.0);
  moat_canvas_to_diagram (canvas, 300, 200, &dx1, &dy1);
  g_assert_cmpfloat (fabs (dx1 - dx0), <, 1e-9);
  g_assert_cmpfloat (fabs (dy1 - dy0), <, 1e-9);

  moat_canvas_zoom_in (canvas);
  g_assert_cmpfloat (moat_canvas_get_zoom (canvas), >, 2.0);
  moat_canvas_zoom_out (canvas);
  moat_canvas_zoom_out (canvas);
  g_assert_cmpfloat (moat_canvas_get_zoom (canvas), <, 2.0);
  moat_canvas_zoom_reset (canvas);
  g_assert_cmpfloat (moat_canvas_get_zoom (canvas), ==, 1.0);

  /* Zoom to fit shows everything. */
  moat_canvas_zoom_fit (canvas);
  moat_canvas_get_view (canvas, &view);
  moat_view_get_visible (&view, &visible);
  g_assert_true (moat_renderer_get_diagram_bounds (moat_canvas_get_renderer (canvas), &bounds));
  g_assert_true (moat_rect_contains_rect (&visible, &bounds));

  /* Elements keep working at another zoom: place one and click it. */
  moat_canvas_zoom_at (canvas, 0.5, 0, 0);
  centre_of (nodes[2], &x, &y);
  click (x, y, 0);
  g_assert_true (moat_canvas_is_selected (canvas, nodes[2]));

  /* Panning with the middle button moves the view, not the model. */
  actions = 0;
  moat_canvas_to_diagram (canvas, 0, 0, &dx0, &dy0);
  moat_canvas_drag_begin (canvas, 400, 300, GDK_BUTTON_MIDDLE, 0);
  moat_canvas_drag_update (canvas, 300, 250);
  moat_canvas_drag_end (canvas, 300, 250);
  moat_canvas_to_diagram (canvas, 0, 0, &dx1, &dy1);
  g_assert_cmpfloat (fabs (dx1 - dx0 - 100 / moat_canvas_get_zoom (canvas)), <, 1e-9);
  g_assert_cmpfloat (fabs (dy1 - dy0 - 50 / moat_canvas_get_zoom (canvas)), <, 1e-9);
  g_assert_cmpuint (actions, ==, 0);

  /* Scrolling pans too. */
  moat_canvas_scroll_by (canvas, 0, 120);
  moat_canvas_to_diagram (canvas, 0, 0, &dx0, &dy0);
  g_assert_cmpfloat (fabs (dy0 - dy1 - 120 / moat_canvas_get_zoom (canvas)), <, 1e-9);

  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  moat_gui_test_spin ();
  g_signal_handlers_disconnect_by_data (model, &actions);
  moat_store_close (store);
}

static void
wait_until_settled (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!moat_canvas_is_settled (canvas))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* What the canvas shows, as GTK paints it, against the renderer drawing
 * the same view from scratch: kept frames leave nothing stale behind. */
static void
assert_shows_full_redraw (void)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (canvas));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *shown = NULL;
  cairo_surface_t *fresh;
  guint differing_rows = 0;
  MoatView view;
  cairo_t *cr;

  /* The paintable copies the canvas' last painted frame: a draw still
   * queued would leave it empty, on a loaded machine. After a zoom the
   * view settles over several frames and a pause. */
  wait_until_settled ();
  moat_gui_test_wait_frames (GTK_WIDGET (canvas), 2);
  moat_canvas_get_view (canvas, &view);
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (canvas)), ==, 1);
  gdk_paintable_snapshot (paintable, snapshot, view.width, view.height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
  shown = g_malloc (view.width * view.height * 4);
  gdk_texture_download (texture, shown, view.width * 4);

  fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view.width, view.height);
  cr = cairo_create (fresh);
  moat_renderer_draw (moat_canvas_get_renderer (canvas), cr, &view);
  cairo_destroy (cr);
  cairo_surface_flush (fresh);
  for (int y = 0; y < view.height; y++)
    {
      const guint8 *a = shown + y * (int) view.width * 4;
      const guint8 *b = cairo_image_surface_get_data (fresh) + y * cairo_image_surface_get_stride (fresh);

      for (int i = 0; i < view.width * 4; i++)
        if (ABS (a[i] - b[i]) > 1)
          {
            g_test_message ("row %d differs from x %d", y, i / 4);
            differing_rows++;
            break;
          }
    }
  if (differing_rows > 0 && g_getenv ("MOAT_TEST_KEEP_PNG") != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (shown, view.width * view.height * 4);
      g_autoptr(GdkTexture) copy = gdk_memory_texture_new (view.width, view.height, GDK_MEMORY_DEFAULT,
                                                           bytes, view.width * 4);

      gdk_texture_save_to_png (copy, "/tmp/canvas-shown.png");
      cairo_surface_write_to_png (fresh, "/tmp/canvas-fresh.png");
    }
  cairo_surface_destroy (fresh);
  g_assert_cmpuint (differing_rows, ==, 0);
}

static void
test_frames_match_full_redraw (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  MoatModel *model;
  double x, y;

  store = three_nodes ("frames.moat", &model, nodes, &flow);
  assert_shows_full_redraw ();

  /* Each frame of a drag, its flow following. */
  centre_of (nodes[0], &x, &y);
  moat_canvas_drag_begin (canvas, x, y, GDK_BUTTON_PRIMARY, 0);
  for (int i = 1; i <= 6; i++)
    {
      moat_canvas_drag_update (canvas, x + i * 23, y + i * 11);
      assert_shows_full_redraw ();
    }
  moat_canvas_drag_end (canvas, x + 6 * 23, y + 6 * 11);
  assert_shows_full_redraw ();

  /* Undone and redone. */
  g_assert_true (moat_model_undo (model));
  assert_shows_full_redraw ();
  g_assert_true (moat_model_redo (model));
  assert_shows_full_redraw ();

  /* A rubber band drawn over the frame, and gone after. */
  moat_canvas_drag_begin (canvas, 20, 20, GDK_BUTTON_PRIMARY, 0);
  moat_canvas_drag_update (canvas, 200, 260);
  moat_gui_test_spin ();
  moat_canvas_drag_update (canvas, 120, 90);
  moat_gui_test_spin ();
  moat_canvas_drag_end (canvas, 120, 90);
  assert_shows_full_redraw ();

  /* Panned by whole pixels, and by a fraction of one. */
  moat_canvas_scroll_by (canvas, 17, -9);
  assert_shows_full_redraw ();
  moat_canvas_scroll_by (canvas, 0.5, 0.25);
  assert_shows_full_redraw ();

  moat_store_close (store);
}

/* A zoom shows the old pixels resampled and draws sharp what its budget
 * allows, a square a frame here: once it pauses, GTK shows what a full
 * redraw shows, whether zoomed in steps, continuously about the pointer,
 * out (the border drawn at once), or to fit. */
static void
test_zoom_settles (void)
{
  g_autoptr(MoatStore) store = NULL;
  MoatElement *nodes[3], *flow;
  MoatModel *model;
  gint64 budget = moat_canvas_get_zoom_budget (canvas);
  guint blurred_frames = 0;

  moat_canvas_set_zoom_budget (canvas, 0);
  store = three_nodes ("zoom-settles.moat", &model, nodes, &flow);
  assert_shows_full_redraw ();

  moat_canvas_zoom_in (canvas);
  moat_gui_test_wait_frames (GTK_WIDGET (canvas), 1);
  g_assert_false (moat_canvas_is_settled (canvas));
  assert_shows_full_redraw ();

  for (guint i = 0; i < 12; i++)
    {
      moat_canvas_zoom_at (canvas, i < 6 ? 1.05 : 1 / 1.08, 200 + 40 * i, 150 + 25 * i);
      moat_gui_test_wait_frames (GTK_WIDGET (canvas), 1);
      blurred_frames += !moat_canvas_is_settled (canvas);
      if (i == 8)
        moat_canvas_scroll_by (canvas, 24, -12);
    }
  g_assert_cmpuint (blurred_frames, >, 0);
  assert_shows_full_redraw ();

  moat_canvas_zoom_out (canvas);
  moat_canvas_zoom_out (canvas);
  assert_shows_full_redraw ();
  moat_canvas_zoom_fit (canvas);
  assert_shows_full_redraw ();

  moat_canvas_set_zoom_budget (canvas, budget);
  moat_store_close (store);
}

/* Points of a boundary line, in widget pixels. */
static MoatPoint
line_point (MoatElement *line,
            guint        index)
{
  g_autofree MoatPoint *points = NULL;
  MoatPoint p;
  guint n;

  points = moat_boundary_line_get_points (line, &n);
  g_assert_cmpuint (index, <, n);
  moat_canvas_from_diagram (canvas, points[index].x, points[index].y, &p.x, &p.y);
  return p;
}

static guint
n_points (MoatElement *line)
{
  return g_variant_n_children (moat_element_get_points (line));
}

static const char *
undo_label (MoatModel *model)
{
  return moat_history_get_undo_label (moat_model_get_history (model));
}

/* Draw a boundary line, bend it, drag its points, move it, take a point
 * out again: each gesture one step of undo. */
static void
test_boundary_line (void)
{
  g_autoptr(MoatStore) store = NULL;
  g_autofree MoatPoint *before = NULL;
  g_autofree MoatPoint *after = NULL;
  MoatGeometry *geometry;
  MoatElement *line;
  MoatModel *model;
  MoatPoint p, q, handle;
  double x0, y0, x1, y1;
  guint actions = 0, n;
  MoatRect box;

  store = new_project ("lines.moat", &model);
  geometry = moat_renderer_get_geometry (moat_canvas_get_renderer (canvas));
  g_signal_connect (model, "action-closed", G_CALLBACK (count_action), &actions);

  /* A drag with the line tool draws a straight line, on the grid, and
   * names it. */
  moat_canvas_set_tool (canvas, MOAT_CANVAS_TOOL_BOUNDARY_LINE);
  drag (200, 200, 600, 320, 0);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 1);
  {
    g_autoptr(GPtrArray) selected = moat_canvas_get_selection (canvas);

    g_assert_cmpuint (selected->len, ==, 1);
    line = g_ptr_array_index (selected, 0);
  }
  g_assert_true (moat_boundary_line_is_line (line));
  g_assert_cmpuint (n_points (line), ==, 2);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_cmpstr (undo_label (model), ==, "Add trust boundary line");
  g_assert_cmpint (moat_canvas_get_tool (canvas), ==, MOAT_CANVAS_TOOL_SELECT);
  g_assert_true (moat_canvas_is_selected (canvas, line));
  rename_to ("Internet edge");
  g_assert_cmpstr (moat_element_get_name (line), ==, "Internet edge");
  moat_canvas_to_diagram (canvas, 200, 200, &x0, &y0);
  moat_canvas_to_diagram (canvas, 600, 320, &x1, &y1);
  before = moat_boundary_line_get_points (line, &n);
  g_assert_true (on_grid (before[0].x) && on_grid (before[1].y));
  g_assert_cmpfloat (fabs (before[0].x - x0), <=, 10);
  g_assert_cmpfloat (fabs (before[1].y - y1), <=, 10);
  g_clear_pointer (&before, g_free);

  /* Bend it: drag a new point out of the middle of the line. */
  actions = 0;
  g_assert_true (moat_geometry_get_new_bend_position (geometry, line, 0, &handle));
  moat_canvas_from_diagram (canvas, handle.x, handle.y, &p.x, &p.y);
  drag (p.x, p.y, p.x, p.y + 140, 0);
  g_assert_cmpuint (n_points (line), ==, 3);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_cmpstr (undo_label (model), ==, "Add point to boundary line");
  q = line_point (line, 1);
  g_assert_cmpfloat (fabs (q.y - (p.y + 140)), <=, 10 * moat_canvas_get_zoom (canvas));
  /* The box follows the points. */
  moat_geometry_element_rect (line, &box);
  g_assert_cmpfloat (moat_element_get_y (line), ==, box.y);
  g_assert_cmpfloat (moat_element_get_height (line), ==, box.height);
  g_assert_true (moat_model_undo (model));
  g_assert_cmpuint (n_points (line), ==, 2);
  g_assert_true (moat_model_redo (model));
  g_assert_cmpuint (n_points (line), ==, 3);

  /* Drag an end. */
  actions = 0;
  p = line_point (line, 0);
  drag (p.x, p.y, p.x - 80, p.y + 60, 0);
  q = line_point (line, 0);
  g_assert_cmpfloat (fabs (q.x - (p.x - 80)), <=, 10 * moat_canvas_get_zoom (canvas));
  g_assert_cmpuint (n_points (line), ==, 3);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_cmpstr (undo_label (model), ==, "Move point of boundary line");

  /* Move the whole line by a point on it that is no handle. */
  actions = 0;
  before = moat_boundary_line_get_points (line, &n);
  p = line_point (line, 1);
  q = line_point (line, 2);
  x0 = p.x + (q.x - p.x) / 4;
  y0 = p.y + (q.y - p.y) / 4;
  drag (x0, y0, x0 + 100, y0 + 60, 0);
  after = moat_boundary_line_get_points (line, &n);
  g_assert_cmpuint (actions, ==, 1);
  g_assert_cmpstr (undo_label (model), ==, "Move");
  for (guint i = 0; i < n; i++)
    {
      /* Every point moved by the same amount. */
      g_assert_cmpfloat (fabs ((after[i].x - before[i].x) - (after[0].x - before[0].x)), <, 1e-9);
      g_assert_cmpfloat (fabs ((after[i].y - before[i].y) - (after[0].y - before[0].y)), <, 1e-9);
    }
  g_assert_cmpfloat (after[0].x - before[0].x, >, 0);
  g_assert_cmpfloat (moat_element_get_x (line), ==, MIN (MIN (after[0].x, after[1].x), after[2].x));
  g_assert_true (moat_model_undo (model));
  g_clear_pointer (&after, g_free);
  after = moat_boundary_line_get_points (line, &n);
  g_assert_cmpfloat (after[0].x, ==, before[0].x);

  /* A double click takes out the bend, but never an end of a line of two. */
  p = line_point (line, 1);
  moat_canvas_double_click (canvas, p.x, p.y);
  g_assert_cmpuint (n_points (line), ==, 2);
  g_assert_cmpstr (undo_label (model), ==, "Remove point from boundary line");
  moat_canvas_select (canvas, line, FALSE);
  p = line_point (line, 0);
  moat_canvas_double_click (canvas, p.x, p.y);
  g_assert_cmpuint (n_points (line), ==, 2);

  /* A region drawn round the line carries it along when it moves. */
  {
    MoatElement *zone;
    MoatRect r;

    g_clear_pointer (&before, g_free);
    before = moat_boundary_line_get_points (line, &n);
    moat_geometry_element_rect (line, &box);
    moat_canvas_from_diagram (canvas, box.x - 60, box.y - 60, &x0, &y0);
    moat_canvas_from_diagram (canvas, box.x + box.width + 60, box.y + box.height + 60, &x1, &y1);
    moat_canvas_set_tool (canvas, MOAT_CANVAS_TOOL_BOUNDARY);
    drag (x0, y0, x1, y1, 0);
    rename_to ("Zone");
    zone = moat_gui_test_element_named (model, "Zone");
    g_assert_false (moat_boundary_line_is_line (zone));
    moat_geometry_element_rect (zone, &r);
    /* By its top edge, away from the resize handles. */
    moat_canvas_from_diagram (canvas, r.x + r.width / 4, r.y + 1, &p.x, &p.y);
    drag (p.x, p.y, p.x + 80, p.y, 0);
    g_assert_cmpfloat (moat_element_get_x (zone), >, r.x);
    g_assert_cmpfloat (moat_element_get_width (zone), ==, r.width);
    g_clear_pointer (&after, g_free);
    after = moat_boundary_line_get_points (line, &n);
    g_assert_cmpfloat (after[1].x - before[1].x, ==, moat_element_get_x (zone) - r.x);
    g_assert_cmpfloat (after[1].y, ==, before[1].y);
    g_assert_true (moat_model_undo (model));
    g_assert_true (moat_model_undo (model));
    g_assert_true (moat_model_undo (model));
    g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 1);
  }

  /* Back to the beginning, one gesture at a time: the removal, the moved
   * end, the bend, the name, the line. */
  for (guint i = 0; i < 3; i++)
    g_assert_true (moat_model_undo (model));
  g_assert_cmpuint (n_points (line), ==, 2);
  g_assert_true (moat_model_undo (model));
  g_assert_cmpstr (moat_element_get_name (line), !=, "Internet edge");
  g_assert_true (moat_model_undo (model));
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 0);

  moat_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  tmpdir = moat_test_make_tmpdir ();
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 720);
  canvas = MOAT_CANVAS (moat_canvas_new ());
  gtk_window_set_child (window, GTK_WIDGET (canvas));
  gtk_window_present (window);
  wait_for_size ();

  g_test_add_func ("/canvas/edit-and-reopen", test_edit_and_reopen);
  g_test_add_func ("/canvas/selection", test_selection);
  g_test_add_func ("/canvas/flow-editing", test_flow_editing);
  g_test_add_func ("/canvas/hover-bends", test_hover_bends);
  g_test_add_func ("/canvas/delete-and-cancel", test_delete_and_cancel);
  g_test_add_func ("/canvas/zoom-and-pan", test_zoom_and_pan);
  g_test_add_func ("/canvas/frames-match-full-redraw", test_frames_match_full_redraw);
  g_test_add_func ("/canvas/zoom-settles", test_zoom_settles);
  g_test_add_func ("/canvas/boundary-line", test_boundary_line);

  status = g_test_run ();

  gtk_window_destroy (window);
  moat_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return status;
}
