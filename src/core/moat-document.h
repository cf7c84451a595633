/* moat-document.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define MOAT_TYPE_DOCUMENT (moat_document_get_type ())

/* A paginated document made of blocks (headings, paragraphs, tables,
 * drawings), laid out with Pango and drawn with cairo: the PDF report and
 * printing share it. Tables break across pages with their header row
 * repeated; text wraps inside its cell; drawings are scaled to fit and
 * never cut. */
G_DECLARE_FINAL_TYPE (MoatDocument, moat_document, MOAT, DOCUMENT, GObject)

typedef enum {
  MOAT_PAPER_A4,
  MOAT_PAPER_LETTER,
} MoatPaper;

typedef void (*MoatDrawFunc) (cairo_t  *cr,
                              double    width,
                              double    height,
                              gpointer  user_data);

/* How far a long piece of work is, from 0 to 1. */
typedef void (*MoatDocumentProgressFunc) (double   fraction,
                                          gpointer user_data);

typedef struct _MoatDocumentTable MoatDocumentTable;

MoatDocument      *moat_document_new               (void);
void               moat_document_set_metadata      (MoatDocument       *self,
                                                    const char         *title,
                                                    const char         *author,
                                                    const char         *subject);
void               moat_document_set_running_header (MoatDocument      *self,
                                                    const char         *text);

void               moat_document_add_cover         (MoatDocument       *self,
                                                    const char         *title,
                                                    const char         *subtitle_markup);
void               moat_document_add_heading       (MoatDocument       *self,
                                                    guint               level,
                                                    const char         *text,
                                                    const char         *anchor);
void               moat_document_add_paragraph     (MoatDocument       *self,
                                                    const char         *markup);
void               moat_document_add_link          (MoatDocument       *self,
                                                    const char         *markup,
                                                    const char         *anchor);
void               moat_document_add_callout       (MoatDocument       *self,
                                                    const char         *markup);
void               moat_document_add_spacer        (MoatDocument       *self,
                                                    double              points);
void               moat_document_add_page_break    (MoatDocument       *self);
void               moat_document_add_drawing       (MoatDocument       *self,
                                                    const char         *caption,
                                                    double              width,
                                                    double              height,
                                                    gboolean            own_page,
                                                    MoatDrawFunc        func,
                                                    gpointer            user_data,
                                                    GDestroyNotify      destroy);
MoatDocumentTable *moat_document_add_table         (MoatDocument       *self,
                                                    guint               n_columns,
                                                    const double       *widths,
                                                    const char * const *headers);
void               moat_document_table_add_row     (MoatDocumentTable  *table,
                                                    const char * const *cells,
                                                    const char         *anchor);
void               moat_document_table_add_row_full (MoatDocumentTable *table,
                                                    const char * const *cells,
                                                    const char         *link,
                                                    const char         *name);
void               moat_document_table_add_web_link (MoatDocumentTable *table,
                                                    guint               column,
                                                    const char         *text,
                                                    const char         *uri);

guint              moat_document_paginate          (MoatDocument       *self,
                                                    double              page_width,
                                                    double              page_height);
guint              moat_document_get_n_pages       (MoatDocument       *self);
void               moat_document_get_page_size     (MoatDocument       *self,
                                                    guint               page,
                                                    double             *width,
                                                    double             *height);
void               moat_document_render_page       (MoatDocument       *self,
                                                    cairo_t            *cr,
                                                    guint               page);
gboolean           moat_document_write_pdf         (MoatDocument       *self,
                                                    GFile              *file,
                                                    MoatPaper           paper,
                                                    GError            **error);
gboolean           moat_document_write_pdf_to_stream (MoatDocument             *self,
                                                      GOutputStream            *stream,
                                                      MoatPaper                 paper,
                                                      MoatDocumentProgressFunc  progress,
                                                      gpointer                  user_data,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
void               moat_document_paper_size        (MoatPaper           paper,
                                                    double             *width,
                                                    double             *height);

G_END_DECLS
