/* moat-compare.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-diff.h"
#include "moat-model.h"

G_BEGIN_DECLS

typedef enum {
  MOAT_COMPARE_MARK_NONE,
  MOAT_COMPARE_MARK_ADDED,
  MOAT_COMPARE_MARK_REMOVED,
  MOAT_COMPARE_MARK_CHANGED,
} MoatCompareMark;

#define MOAT_TYPE_COMPARE (moat_compare_get_type ())

/* A model set beside an older version of itself: the change list
 * `moat-cli diff OLD NEW` prints, and how each element of either
 * version is marked on a diagram. */
G_DECLARE_FINAL_TYPE (MoatCompare, moat_compare, MOAT, COMPARE, GObject)

MoatCompare     *moat_compare_new           (MoatModel   *old_model,
                                             MoatModel   *new_model);
MoatModel       *moat_compare_get_old_model (MoatCompare *self);
MoatModel       *moat_compare_get_new_model (MoatCompare *self);
GPtrArray       *moat_compare_get_entries   (MoatCompare *self);
void             moat_compare_refresh       (MoatCompare *self);
MoatCompareMark  moat_compare_get_mark      (MoatCompare *self,
                                             const char  *element_id);
GPtrArray       *moat_compare_list_removed  (MoatCompare *self,
                                             const char  *diagram_id);

G_END_DECLS
