/* moat-history.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-history.h"

/* Undo reaches this far back; older actions stay in the file's change log. */
#define MAX_DEPTH 1000

struct _MoatHistory
{
  GObject    parent_instance;
  GPtrArray *stacks[2]; /* of MoatAction, newest last */
};

G_DEFINE_FINAL_TYPE (MoatHistory, moat_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_history_finalize (GObject *object)
{
  MoatHistory *self = (MoatHistory *)object;

  g_clear_pointer (&self->stacks[MOAT_HISTORY_UNDO], g_ptr_array_unref);
  g_clear_pointer (&self->stacks[MOAT_HISTORY_REDO], g_ptr_array_unref);

  G_OBJECT_CLASS (moat_history_parent_class)->finalize (object);
}

static void
moat_history_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MoatHistory *self = MOAT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, moat_history_get_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, moat_history_get_can_redo (self));
      break;

    case PROP_UNDO_LABEL:
      g_value_set_string (value, moat_history_get_undo_label (self));
      break;

    case PROP_REDO_LABEL:
      g_value_set_string (value, moat_history_get_redo_label (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_history_class_init (MoatHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_history_finalize;
  object_class->get_property = moat_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_history_init (MoatHistory *self)
{
  for (guint i = 0; i < 2; i++)
    self->stacks[i] = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_action_unref);
}

MoatHistory *
moat_history_new (void)
{
  return g_object_new (MOAT_TYPE_HISTORY, NULL);
}

static MoatAction *
peek_top (MoatHistory      *self,
          MoatHistoryStack  stack)
{
  GPtrArray *ar = self->stacks[stack];

  return ar->len ? g_ptr_array_index (ar, ar->len - 1) : NULL;
}

static void
notify_all (MoatHistory *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

gboolean
moat_history_get_can_undo (MoatHistory *self)
{
  g_return_val_if_fail (MOAT_IS_HISTORY (self), FALSE);

  return self->stacks[MOAT_HISTORY_UNDO]->len > 0;
}

gboolean
moat_history_get_can_redo (MoatHistory *self)
{
  g_return_val_if_fail (MOAT_IS_HISTORY (self), FALSE);

  return self->stacks[MOAT_HISTORY_REDO]->len > 0;
}

const char *
moat_history_get_undo_label (MoatHistory *self)
{
  MoatAction *top = peek_top (self, MOAT_HISTORY_UNDO);

  return top ? top->label : NULL;
}

const char *
moat_history_get_redo_label (MoatHistory *self)
{
  MoatAction *top = peek_top (self, MOAT_HISTORY_REDO);

  return top ? top->label : NULL;
}

/**
 * moat_history_record:
 *
 * Records a new action; what could be redone is forgotten.
 */
void
moat_history_record (MoatHistory *self,
                     MoatAction  *action)
{
  g_return_if_fail (MOAT_IS_HISTORY (self));

  g_ptr_array_set_size (self->stacks[MOAT_HISTORY_REDO], 0);
  moat_history_push (self, MOAT_HISTORY_UNDO, action);
}

/**
 * moat_history_pop:
 *
 * Returns: (transfer full) (nullable): the newest action of @stack
 */
MoatAction *
moat_history_pop (MoatHistory      *self,
                  MoatHistoryStack  stack)
{
  GPtrArray *ar = self->stacks[stack];
  MoatAction *action;

  if (ar->len == 0)
    return NULL;

  action = g_ptr_array_steal_index (ar, ar->len - 1);
  notify_all (self);

  return action;
}

void
moat_history_push (MoatHistory      *self,
                   MoatHistoryStack  stack,
                   MoatAction       *action)
{
  GPtrArray *ar = self->stacks[stack];

  g_ptr_array_add (ar, moat_action_ref (action));
  if (ar->len > MAX_DEPTH)
    g_ptr_array_remove_index (ar, 0);
  notify_all (self);
}

void
moat_history_clear (MoatHistory *self)
{
  g_ptr_array_set_size (self->stacks[MOAT_HISTORY_UNDO], 0);
  g_ptr_array_set_size (self->stacks[MOAT_HISTORY_REDO], 0);
  notify_all (self);
}
