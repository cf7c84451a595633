/* moat-asset.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ASSET (moat_asset_get_type ())

/* Something of value to the business that an attack could harm. */
G_DECLARE_FINAL_TYPE (MoatAsset, moat_asset, MOAT, ASSET, MoatObject)

MoatAsset         *moat_asset_new                        (void);
const char        *moat_asset_get_name                   (MoatAsset *self);
const char        *moat_asset_get_description            (MoatAsset *self);
MoatClassification moat_asset_get_classification         (MoatAsset *self);
int                moat_asset_get_impact_confidentiality (MoatAsset *self);
int                moat_asset_get_impact_integrity       (MoatAsset *self);
int                moat_asset_get_impact_availability    (MoatAsset *self);
const char        *moat_asset_get_owner                  (MoatAsset *self);

G_END_DECLS
