/* moat-export-csv.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-control.h"
#include "moat-enum-types.h"
#include "moat-export-csv.h"
#include "moat-risk.h"
#include "moat-format-private.h"
#include "moat-threat.h"

/* Lists inside one cell: a semicolon, as names often hold commas. */
#define LIST_SEPARATOR "; "

/* Keep in step with the tables in README.md (tests/cli checks). */
static const char * const threat_columns[] = {
  "Moat ID", "Summary", "Description", "Category", "Status", "Status Reason", "Likelihood",
  "Impact", "Impact From", "Inherent Risk", "Residual Likelihood", "Residual Risk", "Elements", "Diagrams", "Controls", "Owner",
  "References", NULL
};

static const char * const control_columns[] = {
  "Moat ID", "Summary", "Description", "Status", "Effort", "Owner", "Tracker Key", "Tracker URL",
  "Threats", "Requirements", NULL
};

gboolean
moat_export_csv_table_from_name (const char   *name,
                                 MoatCsvTable *table)
{
  if (g_strcmp0 (name, "threats") == 0)
    *table = MOAT_CSV_THREATS;
  else if (g_strcmp0 (name, "controls") == 0)
    *table = MOAT_CSV_CONTROLS;
  else
    return FALSE;

  return TRUE;
}

/* Returns: (transfer none): the header row's names, %NULL-terminated */
const char * const *
moat_export_csv_columns (MoatCsvTable table)
{
  return table == MOAT_CSV_CONTROLS ? control_columns : threat_columns;
}

static gboolean
runs_as_formula (const char *text)
{
  switch (text[0])
    {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '-':
      /* “- item” is a list in a description, not arithmetic. */
      return text[1] != ' ' && text[1] != '\0';
    default:
      return FALSE;
    }
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL || text[0] == '\0')
    return;

  /* Every non-empty value quoted: simpler than deciding, and valid. */
  g_string_append_c (out, '"');
  if (runs_as_formula (text))
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString            *out,
            const char * const *fields,
            guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    append_field (out, fields[i], i == 0);
  g_string_append (out, "\r\n");
}

/* Returns: (transfer full) (nullable): @items in one cell */
static char *
join_list (const char * const *items)
{
  return items ? g_strjoinv (LIST_SEPARATOR, (char **)items) : NULL;
}

static void
append_threat (GString    *out,
               MoatModel  *model,
               GHashTable *controls,
               MoatThreat *threat)
{
  const char * const *element_ids = moat_threat_get_element_ids (threat);
  g_autofree char *likelihood = NULL, *impact = NULL, *residual_likelihood = NULL;
  g_autofree char *reason = moat_risk_describe_impact_untranslated (model, threat);
  g_autofree char *elements = moat_format_join_names (model, element_ids, LIST_SEPARATOR);
  g_autofree char *diagrams = moat_format_diagrams_of (model, element_ids, LIST_SEPARATOR);
  g_autofree char *names = moat_format_controls_of (controls, threat, LIST_SEPARATOR);
  g_autofree char *refs = join_list (moat_threat_get_refs (threat));
  MoatRiskAssessment risk;

  moat_risk_assess (model, threat, &risk);
  likelihood = g_strdup_printf ("%d", risk.likelihood);
  impact = g_strdup_printf ("%d", risk.impact);
  residual_likelihood = g_strdup_printf ("%d", risk.residual_likelihood);
  const char *fields[] = {
    moat_object_get_id (MOAT_OBJECT (threat)),
    moat_format_object_name (MOAT_OBJECT (threat)),
    moat_threat_get_description (threat),
    moat_format_category_label (moat_threat_get_category (threat)),
    moat_format_enum_nick (MOAT_TYPE_THREAT_STATUS, moat_threat_get_status (threat)),
    moat_threat_get_status_reason (threat),
    likelihood,
    impact,
    reason,
    moat_risk_level_get_nick (risk.level),
    residual_likelihood,
    moat_risk_level_get_nick (risk.residual_level),
    elements,
    diagrams,
    names,
    moat_threat_get_owner (threat),
    refs,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (threat_columns) - 1);
  append_row (out, fields, G_N_ELEMENTS (fields));
}

static void
append_control (GString     *out,
                MoatModel   *model,
                MoatControl *control)
{
  g_autofree char *threats = moat_format_join_names (model, moat_control_get_threat_ids (control),
                                                     LIST_SEPARATOR);
  g_autofree char *requirements = join_list (moat_control_get_requirements (control));
  const char *fields[] = {
    moat_object_get_id (MOAT_OBJECT (control)),
    moat_format_object_name (MOAT_OBJECT (control)),
    moat_control_get_description (control),
    moat_format_enum_nick (MOAT_TYPE_CONTROL_STATUS, moat_control_get_status (control)),
    moat_format_enum_nick (MOAT_TYPE_EFFORT, moat_control_get_effort (control)),
    moat_control_get_owner (control),
    moat_control_get_tracker_key (control),
    moat_control_get_tracker_url (control),
    threats,
    requirements,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (fields) == G_N_ELEMENTS (control_columns) - 1);
  append_row (out, fields, G_N_ELEMENTS (fields));
}

/**
 * moat_export_csv:
 *
 * Returns: (transfer full): the header row, then one row per threat or
 *   control of @model
 */
char *
moat_export_csv (MoatModel    *model,
                 MoatCsvTable  table)
{
  const char * const *columns = moat_export_csv_columns (table);
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GHashTable) controls = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  append_row (out, columns, g_strv_length ((char **)columns));

  if (table == MOAT_CSV_THREATS)
    {
      objects = moat_format_list_in_order (model, MOAT_TYPE_THREAT);
      controls = moat_format_index_controls (model);
      for (guint i = 0; i < objects->len; i++)
        append_threat (out, model, controls, g_ptr_array_index (objects, i));
    }
  else
    {
      objects = moat_format_list_in_order (model, MOAT_TYPE_CONTROL);
      for (guint i = 0; i < objects->len; i++)
        append_control (out, model, g_ptr_array_index (objects, i));
    }

  return g_string_free (out, FALSE);
}

/**
 * moat_export_csv_append_field:
 * @first: whether the field starts its row
 *
 * Appends one field as the exports write it: quoted, and never read as
 * a formula by a spreadsheet.
 */
void
moat_export_csv_append_field (GString    *out,
                              const char *text,
                              gboolean    first)
{
  append_field (out, text, first);
}
