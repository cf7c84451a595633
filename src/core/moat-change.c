/* moat-change.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-change.h"

G_DEFINE_BOXED_TYPE (MoatChange, moat_change, moat_change_ref, moat_change_unref)

static MoatChange *
moat_change_alloc (MoatChangeKind  kind,
                   MoatObject     *object)
{
  MoatChange *self = g_new0 (MoatChange, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->object = object;
  /* A model's history holds its changes: a change to the model's own
   * fields must not keep the model alive. */
  self->owns_object = (gpointer)moat_object_get_model (object) != (gpointer)object;
  if (self->owns_object)
    g_object_ref (object);

  return self;
}

MoatChange *
moat_change_new_add (MoatObject *object)
{
  return moat_change_alloc (MOAT_CHANGE_ADD, object);
}

MoatChange *
moat_change_new_remove (MoatObject *object)
{
  return moat_change_alloc (MOAT_CHANGE_REMOVE, object);
}

MoatChange *
moat_change_new_set (MoatObject   *object,
                     GParamSpec   *pspec,
                     const GValue *old_value,
                     const GValue *new_value)
{
  MoatChange *self = moat_change_alloc (MOAT_CHANGE_SET, object);

  self->pspec = g_param_spec_ref (pspec);
  g_value_init (&self->old_value, pspec->value_type);
  g_value_copy (old_value, &self->old_value);
  g_value_init (&self->new_value, pspec->value_type);
  g_value_copy (new_value, &self->new_value);

  return self;
}

MoatChange *
moat_change_ref (MoatChange *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
moat_change_unref (MoatChange *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->pspec != NULL)
    {
      g_value_unset (&self->old_value);
      g_value_unset (&self->new_value);
      g_param_spec_unref (self->pspec);
    }
  if (self->owns_object)
    g_object_unref (self->object);
  g_free (self);
}

/**
 * moat_change_invert:
 *
 * Returns: (transfer full): the change that undoes @self
 */
MoatChange *
moat_change_invert (MoatChange *self)
{
  switch (self->kind)
    {
    case MOAT_CHANGE_ADD:
      return moat_change_new_remove (self->object);
    case MOAT_CHANGE_REMOVE:
      return moat_change_new_add (self->object);
    case MOAT_CHANGE_SET:
      return moat_change_new_set (self->object, self->pspec,
                                  &self->new_value, &self->old_value);
    default:
      g_assert_not_reached ();
    }
}
