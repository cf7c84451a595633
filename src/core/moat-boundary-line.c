/* moat-boundary-line.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-boundary-line.h"

/**
 * moat_boundary_line_is_line:
 *
 * Returns: whether @element is a trust boundary drawn as a line
 */
gboolean
moat_boundary_line_is_line (MoatElement *element)
{
  GVariant *points;

  if (element == NULL || moat_element_get_kind (element) != MOAT_ELEMENT_BOUNDARY)
    return FALSE;
  points = moat_element_get_points (element);
  return points != NULL && g_variant_n_children (points) >= MOAT_BOUNDARY_LINE_MIN_POINTS;
}

/**
 * moat_boundary_line_new:
 * @points: (array length=n_points): at least two points, in diagram units
 *
 * A new trust boundary line through @points; the caller gives it its
 * diagram and name.
 *
 * Returns: (transfer full): the element
 */
MoatElement *
moat_boundary_line_new (const MoatPoint *points,
                        guint            n_points)
{
  MoatElement *element = moat_element_new ();

  g_return_val_if_fail (n_points >= MOAT_BOUNDARY_LINE_MIN_POINTS, element);

  g_object_set (element, "kind", MOAT_ELEMENT_BOUNDARY, NULL);
  moat_boundary_line_set_points (element, points, n_points);
  return element;
}

/**
 * moat_boundary_line_get_points:
 * @n_points: (out): how many
 *
 * Returns: (transfer full) (array length=n_points) (nullable): the
 *   points of the line, or %NULL if @element is not a line
 */
MoatPoint *
moat_boundary_line_get_points (MoatElement *element,
                               guint       *n_points)
{
  GVariant *points;
  MoatPoint *result;
  guint n;

  *n_points = 0;
  if (!moat_boundary_line_is_line (element))
    return NULL;

  points = moat_element_get_points (element);
  n = g_variant_n_children (points);
  result = g_new (MoatPoint, n);
  for (guint i = 0; i < n; i++)
    g_variant_get_child (points, i, "(dd)", &result[i].x, &result[i].y);
  *n_points = n;
  return result;
}

static void
bounds_of (const MoatPoint *points,
           guint            n_points,
           MoatRect        *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < n_points; i++)
    {
      x0 = MIN (x0, points[i].x), y0 = MIN (y0, points[i].y);
      x1 = MAX (x1, points[i].x), y1 = MAX (y1, points[i].y);
    }
  *bounds = n_points > 0 ? (MoatRect) { x0, y0, x1 - x0, y1 - y0 } : (MoatRect) { 0, 0, 0, 0 };
}

/**
 * moat_boundary_line_get_bounds:
 *
 * The box around the line's points, without allocating: the geometry
 * asks for it often.
 *
 * Returns: %FALSE if @element is not a line
 */
gboolean
moat_boundary_line_get_bounds (MoatElement *element,
                               MoatRect    *bounds)
{
  GVariant *points;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n;

  if (!moat_boundary_line_is_line (element))
    return FALSE;

  points = moat_element_get_points (element);
  n = g_variant_n_children (points);
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      g_variant_get_child (points, i, "(dd)", &x, &y);
      x0 = MIN (x0, x), y0 = MIN (y0, y), x1 = MAX (x1, x), y1 = MAX (y1, y);
    }
  *bounds = (MoatRect) { x0, y0, x1 - x0, y1 - y0 };
  return TRUE;
}

/**
 * moat_boundary_line_points_variant:
 *
 * Returns: (transfer floating): @points as the "points" field holds them
 */
GVariant *
moat_boundary_line_points_variant (const MoatPoint *points,
                                   guint            n_points)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < n_points; i++)
    g_variant_builder_add (&builder, "(dd)", points[i].x, points[i].y);
  return g_variant_builder_end (&builder);
}

/**
 * moat_boundary_line_set_points:
 *
 * Sets the line's points and the box around them, in the action that is
 * open: one undo step with whatever else the gesture changes.
 */
void
moat_boundary_line_set_points (MoatElement     *element,
                               const MoatPoint *points,
                               guint            n_points)
{
  MoatRect box;

  g_return_if_fail (MOAT_IS_ELEMENT (element));

  bounds_of (points, n_points, &box);
  g_object_set (element, "points", moat_boundary_line_points_variant (points, n_points),
                "x", box.x, "y", box.y, "width", box.width, "height", box.height, NULL);
}

/**
 * moat_boundary_line_set_points_variant:
 * @points: an `a(dd)` variant
 */
void
moat_boundary_line_set_points_variant (MoatElement *element,
                                       GVariant    *points)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (points);
  g_autofree MoatPoint *array = NULL;
  guint n;

  g_return_if_fail (MOAT_IS_ELEMENT (element));
  g_return_if_fail (g_variant_is_of_type (points, G_VARIANT_TYPE ("a(dd)")));

  n = g_variant_n_children (owned);
  array = g_new (MoatPoint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    g_variant_get_child (owned, i, "(dd)", &array[i].x, &array[i].y);
  moat_boundary_line_set_points (element, array, n);
}

/**
 * moat_boundary_line_translate:
 *
 * Moves a line by (@dx, @dy): its points and its box. Any other element
 * moves by its x and y alone.
 */
void
moat_boundary_line_translate (MoatElement *element,
                              double       dx,
                              double       dy)
{
  g_autofree MoatPoint *points = NULL;
  guint n;

  g_return_if_fail (MOAT_IS_ELEMENT (element));

  points = moat_boundary_line_get_points (element, &n);
  if (points == NULL)
    {
      g_object_set (element, "x", moat_element_get_x (element) + dx,
                    "y", moat_element_get_y (element) + dy, NULL);
      return;
    }
  for (guint i = 0; i < n; i++)
    points[i].x += dx, points[i].y += dy;
  moat_boundary_line_set_points (element, points, n);
}

/* ---------------------------------------------------------------------
 * Polylines
 * ------------------------------------------------------------------- */

static double
segment_distance (const MoatPoint *a,
                  const MoatPoint *b,
                  double           x,
                  double           y)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - a->x) * dx + (y - a->y) * dy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (x - (a->x + t * dx), y - (a->y + t * dy));
}

/**
 * moat_polyline_distance:
 * @segment: (out) (optional): the nearest segment, 0 for the first
 *
 * Returns: how far (@x, @y) is from the nearest point of the polyline
 */
double
moat_polyline_distance (const MoatPoint *points,
                        guint            n_points,
                        double           x,
                        double           y,
                        guint           *segment)
{
  double best = G_MAXDOUBLE;
  guint best_segment = 0;

  for (guint i = 0; i + 1 < n_points; i++)
    {
      double d = segment_distance (&points[i], &points[i + 1], x, y);

      if (d < best)
        best = d, best_segment = i;
    }
  if (n_points == 1)
    best = hypot (x - points[0].x, y - points[0].y);
  if (segment != NULL)
    *segment = best_segment;
  return best;
}

/* Which side of the line through @a and @b the point @p is on. A point
 * on the line counts as on the left, so that a path through a vertex of
 * the other crosses it once, and one that only touches it crosses it
 * twice or not at all: the parity is right either way. */
static gboolean
left_of (const MoatPoint *a,
         const MoatPoint *b,
         const MoatPoint *p)
{
  return (b->x - a->x) * (p->y - a->y) - (b->y - a->y) * (p->x - a->x) >= 0;
}

static gboolean
segments_cross (const MoatPoint *a,
                const MoatPoint *b,
                const MoatPoint *p,
                const MoatPoint *q)
{
  return left_of (a, b, p) != left_of (a, b, q) && left_of (p, q, a) != left_of (p, q, b);
}

/**
 * moat_polyline_count_crossings:
 * @line: (array length=n_line): a boundary line
 * @path: (array length=n_path): the path of a flow
 *
 * Returns: how many times @path passes from one side of @line to the
 *   other: odd when its ends lie on either side of the line
 */
guint
moat_polyline_count_crossings (const MoatPoint *line,
                               guint            n_line,
                               const MoatPoint *path,
                               guint            n_path)
{
  guint n = 0;

  for (guint i = 0; i + 1 < n_path; i++)
    {
      MoatRect box;

      bounds_of (&path[i], 2, &box);
      for (guint j = 0; j + 1 < n_line; j++)
        {
          /* Most segments are nowhere near each other. */
          if (MAX (line[j].x, line[j + 1].x) < box.x || MIN (line[j].x, line[j + 1].x) > box.x + box.width ||
              MAX (line[j].y, line[j + 1].y) < box.y || MIN (line[j].y, line[j + 1].y) > box.y + box.height)
            continue;
          n += segments_cross (&line[j], &line[j + 1], &path[i], &path[i + 1]);
        }
    }
  return n;
}

/**
 * moat_polyline_middle:
 * @middle: (out): the point half way along
 * @segment: (out) (optional): the segment it lies on
 */
void
moat_polyline_middle (const MoatPoint *points,
                      guint            n_points,
                      MoatPoint       *middle,
                      guint           *segment)
{
  double total = 0, walked = 0;

  if (segment != NULL)
    *segment = 0;
  if (n_points == 0)
    {
      *middle = (MoatPoint) { 0, 0 };
      return;
    }
  for (guint i = 0; i + 1 < n_points; i++)
    total += hypot (points[i + 1].x - points[i].x, points[i + 1].y - points[i].y);

  *middle = points[0];
  for (guint i = 0; i + 1 < n_points; i++)
    {
      const MoatPoint *a = &points[i], *b = &points[i + 1];
      double len = hypot (b->x - a->x, b->y - a->y);

      if (walked + len >= total / 2 && len > 0)
        {
          double t = (total / 2 - walked) / len;

          *middle = (MoatPoint) { a->x + t * (b->x - a->x), a->y + t * (b->y - a->y) };
          if (segment != NULL)
            *segment = i;
          return;
        }
      walked += len;
    }
}
