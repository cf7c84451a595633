/* test-json.c: Moat's native JSON format
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-test-util.h"

/* export → import → export gives the same bytes, and loses nothing. */
static void
test_round_trip (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = moat_json_write (model, NULL);
  g_autofree char *second = NULL;

  loaded = moat_json_read (first, -1, &error);
  g_assert_no_error (error);
  moat_test_assert_models_equal (model, loaded);

  second = moat_json_write (loaded, NULL);
  g_assert_cmpstr (first, ==, second);
}

/* The text does not depend on the order objects were made in, so a model
 * in git shows only real changes. */
static void
test_canonical_order (void)
{
  g_autoptr(MoatModel) a = moat_model_new ();
  g_autoptr(MoatModel) b = NULL;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;
  const char *ids[] = { "c-id", "a-id", "b-id" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(MoatAsset) asset = g_object_new (MOAT_TYPE_ASSET, "id", ids[i], NULL);
      g_object_set (asset, "name", ids[i], NULL);
      _moat_object_set_timestamps (MOAT_OBJECT (asset), 1, 1);
      moat_model_add (a, asset);
    }
  ta = moat_json_write (a, NULL);

  b = moat_json_read (ta, -1, NULL);
  g_assert_nonnull (b);
  tb = moat_json_write (b, NULL);
  g_assert_cmpstr (ta, ==, tb);

  g_assert_true (strstr (ta, "\"a-id\"") < strstr (ta, "\"b-id\""));
  g_assert_true (strstr (ta, "\"b-id\"") < strstr (ta, "\"c-id\""));
  /* Keys are sorted within each object. */
  g_assert_true (strstr (ta, "\"assets\"") < strstr (ta, "\"format\""));
  g_assert_true (strstr (ta, "\"format\"") < strstr (ta, "\"model\""));
  g_assert_true (g_str_has_suffix (ta, "}\n"));
}

static void
test_readable_values (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autofree char *text = moat_json_write (model, NULL);

  /* Enums by name, times in ISO 8601, fields in snake_case. */
  g_assert_nonnull (strstr (text, "\"kind\" : \"flow\""));
  g_assert_nonnull (strstr (text, "\"data_classification\" : \""));
  g_assert_nonnull (strstr (text, "\"element_ids\" : ["));
  g_assert_nonnull (strstr (text, "\"format\" : \"moat\""));
  g_assert_true (g_regex_match_simple ("\"created\" : \"\\d{4}-\\d\\d-\\d\\dT", text, 0, 0));
}

static MoatModel *
read_with_error (const char *json,
                 int         code,
                 const char *fragment)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_json_read (json, -1, &error);

  g_assert_null (model);
  g_assert_error (error, MOAT_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
  g_test_message ("%s", error->message);
  return NULL;
}

#define HEAD "{\"format\": \"moat\", \"format_version\": 1, \"model\": {\"id\": \"m\"}, "
#define DIAGRAM "\"diagrams\": [{\"id\": \"d\"}], "

static void
test_bad_input (void)
{
  read_with_error ("", MOAT_ERROR_NOT_MOAT, NULL);
  read_with_error ("{\"format\": ", MOAT_ERROR_INVALID, "JSON");
  read_with_error ("[1, 2]", MOAT_ERROR_NOT_MOAT, NULL);
  read_with_error ("{\"cells\": []}", MOAT_ERROR_NOT_MOAT, NULL);
  read_with_error ("{\"format\": 5}", MOAT_ERROR_NOT_MOAT, NULL);
  read_with_error ("{\"format\": {\"a\": 1}}", MOAT_ERROR_NOT_MOAT, NULL);
  read_with_error ("{\"format\": null}", MOAT_ERROR_NOT_MOAT, NULL);
  read_with_error ("{\"format\": \"moat\", \"format_version\": 7, \"model\": {\"id\": \"m\"}}",
                   MOAT_ERROR_NEWER_VERSION, NULL);
  read_with_error ("{\"format\": \"moat\", \"format_version\": \"1\"}", MOAT_ERROR_INVALID, "format_version");
  read_with_error ("{\"format\": \"moat\", \"format_version\": 1}", MOAT_ERROR_INVALID, "model");
  read_with_error ("{\"format\": \"moat\", \"format_version\": 1, \"model\": {\"title\": \"x\"}}",
                   MOAT_ERROR_INVALID, "id");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"likelihood\": \"high\"}]}",
                   MOAT_ERROR_INVALID, "threats[0].likelihood");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"likelihood\": 9}]}",
                   MOAT_ERROR_INVALID, "between 1 and 5");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"status\": \"done\"}]}",
                   MOAT_ERROR_INVALID, "mitigated");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"colour\": \"red\"}]}",
                   MOAT_ERROR_INVALID, "threats[0].colour");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\"}, {\"id\": \"t\"}]}",
                   MOAT_ERROR_INVALID, "twice");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"element_ids\": [\"ghost\"]}]}",
                   MOAT_ERROR_INVALID, "ghost");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"actor_id\": \"nobody\"}]}",
                   MOAT_ERROR_INVALID, "nobody");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"element_ids\": \"e\"}]}",
                   MOAT_ERROR_INVALID, "list");
  read_with_error (HEAD "\"threats\": {\"id\": \"t\"}}", MOAT_ERROR_INVALID, "threats");
  read_with_error (HEAD "\"threats\": [42]}", MOAT_ERROR_INVALID, "threats[0]");
  read_with_error (HEAD "\"elements\": [{\"id\": \"e\"}]}", MOAT_ERROR_INVALID, "no diagram");
  read_with_error (HEAD DIAGRAM "\"elements\": [{\"id\": \"e\", \"diagram_id\": \"d\", \"kind\": \"flow\"}]}",
                   MOAT_ERROR_INVALID, "source");
  read_with_error (HEAD DIAGRAM "\"elements\": [{\"id\": \"e\", \"diagram_id\": \"d\", \"x\": 1e308}]}",
                   MOAT_ERROR_INVALID, "range");
  read_with_error (HEAD DIAGRAM "\"elements\": [{\"id\": \"e\", \"diagram_id\": \"d\", \"points\": [[1]]}]}",
                   MOAT_ERROR_INVALID, "points");
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"created\": \"yesterday\"}]}",
                   MOAT_ERROR_INVALID, "created");
  /* An asset is not a diagram, even with a matching id. */
  read_with_error (HEAD "\"assets\": [{\"id\": \"d\"}], \"elements\": [{\"id\": \"e\", \"diagram_id\": \"d\"}]}",
                   MOAT_ERROR_INVALID, "diagram");
  read_with_error ("{\"format\": \"moat\", \"title\": \"\xff\xfe\"}", MOAT_ERROR_INVALID, "UTF-8");
}

/* The README promises strict import: a key given twice, where json-glib
 * would keep the last without a word, and a list Moat does not know (a
 * typo that would drop every threat) are errors naming where they are. */
static void
test_strict_keys (void)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GError) error = NULL;

  read_with_error (HEAD "\"threats\": [{\"id\": \"a\"}, {\"id\": \"t\", \"title\": \"x\", \"title\": \"y\"}]}",
                   MOAT_ERROR_INVALID, "threats[1].title");
  read_with_error ("{\"format\": \"moat\", \"format\": \"moat\"}", MOAT_ERROR_INVALID, "format:");
  /* An escape spells the same key. */
  read_with_error (HEAD "\"threats\": [{\"id\": \"t\", \"\\u0069d\": \"u\"}]}",
                   MOAT_ERROR_INVALID, "threats[0].id");
  read_with_error (HEAD "\"threat\": [{\"id\": \"t\"}]}", MOAT_ERROR_INVALID, "threat:");

  /* One name in two objects, or as a value, is fine. */
  model = moat_json_read (HEAD "\"threats\": [{\"id\": \"id\", \"title\": \"title\"},"
                          " {\"id\": \"t2\", \"title\": \"title, \\\"id\\\": 1\"}]}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 2);
}

static void
test_minimal_and_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;
  MoatElement *element;

  model = moat_json_read (HEAD DIAGRAM "\"elements\": [{\"id\": \"e\", \"diagram_id\": \"d\","
                          " \"name\": \"Web\", \"x\": 40}]}", -1, &error);
  g_assert_no_error (error);
  element = moat_model_lookup (model, "e");
  g_assert_cmpstr (moat_element_get_name (element), ==, "Web");
  g_assert_cmpfloat (moat_element_get_x (element), ==, 40.0);
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpfloat (moat_element_get_width (element), >, 0);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 0);
}

static void
test_deep_nesting_is_refused (void)
{
  GString *json = g_string_new (HEAD "\"threats\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  read_with_error (json->str, MOAT_ERROR_INVALID, NULL);
  g_string_free (json, TRUE);
}

/* An element keeps its z-order through JSON; one from a file written
 * before there was one stacks at 0, in the order of the file. */
static void
test_z_order (void)
{
  static const char json[] =
    HEAD DIAGRAM "\"elements\": ["
    "{\"id\": \"old\", \"diagram_id\": \"d\", \"kind\": \"process\"},"
    "{\"id\": \"raised\", \"diagram_id\": \"d\", \"kind\": \"process\", \"z_order\": 7},"
    "{\"id\": \"lowered\", \"diagram_id\": \"d\", \"kind\": \"store\", \"z_order\": -3}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_json_read (json, -1, &error);
  g_autoptr(MoatModel) again = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (moat_element_get_z_order (moat_model_lookup (model, "old")), ==, 0);
  g_assert_cmpint (moat_element_get_z_order (moat_model_lookup (model, "raised")), ==, 7);
  written = moat_json_write (model, NULL);
  g_assert_nonnull (strstr (written, "\"z_order\" : -3"));
  again = moat_json_read (written, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moat_element_get_z_order (moat_model_lookup (again, "raised")), ==, 7);
  g_assert_cmpint (moat_element_get_z_order (moat_model_lookup (again, "lowered")), ==, -3);

  read_with_error (HEAD DIAGRAM "\"elements\": [{\"id\": \"e\", \"diagram_id\": \"d\", \"z_order\": 3000000000}]}",
                   MOAT_ERROR_INVALID, "z_order");
}

/* The example shipped with Moat is a model worth opening, and canonical. */
static void
test_bundled_example (void)
{
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "examples",
                                            "payment-service.moat.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *written = NULL;
  GListModel *elements;
  guint boundaries = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the example model is not there");
      return;
    }

  model = moat_json_read_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), >=, 3);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), >=, 25);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ASSET), >=, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT_ACTOR), >=, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), >=, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), >=, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ASSUMPTION), >=, 1);

  elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      boundaries += moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY;
    }
  g_assert_cmpuint (boundaries, >=, 3);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  written = moat_json_write (model, NULL);
  g_assert_cmpstr (contents, ==, written);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/round-trip", test_round_trip);
  g_test_add_func ("/json/canonical-order", test_canonical_order);
  g_test_add_func ("/json/readable-values", test_readable_values);
  g_test_add_func ("/json/bad-input", test_bad_input);
  g_test_add_func ("/json/strict-keys", test_strict_keys);
  g_test_add_func ("/json/minimal-and-defaults", test_minimal_and_defaults);
  g_test_add_func ("/json/z-order", test_z_order);
  g_test_add_func ("/json/deep-nesting", test_deep_nesting_is_refused);
  g_test_add_func ("/json/bundled-example", test_bundled_example);

  return g_test_run ();
}
