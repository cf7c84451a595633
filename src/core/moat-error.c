/* moat-error.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "moat-error.h"

G_DEFINE_QUARK (moat-error-quark, moat_error)
