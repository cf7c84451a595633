/* moat-assumption.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ASSUMPTION (moat_assumption_get_type ())

/* Something the model takes as true, or an open question, tracked
 * until it is validated. */
G_DECLARE_FINAL_TYPE (MoatAssumption, moat_assumption, MOAT, ASSUMPTION, MoatObject)

MoatAssumption      *moat_assumption_new             (void);
const char          *moat_assumption_get_statement   (MoatAssumption *self);
MoatAssumptionKind   moat_assumption_get_kind        (MoatAssumption *self);
MoatAssumptionStatus moat_assumption_get_status      (MoatAssumption *self);
const char          *moat_assumption_get_validation  (MoatAssumption *self);
const char * const  *moat_assumption_get_element_ids (MoatAssumption *self);
const char * const  *moat_assumption_get_threat_ids  (MoatAssumption *self);

G_END_DECLS
