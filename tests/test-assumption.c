/* test-assumption.c: what an invalidated assumption does to the threats
 * that rely on it
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-test-util.h"

typedef struct
{
  MoatModel      *model;
  MoatElement    *vault;
  MoatElement    *api;
  MoatThreat     *on_vault;     /* relies through the assumption's element */
  MoatThreat     *named;        /* relies because the assumption names it */
  MoatThreat     *elsewhere;    /* relies on nothing */
  MoatAssumption *assumption;
} Fixture;

static gpointer
add (MoatModel  *model,
     gpointer    object)
{
  moat_model_add (model, object);
  g_object_unref (object);
  return object;
}

static MoatThreat *
add_threat (Fixture     *f,
            const char  *title,
            MoatElement *element)
{
  MoatThreat *threat = moat_threat_new ();

  g_object_set (threat, "title", title,
                "element-ids", (const char *[]) { moat_object_get_id (MOAT_OBJECT (element)), NULL },
                NULL);
  return add (f->model, threat);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->model = moat_model_new ();
  f->vault = add (f->model, g_object_new (MOAT_TYPE_ELEMENT, "name", "Card vault", NULL));
  f->api = add (f->model, g_object_new (MOAT_TYPE_ELEMENT, "name", "Payment API", NULL));
  f->on_vault = add_threat (f, "Card numbers read from the vault", f->vault);
  f->named = add_threat (f, "API keys replayed", f->api);
  f->elsewhere = add_threat (f, "API flooded", f->api);
  f->assumption = moat_assumption_new ();
  g_object_set (f->assumption,
                "statement", "Only the payment API can reach the vault",
                "element-ids", (const char *[]) { moat_object_get_id (MOAT_OBJECT (f->vault)), NULL },
                "threat-ids", (const char *[]) { moat_object_get_id (MOAT_OBJECT (f->named)), NULL },
                NULL);
  add (f->model, f->assumption);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
}

static void
assert_flagged (MoatThreat *threat,
                const char *statement)
{
  g_assert_true (moat_threat_get_needs_review (threat));
  g_assert_nonnull (moat_threat_get_review_reason (threat));
  g_assert_nonnull (strstr (moat_threat_get_review_reason (threat), statement));
}

static void
assert_not_flagged (MoatThreat *threat)
{
  g_assert_false (moat_threat_get_needs_review (threat));
  g_assert_null (moat_threat_get_review_reason (threat));
}

static void
invalidate (Fixture *f)
{
  moat_model_set (f->model, f->assumption, "status", MOAT_ASSUMPTION_INVALIDATED, NULL);
}

static void
test_invalidating_flags_reliant_threats (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(GPtrArray) reliant = moat_assumption_list_reliant_threats (f->assumption, f->model);
  g_autoptr(GPtrArray) broken = NULL;

  g_assert_cmpuint (reliant->len, ==, 2);
  g_assert_true (moat_assumption_relies (f->assumption, f->on_vault));
  g_assert_true (moat_assumption_relies (f->assumption, f->named));
  g_assert_false (moat_assumption_relies (f->assumption, f->elsewhere));

  invalidate (f);

  assert_flagged (f->on_vault, "Only the payment API can reach the vault");
  assert_flagged (f->named, "Only the payment API can reach the vault");
  assert_not_flagged (f->elsewhere);
  broken = moat_assumption_list_broken (f->model);
  g_assert_cmpuint (broken->len, ==, 1);
  g_assert_true (broken->pdata[0] == (gpointer) f->assumption);
}

static void
test_undo_restores_in_one_step (Fixture       *f,
                                gconstpointer  data)
{
  invalidate (f);
  assert_flagged (f->on_vault, "vault");

  /* One step takes back the status and both flags. */
  g_assert_true (moat_model_undo (f->model));
  g_assert_cmpint (moat_assumption_get_status (f->assumption), ==, MOAT_ASSUMPTION_UNVALIDATED);
  assert_not_flagged (f->on_vault);
  assert_not_flagged (f->named);

  g_assert_true (moat_model_redo (f->model));
  g_assert_cmpint (moat_assumption_get_status (f->assumption), ==, MOAT_ASSUMPTION_INVALIDATED);
  assert_flagged (f->on_vault, "vault");
  assert_flagged (f->named, "vault");
}

static void
test_other_changes_flag_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  moat_model_set (f->model, f->assumption, "status", MOAT_ASSUMPTION_VALIDATED, NULL);
  moat_model_set (f->model, f->assumption, "status", MOAT_ASSUMPTION_UNVALIDATED, NULL);
  moat_model_set (f->model, f->assumption, "statement", "Reworded", NULL);
  assert_not_flagged (f->on_vault);
  assert_not_flagged (f->named);

  /* Once flagged, a person clears the flag; editing the broken
   * assumption's words or validating it again flags nobody anew. */
  invalidate (f);
  moat_model_set (f->model, f->on_vault, "needs-review", FALSE, "review-reason", NULL, NULL);
  moat_model_set (f->model, f->assumption, "statement", "Reworded again", NULL);
  moat_model_set (f->model, f->assumption, "validation", "Pen test found a path", NULL);
  assert_not_flagged (f->on_vault);
  moat_model_set (f->model, f->assumption, "status", MOAT_ASSUMPTION_VALIDATED, NULL);
  assert_flagged (f->named, "Reworded");
}

static void
test_new_links_flag_only_new_threats (Fixture       *f,
                                      gconstpointer  data)
{
  invalidate (f);
  moat_model_set (f->model, f->on_vault, "needs-review", FALSE, "review-reason", NULL, NULL);

  /* Linking one more threat flags it, and not the one already answered. */
  moat_model_set (f->model, f->assumption, "threat-ids",
                  (const char *[]) { moat_object_get_id (MOAT_OBJECT (f->named)),
                                     moat_object_get_id (MOAT_OBJECT (f->elsewhere)), NULL },
                  NULL);
  assert_flagged (f->elsewhere, "vault");
  assert_not_flagged (f->on_vault);

  /* Deleting a threat takes it off the list: that is no new link. */
  moat_model_set (f->model, f->elsewhere, "needs-review", FALSE, "review-reason", NULL, NULL);
  moat_model_remove (f->model, f->named);
  assert_not_flagged (f->on_vault);
  assert_not_flagged (f->elsewhere);
}

static void
test_reasons_accumulate (Fixture       *f,
                         gconstpointer  data)
{
  MoatAssumption *second = moat_assumption_new ();

  moat_model_set (f->model, f->on_vault, "needs-review", TRUE, "review-reason", "Diagram changed", NULL);
  invalidate (f);
  assert_flagged (f->on_vault, "Diagram changed");
  assert_flagged (f->on_vault, "vault");

  /* An assumption added already broken counts as well. */
  g_object_set (second, "statement", "Keys rotate monthly", "status", MOAT_ASSUMPTION_INVALIDATED,
                "threat-ids", (const char *[]) { moat_object_get_id (MOAT_OBJECT (f->elsewhere)), NULL },
                NULL);
  add (f->model, second);
  assert_flagged (f->elsewhere, "Keys rotate monthly");
}

#define DAY (G_USEC_PER_SEC * (gint64) 86400)
#define MONDAY (G_USEC_PER_SEC * (gint64) 1795000000)

static MoatThreat *
loaded_threat (MoatModel   *model,
               const char  *title,
               MoatElement *element,
               gboolean     flagged,
               gint64       modified)
{
  MoatThreat *threat = moat_threat_new ();

  g_object_set (threat, "title", title, "needs-review", flagged, "element-ids",
                (const char *[]) { moat_object_get_id (MOAT_OBJECT (element)), NULL }, NULL);
  _moat_object_set_timestamps (MOAT_OBJECT (threat), MONDAY, modified);
  _moat_model_insert_loaded (model, MOAT_OBJECT (threat));
  g_object_unref (threat);
  return threat;
}

/* A file written by hand, or by a tool that does not know the rule: the
 * assumption was invalidated on Wednesday and its threats say nothing.
 * Those last touched before are flagged on import; one looked at on
 * Thursday, one flagged already and one relying on nothing are not. */
static void
test_import_flags (void)
{
  g_autoptr(MoatModel) source = moat_model_new ();
  g_autoptr(MoatModel) imported = NULL;
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  g_autoptr(MoatElement) element = g_object_new (MOAT_TYPE_ELEMENT, "name", "Vault", NULL);
  g_autoptr(MoatElement) other_element = g_object_new (MOAT_TYPE_ELEMENT, "name", "API", NULL);
  g_autoptr(MoatAssumption) assumption = moat_assumption_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  MoatThreat *stale, *looked_at, *flagged, *unrelated, *found;

  g_object_set (element, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)), NULL);
  g_object_set (other_element, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)), NULL);
  _moat_model_insert_loaded (source, MOAT_OBJECT (diagram));
  _moat_model_insert_loaded (source, MOAT_OBJECT (element));
  _moat_model_insert_loaded (source, MOAT_OBJECT (other_element));
  stale = loaded_threat (source, "Read", element, FALSE, MONDAY);
  looked_at = loaded_threat (source, "Copied", element, FALSE, MONDAY + 3 * DAY);
  flagged = loaded_threat (source, "Leaked", element, TRUE, MONDAY);
  unrelated = loaded_threat (source, "Flooded", other_element, FALSE, MONDAY);
  g_object_set (assumption, "statement", "The vault is isolated", "status", MOAT_ASSUMPTION_INVALIDATED,
                "element-ids", (const char *[]) { moat_object_get_id (MOAT_OBJECT (element)), NULL }, NULL);
  _moat_object_set_timestamps (MOAT_OBJECT (assumption), MONDAY, MONDAY + 2 * DAY);
  _moat_model_insert_loaded (source, MOAT_OBJECT (assumption));
  json = moat_json_write (source, NULL);

  imported = moat_format_import (json, strlen (json), MOAT_FORMAT_UNKNOWN, NULL, &error);
  g_assert_no_error (error);
  found = moat_model_lookup_typed (imported, moat_object_get_id (MOAT_OBJECT (stale)), MOAT_TYPE_THREAT);
  assert_flagged (found, "The vault is isolated");
  found = moat_model_lookup_typed (imported, moat_object_get_id (MOAT_OBJECT (looked_at)), MOAT_TYPE_THREAT);
  assert_not_flagged (found);
  found = moat_model_lookup_typed (imported, moat_object_get_id (MOAT_OBJECT (flagged)), MOAT_TYPE_THREAT);
  g_assert_true (moat_threat_get_needs_review (found));
  g_assert_null (moat_threat_get_review_reason (found));
  found = moat_model_lookup_typed (imported, moat_object_get_id (MOAT_OBJECT (unrelated)), MOAT_TYPE_THREAT);
  assert_not_flagged (found);
  /* A loaded value, not an edit: nothing to undo. */
  g_assert_false (moat_model_undo (imported));

  /* What Moat writes after the rule ran comes back as it was. */
  g_clear_pointer (&json, g_free);
  json = moat_json_write (imported, NULL);
  {
    g_autoptr(MoatModel) again = moat_format_import (json, strlen (json), MOAT_FORMAT_UNKNOWN, NULL, &error);

    g_assert_no_error (error);
    moat_test_assert_models_equal (imported, again);
  }
}

static void
test_long_statement_is_shortened (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *statement = g_strnfill (500, 'x');
  g_autofree char *reason = NULL;

  moat_model_set (f->model, f->assumption, "statement", statement, NULL);
  reason = moat_assumption_dup_review_reason (f->assumption);
  g_assert_cmpuint (g_utf8_strlen (reason, -1), <, 160);
  g_assert_nonnull (strstr (reason, "…"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/assumption/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("invalidating-flags-reliant-threats", test_invalidating_flags_reliant_threats);
  ADD ("undo-restores-in-one-step", test_undo_restores_in_one_step);
  ADD ("other-changes-flag-nothing", test_other_changes_flag_nothing);
  ADD ("new-links-flag-only-new-threats", test_new_links_flag_only_new_threats);
  ADD ("reasons-accumulate", test_reasons_accumulate);
  ADD ("long-statement-is-shortened", test_long_statement_is_shortened);
  g_test_add_func ("/assumption/import-flags", test_import_flags);

  return g_test_run ();
}
