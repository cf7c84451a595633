/* moat-store.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-enums.h"
#include "moat-model.h"

G_BEGIN_DECLS

#define MOAT_TYPE_STORE (moat_store_get_type ())

/* The project file: one SQLite database (see SCHEMA.md). A store is bound
 * to one model and writes each action that model closes in one
 * transaction, so no acknowledged edit is ever lost. */
G_DECLARE_FINAL_TYPE (MoatStore, moat_store, MOAT, STORE, GObject)

#define MOAT_STORE_APPLICATION_ID 0x4D4F4154 /* "MOAT" */
#define MOAT_STORE_SCHEMA_VERSION 7

MoatStore  *moat_store_open          (GFile       *file,
                                      GError     **error);
MoatStore  *moat_store_open_read_only (GFile     *file,
                                      GError     **error);
MoatStore  *moat_store_open_fields   (GFile       *file,
                                      const char * const *fields,
                                      GError     **error);
MoatStore  *moat_store_create        (GFile       *file,
                                      MoatModel   *model,
                                      GError     **error);
MoatStore  *moat_store_new_draft     (MoatModel   *model,
                                      GError     **error);
gboolean    moat_store_save_as       (MoatStore   *self,
                                      GFile       *file,
                                      GError     **error);
void        moat_store_close         (MoatStore   *self);

MoatModel  *moat_store_get_model     (MoatStore   *self);
GFile      *moat_store_get_file      (MoatStore   *self);
gboolean    moat_store_get_is_draft  (MoatStore   *self);
gboolean    moat_store_get_read_only (MoatStore   *self);
const GError *moat_store_get_write_error (MoatStore *self);
MoatStoreStatus moat_store_get_status (MoatStore *self);
const char *moat_store_get_status_message (MoatStore *self);
guint       moat_store_get_n_pending (MoatStore  *self);
gboolean    moat_store_retry         (MoatStore   *self,
                                      GError     **error);
gboolean    moat_store_check_place   (MoatStore   *self);
gboolean    moat_store_checkpoint    (MoatStore   *self);

GPtrArray  *moat_store_list_drafts   (void);
GFile      *moat_store_get_drafts_dir (void);
gboolean    moat_store_check         (GFile       *file,
                                      GError     **error);

/* One line of a project's change log: one field of one object, as one
 * action changed it (or an object added or deleted, with field NULL). */
typedef struct
{
  gint64  action;
  gint64  time;      /* microseconds since 1970, UTC */
  char   *author;
  char   *label;     /* the action, as the Undo menu named it */
  char   *object_id;
  char   *object_kind;
  char   *field;
  char   *old_value;
  char   *new_value;
} MoatLogEntry;

void        moat_log_entry_free       (MoatLogEntry *entry);
GPtrArray  *moat_store_read_log       (MoatStore    *self,
                                       gint64        since,
                                       guint         limit,
                                       GError      **error);
gboolean    moat_store_append_log     (MoatStore    *self,
                                       GPtrArray    *entries,
                                       GError      **error);

G_END_DECLS
