/* moat-object-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_OBJECT_ROW (moat_object_row_get_type ())

/* An expander row that edits one model object in place: its fields commit
 * through a field binder, so each change is an undoable edit, and its
 * "row.delete" action asks the page (through "page.delete-object") to
 * remove it. Subclasses declare their fields in a template and say what
 * the collapsed row's subtitle shows. */
G_DECLARE_DERIVABLE_TYPE (MoatObjectRow, moat_object_row, MOAT, OBJECT_ROW, AdwExpanderRow)

struct _MoatObjectRowClass
{
  AdwExpanderRowClass parent_class;

  const char *unnamed;

  char *(*describe) (MoatObjectRow *self);

  gpointer padding[4];
};

MoatObject *moat_object_row_get_object (MoatObjectRow *self);
MoatModel  *moat_object_row_get_model  (MoatObjectRow *self);
void        moat_object_row_bind       (MoatObjectRow *self,
                                        GtkWidget     *widget,
                                        const char    *property);
void        moat_object_row_update     (MoatObjectRow *self);
void        moat_object_row_set_delete_button (MoatObjectRow *self,
                                               GtkWidget     *button);

G_END_DECLS
