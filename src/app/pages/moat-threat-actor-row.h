/* moat-threat-actor-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-object-row.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREAT_ACTOR_ROW (moat_threat_actor_row_get_type ())

/* One threat actor on the Assets page, edited in place. */
G_DECLARE_FINAL_TYPE (MoatThreatActorRow, moat_threat_actor_row, MOAT, THREAT_ACTOR_ROW, MoatObjectRow)

G_END_DECLS
