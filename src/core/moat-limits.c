/* moat-limits.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-error.h"
#include "moat-limits.h"
#include "moat-object.h"

/* Free text written in paragraphs; every other text field is a line. */
static const char * const long_fields[] = {
  "answer-doing", "answer-good", "answer-wrong", "answer-working",
  "business-purpose", "description", "dissent", "failure-impact",
  "follow-ups", "motivation", "out-of-scope-reason", "reason",
  "review-reason", "scope-in", "scope-out", "statement", "status-reason",
  "summary", "validation", NULL
};

/**
 * moat_limits_for_field:
 *
 * Returns: the most characters a text field (or each item of a list
 *   field) may hold
 */
guint
moat_limits_for_field (GParamSpec *pspec)
{
  if (pspec->value_type == G_TYPE_STRING && g_strv_contains (long_fields, pspec->name))
    return MOAT_TEXT_LONG_MAX;
  return MOAT_TEXT_SHORT_MAX;
}

static gboolean
too_long (const char *text,
          guint       max)
{
  /* Most texts are far shorter: skip counting characters. */
  return text != NULL && strlen (text) > max && g_utf8_strlen (text, -1) > max;
}

static gboolean
refuse (MoatObject  *object,
        GParamSpec  *pspec,
        const char  *what,
        guint        max,
        GError     **error)
{
  const char *kind = moat_object_class_get_plural_name (MOAT_OBJECT_GET_CLASS (object));

  /* Translators: threats “t-12”: the description is longer than the 100000 characters Moat accepts */
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_TOO_LONG,
               _("%s “%s”: the %s is longer than the %u %s Moat accepts"),
               kind ? kind : "model", moat_object_get_id (object),
               pspec->name, max, what);
  return FALSE;
}

static gboolean
check_field (MoatObject  *object,
             GParamSpec  *pspec,
             GError     **error)
{
  guint max = moat_limits_for_field (pspec);

  if (pspec->value_type == G_TYPE_STRING)
    {
      g_autofree char *text = NULL;

      g_object_get (object, pspec->name, &text, NULL);
      return !too_long (text, max) || refuse (object, pspec, _("characters"), max, error);
    }

  if (pspec->value_type == G_TYPE_STRV)
    {
      g_auto(GStrv) items = NULL;

      g_object_get (object, pspec->name, &items, NULL);
      if (items != NULL && g_strv_length (items) > MOAT_LIST_MAX)
        return refuse (object, pspec, _("items"), MOAT_LIST_MAX, error);
      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        if (too_long (items[i], max))
          return refuse (object, pspec, _("characters an item"), max, error);
    }

  return TRUE;
}

static gboolean
check_object (MoatObject  *object,
              GError     **error)
{
  guint n_specs;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object),
                                                                  &n_specs);

  for (guint i = 0; i < n_specs; i++)
    if (!check_field (object, specs[i], error))
      return FALSE;

  return TRUE;
}

/**
 * moat_limits_check_model:
 *
 * Refuses a model with a text beyond Moat's limits, naming the object and
 * the field, so that a file from elsewhere cannot make every later step
 * (the window, the report) slow or huge.
 */
gboolean
moat_limits_check_model (MoatModel  *model,
                         GError    **error)
{
  const GType *types;
  guint n_types;

  if (!check_object (MOAT_OBJECT (model), error))
    return FALSE;

  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      GListModel *list = moat_model_get_list (model, types[i]);
      guint n = g_list_model_get_n_items (list);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, j);

          if (!check_object (object, error))
            return FALSE;
        }
    }

  return TRUE;
}
