/* moat-threat.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREAT (moat_threat_get_type ())

/* What can go wrong: a threat to some elements, with its likelihood,
 * impact and status. */
G_DECLARE_FINAL_TYPE (MoatThreat, moat_threat, MOAT, THREAT, MoatObject)

MoatThreat         *moat_threat_new                   (void);
const char         *moat_threat_get_title             (MoatThreat *self);
const char         *moat_threat_get_description       (MoatThreat *self);
const char         *moat_threat_get_category          (MoatThreat *self);
const char * const *moat_threat_get_element_ids       (MoatThreat *self);
const char         *moat_threat_get_actor_id          (MoatThreat *self);
int                 moat_threat_get_likelihood        (MoatThreat *self);
int                 moat_threat_get_impact            (MoatThreat *self);
gboolean            moat_threat_get_impact_overridden (MoatThreat *self);
MoatThreatStatus    moat_threat_get_status            (MoatThreat *self);
const char         *moat_threat_get_status_reason     (MoatThreat *self);
const char         *moat_threat_get_owner             (MoatThreat *self);
const char         *moat_threat_get_rule_id           (MoatThreat *self);
gboolean            moat_threat_get_needs_review      (MoatThreat *self);
const char         *moat_threat_get_review_reason     (MoatThreat *self);
const char * const *moat_threat_get_refs              (MoatThreat *self);

G_END_DECLS
