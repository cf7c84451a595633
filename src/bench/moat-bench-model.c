/* moat-bench-model.c: the synthetic models the benchmarks measure
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "moat-bench.h"

static char *
id_for (const char *prefix,
        guint       n)
{
  return g_strdup_printf ("%s-%06u", prefix, n);
}

/* A model shaped like a real one: diagrams of 50 nodes, a flow between
 * neighbours, a boundary around every tenth node, two threats and one
 * control for each element. */
MoatModel *
moat_bench_make_model (guint n_elements)
{
  MoatModel *model = moat_model_new ();
  g_autofree char *diagram_id = NULL;
  guint made = 0;

  g_object_set (model, "title", "Synthetic", NULL);
  moat_model_begin_action (model, "Generate");

  for (guint i = 0; made < n_elements; i++)
    {
      g_autoptr(MoatElement) element = NULL;
      g_autofree char *id = id_for ("e", made);
      MoatElementKind kind;

      if (i % 50 == 0)
        {
          g_autoptr(MoatDiagram) diagram = NULL;

          g_free (diagram_id);
          diagram_id = id_for ("d", i / 50);
          diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", diagram_id, NULL);
          g_object_set (diagram, "title", "Level", "position", (int)(i / 50), NULL);
          moat_model_add (model, diagram);
        }

      kind = (i % 10 == 9) ? MOAT_ELEMENT_BOUNDARY
           : (i % 3 == 1 && i % 50 != 1) ? MOAT_ELEMENT_FLOW
           : (i % 7 == 0) ? MOAT_ELEMENT_STORE : MOAT_ELEMENT_PROCESS;
      element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
      g_object_set (element,
                    "diagram-id", diagram_id, "kind", kind, "name", id,
                    "x", (double)(i % 10) * 180, "y", (double)((i / 10) % 5) * 140,
                    "protocol", "HTTPS", "encrypted-in-transit", i % 2 == 0,
                    NULL);
      if (kind == MOAT_ELEMENT_FLOW)
        {
          g_autofree char *source = id_for ("e", made - 1);
          g_autofree char *target = id_for ("e", made - 2);
          g_object_set (element, "source-id", source, "target-id", target, NULL);
        }
      moat_model_add (model, element);

      for (guint t = 0; t < 2; t++)
        {
          g_autoptr(MoatThreat) threat = moat_threat_new ();
          const char *ids[] = { id, NULL };

          g_object_set (threat, "title", "Tampering with data", "category", "T",
                        "element-ids", ids, "likelihood", 1 + (int)(made % 5), NULL);
          moat_model_add (model, threat);
          if (t == 0)
            {
              g_autoptr(MoatControl) control = moat_control_new ();
              const char *threat_ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };

              g_object_set (control, "title", "Sign requests", "threat-ids", threat_ids, NULL);
              moat_model_add (model, control);
            }
        }
      made++;
    }

  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));
  return model;
}

/* One diagram of @n_elements shaped like a large real one: a grid of
 * actors, processes and stores, flows to the right and downward
 * neighbours, a trust boundary around every block of six nodes. */
MoatModel *
moat_bench_make_diagram (guint n_elements)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "d", NULL);
  guint n_nodes = n_elements * 55 / 100;
  guint n_boundaries = n_elements / 10;
  guint n_flows = n_elements - n_nodes - n_boundaries;
  guint cols = (guint)ceil (sqrt (n_nodes * 1.6));

  moat_model_begin_action (model, "Generate");
  moat_model_add (model, diagram);

  for (guint i = 0; i < n_boundaries; i++)
    {
      g_autoptr(MoatElement) element = moat_element_new ();
      double x = (i % (cols / 3)) * 3 * 220.0 - 30, y = (i / (cols / 3)) * 2 * 170.0 - 40;

      g_object_set (element, "diagram-id", "d", "kind", MOAT_ELEMENT_BOUNDARY,
                    "name", "Trust zone", "x", x, "y", y, "width", 640.0, "height", 320.0, NULL);
      moat_model_add (model, element);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(MoatElement) element = NULL;
      g_autofree char *id = id_for ("n", i);
      g_autofree char *name = g_strdup_printf ("Service %u", i);
      MoatElementKind kind = i % 5 == 0 ? MOAT_ELEMENT_ACTOR
                           : i % 3 == 0 ? MOAT_ELEMENT_STORE : MOAT_ELEMENT_PROCESS;
      double w = kind == MOAT_ELEMENT_PROCESS ? 110 : 150, h = kind == MOAT_ELEMENT_PROCESS ? 110 : 72;

      element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
      g_object_set (element, "diagram-id", "d", "kind", kind, "name", name,
                    "x", (i % cols) * 220.0, "y", (i / cols) * 170.0,
                    "width", w, "height", h, NULL);
      moat_model_add (model, element);
    }

  for (guint i = 0; i < n_flows; i++)
    {
      g_autoptr(MoatElement) element = moat_element_new ();
      guint from = (i / 2) % n_nodes;
      guint to = i % 2 == 0 ? from + 1 : from + cols;
      g_autofree char *source = id_for ("n", from);
      g_autofree char *target = id_for ("n", to % n_nodes);

      g_object_set (element, "diagram-id", "d", "kind", MOAT_ELEMENT_FLOW, "name", "HTTPS request",
                    "source-id", source, "target-id", target, NULL);
      moat_model_add (model, element);
    }

  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));
  return model;
}
