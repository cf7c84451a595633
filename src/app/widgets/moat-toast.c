/* moat-toast.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an edit made from a page or panel says, in the window's toast
 * overlay, with the way back when there is one.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "moat-toast.h"

/**
 * moat_toast_show:
 * @widget: a widget in the window that should say it
 * @undoable: whether the toast offers "Undo"
 *
 * Outside a window (a page on its own, in a test) nothing is shown.
 */
void
moat_toast_show (GtkWidget  *widget,
                 const char *message,
                 gboolean    undoable)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("%s", message);
      return;
    }
  toast = adw_toast_new (message);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * moat_toast_show_deleted:
 * @title: what was deleted, as the user knows it
 */
void
moat_toast_show_deleted (GtkWidget  *widget,
                         const char *title)
{
  g_autofree char *message = g_strdup_printf (_("“%s” deleted"), title);

  moat_toast_show (widget, message, TRUE);
}
