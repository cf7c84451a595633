/* test-review.c: marking elements reviewed, and what undoes a review
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-test-util.h"

typedef struct
{
  MoatModel   *model;
  MoatDiagram *diagram;
  MoatElement *web;      /* a process */
  MoatElement *db;       /* a data store */
  MoatElement *flow;     /* web → db */
  MoatElement *boundary;
  MoatThreat  *threat;   /* on web only */
} Fixture;

static MoatElement *
add_element (Fixture         *f,
             MoatElementKind  kind,
             const char      *name)
{
  g_autoptr(MoatElement) element = moat_element_new ();

  g_object_set (element,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (f->diagram)),
                "kind", kind, "name", name, NULL);
  moat_model_add (f->model, element);
  return element;
}

static MoatThreat *
add_threat (Fixture     *f,
            const char  *title,
            MoatElement *on)
{
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (on)), NULL };

  g_object_set (threat, "title", title, "element-ids", ids, NULL);
  moat_model_add (f->model, threat);
  return threat;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();

  f->model = moat_model_new ();
  moat_model_set_author (f->model, "Ana Pérez");
  g_object_set (diagram, "title", "Checkout", NULL);
  moat_model_add (f->model, diagram);
  f->diagram = diagram;
  f->web = add_element (f, MOAT_ELEMENT_PROCESS, "Web");
  f->db = add_element (f, MOAT_ELEMENT_STORE, "Orders");
  f->boundary = add_element (f, MOAT_ELEMENT_BOUNDARY, "Cloud");
  f->flow = add_element (f, MOAT_ELEMENT_FLOW, "SQL");
  g_object_set (f->flow,
                "source-id", moat_object_get_id (MOAT_OBJECT (f->web)),
                "target-id", moat_object_get_id (MOAT_OBJECT (f->db)), NULL);
  f->threat = add_threat (f, "SQL injection", f->web);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->model);
}

static void
mark_all (Fixture *f)
{
  MoatElement *all[] = { f->web, f->db, f->flow };

  g_assert_cmpuint (moat_review_mark (f->model, all, G_N_ELEMENTS (all), TRUE), ==, 3);
}

/* Marking records who and when, as one undo step; boundaries and notes
 * are not reviewed. */
static void
test_mark (Fixture       *f,
           gconstpointer  data)
{
  MoatElement *all[] = { f->web, f->db, f->boundary };
  MoatHistory *history = moat_model_get_history (f->model);
  gint64 before = g_get_real_time ();
  g_autofree char *text = NULL;

  g_assert_true (moat_review_is_pending (f->web));
  g_assert_false (moat_review_is_wanted (f->boundary));
  g_assert_null (moat_review_describe (f->web));

  g_assert_cmpuint (moat_review_mark (f->model, all, G_N_ELEMENTS (all), TRUE), ==, 2);
  g_assert_cmpstr (moat_history_get_undo_label (history), ==, "Mark Reviewed");
  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_true (moat_element_get_reviewed (f->db));
  g_assert_false (moat_element_get_reviewed (f->boundary));
  g_assert_false (moat_review_is_pending (f->web));
  g_assert_cmpstr (moat_element_get_reviewed_by (f->web), ==, "Ana Pérez");
  g_assert_cmpint (moat_element_get_reviewed_at (f->web), >=, before);
  g_assert_cmpint (moat_element_get_reviewed_at (f->web), <=, g_get_real_time ());
  text = moat_review_describe (f->web);
  g_assert_true (g_str_has_prefix (text, "Reviewed by Ana Pérez on "));

  /* A second mark by someone else keeps the first review. */
  moat_model_set_author (f->model, "Bo");
  g_assert_cmpuint (moat_review_mark (f->model, all, 1, TRUE), ==, 0);
  g_assert_cmpstr (moat_element_get_reviewed_by (f->web), ==, "Ana Pérez");

  /* One undo takes back both marks. */
  g_assert_true (moat_model_undo (f->model));
  g_assert_false (moat_element_get_reviewed (f->web));
  g_assert_false (moat_element_get_reviewed (f->db));
  g_assert_null (moat_element_get_reviewed_by (f->web));
  g_assert_true (moat_model_redo (f->model));
  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_cmpstr (moat_element_get_reviewed_by (f->db), ==, "Ana Pérez");

  /* A mark from before names and dates were kept. */
  {
    g_autofree char *bare = NULL;

    moat_model_set (f->model, f->db, "reviewed-by", NULL, "reviewed-at", (gint64) 0, NULL);
    bare = moat_review_describe (f->db);
    g_assert_cmpstr (bare, ==, "Reviewed");
    g_assert_true (moat_model_undo (f->model));
  }

  /* Withdrawing a review forgets it. */
  g_assert_cmpuint (moat_review_mark (f->model, all, 1, FALSE), ==, 1);
  g_assert_false (moat_element_get_reviewed (f->web));
  g_assert_null (moat_element_get_reviewed_by (f->web));
  g_assert_cmpint (moat_element_get_reviewed_at (f->web), ==, 0);
  g_assert_true (moat_element_get_reviewed (f->db));
}

/* Editing what an element is undoes its review, in the same undo step;
 * the record of the old review stays. */
static void
test_element_change_withdraws (Fixture       *f,
                               gconstpointer  data)
{
  MoatHistory *history = moat_model_get_history (f->model);
  g_autofree char *text = NULL;

  mark_all (f);
  g_object_set (f->web, "technology", "Go", NULL);
  g_assert_cmpstr (moat_history_get_undo_label (history), ==, "Edit");
  g_assert_false (moat_element_get_reviewed (f->web));
  g_assert_cmpstr (moat_element_get_reviewed_by (f->web), ==, "Ana Pérez");
  g_assert_cmpint (moat_element_get_reviewed_at (f->web), >, 0);
  g_assert_true (moat_review_is_pending (f->web));
  text = moat_review_describe (f->web);
  g_assert_true (g_str_has_prefix (text, "Changed since Ana Pérez reviewed it on "));
  /* The others keep theirs. */
  g_assert_true (moat_element_get_reviewed (f->db));
  g_assert_true (moat_element_get_reviewed (f->flow));

  /* Undo restores the edit and the review together. */
  g_assert_true (moat_model_undo (f->model));
  g_assert_null (moat_element_get_technology (f->web));
  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_true (moat_model_redo (f->model));
  g_assert_cmpstr (moat_element_get_technology (f->web), ==, "Go");
  g_assert_false (moat_element_get_reviewed (f->web));

  /* Rewiring a flow is a change to the flow. */
  g_object_set (f->flow, "target-id", moat_object_get_id (MOAT_OBJECT (f->web)), NULL);
  g_assert_false (moat_element_get_reviewed (f->flow));
  g_object_set (f->db, "encrypted-at-rest", TRUE, NULL);
  g_assert_false (moat_element_get_reviewed (f->db));
}

/* Moving, resizing or drilling into an element says nothing new about
 * its threats. */
static void
test_layout_keeps_review (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MoatDiagram) child = moat_diagram_new ();

  mark_all (f);
  moat_model_add (f->model, child);
  moat_model_set (f->model, f->web, "x", 300.0, "y", 40.0, "width", 200.0, "height", 90.0,
                  "child-diagram-id", moat_object_get_id (MOAT_OBJECT (child)), NULL);
  moat_model_set (f->model, f->flow, "label-x", 12.0, "label-y", -4.0, NULL);
  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_true (moat_element_get_reviewed (f->flow));
}

/* A threat added to, edited on or removed from an element undoes that
 * element's review, and only that element's. */
static void
test_threat_change_withdraws (Fixture       *f,
                              gconstpointer  data)
{
  MoatThreat *other;

  mark_all (f);
  g_object_set (f->threat, "likelihood", 5, NULL);
  g_assert_false (moat_element_get_reviewed (f->web));
  g_assert_true (moat_element_get_reviewed (f->db));
  g_assert_true (moat_model_undo (f->model));
  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_cmpint (moat_threat_get_likelihood (f->threat), !=, 5);

  /* Added */
  other = add_threat (f, "Tampering with orders", f->db);
  g_assert_false (moat_element_get_reviewed (f->db));
  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_true (moat_model_undo (f->model));
  g_assert_true (moat_element_get_reviewed (f->db));
  g_assert_null (moat_model_lookup (f->model, moat_object_get_id (MOAT_OBJECT (other))));

  /* Removed */
  moat_model_remove (f->model, f->threat);
  g_assert_false (moat_element_get_reviewed (f->web));
  g_assert_true (moat_element_get_reviewed (f->db));
  g_assert_true (moat_model_undo (f->model));
  g_assert_true (moat_element_get_reviewed (f->web));

  /* Linked to a second element: that one changes, the first does not. */
  {
    const char *both[] = { moat_object_get_id (MOAT_OBJECT (f->web)),
                           moat_object_get_id (MOAT_OBJECT (f->db)), NULL };

    g_object_set (f->threat, "element-ids", both, NULL);
    g_assert_true (moat_element_get_reviewed (f->web));
    g_assert_false (moat_element_get_reviewed (f->db));
  }
}

/* Changes elsewhere leave a review alone. */
static void
test_unrelated_changes_keep_review (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(MoatAsset) asset = moat_asset_new ();
  g_autoptr(MoatThreat) loose = moat_threat_new ();

  mark_all (f);
  g_object_set (f->diagram, "title", "Checkout v2", NULL);
  moat_model_add (f->model, asset);
  g_object_set (asset, "name", "Card data", NULL);
  moat_model_add (f->model, loose);
  g_object_set (loose, "title", "Not on any element", NULL);
  add_threat (f, "On the store", f->db);
  g_object_set (f->model, "title", "Payments", NULL);

  g_assert_true (moat_element_get_reviewed (f->web));
  g_assert_true (moat_element_get_reviewed (f->flow));
  g_assert_false (moat_element_get_reviewed (f->db));
}

/* A copy is a new element: nobody has reviewed its threats. */
static void
test_copy_is_not_reviewed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(MoatObject) copy = NULL;

  mark_all (f);
  copy = moat_object_copy (MOAT_OBJECT (f->web), TRUE);
  g_assert_true (moat_element_get_reviewed (MOAT_ELEMENT (copy)));
  moat_model_add (f->model, copy);
  g_assert_false (moat_element_get_reviewed (MOAT_ELEMENT (copy)));
  g_assert_null (moat_element_get_reviewed_by (MOAT_ELEMENT (copy)));
  g_assert_true (moat_element_get_reviewed (f->web));

  /* Undoing a deletion brings the element back as it was, reviewed. */
  moat_model_remove (f->model, f->db);
  g_assert_true (moat_model_undo (f->model));
  g_assert_true (moat_element_get_reviewed (f->db));
}

/* Who and when survive the file and JSON, and so does a review that a
 * change withdrew. */
static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "review.moat", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) from_json = NULL;
  g_autofree char *json = NULL;
  gint64 at;

  mark_all (f);
  g_object_set (f->db, "description", "Orders and refunds", NULL);
  at = moat_element_get_reviewed_at (f->web);

  {
    g_autoptr(MoatStore) store = moat_store_create (file, f->model, &error);
    g_assert_no_error (error);
    moat_store_close (store);
  }
  {
    g_autoptr(MoatStore) store = moat_store_open_read_only (file, &error);
    MoatModel *loaded;
    MoatElement *web, *db;

    g_assert_no_error (error);
    loaded = moat_store_get_model (store);
    web = moat_model_lookup (loaded, moat_object_get_id (MOAT_OBJECT (f->web)));
    db = moat_model_lookup (loaded, moat_object_get_id (MOAT_OBJECT (f->db)));
    g_assert_true (moat_element_get_reviewed (web));
    g_assert_cmpstr (moat_element_get_reviewed_by (web), ==, "Ana Pérez");
    g_assert_cmpint (moat_element_get_reviewed_at (web), ==, at);
    g_assert_false (moat_element_get_reviewed (db));
    g_assert_cmpstr (moat_element_get_reviewed_by (db), ==, "Ana Pérez");
    g_assert_cmpint (moat_element_get_reviewed_at (db), ==, at);
    g_assert_false (moat_element_get_reviewed (moat_model_lookup (loaded, moat_object_get_id (MOAT_OBJECT (f->boundary)))));
    moat_store_close (store);
  }

  json = moat_json_write (f->model, NULL);
  g_assert_nonnull (strstr (json, "\"reviewed_by\" : \"Ana Pérez\""));
  g_assert_nonnull (strstr (json, "\"reviewed_at\" : \""));
  from_json = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  {
    MoatElement *web = moat_model_lookup (from_json, moat_object_get_id (MOAT_OBJECT (f->web)));
    MoatElement *db = moat_model_lookup (from_json, moat_object_get_id (MOAT_OBJECT (f->db)));

    g_assert_true (moat_element_get_reviewed (web));
    g_assert_cmpstr (moat_element_get_reviewed_by (web), ==, "Ana Pérez");
    g_assert_cmpint (moat_element_get_reviewed_at (web), ==, at);
    g_assert_false (moat_element_get_reviewed (db));
    g_assert_cmpstr (moat_element_get_reviewed_by (db), ==, "Ana Pérez");
  }

  moat_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/review/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("mark", test_mark);
  ADD ("element-change-withdraws", test_element_change_withdraws);
  ADD ("layout-keeps-review", test_layout_keeps_review);
  ADD ("threat-change-withdraws", test_threat_change_withdraws);
  ADD ("unrelated-changes-keep-review", test_unrelated_changes_keep_review);
  ADD ("copy-is-not-reviewed", test_copy_is_not_reviewed);
  ADD ("persistence", test_persistence);
#undef ADD

  return g_test_run ();
}
