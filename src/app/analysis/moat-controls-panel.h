/* moat-controls-panel.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-items-panel.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONTROLS_PANEL (moat_controls_panel_get_type ())

/* The controls of the selection's threats (or of the model) and the
 * control editor. A control concerns an element when one of the threats
 * it mitigates does; its categories are those of its threats. "open" asks
 * to show a linked threat. */
G_DECLARE_FINAL_TYPE (MoatControlsPanel, moat_controls_panel, MOAT, CONTROLS_PANEL, MoatItemsPanel)

GtkWidget *moat_controls_panel_new        (void);

G_END_DECLS
