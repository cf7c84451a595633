/* moat-workshop-context.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_CONTEXT (moat_workshop_context_get_type ())

/* Stage 1: the business context, to be read from the back of the room. */
G_DECLARE_FINAL_TYPE (MoatWorkshopContext, moat_workshop_context, MOAT, WORKSHOP_CONTEXT, GtkWidget)

GtkWidget *moat_workshop_context_new       (void);
void       moat_workshop_context_set_model (MoatWorkshopContext *self,
                                            MoatModel           *model);

G_END_DECLS
