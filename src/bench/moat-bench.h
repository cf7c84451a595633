/* moat-bench.h: what the benchmarks share
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-core.h"

MoatModel *moat_bench_make_model   (guint       n_elements);
MoatModel *moat_bench_make_diagram (guint       n_elements);
int        moat_bench_estate     (void);
int        moat_bench_merge      (void);
