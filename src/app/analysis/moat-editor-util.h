/* moat-editor-util.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void moat_preferences_page_scroll_to_top (AdwPreferencesPage *page);

G_END_DECLS
