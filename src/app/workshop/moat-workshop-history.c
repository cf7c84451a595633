/* moat-workshop-history.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-workshop-history.h"
#include "moat-workshop-history-window.h"
#include "moat-workshop-session-row.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopHistory
{
  MoatPage           parent_instance;

  GtkSortListModel  *sessions;
  GtkWidget         *stack;
  GtkWidget         *list;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopHistory, moat_workshop_history, MOAT_TYPE_PAGE)

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  return moat_workshop_session_row_new (item);
}

static void
bind (MoatWorkshopHistory *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) == 0;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->sessions),
                           create_session_row, NULL, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), empty ? "empty" : "list");
}

static void
on_model_changed (MoatWorkshopHistory *self,
                  MoatChange          *change)
{
  if (MOAT_IS_WORKSHOP_SESSION (change->object))
    bind (self);
}

static void
moat_workshop_history_model_changed (MoatPage  *page,
                                     MoatModel *previous)
{
  MoatWorkshopHistory *self = MOAT_WORKSHOP_HISTORY (page);
  MoatModel *model = moat_page_get_model (page);

  gtk_sort_list_model_set_model (self->sessions,
                                 model ? moat_model_get_list (model, MOAT_TYPE_WORKSHOP_SESSION) : NULL);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  bind (self);
}

/**
 * moat_workshop_history_get_sessions:
 *
 * Returns: (transfer none): the sessions shown, newest first
 */
GListModel *
moat_workshop_history_get_sessions (MoatWorkshopHistory *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_HISTORY (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

/**
 * moat_workshop_history_present:
 *
 * Shows the model's workshops in a window of their own.
 *
 * Returns: (transfer none): that window
 */
GtkWindow *
moat_workshop_history_present (GtkWindow *parent,
                               MoatModel *model)
{
  GtkWindow *window = g_object_new (MOAT_TYPE_WORKSHOP_HISTORY_WINDOW,
                                    "transient-for", parent, "model", model, NULL);

  gtk_window_present (window);
  return window;
}

static void
moat_workshop_history_dispose (GObject *object)
{
  MoatWorkshopHistory *self = MOAT_WORKSHOP_HISTORY (object);

  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_HISTORY);
  g_clear_object (&self->sessions);

  G_OBJECT_CLASS (moat_workshop_history_parent_class)->dispose (object);
}

static void
moat_workshop_history_class_init (MoatWorkshopHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_history_dispose;
  MOAT_PAGE_CLASS (klass)->model_changed = moat_workshop_history_model_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-history.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopHistory, stack);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopHistory, list);
}

static void
moat_workshop_history_init (MoatWorkshopHistory *self)
{
  GtkExpression *started = gtk_property_expression_new (MOAT_TYPE_WORKSHOP_SESSION, NULL, "started");
  GtkNumericSorter *sorter = gtk_numeric_sorter_new (started);

  gtk_numeric_sorter_set_sort_order (sorter, GTK_SORT_DESCENDING);
  self->sessions = gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
moat_workshop_history_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_HISTORY, NULL);
}
