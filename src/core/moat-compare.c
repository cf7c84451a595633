/* moat-compare.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-compare.h"
#include "moat-element.h"

struct _MoatCompare
{
  GObject     parent_instance;

  MoatModel  *old_model;
  MoatModel  *new_model;
  GPtrArray  *entries;  /* MoatDiffEntry* */
  GHashTable *marks;    /* element id -> MoatCompareMark */
};

G_DEFINE_FINAL_TYPE (MoatCompare, moat_compare, G_TYPE_OBJECT)

static void
moat_compare_finalize (GObject *object)
{
  MoatCompare *self = MOAT_COMPARE (object);

  g_clear_object (&self->old_model);
  g_clear_object (&self->new_model);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);

  G_OBJECT_CLASS (moat_compare_parent_class)->finalize (object);
}

static void
moat_compare_class_init (MoatCompareClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_compare_finalize;
}

static void
moat_compare_init (MoatCompare *self)
{
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static MoatCompareMark
mark_of (MoatDiffKind kind)
{
  switch (kind)
    {
    case MOAT_DIFF_ADDED:
      return MOAT_COMPARE_MARK_ADDED;
    case MOAT_DIFF_REMOVED:
      return MOAT_COMPARE_MARK_REMOVED;
    case MOAT_DIFF_CHANGED:
    default:
      return MOAT_COMPARE_MARK_CHANGED;
    }
}

/**
 * moat_compare_refresh:
 *
 * Diffs the two versions again: the newer one is the open model, which
 * may have been edited since.
 */
void
moat_compare_refresh (MoatCompare *self)
{
  g_return_if_fail (MOAT_IS_COMPARE (self));

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_hash_table_remove_all (self->marks);
  self->entries = moat_diff_models (self->old_model, self->new_model);

  for (guint i = 0; i < self->entries->len; i++)
    {
      MoatDiffEntry *e = g_ptr_array_index (self->entries, i);

      if (g_str_equal (e->object_kind, "element"))
        g_hash_table_insert (self->marks, g_strdup (e->id), GINT_TO_POINTER (mark_of (e->kind)));
    }
}

/**
 * moat_compare_new:
 * @old_model: the other, older version
 * @new_model: the version being edited
 */
MoatCompare *
moat_compare_new (MoatModel *old_model,
                  MoatModel *new_model)
{
  MoatCompare *self;

  g_return_val_if_fail (MOAT_IS_MODEL (old_model), NULL);
  g_return_val_if_fail (MOAT_IS_MODEL (new_model), NULL);

  self = g_object_new (MOAT_TYPE_COMPARE, NULL);
  self->old_model = g_object_ref (old_model);
  self->new_model = g_object_ref (new_model);
  moat_compare_refresh (self);
  return self;
}

MoatModel *
moat_compare_get_old_model (MoatCompare *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE (self), NULL);
  return self->old_model;
}

MoatModel *
moat_compare_get_new_model (MoatCompare *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE (self), NULL);
  return self->new_model;
}

/**
 * moat_compare_get_entries:
 *
 * Returns: (transfer none) (element-type MoatDiffEntry): the changes, in
 *   the order `moat-cli diff` prints them
 */
GPtrArray *
moat_compare_get_entries (MoatCompare *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE (self), NULL);
  return self->entries;
}

/**
 * moat_compare_get_mark:
 * @element_id: an element of either version
 *
 * Returns: whether the element was added, removed or changed since the
 *   older version
 */
MoatCompareMark
moat_compare_get_mark (MoatCompare *self,
                       const char  *element_id)
{
  g_return_val_if_fail (MOAT_IS_COMPARE (self), MOAT_COMPARE_MARK_NONE);

  if (element_id == NULL)
    return MOAT_COMPARE_MARK_NONE;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->marks, element_id));
}

/**
 * moat_compare_list_removed:
 * @diagram_id: a diagram of the older version
 *
 * Returns: (transfer container) (element-type MoatElement): the older
 *   version's elements on @diagram_id that the newer one no longer has
 */
GPtrArray *
moat_compare_list_removed (MoatCompare *self,
                           const char  *diagram_id)
{
  GListModel *elements;
  GPtrArray *removed = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MOAT_IS_COMPARE (self), removed);

  elements = moat_model_get_list (self->old_model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0 &&
          moat_compare_get_mark (self, moat_object_get_id (MOAT_OBJECT (element))) == MOAT_COMPARE_MARK_REMOVED)
        g_ptr_array_add (removed, g_steal_pointer (&element));
    }
  return removed;
}
