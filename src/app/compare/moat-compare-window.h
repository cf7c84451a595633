/* moat-compare-window.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-compare.h"

G_BEGIN_DECLS

#define MOAT_TYPE_COMPARE_WINDOW (moat_compare_window_get_type ())

/* The list of changes beside a model's window while it is compared with
 * another version: the changes `moat-cli diff` gives, grouped by kind.
 * "show-change" asks for a change's object; "stop" ends comparing. */
G_DECLARE_FINAL_TYPE (MoatCompareWindow, moat_compare_window, MOAT, COMPARE_WINDOW, AdwWindow)

MoatCompareWindow *moat_compare_window_new     (GtkWindow         *parent,
                                                MoatCompare       *compare,
                                                const char        *other_name);
void               moat_compare_window_refresh (MoatCompareWindow *self);
GPtrArray         *moat_compare_window_get_rows (MoatCompareWindow *self);

G_END_DECLS
