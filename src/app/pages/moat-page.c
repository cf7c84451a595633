/* moat-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-page.h"

typedef struct
{
  MoatModel *model;
} MoatPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MoatPage, moat_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
let_go_of_model (MoatPage *self)
{
  MoatPagePrivate *priv = moat_page_get_instance_private (self);

  if (priv->model != NULL)
    g_signal_handlers_disconnect_by_data (priv->model, self);
  g_clear_object (&priv->model);
}

/**
 * moat_page_get_model:
 *
 * Returns: (transfer none) (nullable): the model shown
 */
MoatModel *
moat_page_get_model (MoatPage *self)
{
  MoatPagePrivate *priv = moat_page_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_PAGE (self), NULL);

  return priv->model;
}

void
moat_page_set_model (MoatPage  *self,
                     MoatModel *model)
{
  MoatPagePrivate *priv = moat_page_get_instance_private (self);
  g_autoptr(MoatModel) previous = NULL;

  g_return_if_fail (MOAT_IS_PAGE (self));
  g_return_if_fail (model == NULL || MOAT_IS_MODEL (model));

  if (priv->model == model)
    return;
  previous = g_steal_pointer (&priv->model);
  if (previous != NULL)
    g_signal_handlers_disconnect_by_data (previous, self);
  g_set_object (&priv->model, model);
  if (MOAT_PAGE_GET_CLASS (self)->model_changed != NULL)
    MOAT_PAGE_GET_CLASS (self)->model_changed (self, previous);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

static void
moat_page_dispose (GObject *object)
{
  let_go_of_model (MOAT_PAGE (object));

  G_OBJECT_CLASS (moat_page_parent_class)->dispose (object);
}

static void
moat_page_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, moat_page_get_model (MOAT_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_page_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_MODEL:
      moat_page_set_model (MOAT_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_page_class_init (MoatPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_page_dispose;
  object_class->get_property = moat_page_get_property;
  object_class->set_property = moat_page_set_property;

  /**
   * MoatPage:model:
   *
   * The model shown, handed down from the window.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_page_init (MoatPage *self)
{
}
