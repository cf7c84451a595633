/* moat-estate-report.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three sections, each starting a page: the overview (heat map and the
 * systems ranked), the highest risks and the trends, and the systems that
 * need attention. Long lists are cut to what a reader takes in, with a
 * line saying how many more there are.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "moat-enum-types.h"
#include "moat-estate-inventory.h"
#include "moat-estate-report.h"
#include "moat-format.h"
#include "moat-report.h"

#define GREY "#5e6670"
#define MAX_SYSTEMS 14     /* rows of the ranking on the first page */
#define MAX_ATTENTION 16
#define N_TOP 10

/* Charts */

/* One line; @y is its top, as the charts lay it out; @size is in points. */
static void
chart_label (cairo_t        *cr,
             const char     *markup,
             const char     *size,
             double          x,
             double          y,
             double          width,
             PangoAlignment  align)
{
  g_autofree char *font = g_strconcat (MOAT_REPORT_FONT " ", size, NULL);

  /* A line is about 1.25 times the font's size high. */
  moat_report_draw_markup (cr, markup, font, x, y + g_ascii_strtod (size, NULL) * 0.625, width, align);
}

typedef guint (*MonthValue) (const MoatEstateMonth *month);

static guint opened (const MoatEstateMonth *m) { return m->threats_opened; }
static guint closed (const MoatEstateMonth *m) { return m->threats_closed; }
static guint severe (const MoatEstateMonth *m) { return m->open_severe; }
static guint done (const MoatEstateMonth *m) { return m->controls_done; }

typedef struct
{
  const char *label;
  MonthValue  value;
  double      rgb[3];
} Series;

/* A scale top that reads well and halves into whole numbers: 2, 4, 10,
 * 20, 40, 100… at or above @max. */
static guint
nice_top (guint max)
{
  for (guint step = 1; ; step *= 10)
    for (guint k = 0; k < 3; k++)
      {
        guint top = step * (k == 0 ? 2 : k == 1 ? 4 : 10);

        if (top >= max)
          return top;
      }
}

static void
draw_axes (cairo_t *cr,
           GArray  *months,
           guint    top,
           double   x,
           double   y,
           double   w,
           double   h)
{
  for (guint k = 0; k <= 2; k++)
    {
      double gy = y + h - h * k / 2;
      g_autofree char *value = g_strdup_printf ("%u", top * k / 2);

      cairo_set_source_rgb (cr, 0.88, 0.89, 0.90);
      cairo_move_to (cr, x, gy);
      cairo_line_to (cr, x + w, gy);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.37, 0.40, 0.44);
      chart_label (cr, value, "7", x - 24, gy - 5, 20, PANGO_ALIGN_RIGHT);
    }
  for (guint i = 0; i < months->len; i++)
    {
      MoatEstateMonth *m = &g_array_index (months, MoatEstateMonth, i);
      g_autoptr(GDateTime) date = g_date_time_new_utc (m->year, m->month, 1, 0, 0, 0);
      g_autofree char *name = NULL;

      /* Every other month, and the year under January and the first. */
      if ((months->len - 1 - i) % 2 != 0)
        continue;
      name = g_date_time_format (date, "%b");
      chart_label (cr, name, "6.5", x + w * i / months->len, y + h + 3, w / months->len * 3, PANGO_ALIGN_LEFT);
      if (m->month != 1 && i >= 2)
        continue;
      g_free (name);
      name = g_date_time_format (date, "%Y");
      chart_label (cr, name, "6.5", x + w * i / months->len, y + h + 11, w / months->len * 3, PANGO_ALIGN_LEFT);
    }
}

static void
draw_legend (cairo_t      *cr,
             const Series *series,
             guint         n,
             double        x,
             double        y,
             double        w)
{
  double lx = x;

  for (guint s = 0; s < n; s++)
    {
      g_autofree char *label = g_markup_escape_text (series[s].label, -1);

      cairo_set_source_rgb (cr, series[s].rgb[0], series[s].rgb[1], series[s].rgb[2]);
      cairo_rectangle (cr, lx, y + 3, 7, 7);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.25, 0.27, 0.30);
      chart_label (cr, label, "7", lx + 10, y, w / n - 12, PANGO_ALIGN_LEFT);
      lx += w / n;
    }
}

/* One chart in the box (@x, @y, @w, @h): a title, a legend, and bars
 * (or a line) per month for each series. */
static void
draw_chart (cairo_t      *cr,
            GArray       *months,
            const char   *title,
            const Series *series,
            guint         n_series,
            gboolean      line,
            double        x,
            double        y,
            double        w,
            double        h)
{
  double px = x + 28, py = y + 34, pw = w - 34, ph = h - 34 - 26, slot = pw / MAX (months->len, 1);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);
  guint max = 0, top;

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  chart_label (cr, markup, "8.5", x, y, w, PANGO_ALIGN_LEFT);
  draw_legend (cr, series, n_series, x, y + 14, w);
  for (guint i = 0; i < months->len; i++)
    for (guint s = 0; s < n_series; s++)
      max = MAX (max, series[s].value (&g_array_index (months, MoatEstateMonth, i)));
  top = nice_top (max);
  cairo_set_line_width (cr, 0.5);
  draw_axes (cr, months, top, px, py, pw, ph);

  for (guint s = 0; s < n_series; s++)
    {
      double bar = slot * 0.7 / n_series;

      cairo_set_source_rgb (cr, series[s].rgb[0], series[s].rgb[1], series[s].rgb[2]);
      cairo_set_line_width (cr, 1.5);
      for (guint i = 0; i < months->len; i++)
        {
          double v = series[s].value (&g_array_index (months, MoatEstateMonth, i)) * ph / top;
          double cx = px + slot * i + slot * 0.15 + bar * s;

          if (!line)
            cairo_rectangle (cr, cx, py + ph - v, bar, v);
          else if (i == 0)
            cairo_move_to (cr, px + slot * (i + 0.5), py + ph - v);
          else
            cairo_line_to (cr, px + slot * (i + 0.5), py + ph - v);
        }
      if (line)
        cairo_stroke (cr);
      else
        cairo_fill (cr);
    }
}

void
moat_estate_report_draw_trends (cairo_t *cr,
                                GArray  *months,
                                double   width,
                                double   height)
{
  Series threats[] = {
    { _("Opened"), opened, { 0.85, 0.42, 0.16 } },
    { _("Closed"), closed, { 0.18, 0.55, 0.34 } },
  };
  Series open[] = { { _("At month’s end"), severe, { 0.0, 0.0, 0.0 } } };
  Series controls[] = { { _("Implemented"), done, { 0.21, 0.40, 0.72 } } };
  double gap = 18, third = (width - 2 * gap) / 3;

  moat_risk_level_get_rgb (MOAT_RISK_CRITICAL, &open[0].rgb[0], &open[0].rgb[1], &open[0].rgb[2]);
  draw_chart (cr, months, _("Threats"), threats, 2, FALSE, 0, 0, third, height);
  draw_chart (cr, months, _("Open high and critical"), open, 1, TRUE, third + gap, 0, third, height);
  draw_chart (cr, months, _("Controls completed"), controls, 1, FALSE, 2 * (third + gap), 0, third, height);
}

static void
draw_trends_block (cairo_t  *cr,
                   double    width,
                   double    height,
                   gpointer  data)
{
  moat_estate_report_draw_trends (cr, data, width, height);
}

typedef struct
{
  char  *title;
  guint  counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];
  guint  by_level[MOAT_RISK_N_LEVELS];
} Overview;

static void
overview_free (Overview *overview)
{
  g_free (overview->title);
  g_free (overview);
}

/* The heat map, and beside it the open threats by residual level. */
static void
draw_overview (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  data)
{
  Overview *o = data;
  g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>", _("Open threats by residual risk"));
  guint max = 1;
  double bx = 270, bw = width - bx - 40;

  moat_report_draw_heat_map (cr, o->title, o->counts, 40, 250);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  chart_label (cr, heading, "9", bx, 0, width - bx, PANGO_ALIGN_LEFT);
  for (guint l = 0; l < MOAT_RISK_N_LEVELS; l++)
    max = MAX (max, o->by_level[l]);
  for (int l = MOAT_RISK_CRITICAL; l >= MOAT_RISK_LOW; l--)
    {
      double y = 26 + (MOAT_RISK_CRITICAL - l) * 26, r, g, b;
      g_autofree char *count = g_strdup_printf ("<b>%u</b>", o->by_level[l]);
      g_autofree char *label = g_markup_escape_text (moat_risk_level_get_label (l), -1);

      cairo_set_source_rgb (cr, 0.25, 0.27, 0.30);
      chart_label (cr, label, "8.5", bx, y + 2, 70, PANGO_ALIGN_LEFT);
      moat_risk_level_get_rgb (l, &r, &g, &b);
      cairo_set_source_rgb (cr, r, g, b);
      cairo_rectangle (cr, bx + 74, y, MAX (bw - 74, 0) * o->by_level[l] / max + 2, 16);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
      chart_label (cr, count, "8.5", bx + 74 + MAX (bw - 74, 0) * o->by_level[l] / max + 8, y + 2, 40,
                   PANGO_ALIGN_LEFT);
    }
}

/* Sections */

static char *
level_markup (MoatRiskLevel level)
{
  double r, g, b;

  moat_risk_level_get_rgb (level, &r, &g, &b);
  return g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\"><b>%s</b></span>",
                                  (int) (r * 255), (int) (g * 255), (int) (b * 255),
                                  moat_risk_level_get_label (level));
}

static char *
day (gint64 time)
{
  g_autoptr(GDateTime) date = time != 0 ? g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC) : NULL;

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup (_("never"));
}

static char *
escaped (const char *text)
{
  return g_markup_escape_text (text != NULL && *text != '\0' ? text : "—", -1);
}

static void
add_lead (MoatDocument *doc,
          MoatEstate   *estate,
          GPtrArray    *attention)
{
  g_autofree char *as_of = day (moat_estate_get_now (estate));
  g_autofree char *lead = NULL;

  lead = g_markup_printf_escaped (_("As of %s, <b>%u systems</b> are modelled. They hold "
                                    "<b>%u critical</b> and <b>%u high</b> open risks after the controls in place; "
                                    "<b>%u systems</b> need attention."),
                                  as_of, moat_estate_get_n_models (estate),
                                  moat_estate_get_n_open (estate, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_CRITICAL),
                                  moat_estate_get_n_open (estate, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_HIGH),
                                  attention != NULL ? attention->len : 0);
  moat_document_add_paragraph (doc, lead);
  if (moat_estate_get_n_errors (estate) > 0)
    {
      g_autofree char *warning = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE,
                                                                       "%u file could not be read; it is listed at the end.",
                                                                       "%u files could not be read; they are listed at the end.",
                                                                       moat_estate_get_n_errors (estate)),
                                                          moat_estate_get_n_errors (estate));
      moat_document_add_callout (doc, warning);
    }
}

static void
add_heat_map (MoatDocument *doc,
              MoatEstate   *estate)
{
  Overview *o = g_new0 (Overview, 1);
  double height;

  o->title = g_strdup (_("Residual likelihood × impact"));
  moat_estate_get_heat_map (estate, MOAT_RISK_BASIS_RESIDUAL, o->counts);
  for (guint l = 0; l < MOAT_RISK_N_LEVELS; l++)
    o->by_level[l] = moat_estate_get_n_open (estate, MOAT_RISK_BASIS_RESIDUAL, l);
  height = moat_report_draw_heat_map (NULL, o->title, o->counts, 40, 250);
  moat_document_add_drawing (doc, NULL, 480, height, FALSE, draw_overview, o, (GDestroyNotify) overview_free);
}

static void
add_system_row (MoatDocumentTable *table,
                MoatEstateSystem  *system,
                guint              rank)
{
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (system);
  g_autofree char *number = g_strdup_printf ("%u", rank);
  g_autofree char *title = escaped (moat_estate_system_get_title (system));
  g_autofree char *owner = escaped (moat_estate_system_get_owner (system));
  g_autofree char *level = top != NULL ? level_markup (top->level) : g_strdup ("—");
  g_autofree char *risk = top != NULL ? escaped (top->title) : g_strdup ("—");
  g_autofree char *counts = g_strdup_printf ("%u / %u",
                                             moat_estate_system_get_n_open (system, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_CRITICAL),
                                             moat_estate_system_get_n_open (system, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_HIGH));
  g_autofree char *reviewed = day (moat_estate_system_get_last_review (system));
  g_autofree char *system_cell = g_strdup_printf ("<b>%s</b>\n<span foreground=\"" GREY "\">%s</span>", title, owner);
  const char *cells[] = { number, system_cell, level, counts, risk, reviewed };

  moat_document_table_add_row (table, cells, NULL);
}

static void
add_ranking (MoatDocument *doc,
             MoatEstate   *estate)
{
  const double widths[] = { 0.4, 2.6, 1.1, 1.1, 3.6, 1.4 };
  const char *headers[] = { "#", _("System"), _("Highest"), _("Critical / high"), _("Highest risk"),
                            _("Last review") };
  GListModel *systems = moat_estate_get_systems (estate);
  MoatDocumentTable *table;
  guint rank = 0;

  moat_document_add_heading (doc, 2, _("Systems by business risk"), "ranking");
  table = moat_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < g_list_model_get_n_items (systems) && rank < MAX_SYSTEMS; i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      if (moat_estate_system_is_model (system))
        add_system_row (table, system, ++rank);
    }
  if (moat_estate_get_n_models (estate) > rank)
    {
      g_autofree char *more = g_strdup_printf (_("%u more systems, with lower risk, are in the full listing (moat-cli estate)."),
                                               moat_estate_get_n_models (estate) - rank);
      moat_document_add_paragraph (doc, more);
    }
}

static void
add_top_risks (MoatDocument *doc,
               MoatEstate   *estate)
{
  const double widths[] = { 0.4, 1.3, 4.0, 2.2, 2.2 };
  const char *headers[] = { "#", _("Risk"), _("Threat"), _("System"), _("Asset") };
  g_autoptr(GPtrArray) top = moat_estate_get_top_risks (estate, N_TOP);
  MoatDocumentTable *table;

  moat_document_add_heading (doc, 1, _("Highest risks across systems"), "top-risks");
  if (top->len == 0)
    {
      moat_document_add_paragraph (doc, _("No system has an open threat."));
      return;
    }
  table = moat_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < top->len; i++)
    {
      MoatEstateRisk *risk = g_ptr_array_index (top, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *level = level_markup (risk->level);
      g_autofree char *level_cell = g_strdup_printf ("%s\n<span foreground=\"" GREY "\">L%d × I%d</span>", level,
                                                     risk->likelihood, risk->impact);
      g_autofree char *title = escaped (risk->title), *system = escaped (risk->system);
      g_autofree char *asset = escaped (risk->asset);
      const char *cells[] = { number, level_cell, title, system, asset };

      moat_document_table_add_row (table, cells, NULL);
    }
}

static void
add_trends (MoatDocument *doc,
            MoatEstate   *estate)
{
  MoatEstateTrends *trends = moat_estate_get_trends (estate);
  GArray *months = moat_estate_trends_get_months (trends, moat_estate_get_now (estate), MOAT_ESTATE_REPORT_N_MONTHS);
  double days;
  guint n;

  moat_document_add_heading (doc, 2, _("Trends over twelve months"), "trends");
  if (moat_estate_trends_get_mean_days_to_mitigate (trends, &days, &n))
    {
      g_autofree char *text = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE,
                                                                    "A threat waits <b>%.0f days</b> on average from its creation to its mitigation (%u threat mitigated).",
                                                                    "A threat waits <b>%.0f days</b> on average from its creation to its mitigation (%u threats mitigated).",
                                                                    n), days, n);
      moat_document_add_paragraph (doc, text);
    }
  moat_document_add_drawing (doc, NULL, 480, 170, FALSE, draw_trends_block, months,
                             (GDestroyNotify) g_array_unref);
}

static char *
reasons_markup (MoatEstateAttention *a)
{
  GString *out = g_string_new (NULL);

  for (guint j = 0; j < a->reasons->len; j++)
    {
      g_autofree char *text = escaped (((MoatEstateReason *) g_ptr_array_index (a->reasons, j))->text);

      g_string_append_printf (out, "%s%s", j > 0 ? "\n" : "", text);
    }
  return g_string_free (out, FALSE);
}

static void
add_attention (MoatDocument *doc,
               GPtrArray    *attention)
{
  const double widths[] = { 2.6, 1.7, 5.0 };
  const char *headers[] = { _("System"), _("Sensitivity, exposure"), _("Why") };
  MoatDocumentTable *table;

  moat_document_add_heading (doc, 1, _("Systems needing attention"), "attention");
  moat_document_add_paragraph (doc, _("The most sensitive and most exposed first: where to model next."));
  if (attention == NULL || attention->len == 0)
    {
      moat_document_add_paragraph (doc, _("Every system has a current, reviewed model."));
      return;
    }
  table = moat_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < attention->len && i < MAX_ATTENTION; i++)
    {
      MoatEstateAttention *a = g_ptr_array_index (attention, i);
      g_autofree char *name = escaped (a->name), *owner = escaped (a->owner);
      g_autofree char *system = g_strdup_printf ("<b>%s</b>\n<span foreground=\"" GREY "\">%s</span>", name, owner);
      g_autofree char *where = g_markup_printf_escaped ("%s\n%s", moat_format_enum_label (MOAT_TYPE_CLASSIFICATION, a->sensitivity),
                                                        moat_estate_exposure_get_label (a->exposure));
      g_autofree char *why = reasons_markup (a);
      const char *cells[] = { system, where, why };

      moat_document_table_add_row (table, cells, NULL);
    }
}

static void
add_unreadable (MoatDocument *doc,
                MoatEstate   *estate)
{
  const double widths[] = { 1, 2 };
  const char *headers[] = { _("File"), _("Why it could not be read") };
  GListModel *systems = moat_estate_get_systems (estate);
  MoatDocumentTable *table;

  if (moat_estate_get_n_errors (estate) == 0)
    return;
  moat_document_add_heading (doc, 2, _("Files that could not be read"), "unreadable");
  table = moat_document_add_table (doc, 2, widths, headers);
  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);
      g_autofree char *path = NULL, *error = NULL;

      if (moat_estate_system_is_model (system))
        continue;
      path = escaped (moat_estate_system_get_path (system));
      error = escaped (moat_estate_system_get_error (system)->message);
      moat_document_table_add_row (table, (const char *[]) { path, error }, NULL);
    }
}

/**
 * moat_estate_report_build:
 * @attention: (nullable) (element-type MoatEstateAttention): what
 *   moat_estate_triage() gave
 *
 * Returns: (transfer full): the estate report, to paginate and render or
 *   write as PDF
 */
MoatDocument *
moat_estate_report_build (MoatEstate *estate,
                          GPtrArray  *attention)
{
  MoatDocument *doc = moat_document_new ();

  moat_document_set_metadata (doc, _("Estate risk report"), NULL, _("Risk across every system"));
  moat_document_set_running_header (doc, _("Estate risk report"));
  moat_document_add_heading (doc, 1, _("Estate risk report"), "overview");
  add_lead (doc, estate, attention);
  add_heat_map (doc, estate);
  add_ranking (doc, estate);
  add_top_risks (doc, estate);
  add_trends (doc, estate);
  add_attention (doc, attention);
  add_unreadable (doc, estate);
  return doc;
}

gboolean
moat_estate_report_write_pdf (MoatEstate  *estate,
                              GPtrArray   *attention,
                              GFile       *file,
                              MoatPaper    paper,
                              GError     **error)
{
  g_autoptr(MoatDocument) doc = moat_estate_report_build (estate, attention);

  return moat_document_write_pdf (doc, file, paper, error);
}
