/* moat-svg-text.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-svg-text.h"

static void
append_colour (GString    *out,
               const char *name,
               double      r,
               double      g,
               double      b,
               double      a)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", name,
                          (int) CLAMP (r * 255 + 0.5, 0, 255), (int) CLAMP (g * 255 + 0.5, 0, 255),
                          (int) CLAMP (b * 255 + 0.5, 0, 255));
  if (a < 1.0)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, " %s-opacity=\"%s\"", name, g_ascii_formatd (number, sizeof number, "%.3f", a));
    }
}

static void
append_number (GString    *out,
               const char *name,
               double      value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* Locale-independent: SVG wants a dot whatever the person's locale. */
  g_string_append_printf (out, " %s=\"%s\"", name, g_ascii_formatd (number, sizeof number, "%.2f", value));
}

/* The text a line shows: its runs, the "…" of an ellipsized one included. */
static char *
line_text (PangoLayout     *layout,
           PangoLayoutLine *line)
{
  const char *text = pango_layout_get_text (layout);
  GString *shown = g_string_new (NULL);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
        g_string_append (shown, "…");
      else
        g_string_append_len (shown, text + run->item->offset, run->item->length);
    }
  return g_string_free (shown, FALSE);
}

/* Pango's family list as CSS writes it: names with spaces quoted, its
 * generic names as CSS spells them. */
static char *
css_families (const char *families)
{
  g_auto(GStrv) names = g_strsplit (families ? families : "", ",", -1);
  GString *css = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      if (*name == '\0')
        continue;
      if (css->len > 0)
        g_string_append_c (css, ',');
      if (g_ascii_strcasecmp (name, "sans") == 0 || g_ascii_strcasecmp (name, "sans-serif") == 0)
        g_string_append (css, "sans-serif");
      else if (g_ascii_strcasecmp (name, "serif") == 0 || g_ascii_strcasecmp (name, "monospace") == 0)
        g_string_append (css, name);
      else
        g_string_append_printf (css, "&apos;%s&apos;", escaped);
    }
  if (css->len == 0)
    g_string_append (css, "sans-serif");
  return g_string_free (css, FALSE);
}

static void
append_font (GString     *out,
             cairo_t     *cr,
             PangoLayout *layout)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (layout);
  double size, ignored = 0;
  g_autofree char *family = NULL;

  if (desc == NULL)
    desc = pango_context_get_font_description (pango_layout_get_context (layout));
  size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (desc))
    size *= 96.0 / 72.0;
  cairo_user_to_device_distance (cr, &size, &ignored);
  family = css_families (pango_font_description_get_family (desc));
  g_string_append_printf (out, " font-family=\"%s\"", family);
  append_number (out, "font-size", size);
  g_string_append_printf (out, " font-weight=\"%d\"", (int) pango_font_description_get_weight (desc));
}

/**
 * moat_svg_text_append:
 * @halo: (nullable): a colour to outline the letters with, under them
 *
 * Appends one <text> per line of @layout, placed as pango_cairo_show_layout()
 * would place it with its top left at (@x, @y), in @cr's colour.
 */
void
moat_svg_text_append (GString         *out,
                      cairo_t         *cr,
                      PangoLayout     *layout,
                      double           x,
                      double           y,
                      const MoatColor *halo,
                      double           halo_width)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double r = 0, g = 0, b = 0, a = 1;

  cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      g_autofree char *text = line_text (layout, line);
      g_autofree char *escaped = NULL;
      PangoRectangle logical;
      double lx, ly;

      if (*text == '\0')
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      lx = x + logical.x / (double) PANGO_SCALE;
      ly = y + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      cairo_user_to_device (cr, &lx, &ly);
      escaped = g_markup_escape_text (text, -1);

      g_string_append (out, "<text xml:space=\"preserve\"");
      append_number (out, "x", lx);
      append_number (out, "y", ly);
      append_font (out, cr, layout);
      append_colour (out, "fill", r, g, b, a);
      if (halo != NULL)
        {
          append_colour (out, "stroke", halo->red, halo->green, halo->blue, halo->alpha);
          append_number (out, "stroke-width", halo_width);
          g_string_append (out, " stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }
      g_string_append_printf (out, ">%s</text>\n", escaped);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/**
 * moat_svg_text_insert:
 *
 * Returns: (transfer full) (nullable): @svg with @texts added last, above
 *   everything cairo drew; %NULL if @svg does not end its drawing
 */
char *
moat_svg_text_insert (const char *svg,
                      gsize       length,
                      const char *texts)
{
  g_autofree char *copy = g_strndup (svg, length);
  char *end = g_strrstr (copy, "</svg>");

  if (end == NULL)
    return NULL;
  *end = '\0';
  return g_strconcat (copy, "<g id=\"text\">\n", texts, "</g>\n", "</svg>", end + strlen ("</svg>"), NULL);
}
