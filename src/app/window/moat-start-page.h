/* moat-start-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MOAT_TYPE_START_PAGE (moat_start_page_get_type ())

/* What a window shows before it has a model: new, open, recent files and
 * the drafts left from earlier sessions. */
G_DECLARE_FINAL_TYPE (MoatStartPage, moat_start_page, MOAT, START_PAGE, GtkWidget)

void moat_start_page_refresh (MoatStartPage *self);

G_END_DECLS
