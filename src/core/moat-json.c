/* moat-json.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-conflict.h"
#include "moat-error.h"
#include "moat-element.h"
#include "moat-json.h"
#include "moat-json-scan.h"
#include "moat-limits.h"
#include "moat-value.h"
#include "moat-temp-file.h"

/* Native files larger than this are refused before parsing. */
#define MAX_FILE_SIZE (256 * 1024 * 1024)

static char *
key_for (const char *field)
{
  return g_strdelimit (g_strdup (field), "-", '_');
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/* Sorted keys: the same model always gives the same text. */
static JsonNode *
take_sorted (JsonObject *members)
{
  g_autoptr(GList) keys = json_object_get_members (members);
  JsonObject *sorted = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  keys = g_list_sort (keys, (GCompareFunc)strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    json_object_set_member (sorted, l->data,
                            json_node_copy (json_object_get_member (members, l->data)));
  json_object_unref (members);
  json_node_take_object (node, sorted);

  return node;
}

static JsonNode *
value_to_node (GParamSpec   *pspec,
               const GValue *value)
{
  GType type = G_VALUE_TYPE (value);
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (type == G_TYPE_STRING)
    {
      const char *str = g_value_get_string (value);

      if (str == NULL)
        json_node_init_null (node);
      else
        json_node_set_string (node, str);
    }
  else if (type == G_TYPE_BOOLEAN)
    json_node_set_boolean (node, g_value_get_boolean (value));
  else if (type == G_TYPE_INT)
    json_node_set_int (node, g_value_get_int (value));
  else if (type == G_TYPE_INT64 && moat_param_spec_is_timestamp (pspec))
    {
      g_autofree char *text = moat_timestamp_format (g_value_get_int64 (value));

      if (text == NULL)
        json_node_init_null (node);
      else
        json_node_set_string (node, text);
    }
  else if (type == G_TYPE_INT64)
    json_node_set_int (node, g_value_get_int64 (value));
  else if (type == G_TYPE_DOUBLE)
    json_node_set_double (node, g_value_get_double (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autofree char *nick = moat_value_to_text (pspec, value);
      json_node_set_string (node, nick);
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      JsonArray *array = json_array_new ();

      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        json_array_add_string_element (array, strv[i]);
      json_node_free (node);
      node = take_array (array);
    }
  else if (type == G_TYPE_VARIANT)
    {
      GVariant *variant = g_value_get_variant (value);

      json_node_free (node);
      if (variant == NULL)
        node = take_array (json_array_new ());
      else
        node = json_gvariant_serialize (variant);
    }
  else
    g_assert_not_reached ();

  return node;
}

static JsonNode *
timestamp_node (gint64 usec)
{
  g_autofree char *text = moat_timestamp_format (usec);
  JsonNode *node = json_node_alloc ();

  return text ? json_node_init_string (node, text) : json_node_init_null (node);
}

static JsonNode *
object_to_node (MoatObject *object)
{
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (object);
  JsonObject *members = json_object_new ();
  GParamSpec **fields;
  guint n_fields;

  json_object_set_string_member (members, "id", moat_object_get_id (object));
  json_object_set_member (members, "created", timestamp_node (moat_object_get_created (object)));
  json_object_set_member (members, "modified", timestamp_node (moat_object_get_modified (object)));

  fields = moat_object_class_list_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *key = key_for (fields[i]->name);

      json_object_set_member (members, key,
                              value_to_node (fields[i],
                                             moat_object_peek_value (object, fields[i])));
    }

  return take_sorted (members);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (moat_object_get_id (*(MoatObject **)a),
                 moat_object_get_id (*(MoatObject **)b));
}

static JsonNode *
list_to_node (GListModel *list)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (objects, g_list_model_get_item (list, i));
  g_ptr_array_sort (objects, compare_ids);

  for (guint i = 0; i < objects->len; i++)
    json_array_add_element (array, object_to_node (g_ptr_array_index (objects, i)));

  return take_array (array);
}

/**
 * moat_json_write:
 *
 * Returns: (transfer full): @model as canonical JSON text, ending with a
 *   newline
 */
char *
moat_json_write (MoatModel *model,
                 gsize     *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *members = json_object_new ();
  const GType *types;
  guint n_types;
  GString *text;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  json_object_set_string_member (members, "format", "moat");
  json_object_set_int_member (members, "format_version", MOAT_JSON_FORMAT_VERSION);
  json_object_set_member (members, "model", object_to_node (MOAT_OBJECT (model)));

  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      MoatObjectClass *klass = moat_object_class_for_type (types[i]);

      /* A model that was never merged reads as it did before merges. */
      if (types[i] == MOAT_TYPE_CONFLICT && moat_model_count (model, types[i]) == 0)
        continue;
      json_object_set_member (members, moat_object_class_get_plural_name (klass),
                              list_to_node (moat_model_get_list (model, types[i])));
    }

  root = take_sorted (members);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  text = g_string_new (NULL);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  if (length != NULL)
    *length = text->len;

  return g_string_free (text, FALSE);
}

gboolean
moat_json_write_file (MoatModel  *model,
                      GFile      *file,
                      GError    **error)
{
  g_autofree char *text = NULL;
  gsize length;

  text = moat_json_write (model, &length);
  return moat_temp_file_set_contents (file, text, length, error);
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *where,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is where in the file, like elements[3].kind */
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("%s: %s"), where, what);
  return FALSE;
}

static gboolean
node_is (JsonNode *node,
         GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

static gboolean
int_from_node (GParamSpec  *pspec,
               JsonNode    *node,
               GValue      *value,
               const char  *where,
               GError     **error)
{
  GParamSpecInt *ispec = G_PARAM_SPEC_INT (pspec);
  gint64 n;

  if (!node_is (node, G_TYPE_INT64))
    return invalid (error, where, _("expected a whole number"));

  n = json_node_get_int (node);
  if (n < ispec->minimum || n > ispec->maximum)
    {
      /* A 64-bit printf directive would break the message for translators. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, n);

      return invalid (error, where, _("%s is not between %d and %d"),
                      number, ispec->minimum, ispec->maximum);
    }

  g_value_set_int (value, (int)n);
  return TRUE;
}

static gboolean
double_from_node (GParamSpec  *pspec,
                  JsonNode    *node,
                  GValue      *value,
                  const char  *where,
                  GError     **error)
{
  GParamSpecDouble *dspec = G_PARAM_SPEC_DOUBLE (pspec);
  double d;

  if (node_is (node, G_TYPE_INT64))
    d = json_node_get_int (node);
  else if (node_is (node, G_TYPE_DOUBLE))
    d = json_node_get_double (node);
  else
    return invalid (error, where, _("expected a number"));

  if (!isfinite (d) || d < dspec->minimum || d > dspec->maximum)
    return invalid (error, where, _("the number is out of range"));

  g_value_set_double (value, d);
  return TRUE;
}

static gboolean
strv_from_node (JsonNode    *node,
                GValue      *value,
                const char  *where,
                GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, where, _("expected a list of strings"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!node_is (item, G_TYPE_STRING))
        return invalid (error, where, _("expected a list of strings"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  g_value_take_boxed (value, g_strv_builder_end (builder));
  return TRUE;
}

static gboolean
value_from_node (GParamSpec  *pspec,
                 JsonNode    *node,
                 GValue      *value,
                 const char  *where,
                 GError     **error)
{
  GType type = pspec->value_type;

  if (type == G_TYPE_STRING)
    {
      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!node_is (node, G_TYPE_STRING))
        return invalid (error, where, _("expected a string"));
      g_value_set_string (value, json_node_get_string (node));
      return TRUE;
    }

  if (type == G_TYPE_BOOLEAN)
    {
      if (!node_is (node, G_TYPE_BOOLEAN))
        return invalid (error, where, _("expected true or false"));
      g_value_set_boolean (value, json_node_get_boolean (node));
      return TRUE;
    }

  if (type == G_TYPE_INT)
    return int_from_node (pspec, node, value, where, error);
  if (type == G_TYPE_DOUBLE)
    return double_from_node (pspec, node, value, where, error);

  if (type == G_TYPE_INT64 && moat_param_spec_is_timestamp (pspec))
    {
      gint64 usec;

      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!node_is (node, G_TYPE_STRING) ||
          !moat_timestamp_parse (json_node_get_string (node), &usec))
        return invalid (error, where, _("expected a date and time like 2026-01-31T12:00:00Z"));
      g_value_set_int64 (value, usec);
      return TRUE;
    }

  if (G_TYPE_IS_ENUM (type))
    {
      if (!node_is (node, G_TYPE_STRING) ||
          !moat_value_from_text (pspec, json_node_get_string (node), value))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          g_autoptr(GString) choices = g_string_new (NULL);

          for (guint i = 0; i < klass->n_values; i++)
            g_string_append_printf (choices, "%s“%s”", i ? ", " : "",
                                    klass->values[i].value_nick);
          return invalid (error, where, _("expected one of %s"), choices->str);
        }
      return TRUE;
    }

  if (type == G_TYPE_STRV)
    return strv_from_node (node, value, where, error);

  if (type == G_TYPE_VARIANT)
    {
      g_autofree char *sig = g_variant_type_dup_string (G_PARAM_SPEC_VARIANT (pspec)->type);
      g_autoptr(GVariant) variant = NULL;

      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      /* Floating or not depending on the json-glib release: take it
       * either way, without a second reference. */
      variant = json_gvariant_deserialize (node, sig, NULL);
      if (variant != NULL)
        g_variant_take_ref (variant);
      if (variant == NULL || !moat_value_variant_is_sane (variant))
        return invalid (error, where, _("expected a list of the form %s"), sig);
      g_value_set_variant (value, variant);
      return TRUE;
    }

  return invalid (error, where, _("unsupported field"));
}

static gboolean
fill_object (MoatObject  *object,
             JsonObject  *json,
             const char  *where,
             GError     **error)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);
  g_autoptr(GList) keys = json_object_get_members (json);
  gint64 created = 0, modified = 0;

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (json, key);
      g_autofree char *field = g_strdelimit (g_strdup (key), "_", '-');
      g_autofree char *here = g_strdup_printf ("%s.%s", where, key);
      GParamSpec *pspec;
      GValue value = G_VALUE_INIT;

      if (g_str_equal (key, "id"))
        continue;

      if (g_str_equal (key, "created") || g_str_equal (key, "modified"))
        {
          gint64 *slot = key[0] == 'c' ? &created : &modified;

          if (JSON_NODE_HOLDS_NULL (node))
            continue;
          if (!node_is (node, G_TYPE_STRING) ||
              !moat_timestamp_parse (json_node_get_string (node), slot))
            return invalid (error, here, _("expected a date and time like 2026-01-31T12:00:00Z"));
          continue;
        }

      pspec = g_object_class_find_property (klass, field);
      if (pspec == NULL || pspec->owner_type != G_OBJECT_TYPE (object) ||
          strchr (key, '-') != NULL)
        return invalid (error, here, _("unknown field"));

      g_value_init (&value, pspec->value_type);
      moat_value_set_default (pspec, &value);
      if (!value_from_node (pspec, node, &value, here, error))
        {
          g_value_unset (&value);
          return FALSE;
        }
      _moat_object_load_value (object, pspec, &value);
    }

  if (created != 0 || modified != 0)
    _moat_object_set_timestamps (object, created, modified ? modified : created);

  return TRUE;
}

static const char *
object_id (JsonObject  *json,
           const char  *where,
           GError     **error)
{
  JsonNode *node = json_object_get_member (json, "id");

  if (node == NULL || !node_is (node, G_TYPE_STRING) ||
      json_node_get_string (node)[0] == '\0')
    {
      invalid (error, where, _("every object needs a non-empty string “id”"));
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
read_list (MoatModel   *model,
           JsonObject  *root,
           GType        type,
           GError     **error)
{
  const char *plural = moat_object_class_get_plural_name (moat_object_class_for_type (type));
  JsonNode *node = json_object_get_member (root, plural);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, plural, _("expected a list of objects"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", plural, i);
      g_autoptr(MoatObject) object = NULL;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return invalid (error, where, _("expected an object"));
      if (!(id = object_id (json_node_get_object (item), where, error)))
        return FALSE;
      if (moat_model_lookup (model, id) != NULL)
        return invalid (error, where, _("the id “%s” is used twice"), id);

      object = g_object_new (type, "id", id, NULL);
      if (!fill_object (object, json_node_get_object (item), where, error))
        return FALSE;
      _moat_model_insert_loaded (model, object);
    }

  return TRUE;
}

typedef struct
{
  MoatModel  *model;
  GError    **error;
} RefCheck;

static gboolean
check_one_reference (MoatObject          *object,
                     const MoatReference *ref,
                     const char          *id,
                     gpointer             user_data)
{
  RefCheck *check = user_data;
  MoatObjectClass *target = moat_object_class_for_type (ref->target_type);

  if (moat_model_lookup_typed (check->model, id, ref->target_type) != NULL)
    return TRUE;

  return invalid (check->error, moat_object_get_id (object),
                  _("“%s” names %s “%s”, which is not in the file"),
                  ref->field, moat_object_class_get_kind_name (target), id);
}

/* Every id a field names must be an object of the right type: a file that
 * says otherwise is refused rather than half-loaded. */
static gboolean
check_references (MoatModel  *model,
                  GError    **error)
{
  RefCheck check = { model, error };

  return moat_model_foreach_reference (model, check_one_reference, &check);
}

static gboolean
check_elements (MoatModel  *model,
                GError    **error)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);
      const char *id = moat_object_get_id (MOAT_OBJECT (element));

      if (moat_element_get_diagram_id (element) == NULL)
        return invalid (error, id, _("the element is on no diagram"));
      if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW &&
          (moat_element_get_source_id (element) == NULL ||
           moat_element_get_target_id (element) == NULL))
        return invalid (error, id, _("a data flow needs a source and a target"));
    }

  return TRUE;
}

/**
 * moat_json_read:
 *
 * Reads a model from Moat's native JSON. Anything that is not a valid
 * model (a wrong type, an unknown field, a duplicated or dangling id) is
 * refused with an error that says where.
 *
 * Returns: (transfer full): a new model
 */
/**
 * moat_json_parse_untrusted:
 *
 * Parses JSON that came from elsewhere: checks that it is UTF-8 and not
 * nested absurdly deep before handing it to the parser, and that no
 * object names a member twice.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
moat_json_parse_untrusted (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_auto(MoatJsonScan) scan = { 0, };
  JsonNode *root;

  if (length < 0)
    length = strlen (data);
  if (!g_utf8_validate_len (data, length, NULL))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("The file is not valid UTF-8 text")), NULL;

  moat_json_scan (data, length, MOAT_JSON_MAX_DEPTH, &scan);
  if (scan.too_deep)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("The file nests lists or objects more than %d levels deep"),
                        MOAT_JSON_MAX_DEPTH), NULL;
  if (scan.containers > MOAT_JSON_MAX_CONTAINERS || scan.items > MOAT_JSON_MAX_ITEMS)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("The file holds more than %d objects and values, too many to import"),
                        scan.containers > MOAT_JSON_MAX_CONTAINERS
                        ? MOAT_JSON_MAX_CONTAINERS : MOAT_JSON_MAX_ITEMS), NULL;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("The file is not valid JSON: %s"), local_error->message), NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                        _("The file is empty")), NULL;
  if (scan.duplicate != NULL)
    /* Translators: %s is where in the file, like threats[3].title */
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("%s: the key appears twice in one object"), scan.duplicate), NULL;

  return json_node_copy (root);
}

static gboolean
is_list_name (const char *name)
{
  const GType *types;
  guint n_types;

  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    if (g_str_equal (name, moat_object_class_get_plural_name (moat_object_class_for_type (types[i]))))
      return TRUE;
  return FALSE;
}

/* A key Moat does not know is most often a typo ("threat" for
 * "threats") that would silently drop a whole list. */
static gboolean
check_top_level_keys (JsonObject  *root,
                      GError     **error)
{
  static const char * const header[] = { "format", "format_version", "model", NULL };
  g_autoptr(GList) names = json_object_get_members (root);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (header, l->data) && !is_list_name (l->data))
      return invalid (error, l->data, _("Moat has no such list"));
  return TRUE;
}

MoatModel *
moat_json_read (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonNode) parsed = moat_json_parse_untrusted (data, length, error);

  return parsed ? moat_json_read_node (parsed, error) : NULL;
}

/**
 * moat_json_read_node:
 * @node: Moat JSON as moat_json_parse_untrusted() gave it
 *
 * moat_json_read() on text already parsed, so that an import that had to
 * parse a file to tell its format does not parse it twice.
 */
MoatModel *
moat_json_read_node (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(MoatModel) model = NULL;
  JsonObject *root, *model_json;
  const GType *types;
  guint n_types;
  const char *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                        _("The file is not a Moat model")), NULL;
  root = json_node_get_object (node);

  node = json_object_get_member (root, "format");
  if (node == NULL || !node_is (node, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (node), "moat") != 0)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                        _("The file is JSON, but not a Moat model")), NULL;

  node = json_object_get_member (root, "format_version");
  if (node == NULL || !node_is (node, G_TYPE_INT64) || json_node_get_int (node) < 1)
    return invalid (error, "format_version", _("expected a whole number")), NULL;
  if (json_node_get_int (node) > MOAT_JSON_FORMAT_VERSION)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NEWER_VERSION,
                        _("The file was written by a newer version of Moat"
                          " (format %u); update Moat to read it"),
                        (guint) MIN (json_node_get_int (node), G_MAXUINT)), NULL;

  if (!check_top_level_keys (root, error))
    return NULL;

  node = json_object_get_member (root, "model");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "model", _("expected an object")), NULL;
  model_json = json_node_get_object (node);
  if (!(id = object_id (model_json, "model", error)))
    return NULL;

  model = g_object_new (MOAT_TYPE_MODEL, "id", id, NULL);
  if (!fill_object (MOAT_OBJECT (model), model_json, "model", error))
    return NULL;

  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    if (!read_list (model, root, types[i], error))
      return NULL;

  if (!check_references (model, error) || !check_elements (model, error) ||
      !moat_limits_check_model (model, error))
    return NULL;

  return g_steal_pointer (&model);
}

MoatModel *
moat_json_read_file (GFile   *file,
                     GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gsize length;
  MoatModel *model;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      int code = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
        ? MOAT_ERROR_NOT_FOUND : MOAT_ERROR_PERMISSION;
      g_set_error (error, MOAT_ERROR, code, _("Could not read “%s”: %s"), name,
                   local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_A_FILE,
                        _("“%s” is not a regular file"), name), NULL;
  if (g_file_info_get_size (info) > MAX_FILE_SIZE)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("“%s” is too large to be a Moat model"), name), NULL;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_PERMISSION, _("Could not read “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }

  model = moat_json_read (data, length, &local_error);
  if (model == NULL)
    {
      g_set_error (error, MOAT_ERROR, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  return model;
}

/**
 * moat_json_value_to_text:
 *
 * Returns: (transfer full): one field's value as compact Moat JSON, as
 *   a conflict keeps it
 */
char *
moat_json_value_to_text (GParamSpec   *pspec,
                         const GValue *value)
{
  g_autoptr(JsonNode) node = value_to_node (pspec, value);

  return json_to_string (node, FALSE);
}

/**
 * moat_json_value_from_text:
 * @value: initialized to the field's type
 *
 * Reads what moat_json_value_to_text() wrote, checked as a file's
 * value would be.
 */
gboolean
moat_json_value_from_text (GParamSpec  *pspec,
                           const char  *text,
                           GValue      *value,
                           GError     **error)
{
  g_autoptr(JsonNode) node = moat_json_parse_untrusted (text, -1, error);

  if (node == NULL)
    return FALSE;
  moat_value_set_default (pspec, value);
  return value_from_node (pspec, node, value, pspec->name, error);
}
