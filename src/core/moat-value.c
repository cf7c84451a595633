/* moat-value.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object.h"
#include <math.h>

#include "moat-value.h"

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

static gboolean
is_empty_container (GVariant *variant)
{
  return g_variant_is_container (variant) && g_variant_n_children (variant) == 0;
}

/**
 * moat_value_equal:
 *
 * Unlike g_param_values_cmp(), compares string vectors and variants by
 * content.
 */
gboolean
moat_value_equal (const GValue *a,
                  const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type != G_VALUE_TYPE (b))
    return FALSE;

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_STRV)
    return strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_VARIANT)
    {
      GVariant *va = g_value_get_variant (a);
      GVariant *vb = g_value_get_variant (b);

      /* As for lists of strings, no list is an empty one: JSON writes
       * an unset list of points as [] and reads it back so. */
      if (va == NULL || vb == NULL)
        return va == vb || is_empty_container (va ? va : vb);
      return g_variant_equal (va, vb);
    }
  if (type == G_TYPE_BOOLEAN)
    return !g_value_get_boolean (a) == !g_value_get_boolean (b);
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_INT64)
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (type == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);
  if (G_TYPE_IS_ENUM (type))
    return g_value_get_enum (a) == g_value_get_enum (b);

  g_return_val_if_reached (FALSE);
}

char *
moat_timestamp_format (gint64 usec)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return NULL;

  seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (seconds == NULL)
    return NULL;
  dt = g_date_time_add (seconds, usec % G_USEC_PER_SEC);

  return g_date_time_format_iso8601 (dt);
}

gboolean
moat_timestamp_parse (const char *text,
                      gint64     *usec)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || text[0] == '\0')
    {
      *usec = 0;
      return TRUE;
    }

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;

  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return *usec >= 0;
}

/**
 * moat_value_to_text:
 *
 * Returns: (nullable): @value as text that moat_value_from_text() reads
 *   back: strings as they are, enums by nick, lists and variants in
 *   GVariant text form
 */
char *
moat_value_to_text (GParamSpec   *pspec,
                    const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    return g_value_dup_string (value);
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (g_value_get_boolean (value) ? "true" : "false");
  if (type == G_TYPE_INT)
    return g_strdup_printf ("%d", g_value_get_int (value));
  if (type == G_TYPE_INT64 && moat_param_spec_is_timestamp (pspec))
    return moat_timestamp_format (g_value_get_int64 (value));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, g_value_get_double (value)));
    }
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));
      return g_strdup (ev ? ev->value_nick : "");
    }
  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_strv (strv, strv ? -1 : 0));
      return g_variant_print (v, FALSE);
    }
  if (type == G_TYPE_VARIANT)
    {
      GVariant *v = g_value_get_variant (value);
      return v ? g_variant_print (v, TRUE) : NULL;
    }

  g_return_val_if_reached (NULL);
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value_by_nick (klass, nick);

  if (ev == NULL)
    return FALSE;
  *out = ev->value;
  return TRUE;
}

static gboolean
parse_int64 (const char *text,
             gint64      min,
             gint64      max,
             gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

/**
 * moat_value_variant_is_sane:
 *
 * Coordinates and the like live in variants: a number that is not finite,
 * or so large that no diagram reaches it, cannot be written as JSON that
 * reads back (json-glib's scanner refuses it), so it is refused on the way
 * in.
 *
 * Returns: whether every number in @variant is finite and within
 *   ±%MOAT_VALUE_MAX_NUMBER
 */
gboolean
moat_value_variant_is_sane (GVariant *variant)
{
  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_variant_get_double (variant);

      return isfinite (d) && fabs (d) <= MOAT_VALUE_MAX_NUMBER;
    }
  if (g_variant_is_container (variant))
    {
      gsize n = g_variant_n_children (variant);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (variant, i);

          if (!moat_value_variant_is_sane (child))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * moat_value_from_text:
 * @value: an initialised value of @pspec's type
 *
 * Returns: %FALSE if @text is not a valid value for @pspec
 */
gboolean
moat_value_from_text (GParamSpec *pspec,
                      const char *text,
                      GValue     *value)
{
  GType type = pspec->value_type;
  gint64 n;

  if (type == G_TYPE_STRING)
    {
      g_value_set_string (value, text);
      return TRUE;
    }
  if (text == NULL)
    return type == G_TYPE_VARIANT || type == G_TYPE_STRV ||
           (type == G_TYPE_INT64 && moat_param_spec_is_timestamp (pspec));

  if (type == G_TYPE_BOOLEAN)
    {
      if (g_strcmp0 (text, "true") != 0 && g_strcmp0 (text, "false") != 0)
        return FALSE;
      g_value_set_boolean (value, text[0] == 't');
      return TRUE;
    }
  if (type == G_TYPE_INT)
    {
      if (!parse_int64 (text, G_MININT, G_MAXINT, &n))
        return FALSE;
      g_value_set_int (value, n);
      return TRUE;
    }
  if (type == G_TYPE_INT64 && moat_param_spec_is_timestamp (pspec))
    {
      if (!moat_timestamp_parse (text, &n))
        return FALSE;
      g_value_set_int64 (value, n);
      return TRUE;
    }
  if (type == G_TYPE_INT64)
    {
      if (!parse_int64 (text, G_MININT64, G_MAXINT64, &n))
        return FALSE;
      g_value_set_int64 (value, n);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      char *end = NULL;
      double d = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0' || !isfinite (d))
        return FALSE;
      g_value_set_double (value, d);
      return TRUE;
    }
  if (G_TYPE_IS_ENUM (type))
    {
      int e;
      if (!enum_from_nick (type, text, &e))
        return FALSE;
      g_value_set_enum (value, e);
      return TRUE;
    }
  if (type == G_TYPE_STRV || type == G_TYPE_VARIANT)
    {
      const GVariantType *vtype = type == G_TYPE_STRV
        ? G_VARIANT_TYPE_STRING_ARRAY
        : G_PARAM_SPEC_VARIANT (pspec)->type;
      g_autoptr(GVariant) v = g_variant_parse (vtype, text, NULL, NULL, NULL);

      if (v == NULL || !moat_value_variant_is_sane (v))
        return FALSE;
      if (type == G_TYPE_STRV)
        g_value_take_boxed (value, g_variant_dup_strv (v, NULL));
      else
        g_value_set_variant (value, v);
      return TRUE;
    }

  return FALSE;
}

/**
 * moat_value_set_default:
 *
 * g_param_value_set_default(), except that a variant field without a
 * default is emptied: GLib 2.74 marks a variant default as not owned by
 * the value, and a variant set into that value afterwards is then never
 * freed.
 */
void
moat_value_set_default (GParamSpec *pspec,
                        GValue     *value)
{
  if (G_IS_PARAM_SPEC_VARIANT (pspec) && G_PARAM_SPEC_VARIANT (pspec)->default_value == NULL)
    g_value_reset (value);
  else
    g_param_value_set_default (pspec, value);
}
