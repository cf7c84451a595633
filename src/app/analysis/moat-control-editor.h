/* moat-control-editor.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONTROL_EDITOR (moat_control_editor_get_type ())

/* Edits one control in place. Its "open" signal asks to show a linked
 * threat where it is edited. */
G_DECLARE_FINAL_TYPE (MoatControlEditor, moat_control_editor, MOAT, CONTROL_EDITOR, GtkWidget)

GtkWidget   *moat_control_editor_new          (void);
void         moat_control_editor_set_control  (MoatControlEditor *self,
                                               MoatModel         *model,
                                               MoatControl       *control);
MoatControl *moat_control_editor_get_control  (MoatControlEditor *self);
void         moat_control_editor_commit       (MoatControlEditor *self);
gboolean     moat_control_editor_can_open_url (MoatControlEditor *self);

G_END_DECLS
