/* moat-workshop-context.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_CONTEXT (moat_workshop_context_get_type ())

/* Stage 1: the business context, to be read from the back of the room;
 * the model is its MoatPage:model. */
G_DECLARE_FINAL_TYPE (MoatWorkshopContext, moat_workshop_context, MOAT, WORKSHOP_CONTEXT, MoatPage)

GtkWidget *moat_workshop_context_new (void);

G_END_DECLS
