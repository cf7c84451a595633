/* moat-dismissal.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-dismissal.h"

struct _MoatDismissal
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatDismissal, moat_dismissal, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE_ID,
  PROP_ELEMENT_ID,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_dismissal_class_init (MoatDismissalClass *klass)
{
  properties[PROP_RULE_ID] = moat_field_string ("rule-id");
  properties[PROP_ELEMENT_ID] = moat_field_string ("element-id");
  properties[PROP_REASON] = moat_field_string ("reason");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "dismissal", "dismissals",
                             properties, N_PROPS);
}

static void
moat_dismissal_init (MoatDismissal *self)
{
}

MoatDismissal *
moat_dismissal_new (void)
{
  return g_object_new (MOAT_TYPE_DISMISSAL, NULL);
}

const char *
moat_dismissal_get_rule_id (MoatDismissal *self)
{
  g_return_val_if_fail (MOAT_IS_DISMISSAL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_RULE_ID);
}

const char *
moat_dismissal_get_element_id (MoatDismissal *self)
{
  g_return_val_if_fail (MOAT_IS_DISMISSAL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_ELEMENT_ID);
}

const char *
moat_dismissal_get_reason (MoatDismissal *self)
{
  g_return_val_if_fail (MOAT_IS_DISMISSAL (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_REASON);
}
