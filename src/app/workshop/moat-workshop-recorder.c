/* moat-workshop-recorder.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The record is kept from the model's "changed" signal, so that whatever
 * made an edit (a quick capture, the canvas, a panel, undo) is counted.
 * An object added and removed again in the same workshop counts for
 * nothing; an object added and then edited counts once, as added.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-recorder.h"

struct _MoatWorkshopRecorder
{
  GObject              parent_instance;

  MoatModel           *model;
  MoatWorkshopSession *session;
  gint64               started;   /* monotonic, for the duration */
  gboolean             finished;

  /* object id → GType */
  GHashTable          *added;
  GHashTable          *changed;
  GHashTable          *removed;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopRecorder, moat_workshop_recorder, G_TYPE_OBJECT)

static void
note (GHashTable *table,
      MoatObject *object)
{
  g_hash_table_insert (table, g_strdup (moat_object_get_id (object)),
                       GSIZE_TO_POINTER (G_OBJECT_TYPE (object)));
}

static void
on_changed (MoatWorkshopRecorder *self,
            MoatChange           *change)
{
  const char *id = moat_object_get_id (change->object);

  if (self->finished || MOAT_IS_WORKSHOP_SESSION (change->object))
    return;

  switch (change->kind)
    {
    case MOAT_CHANGE_ADD:
      if (!g_hash_table_remove (self->removed, id))
        note (self->added, change->object);
      break;

    case MOAT_CHANGE_REMOVE:
      g_hash_table_remove (self->changed, id);
      if (!g_hash_table_remove (self->added, id))
        note (self->removed, change->object);
      break;

    case MOAT_CHANGE_SET:
      if (!g_hash_table_contains (self->added, id))
        note (self->changed, change->object);
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
default_title (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%x");

  /* Translators: the name of a workshop session; %s is its date */
  return g_strdup_printf (_("Workshop of %s"), date);
}

/**
 * moat_workshop_recorder_new:
 * @planned_minutes: how long the session is meant to take
 *
 * Starts the record of a workshop: adds a session to @model, dated now.
 */
MoatWorkshopRecorder *
moat_workshop_recorder_new (MoatModel *model,
                            int        planned_minutes)
{
  MoatWorkshopRecorder *self;
  g_autofree char *title = default_title ();

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  self = g_object_new (MOAT_TYPE_WORKSHOP_RECORDER, NULL);
  self->model = g_object_ref (model);
  self->session = moat_workshop_session_new ();
  self->started = g_get_monotonic_time ();
  g_object_set (self->session,
                "title", title,
                "started", g_get_real_time (),
                "planned-minutes", CLAMP (planned_minutes, 1, 1440),
                NULL);

  moat_model_begin_action (model, _("Start Workshop"));
  moat_model_add (model, self->session);
  moat_model_end_action (model);

  g_signal_connect_object (model, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  return self;
}

MoatWorkshopSession *
moat_workshop_recorder_get_session (MoatWorkshopRecorder *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_RECORDER (self), NULL);

  return self->session;
}

MoatModel *
moat_workshop_recorder_get_model (MoatWorkshopRecorder *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_RECORDER (self), NULL);

  return self->model;
}

static guint
count_type (GHashTable *table,
            GType       type)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_type_is_a (GPOINTER_TO_SIZE (value), type))
      n++;
  return n;
}

/**
 * moat_workshop_recorder_count_added:
 *
 * Returns: how many objects of @type the workshop added and kept
 */
guint
moat_workshop_recorder_count_added (MoatWorkshopRecorder *self,
                                    GType                 type)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_RECORDER (self), 0);

  return count_type (self->added, type);
}

/**
 * moat_workshop_recorder_count_changed:
 *
 * Returns: how many objects of @type that were there before the
 *   workshop it changed
 */
guint
moat_workshop_recorder_count_changed (MoatWorkshopRecorder *self,
                                      GType                 type)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_RECORDER (self), 0);

  return count_type (self->changed, type);
}

/* Open questions and assumptions share a type; the team counts them
 * apart. An object no longer in the model counts as an assumption. */
static guint
count_questions (MoatWorkshopRecorder *self,
                 GHashTable           *table)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MoatAssumption *assumption;

      if (GPOINTER_TO_SIZE (value) != MOAT_TYPE_ASSUMPTION)
        continue;
      assumption = moat_model_lookup_typed (self->model, key, MOAT_TYPE_ASSUMPTION);
      if (assumption != NULL
          && moat_assumption_get_kind (assumption) == MOAT_ASSUMPTION_KIND_QUESTION)
        n++;
    }
  return n;
}

static char *
phrase (GType type,
        guint n,
        guint n_questions)
{
  if (type == MOAT_TYPE_ELEMENT)
    return g_strdup_printf (ngettext ("%u element", "%u elements", n), n);
  if (type == MOAT_TYPE_DIAGRAM)
    return g_strdup_printf (ngettext ("%u diagram", "%u diagrams", n), n);
  if (type == MOAT_TYPE_THREAT)
    return g_strdup_printf (ngettext ("%u threat", "%u threats", n), n);
  if (type == MOAT_TYPE_CONTROL)
    return g_strdup_printf (ngettext ("%u control", "%u controls", n), n);
  if (type == MOAT_TYPE_ASSET)
    return g_strdup_printf (ngettext ("%u asset", "%u assets", n), n);
  if (type == MOAT_TYPE_THREAT_ACTOR)
    return g_strdup_printf (ngettext ("%u threat actor", "%u threat actors", n), n);
  if (type == MOAT_TYPE_DISMISSAL)
    return g_strdup_printf (ngettext ("%u dismissed suggestion", "%u dismissed suggestions", n), n);
  if (type == MOAT_TYPE_ASSUMPTION && n_questions > 0 && n_questions == n)
    return g_strdup_printf (ngettext ("%u open question", "%u open questions", n), n);
  if (type == MOAT_TYPE_ASSUMPTION && n_questions > 0)
    /* Translators: assumptions and open questions together, as in "3 assumptions or questions" */
    return g_strdup_printf (ngettext ("%u assumption or question", "%u assumptions or questions", n), n);
  if (type == MOAT_TYPE_ASSUMPTION)
    return g_strdup_printf (ngettext ("%u assumption", "%u assumptions", n), n);
  if (type == MOAT_TYPE_MODEL && n > 0)
    return g_strdup (_("the business context"));
  return NULL;
}

/* One sentence per kind of edit, such as "Added: 2 threats, 1 control." */
static void
append_sentence (MoatWorkshopRecorder *self,
                 GString              *summary,
                 GHashTable           *table,
                 const char           *heading)
{
  static GType (*types[]) (void) = {
    moat_diagram_get_type, moat_element_get_type, moat_asset_get_type,
    moat_threat_actor_get_type, moat_threat_get_type, moat_control_get_type,
    moat_assumption_get_type, moat_dismissal_get_type, moat_model_get_type,
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GType type = types[i] ();
      guint n = count_type (table, type);
      char *part = n > 0 ? phrase (type, n, count_questions (self, table)) : NULL;

      if (part != NULL)
        g_ptr_array_add (parts, part);
    }
  if (parts->len == 0)
    return;

  g_ptr_array_add (parts, NULL);
  if (summary->len > 0)
    g_string_append_c (summary, ' ');
  list = g_strjoinv (", ", (char **) parts->pdata);
  g_string_append_printf (summary, heading, list);
}

/**
 * moat_workshop_recorder_dup_summary:
 *
 * Returns: (transfer full): what the workshop added, changed and
 *   removed, in words
 */
char *
moat_workshop_recorder_dup_summary (MoatWorkshopRecorder *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_val_if_fail (MOAT_IS_WORKSHOP_RECORDER (self), NULL);

  /* Translators: %s is a list of what was added, such as "2 threats, 1 control" */
  append_sentence (self, summary, self->added, _("Added: %s."));
  append_sentence (self, summary, self->changed, _("Changed: %s."));
  append_sentence (self, summary, self->removed, _("Removed: %s."));
  if (summary->len == 0)
    return g_strdup (_("Nothing was added or changed."));
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/**
 * moat_workshop_recorder_finish:
 * @stage: the stage the workshop ended at, from 0
 * @planned_minutes: the time it was given in the end
 *
 * Ends the record: the session keeps its duration, in seconds, the
 * summary of what was done, and where it ended. One step of undo, taken
 * at the end, so that the record does not crowd the team's own edits.
 * Brings the session back if someone undid its start meanwhile.
 */
void
moat_workshop_recorder_finish (MoatWorkshopRecorder *self,
                               int                   stage,
                               int                   planned_minutes)
{
  g_autofree char *summary = NULL;
  int duration;

  g_return_if_fail (MOAT_IS_WORKSHOP_RECORDER (self));

  if (self->finished)
    return;
  self->finished = TRUE;
  summary = moat_workshop_recorder_dup_summary (self);
  duration = (int) MIN ((g_get_monotonic_time () - self->started) / G_USEC_PER_SEC, 1000000000);

  moat_model_begin_action (self->model, _("End Workshop"));
  if (moat_object_get_model (MOAT_OBJECT (self->session)) != self->model)
    moat_model_add (self->model, self->session);
  g_object_set (self->session,
                "duration", duration,
                "summary", summary,
                "stage", CLAMP (stage, 0, 4),
                "planned-minutes", CLAMP (planned_minutes, 1, 1440),
                NULL);
  moat_model_end_action (self->model);
}

static void
moat_workshop_recorder_dispose (GObject *object)
{
  MoatWorkshopRecorder *self = MOAT_WORKSHOP_RECORDER (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->session);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (moat_workshop_recorder_parent_class)->dispose (object);
}

static void
moat_workshop_recorder_finalize (GObject *object)
{
  MoatWorkshopRecorder *self = MOAT_WORKSHOP_RECORDER (object);

  g_hash_table_unref (self->added);
  g_hash_table_unref (self->changed);
  g_hash_table_unref (self->removed);

  G_OBJECT_CLASS (moat_workshop_recorder_parent_class)->finalize (object);
}

static void
moat_workshop_recorder_class_init (MoatWorkshopRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_workshop_recorder_dispose;
  object_class->finalize = moat_workshop_recorder_finalize;
}

static void
moat_workshop_recorder_init (MoatWorkshopRecorder *self)
{
  self->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
