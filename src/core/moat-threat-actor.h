/* moat-threat-actor.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREAT_ACTOR (moat_threat_actor_get_type ())

/* Someone who might attack the system, and how able they are. */
G_DECLARE_FINAL_TYPE (MoatThreatActor, moat_threat_actor, MOAT, THREAT_ACTOR, MoatObject)

MoatThreatActor *moat_threat_actor_new             (void);
const char      *moat_threat_actor_get_name        (MoatThreatActor *self);
const char      *moat_threat_actor_get_description (MoatThreatActor *self);
const char      *moat_threat_actor_get_motivation  (MoatThreatActor *self);
int              moat_threat_actor_get_capability  (MoatThreatActor *self);

G_END_DECLS
