/* test-slot-order.c: placing nodes of formats without a drawing
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-slot-order.h"

#define W   140.0
#define H   70.0
#define GAP 80.0

static void
assert_position (MoatSlotOrder *order,
                 guint          node,
                 double         x,
                 double         y)
{
  double at_x, at_y;

  moat_slot_order_get_position (order, node, &at_x, &at_y);
  g_assert_cmpfloat_with_epsilon (at_x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (at_y, y, 1e-9);
}

/* Without improving, nodes fill their group's places in the order they
 * came, row by row, and a group grows past its places. */
static void
test_file_order (void)
{
  g_autoptr(MoatSlotOrder) order = moat_slot_order_new (W, H, GAP);
  guint left = moat_slot_order_add_group (order, 10, 20, 1, 0);
  guint zone = moat_slot_order_add_group (order, 500, 40, 2, 2);
  guint a = moat_slot_order_add_node (order, zone);
  guint b = moat_slot_order_add_node (order, left);
  guint c = moat_slot_order_add_node (order, zone);
  guint d = moat_slot_order_add_node (order, zone);

  assert_position (order, a, 500, 40);
  assert_position (order, c, 500 + W + GAP, 40);
  assert_position (order, d, 500, 40 + H + GAP);
  assert_position (order, b, 10, 20);
}

/* A column where the first node talks to the last passes under the one
 * between: the order changes so that no flow reads as ending there. */
static void
test_flow_out_from_under (void)
{
  g_autoptr(MoatSlotOrder) order = moat_slot_order_new (W, H, GAP);
  guint column = moat_slot_order_add_group (order, 0, 0, 1, 3);
  guint a = moat_slot_order_add_node (order, column);
  guint b = moat_slot_order_add_node (order, column);
  guint c = moat_slot_order_add_node (order, column);
  double before, ay, by, cy, x;

  moat_slot_order_add_edge (order, a, c);
  before = moat_slot_order_total_cost (order);
  g_assert_cmpfloat (before, >, 2 * (H + GAP));

  moat_slot_order_improve (order, G_MAXUINT);
  moat_slot_order_get_position (order, a, &x, &ay);
  moat_slot_order_get_position (order, b, &x, &by);
  moat_slot_order_get_position (order, c, &x, &cy);
  /* a and c are neighbours now, b at an end. */
  g_assert_cmpfloat (ABS (ay - cy), ==, H + GAP);
  g_assert_true (by < MIN (ay, cy) || by > MAX (ay, cy));
  g_assert_cmpfloat_with_epsilon (moat_slot_order_total_cost (order), H + GAP, 1e-9);
}

static MoatSlotOrder *
shuffled_ring (guint budget)
{
  MoatSlotOrder *order = moat_slot_order_new (W, H, GAP);
  guint zone = moat_slot_order_add_group (order, 0, 0, 3, 12);
  /* A ring of twelve, added in a scrambled order. */
  static const guint ring[] = { 0, 7, 3, 10, 5, 1, 8, 11, 2, 6, 9, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (ring); i++)
    moat_slot_order_add_node (order, zone);
  for (guint i = 0; i < G_N_ELEMENTS (ring); i++)
    moat_slot_order_add_edge (order, ring[i], ring[(i + 1) % G_N_ELEMENTS (ring)]);
  moat_slot_order_improve (order, budget);
  return order;
}

/* Trading places shortens the flows, the same way every time, and
 * stops at its budget. */
static void
test_shorter_and_repeatable (void)
{
  g_autoptr(MoatSlotOrder) untouched = shuffled_ring (0);
  g_autoptr(MoatSlotOrder) first = shuffled_ring (G_MAXUINT);
  g_autoptr(MoatSlotOrder) second = shuffled_ring (G_MAXUINT);

  g_assert_cmpfloat (moat_slot_order_total_cost (first), <, moat_slot_order_total_cost (untouched) / 2);
  for (guint i = 0; i < 12; i++)
    {
      double x, y;

      moat_slot_order_get_position (first, i, &x, &y);
      assert_position (second, i, x, y);
      moat_slot_order_get_position (untouched, i, &x, &y);
      g_assert_cmpfloat (x, ==, (i % 3) * (W + GAP));
      g_assert_cmpfloat (y, ==, (i / 3) * (H + GAP));
    }
}

/* A group too big to reorder keeps the file's order; a self-loop is
 * no flow to shorten. */
static void
test_big_group_kept (void)
{
  g_autoptr(MoatSlotOrder) order = moat_slot_order_new (W, H, GAP);
  guint column = moat_slot_order_add_group (order, 0, 0, 1, 0);

  for (guint i = 0; i < 200; i++)
    moat_slot_order_add_node (order, column);
  moat_slot_order_add_edge (order, 0, 199);
  moat_slot_order_add_edge (order, 5, 5);
  moat_slot_order_improve (order, G_MAXUINT);
  for (guint i = 0; i < 200; i++)
    assert_position (order, i, 0, i * (H + GAP));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slot-order/file-order", test_file_order);
  g_test_add_func ("/slot-order/flow-out-from-under", test_flow_out_from_under);
  g_test_add_func ("/slot-order/shorter-and-repeatable", test_shorter_and_repeatable);
  g_test_add_func ("/slot-order/big-group-kept", test_big_group_kept);

  return g_test_run ();
}
