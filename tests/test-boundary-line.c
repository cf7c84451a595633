/* test-boundary-line.c: trust boundaries drawn as lines: what they are,
 * which flows cross them, the rules that see it, how they are drawn and
 * hit, and how they survive the file, the native JSON and Threat Dragon
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>

#include "moat-format.h"
#include "moat-test-util.h"

#define N(a) G_N_ELEMENTS (a)

static MoatModel *
new_model (void)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "d", NULL);

  moat_model_add (model, diagram);
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
add_line (MoatModel       *model,
          const char      *id,
          const MoatPoint *points,
          guint            n)
{
  g_autoptr(MoatElement) line = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);

  g_object_set (line, "diagram-id", "d", "kind", MOAT_ELEMENT_BOUNDARY, "name", id, NULL);
  moat_boundary_line_set_points (line, points, n);
  moat_model_add (model, line);
  return line;
}

static MoatElement *
add_flow (MoatModel       *model,
          const char      *id,
          const char      *source,
          const char      *target,
          const MoatPoint *bends,
          guint            n_bends)
{
  g_autoptr(MoatElement) flow = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);

  g_object_set (flow, "diagram-id", "d", "kind", MOAT_ELEMENT_FLOW, "name", id,
                "source-id", source, "target-id", target, NULL);
  if (n_bends > 0)
    g_object_set (flow, "points", moat_boundary_line_points_variant (bends, n_bends), NULL);
  moat_model_add (model, flow);
  return flow;
}

static void
set_line (MoatModel       *model,
          const char      *id,
          const MoatPoint *points,
          guint            n)
{
  moat_boundary_line_set_points (moat_model_lookup (model, id), points, n);
}

static void
assert_ids (GPtrArray  *elements,
            const char *expected)
{
  g_autoptr(GString) joined = g_string_new ("");

  for (guint i = 0; i < elements->len; i++)
    g_string_append_printf (joined, "%s%s", i ? " " : "",
                            moat_object_get_id (g_ptr_array_index (elements, i)));
  g_assert_cmpstr (joined->str, ==, expected);
}

static void
assert_crossed (MoatModel  *model,
                const char *flow,
                const char *expected)
{
  g_autoptr(GPtrArray) crossed = moat_geometry_boundaries_crossed (model, moat_model_lookup (model, flow));

  assert_ids (crossed, expected);
}

/* ---- what a line is ---- */

static void
test_representation (void)
{
  const MoatPoint points[] = { { 300, 50 }, { 100, 250 }, { 200, 400 } };
  g_autoptr(MoatElement) line = moat_boundary_line_new (points, N (points));
  g_autoptr(MoatElement) region = moat_element_new ();
  g_autofree MoatPoint *got = NULL;
  MoatRect rect;
  guint n;

  g_assert_cmpint (moat_element_get_kind (line), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_true (moat_boundary_line_is_line (line));
  got = moat_boundary_line_get_points (line, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (got[1].x, ==, 100);
  g_assert_cmpfloat (got[2].y, ==, 400);

  /* The box around the points, stored and as the geometry sees it. */
  g_assert_cmpfloat (moat_element_get_x (line), ==, 100);
  g_assert_cmpfloat (moat_element_get_y (line), ==, 50);
  g_assert_cmpfloat (moat_element_get_width (line), ==, 200);
  g_assert_cmpfloat (moat_element_get_height (line), ==, 350);
  moat_geometry_element_rect (line, &rect);
  g_assert_cmpfloat (rect.x, ==, 100);
  g_assert_cmpfloat (rect.height, ==, 350);

  /* Moving moves the points and the box. */
  moat_boundary_line_translate (line, 10, -20);
  g_clear_pointer (&got, g_free);
  got = moat_boundary_line_get_points (line, &n);
  g_assert_cmpfloat (got[0].x, ==, 310);
  g_assert_cmpfloat (got[0].y, ==, 30);
  g_assert_cmpfloat (moat_element_get_x (line), ==, 110);
  g_assert_cmpfloat (moat_element_get_y (line), ==, 30);

  /* A box with a stale size still is where its points are. */
  g_object_set (line, "x", 0.0, "width", 5.0, NULL);
  moat_geometry_element_rect (line, &rect);
  g_assert_cmpfloat (rect.x, ==, 110);
  g_assert_cmpfloat (rect.width, ==, 200);

  /* A boundary with fewer than two points is a region; so is a flow. */
  g_object_set (region, "kind", MOAT_ELEMENT_BOUNDARY, NULL);
  g_assert_false (moat_boundary_line_is_line (region));
  g_object_set (region, "points", g_variant_new_parsed ("[(1.0, 2.0)]"), NULL);
  g_assert_false (moat_boundary_line_is_line (region));
  g_object_set (region, "kind", MOAT_ELEMENT_FLOW, "points",
                moat_boundary_line_points_variant (points, 3), NULL);
  g_assert_false (moat_boundary_line_is_line (region));
}

/* ---- crossings ---- */

static void
test_polyline_crossings (void)
{
  const MoatPoint straight[] = { { 10, 0 }, { 10, 10 }, { 10, 20 } };
  const MoatPoint vee[] = { { 0, 0 }, { 10, 10 }, { 0, 20 } };
  const MoatPoint across[] = { { 0, 10 }, { 20, 10 } };
  const MoatPoint grazing[] = { { 10, -5 }, { 10, 25 } };
  const MoatPoint short_of[] = { { 0, 10 }, { 9, 10 } };
  const MoatPoint there_and_back[] = { { 0, 5 }, { 20, 5 }, { 20, 15 }, { 0, 15 } };
  const MoatPoint beyond[] = { { 0, 30 }, { 20, 30 } };

  /* Through a point of the line: once, not once per segment. */
  g_assert_cmpuint (moat_polyline_count_crossings (straight, 3, across, 2), ==, 1);
  /* Out of a V through its tip: once; along past the tip, touching it
   * without passing from one side to the other: an even count. */
  g_assert_cmpuint (moat_polyline_count_crossings (vee, 3, across, 2), ==, 1);
  g_assert_cmpuint (moat_polyline_count_crossings (vee, 3, grazing, 2) % 2, ==, 0);
  g_assert_cmpuint (moat_polyline_count_crossings (straight, 3, short_of, 2), ==, 0);
  g_assert_cmpuint (moat_polyline_count_crossings (straight, 3, there_and_back, 4), ==, 2);
  /* Past the end of the line is not across it. */
  g_assert_cmpuint (moat_polyline_count_crossings (straight, 3, beyond, 2), ==, 0);
}

/* A vertical line at x = 250 from y = 0 to 300, and nodes on both sides. */
static MoatModel *
crossing_model (void)
{
  MoatModel *model = new_model ();
  const MoatPoint wall[] = { { 250, 0 }, { 250, 300 } };

  add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 100, 100, 60);      /* centre 50, 130 */
  add_shape (model, "b", MOAT_ELEMENT_PROCESS, 400, 100, 100, 100); /* centre 450, 150 */
  add_shape (model, "c", MOAT_ELEMENT_STORE, 0, 400, 120, 60);      /* centre 60, 430 */
  add_shape (model, "far", MOAT_ELEMENT_STORE, 390, 570, 120, 60);  /* centre 450, 600 */
  add_line (model, "wall", wall, N (wall));
  return model;
}

static void
test_crossing (void)
{
  g_autoptr(MoatModel) model = crossing_model ();
  const MoatPoint twice[] = { { 300, 130 }, { 300, 250 }, { 60, 250 } };
  const MoatPoint around[] = { { 250, 360 } };
  MoatElement *wall = moat_model_lookup (model, "wall");

  add_flow (model, "once", "a", "b", NULL, 0);
  add_flow (model, "same-side", "a", "c", NULL, 0);
  add_flow (model, "twice", "a", "c", twice, N (twice));
  add_flow (model, "past-the-end", "a", "far", NULL, 0);
  add_flow (model, "around", "a", "b", around, N (around));
  add_flow (model, "loop", "a", "a", NULL, 0);

  assert_crossed (model, "once", "wall");
  assert_crossed (model, "same-side", "");
  /* Over the line and back: it ends on the side it started. */
  assert_crossed (model, "twice", "");
  /* The straight line to "far" passes below the end of the wall. */
  assert_crossed (model, "past-the-end", "");
  /* A bend below the end takes a flow round it. */
  assert_crossed (model, "around", "");
  assert_crossed (model, "loop", "");

  {
    g_autoptr(GPtrArray) flows = moat_geometry_flows_crossing (model, wall);
    g_autoptr(GPtrArray) containing = moat_geometry_boundaries_containing (model, moat_model_lookup (model, "a"));

    assert_ids (flows, "once");
    /* Nothing is inside a line. */
    assert_ids (containing, "");
    g_assert_false (moat_geometry_element_inside (moat_model_lookup (model, "b"), wall));
  }

  /* A region around the target and the line: regions come first. */
  add_shape (model, "zone", MOAT_ELEMENT_BOUNDARY, 350, 50, 300, 300);
  assert_crossed (model, "once", "zone wall");

  /* Lengthening the wall brings the far store across it; moving the wall
   * past the process takes the process back to a's side. */
  {
    const MoatPoint longer[] = { { 250, 0 }, { 250, 700 } };

    set_line (model, "wall", longer, N (longer));
    assert_crossed (model, "past-the-end", "wall");
    moat_boundary_line_translate (wall, 300, 0);
    assert_crossed (model, "once", "zone");
    g_assert_false (moat_geometry_flow_crosses (model, moat_model_lookup (model, "once"), wall));
  }
}

/* An element is on the side of the line where its middle is: a node
 * drawn across the line belongs where most of it is. */
static void
test_crossing_by_middles (void)
{
  g_autoptr(MoatModel) model = crossing_model ();

  /* Mostly left of the wall, its outline reaching over it. */
  add_shape (model, "straddle", MOAT_ELEMENT_PROCESS, 180, 100, 100, 100); /* centre 230 */
  add_flow (model, "to-straddle", "a", "straddle", NULL, 0);
  add_flow (model, "from-straddle", "straddle", "b", NULL, 0);

  assert_crossed (model, "to-straddle", "");
  assert_crossed (model, "from-straddle", "wall");
}

/* ---- rules ---- */

static gboolean
suggests (MoatRuleEngine *engine,
          const char     *element_id,
          const char     *rule_id)
{
  g_autoptr(GPtrArray) suggestions = moat_rule_engine_list_suggestions (engine, element_id);

  for (guint i = 0; i < suggestions->len; i++)
    if (g_strcmp0 (moat_suggestion_get_rule_id (g_ptr_array_index (suggestions, i)), rule_id) == 0)
      return TRUE;
  return FALSE;
}

/* The built-in rule for plaintext across a trust boundary sees lines as
 * it sees regions, and follows the line as it is bent, moved and undone. */
static void
test_rules (void)
{
  g_autoptr(MoatModel) model = new_model ();
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_builtin ();
  g_autoptr(MoatRuleEngine) engine = NULL;
  /* The flow runs right to x = 255, down and back left. */
  const MoatPoint bends[] = { { 255, 130 }, { 255, 430 } };
  /* Two lines with the same box, 250..260 × 0..300: this one is crossed
   * twice (by the flow's first leg and by its descent), */
  const MoatPoint twice[] = { { 250, 0 }, { 250, 300 }, { 260, 300 } };
  /* this one once (by the descent only). */
  const MoatPoint once[] = { { 260, 0 }, { 260, 300 }, { 250, 300 } };
  const char *rule = "flow.unencrypted-crossing";

  add_shape (model, "a", MOAT_ELEMENT_ACTOR, 0, 100, 100, 60);
  add_shape (model, "c", MOAT_ELEMENT_STORE, 0, 400, 120, 60);
  add_flow (model, "f", "a", "c", bends, N (bends));
  add_line (model, "wall", twice, N (twice));
  engine = moat_rule_engine_new (model, rules);

  g_assert_false (suggests (engine, "f", rule));

  /* Bent within the same box: now the flow ends across it. */
  moat_model_begin_action (model, "Move point");
  set_line (model, "wall", once, N (once));
  moat_model_end_action (model);
  assert_crossed (model, "f", "wall");
  g_assert_true (suggests (engine, "f", rule));

  /* Encrypting the flow answers the rule. */
  g_object_set (moat_model_lookup (model, "f"), "encrypted-in-transit", TRUE, NULL);
  g_assert_false (suggests (engine, "f", rule));
  g_object_set (moat_model_lookup (model, "f"), "encrypted-in-transit", FALSE, NULL);
  g_assert_true (suggests (engine, "f", rule));

  /* Undo puts the line back where the flow crossed it twice. */
  g_assert_true (moat_model_undo (model));
  g_assert_true (moat_model_undo (model));
  g_assert_true (moat_model_undo (model));
  g_assert_false (suggests (engine, "f", rule));

  /* Moving the actor past the line's upright changes its flow's
   * crossings: its first leg no longer reaches the line. */
  g_object_set (moat_model_lookup (model, "a"), "x", 300.0, NULL);
  g_assert_true (suggests (engine, "f", rule));

  /* Deleting the line takes the crossing with it. */
  moat_model_remove (model, moat_model_lookup (model, "wall"));
  g_assert_false (suggests (engine, "f", rule));
}

/* ---- geometry and drawing ---- */

#define WIDTH  400
#define HEIGHT 300

static MoatModel *
drawing_model (void)
{
  MoatModel *model = new_model ();
  const MoatPoint diagonal[] = { { 20, 280 }, { 200, 100 }, { 380, 100 } };

  add_line (model, "edge", diagonal, N (diagonal));
  g_object_set (moat_model_lookup (model, "edge"), "name", "Internet edge", NULL);
  return model;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       MoatColor       *color)
{
  guchar *data = cairo_image_surface_get_data (surface);
  guint32 p = *(guint32 *)(data + y * cairo_image_surface_get_stride (surface) + x * 4);

  *color = (MoatColor) { ((p >> 16) & 0xff) / 255.0, ((p >> 8) & 0xff) / 255.0, (p & 0xff) / 255.0, 1 };
}

static double
distance (const MoatColor *a,
          const MoatColor *b)
{
  return MAX (fabs (a->red - b->red), MAX (fabs (a->green - b->green), fabs (a->blue - b->blue)));
}

/* How many pixels of a box are not the background. */
static guint
count_ink (cairo_surface_t *surface,
           const MoatRect  *box,
           const MoatColor *background)
{
  guint n = 0;

  for (int y = MAX ((int)box->y, 0); y < MIN ((int)(box->y + box->height), HEIGHT); y++)
    for (int x = MAX ((int)box->x, 0); x < MIN ((int)(box->x + box->width), WIDTH); x++)
      {
        MoatColor got;

        pixel (surface, x, y, &got);
        n += distance (&got, background) > 0.1;
      }
  return n;
}

static guint
count_colour (cairo_surface_t *surface,
              const MoatRect  *box,
              const MoatColor *colour)
{
  guint n = 0;

  for (int y = (int)box->y; y < (int)(box->y + box->height); y++)
    for (int x = (int)box->x; x < (int)(box->x + box->width); x++)
      {
        MoatColor got;

        pixel (surface, x, y, &got);
        n += distance (&got, colour) < 0.15;
      }
  return n;
}

static cairo_surface_t *
draw (MoatRenderer *renderer)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MoatView view = { 1.0, 0, 0, WIDTH, HEIGHT };

  moat_renderer_set_draw_background (renderer, TRUE);
  moat_renderer_draw (renderer, cr, &view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Drawn as a dashed line in the boundary colour, with no region: the
 * box around the line stays background away from it. */
static void
test_drawing (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  MoatGeometry *geometry = moat_renderer_get_geometry (renderer);
  MoatElement *edge = moat_model_lookup (model, "edge");
  const MoatPalette *palette = moat_palette_get (MOAT_PALETTE_LIGHT);
  const MoatPoint diagonal[] = { { 20, 280 }, { 200, 100 }, { 380, 100 } };
  cairo_surface_t *surface;
  MoatRect label, bounds;
  guint on_line = 0, stroke = 0, gaps = 0;

  moat_renderer_set_palette (renderer, palette);
  surface = draw (renderer);

  /* Along the level part of the line: stroke and gaps between dashes. */
  for (int x = 210; x < 370; x++)
    {
      MoatColor got;

      pixel (surface, x, 100, &got);
      on_line++;
      if (distance (&got, &palette->boundary_stroke) < 0.15)
        stroke++;
      else if (distance (&got, &palette->background) < 0.1)
        gaps++;
    }
  g_assert_cmpuint (stroke, >, on_line / 3);
  g_assert_cmpuint (gaps, >, on_line / 6);

  /* Below the level part, inside the line's box: no tinted region. */
  g_assert_cmpuint (count_ink (surface, &(MoatRect) { 260, 180, 100, 80 }, &palette->background), ==, 0);

  /* The name, beside the middle of the line and clear of it. */
  g_assert_true (moat_geometry_get_label_rect (geometry, edge, &label));
  g_assert_cmpfloat (moat_polyline_distance (diagonal, 3, label.x + label.width / 2,
                                             label.y + label.height / 2, NULL), >, label.height / 2);
  g_assert_cmpuint (count_colour (surface, &label, &palette->boundary_text), >, 10);
  g_assert_true (moat_geometry_get_element_bounds (geometry, edge, &bounds));
  g_assert_true (moat_rect_contains_rect (&bounds, &label));

  cairo_surface_destroy (surface);
}

/* Selected alone, the line shows a handle on each point. */
static void
test_selection_handles (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  const MoatPalette *palette = moat_palette_get (MOAT_PALETTE_LIGHT);
  cairo_surface_t *plain, *selected;
  MoatColor a, b;

  moat_renderer_set_palette (renderer, palette);
  plain = draw (renderer);
  g_hash_table_add (selection, moat_model_lookup (model, "edge"));
  moat_renderer_set_selection (renderer, selection);
  selected = draw (renderer);

  /* The bend at (200, 100) gets a handle; a point of the box far from the
   * line stays as it was. */
  pixel (plain, 200, 100, &a);
  pixel (selected, 200, 100, &b);
  g_assert_cmpfloat (distance (&a, &b), >, 0.1);
  g_assert_cmpfloat (distance (&b, &palette->handle_fill), <, 0.1);
  pixel (plain, 300, 250, &a);
  pixel (selected, 300, 250, &b);
  g_assert_cmpfloat (distance (&a, &b), <, 0.01);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
}

static void
test_hit_test (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(MoatGeometry) geometry = moat_geometry_new (model, "d");
  MoatElement *edge = moat_model_lookup (model, "edge");
  MoatRect label;
  MoatHit hit;

  /* On the line, and just off it. */
  g_assert_true (moat_geometry_hit_test (geometry, 290, 102, 4, NULL, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_ELEMENT);
  g_assert_true (hit.element == edge);
  g_assert_true (moat_geometry_hit_test (geometry, 110, 190, 4, NULL, &hit));
  g_assert_true (hit.element == edge);
  /* Inside its box, away from the line: nothing, for a rubber band. */
  g_assert_false (moat_geometry_hit_test (geometry, 300, 220, 4, NULL, &hit));

  /* Its name selects it. */
  g_assert_true (moat_geometry_get_label_rect (geometry, edge, &label));
  g_assert_true (moat_geometry_hit_test (geometry, label.x + label.width / 2,
                                         label.y + label.height / 2, 4, NULL, &hit));
  g_assert_true (hit.element == edge);

  /* Selected: every point can be dragged, and new ones drawn out of the
   * middles of the segments. */
  g_assert_true (moat_geometry_hit_test (geometry, 21, 279, 4, edge, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_BEND);
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_true (moat_geometry_hit_test (geometry, 380, 100, 4, edge, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_BEND);
  g_assert_cmpint (hit.index, ==, 2);
  g_assert_true (moat_geometry_hit_test (geometry, 290, 100, 4, edge, &hit));
  g_assert_cmpint (hit.kind, ==, MOAT_HIT_NEW_BEND);
  g_assert_cmpint (hit.index, ==, 1);
  /* No resize handles at the corners of its box. */
  g_assert_false (moat_geometry_hit_test (geometry, 380, 280, 4, edge, &hit));

  /* The index follows the line as it is bent. */
  {
    const MoatPoint bent[] = { { 20, 280 }, { 200, 100 }, { 380, 100 }, { 380, 600 } };

    moat_boundary_line_set_points (edge, bent, N (bent));
    g_assert_true (moat_geometry_hit_test (geometry, 381, 500, 4, NULL, &hit));
    g_assert_true (hit.element == edge);
  }
}

/* The SVG and PNG exports draw it as on screen. */
static void
test_exports (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *svg = g_build_filename (dir, "d.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "d.png", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;

  g_assert_true (moat_renderer_export_svg (renderer, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "stroke-dasharray"));

  g_assert_true (moat_renderer_export_png (renderer, 1.0, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* Room for the line and its name, and no more than a margin round it. */
  g_assert_cmpint (cairo_image_surface_get_width (image), >=, 360);
  g_assert_cmpint (cairo_image_surface_get_width (image), <, 480);
  cairo_surface_destroy (image);
  moat_test_rm_rf (dir);
}

/* Lining shapes up moves a line by its points. */
static void
test_align (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(GPtrArray) both = g_ptr_array_new ();
  g_autofree MoatPoint *points = NULL;
  MoatElement *edge = moat_model_lookup (model, "edge");
  guint n;

  g_ptr_array_add (both, edge);
  g_ptr_array_add (both, add_shape (model, "p", MOAT_ELEMENT_PROCESS, 500, 400, 100, 100));
  g_assert_cmpuint (moat_arrange_align (model, both, MOAT_ALIGN_RIGHT), ==, 2);
  points = moat_boundary_line_get_points (edge, &n);
  /* Its right end, at 380, now on the process's right edge, at 600. */
  g_assert_cmpfloat (points[2].x, ==, 600);
  g_assert_cmpfloat (points[0].x, ==, 240);
  g_assert_cmpfloat (points[0].y, ==, 280);
  g_assert_cmpfloat (moat_element_get_x (edge), ==, 240);
}

/* ---- files ---- */

static void
assert_same_line (MoatModel *a,
                  MoatModel *b,
                  const char *id)
{
  MoatElement *ea = moat_model_lookup (a, id), *eb = moat_model_lookup (b, id);

  g_assert_nonnull (eb);
  g_assert_true (moat_boundary_line_is_line (eb));
  g_assert_true (g_variant_equal (moat_element_get_points (ea), moat_element_get_points (eb)));
  g_assert_cmpstr (moat_element_get_name (ea), ==, moat_element_get_name (eb));
}

static void
test_json_round_trip (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(MoatModel) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = moat_json_write (model, NULL);

  back = moat_json_read (text, -1, &error);
  g_assert_no_error (error);
  assert_same_line (model, back, "edge");
}

static void
test_store_round_trip (void)
{
  g_autoptr(MoatModel) model = crossing_model ();
  g_autoptr(MoatModel) back = NULL;
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "lines.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatStore *store;

  add_flow (model, "once", "a", "b", NULL, 0);
  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  g_object_unref (store);

  store = moat_store_open_read_only (file, &error);
  g_assert_no_error (error);
  back = g_object_ref (moat_store_get_model (store));
  moat_store_close (store);
  g_object_unref (store);

  assert_same_line (model, back, "wall");
  assert_crossed (back, "once", "wall");
  moat_test_rm_rf (dir);
}

static char *
read_sample (const char *name)
{
  g_autofree char *dir = moat_test_shared_dir ("samples/threat-dragon");
  g_autofree char *path = dir ? g_build_filename (dir, name, NULL) : NULL;
  char *text = NULL;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_skip ("the shared Threat Dragon samples are not here");
      return NULL;
    }
  return text;
}

/* Threat Dragon's boundary curves come in as lines through their ends and
 * bends, with nothing to report, and go back out as curves. */
static void
test_threat_dragon (void)
{
  g_autofree char *text = read_sample ("v2-threat-model.json");
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree MoatPoint *points = NULL;
  MoatElement *line;
  guint n;

  if (text == NULL)
    return;

  model = moat_format_import (text, strlen (text), MOAT_FORMAT_THREAT_DRAGON, &report, &error);
  g_assert_no_error (error);
  line = moat_model_lookup (model, "6767506f-3d7f-4a5f-bbe2-ea03689d30fc");
  g_assert_true (moat_boundary_line_is_line (line));
  points = moat_boundary_line_get_points (line, &n);
  /* source, two vertices, target */
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (points[0].x, ==, 350);
  g_assert_cmpfloat (points[0].y, ==, 10);
  g_assert_cmpfloat (points[1].x, ==, 333);
  g_assert_cmpfloat (points[3].x, ==, 810);
  g_assert_cmpfloat (points[3].y, ==, 150);
  g_assert_cmpfloat (moat_element_get_x (line), ==, 333);
  g_assert_cmpfloat (moat_element_get_height (line), ==, 170);
  g_assert_true (moat_boundary_line_is_line (moat_model_lookup (model, "4a7911c8-2493-46cc-960f-1b248b176d15")));
  g_assert_true (moat_boundary_line_is_line (moat_model_lookup (model, "0adc088b-ebb1-46be-af7b-36112c60c419")));
  /* No longer a conversion to report. */
  for (guint i = 16; i <= 18; i++)
    {
      g_autofree char *at = g_strdup_printf ("detail.diagrams[0].cells[%u]", i);

      g_assert_null (moat_import_report_find (report, at));
    }

  exported = moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *cell = NULL, *detail;
    JsonArray *cells, *diagrams;

    g_assert_true (json_parser_load_from_data (parser, exported, -1, NULL));
    detail = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                        "detail");
    diagrams = json_object_get_array_member (detail, "diagrams");

    cells = json_object_get_array_member (json_array_get_object_element (diagrams, 0), "cells");
    for (guint i = 0; i < json_array_get_length (cells); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (cells, i), "id"),
                     "6767506f-3d7f-4a5f-bbe2-ea03689d30fc") == 0)
        cell = json_array_get_object_element (cells, i);
    g_assert_nonnull (cell);
    g_assert_cmpstr (json_object_get_string_member (cell, "shape"), ==, "trust-boundary-curve");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cell, "source"), "x"), ==, 350);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cell, "target"), "y"), ==, 150);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cell, "vertices")), ==, 2);
  }

  again = moat_format_import (exported, strlen (exported), MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_no_error (error);
  assert_same_line (model, again, "6767506f-3d7f-4a5f-bbe2-ea03689d30fc");
  assert_same_line (model, again, "4a7911c8-2493-46cc-960f-1b248b176d15");
}

/* OTM has trust zones only: a line goes as a zone that holds nothing,
 * and says so; what lies within its box stays where it was. */
static void
test_otm (void)
{
  g_autoptr(MoatModel) model = drawing_model ();
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  const char *edge_id = NULL;
  JsonArray *zones, *components;

  add_shape (model, "inside", MOAT_ELEMENT_PROCESS, 250, 180, 40, 40);
  text = moat_format_export (model, MOAT_FORMAT_OTM, &report, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  zones = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "trustZones");
  components = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "components");
  for (guint i = 0; i < json_array_get_length (zones); i++)
    {
      JsonObject *zone = json_array_get_object_element (zones, i);

      if (g_strcmp0 (json_object_get_string_member (zone, "name"), "Internet edge") == 0)
        edge_id = json_object_get_string_member (zone, "id");
    }
  g_assert_nonnull (edge_id);
  g_assert_cmpuint (json_array_get_length (components), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (components, 0), "parent"), "trustZone"), !=, edge_id);
  g_assert_cmpuint (moat_import_report_get_n_issues (report), >, 0);
  {
    g_autofree char *summary = moat_import_report_format_text (report);

    g_assert_nonnull (strstr (summary, "boundary lines"));
  }
}

/* A line Moat drew goes to Threat Dragon as a curve and comes back. */
static void
test_threat_dragon_from_moat (void)
{
  g_autoptr(MoatModel) model = crossing_model ();
  g_autoptr(MoatModel) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const MoatPoint bent[] = { { 250, 0 }, { 230, 150 }, { 250, 300 } };

  set_line (model, "wall", bent, N (bent));
  add_flow (model, "once", "a", "b", NULL, 0);
  text = moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "tm.Boundary\""));
  back = moat_format_import (text, strlen (text), MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_no_error (error);
  assert_same_line (model, back, "wall");
  assert_crossed (back, "once", "wall");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boundary-line/representation", test_representation);
  g_test_add_func ("/boundary-line/polyline-crossings", test_polyline_crossings);
  g_test_add_func ("/boundary-line/crossing", test_crossing);
  g_test_add_func ("/boundary-line/crossing-by-middles", test_crossing_by_middles);
  g_test_add_func ("/boundary-line/rules", test_rules);
  g_test_add_func ("/boundary-line/drawing", test_drawing);
  g_test_add_func ("/boundary-line/selection-handles", test_selection_handles);
  g_test_add_func ("/boundary-line/hit-test", test_hit_test);
  g_test_add_func ("/boundary-line/exports", test_exports);
  g_test_add_func ("/boundary-line/align", test_align);
  g_test_add_func ("/boundary-line/json-round-trip", test_json_round_trip);
  g_test_add_func ("/boundary-line/store-round-trip", test_store_round_trip);
  g_test_add_func ("/boundary-line/threat-dragon", test_threat_dragon);
  g_test_add_func ("/boundary-line/threat-dragon-from-moat", test_threat_dragon_from_moat);
  g_test_add_func ("/boundary-line/otm", test_otm);

  return g_test_run ();
}
