/* moat-bench.c: performance figures for the core
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one line per figure, "name value unit". Each model size runs in
 * a child process of its own so that its peak memory is its own.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-core.h"

static const guint sizes[] = { 100, 1000, 10000 };

static void
report (const char *name,
        guint       size,
        double      value,
        const char *unit)
{
  g_print ("%s_%u %.3f %s\n", name, size, value, unit);
}

static char *
id_for (const char *prefix,
        guint       n)
{
  return g_strdup_printf ("%s-%06u", prefix, n);
}

/* A model shaped like a real one: diagrams of 50 nodes, a flow between
 * neighbours, a boundary around every tenth node, two threats and one
 * control for each element. */
static MoatModel *
make_model (guint n_elements)
{
  MoatModel *model = moat_model_new ();
  g_autofree char *diagram_id = NULL;
  guint made = 0;

  g_object_set (model, "title", "Synthetic", NULL);
  moat_model_begin_action (model, "Generate");

  for (guint i = 0; made < n_elements; i++)
    {
      g_autoptr(MoatElement) element = NULL;
      g_autofree char *id = id_for ("e", made);
      MoatElementKind kind;

      if (i % 50 == 0)
        {
          g_autoptr(MoatDiagram) diagram = NULL;

          g_free (diagram_id);
          diagram_id = id_for ("d", i / 50);
          diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", diagram_id, NULL);
          g_object_set (diagram, "title", "Level", "position", (int)(i / 50), NULL);
          moat_model_add (model, diagram);
        }

      kind = (i % 10 == 9) ? MOAT_ELEMENT_BOUNDARY
           : (i % 3 == 1 && i % 50 != 1) ? MOAT_ELEMENT_FLOW
           : (i % 7 == 0) ? MOAT_ELEMENT_STORE : MOAT_ELEMENT_PROCESS;
      element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
      g_object_set (element,
                    "diagram-id", diagram_id, "kind", kind, "name", id,
                    "x", (double)(i % 10) * 180, "y", (double)((i / 10) % 5) * 140,
                    "protocol", "HTTPS", "encrypted-in-transit", i % 2 == 0,
                    NULL);
      if (kind == MOAT_ELEMENT_FLOW)
        {
          g_autofree char *source = id_for ("e", made - 1);
          g_autofree char *target = id_for ("e", made - 2);
          g_object_set (element, "source-id", source, "target-id", target, NULL);
        }
      moat_model_add (model, element);

      for (guint t = 0; t < 2; t++)
        {
          g_autoptr(MoatThreat) threat = moat_threat_new ();
          const char *ids[] = { id, NULL };

          g_object_set (threat, "title", "Tampering with data", "category", "T",
                        "element-ids", ids, "likelihood", 1 + (int)(made % 5), NULL);
          moat_model_add (model, threat);
          if (t == 0)
            {
              g_autoptr(MoatControl) control = moat_control_new ();
              const char *threat_ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };

              g_object_set (control, "title", "Sign requests", "threat-ids", threat_ids, NULL);
              moat_model_add (model, control);
            }
        }
      made++;
    }

  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));
  return model;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;
  return da < db ? -1 : da > db;
}

static void
bench_size (guint       size,
            const char *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.moat", dir, size);
  g_autofree char *copy_path = g_strdup_printf ("%s/bench-%u-copy.moat", dir, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = make_model (size);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  double best_open = G_MAXDOUBLE;
  GListModel *elements;
  gint64 start;

  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  g_clear_object (&store);
  g_clear_object (&model);

  for (guint run = 0; run < 3; run++)
    {
      g_clear_object (&store);
      start = g_get_monotonic_time ();
      store = moat_store_open (file, &error);
      g_assert_no_error (error);
      best_open = MIN (best_open, ms_since (start));
    }
  report ("open_time", size, best_open, "ms");

  /* A committed edit: one field of one element, as a rename would be. */
  model = g_object_ref (moat_store_get_model (store));
  elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, (i * 7919) % size);
      g_autofree char *name = g_strdup_printf ("Renamed %u", i);
      double ms;

      start = g_get_monotonic_time ();
      g_object_set (element, "name", name, NULL);
      ms = ms_since (start);
      g_array_append_val (latencies, ms);
    }
  g_assert_null (moat_store_get_write_error (store));
  g_array_sort (latencies, compare_doubles);
  report ("edit_latency_median", size, g_array_index (latencies, double, latencies->len / 2), "ms");
  report ("edit_latency_p99", size, g_array_index (latencies, double, latencies->len * 99 / 100), "ms");

  start = g_get_monotonic_time ();
  g_assert_true (moat_store_save_as (store, copy, &error));
  g_assert_no_error (error);
  report ("save_as_time", size, ms_since (start), "ms");

  moat_store_close (store);
  g_unlink (path);
  g_unlink (copy_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("moat-bench-XXXXXX", NULL);

  g_print ("# moat-bench %s: name value unit\n", PACKAGE_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      struct rusage usage;
      int status;
      pid_t pid;

      if (argc > 1 && (guint)atoi (argv[1]) != sizes[i])
        continue;

      pid = fork ();
      if (pid == 0)
        {
          bench_size (sizes[i], dir);
          _exit (0);
        }
      if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_printerr ("moat-bench: the run for %u elements failed\n", sizes[i]);
          return 1;
        }
      report ("peak_rss", sizes[i], usage.ru_maxrss / 1024.0, "MB");
    }

  g_rmdir (dir);
  return 0;
}
