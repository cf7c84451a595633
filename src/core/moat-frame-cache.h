/* moat-frame-cache.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "moat-renderer.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FRAME_CACHE (moat_frame_cache_get_type ())

/* The pixels of a view kept from one frame to the next: a frame redraws
 * only what the renderer says changed, and a view scrolled by whole
 * pixels moves what it has and draws only the strip that came in. With
 * a budget, a zoomed view shows what it has resampled and draws it again
 * sharp a part at a time, over as many frames as the budget needs. */
G_DECLARE_FINAL_TYPE (MoatFrameCache, moat_frame_cache, MOAT, FRAME_CACHE, GObject)

MoatFrameCache  *moat_frame_cache_new         (MoatRenderer         *renderer);
MoatRenderer    *moat_frame_cache_get_renderer (MoatFrameCache      *self);
cairo_region_t  *moat_frame_cache_update      (MoatFrameCache       *self,
                                               const MoatView       *view,
                                               const cairo_region_t *extra);
cairo_surface_t *moat_frame_cache_get_surface (MoatFrameCache       *self);
void             moat_frame_cache_invalidate  (MoatFrameCache       *self);
void             moat_frame_cache_set_budget  (MoatFrameCache       *self,
                                               gint64                usec);
gboolean         moat_frame_cache_is_sharp    (MoatFrameCache       *self);
gboolean         moat_frame_cache_is_exact    (MoatFrameCache       *self);
gboolean         moat_frame_cache_is_zoom_prepared (MoatFrameCache  *self);
gboolean         moat_frame_cache_prepare_zoom (MoatFrameCache      *self);
void             moat_frame_cache_redraw      (MoatFrameCache       *self);

G_END_DECLS
