/* moat-action.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-action.h"
#include "moat-value.h"

G_DEFINE_BOXED_TYPE (MoatAction, moat_action, moat_action_ref, moat_action_unref)

MoatAction *
moat_action_new (const char *label)
{
  MoatAction *self = g_new0 (MoatAction, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->label = g_strdup (label);
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_change_unref);

  return self;
}

MoatAction *
moat_action_ref (MoatAction *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moat_action_unref (MoatAction *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->changes);
  g_free (self->label);
  g_free (self);
}

/**
 * moat_action_compact:
 *
 * Folds repeated sets of one field into one (a drag sets a position on
 * every motion event, but is one edit), and drops sets that end where they
 * started, so the file and the undo stack hold what the action did.
 */
void
moat_action_compact (MoatAction *self)
{
  g_autoptr(GHashTable) epochs = NULL;
  g_autoptr(GHashTable) latest = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  if (self->changes->len < 2)
    goto drop_noops;

  /* An add or remove of an object starts a new epoch for it: sets are only
   * folded within one epoch, so undo replays them in their real order. */
  epochs = g_hash_table_new (g_direct_hash, g_direct_equal);
  latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kept = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_change_unref);

  for (guint i = 0; i < self->changes->len; i++)
    {
      MoatChange *change = g_ptr_array_index (self->changes, i);
      guint epoch = GPOINTER_TO_UINT (g_hash_table_lookup (epochs, change->object));
      g_autofree char *key = NULL;
      MoatChange *earlier;

      if (change->kind != MOAT_CHANGE_SET)
        {
          g_hash_table_insert (epochs, change->object, GUINT_TO_POINTER (epoch + 1));
          g_ptr_array_add (kept, moat_change_ref (change));
          continue;
        }

      key = g_strdup_printf ("%p:%p:%u", change->object, change->pspec, epoch);
      earlier = g_hash_table_lookup (latest, key);
      if (earlier != NULL)
        {
          g_value_copy (&change->new_value, &earlier->new_value);
          continue;
        }

      g_hash_table_insert (latest, g_steal_pointer (&key), change);
      g_ptr_array_add (kept, moat_change_ref (change));
    }

  g_ptr_array_set_size (self->changes, 0);
  g_ptr_array_extend_and_steal (self->changes, g_steal_pointer (&kept));

drop_noops:
  for (guint i = self->changes->len; i > 0; i--)
    {
      MoatChange *change = g_ptr_array_index (self->changes, i - 1);

      if (change->kind == MOAT_CHANGE_SET &&
          moat_value_equal (&change->old_value, &change->new_value))
        g_ptr_array_remove_index (self->changes, i - 1);
    }
}
