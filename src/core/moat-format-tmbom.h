/* moat-format-tmbom.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OWASP Threat Model Bill of Materials (TM-BOM): the threat-model.schema.json
 * of the OWASP Threat Model Library, as OWASP Threat Dragon reads and writes
 * it. Use moat_format_import() and moat_format_export(); these are what
 * they call.
 *
 * How TM-BOM maps onto Moat:
 *
 * - scope.title → the model's title; description → the model's
 *   description; scope.description → its scope (in); version ↔ version
 *   label. The scope's business criticality, data sensitivity, exposure and
 *   tier, and frozen, released_at, reviewed_at, links and extensions have
 *   no place: reported (written back with Threat Dragon's defaults).
 * - TM-BOM has no diagrams of its own (its "diagrams" are links: reported):
 *   everything goes on one diagram named after the scope. trust_zones →
 *   boundaries, laid out side by side, each holding its actors, components
 *   and data stores in a grid; what is in no zone stands to the left.
 * - actors → actors, components → processes, data_stores → stores,
 *   data_flows → flows (encrypted → encrypted in transit; has_sensitive_data
 *   ↔ the flow's data being confidential). An actor's type and a data
 *   store's type become the element's tags ("tmbom-actor:third_party",
 *   "tmbom-store:sql") and come back from them; an actor's type also sets
 *   its privilege level where one fits (administrator → admin, user → user,
 *   system → system). A data store's vendor and product → technology.
 * - data_sets → assets, placed on the data stores of their placements;
 *   their data sensitivity sets the classification (pii, phi, fin, pci,
 *   cred → restricted; others → confidential).
 * - assumptions → assumptions (confirmed → validated, rejected →
 *   invalidated), about the elements their topics name.
 * - threat_personas → threat actors (skill level → capability 1 to 5;
 *   access level and intent in the motivation).
 * - threats → threats: components_affected → elements, threat_persona →
 *   threat actor, attack_mechanisms and weaknesses → the references
 *   CAPEC-n and CWE-n; event and sources are reported.
 * - controls → controls linked to their threats (suggested → proposed,
 *   approved/scheduled → planned, under_review → in progress, active →
 *   implemented, assumed → verified; wont_do and retired → proposed,
 *   reported).
 * - risks → likelihood and impact of their threats (rare … certain and
 *   negligible … severe as 1 … 5); the risk's own texts are reported.
 *
 * Writing, Moat's ids become symbolic names (lower case letters, digits and
 * dashes), every threat gets a persona (a default one when it has no
 * threat actor, as Threat Dragon does), and each threat one risk.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-import-report.h"
#include "moat-model.h"

G_BEGIN_DECLS

/* The schema exported files name. */
#define MOAT_TMBOM_SCHEMA \
  "https://github.com/OWASP/www-project-threat-model-library/blob/v1.0.2/threat-model.schema.json"

gboolean   moat_tmbom_detect (JsonObject        *root);
MoatModel *moat_tmbom_import (JsonNode          *root,
                              MoatImportReport **report,
                              GError           **error);
char      *moat_tmbom_export (MoatModel         *model,
                              MoatImportReport **report);

G_END_DECLS
