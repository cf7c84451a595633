/* test-report.c: the PDF report of a threat model
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports are read back with poppler's command-line tools (pdftotext,
 * pdfinfo), the way a reader's viewer sees them.
 */

#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "moat-core.h"
#include "moat-report.h"
#include "moat-test-util.h"

/* ------------------------------------------------------------------ */
/* Reading PDFs                                                        */

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
have_poppler (void)
{
  const char *tools[] = { "pdftotext", "pdfinfo" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The text of every page, in reading layout; pages[0] is page 1. */
static GStrv
read_pages (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run (argv);
  GStrv pages;
  guint n;

  g_assert_nonnull (text);
  pages = g_strsplit (text, "\f", -1);
  /* pdftotext ends every page with a form feed: drop the empty tail. */
  n = g_strv_length (pages);
  if (n > 0 && pages[n - 1][0] == '\0')
    {
      g_free (pages[n - 1]);
      pages[n - 1] = NULL;
    }
  return pages;
}

static char *
pdf_info (const char *pdf,
          const char *option)
{
  const char *argv[] = { "pdfinfo", option ? option : "-box", pdf, NULL };
  char *info = run (argv);

  g_assert_nonnull (info);
  return info;
}

static guint
page_count (const char *pdf)
{
  g_autofree char *info = pdf_info (pdf, NULL);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

static char *
read_raw (const char *pdf,
          gsize      *length)
{
  char *raw = NULL;

  g_assert_true (g_file_get_contents (pdf, &raw, length, NULL));
  return raw;
}

/* The page's first line is its running header: the report on the left,
 * the section on the right. */
static gboolean
page_in_section (const char *page,
                 const char *section)
{
  g_autofree char *first = NULL;
  const char *end;

  while (*page == '\n' || *page == ' ')
    page++;
  end = strchr (page, '\n');
  first = g_strndup (page, end ? (gsize)(end - page) : strlen (page));
  g_strchomp (first);
  return g_str_has_suffix (first, section);
}

/* Every word pdftotext finds lies inside its page, clear of the edges. */
static void
assert_text_inside_pages (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *html = run (argv);
  double width = 0, height = 0;
  guint words = 0;

  g_assert_nonnull (html);
  for (const char *p = html; (p = strchr (p, '<')) != NULL; p++)
    {
      double x0, y0, x1, y1;

      if (g_str_has_prefix (p, "<page "))
        g_assert_cmpint (sscanf (p, "<page width=\"%lf\" height=\"%lf\"", &width, &height), ==, 2);
      else if (g_str_has_prefix (p, "<word "))
        {
          g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                                   &x0, &y0, &x1, &y1), ==, 4);
          g_assert_cmpfloat (x0, >=, 12);
          g_assert_cmpfloat (y0, >=, 12);
          g_assert_cmpfloat (x1, <=, width - 12);
          g_assert_cmpfloat (y1, <=, height - 12);
          words++;
        }
    }
  g_assert_cmpuint (words, >, 100);
}

/* Every link in the document leads to a destination that exists. */
static void
assert_links_resolve (const char *pdf)
{
  g_autofree char *dests = pdf_info (pdf, "-dests");
  gsize length;
  g_autofree char *raw = read_raw (pdf, &length);
  const char *p = raw, *end = raw + length;
  guint links = 0;

  while ((p = memmem (p, end - p, "/Dest (", 7)) != NULL)
    {
      const char *close;
      g_autofree char *name = NULL;
      g_autofree char *quoted = NULL;

      p += 7;
      close = memchr (p, ')', end - p);
      g_assert_nonnull (close);
      name = g_strndup (p, close - p);
      quoted = g_strdup_printf ("\"%s\"", name);
      g_assert_nonnull (strstr (dests, quoted));
      links++;
    }
  g_assert_cmpuint (links, >, 0);
}

static void
assert_outline_has (const char *raw,
                    gsize       length,
                    const char *title)
{
  g_autofree char *entry = g_strdup_printf ("/Title (%s)", title);

  g_assert_nonnull (memmem (raw, length, entry, strlen (entry)));
}

/* ------------------------------------------------------------------ */
/* Models                                                              */

static MoatModel *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "payment-service.moat.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_json_read_file (file, &error);

  g_assert_no_error (error);
  return model;
}

static const char *names[] = {
  "支付网关", "بوابة الدفع", "Платёжный шлюз", "Kassen-Dienst", "注文データベース",
  "خدمة الاحتيال", "Журнал аудита", "Web front end",
};

static const char *categories[] = { "S", "T", "R", "I", "D", "E" };

static char *
long_text (const char *sentence,
           guint       repeat)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < repeat; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", sentence);
  return g_string_free (out, FALSE);
}

static MoatElement *
add_node (MoatModel       *model,
          const char      *diagram_id,
          MoatElementKind  kind,
          guint            n,
          const char      *asset_id)
{
  MoatElement *element = moat_element_new ();
  g_autofree char *name = g_strdup_printf ("%s %u", names[n % G_N_ELEMENTS (names)], n);
  const char *assets[] = { asset_id, NULL };

  g_object_set (element, "diagram-id", diagram_id, "kind", kind, "name", name,
                "x", (double)(n % 6) * 200, "y", (double)(n / 6 % 4) * 150,
                "width", 140.0, "height", 70.0, "technology", "Rust",
                "internet-facing", n % 5 == 0, "authenticated", n % 2 == 0,
                "handles-pii", n % 3 == 0, "asset-ids", assets,
                "description", n % 7 == 0 ? "A component whose description runs on for a while, "
                                            "so that the catalogue has cells of several lines." : NULL,
                NULL);
  moat_model_add (model, element);
  return element;
}

/* A model that strains the layout: long texts everywhere, names in
 * several scripts, 300 threats of which some are longer than a page. */
static MoatModel *
make_long_model (void)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) threats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(MoatThreatActor) actor = moat_threat_actor_new ();
  g_autofree char *description = long_text ("The service takes payments from many shops and keeps "
                                            "their orders, refunds and settlements.", 12);
  const char *scale[] = { "Nobody notices.", "A few shops notice for minutes.",
                          "Many shops are affected for an hour.", "Checkout is down for hours.",
                          "Card data is exposed, or checkout is down on a peak day; regulators are involved and shops leave.",
                          NULL };

  moat_model_begin_action (model, "Generate");
  g_object_set (model,
                "title", "Платёжный шлюз 支付网关 بوابة الدفع: a threat model whose title is long enough to wrap",
                "owner", "Équipe paiements / 支付团队", "version-label", "7.0-rc1",
                "description", description, "business-purpose", description,
                "failure-impact", description, "impact-scale", scale,
                "scope-in", "Everything in the payments VPC.", "scope-out", "Shops' own sites.",
                NULL);

  g_object_set (actor, "name", "Организованная преступность", "capability", 4,
                "motivation", "Money.", "description", "Patient and well funded.", NULL);
  moat_model_add (model, actor);

  for (guint i = 0; i < 5; i++)
    {
      MoatAsset *asset = moat_asset_new ();
      g_autofree char *name = g_strdup_printf ("%s asset %u", names[i], i);

      g_object_set (asset, "name", name, "impact-confidentiality", 1 + (int)i,
                    "impact-integrity", 5 - (int)i, "impact-availability", 3,
                    "description", description, NULL);
      moat_model_add (model, asset);
      g_ptr_array_add (assets, asset);
    }

  for (guint d = 0; d < 2; d++)
    {
      g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
      const char *diagram_id = moat_object_get_id (MOAT_OBJECT (diagram));
      MoatElement *previous = NULL;

      g_object_set (diagram, "title", d == 0 ? "Контекст 上下文" : "Checkout flow", "position", (int)d, NULL);
      moat_model_add (model, diagram);

      for (guint n = 0; n < 20; n++)
        {
          MoatElementKind kind = n % 4 == 0 ? MOAT_ELEMENT_STORE
                               : n % 4 == 1 ? MOAT_ELEMENT_ACTOR : MOAT_ELEMENT_PROCESS;
          MoatAsset *asset = g_ptr_array_index (assets, n % assets->len);
          MoatElement *node = add_node (model, diagram_id, kind, d * 20 + n,
                                        moat_object_get_id (MOAT_OBJECT (asset)));

          g_ptr_array_add (elements, node);
          if (previous != NULL)
            {
              MoatElement *flow = moat_element_new ();

              g_object_set (flow, "diagram-id", diagram_id, "kind", MOAT_ELEMENT_FLOW,
                            "name", "Данные 数据", "protocol", "HTTPS",
                            "source-id", moat_object_get_id (MOAT_OBJECT (previous)),
                            "target-id", moat_object_get_id (MOAT_OBJECT (node)), NULL);
              moat_model_add (model, flow);
              g_ptr_array_add (elements, flow);
            }
          previous = node;
        }
    }

  for (guint i = 0; i < 300; i++)
    {
      MoatThreat *threat = moat_threat_new ();
      MoatElement *element = g_ptr_array_index (elements, (i * 7) % elements->len);
      const char *ids[] = { moat_object_get_id (MOAT_OBJECT (element)), NULL };
      g_autofree char *title = g_strdup_printf ("%s %u: %s", names[i % G_N_ELEMENTS (names)], i,
                                                i % 10 == 0 ? "a title long enough to wrap over several "
                                                              "lines of its cell in the threat table, and "
                                                              "then some more words to be sure"
                                                            : "requests are tampered with");
      /* A few threats are longer than a page: their rows must split. */
      g_autofree char *text = long_text (i % 60 == 3 ? "Описание угрозы 威胁描述 with many words in it."
                                                     : "An attacker on the network changes requests.",
                                         i % 60 == 3 ? 220 : 3);

      g_object_set (threat, "title", title, "description", text, "category", categories[i % G_N_ELEMENTS (categories)],
                    "element-ids", ids, "actor-id", moat_object_get_id (MOAT_OBJECT (actor)),
                    "likelihood", 1 + (int)(i % 5), "impact", 1 + (int)((i / 5) % 5),
                    "impact-overridden", TRUE, "status", (MoatThreatStatus)(i % 5 == 4 ? i % 3 + 1 : 0),
                    "owner", i % 3 ? "Équipe paiements" : NULL, NULL);
      moat_model_add (model, threat);
      g_ptr_array_add (threats, threat);
    }

  for (guint c = 0; c < 60; c++)
    {
      g_autoptr(MoatControl) control = moat_control_new ();
      const char *ids[6] = { NULL };
      g_autofree char *title = g_strdup_printf ("Контроль %u: sign and check every request", c);
      g_autofree char *key = g_strdup_printf ("PAY-%u", 100 + c);

      for (guint t = 0; t < 5; t++)
        ids[t] = moat_object_get_id (g_ptr_array_index (threats, (c * 5 + t) % threats->len));
      g_object_set (control, "title", title, "threat-ids", ids, "tracker-key", key,
                    "owner", "Платформа", "status", (MoatControlStatus)(c % 5),
                    "effort", (MoatEffort)(c % 3), "description", description, NULL);
      moat_model_add (model, control);
    }

  for (guint a = 0; a < 20; a++)
    {
      g_autoptr(MoatAssumption) assumption = moat_assumption_new ();
      const char *element_ids[] = { moat_object_get_id (g_ptr_array_index (elements, a)), NULL };
      const char *threat_ids[] = { moat_object_get_id (g_ptr_array_index (threats, a * 3)), NULL };
      g_autofree char *statement = g_strdup_printf ("假设 %u: the network between the services "
                                                    "cannot be reached from outside.", a);

      g_object_set (assumption, "statement", statement, "element-ids", element_ids,
                    "threat-ids", threat_ids, "status", (MoatAssumptionStatus)(a % 3),
                    "kind", a % 7 == 6 ? MOAT_ASSUMPTION_KIND_QUESTION : MOAT_ASSUMPTION_KIND_ASSUMPTION,
                    "validation", "Try it from a host outside.", NULL);
      moat_model_add (model, assumption);
    }

  moat_model_end_action (model);
  return model;
}

static char *
write_report (MoatModel          *model,
              MoatStore          *store,
              const char         *dir,
              const char         *name,
              MoatReportOptions  *options)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_report_export_pdf (model, store, options, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static const char *section_titles[] = {
  "Executive summary", "Business context", "Diagrams", "Element catalogue", "Threats",
  "Control roadmap", "Requirement coverage", "Assumptions", "Change history", "Appendix: rules used",
};

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_example (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = NULL;
  g_autofree char *pdf = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *info = NULL;
  g_autofree char *raw = NULL;
  gsize length;
  guint n_pages, landscape = 0, summary = 0;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  model = load_example ();
  pdf = write_report (model, NULL, dir, "example.pdf", NULL);
  n_pages = page_count (pdf);
  pages = read_pages (pdf);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  /* A cover, a one-page summary, a page per diagram and the rest. */
  g_assert_cmpuint (n_pages, >=, 2 + moat_model_count (model, MOAT_TYPE_DIAGRAM) + 6);
  g_assert_cmpuint (n_pages, <=, 40);

  /* The cover names the model, and every section is there, under its
   * own heading, in the outline too. */
  g_assert_nonnull (strstr (pages[0], moat_model_get_title (model)));
  g_assert_nonnull (strstr (pages[0], moat_model_get_owner (model)));
  raw = read_raw (pdf, &length);
  g_assert_nonnull (memmem (raw, length, "/Outlines", 9));
  for (guint s = 0; s < G_N_ELEMENTS (section_titles); s++)
    {
      gboolean found = FALSE;

      for (guint p = 1; pages[p] != NULL && !found; p++)
        found = strstr (pages[p], section_titles[s]) != NULL;
      g_assert_true (found);
      assert_outline_has (raw, length, section_titles[s]);
    }
  assert_outline_has (raw, length, "For the penetration test: prove these wrong");

  /* The summary fits on one page: its page holds the top risks and the
   * roadmap, and the next page is another section. */
  for (guint p = 0; pages[p] != NULL; p++)
    if (page_in_section (pages[p], "Executive summary"))
      {
        summary++;
        g_assert_nonnull (strstr (pages[p], "Top risks"));
        g_assert_nonnull (strstr (pages[p], "Roadmap at a glance"));
      }
  g_assert_cmpuint (summary, ==, 1);

  /* Metadata. */
  info = pdf_info (pdf, NULL);
  g_assert_nonnull (strstr (info, moat_model_get_title (model)));
  g_assert_nonnull (strstr (info, moat_model_get_owner (model)));
  g_assert_nonnull (strstr (info, "Threat model report"));

  /* The wide diagrams get landscape pages; every other page is A4. */
  {
    g_autofree char *last = g_strdup_printf ("%u", n_pages);
    const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, pdf, NULL };
    g_autofree char *sizes = run (argv);
    g_auto(GStrv) lines = g_strsplit (sizes, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        double w, h;
        const char *size = strstr (lines[i], "size:");

        if (!g_str_has_prefix (lines[i], "Page") || size == NULL)
          continue;
        g_assert_cmpint (sscanf (size, "size: %lf x %lf", &w, &h), ==, 2);
        if (w > h)
          landscape++;
        else
          g_assert_cmpfloat (fabs (w - 595.276) + fabs (h - 841.89), <, 1);
      }
  }
  g_assert_cmpuint (landscape, >=, 1);

  assert_text_inside_pages (pdf);
  assert_links_resolve (pdf);

  /* The threats the summary links to are the worst open ones. */
  g_assert_nonnull (strstr (info, "Pages:"));
  moat_test_rm_rf (dir);
}

static void
test_long_model (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = make_long_model ();
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autofree char *pdf = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;
  guint n_pages, threat_pages = 0, catalogue_pages = 0;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  options->paper = MOAT_PAPER_LETTER;
  pdf = write_report (model, NULL, dir, "long.pdf", options);
  n_pages = page_count (pdf);
  pages = read_pages (pdf);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  /* 300 threats at a few per page, a dozen pages of elements and more. */
  g_assert_cmpuint (n_pages, >=, 50);
  g_assert_cmpuint (n_pages, <=, 400);

  /* Every page of a long table repeats its header row, also where a
   * row too long for one page goes on. */
  for (guint p = 0; pages[p] != NULL; p++)
    {
      if (page_in_section (pages[p], "Threats") && strstr (pages[p], "Risk is likelihood") == NULL)
        {
          g_assert_nonnull (strstr (pages[p], "Ref"));
          g_assert_nonnull (strstr (pages[p], "Threat"));
          g_assert_nonnull (strstr (pages[p], "Status"));
          g_assert_nonnull (strstr (pages[p], "Controls"));
          threat_pages++;
        }
      if (page_in_section (pages[p], "Element catalogue"))
        {
          g_assert_nonnull (strstr (pages[p], "Security properties"));
          catalogue_pages++;
        }
    }
  g_assert_cmpuint (threat_pages, >=, 20);
  g_assert_cmpuint (catalogue_pages, >=, 3);

  /* Every threat is listed. */
  all = g_strjoinv ("\n", pages);
  for (guint t = 1; t <= 300; t += 37)
    {
      g_autofree char *ref = g_strdup_printf ("T%u ", t);
      g_assert_nonnull (strstr (all, ref));
    }

  /* Names in other scripts come out as text: a glyph no font has would
   * be drawn as a box and read back as nothing. */
  g_assert_nonnull (strstr (all, "支付网关"));
  g_assert_nonnull (strstr (all, "Платёжный шлюз"));
  g_assert_nonnull (strstr (all, "بوابة"));

  assert_text_inside_pages (pdf);
  assert_links_resolve (pdf);
  moat_test_rm_rf (dir);
}

/* Drawn for a printer, page by page, nothing lands outside the page. */
static void
test_render_pages (void)
{
  g_autoptr(MoatModel) model = make_long_model ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatReport) report = moat_report_new (model, NULL, NULL, &error);
  double width, height;
  guint n_pages;

  g_assert_no_error (error);
  moat_document_paper_size (MOAT_PAPER_LETTER, &width, &height);
  n_pages = moat_report_paginate (report, width, height);
  g_assert_cmpuint (n_pages, >, 20);

  for (guint p = 0; p < n_pages; p++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      double x, y, w, h;

      moat_report_render_page (report, cr, p);
      cairo_destroy (cr);
      cairo_recording_surface_ink_extents (surface, &x, &y, &w, &h);
      cairo_surface_destroy (surface);

      /* Landscape pages swap the sides. */
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      if (w > width + 0.5)
        g_assert_cmpfloat (y + h, <=, width + 0.5);
      g_assert_cmpfloat (x + w, <=, MAX (width, height) + 0.5);
      g_assert_cmpfloat (y + h, <=, MAX (width, height) + 0.5);
    }
}

static void
test_sections (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autofree char *pdf = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *all = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  model = load_example ();
  options->sections = MOAT_REPORT_THREATS | MOAT_REPORT_ROADMAP;
  options->grouping = MOAT_REPORT_GROUP_BY_ELEMENT;
  pdf = write_report (model, NULL, dir, "part.pdf", options);
  pages = read_pages (pdf);
  all = g_strjoinv ("\n", pages);

  /* No cover: the first page is the first section asked for. */
  g_assert_true (page_in_section (pages[0], "Threats"));
  g_assert_nonnull (strstr (all, "Control roadmap"));
  g_assert_null (strstr (all, "Executive summary"));
  g_assert_null (strstr (all, "Element catalogue"));
  g_assert_null (strstr (all, "Appendix"));

  /* Grouped by element: a heading for each element with threats. */
  g_assert_nonnull (strstr (all, "Admin console (Process)"));
  assert_links_resolve (pdf);

  moat_test_rm_rf (dir);
}

/* @text with every run of white space made one space. */
static char *
squash (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The link areas of every annotation that leads to @uri, in PDF points
 * (origin at the bottom left): x0, y0, x1, y1 each. */
static GArray *
link_rects (const char *raw,
            gsize       length,
            const char *uri)
{
  g_autofree char *needle = g_strdup_printf ("/URI (%s)", uri);
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (double));
  const char *end = raw + length;

  for (const char *p = raw; (p = memmem (p, end - p, needle, strlen (needle))) != NULL; p++)
    {
      const char *rect = p;
      double r[4];

      /* The annotation's /Rect comes a few lines before its action. */
      while (rect > raw && rect > p - 400 && memcmp (rect, "/Rect [", 7) != 0)
        rect--;
      if (memcmp (rect, "/Rect [", 7) != 0)
        rect = NULL;

      g_assert_nonnull (rect);
      g_assert_cmpint (sscanf (rect, "/Rect [ %lf %lf %lf %lf ]", &r[0], &r[1], &r[2], &r[3]), ==, 4);
      g_array_append_vals (rects, r, 4);
    }
  return rects;
}

/* Each place pdftotext finds @word (on an A4 page) lies inside one of
 * @rects: the link covers the text that names it. */
static guint
assert_words_linked (const char *pdf,
                     const char *word,
                     GArray     *rects)
{
  const char *argv[] = { "pdftotext", "-bbox", pdf, "-", NULL };
  g_autofree char *html = run (argv);
  g_autofree char *tail = g_strdup_printf (">%s</word>", word);
  guint found = 0;

  g_assert_nonnull (html);
  for (const char *p = html; (p = strstr (p, "<word ")) != NULL; p++)
    {
      const char *close = strchr (p, '\n');
      double x0, y0, x1, y1, cx, cy;
      gboolean inside = FALSE;

      if (close == NULL || g_strstr_len (p, close - p, tail) == NULL)
        continue;
      g_assert_cmpint (sscanf (p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                               &x0, &y0, &x1, &y1), ==, 4);
      cx = (x0 + x1) / 2;
      cy = 841.89 - (y0 + y1) / 2;
      for (guint r = 0; r + 3 < rects->len && !inside; r += 4)
        {
          double *rect = &g_array_index (rects, double, r);

          inside = cx > rect[0] && cx < rect[2] && cy > rect[1] && cy < rect[3];
        }
      g_assert_true (inside);
      found++;
    }
  return found;
}

static guint
pages_in_section (char       **pages,
                  const char  *section)
{
  guint n = 0;

  for (guint p = 0; pages[p] != NULL; p++)
    n += page_in_section (pages[p], section);
  return n;
}

/* Writes a report and reads it back: its pages in @pages, and the text
 * of them all with each run of white space one space. */
static char *
report_text (MoatModel          *model,
             const char         *dir,
             const char         *name,
             MoatReportOptions  *options,
             GStrv              *pages)
{
  g_autofree char *pdf = write_report (model, NULL, dir, name, options);
  g_autofree char *all = NULL;

  g_clear_pointer (pages, g_strfreev);
  *pages = read_pages (pdf);
  all = g_strjoinv ("\n", *pages);
  return squash (all);
}

/* Each threat names its CWE, CAPEC and OWASP references, each a link to
 * its public page; the roadmap names the requirements each control meets. */
static void
test_knowledge (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autofree char *pdf = NULL, *text = NULL, *raw = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GArray) cwe = NULL;
  g_autoptr(GArray) owasp = NULL;
  gsize length;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  model = load_example ();
  options->sections = MOAT_REPORT_THREATS | MOAT_REPORT_ROADMAP;
  text = report_text (model, dir, "knowledge.pdf", options, &pages);
  pdf = g_build_filename (dir, "knowledge.pdf", NULL);

  /* th-audit-tamper: CWE-284, CAPEC-268, OWASP-A09:2021. */
  g_assert_nonnull (strstr (text, "References: CWE-284 Improper access control · CAPEC-268"));
  g_assert_nonnull (strstr (text, "OWASP-A09:2021 Security Logging and Monitoring Failures"));
  /* ct-audit-append meets asvs:V16.4.2; ct-console-vpn two requirements. */
  g_assert_nonnull (strstr (text, "Meets: asvs:V16.4.2"));
  g_assert_nonnull (strstr (text, "Meets: asvs:V6.3.3, asvs:V8.2.1"));

  raw = read_raw (pdf, &length);
  cwe = link_rects (raw, length, "https://cwe.mitre.org/data/definitions/284.html");
  owasp = link_rects (raw, length, "https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/");
  g_assert_cmpuint (cwe->len, >, 0);
  g_assert_cmpuint (owasp->len, >, 0);
  g_assert_cmpuint (assert_words_linked (pdf, "CWE-284", cwe), >, 0);
  g_assert_cmpuint (assert_words_linked (pdf, "OWASP-A09:2021", owasp), >, 0);
  /* The report's own links still lead somewhere. */
  assert_links_resolve (pdf);

  moat_test_rm_rf (dir);
}

/* The coverage section says what `moat-cli coverage` says: the share of
 * applicable requirements met, the counts by status and the ten riskiest
 * gaps with the open threats they leave, on no more than two pages. */
static void
test_coverage (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autoptr(MoatLibrary) library = moat_library_new_builtin ();
  g_autoptr(MoatCoverage) coverage = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *met = NULL, *more = NULL, *title = NULL;
  g_auto(GStrv) pages = NULL;
  const MoatCoverageItem *first;
  GListModel *controls;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  model = load_example ();
  coverage = moat_coverage_compute (library, model, "asvs", 1, &error);
  g_assert_no_error (error);
  gaps = moat_coverage_get_gaps (coverage);
  g_assert_cmpuint (gaps->len, >, 10);
  first = gaps->pdata[0];
  g_assert_cmpuint (first->threat_ids->len, >, 0);

  options->sections = MOAT_REPORT_THREATS | MOAT_REPORT_COVERAGE;
  text = report_text (model, dir, "coverage.pdf", options, &pages);
  g_assert_cmpuint (pages_in_section (pages, "Requirement coverage"), >=, 1);
  g_assert_cmpuint (pages_in_section (pages, "Requirement coverage"), <=, 2);

  title = moat_coverage_get_title (coverage);
  g_assert_nonnull (strstr (text, title));
  met = g_strdup_printf ("%u of %u (%.0f%%) %u %u %u %u", moat_coverage_get_n_met (coverage),
                         moat_coverage_get_n_applicable (coverage), moat_coverage_get_percent (coverage),
                         moat_coverage_count (coverage, MOAT_COVERAGE_VERIFIED),
                         moat_coverage_count (coverage, MOAT_COVERAGE_IMPLEMENTED),
                         moat_coverage_count (coverage, MOAT_COVERAGE_PLANNED),
                         moat_coverage_count (coverage, MOAT_COVERAGE_NONE));
  g_assert_nonnull (strstr (text, met));
  /* The riskiest gap first, with its open threat (by its title) and level. */
  {
    g_autofree char *requirement = moat_requirement_describe (first->requirement);
    MoatThreat *threat = moat_model_lookup_typed (model, first->threat_ids->pdata[0], MOAT_TYPE_THREAT);
    const char *at = strstr (text, "Largest gaps");
    g_auto(GStrv) words = NULL;
    g_autofree char *row = NULL;

    g_assert_nonnull (at);
    g_assert_nonnull (threat);
    /* The columns share lines: the threat's reference, then its title's
     * first word, follow the requirement. */
    words = g_strsplit (moat_threat_get_title (threat), " ", 2);
    row = g_strdup_printf ("%s T", requirement);
    at = strstr (at, first->requirement->id);
    g_assert_true (g_str_has_prefix (at, row));
    g_assert_true (g_str_has_prefix (strchr (at + strlen (row), ' ') + 1, words[0]));
    g_assert_nonnull (strstr (at, moat_risk_level_get_label (first->gap_level)));
  }
  /* Ten gaps, then how many more. */
  for (guint i = 0; i < 10; i++)
    g_assert_nonnull (strstr (text, ((const MoatCoverageItem *)gaps->pdata[i])->requirement->id));
  more = g_strdup_printf ("And %u more gaps", gaps->len - 10);
  g_assert_nonnull (strstr (text, more));
  g_assert_nonnull (strstr (text, "CC BY-SA 4.0"));

  /* Another level, when asked. */
  g_free (text);
  options->coverage_level = 2;
  text = report_text (model, dir, "level2.pdf", options, &pages);
  g_assert_nonnull (strstr (text, "5.0.0, level 2"));

  /* A model with no catalogue and no requirement is not graded … */
  g_object_set (model, "catalogues", NULL, NULL);
  controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);
  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);

      g_object_set (control, "requirements", NULL, NULL);
    }
  g_assert_false (moat_coverage_model_uses_catalogues (model));
  g_free (text);
  text = report_text (model, dir, "none.pdf", options, &pages);
  g_assert_cmpuint (pages_in_section (pages, "Threats"), >, 0);
  g_assert_cmpuint (pages_in_section (pages, "Requirement coverage"), ==, 0);

  /* … unless that is the one section asked for. */
  g_free (text);
  options->sections = MOAT_REPORT_COVERAGE;
  text = report_text (model, dir, "alone.pdf", options, &pages);
  g_assert_cmpuint (pages_in_section (pages, "Requirement coverage"), >=, 1);
  g_assert_nonnull (strstr (text, "Largest gaps"));

  moat_test_rm_rf (dir);
}

/* An invalidated assumption is named on the summary page, with how many
 * threats rely on it. */
static void
test_broken_assumption (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autoptr(GPtrArray) reliant = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *before_pdf = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *flat = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) before = NULL;
  MoatAssumption *assumption;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  /* The example has one broken already: the masked replica. */
  model = load_example ();
  options->sections = MOAT_REPORT_SUMMARY;
  before_pdf = write_report (model, NULL, dir, "before.pdf", options);
  before = read_pages (before_pdf);
  flat = squash (before[0]);
  g_assert_nonnull (strstr (flat, "1 broken assumption:"));
  g_assert_nonnull (strstr (flat, "Customer data in the reporting replica is masked"));
  g_assert_null (strstr (flat, "Fraud scoring never receives"));
  g_clear_pointer (&flat, g_free);

  assumption = moat_model_lookup_typed (model, "asm-fraud-no-pan", MOAT_TYPE_ASSUMPTION);
  g_assert_nonnull (assumption);
  moat_model_set (model, assumption, "status", MOAT_ASSUMPTION_INVALIDATED, NULL);
  reliant = moat_assumption_list_reliant_threats (assumption, model);
  g_assert_cmpuint (reliant->len, >, 0);

  pdf = write_report (model, NULL, dir, "after.pdf", options);
  pages = read_pages (pdf);
  g_assert_cmpuint (g_strv_length (pages), ==, 1);
  /* The paragraph wraps: compare with the spaces folded. */
  flat = squash (pages[0]);
  g_assert_nonnull (strstr (flat, "2 broken assumptions:"));
  g_assert_nonnull (strstr (flat, "Fraud scoring never receives"));
  expected = g_strdup_printf (reliant->len == 1 ? "%u threat relies on it" : "%u threats rely on it",
                              reliant->len);
  g_assert_nonnull (strstr (flat, expected));

  moat_test_rm_rf (dir);
}

static void
test_history (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "model.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) source = load_example ();
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatReportOptions) options = moat_report_options_new ();
  g_autoptr(GError) error = NULL;
  MoatModel *model;
  MoatThreat *threat;
  g_autofree char *pdf = NULL;
  g_autofree char *later_pdf = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) later_pages = NULL;
  g_autofree char *all = NULL;
  g_autofree char *later_all = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  store = moat_store_create (file, source, &error);
  g_assert_no_error (error);
  model = moat_store_get_model (store);
  threat = moat_model_lookup_typed (model, "th-ddos", MOAT_TYPE_THREAT);
  g_assert_nonnull (threat);

  moat_model_begin_action (model, "Accept the flooding risk");
  g_object_set (threat, "status", MOAT_THREAT_ACCEPTED, "status-reason", "Covered by the CDN contract", NULL);
  moat_model_end_action (model);

  options->sections = MOAT_REPORT_HISTORY;
  pdf = write_report (model, store, dir, "history.pdf", options);
  pages = read_pages (pdf);
  all = g_strjoinv ("\n", pages);
  g_assert_nonnull (strstr (all, "Change history"));
  g_assert_nonnull (strstr (all, "Accept the flooding risk"));
  g_assert_nonnull (strstr (all, "accepted"));

  /* Nothing happened after tomorrow. */
  options->since = g_get_real_time () + G_TIME_SPAN_DAY;
  later_pdf = write_report (model, store, dir, "later.pdf", options);
  later_pages = read_pages (later_pdf);
  later_all = g_strjoinv ("\n", later_pages);
  g_assert_null (strstr (later_all, "Accept the flooding risk"));
  g_assert_nonnull (strstr (later_all, "Nothing changed in this period."));

  moat_store_close (store);
  moat_test_rm_rf (dir);
}

static void
test_cancel_keeps_file (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) model = load_example ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (moat_report_export_pdf (model, NULL, NULL, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  moat_test_rm_rf (dir);
}

typedef struct
{
  GMainLoop *loop;
  GArray    *fractions;
  gboolean   ok;
  GError    *error;
  guint      destroyed;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer data)
{
  AsyncState *state = data;

  /* Reported on the thread that asked, in order. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (state->fractions, fraction);
}

static void
on_progress_destroyed (gpointer data)
{
  AsyncState *state = data;

  state->destroyed++;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  AsyncState *state = data;

  state->ok = moat_report_write_pdf_finish (MOAT_REPORT (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) model = load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatReport) report = moat_report_new (model, NULL, NULL, &error);
  g_autofree char *contents = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), g_array_new (FALSE, FALSE, sizeof (double)) };
  gsize length;

  g_assert_no_error (error);
  moat_report_write_pdf_async (report, file, on_progress, &state, on_progress_destroyed,
                               NULL, on_written, &state);
  g_main_loop_run (state.loop);
  /* The progress data is let go of once the worker is done with it. */
  while (state.destroyed == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.destroyed, ==, 1);
  g_assert_cmpuint (state.fractions->len, >=, 2);
  for (guint i = 1; i < state.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (state.fractions, double, i), >=,
                       g_array_index (state.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (state.fractions, double, state.fractions->len - 1), ==, 1.0);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  g_array_unref (state.fractions);
  g_main_loop_unref (state.loop);
  moat_test_rm_rf (dir);
}

/* Fields full of odd values (line breaks, markup characters, scripts,
 * out-of-range numbers) make a report, not a crash. */
static void
test_odd_values (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autofree char *pdf = write_report (model, NULL, dir, "odd.pdf", NULL);
  g_autoptr(MoatModel) empty = moat_model_new ();
  g_autofree char *empty_pdf = write_report (empty, NULL, dir, "empty.pdf", NULL);

  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (empty_pdf, G_FILE_TEST_IS_REGULAR));
  if (have_poppler ())
    {
      g_assert_cmpuint (page_count (pdf), >=, 5);
      g_assert_cmpuint (page_count (empty_pdf), >=, 5);
    }
  moat_test_rm_rf (dir);
}

static void
test_parse_sections (void)
{
  MoatReportSections sections = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (moat_report_sections_parse ("summary, threats", &sections, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sections, ==, MOAT_REPORT_SUMMARY | MOAT_REPORT_THREATS);

  g_assert_true (moat_report_sections_parse ("all", &sections, &error));
  g_assert_cmpint (sections, ==, MOAT_REPORT_ALL_SECTIONS);

  for (guint i = 0; i < MOAT_REPORT_N_SECTIONS; i++)
    {
      MoatReportSections one = 1 << i;
      MoatReportSections parsed = 0;

      g_assert_true (moat_report_sections_parse (moat_report_section_get_name (one), &parsed, NULL));
      g_assert_cmpint (parsed, ==, one);
      g_assert_nonnull (moat_report_section_get_title (one));
    }

  g_assert_false (moat_report_sections_parse ("summary,bogus", &sections, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bogus"));
  g_clear_error (&error);
  g_assert_false (moat_report_sections_parse (" , ", &sections, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/example", test_example);
  g_test_add_func ("/report/long-model", test_long_model);
  g_test_add_func ("/report/render-pages", test_render_pages);
  g_test_add_func ("/report/sections", test_sections);
  g_test_add_func ("/report/history", test_history);
  g_test_add_func ("/report/broken-assumption", test_broken_assumption);
  g_test_add_func ("/report/cancel-keeps-file", test_cancel_keeps_file);
  g_test_add_func ("/report/async", test_async);
  g_test_add_func ("/report/odd-values", test_odd_values);
  g_test_add_func ("/report/parse-sections", test_parse_sections);
  g_test_add_func ("/report/knowledge", test_knowledge);
  g_test_add_func ("/report/coverage", test_coverage);

  return g_test_run ();
}
