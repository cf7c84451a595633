/* moat-workshop-coverage.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_COVERAGE (moat_workshop_coverage_get_type ())

/* Stage 4's requirement coverage: how far the controls meet the model's
 * catalogue (OWASP ASVS unless it names another) at a level, large enough
 * to read from the back of the room. */
G_DECLARE_FINAL_TYPE (MoatWorkshopCoverage, moat_workshop_coverage, MOAT, WORKSHOP_COVERAGE, MoatPage)

int           moat_workshop_coverage_get_level    (MoatWorkshopCoverage *self);
void          moat_workshop_coverage_set_level    (MoatWorkshopCoverage *self,
                                                   int                   level);
MoatCoverage *moat_workshop_coverage_get_coverage (MoatWorkshopCoverage *self);

G_END_DECLS
