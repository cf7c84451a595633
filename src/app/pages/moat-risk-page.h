/* moat-risk-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-heat-map.h"
#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RISK_PAGE (moat_risk_page_get_type ())

/* The model-level risk dashboard: the heat map of open threats (inherent
 * or residual), counts by status and by category, the ten highest risks
 * with their business impact, and the control roadmap. It follows the
 * model; picking a threat or a control emits "threat-activated" or
 * "control-activated". */
G_DECLARE_FINAL_TYPE (MoatRiskPage, moat_risk_page, MOAT, RISK_PAGE, MoatPage)

GtkWidget   *moat_risk_page_new                (void);
void         moat_risk_page_set_residual       (MoatRiskPage *self,
                                                gboolean      residual);
void         moat_risk_page_refresh            (MoatRiskPage *self);
void         moat_risk_page_reload_library     (MoatRiskPage *self);
MoatHeatMap *moat_risk_page_get_heat_map       (MoatRiskPage *self);
guint        moat_risk_page_get_status_count   (MoatRiskPage *self,
                                                MoatThreatStatus status);
guint        moat_risk_page_get_category_count (MoatRiskPage *self,
                                                const char   *category);
GtkListBox  *moat_risk_page_get_top_list       (MoatRiskPage *self);
GtkListBox  *moat_risk_page_get_broken_list    (MoatRiskPage *self);
GtkListBox  *moat_risk_page_get_roadmap_list   (MoatRiskPage *self);

G_END_DECLS
