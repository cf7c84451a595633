/* moat-model.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>

#include "moat-clock.h"
#include "moat-conflict.h"
#include "moat-asset.h"
#include "moat-assumption-rule.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-dismissal.h"
#include "moat-element.h"
#include "moat-model.h"
#include "moat-object-private.h"
#include "moat-review.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"
#include "moat-value.h"
#include "moat-workshop-session.h"
#include "moat-feature-check.h"

#define N_TYPES 11

struct _MoatModel
{
  MoatObject   parent_instance;

  GHashTable  *objects;        /* id -> MoatObject */
  GListStore  *lists[N_TYPES];
  MoatHistory *history;
  MoatAction  *open_action;
  guint        depth;
  guint        applying : 1;
  guint        replaying : 1;
  char        *author;
};

G_DEFINE_FINAL_TYPE (MoatModel, moat_model, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_OWNER,
  PROP_VERSION_LABEL,
  PROP_DESCRIPTION,
  PROP_BUSINESS_PURPOSE,
  PROP_FAILURE_IMPACT,
  PROP_IMPACT_SCALE,
  PROP_SCOPE_IN,
  PROP_SCOPE_OUT,
  PROP_RULE_SETS,
  PROP_CATALOGUES,
  N_PROPS
};

enum {
  CHANGED,
  ACTION_CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * moat_model_list_types:
 *
 * Returns: (array length=n_types): the object types a model holds, each
 *   after the types it refers to
 */
const GType *
moat_model_list_types (guint *n_types)
{
  static GType types[N_TYPES];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      types[0] = MOAT_TYPE_DIAGRAM;
      types[1] = MOAT_TYPE_ASSET;
      types[2] = MOAT_TYPE_THREAT_ACTOR;
      types[3] = MOAT_TYPE_ELEMENT;
      types[4] = MOAT_TYPE_THREAT;
      types[5] = MOAT_TYPE_CONTROL;
      types[6] = MOAT_TYPE_ASSUMPTION;
      types[7] = MOAT_TYPE_DISMISSAL;
      types[8] = MOAT_TYPE_WORKSHOP_SESSION;
      types[9] = MOAT_TYPE_FEATURE_CHECK;
      types[10] = MOAT_TYPE_CONFLICT;
      g_once_init_leave (&initialized, 1);
    }

  *n_types = N_TYPES;
  return types;
}

/**
 * moat_model_list_references:
 *
 * The one place that says which fields hold ids of other objects, and what
 * happens to them when that object is deleted. The store, the formats and
 * deletion all follow it.
 */
const MoatReference *
moat_model_list_references (guint *n_refs)
{
  static MoatReference refs[12];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      MoatReference init[] = {
        { MOAT_TYPE_ELEMENT, "diagram-id", MOAT_TYPE_DIAGRAM, MOAT_REFERENCE_CASCADE, NULL },
        { MOAT_TYPE_ELEMENT, "source-id", MOAT_TYPE_ELEMENT, MOAT_REFERENCE_CASCADE, NULL },
        { MOAT_TYPE_ELEMENT, "target-id", MOAT_TYPE_ELEMENT, MOAT_REFERENCE_CASCADE, NULL },
        { MOAT_TYPE_ELEMENT, "asset-ids", MOAT_TYPE_ASSET, MOAT_REFERENCE_CLEAR, "element_asset" },
        { MOAT_TYPE_ELEMENT, "child-diagram-id", MOAT_TYPE_DIAGRAM, MOAT_REFERENCE_CLEAR, NULL },
        { MOAT_TYPE_THREAT, "element-ids", MOAT_TYPE_ELEMENT, MOAT_REFERENCE_CLEAR, "threat_element" },
        { MOAT_TYPE_THREAT, "actor-id", MOAT_TYPE_THREAT_ACTOR, MOAT_REFERENCE_CLEAR, NULL },
        { MOAT_TYPE_CONTROL, "threat-ids", MOAT_TYPE_THREAT, MOAT_REFERENCE_CLEAR, "control_threat" },
        { MOAT_TYPE_ASSUMPTION, "element-ids", MOAT_TYPE_ELEMENT, MOAT_REFERENCE_CLEAR, "assumption_element" },
        { MOAT_TYPE_ASSUMPTION, "threat-ids", MOAT_TYPE_THREAT, MOAT_REFERENCE_CLEAR, "assumption_threat" },
        { MOAT_TYPE_DISMISSAL, "element-id", MOAT_TYPE_ELEMENT, MOAT_REFERENCE_CASCADE, NULL },
        { MOAT_TYPE_FEATURE_CHECK, "element-ids", MOAT_TYPE_ELEMENT, MOAT_REFERENCE_CLEAR, "feature_check_element" },
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (init) == G_N_ELEMENTS (refs));
      memcpy (refs, init, sizeof refs);
      g_once_init_leave (&initialized, 1);
    }

  *n_refs = G_N_ELEMENTS (refs);
  return refs;
}

static int
type_index (GType type)
{
  guint n;
  const GType *types = moat_model_list_types (&n);

  for (guint i = 0; i < n; i++)
    if (types[i] == type)
      return i;

  return -1;
}

static void
moat_model_dispose (GObject *object)
{
  MoatModel *self = (MoatModel *)object;

  if (self->objects != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->objects);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _moat_object_set_model (value, NULL);
    }
  g_clear_pointer (&self->objects, g_hash_table_unref);
  for (guint i = 0; i < N_TYPES; i++)
    g_clear_object (&self->lists[i]);
  g_clear_object (&self->history);
  g_clear_pointer (&self->open_action, moat_action_unref);

  G_OBJECT_CLASS (moat_model_parent_class)->dispose (object);
}

static void
moat_model_finalize (GObject *object)
{
  MoatModel *self = (MoatModel *)object;

  g_free (self->author);

  G_OBJECT_CLASS (moat_model_parent_class)->finalize (object);
}

static void
moat_model_class_init (MoatModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_model_dispose;
  object_class->finalize = moat_model_finalize;

  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_OWNER] = moat_field_string ("owner");
  properties[PROP_VERSION_LABEL] = moat_field_string ("version-label");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_BUSINESS_PURPOSE] = moat_field_string ("business-purpose");
  properties[PROP_FAILURE_IMPACT] = moat_field_string ("failure-impact");
  /* Five sentences: what impact 1 to 5 means for this business. */
  properties[PROP_IMPACT_SCALE] = moat_field_strv ("impact-scale");
  properties[PROP_SCOPE_IN] = moat_field_string ("scope-in");
  properties[PROP_SCOPE_OUT] = moat_field_string ("scope-out");
  properties[PROP_RULE_SETS] = moat_field_strv ("rule-sets");
  /* Requirement catalogues the model is measured against (ids, as "asvs"). */
  properties[PROP_CATALOGUES] = moat_field_strv ("catalogues");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "model", "model",
                             properties, N_PROPS);

  /**
   * MoatModel::changed:
   * @change: what changed
   *
   * Emitted after each primitive change, as it is applied.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MOAT_TYPE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * MoatModel::action-closed:
   * @action: the changes one user action made, undo and redo included
   *
   * Emitted when the outermost action ends; the store commits it.
   */
  signals[ACTION_CLOSED] =
    g_signal_new ("action-closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MOAT_TYPE_ACTION | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
moat_model_init (MoatModel *self)
{
  guint n;
  const GType *types = moat_model_list_types (&n);

  self->objects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  for (guint i = 0; i < n; i++)
    self->lists[i] = g_list_store_new (types[i]);
  self->history = moat_history_new ();
  self->author = g_strdup (g_strcmp0 (g_get_real_name (), "Unknown") != 0
                           ? g_get_real_name () : g_get_user_name ());
  _moat_object_set_model (MOAT_OBJECT (self), self);
}

MoatModel *
moat_model_new (void)
{
  return g_object_new (MOAT_TYPE_MODEL, NULL);
}

GListModel *
moat_model_get_list (MoatModel *self,
                     GType      type)
{
  int i = type_index (type);

  g_return_val_if_fail (MOAT_IS_MODEL (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);

  return G_LIST_MODEL (self->lists[i]);
}

guint
moat_model_count (MoatModel *self,
                  GType      type)
{
  return g_list_model_get_n_items (moat_model_get_list (self, type));
}

gpointer
moat_model_lookup (MoatModel  *self,
                   const char *id)
{
  g_return_val_if_fail (MOAT_IS_MODEL (self), NULL);

  if (id == NULL)
    return NULL;
  if (g_strcmp0 (id, moat_object_get_id (MOAT_OBJECT (self))) == 0)
    return self;

  return g_hash_table_lookup (self->objects, id);
}

gpointer
moat_model_lookup_typed (MoatModel  *self,
                         const char *id,
                         GType       type)
{
  gpointer object = moat_model_lookup (self, id);

  return object && G_TYPE_CHECK_INSTANCE_TYPE (object, type) ? object : NULL;
}

gboolean
moat_model_is_applying (MoatModel *self)
{
  return self->applying;
}

gboolean
moat_model_in_action (MoatModel *self)
{
  return self->depth > 0;
}

MoatHistory *
moat_model_get_history (MoatModel *self)
{
  g_return_val_if_fail (MOAT_IS_MODEL (self), NULL);

  return self->history;
}

const char *
moat_model_get_author (MoatModel *self)
{
  return self->author;
}

void
moat_model_set_author (MoatModel  *self,
                       const char *author)
{
  g_return_if_fail (MOAT_IS_MODEL (self));

  g_free (self->author);
  self->author = g_strdup (author);
}

const char *
moat_model_get_title (MoatModel *self)
{
  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TITLE);
}

const char *
moat_model_get_owner (MoatModel *self)
{
  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OWNER);
}

const char *
moat_model_get_version_label (MoatModel *self)
{
  return moat_object_peek_string (MOAT_OBJECT (self), PROP_VERSION_LABEL);
}

const char *
moat_model_get_description (MoatModel *self)
{
  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

static void
insert_object (MoatModel  *self,
               MoatObject *object)
{
  int i = type_index (G_OBJECT_TYPE (object));

  g_return_if_fail (i >= 0);

  g_hash_table_insert (self->objects, (char *)moat_object_get_id (object),
                       g_object_ref (object));
  g_list_store_append (self->lists[i], object);
  _moat_object_set_model (object, self);
}

static void
remove_object (MoatModel  *self,
               MoatObject *object)
{
  GListStore *list = self->lists[type_index (G_OBJECT_TYPE (object))];
  guint position;

  if (g_list_store_find (list, object, &position))
    g_list_store_remove (list, position);
  _moat_object_set_model (object, NULL);
  g_hash_table_remove (self->objects, moat_object_get_id (object));
}

void
_moat_model_insert_loaded (MoatModel  *self,
                           MoatObject *object)
{
  g_return_if_fail (MOAT_IS_MODEL (self));
  g_return_if_fail (moat_object_get_model (object) == NULL);

  insert_object (self, object);
}

/* _moat_model_insert_loaded() for a table of objects of @type, in order:
 * one change of its list rather than one per object. Stops, returning
 * %FALSE, at an id the model holds already. */
gboolean
_moat_model_insert_loaded_all (MoatModel   *self,
                               GType        type,
                               MoatObject **objects,
                               guint        n_objects)
{
  int list = type_index (type);
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_MODEL (self), FALSE);
  g_return_val_if_fail (list >= 0, FALSE);

  for (; n < n_objects; n++)
    {
      const char *id = moat_object_get_id (objects[n]);

      g_return_val_if_fail (G_OBJECT_TYPE (objects[n]) == type, FALSE);
      g_return_val_if_fail (moat_object_get_model (objects[n]) == NULL, FALSE);
      if (g_hash_table_contains (self->objects, id))
        break;
      g_hash_table_insert (self->objects, (char *) id, g_object_ref (objects[n]));
      _moat_object_set_model (objects[n], self);
    }
  g_list_store_splice (self->lists[list], g_list_model_get_n_items (G_LIST_MODEL (self->lists[list])), 0,
                       (gpointer *) objects, n);
  return n == n_objects;
}

static void
apply (MoatModel  *self,
       MoatChange *change)
{
  gint64 now = moat_clock_now ();

  g_assert (self->open_action != NULL);

  self->applying = TRUE;
  switch (change->kind)
    {
    case MOAT_CHANGE_ADD:
      insert_object (self, change->object);
      break;

    case MOAT_CHANGE_REMOVE:
      g_object_ref (change->object);
      remove_object (self, change->object);
      g_object_unref (change->object);
      break;

    case MOAT_CHANGE_SET:
      _moat_object_store_value (change->object, change->pspec, &change->new_value);
      _moat_object_touch (change->object, now);
      break;

    default:
      g_assert_not_reached ();
    }
  self->applying = FALSE;

  g_ptr_array_add (self->open_action->changes, moat_change_ref (change));
  g_signal_emit (self, signals[CHANGED], 0, change);

  /* Undo and redo replay the withdrawals this made the first time. */
  if (!self->replaying)
    _moat_review_follow_change (self, change);
}

static void
apply_take (MoatModel  *self,
            MoatChange *change)
{
  apply (self, change);
  moat_change_unref (change);
}

/**
 * moat_model_begin_action:
 * @label: what a person would call the action, for the Undo menu item
 *
 * Starts a user action: every change until the matching
 * moat_model_end_action() is one step of undo and one transaction of the
 * file. Actions nest; the outermost label wins.
 */
void
moat_model_begin_action (MoatModel  *self,
                         const char *label)
{
  g_return_if_fail (MOAT_IS_MODEL (self));

  if (self->depth++ == 0)
    self->open_action = moat_action_new (label);
}

static void
close_action (MoatModel *self,
              gboolean   fresh)
{
  g_autoptr(MoatAction) action = g_steal_pointer (&self->open_action);

  if (!self->replaying)
    moat_action_compact (action);
  if (action->changes->len == 0)
    return;

  _moat_object_touch (MOAT_OBJECT (self), moat_clock_now ());
  if (fresh)
    moat_history_record (self->history, action);
  g_signal_emit (self, signals[ACTION_CLOSED], 0, action);
}

void
moat_model_end_action (MoatModel *self)
{
  g_return_if_fail (MOAT_IS_MODEL (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth == 0)
    close_action (self, TRUE);
}

/**
 * moat_model_set_value:
 *
 * Sets one field of @object as an edit. Setting a field to the value it
 * holds is not an edit.
 */
void
moat_model_set_value (MoatModel    *self,
                      MoatObject   *object,
                      GParamSpec   *pspec,
                      const GValue *value)
{
  g_auto(GValue) v = G_VALUE_INIT;
  const GValue *old;

  g_return_if_fail (MOAT_IS_MODEL (self));
  g_return_if_fail (moat_object_get_model (object) == self);

  g_value_init (&v, pspec->value_type);
  if (!g_value_transform (value, &v))
    {
      g_critical ("Cannot set %s of type %s from %s", pspec->name,
                  g_type_name (pspec->value_type), G_VALUE_TYPE_NAME (value));
      return;
    }
  g_param_value_validate (pspec, &v);

  old = moat_object_peek_value (object, pspec);
  if (moat_value_equal (old, &v))
    return;

  moat_model_begin_action (self, _("Edit"));
  if (MOAT_IS_ASSUMPTION (object))
    {
      /* The rule compares with what was there: the change overwrites it. */
      g_auto(GValue) before = G_VALUE_INIT;

      g_value_init (&before, pspec->value_type);
      g_value_copy (old, &before);
      apply_take (self, moat_change_new_set (object, pspec, old, &v));
      _moat_assumption_rule_after_edit (self, MOAT_ASSUMPTION (object), pspec, &before);
    }
  else
    apply_take (self, moat_change_new_set (object, pspec, old, &v));
  moat_model_end_action (self);
}

static void
set_valist (MoatModel  *self,
            MoatObject *object,
            const char *first_field,
            va_list     args)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  for (const char *name = first_field; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (klass, name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL || pspec->owner_type == MOAT_TYPE_OBJECT)
        {
          g_critical ("%s has no field %s", G_OBJECT_TYPE_NAME (object), name);
          return;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          return;
        }
      moat_model_set_value (self, object, pspec, &value);
    }
}

/**
 * moat_model_set:
 * @first_field: the name of the first field, then its value, and so on,
 *   ending with %NULL
 *
 * Sets fields of @object, all as one action.
 */
void
moat_model_set (MoatModel  *self,
                gpointer    object,
                const char *first_field,
                ...)
{
  va_list args;

  g_return_if_fail (MOAT_IS_MODEL (self));
  g_return_if_fail (MOAT_IS_OBJECT (object));

  moat_model_begin_action (self, _("Edit"));
  va_start (args, first_field);
  set_valist (self, object, first_field, args);
  va_end (args);
  moat_model_end_action (self);
}

/**
 * moat_model_add:
 * @object: (transfer none): an object in no model
 */
void
moat_model_add (MoatModel *self,
                gpointer   object)
{
  g_return_if_fail (MOAT_IS_MODEL (self));
  g_return_if_fail (MOAT_IS_OBJECT (object));
  g_return_if_fail (moat_object_get_model (object) == NULL);
  g_return_if_fail (!g_hash_table_contains (self->objects, moat_object_get_id (object)));

  moat_model_begin_action (self, _("Add"));
  apply_take (self, moat_change_new_add (object));
  if (MOAT_IS_ASSUMPTION (object))
    _moat_assumption_rule_after_edit (self, MOAT_ASSUMPTION (object), NULL, NULL);
  moat_model_end_action (self);
}

static GStrv
strv_without (const char * const *strv,
              const char         *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_strcmp0 (strv[i], id) != 0)
      g_strv_builder_add (builder, strv[i]);

  return g_strv_builder_end (builder);
}

static void
release_reference (MoatModel           *self,
                   MoatObject          *referrer,
                   const MoatReference *ref,
                   const char          *id)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (referrer), ref->field);
  const GValue *current = moat_object_peek_value (referrer, pspec);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);

  if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *ids = g_value_get_boxed (current);

      if (ids == NULL || !g_strv_contains (ids, id))
        return;
      if (ref->mode == MOAT_REFERENCE_CASCADE)
        {
          moat_model_remove (self, referrer);
          return;
        }
      g_value_take_boxed (&value, strv_without (ids, id));
    }
  else
    {
      if (g_strcmp0 (g_value_get_string (current), id) != 0)
        return;
      if (ref->mode == MOAT_REFERENCE_CASCADE)
        {
          moat_model_remove (self, referrer);
          return;
        }
    }

  moat_model_set_value (self, referrer, pspec, &value);
}

/**
 * moat_model_foreach_reference:
 * @func: called for each id that a reference field of an object in @self
 *   holds (unset references are passed over), until it returns %FALSE
 *
 * For checks that every reference a loaded file holds leads somewhere.
 *
 * Returns: %FALSE when @func stopped the walk
 */
gboolean
moat_model_foreach_reference (MoatModel         *self,
                              MoatReferenceFunc  func,
                              gpointer           user_data)
{
  const MoatReference *refs;
  guint n_refs;

  g_return_val_if_fail (MOAT_IS_MODEL (self), TRUE);

  refs = moat_model_list_references (&n_refs);
  for (guint r = 0; r < n_refs; r++)
    {
      GListModel *list = moat_model_get_list (self, refs[r].owner_type);
      MoatObjectClass *klass = moat_object_class_for_type (refs[r].owner_type);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), refs[r].field);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
          const GValue *value = moat_object_peek_value (object, pspec);
          const char *single[] = { NULL, NULL };
          const char * const *ids = single;

          if (pspec->value_type == G_TYPE_STRV)
            ids = g_value_get_boxed (value);
          else
            single[0] = g_value_get_string (value);

          for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
            if (!func (object, &refs[r], ids[j], user_data))
              return FALSE;
        }
    }

  return TRUE;
}

static void
release_references_to (MoatModel  *self,
                       MoatObject *target)
{
  const char *id = moat_object_get_id (target);
  const MoatReference *refs;
  guint n_refs;

  refs = moat_model_list_references (&n_refs);
  for (guint r = 0; r < n_refs; r++)
    {
      GListModel *list;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (target, refs[r].target_type))
        continue;

      /* Work on a snapshot: cascading removals change the list. */
      list = moat_model_get_list (self, refs[r].owner_type);
      for (guint i = g_list_model_get_n_items (list); i > 0; i--)
        {
          g_autoptr(MoatObject) referrer = g_list_model_get_item (list, i - 1);

          if (referrer != target && moat_object_get_model (referrer) == self)
            release_reference (self, referrer, &refs[r], id);
        }
    }
}

/**
 * moat_model_remove:
 *
 * Removes @object and, as one action, what cannot live without it (an
 * element's flows, a diagram's elements), and clears references to it
 * (a deleted element disappears from the threats that named it).
 */
void
moat_model_remove (MoatModel *self,
                   gpointer   object)
{
  g_return_if_fail (MOAT_IS_MODEL (self));
  g_return_if_fail (MOAT_IS_OBJECT (object));

  if (moat_object_get_model (object) != self)
    return;

  g_object_ref (object);
  moat_model_begin_action (self, _("Delete"));
  release_references_to (self, object);
  if (moat_object_get_model (object) == self)
    apply_take (self, moat_change_new_remove (object));
  moat_model_end_action (self);
  g_object_unref (object);
}

static gboolean
replay (MoatModel        *self,
        MoatHistoryStack  from,
        MoatHistoryStack  to)
{
  g_autoptr(MoatAction) action = moat_history_pop (self->history, from);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (action == NULL)
    return FALSE;

  self->replaying = TRUE;
  self->depth = 1;
  self->open_action = moat_action_new (action->label);

  if (from == MOAT_HISTORY_UNDO)
    for (guint i = action->changes->len; i > 0; i--)
      {
        g_autoptr(MoatChange) inverse = moat_change_invert (g_ptr_array_index (action->changes, i - 1));
        apply (self, inverse);
      }
  else
    for (guint i = 0; i < action->changes->len; i++)
      apply (self, g_ptr_array_index (action->changes, i));

  self->depth = 0;
  close_action (self, FALSE);
  self->replaying = FALSE;
  moat_history_push (self->history, to, action);

  return TRUE;
}

gboolean
moat_model_undo (MoatModel *self)
{
  g_return_val_if_fail (MOAT_IS_MODEL (self), FALSE);

  return replay (self, MOAT_HISTORY_UNDO, MOAT_HISTORY_REDO);
}

gboolean
moat_model_redo (MoatModel *self)
{
  g_return_val_if_fail (MOAT_IS_MODEL (self), FALSE);

  return replay (self, MOAT_HISTORY_REDO, MOAT_HISTORY_UNDO);
}
