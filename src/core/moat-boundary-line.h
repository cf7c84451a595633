/* moat-boundary-line.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-geometry.h"

G_BEGIN_DECLS

/* A trust boundary drawn as a line instead of a region: an element of
 * kind MOAT_ELEMENT_BOUNDARY whose "points" hold at least two points.
 * The points are an open polyline in diagram units, absolute like a
 * flow's bends; x, y, width and height are kept as the box around them
 * (moat_boundary_line_set_points() does that), though the drawing, hit
 * tests and crossings go by the points alone. Nothing is inside a line;
 * a flow crosses it when its path runs from one side to the other. */

#define MOAT_BOUNDARY_LINE_MIN_POINTS 2

gboolean     moat_boundary_line_is_line         (MoatElement     *element);
MoatElement *moat_boundary_line_new             (const MoatPoint *points,
                                                 guint            n_points);
MoatPoint   *moat_boundary_line_get_points      (MoatElement     *element,
                                                 guint           *n_points);
gboolean     moat_boundary_line_get_bounds      (MoatElement     *element,
                                                 MoatRect        *bounds);
GVariant    *moat_boundary_line_points_variant  (const MoatPoint *points,
                                                 guint            n_points);
void         moat_boundary_line_set_points      (MoatElement     *element,
                                                 const MoatPoint *points,
                                                 guint            n_points);
void         moat_boundary_line_set_points_variant (MoatElement  *element,
                                                    GVariant     *points);
void         moat_boundary_line_translate       (MoatElement     *element,
                                                 double           dx,
                                                 double           dy);

/* Pure geometry on polylines. */
double       moat_polyline_distance             (const MoatPoint *points,
                                                 guint            n_points,
                                                 double           x,
                                                 double           y,
                                                 guint           *segment);
guint        moat_polyline_count_crossings      (const MoatPoint *line,
                                                 guint            n_line,
                                                 const MoatPoint *path,
                                                 guint            n_path);
void         moat_polyline_middle               (const MoatPoint *points,
                                                 guint            n_points,
                                                 MoatPoint       *middle,
                                                 guint           *segment);

G_END_DECLS
