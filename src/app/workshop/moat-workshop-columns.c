/* moat-workshop-columns.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each column gets the height it asks for at its width and no more, so a
 * short column never stretches a text field to match a long one.
 *
 * A GtkTextView learns its height only once it has a width, while it is
 * being allocated, and the resize it asks for then is lost; the columns
 * ask again for it.
 */

#include "config.h"

#include "moat-workshop-columns.h"

#define SPACING_EM 3.0

struct _MoatWorkshopColumns
{
  GtkWidget parent_instance;

  gboolean  stacked;
  guint     resize_source;
};

static void moat_workshop_columns_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MoatWorkshopColumns, moat_workshop_columns, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, moat_workshop_columns_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* The gap between the columns grows with the text. */
static int
spacing (GtkWidget *widget)
{
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  double size = font ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 11;

  return (int) (size * 96.0 / 72.0 * SPACING_EM);
}

static int
widest_minimum (GtkWidget *widget)
{
  int widest = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
    }
  return widest;
}

/* The width of a column when side by side, or -1 when they must stack. */
static int
column_width (GtkWidget *widget,
              int        width)
{
  int column = (width - spacing (widget)) / 2;

  return column >= widest_minimum (widget) ? column : -1;
}

static void
measure_height (GtkWidget *widget,
                int        width,
                int       *minimum,
                int       *natural)
{
  int column = width < 0 ? -1 : column_width (widget, width);
  int n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column >= 0 ? column : width,
                          &child_min, &child_nat, NULL, NULL);
      if (column >= 0)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + (n > 0 ? spacing (widget) : 0);
          *natural += child_nat + (n > 0 ? spacing (widget) : 0);
        }
      n++;
    }
}

static void
moat_workshop_columns_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      measure_height (widget, for_size, minimum, natural);
      return;
    }

  /* Stacked, the columns need only the widest one's room; side by side,
   * they would like both their natural widths. */
  *minimum = widest_minimum (widget);
  *natural = spacing (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_nat;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_nat, NULL, NULL);
      *natural += MAX (child_nat, *minimum);
    }
}

static gboolean
resize_again (gpointer data)
{
  MoatWorkshopColumns *self = data;

  self->resize_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
moat_workshop_columns_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  MoatWorkshopColumns *self = MOAT_WORKSHOP_COLUMNS (widget);
  int column = column_width (widget, width);
  int x = 0, y = 0;

  self->stacked = column < 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int child_width = self->stacked ? width : column;
      int child_height;

      int settled;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, child_width, child_height }, -1);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &settled, NULL, NULL);
      if (settled != child_height && self->resize_source == 0)
        self->resize_source = g_idle_add (resize_again, self);
      if (self->stacked)
        y += child_height + spacing (widget);
      else
        x += column + spacing (widget);
    }
}

static GtkSizeRequestMode
moat_workshop_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/**
 * moat_workshop_columns_get_stacked:
 *
 * Returns: %TRUE if the columns are one under the other
 */
gboolean
moat_workshop_columns_get_stacked (MoatWorkshopColumns *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_COLUMNS (self), FALSE);

  return self->stacked;
}

static void
moat_workshop_columns_dispose (GObject *object)
{
  GtkWidget *child;

  g_clear_handle_id (&MOAT_WORKSHOP_COLUMNS (object)->resize_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (moat_workshop_columns_parent_class)->dispose (object);
}

/* In a template, the two <child> elements are the columns. */
static void
moat_workshop_columns_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child))
    gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (buildable));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
moat_workshop_columns_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = moat_workshop_columns_add_child;
}

static void
moat_workshop_columns_class_init (MoatWorkshopColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_columns_dispose;
  widget_class->measure = moat_workshop_columns_measure;
  widget_class->size_allocate = moat_workshop_columns_size_allocate;
  widget_class->get_request_mode = moat_workshop_columns_get_request_mode;
}

static void
moat_workshop_columns_init (MoatWorkshopColumns *self)
{
}
