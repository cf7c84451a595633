/* moat-asset.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-asset.h"

struct _MoatAsset
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatAsset, moat_asset, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_CLASSIFICATION,
  PROP_IMPACT_CONFIDENTIALITY,
  PROP_IMPACT_INTEGRITY,
  PROP_IMPACT_AVAILABILITY,
  PROP_OWNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_asset_class_init (MoatAssetClass *klass)
{
  properties[PROP_NAME] = moat_field_string ("name");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_CLASSIFICATION] = moat_field_enum ("classification", MOAT_TYPE_CLASSIFICATION, MOAT_CLASSIFICATION_INTERNAL);
  properties[PROP_IMPACT_CONFIDENTIALITY] = moat_field_int ("impact-confidentiality", 1, 5, 3);
  properties[PROP_IMPACT_INTEGRITY] = moat_field_int ("impact-integrity", 1, 5, 3);
  properties[PROP_IMPACT_AVAILABILITY] = moat_field_int ("impact-availability", 1, 5, 3);
  properties[PROP_OWNER] = moat_field_string ("owner");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "asset", "assets",
                             properties, N_PROPS);
}

static void
moat_asset_init (MoatAsset *self)
{
}

MoatAsset *
moat_asset_new (void)
{
  return g_object_new (MOAT_TYPE_ASSET, NULL);
}

const char *
moat_asset_get_name (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_NAME);
}

const char *
moat_asset_get_description (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

MoatClassification
moat_asset_get_classification (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_CLASSIFICATION);
}

int
moat_asset_get_impact_confidentiality (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_IMPACT_CONFIDENTIALITY);
}

int
moat_asset_get_impact_integrity (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_IMPACT_INTEGRITY);
}

int
moat_asset_get_impact_availability (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_IMPACT_AVAILABILITY);
}

const char *
moat_asset_get_owner (MoatAsset *self)
{
  g_return_val_if_fail (MOAT_IS_ASSET (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OWNER);
}
