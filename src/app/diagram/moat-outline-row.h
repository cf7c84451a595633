/* moat-outline-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_OUTLINE_ROW (moat_outline_row_get_type ())

/* One element in the diagram page's outline: its kind's icon, its name,
 * and a ring while its threats want a review. It follows the element. */
G_DECLARE_FINAL_TYPE (MoatOutlineRow, moat_outline_row, MOAT, OUTLINE_ROW, GtkWidget)

MoatElement *moat_outline_row_get_element (MoatOutlineRow *self);
void         moat_outline_row_set_element (MoatOutlineRow *self,
                                           MoatElement    *element);

G_END_DECLS
