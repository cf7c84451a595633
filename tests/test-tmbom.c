/* test-tmbom.c: OWASP TM-BOM import and export
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-format.h"
#include "moat-limits.h"
#include "moat-test-util.h"

static char *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "threat-dragon", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static MoatModel *
import (const char        *text,
        MoatImportReport **report)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model;

  g_assert_cmpint (moat_format_detect (text, strlen (text)), ==, MOAT_FORMAT_TMBOM);
  model = moat_format_import (text, strlen (text), MOAT_FORMAT_UNKNOWN, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_true (moat_limits_check_model (model, NULL));
  return model;
}

static JsonObject *
export (MoatModel         *model,
        MoatImportReport **report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = moat_format_export (model, MOAT_FORMAT_TMBOM, report, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_assert_cmpint (moat_format_detect (text, strlen (text)), ==, MOAT_FORMAT_TMBOM);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint
count_kind (MoatModel       *model,
            MoatElementKind  kind)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);
      n += moat_element_get_kind (element) == kind;
    }

  return n;
}

static void
assert_issue (MoatImportReport    *report,
              const char          *path,
              MoatImportIssueKind  kind)
{
  const MoatImportIssue *issue = moat_import_report_find (report, path);

  if (issue == NULL)
    {
      g_autofree char *text = moat_import_report_format_text (report);
      g_error ("nothing reported at %s:\n%s", path, text);
    }
  g_assert_cmpint (issue->kind, ==, kind);
}

static gboolean
inside (MoatElement *element,
        MoatElement *boundary)
{
  return moat_element_get_x (element) >= moat_element_get_x (boundary) &&
         moat_element_get_y (element) >= moat_element_get_y (boundary) &&
         moat_element_get_x (element) + moat_element_get_width (element) <=
         moat_element_get_x (boundary) + moat_element_get_width (boundary) &&
         moat_element_get_y (element) + moat_element_get_height (element) <=
         moat_element_get_y (boundary) + moat_element_get_height (boundary);
}

/* Threat Dragon's TM-BOM demo, HuskyAI: counts, fields and report. */
static void
test_huskyai (void)
{
  g_autofree char *text = read_data ("huskyai.tmbom.json");
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import (text, &report);
  const char * const *refs;
  MoatElement *element, *zone;
  MoatThreat *threat;
  MoatControl *control;
  MoatThreatActor *actor;
  MoatAsset *asset;
  MoatAssumption *assumption;
  g_autofree char *scope = NULL;

  g_assert_cmpstr (moat_import_report_get_format_label (report), ==, "OWASP TM-BOM");
  g_assert_cmpstr (moat_model_get_title (model), ==, "Husky AI");
  g_assert_cmpstr (moat_model_get_description (model), ==, "A machine learning system to classify Huskies vs dogs");
  g_assert_cmpstr (moat_model_get_version_label (model), ==, "1.0.1");
  g_object_get (model, "scope-in", &scope, NULL);
  g_assert_true (g_str_has_prefix (scope, "A machine learning system to classify Huskies vs dogs. "));

  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_BOUNDARY), ==, 2);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_ACTOR), ==, 4);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_PROCESS), ==, 6);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_STORE), ==, 7);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_FLOW), ==, 23);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ASSET), ==, 7);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT_ACTOR), ==, 2);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 9);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), ==, 22);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ASSUMPTION), ==, 1);
  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_THREAT), ==, 9);

  /* Zones are boundaries holding their elements. */
  zone = moat_model_lookup (model, "experimental-zone");
  g_assert_cmpint (moat_element_get_kind (zone), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpstr (moat_element_get_name (zone), ==, "Experimental Trust Zone");
  element = moat_model_lookup (model, "jupyter");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_PROCESS);
  g_assert_true (inside (element, zone));
  g_assert_false (inside (element, moat_model_lookup (model, "prod-zone")));
  element = moat_model_lookup (model, "engineer");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_ACTOR);
  g_assert_cmpint (moat_element_get_privilege_level (element), ==, MOAT_PRIVILEGE_UNKNOWN);
  g_assert_cmpstr (moat_element_get_tags (element)[0], ==, "tmbom-actor:engineer");
  g_assert_false (inside (element, zone));

  /* A store: its type, vendor and product, and the data set on it. */
  element = moat_model_lookup (model, "training-images-blob");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_STORE);
  g_assert_cmpstr (moat_element_get_technology (element), ==, "Azure Blob");
  g_assert_cmpstr (moat_element_get_tags (element)[0], ==, "tmbom-store:object");
  g_assert_true (moat_element_get_encrypted_at_rest (element));
  g_assert_true (g_strv_contains (moat_element_get_asset_ids (element), "training-images"));
  asset = moat_model_lookup (model, "training-images");
  g_assert_cmpstr (moat_asset_get_name (asset), ==, "Training and Validation Images");
  g_assert_cmpint (moat_asset_get_classification (asset), ==, MOAT_CLASSIFICATION_CONFIDENTIAL);

  /* A flow between the file's named ends. */
  element = moat_model_lookup (model, "azure-cognitive-gather-images");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_FLOW);
  g_assert_cmpstr (moat_element_get_name (element), ==, "HTTPS");
  g_assert_cmpstr (moat_element_get_source_id (element), ==, "azure-cognitive-services");
  g_assert_cmpstr (moat_element_get_target_id (element), ==, "gather-images");
  g_assert_true (moat_element_get_encrypted_in_transit (element));
  g_assert_cmpint (moat_element_get_data_classification (element), ==, MOAT_CLASSIFICATION_CONFIDENTIAL);

  /* Threats: persona, CAPEC and CWE references, the worst risk's
   * likelihood and impact. */
  threat = moat_model_lookup (model, "buffer-overflow-image-processing");
  g_assert_cmpstr (moat_threat_get_actor_id (threat), ==, "ratimir");
  refs = moat_threat_get_refs (threat);
  g_assert_cmpstr (refs[0], ==, "CAPEC-100");
  g_assert_cmpstr (refs[1], ==, "CWE-120");
  g_assert_null (refs[2]);
  threat = moat_model_lookup (model, "image-tampering");
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 2);
  g_assert_cmpint (moat_threat_get_impact (threat), ==, 4);

  actor = moat_model_lookup (model, "ratimir");
  g_assert_nonnull (actor);
  g_assert_nonnull (moat_threat_actor_get_motivation (actor));

  control = moat_model_lookup (model, "sandboxing-for-image-processing");
  g_assert_cmpstr (moat_control_get_title (control), ==, "Implement sandboxing for image processing");
  g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_PROPOSED);
  g_assert_cmpstr (moat_control_get_threat_ids (control)[0], ==, "buffer-overflow-image-processing");

  assumption = g_list_model_get_item (moat_model_get_list (model, MOAT_TYPE_ASSUMPTION), 0);
  g_assert_cmpint (moat_assumption_get_status (assumption), ==, MOAT_ASSUMPTION_VALIDATED);
  g_assert_cmpstr (moat_assumption_get_element_ids (assumption)[0], ==, "prod-zone");
  g_assert_cmpstr (moat_assumption_get_element_ids (assumption)[1], ==, "experimental-zone");
  g_object_unref (assumption);

  /* What has no place in Moat is in the report, where it was. */
  assert_issue (report, "scope.business_criticality", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "trust_boundaries", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "actors[0].permissions", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "controls[0].trust_boundary", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "data_sets[6].placements[0]", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, "threats[0].event", MOAT_IMPORT_ISSUE_UNMAPPED);
}

static gboolean
is_symbolic_name (const char *name)
{
  if (name == NULL || name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

static GHashTable *
names_of (JsonObject *root,
          const char *list)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = json_object_get_array_member (root, list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (array, i),
                                                        "symbolic_name");

      g_assert_true (is_symbolic_name (name));
      g_assert_false (g_hash_table_contains (names, name));
      g_hash_table_add (names, (char *)name);
    }

  return names;
}

/* What the schema requires, and that every name a file uses is one it
 * defines. */
static void
assert_valid_tmbom (JsonObject *root)
{
  const char *required[] = {
    "version", "scope", "trust_zones", "trust_boundaries", "actors", "components", "data_stores",
    "data_sets", "data_flows",
  };
  const char *scope_keys[] = { "title", "description", "business_criticality", "data_sensitivity", "exposure", "tier" };
  g_autoptr(GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) threats = names_of (root, "threats");
  g_autoptr(GHashTable) personas = names_of (root, "threat_personas");
  g_autoptr(GHashTable) zones = names_of (root, "trust_zones");
  const char *lists[] = { "actors", "components", "data_stores" };
  JsonArray *array;

  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "$schema"),
                                   "https://github.com/OWASP/www-project-threat-model-library/"));
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    g_assert_true (json_object_has_member (root, required[i]));
  for (guint i = 0; i < G_N_ELEMENTS (scope_keys); i++)
    g_assert_true (json_object_has_member (json_object_get_object_member (root, "scope"), scope_keys[i]));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      g_autoptr(GHashTable) names = names_of (root, lists[l]);
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, names);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_hash_table_add (nodes, name);

      array = json_object_get_array_member (root, lists[l]);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *node = json_array_get_object_element (array, i);

          g_assert_true (json_object_has_member (node, "description"));
          if (json_object_has_member (node, "trust_zone"))
            g_assert_true (g_hash_table_contains (zones, json_object_get_string_member (node, "trust_zone")));
        }
    }

  array = json_object_get_array_member (root, "data_flows");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *flow = json_array_get_object_element (array, i);
      const char *ends[] = { "source", "destination" };

      g_assert_true (json_object_has_member (flow, "has_sensitive_data"));
      g_assert_true (json_object_has_member (flow, "encrypted"));
      for (guint e = 0; e < 2; e++)
        g_assert_true (g_hash_table_contains (nodes, json_object_get_string_member (
          json_object_get_object_member (flow, ends[e]), "object")));
    }

  array = json_object_get_array_member (root, "threats");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *threat = json_array_get_object_element (array, i);

      g_assert_true (g_hash_table_contains (personas, json_object_get_string_member (threat, "threat_persona")));
      g_assert_true (json_object_has_member (threat, "event"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (threat, "sources")), >, 0);
    }

  array = json_object_get_array_member (root, "controls");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonArray *ids = json_object_get_array_member (json_array_get_object_element (array, i), "threats");

      for (guint j = 0; j < json_array_get_length (ids); j++)
        g_assert_true (g_hash_table_contains (threats, json_array_get_string_element (ids, j)));
    }

  array = json_object_get_array_member (root, "risks");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 score = json_object_get_int_member (json_array_get_object_element (array, i), "score");

      g_assert_cmpint (score, >=, 0);
      g_assert_cmpint (score, <=, 25);
    }
}

/* Whether the line between the centres of @a and @b passes over @c. */
static gboolean
passes_under (MoatElement *a,
              MoatElement *b,
              MoatElement *c)
{
  double ax = moat_element_get_x (a) + moat_element_get_width (a) / 2;
  double ay = moat_element_get_y (a) + moat_element_get_height (a) / 2;
  double bx = moat_element_get_x (b) + moat_element_get_width (b) / 2;
  double by = moat_element_get_y (b) + moat_element_get_height (b) / 2;

  for (guint i = 1; i < 200; i++)
    {
      double x = ax + (bx - ax) * i / 200, y = ay + (by - ay) * i / 200;

      if (x > moat_element_get_x (c) && x < moat_element_get_x (c) + moat_element_get_width (c) &&
          y > moat_element_get_y (c) && y < moat_element_get_y (c) + moat_element_get_height (c))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_node (MoatElement *element)
{
  return moat_element_get_kind (element) != MOAT_ELEMENT_FLOW &&
         moat_element_get_kind (element) != MOAT_ELEMENT_BOUNDARY;
}

/* A TM-BOM has no drawing: the import's never draws a flow under a shape
 * it does not join, where it would read as ending there, and the same
 * file draws the same way twice. */
static void
test_huskyai_layout (void)
{
  g_autofree char *text = read_data ("huskyai.tmbom.json");
  g_autoptr(MoatModel) model = import (text, NULL);
  g_autoptr(MoatModel) again = import (text, NULL);
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = g_list_model_get_n_items (list), flows = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) flow = g_list_model_get_item (list, i);
      MoatElement *twin = MOAT_ELEMENT (moat_model_lookup (again, moat_object_get_id (MOAT_OBJECT (flow))));
      MoatElement *source, *target;

      g_assert_cmpfloat (moat_element_get_x (twin), ==, moat_element_get_x (flow));
      g_assert_cmpfloat (moat_element_get_y (twin), ==, moat_element_get_y (flow));
      if (moat_element_get_kind (flow) != MOAT_ELEMENT_FLOW)
        continue;
      source = MOAT_ELEMENT (moat_model_lookup (model, moat_element_get_source_id (flow)));
      target = MOAT_ELEMENT (moat_model_lookup (model, moat_element_get_target_id (flow)));
      flows++;
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(MoatElement) other = g_list_model_get_item (list, j);

          if (is_node (other) && other != source && other != target && passes_under (source, target, other))
            g_error ("“%s” → “%s” passes under “%s”", moat_element_get_name (source),
                     moat_element_get_name (target), moat_element_get_name (other));
        }
    }
  g_assert_cmpuint (flows, ==, 23);
}

static guint
list_length (JsonObject *root,
             const char *list)
{
  return json_array_get_length (json_object_get_array_member (root, list));
}

/* TM-BOM → Moat → TM-BOM: every object comes back, with its name. */
static void
test_huskyai_round_trip (void)
{
  g_autofree char *text = read_data ("huskyai.tmbom.json");
  g_autoptr(MoatModel) model = import (text, NULL);
  g_autoptr(JsonObject) root = export (model, NULL);
  g_autoptr(JsonObject) original = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *lists[] = {
    "trust_zones", "actors", "components", "data_stores", "data_flows", "data_sets", "assumptions",
    "threat_personas", "threats", "controls",
  };
  JsonObject *threat = NULL;
  JsonArray *array;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  original = json_object_ref (json_node_get_object (json_parser_get_root (parser)));

  assert_valid_tmbom (root);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_test_message ("%s", lists[i]);
      g_assert_cmpuint (list_length (root, lists[i]), ==, list_length (original, lists[i]));
    }

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "scope"), "title"), ==,
                   "Husky AI");
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, "1.0.1");

  array = json_object_get_array_member (root, "threats");
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), "symbolic_name"),
                     "buffer-overflow-image-processing"))
      threat = json_array_get_object_element (array, i);
  g_assert_nonnull (threat);
  g_assert_cmpstr (json_object_get_string_member (threat, "threat_persona"), ==, "ratimir");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
    json_object_get_array_member (threat, "attack_mechanisms"), 0), "capec_id"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
    json_object_get_array_member (threat, "weaknesses"), 0), "cwe_id"), ==, 120);

  array = json_object_get_array_member (root, "actors");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *actor = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (actor, "symbolic_name"), "engineer"))
        g_assert_cmpstr (json_object_get_string_member (actor, "type"), ==, "engineer");
    }
  array = json_object_get_array_member (root, "components");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *component = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (component, "symbolic_name"), "jupyter"))
        g_assert_cmpstr (json_object_get_string_member (component, "trust_zone"), ==, "experimental-zone");
    }
}

/* Moat → TM-BOM → Moat: Moat's sample model comes back with what TM-BOM
 * holds, and the report lists the rest. */
static void
test_moat_round_trip (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(JsonObject) root = export (model, &report);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(MoatModel) again = import (text, NULL);
  const GType types[] = {
    MOAT_TYPE_ASSET, MOAT_TYPE_THREAT_ACTOR, MOAT_TYPE_THREAT, MOAT_TYPE_CONTROL, MOAT_TYPE_ASSUMPTION,
  };
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  assert_valid_tmbom (root);
  g_assert_true (moat_import_report_get_exporting (report));
  g_assert_cmpstr (moat_import_report_get_format_label (report), ==, "OWASP TM-BOM");
  assert_issue (report, "scope", MOAT_IMPORT_ISSUE_GUESSED);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_cmpuint (moat_model_count (again, types[i]), ==, moat_model_count (model, types[i]));
  for (MoatElementKind kind = MOAT_ELEMENT_ACTOR; kind <= MOAT_ELEMENT_BOUNDARY; kind++)
    if (kind != MOAT_ELEMENT_NOTE)
      g_assert_cmpuint (count_kind (again, kind), ==, count_kind (model, kind));

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char *id = moat_object_get_id (MOAT_OBJECT (threat));
      g_autofree char *name = g_ascii_strdown (id, -1);
      MoatThreat *copy;

      g_strcanon (name, "abcdefghijklmnopqrstuvwxyz0123456789-", '-');
      copy = moat_model_lookup (again, name);
      g_assert_nonnull (copy);
      g_assert_cmpstr (moat_threat_get_title (copy), ==, moat_threat_get_title (threat));
      g_assert_cmpstr (moat_threat_get_description (copy), ==, moat_threat_get_description (threat));
      g_assert_cmpint (moat_threat_get_likelihood (copy), ==, moat_threat_get_likelihood (threat));
      g_assert_cmpint (moat_threat_get_impact (copy), ==, moat_threat_get_impact (threat));
      g_assert_cmpuint (g_strv_length ((char **)moat_threat_get_element_ids (copy)), ==,
                        g_strv_length ((char **)moat_threat_get_element_ids (threat)));
    }
}

/* Broken files: a clear error, or a model with the problem reported at
 * its path; never a crash. */
static void
test_malformed (void)
{
  static const char *schema = "\"$schema\": \"https://github.com/OWASP/www-project-threat-model-library/"
                              "blob/v1.0.2/threat-model.schema.json\"";
  struct {
    char       *json;
    const char *error;
    const char *path;
  } cases[] = {
    { g_strdup ("[]"), "not a JSON object", NULL },
    { g_strdup_printf ("{%s}", schema), "“scope” is missing", NULL },
    { g_strdup_printf ("{%s, \"scope\": \"x\"}", schema), "“scope” is missing", NULL },
    { g_strdup_printf ("{%s, \"scope\": {\"title\": 5}, \"actors\": 3}", schema), NULL, "actors" },
    { g_strdup_printf ("{%s, \"scope\": {}, \"actors\": [4, {\"symbolic_name\": \"a\", \"title\": \"A\","
                       " \"type\": \"robot\", \"trust_zone\": \"nowhere\"}]}", schema), NULL, "actors[1].trust_zone" },
    { g_strdup_printf ("{%s, \"scope\": {}, \"components\": [{\"symbolic_name\": \"c\"}],"
                       " \"data_flows\": [{\"symbolic_name\": \"f\", \"source\": {\"object\": \"c\"},"
                       " \"destination\": {\"object\": \"gone\"}}]}", schema), NULL, "data_flows[0]" },
    { g_strdup_printf ("{%s, \"scope\": {}, \"threats\": [{\"symbolic_name\": \"t\", \"weaknesses\": "
                       "[{\"cwe_id\": \"many\"}], \"threat_persona\": \"nobody\"}]}", schema), NULL,
      "threats[0].weaknesses[0]" },
    { g_strdup_printf ("{%s, \"scope\": {}, \"risks\": [{\"threats\": [\"none\"], \"likelihood\": \"often\"}]}",
                       schema), NULL, "risks[0]" },
    { g_strdup_printf ("{%s, \"scope\": {}, \"actors\": [{\"symbolic_name\": \"a\"}, {\"symbolic_name\": \"a\"}]}",
                       schema), NULL, "actors[1].symbolic_name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MoatModel) model = NULL;
      g_autoptr(MoatImportReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].json);
      model = moat_format_import (cases[i].json, strlen (cases[i].json), MOAT_FORMAT_TMBOM, &report, &error);
      if (cases[i].error != NULL)
        {
          g_assert_null (model);
          g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "This is not a valid TM-BOM: "));
          g_assert_nonnull (strstr (error->message, cases[i].error));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (model);
          g_assert_nonnull (moat_import_report_find (report, cases[i].path));
        }
      g_free (cases[i].json);
    }
}

/* A CycloneDX BOM is told apart, and refused with what Moat reads. */
static void
test_cyclonedx (void)
{
  const char *bom = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": "
                    "[{\"type\": \"threat-model\", \"name\": \"Architecture Diagram\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_format_import (bom, strlen (bom), MOAT_FORMAT_UNKNOWN, NULL, &error);

  g_assert_null (model);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT);
  g_assert_true (g_str_has_prefix (error->message, "This is a CycloneDX BOM"));
  g_assert_nonnull (strstr (error->message, "TM-BOM"));
}

static void
test_detect (void)
{
  const char *bare = "{\"scope\": {}, \"trust_zones\": [], \"data_flows\": []}";
  const char *scope = "{\"scope\": {}}";

  /* A TM-BOM with no $schema still has its required lists. */
  g_assert_cmpint (moat_format_detect (bare, strlen (bare)), ==, MOAT_FORMAT_TMBOM);
  g_assert_cmpint (moat_format_detect (scope, strlen (scope)), ==, MOAT_FORMAT_UNKNOWN);
  g_assert_cmpstr (moat_format_get_name (MOAT_FORMAT_TMBOM), ==, "tm-bom");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tmbom/huskyai", test_huskyai);
  g_test_add_func ("/tmbom/huskyai-layout", test_huskyai_layout);
  g_test_add_func ("/tmbom/huskyai-round-trip", test_huskyai_round_trip);
  g_test_add_func ("/tmbom/moat-round-trip", test_moat_round_trip);
  g_test_add_func ("/tmbom/malformed", test_malformed);
  g_test_add_func ("/tmbom/cyclonedx", test_cyclonedx);
  g_test_add_func ("/tmbom/detect", test_detect);

  return g_test_run ();
}
