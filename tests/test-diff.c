/* test-diff.c: what changed between two versions of a model
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-diff.h"
#include "moat-test-util.h"

/* Two known versions: v2 renames the API, encrypts the flow, adds a
 * threat, removes the note, and closes a control. */
static void
make_versions (MoatModel **v1,
               MoatModel **v2)
{
  const char *json =
    "{\"format\": \"moat\", \"format_version\": 1,"
    " \"model\": {\"id\": \"m\", \"title\": \"Checkout\"},"
    " \"diagrams\": [{\"id\": \"d\", \"title\": \"Context\"}],"
    " \"elements\": ["
    "   {\"id\": \"api\", \"diagram_id\": \"d\", \"kind\": \"process\", \"name\": \"API\"},"
    "   {\"id\": \"db\", \"diagram_id\": \"d\", \"kind\": \"store\", \"name\": \"Orders\"},"
    "   {\"id\": \"f\", \"diagram_id\": \"d\", \"kind\": \"flow\", \"name\": \"SQL\","
    "    \"source_id\": \"api\", \"target_id\": \"db\"},"
    "   {\"id\": \"n\", \"diagram_id\": \"d\", \"kind\": \"note\", \"name\": \"Old note\"}],"
    " \"threats\": [{\"id\": \"t1\", \"title\": \"SQL injection\", \"element_ids\": [\"api\"]}],"
    " \"controls\": [{\"id\": \"c1\", \"title\": \"Prepared statements\", \"threat_ids\": [\"t1\"]}]}";
  g_autoptr(MoatThreat) threat = g_object_new (MOAT_TYPE_THREAT, "id", "t2", NULL);
  g_autoptr(GError) error = NULL;

  *v1 = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  *v2 = moat_json_read (json, -1, &error);
  g_assert_no_error (error);

  g_object_set (moat_model_lookup (*v2, "api"), "name", "Payments API", NULL);
  g_object_set (moat_model_lookup (*v2, "f"), "encrypted-in-transit", TRUE, NULL);
  g_object_set (moat_model_lookup (*v2, "c1"), "status", MOAT_CONTROL_IMPLEMENTED, NULL);
  g_object_set (threat, "title", "Tampering with orders", NULL);
  moat_model_add (*v2, threat);
  moat_model_remove (*v2, moat_model_lookup (*v2, "n"));
}

static void
test_text (void)
{
  g_autoptr(MoatModel) v1 = NULL;
  g_autoptr(MoatModel) v2 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *text = NULL;

  make_versions (&v1, &v2);
  entries = moat_diff_models (v1, v2);
  text = moat_diff_format_text (entries);

  /* What it does to the risk comes first: the new threat with its levels
   * and the control's new status. */
  g_assert_cmpstr (text, ==,
                   "Risk\n"
                   "  + new threat Tampering with orders: inherent Medium, residual Medium; impact set by hand, no asset linked\n"
                   "  ~ control Prepared statements: proposed → implemented (addresses 1 threat)\n"
                   "\n"
                   "Elements\n"
                   "  - Old note\n"
                   "  ~ Payments API: name: API → Payments API\n"
                   "  ~ SQL: encrypted-in-transit: false → true\n"
                   "\n"
                   "Threats\n"
                   "  + Tampering with orders\n"
                   "\n"
                   "Controls\n"
                   "  ~ Prepared statements: status: proposed → implemented\n");
}

static void
test_same_model_has_no_differences (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(GPtrArray) entries = moat_diff_models (model, model);
  g_autofree char *text = moat_diff_format_text (entries);

  g_assert_cmpuint (entries->len, ==, 0);
  g_assert_cmpstr (text, ==, "No differences.\n");
}

static void
test_markdown_and_json (void)
{
  g_autoptr(MoatModel) v1 = NULL;
  g_autoptr(MoatModel) v2 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  make_versions (&v1, &v2);
  entries = moat_diff_models (v1, v2);
  markdown = moat_diff_format_markdown (entries);
  g_assert_nonnull (strstr (markdown, "1 added, 1 removed, 3 changed fields."));
  g_assert_nonnull (strstr (markdown, "#### Threats"));
  g_assert_nonnull (strstr (markdown, "**Tampering with orders**"));
  g_assert_nonnull (strstr (markdown, "#### Risk"));
  g_assert_nonnull (strstr (markdown, "control Prepared statements: proposed → implemented"));

  json = moat_diff_format_json (entries);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  /* Two risk entries first (the new threat, the control's status), then the five fields. */
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "kind"), ==, "risk");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "detail"), ==,
                   "addresses 1 threat");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "change"), ==, "removed");
}

/* The same differences come out in the same order whatever order the
 * objects were made in. */
static void
test_stable_order (void)
{
  g_autoptr(MoatModel) a = moat_model_new ();
  g_autoptr(MoatModel) b = moat_model_new ();
  g_autoptr(MoatModel) c = moat_model_new ();
  g_autoptr(GPtrArray) ab = NULL;
  g_autoptr(GPtrArray) ac = NULL;
  g_autofree char *tab = NULL;
  g_autofree char *tac = NULL;
  const char *names[] = { "Zeta", "Alpha", "Mu" };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MoatAsset) x = g_object_new (MOAT_TYPE_ASSET, "id", names[i], NULL);
      g_autoptr(MoatAsset) y = g_object_new (MOAT_TYPE_ASSET, "id", names[2 - i], NULL);

      g_object_set (x, "name", names[i], NULL);
      g_object_set (y, "name", names[2 - i], NULL);
      moat_model_add (b, x);
      moat_model_add (c, y);
    }

  ab = moat_diff_models (a, b);
  ac = moat_diff_models (a, c);
  tab = moat_diff_format_text (ab);
  tac = moat_diff_format_text (ac);
  g_assert_cmpstr (tab, ==, tac);
  g_assert_cmpstr (tab, ==, "Assets\n  + Alpha\n  + Mu\n  + Zeta\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/text", test_text);
  g_test_add_func ("/diff/no-differences", test_same_model_has_no_differences);
  g_test_add_func ("/diff/markdown-and-json", test_markdown_and_json);
  g_test_add_func ("/diff/stable-order", test_stable_order);

  return g_test_run ();
}
