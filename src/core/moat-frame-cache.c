/* moat-frame-cache.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drag moves one shape and the flows on it, a pan moves everything
 * by a few pixels: redrawing a whole screen of thousands of elements for
 * either is most of what a frame costs. The cache keeps the last frame's
 * pixels and asks the renderer what changed; what it redraws is drawn by
 * moat_renderer_draw_area(), the same to the pixel as a full drawing.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "moat-frame-cache.h"

/* Past this many separate areas, one box round them is quicker to draw. */
#define MAX_AREAS 16

struct _MoatFrameCache
{
  GObject          parent_instance;

  MoatRenderer    *renderer;
  cairo_surface_t *surface;
  MoatView         view;      /* what the surface shows */
  gboolean         valid;
};

G_DEFINE_FINAL_TYPE (MoatFrameCache, moat_frame_cache, G_TYPE_OBJECT)

static void
moat_frame_cache_finalize (GObject *object)
{
  MoatFrameCache *self = MOAT_FRAME_CACHE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (moat_frame_cache_parent_class)->finalize (object);
}

static void
moat_frame_cache_class_init (MoatFrameCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_frame_cache_finalize;
}

static void
moat_frame_cache_init (MoatFrameCache *self)
{
}

/**
 * moat_frame_cache_new:
 * @renderer: what draws the frames
 *
 * Returns: (transfer full): a cache with nothing in it yet
 */
MoatFrameCache *
moat_frame_cache_new (MoatRenderer *renderer)
{
  MoatFrameCache *self;

  g_return_val_if_fail (MOAT_IS_RENDERER (renderer), NULL);

  self = g_object_new (MOAT_TYPE_FRAME_CACHE, NULL);
  self->renderer = g_object_ref (renderer);
  return self;
}

MoatRenderer *
moat_frame_cache_get_renderer (MoatFrameCache *self)
{
  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), NULL);

  return self->renderer;
}

/**
 * moat_frame_cache_get_surface:
 *
 * Returns: (transfer none) (nullable): the image surface of the last
 *   frame, %NULL before the first
 */
cairo_surface_t *
moat_frame_cache_get_surface (MoatFrameCache *self)
{
  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), NULL);

  return self->surface;
}

/**
 * moat_frame_cache_invalidate:
 *
 * The next frame draws everything: for changes the renderer cannot know
 * of.
 */
void
moat_frame_cache_invalidate (MoatFrameCache *self)
{
  g_return_if_fail (MOAT_IS_FRAME_CACHE (self));

  self->valid = FALSE;
}

/* Whether @view shows what the surface shows, moved by whole pixels. */
static gboolean
scrolled_by_pixels (MoatFrameCache *self,
                    const MoatView *view,
                    int            *dx,
                    int            *dy)
{
  double x = (view->x - self->view.x) * view->scale;
  double y = (view->y - self->view.y) * view->scale;

  *dx = (int)round (x);
  *dy = (int)round (y);
  return self->valid && view->scale == self->view.scale &&
         view->width == self->view.width && view->height == self->view.height &&
         fabs (x - *dx) < 1e-3 && fabs (y - *dy) < 1e-3 &&
         abs (*dx) < view->width && abs (*dy) < view->height;
}

/* Moves the pixels by (-@dx, -@dy): what was at (@dx, @dy) goes to the
 * origin. */
static void
scroll_pixels (cairo_surface_t *surface,
               int              dx,
               int              dy)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int n = width - abs (dx);
  int to_x = MAX (0, -dx), from_x = MAX (0, dx);

  cairo_surface_flush (surface);
  for (int i = 0; i < height - abs (dy); i++)
    {
      /* Rows in the order that never reads one already written. */
      int y = dy >= 0 ? i : height - 1 - i;

      memmove (data + y * stride + to_x * 4, data + (y + dy) * stride + from_x * 4, (size_t)n * 4);
    }
  cairo_surface_mark_dirty (surface);
}

static void
draw_all (MoatFrameCache *self,
          const MoatView *view)
{
  int width = (int)ceil (view->width), height = (int)ceil (view->height);
  cairo_t *cr;

  if (self->surface == NULL || cairo_image_surface_get_width (self->surface) != width ||
      cairo_image_surface_get_height (self->surface) != height)
    {
      g_clear_pointer (&self->surface, cairo_surface_destroy);
      self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  cr = cairo_create (self->surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  moat_renderer_draw (self->renderer, cr, view);
  cairo_destroy (cr);
}

static void
draw_area (MoatFrameCache              *self,
           cairo_t                     *cr,
           const cairo_rectangle_int_t *r)
{
  MoatRect area = { r->x, r->y, r->width, r->height };

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_fill (cr);
  cairo_restore (cr);
  moat_renderer_draw_area (self->renderer, cr, &self->view, &area);
}

/**
 * moat_frame_cache_update:
 * @view: the view to draw, in device pixels
 * @extra: (nullable): more to redraw, in @view's device pixels: what a
 *   view drew over the last frame, such as a gesture
 *
 * Brings the surface up to date with @view and the model.
 *
 * Returns: (transfer full) (nullable): the pixels that changed, or %NULL
 *   when all of them may have
 */
cairo_region_t *
moat_frame_cache_update (MoatFrameCache       *self,
                         const MoatView       *view,
                         const cairo_region_t *extra)
{
  cairo_region_t *damage;
  gboolean partial;
  int dx, dy, n;
  cairo_t *cr;

  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), NULL);
  g_return_val_if_fail (view != NULL && view->width > 0 && view->height > 0, NULL);

  damage = cairo_region_create ();
  /* Asked every frame, so that the renderer forgets what it said. */
  partial = moat_renderer_take_damage (self->renderer, view, damage);
  partial = scrolled_by_pixels (self, view, &dx, &dy) && partial;
  self->view = *view;
  self->valid = TRUE;
  if (!partial)
    {
      cairo_region_destroy (damage);
      draw_all (self, view);
      return NULL;
    }

  if (extra != NULL)
    {
      cairo_region_t *moved = cairo_region_copy (extra);

      cairo_region_translate (moved, -dx, -dy);
      cairo_region_union (damage, moved);
      cairo_region_destroy (moved);
    }
  if (dx != 0 || dy != 0)
    {
      int width = cairo_image_surface_get_width (self->surface);
      int height = cairo_image_surface_get_height (self->surface);

      scroll_pixels (self->surface, dx, dy);
      /* The strips that came into view. */
      if (dx != 0)
        cairo_region_union_rectangle (damage, &(cairo_rectangle_int_t) { dx > 0 ? width - dx : 0, 0,
                                                                         abs (dx), height });
      if (dy != 0)
        cairo_region_union_rectangle (damage, &(cairo_rectangle_int_t) { 0, dy > 0 ? height - dy : 0,
                                                                         width, abs (dy) });
    }

  cr = cairo_create (self->surface);
  n = cairo_region_num_rectangles (damage);
  if (n > MAX_AREAS)
    {
      cairo_rectangle_int_t box;

      cairo_region_get_extents (damage, &box);
      draw_area (self, cr, &box);
    }
  else
    for (int i = 0; i < n; i++)
      {
        cairo_rectangle_int_t r;

        cairo_region_get_rectangle (damage, i, &r);
        draw_area (self, cr, &r);
      }
  cairo_destroy (cr);

  if (dx != 0 || dy != 0)
    {
      /* Everything moved on screen. */
      cairo_region_destroy (damage);
      return NULL;
    }
  return damage;
}
