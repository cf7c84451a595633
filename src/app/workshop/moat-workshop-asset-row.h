/* moat-workshop-asset-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_ASSET_ROW (moat_workshop_asset_row_get_type ())

/* An asset's name and classification, and its business impact in
 * confidentiality, integrity and availability, in the model's words. */
G_DECLARE_FINAL_TYPE (MoatWorkshopAssetRow, moat_workshop_asset_row, MOAT, WORKSHOP_ASSET_ROW, GtkWidget)

GtkWidget *moat_workshop_asset_row_new (MoatModel *model,
                                        MoatAsset *asset);

G_END_DECLS
