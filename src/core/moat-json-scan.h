/* moat-json-scan.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one pass over JSON text found, before it is parsed. */
typedef struct
{
  gboolean  too_deep;    /* nests deeper than asked: the scan stopped there */
  gsize     containers;  /* objects and lists */
  gsize     items;       /* containers, members and list items */
  char     *duplicate;   /* where a key first appears twice in one object */
} MoatJsonScan;

void moat_json_scan       (const char   *data,
                           gsize         length,
                           guint         max_depth,
                           MoatJsonScan *scan);
void moat_json_scan_clear (MoatJsonScan *scan);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MoatJsonScan, moat_json_scan_clear)

G_END_DECLS
