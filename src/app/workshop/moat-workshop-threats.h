/* moat-workshop-threats.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-page.h"
#include "moat-rule-engine.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_THREATS (moat_workshop_threats_get_type ())

/* Stage 3: what can go wrong, one element at a time: the element on the
 * diagram beside its threats and the rules' suggestions. The model is its
 * MoatPage:model; the suggestions come from its engine. */
G_DECLARE_FINAL_TYPE (MoatWorkshopThreats, moat_workshop_threats, MOAT, WORKSHOP_THREATS, MoatPage)

GtkWidget   *moat_workshop_threats_new                 (void);
void         moat_workshop_threats_set_engine          (MoatWorkshopThreats *self,
                                                        MoatRuleEngine      *engine);
MoatElement *moat_workshop_threats_get_element         (MoatWorkshopThreats *self);
guint        moat_workshop_threats_get_position        (MoatWorkshopThreats *self);
guint        moat_workshop_threats_get_n_elements      (MoatWorkshopThreats *self);
gboolean     moat_workshop_threats_step                (MoatWorkshopThreats *self,
                                                        int                  delta);
MoatThreat  *moat_workshop_threats_get_selected_threat (MoatWorkshopThreats *self);
GListModel  *moat_workshop_threats_get_threats         (MoatWorkshopThreats *self);
GListModel  *moat_workshop_threats_get_suggestions     (MoatWorkshopThreats *self);

G_END_DECLS
