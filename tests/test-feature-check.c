/* test-feature-check.c: the questions of a feature check, and the dated
 * record it leaves in the model
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-test-util.h"

#define DAY (G_USEC_PER_SEC * (gint64) 86400)
#define NOV_20 ((gint64) 1795132800 * G_USEC_PER_SEC) /* 2026-11-20 UTC */

typedef struct
{
  MoatModel            *model;
  MoatFeatureQuestions *questions;
  MoatElement          *api;
  MoatElement          *db;
} Fixture;

static MoatElement *
add_element (MoatModel   *model,
             MoatDiagram *diagram,
             const char  *name)
{
  g_autoptr(MoatElement) element = moat_element_new ();

  g_object_set (element, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)),
                "kind", MOAT_ELEMENT_PROCESS, "name", name, NULL);
  moat_model_add (model, element);
  return element;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();

  f->model = moat_model_new ();
  moat_model_add (f->model, diagram);
  f->api = add_element (f->model, diagram, "Orders API");
  f->db = add_element (f->model, diagram, "Orders DB");
  f->questions = moat_feature_questions_new_default (NULL);
  moat_clock_set_fixed (NOV_20);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  moat_clock_set_fixed (0);
  g_clear_object (&f->questions);
  g_clear_object (&f->model);
}

/* A check on @f's questions, "yes" to those whose id is in @yes. */
static MoatFeatureCheck *
make_check (Fixture            *f,
            const char         *title,
            const char * const *yes)
{
  guint n = moat_feature_questions_get_n_items (f->questions);
  g_autofree gboolean *answers = g_new0 (gboolean, n);
  MoatFeatureCheck *check = moat_feature_check_new ();

  for (guint i = 0; i < n; i++)
    answers[i] = yes != NULL && g_strv_contains (yes, moat_feature_questions_get_item (f->questions, i)->id);
  g_object_set (check, "title", title,
                "answers", moat_feature_check_build_answers (f->questions, answers), NULL);
  return check;
}

static void
test_builtin_questions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatFeatureQuestions) questions = moat_feature_questions_new_default (&error);
  const char *ids[] = { "new-data", "sensitive-data", "external-party", "auth-change", "internet-exposure" };

  g_assert_no_error (error);
  g_assert_cmpuint (moat_feature_questions_get_n_items (questions), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const MoatFeatureQuestion *q = moat_feature_questions_get_item (questions, i);

      g_assert_cmpstr (q->id, ==, ids[i]);
      g_assert_true (g_str_has_suffix (q->question, "?"));
      g_assert_nonnull (q->update);
      g_assert_true (moat_feature_questions_lookup (questions, ids[i]) == q);
    }
}

static void
test_user_questions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatFeatureQuestions) questions = NULL;
  const MoatFeatureQuestion *q;

  moat_test_write_user_file ("", "feature-check.json",
                             "{\"version\": 1, \"questions\": [{\"id\": \"payments-team\","
                             " \"question\": \"Does it change what the payments team runs?\"}]}");
  questions = moat_feature_questions_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_feature_questions_get_n_items (questions), ==, 6);
  q = moat_feature_questions_get_item (questions, 5);
  g_assert_cmpstr (q->id, ==, "payments-team");
  g_assert_null (q->help);
  g_assert_null (q->update);
}

static void
assert_refused (const char *json,
                const char *message_part)
{
  g_autoptr(MoatFeatureQuestions) questions = moat_feature_questions_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (moat_feature_questions_load_data (questions, json, -1, "team.json", FALSE, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "team.json"));
  g_assert_nonnull (strstr (error->message, message_part));
  /* Nothing of a file with an error is asked. */
  g_assert_cmpuint (moat_feature_questions_get_n_items (questions), ==, 0);
}

static void
test_bad_questions (void)
{
  assert_refused ("[1]", "questions");
  assert_refused ("{\"questions\": {}}", "questions");
  assert_refused ("{\"version\": 9, \"questions\": []}", "newer");
  assert_refused ("{\"questions\": [], \"rules\": []}", "rules");
  assert_refused ("{\"questions\": [{\"id\": \"a b\", \"question\": \"Q?\"}]}", "id");
  assert_refused ("{\"questions\": [{\"id\": \"a\"}]}", "question");
  assert_refused ("{\"questions\": [{\"id\": \"a\", \"question\": \"Q?\", \"colour\": 1}]}", "colour");
  assert_refused ("{\"questions\": [{\"id\": \"a\", \"question\": \"Q?\"}, {\"id\": \"a\", \"question\": \"R?\"}]}",
                  "“a”");
}

/* A broken file of the team's own leaves Moat's questions usable. */
static void
test_bad_user_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatFeatureQuestions) questions = NULL;

  moat_test_write_user_file ("", "feature-check.json", "{\"questions\": [");
  questions = moat_feature_questions_new_default (&error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "feature-check.json"));
  g_assert_cmpuint (moat_feature_questions_get_n_items (questions), ==, 5);
}

static void
test_suggest (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MoatFeatureCheck) none = make_check (f, "Dark mode", NULL);
  g_autoptr(MoatFeatureCheck) some = make_check (f, "Passkeys", (const char *[]) { "auth-change", NULL });

  g_assert_cmpint (moat_feature_check_suggest (moat_feature_check_get_answers (none)), ==, MOAT_FEATURE_NO_CHANGE);
  g_assert_cmpuint (moat_feature_check_count_yes (none), ==, 0);
  g_assert_cmpint (moat_feature_check_suggest (moat_feature_check_get_answers (some)), ==,
                   MOAT_FEATURE_UPDATE_NEEDED);
  g_assert_cmpuint (moat_feature_check_count_yes (some), ==, 1);
}

static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MoatFeatureCheck) check = make_check (f, "PAY-160 Partner payouts",
                                                   (const char *[]) { "new-data", "external-party", NULL });
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (f->api)), NULL };
  MoatHistory *history = moat_model_get_history (f->model);

  g_object_set (check, "outcome", MOAT_FEATURE_UPDATE_NEEDED, "element-ids", ids, NULL);
  g_assert_true (moat_feature_check_add (f->model, check, &error));
  g_assert_no_error (error);

  g_assert_cmpint (moat_feature_check_get_checked_at (check), ==, NOV_20);
  g_assert_cmpstr (moat_feature_check_get_checked_by (check), ==, moat_model_get_author (f->model));
  g_assert_true (moat_feature_check_find_latest (f->model) == check);
  described = moat_feature_check_describe (check);
  g_assert_cmpstr (described, ==, "Model update needed for 1 element");

  /* One undo step takes the whole check away. */
  g_assert_cmpstr (moat_history_get_undo_label (history), ==, "Feature Check");
  g_assert_true (moat_model_undo (f->model));
  g_assert_null (moat_feature_check_find_latest (f->model));
  g_assert_cmpstr (moat_history_get_undo_label (history), !=, "Feature Check");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(MoatFeatureCheck) untitled = make_check (f, NULL, NULL);
  g_autoptr(MoatFeatureCheck) unexplained = make_check (f, "Passkeys", (const char *[]) { "auth-change", NULL });
  g_autoptr(MoatFeatureCheck) dangling = make_check (f, "Exports", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (moat_feature_check_add (f->model, untitled, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_clear_error (&error);

  /* "No change" after a "yes" needs its reason. */
  g_object_set (unexplained, "outcome", MOAT_FEATURE_NO_CHANGE, NULL);
  g_assert_false (moat_feature_check_add (f->model, unexplained, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_clear_error (&error);
  g_object_set (unexplained, "reason", "Passkeys come with the identity provider we already use", NULL);
  g_assert_true (moat_feature_check_add (f->model, unexplained, &error));
  g_assert_no_error (error);

  g_object_set (dangling, "element-ids", (const char *[]) { "no-such-element", NULL }, NULL);
  g_assert_false (moat_feature_check_add (f->model, dangling, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK), ==, 1);
}

static void
test_latest (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(MoatFeatureCheck) later = make_check (f, "Later", NULL);
  g_autoptr(MoatFeatureCheck) earlier = make_check (f, "Earlier", NULL);

  g_assert_null (moat_feature_check_find_latest (f->model));
  g_assert_true (moat_feature_check_add (f->model, later, NULL));
  /* Recorded second, but about a planning meeting a week before. */
  g_object_set (earlier, "checked-at", NOV_20 - 7 * DAY, NULL);
  g_assert_true (moat_feature_check_add (f->model, earlier, NULL));
  g_assert_true (moat_feature_check_find_latest (f->model) == later);
}

/* Deleting an element the check names leaves the check, without it. */
static void
test_element_deleted (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MoatFeatureCheck) check = make_check (f, "Exports", (const char *[]) { "new-data", NULL });
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (f->api)), moat_object_get_id (MOAT_OBJECT (f->db)), NULL };
  const char * const *left;

  g_object_set (check, "outcome", MOAT_FEATURE_UPDATE_NEEDED, "element-ids", ids, NULL);
  g_assert_true (moat_feature_check_add (f->model, check, NULL));
  moat_model_remove (f->model, f->db);
  left = moat_feature_check_get_element_ids (check);
  g_assert_cmpuint (g_strv_length ((GStrv)left), ==, 1);
  g_assert_cmpstr (left[0], ==, moat_object_get_id (MOAT_OBJECT (f->api)));
}

static void
assert_same_check (MoatFeatureCheck *a,
                   MoatFeatureCheck *b)
{
  g_assert_nonnull (b);
  g_assert_cmpstr (moat_feature_check_get_title (a), ==, moat_feature_check_get_title (b));
  g_assert_cmpint (moat_feature_check_get_checked_at (a), ==, moat_feature_check_get_checked_at (b));
  g_assert_cmpint (moat_feature_check_get_outcome (a), ==, moat_feature_check_get_outcome (b));
  g_assert_cmpstr (moat_feature_check_get_reason (a), ==, moat_feature_check_get_reason (b));
  g_assert_true (g_variant_equal (moat_feature_check_get_answers (a), moat_feature_check_get_answers (b)));
  g_assert_true (g_strv_equal (moat_feature_check_get_element_ids (a) ?: (const char *[]) { NULL },
                               moat_feature_check_get_element_ids (b) ?: (const char *[]) { NULL }));
}

static MoatFeatureCheck *
add_sample_check (Fixture *f)
{
  g_autoptr(MoatFeatureCheck) check = make_check (f, "PAY-150 Refund reasons", (const char *[]) { "new-data", NULL });

  g_object_set (check, "outcome", MOAT_FEATURE_NO_CHANGE,
                "reason", "Kept with the refund, in the order records the model holds", NULL);
  g_assert_true (moat_feature_check_add (f->model, check, NULL));
  return check;
}

static void
test_store_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "model.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatStore) store = moat_store_create (file, f->model, NULL);
  g_autoptr(MoatStore) reopened = NULL;
  MoatFeatureCheck *check;

  g_assert_nonnull (store);
  check = add_sample_check (f);
  moat_store_close (store);

  reopened = moat_store_open_read_only (file, NULL);
  g_assert_nonnull (reopened);
  assert_same_check (check, moat_feature_check_find_latest (moat_store_get_model (reopened)));
  moat_store_close (reopened);
  moat_test_rm_rf (dir);
}

static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  MoatFeatureCheck *check = add_sample_check (f);
  g_autofree char *json = moat_json_write (f->model, NULL);
  g_autoptr(MoatModel) read = moat_json_read (json, -1, NULL);

  g_assert_nonnull (strstr (json, "\"feature_checks\""));
  g_assert_nonnull (read);
  assert_same_check (check, moat_feature_check_find_latest (read));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feature-check/questions/builtin", test_builtin_questions);
  g_test_add_func ("/feature-check/questions/user", test_user_questions);
  g_test_add_func ("/feature-check/questions/bad", test_bad_questions);
  g_test_add_func ("/feature-check/questions/bad-user-file", test_bad_user_file);
#define ADD(path, func) g_test_add ("/feature-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("suggest", test_suggest);
  ADD ("record", test_record);
  ADD ("refused", test_refused);
  ADD ("latest", test_latest);
  ADD ("element-deleted", test_element_deleted);
  ADD ("store", test_store_round_trip);
  ADD ("json", test_json_round_trip);
#undef ADD

  return g_test_run ();
}
