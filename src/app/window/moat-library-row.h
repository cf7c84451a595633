/* moat-library-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-library.h"

G_BEGIN_DECLS

#define MOAT_TYPE_LIBRARY_ROW (moat_library_row_get_type ())

/* One rule set, rule file or catalogue on the Rules and Catalogues page:
 * its name, where it comes from, how much it holds and a switch; or, for
 * a file that did not load, why and where. */
G_DECLARE_FINAL_TYPE (MoatLibraryRow, moat_library_row, MOAT, LIBRARY_ROW, AdwActionRow)

GtkWidget              *moat_library_row_new         (const MoatLibraryEntry *entry);
const MoatLibraryEntry *moat_library_row_get_entry   (MoatLibraryRow         *self);
GtkSwitch              *moat_library_row_get_switch  (MoatLibraryRow         *self);
void                    moat_library_row_set_enabled (MoatLibraryRow         *self,
                                                      gboolean                enabled);

G_END_DECLS
