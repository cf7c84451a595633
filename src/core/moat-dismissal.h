/* moat-dismissal.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_DISMISSAL (moat_dismissal_get_type ())

/* A rule suggestion the team set aside for one element, and why. */
G_DECLARE_FINAL_TYPE (MoatDismissal, moat_dismissal, MOAT, DISMISSAL, MoatObject)

MoatDismissal *moat_dismissal_new            (void);
const char    *moat_dismissal_get_rule_id    (MoatDismissal *self);
const char    *moat_dismissal_get_element_id (MoatDismissal *self);
const char    *moat_dismissal_get_reason     (MoatDismissal *self);

G_END_DECLS
