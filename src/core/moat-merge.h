/* moat-merge.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-conflict.h"
#include "moat-model.h"

G_BEGIN_DECLS

/* The three-way merge of models, and what the app needs to resolve what
 * it leaves: the open conflicts are the model's list of MOAT_TYPE_CONFLICT
 * (moat_model_get_list() gives a GListModel that follows resolutions,
 * undo and redo); moat_model_list_conflicts() gives those of one object,
 * to mark it on the canvas; moat_model_resolve_conflict() settles one, as
 * one step of undo. */

gboolean   moat_merge                    (MoatModel      *base,
                                          MoatModel      *ours,
                                          MoatModel      *theirs,
                                          MoatModel     **result,
                                          GPtrArray     **conflicts,
                                          GError        **error);

gboolean   moat_model_resolve_conflict   (MoatModel      *model,
                                          MoatConflict   *conflict,
                                          MoatMergeSide   side,
                                          const GValue   *value,
                                          GError        **error);
GPtrArray *moat_model_list_conflicts     (MoatModel      *model,
                                          const char     *object_id);

char      *moat_merge_format_conflicts_json (GPtrArray   *conflicts);
GPtrArray *moat_merge_logs               (GPtrArray      *ours,
                                          GPtrArray      *theirs);

G_END_DECLS
