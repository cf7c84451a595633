/* moat-risk.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-risk.h"

#define L MOAT_RISK_LOW
#define M MOAT_RISK_MEDIUM
#define H MOAT_RISK_HIGH
#define C MOAT_RISK_CRITICAL

/* [likelihood - 1][impact - 1]; the table in moat-risk.h, upside down. */
static const MoatRiskLevel risk_matrix[MOAT_RISK_SCALE][MOAT_RISK_SCALE] = {
  { L, L, L, M, M },
  { L, L, M, M, H },
  { L, M, M, H, H },
  { M, M, H, H, C },
  { M, H, H, C, C },
};

#undef L
#undef M
#undef H
#undef C

static const struct
{
  const char *label;
  double      fill[3];
  double      text[3];
} level_info[MOAT_RISK_N_LEVELS] = {
  /* GNOME palette mid-tones (green 4, yellow 4, orange 3, red 3) stay
   * readable on light and dark backgrounds alike. */
  { N_("Low"), { 0.180, 0.761, 0.494 }, { 0.0, 0.0, 0.0 } },
  { N_("Medium"), { 0.961, 0.761, 0.067 }, { 0.0, 0.0, 0.0 } },
  { N_("High"), { 1.000, 0.471, 0.000 }, { 0.0, 0.0, 0.0 } },
  { N_("Critical"), { 0.878, 0.106, 0.141 }, { 1.0, 1.0, 1.0 } },
};

MoatRiskLevel
moat_risk_level (int likelihood,
                 int impact)
{
  likelihood = CLAMP (likelihood, 1, MOAT_RISK_SCALE);
  impact = CLAMP (impact, 1, MOAT_RISK_SCALE);

  return risk_matrix[likelihood - 1][impact - 1];
}

/* The enumeration's nicks are the spelling in files and on the command
 * line: low, medium, high, critical. */
const char *
moat_risk_level_get_nick (MoatRiskLevel level)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_RISK_LEVEL);
  GEnumValue *value = g_enum_get_value (klass, level);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

const char *
moat_risk_level_get_label (MoatRiskLevel level)
{
  g_return_val_if_fail (level < MOAT_RISK_N_LEVELS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, level_info[level].label);
}

gboolean
moat_risk_level_from_nick (const char    *nick,
                           MoatRiskLevel *level)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autofree char *lower = NULL;
  GEnumValue *value;

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (MOAT_TYPE_RISK_LEVEL);
  lower = g_ascii_strdown (nick, -1);
  value = g_enum_get_value_by_nick (klass, lower);
  if (value == NULL)
    return FALSE;

  *level = value->value;
  return TRUE;
}

void
moat_risk_level_get_rgb (MoatRiskLevel  level,
                         double        *red,
                         double        *green,
                         double        *blue)
{
  g_return_if_fail (level < MOAT_RISK_N_LEVELS);

  *red = level_info[level].fill[0];
  *green = level_info[level].fill[1];
  *blue = level_info[level].fill[2];
}

void
moat_risk_level_get_text_rgb (MoatRiskLevel  level,
                              double        *red,
                              double        *green,
                              double        *blue)
{
  g_return_if_fail (level < MOAT_RISK_N_LEVELS);

  *red = level_info[level].text[0];
  *green = level_info[level].text[1];
  *blue = level_info[level].text[2];
}

gboolean
moat_risk_threat_is_open (MoatThreat *threat)
{
  return moat_threat_get_status (threat) == MOAT_THREAT_OPEN;
}

static const struct
{
  const char       *category;
  MoatRiskDimension dimension;
} category_dimensions[] = {
  { "T", MOAT_RISK_DIMENSION_INTEGRITY },
  { "R", MOAT_RISK_DIMENSION_INTEGRITY },
  { "I", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "D", MOAT_RISK_DIMENSION_AVAILABILITY },
  { "Linkability", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Identifiability", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Non-repudiation", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Detectability", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Disclosure of information", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Unawareness", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Non-compliance", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Confidentiality", MOAT_RISK_DIMENSION_CONFIDENTIALITY },
  { "Integrity", MOAT_RISK_DIMENSION_INTEGRITY },
  { "Availability", MOAT_RISK_DIMENSION_AVAILABILITY },
  { "Distributed", MOAT_RISK_DIMENSION_AVAILABILITY },
  { "Immutable", MOAT_RISK_DIMENSION_INTEGRITY },
};

MoatRiskDimension
moat_risk_dimension_for_category (const char *category)
{
  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (category_dimensions); i++)
    if (g_str_equal (category, category_dimensions[i].category))
      return category_dimensions[i].dimension;

  return MOAT_RISK_DIMENSION_ANY;
}

const char *
moat_risk_dimension_get_nick (MoatRiskDimension dimension)
{
  static const char * const nicks[] = { "any", "confidentiality", "integrity", "availability" };

  g_return_val_if_fail (dimension <= MOAT_RISK_DIMENSION_AVAILABILITY, NULL);
  return nicks[dimension];
}

const char *
moat_risk_dimension_get_label (MoatRiskDimension dimension)
{
  static const char * const labels[] = {
    N_("business impact"), N_("confidentiality"), N_("integrity"), N_("availability")
  };

  g_return_val_if_fail (dimension <= MOAT_RISK_DIMENSION_AVAILABILITY, NULL);
  return g_dgettext (GETTEXT_PACKAGE, labels[dimension]);
}

/**
 * moat_risk_asset_impact:
 *
 * Returns: the business impact of @asset: the highest of its
 *   confidentiality, integrity and availability impacts
 */
int
moat_risk_asset_impact (MoatAsset *asset)
{
  return moat_risk_asset_impact_in (asset, MOAT_RISK_DIMENSION_ANY);
}

/**
 * moat_risk_asset_impact_in:
 *
 * Returns: @asset's impact in @dimension; for "any", its business impact
 */
int
moat_risk_asset_impact_in (MoatAsset         *asset,
                           MoatRiskDimension  dimension)
{
  g_return_val_if_fail (MOAT_IS_ASSET (asset), 0);

  switch (dimension)
    {
    case MOAT_RISK_DIMENSION_CONFIDENTIALITY:
      return moat_asset_get_impact_confidentiality (asset);
    case MOAT_RISK_DIMENSION_INTEGRITY:
      return moat_asset_get_impact_integrity (asset);
    case MOAT_RISK_DIMENSION_AVAILABILITY:
      return moat_asset_get_impact_availability (asset);
    case MOAT_RISK_DIMENSION_ANY:
    default:
      return MAX (moat_asset_get_impact_confidentiality (asset),
                  MAX (moat_asset_get_impact_integrity (asset),
                       moat_asset_get_impact_availability (asset)));
    }
}

/* Calls @func once for every asset linked to the elements, each once. */
static void
foreach_asset (MoatModel          *model,
               const char * const *element_ids,
               void              (*func) (MoatAsset *asset, gpointer data),
               gpointer            data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint e = 0; element_ids != NULL && element_ids[e] != NULL; e++)
    {
      MoatElement *element = moat_model_lookup_typed (model, element_ids[e], MOAT_TYPE_ELEMENT);
      const char * const *asset_ids = element ? moat_element_get_asset_ids (element) : NULL;

      for (guint a = 0; asset_ids != NULL && asset_ids[a] != NULL; a++)
        {
          MoatAsset *asset = moat_model_lookup_typed (model, asset_ids[a], MOAT_TYPE_ASSET);

          if (asset != NULL && g_hash_table_add (seen, asset))
            func (asset, data);
        }
    }
}

typedef struct
{
  MoatRiskDimension dimension;
  int               best[MOAT_RISK_DIMENSION_AVAILABILITY + 1];
  GPtrArray        *assets;
} ImpactSearch;

static void
note_asset (MoatAsset *asset,
            gpointer   data)
{
  ImpactSearch *search = data;

  for (MoatRiskDimension d = MOAT_RISK_DIMENSION_ANY; d <= MOAT_RISK_DIMENSION_AVAILABILITY; d++)
    search->best[d] = MAX (search->best[d], moat_risk_asset_impact_in (asset, d));
}

static void
collect_asset (MoatAsset *asset,
               gpointer   data)
{
  ImpactSearch *search = data;

  if (moat_risk_asset_impact_in (asset, search->dimension) == search->best[search->dimension])
    g_ptr_array_add (search->assets, g_object_ref (asset));
}

/**
 * moat_risk_impact_from_assets_in:
 * @dimension: the dimension the threat harms; see moat_risk_dimension_for_category()
 * @named: (out) (optional): the dimension the impact is of, never "any"
 *   when an asset is linked
 * @assets: (nullable) (element-type MoatAsset): receives the assets that
 *   give the impact
 *
 * Returns: the highest impact in @dimension of the assets linked to the
 *   elements named by @element_ids, or 0 if they link no asset
 */
int
moat_risk_impact_from_assets_in (MoatModel          *model,
                                 const char * const *element_ids,
                                 MoatRiskDimension   dimension,
                                 MoatRiskDimension  *named,
                                 GPtrArray          *assets)
{
  ImpactSearch search = { dimension, { 0 }, NULL };

  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);

  foreach_asset (model, element_ids, note_asset, &search);
  /* "Any" names the first of C, I, A that reaches the highest value. */
  if (dimension == MOAT_RISK_DIMENSION_ANY && search.best[MOAT_RISK_DIMENSION_ANY] > 0)
    for (MoatRiskDimension d = MOAT_RISK_DIMENSION_AVAILABILITY; d > MOAT_RISK_DIMENSION_ANY; d--)
      if (search.best[d] == search.best[MOAT_RISK_DIMENSION_ANY])
        search.dimension = d;

  if (named != NULL)
    *named = search.dimension;
  if (assets != NULL && search.best[dimension] > 0)
    {
      search.assets = assets;
      foreach_asset (model, element_ids, collect_asset, &search);
    }

  return search.best[dimension];
}

/**
 * moat_risk_impact_from_assets:
 *
 * Returns: the highest business impact of the assets linked to the
 *   elements named by @element_ids, or 0 if they link no asset
 */
int
moat_risk_impact_from_assets (MoatModel          *model,
                              const char * const *element_ids)
{
  return moat_risk_impact_from_assets_in (model, element_ids, MOAT_RISK_DIMENSION_ANY, NULL, NULL);
}

static int
threat_impact_from_assets (MoatModel         *model,
                           MoatThreat        *threat,
                           MoatRiskDimension *named,
                           GPtrArray         *assets)
{
  return moat_risk_impact_from_assets_in (model, moat_threat_get_element_ids (threat),
                                          moat_risk_dimension_for_category (moat_threat_get_category (threat)),
                                          named, assets);
}

int
moat_risk_default_impact (MoatModel  *model,
                          MoatThreat *threat)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), 0);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), 0);

  return threat_impact_from_assets (model, threat, NULL, NULL);
}

static int
effective_impact (MoatModel            *model,
                  MoatThreat           *threat,
                  MoatRiskImpactSource *source,
                  MoatRiskDimension    *dimension)
{
  int from_assets = threat_impact_from_assets (model, threat, dimension, NULL);

  if (moat_threat_get_impact_overridden (threat))
    *source = MOAT_RISK_IMPACT_SET_BY_HAND;
  else if (from_assets == 0)
    *source = MOAT_RISK_IMPACT_NO_ASSET;
  else
    *source = MOAT_RISK_IMPACT_FROM_ASSETS;

  return *source == MOAT_RISK_IMPACT_FROM_ASSETS ? from_assets : moat_threat_get_impact (threat);
}

int
moat_risk_effective_impact (MoatModel  *model,
                            MoatThreat *threat)
{
  MoatRiskImpactSource source;
  MoatRiskDimension dimension;

  g_return_val_if_fail (MOAT_IS_MODEL (model), 1);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), 1);

  return effective_impact (model, threat, &source, &dimension);
}

/**
 * moat_risk_impact_assets:
 *
 * Returns: (transfer full) (element-type MoatAsset): the assets a
 *   threat's impact comes from; empty when a person set it or no asset is
 *   linked
 */
GPtrArray *
moat_risk_impact_assets (MoatModel  *model,
                         MoatThreat *threat)
{
  GPtrArray *assets = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MOAT_IS_MODEL (model), assets);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), assets);

  if (!moat_threat_get_impact_overridden (threat))
    threat_impact_from_assets (model, threat, NULL, assets);
  return assets;
}

static char *
asset_names (GPtrArray *assets,
             gboolean   translate)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < assets->len; i++)
    {
      const char *name = moat_asset_get_name (g_ptr_array_index (assets, i));

      if (i > 0)
        g_string_append (names, i + 1 != assets->len ? ", " : translate ? _(" and ") : " and ");
      g_string_append (names, name != NULL && *name != '\0' ? name : translate ? _("(unnamed)") : "(unnamed)");
    }
  return g_strdup (names->str);
}

/* Files such as CSV are not translated: @translate says which to write. */
static char *
describe_impact (MoatModel  *model,
                 MoatThreat *threat,
                 gboolean    translate)
{
  g_autoptr(GPtrArray) assets = NULL;
  g_autofree char *names = NULL;
  MoatRiskImpactSource source;
  MoatRiskDimension dimension;
  int impact;

  impact = effective_impact (model, threat, &source, &dimension);
  if (source == MOAT_RISK_IMPACT_SET_BY_HAND)
    return g_strdup (translate ? _("set by hand") : "set by hand");
  if (source == MOAT_RISK_IMPACT_NO_ASSET)
    return g_strdup (translate ? _("set by hand, no asset linked") : "set by hand, no asset linked");

  assets = moat_risk_impact_assets (model, threat);
  names = asset_names (assets, translate);
  if (!translate)
    return g_strdup_printf (assets->len == 1 ? "from asset %s, %s %d" : "from assets %s, %s %d",
                            names, moat_risk_dimension_get_nick (dimension), impact);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: "from asset Card data, confidentiality 5" */
                                       "from asset %s, %s %d", "from assets %s, %s %d", assets->len),
                          names, moat_risk_dimension_get_label (dimension), impact);
}

/**
 * moat_risk_describe_impact:
 *
 * Returns: (transfer full): why a threat's impact is what it is, e.g.
 *   "from asset Card data, confidentiality 5" or "set by hand"
 */
char *
moat_risk_describe_impact (MoatModel  *model,
                           MoatThreat *threat)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), NULL);

  return describe_impact (model, threat, TRUE);
}

/* The same in English, for files whose values are never translated. */
char *
moat_risk_describe_impact_untranslated (MoatModel  *model,
                                        MoatThreat *threat)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), NULL);

  return describe_impact (model, threat, FALSE);
}

char *
moat_risk_format_level (MoatRiskLevel level,
                        int           likelihood,
                        int           impact)
{
  /* TRANSLATORS: a risk level, its likelihood (L) and impact (I): "Critical (L4 × I5)" */
  return g_strdup_printf (_("%s (L%d × I%d)"), moat_risk_level_get_label (level), likelihood, impact);
}

MoatRiskLevel
moat_risk_assessment_get_level (const MoatRiskAssessment *assessment,
                                MoatRiskBasis             basis)
{
  return basis == MOAT_RISK_BASIS_INHERENT ? assessment->level : assessment->residual_level;
}

const char *
moat_risk_basis_get_nick (MoatRiskBasis basis)
{
  return basis == MOAT_RISK_BASIS_INHERENT ? "inherent" : "residual";
}

gboolean
moat_risk_basis_from_nick (const char    *nick,
                           MoatRiskBasis *basis)
{
  if (g_strcmp0 (nick, "residual") == 0)
    *basis = MOAT_RISK_BASIS_RESIDUAL;
  else if (g_strcmp0 (nick, "inherent") == 0)
    *basis = MOAT_RISK_BASIS_INHERENT;
  else
    return FALSE;
  return TRUE;
}

int
moat_risk_control_steps (MoatControlStatus status)
{
  switch (status)
    {
    case MOAT_CONTROL_IMPLEMENTED:
      return MOAT_RISK_IMPLEMENTED_STEPS;
    case MOAT_CONTROL_VERIFIED:
      return MOAT_RISK_VERIFIED_STEPS;
    case MOAT_CONTROL_PROPOSED:
    case MOAT_CONTROL_PLANNED:
    case MOAT_CONTROL_IN_PROGRESS:
    default:
      return 0;
    }
}

/* threat id -> the likelihood steps its controls take off, so that work
 * over every threat reads the controls once. */
static GHashTable *
index_control_steps (MoatModel *model)
{
  GListModel *controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      int steps = moat_risk_control_steps (moat_control_get_status (control));
      const char * const *ids = moat_control_get_threat_ids (control);

      for (guint t = 0; steps > 0 && ids != NULL && ids[t] != NULL; t++)
        {
          int sum = GPOINTER_TO_INT (g_hash_table_lookup (index, ids[t]));
          g_hash_table_insert (index, g_strdup (ids[t]), GINT_TO_POINTER (sum + steps));
        }
    }

  return index;
}

static void
forget_control_steps (MoatModel  *model,
                      MoatChange *change,
                      gpointer    user_data)
{
  g_object_set_data (G_OBJECT (model), "moat-risk-control-steps", NULL);
}

/* The index, kept on the model until its next change: a window, a report
 * or a ranking assesses thousands of threats, and reading every control
 * for each made them quadratic. */
static GHashTable *
control_steps (MoatModel *model)
{
  GHashTable *index = g_object_get_data (G_OBJECT (model), "moat-risk-control-steps");

  if (index != NULL)
    return index;
  if (g_object_get_data (G_OBJECT (model), "moat-risk-watching") == NULL)
    {
      g_signal_connect (model, "changed", G_CALLBACK (forget_control_steps), NULL);
      g_object_set_data (G_OBJECT (model), "moat-risk-watching", GINT_TO_POINTER (TRUE));
    }
  index = index_control_steps (model);
  g_object_set_data_full (G_OBJECT (model), "moat-risk-control-steps", index,
                          (GDestroyNotify) g_hash_table_unref);
  return index;
}

static int
count_control_steps (MoatModel  *model,
                     MoatThreat *threat)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (control_steps (model), moat_object_get_id (MOAT_OBJECT (threat))));
}

static void
assess_with_steps (MoatModel          *model,
                   MoatThreat         *threat,
                   int                 steps,
                   MoatRiskAssessment *out)
{
  out->open = moat_risk_threat_is_open (threat);
  out->likelihood = moat_threat_get_likelihood (threat);
  out->impact = effective_impact (model, threat, &out->impact_source, &out->dimension);
  out->control_steps = steps;
  out->level = moat_risk_level (out->likelihood, out->impact);
  out->residual_likelihood = MAX (1, out->likelihood - steps);
  out->residual_impact = out->impact;
  out->residual_level = moat_risk_level (out->residual_likelihood, out->residual_impact);
}

void
moat_risk_assess (MoatModel          *model,
                  MoatThreat         *threat,
                  MoatRiskAssessment *assessment)
{
  g_return_if_fail (MOAT_IS_MODEL (model));
  g_return_if_fail (MOAT_IS_THREAT (threat));
  g_return_if_fail (assessment != NULL);

  assess_with_steps (model, threat, count_control_steps (model, threat), assessment);
}

void
moat_risk_assess_with_control (MoatModel          *model,
                               MoatThreat         *threat,
                               MoatControl        *control,
                               MoatRiskAssessment *assessment)
{
  int steps;

  g_return_if_fail (MOAT_IS_MODEL (model));
  g_return_if_fail (MOAT_IS_THREAT (threat));
  g_return_if_fail (MOAT_IS_CONTROL (control));
  g_return_if_fail (assessment != NULL);

  steps = count_control_steps (model, threat);
  if (moat_risk_control_steps (moat_control_get_status (control)) == 0)
    steps += MOAT_RISK_IMPLEMENTED_STEPS;
  assess_with_steps (model, threat, steps, assessment);
}

static void
assess_indexed (MoatModel          *model,
                GHashTable         *steps,
                MoatThreat         *threat,
                MoatRiskAssessment *assessment)
{
  int s = GPOINTER_TO_INT (g_hash_table_lookup (steps, moat_object_get_id (MOAT_OBJECT (threat))));

  assess_with_steps (model, threat, s, assessment);
}

/**
 * moat_risk_assess_all:
 *
 * Every threat's assessment at once, reading the controls once: what a
 * report, a coverage or a ranking over thousands of threats wants, where
 * moat_risk_assess() per threat would read every control each time.
 *
 * Returns: (transfer full) (element-type utf8 MoatRiskAssessment): threat
 *   id to its assessment; the keys belong to the threats, so use the table
 *   while the model holds still
 */
GHashTable *
moat_risk_assess_all (MoatModel *model)
{
  GListModel *threats;
  g_autoptr(GHashTable) steps = NULL;
  GHashTable *all;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  steps = index_control_steps (model);
  all = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatRiskAssessment *assessment = g_new0 (MoatRiskAssessment, 1);

      assess_indexed (model, steps, threat, assessment);
      g_hash_table_insert (all, (char *) moat_object_get_id (MOAT_OBJECT (threat)), assessment);
    }
  return all;
}

int
moat_risk_effort_weight (MoatEffort effort)
{
  switch (effort)
    {
    case MOAT_EFFORT_SMALL:
      return MOAT_RISK_EFFORT_SMALL;
    case MOAT_EFFORT_LARGE:
      return MOAT_RISK_EFFORT_LARGE;
    case MOAT_EFFORT_MEDIUM:
    default:
      return MOAT_RISK_EFFORT_MEDIUM;
    }
}

void
moat_roadmap_item_free (MoatRoadmapItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->control);
  g_free (item);
}

/* The points of residual risk that implementing @control would take off
 * the open threats it addresses, given what is implemented already. */
static int
risk_removed_by (MoatModel   *model,
                 GHashTable  *steps,
                 MoatControl *control)
{
  const char * const *ids = moat_control_get_threat_ids (control);
  int removed = 0;

  for (guint t = 0; ids != NULL && ids[t] != NULL; t++)
    {
      MoatThreat *threat = moat_model_lookup_typed (model, ids[t], MOAT_TYPE_THREAT);
      MoatRiskAssessment now;
      int after;

      if (threat == NULL || !moat_risk_threat_is_open (threat))
        continue;
      assess_indexed (model, steps, threat, &now);
      after = MAX (1, now.residual_likelihood - MOAT_RISK_IMPLEMENTED_STEPS);
      removed += (now.residual_likelihood - after) * now.residual_impact;
    }

  return removed;
}

static int
compare_roadmap_items (gconstpointer a,
                       gconstpointer b)
{
  const MoatRoadmapItem *x = *(MoatRoadmapItem * const *)a;
  const MoatRoadmapItem *y = *(MoatRoadmapItem * const *)b;
  int cmp;

  if (x->priority != y->priority)
    return x->priority > y->priority ? -1 : 1;
  if (x->risk_removed != y->risk_removed)
    return y->risk_removed - x->risk_removed;
  cmp = g_strcmp0 (moat_control_get_title (x->control), moat_control_get_title (y->control));
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (moat_object_get_id (MOAT_OBJECT (x->control)),
                    moat_object_get_id (MOAT_OBJECT (y->control)));
}

/**
 * moat_risk_roadmap:
 *
 * Returns: (transfer container) (element-type MoatRoadmapItem): the
 *   controls that are not yet implemented, best value for effort first
 */
GPtrArray *
moat_risk_roadmap (MoatModel *model)
{
  g_autoptr(GHashTable) steps = NULL;
  GListModel *controls;
  GPtrArray *items;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  steps = index_control_steps (model);
  controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_roadmap_item_free);

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      MoatRoadmapItem *item;

      if (moat_risk_control_steps (moat_control_get_status (control)) > 0)
        continue;

      item = g_new0 (MoatRoadmapItem, 1);
      item->control = g_object_ref (control);
      item->risk_removed = risk_removed_by (model, steps, control);
      item->effort = moat_risk_effort_weight (moat_control_get_effort (control));
      item->priority = (double)item->risk_removed / item->effort;
      g_ptr_array_add (items, item);
    }

  g_ptr_array_sort (items, compare_roadmap_items);
  return items;
}

void
moat_risk_heat_map (MoatModel *model,
                    gboolean   residual,
                    guint      counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE])
{
  g_autoptr(GHashTable) steps = NULL;
  GListModel *threats;

  g_return_if_fail (MOAT_IS_MODEL (model));

  memset (counts, 0, sizeof (guint) * MOAT_RISK_SCALE * MOAT_RISK_SCALE);
  steps = index_control_steps (model);
  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatRiskAssessment a;

      if (!moat_risk_threat_is_open (threat))
        continue;
      assess_indexed (model, steps, threat, &a);
      if (residual)
        counts[a.residual_likelihood - 1][a.residual_impact - 1]++;
      else
        counts[a.likelihood - 1][a.impact - 1]++;
    }
}

void
moat_risk_count_by_status (MoatModel *model,
                           guint      counts[MOAT_RISK_N_STATUSES])
{
  GListModel *threats;

  g_return_if_fail (MOAT_IS_MODEL (model));

  memset (counts, 0, sizeof (guint) * MOAT_RISK_N_STATUSES);
  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatThreatStatus status = moat_threat_get_status (threat);

      if (status < MOAT_RISK_N_STATUSES)
        counts[status]++;
    }
}

void
moat_category_count_free (MoatCategoryCount *count)
{
  if (count == NULL)
    return;
  g_free (count->category);
  g_free (count);
}

static int
stride_rank (const char *category)
{
  const char *p = category != NULL && category[0] != '\0' && category[1] == '\0'
                  ? strchr ("STRIDE", category[0]) : NULL;

  return p != NULL ? (int)(p - "STRIDE") : G_MAXINT;
}

static int
compare_category_counts (gconstpointer a,
                         gconstpointer b)
{
  const MoatCategoryCount *x = *(MoatCategoryCount * const *)a;
  const MoatCategoryCount *y = *(MoatCategoryCount * const *)b;
  int rx = stride_rank (x->category), ry = stride_rank (y->category);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return g_strcmp0 (x->category, y->category);
}

/**
 * moat_risk_count_by_category:
 * @open_only: count only open threats
 *
 * Threats without a category count under "".
 *
 * Returns: (transfer container) (element-type MoatCategoryCount): STRIDE
 *   letters in STRIDE order, then every other category alphabetically;
 *   categories with no threat are left out
 */
GPtrArray *
moat_risk_count_by_category (MoatModel *model,
                             gboolean   open_only)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_category_count_free);
  GListModel *threats;

  g_return_val_if_fail (MOAT_IS_MODEL (model), counts);

  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char *category = moat_threat_get_category (threat);
      MoatCategoryCount *count;

      if (open_only && !moat_risk_threat_is_open (threat))
        continue;
      if (category == NULL)
        category = "";

      count = g_hash_table_lookup (seen, category);
      if (count == NULL)
        {
          count = g_new0 (MoatCategoryCount, 1);
          count->category = g_strdup (category);
          g_hash_table_insert (seen, count->category, count);
          g_ptr_array_add (counts, count);
        }
      count->count++;
    }

  g_ptr_array_sort (counts, compare_category_counts);
  return counts;
}

typedef struct
{
  MoatThreat   *threat;
  int           likelihood;
  int           impact;
  MoatRiskLevel level;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;
  int cmp;

  if (x->level != y->level)
    return x->level > y->level ? -1 : 1;
  if (x->likelihood * x->impact != y->likelihood * y->impact)
    return y->likelihood * y->impact - x->likelihood * x->impact;
  cmp = g_strcmp0 (moat_threat_get_title (x->threat), moat_threat_get_title (y->threat));
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (moat_object_get_id (MOAT_OBJECT (x->threat)),
                    moat_object_get_id (MOAT_OBJECT (y->threat)));
}

/* Leaves the @n first of @ranked in order, as sorting it all would (the
 * order is total: ids differ): a ranking of ten among thousands of threats
 * need not sort them all. */
static void
keep_first (GArray *ranked,
            guint   n)
{
  guint kept = 0;

  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked r = g_array_index (ranked, Ranked, i);
      guint at = kept;

      while (at > 0 && compare_ranked (&r, &g_array_index (ranked, Ranked, at - 1)) < 0)
        at--;
      if (at >= n)
        continue;
      /* The kept ones sit at the start of the array, before i. */
      memmove (&g_array_index (ranked, Ranked, at + 1), &g_array_index (ranked, Ranked, at),
               (MIN (kept, n - 1) - at) * sizeof (Ranked));
      g_array_index (ranked, Ranked, at) = r;
      kept = MIN (kept + 1, n);
    }
  g_array_set_size (ranked, kept);
}

/**
 * moat_risk_top_threats:
 * @n: how many at most
 * @residual: rank by residual rather than current risk
 *
 * Returns: (transfer container) (element-type MoatThreat): at most @n
 *   open threats, the worst first: by level, then likelihood × impact,
 *   then title
 */
GPtrArray *
moat_risk_top_threats (MoatModel *model,
                       guint      n,
                       gboolean   residual)
{
  g_autoptr(GHashTable) assessments = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), g_ptr_array_new ());

  assessments = moat_risk_assess_all (model);
  return moat_risk_top_threats_assessed (model, assessments, n, residual);
}

/**
 * moat_risk_top_threats_assessed:
 * @assessments: what moat_risk_assess_all() gave for @model
 *
 * moat_risk_top_threats() for a caller that has assessed the model
 * already, so that the threats are not assessed twice.
 */
GPtrArray *
moat_risk_top_threats_assessed (MoatModel  *model,
                                GHashTable *assessments,
                                guint       n,
                                gboolean    residual)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GListModel *threats;
  GPtrArray *top = g_ptr_array_new ();

  g_return_val_if_fail (MOAT_IS_MODEL (model), top);

  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const MoatRiskAssessment *found;
      MoatRiskAssessment a;
      Ranked r;

      if (!moat_risk_threat_is_open (threat))
        continue;
      found = g_hash_table_lookup (assessments, moat_object_get_id (MOAT_OBJECT (threat)));
      if (found == NULL)
        continue;
      a = *found;
      r.threat = threat; /* the model holds it */
      r.likelihood = residual ? a.residual_likelihood : a.likelihood;
      r.impact = residual ? a.residual_impact : a.impact;
      r.level = residual ? a.residual_level : a.level;
      g_array_append_val (ranked, r);
    }

  if (n < ranked->len)
    keep_first (ranked, n);
  else
    g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len && i < n; i++)
    g_ptr_array_add (top, g_array_index (ranked, Ranked, i).threat);

  return top;
}
