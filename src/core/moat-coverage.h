/* moat-coverage.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-library.h"
#include "moat-model.h"
#include "moat-risk.h"

G_BEGIN_DECLS

#define MOAT_TYPE_COVERAGE (moat_coverage_get_type ())

/* How far a model's controls meet a requirement catalogue at a level:
 * which requirements apply to the model's elements, how far each is met,
 * and the gaps, ranked by the risk of the threats they leave open. A
 * snapshot: compute it again after the model changes. */
G_DECLARE_FINAL_TYPE (MoatCoverage, moat_coverage, MOAT, COVERAGE, GObject)

/* How far a requirement is met: the best status among the controls that
 * name it (a proposed control meets nothing yet). */
typedef enum
{
  MOAT_COVERAGE_NONE,
  MOAT_COVERAGE_PLANNED,      /* planned or in progress */
  MOAT_COVERAGE_IMPLEMENTED,
  MOAT_COVERAGE_VERIFIED,
} MoatCoverageStatus;

#define MOAT_COVERAGE_N_STATUSES (MOAT_COVERAGE_VERIFIED + 1)

/* One requirement of the catalogue at the level; owned by the coverage. */
typedef struct
{
  const MoatRequirement *requirement;
  gboolean               applies;     /* its topic is in the model, or a control names it */
  MoatCoverageStatus     status;
  GPtrArray             *control_ids; /* (element-type utf8) controls that name it */
  GPtrArray             *threat_ids;  /* (element-type utf8) open threats it bears on */
  int                    gap_score;   /* highest residual likelihood × impact of those, 0 for none */
  MoatRiskLevel          gap_level;   /* the residual level of that threat */
} MoatCoverageItem;

MoatCoverage           *moat_coverage_compute            (MoatLibrary  *library,
                                                          MoatModel    *model,
                                                          const char   *catalogue_id,
                                                          int           level,
                                                          GError      **error);

MoatCatalogue          *moat_coverage_get_catalogue      (MoatCoverage *self);
int                     moat_coverage_get_level          (MoatCoverage *self);
guint                   moat_coverage_get_n_items        (MoatCoverage *self);
const MoatCoverageItem *moat_coverage_get_item           (MoatCoverage *self,
                                                          guint         position);
const MoatCoverageItem *moat_coverage_lookup             (MoatCoverage *self,
                                                          const char   *requirement_id);
guint                   moat_coverage_get_n_applicable   (MoatCoverage *self);
guint                   moat_coverage_count              (MoatCoverage *self,
                                                          MoatCoverageStatus status);
guint                   moat_coverage_get_n_met          (MoatCoverage *self);
double                  moat_coverage_get_percent        (MoatCoverage *self);
GPtrArray              *moat_coverage_get_gaps           (MoatCoverage *self);
const char * const     *moat_coverage_get_unknown        (MoatCoverage *self);

char                   *moat_coverage_get_title          (MoatCoverage *self);

char                   *moat_coverage_default_catalogue  (MoatModel    *model);
gboolean                moat_coverage_model_uses_catalogues (MoatModel *model);

const char             *moat_coverage_status_get_nick    (MoatCoverageStatus status);
const char             *moat_coverage_status_get_label   (MoatCoverageStatus status);

G_END_DECLS
