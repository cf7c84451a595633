/* moat-item-editor.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ITEM_EDITOR (moat_item_editor_get_type ())
G_DECLARE_INTERFACE (MoatItemEditor, moat_item_editor, MOAT, ITEM_EDITOR, GtkWidget)

/* What the threat, control and assumption editors share, so the items
 * panel can swap the item they show and pass their "open" on. */
struct _MoatItemEditorInterface
{
  GTypeInterface parent_iface;

  /* Writes what is typed but not yet written. */
  void (*commit)   (MoatItemEditor *self);
  /* Shows @item of @model, or nothing (NULL). */
  void (*set_item) (MoatItemEditor *self,
                    MoatModel      *model,
                    MoatObject     *item);
};

void moat_item_editor_commit    (MoatItemEditor *self);
void moat_item_editor_set_item  (MoatItemEditor *self,
                                 MoatModel      *model,
                                 MoatObject     *item);
void moat_item_editor_emit_open (MoatItemEditor *self,
                                 MoatObject     *object);

G_END_DECLS
