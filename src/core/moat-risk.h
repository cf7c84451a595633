/* moat-risk.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How bad a threat is, in one place: the 5×5 matrix, residual risk, the
 * impact a threat inherits from the assets it touches, and the order in
 * which to build controls. The dashboard, the report, the command line and
 * the rule engine all ask here, so the numbers agree everywhere.
 */

#pragma once

#include <glib-object.h>

#include "moat-asset.h"
#include "moat-control.h"
#include "moat-enums.h"
#include "moat-model.h"
#include "moat-threat.h"

G_BEGIN_DECLS

#define MOAT_RISK_N_LEVELS   (MOAT_RISK_CRITICAL + 1)
#define MOAT_RISK_N_STATUSES (MOAT_THREAT_NOT_APPLICABLE + 1)
#define MOAT_RISK_SCALE      5 /* likelihood and impact run from 1 to 5 */

/* The matrix. Likelihood down, impact across:
 *
 *                 impact 1   2        3        4        5
 *   likelihood 5  medium     high     high     critical critical
 *   likelihood 4  medium     medium   high     high     critical
 *   likelihood 3  low        medium   medium   high     high
 *   likelihood 2  low        low      medium   medium   high
 *   likelihood 1  low        low      low      medium   medium
 *
 * It is symmetric (a likely nuisance and an unlikely disaster weigh the
 * same) and never falls when either axis rises. Values outside 1..5 are
 * clamped.
 */
MoatRiskLevel moat_risk_level              (int            likelihood,
                                            int            impact);
const char   *moat_risk_level_get_nick     (MoatRiskLevel  level);
const char   *moat_risk_level_get_label    (MoatRiskLevel  level);
gboolean      moat_risk_level_from_nick    (const char    *nick,
                                            MoatRiskLevel *level);

/* Fill colours for a level, mid-tones that read on light and on dark
 * backgrounds, and the text colour that reads on each fill. Components
 * from 0 to 1. */
void          moat_risk_level_get_rgb      (MoatRiskLevel  level,
                                            double        *red,
                                            double        *green,
                                            double        *blue);
void          moat_risk_level_get_text_rgb (MoatRiskLevel  level,
                                            double        *red,
                                            double        *green,
                                            double        *blue);

/* Open means nobody has decided yet: a threat that is mitigated,
 * accepted, transferred or not applicable is not open. */
gboolean      moat_risk_threat_is_open     (MoatThreat    *threat);

/* Impact from assets.
 *
 * An asset's business impact is the highest of its three impacts
 * (confidentiality, integrity, availability). The default impact of a
 * threat is the highest business impact of the assets linked (element
 * "asset-ids") to the threat's elements.
 *
 * moat_risk_default_impact() returns 0 when no asset is linked: the
 * assets have no opinion. moat_risk_effective_impact() is the impact to
 * use: the threat's own "impact" when a person set it
 * ("impact-overridden") or when no asset is linked, else the default.
 */
int           moat_risk_asset_impact       (MoatAsset          *asset);
int           moat_risk_impact_from_assets (MoatModel          *model,
                                            const char * const *element_ids);
int           moat_risk_default_impact     (MoatModel          *model,
                                            MoatThreat         *threat);
int           moat_risk_effective_impact   (MoatModel          *model,
                                            MoatThreat         *threat);

/* Residual risk.
 *
 * Controls make a threat less likely, not less harmful: every control
 * linked to the threat (control "threat-ids") that is implemented lowers
 * the likelihood by one step, every verified control by two, and the
 * likelihood never goes below 1. Proposed, planned and in-progress
 * controls change nothing yet. The impact stays the effective impact, and
 * the residual level is the matrix at the lowered likelihood.
 */
#define MOAT_RISK_IMPLEMENTED_STEPS 1
#define MOAT_RISK_VERIFIED_STEPS    2

typedef struct
{
  gboolean      open;
  int           likelihood;
  int           impact;              /* the effective impact */
  MoatRiskLevel level;
  int           residual_likelihood;
  int           residual_impact;
  MoatRiskLevel residual_level;
} MoatRiskAssessment;

void          moat_risk_assess             (MoatModel          *model,
                                            MoatThreat         *threat,
                                            MoatRiskAssessment *assessment);
int           moat_risk_control_steps      (MoatControlStatus   status);

/* The roadmap: the controls not yet implemented (or verified), best first.
 *
 * A control's worth is the risk it would remove once implemented: over
 * the open threats it addresses, the drop in residual likelihood × impact.
 * Its priority is that worth per unit of effort, with small = 1,
 * medium = 2, large = 4. Ties go to the larger worth, then by title.
 */
#define MOAT_RISK_EFFORT_SMALL  1
#define MOAT_RISK_EFFORT_MEDIUM 2
#define MOAT_RISK_EFFORT_LARGE  4

typedef struct
{
  MoatControl *control;       /* owned */
  int          risk_removed;  /* sum of likelihood × impact points */
  int          effort;        /* the effort weight */
  double       priority;      /* risk_removed / effort */
} MoatRoadmapItem;

int           moat_risk_effort_weight      (MoatEffort          effort);
void          moat_roadmap_item_free       (MoatRoadmapItem    *item);
GPtrArray    *moat_risk_roadmap            (MoatModel          *model);

/* Summaries for the dashboard and the report. */

/* counts[likelihood - 1][impact - 1] of open threats, by their current
 * or their residual likelihood and impact. */
void          moat_risk_heat_map           (MoatModel          *model,
                                            gboolean            residual,
                                            guint               counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE]);
/* counts[status], for every threat. */
void          moat_risk_count_by_status    (MoatModel          *model,
                                            guint               counts[MOAT_RISK_N_STATUSES]);

typedef struct
{
  char  *category;
  guint  count;
} MoatCategoryCount;

void          moat_category_count_free     (MoatCategoryCount  *count);
GPtrArray    *moat_risk_count_by_category  (MoatModel          *model,
                                            gboolean            open_only);

GPtrArray    *moat_risk_top_threats        (MoatModel          *model,
                                            guint               n,
                                            gboolean            residual);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatRoadmapItem, moat_roadmap_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatCategoryCount, moat_category_count_free)

G_END_DECLS
