/* moat-slot-order.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-slot-order.h"

/* Trading places is quadratic in a group's size: a bigger group keeps
 * the order of the file. */
#define MAX_SWAP_GROUP 64
#define MAX_PASSES     8
#define MARGIN         6.0
#define STEPS          20000
/* A flow under a node reads as ending there: worse than a long detour. */
#define PENALTY(self)  (10 * ((self)->width + (self)->gap))

typedef struct
{
  double  x, y;
  guint   columns;
  GArray *occupants;  /* int per slot: a node, or -1 */
} Group;

typedef struct
{
  guint group;
  guint slot;
} Node;

typedef struct
{
  guint a, b;
} Edge;

struct _MoatSlotOrder
{
  double  width, height, gap;
  GArray *groups;
  GArray *nodes;
  GArray *edges;
};

static void
group_clear (Group *group)
{
  g_clear_pointer (&group->occupants, g_array_unref);
}

/* Nodes are @width × @height, @gap apart. */
MoatSlotOrder *
moat_slot_order_new (double width,
                     double height,
                     double gap)
{
  MoatSlotOrder *self = g_new0 (MoatSlotOrder, 1);

  self->width = width;
  self->height = height;
  self->gap = gap;
  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (self->groups, (GDestroyNotify)group_clear);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  return self;
}

void
moat_slot_order_free (MoatSlotOrder *self)
{
  g_array_unref (self->groups);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_free (self);
}

/* A group of @capacity places at (@x, @y), @columns places a row; it
 * grows should more nodes join it. */
guint
moat_slot_order_add_group (MoatSlotOrder *self,
                           double         x,
                           double         y,
                           guint          columns,
                           guint          capacity)
{
  Group group = { x, y, MAX (columns, 1), g_array_new (FALSE, FALSE, sizeof (int)) };
  int empty = -1;

  for (guint i = 0; i < capacity; i++)
    g_array_append_val (group.occupants, empty);
  g_array_append_val (self->groups, group);
  return self->groups->len - 1;
}

/* The node takes its group's first free place, so that without
 * moat_slot_order_improve() nodes keep the order they came in. */
guint
moat_slot_order_add_node (MoatSlotOrder *self,
                          guint          group_index)
{
  Group *group;
  Node node = { group_index, 0 };
  int index = self->nodes->len;
  guint slot = 0;

  g_return_val_if_fail (group_index < self->groups->len, 0);

  group = &g_array_index (self->groups, Group, group_index);
  while (slot < group->occupants->len && g_array_index (group->occupants, int, slot) >= 0)
    slot++;
  if (slot == group->occupants->len)
    g_array_append_val (group->occupants, index);
  else
    g_array_index (group->occupants, int, slot) = index;
  node.slot = slot;
  g_array_append_val (self->nodes, node);
  return index;
}

void
moat_slot_order_add_edge (MoatSlotOrder *self,
                          guint          a,
                          guint          b)
{
  Edge edge = { a, b };

  g_return_if_fail (a < self->nodes->len && b < self->nodes->len);

  if (a != b)
    g_array_append_val (self->edges, edge);
}

void
moat_slot_order_get_position (MoatSlotOrder *self,
                              guint          index,
                              double        *x,
                              double        *y)
{
  Node *node;
  Group *group;

  g_return_if_fail (index < self->nodes->len);

  node = &g_array_index (self->nodes, Node, index);
  group = &g_array_index (self->groups, Group, node->group);
  *x = group->x + (node->slot % group->columns) * (self->width + self->gap);
  *y = group->y + (node->slot / group->columns) * (self->height + self->gap);
}

/* Whether the straight line between two points crosses the box at
 * (@x, @y) (Liang–Barsky clipping). */
static gboolean
line_crosses_box (double ax, double ay,
                  double bx, double by,
                  double x,  double y,
                  double w,  double h)
{
  double p[4] = { ax - bx, bx - ax, ay - by, by - ay };
  double q[4] = { ax - x, x + w - ax, ay - y, y + h - ay };
  double t0 = 0, t1 = 1;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
    }
  return t0 < t1;
}

/* Whether a line between the nodes at (@ax, @ay) and (@bx, @by) passes
 * under the node at (@x, @y). Every node is the same size, so their top
 * left corners stand for their centres; the box is a little bigger, as
 * a line that grazes it reads as touching it too. */
static gboolean
crosses (MoatSlotOrder *self,
         double         ax,
         double         ay,
         double         bx,
         double         by,
         double         x,
         double         y)
{
  return line_crosses_box (ax, ay, bx, by,
                           x - self->width / 2 - MARGIN, y - self->height / 2 - MARGIN,
                           self->width + 2 * MARGIN, self->height + 2 * MARGIN);
}

/* How many other nodes a flow from @a to @b passes under. */
static guint
nodes_crossed (MoatSlotOrder *self,
               guint          a,
               guint          b)
{
  double ax, ay, bx, by;
  guint crossed = 0;

  moat_slot_order_get_position (self, a, &ax, &ay);
  moat_slot_order_get_position (self, b, &bx, &by);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      double x, y;

      if (i == a || i == b)
        continue;
      moat_slot_order_get_position (self, i, &x, &y);
      crossed += crosses (self, ax, ay, bx, by, x, y);
    }
  return crossed;
}

/* A flow's length, and a long detour's worth for each node it passes
 * under, which would read as an end of the flow. */
static double
flow_cost (MoatSlotOrder *self,
           guint          a,
           guint          b)
{
  double ax, ay, bx, by;

  moat_slot_order_get_position (self, a, &ax, &ay);
  moat_slot_order_get_position (self, b, &bx, &by);
  return hypot (ax - bx, ay - by) + nodes_crossed (self, a, b) * PENALTY (self);
}

static gboolean
flow_crosses_node (MoatSlotOrder *self,
                   const Edge    *edge,
                   int            node)
{
  double ax, ay, bx, by, x, y;

  if (node < 0)
    return FALSE;
  moat_slot_order_get_position (self, edge->a, &ax, &ay);
  moat_slot_order_get_position (self, edge->b, &bx, &by);
  moat_slot_order_get_position (self, node, &x, &y);
  return crosses (self, ax, ay, bx, by, x, y);
}

/* What trading the places of @first and @second can change: the flows
 * at either whole, and whether the others pass under either. */
static double
pair_cost (MoatSlotOrder *self,
           int            first,
           int            second,
           guint         *budget)
{
  double sum = 0;
  guint64 work = 0;

  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);
      gboolean touches = (int)edge->a == first || (int)edge->b == first ||
                         (int)edge->a == second || (int)edge->b == second;

      if (touches)
        sum += flow_cost (self, edge->a, edge->b);
      else
        sum += (flow_crosses_node (self, edge, first) + flow_crosses_node (self, edge, second)) *
               PENALTY (self);
      work += touches ? self->nodes->len : 2;
    }
  *budget -= MIN (*budget, work);
  return sum;
}

static void
swap (MoatSlotOrder *self,
      Group         *group,
      guint          a,
      guint          b)
{
  int *at_a = &g_array_index (group->occupants, int, a);
  int *at_b = &g_array_index (group->occupants, int, b);
  int moving = *at_a;

  *at_a = *at_b;
  *at_b = moving;
  if (*at_a >= 0)
    g_array_index (self->nodes, Node, *at_a).slot = a;
  if (*at_b >= 0)
    g_array_index (self->nodes, Node, *at_b).slot = b;
}

/* How much trading places @a and @b of @group changes the cost; they
 * stay traded. */
static double
swap_delta (MoatSlotOrder *self,
            Group         *group,
            guint          a,
            guint          b,
            guint         *budget)
{
  int first = g_array_index (group->occupants, int, a);
  int second = g_array_index (group->occupants, int, b);
  double before;

  if (first < 0 && second < 0)
    return 0;
  before = pair_cost (self, first, second, budget);
  swap (self, group, a, b);
  return pair_cost (self, first, second, budget) - before;
}

/* Groups small enough to reorder, each as often as it has places. */
static GArray *
movable_places (MoatSlotOrder *self)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint g = 0; g < self->groups->len; g++)
    {
      guint n = g_array_index (self->groups, Group, g).occupants->len;

      for (guint i = 0; n >= 2 && n <= MAX_SWAP_GROUP && i < n; i++)
        g_array_append_val (places, g);
    }
  return places;
}

static GArray *
save_places (MoatSlotOrder *self)
{
  GArray *slots = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->nodes->len);

  for (guint i = 0; i < self->nodes->len; i++)
    g_array_append_val (slots, g_array_index (self->nodes, Node, i).slot);
  return slots;
}

static void
restore_places (MoatSlotOrder *self,
                GArray        *slots)
{
  for (guint g = 0; g < self->groups->len; g++)
    {
      GArray *occupants = g_array_index (self->groups, Group, g).occupants;

      for (guint i = 0; i < occupants->len; i++)
        g_array_index (occupants, int, i) = -1;
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = &g_array_index (self->nodes, Node, i);

      node->slot = g_array_index (slots, guint, i);
      g_array_index (g_array_index (self->groups, Group, node->group).occupants, int, node->slot) = i;
    }
}

/* One random trade, kept when it helps, or at @temperature's odds when
 * it does not, so that the search climbs out of a poor order. */
static double
anneal_step (MoatSlotOrder *self,
             GRand         *rand,
             GArray        *places,
             double         temperature,
             guint         *budget)
{
  guint g = g_array_index (places, guint, g_rand_int_range (rand, 0, places->len));
  Group *group = &g_array_index (self->groups, Group, g);
  guint a = g_rand_int_range (rand, 0, group->occupants->len);
  guint b = g_rand_int_range (rand, 0, group->occupants->len);
  double delta;

  if (a == b)
    return 0;
  delta = swap_delta (self, group, a, b, budget);
  if (delta <= 0 || g_rand_double (rand) < exp (-delta / temperature))
    return delta;
  swap (self, group, a, b);
  return 0;
}

/**
 * moat_slot_order_improve:
 * @budget: how many flows it may measure, so that a file of hostile
 *   size costs no more than a bounded time
 *
 * Lets the nodes of each group trade places so that the flows come out
 * short and out from under other nodes. The search is random but
 * seeded: the same file gives the same drawing.
 */
void
moat_slot_order_improve (MoatSlotOrder *self,
                         guint          budget)
{
  g_autoptr(GArray) places = movable_places (self);
  g_autoptr(GArray) best = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  double cost = 0, best_cost = 0;

  if (places->len == 0 || self->edges->len == 0)
    return;
  best = save_places (self);
  for (guint step = 0; step < STEPS && budget > 0; step++)
    {
      /* From the width of a place down to a pixel. */
      double temperature = PENALTY (self) * pow (1.0 / PENALTY (self), (double)step / STEPS);

      cost += anneal_step (self, rand, places, temperature, &budget);
      if (cost < best_cost - 0.5)
        {
          best_cost = cost;
          g_array_unref (best);
          best = save_places (self);
        }
    }
  restore_places (self, best);
}

/* Every flow's length and the nodes it passes under. */
double
moat_slot_order_total_cost (MoatSlotOrder *self)
{
  double sum = 0;

  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);

      sum += flow_cost (self, edge->a, edge->b);
    }
  return sum;
}
