/* moat-assets-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ASSETS_PAGE (moat_assets_page_get_type ())

/* The model's assets (business impact on confidentiality, integrity and
 * availability, 1 to 5) and threat actors (capability 1 to 5): add, edit
 * in place, delete. Actions "assets.add-asset" and "assets.add-actor". */
G_DECLARE_FINAL_TYPE (MoatAssetsPage, moat_assets_page, MOAT, ASSETS_PAGE, MoatPage)

GtkWidget       *moat_assets_page_new       (void);
MoatAsset       *moat_assets_page_add_asset (MoatAssetsPage *self);
MoatThreatActor *moat_assets_page_add_actor (MoatAssetsPage *self);
GtkWidget       *moat_assets_page_get_row   (MoatAssetsPage *self,
                                             MoatObject     *object);

G_END_DECLS
