/* moat-export-markdown.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-export-markdown.h"
#include "moat-risk.h"
#include "moat-format-private.h"
#include "moat-refs.h"
#include "moat-threat.h"

#define EMPTY_CELL "—"

/**
 * moat_markdown_is_mention:
 * @p: a position in @text
 *
 * Returns: whether the "@" at @p would be read as a mention of a person
 *   or a team by GitHub or GitLab
 */
gboolean
moat_markdown_is_mention (const char *text,
                          const char *p)
{
  gboolean after_word = p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '_');

  return *p == '@' && !after_word && (g_ascii_isalnum (p[1]) || p[1] == '_' || p[1] == '-');
}

/* Text as Markdown shows it literally. In a table cell a line break
 * becomes <br> and a pipe is escaped, so that one value stays one cell;
 * elsewhere what would start a list, a quote or a heading is escaped at
 * the start of each line. */
static void
append_text (GString    *out,
             const char *text,
             gboolean    in_cell)
{
  gboolean line_start = TRUE, leading_digits = FALSE;

  text = text ? text : "";
  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\r')
        continue;
      if (c == '\n')
        {
          g_string_append (out, in_cell ? "<br>" : "\n");
          line_start = TRUE;
          leading_digits = FALSE;
          continue;
        }

      if (moat_markdown_is_mention (text, p))
        g_string_append (out, "@" MOAT_MARKDOWN_MENTION_BREAK);
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '&')
        g_string_append (out, "&amp;");
      else
        {
          gboolean block_start = !in_cell && (line_start || leading_digits);

          if (strchr ("\\`*_[]|~#", c) != NULL ||
              (block_start && line_start && strchr ("-+=", c) != NULL) ||
              (block_start && leading_digits && (c == '.' || c == ')')))
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }

      leading_digits = (line_start || leading_digits) && g_ascii_isdigit (c);
      line_start = line_start && (c == ' ' || c == '\t');
    }
}

static void
append_cell (GString    *out,
             const char *text)
{
  g_string_append (out, "| ");
  if (moat_format_text_is_empty (text))
    g_string_append (out, EMPTY_CELL);
  else
    append_text (out, text, TRUE);
  g_string_append_c (out, ' ');
}

static void
end_row (GString *out)
{
  g_string_append (out, "|\n");
}

static void
begin_table (GString           *out,
             const char * const *headers)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; headers[i] != NULL; i++)
    append_cell (out, headers[i]);
  end_row (out);
  for (guint i = 0; headers[i] != NULL; i++)
    g_string_append (out, "| --- ");
  end_row (out);
}

static void
append_heading (GString    *out,
                int         level,
                const char *text)
{
  g_string_append_printf (out, "\n%.*s ", level, "######");
  append_text (out, text, TRUE);
  g_string_append_c (out, '\n');
}

static void
append_paragraph (GString    *out,
                  const char *text)
{
  if (moat_format_text_is_empty (text))
    return;
  g_string_append_c (out, '\n');
  append_text (out, text, FALSE);
  g_string_append_c (out, '\n');
}

/* “14 (9 open, 3 mitigated)”: the values with no object left out. */
static char *
count_phrase (MoatModel  *model,
              GType       object_type,
              const char *field)
{
  GListModel *list = moat_model_get_list (model, object_type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (moat_object_class_for_type (object_type)), field);
  g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
  g_autofree guint *counts = g_new0 (guint, klass->n_values);
  guint n = g_list_model_get_n_items (list);
  GString *text = g_string_new (NULL);
  gboolean first = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
      int value = g_value_get_enum (moat_object_peek_value (object, pspec));

      for (guint v = 0; v < klass->n_values; v++)
        counts[v] += klass->values[v].value == value;
    }

  g_string_append_printf (text, "%u", n);
  for (guint v = 0; v < klass->n_values; v++)
    {
      if (counts[v] == 0)
        continue;
      g_string_append_printf (text, "%s%u %s", first ? " (" : ", ", counts[v],
                              moat_format_enum_label (pspec->value_type, klass->values[v].value));
      first = FALSE;
    }
  if (!first)
    g_string_append_c (text, ')');

  return g_string_free (text, FALSE);
}

static void
append_summary_item (GString    *out,
                     const char *label,
                     const char *value)
{
  g_string_append (out, "- **");
  append_text (out, label, TRUE);
  g_string_append (out, "** ");
  append_text (out, value, TRUE);
  g_string_append_c (out, '\n');
}

static void
append_front (GString   *out,
              MoatModel *model)
{
  const char *title = moat_model_get_title (model);
  g_autofree char *threats = count_phrase (model, MOAT_TYPE_THREAT, "status");
  g_autofree char *controls = count_phrase (model, MOAT_TYPE_CONTROL, "status");
  g_autofree char *assumptions = count_phrase (model, MOAT_TYPE_ASSUMPTION, "status");

  g_string_append (out, "# ");
  append_text (out, moat_format_text_is_empty (title) ? _("Threat model") : title, TRUE);
  g_string_append_c (out, '\n');

  append_paragraph (out, moat_model_get_description (model));

  g_string_append_c (out, '\n');
  if (!moat_format_text_is_empty (moat_model_get_owner (model)))
    append_summary_item (out, _("Owner:"), moat_model_get_owner (model));
  if (!moat_format_text_is_empty (moat_model_get_version_label (model)))
    append_summary_item (out, _("Version:"), moat_model_get_version_label (model));
  append_summary_item (out, _("Threats:"), threats);
  append_summary_item (out, _("Controls:"), controls);
  append_summary_item (out, _("Assumptions:"), assumptions);
}

/* ---- diagrams ---- */

typedef struct
{
  guint total;
  guint open;
} ThreatCount;

/* How many threats each element has, and how many of them are open. */
static GHashTable *
count_threats_by_element (MoatModel *model)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char * const *ids = moat_threat_get_element_ids (threat);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          MoatElement *element = moat_model_lookup_typed (model, ids[j], MOAT_TYPE_ELEMENT);
          ThreatCount *count;

          if (element == NULL)
            continue;
          /* The key lives as long as the element, which outlives the table. */
          count = g_hash_table_lookup (counts, moat_object_get_id (MOAT_OBJECT (element)));
          if (count == NULL)
            {
              count = g_new0 (ThreatCount, 1);
              g_hash_table_insert (counts, (char *)moat_object_get_id (MOAT_OBJECT (element)), count);
            }
          count->total++;
          count->open += moat_threat_get_status (threat) == MOAT_THREAT_OPEN;
        }
    }

  return counts;
}

static char *
element_name (MoatModel   *model,
              MoatElement *element)
{
  const char *name = moat_format_object_name (MOAT_OBJECT (element));
  MoatObject *source, *target;

  if (moat_element_get_kind (element) != MOAT_ELEMENT_FLOW)
    return g_strdup (name);

  source = moat_model_lookup (model, moat_element_get_source_id (element));
  target = moat_model_lookup (model, moat_element_get_target_id (element));
  if (source == NULL || target == NULL)
    return g_strdup (name);

  /* Translators: a data flow: its name, where it comes from, where it goes */
  return g_strdup_printf (_("%s (%s %s %s)"), name, moat_format_object_name (source),
                          moat_element_get_bidirectional (element) ? "↔" : "→",
                          moat_format_object_name (target));
}

static void
add_property (GPtrArray  *words,
              gboolean    set,
              const char *word)
{
  if (set && !moat_format_text_is_empty (word))
    g_ptr_array_add (words, g_strdup (word));
}

/* The security properties a reviewer looks for, in words. */
static char *
element_properties (MoatElement *element)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  MoatPrivilege privilege = moat_element_get_privilege_level (element);
  MoatElementKind kind = moat_element_get_kind (element);

  if (moat_element_get_out_of_scope (element))
    {
      const char *reason = moat_element_get_out_of_scope_reason (element);

      g_ptr_array_add (words, moat_format_text_is_empty (reason)
                              ? g_strdup (_("out of scope"))
                              : g_strdup_printf (_("out of scope: %s"), reason));
    }
  add_property (words, TRUE, moat_element_get_technology (element));
  add_property (words, TRUE, moat_element_get_protocol (element));
  add_property (words, moat_element_get_internet_facing (element), _("internet-facing"));
  add_property (words, moat_element_get_authenticated (element), _("authenticated"));
  add_property (words, moat_element_get_authorization_checked (element), _("authorisation checked"));
  add_property (words, moat_element_get_encrypted_in_transit (element), _("encrypted in transit"));
  add_property (words, moat_element_get_encrypted_at_rest (element), _("encrypted at rest"));
  add_property (words, privilege != MOAT_PRIVILEGE_UNKNOWN,
                moat_format_enum_label (MOAT_TYPE_PRIVILEGE, privilege));
  if (kind != MOAT_ELEMENT_BOUNDARY)
    add_property (words, TRUE, moat_format_enum_label (MOAT_TYPE_CLASSIFICATION,
                                                       moat_element_get_data_classification (element)));
  add_property (words, moat_element_get_handles_pii (element), _("personal data"));
  add_property (words, moat_element_get_handles_credentials (element), _("credentials"));
  add_property (words, moat_element_get_handles_payment (element), _("payment data"));

  g_ptr_array_add (words, NULL);
  /* Translators: separates an element's properties in a table cell */
  return g_strjoinv (_(", "), (char **)words->pdata);
}

static void
append_diagram (GString     *out,
                MoatModel   *model,
                MoatDiagram *diagram,
                GHashTable  *threat_counts)
{
  const char *headers[] = { _("Element"), _("Kind"), _("Security properties"), _("Threats"), NULL };
  g_autoptr(GPtrArray) elements = moat_format_diagram_elements (model, moat_object_get_id (MOAT_OBJECT (diagram)));
  g_autofree char *heading = g_strdup_printf (_("Diagram: %s"),
                                              moat_format_object_name (MOAT_OBJECT (diagram)));

  append_heading (out, 2, heading);
  append_paragraph (out, moat_diagram_get_description (diagram));

  if (elements->len == 0)
    {
      append_paragraph (out, _("Nothing is drawn on this diagram yet."));
      return;
    }

  begin_table (out, headers);
  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      ThreatCount *count = g_hash_table_lookup (threat_counts, moat_object_get_id (MOAT_OBJECT (element)));
      g_autofree char *name = element_name (model, element);
      g_autofree char *properties = element_properties (element);
      g_autofree char *threats = NULL;

      if (count != NULL)
        /* Translators: threats on an element: how many, how many of them open */
        threats = g_strdup_printf (_("%u (%u open)"), count->total, count->open);

      append_cell (out, name);
      append_cell (out, moat_format_enum_label (MOAT_TYPE_ELEMENT_KIND, moat_element_get_kind (element)));
      append_cell (out, properties);
      append_cell (out, threats);
      end_row (out);
    }
}

/* Only web links become links: anything else in a tracker URL could be
 * a script, or break the table. */
static gboolean
is_plain_web_link (const char *url)
{
  if (url == NULL || !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    return FALSE;

  for (const char *p = url; *p != '\0'; p++)
    if ((guchar)*p <= ' ' || strchr ("()<>[]|\\\"'`", *p) != NULL)
      return FALSE;

  return TRUE;
}

/* [text](url) when @url is a plain web link, else @text alone. */
static void
append_link (GString    *out,
             const char *text,
             const char *url)
{
  if (!is_plain_web_link (url))
    {
      append_text (out, text, TRUE);
      return;
    }
  g_string_append_c (out, '[');
  append_text (out, text, TRUE);
  g_string_append_printf (out, "](%s)", url);
}

/* A threat's CWE, CAPEC and OWASP references, each a link to its
 * public page. */
static void
append_refs_cell (GString            *out,
                  MoatRefs           *refs,
                  const char * const *ids)
{
  if (ids == NULL || ids[0] == NULL)
    {
      append_cell (out, NULL);
      return;
    }

  g_string_append (out, "| ");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *url = moat_refs_get_url (refs, ids[i]);

      if (i > 0)
        g_string_append (out, _(", "));
      append_link (out, ids[i], url);
    }
  g_string_append_c (out, ' ');
}

/* A list of plain values in one cell, or the empty cell. */
static void
append_list_cell (GString            *out,
                  const char * const *items)
{
  g_autofree char *text = items ? g_strjoinv (_(", "), (char **)items) : NULL;

  append_cell (out, text);
}

/* ---- threats, controls, assumptions ---- */

static void
append_threats (GString   *out,
                MoatModel *model)
{
  const char *headers[] = {
    _("Threat"), _("Category"), _("Status"), _("Inherent risk"), _("Residual risk"),
    _("Impact"), _("Elements"), _("Controls"), _("Owner"), _("References"), NULL
  };
  g_autoptr(GPtrArray) threats = moat_format_list_in_order (model, MOAT_TYPE_THREAT);
  g_autoptr(GHashTable) controls = moat_format_index_controls (model);
  g_autoptr(MoatRefs) refs = moat_refs_new_builtin ();

  append_heading (out, 2, _("Threats"));
  if (threats->len == 0)
    {
      append_paragraph (out, _("No threats are recorded."));
      return;
    }

  begin_table (out, headers);
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      g_autofree char *inherent = NULL, *residual = NULL, *impact = NULL;
      g_autofree char *elements = moat_format_join_names (model, moat_threat_get_element_ids (threat), _(", "));
      g_autofree char *names = moat_format_controls_of (controls, threat, _(", "));
      g_autofree char *reason = moat_risk_describe_impact (model, threat);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      inherent = moat_risk_format_level (risk.level, risk.likelihood, risk.impact);
      residual = moat_risk_format_level (risk.residual_level, risk.residual_likelihood, risk.residual_impact);
      /* TRANSLATORS: an impact and where it comes from: "5, from asset Card data, confidentiality 5" */
      impact = g_strdup_printf (_("%d, %s"), risk.impact, reason);

      append_cell (out, moat_format_object_name (MOAT_OBJECT (threat)));
      append_cell (out, moat_format_category_label (moat_threat_get_category (threat)));
      append_cell (out, moat_format_enum_label (MOAT_TYPE_THREAT_STATUS, moat_threat_get_status (threat)));
      append_cell (out, inherent);
      append_cell (out, residual);
      append_cell (out, impact);
      append_cell (out, elements);
      append_cell (out, names);
      append_cell (out, moat_threat_get_owner (threat));
      append_refs_cell (out, refs, moat_threat_get_refs (threat));
      end_row (out);
    }
}

static void
append_tracker_cell (GString     *out,
                     MoatControl *control)
{
  const char *key = moat_control_get_tracker_key (control);
  const char *url = moat_control_get_tracker_url (control);

  if (!is_plain_web_link (url))
    {
      append_cell (out, key);
      return;
    }

  g_string_append (out, "| ");
  append_link (out, moat_format_text_is_empty (key) ? url : key, url);
  g_string_append_c (out, ' ');
}

static void
append_controls (GString   *out,
                 MoatModel *model)
{
  const char *headers[] = {
    _("Control"), _("Status"), _("Effort"), _("Owner"), _("Tracker"), _("Threats"),
    _("Requirements"), NULL
  };
  g_autoptr(GPtrArray) controls = moat_format_list_in_order (model, MOAT_TYPE_CONTROL);

  append_heading (out, 2, _("Controls"));
  if (controls->len == 0)
    {
      append_paragraph (out, _("No controls are recorded."));
      return;
    }

  begin_table (out, headers);
  for (guint i = 0; i < controls->len; i++)
    {
      MoatControl *control = g_ptr_array_index (controls, i);
      g_autofree char *threats = moat_format_join_names (model, moat_control_get_threat_ids (control), _(", "));

      append_cell (out, moat_format_object_name (MOAT_OBJECT (control)));
      append_cell (out, moat_format_enum_label (MOAT_TYPE_CONTROL_STATUS, moat_control_get_status (control)));
      append_cell (out, moat_format_enum_label (MOAT_TYPE_EFFORT, moat_control_get_effort (control)));
      append_cell (out, moat_control_get_owner (control));
      append_tracker_cell (out, control);
      append_cell (out, threats);
      append_list_cell (out, moat_control_get_requirements (control));
      end_row (out);
    }
}

static void
append_assumptions (GString   *out,
                    MoatModel *model)
{
  const char *headers[] = {
    _("Statement"), _("Kind"), _("Status"), _("Validation"), _("About"), NULL
  };
  g_autoptr(GPtrArray) assumptions = moat_format_list_in_order (model, MOAT_TYPE_ASSUMPTION);

  append_heading (out, 2, _("Assumptions"));
  if (assumptions->len == 0)
    {
      append_paragraph (out, _("No assumptions are recorded."));
      return;
    }

  begin_table (out, headers);
  for (guint i = 0; i < assumptions->len; i++)
    {
      MoatAssumption *assumption = g_ptr_array_index (assumptions, i);
      g_autofree char *elements = moat_format_join_names (model, moat_assumption_get_element_ids (assumption), _(", "));
      g_autofree char *threats = moat_format_join_names (model, moat_assumption_get_threat_ids (assumption), _(", "));
      g_autofree char *about = g_strjoin (elements[0] && threats[0] ? _(", ") : "", elements, threats, NULL);

      append_cell (out, moat_format_object_name (MOAT_OBJECT (assumption)));
      append_cell (out, moat_format_enum_label (MOAT_TYPE_ASSUMPTION_KIND, moat_assumption_get_kind (assumption)));
      append_cell (out, moat_format_enum_label (MOAT_TYPE_ASSUMPTION_STATUS, moat_assumption_get_status (assumption)));
      append_cell (out, moat_assumption_get_validation (assumption));
      append_cell (out, about);
      end_row (out);
    }
}

/**
 * moat_export_markdown:
 *
 * Returns: (transfer full): @model as one Markdown page (GitHub-flavoured:
 *   it uses tables), ending with a newline
 */
char *
moat_export_markdown (MoatModel *model)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) diagrams = NULL;
  g_autoptr(GHashTable) threat_counts = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  append_front (out, model);

  diagrams = moat_format_list_in_order (model, MOAT_TYPE_DIAGRAM);
  threat_counts = count_threats_by_element (model);
  for (guint i = 0; i < diagrams->len; i++)
    append_diagram (out, model, g_ptr_array_index (diagrams, i), threat_counts);

  append_threats (out, model);
  append_controls (out, model);
  append_assumptions (out, model);

  return g_string_free (out, FALSE);
}

/**
 * moat_markdown_append_text:
 * @in_cell: whether @text goes in a table cell
 *
 * Appends @text as Markdown shows it literally, as the model export
 * escapes it: for other exports (the estate) that write Markdown too.
 */
void
moat_markdown_append_text (GString    *out,
                           const char *text,
                           gboolean    in_cell)
{
  append_text (out, text, in_cell);
}
