/* moat-palette.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

/* Kinds are told apart by shape first; the tints only help the eye, so
 * they stay pale enough for black text and for grey-scale printing. */
static const MoatPalette palettes[] = {
  [MOAT_PALETTE_LIGHT] = {
    .background = RGB (0xfcfcfc),
    .grid = RGB (0xd8d8dc),
    .text = RGB (0x1f1f24),
    .text_dim = RGB (0x77767b),
    .actor_fill = RGB (0xe7eefa),
    .actor_stroke = RGB (0x2c5aa0),
    .process_fill = RGB (0xe6f4ea),
    .process_stroke = RGB (0x23704a),
    .store_fill = RGB (0xfcf2de),
    .store_stroke = RGB (0x94620c),
    .boundary_fill = RGBA (0xc01c28, 0.035),
    .boundary_stroke = RGB (0xc01c28),
    .boundary_text = RGB (0xa51d2d),
    .flow = RGB (0x3d3846),
    .label_background = RGBA (0xfcfcfc, 0.92),
    .note_fill = RGB (0xfff5c2),
    .note_stroke = RGB (0xc9a227),
    .note_text = RGB (0x3d3415),
    .accent = RGB (0x1c71d8),
    .accent_fill = RGBA (0x1c71d8, 0.12),
    .highlight = RGB (0xe66100),
    .handle_fill = RGB (0xffffff),
    .badge = RGB (0xc01c28),
    .badge_text = RGB (0xffffff),
    .line_scale = 1.0,
  },
  [MOAT_PALETTE_DARK] = {
    .background = RGB (0x1e1e22),
    .grid = RGB (0x3a3a40),
    .text = RGB (0xf2f2f4),
    .text_dim = RGB (0x9a9996),
    .actor_fill = RGB (0x1d2e48),
    .actor_stroke = RGB (0x8cb6f0),
    .process_fill = RGB (0x1b3527),
    .process_stroke = RGB (0x7fd8a0),
    .store_fill = RGB (0x3a2e16),
    .store_stroke = RGB (0xf0c06a),
    .boundary_fill = RGBA (0xff7b63, 0.05),
    .boundary_stroke = RGB (0xff7b63),
    .boundary_text = RGB (0xff9a85),
    .flow = RGB (0xd6d5d9),
    .label_background = RGBA (0x1e1e22, 0.92),
    .note_fill = RGB (0x403a1c),
    .note_stroke = RGB (0xb8a04a),
    .note_text = RGB (0xf4ecc8),
    .accent = RGB (0x78aeed),
    .accent_fill = RGBA (0x78aeed, 0.16),
    .highlight = RGB (0xffa348),
    .handle_fill = RGB (0x1e1e22),
    .badge = RGB (0xe01b24),
    .badge_text = RGB (0xffffff),
    .line_scale = 1.0,
  },
  [MOAT_PALETTE_HIGH_CONTRAST] = {
    .background = RGB (0xffffff),
    .grid = RGB (0xb0b0b0),
    .text = RGB (0x000000),
    .text_dim = RGB (0x404040),
    .actor_fill = RGB (0xffffff),
    .actor_stroke = RGB (0x000000),
    .process_fill = RGB (0xffffff),
    .process_stroke = RGB (0x000000),
    .store_fill = RGB (0xffffff),
    .store_stroke = RGB (0x000000),
    .boundary_fill = RGBA (0x000000, 0.0),
    .boundary_stroke = RGB (0x000000),
    .boundary_text = RGB (0x000000),
    .flow = RGB (0x000000),
    .label_background = RGB (0xffffff),
    .note_fill = RGB (0xffffff),
    .note_stroke = RGB (0x000000),
    .note_text = RGB (0x000000),
    .accent = RGB (0x0b4ea2),
    .accent_fill = RGBA (0x0b4ea2, 0.2),
    .highlight = RGB (0xa51d2d),
    .handle_fill = RGB (0xffffff),
    .badge = RGB (0x000000),
    .badge_text = RGB (0xffffff),
    .line_scale = 1.5,
  },
  [MOAT_PALETTE_HIGH_CONTRAST_DARK] = {
    .background = RGB (0x000000),
    .grid = RGB (0x606060),
    .text = RGB (0xffffff),
    .text_dim = RGB (0xc0c0c0),
    .actor_fill = RGB (0x000000),
    .actor_stroke = RGB (0xffffff),
    .process_fill = RGB (0x000000),
    .process_stroke = RGB (0xffffff),
    .store_fill = RGB (0x000000),
    .store_stroke = RGB (0xffffff),
    .boundary_fill = RGBA (0xffffff, 0.0),
    .boundary_stroke = RGB (0xffffff),
    .boundary_text = RGB (0xffffff),
    .flow = RGB (0xffffff),
    .label_background = RGB (0x000000),
    .note_fill = RGB (0x000000),
    .note_stroke = RGB (0xffffff),
    .note_text = RGB (0xffffff),
    .accent = RGB (0x99c1f1),
    .accent_fill = RGBA (0x99c1f1, 0.25),
    .highlight = RGB (0xffbe6f),
    .handle_fill = RGB (0x000000),
    .badge = RGB (0xffffff),
    .badge_text = RGB (0x000000),
    .line_scale = 1.5,
  },
};

/**
 * moat_palette_get:
 *
 * Returns: (transfer none): a built-in palette
 */
const MoatPalette *
moat_palette_get (MoatPaletteStyle style)
{
  g_return_val_if_fail (style <= MOAT_PALETTE_HIGH_CONTRAST_DARK, &palettes[0]);

  return &palettes[style];
}

/**
 * moat_color_parse_hex:
 * @hex: "#rrggbb" or "rrggbb"
 *
 * Leaves @color alone when @hex is not a colour.
 */
void
moat_color_parse_hex (MoatColor  *color,
                      const char *hex)
{
  guint64 value;
  char *end;

  if (hex == NULL)
    return;
  if (hex[0] == '#')
    hex++;
  if (strlen (hex) != 6)
    return;
  value = g_ascii_strtoull (hex, &end, 16);
  if (*end != '\0')
    return;

  color->red = (value >> 16 & 0xff) / 255.0;
  color->green = (value >> 8 & 0xff) / 255.0;
  color->blue = (value & 0xff) / 255.0;
  color->alpha = 1.0;
}
