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
 * A threat harms one business dimension of what it touches, chosen from
 * its category (moat_risk_dimension_for_category()): confidentiality for
 * information disclosure and every LINDDUN privacy category, integrity
 * for tampering and repudiation (and DIE's Immutable), availability for
 * denial of service (and DIE's Distributed); for spoofing, elevation of
 * privilege, Ephemeral, other categories and none, the highest of the
 * three ("any"). An asset's business impact is the highest of its three.
 *
 * The default impact of a threat is the highest impact, in its dimension,
 * of the assets linked (element "asset-ids") to the threat's elements.
 * For "any", the dimension named is the first of C, I, A in which some
 * asset reaches that highest value, and the assets named are those that
 * reach it in that dimension.
 *
 * moat_risk_default_impact() returns 0 when no asset is linked: the
 * assets have no opinion. moat_risk_effective_impact() is the impact to
 * use: the threat's own "impact" when a person set it
 * ("impact-overridden") or when no asset is linked, else the default.
 */
typedef enum
{
  MOAT_RISK_DIMENSION_ANY,
  MOAT_RISK_DIMENSION_CONFIDENTIALITY,
  MOAT_RISK_DIMENSION_INTEGRITY,
  MOAT_RISK_DIMENSION_AVAILABILITY,
} MoatRiskDimension;

/* Where a threat's effective impact comes from. */
typedef enum
{
  MOAT_RISK_IMPACT_FROM_ASSETS,
  MOAT_RISK_IMPACT_SET_BY_HAND,   /* "impact-overridden" */
  MOAT_RISK_IMPACT_NO_ASSET,      /* the threat's own figure: no asset linked */
} MoatRiskImpactSource;

MoatRiskDimension moat_risk_dimension_for_category (const char        *category);
const char   *moat_risk_dimension_get_nick (MoatRiskDimension   dimension);
const char   *moat_risk_dimension_get_label (MoatRiskDimension  dimension);
int           moat_risk_asset_impact       (MoatAsset          *asset);
int           moat_risk_asset_impact_in    (MoatAsset          *asset,
                                            MoatRiskDimension   dimension);
int           moat_risk_impact_from_assets (MoatModel          *model,
                                            const char * const *element_ids);
int           moat_risk_impact_from_assets_in (MoatModel          *model,
                                               const char * const *element_ids,
                                               MoatRiskDimension   dimension,
                                               MoatRiskDimension  *named,
                                               GPtrArray          *assets);
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
 *
 * Every output names the two levels apart: "inherent" (likelihood ×
 * effective impact, before any control) and "residual" (after the
 * controls in place). Gates such as `moat-cli check` say which they use.
 */
#define MOAT_RISK_IMPLEMENTED_STEPS 1
#define MOAT_RISK_VERIFIED_STEPS    2

typedef enum
{
  MOAT_RISK_BASIS_RESIDUAL,
  MOAT_RISK_BASIS_INHERENT,
} MoatRiskBasis;

typedef struct
{
  gboolean             open;
  int                  likelihood;
  int                  impact;              /* the effective impact */
  MoatRiskLevel        level;               /* inherent */
  int                  residual_likelihood;
  int                  residual_impact;
  MoatRiskLevel        residual_level;
  int                  control_steps;       /* likelihood steps the controls in place take off */
  MoatRiskImpactSource impact_source;
  MoatRiskDimension    dimension;           /* what the assets' impact is of */
} MoatRiskAssessment;

void          moat_risk_assess             (MoatModel          *model,
                                            MoatThreat         *threat,
                                            MoatRiskAssessment *assessment);
GHashTable   *moat_risk_assess_all         (MoatModel          *model);
MoatRiskLevel moat_risk_assessment_get_level (const MoatRiskAssessment *assessment,
                                              MoatRiskBasis             basis);
gboolean      moat_risk_basis_from_nick    (const char         *nick,
                                            MoatRiskBasis      *basis);
const char   *moat_risk_basis_get_nick     (MoatRiskBasis       basis);
/* (element-type MoatAsset) (transfer full): the assets the impact comes from */
GPtrArray    *moat_risk_impact_assets      (MoatModel          *model,
                                            MoatThreat         *threat);
/* "from asset Card data, confidentiality 5", "set by hand", … */
char         *moat_risk_describe_impact    (MoatModel          *model,
                                            MoatThreat         *threat);
char         *moat_risk_describe_impact_untranslated (MoatModel  *model,
                                                      MoatThreat *threat);
int           moat_risk_control_steps      (MoatControlStatus   status);
/* "Critical (L4 × I5)", translated */
char         *moat_risk_format_level       (MoatRiskLevel       level,
                                            int                 likelihood,
                                            int                 impact);

/* What one control does for one threat: the inherent level before any
 * control, and the residual with the controls in place and @control
 * counted as implemented when it is not yet in place, as the roadmap
 * counts it. For "inherent → residual" beside a control. */
void          moat_risk_assess_with_control (MoatModel          *model,
                                             MoatThreat         *threat,
                                             MoatControl        *control,
                                             MoatRiskAssessment *assessment);

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
GPtrArray    *moat_risk_top_threats_assessed (MoatModel        *model,
                                              GHashTable       *assessments,
                                              guint             n,
                                              gboolean          residual);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatRoadmapItem, moat_roadmap_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatCategoryCount, moat_category_count_free)

G_END_DECLS
