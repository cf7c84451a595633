/* moat-coverage-group.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_COVERAGE_GROUP (moat_coverage_group_get_type ())

/* How far the model's controls meet its requirement catalogue (OWASP ASVS
 * unless it names another) at a chosen level: the share met, the counts
 * by status, and the gaps that leave the riskiest threats open. */
G_DECLARE_FINAL_TYPE (MoatCoverageGroup, moat_coverage_group, MOAT, COVERAGE_GROUP, AdwPreferencesGroup)

void          moat_coverage_group_set_model    (MoatCoverageGroup *self,
                                                MoatModel         *model);
void          moat_coverage_group_refresh      (MoatCoverageGroup *self);
void          moat_coverage_group_reload       (MoatCoverageGroup *self);
void          moat_coverage_group_set_level    (MoatCoverageGroup *self,
                                                int                level);
MoatCoverage *moat_coverage_group_get_coverage (MoatCoverageGroup *self);

G_END_DECLS
