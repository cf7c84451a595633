/* moat-estate-system-private.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-estate-system.h"

G_BEGIN_DECLS

MoatEstateSystem *_moat_estate_system_load (GFile      *file,
                                            const char *display_path,
                                            gint64      now,
                                            guint       overdue_days,
                                            gboolean    any_json,
                                            gboolean    whole);

G_END_DECLS
