/* moat-risk-chip.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-enums.h"

G_BEGIN_DECLS

#define MOAT_TYPE_RISK_CHIP (moat_risk_chip_get_type ())

/* A risk level as a small coloured pill ("High"), in the colours of
 * moat-risk.h. A level of -1 shows nothing. */
G_DECLARE_FINAL_TYPE (MoatRiskChip, moat_risk_chip, MOAT, RISK_CHIP, GtkWidget)

GtkWidget *moat_risk_chip_new        (void);
int        moat_risk_chip_get_level  (MoatRiskChip *self);
void       moat_risk_chip_set_level  (MoatRiskChip *self,
                                      int           level);
void       moat_risk_chip_set_dimmed (MoatRiskChip *self,
                                      gboolean      dimmed);
void       moat_risk_style_ensure    (void);

G_END_DECLS
