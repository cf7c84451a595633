/* moat-toast.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void moat_toast_show         (GtkWidget  *widget,
                              const char *message,
                              gboolean    undoable);
void moat_toast_show_deleted (GtkWidget  *widget,
                              const char *title);

G_END_DECLS
