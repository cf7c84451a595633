/* moat-control.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONTROL (moat_control_get_type ())

/* What we do about threats: a countermeasure and where it stands. */
G_DECLARE_FINAL_TYPE (MoatControl, moat_control, MOAT, CONTROL, MoatObject)

MoatControl        *moat_control_new             (void);
const char         *moat_control_get_title       (MoatControl *self);
const char         *moat_control_get_description (MoatControl *self);
MoatControlStatus   moat_control_get_status      (MoatControl *self);
MoatEffort          moat_control_get_effort      (MoatControl *self);
const char         *moat_control_get_owner       (MoatControl *self);
const char         *moat_control_get_tracker_key (MoatControl *self);
const char         *moat_control_get_tracker_url (MoatControl *self);
const char * const *moat_control_get_threat_ids  (MoatControl *self);
const char * const *moat_control_get_requirements (MoatControl *self);

G_END_DECLS
