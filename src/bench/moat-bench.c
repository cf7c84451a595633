/* moat-bench.c: performance figures for the core
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints one line per figure, "name value unit". Each model size runs in
 * a child process of its own so that its peak memory is its own.
 */

#include "config.h"

#include <math.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-core.h"
#include "moat-bench.h"
#include "moat-report.h"

static const guint sizes[] = { 100, 1000, 10000 };
static const guint render_sizes[] = { 1000, 5000 };
static const guint text_sizes[] = { 12500, 25000, 50000, 100000 };

static void
report (const char *name,
        guint       size,
        double      value,
        const char *unit)
{
  g_print ("%s_%u %.3f %s\n", name, size, value, unit);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;
  return da < db ? -1 : da > db;
}

static void
bench_size (guint       size,
            const char *dir)
{
  g_autofree char *path = g_strdup_printf ("%s/bench-%u.moat", dir, size);
  g_autofree char *copy_path = g_strdup_printf ("%s/bench-%u-copy.moat", dir, size);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_bench_make_model (size);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  double best_open = G_MAXDOUBLE;
  GListModel *elements;
  gint64 start;

  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  g_clear_object (&store);
  g_clear_object (&model);

  for (guint run = 0; run < 3; run++)
    {
      g_clear_object (&store);
      start = g_get_monotonic_time ();
      store = moat_store_open (file, &error);
      g_assert_no_error (error);
      best_open = MIN (best_open, ms_since (start));
    }
  report ("open_time", size, best_open, "ms");

  /* A committed edit: one field of one element, as a rename would be. */
  model = g_object_ref (moat_store_get_model (store));
  elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, (i * 7919) % size);
      g_autofree char *name = g_strdup_printf ("Renamed %u", i);
      double ms;

      start = g_get_monotonic_time ();
      g_object_set (element, "name", name, NULL);
      ms = ms_since (start);
      g_array_append_val (latencies, ms);
    }
  g_assert_null (moat_store_get_write_error (store));
  g_array_sort (latencies, compare_doubles);
  report ("edit_latency_median", size, g_array_index (latencies, double, latencies->len / 2), "ms");
  report ("edit_latency_p99", size, g_array_index (latencies, double, latencies->len * 99 / 100), "ms");

  start = g_get_monotonic_time ();
  g_assert_true (moat_store_save_as (store, copy, &error));
  g_assert_no_error (error);
  report ("save_as_time", size, ms_since (start), "ms");

  moat_store_close (store);
  g_unlink (path);
  g_unlink (copy_path);
}

static double
median_frame (MoatRenderer    *renderer,
              cairo_surface_t *surface,
              const MoatView  *view)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 33; i++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_t *cr = cairo_create (surface);
      double ms;

      moat_renderer_draw (renderer, cr, view);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      ms = ms_since (start);
      if (i >= 3)
        g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static void
bench_render (guint size)
{
  g_autoptr(MoatModel) model = moat_bench_make_diagram (size);
  g_autoptr(MoatRenderer) renderer = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (size);
  g_autoptr(GArray) drags = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  MoatElement *dragged;
  MoatGeometry *geometry;
  MoatRect bounds;
  MoatView view;
  MoatHit hit;
  guint hits = 0;
  gint64 start;
  double ms;

  start = g_get_monotonic_time ();
  renderer = moat_renderer_new (model, "d");
  geometry = moat_renderer_get_geometry (renderer);
  moat_geometry_get_bounds (geometry, &bounds);
  report ("render_index_build", size, ms_since (start), "ms");
  moat_renderer_set_grid_size (renderer, 20);

  /* At 100 %, a screenful from the middle of the diagram. */
  view = (MoatView) { 1.0, bounds.x + bounds.width / 2 - 960, bounds.y + bounds.height / 2 - 540,
                      1920, 1080 };
  report ("render_frame_100pct", size, median_frame (renderer, surface, &view), "ms");

  /* Zoomed out until the whole diagram fits the screen. */
  view.scale = MIN (1920 / bounds.width, 1080 / bounds.height);
  view.x = bounds.x;
  view.y = bounds.y;
  report ("render_frame_fit", size, median_frame (renderer, surface, &view), "ms");

  /* At 50 %: four times the area, all text still drawn. */
  view = (MoatView) { 0.5, bounds.x + bounds.width / 2 - 1920, bounds.y + bounds.height / 2 - 1080,
                      1920, 1080 };
  report ("render_frame_50pct", size, median_frame (renderer, surface, &view), "ms");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20000; i++)
    hits += moat_geometry_hit_test (geometry,
                                    g_rand_double_range (rand, bounds.x, bounds.x + bounds.width),
                                    g_rand_double_range (rand, bounds.y, bounds.y + bounds.height),
                                    4, NULL, &hit);
  report ("hit_test", size, ms_since (start) * 1000 / 20000, "us");
  g_assert_cmpuint (hits, >, 0);

  /* A drag in the middle: each motion moves one node (its flows follow)
   * and redraws the screen around it. */
  view = (MoatView) { 1.0, bounds.x + bounds.width / 2 - 960, bounds.y + bounds.height / 2 - 540,
                      1920, 1080 };
  dragged = moat_geometry_node_at (geometry, bounds.x + bounds.width / 2 + 60,
                                   bounds.y + bounds.height / 2 + 40, NULL);
  if (dragged == NULL)
    dragged = moat_model_lookup (model, "n-000000");
  g_hash_table_add (selection, dragged);
  moat_renderer_set_selection (renderer, selection);
  moat_model_begin_action (model, "Move");
  for (guint i = 0; i < 60; i++)
    {
      cairo_t *cr;

      start = g_get_monotonic_time ();
      g_object_set (dragged, "x", moat_element_get_x (dragged) + 3, NULL);
      cr = cairo_create (surface);
      moat_renderer_draw (renderer, cr, &view);
      cairo_destroy (cr);
      ms = ms_since (start);
      g_array_append_val (drags, ms);
    }
  moat_model_end_action (model);
  g_array_sort (drags, compare_doubles);
  report ("render_drag_frame", size, g_array_index (drags, double, drags->len / 2), "ms");

  cairo_surface_destroy (surface);
}

/* The model of the report benchmark: 5 diagrams of 60 elements (36
 * nodes in a grid, 24 flows), 1,000 threats spread over the elements,
 * 300 controls of 5 threats each, a few assets and assumptions. */
static MoatModel *
make_report_model (void)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autoptr(GPtrArray) threats = g_ptr_array_new ();
  g_autoptr(MoatAsset) asset = moat_asset_new ();
  const char *asset_ids[] = { moat_object_get_id (MOAT_OBJECT (asset)), NULL };

  moat_model_begin_action (model, "Generate");
  g_object_set (model, "title", "Synthetic report", "owner", "Bench", NULL);
  g_object_set (asset, "name", "Customer data", "impact-confidentiality", 4, NULL);
  moat_model_add (model, asset);

  for (guint d = 0; d < 5; d++)
    {
      g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
      const char *diagram_id = moat_object_get_id (MOAT_OBJECT (diagram));
      g_autofree char *title = g_strdup_printf ("Level %u", d);

      g_object_set (diagram, "title", title, "position", (int)d, NULL);
      moat_model_add (model, diagram);

      for (guint i = 0; i < 60; i++)
        {
          g_autoptr(MoatElement) element = moat_element_new ();
          g_autofree char *name = g_strdup_printf ("Service %u.%u", d, i);

          if (i < 36)
            g_object_set (element, "diagram-id", diagram_id, "name", name,
                          "kind", i % 6 == 0 ? MOAT_ELEMENT_STORE : MOAT_ELEMENT_PROCESS,
                          "x", (i % 6) * 220.0, "y", (i / 6) * 170.0, "width", 120.0, "height", 80.0,
                          "technology", "Go", "asset-ids", asset_ids, "authenticated", i % 2 == 0,
                          NULL);
          else
            g_object_set (element, "diagram-id", diagram_id, "name", "HTTPS request",
                          "kind", MOAT_ELEMENT_FLOW, "protocol", "HTTPS",
                          "source-id", moat_object_get_id (g_ptr_array_index (elements, d * 60 + i - 36)),
                          "target-id", moat_object_get_id (g_ptr_array_index (elements, d * 60 + i - 35)),
                          NULL);
          moat_model_add (model, element);
          g_ptr_array_add (elements, element);
        }
    }

  for (guint t = 0; t < 1000; t++)
    {
      g_autoptr(MoatThreat) threat = moat_threat_new ();
      const char *ids[] = { moat_object_get_id (g_ptr_array_index (elements, (t * 7) % elements->len)), NULL };

      g_object_set (threat, "title", "Requests tampered with on the way", "category", "T",
                    "description", "An attacker on the network changes a request between two services; "
                                   "nothing checks its integrity.",
                    "element-ids", ids, "likelihood", 1 + (int)(t % 5), "impact", 1 + (int)(t / 5 % 5),
                    "status", (MoatThreatStatus)(t % 4 == 3 ? MOAT_THREAT_MITIGATED : MOAT_THREAT_OPEN),
                    NULL);
      moat_model_add (model, threat);
      g_ptr_array_add (threats, threat);
    }

  for (guint c = 0; c < 300; c++)
    {
      g_autoptr(MoatControl) control = moat_control_new ();
      const char *ids[6] = { NULL };

      for (guint k = 0; k < 5; k++)
        ids[k] = moat_object_get_id (g_ptr_array_index (threats, (c * 5 + k * 3) % threats->len));
      g_object_set (control, "title", "Sign every request", "threat-ids", ids,
                    "status", (MoatControlStatus)(c % 5), "effort", (MoatEffort)(c % 3),
                    "owner", "Platform team", "tracker-key", "PAY-123", NULL);
      moat_model_add (model, control);
    }

  for (guint a = 0; a < 20; a++)
    {
      g_autoptr(MoatAssumption) assumption = moat_assumption_new ();

      g_object_set (assumption, "statement", "The service network is not reachable from outside.",
                    "status", (MoatAssumptionStatus)(a % 3), NULL);
      moat_model_add (model, assumption);
    }

  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));
  return model;
}

/* The whole PDF report: what a person waits for after Export PDF. */
static void
bench_report (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MoatModel) model = make_report_model ();
  g_autoptr(MoatReport) report = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double build_ms;

  report = moat_report_new (model, NULL, NULL, &error);
  g_assert_no_error (error);
  build_ms = ms_since (start);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (moat_report_write_pdf (report, G_OUTPUT_STREAM (stream), NULL, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
  g_assert_no_error (error);

  g_print ("report_build_time %.3f ms\n", build_ms);
  g_print ("report_total_time %.3f ms\n", ms_since (start));
  g_print ("report_pages %u count\n", moat_document_get_n_pages (moat_report_get_document (report)));
  g_unlink (path);
}

/* ---- The rule engine ---- */

static const guint rules_sizes[] = { 1000, 5000 };

static void
set_random_properties (MoatElement *element,
                       GRand       *rand)
{
  static const char *technologies[] = {
    "Go", "Java, Spring", "PostgreSQL", "MongoDB", "React, CDN", "Docker", "HashiCorp Vault",
    "RabbitMQ", "Elasticsearch", "AWS Lambda", "", "",
  };
  static const char *protocols[] = { "HTTPS", "HTTP", "gRPC", "AMQP", "OIDC over HTTPS", "SQL" };
  const char *log_tags[] = { "log", NULL };

  g_object_set (element,
                "authenticated", g_rand_int_range (rand, 0, 2) == 0,
                "authorization-checked", g_rand_int_range (rand, 0, 3) != 0,
                "encrypted-in-transit", g_rand_int_range (rand, 0, 5) < 3,
                "encrypted-at-rest", g_rand_int_range (rand, 0, 2) == 0,
                "internet-facing", g_rand_int_range (rand, 0, 5) == 0,
                "handles-pii", g_rand_int_range (rand, 0, 5) == 0,
                "handles-credentials", g_rand_int_range (rand, 0, 10) == 0,
                "handles-payment", g_rand_int_range (rand, 0, 20) == 0,
                "data-classification", g_rand_int_range (rand, 0, MOAT_CLASSIFICATION_RESTRICTED + 1),
                "privilege-level", g_rand_int_range (rand, 0, MOAT_PRIVILEGE_SYSTEM + 1),
                "technology", technologies[g_rand_int_range (rand, 0, G_N_ELEMENTS (technologies))],
                "protocol", protocols[g_rand_int_range (rand, 0, G_N_ELEMENTS (protocols))],
                NULL);
  if (g_rand_int_range (rand, 0, 8) == 0)
    g_object_set (element, "tags", log_tags, NULL);
}

/* Diagrams of 50 elements: two trust boundaries, 30 nodes in a grid
 * (some inside each boundary, some outside), 18 flows between random
 * nodes, with a realistic spread of security properties, and assets
 * linked to half the stores. */
static MoatModel *
make_rules_model (guint n_elements)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) assets = g_ptr_array_new_with_free_func (g_object_unref);
  MoatModel *model = moat_model_new ();

  moat_model_begin_action (model, "Generate");
  for (guint a = 0; a < 10; a++)
    {
      MoatAsset *asset = moat_asset_new ();

      g_object_set (asset, "name", "Asset", "classification", g_rand_int_range (rand, 0, 4),
                    "impact-confidentiality", g_rand_int_range (rand, 1, 6),
                    "impact-integrity", g_rand_int_range (rand, 1, 6),
                    "impact-availability", g_rand_int_range (rand, 1, 6), NULL);
      moat_model_add (model, asset);
      g_ptr_array_add (assets, asset);
    }

  for (guint d = 0; d * 50 < n_elements; d++)
    {
      g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
      g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
      const char *diagram_id = moat_object_get_id (MOAT_OBJECT (diagram));

      moat_model_add (model, diagram);
      for (guint b = 0; b < 2; b++)
        {
          g_autoptr(MoatElement) boundary = moat_element_new ();

          g_object_set (boundary, "diagram-id", diagram_id, "kind", MOAT_ELEMENT_BOUNDARY,
                        "name", "Zone", "x", b * 600.0, "y", 0.0, "width", 600.0, "height", 450.0, NULL);
          moat_model_add (model, boundary);
        }
      for (guint i = 0; i < 30; i++)
        {
          MoatElement *node = moat_element_new ();
          guint roll = g_rand_int_range (rand, 0, 20);

          g_object_set (node, "diagram-id", diagram_id, "name", "Node",
                        "kind", roll < 3 ? MOAT_ELEMENT_ACTOR : roll < 8 ? MOAT_ELEMENT_STORE : MOAT_ELEMENT_PROCESS,
                        "x", (i % 6) * 200.0 + 40, "y", (i / 6) * 150.0 + 40, "width", 120.0, "height", 70.0,
                        NULL);
          set_random_properties (node, rand);
          if (roll >= 3 && roll < 8 && g_rand_boolean (rand))
            {
              const char *ids[] = { moat_object_get_id (g_ptr_array_index (assets, g_rand_int_range (rand, 0, 10))), NULL };
              g_object_set (node, "asset-ids", ids, NULL);
            }
          moat_model_add (model, node);
          g_ptr_array_add (nodes, node);
        }
      for (guint f = 0; f < 18; f++)
        {
          g_autoptr(MoatElement) flow = moat_element_new ();
          guint from = g_rand_int_range (rand, 0, 30);
          guint to = (from + g_rand_int_range (rand, 1, 30)) % 30;

          g_object_set (flow, "diagram-id", diagram_id, "kind", MOAT_ELEMENT_FLOW, "name", "Flow",
                        "source-id", moat_object_get_id (g_ptr_array_index (nodes, from)),
                        "target-id", moat_object_get_id (g_ptr_array_index (nodes, to)), NULL);
          set_random_properties (flow, rand);
          moat_model_add (model, flow);
        }
    }
  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));

  return model;
}

static void
on_action_closed_first (MoatModel  *model,
                        MoatAction *action,
                        gint64     *start)
{
  *start = g_get_monotonic_time ();
}

static void
on_action_closed_last (MoatModel  *model,
                       MoatAction *action,
                       gint64     *end)
{
  *end = g_get_monotonic_time ();
}

/* Median and 99th percentile of what the engine takes after one edit,
 * timed between a handler that runs before it and one that runs after. */
static void
bench_rules_edits (guint           size,
                   MoatModel      *model,
                   GRand          *rand,
                   const char     *name,
                   gboolean        move,
                   gint64         *start,
                   gint64         *end)
{
  static const char *toggles[] = { "encrypted-in-transit", "internet-facing", "authenticated", "handles-pii" };
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *median_name = g_strconcat (name, "_median", NULL);
  g_autofree char *p99_name = g_strconcat (name, "_p99", NULL);

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, g_rand_int_range (rand, 0, size));
      double ms;

      if (move && moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
        continue;
      if (move)
        g_object_set (element, "y", moat_element_get_y (element) > 450 ? 100.0 : 500.0, NULL);
      else
        {
          const char *field = toggles[g_rand_int_range (rand, 0, G_N_ELEMENTS (toggles))];
          gboolean value;

          g_object_get (element, field, &value, NULL);
          g_object_set (element, field, !value, NULL);
        }
      ms = (*end - *start) / 1000.0;
      g_array_append_val (times, ms);
    }

  g_array_sort (times, compare_doubles);
  report (median_name, size, g_array_index (times, double, times->len / 2), "ms");
  report (p99_name, size, g_array_index (times, double, times->len * 99 / 100), "ms");
}

static void
bench_rules (guint size)
{
  g_autoptr(MoatModel) model = make_rules_model (size);
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_builtin ();
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const char *all_sets[] = { "stride", "context", "linddun", NULL };
  gint64 start = 0, end = 0;

  /* Every rule of every built-in set, on every element, from nothing. */
  g_object_set (model, "rule-sets", all_sets, NULL);
  for (guint run = 0; run < 5; run++)
    {
      double ms;

      g_clear_object (&engine);
      start = g_get_monotonic_time ();
      engine = moat_rule_engine_new (model, rules);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  report ("rules_full_eval", size, g_array_index (times, double, times->len / 2), "ms");
  report ("rules_suggestions", size, moat_rule_engine_count_suggestions (engine, NULL), "count");

  g_clear_object (&engine);
  g_signal_connect (model, "action-closed", G_CALLBACK (on_action_closed_first), &start);
  engine = moat_rule_engine_new (model, rules);
  g_signal_connect_after (model, "action-closed", G_CALLBACK (on_action_closed_last), &end);

  bench_rules_edits (size, model, rand, "rules_incremental_edit", FALSE, &start, &end);
  bench_rules_edits (size, model, rand, "rules_incremental_move", TRUE, &start, &end);
}

/* Threats from the rules on a third of the nodes and controls that name
 * the rules' requirements: coverage has real links to follow. */
static void
add_knowledge (MoatModel   *model,
               MoatLibrary *library,
               GRand       *rand)
{
  MoatRuleSet *rules = moat_library_get_rule_set (library);
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = g_list_model_get_n_items (elements);

  moat_model_begin_action (model, "Knowledge");
  for (guint i = 0; i < n; i += 3)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      MoatRule *rule = moat_rule_set_get_rule (rules, g_rand_int_range (rand, 0, moat_rule_set_get_n_rules (rules)));
      g_autoptr(MoatThreat) threat = moat_threat_new ();
      const char *element_ids[] = { moat_object_get_id (MOAT_OBJECT (element)), NULL };

      g_object_set (threat, "title", "Threat", "rule-id", moat_rule_get_id (rule), "element-ids", element_ids,
                    "likelihood", g_rand_int_range (rand, 1, 6), "refs", moat_rule_get_refs (rule), NULL);
      moat_model_add (model, threat);
      if (g_rand_int_range (rand, 0, 2) == 0)
        {
          g_autoptr(MoatControl) control = moat_control_new ();
          const char *threat_ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };

          g_object_set (control, "title", "Control", "threat-ids", threat_ids,
                        "requirements", moat_rule_get_requirements (rule),
                        "status", g_rand_int_range (rand, 0, MOAT_CONTROL_VERIFIED + 1), NULL);
          moat_model_add (model, control);
        }
    }
  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));
}

static void
bench_coverage (guint size)
{
  g_autoptr(MoatModel) model = make_rules_model (size);
  g_autoptr(MoatLibrary) library = moat_library_new_builtin ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(MoatCoverage) coverage = NULL;

  add_knowledge (model, library, rand);
  /* The whole of ASVS: every level. */
  for (guint run = 0; run < 5; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_clear_object (&coverage);
      coverage = moat_coverage_compute (library, model, "asvs", 3, NULL);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  report ("coverage_asvs_full", size, g_array_index (times, double, times->len / 2), "ms");
  report ("coverage_applicable", size, moat_coverage_get_n_applicable (coverage), "count");
}

/* A threat whose description is @chars long, pasted from a design
 * document in one paragraph: the report's time must grow with the text,
 * not with its square. */
static MoatModel *
make_long_text_model (guint chars)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  while (text->len < chars)
    g_string_append (text, "The card vault keeps tokens apart from the numbers they stand for. ");
  g_string_truncate (text, chars);
  moat_model_begin_action (model, "Generate");
  g_object_set (model, "title", "Long text", NULL);
  g_object_set (threat, "title", "Card numbers leak", "description", text->str, NULL);
  moat_model_add (model, threat);
  moat_model_end_action (model);
  return model;
}

static void
bench_report_text (guint chars)
{
  g_autoptr(MoatModel) model = make_long_text_model (chars);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(MoatReport) pdf = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pdf = moat_report_new (model, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (moat_report_write_pdf (pdf, stream, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  report ("report_long_text", chars, ms_since (start), "ms");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("moat-bench-XXXXXX", NULL);

  g_print ("# moat-bench %s: name value unit\n", PACKAGE_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      struct rusage usage;
      int status;
      pid_t pid;

      if (argc > 1 && (guint)atoi (argv[1]) != sizes[i])
        continue;

      pid = fork ();
      if (pid == 0)
        {
          bench_size (sizes[i], dir);
          _exit (0);
        }
      if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_printerr ("moat-bench: the run for %u elements failed\n", sizes[i]);
          return 1;
        }
      report ("peak_rss", sizes[i], usage.ru_maxrss / 1024.0, "MB");
    }

  for (guint i = 0; i < G_N_ELEMENTS (render_sizes); i++)
    if (argc <= 1 || (guint)atoi (argv[1]) == render_sizes[i])
      bench_render (render_sizes[i]);

  if (argc > 1 && g_str_equal (argv[1], "estate"))
    return moat_bench_estate ();
  if (argc > 1 && g_str_equal (argv[1], "merge"))
    return moat_bench_merge ();

  if (argc <= 1 || g_str_equal (argv[1], "report"))
    {
      struct rusage usage;
      int status;
      pid_t pid = fork ();

      if (pid == 0)
        {
          bench_report (dir);
          _exit (0);
        }
      if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_printerr ("moat-bench: the report run failed\n");
          return 1;
        }
      /* CPU time, next to the wall-clock figure: it holds when other
       * work shares the machine. */
      g_print ("report_cpu_time %.3f ms\n",
               (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
               (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0);
      g_print ("report_peak_rss %.3f MB\n", usage.ru_maxrss / 1024.0);
    }

  if (argc <= 1 || g_str_equal (argv[1], "report"))
    for (guint i = 0; i < G_N_ELEMENTS (text_sizes); i++)
      bench_report_text (text_sizes[i]);

  for (guint i = 0; i < G_N_ELEMENTS (rules_sizes); i++)
    if (argc <= 1 || g_str_equal (argv[1], "rules") || (guint)atoi (argv[1]) == rules_sizes[i])
      bench_rules (rules_sizes[i]);

  for (guint i = 0; i < G_N_ELEMENTS (rules_sizes); i++)
    if (argc <= 1 || g_str_equal (argv[1], "coverage") || (guint)atoi (argv[1]) == rules_sizes[i])
      bench_coverage (rules_sizes[i]);

  g_rmdir (dir);
  return 0;
}
