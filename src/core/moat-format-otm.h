/* moat-format-otm.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open Threat Model (OTM) files. Use moat_format_import() and
 * moat_format_export(); these are what they call.
 *
 * How OTM maps onto Moat:
 *
 * - project name, id, description, owner → the model's title, id,
 *   description, owner.
 * - each representation of type “diagram” → a diagram; other kinds
 *   (code, threat-model) are reported. With none, one diagram is made.
 * - trustZones → boundaries; components → actors, processes or stores,
 *   by their type (“generic-client”, “generic-service”, “database” and
 *   Moat's own kind names are certain; anything else is guessed from
 *   words like db, storage, client, browser, and reported); dataflows →
 *   flows. Component tags → tags.
 * - positions and sizes from the elements' diagram representations.
 *   As in OTM, a position is relative to the parent trust zone (or
 *   component) when that parent is drawn on the same diagram. Elements
 *   without a position are laid out on a grid inside their trust zone;
 *   zones without one are laid out in rows below what is placed.
 * - assets → assets: confidentiality, integrity and availability (0–100)
 *   → impacts 1–5; components' processed and stored assets and data
 *   flows' assets → the elements' assets.
 * - threats → threats: name, description, the first category Moat knows
 *   (others reported), likelihood and impact (0–100 → 1–5: each fifth of
 *   the range is one step; written back as 10, 30, 50, 70, 90). A threat
 *   affects every component and data flow that lists it; its status
 *   comes from their threat states (exposed/open → open, mitigated,
 *   partly mitigated → open, not applicable, accepted, transferred;
 *   reported when they disagree).
 * - mitigations → controls, linked to the threats whose instances list
 *   them; the mitigation states give the control's status (recommended →
 *   proposed, required → planned, implemented, ...). riskReduction has
 *   no equivalent and is reported.
 * - attributes named “moat:<field>” carry the Moat fields OTM has no
 *   place for, so Moat → OTM → Moat loses nothing OTM can hold; other
 *   attributes and properties are reported.
 *
 * Writing, Moat's notes, threat actors, assumptions, rule dismissals and
 * workshop sessions have no place in OTM and are reported. Elements
 * outside every boundary get a trust zone marked moat:synthetic, which
 * Moat drops again on import. Trust ratings are written as 10 for
 * internet-facing boundaries and 50 for others, risk reductions as 50.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-import-report.h"
#include "moat-model.h"

G_BEGIN_DECLS

/* The OTM version written into exported files. */
#define MOAT_OTM_VERSION "0.2.0"

MoatModel *moat_otm_import (JsonNode          *root,
                            MoatImportReport **report,
                            GError           **error);
char      *moat_otm_export (MoatModel         *model,
                            MoatImportReport **report);

G_END_DECLS
