/* test-threat-dragon.c: OWASP Threat Dragon 2 import and export
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-format.h"
#include "moat-test-util.h"

static const char *samples[] = {
  "v2-threat-model.json", "generic-cms.json", "payment-online.json",
  "three-tier-web-app.json", "v2-new-model.json",
};

static const char *cell_types[] = {
  "tm.Actor", "tm.Process", "tm.Store", "tm.Flow", "tm.Boundary", "tm.BoundaryBox", "tm.Text",
};

static const char *properties[] = {
  "outOfScope", "reasonOutOfScope", "protocol", "isEncrypted", "isPublicNetwork",
  "isBidirectional", "providesAuthentication", "storesCredentials", "handlesCardPayment",
  "isALog", "isSigned", "storesInventory", "handlesGoodsOrServices", "isWebApplication",
  "privilegeLevel",
};

static const char *threat_fields[] = {
  "title", "status", "severity", "type", "description", "mitigation", "modelType",
};

/* The sample's text, or NULL (and the test skipped) without ../shared. */
static char *
read_sample (const char *name)
{
  g_autofree char *dir = moat_test_shared_dir ("samples/threat-dragon");
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
  MoatModel *model = moat_format_import (text, strlen (text), MOAT_FORMAT_THREAT_DRAGON, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static char *
export (MoatModel         *model,
        MoatImportReport **report)
{
  g_autoptr(GError) error = NULL;
  char *text = moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, report, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

/* Every model an import makes must be one Moat itself accepts. */
static void
assert_valid_model (MoatModel *model)
{
  g_autofree char *json = moat_json_write (model, NULL);
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(GError) error = NULL;
  const GType *types;
  guint n_types;

  again = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    g_assert_cmpuint (moat_model_count (model, types[i]), ==, moat_model_count (again, types[i]));
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

static char *
node_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("(none)");
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

static JsonArray *
diagrams_of (JsonObject *root)
{
  return member_array (member_object (root, "detail"), "diagrams");
}

static gboolean
known_cell (JsonObject *cell)
{
  const char *type = member_string (member_object (cell, "data"), "type");

  return type && g_strv_contains (cell_types, type);
}

/* The name as Threat Dragon shows it: data.name, else the label. */
static char *
cell_name (JsonObject *cell)
{
  const char *name = member_string (member_object (cell, "data"), "name");
  JsonObject *attrs = member_object (cell, "attrs");
  JsonArray *labels = member_array (cell, "labels");

  if (name != NULL && name[0] != '\0')
    return g_strdup (name);
  if (member_string (member_object (attrs, "label"), "text"))
    return g_strdup (member_string (member_object (attrs, "label"), "text"));
  if (member_string (member_object (attrs, "text"), "text"))
    return g_strdup (member_string (member_object (attrs, "text"), "text"));
  if (labels != NULL && json_array_get_length (labels) > 0)
    {
      JsonObject *label = json_array_get_object_element (labels, 0);
      const char *text = member_string (member_object (member_object (label, "attrs"), "labelText"), "text");
      return g_strdup (text ? text : "");
    }
  return g_strdup ("");
}

static GHashTable *
cells_by_id (JsonObject *diagram)
{
  GHashTable *cells = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = member_array (diagram, "cells");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *cell = json_array_get_object_element (array, i);

      if (known_cell (cell))
        g_hash_table_insert (cells, (char *)member_string (cell, "id"), cell);
    }

  return cells;
}

static void
assert_members_equal (JsonObject *a,
                      JsonObject *b,
                      const char *key,
                      const char *where)
{
  g_autofree char *ta = node_text (json_object_get_member (a, key));
  g_autofree char *tb = node_text (json_object_get_member (b, key));

  if (!g_str_equal (ta, tb))
    g_error ("%s.%s: %s became %s", where, key, ta, tb);
}

static void
assert_points_equal (JsonArray  *a,
                     JsonArray  *b,
                     const char *where)
{
  guint na = a ? json_array_get_length (a) : 0;
  guint nb = b ? json_array_get_length (b) : 0;

  if (na != nb)
    g_error ("%s: %u points became %u", where, na, nb);
  for (guint i = 0; i < na; i++)
    {
      JsonObject *pa = json_array_get_object_element (a, i);
      JsonObject *pb = json_array_get_object_element (b, i);

      g_assert_cmpfloat (member_double (pa, "x"), ==, member_double (pb, "x"));
      g_assert_cmpfloat (member_double (pa, "y"), ==, member_double (pb, "y"));
    }
}

static void
assert_threats_equal (JsonObject *a,
                      JsonObject *b,
                      const char *where)
{
  JsonArray *ta = member_array (member_object (a, "data"), "threats");
  JsonArray *tb = member_array (member_object (b, "data"), "threats");
  guint n = ta ? json_array_get_length (ta) : 0;

  g_assert_cmpuint (n, ==, tb ? json_array_get_length (tb) : 0);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *threat = json_array_get_object_element (ta, i);
      const char *id = member_string (threat, "id");
      JsonObject *copy = NULL;

      for (guint j = 0; j < n; j++)
        if (g_strcmp0 (member_string (json_array_get_object_element (tb, j), "id"), id) == 0)
          copy = json_array_get_object_element (tb, j);
      if (copy == NULL)
        g_error ("%s: threat %s is gone", where, id);

      for (guint f = 0; f < G_N_ELEMENTS (threat_fields); f++)
        assert_members_equal (threat, copy, threat_fields[f], where);
      /* A custom score comes back; no score is an empty one. */
      g_assert_cmpstr (member_string (threat, "score") ?: "", ==, member_string (copy, "score") ?: "");
    }
}

/* Same cell, as Threat Dragon would show it: kind, name, place, size,
 * ends, bends, properties and threats. */
static void
assert_cells_equivalent (JsonObject *a,
                         JsonObject *b)
{
  JsonObject *da = member_object (a, "data"), *db = member_object (b, "data");
  const char *type = member_string (da, "type");
  const char *id = member_string (a, "id");
  g_autofree char *na = cell_name (a);
  g_autofree char *nb = cell_name (b);

  g_assert_cmpstr (type, ==, member_string (db, "type"));
  g_assert_cmpstr (na, ==, nb);

  if (g_str_equal (type, "tm.Flow") || g_str_equal (type, "tm.Boundary"))
    {
      const char *ends[] = { "source", "target" };

      assert_points_equal (member_array (a, "vertices"), member_array (b, "vertices"), id);
      for (guint i = 0; i < 2; i++)
        {
          JsonObject *ea = member_object (a, ends[i]), *eb = member_object (b, ends[i]);

          if (member_string (ea, "cell") != NULL)
            g_assert_cmpstr (member_string (ea, "cell"), ==, member_string (eb, "cell"));
          else if (g_str_equal (type, "tm.Flow"))
            /* A loose end comes back attached to an element. */
            g_assert_nonnull (member_string (eb, "cell"));
          else
            {
              g_assert_cmpfloat (member_double (ea, "x"), ==, member_double (eb, "x"));
              g_assert_cmpfloat (member_double (ea, "y"), ==, member_double (eb, "y"));
            }
        }
    }
  else
    {
      JsonObject *pa = member_object (a, "position"), *pb = member_object (b, "position");
      JsonObject *sa = member_object (a, "size"), *sb = member_object (b, "size");

      g_assert_cmpfloat (member_double (pa, "x"), ==, member_double (pb, "x"));
      g_assert_cmpfloat (member_double (pa, "y"), ==, member_double (pb, "y"));
      g_assert_cmpfloat (member_double (sa, "width"), ==, member_double (sb, "width"));
      g_assert_cmpfloat (member_double (sa, "height"), ==, member_double (sb, "height"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if (json_object_has_member (da, properties[i]))
      assert_members_equal (da, db, properties[i], id);

  assert_threats_equal (a, b, id);
}

static void
assert_files_equivalent (const char *original,
                         const char *exported)
{
  g_autoptr(JsonObject) a = root_object (original);
  g_autoptr(JsonObject) b = root_object (exported);
  JsonArray *da = diagrams_of (a), *db = diagrams_of (b);
  const char *summary[] = { "title", "owner", "description" };

  for (guint i = 0; i < G_N_ELEMENTS (summary); i++)
    assert_members_equal (member_object (a, "summary"), member_object (b, "summary"), summary[i], "summary");

  g_assert_cmpuint (json_array_get_length (da), ==, json_array_get_length (db));
  for (guint d = 0; d < json_array_get_length (da); d++)
    {
      JsonObject *diagram = json_array_get_object_element (da, d);
      JsonObject *copy = json_array_get_object_element (db, d);
      g_autoptr(GHashTable) ca = cells_by_id (diagram);
      g_autoptr(GHashTable) cb = cells_by_id (copy);
      GHashTableIter iter;
      gpointer id, cell;

      g_assert_cmpstr (member_string (diagram, "title"), ==, member_string (copy, "title"));
      g_assert_cmpstr (member_string (diagram, "diagramType"), ==, member_string (copy, "diagramType"));
      g_assert_cmpstr (member_string (diagram, "description") ?: "", ==,
                       member_string (copy, "description") ?: "");
      g_assert_cmpuint (g_hash_table_size (ca), ==, g_hash_table_size (cb));

      g_hash_table_iter_init (&iter, ca);
      while (g_hash_table_iter_next (&iter, &id, &cell))
        {
          JsonObject *other = g_hash_table_lookup (cb, id);

          if (other == NULL)
            g_error ("cell %s is gone", (char *)id);
          assert_cells_equivalent (cell, other);
        }
    }
}

/* ---- tests ---- */

/* Threat Dragon → Moat → Threat Dragon keeps every element, flow, threat
 * and position of the samples Threat Dragon ships. */
static void
test_sample_round_trips (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *text = read_sample (samples[i]);
      g_autoptr(MoatModel) model = NULL;
      g_autoptr(MoatImportReport) report = NULL;
      g_autofree char *exported = NULL;
      g_autoptr(MoatModel) again = NULL;

      if (text == NULL)
        return;
      g_test_message ("%s", samples[i]);

      model = import (text, &report);
      assert_valid_model (model);
      exported = export (model, NULL);
      assert_files_equivalent (text, exported);

      /* What Moat wrote, it reads back the same. */
      again = import (exported, NULL);
      g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_ELEMENT), ==,
                        moat_model_count (model, MOAT_TYPE_ELEMENT));
      g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_THREAT), ==,
                        moat_model_count (model, MOAT_TYPE_THREAT));
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
  g_assert_cmpstr (issue->message, !=, "");
}

/* The demo model, in detail: kinds, properties, geometry, threats and
 * their mitigations, and what the report says. */
static void
test_demo_model (void)
{
  g_autofree char *text = read_sample ("v2-threat-model.json");
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  MoatElement *element;
  MoatThreat *threat;
  MoatControl *control;
  GVariant *points;
  const char * const *ids;
  g_autofree char *summary = NULL;

  if (text == NULL)
    return;

  model = import (text, &report);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Demo Threat Model");
  g_assert_cmpstr (moat_model_get_owner (model), ==, "Mike Goodwin");
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_STORE), ==, 4);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_PROCESS), ==, 2);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_ACTOR), ==, 1);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_FLOW), ==, 10);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_BOUNDARY), ==, 3);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_NOTE), ==, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 14);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), ==, 14);
  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_THREAT), ==, 14);

  element = find_element (model, "Web Request");
  g_assert_true (moat_element_get_encrypted_in_transit (element));
  g_assert_true (moat_element_get_internet_facing (element));
  g_assert_cmpstr (moat_element_get_protocol (element), ==, "HTTP/S");
  points = moat_element_get_points (element);
  g_assert_cmpuint (g_variant_n_children (points), ==, 3);
  /* Its source was a loose point beside the browser. */
  g_assert_true (find_element (model, "Browser") ==
                 moat_model_lookup (model, moat_element_get_source_id (element)));
  assert_issue (report, "detail.diagrams[0].cells[19].source", MOAT_IMPORT_ISSUE_CONVERTED);

  element = find_element (model, "Web Application Config");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_STORE);
  g_assert_true (moat_element_get_out_of_scope (element));
  g_assert_cmpfloat (moat_element_get_x (element), ==, 40);
  g_assert_cmpfloat (moat_element_get_y (element), ==, 420);
  g_assert_cmpfloat (moat_element_get_width (element), ==, 160);

  element = find_element (model, "Read web app config");
  g_assert_cmpstr (moat_element_get_out_of_scope_reason (element), ==,
                   "This data flow represents a read from the file system");

  /* Boundary curves become boundary lines, boxed by their points. */
  element = moat_model_lookup (model, "6767506f-3d7f-4a5f-bbe2-ea03689d30fc");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_true (moat_boundary_line_is_line (element));
  g_assert_cmpfloat (moat_element_get_x (element), ==, 333);
  g_assert_cmpfloat (moat_element_get_y (element), ==, 10);
  g_assert_cmpfloat (moat_element_get_width (element), ==, 810 - 333);
  g_assert_cmpfloat (moat_element_get_height (element), ==, 180 - 10);
  g_assert_null (moat_import_report_find (report, "detail.diagrams[0].cells[16]"));

  /* A mitigated threat, and its mitigation as an implemented control. */
  threat = moat_model_lookup (model, "79cbaf10-e5a2-4fd6-9818-7f180a113938");
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Data flow should use HTTP/S");
  g_assert_cmpstr (moat_threat_get_category (threat), ==, "I");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_MITIGATED);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 4);
  g_assert_cmpint (moat_threat_get_impact (threat), ==, 4);
  ids = moat_threat_get_element_ids (threat);
  g_assert_cmpstr (ids[0], ==, "2d84bfae-f1ed-49e5-8542-10a02f4a1c57");
  g_assert_null (ids[1]);

  control = moat_model_lookup (model, "79cbaf10-e5a2-4fd6-9818-7f180a113938-control");
  g_assert_nonnull (control);
  g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_IMPLEMENTED);
  g_assert_cmpstr (moat_control_get_threat_ids (control)[0], ==, moat_object_get_id (MOAT_OBJECT (threat)));
  g_assert_true (g_str_has_prefix (moat_control_get_description (control), "The requests should require HTTP/S."));
  g_assert_cmpstr (moat_control_get_title (control), ==,
                   "The requests should require HTTP/S. This will provide confidentiality and…");

  /* An open one gives a proposed control. */
  threat = moat_model_lookup (model, "72b9712b-2c08-40b1-aea6-57604e82f5f4");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 2);
  control = moat_model_lookup (model, "72b9712b-2c08-40b1-aea6-57604e82f5f4-control");
  g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_PROPOSED);

  /* Who worked on it has no place in Moat: reported, not dropped. */
  assert_issue (report, "detail.contributors[0]", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "detail.reviewer", MOAT_IMPORT_ISSUE_UNMAPPED);
  summary = moat_import_report_format_text (report);
  g_assert_nonnull (strstr (summary, "14 threats"));
  g_assert_nonnull (strstr (summary, "Albert Moneypenny"));
}

/* Properties that are tags in Moat, privilege levels, scores, and names
 * that live in labels. */
static void
test_properties (void)
{
  g_autofree char *cms = read_sample ("generic-cms.json");
  g_autofree char *tiers = read_sample ("three-tier-web-app.json");
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  MoatElement *element;

  if (cms == NULL || tiers == NULL)
    return;

  model = import (cms, NULL);
  element = find_element (model, "Internet");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpint (moat_element_get_privilege_level (find_element (model, "Web server")), ==,
                   MOAT_PRIVILEGE_UNKNOWN);
  g_clear_object (&model);

  model = import (tiers, &report);
  /* A boundary box named only by its label. */
  element = find_element (model, "Public Cloud");
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpfloat (moat_element_get_width (element), ==, 520);
  g_assert_true (moat_element_get_bidirectional (moat_model_lookup (model, "91ccf804-a9b8-45ca-ab35-992337903633")));
  assert_issue (report, "detail.diagrams[0].cells[5].data.threats[0].score", MOAT_IMPORT_ISSUE_CONVERTED);
  g_assert_cmpstr (moat_import_report_find (report, "detail.diagrams[0].cells[5].data.threats[0].score")->value,
                   ==, "\"7.5\"");
}

static JsonObject *
threat_by_id (JsonObject *root,
              const char *id)
{
  JsonArray *diagrams = diagrams_of (root);

  for (guint d = 0; d < json_array_get_length (diagrams); d++)
    {
      JsonArray *cells = member_array (json_array_get_object_element (diagrams, d), "cells");

      for (guint c = 0; cells != NULL && c < json_array_get_length (cells); c++)
        {
          JsonArray *threats = member_array (member_object (json_array_get_object_element (cells, c), "data"),
                                             "threats");

          for (guint t = 0; threats != NULL && t < json_array_get_length (threats); t++)
            if (g_strcmp0 (member_string (json_array_get_object_element (threats, t), "id"), id) == 0)
              return json_array_get_object_element (threats, t);
        }
    }

  g_error ("no threat %s", id);
}

/* Nothing is downgraded on the way through Moat: Critical stays Critical,
 * the custom score and each diagram's threat method come back, and
 * “None as yet” is no control. */
static void
test_fidelity (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "td-fidelity.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GError) error = NULL;
  MoatThreat *threat;
  MoatDiagram *diagram;
  const struct { const char *id, *severity, *score; } threats[] = {
    { "t1", "Critical", "9.1" }, { "t2", "High", "7" }, { "t3", "Low", "" },
    { "t4", "Medium", "" }, { "t5", "Critical", "CVSS 9.8" },
  };
  const char *types[] = { "LINDDUN", "LINDDUN", "CIADIE", "PLOT4ai", "STRIDE" };
  const char *descriptions[] = { "Who can be linked", "", "", "Model risks", "" };

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  model = import (text, &report);
  assert_valid_model (model);

  /* Critical is the top of Moat's scale; the score is kept where a person
   * sees it, at the end of the threat's description. */
  threat = moat_model_lookup (model, "t1");
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 5);
  g_assert_cmpint (moat_threat_get_impact (threat), ==, 5);
  g_assert_cmpstr (moat_threat_get_description (threat), ==, "What can go wrong\n\nThreat Dragon score: 9.1");
  assert_issue (report, "detail.diagrams[0].cells[0].data.threats[0].score", MOAT_IMPORT_ISSUE_CONVERTED);
  g_assert_cmpstr (moat_threat_get_description (moat_model_lookup (model, "t3")), ==, "What can go wrong");

  /* Placeholders are no control; real text is. */
  g_assert_null (moat_model_lookup (model, "t1-control"));
  g_assert_null (moat_model_lookup (model, "t2-control"));
  g_assert_null (moat_model_lookup (model, "t4-control"));
  g_assert_nonnull (moat_model_lookup (model, "t3-control"));
  g_assert_nonnull (moat_model_lookup (model, "t5-control"));
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), ==, 2);
  assert_issue (report, "detail.diagrams[0].cells[0].data.threats[0].mitigation", MOAT_IMPORT_ISSUE_CONVERTED);
  g_assert_cmpstr (moat_import_report_find (report, "detail.diagrams[0].cells[0].data.threats[0].mitigation")->value,
                   ==, "\"None as yet\"");

  /* A method the threats imply is not repeated; one they cannot imply is
   * kept in the description. */
  diagram = moat_model_lookup (model, moat_element_get_diagram_id (moat_model_lookup (model, "p1")));
  g_assert_cmpstr (moat_diagram_get_description (diagram), ==, "Who can be linked");
  g_assert_null (moat_import_report_find (report, "detail.diagrams[0].diagramType"));
  g_assert_null (moat_import_report_find (report, "detail.diagrams[2].diagramType"));
  assert_issue (report, "detail.diagrams[1].diagramType", MOAT_IMPORT_ISSUE_CONVERTED);
  assert_issue (report, "detail.diagrams[3].diagramType", MOAT_IMPORT_ISSUE_CONVERTED);

  exported = export (model, NULL);
  root = root_object (exported);
  for (guint i = 0; i < G_N_ELEMENTS (threats); i++)
    {
      JsonObject *object = threat_by_id (root, threats[i].id);

      g_test_message ("%s", threats[i].id);
      g_assert_cmpstr (member_string (object, "severity"), ==, threats[i].severity);
      g_assert_cmpstr (member_string (object, "score"), ==, threats[i].score);
      g_assert_cmpstr (member_string (object, "description"), ==, "What can go wrong");
    }
  g_assert_cmpstr (member_string (threat_by_id (root, "t1"), "mitigation"), ==, "");
  for (guint d = 0; d < G_N_ELEMENTS (types); d++)
    {
      JsonObject *object = json_array_get_object_element (diagrams_of (root), d);

      g_assert_cmpstr (member_string (object, "diagramType"), ==, types[d]);
      g_assert_cmpstr (member_string (object, "description"), ==, descriptions[d]);
    }

  /* And again: a second trip changes nothing. */
  again = import (exported, NULL);
  g_clear_pointer (&text, g_free);
  text = export (again, NULL);
  g_assert_cmpstr (text, ==, exported);
}

static void
test_malformed_samples (void)
{
  g_autofree char *v1 = read_sample ("malformed-new-model.json");
  g_autofree char *v2 = read_sample ("v2-malformed-new-model.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;

  if (v1 == NULL || v2 == NULL)
    return;

  /* A 1.x file without "summary" and "detail": read as 1.x, refused
   * with what is missing, whether asked for as Threat Dragon or not. */
  g_assert_cmpint (moat_format_detect (v1, strlen (v1)), ==, MOAT_FORMAT_THREAT_DRAGON_V1);
  model = moat_format_import (v1, strlen (v1), MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "This is not a valid Threat Dragon 1.x model: “summary” is missing or not an object");
  g_clear_error (&error);

  model = moat_format_import (v1, strlen (v1), MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.x"));
  g_clear_error (&error);

  g_assert_cmpint (moat_format_detect (v2, strlen (v2)), ==, MOAT_FORMAT_THREAT_DRAGON);
  model = moat_format_import (v2, strlen (v2), MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a valid Threat Dragon model"));
  g_assert_nonnull (strstr (error->message, "detail"));
}

static void
set_model_field (MoatModel  *model,
                 const char *field,
                 const char *text)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (model), field);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  _moat_object_store_value (MOAT_OBJECT (model), pspec, &value);
}

/* A model using everything Threat Dragon can hold. */
static MoatModel *
carriable_model (void)
{
  MoatModel *model = g_object_new (MOAT_TYPE_MODEL, "id", "model", NULL);
  const char *web_tags[] = { "goods-or-services", "web-application", NULL };
  const char *db_tags[] = { "log", "signed", "inventory", NULL };
  struct {
    const char *id, *name;
    MoatElementKind kind;
    double x, y, w, h;
  } nodes[] = {
    { "browser", "Browser", MOAT_ELEMENT_ACTOR, 10, 20, 120, 60 },
    { "web", "Web app", MOAT_ELEMENT_PROCESS, 300, 40.5, 100, 100 },
    { "db", "Orders DB", MOAT_ELEMENT_STORE, 600, 60, 160, 80 },
    { "dmz", "DMZ", MOAT_ELEMENT_BOUNDARY, 250, 0, 400, 300 },
    /* A boundary line's box is the box around its points. */
    { "curve", "Internet edge", MOAT_ELEMENT_BOUNDARY, 210, 0, 10, 400 },
    { "note", "Remember the CDN", MOAT_ELEMENT_NOTE, 10, 400, 200, 40 },
  };
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "diagram", NULL);

  set_model_field (model, "title", "Shop");
  set_model_field (model, "owner", "Payments team");
  set_model_field (model, "description", "Taking orders and payments");
  set_model_field (model, "version-label", "v3");
  g_object_set (diagram, "title", "Checkout", "description", "Paying for an order", NULL);
  _moat_model_insert_loaded (model, MOAT_OBJECT (diagram));

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autoptr(MoatElement) element = g_object_new (MOAT_TYPE_ELEMENT, "id", nodes[i].id, NULL);

      g_object_set (element, "diagram-id", "diagram", "kind", nodes[i].kind, "name", nodes[i].name,
                    "x", nodes[i].x, "y", nodes[i].y, "width", nodes[i].w, "height", nodes[i].h, NULL);
      if (nodes[i].kind != MOAT_ELEMENT_NOTE && nodes[i].kind != MOAT_ELEMENT_BOUNDARY)
        g_object_set (element, "description", "What it does", NULL);
      _moat_model_insert_loaded (model, MOAT_OBJECT (element));
    }

  g_object_set (moat_model_lookup (model, "browser"), "authenticated", TRUE, NULL);
  g_object_set (moat_model_lookup (model, "web"), "privilege-level", MOAT_PRIVILEGE_ADMIN,
                "handles-payment", TRUE, "tags", web_tags, NULL);
  g_object_set (moat_model_lookup (model, "db"), "encrypted-at-rest", TRUE, "handles-credentials", TRUE,
                "tags", db_tags, "out-of-scope", TRUE, "out-of-scope-reason", "Managed by the bank", NULL);
  g_object_set (moat_model_lookup (model, "curve"), "points",
                g_variant_new_parsed ("[(220.0, 0.0), (210.0, 200.0), (220.0, 400.0)]"), NULL);

  {
    g_autoptr(MoatElement) flow = g_object_new (MOAT_TYPE_ELEMENT, "id", "flow", NULL);
    g_autoptr(MoatElement) back = g_object_new (MOAT_TYPE_ELEMENT, "id", "flow-back", NULL);

    g_object_set (flow, "diagram-id", "diagram", "kind", MOAT_ELEMENT_FLOW, "name", "Order",
                  "source-id", "browser", "target-id", "web", "protocol", "HTTPS",
                  "encrypted-in-transit", TRUE, "internet-facing", TRUE, "bidirectional", TRUE,
                  "points", g_variant_new_parsed ("[(150.0, 50.0), (250.5, 60.25)]"), NULL);
    g_object_set (back, "diagram-id", "diagram", "kind", MOAT_ELEMENT_FLOW, "name", "Query",
                  "source-id", "web", "target-id", "db", NULL);
    _moat_model_insert_loaded (model, MOAT_OBJECT (flow));
    _moat_model_insert_loaded (model, MOAT_OBJECT (back));
  }

  {
    struct {
      const char *id, *element, *category;
      int level;
      MoatThreatStatus status;
      const char *control;
    } threats[] = {
      { "t-spoof", "web", "S", 4, MOAT_THREAT_MITIGATED, "Require a second factor" },
      { "t-link", "flow", "Linkability", 2, MOAT_THREAT_OPEN, "Use pseudonyms" },
      { "t-integrity", "db", "Integrity", 3, MOAT_THREAT_NOT_APPLICABLE, NULL },
      { "t-accepted", "db", "T", 3, MOAT_THREAT_ACCEPTED, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (threats); i++)
      {
        g_autoptr(MoatThreat) threat = g_object_new (MOAT_TYPE_THREAT, "id", threats[i].id, NULL);
        const char *elements[] = { threats[i].element, NULL };
        const char *ids[] = { threats[i].id, NULL };

        g_object_set (threat, "title", threats[i].id, "description", "How it happens",
                      "category", threats[i].category, "likelihood", threats[i].level,
                      "impact", threats[i].level, "status", threats[i].status,
                      "element-ids", elements, NULL);
        _moat_model_insert_loaded (model, MOAT_OBJECT (threat));

        if (threats[i].control != NULL)
          {
            g_autoptr(MoatControl) control = moat_control_new ();

            g_object_set (control, "title", threats[i].control, "threat-ids", ids,
                          "status", threats[i].status == MOAT_THREAT_MITIGATED
                                    ? MOAT_CONTROL_IMPLEMENTED : MOAT_CONTROL_PROPOSED, NULL);
            _moat_model_insert_loaded (model, MOAT_OBJECT (control));
          }
      }
  }

  return model;
}

static void
assert_same_field (MoatObject *a,
                   MoatObject *b,
                   const char *field)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (a), field);
  g_autofree char *ta = moat_value_to_text (pspec, moat_object_peek_value (a, pspec));
  g_autofree char *tb = moat_value_to_text (pspec, moat_object_peek_value (b, pspec));

  if (!moat_value_equal (moat_object_peek_value (a, pspec), moat_object_peek_value (b, pspec)))
    g_error ("%s %s: %s was %s, is %s", moat_object_get_kind_name (a), moat_object_get_id (a),
             field, ta, tb);
}

/* Moat → Threat Dragon → Moat keeps what Threat Dragon can carry, and
 * the export report has nothing to say about such a model. */
static void
test_moat_round_trip (void)
{
  g_autoptr(MoatModel) model = carriable_model ();
  g_autoptr(MoatModel) back = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatImportReport) import_report = NULL;
  g_autofree char *text = NULL;
  const char *element_fields[] = {
    "kind", "name", "description", "x", "y", "width", "height", "source-id", "target-id",
    "bidirectional", "points", "out-of-scope", "out-of-scope-reason", "tags", "protocol",
    "authenticated", "encrypted-in-transit", "encrypted-at-rest", "internet-facing",
    "privilege-level", "handles-credentials", "handles-payment",
  };
  const char *threat_fields[] = {
    "title", "description", "category", "likelihood", "impact", "status", "element-ids",
  };
  GListModel *list;

  text = export (model, &report);
  if (moat_import_report_get_n_issues (report) != 0)
    {
      g_autofree char *summary = moat_import_report_format_text (report);
      g_error ("unexpected export report:\n%s", summary);
    }

  back = import (text, &import_report);
  g_assert_cmpuint (moat_model_count (back, MOAT_TYPE_ELEMENT), ==, moat_model_count (model, MOAT_TYPE_ELEMENT));
  g_assert_cmpuint (moat_model_count (back, MOAT_TYPE_THREAT), ==, 4);
  g_assert_cmpuint (moat_model_count (back, MOAT_TYPE_CONTROL), ==, 2);

  assert_same_field (MOAT_OBJECT (model), MOAT_OBJECT (back), "title");
  assert_same_field (MOAT_OBJECT (model), MOAT_OBJECT (back), "owner");
  assert_same_field (MOAT_OBJECT (model), MOAT_OBJECT (back), "description");
  assert_same_field (MOAT_OBJECT (model), MOAT_OBJECT (back), "version-label");

  list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatObject) element = g_list_model_get_item (list, i);
      MoatObject *copy = moat_model_lookup (back, moat_object_get_id (element));

      g_assert_nonnull (copy);
      for (guint f = 0; f < G_N_ELEMENTS (element_fields); f++)
        assert_same_field (element, copy, element_fields[f]);
    }

  list = moat_model_get_list (model, MOAT_TYPE_THREAT);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatObject) threat = g_list_model_get_item (list, i);
      MoatObject *copy = moat_model_lookup (back, moat_object_get_id (threat));
      g_autofree char *control_id = g_strconcat (moat_object_get_id (threat), "-control", NULL);
      MoatControl *control = moat_model_lookup (back, control_id);

      g_assert_nonnull (copy);
      for (guint f = 0; f < G_N_ELEMENTS (threat_fields); f++)
        assert_same_field (threat, copy, threat_fields[f]);

      if (g_str_equal (moat_object_get_id (threat), "t-spoof"))
        {
          g_assert_cmpstr (moat_control_get_title (control), ==, "Require a second factor");
          g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_IMPLEMENTED);
        }
      else if (g_str_equal (moat_object_get_id (threat), "t-link"))
        g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_PROPOSED);
      else
        g_assert_null (control);
    }

  g_assert_cmpstr (moat_diagram_get_title (g_list_model_get_item (moat_model_get_list (back, MOAT_TYPE_DIAGRAM), 0)),
                   ==, "Checkout");
}

/* Moat's stacking goes out as Threat Dragon's zIndex and comes back
 * in the same order within each layer. */
static void
test_stacking (void)
{
  g_autoptr(MoatModel) model = carriable_model ();
  g_autoptr(MoatModel) back = NULL;
  g_autofree char *text = NULL;
  const char *order[] = { "browser", "db", "web" };

  moat_model_begin_action (model, "Restack");
  g_object_set (moat_model_lookup (model, "web"), "z-order", 7, NULL);
  g_object_set (moat_model_lookup (model, "browser"), "z-order", -3, NULL);
  moat_model_end_action (model);

  text = export (model, NULL);
  back = import (text, NULL);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (order); i++)
    g_assert_cmpint (moat_element_get_z_order (moat_model_lookup (back, order[i])), <,
                     moat_element_get_z_order (moat_model_lookup (back, order[i + 1])));
}

/* A threat on several elements goes out as one copy on each cell, which
 * Threat Dragon shows, and comes back as one threat on all of them. */
static void
test_shared_threat (void)
{
  g_autoptr(MoatModel) model = carriable_model ();
  g_autoptr(MoatThreat) threat = g_object_new (MOAT_TYPE_THREAT, "id", "t-shared", NULL);
  g_autoptr(MoatControl) control = g_object_new (MOAT_TYPE_CONTROL, "id", "c-shared", NULL);
  g_autoptr(MoatModel) back = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autofree char *text = NULL;
  const char *elements[] = { "web", "db", "flow", NULL };
  const char *threat_ids[] = { "t-shared", NULL };
  JsonArray *cells;
  MoatThreat *copy;
  guint written = 0;

  g_object_set (threat, "title", "Shared", "description", "On three elements", "category", "T",
                "likelihood", 4, "impact", 4, "element-ids", elements, NULL);
  g_object_set (control, "title", "Sign everything", "threat-ids", threat_ids, NULL);
  _moat_model_insert_loaded (model, MOAT_OBJECT (threat));
  _moat_model_insert_loaded (model, MOAT_OBJECT (control));

  text = export (model, NULL);
  root = root_object (text);
  cells = member_array (json_array_get_object_element (diagrams_of (root), 0), "cells");
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonArray *threats = member_array (member_object (json_array_get_object_element (cells, i), "data"),
                                         "threats");

      for (guint j = 0; threats != NULL && j < json_array_get_length (threats); j++)
        written += g_str_equal (member_string (json_array_get_object_element (threats, j), "title"), "Shared");
    }
  g_assert_cmpuint (written, ==, 3);

  back = import (text, NULL);
  g_assert_cmpuint (moat_model_count (back, MOAT_TYPE_THREAT), ==, moat_model_count (model, MOAT_TYPE_THREAT));
  copy = moat_model_lookup (back, "t-shared");
  g_assert_nonnull (copy);
  assert_same_field (MOAT_OBJECT (threat), MOAT_OBJECT (copy), "element-ids");
  g_assert_cmpuint (moat_model_count (back, MOAT_TYPE_CONTROL), ==, moat_model_count (model, MOAT_TYPE_CONTROL));
  g_assert_cmpstr (moat_control_get_title (moat_model_lookup (back, "t-shared-control")), ==, "Sign everything");

  /* Copies that no longer say what the threat says were edited in Threat
   * Dragon: each is a threat of its own. */
  {
    g_autofree char *changed = NULL;
    g_autoptr(MoatModel) again = NULL;
    GString *edited = g_string_new (text);

    g_string_replace (edited, "\"On three elements\"", "\"On one element\"", 1);
    changed = g_string_free (edited, FALSE);
    again = import (changed, NULL);
    g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_THREAT), ==,
                      moat_model_count (model, MOAT_TYPE_THREAT) + 2);
  }
}

/* What Threat Dragon cannot hold is listed, never silently dropped. */
static void
test_export_report (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatImportReport) report = NULL;
  g_autofree char *text = export (model, &report);
  g_autofree char *summary = moat_import_report_format_text (report);
  const char *kinds[] = { "asset “", "threat_actor “", "assumption “", "dismissal “", "workshop_session “" };

  g_test_message ("%s", summary);
  g_assert_true (moat_import_report_get_exporting (report));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    assert_issue (report, kinds[i], MOAT_IMPORT_ISSUE_SKIPPED);

  for (guint i = 0; i < moat_import_report_get_n_issues (report); i++)
    if (strstr (moat_import_report_get_issue (report, i)->path, ".technology") != NULL)
      return;
  g_error ("the element's technology is not reported:\n%s", summary);
}

static const char bad_file[] =
  "{\"version\": \"2.2.0\", \"summary\": {\"title\": 5, \"owner\": \"o\"},"
  " \"detail\": {\"contributors\": [], \"reviewer\": \"\", \"diagramTop\": 1, \"threatTop\": 0,"
  "  \"diagrams\": [{\"id\": 0, \"title\": \"D\", \"diagramType\": \"STRIDE\", \"cells\": ["
  "   {\"id\": \"a\", \"shape\": \"actor\", \"data\": {\"type\": \"tm.Actor\", \"name\": \"A\","
  "     \"threats\": [{\"id\": \"t1\", \"title\": \"x\", \"status\": \"Weird\", \"severity\": \"Urgent\","
  "                    \"type\": \"Spoofing\", \"score\": \"9\"}]},"
  "    \"position\": {\"x\": 1e308, \"y\": -1e300}, \"size\": {\"width\": 0, \"height\": \"big\"}},"
  "   {\"id\": \"a\", \"shape\": \"process\", \"data\": {\"type\": \"tm.Process\", \"name\": \"dup\","
  "     \"privilegeLevel\": \"Sudo\"}, \"position\": {\"x\": 10, \"y\": 10}, \"size\": {\"width\": 100, \"height\": 100}},"
  "   {\"id\": \"f\", \"shape\": \"flow\", \"data\": {\"type\": \"tm.Flow\", \"name\": \"dangling\"},"
  "    \"source\": {\"cell\": \"a\"}, \"target\": {\"cell\": \"ghost\"}},"
  "   {\"id\": \"g\", \"shape\": \"flow\", \"data\": {\"type\": \"tm.Flow\", \"name\": \"ok\", \"isEncrypted\": \"yes\"},"
  "    \"source\": {\"cell\": \"a\"}, \"target\": {\"cell\": \"a\"}, \"vertices\": [{\"x\": 1, \"y\": 2}, 5]},"
  "   {\"id\": \"h\", \"shape\": \"rocket\", \"data\": {\"type\": \"tm.Rocket\"}},"
  "   7,"
  "   {\"id\": \"n\", \"shape\": \"td-text-block\", \"data\": {\"type\": \"tm.Text\", \"name\": \"note\", \"colour\": 1}}"
  "  ]}]}}";

#define CELL(n) "detail.diagrams[0].cells[" #n "]"

/* Wrong types, impossible numbers, repeated and dangling ids: a partial
 * import, with each problem listed where it was. */
static void
test_bad_values (void)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import (bad_file, &report);
  g_autofree char *text = moat_import_report_format_text (report);
  MoatElement *actor = moat_model_lookup (model, "a");
  MoatElement *copy = find_element (model, "dup");
  MoatElement *flow = moat_model_lookup (model, "g");
  MoatThreat *threat = moat_model_lookup (model, "t1");

  g_test_message ("%s", text);
  assert_valid_model (model);

  g_assert_null (moat_model_get_title (model));
  assert_issue (report, "summary.title", MOAT_IMPORT_ISSUE_INVALID);

  g_assert_cmpint (moat_element_get_kind (actor), ==, MOAT_ELEMENT_ACTOR);
  g_assert_cmpfloat (moat_element_get_x (actor), ==, 1e6);
  g_assert_cmpfloat (moat_element_get_y (actor), ==, -1e6);
  g_assert_cmpfloat (moat_element_get_width (actor), ==, 120);
  assert_issue (report, CELL (0) ".position.x", MOAT_IMPORT_ISSUE_CONVERTED);
  assert_issue (report, CELL (0) ".size.width", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, CELL (0) ".size.height", MOAT_IMPORT_ISSUE_INVALID);

  g_assert_cmpstr (moat_threat_get_category (threat), ==, "S");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  assert_issue (report, CELL (0) ".data.threats[0].status", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, CELL (0) ".data.threats[0].severity", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, CELL (0) ".data.threats[0].score", MOAT_IMPORT_ISSUE_CONVERTED);

  g_assert_cmpstr (moat_object_get_id (MOAT_OBJECT (copy)), !=, "a");
  assert_issue (report, CELL (1) ".id", MOAT_IMPORT_ISSUE_CONVERTED);
  g_assert_nonnull (strstr (moat_element_get_description (copy), "Sudo"));
  assert_issue (report, CELL (1) ".data.privilegeLevel", MOAT_IMPORT_ISSUE_CONVERTED);

  g_assert_null (moat_model_lookup (model, "f"));
  assert_issue (report, CELL (2), MOAT_IMPORT_ISSUE_SKIPPED);

  g_assert_cmpstr (moat_element_get_source_id (flow), ==, "a");
  g_assert_false (moat_element_get_encrypted_in_transit (flow));
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (flow)), ==, 1);
  assert_issue (report, CELL (3) ".data.isEncrypted", MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, CELL (3) ".vertices[1]", MOAT_IMPORT_ISSUE_INVALID);

  assert_issue (report, CELL (4), MOAT_IMPORT_ISSUE_SKIPPED);
  assert_issue (report, CELL (5), MOAT_IMPORT_ISSUE_INVALID);
  assert_issue (report, CELL (6) ".data.colour", MOAT_IMPORT_ISSUE_UNMAPPED);
  g_assert_cmpint (moat_element_get_kind (moat_model_lookup (model, "n")), ==, MOAT_ELEMENT_NOTE);
}

static void
test_detect (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = moat_json_write (model, NULL);
  g_autofree char *data = NULL;
  g_autoptr(MoatModel) imported = NULL;
  gsize length;

  g_assert_cmpint (moat_format_detect (json, strlen (json)), ==, MOAT_FORMAT_MOAT);
  g_assert_cmpint (moat_format_detect ("", 0), ==, MOAT_FORMAT_UNKNOWN);
  g_assert_cmpint (moat_format_detect ("{}", 2), ==, MOAT_FORMAT_UNKNOWN);
  g_assert_cmpint (moat_format_detect ("[1]", 3), ==, MOAT_FORMAT_UNKNOWN);
  g_assert_cmpint (moat_format_detect ("{\"otmVersion\": \"0.1.0\"}", 23), ==, MOAT_FORMAT_OTM);
  g_assert_cmpint (moat_format_detect ("{\"version\": \"2.4.0\"}", 20), ==, MOAT_FORMAT_THREAT_DRAGON);
  g_assert_cmpint (moat_format_detect ("{\"version\": \"1.3\"}", 18), ==, MOAT_FORMAT_THREAT_DRAGON_V1);

  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moat_format_detect (data, length), ==, MOAT_FORMAT_MOAT_PROJECT);
  imported = moat_format_import (data, length, MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT);
  g_clear_error (&error);

  /* Native JSON comes in whole through the same entry point. */
  imported = moat_format_import (json, strlen (json), MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  moat_test_assert_models_equal (model, imported);

  moat_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threat-dragon/sample-round-trips", test_sample_round_trips);
  g_test_add_func ("/threat-dragon/demo-model", test_demo_model);
  g_test_add_func ("/threat-dragon/properties", test_properties);
  g_test_add_func ("/threat-dragon/malformed-samples", test_malformed_samples);
  g_test_add_func ("/threat-dragon/fidelity", test_fidelity);
  g_test_add_func ("/threat-dragon/moat-round-trip", test_moat_round_trip);
  g_test_add_func ("/threat-dragon/stacking", test_stacking);
  g_test_add_func ("/threat-dragon/shared-threat", test_shared_threat);
  g_test_add_func ("/threat-dragon/export-report", test_export_report);
  g_test_add_func ("/threat-dragon/bad-values", test_bad_values);
  g_test_add_func ("/threat-dragon/detect", test_detect);

  return g_test_run ();
}
