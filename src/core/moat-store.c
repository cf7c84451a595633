/* moat-store.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "moat-clock.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-store.h"
#include "moat-file-lock.h"
#include "moat-limits.h"
#include "moat-store-guard.h"
#include "moat-store-schema.h"
#include "moat-temp-file.h"
#include "moat-value.h"

struct _MoatStore
{
  GObject     parent_instance;

  GFile      *file;
  char       *path;
  sqlite3    *db;
  MoatModel  *model;
  GHashTable *statements;    /* SQL text -> sqlite3_stmt */
  MoatStoreGuard *guard;
  MoatFileLock *lock;        /* NULL when read-only */
  GPtrArray  *pending;       /* of MoatAction not yet in the file, oldest first */
  GError     *write_error;
  char       *read_only_reason;
  gulong      action_handler;
  gint64      next_action;
  gint64      data_version;
  MoatStoreStatus status;
  const char * const *fields; /* while opening: "kind:field" to read, NULL for all */
  guint       is_draft : 1;
  guint       read_only : 1;
};

G_DEFINE_FINAL_TYPE (MoatStore, moat_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODEL,
  PROP_IS_DRAFT,
  PROP_READ_ONLY,
  PROP_WRITE_ERROR,
  PROP_STATUS,
  N_PROPS
};

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void on_action_closed (MoatModel  *model,
                              MoatAction *action,
                              MoatStore  *self);

static void
moat_store_dispose (GObject *object)
{
  MoatStore *self = (MoatStore *)object;

  moat_store_close (self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (moat_store_parent_class)->dispose (object);
}

static void
moat_store_finalize (GObject *object)
{
  MoatStore *self = (MoatStore *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_error (&self->write_error);

  G_OBJECT_CLASS (moat_store_parent_class)->finalize (object);
}

static void
moat_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MoatStore *self = MOAT_STORE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_IS_DRAFT:
      g_value_set_boolean (value, self->is_draft);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_WRITE_ERROR:
      g_value_set_boxed (value, self->write_error);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_store_class_init (MoatStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_store_dispose;
  object_class->finalize = moat_store_finalize;
  object_class->get_property = moat_store_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DRAFT] =
    g_param_spec_boolean ("is-draft", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WRITE_ERROR] =
    g_param_spec_boxed ("write-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MOAT_TYPE_STORE_STATUS, MOAT_STORE_SAVED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatStore::write-failed:
   * @error: why
   *
   * An action could not be written. The store keeps it, and every action
   * after it, in memory and writes them in order once writing works again
   * (the next edit, or moat_store_retry()); Save As writes the model.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
moat_store_init (MoatStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_action_unref);
}

static void
close_db (MoatStore *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->guard, moat_store_guard_free);
  g_clear_pointer (&self->db, sqlite3_close);
}

/* ------------------------------------------------------------------ */
/* SQL helpers                                                         */

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

static gboolean
sql_error (MoatStore   *self,
           int          rc,
           GError     **error)
{
  g_autofree char *name = display_name (self->path);
  int code = MOAT_ERROR_WRITE;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = MOAT_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = MOAT_ERROR_PERMISSION;
      break;
    default:
      break;
    }

  if (code == MOAT_ERROR_CORRUPT)
    g_set_error (error, MOAT_ERROR, code,
                 _("“%s” is damaged and cannot be read (%s)"),
                 name, sqlite3_errmsg (self->db));
  else
    g_set_error (error, MOAT_ERROR, code,
                 _("Could not write to “%s”: %s"),
                 name, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

static sqlite3_stmt *
prepare (MoatStore   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sql_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
step_done (MoatStore     *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return sql_error (self, rc, error);

  return TRUE;
}

static gboolean
exec_sql (MoatStore   *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return sql_error (self, rc, error);

  return TRUE;
}

static char *
column_name (const char *field)
{
  return g_strdelimit (g_strdup (field), "-", '_');
}

static const MoatReference *
find_reference (GType       owner,
                const char *field)
{
  const MoatReference *refs;
  guint n_refs;

  refs = moat_model_list_references (&n_refs);
  for (guint i = 0; i < n_refs; i++)
    if (refs[i].owner_type == owner && strcmp (refs[i].field, field) == 0)
      return &refs[i];

  return NULL;
}

static gboolean
is_link (GType       owner,
         GParamSpec *pspec)
{
  const MoatReference *ref = find_reference (owner, pspec->name);

  return ref != NULL && ref->link_table != NULL;
}

static char *
variant_to_json (GVariant *variant)
{
  if (variant == NULL)
    return NULL;

  return json_gvariant_serialize_data (variant, NULL);
}

static GEnumClass *
enum_class (GType type)
{
  /* Enum classes of static types are never unloaded; keep a reference. */
  GEnumClass *klass = g_type_class_peek (type);

  return klass ? klass : g_type_class_ref (type);
}

static const char *
enum_nick (GType type,
           int   value)
{
  GEnumValue *ev = g_enum_get_value (enum_class (type), value);

  return ev ? ev->value_nick : NULL;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            GType         owner,
            GParamSpec   *pspec,
            const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    {
      const char *str = g_value_get_string (value);

      /* An unset reference is NULL, which foreign keys accept. */
      if (str == NULL || (str[0] == '\0' && find_reference (owner, pspec->name)))
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, str, -1, SQLITE_TRANSIENT);
    }
  else if (type == G_TYPE_BOOLEAN)
    sqlite3_bind_int (stmt, index, g_value_get_boolean (value));
  else if (type == G_TYPE_INT)
    sqlite3_bind_int (stmt, index, g_value_get_int (value));
  else if (type == G_TYPE_INT64)
    sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value));
  else if (type == G_TYPE_DOUBLE)
    sqlite3_bind_double (stmt, index, g_value_get_double (value));
  else if (G_TYPE_IS_ENUM (type))
    sqlite3_bind_text (stmt, index, enum_nick (type, g_value_get_enum (value)), -1, SQLITE_STATIC);
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_new_strv (strv, strv ? -1 : 0));
      sqlite3_bind_text (stmt, index, variant_to_json (v), -1, g_free);
    }
  else if (type == G_TYPE_VARIANT)
    {
      char *json = variant_to_json (g_value_get_variant (value));

      if (json == NULL)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_text (stmt, index, json, -1, g_free);
    }
  else
    g_assert_not_reached ();
}

/* Text as the user wrote it; bytes that are not UTF-8 (a damaged file) are
 * replaced rather than refusing the whole model over one field. */
static char *
column_utf8 (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *)sqlite3_column_text (stmt, col);
  int length = sqlite3_column_bytes (stmt, col);

  if (text == NULL)
    return NULL;
  if (g_utf8_validate_len (text, length, NULL) && memchr (text, '\0', length) == NULL)
    return g_strdup (text);
  return g_utf8_make_valid (text, length);
}

/* Reads one column into @value (initialised to the field's type). NULL
 * leaves the field's default. Returns %FALSE for data that is not a valid
 * value of the field. */
static gboolean
column_value (sqlite3_stmt *stmt,
              int           col,
              GParamSpec   *pspec,
              GValue       *value)
{
  GType type = pspec->value_type;
  const char *text;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return TRUE;

  if (type == G_TYPE_STRING)
    g_value_take_string (value, column_utf8 (stmt, col));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, col) != 0);
  else if (type == G_TYPE_INT)
    g_value_set_int (value, sqlite3_column_int (stmt, col));
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, col));
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, sqlite3_column_double (stmt, col));
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *ev;

      text = (const char *)sqlite3_column_text (stmt, col);
      ev = g_enum_get_value_by_nick (enum_class (type), text);
      if (ev == NULL)
        return FALSE;
      g_value_set_enum (value, ev->value);
    }
  else if (type == G_TYPE_STRV &&
           g_strcmp0 ((const char *)sqlite3_column_text (stmt, col), "[]") == 0)
    /* Most lists are empty: no parser, no variant to say so. */
    g_value_take_boxed (value, g_new0 (char *, 1));
  else if (type == G_TYPE_STRV || type == G_TYPE_VARIANT)
    {
      g_autofree char *sig = type == G_TYPE_STRV
        ? g_strdup ("as")
        : g_variant_type_dup_string (G_PARAM_SPEC_VARIANT (pspec)->type);
      g_autoptr(GVariant) v = NULL;

      text = (const char *)sqlite3_column_text (stmt, col);
      /* Most lists are empty, and the parser is slow to say so. */
      if (g_strcmp0 (text, "[]") == 0 && g_variant_type_is_array (G_VARIANT_TYPE (sig)))
        v = g_variant_new_array (g_variant_type_element (G_VARIANT_TYPE (sig)), NULL, 0);
      else
        v = json_gvariant_deserialize_data (text, -1, sig, NULL);
      if (v != NULL)
        g_variant_ref_sink (v);
      if (v == NULL)
        return FALSE;
      if (type == G_TYPE_STRV)
        g_value_take_boxed (value, g_variant_dup_strv (v, NULL));
      else
        g_value_set_variant (value, v);
    }
  else
    return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static char *
insert_sql (MoatObjectClass *klass)
{
  GString *sql = g_string_new ("INSERT INTO ");
  GString *params = g_string_new ("?1, ?2, ?3");
  GParamSpec **fields;
  guint n_fields, n = 3;

  g_string_append_printf (sql, "%s (id, created, modified",
                          moat_object_class_get_kind_name (klass));
  fields = moat_object_class_list_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *col = NULL;

      if (is_link (G_TYPE_FROM_CLASS (klass), fields[i]))
        continue;
      col = column_name (fields[i]->name);
      g_string_append_printf (sql, ", %s", col);
      g_string_append_printf (params, ", ?%u", ++n);
    }
  g_string_append_printf (sql, ") VALUES (%s)", params->str);
  g_string_free (params, TRUE);

  return g_string_free (sql, FALSE);
}

static gboolean
write_links (MoatStore            *self,
             MoatObject           *object,
             const MoatReference  *ref,
             const char * const   *ids,
             GError              **error)
{
  MoatObjectClass *owner = moat_object_class_for_type (ref->owner_type);
  MoatObjectClass *target = moat_object_class_for_type (ref->target_type);
  const char *owner_kind = moat_object_class_get_kind_name (owner);
  const char *target_kind = moat_object_class_get_kind_name (target);
  g_autofree char *del = NULL;
  g_autofree char *ins = NULL;
  sqlite3_stmt *stmt;

  del = g_strdup_printf ("DELETE FROM %s WHERE %s_id = ?1", ref->link_table, owner_kind);
  if (!(stmt = prepare (self, del, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, moat_object_get_id (object), -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;

  ins = g_strdup_printf ("INSERT INTO %s (%s_id, %s_id, position) VALUES (?1, ?2, ?3)",
                         ref->link_table, owner_kind, target_kind);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      if (!(stmt = prepare (self, ins, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, moat_object_get_id (object), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, ids[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_insert (MoatStore   *self,
              MoatObject  *object,
              GError     **error)
{
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (object);
  GType type = G_OBJECT_TYPE (object);
  g_autofree char *sql = insert_sql (klass);
  GParamSpec **fields;
  guint n_fields, n = 3;
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, moat_object_get_id (object), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, moat_object_get_created (object));
  sqlite3_bind_int64 (stmt, 3, moat_object_get_modified (object));

  fields = moat_object_class_list_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!is_link (type, fields[i]))
      bind_value (stmt, ++n, type, fields[i], moat_object_peek_value (object, fields[i]));

  if (!step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      const MoatReference *ref = find_reference (type, fields[i]->name);

      if (ref != NULL && ref->link_table != NULL &&
          !write_links (self, object, ref,
                        g_value_get_boxed (moat_object_peek_value (object, fields[i])),
                        error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_update (MoatStore   *self,
              MoatObject  *object,
              GParamSpec  *pspec,
              GError     **error)
{
  GType type = G_OBJECT_TYPE (object);
  const MoatReference *ref = find_reference (type, pspec->name);
  const GValue *value = moat_object_peek_value (object, pspec);
  g_autofree char *col = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (ref != NULL && ref->link_table != NULL)
    {
      if (!write_links (self, object, ref, g_value_get_boxed (value), error))
        return FALSE;
      col = NULL;
      sql = g_strdup_printf ("UPDATE %s SET modified = ?1 WHERE id = ?2",
                             moat_object_get_kind_name (object));
      if (!(stmt = prepare (self, sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, moat_object_get_modified (object));
      sqlite3_bind_text (stmt, 2, moat_object_get_id (object), -1, SQLITE_STATIC);
      return step_done (self, stmt, error);
    }

  col = column_name (pspec->name);
  sql = g_strdup_printf ("UPDATE %s SET %s = ?1, modified = ?2 WHERE id = ?3",
                         moat_object_get_kind_name (object), col);
  if (!(stmt = prepare (self, sql, error)))
    return FALSE;

  /* The value written is the object's current one: an action's later
   * changes to the same field are folded into its first. */
  bind_value (stmt, 1, type, pspec, value);
  sqlite3_bind_int64 (stmt, 2, moat_object_get_modified (object));
  sqlite3_bind_text (stmt, 3, moat_object_get_id (object), -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static gboolean
write_delete (MoatStore   *self,
              MoatObject  *object,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1",
                                          moat_object_get_kind_name (object));
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, moat_object_get_id (object), -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static gboolean
write_log (MoatStore   *self,
           const char  *label,
           MoatChange  *change,
           gint64       now,
           GError     **error)
{
  static const char sql[] =
    "INSERT INTO changelog (action, time, author, label, object_id, object_kind,"
    " field, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->next_action);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, moat_model_get_author (self->model), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, label, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, moat_object_get_id (change->object), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, moat_object_get_kind_name (change->object), -1, SQLITE_STATIC);

  switch (change->kind)
    {
    case MOAT_CHANGE_SET:
      {
        sqlite3_bind_text (stmt, 7, change->pspec->name, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 8, moat_value_to_text (change->pspec, &change->old_value), -1, g_free);
        sqlite3_bind_text (stmt, 9, moat_value_to_text (change->pspec, &change->new_value), -1, g_free);
      }
      break;

    case MOAT_CHANGE_ADD:
      sqlite3_bind_text (stmt, 9, moat_object_get_label (change->object), -1, SQLITE_TRANSIENT);
      break;

    case MOAT_CHANGE_REMOVE:
      sqlite3_bind_text (stmt, 8, moat_object_get_label (change->object), -1, SQLITE_TRANSIENT);
      break;

    default:
      g_assert_not_reached ();
    }

  return step_done (self, stmt, error);
}

static gboolean
write_model_row (MoatStore  *self,
                 GError    **error)
{
  if (!exec_sql (self, "DELETE FROM model", error))
    return FALSE;

  return write_insert (self, MOAT_OBJECT (self->model), error);
}

/* Writes the whole model over whatever the file holds, in the caller's
 * transaction: for a new file, and to recover after a failed write. */
static gboolean
write_all (MoatStore  *self,
           GError    **error)
{
  const GType *types;
  guint n_types;

  types = moat_model_list_types (&n_types);
  for (guint i = n_types; i > 0; i--)
    {
      MoatObjectClass *klass = g_type_class_ref (types[i - 1]);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s",
                                              moat_object_class_get_kind_name (klass));
      g_type_class_unref (klass);
      if (!exec_sql (self, sql, error))
        return FALSE;
    }

  if (!write_model_row (self, error))
    return FALSE;

  for (guint i = 0; i < n_types; i++)
    {
      GListModel *list = moat_model_get_list (self->model, types[i]);
      guint n = g_list_model_get_n_items (list);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, j);

          if (!write_insert (self, object, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_change (MoatStore   *self,
              MoatChange  *change,
              GError     **error)
{
  if (change->object == MOAT_OBJECT (self->model))
    return change->kind != MOAT_CHANGE_SET ||
           write_update (self, change->object, change->pspec, error);

  switch (change->kind)
    {
    case MOAT_CHANGE_ADD:
      return write_insert (self, change->object, error);
    case MOAT_CHANGE_REMOVE:
      return write_delete (self, change->object, error);
    case MOAT_CHANGE_SET:
      /* An object added and removed within one action never reached the
       * file, and one removed later in the action has no row to update. */
      if (moat_object_get_model (change->object) != self->model)
        return TRUE;
      return write_update (self, change->object, change->pspec, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_action (MoatStore   *self,
              MoatAction  *action,
              GError     **error)
{
  gint64 now = moat_clock_now ();
  sqlite3_stmt *stmt;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < action->changes->len; i++)
    if (!write_change (self, g_ptr_array_index (action->changes, i), error))
      goto rollback;

  if (!(stmt = prepare (self, "UPDATE model SET modified = ?1", error)))
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, moat_object_get_modified (MOAT_OBJECT (self->model)));
  if (!step_done (self, stmt, error))
    goto rollback;

  for (guint i = 0; i < action->changes->len; i++)
    if (!write_log (self, action->label, g_ptr_array_index (action->changes, i), now, error))
      goto rollback;

  if (!exec_sql (self, "COMMIT", error))
    goto rollback;

  self->next_action++;
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
set_status (MoatStore       *self,
            MoatStoreStatus  status,
            GError          *error)
{
  gboolean changed = (error != NULL) != (self->write_error != NULL) ||
                     (error != NULL && g_strcmp0 (error->message, self->write_error->message) != 0);

  g_clear_error (&self->write_error);
  self->write_error = error;
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITE_ERROR]);
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (error != NULL)
    g_signal_emit (self, signals[WRITE_FAILED], 0, error);
}

static gint64
query_data_version (MoatStore *self)
{
  sqlite3_stmt *stmt = prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return version;
}

static gboolean
write_pending (MoatStore  *self,
               GError    **error)
{
  moat_store_guard_reset_budget (self->guard);
  while (self->pending->len > 0)
    {
      if (!write_action (self, g_ptr_array_index (self->pending, 0), error))
        return FALSE;
      g_ptr_array_remove_index (self->pending, 0);
    }

  return TRUE;
}

static GError *
read_only_error (MoatStore *self)
{
  return g_error_new (MOAT_ERROR, MOAT_ERROR_PERMISSION, "%s",
                      self->read_only_reason ? self->read_only_reason : "");
}

/* Writes every action not yet in the file, in order, or says why not;
 * nothing is ever written over what another program put in the file. */
static void
flush (MoatStore *self)
{
  g_autoptr(GError) error = NULL;

  if (self->status == MOAT_STORE_CHANGED)
    {
      g_signal_emit (self, signals[WRITE_FAILED], 0, self->write_error);
      return;
    }
  if (self->db == NULL || self->read_only)
    {
      set_status (self, MOAT_STORE_READ_ONLY, read_only_error (self));
      return;
    }
  if (!moat_store_check_place (self))
    return;

  if (!write_pending (self, &error))
    {
      set_status (self, MOAT_STORE_FAILING, g_steal_pointer (&error));
      return;
    }

  self->data_version = query_data_version (self);
  set_status (self, MOAT_STORE_SAVED, NULL);
}

static void
on_action_closed (MoatModel  *model,
                  MoatAction *action,
                  MoatStore  *self)
{
  g_ptr_array_add (self->pending, moat_action_ref (action));
  flush (self);
}

/* ------------------------------------------------------------------ */
/* Opening and loading                                                 */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* Looks at the file before SQLite touches it, so that a foreign, newer or
 * damaged file is refused without being changed in any way. */
static goffset
side_file_size (const char *path,
                const char *suffix)
{
  g_autofree char *side = path ? g_strconcat (path, suffix, NULL) : NULL;
  GStatBuf st;

  return side != NULL && g_stat (side, &st) == 0 ? st.st_size : -1;
}

/* A file whose last edits are still in its write-ahead log (a process that
 * stopped on a full disk, say) is whole once SQLite reads the two. */
static gboolean
has_log (const char *path)
{
  return side_file_size (path, "-wal") > 0;
}

static gboolean
check_file (GFile     *file,
            gboolean  *writable,
            gboolean  *wal,
            GError   **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  guint8 header[100];
  gsize n_read = 0;
  guint32 page_size, page_count, version;
  goffset size;

  name = g_file_peek_path (file) ? display_name (g_file_peek_path (file))
                                : g_file_get_basename (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_READ ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_FOUND,
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, MOAT_ERROR, MOAT_ERROR_PERMISSION,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_A_FILE,
                        _("“%s” is a folder, not a Moat model"), name), FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_A_FILE,
                        _("“%s” is not a regular file"), name), FALSE;
  if (!g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_READ))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_PERMISSION,
                        _("You do not have permission to read “%s”"), name), FALSE;

  *writable = g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
  size = g_file_info_get_size (info);

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                &n_read, NULL, &local_error))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_PERMISSION,
                        _("Could not read “%s”: %s"), name,
                        local_error->message), FALSE;

  if (n_read < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                        _("“%s” is not a Moat model"), name), FALSE;
  if (read_be32 (header + 68) != MOAT_STORE_APPLICATION_ID)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                        _("“%s” is a database of another application, not a Moat model"),
                        name), FALSE;

  *wal = header[18] == 2 || header[19] == 2;
  version = read_be32 (header + 60);
  if (version > MOAT_STORE_SCHEMA_VERSION)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NEWER_VERSION,
                        _("“%s” was saved by a newer version of Moat (file format %u; "
                          "this version reads up to %u). Update Moat to open it."),
                        name, version, MOAT_STORE_SCHEMA_VERSION), FALSE;
  if (version == 0)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT,
                        _("“%s” is damaged: it has no file format version"), name), FALSE;

  /* The header's page count is valid when the two change counters agree. */
  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  if (read_be32 (header + 24) == read_be32 (header + 92) &&
      (goffset)page_size * page_count > size && !has_log (g_file_peek_path (file)))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT,
                        _("“%s” is damaged: it is shorter than it should be, "
                          "perhaps cut off while being copied"), name), FALSE;

  return TRUE;
}

static gboolean
configure_db (MoatStore  *self,
              GError    **error)
{
  sqlite3_busy_timeout (self->db, 2000);
  sqlite3_extended_result_codes (self->db, 1);

  /* WAL with synchronous=FULL: each commit is durable and a killed
   * process leaves a file SQLite recovers on the next open. */
  return exec_sql (self, "PRAGMA foreign_keys = ON;", error) &&
         (self->read_only ||
          exec_sql (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;", error));
}

static gboolean
open_db (MoatStore   *self,
         const char  *target,
         int          flags,
         GError     **error)
{
  int rc;

  rc = sqlite3_open_v2 (target, &self->db, flags | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      sql_error (self, rc, error);
      close_db (self);
      return FALSE;
    }

  self->guard = moat_store_guard_new (self->db);
  if (!configure_db (self, error))
    {
      close_db (self);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (MoatStore  *self,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int result = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

static gboolean
migrate (MoatStore  *self,
         int         from,
         GError    **error)
{
  g_autofree char *sql = NULL;

  if (from == MOAT_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  moat_store_guard_allow_ddl (self->guard, TRUE);
  for (int v = from; v < MOAT_STORE_SCHEMA_VERSION; v++)
    if (!exec_sql (self, moat_migrations[v - 1], error))
      goto rollback;
  moat_store_guard_allow_ddl (self->guard, FALSE);

  sql = g_strdup_printf ("PRAGMA user_version = %d", MOAT_STORE_SCHEMA_VERSION);
  if (!exec_sql (self, sql, error) || !exec_sql (self, "COMMIT", error))
    goto rollback;

  return TRUE;

rollback:
  moat_store_guard_allow_ddl (self->guard, FALSE);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
corrupt (MoatStore   *self,
         const char  *what,
         GError     **error)
{
  g_autofree char *name = display_name (self->path);

  g_set_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT,
               _("“%s” is damaged: %s"), name, what);
  return FALSE;
}

typedef struct
{
  GParamSpec *pspec; /* NULL for id, created, modified and unknown columns */
  int         special;
} ColumnMap;

enum { COL_FIELD, COL_ID, COL_CREATED, COL_MODIFIED, COL_UNKNOWN };

static ColumnMap *
map_columns (sqlite3_stmt *stmt,
             GType         type)
{
  GObjectClass *klass = G_OBJECT_CLASS (moat_object_class_for_type (type));
  int n = sqlite3_column_count (stmt);
  ColumnMap *map = g_new0 (ColumnMap, n);

  for (int i = 0; i < n; i++)
    {
      const char *col = sqlite3_column_name (stmt, i);
      g_autofree char *field = g_strdelimit (g_strdup (col), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (klass, field);

      if (g_str_equal (col, "id"))
        map[i].special = COL_ID;
      else if (g_str_equal (col, "created"))
        map[i].special = COL_CREATED;
      else if (g_str_equal (col, "modified"))
        map[i].special = COL_MODIFIED;
      else if (pspec != NULL && pspec->owner_type == type)
        map[i].pspec = pspec;
      else
        map[i].special = COL_UNKNOWN;
    }

  return map;
}

static MoatObject *
load_row (MoatStore    *self,
          sqlite3_stmt *stmt,
          GType         type,
          ColumnMap    *map,
          MoatObject   *into,
          GError      **error)
{
  g_autoptr(MoatObject) object = into ? g_object_ref (into) : NULL;
  gint64 created = 0, modified = 0;
  int n = sqlite3_column_count (stmt);
  guint n_fields;
  GValue *values;

  for (int i = 0; i < n && object == NULL; i++)
    if (map[i].special == COL_ID)
      {
        const char *id = (const char *)sqlite3_column_text (stmt, i);

        if (id == NULL || id[0] == '\0')
          return corrupt (self, _("an object has no id"), error), NULL;
        if (!g_utf8_validate (id, -1, NULL))
          return corrupt (self, _("an object’s id is not text"), error), NULL;
        object = g_object_new (type, "id", id, NULL);
      }

  if (object == NULL)
    return corrupt (self, _("a table has no id column"), error), NULL;

  /* The fields are read first and handed over together: a field the
   * file leaves NULL gets its default, and no field is set twice. */
  n_fields = MOAT_OBJECT_GET_CLASS (object)->n_pspecs;
  values = g_newa (GValue, n_fields);
  memset (values, 0, sizeof (GValue) * n_fields);
  for (int i = 0; i < n; i++)
    {
      GValue *value;

      if (map[i].special == COL_CREATED)
        created = sqlite3_column_int64 (stmt, i);
      else if (map[i].special == COL_MODIFIED)
        modified = sqlite3_column_int64 (stmt, i);
      if (map[i].pspec == NULL || sqlite3_column_type (stmt, i) == SQLITE_NULL)
        continue;

      value = &values[map[i].pspec->param_id];
      if (G_IS_VALUE (value))
        g_value_unset (value);
      g_value_init (value, map[i].pspec->value_type);
      if (!column_value (stmt, i, map[i].pspec, value))
        {
          g_autofree char *what =
            g_strdup_printf (_("the field “%s” of %s “%s” holds an invalid value"),
                             map[i].pspec->name, moat_object_get_kind_name (object),
                             moat_object_get_id (object));
          for (guint j = 0; j < n_fields; j++)
            if (G_IS_VALUE (&values[j]))
              g_value_unset (&values[j]);
          return corrupt (self, what, error), NULL;
        }
    }

  _moat_object_load_values (object, values);
  _moat_object_set_timestamps (object, created, modified);
  return g_steal_pointer (&object);
}

static gboolean
is_wanted (const char * const *fields,
           const char          *kind,
           GParamSpec          *pspec)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *colon = strchr (fields[i], ':');

      if (colon != NULL && strlen (kind) == (gsize) (colon - fields[i]) &&
          strncmp (fields[i], kind, colon - fields[i]) == 0 &&
          (strcmp (colon + 1, "*") == 0 || strcmp (colon + 1, pspec->name) == 0))
        return TRUE;
    }
  return FALSE;
}

/* What to read of a table: every column, or those asked for with the
 * object's id and dates and every reference, so that what it refers to
 * is checked as when the whole file is read. The names are Moat's own,
 * not the file's. */
static char *
select_sql (MoatStore       *self,
            MoatObjectClass *klass)
{
  const char *kind = moat_object_class_get_kind_name (klass);
  GType type = G_TYPE_FROM_CLASS (klass);
  g_autoptr(GString) sql = NULL;
  GParamSpec **fields;
  guint n_fields;

  if (self->fields == NULL)
    return g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", kind);

  sql = g_string_new ("SELECT id, created, modified");
  fields = moat_object_class_list_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const MoatReference *ref = find_reference (type, fields[i]->name);
      g_autofree char *col = NULL;

      if (ref != NULL ? ref->link_table != NULL : !is_wanted (self->fields, kind, fields[i]))
        continue;
      col = column_name (fields[i]->name);
      g_string_append_printf (sql, ", %s", col);
    }
  g_string_append_printf (sql, " FROM %s ORDER BY rowid", kind);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
load_table (MoatStore   *self,
            MoatModel   *model,
            GType        type,
            GError     **error)
{
  MoatObjectClass *klass = moat_object_class_for_type (type);
  g_autofree char *sql = select_sql (self, klass);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree ColumnMap *map = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sql_error (self, rc, error);

  map = map_columns (stmt, type);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MoatObject *object = load_row (self, stmt, type, map, NULL, error);

      if (object == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (objects, object);
    }

  if (ok && rc != SQLITE_DONE)
    ok = sql_error (self, rc, error);
  if (ok && !_moat_model_insert_loaded_all (model, type, (MoatObject **) objects->pdata, objects->len))
    ok = corrupt (self, _("two objects share one id"), error);

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
load_links (MoatStore           *self,
            MoatModel           *model,
            const MoatReference *ref,
            GError             **error)
{
  MoatObjectClass *owner = moat_object_class_for_type (ref->owner_type);
  MoatObjectClass *target = moat_object_class_for_type (ref->target_type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (owner), ref->field);
  g_autofree char *sql = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;
  g_autofree char *current = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT %s_id, %s_id FROM %s ORDER BY %s_id, position",
                         moat_object_class_get_kind_name (owner),
                         moat_object_class_get_kind_name (target),
                         ref->link_table,
                         moat_object_class_get_kind_name (owner));
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sql_error (self, rc, error);

  for (;;)
    {
      const char *owner_id = NULL;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        owner_id = (const char *)sqlite3_column_text (stmt, 0);

      if (current != NULL && g_strcmp0 (owner_id, current) != 0)
        {
          MoatObject *object = moat_model_lookup (model, current);
          GValue value = G_VALUE_INIT;

          if (object != NULL && G_OBJECT_TYPE (object) == ref->owner_type)
            {
              g_value_init (&value, G_TYPE_STRV);
              g_value_take_boxed (&value, g_strv_builder_end (ids));
              _moat_object_load_value (object, pspec, &value);
            }
          g_clear_pointer (&ids, g_strv_builder_unref);
          g_clear_pointer (&current, g_free);
        }

      if (rc != SQLITE_ROW)
        break;

      if (current == NULL)
        {
          current = g_strdup (owner_id);
          ids = g_strv_builder_new ();
        }
      if (sqlite3_column_text (stmt, 1) != NULL
          && g_utf8_validate ((const char *)sqlite3_column_text (stmt, 1), -1, NULL))
        g_strv_builder_add (ids, (const char *)sqlite3_column_text (stmt, 1));
    }

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_error (self, rc, error);

  return TRUE;
}

/* SQLite checks foreign keys and NOT NULL when rows are written, not when
 * they are read: a damaged file can hold references to objects it does
 * not have, or elements without their diagram or a flow without its ends.
 * Such a model would break whatever follows them, so it is refused, as
 * moat_json_read() refuses the same in a JSON file. */
static gboolean
reference_is_held (MoatObject          *object,
                   const MoatReference *ref,
                   const char          *id,
                   gpointer             model)
{
  return moat_model_lookup_typed (model, id, ref->target_type) != NULL;
}

static gboolean
check_references (MoatStore  *self,
                  MoatModel  *model,
                  GError    **error)
{
  if (!moat_model_foreach_reference (model, reference_is_held, model))
    return corrupt (self, _("it refers to objects it does not hold"), error);

  return TRUE;
}

static gboolean
check_elements (MoatStore  *self,
                MoatModel  *model,
                GError    **error)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);

      if (moat_element_get_diagram_id (element) == NULL ||
          (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW &&
           (moat_element_get_source_id (element) == NULL ||
            moat_element_get_target_id (element) == NULL)))
        return corrupt (self, _("a diagram element has lost its place"), error);
    }

  return TRUE;
}

static MoatModel *
load_model (MoatStore  *self,
            GError    **error)
{
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatObject) filled = NULL;
  g_autofree ColumnMap *map = NULL;
  const MoatReference *refs;
  const GType *types;
  guint n_types, n_refs;
  sqlite3_stmt *stmt = NULL;
  const char *id;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT * FROM model", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sql_error (self, rc, error), NULL;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return sql_error (self, rc, error), NULL;
      return corrupt (self, _("it holds no model"), error), NULL;
    }

  id = (const char *)sqlite3_column_text (stmt, 0);
  if (id == NULL || !g_utf8_validate (id, -1, NULL))
    {
      sqlite3_finalize (stmt);
      return corrupt (self, _("the model’s id is not text"), error), NULL;
    }
  model = g_object_new (MOAT_TYPE_MODEL, "id", id, NULL);
  map = map_columns (stmt, MOAT_TYPE_MODEL);
  /* load_row() returns a new reference to the model it filled. */
  filled = load_row (self, stmt, MOAT_TYPE_MODEL, map, MOAT_OBJECT (model), error);
  if (filled == NULL)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);

  types = moat_model_list_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    if (!load_table (self, model, types[i], error))
      return NULL;

  refs = moat_model_list_references (&n_refs);
  for (guint i = 0; i < n_refs; i++)
    if (refs[i].link_table != NULL && !load_links (self, model, &refs[i], error))
      return NULL;

  if (!check_references (self, model, error) || !check_elements (self, model, error) ||
      !moat_limits_check_model (model, error))
    return NULL;

  return g_steal_pointer (&model);
}

static gboolean
is_in_drafts (GFile *file)
{
  g_autoptr(GFile) drafts = moat_store_get_drafts_dir ();

  return g_file_has_parent (file, drafts);
}

static void
bind_model (MoatStore *self,
            MoatModel *model)
{
  self->model = g_object_ref (model);
  self->action_handler = g_signal_connect (model, "action-closed",
                                           G_CALLBACK (on_action_closed), self);
}

static void
set_file (MoatStore *self,
          GFile     *file)
{
  g_set_object (&self->file, file);
  g_free (self->path);
  self->path = g_file_get_path (file);
  self->is_draft = is_in_drafts (file);
}

static gboolean
check_local (GFile   *file,
             GError **error)
{
  g_autofree char *uri = NULL;

  if (g_file_peek_path (file) != NULL)
    return TRUE;

  uri = g_file_get_uri (file);
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_A_FILE,
               _("“%s” is not a local file"), uri);
  return FALSE;
}

static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

static char *
describe_read_only (const char *path,
                    gboolean    asked,
                    gboolean    file_writable)
{
  g_autofree char *name = display_name (path);

  if (asked)
    return g_strdup_printf (_("“%s” is open read-only: changes are not saved. "
                              "Use Save As to keep them."), name);
  if (file_writable)
    return g_strdup_printf (_("“%s” is in a folder you cannot write to: changes are "
                              "not saved. Use Save As to keep them."), name);
  return g_strdup_printf (_("“%s” is read-only: changes are not saved. "
                            "Use Save As to keep them."), name);
}

/* A reader must leave no trace: a file in write-ahead-log mode that no
 * one has open (no -wal or -shm beside it) is read as immutable, since a
 * plain read-only connection would create both and leave them behind. */
static gboolean
open_read_only (MoatStore  *self,
                gboolean    wal,
                GError    **error)
{
  gboolean untouched = side_file_size (self->path, "-wal") < 0 &&
                       side_file_size (self->path, "-shm") < 0;
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?%s", escaped,
                                          wal && untouched ? "immutable=1" : "mode=ro");

  /* A store is only ever used by one thread at a time (its model is not
   * thread-safe either), so the connection needs no mutex of its own:
   * in serialized mode every column read takes one, about 8% of the CPU
   * an estate spends reading hundreds of files on a pool of threads. */
  return open_db (self, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, error);
}

/* Reads the model in one transaction, so that a reader sees one state of
 * a file another process is writing. */
static MoatModel *
load_snapshot (MoatStore  *self,
               GError    **error)
{
  g_autoptr(MoatModel) model = NULL;

  if (!exec_sql (self, "BEGIN", error))
    return NULL;
  model = load_model (self, error);
  if (model != NULL)
    self->next_action = query_int (self, "SELECT COALESCE(MAX(action), 0) + 1 FROM changelog");
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return g_steal_pointer (&model);
}

/* A file in an older format that may not be changed is upgraded in a
 * copy held in memory. */
static gboolean
copy_to_memory (MoatStore  *self,
                GError    **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK && (backup = sqlite3_backup_init (memory, "main", self->db, "main")))
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  else if (rc == SQLITE_OK)
    rc = sqlite3_errcode (memory);

  if (rc != SQLITE_OK)
    {
      sqlite3_close (memory);
      return sql_error (self, rc, error);
    }

  close_db (self);
  self->db = memory;
  self->guard = moat_store_guard_new (memory);
  return configure_db (self, error);
}

static gboolean
load (MoatStore  *self,
      GError    **error)
{
  g_autofree char *name = display_name (self->path);
  g_autoptr(MoatModel) model = NULL;
  int version;

  moat_store_guard_reset_budget (self->guard);
  version = query_int (self, "PRAGMA user_version");
  if (version < 1 || version > MOAT_STORE_SCHEMA_VERSION)
    return corrupt (self, _("it has no readable file format version"), error), FALSE;

  if (!moat_store_guard_check_schema (self->guard, version, name, error) ||
      (self->read_only && version < MOAT_STORE_SCHEMA_VERSION && !copy_to_memory (self, error)) ||
      !migrate (self, version, error) ||
      !(model = load_snapshot (self, error)))
    return FALSE;

  self->data_version = self->read_only ? -1 : query_data_version (self);
  bind_model (self, model);
  return TRUE;
}

static MoatStore *
open_store (GFile               *file,
            gboolean             read_only,
            const char * const  *fields,
            GError             **error)
{
  g_autoptr(MoatStore) self = NULL;
  gboolean writable = FALSE, wal = FALSE;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!check_local (file, error) || !check_file (file, &writable, &wal, error))
    return NULL;

  self = g_object_new (MOAT_TYPE_STORE, NULL);
  set_file (self, file);
  self->read_only = read_only || !writable || !folder_writable (self->path);

  if (self->read_only)
    {
      self->status = MOAT_STORE_READ_ONLY;
      self->read_only_reason = describe_read_only (self->path, read_only, writable);
      if (!open_read_only (self, wal, error))
        return NULL;
    }
  else if (!(self->lock = moat_file_lock_acquire (self->path, error)) ||
           !open_db (self, self->path, SQLITE_OPEN_READWRITE, error))
    return NULL;

  self->fields = fields;
  if (!load (self, error))
    return NULL;
  self->fields = NULL;

  return g_steal_pointer (&self);
}

/**
 * moat_store_open:
 *
 * Opens a project file to edit it, as the one process that writes it: when
 * another holds it, the error is %MOAT_ERROR_LOCKED and says who (offer
 * moat_store_open_read_only()). A file that cannot be written (or sits in
 * a folder that cannot be) opens read-only: edits are kept in memory and
 * reported as a write error.
 *
 * Returns: (transfer full): the store, bound to its model
 */
MoatStore *
moat_store_open (GFile   *file,
                 GError **error)
{
  return open_store (file, FALSE, NULL, error);
}

/**
 * moat_store_open_read_only:
 *
 * Opens a project file to look at it: a consistent snapshot even while
 * another process edits it, with nothing changed or left beside it.
 *
 * Returns: (transfer full): the store, bound to its model
 */
MoatStore *
moat_store_open_read_only (GFile   *file,
                           GError **error)
{
  return open_store (file, TRUE, NULL, error);
}

/**
 * moat_store_open_fields:
 * @fields: the fields to read, as "kind:field" ("threat:likelihood") or
 *   "kind:*" for all of a kind's fields
 *
 * moat_store_open_read_only() for a reader that wants a few fields of a
 * model and no more, such as an estate summarising hundreds of files:
 * each object is read with its id, its dates, every reference (checked as
 * on any open) and @fields; its other fields keep their defaults, and the
 * limits on texts apply to what is read (the model's own fields, one row,
 * are read whole). The model is for reading those fields only: it does
 * not stand for the file.
 *
 * Returns: (transfer full): the store, bound to its model
 */
MoatStore *
moat_store_open_fields (GFile               *file,
                        const char * const  *fields,
                        GError             **error)
{
  g_return_val_if_fail (fields != NULL, NULL);

  return open_store (file, TRUE, fields, error);
}

/* Writes @model into the new, empty database at @path. */
static gboolean
write_new_file (MoatStore   *self,
                const char  *path,
                GError     **error)
{
  g_autofree char *pragmas = NULL;
  gboolean ok;

  ok = open_db (self, path, SQLITE_OPEN_READWRITE, error);
  if (ok)
    {
      pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;",
                                 (int)MOAT_STORE_APPLICATION_ID);
      moat_store_guard_allow_ddl (self->guard, TRUE);
      ok = exec_sql (self, pragmas, error) &&
           exec_sql (self, "BEGIN IMMEDIATE", error) &&
           exec_sql (self, moat_schema_v1, error) &&
           exec_sql (self, "COMMIT", error);
      moat_store_guard_allow_ddl (self->guard, FALSE);
      ok = ok &&
           migrate (self, 1, error) &&
           exec_sql (self, "BEGIN IMMEDIATE", error) &&
           write_all (self, error) &&
           exec_sql (self, "COMMIT", error);
    }

  close_db (self);
  return ok;
}

/* Whatever SQLite left beside the file being replaced belongs to it: a
 * stale write-ahead log would be applied to the new file. */
static void
remove_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

/* Writes @model to a temporary file beside @path and renames it over
 * @path, unless another process is editing the file there. */
static gboolean
write_file (MoatStore   *self,
            const char  *path,
            GError     **error)
{
  g_autoptr(MoatTempFile) tmp = NULL;

  if (!moat_file_lock_test (path, error) ||
      !(tmp = moat_temp_file_new (path, error)))
    return FALSE;

  /* Errors name self->path, the user's file, not the temporary one. */
  if (!write_new_file (self, moat_temp_file_get_path (tmp), error))
    return FALSE;

  remove_side_files (path);
  return moat_temp_file_commit (tmp, error);
}

/* Takes the writer's lock on the file just written and opens it. */
static gboolean
take_file (MoatStore   *self,
           GError     **error)
{
  g_autoptr(MoatFileLock) lock = moat_file_lock_acquire (self->path, error);

  if (lock == NULL || !open_db (self, self->path, SQLITE_OPEN_READWRITE, error))
    return FALSE;

  g_clear_pointer (&self->lock, moat_file_lock_release);
  self->lock = g_steal_pointer (&lock);
  self->data_version = query_data_version (self);
  return TRUE;
}

/**
 * moat_store_create:
 *
 * Writes @model as a new project file at @file, replacing any file there
 * that no other process is editing, and binds the store to @model.
 *
 * Returns: (transfer full): the store
 */
MoatStore *
moat_store_create (GFile      *file,
                   MoatModel  *model,
                   GError    **error)
{
  g_autoptr(MoatStore) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  self = g_object_new (MOAT_TYPE_STORE, NULL);
  set_file (self, file);
  if (self->path == NULL)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_A_FILE,
                   _("Moat models can only be saved to local files"));
      return NULL;
    }

  self->model = g_object_ref (model);
  if (!write_file (self, self->path, error) || !take_file (self, error))
    return NULL;

  self->next_action = 1;
  g_clear_object (&self->model);
  bind_model (self, model);

  return g_steal_pointer (&self);
}

GFile *
moat_store_get_drafts_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "moat", "drafts", NULL);
}

/**
 * moat_store_new_draft:
 *
 * Creates a project file for a model that has no name yet, in the user's
 * drafts folder, so that it is kept from the first edit on.
 */
MoatStore *
moat_store_new_draft (MoatModel  *model,
                      GError    **error)
{
  g_autoptr(GFile) dir = moat_store_get_drafts_dir ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strdup_printf ("%s.moat", uuid);
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE,
                   _("Could not create the drafts folder: %s"), local_error->message);
      return NULL;
    }

  return moat_store_create (file, model, error);
}

static int
compare_mtime_desc (gconstpointer a,
                    gconstpointer b)
{
  GFileInfo *ia = g_object_get_data (*(GObject **)a, "info");
  GFileInfo *ib = g_object_get_data (*(GObject **)b, "info");
  guint64 ta = g_file_info_get_attribute_uint64 (ia, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64 tb = g_file_info_get_attribute_uint64 (ib, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  return ta < tb ? 1 : ta > tb ? -1 : 0;
}

/**
 * moat_store_list_drafts:
 *
 * Returns: (transfer full) (element-type GFile): the drafts on disk, the
 *   most recently changed first
 */
GPtrArray *
moat_store_list_drafts (void)
{
  g_autoptr(GFile) dir = moat_store_get_drafts_dir ();
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GPtrArray *drafts = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                          G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (enumerator == NULL)
    return drafts;

  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_suffix (name, ".moat") && name[0] != '.')
        {
          GFile *file = g_file_get_child (dir, name);

          g_object_set_data_full (G_OBJECT (file), "info", info, g_object_unref);
          g_ptr_array_add (drafts, file);
        }
      else
        g_object_unref (info);
    }

  g_ptr_array_sort (drafts, compare_mtime_desc);
  for (guint i = 0; i < drafts->len; i++)
    g_object_set_data (g_ptr_array_index (drafts, i), "info", NULL);

  return drafts;
}

/* Copies the file with SQLite's backup API: a consistent snapshot that
 * keeps the change log. */
static gboolean
copy_file (MoatStore   *self,
           MoatStore   *copy,
           GError     **error)
{
  g_autoptr(MoatTempFile) tmp = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup = NULL;
  int rc;

  if (!moat_file_lock_test (copy->path, error) ||
      !(tmp = moat_temp_file_new (copy->path, error)))
    return FALSE;

  rc = sqlite3_open_v2 (moat_temp_file_get_path (tmp), &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK && (backup = sqlite3_backup_init (dest, "main", self->db, "main")))
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
    }
  if (rc == SQLITE_OK && backup == NULL)
    rc = sqlite3_errcode (dest);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *name = display_name (copy->path);

      g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE, _("Could not save “%s”: %s"),
                   name, dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }
  sqlite3_close (dest);

  remove_side_files (copy->path);
  return moat_temp_file_commit (tmp, error);
}

/* Moves what @next opened into @self, closing what @self had open. */
static void
adopt (MoatStore *self,
       MoatStore *next)
{
  close_db (self);
  g_clear_pointer (&self->lock, moat_file_lock_release);
  self->db = g_steal_pointer (&next->db);
  self->guard = g_steal_pointer (&next->guard);
  self->lock = g_steal_pointer (&next->lock);
  self->data_version = next->data_version;
  set_file (self, next->file);
  self->read_only = FALSE;
  g_clear_pointer (&self->read_only_reason, g_free);
}

/**
 * moat_store_save_as:
 *
 * Copies the project to @file and goes on writing there. The copy is
 * SQLite's backup of the file (with its change log) when the file holds
 * every edit, or else is written from the model in memory. Until the copy
 * is whole and open, the document stays where it was: a Save As that
 * fails loses nothing. A draft that is saved is deleted from the drafts
 * folder.
 */
gboolean
moat_store_save_as (MoatStore  *self,
                    GFile      *file,
                    GError    **error)
{
  g_autoptr(MoatStore) next = NULL;
  g_autofree char *old_path = NULL;
  gboolean was_draft, from_memory;

  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!check_local (file, error))
    return FALSE;

  next = g_object_new (MOAT_TYPE_STORE, NULL);
  set_file (next, file);
  next->model = g_object_ref (self->model);
  from_memory = self->pending->len > 0 || self->read_only || self->db == NULL;
  if (!(from_memory ? write_file (next, next->path, error) : copy_file (self, next, error)) ||
      !take_file (next, error))
    return FALSE;

  was_draft = self->is_draft;
  old_path = g_strdup (self->path);
  adopt (self, next);
  g_ptr_array_set_size (self->pending, 0);
  self->next_action = query_int (self, "SELECT COALESCE(MAX(action), 0) + 1 FROM changelog");

  if (was_draft && g_strcmp0 (old_path, self->path) != 0)
    g_unlink (old_path);
  set_status (self, MOAT_STORE_SAVED, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DRAFT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);

  return TRUE;
}

/**
 * moat_store_close:
 *
 * Closes the file. The model stays usable but is no longer saved. A draft
 * in which nothing was ever done is deleted.
 */
void
moat_store_close (MoatStore *self)
{
  gboolean discard;

  g_return_if_fail (MOAT_IS_STORE (self));

  if (self->action_handler != 0)
    g_clear_signal_handler (&self->action_handler, self->model);

  if (self->db != NULL)
    {
      discard = self->is_draft && !self->read_only &&
                query_int (self, "SELECT EXISTS (SELECT 1 FROM changelog)") == 0;
      close_db (self);
      if (discard)
        g_unlink (self->path);
    }

  g_clear_pointer (&self->lock, moat_file_lock_release);
}

MoatModel *
moat_store_get_model (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), NULL);

  return self->model;
}

GFile *
moat_store_get_file (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), NULL);

  return self->file;
}

gboolean
moat_store_get_is_draft (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);

  return self->is_draft;
}

gboolean
moat_store_get_read_only (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);

  return self->read_only;
}

const GError *
moat_store_get_write_error (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), NULL);

  return self->write_error;
}

/**
 * moat_store_get_status_message:
 *
 * Returns: (nullable): what the user should know about the file now: why
 *   edits are not in it, or %NULL when they all are
 */
const char *
moat_store_get_status_message (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), NULL);

  if (self->write_error != NULL)
    return self->write_error->message;
  return self->read_only ? self->read_only_reason : NULL;
}

MoatStoreStatus
moat_store_get_status (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), MOAT_STORE_SAVED);

  return self->status;
}

/**
 * moat_store_get_n_pending:
 *
 * Returns: how many actions are kept in memory only, not yet in the file
 */
guint
moat_store_get_n_pending (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), 0);

  return self->pending->len;
}

/**
 * moat_store_retry:
 *
 * Writes the actions that could not be written, in order (after the user
 * freed some space, say).
 *
 * Returns: whether the file now holds every edit
 */
gboolean
moat_store_retry (MoatStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);

  flush (self);
  if (self->status == MOAT_STORE_SAVED)
    return TRUE;

  g_propagate_error (error, g_error_copy (self->write_error));
  return FALSE;
}

/* The file was moved or renamed: the write-ahead log stays behind at the
 * old name, so it is folded into the file (which SQLite still holds
 * open) before the file is opened again where it is now. */
/* SQLite leaves its log and shared memory beside a file that moved away
 * (it no longer knows them as its own); this connection's are removed
 * once it is closed, and only they: never a log another process opened
 * for a file put in its place. */
static void
close_away (MoatStore *self)
{
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func (g_free);
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      char *side = g_strconcat (self->path, suffixes[i], NULL);

      if (moat_file_is_open_here (side))
        g_ptr_array_add (ours, side);
      else
        g_free (side);
    }

  close_db (self);
  for (guint i = 0; i < ours->len; i++)
    g_unlink (g_ptr_array_index (ours, i));
}

static gboolean
follow_file (MoatStore  *self,
             const char *new_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (new_path);
  g_autoptr(GError) error = NULL;

  exec_sql (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  close_away (self);
  set_file (self, file);
  moat_file_lock_follow (self->lock, new_path);
  if (!open_db (self, self->path, SQLITE_OPEN_READWRITE, &error))
    {
      set_status (self, MOAT_STORE_FAILING, g_steal_pointer (&error));
      return FALSE;
    }

  self->data_version = query_data_version (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DRAFT]);
  return TRUE;
}

/* Someone else's file is at the path now, or none: nothing more is
 * written there. Closing removes this connection's write-ahead log, which
 * must never be applied to the file that took its place. */
static void
lose_file (MoatStore   *self,
           const char  *message)
{
  g_autofree char *name = display_name (self->path);

  close_away (self);
  g_clear_pointer (&self->lock, moat_file_lock_release);
  set_status (self, MOAT_STORE_CHANGED,
              g_error_new (MOAT_ERROR, MOAT_ERROR_CHANGED, message, name));
}

/**
 * moat_store_check_place:
 *
 * Checks that the path still names the file that was opened, before each
 * write and whenever a file monitor saw something happen to it. A file
 * that moved is followed; one replaced, deleted or written by another
 * program is no longer written (the status becomes %MOAT_STORE_CHANGED and
 * the model, kept in memory, can be saved elsewhere).
 *
 * Returns: whether writing can go on
 */
gboolean
moat_store_check_place (MoatStore *self)
{
  g_autofree char *new_path = NULL;

  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);

  if (self->status == MOAT_STORE_CHANGED)
    return FALSE;
  if (self->lock == NULL || self->db == NULL)
    return TRUE;

  switch (moat_file_lock_locate (self->lock, &new_path))
    {
    case MOAT_FILE_PLACE_MOVED:
      return follow_file (self, new_path);
    case MOAT_FILE_PLACE_REPLACED:
      lose_file (self, _("“%s” was replaced by another program. Your edits since are kept "
                         "in this window only: use Save As to keep them, or reload the file."));
      return FALSE;
    case MOAT_FILE_PLACE_DELETED:
      lose_file (self, _("“%s” was deleted or moved to the trash. Your edits are kept in "
                         "this window only: use Save As to keep them."));
      return FALSE;
    case MOAT_FILE_PLACE_SAME:
    default:
      break;
    }

  if (self->data_version >= 0 && query_data_version (self) != self->data_version)
    {
      lose_file (self, _("“%s” was changed by another program. Your edits since are kept "
                         "in this window only: use Save As to keep them, or reload the file."));
      return FALSE;
    }

  return TRUE;
}

/**
 * moat_store_checkpoint:
 *
 * Folds the write-ahead log into the file, so that a copy of the file
 * alone (a commit to git, a sync client) holds every edit. Cheap when
 * there is nothing to fold; the app calls it when edits pause.
 */
gboolean
moat_store_checkpoint (MoatStore *self)
{
  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);

  if (self->db == NULL || self->read_only || !moat_store_check_place (self))
    return FALSE;

  return exec_sql (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
}

/**
 * moat_store_check:
 *
 * Checks that @file is a Moat model this version can open, without
 * opening it.
 */
gboolean
moat_store_check (GFile   *file,
                  GError **error)
{
  gboolean writable, wal;

  return check_file (file, &writable, &wal, error);
}

void
moat_log_entry_free (MoatLogEntry *entry)
{
  g_free (entry->author);
  g_free (entry->label);
  g_free (entry->object_id);
  g_free (entry->object_kind);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return column_utf8 (stmt, col);
}

/**
 * moat_store_read_log:
 * @since: the earliest time to include, in microseconds since 1970 (0 for all)
 * @limit: the most entries to return, newest first (0 for no limit)
 *
 * Reads the change log: who changed what, when, from what to what.
 *
 * Returns: (transfer full) (element-type MoatLogEntry): the entries,
 *   oldest first
 */
GPtrArray *
moat_store_read_log (MoatStore  *self,
                     gint64      since,
                     guint       limit,
                     GError    **error)
{
  static const char sql[] =
    "SELECT action, time, author, label, object_id, object_kind, field, old_value, new_value"
    " FROM (SELECT * FROM changelog WHERE time >= ?1 ORDER BY seq DESC LIMIT ?2)"
    " ORDER BY seq";
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MOAT_IS_STORE (self), NULL);

  if (self->db == NULL)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_FAILED, _("The model is closed")), NULL;
  if (!(stmt = prepare (self, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64)limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_log_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MoatLogEntry *entry = g_new0 (MoatLogEntry, 1);

      entry->action = sqlite3_column_int64 (stmt, 0);
      entry->time = sqlite3_column_int64 (stmt, 1);
      entry->author = column_dup (stmt, 2);
      entry->label = column_dup (stmt, 3);
      entry->object_id = column_dup (stmt, 4);
      entry->object_kind = column_dup (stmt, 5);
      entry->field = column_dup (stmt, 6);
      entry->old_value = column_dup (stmt, 7);
      entry->new_value = column_dup (stmt, 8);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return sql_error (self, rc, error), NULL;

  return g_steal_pointer (&entries);
}

/**
 * moat_store_append_log:
 * @entries: (element-type MoatLogEntry): lines of another file's log,
 *   oldest first, with the action numbers they should have here
 *
 * Adds history that happened elsewhere, as a merge does with both sides'
 * logs, in one transaction. Later actions are numbered after these.
 */
gboolean
moat_store_append_log (MoatStore  *self,
                       GPtrArray  *entries,
                       GError    **error)
{
  static const char sql[] =
    "INSERT INTO changelog (action, time, author, label, object_id, object_kind,"
    " field, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

  g_return_val_if_fail (MOAT_IS_STORE (self), FALSE);

  if (self->db == NULL || self->read_only)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_FAILED, _("The model is closed")), FALSE;
  if (!exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      MoatLogEntry *e = g_ptr_array_index (entries, i);
      sqlite3_stmt *stmt = prepare (self, sql, error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, e->action);
      sqlite3_bind_int64 (stmt, 2, e->time);
      sqlite3_bind_text (stmt, 3, e->author, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, e->label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, e->object_id ? e->object_id : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, e->object_kind ? e->object_kind : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, e->field, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, e->old_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, e->new_value, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  if (!exec_sql (self, "COMMIT", error))
    goto fail;
  self->next_action = query_int (self, "SELECT COALESCE(MAX(action), 0) + 1 FROM changelog");
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
