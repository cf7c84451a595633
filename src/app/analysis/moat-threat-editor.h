/* moat-threat-editor.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-rule-engine.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREAT_EDITOR (moat_threat_editor_get_type ())

/* Edits one threat in place: every change is an edit of the model. Its
 * "open" signal asks to show a linked object (an element, a control, an
 * assumption) where it is edited. */
G_DECLARE_FINAL_TYPE (MoatThreatEditor, moat_threat_editor, MOAT, THREAT_EDITOR, GtkWidget)

GtkWidget  *moat_threat_editor_new        (void);
void        moat_threat_editor_set_engine (MoatThreatEditor *self,
                                           MoatRuleEngine   *engine);
void        moat_threat_editor_set_threat (MoatThreatEditor *self,
                                           MoatModel        *model,
                                           MoatThreat       *threat);
MoatThreat *moat_threat_editor_get_threat (MoatThreatEditor *self);
void        moat_threat_editor_commit     (MoatThreatEditor *self);

G_END_DECLS
