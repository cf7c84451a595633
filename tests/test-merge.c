/* test-merge.c: three-way merges of models, and resolving what conflicts
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "moat-merge.h"
#include "moat-test-util.h"

/* The ancestor both branches start from. */
static const char base_json[] =
  "{\"format\": \"moat\", \"format_version\": 1,"
  " \"model\": {\"id\": \"m\", \"title\": \"Checkout\", \"rule_sets\": [\"stride\"]},"
  " \"diagrams\": [{\"id\": \"d\", \"title\": \"Context\"}],"
  " \"assets\": [{\"id\": \"cards\", \"name\": \"Card numbers\"}],"
  " \"elements\": ["
  "   {\"id\": \"api\", \"diagram_id\": \"d\", \"kind\": \"process\", \"name\": \"API\","
  "    \"x\": 10, \"y\": 20, \"width\": 120, \"height\": 64, \"tags\": [\"legacy\", \"web\"]},"
  "   {\"id\": \"db\", \"diagram_id\": \"d\", \"kind\": \"store\", \"name\": \"Orders\","
  "    \"x\": 300, \"y\": 20},"
  "   {\"id\": \"f\", \"diagram_id\": \"d\", \"kind\": \"flow\", \"name\": \"SQL\","
  "    \"source_id\": \"api\", \"target_id\": \"db\"},"
  "   {\"id\": \"n\", \"diagram_id\": \"d\", \"kind\": \"note\", \"name\": \"Old note\"}],"
  " \"threats\": [{\"id\": \"t1\", \"title\": \"SQL injection\", \"element_ids\": [\"api\", \"f\"]}],"
  " \"controls\": [{\"id\": \"c1\", \"title\": \"Prepared statements\", \"threat_ids\": [\"t1\"]}]}";

static MoatModel *
load_base (void)
{
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_json_read (base_json, -1, &error);

  g_assert_no_error (error);
  return model;
}

static void
set_string (MoatModel  *model,
            const char *id,
            const char *field,
            const char *value)
{
  MoatObject *object = moat_model_lookup (model, id);

  g_assert_nonnull (object);
  moat_model_set (model, object, field, value, NULL);
}

static void
set_double (MoatModel  *model,
            const char *id,
            const char *field,
            double      value)
{
  moat_model_set (model, moat_model_lookup (model, id), field, value, NULL);
}

static void
set_strv (MoatModel          *model,
          const char         *id,
          const char         *field,
          const char * const *value)
{
  moat_model_set (model, moat_model_lookup (model, id), field, value, NULL);
}

static void
remove_id (MoatModel  *model,
           const char *id)
{
  moat_model_remove (model, moat_model_lookup (model, id));
}

static const char *
string_of (MoatModel  *model,
           const char *id,
           const char *field)
{
  MoatObject *object = moat_model_lookup (model, id);
  GParamSpec *pspec;

  g_assert_nonnull (object);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field);
  return g_value_get_string (moat_object_peek_value (object, pspec));
}

static double
double_of (MoatModel  *model,
           const char *id,
           const char *field)
{
  MoatObject *object = moat_model_lookup (model, id);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field);

  return g_value_get_double (moat_object_peek_value (object, pspec));
}

static char *
strv_of (MoatModel  *model,
         const char *id,
         const char *field)
{
  MoatObject *object = moat_model_lookup (model, id);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field);
  const char * const *strv = g_value_get_boxed (moat_object_peek_value (object, pspec));

  return strv ? g_strjoinv (",", (char **)strv) : g_strdup ("");
}

typedef void (*EditFunc)  (MoatModel *model);
typedef void (*CheckFunc) (MoatModel *result,
                           GPtrArray *conflicts);

typedef struct
{
  const char *name;
  EditFunc    ours;
  EditFunc    theirs;
  CheckFunc   check;
  guint       n_conflicts;
} MergeCase;

static void
no_edit (MoatModel *model)
{
}

/* ---- clean merges ---- */

static void rename_api (MoatModel *m) { set_string (m, "api", "name", "Payments API"); }
static void describe_api (MoatModel *m) { set_string (m, "api", "description", "Takes card payments"); }
static void rename_db (MoatModel *m) { set_string (m, "db", "name", "Order store"); }

static void
check_both_fields (MoatModel *r,
                   GPtrArray *conflicts)
{
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
  g_assert_cmpstr (string_of (r, "api", "description"), ==, "Takes card payments");
  g_assert_cmpstr (string_of (r, "db", "name"), ==, "Orders");
}

static void
check_both_objects (MoatModel *r,
                    GPtrArray *conflicts)
{
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
  g_assert_cmpstr (string_of (r, "db", "name"), ==, "Order store");
}

static void
add_threat (MoatModel *m)
{
  g_autoptr(MoatObject) threat = g_object_new (MOAT_TYPE_THREAT, "id", "t2", "title", "Tampering", NULL);
  const char *ids[] = { "db", NULL };

  g_object_set (threat, "element-ids", ids, NULL);
  moat_model_add (m, threat);
}

static void
add_control (MoatModel *m)
{
  g_autoptr(MoatObject) control = g_object_new (MOAT_TYPE_CONTROL, "id", "c2", "title", "WAF", NULL);
  const char *ids[] = { "t1", NULL };

  g_object_set (control, "threat-ids", ids, NULL);
  moat_model_add (m, control);
}

static void
check_added (MoatModel *r,
             GPtrArray *conflicts)
{
  g_autofree char *elements = strv_of (r, "t2", "element-ids");
  g_autofree char *threats = strv_of (r, "c2", "threat-ids");

  g_assert_cmpstr (string_of (r, "t2", "title"), ==, "Tampering");
  g_assert_cmpstr (elements, ==, "db");
  g_assert_cmpstr (string_of (r, "c2", "title"), ==, "WAF");
  g_assert_cmpstr (threats, ==, "t1");
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_THREAT), ==, 2);
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONTROL), ==, 2);
}

static void remove_note (MoatModel *m) { remove_id (m, "n"); }

static void
check_note_gone (MoatModel *r,
                 GPtrArray *conflicts)
{
  g_assert_null (moat_model_lookup (r, "n"));
  g_assert_nonnull (moat_model_lookup (r, "api"));
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_ELEMENT), ==, 3);
}

static void
check_renamed_once (MoatModel *r,
                    GPtrArray *conflicts)
{
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
}

static void
tag_pci (MoatModel *m)
{
  const char *tags[] = { "legacy", "web", "pci", NULL };

  set_strv (m, "api", "tags", tags);
}

static void
tag_gdpr_untag_legacy (MoatModel *m)
{
  const char *tags[] = { "web", "gdpr", NULL };

  set_strv (m, "api", "tags", tags);
}

static void
check_tags (MoatModel *r,
            GPtrArray *conflicts)
{
  g_autofree char *tags = strv_of (r, "api", "tags");

  g_assert_cmpstr (tags, ==, "web,pci,gdpr");
}

static void
threat_on_db (MoatModel *m)
{
  const char *ids[] = { "api", "f", "db", NULL };

  set_strv (m, "t1", "element-ids", ids);
}

static void
threat_off_api (MoatModel *m)
{
  const char *ids[] = { "f", NULL };

  set_strv (m, "t1", "element-ids", ids);
}

static void
check_linked_ids (MoatModel *r,
                  GPtrArray *conflicts)
{
  g_autofree char *ids = strv_of (r, "t1", "element-ids");

  g_assert_cmpstr (ids, ==, "f,db");
}

static void move_api (MoatModel *m) { set_double (m, "api", "x", 50); set_double (m, "api", "y", 80); }
static void move_db (MoatModel *m) { set_double (m, "db", "x", 500); }
static void widen_api (MoatModel *m) { set_double (m, "api", "width", 200); }

static void
check_moved_both (MoatModel *r,
                  GPtrArray *conflicts)
{
  g_assert_cmpfloat (double_of (r, "api", "x"), ==, 50);
  g_assert_cmpfloat (double_of (r, "api", "y"), ==, 80);
  g_assert_cmpfloat (double_of (r, "db", "x"), ==, 500);
  g_assert_cmpfloat (double_of (r, "db", "y"), ==, 20);
}

static void
check_moved_and_widened (MoatModel *r,
                         GPtrArray *conflicts)
{
  g_assert_cmpfloat (double_of (r, "api", "x"), ==, 50);
  g_assert_cmpfloat (double_of (r, "api", "y"), ==, 80);
  g_assert_cmpfloat (double_of (r, "api", "width"), ==, 200);
  g_assert_cmpfloat (double_of (r, "api", "height"), ==, 64);
}

static void retitle (MoatModel *m) { set_string (m, "m", "title", "Checkout v2"); }

static void
check_retitled (MoatModel *r,
                GPtrArray *conflicts)
{
  g_assert_cmpstr (moat_model_get_title (r), ==, "Checkout v2");
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
}

/* ---- conflicts ---- */

static MoatConflict *
only_conflict (GPtrArray        *conflicts,
               MoatConflictKind  kind,
               const char       *object_id)
{
  MoatConflict *found = NULL;

  for (guint i = 0; i < conflicts->len; i++)
    {
      MoatConflict *c = g_ptr_array_index (conflicts, i);

      if (moat_conflict_get_kind (c) == kind &&
          g_strcmp0 (moat_conflict_get_object_id (c), object_id) == 0)
        {
          g_assert_null (found);
          found = c;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static void rename_api_other (MoatModel *m) { set_string (m, "api", "name", "Checkout API"); }

static void
check_field_conflict (MoatModel *r,
                      GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_FIELD, "api");

  /* Ours stays until someone decides; both values are kept. */
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
  g_assert_cmpstr (moat_conflict_get_field (c), ==, "name");
  g_assert_cmpstr (moat_conflict_get_object_kind (c), ==, "element");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_BASE), ==, "\"API\"");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS), ==, "\"Payments API\"");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS), ==, "\"Checkout API\"");
  g_assert_true (moat_model_lookup (r, moat_object_get_id (MOAT_OBJECT (c))) == (gpointer)c);
}

static void remove_api (MoatModel *m) { remove_id (m, "api"); }

static void
check_deleted_ours_edited_theirs (MoatModel *r,
                                  GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_EDITED_DELETED, "api");

  /* The edit is not lost: the element stays, with their change. */
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Checkout API");
  g_assert_null (moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS));
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS), ==, "{\"name\":\"Checkout API\"}");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_BASE), ==, "{\"name\":\"API\"}");
  /* The flow went with the element on our side and nobody changed it. */
  g_assert_null (moat_model_lookup (r, "f"));
}

static void edit_note (MoatModel *m) { set_string (m, "n", "name", "New note"); }

static void
check_edited_ours_deleted_theirs (MoatModel *r,
                                  GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_EDITED_DELETED, "n");

  g_assert_cmpstr (string_of (r, "n", "name"), ==, "New note");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS), ==, "{\"name\":\"New note\"}");
  g_assert_null (moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS));
}

static void remove_db (MoatModel *m) { remove_id (m, "db"); }

static void
check_referenced_deleted (MoatModel *r,
                          GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_REFERENCED_DELETED, "db");
  g_autofree char *ids = strv_of (r, "t2", "element-ids");

  /* Their new threat still points at the store, which is back. */
  g_assert_nonnull (moat_model_lookup (r, "db"));
  g_assert_cmpstr (ids, ==, "db");
  g_assert_null (moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS));
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS), ==, "[\"t2\"]");
  /* The flow that went with the store on our side stays gone. */
  g_assert_null (moat_model_lookup (r, "f"));
}

static void move_api_other (MoatModel *m) { set_double (m, "api", "x", 70); set_double (m, "api", "y", 80); }

static void
check_moved_twice (MoatModel *r,
                   GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_FIELD, "api");

  /* y moved to the same place on both sides: no conflict there. */
  g_assert_cmpstr (moat_conflict_get_field (c), ==, "x");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS), ==, "50.0");
  g_assert_cmpstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS), ==, "70.0");
  g_assert_cmpfloat (double_of (r, "api", "x"), ==, 50);
  g_assert_cmpfloat (double_of (r, "api", "y"), ==, 80);
}

static void
add_new_as_element (MoatModel *m)
{
  g_autoptr(MoatObject) e = g_object_new (MOAT_TYPE_ELEMENT, "id", "new", "diagram-id", "d",
                                          "kind", MOAT_ELEMENT_PROCESS, "name", "Worker", NULL);

  moat_model_add (m, e);
}

static void
add_new_as_threat (MoatModel *m)
{
  g_autoptr(MoatObject) t = g_object_new (MOAT_TYPE_THREAT, "id", "new", "title", "Replay", NULL);

  moat_model_add (m, t);
}

static void
add_new_as_other_element (MoatModel *m)
{
  g_autoptr(MoatObject) e = g_object_new (MOAT_TYPE_ELEMENT, "id", "new", "diagram-id", "d",
                                          "kind", MOAT_ELEMENT_PROCESS, "name", "Queue", NULL);

  moat_model_add (m, e);
}

static void
check_added_twice (MoatModel *r,
                   GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_ADDED_TWICE, "new");

  g_assert_true (MOAT_IS_ELEMENT (moat_model_lookup (r, "new")));
  g_assert_nonnull (strstr (moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS), "\"title\":\"Replay\""));
  g_assert_null (moat_conflict_get_value (c, MOAT_MERGE_SIDE_BASE));
}

static void
check_added_both_differently (MoatModel *r,
                              GPtrArray *conflicts)
{
  MoatConflict *c = only_conflict (conflicts, MOAT_CONFLICT_FIELD, "new");

  g_assert_cmpstr (moat_conflict_get_field (c), ==, "name");
  g_assert_null (moat_conflict_get_value (c, MOAT_MERGE_SIDE_BASE));
  g_assert_cmpstr (string_of (r, "new", "name"), ==, "Worker");
}

/* Send to Back on one side, a rename on the other: both are kept. */
static void
lower_db (MoatModel *m)
{
  g_autoptr(GPtrArray) db = g_ptr_array_new ();

  g_ptr_array_add (db, moat_model_lookup (m, "db"));
  g_assert_cmpuint (moat_arrange_restack (m, db, FALSE), ==, 1);
}

static void
check_lowered_and_renamed (MoatModel *r,
                          GPtrArray *conflicts)
{
  MoatElement *db = moat_model_lookup (r, "db");

  g_assert_cmpint (moat_element_get_z_order (db), <,
                   moat_element_get_z_order (moat_model_lookup (r, "api")));
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
}

static const MergeCase cases[] = {
  { "different-fields", rename_api, describe_api, check_both_fields, 0 },
  { "different-objects", rename_api, rename_db, check_both_objects, 0 },
  { "added-both-sides", add_threat, add_control, check_added, 0 },
  { "removed-ours", remove_note, no_edit, check_note_gone, 0 },
  { "removed-theirs", no_edit, remove_note, check_note_gone, 0 },
  { "removed-both", remove_note, remove_note, check_note_gone, 0 },
  { "same-change-both", rename_api, rename_api, check_renamed_once, 0 },
  { "tags-as-sets", tag_pci, tag_gdpr_untag_legacy, check_tags, 0 },
  { "linked-ids-as-sets", threat_on_db, threat_off_api, check_linked_ids, 0 },
  { "geometry-per-element", move_api, move_db, check_moved_both, 0 },
  { "geometry-per-field", move_api, widen_api, check_moved_and_widened, 0 },
  { "stacking-and-name", lower_db, rename_api, check_lowered_and_renamed, 0 },
  { "model-fields", retitle, rename_api, check_retitled, 0 },
  { "field-both-changed", rename_api, rename_api_other, check_field_conflict, 1 },
  { "deleted-ours-edited-theirs", remove_api, rename_api_other, check_deleted_ours_edited_theirs, 1 },
  { "edited-ours-deleted-theirs", edit_note, remove_note, check_edited_ours_deleted_theirs, 1 },
  { "reference-to-deleted", remove_db, add_threat, check_referenced_deleted, 1 },
  { "moved-differently", move_api, move_api_other, check_moved_twice, 1 },
  { "same-id-other-kind", add_new_as_element, add_new_as_threat, check_added_twice, 1 },
  { "same-id-added-twice", add_new_as_element, add_new_as_other_element, check_added_both_differently, 1 },
};

static void
run_case (gconstpointer data)
{
  const MergeCase *mc = data;
  g_autoptr(MoatModel) base = load_base ();
  g_autoptr(MoatModel) ours = load_base ();
  g_autoptr(MoatModel) theirs = load_base ();
  g_autoptr(MoatModel) result = NULL;
  g_autoptr(MoatModel) reread = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  mc->ours (ours);
  mc->theirs (theirs);

  g_assert_true (moat_merge (base, ours, theirs, &result, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, mc->n_conflicts);
  g_assert_cmpuint (moat_model_count (result, MOAT_TYPE_CONFLICT), ==, mc->n_conflicts);
  mc->check (result, conflicts);

  /* The merged model, conflicts and all, is a valid model. */
  json = moat_json_write (result, NULL);
  reread = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  again = moat_json_write (reread, NULL);
  g_assert_cmpstr (json, ==, again);
}

/* A clean merge does not depend on which side is ours. */
static void
test_clean_is_symmetric (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MoatModel) base = load_base ();
      g_autoptr(MoatModel) ours = load_base ();
      g_autoptr(MoatModel) theirs = load_base ();
      g_autoptr(MoatModel) forward = NULL;
      g_autoptr(MoatModel) backward = NULL;
      g_autoptr(GError) error = NULL;

      if (cases[i].n_conflicts > 0 || cases[i].check == check_tags)
        continue;  /* (a set keeps ours' order first) */
      cases[i].ours (ours);
      cases[i].theirs (theirs);
      g_assert_true (moat_merge (base, ours, theirs, &forward, NULL, &error));
      g_assert_true (moat_merge (base, theirs, ours, &backward, NULL, &error));
      cases[i].check (backward, NULL);
    }
}

static MoatModel *
merge_case (const MergeCase *mc,
            GPtrArray      **conflicts)
{
  g_autoptr(MoatModel) base = load_base ();
  g_autoptr(MoatModel) ours = load_base ();
  g_autoptr(MoatModel) theirs = load_base ();
  g_autoptr(GError) error = NULL;
  MoatModel *result = NULL;

  mc->ours (ours);
  mc->theirs (theirs);
  g_assert_true (moat_merge (base, ours, theirs, &result, conflicts, &error));
  g_assert_no_error (error);
  return result;
}

static const MergeCase *
find_case (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].name, name))
      return &cases[i];
  g_assert_not_reached ();
}

static void
test_resolve_field (void)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(MoatModel) r = merge_case (find_case ("field-both-changed"), &conflicts);
  g_autoptr(GError) error = NULL;
  MoatConflict *c = g_ptr_array_index (conflicts, 0);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_true (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_THEIRS, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Checkout API");
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 0);

  /* One step of undo brings back both the value and the conflict. */
  g_assert_true (moat_model_undo (r));
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Payments API");
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 1);
  g_assert_false (moat_model_undo (r));

  g_assert_true (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_BASE, NULL, &error));
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "API");
  g_assert_true (moat_model_undo (r));

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Card API");
  g_assert_true (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_VALUE, &value, &error));
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Card API");
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 0);
}

static void
test_resolve_deletion (void)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(MoatModel) r = merge_case (find_case ("deleted-ours-edited-theirs"), &conflicts);
  g_autoptr(GError) error = NULL;
  MoatConflict *c = g_ptr_array_index (conflicts, 0);

  /* A deletion cannot take a value. */
  g_assert_false (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_VALUE, NULL, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 1);

  /* Our side deleted it: taking ours deletes it, with what hangs on it. */
  g_assert_true (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_OURS, NULL, &error));
  g_assert_null (moat_model_lookup (r, "api"));
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 0);
  g_assert_true (moat_model_undo (r));
  g_assert_nonnull (moat_model_lookup (r, "api"));
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 1);

  /* Theirs keeps it as they edited it. */
  g_assert_true (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_THEIRS, NULL, &error));
  g_assert_cmpstr (string_of (r, "api", "name"), ==, "Checkout API");
  g_assert_cmpuint (moat_model_count (r, MOAT_TYPE_CONFLICT), ==, 0);
}

static void
test_resolve_reference (void)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(MoatModel) r = merge_case (find_case ("reference-to-deleted"), &conflicts);
  g_autoptr(GError) error = NULL;
  MoatConflict *c = g_ptr_array_index (conflicts, 0);
  g_autofree char *ids = NULL;

  g_assert_true (moat_model_resolve_conflict (r, c, MOAT_MERGE_SIDE_OURS, NULL, &error));
  g_assert_null (moat_model_lookup (r, "db"));
  /* The threat stays, no longer on the deleted store. */
  ids = strv_of (r, "t2", "element-ids");
  g_assert_cmpstr (ids, ==, "");
}

/* Conflicts are kept in project files as in JSON, and read back. */
static void
test_store_keeps_conflicts (void)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(MoatModel) r = merge_case (find_case ("deleted-ours-edited-theirs"), &conflicts);
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "merged.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  MoatModel *model;
  g_autoptr(GPtrArray) open = NULL;

  store = moat_store_create (file, r, &error);
  g_assert_no_error (error);
  moat_store_close (store);

  reopened = moat_store_open (file, &error);
  g_assert_no_error (error);
  model = moat_store_get_model (reopened);
  moat_test_assert_models_equal (r, model);

  /* Resolving in an open file is written through like any edit. */
  open = moat_model_list_conflicts (model, "api");
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (moat_model_resolve_conflict (model, g_ptr_array_index (open, 0),
                                              MOAT_MERGE_SIDE_THEIRS, NULL, &error));
  moat_store_close (reopened);
  g_clear_object (&reopened);

  reopened = moat_store_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (moat_store_get_model (reopened), MOAT_TYPE_CONFLICT), ==, 0);
  moat_store_close (reopened);
  moat_test_rm_rf (dir);
}

/* A model never merged writes the JSON it always did. */
static void
test_json_without_conflicts (void)
{
  g_autoptr(MoatModel) base = load_base ();
  g_autofree char *json = moat_json_write (base, NULL);

  g_assert_null (strstr (json, "conflicts"));
}

static MoatLogEntry *
log_entry (gint64      action,
           gint64      time,
           const char *author,
           const char *id)
{
  MoatLogEntry *e = g_new0 (MoatLogEntry, 1);

  e->action = action;
  e->time = time;
  e->author = g_strdup (author);
  e->label = g_strdup ("Edit");
  e->object_id = g_strdup (id);
  e->object_kind = g_strdup ("element");
  e->field = g_strdup ("name");
  return e;
}

static void
test_logs (void)
{
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_log_entry_free);
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_log_entry_free);
  g_autoptr(GPtrArray) merged = NULL;
  struct { gint64 action, time; const char *author, *id; } expected[] = {
    { 1, 100, "ann", "a" },   /* before the branches parted: once */
    { 2, 200, "ann", "b" },   /* ours' action 2 */
    { 2, 200, "ann", "c" },
    { 3, 250, "bob", "d" },   /* theirs' action 2 */
    { 4, 300, "ann", "e" },   /* ours' action 3 */
    { 5, 400, "bob", "f" },   /* theirs' action 3 */
  };

  g_ptr_array_add (ours, log_entry (1, 100, "ann", "a"));
  g_ptr_array_add (ours, log_entry (2, 200, "ann", "b"));
  g_ptr_array_add (ours, log_entry (2, 200, "ann", "c"));
  g_ptr_array_add (ours, log_entry (3, 300, "ann", "e"));
  g_ptr_array_add (theirs, log_entry (1, 100, "ann", "a"));
  g_ptr_array_add (theirs, log_entry (2, 250, "bob", "d"));
  g_ptr_array_add (theirs, log_entry (3, 400, "bob", "f"));

  merged = moat_merge_logs (ours, theirs);
  g_assert_cmpuint (merged->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < merged->len; i++)
    {
      MoatLogEntry *e = g_ptr_array_index (merged, i);

      g_assert_cmpint (e->action, ==, expected[i].action);
      g_assert_cmpint (e->time, ==, expected[i].time);
      g_assert_cmpstr (e->author, ==, expected[i].author);
      g_assert_cmpstr (e->object_id, ==, expected[i].id);
    }
}

/* The same conflicts come out of a second merge of the merged model:
 * ids stay unique. */
static void
test_merge_again (void)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(MoatModel) first = merge_case (find_case ("field-both-changed"), &conflicts);
  g_autoptr(MoatModel) ours = NULL;
  g_autoptr(MoatModel) theirs = NULL;
  g_autoptr(MoatModel) second = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = moat_json_write (first, NULL);

  ours = moat_json_read (json, -1, &error);
  theirs = moat_json_read (json, -1, &error);
  set_string (ours, "api", "name", "A");
  set_string (theirs, "api", "name", "B");
  g_assert_true (moat_merge (first, ours, theirs, &second, &again, &error));
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpuint (moat_model_count (second, MOAT_TYPE_CONFLICT), ==, 2);
  g_assert_cmpstr (moat_object_get_id (g_ptr_array_index (again, 0)), ==, "conflict:api:name#2");
}

/* A model made in memory has no list of points where the same model read
 * from JSON has an empty one: they are the same, and merge so. */
static void
test_unset_and_empty_points (void)
{
  g_autoptr(MoatModel) made = load_base ();
  g_autoptr(MoatModel) ours = NULL;
  g_autoptr(MoatModel) theirs = NULL;
  g_autoptr(MoatModel) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  MoatObject *api = moat_model_lookup (made, "api");
  GParamSpec *points = g_object_class_find_property (G_OBJECT_GET_CLASS (api), "points");

  g_assert_null (g_value_get_variant (moat_object_peek_value (api, points)));
  json = moat_json_write (made, NULL);
  ours = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_value_get_variant (moat_object_peek_value (moat_model_lookup (ours, "api"), points)));
  theirs = load_base ();
  remove_note (theirs);

  /* Ours did not edit the note theirs deleted. */
  g_assert_true (moat_merge (made, ours, theirs, &result, &conflicts, &error));
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_null (moat_model_lookup (result, "n"));
}

/* An id from an import may use most of what an id may hold, and an
 * assumption's statement is long: the conflict must stay readable. */
static void
test_long_names (void)
{
  g_autofree char *long_id = g_strnfill (900, 'a');
  g_autofree char *statement = g_strnfill (5000, 's');
  g_autoptr(MoatModel) base = load_base ();
  g_autoptr(MoatModel) ours = NULL;
  g_autoptr(MoatModel) theirs = NULL;
  g_autoptr(MoatModel) result = NULL;
  g_autoptr(MoatModel) reread = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatObject) assumption = g_object_new (MOAT_TYPE_ASSUMPTION, "id", long_id,
                                                   "statement", statement, NULL);
  g_autofree char *json = NULL;

  moat_model_add (base, assumption);
  json = moat_json_write (base, NULL);
  ours = moat_json_read (json, -1, &error);
  theirs = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  set_string (ours, long_id, "validation", "Checked by Ann");
  set_string (theirs, long_id, "validation", "Checked by Bob");

  g_assert_true (moat_merge (base, ours, theirs, &result, &conflicts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (moat_conflict_get_object_id (g_ptr_array_index (conflicts, 0)), ==, long_id);
  g_clear_pointer (&json, g_free);
  json = moat_json_write (result, NULL);
  reread = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (moat_model_count (reread, MOAT_TYPE_CONFLICT), ==, 1);
}

/* What fuzz-merge once failed on (tests/fuzz/regressions/merge/): base,
 * ours and theirs as Moat JSON, NUL between them. Each merges, or is
 * refused with a reason, and a merged model reads back. */
static void
test_fuzz_regressions (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", "merge", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      g_auto(GStrv) parts = NULL;
      MoatModel *models[3] = { NULL, };
      gsize length;

      g_assert_true (g_file_get_contents (file, &data, &length, NULL));
      /* The parts are text: the first NUL ends the first, and so on. */
      parts = g_new0 (char *, 4);
      for (gsize start = 0, i = 0, k = 0; i <= length && k < 3; i++)
        if (i == length || data[i] == '\0')
          {
            parts[k++] = g_strndup (data + start, i - start);
            start = i + 1;
          }

      for (guint k = 0; k < 3; k++)
        models[k] = parts[k] ? moat_json_read (parts[k], -1, NULL)
                             : (models[k - 1] ? g_object_ref (models[k - 1]) : NULL);
      if (models[0] && models[1] && models[2])
        {
          g_autoptr(MoatModel) result = NULL;
          g_autoptr(GError) error = NULL;

          if (moat_merge (models[0], models[1], models[2], &result, NULL, &error))
            {
              g_autofree char *json = moat_json_write (result, NULL);
              g_autoptr(MoatModel) again = moat_json_read (json, -1, &error);

              g_assert_no_error (error);
            }
          else
            g_assert_nonnull (error);
        }
      for (guint k = 0; k < 3; k++)
        g_clear_object (&models[k]);
      n++;
    }
  g_test_message ("%u merge regressions replayed", n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/merge/case/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], run_case);
    }
  g_test_add_func ("/merge/clean-is-symmetric", test_clean_is_symmetric);
  g_test_add_func ("/merge/resolve/field", test_resolve_field);
  g_test_add_func ("/merge/resolve/deletion", test_resolve_deletion);
  g_test_add_func ("/merge/resolve/reference", test_resolve_reference);
  g_test_add_func ("/merge/store-keeps-conflicts", test_store_keeps_conflicts);
  g_test_add_func ("/merge/json-without-conflicts", test_json_without_conflicts);
  g_test_add_func ("/merge/logs", test_logs);
  g_test_add_func ("/merge/merge-again", test_merge_again);
  g_test_add_func ("/merge/long-names", test_long_names);
  g_test_add_func ("/merge/unset-and-empty-points", test_unset_and_empty_points);
  g_test_add_func ("/merge/fuzz-regressions", test_fuzz_regressions);

  return g_test_run ();
}
