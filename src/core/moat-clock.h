/* moat-clock.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The time Moat stamps on objects, reviews and the change log, in
 * microseconds since 1970 UTC. It is the real time unless a tool or a
 * test that builds files with known dates (the example estate, trend
 * tests) fixes it with moat_clock_set_fixed(); 0 goes back to real time. */
gint64 moat_clock_now       (void);
void   moat_clock_set_fixed (gint64 time);

G_END_DECLS
