/* moat-rule.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-refs.h"
#include "moat-rule.h"

struct _MoatRule
{
  GObject        parent_instance;

  char          *id;
  char          *set;
  char          *title;
  char          *description;
  char          *category;
  GStrv          suggested_controls;
  GStrv          refs;
  GStrv          requirements;
  int            likelihood;
  int            impact;
  guint          kinds;
  MoatCondition *condition;
};

G_DEFINE_FINAL_TYPE (MoatRule, moat_rule, G_TYPE_OBJECT)

static const char *placeholders[] = { "name", "kind", "source", "target" };

static const char *rule_members[] = {
  "id", "set", "title", "description", "category", "suggested_controls",
  "applies_to", "likelihood", "impact", "when", "comment", "refs", "requirements", NULL
};

static void
moat_rule_finalize (GObject *object)
{
  MoatRule *self = (MoatRule *)object;

  g_free (self->id);
  g_free (self->set);
  g_free (self->title);
  g_free (self->description);
  g_free (self->category);
  g_strfreev (self->suggested_controls);
  g_strfreev (self->refs);
  g_strfreev (self->requirements);
  g_clear_pointer (&self->condition, moat_condition_free);

  G_OBJECT_CLASS (moat_rule_parent_class)->finalize (object);
}

static void
moat_rule_class_init (MoatRuleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_rule_finalize;
}

static void
moat_rule_init (MoatRule *self)
{
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  moat_error_set_invalid_valist (error, NULL, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Every "{" must open a placeholder the formatter knows. */
static gboolean
check_placeholders (const char  *text,
                    const char  *member,
                    GError     **error)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      gboolean known = FALSE;

      for (guint i = 0; end != NULL && i < G_N_ELEMENTS (placeholders); i++)
        known |= (gsize)(end - p - 1) == strlen (placeholders[i]) &&
                 strncmp (p + 1, placeholders[i], end - p - 1) == 0;
      if (!known)
        return invalid (error, _("“%s” has an unknown placeholder at “%.20s” ({name}, {kind}, {source} or {target})"),
                        member, p);
    }

  return TRUE;
}

static char *
get_text (JsonObject  *object,
          const char  *member,
          gboolean     required,
          gboolean     translate,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  if (node == NULL && !required)
    return g_strdup ("");
  if (!is_string (node) || *json_node_get_string (node) == '\0')
    return invalid (error, node == NULL ? _("“%s” is missing") : _("“%s” must be text that is not empty"),
                    member), NULL;

  text = json_node_get_string (node);
  if (!check_placeholders (text, member, error))
    return NULL;

  return g_strdup (translate ? g_dgettext (GETTEXT_PACKAGE, text) : text);
}

static gboolean
get_hint (JsonObject  *object,
          const char  *member,
          int         *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 v;

  *value = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (v = json_node_get_int (node)) < 1 || v > 5)
    return invalid (error, _("“%s” must be a whole number from 1 to 5"), member);

  *value = (int)v;
  return TRUE;
}

static gboolean
get_kinds (JsonObject  *object,
           guint       *kinds,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "applies_to");
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_ELEMENT_KIND);
  JsonArray *array;

  *kinds = 0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) == 0)
    return invalid (error, _("“applies_to” must be a list of element kinds (actor, process, store, flow, boundary)"));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      GEnumValue *value = is_string (item) ? g_enum_get_value_by_nick (klass, json_node_get_string (item)) : NULL;

      /* Notes are remarks on a diagram, not parts of the system. */
      if (value == NULL || value->value == MOAT_ELEMENT_NOTE)
        return invalid (error, _("“applies_to” item %u is not an element kind (actor, process, store, flow, boundary)"),
                        i + 1);
      *kinds |= 1u << value->value;
    }

  return TRUE;
}

static GStrv
get_controls (JsonObject  *object,
              gboolean     translate,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "suggested_controls");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (builder);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“suggested_controls” must be a list of text")), NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_string (item) || *json_node_get_string (item) == '\0')
        return invalid (error, _("“suggested_controls” item %u is not text"), i + 1), NULL;
      /* Controls are shared by every threat they address: no placeholders. */
      if (strchr (json_node_get_string (item), '{') != NULL)
        return invalid (error, _("“suggested_controls” item %u has a placeholder; controls are shared, so name no element"),
                        i + 1), NULL;
      g_strv_builder_add (builder, translate ? g_dgettext (GETTEXT_PACKAGE, json_node_get_string (item))
                                             : json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

/* "refs": ["CWE-79", "CAPEC-63"]; "requirements": ["asvs:V1.2.1"] */
static GStrv
get_ids (JsonObject  *object,
         const char  *member,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean refs = g_str_equal (member, "refs");
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (builder);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“%s” must be a list of text"), member), NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *id = is_string (item) ? json_node_get_string (item) : NULL;

      if (refs && (id == NULL || !moat_ref_is_well_formed (id)))
        return invalid (error, _("“refs” item %u must be CWE-n, CAPEC-n or OWASP-Ann:year"), i + 1), NULL;
      if (!refs && (id == NULL || !moat_requirement_ref_split (id, NULL, NULL)))
        return invalid (error, _("“requirements” item %u must be catalogue:requirement, as asvs:V6.3.1"), i + 1), NULL;
      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static gboolean
check_members (JsonObject  *object,
               GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (rule_members, l->data))
      return invalid (error, _("unknown member “%s”"), (char *)l->data);

  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (!g_ascii_isalnum (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._:-", *p) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * moat_rule_new_from_json:
 * @object: one rule, as in a rules file
 * @default_set: (nullable): the set of a rule that names none
 * @translate: whether the texts are Moat's own, with translations
 *
 * Returns: (transfer full): the rule, or %NULL with @error saying what is
 *   wrong with it (without the rule's id: the caller knows where it is)
 */
MoatRule *
moat_rule_new_from_json (JsonObject  *object,
                         const char  *default_set,
                         gboolean     translate,
                         GError     **error)
{
  g_autoptr(MoatRule) self = g_object_new (MOAT_TYPE_RULE, NULL);
  JsonNode *node;

  if (!check_members (object, error))
    return NULL;

  node = json_object_get_member (object, "id");
  if (!is_string (node) || !is_valid_id (json_node_get_string (node)))
    return invalid (error, _("“id” must be text of letters, digits and . _ : -")), NULL;
  self->id = g_strdup (json_node_get_string (node));

  node = json_object_get_member (object, "set");
  if (node != NULL && (!is_string (node) || !is_valid_id (json_node_get_string (node))))
    return invalid (error, _("“set” must be a name of letters, digits and . _ : -")), NULL;
  self->set = g_strdup (node != NULL ? json_node_get_string (node) : default_set);
  if (self->set == NULL)
    return invalid (error, _("“set” is missing")), NULL;

  if (!(self->title = get_text (object, "title", TRUE, translate, error)) ||
      !(self->description = get_text (object, "description", FALSE, translate, error)) ||
      !(self->category = get_text (object, "category", TRUE, FALSE, error)) ||
      !(self->suggested_controls = get_controls (object, translate, error)) ||
      !(self->refs = get_ids (object, "refs", error)) ||
      !(self->requirements = get_ids (object, "requirements", error)) ||
      !get_kinds (object, &self->kinds, error) ||
      !get_hint (object, "likelihood", &self->likelihood, error) ||
      !get_hint (object, "impact", &self->impact, error))
    return NULL;

  node = json_object_get_member (object, "when");
  if (node != NULL && !(self->condition = moat_condition_parse (node, "when", error)))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
moat_rule_get_id (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return self->id;
}

const char *
moat_rule_get_set (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return self->set;
}

const char *
moat_rule_get_title (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return self->title;
}

const char *
moat_rule_get_description (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return self->description;
}

const char *
moat_rule_get_category (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return self->category;
}

const char * const *
moat_rule_get_suggested_controls (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return (const char * const *)self->suggested_controls;
}

/* 0 when the rule gives no hint */
int
moat_rule_get_likelihood (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), 0);
  return self->likelihood;
}

/* 0 when the rule gives no hint */
int
moat_rule_get_impact (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), 0);
  return self->impact;
}

/* A bit (1 << kind) per MoatElementKind the rule is about. */
guint
moat_rule_get_kinds (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), 0);
  return self->kinds;
}

gboolean
moat_rule_applies_to (MoatRule        *self,
                      MoatElementKind  kind)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), FALSE);
  return (self->kinds & (1u << kind)) != 0;
}

/* (nullable): %NULL for a rule that holds for every element it applies to */
const MoatCondition *
moat_rule_get_condition (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return self->condition;
}

guint
moat_rule_get_reach (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), 0);
  return self->condition != NULL ? moat_condition_get_reach (self->condition) : 0;
}

/* Whether the rule fires for @element: it is of a kind the rule applies
 * to, and the condition holds. */
gboolean
moat_rule_matches (MoatRule        *self,
                   MoatRuleContext *context,
                   MoatElement     *element)
{
  if (!moat_rule_applies_to (self, moat_element_get_kind (element)))
    return FALSE;

  return self->condition == NULL || moat_condition_evaluate (self->condition, context, element);
}

/* moat_rule_matches() for a single question. It indexes the whole model
 * first: with many questions, keep a context or ask the rule engine. */
gboolean
moat_rule_holds (MoatRule    *self,
                 MoatModel   *model,
                 MoatElement *element)
{
  g_autoptr(MoatRuleContext) context = NULL;

  g_return_val_if_fail (MOAT_IS_RULE (self), FALSE);
  g_return_val_if_fail (MOAT_IS_ELEMENT (element), FALSE);

  context = moat_rule_context_new (model);
  return moat_rule_matches (self, context, element);
}

static const char *
kind_label (MoatElementKind kind)
{
  switch (kind)
    {
    case MOAT_ELEMENT_ACTOR:
      return _("external entity");
    case MOAT_ELEMENT_PROCESS:
      return _("process");
    case MOAT_ELEMENT_STORE:
      return _("data store");
    case MOAT_ELEMENT_BOUNDARY:
      return _("trust boundary");
    case MOAT_ELEMENT_FLOW:
      return _("data flow");
    case MOAT_ELEMENT_NOTE:
    default:
      return _("note");
    }
}

static const char *
element_name (MoatElement *element)
{
  const char *name = element != NULL ? moat_element_get_name (element) : NULL;

  return name != NULL && *name != '\0' ? name : _("unnamed");
}

/**
 * moat_rule_format:
 * @text: the rule's title or description
 *
 * Fills in the placeholders of @text for @element: {name}, {kind}, and for
 * a flow {source} and {target}, the names of its ends.
 *
 * Returns: (transfer full): the text
 */
char *
moat_rule_format (MoatRule    *self,
                  const char  *text,
                  MoatModel   *model,
                  MoatElement *element)
{
  GString *out = g_string_sized_new (strlen (text) + 32);

  for (const char *p = text; *p != '\0';)
    {
      const char *end;
      const char *other;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (strncmp (p, "{name}", 6) == 0)
        g_string_append (out, element_name (element));
      else if (strncmp (p, "{kind}", 6) == 0)
        g_string_append (out, kind_label (moat_element_get_kind (element)));
      else if (strncmp (p, "{source}", 8) == 0 || strncmp (p, "{target}", 8) == 0)
        {
          other = p[1] == 's' ? moat_element_get_source_id (element) : moat_element_get_target_id (element);
          g_string_append (out, element_name (moat_model_lookup_typed (model, other, MOAT_TYPE_ELEMENT)));
        }
      else
        g_string_append_len (out, p, end - p + 1);
      p = end + 1;
    }

  return g_string_free (out, FALSE);
}

/* The weaknesses, attack patterns and Top 10 categories the rule's threat
 * is an instance of (moat-refs.h); empty when it names none. */
const char * const *
moat_rule_get_refs (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return (const char * const *)self->refs;
}

/* The catalogue requirements ("asvs:V6.3.1") a control for the rule's
 * threat usually meets: hints for the requirement picker and coverage. */
const char * const *
moat_rule_get_requirements (MoatRule *self)
{
  g_return_val_if_fail (MOAT_IS_RULE (self), NULL);
  return (const char * const *)self->requirements;
}
