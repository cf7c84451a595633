/* moat-clock.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-clock.h"

/* Set only by single-threaded tools and tests, before they edit. */
static gint64 fixed_time;

gint64
moat_clock_now (void)
{
  return fixed_time != 0 ? fixed_time : g_get_real_time ();
}

void
moat_clock_set_fixed (gint64 time)
{
  fixed_time = time;
}
