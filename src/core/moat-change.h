/* moat-change.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CHANGE (moat_change_get_type ())

typedef enum {
  MOAT_CHANGE_ADD,
  MOAT_CHANGE_REMOVE,
  MOAT_CHANGE_SET,
} MoatChangeKind;

/* One primitive edit of a model: an object added or removed, or one field
 * set. A set carries both values, so it can be undone and logged. */
typedef struct _MoatChange
{
  /*< public >*/
  MoatChangeKind  kind;
  MoatObject     *object;
  GParamSpec     *pspec;     /* for MOAT_CHANGE_SET */
  GValue          old_value; /* for MOAT_CHANGE_SET */
  GValue          new_value; /* for MOAT_CHANGE_SET */

  /*< private >*/
  gatomicrefcount ref_count;
  gboolean        owns_object;
} MoatChange;

GType       moat_change_get_type   (void) G_GNUC_CONST;
MoatChange *moat_change_new_add    (MoatObject   *object);
MoatChange *moat_change_new_remove (MoatObject   *object);
MoatChange *moat_change_new_set    (MoatObject   *object,
                                    GParamSpec   *pspec,
                                    const GValue *old_value,
                                    const GValue *new_value);
MoatChange *moat_change_ref        (MoatChange   *self);
void        moat_change_unref      (MoatChange   *self);
MoatChange *moat_change_invert     (MoatChange   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatChange, moat_change_unref)

G_END_DECLS
