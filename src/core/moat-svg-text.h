/* moat-svg-text.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "moat-palette.h"

G_BEGIN_DECLS

/* Text in an SVG drawing as <text> a reader can select, search and
 * translate, where cairo's SVG surface draws glyph outlines: the renderer
 * collects each layout here instead of showing it, and the drawing gets
 * them once cairo has written it. */

void  moat_svg_text_append (GString         *out,
                            cairo_t         *cr,
                            PangoLayout     *layout,
                            double           x,
                            double           y,
                            const MoatColor *halo,
                            double           halo_width);
char *moat_svg_text_insert (const char      *svg,
                            gsize            length,
                            const char      *texts);

G_END_DECLS
