/* moat-workshop-participant-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_PARTICIPANT_ROW (moat_workshop_participant_row_get_type ())

/* Someone in the room, in stage 5: the name, the role, and a button that
 * asks to remove them (the "remove" signal). */
G_DECLARE_FINAL_TYPE (MoatWorkshopParticipantRow, moat_workshop_participant_row, MOAT, WORKSHOP_PARTICIPANT_ROW, GtkWidget)

GtkWidget *moat_workshop_participant_row_new       (const char                 *name,
                                                    const char                 *role,
                                                    guint                       index);
guint      moat_workshop_participant_row_get_index (MoatWorkshopParticipantRow *self);

G_END_DECLS
