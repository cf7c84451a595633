/* test-store.c: the .moat project file
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "moat-store-schema.h"
#include "moat-test-util.h"

typedef struct
{
  char  *dir;
  GFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = moat_test_make_tmpdir ();
  f->file = g_file_new_build_filename (f->dir, "model.moat", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  moat_test_rm_rf (f->dir);
  g_free (f->dir);
  g_object_unref (f->file);
}

static char *
side_file (Fixture    *f,
           const char *suffix)
{
  return g_strconcat (g_file_peek_path (f->file), suffix, NULL);
}

static void
assert_no_side_files (Fixture *f)
{
  g_autofree char *wal = side_file (f, "-wal");
  g_autofree char *shm = side_file (f, "-shm");
  g_autofree char *journal = side_file (f, "-journal");
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".tmp") || g_str_has_suffix (name, "-tmp"));
}

static MoatModel *
reopen (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open_read_only (file, &error);
  MoatModel *model;

  g_assert_no_error (error);
  model = g_object_ref (moat_store_get_model (store));
  moat_store_close (store);
  return model;
}

static int
sql_int (GFile      *file,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int result = -1;

  g_assert_cmpint (sqlite3_open_v2 (g_file_peek_path (file), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

/* Every field of every type survives a save and a reopen. */
static void
test_round_trip_every_field (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_create (f->file, model, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (moat_store_get_is_draft (store));
  moat_store_close (store);
  assert_no_side_files (f);

  g_assert_cmpint (sql_int (f->file, "PRAGMA application_id"), ==, 0x4D4F4154);
  g_assert_cmpint (sql_int (f->file, "PRAGMA user_version"), ==, MOAT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (f->file, "PRAGMA foreign_key_check") , ==, -1);

  loaded = reopen (f->file);
  moat_test_assert_models_equal (model, loaded);
}

/* Each action is in the file as soon as it is done, before any close. */
static void
test_write_through (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_create (f->file, model, &error);
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  g_autoptr(MoatElement) first = g_list_model_get_item (elements, 0);
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (first)), NULL };

  g_assert_no_error (error);

  g_object_set (model, "title", "Acme “Pay”; DROP TABLE model; --", NULL);
  moat_model_set (model, first, "name", "Renamed", "x", 12.5, NULL);
  g_object_set (threat, "title", "Spoofing", "element-ids", ids, NULL);
  moat_model_add (model, threat);
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM threat"), ==, 2);
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM threat_element"), ==, 3);

  /* Deleting an element takes its flow: the file agrees at once. */
  moat_model_remove (model, first);
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM element"), ==, 1);
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM threat_element"), ==, 0);

  /* Undo is written through like any edit. */
  g_assert_true (moat_model_undo (model));
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM element"), ==, 3);
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM threat_element"), ==, 3);
  g_assert_cmpint (sql_int (f->file, "PRAGMA foreign_key_check"), ==, -1);

  /* One action, one group in the change log. */
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(DISTINCT action) FROM changelog"), ==, 5);
  g_assert_cmpint (sql_int (f->file, "SELECT COUNT(*) FROM changelog WHERE field = 'name'"), ==, 1);

  g_assert_null (moat_store_get_write_error (store));

  loaded = reopen (f->file);
  moat_test_assert_models_equal (model, loaded);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Acme “Pay”; DROP TABLE model; --");
  moat_store_close (store);
  assert_no_side_files (f);
}

static void
test_changelog_records_old_and_new (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_create (f->file, model, &error);

  g_assert_no_error (error);
  moat_model_set_author (model, "Ana Analyst");
  g_object_set (model, "owner", "Payments team", NULL);
  g_object_set (model, "owner", "Platform team", NULL);

  g_assert_cmpint (sql_int (f->file,
                            "SELECT COUNT(*) FROM changelog WHERE field = 'owner'"
                            " AND old_value = 'Payments team' AND new_value = 'Platform team'"
                            " AND author = 'Ana Analyst' AND object_kind = 'model'"), ==, 1);
}

static void
test_read_log (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_create (f->file, model, &error);
  g_autoptr(MoatAsset) asset = moat_asset_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GPtrArray) none = NULL;
  MoatLogEntry *entry;
  gint64 middle;

  g_assert_no_error (error);
  moat_model_set_author (model, "Bo");
  g_object_set (asset, "name", "Card data", NULL);
  moat_model_add (model, asset);
  g_usleep (2000);
  middle = g_get_real_time ();
  g_object_set (asset, "impact-confidentiality", 5, NULL);

  all = moat_store_read_log (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  entry = g_ptr_array_index (all, 0);
  g_assert_cmpstr (entry->object_kind, ==, "asset");
  g_assert_null (entry->field);
  g_assert_cmpstr (entry->new_value, ==, "Card data");
  g_assert_cmpstr (entry->author, ==, "Bo");
  entry = g_ptr_array_index (all, 1);
  g_assert_cmpstr (entry->field, ==, "impact-confidentiality");
  g_assert_cmpstr (entry->old_value, ==, "3");
  g_assert_cmpstr (entry->new_value, ==, "5");
  g_assert_cmpint (entry->action, >, ((MoatLogEntry *)g_ptr_array_index (all, 0))->action);

  last = moat_store_read_log (store, middle, 0, &error);
  g_assert_cmpuint (last->len, ==, 1);
  none = moat_store_read_log (store, g_get_real_time () + G_USEC_PER_SEC, 0, &error);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&last, g_ptr_array_unref);
  last = moat_store_read_log (store, 0, 1, &error);
  g_assert_cmpuint (last->len, ==, 1);
  g_assert_cmpstr (((MoatLogEntry *)g_ptr_array_index (last, 0))->field, ==, "impact-confidentiality");
}

static void
assert_open_fails (GFile *file,
                   int    code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open (file, &error);

  g_assert_null (store);
  g_assert_error (error, MOAT_ERROR, code);
  g_assert_nonnull (strstr (error->message, "“"));
  g_test_message ("%s", error->message);
}

static char *
checksum (GFile *file)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (g_file_peek_path (file), &data, &length, NULL))
    return g_strdup ("(unreadable)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *)data, length);
}

/* A file Moat cannot open gets a clear message and is left as it was. */
static void
assert_refused_untouched (Fixture *f,
                          int      code)
{
  g_autofree char *before = checksum (f->file);
  g_autofree char *after = NULL;

  assert_open_fails (f->file, code);
  after = checksum (f->file);
  g_assert_cmpstr (before, ==, after);
  assert_no_side_files (f);
}

static void
make_valid_file (Fixture *f)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatStore) store = moat_store_create (f->file, model, NULL);

  g_assert_nonnull (store);
  moat_store_close (store);
}

/* Every file opened and closed used to keep its whole model in memory:
 * a window or a CI job that opens many files grew without end. */
static void
test_closed_model_is_freed (Fixture       *f,
                            gconstpointer  data)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      MoatStore *store;
      MoatModel *model;

      make_valid_file (f);
      store = i == 0 ? moat_store_open (f->file, &error) : moat_store_open_read_only (f->file, &error);
      g_assert_no_error (error);
      model = moat_store_get_model (store);
      g_object_add_weak_pointer (G_OBJECT (model), (gpointer *)&model);
      g_object_add_weak_pointer (G_OBJECT (store), (gpointer *)&store);
      moat_store_close (store);
      g_object_unref (store);
      g_assert_null (store);
      g_assert_null (model);
    }
}

static void
test_missing_and_folder (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);

  assert_open_fails (f->file, MOAT_ERROR_NOT_FOUND);
  g_assert_false (g_file_query_exists (f->file, NULL));
  assert_open_fails (dir, MOAT_ERROR_NOT_A_FILE);
}

static void
test_foreign_sqlite (Fixture       *f,
                     gconstpointer  data)
{
  sql_exec (g_file_peek_path (f->file),
            "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');");
  assert_refused_untouched (f, MOAT_ERROR_NOT_MOAT);
}

/* SQLite checks foreign keys only on writing: a file whose references
 * lead nowhere, one id or one of a list, is refused as damaged. */
static void
test_dangling_references (Fixture       *f,
                          gconstpointer  data)
{
  const char *damage[] = {
    "PRAGMA foreign_keys = OFF; UPDATE threat SET actor_id = 'ghost';",
    "PRAGMA foreign_keys = OFF; UPDATE threat_element SET element_id = 'ghost';",
    /* Ids are unique across tables, not only within one. */
    "INSERT INTO diagram (id) SELECT id FROM threat LIMIT 1;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      make_valid_file (f);
      sql_exec (g_file_peek_path (f->file), damage[i]);
      assert_refused_untouched (f, MOAT_ERROR_CORRUPT);
    }
}

static gboolean
is_reference (GType       type,
              GParamSpec *pspec)
{
  const MoatReference *refs;
  guint n_refs;

  refs = moat_model_list_references (&n_refs);
  for (guint i = 0; i < n_refs; i++)
    if (refs[i].owner_type == type && g_str_equal (refs[i].field, pspec->name))
      return TRUE;
  return FALSE;
}

/* A reader that asks for some fields gets those, every object with its id
 * and dates, every reference, and defaults for the rest. */
static void
test_open_fields (Fixture       *f,
                  gconstpointer  data)
{
  const char * const fields[] = { "element:name", "element:internet-facing", "threat:*", NULL };
  g_autoptr(MoatModel) whole = NULL;
  g_autoptr(MoatModel) part = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const GType *types;
  guint n_types, n_read = 0, n_left = 0;

  make_valid_file (f);
  whole = reopen (f->file);
  store = moat_store_open_fields (f->file, fields, &error);
  g_assert_no_error (error);
  part = g_object_ref (moat_store_get_model (store));
  moat_store_close (store);
  assert_no_side_files (f);

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *a = moat_model_get_list (whole, types[t]);
      GListModel *b = moat_model_get_list (part, types[t]);
      g_autoptr(MoatObject) fresh = g_object_new (types[t], NULL);
      const char *kind = moat_object_get_kind_name (fresh);
      GParamSpec **specs;
      guint n_specs;

      specs = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (fresh), &n_specs);
      g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
      for (guint i = 0; i < g_list_model_get_n_items (a); i++)
        {
          g_autoptr(MoatObject) x = g_list_model_get_item (a, i);
          g_autoptr(MoatObject) y = g_list_model_get_item (b, i);

          g_assert_cmpstr (moat_object_get_id (x), ==, moat_object_get_id (y));
          g_assert_cmpint (moat_object_get_created (x), ==, moat_object_get_created (y));
          g_assert_cmpint (moat_object_get_modified (x), ==, moat_object_get_modified (y));
          for (guint j = 0; j < n_specs; j++)
            {
              g_autofree char *name = g_strdup_printf ("%s:%s", kind, specs[j]->name);
              g_autofree char *all = g_strdup_printf ("%s:*", kind);
              gboolean read = g_strv_contains (fields, name) || g_strv_contains (fields, all) ||
                              is_reference (types[t], specs[j]);
              MoatObject *expected = read ? x : fresh;

              if (!moat_value_equal (moat_object_peek_value (expected, specs[j]),
                                     moat_object_peek_value (y, specs[j])))
                g_error ("%s of %s is not %s", name, moat_object_get_id (y), read ? "read" : "left");
              if (!moat_value_equal (moat_object_peek_value (x, specs[j]),
                                     moat_object_peek_value (fresh, specs[j])))
                read ? n_read++ : n_left++;
            }
        }
    }
  /* The sample has values beyond the defaults on both sides. */
  g_assert_cmpuint (n_read, >, 0);
  g_assert_cmpuint (n_left, >, 0);
}

/* What is left unread is still checked where it matters: references. */
static void
test_open_fields_checks_references (Fixture       *f,
                                    gconstpointer  data)
{
  const char * const fields[] = { "model:title", NULL };
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_valid_file (f);
  sql_exec (g_file_peek_path (f->file), "PRAGMA foreign_keys = OFF; UPDATE threat SET actor_id = 'ghost';");
  store = moat_store_open_fields (f->file, fields, &error);
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT);
  g_assert_null (store);
}

static void
test_not_sqlite (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint8 bytes[4096];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), (char *)bytes, sizeof bytes, NULL));
  assert_refused_untouched (f, MOAT_ERROR_NOT_MOAT);

  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), "", 0, NULL));
  assert_refused_untouched (f, MOAT_ERROR_NOT_MOAT);

  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), "{\"format\": \"moat\"}", -1, NULL));
  assert_refused_untouched (f, MOAT_ERROR_NOT_MOAT);
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  make_valid_file (f);
  sql_exec (g_file_peek_path (f->file), "PRAGMA user_version = 99;");
  assert_refused_untouched (f, MOAT_ERROR_NEWER_VERSION);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  make_valid_file (f);
  g_assert_true (g_file_get_contents (g_file_peek_path (f->file), &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), contents, length / 2, NULL));
  assert_refused_untouched (f, MOAT_ERROR_CORRUPT);
}

/* Damage in the middle of a file (a bad disk, a bad copy) is reported,
 * not loaded as half a model. */
static void
test_damaged_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  make_valid_file (f);
  g_assert_true (g_file_get_contents (g_file_peek_path (f->file), &contents, &length, NULL));
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char)(i * 7);
  g_assert_true (g_file_set_contents (g_file_peek_path (f->file), contents, length, NULL));

  g_assert_null (moat_store_open (f->file, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT);
}

static void
check_unreadable (gpointer data)
{
  Fixture *f = data;
  assert_open_fails (f->file, MOAT_ERROR_PERMISSION);
}

static void
check_read_only (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open (f->file, &error);
  MoatModel *model;

  g_assert_no_error (error);
  g_assert_true (moat_store_get_read_only (store));
  model = moat_store_get_model (store);
  g_assert_nonnull (moat_model_get_title (model));

  /* An edit is kept in memory and the user is told it is not saved. */
  g_object_set (model, "title", "changed", NULL);
  g_assert_error ((GError *)moat_store_get_write_error (store), MOAT_ERROR, MOAT_ERROR_PERMISSION);
  moat_store_close (store);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_valid_file (f);
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);

  g_assert_cmpint (g_chmod (g_file_peek_path (f->file), 0000), ==, 0);
  if (!moat_test_run_unprivileged (check_unreadable, f))
    g_test_skip ("no unprivileged user to test with");

  g_assert_cmpint (g_chmod (g_file_peek_path (f->file), 0444), ==, 0);
  before = checksum (f->file);
  moat_test_run_unprivileged (check_read_only, f);
  after = checksum (f->file);
  g_assert_cmpstr (before, ==, after);
}

/* A version 1 file, as the first release of the layout wrote it, opens
 * and is brought up to date with its data intact. */
static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  const char *path = g_file_peek_path (f->file);
  g_autofree char *sql = NULL;
  g_autoptr(MoatModel) model = NULL;
  MoatElement *web;
  MoatThreat *threat;
  MoatAssumption *assumption;

  sql = g_strconcat ("PRAGMA application_id = 1297039700; PRAGMA user_version = 1;",
                     moat_schema_v1,
                     "INSERT INTO model (id, title, owner, created, modified)"
                     " VALUES ('m1', 'Legacy', 'Ops', 1000000, 2000000);"
                     "INSERT INTO diagram (id, title, position) VALUES ('d1', 'Context', 0);"
                     "INSERT INTO element (id, diagram_id, kind, name, x, y, width, height,"
                     " encrypted_in_transit, data_classification)"
                     " VALUES ('e1', 'd1', 'process', 'Web', 10, 20, 120, 60, 1, 'confidential');"
                     "INSERT INTO element (id, diagram_id, kind, name) VALUES ('e2', 'd1', 'store', 'DB');"
                     "INSERT INTO element (id, diagram_id, kind, name, source_id, target_id, points)"
                     " VALUES ('f1', 'd1', 'flow', 'SQL', 'e1', 'e2', '[[5.0,6.0]]');"
                     "INSERT INTO threat (id, title, status, likelihood, impact)"
                     " VALUES ('t1', 'SQL injection', 'open', 4, 5);"
                     "INSERT INTO threat_element VALUES ('t1', 'e1', 0);"
                     "INSERT INTO assumption (id, statement, status)"
                     " VALUES ('a1', 'The DB is not reachable from the Internet', 'unvalidated');",
                     NULL);
  sql_exec (path, sql);

  /* Looking at an old file upgrades a copy in memory, not the file. */
  model = reopen (f->file);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Legacy");
  g_assert_cmpint (sql_int (f->file, "PRAGMA user_version"), ==, 1);
  g_clear_object (&model);

  /* Opening it to edit upgrades the file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MoatStore) store = moat_store_open (f->file, &error);

    g_assert_no_error (error);
    model = g_object_ref (moat_store_get_model (store));
  }
  g_assert_cmpint (sql_int (f->file, "PRAGMA user_version"), ==, MOAT_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Legacy");
  web = moat_model_lookup_typed (model, "e1", MOAT_TYPE_ELEMENT);
  g_assert_nonnull (web);
  g_assert_true (moat_element_get_encrypted_in_transit (web));
  g_assert_cmpint (moat_element_get_data_classification (web), ==, MOAT_CLASSIFICATION_CONFIDENTIAL);
  g_assert_false (moat_element_get_reviewed (web));
  g_assert_cmpuint (g_variant_n_children (moat_element_get_points (moat_model_lookup (model, "f1"))), ==, 1);
  threat = moat_model_lookup_typed (model, "t1", MOAT_TYPE_THREAT);
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 4);
  g_assert_cmpstr (moat_threat_get_element_ids (threat)[0], ==, "e1");
  g_assert_false (moat_threat_get_needs_review (threat));
  assumption = moat_model_lookup_typed (model, "a1", MOAT_TYPE_ASSUMPTION);
  g_assert_cmpint (moat_assumption_get_kind (assumption), ==, MOAT_ASSUMPTION_KIND_ASSUMPTION);

  /* The migrated file takes the new fields. */
  {
    g_autoptr(MoatStore) store = moat_store_open (f->file, NULL);
    g_autoptr(MoatDismissal) dismissal = moat_dismissal_new ();
    MoatModel *m = moat_store_get_model (store);

    g_object_set (dismissal, "element-id", "e2", "rule-id", "r", "reason", "n/a", NULL);
    moat_model_add (m, dismissal);
    g_object_set (moat_model_lookup (m, "e1"), "reviewed", TRUE, NULL);
    g_assert_null (moat_store_get_write_error (store));
  }
  g_clear_object (&model);
  model = reopen (f->file);
  g_assert_true (moat_element_get_reviewed (moat_model_lookup (model, "e1")));
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_DISMISSAL), ==, 1);
}

/* The SQL of a version 6 file: the first layout and the steps up to 6. */
static char *
schema_v6 (void)
{
  GString *sql = g_string_new ("PRAGMA application_id = 1297039700; PRAGMA user_version = 6;");

  g_string_append (sql, moat_schema_v1);
  for (guint v = 1; v < 6; v++)
    g_string_append (sql, moat_migrations[v - 1]);
  return g_string_free (sql, FALSE);
}

static void
assert_painted (MoatModel  *model,
                const char *expected)
{
  g_autoptr(MoatGeometry) geometry = moat_geometry_new (model, "d1");
  MoatRect everything = { -1000, -1000, 4000, 4000 };
  g_autoptr(GPtrArray) all = moat_geometry_query (geometry, &everything);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < all->len; i++)
    g_string_append_printf (ids, "%s%s", i ? " " : "", moat_object_get_id (all->pdata[i]));
  g_assert_cmpstr (ids->str, ==, expected);
}

/* A version 6 file, from before elements had a z-order, is drawn as it
 * was (the order of its rows, larger boundaries under smaller ones), and
 * keeps a restacking once upgraded. */
static void
test_migrate_v6_keeps_order (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *schema = schema_v6 ();
  g_autofree char *sql = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  sql = g_strconcat (schema,
                     "INSERT INTO model (id, title) VALUES ('m1', 'Six');"
                     "INSERT INTO diagram (id, title, position) VALUES ('d1', 'Context', 0);"
                     "INSERT INTO element (id, diagram_id, kind, name, x, y, width, height) VALUES"
                     " ('p2', 'd1', 'store', 'DB', 50, 0, 100, 60),"
                     " ('b-small', 'd1', 'boundary', 'Inner', 0, 0, 200, 100),"
                     " ('p1', 'd1', 'process', 'Web', 0, 0, 100, 60),"
                     " ('b-big', 'd1', 'boundary', 'Outer', -50, -50, 400, 300);",
                     NULL);
  sql_exec (g_file_peek_path (f->file), sql);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MoatStore) store = moat_store_open (f->file, &error);
    MoatModel *m;

    g_assert_no_error (error);
    m = moat_store_get_model (store);
    g_assert_cmpint (sql_int (f->file, "PRAGMA user_version"), ==, MOAT_STORE_SCHEMA_VERSION);
    g_assert_cmpint (moat_element_get_z_order (moat_model_lookup (m, "p1")), ==, 0);
    assert_painted (m, "b-big b-small p2 p1");

    g_ptr_array_add (chosen, moat_model_lookup (m, "p2"));
    g_assert_cmpuint (moat_arrange_restack (m, chosen, TRUE), ==, 1);
    g_assert_null (moat_store_get_write_error (store));
  }
  g_assert_cmpint (sql_int (f->file, "SELECT z_order FROM element WHERE id = 'p2'"), >, 0);
  g_assert_cmpint (sql_int (f->file, "SELECT count(*) FROM element WHERE z_order IS NULL"), ==, 3);
  model = reopen (f->file);
  assert_painted (model, "b-big b-small p1 p2");
}

/* A field the file leaves NULL (a row written by an older or another
 * program) reads as a new object's default, in every table. */
static void
test_null_columns_read_as_defaults (Fixture       *f,
                                    gconstpointer  data)
{
  static const char * const set[] = { "id", "diagram-id", "kind", NULL };
  g_autoptr(MoatModel) empty = moat_model_new ();
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_create (f->file, empty, &error);
  const GType *types;
  guint n_types, n_checked = 0;

  g_assert_no_error (error);
  moat_store_close (store);
  sql_exec (g_file_peek_path (f->file),
            "INSERT INTO diagram (id) VALUES ('d1');"
            "INSERT INTO element (id, diagram_id, kind) VALUES ('e1', 'd1', 'process');"
            "INSERT INTO asset (id) VALUES ('s1');"
            "INSERT INTO threat_actor (id) VALUES ('x1');"
            "INSERT INTO threat (id) VALUES ('t1');"
            "INSERT INTO control (id) VALUES ('c1');"
            "INSERT INTO assumption (id) VALUES ('a1');");
  model = reopen (f->file);

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *list = moat_model_get_list (model, types[t]);
      g_autoptr(MoatObject) fresh = g_object_new (types[t], NULL);
      MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (fresh);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);

          for (guint p = 1; p < klass->n_pspecs; p++)
            {
              GParamSpec *pspec = klass->pspecs[p];

              if (g_strv_contains (set, pspec->name))
                continue;
              if (!moat_value_equal (moat_object_peek_value (object, pspec),
                                     moat_object_peek_value (fresh, pspec)))
                g_error ("%s %s: “%s” is not its default", G_OBJECT_TYPE_NAME (object),
                         moat_object_get_id (object), pspec->name);
              n_checked++;
            }
        }
    }
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 1);
  g_assert_cmpuint (n_checked, >, 40);
}

static guint
count_drafts (void)
{
  g_autoptr(GPtrArray) drafts = moat_store_list_drafts ();
  return drafts->len;
}

/* A new model is kept in a draft from the start; Save As moves it. */
static void
test_drafts_and_save_as (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatModel) empty = moat_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatStore) unused = NULL;
  g_autoptr(MoatModel) loaded = NULL;
  g_autoptr(GFile) draft = NULL;
  guint before = count_drafts ();

  /* A draft nobody touched leaves nothing behind. */
  unused = moat_store_new_draft (empty, &error);
  g_assert_no_error (error);
  g_assert_true (moat_store_get_is_draft (unused));
  g_assert_cmpuint (count_drafts (), ==, before + 1);
  moat_store_close (unused);
  g_assert_cmpuint (count_drafts (), ==, before);

  store = moat_store_new_draft (model, &error);
  g_assert_no_error (error);
  draft = g_object_ref (moat_store_get_file (store));
  g_object_set (model, "title", "Unsaved work", NULL);
  moat_store_close (store);
  g_clear_object (&store);

  /* The draft survives the window and is offered again. */
  g_assert_cmpuint (count_drafts (), ==, before + 1);
  store = moat_store_open (draft, &error);
  g_assert_no_error (error);
  g_assert_true (moat_store_get_is_draft (store));
  g_assert_cmpstr (moat_model_get_title (moat_store_get_model (store)), ==, "Unsaved work");

  g_assert_true (moat_store_save_as (store, f->file, &error));
  g_assert_no_error (error);
  g_assert_false (moat_store_get_is_draft (store));
  g_assert_true (g_file_equal (moat_store_get_file (store), f->file));
  g_assert_false (g_file_query_exists (draft, NULL));
  g_assert_cmpuint (count_drafts (), ==, before);

  /* Edits after Save As go to the new file. */
  g_object_set (moat_store_get_model (store), "owner", "Ana", NULL);
  moat_store_close (store);
  assert_no_side_files (f);
  loaded = reopen (f->file);
  g_assert_cmpstr (moat_model_get_title (loaded), ==, "Unsaved work");
  g_assert_cmpstr (moat_model_get_owner (loaded), ==, "Ana");
}

static void
test_save_as_replaces (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatModel) other = moat_model_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = g_file_new_build_filename (f->dir, "copy.moat", NULL);
  g_autoptr(MoatStore) store = moat_store_create (f->file, model, &error);
  g_autoptr(MoatStore) old = moat_store_create (copy, other, &error);
  g_autoptr(MoatModel) loaded = NULL;

  g_assert_no_error (error);
  moat_store_close (old);

  g_assert_true (moat_store_save_as (store, copy, &error));
  g_assert_no_error (error);
  moat_store_close (store);

  loaded = reopen (copy);
  moat_test_assert_models_equal (model, loaded);
  /* The original stays as it was saved. */
  g_clear_object (&loaded);
  loaded = reopen (f->file);
  moat_test_assert_models_equal (model, loaded);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = moat_test_make_tmpdir ();

  /* Drafts go to the user data folder: keep them out of the real one. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip-every-field", test_round_trip_every_field);
  ADD ("migrate-v6-keeps-order", test_migrate_v6_keeps_order);
  ADD ("closed-model-is-freed", test_closed_model_is_freed);
  ADD ("write-through", test_write_through);
  ADD ("changelog", test_changelog_records_old_and_new);
  ADD ("read-log", test_read_log);
  ADD ("errors/missing-and-folder", test_missing_and_folder);
  ADD ("errors/foreign-sqlite", test_foreign_sqlite);
  ADD ("errors/not-sqlite", test_not_sqlite);
  ADD ("errors/dangling-references", test_dangling_references);
  ADD ("errors/newer-version", test_newer_version);
  ADD ("errors/truncated", test_truncated);
  ADD ("errors/damaged-pages", test_damaged_pages);
  ADD ("errors/permissions", test_permissions);
  ADD ("migrate-v1", test_migrate_v1);
  ADD ("null-columns-read-as-defaults", test_null_columns_read_as_defaults);
  ADD ("open-fields", test_open_fields);
  ADD ("errors/open-fields-checks-references", test_open_fields_checks_references);
  ADD ("drafts-and-save-as", test_drafts_and_save_as);
  ADD ("save-as-replaces", test_save_as_replaces);

  {
    int ret = g_test_run ();
    moat_test_rm_rf (home);
    return ret;
  }
}
