/* moat-review.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-clock.h"
#include "moat-review.h"
#include "moat-threat.h"

/**
 * moat_review_is_wanted:
 *
 * Returns: whether @element is something one reviews for threats: an
 *   actor, a process, a data store or a flow that is in scope (boundaries
 *   and notes are not reviewed)
 */
gboolean
moat_review_is_wanted (MoatElement *element)
{
  MoatElementKind kind;

  g_return_val_if_fail (MOAT_IS_ELEMENT (element), FALSE);

  kind = moat_element_get_kind (element);
  return kind != MOAT_ELEMENT_BOUNDARY && kind != MOAT_ELEMENT_NOTE &&
         !moat_element_get_out_of_scope (element);
}

/**
 * moat_review_is_pending:
 *
 * Returns: whether @element wants a review it does not have
 */
gboolean
moat_review_is_pending (MoatElement *element)
{
  return moat_review_is_wanted (element) && !moat_element_get_reviewed (element);
}

/**
 * moat_review_mark:
 * @elements: (array length=n_elements): the elements
 * @reviewed: %TRUE to mark them reviewed by the model's author now,
 *   %FALSE to withdraw their review
 *
 * Marks @elements reviewed or not, as one action. Boundaries and notes are
 * skipped, and so is an element that already is as asked: a second
 * "reviewed" keeps the first reviewer's name and date.
 *
 * Returns: how many elements changed
 */
guint
moat_review_mark (MoatModel    *model,
                  MoatElement **elements,
                  guint         n_elements,
                  gboolean      reviewed)
{
  gint64 now = moat_clock_now ();
  guint changed = 0;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  moat_model_begin_action (model, reviewed ? _("Mark Reviewed") : _("Mark Not Reviewed"));
  for (guint i = 0; i < n_elements; i++)
    {
      MoatElement *element = elements[i];
      MoatElementKind kind = moat_element_get_kind (element);

      if (kind == MOAT_ELEMENT_BOUNDARY || kind == MOAT_ELEMENT_NOTE ||
          moat_object_get_model (MOAT_OBJECT (element)) != model ||
          moat_element_get_reviewed (element) == reviewed)
        continue;

      if (reviewed)
        moat_model_set (model, element,
                        "reviewed", TRUE,
                        "reviewed-by", moat_model_get_author (model),
                        "reviewed-at", now,
                        NULL);
      else
        moat_model_set (model, element,
                        "reviewed", FALSE,
                        "reviewed-by", NULL,
                        "reviewed-at", (gint64) 0,
                        NULL);
      changed++;
    }
  moat_model_end_action (model);

  return changed;
}

/**
 * moat_review_describe:
 *
 * Returns: (transfer full) (nullable): "Reviewed by Ana on 3 December
 *   2026", or for a review that a change has since undone, "Changed since
 *   Ana reviewed it on …"; %NULL if the element was never reviewed
 */
char *
moat_review_describe (MoatElement *element)
{
  const char *who = moat_element_get_reviewed_by (element);
  gint64 at = moat_element_get_reviewed_at (element);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (MOAT_IS_ELEMENT (element), NULL);

  if (who != NULL && *who == '\0')
    who = NULL;
  utc = at > 0 ? g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC) : NULL;
  local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: a date, see g_date_time_format(); %-d is the day
   * without padding. */
  date = local ? g_date_time_format (local, _("%-d %B %Y")) : NULL;

  /* Files from before version 4 have the mark without a name or date. */
  if (moat_element_get_reviewed (element))
    {
      if (who != NULL && date != NULL)
        /* Translators: "Reviewed by Ana Pérez on 3 December 2026" */
        return g_strdup_printf (_("Reviewed by %s on %s"), who, date);
      if (who != NULL)
        return g_strdup_printf (_("Reviewed by %s"), who);
      if (date != NULL)
        return g_strdup_printf (_("Reviewed on %s"), date);
      return g_strdup (_("Reviewed"));
    }

  if (date == NULL)
    return NULL;
  if (who != NULL)
    /* Translators: "Changed since Ana Pérez reviewed it on 3 December 2026" */
    return g_strdup_printf (_("Changed since %s reviewed it on %s"), who, date);
  return g_strdup_printf (_("Changed since its review on %s"), date);
}

/* Fields that place or navigate an element rather than say what it is:
 * moving a box does not undo its threat review. */
static gboolean
is_review_neutral (const char *field)
{
  static const char * const fields[] = {
    "reviewed", "reviewed-by", "reviewed-at",
    "x", "y", "width", "height", "points", "label-x", "label-y", "z-order",
    "child-diagram-id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i]))
      return TRUE;
  return FALSE;
}

static void
withdraw (MoatModel  *model,
          const char *id)
{
  MoatElement *element = moat_model_lookup_typed (model, id, MOAT_TYPE_ELEMENT);

  /* Only the flag: who reviewed it and when stay, for "changed since". */
  if (element != NULL && moat_element_get_reviewed (element))
    moat_model_set (model, element, "reviewed", FALSE, NULL);
}

static void
withdraw_all (MoatModel          *model,
              const char * const *ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    withdraw (model, ids[i]);
}

/* Linking a threat to an element or unlinking it changes that element's
 * threats, not those of the other elements the threat names. */
static void
withdraw_difference (MoatModel          *model,
                     const char * const *a,
                     const char * const *b)
{
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    if (b == NULL || !g_strv_contains (b, a[i]))
      withdraw (model, a[i]);
  for (guint i = 0; b != NULL && b[i] != NULL; i++)
    if (a == NULL || !g_strv_contains (a, b[i]))
      withdraw (model, b[i]);
}

static void
follow_threat_change (MoatModel  *model,
                      MoatChange *change)
{
  MoatThreat *threat = MOAT_THREAT (change->object);

  if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, "element-ids"))
    withdraw_difference (model, g_value_get_boxed (&change->old_value),
                         g_value_get_boxed (&change->new_value));
  else
    withdraw_all (model, moat_threat_get_element_ids (threat));
}

static void
follow_element_change (MoatModel  *model,
                       MoatChange *change)
{
  MoatElement *element = MOAT_ELEMENT (change->object);

  switch (change->kind)
    {
    case MOAT_CHANGE_ADD:
      /* A pasted or duplicated element is new: its threats are not yet
       * reviewed, whatever the original's were. */
      if (moat_element_get_reviewed (element))
        moat_model_set (model, element,
                        "reviewed", FALSE,
                        "reviewed-by", NULL,
                        "reviewed-at", (gint64) 0,
                        NULL);
      break;

    case MOAT_CHANGE_SET:
      if (!is_review_neutral (change->pspec->name))
        withdraw (model, moat_object_get_id (change->object));
      break;

    default:
      break;
    }
}

void
_moat_review_follow_change (MoatModel  *model,
                            MoatChange *change)
{
  if (MOAT_IS_THREAT (change->object))
    follow_threat_change (model, change);
  else if (MOAT_IS_ELEMENT (change->object))
    follow_element_change (model, change);
}
