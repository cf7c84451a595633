/* moat-workshop-removal-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_REMOVAL_ROW (moat_workshop_removal_row_get_type ())

/* The risk a control removes from one threat it addresses:
 * "Card numbers read from the vault   Critical → High". */
G_DECLARE_FINAL_TYPE (MoatWorkshopRemovalRow, moat_workshop_removal_row, MOAT, WORKSHOP_REMOVAL_ROW, GtkWidget)

GtkWidget   *moat_workshop_removal_row_new         (MoatModel              *model,
                                                    MoatControl            *control,
                                                    MoatThreat             *threat);
MoatControl *moat_workshop_removal_row_get_control (MoatWorkshopRemovalRow *self);
MoatThreat  *moat_workshop_removal_row_get_threat  (MoatWorkshopRemovalRow *self);

G_END_DECLS
