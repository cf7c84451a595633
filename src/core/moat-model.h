/* moat-model.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-action.h"
#include "moat-history.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_MODEL (moat_model_get_type ())

/* A threat model: its own fields (title, owner, business context, ...) and
 * every object in it. All edits go through it; each closed action is
 * announced with "action-closed" so the store can write it through. */
G_DECLARE_FINAL_TYPE (MoatModel, moat_model, MOAT, MODEL, MoatObject)

typedef enum {
  MOAT_REFERENCE_CLEAR,   /* the reference is cleared when its target goes */
  MOAT_REFERENCE_CASCADE, /* the referring object goes with its target */
} MoatReferenceMode;

/* A field of one object type that holds the id (or ids) of other objects. */
typedef struct
{
  GType              owner_type;
  const char        *field;
  GType              target_type;
  MoatReferenceMode  mode;
  const char        *link_table;  /* for id lists: the table that stores them */
} MoatReference;

MoatModel           *moat_model_new               (void);
const GType         *moat_model_list_types        (guint        *n_types);
const MoatReference *moat_model_list_references   (guint        *n_refs);

/* Called with one id a reference field of @object holds; %FALSE stops. */
typedef gboolean (*MoatReferenceFunc) (MoatObject          *object,
                                       const MoatReference *ref,
                                       const char          *id,
                                       gpointer             user_data);

gboolean             moat_model_foreach_reference (MoatModel         *self,
                                                   MoatReferenceFunc  func,
                                                   gpointer           user_data);

GListModel          *moat_model_get_list          (MoatModel    *self,
                                                   GType         type);
guint                moat_model_count             (MoatModel    *self,
                                                   GType         type);
gpointer             moat_model_lookup            (MoatModel    *self,
                                                   const char   *id);
gpointer             moat_model_lookup_typed      (MoatModel    *self,
                                                   const char   *id,
                                                   GType         type);

void                 moat_model_add               (MoatModel    *self,
                                                   gpointer      object);
void                 moat_model_remove            (MoatModel    *self,
                                                   gpointer      object);
void                 moat_model_set               (MoatModel    *self,
                                                   gpointer      object,
                                                   const char   *first_field,
                                                   ...) G_GNUC_NULL_TERMINATED;
void                 moat_model_set_value         (MoatModel    *self,
                                                   MoatObject   *object,
                                                   GParamSpec   *pspec,
                                                   const GValue *value);
void                 moat_model_begin_action      (MoatModel    *self,
                                                   const char   *label);
void                 moat_model_end_action        (MoatModel    *self);
gboolean             moat_model_in_action         (MoatModel    *self);

MoatHistory         *moat_model_get_history       (MoatModel    *self);
gboolean             moat_model_undo              (MoatModel    *self);
gboolean             moat_model_redo              (MoatModel    *self);
gboolean             moat_model_is_applying       (MoatModel    *self);

const char          *moat_model_get_author        (MoatModel    *self);
void                 moat_model_set_author        (MoatModel    *self,
                                                   const char   *author);

const char          *moat_model_get_title         (MoatModel    *self);
const char          *moat_model_get_owner         (MoatModel    *self);
const char          *moat_model_get_version_label (MoatModel    *self);
const char          *moat_model_get_description   (MoatModel    *self);

/* For loaders: put an object in a model that is being built, without
 * making it an edit. */
void                 _moat_model_insert_loaded    (MoatModel    *self,
                                                   MoatObject   *object);
gboolean             _moat_model_insert_loaded_all (MoatModel   *self,
                                                    GType        type,
                                                    MoatObject **objects,
                                                    guint        n_objects);

G_END_DECLS
