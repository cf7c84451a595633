/* moat-store-guard.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-error.h"
#include "moat-store.h"
#include "moat-store-guard.h"
#include "moat-store-schema.h"

/* The progress handler runs every PROGRESS_STEP virtual machine steps; an
 * operation may take BUDGET_STEPS of them (a billion instructions, far
 * beyond loading the largest model) before it is stopped. */
#define PROGRESS_STEP 1000
#define BUDGET_STEPS  1000000

struct _MoatStoreGuard
{
  sqlite3 *db;
  guint    ticks;
  gboolean allow_ddl;
};

static const char * const allowed_pragmas[] = {
  "application_id", "data_version", "foreign_keys", "integrity_check",
  "journal_mode", "quick_check", "synchronous", "user_version",
  "wal_checkpoint", NULL
};

static const char * const allowed_functions[] = {
  "coalesce", "count", "max", "min", NULL
};

static gboolean
in_list (const char         *name,
         const char * const *list)
{
  return name != NULL && g_strv_contains (list, name);
}

static int
authorize (void       *data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *db_name,
           const char *trigger)
{
  MoatStoreGuard *self = data;

  /* Nothing of the file's own may run: a trigger or view never reaches
   * here once disabled, but deny it should the setting be missing. */
  if (trigger != NULL)
    return SQLITE_DENY;

  switch (action)
    {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_TRANSACTION:
    case SQLITE_SAVEPOINT:
      return SQLITE_OK;
    case SQLITE_PRAGMA:
      return in_list (arg1, allowed_pragmas) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_FUNCTION:
      /* ALTER TABLE rewrites the schema with SQLite's own functions. */
      return self->allow_ddl || in_list (arg2, allowed_functions) ? SQLITE_OK : SQLITE_DENY;
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_INDEX:
    case SQLITE_ALTER_TABLE:
    case SQLITE_REINDEX: /* ALTER TABLE checks the indexes it touched */
      return self->allow_ddl ? SQLITE_OK : SQLITE_DENY;
    default:
      return SQLITE_DENY;
    }
}

static int
on_progress (void *data)
{
  MoatStoreGuard *self = data;

  return ++self->ticks > BUDGET_STEPS;
}

static void
set_limits (sqlite3 *db)
{
  /* A text may be 100,000 characters (SCHEMA.md); a change log row holds
   * two of them, each up to four bytes a character. */
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 1000000);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_limit (db, SQLITE_LIMIT_COLUMN, 200);
  sqlite3_limit (db, SQLITE_LIMIT_EXPR_DEPTH, 100);
  sqlite3_limit (db, SQLITE_LIMIT_COMPOUND_SELECT, 4);
  sqlite3_limit (db, SQLITE_LIMIT_FUNCTION_ARG, 8);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit (db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100);
  /* Foreign-key cascades run as internal triggers; the file's own never do. */
  sqlite3_limit (db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
}

static void
set_defensive (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
#ifdef SQLITE_DBCONFIG_ENABLE_VIEW
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
#endif
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, NULL);
}

/**
 * moat_store_guard_new:
 *
 * Puts @db under guard. Call before any statement touches the file.
 */
MoatStoreGuard *
moat_store_guard_new (sqlite3 *db)
{
  MoatStoreGuard *self = g_new0 (MoatStoreGuard, 1);

  self->db = db;
  set_defensive (db);
  set_limits (db);
  sqlite3_set_authorizer (db, authorize, self);
  sqlite3_progress_handler (db, PROGRESS_STEP, on_progress, self);

  return self;
}

void
moat_store_guard_free (MoatStoreGuard *self)
{
  if (self == NULL)
    return;

  sqlite3_set_authorizer (self->db, NULL, NULL);
  sqlite3_progress_handler (self->db, 0, NULL, NULL);
  g_free (self);
}

/* Only while Moat itself creates or upgrades a file. */
void
moat_store_guard_allow_ddl (MoatStoreGuard *self,
                            gboolean        allow)
{
  self->allow_ddl = allow;
}

void
moat_store_guard_reset_budget (MoatStoreGuard *self)
{
  self->ticks = 0;
}

/* ------------------------------------------------------------------ */
/* The schema check                                                    */

static const char schema_query[] =
  "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";

static char *
read_schema (sqlite3 *db,
             int     *rc)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, schema_query, -1, &stmt, NULL);
  while (*rc == SQLITE_OK && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < 4; i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);
          g_string_append (out, text ? text : "\x01");
          g_string_append_c (out, '\x02');
        }
      g_string_append_c (out, '\n');
      *rc = SQLITE_OK;
    }
  if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* The schema Moat writes for file format @version, built the way a new
 * file and its upgrades build it: once per version and process, as an
 * estate opens hundreds of files. */
static char *build_reference_schema (int version);

static const char *
reference_schema (int version)
{
  static const char *schemas[MOAT_STORE_SCHEMA_VERSION + 1];
  static GMutex lock;
  const char *schema;

  g_mutex_lock (&lock);
  if (schemas[version] == NULL)
    schemas[version] = build_reference_schema (version);
  schema = schemas[version];
  g_mutex_unlock (&lock);
  return schema;
}

static char *
build_reference_schema (int version)
{
  sqlite3 *db = NULL;
  char *schema = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, moat_schema_v1, NULL, NULL, NULL);
  for (int v = 1; rc == SQLITE_OK && v < version; v++)
    rc = sqlite3_exec (db, moat_migrations[v - 1], NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    schema = read_schema (db, &rc);
  sqlite3_close (db);

  g_assert (rc == SQLITE_OK);
  return schema;
}

/**
 * moat_store_guard_check_schema:
 * @version: the file format the file says it has
 * @name: the file's name, for the message
 *
 * Refuses a file whose tables, indexes, triggers or views are not exactly
 * those Moat writes for @version: a stranger could otherwise have planted
 * a trigger that deletes data, or a view that hides a table.
 */
gboolean
moat_store_guard_check_schema (MoatStoreGuard  *self,
                               int              version,
                               const char      *name,
                               GError         **error)
{
  const char *expected;
  g_autofree char *actual = NULL;
  int rc;

  g_return_val_if_fail (version >= 1 && version <= MOAT_STORE_SCHEMA_VERSION, FALSE);

  actual = read_schema (self->db, &rc);
  if (rc != SQLITE_OK)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT,
                        _("“%s” is damaged and cannot be read (%s)"),
                        name, sqlite3_errstr (rc)), FALSE;

  expected = reference_schema (version);
  if (g_strcmp0 (expected, actual) != 0)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_UNSAFE,
                        _("“%s” was not opened because it contains database objects "
                          "Moat did not create (such as triggers or views) that could "
                          "change or hide its content. If you trust its source, ask "
                          "them to export it to Moat JSON and import that instead."),
                        name), FALSE;

  return TRUE;
}
