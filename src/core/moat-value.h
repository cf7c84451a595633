/* moat-value.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers over the GValues that hold the fields of model objects.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean  moat_value_equal           (const GValue *a,
                                      const GValue *b);
char     *moat_value_to_text         (GParamSpec   *pspec,
                                      const GValue *value);
/* No diagram reaches this far; see moat_value_variant_is_sane(). */
#define MOAT_VALUE_MAX_NUMBER 1e9

gboolean  moat_value_variant_is_sane (GVariant     *variant);
void     moat_value_set_default      (GParamSpec   *pspec,
                                     GValue       *value);
gboolean  moat_value_from_text       (GParamSpec   *pspec,
                                      const char   *text,
                                      GValue       *value);
char     *moat_timestamp_format      (gint64        usec);
gboolean  moat_timestamp_parse       (const char   *text,
                                      gint64       *usec);

G_END_DECLS
