/* moat-compare-window.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-compare-row.h"
#include "moat-compare-window.h"

struct _MoatCompareWindow
{
  AdwWindow           parent_instance;

  MoatCompare        *compare;
  GPtrArray          *groups;  /* AdwPreferencesGroup*, one per kind of object */
  GPtrArray          *rows;    /* MoatCompareRow* */

  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (MoatCompareWindow, moat_compare_window, ADW_TYPE_WINDOW)

enum {
  SHOW_CHANGE,
  STOP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_row_activated (MoatCompareWindow *self,
                  MoatCompareRow    *row)
{
  g_signal_emit (self, signals[SHOW_CHANGE], 0, row);
}

static void
clear_groups (MoatCompareWindow *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->rows, 0);
}

/**
 * moat_compare_window_refresh:
 *
 * Lists the comparison's changes again, as they are now.
 */
void
moat_compare_window_refresh (MoatCompareWindow *self)
{
  GPtrArray *entries;
  AdwPreferencesGroup *group = NULL;
  const char *kind = NULL;

  g_return_if_fail (MOAT_IS_COMPARE_WINDOW (self));

  clear_groups (self);
  entries = moat_compare_get_entries (self->compare);
  for (guint i = 0; i < entries->len; i++)
    {
      const MoatDiffEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row;

      if (g_strcmp0 (kind, entry->object_kind) != 0)
        {
          kind = entry->object_kind;
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, moat_diff_kind_title (kind));
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->groups, group);
        }
      row = moat_compare_row_new (entry);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "changes" : "empty");
}

/**
 * moat_compare_window_new:
 * @parent: the model's window
 * @compare: the model beside the other version
 * @other_name: what the other version is called, such as its file's name
 */
MoatCompareWindow *
moat_compare_window_new (GtkWindow   *parent,
                         MoatCompare *compare,
                         const char  *other_name)
{
  MoatCompareWindow *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (MOAT_IS_COMPARE (compare), NULL);

  self = g_object_new (MOAT_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);
  self->compare = g_object_ref (compare);
  /* TRANSLATORS: the other version a model is compared with */
  subtitle = g_strdup_printf (_("Since “%s”"), other_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  moat_compare_window_refresh (self);
  return self;
}

/**
 * moat_compare_window_get_rows:
 *
 * Returns: (transfer none) (element-type MoatCompareRow): the rows, in
 *   the order shown
 */
GPtrArray *
moat_compare_window_get_rows (MoatCompareWindow *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE_WINDOW (self), NULL);
  return self->rows;
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[STOP], 0);
}

/* Closing the list ends comparing: the marks make no sense without it. */
static gboolean
moat_compare_window_close_request (GtkWindow *window)
{
  /* A handler of "stop" may destroy the window: it must outlive this. */
  g_autoptr(GtkWindow) keep = g_object_ref (window);

  g_signal_emit (window, signals[STOP], 0);
  return GTK_WINDOW_CLASS (moat_compare_window_parent_class)->close_request (window);
}

static void
moat_compare_window_dispose (GObject *object)
{
  MoatCompareWindow *self = MOAT_COMPARE_WINDOW (object);

  g_clear_object (&self->compare);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_compare_window_parent_class)->dispose (object);
}

static void
moat_compare_window_class_init (MoatCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = moat_compare_window_dispose;
  window_class->close_request = moat_compare_window_close_request;

  /**
   * MoatCompareWindow::show-change:
   * @row: the change to show
   */
  signals[SHOW_CHANGE] = g_signal_new ("show-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_COMPARE_ROW);
  /**
   * MoatCompareWindow::stop:
   *
   * Comparing should end.
   */
  signals[STOP] = g_signal_new ("stop", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/compare/moat-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatCompareWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MoatCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MoatCompareWindow, page);
  gtk_widget_class_install_action (widget_class, "compare.stop", NULL, stop_action);
}

static void
moat_compare_window_init (MoatCompareWindow *self)
{
  self->groups = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
