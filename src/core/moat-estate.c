/* moat-estate.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are found first, then read on a pool of threads, each file into
 * its own slot, and ranked once all are in: the same folders give the
 * same estate in the same order whatever thread finished first.
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "moat-clock.h"
#include "moat-error.h"
#include "moat-estate.h"

struct _MoatEstate
{
  GObject           parent_instance;

  GPtrArray        *roots;      /* GFile */
  guint             overdue_days;
  gint64            now;
  GListStore       *systems;    /* MoatEstateSystem, ranked */
  MoatEstateTrends *trends;
};

G_DEFINE_FINAL_TYPE (MoatEstate, moat_estate, G_TYPE_OBJECT)

static void
moat_estate_finalize (GObject *object)
{
  MoatEstate *self = MOAT_ESTATE (object);

  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_object (&self->systems);
  g_clear_object (&self->trends);
  G_OBJECT_CLASS (moat_estate_parent_class)->finalize (object);
}

static void
moat_estate_class_init (MoatEstateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_estate_finalize;
}

static void
moat_estate_init (MoatEstate *self)
{
  self->roots = g_ptr_array_new_with_free_func (g_object_unref);
  self->overdue_days = MOAT_ESTATE_DEFAULT_OVERDUE_DAYS;
  self->systems = g_list_store_new (MOAT_TYPE_ESTATE_SYSTEM);
  self->trends = moat_estate_trends_new ();
}

MoatEstate *
moat_estate_new (void)
{
  return g_object_new (MOAT_TYPE_ESTATE, NULL);
}

/* How long a control may stay proposed or planned before it is overdue. */
void
moat_estate_set_overdue_days (MoatEstate *self,
                              guint       days)
{
  g_return_if_fail (MOAT_IS_ESTATE (self));
  self->overdue_days = days;
}

guint
moat_estate_get_overdue_days (MoatEstate *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), 0);
  return self->overdue_days;
}

/* The time ages are measured to; 0 (the default) for the time of loading. */
void
moat_estate_set_now (MoatEstate *self,
                     gint64      now)
{
  g_return_if_fail (MOAT_IS_ESTATE (self));
  self->now = now;
}

gint64
moat_estate_get_now (MoatEstate *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), 0);
  return self->now != 0 ? self->now : moat_clock_now ();
}

/* A folder to search for models, or one model file. */
void
moat_estate_add_path (MoatEstate *self,
                      GFile      *path)
{
  g_return_if_fail (MOAT_IS_ESTATE (self));
  g_return_if_fail (G_IS_FILE (path));
  g_ptr_array_add (self->roots, g_object_ref (path));
}

/* Finding the files */

typedef struct
{
  GFile    *file;
  char     *display;
  gboolean  named;     /* given by the user, not found in a folder */
} Found;

static void
found_free (Found *found)
{
  g_object_unref (found->file);
  g_free (found->display);
  g_free (found);
}

static void
add_found (GPtrArray  *found,
           GFile      *file,
           char       *display,
           gboolean    named)
{
  Found *f = g_new0 (Found, 1);

  f->file = g_object_ref (file);
  f->display = display;
  f->named = named;
  g_ptr_array_add (found, f);
}

static gboolean
is_candidate (const char *name)
{
  return g_str_has_suffix (name, ".moat") || g_str_has_suffix (name, ".json");
}

/* Hidden folders (.git) are no part of the estate, and links are not
 * followed, so that a link back up the tree cannot loop. */
static void
scan_folder (GFile        *root,
             GFile        *folder,
             GPtrArray    *found,
             GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);

      if (name[0] == '.')
        continue;
      if (type == G_FILE_TYPE_DIRECTORY)
        scan_folder (root, child, found, cancellable);
      else if (type == G_FILE_TYPE_REGULAR && is_candidate (name))
        add_found (found, child, g_file_get_relative_path (root, child), FALSE);
    }
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *x = *(Found **) a, *y = *(Found **) b;

  return g_strcmp0 (x->display, y->display);
}

/* How to show a file or folder the estate was given: from the current
 * folder when it is below it, as a person typed it. */
static char *
display_name (GFile *file)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GFile) here = g_file_new_for_path (cwd);
  char *relative = g_file_get_relative_path (here, file);

  return relative != NULL ? relative : g_file_get_parse_name (file);
}

static GPtrArray *
find_files (MoatEstate   *self,
            GCancellable *cancellable)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);

  for (guint i = 0; i < self->roots->len; i++)
    {
      GFile *root = g_ptr_array_index (self->roots, i);
      GFileType type = g_file_query_file_type (root, G_FILE_QUERY_INFO_NONE, cancellable);
      g_autoptr(GPtrArray) inside = NULL;
      g_autofree char *root_name = display_name (root);

      if (type != G_FILE_TYPE_DIRECTORY)
        {
          add_found (found, root, g_steal_pointer (&root_name), TRUE);
          continue;
        }
      inside = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);
      scan_folder (root, root, inside, cancellable);
      for (guint j = 0; j < inside->len; j++)
        {
          Found *f = g_ptr_array_index (inside, j);

          /* With several folders, each file says which it is under. */
          add_found (found, f->file, self->roots->len > 1 ? g_build_filename (root_name, f->display, NULL)
                                                          : g_strdup (f->display), FALSE);
        }
    }
  g_ptr_array_sort (found, compare_found);
  return found;
}

/* Reading them */

typedef struct
{
  GPtrArray        *found;
  MoatEstateSystem **systems;
  gint64             now;
  guint              overdue_days;
  GCancellable      *cancellable;
} Job;

/* How many files ahead of the one being read the disk is asked for. */
#define PREFETCH_AHEAD 16

/* Asks the kernel to start reading a file we will want soon. Each file
 * is read whole in the end (read-ahead does that), but a worker that
 * meets a cold file waits for the disk; asked ahead, the disk streams
 * while the processors parse, and the worker finds its file in memory. */
static void
prefetch (Job   *job,
          guint  i)
{
#ifdef POSIX_FADV_WILLNEED
  const char *path;
  int fd;

  if (i >= job->found->len)
    return;
  path = g_file_peek_path (((Found *) g_ptr_array_index (job->found, i))->file);
  if (path == NULL || (fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0)) < 0)
    return;
  posix_fadvise (fd, 0, 0, POSIX_FADV_WILLNEED);
  close (fd);
#endif
}

static void
read_one (gpointer data,
          gpointer user_data)
{
  Job *job = user_data;
  guint i = GPOINTER_TO_UINT (data) - 1;
  Found *f = g_ptr_array_index (job->found, i);

  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  prefetch (job, i + PREFETCH_AHEAD);
  job->systems[i] = moat_estate_system_load (f->file, f->display, job->now, job->overdue_days, f->named);
}

/* Twice as many threads as processors: while one waits for the disk,
 * another reads a file already there. */
static void
read_all (Job *job)
{
  guint n_threads = CLAMP (2 * g_get_num_processors (), 2, 16);
  GThreadPool *pool;

  if (job->found->len < 2)
    {
      for (guint i = 0; i < job->found->len; i++)
        read_one (GUINT_TO_POINTER (i + 1), job);
      return;
    }
  /* The pool takes files in the order they are pushed: each worker asks
   * for the file PREFETCH_AHEAD places on, these the first ones. */
  for (guint i = 0; i < PREFETCH_AHEAD; i++)
    prefetch (job, i);
  pool = g_thread_pool_new (read_one, job, n_threads, FALSE, NULL);
  for (guint i = 0; i < job->found->len; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

/* Ranking */

static int
compare_systems (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  MoatEstateSystem *x = *(MoatEstateSystem **) a, *y = *(MoatEstateSystem **) b;
  gboolean ox, oy, mx = moat_estate_system_is_model (x), my = moat_estate_system_is_model (y);
  MoatRiskLevel lx = moat_estate_system_get_rank_level (x, &ox);
  MoatRiskLevel ly = moat_estate_system_get_rank_level (y, &oy);
  guint sx = moat_estate_system_get_risk_score (x), sy = moat_estate_system_get_risk_score (y);
  int c;

  if (mx != my)
    return mx ? -1 : 1;
  if (ox != oy)
    return ox ? -1 : 1;
  if (lx != ly)
    return lx > ly ? -1 : 1;
  if (sx != sy)
    return sx > sy ? -1 : 1;
  if ((c = g_utf8_collate (moat_estate_system_get_title (x), moat_estate_system_get_title (y))) != 0)
    return c;
  return g_strcmp0 (moat_estate_system_get_path (x), moat_estate_system_get_path (y));
}

/* What one load read, before it replaces what the estate shows. */
typedef struct
{
  MoatEstateSystem **systems;
  guint              n;
} Results;

static void
results_free (Results *results)
{
  for (guint i = 0; i < results->n; i++)
    g_clear_object (&results->systems[i]);
  g_free (results->systems);
  g_free (results);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Results, results_free)

/* Finds and reads the files: safe on a worker thread, as it changes
 * nothing the estate shows. */
static Results *
collect (MoatEstate    *self,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GPtrArray) found = find_files (self, cancellable);
  g_autoptr(Results) results = g_new0 (Results, 1);
  Job job;

  results->n = found->len;
  results->systems = g_new0 (MoatEstateSystem *, found->len + 1);
  job = (Job) { found, results->systems, moat_estate_get_now (self), self->overdue_days, cancellable };
  read_all (&job);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&results);
}

static void
take_results (MoatEstate *self,
              Results    *results)
{
  g_autoptr(GPtrArray) ranked = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < results->n; i++)
    if (results->systems[i] != NULL)
      g_ptr_array_add (ranked, g_steal_pointer (&results->systems[i]));

  g_clear_object (&self->trends);
  self->trends = moat_estate_trends_new ();
  /* In file order, before ranking: the trends do not depend on the ranking. */
  for (guint i = 0; i < ranked->len; i++)
    moat_estate_trends_add_events (self->trends,
                                   moat_estate_system_get_events (g_ptr_array_index (ranked, i)));

  g_ptr_array_sort_with_data (ranked, compare_systems, NULL);
  g_list_store_splice (self->systems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->systems)),
                       ranked->pdata, ranked->len);
}

/**
 * moat_estate_load:
 *
 * Finds and reads every model under the estate's paths, replacing what
 * was read before. Files that cannot be read are systems with an error.
 *
 * Returns: %FALSE only when @cancellable was cancelled
 */
gboolean
moat_estate_load (MoatEstate    *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(Results) results = NULL;

  g_return_val_if_fail (MOAT_IS_ESTATE (self), FALSE);

  if (!(results = collect (self, cancellable, error)))
    return FALSE;
  take_results (self, results);
  return TRUE;
}

static void
load_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  Results *results = collect (source, cancellable, &error);

  if (results != NULL)
    g_task_return_pointer (task, results, (GDestroyNotify) results_free);
  else
    g_task_return_error (task, error);
}

/**
 * moat_estate_load_async:
 *
 * moat_estate_load() with the files read on worker threads. The estate
 * changes (its systems list emits items-changed) in
 * moat_estate_load_finish(), on the thread that calls it; do not change
 * its paths or settings in between.
 */
void
moat_estate_load_async (MoatEstate          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, moat_estate_load_async);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
moat_estate_load_finish (MoatEstate    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(Results) results = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(results = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  take_results (self, results);
  return TRUE;
}

/* Returns: (transfer none): the systems, MoatEstateSystem, ranked by
 * business risk: the highest open residual risk first, then the sum of
 * likelihood × impact; files that could not be read last */
GListModel *
moat_estate_get_systems (MoatEstate *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), NULL);
  return G_LIST_MODEL (self->systems);
}

static guint
count_models (MoatEstate *self,
              gboolean    models)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->systems)); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (G_LIST_MODEL (self->systems), i);

      n += moat_estate_system_is_model (system) == models;
    }
  return n;
}

guint
moat_estate_get_n_models (MoatEstate *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), 0);
  return count_models (self, TRUE);
}

guint
moat_estate_get_n_errors (MoatEstate *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), 0);
  return count_models (self, FALSE);
}

/* Returns: (transfer none) (nullable): the system read from @file */
MoatEstateSystem *
moat_estate_find_system (MoatEstate *self,
                         GFile      *file)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->systems)); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (G_LIST_MODEL (self->systems), i);

      /* The list keeps it. */
      if (g_file_equal (moat_estate_system_get_file (system), file))
        return system;
    }
  return NULL;
}

/* counts[likelihood - 1][impact - 1] of open threats across systems. */
void
moat_estate_get_heat_map (MoatEstate    *self,
                          MoatRiskBasis  basis,
                          guint          counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE])
{
  g_return_if_fail (MOAT_IS_ESTATE (self));

  memset (counts, 0, sizeof (guint) * MOAT_RISK_SCALE * MOAT_RISK_SCALE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->systems)); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (G_LIST_MODEL (self->systems), i);
      guint one[MOAT_RISK_SCALE][MOAT_RISK_SCALE];

      moat_estate_system_get_heat_map (system, basis, one);
      for (guint l = 0; l < MOAT_RISK_SCALE; l++)
        for (guint m = 0; m < MOAT_RISK_SCALE; m++)
          counts[l][m] += one[l][m];
    }
}

/* The open threats at @level on @basis, across systems. */
guint
moat_estate_get_n_open (MoatEstate    *self,
                        MoatRiskBasis  basis,
                        MoatRiskLevel  level)
{
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_ESTATE (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->systems)); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (G_LIST_MODEL (self->systems), i);

      n += moat_estate_system_get_n_open (system, basis, level);
    }
  return n;
}

static int
compare_risks (gconstpointer a,
               gconstpointer b)
{
  return moat_estate_risk_compare (*(MoatEstateRisk **) a, *(MoatEstateRisk **) b);
}

/**
 * moat_estate_get_top_risks:
 * @n: how many at most (each system keeps its ten highest)
 *
 * Returns: (transfer full) (element-type MoatEstateRisk): the highest
 *   open residual risks across systems, worst first
 */
GPtrArray *
moat_estate_get_top_risks (MoatEstate *self,
                           guint       n)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) moat_estate_risk_free);

  g_return_val_if_fail (MOAT_IS_ESTATE (self), all);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->systems)); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (G_LIST_MODEL (self->systems), i);
      GPtrArray *risks = moat_estate_system_get_risks (system);

      for (guint j = 0; j < risks->len; j++)
        g_ptr_array_add (all, moat_estate_risk_copy (g_ptr_array_index (risks, j)));
    }
  g_ptr_array_sort (all, compare_risks);
  if (all->len > n)
    g_ptr_array_set_size (all, n);
  return all;
}

/* Returns: (transfer none): the trends of every model read */
MoatEstateTrends *
moat_estate_get_trends (MoatEstate *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE (self), NULL);
  return self->trends;
}
