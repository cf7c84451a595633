/* moat-window-compare.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's Compare With…: "win.compare-with" picks another version
 * of the model, such as the one in the last commit, and the window shows
 * what changed since it, on the canvas and in a list beside the window;
 * "win.stop-comparing" ends that.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "moat-canvas.h"
#include "moat-compare-row.h"
#include "moat-compare-window.h"
#include "moat-window-private.h"

static MoatCanvas *
get_canvas (MoatWindow *self)
{
  return MOAT_CANVAS (moat_diagram_page_get_canvas (self->diagram_page));
}

static void
set_comparing (MoatWindow *self,
               gboolean    comparing)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "stop-comparing");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), comparing);
}

/* A removed element is shown where it was: on its old diagram, if the
 * model still has it. */
static void
show_removed (MoatWindow *self,
              const char *id)
{
  MoatModel *old_model = moat_compare_get_old_model (self->compare);
  MoatElement *element = moat_model_lookup_typed (old_model, id, MOAT_TYPE_ELEMENT);
  MoatDiagram *diagram;

  if (element == NULL)
    return;
  diagram = moat_model_lookup_typed (moat_window_get_model (self), moat_element_get_diagram_id (element),
                                     MOAT_TYPE_DIAGRAM);
  if (diagram == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "diagrams");
  g_object_set (self->diagram_page, "diagram", diagram, NULL);
}

static void
on_show_change (MoatWindow     *self,
                MoatCompareRow *row)
{
  const char *id = moat_compare_row_get_id (row);
  MoatObject *object = moat_model_lookup (moat_window_get_model (self), id);

  if (object != NULL)
    moat_analysis_show (self->analysis, object);
  else
    show_removed (self, id);
  gtk_window_present (GTK_WINDOW (self));
}

static gboolean
refresh (gpointer data)
{
  MoatWindow *self = data;

  self->compare_refresh_id = 0;
  moat_compare_refresh (self->compare);
  moat_compare_window_refresh (MOAT_COMPARE_WINDOW (self->compare_window));
  gtk_widget_queue_draw (GTK_WIDGET (get_canvas (self)));
  return G_SOURCE_REMOVE;
}

/* The open model is the newer version: edits change what differs. One
 * diff for the many changes of one edit. */
static void
on_model_changed (MoatWindow *self)
{
  if (self->compare != NULL && self->compare_refresh_id == 0)
    self->compare_refresh_id = g_idle_add (refresh, self);
}

/**
 * moat_window_stop_comparing:
 *
 * Clears the compare marks and closes the list of changes.
 */
void
moat_window_stop_comparing (MoatWindow *self)
{
  g_return_if_fail (MOAT_IS_WINDOW (self));

  if (self->compare == NULL)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (moat_window_get_model (self), on_model_changed, self);
  g_clear_handle_id (&self->compare_refresh_id, g_source_remove);
  moat_canvas_set_compare (get_canvas (self), NULL);
  g_clear_object (&self->compare);
  if (self->compare_window != NULL)
    {
      GtkWidget *window = g_steal_pointer (&self->compare_window);

      g_signal_handlers_disconnect_by_data (window, self);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  set_comparing (self, FALSE);
}

/**
 * moat_window_compare_with_file:
 * @file: another, older version of the window's model
 *
 * Marks on the canvas what changed since @file's version and lists the
 * changes beside the window, as `moat-cli diff FILE MODEL` does. A file
 * that cannot be read is reported; the window stays as it was.
 *
 * Returns: %TRUE if comparing began
 */
gboolean
moat_window_compare_with_file (MoatWindow *self,
                               GFile      *file)
{
  g_autoptr(MoatModel) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  MoatCompareWindow *list;

  g_return_val_if_fail (MOAT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (self->store == NULL)
    return FALSE;
  if (!(other = moat_format_load_file (file, &error)))
    {
      moat_window_show_error (self, name, error);
      return FALSE;
    }

  moat_window_stop_comparing (self);
  self->compare = moat_compare_new (other, moat_window_get_model (self));
  list = moat_compare_window_new (GTK_WINDOW (self), self->compare, name);
  self->compare_window = GTK_WIDGET (list);
  g_signal_connect_object (list, "show-change", G_CALLBACK (on_show_change), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "stop", G_CALLBACK (moat_window_stop_comparing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (moat_window_get_model (self), "changed", G_CALLBACK (on_model_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  moat_canvas_set_compare (get_canvas (self), self->compare);
  set_comparing (self, TRUE);
  gtk_window_present (GTK_WINDOW (list));
  return TRUE;
}

/**
 * moat_window_get_compare:
 *
 * Returns: (transfer none) (nullable): the comparison shown, if any
 */
MoatCompare *
moat_window_get_compare (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);
  return self->compare;
}

/**
 * moat_window_get_compare_window:
 *
 * Returns: (transfer none) (nullable): the list of changes, while comparing
 */
GtkWidget *
moat_window_get_compare_window (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);
  return self->compare_window;
}

static void
compare_chosen (MoatWindow *self,
                GFile      *file)
{
  moat_window_compare_with_file (self, file);
}

static void
compare_with_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  chooser = _moat_window_show_chooser (MOAT_WINDOW (user_data), _("Compare With Another Version"),
                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), compare_chosen);
  gtk_file_filter_set_name (filter, _("Moat models and files Import takes"));
  gtk_file_filter_add_pattern (filter, "*.moat");
  gtk_file_filter_add_mime_type (filter, "application/x-moat");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.tm7");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
stop_comparing_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  moat_window_stop_comparing (MOAT_WINDOW (user_data));
}

static const GActionEntry compare_actions[] = {
  { "compare-with", compare_with_action },
  { "stop-comparing", stop_comparing_action },
};

void
_moat_window_compare_init (MoatWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), compare_actions, G_N_ELEMENTS (compare_actions), self);
  set_comparing (self, FALSE);
}

void
_moat_window_compare_dispose (MoatWindow *self)
{
  g_clear_handle_id (&self->compare_refresh_id, g_source_remove);
  g_clear_object (&self->compare);
  if (self->compare_window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->compare_window)));
}
