/* moat-conflicts-dialog.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONFLICTS_DIALOG (moat_conflicts_dialog_get_type ())

/* The open merge conflicts of a model, one row each, live: a row goes
 * when its conflict is resolved and comes back when that is undone. */
G_DECLARE_FINAL_TYPE (MoatConflictsDialog, moat_conflicts_dialog, MOAT, CONFLICTS_DIALOG, AdwWindow)

GtkWidget *moat_conflicts_dialog_new       (GtkWindow           *parent,
                                            MoatModel           *model);
MoatModel *moat_conflicts_dialog_get_model (MoatConflictsDialog *self);
GtkListBox *moat_conflicts_dialog_get_list (MoatConflictsDialog *self);

G_END_DECLS
