/* moat-slot-order.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which node goes in which place of a grid, for formats that carry no
 * drawing: nodes stay in their group (a trust zone, the column of
 * nodes in none) and trade places so that flows come out short. */
typedef struct _MoatSlotOrder MoatSlotOrder;

MoatSlotOrder *moat_slot_order_new          (double          width,
                                             double          height,
                                             double          gap);
void           moat_slot_order_free         (MoatSlotOrder  *self);
guint          moat_slot_order_add_group    (MoatSlotOrder  *self,
                                             double          x,
                                             double          y,
                                             guint           columns,
                                             guint           capacity);
guint          moat_slot_order_add_node     (MoatSlotOrder  *self,
                                             guint           group);
void           moat_slot_order_add_edge     (MoatSlotOrder  *self,
                                             guint           a,
                                             guint           b);
void           moat_slot_order_improve      (MoatSlotOrder  *self,
                                             guint           budget);
double         moat_slot_order_total_cost   (MoatSlotOrder  *self);
void           moat_slot_order_get_position (MoatSlotOrder  *self,
                                             guint           node,
                                             double         *x,
                                             double         *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatSlotOrder, moat_slot_order_free)

G_END_DECLS
