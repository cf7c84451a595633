/* test-estate.c: risk across many models
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-core.h"
#include "moat-estate-system-private.h"
#include "moat-test-util.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64) 86400)

static gint64
utc (int year,
     int month,
     int day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 9, 0, 0);

  return g_date_time_to_unix (date) * G_USEC_PER_SEC;
}

static char *
day_of (gint64 time)
{
  g_autoptr(GDateTime) date = NULL;

  if (time == 0)
    return g_strdup ("never");
  date = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  return g_date_time_format (date, "%Y-%m-%d");
}

static MoatEstate *
load_estate (const char *folder)
{
  g_autoptr(MoatEstate) estate = moat_estate_new ();
  g_autoptr(GFile) root = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;

  moat_estate_set_now (estate, utc (2026, 12, 7));
  moat_estate_add_path (estate, root);
  g_assert_true (moat_estate_load (estate, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&estate);
}

static MoatEstateSystem *
system_at (MoatEstate *estate,
           guint       i)
{
  MoatEstateSystem *system = g_list_model_get_item (moat_estate_get_systems (estate), i);

  g_object_unref (system); /* the estate holds it */
  return system;
}

/* The example estate, system by system, in rank order. */
typedef struct
{
  const char *title;
  const char *owner;
  const char *path;
  const char *last_change;
  const char *last_review;
  guint       residual[4];   /* critical, high, medium, low */
  guint       inherent[4];
  const char *top;
  const char *asset;
  guint       unvalidated, invalidated, overdue;
  MoatEstateData data;
  gboolean    internet;
  guint       unreviewed;
  const char *last_check;  /* "day: feature: outcome", or NULL for none */
} Expected;

#define PII  MOAT_ESTATE_DATA_PII
#define PAY  MOAT_ESTATE_DATA_PAYMENT
#define CRED MOAT_ESTATE_DATA_CREDENTIALS

static const Expected expected[] = {
  { "Checkout", "Payments team", "checkout", "2026-10-20", "2026-09-05", { 1, 1, 0, 0 }, { 2, 0, 0, 0 },
    "Card data skimmed by injected script", "Cardholder data", 1, 0, 1, PII | PAY, TRUE, 0,
    "2026-10-20: CHK-311 Apple Pay at checkout: Model update needed for 2 elements" },
  { "Partner gateway", "Integrations team", "partner-gateway", "2026-09-01", "never", { 1, 1, 0, 0 }, { 1, 1, 0, 0 },
    "Partner API key leaked and reused", "Partner payout data", 1, 0, 2, PAY, FALSE, 4 },
  { "Data warehouse", "Data platform team", "data-warehouse", "2025-11-20", "never", { 0, 3, 0, 0 }, { 0, 3, 0, 0 },
    "Analysts see customer data they do not need", "Customer and order history", 1, 1, 2, PII, FALSE, 5 },
  { "Mobile API", "Mobile team", "mobile-api", "2026-11-20", "2026-07-02", { 0, 2, 1, 0 }, { 0, 2, 1, 0 },
    "Basket of another user changed", "Customer accounts", 1, 0, 1, PII | CRED, TRUE, 1,
    /* the newer of its two checks */
    "2026-11-20: MOB-88 Dark mode: No model change needed: Only the colours of the app change: no new data, party "
    "or endpoint." },
  { "Customer portal", "Web team", "customer-portal", "2026-09-30", "2026-05-21", { 0, 1, 1, 0 }, { 0, 1, 1, 0 },
    "Another customer’s invoices read by changing an id", "Customer profiles", 0, 0, 1, PII, TRUE, 2 },
  { "HR system", "People operations", "hr-system", "2026-09-12", "2026-03-31", { 0, 1, 0, 0 }, { 0, 1, 0, 0 },
    "Bank details changed by a phishing email", "Employee records", 0, 1, 1, PII | PAY, FALSE, 3 },
  { "Identity service", "Identity and access team", "identity", "2026-11-18", "2026-11-18", { 0, 1, 0, 0 },
    { 0, 1, 0, 0 }, "Refresh token stolen from a shared device", "Password hashes and MFA secrets", 0, 0, 0,
    PII | CRED, TRUE, 0, "2026-11-18: ID-140 Sign in with passkeys: Model update needed for 2 elements" },
  { "Marketing website", "Marketing", "marketing-site", "2026-06-10", "2026-06-10", { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
    NULL, NULL, 0, 0, 0, PII, TRUE, 0 },
};

static void
check_last_check (MoatEstateSystem *system,
                  const Expected   *e)
{
  MoatFeatureCheck *check = moat_estate_system_get_last_check (system);
  g_autofree char *day = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *text = NULL;

  if (check == NULL)
    {
      g_assert_null (e->last_check);
      return;
    }
  day = day_of (moat_feature_check_get_checked_at (check));
  outcome = moat_feature_check_describe (check);
  text = g_strdup_printf ("%s: %s: %s", day, moat_feature_check_get_title (check), outcome);
  g_assert_cmpstr (text, ==, e->last_check);
}

static void
check_system (MoatEstateSystem *system,
              const Expected   *e,
              const char       *suffix)
{
  g_autofree char *path = g_strconcat (e->path, suffix, NULL);
  g_autofree char *changed = day_of (moat_estate_system_get_last_change (system));
  g_autofree char *reviewed = day_of (moat_estate_system_get_last_review (system));
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (system);

  g_assert_true (moat_estate_system_is_model (system));
  g_assert_cmpstr (moat_estate_system_get_title (system), ==, e->title);
  g_assert_cmpstr (moat_estate_system_get_owner (system), ==, e->owner);
  g_assert_cmpstr (moat_estate_system_get_path (system), ==, path);
  g_assert_cmpstr (changed, ==, e->last_change);
  g_assert_cmpstr (reviewed, ==, e->last_review);
  for (int level = MOAT_RISK_CRITICAL; level >= MOAT_RISK_LOW; level--)
    {
      g_assert_cmpuint (moat_estate_system_get_n_open (system, MOAT_RISK_BASIS_RESIDUAL, level), ==,
                        e->residual[MOAT_RISK_CRITICAL - level]);
      g_assert_cmpuint (moat_estate_system_get_n_open (system, MOAT_RISK_BASIS_INHERENT, level), ==,
                        e->inherent[MOAT_RISK_CRITICAL - level]);
    }
  g_assert_cmpstr (top != NULL ? top->title : NULL, ==, e->top);
  g_assert_cmpstr (top != NULL ? top->asset : NULL, ==, e->asset);
  g_assert_cmpuint (moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_UNVALIDATED), ==, e->unvalidated);
  g_assert_cmpuint (moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_INVALIDATED), ==, e->invalidated);
  g_assert_cmpuint (moat_estate_system_get_overdue (system)->len, ==, e->overdue);
  g_assert_cmpint (moat_estate_system_get_data (system), ==, e->data);
  g_assert_cmpint (moat_estate_system_get_internet_facing (system), ==, e->internet);
  g_assert_cmpuint (moat_estate_system_get_n_unreviewed_sensitive (system), ==, e->unreviewed);
  check_last_check (system, e);
}

static void
check_example (const char *folder,
               const char *suffix)
{
  g_autoptr(MoatEstate) estate = load_estate (folder);
  g_autoptr(GPtrArray) top = moat_estate_get_top_risks (estate, 10);
  guint counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE], total = 0;
  MoatEstateRisk *first;

  g_assert_cmpuint (moat_estate_get_n_models (estate), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (moat_estate_get_n_errors (estate), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    check_system (system_at (estate, i), &expected[i], suffix);

  g_assert_cmpuint (moat_estate_get_n_open (estate, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_CRITICAL), ==, 2);
  g_assert_cmpuint (moat_estate_get_n_open (estate, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_HIGH), ==, 10);
  g_assert_cmpuint (moat_estate_get_n_open (estate, MOAT_RISK_BASIS_INHERENT, MOAT_RISK_CRITICAL), ==, 3);

  /* The heat map holds every open threat once, where its residual risk is. */
  moat_estate_get_heat_map (estate, MOAT_RISK_BASIS_RESIDUAL, counts);
  for (guint l = 0; l < MOAT_RISK_SCALE; l++)
    for (guint i = 0; i < MOAT_RISK_SCALE; i++)
      total += counts[l][i];
  g_assert_cmpuint (total, ==, 14);
  g_assert_cmpuint (counts[4 - 1][5 - 1], ==, 2); /* skimming, partner key */
  g_assert_cmpuint (counts[3 - 1][5 - 1], ==, 2); /* flooding after the WAF, payout change */

  g_assert_cmpuint (top->len, ==, 10);
  first = g_ptr_array_index (top, 0);
  g_assert_cmpstr (first->title, ==, "Card data skimmed by injected script");
  g_assert_cmpstr (first->system, ==, "Checkout");
  g_assert_cmpint (first->level, ==, MOAT_RISK_CRITICAL);
  first = g_ptr_array_index (top, 1);
  g_assert_cmpstr (first->title, ==, "Partner API key leaked and reused");
  g_assert_cmpstr (((MoatEstateRisk *) g_ptr_array_index (top, 4))->title, ==, "Checkout flooded during a sale");
  g_assert_cmpint (((MoatEstateRisk *) g_ptr_array_index (top, 4))->inherent_level, ==, MOAT_RISK_CRITICAL);
  g_assert_cmpint (((MoatEstateRisk *) g_ptr_array_index (top, 4))->level, ==, MOAT_RISK_HIGH);
}

static char *
build_example_dir (void)
{
  return g_strdup (g_getenv ("MOAT_ESTATE_BUILD_DIR"));
}

static void
test_example_projects (void)
{
  g_autofree char *dir = build_example_dir ();

  check_example (dir, ".moat");
}

/* The same estate as JSON: the dates come from the objects rather than
 * a change log, and every figure is the same. */
static void
test_example_json (void)
{
  check_example (g_getenv ("MOAT_ESTATE_SOURCE_DIR"), ".moat.json");
}

static void
check_example_months (GArray *months)
{
  /* Opened, closed, controls done, open high and critical at month's end */
  static const guint table[12][4] = {
    { 2, 0, 0, 5 }, { 8, 0, 0, 12 }, { 3, 4, 4, 10 }, { 2, 3, 3, 9 }, { 1, 3, 3, 7 }, { 4, 2, 1, 10 },
    { 1, 1, 1, 10 }, { 4, 1, 1, 11 }, { 2, 2, 2, 11 }, { 1, 0, 1, 12 }, { 0, 1, 2, 12 }, { 0, 0, 0, 12 },
  };

  g_assert_cmpuint (months->len, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      MoatEstateMonth *m = &g_array_index (months, MoatEstateMonth, i);

      g_assert_cmpint (m->year, ==, 2026);
      g_assert_cmpint (m->month, ==, i + 1);
      g_assert_cmpuint (m->threats_opened, ==, table[i][0]);
      g_assert_cmpuint (m->threats_closed, ==, table[i][1]);
      g_assert_cmpuint (m->controls_done, ==, table[i][2]);
      g_assert_cmpuint (m->open_severe, ==, table[i][3]);
    }
}

static void
test_example_trends (void)
{
  g_autofree char *dir = build_example_dir ();
  const char *folders[] = { dir, g_getenv ("MOAT_ESTATE_SOURCE_DIR") };

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autoptr(MoatEstate) estate = load_estate (folders[f]);
      MoatEstateTrends *trends = moat_estate_get_trends (estate);
      g_autoptr(GArray) months = moat_estate_trends_get_months (trends, utc (2026, 12, 7), 12);
      double days;
      guint n;

      check_example_months (months);
      /* 15 mitigations, 741 days from creation to mitigation in all */
      g_assert_true (moat_estate_trends_get_mean_days_to_mitigate (trends, &days, &n));
      g_assert_cmpuint (n, ==, 15);
      g_assert_cmpfloat_with_epsilon (days, 741.0 / 15, 1e-9);
    }
}

static void
test_example_triage (void)
{
  g_autofree char *dir = build_example_dir ();
  g_autofree char *path = g_build_filename (dir, "inventory.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatEstateInventory) inventory = moat_estate_inventory_load (file, &error);
  g_autoptr(MoatEstate) estate = load_estate (dir);
  g_autoptr(GPtrArray) triage = NULL;
  static const struct { const char *name; MoatEstateReasonKind reasons[2]; guint n; } want[] = {
    { "Partner gateway", { MOAT_ESTATE_REASON_UNREVIEWED }, 1 },
    { "Fraud scoring", { MOAT_ESTATE_REASON_NO_MODEL }, 1 },
    { "HR system", { MOAT_ESTATE_REASON_UNREVIEWED }, 1 },
    { "Customer portal", { MOAT_ESTATE_REASON_UNREVIEWED }, 1 },
    { "Mobile API", { MOAT_ESTATE_REASON_UNREVIEWED }, 1 },
    { "Support desk integration", { MOAT_ESTATE_REASON_NO_MODEL }, 1 },
    { "Data warehouse", { MOAT_ESTATE_REASON_STALE, MOAT_ESTATE_REASON_UNREVIEWED }, 2 },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (moat_estate_inventory_get_n_entries (inventory), ==, 10);
  triage = moat_estate_triage (estate, inventory, MOAT_ESTATE_DEFAULT_STALE_DAYS);
  g_assert_cmpuint (triage->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < triage->len; i++)
    {
      MoatEstateAttention *a = g_ptr_array_index (triage, i);

      g_assert_cmpstr (a->name, ==, want[i].name);
      g_assert_true (a->listed);
      g_assert_cmpuint (a->reasons->len, ==, want[i].n);
      for (guint j = 0; j < a->reasons->len; j++)
        g_assert_cmpint (((MoatEstateReason *) g_ptr_array_index (a->reasons, j))->kind, ==, want[i].reasons[j]);
    }
  /* 298 days between the model's last change and the system's */
  g_assert_nonnull (strstr (((MoatEstateReason *) g_ptr_array_index (((MoatEstateAttention *) g_ptr_array_index (triage, 6))->reasons, 0))->text,
                            "298 days"));

  /* Given a year's grace, the warehouse's model is not stale. */
  g_clear_pointer (&triage, g_ptr_array_unref);
  triage = moat_estate_triage (estate, inventory, 365);
  g_assert_cmpuint (((MoatEstateAttention *) g_ptr_array_index (triage, 6))->reasons->len, ==, 1);
}

/* A change log written at known dates */

static void
edit_at (MoatModel  *model,
         gint64      time,
         gpointer    object,
         const char *field,
         int         value)
{
  moat_clock_set_fixed (time);
  moat_model_begin_action (model, "Edit");
  moat_model_set (model, object, field, value, NULL);
  moat_model_end_action (model);
}

static gpointer
add_at (MoatModel *model,
        gint64     time,
        gpointer   object)
{
  moat_clock_set_fixed (time);
  moat_model_begin_action (model, "Add");
  moat_model_add (model, object);
  moat_model_end_action (model);
  return object;
}

static MoatThreat *
threat_on (MoatElement *element,
           const char  *title,
           int          likelihood)
{
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (element)), NULL };

  return g_object_new (MOAT_TYPE_THREAT, "title", title, "category", "I", "likelihood", likelihood,
                       "element-ids", ids, NULL);
}

/* A model whose history is known to the day:
 *   Jan 10  threat A (critical) and controls X and Z; Jan 20 threat B (low)
 *   Feb  1  control Y planned; Feb 3 threat C (critical); Feb 10 element reviewed
 *   Mar 15  A mitigated, X and Z implemented;  Apr 2  C accepted
 *   May  1  Z back to planned;  May 5  A open again;  May 20  B deleted
 *   Jun  1  A mitigated again */
static void
write_history (GFile *file)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  MoatAsset *asset;
  MoatElement *element, *reviewed[1];
  MoatThreat *a, *b, *c;
  MoatControl *x, *y, *z;
  MoatDiagram *diagram;
  const char *asset_ids[1 + 1] = { NULL, NULL };

  moat_clock_set_fixed (utc (2026, 1, 10));
  g_object_set (model, "title", "History", "owner", "Test team", NULL);
  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);

  asset = add_at (model, utc (2026, 1, 10), g_object_new (MOAT_TYPE_ASSET, "name", "Secrets",
                                                          "impact-confidentiality", 5, NULL));
  asset_ids[0] = moat_object_get_id (MOAT_OBJECT (asset));
  diagram = add_at (model, utc (2026, 1, 10), g_object_new (MOAT_TYPE_DIAGRAM, "title", "Main", NULL));
  element = add_at (model, utc (2026, 1, 10), g_object_new (MOAT_TYPE_ELEMENT, "kind", MOAT_ELEMENT_PROCESS,
                                                            "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)),
                                                            "name", "Vault", "handles-credentials", TRUE,
                                                            "asset-ids", asset_ids, NULL));
  a = add_at (model, utc (2026, 1, 10), threat_on (element, "A", 4));
  x = add_at (model, utc (2026, 1, 10), g_object_new (MOAT_TYPE_CONTROL, "title", "X", NULL));
  z = add_at (model, utc (2026, 1, 10), g_object_new (MOAT_TYPE_CONTROL, "title", "Z", NULL));
  b = add_at (model, utc (2026, 1, 20), threat_on (element, "B", 1));
  y = add_at (model, utc (2026, 1, 10), g_object_new (MOAT_TYPE_CONTROL, "title", "Y", NULL));
  edit_at (model, utc (2026, 2, 1), y, "status", MOAT_CONTROL_PLANNED);
  c = add_at (model, utc (2026, 2, 3), threat_on (element, "C", 4));
  moat_clock_set_fixed (utc (2026, 2, 10));
  reviewed[0] = element;
  moat_review_mark (model, reviewed, 1, TRUE);
  edit_at (model, utc (2026, 3, 15), a, "status", MOAT_THREAT_MITIGATED);
  edit_at (model, utc (2026, 3, 15), x, "status", MOAT_CONTROL_IMPLEMENTED);
  edit_at (model, utc (2026, 3, 15), z, "status", MOAT_CONTROL_IMPLEMENTED);
  edit_at (model, utc (2026, 4, 2), c, "status", MOAT_THREAT_ACCEPTED);
  edit_at (model, utc (2026, 5, 1), z, "status", MOAT_CONTROL_PLANNED);
  edit_at (model, utc (2026, 5, 5), a, "status", MOAT_THREAT_OPEN);
  moat_clock_set_fixed (utc (2026, 5, 20));
  moat_model_begin_action (model, "Delete");
  moat_model_remove (model, b);
  moat_model_end_action (model);
  edit_at (model, utc (2026, 6, 1), a, "status", MOAT_THREAT_MITIGATED);
  moat_clock_set_fixed (0);

  g_assert_null (moat_store_get_write_error (store));
  moat_store_close (store);
}

static void
test_trends_from_log (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "history.moat", NULL);
  g_autoptr(MoatEstateSystem) system = NULL;
  g_autoptr(MoatEstateTrends) trends = moat_estate_trends_new ();
  g_autoptr(GArray) months = NULL;
  g_autofree char *reviewed = NULL;
  /* Opened (added or open again), closed, controls done, open high and critical at the end */
  static const guint table[6][4] = {
    { 2, 0, 0, 1 },      /* A and B opened; A is critical */
    { 1, 0, 0, 2 },      /* C */
    { 0, 1, 2, 1 },      /* A mitigated; X and Z implemented */
    { 0, 1, 0, 0 },      /* C accepted */
    { 1, 0, 0, 1 },      /* A open again; B deleted, which closes nothing */
    { 0, 1, 0, 0 },      /* A mitigated again */
  };
  double days;
  guint n;

  write_history (file);
  system = moat_estate_system_load (file, "history.moat", utc (2026, 6, 30), 90, TRUE);
  g_assert_no_error (moat_estate_system_get_error (system));
  moat_estate_trends_add_events (trends, moat_estate_system_get_events (system));
  months = moat_estate_trends_get_months (trends, utc (2026, 6, 30), 6);
  g_assert_cmpuint (months->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      MoatEstateMonth *m = &g_array_index (months, MoatEstateMonth, i);

      g_assert_cmpint (m->month, ==, i + 1);
      g_assert_cmpuint (m->threats_opened, ==, table[i][0]);
      g_assert_cmpuint (m->threats_closed, ==, table[i][1]);
      g_assert_cmpuint (m->controls_done, ==, table[i][2]);
      g_assert_cmpuint (m->open_severe, ==, table[i][3]);
    }

  /* A waited 64 days (Jan 10 to Mar 15), then 142 from its creation to Jun 1. */
  g_assert_true (moat_estate_trends_get_mean_days_to_mitigate (trends, &days, &n));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (days, (64.0 + 142.0) / 2, 1e-9);

  /* Y has waited since January; Z only since it went back to planned in May. */
  g_assert_cmpuint (moat_estate_system_get_overdue (system)->len, ==, 1);
  g_assert_cmpstr (((MoatEstateOverdue *) g_ptr_array_index (moat_estate_system_get_overdue (system), 0))->title,
                   ==, "Y");
  g_clear_object (&system);
  system = moat_estate_system_load (file, "history.moat", utc (2026, 6, 30), 30, TRUE);
  g_assert_cmpuint (moat_estate_system_get_overdue (system)->len, ==, 2);

  reviewed = day_of (moat_estate_system_get_last_review (system));
  g_assert_cmpstr (reviewed, ==, "2026-02-10");
  g_assert_cmpint (moat_estate_system_get_last_change (system), ==, utc (2026, 6, 1));
  g_assert_cmpint (moat_estate_system_get_data (system), ==, MOAT_ESTATE_DATA_CREDENTIALS);
  moat_test_rm_rf (dir);
}

/* What the estate reads of a project file */

static void
assert_same_risks (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      MoatEstateRisk *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->system, ==, y->system);
      g_assert_cmpstr (x->path, ==, y->path);
      g_assert_cmpstr (x->threat_id, ==, y->threat_id);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->asset, ==, y->asset);
      g_assert_cmpint (x->level, ==, y->level);
      g_assert_cmpint (x->inherent_level, ==, y->inherent_level);
      g_assert_cmpint (x->likelihood, ==, y->likelihood);
      g_assert_cmpint (x->impact, ==, y->impact);
    }
}

static void
assert_same_system (MoatEstateSystem *a,
                    MoatEstateSystem *b)
{
  GPtrArray *overdue_a = moat_estate_system_get_overdue (a), *overdue_b = moat_estate_system_get_overdue (b);
  GArray *events_a = moat_estate_system_get_events (a), *events_b = moat_estate_system_get_events (b);
  MoatFeatureCheck *check_a = moat_estate_system_get_last_check (a);
  MoatFeatureCheck *check_b = moat_estate_system_get_last_check (b);

  g_assert_no_error (moat_estate_system_get_error (a));
  g_assert_no_error (moat_estate_system_get_error (b));
  g_assert_cmpstr (moat_estate_system_get_title (a), ==, moat_estate_system_get_title (b));
  g_assert_cmpstr (moat_estate_system_get_owner (a), ==, moat_estate_system_get_owner (b));
  g_assert_cmpint (moat_estate_system_get_last_change (a), ==, moat_estate_system_get_last_change (b));
  g_assert_cmpint (moat_estate_system_get_last_review (a), ==, moat_estate_system_get_last_review (b));
  g_assert_cmpuint (moat_estate_system_get_n_threats (a), ==, moat_estate_system_get_n_threats (b));
  for (MoatRiskBasis basis = MOAT_RISK_BASIS_RESIDUAL; basis <= MOAT_RISK_BASIS_INHERENT; basis++)
    {
      guint heat_a[MOAT_RISK_SCALE][MOAT_RISK_SCALE], heat_b[MOAT_RISK_SCALE][MOAT_RISK_SCALE];

      for (MoatRiskLevel level = 0; level < MOAT_RISK_N_LEVELS; level++)
        g_assert_cmpuint (moat_estate_system_get_n_open (a, basis, level), ==,
                          moat_estate_system_get_n_open (b, basis, level));
      moat_estate_system_get_heat_map (a, basis, heat_a);
      moat_estate_system_get_heat_map (b, basis, heat_b);
      g_assert_cmpmem (heat_a, sizeof heat_a, heat_b, sizeof heat_b);
    }
  g_assert_cmpuint (moat_estate_system_get_risk_score (a), ==, moat_estate_system_get_risk_score (b));
  assert_same_risks (moat_estate_system_get_risks (a), moat_estate_system_get_risks (b));
  for (MoatAssumptionStatus status = 0; status <= MOAT_ASSUMPTION_INVALIDATED; status++)
    g_assert_cmpuint (moat_estate_system_get_n_assumptions (a, status), ==,
                      moat_estate_system_get_n_assumptions (b, status));
  g_assert_cmpuint (overdue_a->len, ==, overdue_b->len);
  for (guint i = 0; i < overdue_a->len; i++)
    {
      MoatEstateOverdue *x = g_ptr_array_index (overdue_a, i), *y = g_ptr_array_index (overdue_b, i);

      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->since, ==, y->since);
    }
  g_assert_cmpint (moat_estate_system_get_data (a), ==, moat_estate_system_get_data (b));
  g_assert_cmpint (moat_estate_system_get_internet_facing (a), ==, moat_estate_system_get_internet_facing (b));
  g_assert_cmpuint (moat_estate_system_get_n_unreviewed_sensitive (a), ==,
                    moat_estate_system_get_n_unreviewed_sensitive (b));
  g_assert_cmpuint (events_a->len, ==, events_b->len);
  for (guint i = 0; i < events_a->len; i++)
    {
      MoatEstateEvent *x = &g_array_index (events_a, MoatEstateEvent, i);
      MoatEstateEvent *y = &g_array_index (events_b, MoatEstateEvent, i);

      g_assert_cmpint (x->time, ==, y->time);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->severe, ==, y->severe);
      g_assert_cmpint (x->age, ==, y->age);
    }
  g_assert_true ((check_a == NULL) == (check_b == NULL));
  g_assert_true (check_a == NULL || moat_object_values_equal (MOAT_OBJECT (check_a), MOAT_OBJECT (check_b)));
}

/* The estate reads only what its summary wants of a project file; the
 * whole file must give the same system. */
static void
assert_summary_read_whole (GFile  *file,
                           gint64  now)
{
  g_autoptr(MoatEstateSystem) part = moat_estate_system_load (file, NULL, now, 30, TRUE);
  g_autoptr(MoatEstateSystem) whole = _moat_estate_system_load (file, NULL, now, 30, TRUE, TRUE);

  assert_same_system (part, whole);
}

/* A model with a little of everything the summary looks at, each value
 * taken in turn. */
static void
write_varied (GFile *file)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autoptr(GPtrArray) threats = g_ptr_array_new ();
  MoatAsset *assets[3];
  MoatDiagram *diagram;
  const char *diagram_id;

  moat_clock_set_fixed (utc (2026, 3, 1));
  g_object_set (model, "title", "Varied", "owner", "Test team", NULL);
  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);

  diagram = add_at (model, utc (2026, 3, 1), g_object_new (MOAT_TYPE_DIAGRAM, "title", "Main", NULL));
  diagram_id = moat_object_get_id (MOAT_OBJECT (diagram));
  for (guint i = 0; i < G_N_ELEMENTS (assets); i++)
    {
      g_autofree char *name = g_strdup_printf ("Asset %u", i);

      assets[i] = add_at (model, utc (2026, 3, 1 + i), g_object_new (MOAT_TYPE_ASSET, "name", name,
                                                                     "impact-confidentiality", 1 + (i * 2) % 5,
                                                                     "impact-integrity", 1 + (i * 3) % 5,
                                                                     "impact-availability", 5 - i, NULL));
    }
  for (guint i = 0; i < 24; i++)
    {
      const char *asset_ids[] = { moat_object_get_id (MOAT_OBJECT (assets[i % 3])), NULL };
      g_autofree char *name = g_strdup_printf ("Element %u", i);
      MoatElementKind kind = i % 6;
      MoatElement *element = g_object_new (MOAT_TYPE_ELEMENT, "kind", kind, "diagram-id", diagram_id,
                                           "name", name, "x", 10.0 * i, "description", "Somewhere",
                                           "out-of-scope", i % 7 == 3, "internet-facing", i % 5 == 1,
                                           "handles-pii", i % 4 == 0, "handles-payment", i % 9 == 2,
                                           "handles-credentials", i % 8 == 5,
                                           "asset-ids", i % 2 == 0 ? asset_ids : NULL, NULL);

      if (kind == MOAT_ELEMENT_FLOW)
        g_object_set (element, "source-id", moat_object_get_id (g_ptr_array_index (elements, i - 3)),
                      "target-id", moat_object_get_id (g_ptr_array_index (elements, i - 2)), NULL);
      g_ptr_array_add (elements, add_at (model, utc (2026, 3, 2 + i), element));
      if (i % 5 == 2)
        {
          MoatElement *reviewed[] = { element };

          moat_clock_set_fixed (utc (2026, 4, 1 + i));
          moat_review_mark (model, reviewed, 1, TRUE);
        }
    }
  for (guint i = 0; i < 40; i++)
    {
      const char *element_ids[] = { moat_object_get_id (g_ptr_array_index (elements, (i * 7) % 24)), NULL };
      g_autofree char *title = g_strdup_printf ("Threat %u", i % 13);
      char category[] = { "STRIDE"[i % 6], '\0' };
      MoatThreat *threat = g_object_new (MOAT_TYPE_THREAT, "title", title, "category", category,
                                         "likelihood", 1 + i % 5, "impact", 1 + (i * 3) % 5,
                                         "impact-overridden", i % 3 == 0, "description", "Long story",
                                         "element-ids", element_ids, NULL);

      g_ptr_array_add (threats, add_at (model, utc (2026, 4, 1 + i % 28), threat));
      if (i % 4 == 1)
        edit_at (model, utc (2026, 5, 1 + i % 28), threat, "status", (MoatThreatStatus) (1 + i % 4));
    }
  for (guint i = 0; i < 15; i++)
    {
      const char *threat_ids[] = { moat_object_get_id (g_ptr_array_index (threats, i)),
                                   moat_object_get_id (g_ptr_array_index (threats, (i * 11) % 40)), NULL };
      g_autofree char *title = g_strdup_printf ("Control %u", i);
      MoatControl *control = add_at (model, utc (2026, 2, 1 + i), g_object_new (MOAT_TYPE_CONTROL, "title", title,
                                                                                "threat-ids", threat_ids, NULL));

      if (i % 3 != 0)
        edit_at (model, utc (2026, 6, 1 + i), control, "status", (MoatControlStatus) (i % 5));
    }
  for (guint i = 0; i < 6; i++)
    add_at (model, utc (2026, 5, 1 + i), g_object_new (MOAT_TYPE_ASSUMPTION, "statement", "Perhaps",
                                                       "kind", (MoatAssumptionKind) (i % 2),
                                                       "status", (MoatAssumptionStatus) (i % 3), NULL));
  for (guint i = 0; i < 2; i++)
    {
      const char *element_ids[] = { moat_object_get_id (g_ptr_array_index (elements, 4 + i)), NULL };

      add_at (model, utc (2026, 7, 1 + i), g_object_new (MOAT_TYPE_FEATURE_CHECK, "title", i ? "Later" : "Earlier",
                                                         "checked-at", utc (2026, 7, 1 + i),
                                                         "outcome", MOAT_FEATURE_UPDATE_NEEDED,
                                                         "reason", "New data", "element-ids", element_ids, NULL));
    }
  moat_clock_set_fixed (0);

  g_assert_null (moat_store_get_write_error (store));
  moat_store_close (store);
}

static void
test_summary_read (void)
{
  const char *dir = g_getenv ("MOAT_ESTATE_BUILD_DIR");
  g_autofree char *tmp = moat_test_make_tmpdir ();
  g_autoptr(GFile) history = g_file_new_build_filename (tmp, "history.moat", NULL);
  g_autoptr(GFile) varied = g_file_new_build_filename (tmp, "varied.moat", NULL);
  g_autoptr(GDir) examples = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (examples)) != NULL)
    if (g_str_has_suffix (name, ".moat"))
      {
        g_autoptr(GFile) file = g_file_new_build_filename (dir, name, NULL);

        assert_summary_read_whole (file, utc (2026, 12, 7));
        n++;
      }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  write_history (history);
  assert_summary_read_whole (history, utc (2026, 6, 30));
  write_varied (varied);
  assert_summary_read_whole (varied, utc (2026, 12, 7));
  moat_test_rm_rf (tmp);
}

/* Damaged and foreign files */

static void
write_text (const char *dir,
            const char *name,
            const char *text,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
}

static void
copy_example (const char *name,
              const char *dir,
              const char *as)
{
  g_autofree char *from = g_build_filename (g_getenv ("MOAT_ESTATE_BUILD_DIR"), name, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  write_text (dir, as, data, length);
}

static void
test_damaged_files (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *truncated = NULL, *from = g_build_filename (g_getenv ("MOAT_ESTATE_BUILD_DIR"), "identity.moat", NULL);
  g_autoptr(MoatEstate) estate = NULL;
  gsize length;
  static const char *unreadable[] = { "broken.moat.json", "garbage.moat", "team/truncated.moat" };

  copy_example ("checkout.moat", dir, "team/checkout.moat");
  copy_example ("marketing-site.moat", dir, "marketing.moat");
  write_text (dir, "garbage.moat", "this is no database", -1);
  g_assert_true (g_file_get_contents (from, &truncated, &length, NULL));
  write_text (dir, "team/truncated.moat", truncated, 4096);
  write_text (dir, "broken.moat.json", "{ \"format\": \"moat\", ", -1);
  write_text (dir, "package.json", "{ \"name\": \"web-shop\", \"version\": \"1.0.0\" }", -1);
  write_text (dir, "notes.txt", "not a model", -1);
  copy_example ("identity.moat", dir, ".git/identity.moat");

  estate = load_estate (dir);
  /* The two models first, by risk; then every file that could not be read,
   * with its error; package.json, notes.txt and .git are no part of it. */
  g_assert_cmpuint (moat_estate_get_n_models (estate), ==, 2);
  g_assert_cmpuint (moat_estate_get_n_errors (estate), ==, 3);
  g_assert_cmpstr (moat_estate_system_get_path (system_at (estate, 0)), ==, "team/checkout.moat");
  g_assert_cmpstr (moat_estate_system_get_path (system_at (estate, 1)), ==, "marketing.moat");
  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    {
      MoatEstateSystem *system = system_at (estate, 2 + i);
      const GError *error = moat_estate_system_get_error (system);

      g_assert_cmpstr (moat_estate_system_get_path (system), ==, unreadable[i]);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MOAT_ERROR);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_null (moat_estate_system_get_top_risk (system));
    }
  g_assert_true (g_error_matches (moat_estate_system_get_error (system_at (estate, 3)), MOAT_ERROR,
                                  MOAT_ERROR_NOT_MOAT));
  moat_test_rm_rf (dir);
}

/* A file named on the command line is meant as a model: a foreign one is
 * listed with its error rather than passed over. */
static void
test_named_foreign_file (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "package.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatEstate) estate = moat_estate_new ();

  write_text (dir, "package.json", "{ \"name\": \"web-shop\" }", -1);
  moat_estate_add_path (estate, file);
  g_assert_true (moat_estate_load (estate, NULL, NULL));
  g_assert_cmpuint (moat_estate_get_n_errors (estate), ==, 1);
  g_assert_cmpstr (moat_estate_system_get_path (system_at (estate, 0)), ==, path);
  moat_test_rm_rf (dir);
}

/* A model open for editing in the app is read as its last action left it. */
static void
test_model_being_edited (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "checkout.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatEstate) estate = NULL;
  MoatModel *model;

  copy_example ("checkout.moat", dir, "checkout.moat");
  store = moat_store_open (file, &error);
  g_assert_no_error (error);
  model = moat_store_get_model (store);
  moat_model_begin_action (model, "Add");
  moat_model_add (model, g_object_new (MOAT_TYPE_THREAT, "title", "Added while open", "likelihood", 5,
                                       "impact", 5, NULL));
  moat_model_end_action (model);
  g_assert_null (moat_store_get_write_error (store));

  estate = load_estate (dir);
  g_assert_cmpuint (moat_estate_get_n_errors (estate), ==, 0);
  g_assert_cmpuint (moat_estate_system_get_n_threats (system_at (estate, 0)), ==, 7);
  g_assert_cmpuint (moat_estate_system_get_n_open (system_at (estate, 0), MOAT_RISK_BASIS_RESIDUAL,
                                                   MOAT_RISK_CRITICAL), ==, 2);
  moat_store_close (store);
  moat_test_rm_rf (dir);
}

/* The window's way: read on worker threads, shown on the main thread. */
static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GError **error = data;

  g_assert_true (moat_estate_load_finish (MOAT_ESTATE (source), result, error));
}

static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *(guint *) data += added;
}

static void
test_load_async (void)
{
  g_autofree char *dir = build_example_dir ();
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(MoatEstate) estate = moat_estate_new ();
  g_autoptr(MoatEstate) sync = load_estate (dir);
  g_autoptr(GError) error = NULL;
  guint added = 0;

  moat_estate_set_now (estate, utc (2026, 12, 7));
  moat_estate_add_path (estate, root);
  g_signal_connect (moat_estate_get_systems (estate), "items-changed", G_CALLBACK (on_items_changed), &added);
  g_main_context_acquire (g_main_context_default ());
  moat_estate_load_async (estate, NULL, on_loaded, &error);
  while (added == 0 && error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_main_context_release (g_main_context_default ());

  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (moat_estate_system_get_path (system_at (estate, i)), ==,
                     moat_estate_system_get_path (system_at (sync, i)));
}

/* Triage */

static MoatEstateInventory *
inventory_from (const char  *dir,
                const char  *json,
                GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "inventory.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  write_text (dir, "inventory.json", json, -1);
  return moat_estate_inventory_load (file, error);
}

static void
test_triage_reasons (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatEstateInventory) inventory = NULL;
  g_autoptr(MoatEstate) estate = NULL;
  g_autoptr(GPtrArray) triage = NULL;
  MoatEstateAttention *a;

  copy_example ("identity.moat", dir, "services/identity/model.moat");
  copy_example ("data-warehouse.moat", dir, "dwh.moat");
  write_text (dir, "services/billing/model.moat", "damaged", -1);
  inventory = inventory_from (dir,
    "{ \"systems\": ["
    "  { \"name\": \"Identity\", \"path\": \"services/identity\", \"sensitivity\": \"restricted\","
    "    \"exposure\": \"internet\", \"last_significant_change\": \"2026-12-01\" },"
    "  { \"name\": \"Billing\", \"owner\": \"Finance\", \"path\": \"services/billing\", \"sensitivity\": \"restricted\","
    "    \"exposure\": \"partner\" },"
    "  { \"name\": \"Wiki\", \"sensitivity\": \"public\", \"exposure\": \"internet\" },"
    "  { \"name\": \"Payroll\", \"path\": \"payroll\", \"sensitivity\": \"restricted\" }"
    "] }", &error);
  g_assert_no_error (error);
  estate = load_estate (dir);
  triage = moat_estate_triage (estate, inventory, 30);

  /* Restricted first, the most exposed first within it; the warehouse,
   * listed nowhere, is judged on its model: confidential (PII), internal. */
  g_assert_cmpuint (triage->len, ==, 4);
  a = g_ptr_array_index (triage, 0);
  g_assert_cmpstr (a->name, ==, "Billing");
  g_assert_cmpint (((MoatEstateReason *) g_ptr_array_index (a->reasons, 0))->kind, ==, MOAT_ESTATE_REASON_UNREADABLE);
  g_assert_nonnull (strstr (((MoatEstateReason *) g_ptr_array_index (a->reasons, 0))->text, "services/billing/model.moat"));
  a = g_ptr_array_index (triage, 1);
  g_assert_cmpstr (a->name, ==, "Payroll");
  g_assert_cmpint (((MoatEstateReason *) g_ptr_array_index (a->reasons, 0))->kind, ==, MOAT_ESTATE_REASON_NO_MODEL);
  a = g_ptr_array_index (triage, 2);
  g_assert_cmpstr (a->name, ==, "Data warehouse");
  g_assert_false (a->listed);
  g_assert_cmpint (a->sensitivity, ==, MOAT_CLASSIFICATION_CONFIDENTIAL);
  g_assert_cmpint (((MoatEstateReason *) g_ptr_array_index (a->reasons, 0))->kind, ==, MOAT_ESTATE_REASON_UNREVIEWED);
  a = g_ptr_array_index (triage, 3);
  g_assert_cmpstr (a->name, ==, "Wiki");

  /* Identity changed on Dec 1, 13 days after its model (Nov 18): current
   * with 30 days' grace, stale with 10, and then first: restricted and
   * on the Internet. */
  g_clear_pointer (&triage, g_ptr_array_unref);
  triage = moat_estate_triage (estate, inventory, 10);
  g_assert_cmpuint (triage->len, ==, 5);
  a = g_ptr_array_index (triage, 0);
  g_assert_cmpstr (a->name, ==, "Identity");
  g_assert_cmpstr (moat_estate_system_get_path (a->system), ==, "services/identity/model.moat");
  g_assert_cmpuint (a->reasons->len, ==, 1);
  g_assert_cmpint (((MoatEstateReason *) g_ptr_array_index (a->reasons, 0))->kind, ==, MOAT_ESTATE_REASON_STALE);
  moat_test_rm_rf (dir);
}

/* An inventory path that points where no model is: a folder renamed
 * since (the model sits in a folder of another name), or a repository
 * checkout without one (a README, a package.json). Each system says it
 * has no threat model; nothing is read as its model. */
static void
test_triage_path_mismatch (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatEstateInventory) inventory = NULL;
  g_autoptr(MoatEstate) estate = NULL;
  g_autoptr(GPtrArray) triage = NULL;

  copy_example ("identity.moat", dir, "services/identity/model.moat");
  write_text (dir, "services/payments/README.md", "# Payments\n", -1);
  write_text (dir, "services/payments/package.json", "{ \"name\": \"payments\", \"version\": \"1.0.0\" }", -1);
  inventory = inventory_from (dir,
    "{ \"systems\": ["
    "  { \"name\": \"Identity\", \"path\": \"services/identity-api\", \"sensitivity\": \"restricted\" },"
    "  { \"name\": \"Identity provider\", \"path\": \"services/ident\", \"sensitivity\": \"confidential\" },"
    "  { \"name\": \"Payments\", \"path\": \"services/payments\", \"sensitivity\": \"restricted\" }"
    "] }", &error);
  g_assert_no_error (error);
  estate = load_estate (dir);
  g_assert_cmpuint (moat_estate_get_n_models (estate), ==, 1);
  g_assert_cmpuint (moat_estate_get_n_errors (estate), ==, 0);

  /* The identity model, claimed by no entry (a path is a folder, not the
   * start of a name), is judged on its own and needs nothing. */
  triage = moat_estate_triage (estate, inventory, 30);
  g_assert_cmpuint (triage->len, ==, 3);
  for (guint i = 0; i < triage->len; i++)
    {
      MoatEstateAttention *a = g_ptr_array_index (triage, i);
      MoatEstateReason *reason = g_ptr_array_index (a->reasons, 0);

      g_assert_true (a->listed);
      g_assert_null (a->system);
      g_assert_cmpuint (a->reasons->len, ==, 1);
      g_assert_cmpint (reason->kind, ==, MOAT_ESTATE_REASON_NO_MODEL);
      g_assert_cmpstr (reason->text, ==, "No threat model");
    }
  g_assert_cmpstr (((MoatEstateAttention *) g_ptr_array_index (triage, 0))->name, ==, "Identity");
  g_assert_cmpstr (((MoatEstateAttention *) g_ptr_array_index (triage, 1))->name, ==, "Payments");
  g_assert_cmpstr (((MoatEstateAttention *) g_ptr_array_index (triage, 1))->path, ==, "services/payments");
  moat_test_rm_rf (dir);
}

static void
test_inventory_errors (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  static const struct { const char *json; const char *message; } cases[] = {
    { "[]", "“systems” list" },
    { "{ \"systems\": [ { \"name\": \"A\" }, { \"name\": \"B\", \"exposure\": \"public\" } ] }", "system 2" },
    { "{ \"systems\": [ { \"name\": \"A\", \"sensitvity\": \"restricted\" } ] }", "unknown member “sensitvity”" },
    { "{ \"systems\": [ { \"owner\": \"nobody\" } ] }", "“name” is missing" },
    { "{ \"systems\": [ { \"name\": \"A\", \"last_significant_change\": \"last week\" } ] }", "2026-10-31" },
    { "{ \"systems\": [ { \"name\": 3 } ] }", "must be a text" },
    { "{ \"systems\": [ ", "inventory.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatEstateInventory) inventory = inventory_from (dir, cases[i].json, &error);

      g_assert_null (inventory);
      g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].message);
    }
  moat_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/estate/example/projects", test_example_projects);
  g_test_add_func ("/estate/example/json", test_example_json);
  g_test_add_func ("/estate/example/trends", test_example_trends);
  g_test_add_func ("/estate/example/triage", test_example_triage);
  g_test_add_func ("/estate/trends/from-log", test_trends_from_log);
  g_test_add_func ("/estate/files/summary-read", test_summary_read);
  g_test_add_func ("/estate/files/damaged", test_damaged_files);
  g_test_add_func ("/estate/files/named-foreign", test_named_foreign_file);
  g_test_add_func ("/estate/files/being-edited", test_model_being_edited);
  g_test_add_func ("/estate/load-async", test_load_async);
  g_test_add_func ("/estate/triage/reasons", test_triage_reasons);
  g_test_add_func ("/estate/triage/path-mismatch", test_triage_path_mismatch);
  g_test_add_func ("/estate/triage/inventory-errors", test_inventory_errors);

  return g_test_run ();
}
