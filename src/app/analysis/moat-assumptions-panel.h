/* moat-assumptions-panel.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-items-panel.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ASSUMPTIONS_PANEL (moat_assumptions_panel_get_type ())

/* The assumptions and open questions of the selection (or of the model)
 * and their editor. An assumption concerns an element it names or one of
 * whose threats it names; its category is its kind. "open" asks to show a
 * linked element or threat. */
G_DECLARE_FINAL_TYPE (MoatAssumptionsPanel, moat_assumptions_panel, MOAT, ASSUMPTIONS_PANEL, MoatItemsPanel)

GtkWidget *moat_assumptions_panel_new        (void);

G_END_DECLS
