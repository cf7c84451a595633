/* moat-history.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-action.h"

G_BEGIN_DECLS

#define MOAT_TYPE_HISTORY (moat_history_get_type ())

/* The undo and redo stacks of one model. The model records every action it
 * closes here, and replays their inverses on undo. */
G_DECLARE_FINAL_TYPE (MoatHistory, moat_history, MOAT, HISTORY, GObject)

typedef enum {
  MOAT_HISTORY_UNDO,
  MOAT_HISTORY_REDO,
} MoatHistoryStack;

MoatHistory *moat_history_new            (void);
gboolean     moat_history_get_can_undo   (MoatHistory      *self);
gboolean     moat_history_get_can_redo   (MoatHistory      *self);
const char  *moat_history_get_undo_label (MoatHistory      *self);
const char  *moat_history_get_redo_label (MoatHistory      *self);
void         moat_history_record         (MoatHistory      *self,
                                          MoatAction       *action);
MoatAction  *moat_history_pop            (MoatHistory      *self,
                                          MoatHistoryStack  stack);
void         moat_history_push           (MoatHistory      *self,
                                          MoatHistoryStack  stack,
                                          MoatAction       *action);
void         moat_history_clear          (MoatHistory      *self);

G_END_DECLS
