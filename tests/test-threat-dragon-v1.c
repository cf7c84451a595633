/* test-threat-dragon-v1.c: OWASP Threat Dragon 1.x import
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
import_v1 (const char        *text,
           MoatImportReport **report)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model;

  g_assert_cmpint (moat_format_detect (text, strlen (text)), ==, MOAT_FORMAT_THREAT_DRAGON_V1);
  model = moat_format_import (text, strlen (text), MOAT_FORMAT_UNKNOWN, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  if (report != NULL)
    g_assert_cmpstr (moat_import_report_get_format_label (*report), ==, "OWASP Threat Dragon 1.x");
  return model;
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

static MoatThreat *
find_threat (MoatModel  *model,
             const char *title,
             const char *element_id)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (list, i);

      if (g_strcmp0 (moat_threat_get_title (threat), title) == 0 &&
          g_strv_contains (moat_threat_get_element_ids (threat), element_id))
        return threat;
    }

  g_error ("no threat “%s” on %s", title, element_id);
}

static MoatControl *
control_of (MoatModel  *model,
            MoatThreat *threat)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_CONTROL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (list, i);

      if (g_strv_contains (moat_control_get_threat_ids (control), moat_object_get_id (MOAT_OBJECT (threat))))
        return control;
    }

  return NULL;
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

#define BROWSER "b394f9f7-07ca-42bc-b616-ad77c6fbfcce"
#define WEB_APP "0d9909ea-1398-4898-be81-cf1c808324dc"
#define REQUEST "56b56e8c-751d-4d8a-a9c7-6554c9f142ee"
#define RESPONSE "1b1cf1eb-d9ac-463b-a9ae-d816c42e7107"
#define BOUNDARY "64d52ab0-9733-4ae9-af1b-a347cbc13186"

/* Threat Dragon's own 1.x fixture, field by field, as Threat Dragon 2's
 * upgrade reads it. */
static void
test_v1_model (void)
{
  g_autofree char *text = read_data ("v1-model.json");
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import_v1 (text, &report);
  MoatElement *element;
  MoatThreat *threat;
  MoatControl *control;
  GVariant *points;
  double x, y;

  g_assert_cmpstr (moat_model_get_title (model), ==, "Demo Threat Model");
  g_assert_cmpstr (moat_model_get_owner (model), ==, "Mike Goodwin");
  g_assert_cmpstr (moat_model_get_description (model), ==,
                   "A sample model of a web application, with a queue-decoupled background process.");
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 5);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_ACTOR), ==, 1);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_PROCESS), ==, 1);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_FLOW), ==, 2);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_BOUNDARY), ==, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 3);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), ==, 2);
  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_ELEMENT), ==, 5);
  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_THREAT), ==, 3);

  /* Nodes keep their 1.x ids, place, size and the name in their text. */
  element = moat_model_lookup (model, WEB_APP);
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpstr (moat_element_get_name (element), ==, "Web\nApplication");
  g_assert_cmpfloat (moat_element_get_x (element), ==, 208);
  g_assert_cmpfloat (moat_element_get_y (element), ==, 189);
  g_assert_cmpfloat (moat_element_get_width (element), ==, 100);
  g_assert_true (g_str_has_suffix (moat_element_get_description (element),
                                   "Privilege level: executionContext =Limited"));
  element = moat_model_lookup (model, BROWSER);
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_ACTOR);
  g_assert_cmpstr (moat_element_get_name (element), ==, "Browser");
  g_assert_cmpfloat (moat_element_get_width (element), ==, 160);

  /* Flows join the cells their 1.x ends name by id; the name is the
   * label's text, the protocol and flags are the flow's. */
  element = moat_model_lookup (model, REQUEST);
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_FLOW);
  g_assert_cmpstr (moat_element_get_name (element), ==, "Web Request");
  g_assert_cmpstr (moat_element_get_source_id (element), ==, BROWSER);
  g_assert_cmpstr (moat_element_get_target_id (element), ==, WEB_APP);
  g_assert_cmpstr (moat_element_get_protocol (element), ==, "HTTP/S");
  g_assert_true (moat_element_get_encrypted_in_transit (element));
  g_assert_true (moat_element_get_internet_facing (element));
  points = moat_element_get_points (element);
  g_assert_cmpuint (g_variant_n_children (points), ==, 1);
  g_variant_get_child (points, 0, "(dd)", &x, &y);
  g_assert_cmpfloat (x, ==, 245);
  g_assert_cmpfloat (y, ==, 112);
  g_assert_cmpstr (moat_element_get_name (moat_model_lookup (model, RESPONSE)), ==, "Web Response");
  g_assert_cmpstr (moat_element_get_source_id (moat_model_lookup (model, RESPONSE)), ==, WEB_APP);

  /* The boundary line: its ends and bend are kept. */
  element = moat_model_lookup (model, BOUNDARY);
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (element)), ==, 3);

  /* Threats: a mitigated one with its mitigation as an implemented
   * control; an open one with none has no control, and keeps its id. */
  threat = find_threat (model, "Data flow should use HTTP/S", REQUEST);
  g_assert_cmpstr (moat_threat_get_category (threat), ==, "I");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_MITIGATED);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 4);
  g_assert_cmpstr (moat_threat_get_description (threat), ==,
                   "These requests are made over the public internet and could be intercepted by an attacker.");
  control = control_of (model, threat);
  g_assert_nonnull (control);
  g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_IMPLEMENTED);
  g_assert_true (g_str_has_prefix (moat_control_get_description (control), "The requests should require HTTP/S."));

  threat = moat_model_lookup (model, "e72495aa-dd53-46d7-aa7b-4a48fdae2b99");
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Use HTTPS");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 3);
  g_assert_null (control_of (model, threat));

  /* The report speaks of the 1.x file's own paths. */
  assert_issue (report, "detail.contributors[1]", MOAT_IMPORT_ISSUE_UNMAPPED);
  g_assert_cmpstr (moat_import_report_find (report, "detail.contributors[1]")->value, ==,
                   "{\"name\":\"Albert Moneypenny\"}");
  assert_issue (report, "detail.reviewer", MOAT_IMPORT_ISSUE_UNMAPPED);
  assert_issue (report, "detail.diagrams[0].diagramJson.cells[0].privilegeLevel", MOAT_IMPORT_ISSUE_CONVERTED);
  /* Its trust boundary curve is a boundary line, as in Threat Dragon: nothing to report. */
  g_assert_null (moat_import_report_find (report, "detail.diagrams[0].diagramJson.cells[2]"));
  for (guint i = 0; i < moat_import_report_get_n_issues (report); i++)
    {
      const char *path = moat_import_report_get_issue (report, i)->path;

      g_assert_null (strstr (path, ".data"));
      g_assert_true (strstr (path, ".cells[") == NULL || strstr (path, ".diagramJson.cells[") != NULL);
    }
}

typedef struct {
  const char *file;
  guint       diagrams, actors, processes, stores, flows, boundaries, threats, controls;
} Counts;

/* Every 1.x sample: what comes in, and that Moat gives it back as a 2.x
 * file that reads the same. */
static void
test_samples (void)
{
  static const Counts samples[] = {
    { "v1-model.json", 1, 1, 1, 0, 2, 1, 3, 2 },
    { "demo-threat-model.json", 1, 1, 2, 4, 10, 4, 14, 14 },
    { "enter-the-dragon-2.json", 2, 1, 1, 1, 4, 2, 0, 0 },
    { "enter-the-dragon-3.json", 2, 1, 1, 1, 4, 2, 3, 3 },
    { "v1-new-model.json", 0, 0, 0, 0, 0, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const Counts *c = &samples[i];
      g_autofree char *text = read_data (c->file);
      g_autoptr(MoatModel) model = NULL;
      g_autoptr(MoatModel) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *exported = NULL;

      g_test_message ("%s", c->file);
      model = import_v1 (text, NULL);
      g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, c->diagrams);
      g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_ACTOR), ==, c->actors);
      g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_PROCESS), ==, c->processes);
      g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_STORE), ==, c->stores);
      g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_FLOW), ==, c->flows);
      g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_BOUNDARY), ==, c->boundaries);
      g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, c->threats);
      g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_CONTROL), ==, c->controls);
      g_assert_true (moat_limits_check_model (model, NULL));

      exported = moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (moat_format_detect (exported, strlen (exported)), ==, MOAT_FORMAT_THREAT_DRAGON);
      again = moat_format_import (exported, strlen (exported), MOAT_FORMAT_UNKNOWN, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_ELEMENT), ==, moat_model_count (model, MOAT_TYPE_ELEMENT));
      g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_THREAT), ==, c->threats);
      g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_CONTROL), ==, c->controls);
    }
}

/* The workshop samples: a LINDDUN diagram with no threats keeps its
 * method; Threat Dragon's rule ids are reported where they were. */
static void
test_workshop_samples (void)
{
  g_autofree char *two = read_data ("enter-the-dragon-2.json");
  g_autofree char *three = read_data ("enter-the-dragon-3.json");
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GPtrArray) diagrams = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  model = import_v1 (two, &report);
  assert_issue (report, "detail.diagrams[0].diagramType", MOAT_IMPORT_ISSUE_CONVERTED);
  exported = moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, exported, -1, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "detail"), "diagrams");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "diagramType"), ==,
                   "LINDDUN");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "title"), ==,
                   "Example");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "diagramType"), ==,
                   "STRIDE");
  g_clear_object (&model);
  g_clear_object (&report);

  model = import_v1 (three, &report);
  assert_issue (report, "detail.diagrams[0].diagramJson.cells[0].threats[0].ruleId", MOAT_IMPORT_ISSUE_UNMAPPED);
  g_assert_cmpuint (moat_import_report_count_kind (report, MOAT_IMPORT_ISSUE_UNMAPPED), ==, 6);
}

/* Broken 1.x files: an error naming what is wrong, or a model with the
 * problem reported at its 1.x path; never a crash. */
static void
test_malformed (void)
{
  static const struct {
    const char *json;
    const char *error;   /* NULL: imports, with an issue at path */
    const char *path;
  } cases[] = {
    { "{\"version\": \"1.6.1\"}", "“summary” is missing", NULL },
    { "{\"version\": \"1.6.1\", \"summary\": {\"title\": \"x\"}, \"detail\": 3}", "“detail” is missing", NULL },
    { "{\"version\": \"1.6.1\", \"summary\": {}, \"detail\": {\"diagrams\": {}}}", "“detail.diagrams”", NULL },
    { "{\"version\": \"1.6.1\", \"summary\": {}, \"detail\": {\"diagrams\": [7]}}", NULL,
      "detail.diagrams[0]" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"diagramJson\": \"cells\"}]}}", NULL,
      "detail.diagrams[0].diagramJson" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"diagramJson\": {\"cells\": [1,"
      " {\"type\": \"tm.Cloud\", \"id\": \"c\"}]}}]}}", NULL, "detail.diagrams[0].diagramJson.cells[1]" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"diagramJson\": {\"cells\": ["
      " {\"type\": \"tm.Flow\", \"id\": \"f\", \"source\": {\"id\": \"nowhere\"}, \"target\": {\"id\": \"n\"}}]}}]}}",
      NULL, "detail.diagrams[0].diagramJson.cells[0]" },
    { "{\"summary\": {}, \"detail\": {\"diagrams\": [{\"diagramJson\": {\"cells\": ["
      " {\"type\": \"tm.Process\", \"id\": \"p\", \"size\": {\"width\": \"big\"}, \"position\": {\"x\": 1, \"y\": 2},"
      " \"threats\": [{\"title\": \"t\", \"severity\": \"Dire\"}]}]}}]}}",
      NULL, "detail.diagrams[0].diagramJson.cells[0].threats[0].severity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MoatModel) model = NULL;
      g_autoptr(MoatImportReport) report = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].json);
      model = moat_format_import (cases[i].json, strlen (cases[i].json), MOAT_FORMAT_THREAT_DRAGON_V1,
                                  &report, &error);
      if (cases[i].error != NULL)
        {
          g_assert_null (model);
          g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "This is not a valid Threat Dragon 1.x model: "));
          g_assert_nonnull (strstr (error->message, cases[i].error));
          continue;
        }
      g_assert_no_error (error);
      g_assert_nonnull (model);
      g_assert_nonnull (moat_import_report_find (report, cases[i].path));
    }
}

/* Either Threat Dragon name reads either version: asked for 1.x, a 2.x
 * file is read as 2.x, not upgraded into empty diagrams. */
static void
test_either_version (void)
{
  g_autofree char *v1 = read_data ("v1-model.json");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "td-fidelity.json", NULL);
  g_autofree char *v2 = NULL;
  g_autoptr(MoatModel) a = NULL;
  g_autoptr(MoatModel) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &v2, NULL, NULL));
  a = moat_format_import (v1, strlen (v1), MOAT_FORMAT_THREAT_DRAGON, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (a, MOAT_TYPE_ELEMENT), ==, 5);
  b = moat_format_import (v2, strlen (v2), MOAT_FORMAT_THREAT_DRAGON_V1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (b, MOAT_TYPE_ELEMENT), ==, 3);
  g_assert_cmpuint (moat_model_count (b, MOAT_TYPE_THREAT), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threat-dragon-v1/v1-model", test_v1_model);
  g_test_add_func ("/threat-dragon-v1/samples", test_samples);
  g_test_add_func ("/threat-dragon-v1/workshop-samples", test_workshop_samples);
  g_test_add_func ("/threat-dragon-v1/malformed", test_malformed);
  g_test_add_func ("/threat-dragon-v1/either-version", test_either_version);

  return g_test_run ();
}
