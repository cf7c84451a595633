/* moat-workshop-recorder.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_RECORDER (moat_workshop_recorder_get_type ())

/* Keeps the record of one workshop: the session object in the model, and
 * what the team added, changed and removed while it ran. */
G_DECLARE_FINAL_TYPE (MoatWorkshopRecorder, moat_workshop_recorder, MOAT, WORKSHOP_RECORDER, GObject)

MoatWorkshopRecorder *moat_workshop_recorder_new            (MoatModel            *model,
                                                             int                   planned_minutes);
MoatWorkshopSession  *moat_workshop_recorder_get_session    (MoatWorkshopRecorder *self);
MoatModel            *moat_workshop_recorder_get_model      (MoatWorkshopRecorder *self);
guint                 moat_workshop_recorder_count_added    (MoatWorkshopRecorder *self,
                                                             GType                 type);
guint                 moat_workshop_recorder_count_changed  (MoatWorkshopRecorder *self,
                                                             GType                 type);
char                 *moat_workshop_recorder_dup_summary    (MoatWorkshopRecorder *self);
void                  moat_workshop_recorder_finish         (MoatWorkshopRecorder *self,
                                                             int                   stage,
                                                             int                   planned_minutes);

G_END_DECLS
