/* moat-geometry.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "moat-geometry.h"
#include "moat-boundary-line.h"

/* ---------------------------------------------------------------------
 * Rectangles
 * ------------------------------------------------------------------- */

gboolean
moat_rect_is_empty (const MoatRect *rect)
{
  return !(rect->width > 0 && rect->height > 0);
}

gboolean
moat_rect_contains_point (const MoatRect *rect,
                          double          x,
                          double          y)
{
  return x >= rect->x && y >= rect->y &&
         x <= rect->x + rect->width && y <= rect->y + rect->height;
}

gboolean
moat_rect_contains_rect (const MoatRect *outer,
                         const MoatRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

gboolean
moat_rect_intersects (const MoatRect *a,
                      const MoatRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

/* An empty @rect takes @other as it is, so a union can start from zero. */
void
moat_rect_union (MoatRect       *rect,
                 const MoatRect *other)
{
  double x0, y0, x1, y1;

  if (moat_rect_is_empty (other))
    return;
  if (moat_rect_is_empty (rect))
    {
      *rect = *other;
      return;
    }

  x0 = MIN (rect->x, other->x);
  y0 = MIN (rect->y, other->y);
  x1 = MAX (rect->x + rect->width, other->x + other->width);
  y1 = MAX (rect->y + rect->height, other->y + other->height);
  *rect = (MoatRect) { x0, y0, x1 - x0, y1 - y0 };
}

void
moat_rect_inflate (MoatRect *rect,
                   double    amount)
{
  rect->x -= amount;
  rect->y -= amount;
  rect->width += 2 * amount;
  rect->height += 2 * amount;
}

/* ---------------------------------------------------------------------
 * Single elements
 * ------------------------------------------------------------------- */

/* Nodes are what flows join: actors, processes and stores. */
gboolean
moat_geometry_is_node (MoatElement *element)
{
  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_ACTOR:
    case MOAT_ELEMENT_PROCESS:
    case MOAT_ELEMENT_STORE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Sizes from imported files can be negative; a rectangle never is. */
void
moat_geometry_element_rect (MoatElement *element,
                            MoatRect    *rect)
{
  double x = moat_element_get_x (element), y = moat_element_get_y (element);
  double w = moat_element_get_width (element), h = moat_element_get_height (element);

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      *rect = (MoatRect) { 0, 0, 0, 0 };
      return;
    }
  /* A line is where its points are, whatever its stored box says. */
  if (moat_boundary_line_get_bounds (element, rect))
    return;

  *rect = (MoatRect) { MIN (x, x + w), MIN (y, y + h), fabs (w), fabs (h) };
}

/* A process is a rectangle with fully rounded ends: a circle when it is
 * square, a pill when it is not. The other nodes are plain rectangles. */
static double
corner_radius (MoatElement    *node,
               const MoatRect *rect)
{
  if (moat_element_get_kind (node) == MOAT_ELEMENT_PROCESS)
    return MIN (rect->width, rect->height) / 2;
  return 0;
}

static void
rect_centre (const MoatRect *rect,
             MoatPoint      *point)
{
  point->x = rect->x + rect->width / 2;
  point->y = rect->y + rect->height / 2;
}

/**
 * moat_geometry_anchor:
 * @toward: where the flow goes next
 *
 * Finds where a line from the middle of @node toward @toward leaves the
 * node's outline.
 */
void
moat_geometry_anchor (MoatElement     *node,
                      const MoatPoint *toward,
                      MoatPoint       *anchor)
{
  MoatRect rect;
  MoatPoint c;
  double a, b, r, dx, dy, t, qx, qy;

  moat_geometry_element_rect (node, &rect);
  rect_centre (&rect, &c);
  dx = toward->x - c.x;
  dy = toward->y - c.y;
  a = rect.width / 2;
  b = rect.height / 2;

  if (fabs (dx) < 1e-9 && fabs (dy) < 1e-9)
    {
      *anchor = c;
      return;
    }

  t = MIN (fabs (dx) > 1e-9 ? a / fabs (dx) : G_MAXDOUBLE,
           fabs (dy) > 1e-9 ? b / fabs (dy) : G_MAXDOUBLE);
  qx = dx * t;
  qy = dy * t;

  r = corner_radius (node, &rect);
  if (r > 0 && fabs (qx) > a - r && fabs (qy) > b - r)
    {
      /* The ray leaves through a rounded corner: meet the corner's circle. */
      double kx = copysign (a - r, qx), ky = copysign (b - r, qy);
      double dd = dx * dx + dy * dy, dk = dx * kx + dy * ky;
      double disc = dk * dk - dd * (kx * kx + ky * ky - r * r);

      t = (dk + sqrt (MAX (disc, 0))) / dd;
      qx = dx * t;
      qy = dy * t;
    }

  anchor->x = c.x + qx;
  anchor->y = c.y + qy;
}

/* Signed distance from the outline of a rounded rectangle: negative inside. */
static double
rounded_rect_distance (const MoatRect *rect,
                       double          r,
                       double          x,
                       double          y)
{
  double a = rect->width / 2, b = rect->height / 2;
  double qx = fabs (x - (rect->x + a)) - (a - r);
  double qy = fabs (y - (rect->y + b)) - (b - r);
  double outside = hypot (MAX (qx, 0), MAX (qy, 0));
  double inside = MIN (MAX (qx, qy), 0);

  return outside + inside - r;
}

gboolean
moat_geometry_node_contains (MoatElement *node,
                             double       x,
                             double       y,
                             double       tolerance)
{
  MoatRect rect;

  moat_geometry_element_rect (node, &rect);
  return rounded_rect_distance (&rect, corner_radius (node, &rect), x, y) <= tolerance;
}

void
moat_flow_path_clear (MoatFlowPath *path)
{
  g_clear_pointer (&path->points, g_free);
  path->n_points = 0;
  path->n_synthetic = 0;
}

/**
 * moat_flow_path_distance:
 * @segment: (out) (optional): the nearest segment, 0 for the first
 *
 * Returns: the distance from (@x, @y) to the nearest point of the path
 */
double
moat_flow_path_distance (const MoatFlowPath *path,
                         double              x,
                         double              y,
                         guint              *segment)
{
  if (path->n_points < 2)
    {
      if (segment != NULL)
        *segment = 0;
      return G_MAXDOUBLE;
    }
  return moat_polyline_distance (path->points, path->n_points, x, y, segment);
}

/* The point @fraction of the way along @path, and the unit normal of the
 * segment it is on. */
static void
path_at (const MoatFlowPath *path,
         double              fraction,
         MoatPoint          *point,
         MoatPoint          *normal)
{
  double total = 0, walked = 0;

  for (guint i = 0; i + 1 < path->n_points; i++)
    total += hypot (path->points[i + 1].x - path->points[i].x,
                    path->points[i + 1].y - path->points[i].y);

  *point = path->points[0];
  *normal = (MoatPoint) { 0, -1 };
  for (guint i = 0; i + 1 < path->n_points; i++)
    {
      const MoatPoint *a = &path->points[i], *b = &path->points[i + 1];
      double len = hypot (b->x - a->x, b->y - a->y);

      if (walked + len >= total * fraction && len > 0)
        {
          double t = (total * fraction - walked) / len;

          *point = (MoatPoint) { a->x + t * (b->x - a->x), a->y + t * (b->y - a->y) };
          *normal = (MoatPoint) { -(b->y - a->y) / len, (b->x - a->x) / len };
          return;
        }
      walked += len;
    }
}

static void
path_middle (MoatFlowPath *path)
{
  path_at (path, 0.5, &path->middle, &path->normal);
}

/* The side a label goes: away from the flows a parallel one was moved
 * apart from, else above a line, or right of one that runs up or down. */
static void
orient_normal (MoatFlowPath    *path,
               const MoatPoint *shift)
{
  MoatPoint *n = &path->normal;
  gboolean flip;

  if (shift->x != 0 || shift->y != 0)
    flip = n->x * shift->x + n->y * shift->y < 0;
  else if (fabs (n->y) > 0.2)
    flip = n->y > 0;
  else
    flip = n->x < 0;
  if (flip)
    *n = (MoatPoint) { -n->x, -n->y };
}

#define MIN_ID(a, b) (strcmp ((a), (b)) < 0 ? (a) : (b))
#define MAX_ID(a, b) (strcmp ((a), (b)) < 0 ? (b) : (a))

static MoatElement *
lookup_node (MoatModel  *model,
             const char *id)
{
  MoatElement *element = moat_model_lookup_typed (model, id, MOAT_TYPE_ELEMENT);

  return element != NULL && moat_geometry_is_node (element) ? element : NULL;
}

/* A flow from an element to itself with no bends of its own goes out of
 * the top right corner and back in on the right. */
static void
loop_bends (MoatElement *node,
            MoatPoint    bends[3])
{
  MoatRect r;

  moat_geometry_element_rect (node, &r);
  bends[0] = (MoatPoint) { r.x + r.width * 0.75, r.y - MOAT_GEOMETRY_LOOP_SIZE };
  bends[1] = (MoatPoint) { r.x + r.width + MOAT_GEOMETRY_LOOP_SIZE, r.y - MOAT_GEOMETRY_LOOP_SIZE };
  bends[2] = (MoatPoint) { r.x + r.width + MOAT_GEOMETRY_LOOP_SIZE, r.y + r.height * 0.25 };
}

static gboolean flow_path_shifted (MoatModel       *model,
                                   MoatElement     *flow,
                                   const MoatPoint *shift,
                                   MoatFlowPath    *path);

/**
 * moat_geometry_flow_path:
 * @path: (out caller-allocates): clear it with moat_flow_path_clear()
 *
 * Returns: %FALSE if the flow does not join two nodes of the model; @path
 *   is then empty
 */
gboolean
moat_geometry_flow_path (MoatModel    *model,
                         MoatElement  *flow,
                         MoatFlowPath *path)
{
  return flow_path_shifted (model, flow, &(MoatPoint) { 0, 0 }, path);
}

/* A straight flow moved sideways by @shift, so that flows between the
 * same two nodes lie side by side rather than on one line. */
static gboolean
flow_path_shifted (MoatModel       *model,
                   MoatElement     *flow,
                   const MoatPoint *shift,
                   MoatFlowPath    *path)
{
  MoatElement *source = lookup_node (model, moat_element_get_source_id (flow));
  MoatElement *target = lookup_node (model, moat_element_get_target_id (flow));
  GVariant *points = moat_element_get_points (flow);
  guint n_bends = points != NULL ? g_variant_n_children (points) : 0;
  MoatPoint loop[3], first_toward, last_toward;
  MoatRect rect;
  guint n;

  memset (path, 0, sizeof *path);
  if (source == NULL || target == NULL)
    return FALSE;

  if (source == target && n_bends == 0)
    {
      loop_bends (source, loop);
      path->n_synthetic = 3;
    }

  n = n_bends + path->n_synthetic + 2;
  path->n_points = n;
  path->points = g_new (MoatPoint, n);
  for (guint i = 0; i < n_bends; i++)
    g_variant_get_child (points, i, "(dd)", &path->points[i + 1].x, &path->points[i + 1].y);
  for (guint i = 0; i < path->n_synthetic; i++)
    path->points[i + 1] = loop[i];

  if (n > 2)
    {
      first_toward = path->points[1];
      last_toward = path->points[n - 2];
    }
  else
    {
      moat_geometry_element_rect (target, &rect);
      rect_centre (&rect, &first_toward);
      moat_geometry_element_rect (source, &rect);
      rect_centre (&rect, &last_toward);
    }
  moat_geometry_anchor (source, &first_toward, &path->points[0]);
  moat_geometry_anchor (target, &last_toward, &path->points[n - 1]);
  if (n == 2)
    for (guint i = 0; i < 2; i++)
      {
        path->points[i].x += shift->x;
        path->points[i].y += shift->y;
      }

  path_middle (path);
  orient_normal (path, shift);
  path->label.x = path->middle.x + moat_element_get_label_x (flow);
  path->label.y = path->middle.y + moat_element_get_label_y (flow);
  return TRUE;
}

void
moat_geometry_handle_position (const MoatRect *rect,
                               MoatHandle      handle,
                               MoatPoint      *point)
{
  static const double fx[] = { 0, 0.5, 1, 1, 1, 0.5, 0, 0 };
  static const double fy[] = { 0, 0, 0, 0.5, 1, 1, 1, 0.5 };

  g_return_if_fail (handle >= 0 && handle < MOAT_N_HANDLES);

  point->x = rect->x + fx[handle] * rect->width;
  point->y = rect->y + fy[handle] * rect->height;
}

/**
 * moat_geometry_hit_handle:
 * @tolerance: half the size of a handle, plus slack, in diagram units
 *
 * Returns: the handle of @rect at (@x, @y), corners before edges
 */
MoatHandle
moat_geometry_hit_handle (const MoatRect *rect,
                          double          x,
                          double          y,
                          double          tolerance)
{
  static const MoatHandle order[] = {
    MOAT_HANDLE_NORTH_WEST, MOAT_HANDLE_NORTH_EAST, MOAT_HANDLE_SOUTH_EAST,
    MOAT_HANDLE_SOUTH_WEST, MOAT_HANDLE_NORTH, MOAT_HANDLE_EAST,
    MOAT_HANDLE_SOUTH, MOAT_HANDLE_WEST,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      MoatPoint p;

      moat_geometry_handle_position (rect, order[i], &p);
      if (fabs (p.x - x) <= tolerance && fabs (p.y - y) <= tolerance)
        return order[i];
    }
  return MOAT_HANDLE_NONE;
}

/**
 * moat_geometry_resize:
 * @dx: how far the handle moved
 * @min_size: the smallest width and height the result may have
 *
 * Moves the edges @handle holds by (@dx, @dy); the opposite edges stay.
 */
void
moat_geometry_resize (const MoatRect *rect,
                      MoatHandle      handle,
                      double          dx,
                      double          dy,
                      double          min_size,
                      MoatRect       *result)
{
  double x0 = rect->x, y0 = rect->y;
  double x1 = rect->x + rect->width, y1 = rect->y + rect->height;
  gboolean west = handle == MOAT_HANDLE_NORTH_WEST || handle == MOAT_HANDLE_WEST ||
                  handle == MOAT_HANDLE_SOUTH_WEST;
  gboolean east = handle == MOAT_HANDLE_NORTH_EAST || handle == MOAT_HANDLE_EAST ||
                  handle == MOAT_HANDLE_SOUTH_EAST;
  gboolean north = handle == MOAT_HANDLE_NORTH_WEST || handle == MOAT_HANDLE_NORTH ||
                   handle == MOAT_HANDLE_NORTH_EAST;
  gboolean south = handle == MOAT_HANDLE_SOUTH_WEST || handle == MOAT_HANDLE_SOUTH ||
                   handle == MOAT_HANDLE_SOUTH_EAST;

  if (west)
    x0 = MIN (x0 + dx, x1 - min_size);
  if (east)
    x1 = MAX (x1 + dx, x0 + min_size);
  if (north)
    y0 = MIN (y0 + dy, y1 - min_size);
  if (south)
    y1 = MAX (y1 + dy, y0 + min_size);

  *result = (MoatRect) { x0, y0, x1 - x0, y1 - y0 };
}

/* ---------------------------------------------------------------------
 * Trust boundaries
 * ------------------------------------------------------------------- */

/**
 * moat_geometry_element_inside:
 *
 * An element is inside a boundary when its middle is: an element drawn
 * across the edge belongs where most of it is. A flow is inside when
 * both its ends are.
 */
gboolean
moat_geometry_element_inside (MoatElement *element,
                              MoatElement *boundary)
{
  MoatRect region, rect;
  MoatPoint c;

  g_return_val_if_fail (MOAT_IS_ELEMENT (element), FALSE);
  g_return_val_if_fail (MOAT_IS_ELEMENT (boundary), FALSE);

  if (element == boundary || moat_element_get_kind (boundary) != MOAT_ELEMENT_BOUNDARY ||
      moat_boundary_line_is_line (boundary))
    return FALSE;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      MoatModel *model = moat_object_get_model (MOAT_OBJECT (element));
      MoatElement *source, *target;

      if (model == NULL)
        return FALSE;
      source = lookup_node (model, moat_element_get_source_id (element));
      target = lookup_node (model, moat_element_get_target_id (element));
      return source != NULL && target != NULL &&
             moat_geometry_element_inside (source, boundary) &&
             moat_geometry_element_inside (target, boundary);
    }

  moat_geometry_element_rect (boundary, &region);
  moat_geometry_element_rect (element, &rect);
  rect_centre (&rect, &c);
  return moat_geometry_region_contains (&region, &c);
}

/* A node is inside a region when its centre is: what every test of
 * being inside comes down to. */
gboolean
moat_geometry_region_contains (const MoatRect  *region,
                               const MoatPoint *centre)
{
  return centre->x > region->x && centre->y > region->y &&
         centre->x < region->x + region->width && centre->y < region->y + region->height;
}

/* A line has no inside: it comes after every region. */
static double
area_of (MoatElement *element)
{
  if (moat_boundary_line_is_line (element))
    return 0;
  return fabs (moat_element_get_width (element) * moat_element_get_height (element));
}

/* Outer boundaries first, then the order of the model. */
static int
compare_outer_first (gconstpointer a,
                     gconstpointer b)
{
  double area_a = area_of (*(MoatElement **)a), area_b = area_of (*(MoatElement **)b);

  return area_a > area_b ? -1 : area_a < area_b;
}

typedef gboolean (*BoundaryTest) (MoatElement *boundary,
                                  gpointer     data);

static GPtrArray *
collect_boundaries (MoatModel    *model,
                    const char   *diagram_id,
                    BoundaryTest  test,
                    gpointer      data)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (elements);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY &&
          g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0 &&
          test (element, data))
        g_ptr_array_add (result, g_object_ref (element));
    }

  g_ptr_array_sort (result, compare_outer_first);
  return result;
}

static gboolean
contains_element (MoatElement *boundary,
                  gpointer     element)
{
  return moat_geometry_element_inside (element, boundary);
}

/**
 * moat_geometry_boundaries_containing:
 *
 * Returns: (transfer full) (element-type MoatElement): the boundaries of
 *   @element's diagram that it is inside, outermost first
 */
GPtrArray *
moat_geometry_boundaries_containing (MoatModel   *model,
                                     MoatElement *element)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (MOAT_IS_ELEMENT (element), NULL);

  return collect_boundaries (model, moat_element_get_diagram_id (element),
                             contains_element, element);
}

typedef struct
{
  MoatModel   *model;
  MoatElement *flow;
  MoatElement *source;
  MoatElement *target;
  MoatPoint   *path;     /* for lines: made when first needed */
  guint        n_path;
} Ends;

static void
ends_clear (Ends *ends)
{
  g_clear_pointer (&ends->path, g_free);
}

/* The line a flow runs along, from the middle of its source to the
 * middle of its target: an element is on the side of a line where its
 * middle is, as it is inside a region when its middle is. */
static void
crossing_path (Ends *ends)
{
  GVariant *bends = moat_element_get_points (ends->flow);
  guint n_bends = bends != NULL ? g_variant_n_children (bends) : 0;
  MoatRect rect;

  if (ends->path != NULL)
    return;
  ends->n_path = n_bends + 2;
  ends->path = g_new (MoatPoint, ends->n_path);
  moat_geometry_element_rect (ends->source, &rect);
  rect_centre (&rect, &ends->path[0]);
  for (guint i = 0; i < n_bends; i++)
    g_variant_get_child (bends, i, "(dd)", &ends->path[i + 1].x, &ends->path[i + 1].y);
  moat_geometry_element_rect (ends->target, &rect);
  rect_centre (&rect, &ends->path[ends->n_path - 1]);
}

static gboolean
separates_ends (MoatElement *boundary,
                gpointer     data)
{
  Ends *ends = data;
  g_autofree MoatPoint *line = NULL;
  guint n_line;

  if (!moat_boundary_line_is_line (boundary))
    return moat_geometry_element_inside (ends->source, boundary) !=
           moat_geometry_element_inside (ends->target, boundary);

  /* A flow from an element back to itself stays on its side. */
  if (ends->source == ends->target)
    return FALSE;
  crossing_path (ends);
  line = moat_boundary_line_get_points (boundary, &n_line);
  return moat_polyline_count_crossings (line, n_line, ends->path, ends->n_path) % 2 == 1;
}

static gboolean
flow_ends (MoatModel   *model,
           MoatElement *flow,
           Ends        *ends)
{
  *ends = (Ends) { model, flow, NULL, NULL, NULL, 0 };
  ends->source = lookup_node (model, moat_element_get_source_id (flow));
  ends->target = lookup_node (model, moat_element_get_target_id (flow));
  return moat_element_get_kind (flow) == MOAT_ELEMENT_FLOW &&
         ends->source != NULL && ends->target != NULL;
}

/**
 * moat_geometry_boundaries_crossed:
 * @flow: a flow of @model
 *
 * A flow crosses a trust boundary when exactly one of its ends is inside
 * it. A flow from outside into a boundary nested in another crosses both.
 * It crosses a boundary line when its path, from the middle of its
 * source through its bends to the middle of its target, passes from one
 * side of the line to the other: an odd number of times. A flow that
 * goes over a line and back stays on its side, as one that passes
 * through a region without ending in it does.
 *
 * Returns: (transfer full) (element-type MoatElement): the boundaries
 *   @flow crosses, outermost first; empty when it crosses none or does
 *   not join two nodes
 */
GPtrArray *
moat_geometry_boundaries_crossed (MoatModel   *model,
                                  MoatElement *flow)
{
  Ends ends;
  GPtrArray *result;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (MOAT_IS_ELEMENT (flow), NULL);

  if (!flow_ends (model, flow, &ends))
    return g_ptr_array_new_with_free_func (g_object_unref);

  result = collect_boundaries (model, moat_element_get_diagram_id (flow),
                               separates_ends, &ends);
  ends_clear (&ends);
  return result;
}

/**
 * moat_geometry_flow_crosses:
 * @flow: a flow of @model
 * @boundary: a trust boundary, region or line
 *
 * Whether @flow crosses @boundary, as moat_geometry_boundaries_crossed()
 * tells it.
 */
gboolean
moat_geometry_flow_crosses (MoatModel   *model,
                            MoatElement *flow,
                            MoatElement *boundary)
{
  Ends ends;
  gboolean crosses;

  g_return_val_if_fail (MOAT_IS_MODEL (model), FALSE);
  g_return_val_if_fail (MOAT_IS_ELEMENT (flow), FALSE);
  g_return_val_if_fail (MOAT_IS_ELEMENT (boundary), FALSE);

  if (moat_element_get_kind (boundary) != MOAT_ELEMENT_BOUNDARY ||
      g_strcmp0 (moat_element_get_diagram_id (flow), moat_element_get_diagram_id (boundary)) != 0 ||
      !flow_ends (model, flow, &ends))
    return FALSE;
  crosses = separates_ends (boundary, &ends);
  ends_clear (&ends);
  return crosses;
}

/**
 * moat_geometry_flows_crossing:
 * @boundary: a trust boundary of @model
 *
 * Returns: (transfer full) (element-type MoatElement): the flows of the
 *   boundary's diagram that cross it, in model order
 */
GPtrArray *
moat_geometry_flows_crossing (MoatModel   *model,
                              MoatElement *boundary)
{
  GListModel *elements;
  GPtrArray *result;
  const char *diagram_id;
  guint n;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (MOAT_IS_ELEMENT (boundary), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  if (moat_element_get_kind (boundary) != MOAT_ELEMENT_BOUNDARY)
    return result;

  elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  diagram_id = moat_element_get_diagram_id (boundary);
  n = g_list_model_get_n_items (elements);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) flow = g_list_model_get_item (elements, i);
      Ends ends;

      if (g_strcmp0 (moat_element_get_diagram_id (flow), diagram_id) == 0 &&
          flow_ends (model, flow, &ends))
        {
          if (separates_ends (boundary, &ends))
            g_ptr_array_add (result, g_object_ref (flow));
          ends_clear (&ends);
        }
    }
  return result;
}

/* ---------------------------------------------------------------------
 * MoatGeometry: one diagram, indexed
 * ------------------------------------------------------------------- */

/* Text sizes in diagram units; at 100 % zoom they are pixels. */
#define NAME_SIZE   15.0
#define MIN_TEXT_SCALE 0.75 /* how far a name shrinks to keep its words whole */
#define FIT_STEP       20.0 /* how a shape grows to fit its name: one grid step */
#define LABEL_SIZE  MOAT_GEOMETRY_SMALLEST_TEXT
#define TITLE_SIZE  14.0
#define NOTE_SIZE   14.0

#define LABEL_PAD_X 7.0
#define LABEL_PAD_Y 3.0
#define LABEL_GAP   1.0 /* between a flow and its label's box */
#define TITLE_INSET 10.0
#define LINE_LABEL_GAP 6.0 /* between a boundary line and its name */

/* What is drawn outside an element's rectangle: strokes, selection,
 * the badge in its top right corner. */
#define NODE_MARGIN 16.0

#define CELL_SIZE 256.0
#define MAX_CELLS 256

typedef enum {
  LAYER_BOUNDARY,
  LAYER_FLOW,
  LAYER_NODE,
  LAYER_NOTE,
} Layer;

typedef struct
{
  MoatElement  *element;
  guint64       seq;         /* paint order within a layer and z: model order */
  guint         layer;
  int           z;           /* paint order within a layer: the element's z-order */
  double        area;        /* boundaries: larger ones are painted first */
  MoatRect      bounds;
  MoatRect      label;       /* flows: the label; boundaries: the title */
  MoatFlowPath  path;
  gboolean      has_path;
  double        label_width; /* flows: what the label wraps at */
  PangoLayout  *layout;
  char         *source_id;   /* flows: the ends they are listed under */
  char         *target_id;
  guint         stamp;
  guint         dirty : 1;
  guint         big : 1;     /* too large for the grid: always a candidate */
  guint         indexed : 1;
  int           gx0, gy0, gx1, gy1;
} Entry;

struct _MoatGeometry
{
  GObject       parent_instance;

  MoatModel    *model;
  char         *diagram_id;
  char         *font_family;
  gulong        changed_handler;

  PangoContext *context;
  GHashTable   *entries;     /* MoatElement* -> Entry* */
  GHashTable   *flows_by_end; /* node id -> GPtrArray of flow Entry* */
  GHashTable   *cells;       /* packed cell -> GPtrArray of Entry* */
  GPtrArray    *big;
  GPtrArray    *dirty;
  GArray       *damage;      /* MoatRect: where drawing changed since the last look */
  gboolean      damaged_all;
  guint64       next_seq;
  guint         stamp;
};

G_DEFINE_FINAL_TYPE (MoatGeometry, moat_geometry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DIAGRAM_ID,
  PROP_FONT_FAMILY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gpointer
cell_key (int gx,
          int gy)
{
  /* Distant cells may share a key; that only adds candidates, which the
   * bounds test then drops. */
#if GLIB_SIZEOF_VOID_P >= 8
  return GSIZE_TO_POINTER (((guint64)(guint32)gx << 32) | (guint32)gy);
#else
  return GSIZE_TO_POINTER (((guint32)(gx & 0xffff) << 16) | (guint32)(gy & 0xffff));
#endif
}

static int
cell_of (double v)
{
  return (int)floor (CLAMP (v, -1e9, 1e9) / CELL_SIZE);
}

static void
unindex (MoatGeometry *self,
         Entry        *entry)
{
  if (!entry->indexed)
    return;

  if (entry->big)
    g_ptr_array_remove_fast (self->big, entry);
  else
    for (int gx = entry->gx0; gx <= entry->gx1; gx++)
      for (int gy = entry->gy0; gy <= entry->gy1; gy++)
        {
          GPtrArray *cell = g_hash_table_lookup (self->cells, cell_key (gx, gy));

          g_ptr_array_remove_fast (cell, entry);
          if (cell->len == 0)
            g_hash_table_remove (self->cells, cell_key (gx, gy));
        }
  entry->indexed = FALSE;
}

static void
index_entry (MoatGeometry *self,
             Entry        *entry)
{
  const MoatRect *b = &entry->bounds;

  g_assert (!entry->indexed);
  if (moat_rect_is_empty (b))
    return;

  entry->gx0 = cell_of (b->x);
  entry->gy0 = cell_of (b->y);
  entry->gx1 = cell_of (b->x + b->width);
  entry->gy1 = cell_of (b->y + b->height);
  entry->big = (gint64)(entry->gx1 - entry->gx0 + 1) * (entry->gy1 - entry->gy0 + 1) > MAX_CELLS;
  entry->indexed = TRUE;

  if (entry->big)
    {
      g_ptr_array_add (self->big, entry);
      return;
    }

  for (int gx = entry->gx0; gx <= entry->gx1; gx++)
    for (int gy = entry->gy0; gy <= entry->gy1; gy++)
      {
        gpointer key = cell_key (gx, gy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, key);

        if (cell == NULL)
          {
            cell = g_ptr_array_new ();
            g_hash_table_insert (self->cells, key, cell);
          }
        g_ptr_array_add (cell, entry);
      }
}

/* Past this many areas, a view might as well redraw everything. */
#define MAX_DAMAGE 256

static void
add_damage (MoatGeometry   *self,
            const MoatRect *rect)
{
  if (self->damaged_all || moat_rect_is_empty (rect))
    return;
  if (self->damage->len >= MAX_DAMAGE)
    {
      self->damaged_all = TRUE;
      g_array_set_size (self->damage, 0);
      return;
    }
  g_array_append_val (self->damage, *rect);
}

static void
mark_dirty (MoatGeometry *self,
            Entry        *entry)
{
  if (entry->dirty)
    return;
  entry->dirty = TRUE;
  g_ptr_array_add (self->dirty, entry);
}

static void
mark_flows_dirty (MoatGeometry *self,
                  const char   *node_id)
{
  GPtrArray *flows;

  if (node_id == NULL || (flows = g_hash_table_lookup (self->flows_by_end, node_id)) == NULL)
    return;
  for (guint i = 0; i < flows->len; i++)
    mark_dirty (self, g_ptr_array_index (flows, i));
}

static void
list_under_end (MoatGeometry *self,
                const char   *node_id,
                Entry        *entry)
{
  GPtrArray *flows;

  if (node_id == NULL)
    return;
  flows = g_hash_table_lookup (self->flows_by_end, node_id);
  if (flows == NULL)
    {
      flows = g_ptr_array_new ();
      g_hash_table_insert (self->flows_by_end, g_strdup (node_id), flows);
    }
  g_ptr_array_add (flows, entry);
}

static void
unlist_under_end (MoatGeometry *self,
                  const char   *node_id,
                  Entry        *entry)
{
  GPtrArray *flows;

  if (node_id == NULL || (flows = g_hash_table_lookup (self->flows_by_end, node_id)) == NULL)
    return;
  g_ptr_array_remove_fast (flows, entry);
  if (flows->len == 0)
    g_hash_table_remove (self->flows_by_end, node_id);
}

static void
unlist_flow (MoatGeometry *self,
             Entry        *entry)
{
  unlist_under_end (self, entry->source_id, entry);
  /* A loop is listed once under its only end. */
  if (g_strcmp0 (entry->source_id, entry->target_id) != 0)
    unlist_under_end (self, entry->target_id, entry);
  /* Its neighbours on the same two nodes spread again without it. */
  mark_flows_dirty (self, entry->source_id);
  g_clear_pointer (&entry->source_id, g_free);
  g_clear_pointer (&entry->target_id, g_free);
}

static void
list_flow (MoatGeometry *self,
           Entry        *entry)
{
  entry->source_id = g_strdup (moat_element_get_source_id (entry->element));
  entry->target_id = g_strdup (moat_element_get_target_id (entry->element));
  list_under_end (self, entry->source_id, entry);
  if (g_strcmp0 (entry->source_id, entry->target_id) != 0)
    list_under_end (self, entry->target_id, entry);
  mark_flows_dirty (self, entry->source_id);
}

static Layer
layer_of (MoatElement *element)
{
  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_BOUNDARY:
      return LAYER_BOUNDARY;
    case MOAT_ELEMENT_FLOW:
      return LAYER_FLOW;
    case MOAT_ELEMENT_NOTE:
      return LAYER_NOTE;
    default:
      return LAYER_NODE;
    }
}

static void
entry_free (Entry *entry)
{
  moat_flow_path_clear (&entry->path);
  g_clear_object (&entry->layout);
  g_free (entry->source_id);
  g_free (entry->target_id);
  g_object_unref (entry->element);
  g_free (entry);
}

static void
add_entry (MoatGeometry *self,
           MoatElement  *element)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->element = g_object_ref (element);
  entry->seq = self->next_seq++;
  entry->layer = layer_of (element);
  entry->z = moat_element_get_z_order (element);
  entry->label_width = MOAT_GEOMETRY_LABEL_WIDTH;
  if (entry->layer == LAYER_FLOW)
    list_flow (self, entry);
  g_hash_table_insert (self->entries, element, entry);
  mark_dirty (self, entry);
  mark_flows_dirty (self, moat_object_get_id (MOAT_OBJECT (element)));
}

static void
remove_entry (MoatGeometry *self,
              Entry        *entry)
{
  if (entry->indexed)
    add_damage (self, &entry->bounds);
  unindex (self, entry);
  if (entry->dirty)
    g_ptr_array_remove_fast (self->dirty, entry);
  if (entry->layer == LAYER_FLOW)
    unlist_flow (self, entry);
  mark_flows_dirty (self, moat_object_get_id (MOAT_OBJECT (entry->element)));
  g_hash_table_remove (self->entries, entry->element);
}

/* No break inside a run of non-blank characters, not even after a hyphen:
 * "Electrum-X" is one name. A word too wide for its line is ellipsized. */
static void
keep_words_whole (PangoAttrList *attrs,
                  const char    *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *start;

      while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
      start = p;
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
        p++;
      if (p > start)
        {
          PangoAttribute *whole = pango_attr_allow_breaks_new (FALSE);

          whole->start_index = start - text;
          whole->end_index = p - text;
          pango_attr_list_insert (attrs, whole);
        }
    }
}

/* The widest word of @layout's text, in Pango units. */
static int
widest_word (PangoLayout *layout,
             const char  *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  PangoLayout *probe = pango_layout_copy (layout);
  int widest = 0;

  pango_layout_set_width (probe, -1);
  pango_layout_set_height (probe, -1);
  /* The break attributes are indexed into the whole name: past the end
   * of a single word, where Pango would read them. */
  pango_layout_set_attributes (probe, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      int width;

      pango_layout_set_text (probe, words[i], -1);
      pango_layout_get_size (probe, &width, NULL);
      widest = MAX (widest, width);
    }
  g_object_unref (probe);
  return widest;
}

static PangoLayout *
make_layout (MoatGeometry *self,
             const char   *text,
             double        size,
             gboolean      bold,
             double        width,
             double        height,
             PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (self->font_family);
  PangoAttrList *attrs = pango_attr_list_new ();
  int box = (int)(MAX (width, 1) * PANGO_SCALE);
  int widest;

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);

  /* A line break inside a word reads as another name ("Daem-on"): breaks
   * fall between words only, and a word too wide for the shape gets a
   * smaller font first; one too wide even then ends in "…". */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  keep_words_whole (attrs, text);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);
  /* Most names fit on one line: only a longer one is measured word by
   * word, so opening a large model does not pay for it. */
  pango_layout_get_size (layout, &widest, NULL);
  if (widest > box && strpbrk (text, " \t\n") != NULL)
    widest = widest_word (layout, text);
  if (widest > box)
    {
      double smaller = MAX (size * box / widest, size * MIN_TEXT_SCALE);

      pango_font_description_set_absolute_size (font, smaller * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
    }
  pango_font_description_free (font);

  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, box);
  pango_layout_set_height (layout, height > 0 ? (int)(height * PANGO_SCALE) : (int)height);
  return layout;
}

/* The box a node's name is fitted into, kept clear of curved ends and
 * of a store's lines. */
static void
text_box_in (MoatElementKind  kind,
             const MoatRect  *rect,
             double          *width,
             double          *height)
{
  switch (kind)
    {
    case MOAT_ELEMENT_PROCESS:
      {
        double r = MIN (rect->width, rect->height) / 2;

        /* The widest box a circle of radius r holds at a useful height. */
        *width = rect->width - 2 * r * 0.22 - 8;
        *height = rect->height - 2 * r * 0.22 - 4;
        break;
      }
    case MOAT_ELEMENT_NOTE:
      *width = rect->width - 24;
      *height = rect->height - 16;
      break;
    default:
      *width = rect->width - 16;
      *height = rect->height - 12;
      break;
    }
  *width = MAX (*width, 8);
  *height = MAX (*height, NAME_SIZE * 1.3);
}

static void
text_box (MoatElement *element,
          double      *width,
          double      *height)
{
  MoatRect rect;

  moat_geometry_element_rect (element, &rect);
  text_box_in (moat_element_get_kind (element), &rect, width, height);
}

static PangoLayout *
layout_for (MoatGeometry *self,
            Entry        *entry)
{
  MoatElement *element = entry->element;
  const char *text = moat_element_get_name (element);
  MoatRect rect;
  double w, h;

  if (text == NULL || *text == '\0')
    return NULL;

  moat_geometry_element_rect (element, &rect);
  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_FLOW:
      return make_layout (self, text, LABEL_SIZE, FALSE, entry->label_width, -3,
                          PANGO_ALIGN_CENTER);
    case MOAT_ELEMENT_BOUNDARY:
      if (moat_boundary_line_is_line (element))
        return make_layout (self, text, TITLE_SIZE, TRUE, MOAT_GEOMETRY_LABEL_WIDTH, -1,
                            PANGO_ALIGN_LEFT);
      return make_layout (self, text, TITLE_SIZE, TRUE, rect.width - 2 * TITLE_INSET, -1,
                          PANGO_ALIGN_LEFT);
    case MOAT_ELEMENT_NOTE:
      text_box (element, &w, &h);
      return make_layout (self, text, NOTE_SIZE, FALSE, w, h, PANGO_ALIGN_LEFT);
    default:
      text_box (element, &w, &h);
      return make_layout (self, text, NAME_SIZE, FALSE, w, h, PANGO_ALIGN_CENTER);
    }
}

static void
ensure_layout (MoatGeometry *self,
               Entry        *entry)
{
  if (entry->layout == NULL)
    entry->layout = layout_for (self, entry);
}

static void
logical_extents (PangoLayout    *layout,
                 PangoRectangle *logical)
{
  pango_layout_get_extents (layout, NULL, logical);
  pango_extents_to_pixels (logical, NULL);
}

/* A boundary line's name sits beside the middle of the line, on the
 * side above it (right of a vertical one), clear of the segment it is
 * beside whatever its slope. */
static void
line_label (Entry          *entry,
            double          width,
            double          height)
{
  g_autofree MoatPoint *points = NULL;
  MoatPoint middle, n;
  guint n_points, segment;
  double dx, dy, len, reach;

  points = moat_boundary_line_get_points (entry->element, &n_points);
  if (points == NULL)
    return;
  moat_polyline_middle (points, n_points, &middle, &segment);
  dx = points[segment + 1].x - points[segment].x;
  dy = points[segment + 1].y - points[segment].y;
  len = hypot (dx, dy);
  if (len < 1e-9)
    n = (MoatPoint) { 0, -1 };
  else
    n = (MoatPoint) { dy / len, -dx / len };
  if (n.y > 0 || (n.y == 0 && n.x < 0))
    n = (MoatPoint) { -n.x, -n.y };

  reach = LINE_LABEL_GAP + fabs (n.x) * width / 2 + fabs (n.y) * height / 2;
  entry->label = (MoatRect) { middle.x + n.x * reach - width / 2, middle.y + n.y * reach - height / 2,
                              width, height };
}

/* Whether @label would cover a shape or another flow's label: read from
 * the index as it stands, without recomputing (this runs while
 * recomputing). */
static gboolean
label_covers_a_shape (MoatGeometry   *self,
                      Entry          *entry,
                      const MoatRect *label)
{
  int gx0 = cell_of (label->x), gy0 = cell_of (label->y);
  int gx1 = cell_of (label->x + label->width), gy1 = cell_of (label->y + label->height);

  for (int gx = gx0; gx <= gx1; gx++)
    for (int gy = gy0; gy <= gy1; gy++)
      {
        GPtrArray *cell = g_hash_table_lookup (self->cells, cell_key (gx, gy));

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            Entry *other = g_ptr_array_index (cell, i);

            if ((other->layer == LAYER_NODE || other->layer == LAYER_NOTE) &&
                moat_rect_intersects (&other->bounds, label))
              return TRUE;
            if (other->layer == LAYER_FLOW && other != entry && !moat_rect_is_empty (&other->label) &&
                moat_rect_intersects (&other->label, label))
              return TRUE;
          }
      }
  return FALSE;
}

/* A label's box beside @at, far enough along the normal @n (turned to
 * @side: 1, -1, or 0 for on the line) that no corner reaches the line. */
static MoatRect
label_box (const MoatPoint *at,
           const MoatPoint *n,
           double           side,
           double           w,
           double           h)
{
  double reach = (fabs (n->x) * w + fabs (n->y) * h) / 2 + LABEL_GAP;

  return (MoatRect) { at->x + side * n->x * reach - w / 2, at->y + side * n->y * reach - h / 2, w, h };
}

/* Beside the middle of the line, else on its other side, else on the
 * line itself, its halo keeping it readable (a short flow between close
 * shapes); where all of those cover a shape, the same a little further
 * along the line either way. The first that covers no shape wins; if
 * every one does, beside the middle. */
static void
place_label_beside (MoatGeometry *self,
                    Entry        *entry,
                    double        w,
                    double        h)
{
  static const double along[] = { 0.5, 0.35, 0.65, 0.2, 0.8 };
  static const double sides[] = { 1, -1, 0 };
  const MoatPoint *side_of_middle = &entry->path.normal;

  for (guint a = 0; a < G_N_ELEMENTS (along); a++)
    {
      MoatPoint at, n;

      path_at (&entry->path, along[a], &at, &n);
      /* Every position keeps the side the middle's label chose. */
      if (n.x * side_of_middle->x + n.y * side_of_middle->y < 0)
        n = (MoatPoint) { -n.x, -n.y };
      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          entry->label = label_box (&at, &n, sides[s], w, h);
          if (!label_covers_a_shape (self, entry, &entry->label))
            return;
        }
    }
  entry->label = label_box (&entry->path.middle, side_of_middle, 1, w, h);
}

static void
compute_label (MoatGeometry *self,
               Entry        *entry)
{
  PangoRectangle ext;

  entry->label = (MoatRect) { 0, 0, 0, 0 };
  ensure_layout (self, entry);
  if (entry->layout == NULL)
    return;

  logical_extents (entry->layout, &ext);
  if (entry->layer == LAYER_FLOW)
    {
      double w = ext.width + 2 * LABEL_PAD_X, h = ext.height + 2 * LABEL_PAD_Y;
      MoatPoint c = entry->path.label;

      entry->label = (MoatRect) { c.x - w / 2, c.y - h / 2, w, h };
      if (moat_element_get_label_x (entry->element) == 0 && moat_element_get_label_y (entry->element) == 0)
        place_label_beside (self, entry, w, h);
    }
  else if (moat_boundary_line_is_line (entry->element))
    line_label (entry, ext.width, ext.height);
  else
    {
      MoatRect rect;

      moat_geometry_element_rect (entry->element, &rect);
      entry->label = (MoatRect) { rect.x + TITLE_INSET, rect.y + TITLE_INSET * 0.7,
                                  ext.width, ext.height };
    }
}

/* A label on a short, level line between two shapes would cover their
 * names: wrap it to the gap instead. */
static double
label_width_for (const MoatFlowPath *path)
{
  double total = 0, walked = 0;

  for (guint i = 0; i + 1 < path->n_points; i++)
    total += hypot (path->points[i + 1].x - path->points[i].x,
                    path->points[i + 1].y - path->points[i].y);

  for (guint i = 0; i + 1 < path->n_points; i++)
    {
      double dx = fabs (path->points[i + 1].x - path->points[i].x);
      double dy = fabs (path->points[i + 1].y - path->points[i].y);
      double len = hypot (dx, dy);

      walked += len;
      if (walked < total / 2)
        continue;
      if (dx <= dy)
        break;
      return CLAMP (dx - 2 * MOAT_GEOMETRY_ARROW_LENGTH, MOAT_GEOMETRY_LABEL_MIN_WIDTH,
                    MOAT_GEOMETRY_LABEL_WIDTH);
    }
  return MOAT_GEOMETRY_LABEL_WIDTH;
}

static gboolean
is_straight (Entry *entry)
{
  GVariant *points = moat_element_get_points (entry->element);

  return (points == NULL || g_variant_n_children (points) == 0)
         && g_strcmp0 (entry->source_id, entry->target_id) != 0;
}

static gboolean
same_ends (Entry *a,
           Entry *b)
{
  return (g_strcmp0 (a->source_id, b->source_id) == 0 && g_strcmp0 (a->target_id, b->target_id) == 0)
         || (g_strcmp0 (a->source_id, b->target_id) == 0 && g_strcmp0 (a->target_id, b->source_id) == 0);
}

/* How far sideways a straight flow goes: flows between the same two
 * nodes, in either direction, are spread evenly about the line between
 * the nodes' centres, in the order of their ids so that the spread is
 * the same in every output. */
static void
parallel_shift (MoatGeometry *self,
                Entry        *entry,
                MoatPoint    *shift)
{
  GPtrArray *flows = g_hash_table_lookup (self->flows_by_end, entry->source_id);
  MoatElement *a, *b;
  MoatRect ra, rb;
  guint count = 0, rank = 0;
  double dx, dy, length, offset;

  *shift = (MoatPoint) { 0, 0 };
  if (flows == NULL || !is_straight (entry))
    return;
  for (guint i = 0; i < flows->len; i++)
    {
      Entry *other = g_ptr_array_index (flows, i);

      if (!same_ends (entry, other) || !is_straight (other))
        continue;
      count++;
      rank += strcmp (moat_object_get_id (MOAT_OBJECT (other->element)),
                      moat_object_get_id (MOAT_OBJECT (entry->element))) < 0;
    }
  if (count < 2)
    return;

  /* Sideways of the line from the node with the smaller id, whichever
   * way the flow runs. */
  a = lookup_node (self->model, MIN_ID (entry->source_id, entry->target_id));
  b = lookup_node (self->model, MAX_ID (entry->source_id, entry->target_id));
  if (a == NULL || b == NULL)
    return;
  moat_geometry_element_rect (a, &ra);
  moat_geometry_element_rect (b, &rb);
  dx = (rb.x + rb.width / 2) - (ra.x + ra.width / 2);
  dy = (rb.y + rb.height / 2) - (ra.y + ra.height / 2);
  length = hypot (dx, dy);
  if (length < 1)
    return;
  offset = (rank - (count - 1) / 2.0) * MOAT_GEOMETRY_PARALLEL_GAP;
  *shift = (MoatPoint) { -dy / length * offset, dx / length * offset };
}

static void
compute_flow (MoatGeometry *self,
              Entry        *entry)
{
  MoatRect b = { 0, 0, 0, 0 };
  MoatPoint shift;
  double width;

  moat_flow_path_clear (&entry->path);
  parallel_shift (self, entry, &shift);
  entry->has_path = flow_path_shifted (self->model, entry->element, &shift, &entry->path);
  entry->bounds = b;
  entry->label = b;
  if (!entry->has_path)
    return;

  b = (MoatRect) { entry->path.points[0].x, entry->path.points[0].y, 0, 0 };
  for (guint i = 1; i < entry->path.n_points; i++)
    {
      const MoatPoint *p = &entry->path.points[i];
      double x0 = MIN (b.x, p->x), y0 = MIN (b.y, p->y);
      double x1 = MAX (b.x + b.width, p->x), y1 = MAX (b.y + b.height, p->y);

      b = (MoatRect) { x0, y0, x1 - x0, y1 - y0 };
    }
  moat_rect_inflate (&b, MOAT_GEOMETRY_ARROW_WIDTH);

  width = label_width_for (&entry->path);
  if (width != entry->label_width)
    {
      entry->label_width = width;
      g_clear_object (&entry->layout);
    }
  compute_label (self, entry);
  moat_rect_union (&b, &entry->label);
  entry->bounds = b;
}

static void
recompute (MoatGeometry *self,
           Entry        *entry)
{
  if (entry->indexed)
    add_damage (self, &entry->bounds);
  unindex (self, entry);
  entry->layer = layer_of (entry->element);

  if (entry->layer == LAYER_FLOW)
    compute_flow (self, entry);
  else
    {
      moat_geometry_element_rect (entry->element, &entry->bounds);
      entry->area = area_of (entry->element);
      moat_rect_inflate (&entry->bounds, NODE_MARGIN);
      if (entry->layer == LAYER_BOUNDARY)
        compute_label (self, entry);
      if (moat_boundary_line_is_line (entry->element))
        moat_rect_union (&entry->bounds, &entry->label);
    }

  index_entry (self, entry);
  add_damage (self, &entry->bounds);
  entry->dirty = FALSE;
}

/* Bring every changed element up to date: work in proportion to what
 * changed since the last look, not to the diagram. */
static void
flush (MoatGeometry *self)
{
  /* Recomputing may not add to the list, but be safe if it ever does. */
  while (self->dirty->len > 0)
    {
      g_autoptr(GPtrArray) dirty = g_steal_pointer (&self->dirty);

      self->dirty = g_ptr_array_new ();
      /* Shapes first: a flow's label keeps clear of the shapes in place. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < dirty->len; i++)
          {
            Entry *entry = g_ptr_array_index (dirty, i);

            if ((entry->layer == LAYER_FLOW) == (pass == 1))
              recompute (self, entry);
          }
    }
}

static gboolean
in_diagram (MoatGeometry *self,
            MoatElement  *element)
{
  return g_strcmp0 (moat_element_get_diagram_id (element), self->diagram_id) == 0;
}

static gboolean
field_is (GParamSpec *pspec,
          const char *name)
{
  return strcmp (pspec->name, name) == 0;
}

static void
element_set (MoatGeometry *self,
             MoatElement  *element,
             Entry        *entry,
             GParamSpec   *pspec)
{
  gboolean resized = field_is (pspec, "width") || field_is (pspec, "height");
  gboolean moved = resized || field_is (pspec, "x") || field_is (pspec, "y");

  if (field_is (pspec, "diagram-id"))
    {
      if (entry != NULL && !in_diagram (self, element))
        remove_entry (self, entry);
      else if (entry == NULL && in_diagram (self, element))
        add_entry (self, element);
      return;
    }
  if (entry == NULL)
    {
      /* A flow of this diagram may end on a node drawn elsewhere. */
      if (moved)
        mark_flows_dirty (self, moat_object_get_id (MOAT_OBJECT (element)));
      return;
    }

  if (field_is (pspec, "source-id") || field_is (pspec, "target-id") || field_is (pspec, "kind"))
    {
      if (entry->layer == LAYER_FLOW)
        unlist_flow (self, entry);
      entry->layer = layer_of (element);
      if (entry->layer == LAYER_FLOW)
        list_flow (self, entry);
      g_clear_object (&entry->layout);
      mark_dirty (self, entry);
      mark_flows_dirty (self, moat_object_get_id (MOAT_OBJECT (element)));
      return;
    }

  if (field_is (pspec, "z-order"))
    entry->z = moat_element_get_z_order (element);
  if (field_is (pspec, "name") || resized)
    g_clear_object (&entry->layout);

  if (moved || field_is (pspec, "name") || field_is (pspec, "points") ||
      field_is (pspec, "label-x") || field_is (pspec, "label-y"))
    mark_dirty (self, entry);
  else if (entry->indexed)
    /* Drawn differently where it is: out of scope, reviewed... */
    add_damage (self, &entry->bounds);
  /* A flow bent or straightened leaves or joins those it ran beside. */
  if (field_is (pspec, "points") && entry->layer == LAYER_FLOW)
    mark_flows_dirty (self, entry->source_id);
  if (moved)
    mark_flows_dirty (self, moat_object_get_id (MOAT_OBJECT (element)));
}

static void
on_model_changed (MoatModel    *model,
                  MoatChange   *change,
                  MoatGeometry *self)
{
  MoatElement *element;
  Entry *entry;

  if (!MOAT_IS_ELEMENT (change->object))
    return;
  element = MOAT_ELEMENT (change->object);
  entry = g_hash_table_lookup (self->entries, element);

  switch (change->kind)
    {
    case MOAT_CHANGE_ADD:
      if (entry == NULL && in_diagram (self, element))
        add_entry (self, element);
      break;
    case MOAT_CHANGE_REMOVE:
      if (entry != NULL)
        remove_entry (self, entry);
      break;
    case MOAT_CHANGE_SET:
      element_set (self, element, entry, change->pspec);
      break;
    default:
      break;
    }
}

static void
clear_entries (MoatGeometry *self)
{
  g_hash_table_remove_all (self->cells);
  g_hash_table_remove_all (self->flows_by_end);
  g_ptr_array_set_size (self->big, 0);
  g_ptr_array_set_size (self->dirty, 0);
  g_hash_table_remove_all (self->entries);
}

static void
load (MoatGeometry *self)
{
  GListModel *elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  guint n = g_list_model_get_n_items (elements);

  clear_entries (self);
  self->damaged_all = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (in_diagram (self, element))
        add_entry (self, element);
    }
}

static void
moat_geometry_constructed (GObject *object)
{
  MoatGeometry *self = MOAT_GEOMETRY (object);

  G_OBJECT_CLASS (moat_geometry_parent_class)->constructed (object);

  g_return_if_fail (MOAT_IS_MODEL (self->model));
  self->changed_handler = g_signal_connect (self->model, "changed",
                                            G_CALLBACK (on_model_changed), self);
  load (self);
}

static void
moat_geometry_finalize (GObject *object)
{
  MoatGeometry *self = MOAT_GEOMETRY (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  clear_entries (self);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->flows_by_end, g_hash_table_unref);
  g_clear_pointer (&self->big, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_ptr_array_unref);
  g_clear_pointer (&self->damage, g_array_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->model);
  g_free (self->diagram_id);
  g_free (self->font_family);

  G_OBJECT_CLASS (moat_geometry_parent_class)->finalize (object);
}

static void
moat_geometry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MoatGeometry *self = MOAT_GEOMETRY (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_DIAGRAM_ID:
      g_value_set_string (value, self->diagram_id);
      break;
    case PROP_FONT_FAMILY:
      g_value_set_string (value, self->font_family);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_geometry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MoatGeometry *self = MOAT_GEOMETRY (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    case PROP_DIAGRAM_ID:
      self->diagram_id = g_value_dup_string (value);
      break;
    case PROP_FONT_FAMILY:
      moat_geometry_set_font_family (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_geometry_class_init (MoatGeometryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = moat_geometry_constructed;
  object_class->finalize = moat_geometry_finalize;
  object_class->get_property = moat_geometry_get_property;
  object_class->set_property = moat_geometry_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIAGRAM_ID] =
    g_param_spec_string ("diagram-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_geometry_init (MoatGeometry *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  self->entries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)entry_free);
  self->cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  self->flows_by_end = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  self->big = g_ptr_array_new ();
  self->dirty = g_ptr_array_new ();
  self->damage = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  self->font_family = g_strdup ("Cantarell, Noto Sans, DejaVu Sans, Sans");

  /* Unhinted metrics: text breaks into the same lines at every zoom and
   * on every surface, so the screen, PNG, SVG and PDF agree. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 96.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_destroy (options);
}

/**
 * moat_geometry_new:
 * @diagram_id: the diagram to lay out
 *
 * Returns: (transfer full): the geometry of one diagram of @model
 */
MoatGeometry *
moat_geometry_new (MoatModel  *model,
                   const char *diagram_id)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  return g_object_new (MOAT_TYPE_GEOMETRY, "model", model, "diagram-id", diagram_id, NULL);
}

MoatModel *
moat_geometry_get_model (MoatGeometry *self)
{
  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  return self->model;
}

const char *
moat_geometry_get_diagram_id (MoatGeometry *self)
{
  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  return self->diagram_id;
}

const char *
moat_geometry_get_font_family (MoatGeometry *self)
{
  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  return self->font_family;
}

/**
 * moat_geometry_set_font_family:
 * @family: a Pango family list such as "Cantarell, Sans"
 */
void
moat_geometry_set_font_family (MoatGeometry *self,
                               const char   *family)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (MOAT_IS_GEOMETRY (self));

  if (family == NULL || *family == '\0' || g_strcmp0 (family, self->font_family) == 0)
    return;

  g_free (self->font_family);
  self->font_family = g_strdup (family);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      g_clear_object (&entry->layout);
      mark_dirty (self, entry);
    }
  self->damaged_all = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
}

/**
 * moat_geometry_get_pango_context:
 *
 * Returns: (transfer none): the context text is laid out with, for more
 *   text that should match the diagram's
 */
PangoContext *
moat_geometry_get_pango_context (MoatGeometry *self)
{
  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  return self->context;
}

guint
moat_geometry_get_n_elements (MoatGeometry *self)
{
  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), 0);

  return g_hash_table_size (self->entries);
}

/**
 * moat_geometry_get_bounds:
 *
 * Looks at every element: for fitting the diagram into a view or a page,
 * not for every frame.
 *
 * Returns: %FALSE if the diagram has nothing to draw
 */
gboolean
moat_geometry_get_bounds (MoatGeometry *self,
                          MoatRect     *bounds)
{
  GHashTableIter iter;
  Entry *entry;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);

  flush (self);
  *bounds = (MoatRect) { 0, 0, 0, 0 };
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    if (entry->indexed)
      moat_rect_union (bounds, &entry->bounds);

  return !moat_rect_is_empty (bounds);
}

static Entry *
lookup_entry (MoatGeometry *self,
              MoatElement  *element)
{
  flush (self);
  return g_hash_table_lookup (self->entries, element);
}

/**
 * moat_geometry_get_element_bounds:
 *
 * The area an element may paint: its shape with room for strokes and
 * badges, or a flow's line with its arrowheads and label.
 *
 * Returns: %FALSE if @element is not drawn on this diagram
 */
gboolean
moat_geometry_get_element_bounds (MoatGeometry *self,
                                  MoatElement  *element,
                                  MoatRect     *bounds)
{
  Entry *entry;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);

  entry = lookup_entry (self, element);
  if (entry == NULL || !entry->indexed)
    return FALSE;
  *bounds = entry->bounds;
  return TRUE;
}

/**
 * moat_geometry_get_path:
 *
 * Returns: (nullable) (transfer none): the path of @flow, valid until the
 *   model next changes, or %NULL if it joins no two nodes
 */
const MoatFlowPath *
moat_geometry_get_path (MoatGeometry *self,
                        MoatElement  *flow)
{
  Entry *entry;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  entry = lookup_entry (self, flow);
  return entry != NULL && entry->has_path ? &entry->path : NULL;
}

/**
 * moat_geometry_get_label_rect:
 *
 * The box of a flow's label or of a boundary's title.
 *
 * Returns: %FALSE if @element has none
 */
gboolean
moat_geometry_get_label_rect (MoatGeometry *self,
                              MoatElement  *element,
                              MoatRect     *rect)
{
  Entry *entry;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);

  entry = lookup_entry (self, element);
  if (entry == NULL || moat_rect_is_empty (&entry->label))
    return FALSE;
  *rect = entry->label;
  return TRUE;
}

/* Whether @element's name fits a shape of @rect whole: no word shrunk,
 * nothing cut short. */
static gboolean
name_fits (MoatGeometry   *self,
           MoatElement    *element,
           const MoatRect *rect)
{
  MoatElementKind kind = moat_element_get_kind (element);
  double size = kind == MOAT_ELEMENT_NOTE ? NOTE_SIZE : NAME_SIZE;
  double w, h;
  g_autoptr(PangoLayout) layout = NULL;

  text_box_in (kind, rect, &w, &h);
  layout = make_layout (self, moat_element_get_name (element), size, FALSE, w, h, PANGO_ALIGN_CENTER);
  return widest_word (layout, moat_element_get_name (element)) <= w * PANGO_SCALE
         && !pango_layout_is_ellipsized (layout);
}

/**
 * moat_geometry_size_to_fit_name:
 * @width: (out): the width the shape needs
 * @height: (out): the height it needs
 *
 * How large @element must grow for its whole name to show at full size:
 * wider first, then taller; a process stays round. Never smaller than it
 * is, and at most four times its size.
 *
 * Returns: whether it must grow at all
 */
gboolean
moat_geometry_size_to_fit_name (MoatGeometry *self,
                                MoatElement  *element,
                                double       *width,
                                double       *height)
{
  MoatElementKind kind = moat_element_get_kind (element);
  gboolean round = kind == MOAT_ELEMENT_PROCESS;
  MoatRect rect;
  double max_width, max_height;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);

  moat_geometry_element_rect (element, &rect);
  *width = rect.width;
  *height = rect.height;
  if (!moat_geometry_is_node (element) && kind != MOAT_ELEMENT_NOTE)
    return FALSE;
  if (moat_element_get_name (element) == NULL || name_fits (self, element, &rect))
    return FALSE;

  max_width = rect.width * 4;
  max_height = rect.height * 4;
  while (!name_fits (self, element, &rect) && (rect.width < max_width || rect.height < max_height))
    {
      /* Two lines of width for each of height: names read across. */
      if (round || (rect.width < max_width && rect.width < 2.5 * rect.height))
        rect.width = MIN (rect.width + FIT_STEP, max_width);
      if (round || rect.width >= max_width || rect.width >= 2.5 * rect.height)
        rect.height = MIN (rect.height + FIT_STEP, max_height);
    }
  *width = rect.width;
  *height = rect.height;
  return TRUE;
}

/**
 * moat_geometry_get_layout:
 *
 * The text of an element laid out to fit it: a node's name wrapped
 * inside its shape, a flow's label, a boundary's title, a note's text.
 * Sizes are in diagram units.
 *
 * Returns: (nullable) (transfer none): the layout, or %NULL if the
 *   element has no text
 */
PangoLayout *
moat_geometry_get_layout (MoatGeometry *self,
                          MoatElement  *element)
{
  Entry *entry;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  entry = lookup_entry (self, element);
  if (entry == NULL)
    return NULL;
  ensure_layout (self, entry);
  return entry->layout;
}

static void
add_candidates (MoatGeometry   *self,
                GPtrArray      *cell,
                const MoatRect *rect,
                GPtrArray      *found)
{
  for (guint i = 0; i < cell->len; i++)
    {
      Entry *entry = g_ptr_array_index (cell, i);

      if (entry->stamp == self->stamp)
        continue;
      entry->stamp = self->stamp;
      if (moat_rect_intersects (&entry->bounds, rect))
        g_ptr_array_add (found, entry);
    }
}

static int
compare_paint_order (gconstpointer a,
                     gconstpointer b)
{
  const Entry *ea = *(Entry **)a, *eb = *(Entry **)b;

  if (ea->layer != eb->layer)
    return ea->layer < eb->layer ? -1 : 1;
  if (ea->z != eb->z)
    return ea->z < eb->z ? -1 : 1;
  if (ea->layer == LAYER_BOUNDARY && ea->area != eb->area)
    return ea->area > eb->area ? -1 : 1;
  return ea->seq < eb->seq ? -1 : ea->seq > eb->seq;
}

/* The entries whose bounds meet @rect, in paint order. */
static GPtrArray *
query_entries (MoatGeometry   *self,
               const MoatRect *rect)
{
  GPtrArray *found = g_ptr_array_new ();
  int gx0 = cell_of (rect->x), gy0 = cell_of (rect->y);
  int gx1 = cell_of (rect->x + rect->width), gy1 = cell_of (rect->y + rect->height);

  flush (self);
  self->stamp++;
  add_candidates (self, self->big, rect, found);

  if ((gint64)(gx1 - gx0 + 1) * (gy1 - gy0 + 1) > (gint64)g_hash_table_size (self->cells))
    {
      /* A view larger than the diagram: walking the cells that exist is
       * cheaper than walking the view's. */
      GHashTableIter iter;
      GPtrArray *cell;

      g_hash_table_iter_init (&iter, self->cells);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&cell))
        add_candidates (self, cell, rect, found);
    }
  else
    for (int gx = gx0; gx <= gx1; gx++)
      for (int gy = gy0; gy <= gy1; gy++)
        {
          GPtrArray *cell = g_hash_table_lookup (self->cells, cell_key (gx, gy));

          if (cell != NULL)
            add_candidates (self, cell, rect, found);
        }

  g_ptr_array_sort (found, compare_paint_order);
  return found;
}

static GPtrArray *
entries_to_elements (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    entries->pdata[i] = ((Entry *)entries->pdata[i])->element;
  return entries;
}

/**
 * moat_geometry_query:
 *
 * Returns: (transfer container) (element-type MoatElement): the elements
 *   that may paint inside @rect, in paint order: boundaries, flows, nodes,
 *   notes, each layer by z-order (boundaries of the same z-order outer
 *   ones first)
 */
GPtrArray *
moat_geometry_query (MoatGeometry   *self,
                     const MoatRect *rect)
{
  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  return entries_to_elements (query_entries (self, rect));
}

/**
 * moat_geometry_query_inside:
 *
 * For a rubber band: nodes, notes and boundaries whose shapes lie wholly
 * inside @rect, and flows whose lines do.
 *
 * Returns: (transfer container) (element-type MoatElement): in paint order
 */
GPtrArray *
moat_geometry_query_inside (MoatGeometry   *self,
                            const MoatRect *rect)
{
  GPtrArray *found;
  guint kept = 0;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  found = query_entries (self, rect);
  for (guint i = 0; i < found->len; i++)
    {
      Entry *entry = g_ptr_array_index (found, i);
      gboolean inside = TRUE;

      if (entry->layer == LAYER_FLOW)
        for (guint p = 0; p < entry->path.n_points && inside; p++)
          inside = moat_rect_contains_point (rect, entry->path.points[p].x,
                                             entry->path.points[p].y);
      else
        {
          MoatRect shape;

          moat_geometry_element_rect (entry->element, &shape);
          inside = moat_rect_contains_rect (rect, &shape);
        }
      if (inside)
        found->pdata[kept++] = entry;
    }
  g_ptr_array_set_size (found, kept);
  return entries_to_elements (found);
}

static gboolean
set_hit (MoatHit     *hit,
         MoatHitKind  kind,
         MoatElement *element,
         int          index)
{
  *hit = (MoatHit) { kind, element, index };
  return TRUE;
}

static gboolean
near_point (const MoatPoint *p,
            double           x,
            double           y,
            double           tolerance)
{
  return fabs (p->x - x) <= tolerance && fabs (p->y - y) <= tolerance;
}

/* A selected boundary line shows its points, to drag each one, and the
 * middles of its segments, to drag a new point out of. */
static gboolean
hit_selected_line (MoatGeometry *self,
                   MoatElement  *line,
                   double        x,
                   double        y,
                   double        tolerance,
                   MoatHit      *hit)
{
  g_autofree MoatPoint *points = NULL;
  guint n;

  points = moat_boundary_line_get_points (line, &n);
  for (guint i = 0; i < n; i++)
    if (near_point (&points[i], x, y, tolerance))
      return set_hit (hit, MOAT_HIT_BEND, line, i);
  for (guint i = 0; i + 1 < n; i++)
    {
      MoatPoint handle;

      moat_geometry_get_new_bend_position (self, line, i, &handle);
      if (near_point (&handle, x, y, tolerance))
        return set_hit (hit, MOAT_HIT_NEW_BEND, line, i);
    }
  return FALSE;
}

/* The parts only a selected element shows: resize handles of a shape;
 * the ends, bends and segment middles of a flow. */
static gboolean
hit_selected (MoatGeometry *self,
              MoatElement  *selected,
              double        x,
              double        y,
              double        tolerance,
              MoatHit      *hit)
{
  Entry *entry = g_hash_table_lookup (self->entries, selected);
  const MoatFlowPath *path;
  MoatRect rect;

  if (entry == NULL)
    return FALSE;

  if (moat_boundary_line_is_line (selected))
    return hit_selected_line (self, selected, x, y, tolerance, hit);

  if (entry->layer != LAYER_FLOW)
    {
      MoatHandle handle;

      moat_geometry_element_rect (selected, &rect);
      handle = moat_geometry_hit_handle (&rect, x, y, tolerance);
      return handle != MOAT_HANDLE_NONE && set_hit (hit, MOAT_HIT_HANDLE, selected, handle);
    }

  if (!entry->has_path)
    return FALSE;
  path = &entry->path;

  if (near_point (&path->points[0], x, y, tolerance))
    return set_hit (hit, MOAT_HIT_SOURCE, selected, 0);
  if (near_point (&path->points[path->n_points - 1], x, y, tolerance))
    return set_hit (hit, MOAT_HIT_TARGET, selected, 0);
  if (path->n_synthetic == 0)
    for (guint i = 1; i + 1 < path->n_points; i++)
      if (near_point (&path->points[i], x, y, tolerance))
        return set_hit (hit, MOAT_HIT_BEND, selected, i - 1);
  for (guint i = 0; i + 1 < path->n_points && path->n_synthetic == 0; i++)
    {
      MoatPoint handle;

      moat_geometry_get_new_bend_position (self, selected, i, &handle);
      if (near_point (&handle, x, y, tolerance))
        return set_hit (hit, MOAT_HIT_NEW_BEND, selected, i);
    }
  return FALSE;
}

/**
 * moat_geometry_get_new_bend_position:
 * @segment: a segment of the flow's path, 0 for the first
 *
 * Where the handle for dragging a new bend out of a segment sits: its
 * middle, or a quarter of the way along when the label covers the
 * middle, so that the label stays movable. @flow may be a boundary line
 * too, whose new points are dragged out the same way.
 *
 * Returns: %FALSE if @flow has no such segment
 */
gboolean
moat_geometry_get_new_bend_position (MoatGeometry *self,
                                     MoatElement  *flow,
                                     guint         segment,
                                     MoatPoint    *point)
{
  Entry *entry;
  const MoatPoint *a, *b;
  g_autofree MoatPoint *line = NULL;
  guint n_line;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);

  entry = lookup_entry (self, flow);
  if (entry == NULL)
    return FALSE;
  line = moat_boundary_line_get_points (flow, &n_line);
  if (line != NULL)
    {
      if (segment + 1 >= n_line)
        return FALSE;
      a = &line[segment];
      b = &line[segment + 1];
    }
  else
    {
      if (!entry->has_path || segment + 1 >= entry->path.n_points)
        return FALSE;
      a = &entry->path.points[segment];
      b = &entry->path.points[segment + 1];
    }
  *point = (MoatPoint) { (a->x + b->x) / 2, (a->y + b->y) / 2 };
  if (moat_rect_contains_point (&entry->label, point->x, point->y))
    *point = (MoatPoint) { a->x + (b->x - a->x) / 4, a->y + (b->y - a->y) / 4 };
  return TRUE;
}

static gboolean
boundary_hit (Entry  *entry,
              double  x,
              double  y,
              double  tolerance)
{
  MoatRect rect, inner;
  g_autofree MoatPoint *line = NULL;
  guint n_line;

  if (moat_rect_contains_point (&entry->label, x, y))
    return TRUE;
  line = moat_boundary_line_get_points (entry->element, &n_line);
  if (line != NULL)
    return moat_polyline_distance (line, n_line, x, y, NULL) <= tolerance;

  moat_geometry_element_rect (entry->element, &rect);
  inner = rect;
  moat_rect_inflate (&rect, tolerance);
  moat_rect_inflate (&inner, -tolerance);
  return moat_rect_contains_point (&rect, x, y) &&
         (moat_rect_is_empty (&inner) || !moat_rect_contains_point (&inner, x, y));
}

/**
 * moat_geometry_hit_test:
 * @tolerance: how near counts as on, in diagram units (a few pixels
 *   divided by the zoom)
 * @selected: (nullable): the one selected element, whose handles, bend
 *   points and ends can be hit too
 * @hit: (out): what is at the point
 *
 * What a click at (@x, @y) is on, topmost first: the handles of
 * @selected, flow labels, notes and nodes, flow lines, and last the edges
 * and titles of trust boundaries (their insides stay free for a rubber
 * band).
 *
 * Returns: %TRUE if something is there
 */
gboolean
moat_geometry_hit_test (MoatGeometry *self,
                        double        x,
                        double        y,
                        double        tolerance,
                        MoatElement  *selected,
                        MoatHit      *hit)
{
  g_autoptr(GPtrArray) found = NULL;
  MoatRect probe = { x - tolerance, y - tolerance, 2 * tolerance, 2 * tolerance };
  Entry *best_flow = NULL;
  double best_distance = G_MAXDOUBLE;
  guint best_segment = 0;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);

  *hit = (MoatHit) { MOAT_HIT_NONE, NULL, 0 };
  found = query_entries (self, &probe);
  if (selected != NULL && hit_selected (self, selected, x, y, tolerance, hit))
    return TRUE;

  for (guint i = found->len; i-- > 0;)
    {
      Entry *entry = g_ptr_array_index (found, i);

      if (entry->layer == LAYER_FLOW && moat_rect_contains_point (&entry->label, x, y))
        return set_hit (hit, MOAT_HIT_LABEL, entry->element, 0);
    }

  for (guint i = found->len; i-- > 0;)
    {
      Entry *entry = g_ptr_array_index (found, i);
      guint segment;
      double d;

      switch (entry->layer)
        {
        case LAYER_NODE:
        case LAYER_NOTE:
          if (moat_geometry_node_contains (entry->element, x, y, 0))
            return set_hit (hit, MOAT_HIT_ELEMENT, entry->element, 0);
          break;
        case LAYER_FLOW:
          if (!entry->has_path)
            break;
          d = moat_flow_path_distance (&entry->path, x, y, &segment);
          if (d <= tolerance && d < best_distance)
            best_flow = entry, best_distance = d, best_segment = segment;
          break;
        default:
          break;
        }
    }
  if (best_flow != NULL)
    return set_hit (hit, MOAT_HIT_FLOW, best_flow->element, best_segment);

  /* Flows end on outlines, so a click just off a node's edge is on it. */
  for (guint i = found->len; i-- > 0;)
    {
      Entry *entry = g_ptr_array_index (found, i);

      if ((entry->layer == LAYER_NODE || entry->layer == LAYER_NOTE) &&
          moat_geometry_node_contains (entry->element, x, y, tolerance))
        return set_hit (hit, MOAT_HIT_ELEMENT, entry->element, 0);
      if (entry->layer == LAYER_BOUNDARY && boundary_hit (entry, x, y, tolerance))
        return set_hit (hit, MOAT_HIT_ELEMENT, entry->element, 0);
    }

  return FALSE;
}

/**
 * moat_geometry_node_at:
 * @ignore: (nullable): an element to look through
 *
 * For connecting flows: the topmost node whose shape holds the point.
 *
 * Returns: (nullable) (transfer none): the node
 */
MoatElement *
moat_geometry_node_at (MoatGeometry *self,
                       double        x,
                       double        y,
                       MoatElement  *ignore)
{
  g_autoptr(GPtrArray) found = NULL;
  MoatRect probe = { x, y, 0, 0 };

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), NULL);

  found = query_entries (self, &probe);
  for (guint i = found->len; i-- > 0;)
    {
      Entry *entry = g_ptr_array_index (found, i);

      if (entry->layer == LAYER_NODE && entry->element != ignore &&
          moat_geometry_node_contains (entry->element, x, y, 0))
        return entry->element;
    }
  return NULL;
}

/**
 * moat_geometry_take_damage:
 * @rects: (element-type MoatRect): where to add the areas
 *
 * Adds to @rects, in diagram units, the areas whose drawing the model's
 * changes touched since the last call: the bounds each changed element
 * had and has, and those of the flows that followed it. A view redraws
 * these instead of everything; decorations drawn around an element's
 * bounds (selection, badges) are for the view to allow for.
 *
 * Returns: %FALSE if everything may have changed (a new font, a
 *   reload, too many changes), when @rects says nothing
 */
gboolean
moat_geometry_take_damage (MoatGeometry *self,
                           GArray       *rects)
{
  gboolean all;

  g_return_val_if_fail (MOAT_IS_GEOMETRY (self), FALSE);
  g_return_val_if_fail (rects != NULL, FALSE);

  flush (self);
  all = self->damaged_all;
  if (!all)
    g_array_append_vals (rects, self->damage->data, self->damage->len);
  g_array_set_size (self->damage, 0);
  self->damaged_all = FALSE;
  return !all;
}
