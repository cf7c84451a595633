/* moat-object.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOAT_TYPE_OBJECT (moat_object_get_type ())

G_DECLARE_DERIVABLE_TYPE (MoatObject, moat_object, MOAT, OBJECT, GObject)

typedef struct _MoatModel MoatModel;

/* Every persistent object of a threat model derives from MoatObject. Its
 * properties are described once, as GParamSpecs, and the store, the JSON
 * format and the undo history all work from those descriptions, so that a
 * new field needs no code beyond its GParamSpec and a column.
 *
 * While an object belongs to a model, setting one of its properties
 * (g_object_set(), a property binding, ...) becomes an edit of that model:
 * it is recorded for undo and written through to the project file.
 */
struct _MoatObjectClass
{
  GObjectClass parent_class;

  /*< private >*/
  const char  *kind_name;
  const char  *plural_name;
  GParamSpec **pspecs;
  guint        n_pspecs;
  GValue      *defaults;  /* by property id, for objects to copy */

  gpointer     padding[7];
};

void          moat_object_class_install        (MoatObjectClass  *klass,
                                                const char       *kind_name,
                                                const char       *plural_name,
                                                GParamSpec      **pspecs,
                                                guint             n_pspecs);
MoatObjectClass *moat_object_class_for_type    (GType            type);
GParamSpec  **moat_object_class_list_fields    (MoatObjectClass  *klass,
                                                guint            *n_fields);
const char   *moat_object_class_get_kind_name  (MoatObjectClass  *klass);
const char   *moat_object_class_get_plural_name(MoatObjectClass  *klass);

GParamSpec   *moat_param_spec_timestamp        (const char       *name,
                                                const char       *nick);
gboolean      moat_param_spec_is_timestamp     (GParamSpec       *pspec);

const char   *moat_object_get_id               (MoatObject       *self);
gint64        moat_object_get_created          (MoatObject       *self);
gint64        moat_object_get_modified         (MoatObject       *self);
MoatModel    *moat_object_get_model            (MoatObject       *self);
const char   *moat_object_get_kind_name        (MoatObject       *self);
const char   *moat_object_get_label            (MoatObject       *self);

const GValue *moat_object_peek_value           (MoatObject       *self,
                                                GParamSpec       *pspec);
const char   *moat_object_peek_string          (MoatObject       *self,
                                                guint             prop_id);
int           moat_object_peek_int             (MoatObject       *self,
                                                guint             prop_id);
gboolean      moat_object_peek_boolean         (MoatObject       *self,
                                                guint             prop_id);
double        moat_object_peek_double          (MoatObject       *self,
                                                guint             prop_id);
int           moat_object_peek_enum            (MoatObject       *self,
                                                guint             prop_id);
const char * const *moat_object_peek_strv      (MoatObject       *self,
                                                guint             prop_id);
GVariant     *moat_object_peek_variant         (MoatObject       *self,
                                                guint             prop_id);

gboolean      moat_object_values_equal         (MoatObject       *a,
                                                MoatObject       *b);
MoatObject   *moat_object_copy                 (MoatObject       *self,
                                                gboolean          new_id);

/* For the model, the store and the formats: change a value without making
 * it an edit. Returns %TRUE if the value changed. */
gboolean      _moat_object_store_value         (MoatObject       *self,
                                                GParamSpec       *pspec,
                                                const GValue     *value);
void          _moat_object_load_value          (MoatObject       *self,
                                                GParamSpec       *pspec,
                                                GValue           *value);
void          _moat_object_load_values         (MoatObject       *self,
                                                GValue           *values);
MoatObject   *_moat_object_clone               (MoatObject       *self);
void          _moat_object_set_model           (MoatObject       *self,
                                                MoatModel        *model);
void          _moat_object_set_timestamps      (MoatObject       *self,
                                                gint64            created,
                                                gint64            modified);
void          _moat_object_touch               (MoatObject       *self,
                                                gint64            now);

G_END_DECLS
