/* moat-arrange.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lining shapes up: align their edges or centres, or space them evenly.
 * Flows follow their ends and are not moved themselves.
 */

#include "config.h"

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
