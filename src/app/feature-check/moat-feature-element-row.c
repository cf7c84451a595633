/* moat-feature-element-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-feature-element-row.h"

struct _MoatFeatureElementRow
{
  GtkWidget                 parent_instance;

  MoatFeatureElementChoice *choice;
  GBinding                 *checked_binding;

  GtkCheckButton           *check;
};

G_DEFINE_FINAL_TYPE (MoatFeatureElementRow, moat_feature_element_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHOICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_feature_element_row_dispose (GObject *object)
{
  MoatFeatureElementRow *self = MOAT_FEATURE_ELEMENT_ROW (object);

  GtkWidget *child;

  moat_feature_element_row_set_choice (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (moat_feature_element_row_parent_class)->dispose (object);
}

static void
moat_feature_element_row_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MoatFeatureElementRow *self = MOAT_FEATURE_ELEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHOICE:
      g_value_set_object (value, self->choice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_feature_element_row_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MoatFeatureElementRow *self = MOAT_FEATURE_ELEMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHOICE:
      moat_feature_element_row_set_choice (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_feature_element_row_class_init (MoatFeatureElementRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_feature_element_row_dispose;
  object_class->get_property = moat_feature_element_row_get_property;
  object_class->set_property = moat_feature_element_row_set_property;

  properties[PROP_CHOICE] = g_param_spec_object ("choice", NULL, NULL, MOAT_TYPE_FEATURE_ELEMENT_CHOICE,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/feature-check/moat-feature-element-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureElementRow, check);
}

static void
moat_feature_element_row_init (MoatFeatureElementRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MoatFeatureElementChoice *
moat_feature_element_row_get_choice (MoatFeatureElementRow *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_ELEMENT_ROW (self), NULL);

  return self->choice;
}

/* The row is recycled as the list scrolls: the check button follows
 * whichever choice the row shows now. */
void
moat_feature_element_row_set_choice (MoatFeatureElementRow    *self,
                                     MoatFeatureElementChoice *choice)
{
  g_return_if_fail (MOAT_IS_FEATURE_ELEMENT_ROW (self));

  if (self->choice == choice)
    return;
  g_clear_pointer (&self->checked_binding, g_binding_unbind);
  g_set_object (&self->choice, choice);
  if (choice != NULL)
    self->checked_binding = g_object_bind_property (choice, "checked", self->check, "active",
                                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOICE]);
}
