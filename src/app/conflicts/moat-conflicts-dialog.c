/* moat-conflicts-dialog.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-conflict-row.h"
#include "moat-conflicts-dialog.h"

struct _MoatConflictsDialog
{
  AdwWindow       parent_instance;

  MoatModel      *model;
  GListModel     *conflicts;

  /* template children */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkListBox     *list_box;
};

G_DEFINE_FINAL_TYPE (MoatConflictsDialog, moat_conflicts_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return moat_conflict_row_new (MOAT_CONFLICT (item));
}

static void
update (MoatConflictsDialog *self)
{
  guint n = g_list_model_get_n_items (self->conflicts);
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u open", "%u open", n), n);

  adw_window_title_set_subtitle (self->window_title, n > 0 ? subtitle : "");
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "done");
}

static void
update_undo (MoatConflictsDialog *self)
{
  MoatHistory *history = moat_model_get_history (self->model);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.undo",
                                 moat_history_get_can_undo (history));
}

/* The dialog sits over the window, so its Ctrl+Z must reach the model
 * too: undoing a resolution brings its row back. */
static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  MoatConflictsDialog *self = MOAT_CONFLICTS_DIALOG (widget);

  moat_model_undo (self->model);
}

GtkWidget *
moat_conflicts_dialog_new (GtkWindow *parent,
                           MoatModel *model)
{
  MoatConflictsDialog *self;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  self = g_object_new (MOAT_TYPE_CONFLICTS_DIALOG, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->model = g_object_ref (model);
  self->conflicts = g_object_ref (moat_model_get_list (model, MOAT_TYPE_CONFLICT));

  gtk_list_box_bind_model (self->list_box, self->conflicts, create_row, NULL, NULL);
  g_signal_connect_object (self->conflicts, "items-changed", G_CALLBACK (update),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (moat_model_get_history (model), "notify::can-undo",
                           G_CALLBACK (update_undo), self, G_CONNECT_SWAPPED);
  update (self);
  update_undo (self);

  return GTK_WIDGET (self);
}

MoatModel *
moat_conflicts_dialog_get_model (MoatConflictsDialog *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICTS_DIALOG (self), NULL);

  return self->model;
}

GtkListBox *
moat_conflicts_dialog_get_list (MoatConflictsDialog *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICTS_DIALOG (self), NULL);

  return self->list_box;
}

static void
moat_conflicts_dialog_dispose (GObject *object)
{
  MoatConflictsDialog *self = MOAT_CONFLICTS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_CONFLICTS_DIALOG);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (moat_conflicts_dialog_parent_class)->dispose (object);
}

static void
moat_conflicts_dialog_class_init (MoatConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_conflicts_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/conflicts/moat-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatConflictsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictsDialog, list_box);

  gtk_widget_class_install_action (widget_class, "conflicts.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "conflicts.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
moat_conflicts_dialog_init (MoatConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
