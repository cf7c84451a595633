/* moat-format.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Models in and out of other tools' files: one entry point for every
 * format, so the app (Import…, Export, dropped files) and the CLI
 * (moat-cli import / export) take the same path.
 */

#pragma once

#include <gio/gio.h>

#include "moat-import-report.h"
#include "moat-model.h"

G_BEGIN_DECLS

typedef enum {
  MOAT_FORMAT_UNKNOWN,          /* not a format Moat reads; as input: detect it */
  MOAT_FORMAT_MOAT,             /* Moat's native JSON */
  MOAT_FORMAT_MOAT_PROJECT,     /* a .moat project file (SQLite): open it, do not import it */
  MOAT_FORMAT_THREAT_DRAGON,    /* OWASP Threat Dragon 2.x */
  MOAT_FORMAT_THREAT_DRAGON_V1, /* OWASP Threat Dragon 1.x: read, not written */
  MOAT_FORMAT_OTM,              /* Open Threat Model */
  MOAT_FORMAT_TMBOM,            /* OWASP Threat Model Bill of Materials (TM-BOM) */
  MOAT_FORMAT_TM7,              /* Microsoft Threat Modeling Tool (.tm7): read only */
} MoatFormat;

/* Files from elsewhere larger than this are refused before they are read. */
#define MOAT_FORMAT_MAX_INPUT (256 * 1024 * 1024)

MoatFormat   moat_format_detect      (const char        *data,
                                      gsize              length);
const char  *moat_format_get_name    (MoatFormat         format);
const char  *moat_format_get_label   (MoatFormat         format);
gboolean     moat_format_from_name   (const char        *name,
                                      MoatFormat        *format);

MoatModel   *moat_format_import      (const char        *data,
                                      gsize              length,
                                      MoatFormat         format,
                                      MoatImportReport **report,
                                      GError           **error);
MoatModel   *moat_format_import_file (GFile             *file,
                                      MoatFormat         format,
                                      MoatImportReport **report,
                                      GError           **error);
gboolean     moat_format_file_is_project (GFile         *file);
MoatModel   *moat_format_load_file   (GFile             *file,
                                      GError           **error);
char        *moat_format_export      (MoatModel         *model,
                                      MoatFormat         format,
                                      MoatImportReport **report,
                                      GError           **error);

/* Values as people read them, for lists and reports. */
const char  *moat_format_enum_label     (GType       type,
                                         int         value);
const char  *moat_format_category_label (const char *category);
int          moat_format_category_rank  (const char *category);

G_END_DECLS
