/* moat-palette.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Same layout as a GdkRGBA in doubles: components from 0 to 1. */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} MoatColor;

typedef enum {
  MOAT_PALETTE_LIGHT,
  MOAT_PALETTE_DARK,
  MOAT_PALETTE_HIGH_CONTRAST,
  MOAT_PALETTE_HIGH_CONTRAST_DARK,
} MoatPaletteStyle;

/* The colours a diagram is drawn with. The GUI starts from one of the
 * built-in palettes and may replace the accent with the style's. */
typedef struct
{
  MoatColor background;
  MoatColor grid;
  MoatColor text;
  MoatColor text_dim;          /* out-of-scope elements */
  MoatColor actor_fill;
  MoatColor actor_stroke;
  MoatColor process_fill;
  MoatColor process_stroke;
  MoatColor store_fill;
  MoatColor store_stroke;
  MoatColor boundary_fill;
  MoatColor boundary_stroke;
  MoatColor boundary_text;
  MoatColor flow;
  MoatColor label_background;
  MoatColor note_fill;
  MoatColor note_stroke;
  MoatColor note_text;
  MoatColor accent;            /* selection, handles, connection points */
  MoatColor accent_fill;       /* rubber band, drop targets */
  MoatColor highlight;         /* elements a view wants to point out */
  MoatColor handle_fill;
  MoatColor badge;             /* default badge colour */
  MoatColor badge_text;
  double    line_scale;        /* 1 normally, thicker for high contrast */
} MoatPalette;

const MoatPalette *moat_palette_get       (MoatPaletteStyle  style);
void               moat_color_parse_hex   (MoatColor        *color,
                                           const char       *hex);

G_END_DECLS
