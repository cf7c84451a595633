/* moat-link-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_LINK_ROW (moat_link_row_get_type ())

/* One object linked to the one being edited: what it is, its level for a
 * threat, and a button that activates "links.unlink" with its id. */
G_DECLARE_FINAL_TYPE (MoatLinkRow, moat_link_row, MOAT, LINK_ROW, AdwActionRow)

GtkWidget  *moat_link_row_new        (MoatModel   *model,
                                      MoatObject  *object);
MoatObject *moat_link_row_get_object (MoatLinkRow *self);

G_END_DECLS
