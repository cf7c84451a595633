/* moat-workshop-actor-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_ACTOR_ROW (moat_workshop_actor_row_get_type ())

/* A threat actor in the workshop: who, and what drives them. */
G_DECLARE_FINAL_TYPE (MoatWorkshopActorRow, moat_workshop_actor_row, MOAT, WORKSHOP_ACTOR_ROW, GtkWidget)

GtkWidget *moat_workshop_actor_row_new (MoatThreatActor *actor);

G_END_DECLS
