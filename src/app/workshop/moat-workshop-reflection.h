/* moat-workshop-reflection.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_REFLECTION (moat_workshop_reflection_get_type ())

/* Stage 5: the four questions answered, who took part, the consensus
 * and what follows, all kept in the workshop session. */
G_DECLARE_FINAL_TYPE (MoatWorkshopReflection, moat_workshop_reflection, MOAT, WORKSHOP_REFLECTION, GtkWidget)

GtkWidget  *moat_workshop_reflection_new                (void);
void        moat_workshop_reflection_set_session        (MoatWorkshopReflection *self,
                                                         MoatWorkshopSession    *session);
void        moat_workshop_reflection_commit             (MoatWorkshopReflection *self);
void        moat_workshop_reflection_add_participant    (MoatWorkshopReflection *self,
                                                         const char             *name,
                                                         const char             *role);
void        moat_workshop_reflection_remove_participant (MoatWorkshopReflection *self,
                                                         guint                   index);
const char *moat_workshop_role_get_label                (const char             *role);

G_END_DECLS
