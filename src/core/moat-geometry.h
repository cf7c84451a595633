/* moat-geometry.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

#include "moat-element.h"
#include "moat-model.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
} MoatPoint;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} MoatRect;

/* The line a flow is drawn along, in diagram units: the point where it
 * leaves its source's outline, its bend points, the point where it meets
 * its target's outline. A label the user moved is centred on @label: the
 * middle of the line moved by the flow's label-x and label-y, so that it
 * keeps its place beside the line when the elements move; otherwise the
 * label sits beside the line's middle, on the side @normal points to, so
 * that it hides neither its own line nor a parallel one. */
typedef struct
{
  MoatPoint *points;
  guint      n_points;
  guint      n_synthetic;  /* bends made up for a loop back to the source */
  MoatPoint  middle;
  MoatPoint  normal;       /* unit, across the line at its middle */
  MoatPoint  label;
} MoatFlowPath;

/* The resize handles of an element, clockwise from the top left. */
typedef enum {
  MOAT_HANDLE_NONE = -1,
  MOAT_HANDLE_NORTH_WEST,
  MOAT_HANDLE_NORTH,
  MOAT_HANDLE_NORTH_EAST,
  MOAT_HANDLE_EAST,
  MOAT_HANDLE_SOUTH_EAST,
  MOAT_HANDLE_SOUTH,
  MOAT_HANDLE_SOUTH_WEST,
  MOAT_HANDLE_WEST,
} MoatHandle;

#define MOAT_N_HANDLES 8

typedef enum {
  MOAT_HIT_NONE,
  MOAT_HIT_ELEMENT,   /* the body of a node, the edge or title of a boundary */
  MOAT_HIT_FLOW,      /* a flow's line; index is the segment */
  MOAT_HIT_LABEL,     /* a flow's label */
  MOAT_HIT_HANDLE,    /* a resize handle; index is a MoatHandle */
  MOAT_HIT_BEND,      /* a bend point, or a point of a boundary line; index counts from 0 */
  MOAT_HIT_NEW_BEND,  /* the middle of a segment, to drag out a new bend; index is the segment */
  MOAT_HIT_SOURCE,    /* the start of a flow, to reconnect it */
  MOAT_HIT_TARGET,    /* the end of a flow, to reconnect it */
} MoatHitKind;

typedef struct
{
  MoatHitKind  kind;
  MoatElement *element;
  int          index;
} MoatHit;

/* Sizes in diagram units that the renderer and hit tests share. */
#define MOAT_GEOMETRY_ARROW_LENGTH 13.0
#define MOAT_GEOMETRY_ARROW_WIDTH  10.0
#define MOAT_GEOMETRY_LOOP_SIZE    40.0
#define MOAT_GEOMETRY_PARALLEL_GAP 16.0 /* between flows that join the same two nodes */
#define MOAT_GEOMETRY_LABEL_WIDTH  190.0
#define MOAT_GEOMETRY_LABEL_MIN_WIDTH 64.0
#define MOAT_GEOMETRY_SMALLEST_TEXT 13.0

/* Rectangles. */
gboolean      moat_rect_is_empty               (const MoatRect     *rect);
gboolean      moat_rect_contains_point         (const MoatRect     *rect,
                                                double              x,
                                                double              y);
gboolean      moat_rect_contains_rect          (const MoatRect     *outer,
                                                const MoatRect     *inner);
gboolean      moat_rect_intersects             (const MoatRect     *a,
                                                const MoatRect     *b);
void          moat_rect_union                  (MoatRect           *rect,
                                                const MoatRect     *other);
void          moat_rect_inflate                (MoatRect           *rect,
                                                double              amount);

/* One element at a time, straight from the model. */
gboolean      moat_geometry_is_node            (MoatElement        *element);
void          moat_geometry_element_rect       (MoatElement        *element,
                                                MoatRect           *rect);
void          moat_geometry_anchor             (MoatElement        *node,
                                                const MoatPoint    *toward,
                                                MoatPoint          *anchor);
gboolean      moat_geometry_node_contains      (MoatElement        *node,
                                                double              x,
                                                double              y,
                                                double              tolerance);
gboolean      moat_geometry_flow_path          (MoatModel          *model,
                                                MoatElement        *flow,
                                                MoatFlowPath       *path);
void          moat_flow_path_clear             (MoatFlowPath       *path);
double        moat_flow_path_distance          (const MoatFlowPath *path,
                                                double              x,
                                                double              y,
                                                guint              *segment);
void          moat_geometry_handle_position    (const MoatRect     *rect,
                                                MoatHandle          handle,
                                                MoatPoint          *point);
MoatHandle    moat_geometry_hit_handle         (const MoatRect     *rect,
                                                double              x,
                                                double              y,
                                                double              tolerance);
void          moat_geometry_resize             (const MoatRect     *rect,
                                                MoatHandle          handle,
                                                double              dx,
                                                double              dy,
                                                double              min_size,
                                                MoatRect           *result);

/* Trust boundaries. */
gboolean      moat_geometry_region_contains    (const MoatRect     *region,
                                                const MoatPoint    *centre);
gboolean      moat_geometry_element_inside     (MoatElement        *element,
                                                MoatElement        *boundary);
GPtrArray    *moat_geometry_boundaries_containing (MoatModel       *model,
                                                   MoatElement     *element);
GPtrArray    *moat_geometry_boundaries_crossed (MoatModel          *model,
                                                MoatElement        *flow);
GPtrArray    *moat_geometry_flows_crossing     (MoatModel          *model,
                                                MoatElement        *boundary);
gboolean      moat_geometry_flow_crosses       (MoatModel          *model,
                                                MoatElement        *flow,
                                                MoatElement        *boundary);

#define MOAT_TYPE_GEOMETRY (moat_geometry_get_type ())

/* The laid-out geometry of one diagram: bounding boxes, flow paths and
 * text layouts of its elements, kept in a uniform grid so that hit tests
 * and the drawing of a visible region look only at what is there. It
 * follows the model's changes and recomputes only the elements they
 * touch (and the flows attached to them). */
G_DECLARE_FINAL_TYPE (MoatGeometry, moat_geometry, MOAT, GEOMETRY, GObject)

MoatGeometry       *moat_geometry_new              (MoatModel          *model,
                                                    const char         *diagram_id);
MoatModel          *moat_geometry_get_model        (MoatGeometry       *self);
const char         *moat_geometry_get_diagram_id   (MoatGeometry       *self);
void                moat_geometry_set_font_family  (MoatGeometry       *self,
                                                    const char         *family);
const char         *moat_geometry_get_font_family  (MoatGeometry       *self);
PangoContext       *moat_geometry_get_pango_context (MoatGeometry      *self);

guint               moat_geometry_get_n_elements   (MoatGeometry       *self);
gboolean            moat_geometry_get_bounds       (MoatGeometry       *self,
                                                    MoatRect           *bounds);
gboolean            moat_geometry_take_damage      (MoatGeometry       *self,
                                                    GArray             *rects);
gboolean            moat_geometry_get_element_bounds (MoatGeometry     *self,
                                                      MoatElement      *element,
                                                      MoatRect         *bounds);
const MoatFlowPath *moat_geometry_get_path         (MoatGeometry       *self,
                                                    MoatElement        *flow);
gboolean            moat_geometry_get_label_rect   (MoatGeometry       *self,
                                                    MoatElement        *element,
                                                    MoatRect           *rect);
PangoLayout        *moat_geometry_get_layout       (MoatGeometry       *self,
                                                    MoatElement        *element);
gboolean            moat_geometry_size_to_fit_name (MoatGeometry       *self,
                                                    MoatElement        *element,
                                                    double             *width,
                                                    double             *height);
gboolean            moat_geometry_get_new_bend_position (MoatGeometry  *self,
                                                         MoatElement   *flow,
                                                         guint          segment,
                                                         MoatPoint     *point);

GPtrArray          *moat_geometry_query            (MoatGeometry       *self,
                                                    const MoatRect     *rect);
GPtrArray          *moat_geometry_query_inside     (MoatGeometry       *self,
                                                    const MoatRect     *rect);
gboolean            moat_geometry_hit_test         (MoatGeometry       *self,
                                                    double              x,
                                                    double              y,
                                                    double              tolerance,
                                                    MoatElement        *selected,
                                                    MoatHit            *hit);
MoatElement        *moat_geometry_node_at          (MoatGeometry       *self,
                                                    double              x,
                                                    double              y,
                                                    MoatElement        *ignore);

G_END_DECLS
