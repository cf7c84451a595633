/* moat-asset-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-object-row.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ASSET_ROW (moat_asset_row_get_type ())

/* One asset on the Assets page: its name, owner, classification and
 * impacts, edited in place. */
G_DECLARE_FINAL_TYPE (MoatAssetRow, moat_asset_row, MOAT, ASSET_ROW, MoatObjectRow)

G_END_DECLS
