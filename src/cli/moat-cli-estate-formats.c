/* moat-cli-estate-formats.c: the estate as JSON, Markdown and CSV
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON is a stable interface, described by docs/estate.schema.json:
 * names and values never change meaning; new members may be added.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "moat-cli-estate.h"

#define ESTATE_JSON_VERSION 1

/* JSON */

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       time)
{
  g_autoptr(GDateTime) date = time != 0 ? g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC) : NULL;
  g_autofree char *text = date != NULL ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  moat_cli_json_add_string (builder, name, text);
}

static void
add_levels (JsonBuilder      *builder,
            const char       *name,
            MoatEstateSystem *system,
            MoatEstate       *estate,
            MoatRiskBasis     basis)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (int level = MOAT_RISK_CRITICAL; level >= MOAT_RISK_LOW; level--)
    moat_cli_json_add_int (builder, moat_risk_level_get_nick (level),
             system != NULL ? moat_estate_system_get_n_open (system, basis, level)
                            : moat_estate_get_n_open (estate, basis, level));
  json_builder_end_object (builder);
}

static void
add_open (JsonBuilder      *builder,
          MoatEstateSystem *system,
          MoatEstate       *estate)
{
  json_builder_set_member_name (builder, "open");
  json_builder_begin_object (builder);
  add_levels (builder, "residual", system, estate, MOAT_RISK_BASIS_RESIDUAL);
  add_levels (builder, "inherent", system, estate, MOAT_RISK_BASIS_INHERENT);
  json_builder_end_object (builder);
}

static void
json_risk (JsonBuilder          *builder,
           const MoatEstateRisk *risk,
           gboolean              with_system)
{
  json_builder_begin_object (builder);
  if (with_system)
    {
      moat_cli_json_add_string (builder, "system", risk->system);
      moat_cli_json_add_string (builder, "path", risk->path);
    }
  moat_cli_json_add_string (builder, "threat_id", risk->threat_id);
  moat_cli_json_add_string (builder, "title", risk->title);
  moat_cli_json_add_string (builder, "level", moat_risk_level_get_nick (risk->level));
  moat_cli_json_add_string (builder, "inherent_level", moat_risk_level_get_nick (risk->inherent_level));
  moat_cli_json_add_int (builder, "likelihood", risk->likelihood);
  moat_cli_json_add_int (builder, "impact", risk->impact);
  moat_cli_json_add_string (builder, "asset", risk->asset);
  json_builder_end_object (builder);
}

static void
json_data (JsonBuilder    *builder,
           MoatEstateData  data)
{
  json_builder_set_member_name (builder, "sensitive_data");
  json_builder_begin_array (builder);
  if (data & MOAT_ESTATE_DATA_PII)
    json_builder_add_string_value (builder, "pii");
  if (data & MOAT_ESTATE_DATA_PAYMENT)
    json_builder_add_string_value (builder, "payment");
  if (data & MOAT_ESTATE_DATA_CREDENTIALS)
    json_builder_add_string_value (builder, "credentials");
  json_builder_end_array (builder);
}

static void
json_overdue (JsonBuilder      *builder,
              MoatEstateSystem *system)
{
  GPtrArray *overdue = moat_estate_system_get_overdue (system);
  g_autoptr(GEnumClass) statuses = g_type_class_ref (MOAT_TYPE_CONTROL_STATUS);

  json_builder_set_member_name (builder, "overdue_controls");
  json_builder_begin_array (builder);
  for (guint i = 0; i < overdue->len; i++)
    {
      MoatEstateOverdue *o = g_ptr_array_index (overdue, i);

      json_builder_begin_object (builder);
      moat_cli_json_add_string (builder, "title", o->title);
      moat_cli_json_add_string (builder, "status", g_enum_get_value (statuses, o->status)->value_nick);
      add_time (builder, "since", o->since);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
json_last_check (JsonBuilder      *builder,
                 MoatEstateSystem *system)
{
  MoatFeatureCheck *check = moat_estate_system_get_last_check (system);
  g_autoptr(GEnumClass) outcomes = g_type_class_ref (MOAT_TYPE_FEATURE_OUTCOME);

  json_builder_set_member_name (builder, "last_feature_check");
  if (check == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  moat_cli_json_add_string (builder, "title", moat_feature_check_get_title (check));
  add_time (builder, "checked_at", moat_feature_check_get_checked_at (check));
  moat_cli_json_add_string (builder, "checked_by", moat_feature_check_get_checked_by (check));
  moat_cli_json_add_string (builder, "outcome",
                            g_enum_get_value (outcomes, moat_feature_check_get_outcome (check))->value_nick);
  moat_cli_json_add_string (builder, "reason", moat_feature_check_get_reason (check));
  json_builder_end_object (builder);
}

static void
json_system (JsonBuilder      *builder,
             MoatEstateSystem *system,
             guint             rank)
{
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (system);

  json_builder_begin_object (builder);
  moat_cli_json_add_int (builder, "rank", rank);
  moat_cli_json_add_string (builder, "title", moat_estate_system_get_title (system));
  moat_cli_json_add_string (builder, "owner", moat_estate_system_get_owner (system));
  moat_cli_json_add_string (builder, "path", moat_estate_system_get_path (system));
  add_time (builder, "last_change", moat_estate_system_get_last_change (system));
  add_time (builder, "last_review", moat_estate_system_get_last_review (system));
  moat_cli_json_add_int (builder, "threats", moat_estate_system_get_n_threats (system));
  add_open (builder, system, NULL);
  json_builder_set_member_name (builder, "highest_risk");
  if (top != NULL)
    json_risk (builder, top, FALSE);
  else
    json_builder_add_null_value (builder);
  moat_cli_json_add_int (builder, "risk_score", moat_estate_system_get_risk_score (system));
  json_builder_set_member_name (builder, "assumptions");
  json_builder_begin_object (builder);
  moat_cli_json_add_int (builder, "unvalidated", moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_UNVALIDATED));
  moat_cli_json_add_int (builder, "invalidated", moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_INVALIDATED));
  json_builder_end_object (builder);
  json_overdue (builder, system);
  json_data (builder, moat_estate_system_get_data (system));
  json_builder_set_member_name (builder, "internet_facing");
  json_builder_add_boolean_value (builder, moat_estate_system_get_internet_facing (system));
  moat_cli_json_add_int (builder, "unreviewed_sensitive_elements", moat_estate_system_get_n_unreviewed_sensitive (system));
  json_last_check (builder, system);
  json_builder_end_object (builder);
}

static void
json_systems (JsonBuilder   *builder,
              MoatCliEstate *view,
              gboolean       models)
{
  GListModel *systems = moat_estate_get_systems (view->estate);
  guint rank = 0;

  json_builder_set_member_name (builder, models ? "systems" : "unreadable");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      if (moat_estate_system_is_model (system) != models)
        continue;
      if (models)
        {
          json_system (builder, system, ++rank);
          continue;
        }
      json_builder_begin_object (builder);
      moat_cli_json_add_string (builder, "path", moat_estate_system_get_path (system));
      moat_cli_json_add_string (builder, "error", moat_estate_system_get_error (system)->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
json_matrix (JsonBuilder   *builder,
             MoatEstate    *estate,
             MoatRiskBasis  basis)
{
  guint counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];

  moat_estate_get_heat_map (estate, basis, counts);
  json_builder_set_member_name (builder, moat_risk_basis_get_nick (basis));
  json_builder_begin_array (builder);
  for (guint l = 0; l < MOAT_RISK_SCALE; l++)
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < MOAT_RISK_SCALE; i++)
        json_builder_add_int_value (builder, counts[l][i]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
json_trends (JsonBuilder   *builder,
             MoatCliEstate *view)
{
  json_builder_set_member_name (builder, "trends");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "months");
  json_builder_begin_array (builder);
  for (guint i = 0; i < view->months->len; i++)
    {
      MoatEstateMonth *m = &g_array_index (view->months, MoatEstateMonth, i);
      g_autofree char *month = g_strdup_printf ("%04d-%02d", m->year, m->month);

      json_builder_begin_object (builder);
      moat_cli_json_add_string (builder, "month", month);
      moat_cli_json_add_int (builder, "threats_opened", m->threats_opened);
      moat_cli_json_add_int (builder, "threats_closed", m->threats_closed);
      moat_cli_json_add_int (builder, "controls_done", m->controls_done);
      moat_cli_json_add_int (builder, "open_critical_high", m->open_severe);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "mean_days_to_mitigate");
  if (view->has_mean)
    json_builder_add_double_value (builder, view->mean_days);
  else
    json_builder_add_null_value (builder);
  moat_cli_json_add_int (builder, "mitigated", view->n_mitigated);
  json_builder_end_object (builder);
}

static void
json_attention (JsonBuilder   *builder,
                MoatCliEstate *view)
{
  json_builder_set_member_name (builder, "needs_attention");
  json_builder_begin_array (builder);
  for (guint i = 0; i < view->attention->len; i++)
    {
      MoatEstateAttention *a = g_ptr_array_index (view->attention, i);
      g_autoptr(GEnumClass) classes = g_type_class_ref (MOAT_TYPE_CLASSIFICATION);

      json_builder_begin_object (builder);
      moat_cli_json_add_string (builder, "name", a->name);
      moat_cli_json_add_string (builder, "owner", a->owner);
      moat_cli_json_add_string (builder, "path", a->path);
      moat_cli_json_add_string (builder, "sensitivity", g_enum_get_value (classes, a->sensitivity)->value_nick);
      moat_cli_json_add_string (builder, "exposure", moat_estate_exposure_get_nick (a->exposure));
      json_builder_set_member_name (builder, "listed");
      json_builder_add_boolean_value (builder, a->listed);
      moat_cli_json_add_string (builder, "model", a->system != NULL ? moat_estate_system_get_path (a->system) : NULL);
      json_builder_set_member_name (builder, "reasons");
      json_builder_begin_array (builder);
      for (guint j = 0; j < a->reasons->len; j++)
        {
          MoatEstateReason *reason = g_ptr_array_index (a->reasons, j);

          json_builder_begin_object (builder);
          moat_cli_json_add_string (builder, "kind", moat_estate_reason_get_nick (reason->kind));
          moat_cli_json_add_string (builder, "text", reason->text);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
json_summary (JsonBuilder   *builder,
              MoatCliEstate *view)
{
  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  moat_cli_json_add_int (builder, "models", moat_estate_get_n_models (view->estate));
  moat_cli_json_add_int (builder, "unreadable", moat_estate_get_n_errors (view->estate));
  add_open (builder, NULL, view->estate);
  json_builder_end_object (builder);
}

char *
moat_cli_estate_json (MoatCliEstate *view)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *day = moat_cli_estate_day (view->now);

  json_builder_begin_object (builder);
  moat_cli_json_add_int (builder, "version", ESTATE_JSON_VERSION);
  moat_cli_json_add_string (builder, "as_of", day);
  moat_cli_json_add_int (builder, "overdue_days", view->overdue_days);
  moat_cli_json_add_int (builder, "stale_days", view->stale_days);
  moat_cli_json_add_string (builder, "basis", moat_risk_basis_get_nick (view->basis));
  moat_cli_json_add_string (builder, "fail_on", view->fail_on);
  moat_cli_json_add_int (builder, "problems", view->problems);
  json_summary (builder, view);
  json_systems (builder, view, TRUE);
  json_systems (builder, view, FALSE);
  json_builder_set_member_name (builder, "heat_map");
  json_builder_begin_object (builder);
  json_matrix (builder, view->estate, MOAT_RISK_BASIS_RESIDUAL);
  json_matrix (builder, view->estate, MOAT_RISK_BASIS_INHERENT);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "top_risks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < view->top->len; i++)
    json_risk (builder, g_ptr_array_index (view->top, i), TRUE);
  json_builder_end_array (builder);
  json_trends (builder, view);
  json_attention (builder, view);
  json_builder_end_object (builder);
  return moat_cli_json_text (builder);
}

/* Markdown, escaped as the model export escapes it */

static void
md_cell (GString    *out,
         const char *text)
{
  g_string_append (out, "| ");
  moat_markdown_append_text (out, text != NULL && *text != '\0' ? text : "—", TRUE);
  g_string_append_c (out, ' ');
}

static void
md_table (GString            *out,
          const char         *title,
          const char * const *headers)
{
  g_string_append_printf (out, "\n## %s\n\n", title);
  for (guint i = 0; headers[i] != NULL; i++)
    md_cell (out, headers[i]);
  g_string_append (out, "|\n");
  for (guint i = 0; headers[i] != NULL; i++)
    g_string_append (out, "| --- ");
  g_string_append (out, "|\n");
}

static void
md_system (GString          *out,
           MoatCliEstate    *view,
           MoatEstateSystem *system,
           guint             rank)
{
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (system);
  g_autofree char *number = g_strdup_printf ("%u", rank);
  g_autofree char *critical = g_strdup_printf ("%u", moat_estate_system_get_n_open (system, view->basis, MOAT_RISK_CRITICAL));
  g_autofree char *high = g_strdup_printf ("%u", moat_estate_system_get_n_open (system, view->basis, MOAT_RISK_HIGH));
  g_autofree char *risk = top != NULL ? g_strdup_printf ("%s: %s", moat_risk_level_get_nick (top->level), top->title) : NULL;
  g_autofree char *changed = moat_cli_estate_day (moat_estate_system_get_last_change (system));
  g_autofree char *reviewed = moat_cli_estate_day (moat_estate_system_get_last_review (system));
  g_autofree char *data = moat_estate_data_to_string (moat_estate_system_get_data (system));
  g_autofree char *check = moat_cli_estate_last_check (system);

  md_cell (out, number);
  md_cell (out, moat_estate_system_get_title (system));
  md_cell (out, moat_estate_system_get_owner (system));
  md_cell (out, critical);
  md_cell (out, high);
  md_cell (out, risk);
  md_cell (out, changed);
  md_cell (out, reviewed);
  md_cell (out, data);
  md_cell (out, moat_estate_system_get_internet_facing (system) ? _("yes") : _("no"));
  md_cell (out, check);
  g_string_append (out, "|\n");
}

static void
md_systems (GString       *out,
            MoatCliEstate *view)
{
  GListModel *systems = moat_estate_get_systems (view->estate);
  const char *headers[] = { _("Rank"), _("System"), _("Owner"), _("Critical"), _("High"), _("Highest risk"),
                            _("Last change"), _("Last review"), _("Sensitive data"), _("Internet"),
                            _("Last feature check"), NULL };
  guint rank = 0;

  md_table (out, _("Systems by business risk"), headers);
  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      if (moat_estate_system_is_model (system))
        md_system (out, view, system, ++rank);
    }
}

static void
md_top (GString       *out,
        MoatCliEstate *view)
{
  const char *headers[] = { _("Rank"), _("Risk"), _("Threat"), _("System"), _("Asset"), NULL };

  md_table (out, _("Highest risks across systems"), headers);
  for (guint i = 0; i < view->top->len; i++)
    {
      MoatEstateRisk *risk = g_ptr_array_index (view->top, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *level = g_strdup_printf ("%s (L%d×I%d)", moat_risk_level_get_nick (risk->level),
                                                risk->likelihood, risk->impact);

      md_cell (out, number);
      md_cell (out, level);
      md_cell (out, risk->title);
      md_cell (out, risk->system);
      md_cell (out, risk->asset);
      g_string_append (out, "|\n");
    }
}

static void
md_attention (GString       *out,
              MoatCliEstate *view)
{
  const char *headers[] = { _("System"), _("Owner"), _("Sensitivity"), _("Exposure"), _("Why"), NULL };

  md_table (out, _("Needs attention"), headers);
  for (guint i = 0; i < view->attention->len; i++)
    {
      MoatEstateAttention *a = g_ptr_array_index (view->attention, i);
      g_autoptr(GString) why = g_string_new (NULL);

      for (guint j = 0; j < a->reasons->len; j++)
        g_string_append_printf (why, "%s%s", j > 0 ? "\n" : "",
                                ((MoatEstateReason *) g_ptr_array_index (a->reasons, j))->text);
      md_cell (out, a->name);
      md_cell (out, a->owner);
      md_cell (out, moat_format_enum_label (MOAT_TYPE_CLASSIFICATION, a->sensitivity));
      md_cell (out, moat_estate_exposure_get_label (a->exposure));
      md_cell (out, why->str);
      g_string_append (out, "|\n");
    }
}

char *
moat_cli_estate_markdown (MoatCliEstate *view)
{
  g_autofree char *day = moat_cli_estate_day (view->now);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "# %s\n\n", _("Estate risk"));
  g_string_append_printf (out, _("As of %s: %u models; files that could not be read: %u.\n"), day,
                          moat_estate_get_n_models (view->estate), moat_estate_get_n_errors (view->estate));
  md_systems (out, view);
  md_top (out, view);
  md_attention (out, view);
  return g_string_free (out, FALSE);
}

/* CSV: one row per system, stable column names, for spreadsheets. */

static const char csv_header[] =
  "rank,title,owner,path,error,last_change,last_review,open_critical,open_high,open_medium,open_low,"
  "highest_risk,highest_risk_threat,highest_risk_asset,unvalidated_assumptions,invalidated_assumptions,"
  "overdue_controls,sensitive_data,internet_facing,last_feature_check,last_feature_check_outcome\r\n";

static void
csv_number (GString *out,
            gboolean model,
            guint    value)
{
  g_autofree char *text = model ? g_strdup_printf ("%u", value) : NULL;

  moat_export_csv_append_field (out, text, FALSE);
}

static void
csv_last_check (GString          *out,
                MoatFeatureCheck *check)
{
  g_autoptr(GEnumClass) outcomes = g_type_class_ref (MOAT_TYPE_FEATURE_OUTCOME);
  g_autofree char *day = check != NULL ? moat_cli_estate_day (moat_feature_check_get_checked_at (check)) : NULL;

  moat_export_csv_append_field (out, day, FALSE);
  moat_export_csv_append_field (out, check != NULL
                                ? g_enum_get_value (outcomes, moat_feature_check_get_outcome (check))->value_nick
                                : NULL, FALSE);
}

static void
csv_system (GString          *out,
            MoatCliEstate    *view,
            MoatEstateSystem *system,
            guint             rank)
{
  gboolean model = moat_estate_system_is_model (system);
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (system);
  gint64 reviewed = moat_estate_system_get_last_review (system);
  g_autofree char *changed_day = model ? moat_cli_estate_day (moat_estate_system_get_last_change (system)) : NULL;
  g_autofree char *reviewed_day = model && reviewed != 0 ? moat_cli_estate_day (reviewed) : NULL;
  g_autofree char *data = moat_estate_data_to_string (moat_estate_system_get_data (system));
  g_autofree char *number = model ? g_strdup_printf ("%u", rank) : NULL;

  moat_export_csv_append_field (out, number, TRUE);
  moat_export_csv_append_field (out, moat_estate_system_get_title (system), FALSE);
  moat_export_csv_append_field (out, moat_estate_system_get_owner (system), FALSE);
  moat_export_csv_append_field (out, moat_estate_system_get_path (system), FALSE);
  moat_export_csv_append_field (out, model ? NULL : moat_estate_system_get_error (system)->message, FALSE);
  moat_export_csv_append_field (out, changed_day, FALSE);
  moat_export_csv_append_field (out, reviewed_day, FALSE);
  for (int level = MOAT_RISK_CRITICAL; level >= MOAT_RISK_LOW; level--)
    csv_number (out, model, moat_estate_system_get_n_open (system, view->basis, level));
  moat_export_csv_append_field (out, top != NULL ? moat_risk_level_get_nick (top->level) : NULL, FALSE);
  moat_export_csv_append_field (out, top != NULL ? top->title : NULL, FALSE);
  moat_export_csv_append_field (out, top != NULL ? top->asset : NULL, FALSE);
  csv_number (out, model, moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_UNVALIDATED));
  csv_number (out, model, moat_estate_system_get_n_assumptions (system, MOAT_ASSUMPTION_INVALIDATED));
  csv_number (out, model, moat_estate_system_get_overdue (system)->len);
  moat_export_csv_append_field (out, data, FALSE);
  moat_export_csv_append_field (out, !model ? NULL : moat_estate_system_get_internet_facing (system) ? "yes" : "no",
                                FALSE);
  csv_last_check (out, moat_estate_system_get_last_check (system));
  g_string_append (out, "\r\n");
}

char *
moat_cli_estate_csv (MoatCliEstate *view)
{
  GListModel *systems = moat_estate_get_systems (view->estate);
  GString *out = g_string_new (csv_header);
  guint rank = 0;

  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      csv_system (out, view, system, moat_estate_system_is_model (system) ? ++rank : 0);
    }
  return g_string_free (out, FALSE);
}
