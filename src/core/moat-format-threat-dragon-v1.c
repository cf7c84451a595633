/* moat-format-threat-dragon-v1.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threat Dragon 1.x models are upgraded the way Threat Dragon 2 upgrades
 * them when it opens one (td.vue/src/service/migration/tdV1): the JointJS
 * cells of each diagram's diagramJson become x6 cells whose Threat Dragon
 * properties sit under "data", flow ends name their cell, and the rest is
 * what a 2.x model holds. The 2.x reader then reads the result, and its
 * report is given back with the paths of the 1.x file.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-error.h"
#include "moat-format-private.h"
#include "moat-format-threat-dragon.h"
#include "moat-format-threat-dragon-v1.h"

/* JointJS and AngularJS bookkeeping of a 1.x cell: presentation Threat
 * Dragon 2 works out again, dropped by its own upgrade too. */
static const char * const v1_layout_keys[] = {
  "type", "size", "position", "angle", "id", "z", "attrs", "smooth", "source", "target",
  "vertices", "labels", "$$hashKey", "hasOpenThreats", NULL
};

static const struct {
  const char *type;
  const char *shape;
} v1_shapes[] = {
  { "tm.Actor", "actor" },
  { "tm.Process", "process" },
  { "tm.Store", "store" },
  { "tm.Flow", "flow" },
  { "tm.Boundary", "trust-boundary-curve" },
};

static JsonNode *
member (JsonObject *object,
        const char *key)
{
  return object != NULL ? json_object_get_member (object, key) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *key)
{
  JsonNode *node = member (object, key);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *key,
             const char *as)
{
  JsonNode *node = member (from, key);

  if (node != NULL)
    json_object_set_member (to, as ? as : key, json_node_copy (node));
}

/* 1.x flows name the cell at each end by "id"; 2.x by "cell". */
static void
copy_end (JsonObject *to,
          JsonObject *cell,
          const char *which)
{
  JsonNode *node = member (cell, which);
  g_autoptr(GList) keys = NULL;
  JsonObject *end;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      copy_member (to, cell, which, NULL);
      return;
    }

  end = json_object_new ();
  for (GList *l = (keys = json_object_get_members (json_node_get_object (node))); l != NULL; l = l->next)
    copy_member (end, json_node_get_object (node), l->data,
                 g_str_equal (l->data, "id") ? "cell" : NULL);
  json_object_set_object_member (to, which, end);
}

/* A threat as 2.x holds it: the same fields, without AngularJS's key. */
static JsonNode *
upgrade_threats (JsonNode *threats)
{
  JsonArray *array, *out;

  if (!JSON_NODE_HOLDS_ARRAY (threats))
    return json_node_copy (threats);

  array = json_node_get_array (threats);
  out = json_array_sized_new (json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *threat = json_node_copy (json_array_get_element (array, i));

      if (JSON_NODE_HOLDS_OBJECT (threat))
        json_object_remove_member (json_node_get_object (threat), "$$hashKey");
      json_array_add_element (out, threat);
    }

  return json_node_init_array (json_node_alloc (), out);
}

static JsonNode *
upgrade_cell (JsonNode *node)
{
  JsonObject *cell, *out, *data;
  g_autoptr(GList) keys = NULL;
  const char *type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_node_copy (node);

  cell = json_node_get_object (node);
  out = json_object_new ();
  data = json_object_new ();
  type = moat_format_peek_string (cell, "type");

  copy_member (out, cell, "id", NULL);
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (v1_shapes); i++)
    if (g_str_equal (type, v1_shapes[i].type))
      json_object_set_string_member (out, "shape", v1_shapes[i].shape);
  copy_member (out, cell, "position", NULL);
  copy_member (out, cell, "size", NULL);
  copy_member (out, cell, "angle", NULL);
  copy_member (out, cell, "attrs", NULL);
  copy_member (out, cell, "z", "zIndex");
  copy_member (out, cell, "vertices", NULL);
  copy_member (out, cell, "labels", NULL);
  if (g_strcmp0 (type, "tm.Flow") == 0 || g_strcmp0 (type, "tm.Boundary") == 0)
    {
      copy_end (out, cell, "source");
      copy_end (out, cell, "target");
    }

  /* Everything else is Threat Dragon's own: it moves under "data", where
   * the 2.x reader keeps what it knows and reports the rest. */
  copy_member (data, cell, "type", NULL);
  for (GList *l = (keys = json_object_get_members (cell)); l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (g_strv_contains (v1_layout_keys, key))
        continue;
      if (g_str_equal (key, "threats"))
        json_object_set_member (data, key, upgrade_threats (json_object_get_member (cell, key)));
      else
        copy_member (data, cell, key, NULL);
    }
  if (g_strcmp0 (type, "tm.Boundary") == 0)
    json_object_set_boolean_member (data, "isTrustBoundary", TRUE);
  json_object_set_object_member (out, "data", data);

  return json_node_init_object (json_node_alloc (), out);
}

static JsonNode *
upgrade_diagram (JsonNode         *node,
                 MoatImportReport *report,
                 const char       *path)
{
  static const char * const dropped[] = { "diagramJson", "size", "$$hashKey", NULL };
  JsonObject *diagram, *out;
  g_autoptr(GList) keys = NULL;
  JsonNode *json, *cells_node;
  JsonArray *cells = json_array_new ();

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_array_unref (cells);
      return json_node_copy (node);
    }

  diagram = json_node_get_object (node);
  out = json_object_new ();
  for (GList *l = (keys = json_object_get_members (diagram)); l != NULL; l = l->next)
    if (!g_strv_contains (dropped, l->data))
      copy_member (out, diagram, l->data, NULL);

  /* A blank 1.x diagram has no diagramJson at all. */
  json = member (diagram, "diagramJson");
  cells_node = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
    ? member (json_node_get_object (json), "cells") : NULL;
  if (json != NULL && !JSON_NODE_HOLDS_NULL (json) &&
      (cells_node == NULL || !JSON_NODE_HOLDS_ARRAY (cells_node)))
    {
      g_autofree char *here = moat_format_path (path, "diagramJson");

      moat_import_report_add (report, MOAT_IMPORT_ISSUE_INVALID, here, NULL,
                              _("Expected a diagram with a list of cells; the diagram is left empty"));
    }
  else if (cells_node != NULL)
    {
      JsonArray *array = json_node_get_array (cells_node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (cells, upgrade_cell (json_array_get_element (array, i)));
    }

  json_object_set_array_member (out, "cells", cells);
  return json_node_init_object (json_node_alloc (), out);
}

static JsonNode *
upgrade_contributors (JsonNode *node)
{
  JsonArray *array, *out;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return json_node_copy (node);

  array = json_node_get_array (node);
  out = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *contributor = json_node_copy (json_array_get_element (array, i));

      if (JSON_NODE_HOLDS_OBJECT (contributor))
        json_object_remove_member (json_node_get_object (contributor), "$$hashKey");
      json_array_add_element (out, contributor);
    }

  return json_node_init_array (json_node_alloc (), out);
}

static JsonNode *
upgrade (JsonObject       *root,
         MoatImportReport *report)
{
  JsonObject *out = json_object_new ();
  JsonObject *detail = member_object (root, "detail");
  JsonObject *new_detail;
  g_autoptr(GList) keys = NULL;
  g_autoptr(GList) detail_keys = NULL;
  JsonNode *diagrams;

  for (GList *l = (keys = json_object_get_members (root)); l != NULL; l = l->next)
    if (!g_str_equal (l->data, "version") && !g_str_equal (l->data, "detail"))
      copy_member (out, root, l->data, NULL);
  json_object_set_string_member (out, "version", MOAT_THREAT_DRAGON_VERSION);

  if (detail == NULL)
    {
      copy_member (out, root, "detail", NULL);
      return json_node_init_object (json_node_alloc (), out);
    }

  new_detail = json_object_new ();
  for (GList *l = (detail_keys = json_object_get_members (detail)); l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (detail, l->data);

      if (g_str_equal (l->data, "contributors"))
        json_object_set_member (new_detail, l->data, upgrade_contributors (node));
      else if (!g_str_equal (l->data, "diagrams"))
        json_object_set_member (new_detail, l->data, json_node_copy (node));
    }

  diagrams = member (detail, "diagrams");
  if (diagrams != NULL && JSON_NODE_HOLDS_ARRAY (diagrams))
    {
      JsonArray *array = json_node_get_array (diagrams);
      JsonArray *new_diagrams = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *here = moat_format_path_index ("detail", "diagrams", i);

          json_array_add_element (new_diagrams,
                                  upgrade_diagram (json_array_get_element (array, i), report, here));
        }
      json_object_set_array_member (new_detail, "diagrams", new_diagrams);
    }
  else if (diagrams != NULL)
    json_object_set_member (new_detail, "diagrams", json_node_copy (diagrams));

  json_object_set_object_member (out, "detail", new_detail);
  return json_node_init_object (json_node_alloc (), out);
}

/* detail.diagrams[0].cells[3].data.threats[1] in the upgraded model is
 * detail.diagrams[0].diagramJson.cells[3].threats[1] in the 1.x file:
 * the upgrade keeps the order of the cells. */
static char *
v1_path (const char *path)
{
  const char *cells = path ? strstr (path, ".cells[") : NULL;
  const char *close;
  GString *out;

  if (cells == NULL || !g_str_has_prefix (path, "detail.diagrams["))
    return g_strdup (path);

  out = g_string_new_len (path, cells - path);
  g_string_append (out, ".diagramJson");
  close = strchr (cells, ']');
  if (close == NULL)
    {
      g_string_append (out, cells);
      return g_string_free (out, FALSE);
    }

  g_string_append_len (out, cells, close + 1 - cells);
  if (g_str_has_prefix (close + 1, ".data") && (close[6] == '.' || close[6] == '\0'))
    g_string_append (out, close + 6);
  else
    g_string_append (out, close + 1);

  return g_string_free (out, FALSE);
}

static void
copy_report (MoatImportReport *to,
             MoatImportReport *from)
{
  const GType *types;
  guint n_types;

  for (guint i = 0; i < moat_import_report_get_n_issues (from); i++)
    {
      const MoatImportIssue *issue = moat_import_report_get_issue (from, i);
      g_autofree char *path = v1_path (issue->path);

      moat_import_report_add (to, issue->kind, path, issue->value, "%s", issue->message);
    }

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    for (guint n = moat_import_report_get_count (from, types[t]); n > 0; n--)
      moat_import_report_count_object (to, types[t]);
}

/**
 * moat_threat_dragon_v1_import:
 * @root: the parsed file
 *
 * Returns: (transfer full): the model, or %NULL when @root is not a
 *   Threat Dragon model at all
 */
MoatModel *
moat_threat_dragon_v1_import (JsonNode          *root,
                              MoatImportReport **report,
                              GError           **error)
{
  g_autoptr(MoatImportReport) v1_report = NULL;
  g_autoptr(MoatImportReport) v2_report = NULL;
  g_autoptr(JsonNode) upgraded = NULL;
  g_autoptr(GError) local_error = NULL;
  MoatModel *model;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                   _("This is not a valid Threat Dragon 1.x model: %s"),
                   _("the file is not a JSON object"));
      return NULL;
    }

  v1_report = moat_import_report_new (_("OWASP Threat Dragon 1.x"), FALSE);
  upgraded = upgrade (json_node_get_object (root), v1_report);
  model = moat_threat_dragon_import (upgraded, &v2_report, &local_error);
  if (model == NULL)
    {
      /* The 2.x reader's words, about the 1.x file. */
      const char *why = strstr (local_error->message, ": ");

      g_set_error (error, MOAT_ERROR, local_error->code,
                   _("This is not a valid Threat Dragon 1.x model: %s"),
                   why ? why + 2 : local_error->message);
      return NULL;
    }

  copy_report (v1_report, v2_report);
  if (report != NULL)
    *report = g_steal_pointer (&v1_report);
  return model;
}
