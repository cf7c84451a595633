/* moat-workshop-session-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_SESSION_ROW (moat_workshop_session_row_get_type ())

/* A past workshop in the history: its title and when it was held, and
 * opened, what changed, who took part and their answers. */
G_DECLARE_FINAL_TYPE (MoatWorkshopSessionRow, moat_workshop_session_row, MOAT, WORKSHOP_SESSION_ROW, AdwExpanderRow)

GtkWidget *moat_workshop_session_row_new  (MoatWorkshopSession *session);
char      *moat_workshop_session_describe (MoatWorkshopSession *session);

G_END_DECLS
