/* moat-arrange.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lining shapes up: align their edges or centres, or space them evenly.
 * Flows follow their ends and are not moved themselves. And stacking
 * them: which of two overlapping elements is drawn over the other.
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "moat-arrange.h"
#include "moat-boundary-line.h"
#include "moat-element.h"

static const char * const align_names[] = { "left", "center", "right", "top", "middle", "bottom" };

/**
 * moat_arrange_parse_align:
 * @name: "left", "center", "right", "top", "middle" or "bottom"
 *
 * Returns: whether @name is one of them
 */
gboolean
moat_arrange_parse_align (const char *name,
                          MoatAlign  *align)
{
  for (guint i = 0; i < G_N_ELEMENTS (align_names); i++)
    if (g_strcmp0 (name, align_names[i]) == 0)
      {
        *align = i;
        return TRUE;
      }
  return FALSE;
}

/* The shapes among @elements: what has a position of its own. */
static GPtrArray *
shapes (GPtrArray *elements)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (moat_element_get_kind (g_ptr_array_index (elements, i)) != MOAT_ELEMENT_FLOW)
      g_ptr_array_add (found, g_ptr_array_index (elements, i));
  return found;
}

/* Where @element's edge or centre lies along the axis of @align, for a
 * fraction 0 (left, top), 0.5 (centre, middle) or 1 (right, bottom). */
static double
position (MoatElement *element,
          gboolean     vertical,
          double       fraction)
{
  return vertical ? moat_element_get_y (element) + fraction * moat_element_get_height (element)
                  : moat_element_get_x (element) + fraction * moat_element_get_width (element);
}

static void
move_to (MoatElement *element,
         gboolean     vertical,
         double       fraction,
         double       target)
{
  double shift = target - position (element, vertical, fraction);

  if (moat_boundary_line_is_line (element))
    moat_boundary_line_translate (element, vertical ? 0 : shift, vertical ? shift : 0);
  else if (vertical)
    g_object_set (element, "y", moat_element_get_y (element) + shift, NULL);
  else
    g_object_set (element, "x", moat_element_get_x (element) + shift, NULL);
}

/**
 * moat_arrange_align:
 * @elements: (element-type MoatElement): the selection
 *
 * Lines up the shapes of @elements on the edge or centre line of them all
 * (the leftmost left edge, the middle of their extent ...), as one step
 * of undo.
 *
 * Returns: how many shapes it lined up; none when fewer than two
 */
guint
moat_arrange_align (MoatModel *model,
                    GPtrArray *elements,
                    MoatAlign  align)
{
  g_autoptr(GPtrArray) found = shapes (elements);
  gboolean vertical = align >= MOAT_ALIGN_TOP;
  double fraction = (align % 3) / 2.0;
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE, target;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  if (found->len < 2)
    return 0;
  for (guint i = 0; i < found->len; i++)
    {
      low = MIN (low, position (found->pdata[i], vertical, 0));
      high = MAX (high, position (found->pdata[i], vertical, 1));
    }
  target = low + fraction * (high - low);

  moat_model_begin_action (model, _("Align"));
  for (guint i = 0; i < found->len; i++)
    move_to (found->pdata[i], vertical, fraction, target);
  moat_model_end_action (model);
  return found->len;
}

static int
compare_centres (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  gboolean vertical = GPOINTER_TO_INT (data);
  double ca = position (*(MoatElement **) a, vertical, 0.5);
  double cb = position (*(MoatElement **) b, vertical, 0.5);

  return (ca > cb) - (ca < cb);
}

/**
 * moat_arrange_distribute:
 * @elements: (element-type MoatElement): the selection
 * @vertical: spread top to bottom rather than left to right
 *
 * Leaves the first and last shapes where they are and spaces the others
 * so that the gaps between neighbours are equal, as one step of undo.
 *
 * Returns: how many shapes it spaced; none when fewer than three
 */
guint
moat_arrange_distribute (MoatModel *model,
                         GPtrArray *elements,
                         gboolean   vertical)
{
  g_autoptr(GPtrArray) found = shapes (elements);
  double total = 0, gap, next;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  if (found->len < 3)
    return 0;
  g_ptr_array_sort_with_data (found, compare_centres, GINT_TO_POINTER (vertical));
  for (guint i = 0; i < found->len; i++)
    total += position (found->pdata[i], vertical, 1) - position (found->pdata[i], vertical, 0);
  gap = (position (found->pdata[found->len - 1], vertical, 1) - position (found->pdata[0], vertical, 0) - total)
        / (found->len - 1);

  moat_model_begin_action (model, _("Distribute"));
  next = position (found->pdata[0], vertical, 1) + gap;
  for (guint i = 1; i + 1 < found->len; i++)
    {
      move_to (found->pdata[i], vertical, 0, next);
      next = position (found->pdata[i], vertical, 1) + gap;
    }
  moat_model_end_action (model);
  return found->len;
}

/* ---------------------------------------------------------------------
 * Stacking
 * ------------------------------------------------------------------- */

/* The layers of the drawing, bottom up, as the geometry paints them:
 * z-order only stacks elements within their layer. */
#define N_LAYERS 4

static int
layer_of (MoatElement *element)
{
  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_BOUNDARY:
      return 0;
    case MOAT_ELEMENT_FLOW:
      return 1;
    case MOAT_ELEMENT_NOTE:
      return 3;
    default:
      return 2;
    }
}

/* Boundaries of one z-order are painted larger first; a line has no inside. */
static double
boundary_area (MoatElement *element)
{
  if (moat_element_get_kind (element) != MOAT_ELEMENT_BOUNDARY || moat_boundary_line_is_line (element))
    return 0;
  return fabs (moat_element_get_width (element) * moat_element_get_height (element));
}

static int
compare_stacking (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  MoatElement *ea = *(MoatElement **) a, *eb = *(MoatElement **) b;
  GHashTable *positions = data;
  int la = layer_of (ea), lb = layer_of (eb);
  int za = moat_element_get_z_order (ea), zb = moat_element_get_z_order (eb);
  double area_a, area_b;
  guint pa, pb;

  if (la != lb)
    return la - lb;
  if (za != zb)
    return za < zb ? -1 : 1;
  area_a = boundary_area (ea), area_b = boundary_area (eb);
  if (area_a != area_b)
    return area_a > area_b ? -1 : 1;
  pa = GPOINTER_TO_UINT (g_hash_table_lookup (positions, ea));
  pb = GPOINTER_TO_UINT (g_hash_table_lookup (positions, eb));
  return (pa > pb) - (pa < pb);
}

/**
 * moat_arrange_sort_by_stacking:
 * @elements: (element-type MoatElement): elements of @model
 *
 * Sorts @elements bottom first, in the order they are painted: by layer
 * (boundaries, flows, nodes, notes), then z-order, then as the geometry
 * breaks ties (larger boundaries first, then the order of the model).
 */
void
moat_arrange_sort_by_stacking (MoatModel *model,
                               GPtrArray *elements)
{
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);
  GListModel *list;
  guint n;

  g_return_if_fail (MOAT_IS_MODEL (model));

  if (elements == NULL || elements->len < 2)
    return;
  for (guint i = 0; i < elements->len; i++)
    g_hash_table_insert (positions, g_ptr_array_index (elements, i), GUINT_TO_POINTER (0));
  /* The model's order, for ties: one pass over its elements. */
  list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);

      if (g_hash_table_contains (positions, element))
        g_hash_table_insert (positions, element, GUINT_TO_POINTER (i));
    }
  g_ptr_array_sort_with_data (elements, compare_stacking, positions);
}

/* The elements of @diagram_id, those of @except left out. */
static GPtrArray *
diagram_elements (MoatModel  *model,
                  const char *diagram_id,
                  GHashTable *except)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = g_list_model_get_n_items (list);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      MoatElement *element = g_list_model_get_item (list, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0 &&
          (except == NULL || !g_hash_table_contains (except, element)))
        g_ptr_array_add (found, element);
      else
        g_object_unref (element);
    }
  return found;
}

/**
 * moat_arrange_next_z_order:
 *
 * Returns: the z-order that puts a new element of @diagram_id over all
 *   that are there: one more than the highest
 */
int
moat_arrange_next_z_order (MoatModel  *model,
                           const char *diagram_id)
{
  g_autoptr(GPtrArray) elements = NULL;
  int top = -1;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  elements = diagram_elements (model, diagram_id, NULL);
  if (elements->len == 0)
    return 0;
  for (guint i = 0; i < elements->len; i++)
    top = MAX (top, moat_element_get_z_order (g_ptr_array_index (elements, i)));
  /* At the limit a tie still puts it on top: it comes last in the model. */
  return MIN (top + 1, MOAT_ELEMENT_Z_ORDER_LIMIT);
}

/* Gives the whole diagram consecutive z-orders round 0 in its present
 * stacking, to make room when the numbers reach the limit (a file may
 * hold any value within it). */
static void
renumber (MoatModel  *model,
          const char *diagram_id)
{
  g_autoptr(GPtrArray) all = diagram_elements (model, diagram_id, NULL);
  int first = -(int) (all->len / 2);

  moat_arrange_sort_by_stacking (model, all);
  for (guint i = 0; i < all->len; i++)
    if (moat_element_get_z_order (all->pdata[i]) != first + (int) i)
      g_object_set (all->pdata[i], "z-order", first + (int) i, NULL);
}

/* The z-orders of the elements not chosen. */
typedef struct
{
  int lowest;
  int highest;
} Extent;

static void
extent_of (GPtrArray *others,
           Extent    *extent)
{
  *extent = (Extent) { .lowest = G_MAXINT, .highest = G_MININT };
  for (guint i = 0; i < others->len; i++)
    {
      int z = moat_element_get_z_order (g_ptr_array_index (others, i));

      extent->lowest = MIN (extent->lowest, z);
      extent->highest = MAX (extent->highest, z);
    }
}

/* Each element of @model's diagram @diagram_id mapped to its place in
 * the model, which breaks ties of stacking. */
static GHashTable *
model_positions (MoatModel  *model,
                 const char *diagram_id)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  GHashTable *positions = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0)
        g_hash_table_insert (positions, element, GUINT_TO_POINTER (i));
    }
  return positions;
}

/* Into @extreme, per layer, the element of @elements painted last (or,
 * for @topmost FALSE, first). */
static void
extremes_of (GPtrArray   *elements,
             GHashTable  *positions,
             gboolean     topmost,
             MoatElement *extreme[N_LAYERS])
{
  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement **element = (MoatElement **) &elements->pdata[i];
      MoatElement **current = &extreme[layer_of (*element)];
      int order;

      if (*current == NULL)
        {
          *current = *element;
          continue;
        }
      order = compare_stacking (element, current, positions);
      if (topmost ? order > 0 : order < 0)
        *current = *element;
    }
}

/* Whether every chosen element is already painted over (under) every
 * other of its layer, however it got there: by its z-order, or, where
 * z-orders are equal (as in a file from before they existed), by the
 * order of the model. */
static gboolean
is_placed (MoatModel *model,
           GPtrArray *chosen,
           GPtrArray *others,
           gboolean   to_front)
{
  g_autoptr(GHashTable) positions = NULL;
  MoatElement *chosen_edge[N_LAYERS] = { NULL }, *others_edge[N_LAYERS] = { NULL };

  positions = model_positions (model, moat_element_get_diagram_id (g_ptr_array_index (chosen, 0)));
  extremes_of (chosen, positions, !to_front, chosen_edge);
  extremes_of (others, positions, to_front, others_edge);
  for (guint layer = 0; layer < N_LAYERS; layer++)
    {
      int order;

      if (chosen_edge[layer] == NULL || others_edge[layer] == NULL)
        continue;
      order = compare_stacking (&chosen_edge[layer], &others_edge[layer], positions);
      if (to_front ? order < 0 : order > 0)
        return FALSE;
    }
  return TRUE;
}

/* @elements without repeats, and only those of the first one's diagram
 * (a selection is of one diagram); the rest of that diagram in @others. */
static GPtrArray *
split_diagram (MoatModel  *model,
               GPtrArray  *elements,
               GPtrArray **others)
{
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  GPtrArray *chosen = g_ptr_array_new ();
  const char *diagram_id = moat_element_get_diagram_id (g_ptr_array_index (elements, 0));

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0 &&
          g_hash_table_add (set, element))
        g_ptr_array_add (chosen, element);
    }
  *others = diagram_elements (model, diagram_id, set);
  return chosen;
}

/**
 * moat_arrange_can_restack:
 * @elements: (element-type MoatElement): the selection, of one diagram
 *
 * Returns: whether moat_arrange_restack() would change anything: some of
 *   @elements are not yet over (or under) all the others of their layer
 */
gboolean
moat_arrange_can_restack (MoatModel *model,
                          GPtrArray *elements,
                          gboolean   to_front)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) others = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), FALSE);

  if (elements == NULL || elements->len == 0)
    return FALSE;
  chosen = split_diagram (model, elements, &others);
  return !is_placed (model, chosen, others, to_front);
}

/* Numbers @chosen, sorted bottom first, past every other element of
 * their diagram, renumbering the diagram first if they would pass the
 * limit. */
static void
place (MoatModel  *model,
       GPtrArray  *chosen,
       GPtrArray  *others,
       gboolean    to_front)
{
  int n = (int) chosen->len, first;
  Extent extent;

  extent_of (others, &extent);
  if (to_front ? extent.highest > MOAT_ELEMENT_Z_ORDER_LIMIT - n
               : extent.lowest < -MOAT_ELEMENT_Z_ORDER_LIMIT + n)
    {
      renumber (model, moat_element_get_diagram_id (g_ptr_array_index (chosen, 0)));
      extent_of (others, &extent);
    }
  first = to_front ? extent.highest + 1 : extent.lowest - n;
  for (int i = 0; i < n; i++)
    if (moat_element_get_z_order (chosen->pdata[i]) != first + i)
      g_object_set (chosen->pdata[i], "z-order", first + i, NULL);
}

/**
 * moat_arrange_restack:
 * @elements: (element-type MoatElement): the selection, of one diagram
 * @to_front: bring them in front of the rest of their layer, or else
 *   send them behind it
 *
 * Gives @elements z-orders above (or below) every other element of their
 * diagram, keeping their stacking among themselves, as one step of undo.
 * The layers stay as they are: a process brought to the front is still
 * under every note and over every flow.
 *
 * Returns: how many elements were restacked; none when they already
 *   were in front (or behind) in their layers
 */
guint
moat_arrange_restack (MoatModel *model,
                      GPtrArray *elements,
                      gboolean   to_front)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) others = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  if (elements == NULL || elements->len == 0)
    return 0;
  chosen = split_diagram (model, elements, &others);
  if (is_placed (model, chosen, others, to_front))
    return 0;

  moat_arrange_sort_by_stacking (model, chosen);
  moat_model_begin_action (model, to_front ? _("Bring to front") : _("Send to back"));
  place (model, chosen, others, to_front);
  moat_model_end_action (model);
  return chosen->len;
}
