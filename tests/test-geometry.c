/* test-geometry.c: outlines, flow paths, hit tests, the spatial index and
 * which flows cross which trust boundaries
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-test-util.h"

static MoatModel *
new_model (void)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "d", NULL);
  g_autoptr(MoatDiagram) other = g_object_new (MOAT_TYPE_DIAGRAM, "id", "other", NULL);

  moat_model_add (model, diagram);
  moat_model_add (model, other);
  return model;
}

static MoatElement *
add_shape (MoatModel       *model,
           const char      *id,
           MoatElementKind  kind,
           double           x,
           double           y,
           double           w,
           double           h)
{
  g_autoptr(MoatElement) element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);

  g_object_set (element, "diagram-id", "d", "kind", kind, "name", id,
                "x", x, "y", y, "width", w, "height", h, NULL);
  moat_model_add (model, element);
  return element;
}

static MoatElement *
add_flow (MoatModel  *model,
          const char *id,
          const char *source,
          const char *target)
{
  g_autoptr(MoatElement) element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);

  g_object_set (element, "diagram-id", "d", "kind", MOAT_ELEMENT_FLOW, "name", id,
                "source-id", source, "target-id", target, NULL);
  moat_model_add (model, element);
  return element;
}

static void
set_bends (MoatElement     *flow,
           const MoatPoint *points,
           guint            n)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&builder, "(dd)", points[i].x, points[i].y);
  g_object_set (flow, "points", g_variant_builder_end (&builder), NULL);
}

static char **
ids_of (GPtrArray *elements)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < elements->len; i++)
    g_strv_builder_add (builder, moat_object_get_id (g_ptr_array_index (elements, i)));
  return g_strv_builder_end (builder);
}

static void
assert_ids (GPtrArray  *elements,
            const char *expected)
{
  g_auto(GStrv) ids = ids_of (elements);
  g_autofree char *joined = g_strjoinv (" ", ids);

  g_assert_cmpstr (joined, ==, expected);
}

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-6)

static void
test_anchor_rect (void)
{
  g_autoptr(MoatModel) model = new_model ();
  MoatElement *actor = add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 0, 100, 50);
  MoatPoint p;

  moat_geometry_anchor (actor, &(MoatPoint) { 300, 25 }, &p);
  assert_near (p.x, 100);
  assert_near (p.y, 25);

  moat_geometry_anchor (actor, &(MoatPoint) { 50, -200 }, &p);
  assert_near (p.x, 50);
  assert_near (p.y, 0);

  /* Toward a far corner along the diagonal: the corner itself. */
  moat_geometry_anchor (actor, &(MoatPoint) { 150, 75 }, &p);
  assert_near (p.x, 100);
  assert_near (p.y, 50);

  /* Toward its own middle: the middle. */
  moat_geometry_anchor (actor, &(MoatPoint) { 50, 25 }, &p);
  assert_near (p.x, 50);
  assert_near (p.y, 25);
}

static void
test_anchor_process (void)
{
  g_autoptr(MoatModel) model = new_model ();
  MoatElement *circle = add_shape (model, "p", MOAT_ELEMENT_PROCESS, 0, 0, 100, 100);
  MoatElement *pill = add_shape (model, "q", MOAT_ELEMENT_PROCESS, 0, 200, 200, 60);
  MoatPoint p;

  /* A square process is a circle: a diagonal meets it on the rim. */
  moat_geometry_anchor (circle, &(MoatPoint) { 500, 500 }, &p);
  assert_near (hypot (p.x - 50, p.y - 50), 50);
  assert_near (p.x, 50 + 50 / sqrt (2));

  moat_geometry_anchor (circle, &(MoatPoint) { 50, -10 }, &p);
  assert_near (p.x, 50);
  assert_near (p.y, 0);

  /* A wide one has straight sides and round ends. */
  moat_geometry_anchor (pill, &(MoatPoint) { 100, 100 }, &p);
  assert_near (p.x, 100);
  assert_near (p.y, 200);
  moat_geometry_anchor (pill, &(MoatPoint) { 1000, 230 }, &p);
  assert_near (p.x, 200);
  assert_near (p.y, 230);

  g_assert_true (moat_geometry_node_contains (circle, 50, 50, 0));
  g_assert_true (moat_geometry_node_contains (circle, 50, 1, 0));
  /* The corner of the box is outside the circle, unless near enough. */
  g_assert_false (moat_geometry_node_contains (circle, 3, 3, 0));
  g_assert_false (moat_geometry_node_contains (circle, 3, 3, 5));
  g_assert_true (moat_geometry_node_contains (circle, 3, 3, 30));
  g_assert_false (moat_geometry_node_contains (circle, 101, 50, 0));
  g_assert_true (moat_geometry_node_contains (circle, 101, 50, 2));
}

static void
test_flow_path (void)
{
  g_autoptr(MoatModel) model = new_model ();
  MoatElement *flow;
  MoatFlowPath path;

  add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 0, 100, 50);
  add_shape (model, "b", MOAT_ELEMENT_STORE, 300, 0, 100, 50);
  flow = add_flow (model, "f", "a", "b");

  g_assert_true (moat_geometry_flow_path (model, flow, &path));
  g_assert_cmpuint (path.n_points, ==, 2);
  assert_near (path.points[0].x, 100);
  assert_near (path.points[0].y, 25);
  assert_near (path.points[1].x, 300);
  assert_near (path.points[1].y, 25);
  assert_near (path.middle.x, 200);
  assert_near (path.label.x, 200);
  moat_flow_path_clear (&path);

  /* A bend: the ends aim at it, the middle is half way along. */
  set_bends (flow, (MoatPoint[]) { { 50, 200 } }, 1);
  g_object_set (flow, "label-x", 10.0, "label-y", -5.0, NULL);
  g_assert_true (moat_geometry_flow_path (model, flow, &path));
  g_assert_cmpuint (path.n_points, ==, 3);
  assert_near (path.points[0].x, 50);
  assert_near (path.points[0].y, 50);
  assert_near (path.points[1].y, 200);
  g_assert_cmpfloat (path.points[2].y, ==, 50);
  g_assert_cmpfloat (path.points[2].x, >, 300);
  g_assert_cmpfloat (path.middle.y, >, 150);
  assert_near (path.label.x, path.middle.x + 10);
  assert_near (path.label.y, path.middle.y - 5);
  moat_flow_path_clear (&path);

  /* A loop to its own source gets a visible detour. */
  g_object_set (flow, "target-id", "a", "points", NULL, NULL);
  g_assert_true (moat_geometry_flow_path (model, flow, &path));
  g_assert_cmpuint (path.n_synthetic, ==, 3);
  g_assert_cmpuint (path.n_points, ==, 5);
  g_assert_cmpfloat (path.points[1].y, <, 0);
  moat_flow_path_clear (&path);

  /* A dangling flow has no path. */
  g_object_set (flow, "target-id", "missing", NULL);
  g_assert_false (moat_geometry_flow_path (model, flow, &path));
  g_assert_cmpuint (path.n_points, ==, 0);
  moat_flow_path_clear (&path);
}

static void
test_distance (void)
{
  MoatPoint points[] = { { 0, 0 }, { 100, 0 }, { 100, 100 } };
  MoatFlowPath path = { points, 3, 0, { 0, 0 }, { 0, 0 } };
  guint segment;

  assert_near (moat_flow_path_distance (&path, 50, 4, &segment), 4);
  g_assert_cmpuint (segment, ==, 0);
  assert_near (moat_flow_path_distance (&path, 103, 60, &segment), 3);
  g_assert_cmpuint (segment, ==, 1);
  assert_near (moat_flow_path_distance (&path, -3, -4, NULL), 5);
}

static void
test_resize (void)
{
  MoatRect start = { 10, 10, 100, 50 }, r;

  moat_geometry_resize (&start, MOAT_HANDLE_SOUTH_EAST, 20, 30, 10, &r);
  g_assert_cmpfloat (r.x, ==, 10);
  g_assert_cmpfloat (r.width, ==, 120);
  g_assert_cmpfloat (r.height, ==, 80);

  moat_geometry_resize (&start, MOAT_HANDLE_NORTH_WEST, 20, 10, 10, &r);
  g_assert_cmpfloat (r.x, ==, 30);
  g_assert_cmpfloat (r.y, ==, 20);
  g_assert_cmpfloat (r.width, ==, 80);
  g_assert_cmpfloat (r.height, ==, 40);

  /* Dragging past the opposite edge stops at the smallest size. */
  moat_geometry_resize (&start, MOAT_HANDLE_WEST, 500, 0, 24, &r);
  g_assert_cmpfloat (r.width, ==, 24);
  g_assert_cmpfloat (r.x + r.width, ==, 110);

  moat_geometry_resize (&start, MOAT_HANDLE_NORTH, 40, 5, 10, &r);
  g_assert_cmpfloat (r.x, ==, 10);
  g_assert_cmpfloat (r.width, ==, 100);
  g_assert_cmpfloat (r.y, ==, 15);

  g_assert_cmpint (moat_geometry_hit_handle (&start, 110, 60, 4), ==, MOAT_HANDLE_SOUTH_EAST);
  g_assert_cmpint (moat_geometry_hit_handle (&start, 62, 8, 4), ==, MOAT_HANDLE_NORTH);
  g_assert_cmpint (moat_geometry_hit_handle (&start, 60, 35, 4), ==, MOAT_HANDLE_NONE);
}

/* Boundaries: "outer" holds "inner"; "side" stands alone.
 *
 *   out        [outer  [inner  in   ]  mid ]     [side  s ]
 */
static MoatModel *
boundary_model (void)
{
  MoatModel *model = new_model ();

  add_shape (model, "outer", MOAT_ELEMENT_BOUNDARY, 200, 0, 600, 400);
  add_shape (model, "inner", MOAT_ELEMENT_BOUNDARY, 250, 50, 300, 300);
  add_shape (model, "side", MOAT_ELEMENT_BOUNDARY, 900, 0, 300, 400);
  add_shape (model, "out", MOAT_ELEMENT_ACTOR, 0, 150, 120, 60);
  add_shape (model, "in", MOAT_ELEMENT_PROCESS, 350, 150, 100, 100);
  add_shape (model, "in2", MOAT_ELEMENT_STORE, 300, 280, 120, 50);
  add_shape (model, "mid", MOAT_ELEMENT_PROCESS, 620, 150, 100, 100);
  add_shape (model, "s", MOAT_ELEMENT_STORE, 1000, 150, 120, 60);
  return model;
}

static GPtrArray *
crossed (MoatModel  *model,
         const char *flow_id)
{
  return moat_geometry_boundaries_crossed (model, moat_model_lookup (model, flow_id));
}

static void
test_crossing (void)
{
  g_autoptr(MoatModel) model = boundary_model ();
  g_autoptr(GPtrArray) through = NULL, in = NULL, out = NULL, none = NULL;
  g_autoptr(GPtrArray) outside = NULL, across = NULL, dangling = NULL;
  MoatElement *extra;

  add_flow (model, "f-through", "out", "in");
  add_flow (model, "f-in", "out", "mid");
  add_flow (model, "f-out", "in", "mid");
  add_flow (model, "f-none", "in", "in2");
  add_flow (model, "f-across", "mid", "s");
  add_flow (model, "f-dangling", "in", "nowhere");

  /* Into a boundary nested in another: crosses both, outer first. */
  through = crossed (model, "f-through");
  assert_ids (through, "outer inner");

  /* Into one boundary. */
  in = crossed (model, "f-in");
  assert_ids (in, "outer");

  /* Out of the inner boundary, staying in the outer one. */
  out = crossed (model, "f-out");
  assert_ids (out, "inner");

  /* Both ends in the same boundaries: no crossing. */
  none = crossed (model, "f-none");
  assert_ids (none, "");

  /* From one boundary into a separate one: both. */
  across = crossed (model, "f-across");
  assert_ids (across, "outer side");

  dangling = crossed (model, "f-dangling");
  assert_ids (dangling, "");

  /* The other way round: which flows cross a boundary. */
  {
    g_autoptr(GPtrArray) flows = moat_geometry_flows_crossing (model, moat_model_lookup (model, "inner"));
    g_autoptr(GPtrArray) containing = moat_geometry_boundaries_containing (model, moat_model_lookup (model, "in"));

    assert_ids (flows, "f-through f-out");
    assert_ids (containing, "outer inner");
  }

  /* A boundary on another diagram does not count, even where it lies. */
  extra = add_shape (model, "elsewhere", MOAT_ELEMENT_BOUNDARY, 0, 0, 2000, 2000);
  g_object_set (extra, "diagram-id", "other", NULL);
  outside = crossed (model, "f-through");
  assert_ids (outside, "outer inner");

  /* Moving an element changes what its flows cross. */
  g_object_set (moat_model_lookup (model, "out"), "x", 300.0, "y", 60.0, NULL);
  g_clear_pointer (&through, g_ptr_array_unref);
  through = crossed (model, "f-through");
  assert_ids (through, "");
}

/* The flow's line, at its middle, is @offset below the centre line of
 * two nodes side by side at the same height. */
static double
line_height (MoatGeometry *geometry,
             MoatElement  *flow)
{
  const MoatFlowPath *path = moat_geometry_get_path (geometry, flow);

  g_assert_nonnull (path);
  g_assert_cmpuint (path->n_points, ==, 2);
  assert_near (path->points[0].y, path->points[1].y);
  return path->points[0].y;
}

/* Flows between the same two nodes, either way, lie side by side, spread
 * evenly about the line between the centres; a flow given bends leaves
 * the others to spread again. */
static void
test_parallel_flows (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  MoatElement *there, *back, *third, *alone;
  const MoatPoint bend = { 200, 300 };

  add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 0, 100, 100);
  add_shape (model, "b", MOAT_ELEMENT_STORE, 400, 0, 100, 100);
  add_shape (model, "c", MOAT_ELEMENT_STORE, 400, 300, 100, 100);
  there = add_flow (model, "f1", "a", "b");
  back = add_flow (model, "f2", "b", "a");
  alone = add_flow (model, "f3", "a", "c");
  geometry = moat_geometry_new (model, "d");

  /* Two: half a gap either side of the centre line, at y = 50. */
  assert_near (fabs (line_height (geometry, there) - 50), MOAT_GEOMETRY_PARALLEL_GAP / 2);
  assert_near (line_height (geometry, there) + line_height (geometry, back), 100);
  /* A flow to another node stays on its centre line. */
  g_assert_cmpuint (moat_geometry_get_path (geometry, alone)->n_points, ==, 2);

  /* Three: one on the line, one a gap either side. */
  third = add_flow (model, "f4", "a", "b");
  assert_near (line_height (geometry, there), 50 - MOAT_GEOMETRY_PARALLEL_GAP);
  assert_near (line_height (geometry, back), 50);
  assert_near (line_height (geometry, third), 50 + MOAT_GEOMETRY_PARALLEL_GAP);

  /* Bent, it leaves the others: two again. */
  set_bends (back, &bend, 1);
  assert_near (line_height (geometry, there), 50 - MOAT_GEOMETRY_PARALLEL_GAP / 2);
  assert_near (line_height (geometry, third), 50 + MOAT_GEOMETRY_PARALLEL_GAP / 2);

  /* Alone again once the third is gone. */
  moat_model_remove (model, third);
  assert_near (line_height (geometry, there), 50);
}

/* Align lines shapes up on the edge or centre of them all; distribute
 * leaves the outer two and makes the gaps equal; flows stay; each is one
 * step of undo. */
static void
test_align_and_distribute (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  MoatElement *a = add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 0, 100, 50);
  MoatElement *b = add_shape (model, "b", MOAT_ELEMENT_PROCESS, 130, 200, 100, 100);
  MoatElement *c = add_shape (model, "c", MOAT_ELEMENT_STORE, 500, 90, 200, 60);
  MoatAlign align;

  g_ptr_array_add (selection, a);
  g_assert_cmpuint (moat_arrange_align (model, selection, MOAT_ALIGN_LEFT), ==, 0);
  g_ptr_array_add (selection, b);
  g_ptr_array_add (selection, c);
  g_ptr_array_add (selection, add_flow (model, "f", "a", "b"));

  g_assert_true (moat_arrange_parse_align ("right", &align));
  g_assert_false (moat_arrange_parse_align ("diagonal", &align));
  g_assert_cmpuint (moat_arrange_align (model, selection, align), ==, 3);
  assert_near (moat_element_get_x (a), 600);
  assert_near (moat_element_get_x (b), 600);
  assert_near (moat_element_get_x (c), 500);
  moat_model_undo (model);
  assert_near (moat_element_get_x (a), 0);
  assert_near (moat_element_get_x (b), 130);

  /* The middle of their extent: from y 0 to 300. */
  moat_arrange_align (model, selection, MOAT_ALIGN_MIDDLE);
  assert_near (moat_element_get_y (a), 125);
  assert_near (moat_element_get_y (b), 100);
  assert_near (moat_element_get_y (c), 120);
  moat_model_undo (model);

  /* From 0 to 700 hold 400 of width: two gaps of 150. */
  g_assert_cmpuint (moat_arrange_distribute (model, selection, FALSE), ==, 3);
  assert_near (moat_element_get_x (a), 0);
  assert_near (moat_element_get_x (b), 250);
  assert_near (moat_element_get_x (c), 500);
  moat_model_undo (model);
  assert_near (moat_element_get_x (b), 130);
}

/* Whether every line of @layout starts at the start of a word. */
static gboolean
breaks_between_words (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);

  for (int i = 1; i < pango_layout_get_line_count (layout); i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
      int at = line->start_index;

      if (at > 0 && text[at - 1] != ' ' && text[at - 1] != '\n')
        return FALSE;
    }
  return TRUE;
}

/* Names wrap between words, a word too wide for its shape gets a smaller
 * font rather than a break inside it, and a name too long for its shape
 * ends with "…". */
static void
test_names_read (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  const char *names[] = { "Daemon", "Electrum-X", "Integration", "Browser", "Payment service provider" };
  MoatElement *elements[G_N_ELEMENTS (names)];
  MoatElement *crowded;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);

      elements[i] = add_shape (model, id, MOAT_ELEMENT_PROCESS, i * 200, 0, 80, 80);
      g_object_set (elements[i], "name", names[i], NULL);
    }
  crowded = add_shape (model, "crowded", MOAT_ELEMENT_ACTOR, 0, 300, 150, 40);
  g_object_set (crowded, "name", "Social networks, Weather data, Maps, Payment providers, etc", NULL);
  geometry = moat_geometry_new (model, "d");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      PangoLayout *layout = moat_geometry_get_layout (geometry, elements[i]);

      g_assert_nonnull (layout);
      g_assert_true (breaks_between_words (layout));
      g_assert_false (pango_layout_is_ellipsized (layout));
    }
  g_assert_true (pango_layout_is_ellipsized (moat_geometry_get_layout (geometry, crowded)));

  /* Grown to fit, the whole name shows; what fits already stays. */
  {
    double width, height;

    g_assert_false (moat_geometry_size_to_fit_name (geometry, elements[3], &width, &height));
    assert_near (width, 80);
    g_assert_true (moat_geometry_size_to_fit_name (geometry, crowded, &width, &height));
    g_assert_cmpfloat (width, >, 150);
    g_object_set (crowded, "width", width, "height", height, NULL);
    g_assert_false (pango_layout_is_ellipsized (moat_geometry_get_layout (geometry, crowded)));
  }
}

static void
test_index_follows_model (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  MoatElement *a, *b, *flow;
  const MoatFlowPath *path;
  MoatRect bounds;
  MoatHit hit;

  a = add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 0, 100, 50);
  b = add_shape (model, "b", MOAT_ELEMENT_PROCESS, 300, -25, 100, 100);
  flow = add_flow (model, "f", "a", "b");
  geometry = moat_geometry_new (model, "d");
  g_assert_cmpuint (moat_geometry_get_n_elements (geometry), ==, 3);

  path = moat_geometry_get_path (geometry, flow);
  g_assert_nonnull (path);
  assert_near (path->points[1].x, 300);

  /* The flow follows its target when it moves. */
  g_object_set (b, "x", 600.0, NULL);
  path = moat_geometry_get_path (geometry, flow);
  g_assert_nonnull (path);
  g_assert_cmpfloat (path->points[path->n_points - 1].x, >=, 600);
  g_assert_true (moat_geometry_hit_test (geometry, 650, 50, 2, NULL, &hit));
  g_assert_true (hit.element == b);
  g_assert_false (moat_geometry_hit_test (geometry, 350, 90, 2, NULL, &hit));

  /* Undo puts it back, and the index with it. */
  g_assert_true (moat_model_undo (model));
  g_assert_true (moat_geometry_hit_test (geometry, 350, 50, 2, NULL, &hit));
  g_assert_true (hit.element == b);

  /* An element moved to another diagram leaves this one. */
  g_object_set (a, "diagram-id", "other", NULL);
  g_assert_cmpuint (moat_geometry_get_n_elements (geometry), ==, 2);
  g_assert_false (moat_geometry_hit_test (geometry, 50, 25, 2, NULL, &hit));
  g_object_set (a, "diagram-id", "d", NULL);
  g_assert_true (moat_geometry_hit_test (geometry, 50, 25, 2, NULL, &hit));

  /* Removing a node takes its flows along. */
  moat_model_remove (model, a);
  g_assert_cmpuint (moat_geometry_get_n_elements (geometry), ==, 1);
  g_assert_true (moat_geometry_get_bounds (geometry, &bounds));
  g_assert_cmpfloat (bounds.x, <=, 300);
  g_assert_cmpfloat (bounds.x + bounds.width, >=, 400);
  g_assert_cmpfloat (bounds.x, >, 250);

  /* A flow added before its ends appears when they do. */
  moat_model_begin_action (model, "Paste");
  flow = add_flow (model, "g", "c", "b");
  g_assert_null (moat_geometry_get_path (geometry, flow));
  add_shape (model, "c", MOAT_ELEMENT_ACTOR, 0, 300, 100, 50);
  moat_model_end_action (model);
  g_assert_nonnull (moat_geometry_get_path (geometry, flow));
}

/* A point a fraction @t along a segment, @off to its side. */
static MoatPoint
point_along (const MoatPoint *a,
             const MoatPoint *b,
             double           t,
             double           off)
{
  double dx = b->x - a->x, dy = b->y - a->y, len = hypot (dx, dy);

  return (MoatPoint) { a->x + t * dx - dy / len * off, a->y + t * dy + dx / len * off };
}

static void
test_hit_test (void)
{
  g_autoptr(MoatModel) model = boundary_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  MoatElement *flow, *in, *boundary;
  const MoatFlowPath *path;
  MoatRect label, rect;
  MoatPoint p;
  MoatHit hit;

  flow = add_flow (model, "f", "out", "in");
  set_bends (flow, (MoatPoint[]) { { 60, 300 } }, 1);
  geometry = moat_geometry_new (model, "d");
  in = moat_model_lookup (model, "in");
  boundary = moat_model_lookup (model, "outer");

  /* Inside a node. */
  g_assert_true (moat_geometry_hit_test (geometry, 400, 200, 3, NULL, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_ELEMENT);
  g_assert_true (hit.element == in);

  /* On the flow's line, and just off it within the tolerance, away from
   * its label in the middle. */
  path = moat_geometry_get_path (geometry, flow);
  g_assert_nonnull (path);
  p = point_along (&path->points[1], &path->points[2], 0.85, 3);
  g_assert_true (moat_geometry_hit_test (geometry, p.x, p.y, 4, NULL, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_FLOW);
  g_assert_true (hit.element == flow);
  g_assert_cmpint (hit.index, ==, 1);
  p = point_along (&path->points[1], &path->points[2], 0.85, 12);
  g_assert_false (moat_geometry_hit_test (geometry, p.x, p.y, 4, NULL, &hit));

  /* The label. */
  g_assert_true (moat_geometry_get_label_rect (geometry, flow, &label));
  g_assert_true (moat_geometry_hit_test (geometry, label.x + 2, label.y + label.height / 2, 1,
                                         NULL, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_LABEL);
  g_assert_true (hit.element == flow);

  /* A boundary is hit on its edge, not inside, so a rubber band can
   * start there. */
  g_assert_true (moat_geometry_hit_test (geometry, 798, 300, 4, NULL, &hit));
  g_assert_true (hit.element == boundary);
  g_assert_false (moat_geometry_hit_test (geometry, 760, 380, 4, NULL, &hit));
  g_assert_false (moat_geometry_hit_test (geometry, 580, 30, 4, NULL, &hit));

  /* Handles, bends and ends only on the selected element. */
  moat_geometry_element_rect (in, &rect);
  g_assert_true (moat_geometry_hit_test (geometry, rect.x + rect.width, rect.y + rect.height, 5,
                                         in, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_HANDLE);
  g_assert_cmpint (hit.index, ==, MOAT_HANDLE_SOUTH_EAST);
  g_assert_true (moat_geometry_hit_test (geometry, rect.x + rect.width, rect.y + rect.height, 5,
                                         NULL, &hit) == FALSE || hit.kind != MOAT_HIT_HANDLE);

  g_assert_true (moat_geometry_hit_test (geometry, 61, 299, 5, flow, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_BEND);
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_true (moat_geometry_hit_test (geometry, path->points[0].x, path->points[0].y, 5,
                                         flow, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_SOURCE);
  p = path->points[path->n_points - 1];
  g_assert_true (moat_geometry_hit_test (geometry, p.x, p.y, 5, flow, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_TARGET);
  p = (MoatPoint) { (path->points[0].x + path->points[1].x) / 2,
                    (path->points[0].y + path->points[1].y) / 2 };
  g_assert_true (moat_geometry_hit_test (geometry, p.x, p.y, 5, flow, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_NEW_BEND);
  g_assert_cmpint (hit.index, ==, 0);

  /* Empty space, with or without a selection. */
  g_assert_false (moat_geometry_hit_test (geometry, 5000, 5000, 5, NULL, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_NONE);
  g_assert_null (hit.element);
  g_assert_false (moat_geometry_hit_test (geometry, 5000, 5000, 5, in, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_NONE);
  g_assert_false (moat_geometry_hit_test (geometry, 5000, 5000, 5, flow, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_NONE);

  g_assert_true (moat_geometry_node_at (geometry, 400, 200, NULL) == in);
  g_assert_null (moat_geometry_node_at (geometry, 400, 200, in));
}

/* The grid must give the same answers as looking at everything. */
static void
test_index_matches_brute_force (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  moat_model_begin_action (model, "Generate");
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      MoatElementKind kinds[] = { MOAT_ELEMENT_ACTOR, MOAT_ELEMENT_PROCESS, MOAT_ELEMENT_STORE,
                                  MOAT_ELEMENT_NOTE, MOAT_ELEMENT_BOUNDARY };
      MoatElementKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
      double size = kind == MOAT_ELEMENT_BOUNDARY ? 2000 : 150;

      g_ptr_array_add (nodes, add_shape (model, id, kind,
                                         g_rand_double_range (rand, -3000, 3000),
                                         g_rand_double_range (rand, -3000, 3000),
                                         g_rand_double_range (rand, 20, size),
                                         g_rand_double_range (rand, 20, size)));
    }
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);
      g_autofree char *s = g_strdup_printf ("n%u", g_rand_int_range (rand, 0, 400));
      g_autofree char *t = g_strdup_printf ("n%u", g_rand_int_range (rand, 0, 400));

      add_flow (model, id, s, t);
    }
  moat_model_end_action (model);
  geometry = moat_geometry_new (model, "d");

  /* Move some after the index is built, so updates are checked too. */
  for (guint i = 0; i < 50; i++)
    g_object_set (g_ptr_array_index (nodes, i * 7), "x", g_rand_double_range (rand, -3000, 3000),
                  NULL);

  for (guint q = 0; q < 200; q++)
    {
      MoatRect probe = { g_rand_double_range (rand, -3500, 3500),
                         g_rand_double_range (rand, -3500, 3500),
                         g_rand_double_range (rand, 0, 1500),
                         g_rand_double_range (rand, 0, 1500) };
      g_autoptr(GPtrArray) found = moat_geometry_query (geometry, &probe);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      GListModel *all = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
      guint expected = 0;

      for (guint i = 0; i < found->len; i++)
        g_assert_true (g_hash_table_add (seen, g_ptr_array_index (found, i)));

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(MoatElement) element = g_list_model_get_item (all, i);
          MoatRect bounds;

          if (moat_geometry_get_element_bounds (geometry, element, &bounds) &&
              moat_rect_intersects (&bounds, &probe))
            {
              g_assert_true (g_hash_table_contains (seen, element));
              expected++;
            }
        }
      g_assert_cmpuint (found->len, ==, expected);
    }
}

static void
test_query_order_and_inside (void)
{
  g_autoptr(MoatModel) model = boundary_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  g_autoptr(GPtrArray) all = NULL, inside = NULL;
  MoatRect everything = { -100, -100, 2000, 1000 };
  MoatRect band = { 240, 40, 400, 400 };

  add_flow (model, "f", "in", "mid");
  add_shape (model, "note", MOAT_ELEMENT_NOTE, 0, 500, 100, 50);
  geometry = moat_geometry_new (model, "d");

  /* Paint order: boundaries outer first, flows, nodes, notes. */
  all = moat_geometry_query (geometry, &everything);
  assert_ids (all, "outer side inner f out in in2 mid s note");

  inside = moat_geometry_query_inside (geometry, &band);
  assert_ids (inside, "inner f in in2");
}

static MoatRect
label_of (MoatGeometry *geometry,
          MoatElement  *flow)
{
  MoatRect rect;

  g_assert_true (moat_geometry_get_label_rect (geometry, flow, &rect));
  return rect;
}

static MoatRect
rect_of (MoatElement *element)
{
  MoatRect rect;

  moat_geometry_element_rect (element, &rect);
  return rect;
}

/* A label sits beside its line, never on it, on a shape, or on another
 * flow's label; one the user moved stays where it was put. */
static void
test_labels_keep_clear (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = NULL;
  MoatElement *a = add_shape (model, "a", MOAT_ELEMENT_PROCESS, 0, 0, 100, 100);
  MoatElement *b = add_shape (model, "b", MOAT_ELEMENT_STORE, 600, 0, 150, 100);
  /* In the way of the a → c flow's middle. */
  MoatElement *mid = add_shape (model, "mid", MOAT_ELEMENT_PROCESS, 325, 250, 100, 100);
  MoatElement *c = add_shape (model, "c", MOAT_ELEMENT_STORE, 0, 500, 150, 100);
  MoatElement *ab = add_flow (model, "a to b", "a", "b");
  MoatElement *ba = add_flow (model, "b to a", "b", "a");
  MoatElement *across = add_flow (model, "b to c, through the middle", "b", "c");
  const MoatFlowPath *path;
  MoatRect label, other;

  geometry = moat_geometry_new (model, "d");

  /* A horizontal line: its label above, clear of the line. */
  path = moat_geometry_get_path (geometry, ab);
  label = label_of (geometry, ab);
  other = label_of (geometry, ba);
  g_assert_false (moat_rect_intersects (&label, &other));
  g_assert_cmpfloat (moat_flow_path_distance (path, label.x + label.width / 2, label.y + label.height / 2, NULL),
                     >=, label.height / 2);
  g_assert_false (moat_rect_contains_point (&label, path->middle.x, path->middle.y));

  /* A line across a shape: its label finds room beside it, off the shape. */
  label = label_of (geometry, across);
  other = rect_of (mid);
  g_assert_false (moat_rect_intersects (&label, &other));
  for (guint i = 0; i < 2; i++)
    {
      MoatRect end = rect_of (i == 0 ? b : c);

      g_assert_false (moat_rect_intersects (&label, &end));
    }

  /* Moved by the user, it is where the user put it. */
  g_object_set (ab, "label-x", 0.0, "label-y", 80.0, NULL);
  path = moat_geometry_get_path (geometry, ab);
  label = label_of (geometry, ab);
  g_assert_cmpfloat_with_epsilon (label.y + label.height / 2, path->middle.y + 80, 0.001);
  (void) a;
}

static MoatElement *
topmost_at (MoatGeometry *geometry,
            double        x,
            double        y)
{
  MoatHit hit;

  g_assert_true (moat_geometry_hit_test (geometry, x, y, 2, NULL, &hit));
  return hit.element;
}

static void
assert_painted (MoatGeometry *geometry,
                const char   *expected)
{
  MoatRect everything = { -1000, -1000, 4000, 4000 };
  g_autoptr(GPtrArray) all = moat_geometry_query (geometry, &everything);

  assert_ids (all, expected);
}

static GPtrArray *
elements_of (MoatElement *first,
             ...)
{
  GPtrArray *elements = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (MoatElement *e = first; e != NULL; e = va_arg (args, MoatElement *))
    g_ptr_array_add (elements, e);
  va_end (args);
  return elements;
}

/* Bring to Front and Send to Back stack an element over or under the
 * others of its layer, never out of it: a process brought to the front
 * is still under a note, a flow still under the processes. A click
 * picks what is drawn on top; undo puts the order back. */
static void
test_restack (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = moat_geometry_new (model, "d");
  MoatElement *a = add_shape (model, "a", MOAT_ELEMENT_PROCESS, 0, 0, 100, 60);
  MoatElement *b = add_shape (model, "b", MOAT_ELEMENT_STORE, 50, 0, 100, 60);
  MoatElement *f = NULL;
  g_autoptr(GPtrArray) just_a = elements_of (a, NULL);
  g_autoptr(GPtrArray) just_b = elements_of (b, NULL);
  g_autoptr(GPtrArray) just_f = NULL;

  add_shape (model, "n", MOAT_ELEMENT_NOTE, 120, 10, 60, 40);
  f = add_flow (model, "f", "a", "b");
  add_flow (model, "g", "b", "a");
  just_f = elements_of (f, NULL);

  /* Equal z-orders: the order of the model, the later on top. */
  assert_painted (geometry, "f g a b n");
  g_assert_true (topmost_at (geometry, 75, 30) == b);
  g_assert_true (moat_arrange_can_restack (model, just_a, TRUE));
  /* As in a file from before z-orders: b, later in the model, is on top
   * already, a at the bottom; a menu offering to move them would lie. */
  g_assert_false (moat_arrange_can_restack (model, just_b, TRUE));
  g_assert_false (moat_arrange_can_restack (model, just_a, FALSE));
  g_assert_cmpuint (moat_arrange_restack (model, just_b, TRUE), ==, 0);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (model)), !=, "Bring to front");

  g_assert_cmpuint (moat_arrange_restack (model, just_a, TRUE), ==, 1);
  assert_painted (geometry, "f g b a n");
  g_assert_true (topmost_at (geometry, 75, 30) == a);
  g_assert_false (moat_arrange_can_restack (model, just_a, TRUE));
  g_assert_true (moat_arrange_can_restack (model, just_a, FALSE));
  /* Already there: nothing to do, nothing to undo. */
  g_assert_cmpuint (moat_arrange_restack (model, just_a, TRUE), ==, 0);

  g_assert_cmpuint (moat_arrange_restack (model, just_f, TRUE), ==, 1);
  assert_painted (geometry, "g f b a n");

  g_assert_true (moat_model_undo (model));
  g_assert_true (moat_model_undo (model));
  assert_painted (geometry, "f g a b n");
  g_assert_true (topmost_at (geometry, 75, 30) == b);

  g_assert_cmpuint (moat_arrange_restack (model, just_b, FALSE), ==, 1);
  assert_painted (geometry, "f g b a n");
  g_assert_true (topmost_at (geometry, 75, 30) == a);
  g_assert_false (moat_arrange_can_restack (model, just_b, FALSE));
}

/* Several brought to the front keep their order among themselves; a
 * boundary brought to the front is drawn over the larger one it would
 * otherwise be under; values at the limit make room for more. */
static void
test_restack_several (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatGeometry) geometry = moat_geometry_new (model, "d");
  MoatElement *a = add_shape (model, "a", MOAT_ELEMENT_PROCESS, 0, 0, 100, 60);
  MoatElement *b = add_shape (model, "b", MOAT_ELEMENT_PROCESS, 20, 0, 100, 60);
  MoatElement *c = add_shape (model, "c", MOAT_ELEMENT_PROCESS, 40, 0, 100, 60);
  MoatElement *inner = add_shape (model, "inner", MOAT_ELEMENT_BOUNDARY, 0, 0, 200, 100);
  MoatElement *outer = add_shape (model, "outer", MOAT_ELEMENT_BOUNDARY, -50, -50, 400, 300);
  g_autoptr(GPtrArray) b_and_a = elements_of (b, a, NULL);
  g_autoptr(GPtrArray) just_c = elements_of (c, NULL);
  g_autoptr(GPtrArray) just_outer = elements_of (outer, NULL);

  assert_painted (geometry, "outer inner a b c");
  g_assert_cmpuint (moat_arrange_restack (model, b_and_a, TRUE), ==, 2);
  assert_painted (geometry, "outer inner c a b");

  g_assert_cmpuint (moat_arrange_restack (model, just_outer, TRUE), ==, 1);
  assert_painted (geometry, "inner outer c a b");

  /* A file may hold any value within the limit. */
  g_object_set (b, "z-order", MOAT_ELEMENT_Z_ORDER_LIMIT, NULL);
  g_assert_cmpint (moat_arrange_next_z_order (model, "d"), ==, MOAT_ELEMENT_Z_ORDER_LIMIT);
  g_assert_cmpuint (moat_arrange_restack (model, just_c, TRUE), ==, 1);
  assert_painted (geometry, "inner outer a b c");
  g_assert_cmpint (moat_element_get_z_order (c), <=, MOAT_ELEMENT_Z_ORDER_LIMIT);
  g_assert_true (moat_model_undo (model));
  assert_painted (geometry, "inner outer c a b");
  g_assert_cmpint (moat_element_get_z_order (b), ==, MOAT_ELEMENT_Z_ORDER_LIMIT);

  /* A new element of another diagram starts at the bottom of nothing. */
  g_assert_cmpint (moat_arrange_next_z_order (model, "other"), ==, 0);
  (void) inner;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geometry/anchor/rect", test_anchor_rect);
  g_test_add_func ("/geometry/anchor/process", test_anchor_process);
  g_test_add_func ("/geometry/flow-path", test_flow_path);
  g_test_add_func ("/geometry/parallel-flows", test_parallel_flows);
  g_test_add_func ("/geometry/labels-keep-clear", test_labels_keep_clear);
  g_test_add_func ("/geometry/align-and-distribute", test_align_and_distribute);
  g_test_add_func ("/geometry/names-read", test_names_read);
  g_test_add_func ("/geometry/distance", test_distance);
  g_test_add_func ("/geometry/resize", test_resize);
  g_test_add_func ("/geometry/boundaries/crossing", test_crossing);
  g_test_add_func ("/geometry/index/follows-model", test_index_follows_model);
  g_test_add_func ("/geometry/index/hit-test", test_hit_test);
  g_test_add_func ("/geometry/index/brute-force", test_index_matches_brute_force);
  g_test_add_func ("/geometry/index/order-and-inside", test_query_order_and_inside);
  g_test_add_func ("/geometry/stacking/restack", test_restack);
  g_test_add_func ("/geometry/stacking/several", test_restack_several);

  return g_test_run ();
}
