/* moat-heat-map.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo so the same picture can go into reports. Empty cells
 * keep a faint wash of their level's colour: the matrix itself is part of
 * what the reader needs to see.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-heat-map.h"

#define GAP        4.0
#define AXIS_SPACE 44.0
#define EMPTY_ALPHA 0.22

struct _MoatHeatMap
{
  GtkWidget parent_instance;

  guint     counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];  /* [likelihood - 1][impact - 1] */
};

G_DEFINE_FINAL_TYPE (MoatHeatMap, moat_heat_map, GTK_TYPE_WIDGET)

typedef struct
{
  double x, y, cell;
} Grid;

static void
grid_for (MoatHeatMap *self,
          Grid        *grid)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double side = MIN (width - AXIS_SPACE, height - AXIS_SPACE);

  grid->cell = MAX (side, 0) / MOAT_RISK_SCALE;
  grid->x = AXIS_SPACE + (width - AXIS_SPACE - grid->cell * MOAT_RISK_SCALE) / 2;
  grid->y = 0;
}

static void
foreground (GtkWidget *widget,
            GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      cx,
           double      cy,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  if (bold)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, cx - w / 2.0, cy - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cells (MoatHeatMap *self,
            cairo_t     *cr,
            const Grid  *grid)
{
  for (int l = MOAT_RISK_SCALE; l >= 1; l--)
    for (int i = 1; i <= MOAT_RISK_SCALE; i++)
      {
        MoatRiskLevel level = moat_risk_level (l, i);
        guint count = self->counts[l - 1][i - 1];
        double x = grid->x + (i - 1) * grid->cell + GAP / 2;
        double y = grid->y + (MOAT_RISK_SCALE - l) * grid->cell + GAP / 2;
        double side = grid->cell - GAP;
        double r, g, b;

        moat_risk_level_get_rgb (level, &r, &g, &b);
        cairo_set_source_rgba (cr, r, g, b, count > 0 ? 1.0 : EMPTY_ALPHA);
        rounded_rect (cr, x, y, side, side, MIN (8, side / 4));
        cairo_fill (cr);

        if (count > 0)
          {
            g_autofree char *text = g_strdup_printf ("%u", count);

            moat_risk_level_get_text_rgb (level, &r, &g, &b);
            cairo_set_source_rgb (cr, r, g, b);
            show_text (GTK_WIDGET (self), cr, text, x + side / 2, y + side / 2, TRUE);
          }
      }
}

static void
draw_axes (MoatHeatMap *self,
           cairo_t     *cr,
           const Grid  *grid)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA color;
  double bottom = grid->y + grid->cell * MOAT_RISK_SCALE;

  foreground (widget, &color);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.7);
  for (int n = 1; n <= MOAT_RISK_SCALE; n++)
    {
      g_autofree char *text = g_strdup_printf ("%d", n);

      show_text (widget, cr, text, grid->x + (n - 0.5) * grid->cell, bottom + 10, FALSE);
      show_text (widget, cr, text, grid->x - 10, grid->y + (MOAT_RISK_SCALE - n + 0.5) * grid->cell, FALSE);
    }
  show_text (widget, cr, _("Impact"), grid->x + grid->cell * MOAT_RISK_SCALE / 2, bottom + 30, FALSE);

  cairo_save (cr);
  cairo_translate (cr, grid->x - 32, grid->y + grid->cell * MOAT_RISK_SCALE / 2);
  cairo_rotate (cr, -G_PI / 2);
  show_text (widget, cr, _("Likelihood"), 0, 0, FALSE);
  cairo_restore (cr);
}

static void
moat_heat_map_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MoatHeatMap *self = MOAT_HEAT_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  Grid grid;

  grid_for (self, &grid);
  if (grid.cell <= GAP)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_cells (self, cr, &grid);
  draw_axes (self, cr, &grid);
  cairo_destroy (cr);
}

/* Square: as tall as it is wide, give or take the axes. */
static void
moat_heat_map_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = 200;
  *natural = 320;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size > 0)
    *natural = *minimum = MAX (200, MIN (for_size, 380));
}

static GtkSizeRequestMode
moat_heat_map_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
moat_heat_map_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  MoatHeatMap *self = MOAT_HEAT_MAP (widget);
  g_autofree char *text = NULL;
  int impact, likelihood;
  guint count;
  Grid grid;

  grid_for (self, &grid);
  if (keyboard || grid.cell <= 0 || x < grid.x || y < grid.y)
    return FALSE;
  impact = 1 + (int) ((x - grid.x) / grid.cell);
  likelihood = MOAT_RISK_SCALE - (int) ((y - grid.y) / grid.cell);
  if (impact > MOAT_RISK_SCALE || likelihood < 1)
    return FALSE;

  count = self->counts[likelihood - 1][impact - 1];
  text = g_strdup_printf (ngettext ("Likelihood %d, impact %d: %s, %u threat",
                                    "Likelihood %d, impact %d: %s, %u threats", count),
                          likelihood, impact,
                          moat_risk_level_get_label (moat_risk_level (likelihood, impact)), count);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_description (MoatHeatMap *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int l = MOAT_RISK_SCALE; l >= 1; l--)
    for (int i = MOAT_RISK_SCALE; i >= 1; i--)
      if (self->counts[l - 1][i - 1] > 0)
        {
          if (text->len > 0)
            g_string_append (text, "; ");
          g_string_append_printf (text, ngettext ("%u threat at likelihood %d and impact %d",
                                                  "%u threats at likelihood %d and impact %d",
                                                  self->counts[l - 1][i - 1]),
                                  self->counts[l - 1][i - 1], l, i);
        }
  if (text->len == 0)
    g_string_append (text, _("No open threats"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

void
moat_heat_map_set_counts (MoatHeatMap *self,
                          guint        counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE])
{
  g_return_if_fail (MOAT_IS_HEAT_MAP (self));

  memcpy (self->counts, counts, sizeof self->counts);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
moat_heat_map_get_count (MoatHeatMap *self,
                         int          likelihood,
                         int          impact)
{
  g_return_val_if_fail (MOAT_IS_HEAT_MAP (self), 0);
  g_return_val_if_fail (likelihood >= 1 && likelihood <= MOAT_RISK_SCALE, 0);
  g_return_val_if_fail (impact >= 1 && impact <= MOAT_RISK_SCALE, 0);

  return self->counts[likelihood - 1][impact - 1];
}

guint
moat_heat_map_get_total (MoatHeatMap *self)
{
  guint total = 0;

  g_return_val_if_fail (MOAT_IS_HEAT_MAP (self), 0);

  for (int l = 0; l < MOAT_RISK_SCALE; l++)
    for (int i = 0; i < MOAT_RISK_SCALE; i++)
      total += self->counts[l][i];
  return total;
}

GtkWidget *
moat_heat_map_new (void)
{
  return g_object_new (MOAT_TYPE_HEAT_MAP, NULL);
}

static void
moat_heat_map_class_init (MoatHeatMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = moat_heat_map_snapshot;
  widget_class->measure = moat_heat_map_measure;
  widget_class->get_request_mode = moat_heat_map_get_request_mode;
  widget_class->query_tooltip = moat_heat_map_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
moat_heat_map_init (MoatHeatMap *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Heat map of the open threats"), -1);
  update_description (self);
}
