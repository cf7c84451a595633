/* moat-overview-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_OVERVIEW_PAGE (moat_overview_page_get_type ())

/* The model's own fields, and what the model holds. */
G_DECLARE_FINAL_TYPE (MoatOverviewPage, moat_overview_page, MOAT, OVERVIEW_PAGE, MoatPage)

void moat_overview_page_commit    (MoatOverviewPage *self);

G_END_DECLS
