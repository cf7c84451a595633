/* moat-object-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-field-binder.h"
#include "moat-labels.h"
#include "moat-object-row.h"

typedef struct
{
  MoatObject      *object;
  MoatModel       *model;
  MoatFieldBinder *binder;
  GtkWidget       *delete_button;
} MoatObjectRowPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MoatObjectRow, moat_object_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_OBJECT,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * moat_object_row_get_object:
 *
 * Returns: (transfer none) (nullable): the object the row edits
 */
MoatObject *
moat_object_row_get_object (MoatObjectRow *self)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_OBJECT_ROW (self), NULL);

  return priv->object;
}

/**
 * moat_object_row_get_model:
 *
 * Returns: (transfer none) (nullable): the model the object belongs to
 */
MoatModel *
moat_object_row_get_model (MoatObjectRow *self)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_OBJECT_ROW (self), NULL);

  return priv->model;
}

/**
 * moat_object_row_bind:
 * @widget: a field of the row's template
 * @property: the object's property it edits
 */
void
moat_object_row_bind (MoatObjectRow *self,
                      GtkWidget     *widget,
                      const char    *property)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  g_return_if_fail (MOAT_IS_OBJECT_ROW (self));

  moat_field_binder_bind (priv->binder, widget, property);
}

/**
 * moat_object_row_set_delete_button:
 * @button: the template's button that activates "row.delete"
 *
 * The button is then named after the object for a screen reader, which
 * would otherwise hear the same "Delete" in every row.
 */
void
moat_object_row_set_delete_button (MoatObjectRow *self,
                                   GtkWidget     *button)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  g_return_if_fail (MOAT_IS_OBJECT_ROW (self));

  priv->delete_button = button;
}

static void
speak_delete (MoatObjectRow *self)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);
  g_autofree char *title = NULL;
  g_autofree char *spoken = NULL;

  if (priv->delete_button == NULL)
    return;
  title = moat_label_object_title (priv->object);
  spoken = g_strdup_printf (_("Delete “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/**
 * moat_object_row_update:
 *
 * Shows the object's current name and the subclass's summary of it.
 */
void
moat_object_row_update (MoatObjectRow *self)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);
  const char *name;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (MOAT_IS_OBJECT_ROW (self));

  if (priv->object == NULL || priv->model == NULL)
    return;
  name = moat_object_get_label (priv->object);
  subtitle = MOAT_OBJECT_ROW_GET_CLASS (self)->describe (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 name && *name ? name : _(MOAT_OBJECT_ROW_GET_CLASS (self)->unnamed));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  speak_delete (self);
}

static void
set_object (MoatObjectRow *self,
            MoatObject    *object)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  g_return_if_fail (priv->object == NULL);

  priv->object = g_object_ref (object);
  g_signal_connect_object (object, "notify", G_CALLBACK (moat_object_row_update), self, G_CONNECT_SWAPPED);
  moat_field_binder_set_object (priv->binder, object);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (MOAT_OBJECT_ROW (widget));

  gtk_widget_activate_action (widget, "page.delete-object", "s", moat_object_get_id (priv->object));
}

static void
moat_object_row_constructed (GObject *object)
{
  G_OBJECT_CLASS (moat_object_row_parent_class)->constructed (object);

  moat_object_row_update (MOAT_OBJECT_ROW (object));
}

static void
moat_object_row_dispose (GObject *object)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (MOAT_OBJECT_ROW (object));

  g_clear_object (&priv->binder);
  g_clear_object (&priv->object);
  g_clear_object (&priv->model);

  G_OBJECT_CLASS (moat_object_row_parent_class)->dispose (object);
}

static void
moat_object_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (MOAT_OBJECT_ROW (object));

  switch (prop_id)
    {
    case PROP_OBJECT:
      g_value_set_object (value, priv->object);
      break;
    case PROP_MODEL:
      g_value_set_object (value, priv->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_object_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MoatObjectRow *self = MOAT_OBJECT_ROW (object);
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_OBJECT:
      set_object (self, g_value_get_object (value));
      break;
    case PROP_MODEL:
      g_set_object (&priv->model, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_object_row_class_init (MoatObjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = moat_object_row_constructed;
  object_class->dispose = moat_object_row_dispose;
  object_class->get_property = moat_object_row_get_property;
  object_class->set_property = moat_object_row_set_property;

  /**
   * MoatObjectRow:object:
   *
   * The asset, threat actor or other object the row edits.
   */
  properties[PROP_OBJECT] =
    g_param_spec_object ("object", NULL, NULL, MOAT_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatObjectRow:model:
   *
   * The model the object belongs to, for what the summary counts in it.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);
}

static void
moat_object_row_init (MoatObjectRow *self)
{
  MoatObjectRowPrivate *priv = moat_object_row_get_instance_private (self);

  priv->binder = moat_field_binder_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}
