/* moat-threat.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-threat.h"

struct _MoatThreat
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatThreat, moat_threat, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_ELEMENT_IDS,
  PROP_ACTOR_ID,
  PROP_LIKELIHOOD,
  PROP_IMPACT,
  PROP_IMPACT_OVERRIDDEN,
  PROP_STATUS,
  PROP_STATUS_REASON,
  PROP_OWNER,
  PROP_RULE_ID,
  PROP_NEEDS_REVIEW,
  PROP_REVIEW_REASON,
  PROP_REFS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_threat_class_init (MoatThreatClass *klass)
{
  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_CATEGORY] = moat_field_string ("category");
  properties[PROP_ELEMENT_IDS] = moat_field_strv ("element-ids");
  properties[PROP_ACTOR_ID] = moat_field_string ("actor-id");
  properties[PROP_LIKELIHOOD] = moat_field_int ("likelihood", 1, 5, 3);
  properties[PROP_IMPACT] = moat_field_int ("impact", 1, 5, 3);
  properties[PROP_IMPACT_OVERRIDDEN] = moat_field_boolean ("impact-overridden");
  properties[PROP_STATUS] = moat_field_enum ("status", MOAT_TYPE_THREAT_STATUS, MOAT_THREAT_OPEN);
  properties[PROP_STATUS_REASON] = moat_field_string ("status-reason");
  properties[PROP_OWNER] = moat_field_string ("owner");
  properties[PROP_RULE_ID] = moat_field_string ("rule-id");
  properties[PROP_NEEDS_REVIEW] = moat_field_boolean ("needs-review");
  properties[PROP_REVIEW_REASON] = moat_field_string ("review-reason");
  /* Weakness and attack-pattern ids (CWE-79, CAPEC-63, OWASP-A03:2021): see moat-refs.h. */
  properties[PROP_REFS] = moat_field_strv ("refs");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "threat", "threats",
                             properties, N_PROPS);
}

static void
moat_threat_init (MoatThreat *self)
{
}

MoatThreat *
moat_threat_new (void)
{
  return g_object_new (MOAT_TYPE_THREAT, NULL);
}

const char *
moat_threat_get_title (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TITLE);
}

const char *
moat_threat_get_description (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

const char *
moat_threat_get_category (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_CATEGORY);
}

const char * const *
moat_threat_get_element_ids (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_ELEMENT_IDS);
}

const char *
moat_threat_get_actor_id (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_ACTOR_ID);
}

int
moat_threat_get_likelihood (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_LIKELIHOOD);
}

int
moat_threat_get_impact (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_IMPACT);
}

gboolean
moat_threat_get_impact_overridden (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_IMPACT_OVERRIDDEN);
}

MoatThreatStatus
moat_threat_get_status (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_STATUS);
}

const char *
moat_threat_get_status_reason (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_STATUS_REASON);
}

const char *
moat_threat_get_owner (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OWNER);
}

const char *
moat_threat_get_rule_id (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_RULE_ID);
}

gboolean
moat_threat_get_needs_review (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_NEEDS_REVIEW);
}

const char *
moat_threat_get_review_reason (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_REVIEW_REASON);
}

const char * const *
moat_threat_get_refs (MoatThreat *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_REFS);
}
