/* moat-outline-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-outline-row.h"
#include "moat-review.h"
#include "moat-work-count.h"

struct _MoatOutlineRow
{
  GtkWidget    parent_instance;

  MoatElement *element;

  GtkImage    *icon;
  GtkLabel    *title;
  GtkWidget   *marker;
};

G_DEFINE_FINAL_TYPE (MoatOutlineRow, moat_outline_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ELEMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MoatOutlineRow *self)
{
  MoatElementKind kind = moat_element_get_kind (self->element);
  const char *kind_name = moat_label_element_kind (kind);
  gboolean pending = moat_review_is_pending (self->element);
  g_autofree char *full = moat_label_object_title (MOAT_OBJECT (self->element));
  g_autofree char *title = moat_label_one_line (full);
  /* Translators: an outline row's tooltip: the element's full name, then its kind */
  g_autofree char *tooltip = g_strdup_printf (_("%s\n%s"), full, kind_name);
  g_autofree char *spoken = NULL;

  if (pending)
    /* Translators: an element in the outline, as a screen reader says it:
     * "Order service, Process, not reviewed" */
    spoken = g_strdup_printf (_("%s, %s, not reviewed"), title, kind_name);
  else
    spoken = g_strdup_printf ("%s, %s", title, kind_name);

  gtk_image_set_from_icon_name (self->icon, moat_boundary_line_is_line (self->element)
                                            ? "moat-tool-boundary-line-symbolic"
                                            : moat_label_element_icon (kind));
  gtk_label_set_label (self->title, title);
  gtk_widget_set_visible (self->marker, pending);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}

MoatElement *
moat_outline_row_get_element (MoatOutlineRow *self)
{
  g_return_val_if_fail (MOAT_IS_OUTLINE_ROW (self), NULL);

  return self->element;
}

void
moat_outline_row_set_element (MoatOutlineRow *self,
                              MoatElement    *element)
{
  static const char * const watched[] = {
    "notify::name", "notify::reviewed", "notify::out-of-scope", "notify::kind",
  };

  g_return_if_fail (MOAT_IS_OUTLINE_ROW (self));

  if (self->element == element)
    return;
  if (self->element != NULL)
    g_signal_handlers_disconnect_by_data (self->element, self);
  g_set_object (&self->element, element);
  if (element != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
        g_signal_connect_object (element, watched[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELEMENT]);
}

static void
moat_outline_row_dispose (GObject *object)
{
  MoatOutlineRow *self = MOAT_OUTLINE_ROW (object);
  GtkWidget *child;

  moat_outline_row_set_element (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (moat_outline_row_parent_class)->dispose (object);
}

static void
moat_outline_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ELEMENT:
      g_value_set_object (value, MOAT_OUTLINE_ROW (object)->element);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_outline_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ELEMENT:
      moat_outline_row_set_element (MOAT_OUTLINE_ROW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_outline_row_class_init (MoatOutlineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_outline_row_dispose;
  object_class->get_property = moat_outline_row_get_property;
  object_class->set_property = moat_outline_row_set_property;

  /**
   * MoatOutlineRow:element:
   *
   * The element shown; the list item binds it.
   */
  properties[PROP_ELEMENT] =
    g_param_spec_object ("element", NULL, NULL, MOAT_TYPE_ELEMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/diagram/moat-outline-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatOutlineRow, icon);
  gtk_widget_class_bind_template_child (widget_class, MoatOutlineRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatOutlineRow, marker);
}

static void
moat_outline_row_init (MoatOutlineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 8);
  moat_work_count_add (MOAT_WORK_OUTLINE_ROW, 1);
}
