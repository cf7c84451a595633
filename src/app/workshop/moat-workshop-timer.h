/* moat-workshop-timer.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_TIMER (moat_workshop_timer_get_type ())

/* The time left in a workshop, with buttons to give it more or less. */
G_DECLARE_FINAL_TYPE (MoatWorkshopTimer, moat_workshop_timer, MOAT, WORKSHOP_TIMER, GtkWidget)

#define MOAT_WORKSHOP_TIMER_WARNING_SECONDS (5 * 60)
#define MOAT_WORKSHOP_TIMER_STEP_MINUTES    5

GtkWidget *moat_workshop_timer_new                 (void);
void       moat_workshop_timer_start               (MoatWorkshopTimer *self);
void       moat_workshop_timer_stop                (MoatWorkshopTimer *self);
int        moat_workshop_timer_get_planned_minutes (MoatWorkshopTimer *self);
void       moat_workshop_timer_set_planned_minutes (MoatWorkshopTimer *self,
                                                    int                minutes);
gint64     moat_workshop_timer_get_remaining       (MoatWorkshopTimer *self);
gboolean   moat_workshop_timer_get_warning         (MoatWorkshopTimer *self);

G_END_DECLS
