/* moat-replay.c: a project file with a history, from Moat JSON
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moat JSON keeps each object's creation and last change, not its
 * history. The example estate wants change logs with real dates, so this
 * build-time tool replays a model at those dates: the diagram and its
 * assets when the model was made, each threat, control and assumption
 * when it was made (threats open, controls proposed), each decision when
 * the object last changed, each element review when it was reviewed.
 *
 * Usage: moat-replay MODEL.moat.json OUT.moat
 */

#include "config.h"

#include <stdio.h>

#include "moat-core.h"

static void
copy_model_fields (MoatModel *from,
                   MoatModel *to)
{
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (from);
  GParamSpec **fields;
  guint n;

  fields = moat_object_class_list_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (moat_param_spec_is_timestamp (fields[i]) || !(fields[i]->flags & G_PARAM_WRITABLE))
        continue;
      g_value_init (&value, fields[i]->value_type);
      g_object_get_property (G_OBJECT (from), fields[i]->name, &value);
      g_object_set_property (G_OBJECT (to), fields[i]->name, &value);
    }
}

/* The object as it was made: undecided, unreviewed. */
static MoatObject *
as_made (MoatObject *object)
{
  MoatObject *copy = moat_object_copy (object, FALSE);

  if (MOAT_IS_THREAT (copy))
    g_object_set (copy, "status", MOAT_THREAT_OPEN, NULL);
  else if (MOAT_IS_CONTROL (copy))
    g_object_set (copy, "status", MOAT_CONTROL_PROPOSED, NULL);
  else if (MOAT_IS_ELEMENT (copy))
    g_object_set (copy, "reviewed", FALSE, "reviewed-by", NULL, "reviewed-at", (gint64) 0, NULL);
  return copy;
}

static gboolean
is_structure (GType type)
{
  return type == MOAT_TYPE_DIAGRAM || type == MOAT_TYPE_ASSET ||
         type == MOAT_TYPE_THREAT_ACTOR || type == MOAT_TYPE_ELEMENT;
}

static void
add_at (MoatModel  *model,
        MoatObject *object,
        gint64      time)
{
  g_autoptr(MoatObject) copy = as_made (object);

  moat_clock_set_fixed (time);
  moat_model_begin_action (model, "Add");
  moat_model_add (model, copy);
  moat_model_end_action (model);
}

static void
replay_structure (MoatModel *source,
                  MoatModel *model)
{
  const GType *types;
  guint n_types;

  moat_clock_set_fixed (moat_object_get_created (MOAT_OBJECT (source)));
  moat_model_begin_action (model, "Draw the diagram");
  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *list = moat_model_get_list (source, types[t]);

      for (guint i = 0; is_structure (types[t]) && i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
          g_autoptr(MoatObject) copy = as_made (object);

          moat_model_add (model, copy);
        }
    }
  moat_model_end_action (model);
}

static void
replay_findings (MoatModel *source,
                 MoatModel *model)
{
  const GType *types;
  guint n_types;

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *list = moat_model_get_list (source, types[t]);

      for (guint i = 0; !is_structure (types[t]) && i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);

          add_at (model, object, moat_object_get_created (object));
        }
    }
}

static int
status_of (MoatObject *object)
{
  return MOAT_IS_THREAT (object) ? (int) moat_threat_get_status (MOAT_THREAT (object))
                                 : (int) moat_control_get_status (MOAT_CONTROL (object));
}

static void
replay_decisions (MoatModel *source,
                  MoatModel *model)
{
  GType types[] = { MOAT_TYPE_THREAT, MOAT_TYPE_CONTROL };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      GListModel *list = moat_model_get_list (source, types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
          MoatObject *target = moat_model_lookup (model, moat_object_get_id (object));
          int status = status_of (object);

          if (status == status_of (target))
            continue;
          moat_clock_set_fixed (moat_object_get_modified (object));
          moat_model_begin_action (model, "Decide");
          moat_model_set (model, target, "status", status, NULL);
          moat_model_end_action (model);
        }
    }
}

static void
replay_reviews (MoatModel *source,
                MoatModel *model)
{
  GListModel *list = moat_model_get_list (source, MOAT_TYPE_ELEMENT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);
      MoatElement *target = moat_model_lookup (model, moat_object_get_id (MOAT_OBJECT (element)));

      if (moat_element_get_reviewed_at (element) == 0)
        continue;
      moat_clock_set_fixed (moat_element_get_reviewed_at (element));
      moat_model_set_author (model, moat_element_get_reviewed_by (element));
      moat_review_mark (model, &target, 1, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) in = NULL, out = NULL;
  g_autoptr(MoatModel) source = NULL, model = NULL;
  g_autoptr(MoatStore) store = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: moat-replay MODEL.moat.json OUT.moat\n");
      return 2;
    }
  in = g_file_new_for_commandline_arg (argv[1]);
  out = g_file_new_for_commandline_arg (argv[2]);
  g_file_delete (out, NULL, NULL);
  if (!(source = moat_format_import_file (in, MOAT_FORMAT_MOAT, NULL, &error)))
    goto fail;

  moat_clock_set_fixed (moat_object_get_created (MOAT_OBJECT (source)));
  model = moat_model_new ();
  copy_model_fields (source, model);
  moat_model_set_author (model, moat_model_get_owner (source));
  if (!(store = moat_store_create (out, model, &error)))
    goto fail;

  replay_structure (source, model);
  replay_findings (source, model);
  replay_decisions (source, model);
  replay_reviews (source, model);
  if (moat_store_get_write_error (store) != NULL)
    {
      error = g_error_copy (moat_store_get_write_error (store));
      goto fail;
    }
  moat_store_close (store);
  return 0;

fail:
  fprintf (stderr, "moat-replay: %s: %s\n", argv[1], error->message);
  return 1;
}
