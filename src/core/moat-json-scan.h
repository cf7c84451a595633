/* moat-json-keys.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean moat_json_check_duplicate_keys (const char  *data,
                                         gsize        length,
                                         GError     **error);

G_END_DECLS
