/* moat-assumption-rule.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-assumption-rule.h"
#include "moat-object-private.h"

/* A reason stays readable in a list row and on a report line. */
#define STATEMENT_IN_REASON 80

gboolean
moat_assumption_is_broken (MoatAssumption *assumption)
{
  g_return_val_if_fail (MOAT_IS_ASSUMPTION (assumption), FALSE);

  return moat_assumption_get_status (assumption) == MOAT_ASSUMPTION_INVALIDATED;
}

static gboolean
shares_any (const char * const *a,
            const char * const *b)
{
  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    if (b != NULL && g_strv_contains (b, a[i]))
      return TRUE;
  return FALSE;
}

/**
 * moat_assumption_relies:
 *
 * Returns: whether @threat relies on @assumption: the assumption names it,
 *   or is about one of its elements
 */
gboolean
moat_assumption_relies (MoatAssumption *assumption,
                        MoatThreat     *threat)
{
  const char * const *threat_ids;

  g_return_val_if_fail (MOAT_IS_ASSUMPTION (assumption), FALSE);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), FALSE);

  threat_ids = moat_assumption_get_threat_ids (assumption);
  if (threat_ids != NULL && g_strv_contains (threat_ids, moat_object_get_id (MOAT_OBJECT (threat))))
    return TRUE;
  return shares_any (moat_assumption_get_element_ids (assumption), moat_threat_get_element_ids (threat));
}

/**
 * moat_assumption_list_reliant_threats:
 *
 * Returns: (transfer container) (element-type MoatThreat): the threats of
 *   @model that rely on @assumption, in model order
 */
GPtrArray *
moat_assumption_list_reliant_threats (MoatAssumption *assumption,
                                      MoatModel      *model)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *threats;

  g_return_val_if_fail (MOAT_IS_ASSUMPTION (assumption), out);
  g_return_val_if_fail (MOAT_IS_MODEL (model), out);

  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);

      if (moat_assumption_relies (assumption, threat))
        g_ptr_array_add (out, g_steal_pointer (&threat));
    }
  return out;
}

/**
 * moat_assumption_list_broken:
 *
 * Returns: (transfer container) (element-type MoatAssumption): the
 *   invalidated assumptions (and open questions) of @model, in model order
 */
GPtrArray *
moat_assumption_list_broken (MoatModel *model)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *assumptions;

  g_return_val_if_fail (MOAT_IS_MODEL (model), out);

  assumptions = moat_model_get_list (model, MOAT_TYPE_ASSUMPTION);
  for (guint i = 0; i < g_list_model_get_n_items (assumptions); i++)
    {
      g_autoptr(MoatAssumption) assumption = g_list_model_get_item (assumptions, i);

      if (moat_assumption_is_broken (assumption))
        g_ptr_array_add (out, g_steal_pointer (&assumption));
    }
  return out;
}

static char *
short_statement (MoatAssumption *assumption)
{
  const char *statement = moat_assumption_get_statement (assumption);
  g_autofree char *line = NULL;
  g_autofree char *start = NULL;

  if (statement == NULL || statement[0] == '\0')
    return g_strdup (moat_object_get_id (MOAT_OBJECT (assumption)));
  /* One line: the first of a long statement. */
  line = g_strndup (statement, strcspn (statement, "\n"));
  if (g_utf8_strlen (line, -1) <= STATEMENT_IN_REASON)
    return g_steal_pointer (&line);
  start = g_utf8_substring (line, 0, STATEMENT_IN_REASON - 1);
  return g_strconcat (start, "…", NULL);
}

/**
 * moat_assumption_dup_review_reason:
 *
 * Returns: (transfer full): the review reason a threat relying on
 *   @assumption gets when it is invalidated
 */
char *
moat_assumption_dup_review_reason (MoatAssumption *assumption)
{
  g_autofree char *statement = NULL;

  g_return_val_if_fail (MOAT_IS_ASSUMPTION (assumption), NULL);

  statement = short_statement (assumption);
  /* Translators: why a threat needs review; %s is an assumption's statement */
  return g_strdup_printf (_("Relies on the invalidated assumption “%s”"), statement);
}

/* The reason @threat should have, or %NULL when it says so already. */
static char *
reason_with (MoatThreat *threat,
             const char *reason)
{
  const char *old = moat_threat_get_review_reason (threat);

  if (!moat_threat_get_needs_review (threat) || old == NULL || old[0] == '\0')
    return g_strdup (reason);
  if (strstr (old, reason) != NULL)
    return NULL;
  return g_strconcat (old, "\n", reason, NULL);
}

/* Flags the threats relying on @assumption; with @added_threats or
 * @added_elements, only those relying through the links just added, so
 * that removing a link (a threat deleted) flags nobody again. */
static void
flag_threats (MoatModel          *model,
              MoatAssumption     *assumption,
              const char * const *added_threats,
              const char * const *added_elements)
{
  g_autofree char *reason = moat_assumption_dup_review_reason (assumption);
  g_autoptr(GPtrArray) threats = moat_assumption_list_reliant_threats (assumption, model);
  gboolean all = added_threats == NULL && added_elements == NULL;

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = threats->pdata[i];
      g_autofree char *text = NULL;

      if (!all
          && !(added_threats != NULL && g_strv_contains (added_threats, moat_object_get_id (MOAT_OBJECT (threat))))
          && !shares_any (added_elements, moat_threat_get_element_ids (threat)))
        continue;
      if ((text = reason_with (threat, reason)) != NULL)
        moat_model_set (model, threat, "needs-review", TRUE, "review-reason", text, NULL);
    }
}

static GStrv
strv_added (const char * const *now,
            const char * const *before)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; now != NULL && now[i] != NULL; i++)
    if (before == NULL || !g_strv_contains (before, now[i]))
      g_strv_builder_add (builder, now[i]);
  return g_strv_builder_end (builder);
}

void
_moat_assumption_rule_after_edit (MoatModel      *model,
                                  MoatAssumption *assumption,
                                  GParamSpec     *pspec,
                                  const GValue   *before)
{
  g_auto(GStrv) added = NULL;

  if (!moat_assumption_is_broken (assumption))
    return;
  if (pspec == NULL)
    {
      flag_threats (model, assumption, NULL, NULL);
      return;
    }
  if (g_str_equal (pspec->name, "status"))
    {
      if (g_value_get_enum (before) != MOAT_ASSUMPTION_INVALIDATED)
        flag_threats (model, assumption, NULL, NULL);
      return;
    }
  if (g_str_equal (pspec->name, "threat-ids"))
    {
      added = strv_added (moat_assumption_get_threat_ids (assumption), g_value_get_boxed (before));
      if (added[0] != NULL)
        flag_threats (model, assumption, (const char * const *) added, (const char * const *) (char *[]) { NULL });
    }
  else if (g_str_equal (pspec->name, "element-ids"))
    {
      added = strv_added (moat_assumption_get_element_ids (assumption), g_value_get_boxed (before));
      if (added[0] != NULL)
        flag_threats (model, assumption, (const char * const *) (char *[]) { NULL }, (const char * const *) added);
    }
}

static void
load_flag (MoatThreat *threat,
           const char *reason)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (threat);
  g_auto(GValue) flag = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;

  g_value_init (&flag, G_TYPE_BOOLEAN);
  g_value_set_boolean (&flag, TRUE);
  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, reason);
  _moat_object_load_value (MOAT_OBJECT (threat), g_object_class_find_property (klass, "needs-review"), &flag);
  _moat_object_load_value (MOAT_OBJECT (threat), g_object_class_find_property (klass, "review-reason"), &text);
}

/* In a file Moat wrote, a threat relying on a broken assumption was
 * flagged when the assumption broke, and a threat edited since then has
 * been looked at. A threat that carries no flag although the assumption
 * changed after it did comes from something that did not apply the rule
 * (a hand edit, another tool): only that one is flagged. Without both
 * times nothing can be told, and nothing is changed. */
static gboolean
missed_by_writer (MoatThreat     *threat,
                  MoatAssumption *assumption)
{
  gint64 threat_time = moat_object_get_modified (MOAT_OBJECT (threat));
  gint64 assumption_time = moat_object_get_modified (MOAT_OBJECT (assumption));

  return !moat_threat_get_needs_review (threat)
         && threat_time != 0 && assumption_time != 0 && assumption_time > threat_time;
}

/**
 * moat_assumption_flag_loaded:
 *
 * Applies the rule to a model just read from a file, where assumptions
 * may arrive already invalidated: a threat relying on one is flagged, as
 * a loaded value and not as an edit, when it carries no flag and the
 * assumption changed after it did; a threat looked at since is left as
 * it is, so a file Moat wrote comes in as it was written.
 *
 * Returns: how many threats were flagged
 */
guint
moat_assumption_flag_loaded (MoatModel *model)
{
  g_autoptr(GPtrArray) broken = NULL;
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  broken = moat_assumption_list_broken (model);
  for (guint a = 0; a < broken->len; a++)
    {
      MoatAssumption *assumption = broken->pdata[a];
      g_autofree char *reason = moat_assumption_dup_review_reason (assumption);
      g_autoptr(GPtrArray) threats = moat_assumption_list_reliant_threats (assumption, model);

      for (guint i = 0; i < threats->len; i++)
        {
          g_autofree char *text = NULL;

          if (!missed_by_writer (threats->pdata[i], assumption))
            continue;
          if ((text = reason_with (threats->pdata[i], reason)) == NULL)
            continue;
          load_flag (threats->pdata[i], text);
          n++;
        }
    }
  return n;
}
