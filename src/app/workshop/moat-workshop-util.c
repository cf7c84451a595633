/* moat-workshop-util.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text in the workshop is sized relative to the view, never with the
 * fixed sizes of libadwaita's title classes, so that the presentation
 * text scale reaches all of it.
 */

#include "config.h"

#include <adwaita.h>

#include "moat-canvas.h"
#include "moat-workshop-util.h"

/* How much of the neighbourhood shows around an element the workshop
 * looks at, in diagram units, and how far the canvas zooms in on it. */
#define FOCUS_CONTEXT   140.0
#define FOCUS_MAX_ZOOM  1.8

/**
 * moat_workshop_dispose_template:
 *
 * Lets go of @widget's template, and of the children of its template
 * that have no id (gtk_widget_dispose_template() unparents only those
 * it binds).
 */
void
moat_workshop_dispose_template (GtkWidget *widget,
                                GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/**
 * moat_workshop_label_set:
 * @placeholder: what to show, dimmed, when @text is empty
 */
void
moat_workshop_label_set (GtkWidget  *label,
                         const char *text,
                         const char *placeholder)
{
  gboolean empty = text == NULL || text[0] == '\0';

  gtk_label_set_text (GTK_LABEL (label), empty ? placeholder : text);
  if (empty)
    gtk_widget_add_css_class (label, "workshop-placeholder");
  else
    gtk_widget_remove_css_class (label, "workshop-placeholder");
}

/* The canvas picks its palette from the desktop's style whenever it makes
 * a renderer or the style changes; in a workshop it is always the high-
 * contrast one. These handlers run after the canvas's own. */
static void
use_high_contrast (MoatCanvas *canvas)
{
  MoatRenderer *renderer = moat_canvas_get_renderer (canvas);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (renderer == NULL)
    return;
  moat_renderer_set_palette (renderer, moat_palette_get (dark ? MOAT_PALETTE_HIGH_CONTRAST_DARK
                                                              : MOAT_PALETTE_HIGH_CONTRAST));
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
}

/**
 * moat_workshop_canvas_new:
 *
 * Returns: (transfer floating): a #MoatCanvas in the high-contrast palette
 */
GtkWidget *
moat_workshop_canvas_new (void)
{
  GtkWidget *canvas = moat_canvas_new ();

  moat_workshop_canvas_use_high_contrast (canvas);
  return canvas;
}

/**
 * moat_workshop_canvas_use_high_contrast:
 *
 * Keeps @canvas in the high-contrast palette, whatever the desktop's
 * style, as a canvas declared in a stage's template.
 */
void
moat_workshop_canvas_use_high_contrast (GtkWidget *canvas)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  g_return_if_fail (MOAT_IS_CANVAS (canvas));

  g_signal_connect (canvas, "notify::model", G_CALLBACK (use_high_contrast), NULL);
  g_signal_connect (canvas, "notify::diagram-id", G_CALLBACK (use_high_contrast), NULL);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (use_high_contrast), canvas, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::high-contrast", G_CALLBACK (use_high_contrast), canvas,
                           G_CONNECT_SWAPPED);
  use_high_contrast (MOAT_CANVAS (canvas));
}

static void
centre_on (MoatCanvas  *canvas,
           MoatElement *element,
           double       width,
           double       height)
{
  MoatGeometry *geometry = moat_renderer_get_geometry (moat_canvas_get_renderer (canvas));
  MoatRect area;
  double x, y;

  if (!moat_geometry_get_element_bounds (geometry, element, &area))
    return;
  moat_rect_inflate (&area, FOCUS_CONTEXT);
  moat_canvas_set_zoom (canvas, MIN (MIN (width / area.width, height / area.height), FOCUS_MAX_ZOOM));
  moat_canvas_from_diagram (canvas, area.x + area.width / 2, area.y + area.height / 2, &x, &y);
  moat_canvas_scroll_by (canvas, x - width / 2, y - height / 2);
}

static gboolean
frame_when_sized (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  MoatCanvas *canvas = MOAT_CANVAS (widget);
  MoatElement *element = g_object_get_data (G_OBJECT (canvas), "workshop-focus");
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0 || moat_canvas_get_renderer (canvas) == NULL)
    return G_SOURCE_CONTINUE;

  if (element != NULL)
    centre_on (canvas, element, width, height);
  else
    moat_canvas_zoom_fit (canvas);
  g_object_set_data (G_OBJECT (canvas), "workshop-frame-tick", NULL);
  return G_SOURCE_REMOVE;
}

/**
 * moat_workshop_canvas_frame:
 * @element: (nullable): the element to close in on, or %NULL for the
 *   whole diagram
 *
 * Shows @element's diagram on @canvas, selected and centred, or the whole
 * diagram fitted. A canvas that has no size yet is framed once it has.
 */
void
moat_workshop_canvas_frame (GtkWidget   *canvas,
                            MoatElement *element)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();

  g_return_if_fail (MOAT_IS_CANVAS (canvas));

  g_object_set_data_full (G_OBJECT (canvas), "workshop-focus",
                          element ? g_object_ref (element) : NULL, g_object_unref);
  if (element != NULL)
    {
      moat_canvas_set_diagram_id (MOAT_CANVAS (canvas), moat_element_get_diagram_id (element));
      g_ptr_array_add (selection, element);
    }
  moat_canvas_set_selection (MOAT_CANVAS (canvas), selection);
  if (g_object_get_data (G_OBJECT (canvas), "workshop-frame-tick") == NULL)
    g_object_set_data (G_OBJECT (canvas), "workshop-frame-tick",
                       GUINT_TO_POINTER (gtk_widget_add_tick_callback (canvas, frame_when_sized, NULL, NULL)));
}
