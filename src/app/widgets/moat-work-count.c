/* moat-work-count.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-work-count.h"

/* Only the main thread does this work: no atomics needed. */
static guint64 counts[MOAT_WORK_N_KINDS];

void
moat_work_count_add (MoatWorkKind kind,
                     guint        n)
{
  g_return_if_fail (kind < MOAT_WORK_N_KINDS);

  counts[kind] += n;
}

/* Returns: how much of @kind was done since the program started */
guint64
moat_work_count_get (MoatWorkKind kind)
{
  g_return_val_if_fail (kind < MOAT_WORK_N_KINDS, 0);

  return counts[kind];
}
