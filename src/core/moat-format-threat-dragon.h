/* moat-format-threat-dragon.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OWASP Threat Dragon 2.x models. Use moat_format_import() and
 * moat_format_export(); these are what they call.
 *
 * How Threat Dragon maps onto Moat:
 *
 * - summary title, owner, description → the model's; release_version ↔
 *   version label. Contributors and reviewer have no place: reported.
 * - each diagram → a diagram (title, description, order). Its diagram
 *   type (threat method) is what its threats' categories imply (CIA and DIE
 *   together: CIADIE; none: STRIDE), written back from them; a type they
 *   do not imply (an empty LINDDUN diagram, PLOT4ai) is kept as the last
 *   line of the description, "Threat Dragon threat method: X", and written
 *   back from there.
 * - cells: tm.Actor, tm.Process, tm.Store → actor, process, store;
 *   tm.Flow → flow; tm.BoundaryBox → boundary; tm.Text → note.
 *   A tm.Boundary line becomes a boundary whose region is the line's
 *   bounding box (reported); the line itself is kept in the element's
 *   points and written back as a line.
 * - geometry: position and size; flow ends and bends. A flow end that is
 *   a loose point is attached to the nearest element within 60 pixels,
 *   or the flow is left out (both reported).
 * - properties: isEncrypted → encrypted in transit (flows) or at rest
 *   (stores); isPublicNetwork → internet facing; isBidirectional;
 *   protocol; outOfScope and reasonOutOfScope; providesAuthentication →
 *   authenticated; storesCredentials → handles credentials;
 *   handlesCardPayment → handles payment; privilegeLevel → the privilege
 *   level when it names one (anonymous, user, admin, system), else kept at
 *   the end of the description (reported). isALog, isSigned,
 *   storesInventory, handlesGoodsOrServices, isWebApplication → the tags
 *   log, signed, inventory, goods-or-services, web-application.
 * - threats: title, description; type → category (STRIDE by letter,
 *   LINDDUN, CIA and DIE by name, others as written); status Open,
 *   Mitigated, NotApplicable (NA), Accepted, Transferred (Avoided and
 *   Eliminated become mitigated, with the word as the reason); severity
 *   → likelihood × impact: Critical 5 × 5, High 4 × 4, Medium 3 × 3,
 *   Low 2 × 2. Writing, likelihood × impact of 20 or more is Critical,
 *   12 to 19 High, 6 to 11 Medium, below 6 Low. A custom score is kept as
 *   the last line of the description, "Threat Dragon score: X", and
 *   written back from there. The mitigation text becomes a control linked
 *   to the threat: implemented when the threat is mitigated, else
 *   proposed; text that only says there is none yet ("None", "TBD", "None
 *   as yet", "N/A", ...) makes no control (reported).
 * - anything else, and on export every Moat value Threat Dragon cannot
 *   hold (assets, threat actors, assumptions, controls not linked to a
 *   threat, ...), goes into the report. Presentation details Threat Dragon
 *   derives again when it opens a file (colours, ports, z-order, label
 *   placement, counters) are neither kept nor reported.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-import-report.h"
#include "moat-model.h"

G_BEGIN_DECLS

/* The Threat Dragon version written into exported files. */
#define MOAT_THREAT_DRAGON_VERSION "2.3.0"

MoatModel *moat_threat_dragon_import (JsonNode          *root,
                                      MoatImportReport **report,
                                      GError           **error);
char      *moat_threat_dragon_export (MoatModel         *model,
                                      MoatImportReport **report);

G_END_DECLS
