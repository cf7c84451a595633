/* moat-gui-test-util.h: what the in-process GUI tests share.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       moat_gui_test_init           (int          *argc,
                                         char       ***argv);
void       moat_gui_test_spin           (void);
GtkWidget *moat_gui_test_find_type      (GtkWidget    *root,
                                         GType         type);
GtkWidget *moat_gui_test_find_row_widget (GtkWidget   *root,
                                          const char  *row_title);

G_END_DECLS
