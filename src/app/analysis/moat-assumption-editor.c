/* moat-assumption-editor.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-item-editor.h"
#include "moat-assumption-editor.h"
#include "moat-editor-util.h"
#include "moat-field-binder.h"
#include "moat-link-list.h"

struct _MoatAssumptionEditor
{
  GtkWidget        parent_instance;

  MoatAssumption  *assumption;
  MoatFieldBinder *binder;

  /* template children */
  AdwPreferencesPage *page;
  GtkTextView        *statement_view;
  AdwComboRow        *kind_row;
  AdwComboRow        *status_row;
  AdwEntryRow        *validation_row;
  MoatLinkList       *elements_list;
  MoatLinkList       *threats_list;
};

static void moat_assumption_editor_item_editor_init (MoatItemEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MoatAssumptionEditor, moat_assumption_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (MOAT_TYPE_ITEM_EDITOR,
                                                      moat_assumption_editor_item_editor_init))


static void
on_link_activated (MoatAssumptionEditor *self,
                   MoatObject           *object)
{
  moat_item_editor_emit_open (MOAT_ITEM_EDITOR (self), MOAT_OBJECT (object));
}

void
moat_assumption_editor_commit (MoatAssumptionEditor *self)
{
  g_return_if_fail (MOAT_IS_ASSUMPTION_EDITOR (self));

  moat_field_binder_commit (self->binder);
}

/**
 * moat_assumption_editor_set_assumption:
 * @model: (nullable): the model of @assumption
 * @assumption: (nullable): the assumption to edit
 */
void
moat_assumption_editor_set_assumption (MoatAssumptionEditor *self,
                                       MoatModel            *model,
                                       MoatAssumption       *assumption)
{
  g_return_if_fail (MOAT_IS_ASSUMPTION_EDITOR (self));

  moat_field_binder_set_object (self->binder, MOAT_OBJECT (assumption));
  g_set_object (&self->assumption, assumption);
  moat_link_list_set_object (self->elements_list, assumption ? model : NULL, MOAT_OBJECT (assumption));
  moat_link_list_set_object (self->threats_list, assumption ? model : NULL, MOAT_OBJECT (assumption));
  if (assumption != NULL)
    moat_preferences_page_scroll_to_top (self->page);
}

/**
 * moat_assumption_editor_get_assumption:
 *
 * Returns: (transfer none) (nullable): the assumption being edited
 */
MoatAssumption *
moat_assumption_editor_get_assumption (MoatAssumptionEditor *self)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION_EDITOR (self), NULL);

  return self->assumption;
}

GtkWidget *
moat_assumption_editor_new (void)
{
  return g_object_new (MOAT_TYPE_ASSUMPTION_EDITOR, NULL);
}

static void
moat_assumption_editor_dispose (GObject *object)
{
  MoatAssumptionEditor *self = MOAT_ASSUMPTION_EDITOR (object);

  if (self->binder != NULL)
    moat_field_binder_set_object (self->binder, NULL);
  g_clear_object (&self->binder);
  g_clear_object (&self->assumption);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_ASSUMPTION_EDITOR);

  G_OBJECT_CLASS (moat_assumption_editor_parent_class)->dispose (object);
}

static void
moat_assumption_editor_class_init (MoatAssumptionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_assumption_editor_dispose;

  g_type_ensure (MOAT_TYPE_LINK_LIST);
  g_type_ensure (MOAT_TYPE_ELEMENT);
  g_type_ensure (MOAT_TYPE_THREAT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-assumption-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, page);
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, statement_view);
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, validation_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, elements_list);
  gtk_widget_class_bind_template_child (widget_class, MoatAssumptionEditor, threats_list);
}

static void
moat_assumption_editor_init (MoatAssumptionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->binder = moat_field_binder_new ();
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->statement_view), "statement");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->kind_row), "kind");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->status_row), "status");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->validation_row), "validation");

  g_signal_connect_swapped (self->elements_list, "activated", G_CALLBACK (on_link_activated), self);
  g_signal_connect_swapped (self->threats_list, "activated", G_CALLBACK (on_link_activated), self);
}

static void
item_editor_commit (MoatItemEditor *editor)
{
  moat_assumption_editor_commit (MOAT_ASSUMPTION_EDITOR (editor));
}

static void
item_editor_set_item (MoatItemEditor *editor,
                      MoatModel      *model,
                      MoatObject     *item)
{
  moat_assumption_editor_set_assumption (MOAT_ASSUMPTION_EDITOR (editor), model, MOAT_ASSUMPTION (item));
}

static void
moat_assumption_editor_item_editor_init (MoatItemEditorInterface *iface)
{
  iface->commit = item_editor_commit;
  iface->set_item = item_editor_set_item;
}
