/* moat-renderer.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "moat-compare.h"
#include "moat-geometry.h"
#include "moat-palette.h"

G_BEGIN_DECLS

/* What part of a diagram lands where on a surface: the diagram point
 * (@x, @y) is drawn at the surface's origin, @scale device units to a
 * diagram unit, on a target of @width × @height device units. */
typedef struct
{
  double scale;
  double x;
  double y;
  double width;
  double height;
} MoatView;

void     moat_view_get_visible     (const MoatView *view,
                                    MoatRect       *visible);
void     moat_view_to_diagram      (const MoatView *view,
                                    double          view_x,
                                    double          view_y,
                                    double         *x,
                                    double         *y);
void     moat_view_from_diagram    (const MoatView *view,
                                    double          x,
                                    double          y,
                                    double         *view_x,
                                    double         *view_y);
void     moat_view_apply           (const MoatView *view,
                                    cairo_t        *cr);

/**
 * MoatBadgeFunc:
 * @element: an element being drawn
 * @color: (out): the badge's colour; preset to the palette's
 *
 * Returns: the number to show on the element, or 0 for no badge
 */
typedef guint (*MoatBadgeFunc) (MoatElement *element,
                                MoatColor   *color,
                                gpointer     user_data);

#define MOAT_TYPE_RENDERER (moat_renderer_get_type ())

/* Draws one diagram of a model onto any cairo_t: the canvas on screen,
 * PDF pages, PNG and SVG exports. View state (selection, hover, badges)
 * is set by whoever owns the view; exports leave it out. */
G_DECLARE_FINAL_TYPE (MoatRenderer, moat_renderer, MOAT, RENDERER, GObject)

MoatRenderer      *moat_renderer_new                  (MoatModel          *model,
                                                       const char         *diagram_id);
MoatModel         *moat_renderer_get_model            (MoatRenderer       *self);
const char        *moat_renderer_get_diagram_id       (MoatRenderer       *self);
MoatGeometry      *moat_renderer_get_geometry         (MoatRenderer       *self);

void               moat_renderer_set_palette          (MoatRenderer       *self,
                                                       const MoatPalette  *palette);
const MoatPalette *moat_renderer_get_palette          (MoatRenderer       *self);
void               moat_renderer_set_font_family      (MoatRenderer       *self,
                                                       const char         *family);
void               moat_renderer_set_grid_size        (MoatRenderer       *self,
                                                       double              grid_size);
double             moat_renderer_get_grid_size        (MoatRenderer       *self);
void               moat_renderer_set_draw_background  (MoatRenderer       *self,
                                                       gboolean            draw_background);

void               moat_renderer_set_selection        (MoatRenderer       *self,
                                                       GHashTable         *selection);
void               moat_renderer_set_highlighted      (MoatRenderer       *self,
                                                       GHashTable         *highlighted);
void               moat_renderer_set_hover            (MoatRenderer       *self,
                                                       MoatElement        *element);
void               moat_renderer_set_connection_hint  (MoatRenderer       *self,
                                                       MoatElement        *element);
void               moat_renderer_set_badge_func       (MoatRenderer       *self,
                                                       MoatBadgeFunc       func,
                                                       gpointer            user_data,
                                                       GDestroyNotify      destroy);

void               moat_renderer_set_compare          (MoatRenderer       *self,
                                                       MoatCompare        *compare);
MoatCompareMark    moat_renderer_get_compare_mark     (MoatRenderer       *self,
                                                       const char         *element_id);
void               moat_renderer_set_show_review      (MoatRenderer       *self,
                                                       gboolean            show_review);
void               moat_renderer_set_show_conflicts   (MoatRenderer       *self,
                                                       gboolean            show_conflicts);
gboolean           moat_renderer_get_conflict_marked  (MoatRenderer       *self,
                                                       MoatElement        *element);
void               moat_renderer_draw                 (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       const MoatView     *view);
void               moat_renderer_draw_area            (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       const MoatView     *view,
                                                       const MoatRect     *area);
gboolean           moat_renderer_take_damage          (MoatRenderer       *self,
                                                       const MoatView     *view,
                                                       cairo_region_t     *damage);
gboolean           moat_renderer_get_diagram_bounds   (MoatRenderer       *self,
                                                       MoatRect           *bounds);
double             moat_renderer_draw_fitted          (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       const MoatRect     *target,
                                                       double              max_scale);
void               moat_renderer_draw_func            (cairo_t            *cr,
                                                       double              width,
                                                       double              height,
                                                       gpointer            renderer);

void               moat_renderer_draw_node_preview    (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       MoatElementKind     kind,
                                                       const MoatRect     *rect,
                                                       double              scale);
void               moat_renderer_draw_flow_preview    (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       const MoatPoint    *points,
                                                       guint               n_points,
                                                       double              scale);
void               moat_renderer_draw_line_preview    (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       const MoatPoint    *points,
                                                       guint               n_points,
                                                       double              scale);
void               moat_renderer_draw_rubber_band     (MoatRenderer       *self,
                                                       cairo_t            *cr,
                                                       const MoatRect     *rect,
                                                       double              scale);

gboolean           moat_renderer_export_png           (MoatRenderer       *self,
                                                       double              scale,
                                                       const char         *path,
                                                       GError            **error);
gboolean           moat_renderer_export_svg           (MoatRenderer       *self,
                                                       const char         *path,
                                                       GError            **error);

G_END_DECLS
