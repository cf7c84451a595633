/* moat-limits.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-model.h"

G_BEGIN_DECLS

/* How long a text may be, in characters (SCHEMA.md, "Limits"): a name or
 * title is a line, a description a few pages. Files from elsewhere that
 * go beyond are refused, naming the field; the window's entries stop
 * there. */
#define MOAT_TEXT_SHORT_MAX 1000
#define MOAT_TEXT_LONG_MAX  100000
#define MOAT_LIST_MAX       10000

guint    moat_limits_for_field   (GParamSpec  *pspec);
gboolean moat_limits_check_model (MoatModel   *model,
                                  GError     **error);

G_END_DECLS
