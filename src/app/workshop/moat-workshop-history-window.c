/* moat-workshop-history-window.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-workshop-history.h"
#include "moat-workshop-history-window.h"

struct _MoatWorkshopHistoryWindow
{
  AdwWindow  parent_instance;

  MoatModel *model;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopHistoryWindow, moat_workshop_history_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MoatModel *
moat_workshop_history_window_get_model (MoatWorkshopHistoryWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_HISTORY_WINDOW (self), NULL);

  return self->model;
}

static void
moat_workshop_history_window_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  MoatWorkshopHistoryWindow *self = MOAT_WORKSHOP_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_history_window_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  MoatWorkshopHistoryWindow *self = MOAT_WORKSHOP_HISTORY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      if (g_set_object (&self->model, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_history_window_dispose (GObject *object)
{
  MoatWorkshopHistoryWindow *self = MOAT_WORKSHOP_HISTORY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_HISTORY_WINDOW);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (moat_workshop_history_window_parent_class)->dispose (object);
}

static void
moat_workshop_history_window_class_init (MoatWorkshopHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_history_window_dispose;
  object_class->get_property = moat_workshop_history_window_get_property;
  object_class->set_property = moat_workshop_history_window_set_property;

  /**
   * MoatWorkshopHistoryWindow:model:
   *
   * The model whose workshops are shown.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_WORKSHOP_HISTORY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-history-window.ui");
}

static void
moat_workshop_history_window_init (MoatWorkshopHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
