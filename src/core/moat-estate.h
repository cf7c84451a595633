/* moat-estate.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-estate-system.h"
#include "moat-estate-trends.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE (moat_estate_get_type ())

/* Many models at once: every model under some folders (a checkout of
 * many services), each read read-only and summarised as a
 * MoatEstateSystem, ranked by business risk, with the estate's heat map,
 * its highest risks and its trends. A file that cannot be read is listed
 * with its error and never stops the rest. */
G_DECLARE_FINAL_TYPE (MoatEstate, moat_estate, MOAT, ESTATE, GObject)

#define MOAT_ESTATE_DEFAULT_OVERDUE_DAYS 90
#define MOAT_ESTATE_DEFAULT_STALE_DAYS   30

MoatEstate       *moat_estate_new              (void);
void              moat_estate_set_overdue_days (MoatEstate    *self,
                                                guint          days);
guint             moat_estate_get_overdue_days (MoatEstate    *self);
void              moat_estate_set_now          (MoatEstate    *self,
                                                gint64         now);
gint64            moat_estate_get_now          (MoatEstate    *self);
void              moat_estate_add_path         (MoatEstate    *self,
                                                GFile         *path);
gboolean          moat_estate_load             (MoatEstate    *self,
                                                GCancellable  *cancellable,
                                                GError       **error);
void              moat_estate_load_async       (MoatEstate          *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean          moat_estate_load_finish      (MoatEstate    *self,
                                                GAsyncResult  *result,
                                                GError       **error);

GListModel       *moat_estate_get_systems      (MoatEstate    *self);
guint             moat_estate_get_n_models     (MoatEstate    *self);
guint             moat_estate_get_n_errors     (MoatEstate    *self);
MoatEstateSystem *moat_estate_find_system      (MoatEstate    *self,
                                                GFile         *file);
void              moat_estate_get_heat_map     (MoatEstate    *self,
                                                MoatRiskBasis  basis,
                                                guint          counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE]);
guint             moat_estate_get_n_open       (MoatEstate    *self,
                                                MoatRiskBasis  basis,
                                                MoatRiskLevel  level);
GPtrArray        *moat_estate_get_top_risks    (MoatEstate    *self,
                                                guint          n);
MoatEstateTrends *moat_estate_get_trends       (MoatEstate    *self);

G_END_DECLS
