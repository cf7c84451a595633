/* moat-format-tmbom.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-asset.h"
#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-format-private.h"
#include "moat-format-tmbom.h"
#include "moat-risk.h"
#include "moat-dismissal.h"
#include "moat-workshop-session.h"
#include "moat-feature-check.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"
#include "moat-slot-order.h"

/* The layout of the one diagram an import makes. */
#define NODE_W   140.0
#define NODE_H   70.0
#define GAP      80.0
#define ZONE_PAD 40.0
#define ZONE_COLS 2

#define ACTOR_TAG "tmbom-actor:"
#define STORE_TAG "tmbom-store:"

static const char * const likelihoods[] = { "rare", "unlikely", "possible", "likely", "certain", NULL };
static const char * const impacts[] = { "negligible", "minor", "moderate", "major", "severe", NULL };
static const char * const skills[] = {
  "script_kid", "insider", "engineer", "expert_engineer", "oc_sponsored", "state_sponsored", NULL
};
static const char * const actor_types[] = {
  "system", "user", "power_user", "administrator", "engineer", "third_party", NULL
};
static const char * const store_types[] = {
  "sql", "key_value", "document", "object", "graph", "time_series", NULL
};

static const struct {
  const char        *status;
  MoatControlStatus  moat;
} control_statuses[] = {
  { "suggested", MOAT_CONTROL_PROPOSED },
  { "approved", MOAT_CONTROL_PLANNED },
  { "scheduled", MOAT_CONTROL_PLANNED },
  { "under_review", MOAT_CONTROL_IN_PROGRESS },
  { "active", MOAT_CONTROL_IMPLEMENTED },
  { "assumed", MOAT_CONTROL_VERIFIED },
  { "wont_do", MOAT_CONTROL_PROPOSED },
  { "retired", MOAT_CONTROL_PROPOSED },
};

static int
index_of (const char * const *words,
          const char         *word)
{
  for (int i = 0; word != NULL && words[i] != NULL; i++)
    if (g_str_equal (words[i], word))
      return i;

  return -1;
}

/* TM-BOM files say where their schema is: the Threat Model Library's. */
gboolean
moat_tmbom_detect (JsonObject *root)
{
  const char *schema = moat_format_peek_string (root, "$schema");

  if (schema != NULL && strstr (schema, "threat-model-library") != NULL)
    return TRUE;

  return json_object_has_member (root, "scope") && json_object_has_member (root, "trust_zones") &&
         json_object_has_member (root, "data_flows");
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

typedef struct
{
  MoatFormatReader  r;
  MoatDiagram      *diagram;
  GHashTable       *zones;     /* symbolic name -> Zone */
  GHashTable       *nodes;     /* symbolic name -> MoatElement flows can join */
  GHashTable       *elements;  /* symbolic name -> any MoatElement */
  GHashTable       *stores;    /* symbolic name -> MoatElement */
  GHashTable       *threats;   /* symbolic name -> MoatThreat */
  GHashTable       *personas;  /* symbolic name -> MoatThreatActor */
  GHashTable       *placed;    /* data store name -> Placement */
  GHashTable       *risks;     /* threat name -> Risk */
  GHashTable       *names;     /* every symbolic name of the file's stores and threats */
  GPtrArray        *boundaries;
  MoatSlotOrder    *order;     /* where each node goes */
  GHashTable       *slots;     /* JsonObject of a node -> its index in order + 1 */
  guint             loose;     /* the group of nodes in no zone, left of the zones */
} TmReader;

typedef struct
{
  MoatElement *boundary;
  guint        n_nodes;
  guint        group;
} Zone;

/* How often flows may be tested against nodes to order the nodes:
 * well under a second's worth, whatever the file's size. */
#define ORDER_BUDGET 8000000

/* The data sets on a data store. */
typedef struct
{
  GPtrArray *asset_ids;
  gboolean   encrypted;
} Placement;

/* The worst risk of a threat. */
typedef struct
{
  int likelihood;
  int impact;
} Risk;

static void
placement_free (Placement *placement)
{
  g_ptr_array_unref (placement->asset_ids);
  g_free (placement);
}

typedef void (*ReadItem) (TmReader   *tm,
                          JsonObject *object,
                          const char *path);

static void
read_list (TmReader   *tm,
           JsonObject *root,
           const char *key,
           const char *expected,
           ReadItem    read_item)
{
  JsonArray *array = moat_format_get_array (&tm->r, root, key, "");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *here = moat_format_path_index (NULL, key, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        moat_format_report_invalid (&tm->r, here, node, expected);
      else
        read_item (tm, json_node_get_object (node), here);
    }
}

/* The symbolic names of a list, before its objects are read: what other
 * lists may refer to. */
static void
peek_names (GHashTable *names,
            JsonObject *root,
            const char *key)
{
  JsonNode *node = json_object_get_member (root, key);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (item)
        ? moat_format_peek_string (json_node_get_object (item), "symbolic_name") : NULL;

      if (name != NULL)
        g_hash_table_add (names, (char *)name);
    }
}

static char *
take_id (TmReader   *tm,
         JsonObject *object,
         const char *path)
{
  g_autofree char *here = moat_format_path (path, "symbolic_name");

  return moat_format_reader_take_id (&tm->r, moat_format_get_string (&tm->r, object, "symbolic_name", path),
                                     here);
}

static void
remember (GHashTable *table,
          JsonObject *object,
          gpointer    value)
{
  const char *name = moat_format_peek_string (object, "symbolic_name");

  if (name != NULL && !g_hash_table_contains (table, name))
    g_hash_table_insert (table, g_strdup (name), value);
}

typedef void (*NodeFunc) (TmReader   *tm,
                          JsonObject *object,
                          Zone       *zone,
                          gpointer    data);

/* Every node of the file before any is read, in the order they will be,
 * with the zone each names. */
static void
foreach_node (TmReader   *tm,
              JsonObject *root,
              NodeFunc    func,
              gpointer    data)
{
  const char *lists[] = { "actors", "components", "data_stores" };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (root, lists[l]);
      JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *object;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          object = json_node_get_object (item);
          func (tm, object,
                g_hash_table_lookup (tm->zones, moat_format_peek_string (object, "trust_zone") ?: ""),
                data);
        }
    }
}

static void
count_node (TmReader   *tm,
            JsonObject *object,
            Zone       *zone,
            gpointer    data)
{
  if (zone != NULL)
    zone->n_nodes++;
}

/* @by_name: symbolic name -> JsonObject, the first of a name winning
 * as in remember() */
static void
plan_node (TmReader   *tm,
           JsonObject *object,
           Zone       *zone,
           gpointer    by_name)
{
  guint index = moat_slot_order_add_node (tm->order, zone ? zone->group : tm->loose);
  const char *name = moat_format_peek_string (object, "symbolic_name");

  g_hash_table_insert (tm->slots, object, GUINT_TO_POINTER (index + 1));
  if (name != NULL && !g_hash_table_contains (by_name, name))
    g_hash_table_insert (by_name, (char *)name, object);
}

static JsonObject *
peek_flow_end (JsonObject *flow,
               const char *which,
               GHashTable *by_name)
{
  JsonNode *end = json_object_get_member (flow, which);
  const char *name;

  if (end == NULL || !JSON_NODE_HOLDS_OBJECT (end))
    return NULL;
  name = moat_format_peek_string (json_node_get_object (end), "object");
  return name ? g_hash_table_lookup (by_name, name) : NULL;
}

/* A TM-BOM has no drawing: the nodes of a zone stand in a grid, and
 * trade places there so that the flows between them come out short,
 * which also keeps them from crossing each other and other shapes. */
static void
plan_layout (TmReader   *tm,
             JsonObject *root)
{
  JsonNode *flows = json_object_get_member (root, "data_flows");
  JsonArray *array = flows && JSON_NODE_HOLDS_ARRAY (flows) ? json_node_get_array (flows) : NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  foreach_node (tm, root, plan_node, by_name);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *source, *target;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      source = peek_flow_end (json_node_get_object (item), "source", by_name);
      target = peek_flow_end (json_node_get_object (item), "destination", by_name);
      if (source != NULL && target != NULL)
        moat_slot_order_add_edge (tm->order,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (tm->slots, source)) - 1,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (tm->slots, target)) - 1);
    }
  moat_slot_order_improve (tm->order, ORDER_BUDGET);
}

static void
read_zone (TmReader   *tm,
           JsonObject *object,
           const char *path)
{
  static const char * const known[] = { "symbolic_name", "title", "description", NULL };
  g_autofree char *id = take_id (tm, object, path);
  g_autoptr(MoatElement) element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
  Zone *zone = g_new0 (Zone, 1);
  const char *name;

  g_object_set (element,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (tm->diagram)),
                "kind", MOAT_ELEMENT_BOUNDARY,
                "name", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                NULL);
  moat_format_report_unknown (&tm->r, object, path, known);
  zone->boundary = element;
  g_ptr_array_add (tm->boundaries, g_object_ref (element));
  remember (tm->elements, object, element);
  /* Elements name their zone: one without a name, or a second of the
   * same name, holds none. */
  name = moat_format_peek_string (object, "symbolic_name");
  if (name != NULL && !g_hash_table_contains (tm->zones, name))
    g_hash_table_insert (tm->zones, g_strdup (name), zone);
  else
    g_free (zone);
}

/* Zones side by side right of the column of elements in none, each as
 * wide as two nodes and as tall as its grid. Added to the model once
 * placed: a change to an object in a model would be an edit. */
static void
place_zones (TmReader *tm)
{
  double x = GAP + NODE_W + 2 * GAP;
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GHashTable) sizes = g_hash_table_new (NULL, NULL);

  g_hash_table_iter_init (&iter, tm->zones);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_hash_table_insert (sizes, ((Zone *)value)->boundary, value);

  for (guint i = 0; i < tm->boundaries->len; i++)
    {
      MoatElement *boundary = g_ptr_array_index (tm->boundaries, i);
      Zone *zone = g_hash_table_lookup (sizes, boundary);
      guint rows = MAX (1, zone ? (zone->n_nodes + ZONE_COLS - 1) / ZONE_COLS : 1);
      double width = 2 * ZONE_PAD + ZONE_COLS * NODE_W + (ZONE_COLS - 1) * GAP;

      g_object_set (boundary, "x", x, "y", GAP, "width", width,
                    "height", 2 * ZONE_PAD + rows * NODE_H + (rows - 1) * GAP, NULL);
      if (zone != NULL)
        zone->group = moat_slot_order_add_group (tm->order, x + ZONE_PAD, GAP + ZONE_PAD,
                                                 ZONE_COLS, rows * ZONE_COLS);
      /* Past the edge of the canvas, the rest pile up there. */
      x = MIN (x + width + 2 * GAP, MOAT_FORMAT_MAX_COORD);
      moat_format_reader_add (&tm->r, boundary);
    }
}

static void
place_node (TmReader    *tm,
            JsonObject  *object,
            MoatElement *element,
            const char  *path)
{
  const char *name = moat_format_get_string (&tm->r, object, "trust_zone", path);
  Zone *zone = name ? g_hash_table_lookup (tm->zones, name) : NULL;
  gpointer slot = g_hash_table_lookup (tm->slots, object);
  double x = GAP, y = GAP;

  if (zone == NULL && name != NULL)
    {
      g_autofree char *here = moat_format_path (path, "trust_zone");
      g_autofree char *value = g_strdup_printf ("\"%.60s\"", name);

      moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                              _("No trust zone has this name; the element is in none"));
    }
  if (slot != NULL)
    moat_slot_order_get_position (tm->order, GPOINTER_TO_UINT (slot) - 1, &x, &y);
  /* Past the edge of the canvas, the rest pile up there. */
  g_object_set (element,
                "x", MIN (x, MOAT_FORMAT_MAX_COORD), "y", MIN (y, MOAT_FORMAT_MAX_COORD),
                "width", NODE_W, "height", NODE_H,
                NULL);
}

static void
add_tag (MoatElement *element,
         const char  *prefix,
         const char  *value)
{
  g_autofree char *tag = g_strconcat (prefix, value, NULL);
  const char *tags[] = { tag, NULL };

  g_object_set (element, "tags", tags, NULL);
}

static MoatElement *
new_node (TmReader        *tm,
          JsonObject      *object,
          MoatElementKind  kind,
          const char      *path)
{
  g_autofree char *id = take_id (tm, object, path);
  MoatElement *element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);

  g_object_set (element,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (tm->diagram)),
                "kind", kind,
                "name", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                NULL);
  place_node (tm, object, element, path);
  remember (tm->nodes, object, element);
  remember (tm->elements, object, element);
  return element;
}

static void
read_actor (TmReader   *tm,
            JsonObject *object,
            const char *path)
{
  static const char * const known[] = { "symbolic_name", "title", "description", "type", "trust_zone", NULL };
  g_autoptr(MoatElement) element = new_node (tm, object, MOAT_ELEMENT_ACTOR, path);
  const char *type = moat_format_get_string (&tm->r, object, "type", path);

  if (index_of (actor_types, type) >= 0)
    {
      add_tag (element, ACTOR_TAG, type);
      if (g_str_equal (type, "administrator"))
        g_object_set (element, "privilege-level", MOAT_PRIVILEGE_ADMIN, NULL);
      else if (g_str_equal (type, "user"))
        g_object_set (element, "privilege-level", MOAT_PRIVILEGE_USER, NULL);
      else if (g_str_equal (type, "system"))
        g_object_set (element, "privilege-level", MOAT_PRIVILEGE_SYSTEM, NULL);
    }
  else if (type != NULL)
    {
      g_autofree char *here = moat_format_path (path, "type");
      g_autofree char *value = g_strdup_printf ("\"%.40s\"", type);

      moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                              _("Not a TM-BOM actor type; not kept"));
    }
  moat_format_report_unknown (&tm->r, object, path, known);
  moat_format_reader_add (&tm->r, element);
}

static void
read_component (TmReader   *tm,
                JsonObject *object,
                const char *path)
{
  static const char * const known[] = { "symbolic_name", "title", "description", "trust_zone", NULL };
  g_autoptr(MoatElement) element = new_node (tm, object, MOAT_ELEMENT_PROCESS, path);

  moat_format_report_unknown (&tm->r, object, path, known);
  moat_format_reader_add (&tm->r, element);
}

static void
read_store (TmReader   *tm,
            JsonObject *object,
            const char *path)
{
  static const char * const known[] = {
    "symbolic_name", "title", "description", "type", "trust_zone", "vendor", "product", NULL
  };
  g_autoptr(MoatElement) element = new_node (tm, object, MOAT_ELEMENT_STORE, path);
  const char *type = moat_format_get_string (&tm->r, object, "type", path);
  const char *vendor = moat_format_get_string (&tm->r, object, "vendor", path);
  const char *product = moat_format_get_string (&tm->r, object, "product", path);
  g_autofree char *technology = NULL;
  Placement *placement;

  if (index_of (store_types, type) >= 0)
    add_tag (element, STORE_TAG, type);
  else if (type != NULL)
    {
      g_autofree char *here = moat_format_path (path, "type");
      g_autofree char *value = g_strdup_printf ("\"%.40s\"", type);

      moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                              _("Not a TM-BOM data store type; not kept"));
    }

  if (!moat_format_text_is_empty (vendor) && !moat_format_text_is_empty (product))
    technology = g_strdup_printf ("%s %s", vendor, product);
  else if (!moat_format_text_is_empty (vendor) || !moat_format_text_is_empty (product))
    technology = g_strdup (moat_format_text_is_empty (vendor) ? product : vendor);
  if (technology != NULL)
    {
      g_autofree char *here = moat_format_path (path, "vendor");

      g_object_set (element, "technology", technology, NULL);
      if (!moat_format_text_is_empty (vendor) && !moat_format_text_is_empty (product))
        moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, NULL,
                                _("Vendor and product became the technology “%s”"), technology);
    }

  placement = g_hash_table_lookup (tm->placed, moat_format_peek_string (object, "symbolic_name") ?: "");
  if (placement != NULL)
    {
      g_ptr_array_add (placement->asset_ids, NULL);
      g_object_set (element, "asset-ids", placement->asset_ids->pdata, NULL);
      g_ptr_array_remove_index (placement->asset_ids, placement->asset_ids->len - 1);
      if (placement->encrypted)
        g_object_set (element, "encrypted-at-rest", TRUE, NULL);
    }

  moat_format_report_unknown (&tm->r, object, path, known);
  remember (tm->stores, object, element);
  moat_format_reader_add (&tm->r, element);
}

static MoatElement *
flow_end (TmReader   *tm,
          JsonObject *object,
          const char *which,
          const char *path)
{
  g_autofree char *here = moat_format_path (path, which);
  JsonObject *end = moat_format_get_object (&tm->r, object, which, path);
  const char *name = moat_format_get_string (&tm->r, end, "object", here);

  return name ? g_hash_table_lookup (tm->nodes, name) : NULL;
}

static void
read_flow (TmReader   *tm,
           JsonObject *object,
           const char *path)
{
  static const char * const known[] = {
    "symbolic_name", "title", "description", "source", "destination", "has_sensitive_data",
    "encrypted", NULL
  };
  MoatElement *source = flow_end (tm, object, "source", path);
  MoatElement *target = flow_end (tm, object, "destination", path);
  g_autoptr(MoatElement) element = NULL;
  g_autofree char *id = NULL;
  gboolean flag;

  if (source == NULL || target == NULL)
    {
      moat_format_report_unjoined_flow (&tm->r, path, object, FALSE);
      return;
    }

  id = take_id (tm, object, path);
  element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
  g_object_set (element,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (tm->diagram)),
                "kind", MOAT_ELEMENT_FLOW,
                "name", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                "source-id", moat_object_get_id (MOAT_OBJECT (source)),
                "target-id", moat_object_get_id (MOAT_OBJECT (target)),
                NULL);
  if (moat_format_get_boolean (&tm->r, object, "encrypted", path, &flag))
    g_object_set (element, "encrypted-in-transit", flag, NULL);
  if (moat_format_get_boolean (&tm->r, object, "has_sensitive_data", path, &flag))
    g_object_set (element, "data-classification",
                  flag ? MOAT_CLASSIFICATION_CONFIDENTIAL : MOAT_CLASSIFICATION_INTERNAL, NULL);

  moat_format_report_unknown (&tm->r, object, path, known);
  remember (tm->elements, object, element);
  moat_format_reader_add (&tm->r, element);
}

static const char * const *
read_names (TmReader   *tm,
            JsonObject *object,
            const char *key,
            GHashTable *table,
            GType       type,
            const char *path,
            GPtrArray  *ids)
{
  JsonArray *array = moat_format_get_array (&tm->r, object, key, path);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *here = moat_format_path_index (path, key, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      MoatObject *target = name ? g_hash_table_lookup (table, name) : NULL;

      if (target != NULL && G_TYPE_CHECK_INSTANCE_TYPE (target, type))
        {
          if (!g_ptr_array_find_with_equal_func (ids, moat_object_get_id (target), g_str_equal, NULL))
            g_ptr_array_add (ids, (char *)moat_object_get_id (target));
        }
      else if (name == NULL)
        moat_format_report_invalid (&tm->r, here, node, _("a symbolic name"));
      else
        {
          g_autofree char *value = g_strdup_printf ("\"%.60s\"", name);

          moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                                  _("Nothing in the file has this name; left out"));
        }
    }

  g_ptr_array_add (ids, NULL);
  return (const char * const *)ids->pdata;
}

static void
read_data_set (TmReader   *tm,
               JsonObject *object,
               const char *path)
{
  static const char * const known[] = {
    "symbolic_name", "title", "description", "placements", "data_sensitivity", NULL
  };
  static const char * const restricted[] = { "pii", "phi", "fin", "pci", "cred", NULL };
  g_autofree char *id = take_id (tm, object, path);
  g_autoptr(MoatAsset) asset = g_object_new (MOAT_TYPE_ASSET, "id", id, NULL);
  JsonArray *sensitivity = moat_format_get_array (&tm->r, object, "data_sensitivity", path);
  JsonArray *placements = moat_format_get_array (&tm->r, object, "placements", path);
  MoatClassification classification = MOAT_CLASSIFICATION_CONFIDENTIAL;

  for (guint i = 0; sensitivity != NULL && i < json_array_get_length (sensitivity); i++)
    {
      JsonNode *node = json_array_get_element (sensitivity, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strv_contains (restricted, json_node_get_string (node)))
        classification = MOAT_CLASSIFICATION_RESTRICTED;
    }
  if (sensitivity != NULL && json_array_get_length (sensitivity) > 0)
    {
      g_autofree char *here = moat_format_path (path, "data_sensitivity");
      g_autofree char *value = moat_format_node_text (json_object_get_member (object, "data_sensitivity"));

      moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, value,
                              _("Moat classifies data by how sensitive it is: %s"),
                              moat_format_enum_label (MOAT_TYPE_CLASSIFICATION, classification));
    }

  g_object_set (asset,
                "name", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                "classification", classification,
                NULL);
  moat_format_report_unknown (&tm->r, object, path, known);
  moat_format_reader_add (&tm->r, asset);

  for (guint i = 0; placements != NULL && i < json_array_get_length (placements); i++)
    {
      static const char * const placement_keys[] = { "data_store", "encrypted", NULL };
      JsonNode *node = json_array_get_element (placements, i);
      g_autofree char *here = moat_format_path_index (path, "placements", i);
      JsonObject *placement = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = moat_format_get_string (&tm->r, placement, "data_store", here);
      Placement *on;
      gboolean encrypted;

      if (name == NULL || !g_hash_table_contains (tm->names, name))
        {
          moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, NULL,
                                  _("Not a data store of the file; the placement is left out"));
          continue;
        }
      if (!(on = g_hash_table_lookup (tm->placed, name)))
        {
          on = g_new0 (Placement, 1);
          on->asset_ids = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (tm->placed, g_strdup (name), on);
        }
      g_ptr_array_add (on->asset_ids, g_strdup (id));
      if (moat_format_get_boolean (&tm->r, placement, "encrypted", here, &encrypted) && encrypted)
        on->encrypted = TRUE;
      moat_format_report_unknown (&tm->r, placement, here, placement_keys);
    }
}

static void
read_assumption (TmReader   *tm,
                 JsonObject *object,
                 const char *path)
{
  static const char * const known[] = { "description", "validity", "topics", NULL };
  g_autofree char *id = moat_format_reader_take_id (&tm->r, NULL, path);
  g_autoptr(MoatAssumption) assumption = g_object_new (MOAT_TYPE_ASSUMPTION, "id", id, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char *validity = moat_format_get_string (&tm->r, object, "validity", path);
  JsonArray *topics = moat_format_get_array (&tm->r, object, "topics", path);
  MoatAssumptionStatus status = MOAT_ASSUMPTION_UNVALIDATED;

  if (g_strcmp0 (validity, "confirmed") == 0)
    status = MOAT_ASSUMPTION_VALIDATED;
  else if (g_strcmp0 (validity, "rejected") == 0)
    status = MOAT_ASSUMPTION_INVALIDATED;

  /* Topics may name elements or trust zones; both are elements here. */
  for (guint i = 0; topics != NULL && i < json_array_get_length (topics); i++)
    {
      JsonNode *node = json_array_get_element (topics, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      MoatElement *element = name ? g_hash_table_lookup (tm->elements, name) : NULL;
      g_autofree char *here = moat_format_path_index (path, "topics", i);

      if (element != NULL)
        g_ptr_array_add (ids, (char *)moat_object_get_id (MOAT_OBJECT (element)));
      else
        {
          g_autofree char *value = moat_format_node_text (node);

          moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                                  _("Not an element of the model; the assumption is not linked to it"));
        }
    }
  g_ptr_array_add (ids, NULL);

  g_object_set (assumption,
                "statement", moat_format_get_string (&tm->r, object, "description", path),
                "status", status,
                "element-ids", ids->pdata,
                NULL);
  moat_format_report_unknown (&tm->r, object, path, known);
  moat_format_reader_add (&tm->r, assumption);
}

static void
read_persona (TmReader   *tm,
              JsonObject *object,
              const char *path)
{
  static const char * const known[] = {
    "symbolic_name", "title", "description", "skill_level", "access_level", "malicious_intent",
    "is_person", "applicability_to_org", NULL
  };
  g_autofree char *id = take_id (tm, object, path);
  MoatThreatActor *actor = g_object_new (MOAT_TYPE_THREAT_ACTOR, "id", id, NULL);
  const char *skill = moat_format_get_string (&tm->r, object, "skill_level", path);
  const char *access = moat_format_get_string (&tm->r, object, "access_level", path);
  const char *applicability = moat_format_get_string (&tm->r, object, "applicability_to_org", path);
  gboolean malicious = TRUE, person = TRUE;
  g_autoptr(GString) motivation = g_string_new (NULL);
  int level = index_of (skills, skill);

  moat_format_get_boolean (&tm->r, object, "malicious_intent", path, &malicious);
  moat_format_get_boolean (&tm->r, object, "is_person", path, &person);

  /* Six skill levels onto Moat's five: engineers and insiders both 2. */
  if (level >= 0)
    g_object_set (actor, "capability", CLAMP (level == 0 ? 1 : level, 1, 5), NULL);

  g_string_append (motivation, malicious ? _("Malicious") : _("Not malicious"));
  if (!person)
    g_string_append_printf (motivation, "; %s", _("automated"));
  if (access != NULL)
    g_string_append_printf (motivation, "; %s: %s", _("access"), access);
  if (applicability != NULL)
    g_string_append_printf (motivation, "; %s: %s", _("applicability"), applicability);

  g_object_set (actor,
                "name", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                "motivation", motivation->str,
                NULL);
  if (skill != NULL || access != NULL || applicability != NULL)
    moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, NULL,
                            _("The skill level became the capability; intent, access level and "
                              "applicability are in the motivation"));
  moat_format_report_unknown (&tm->r, object, path, known);
  remember (tm->personas, object, actor);
  moat_format_reader_add (&tm->r, actor);
  g_object_unref (actor);
}

static void
add_refs (TmReader   *tm,
          JsonObject *object,
          const char *key,
          const char *id_key,
          const char *prefix,
          const char *path,
          GPtrArray  *refs)
{
  JsonArray *array = moat_format_get_array (&tm->r, object, key, path);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *here = moat_format_path_index (path, key, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      double number;

      if (item == NULL || !moat_format_get_number (&tm->r, item, id_key, here, &number) ||
          number < 0 || number > 1e9 || number != floor (number))
        {
          moat_format_report_invalid (&tm->r, here, node, _("a numbered reference"));
          continue;
        }
      g_ptr_array_add (refs, g_strdup_printf ("%s-%.0f", prefix, number));
    }
}

static void
read_threat (TmReader   *tm,
             JsonObject *object,
             const char *path)
{
  static const char * const known[] = {
    "symbolic_name", "title", "description", "components_affected", "threat_persona",
    "attack_mechanisms", "weaknesses", NULL
  };
  g_autofree char *id = take_id (tm, object, path);
  MoatThreat *threat = g_object_new (MOAT_TYPE_THREAT, "id", id, NULL);
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  const char *persona = moat_format_get_string (&tm->r, object, "threat_persona", path);
  MoatThreatActor *actor = persona ? g_hash_table_lookup (tm->personas, persona) : NULL;
  Risk *risk = g_hash_table_lookup (tm->risks, moat_format_peek_string (object, "symbolic_name") ?: "");

  if (risk != NULL && risk->likelihood > 0)
    g_object_set (threat, "likelihood", risk->likelihood, NULL);
  if (risk != NULL && risk->impact > 0)
    g_object_set (threat, "impact", risk->impact, NULL);

  add_refs (tm, object, "attack_mechanisms", "capec_id", "CAPEC", path, refs);
  add_refs (tm, object, "weaknesses", "cwe_id", "CWE", path, refs);
  g_ptr_array_add (refs, NULL);

  g_object_set (threat,
                "title", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                "element-ids", read_names (tm, object, "components_affected", tm->elements,
                                           MOAT_TYPE_ELEMENT, path, elements),
                "refs", refs->len > 1 ? (const char * const *)refs->pdata : NULL,
                "actor-id", actor ? moat_object_get_id (MOAT_OBJECT (actor)) : NULL,
                NULL);
  if (persona != NULL && actor == NULL)
    {
      g_autofree char *here = moat_format_path (path, "threat_persona");
      g_autofree char *value = g_strdup_printf ("\"%.60s\"", persona);

      moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                              _("No threat persona has this name; not kept"));
    }

  moat_format_report_unknown (&tm->r, object, path, known);
  remember (tm->threats, object, threat);
  moat_format_reader_add (&tm->r, threat);
  g_object_unref (threat);
}

static void
read_control (TmReader   *tm,
              JsonObject *object,
              const char *path)
{
  static const char * const known[] = {
    "symbolic_name", "title", "description", "threats", "status", NULL
  };
  g_autofree char *id = take_id (tm, object, path);
  g_autoptr(MoatControl) control = g_object_new (MOAT_TYPE_CONTROL, "id", id, NULL);
  g_autoptr(GPtrArray) threats = g_ptr_array_new ();
  const char *status = moat_format_get_string (&tm->r, object, "status", path);
  MoatControlStatus moat_status = MOAT_CONTROL_PROPOSED;
  gboolean known_status = FALSE;

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (control_statuses); i++)
    if (g_str_equal (status, control_statuses[i].status))
      moat_status = control_statuses[i].moat, known_status = TRUE;

  if (status != NULL && (!known_status || g_str_equal (status, "wont_do") || g_str_equal (status, "retired")))
    {
      g_autofree char *here = moat_format_path (path, "status");
      g_autofree char *value = g_strdup_printf ("\"%.40s\"", status);

      moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, value,
                              _("Moat has no such control status; the control is proposed"));
    }

  g_object_set (control,
                "title", moat_format_get_string (&tm->r, object, "title", path),
                "description", moat_format_get_string (&tm->r, object, "description", path),
                "status", moat_status,
                "threat-ids", read_names (tm, object, "threats", tm->threats, MOAT_TYPE_THREAT, path, threats),
                NULL);
  moat_format_report_unknown (&tm->r, object, path, known);
  moat_format_reader_add (&tm->r, control);
}

/* Risks are read before threats: each threat takes the likelihood and
 * impact of the worst risk it is in. */
static void
read_risk (TmReader   *tm,
           JsonObject *object,
           const char *path)
{
  static const char * const known[] = { "symbolic_name", "threats", "likelihood", "impact", "score", "level", NULL };
  int likelihood = index_of (likelihoods, moat_format_get_string (&tm->r, object, "likelihood", path));
  int impact = index_of (impacts, moat_format_get_string (&tm->r, object, "impact", path));
  JsonArray *threats = moat_format_get_array (&tm->r, object, "threats", path);

  for (guint i = 0; threats != NULL && i < json_array_get_length (threats); i++)
    {
      JsonNode *node = json_array_get_element (threats, i);
      g_autofree char *here = moat_format_path_index (path, "threats", i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) &&
                         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      Risk *risk;

      if (name == NULL || !g_hash_table_contains (tm->names, name))
        {
          g_autofree char *value = moat_format_node_text (node);

          moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                                  _("No threat has this name; left out"));
          continue;
        }
      if (!(risk = g_hash_table_lookup (tm->risks, name)))
        g_hash_table_insert (tm->risks, g_strdup (name), risk = g_new0 (Risk, 1));
      risk->likelihood = MAX (risk->likelihood, likelihood + 1);
      risk->impact = MAX (risk->impact, impact + 1);
    }

  if (likelihood < 0 || impact < 0)
    moat_import_report_add (tm->r.report, MOAT_IMPORT_ISSUE_INVALID, path, NULL,
                            _("The risk’s likelihood or impact is not one TM-BOM defines; "
                              "its threats keep the middle value"));
  moat_format_report_unknown (&tm->r, object, path, known);
}

static void
read_scope (TmReader   *tm,
            JsonObject *root)
{
  static const char * const scope_keys[] = { "title", "description", NULL };
  JsonObject *scope = moat_format_get_object (&tm->r, root, "scope", "");
  const char *title = moat_format_get_string (&tm->r, scope, "title", "scope");
  const char *scope_text = moat_format_get_string (&tm->r, scope, "description", "scope");

  moat_format_model_set (tm->r.model, "title", title);
  moat_format_model_set (tm->r.model, "description",
                         moat_format_get_string (&tm->r, root, "description", ""));
  moat_format_model_set (tm->r.model, "scope-in", scope_text);
  moat_format_model_set (tm->r.model, "version-label",
                         moat_format_get_string (&tm->r, root, "version", ""));
  moat_format_report_unknown (&tm->r, scope, "scope", scope_keys);
}

static gboolean
invalid_file (GError     **error,
              const char  *what)
{
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
               _("This is not a valid TM-BOM: %s"), what);
  return FALSE;
}

/**
 * moat_tmbom_import:
 * @root: the parsed file
 *
 * Returns: (transfer full): the model, or %NULL when @root is not a
 *   TM-BOM at all
 */
MoatModel *
moat_tmbom_import (JsonNode          *root,
                   MoatImportReport **report,
                   GError           **error)
{
  static const char * const root_keys[] = {
    "$schema", "version", "scope", "description", "trust_zones", "actors", "components",
    "data_stores", "data_sets", "data_flows", "assumptions", "threat_personas", "threats",
    "controls", "risks", NULL
  };
  TmReader tm = { 0 };
  JsonObject *object;
  JsonNode *scope;
  g_autofree char *diagram_id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return invalid_file (error, _("the file is not a JSON object")), NULL;
  object = json_node_get_object (root);
  scope = json_object_get_member (object, "scope");
  if (scope == NULL || !JSON_NODE_HOLDS_OBJECT (scope))
    return invalid_file (error, _("“scope” is missing or not an object")), NULL;
  if (!moat_tmbom_detect (object))
    return invalid_file (error, _("it names no Threat Model Library schema and has no trust zones "
                                  "or data flows")), NULL;

  moat_format_reader_init (&tm.r, _("OWASP TM-BOM"), NULL);
  tm.zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tm.nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tm.elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tm.stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tm.threats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tm.personas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tm.placed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)placement_free);
  tm.risks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  tm.names = g_hash_table_new (g_str_hash, g_str_equal);
  tm.boundaries = g_ptr_array_new_with_free_func (g_object_unref);
  peek_names (tm.names, object, "data_stores");
  peek_names (tm.names, object, "threats");

  read_scope (&tm, object);

  diagram_id = moat_format_reader_take_id (&tm.r, NULL, "scope");
  tm.diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", diagram_id, NULL);
  g_object_set (tm.diagram, "title", moat_model_get_title (tm.r.model), NULL);
  moat_format_reader_add (&tm.r, tm.diagram);

  read_list (&tm, object, "trust_zones", _("a trust zone"), read_zone);
  foreach_node (&tm, object, count_node, NULL);

  tm.order = moat_slot_order_new (NODE_W, NODE_H, GAP);
  tm.slots = g_hash_table_new (NULL, NULL);
  /* What is in no zone stands in a column on the left. */
  tm.loose = moat_slot_order_add_group (tm.order, GAP, GAP, 1, 0);
  place_zones (&tm);
  plan_layout (&tm, object);
  read_list (&tm, object, "data_sets", _("a data set"), read_data_set);
  read_list (&tm, object, "risks", _("a risk"), read_risk);

  read_list (&tm, object, "actors", _("an actor"), read_actor);
  read_list (&tm, object, "components", _("a component"), read_component);
  read_list (&tm, object, "data_stores", _("a data store"), read_store);
  read_list (&tm, object, "data_flows", _("a data flow"), read_flow);
  read_list (&tm, object, "assumptions", _("an assumption"), read_assumption);
  read_list (&tm, object, "threat_personas", _("a threat persona"), read_persona);
  read_list (&tm, object, "threats", _("a threat"), read_threat);
  read_list (&tm, object, "controls", _("a control"), read_control);
  moat_format_report_unknown (&tm.r, object, "", root_keys);

  g_clear_object (&tm.diagram);
  g_hash_table_unref (tm.zones);
  g_hash_table_unref (tm.nodes);
  g_hash_table_unref (tm.elements);
  g_hash_table_unref (tm.stores);
  g_hash_table_unref (tm.threats);
  g_hash_table_unref (tm.personas);
  g_hash_table_unref (tm.placed);
  g_hash_table_unref (tm.risks);
  g_hash_table_unref (tm.names);
  g_ptr_array_unref (tm.boundaries);
  g_hash_table_unref (tm.slots);
  moat_slot_order_free (tm.order);
  MoatModel *model = moat_format_reader_finish (&tm.r, report);
  moat_format_reader_clear (&tm.r);
  return model;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

typedef struct
{
  MoatModel        *model;
  MoatImportReport *report;
  GHashTable       *names;   /* Moat id -> symbolic name */
  GHashTable       *taken;   /* symbolic names handed out */
  GPtrArray        *boundaries;
} TmWriter;

/* Symbolic names are lower case letters, digits and dashes; Moat's ids
 * mostly are already (UUIDs), others are made so and kept unique. */
static const char *
symbolic_name (TmWriter   *w,
               const char *id)
{
  g_autoptr(GString) name = NULL;
  const char *found = g_hash_table_lookup (w->names, id);

  if (found != NULL)
    return found;

  name = g_string_new (NULL);
  for (const char *p = id; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '-');
  if (name->len == 0)
    g_string_append (name, "object");
  if (g_hash_table_contains (w->taken, name->str))
    {
      gsize len = name->len;

      for (guint n = 2; g_hash_table_contains (w->taken, name->str); n++)
        {
          g_string_truncate (name, len);
          g_string_append_printf (name, "-%u", n);
        }
    }

  g_hash_table_add (w->taken, g_strdup (name->str));
  g_hash_table_insert (w->names, g_strdup (id), g_strdup (name->str));
  return g_hash_table_lookup (w->names, id);
}

static const char *
name_of (TmWriter   *w,
         gpointer    object)
{
  return symbolic_name (w, moat_object_get_id (MOAT_OBJECT (object)));
}

static void
set_text (JsonObject *object,
          const char *key,
          const char *text)
{
  json_object_set_string_member (object, key, text ? text : "");
}

static JsonObject *
named_object (TmWriter   *w,
              gpointer    object,
              const char *title,
              const char *description)
{
  JsonObject *json = json_object_new ();

  json_object_set_string_member (json, "symbolic_name", name_of (w, object));
  set_text (json, "title", title);
  set_text (json, "description", description);
  return json;
}

static const char *
tag_value (MoatElement *element,
           const char  *prefix)
{
  const char * const *tags = moat_element_get_tags (element);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (g_str_has_prefix (tags[i], prefix))
      return tags[i] + strlen (prefix);

  return NULL;
}

/* The smallest boundary of the same diagram holding the element's centre. */
static MoatElement *
zone_of (TmWriter    *w,
         MoatElement *element)
{
  double cx = moat_element_get_x (element) + moat_element_get_width (element) / 2;
  double cy = moat_element_get_y (element) + moat_element_get_height (element) / 2;
  MoatElement *best = NULL;

  for (guint i = 0; i < w->boundaries->len; i++)
    {
      MoatElement *b = g_ptr_array_index (w->boundaries, i);
      double x = moat_element_get_x (b), y = moat_element_get_y (b);

      if (g_strcmp0 (moat_element_get_diagram_id (b), moat_element_get_diagram_id (element)) != 0 ||
          cx < x || cy < y || cx > x + moat_element_get_width (b) || cy > y + moat_element_get_height (b))
        continue;
      if (best == NULL ||
          moat_element_get_width (b) * moat_element_get_height (b) <
          moat_element_get_width (best) * moat_element_get_height (best))
        best = b;
    }

  return best;
}

static const char *
actor_type (MoatElement *element)
{
  const char *tagged = tag_value (element, ACTOR_TAG);

  if (index_of (actor_types, tagged) >= 0)
    return tagged;

  switch (moat_element_get_privilege_level (element))
    {
    case MOAT_PRIVILEGE_ADMIN:
      return "administrator";
    case MOAT_PRIVILEGE_USER:
      return "user";
    case MOAT_PRIVILEGE_SYSTEM:
      return "system";
    case MOAT_PRIVILEGE_ANONYMOUS:
    case MOAT_PRIVILEGE_UNKNOWN:
    default:
      return "third_party";
    }
}

static const char *
end_type (MoatElement *element)
{
  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_ACTOR:
      return "actor";
    case MOAT_ELEMENT_STORE:
      return "data_store";
    default:
      return "component";
    }
}

static JsonObject *
flow_end_object (TmWriter   *w,
                 const char *id)
{
  JsonObject *end = json_object_new ();
  MoatElement *element = moat_model_lookup_typed (w->model, id, MOAT_TYPE_ELEMENT);

  json_object_set_string_member (end, "type", element ? end_type (element) : "component");
  json_object_set_string_member (end, "object", symbolic_name (w, id));
  return end;
}

static void
write_elements (TmWriter   *w,
                JsonObject *root)
{
  static const char * const node_carried[] = {
    "diagram-id", "kind", "name", "description", "x", "y", "width", "height", "tags", NULL
  };
  static const char * const store_carried[] = {
    "diagram-id", "kind", "name", "description", "x", "y", "width", "height", "tags", "technology",
    "asset-ids", "encrypted-at-rest", NULL
  };
  static const char * const actor_carried[] = {
    "diagram-id", "kind", "name", "description", "x", "y", "width", "height", "tags",
    "privilege-level", NULL
  };
  static const char * const flow_carried[] = {
    "diagram-id", "kind", "name", "description", "source-id", "target-id", "points",
    "encrypted-in-transit", "data-classification", NULL
  };
  g_autoptr(GPtrArray) elements = moat_format_sorted_list (w->model, MOAT_TYPE_ELEMENT);
  JsonArray *zones = json_array_new ();
  JsonArray *actors = json_array_new ();
  JsonArray *components = json_array_new ();
  JsonArray *stores = json_array_new ();
  JsonArray *flows = json_array_new ();

  for (guint i = 0; i < elements->len; i++)
    if (moat_element_get_kind (g_ptr_array_index (elements, i)) == MOAT_ELEMENT_BOUNDARY)
      g_ptr_array_add (w->boundaries, g_ptr_array_index (elements, i));

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      const char *name = moat_element_get_name (element);
      const char *description = moat_element_get_description (element);
      MoatElement *zone = NULL;
      JsonObject *json;

      switch (moat_element_get_kind (element))
        {
        case MOAT_ELEMENT_BOUNDARY:
          json_array_add_object_element (zones, named_object (w, element, name, description));
          moat_format_report_fields (w->report, MOAT_OBJECT (element), node_carried);
          moat_import_report_count_object (w->report, MOAT_TYPE_ELEMENT);
          continue;

        case MOAT_ELEMENT_FLOW:
          json = named_object (w, element, name, description);
          json_object_set_object_member (json, "source", flow_end_object (w, moat_element_get_source_id (element)));
          json_object_set_object_member (json, "destination",
                                         flow_end_object (w, moat_element_get_target_id (element)));
          json_object_set_boolean_member (json, "has_sensitive_data",
                                          moat_element_get_data_classification (element) >=
                                          MOAT_CLASSIFICATION_CONFIDENTIAL);
          json_object_set_boolean_member (json, "encrypted", moat_element_get_encrypted_in_transit (element));
          json_array_add_object_element (flows, json);
          moat_format_report_fields (w->report, MOAT_OBJECT (element), flow_carried);
          moat_import_report_count_object (w->report, MOAT_TYPE_ELEMENT);
          continue;

        case MOAT_ELEMENT_ACTOR:
          json = named_object (w, element, name, description);
          json_object_set_string_member (json, "type", actor_type (element));
          json_array_add_object_element (actors, json);
          moat_format_report_fields (w->report, MOAT_OBJECT (element), actor_carried);
          break;

        case MOAT_ELEMENT_STORE:
          json = named_object (w, element, name, description);
          json_object_set_string_member (json, "type",
                                         index_of (store_types, tag_value (element, STORE_TAG)) >= 0
                                         ? tag_value (element, STORE_TAG) : "object");
          if (!moat_format_text_is_empty (moat_element_get_technology (element)))
            json_object_set_string_member (json, "product", moat_element_get_technology (element));
          json_array_add_object_element (stores, json);
          moat_format_report_fields (w->report, MOAT_OBJECT (element), store_carried);
          break;

        case MOAT_ELEMENT_PROCESS:
          json = named_object (w, element, name, description);
          json_array_add_object_element (components, json);
          moat_format_report_fields (w->report, MOAT_OBJECT (element), node_carried);
          break;

        case MOAT_ELEMENT_NOTE:
        default:
          moat_format_report_skipped (w->report, MOAT_OBJECT (element),
                                      _("TM-BOM has no notes; not written"));
          continue;
        }

      zone = zone_of (w, element);
      if (zone != NULL)
        json_object_set_string_member (json, "trust_zone", name_of (w, zone));
      moat_import_report_count_object (w->report, MOAT_TYPE_ELEMENT);
    }

  json_object_set_array_member (root, "trust_zones", zones);
  json_object_set_array_member (root, "trust_boundaries", json_array_new ());
  json_object_set_array_member (root, "actors", actors);
  json_object_set_array_member (root, "components", components);
  json_object_set_array_member (root, "data_stores", stores);
  json_object_set_array_member (root, "data_flows", flows);
}

static JsonArray *
names_array (TmWriter           *w,
             const char * const *ids,
             GType               type)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatObject *object = moat_model_lookup (w->model, ids[i]);

      if (object != NULL && G_TYPE_CHECK_INSTANCE_TYPE (object, type) &&
          !(type == MOAT_TYPE_ELEMENT && moat_element_get_kind (MOAT_ELEMENT (object)) == MOAT_ELEMENT_NOTE))
        json_array_add_string_element (array, name_of (w, object));
    }

  return array;
}

static void
write_data_sets (TmWriter   *w,
                 JsonObject *root)
{
  static const char * const carried[] = { "name", "description", "classification", NULL };
  g_autoptr(GPtrArray) assets = moat_format_sorted_list (w->model, MOAT_TYPE_ASSET);
  g_autoptr(GPtrArray) elements = moat_format_sorted_list (w->model, MOAT_TYPE_ELEMENT);
  JsonArray *sets = json_array_new ();

  for (guint i = 0; i < assets->len; i++)
    {
      MoatAsset *asset = g_ptr_array_index (assets, i);
      JsonObject *json = named_object (w, asset, moat_asset_get_name (asset), moat_asset_get_description (asset));
      JsonArray *placements = json_array_new ();
      JsonArray *sensitivity = json_array_new ();
      MoatClassification classification = moat_asset_get_classification (asset);

      for (guint j = 0; j < elements->len; j++)
        {
          MoatElement *store = g_ptr_array_index (elements, j);
          const char * const *ids = moat_element_get_asset_ids (store);
          JsonObject *placement;

          if (moat_element_get_kind (store) != MOAT_ELEMENT_STORE || ids == NULL ||
              !g_strv_contains (ids, moat_object_get_id (MOAT_OBJECT (asset))))
            continue;
          placement = json_object_new ();
          json_object_set_string_member (placement, "data_store", name_of (w, store));
          json_object_set_boolean_member (placement, "encrypted", moat_element_get_encrypted_at_rest (store));
          json_array_add_object_element (placements, placement);
        }

      json_array_add_string_element (sensitivity,
                                     classification == MOAT_CLASSIFICATION_RESTRICTED ? "pii"
                                     : classification == MOAT_CLASSIFICATION_CONFIDENTIAL ? "biz" : "op");
      if (classification == MOAT_CLASSIFICATION_PUBLIC)
        {
          g_autofree char *path = moat_format_object_path (MOAT_OBJECT (asset), "classification");

          moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_CONVERTED, path, "\"public\"",
                                  _("TM-BOM has no public data; written as operational data (op)"));
        }
      json_object_set_array_member (json, "placements", placements);
      json_object_set_array_member (json, "data_sensitivity", sensitivity);
      json_array_add_object_element (sets, json);
      moat_format_report_fields (w->report, MOAT_OBJECT (asset), carried);
      moat_import_report_count_object (w->report, MOAT_TYPE_ASSET);
    }

  json_object_set_array_member (root, "data_sets", sets);
}

static void
write_assumptions (TmWriter   *w,
                   JsonObject *root)
{
  static const char * const carried[] = { "statement", "status", "element-ids", NULL };
  g_autoptr(GPtrArray) assumptions = moat_format_sorted_list (w->model, MOAT_TYPE_ASSUMPTION);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < assumptions->len; i++)
    {
      MoatAssumption *assumption = g_ptr_array_index (assumptions, i);
      JsonObject *json = json_object_new ();
      MoatAssumptionStatus status = moat_assumption_get_status (assumption);

      set_text (json, "description", moat_assumption_get_statement (assumption));
      json_object_set_string_member (json, "validity",
                                     status == MOAT_ASSUMPTION_VALIDATED ? "confirmed"
                                     : status == MOAT_ASSUMPTION_INVALIDATED ? "rejected" : "unconfirmed");
      json_object_set_array_member (json, "topics",
                                    names_array (w, moat_assumption_get_element_ids (assumption),
                                                 MOAT_TYPE_ELEMENT));
      json_array_add_object_element (array, json);
      moat_format_report_fields (w->report, MOAT_OBJECT (assumption), carried);
      moat_import_report_count_object (w->report, MOAT_TYPE_ASSUMPTION);
    }

  json_object_set_array_member (root, "assumptions", array);
}

static JsonObject *
persona_object (const char *name,
                const char *title,
                const char *description,
                int         capability)
{
  static const char * const by_capability[] = {
    "script_kid", "engineer", "expert_engineer", "oc_sponsored", "state_sponsored"
  };
  JsonObject *json = json_object_new ();

  json_object_set_string_member (json, "symbolic_name", name);
  set_text (json, "title", title);
  set_text (json, "description", description);
  json_object_set_boolean_member (json, "is_person", TRUE);
  json_object_set_string_member (json, "skill_level", by_capability[CLAMP (capability, 1, 5) - 1]);
  json_object_set_string_member (json, "access_level", "anonymous");
  json_object_set_boolean_member (json, "malicious_intent", TRUE);
  json_object_set_string_member (json, "applicability_to_org", "moderate");
  return json;
}

static JsonArray *
refs_array (const char * const *refs,
            const char         *prefix,
            const char         *id_key)
{
  JsonArray *array = json_array_new ();
  gsize n = strlen (prefix);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      char *end;
      guint64 number;
      JsonObject *json;

      if (strncmp (refs[i], prefix, n) != 0 || refs[i][n] != '-' || !g_ascii_isdigit (refs[i][n + 1]))
        continue;
      number = g_ascii_strtoull (refs[i] + n + 1, &end, 10);
      if (*end != '\0' || number > 1000000000)
        continue;
      json = json_object_new ();
      json_object_set_int_member (json, id_key, (gint64)number);
      json_array_add_object_element (array, json);
    }

  return array;
}

static const char *
priority_for (int likelihood,
              int impact)
{
  switch (moat_risk_level (likelihood, impact))
    {
    case MOAT_RISK_CRITICAL:
      return "critical";
    case MOAT_RISK_HIGH:
      return "high";
    case MOAT_RISK_MEDIUM:
      return "medium";
    case MOAT_RISK_LOW:
    default:
      return "low";
    }
}

static void
write_threats (TmWriter   *w,
               JsonObject *root)
{
  static const char * const threat_carried[] = {
    "title", "description", "element-ids", "actor-id", "likelihood", "impact", "refs", "category", NULL
  };
  static const char * const actor_carried[] = { "name", "description", "capability", NULL };
  static const char * const control_carried[] = { "title", "description", "threat-ids", "status", NULL };
  static const char * const statuses[] = {
    [MOAT_CONTROL_PROPOSED] = "suggested", [MOAT_CONTROL_PLANNED] = "scheduled",
    [MOAT_CONTROL_IN_PROGRESS] = "under_review", [MOAT_CONTROL_IMPLEMENTED] = "active",
    [MOAT_CONTROL_VERIFIED] = "assumed",
  };
  g_autoptr(GPtrArray) actors = moat_format_sorted_list (w->model, MOAT_TYPE_THREAT_ACTOR);
  g_autoptr(GPtrArray) threats = moat_format_sorted_list (w->model, MOAT_TYPE_THREAT);
  g_autoptr(GPtrArray) controls = moat_format_sorted_list (w->model, MOAT_TYPE_CONTROL);
  JsonArray *personas = json_array_new ();
  JsonArray *threat_array = json_array_new ();
  JsonArray *control_array = json_array_new ();
  JsonArray *risks = json_array_new ();
  const char *fallback = NULL;

  for (guint i = 0; i < actors->len; i++)
    {
      MoatThreatActor *actor = g_ptr_array_index (actors, i);

      json_array_add_object_element (personas,
                                     persona_object (name_of (w, actor), moat_threat_actor_get_name (actor),
                                                     moat_threat_actor_get_description (actor),
                                                     moat_threat_actor_get_capability (actor)));
      moat_format_report_fields (w->report, MOAT_OBJECT (actor), actor_carried);
      moat_import_report_count_object (w->report, MOAT_TYPE_THREAT_ACTOR);
    }

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      JsonObject *json = named_object (w, threat, moat_threat_get_title (threat),
                                       moat_threat_get_description (threat));
      JsonObject *risk = json_object_new ();
      JsonArray *sources = json_array_new ();
      JsonArray *risk_threats = json_array_new ();
      MoatThreatActor *actor = moat_model_lookup_typed (w->model, moat_threat_get_actor_id (threat) ?: "",
                                                        MOAT_TYPE_THREAT_ACTOR);
      const char *category = moat_format_category_label (moat_threat_get_category (threat));
      int l = moat_threat_get_likelihood (threat), im = moat_threat_get_impact (threat);
      g_autofree char *risk_id = g_strconcat (moat_object_get_id (MOAT_OBJECT (threat)), "-risk", NULL);

      /* Every TM-BOM threat has a persona; Threat Dragon gives those
       * without one a default, and so does Moat. */
      if (actor == NULL && fallback == NULL)
        {
          fallback = symbolic_name (w, "default-threat-persona");
          json_array_add_object_element (personas,
                                         persona_object (fallback, _("Default threat persona"),
                                                         _("Made for the threats that name no threat actor"),
                                                         3));
        }

      json_object_set_array_member (json, "components_affected",
                                    names_array (w, moat_threat_get_element_ids (threat), MOAT_TYPE_ELEMENT));
      json_object_set_string_member (json, "threat_persona", actor ? name_of (w, actor) : fallback);
      set_text (json, "event", !moat_format_text_is_empty (category) ? category : moat_threat_get_title (threat));
      json_array_add_string_element (sources, "adversary");
      json_object_set_array_member (json, "sources", sources);
      json_object_set_array_member (json, "attack_mechanisms",
                                    refs_array (moat_threat_get_refs (threat), "CAPEC", "capec_id"));
      json_object_set_array_member (json, "weaknesses",
                                    refs_array (moat_threat_get_refs (threat), "CWE", "cwe_id"));
      json_array_add_object_element (threat_array, json);

      json_object_set_string_member (risk, "symbolic_name", symbolic_name (w, risk_id));
      set_text (risk, "title", moat_threat_get_title (threat));
      set_text (risk, "description", "");
      json_array_add_string_element (risk_threats, name_of (w, threat));
      json_object_set_array_member (risk, "threats", risk_threats);
      json_object_set_string_member (risk, "likelihood", likelihoods[CLAMP (l, 1, 5) - 1]);
      json_object_set_string_member (risk, "impact", impacts[CLAMP (im, 1, 5) - 1]);
      set_text (risk, "impact_description", "");
      json_object_set_int_member (risk, "score", CLAMP (l, 1, 5) * CLAMP (im, 1, 5));
      json_object_set_string_member (risk, "level", priority_for (l, im));
      json_array_add_object_element (risks, risk);

      moat_format_report_fields (w->report, MOAT_OBJECT (threat), threat_carried);
      if (!moat_format_text_is_empty (moat_threat_get_category (threat)))
        {
          g_autofree char *path = moat_format_object_path (MOAT_OBJECT (threat), "category");

          moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_CONVERTED, path, NULL,
                                  _("TM-BOM threats have no category; written as the threat’s event"));
        }
      moat_import_report_count_object (w->report, MOAT_TYPE_THREAT);
    }

  for (guint i = 0; i < controls->len; i++)
    {
      MoatControl *control = g_ptr_array_index (controls, i);
      JsonObject *json = named_object (w, control, moat_control_get_title (control),
                                       moat_control_get_description (control));
      const char * const *ids = moat_control_get_threat_ids (control);
      int worst_l = 0, worst_i = 0;

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          MoatThreat *threat = moat_model_lookup_typed (w->model, ids[j], MOAT_TYPE_THREAT);

          if (threat != NULL &&
              moat_risk_level (moat_threat_get_likelihood (threat), moat_threat_get_impact (threat)) >=
              moat_risk_level (MAX (worst_l, 1), MAX (worst_i, 1)))
            worst_l = moat_threat_get_likelihood (threat), worst_i = moat_threat_get_impact (threat);
        }

      json_object_set_array_member (json, "threats", names_array (w, ids, MOAT_TYPE_THREAT));
      json_object_set_string_member (json, "status", statuses[CLAMP (moat_control_get_status (control),
                                                                     MOAT_CONTROL_PROPOSED, MOAT_CONTROL_VERIFIED)]);
      json_object_set_string_member (json, "priority", worst_l ? priority_for (worst_l, worst_i) : "none");
      json_array_add_object_element (control_array, json);
      moat_format_report_fields (w->report, MOAT_OBJECT (control), control_carried);
      moat_import_report_count_object (w->report, MOAT_TYPE_CONTROL);
    }

  json_object_set_array_member (root, "threat_personas", personas);
  json_object_set_array_member (root, "threats", threat_array);
  json_object_set_array_member (root, "controls", control_array);
  json_object_set_array_member (root, "risks", risks);
}

static gboolean
is_version (const char *text)
{
  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p == '.' && g_ascii_isdigit (p[1])))
      return FALSE;

  return TRUE;
}

static JsonObject *
scope_object (TmWriter *w)
{
  static const char * const carried[] = { "title", "description", "scope-in", "version-label", NULL };
  JsonObject *scope = json_object_new ();
  JsonArray *sensitivity = json_array_new ();
  g_autofree char *scope_in = NULL;

  g_object_get (w->model, "scope-in", &scope_in, NULL);
  set_text (scope, "title", moat_model_get_title (w->model));
  set_text (scope, "description", scope_in);
  /* Required, and not in Moat: Threat Dragon's defaults. */
  json_object_set_string_member (scope, "business_criticality", "moderate");
  json_array_add_string_element (sensitivity, "op");
  json_object_set_array_member (scope, "data_sensitivity", sensitivity);
  json_object_set_string_member (scope, "exposure", "internal");
  json_object_set_string_member (scope, "tier", "important");
  moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_GUESSED, "scope", NULL,
                          _("TM-BOM requires a business criticality, data sensitivity, exposure and "
                            "tier, which Moat does not keep; Threat Dragon’s defaults were written "
                            "(moderate, op, internal, important)"));
  moat_format_report_fields (w->report, MOAT_OBJECT (w->model), carried);
  return scope;
}

/**
 * moat_tmbom_export:
 *
 * Returns: (transfer full): @model as a TM-BOM
 */
char *
moat_tmbom_export (MoatModel         *model,
                   MoatImportReport **report)
{
  const GType others[] = { MOAT_TYPE_DISMISSAL, MOAT_TYPE_WORKSHOP_SESSION, MOAT_TYPE_FEATURE_CHECK };
  TmWriter w = { 0 };
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *root = json_object_new ();
  const char *version = moat_model_get_version_label (model);
  g_autoptr(GPtrArray) diagrams = moat_format_sorted_list (model, MOAT_TYPE_DIAGRAM);
  char *text;

  w.model = model;
  w.report = moat_import_report_new (_("OWASP TM-BOM"), TRUE);
  w.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.boundaries = g_ptr_array_new ();

  json_object_set_string_member (root, "$schema", MOAT_TMBOM_SCHEMA);
  json_object_set_string_member (root, "version", is_version (version) ? version : "1.0");
  if (version != NULL && !is_version (version))
    moat_import_report_add (w.report, MOAT_IMPORT_ISSUE_CONVERTED, "model.version-label", NULL,
                            _("TM-BOM versions are numbers like 1.2; written as 1.0"));
  json_object_set_object_member (root, "scope", scope_object (&w));
  if (!moat_format_text_is_empty (moat_model_get_description (model)))
    json_object_set_string_member (root, "description", moat_model_get_description (model));

  write_elements (&w, root);
  write_data_sets (&w, root);
  write_assumptions (&w, root);
  write_threats (&w, root);

  for (guint i = 0; i < diagrams->len; i++)
    {
      moat_import_report_count_object (w.report, MOAT_TYPE_DIAGRAM);
      if (diagrams->len > 1)
        moat_format_report_skipped (w.report, g_ptr_array_index (diagrams, i),
                                    _("TM-BOM has no diagrams: the elements of every diagram are "
                                      "written together"));
    }
  for (guint t = 0; t < G_N_ELEMENTS (others); t++)
    {
      g_autoptr(GPtrArray) objects = moat_format_sorted_list (model, others[t]);

      for (guint i = 0; i < objects->len; i++)
        moat_format_report_skipped (w.report, g_ptr_array_index (objects, i),
                                    _("TM-BOM has no place for this; not written"));
    }

  json_node_take_object (node, root);
  text = moat_format_generate (node);

  g_hash_table_unref (w.names);
  g_hash_table_unref (w.taken);
  g_ptr_array_unref (w.boundaries);
  if (report != NULL)
    *report = w.report;
  else
    g_object_unref (w.report);
  return text;
}
