/* moat-workshop-session.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_SESSION (moat_workshop_session_get_type ())

/* One threat-modelling workshop held on the model. */
G_DECLARE_FINAL_TYPE (MoatWorkshopSession, moat_workshop_session, MOAT, WORKSHOP_SESSION, MoatObject)

MoatWorkshopSession *moat_workshop_session_new                 (void);
const char          *moat_workshop_session_get_title           (MoatWorkshopSession *self);
gint64               moat_workshop_session_get_started         (MoatWorkshopSession *self);
int                  moat_workshop_session_get_duration        (MoatWorkshopSession *self);
int                  moat_workshop_session_get_planned_minutes (MoatWorkshopSession *self);
int                  moat_workshop_session_get_stage           (MoatWorkshopSession *self);
GVariant            *moat_workshop_session_get_participants    (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_answer_working  (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_answer_wrong    (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_answer_doing    (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_answer_good     (MoatWorkshopSession *self);
MoatConsensus        moat_workshop_session_get_consensus       (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_dissent         (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_follow_ups      (MoatWorkshopSession *self);
const char          *moat_workshop_session_get_summary         (MoatWorkshopSession *self);

G_END_DECLS
