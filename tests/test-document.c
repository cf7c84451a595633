/* test-document.c: paginated documents and their PDF
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF is read back with poppler's command-line tools, the way a
 * reader's viewer would see it.
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "moat-document.h"
#include "moat-test-util.h"

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  return pdftotext != NULL && pdfinfo != NULL;
}

static char *
page_text (const char *pdf,
           guint       page)
{
  g_autofree char *n = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", n, "-l", n, pdf, "-", NULL };

  return run (argv);
}

static guint
page_count (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *pages;

  g_assert_nonnull (info);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

static void
draw_box (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  data)
{
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static MoatDocument *
build_document (guint n_rows)
{
  MoatDocument *doc = moat_document_new ();
  const double widths[] = { 1, 4, 1 };
  const char *headers[] = { "Id", "Threat", "Risk", NULL };
  MoatDocumentTable *table;
  g_autoptr(GString) long_text = g_string_new (NULL);

  moat_document_set_metadata (doc, "Checkout threat model", "Ana Analyst", "Threat model report");
  moat_document_set_running_header (doc, "Checkout threat model — report");
  moat_document_add_cover (doc, "Checkout threat model", "Owner: Payments team\nVersion 2.1");
  moat_document_add_heading (doc, 1, "Summary", "summary");
  moat_document_add_link (doc, "See <b>the threat list</b>", "threats");
  moat_document_add_paragraph (doc, "Names in any script: 支付网关 · بوابة الدفع · Платёжный шлюз");
  moat_document_add_drawing (doc, "A very wide diagram", 2000, 600, TRUE, draw_box, NULL, NULL);
  moat_document_add_heading (doc, 1, "Threats", "threats");
  moat_document_add_heading (doc, 2, "All of them", NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append (long_text, "A sentence that goes on. ");

  table = moat_document_add_table (doc, 3, widths, headers);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *id = g_strdup_printf ("T-%03u", i);
      const char *cells[] = { id, i == 7 ? long_text->str : "Injection &amp; tampering with orders", "High", NULL };

      moat_document_table_add_row (table, cells, NULL);
    }

  return doc;
}

static void
test_pdf (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatDocument) doc = build_document (300);
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  gsize raw_length;
  g_autofree char *info = NULL;
  const char *info_argv[] = { "pdfinfo", "-box", path, NULL };
  guint pages, table_pages = 0;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  g_assert_true (moat_document_write_pdf (doc, file, MOAT_PAPER_A4, &error));
  g_assert_no_error (error);

  pages = page_count (path);
  g_assert_cmpuint (pages, >=, 8);
  g_assert_cmpuint (pages, <=, 30);

  /* Metadata and bookmarks. */
  info = run (info_argv);
  g_assert_nonnull (strstr (info, "Checkout threat model"));
  g_assert_nonnull (strstr (info, "Ana Analyst"));
  g_assert_true (g_file_get_contents (path, &raw, &raw_length, NULL));
  g_assert_nonnull (memmem (raw, raw_length, "/Outlines", 9));

  /* Every page of the table repeats the header row, and has a footer. */
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = page_text (path, p);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p, pages);

      g_assert_nonnull (text);
      if (p > 1)
        g_assert_nonnull (strstr (text, footer));
      if (strstr (text, "T-1") != NULL || strstr (text, "T-2") != NULL)
        {
          g_assert_nonnull (strstr (text, "Threat"));
          g_assert_nonnull (strstr (text, "Risk"));
          table_pages++;
        }
    }
  g_assert_cmpuint (table_pages, >=, 4);

  /* Non-Latin names come out as text, not boxes. */
  {
    g_autofree char *text = page_text (path, 2);
    g_assert_nonnull (strstr (text, "支付网关"));
    g_assert_nonnull (strstr (text, "Платёжный шлюз"));
  }

  moat_test_rm_rf (dir);
}

/* Nothing is drawn outside the page: every page's ink stays within it. */
static void
test_nothing_outside_the_page (void)
{
  g_autoptr(MoatDocument) doc = build_document (60);
  double width, height;
  guint pages;

  moat_document_paper_size (MOAT_PAPER_LETTER, &width, &height);
  pages = moat_document_paginate (doc, width, height);
  g_assert_cmpuint (pages, >, 2);

  for (guint p = 0; p < pages; p++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, w, h;

      moat_document_render_page (doc, cr, p);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      cairo_surface_destroy (surface);

      /* Landscape pages swap the sides. */
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + w, <=, MAX (width, height) + 0.5);
      g_assert_cmpfloat (y + h, <=, MAX (width, height) + 0.5);
      if (w > width + 0.5)
        g_assert_cmpfloat (y + h, <=, MIN (width, height) + 0.5);
    }
}

/* A heading right before a drawing on its own page goes on that page;
 * two such drawings in a row leave no blank page between them, and each
 * page is turned the way that shows its drawing larger. */
static void
test_figure_pages (void)
{
  g_autoptr(MoatDocument) doc = moat_document_new ();
  double width, height, w, h;

  moat_document_add_heading (doc, 1, "Diagrams", "diagrams");
  moat_document_add_heading (doc, 2, "Wide", NULL);
  moat_document_add_drawing (doc, "A wide one", 2000, 600, TRUE, draw_box, NULL, NULL);
  moat_document_add_heading (doc, 2, "Tall", NULL);
  moat_document_add_drawing (doc, "A tall one", 600, 2000, TRUE, draw_box, NULL, NULL);
  moat_document_add_heading (doc, 1, "After", NULL);
  moat_document_add_paragraph (doc, "Text again.");

  moat_document_paper_size (MOAT_PAPER_A4, &width, &height);
  g_assert_cmpuint (moat_document_paginate (doc, width, height), ==, 3);
  g_assert_cmpuint (moat_document_get_n_pages (doc), ==, 3);

  moat_document_get_page_size (doc, 0, &w, &h);
  g_assert_cmpfloat (w, ==, height);
  g_assert_cmpfloat (h, ==, width);
  for (guint p = 1; p < 3; p++)
    {
      moat_document_get_page_size (doc, p, &w, &h);
      g_assert_cmpfloat (w, ==, width);
      g_assert_cmpfloat (h, ==, height);
    }
}

static void
count_progress (double   fraction,
                gpointer data)
{
  GArray *fractions = data;

  g_array_append_val (fractions, fraction);
}

/* Writing reports its progress, from 0 to 1, and stops when cancelled. */
static void
test_progress_and_cancel (void)
{
  g_autoptr(MoatDocument) doc = build_document (200);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) other = g_memory_output_stream_new_resizable ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_document_write_pdf_to_stream (doc, stream, MOAT_PAPER_A4, count_progress,
                                                    fractions, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fractions->len, >, moat_document_get_n_pages (doc));
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), >, 1000);

  g_cancellable_cancel (cancellable);
  g_assert_false (moat_document_write_pdf_to_stream (doc, other, MOAT_PAPER_A4, NULL, NULL,
                                                     cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Rows can be link targets, callouts are text like any other, and the
 * running header names the section each page belongs to. */
static void
test_row_targets_and_sections (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "links.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatDocument) doc = moat_document_new ();
  g_autoptr(GError) error = NULL;
  const char *headers[] = { "Ref", "What", NULL };
  const char *argv[] = { "pdfinfo", "-dests", path, NULL };
  g_autofree char *dests = NULL;
  g_autofree char *raw = NULL;
  gsize length;
  MoatDocumentTable *table;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  moat_document_set_running_header (doc, "The report");
  moat_document_add_heading (doc, 1, "First section", NULL);
  moat_document_add_link (doc, "Go to the row", "row-7");
  moat_document_add_callout (doc, "<b>Read this</b> before anything else.");
  moat_document_add_heading (doc, 1, "Second section", NULL);
  table = moat_document_add_table (doc, 2, NULL, headers);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *ref = g_strdup_printf ("R%u", i);
      g_autofree char *name = g_strdup_printf ("row-%u", i);
      const char *cells[] = { ref, "A row", NULL };

      moat_document_table_add_row_full (table, cells, NULL, name);
    }

  g_assert_true (moat_document_write_pdf (doc, file, MOAT_PAPER_LETTER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (page_count (path), ==, 2);

  dests = run (argv);
  g_assert_nonnull (dests);
  g_assert_nonnull (strstr (dests, "\"row-7\""));
  g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
  g_assert_nonnull (memmem (raw, length, "/Dest (row-7)", 13));

  {
    g_autofree char *first = page_text (path, 1);
    g_autofree char *second = page_text (path, 2);

    g_assert_nonnull (strstr (first, "Read this before anything else."));
    g_assert_nonnull (strstr (first, "First section"));
    g_assert_null (strstr (first, "Second section"));
    g_assert_nonnull (strstr (second, "The report"));
    g_assert_nonnull (strstr (second, "Second section"));
  }

  moat_test_rm_rf (dir);
}

static char *
numbered_words (const char *prefix,
                guint       n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%04u ", prefix, i);
  return g_string_free (text, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* A description pasted from a design document runs over many pages, as a
 * paragraph and in a table cell: every line is printed once, none lost
 * or repeated where a page breaks. */
static void
test_long_text_every_line_once (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatDocument) doc = moat_document_new ();
  g_autofree char *paragraph = numbered_words ("para", 6000);
  g_autofree char *cell = numbered_words ("cell", 6000);
  const char *headers[] = { "Ref", "Threat", NULL };
  const char *cells[] = { "T-1", cell, NULL };
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  moat_document_add_paragraph (doc, paragraph);
  moat_document_table_add_row (moat_document_add_table (doc, 2, NULL, headers), cells, NULL);
  g_assert_true (moat_document_write_pdf (doc, file, MOAT_PAPER_A4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (page_count (path), >=, 10);

  text = run (argv);
  g_assert_nonnull (text);
  for (guint i = 0; i < 6000; i++)
    {
      g_autofree char *para_word = g_strdup_printf ("para%04u", i);
      g_autofree char *cell_word = g_strdup_printf ("cell%04u", i);

      g_assert_cmpuint (count_occurrences (text, para_word), ==, 1);
      g_assert_cmpuint (count_occurrences (text, cell_word), ==, 1);
    }
  moat_test_rm_rf (dir);
}

/* How far down page 1 @word is drawn, from pdftotext's word boxes; 1e9
 * when it is not on the page. */
static double
word_top (const char *pdf,
          const char *word)
{
  const char *argv[] = { "pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-", NULL };
  g_autofree char *boxes = run (argv);
  g_autofree char *closing = g_strdup_printf (">%s</word>", word);
  const char *end = boxes ? strstr (boxes, closing) : NULL;
  const char *at;

  if (end == NULL)
    return 1e9;
  at = g_strrstr_len (boxes, end - boxes, "yMin=\"");
  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen ("yMin=\""), NULL);
}

/* A title of a thousand characters ends with "…" on the cover (its text
 * stays whole for copying) and leaves room for who owns the model. */
static void
test_cover_long_title (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cover.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatDocument) doc = moat_document_new ();
  g_autofree char *title = numbered_words ("Checkout", 90);
  g_autofree char *cover = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  moat_document_add_cover (doc, title, "Owner: Payments team");
  g_assert_true (moat_document_write_pdf (doc, file, MOAT_PAPER_A4, &error));
  g_assert_no_error (error);
  cover = page_text (path, 1);
  g_assert_nonnull (strstr (cover, "Checkout0000"));
  g_assert_cmpfloat (word_top (path, "Owner:"), <, 842 - 40);
  moat_test_rm_rf (dir);
}

static void
test_empty_document (void)
{
  g_autoptr(MoatDocument) doc = moat_document_new ();

  g_assert_cmpuint (moat_document_paginate (doc, 595, 842), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/pdf", test_pdf);
  g_test_add_func ("/document/nothing-outside-the-page", test_nothing_outside_the_page);
  g_test_add_func ("/document/empty", test_empty_document);
  g_test_add_func ("/document/figure-pages", test_figure_pages);
  g_test_add_func ("/document/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/document/row-targets-and-sections", test_row_targets_and_sections);
  g_test_add_func ("/document/long-text-every-line-once", test_long_text_every_line_once);
  g_test_add_func ("/document/cover-long-title", test_cover_long_title);

  return g_test_run ();
}
