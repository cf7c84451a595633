/* moat-conflict-banner.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONFLICT_BANNER (moat_conflict_banner_get_type ())

/* The strip under the header bar that says a merged model still holds
 * conflicts, and opens the list to resolve them. It folds away by itself
 * once the last one is settled, and comes back when undo reopens one. */
G_DECLARE_FINAL_TYPE (MoatConflictBanner, moat_conflict_banner, MOAT, CONFLICT_BANNER, GtkWidget)

MoatModel  *moat_conflict_banner_get_model   (MoatConflictBanner *self);
void        moat_conflict_banner_set_model   (MoatConflictBanner *self,
                                              MoatModel          *model);
gboolean    moat_conflict_banner_get_shown   (MoatConflictBanner *self);
const char *moat_conflict_banner_get_message (MoatConflictBanner *self);

G_END_DECLS
