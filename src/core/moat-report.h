/* moat-report.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <pango/pango.h>

#include "moat-document.h"
#include "moat-model.h"
#include "moat-risk.h"
#include "moat-store.h"

G_BEGIN_DECLS

/* The parts of a report, each optional. They are printed in the order
 * of moat_report_sections_parse()'s list, which puts coverage after the
 * roadmap: the bits only grow, so that saved choices keep their meaning. */
typedef enum {
  MOAT_REPORT_COVER       = 1 << 0,
  MOAT_REPORT_SUMMARY     = 1 << 1,
  MOAT_REPORT_CONTEXT     = 1 << 2,
  MOAT_REPORT_DIAGRAMS    = 1 << 3,
  MOAT_REPORT_ELEMENTS    = 1 << 4,
  MOAT_REPORT_THREATS     = 1 << 5,
  MOAT_REPORT_ROADMAP     = 1 << 6,
  MOAT_REPORT_ASSUMPTIONS = 1 << 7,
  MOAT_REPORT_HISTORY     = 1 << 8,
  MOAT_REPORT_RULES       = 1 << 9,
  MOAT_REPORT_COVERAGE    = 1 << 10,
} MoatReportSections;

#define MOAT_REPORT_ALL_SECTIONS ((MoatReportSections)((1 << 11) - 1))
#define MOAT_REPORT_N_SECTIONS   11

typedef enum {
  MOAT_REPORT_GROUP_BY_RISK,
  MOAT_REPORT_GROUP_BY_ELEMENT,
} MoatReportGrouping;

/* What goes in a report and how it is printed. */
typedef struct
{
  MoatReportSections sections;
  MoatPaper          paper;
  MoatReportGrouping grouping;      /* of the threats section */
  gint64             since;         /* change history from this time on, in
                                     * microseconds since 1970 UTC; 0 for all */
  guint              history_limit; /* the most log lines to read; 0 for all */
  int                coverage_level; /* of the model's catalogue; 0 for level 1 */
} MoatReportOptions;

#define MOAT_TYPE_REPORT_OPTIONS (moat_report_options_get_type ())
GType              moat_report_options_get_type (void) G_GNUC_CONST;
MoatReportOptions *moat_report_options_new      (void);
MoatReportOptions *moat_report_options_copy     (const MoatReportOptions *options);
void               moat_report_options_free     (MoatReportOptions       *options);

/* Sections by name ("cover", "summary", …) for the command line and
 * settings, and by title for a dialog. */
const char        *moat_report_section_get_name  (MoatReportSections  section);
const char        *moat_report_section_get_title (MoatReportSections  section);
gboolean           moat_report_sections_parse    (const char         *list,
                                                  MoatReportSections *sections,
                                                  GError            **error);

#define MOAT_TYPE_REPORT (moat_report_get_type ())

/* A threat model as a document people read: built from the model at
 * once, then laid out and drawn as often as needed, as a PDF or for a
 * printer. Once built it no longer reads the model (diagrams are kept as
 * recordings), so it may be written on a worker thread while the model
 * goes on changing. */
G_DECLARE_FINAL_TYPE (MoatReport, moat_report, MOAT, REPORT, GObject)

typedef void (*MoatReportProgressFunc) (double   fraction,
                                        gpointer user_data);

MoatReport   *moat_report_new                (MoatModel                *model,
                                              MoatStore                *store,
                                              const MoatReportOptions  *options,
                                              GError                  **error);
MoatDocument *moat_report_get_document       (MoatReport               *self);
const MoatReportOptions *moat_report_get_options (MoatReport           *self);

/* For GtkPrintOperation: lay out on the printer's page, then draw each
 * page (from 0) in points, the origin at its top-left corner. */
guint         moat_report_paginate           (MoatReport               *self,
                                              double                    page_width,
                                              double                    page_height);
void          moat_report_get_page_size      (MoatReport               *self,
                                              guint                     page,
                                              double                   *width,
                                              double                   *height);
void          moat_report_render_page        (MoatReport               *self,
                                              cairo_t                  *cr,
                                              guint                     page);

gboolean      moat_report_write_pdf          (MoatReport               *self,
                                              GOutputStream            *stream,
                                              MoatReportProgressFunc    progress,
                                              gpointer                  user_data,
                                              GCancellable             *cancellable,
                                              GError                  **error);
void          moat_report_write_pdf_async    (MoatReport               *self,
                                              GFile                    *file,
                                              MoatReportProgressFunc    progress,
                                              gpointer                  progress_data,
                                              GDestroyNotify            progress_destroy,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
gboolean      moat_report_write_pdf_finish   (MoatReport               *self,
                                              GAsyncResult             *result,
                                              GError                  **error);

gboolean      moat_report_export_pdf         (MoatModel                *model,
                                              MoatStore                *store,
                                              const MoatReportOptions  *options,
                                              GFile                    *file,
                                              GCancellable             *cancellable,
                                              GError                  **error);

#define MOAT_REPORT_FONT "Noto Sans, DejaVu Sans, sans-serif"

void          moat_report_draw_markup        (cairo_t                  *cr,
                                              const char               *markup,
                                              const char               *font,
                                              double                    x,
                                              double                    y,
                                              double                    width,
                                              PangoAlignment            align);

/* The heat map the report draws; with @cr %NULL, only measures it. */
double        moat_report_draw_heat_map      (cairo_t                  *cr,
                                              const char               *title,
                                              const guint               counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE],
                                              double                    cell_width,
                                              double                    width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatReportOptions, moat_report_options_free)

G_END_DECLS
