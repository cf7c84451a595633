/* make-seeds.c: seed corpora for the fuzz targets, made at run time from
 * the samples of other tools, the example models and Moat's test model,
 * so no third-party file needs a copy in the tree.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * make-seeds OUTDIR [FILE...]
 *   FILE: samples (Threat Dragon, OTM, .tm7, Moat JSON) and .moat examples
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "moat-format.h"
#include "../moat-test-util.h"

static const char *outdir;
static guint counter;

static void
save (const char *target,
      const char *data,
      gsize       length)
{
  g_autofree char *dir = g_build_filename (outdir, target, NULL);
  g_autofree char *name = g_strdup_printf ("seed-%03u", counter++);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  if (!g_file_set_contents (path, data, length, &error))
    g_error ("%s", error->message);
}

/* Schema objects a stranger's file may carry (refused on open): seeds so
 * the fuzzer starts from them and mutates around the refusal. */
static const char * const hostile_sql[] = {
  "CREATE TRIGGER wipe AFTER UPDATE ON model BEGIN DELETE FROM threat; END;",
  "ALTER TABLE threat RENAME TO threat_real;"
  " CREATE VIEW threat AS SELECT * FROM threat_real WHERE 0;",
  "CREATE VIEW loop AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
  " SELECT i FROM n;",
  "CREATE TABLE extra (x); CREATE INDEX extra_x ON extra (x);",
};

static void
save_hostile (MoatModel *model)
{
  g_autofree char *dir = g_build_filename (outdir, "moat-file", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_sql); i++)
    {
      g_autofree char *name = g_strdup_printf ("seed-hostile-%u", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MoatStore) store = NULL;
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;

      g_mkdir_with_parents (dir, 0755);
      if (!(store = moat_store_create (file, model, &error)))
        g_error ("%s", error->message);
      moat_store_close (store);
      if (sqlite3_open (path, &db) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, hostile_sql[i], NULL, NULL, NULL) != SQLITE_OK)
        g_error ("hostile seed %u: %s", i, sqlite3_errmsg (db));
      sqlite3_close (db);
    }
}

/* Base, ours and theirs for fuzz-merge, NUL between them: each side
 * renames the first element its own way, and theirs deletes the last. */
static void
save_merge (MoatModel  *model,
            const char *json)
{
  g_autoptr(MoatModel) ours = moat_json_read (json, -1, NULL);
  g_autoptr(MoatModel) theirs = moat_json_read (json, -1, NULL);
  g_autoptr(GString) seed = g_string_new (json);
  g_autofree char *ours_json = NULL;
  g_autofree char *theirs_json = NULL;
  GListModel *elements;
  guint n;

  if (ours == NULL || theirs == NULL)
    return;
  elements = moat_model_get_list (ours, MOAT_TYPE_ELEMENT);
  if ((n = g_list_model_get_n_items (elements)) > 0)
    {
      g_autoptr(MoatObject) first = g_list_model_get_item (elements, 0);
      g_autoptr(MoatObject) last = g_list_model_get_item (elements, n - 1);
      const char *first_id = moat_object_get_id (first);

      moat_model_set (ours, first, "name", "Ours", NULL);
      moat_model_set (theirs, moat_model_lookup (theirs, first_id), "name", "Theirs", NULL);
      moat_model_remove (theirs, moat_model_lookup (theirs, moat_object_get_id (last)));
    }
  ours_json = moat_json_write (ours, NULL);
  theirs_json = moat_json_write (theirs, NULL);
  g_string_append_c (seed, '\0');
  g_string_append (seed, ours_json);
  g_string_append_c (seed, '\0');
  g_string_append (seed, theirs_json);
  save ("merge", seed->str, seed->len);
}

/* A model as every input a target can take: its own format and the
 * others, written by Moat. */
static void
save_model (MoatModel *model)
{
  g_autofree char *json = moat_json_write (model, NULL);
  g_autofree char *td = moat_format_export (model, MOAT_FORMAT_THREAT_DRAGON, NULL, NULL);
  g_autofree char *otm = moat_format_export (model, MOAT_FORMAT_OTM, NULL, NULL);
  g_autofree char *tmbom = moat_format_export (model, MOAT_FORMAT_TMBOM, NULL, NULL);
  g_autofree char *dir = g_build_filename (outdir, "moat-file", NULL);
  g_autofree char *name = g_strdup_printf ("seed-%03u", counter++);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  save ("moat-json", json, strlen (json));
  save_merge (model, json);
  save ("threat-dragon", td, strlen (td));
  save ("otm", otm, strlen (otm));
  save ("tmbom", tmbom, strlen (tmbom));

  g_mkdir_with_parents (dir, 0755);
  store = moat_store_create (file, model, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  moat_store_close (store);
}

static void
add_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;
  gsize length;
  MoatFormat format;

  if (!g_file_get_contents (path, &data, &length, &error))
    g_error ("%s", error->message);

  format = moat_format_detect (data, length);
  switch (format)
    {
    case MOAT_FORMAT_MOAT_PROJECT:
      save ("moat-file", data, length);
      return;
    case MOAT_FORMAT_THREAT_DRAGON:
      save ("threat-dragon", data, length);
      break;
    case MOAT_FORMAT_THREAT_DRAGON_V1:
      /* Both readers: a 1.x file is also a 2.x reader's odd input. */
      save ("threat-dragon-v1", data, length);
      save ("threat-dragon", data, length);
      break;
    case MOAT_FORMAT_TMBOM:
      save ("tmbom", data, length);
      break;
    case MOAT_FORMAT_OTM:
      save ("otm", data, length);
      break;
    case MOAT_FORMAT_TM7:
      save ("tm7", data, length);
      break;
    case MOAT_FORMAT_MOAT:
      save ("moat-json", data, length);
      break;
    case MOAT_FORMAT_UNKNOWN:
    default:
      /* Malformed samples are good seeds for the format they resemble. */
      save (strstr (path, "otm") ? "otm" : "threat-dragon", data, length);
      return;
    }

  model = moat_format_import (data, length, format, NULL, NULL);
  if (model != NULL)
    save_model (model);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MoatModel) sample = NULL;
  g_autoptr(MoatModel) empty = moat_model_new ();

  if (argc < 2)
    {
      g_printerr ("usage: make-seeds OUTDIR [FILE...]\n");
      return 2;
    }
  outdir = argv[1];
  g_setenv ("XDG_DATA_HOME", outdir, TRUE);

  sample = moat_test_sample_model ();
  save_model (sample);
  save_model (empty);
  save_hostile (sample);

  for (int i = 2; i < argc; i++)
    add_file (argv[i]);

  return 0;
}
