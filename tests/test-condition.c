/* test-condition.c: the condition language of rules
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-test-util.h"

/* A model to ask questions about: a user outside a zone sends requests
 * to an app inside it, which reads and writes a database both ways. */
typedef struct
{
  MoatModel       *model;
  MoatRuleContext *context;
  MoatElement     *zone;
  MoatElement     *user;
  MoatElement     *app;
  MoatElement     *db;
  MoatElement     *request;
  MoatElement     *query;
  MoatAsset       *asset;
} Fixture;

static MoatElement *
add_element (Fixture         *f,
             const char      *diagram_id,
             MoatElementKind  kind,
             const char      *name,
             double           x,
             double           y)
{
  MoatElement *element = moat_element_new ();

  g_object_set (element, "diagram-id", diagram_id, "kind", kind, "name", name,
                "x", x, "y", y, "width", 100.0, "height", 60.0, NULL);
  _moat_model_insert_loaded (f->model, MOAT_OBJECT (element));
  g_object_unref (element);
  return element;
}

static MoatElement *
add_flow (Fixture     *f,
          const char  *diagram_id,
          const char  *name,
          MoatElement *source,
          MoatElement *target)
{
  MoatElement *flow = add_element (f, diagram_id, MOAT_ELEMENT_FLOW, name, 0, 0);

  g_object_set (flow, "source-id", moat_object_get_id (MOAT_OBJECT (source)),
                "target-id", moat_object_get_id (MOAT_OBJECT (target)), NULL);
  return flow;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  const char *d = moat_object_get_id (MOAT_OBJECT (diagram));
  const char *tags[] = { "api", "Public", NULL };
  const char *asset_ids[2] = { NULL, NULL };

  f->model = moat_model_new ();
  _moat_model_insert_loaded (f->model, MOAT_OBJECT (diagram));

  f->asset = moat_asset_new ();
  g_object_set (f->asset, "name", "Orders", "classification", MOAT_CLASSIFICATION_CONFIDENTIAL,
                "impact-confidentiality", 2, "impact-integrity", 4, "impact-availability", 3, NULL);
  _moat_model_insert_loaded (f->model, MOAT_OBJECT (f->asset));
  g_object_unref (f->asset);
  asset_ids[0] = moat_object_get_id (MOAT_OBJECT (f->asset));

  f->zone = add_element (f, d, MOAT_ELEMENT_BOUNDARY, "Zone", 0, 0);
  g_object_set (f->zone, "width", 1000.0, "height", 1000.0, NULL);
  f->user = add_element (f, d, MOAT_ELEMENT_ACTOR, "User", 2000, 100);
  g_object_set (f->user, "privilege-level", MOAT_PRIVILEGE_ANONYMOUS, NULL);
  f->app = add_element (f, d, MOAT_ELEMENT_PROCESS, "App", 100, 100);
  g_object_set (f->app, "technology", "Go 1.22 on Kubernetes", "tags", tags,
                "internet-facing", TRUE, "privilege-level", MOAT_PRIVILEGE_USER,
                "data-classification", MOAT_CLASSIFICATION_CONFIDENTIAL, NULL);
  f->db = add_element (f, d, MOAT_ELEMENT_STORE, "DB", 400, 100);
  g_object_set (f->db, "technology", "PostgreSQL", "asset-ids", asset_ids, NULL);
  f->request = add_flow (f, d, "Request", f->user, f->app);
  g_object_set (f->request, "protocol", "HTTPS", "encrypted-in-transit", TRUE, NULL);
  f->query = add_flow (f, d, "Query", f->app, f->db);
  g_object_set (f->query, "protocol", "SQL", "bidirectional", TRUE, NULL);

  f->context = moat_rule_context_new (f->model);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->context, moat_rule_context_free);
  g_clear_object (&f->model);
}

static MoatCondition *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  MoatCondition *condition;

  g_assert_no_error (error);
  condition = moat_condition_parse (node, "when", &error);
  g_assert_no_error (error);
  g_assert_nonnull (condition);
  return condition;
}

static gboolean
eval (Fixture     *f,
      const char  *json,
      MoatElement *element)
{
  g_autoptr(MoatCondition) condition = parse (json);

  return moat_condition_evaluate (condition, f->context, element);
}

#define assert_holds(f, json, element)  g_assert_true (eval ((f), (json), (element)))
#define assert_fails(f, json, element)  g_assert_false (eval ((f), (json), (element)))

static void
test_eq_neq (Fixture       *f,
             gconstpointer  data)
{
  /* yes/no */
  assert_holds (f, "{\"property\": \"internet-facing\", \"eq\": true}", f->app);
  assert_fails (f, "{\"property\": \"internet-facing\", \"eq\": false}", f->app);
  assert_holds (f, "{\"property\": \"internet-facing\", \"neq\": false}", f->app);
  assert_fails (f, "{\"property\": \"internet-facing\", \"neq\": true}", f->app);
  /* text, without regard to case; unset text is empty */
  assert_holds (f, "{\"property\": \"protocol\", \"eq\": \"https\"}", f->request);
  assert_fails (f, "{\"property\": \"protocol\", \"eq\": \"HTTP\"}", f->request);
  assert_holds (f, "{\"property\": \"protocol\", \"neq\": \"HTTP\"}", f->request);
  assert_holds (f, "{\"property\": \"protocol\", \"neq\": \"HTTP\"}", f->app);
  /* choices, by their nick in any case */
  assert_holds (f, "{\"property\": \"data-classification\", \"eq\": \"Confidential\"}", f->app);
  assert_fails (f, "{\"property\": \"data-classification\", \"neq\": \"confidential\"}", f->app);
  assert_holds (f, "{\"property\": \"kind\", \"eq\": \"store\"}", f->db);
  /* numbers */
  assert_holds (f, "{\"property\": \"x\", \"eq\": 400}", f->db);
  assert_holds (f, "{\"property\": \"x\", \"neq\": 401}", f->db);
  /* the underscore spelling of a property is the same property */
  assert_holds (f, "{\"property\": \"internet_facing\", \"eq\": true}", f->app);
}

static void
test_in (Fixture       *f,
         gconstpointer  data)
{
  assert_holds (f, "{\"property\": \"protocol\", \"in\": [\"HTTP\", \"https\"]}", f->request);
  assert_fails (f, "{\"property\": \"protocol\", \"in\": [\"gRPC\", \"AMQP\"]}", f->request);
  assert_holds (f, "{\"property\": \"privilege-level\", \"in\": [\"anonymous\", \"user\"]}", f->user);
  assert_fails (f, "{\"property\": \"privilege-level\", \"in\": [\"admin\", \"system\"]}", f->user);
}

static void
test_ordering (Fixture       *f,
               gconstpointer  data)
{
  assert_holds (f, "{\"property\": \"data-classification\", \"at_least\": \"internal\"}", f->app);
  assert_holds (f, "{\"property\": \"data-classification\", \"at_least\": \"confidential\"}", f->app);
  assert_fails (f, "{\"property\": \"data-classification\", \"at_least\": \"restricted\"}", f->app);
  assert_holds (f, "{\"property\": \"data-classification\", \"at_most\": \"confidential\"}", f->app);
  assert_fails (f, "{\"property\": \"data-classification\", \"at_most\": \"internal\"}", f->app);
  assert_holds (f, "{\"property\": \"privilege-level\", \"at_least\": \"user\"}", f->app);
  assert_fails (f, "{\"property\": \"privilege-level\", \"at_least\": \"admin\"}", f->app);
  assert_holds (f, "{\"property\": \"width\", \"at_least\": 100}", f->app);
  assert_fails (f, "{\"property\": \"width\", \"at_most\": 99}", f->app);

  /* The short form for the element's own data. */
  assert_holds (f, "{\"classification_at_least\": \"confidential\"}", f->app);
  assert_fails (f, "{\"classification_at_least\": \"restricted\"}", f->app);
  assert_fails (f, "{\"classification_at_least\": \"confidential\"}", f->db);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  /* contains: a piece of text, or an item of a list */
  assert_holds (f, "{\"property\": \"technology\", \"contains\": \"kubernetes\"}", f->app);
  assert_fails (f, "{\"property\": \"technology\", \"contains\": \"docker\"}", f->app);
  assert_holds (f, "{\"property\": \"tags\", \"contains\": \"public\"}", f->app);
  assert_holds (f, "{\"property\": \"tags\", \"contains\": [\"internal\", \"API\"]}", f->app);
  assert_fails (f, "{\"property\": \"tags\", \"contains\": \"pub\"}", f->app);
  assert_fails (f, "{\"property\": \"tags\", \"contains\": \"api\"}", f->db);
  /* matches: a regular expression, without regard to case */
  assert_holds (f, "{\"property\": \"technology\", \"matches\": \"^go\\\\b\"}", f->app);
  assert_fails (f, "{\"property\": \"technology\", \"matches\": \"^kubernetes\"}", f->app);
  assert_holds (f, "{\"property\": \"name\", \"matches\": \"quer|requ\"}", f->request);
  /* empty */
  assert_holds (f, "{\"property\": \"technology\", \"empty\": true}", f->user);
  assert_fails (f, "{\"property\": \"technology\", \"empty\": true}", f->app);
  assert_holds (f, "{\"property\": \"technology\", \"empty\": false}", f->app);
  assert_holds (f, "{\"property\": \"tags\", \"empty\": true}", f->db);
  assert_holds (f, "{\"property\": \"tags\", \"empty\": false}", f->app);
}

static void
test_truth (Fixture       *f,
            gconstpointer  data)
{
  assert_holds (f, "{\"true\": \"encrypted-in-transit\"}", f->request);
  assert_fails (f, "{\"false\": \"encrypted-in-transit\"}", f->request);
  assert_holds (f, "{\"false\": \"encrypted-in-transit\"}", f->query);
  assert_holds (f, "{\"false\": \"handles-pii\"}", f->app);
}

static void
test_kind (Fixture       *f,
           gconstpointer  data)
{
  assert_holds (f, "{\"kind\": \"actor\"}", f->user);
  assert_fails (f, "{\"kind\": \"actor\"}", f->app);
  assert_holds (f, "{\"kind\": [\"store\", \"process\"]}", f->app);
  assert_fails (f, "{\"kind\": [\"store\", \"flow\"]}", f->app);
}

static void
test_boundaries (Fixture       *f,
                 gconstpointer  data)
{
  assert_holds (f, "{\"crosses_boundary\": true}", f->request);
  assert_fails (f, "{\"crosses_boundary\": false}", f->request);
  assert_holds (f, "{\"crosses_boundary\": false}", f->query);
  /* A node crosses nothing. */
  assert_fails (f, "{\"crosses_boundary\": true}", f->app);
  assert_holds (f, "{\"crosses_boundary\": false}", f->app);
}

static void
test_ends (Fixture       *f,
           gconstpointer  data)
{
  assert_holds (f, "{\"source\": {\"kind\": \"actor\"}}", f->request);
  assert_holds (f, "{\"target\": {\"true\": \"internet-facing\"}}", f->request);
  assert_fails (f, "{\"target\": {\"kind\": \"actor\"}}", f->request);
  assert_holds (f, "{\"source\": {\"property\": \"privilege-level\", \"eq\": \"anonymous\"}}", f->request);
  /* A node has no source or target. */
  assert_fails (f, "{\"source\": {\"kind\": \"actor\"}}", f->app);
}

static void
test_node_flows (Fixture       *f,
                 gconstpointer  data)
{
  assert_holds (f, "{\"incoming\": {\"source\": {\"kind\": \"actor\"}}}", f->app);
  assert_fails (f, "{\"outgoing\": {\"source\": {\"kind\": \"actor\"}}}", f->app);
  assert_holds (f, "{\"outgoing\": {\"target\": {\"kind\": \"store\"}}}", f->app);
  assert_holds (f, "{\"flows\": {\"crosses_boundary\": true}}", f->app);
  assert_fails (f, "{\"flows\": {\"crosses_boundary\": true}}", f->db);
  assert_fails (f, "{\"incoming\": {\"kind\": \"flow\"}}", f->user);
  /* A flow both ways comes in and goes out at each end. */
  assert_holds (f, "{\"incoming\": {\"property\": \"protocol\", \"eq\": \"SQL\"}}", f->app);
  assert_holds (f, "{\"outgoing\": {\"property\": \"protocol\", \"eq\": \"SQL\"}}", f->db);
  g_object_set (f->query, "bidirectional", FALSE, NULL);
  assert_fails (f, "{\"incoming\": {\"property\": \"protocol\", \"eq\": \"SQL\"}}", f->app);
  /* Flows have no flows. */
  assert_fails (f, "{\"flows\": {\"kind\": \"flow\"}}", f->request);
}

static void
test_assets (Fixture       *f,
             gconstpointer  data)
{
  assert_holds (f, "{\"asset_classification\": {\"at_least\": \"confidential\"}}", f->db);
  assert_fails (f, "{\"asset_classification\": {\"at_least\": \"restricted\"}}", f->db);
  assert_holds (f, "{\"asset_classification\": {\"in\": [\"public\", \"confidential\"]}}", f->db);
  assert_holds (f, "{\"asset_impact\": {\"eq\": 4}}", f->db);
  assert_holds (f, "{\"asset_impact\": {\"at_least\": 4}}", f->db);
  assert_fails (f, "{\"asset_impact\": {\"at_least\": 5}}", f->db);
  /* Without a linked asset no asset test holds, not even a negative one. */
  assert_fails (f, "{\"asset_classification\": {\"neq\": \"restricted\"}}", f->app);
  assert_fails (f, "{\"asset_impact\": {\"at_most\": 5}}", f->app);
}

static void
test_combinations (Fixture       *f,
                   gconstpointer  data)
{
  assert_holds (f, "{\"all\": [{\"kind\": \"process\"}, {\"true\": \"internet-facing\"}]}", f->app);
  assert_fails (f, "{\"all\": [{\"kind\": \"process\"}, {\"false\": \"internet-facing\"}]}", f->app);
  assert_holds (f, "{\"any\": [{\"kind\": \"store\"}, {\"true\": \"internet-facing\"}]}", f->app);
  assert_fails (f, "{\"any\": [{\"kind\": \"store\"}, {\"kind\": \"actor\"}]}", f->app);
  assert_holds (f, "{\"not\": {\"kind\": \"store\"}}", f->app);
  assert_fails (f, "{\"not\": {\"not\": {\"kind\": \"store\"}}}", f->app);

  /* Nesting, through the graph and back. */
  assert_holds (f,
                "{\"all\": ["
                "  {\"kind\": \"process\"},"
                "  {\"any\": [{\"false\": \"internet-facing\"},"
                "             {\"incoming\": {\"all\": [{\"crosses_boundary\": true},"
                "                                     {\"source\": {\"not\": {\"kind\": [\"process\", \"store\"]}}}]}}]},"
                "  {\"not\": {\"any\": [{\"true\": \"handles-pii\"}, {\"true\": \"handles-payment\"}]}}"
                "]}",
                f->app);
  assert_fails (f,
                "{\"outgoing\": {\"target\": {\"incoming\": {\"source\": {\"kind\": \"actor\"}}}}}",
                f->app);
  assert_holds (f,
                "{\"outgoing\": {\"target\": {\"incoming\": {\"source\": {\"kind\": \"process\"}}}}}",
                f->app);
}

static guint
reach_of (const char *json)
{
  g_autoptr(MoatCondition) condition = parse (json);

  return moat_condition_get_reach (condition);
}

static void
test_reach (void)
{
  g_assert_cmpuint (reach_of ("{\"kind\": \"actor\"}"), ==, 0);
  g_assert_cmpuint (reach_of ("{\"crosses_boundary\": true}"), ==, 0);
  g_assert_cmpuint (reach_of ("{\"source\": {\"kind\": \"actor\"}}"), ==, 1);
  g_assert_cmpuint (reach_of ("{\"all\": [{\"kind\": \"actor\"}, {\"incoming\": {\"kind\": \"flow\"}}]}"), ==, 1);
  g_assert_cmpuint (reach_of ("{\"not\": {\"incoming\": {\"source\": {\"true\": \"internet-facing\"}}}}"), ==, 2);
  g_assert_cmpuint (reach_of ("{\"outgoing\": {\"target\": {\"incoming\": {\"kind\": \"flow\"}}}}"), ==, 3);
}

/* Bad input: the message says where and what. */
static void
assert_bad (const char *json,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autoptr(MoatCondition) condition = NULL;

  g_assert_no_error (error);
  condition = moat_condition_parse (node, "when", &error);
  g_assert_null (condition);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("%s: expected “%s” in “%s”", json, expected, error->message);
}

static void
test_bad_input (void)
{
  assert_bad ("[]", "when: expected a condition (an object), found a list");
  assert_bad ("42", "when: expected a condition (an object), found a number");
  assert_bad ("{}", "when: a condition has exactly one key");
  assert_bad ("{\"kind\": \"actor\", \"not\": {\"kind\": \"flow\"}}", "when: a condition has exactly one key");
  assert_bad ("{\"frobnicate\": 1}", "when: unknown condition “frobnicate”");
  assert_bad ("{\"property\": \"encrypted\", \"eq\": true}", "when: unknown property “encrypted”");
  assert_bad ("{\"property\": \"id\", \"eq\": \"x\"}", "unknown property “id”");
  assert_bad ("{\"property\": \"created\", \"at_least\": 0}", "unknown property “created”");
  assert_bad ("{\"property\": 3, \"eq\": true}", "“property” must name an element property");
  assert_bad ("{\"property\": \"name\"}", "exactly one operator");
  assert_bad ("{\"property\": \"name\", \"eq\": \"a\", \"neq\": \"b\"}", "exactly one operator");
  assert_bad ("{\"property\": \"name\", \"like\": \"a\"}", "unknown operator “like”");
  assert_bad ("{\"property\": \"authenticated\", \"at_least\": true}", "operator “at_least” does not apply to a yes/no");
  assert_bad ("{\"property\": \"tags\", \"eq\": \"x\"}", "operator “eq” does not apply to a list");
  assert_bad ("{\"property\": \"kind\", \"matches\": \"proc\"}", "operator “matches” does not apply to a choice");
  assert_bad ("{\"property\": \"authenticated\", \"eq\": \"yes\"}", "expected true or false, found text");
  assert_bad ("{\"property\": \"x\", \"at_least\": \"far\"}", "expected a number, found text");
  assert_bad ("{\"property\": \"data-classification\", \"at_least\": 3}", "expected a choice as text, found a number");
  assert_bad ("{\"property\": \"data-classification\", \"eq\": \"secret\"}",
              "“secret” is not one of public, internal, confidential, restricted");
  assert_bad ("{\"property\": \"protocol\", \"in\": \"HTTP\"}", "expected a list of texts, found text");
  assert_bad ("{\"property\": \"protocol\", \"in\": []}", "the list is empty");
  assert_bad ("{\"property\": \"protocol\", \"in\": [\"HTTP\", 2]}", "item 2 of the list is not text");
  assert_bad ("{\"property\": \"protocol\", \"eq\": \"\"}", "expected text that is not empty");
  assert_bad ("{\"property\": \"protocol\", \"matches\": \"(\"}", "the regular expression does not compile");
  assert_bad ("{\"property\": \"protocol\", \"empty\": 1}", "expected true or false");
  assert_bad ("{\"true\": \"name\"}", "“name” is a text, not a yes/no property");
  assert_bad ("{\"false\": \"bogus\"}", "when.false: unknown property “bogus”");
  assert_bad ("{\"true\": [\"authenticated\"]}", "expected the name of a yes/no property");
  assert_bad ("{\"classification_at_least\": \"secret\"}", "“secret” is not one of");
  assert_bad ("{\"kind\": \"cloud\"}", "when.kind: “cloud” is not one of actor, process, store, boundary, flow, note");
  assert_bad ("{\"kind\": []}", "when.kind: the list is empty");
  assert_bad ("{\"crosses_boundary\": \"yes\"}", "when.crosses_boundary: expected true or false");
  assert_bad ("{\"all\": []}", "when.all: the list is empty");
  assert_bad ("{\"any\": {\"kind\": \"actor\"}}", "when.any: expected a list of conditions, found an object");
  assert_bad ("{\"not\": [{\"kind\": \"actor\"}]}", "when.not: expected a condition (an object), found a list");
  assert_bad ("{\"source\": null}", "when.source: expected a condition (an object), found nothing");
  assert_bad ("{\"asset_impact\": {\"at_least\": 4, \"at_most\": 5}}", "when.asset_impact: expected an object with one operator");
  assert_bad ("{\"asset_impact\": {\"contains\": 4}}", "operator “contains” does not apply to a number");
  assert_bad ("{\"asset_classification\": {\"at_least\": \"top-secret\"}}", "“top-secret” is not one of");

  /* Deep inside, the path leads there. */
  assert_bad ("{\"all\": [{\"kind\": \"actor\"}, {\"any\": [{\"kind\": \"flow\"}, {\"not\": {\"property\": \"bogus\", \"eq\": 1}}]}]}",
              "when.all[1].any[1].not: unknown property “bogus”");
  assert_bad ("{\"incoming\": {\"source\": {\"true\": 1}}}", "when.incoming.source.true: expected the name");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/condition/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("eq-neq", test_eq_neq);
  ADD ("in", test_in);
  ADD ("ordering", test_ordering);
  ADD ("text", test_text);
  ADD ("truth", test_truth);
  ADD ("kind", test_kind);
  ADD ("boundaries", test_boundaries);
  ADD ("ends", test_ends);
  ADD ("node-flows", test_node_flows);
  ADD ("assets", test_assets);
  ADD ("combinations", test_combinations);
#undef ADD
  g_test_add_func ("/condition/reach", test_reach);
  g_test_add_func ("/condition/bad-input", test_bad_input);

  return g_test_run ();
}
