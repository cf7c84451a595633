/* moat-bench-merge.c: the three-way merge of two large models
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "moat-bench.h"

#define N_ELEMENTS 5000
#define N_CHANGES  500
#define N_RUNS     7

static MoatModel *
copy_model (MoatModel *model)
{
  g_autofree char *json = moat_json_write (model, NULL);
  g_autoptr(GError) error = NULL;
  MoatModel *copy = moat_json_read (json, -1, &error);

  g_assert_no_error (error);
  return copy;
}

static MoatObject *
nth_element (MoatModel *model,
             guint      n)
{
  g_autofree char *id = g_strdup_printf ("e-%06u", n);

  return moat_model_lookup (model, id);
}

/* 500 changes on each side, as two branches of a busy week would make:
 * renames, moves, new tags, new and deleted elements of their own, and on 100
 * elements both sides touch, different fields (and, on 10, the same). */
static void
change_side (MoatModel *model,
             gboolean   ours)
{
  const char *tags[] = { ours ? "pci" : "gdpr", NULL };

  for (guint i = 0; i < N_CHANGES; i++)
    {
      guint n = i < 100 ? i * 7 : (ours ? 1000 : 3000) + i * 3;
      MoatObject *element = nth_element (model, n);

      if (i < 10)
        moat_model_set (model, element, "name", ours ? "Ours" : "Theirs", NULL);
      else if (i < 100 && ours)
        moat_model_set (model, element, "x", 5.0 * i, NULL);
      else if (i < 100)
        moat_model_set (model, element, "description", "Reviewed", NULL);
      else if (i % 25 == 0)
        {
          g_autoptr(MoatElement) added = g_object_new (MOAT_TYPE_ELEMENT, NULL);

          g_object_set (added, "diagram-id", moat_element_get_diagram_id (MOAT_ELEMENT (element)),
                        "kind", MOAT_ELEMENT_PROCESS, "name", "Added", NULL);
          moat_model_add (model, added);
        }
      else if (i % 25 == 1)
        moat_model_remove (model, element);
      else if (i % 3 == 0)
        moat_model_set (model, element, "name", ours ? "Renamed here" : "Renamed there", NULL);
      else if (i % 3 == 1)
        moat_model_set (model, element, "y", 10.0 * i, NULL);
      else
        moat_model_set (model, element, "tags", tags, NULL);
    }
}

/* CPU time, next to the wall-clock figure: it holds when other work
 * shares the machine. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

int
moat_bench_merge (void)
{
  g_autoptr(MoatModel) made = moat_bench_make_model (N_ELEMENTS);
  g_autoptr(MoatModel) base = copy_model (made);
  g_autoptr(MoatModel) ours = copy_model (base);
  g_autoptr(MoatModel) theirs = copy_model (base);
  double times[N_RUNS], cpu[N_RUNS];
  guint n_conflicts = 0;

  change_side (ours, TRUE);
  change_side (theirs, FALSE);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(MoatModel) result = NULL;
      g_autoptr(GPtrArray) conflicts = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      if (!moat_merge (base, ours, theirs, &result, &conflicts, &error))
        {
          g_printerr ("moat-bench: the merge failed: %s\n", error->message);
          return 1;
        }
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[run] = cpu_ms () - cpu_start;
      n_conflicts = conflicts->len;
    }

  qsort (times, N_RUNS, sizeof times[0], compare_doubles);
  qsort (cpu, N_RUNS, sizeof cpu[0], compare_doubles);
  g_print ("merge_5000_median %.3f ms\n", times[N_RUNS / 2]);
  g_print ("merge_5000_max %.3f ms\n", times[N_RUNS - 1]);
  g_print ("merge_5000_cpu_median %.3f ms\n", cpu[N_RUNS / 2]);
  g_print ("merge_5000_conflicts %u count\n", n_conflicts);
  return 0;
}
