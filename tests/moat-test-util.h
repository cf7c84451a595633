/* moat-test-util.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-core.h"

G_BEGIN_DECLS

char      *moat_test_make_tmpdir        (void);
void       moat_test_rm_rf              (const char *path);
gboolean   moat_test_run_unprivileged   (void      (*func) (gpointer data),
                                         gpointer    data);
void       moat_test_randomize          (MoatObject *object,
                                         GRand      *rand);
MoatModel *moat_test_sample_model       (void);
void       moat_test_assert_models_equal (MoatModel *a,
                                          MoatModel *b);
char      *moat_test_shared_dir         (const char *sub);
void       moat_test_write_user_file    (const char *sub,
                                         const char *name,
                                         const char *data);

G_END_DECLS
