/* moat-workshop-columns.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MOAT_TYPE_WORKSHOP_COLUMNS (moat_workshop_columns_get_type ())

/* Two columns of equal width side by side, or one under the other when
 * the text is too large for both to fit: a slide that never grows wider
 * than the screen. Its two children are declared in a .ui file. */
G_DECLARE_FINAL_TYPE (MoatWorkshopColumns, moat_workshop_columns, MOAT, WORKSHOP_COLUMNS, GtkWidget)

gboolean moat_workshop_columns_get_stacked (MoatWorkshopColumns *self);

G_END_DECLS
