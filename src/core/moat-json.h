/* moat-json.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moat's native JSON: the whole model, canonical (sorted keys, objects
 * sorted by id, pretty-printed) so that a model kept in git diffs well.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "moat-model.h"

G_BEGIN_DECLS

#define MOAT_JSON_FORMAT_VERSION 1

/* JSON from elsewhere nests no deeper than this. */
#define MOAT_JSON_MAX_DEPTH 64

/* json-glib spends about 300 bytes on each object and 85 on each value,
 * so a file of nothing but "{}," would take 10 GB. Counting before parsing
 * keeps memory near a gigabyte for the worst file we accept, while a real
 * 100 MB Threat Dragon model (1.7 million objects and lists) still fits. */
#define MOAT_JSON_MAX_CONTAINERS 2000000
#define MOAT_JSON_MAX_ITEMS      8000000

char      *moat_json_write      (MoatModel   *model,
                                 gsize       *length);
MoatModel *moat_json_read       (const char  *data,
                                 gssize       length,
                                 GError     **error);
MoatModel *moat_json_read_node  (JsonNode    *node,
                                 GError     **error);
gboolean   moat_json_write_file (MoatModel   *model,
                                 GFile       *file,
                                 GError     **error);
MoatModel *moat_json_read_file  (GFile       *file,
                                 GError     **error);

char      *moat_json_value_to_text   (GParamSpec   *pspec,
                                      const GValue *value);
gboolean   moat_json_value_from_text (GParamSpec   *pspec,
                                      const char   *text,
                                      GValue       *value,
                                      GError      **error);

JsonNode  *moat_json_parse_untrusted (const char  *data,
                                      gssize       length,
                                      GError     **error);

G_END_DECLS
