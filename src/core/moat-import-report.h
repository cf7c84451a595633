/* moat-import-report.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOAT_TYPE_IMPORT_REPORT (moat_import_report_get_type ())

/* What happened to a model on its way in from another tool's file, or out
 * to one: how many objects of each kind came through, and every value that
 * did not come through as it was. Nothing is dropped without a line here;
 * the app shows it in a dialog, the CLI on stderr. */
G_DECLARE_FINAL_TYPE (MoatImportReport, moat_import_report, MOAT, IMPORT_REPORT, GObject)

/* Reports keep at most this many issues, and count the rest, so that a
 * hostile file cannot make the report itself the problem. */
#define MOAT_IMPORT_REPORT_MAX_ISSUES 1000

typedef enum {
  MOAT_IMPORT_ISSUE_UNMAPPED,  /* no equivalent on the other side: not kept */
  MOAT_IMPORT_ISSUE_CONVERTED, /* kept, but changed on the way */
  MOAT_IMPORT_ISSUE_GUESSED,   /* inferred from a hint: worth checking */
  MOAT_IMPORT_ISSUE_SKIPPED,   /* a whole object left out */
  MOAT_IMPORT_ISSUE_INVALID,   /* a wrong type or impossible value: ignored */
} MoatImportIssueKind;

typedef struct
{
  MoatImportIssueKind  kind;
  char                *path;    /* where, like cells[12].data.threats[0].modelType */
  char                *value;   /* the original value as short JSON text, or NULL */
  char                *message; /* translated explanation */
} MoatImportIssue;

MoatImportReport      *moat_import_report_new             (const char          *format_label,
                                                           gboolean             exporting);
const char            *moat_import_report_get_format_label (MoatImportReport   *self);
gboolean               moat_import_report_get_exporting   (MoatImportReport    *self);

void                   moat_import_report_add             (MoatImportReport    *self,
                                                           MoatImportIssueKind  kind,
                                                           const char          *path,
                                                           const char          *value,
                                                           const char          *format,
                                                           ...) G_GNUC_PRINTF (5, 6);
guint                  moat_import_report_get_n_issues    (MoatImportReport    *self);
const MoatImportIssue *moat_import_report_get_issue       (MoatImportReport    *self,
                                                           guint                index);
guint                  moat_import_report_get_n_omitted   (MoatImportReport    *self);
guint                  moat_import_report_count_kind      (MoatImportReport    *self,
                                                           MoatImportIssueKind  kind);
const MoatImportIssue *moat_import_report_find            (MoatImportReport    *self,
                                                           const char          *path_prefix);

void                   moat_import_report_count_object    (MoatImportReport    *self,
                                                           GType                type);
guint                  moat_import_report_get_count       (MoatImportReport    *self,
                                                           GType                type);

char                  *moat_import_report_format_summary  (MoatImportReport    *self);
char                  *moat_import_report_format_text     (MoatImportReport    *self);

G_END_DECLS
