/* moat-analysis.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-assumptions-panel.h"
#include "moat-controls-panel.h"
#include "moat-diagram-page.h"
#include "moat-risk-page.h"
#include "moat-rule-engine.h"
#include "moat-threats-panel.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ANALYSIS (moat_analysis_get_type ())

/* The threat analysis of one window: the rule engine of its model, the
 * Threats, Controls and Assumptions panels beside the diagram, the Assets
 * and Risk pages, and what ties them together (the canvas selection, the
 * highlight and badges on the canvas, going from a linked object to where
 * it is edited). The window makes one and hands it its model. */
G_DECLARE_FINAL_TYPE (MoatAnalysis, moat_analysis, MOAT, ANALYSIS, GObject)

MoatAnalysis         *moat_analysis_new                 (MoatDiagramPage *diagram_page,
                                                         AdwViewStack    *view_stack);
void                  moat_analysis_add_risk_page       (MoatAnalysis    *self,
                                                         MoatRiskPage    *risk_page);
void                  moat_analysis_set_model           (MoatAnalysis    *self,
                                                         MoatModel       *model,
                                                         GSettings       *settings);
void                  moat_analysis_load                (MoatAnalysis    *self);
gboolean              moat_analysis_is_loaded           (MoatAnalysis    *self);
MoatRuleEngine       *moat_analysis_get_engine          (MoatAnalysis    *self);
void                  moat_analysis_show                (MoatAnalysis    *self,
                                                         MoatObject      *object);
gboolean              moat_analysis_get_badge           (MoatAnalysis    *self,
                                                         const char      *element_id,
                                                         guint           *n_open,
                                                         MoatRiskLevel   *worst);

G_END_DECLS
