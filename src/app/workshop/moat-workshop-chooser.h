/* moat-workshop-chooser.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_CHOOSER (moat_workshop_chooser_get_type ())

/* Asks which of an element's open threats a new control addresses. The
 * last row is "no particular threat". Emits "chosen" with the threat (or
 * %NULL for none), or "cancelled" on Escape. */
G_DECLARE_FINAL_TYPE (MoatWorkshopChooser, moat_workshop_chooser, MOAT, WORKSHOP_CHOOSER, GtkWidget)

GtkWidget  *moat_workshop_chooser_new         (void);
void        moat_workshop_chooser_ask         (MoatWorkshopChooser *self,
                                               MoatModel           *model,
                                               GPtrArray           *threats,
                                               const char          *control_title);
guint       moat_workshop_chooser_get_n_items (MoatWorkshopChooser *self);
MoatThreat *moat_workshop_chooser_get_threat  (MoatWorkshopChooser *self,
                                               guint                position);
void        moat_workshop_chooser_choose      (MoatWorkshopChooser *self,
                                               guint                position);
GtkListBox *moat_workshop_chooser_get_list    (MoatWorkshopChooser *self);

G_END_DECLS
