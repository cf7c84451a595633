/* moat-threats-panel.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-items-panel.h"
#include "moat-rule-engine.h"
#include "moat-suggestion-list.h"

G_BEGIN_DECLS

#define MOAT_TYPE_THREATS_PANEL (moat_threats_panel_get_type ())

/* The threats of the selection (or of the model), what the rules suggest
 * for the selection, and the threat editor.
 *
 * "highlight" holds the ids of the elements of the threat being edited,
 * for the canvas to show; "open" asks to show a linked object (a control,
 * an assumption, an element) where it is edited. */
G_DECLARE_FINAL_TYPE (MoatThreatsPanel, moat_threats_panel, MOAT, THREATS_PANEL, MoatItemsPanel)

GtkWidget          *moat_threats_panel_new             (void);
void                moat_threats_panel_set_engine      (MoatThreatsPanel *self,
                                                        MoatRuleEngine   *engine);
MoatRuleEngine     *moat_threats_panel_get_engine      (MoatThreatsPanel *self);
MoatSuggestionList *moat_threats_panel_get_suggestions (MoatThreatsPanel *self);
MoatThreat         *moat_threats_panel_accept          (MoatThreatsPanel *self,
                                                        MoatSuggestion   *suggestion);
void                moat_threats_panel_ask_dismiss     (MoatThreatsPanel *self,
                                                        MoatSuggestion   *suggestion);
GtkWidget          *moat_threats_panel_get_dialog      (MoatThreatsPanel *self);
const char * const *moat_threats_panel_get_highlight   (MoatThreatsPanel *self);

G_END_DECLS
