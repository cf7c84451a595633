/* moat-workshop-threat-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

/* What a threat row says under the title. */
typedef enum {
  MOAT_WORKSHOP_THREAT_STATUS,   /* open, mitigated… */
  MOAT_WORKSHOP_THREAT_IMPACT,   /* the business impact, in the model's words */
  MOAT_WORKSHOP_THREAT_CATEGORY, /* its STRIDE category */
} MoatWorkshopThreatDetail;

/* When a row shows the residual level beside the inherent one. */
typedef enum {
  MOAT_WORKSHOP_RESIDUAL_NEVER,
  MOAT_WORKSHOP_RESIDUAL_CHANGED,
  MOAT_WORKSHOP_RESIDUAL_ALWAYS,
} MoatWorkshopResidual;

#define MOAT_TYPE_WORKSHOP_THREAT_ROW (moat_workshop_threat_row_get_type ())

/* One threat in the workshop: a number to press or a rank, its title, a
 * detail, and its inherent (and residual) risk. */
G_DECLARE_FINAL_TYPE (MoatWorkshopThreatRow, moat_workshop_threat_row, MOAT, WORKSHOP_THREAT_ROW, GtkWidget)

GtkWidget  *moat_workshop_threat_row_new        (MoatModel                *model,
                                                 MoatThreat               *threat,
                                                 MoatWorkshopThreatDetail  detail,
                                                 MoatWorkshopResidual      residual);
MoatThreat *moat_workshop_threat_row_get_threat (MoatWorkshopThreatRow    *self);
void        moat_workshop_threat_row_set_number (MoatWorkshopThreatRow    *self,
                                                 const char               *number,
                                                 GtkAlign                  valign);

G_END_DECLS
