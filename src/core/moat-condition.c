/* moat-condition.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-asset.h"
#include "moat-boundary-line.h"
#include "moat-condition.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-geometry.h"

typedef enum {
  COND_ALL,
  COND_ANY,
  COND_NOT,
  COND_PROPERTY,
  COND_KIND,
  COND_CROSSES_BOUNDARY,
  COND_SOURCE,
  COND_TARGET,
  COND_INCOMING,
  COND_OUTGOING,
  COND_FLOWS,
  COND_ASSET_CLASSIFICATION,
  COND_ASSET_IMPACT,
} CondType;

typedef enum {
  OP_EQ,
  OP_NEQ,
  OP_IN,
  OP_AT_LEAST,
  OP_AT_MOST,
  OP_CONTAINS,
  OP_MATCHES,
  OP_EMPTY,
} Op;

static const char * const op_names[] = {
  "eq", "neq", "in", "at_least", "at_most", "contains", "matches", "empty", NULL
};

struct _MoatCondition
{
  CondType    type;
  Op          op;
  GParamSpec *pspec;     /* the element property a COND_PROPERTY tests */
  GPtrArray  *children;  /* of MoatCondition: combinators and steps */
  gboolean    flag;      /* booleans, "empty", "crosses_boundary" */
  int         number;    /* numbers, and enumeration values */
  GArray     *numbers;   /* enumeration values for "in" */
  GStrv       strings;   /* texts for eq/neq/in/contains */
  GRegex     *regex;
  guint       kinds;     /* a bit per MoatElementKind */
};

void
moat_condition_free (MoatCondition *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->numbers, g_array_unref);
  g_clear_pointer (&self->strings, g_strfreev);
  g_clear_pointer (&self->regex, g_regex_unref);
  g_free (self);
}

static MoatCondition *
condition_new (CondType type)
{
  MoatCondition *self = g_new0 (MoatCondition, 1);

  self->type = type;
  return self;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

static gpointer
fail (GError     **error,
      const char  *path,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

/* Every message starts with where in the rule it is: "when.all[1]". */
static gpointer
fail (GError     **error,
      const char  *path,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  moat_error_set_invalid_valist (error, path, format, args);
  va_end (args);
  return NULL;
}

static const char *
json_type_name (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("nothing");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_STRING:
      return _("text");
    default:
      return _("a number");
    }
}

static gboolean
holds (JsonNode *node,
       GType     type)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (type == G_TYPE_DOUBLE)
    return json_node_get_value_type (node) == G_TYPE_INT64 ||
           json_node_get_value_type (node) == G_TYPE_DOUBLE;

  return json_node_get_value_type (node) == type;
}

static gboolean
holds_text (JsonNode *node)
{
  return holds (node, G_TYPE_STRING) && *json_node_get_string (node) != '\0';
}

static GParamSpec *
element_property (const char *name)
{
  static gsize klass;
  GParamSpec *pspec;

  if (g_once_init_enter (&klass))
    g_once_init_leave (&klass, (gsize)g_type_class_ref (MOAT_TYPE_ELEMENT));

  pspec = g_object_class_find_property ((GObjectClass *)klass, name);
  if (pspec == NULL || pspec->owner_type == MOAT_TYPE_OBJECT)
    return NULL;

  return pspec;
}

static gboolean
parse_boolean (JsonNode    *node,
               const char  *path,
               gboolean    *value,
               GError     **error)
{
  if (!holds (node, G_TYPE_BOOLEAN))
    return fail (error, path, _("expected true or false, found %s"), json_type_name (node)), FALSE;

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* One text, or a list of them; empty ones are refused. */
static GStrv
parse_strings (JsonNode    *node,
               const char  *path,
               gboolean     single,
               gboolean     list,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (single && holds_text (node))
    {
      g_strv_builder_add (builder, json_node_get_string (node));
      return g_strv_builder_end (builder);
    }

  if (!list || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, path,
                 list ? (single ? _("expected text or a list of texts, found %s")
                                : _("expected a list of texts, found %s"))
                      : _("expected text that is not empty, found %s"),
                 json_type_name (node));

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return fail (error, path, _("the list is empty"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!holds_text (item))
        return fail (error, path, _("item %u of the list is not text"), i + 1);
      g_strv_builder_add (builder, json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

static gboolean
parse_enum_nick (GType        type,
                 const char  *nick,
                 const char  *path,
                 int         *value,
                 GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autofree char *lower = g_ascii_strdown (nick, -1);
  GEnumValue *ev = g_enum_get_value_by_nick (klass, lower);
  g_autoptr(GString) known = NULL;

  if (ev != NULL)
    {
      *value = ev->value;
      return TRUE;
    }

  known = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (known, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);

  return fail (error, path, _("“%s” is not one of %s"), nick, known->str), FALSE;
}

static const char *
type_description (GType type)
{
  if (type == G_TYPE_BOOLEAN)
    return _("yes/no");
  if (type == G_TYPE_STRING)
    return _("text");
  if (type == G_TYPE_STRV)
    return _("list");
  if (G_TYPE_IS_ENUM (type))
    return _("choice");
  if (type == G_TYPE_INT || type == G_TYPE_DOUBLE)
    return _("number");

  return _("other");
}

static gboolean
op_fits (Op    op,
         GType type)
{
  if (type == G_TYPE_BOOLEAN)
    return op == OP_EQ || op == OP_NEQ;
  if (type == G_TYPE_STRING)
    return op == OP_EQ || op == OP_NEQ || op == OP_IN || op == OP_CONTAINS ||
           op == OP_MATCHES || op == OP_EMPTY;
  if (type == G_TYPE_STRV)
    return op == OP_CONTAINS || op == OP_EMPTY;
  if (G_TYPE_IS_ENUM (type))
    return op == OP_EQ || op == OP_NEQ || op == OP_IN || op == OP_AT_LEAST || op == OP_AT_MOST;
  if (type == G_TYPE_INT || type == G_TYPE_DOUBLE)
    return op == OP_EQ || op == OP_NEQ || op == OP_AT_LEAST || op == OP_AT_MOST;

  return FALSE;
}

static gboolean
parse_enum_operand (MoatCondition  *self,
                    GType           type,
                    JsonNode       *value,
                    const char     *path,
                    GError        **error)
{
  int v;

  if (self->op != OP_IN)
    {
      if (!holds_text (value))
        return fail (error, path, _("expected a choice as text, found %s"), json_type_name (value)), FALSE;
      return parse_enum_nick (type, json_node_get_string (value), path, &self->number, error);
    }

  self->strings = parse_strings (value, path, FALSE, TRUE, error);
  if (self->strings == NULL)
    return FALSE;
  self->numbers = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; self->strings[i] != NULL; i++)
    {
      if (!parse_enum_nick (type, self->strings[i], path, &v, error))
        return FALSE;
      g_array_append_val (self->numbers, v);
    }

  return TRUE;
}

/* The value side of a comparison, checked against what @type holds. */
static gboolean
parse_operand (MoatCondition  *self,
               GType           type,
               JsonNode       *value,
               const char     *path,
               GError        **error)
{
  if (self->op == OP_EMPTY || type == G_TYPE_BOOLEAN)
    return parse_boolean (value, path, &self->flag, error);

  if (self->op == OP_MATCHES)
    {
      g_autoptr(GError) regex_error = NULL;

      if (!holds_text (value))
        return fail (error, path, _("expected a regular expression, found %s"), json_type_name (value)), FALSE;
      /* Protocols and technologies are written every which way. */
      self->regex = g_regex_new (json_node_get_string (value), G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                                 0, &regex_error);
      if (self->regex == NULL)
        return fail (error, path, _("the regular expression does not compile: %s"),
                     regex_error->message), FALSE;
      return TRUE;
    }

  if (type == G_TYPE_INT || type == G_TYPE_DOUBLE)
    {
      if (!holds (value, G_TYPE_DOUBLE))
        return fail (error, path, _("expected a number, found %s"), json_type_name (value)), FALSE;
      self->number = (int)json_node_get_double (value);
      return TRUE;
    }

  if (G_TYPE_IS_ENUM (type))
    return parse_enum_operand (self, type, value, path, error);

  self->strings = parse_strings (value, path,
                                 self->op != OP_IN,
                                 self->op == OP_IN || type == G_TYPE_STRV,
                                 error);
  return self->strings != NULL;
}

static gboolean
parse_op (MoatCondition  *self,
          const char     *name,
          const char     *path,
          GError        **error)
{
  for (guint i = 0; op_names[i] != NULL; i++)
    if (g_str_equal (name, op_names[i]))
      {
        self->op = i;
        return TRUE;
      }

  return fail (error, path, _("unknown operator “%s” (eq, neq, in, at_least, at_most, contains, matches or empty)"),
               name), FALSE;
}

static gboolean
parse_comparison (MoatCondition  *self,
                  GType           type,
                  const char     *op_name,
                  JsonNode       *value,
                  const char     *path,
                  GError        **error)
{
  if (!parse_op (self, op_name, path, error))
    return FALSE;
  if (!op_fits (self->op, type))
    return fail (error, path, _("operator “%s” does not apply to a %s"),
                 op_name, type_description (type)), FALSE;

  return parse_operand (self, type, value, path, error);
}

/* {"property": NAME, OP: VALUE} */
static MoatCondition *
parse_property (JsonObject  *object,
                const char  *path,
                GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (COND_PROPERTY);
  g_autoptr(GList) members = json_object_get_members (object);
  JsonNode *name_node = json_object_get_member (object, "property");
  const char *op_name = NULL;

  if (!holds_text (name_node))
    return fail (error, path, _("“property” must name an element property"));
  if (json_object_get_size (object) != 2)
    return fail (error, path, _("a property test has “property” and exactly one operator"));
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "property"))
      op_name = l->data;

  self->pspec = element_property (json_node_get_string (name_node));
  if (self->pspec == NULL)
    return fail (error, path, _("unknown property “%s”"), json_node_get_string (name_node));
  if (!parse_comparison (self, self->pspec->value_type, op_name,
                         json_object_get_member (object, op_name), path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* {"true": NAME} and {"false": NAME}: the short way to test a yes/no. */
static MoatCondition *
parse_truth (gboolean     truth,
             JsonNode    *value,
             const char  *path,
             GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (COND_PROPERTY);

  if (!holds_text (value))
    return fail (error, path, _("expected the name of a yes/no property, found %s"), json_type_name (value));
  self->pspec = element_property (json_node_get_string (value));
  if (self->pspec == NULL)
    return fail (error, path, _("unknown property “%s”"), json_node_get_string (value));
  if (self->pspec->value_type != G_TYPE_BOOLEAN)
    return fail (error, path, _("“%s” is a %s, not a yes/no property"),
                 self->pspec->name, type_description (self->pspec->value_type));

  self->op = OP_EQ;
  self->flag = truth;
  return g_steal_pointer (&self);
}

/* {"classification_at_least": LEVEL}: the element's own data. */
static MoatCondition *
parse_classification (JsonNode    *value,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (COND_PROPERTY);

  self->pspec = element_property ("data-classification");
  self->op = OP_AT_LEAST;
  if (!parse_enum_operand (self, MOAT_TYPE_CLASSIFICATION, value, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* {"asset_classification": {OP: VALUE}} and {"asset_impact": {OP: VALUE}} */
static MoatCondition *
parse_asset_test (CondType     type,
                  JsonNode    *node,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (type);
  GType operand = type == COND_ASSET_CLASSIFICATION ? MOAT_TYPE_CLASSIFICATION : G_TYPE_INT;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      json_object_get_size (object = json_node_get_object (node)) != 1)
    return fail (error, path, _("expected an object with one operator, found %s"), json_type_name (node));

  members = json_object_get_members (object);
  if (!parse_comparison (self, operand, members->data,
                         json_object_get_member (object, members->data), path, error))
    return NULL;

  return g_steal_pointer (&self);
}

static MoatCondition *
parse_kinds (JsonNode    *node,
             const char  *path,
             GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (COND_KIND);
  g_auto(GStrv) names = parse_strings (node, path, TRUE, TRUE, error);

  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      int kind;

      if (!parse_enum_nick (MOAT_TYPE_ELEMENT_KIND, names[i], path, &kind, error))
        return NULL;
      self->kinds |= 1u << kind;
    }

  return g_steal_pointer (&self);
}

static MoatCondition *
parse_list (CondType     type,
            JsonNode    *node,
            const char  *path,
            GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (type);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, path, _("expected a list of conditions, found %s"), json_type_name (node));

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return fail (error, path, _("the list is empty"));

  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_condition_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *child_path = g_strdup_printf ("%s[%u]", path, i);
      MoatCondition *child = moat_condition_parse (json_array_get_element (array, i), child_path, error);

      if (child == NULL)
        return NULL;
      g_ptr_array_add (self->children, child);
    }

  return g_steal_pointer (&self);
}

static MoatCondition *
parse_one (CondType     type,
           JsonNode    *node,
           const char  *path,
           GError     **error)
{
  g_autoptr(MoatCondition) self = condition_new (type);
  MoatCondition *child = moat_condition_parse (node, path, error);

  if (child == NULL)
    return NULL;
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_condition_free);
  g_ptr_array_add (self->children, child);

  return g_steal_pointer (&self);
}

static const struct
{
  const char *key;
  CondType    type;
} single_key_forms[] = {
  { "all", COND_ALL },
  { "any", COND_ANY },
  { "not", COND_NOT },
  { "kind", COND_KIND },
  { "crosses_boundary", COND_CROSSES_BOUNDARY },
  { "source", COND_SOURCE },
  { "target", COND_TARGET },
  { "incoming", COND_INCOMING },
  { "outgoing", COND_OUTGOING },
  { "flows", COND_FLOWS },
  { "asset_classification", COND_ASSET_CLASSIFICATION },
  { "asset_impact", COND_ASSET_IMPACT },
};

static MoatCondition *
parse_single_key (const char  *key,
                  JsonNode    *value,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *child_path = g_strdup_printf ("%s.%s", path, key);

  if (g_str_equal (key, "true") || g_str_equal (key, "false"))
    return parse_truth (g_str_equal (key, "true"), value, child_path, error);
  if (g_str_equal (key, "classification_at_least"))
    return parse_classification (value, child_path, error);

  for (guint i = 0; i < G_N_ELEMENTS (single_key_forms); i++)
    {
      CondType type = single_key_forms[i].type;
      MoatCondition *self;

      if (!g_str_equal (key, single_key_forms[i].key))
        continue;

      switch (type)
        {
        case COND_ALL:
        case COND_ANY:
          return parse_list (type, value, child_path, error);
        case COND_KIND:
          return parse_kinds (value, child_path, error);
        case COND_CROSSES_BOUNDARY:
          self = condition_new (type);
          if (!parse_boolean (value, child_path, &self->flag, error))
            g_clear_pointer (&self, moat_condition_free);
          return self;
        case COND_ASSET_CLASSIFICATION:
        case COND_ASSET_IMPACT:
          return parse_asset_test (type, value, child_path, error);
        case COND_NOT:
        case COND_SOURCE:
        case COND_TARGET:
        case COND_INCOMING:
        case COND_OUTGOING:
        case COND_FLOWS:
        case COND_PROPERTY:
        default:
          return parse_one (type, value, child_path, error);
        }
    }

  return fail (error, path, _("unknown condition “%s”"), key);
}

/**
 * moat_condition_parse:
 * @node: the JSON of a condition
 * @path: where @node is, for messages ("when")
 *
 * Returns: (transfer full): the compiled condition, or %NULL with @error
 *   set to a message that starts with where in @node the problem is
 */
MoatCondition *
moat_condition_parse (JsonNode    *node,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, path, _("expected a condition (an object), found %s"), json_type_name (node));

  object = json_node_get_object (node);
  if (json_object_has_member (object, "property"))
    return parse_property (object, path, error);
  if (json_object_get_size (object) != 1)
    return fail (error, path, _("a condition has exactly one key, or “property” and an operator"));

  members = json_object_get_members (object);
  return parse_single_key (members->data, json_object_get_member (object, members->data),
                           path, error);
}

guint
moat_condition_get_reach (const MoatCondition *self)
{
  guint reach = 0;

  for (guint i = 0; self->children != NULL && i < self->children->len; i++)
    reach = MAX (reach, moat_condition_get_reach (g_ptr_array_index (self->children, i)));

  switch (self->type)
    {
    case COND_SOURCE:
    case COND_TARGET:
    case COND_INCOMING:
    case COND_OUTGOING:
    case COND_FLOWS:
      return reach + 1;
    case COND_ALL:
    case COND_ANY:
    case COND_NOT:
    case COND_PROPERTY:
    case COND_KIND:
    case COND_CROSSES_BOUNDARY:
    case COND_ASSET_CLASSIFICATION:
    case COND_ASSET_IMPACT:
    default:
      return reach;
    }
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

static gboolean
contains_nocase (const char *haystack,
                 const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
strings_have (const char * const *strings,
              const char         *text)
{
  for (guint i = 0; strings[i] != NULL; i++)
    if (g_ascii_strcasecmp (strings[i], text) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
compare_number (const MoatCondition *self,
                int                  value)
{
  switch (self->op)
    {
    case OP_EQ:
      return value == self->number;
    case OP_NEQ:
      return value != self->number;
    case OP_AT_LEAST:
      return value >= self->number;
    case OP_AT_MOST:
      return value <= self->number;
    case OP_IN:
      for (guint i = 0; i < self->numbers->len; i++)
        if (value == g_array_index (self->numbers, int, i))
          return TRUE;
      return FALSE;
    case OP_CONTAINS:
    case OP_MATCHES:
    case OP_EMPTY:
    default:
      return FALSE;
    }
}

/* Texts compare without regard to ASCII case: "HTTPS" is "https". */
static gboolean
test_string (const MoatCondition *self,
             const char          *text)
{
  if (text == NULL)
    text = "";

  switch (self->op)
    {
    case OP_EQ:
      return g_ascii_strcasecmp (text, self->strings[0]) == 0;
    case OP_NEQ:
      return g_ascii_strcasecmp (text, self->strings[0]) != 0;
    case OP_IN:
      return strings_have ((const char * const *)self->strings, text);
    case OP_CONTAINS:
      return contains_nocase (text, self->strings[0]);
    case OP_MATCHES:
      return g_regex_match (self->regex, text, 0, NULL);
    case OP_EMPTY:
      return (*text == '\0') == self->flag;
    case OP_AT_LEAST:
    case OP_AT_MOST:
    default:
      return FALSE;
    }
}

/* A list "contains" when any of its items is any of the given texts. */
static gboolean
test_strv (const MoatCondition *self,
           const char * const  *strv)
{
  gboolean empty = strv == NULL || strv[0] == NULL;

  if (self->op == OP_EMPTY)
    return empty == self->flag;

  for (guint i = 0; !empty && strv[i] != NULL; i++)
    if (strings_have ((const char * const *)self->strings, strv[i]))
      return TRUE;

  return FALSE;
}

static gboolean
test_property (const MoatCondition *self,
               MoatElement         *element)
{
  const GValue *value = moat_object_peek_value (MOAT_OBJECT (element), self->pspec);
  GType type = self->pspec->value_type;

  if (type == G_TYPE_BOOLEAN)
    return (g_value_get_boolean (value) == self->flag) == (self->op == OP_EQ);
  if (type == G_TYPE_STRING)
    return test_string (self, g_value_get_string (value));
  if (type == G_TYPE_STRV)
    return test_strv (self, g_value_get_boxed (value));
  if (G_TYPE_IS_ENUM (type))
    return compare_number (self, g_value_get_enum (value));
  if (type == G_TYPE_INT)
    return compare_number (self, g_value_get_int (value));
  if (type == G_TYPE_DOUBLE)
    return compare_number (self, (int)g_value_get_double (value));

  return FALSE;
}

/* The highest classification, or business impact, of the assets linked
 * to @element; an element with no linked asset passes no asset test. */
static gboolean
test_assets (const MoatCondition *self,
             MoatRuleContext     *context,
             MoatElement         *element)
{
  const char * const *ids = moat_element_get_asset_ids (element);
  MoatModel *model = moat_rule_context_get_model (context);
  int best = -1;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatAsset *asset = moat_model_lookup_typed (model, ids[i], MOAT_TYPE_ASSET);

      if (asset == NULL)
        continue;
      if (self->type == COND_ASSET_CLASSIFICATION)
        best = MAX (best, (int)moat_asset_get_classification (asset));
      else
        best = MAX (best, MAX (moat_asset_get_impact_confidentiality (asset),
                               MAX (moat_asset_get_impact_integrity (asset),
                                    moat_asset_get_impact_availability (asset))));
    }

  return best >= 0 && compare_number (self, best);
}

static MoatElement *
endpoint (MoatRuleContext *context,
          MoatElement     *flow,
          gboolean         source)
{
  const char *id;

  if (moat_element_get_kind (flow) != MOAT_ELEMENT_FLOW)
    return NULL;
  id = source ? moat_element_get_source_id (flow) : moat_element_get_target_id (flow);

  return moat_model_lookup_typed (moat_rule_context_get_model (context), id, MOAT_TYPE_ELEMENT);
}

/* A flow comes in to @node if it ends there, or if it runs both ways and
 * starts there; it goes out in the mirror cases. */
static gboolean
flow_has_direction (MoatElement *flow,
                    const char  *node_id,
                    gboolean     incoming)
{
  const char *near = incoming ? moat_element_get_target_id (flow) : moat_element_get_source_id (flow);
  const char *far = incoming ? moat_element_get_source_id (flow) : moat_element_get_target_id (flow);

  return g_strcmp0 (near, node_id) == 0 ||
         (moat_element_get_bidirectional (flow) && g_strcmp0 (far, node_id) == 0);
}

static gboolean
test_flows (const MoatCondition *self,
            MoatRuleContext     *context,
            MoatElement         *node)
{
  const char *id = moat_object_get_id (MOAT_OBJECT (node));
  const MoatCondition *child = g_ptr_array_index (self->children, 0);
  GPtrArray *flows;

  if (moat_element_get_kind (node) == MOAT_ELEMENT_FLOW)
    return FALSE;

  flows = moat_rule_context_get_flows (context, id);
  for (guint i = 0; flows != NULL && i < flows->len; i++)
    {
      MoatElement *flow = g_ptr_array_index (flows, i);

      if (self->type == COND_INCOMING && !flow_has_direction (flow, id, TRUE))
        continue;
      if (self->type == COND_OUTGOING && !flow_has_direction (flow, id, FALSE))
        continue;
      if (moat_condition_evaluate (child, context, flow))
        return TRUE;
    }

  return FALSE;
}

gboolean
moat_condition_evaluate (const MoatCondition *self,
                         MoatRuleContext     *context,
                         MoatElement         *element)
{
  MoatElement *other;

  switch (self->type)
    {
    case COND_ALL:
      for (guint i = 0; i < self->children->len; i++)
        if (!moat_condition_evaluate (g_ptr_array_index (self->children, i), context, element))
          return FALSE;
      return TRUE;

    case COND_ANY:
      for (guint i = 0; i < self->children->len; i++)
        if (moat_condition_evaluate (g_ptr_array_index (self->children, i), context, element))
          return TRUE;
      return FALSE;

    case COND_NOT:
      return !moat_condition_evaluate (g_ptr_array_index (self->children, 0), context, element);

    case COND_PROPERTY:
      return test_property (self, element);

    case COND_KIND:
      return (self->kinds & (1u << moat_element_get_kind (element))) != 0;

    case COND_CROSSES_BOUNDARY:
      return (moat_rule_context_get_crossings (context, element) > 0) == self->flag;

    case COND_SOURCE:
    case COND_TARGET:
      other = endpoint (context, element, self->type == COND_SOURCE);
      return other != NULL &&
             moat_condition_evaluate (g_ptr_array_index (self->children, 0), context, other);

    case COND_INCOMING:
    case COND_OUTGOING:
    case COND_FLOWS:
      return test_flows (self, context, element);

    case COND_ASSET_CLASSIFICATION:
    case COND_ASSET_IMPACT:
      return test_assets (self, context, element);

    default:
      g_return_val_if_reached (FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* The context                                                         */

/* What the context last saw of one element, so that an update can tell
 * what moved. */
typedef struct
{
  MoatElement     *element;
  MoatElementKind  kind;
  char            *diagram_id;
  MoatRect         rect;
  char            *source_id;
  char            *target_id;
  GVariant        *points;    /* boundaries: a line's points */
  guint            crossings;
} ElementState;

struct _MoatRuleContext
{
  MoatModel  *model;
  GHashTable *states;         /* element id -> ElementState */
  GHashTable *flows_by_node;  /* node id -> GPtrArray of flows */
  GHashTable *boundaries;     /* diagram id -> GPtrArray of boundaries */
  GHashTable *diagram_flows;  /* diagram id -> GPtrArray of flows */
  GHashTable *dirty_diagrams; /* diagram ids whose boundaries moved */
};

static void
element_state_free (ElementState *state)
{
  g_object_unref (state->element);
  g_free (state->diagram_id);
  g_free (state->source_id);
  g_free (state->target_id);
  g_clear_pointer (&state->points, g_variant_unref);
  g_free (state);
}

static ElementState *
element_state_new (MoatElement *element)
{
  ElementState *state = g_new0 (ElementState, 1);

  state->element = g_object_ref (element);
  state->kind = moat_element_get_kind (element);
  state->diagram_id = g_strdup (moat_element_get_diagram_id (element));
  moat_geometry_element_rect (element, &state->rect);
  if (state->kind == MOAT_ELEMENT_FLOW)
    {
      state->source_id = g_strdup (moat_element_get_source_id (element));
      state->target_id = g_strdup (moat_element_get_target_id (element));
    }
  else if (state->kind == MOAT_ELEMENT_BOUNDARY && moat_element_get_points (element) != NULL)
    state->points = g_variant_ref (moat_element_get_points (element));

  return state;
}

static void
list_add (GHashTable  *table,
          const char  *key,
          MoatElement *element)
{
  GPtrArray *list;

  if (key == NULL)
    return;
  list = g_hash_table_lookup (table, key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (table, g_strdup (key), list);
    }
  g_ptr_array_add (list, element);
}

static void
list_remove (GHashTable  *table,
             const char  *key,
             MoatElement *element)
{
  GPtrArray *list;

  if (key == NULL || (list = g_hash_table_lookup (table, key)) == NULL)
    return;
  g_ptr_array_remove (list, element);
  if (list->len == 0)
    g_hash_table_remove (table, key);
}

static void
index_state (MoatRuleContext *self,
             ElementState    *state)
{
  if (state->kind == MOAT_ELEMENT_FLOW)
    {
      list_add (self->flows_by_node, state->source_id, state->element);
      if (g_strcmp0 (state->source_id, state->target_id) != 0)
        list_add (self->flows_by_node, state->target_id, state->element);
      list_add (self->diagram_flows, state->diagram_id, state->element);
    }
  else if (state->kind == MOAT_ELEMENT_BOUNDARY)
    list_add (self->boundaries, state->diagram_id, state->element);
}

static void
unindex_state (MoatRuleContext *self,
               ElementState    *state)
{
  if (state->kind == MOAT_ELEMENT_FLOW)
    {
      list_remove (self->flows_by_node, state->source_id, state->element);
      list_remove (self->flows_by_node, state->target_id, state->element);
      list_remove (self->diagram_flows, state->diagram_id, state->element);
    }
  else if (state->kind == MOAT_ELEMENT_BOUNDARY)
    list_remove (self->boundaries, state->diagram_id, state->element);
}

static gboolean
node_centre (ElementState *state,
             MoatPoint    *centre)
{
  MoatElementKind kind = moat_element_get_kind (state->element);
  MoatRect rect;

  if (kind == MOAT_ELEMENT_FLOW || kind == MOAT_ELEMENT_BOUNDARY)
    return FALSE;
  moat_geometry_element_rect (state->element, &rect);
  *centre = (MoatPoint) { rect.x + rect.width / 2, rect.y + rect.height / 2 };
  return TRUE;
}

/* Whether exactly one end of a flow is inside @region. Ends that are
 * nodes (all of them, in practice) are placed once per flow rather
 * than once per boundary: every flow against every boundary is the
 * bulk of a large model's first evaluation. */
static gboolean
ends_apart (ElementState    *source,
            ElementState    *target,
            const MoatPoint  ends[2],
            gboolean         placed,
            MoatElement     *region)
{
  MoatRect rect;

  if (!placed)
    return moat_geometry_element_inside (source->element, region) !=
           moat_geometry_element_inside (target->element, region);
  moat_geometry_element_rect (region, &rect);
  return moat_geometry_region_contains (&rect, &ends[0]) != moat_geometry_region_contains (&rect, &ends[1]);
}

/* A flow crosses a region when exactly one of its ends is inside it, and
 * a line when its path goes from one side to the other. */
static guint
count_crossings (MoatRuleContext *self,
                 ElementState    *flow)
{
  ElementState *source = g_hash_table_lookup (self->states, flow->source_id ? flow->source_id : "");
  ElementState *target = g_hash_table_lookup (self->states, flow->target_id ? flow->target_id : "");
  GPtrArray *boundaries = g_hash_table_lookup (self->boundaries, flow->diagram_id ? flow->diagram_id : "");
  MoatPoint ends[2];
  gboolean placed;
  guint n = 0;

  if (source == NULL || target == NULL || boundaries == NULL)
    return 0;

  placed = node_centre (source, &ends[0]) && node_centre (target, &ends[1]);
  for (guint i = 0; i < boundaries->len; i++)
    {
      MoatElement *boundary = g_ptr_array_index (boundaries, i);

      if (moat_boundary_line_is_line (boundary))
        n += moat_geometry_flow_crosses (self->model, flow->element, boundary);
      else
        n += ends_apart (source, target, ends, placed, boundary);
    }

  return n;
}

static void
add_seed (GHashTable *seeds,
          const char *id,
          guint       distance)
{
  gpointer old;

  if (seeds == NULL || id == NULL)
    return;
  if (g_hash_table_lookup_extended (seeds, id, NULL, &old) && GPOINTER_TO_UINT (old) <= distance)
    return;
  g_hash_table_insert (seeds, g_strdup (id), GUINT_TO_POINTER (distance));
}

/* Recounts @flow's crossings; a flow whose count changed is a seed. */
static void
recount (MoatRuleContext *self,
         ElementState    *flow,
         GHashTable      *seeds)
{
  guint crossings = count_crossings (self, flow);

  if (crossings != flow->crossings)
    add_seed (seeds, moat_object_get_id (MOAT_OBJECT (flow->element)), 0);
  flow->crossings = crossings;
}

static gboolean
same_rect (const MoatRect *a,
           const MoatRect *b)
{
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

/* A line bent inside its box moved as much as one moved whole. */
static gboolean
same_points (GVariant *a,
             GVariant *b)
{
  return a == b || (a != NULL && b != NULL && g_variant_equal (a, b));
}

MoatRuleContext *
moat_rule_context_new (MoatModel *model)
{
  MoatRuleContext *self = g_new0 (MoatRuleContext, 1);
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  GHashTableIter iter;
  gpointer value;

  self->model = g_object_ref (model);
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)element_state_free);
  self->flows_by_node = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_ptr_array_unref);
  self->boundaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)g_ptr_array_unref);
  self->diagram_flows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_ptr_array_unref);
  self->dirty_diagrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      ElementState *state = element_state_new (element);

      g_hash_table_insert (self->states, g_strdup (moat_object_get_id (MOAT_OBJECT (element))), state);
      index_state (self, state);
    }

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((ElementState *)value)->kind == MOAT_ELEMENT_FLOW)
      ((ElementState *)value)->crossings = count_crossings (self, value);

  return self;
}

void
moat_rule_context_free (MoatRuleContext *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->flows_by_node);
  g_hash_table_unref (self->boundaries);
  g_hash_table_unref (self->diagram_flows);
  g_hash_table_unref (self->dirty_diagrams);
  g_hash_table_unref (self->states);
  g_object_unref (self->model);
  g_free (self);
}

MoatModel *
moat_rule_context_get_model (MoatRuleContext *self)
{
  return self->model;
}

/**
 * moat_rule_context_get_flows:
 *
 * Returns: (transfer none) (nullable) (element-type MoatElement): the
 *   flows that start or end at @node_id
 */
GPtrArray *
moat_rule_context_get_flows (MoatRuleContext *self,
                             const char      *node_id)
{
  return node_id != NULL ? g_hash_table_lookup (self->flows_by_node, node_id) : NULL;
}

/* 0 for anything that is not a flow, or that the context does not know. */
guint
moat_rule_context_get_crossings (MoatRuleContext *self,
                                 MoatElement     *flow)
{
  ElementState *state = g_hash_table_lookup (self->states, moat_object_get_id (MOAT_OBJECT (flow)));

  return state != NULL && state->kind == MOAT_ELEMENT_FLOW ? state->crossings : 0;
}

static void
mark_diagram (MoatRuleContext *self,
              const char      *diagram_id)
{
  if (diagram_id != NULL)
    g_hash_table_add (self->dirty_diagrams, g_strdup (diagram_id));
}

/* A node that moved may have left or entered a boundary: recount the
 * flows at it. */
static void
node_moved (MoatRuleContext *self,
            const char      *node_id,
            GHashTable      *seeds)
{
  GPtrArray *flows = g_hash_table_lookup (self->flows_by_node, node_id);

  for (guint i = 0; flows != NULL && i < flows->len; i++)
    {
      ElementState *flow = g_hash_table_lookup (self->states,
                                                moat_object_get_id (g_ptr_array_index (flows, i)));

      if (flow != NULL)
        recount (self, flow, seeds);
    }
}

/**
 * moat_rule_context_update:
 * @element_id: an element that was added, removed or changed
 * @seeds: (element-type utf8 guint): where to add what the change touches
 *
 * Brings the context up to date for one element. Call
 * moat_rule_context_finish_update() once after a batch of these.
 */
void
moat_rule_context_update (MoatRuleContext *self,
                          const char      *element_id,
                          GHashTable      *seeds)
{
  ElementState *old = g_hash_table_lookup (self->states, element_id);
  MoatElement *element = moat_model_lookup_typed (self->model, element_id, MOAT_TYPE_ELEMENT);
  ElementState *state;
  gboolean moved;

  add_seed (seeds, element_id, 0);
  if (old != NULL)
    unindex_state (self, old);

  if (element == NULL)
    {
      if (old != NULL && old->kind == MOAT_ELEMENT_FLOW)
        {
          add_seed (seeds, old->source_id, 1);
          add_seed (seeds, old->target_id, 1);
        }
      if (old != NULL && old->kind == MOAT_ELEMENT_BOUNDARY)
        mark_diagram (self, old->diagram_id);
      g_hash_table_remove (self->states, element_id);
      return;
    }

  state = element_state_new (element);
  moved = old == NULL || old->kind != state->kind ||
          g_strcmp0 (old->diagram_id, state->diagram_id) != 0 ||
          !same_rect (&old->rect, &state->rect) ||
          (state->kind == MOAT_ELEMENT_BOUNDARY && !same_points (old->points, state->points));

  if (old != NULL && old->kind == MOAT_ELEMENT_FLOW &&
      (state->kind != MOAT_ELEMENT_FLOW ||
       g_strcmp0 (old->source_id, state->source_id) != 0 ||
       g_strcmp0 (old->target_id, state->target_id) != 0))
    {
      add_seed (seeds, old->source_id, 1);
      add_seed (seeds, old->target_id, 1);
    }
  if (moved && old != NULL && old->kind == MOAT_ELEMENT_BOUNDARY)
    mark_diagram (self, old->diagram_id);
  if (moved && state->kind == MOAT_ELEMENT_BOUNDARY)
    mark_diagram (self, state->diagram_id);

  /* Replacing the entry frees @old. */
  g_hash_table_insert (self->states, g_strdup (element_id), state);
  index_state (self, state);

  if (state->kind == MOAT_ELEMENT_FLOW)
    state->crossings = count_crossings (self, state);
  else if (moved)
    node_moved (self, element_id, seeds);
}

/**
 * moat_rule_context_finish_update:
 *
 * Recounts the crossings of the flows in every diagram where a boundary
 * was added, removed, moved or resized, and adds those whose count
 * changed to @seeds.
 */
void
moat_rule_context_finish_update (MoatRuleContext *self,
                                 GHashTable      *seeds)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->dirty_diagrams);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GPtrArray *flows = g_hash_table_lookup (self->diagram_flows, key);

      for (guint i = 0; flows != NULL && i < flows->len; i++)
        {
          ElementState *flow = g_hash_table_lookup (self->states,
                                                    moat_object_get_id (g_ptr_array_index (flows, i)));

          if (flow != NULL)
            recount (self, flow, seeds);
        }
    }

  g_hash_table_remove_all (self->dirty_diagrams);
}

static void
visit (GHashTable *reached,
       GQueue     *queue,
       const char *id,
       guint       distance)
{
  gpointer old;

  if (id == NULL)
    return;
  if (g_hash_table_lookup_extended (reached, id, NULL, &old) && GPOINTER_TO_UINT (old) <= distance)
    return;
  g_hash_table_insert (reached, g_strdup (id), GUINT_TO_POINTER (distance));
  g_queue_push_tail (queue, g_strdup (id));
}

/**
 * moat_rule_context_expand:
 * @seeds: (element-type utf8 guint): from moat_rule_context_update()
 * @reach: how far conditions look, from moat_condition_get_reach()
 *
 * Returns: (transfer full) (element-type utf8 guint): the ids of every
 *   element whose conditions may have a new outcome: each seed and what
 *   lies within @reach steps of it (node to flow, flow to its ends)
 */
GHashTable *
moat_rule_context_expand (MoatRuleContext *self,
                          GHashTable      *seeds,
                          guint            reach)
{
  GHashTable *reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GQueue) queue = g_queue_new ();
  GHashTableIter iter;
  gpointer key, value;
  char *id;

  g_hash_table_iter_init (&iter, seeds);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) == 0 || GPOINTER_TO_UINT (value) <= reach)
      visit (reached, queue, key, GPOINTER_TO_UINT (value));

  while ((id = g_queue_pop_head (queue)) != NULL)
    {
      guint distance = GPOINTER_TO_UINT (g_hash_table_lookup (reached, id));
      ElementState *state = g_hash_table_lookup (self->states, id);
      GPtrArray *flows;

      if (state != NULL && distance < reach)
        {
          if (state->kind == MOAT_ELEMENT_FLOW)
            {
              visit (reached, queue, state->source_id, distance + 1);
              visit (reached, queue, state->target_id, distance + 1);
            }
          else if ((flows = g_hash_table_lookup (self->flows_by_node, id)) != NULL)
            for (guint i = 0; i < flows->len; i++)
              visit (reached, queue, moat_object_get_id (g_ptr_array_index (flows, i)), distance + 1);
        }
      g_free (id);
    }

  return reached;
}
