/* test-rules.c: rule files, the built-in rules, and the rule engine
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-test-util.h"

static MoatRuleSet *builtin;
static JsonObject *fixtures;

/* ------------------------------------------------------------------ */
/* Scenes: small models described in JSON                             */

static void
set_from_json (GObject    *object,
               const char *name,
               JsonNode   *node)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_nonnull (pspec);
  g_value_init (&value, pspec->value_type);

  if (pspec->value_type == G_TYPE_BOOLEAN)
    g_value_set_boolean (&value, json_node_get_boolean (node));
  else if (pspec->value_type == G_TYPE_STRING)
    g_value_set_string (&value, json_node_get_string (node));
  else if (pspec->value_type == G_TYPE_DOUBLE)
    g_value_set_double (&value, json_node_get_double (node));
  else if (pspec->value_type == G_TYPE_INT)
    g_value_set_int (&value, json_node_get_int (node));
  else if (G_TYPE_IS_ENUM (pspec->value_type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
      GEnumValue *ev = g_enum_get_value_by_nick (klass, json_node_get_string (node));

      g_assert_nonnull (ev);
      g_value_set_enum (&value, ev->value);
    }
  else if (pspec->value_type == G_TYPE_STRV)
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
      g_value_take_boxed (&value, g_strv_builder_end (builder));
    }
  else
    g_assert_not_reached ();

  g_object_set_property (object, name, &value);
}

static const char *
id_of (GHashTable *by_name,
       const char *name)
{
  MoatObject *object = g_hash_table_lookup (by_name, name);

  g_assert_nonnull (object);
  return moat_object_get_id (object);
}

static void
fill_element (MoatElement *element,
              JsonObject  *json,
              GHashTable  *by_name)
{
  g_autoptr(GList) members = json_object_get_members (json);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (json, key);

      if (g_str_equal (key, "source") || g_str_equal (key, "target"))
        {
          g_autofree char *field = g_strconcat (key, "-id", NULL);
          g_object_set (element, field, id_of (by_name, json_node_get_string (node)), NULL);
        }
      else if (g_str_equal (key, "assets"))
        {
          JsonArray *array = json_node_get_array (node);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) ids = NULL;

          for (guint i = 0; i < json_array_get_length (array); i++)
            g_strv_builder_add (builder, id_of (by_name, json_array_get_string_element (array, i)));
          ids = g_strv_builder_end (builder);
          g_object_set (element, "asset-ids", ids, NULL);
        }
      else
        set_from_json (G_OBJECT (element), key, node);
    }
}

/* Applies @patch (name -> properties) to the objects of a scene that
 * carry those names, before anything is built. */
static void
patch_scene (JsonObject *scene,
             JsonObject *patch)
{
  const char *lists[] = { "assets", "elements" };
  g_autoptr(GList) names = patch != NULL ? json_object_get_members (patch) : NULL;

  for (GList *n = names; n != NULL; n = n->next)
    {
      JsonObject *props = json_object_get_object_member (patch, n->data);
      gboolean found = FALSE;

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          JsonArray *array = json_object_get_array_member (scene, lists[l]);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonObject *object = json_array_get_object_element (array, i);
              g_autoptr(GList) keys = NULL;

              if (!g_str_equal (json_object_get_string_member (object, "name"), n->data))
                continue;
              keys = json_object_get_members (props);
              for (GList *k = keys; k != NULL; k = k->next)
                json_object_set_member (object, k->data,
                                        json_node_copy (json_object_get_member (props, k->data)));
              found = TRUE;
            }
        }
      g_assert_true (found);
    }
}

typedef struct
{
  MoatModel  *model;
  GHashTable *by_name; /* the names the scene gave, before any patch */
} Scene;

static void
scene_clear (Scene *scene)
{
  g_clear_object (&scene->model);
  g_clear_pointer (&scene->by_name, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scene, scene_clear)

static MoatElement *
scene_element (Scene      *scene,
               const char *name)
{
  MoatElement *element = g_hash_table_lookup (scene->by_name, name);

  g_assert_true (MOAT_IS_ELEMENT (element));
  return element;
}

static void
build_scene (Scene      *scene,
             JsonObject *patch)
{
  g_autofree char *text = json_to_string (json_object_get_member (fixtures, "scene"), FALSE);
  /* json_node_copy() shares objects; the patch must not reach the original. */
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *json;
  JsonArray *assets, *elements;

  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  json = json_node_get_object (copy);
  elements = json_object_get_array_member (json, "elements");
  for (guint i = 0; i < json_array_get_length (elements); i++)
    g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (elements, i),
                                                                     "name")));
  patch_scene (json, patch);

  scene->model = moat_model_new ();
  scene->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _moat_model_insert_loaded (scene->model, MOAT_OBJECT (diagram));

  assets = json_object_get_array_member (json, "assets");
  for (guint i = 0; assets != NULL && i < json_array_get_length (assets); i++)
    {
      JsonObject *a = json_array_get_object_element (assets, i);
      g_autoptr(GList) keys = json_object_get_members (a);
      MoatAsset *asset = moat_asset_new ();

      for (GList *k = keys; k != NULL; k = k->next)
        set_from_json (G_OBJECT (asset), k->data, json_object_get_member (a, k->data));
      g_hash_table_insert (scene->by_name, g_strdup (moat_asset_get_name (asset)), asset);
      g_ptr_array_add (objects, asset);
    }

  /* Names first, so that flows can name elements that come after them;
   * the names of the scene, so that a patch may rename. */
  for (guint i = 0; i < json_array_get_length (elements); i++)
    {
      const char *name = g_ptr_array_index (names, i);
      MoatElement *element = moat_element_new ();

      g_object_set (element, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)),
                    "width", 100.0, "height", 60.0, NULL);
      g_hash_table_insert (scene->by_name, g_strdup (name), element);
      g_ptr_array_add (objects, element);
    }
  for (guint i = 0; i < json_array_get_length (elements); i++)
    fill_element (g_hash_table_lookup (scene->by_name, g_ptr_array_index (names, i)),
                  json_array_get_object_element (elements, i), scene->by_name);

  for (guint i = 0; i < objects->len; i++)
    _moat_model_insert_loaded (scene->model, g_ptr_array_index (objects, i));
}

/* ------------------------------------------------------------------ */
/* The built-in rules                                                  */

static guint
count_set (MoatRuleSet *rules,
           const char  *set)
{
  guint n = 0;

  for (guint i = 0; i < moat_rule_set_get_n_rules (rules); i++)
    n += g_str_equal (moat_rule_get_set (moat_rule_set_get_rule (rules, i)), set);

  return n;
}

static void
test_builtin_sets (void)
{
  g_auto(GStrv) sets = moat_rule_set_list_sets (builtin);

  g_assert_cmpuint (g_strv_length (sets), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *)sets, MOAT_RULE_SET_STRIDE));
  g_assert_true (g_strv_contains ((const char * const *)sets, MOAT_RULE_SET_CONTEXT));
  g_assert_true (g_strv_contains ((const char * const *)sets, MOAT_RULE_SET_LINDDUN));
  g_assert_cmpuint (count_set (builtin, MOAT_RULE_SET_CONTEXT), >=, 40);
  g_assert_cmpuint (count_set (builtin, MOAT_RULE_SET_LINDDUN), >=, 7);

  for (guint i = 0; i < moat_rule_set_get_n_rules (builtin); i++)
    {
      MoatRule *rule = moat_rule_set_get_rule (builtin, i);
      const char * const *controls = moat_rule_get_suggested_controls (rule);

      g_assert_cmpstr (moat_rule_get_description (rule), !=, "");
      g_assert_nonnull (controls);
      g_assert_cmpuint (g_strv_length ((char **)controls), >=, 2);
      g_assert_cmpuint (moat_rule_get_kinds (rule), !=, 0);
      g_assert_false (moat_rule_applies_to (rule, MOAT_ELEMENT_NOTE));
    }
}

/* The classic STRIDE-per-element table. */
static void
test_builtin_stride_mapping (void)
{
  const struct
  {
    MoatElementKind kind;
    const char     *letters;
  } table[] = {
    { MOAT_ELEMENT_ACTOR, "SR" },
    { MOAT_ELEMENT_PROCESS, "STRIDE" },
    { MOAT_ELEMENT_STORE, "TRID" },
    { MOAT_ELEMENT_FLOW, "TID" },
    { MOAT_ELEMENT_BOUNDARY, "" },
  };

  for (guint t = 0; t < G_N_ELEMENTS (table); t++)
    {
      g_autoptr(GString) letters = g_string_new (NULL);

      for (guint i = 0; i < moat_rule_set_get_n_rules (builtin); i++)
        {
          MoatRule *rule = moat_rule_set_get_rule (builtin, i);

          if (g_str_equal (moat_rule_get_set (rule), MOAT_RULE_SET_STRIDE) &&
              moat_rule_applies_to (rule, table[t].kind))
            {
              g_assert_null (moat_rule_get_condition (rule));
              g_string_append (letters, moat_rule_get_category (rule));
            }
        }
      g_assert_cmpstr (letters->str, ==, table[t].letters);
    }
}

/* Every rule has a fixture, and every fixture a rule. */
static void
test_fixture_coverage (void)
{
  JsonObject *rules = json_object_get_object_member (fixtures, "rules");
  g_autoptr(GList) ids = json_object_get_members (rules);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < moat_rule_set_get_n_rules (builtin); i++)
    {
      const char *id = moat_rule_get_id (moat_rule_set_get_rule (builtin, i));
      JsonObject *fixture = json_object_get_object_member (rules, id);

      if (fixture == NULL || !json_object_has_member (fixture, "fires") ||
          !json_object_has_member (fixture, "quiet"))
        g_string_append_printf (missing, " %s", id);
    }
  if (missing->len > 0)
    g_error ("Built-in rules without a fixture where they fire and one where they do not:%s",
             missing->str);

  for (GList *l = ids; l != NULL; l = l->next)
    g_assert_nonnull (moat_rule_set_lookup (builtin, l->data));
}

static gboolean
fires (MoatRule   *rule,
       JsonObject *fixture,
       const char *which)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleContext) context = NULL;
  MoatElement *subject;

  build_scene (&scene, json_object_get_object_member (fixture, which));
  subject = scene_element (&scene, json_object_get_string_member (fixture, "subject"));
  context = moat_rule_context_new (scene.model);

  return moat_rule_matches (rule, context, subject);
}

static void
test_fixture (gconstpointer data)
{
  const char *id = data;
  MoatRule *rule = moat_rule_set_lookup (builtin, id);
  JsonObject *fixture = json_object_get_object_member (json_object_get_object_member (fixtures, "rules"), id);

  if (fixture == NULL)
    {
      g_test_skip ("no fixture (the coverage test fails for it)");
      return;
    }

  g_assert_true (fires (rule, fixture, "fires"));
  g_assert_false (fires (rule, fixture, "quiet"));
}

/* ------------------------------------------------------------------ */
/* A person's own rules file                                           */

static const char user_rules[] =
  "{\n"
  "  \"version\": 1,\n"
  "  \"rules\": [\n"
  "    {\n"
  "      \"id\": \"acme.legacy-soap\",\n"
  "      \"title\": \"Legacy SOAP endpoint {name}\",\n"
  "      \"category\": \"T\",\n"
  "      \"suggested_controls\": [\"Schema validation\", \"XML parser without external entities\"],\n"
  "      \"applies_to\": [\"process\"],\n"
  "      \"when\": {\"property\": \"protocol\", \"contains\": \"soap\"}\n"
  "    },\n"
  "    {\n"
  "      \"id\": \"acme.mainframe\",\n"
  "      \"set\": \"acme-extra\",\n"
  "      \"title\": \"Mainframe {name}\",\n"
  "      \"category\": \"Mainframe\",\n"
  "      \"applies_to\": [\"store\"],\n"
  "      \"when\": {\"all\": [{\"kind\": \"store\"}, %s]}\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
write_user_rules (const char *text)
{
  g_autofree char *path = moat_rule_set_get_user_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The line of the first line of @text that contains @needle. */
static guint
line_of (const char *text,
         const char *needle)
{
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';

  return line;
}

static void
test_user_none (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_default (&error);

  g_assert_no_error (error);
  g_assert_cmpuint (moat_rule_set_get_n_rules (rules), ==, moat_rule_set_get_n_rules (builtin));
}

static void
test_user_valid (void)
{
  g_autofree char *text = g_strdup_printf (user_rules, "{\"true\": \"handles-payment\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRuleSet) rules = NULL;
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_auto(Scene) scene = { 0 };
  MoatRule *soap;
  gboolean found = FALSE;

  write_user_rules (text);
  rules = moat_rule_set_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_rule_set_get_n_rules (rules), ==, moat_rule_set_get_n_rules (builtin) + 2);

  soap = moat_rule_set_lookup (rules, "acme.legacy-soap");
  g_assert_nonnull (soap);
  g_assert_cmpstr (moat_rule_get_set (soap), ==, MOAT_RULE_SET_CUSTOM);
  g_assert_cmpstr (moat_rule_get_set (moat_rule_set_lookup (rules, "acme.mainframe")), ==, "acme-extra");
  g_assert_cmpstr (moat_rule_get_description (soap), ==, "");

  /* Custom rules are on whatever the model enables. */
  build_scene (&scene, NULL);
  g_object_set (scene_element (&scene, "App"), "protocol", "SOAP 1.2", NULL);
  engine = moat_rule_engine_new (scene.model, rules);
  suggestions = moat_rule_engine_list_suggestions (engine, moat_object_get_id (MOAT_OBJECT (scene_element (&scene, "App"))));
  for (guint i = 0; i < suggestions->len; i++)
    if (g_str_equal (moat_suggestion_get_rule_id (g_ptr_array_index (suggestions, i)), "acme.legacy-soap"))
      {
        g_assert_cmpstr (moat_suggestion_get_title (g_ptr_array_index (suggestions, i)), ==,
                         "Legacy SOAP endpoint App");
        found = TRUE;
      }
  g_assert_true (found);
}

static void
assert_user_error (const char *text,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRuleSet) rules = NULL;
  g_autofree char *path = moat_rule_set_get_user_path ();

  write_user_rules (text);
  rules = moat_rule_set_new_default (&error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, expected));

  /* A broken file costs none of the built-in rules, and adds nothing. */
  g_assert_cmpuint (moat_rule_set_get_n_rules (rules), ==, moat_rule_set_get_n_rules (builtin));
  g_assert_null (moat_rule_set_lookup (rules, "acme.legacy-soap"));
}

static void
test_user_bad_condition (void)
{
  g_autofree char *text = g_strdup_printf (user_rules, "{\"property\": \"encrypted\", \"eq\": true}");
  g_autofree char *expected = g_strdup_printf (":%u: rule “acme.mainframe”: when.all[1]: unknown property “encrypted”",
                                               line_of (text, "\"id\": \"acme.mainframe\"") - 1);

  assert_user_error (text, expected);
}

static void
test_user_syntax_error (void)
{
  g_autofree char *text = g_strdup_printf (user_rules, "{\"true\": \"handles-payment\"");
  g_autofree char *expected = g_strdup_printf ("rules.json:%u:", line_of (text, "[{\"kind\": \"store\"}"));

  assert_user_error (text, expected);
}

static char *
replaced (const char *text,
          const char *from,
          const char *to)
{
  GString *s = g_string_new (text);

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  return g_string_free (s, FALSE);
}

static void
test_user_bad_members (void)
{
  g_autofree char *ok = g_strdup_printf (user_rules, "{\"true\": \"handles-payment\"}");
  g_autofree char *no_title = replaced (ok, "\"title\": \"Mainframe {name}\",", "");
  g_autofree char *bad_kind = replaced (ok, "[\"store\"]", "[\"store\", \"cloud\"]");
  g_autofree char *bad_placeholder = replaced (ok, "Mainframe {name}", "Mainframe {owner}");
  g_autofree char *unknown = replaced (ok, "\"set\": \"acme-extra\",", "\"severity\": 3,");

  assert_user_error (no_title, "rule “acme.mainframe”: “title” is missing");
  assert_user_error (bad_kind, "“applies_to” item 2 is not an element kind");
  assert_user_error (bad_placeholder, "unknown placeholder");
  assert_user_error (unknown, "unknown member “severity”");
}

static void
test_user_duplicate_id (void)
{
  g_autofree char *text = g_strdup_printf (user_rules, "{\"true\": \"handles-payment\"}");
  g_autofree char *builtin_id = replaced (text, "acme.mainframe", "stride.store.tampering");
  g_autofree char *twice = replaced (text, "acme.mainframe", "acme.legacy-soap");

  assert_user_error (builtin_id, "already used by a rule in " MOAT_RULES_RESOURCE_PATH "stride.json");
  assert_user_error (twice, "the id is used twice in this file");
}

static void
test_user_bad_header (void)
{
  assert_user_error ("{\"version\": 99, \"rules\": []}", "newer version of Moat");
  assert_user_error ("{\"version\": 1}", "“rules” must be a list of rules");
  assert_user_error ("[]", "a rules file is an object");
  assert_user_error ("{\"rules\": [42]}", "rule 1: a rule is an object");
}

/* ------------------------------------------------------------------ */
/* The engine                                                          */

typedef struct
{
  GHashTable *elements;
  GHashTable *threats;
  guint       n_emissions;
} Recorder;

static void
on_suggestions_changed (MoatRuleEngine *engine,
                        GStrv           ids,
                        Recorder       *recorder)
{
  recorder->n_emissions++;
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (recorder->elements, g_strdup (ids[i]));
}

static void
on_review_changed (MoatRuleEngine *engine,
                   GStrv           ids,
                   Recorder       *recorder)
{
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (recorder->threats, g_strdup (ids[i]));
}

static void
recorder_watch (Recorder       *recorder,
                MoatRuleEngine *engine)
{
  recorder->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  recorder->threats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (engine, "suggestions-changed", G_CALLBACK (on_suggestions_changed), recorder);
  g_signal_connect (engine, "review-changed", G_CALLBACK (on_review_changed), recorder);
}

static void
recorder_reset (Recorder *recorder)
{
  g_hash_table_remove_all (recorder->elements);
  g_hash_table_remove_all (recorder->threats);
  recorder->n_emissions = 0;
}

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->elements, g_hash_table_unref);
  g_clear_pointer (&recorder->threats, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Recorder, recorder_clear)

static const char *
eid (Scene      *scene,
     const char *name)
{
  return moat_object_get_id (MOAT_OBJECT (scene_element (scene, name)));
}

static MoatSuggestion *
find_suggestion (MoatRuleEngine *engine,
                 const char     *element_id,
                 const char     *rule_id)
{
  g_autoptr(GPtrArray) suggestions = moat_rule_engine_list_suggestions (engine, element_id);

  for (guint i = 0; i < suggestions->len; i++)
    if (g_str_equal (moat_suggestion_get_rule_id (g_ptr_array_index (suggestions, i)), rule_id))
      return g_object_ref (g_ptr_array_index (suggestions, i));

  return NULL;
}

static gboolean
suggests (MoatRuleEngine *engine,
          const char     *element_id,
          const char     *rule_id)
{
  g_autoptr(MoatSuggestion) suggestion = find_suggestion (engine, element_id, rule_id);

  return suggestion != NULL;
}

static void
test_engine_initial (void)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) suggestion = NULL;
  g_auto(GStrv) sets = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint total = 0;

  build_scene (&scene, NULL);
  g_object_set (scene_element (&scene, "Request"), "encrypted-in-transit", FALSE, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);

  sets = moat_rule_engine_dup_enabled_sets (engine);
  g_assert_cmpstrv (sets, ((const char * const[]) { "stride", "context", NULL }));

  suggestion = find_suggestion (engine, eid (&scene, "Request"), "flow.unencrypted-crossing");
  g_assert_nonnull (suggestion);
  g_assert_cmpstr (moat_suggestion_get_title (suggestion), ==,
                   "Unencrypted data flow Request crosses a trust boundary");
  g_assert_cmpstr (moat_suggestion_get_category (suggestion), ==, "I");
  g_assert_nonnull (strstr (moat_suggestion_get_description (suggestion), "from User to App"));
  g_assert_cmpint (moat_suggestion_get_likelihood (suggestion), ==,
                   moat_rule_get_likelihood (moat_suggestion_get_rule (suggestion)));

  /* Boundaries get nothing from the built-in rules; LINDDUN is off. */
  g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, eid (&scene, "Zone")), ==, 0);
  g_assert_false (suggests (engine, eid (&scene, "DB"), "linddun.linkability.store"));

  for (guint i = 0; i < g_list_model_get_n_items (moat_model_get_list (scene.model, MOAT_TYPE_ELEMENT)); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (moat_model_get_list (scene.model, MOAT_TYPE_ELEMENT), i);
      total += moat_rule_engine_count_suggestions (engine, moat_object_get_id (MOAT_OBJECT (element)));
    }
  g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, NULL), ==, total);
  all = moat_rule_engine_list_suggestions (engine, NULL);
  g_assert_cmpuint (all->len, ==, total);
}

/* The impact of a suggestion is the business impact of the element's
 * assets when it has some. */
static void
test_engine_suggestion_impact (void)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) on_db = NULL;
  g_autoptr(MoatSuggestion) on_logs = NULL;
  MoatAsset *cards;

  build_scene (&scene, NULL);
  cards = g_hash_table_lookup (scene.by_name, "Cards");
  g_object_set (cards, "impact-integrity", 5, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);

  on_db = find_suggestion (engine, eid (&scene, "DB"), "stride.store.tampering");
  on_logs = find_suggestion (engine, eid (&scene, "Logs"), "stride.store.tampering");
  g_assert_cmpint (moat_suggestion_get_impact (on_db), ==, moat_risk_asset_impact (cards));
  g_assert_cmpint (moat_suggestion_get_impact (on_logs), ==, 3);
  g_assert_cmpint (moat_suggestion_get_level (on_db), ==,
                   moat_risk_level (moat_suggestion_get_likelihood (on_db), moat_suggestion_get_impact (on_db)));
}

static void
test_engine_property_edit (void)
{
  g_auto(Scene) scene = { 0 };
  g_auto(Recorder) recorder = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  MoatElement *request;

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  recorder_watch (&recorder, engine);
  request = scene_element (&scene, "Request");

  g_assert_false (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
  g_object_set (request, "encrypted-in-transit", FALSE, NULL);
  g_assert_true (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
  g_assert_cmpuint (recorder.n_emissions, ==, 1);
  g_assert_true (g_hash_table_contains (recorder.elements, eid (&scene, "Request")));

  /* The flow's target looks at its incoming flows (web.http-downgrade). */
  recorder_reset (&recorder);
  g_object_set (scene_element (&scene, "App"), "internet-facing", TRUE, NULL);
  g_object_set (request, "protocol", "HTTP", NULL);
  g_assert_true (suggests (engine, eid (&scene, "App"), "web.http-downgrade"));
  g_assert_true (g_hash_table_contains (recorder.elements, eid (&scene, "App")));

  /* An edit that changes no outcome says nothing. */
  recorder_reset (&recorder);
  g_object_set (request, "description", "Form posts", NULL);
  g_assert_cmpuint (recorder.n_emissions, ==, 0);

  /* Undo goes through the same path. */
  g_assert_true (moat_model_undo (scene.model));
  g_assert_true (moat_model_undo (scene.model));
  g_assert_false (suggests (engine, eid (&scene, "App"), "web.http-downgrade"));
  g_assert_true (g_hash_table_contains (recorder.elements, eid (&scene, "App")));
}

static void
test_engine_geometry (void)
{
  g_auto(Scene) scene = { 0 };
  g_auto(Recorder) recorder = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  MoatElement *zone, *user;

  build_scene (&scene, NULL);
  g_object_set (scene_element (&scene, "Request"), "encrypted-in-transit", FALSE, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  recorder_watch (&recorder, engine);
  zone = scene_element (&scene, "Zone");
  user = scene_element (&scene, "User");

  /* The user walks into the zone: the flow no longer crosses it. */
  g_assert_true (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
  moat_model_set (scene.model, user, "x", 200.0, "y", 700.0, NULL);
  g_assert_false (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
  g_assert_true (g_hash_table_contains (recorder.elements, eid (&scene, "Request")));

  /* The zone shrinks and leaves the user outside again. */
  recorder_reset (&recorder);
  moat_model_set (scene.model, zone, "height", 600.0, NULL);
  g_assert_true (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
  g_assert_true (g_hash_table_contains (recorder.elements, eid (&scene, "Request")));

  /* The zone goes: nothing crosses anything. */
  moat_model_remove (scene.model, zone);
  g_assert_false (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
  g_assert_true (moat_model_undo (scene.model));
  g_assert_true (suggests (engine, eid (&scene, "Request"), "flow.unencrypted-crossing"));
}

static void
test_engine_flows (void)
{
  g_auto(Scene) scene = { 0 };
  g_auto(Recorder) recorder = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatElement) flow = moat_element_new ();
  MoatElement *worker = NULL;

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  recorder_watch (&recorder, engine);
  worker = scene_element (&scene, "Worker");

  /* A new flow from the worker to the provider: the provider, two steps
   * away from nothing the flow had, now depends on a second process. */
  moat_model_remove (scene.model, scene_element (&scene, "Call"));
  g_assert_false (suggests (engine, eid (&scene, "Provider"), "api.third-party-outage"));
  g_assert_true (g_hash_table_contains (recorder.elements, eid (&scene, "Provider")));

  g_object_set (flow, "kind", MOAT_ELEMENT_FLOW,
                "diagram-id", moat_element_get_diagram_id (worker),
                "source-id", eid (&scene, "Worker"), "target-id", eid (&scene, "Provider"), NULL);
  moat_model_add (scene.model, flow);
  g_assert_true (suggests (engine, eid (&scene, "Provider"), "api.third-party-outage"));
  g_assert_true (suggests (engine, moat_object_get_id (MOAT_OBJECT (flow)), "stride.flow.tampering"));

  /* Reconnected to come from the provider: no process calls it any more. */
  moat_model_set (scene.model, flow, "source-id", eid (&scene, "Provider"),
                  "target-id", eid (&scene, "Worker"), NULL);
  g_assert_false (suggests (engine, eid (&scene, "Provider"), "api.third-party-outage"));

  /* Deleting a node takes its flows and their suggestions along. */
  recorder_reset (&recorder);
  moat_model_remove (scene.model, worker);
  g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, moat_object_get_id (MOAT_OBJECT (flow))), ==, 0);
  g_assert_true (g_hash_table_contains (recorder.elements, moat_object_get_id (MOAT_OBJECT (flow))));
}

static void
test_engine_assets (void)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  MoatAsset *cards;

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  cards = g_hash_table_lookup (scene.by_name, "Cards");

  g_assert_false (suggests (engine, eid (&scene, "DB"), "storage.ransomware"));
  g_object_set (cards, "impact-availability", 5, NULL);
  g_assert_true (suggests (engine, eid (&scene, "DB"), "storage.ransomware"));
  moat_model_remove (scene.model, cards);
  g_assert_false (suggests (engine, eid (&scene, "DB"), "storage.ransomware"));
}

static const char *
undo_label (MoatModel *model)
{
  return moat_history_get_undo_label (moat_model_get_history (model));
}

static void
test_engine_accept (void)
{
  g_auto(Scene) scene = { 0 };
  g_auto(Recorder) recorder = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) suggestion = NULL;
  const char *db = NULL;
  g_autoptr(MoatThreat) threat = NULL;
  guint before, n_threats;

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  recorder_watch (&recorder, engine);
  db = eid (&scene, "DB");
  suggestion = find_suggestion (engine, db, "stride.store.tampering");
  before = moat_rule_engine_count_suggestions (engine, db);
  n_threats = moat_model_count (scene.model, MOAT_TYPE_THREAT);

  threat = moat_rule_engine_accept (engine, suggestion, MOAT_ACCEPT_DEFAULT);
  g_assert_nonnull (threat);
  g_assert_cmpstr (undo_label (scene.model), ==, "Accept Suggested Threat");
  g_assert_cmpstr (moat_threat_get_rule_id (threat), ==, "stride.store.tampering");
  g_assert_cmpstrv (moat_threat_get_element_ids (threat), ((const char * const[]) { db, NULL }));
  g_assert_cmpstr (moat_threat_get_title (threat), ==, moat_suggestion_get_title (suggestion));
  g_assert_cmpstr (moat_threat_get_category (threat), ==, "T");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  g_assert_false (moat_threat_get_impact_overridden (threat));
  g_assert_cmpuint (moat_model_count (scene.model, MOAT_TYPE_CONTROL), ==, 0);

  g_assert_false (suggests (engine, db, "stride.store.tampering"));
  g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, db), ==, before - 1);
  g_assert_true (g_hash_table_contains (recorder.elements, db));
  g_assert_null (moat_rule_engine_get_review_reason (engine, threat));

  /* One step of undo takes it all back. */
  g_assert_true (moat_model_undo (scene.model));
  g_assert_false (moat_history_get_can_undo (moat_model_get_history (scene.model)));
  g_assert_cmpuint (moat_model_count (scene.model, MOAT_TYPE_THREAT), ==, n_threats);
  g_assert_true (suggests (engine, db, "stride.store.tampering"));
  g_assert_true (moat_model_redo (scene.model));
  g_assert_false (suggests (engine, db, "stride.store.tampering"));
}

static void
test_engine_accept_controls (void)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) first = NULL;
  g_autoptr(MoatSuggestion) second = NULL;
  const char * const *titles;
  g_autoptr(MoatThreat) a = NULL;
  g_autoptr(MoatThreat) b = NULL;
  GListModel *controls;

  build_scene (&scene, NULL);
  g_object_set (scene_element (&scene, "Request"), "encrypted-in-transit", FALSE, NULL);
  g_object_set (scene_element (&scene, "Notify"), "encrypted-in-transit", FALSE, NULL);
  moat_history_clear (moat_model_get_history (scene.model));
  engine = moat_rule_engine_new (scene.model, builtin);
  first = find_suggestion (engine, eid (&scene, "Request"), "flow.unencrypted-crossing");
  second = find_suggestion (engine, eid (&scene, "Notify"), "flow.unencrypted-crossing");
  titles = moat_suggestion_get_suggested_controls (first);

  a = moat_rule_engine_accept (engine, first, MOAT_ACCEPT_ADD_CONTROLS);
  g_assert_cmpstr (undo_label (scene.model), ==, "Accept Suggested Threat");
  controls = moat_model_get_list (scene.model, MOAT_TYPE_CONTROL);
  g_assert_cmpuint (g_list_model_get_n_items (controls), ==, g_strv_length ((char **)titles));

  /* The second threat joins the same controls. */
  b = moat_rule_engine_accept (engine, second, MOAT_ACCEPT_ADD_CONTROLS);
  g_assert_cmpuint (g_list_model_get_n_items (controls), ==, g_strv_length ((char **)titles));
  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      const char * const *ids = moat_control_get_threat_ids (control);

      g_assert_true (g_strv_contains (titles, moat_control_get_title (control)));
      g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_PROPOSED);
      g_assert_true (g_strv_contains (ids, moat_object_get_id (MOAT_OBJECT (a))));
      g_assert_true (g_strv_contains (ids, moat_object_get_id (MOAT_OBJECT (b))));
    }

  g_assert_true (moat_model_undo (scene.model));
  g_assert_cmpuint (g_list_model_get_n_items (controls), ==, g_strv_length ((char **)titles));
  g_assert_true (moat_model_undo (scene.model));
  g_assert_cmpuint (g_list_model_get_n_items (controls), ==, 0);
  g_assert_cmpuint (moat_model_count (scene.model, MOAT_TYPE_THREAT), ==, 0);
  g_assert_false (moat_history_get_can_undo (moat_model_get_history (scene.model)));
}

static void
test_engine_dismiss (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dismiss.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) suggestion = NULL;
  g_auto(Scene) scene = { 0 };
  g_autofree char *db = NULL;
  MoatDismissal *dismissal;

  build_scene (&scene, NULL);
  db = g_strdup (eid (&scene, "DB"));
  store = moat_store_create (file, scene.model, &error);
  g_assert_no_error (error);

  engine = moat_rule_engine_new (moat_store_get_model (store), builtin);
  suggestion = find_suggestion (engine, db, "storage.no-authentication");
  dismissal = moat_rule_engine_dismiss (engine, suggestion, "Only reachable through a Unix socket");
  g_assert_nonnull (dismissal);
  g_assert_cmpstr (moat_dismissal_get_rule_id (dismissal), ==, "storage.no-authentication");
  g_assert_cmpstr (moat_dismissal_get_element_id (dismissal), ==, db);
  g_assert_cmpstr (moat_dismissal_get_reason (dismissal), ==, "Only reachable through a Unix socket");
  g_clear_object (&dismissal);
  g_assert_false (suggests (engine, db, "storage.no-authentication"));
  g_assert_null (moat_store_get_write_error (store));

  /* Remembered in the file. */
  g_clear_object (&engine);
  moat_store_close (store);
  g_clear_object (&store);
  store = moat_store_open (file, &error);
  g_assert_no_error (error);
  engine = moat_rule_engine_new (moat_store_get_model (store), builtin);
  g_assert_false (suggests (engine, db, "storage.no-authentication"));
  g_assert_true (suggests (engine, db, "stride.store.tampering"));

  /* Taking the dismissal back brings the suggestion back. */
  dismissal = g_list_model_get_item (moat_model_get_list (moat_store_get_model (store), MOAT_TYPE_DISMISSAL), 0);
  moat_model_remove (moat_store_get_model (store), dismissal);
  g_object_unref (dismissal);
  g_assert_true (suggests (engine, db, "storage.no-authentication"));

  g_clear_object (&engine);
  moat_store_close (store);
  moat_test_rm_rf (dir);
}

static void
test_engine_review_deletion (void)
{
  g_auto(Scene) scene = { 0 };
  g_auto(Recorder) recorder = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) suggestion = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) review = NULL;
  MoatThreat *threat;
  const char *threat_id;

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  recorder_watch (&recorder, engine);
  suggestion = find_suggestion (engine, eid (&scene, "Logs"), "logging.log-tampering");
  threat = moat_rule_engine_accept (engine, suggestion, MOAT_ACCEPT_DEFAULT);
  threat_id = moat_object_get_id (MOAT_OBJECT (threat));
  g_assert_false (moat_rule_engine_needs_review (engine, threat));

  moat_model_remove (scene.model, scene_element (&scene, "Logs"));

  /* Never deleted, but flagged. */
  g_assert_true (moat_model_lookup (scene.model, threat_id) == (gpointer)threat);
  g_assert_true (moat_rule_engine_needs_review (engine, threat));
  reason = moat_rule_engine_get_review_reason (engine, threat);
  g_assert_nonnull (strstr (reason, "gone"));
  g_assert_true (g_hash_table_contains (recorder.threats, threat_id));
  review = moat_rule_engine_list_review (engine);
  g_assert_cmpuint (review->len, ==, 1);
  g_assert_true (g_ptr_array_index (review, 0) == (gpointer)threat);

  /* The flag follows undo. */
  recorder_reset (&recorder);
  g_assert_true (moat_model_undo (scene.model));
  g_assert_false (moat_rule_engine_needs_review (engine, threat));
  g_assert_true (g_hash_table_contains (recorder.threats, threat_id));

  /* A closed threat is decided on: no review. */
  g_assert_true (moat_model_redo (scene.model));
  g_assert_true (moat_rule_engine_needs_review (engine, threat));
  moat_model_set (scene.model, threat, "status", MOAT_THREAT_NOT_APPLICABLE, NULL);
  g_assert_false (moat_rule_engine_needs_review (engine, threat));

  g_object_unref (threat);
}

static void
test_engine_review_rule (void)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatSuggestion) suggestion = NULL;
  g_autofree char *reason = NULL;
  MoatElement *request;
  g_autoptr(MoatThreat) threat = NULL;

  build_scene (&scene, NULL);
  request = scene_element (&scene, "Request");
  g_object_set (request, "encrypted-in-transit", FALSE, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  suggestion = find_suggestion (engine, eid (&scene, "Request"), "flow.unencrypted-crossing");
  threat = moat_rule_engine_accept (engine, suggestion, MOAT_ACCEPT_DEFAULT);

  /* Encrypting the flow removes the reason for the threat. */
  g_object_set (request, "encrypted-in-transit", TRUE, NULL);
  reason = moat_rule_engine_get_review_reason (engine, threat);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "flow.unencrypted-crossing"));
  g_assert_nonnull (strstr (reason, "Request"));
  g_assert_false (moat_threat_get_needs_review (threat));

  /* ... and so does moving the user inside the boundary, while a
   * person's own flag counts on its own. */
  g_object_set (request, "encrypted-in-transit", FALSE, NULL);
  g_assert_false (moat_rule_engine_needs_review (engine, threat));
  moat_model_set (scene.model, scene_element (&scene, "User"), "x", 200.0, "y", 700.0, NULL);
  g_assert_true (moat_rule_engine_needs_review (engine, threat));
  g_assert_true (moat_model_undo (scene.model));
  g_assert_false (moat_rule_engine_needs_review (engine, threat));
  moat_model_set (scene.model, threat, "needs-review", TRUE, NULL);
  g_assert_true (moat_rule_engine_needs_review (engine, threat));

  /* Keeping the threat as the team's own ends the review for good. */
  moat_model_set (scene.model, scene_element (&scene, "User"), "x", 200.0, "y", 700.0, NULL);
  moat_rule_engine_keep (engine, threat);
  g_assert_null (moat_threat_get_rule_id (threat));
  g_assert_false (moat_rule_engine_needs_review (engine, threat));
}

static void
test_engine_rule_sets (void)
{
  g_auto(Scene) scene = { 0 };
  g_auto(Recorder) recorder = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  const char *all[] = { "stride", "context", "linddun", NULL };
  const char *privacy[] = { "linddun", NULL };
  const char *db;

  build_scene (&scene, NULL);
  g_object_set (scene_element (&scene, "DB"), "handles-pii", TRUE, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  recorder_watch (&recorder, engine);
  db = eid (&scene, "DB");

  g_assert_false (suggests (engine, db, "linddun.linkability.store"));
  moat_model_set (scene.model, scene.model, "rule-sets", all, NULL);
  g_assert_true (suggests (engine, db, "linddun.linkability.store"));
  g_assert_true (suggests (engine, db, "stride.store.tampering"));
  g_assert_true (g_hash_table_contains (recorder.elements, db));

  g_assert_true (moat_model_undo (scene.model));
  g_assert_false (suggests (engine, db, "linddun.linkability.store"));

  /* The defaults apply only while the model names no set. */
  moat_rule_engine_set_default_sets (engine, privacy);
  g_assert_true (suggests (engine, db, "linddun.linkability.store"));
  g_assert_false (suggests (engine, db, "stride.store.tampering"));
  g_assert_false (moat_rule_engine_is_rule_enabled (engine, moat_rule_set_lookup (builtin, "web.xss")));
}

static void
test_engine_out_of_scope (void)
{
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  const char *db;

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);
  db = eid (&scene, "DB");

  g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, db), >, 0);
  g_object_set (scene_element (&scene, "DB"), "out-of-scope", TRUE, NULL);
  g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, db), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Incremental re-evaluation agrees with evaluation from scratch        */

static void
assert_engine_agrees (MoatRuleEngine *engine,
                      MoatModel      *model)
{
  g_autoptr(MoatRuleEngine) fresh = moat_rule_engine_new (model, builtin);
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      const char *id = moat_object_get_id (MOAT_OBJECT (element));
      g_autoptr(GPtrArray) kept = moat_rule_engine_list_matches (engine, id);
      g_autoptr(GPtrArray) computed = moat_rule_engine_list_matches (fresh, id);

      if (kept->len != computed->len)
        g_error ("%s (%s): %u matches kept, %u computed", moat_element_get_name (element), id,
                 kept->len, computed->len);
      for (guint m = 0; m < kept->len; m++)
        g_assert_true (g_ptr_array_index (kept, m) == g_ptr_array_index (computed, m));
      g_assert_cmpuint (moat_rule_engine_count_suggestions (engine, id), ==,
                        moat_rule_engine_count_suggestions (fresh, id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      g_autofree char *kept = moat_rule_engine_get_review_reason (engine, threat);
      g_autofree char *computed = moat_rule_engine_get_review_reason (fresh, threat);

      g_assert_cmpstr (kept, ==, computed);
    }
}

static MoatElement *
random_element (MoatModel *model,
                GRand     *rand,
                int        kind)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = g_list_model_get_n_items (elements);

  for (guint tries = 0; n > 0 && tries < 50; tries++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, g_rand_int_range (rand, 0, n));

      if (kind < 0 ? moat_element_get_kind (element) != MOAT_ELEMENT_FLOW &&
                     moat_element_get_kind (element) != MOAT_ELEMENT_BOUNDARY
                   : (int)moat_element_get_kind (element) == kind)
        return element;
    }

  return NULL;
}

static void
random_edit (MoatModel      *model,
             MoatRuleEngine *engine,
             GRand          *rand)
{
  static const char *booleans[] = {
    "authenticated", "authorization-checked", "encrypted-in-transit", "encrypted-at-rest",
    "internet-facing", "handles-pii", "handles-credentials", "handles-payment", "out-of-scope",
  };
  static const char *technologies[] = { "PostgreSQL", "MongoDB", "Docker", "React", "HashiCorp Vault", "" };
  static const char *protocols[] = { "HTTP", "HTTPS", "OIDC", "AMQP", "" };
  MoatElement *element = random_element (model, rand, g_rand_int_range (rand, -1, MOAT_ELEMENT_FLOW + 1));
  MoatElement *a, *b;
  g_autoptr(MoatElement) flow = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;

  switch (g_rand_int_range (rand, 0, 12))
    {
    case 0:
    case 1:
      if (element != NULL)
        moat_model_set (model, element, booleans[g_rand_int_range (rand, 0, G_N_ELEMENTS (booleans))],
                        g_rand_boolean (rand), NULL);
      break;
    case 2:
      if (element != NULL)
        moat_model_set (model, element,
                        "data-classification", g_rand_int_range (rand, 0, MOAT_CLASSIFICATION_RESTRICTED + 1),
                        "privilege-level", g_rand_int_range (rand, 0, MOAT_PRIVILEGE_SYSTEM + 1),
                        "technology", technologies[g_rand_int_range (rand, 0, G_N_ELEMENTS (technologies))],
                        "protocol", protocols[g_rand_int_range (rand, 0, G_N_ELEMENTS (protocols))],
                        NULL);
      break;
    case 3:
      if (element != NULL)
        moat_model_set (model, element, "x", g_rand_double_range (rand, -200, 1400),
                        "y", g_rand_double_range (rand, -200, 1400), NULL);
      break;
    case 4:
      if ((element = random_element (model, rand, MOAT_ELEMENT_BOUNDARY)) != NULL)
        moat_model_set (model, element, "width", g_rand_double_range (rand, 100, 1200),
                        "x", g_rand_double_range (rand, -100, 600), NULL);
      break;
    case 5:
      a = random_element (model, rand, -1);
      b = random_element (model, rand, -1);
      if (a == NULL || b == NULL)
        break;
      flow = moat_element_new ();
      g_object_set (flow, "kind", MOAT_ELEMENT_FLOW, "diagram-id", moat_element_get_diagram_id (a),
                    "source-id", moat_object_get_id (MOAT_OBJECT (a)),
                    "target-id", moat_object_get_id (MOAT_OBJECT (b)),
                    "bidirectional", g_rand_boolean (rand), NULL);
      moat_model_add (model, flow);
      break;
    case 6:
      if (element != NULL && g_rand_int_range (rand, 0, 3) == 0)
        moat_model_remove (model, element);
      break;
    case 7:
      {
        GListModel *assets = moat_model_get_list (model, MOAT_TYPE_ASSET);
        g_autoptr(MoatAsset) asset = g_list_model_get_item (assets, 0);

        if (asset != NULL)
          moat_model_set (model, asset, "impact-availability", g_rand_int_range (rand, 1, 6),
                          "classification", g_rand_int_range (rand, 0, MOAT_CLASSIFICATION_RESTRICTED + 1), NULL);
      }
      break;
    case 8:
      moat_model_undo (model);
      break;
    case 9:
      moat_model_redo (model);
      break;
    case 10:
      suggestions = moat_rule_engine_list_suggestions (engine, NULL);
      if (suggestions->len > 0)
        g_object_unref (moat_rule_engine_accept (engine,
                                                 g_ptr_array_index (suggestions, g_rand_int_range (rand, 0, suggestions->len)),
                                                 MOAT_ACCEPT_DEFAULT));
      break;
    case 11:
      suggestions = moat_rule_engine_list_suggestions (engine, NULL);
      if (suggestions->len > 0)
        g_object_unref (moat_rule_engine_dismiss (engine,
                                                  g_ptr_array_index (suggestions, g_rand_int_range (rand, 0, suggestions->len)),
                                                  "random"));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_engine_incremental_matches_full (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261120);
  g_auto(Scene) scene = { 0 };
  g_autoptr(MoatRuleEngine) engine = NULL;
  const char *all[] = { "stride", "context", "linddun", NULL };

  build_scene (&scene, NULL);
  engine = moat_rule_engine_new (scene.model, builtin);

  for (guint step = 0; step < 400; step++)
    {
      if (step == 200)
        moat_model_set (scene.model, scene.model, "rule-sets", all, NULL);
      random_edit (scene.model, engine, rand);
      assert_engine_agrees (engine, scene.model);
    }
}

/* ------------------------------------------------------------------ */

static JsonObject *
load_fixtures (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "rule-fixtures.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  builtin = moat_rule_set_new_builtin ();
  fixtures = load_fixtures ();

  g_test_add_func ("/rules/builtin/sets", test_builtin_sets);
  g_test_add_func ("/rules/builtin/stride-mapping", test_builtin_stride_mapping);
  g_test_add_func ("/rules/fixture/coverage", test_fixture_coverage);
  for (guint i = 0; i < moat_rule_set_get_n_rules (builtin); i++)
    {
      const char *id = moat_rule_get_id (moat_rule_set_get_rule (builtin, i));
      g_autofree char *path = g_strdup_printf ("/rules/fixture/%s", id);

      g_test_add_data_func (path, id, test_fixture);
    }

  g_test_add_func ("/rules/user/none", test_user_none);
  g_test_add_func ("/rules/user/valid", test_user_valid);
  g_test_add_func ("/rules/user/bad-condition", test_user_bad_condition);
  g_test_add_func ("/rules/user/syntax-error", test_user_syntax_error);
  g_test_add_func ("/rules/user/bad-members", test_user_bad_members);
  g_test_add_func ("/rules/user/duplicate-id", test_user_duplicate_id);
  g_test_add_func ("/rules/user/bad-header", test_user_bad_header);

  g_test_add_func ("/rules/engine/initial", test_engine_initial);
  g_test_add_func ("/rules/engine/suggestion-impact", test_engine_suggestion_impact);
  g_test_add_func ("/rules/engine/property-edit", test_engine_property_edit);
  g_test_add_func ("/rules/engine/geometry", test_engine_geometry);
  g_test_add_func ("/rules/engine/flows", test_engine_flows);
  g_test_add_func ("/rules/engine/assets", test_engine_assets);
  g_test_add_func ("/rules/engine/accept", test_engine_accept);
  g_test_add_func ("/rules/engine/accept-controls", test_engine_accept_controls);
  g_test_add_func ("/rules/engine/dismiss", test_engine_dismiss);
  g_test_add_func ("/rules/engine/review-deletion", test_engine_review_deletion);
  g_test_add_func ("/rules/engine/review-rule", test_engine_review_rule);
  g_test_add_func ("/rules/engine/rule-sets", test_engine_rule_sets);
  g_test_add_func ("/rules/engine/out-of-scope", test_engine_out_of_scope);
  g_test_add_func ("/rules/engine/incremental-matches-full", test_engine_incremental_matches_full);

  status = g_test_run ();

  g_clear_object (&builtin);
  g_clear_pointer (&fixtures, json_object_unref);
  return status;
}
