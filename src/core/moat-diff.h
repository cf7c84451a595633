/* moat-diff.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-model.h"

G_BEGIN_DECLS

typedef enum {
  MOAT_DIFF_ADDED,
  MOAT_DIFF_REMOVED,
  MOAT_DIFF_CHANGED,
} MoatDiffKind;

/* One difference between two versions of a model: an object added or
 * removed, or one field of an object changed. Entries of object kind
 * "risk" say what the change does to the risk (see moat-diff-risk.c):
 * their field is "level", "threat", "dismissal", "control" or
 * "assumption", and @detail gives the cause, the reason or what hangs on
 * it. */
typedef struct
{
  MoatDiffKind  kind;
  char         *object_kind;  /* "element", "threat", ... */
  char         *id;
  char         *label;        /* the object's name in the newer version if it has one */
  char         *field;        /* for MOAT_DIFF_CHANGED */
  char         *old_value;
  char         *new_value;
  char         *detail;       /* for "risk" entries */
} MoatDiffEntry;

GPtrArray *moat_diff_models          (MoatModel *old_model,
                                      MoatModel *new_model);
char      *moat_diff_format_text     (GPtrArray *entries);
char      *moat_diff_format_markdown (GPtrArray *entries);
char      *moat_diff_format_json     (GPtrArray *entries);
char       *moat_diff_entry_text      (const MoatDiffEntry *entry);
const char *moat_diff_kind_title      (const char          *object_kind);

G_END_DECLS
