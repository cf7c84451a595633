/* moat-workshop-util.h: what the workshop stages share.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

/* The stages, in the order a workshop goes through them. */
typedef enum {
  MOAT_WORKSHOP_STAGE_CONTEXT,
  MOAT_WORKSHOP_STAGE_ARCHITECTURE,
  MOAT_WORKSHOP_STAGE_THREATS,
  MOAT_WORKSHOP_STAGE_CONTROLS,
  MOAT_WORKSHOP_STAGE_REFLECTION,
} MoatWorkshopStage;

#define MOAT_WORKSHOP_N_STAGES (MOAT_WORKSHOP_STAGE_REFLECTION + 1)

void       moat_workshop_dispose_template         (GtkWidget   *widget,
                                                   GType        type);
void       moat_workshop_label_set                (GtkWidget   *label,
                                                   const char  *text,
                                                   const char  *placeholder);
GtkWidget *moat_workshop_canvas_new               (void);
void       moat_workshop_canvas_use_high_contrast (GtkWidget   *canvas);
void       moat_workshop_canvas_frame             (GtkWidget   *canvas,
                                                   MoatElement *element);

G_END_DECLS
