/* moat-coverage.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-control.h"
#include "moat-coverage.h"
#include "moat-error.h"
#include "moat-threat.h"

struct _MoatCoverage
{
  GObject        parent_instance;

  MoatCatalogue *catalogue;
  int            level;
  GArray        *items;    /* MoatCoverageItem, in catalogue order */
  GHashTable    *by_id;    /* requirement id -> index + 1 */
  GPtrArray     *unknown;  /* requirements controls name that the catalogue lacks; NULL-terminated */
  GPtrArray     *seen;     /* while computing: per item, the threat ids already in it */
};

G_DEFINE_FINAL_TYPE (MoatCoverage, moat_coverage, G_TYPE_OBJECT)

static void
item_clear (gpointer data)
{
  MoatCoverageItem *item = data;

  g_clear_pointer (&item->control_ids, g_ptr_array_unref);
  g_clear_pointer (&item->threat_ids, g_ptr_array_unref);
}

static void
seen_free (gpointer data)
{
  if (data != NULL)
    g_hash_table_unref (data);
}

static void
moat_coverage_finalize (GObject *object)
{
  MoatCoverage *self = (MoatCoverage *)object;

  g_clear_object (&self->catalogue);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->unknown, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_coverage_parent_class)->finalize (object);
}

static void
moat_coverage_class_init (MoatCoverageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_coverage_finalize;
}

static void
moat_coverage_init (MoatCoverage *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (MoatCoverageItem));
  g_array_set_clear_func (self->items, item_clear);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->unknown = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

static MoatCoverageStatus
status_of_control (MoatControlStatus status)
{
  switch (status)
    {
    case MOAT_CONTROL_VERIFIED:
      return MOAT_COVERAGE_VERIFIED;
    case MOAT_CONTROL_IMPLEMENTED:
      return MOAT_COVERAGE_IMPLEMENTED;
    case MOAT_CONTROL_PLANNED:
    case MOAT_CONTROL_IN_PROGRESS:
      return MOAT_COVERAGE_PLANNED;
    case MOAT_CONTROL_PROPOSED:
    default:
      return MOAT_COVERAGE_NONE;
    }
}

/* Returns: (nullable): the item of @ref ("asvs:V6.3.1") if it is in this
 * catalogue at this level */
static MoatCoverageItem *
find_item (MoatCoverage *self,
           const char   *ref)
{
  const char *id_in_catalogue;
  gsize prefix = strlen (moat_catalogue_get_id (self->catalogue));
  gpointer index;

  if (strncmp (ref, moat_catalogue_get_id (self->catalogue), prefix) != 0 || ref[prefix] != ':')
    return NULL;
  id_in_catalogue = ref + prefix + 1;
  index = g_hash_table_lookup (self->by_id, id_in_catalogue);
  return index ? &g_array_index (self->items, MoatCoverageItem, GPOINTER_TO_UINT (index) - 1) : NULL;
}

static void
add_unique (GPtrArray  *ids,
            const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], id))
      return;
  g_ptr_array_add (ids, g_strdup (id));
}

/* Every threat's risk, assessed once for the whole model. */
typedef struct
{
  GHashTable *scores; /* threat id -> MoatRiskAssessment */
} RiskCache;

static const MoatRiskAssessment *
assess (RiskCache  *cache,
        const char *threat_id)
{
  MoatRiskAssessment *assessment = g_hash_table_lookup (cache->scores, threat_id);

  return assessment != NULL && assessment->open ? assessment : NULL;
}

/* A requirement may bear on thousands of threats: look them up in a set. */
static void
bear_on (MoatCoverage     *self,
         MoatCoverageItem *item,
         RiskCache        *cache,
         const char       *threat_id)
{
  guint index = item - &g_array_index (self->items, MoatCoverageItem, 0);
  GHashTable *seen = g_ptr_array_index (self->seen, index);
  const MoatRiskAssessment *risk;
  int score;

  if (seen != NULL && g_hash_table_contains (seen, threat_id))
    return;
  if (!(risk = assess (cache, threat_id)))
    return;
  if (seen == NULL)
    seen = self->seen->pdata[index] = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (item->threat_ids, g_strdup (threat_id));
  g_hash_table_add (seen, item->threat_ids->pdata[item->threat_ids->len - 1]);
  score = risk->residual_likelihood * risk->residual_impact;
  if (score > item->gap_score)
    {
      item->gap_score = score;
      item->gap_level = risk->residual_level;
    }
}

static void
link_controls (MoatCoverage *self,
               MoatModel    *model,
               RiskCache    *cache)
{
  GListModel *controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);
  g_autoptr(GHashTable) unknown = g_hash_table_new (g_str_hash, g_str_equal);
  gsize prefix = strlen (moat_catalogue_get_id (self->catalogue));

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      const char * const *requirements = moat_control_get_requirements (control);
      const char * const *threat_ids = moat_control_get_threat_ids (control);

      for (guint r = 0; requirements != NULL && requirements[r] != NULL; r++)
        {
          MoatCoverageItem *item = find_item (self, requirements[r]);
          MoatCoverageStatus status = status_of_control (moat_control_get_status (control));

          if (item == NULL)
            {
              /* In this catalogue but not in it at all (a higher level is not unknown). */
              if (strncmp (requirements[r], moat_catalogue_get_id (self->catalogue), prefix) == 0 &&
                  requirements[r][prefix] == ':' &&
                  moat_catalogue_lookup (self->catalogue, requirements[r] + prefix + 1) == NULL &&
                  g_hash_table_add (unknown, (char *)requirements[r]))
                g_ptr_array_add (self->unknown, g_strdup (requirements[r]));
              continue;
            }

          item->applies = TRUE;
          item->status = MAX (item->status, status);
          add_unique (item->control_ids, moat_object_get_id (MOAT_OBJECT (control)));
          for (guint t = 0; threat_ids != NULL && threat_ids[t] != NULL; t++)
            bear_on (self, item, cache, threat_ids[t]);
        }
    }
}

/* Threats from a rule bear on the requirements the rule names. */
static void
link_rule_threats (MoatCoverage *self,
                   MoatLibrary  *library,
                   MoatModel    *model,
                   RiskCache    *cache)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  MoatRuleSet *rules = moat_library_get_rule_set (library);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char *rule_id = moat_threat_get_rule_id (threat);
      MoatRule *rule = rule_id && *rule_id ? moat_rule_set_lookup (rules, rule_id) : NULL;
      const char * const *requirements = rule ? moat_rule_get_requirements (rule) : NULL;

      if (!moat_risk_threat_is_open (threat))
        continue;
      for (guint r = 0; requirements != NULL && requirements[r] != NULL; r++)
        {
          MoatCoverageItem *item = find_item (self, requirements[r]);

          if (item != NULL)
            bear_on (self, item, cache, moat_object_get_id (MOAT_OBJECT (threat)));
        }
    }
}

/**
 * moat_coverage_compute:
 * @catalogue_id: a catalogue of @library ("asvs")
 * @level: the level to meet; requirements up to it count
 *
 * Returns: (transfer full) (nullable): the coverage, or %NULL with
 *   @error when the catalogue or level is unknown
 */
MoatCoverage *
moat_coverage_compute (MoatLibrary  *library,
                       MoatModel    *model,
                       const char   *catalogue_id,
                       int           level,
                       GError      **error)
{
  g_autoptr(MoatCoverage) self = NULL;
  g_autoptr(MoatRuleContext) context = NULL;
  g_autoptr(GHashTable) scores = NULL;
  g_autofree gboolean *topics = NULL;
  MoatCatalogue *catalogue;
  RiskCache cache;

  g_return_val_if_fail (MOAT_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (catalogue_id != NULL, NULL);

  if (!(catalogue = moat_library_lookup_catalogue (library, catalogue_id)))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_FOUND, _("No catalogue “%s”"), catalogue_id), NULL;
  if (!moat_catalogue_has_level (catalogue, level))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("Catalogue “%s” has no level %d (it has 1 to %d)"),
                        catalogue_id, level, moat_catalogue_get_max_level (catalogue)), NULL;

  self = g_object_new (MOAT_TYPE_COVERAGE, NULL);
  self->catalogue = g_object_ref (catalogue);
  self->level = level;

  context = moat_rule_context_new (model);
  topics = moat_catalogue_match_topics (catalogue, context);
  for (guint i = 0; i < moat_catalogue_get_n_requirements (catalogue); i++)
    {
      const MoatRequirement *requirement = moat_catalogue_get_requirement (catalogue, i);
      MoatCoverageItem item = { requirement, FALSE, MOAT_COVERAGE_NONE, NULL, NULL, 0, MOAT_RISK_LOW };

      if (requirement->level > level)
        continue;
      item.applies = requirement->topic < 0 || topics[requirement->topic];
      item.control_ids = g_ptr_array_new_with_free_func (g_free);
      item.threat_ids = g_ptr_array_new_with_free_func (g_free);
      g_array_append_val (self->items, item);
      g_hash_table_insert (self->by_id, requirement->id, GUINT_TO_POINTER (self->items->len));
    }

  scores = moat_risk_assess_all (model);
  cache = (RiskCache) { scores };
  self->seen = g_ptr_array_new_full (self->items->len, seen_free);
  g_ptr_array_set_size (self->seen, self->items->len);
  link_controls (self, model, &cache);
  link_rule_threats (self, library, model, &cache);
  g_clear_pointer (&self->seen, g_ptr_array_unref);

  return g_steal_pointer (&self);
}

MoatCatalogue *
moat_coverage_get_catalogue (MoatCoverage *self)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE (self), NULL);
  return self->catalogue;
}

int
moat_coverage_get_level (MoatCoverage *self)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE (self), 0);
  return self->level;
}

/* Every requirement up to the level, applicable or not */
guint
moat_coverage_get_n_items (MoatCoverage *self)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE (self), 0);
  return self->items->len;
}

const MoatCoverageItem *
moat_coverage_get_item (MoatCoverage *self,
                        guint         position)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return &g_array_index (self->items, MoatCoverageItem, position);
}

/* (nullable): the item of a requirement id of the catalogue ("V6.3.1") */
const MoatCoverageItem *
moat_coverage_lookup (MoatCoverage *self,
                      const char   *requirement_id)
{
  gpointer index;

  g_return_val_if_fail (MOAT_IS_COVERAGE (self), NULL);

  index = g_hash_table_lookup (self->by_id, requirement_id);
  return index ? &g_array_index (self->items, MoatCoverageItem, GPOINTER_TO_UINT (index) - 1) : NULL;
}

guint
moat_coverage_get_n_applicable (MoatCoverage *self)
{
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_COVERAGE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    n += g_array_index (self->items, MoatCoverageItem, i).applies;
  return n;
}

/* How many applicable requirements are at @status */
guint
moat_coverage_count (MoatCoverage       *self,
                     MoatCoverageStatus  status)
{
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_COVERAGE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      const MoatCoverageItem *item = &g_array_index (self->items, MoatCoverageItem, i);
      n += item->applies && item->status == status;
    }
  return n;
}

/* Applicable requirements met: by an implemented or verified control */
guint
moat_coverage_get_n_met (MoatCoverage *self)
{
  return moat_coverage_count (self, MOAT_COVERAGE_IMPLEMENTED) +
         moat_coverage_count (self, MOAT_COVERAGE_VERIFIED);
}

/* Met out of applicable, 0 to 100; 100 when nothing applies */
double
moat_coverage_get_percent (MoatCoverage *self)
{
  guint applicable = moat_coverage_get_n_applicable (self);

  return applicable == 0 ? 100.0 : 100.0 * moat_coverage_get_n_met (self) / applicable;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  const MoatCoverageItem *x = *(const MoatCoverageItem * const *)a;
  const MoatCoverageItem *y = *(const MoatCoverageItem * const *)b;

  if (x->gap_score != y->gap_score)
    return y->gap_score - x->gap_score;
  if (x->threat_ids->len != y->threat_ids->len)
    return (int)y->threat_ids->len - (int)x->threat_ids->len;
  /* Catalogue order: items are in one array. */
  return x < y ? -1 : x > y;
}

/**
 * moat_coverage_get_gaps:
 *
 * Returns: (transfer container) (element-type MoatCoverageItem): the
 *   applicable requirements not met yet, the riskiest first: by the
 *   highest residual risk of the open threats they bear on, then by how
 *   many, then in catalogue order
 */
GPtrArray *
moat_coverage_get_gaps (MoatCoverage *self)
{
  GPtrArray *gaps = g_ptr_array_new ();

  g_return_val_if_fail (MOAT_IS_COVERAGE (self), gaps);

  for (guint i = 0; i < self->items->len; i++)
    {
      MoatCoverageItem *item = &g_array_index (self->items, MoatCoverageItem, i);

      if (item->applies && item->status < MOAT_COVERAGE_IMPLEMENTED)
        g_ptr_array_add (gaps, item);
    }
  g_ptr_array_sort (gaps, compare_gaps);
  return gaps;
}

/* Requirements of this catalogue that controls name but the catalogue
 * does not have (a typing error, or an older release) */
const char * const *
moat_coverage_get_unknown (MoatCoverage *self)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE (self), NULL);
  static const char * const none[] = { NULL };

  /* An empty array may have no storage at all. */
  return self->unknown->len > 0 ? (const char * const *)self->unknown->pdata : none;
}

/* Returns: (transfer full): "OWASP Application Security Verification
 * Standard 5.0.0, level 2" */
char *
moat_coverage_get_title (MoatCoverage *self)
{
  const char *release;

  g_return_val_if_fail (MOAT_IS_COVERAGE (self), NULL);

  release = moat_catalogue_get_release (self->catalogue);
  /* TRANSLATORS: "OWASP Application Security Verification Standard 5.0.0, level 2" */
  return g_strdup_printf (_("%s%s%s, level %d"), moat_catalogue_get_title (self->catalogue),
                          release ? " " : "", release ? release : "", self->level);
}

/* Returns: (transfer full): the id of the model's first catalogue, else
 * "asvs" */
char *
moat_coverage_default_catalogue (MoatModel *model)
{
  g_auto(GStrv) catalogues = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  g_object_get (model, "catalogues", &catalogues, NULL);
  return g_strdup (catalogues != NULL && catalogues[0] != NULL ? catalogues[0] : "asvs");
}

/* Whether the team measures @model against a catalogue: it names one, or
 * a control names a requirement. */
gboolean
moat_coverage_model_uses_catalogues (MoatModel *model)
{
  g_auto(GStrv) catalogues = NULL;
  GListModel *controls;

  g_return_val_if_fail (MOAT_IS_MODEL (model), FALSE);

  g_object_get (model, "catalogues", &catalogues, NULL);
  if (catalogues != NULL && catalogues[0] != NULL)
    return TRUE;

  controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);
  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      const char * const *requirements = moat_control_get_requirements (control);

      if (requirements != NULL && requirements[0] != NULL)
        return TRUE;
    }
  return FALSE;
}

const char *
moat_coverage_status_get_nick (MoatCoverageStatus status)
{
  static const char *nicks[] = { "none", "planned", "implemented", "verified" };

  g_return_val_if_fail (status < MOAT_COVERAGE_N_STATUSES, NULL);
  return nicks[status];
}

const char *
moat_coverage_status_get_label (MoatCoverageStatus status)
{
  g_return_val_if_fail (status < MOAT_COVERAGE_N_STATUSES, NULL);

  switch (status)
    {
    case MOAT_COVERAGE_VERIFIED:
      return _("Verified");
    case MOAT_COVERAGE_IMPLEMENTED:
      return _("Implemented");
    case MOAT_COVERAGE_PLANNED:
      return _("Planned");
    case MOAT_COVERAGE_NONE:
    default:
      return _("Not met");
    }
}
