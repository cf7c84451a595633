/* moat-estate-system.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One model file, read read-only and summarised, then let go. Every
 * risk figure comes from moat_risk_assess_all(), the assessment the
 * dashboard, the report and `moat-cli check` use, so the estate agrees
 * with each model opened on its own.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-assumption.h"
#include "moat-element.h"
#include "moat-error.h"
#include "moat-estate-system.h"
#include "moat-estate-system-private.h"
#include "moat-format.h"
#include "moat-review.h"
#include "moat-store.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64) 86400)
#define MAX_RISKS 10 /* per system: the estate ranks its ten highest */

struct _MoatEstateSystem
{
  GObject         parent_instance;

  GFile          *file;
  char           *path;
  GError         *error;
  char           *title;
  char           *owner;
  gint64          last_change;
  gint64          last_review;
  guint           n_threats;
  guint           open[2][MOAT_RISK_N_LEVELS];  /* by MoatRiskBasis */
  guint           heat[2][MOAT_RISK_SCALE][MOAT_RISK_SCALE];
  guint           risk_score;
  GPtrArray      *risks;                        /* MoatEstateRisk, worst first */
  guint           assumptions[MOAT_ASSUMPTION_INVALIDATED + 1];
  GPtrArray      *overdue;                      /* MoatEstateOverdue */
  MoatEstateData  data;
  gboolean        internet_facing;
  guint           unreviewed_sensitive;
  GArray         *events;
  MoatFeatureCheck *last_check;                 /* a copy, in no model */
};

G_DEFINE_FINAL_TYPE (MoatEstateSystem, moat_estate_system, G_TYPE_OBJECT)

MoatEstateRisk *
moat_estate_risk_copy (const MoatEstateRisk *risk)
{
  MoatEstateRisk *copy = g_memdup2 (risk, sizeof *risk);

  copy->system = g_strdup (risk->system);
  copy->path = g_strdup (risk->path);
  copy->threat_id = g_strdup (risk->threat_id);
  copy->title = g_strdup (risk->title);
  copy->asset = g_strdup (risk->asset);
  return copy;
}

void
moat_estate_risk_free (MoatEstateRisk *risk)
{
  g_free (risk->system);
  g_free (risk->path);
  g_free (risk->threat_id);
  g_free (risk->title);
  g_free (risk->asset);
  g_free (risk);
}

/* The order moat_risk_top_threats() ranks in, across systems: residual
 * level, then likelihood × impact, then title, then system. */
int
moat_estate_risk_compare (const MoatEstateRisk *a,
                          const MoatEstateRisk *b)
{
  int c;

  if (a->level != b->level)
    return a->level > b->level ? -1 : 1;
  if (a->likelihood * a->impact != b->likelihood * b->impact)
    return a->likelihood * a->impact > b->likelihood * b->impact ? -1 : 1;
  if ((c = g_strcmp0 (a->title, b->title)) != 0)
    return c;
  if ((c = g_strcmp0 (a->system, b->system)) != 0)
    return c;
  return g_strcmp0 (a->path, b->path);
}

void
moat_estate_overdue_free (MoatEstateOverdue *overdue)
{
  g_free (overdue->title);
  g_free (overdue);
}

static void
moat_estate_system_finalize (GObject *object)
{
  MoatEstateSystem *self = MOAT_ESTATE_SYSTEM (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->risks, g_ptr_array_unref);
  g_clear_pointer (&self->overdue, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_object (&self->last_check);
  G_OBJECT_CLASS (moat_estate_system_parent_class)->finalize (object);
}

static void
moat_estate_system_class_init (MoatEstateSystemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_estate_system_finalize;
}

static void
moat_estate_system_init (MoatEstateSystem *self)
{
  self->risks = g_ptr_array_new_with_free_func ((GDestroyNotify) moat_estate_risk_free);
  self->overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) moat_estate_overdue_free);
  self->events = g_array_new (FALSE, FALSE, sizeof (MoatEstateEvent));
}

/* Loading */

static gboolean
starts_like_sqlite (const char *data,
                    gsize       length)
{
  return length >= 16 && memcmp (data, "SQLite format 3", 16) == 0;
}

static char *
read_head (GFile *file,
           gsize *length)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char *head = g_malloc0 (16);

  *length = 0;
  if (stream != NULL)
    g_input_stream_read_all (G_INPUT_STREAM (stream), head, 16, length, NULL, NULL);
  return head;
}

/* The fields summarise() reads, by way of the risk assessment, the
 * events and the feature check it copies: the rest of a model (diagram
 * geometry, descriptions, tags) is left in the file. The ids, dates and
 * references of every object are read in any case. */
static const char * const summary_fields[] = {
  "model:title", "model:owner",
  "threat:title", "threat:category", "threat:likelihood", "threat:impact",
  "threat:impact-overridden", "threat:status",
  "control:title", "control:status",
  "asset:name", "asset:impact-confidentiality", "asset:impact-integrity",
  "asset:impact-availability",
  "element:kind", "element:out-of-scope", "element:internet-facing", "element:handles-pii",
  "element:handles-payment", "element:handles-credentials", "element:reviewed",
  "element:reviewed-at",
  "assumption:kind", "assumption:status",
  "feature_check:*",
  NULL
};

/* A project file: opened read-only, so that a model open in the app is
 * read as its last committed action left it. */
static MoatModel *
load_project (GFile      *file,
              gboolean    whole,
              GPtrArray **log,
              GError    **error)
{
  g_autoptr(MoatStore) store = whole ? moat_store_open_read_only (file, error)
                                     : moat_store_open_fields (file, summary_fields, error);
  MoatModel *model;

  if (store == NULL)
    return NULL;
  if (!(*log = moat_store_read_log (store, 0, 0, error)))
    return NULL;
  model = g_object_ref (moat_store_get_model (store));
  moat_store_close (store);
  return model;
}

static gboolean
is_project_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_str_has_suffix (name, ".moat");
}

static gboolean
name_says_model (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_str_has_suffix (name, ".moat") || g_str_has_suffix (name, ".moat.json");
}

/* Any other file: what `moat-cli import` reads. A JSON file found in a
 * folder that is no model (package.json) is not part of the estate. */
static MoatModel *
load_import (GFile     *file,
             gboolean   any_json,
             gboolean  *skipped,
             GError   **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  MoatFormat format;

  if (any_json || name_says_model (file))
    return moat_format_import_file (file, MOAT_FORMAT_UNKNOWN, NULL, error);

  /* Threat Dragon 1.x is told by little more than a "version" member,
   * which every package.json has: a folder's 1.x files are passed over. */
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, NULL) ||
      (format = moat_format_detect (data, length)) == MOAT_FORMAT_UNKNOWN ||
      format == MOAT_FORMAT_THREAT_DRAGON_V1)
    {
      *skipped = TRUE;
      return NULL;
    }
  return moat_format_import (data, length, MOAT_FORMAT_UNKNOWN, NULL, error);
}

/* Summaries */

static const char *
or_unnamed (const char *text)
{
  return text != NULL && *text != '\0' ? text : _("(unnamed)");
}

static char *
first_asset (MoatModel  *model,
             MoatThreat *threat)
{
  g_autoptr(GPtrArray) assets = moat_risk_impact_assets (model, threat);

  return assets->len > 0 ? g_strdup (or_unnamed (moat_asset_get_name (g_ptr_array_index (assets, 0))))
                         : NULL;
}

static void
count_threats (MoatEstateSystem *self,
               MoatModel        *model,
               GHashTable       *assessments)
{
  GHashTableIter iter;
  MoatRiskAssessment *a;

  self->n_threats = g_hash_table_size (assessments);
  g_hash_table_iter_init (&iter, assessments);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &a))
    {
      if (!a->open)
        continue;
      self->open[MOAT_RISK_BASIS_RESIDUAL][a->residual_level]++;
      self->open[MOAT_RISK_BASIS_INHERENT][a->level]++;
      self->heat[MOAT_RISK_BASIS_RESIDUAL][a->residual_likelihood - 1][a->residual_impact - 1]++;
      self->heat[MOAT_RISK_BASIS_INHERENT][a->likelihood - 1][a->impact - 1]++;
      self->risk_score += a->residual_likelihood * a->residual_impact;
    }
}

static void
rank_risks (MoatEstateSystem *self,
            MoatModel        *model,
            GHashTable       *assessments)
{
  g_autoptr(GPtrArray) top = moat_risk_top_threats_assessed (model, assessments, MAX_RISKS, TRUE);

  for (guint i = 0; i < top->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (top, i);
      const char *id = moat_object_get_id (MOAT_OBJECT (threat));
      MoatRiskAssessment *a = g_hash_table_lookup (assessments, id);
      MoatEstateRisk *risk = g_new0 (MoatEstateRisk, 1);

      risk->system = g_strdup (self->title);
      risk->path = g_strdup (self->path);
      risk->threat_id = g_strdup (id);
      risk->title = g_strdup (or_unnamed (moat_threat_get_title (threat)));
      risk->asset = first_asset (model, threat);
      risk->level = a->residual_level;
      risk->inherent_level = a->level;
      risk->likelihood = a->residual_likelihood;
      risk->impact = a->residual_impact;
      g_ptr_array_add (self->risks, risk);
    }
}

static void
count_assumptions (MoatEstateSystem *self,
                   MoatModel        *model)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ASSUMPTION);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatAssumption) assumption = g_list_model_get_item (list, i);

      if (moat_assumption_get_kind (assumption) == MOAT_ASSUMPTION_KIND_ASSUMPTION)
        self->assumptions[moat_assumption_get_status (assumption)]++;
    }
}

static gboolean
is_waiting (const char *status)
{
  return g_strcmp0 (status, "proposed") == 0 || g_strcmp0 (status, "planned") == 0;
}

/* Since when each control has waited: its creation, or the last time the
 * log shows it going back to proposed or planned from further on. */
static GHashTable *
waiting_since (GPtrArray *log)
{
  GHashTable *since = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      MoatLogEntry *entry = g_ptr_array_index (log, i);

      if (g_strcmp0 (entry->object_kind, "control") == 0 && entry->object_id != NULL &&
          g_strcmp0 (entry->field, "status") == 0 &&
          !is_waiting (entry->old_value) && is_waiting (entry->new_value))
        g_hash_table_insert (since, entry->object_id, &entry->time);
    }
  return since;
}

static void
find_overdue (MoatEstateSystem *self,
              MoatModel        *model,
              GPtrArray        *log,
              gint64            now,
              guint             overdue_days)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_CONTROL);
  g_autoptr(GHashTable) since = waiting_since (log);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (list, i);
      MoatControlStatus status = moat_control_get_status (control);
      gint64 *back = g_hash_table_lookup (since, moat_object_get_id (MOAT_OBJECT (control)));
      gint64 start = back != NULL ? *back : moat_object_get_created (MOAT_OBJECT (control));
      MoatEstateOverdue *overdue;

      if (status != MOAT_CONTROL_PROPOSED && status != MOAT_CONTROL_PLANNED)
        continue;
      if (now - start <= (gint64) overdue_days * USEC_PER_DAY)
        continue;
      overdue = g_new0 (MoatEstateOverdue, 1);
      overdue->title = g_strdup (or_unnamed (moat_control_get_title (control)));
      overdue->status = status;
      overdue->since = start;
      g_ptr_array_add (self->overdue, overdue);
    }
}

static MoatEstateData
element_data (MoatElement *element)
{
  return (moat_element_get_handles_pii (element) ? MOAT_ESTATE_DATA_PII : 0) |
         (moat_element_get_handles_payment (element) ? MOAT_ESTATE_DATA_PAYMENT : 0) |
         (moat_element_get_handles_credentials (element) ? MOAT_ESTATE_DATA_CREDENTIALS : 0);
}

/* Sensitive data, exposure and reviews, from the elements in scope. */
static void
read_elements (MoatEstateSystem *self,
               MoatModel        *model)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_ELEMENT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (list, i);
      MoatEstateData data;

      if (moat_element_get_out_of_scope (element))
        continue;
      data = element_data (element);
      self->data |= data;
      self->internet_facing |= moat_element_get_internet_facing (element);
      self->last_review = MAX (self->last_review, moat_element_get_reviewed_at (element));
      if (data != 0 && moat_review_is_wanted (element) && moat_element_get_reviewed_at (element) == 0 &&
          !moat_element_get_reviewed (element))
        self->unreviewed_sensitive++;
    }
}

/* The last change is the newest date anything in the model carries; the
 * last review the newest element review, in the elements or the log. */
static void
read_dates (MoatEstateSystem *self,
            MoatModel        *model,
            GPtrArray        *log)
{
  const GType *types;
  guint n_types;

  self->last_change = moat_object_get_modified (MOAT_OBJECT (model));
  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *list = moat_model_get_list (model, types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (list, i);

          self->last_change = MAX (self->last_change, moat_object_get_modified (object));
        }
    }

  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      MoatLogEntry *entry = g_ptr_array_index (log, i);

      self->last_change = MAX (self->last_change, entry->time);
      if (g_strcmp0 (entry->field, "reviewed") == 0 && g_strcmp0 (entry->new_value, "true") == 0)
        self->last_review = MAX (self->last_review, entry->time);
    }
}

static void
read_last_check (MoatEstateSystem *self,
                 MoatModel        *model)
{
  MoatFeatureCheck *check = moat_feature_check_find_latest (model);

  g_clear_object (&self->last_check);
  if (check != NULL)
    self->last_check = MOAT_FEATURE_CHECK (moat_object_copy (MOAT_OBJECT (check), FALSE));
}

static void
summarise (MoatEstateSystem *self,
           MoatModel        *model,
           GPtrArray        *log,
           gint64            now,
           guint             overdue_days)
{
  g_autoptr(GHashTable) assessments = moat_risk_assess_all (model);
  g_autoptr(GFile) parent = NULL;
  const char *title = moat_model_get_title (model);

  if (title == NULL || *title == '\0')
    {
      g_autofree char *name = g_file_get_basename (self->file);

      self->title = g_strdup (name);
    }
  else
    self->title = g_strdup (title);
  self->owner = g_strdup (moat_model_get_owner (model));

  count_threats (self, model, assessments);
  rank_risks (self, model, assessments);
  count_assumptions (self, model);
  find_overdue (self, model, log, now, overdue_days);
  read_elements (self, model);
  read_dates (self, model, log);
  read_last_check (self, model);
  g_clear_pointer (&self->events, g_array_unref);
  self->events = moat_estate_events_from_log (log, model, assessments);
}

/**
 * moat_estate_system_get_last_check:
 *
 * Returns: (transfer none) (nullable): the system's newest feature check
 */
MoatFeatureCheck *
moat_estate_system_get_last_check (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);

  return self->last_check;
}

/**
 * moat_estate_system_load:
 * @display_path: how to show the file: its path from the folder the
 *   estate was given
 * @now: the time ages are measured to (microseconds since 1970 UTC)
 * @overdue_days: how long a control may stay proposed or planned
 * @any_json: whether a JSON file that is not a model is an error (a file
 *   named by the user) rather than no part of the estate (found in a folder)
 *
 * Reads and summarises one model. Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the system, with its error if the
 *   file could not be read; %NULL for a file that is no model
 */
MoatEstateSystem *
moat_estate_system_load (GFile      *file,
                         const char *display_path,
                         gint64      now,
                         guint       overdue_days,
                         gboolean    any_json)
{
  return _moat_estate_system_load (file, display_path, now, overdue_days, any_json, FALSE);
}

/* @whole: read the whole of a project file rather than what the summary
 * wants of it (which must give the same system) */
MoatEstateSystem *
_moat_estate_system_load (GFile      *file,
                          const char *display_path,
                          gint64      now,
                          guint       overdue_days,
                          gboolean    any_json,
                          gboolean    whole)
{
  g_autoptr(MoatEstateSystem) self = g_object_new (MOAT_TYPE_ESTATE_SYSTEM, NULL);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autofree char *head = NULL;
  gboolean skipped = FALSE;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self->file = g_object_ref (file);
  self->path = display_path != NULL ? g_strdup (display_path) : g_file_get_parse_name (file);

  /* A .moat that is no database is the store's to word: "not a Moat file". */
  head = read_head (file, &length);
  if (starts_like_sqlite (head, length) || is_project_name (file))
    model = load_project (file, whole, &log, &self->error);
  else
    model = load_import (file, any_json, &skipped, &self->error);

  if (skipped)
    return NULL;
  if (model == NULL)
    {
      self->title = g_file_get_basename (file);
      return g_steal_pointer (&self);
    }
  summarise (self, model, log, now, overdue_days);
  return g_steal_pointer (&self);
}

const char *
moat_estate_system_get_path (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->path;
}

GFile *
moat_estate_system_get_file (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->file;
}

/* Returns: (nullable): why the file could not be read */
const GError *
moat_estate_system_get_error (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->error;
}

gboolean
moat_estate_system_is_model (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), FALSE);
  return self->error == NULL;
}

const char *
moat_estate_system_get_title (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->title;
}

/* Returns: (nullable) */
const char *
moat_estate_system_get_owner (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->owner;
}

gint64
moat_estate_system_get_last_change (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  return self->last_change;
}

/* Returns: the newest element review, or 0 when none was ever reviewed */
gint64
moat_estate_system_get_last_review (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  return self->last_review;
}

guint
moat_estate_system_get_n_threats (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  return self->n_threats;
}

/* The open threats at @level on @basis. */
guint
moat_estate_system_get_n_open (MoatEstateSystem *self,
                               MoatRiskBasis     basis,
                               MoatRiskLevel     level)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  g_return_val_if_fail (level < MOAT_RISK_N_LEVELS, 0);
  return self->open[basis == MOAT_RISK_BASIS_INHERENT][level];
}

/* Returns: (nullable): the highest residual risk, or %NULL when nothing is open */
const MoatEstateRisk *
moat_estate_system_get_top_risk (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->risks->len > 0 ? g_ptr_array_index (self->risks, 0) : NULL;
}

/* Returns: (transfer none) (element-type MoatEstateRisk): the ten
 * highest open risks, worst first */
GPtrArray *
moat_estate_system_get_risks (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->risks;
}

/* The level a system ranks by: its highest open residual risk. */
MoatRiskLevel
moat_estate_system_get_rank_level (MoatEstateSystem *self,
                                   gboolean         *any_open)
{
  const MoatEstateRisk *top = moat_estate_system_get_top_risk (self);

  *any_open = top != NULL;
  return top != NULL ? top->level : MOAT_RISK_LOW;
}

/* The sum of residual likelihood × impact over the open threats: what
 * ranks systems whose highest risk is the same level. */
guint
moat_estate_system_get_risk_score (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  return self->risk_score;
}

guint
moat_estate_system_get_n_assumptions (MoatEstateSystem     *self,
                                      MoatAssumptionStatus  status)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  g_return_val_if_fail (status <= MOAT_ASSUMPTION_INVALIDATED, 0);
  return self->assumptions[status];
}

/* Returns: (transfer none) (element-type MoatEstateOverdue) */
GPtrArray *
moat_estate_system_get_overdue (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->overdue;
}

MoatEstateData
moat_estate_system_get_data (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  return self->data;
}

gboolean
moat_estate_system_get_internet_facing (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), FALSE);
  return self->internet_facing;
}

/* Elements in scope that handle sensitive data and were never reviewed. */
guint
moat_estate_system_get_n_unreviewed_sensitive (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), 0);
  return self->unreviewed_sensitive;
}

/* counts[likelihood - 1][impact - 1] of open threats, on @basis. */
void
moat_estate_system_get_heat_map (MoatEstateSystem *self,
                                 MoatRiskBasis     basis,
                                 guint             counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE])
{
  g_return_if_fail (MOAT_IS_ESTATE_SYSTEM (self));
  memcpy (counts, self->heat[basis == MOAT_RISK_BASIS_INHERENT], sizeof self->heat[0]);
}

/* Returns: (transfer none) (element-type MoatEstateEvent) */
GArray *
moat_estate_system_get_events (MoatEstateSystem *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SYSTEM (self), NULL);
  return self->events;
}

/* "pii, payment": the stable names, as JSON and CSV write them. */
char *
moat_estate_data_to_string (MoatEstateData data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (data & MOAT_ESTATE_DATA_PII)
    g_strv_builder_add (builder, "pii");
  if (data & MOAT_ESTATE_DATA_PAYMENT)
    g_strv_builder_add (builder, "payment");
  if (data & MOAT_ESTATE_DATA_CREDENTIALS)
    g_strv_builder_add (builder, "credentials");
  names = g_strv_builder_end (builder);
  return g_strjoinv (", ", names);
}
