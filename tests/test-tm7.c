/* test-tm7.c: Microsoft Threat Modeling Tool (.tm7) import
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture, tests/data/tm7/web-shop.tm7, was written for these tests
 * (by make-web-shop.py next to it) and follows the structure of the files
 * the Tool saves: two drawing surfaces, every kind of stencil, flows with
 * and without bends, a loose and a dangling flow end, a stencil of a
 * custom template, and threats in every state.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-format.h"
#include "moat-test-util.h"

#define SHOP_SURFACE  "5a1f0c3e-7d2b-4c19-9e41-0b6f2a7d1e01"
#define BACK_SURFACE  "5a1f0c3e-7d2b-4c19-9e41-0b6f2a7d1e02"
#define CUSTOMER      "c0a80101-1111-4a6b-8c01-000000000001"
#define SHOP          "c0a80101-1111-4a6b-8c01-000000000002"
#define ORDERS        "c0a80101-1111-4a6b-8c01-000000000003"
#define PSP           "c0a80101-1111-4a6b-8c01-000000000004"
#define NETWORK       "c0a80101-1111-4a6b-8c01-000000000005"
#define INTERNET      "c0a80101-1111-4a6b-8c01-000000000006"
#define NOTE          "c0a80101-1111-4a6b-8c01-000000000007"
#define ADMIN         "c0a80101-1111-4a6b-8c01-000000000011"
#define CONSOLE       "c0a80101-1111-4a6b-8c01-000000000012"
#define AUDIT         "c0a80101-1111-4a6b-8c01-000000000013"
#define WAREHOUSE     "c0a80101-1111-4a6b-8c01-000000000014"
#define F_ORDER       "f1000000-2222-4b7c-9d02-000000000001"
#define F_CONFIRM     "f1000000-2222-4b7c-9d02-000000000002"
#define F_SQL         "f1000000-2222-4b7c-9d02-000000000003"
#define F_CHARGE      "f1000000-2222-4b7c-9d02-000000000004"
#define F_LOOSE       "f1000000-2222-4b7c-9d02-000000000005"
#define F_DANGLING    "f1000000-2222-4b7c-9d02-000000000006"
#define F_LOGIN       "f1000000-2222-4b7c-9d02-000000000011"

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "tm7", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, length, &error);
  g_assert_no_error (error);
  return text;
}

static MoatModel *
import_fixture (MoatImportReport **report)
{
  gsize length;
  g_autofree char *text = read_fixture ("web-shop.tm7", &length);
  g_autoptr(GError) error = NULL;
  MoatModel *model;

  /* Detected, as the app's Import and dropped files do. */
  model = moat_format_import (text, length, MOAT_FORMAT_UNKNOWN, report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static MoatElement *
element (MoatModel  *model,
         const char *id)
{
  MoatElement *element = moat_model_lookup_typed (model, id, MOAT_TYPE_ELEMENT);

  if (element == NULL)
    g_error ("no element %s", id);
  return element;
}

static MoatThreat *
threat_titled (MoatModel  *model,
               const char *title)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (list, i);

      if (g_strcmp0 (moat_threat_get_title (threat), title) == 0)
        return threat;
    }

  g_error ("no threat titled %s", title);
  return NULL;
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
assert_points (MoatElement  *element,
               const double *expected,
               guint         n)
{
  GVariant *points = moat_element_get_points (element);

  if (n == 0)
    {
      g_assert_true (points == NULL || g_variant_n_children (points) == 0);
      return;
    }
  g_assert_nonnull (points);
  g_assert_cmpuint (g_variant_n_children (points), ==, n);
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      g_variant_get_child (points, i, "(dd)", &x, &y);
      g_assert_cmpfloat (x, ==, expected[2 * i]);
      g_assert_cmpfloat (y, ==, expected[2 * i + 1]);
    }
}

static void
assert_tag (MoatElement *element,
            const char  *tag,
            gboolean     present)
{
  const char * const *tags = moat_element_get_tags (element);

  g_assert_cmpint (tags != NULL && g_strv_contains (tags, tag), ==, present);
}

static void
assert_issue (MoatImportReport    *report,
              const char          *path,
              MoatImportIssueKind  kind,
              const char          *words)
{
  const MoatImportIssue *issue = moat_import_report_find (report, path);

  if (issue == NULL)
    {
      g_autofree char *text = moat_import_report_format_text (report);
      g_error ("nothing reported at %s:\n%s", path, text);
    }
  g_assert_cmpint (issue->kind, ==, kind);
  if (words != NULL)
    g_assert_nonnull (strstr (issue->message, words));
}

/* ---- detection ---- */

static void
test_detect (void)
{
  gsize length;
  g_autofree char *text = read_fixture ("web-shop.tm7", &length);
  const char *bom = "\xef\xbb\xbf<ThreatModel xmlns=\"x\"><DrawingSurfaceList/></ThreatModel>";

  g_assert_cmpint (moat_format_detect (text, length), ==, MOAT_FORMAT_TM7);
  g_assert_cmpint (moat_format_detect (bom, strlen (bom)), ==, MOAT_FORMAT_TM7);
  g_assert_cmpint (moat_format_detect ("<ThreatModelling/>", 18), ==, MOAT_FORMAT_UNKNOWN);
  g_assert_cmpint (moat_format_detect ("<?xml version=\"1.0\"?><svg/>", 27), ==, MOAT_FORMAT_UNKNOWN);
  g_assert_cmpint (moat_format_detect ("{\"format\": \"moat\"}", 18), !=, MOAT_FORMAT_TM7);
  g_assert_cmpint (moat_format_detect ("<!-- never closed <ThreatModel>", 31), ==, MOAT_FORMAT_UNKNOWN);
  /* Found past a DTD too, so that the reader can refuse it in words. */
  {
    const char *dtd = "<!DOCTYPE a [<!ENTITY b \"c>\">]><ThreatModel/>";

    g_assert_cmpint (moat_format_detect (dtd, strlen (dtd)), ==, MOAT_FORMAT_TM7);
  }

  {
    MoatFormat format;

    g_assert_true (moat_format_from_name ("tm7", &format));
    g_assert_cmpint (format, ==, MOAT_FORMAT_TM7);
    g_assert_cmpstr (moat_format_get_name (MOAT_FORMAT_TM7), ==, "tm7");
  }
}

/* ---- what comes in ---- */

static void
test_counts (void)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import_fixture (&report);

  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 2);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 19);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_ACTOR), ==, 3);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_PROCESS), ==, 2);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_STORE), ==, 3);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_BOUNDARY), ==, 2);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_NOTE), ==, 1);
  g_assert_cmpuint (count_kind (model, MOAT_ELEMENT_FLOW), ==, 8);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 6);

  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_DIAGRAM), ==, 2);
  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_ELEMENT), ==, 19);
  g_assert_cmpuint (moat_import_report_get_count (report, MOAT_TYPE_THREAT), ==, 6);
}

static void
test_model_and_diagrams (void)
{
  g_autoptr(MoatModel) model = import_fixture (NULL);
  MoatDiagram *shop = moat_model_lookup_typed (model, SHOP_SURFACE, MOAT_TYPE_DIAGRAM);
  MoatDiagram *back = moat_model_lookup_typed (model, BACK_SURFACE, MOAT_TYPE_DIAGRAM);

  g_assert_cmpstr (moat_model_get_title (model), ==, "Web Shop");
  g_assert_cmpstr (moat_model_get_owner (model), ==, "Alex Doe");
  g_assert_cmpstr (moat_model_get_description (model), ==,
                   "An online shop: customers order, a payment provider charges them.");

  g_assert_nonnull (shop);
  g_assert_nonnull (back);
  g_assert_cmpstr (moat_diagram_get_title (shop), ==, "Web Shop");
  g_assert_cmpstr (moat_diagram_get_title (back), ==, "Back Office");
  g_assert_cmpint (moat_diagram_get_position (shop), <, moat_diagram_get_position (back));

  g_assert_cmpstr (moat_element_get_diagram_id (element (model, CUSTOMER)), ==, SHOP_SURFACE);
  g_assert_cmpstr (moat_element_get_diagram_id (element (model, ADMIN)), ==, BACK_SURFACE);
  g_assert_cmpstr (moat_element_get_diagram_id (element (model, F_LOGIN)), ==, BACK_SURFACE);
}

static void
test_stencils (void)
{
  g_autoptr(MoatModel) model = import_fixture (NULL);
  MoatElement *customer = element (model, CUSTOMER);
  MoatElement *shop = element (model, SHOP);
  MoatElement *orders = element (model, ORDERS);
  MoatElement *psp = element (model, PSP);
  MoatElement *network = element (model, NETWORK);
  MoatElement *note = element (model, NOTE);
  MoatElement *console = element (model, CONSOLE);
  MoatElement *audit = element (model, AUDIT);
  MoatElement *warehouse = element (model, WAREHOUSE);

  /* Kinds, positions and sizes. */
  g_assert_cmpint (moat_element_get_kind (customer), ==, MOAT_ELEMENT_ACTOR);
  g_assert_cmpstr (moat_element_get_name (customer), ==, "Customer");
  g_assert_cmpfloat (moat_element_get_x (customer), ==, 60);
  g_assert_cmpfloat (moat_element_get_y (customer), ==, 200);
  g_assert_cmpfloat (moat_element_get_width (customer), ==, 100);
  g_assert_cmpfloat (moat_element_get_height (customer), ==, 100);
  g_assert_cmpint (moat_element_get_kind (shop), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpint (moat_element_get_kind (orders), ==, MOAT_ELEMENT_STORE);
  g_assert_cmpfloat (moat_element_get_x (orders), ==, 760);
  g_assert_cmpfloat (moat_element_get_width (orders), ==, 120);
  g_assert_cmpint (moat_element_get_kind (network), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpstr (moat_element_get_name (network), ==, "Shop Network");
  g_assert_cmpfloat (moat_element_get_x (network), ==, 350);
  g_assert_cmpfloat (moat_element_get_y (network), ==, 140);
  g_assert_cmpfloat (moat_element_get_width (network), ==, 580);
  g_assert_cmpfloat (moat_element_get_height (network), ==, 260);
  g_assert_cmpint (moat_element_get_kind (note), ==, MOAT_ELEMENT_NOTE);
  g_assert_cmpstr (moat_element_get_name (note), ==, "Card numbers never reach the shop");
  /* Drawn as a rectangle by its template, named as a database. */
  g_assert_cmpint (moat_element_get_kind (warehouse), ==, MOAT_ELEMENT_STORE);

  /* Security properties. */
  g_assert_true (moat_element_get_authenticated (customer));
  g_assert_true (moat_element_get_authenticated (shop));
  g_assert_true (moat_element_get_authorization_checked (shop));
  g_assert_true (moat_element_get_internet_facing (shop));
  g_assert_cmpint (moat_element_get_privilege_level (shop), ==, MOAT_PRIVILEGE_SYSTEM);
  g_assert_cmpint (moat_element_get_privilege_level (console), ==, MOAT_PRIVILEGE_ADMIN);
  g_assert_false (moat_element_get_authorization_checked (console));
  g_assert_false (moat_element_get_internet_facing (console));
  assert_tag (shop, "sanitizes-input", TRUE);
  assert_tag (shop, "sanitizes-output", FALSE);
  assert_tag (console, "sanitizes-input", FALSE);   /* “No” */
  assert_tag (console, "sanitizes-output", TRUE);
  g_assert_true (moat_element_get_encrypted_at_rest (orders));
  g_assert_true (moat_element_get_handles_credentials (orders));
  g_assert_false (moat_element_get_encrypted_at_rest (audit));
  g_assert_true (moat_element_get_out_of_scope (psp));
  g_assert_cmpstr (moat_element_get_out_of_scope_reason (psp), ==,
                   "Third party; covered by its PCI attestation");
  g_assert_false (moat_element_get_out_of_scope (shop));
  g_assert_null (moat_element_get_out_of_scope_reason (shop));

  /* Technology from the stencil type, unless it is a generic one. */
  g_assert_cmpstr (moat_element_get_technology (shop), ==, "Web Application");
  g_assert_cmpstr (moat_element_get_technology (orders), ==, "SQL Database");
  g_assert_cmpstr (moat_element_get_technology (customer), ==, "Browser");
  g_assert_null (moat_element_get_technology (console));
  g_assert_null (moat_element_get_technology (audit));

  /* The rest, with values set, as tags. */
  assert_tag (shop, "Code Type: Managed", TRUE);
  assert_tag (orders, "Store Type: SQL Relational Database", TRUE);
  assert_tag (audit, "Retention: 400 days", TRUE);
  assert_tag (audit, "Store Type: Not Selected", FALSE);
}

static void
test_flows_and_lines (void)
{
  g_autoptr(MoatModel) model = import_fixture (NULL);
  MoatElement *order = element (model, F_ORDER);
  MoatElement *confirm = element (model, F_CONFIRM);
  MoatElement *sql = element (model, F_SQL);
  MoatElement *charge = element (model, F_CHARGE);
  MoatElement *loose = element (model, F_LOOSE);
  MoatElement *internet = element (model, INTERNET);
  const double order_bend[] = { 290, 170 };
  const double charge_bend[] = { 560, 470 };
  const double line[] = { 260, 80, 290, 320, 250, 560 };

  g_assert_cmpint (moat_element_get_kind (order), ==, MOAT_ELEMENT_FLOW);
  g_assert_cmpstr (moat_element_get_name (order), ==, "Order");
  g_assert_cmpstr (moat_element_get_source_id (order), ==, CUSTOMER);
  g_assert_cmpstr (moat_element_get_target_id (order), ==, SHOP);
  assert_points (order, order_bend, 1);
  /* A handle on the straight line is no bend. */
  g_assert_cmpstr (moat_element_get_source_id (confirm), ==, SHOP);
  g_assert_cmpstr (moat_element_get_target_id (confirm), ==, CUSTOMER);
  assert_points (confirm, NULL, 0);
  assert_points (sql, NULL, 0);
  assert_points (charge, charge_bend, 1);

  /* Flow properties. */
  g_assert_true (moat_element_get_encrypted_in_transit (order));
  g_assert_true (moat_element_get_authenticated (order));
  g_assert_false (moat_element_get_authenticated (charge));  /* only its destination is */
  assert_tag (charge, "Destination Authenticated: Yes", TRUE);
  assert_tag (order, "Provides Integrity: Yes", TRUE);
  g_assert_false (moat_element_get_encrypted_in_transit (sql));
  g_assert_cmpstr (moat_element_get_protocol (order), ==, "HTTPS");
  g_assert_cmpstr (moat_element_get_protocol (sql), ==, "SQL");
  g_assert_null (moat_element_get_protocol (loose));

  /* A loose end near a stencil is attached to it; a dangling flow is not kept. */
  g_assert_cmpstr (moat_element_get_source_id (loose), ==, ORDERS);
  g_assert_cmpstr (moat_element_get_target_id (loose), ==, PSP);
  g_assert_null (moat_model_lookup (model, F_DANGLING));

  /* The trust boundary line: its points, and the region around them. */
  g_assert_cmpint (moat_element_get_kind (internet), ==, MOAT_ELEMENT_BOUNDARY);
  g_assert_cmpstr (moat_element_get_name (internet), ==, "Internet Boundary");
  assert_points (internet, line, 3);
  g_assert_cmpfloat (moat_element_get_x (internet), ==, 250);
  g_assert_cmpfloat (moat_element_get_y (internet), ==, 80);
  g_assert_cmpfloat (moat_element_get_width (internet), ==, 40);
  g_assert_cmpfloat (moat_element_get_height (internet), ==, 480);
  g_assert_true (moat_element_get_internet_facing (internet));
  g_assert_false (moat_element_get_internet_facing (element (model, NETWORK)));
}

static void
assert_elements (MoatThreat         *threat,
                 const char * const *expected)
{
  const char * const *ids = moat_threat_get_element_ids (threat);

  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length ((char **)ids), ==, g_strv_length ((char **)expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (g_strv_contains (ids, expected[i]));
}

static void
test_threats (void)
{
  g_autoptr(MoatModel) model = import_fixture (NULL);
  MoatThreat *spoofing = threat_titled (model, "Spoofing of the Customer browser");
  MoatThreat *injection = threat_titled (model, "SQL injection into Orders DB");
  MoatThreat *sniffing = threat_titled (model, "Data flow sniffing of the confirmation");
  MoatThreat *flooding = threat_titled (model, "Flooding the Web Shop with orders");
  MoatThreat *elevation = threat_titled (model, "Elevation through the Admin Console");
  MoatThreat *charges = threat_titled (model, "Unlogged card charges");
  const char * const spoofing_elements[] = { CUSTOMER, F_ORDER, SHOP, NULL };
  const char * const charges_elements[] = { ORDERS, PSP, NULL };

  /* Not Started (and its AutoGenerated twin) → open. */
  g_assert_cmpint (moat_threat_get_status (spoofing), ==, MOAT_THREAT_OPEN);
  g_assert_false (moat_threat_get_needs_review (spoofing));
  g_assert_cmpstr (moat_threat_get_category (spoofing), ==, "S");
  g_assert_cmpstr (moat_threat_get_description (spoofing), ==,
                   "An attacker could pose as a customer and place orders in their name.");
  g_assert_cmpint (moat_threat_get_likelihood (spoofing), ==, 4);
  g_assert_cmpint (moat_threat_get_impact (spoofing), ==, 4);
  g_assert_null (moat_threat_get_status_reason (spoofing));
  assert_elements (spoofing, spoofing_elements);
  g_assert_cmpint (moat_threat_get_status (elevation), ==, MOAT_THREAT_OPEN);
  g_assert_cmpstr (moat_threat_get_category (elevation), ==, "E");
  g_assert_cmpint (moat_threat_get_likelihood (elevation), ==, 5);
  g_assert_cmpint (moat_threat_get_impact (elevation), ==, 5);

  /* Needs Investigation → open, and to be reviewed. */
  g_assert_cmpint (moat_threat_get_status (injection), ==, MOAT_THREAT_OPEN);
  g_assert_true (moat_threat_get_needs_review (injection));
  g_assert_nonnull (moat_threat_get_review_reason (injection));
  g_assert_cmpstr (moat_threat_get_status_reason (injection), ==, "Check that the ORM binds every parameter");
  g_assert_cmpstr (moat_threat_get_category (injection), ==, "T");
  g_assert_cmpint (moat_threat_get_likelihood (injection), ==, 3);
  g_assert_cmpint (moat_threat_get_impact (injection), ==, 3);

  /* Not Applicable and Mitigated, with their justifications. */
  g_assert_cmpint (moat_threat_get_status (sniffing), ==, MOAT_THREAT_NOT_APPLICABLE);
  g_assert_cmpstr (moat_threat_get_status_reason (sniffing), ==, "Only order numbers, sent over TLS");
  g_assert_cmpstr (moat_threat_get_category (sniffing), ==, "I");
  g_assert_cmpint (moat_threat_get_likelihood (sniffing), ==, 2);
  g_assert_cmpint (moat_threat_get_status (flooding), ==, MOAT_THREAT_MITIGATED);
  g_assert_cmpstr (moat_threat_get_status_reason (flooding), ==, "Rate limiting at the edge");
  g_assert_cmpstr (moat_threat_get_category (flooding), ==, "D");

  /* An unknown priority leaves 3 × 3; the flow it named is gone. */
  g_assert_cmpstr (moat_threat_get_category (charges), ==, "R");
  g_assert_cmpint (moat_threat_get_likelihood (charges), ==, 3);
  g_assert_cmpint (moat_threat_get_impact (charges), ==, 3);
  assert_elements (charges, charges_elements);
}

static void
test_report (void)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = import_fixture (&report);
  g_autofree char *text = moat_import_report_format_text (report);

  g_assert_cmpstr (moat_import_report_get_format_label (report), ==, "Microsoft Threat Modeling Tool");
  g_assert_false (moat_import_report_get_exporting (report));

  assert_issue (report, "MetaInformation.Reviewer", MOAT_IMPORT_ISSUE_UNMAPPED, NULL);
  assert_issue (report, "MetaInformation.Contributors", MOAT_IMPORT_ISSUE_UNMAPPED, NULL);
  g_assert_null (moat_import_report_find (report, "MetaInformation.Assumptions"));
  assert_issue (report, "Notes", MOAT_IMPORT_ISSUE_UNMAPPED, "1 note");
  /* The model's assumptions are assumptions to validate. */
  {
    g_autoptr(MoatAssumption) assumption = g_list_model_get_item (moat_model_get_list (model, MOAT_TYPE_ASSUMPTION), 0);

    g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ASSUMPTION), ==, 1);
    g_assert_cmpstr (moat_assumption_get_statement (assumption), ==, "The cloud provider is trusted.");
    g_assert_cmpint (moat_assumption_get_status (assumption), ==, MOAT_ASSUMPTION_UNVALIDATED);
  }
  /* A boundary line is a boundary line in Moat too. */
  g_assert_null (moat_import_report_find (report, "DrawingSurfaceList[0].Lines[0]"));
  assert_issue (report, "DrawingSurfaceList[0].Lines[5].SourceGuid", MOAT_IMPORT_ISSUE_GUESSED, "Orders DB");
  assert_issue (report, "DrawingSurfaceList[0].Lines[6]", MOAT_IMPORT_ISSUE_SKIPPED, "both ends");
  assert_issue (report, "DrawingSurfaceList[0].Borders[1].Properties.Code Type", MOAT_IMPORT_ISSUE_CONVERTED,
                "Code Type: Managed");
  assert_issue (report, "DrawingSurfaceList[1].Borders[2].Properties.Retention", MOAT_IMPORT_ISSUE_CONVERTED,
                "Retention: 400 days");
  assert_issue (report, "DrawingSurfaceList[1].Borders[3].GenericTypeId", MOAT_IMPORT_ISSUE_GUESSED, "data store");
  /* Custom threat properties go by the labels the template gives them. */
  assert_issue (report, "ThreatInstances[5].Properties.Owning team", MOAT_IMPORT_ISSUE_UNMAPPED, NULL);
  assert_issue (report, "ThreatInstances[5].Priority", MOAT_IMPORT_ISSUE_UNMAPPED, "3 × 3");

  /* Mapped values and unset ones are not reported. */
  g_assert_null (moat_import_report_find (report, "DrawingSurfaceList[0].Borders[1].Properties.Running As"));
  g_assert_null (moat_import_report_find (report, "DrawingSurfaceList[0].Borders[1].Properties.Sanitizes"));
  g_assert_null (moat_import_report_find (report, "DrawingSurfaceList[0].Borders[2].Properties.Encrypted"));
  g_assert_null (moat_import_report_find (report, "ThreatInstances[0]"));
  g_assert_null (moat_import_report_find (report, "DrawingSurfaceList[1].Borders[1]"));

  g_assert_nonnull (strstr (text, "Owning team = \"Payments\""));
  g_assert_cmpuint (moat_import_report_get_n_issues (report), ==, 16);
}

/* The least a file can say (minimal.tm7, also a seed for fuzz-tm7). */
static void
test_minimal (void)
{
  gsize length;
  g_autofree char *text = read_fixture ("minimal.tm7", &length);
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_format_import (text, length, MOAT_FORMAT_UNKNOWN, &report, &error);
  MoatThreat *threat;

  g_assert_no_error (error);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Minimal");
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 6);
  g_assert_true (moat_element_get_authenticated (element (model, "u")));
  g_assert_cmpstr (moat_element_get_technology (element (model, "u")), ==, "Browser");
  g_assert_true (moat_element_get_out_of_scope (element (model, "p")));
  g_assert_cmpint (moat_element_get_kind (element (model, "n")), ==, MOAT_ELEMENT_NOTE);
  g_assert_cmpstr (moat_element_get_source_id (element (model, "f")), ==, "u");
  threat = moat_model_lookup (model, "T1ufp");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_MITIGATED);
  g_assert_cmpstr (moat_threat_get_status_reason (threat), ==, "Signed-in users only");
  /* Everything in it has its place in Moat, its boundary line too. */
  g_assert_cmpuint (moat_import_report_get_n_issues (report), ==, 0);
}

/* ---- round trips ---- */

static void
test_round_trips (void)
{
  g_autoptr(MoatModel) model = import_fixture (NULL);
  g_autofree char *json = moat_json_write (model, NULL);
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "web-shop.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatStore) reopened = NULL;
  g_autoptr(GError) error = NULL;

  /* Moat JSON. */
  again = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  moat_test_assert_models_equal (model, again);

  /* A project file, as moat-cli import writes it. */
  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  reopened = moat_store_open (file, &error);
  g_assert_no_error (error);
  moat_test_assert_models_equal (model, moat_store_get_model (reopened));
  moat_store_close (reopened);

  /* On to the other formats and back: what they hold survives. */
  {
    g_autofree char *otm = moat_format_export (model, MOAT_FORMAT_OTM, NULL, &error);
    g_autoptr(MoatModel) back = NULL;
    MoatElement *order;

    g_assert_no_error (error);
    back = moat_format_import (otm, strlen (otm), MOAT_FORMAT_UNKNOWN, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (moat_model_count (back, MOAT_TYPE_THREAT), ==, 6);
    order = moat_model_lookup (back, F_ORDER);
    g_assert_nonnull (order);
    g_assert_cmpstr (moat_element_get_source_id (order), ==, CUSTOMER);
    g_assert_true (moat_element_get_encrypted_in_transit (order));
  }

  moat_test_rm_rf (dir);
}

/* A file saved again as UTF-16 by an editor reads the same. */
static void
test_utf16 (void)
{
  gsize length, utf16_length;
  g_autofree char *text = read_fixture ("web-shop.tm7", &length);
  g_autofree char *utf16 = g_convert (text, length, "UTF-16", "UTF-8", NULL, &utf16_length, NULL);
  g_autoptr(MoatModel) model = import_fixture (NULL);
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (utf16);
  g_assert_cmpint (moat_format_detect (utf16, utf16_length), ==, MOAT_FORMAT_TM7);
  again = moat_format_import (utf16, utf16_length, MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (again, MOAT_TYPE_ELEMENT), ==, moat_model_count (model, MOAT_TYPE_ELEMENT));
  g_assert_cmpstr (moat_element_get_name (element (again, SHOP)), ==, "Web Shop");
}

/* ---- bad files ---- */

/* @length: -1 for all of @text */
static void
assert_refused (const char *text,
                gssize      length,
                const char *words)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_format_import (text, length < 0 ? strlen (text) : (gsize)length,
                                                   MOAT_FORMAT_TM7, &report, &error);

  g_assert_null (model);
  g_assert_null (report);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Microsoft Threat Modeling Tool"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_malformed (void)
{
  g_autoptr(GString) deep = g_string_new ("<ThreatModel><DrawingSurfaceList/>");
  gsize length;
  g_autofree char *text = read_fixture ("web-shop.tm7", &length);
  const char nul[] = "<ThreatModel><DrawingSurfaceList/>\0</ThreatModel>";

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "<a>");

  assert_refused ("", -1, "empty");
  assert_refused ("{\"otmVersion\": \"0.1.0\"}", -1, NULL);
  assert_refused ("<ThreatModel><DrawingSurfaceList>", -1, NULL);        /* cut short */
  assert_refused ("<ThreatModel><DrawingSurfaceList></Lines></ThreatModel>", -1, NULL);
  assert_refused ("<Model><DrawingSurfaceList/></Model>", -1, "ThreatModel");
  assert_refused ("<ThreatModel><Notes/></ThreatModel>", -1, "DrawingSurfaceList");
  assert_refused ("<ThreatModel/><ThreatModel/>", -1, NULL);
  assert_refused (deep->str, deep->len, "nested");
  assert_refused (nul, sizeof nul - 1, "NUL");
  assert_refused (text, length / 2, NULL);                              /* a truncated real file */
  assert_refused ("<ThreatModel>\xff\xfe</ThreatModel>", -1, "UTF-8");  /* not UTF-8 */
  /* … also in a comment, where GMarkup itself would set two errors (fuzz-tm7 found it). */
  assert_refused ("<!-- \xe2\x98 --><ThreatModel><DrawingSurfaceList a=b/></ThreatModel>", -1, "UTF-8");

  /* Entities: no DTD is read, no external entity fetched, no bomb expanded. */
  assert_refused ("<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE ThreatModel [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                  "<ThreatModel><DrawingSurfaceList/><MetaInformation><Owner>&xxe;</Owner>"
                  "</MetaInformation></ThreatModel>", -1, "DTD");
  assert_refused ("<ThreatModel><DrawingSurfaceList/><MetaInformation><Owner>&lol9;</Owner>"
                  "</MetaInformation></ThreatModel>", -1, NULL);
}

/* Wrong values inside a well-formed file give a model and a report. */
static void
test_bad_values (void)
{
  const char *text =
    "<ThreatModel xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">"
    "<DrawingSurfaceList><DrawingSurfaceModel><Guid>d</Guid><Borders>"
    "<KeyValueOfguidanyType><Key>p</Key><Value i:type=\"StencilEllipse\"><Guid>p</Guid>"
    "<Left>abc</Left><Top>1e300</Top><Width>-5</Width><Height>60</Height></Value></KeyValueOfguidanyType>"
    "<KeyValueOfguidanyType><Key>q</Key><Value i:type=\"StencilHexagon\"><Guid>q</Guid></Value></KeyValueOfguidanyType>"
    "<KeyValueOfguidanyType><Key>r</Key></KeyValueOfguidanyType>"
    "</Borders><Lines>"
    "<KeyValueOfguidanyType><Key>f</Key><Value i:type=\"Connector\"><Guid>f</Guid>"
    "<SourceGuid>p</SourceGuid><TargetGuid>p</TargetGuid><HandleX>nan</HandleX><HandleY>3</HandleY>"
    "</Value></KeyValueOfguidanyType>"
    "<KeyValueOfguidanyType><Key>l</Key><Value i:type=\"LineBoundary\"><Guid>l</Guid>"
    "<SourceX>1</SourceX><SourceY>2</SourceY></Value></KeyValueOfguidanyType>"
    "</Lines></DrawingSurfaceModel></DrawingSurfaceList>"
    "<ThreatInstances><KeyValueOfstringThreatpc_P0_PhOB><Key>t</Key><Value>"
    "<State>Pondering</State><SourceGuid>nobody</SourceGuid><Id>9</Id></Value>"
    "</KeyValueOfstringThreatpc_P0_PhOB><KeyValueOfstringThreatpc_P0_PhOB><Key>u</Key>"
    "</KeyValueOfstringThreatpc_P0_PhOB></ThreatInstances></ThreatModel>";
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_format_import (text, strlen (text), MOAT_FORMAT_UNKNOWN, &report, &error);
  MoatElement *process, *flow;
  MoatThreat *threat;

  g_assert_no_error (error);
  g_assert_nonnull (model);

  process = element (model, "p");
  g_assert_cmpfloat (moat_element_get_x (process), ==, 0);
  g_assert_cmpfloat (moat_element_get_y (process), ==, 1000000);
  g_assert_cmpfloat (moat_element_get_width (process), ==, 120);
  g_assert_cmpfloat (moat_element_get_height (process), ==, 60);
  assert_issue (report, "DrawingSurfaceList[0].Borders[0].Left", MOAT_IMPORT_ISSUE_INVALID, NULL);
  assert_issue (report, "DrawingSurfaceList[0].Borders[0].Top", MOAT_IMPORT_ISSUE_CONVERTED, NULL);
  assert_issue (report, "DrawingSurfaceList[0].Borders[0].Width", MOAT_IMPORT_ISSUE_INVALID, NULL);
  assert_issue (report, "DrawingSurfaceList[0].Borders[1]", MOAT_IMPORT_ISSUE_SKIPPED, "kind of stencil");
  assert_issue (report, "DrawingSurfaceList[0].Borders[2]", MOAT_IMPORT_ISSUE_INVALID, NULL);
  g_assert_null (moat_model_lookup (model, "q"));

  /* A flow from an element to itself, whose handle is no number. */
  flow = element (model, "f");
  g_assert_cmpstr (moat_element_get_source_id (flow), ==, "p");
  assert_points (flow, NULL, 0);
  assert_issue (report, "DrawingSurfaceList[0].Lines[0].HandleX", MOAT_IMPORT_ISSUE_INVALID, NULL);
  assert_issue (report, "DrawingSurfaceList[0].Lines[1]", MOAT_IMPORT_ISSUE_INVALID, "fewer than two points");

  threat = moat_model_lookup (model, "t");
  g_assert_nonnull (threat);
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Threat 9");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  assert_issue (report, "ThreatInstances[0].State", MOAT_IMPORT_ISSUE_INVALID, NULL);
  assert_issue (report, "ThreatInstances[1]", MOAT_IMPORT_ISSUE_INVALID, NULL);
}

/* A stencil with a great many properties set keeps a hundred as tags and
 * reports the rest, so that no element goes past Moat's limits. */
static void
test_many_properties (void)
{
  g_autoptr(GString) text = g_string_new ("<ThreatModel xmlns:i=\"i\"><DrawingSurfaceList><DrawingSurfaceModel>"
                                          "<Borders><KeyValueOfguidanyType><Key>p</Key>"
                                          "<Value i:type=\"StencilEllipse\"><Guid>p</Guid><Properties>");
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GError) error = NULL;
  MoatElement *process;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "<anyType i:type=\"b:StringDisplayAttribute\"><DisplayName>Property %u</DisplayName>"
                                  "<Name>p%u</Name><Value>%s</Value></anyType>", i, i,
                            i < 149 ? "set" : "xééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé");
  g_string_append (text, "</Properties><Left>1</Left><Top>2</Top><Width>90</Width><Height>90</Height></Value>"
                         "</KeyValueOfguidanyType></Borders></DrawingSurfaceModel></DrawingSurfaceList></ThreatModel>");

  model = moat_format_import (text->str, text->len, MOAT_FORMAT_UNKNOWN, &report, &error);
  g_assert_no_error (error);
  process = element (model, "p");
  g_assert_cmpuint (g_strv_length ((char **)moat_element_get_tags (process)), ==, 100);
  assert_tag (process, "Property 0: set", TRUE);
  assert_tag (process, "Property 99: set", TRUE);
  assert_tag (process, "Property 100: set", FALSE);
  assert_issue (report, "DrawingSurfaceList[0].Borders[0].Properties.Property 100", MOAT_IMPORT_ISSUE_UNMAPPED,
                "too many");
  /* Long values are cut for the report on a character, not inside one. */
  for (guint i = 0; i < moat_import_report_get_n_issues (report); i++)
    {
      const MoatImportIssue *issue = moat_import_report_get_issue (report, i);

      g_assert_true (issue->value == NULL || g_utf8_validate (issue->value, -1, NULL));
    }
  assert_issue (report, "DrawingSurfaceList[0].Borders[0].Properties.Property 149", MOAT_IMPORT_ISSUE_UNMAPPED, NULL);
}

/* Errors name the file, so a person who dropped several knows which. */
static void
test_import_file (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.tm7", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "tm7", "web-shop.tm7", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatModel) imported = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "<ThreatModel><DrawingSurfaceList>", -1, NULL));
  model = moat_format_import_file (file, MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "broken.tm7: "));

  imported = moat_format_import_file (good_file, MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_nonnull (imported);
  moat_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tm7/detect", test_detect);
  g_test_add_func ("/tm7/counts", test_counts);
  g_test_add_func ("/tm7/model-and-diagrams", test_model_and_diagrams);
  g_test_add_func ("/tm7/stencils", test_stencils);
  g_test_add_func ("/tm7/flows-and-lines", test_flows_and_lines);
  g_test_add_func ("/tm7/threats", test_threats);
  g_test_add_func ("/tm7/report", test_report);
  g_test_add_func ("/tm7/minimal", test_minimal);
  g_test_add_func ("/tm7/round-trips", test_round_trips);
  g_test_add_func ("/tm7/utf16", test_utf16);
  g_test_add_func ("/tm7/malformed", test_malformed);
  g_test_add_func ("/tm7/bad-values", test_bad_values);
  g_test_add_func ("/tm7/many-properties", test_many_properties);
  g_test_add_func ("/tm7/import-file", test_import_file);

  return g_test_run ();
}
