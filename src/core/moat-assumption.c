/* moat-assumption.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-assumption.h"

struct _MoatAssumption
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatAssumption, moat_assumption, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATEMENT,
  PROP_KIND,
  PROP_STATUS,
  PROP_VALIDATION,
  PROP_ELEMENT_IDS,
  PROP_THREAT_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_assumption_class_init (MoatAssumptionClass *klass)
{
  properties[PROP_STATEMENT] = moat_field_string ("statement");
  properties[PROP_KIND] = moat_field_enum ("kind", MOAT_TYPE_ASSUMPTION_KIND, MOAT_ASSUMPTION_KIND_ASSUMPTION);
  properties[PROP_STATUS] = moat_field_enum ("status", MOAT_TYPE_ASSUMPTION_STATUS, MOAT_ASSUMPTION_UNVALIDATED);
  properties[PROP_VALIDATION] = moat_field_string ("validation");
  properties[PROP_ELEMENT_IDS] = moat_field_strv ("element-ids");
  properties[PROP_THREAT_IDS] = moat_field_strv ("threat-ids");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "assumption", "assumptions",
                             properties, N_PROPS);
}

static void
moat_assumption_init (MoatAssumption *self)
{
}

MoatAssumption *
moat_assumption_new (void)
{
  return g_object_new (MOAT_TYPE_ASSUMPTION, NULL);
}

const char *
moat_assumption_get_statement (MoatAssumption *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_STATEMENT);
}

MoatAssumptionKind
moat_assumption_get_kind (MoatAssumption *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_KIND);
}

MoatAssumptionStatus
moat_assumption_get_status (MoatAssumption *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_STATUS);
}

const char *
moat_assumption_get_validation (MoatAssumption *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_VALIDATION);
}

const char * const *
moat_assumption_get_element_ids (MoatAssumption *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_ELEMENT_IDS);
}

const char * const *
moat_assumption_get_threat_ids (MoatAssumption *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_THREAT_IDS);
}
