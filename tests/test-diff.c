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

/* v2 of a small model changes the risk in each way a reviewer must see:
 * an asset's impact, a likelihood, a control put in place, an assumption
 * proved wrong, a suggestion dismissed, a threat removed. */
static GPtrArray *
diff_risk_changes (void)
{
  const char *json =
    "{\"format\": \"moat\", \"format_version\": 1,"
    " \"model\": {\"id\": \"m\", \"title\": \"Checkout\"},"
    " \"diagrams\": [{\"id\": \"d\", \"title\": \"Payments\"}],"
    " \"assets\": [{\"id\": \"cards\", \"name\": \"Card data\", \"impact_confidentiality\": 3}],"
    " \"elements\": ["
    "   {\"id\": \"vault\", \"diagram_id\": \"d\", \"kind\": \"store\", \"name\": \"Card vault\","
    "    \"asset_ids\": [\"cards\"]}],"
    " \"threats\": ["
    "   {\"id\": \"t1\", \"title\": \"Vault read\", \"category\": \"I\", \"likelihood\": 3,"
    "    \"element_ids\": [\"vault\"]},"
    "   {\"id\": \"t2\", \"title\": \"Vault flooded\", \"category\": \"D\", \"likelihood\": 4,"
    "    \"impact\": 4, \"impact_overridden\": true, \"element_ids\": [\"vault\"]},"
    "   {\"id\": \"t3\", \"title\": \"Vault keys guessed\", \"likelihood\": 1, \"impact\": 2}],"
    " \"controls\": [{\"id\": \"c1\", \"title\": \"Rate limits\", \"threat_ids\": [\"t2\"]}],"
    " \"assumptions\": [{\"id\": \"a1\", \"statement\": \"Only the API reaches the vault\","
    "    \"threat_ids\": [\"t1\"]}]}";
  g_autoptr(MoatModel) v1 = NULL;
  g_autoptr(MoatModel) v2 = NULL;
  g_autoptr(MoatDismissal) dismissal = g_object_new (MOAT_TYPE_DISMISSAL, "id", "x1", NULL);
  g_autoptr(GError) error = NULL;

  v1 = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  v2 = moat_json_read (json, -1, &error);
  g_assert_no_error (error);

  g_object_set (moat_model_lookup (v2, "cards"), "impact-confidentiality", 5, NULL);
  g_object_set (moat_model_lookup (v2, "t2"), "likelihood", 2, NULL);
  g_object_set (moat_model_lookup (v2, "c1"), "status", MOAT_CONTROL_VERIFIED, NULL);
  g_object_set (moat_model_lookup (v2, "a1"), "status", MOAT_ASSUMPTION_INVALIDATED, NULL);
  g_object_set (dismissal, "rule-id", "store-unencrypted", "element-id", "vault",
                "reason", "Encrypted by the storage layer", NULL);
  moat_model_add (v2, dismissal);
  moat_model_remove (v2, moat_model_lookup (v2, "t3"));

  return moat_diff_models (v1, v2);
}

static char *
risk_section (const char *text)
{
  const char *end = strstr (text, "\n\n");

  g_assert_true (g_str_has_prefix (text, "Risk\n"));
  return g_strndup (text, end ? (gsize) (end - text) : strlen (text));
}

/* Each kind of change says what happened to the risk and why. */
static void
test_risk_change_kinds (void)
{
  g_autoptr(GPtrArray) entries = diff_risk_changes ();
  g_autofree char *text = moat_diff_format_text (entries);
  g_autofree char *risk = risk_section (text);
  g_auto(GStrv) lines = g_strsplit (risk, "\n", -1);
  g_autofree char *markdown = moat_diff_format_markdown (entries);
  g_auto(GStrv) parts = NULL;
  g_autofree char *unescaped = NULL;

  /* Dismissals and gone threats first, then status changes, then the
   * levels with their cause: the asset's impact raised Vault read; the
   * likelihood and the verified control lowered Vault flooded. */
  g_assert_cmpstr (lines[1], ==, "  + suggestion dismissed: rule store-unencrypted on Card vault (Payments), "
                   "because “Encrypted by the storage layer”");
  g_assert_cmpstr (lines[2], ==, "  - threat Vault keys guessed gone: it was inherent Low, residual Low");
  g_assert_cmpstr (lines[3], ==, "  ~ assumption Only the API reaches the vault: unvalidated → invalidated "
                   "(1 threat relies on it)");
  g_assert_cmpstr (lines[4], ==, "  ~ control Rate limits: proposed → verified (addresses 1 threat)");
  g_assert_cmpstr (lines[5], ==, "  ~ threat Vault flooded: inherent High, residual High → "
                   "inherent Medium, residual Medium, because likelihood 4 → 2; control “Rate limits” now verified");
  g_assert_cmpstr (lines[6], ==, "  ~ threat Vault read: inherent Medium, residual Medium → "
                   "inherent High, residual High, because impact 3 → 5, from asset Card data, confidentiality 5");
  g_assert_null (lines[7]);

  /* Markdown for a merge request carries the same lines, escaped. */
  g_assert_nonnull (strstr (markdown, "#### Risk"));
  unescaped = g_strjoinv ("", (parts = g_strsplit (markdown, "\\", -1)));
  for (guint i = 1; lines[i] != NULL; i++)
    g_assert_nonnull (strstr (unescaped, lines[i] + 4));
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
  g_test_add_func ("/diff/risk-change-kinds", test_risk_change_kinds);

  return g_test_run ();
}
