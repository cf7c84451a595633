/* moat-rule-engine.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-action.h"
#include "moat-condition.h"
#include "moat-control.h"
#include "moat-element.h"
#include "moat-library-choice.h"
#include "moat-risk.h"
#include "moat-rule-engine.h"

#define N_KINDS (MOAT_ELEMENT_NOTE + 1)

struct _MoatRuleEngine
{
  GObject          parent_instance;

  MoatModel       *model;
  MoatRuleSet     *rules;
  GStrv            default_sets;
  GStrv            enabled_sets;
  GStrv            model_sets;   /* the model's "rule-sets" */
  GPtrArray       *by_kind[N_KINDS]; /* enabled rules per element kind */
  guint            reach;            /* the farthest any known rule looks */
  MoatRuleContext *context;

  GHashTable      *matches;  /* element id -> GPtrArray of MoatRule */
  GHashTable      *acted;    /* "rule\037element" -> how many threats and dismissals */
  GHashTable      *keys;     /* threat or dismissal id -> GStrv of its acted keys */
  GHashTable      *derived;  /* threat id -> MoatThreat that came from a rule */
  GHashTable      *review;   /* threat id -> why it needs review */

  gulong           action_closed_id;
};

G_DEFINE_FINAL_TYPE (MoatRuleEngine, moat_rule_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_RULES,
  N_PROPS
};

enum {
  SUGGESTIONS_CHANGED,
  REVIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const builtin_default_sets[] = {
  MOAT_RULE_SET_STRIDE, MOAT_RULE_SET_CONTEXT, NULL
};

static void on_action_closed (MoatRuleEngine *self,
                              MoatAction     *action);

static char *
acted_key (const char *rule_id,
           const char *element_id)
{
  return g_strconcat (rule_id, "\037", element_id, NULL);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* ------------------------------------------------------------------ */
/* Which rules                                                         */

static void
update_enabled_rules (MoatRuleEngine *self)
{
  guint n = moat_rule_set_get_n_rules (self->rules);

  g_clear_pointer (&self->model_sets, g_strfreev);
  g_object_get (self->model, "rule-sets", &self->model_sets, NULL);
  g_strfreev (self->enabled_sets);
  self->enabled_sets = moat_library_choice_resolve_sets ((const char * const *)self->model_sets,
                                                         self->default_sets != NULL
                                                         ? (const char * const *)self->default_sets
                                                         : builtin_default_sets);

  self->reach = 0;
  for (guint k = 0; k < N_KINDS; k++)
    g_ptr_array_set_size (self->by_kind[k], 0);

  for (guint i = 0; i < n; i++)
    {
      MoatRule *rule = moat_rule_set_get_rule (self->rules, i);

      /* A threat from a rule of a switched-off set still wants review. */
      self->reach = MAX (self->reach, moat_rule_get_reach (rule));
      if (!moat_rule_engine_is_rule_enabled (self, rule))
        continue;
      for (guint k = 0; k < N_KINDS; k++)
        if (moat_rule_applies_to (rule, k))
          g_ptr_array_add (self->by_kind[k], rule);
    }
}

/**
 * moat_rule_engine_is_rule_enabled:
 *
 * Returns: whether @rule's set is switched on for the model (see
 *   moat-library-choice.h)
 */
gboolean
moat_rule_engine_is_rule_enabled (MoatRuleEngine *self,
                                  MoatRule       *rule)
{
  const char *set = moat_rule_get_set (rule);

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), FALSE);

  if (!moat_rule_set_is_builtin_set (self->rules, set))
    return !moat_library_choice_user_set_is_off ((const char * const *)self->model_sets, set);
  return g_strv_contains ((const char * const *)self->enabled_sets, set);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

static gboolean
is_evaluated (MoatElement *element)
{
  return moat_element_get_kind (element) != MOAT_ELEMENT_NOTE &&
         !moat_element_get_out_of_scope (element);
}

static GPtrArray *
evaluate_element (MoatRuleEngine *self,
                  MoatElement    *element)
{
  GPtrArray *candidates = self->by_kind[moat_element_get_kind (element)];
  GPtrArray *matched = NULL;

  if (!is_evaluated (element))
    return NULL;

  for (guint i = 0; i < candidates->len; i++)
    {
      MoatRule *rule = g_ptr_array_index (candidates, i);

      if (moat_rule_matches (rule, self->context, element))
        {
          if (matched == NULL)
            matched = g_ptr_array_new ();
          g_ptr_array_add (matched, rule);
        }
    }

  return matched;
}

static gboolean
same_matches (GPtrArray *a,
              GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0, nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;

  return TRUE;
}

/* Re-evaluates one element; returns whether its matches changed. */
static gboolean
reevaluate (MoatRuleEngine *self,
            const char     *element_id)
{
  MoatElement *element = moat_model_lookup_typed (self->model, element_id, MOAT_TYPE_ELEMENT);
  GPtrArray *matched = element != NULL ? evaluate_element (self, element) : NULL;
  GPtrArray *old = g_hash_table_lookup (self->matches, element_id);

  if (same_matches (old, matched))
    {
      g_clear_pointer (&matched, g_ptr_array_unref);
      return FALSE;
    }

  if (matched != NULL)
    g_hash_table_insert (self->matches, g_strdup (element_id), matched);
  else
    g_hash_table_remove (self->matches, element_id);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Accepted and dismissed                                              */

static GStrv
keys_of (MoatObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (MOAT_IS_THREAT (object))
    {
      MoatThreat *threat = MOAT_THREAT (object);
      const char *rule_id = moat_threat_get_rule_id (threat);
      const char * const *ids = moat_threat_get_element_ids (threat);

      for (guint i = 0; !is_empty (rule_id) && ids != NULL && ids[i] != NULL; i++)
        {
          g_autofree char *key = acted_key (rule_id, ids[i]);
          g_strv_builder_add (builder, key);
        }
    }
  else if (MOAT_IS_DISMISSAL (object))
    {
      MoatDismissal *dismissal = MOAT_DISMISSAL (object);
      const char *rule_id = moat_dismissal_get_rule_id (dismissal);
      const char *element_id = moat_dismissal_get_element_id (dismissal);

      if (!is_empty (rule_id) && !is_empty (element_id))
        {
          g_autofree char *key = acted_key (rule_id, element_id);
          g_strv_builder_add (builder, key);
        }
    }

  return g_strv_builder_end (builder);
}

static void
note_element_of_key (GHashTable *changed,
                     const char *key)
{
  const char *sep = strchr (key, '\037');

  if (changed != NULL && sep != NULL)
    g_hash_table_add (changed, g_strdup (sep + 1));
}

static void
count_key (MoatRuleEngine *self,
           const char     *key,
           int             delta)
{
  int count = GPOINTER_TO_INT (g_hash_table_lookup (self->acted, key)) + delta;

  if (count > 0)
    g_hash_table_insert (self->acted, g_strdup (key), GINT_TO_POINTER (count));
  else
    g_hash_table_remove (self->acted, key);
}

/* Brings the acted-on keys of one threat or dismissal up to date; the
 * elements whose keys came or went are added to @changed. */
static void
update_acted (MoatRuleEngine *self,
              const char     *id,
              MoatObject     *object,
              GHashTable     *changed)
{
  const char * const *old = g_hash_table_lookup (self->keys, id);
  g_auto(GStrv) now = object != NULL ? keys_of (object) : g_new0 (char *, 1);

  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *)now, old[i]))
      note_element_of_key (changed, old[i]);
  for (guint i = 0; now[i] != NULL; i++)
    if (old == NULL || !g_strv_contains (old, now[i]))
      note_element_of_key (changed, now[i]);

  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    count_key (self, old[i], -1);
  for (guint i = 0; now[i] != NULL; i++)
    count_key (self, now[i], +1);

  if (now[0] != NULL)
    g_hash_table_insert (self->keys, g_strdup (id), g_steal_pointer (&now));
  else
    g_hash_table_remove (self->keys, id);

  if (object != NULL && MOAT_IS_THREAT (object) && !is_empty (moat_threat_get_rule_id (MOAT_THREAT (object))))
    g_hash_table_insert (self->derived, g_strdup (id), g_object_ref (object));
  else
    g_hash_table_remove (self->derived, id);
}

/* ------------------------------------------------------------------ */
/* Review                                                              */

static const char *
display_name (MoatElement *element)
{
  const char *name = moat_element_get_name (element);

  return is_empty (name) ? _("an unnamed element") : name;
}

static char *
compute_review_reason (MoatRuleEngine *self,
                       MoatThreat     *threat)
{
  const char *rule_id = moat_threat_get_rule_id (threat);
  const char * const *ids = moat_threat_get_element_ids (threat);
  MoatElement *first = NULL;
  MoatRule *rule;

  if (is_empty (rule_id) || moat_threat_get_status (threat) != MOAT_THREAT_OPEN)
    return NULL;

  /* A rule nobody knows any more (a custom rule that was removed) cannot
   * be judged; that is no reason to bother anyone. */
  rule = moat_rule_set_lookup (self->rules, rule_id);
  if (rule == NULL)
    return NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (self->model, ids[i], MOAT_TYPE_ELEMENT);

      if (element == NULL)
        continue;
      if (moat_rule_engine_rule_holds (self, rule, element))
        return NULL;
      if (first == NULL)
        first = element;
    }

  if (first == NULL)
    return g_strdup (_("The element it was suggested for is gone"));

  return g_strdup_printf (_("The rule “%s” no longer holds for “%s”"),
                          moat_rule_get_id (rule), display_name (first));
}

/* Returns whether the review state of @threat_id changed. */
static gboolean
update_review (MoatRuleEngine *self,
               const char     *threat_id)
{
  MoatThreat *threat = moat_model_lookup_typed (self->model, threat_id, MOAT_TYPE_THREAT);
  g_autofree char *reason = threat != NULL ? compute_review_reason (self, threat) : NULL;
  const char *old = g_hash_table_lookup (self->review, threat_id);

  if (g_strcmp0 (old, reason) == 0)
    return FALSE;

  if (reason != NULL)
    g_hash_table_insert (self->review, g_strdup (threat_id), g_steal_pointer (&reason));
  else
    g_hash_table_remove (self->review, threat_id);
  return TRUE;
}

static gboolean
touches_any (MoatThreat *threat,
             GHashTable *element_ids)
{
  const char * const *ids = moat_threat_get_element_ids (threat);

  /* A threat that lost every element: the removal touched it too. */
  if (ids == NULL || ids[0] == NULL)
    return TRUE;
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_hash_table_contains (element_ids, ids[i]))
      return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Signals                                                             */

static GStrv
strv_from_set (GHashTable *set)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);

  return g_strv_builder_end (builder);
}

static void
emit_changes (MoatRuleEngine *self,
              GHashTable     *elements,
              GHashTable     *threats)
{
  if (g_hash_table_size (elements) > 0)
    {
      g_auto(GStrv) ids = strv_from_set (elements);
      g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0, ids);
    }
  if (g_hash_table_size (threats) > 0)
    {
      g_auto(GStrv) ids = strv_from_set (threats);
      g_signal_emit (self, signals[REVIEW_CHANGED], 0, ids);
    }
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * moat_rule_engine_evaluate_all:
 *
 * Forgets everything and evaluates every rule on every element, as when
 * the engine was made. Edits never need it: they are followed
 * incrementally.
 */
void
moat_rule_engine_evaluate_all (MoatRuleEngine *self)
{
  g_autoptr(GHashTable) changed = new_id_set ();
  g_autoptr(GHashTable) review_changed = new_id_set ();
  g_autoptr(GHashTable) old_matches = NULL;
  g_autoptr(GHashTable) old_review = NULL;
  GListModel *elements, *threats, *dismissals;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (MOAT_IS_RULE_ENGINE (self));

  update_enabled_rules (self);
  g_clear_pointer (&self->context, moat_rule_context_free);
  self->context = moat_rule_context_new (self->model);

  old_matches = g_steal_pointer (&self->matches);
  self->matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      GPtrArray *matched = evaluate_element (self, element);
      const char *id = moat_object_get_id (MOAT_OBJECT (element));

      if (matched != NULL)
        g_hash_table_insert (self->matches, g_strdup (id), matched);
      if (!same_matches (matched, g_hash_table_lookup (old_matches, id)))
        g_hash_table_add (changed, g_strdup (id));
      g_hash_table_remove (old_matches, id);
    }
  g_hash_table_iter_init (&iter, old_matches);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (changed, g_strdup (key));

  g_hash_table_remove_all (self->acted);
  g_hash_table_remove_all (self->keys);
  g_hash_table_remove_all (self->derived);
  threats = moat_model_get_list (self->model, MOAT_TYPE_THREAT);
  dismissals = moat_model_get_list (self->model, MOAT_TYPE_DISMISSAL);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatObject) threat = g_list_model_get_item (threats, i);
      update_acted (self, moat_object_get_id (threat), threat, NULL);
    }
  for (guint i = 0; i < g_list_model_get_n_items (dismissals); i++)
    {
      g_autoptr(MoatObject) dismissal = g_list_model_get_item (dismissals, i);
      update_acted (self, moat_object_get_id (dismissal), dismissal, NULL);
    }

  old_review = g_steal_pointer (&self->review);
  self->review = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, self->derived);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_review (self, key);
  g_hash_table_iter_init (&iter, old_review);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (self->review, key)) != 0)
      g_hash_table_add (review_changed, g_strdup (key));
  g_hash_table_iter_init (&iter, self->review);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (old_review, key))
      g_hash_table_add (review_changed, g_strdup (key));

  emit_changes (self, changed, review_changed);
}

static gboolean
is_rule_sets_change (MoatChange *change)
{
  return MOAT_IS_MODEL (change->object) && change->kind == MOAT_CHANGE_SET &&
         g_str_equal (change->pspec->name, "rule-sets");
}

/* Sorts the objects one action touched by what they are to the rules. */
typedef struct
{
  GHashTable *elements;
  GHashTable *assets;
  GHashTable *acted;   /* threats and dismissals: id -> object */
  gboolean    rule_sets;
} Touched;

static void
sort_changes (MoatAction *action,
              Touched    *touched)
{
  for (guint i = 0; i < action->changes->len; i++)
    {
      MoatChange *change = g_ptr_array_index (action->changes, i);
      const char *id = moat_object_get_id (change->object);

      if (MOAT_IS_ELEMENT (change->object))
        g_hash_table_add (touched->elements, g_strdup (id));
      else if (MOAT_IS_ASSET (change->object))
        g_hash_table_add (touched->assets, g_strdup (id));
      else if (MOAT_IS_THREAT (change->object) || MOAT_IS_DISMISSAL (change->object))
        g_hash_table_add (touched->acted, g_strdup (id));
      else if (is_rule_sets_change (change))
        touched->rule_sets = TRUE;
    }
}

/* Every element that links one of @assets is a seed. */
static void
seed_asset_links (MoatRuleEngine *self,
                  GHashTable     *assets,
                  GHashTable     *seeds)
{
  GListModel *elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);

  if (g_hash_table_size (assets) == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      const char * const *ids = moat_element_get_asset_ids (element);

      for (guint a = 0; ids != NULL && ids[a] != NULL; a++)
        if (g_hash_table_contains (assets, ids[a]))
          {
            g_hash_table_insert (seeds, g_strdup (moat_object_get_id (MOAT_OBJECT (element))),
                                 GUINT_TO_POINTER (0));
            break;
          }
    }
}

static void
on_action_closed (MoatRuleEngine *self,
                  MoatAction     *action)
{
  Touched touched = { new_id_set (), new_id_set (), new_id_set (), FALSE };
  g_autoptr(GHashTable) seeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reached = NULL;
  g_autoptr(GHashTable) changed = new_id_set ();
  g_autoptr(GHashTable) review_changed = new_id_set ();
  GHashTableIter iter;
  gpointer key, value;

  sort_changes (action, &touched);

  if (touched.rule_sets)
    {
      moat_rule_engine_evaluate_all (self);
      goto out;
    }

  g_hash_table_iter_init (&iter, touched.elements);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    moat_rule_context_update (self->context, key, seeds);
  moat_rule_context_finish_update (self->context, seeds);
  seed_asset_links (self, touched.assets, seeds);

  reached = moat_rule_context_expand (self->context, seeds, self->reach);
  g_hash_table_iter_init (&iter, reached);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (reevaluate (self, key))
      g_hash_table_add (changed, g_strdup (key));

  g_hash_table_iter_init (&iter, touched.acted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      MoatObject *object = moat_model_lookup (self->model, key);

      update_acted (self, key, object, changed);
      if (update_review (self, key))
        g_hash_table_add (review_changed, g_strdup (key));
    }

  g_hash_table_iter_init (&iter, self->derived);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (touched.acted, key) && touches_any (value, reached) &&
        update_review (self, key))
      g_hash_table_add (review_changed, g_strdup (key));

  emit_changes (self, changed, review_changed);

out:
  g_hash_table_unref (touched.elements);
  g_hash_table_unref (touched.assets);
  g_hash_table_unref (touched.acted);
}

/* ------------------------------------------------------------------ */
/* The object                                                          */

static void
moat_rule_engine_constructed (GObject *object)
{
  MoatRuleEngine *self = (MoatRuleEngine *)object;

  G_OBJECT_CLASS (moat_rule_engine_parent_class)->constructed (object);

  g_assert (self->model != NULL && self->rules != NULL);
  self->action_closed_id = g_signal_connect_swapped (self->model, "action-closed",
                                                     G_CALLBACK (on_action_closed), self);
  moat_rule_engine_evaluate_all (self);
}

static void
moat_rule_engine_dispose (GObject *object)
{
  MoatRuleEngine *self = (MoatRuleEngine *)object;

  if (self->model != NULL)
    g_clear_signal_handler (&self->action_closed_id, self->model);
  g_clear_pointer (&self->context, moat_rule_context_free);
  g_clear_object (&self->model);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (moat_rule_engine_parent_class)->dispose (object);
}

static void
moat_rule_engine_finalize (GObject *object)
{
  MoatRuleEngine *self = (MoatRuleEngine *)object;

  for (guint k = 0; k < N_KINDS; k++)
    g_ptr_array_unref (self->by_kind[k]);
  g_strfreev (self->default_sets);
  g_strfreev (self->enabled_sets);
  g_strfreev (self->model_sets);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_hash_table_unref (self->acted);
  g_hash_table_unref (self->keys);
  g_hash_table_unref (self->derived);
  g_clear_pointer (&self->review, g_hash_table_unref);

  G_OBJECT_CLASS (moat_rule_engine_parent_class)->finalize (object);
}

static void
moat_rule_engine_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MoatRuleEngine *self = MOAT_RULE_ENGINE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_rule_engine_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MoatRuleEngine *self = MOAT_RULE_ENGINE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_rule_engine_class_init (MoatRuleEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = moat_rule_engine_constructed;
  object_class->dispose = moat_rule_engine_dispose;
  object_class->finalize = moat_rule_engine_finalize;
  object_class->get_property = moat_rule_engine_get_property;
  object_class->set_property = moat_rule_engine_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, MOAT_TYPE_RULE_SET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatRuleEngine::suggestions-changed:
   * @element_ids: the elements whose suggestions changed, deleted ones
   *   included
   */
  signals[SUGGESTIONS_CHANGED] =
    g_signal_new ("suggestions-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * MoatRuleEngine::review-changed:
   * @threat_ids: the threats that came to need review, or stopped needing it
   */
  signals[REVIEW_CHANGED] =
    g_signal_new ("review-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
moat_rule_engine_init (MoatRuleEngine *self)
{
  for (guint k = 0; k < N_KINDS; k++)
    self->by_kind[k] = g_ptr_array_new ();
  self->matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_ptr_array_unref);
  self->acted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
  self->derived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->review = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * moat_rule_engine_new:
 * @model: the model to follow; make the engine after the model is loaded
 * @rules: the rules it knows, from moat_rule_set_new_default()
 *
 * Returns: (transfer full): an engine that has evaluated every rule
 */
MoatRuleEngine *
moat_rule_engine_new (MoatModel   *model,
                      MoatRuleSet *rules)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);
  g_return_val_if_fail (MOAT_IS_RULE_SET (rules), NULL);

  return g_object_new (MOAT_TYPE_RULE_ENGINE, "model", model, "rules", rules, NULL);
}

MoatModel *
moat_rule_engine_get_model (MoatRuleEngine *self)
{
  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);
  return self->model;
}

MoatRuleSet *
moat_rule_engine_get_rules (MoatRuleEngine *self)
{
  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);
  return self->rules;
}

/**
 * moat_rule_engine_set_default_sets:
 * @sets: (nullable): the sets to use when the model names none; %NULL for
 *   stride and context
 */
void
moat_rule_engine_set_default_sets (MoatRuleEngine     *self,
                                   const char * const *sets)
{
  g_auto(GStrv) before = NULL;

  g_return_if_fail (MOAT_IS_RULE_ENGINE (self));

  before = g_strdupv (self->enabled_sets);
  g_strfreev (self->default_sets);
  self->default_sets = g_strdupv ((char **)sets);
  /* The app tells a new engine the sets it had anyway: evaluating every
   * element again would find what it found when it was made. */
  update_enabled_rules (self);
  if (before != NULL && g_strv_equal ((const char * const *)before, (const char * const *)self->enabled_sets))
    return;
  moat_rule_engine_evaluate_all (self);
}

/* Returns: (transfer full): the sets whose rules make suggestions now */
GStrv
moat_rule_engine_dup_enabled_sets (MoatRuleEngine *self)
{
  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);
  return g_strdupv (self->enabled_sets);
}

/* ------------------------------------------------------------------ */
/* Suggestions                                                         */

/**
 * moat_rule_engine_make_suggestion:
 *
 * Returns: (transfer full): @rule's suggestion for @element, its texts
 *   filled in, whether or not the rule matches
 */
MoatSuggestion *
moat_rule_engine_make_suggestion (MoatRuleEngine *self,
                                  MoatRule       *rule,
                                  MoatElement    *element)
{
  const char *id = moat_object_get_id (MOAT_OBJECT (element));
  const char *ids[] = { id, NULL };
  /* As for the threat it would become: the assets' impact in the
   * dimension its category harms (see moat-risk.h). */
  int impact = moat_risk_impact_from_assets_in (self->model, ids,
                                                moat_risk_dimension_for_category (moat_rule_get_category (rule)),
                                                NULL, NULL);
  int likelihood = moat_rule_get_likelihood (rule);

  if (impact == 0)
    impact = moat_rule_get_impact (rule);

  return moat_suggestion_new (rule, id,
                              moat_rule_format (rule, moat_rule_get_title (rule), self->model, element),
                              moat_rule_format (rule, moat_rule_get_description (rule), self->model, element),
                              likelihood > 0 ? likelihood : 3,
                              impact > 0 ? impact : 3);
}

static void
add_suggestions (MoatRuleEngine *self,
                 MoatElement    *element,
                 GPtrArray      *out)
{
  const char *id = moat_object_get_id (MOAT_OBJECT (element));
  GPtrArray *matched = g_hash_table_lookup (self->matches, id);

  for (guint i = 0; matched != NULL && i < matched->len; i++)
    {
      MoatRule *rule = g_ptr_array_index (matched, i);
      g_autofree char *key = acted_key (moat_rule_get_id (rule), id);

      if (!g_hash_table_contains (self->acted, key))
        g_ptr_array_add (out, moat_rule_engine_make_suggestion (self, rule, element));
    }
}

/**
 * moat_rule_engine_list_suggestions:
 * @element_id: (nullable): one element, or %NULL for all of them
 *
 * Returns: (transfer container) (element-type MoatSuggestion): the open
 *   suggestions, by element in model order, then in rule order
 */
GPtrArray *
moat_rule_engine_list_suggestions (MoatRuleEngine *self,
                                   const char     *element_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *elements;

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), out);

  if (element_id != NULL)
    {
      MoatElement *element = moat_model_lookup_typed (self->model, element_id, MOAT_TYPE_ELEMENT);

      if (element != NULL)
        add_suggestions (self, element, out);
      return out;
    }

  elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      add_suggestions (self, element, out);
    }

  return out;
}

static guint
count_open (MoatRuleEngine *self,
            const char     *element_id,
            GPtrArray      *matched)
{
  guint n = 0;

  for (guint i = 0; matched != NULL && i < matched->len; i++)
    {
      g_autofree char *key = acted_key (moat_rule_get_id (g_ptr_array_index (matched, i)), element_id);
      n += !g_hash_table_contains (self->acted, key);
    }

  return n;
}

/* How many open suggestions @element_id has; %NULL counts all. */
guint
moat_rule_engine_count_suggestions (MoatRuleEngine *self,
                                    const char     *element_id)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), 0);

  if (element_id != NULL)
    return count_open (self, element_id, g_hash_table_lookup (self->matches, element_id));

  g_hash_table_iter_init (&iter, self->matches);
  while (g_hash_table_iter_next (&iter, &key, &value))
    n += count_open (self, key, value);

  return n;
}

/**
 * moat_rule_engine_list_matches:
 *
 * Returns: (transfer container) (element-type MoatRule): every enabled
 *   rule that holds for @element_id, acted on or not
 */
GPtrArray *
moat_rule_engine_list_matches (MoatRuleEngine *self,
                               const char     *element_id)
{
  GPtrArray *matched;

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);

  matched = g_hash_table_lookup (self->matches, element_id);
  return matched != NULL ? g_ptr_array_copy (matched, NULL, NULL) : g_ptr_array_new ();
}

/* Reuses a control of the same title, so that accepting many suggestions
 * builds one roadmap item per countermeasure, not one per threat. */
static void
propose_control (MoatRuleEngine *self,
                 const char     *title,
                 const char     *threat_id)
{
  GListModel *controls = moat_model_get_list (self->model, MOAT_TYPE_CONTROL);
  g_autoptr(MoatControl) control = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; control == NULL && i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) candidate = g_list_model_get_item (controls, i);

      if (g_utf8_collate (moat_control_get_title (candidate) ?: "", title) == 0)
        control = g_steal_pointer (&candidate);
    }

  if (control == NULL)
    {
      const char *threat_ids[] = { threat_id, NULL };

      control = moat_control_new ();
      g_object_set (control, "title", title, "threat-ids", threat_ids, NULL);
      moat_model_add (self->model, control);
      return;
    }

  g_strv_builder_addv (builder, (const char **)moat_control_get_threat_ids (control));
  g_strv_builder_add (builder, threat_id);
  ids = g_strv_builder_end (builder);
  moat_model_set (self->model, control, "threat-ids", ids, NULL);
}

/**
 * moat_rule_engine_accept:
 * @suggestion: one of the engine's suggestions
 *
 * Makes the suggestion a threat on its element, with the rule's id, as
 * one action (one step of undo). Its impact is left to follow the
 * element's assets.
 *
 * Returns: (transfer full) (nullable): the new threat, which the model
 *   holds too; %NULL if the element is gone
 */
MoatThreat *
moat_rule_engine_accept (MoatRuleEngine  *self,
                         MoatSuggestion  *suggestion,
                         MoatAcceptFlags  flags)
{
  const char *element_id;
  const char * const *controls;
  g_autoptr(MoatThreat) threat = NULL;

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);
  g_return_val_if_fail (MOAT_IS_SUGGESTION (suggestion), NULL);

  element_id = moat_suggestion_get_element_id (suggestion);
  if (moat_model_lookup_typed (self->model, element_id, MOAT_TYPE_ELEMENT) == NULL)
    return NULL;

  threat = moat_threat_new ();
  g_object_set (threat,
                "title", moat_suggestion_get_title (suggestion),
                "description", moat_suggestion_get_description (suggestion),
                "category", moat_suggestion_get_category (suggestion),
                "element-ids", (const char *[]) { element_id, NULL },
                "rule-id", moat_suggestion_get_rule_id (suggestion),
                "refs", moat_rule_get_refs (moat_suggestion_get_rule (suggestion)),
                "likelihood", moat_suggestion_get_likelihood (suggestion),
                "impact", moat_suggestion_get_impact (suggestion),
                NULL);

  moat_model_begin_action (self->model, _("Accept Suggested Threat"));
  moat_model_add (self->model, threat);
  controls = moat_suggestion_get_suggested_controls (suggestion);
  for (guint i = 0; (flags & MOAT_ACCEPT_ADD_CONTROLS) && controls != NULL && controls[i] != NULL; i++)
    propose_control (self, controls[i], moat_object_get_id (MOAT_OBJECT (threat)));
  moat_model_end_action (self->model);

  return g_steal_pointer (&threat);
}

/**
 * moat_rule_engine_dismiss:
 * @reason: (nullable): why the team set it aside
 *
 * Records that the suggestion does not apply, as one action; the record
 * is saved with the model, so the suggestion stays away.
 *
 * Returns: (transfer full) (nullable): the dismissal, which the model
 *   holds too; %NULL if the element is gone
 */
MoatDismissal *
moat_rule_engine_dismiss (MoatRuleEngine *self,
                          MoatSuggestion *suggestion,
                          const char     *reason)
{
  g_autoptr(MoatDismissal) dismissal = NULL;
  const char *element_id;

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);
  g_return_val_if_fail (MOAT_IS_SUGGESTION (suggestion), NULL);

  element_id = moat_suggestion_get_element_id (suggestion);
  if (moat_model_lookup_typed (self->model, element_id, MOAT_TYPE_ELEMENT) == NULL)
    return NULL;

  dismissal = moat_dismissal_new ();
  g_object_set (dismissal,
                "rule-id", moat_suggestion_get_rule_id (suggestion),
                "element-id", element_id,
                "reason", reason,
                NULL);

  moat_model_begin_action (self->model, _("Dismiss Suggestion"));
  moat_model_add (self->model, dismissal);
  moat_model_end_action (self->model);

  return g_steal_pointer (&dismissal);
}

/* ------------------------------------------------------------------ */
/* Review, public side                                                 */

/**
 * moat_rule_engine_rule_holds:
 *
 * Whether @rule fires for @element now, whether or not its set is on.
 * An element that is out of scope holds no rule.
 */
gboolean
moat_rule_engine_rule_holds (MoatRuleEngine *self,
                             MoatRule       *rule,
                             MoatElement    *element)
{
  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), FALSE);
  g_return_val_if_fail (MOAT_IS_RULE (rule), FALSE);
  g_return_val_if_fail (MOAT_IS_ELEMENT (element), FALSE);

  return is_evaluated (element) && moat_rule_matches (rule, self->context, element);
}

/**
 * moat_rule_engine_get_review_reason:
 *
 * Returns: (transfer full) (nullable): why @threat needs review because of
 *   a change in the diagram, or %NULL when it does not
 */
char *
moat_rule_engine_get_review_reason (MoatRuleEngine *self,
                                    MoatThreat     *threat)
{
  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), NULL);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), NULL);

  return g_strdup (g_hash_table_lookup (self->review, moat_object_get_id (MOAT_OBJECT (threat))));
}

/* A change in the diagram, or a person's flag. */
gboolean
moat_rule_engine_needs_review (MoatRuleEngine *self,
                               MoatThreat     *threat)
{
  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), FALSE);
  g_return_val_if_fail (MOAT_IS_THREAT (threat), FALSE);

  return moat_threat_get_needs_review (threat) ||
         g_hash_table_contains (self->review, moat_object_get_id (MOAT_OBJECT (threat)));
}

/**
 * moat_rule_engine_list_review:
 *
 * Returns: (transfer container) (element-type MoatThreat): the threats
 *   that need review, in model order
 */
GPtrArray *
moat_rule_engine_list_review (MoatRuleEngine *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *threats;

  g_return_val_if_fail (MOAT_IS_RULE_ENGINE (self), out);

  threats = moat_model_get_list (self->model, MOAT_TYPE_THREAT);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);

      if (moat_rule_engine_needs_review (self, threat))
        g_ptr_array_add (out, g_steal_pointer (&threat));
    }

  return out;
}

/**
 * moat_rule_engine_keep:
 *
 * Answers a review by keeping @threat as the team's own: it no longer
 * follows its rule, so a change in the diagram no longer flags it. One
 * action; the person's own review flag is cleared too.
 */
void
moat_rule_engine_keep (MoatRuleEngine *self,
                       MoatThreat     *threat)
{
  g_return_if_fail (MOAT_IS_RULE_ENGINE (self));
  g_return_if_fail (MOAT_IS_THREAT (threat));

  moat_model_begin_action (self->model, _("Keep Threat"));
  moat_model_set (self->model, threat,
                  "rule-id", NULL,
                  "needs-review", FALSE,
                  "review-reason", NULL,
                  NULL);
  moat_model_end_action (self->model);
}
