/* moat-merge.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A three-way merge of two versions of a model that share an ancestor,
 * object by object (matched by id) and field by field. What one side
 * changed and the other did not is taken; what both changed differently
 * is kept as a MoatConflict in the result, with every version's value,
 * so that nobody's work is dropped.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-element.h"
#include "moat-error.h"
#include "moat-json.h"
#include "moat-limits.h"
#include "moat-merge.h"
#include "moat-store.h"
#include "moat-value.h"

/* Lists whose order means nothing: they merge as sets, so that a tag added
 * on one side and another removed on the other are both kept. */
static const char * const set_fields[] = {
  "asset-ids", "catalogues", "element-ids", "refs", "requirements", "rule-sets",
  "tags", "threat-ids", NULL
};

typedef struct
{
  MoatModel  *base;
  MoatModel  *ours;
  MoatModel  *theirs;
  MoatModel  *result;
  GPtrArray  *conflicts;     /* new MoatConflicts, put in the result at the end */
  GHashTable *conflict_ids;  /* their ids, borrowed */
  gboolean    dropped;       /* an object of one side is not in the result */
} Merge;

static gboolean
is_set_field (GParamSpec *pspec)
{
  return pspec->value_type == G_TYPE_STRV && g_strv_contains (set_fields, pspec->name);
}

static GHashTable *
set_of (const char * const *strv)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)strv[i]);
  return set;
}

/* What either side added, less what either side removed; ours' order,
 * then what only theirs has, in theirs' order. */
static GStrv
merge_sets (const char * const *base,
            const char * const *ours,
            const char * const *theirs)
{
  g_autoptr(GHashTable) in_base = set_of (base);
  g_autoptr(GHashTable) in_ours = set_of (ours);
  g_autoptr(GHashTable) in_theirs = set_of (theirs);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *sides[] = { ours, theirs };

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    for (guint i = 0; sides[s] != NULL && sides[s][i] != NULL; i++)
      {
        const char *item = sides[s][i];

        if (g_hash_table_contains (taken, item))
          continue;
        if (g_hash_table_contains (in_base, item) &&
            !(g_hash_table_contains (in_ours, item) && g_hash_table_contains (in_theirs, item)))
          continue;
        g_hash_table_add (taken, (gpointer)item);
        g_strv_builder_add (builder, item);
      }

  return g_strv_builder_end (builder);
}

static MoatConflict *
add_conflict (Merge            *m,
              MoatConflictKind  kind,
              MoatObject       *object,
              const char       *field)
{
  g_autofree char *id = _moat_conflict_derive_id (kind, object, field);
  g_autofree char *unique = g_strdup (id);
  MoatConflict *conflict;

  /* An earlier merge's conflict on the same field may still be open. */
  for (guint n = 2; moat_model_lookup (m->ours, unique) != NULL ||
                    moat_model_lookup (m->theirs, unique) != NULL ||
                    moat_model_lookup (m->result, unique) != NULL ||
                    g_hash_table_contains (m->conflict_ids, unique); n++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s#%u", id, n);
    }

  conflict = _moat_conflict_new_with_id (kind, object, field, unique);
  g_ptr_array_add (m->conflicts, conflict);
  g_hash_table_add (m->conflict_ids, (gpointer)moat_object_get_id (MOAT_OBJECT (conflict)));
  return conflict;
}

/* The fields in which @side differs from @reference (all of them when
 * there is none), with @side's values, as a JSON object. */
static char *
fields_text (MoatObject *reference,
             MoatObject *side)
{
  GString *out = g_string_new ("{");
  GParamSpec **fields;
  guint n_fields;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (side), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GValue *value = moat_object_peek_value (side, fields[i]);
      g_autofree char *key = NULL;
      g_autofree char *text = NULL;

      if (reference != NULL && moat_value_equal (moat_object_peek_value (reference, fields[i]), value))
        continue;
      key = g_strdelimit (g_strdup (fields[i]->name), "-", '_');
      text = moat_json_value_to_text (fields[i], value);
      g_string_append_printf (out, "%s\"%s\":%s", out->len > 1 ? "," : "", key, text);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static void
take_value (MoatObject   *target,
            GParamSpec   *pspec,
            const GValue *value)
{
  _moat_object_store_value (target, pspec, value);
}

/* @target is a copy of @ours; @base is %NULL when both sides added the
 * object. */
static void
merge_fields (Merge      *m,
              MoatObject *base,
              MoatObject *ours,
              MoatObject *theirs,
              MoatObject *target)
{
  GParamSpec **fields;
  guint n_fields;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (ours), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GValue *o = moat_object_peek_value (ours, fields[i]);
      const GValue *t = moat_object_peek_value (theirs, fields[i]);
      const GValue *b = base ? moat_object_peek_value (base, fields[i]) : NULL;
      MoatConflict *conflict;
      g_autofree char *base_text = NULL;
      g_autofree char *ours_text = NULL;
      g_autofree char *theirs_text = NULL;

      if (moat_value_equal (o, t) || (b != NULL && moat_value_equal (b, t)))
        continue;
      if (b != NULL && moat_value_equal (b, o))
        {
          take_value (target, fields[i], t);
          continue;
        }
      if (is_set_field (fields[i]))
        {
          g_auto(GValue) merged = G_VALUE_INIT;

          g_value_init (&merged, G_TYPE_STRV);
          g_value_take_boxed (&merged, merge_sets (b ? g_value_get_boxed (b) : NULL,
                                                   g_value_get_boxed (o), g_value_get_boxed (t)));
          take_value (target, fields[i], &merged);
          continue;
        }

      conflict = add_conflict (m, MOAT_CONFLICT_FIELD, target, fields[i]->name);
      base_text = b ? moat_json_value_to_text (fields[i], b) : NULL;
      ours_text = moat_json_value_to_text (fields[i], o);
      theirs_text = moat_json_value_to_text (fields[i], t);
      moat_conflict_set_values (conflict, base_text, ours_text, theirs_text);
    }

  _moat_object_set_timestamps (target, moat_object_get_created (ours),
                               MAX (moat_object_get_modified (ours),
                                    moat_object_get_modified (theirs)));
}

static MoatObject *
copy_object (MoatObject *object)
{
  return _moat_object_clone (object);
}

static void
insert_copy (Merge      *m,
             MoatObject *object)
{
  g_autoptr(MoatObject) copy = copy_object (object);

  _moat_model_insert_loaded (m->result, copy);
}

/* One side deleted @base's object; @kept is the other side's edit of it. */
static void
keep_edited (Merge      *m,
             MoatObject *base,
             MoatObject *kept,
             gboolean    kept_is_ours)
{
  MoatConflict *conflict;
  g_autofree char *base_text = fields_text (kept, base);
  g_autofree char *kept_text = fields_text (base, kept);

  insert_copy (m, kept);
  conflict = add_conflict (m, MOAT_CONFLICT_EDITED_DELETED, kept, NULL);
  moat_conflict_set_values (conflict, base_text,
                            kept_is_ours ? kept_text : NULL,
                            kept_is_ours ? NULL : kept_text);
}

static void
merge_present_in_ours (Merge      *m,
                       GType       type,
                       MoatObject *o)
{
  const char *id = moat_object_get_id (o);
  MoatObject *b = moat_model_lookup_typed (m->base, id, type);
  MoatObject *t = moat_model_lookup (m->theirs, id);

  if (t != NULL && G_OBJECT_TYPE (t) != type)
    {
      MoatConflict *conflict;
      g_autofree char *ours_text = fields_text (NULL, o);
      g_autofree char *theirs_text = fields_text (NULL, t);

      insert_copy (m, o);
      conflict = add_conflict (m, MOAT_CONFLICT_ADDED_TWICE, o, NULL);
      moat_conflict_set_values (conflict, NULL, ours_text, theirs_text);
    }
  else if (t == NULL && b == NULL)
    insert_copy (m, o);
  else if (t == NULL)
    {
      /* Theirs deleted it: fine unless ours changed it meanwhile. */
      if (!moat_object_values_equal (o, b))
        keep_edited (m, b, o, TRUE);
      else
        m->dropped = TRUE;
    }
  else if (b != NULL && moat_object_values_equal (o, b))
    insert_copy (m, t);
  else if (moat_object_values_equal (o, t) || (b != NULL && moat_object_values_equal (t, b)))
    insert_copy (m, o);
  else
    {
      g_autoptr(MoatObject) target = copy_object (o);

      merge_fields (m, b, o, t, target);
      _moat_model_insert_loaded (m->result, target);
    }
}

static void
merge_type (Merge *m,
            GType  type)
{
  GListModel *ours_list = moat_model_get_list (m->ours, type);
  GListModel *theirs_list = moat_model_get_list (m->theirs, type);

  for (guint i = 0; i < g_list_model_get_n_items (ours_list); i++)
    {
      g_autoptr(MoatObject) o = g_list_model_get_item (ours_list, i);

      merge_present_in_ours (m, type, o);
    }

  for (guint i = 0; i < g_list_model_get_n_items (theirs_list); i++)
    {
      g_autoptr(MoatObject) t = g_list_model_get_item (theirs_list, i);
      const char *id = moat_object_get_id (t);
      MoatObject *b;

      if (moat_model_lookup (m->ours, id) != NULL)
        continue;

      b = moat_model_lookup_typed (m->base, id, type);
      if (b == NULL)
        insert_copy (m, t);
      else if (!moat_object_values_equal (t, b))
        keep_edited (m, b, t, FALSE);
      else
        m->dropped = TRUE;
    }
}

/* ---- references to what one side deleted ---- */

typedef struct
{
  MoatModel  *result;
  GHashTable *missing;  /* id -> GPtrArray of the ids that refer to it */
} Dangling;

static gboolean
find_dangling (MoatObject          *object,
               const MoatReference *ref,
               const char          *id,
               gpointer             user_data)
{
  Dangling *d = user_data;
  GPtrArray *referrers;

  if (moat_model_lookup (d->result, id) != NULL)
    return TRUE;

  referrers = g_hash_table_lookup (d->missing, id);
  if (referrers == NULL)
    {
      referrers = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (d->missing, g_strdup (id), referrers);
    }
  g_ptr_array_add (referrers, g_strdup (moat_object_get_id (object)));
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

static char *
ids_text (GPtrArray *ids)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  const char *last = NULL;

  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (g_strcmp0 (id, last) != 0)
        json_array_add_string_element (array, id);
      last = id;
    }
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

static void
add_key (gpointer key,
         gpointer value,
         gpointer user_data)
{
  g_ptr_array_add (user_data, key);
}

/* An object one side deleted that the other side now refers to (a threat
 * added on an element the other side removed, say) is brought back, so
 * that the merged model holds together, and marked as a conflict. What it
 * refers to may have gone the same way: repeat until nothing dangles. */
static gboolean
restore_referenced (Merge   *m,
                    GError **error)
{
  for (;;)
    {
      g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify)g_ptr_array_unref);
      Dangling d = { m->result, missing };
      g_autoptr(GPtrArray) ids = NULL;

      moat_model_foreach_reference (m->result, find_dangling, &d);
      if (g_hash_table_size (missing) == 0)
        return TRUE;

      ids = g_ptr_array_new ();
      g_hash_table_foreach (missing, add_key, ids);
      g_ptr_array_sort (ids, compare_strings);
      for (guint i = 0; i < ids->len; i++)
        {
          const char *id = g_ptr_array_index (ids, i);
          MoatObject *o = moat_model_lookup (m->ours, id);
          MoatObject *t = moat_model_lookup (m->theirs, id);
          MoatObject *kept = o ? o : t;
          g_autofree char *referrers = NULL;
          MoatConflict *conflict;

          /* Valid versions only refer to what they hold. */
          if (kept == NULL)
            return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                                _("The merged model would refer to “%s”, which neither side holds"),
                                id), FALSE;

          insert_copy (m, kept);
          referrers = ids_text (g_hash_table_lookup (missing, id));
          conflict = add_conflict (m, MOAT_CONFLICT_REFERENCED_DELETED, kept, NULL);
          moat_conflict_set_values (conflict, NULL, o ? referrers : NULL, t ? referrers : NULL);
        }
    }
}

/* What is written must read back. Every other value came from a model
 * that was within the limits; a conflict holds values as JSON, which
 * escaping makes longer. */
static gboolean
check_conflict_lengths (GPtrArray  *conflicts,
                        GError    **error)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      MoatConflict *conflict = g_ptr_array_index (conflicts, i);
      GParamSpec **fields;
      guint n_fields;

      fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (conflict), &n_fields);
      for (guint f = 0; f < n_fields; f++)
        {
          const GValue *value = moat_object_peek_value (MOAT_OBJECT (conflict), fields[f]);
          const char *text;

          if (fields[f]->value_type != G_TYPE_STRING || !(text = g_value_get_string (value)))
            continue;
          if ((guint) g_utf8_strlen (text, -1) > moat_limits_for_field (fields[f]))
            return g_set_error (error, MOAT_ERROR, MOAT_ERROR_TOO_LONG,
                                _("%s “%s”: the values in conflict are too long to keep;"
                                  " make them agree on one side and merge again"),
                                moat_conflict_get_object_kind (conflict),
                                moat_conflict_get_object_id (conflict)), FALSE;
        }
    }
  return TRUE;
}

/**
 * moat_merge:
 * @base: the common ancestor of @ours and @theirs
 * @result: (out) (transfer full): the merged model, its conflicts in it
 * @conflicts: (out) (optional) (transfer container) (element-type MoatConflict):
 *   the conflicts this merge found, as they are in @result
 *
 * Merges two versions of a model. Changes to different objects, or to
 * different fields of one object, are both taken; lists of ids and of
 * words merge as sets; positions and sizes merge element by element. A
 * field changed differently on both sides keeps our value; an object
 * deleted on one side and edited, or newly referred to, on the other is
 * kept. Each of these is recorded as a MoatConflict in @result.
 *
 * Returns: %FALSE only when the result could not be made
 */
gboolean
moat_merge (MoatModel  *base,
            MoatModel  *ours,
            MoatModel  *theirs,
            MoatModel **result,
            GPtrArray **conflicts,
            GError    **error)
{
  g_autoptr(MoatModel) merged = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) conflict_ids = g_hash_table_new (g_str_hash, g_str_equal);
  Merge m = { base, ours, theirs, NULL, found, conflict_ids, FALSE };
  GParamSpec **fields;
  const GType *types;
  guint n_fields, n_types;

  g_return_val_if_fail (MOAT_IS_MODEL (base), FALSE);
  g_return_val_if_fail (MOAT_IS_MODEL (ours), FALSE);
  g_return_val_if_fail (MOAT_IS_MODEL (theirs), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  merged = g_object_new (MOAT_TYPE_MODEL, "id", moat_object_get_id (MOAT_OBJECT (ours)), NULL);
  m.result = merged;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (ours), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    take_value (MOAT_OBJECT (merged), fields[i], moat_object_peek_value (MOAT_OBJECT (ours), fields[i]));
  merge_fields (&m, MOAT_OBJECT (base), MOAT_OBJECT (ours), MOAT_OBJECT (theirs), MOAT_OBJECT (merged));

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    merge_type (&m, types[t]);

  /* Each side refers only to what it holds, and all of that is in the
   * result unless one side's deletion was taken. */
  if (m.dropped && !restore_referenced (&m, error))
    return FALSE;

  /* Dated by the versions, not the clock: the same merge gives the same
   * model, from project files or from JSON. */
  for (guint i = 0; i < found->len; i++)
    {
      MoatObject *conflict = g_ptr_array_index (found, i);
      gint64 when = moat_object_get_modified (MOAT_OBJECT (merged));

      _moat_object_set_timestamps (conflict, when, when);
      _moat_model_insert_loaded (merged, conflict);
    }

  if (!check_conflict_lengths (found, error))
    return FALSE;

  *result = g_steal_pointer (&merged);
  if (conflicts != NULL)
    *conflicts = g_ptr_array_ref (found);
  return TRUE;
}

/* ---- resolving ---- */

/**
 * moat_model_list_conflicts:
 * @object_id: (nullable): only the conflicts about this object
 *
 * Returns: (transfer container) (element-type MoatConflict): the open
 *   conflicts, in the order the merge found them
 */
GPtrArray *
moat_model_list_conflicts (MoatModel  *model,
                           const char *object_id)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_CONFLICT);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatConflict) conflict = g_list_model_get_item (list, i);

      if (object_id == NULL || g_strcmp0 (moat_conflict_get_object_id (conflict), object_id) == 0)
        g_ptr_array_add (out, g_steal_pointer (&conflict));
    }
  return out;
}

static gboolean
field_value (MoatConflict  *conflict,
             GParamSpec    *pspec,
             MoatMergeSide  side,
             const GValue  *given,
             GValue        *value,
             GError       **error)
{
  const char *text;

  g_value_init (value, pspec->value_type);
  if (side == MOAT_MERGE_SIDE_VALUE)
    {
      if (given == NULL || !g_value_transform (given, value))
        return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                            _("The value does not fit the field “%s”"), pspec->name), FALSE;
      return TRUE;
    }

  text = moat_conflict_get_value (conflict, side);
  if (text == NULL)
    {
      /* Both sides added the object: there is no base value. */
      moat_value_set_default (pspec, value);
      return TRUE;
    }
  return moat_json_value_from_text (pspec, text, value, error);
}

static gboolean
dangles (GError     **error,
         const char  *id)
{
  return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                      _("“%s” is no longer in the model: pick another value"), id), TRUE;
}

/* Every reference that takes the object with it when its target goes is
 * one the object cannot do without, but for the ends of what is not a
 * flow. */
static gboolean
may_be_unset (MoatObject          *object,
              const MoatReference *ref)
{
  if (ref->mode != MOAT_REFERENCE_CASCADE)
    return TRUE;
  return MOAT_IS_ELEMENT (object) &&
         moat_element_get_kind (MOAT_ELEMENT (object)) != MOAT_ELEMENT_FLOW &&
         (g_str_equal (ref->field, "source-id") || g_str_equal (ref->field, "target-id"));
}

/* A value from one side may name what the merged model no longer holds,
 * or leave a flow without an end or an element on no diagram: the
 * conflict stays open rather than the model break. */
static gboolean
value_breaks_model (MoatModel     *model,
                    MoatObject    *object,
                    GParamSpec    *pspec,
                    const GValue  *value,
                    GError       **error)
{
  const MoatReference *refs;
  guint n_refs;

  if (MOAT_IS_ELEMENT (object) && g_str_equal (pspec->name, "kind") &&
      g_value_get_enum (value) == MOAT_ELEMENT_FLOW &&
      (moat_element_get_source_id (MOAT_ELEMENT (object)) == NULL ||
       moat_element_get_target_id (MOAT_ELEMENT (object)) == NULL))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("A data flow needs a source and a target: pick another value")), TRUE;

  refs = moat_model_list_references (&n_refs);
  for (guint r = 0; r < n_refs; r++)
    {
      const char *single[] = { NULL, NULL };
      const char * const *ids = single;

      if (refs[r].owner_type != G_OBJECT_TYPE (object) || !g_str_equal (refs[r].field, pspec->name))
        continue;
      if (pspec->value_type == G_TYPE_STRV)
        ids = g_value_get_boxed (value);
      else
        single[0] = g_value_get_string (value);

      if (pspec->value_type != G_TYPE_STRV && single[0] == NULL && !may_be_unset (object, &refs[r]))
        return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                            _("The %s needs a value: pick another one"), pspec->name), TRUE;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        if (moat_model_lookup_typed (model, ids[i], refs[r].target_type) == NULL)
          return dangles (error, ids[i]);
    }
  return FALSE;
}

/* The other open conflicts about an object go when it does. */
static void
remove_object_and_conflicts (MoatModel  *model,
                             MoatObject *object,
                             const char *object_id)
{
  g_autoptr(GPtrArray) related = moat_model_list_conflicts (model, object_id);

  if (object != NULL)
    moat_model_remove (model, object);
  for (guint i = 0; i < related->len; i++)
    moat_model_remove (model, g_ptr_array_index (related, i));
}

static gboolean
resolve_deletion (MoatModel     *model,
                  MoatConflict  *conflict,
                  MoatObject    *object,
                  MoatMergeSide  side,
                  GError       **error)
{
  gboolean ours_deleted = moat_conflict_get_value (conflict, MOAT_MERGE_SIDE_OURS) == NULL;

  if (side == MOAT_MERGE_SIDE_VALUE)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("Keep the object or delete it: pick our side or theirs")), FALSE;

  if ((side == MOAT_MERGE_SIDE_OURS && ours_deleted) ||
      (side == MOAT_MERGE_SIDE_THEIRS && !ours_deleted))
    remove_object_and_conflicts (model, object, moat_conflict_get_object_id (conflict));
  else
    moat_model_remove (model, conflict);
  return TRUE;
}

/**
 * moat_model_resolve_conflict:
 * @conflict: an open conflict of @model
 * @side: which version to keep; %MOAT_MERGE_SIDE_VALUE for @value
 * @value: (nullable): with %MOAT_MERGE_SIDE_VALUE, the field's new value
 *
 * Settles a conflict as one action (one step of undo): sets the field to
 * the chosen value, or keeps or deletes the object one side deleted, and
 * removes the conflict. A conflict whose object is gone by now is simply
 * removed.
 *
 * Returns: %FALSE if @side or @value cannot settle this conflict
 */
gboolean
moat_model_resolve_conflict (MoatModel     *model,
                             MoatConflict  *conflict,
                             MoatMergeSide  side,
                             const GValue  *value,
                             GError       **error)
{
  MoatObject *object;
  GParamSpec *pspec = NULL;
  g_auto(GValue) chosen = G_VALUE_INIT;
  gboolean ok = TRUE;

  g_return_val_if_fail (MOAT_IS_MODEL (model), FALSE);
  g_return_val_if_fail (MOAT_IS_CONFLICT (conflict), FALSE);
  g_return_val_if_fail (moat_object_get_model (MOAT_OBJECT (conflict)) == model, FALSE);

  object = moat_model_lookup (model, moat_conflict_get_object_id (conflict));
  if (object != NULL && moat_conflict_get_kind (conflict) == MOAT_CONFLICT_FIELD)
    {
      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object),
                                            moat_conflict_get_field (conflict));
      if (pspec == NULL || pspec->owner_type != G_OBJECT_TYPE (object))
        return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                            _("A %s has no field “%s”"), moat_object_get_kind_name (object),
                            moat_conflict_get_field (conflict)), FALSE;
      if (!field_value (conflict, pspec, side, value, &chosen, error))
        return FALSE;
      g_param_value_validate (pspec, &chosen);
      if (value_breaks_model (model, object, pspec, &chosen, error))
        return FALSE;
    }
  else if (object != NULL && moat_conflict_get_kind (conflict) == MOAT_CONFLICT_ADDED_TWICE &&
           side != MOAT_MERGE_SIDE_OURS)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("Only our object can be kept; add theirs again by hand")), FALSE;

  g_object_ref (conflict);
  moat_model_begin_action (model, _("Resolve Conflict"));
  if (object == NULL || moat_conflict_get_kind (conflict) == MOAT_CONFLICT_ADDED_TWICE)
    moat_model_remove (model, conflict);
  else if (pspec != NULL)
    {
      moat_model_set_value (model, object, pspec, &chosen);
      moat_model_remove (model, conflict);
    }
  else
    ok = resolve_deletion (model, conflict, object, side, error);
  moat_model_end_action (model);
  g_object_unref (conflict);

  return ok;
}

/**
 * moat_merge_format_conflicts_json:
 *
 * Returns: (transfer full): @conflicts as a JSON list, for `moat-cli merge
 *   --json`
 */
char *
moat_merge_format_conflicts_json (GPtrArray *conflicts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    {
      MoatConflict *c = g_ptr_array_index (conflicts, i);
      const char *sides[] = { "base", "ours", "theirs" };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, moat_object_get_id (MOAT_OBJECT (c)));
      json_builder_set_member_name (builder, "conflict");
      json_builder_add_string_value (builder, moat_conflict_kind_to_string (moat_conflict_get_kind (c)));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, moat_conflict_get_object_kind (c));
      json_builder_set_member_name (builder, "object_id");
      json_builder_add_string_value (builder, moat_conflict_get_object_id (c));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, moat_object_get_label (MOAT_OBJECT (c)));
      json_builder_set_member_name (builder, "field");
      if (moat_conflict_get_field (c) != NULL)
        json_builder_add_string_value (builder, moat_conflict_get_field (c));
      else
        json_builder_add_null_value (builder);
      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          const char *text_value = moat_conflict_get_value (c, MOAT_MERGE_SIDE_BASE + s);

          JsonNode *node = text_value ? json_from_string (text_value, NULL) : NULL;

          json_builder_set_member_name (builder, sides[s]);
          if (node != NULL)
            json_builder_add_value (builder, node);
          else if (text_value != NULL)
            json_builder_add_string_value (builder, text_value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

/* ---- the change log ---- */

static char *
log_key (const MoatLogEntry *e)
{
  /* Unit and record separators cannot occur in what the log holds. */
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
                          e->time,
                          e->author ? e->author : "\x1e", e->label ? e->label : "\x1e",
                          e->object_id ? e->object_id : "\x1e",
                          e->object_kind ? e->object_kind : "\x1e",
                          e->field ? e->field : "\x1e", e->old_value ? e->old_value : "\x1e",
                          e->new_value ? e->new_value : "\x1e");
}

typedef struct
{
  const MoatLogEntry *entry;
  guint               side;   /* 0 ours, 1 theirs */
  guint               order;
} LogLine;

static int
compare_lines (gconstpointer pa,
               gconstpointer pb)
{
  const LogLine *a = pa;
  const LogLine *b = pb;

  if (a->entry->time != b->entry->time)
    return a->entry->time < b->entry->time ? -1 : 1;
  if (a->side != b->side)
    return (int)a->side - (int)b->side;
  return (int)a->order - (int)b->order;
}

/**
 * moat_merge_logs:
 * @ours: (element-type MoatLogEntry): our file's change log, oldest first
 * @theirs: (element-type MoatLogEntry): theirs
 *
 * Both sides' history in one log: what they share (the history before
 * they parted) once, then every action of either side in the order of
 * time, numbered afresh so that each side's actions stay whole.
 *
 * Returns: (transfer full) (element-type MoatLogEntry): the merged log
 */
GPtrArray *
moat_merge_logs (GPtrArray *ours,
                 GPtrArray *theirs)
{
  g_autoptr(GHashTable) shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (LogLine));
  GPtrArray *merged = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_log_entry_free);
  gint64 next_action = 1;

  /* A multiset: one side may log the same change twice (undo, redo). */
  for (guint i = 0; i < ours->len; i++)
    {
      char *key = log_key (g_ptr_array_index (ours, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shared, key));

      g_hash_table_replace (shared, key, GUINT_TO_POINTER (n + 1));
      g_array_append_val (lines, ((LogLine) { g_ptr_array_index (ours, i), 0, i }));
    }
  for (guint i = 0; i < theirs->len; i++)
    {
      g_autofree char *key = log_key (g_ptr_array_index (theirs, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shared, key));

      if (n > 0)
        {
          g_hash_table_replace (shared, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));
          continue;
        }
      g_array_append_val (lines, ((LogLine) { g_ptr_array_index (theirs, i), 1, i }));
    }

  g_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      const LogLine *line = &g_array_index (lines, LogLine, i);
      const MoatLogEntry *e = line->entry;
      g_autofree char *action_key = g_strdup_printf ("%u:%" G_GINT64_FORMAT, line->side, e->action);
      MoatLogEntry *copy = g_new0 (MoatLogEntry, 1);
      gpointer number;

      if (!g_hash_table_lookup_extended (numbers, action_key, NULL, &number))
        {
          number = GSIZE_TO_POINTER ((gsize)next_action++);
          g_hash_table_insert (numbers, g_steal_pointer (&action_key), number);
        }
      copy->action = (gint64)GPOINTER_TO_SIZE (number);
      copy->time = e->time;
      copy->author = g_strdup (e->author);
      copy->label = g_strdup (e->label);
      copy->object_id = g_strdup (e->object_id);
      copy->object_kind = g_strdup (e->object_kind);
      copy->field = g_strdup (e->field);
      copy->old_value = g_strdup (e->old_value);
      copy->new_value = g_strdup (e->new_value);
      g_ptr_array_add (merged, copy);
    }

  return merged;
}
