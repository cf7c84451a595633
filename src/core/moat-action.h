/* moat-action.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-change.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ACTION (moat_action_get_type ())

/* What one user action did to a model: the unit of undo and of saving. */
typedef struct _MoatAction
{
  /*< public >*/
  char      *label;
  GPtrArray *changes; /* of MoatChange, in the order they were applied */

  /*< private >*/
  gatomicrefcount ref_count;
} MoatAction;

GType       moat_action_get_type   (void) G_GNUC_CONST;
MoatAction *moat_action_new        (const char *label);
MoatAction *moat_action_ref        (MoatAction *self);
void        moat_action_unref      (MoatAction *self);
void        moat_action_compact    (MoatAction *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatAction, moat_action_unref)

G_END_DECLS
