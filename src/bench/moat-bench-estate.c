/* moat-bench-estate.c: an estate of many models, summarised cold
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 500 project files of 200 elements each (400 threats, 200 controls, a
 * change log) are written first; then a fresh process, after the page
 * cache has been told to drop them, finds, reads and summarises them all.
 * Its wall time and peak memory are the figures.
 */

#include "config.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-core.h"
#include "moat-bench.h"

#define N_MODELS   500
#define N_ELEMENTS 200

/* Some history, so that the change logs are read too: every fifth
 * threat mitigated and every fourth control implemented, a month apart. */
static void
add_history (MoatModel *model)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  GListModel *controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i += 5)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);

      moat_clock_set_fixed (G_USEC_PER_SEC * (gint64) (1767225600 + i * 86400));
      moat_model_begin_action (model, "Mitigate");
      moat_model_set (model, threat, "status", MOAT_THREAT_MITIGATED, NULL);
      moat_model_end_action (model);
    }
  for (guint i = 0; i < g_list_model_get_n_items (controls); i += 4)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);

      moat_model_begin_action (model, "Implement");
      moat_model_set (model, control, "status", MOAT_CONTROL_IMPLEMENTED, NULL);
      moat_model_end_action (model);
    }
  moat_clock_set_fixed (0);
}

static void
write_estate (const char *dir)
{
  for (guint i = 0; i < N_MODELS; i++)
    {
      g_autoptr(MoatModel) model = moat_bench_make_model (N_ELEMENTS);
      g_autofree char *name = g_strdup_printf ("team-%03u/system-%03u.moat", i / 20, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *folder = g_path_get_dirname (path);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatStore) store = NULL;

      g_mkdir_with_parents (folder, 0700);
      if (!(store = moat_store_create (file, model, &error)))
        g_error ("moat-bench: %s", error->message);
      add_history (model);
      moat_store_close (store);
    }
}

/* What a cold start meets: files that are not in memory. */
static void
drop_from_cache (const char *dir)
{
  for (guint i = 0; i < N_MODELS; i++)
    {
      g_autofree char *name = g_strdup_printf ("team-%03u/system-%03u.moat", i / 20, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = open (path, O_RDONLY);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

static void
read_estate (const char *dir)
{
  g_autoptr(MoatEstate) estate = moat_estate_new ();
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) triage = NULL;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GArray) months = NULL;

  moat_estate_add_path (estate, root);
  moat_estate_load (estate, NULL, NULL);
  triage = moat_estate_triage (estate, NULL, MOAT_ESTATE_DEFAULT_STALE_DAYS);
  top = moat_estate_get_top_risks (estate, 10);
  months = moat_estate_trends_get_months (moat_estate_get_trends (estate), moat_clock_now (), 12);
  if (moat_estate_get_n_models (estate) != N_MODELS)
    g_error ("moat-bench: %u of %u models read", moat_estate_get_n_models (estate), N_MODELS);
}

static gboolean
in_child (void (*func) (const char *dir),
          const char  *dir,
          struct rusage *usage)
{
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      func (dir);
      _exit (0);
    }
  return wait4 (pid, &status, 0, usage) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rm_rf (child);
    }
  if (dir == NULL)
    g_unlink (path);
  else
    g_rmdir (path);
}

/* MOAT_BENCH_ESTATE_DIR keeps the estate between runs: writing it takes
 * minutes, reading it is the figure. */
int
moat_bench_estate (void)
{
  const char *kept = g_getenv ("MOAT_BENCH_ESTATE_DIR");
  g_autofree char *dir = kept != NULL ? g_strdup (kept) : g_dir_make_tmp ("moat-bench-estate-XXXXXX", NULL);
  g_autofree char *last = g_strdup_printf ("%s/team-%03u/system-%03u.moat", dir, (N_MODELS - 1) / 20, N_MODELS - 1);
  struct rusage usage;
  gint64 start;
  double wall;

  if (!g_file_test (last, G_FILE_TEST_EXISTS) && !in_child (write_estate, dir, &usage))
    return g_printerr ("moat-bench: writing the estate failed\n"), 1;
  drop_from_cache (dir);

  start = g_get_monotonic_time ();
  if (!in_child (read_estate, dir, &usage))
    return g_printerr ("moat-bench: reading the estate failed\n"), 1;
  wall = (g_get_monotonic_time () - start) / 1000.0;

  g_print ("estate_%ux%u_wall_time %.3f ms\n", N_MODELS, N_ELEMENTS, wall);
  g_print ("estate_%ux%u_cpu_time %.3f ms\n", N_MODELS, N_ELEMENTS,
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
  g_print ("estate_%ux%u_peak_rss %.3f MB\n", N_MODELS, N_ELEMENTS, usage.ru_maxrss / 1024.0);

  if (kept == NULL)
    rm_rf (dir);
  return 0;
}
