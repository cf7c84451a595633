/* moat-threat-actor.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-threat-actor.h"

struct _MoatThreatActor
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatThreatActor, moat_threat_actor, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MOTIVATION,
  PROP_CAPABILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_threat_actor_class_init (MoatThreatActorClass *klass)
{
  properties[PROP_NAME] = moat_field_string ("name");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_MOTIVATION] = moat_field_string ("motivation");
  properties[PROP_CAPABILITY] = moat_field_int ("capability", 1, 5, 3);

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "threat_actor", "threat_actors",
                             properties, N_PROPS);
}

static void
moat_threat_actor_init (MoatThreatActor *self)
{
}

MoatThreatActor *
moat_threat_actor_new (void)
{
  return g_object_new (MOAT_TYPE_THREAT_ACTOR, NULL);
}

const char *
moat_threat_actor_get_name (MoatThreatActor *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_ACTOR (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_NAME);
}

const char *
moat_threat_actor_get_description (MoatThreatActor *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_ACTOR (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

const char *
moat_threat_actor_get_motivation (MoatThreatActor *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_ACTOR (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_MOTIVATION);
}

int
moat_threat_actor_get_capability (MoatThreatActor *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_ACTOR (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_CAPABILITY);
}
