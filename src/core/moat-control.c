/* moat-control.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-control.h"

struct _MoatControl
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatControl, moat_control, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_EFFORT,
  PROP_OWNER,
  PROP_TRACKER_KEY,
  PROP_TRACKER_URL,
  PROP_THREAT_IDS,
  PROP_REQUIREMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_control_class_init (MoatControlClass *klass)
{
  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_STATUS] = moat_field_enum ("status", MOAT_TYPE_CONTROL_STATUS, MOAT_CONTROL_PROPOSED);
  properties[PROP_EFFORT] = moat_field_enum ("effort", MOAT_TYPE_EFFORT, MOAT_EFFORT_MEDIUM);
  properties[PROP_OWNER] = moat_field_string ("owner");
  properties[PROP_TRACKER_KEY] = moat_field_string ("tracker-key");
  properties[PROP_TRACKER_URL] = moat_field_string ("tracker-url");
  properties[PROP_THREAT_IDS] = moat_field_strv ("threat-ids");
  /* Catalogue requirements the control meets, as "catalogue:id" (asvs:V6.2.1). */
  properties[PROP_REQUIREMENTS] = moat_field_strv ("requirements");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "control", "controls",
                             properties, N_PROPS);
}

static void
moat_control_init (MoatControl *self)
{
}

MoatControl *
moat_control_new (void)
{
  return g_object_new (MOAT_TYPE_CONTROL, NULL);
}

const char *
moat_control_get_title (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TITLE);
}

const char *
moat_control_get_description (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

MoatControlStatus
moat_control_get_status (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_STATUS);
}

MoatEffort
moat_control_get_effort (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_EFFORT);
}

const char *
moat_control_get_owner (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OWNER);
}

const char *
moat_control_get_tracker_key (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TRACKER_KEY);
}

const char *
moat_control_get_tracker_url (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TRACKER_URL);
}

const char * const *
moat_control_get_threat_ids (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_THREAT_IDS);
}

const char * const *
moat_control_get_requirements (MoatControl *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_REQUIREMENTS);
}
