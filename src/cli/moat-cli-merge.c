/* moat-cli-merge.c: merge, a three-way merge of models (and git's merge driver)
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "moat-cli.h"

/* One version of the model, and its change log when it is a project file. */
typedef struct
{
  MoatModel *model;
  GPtrArray *log;
  gboolean   is_project;
} Version;

static void
version_clear (Version *v)
{
  g_clear_object (&v->model);
  g_clear_pointer (&v->log, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Version, version_clear)

static gboolean
is_sqlite (const char *path)
{
  FILE *f = g_fopen (path, "rb");
  char header[16];
  gboolean sqlite;

  if (f == NULL)
    return FALSE;
  sqlite = fread (header, 1, sizeof header, f) == sizeof header &&
           memcmp (header, "SQLite format 3", sizeof header) == 0;
  fclose (f);
  return sqlite;
}

static gboolean
is_empty_file (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0;
}

static gboolean
load_version (const char  *path,
              gboolean     may_be_empty,
              Version     *v,
              GError     **error)
{
  g_autoptr(MoatStore) store = NULL;

  /* Git gives an empty ancestor when both branches added the file. */
  if (may_be_empty && is_empty_file (path))
    {
      v->model = moat_model_new ();
      v->log = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_log_entry_free);
      return TRUE;
    }

  if (!is_sqlite (path))
    return (v->model = moat_cli_load (path, error)) != NULL;

  if (!(store = moat_cli_open (path, error)) ||
      !(v->log = moat_store_read_log (store, 0, 0, error)))
    return FALSE;
  v->model = g_object_ref (moat_store_get_model (store));
  v->is_project = TRUE;
  moat_store_close (store);
  return TRUE;
}

static gboolean
write_project (const char  *path,
               MoatModel   *model,
               Version     *ours,
               Version     *theirs,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) no_log = g_ptr_array_new ();

  log = moat_merge_logs (ours->log ? ours->log : no_log, theirs->log ? theirs->log : no_log);
  if (!(store = moat_store_create (file, model, error)) ||
      !moat_store_append_log (store, log, error))
    return FALSE;
  moat_store_close (store);
  return TRUE;
}

static void
print_conflicts (GPtrArray *conflicts)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      g_autofree char *line = moat_conflict_describe (g_ptr_array_index (conflicts, i));

      /* Translators: one conflict a merge left, on standard error */
      fprintf (stderr, _("moat-cli: conflict: %s\n"), line);
    }
  fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                "moat-cli: %u conflict is recorded in the merged model; resolve it in Moat\n",
                                "moat-cli: %u conflicts are recorded in the merged model; resolve them in Moat\n",
                                conflicts->len),
           conflicts->len);
}

int
moat_cli_merge (int    argc,
                char **argv)
{
  g_auto(Version) base = { 0, };
  g_auto(Version) ours = { 0, };
  g_auto(Version) theirs = { 0, };
  g_autoptr(MoatModel) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *text = NULL;
  gboolean as_json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("Write the merged model to FILE (it may be OURS) instead of standard output"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("List the conflicts as JSON on standard output (needs --output)"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("BASE OURS THEIRS"),
                       _("Merges two versions of a model, OURS and THEIRS, that both started from\n"
      "BASE: object by object and field by field. Changes to different objects or\n"
      "fields are all kept; lists of tags and of linked objects merge as sets.\n"
      "A field changed differently on both sides, or an object deleted on one side\n"
      "and edited or newly linked on the other, is a conflict: the merged model\n"
      "keeps it, with every side’s value, to be resolved in Moat, and each is listed\n"
      "on standard error. Exit status 1 then.\n"
      "\n"
      "The versions are project files or Moat JSON. The merged model is written in\n"
      "the form of OURS: a project file (with both sides’ change logs) or Moat JSON.\n"
      "As git’s merge driver: moat-cli merge %O %A %B -o %A (see README.md)."),
                       entries, 3, &argc, &argv, &status))
    return status;

  if (as_json && out_path == NULL)
    return moat_cli_fail_message (_("--json writes the conflicts to standard output: say where to write the model with -o FILE"));

  if (!load_version (argv[1], TRUE, &base, &error) ||
      !load_version (argv[2], FALSE, &ours, &error) ||
      !load_version (argv[3], FALSE, &theirs, &error))
    return moat_cli_fail (error);

  if (!moat_merge (base.model, ours.model, theirs.model, &merged, &conflicts, &error))
    return moat_cli_fail (error);

  if (out_path != NULL && ours.is_project)
    {
      if (!write_project (out_path, merged, &ours, &theirs, &error))
        return moat_cli_fail (error);
    }
  else
    {
      gsize length;

      text = moat_json_write (merged, &length);
      if (!moat_cli_write_output (out_path, text, length, &error))
        return moat_cli_fail (error);
    }

  if (as_json)
    {
      g_autofree char *list = moat_merge_format_conflicts_json (conflicts);

      fputs (list, stdout);
    }
  if (conflicts->len > 0)
    {
      print_conflicts (conflicts);
      return MOAT_CLI_CHECK_FAILED;
    }
  return 0;
}
