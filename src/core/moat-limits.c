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
  "base-value", "business-purpose", "description", "dissent", "failure-impact",
  "follow-ups", "motivation", "ours-value", "out-of-scope-reason", "reason",
  "review-reason", "scope-in", "scope-out", "statement", "status-reason",
  "summary", "theirs-value", "validation", NULL
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

/* The value without a copy: a model of thousands of objects is checked
 * field by field every time a file is opened. */
static void
peek_value (MoatObject *object,
            GParamSpec *pspec,
            GValue     *value)
{
  if (pspec->owner_type != MOAT_TYPE_OBJECT)
    {
      *value = *moat_object_peek_value (object, pspec);
      return;
    }
  g_value_init (value, pspec->value_type);
  /* The id is on every object: not worth a property lookup each time. */
  if (g_str_equal (pspec->name, "id"))
    {
      g_value_set_static_string (value, moat_object_get_id (object));
      return;
    }
  g_object_get_property (G_OBJECT (object), pspec->name, value);
}

static gboolean
check_field (MoatObject  *object,
             GParamSpec  *pspec,
             guint        max,
             GError     **error)
{
  GValue value = G_VALUE_INIT;
  gboolean ok = TRUE;

  if (pspec->value_type != G_TYPE_STRING && pspec->value_type != G_TYPE_STRV)
    return TRUE;

  peek_value (object, pspec, &value);
  if (pspec->value_type == G_TYPE_STRING)
    ok = !too_long (g_value_get_string (&value), max) || refuse (object, pspec, _("characters"), max, error);
  else
    {
      const char * const *items = g_value_get_boxed (&value);

      if (items != NULL && g_strv_length ((char **) items) > MOAT_LIST_MAX)
        ok = refuse (object, pspec, _("items"), MOAT_LIST_MAX, error);
      for (guint i = 0; ok && items != NULL && items[i] != NULL; i++)
        if (too_long (items[i], max))
          ok = refuse (object, pspec, _("characters an item"), max, error);
    }
  if (pspec->owner_type == MOAT_TYPE_OBJECT)
    g_value_unset (&value);
  return ok;
}

/* A class's fields and the limit of each, looked up once for all its
 * objects. */
typedef struct
{
  GParamSpec **specs;
  guint       *limits;
  guint        n_specs;
} Fields;

static void
fields_init (Fields *fields,
             GType   type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **all = NULL;
  guint n_all;

  /* Only texts and lists of texts have limits. */
  all = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_all);
  fields->specs = g_new (GParamSpec *, n_all);
  fields->limits = g_new (guint, n_all);
  fields->n_specs = 0;
  for (guint i = 0; i < n_all; i++)
    if (all[i]->value_type == G_TYPE_STRING || all[i]->value_type == G_TYPE_STRV)
      {
        fields->specs[fields->n_specs] = all[i];
        fields->limits[fields->n_specs++] = moat_limits_for_field (all[i]);
      }
}

static void
fields_clear (Fields *fields)
{
  g_free (fields->specs);
  g_free (fields->limits);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fields, fields_clear)

static gboolean
check_object (MoatObject  *object,
              Fields      *fields,
              GError     **error)
{
  for (guint i = 0; i < fields->n_specs; i++)
    if (!check_field (object, fields->specs[i], fields->limits[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
check_list (GListModel  *list,
            GType        type,
            GError     **error)
{
  g_auto(Fields) fields = { 0, };

  fields_init (&fields, type);
  for (guint j = 0; j < g_list_model_get_n_items (list); j++)
    {
      g_autoptr(MoatObject) object = g_list_model_get_item (list, j);

      if (!check_object (object, &fields, error))
        return FALSE;
    }
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
  g_auto(Fields) fields = { 0, };

  fields_init (&fields, MOAT_TYPE_MODEL);
  if (!check_object (MOAT_OBJECT (model), &fields, error))
    return FALSE;

  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    if (!check_list (moat_model_get_list (model, types[i]), types[i], error))
      return FALSE;

  return TRUE;
}
