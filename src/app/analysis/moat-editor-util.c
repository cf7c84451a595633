/* moat-editor-util.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-editor-util.h"

/* adw_preferences_page_scroll_to_top() is libadwaita 1.3; the page's
 * first child is its scrolled window in 1.2 as in later versions. */
void
moat_preferences_page_scroll_to_top (AdwPreferencesPage *page)
{
#if ADW_CHECK_VERSION (1, 3, 0)
  adw_preferences_page_scroll_to_top (page);
#else
  GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (page));

  if (GTK_IS_SCROLLED_WINDOW (scroller))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
#endif
}
