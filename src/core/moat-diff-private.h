/* moat-diff-private.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-diff.h"

G_BEGIN_DECLS

void moat_diff_add_risk_entries (GPtrArray *entries,
                                 MoatModel *old_model,
                                 MoatModel *new_model);
char *moat_diff_risk_sentence    (const MoatDiffEntry *entry);
char *moat_diff_one_line         (const char          *value,
                                  guint                max_chars);

/* A value longer than this is cut with "…" where the diff quotes it. */
#define MOAT_DIFF_VALUE_MAX 120

G_END_DECLS
