/* moat-conflict-banner.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-conflict-banner.h"

struct _MoatConflictBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;

  MoatModel   *model;
  GListModel  *conflicts;
};

G_DEFINE_FINAL_TYPE (MoatConflictBanner, moat_conflict_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MoatConflictBanner *self)
{
  guint n = self->conflicts ? g_list_model_get_n_items (self->conflicts) : 0;
  g_autofree char *message = NULL;

  if (n > 0)
    {
      message = g_strdup_printf (ngettext ("This model has %u merge conflict",
                                           "This model has %u merge conflicts", n), n);
      gtk_label_set_label (self->label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->revealer), TRUE);
    }
  gtk_revealer_set_reveal_child (self->revealer, n > 0);
}

/* A folded banner is still in the accessibility tree: hide it once
 * folded so a screen reader does not announce a button nobody sees. */
static void
on_child_revealed (MoatConflictBanner *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer)
      && !gtk_revealer_get_reveal_child (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
}

void
moat_conflict_banner_set_model (MoatConflictBanner *self,
                                MoatModel          *model)
{
  g_return_if_fail (MOAT_IS_CONFLICT_BANNER (self));
  g_return_if_fail (model == NULL || MOAT_IS_MODEL (model));

  if (self->model == model)
    return;

  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_clear_object (&self->conflicts);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      /* The list follows resolutions, undo and redo: so does the banner. */
      self->conflicts = g_object_ref (moat_model_get_list (model, MOAT_TYPE_CONFLICT));
      g_signal_connect_object (self->conflicts, "items-changed", G_CALLBACK (update),
                               self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

MoatModel *
moat_conflict_banner_get_model (MoatConflictBanner *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT_BANNER (self), NULL);

  return self->model;
}

/**
 * moat_conflict_banner_get_shown:
 *
 * Returns: whether the banner is showing (or sliding in), not folding away
 */
gboolean
moat_conflict_banner_get_shown (MoatConflictBanner *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
moat_conflict_banner_get_message (MoatConflictBanner *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

static void
moat_conflict_banner_dispose (GObject *object)
{
  MoatConflictBanner *self = MOAT_CONFLICT_BANNER (object);

  if (self->conflicts != NULL)
    g_signal_handlers_disconnect_by_data (self->conflicts, self);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_CONFLICT_BANNER);

  G_OBJECT_CLASS (moat_conflict_banner_parent_class)->dispose (object);
}

static void
moat_conflict_banner_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MoatConflictBanner *self = MOAT_CONFLICT_BANNER (object);

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
moat_conflict_banner_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MoatConflictBanner *self = MOAT_CONFLICT_BANNER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      moat_conflict_banner_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_conflict_banner_class_init (MoatConflictBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_conflict_banner_dispose;
  object_class->get_property = moat_conflict_banner_get_property;
  object_class->set_property = moat_conflict_banner_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/conflicts/moat-conflict-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatConflictBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictBanner, label);
  gtk_widget_class_bind_template_callback (widget_class, on_child_revealed);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
moat_conflict_banner_init (MoatConflictBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
