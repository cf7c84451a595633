/* test-model.c: the document model, its edits and undo
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-test-util.h"

typedef struct
{
  MoatModel *model;
  guint      n_changed;
  guint      n_actions;
  GPtrArray *actions;
} Fixture;

static void
on_changed (MoatModel  *model,
            MoatChange *change,
            Fixture    *f)
{
  f->n_changed++;
}

static void
on_action_closed (MoatModel  *model,
                  MoatAction *action,
                  Fixture    *f)
{
  f->n_actions++;
  g_ptr_array_add (f->actions, moat_action_ref (action));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->model = moat_model_new ();
  f->actions = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_action_unref);
  g_signal_connect (f->model, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->model, "action-closed", G_CALLBACK (on_action_closed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->model);
  g_ptr_array_unref (f->actions);
}

static MoatDiagram *
add_diagram (MoatModel *model)
{
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();

  g_object_set (diagram, "title", "Context", NULL);
  moat_model_add (model, diagram);
  return diagram;
}

static MoatElement *
add_element (MoatModel       *model,
             MoatDiagram     *diagram,
             MoatElementKind  kind,
             const char      *name)
{
  g_autoptr(MoatElement) element = moat_element_new ();

  g_object_set (element,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)),
                "kind", kind, "name", name, NULL);
  moat_model_add (model, element);
  return element;
}

static MoatElement *
add_flow (MoatModel   *model,
          MoatDiagram *diagram,
          MoatElement *from,
          MoatElement *to)
{
  MoatElement *flow = add_element (model, diagram, MOAT_ELEMENT_FLOW, "flow");

  moat_model_set (model, flow,
                  "source-id", moat_object_get_id (MOAT_OBJECT (from)),
                  "target-id", moat_object_get_id (MOAT_OBJECT (to)),
                  NULL);
  return flow;
}

static void
test_ids_are_unique_and_stable (void)
{
  g_autoptr(MoatElement) a = moat_element_new ();
  g_autoptr(MoatElement) b = moat_element_new ();
  g_autoptr(MoatElement) c = g_object_new (MOAT_TYPE_ELEMENT, "id", "fixed-id", NULL);

  g_assert_true (g_uuid_string_is_valid (moat_object_get_id (MOAT_OBJECT (a))));
  g_assert_cmpstr (moat_object_get_id (MOAT_OBJECT (a)), !=, moat_object_get_id (MOAT_OBJECT (b)));
  g_assert_cmpstr (moat_object_get_id (MOAT_OBJECT (c)), ==, "fixed-id");
  g_assert_cmpint (moat_object_get_created (MOAT_OBJECT (a)), >, 0);
}

static void
test_defaults (void)
{
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  g_autoptr(MoatElement) element = moat_element_new ();
  g_autoptr(MoatAsset) asset = moat_asset_new ();

  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 3);
  g_assert_cmpint (moat_element_get_kind (element), ==, MOAT_ELEMENT_PROCESS);
  g_assert_cmpint (moat_element_get_data_classification (element), ==, MOAT_CLASSIFICATION_INTERNAL);
  g_assert_cmpfloat (moat_element_get_width (element), >, 0);
  g_assert_cmpint (moat_asset_get_impact_confidentiality (asset), ==, 3);
}

static void
test_ranges_are_enforced (void)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatThreat) threat = moat_threat_new ();

  moat_model_add (model, threat);
  moat_model_set (model, threat, "likelihood", 9, NULL);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 5);
  moat_model_set (model, threat, "impact", 0, NULL);
  g_assert_cmpint (moat_threat_get_impact (threat), ==, 1);
}

static void
test_add_lookup_lists (Fixture       *f,
                       gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");

  g_assert_true (moat_model_lookup (f->model, moat_object_get_id (MOAT_OBJECT (web))) == web);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (web)) == f->model);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, 1);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_null (moat_model_lookup_typed (f->model, moat_object_get_id (MOAT_OBJECT (web)),
                                          MOAT_TYPE_THREAT));
  g_assert_true (moat_model_lookup (f->model, moat_object_get_id (MOAT_OBJECT (f->model))) == f->model);
  g_assert_cmpuint (f->n_actions, ==, 2);
}

/* A property binding or g_object_set() on an object in a model is an edit
 * like any other: announced, recorded and undoable. */
static void
test_set_property_is_an_edit (Fixture       *f,
                              gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  guint actions = f->n_actions;

  g_object_set (web, "name", "Web front end", NULL);
  g_assert_cmpuint (f->n_actions, ==, actions + 1);
  g_assert_true (moat_history_get_can_undo (moat_model_get_history (f->model)));

  g_object_set (web, "name", "Web front end", NULL);
  g_assert_cmpuint (f->n_actions, ==, actions + 1);

  g_assert_true (moat_model_undo (f->model));
  g_assert_cmpstr (moat_element_get_name (web), ==, "Web");
  g_assert_true (moat_model_redo (f->model));
  g_assert_cmpstr (moat_element_get_name (web), ==, "Web front end");
}

static void
test_model_fields_are_edits (Fixture       *f,
                             gconstpointer  data)
{
  g_object_set (f->model, "title", "Checkout", "owner", "Ana", NULL);
  g_assert_cmpstr (moat_model_get_title (f->model), ==, "Checkout");
  g_assert_cmpuint (f->n_actions, ==, 2);

  moat_model_set (f->model, f->model, "title", "Checkout v2", "version-label", "2.0", NULL);
  g_assert_cmpuint (f->n_actions, ==, 3);
  g_assert_true (moat_model_undo (f->model));
  g_assert_cmpstr (moat_model_get_title (f->model), ==, "Checkout");
  g_assert_null (moat_model_get_version_label (f->model));
}

/* One drag is one undo step, however many motion events it had. */
static void
test_action_groups_and_folds (Fixture       *f,
                              gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  MoatAction *action;
  guint actions = f->n_actions;

  moat_model_begin_action (f->model, "Move");
  for (int i = 1; i <= 50; i++)
    moat_model_set (f->model, web, "x", (double)i, "y", (double)-i, NULL);
  moat_model_end_action (f->model);

  g_assert_cmpuint (f->n_actions, ==, actions + 1);
  action = g_ptr_array_index (f->actions, f->actions->len - 1);
  g_assert_cmpstr (action->label, ==, "Move");
  g_assert_cmpuint (action->changes->len, ==, 2);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (f->model)), ==, "Move");

  g_assert_true (moat_model_undo (f->model));
  g_assert_cmpfloat (moat_element_get_x (web), ==, 0);
  g_assert_cmpfloat (moat_element_get_y (web), ==, 0);
  g_assert_true (moat_model_redo (f->model));
  g_assert_cmpfloat (moat_element_get_x (web), ==, 50);
  g_assert_cmpfloat (moat_element_get_y (web), ==, -50);
}

static void
test_noop_action_is_not_recorded (Fixture       *f,
                                  gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  guint actions = f->n_actions;

  moat_model_begin_action (f->model, "Wiggle");
  moat_model_set (f->model, web, "x", 10.0, NULL);
  moat_model_set (f->model, web, "x", 0.0, NULL);
  moat_model_end_action (f->model);

  g_assert_cmpuint (f->n_actions, ==, actions);
  g_assert_cmpstr (moat_history_get_undo_label (moat_model_get_history (f->model)), !=, "Wiggle");
}

/* Deleting an element takes its flows and dismissals with it and removes
 * it from threats and assumptions, as one undoable step. */
static void
test_remove_cascades_and_undoes (Fixture       *f,
                                 gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  MoatElement *db = add_element (f->model, diagram, MOAT_ELEMENT_STORE, "DB");
  MoatElement *flow = add_flow (f->model, diagram, web, db);
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  g_autoptr(MoatDismissal) dismissal = moat_dismissal_new ();
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (db)),
                        moat_object_get_id (MOAT_OBJECT (web)), NULL };
  const char * const *left;
  guint actions;

  g_object_set (threat, "title", "Tampering", "element-ids", ids, NULL);
  moat_model_add (f->model, threat);
  g_object_set (dismissal, "element-id", ids[0], "rule-id", "stride.store.T", NULL);
  moat_model_add (f->model, dismissal);
  actions = f->n_actions;

  moat_model_remove (f->model, db);
  g_assert_cmpuint (f->n_actions, ==, actions + 1);
  g_assert_null (moat_model_lookup (f->model, ids[0]));
  g_assert_null (moat_object_get_model (MOAT_OBJECT (flow)));
  g_assert_null (moat_object_get_model (MOAT_OBJECT (dismissal)));
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, 1);
  left = moat_threat_get_element_ids (threat);
  g_assert_cmpuint (g_strv_length ((GStrv)left), ==, 1);
  g_assert_cmpstr (left[0], ==, ids[1]);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (threat)) == f->model);

  g_assert_true (moat_model_undo (f->model));
  g_assert_true (moat_model_lookup (f->model, ids[0]) == db);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (flow)) == f->model);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (dismissal)) == f->model);
  g_assert_cmpuint (g_strv_length ((GStrv)moat_threat_get_element_ids (threat)), ==, 2);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, 3);

  g_assert_true (moat_model_redo (f->model));
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, 1);
}

static void
test_remove_diagram_takes_its_elements (Fixture       *f,
                                        gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatDiagram *child = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  MoatElement *inner = add_element (f->model, child, MOAT_ELEMENT_PROCESS, "Inner");

  moat_model_set (f->model, web, "child-diagram-id",
                  moat_object_get_id (MOAT_OBJECT (child)), NULL);
  moat_model_remove (f->model, child);

  g_assert_null (moat_object_get_model (MOAT_OBJECT (inner)));
  g_assert_null (moat_element_get_child_diagram_id (web));
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_DIAGRAM), ==, 1);

  moat_model_undo (f->model);
  g_assert_cmpstr (moat_element_get_child_diagram_id (web), ==,
                   moat_object_get_id (MOAT_OBJECT (child)));
  g_assert_true (moat_object_get_model (MOAT_OBJECT (inner)) == f->model);
}

static void
test_remove_other_references (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(MoatThreatActor) actor = moat_threat_actor_new ();
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  g_autoptr(MoatControl) control = moat_control_new ();
  g_autoptr(MoatAsset) asset = moat_asset_new ();
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  const char *threat_ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };
  const char *asset_ids[] = { moat_object_get_id (MOAT_OBJECT (asset)), NULL };

  moat_model_add (f->model, actor);
  moat_model_add (f->model, asset);
  g_object_set (threat, "actor-id", moat_object_get_id (MOAT_OBJECT (actor)), NULL);
  moat_model_add (f->model, threat);
  g_object_set (control, "threat-ids", threat_ids, NULL);
  moat_model_add (f->model, control);
  g_object_set (web, "asset-ids", asset_ids, NULL);

  moat_model_remove (f->model, actor);
  g_assert_null (moat_threat_get_actor_id (threat));
  moat_model_remove (f->model, threat);
  g_assert_cmpuint (g_strv_length ((GStrv)moat_control_get_threat_ids (control)), ==, 0);
  moat_model_remove (f->model, asset);
  g_assert_cmpuint (g_strv_length ((GStrv)moat_element_get_asset_ids (web)), ==, 0);

  /* Undo all three, newest first. */
  moat_model_undo (f->model);
  g_assert_cmpuint (g_strv_length ((GStrv)moat_element_get_asset_ids (web)), ==, 1);
  moat_model_undo (f->model);
  g_assert_cmpstr (moat_control_get_threat_ids (control)[0], ==, threat_ids[0]);
  moat_model_undo (f->model);
  g_assert_nonnull (moat_threat_get_actor_id (threat));
}

/* Undo and redo are themselves announced as actions, so the store writes
 * them like any edit; they do not disturb the stacks. */
static void
test_undo_redo_stacks (Fixture       *f,
                       gconstpointer  data)
{
  MoatHistory *history = moat_model_get_history (f->model);
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "A");
  guint actions;

  g_object_set (web, "name", "B", NULL);
  g_object_set (web, "name", "C", NULL);
  actions = f->n_actions;

  g_assert_true (moat_model_undo (f->model));
  g_assert_true (moat_model_undo (f->model));
  g_assert_cmpstr (moat_element_get_name (web), ==, "A");
  g_assert_cmpuint (f->n_actions, ==, actions + 2);
  g_assert_true (moat_history_get_can_redo (history));

  g_assert_true (moat_model_redo (f->model));
  g_assert_cmpstr (moat_element_get_name (web), ==, "B");

  /* A new edit forgets what could be redone. */
  g_object_set (web, "name", "D", NULL);
  g_assert_false (moat_history_get_can_redo (history));
  g_assert_false (moat_model_redo (f->model));

  /* Undo everything, back to an empty model. */
  while (moat_model_undo (f->model))
    ;
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, 0);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_DIAGRAM), ==, 0);
  g_assert_false (moat_history_get_can_undo (history));
}

static void
test_add_then_edit_in_one_action_undoes (Fixture       *f,
                                         gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  g_autoptr(MoatElement) web = moat_element_new ();

  g_object_set (web, "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)), NULL);
  moat_model_begin_action (f->model, "Add Process");
  moat_model_add (f->model, web);
  g_object_set (web, "name", "Web", NULL);
  moat_model_set (f->model, web, "x", 40.0, NULL);
  moat_model_end_action (f->model);

  moat_model_undo (f->model);
  g_assert_null (moat_object_get_model (MOAT_OBJECT (web)));
  moat_model_redo (f->model);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (web)) == f->model);
  g_assert_cmpstr (moat_element_get_name (web), ==, "Web");
  g_assert_cmpfloat (moat_element_get_x (web), ==, 40.0);
}

static void
test_modified_time_follows_edits (Fixture       *f,
                                  gconstpointer  data)
{
  MoatDiagram *diagram = add_diagram (f->model);
  MoatElement *web = add_element (f->model, diagram, MOAT_ELEMENT_PROCESS, "Web");
  gint64 before = moat_object_get_modified (MOAT_OBJECT (web));

  g_usleep (2000);
  g_object_set (web, "protocol", "HTTPS", NULL);
  g_assert_cmpint (moat_object_get_modified (MOAT_OBJECT (web)), >, before);
  g_assert_cmpint (moat_object_get_modified (MOAT_OBJECT (f->model)), >=,
                   moat_object_get_modified (MOAT_OBJECT (web)));
}

static void
test_copy_and_equal (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  g_autoptr(MoatObject) element = g_list_model_get_item (elements, 0);
  g_autoptr(MoatObject) same = moat_object_copy (element, FALSE);
  g_autoptr(MoatObject) other = moat_object_copy (element, TRUE);

  g_assert_true (moat_object_values_equal (element, same));
  g_assert_false (moat_object_values_equal (element, other));
  g_assert_null (moat_object_get_model (same));
  g_assert_cmpstr (moat_element_get_name (MOAT_ELEMENT (other)), ==,
                   moat_element_get_name (MOAT_ELEMENT (element)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/model/ids", test_ids_are_unique_and_stable);
  g_test_add_func ("/model/defaults", test_defaults);
  g_test_add_func ("/model/ranges", test_ranges_are_enforced);
  g_test_add_func ("/model/copy-and-equal", test_copy_and_equal);
  ADD ("add-lookup-lists", test_add_lookup_lists);
  ADD ("set-property-is-an-edit", test_set_property_is_an_edit);
  ADD ("model-fields-are-edits", test_model_fields_are_edits);
  ADD ("action-groups-and-folds", test_action_groups_and_folds);
  ADD ("noop-action", test_noop_action_is_not_recorded);
  ADD ("remove-cascades-and-undoes", test_remove_cascades_and_undoes);
  ADD ("remove-diagram", test_remove_diagram_takes_its_elements);
  ADD ("remove-other-references", test_remove_other_references);
  ADD ("undo-redo-stacks", test_undo_redo_stacks);
  ADD ("add-then-edit", test_add_then_edit_in_one_action_undoes);
  ADD ("modified-time", test_modified_time_follows_edits);

  return g_test_run ();
}
