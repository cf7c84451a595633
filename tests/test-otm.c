/* test-otm.c: Open Threat Model import and export
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-format.h"
#include "moat-test-util.h"

static char *
read_sample (const char *name)
{
  g_autofree char *dir = moat_test_shared_dir ("samples/otm");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (dir == NULL)
    {
      g_test_skip ("../shared/samples is not there");
      return NULL;
    }

  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static MoatModel *
import (const char        *text,
        MoatImportReport **report)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_format_import (text, strlen (text), MOAT_FORMAT_OTM, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static char *
export (MoatModel         *model,
        MoatImportReport **report)
{
  g_autoptr(GError) error = NULL;
  char *text = moat_format_export (model, MOAT_FORMAT_OTM, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
assert_valid_model (MoatModel *model)
{
  g_autofree char *json = moat_json_write (model, NULL);
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(GError) error = NULL;

  again = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
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

/* ---- JSON helpers ---- */

static JsonObject *
member_object (JsonObject *object,
               const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

static double
member_double (JsonObject *object,
               const char *key)
{
  g_assert_true (object != NULL && json_object_has_member (object, key));
  return json_object_get_double_member (object, key);
}

static JsonObject *
root_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static JsonObject *
find_by_id (JsonObject *root,
            const char *list,
            const char *id)
{
  JsonArray *array = member_array (root, list);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (member_string (object, "id"), id) == 0)
        return object;
    }

  g_error ("%s: no %s", list, id);
}

static void
assert_drawn_alike (JsonObject *a,
                    JsonObject *b)
{
  JsonObject *ra = json_array_get_object_element (member_array (a, "representations"), 0);
  JsonObject *rb = json_array_get_object_element (member_array (b, "representations"), 0);

  g_assert_cmpstr (member_string (ra, "representation"), ==, member_string (rb, "representation"));
  g_assert_cmpfloat (member_double (member_object (ra, "position"), "x"), ==,
                     member_double (member_object (rb, "position"), "x"));
  g_assert_cmpfloat (member_double (member_object (ra, "position"), "y"), ==,
                     member_double (member_object (rb, "position"), "y"));
  g_assert_cmpfloat (member_double (member_object (ra, "size"), "width"), ==,
                     member_double (member_object (rb, "size"), "width"));
  g_assert_cmpfloat (member_double (member_object (ra, "size"), "height"), ==,
                     member_double (member_object (rb, "size"), "height"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

/* The threats an element lists, with the mitigations of each, as text
 * that does not depend on order. */
static char *
instances_text (JsonObject *object)
{
  JsonArray *threats = member_array (object, "threats");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; threats != NULL && i < json_array_get_length (threats); i++)
    {
      JsonObject *instance = json_array_get_object_element (threats, i);
      JsonArray *mitigations = member_array (instance, "mitigations");
      GString *line = g_string_new (member_string (instance, "threat"));

      for (guint j = 0; mitigations != NULL && j < json_array_get_length (mitigations); j++)
        g_string_append_printf (line, " %s",
                                member_string (json_array_get_object_element (mitigations, j), "mitigation"));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s;", (char *)g_ptr_array_index (lines, i));
  return g_strdup (text->str);
}

static char *
category_key (JsonObject *threat)
{
  JsonArray *categories = member_array (threat, "categories");
  const char *first = categories ? json_array_get_string_element (categories, 0) : "";
  GString *key = g_string_new (NULL);

  for (const char *p = first; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  if (key->len > 0 && key->str[key->len - 1] == 's')
    g_string_truncate (key, key->len - 1);
  return g_string_free (key, FALSE);
}

static int
step (JsonObject *risk,
      const char *key)
{
  return MIN (4, (int)(member_double (risk, key) / 20));
}

/* OTM → Moat → OTM keeps every trust zone, component, data flow, threat
 * and mitigation, their links and their positions. */
static void
test_sample_round_trip (void)
{
  g_autofree char *text = read_sample ("mobile-cloud.otm.json");
  g_autoptr(MoatModel) model = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  const char *lists[] = { "trustZones", "components", "dataflows", "threats", "mitigations" };

  if (text == NULL)
    return;

  model = import (text, NULL);
  assert_valid_model (model);
  exported = export (model, NULL);
  a = root_object (text);
  b = root_object (exported);

  g_assert_cmpstr (member_string (member_object (a, "project"), "name"), ==,
                   member_string (member_object (b, "project"), "name"));
  g_assert_cmpstr (member_string (member_object (a, "project"), "id"), ==,
                   member_string (member_object (b, "project"), "id"));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *array = member_array (a, lists[l]);

      g_assert_cmpuint (json_array_get_length (array), ==, json_array_get_length (member_array (b, lists[l])));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          JsonObject *copy = find_by_id (b, lists[l], member_string (object, "id"));

          g_assert_cmpstr (member_string (object, "name"), ==, member_string (copy, "name"));
          g_assert_cmpstr (member_string (object, "description"), ==, member_string (copy, "description"));

          if (l <= 1)
            assert_drawn_alike (object, copy);
          if (l == 1)
            {
              g_autofree char *ia = instances_text (object);
              g_autofree char *ib = instances_text (copy);

              g_assert_cmpstr (member_string (member_object (object, "parent"), "trustZone"), ==,
                               member_string (member_object (copy, "parent"), "trustZone"));
              g_assert_cmpstr (ia, ==, ib);
            }
          if (l == 2)
            {
              g_assert_cmpstr (member_string (object, "source"), ==, member_string (copy, "source"));
              g_assert_cmpstr (member_string (object, "destination"), ==, member_string (copy, "destination"));
              g_assert_cmpint (json_object_get_boolean_member (object, "bidirectional"), ==,
                               json_object_get_boolean_member (copy, "bidirectional"));
            }
          if (l == 3)
            {
              g_autofree char *ca = category_key (object);
              g_autofree char *cb = category_key (copy);
              JsonObject *ra = member_object (object, "risk"), *rb = member_object (copy, "risk");

              g_assert_cmpstr (ca, ==, cb);
              g_assert_cmpint (step (ra, "likelihood"), ==, step (rb, "likelihood"));
              g_assert_cmpint (step (ra, "impact"), ==, step (rb, "impact"));
            }
        }
    }
}

static MoatElement *
find_element (MoatModel  *model,
              const char *name)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);

      if (g_strcmp0 (moat_element_get_name (element), name) == 0)
        return element;
    }

  g_error ("no element named “%s”", name);
}

static gboolean
contains (MoatElement *outer,
          MoatElement *inner)
{
  return moat_element_get_x (inner) >= moat_element_get_x (outer) &&
         moat_element_get_y (inner) >= moat_element_get_y (outer) &&
         moat_element_get_x (inner) + moat_element_get_width (inner) <=
           moat_element_get_x (outer) + moat_element_get_width (outer) &&
         moat_element_get_y (inner) + moat_element_get_height (inner) <=
           moat_element_get_y (outer) + moat_element_get_height (outer);
}

static gboolean
overlap (MoatElement *a,
         MoatElement *b)
{
  return moat_element_get_x (a) < moat_element_get_x (b) + moat_element_get_width (b) &&
         moat_element_get_x (b) < moat_element_get_x (a) + moat_element_get_width (a) &&
         moat_element_get_y (a) < moat_element_get_y (b) + moat_element_get_height (b) &&
         moat_element_get_y (b) < moat_element_get_y (a) + moat_element_get_height (a);
}

/* The Microsoft tool's model, in detail. */
static void
test_sample_details (void)
{
  g_autofree char *text = read_sample ("mobile-cloud.otm.json");
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  MoatElement *db, *cloud;
  MoatThreat *threat;
  MoatControl *control;

  if (text == NULL)
    return;

  model = import (text, &report);
  g_assert_cmpstr (moat_model_get_title (model), ==, "mtmt_project_name");
  g_assert_cmpstr (moat_object_get_id (MOAT_OBJECT (model)), ==, "mtmt_project_id");
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 12);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 43);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), ==, 43);

  /* Kinds guessed from the component types, and each guess reported. */
  db = find_element (model, "Accounting PostgreSQL");
  g_assert_cmpint (moat_element_get_kind (db), ==, MOAT_ELEMENT_STORE);
  g_assert_cmpint (moat_element_get_kind (find_element (model, "Mobile Client")), ==, MOAT_ELEMENT_ACTOR);
  g_assert_cmpint (moat_element_get_kind (find_element (model, "Public API v2")), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpint (moat_element_get_kind (find_element (model, "Azure File Storage")), ==, MOAT_ELEMENT_STORE);
  assert_issue (report, "components[0].type", MOAT_IMPORT_ISSUE_GUESSED);
  assert_issue (report, "components[1].type", MOAT_IMPORT_ISSUE_GUESSED);

  /* Component positions are relative to their trust zone. */
  cloud = find_element (model, "Public Cloud");
  g_assert_cmpint (moat_element_get_kind (cloud), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpfloat (moat_element_get_x (cloud), ==, 744);
  g_assert_cmpfloat (moat_element_get_width (cloud), ==, 371);
  g_assert_cmpfloat (moat_element_get_x (db), ==, 744 + 231);
  g_assert_cmpfloat (moat_element_get_y (db), ==, 142 + 40);
  g_assert_true (contains (cloud, db));
  g_assert_true (contains (find_element (model, "Internet"), find_element (model, "Mobile Client")));

  threat = moat_model_lookup (model, "55");
  g_assert_cmpstr (moat_threat_get_category (threat), ==, "E");
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 5);
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  g_assert_cmpstr (moat_threat_get_element_ids (threat)[0], ==, moat_object_get_id (MOAT_OBJECT (db)));

  /* Mitigation ids repeat threat ids: kept apart by a prefix. */
  control = moat_model_lookup (model, "mitigation-55");
  g_assert_nonnull (control);
  g_assert_cmpstr (moat_control_get_threat_ids (control)[0], ==, "55");
  g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_PROPOSED);
  assert_issue (report, "mitigations[0].riskReduction", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "trustZones[0].risk.trustRating", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "representations[0]", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "components[1].properties.Mobile Client Technologies", MOAT_IMPORT_ISSUE_UNMAPPED);

  g_assert_true (moat_element_get_asset_ids (db) == NULL || moat_element_get_asset_ids (db)[0] == NULL);
}

/* The test model with every field set, drawn with sizes a diagram can
 * have (its random ones may be negative, which no importer accepts). */
static MoatModel *
sample_model (void)
{
  MoatModel *model = moat_test_sample_model ();
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  const char *fields[] = { "width", "height" };

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatObject) element = g_list_model_get_item (list, i);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (element), fields[f]);
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_DOUBLE);
          g_value_set_double (&value, fabs (g_value_get_double (moat_object_peek_value (element, pspec))) + 10);
          _moat_object_store_value (element, pspec, &value);
        }
    }

  return model;
}

/* Moat → OTM → Moat keeps every field OTM can hold, through its own
 * members or moat: attributes; what it cannot hold is in the report. */
static void
test_moat_round_trip (void)
{
  g_autoptr(MoatModel) model = sample_model ();
  g_autoptr(MoatModel) back = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatImportReport) import_report = NULL;
  g_autofree char *text = export (model, &report);
  const GType kept[] = {
    MOAT_TYPE_DIAGRAM, MOAT_TYPE_ASSET, MOAT_TYPE_ELEMENT, MOAT_TYPE_THREAT, MOAT_TYPE_CONTROL,
  };
  const GType dropped[] = {
    MOAT_TYPE_THREAT_ACTOR, MOAT_TYPE_ASSUMPTION, MOAT_TYPE_DISMISSAL, MOAT_TYPE_WORKSHOP_SESSION,
  };
  const char *lost[] = { "actor-id", "child-diagram-id", NULL };
  const char *model_fields[] = {
    "title", "owner", "description", "version-label", "business-purpose", "failure-impact",
    "impact-scale", "scope-in", "scope-out", "rule-sets",
  };

  back = import (text, &import_report);
  assert_valid_model (back);
  g_assert_cmpstr (moat_object_get_id (MOAT_OBJECT (back)), ==, moat_object_get_id (MOAT_OBJECT (model)));

  for (guint f = 0; f < G_N_ELEMENTS (model_fields); f++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (model), model_fields[f]);
      g_assert_true (moat_value_equal (moat_object_peek_value (MOAT_OBJECT (model), pspec),
                                       moat_object_peek_value (MOAT_OBJECT (back), pspec)));
    }

  for (guint t = 0; t < G_N_ELEMENTS (kept); t++)
    {
      GListModel *list = moat_model_get_list (model, kept[t]);

      g_assert_cmpuint (moat_model_count (back, kept[t]), ==, g_list_model_get_n_items (list));
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
          MoatObject *copy = moat_model_lookup (back, moat_object_get_id (object));
          GParamSpec **fields;
          guint n_fields;

          g_assert_nonnull (copy);
          fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (object), &n_fields);
          for (guint f = 0; f < n_fields; f++)
            {
              g_autofree char *ta = moat_value_to_text (fields[f], moat_object_peek_value (object, fields[f]));
              g_autofree char *tb = moat_value_to_text (fields[f], moat_object_peek_value (copy, fields[f]));

              if (g_strv_contains (lost, fields[f]->name))
                continue;
              if (!moat_value_equal (moat_object_peek_value (object, fields[f]),
                                     moat_object_peek_value (copy, fields[f])))
                g_error ("%s %s: %s was %s, is %s", moat_object_get_kind_name (object),
                         moat_object_get_id (object), fields[f]->name, ta, tb);
            }
        }
    }

  for (guint t = 0; t < G_N_ELEMENTS (dropped); t++)
    {
      g_assert_cmpuint (moat_model_count (back, dropped[t]), ==, 0);
      g_assert_cmpuint (moat_model_count (model, dropped[t]), ==, 1);
    }
  assert_issue (report, "threat_actor “", MOAT_IMPORT_ISSUE_SKIPPED);
  assert_issue (report, "assumption “", MOAT_IMPORT_ISSUE_SKIPPED);
  assert_issue (report, "dismissal “", MOAT_IMPORT_ISSUE_SKIPPED);
  assert_issue (report, "workshop_session “", MOAT_IMPORT_ISSUE_SKIPPED);

  /* Placeholders Moat wrote only because OTM requires them are not news
   * when the file comes back. */
  g_assert_null (moat_import_report_find (import_report, "mitigations[0].riskReduction"));
}

static const char layout_file[] =
  "{\"otmVersion\": \"0.1.0\", \"project\": {\"name\": \"Shop\", \"id\": \"shop\"},"
  " \"trustZones\": ["
  "  {\"id\": \"internet\", \"name\": \"Internet\", \"risk\": {\"trustRating\": 1}},"
  "  {\"id\": \"cloud\", \"name\": \"Cloud\", \"risk\": {\"trustRating\": 50}},"
  "  {\"id\": \"private\", \"name\": \"Private\", \"risk\": {\"trustRating\": 90},"
  "   \"parent\": {\"trustZone\": \"cloud\"}}],"
  " \"components\": ["
  "  {\"id\": \"user\", \"name\": \"User\", \"type\": \"generic-client\", \"parent\": {\"trustZone\": \"internet\"}},"
  "  {\"id\": \"api\", \"name\": \"API\", \"type\": \"web-service\", \"parent\": {\"trustZone\": \"cloud\"}},"
  "  {\"id\": \"queue\", \"name\": \"Queue\", \"type\": \"sqs-queue\", \"parent\": {\"trustZone\": \"cloud\"}},"
  "  {\"id\": \"worker\", \"name\": \"Worker\", \"type\": \"generic-service\", \"parent\": {\"trustZone\": \"cloud\"}},"
  "  {\"id\": \"db\", \"name\": \"DB\", \"type\": \"postgres-db\", \"parent\": {\"trustZone\": \"private\"}},"
  "  {\"id\": \"lost\", \"name\": \"Lost\", \"type\": \"generic-service\", \"parent\": {\"trustZone\": \"nowhere\"}}],"
  " \"dataflows\": [{\"id\": \"f\", \"name\": \"order\", \"source\": \"user\", \"destination\": \"api\"}]}";

/* A file with no positions still gives a readable diagram: each
 * component inside its zone, nothing on top of anything else. */
static void
test_layout (void)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import (layout_file, &report);
  MoatElement *internet = moat_model_lookup (model, "internet");
  MoatElement *cloud = moat_model_lookup (model, "cloud");
  MoatElement *private = moat_model_lookup (model, "private");
  const char *in_cloud[] = { "api", "queue", "worker", "private" };
  const char *everything[] = { "user", "api", "queue", "worker", "db", "lost", "internet", "cloud" };

  assert_valid_model (model);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_true (contains (internet, moat_model_lookup (model, "user")));
  g_assert_true (contains (private, moat_model_lookup (model, "db")));
  for (guint i = 0; i < G_N_ELEMENTS (in_cloud); i++)
    g_assert_true (contains (cloud, moat_model_lookup (model, in_cloud[i])));

  /* Siblings apart; zones apart. */
  for (guint i = 0; i < G_N_ELEMENTS (everything); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (everything); j++)
      {
        MoatElement *a = moat_model_lookup (model, everything[i]);
        MoatElement *b = moat_model_lookup (model, everything[j]);

        if (contains (a, b) || contains (b, a))
          continue;
        if (overlap (a, b))
          g_error ("%s and %s overlap", everything[i], everything[j]);
      }

  g_assert_cmpint (moat_element_get_kind (moat_model_lookup (model, "queue")), ==, MOAT_ELEMENT_STORE);
  g_assert_cmpint (moat_element_get_kind (moat_model_lookup (model, "db")), ==, MOAT_ELEMENT_STORE);
  assert_issue (report, "components[5].parent", MOAT_IMPORT_ISSUE_INVALID);
}

static const char bad_file[] =
  "{\"otmVersion\": \"0.1.0\", \"project\": {\"name\": 7, \"id\": \"p\", \"ownerContact\": \"a@b\"},"
  " \"representations\": [{\"name\": \"D\", \"id\": \"d\", \"type\": \"diagram\"}],"
  " \"trustZones\": ["
  "  {\"id\": \"z1\", \"name\": \"One\", \"risk\": {\"trustRating\": 1}, \"parent\": {\"trustZone\": \"z2\"}},"
  "  {\"id\": \"z2\", \"name\": \"Two\", \"risk\": {\"trustRating\": 1}, \"parent\": {\"trustZone\": \"z1\"},"
  "   \"representations\": [{\"representation\": \"d\", \"id\": \"r\", \"position\": {\"x\": 1e308, \"y\": -1e300},"
  "                         \"size\": {\"width\": -5, \"height\": 1e300}}]}],"
  " \"components\": ["
  "  {\"id\": \"c\", \"name\": \"C\", \"type\": \"generic-service\", \"parent\": {\"trustZone\": \"z1\"},"
  "   \"threats\": [{\"threat\": \"ghost\", \"state\": \"exposed\"},"
  "                 {\"threat\": \"t\", \"state\": \"partly-mitigated\","
  "                  \"mitigations\": [{\"mitigation\": \"m\", \"state\": \"implemented\"},"
  "                                    {\"mitigation\": \"nothing\", \"state\": \"implemented\"}]}],"
  "   \"attributes\": {\"moat:kind\": \"flow\", \"moat:technology\": \"Go\", \"moat:reviewed\": \"maybe\","
  "                    \"moat:source-id\": \"c\", \"owner\": \"team\"}},"
  "  {\"id\": \"c\", \"name\": \"Copy\", \"type\": \"generic-service\", \"parent\": {\"trustZone\": \"z1\"}},"
  "  \"nonsense\"],"
  " \"dataflows\": ["
  "  {\"id\": \"f1\", \"name\": \"to ghost\", \"source\": \"c\", \"destination\": \"ghost\","
  "   \"threats\": [{\"threat\": \"t\", \"state\": \"exposed\"}]},"
  "  {\"id\": \"f2\", \"name\": \"to zone\", \"source\": \"c\", \"destination\": \"z1\"}],"
  " \"threats\": [{\"id\": \"t\", \"name\": \"T\", \"categories\": [\"Tampering\", \"Spoofing\"],"
  "               \"cwes\": [\"CWE-79\"], \"risk\": {\"likelihood\": 1e999, \"impact\": \"high\"}}],"
  " \"mitigations\": [{\"id\": \"m\", \"name\": \"M\", \"riskReduction\": 40}],"
  " \"extra\": true}";

/* Dangling and repeated ids, loops, impossible numbers, wrong types,
 * attributes that try to break the model: a partial import, with each
 * problem listed where it was. */
static void
test_bad_values (void)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import (bad_file, &report);
  g_autofree char *text = moat_import_report_format_text (report);
  MoatElement *c = moat_model_lookup (model, "c");
  MoatElement *z2 = moat_model_lookup (model, "z2");
  MoatThreat *t = moat_model_lookup (model, "t");
  MoatControl *m = moat_model_lookup (model, "m");

  g_test_message ("%s", text);
  assert_valid_model (model);

  assert_issue (report, "project.name", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, "project.ownerContact", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "trustZones[0].parent", MOAT_IMPORT_ISSUE_CONVERTED);
  g_assert_cmpfloat (moat_element_get_x (z2), ==, 1e6);
  g_assert_cmpfloat (moat_element_get_y (z2), ==, -1e6);
  assert_issue (report, "trustZones[1].representations[0].position", MOAT_IMPORT_ISSUE_CONVERTED);
  assert_issue (report, "trustZones[1].representations[0].size", MOAT_IMPORT_ISSUE_INVALID);

  g_assert_cmpint (moat_element_get_kind (c), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpstr (moat_element_get_technology (c), ==, "Go");
  g_assert_null (moat_element_get_source_id (c));
  assert_issue (report, "components[0].attributes.moat:kind", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "components[0].attributes.moat:source-id", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "components[0].attributes.moat:reviewed", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, "components[0].attributes.owner", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "components[0].threats[0]", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, "components[0].threats[1].state", MOAT_IMPORT_ISSUE_CONVERTED);
  assert_issue (report, "components[0].threats[1].mitigations[1]", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, "components[1].id", MOAT_IMPORT_ISSUE_CONVERTED);
  assert_issue (report, "components[2]", MOAT_IMPORT_ISSUE_INVALID);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 4);

  assert_issue (report, "dataflows[0]", MOAT_IMPORT_ISSUE_SKIPPED);
  assert_issue (report, "dataflows[1]", MOAT_IMPORT_ISSUE_SKIPPED);

  g_assert_cmpstr (moat_threat_get_category (t), ==, "T");
  g_assert_cmpint (moat_threat_get_likelihood (t), ==, 3);
  g_assert_cmpint (moat_threat_get_impact (t), ==, 3);
  g_assert_cmpint (moat_threat_get_status (t), ==, MOAT_THREAT_OPEN);
  g_assert_cmpstr (moat_threat_get_element_ids (t)[0], ==, "c");
  g_assert_null (moat_threat_get_element_ids (t)[1]);
  assert_issue (report, "threats[0].categories[1]", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "threats[0].cwes", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "threats[0].risk.likelihood", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, "threats[0].risk.impact", MOAT_IMPORT_ISSUE_INVALID);

  g_assert_cmpint (moat_control_get_status (m), ==, MOAT_CONTROL_IMPLEMENTED);
  g_assert_cmpstr (moat_control_get_threat_ids (m)[0], ==, "t");
  assert_issue (report, "mitigations[0].riskReduction", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "extra", MOAT_IMPORT_ISSUE_UNMAPPED);
}

static void
test_not_otm (void)
{
  const char *files[] = {
    "{\"otmVersion\": \"0.1.0\"}",
    "{\"otmVersion\": \"0.1.0\", \"project\": []}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatModel) model = moat_format_import (files[i], strlen (files[i]), MOAT_FORMAT_UNKNOWN,
                                                      NULL, &error);

      g_assert_null (model);
      g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "project"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/otm/sample-round-trip", test_sample_round_trip);
  g_test_add_func ("/otm/sample-details", test_sample_details);
  g_test_add_func ("/otm/moat-round-trip", test_moat_round_trip);
  g_test_add_func ("/otm/layout", test_layout);
  g_test_add_func ("/otm/bad-values", test_bad_values);
  g_test_add_func ("/otm/not-otm", test_not_otm);

  return g_test_run ();
}
