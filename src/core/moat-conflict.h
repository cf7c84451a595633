/* moat-conflict.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CONFLICT (moat_conflict_get_type ())

/* What a three-way merge could not decide, kept in the merged model until
 * someone resolves it, so that neither side's work is dropped.
 *
 * The values are Moat JSON texts: for a MOAT_CONFLICT_FIELD, the field's
 * value in each version; for an edited-deleted conflict, the fields the
 * editing side changed (an object) with %NULL on the deleting side; for a
 * referenced-deleted one, the ids of what refers to the object (a list)
 * with %NULL on the deleting side; for added-twice, each side's object. */
G_DECLARE_FINAL_TYPE (MoatConflict, moat_conflict, MOAT, CONFLICT, MoatObject)

MoatConflict     *moat_conflict_new              (MoatConflictKind  kind,
                                                  MoatObject       *object,
                                                  const char       *field);
MoatConflictKind  moat_conflict_get_kind         (MoatConflict     *self);
const char       *moat_conflict_get_object_id    (MoatConflict     *self);
const char       *moat_conflict_get_object_kind  (MoatConflict     *self);
const char       *moat_conflict_get_field        (MoatConflict     *self);
const char       *moat_conflict_get_value        (MoatConflict     *self,
                                                  MoatMergeSide     side);
void              moat_conflict_set_values       (MoatConflict     *self,
                                                  const char       *base,
                                                  const char       *ours,
                                                  const char       *theirs);
/* For the merge: @id (nullable) when the derived one is taken. */
MoatConflict     *_moat_conflict_new_with_id     (MoatConflictKind  kind,
                                                  MoatObject       *object,
                                                  const char       *field,
                                                  const char       *id);
char             *_moat_conflict_derive_id       (MoatConflictKind  kind,
                                                  MoatObject       *object,
                                                  const char       *field);
const char       *moat_conflict_kind_to_string   (MoatConflictKind  kind);
char             *moat_conflict_describe         (MoatConflict     *self);

G_END_DECLS
