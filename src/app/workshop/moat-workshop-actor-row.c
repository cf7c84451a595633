/* moat-workshop-actor-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-workshop-actor-row.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopActorRow
{
  GtkWidget        parent_instance;

  MoatThreatActor *actor;

  GtkLabel        *name;
  GtkLabel        *motivation;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopActorRow, moat_workshop_actor_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_actor (MoatWorkshopActorRow *self)
{
  const char *motivation = self->actor ? moat_threat_actor_get_motivation (self->actor) : NULL;

  gtk_label_set_text (self->name, self->actor ? moat_threat_actor_get_name (self->actor) : "");
  gtk_label_set_text (self->motivation, motivation);
  gtk_widget_set_visible (GTK_WIDGET (self->motivation), motivation != NULL && motivation[0] != '\0');
}

static void
moat_workshop_actor_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MoatWorkshopActorRow *self = MOAT_WORKSHOP_ACTOR_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      g_value_set_object (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_actor_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MoatWorkshopActorRow *self = MOAT_WORKSHOP_ACTOR_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      g_set_object (&self->actor, g_value_get_object (value));
      show_actor (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_actor_row_dispose (GObject *object)
{
  MoatWorkshopActorRow *self = MOAT_WORKSHOP_ACTOR_ROW (object);

  g_clear_object (&self->actor);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_ACTOR_ROW);

  G_OBJECT_CLASS (moat_workshop_actor_row_parent_class)->dispose (object);
}

static void
moat_workshop_actor_row_class_init (MoatWorkshopActorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_actor_row_dispose;
  object_class->get_property = moat_workshop_actor_row_get_property;
  object_class->set_property = moat_workshop_actor_row_set_property;

  /**
   * MoatWorkshopActorRow:actor:
   *
   * The threat actor shown.
   */
  properties[PROP_ACTOR] =
    g_param_spec_object ("actor", NULL, NULL, MOAT_TYPE_THREAT_ACTOR,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-actor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopActorRow, name);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopActorRow, motivation);
}

static void
moat_workshop_actor_row_init (MoatWorkshopActorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * moat_workshop_actor_row_new:
 *
 * Returns: (transfer floating): a row showing @actor
 */
GtkWidget *
moat_workshop_actor_row_new (MoatThreatActor *actor)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_ACTOR_ROW, "actor", actor, NULL);
}
