/* moat-workshop-history-window.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_HISTORY_WINDOW (moat_workshop_history_window_get_type ())

/* The past workshops of its model in a window of their own, closed with
 * Escape. */
G_DECLARE_FINAL_TYPE (MoatWorkshopHistoryWindow, moat_workshop_history_window, MOAT, WORKSHOP_HISTORY_WINDOW, AdwWindow)

MoatModel *moat_workshop_history_window_get_model (MoatWorkshopHistoryWindow *self);

G_END_DECLS
