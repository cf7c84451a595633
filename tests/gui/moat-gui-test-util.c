/* moat-gui-test-util.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "moat-gui-test-util.h"
#include "moat-test-util.h"

/* One private home for the whole run: GTK's recent-files manager is
 * created once and must keep a folder to write to. */
void
moat_gui_test_init (int    *argc,
                    char ***argv)
{
  static const char *xdg_dirs[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  g_autofree char *home = NULL;

  g_test_init (argc, argv, NULL);
  home = moat_test_make_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (xdg_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg_dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg_dirs[i], dir, TRUE);
    }
  gtk_init ();
  adw_init ();
}

void
moat_gui_test_spin (void)
{
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
moat_gui_test_find_type (GtkWidget *root,
                         GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = moat_gui_test_find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The control of the row a person finds by its title: the row itself for
 * combo and entry rows, the suffix widget for action rows. */
GtkWidget *
moat_gui_test_find_row_widget (GtkWidget  *root,
                               const char *row_title)
{
  if (ADW_IS_PREFERENCES_ROW (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), row_title) == 0)
    {
      if (ADW_IS_ACTION_ROW (root) && !ADW_IS_COMBO_ROW (root))
        {
          GtkWidget *widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (root));
          if (widget == NULL)
            widget = moat_gui_test_find_type (root, GTK_TYPE_SPIN_BUTTON);
          return widget;
        }
      return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = moat_gui_test_find_row_widget (child, row_title);
      if (found != NULL)
        return found;
    }
  return NULL;
}
