/* moat-workshop-history.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_HISTORY (moat_workshop_history_get_type ())

/* The workshops held on its model (MoatPage:model), newest first, each
 * with what it did. */
G_DECLARE_FINAL_TYPE (MoatWorkshopHistory, moat_workshop_history, MOAT, WORKSHOP_HISTORY, MoatPage)

GtkWidget  *moat_workshop_history_new          (void);
GListModel *moat_workshop_history_get_sessions (MoatWorkshopHistory *self);
GtkWindow  *moat_workshop_history_present      (GtkWindow           *parent,
                                                MoatModel           *model);

G_END_DECLS
