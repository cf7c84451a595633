/* moat-format-threat-dragon-v1.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OWASP Threat Dragon 1.x models, read as Threat Dragon 2 reads them:
 * upgraded to 2.x the way its own migration does (td.vue/src/service/
 * migration/tdV1), then read as a 2.x model (moat-format-threat-dragon.h
 * tells how that maps onto Moat). Paths in the report are those of the
 * 1.x file (detail.diagrams[0].diagramJson.cells[3].threats[0]).
 *
 * What the upgrade itself leaves behind, as Threat Dragon 2 does: the
 * JointJS layout details of each cell (z-order, smoothing, label styles,
 * the diagram's canvas size) and AngularJS's $$hashKey. Threat Dragon 1.x
 * cannot be written: export to Threat Dragon 2.x, which both read.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-import-report.h"
#include "moat-model.h"

G_BEGIN_DECLS

MoatModel *moat_threat_dragon_v1_import (JsonNode          *root,
                                         MoatImportReport **report,
                                         GError           **error);

G_END_DECLS
