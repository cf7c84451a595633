/* moat-item-editor.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-item-editor.h"

G_DEFINE_INTERFACE (MoatItemEditor, moat_item_editor, GTK_TYPE_WIDGET)

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
moat_item_editor_default_init (MoatItemEditorInterface *iface)
{
  /**
   * MoatItemEditor::open:
   * @object: a linked object (an element, a threat, a control) the user
   *   asked to see where it is edited
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_OBJECT);
}

void
moat_item_editor_commit (MoatItemEditor *self)
{
  g_return_if_fail (MOAT_IS_ITEM_EDITOR (self));

  MOAT_ITEM_EDITOR_GET_IFACE (self)->commit (self);
}

void
moat_item_editor_set_item (MoatItemEditor *self,
                           MoatModel      *model,
                           MoatObject     *item)
{
  g_return_if_fail (MOAT_IS_ITEM_EDITOR (self));

  MOAT_ITEM_EDITOR_GET_IFACE (self)->set_item (self, model, item);
}

void
moat_item_editor_emit_open (MoatItemEditor *self,
                            MoatObject     *object)
{
  g_return_if_fail (MOAT_IS_ITEM_EDITOR (self));

  g_signal_emit (self, signals[OPEN], 0, object);
}
