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
 *
 * A zoom changes every pixel, and a view of thousands of elements takes
 * longer to draw than a frame may. Given a budget, the cache shows the
 * pixels it has, resampled to the new zoom, draws at once only what they
 * do not cover, then draws the rest again sharp, square by square from
 * where the zoom centred, until the budget is spent; later updates go on
 * where it stopped. Squares drawn apart are not quite a drawing of
 * the whole: cairo antialiases a slanted line cut by a clip a few levels
 * differently. So once the zoom pauses, the view asks for one drawing of
 * the whole (moat_frame_cache_redraw()), and it ends as a full drawing
 * to the pixel.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "moat-frame-cache.h"

/* Past this many separate areas, one box round them is quicker to draw. */
#define MAX_AREAS 16
/* The squares a resampled frame is drawn sharp in, in device pixels: a
 * canvas' tiles, so that each changes one of them. */
#define BLOCK_SIZE 256
/* Zoomed further at once, the old pixels are too few to show. */
#define MAX_RESAMPLE 8.0

struct _MoatFrameCache
{
  GObject          parent_instance;

  MoatRenderer    *renderer;
  cairo_surface_t *surface;
  MoatView         view;      /* what the surface shows */
  gboolean         valid;

  gint64           budget;    /* µs a frame may draw for after a zoom, or -1 */
  cairo_surface_t *spare;     /* where the next zoom resamples the frame to */
  cairo_region_t  *blurred;   /* resampled pixels not drawn sharp yet */
  double           focus_x;   /* where the last zoom centred: sharp first */
  double           focus_y;
  gboolean         exact;     /* drawn as a whole since the last zoom */
};

G_DEFINE_FINAL_TYPE (MoatFrameCache, moat_frame_cache, G_TYPE_OBJECT)

static void
moat_frame_cache_finalize (GObject *object)
{
  MoatFrameCache *self = MOAT_FRAME_CACHE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_clear_pointer (&self->spare, cairo_surface_destroy);
  g_clear_pointer (&self->blurred, cairo_region_destroy);
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
  self->budget = -1;
  self->blurred = cairo_region_create ();
  self->exact = TRUE;
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

/**
 * moat_frame_cache_set_budget:
 * @usec: how long, in µs, an update may draw for once the view zoomed,
 *   or -1 (the default) to draw everything at once
 *
 * With a budget, an update to another zoom (or to a scroll by less than
 * a pixel) shows the kept pixels resampled, draws at once only what they
 * do not cover and what changed, and draws the rest sharp until @usec
 * have passed since it began, at least one square of it; but the first
 * zoom from a view drawn as a whole draws nothing sharp yet. Later
 * updates go on until moat_frame_cache_is_sharp().
 */
void
moat_frame_cache_set_budget (MoatFrameCache *self,
                             gint64          usec)
{
  g_return_if_fail (MOAT_IS_FRAME_CACHE (self));

  self->budget = MAX (usec, -1);
}

/**
 * moat_frame_cache_is_sharp:
 *
 * Returns: %FALSE while part of the surface shows resampled pixels, which
 *   further updates draw again
 */
gboolean
moat_frame_cache_is_sharp (MoatFrameCache *self)
{
  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), TRUE);

  return cairo_region_is_empty (self->blurred);
}

/**
 * moat_frame_cache_is_zoom_prepared:
 *
 * Returns: whether moat_frame_cache_prepare_zoom() has nothing to do
 */
gboolean
moat_frame_cache_is_zoom_prepared (MoatFrameCache *self)
{
  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), TRUE);

  return self->surface == NULL || self->spare != NULL || self->budget < 0;
}

/**
 * moat_frame_cache_prepare_zoom:
 *
 * Makes, and writes once, the surface the next zoom resamples the frame
 * into, so that the zoom's first frame does not carry the cost of new
 * memory (the kernel's page faults on every page of a frame-sized
 * surface, measured at a quarter of that frame). For an idle moment.
 *
 * Returns: %TRUE if there was anything to do
 */
gboolean
moat_frame_cache_prepare_zoom (MoatFrameCache *self)
{
  cairo_t *cr;

  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), FALSE);

  if (moat_frame_cache_is_zoom_prepared (self))
    return FALSE;
  self->spare = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            cairo_image_surface_get_width (self->surface),
                                            cairo_image_surface_get_height (self->surface));
  cr = cairo_create (self->spare);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
  return TRUE;
}

/**
 * moat_frame_cache_is_exact:
 *
 * Returns: %FALSE after a resampled zoom until moat_frame_cache_redraw()
 *   (or a change of everything) drew the view as a whole
 */
gboolean
moat_frame_cache_is_exact (MoatFrameCache *self)
{
  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), TRUE);

  return self->exact;
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
      g_clear_pointer (&self->spare, cairo_surface_destroy);
      self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  cairo_region_subtract (self->blurred, self->blurred);
  self->exact = TRUE;
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

/* Whether @view can be shown, until drawn, by resampling the surface. */
static gboolean
can_resample (MoatFrameCache *self,
              const MoatView *view)
{
  double ratio = view->scale / self->view.scale;

  return self->budget >= 0 && self->valid && self->surface != NULL &&
         view->width == self->view.width && view->height == self->view.height &&
         ratio <= MAX_RESAMPLE && ratio >= 1 / MAX_RESAMPLE;
}

/* Outward to whole pixels. */
static void
add_box (cairo_region_t *region,
         double          x0,
         double          y0,
         double          x1,
         double          y1)
{
  cairo_rectangle_int_t box = { (int)floor (x0), (int)floor (y0), 0, 0 };

  box.width = (int)ceil (x1) - box.x;
  box.height = (int)ceil (y1) - box.y;
  if (box.width > 0 && box.height > 0)
    cairo_region_union_rectangle (region, &box);
}

/* Shows the surface's pixels as @view would place them. Adds to @uncovered
 * what they do not cover, and to @damage @extra (what was drawn over the
 * last frame) where it went; the rest is blurred. */
static void
resample (MoatFrameCache       *self,
          const MoatView       *view,
          const cairo_region_t *extra,
          cairo_region_t       *damage,
          cairo_region_t       *uncovered)
{
  int width = cairo_image_surface_get_width (self->surface);
  int height = cairo_image_surface_get_height (self->surface);
  double ratio = view->scale / self->view.scale;
  /* The old pixel s shows at (s - t) × ratio in the new view. */
  double tx = (view->x - self->view.x) * self->view.scale;
  double ty = (view->y - self->view.y) * self->view.scale;
  cairo_rectangle_int_t kept;
  cairo_surface_t *resampled;
  cairo_t *cr;

  if (self->spare == NULL)
    self->spare = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (self->spare);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_scale (cr, ratio, ratio);
  cairo_set_source_surface (cr, self->surface, -tx, -ty);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_destroy (cr);
  resampled = self->spare;
  self->spare = self->surface;
  self->surface = resampled;
  self->exact = FALSE;

  /* Whole pixels inside what the old frame covered. */
  kept.x = (int)CLAMP (ceil (-tx * ratio), 0, width);
  kept.y = (int)CLAMP (ceil (-ty * ratio), 0, height);
  kept.width = (int)CLAMP (floor ((width - tx) * ratio), kept.x, width) - kept.x;
  kept.height = (int)CLAMP (floor ((height - ty) * ratio), kept.y, height) - kept.y;
  cairo_region_subtract (self->blurred, self->blurred);
  if (kept.width > 0 && kept.height > 0)
    cairo_region_union_rectangle (self->blurred, &kept);
  cairo_region_union_rectangle (uncovered, &(cairo_rectangle_int_t) { 0, 0, width, height });
  cairo_region_subtract (uncovered, self->blurred);

  if (extra != NULL && !cairo_region_is_empty (extra))
    {
      cairo_rectangle_int_t e;

      cairo_region_get_extents (extra, &e);
      add_box (damage, (e.x - tx) * ratio - 1, (e.y - ty) * ratio - 1,
               (e.x + e.width - tx) * ratio + 1, (e.y + e.height - ty) * ratio + 1);
    }

  /* The point that stayed put, where the eye is. */
  if (fabs (ratio - 1) > 1e-9)
    {
      self->focus_x = CLAMP (tx * ratio / (ratio - 1), 0, width);
      self->focus_y = CLAMP (ty * ratio / (ratio - 1), 0, height);
    }
  else
    {
      self->focus_x = width / 2.0;
      self->focus_y = height / 2.0;
    }
}

typedef struct
{
  cairo_rectangle_int_t area;
  double                distance;
} Block;

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const Block *x = a, *y = b;

  return x->distance < y->distance ? -1 : x->distance > y->distance;
}

/* Draws blurred squares, nearest the focus first, until @deadline (but
 * at least one), adding them to @drawn. */
static void
sharpen (MoatFrameCache *self,
         cairo_t        *cr,
         gint64          deadline,
         cairo_region_t *drawn)
{
  g_autoptr(GArray) blocks = NULL;
  cairo_rectangle_int_t extents;

  if (cairo_region_is_empty (self->blurred))
    return;

  blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  cairo_region_get_extents (self->blurred, &extents);
  for (int y = extents.y / BLOCK_SIZE * BLOCK_SIZE; y < extents.y + extents.height; y += BLOCK_SIZE)
    for (int x = extents.x / BLOCK_SIZE * BLOCK_SIZE; x < extents.x + extents.width; x += BLOCK_SIZE)
      {
        cairo_region_t *part = cairo_region_create_rectangle (&(cairo_rectangle_int_t) { x, y, BLOCK_SIZE,
                                                                                         BLOCK_SIZE });
        Block block;

        cairo_region_intersect (part, self->blurred);
        if (!cairo_region_is_empty (part))
          {
            double cx, cy;

            cairo_region_get_extents (part, &block.area);
            cx = block.area.x + block.area.width / 2.0 - self->focus_x;
            cy = block.area.y + block.area.height / 2.0 - self->focus_y;
            block.distance = cx * cx + cy * cy;
            g_array_append_val (blocks, block);
          }
        cairo_region_destroy (part);
      }
  g_array_sort (blocks, compare_blocks);

  for (guint i = 0; i < blocks->len && (i == 0 || g_get_monotonic_time () < deadline); i++)
    {
      const cairo_rectangle_int_t *area = &g_array_index (blocks, Block, i).area;

      draw_area (self, cr, area);
      cairo_region_subtract_rectangle (self->blurred, area);
      cairo_region_union_rectangle (drawn, area);
    }
}

/**
 * moat_frame_cache_redraw:
 *
 * Draws the whole of the last view again, sharp and the same to the pixel
 * as a drawing from scratch: for when a zoom pauses. All pixels may have
 * changed.
 */
void
moat_frame_cache_redraw (MoatFrameCache *self)
{
  g_return_if_fail (MOAT_IS_FRAME_CACHE (self));

  if (self->valid && self->surface != NULL)
    draw_all (self, &self->view);
}

/**
 * moat_frame_cache_update:
 * @view: the view to draw, in device pixels
 * @extra: (nullable): more to redraw, in @view's device pixels: what a
 *   view drew over the last frame, such as a gesture
 *
 * Brings the surface up to date with @view and the model: all of it, or
 * with a budget (moat_frame_cache_set_budget()) as much as the budget
 * allows after a zoom.
 *
 * Returns: (transfer full) (nullable): the pixels that changed, or %NULL
 *   when all of them may have
 */
cairo_region_t *
moat_frame_cache_update (MoatFrameCache       *self,
                         const MoatView       *view,
                         const cairo_region_t *extra)
{
  gint64 started = g_get_monotonic_time ();
  cairo_region_t *damage, *uncovered;
  gboolean partial, scrolled, resampled = FALSE, was_exact = self->exact;
  int dx = 0, dy = 0, n;
  cairo_t *cr;

  g_return_val_if_fail (MOAT_IS_FRAME_CACHE (self), NULL);
  g_return_val_if_fail (view != NULL && view->width > 0 && view->height > 0, NULL);

  damage = cairo_region_create ();
  uncovered = cairo_region_create ();
  /* Asked every frame, so that the renderer forgets what it said. */
  partial = moat_renderer_take_damage (self->renderer, view, damage);
  scrolled = scrolled_by_pixels (self, view, &dx, &dy);
  if (partial && !scrolled && can_resample (self, view))
    {
      resample (self, view, extra, damage, uncovered);
      resampled = TRUE;
      dx = dy = 0;
    }
  self->view = *view;
  self->valid = TRUE;
  if (!partial || !(scrolled || resampled))
    {
      cairo_region_destroy (damage);
      cairo_region_destroy (uncovered);
      draw_all (self, view);
      return NULL;
    }

  if (extra != NULL && !resampled)
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
      cairo_region_translate (self->blurred, -dx, -dy);
      cairo_region_intersect_rectangle (self->blurred, &(cairo_rectangle_int_t) { 0, 0, width, height });
      self->focus_x -= dx;
      self->focus_y -= dy;
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
      cairo_region_subtract_rectangle (self->blurred, &box);
    }
  else
    {
      for (int i = 0; i < n; i++)
        {
          cairo_rectangle_int_t r;

          cairo_region_get_rectangle (damage, i, &r);
          draw_area (self, cr, &r);
        }
      cairo_region_subtract (self->blurred, damage);
    }
  /* A few strips round what a zoom out kept. */
  for (int i = 0; i < cairo_region_num_rectangles (uncovered); i++)
    {
      cairo_rectangle_int_t r;

      cairo_region_get_rectangle (uncovered, i, &r);
      draw_area (self, cr, &r);
    }
  cairo_region_union (damage, uncovered);
  cairo_region_destroy (uncovered);
  /* The first step of a zoom from a settled view only shows what it has:
   * that frame, every pixel new, is GTK's costliest (its first upload of
   * the whole window in a while), and the next frames sharpen. */
  if (!(resampled && was_exact))
    sharpen (self, cr, started + MAX (self->budget, 0), damage);
  cairo_destroy (cr);

  if (resampled || dx != 0 || dy != 0)
    {
      /* Everything moved on screen. */
      cairo_region_destroy (damage);
      return NULL;
    }
  return damage;
}
