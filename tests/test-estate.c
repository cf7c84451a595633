/* test-estate.c: risk across many models
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-core.h"
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
} Expected;

#define PII  MOAT_ESTATE_DATA_PII
#define PAY  MOAT_ESTATE_DATA_PAYMENT
#define CRED MOAT_ESTATE_DATA_CREDENTIALS

static const Expected expected[] = {
  { "Checkout", "Payments team", "checkout", "2026-10-20", "2026-09-05", { 1, 1, 0, 0 }, { 2, 0, 0, 0 },
    "Card data skimmed by injected script", "Cardholder data", 1, 0, 1, PII | PAY, TRUE, 0 },
  { "Partner gateway", "Integrations team", "partner-gateway", "2026-09-01", "never", { 1, 1, 0, 0 }, { 1, 1, 0, 0 },
    "Partner API key leaked and reused", "Partner payout data", 1, 0, 2, PAY, FALSE, 4 },
  { "Data warehouse", "Data platform team", "data-warehouse", "2025-11-20", "never", { 0, 3, 0, 0 }, { 0, 3, 0, 0 },
    "Analysts see customer data they do not need", "Customer and order history", 1, 1, 2, PII, FALSE, 5 },
  { "Mobile API", "Mobile team", "mobile-api", "2026-11-20", "2026-07-02", { 0, 2, 1, 0 }, { 0, 2, 1, 0 },
    "Basket of another user changed", "Customer accounts", 1, 0, 1, PII | CRED, TRUE, 1 },
  { "Customer portal", "Web team", "customer-portal", "2026-09-30", "2026-05-21", { 0, 1, 1, 0 }, { 0, 1, 1, 0 },
    "Another customer’s invoices read by changing an id", "Customer profiles", 0, 0, 1, PII, TRUE, 2 },
  { "HR system", "People operations", "hr-system", "2026-09-12", "2026-03-31", { 0, 1, 0, 0 }, { 0, 1, 0, 0 },
    "Bank details changed by a phishing email", "Employee records", 0, 1, 1, PII | PAY, FALSE, 3 },
  { "Identity service", "Identity and access team", "identity", "2026-11-18", "2026-11-18", { 0, 1, 0, 0 },
    { 0, 1, 0, 0 }, "Refresh token stolen from a shared device", "Password hashes and MFA secrets", 0, 0, 0,
    PII | CRED, TRUE, 0 },
  { "Marketing website", "Marketing", "marketing-site", "2026-06-10", "2026-06-10", { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
    NULL, NULL, 0, 0, 0, PII, TRUE, 0 },
};

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
    { 2, 0, 0, 4 }, { 8, 0, 0, 6 }, { 3, 4, 4, 7 }, { 2, 3, 3, 7 }, { 1, 3, 3, 7 }, { 4, 2, 1, 8 },
    { 1, 1, 1, 8 }, { 4, 1, 1, 10 }, { 2, 2, 2, 11 }, { 1, 0, 1, 12 }, { 0, 1, 2, 12 }, { 0, 0, 0, 12 },
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/estate/example/projects", test_example_projects);
  g_test_add_func ("/estate/example/json", test_example_json);
  g_test_add_func ("/estate/example/trends", test_example_trends);
  g_test_add_func ("/estate/example/triage", test_example_triage);

  return g_test_run ();
}
