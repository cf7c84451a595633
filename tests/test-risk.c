/* test-risk.c: the risk matrix, impact from assets, residual risk and
 * the summaries built on them
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-test-util.h"

static void
test_matrix_shape (void)
{
  guint seen[MOAT_RISK_N_LEVELS] = { 0 };

  for (int l = 1; l <= MOAT_RISK_SCALE; l++)
    for (int i = 1; i <= MOAT_RISK_SCALE; i++)
      {
        MoatRiskLevel level = moat_risk_level (l, i);

        g_assert_cmpint (level, <=, MOAT_RISK_CRITICAL);
        seen[level]++;
        /* Symmetric, and never lower when either axis rises. */
        g_assert_cmpint (level, ==, moat_risk_level (i, l));
        if (l < MOAT_RISK_SCALE)
          g_assert_cmpint (level, <=, moat_risk_level (l + 1, i));
        if (i < MOAT_RISK_SCALE)
          g_assert_cmpint (level, <=, moat_risk_level (l, i + 1));
      }

  for (guint level = 0; level < MOAT_RISK_N_LEVELS; level++)
    g_assert_cmpuint (seen[level], >, 0);

  /* The corners and the middle, as the table in moat-risk.h shows them. */
  g_assert_cmpint (moat_risk_level (1, 1), ==, MOAT_RISK_LOW);
  g_assert_cmpint (moat_risk_level (3, 3), ==, MOAT_RISK_MEDIUM);
  g_assert_cmpint (moat_risk_level (5, 1), ==, MOAT_RISK_MEDIUM);
  g_assert_cmpint (moat_risk_level (5, 5), ==, MOAT_RISK_CRITICAL);

  /* Out of range is clamped, not an error. */
  g_assert_cmpint (moat_risk_level (0, -3), ==, moat_risk_level (1, 1));
  g_assert_cmpint (moat_risk_level (9, 7), ==, moat_risk_level (5, 5));
}

static void
test_level_names (void)
{
  for (MoatRiskLevel level = MOAT_RISK_LOW; level <= MOAT_RISK_CRITICAL; level++)
    {
      const char *nick = moat_risk_level_get_nick (level);
      g_autofree char *upper = g_ascii_strup (nick, -1);
      MoatRiskLevel parsed;
      double r, g, b, tr, tg, tb;

      g_assert_true (moat_risk_level_from_nick (nick, &parsed));
      g_assert_cmpint (parsed, ==, level);
      g_assert_true (moat_risk_level_from_nick (upper, &parsed));
      g_assert_cmpint (parsed, ==, level);
      g_assert_cmpstr (moat_risk_level_get_label (level), !=, "");

      /* The text colour stands out from the fill. */
      moat_risk_level_get_rgb (level, &r, &g, &b);
      moat_risk_level_get_text_rgb (level, &tr, &tg, &tb);
      g_assert_cmpfloat (fabs ((0.2126 * r + 0.7152 * g + 0.0722 * b) -
                               (0.2126 * tr + 0.7152 * tg + 0.0722 * tb)), >, 0.3);
    }

  g_assert_cmpstr (moat_risk_level_get_nick (MOAT_RISK_HIGH), ==, "high");
  g_assert_false (moat_risk_level_from_nick ("severe", &(MoatRiskLevel) { 0 }));
  g_assert_false (moat_risk_level_from_nick (NULL, &(MoatRiskLevel) { 0 }));
}

/* A model with two assets, elements linking them, and nothing else. */
typedef struct
{
  MoatModel   *model;
  MoatAsset   *cards;   /* C 5, I 3, A 2 */
  MoatAsset   *uptime;  /* C 1, I 2, A 4 */
  MoatElement *vault;   /* links cards */
  MoatElement *api;     /* links uptime */
  MoatElement *note;    /* links nothing */
} Fixture;

static MoatAsset *
add_asset (MoatModel *model,
           int        c,
           int        i,
           int        a)
{
  MoatAsset *asset = moat_asset_new ();

  g_object_set (asset, "impact-confidentiality", c, "impact-integrity", i,
                "impact-availability", a, NULL);
  moat_model_add (model, asset);
  g_object_unref (asset);
  return asset;
}

static MoatElement *
add_element (MoatModel *model,
             MoatAsset *asset)
{
  MoatElement *element = moat_element_new ();
  const char *ids[] = { asset ? moat_object_get_id (MOAT_OBJECT (asset)) : NULL, NULL };

  g_object_set (element, "kind", MOAT_ELEMENT_PROCESS, "asset-ids", ids, NULL);
  moat_model_add (model, element);
  g_object_unref (element);
  return element;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->model = moat_model_new ();
  f->cards = add_asset (f->model, 5, 3, 2);
  f->uptime = add_asset (f->model, 1, 2, 4);
  f->vault = add_element (f->model, f->cards);
  f->api = add_element (f->model, f->uptime);
  f->note = add_element (f->model, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
}

static MoatThreat *
add_threat (Fixture    *f,
            int         likelihood,
            int         impact,
            MoatElement *first,
            MoatElement *second)
{
  MoatThreat *threat = moat_threat_new ();
  const char *ids[] = {
    first ? moat_object_get_id (MOAT_OBJECT (first)) : NULL,
    second ? moat_object_get_id (MOAT_OBJECT (second)) : NULL,
    NULL
  };

  g_object_set (threat, "likelihood", likelihood, "impact", impact, "element-ids", ids, NULL);
  moat_model_add (f->model, threat);
  g_object_unref (threat);
  return threat;
}

static MoatControl *
add_control (Fixture           *f,
             MoatControlStatus  status,
             MoatEffort         effort,
             MoatThreat        *threat)
{
  MoatControl *control = moat_control_new ();
  const char *ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };

  g_object_set (control, "status", status, "effort", effort, "threat-ids", ids, NULL);
  moat_model_add (f->model, control);
  g_object_unref (control);
  return control;
}

static void
test_impact_from_assets (Fixture       *f,
                         gconstpointer  data)
{
  MoatThreat *both = add_threat (f, 2, 1, f->vault, f->api);
  MoatThreat *api_only = add_threat (f, 2, 1, f->api, NULL);
  MoatThreat *none = add_threat (f, 2, 2, f->note, NULL);

  /* The business impact of an asset is its highest of C, I and A. */
  g_assert_cmpint (moat_risk_asset_impact (f->cards), ==, 5);
  g_assert_cmpint (moat_risk_asset_impact (f->uptime), ==, 4);

  /* A threat takes the highest over the assets of all its elements. */
  g_assert_cmpint (moat_risk_default_impact (f->model, both), ==, 5);
  g_assert_cmpint (moat_risk_default_impact (f->model, api_only), ==, 4);
  g_assert_cmpint (moat_risk_default_impact (f->model, none), ==, 0);
  g_assert_cmpint (moat_risk_effective_impact (f->model, both), ==, 5);
  g_assert_cmpint (moat_risk_effective_impact (f->model, none), ==, 2);

  /* It follows the assets as they change. */
  moat_model_set (f->model, f->uptime, "impact-availability", 5, NULL);
  g_assert_cmpint (moat_risk_effective_impact (f->model, api_only), ==, 5);
  moat_model_remove (f->model, f->uptime);
  g_assert_cmpint (moat_risk_effective_impact (f->model, api_only), ==, 1);

  /* A person's own figure wins over the assets'. */
  moat_model_set (f->model, both, "impact", 2, "impact-overridden", TRUE, NULL);
  g_assert_cmpint (moat_risk_effective_impact (f->model, both), ==, 2);
  g_assert_cmpint (moat_risk_default_impact (f->model, both), ==, 5);
}

/* The impact follows the dimension the threat's category harms, and says
 * where it comes from. */
static void
test_impact_dimension (Fixture       *f,
                       gconstpointer  data)
{
  MoatThreat *threat = add_threat (f, 3, 1, f->vault, f->api);
  g_autoptr(GPtrArray) assets = NULL;
  g_autofree char *reason = NULL;
  MoatRiskAssessment a;

  moat_model_set (f->model, f->cards, "name", "Card data", NULL);
  moat_model_set (f->model, f->uptime, "name", "Uptime", NULL);

  /* No category: the highest of the three, named by where it is. */
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.impact, ==, 5);
  g_assert_cmpint (a.impact_source, ==, MOAT_RISK_IMPACT_FROM_ASSETS);
  g_assert_cmpint (a.dimension, ==, MOAT_RISK_DIMENSION_CONFIDENTIALITY);
  reason = moat_risk_describe_impact (f->model, threat);
  g_assert_cmpstr (reason, ==, "from asset Card data, confidentiality 5");
  g_clear_pointer (&reason, g_free);

  /* Denial of service harms availability: the uptime asset's 4. */
  moat_model_set (f->model, threat, "category", "D", NULL);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.impact, ==, 4);
  g_assert_cmpint (a.dimension, ==, MOAT_RISK_DIMENSION_AVAILABILITY);
  g_assert_cmpint (a.level, ==, moat_risk_level (3, 4));
  assets = moat_risk_impact_assets (f->model, threat);
  g_assert_cmpuint (assets->len, ==, 1);
  g_assert_true (g_ptr_array_index (assets, 0) == (gpointer) f->uptime);
  reason = moat_risk_describe_impact (f->model, threat);
  g_assert_cmpstr (reason, ==, "from asset Uptime, availability 4");
  g_clear_pointer (&reason, g_free);

  /* Tampering harms integrity: cards 3 over uptime 2. */
  moat_model_set (f->model, threat, "category", "T", NULL);
  g_assert_cmpint (moat_risk_effective_impact (f->model, threat), ==, 3);

  /* Two assets at the top are both named. */
  moat_model_set (f->model, f->uptime, "impact-integrity", 3, NULL);
  reason = moat_risk_describe_impact (f->model, threat);
  g_assert_cmpstr (reason, ==, "from assets Card data and Uptime, integrity 3");
  g_clear_pointer (&reason, g_free);

  /* Information disclosure harms confidentiality. */
  g_assert_cmpint (moat_risk_dimension_for_category ("I"), ==, MOAT_RISK_DIMENSION_CONFIDENTIALITY);
  g_assert_cmpint (moat_risk_dimension_for_category ("Linkability"), ==, MOAT_RISK_DIMENSION_CONFIDENTIALITY);
  g_assert_cmpint (moat_risk_dimension_for_category ("E"), ==, MOAT_RISK_DIMENSION_ANY);
  g_assert_cmpint (moat_risk_dimension_for_category (NULL), ==, MOAT_RISK_DIMENSION_ANY);

  /* A person's figure is theirs. */
  moat_model_set (f->model, threat, "impact", 2, "impact-overridden", TRUE, NULL);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.impact, ==, 2);
  g_assert_cmpint (a.impact_source, ==, MOAT_RISK_IMPACT_SET_BY_HAND);
  reason = moat_risk_describe_impact (f->model, threat);
  g_assert_cmpstr (reason, ==, "set by hand");
  g_clear_pointer (&reason, g_free);
  g_clear_pointer (&assets, g_ptr_array_unref);
  assets = moat_risk_impact_assets (f->model, threat);
  g_assert_cmpuint (assets->len, ==, 0);

  /* The basis picks one of the two levels, never a mix. */
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (moat_risk_assessment_get_level (&a, MOAT_RISK_BASIS_INHERENT), ==, a.level);
  g_assert_cmpint (moat_risk_assessment_get_level (&a, MOAT_RISK_BASIS_RESIDUAL), ==, a.residual_level);
}

static void
test_residual (Fixture       *f,
               gconstpointer  data)
{
  MoatThreat *threat = add_threat (f, 5, 4, f->note, NULL);
  MoatRiskAssessment a;
  MoatControl *planned, *implemented, *verified;

  moat_risk_assess (f->model, threat, &a);
  g_assert_true (a.open);
  g_assert_cmpint (a.likelihood, ==, 5);
  g_assert_cmpint (a.impact, ==, 4);
  g_assert_cmpint (a.level, ==, moat_risk_level (5, 4));
  g_assert_cmpint (a.residual_likelihood, ==, a.likelihood);
  g_assert_cmpint (a.residual_level, ==, a.level);

  /* Plans change nothing yet. */
  planned = add_control (f, MOAT_CONTROL_PLANNED, MOAT_EFFORT_SMALL, threat);
  add_control (f, MOAT_CONTROL_IN_PROGRESS, MOAT_EFFORT_SMALL, threat);
  add_control (f, MOAT_CONTROL_PROPOSED, MOAT_EFFORT_SMALL, threat);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 5);

  implemented = add_control (f, MOAT_CONTROL_IMPLEMENTED, MOAT_EFFORT_SMALL, threat);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 5 - MOAT_RISK_IMPLEMENTED_STEPS);
  g_assert_cmpint (a.residual_impact, ==, a.impact);
  g_assert_cmpint (a.residual_level, ==, moat_risk_level (a.residual_likelihood, a.impact));
  g_assert_cmpint (a.residual_level, <, a.level);

  verified = add_control (f, MOAT_CONTROL_VERIFIED, MOAT_EFFORT_SMALL, threat);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 5 - MOAT_RISK_IMPLEMENTED_STEPS - MOAT_RISK_VERIFIED_STEPS);

  /* Never below 1. */
  moat_model_set (f->model, planned, "status", MOAT_CONTROL_VERIFIED, NULL);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 1);
  g_assert_cmpint (a.likelihood, ==, 5);

  /* Controls that are unlinked or gone count no more. */
  moat_model_remove (f->model, planned);
  moat_model_remove (f->model, verified);
  moat_model_set (f->model, implemented, "threat-ids", NULL, NULL);
  moat_risk_assess (f->model, threat, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 5);

  moat_model_set (f->model, threat, "status", MOAT_THREAT_MITIGATED, NULL);
  moat_risk_assess (f->model, threat, &a);
  g_assert_false (a.open);
}

/* Beside a control: the threat's inherent level, and its residual once
 * this control is in place (it counts as implemented when it is not). */
static void
test_with_control (Fixture       *f,
                   gconstpointer  data)
{
  MoatThreat *threat = add_threat (f, 4, 5, f->note, NULL);
  MoatControl *planned = add_control (f, MOAT_CONTROL_PLANNED, MOAT_EFFORT_SMALL, threat);
  MoatControl *verified;
  MoatRiskAssessment a;

  moat_risk_assess_with_control (f->model, threat, planned, &a);
  g_assert_cmpint (a.level, ==, moat_risk_level (4, 5));
  g_assert_cmpint (a.residual_likelihood, ==, 4 - MOAT_RISK_IMPLEMENTED_STEPS);
  g_assert_cmpint (a.residual_level, ==, moat_risk_level (3, 5));

  /* In place already: no step counted twice; others in place count too. */
  verified = add_control (f, MOAT_CONTROL_VERIFIED, MOAT_EFFORT_SMALL, threat);
  moat_risk_assess_with_control (f->model, threat, verified, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 4 - MOAT_RISK_VERIFIED_STEPS);
  moat_risk_assess_with_control (f->model, threat, planned, &a);
  g_assert_cmpint (a.residual_likelihood, ==, 4 - MOAT_RISK_VERIFIED_STEPS - MOAT_RISK_IMPLEMENTED_STEPS);
  g_assert_cmpint (a.level, ==, moat_risk_level (4, 5));
}

static void
test_roadmap (Fixture       *f,
              gconstpointer  data)
{
  MoatThreat *big = add_threat (f, 4, 5, f->note, NULL);
  MoatThreat *small = add_threat (f, 2, 2, f->note, NULL);
  MoatThreat *closed = add_threat (f, 5, 5, f->note, NULL);
  MoatControl *cheap_small = add_control (f, MOAT_CONTROL_PROPOSED, MOAT_EFFORT_SMALL, small);
  MoatControl *dear_big = add_control (f, MOAT_CONTROL_PLANNED, MOAT_EFFORT_LARGE, big);
  MoatControl *medium_big = add_control (f, MOAT_CONTROL_IN_PROGRESS, MOAT_EFFORT_MEDIUM, big);
  MoatControl *on_closed = add_control (f, MOAT_CONTROL_PROPOSED, MOAT_EFFORT_SMALL, closed);
  g_autoptr(GPtrArray) roadmap = NULL;

  add_control (f, MOAT_CONTROL_IMPLEMENTED, MOAT_EFFORT_SMALL, small);
  moat_model_set (f->model, closed, "status", MOAT_THREAT_ACCEPTED, NULL);

  roadmap = moat_risk_roadmap (f->model);
  /* The implemented control is done: not on the roadmap. */
  g_assert_cmpuint (roadmap->len, ==, 4);

  for (guint i = 0; i < roadmap->len; i++)
    {
      MoatRoadmapItem *item = g_ptr_array_index (roadmap, i);
      MoatRiskAssessment now;
      int expected = 0;
      const char * const *ids = moat_control_get_threat_ids (item->control);
      MoatThreat *threat = moat_model_lookup (f->model, ids[0]);

      /* The drop in residual likelihood × impact it would bring. */
      moat_risk_assess (f->model, threat, &now);
      if (now.open)
        expected = (now.residual_likelihood - MAX (1, now.residual_likelihood - MOAT_RISK_IMPLEMENTED_STEPS))
                   * now.residual_impact;
      g_assert_cmpint (item->risk_removed, ==, expected);
      g_assert_cmpint (item->effort, ==, moat_risk_effort_weight (moat_control_get_effort (item->control)));
      g_assert_cmpfloat (item->priority, ==, (double)item->risk_removed / item->effort);
      if (i > 0)
        g_assert_cmpfloat (((MoatRoadmapItem *)g_ptr_array_index (roadmap, i - 1))->priority, >=, item->priority);
    }

  /* Worth per effort: the same gain for half the effort comes first;
   * controls that would remove nothing (the threat is already down to
   * likelihood 1, or decided on) come last. */
  g_assert_true (((MoatRoadmapItem *)g_ptr_array_index (roadmap, 0))->control == medium_big);
  g_assert_true (((MoatRoadmapItem *)g_ptr_array_index (roadmap, 1))->control == dear_big);
  for (guint i = 2; i < 4; i++)
    {
      MoatRoadmapItem *item = g_ptr_array_index (roadmap, i);

      g_assert_true (item->control == cheap_small || item->control == on_closed);
      g_assert_cmpint (item->risk_removed, ==, 0);
    }
}

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  guint heat[MOAT_RISK_SCALE][MOAT_RISK_SCALE];
  guint residual[MOAT_RISK_SCALE][MOAT_RISK_SCALE];
  guint statuses[MOAT_RISK_N_STATUSES];
  MoatThreat *a = add_threat (f, 4, 1, f->vault, NULL);   /* impact 5 from the cards */
  MoatThreat *b = add_threat (f, 2, 3, f->note, NULL);
  MoatThreat *c = add_threat (f, 3, 3, f->note, NULL);
  MoatThreat *d = add_threat (f, 5, 5, f->note, NULL);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) top = NULL;
  guint total = 0;

  moat_model_set (f->model, a, "category", "I", NULL);
  moat_model_set (f->model, b, "category", "Linkability", NULL);
  moat_model_set (f->model, c, "category", "S", NULL);
  moat_model_set (f->model, d, "category", "S", "status", MOAT_THREAT_TRANSFERRED, NULL);
  add_control (f, MOAT_CONTROL_VERIFIED, MOAT_EFFORT_SMALL, a);

  moat_risk_heat_map (f->model, FALSE, heat);
  moat_risk_heat_map (f->model, TRUE, residual);
  for (guint l = 0; l < MOAT_RISK_SCALE; l++)
    for (guint i = 0; i < MOAT_RISK_SCALE; i++)
      total += heat[l][i];
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (heat[4 - 1][5 - 1], ==, 1);
  g_assert_cmpuint (residual[4 - 1 - MOAT_RISK_VERIFIED_STEPS][5 - 1], ==, 1);
  g_assert_cmpuint (heat[5 - 1][5 - 1], ==, 0);

  moat_risk_count_by_status (f->model, statuses);
  g_assert_cmpuint (statuses[MOAT_THREAT_OPEN], ==, 3);
  g_assert_cmpuint (statuses[MOAT_THREAT_TRANSFERRED], ==, 1);

  /* STRIDE order first, then the rest by name. */
  categories = moat_risk_count_by_category (f->model, FALSE);
  g_assert_cmpuint (categories->len, ==, 3);
  g_assert_cmpstr (((MoatCategoryCount *)g_ptr_array_index (categories, 0))->category, ==, "S");
  g_assert_cmpuint (((MoatCategoryCount *)g_ptr_array_index (categories, 0))->count, ==, 2);
  g_assert_cmpstr (((MoatCategoryCount *)g_ptr_array_index (categories, 1))->category, ==, "I");
  g_assert_cmpstr (((MoatCategoryCount *)g_ptr_array_index (categories, 2))->category, ==, "Linkability");
  g_clear_pointer (&categories, g_ptr_array_unref);
  categories = moat_risk_count_by_category (f->model, TRUE);
  g_assert_cmpuint (((MoatCategoryCount *)g_ptr_array_index (categories, 0))->count, ==, 1);

  /* The worst open threats first; the residual ranking sees the control. */
  top = moat_risk_top_threats (f->model, 2, FALSE);
  g_assert_cmpuint (top->len, ==, 2);
  g_assert_true (g_ptr_array_index (top, 0) == (gpointer)a);
  g_assert_true (g_ptr_array_index (top, 1) == (gpointer)c);
  g_clear_pointer (&top, g_ptr_array_unref);
  top = moat_risk_top_threats (f->model, 10, TRUE);
  g_assert_cmpuint (top->len, ==, 3);
  g_assert_true (g_ptr_array_index (top, 0) == (gpointer)a);
  g_assert_true (g_ptr_array_index (top, 1) == (gpointer)c);
  g_assert_true (g_ptr_array_index (top, 2) == (gpointer)b);
}

/* The first n of a ranking are the start of the whole ranking, for every
 * n: with ties in level and score broken by title, then by id. */
static void
test_top_threats_prefix (void)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(GPtrArray) all = NULL;

  moat_model_begin_action (model, "Add");
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("Threat %u", (i * 7) % 9);

      moat_model_add (model, g_object_new (MOAT_TYPE_THREAT, "title", title, "likelihood", 1 + (i * 3) % 5,
                                           "impact", 1 + (i * 11) % 5, "impact-overridden", TRUE,
                                           "status", i % 6 == 5 ? MOAT_THREAT_MITIGATED : MOAT_THREAT_OPEN,
                                           NULL));
    }
  moat_model_end_action (model);

  all = moat_risk_top_threats (model, G_MAXUINT, TRUE);
  g_assert_cmpuint (all->len, ==, 50);
  for (guint i = 1; i < all->len; i++)
    {
      MoatThreat *x = g_ptr_array_index (all, i - 1), *y = g_ptr_array_index (all, i);
      MoatRiskAssessment a, b;

      moat_risk_assess (model, x, &a);
      moat_risk_assess (model, y, &b);
      g_assert_cmpint (a.residual_level, >=, b.residual_level);
    }
  for (guint n = 0; n <= all->len + 1; n++)
    {
      g_autoptr(GPtrArray) top = moat_risk_top_threats (model, n, TRUE);

      g_assert_cmpuint (top->len, ==, MIN (n, all->len));
      for (guint i = 0; i < top->len; i++)
        g_assert_true (g_ptr_array_index (top, i) == g_ptr_array_index (all, i));
    }
}

/* Assessing every threat at once (reports, coverage) gives what
 * assessing each on its own gives. */
static void
test_assess_all (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(GHashTable) all = moat_risk_assess_all (model);
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  g_assert_cmpuint (g_list_model_get_n_items (threats), >, 0);
  g_assert_cmpuint (g_hash_table_size (all), ==, g_list_model_get_n_items (threats));
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const MoatRiskAssessment *bulk = g_hash_table_lookup (all, moat_object_get_id (MOAT_OBJECT (threat)));
      MoatRiskAssessment one = { 0 };

      moat_risk_assess (model, threat, &one);
      g_assert_nonnull (bulk);
      g_assert_cmpmem (bulk, sizeof *bulk, &one, sizeof one);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/risk/matrix", test_matrix_shape);
  g_test_add_func ("/risk/level-names", test_level_names);
  g_test_add_func ("/risk/assess-all", test_assess_all);
  g_test_add ("/risk/impact-from-assets", Fixture, NULL, fixture_set_up, test_impact_from_assets, fixture_tear_down);
  g_test_add ("/risk/impact-dimension", Fixture, NULL, fixture_set_up, test_impact_dimension, fixture_tear_down);
  g_test_add ("/risk/residual", Fixture, NULL, fixture_set_up, test_residual, fixture_tear_down);
  g_test_add ("/risk/with-control", Fixture, NULL, fixture_set_up, test_with_control, fixture_tear_down);
  g_test_add ("/risk/roadmap", Fixture, NULL, fixture_set_up, test_roadmap, fixture_tear_down);
  g_test_add ("/risk/summaries", Fixture, NULL, fixture_set_up, test_summaries, fixture_tear_down);
  g_test_add_func ("/risk/top-threats-prefix", test_top_threats_prefix);

  return g_test_run ();
}
