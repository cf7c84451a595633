/* moat-export-csv.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threats or controls as CSV that issue trackers import (Jira's CSV
 * importer, GitLab, spreadsheets): RFC 4180, UTF-8 without a byte order
 * mark, CRLF line ends, a header row of plain column names, one row per
 * object in the order of the Markdown page. The columns are fixed and
 * documented in README.md; values are Moat's stable spellings (status
 * and effort names as in Moat's files), not translated, so an import
 * mapping made once keeps working.
 *
 * A value that a spreadsheet would run as a formula (starting with =, +,
 * @, a tab, or - followed by anything but a space) gets a leading
 * apostrophe, so opening the file cannot run what a hostile imported
 * model put in it.
 */

#pragma once

#include "moat-model.h"

G_BEGIN_DECLS

typedef enum {
  MOAT_CSV_THREATS,
  MOAT_CSV_CONTROLS,
} MoatCsvTable;

gboolean            moat_export_csv_table_from_name (const char   *name,
                                                     MoatCsvTable *table);
const char * const *moat_export_csv_columns         (MoatCsvTable  table);
char               *moat_export_csv                 (MoatModel    *model,
                                                     MoatCsvTable  table);

void                moat_export_csv_append_field    (GString      *out,
                                                     const char   *text,
                                                     gboolean      first);

G_END_DECLS
