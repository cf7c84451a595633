/* moat-cli-stats.c: counts of what a model holds
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "moat-cli.h"

typedef struct
{
  char  *category; /* NULL for threats with none */
  guint  total;
  guint  open;
} CategoryCount;

static void
category_count_free (gpointer data)
{
  CategoryCount *count = data;

  g_free (count->category);
  g_free (count);
}

static int
compare_categories (gconstpointer pa,
                    gconstpointer pb)
{
  const CategoryCount *a = *(CategoryCount **)pa, *b = *(CategoryCount **)pb;
  int ra = moat_format_category_rank (a->category), rb = moat_format_category_rank (b->category);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  return g_strcmp0 (a->category, b->category);
}

/* Returns: (transfer full) (element-type CategoryCount): the categories
 * threats have, in the methods' order, then others, then none */
static GPtrArray *
count_categories (MoatModel *model)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func (category_count_free);
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char *category = moat_threat_get_category (threat);
      CategoryCount *count = NULL;

      if (category != NULL && category[0] == '\0')
        category = NULL;
      for (guint j = 0; j < counts->len && count == NULL; j++)
        if (g_strcmp0 (((CategoryCount *)g_ptr_array_index (counts, j))->category, category) == 0)
          count = g_ptr_array_index (counts, j);
      if (count == NULL)
        {
          count = g_new0 (CategoryCount, 1);
          count->category = g_strdup (category);
          g_ptr_array_add (counts, count);
        }

      count->total++;
      count->open += moat_threat_get_status (threat) == MOAT_THREAT_OPEN;
    }

  g_ptr_array_sort (counts, compare_categories);
  return counts;
}

/* counts[basis][level] over every threat: the inherent and the residual
 * level, never mixed. */
static void
count_levels (MoatModel *model,
              guint      counts[2][MOAT_RISK_N_LEVELS])
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  memset (counts, 0, sizeof (guint) * 2 * MOAT_RISK_N_LEVELS);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatRiskAssessment risk;

      moat_risk_assess (model, threat, &risk);
      counts[MOAT_RISK_BASIS_INHERENT][risk.level]++;
      counts[MOAT_RISK_BASIS_RESIDUAL][risk.residual_level]++;
    }
}

static const char *
category_label (const char *category)
{
  return category ? moat_format_category_label (category) : _("no category");
}

/* ---- text ---- */

static void
text_line (GString    *out,
           int         indent,
           const char *label,
           guint       count)
{
  int pad = 28 - indent - (int)g_utf8_strlen (label, -1);

  g_string_append_printf (out, "%*s%s%*s%u\n", indent, "", label, MAX (pad, 1), "", count);
}

static void
text_enum_counts (GString    *out,
                  MoatModel  *model,
                  GType       type,
                  const char *field,
                  int         indent)
{
  g_autoptr(GArray) counts = moat_cli_count_by_enum (model, type, field);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (moat_object_class_for_type (type)), field);

  for (guint i = 0; i < counts->len; i++)
    {
      MoatCliCount *count = &g_array_index (counts, MoatCliCount, i);

      text_line (out, indent, moat_format_enum_label (pspec->value_type, count->value), count->count);
    }
}

static char *
stats_text (MoatModel *model)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) categories = count_categories (model);
  guint levels[2][MOAT_RISK_N_LEVELS];

  text_line (out, 0, _("Diagrams"), moat_model_count (model, MOAT_TYPE_DIAGRAM));

  text_line (out, 0, _("Elements"), moat_model_count (model, MOAT_TYPE_ELEMENT));
  text_enum_counts (out, model, MOAT_TYPE_ELEMENT, "kind", 2);

  text_line (out, 0, _("Threats"), moat_model_count (model, MOAT_TYPE_THREAT));
  g_string_append_printf (out, "  %s\n", _("By status:"));
  text_enum_counts (out, model, MOAT_TYPE_THREAT, "status", 4);
  g_string_append_printf (out, "  %s\n", _("By category (open):"));
  for (guint i = 0; i < categories->len; i++)
    {
      CategoryCount *count = g_ptr_array_index (categories, i);
      g_autofree char *label = g_strdup_printf ("%s", category_label (count->category));
      int pad = 24 - (int)g_utf8_strlen (label, -1);

      g_string_append_printf (out, "    %s%*s%u (%u)\n", label, MAX (pad, 1), "", count->total, count->open);
    }

  count_levels (model, levels);
  g_string_append_printf (out, "  %s\n", _("By inherent risk (before any control):"));
  for (MoatRiskLevel l = MOAT_RISK_CRITICAL + 1; l-- > 0;)
    text_line (out, 4, moat_risk_level_get_label (l), levels[MOAT_RISK_BASIS_INHERENT][l]);
  g_string_append_printf (out, "  %s\n", _("By residual risk (after the controls in place):"));
  for (MoatRiskLevel l = MOAT_RISK_CRITICAL + 1; l-- > 0;)
    text_line (out, 4, moat_risk_level_get_label (l), levels[MOAT_RISK_BASIS_RESIDUAL][l]);

  text_line (out, 0, _("Controls"), moat_model_count (model, MOAT_TYPE_CONTROL));
  text_enum_counts (out, model, MOAT_TYPE_CONTROL, "status", 2);

  text_line (out, 0, _("Assumptions"), moat_model_count (model, MOAT_TYPE_ASSUMPTION));
  text_enum_counts (out, model, MOAT_TYPE_ASSUMPTION, "status", 2);

  return g_string_free (out, FALSE);
}

/* ---- JSON ---- */

static void
json_enum_counts (JsonBuilder *builder,
                  MoatModel   *model,
                  GType        type,
                  const char  *field)
{
  json_builder_begin_object (builder);
  moat_cli_json_add_counts (builder, model, type, field);
  json_builder_end_object (builder);
}

/* { "total": n, "<member>": { value: count, … } } */
static void
json_section (JsonBuilder *builder,
              MoatModel   *model,
              const char  *name,
              GType        type,
              const char  *member,
              const char  *field)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, moat_model_count (model, type));
  json_builder_set_member_name (builder, member);
  json_enum_counts (builder, model, type, field);
}

static void
json_categories (JsonBuilder *builder,
                 MoatModel   *model)
{
  g_autoptr(GPtrArray) categories = count_categories (model);

  json_builder_set_member_name (builder, "by_category");
  json_builder_begin_array (builder);
  for (guint i = 0; i < categories->len; i++)
    {
      CategoryCount *count = g_ptr_array_index (categories, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "category");
      if (count->category == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, count->category);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, category_label (count->category));
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, count->total);
      json_builder_set_member_name (builder, "open");
      json_builder_add_int_value (builder, count->open);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* "by_risk": { "inherent": { "low": n, … }, "residual": { … } } */
static void
json_levels (JsonBuilder *builder,
             MoatModel   *model)
{
  guint levels[2][MOAT_RISK_N_LEVELS];

  count_levels (model, levels);
  json_builder_set_member_name (builder, "by_risk");
  json_builder_begin_object (builder);
  for (MoatRiskBasis basis = MOAT_RISK_BASIS_RESIDUAL; basis <= MOAT_RISK_BASIS_INHERENT; basis++)
    {
      json_builder_set_member_name (builder, moat_risk_basis_get_nick (basis));
      json_builder_begin_object (builder);
      for (MoatRiskLevel l = MOAT_RISK_LOW; l < MOAT_RISK_N_LEVELS; l++)
        {
          json_builder_set_member_name (builder, moat_risk_level_get_nick (l));
          json_builder_add_int_value (builder, levels[basis][l]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static char *
stats_json (MoatModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "diagrams");
  json_builder_add_int_value (builder, moat_model_count (model, MOAT_TYPE_DIAGRAM));

  json_section (builder, model, "elements", MOAT_TYPE_ELEMENT, "by_kind", "kind");
  json_builder_end_object (builder);

  json_section (builder, model, "threats", MOAT_TYPE_THREAT, "by_status", "status");
  json_categories (builder, model);
  json_levels (builder, model);
  json_builder_end_object (builder);

  json_section (builder, model, "controls", MOAT_TYPE_CONTROL, "by_status", "status");
  json_builder_end_object (builder);

  json_section (builder, model, "assumptions", MOAT_TYPE_ASSUMPTION, "by_status", "status");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return moat_cli_json_text (builder);
}

int
moat_cli_stats (int    argc,
                char **argv)
{
  return moat_cli_describe_model (argc, argv,
                                  _("Counts elements by kind, threats by status and by category, controls\n"
                                    "and assumptions by status. MODEL is a project file, or a file “import”\n"
                                    "takes. With --json, statuses and kinds are named as in Moat’s files."),
                                  stats_text, stats_json);
}
