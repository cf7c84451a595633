/* moat-workshop-view.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-rule-engine.h"
#include "moat-workshop-util.h"

G_BEGIN_DECLS

/* What one key captures in a workshop. */
typedef enum {
  MOAT_WORKSHOP_CAPTURE_THREAT,     /* T */
  MOAT_WORKSHOP_CAPTURE_CONTROL,    /* C */
  MOAT_WORKSHOP_CAPTURE_ASSUMPTION, /* A */
  MOAT_WORKSHOP_CAPTURE_QUESTION,   /* Q */
} MoatWorkshopCapture;

#define MOAT_TYPE_WORKSHOP_VIEW (moat_workshop_view_get_type ())

/* Workshop mode: a model shown stage by stage to a room, with the team's
 * words captured as they come and the session recorded in the model. */
G_DECLARE_FINAL_TYPE (MoatWorkshopView, moat_workshop_view, MOAT, WORKSHOP_VIEW, GtkWidget)

void                 moat_workshop_view_start             (MoatWorkshopView    *self,
                                                           MoatModel           *model,
                                                           GSettings           *settings);
void                 moat_workshop_view_stop              (MoatWorkshopView    *self);
gboolean             moat_workshop_view_get_active        (MoatWorkshopView    *self);
MoatModel           *moat_workshop_view_get_model         (MoatWorkshopView    *self);
MoatRuleEngine      *moat_workshop_view_get_engine        (MoatWorkshopView    *self);
MoatWorkshopSession *moat_workshop_view_get_session       (MoatWorkshopView    *self);
void                 moat_workshop_view_set_engine        (MoatWorkshopView    *self,
                                                           MoatRuleEngine      *engine);
MoatWorkshopStage    moat_workshop_view_get_stage         (MoatWorkshopView    *self);
void                 moat_workshop_view_set_stage         (MoatWorkshopView    *self,
                                                           MoatWorkshopStage    stage);
gboolean             moat_workshop_view_step              (MoatWorkshopView    *self,
                                                           int                  delta);
GtkWidget           *moat_workshop_view_get_stage_widget  (MoatWorkshopView    *self,
                                                           MoatWorkshopStage    stage);
void                 moat_workshop_view_capture           (MoatWorkshopView    *self,
                                                           MoatWorkshopCapture  kind);
gboolean             moat_workshop_view_get_capturing     (MoatWorkshopView    *self);
GtkWidget           *moat_workshop_view_get_capture_entry (MoatWorkshopView    *self);
GtkWidget           *moat_workshop_view_get_chooser       (MoatWorkshopView    *self);
GtkWidget           *moat_workshop_view_get_timer         (MoatWorkshopView    *self);
void                 moat_workshop_view_show_history      (MoatWorkshopView    *self);

G_END_DECLS
