/* moat-assumption-editor.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ASSUMPTION_EDITOR (moat_assumption_editor_get_type ())

/* Edits one assumption in place. Its "open" signal asks to show a linked
 * element or threat. */
G_DECLARE_FINAL_TYPE (MoatAssumptionEditor, moat_assumption_editor, MOAT, ASSUMPTION_EDITOR, GtkWidget)

GtkWidget      *moat_assumption_editor_new            (void);
void            moat_assumption_editor_set_assumption (MoatAssumptionEditor *self,
                                                       MoatModel            *model,
                                                       MoatAssumption       *assumption);
MoatAssumption *moat_assumption_editor_get_assumption (MoatAssumptionEditor *self);
void            moat_assumption_editor_commit         (MoatAssumptionEditor *self);

G_END_DECLS
