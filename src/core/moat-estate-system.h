/* moat-estate-system.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-estate-trends.h"
#include "moat-feature-check.h"
#include "moat-risk.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE_SYSTEM (moat_estate_system_get_type ())

/* One system of an estate: what one model file says about its risk, read
 * once and kept as figures, so that an estate of hundreds of models does
 * not hold hundreds of models in memory. A file that could not be read is
 * a system too, with its error. */
G_DECLARE_FINAL_TYPE (MoatEstateSystem, moat_estate_system, MOAT, ESTATE_SYSTEM, GObject)

/* The sensitive data a system handles, from its elements. */
typedef enum
{
  MOAT_ESTATE_DATA_PII         = 1 << 0,
  MOAT_ESTATE_DATA_PAYMENT     = 1 << 1,
  MOAT_ESTATE_DATA_CREDENTIALS = 1 << 2,
} MoatEstateData;

/* One open threat of one system, as the estate ranks it. */
typedef struct
{
  char          *system;        /* the system's title */
  char          *path;          /* the system's file, as shown */
  char          *threat_id;
  char          *title;
  char          *asset;         /* the asset behind the impact, or NULL */
  MoatRiskLevel  level;         /* residual */
  MoatRiskLevel  inherent_level;
  int            likelihood;    /* residual */
  int            impact;
} MoatEstateRisk;

/* A control proposed or planned for longer than the estate allows. */
typedef struct
{
  char              *title;
  MoatControlStatus  status;
  gint64             since;     /* microseconds since 1970 UTC */
} MoatEstateOverdue;

MoatEstateRisk   *moat_estate_risk_copy                (const MoatEstateRisk *risk);
void              moat_estate_risk_free                (MoatEstateRisk       *risk);
int               moat_estate_risk_compare             (const MoatEstateRisk *a,
                                                        const MoatEstateRisk *b);
void              moat_estate_overdue_free             (MoatEstateOverdue    *overdue);

MoatEstateSystem *moat_estate_system_load              (GFile        *file,
                                                        const char   *display_path,
                                                        gint64        now,
                                                        guint         overdue_days,
                                                        gboolean      any_json);
const char       *moat_estate_system_get_path          (MoatEstateSystem *self);
GFile            *moat_estate_system_get_file          (MoatEstateSystem *self);
const GError     *moat_estate_system_get_error         (MoatEstateSystem *self);
gboolean          moat_estate_system_is_model          (MoatEstateSystem *self);
const char       *moat_estate_system_get_title         (MoatEstateSystem *self);
const char       *moat_estate_system_get_owner         (MoatEstateSystem *self);
gint64            moat_estate_system_get_last_change   (MoatEstateSystem *self);
gint64            moat_estate_system_get_last_review   (MoatEstateSystem *self);
guint             moat_estate_system_get_n_threats     (MoatEstateSystem *self);
guint             moat_estate_system_get_n_open        (MoatEstateSystem *self,
                                                        MoatRiskBasis     basis,
                                                        MoatRiskLevel     level);
const MoatEstateRisk *moat_estate_system_get_top_risk  (MoatEstateSystem *self);
GPtrArray        *moat_estate_system_get_risks         (MoatEstateSystem *self);
MoatRiskLevel     moat_estate_system_get_rank_level    (MoatEstateSystem *self,
                                                        gboolean         *any_open);
guint             moat_estate_system_get_risk_score    (MoatEstateSystem *self);
guint             moat_estate_system_get_n_assumptions (MoatEstateSystem *self,
                                                        MoatAssumptionStatus status);
GPtrArray        *moat_estate_system_get_overdue       (MoatEstateSystem *self);
MoatEstateData    moat_estate_system_get_data          (MoatEstateSystem *self);
gboolean          moat_estate_system_get_internet_facing (MoatEstateSystem *self);
guint             moat_estate_system_get_n_unreviewed_sensitive (MoatEstateSystem *self);
void              moat_estate_system_get_heat_map      (MoatEstateSystem *self,
                                                        MoatRiskBasis     basis,
                                                        guint             counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE]);
GArray           *moat_estate_system_get_events        (MoatEstateSystem *self);
MoatFeatureCheck *moat_estate_system_get_last_check    (MoatEstateSystem *self);

char             *moat_estate_data_to_string           (MoatEstateData    data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatEstateRisk, moat_estate_risk_free)

G_END_DECLS
