/* moat-report.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is written for two readers: a manager who reads the first
 * pages (the summary, the context, the roadmap) and an engineer or tester
 * who reads the rest. Everything is read from the model when the report
 * is built and copied into a MoatDocument, so laying out and drawing can
 * happen later, on another thread, while the model moves on.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "moat-asset.h"
#include "moat-assumption.h"
#include "moat-assumption-rule.h"
#include "moat-control.h"
#include "moat-coverage.h"
#include "moat-diagram.h"
#include "moat-element.h"
#include "moat-error.h"
#include "moat-format.h"
#include "moat-library-choice.h"
#include "moat-refs.h"
#include "moat-renderer.h"
#include "moat-report.h"
#include "moat-temp-file.h"
#include "moat-risk.h"
#include "moat-rule-set.h"
#include "moat-rule.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"

#define FONT          MOAT_REPORT_FONT
#define SUMMARY_TOP_N 5
#define HISTORY_MAX_ACTIONS  400
#define HISTORY_MAX_CHANGES  6
#define GREY          "#5e6670"
#define SMALL_GREY    "<span size=\"small\" foreground=\"" GREY "\">"

struct _MoatReport
{
  GObject            parent_instance;

  MoatReportOptions  options;
  MoatDocument      *document;
};

G_DEFINE_FINAL_TYPE (MoatReport, moat_report, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Options                                                             */

G_DEFINE_BOXED_TYPE (MoatReportOptions, moat_report_options,
                     moat_report_options_copy, moat_report_options_free)

/**
 * moat_report_options_new:
 *
 * Returns: (transfer full): every section, on A4, threats by risk, the
 *   whole change history
 */
MoatReportOptions *
moat_report_options_new (void)
{
  MoatReportOptions *options = g_new0 (MoatReportOptions, 1);

  options->sections = MOAT_REPORT_ALL_SECTIONS;
  options->paper = MOAT_PAPER_A4;
  options->grouping = MOAT_REPORT_GROUP_BY_RISK;
  return options;
}

MoatReportOptions *
moat_report_options_copy (const MoatReportOptions *options)
{
  return g_memdup2 (options, sizeof *options);
}

void
moat_report_options_free (MoatReportOptions *options)
{
  g_free (options);
}

static const struct
{
  MoatReportSections  section;
  const char         *name;
  const char         *title;
} section_info[] = {
  { MOAT_REPORT_COVER, "cover", N_("Cover") },
  { MOAT_REPORT_SUMMARY, "summary", N_("Executive summary") },
  { MOAT_REPORT_CONTEXT, "context", N_("Business context") },
  { MOAT_REPORT_DIAGRAMS, "diagrams", N_("Diagrams") },
  { MOAT_REPORT_ELEMENTS, "elements", N_("Element catalogue") },
  { MOAT_REPORT_THREATS, "threats", N_("Threats") },
  { MOAT_REPORT_ROADMAP, "roadmap", N_("Control roadmap") },
  { MOAT_REPORT_COVERAGE, "coverage", N_("Requirement coverage") },
  { MOAT_REPORT_ASSUMPTIONS, "assumptions", N_("Assumptions") },
  { MOAT_REPORT_HISTORY, "history", N_("Change history") },
  { MOAT_REPORT_RULES, "rules", N_("Appendix: rules used") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (section_info) == MOAT_REPORT_N_SECTIONS);

/**
 * moat_report_section_get_name:
 * @section: one section
 *
 * Returns: (nullable): the section's name on the command line
 */
const char *
moat_report_section_get_name (MoatReportSections section)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_info); i++)
    if (section_info[i].section == section)
      return section_info[i].name;
  return NULL;
}

/**
 * moat_report_section_get_title:
 * @section: one section
 *
 * Returns: (nullable): the section's title, translated
 */
const char *
moat_report_section_get_title (MoatReportSections section)
{
  for (guint i = 0; i < G_N_ELEMENTS (section_info); i++)
    if (section_info[i].section == section)
      return _(section_info[i].title);
  return NULL;
}

/**
 * moat_report_sections_parse:
 * @list: names separated by commas, such as "summary,threats", or "all"
 *
 * Returns: %FALSE with @error set if a name is unknown or none is given
 */
gboolean
moat_report_sections_parse (const char          *list,
                            MoatReportSections  *sections,
                            GError             **error)
{
  g_auto(GStrv) names = g_strsplit (list ? list : "", ",", -1);
  MoatReportSections result = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      gboolean found = FALSE;

      if (*name == '\0')
        continue;
      if (g_str_equal (name, "all"))
        {
          result |= MOAT_REPORT_ALL_SECTIONS;
          continue;
        }
      for (guint s = 0; s < G_N_ELEMENTS (section_info) && !found; s++)
        if (g_str_equal (name, section_info[s].name))
          {
            result |= section_info[s].section;
            found = TRUE;
          }
      if (!found)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint s = 0; s < G_N_ELEMENTS (section_info); s++)
            g_string_append_printf (known, "%s%s", s ? ", " : "", section_info[s].name);
          return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                              _("unknown report section “%s”; use %s"), name, known->str), FALSE;
        }
    }

  if (result == 0)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("name at least one report section")), FALSE;

  *sections = result;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Words for values                                                    */

static const char *
threat_status_label (MoatThreatStatus status)
{
  static const char *labels[] = {
    N_("Open"), N_("Mitigated"), N_("Accepted"), N_("Transferred"), N_("Not applicable"),
  };

  return status < G_N_ELEMENTS (labels) ? _(labels[status]) : "";
}

static const char *
control_status_label (MoatControlStatus status)
{
  static const char *labels[] = {
    N_("Proposed"), N_("Planned"), N_("In progress"), N_("Implemented"), N_("Verified"),
  };

  return status < G_N_ELEMENTS (labels) ? _(labels[status]) : "";
}

static const char *
effort_label (MoatEffort effort)
{
  static const char *labels[] = { N_("Small"), N_("Medium"), N_("Large") };

  return effort < G_N_ELEMENTS (labels) ? _(labels[effort]) : "";
}

static const char *
element_kind_label (MoatElementKind kind)
{
  static const char *labels[] = {
    N_("External actor"), N_("Process"), N_("Data store"), N_("Trust boundary"),
    N_("Data flow"), N_("Note"),
  };

  return kind < G_N_ELEMENTS (labels) ? _(labels[kind]) : "";
}

static const char *
classification_label (MoatClassification classification)
{
  static const char *labels[] = {
    N_("Public"), N_("Internal"), N_("Confidential"), N_("Restricted"),
  };

  return classification < G_N_ELEMENTS (labels) ? _(labels[classification]) : "";
}

static const char *
privilege_label (MoatPrivilege privilege)
{
  static const char *labels[] = {
    N_("unknown"), N_("anonymous"), N_("user"), N_("administrator"), N_("system"),
  };

  return privilege < G_N_ELEMENTS (labels) ? _(labels[privilege]) : "";
}

static const char *
assumption_status_label (MoatAssumptionStatus status)
{
  static const char *labels[] = { N_("Unvalidated"), N_("Validated"), N_("Proved wrong") };

  return status < G_N_ELEMENTS (labels) ? _(labels[status]) : "";
}

static char *
color_hex (double r,
           double g,
           double b)
{
  return g_strdup_printf ("#%02x%02x%02x", (int)round (CLAMP (r, 0, 1) * 255),
                          (int)round (CLAMP (g, 0, 1) * 255), (int)round (CLAMP (b, 0, 1) * 255));
}

/* A risk level as a coloured tag, the way the app shows it. */
static char *
risk_badge (MoatRiskLevel level)
{
  double r, g, b;
  g_autofree char *fill = NULL;
  g_autofree char *ink = NULL;

  moat_risk_level_get_rgb (level, &r, &g, &b);
  fill = color_hex (r, g, b);
  moat_risk_level_get_text_rgb (level, &r, &g, &b);
  ink = color_hex (r, g, b);

  return g_markup_printf_escaped ("<span background=\"%s\" foreground=\"%s\" weight=\"bold\">"
                                  "\u2002%s\u2002</span>",
                                  fill, ink, moat_risk_level_get_label (level));
}

/* Text cut to about @max characters at a word, for places with a fixed
 * amount of room. */
static char *
shorten (const char *text,
         glong       max)
{
  const char *cut;
  const char *space;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= max)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, max);
  space = g_utf8_strrchr (text, cut - text, ' ');
  if (space != NULL && g_utf8_strlen (text, space - text) > max / 2)
    cut = space;
  return g_strdup_printf ("%.*s…", (int)(cut - text), text);
}

static const char *
or_empty (const char *text)
{
  return text ? text : "";
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A model field with no getter of its own. */
static char *
model_string (MoatModel  *model,
              const char *field)
{
  char *value = NULL;

  g_object_get (model, field, &value, NULL);
  return value;
}

/* ------------------------------------------------------------------ */
/* The state of one build                                              */

typedef struct
{
  MoatThreat         *threat;
  MoatRiskAssessment  risk;
  char               *ref;       /* "T4" */
  char               *anchor;
  gboolean            placed;    /* its row, the links' target, is in the document */
  GPtrArray          *controls;  /* of ControlInfo, not owned */
} ThreatInfo;

typedef struct
{
  MoatControl *control;
  char        *ref;       /* "C2" */
  char        *anchor;
  int          rank;      /* in the roadmap, from 1; 0 if in place */
  int          risk_removed;
} ControlInfo;

typedef struct
{
  MoatReportOptions *options;
  MoatModel         *model;
  MoatDocument      *doc;
  GPtrArray         *threats;        /* of ThreatInfo, worst first */
  GHashTable        *threat_by_id;   /* id → ThreatInfo */
  GPtrArray         *controls;       /* of ControlInfo, roadmap order, then in place */
  GHashTable        *control_by_id;  /* id → ControlInfo */
  GPtrArray         *diagrams;       /* of MoatDiagram, by position */
  GPtrArray         *log;            /* of MoatLogEntry, or NULL */
  gboolean           have_log;
  MoatRefs          *refs;           /* titles and pages of CWE, CAPEC, OWASP ids */
} Builder;

static void
threat_info_free (ThreatInfo *info)
{
  g_free (info->ref);
  g_free (info->anchor);
  g_ptr_array_unref (info->controls);
  g_free (info);
}

static void
control_info_free (ControlInfo *info)
{
  g_free (info->ref);
  g_free (info->anchor);
  g_free (info);
}

static gboolean
has (Builder            *b,
     MoatReportSections  section)
{
  return (b->options->sections & section) != 0;
}

static int
compare_threat_infos (gconstpointer a,
                      gconstpointer b)
{
  const ThreatInfo *x = *(ThreatInfo * const *)a;
  const ThreatInfo *y = *(ThreatInfo * const *)b;
  int sx = x->risk.likelihood * x->risk.impact;
  int sy = y->risk.likelihood * y->risk.impact;

  if (x->risk.open != y->risk.open)
    return x->risk.open ? -1 : 1;
  if (x->risk.level != y->risk.level)
    return y->risk.level - x->risk.level;
  if (sx != sy)
    return sy - sx;
  return g_strcmp0 (moat_threat_get_title (x->threat), moat_threat_get_title (y->threat));
}

/* Threats are numbered worst first, so that T1 is the one to worry about. */
static void
collect_threats (Builder *b)
{
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_THREAT);
  guint n = g_list_model_get_n_items (list);

  b->threats = g_ptr_array_new_full (n, (GDestroyNotify)threat_info_free);
  b->threat_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      ThreatInfo *info = g_new0 (ThreatInfo, 1);

      info->threat = g_list_model_get_item (list, i);
      g_object_unref (info->threat); /* the model keeps it */
      moat_risk_assess (b->model, info->threat, &info->risk);
      info->controls = g_ptr_array_new ();
      g_ptr_array_add (b->threats, info);
      g_hash_table_insert (b->threat_by_id,
                           (char *)moat_object_get_id (MOAT_OBJECT (info->threat)), info);
    }

  g_ptr_array_sort (b->threats, compare_threat_infos);
  for (guint i = 0; i < b->threats->len; i++)
    {
      ThreatInfo *info = g_ptr_array_index (b->threats, i);

      /* Translators: the short reference of a threat in the report */
      info->ref = g_strdup_printf (C_("threat reference", "T%u"), i + 1);
      info->anchor = g_strdup_printf ("threat-%u", i + 1);
    }
}

static ControlInfo *
add_control_info (Builder     *b,
                  MoatControl *control)
{
  ControlInfo *info = g_new0 (ControlInfo, 1);
  const char * const *ids = moat_control_get_threat_ids (control);

  info->control = control;
  /* Translators: the short reference of a control in the report */
  info->ref = g_strdup_printf (C_("control reference", "C%u"), b->controls->len + 1);
  info->anchor = g_strdup_printf ("control-%u", b->controls->len + 1);
  g_ptr_array_add (b->controls, info);
  g_hash_table_insert (b->control_by_id, (char *)moat_object_get_id (MOAT_OBJECT (control)), info);

  for (guint t = 0; ids != NULL && ids[t] != NULL; t++)
    {
      ThreatInfo *threat = g_hash_table_lookup (b->threat_by_id, ids[t]);

      if (threat != NULL)
        g_ptr_array_add (threat->controls, info);
    }

  return info;
}

/* The roadmap first, in priority order, then what is in place. */
static void
collect_controls (Builder *b)
{
  g_autoptr(GPtrArray) roadmap = moat_risk_roadmap (b->model);
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_CONTROL);

  b->controls = g_ptr_array_new_with_free_func ((GDestroyNotify)control_info_free);
  b->control_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < roadmap->len; i++)
    {
      MoatRoadmapItem *item = g_ptr_array_index (roadmap, i);
      ControlInfo *info = add_control_info (b, item->control);

      info->rank = i + 1;
      info->risk_removed = item->risk_removed;
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (list, i);

      if (!g_hash_table_contains (b->control_by_id, moat_object_get_id (MOAT_OBJECT (control))))
        add_control_info (b, control);
    }
}

static int
compare_diagrams (gconstpointer a,
                  gconstpointer b)
{
  MoatDiagram *x = *(MoatDiagram * const *)a;
  MoatDiagram *y = *(MoatDiagram * const *)b;

  if (moat_diagram_get_position (x) != moat_diagram_get_position (y))
    return moat_diagram_get_position (x) - moat_diagram_get_position (y);
  return g_strcmp0 (moat_diagram_get_title (x), moat_diagram_get_title (y));
}

static void
collect_diagrams (Builder *b)
{
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_DIAGRAM);

  b->diagrams = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (b->diagrams, g_list_model_get_item (list, i));
  g_ptr_array_sort (b->diagrams, compare_diagrams);
}

static ThreatInfo *
threat_info (Builder    *b,
             const char *id)
{
  return id ? g_hash_table_lookup (b->threat_by_id, id) : NULL;
}

/* Names of the objects @ids point to, joined: "Web shop, Payments API". */
static char *
names_of (Builder            *b,
          const char * const *ids,
          guint               max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0, total = ids ? g_strv_length ((char **)ids) : 0;

  for (guint i = 0; i < total && n < max; i++)
    {
      MoatObject *object = moat_model_lookup (b->model, ids[i]);
      const char *label = object ? moat_object_get_label (object) : NULL;

      if (label == NULL)
        continue;
      g_string_append_printf (out, "%s%s", n ? ", " : "", label);
      n++;
    }
  if (total > n && n > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                              total - n), total - n);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The assets a threat puts at risk: those of the elements it affects. */
static char *
threat_assets (Builder    *b,
               MoatThreat *threat)
{
  const char * const *elements = moat_threat_get_element_ids (threat);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint e = 0; elements != NULL && elements[e] != NULL; e++)
    {
      MoatElement *element = moat_model_lookup_typed (b->model, elements[e], MOAT_TYPE_ELEMENT);
      const char * const *assets = element ? moat_element_get_asset_ids (element) : NULL;

      for (guint a = 0; assets != NULL && assets[a] != NULL; a++)
        if (!g_ptr_array_find_with_equal_func (ids, assets[a], g_str_equal, NULL))
          g_ptr_array_add (ids, (char *)assets[a]);
    }
  g_ptr_array_add (ids, NULL);

  return names_of (b, (const char * const *)ids->pdata, 4);
}

/* ------------------------------------------------------------------ */
/* Pictures                                                            */

typedef struct
{
  guint  counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];
  gboolean show_counts;
  double cell_w;
  double cell_h;
  char  *title;
  char  *likelihood;
  char  *impact;
  char  *level_labels[MOAT_RISK_N_LEVELS];
  /* bars beside the matrix: label, count, colour */
  guint  n_bars[2];
  char  *bar_titles[2];
  char  *bar_labels[2][MOAT_RISK_N_STATUSES];
  guint  bar_counts[2][MOAT_RISK_N_STATUSES];
  double bar_colors[2][MOAT_RISK_N_STATUSES][3];
} Chart;

static void
chart_free (Chart *chart)
{
  g_free (chart->title);
  g_free (chart->likelihood);
  g_free (chart->impact);
  for (guint i = 0; i < MOAT_RISK_N_LEVELS; i++)
    g_free (chart->level_labels[i]);
  for (guint k = 0; k < 2; k++)
    {
      g_free (chart->bar_titles[k]);
      for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
        g_free (chart->bar_labels[k][i]);
    }
  g_free (chart);
}

static void
draw_text (cairo_t    *cr,
           const char *markup,
           const char *font,
           double      x,
           double      y,
           double      width,
           PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_size (layout, NULL, &height);
  /* @y is the middle of the line */
  cairo_move_to (cr, x, y - pango_units_to_double (height) / 2);
  pango_cairo_show_layout (cr, layout);
}


/* The 5×5 matrix, likelihood up and impact across, at (@x, @y). */
static void
draw_matrix (cairo_t *cr,
             Chart   *chart,
             double   x,
             double   y,
             double   width)
{
  double cw = chart->cell_w, ch = chart->cell_h;
  double grid_x = x + 30, grid_y = y + 22;

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  draw_text (cr, chart->title, FONT " Bold 9", x, y + 6, width, PANGO_ALIGN_LEFT);

  for (int l = MOAT_RISK_SCALE; l >= 1; l--)
    for (int i = 1; i <= MOAT_RISK_SCALE; i++)
      {
        MoatRiskLevel level = moat_risk_level (l, i);
        guint count = chart->counts[l - 1][i - 1];
        double cx = grid_x + (i - 1) * cw;
        double cy = grid_y + (MOAT_RISK_SCALE - l) * ch;
        double r, g, b;
        g_autofree char *text = NULL;

        moat_risk_level_get_rgb (level, &r, &g, &b);
        /* Empty cells are pale so that the ones that hold threats stand out. */
        if (chart->show_counts && count == 0)
          cairo_set_source_rgb (cr, 1 - (1 - r) * 0.25, 1 - (1 - g) * 0.25, 1 - (1 - b) * 0.25);
        else
          cairo_set_source_rgb (cr, r, g, b);
        cairo_rectangle (cr, cx + 1, cy + 1, cw - 2, ch - 2);
        cairo_fill (cr);

        if (chart->show_counts && count == 0)
          continue;
        moat_risk_level_get_text_rgb (level, &r, &g, &b);
        cairo_set_source_rgb (cr, r, g, b);
        text = chart->show_counts ? g_strdup_printf ("<b>%u</b>", count)
                                  : g_markup_escape_text (chart->level_labels[level], -1);
        draw_text (cr, text, chart->show_counts ? FONT " 9" : FONT " 8",
                   cx + 1, cy + ch / 2, cw - 2, PANGO_ALIGN_CENTER);
      }

  cairo_set_source_rgb (cr, 0.37, 0.40, 0.44);
  for (int n = 1; n <= MOAT_RISK_SCALE; n++)
    {
      g_autofree char *label = g_strdup_printf ("%d", n);

      draw_text (cr, label, FONT " 7.5", grid_x - 14, grid_y + (MOAT_RISK_SCALE - n + 0.5) * ch,
                 10, PANGO_ALIGN_RIGHT);
      draw_text (cr, label, FONT " 7.5", grid_x + (n - 1) * cw, grid_y + 5 * ch + 8,
                 cw, PANGO_ALIGN_CENTER);
    }
  draw_text (cr, chart->impact, FONT " 7.5", grid_x, grid_y + 5 * ch + 20, 5 * cw,
             PANGO_ALIGN_CENTER);

  cairo_save (cr);
  cairo_translate (cr, x + 6, grid_y + 5 * ch / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, chart->likelihood, FONT " 7.5", -5 * ch / 2, 0, 5 * ch, PANGO_ALIGN_CENTER);
  cairo_restore (cr);
}

/* The height draw_matrix() needs. */
static double
matrix_height (Chart *chart)
{
  return 22 + 5 * chart->cell_h + 28;
}

#define BAR_STEP 13.0
#define BARS_HEIGHT(n) (22 + (n) * BAR_STEP)

static void
draw_bars (cairo_t *cr,
           Chart   *chart,
           guint    k,
           double   x,
           double   y,
           double   width)
{
  double label_w = 92, bar_x = x + label_w + 6, bar_max = width - label_w - 40;
  guint max = 1;

  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  draw_text (cr, chart->bar_titles[k], FONT " Bold 9", x, y + 6, width, PANGO_ALIGN_LEFT);

  for (guint i = 0; i < chart->n_bars[k]; i++)
    max = MAX (max, chart->bar_counts[k][i]);

  for (guint i = 0; i < chart->n_bars[k]; i++)
    {
      double row_y = y + 22 + i * BAR_STEP;
      double w = chart->bar_counts[k][i] * bar_max / max;
      g_autofree char *count = g_strdup_printf ("%u", chart->bar_counts[k][i]);
      g_autofree char *label = g_markup_escape_text (chart->bar_labels[k][i], -1);

      cairo_set_source_rgb (cr, 0.25, 0.27, 0.30);
      draw_text (cr, label, FONT " 8", x, row_y, label_w, PANGO_ALIGN_LEFT);
      cairo_set_source_rgb (cr, 0.93, 0.94, 0.95);
      cairo_rectangle (cr, bar_x, row_y - 5, bar_max, 10);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, chart->bar_colors[k][i][0], chart->bar_colors[k][i][1],
                            chart->bar_colors[k][i][2]);
      cairo_rectangle (cr, bar_x, row_y - 5, MAX (w, chart->bar_counts[k][i] ? 2 : 0), 10);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
      draw_text (cr, count, FONT " Bold 8", bar_x + bar_max + 6, row_y, 34, PANGO_ALIGN_LEFT);
    }
}

static void
draw_summary_chart (cairo_t  *cr,
                    double    width,
                    double    height,
                    gpointer  data)
{
  Chart *chart = data;

  draw_matrix (cr, chart, 0, 0, 240);
  draw_bars (cr, chart, 0, 250, 0, width - 250);
  draw_bars (cr, chart, 1, 250, BARS_HEIGHT (chart->n_bars[0]) + 6, width - 250);
}

static void
draw_matrix_chart (cairo_t  *cr,
                   double    width,
                   double    height,
                   gpointer  data)
{
  draw_matrix (cr, data, 0, 0, width);
}

static Chart *
chart_new (const char *title,
           gboolean    show_counts,
           double      cell_w,
           double      cell_h)
{
  Chart *chart = g_new0 (Chart, 1);

  chart->cell_w = cell_w;
  chart->cell_h = cell_h;
  chart->title = g_markup_escape_text (title, -1);
  chart->show_counts = show_counts;
  chart->likelihood = g_markup_escape_text (_("Likelihood"), -1);
  chart->impact = g_markup_escape_text (_("Impact"), -1);
  for (guint i = 0; i < MOAT_RISK_N_LEVELS; i++)
    chart->level_labels[i] = g_strdup (moat_risk_level_get_label (i));
  return chart;
}

/**
 * moat_report_draw_markup:
 * @font: a Pango font description, such as MOAT_REPORT_FONT " Bold 9"
 * @y: the middle of the text
 *
 * Draws one line of markup as the report's charts do, cut with an
 * ellipsis at @width: for other documents' charts.
 */
void
moat_report_draw_markup (cairo_t        *cr,
                         const char     *markup,
                         const char     *font,
                         double          x,
                         double          y,
                         double          width,
                         PangoAlignment  align)
{
  draw_text (cr, markup, font, x, y, width, align);
}

/**
 * moat_report_draw_heat_map:
 * @counts: counts[likelihood - 1][impact - 1]
 * @cell_width: the width of one cell, in points
 *
 * Draws the report's heat map of open threats at (0, 0): for other
 * documents (the estate report, the estate window) that show one.
 *
 * Returns: the height drawn
 */
double
moat_report_draw_heat_map (cairo_t     *cr,
                           const char  *title,
                           const guint  counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE],
                           double       cell_width,
                           double       width)
{
  Chart *chart = chart_new (title, TRUE, cell_width, cell_width * 0.6);
  double height = matrix_height (chart);

  memcpy (chart->counts, counts, sizeof chart->counts);
  if (cr != NULL)
    draw_matrix (cr, chart, 0, 0, width);
  chart_free (chart);
  return height;
}

/* A diagram, recorded once as vector drawing commands and replayed at any
 * scale: on a worker thread the model is not read again. */
typedef struct
{
  cairo_surface_t *recording;
} Figure;

static void
figure_free (Figure *figure)
{
  cairo_surface_destroy (figure->recording);
  g_free (figure);
}

static void
draw_figure (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  data)
{
  Figure *figure = data;

  cairo_set_source_surface (cr, figure->recording, 0, 0);
  cairo_paint (cr);
}

static Figure *
record_diagram (MoatModel   *model,
                MoatDiagram *diagram,
                double      *width,
                double      *height)
{
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, moat_object_get_id (MOAT_OBJECT (diagram)));
  cairo_rectangle_t extents = { 0, 0, 0, 0 };
  MoatRect bounds, target;
  Figure *figure;
  cairo_t *cr;

  if (!moat_renderer_get_diagram_bounds (renderer, &bounds))
    return NULL;

  moat_renderer_set_draw_background (renderer, FALSE);
  moat_renderer_set_font_family (renderer, FONT);
  extents.width = *width = bounds.width;
  extents.height = *height = bounds.height;
  target = (MoatRect) { 0, 0, bounds.width, bounds.height };

  figure = g_new0 (Figure, 1);
  figure->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cr = cairo_create (figure->recording);
  moat_renderer_draw_fitted (renderer, cr, &target, 1.0);
  cairo_destroy (cr);

  return figure;
}

/* ------------------------------------------------------------------ */
/* Cover and summary                                                   */

static char *
format_date (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  char *text;

  if (local == NULL)
    return g_strdup ("");
  /* Translators: a date as the report shows it; see g_date_time_format().
   * %-d is the day without padding (%e pads with a figure space). */
  text = g_date_time_format (local, _("%-d %B %Y"));
  return g_strstrip (text);
}

static void
add_cover (Builder *b)
{
  g_autoptr(GString) sub = g_string_new (NULL);
  g_autofree char *date = format_date (g_get_real_time ());
  const char *title = moat_model_get_title (b->model);

  g_string_append_printf (sub, "<span size=\"x-large\" foreground=\"#1c70d8\">%s</span>\n\n",
                          _("Threat model report"));
  if (!is_blank (moat_model_get_description (b->model)))
    {
      g_autofree char *text = shorten (moat_model_get_description (b->model), 600);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      g_string_append_printf (sub, "%s\n\n", escaped);
    }
  if (!is_blank (moat_model_get_owner (b->model)))
    {
      g_autofree char *line = g_markup_printf_escaped ("<span foreground=\"" GREY "\">%s</span>\t%s\n",
                                                       _("Owner"), moat_model_get_owner (b->model));
      g_string_append (sub, line);
    }
  if (!is_blank (moat_model_get_version_label (b->model)))
    {
      g_autofree char *line = g_markup_printf_escaped ("<span foreground=\"" GREY "\">%s</span>\t%s\n",
                                                       _("Version"), moat_model_get_version_label (b->model));
      g_string_append (sub, line);
    }
  {
    g_autofree char *line = g_markup_printf_escaped ("<span foreground=\"" GREY "\">%s</span>\t%s\n\n"
                                                     SMALL_GREY "%s</span>",
                                                     _("Date"), date,
                                                     _("Confidential: this report describes how the system could be "
                                                       "attacked. Share it with the people who need it."));
    g_string_append (sub, line);
  }

  moat_document_add_cover (b->doc, is_blank (title) ? _("Untitled threat model") : title, sub->str);
}

static void
fill_status_bars (Builder *b,
                  Chart   *chart)
{
  guint counts[MOAT_RISK_N_STATUSES];
  static const double threat_colors[][3] = {
    { 0.87, 0.35, 0.24 }, { 0.20, 0.63, 0.37 }, { 0.55, 0.47, 0.80 },
    { 0.36, 0.56, 0.82 }, { 0.62, 0.64, 0.67 },
  };
  static const double control_colors[][3] = {
    { 0.74, 0.76, 0.79 }, { 0.56, 0.70, 0.88 }, { 0.95, 0.66, 0.22 },
    { 0.36, 0.72, 0.47 }, { 0.13, 0.55, 0.30 },
  };
  guint control_counts[MOAT_RISK_N_STATUSES] = { 0 };

  moat_risk_count_by_status (b->model, counts);
  chart->bar_titles[0] = g_markup_escape_text (_("Threats by status"), -1);
  chart->n_bars[0] = MOAT_RISK_N_STATUSES;
  for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
    {
      chart->bar_labels[0][i] = g_strdup (threat_status_label (i));
      chart->bar_counts[0][i] = counts[i];
      memcpy (chart->bar_colors[0][i], threat_colors[i], sizeof threat_colors[i]);
    }

  for (guint i = 0; i < b->controls->len; i++)
    {
      ControlInfo *info = g_ptr_array_index (b->controls, i);
      MoatControlStatus status = moat_control_get_status (info->control);

      if (status < MOAT_RISK_N_STATUSES)
        control_counts[status]++;
    }
  chart->bar_titles[1] = g_markup_escape_text (_("Controls by status"), -1);
  chart->n_bars[1] = MOAT_CONTROL_VERIFIED + 1;
  for (guint i = 0; i < chart->n_bars[1]; i++)
    {
      chart->bar_labels[1][i] = g_strdup (control_status_label (i));
      chart->bar_counts[1][i] = control_counts[i];
      memcpy (chart->bar_colors[1][i], control_colors[i], sizeof control_colors[i]);
    }
}

static void
add_summary_lead (Builder *b)
{
  guint open = 0, severe = 0, severe_after = 0, planned = 0, in_place = 0;
  g_autofree char *lead = NULL;
  g_autofree char *threats = NULL;
  g_autofree char *open_text = NULL;
  g_autofree char *controls = NULL;

  for (guint i = 0; i < b->threats->len; i++)
    {
      ThreatInfo *info = g_ptr_array_index (b->threats, i);

      if (!info->risk.open)
        continue;
      open++;
      if (info->risk.level >= MOAT_RISK_HIGH)
        severe++;
      if (info->risk.residual_level >= MOAT_RISK_HIGH)
        severe_after++;
    }
  for (guint i = 0; i < b->controls->len; i++)
    {
      ControlInfo *info = g_ptr_array_index (b->controls, i);

      if (info->rank > 0)
        planned++;
      else
        in_place++;
    }

  threats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The model records <b>%u threat</b>.",
                                          "The model records <b>%u threats</b>.",
                                          b->threats->len), b->threats->len);
  if (severe_after == severe)
    open_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "<b>%u</b> is still open, %u of them critical or high, "
                                              "before and after the controls in place.",
                                              "<b>%u</b> are still open, %u of them critical or high, "
                                              "before and after the controls in place.",
                                              open), open, severe);
  else
    open_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "<b>%u</b> is still open, %u of them critical or high "
                                              "(inherent risk), %u after the controls in place "
                                              "(residual risk).",
                                              "<b>%u</b> are still open, %u of them critical or high "
                                              "(inherent risk), %u after the controls in place "
                                              "(residual risk).",
                                              open), open, severe, severe_after);
  controls = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u control is in place and %u more on the roadmap.",
                                           "%u controls are in place and %u more on the roadmap.",
                                           in_place), in_place, planned);
  lead = g_strdup_printf ("%s %s %s", threats, open_text, controls);
  moat_document_add_paragraph (b->doc, lead);
}

/* One compact line naming the invalidated assumptions and how many
 * threats rely on each: a reader learns that some of the figures stand on
 * ground that gave way. Nothing when none is broken. */
#define SUMMARY_BROKEN_N 3

static void
add_broken_assumptions (Builder *b)
{
  g_autoptr(GPtrArray) broken = moat_assumption_list_broken (b->model);
  g_autoptr(GString) line = NULL;

  if (broken->len == 0)
    return;

  line = g_string_new (NULL);
  g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE,
                                             "<b>%u broken assumption</b>:",
                                             "<b>%u broken assumptions</b>:",
                                             broken->len), broken->len);
  for (guint i = 0; i < broken->len && i < SUMMARY_BROKEN_N; i++)
    {
      MoatAssumption *assumption = g_ptr_array_index (broken, i);
      g_autoptr(GPtrArray) threats = moat_assumption_list_reliant_threats (assumption, b->model);
      g_autofree char *statement = shorten (moat_assumption_get_statement (assumption), 60);
      g_autofree char *escaped = g_markup_escape_text (statement, -1);
      g_autofree char *relying = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u threat relies on it",
                                                               "%u threats rely on it",
                                                               threats->len), threats->len);

      /* TRANSLATORS: an invalidated assumption and how many threats rely on it */
      g_string_append_printf (line, _("%s “%s” (%s)"), i > 0 ? ";" : "", escaped, relying);
    }
  if (broken->len > SUMMARY_BROKEN_N)
    g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "; and %u more", "; and %u more",
                                               broken->len - SUMMARY_BROKEN_N),
                            broken->len - SUMMARY_BROKEN_N);
  g_string_append_c (line, '.');
  moat_document_add_paragraph (b->doc, line->str);
}

/* The inherent level, and the residual one where the controls in place
 * lower it, each named. */
static char *
summary_badge (ThreatInfo *info)
{
  g_autofree char *inherent = risk_badge (info->risk.level);
  g_autofree char *residual = NULL;
  g_autofree char *label = NULL;

  if (info->risk.residual_level == info->risk.level)
    return g_steal_pointer (&inherent);
  residual = risk_badge (info->risk.residual_level);
  label = g_markup_escape_text (_("residual"), -1);
  return g_strdup_printf ("%s\n" SMALL_GREY "%s</span>\n%s", inherent, label, residual);
}

/* "If it happens: Cardholder data: confidentiality 5 — <the impact
 * scale's words for 5>". Names the assets the impact comes from and the
 * dimension the threat harms; a hand-set impact quotes the scale only. */
static char *
if_it_happens (Builder     *b,
               ThreatInfo  *info,
               char       **scale,
               const char  *all_assets)
{
  g_autoptr(GPtrArray) assets = moat_risk_impact_assets (b->model, info->threat);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *sentence = NULL;
  g_autofree char *what = NULL;
  int impact = info->risk.impact;

  for (guint i = 0; i < assets->len && i < 3; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", or_empty (moat_asset_get_name (g_ptr_array_index (assets, i))));
  if (scale != NULL && impact >= 1 && impact <= (int)g_strv_length (scale))
    sentence = shorten (scale[impact - 1], 80);

  if (names->len > 0)
    /* TRANSLATORS: "Cardholder data: confidentiality 5" */
    what = g_strdup_printf (_("%s: %s %d"), names->str,
                            moat_risk_dimension_get_label (info->risk.dimension), impact);
  else if (sentence == NULL && *all_assets != '\0')
    return g_markup_printf_escaped ("\n<span foreground=\"" GREY "\">%s</span> %s",
                                    _("Puts at risk:"), all_assets);

  if (what == NULL && sentence == NULL)
    return NULL;
  return g_markup_printf_escaped ("\n<span foreground=\"" GREY "\">%s</span> %s%s%s",
                                  _("If it happens:"), what ? what : "",
                                  what && sentence ? " — " : "", sentence ? sentence : "");
}

static void
add_top_risks (Builder *b,
               guint    top_n)
{
  const double widths[] = { 1.1, 6.8, 1.7 };
  const char *headers[] = { _("Inherent risk"), _("What could happen, and what it would cost"), _("Owner"), NULL };
  g_auto(GStrv) scale = NULL;
  MoatDocumentTable *table = NULL;
  guint shown = 0;

  g_object_get (b->model, "impact-scale", &scale, NULL);
  moat_document_add_heading (b->doc, 2, _("Top risks"), NULL);

  for (guint i = 0; i < b->threats->len && shown < top_n; i++)
    {
      ThreatInfo *info = g_ptr_array_index (b->threats, i);
      MoatThreat *threat = info->threat;
      g_autofree char *badge = NULL;
      g_autofree char *title = NULL;
      g_autofree char *assets = NULL;
      g_autofree char *what = NULL;
      g_autofree char *cost = NULL;
      g_autofree char *owner = NULL;
      if (!info->risk.open)
        break;
      if (table == NULL)
        table = moat_document_add_table (b->doc, 3, widths, headers);

      badge = summary_badge (info);
      title = shorten (moat_threat_get_title (threat), 70);
      assets = threat_assets (b, threat);
      what = g_markup_printf_escaped ("<b>%s</b> <span foreground=\"" GREY "\">(%s)</span>",
                                      title, info->ref);
      cost = if_it_happens (b, info, scale, assets);
      {
        g_autofree char *short_owner = shorten (moat_threat_get_owner (threat), 36);
        owner = g_markup_escape_text (short_owner, -1);
      }

      {
        g_autofree char *cell = g_strconcat (what, cost ? cost : "", NULL);
        const char *cells[] = { badge, cell, owner, NULL };

        moat_document_table_add_row (table, cells, has (b, MOAT_REPORT_THREATS) ? info->anchor : NULL);
      }
      shown++;
    }

  if (shown == 0)
    moat_document_add_paragraph (b->doc, _("No threat is open."));
}

static void
add_roadmap_glance (Builder *b,
                    guint    top_n)
{
  const double widths[] = { 0.4, 5, 2.2, 1.2, 1.3 };
  const char *headers[] = { "#", _("Control"), _("Owner"), _("Tracker"), _("Status"), NULL };
  MoatDocumentTable *table = NULL;
  guint shown = 0, total = 0;

  moat_document_add_heading (b->doc, 2, _("Roadmap at a glance"), NULL);

  for (guint i = 0; i < b->controls->len; i++)
    {
      ControlInfo *info = g_ptr_array_index (b->controls, i);
      g_autofree char *rank = NULL;
      g_autofree char *title = NULL;
      g_autofree char *cell = NULL;
      g_autofree char *owner = NULL;
      g_autofree char *tracker = NULL;

      if (info->rank == 0)
        continue;
      total++;
      if (shown == top_n)
        continue;
      if (table == NULL)
        table = moat_document_add_table (b->doc, 5, widths, headers);

      rank = g_strdup_printf ("%d", info->rank);
      title = shorten (moat_control_get_title (info->control), 58);
      cell = g_markup_escape_text (title, -1);
      {
        g_autofree char *short_owner = shorten (moat_control_get_owner (info->control), 24);
        g_autofree char *short_tracker = shorten (moat_control_get_tracker_key (info->control), 12);

        owner = g_markup_escape_text (short_owner, -1);
        tracker = g_markup_escape_text (short_tracker, -1);
      }
      {
        const char *cells[] = { rank, cell, owner, tracker,
                                control_status_label (moat_control_get_status (info->control)), NULL };

        moat_document_table_add_row (table, cells, has (b, MOAT_REPORT_ROADMAP) ? info->anchor : NULL);
      }
      shown++;
    }

  if (total == 0)
    moat_document_add_paragraph (b->doc, _("Nothing is on the roadmap: every control is in place."));
  else if (total > shown && has (b, MOAT_REPORT_ROADMAP))
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more control in the roadmap →",
                                                            "%u more controls in the roadmap →",
                                                            total - shown), total - shown);
      moat_document_add_link (b->doc, more, "roadmap");
    }
}

static void
add_summary_part (Builder *b,
                  guint    n_risks,
                  guint    n_controls)
{
  Chart *chart = chart_new (_("Open threats by inherent likelihood and impact"), TRUE, 30, 18);
  double height;

  moat_document_add_heading (b->doc, 1, _("Executive summary"), "summary");
  add_summary_lead (b);
  add_broken_assumptions (b);

  moat_risk_heat_map (b->model, FALSE, chart->counts);
  fill_status_bars (b, chart);
  height = MAX (matrix_height (chart),
                BARS_HEIGHT (chart->n_bars[0]) + 6 + BARS_HEIGHT (chart->n_bars[1]));
  moat_document_add_drawing (b->doc, NULL, 480, height, FALSE, draw_summary_chart, chart,
                             (GDestroyNotify)chart_free);

  add_top_risks (b, n_risks);
  add_roadmap_glance (b, n_controls);
}

/* The summary is one page on the report's paper: with long titles it
 * lists fewer of the top risks and controls rather than run over. */
static void
add_summary (Builder *b)
{
  MoatDocument *doc = b->doc;
  double width, height;
  guint n_risks = SUMMARY_TOP_N, n_controls = SUMMARY_TOP_N;

  moat_document_paper_size (b->options->paper, &width, &height);

  while (n_risks > 1)
    {
      g_autoptr(MoatDocument) trial = moat_document_new ();

      b->doc = trial;
      add_summary_part (b, n_risks, n_controls);
      b->doc = doc;
      if (moat_document_paginate (trial, width, height) == 1)
        break;
      /* Risks matter more than the roadmap: give up controls first,
       * down to three. */
      if (n_controls > 3 || n_controls >= n_risks)
        n_controls--;
      else
        n_risks--;
    }

  add_summary_part (b, n_risks, n_controls);
}

/* ------------------------------------------------------------------ */
/* Business context                                                    */

static void
add_text_field (Builder    *b,
                const char *field,
                const char *missing)
{
  g_autofree char *text = model_string (b->model, field);
  g_autofree char *markup = NULL;

  if (is_blank (text))
    markup = g_markup_printf_escaped ("<i><span foreground=\"" GREY "\">%s</span></i>", missing);
  else
    markup = g_markup_escape_text (text, -1);
  moat_document_add_paragraph (b->doc, markup);
}

static void
add_impact_scale (Builder *b)
{
  const double widths[] = { 1, 8 };
  const char *headers[] = { _("Impact"), _("What it means for this business"), NULL };
  g_auto(GStrv) scale = NULL;
  MoatDocumentTable *table;

  g_object_get (b->model, "impact-scale", &scale, NULL);
  if (scale == NULL || scale[0] == NULL)
    return;

  moat_document_add_heading (b->doc, 3, _("The impact scale"), NULL);
  table = moat_document_add_table (b->doc, 2, widths, headers);
  for (guint i = 0; scale[i] != NULL; i++)
    {
      g_autofree char *n = g_strdup_printf ("<b>%u</b>", i + 1);
      g_autofree char *text = g_markup_escape_text (scale[i], -1);
      const char *cells[] = { n, text, NULL };

      moat_document_table_add_row (table, cells, NULL);
    }
}

static void
add_scope (Builder *b)
{
  const double widths[] = { 1.4, 6 };
  g_autofree char *in = model_string (b->model, "scope-in");
  g_autofree char *out = model_string (b->model, "scope-out");
  MoatDocumentTable *table;

  if (is_blank (in) && is_blank (out))
    return;

  moat_document_add_heading (b->doc, 2, _("Scope"), NULL);
  table = moat_document_add_table (b->doc, 2, widths, NULL);
  if (!is_blank (in))
    {
      g_autofree char *label = g_markup_printf_escaped ("<b>%s</b>", _("In scope"));
      g_autofree char *text = g_markup_escape_text (in, -1);
      const char *cells[] = { label, text, NULL };

      moat_document_table_add_row (table, cells, NULL);
    }
  if (!is_blank (out))
    {
      g_autofree char *label = g_markup_printf_escaped ("<b>%s</b>", _("Out of scope"));
      g_autofree char *text = g_markup_escape_text (out, -1);
      const char *cells[] = { label, text, NULL };

      moat_document_table_add_row (table, cells, NULL);
    }
}

static char *
name_and_description (const char *name,
                      const char *description)
{
  if (is_blank (description))
    return g_markup_printf_escaped ("<b>%s</b>", or_empty (name));
  return g_markup_printf_escaped ("<b>%s</b>\n<span foreground=\"" GREY "\">%s</span>",
                                  or_empty (name), description);
}

static char *
impact_cell (int confidentiality,
             int integrity,
             int availability)
{
  return g_strdup_printf ("%s %d\n%s %d\n%s %d",
                          _("Confidentiality"), confidentiality,
                          _("Integrity"), integrity,
                          _("Availability"), availability);
}

static void
add_assets (Builder *b)
{
  const double widths[] = { 4.2, 1.5, 1.9, 1.8 };
  const char *headers[] = { _("Asset"), _("Classification"), _("Business impact (1–5)"), _("Owner"), NULL };
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_ASSET);
  MoatDocumentTable *table;

  moat_document_add_heading (b->doc, 2, _("Assets"), "assets");
  if (g_list_model_get_n_items (list) == 0)
    {
      moat_document_add_paragraph (b->doc, _("No assets are recorded."));
      return;
    }

  moat_document_add_paragraph (b->doc, _("What the business would lose, and how badly, if each "
                                         "asset’s confidentiality, integrity or availability failed."));
  table = moat_document_add_table (b->doc, 4, widths, headers);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatAsset) asset = g_list_model_get_item (list, i);
      g_autofree char *name = name_and_description (moat_asset_get_name (asset),
                                                    moat_asset_get_description (asset));
      g_autofree char *impact = impact_cell (moat_asset_get_impact_confidentiality (asset),
                                             moat_asset_get_impact_integrity (asset),
                                             moat_asset_get_impact_availability (asset));
      g_autofree char *owner = g_markup_escape_text (or_empty (moat_asset_get_owner (asset)), -1);
      const char *cells[] = { name, classification_label (moat_asset_get_classification (asset)),
                              impact, owner, NULL };

      moat_document_table_add_row (table, cells, NULL);
    }
}

static void
add_actors (Builder *b)
{
  const double widths[] = { 4, 3.5, 1.4 };
  const char *headers[] = { _("Threat actor"), _("Motivation"), _("Capability"), NULL };
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_THREAT_ACTOR);
  MoatDocumentTable *table;

  moat_document_add_heading (b->doc, 2, _("Threat actors"), NULL);
  if (g_list_model_get_n_items (list) == 0)
    {
      moat_document_add_paragraph (b->doc, _("No threat actors are recorded."));
      return;
    }

  table = moat_document_add_table (b->doc, 3, widths, headers);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatThreatActor) actor = g_list_model_get_item (list, i);
      int capability = CLAMP (moat_threat_actor_get_capability (actor), 0, 5);
      g_autofree char *name = name_and_description (moat_threat_actor_get_name (actor),
                                                    moat_threat_actor_get_description (actor));
      g_autofree char *motivation = NULL;
      g_autoptr(GString) dots = g_string_new (NULL);

      motivation = g_markup_escape_text (or_empty (moat_threat_actor_get_motivation (actor)), -1);
      /* Filled and empty circles read at a glance; the number says it exactly. */
      for (int d = 0; d < 5; d++)
        g_string_append (dots, d < capability ? "●" : "○");
      g_string_append_printf (dots, "  %d/5", capability);
      {
        const char *cells[] = { name, motivation, dots->str, NULL };

        moat_document_table_add_row (table, cells, NULL);
      }
    }
}

static void
add_context (Builder *b)
{
  moat_document_add_heading (b->doc, 1, _("Business context"), "context");

  moat_document_add_heading (b->doc, 2, _("The system"), NULL);
  add_text_field (b, "description", _("No description is recorded."));
  {
    g_autofree char *purpose = model_string (b->model, "business-purpose");

    if (!is_blank (purpose))
      {
        g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s", _("Why it matters:"), purpose);
        moat_document_add_paragraph (b->doc, markup);
      }
  }

  moat_document_add_heading (b->doc, 2, _("What failure means"), NULL);
  add_text_field (b, "failure-impact", _("What a failure would cost is not recorded."));
  add_impact_scale (b);

  add_scope (b);
  add_assets (b);
  add_actors (b);
}

/* ------------------------------------------------------------------ */
/* Diagrams and elements                                               */

static void
add_diagrams (Builder *b)
{
  gboolean first = TRUE;

  if (b->diagrams->len == 0)
    {
      moat_document_add_heading (b->doc, 1, _("Diagrams"), "diagrams");
      moat_document_add_paragraph (b->doc, _("The model has no diagrams."));
      return;
    }

  for (guint i = 0; i < b->diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (b->diagrams, i);
      const char *title = moat_diagram_get_title (diagram);
      double width = 0, height = 0;
      Figure *figure = record_diagram (b->model, diagram, &width, &height);

      /* The section's heading shares the first diagram's page. */
      if (first)
        moat_document_add_heading (b->doc, 1, _("Diagrams"), "diagrams");
      first = FALSE;
      moat_document_add_heading (b->doc, 2, is_blank (title) ? _("Untitled diagram") : title, NULL);

      if (figure == NULL)
        {
          moat_document_add_paragraph (b->doc, _("This diagram is empty."));
          continue;
        }
      moat_document_add_drawing (b->doc, moat_diagram_get_description (diagram), width, height,
                                 TRUE, draw_figure, figure, (GDestroyNotify)figure_free);
    }
}

static void
append_flag (GString    *out,
             gboolean    on,
             const char *yes,
             const char *no)
{
  const char *text = on ? yes : no;

  if (text == NULL)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  if (on)
    g_string_append_printf (out, "<span foreground=\"#26a269\">✓</span> %s", text);
  else
    g_string_append_printf (out, "<span foreground=\"#c01c28\">✗</span> %s", text);
}

static char *
security_cell (MoatElement *element)
{
  MoatElementKind kind = moat_element_get_kind (element);
  g_autoptr(GString) out = g_string_new (NULL);

  if (moat_element_get_internet_facing (element))
    g_string_append_printf (out, "<span foreground=\"#c64600\">⚠</span> %s", _("Internet-facing"));
  append_flag (out, moat_element_get_authenticated (element), _("Authenticated"), _("Not authenticated"));
  if (kind != MOAT_ELEMENT_ACTOR)
    append_flag (out, moat_element_get_authorization_checked (element),
                 _("Authorisation checked"), _("No authorisation check"));
  if (kind == MOAT_ELEMENT_FLOW)
    append_flag (out, moat_element_get_encrypted_in_transit (element),
                 _("Encrypted in transit"), _("Not encrypted in transit"));
  if (kind == MOAT_ELEMENT_STORE)
    append_flag (out, moat_element_get_encrypted_at_rest (element),
                 _("Encrypted at rest"), _("Not encrypted at rest"));
  if (kind == MOAT_ELEMENT_PROCESS && moat_element_get_privilege_level (element) != MOAT_PRIVILEGE_UNKNOWN)
    g_string_append_printf (out, "\n%s %s", _("Runs as"),
                            privilege_label (moat_element_get_privilege_level (element)));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
data_cell (MoatElement *element)
{
  g_autoptr(GString) out = g_string_new (classification_label (moat_element_get_data_classification (element)));

  if (moat_element_get_handles_pii (element))
    g_string_append_printf (out, "\n%s", _("Personal data"));
  if (moat_element_get_handles_credentials (element))
    g_string_append_printf (out, "\n%s", _("Credentials"));
  if (moat_element_get_handles_payment (element))
    g_string_append_printf (out, "\n%s", _("Payment data"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
element_cell (Builder     *b,
              MoatElement *element)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *technology = moat_element_get_technology (element);
  const char *description = moat_element_get_description (element);
  g_autofree char *name = g_markup_escape_text (or_empty (moat_element_get_name (element)), -1);

  g_string_append_printf (out, "<b>%s</b>\n<span foreground=\"" GREY "\">%s", name,
                          element_kind_label (moat_element_get_kind (element)));
  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      MoatObject *source = moat_model_lookup (b->model, or_empty (moat_element_get_source_id (element)));
      MoatObject *target = moat_model_lookup (b->model, or_empty (moat_element_get_target_id (element)));
      g_autofree char *route = g_markup_printf_escaped (" · %s %s %s",
                                                        source ? or_empty (moat_object_get_label (source)) : "?",
                                                        moat_element_get_bidirectional (element) ? "↔" : "→",
                                                        target ? or_empty (moat_object_get_label (target)) : "?");
      g_string_append (out, route);
    }
  if (!is_blank (technology) || !is_blank (moat_element_get_protocol (element)))
    {
      g_autofree char *tech = g_markup_escape_text (!is_blank (technology) ? technology
                                                    : moat_element_get_protocol (element), -1);
      g_string_append_printf (out, " · %s", tech);
    }
  g_string_append (out, "</span>");
  if (!is_blank (description))
    {
      g_autofree char *text = g_markup_escape_text (description, -1);
      g_string_append_printf (out, "\n%s", text);
    }
  if (moat_element_get_out_of_scope (element))
    {
      g_autofree char *reason = g_markup_printf_escaped ("\n<i>%s %s</i>", _("Out of scope."),
                                                         or_empty (moat_element_get_out_of_scope_reason (element)));
      g_string_append (out, reason);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_element_table (Builder    *b,
                   GPtrArray  *elements,
                   gboolean    flows)
{
  const double widths[] = { 4, 2.6, 1.5, 2 };
  const char *headers[] = { flows ? _("Data flow") : _("Element"), _("Security properties"),
                            _("Data"), _("Assets"), NULL };
  MoatDocumentTable *table = NULL;

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      gboolean is_flow = moat_element_get_kind (element) == MOAT_ELEMENT_FLOW;
      g_autofree char *name = NULL;
      g_autofree char *security = NULL;
      g_autofree char *data = NULL;
      g_autofree char *assets = NULL;
      g_autofree char *assets_markup = NULL;

      /* Boundaries are named above the table: they hold no data. */
      if (is_flow != flows || moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY)
        continue;
      if (table == NULL)
        {
          if (flows)
            moat_document_add_heading (b->doc, 3, _("Data flows"), NULL);
          table = moat_document_add_table (b->doc, 4, widths, headers);
        }

      name = element_cell (b, element);
      security = security_cell (element);
      data = data_cell (element);
      assets = names_of (b, moat_element_get_asset_ids (element), 6);
      assets_markup = g_markup_escape_text (assets, -1);
      {
        const char *cells[] = { name, security, data, assets_markup, NULL };

        moat_document_table_add_row (table, cells, NULL);
      }
    }
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  MoatElement *x = *(MoatElement * const *)a;
  MoatElement *y = *(MoatElement * const *)b;

  if (moat_element_get_kind (x) != moat_element_get_kind (y))
    return moat_element_get_kind (x) - moat_element_get_kind (y);
  return g_utf8_collate (or_empty (moat_element_get_name (x)), or_empty (moat_element_get_name (y)));
}

static void
add_elements_of (Builder    *b,
                 const char *title,
                 GPtrArray  *elements)
{
  g_autoptr(GString) boundaries = g_string_new (NULL);

  g_ptr_array_sort (elements, compare_elements);
  moat_document_add_heading (b->doc, 2, title, NULL);

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);

      if (moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY)
        {
          g_autofree char *name = g_markup_escape_text (or_empty (moat_element_get_name (element)), -1);
          g_string_append_printf (boundaries, "%s%s", boundaries->len ? ", " : "", name);
        }
    }
  if (boundaries->len > 0)
    {
      g_autofree char *line = g_strdup_printf ("<b>%s</b> %s", _("Trust boundaries:"), boundaries->str);
      moat_document_add_paragraph (b->doc, line);
    }

  add_element_table (b, elements, FALSE);
  add_element_table (b, elements, TRUE);
}

static gboolean
is_catalogued (MoatElement *element)
{
  MoatElementKind kind = moat_element_get_kind (element);

  return kind != MOAT_ELEMENT_NOTE;
}

static void
add_elements (Builder *b)
{
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_ELEMENT);
  g_autoptr(GHashTable) by_diagram = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  moat_document_add_heading (b->doc, 1, _("Element catalogue"), "elements");
  moat_document_add_paragraph (b->doc, _("Every part of the system on the diagrams, with the "
                                         "security properties the threats were judged by."));

  for (guint i = 0; i < b->diagrams->len; i++)
    g_hash_table_insert (by_diagram,
                         (char *)moat_object_get_id (g_ptr_array_index (b->diagrams, i)),
                         g_ptr_array_new_with_free_func (g_object_unref));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      MoatElement *element = g_list_model_get_item (list, i);
      GPtrArray *into = g_hash_table_lookup (by_diagram, or_empty (moat_element_get_diagram_id (element)));

      if (!is_catalogued (element))
        g_object_unref (element);
      else
        g_ptr_array_add (into ? into : others, element);
    }

  for (guint i = 0; i < b->diagrams->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (b->diagrams, i);
      GPtrArray *elements = g_hash_table_lookup (by_diagram, moat_object_get_id (MOAT_OBJECT (diagram)));
      const char *title = moat_diagram_get_title (diagram);

      if (elements->len > 0)
        add_elements_of (b, is_blank (title) ? _("Untitled diagram") : title, elements);
    }
  if (others->len > 0)
    add_elements_of (b, _("Elements on no diagram"), others);
  if (g_list_model_get_n_items (list) == 0)
    moat_document_add_paragraph (b->doc, _("The model has no elements."));
}

/* ------------------------------------------------------------------ */
/* Threats                                                             */

/* "References: CWE-284 Improper Access Control · OWASP-A09:2021 …",
 * each then made a link by link_references(). */
static void
append_references (Builder            *b,
                   GString            *out,
                   const char * const *ids)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *text = moat_refs_describe (b->refs, ids[i]);

      g_string_append_printf (line, "%s%s", line->len ? " · " : "", text);
    }
  if (line->len > 0)
    {
      g_autofree char *text = g_markup_printf_escaped ("\n" SMALL_GREY "%s %s</span>",
                                                       _("References:"), line->str);
      g_string_append (out, text);
    }
}

/* Each reference in @column of the row added last leads to its public page. */
static void
link_references (Builder            *b,
                 MoatDocumentTable  *table,
                 guint               column,
                 const char * const *ids)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *url = moat_refs_get_url (b->refs, ids[i]);
      g_autofree char *text = moat_refs_describe (b->refs, ids[i]);

      if (url != NULL)
        moat_document_table_add_web_link (table, column, text, url);
    }
}

static char *
threat_cell (Builder    *b,
             ThreatInfo *info)
{
  MoatThreat *threat = info->threat;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (or_empty (moat_threat_get_title (threat)), -1);
  g_autofree char *elements = names_of (b, moat_threat_get_element_ids (threat), 5);
  MoatObject *actor = moat_model_lookup (b->model, or_empty (moat_threat_get_actor_id (threat)));
  g_autoptr(GString) facts = g_string_new (NULL);

  g_string_append_printf (out, "<b>%s</b>", title);
  if (!is_blank (moat_threat_get_description (threat)))
    {
      g_autofree char *text = g_markup_escape_text (moat_threat_get_description (threat), -1);
      g_string_append_printf (out, "\n%s", text);
    }

  if (!is_blank (moat_threat_get_category (threat)))
    g_string_append (facts, moat_format_category_label (moat_threat_get_category (threat)));
  if (*elements != '\0')
    g_string_append_printf (facts, "%s%s %s", facts->len ? " · " : "", _("Affects"), elements);
  {
    g_autofree char *reason = moat_risk_describe_impact (b->model, threat);

    /* TRANSLATORS: "Impact 5 from asset Card data, confidentiality 5" */
    g_string_append_printf (facts, "%s%s %d %s", facts->len ? " · " : "", _("Impact"), info->risk.impact, reason);
  }
  if (actor != NULL && moat_object_get_label (actor) != NULL)
    g_string_append_printf (facts, "%s%s %s", facts->len ? " · " : "", _("by"), moat_object_get_label (actor));
  if (!is_blank (moat_threat_get_owner (threat)))
    g_string_append_printf (facts, "%s%s %s", facts->len ? " · " : "", _("Owner:"), moat_threat_get_owner (threat));
  if (facts->len > 0)
    {
      g_autofree char *text = g_markup_escape_text (facts->str, -1);
      g_string_append_printf (out, "\n" SMALL_GREY "%s</span>", text);
    }
  append_references (b, out, moat_threat_get_refs (threat));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Inherent <badge> L 3 × I 4": one level, named, with its figures. */
static void
append_level (GString       *out,
              const char    *name,
              MoatRiskLevel  level,
              int            likelihood,
              int            impact)
{
  g_autofree char *badge = risk_badge (level);
  g_autofree char *label = g_markup_escape_text (name, -1);

  g_string_append_printf (out, "%s" SMALL_GREY "%s</span>\n%s\n" SMALL_GREY "%s %d × %s %d</span>",
                          out->len ? "\n" : "", label, badge,
                          /* Translators: short for likelihood, in "L 3 × I 4" */
                          C_("likelihood", "L"), likelihood,
                          /* Translators: short for impact, in "L 3 × I 4" */
                          C_("impact", "I"), impact);
}

/* Both levels, always, each named: the inherent one ranks the threat, the
 * residual one is what is left after the controls in place. */
static char *
risk_cell (ThreatInfo *info)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_level (out, _("Inherent"), info->risk.level, info->risk.likelihood, info->risk.impact);
  append_level (out, _("Residual"), info->risk.residual_level,
                info->risk.residual_likelihood, info->risk.residual_impact);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
status_cell (MoatThreat *threat)
{
  g_autofree char *label = g_markup_escape_text (threat_status_label (moat_threat_get_status (threat)), -1);

  if (is_blank (moat_threat_get_status_reason (threat)))
    return g_steal_pointer (&label);
  return g_markup_printf_escaped ("%s\n<span size=\"small\" foreground=\"" GREY "\">%s</span>",
                                  threat_status_label (moat_threat_get_status (threat)),
                                  moat_threat_get_status_reason (threat));
}

static char *
controls_cell (ThreatInfo *info)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < info->controls->len; i++)
    {
      ControlInfo *control = g_ptr_array_index (info->controls, i);
      g_autofree char *line = g_markup_printf_escaped ("%s<b>%s</b> %s " SMALL_GREY "(%s)</span>",
                                                       i ? "\n" : "", control->ref,
                                                       or_empty (moat_control_get_title (control->control)),
                                                       control_status_label (moat_control_get_status (control->control)));
      g_string_append (out, line);
    }
  if (out->len == 0)
    g_string_append_printf (out, "<span foreground=\"" GREY "\">%s</span>", _("None yet"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static MoatDocumentTable *
add_threat_table (Builder *b)
{
  const double widths[] = { 0.6, 4.4, 1.2, 1.6, 2.5 };
  const char *headers[] = { _("Ref"), _("Threat"), _("Risk"), _("Status"), _("Controls"), NULL };

  return moat_document_add_table (b->doc, 5, widths, headers);
}

static void
add_threat_row (Builder           *b,
                MoatDocumentTable *table,
                ThreatInfo        *info)
{
  g_autofree char *ref = g_markup_printf_escaped ("<b>%s</b>", info->ref);
  g_autofree char *threat = threat_cell (b, info);
  g_autofree char *risk = risk_cell (info);
  g_autofree char *status = status_cell (info->threat);
  g_autofree char *controls = controls_cell (info);
  const char *cells[] = { ref, threat, risk, status, controls, NULL };

  /* A threat listed under several elements is a link target once. */
  moat_document_table_add_row_full (table, cells, NULL, info->placed ? NULL : info->anchor);
  link_references (b, table, 1, moat_threat_get_refs (info->threat));
  info->placed = TRUE;
}

static void
add_threats_by_risk (Builder *b)
{
  for (int level = MOAT_RISK_CRITICAL; level >= MOAT_RISK_LOW; level--)
    {
      MoatDocumentTable *table = NULL;
      guint n = 0;

      for (guint i = 0; i < b->threats->len; i++)
        if (((ThreatInfo *)g_ptr_array_index (b->threats, i))->risk.level == (MoatRiskLevel)level)
          n++;
      if (n == 0)
        continue;

      {
        g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s inherent risk: %u threat",
                                                               "%s inherent risk: %u threats", n),
                                                  moat_risk_level_get_label (level), n);
        moat_document_add_heading (b->doc, 2, title, NULL);
      }
      table = add_threat_table (b);
      for (guint i = 0; i < b->threats->len; i++)
        {
          ThreatInfo *info = g_ptr_array_index (b->threats, i);

          if (info->risk.level == (MoatRiskLevel)level)
            add_threat_row (b, table, info);
        }
    }
}

static void
add_threats_by_element (Builder *b)
{
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_ELEMENT);
  g_autoptr(GHashTable) by_element = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify)g_ptr_array_unref);
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < b->threats->len; i++)
    {
      ThreatInfo *info = g_ptr_array_index (b->threats, i);
      const char * const *ids = moat_threat_get_element_ids (info->threat);
      gboolean listed = FALSE;

      for (guint e = 0; ids != NULL && ids[e] != NULL; e++)
        {
          GPtrArray *threats = g_hash_table_lookup (by_element, ids[e]);

          if (moat_model_lookup_typed (b->model, ids[e], MOAT_TYPE_ELEMENT) == NULL)
            continue;
          if (threats == NULL)
            {
              threats = g_ptr_array_new ();
              g_hash_table_insert (by_element, (char *)ids[e], threats);
            }
          g_ptr_array_add (threats, info);
          listed = TRUE;
        }
      if (!listed)
        g_ptr_array_add (loose, info);
    }

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      MoatElement *element = g_list_model_get_item (list, i);

      if (g_hash_table_contains (by_element, moat_object_get_id (MOAT_OBJECT (element))))
        g_ptr_array_add (elements, element);
      else
        g_object_unref (element);
    }
  g_ptr_array_sort (elements, compare_elements);

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      GPtrArray *threats = g_hash_table_lookup (by_element, moat_object_get_id (MOAT_OBJECT (element)));
      g_autofree char *title = g_strdup_printf ("%s (%s)", or_empty (moat_element_get_name (element)),
                                                element_kind_label (moat_element_get_kind (element)));
      MoatDocumentTable *table;

      moat_document_add_heading (b->doc, 2, title, NULL);
      table = add_threat_table (b);
      for (guint t = 0; t < threats->len; t++)
        add_threat_row (b, table, g_ptr_array_index (threats, t));
    }

  if (loose->len > 0)
    {
      MoatDocumentTable *table;

      moat_document_add_heading (b->doc, 2, _("Not tied to an element"), NULL);
      table = add_threat_table (b);
      for (guint t = 0; t < loose->len; t++)
        add_threat_row (b, table, g_ptr_array_index (loose, t));
    }
}

static void
add_threats (Builder *b)
{
  moat_document_add_heading (b->doc, 1, _("Threats"), "threats");

  if (b->threats->len == 0)
    {
      moat_document_add_paragraph (b->doc, _("No threats are recorded."));
      return;
    }

  moat_document_add_paragraph (b->doc, _("Risk is likelihood × impact on a five-point scale (see the "
                                         "appendix). Every threat shows its inherent risk, before any "
                                         "control, and its residual risk, after the controls in place; "
                                         "it is listed by its inherent risk. Open threats come first."));
  if (b->options->grouping == MOAT_REPORT_GROUP_BY_ELEMENT)
    add_threats_by_element (b);
  else
    add_threats_by_risk (b);
}

/* ------------------------------------------------------------------ */
/* Roadmap                                                             */

static char *
addresses_cell (Builder     *b,
                ControlInfo *info)
{
  const char * const *ids = moat_control_get_threat_ids (info->control);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      ThreatInfo *threat = threat_info (b, ids[i]);

      if (threat != NULL)
        g_string_append_printf (out, "%s%s", out->len ? ", " : "", threat->ref);
    }
  if (info->rank > 0 && info->risk_removed > 0)
    {
      g_string_append (out, "\n" SMALL_GREY);
      /* Translators: %d is a number of risk points */
      g_string_append_printf (out, _("−%d risk points"), info->risk_removed);
      g_string_append (out, "</span>");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The control, and the catalogue requirements it meets: the roadmap is
 * where an auditor looks for them. */
static char *
control_cell (MoatControl *control)
{
  const char * const *requirements = moat_control_get_requirements (control);
  g_autofree char *cell = name_and_description (moat_control_get_title (control),
                                                moat_control_get_description (control));
  g_autofree char *list = NULL, *line = NULL;

  if (requirements == NULL || requirements[0] == NULL)
    return g_steal_pointer (&cell);
  /* Translators: separates requirement ids, as in "asvs:V6.3.3, asvs:V8.2.1" */
  list = g_strjoinv (_(", "), (char **)requirements);
  line = g_markup_printf_escaped ("\n" SMALL_GREY "%s %s</span>", _("Meets:"), list);
  return g_strconcat (cell, line, NULL);
}

static void
add_control_row (Builder           *b,
                 MoatDocumentTable *table,
                 ControlInfo       *info)
{
  MoatControl *control = info->control;
  g_autofree char *first = info->rank > 0
                            ? g_strdup_printf ("<b>%d</b>\n" SMALL_GREY "%s</span>", info->rank, info->ref)
                            : g_strdup_printf ("<b>%s</b>", info->ref);
  g_autofree char *title = control_cell (control);
  g_autofree char *addresses = addresses_cell (b, info);
  g_autofree char *owner = g_markup_escape_text (or_empty (moat_control_get_owner (control)), -1);
  g_autofree char *tracker = g_markup_escape_text (or_empty (moat_control_get_tracker_key (control)), -1);
  g_autofree char *status = g_strdup_printf ("%s\n<span size=\"small\" foreground=\"" GREY "\">%s %s</span>",
                                             control_status_label (moat_control_get_status (control)),
                                             _("Effort:"), effort_label (moat_control_get_effort (control)));
  const char *cells[] = { first, title, addresses, owner, tracker, status, NULL };

  moat_document_table_add_row_full (table, cells, NULL, info->anchor);
}

static void
add_roadmap (Builder *b)
{
  const double widths[] = { 0.95, 4.1, 1.45, 1.7, 1.2, 1.5 };
  const char *roadmap_headers[] = { _("Priority"), _("Control"), _("Addresses"), _("Owner"),
                                    _("Tracker"), _("Status"), NULL };
  const char *in_place_headers[] = { _("Ref"), _("Control"), _("Addresses"), _("Owner"),
                                     _("Tracker"), _("Status"), NULL };
  MoatDocumentTable *table = NULL;

  moat_document_add_heading (b->doc, 1, _("Control roadmap"), "roadmap");
  moat_document_add_paragraph (b->doc, _("The controls still to build, best value first: each is "
                                         "ranked by the risk it takes away for the effort it costs."));

  for (guint i = 0; i < b->controls->len; i++)
    {
      ControlInfo *info = g_ptr_array_index (b->controls, i);

      if (info->rank == 0)
        continue;
      if (table == NULL)
        table = moat_document_add_table (b->doc, 6, widths, roadmap_headers);
      add_control_row (b, table, info);
    }
  if (table == NULL)
    moat_document_add_paragraph (b->doc, _("Nothing is on the roadmap."));

  table = NULL;
  for (guint i = 0; i < b->controls->len; i++)
    {
      ControlInfo *info = g_ptr_array_index (b->controls, i);

      if (info->rank > 0)
        continue;
      if (table == NULL)
        {
          moat_document_add_heading (b->doc, 2, _("Controls in place"), NULL);
          table = moat_document_add_table (b->doc, 6, widths, in_place_headers);
        }
      add_control_row (b, table, info);
    }
}

/* ------------------------------------------------------------------ */
/* Coverage                                                            */

#define COVERAGE_TOP_GAPS    10
#define COVERAGE_GAP_THREATS 3

/* "T4 Audit log altered by an administrator": the open threats a gap
 * leaves, the worst first, as many as fit a short row. */
static char *
gap_threats_cell (Builder                *b,
                  const MoatCoverageItem *item)
{
  g_autoptr(GPtrArray) threats = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < item->threat_ids->len; i++)
    {
      ThreatInfo *info = threat_info (b, item->threat_ids->pdata[i]);

      if (info != NULL)
        g_ptr_array_add (threats, info);
    }
  g_ptr_array_sort (threats, compare_threat_infos);

  for (guint i = 0; i < threats->len && i < COVERAGE_GAP_THREATS; i++)
    {
      ThreatInfo *info = g_ptr_array_index (threats, i);
      g_autofree char *line = g_markup_printf_escaped ("%s<b>%s</b> %s", i ? "\n" : "", info->ref,
                                                       or_empty (moat_threat_get_title (info->threat)));

      g_string_append (out, line);
    }
  if (threats->len > COVERAGE_GAP_THREATS)
    {
      guint more = threats->len - COVERAGE_GAP_THREATS;

      g_string_append (out, "\n" SMALL_GREY);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
      g_string_append (out, "</span>");
    }
  if (out->len == 0)
    g_string_append_printf (out, "<span foreground=\"" GREY "\">%s</span>", _("No open threat"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One row: how many applicable requirements are met, then by status. */
static void
add_coverage_counts (Builder      *b,
                     MoatCoverage *coverage)
{
  const double widths[] = { 1.6, 1, 1, 1, 1 };
  const char *headers[] = {
    _("Met"), moat_coverage_status_get_label (MOAT_COVERAGE_VERIFIED),
    moat_coverage_status_get_label (MOAT_COVERAGE_IMPLEMENTED),
    moat_coverage_status_get_label (MOAT_COVERAGE_PLANNED),
    moat_coverage_status_get_label (MOAT_COVERAGE_NONE), NULL
  };
  MoatDocumentTable *table = moat_document_add_table (b->doc, 5, widths, headers);
  /* Translators: met requirements: "12 of 70 (17%)" */
  g_autofree char *share = g_strdup_printf (_("%u of %u (%.0f%%)"), moat_coverage_get_n_met (coverage),
                                            moat_coverage_get_n_applicable (coverage),
                                            moat_coverage_get_percent (coverage));
  g_autofree char *met = g_markup_printf_escaped ("<b>%s</b>", share);
  char counts[MOAT_COVERAGE_N_STATUSES][16];
  const char *cells[] = { met, counts[MOAT_COVERAGE_VERIFIED], counts[MOAT_COVERAGE_IMPLEMENTED],
                          counts[MOAT_COVERAGE_PLANNED], counts[MOAT_COVERAGE_NONE], NULL };

  for (guint s = 0; s < MOAT_COVERAGE_N_STATUSES; s++)
    g_snprintf (counts[s], sizeof counts[s], "%u", moat_coverage_count (coverage, s));
  moat_document_table_add_row (table, cells, NULL);
}

/* The gaps as `moat-cli coverage` ranks them: by the residual risk of the
 * open threats each leaves. */
static void
add_coverage_gaps (Builder      *b,
                   MoatCoverage *coverage)
{
  const double widths[] = { 4.2, 4.2, 1.4 };
  const char *headers[] = { _("Requirement"), _("Open threats it leaves"), _("Residual risk"), NULL };
  g_autoptr(GPtrArray) gaps = moat_coverage_get_gaps (coverage);
  MoatDocumentTable *table;

  if (gaps->len == 0)
    {
      moat_document_add_paragraph (b->doc, _("Every applicable requirement is met."));
      return;
    }

  moat_document_add_heading (b->doc, 2, _("Largest gaps"), NULL);
  table = moat_document_add_table (b->doc, 3, widths, headers);
  for (guint i = 0; i < gaps->len && i < COVERAGE_TOP_GAPS; i++)
    {
      const MoatCoverageItem *item = gaps->pdata[i];
      g_autofree char *described = moat_requirement_describe (item->requirement);
      g_autofree char *requirement = g_markup_escape_text (described, -1);
      g_autofree char *threats = gap_threats_cell (b, item);
      g_autofree char *level = item->threat_ids->len > 0 ? risk_badge (item->gap_level) : g_strdup ("—");
      const char *cells[] = { requirement, threats, level, NULL };

      moat_document_table_add_row (table, cells, NULL);
    }
  if (gaps->len > COVERAGE_TOP_GAPS)
    {
      guint more = gaps->len - COVERAGE_TOP_GAPS;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more gap: moat-cli coverage lists them all.",
                                                            "And %u more gaps: moat-cli coverage lists them all.",
                                                            more), more);

      moat_document_add_paragraph (b->doc, text);
    }
}

static void
add_coverage_notes (Builder      *b,
                    MoatCoverage *coverage)
{
  const char * const *unknown = moat_coverage_get_unknown (coverage);
  const char *attribution = moat_catalogue_get_attribution (moat_coverage_get_catalogue (coverage));

  if (unknown[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **)unknown);
      g_autofree char *text = g_markup_printf_escaped ("%s %s", _("Requirements controls name that the "
                                                                  "catalogue does not have:"), list);

      moat_document_add_paragraph (b->doc, text);
    }
  if (attribution != NULL)
    {
      g_autofree char *text = g_markup_printf_escaped (SMALL_GREY "%s</span>", attribution);

      moat_document_add_paragraph (b->doc, text);
    }
}

/* Only for a team that measures the model against a catalogue: for any
 * other model the section would grade it against OWASP ASVS, a standard
 * nobody chose, and the low figure would read as a failing mark. Asked
 * for alone, it is measured anyway: that is a deliberate question. */
static void
add_coverage (Builder *b)
{
  int level = b->options->coverage_level > 0 ? b->options->coverage_level : 1;
  g_autofree char *catalogue = moat_coverage_default_catalogue (b->model);
  g_autoptr(MoatLibrary) library = NULL;
  g_autoptr(MoatCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *lead = NULL;

  if (b->options->sections != MOAT_REPORT_COVERAGE && !moat_coverage_model_uses_catalogues (b->model))
    return;

  moat_document_add_heading (b->doc, 1, _("Requirement coverage"), "coverage");
  library = moat_library_new_default ();
  coverage = moat_coverage_compute (library, b->model, catalogue, level, &error);
  if (coverage == NULL)
    {
      g_autofree char *text = g_markup_printf_escaped ("%s %s", _("Coverage could not be measured:"),
                                                       error->message);

      moat_document_add_paragraph (b->doc, text);
      return;
    }

  title = moat_coverage_get_title (coverage);
  lead = g_markup_printf_escaped (_("How far the controls meet <b>%s</b>: a requirement is met when a "
                                    "control that names it is implemented or verified. Requirements "
                                    "apply when their topic is in the model or a control names them."),
                                  title);
  moat_document_add_paragraph (b->doc, lead);
  add_coverage_counts (b, coverage);
  add_coverage_gaps (b, coverage);
  add_coverage_notes (b, coverage);
}

/* ------------------------------------------------------------------ */
/* Assumptions                                                         */

static char *
about_cell (Builder        *b,
            MoatAssumption *assumption)
{
  const char * const *threats = moat_assumption_get_threat_ids (assumption);
  g_autofree char *elements = names_of (b, moat_assumption_get_element_ids (assumption), 5);
  g_autoptr(GString) out = g_string_new (NULL);

  if (*elements != '\0')
    {
      g_autofree char *text = g_markup_escape_text (elements, -1);
      g_string_append (out, text);
    }
  for (guint i = 0, n = 0; threats != NULL && threats[i] != NULL; i++)
    {
      ThreatInfo *info = threat_info (b, threats[i]);

      if (info == NULL)
        continue;
      g_string_append_printf (out, "%s%s", n == 0 ? (out->len ? "\n" : "") : ", ", info->ref);
      n++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What breaks if the assumption is false: the threats resting on it,
 * worst first. */
static char *
stakes_cell (Builder        *b,
             MoatAssumption *assumption)
{
  const char * const *ids = moat_assumption_get_threat_ids (assumption);
  g_autoptr(GPtrArray) threats = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      ThreatInfo *info = threat_info (b, ids[i]);

      if (info != NULL)
        g_ptr_array_add (threats, info);
    }
  g_ptr_array_sort (threats, compare_threat_infos);

  for (guint i = 0; i < threats->len; i++)
    {
      ThreatInfo *info = g_ptr_array_index (threats, i);
      g_autofree char *badge = risk_badge (info->risk.level);
      g_autofree char *title = g_markup_printf_escaped ("<b>%s</b> %s", info->ref,
                                                        or_empty (moat_threat_get_title (info->threat)));

      g_string_append_printf (out, "%s%s %s", i ? "\n" : "", badge, title);
    }
  if (out->len == 0)
    g_string_append_printf (out, "<span foreground=\"" GREY "\">%s</span>",
                            _("No threat is linked: the elements it is about may be exposed "
                              "in ways the model does not show."));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_assumption_register (Builder   *b,
                         GPtrArray *assumptions)
{
  const double widths[] = { 0.6, 4, 1.3, 3, 2 };
  const char *headers[] = { _("Ref"), _("Assumption"), _("Status"), _("How it is checked"), _("About"), NULL };
  MoatDocumentTable *table = moat_document_add_table (b->doc, 5, widths, headers);

  for (guint i = 0; i < assumptions->len; i++)
    {
      MoatAssumption *assumption = g_ptr_array_index (assumptions, i);
      MoatAssumptionStatus status = moat_assumption_get_status (assumption);
      g_autofree char *ref = g_strdup_printf ("<b>A%u</b>", i + 1);
      g_autofree char *statement = g_markup_escape_text (or_empty (moat_assumption_get_statement (assumption)), -1);
      g_autofree char *validation = g_markup_escape_text (or_empty (moat_assumption_get_validation (assumption)), -1);
      g_autofree char *about = about_cell (b, assumption);
      g_autofree char *status_text = g_markup_printf_escaped (status == MOAT_ASSUMPTION_VALIDATED ? "%s"
                                                              : status == MOAT_ASSUMPTION_INVALIDATED
                                                              ? "<span foreground=\"#c01c28\"><b>%s</b></span>"
                                                              : "<span foreground=\"#c64600\">%s</span>",
                                                              assumption_status_label (status));
      const char *cells[] = { ref, statement, status_text, validation, about, NULL };

      moat_document_table_add_row (table, cells, NULL);
    }
}

static void
add_pentest_brief (Builder   *b,
                   GPtrArray *assumptions)
{
  const double widths[] = { 0.6, 4, 2.4, 3.4 };
  const char *headers[] = { _("Ref"), _("Prove this wrong"), _("Where to look"), _("What it would mean"), NULL };
  MoatDocumentTable *table = NULL;

  moat_document_add_heading (b->doc, 2, _("For the penetration test: prove these wrong"), "pentest");
  moat_document_add_callout (b->doc, _("<b>These assumptions hold parts of the model up, and nobody has "
                                       "checked them yet.</b> Each one is a test to run: if you can show "
                                       "that it is false, the threats beside it were rated too low and "
                                       "their controls may not be enough. Please report what you tried, "
                                       "not only what you broke."));

  for (guint i = 0; i < assumptions->len; i++)
    {
      MoatAssumption *assumption = g_ptr_array_index (assumptions, i);
      g_autofree char *ref = NULL;
      g_autofree char *statement = NULL;
      g_autofree char *where = NULL;
      g_autofree char *stakes = NULL;

      if (moat_assumption_get_status (assumption) != MOAT_ASSUMPTION_UNVALIDATED)
        continue;
      if (table == NULL)
        table = moat_document_add_table (b->doc, 4, widths, headers);

      ref = g_strdup_printf ("<b>A%u</b>", i + 1);
      if (is_blank (moat_assumption_get_validation (assumption)))
        statement = g_markup_printf_escaped ("<b>%s</b>", or_empty (moat_assumption_get_statement (assumption)));
      else
        statement = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"small\" foreground=\"" GREY "\">%s %s</span>",
                                             or_empty (moat_assumption_get_statement (assumption)),
                                             _("Suggested check:"), moat_assumption_get_validation (assumption));
      where = about_cell (b, assumption);
      stakes = stakes_cell (b, assumption);
      {
        const char *cells[] = { ref, statement, where, stakes, NULL };

        moat_document_table_add_row (table, cells, NULL);
      }
    }

  if (table == NULL)
    moat_document_add_paragraph (b->doc, _("Every assumption has been checked."));
}

static void
add_assumptions (Builder *b)
{
  GListModel *list = moat_model_get_list (b->model, MOAT_TYPE_ASSUMPTION);
  g_autoptr(GPtrArray) assumptions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      MoatAssumption *assumption = g_list_model_get_item (list, i);

      if (moat_assumption_get_kind (assumption) == MOAT_ASSUMPTION_KIND_QUESTION)
        g_ptr_array_add (questions, assumption);
      else
        g_ptr_array_add (assumptions, assumption);
    }

  moat_document_add_heading (b->doc, 1, _("Assumptions"), "assumptions");
  if (assumptions->len == 0)
    moat_document_add_paragraph (b->doc, _("No assumptions are recorded."));
  else
    {
      moat_document_add_paragraph (b->doc, _("What the model takes for granted. An assumption that "
                                             "turns out false can make a threat far worse than rated."));
      add_assumption_register (b, assumptions);
      add_pentest_brief (b, assumptions);
    }

  if (questions->len > 0)
    {
      const double widths[] = { 0.6, 6, 3 };
      const char *headers[] = { _("Ref"), _("Open question"), _("About"), NULL };
      MoatDocumentTable *table;

      moat_document_add_heading (b->doc, 2, _("Open questions"), NULL);
      table = moat_document_add_table (b->doc, 3, widths, headers);
      for (guint i = 0; i < questions->len; i++)
        {
          MoatAssumption *question = g_ptr_array_index (questions, i);
          g_autofree char *ref = g_strdup_printf ("<b>Q%u</b>", i + 1);
          g_autofree char *text = g_markup_escape_text (or_empty (moat_assumption_get_statement (question)), -1);
          g_autofree char *about = about_cell (b, question);
          const char *cells[] = { ref, text, about, NULL };

          moat_document_table_add_row (table, cells, NULL);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Change history                                                      */

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* One change as a person reads it: "Threat “X”: status open → mitigated". */
static char *
describe_change (Builder      *b,
                 MoatLogEntry *entry)
{
  MoatObject *object = entry->object_id ? moat_model_lookup (b->model, entry->object_id) : NULL;
  const char *name = object ? moat_object_get_label (object) : NULL;
  g_autofree char *value_old = entry->old_value ? shorten (entry->old_value, 60) : NULL;
  g_autofree char *value_new = entry->new_value ? shorten (entry->new_value, 60) : NULL;
  const char *kind = or_empty (entry->object_kind);

  if (entry->field == NULL && entry->old_value == NULL)
    return g_markup_printf_escaped ("<span foreground=\"#26a269\">+</span> %s “%s”", kind, or_empty (value_new));
  if (entry->field == NULL)
    return g_markup_printf_escaped ("<span foreground=\"#c01c28\">−</span> %s “%s”", kind, or_empty (value_old));
  return g_markup_printf_escaped ("%s “%s”: %s <span foreground=\"" GREY "\">%s</span> → %s",
                                  kind, name ? name : or_empty (entry->object_id), entry->field,
                                  value_old ? value_old : "—", value_new ? value_new : "—");
}

static void
add_history_row (Builder           *b,
                 MoatDocumentTable *table,
                 GPtrArray         *log,
                 guint              first,
                 guint              end)
{
  MoatLogEntry *entry = g_ptr_array_index (log, first);
  g_autofree char *when = format_time (entry->time);
  g_autofree char *who = g_markup_escape_text (or_empty (entry->author), -1);
  g_autofree char *what = g_markup_printf_escaped ("<b>%s</b>", or_empty (entry->label));
  g_autoptr(GString) details = g_string_new (NULL);

  for (guint i = first; i < end && i < first + HISTORY_MAX_CHANGES; i++)
    {
      g_autofree char *line = describe_change (b, g_ptr_array_index (log, i));
      g_string_append_printf (details, "%s%s", i > first ? "\n" : "", line);
    }
  if (end - first > HISTORY_MAX_CHANGES)
    {
      guint more = end - first - HISTORY_MAX_CHANGES;

      g_string_append (details, "\n<span foreground=\"" GREY "\">");
      g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "and %u more change",
                                                    "and %u more changes", more), more);
      g_string_append (details, "</span>");
    }

  {
    const char *cells[] = { when, who, what, details->str, NULL };
    moat_document_table_add_row (table, cells, NULL);
  }
}

static void
add_history (Builder *b)
{
  const double widths[] = { 1.6, 1.4, 2.4, 5 };
  const char *headers[] = { _("When"), _("Who"), _("What was done"), _("Changes"), NULL };
  g_autofree char *since = b->options->since > 0 ? format_date (b->options->since) : NULL;
  g_autofree char *intro = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  MoatDocumentTable *table;
  guint first_shown = 0;

  moat_document_add_heading (b->doc, 1, _("Change history"), "history");

  if (!b->have_log)
    {
      moat_document_add_paragraph (b->doc, _("The change history is kept in the project file; this "
                                             "report was made without it."));
      return;
    }

  intro = since ? g_strdup_printf (_("What changed in the model since %s, newest last."), since)
                : g_strdup (_("Every recorded change to the model, newest last."));
  moat_document_add_paragraph (b->doc, intro);

  if (b->log == NULL || b->log->len == 0)
    {
      moat_document_add_paragraph (b->doc, _("Nothing changed in this period."));
      return;
    }

  /* One row per action: the log has one line per field it changed. */
  for (guint i = 0; i < b->log->len; i++)
    if (i == 0 || ((MoatLogEntry *)g_ptr_array_index (b->log, i))->action !=
                  ((MoatLogEntry *)g_ptr_array_index (b->log, i - 1))->action)
      g_array_append_val (starts, i);

  if (starts->len > HISTORY_MAX_ACTIONS)
    {
      g_autofree char *note = g_strdup_printf (_("Only the latest %u of %u actions are shown; the "
                                                 "project file holds them all."),
                                               HISTORY_MAX_ACTIONS, starts->len);
      first_shown = starts->len - HISTORY_MAX_ACTIONS;
      moat_document_add_paragraph (b->doc, note);
    }

  table = moat_document_add_table (b->doc, 4, widths, headers);
  for (guint a = first_shown; a < starts->len; a++)
    {
      guint first = g_array_index (starts, guint, a);
      guint end = a + 1 < starts->len ? g_array_index (starts, guint, a + 1) : b->log->len;

      add_history_row (b, table, b->log, first, end);
    }
}

/* ------------------------------------------------------------------ */
/* Appendix                                                            */

/* A rule's title with its blanks named: "Someone pretends to be the
 * element". */
static char *
rule_title_markup (MoatRule *rule)
{
  g_autofree char *escaped = g_markup_escape_text (or_empty (moat_rule_get_title (rule)), -1);
  g_autofree char *blank_name = g_markup_printf_escaped ("<i>%s</i>", _("the element"));
  g_autofree char *blank_source = g_markup_printf_escaped ("<i>%s</i>", _("the source"));
  g_autofree char *blank_target = g_markup_printf_escaped ("<i>%s</i>", _("the target"));
  g_autoptr(GString) out = g_string_new (escaped);

  /* A title that starts with a blank starts a sentence with it. */
  if (g_str_has_prefix (out->str, "{name}"))
    {
      g_autofree char *start = g_markup_printf_escaped ("<i>%s</i>", _("The element"));
      g_string_replace (out, "{name}", start, 1);
    }
  g_string_replace (out, "{name}", blank_name, 0);
  g_string_replace (out, "{source}", blank_source, 0);
  g_string_replace (out, "{target}", blank_target, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
rule_kinds (MoatRule *rule)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (MoatElementKind kind = MOAT_ELEMENT_ACTOR; kind <= MOAT_ELEMENT_NOTE; kind++)
    if (moat_rule_applies_to (rule, kind))
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", element_kind_label (kind));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_rule_row (MoatDocumentTable *table,
              MoatRule          *rule,
              const char        *id,
              guint              count)
{
  g_autofree char *title = rule ? rule_title_markup (rule) : g_strdup ("");
  g_autofree char *escaped_id = g_markup_escape_text (id, -1);
  g_autofree char *first = g_strdup_printf ("%s\n<span size=\"small\" foreground=\"" GREY "\">%s</span>",
                                            title, escaped_id);
  const char *category_label = rule ? moat_format_category_label (moat_rule_get_category (rule)) : NULL;
  g_autofree char *category = g_markup_escape_text (or_empty (category_label), -1);
  g_autofree char *kinds = rule ? rule_kinds (rule) : g_strdup ("");
  g_autofree char *n = count ? g_strdup_printf ("%u", count) : g_strdup ("–");
  const char *cells[] = { first, category, kinds, n, NULL };

  moat_document_table_add_row (table, cells, NULL);
}

static GHashTable *
count_threats_by_rule (Builder *b)
{
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < b->threats->len; i++)
    {
      MoatThreat *threat = ((ThreatInfo *)g_ptr_array_index (b->threats, i))->threat;
      const char *rule = moat_threat_get_rule_id (threat);

      if (!is_blank (rule))
        g_hash_table_insert (counts, (char *)rule,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, rule)) + 1));
    }
  return counts;
}

static MoatDocumentTable *
add_rule_table (Builder *b)
{
  const double widths[] = { 4.5, 1.8, 1.8, 0.9 };
  const char *headers[] = { _("Rule"), _("Category"), _("Applies to"), _("Threats"), NULL };

  return moat_document_add_table (b->doc, 4, widths, headers);
}

/* The rules of every set the model switches on (custom rules always
 * are), and any other rule a threat in the model came from. */
static void
add_rule_list (Builder *b)
{
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_default (NULL);
  g_autoptr(GHashTable) counts = count_threats_by_rule (b);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) model_sets = NULL;
  g_autoptr(GStrvBuilder) sets_builder = g_strv_builder_new ();
  g_auto(GStrv) sets = NULL;
  g_autoptr(GList) others = NULL;
  MoatDocumentTable *table = NULL;
  g_auto(GStrv) builtin_sets = NULL;

  g_object_get (b->model, "rule-sets", &model_sets, NULL);
  builtin_sets = moat_library_choice_resolve_sets ((const char * const *)model_sets, NULL);
  g_strv_builder_addv (sets_builder, (const char **)builtin_sets);
  if (!moat_library_choice_user_set_is_off ((const char * const *)model_sets, MOAT_RULE_SET_CUSTOM))
    g_strv_builder_add (sets_builder, MOAT_RULE_SET_CUSTOM);
  sets = g_strv_builder_end (sets_builder);

  for (guint s = 0; sets[s] != NULL; s++)
    {
      table = NULL;
      for (guint i = 0; i < moat_rule_set_get_n_rules (rules); i++)
        {
          MoatRule *rule = moat_rule_set_get_rule (rules, i);
          const char *id = moat_rule_get_id (rule);

          if (g_strcmp0 (moat_rule_get_set (rule), sets[s]) != 0 || g_hash_table_contains (listed, id))
            continue;
          if (table == NULL)
            {
              g_autofree char *title = g_strdup_printf (_("Rule set “%s”"), sets[s]);

              moat_document_add_heading (b->doc, 3, title, NULL);
              table = add_rule_table (b);
            }
          add_rule_row (table, rule, id, GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)));
          g_hash_table_add (listed, (char *)id);
        }
    }

  others = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc)g_strcmp0);
  table = NULL;
  for (GList *l = others; l != NULL; l = l->next)
    {
      if (g_hash_table_contains (listed, l->data))
        continue;
      if (table == NULL)
        {
          moat_document_add_heading (b->doc, 3, _("Other rules behind threats in this model"), NULL);
          table = add_rule_table (b);
        }
      add_rule_row (table, moat_rule_set_lookup (rules, l->data), l->data,
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
    }

  if (g_hash_table_size (listed) == 0 && g_hash_table_size (counts) == 0)
    moat_document_add_paragraph (b->doc, _("No rules are switched on for this model, and no threat "
                                           "came from one."));
}

static void
add_rules (Builder *b)
{
  Chart *chart = chart_new (_("Risk level by likelihood and impact"), FALSE, 64, 28);
  g_autofree char *residual = NULL;
  g_autofree char *priority = NULL;

  moat_document_add_heading (b->doc, 1, _("Appendix: rules used"), "rules");

  moat_document_add_heading (b->doc, 2, _("The risk matrix"), NULL);
  moat_document_add_paragraph (b->doc, _("Each threat is rated for likelihood and impact from 1 to 5. "
                                         "The matrix turns the pair into a level. It is symmetric: a "
                                         "likely nuisance weighs the same as an unlikely disaster. "
                                         "Unless someone set it by hand, a threat’s impact is the highest "
                                         "impact of the assets its elements hold, in the dimension its "
                                         "category harms: confidentiality for information disclosure and "
                                         "privacy threats, integrity for tampering and repudiation, "
                                         "availability for denial of service, and the highest of the three "
                                         "for the rest. This is the inherent risk."));
  moat_document_add_spacer (b->doc, 6);
  moat_document_add_drawing (b->doc, NULL, 30 + 5 * chart->cell_w + 10, matrix_height (chart), FALSE,
                             draw_matrix_chart, chart, (GDestroyNotify)chart_free);

  moat_document_add_heading (b->doc, 2, _("Residual risk: after controls"), NULL);
  residual = g_strdup_printf (_("Controls make a threat less likely, not less harmful. Each "
                                "implemented control lowers the likelihood by %d, each verified "
                                "one by %d, never below 1. Proposed, planned and in-progress "
                                "controls do not count yet."),
                              MOAT_RISK_IMPLEMENTED_STEPS, MOAT_RISK_VERIFIED_STEPS);
  moat_document_add_paragraph (b->doc, residual);

  moat_document_add_heading (b->doc, 2, _("Roadmap priority"), NULL);
  priority = g_strdup_printf (_("A control’s priority is the risk it removes (the drop in likelihood × "
                                "impact over the open threats it addresses) divided by its effort: "
                                "small %d, medium %d, large %d. Ties go to the control that removes "
                                "more risk."),
                              MOAT_RISK_EFFORT_SMALL, MOAT_RISK_EFFORT_MEDIUM, MOAT_RISK_EFFORT_LARGE);
  moat_document_add_paragraph (b->doc, priority);

  moat_document_add_heading (b->doc, 2, _("Threat rules"), NULL);
  moat_document_add_paragraph (b->doc, _("Moat suggests threats from rules: each looks at an element’s "
                                         "kind and security properties. These are the rules this model "
                                         "is checked against, and how many of its threats each one "
                                         "suggested."));
  add_rule_list (b);
}

/* ------------------------------------------------------------------ */
/* The report                                                          */

static void
moat_report_finalize (GObject *object)
{
  MoatReport *self = (MoatReport *)object;

  g_clear_object (&self->document);

  G_OBJECT_CLASS (moat_report_parent_class)->finalize (object);
}

static void
moat_report_class_init (MoatReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_report_finalize;
}

static void
moat_report_init (MoatReport *self)
{
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->threats, g_ptr_array_unref);
  g_clear_pointer (&b->threat_by_id, g_hash_table_unref);
  g_clear_pointer (&b->controls, g_ptr_array_unref);
  g_clear_pointer (&b->control_by_id, g_hash_table_unref);
  g_clear_pointer (&b->diagrams, g_ptr_array_unref);
  g_clear_pointer (&b->log, g_ptr_array_unref);
  g_clear_object (&b->refs);
}

static void
set_document_frame (Builder *b)
{
  const char *title = moat_model_get_title (b->model);
  g_autofree char *header = NULL;

  if (is_blank (title))
    title = _("Untitled threat model");
  /* Translators: the running header of the report; %s is the model's title */
  header = g_strdup_printf (_("%s — threat model"), title);
  moat_document_set_metadata (b->doc, title, moat_model_get_owner (b->model), _("Threat model report"));
  moat_document_set_running_header (b->doc, header);
}

/**
 * moat_report_new:
 * @store: (nullable): the model's project file, for the change history
 * @options: (nullable): what to put in; %NULL for everything on A4
 *
 * Reads the model (and the change log) and builds the report. Call it on
 * the thread that owns the model; it takes a fraction of the time that
 * writing the PDF does.
 *
 * Returns: (transfer full): the report, or %NULL if the change log could
 *   not be read
 */
MoatReport *
moat_report_new (MoatModel                *model,
                 MoatStore                *store,
                 const MoatReportOptions  *options,
                 GError                  **error)
{
  g_autoptr(MoatReport) self = NULL;
  g_autoptr(MoatReportOptions) defaults = moat_report_options_new ();
  Builder b = { 0 };

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (store == NULL || MOAT_IS_STORE (store), NULL);

  self = g_object_new (MOAT_TYPE_REPORT, NULL);
  self->options = options ? *options : *defaults;
  self->document = moat_document_new ();

  b.options = &self->options;
  b.model = model;
  b.doc = self->document;

  if ((self->options.sections & MOAT_REPORT_HISTORY) && store != NULL)
    {
      b.log = moat_store_read_log (store, self->options.since, self->options.history_limit, error);
      if (b.log == NULL)
        return NULL;
      b.have_log = TRUE;
    }

  b.refs = moat_refs_new_builtin ();
  collect_threats (&b);
  collect_controls (&b);
  collect_diagrams (&b);
  set_document_frame (&b);

  if (has (&b, MOAT_REPORT_COVER))
    add_cover (&b);
  if (has (&b, MOAT_REPORT_SUMMARY))
    add_summary (&b);
  if (has (&b, MOAT_REPORT_CONTEXT))
    add_context (&b);
  if (has (&b, MOAT_REPORT_DIAGRAMS))
    add_diagrams (&b);
  if (has (&b, MOAT_REPORT_ELEMENTS))
    add_elements (&b);
  if (has (&b, MOAT_REPORT_THREATS))
    add_threats (&b);
  if (has (&b, MOAT_REPORT_ROADMAP))
    add_roadmap (&b);
  if (has (&b, MOAT_REPORT_COVERAGE))
    add_coverage (&b);
  if (has (&b, MOAT_REPORT_ASSUMPTIONS))
    add_assumptions (&b);
  if (has (&b, MOAT_REPORT_HISTORY))
    add_history (&b);
  if (has (&b, MOAT_REPORT_RULES))
    add_rules (&b);

  builder_clear (&b);
  return g_steal_pointer (&self);
}

/**
 * moat_report_get_document:
 *
 * Returns: (transfer none): the laid-out document behind the report
 */
MoatDocument *
moat_report_get_document (MoatReport *self)
{
  g_return_val_if_fail (MOAT_IS_REPORT (self), NULL);

  return self->document;
}

const MoatReportOptions *
moat_report_get_options (MoatReport *self)
{
  g_return_val_if_fail (MOAT_IS_REPORT (self), NULL);

  return &self->options;
}

/**
 * moat_report_paginate:
 *
 * Lays the report out for pages of @page_width × @page_height points,
 * portrait (diagram pages are turned when that shows them larger).
 *
 * Returns: the number of pages
 */
guint
moat_report_paginate (MoatReport *self,
                      double      page_width,
                      double      page_height)
{
  g_return_val_if_fail (MOAT_IS_REPORT (self), 0);

  return moat_document_paginate (self->document, page_width, page_height);
}

/**
 * moat_report_get_page_size:
 *
 * The size of a page of the last pagination, in points: pages of wide
 * diagrams are landscape, for GtkPrintOperation::request-page-setup.
 */
void
moat_report_get_page_size (MoatReport *self,
                           guint       page,
                           double     *width,
                           double     *height)
{
  g_return_if_fail (MOAT_IS_REPORT (self));

  moat_document_get_page_size (self->document, page, width, height);
}

void
moat_report_render_page (MoatReport *self,
                         cairo_t    *cr,
                         guint       page)
{
  g_return_if_fail (MOAT_IS_REPORT (self));

  moat_document_render_page (self->document, cr, page);
}

/**
 * moat_report_write_pdf:
 * @progress: (nullable) (scope call): told how far the work is, from 0 to 1,
 *   on the calling thread
 * @cancellable: (nullable): stops the work between pages
 *
 * Writes the report as a PDF on the paper of its options. The stream is
 * not closed. This is the slow part, safe to run on a worker thread.
 */
gboolean
moat_report_write_pdf (MoatReport              *self,
                       GOutputStream           *stream,
                       MoatReportProgressFunc   progress,
                       gpointer                 user_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_return_val_if_fail (MOAT_IS_REPORT (self), FALSE);

  return moat_document_write_pdf_to_stream (self->document, stream, self->options.paper,
                                            progress, user_data, cancellable, error);
}

typedef struct
{
  MoatReport             *report;
  MoatReportProgressFunc  progress;
  gpointer                user_data;
} ReportJob;

static gboolean
write_report_job (GOutputStream  *stream,
                  gpointer        user_data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  ReportJob *job = user_data;

  return moat_report_write_pdf (job->report, stream, job->progress, job->user_data,
                                cancellable, error);
}

static gboolean
write_file (MoatReport              *self,
            GFile                   *file,
            MoatReportProgressFunc   progress,
            gpointer                 user_data,
            GCancellable            *cancellable,
            GError                 **error)
{
  ReportJob job = { self, progress, user_data };

  return moat_temp_file_replace (file, write_report_job, &job, cancellable, error);
}

/* Progress reports cross from the worker to the caller's main context;
 * the relay lives until the last of them is delivered. */
typedef struct
{
  MoatReportProgressFunc  func;
  gpointer                data;
  GDestroyNotify          destroy;
  GMainContext           *context;
  double                  last;
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  double         fraction;
} ProgressReport;

static gboolean
destroy_progress_data (gpointer data)
{
  ProgressRelay *relay = data;

  relay->destroy (relay->data);
  return G_SOURCE_REMOVE;
}

/* The last reference may go on the worker thread: the caller's data is
 * still freed on the caller's. */
static void
progress_relay_clear (ProgressRelay *relay)
{
  if (relay->destroy != NULL)
    g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, destroy_progress_data,
                                g_memdup2 (relay, sizeof *relay), g_free);
  g_main_context_unref (relay->context);
}

static void
progress_report_free (ProgressReport *report)
{
  g_atomic_rc_box_release_full (report->relay, (GDestroyNotify)progress_relay_clear);
  g_free (report);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  report->relay->func (report->fraction, report->relay->data);
  return G_SOURCE_REMOVE;
}

static void
relay_progress (double   fraction,
                gpointer data)
{
  ProgressRelay *relay = data;
  ProgressReport *report;

  /* A hundred updates are plenty for a progress bar. */
  if (relay->func == NULL || (fraction - relay->last < 0.01 && fraction < 1.0))
    return;
  relay->last = fraction;

  report = g_new0 (ProgressReport, 1);
  report->relay = g_atomic_rc_box_acquire (relay);
  report->fraction = fraction;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              (GDestroyNotify)progress_report_free);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "moat-file");
  ProgressRelay *relay = task_data;
  GError *error = NULL;

  if (write_file (source, file, relay_progress, relay, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
progress_relay_release (ProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify)progress_relay_clear);
}

/**
 * moat_report_write_pdf_async:
 * @progress: (nullable): told how far the work is, from 0 to 1, in the
 *   thread-default main context of the caller
 * @progress_destroy: (nullable): frees @progress_data once no more
 *   progress will be reported
 *
 * Writes the report to @file on a worker thread. The file is replaced
 * only when the whole PDF is written; if the work is cancelled or fails,
 * an existing file is left as it was. Do not paginate or render the
 * report until @callback has run.
 */
void
moat_report_write_pdf_async (MoatReport             *self,
                             GFile                  *file,
                             MoatReportProgressFunc  progress,
                             gpointer                progress_data,
                             GDestroyNotify          progress_destroy,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ProgressRelay *relay;

  g_return_if_fail (MOAT_IS_REPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  relay = g_atomic_rc_box_new0 (ProgressRelay);
  relay->func = progress;
  relay->data = progress_data;
  relay->destroy = progress_destroy;
  relay->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, moat_report_write_pdf_async);
  g_task_set_task_data (task, relay, (GDestroyNotify)progress_relay_release);
  g_object_set_data_full (G_OBJECT (task), "moat-file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
moat_report_write_pdf_finish (MoatReport    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * moat_report_export_pdf:
 * @store: (nullable): the model's project file, for the change history
 * @options: (nullable): what to put in; %NULL for everything on A4
 *
 * Builds the report and writes it to @file in one go, on this thread:
 * for the command line and tests.
 */
gboolean
moat_report_export_pdf (MoatModel                *model,
                        MoatStore                *store,
                        const MoatReportOptions  *options,
                        GFile                    *file,
                        GCancellable             *cancellable,
                        GError                  **error)
{
  g_autoptr(MoatReport) report = moat_report_new (model, store, options, error);

  if (report == NULL)
    return FALSE;
  return write_file (report, file, NULL, NULL, cancellable, error);
}
