/* moat-workshop-control-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_CONTROL_ROW (moat_workshop_control_row_get_type ())

/* A control on the roadmap or in place: its rank, title, status, effort
 * and reach, and under it the risk it removes from its first threats. */
G_DECLARE_FINAL_TYPE (MoatWorkshopControlRow, moat_workshop_control_row, MOAT, WORKSHOP_CONTROL_ROW, GtkWidget)

GtkWidget   *moat_workshop_control_row_new         (MoatModel              *model,
                                                    MoatControl            *control,
                                                    const char             *rank);
MoatControl *moat_workshop_control_row_get_control (MoatWorkshopControlRow *self);

G_END_DECLS
