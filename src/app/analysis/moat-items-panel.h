/* moat-items-panel.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"
#include "moat-item-row.h"
#include "moat-page.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ITEMS_PANEL (moat_items_panel_get_type ())

/* The common part of the Threats, Controls and Assumptions panels: a list
 * of one kind of model object that follows the canvas selection (or shows
 * everything), sorts by risk, status or name and filters by text, status
 * and category, over filter and sort models of the model's own list; and
 * an editor that slides in for one item.
 *
 * Actions, in the "panel" group: add, back, delete, clear-filters, and the
 * stateful scope ('selection' or 'all'), sort ('risk', 'status', 'name'),
 * status (-1 for any, else the status value) and category ('' for any). */
G_DECLARE_DERIVABLE_TYPE (MoatItemsPanel, moat_items_panel, MOAT, ITEMS_PANEL, MoatPage)



struct _MoatItemsPanelClass
{
  MoatPageClass  parent_class;

  GType          item_type;
  GType          status_type;  /* the enum of the status field */

  /* Whether @item concerns one of the elements whose ids are the keys of
   * @element_ids. */
  gboolean     (*concerns)          (MoatItemsPanel *self,
                                     MoatObject     *item,
                                     GHashTable     *element_ids);
  int          (*get_status)        (MoatObject     *item);
  const char * (*status_label)      (int             status);
  /* The categories @item belongs to, for the category filter. */
  GStrv        (*dup_categories)    (MoatItemsPanel *self,
                                     MoatObject     *item);
  const char * (*category_label)    (MoatItemsPanel *self,
                                     const char     *category);
  /* Larger is worse: the order of the risk sort. */
  int          (*get_score)         (MoatItemsPanel *self,
                                     MoatObject     *item);
  void         (*describe)          (MoatItemsPanel *self,
                                     MoatObject     *item,
                                     MoatItemInfo   *info);
  /* Makes a new item linked to the selection (transfer full); the panel
   * adds it to the model as one step of undo, named by "add-label". */
  MoatObject * (*create_item)       (MoatItemsPanel *self);
  /* Shows @item in the editor, or lets go of the previous one (NULL). */
  void         (*edit)              (MoatItemsPanel *self,
                                     MoatObject     *item);
  void         (*selection_changed) (MoatItemsPanel *self);

  gpointer       padding[8];
};

GtkWidget  *moat_items_panel_get_editor     (MoatItemsPanel            *self);
void        moat_items_panel_set_editor     (MoatItemsPanel            *self,
                                             GtkWidget                 *editor);
void        moat_items_panel_set_extra      (MoatItemsPanel            *self,
                                             GtkWidget                 *extra);

MoatModel  *moat_items_panel_get_model      (MoatItemsPanel            *self);
void        moat_items_panel_set_selection  (MoatItemsPanel            *self,
                                             GPtrArray                 *elements);
GPtrArray  *moat_items_panel_get_selection  (MoatItemsPanel            *self);
GHashTable *moat_items_panel_get_selection_ids (MoatItemsPanel         *self);
GListModel *moat_items_panel_get_items      (MoatItemsPanel            *self);
void        moat_items_panel_edit           (MoatItemsPanel            *self,
                                             MoatObject                *item);
MoatObject *moat_items_panel_get_editing    (MoatItemsPanel            *self);
MoatObject *moat_items_panel_add            (MoatItemsPanel            *self);
void        moat_items_panel_refresh        (MoatItemsPanel            *self);
void        moat_items_panel_set_search     (MoatItemsPanel            *self,
                                             const char                *text);

gboolean    moat_ids_intersect              (const char * const        *ids,
                                             GHashTable                *set);
GStrv       moat_items_panel_dup_selection_ids (MoatItemsPanel         *self);
MoatThreat *moat_items_panel_lookup_threat  (MoatItemsPanel            *self,
                                             const char                *id);
gboolean    moat_items_panel_threats_concern (MoatItemsPanel          *self,
                                             const char * const        *threat_ids,
                                             GHashTable                *element_ids);

G_END_DECLS
