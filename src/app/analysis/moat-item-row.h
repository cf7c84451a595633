/* moat-item-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a row shows for one item. */
typedef struct
{
  char     *title;
  char     *subtitle;
  int       level;          /* a MoatRiskLevel, or -1 for no chip */
  gboolean  closed;         /* shown faded: decided, done or dismissed */
  char     *flag;           /* why the item needs attention, or NULL */
  int       residual_level; /* after the controls in place; -1 when @level says it all */
} MoatItemInfo;

#define MOAT_ITEM_INFO_INIT { NULL, NULL, -1, FALSE, NULL, -1 }

void moat_item_info_clear (MoatItemInfo *info);

#define MOAT_TYPE_ITEM_ROW (moat_item_row_get_type ())

/* One threat, control or assumption in a side panel's list: its title and
 * subtitle, a flag when it needs attention, and its risk levels. */
G_DECLARE_FINAL_TYPE (MoatItemRow, moat_item_row, MOAT, ITEM_ROW, GtkWidget)

GtkWidget *moat_item_row_new  (void);
void       moat_item_row_show (MoatItemRow        *self,
                               const MoatItemInfo *info);

G_END_DECLS
