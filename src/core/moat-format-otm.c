/* moat-format-otm.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-boundary-line.h"
#include "moat-asset.h"
#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-dismissal.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-format-otm.h"
#include "moat-format-private.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"
#include "moat-value.h"
#include "moat-workshop-session.h"
#include "moat-feature-check.h"

#define ATTRIBUTE_PREFIX "moat:"
#define SYNTHETIC_ATTRIBUTE ATTRIBUTE_PREFIX "synthetic"
#define EXPORTED_ATTRIBUTE ATTRIBUTE_PREFIX "exported-by"

/* Parent chains deeper than this are cut: no real model nests trust zones
 * 32 deep, and it keeps the layout's recursion shallow. */
#define MAX_NESTING 32

#define GRID_GAP   40.0
#define ZONE_PAD   30.0
#define ZONE_TITLE 40.0
#define ROW_WIDTH  1600.0
#define MAX_LAYOUT 100000000.0

/* OTM ids need only be unique within their kind, Moat ids across the
 * model: an id already taken by another kind gets this prefix, and the
 * writer takes it off again. */
static const char *kind_prefixes[] = {
  "diagram-", "asset-", "zone-", "component-", "flow-", "threat-", "mitigation-",
};

enum {
  KIND_DIAGRAM,
  KIND_ASSET,
  KIND_ZONE,
  KIND_COMPONENT,
  KIND_FLOW,
  KIND_THREAT,
  KIND_MITIGATION,
  N_KINDS
};

/* Fields of each kind that OTM holds in its own members; the others
 * travel as moat: attributes. */
static const char * const component_native[] = {
  "diagram-id", "kind", "name", "description", "x", "y", "width", "height", "tags", "asset-ids", NULL
};
static const char * const flow_native[] = {
  "diagram-id", "kind", "name", "description", "tags", "asset-ids", "source-id", "target-id",
  "bidirectional", NULL
};
static const char * const zone_native[] = {
  "diagram-id", "kind", "name", "description", "x", "y", "width", "height", NULL
};
static const char * const threat_native[] = {
  "title", "description", "category", "likelihood", "impact", "element-ids", "status", NULL
};
static const char * const control_native[] = {
  "title", "description", "threat-ids", "status", NULL
};
static const char * const asset_native[] = {
  "name", "description", "impact-confidentiality", "impact-integrity", "impact-availability", NULL
};
static const char * const model_native[] = {
  "title", "description", "owner", NULL
};
static const char * const diagram_native[] = {
  "title", "description", NULL
};

/* ------------------------------------------------------------------ */
/* Reading                                                             */

typedef struct _OtmNode OtmNode;

struct _OtmNode
{
  MoatElement *element;
  char        *path;
  char        *parent;     /* the parent's id in the file */
  gboolean     parent_is_zone;
  OtmNode     *up;
  GPtrArray   *children;   /* of OtmNode, same diagram */
  MoatDiagram *diagram;
  gboolean     is_zone;
  gboolean     synthetic;
  gboolean     placed;     /* has a position: from the file, or around its children */
  gboolean     derived;    /* placed around its children, not by the file */
  gboolean     sized;
  gboolean     absolute;   /* x and y are on the diagram, not relative */
  double       x, y, w, h;
  guint        cols;       /* grid of unplaced children */
  double       cell_w, cell_h, grid_x, grid_y;
};

typedef struct
{
  MoatFormatReader  r;
  GHashTable       *kind_ids[N_KINDS];   /* ids seen in the file, by kind */
  GHashTable       *zones;               /* id in the file -> OtmNode */
  GHashTable       *components;          /* id in the file -> OtmNode */
  GPtrArray        *nodes;               /* of OtmNode, in file order (owned) */
  GHashTable       *diagrams;            /* representation id -> MoatDiagram */
  GPtrArray        *diagram_list;        /* of MoatDiagram */
  GHashTable       *assets;              /* id in the file -> MoatAsset */
  GHashTable       *threats;             /* id in the file -> MoatThreat */
  GPtrArray        *threat_list;         /* of MoatThreat, owned */
  GHashTable       *threat_elements;     /* MoatThreat -> GPtrArray of element ids */
  GHashTable       *threat_status;       /* MoatThreat -> status seen + 1 */
  GHashTable       *mitigations;         /* id in the file -> MoatControl */
  GPtrArray        *control_list;        /* of MoatControl, owned */
  GHashTable       *control_threats;     /* MoatControl -> GPtrArray of threat ids */
  GHashTable       *control_status;      /* MoatControl -> status seen + 1 */
  MoatDiagram      *default_diagram;
  guint             n_prefixed;
  char             *first_prefixed;      /* where the first prefixed id was */
  gboolean          from_moat;
} OtmReader;

static void
otm_node_free (OtmNode *node)
{
  g_clear_object (&node->element);
  g_free (node->path);
  g_free (node->parent);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static char *
quoted (const char *text)
{
  return g_strdup_printf ("\"%.60s\"", text ? text : "");
}

/* The id of an object of @kind: the one in the file when it is free,
 * prefixed when another kind has it, new when it is missing or repeated. */
static char *
otm_take_id (OtmReader  *o,
             guint       kind,
             const char *wanted,
             const char *path)
{
  g_autofree char *here = moat_format_path (path, "id");
  g_autofree char *prefixed = NULL;

  if (moat_format_text_is_empty (wanted))
    {
      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_INVALID, here, NULL,
                              _("The object has no id; it was given one"));
      return moat_format_reader_take_id (&o->r, NULL, here);
    }

  if (g_hash_table_contains (o->kind_ids[kind], wanted))
    return moat_format_reader_take_id (&o->r, wanted, here);   /* reports the repeat */
  g_hash_table_add (o->kind_ids[kind], g_strdup (wanted));

  if (!g_hash_table_contains (o->r.ids, wanted))
    return moat_format_reader_take_id (&o->r, wanted, here);

  if (o->n_prefixed++ == 0)
    o->first_prefixed = g_strdup (here);
  prefixed = g_strconcat (kind_prefixes[kind], wanted, NULL);
  return moat_format_reader_take_id (&o->r, prefixed, here);
}

/* Sets @object's fields from its moat: attributes; reports the others. */
static void
read_attributes (OtmReader          *o,
                 JsonObject         *parent,
                 MoatObject         *object,
                 const char * const *native,
                 const char         *path)
{
  JsonObject *attributes = moat_format_get_object (&o->r, parent, "attributes", path);
  g_autofree char *here = moat_format_path (path, "attributes");
  g_autoptr(GList) keys = NULL;

  if (attributes == NULL)
    return;

  keys = json_object_get_members (attributes);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (attributes, key);
      const char *field = key + strlen (ATTRIBUTE_PREFIX);
      g_autofree char *where = moat_format_path (here, key);
      g_autofree char *value = moat_format_node_text (node);
      g_auto(GValue) v = G_VALUE_INIT;
      GParamSpec *pspec;

      if (g_str_equal (key, SYNTHETIC_ATTRIBUTE) || g_str_equal (key, EXPORTED_ATTRIBUTE))
        continue;

      if (!g_str_has_prefix (key, ATTRIBUTE_PREFIX))
        {
          moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, where, value,
                                  _("Moat has no field for this; not kept"));
          continue;
        }

      pspec = object ? g_object_class_find_property (G_OBJECT_GET_CLASS (object), field) : NULL;
      if (pspec == NULL || pspec->owner_type == MOAT_TYPE_OBJECT ||
          g_strv_contains (native, field) ||
          moat_format_is_reference (G_OBJECT_TYPE (object), field))
        {
          moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, where, value,
                                  _("Not a Moat field of this kind of object; not kept"));
          continue;
        }

      g_value_init (&v, pspec->value_type);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !moat_value_from_text (pspec, json_node_get_string (node), &v) ||
          g_param_value_validate (pspec, &v))
        {
          moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_INVALID, where, value,
                                  _("Not a valid value for this field; ignored"));
          continue;
        }
      _moat_object_store_value (object, pspec, &v);
    }
}

static gboolean
is_synthetic (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "attributes");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
         g_strcmp0 (moat_format_peek_string (json_node_get_object (node), SYNTHETIC_ATTRIBUTE), "true") == 0;
}

/* A point or size: both numbers, or neither. */
static gboolean
read_pair (OtmReader  *o,
           JsonObject *parent,
           const char *key,
           const char *first,
           const char *second,
           const char *path,
           double     *a,
           double     *b)
{
  JsonObject *object = moat_format_get_object (&o->r, parent, key, path);
  g_autofree char *here = moat_format_path (path, key);

  return object != NULL &&
         moat_format_get_number (&o->r, object, first, here, a) &&
         moat_format_get_number (&o->r, object, second, here, b);
}

/* ---- diagrams ---- */

static MoatDiagram *
add_diagram (OtmReader  *o,
             const char *wanted,
             const char *title,
             const char *description,
             const char *path)
{
  g_autofree char *id = wanted ? otm_take_id (o, KIND_DIAGRAM, wanted, path)
                               : moat_format_reader_take_id (&o->r, NULL, path);
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", id, NULL);

  g_object_set (diagram,
                "title", title,
                "description", moat_format_text_is_empty (description) ? NULL : description,
                "position", (int)MIN (o->diagram_list->len, 1000000),
                NULL);
  g_ptr_array_add (o->diagram_list, diagram);
  moat_format_reader_add (&o->r, diagram);

  return diagram;
}

static gboolean
read_representation (OtmReader  *o,
                     JsonObject *object,
                     const char *path)
{
  const char *id = moat_format_get_string (&o->r, object, "id", path);
  const char *type = moat_format_get_string (&o->r, object, "type", path);
  MoatDiagram *diagram;

  if (g_strcmp0 (type, "diagram") != 0)
    {
      g_autofree char *value = quoted (type);

      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, path, value,
                              _("Only diagram representations have a place in Moat; not kept"));
      return FALSE;
    }
  if (id == NULL || g_hash_table_contains (o->diagrams, id))
    {
      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_SKIPPED, path, NULL,
                              _("The diagram has no id, or one used before; left out"));
      return FALSE;
    }

  diagram = add_diagram (o, id, moat_format_get_string (&o->r, object, "name", path),
                         moat_format_get_string (&o->r, object, "description", path), path);
  g_hash_table_insert (o->diagrams, g_strdup (id), diagram);
  read_attributes (o, object, MOAT_OBJECT (diagram), diagram_native, path);
  return TRUE;
}

/* Elements drawn on no diagram go on the first; a model without any
 * diagram gets one. */
static MoatDiagram *
default_diagram (OtmReader *o)
{
  if (o->default_diagram == NULL)
    o->default_diagram = o->diagram_list->len > 0
      ? g_ptr_array_index (o->diagram_list, 0)
      : add_diagram (o, NULL, _("Diagram"), NULL, "representations");

  return o->default_diagram;
}

/* ---- assets ---- */

static void
read_asset_risk (OtmReader  *o,
                 JsonObject *object,
                 MoatAsset  *asset,
                 const char *path)
{
  static const char * const keys[] = { "confidentiality", "integrity", "availability", "comment", NULL };
  static const char * const fields[] = {
    "impact-confidentiality", "impact-integrity", "impact-availability"
  };
  g_autofree char *here = moat_format_path (path, "risk");
  JsonObject *risk = moat_format_get_object (&o->r, object, "risk", path);
  const char *comment = moat_format_get_string (&o->r, risk, "comment", here);

  for (guint i = 0; risk != NULL && i < G_N_ELEMENTS (fields); i++)
    {
      double value;

      if (moat_format_get_number (&o->r, risk, keys[i], here, &value))
        g_object_set (asset, fields[i], moat_format_percent_to_scale (value), NULL);
    }

  if (!moat_format_text_is_empty (comment))
    {
      g_autofree char *where = moat_format_path (here, "comment");
      g_autofree char *value = quoted (comment);

      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, where, value,
                              _("Moat assets have no comment on their value; not kept"));
    }
  moat_format_report_unknown (&o->r, risk, here, keys);
}

static gboolean
read_asset (OtmReader  *o,
            JsonObject *object,
            const char *path)
{
  const char *wanted = moat_format_get_string (&o->r, object, "id", path);
  g_autofree char *id = otm_take_id (o, KIND_ASSET, wanted, path);
  g_autoptr(MoatAsset) asset = g_object_new (MOAT_TYPE_ASSET, "id", id, NULL);

  g_object_set (asset,
                "name", moat_format_get_string (&o->r, object, "name", path),
                "description", moat_format_get_string (&o->r, object, "description", path),
                NULL);
  read_attributes (o, object, MOAT_OBJECT (asset), asset_native, path);
  read_asset_risk (o, object, asset, path);

  if (wanted != NULL && !g_hash_table_contains (o->assets, wanted))
    g_hash_table_insert (o->assets, g_strdup (wanted), asset);
  moat_format_reader_add (&o->r, asset);
  return TRUE;
}

/* ---- threats and mitigations ---- */

static void
read_threat_categories (OtmReader  *o,
                        JsonObject *object,
                        MoatThreat *threat,
                        const char *path)
{
  JsonArray *categories = moat_format_get_array (&o->r, object, "categories", path);
  const char *category = NULL;

  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonNode *node = json_array_get_element (categories, i);
      g_autofree char *here = moat_format_path_index (path, "categories", i);
      g_autofree char *value = moat_format_node_text (node);
      const char *text, *known;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      text = json_node_get_string (node);
      known = moat_format_category_from_text (text);

      if (category == NULL && !moat_format_text_is_empty (text))
        category = known ? known : text;
      else if (!moat_format_text_is_empty (text))
        moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                                _("A Moat threat has one category; this further one is not kept"));
    }

  g_object_set (threat, "category", category, NULL);
}

static void
read_threat_risk (OtmReader  *o,
                  JsonObject *object,
                  MoatThreat *threat,
                  const char *path)
{
  static const char * const keys[] = {
    "likelihood", "likelihoodComment", "impact", "impactComment", NULL
  };
  g_autofree char *here = moat_format_path (path, "risk");
  JsonObject *risk = moat_format_get_object (&o->r, object, "risk", path);
  double value;

  if (moat_format_get_number (&o->r, risk, "likelihood", here, &value))
    g_object_set (threat, "likelihood", moat_format_percent_to_scale (value), NULL);
  if (moat_format_get_number (&o->r, risk, "impact", here, &value))
    g_object_set (threat, "impact", moat_format_percent_to_scale (value), NULL);

  for (guint i = 1; i < 4; i += 2)
    {
      const char *comment = moat_format_get_string (&o->r, risk, keys[i], here);
      g_autofree char *where = NULL;
      g_autofree char *text = NULL;

      if (moat_format_text_is_empty (comment))
        continue;
      where = moat_format_path (here, keys[i]);
      text = quoted (comment);
      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, where, text,
                              _("Moat keeps no comment on likelihood or impact; not kept"));
    }
  moat_format_report_unknown (&o->r, risk, here, keys);
}

static void
report_list (OtmReader  *o,
             JsonObject *object,
             const char *key,
             const char *path,
             const char *why)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *here = NULL;
  g_autofree char *value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0))
    return;

  here = moat_format_path (path, key);
  value = moat_format_node_text (node);
  moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value, "%s", why);
}

static gboolean
read_threat (OtmReader  *o,
             JsonObject *object,
             const char *path)
{
  const char *wanted = moat_format_get_string (&o->r, object, "id", path);
  g_autofree char *id = otm_take_id (o, KIND_THREAT, wanted, path);
  MoatThreat *threat = g_object_new (MOAT_TYPE_THREAT, "id", id, NULL);

  g_ptr_array_add (o->threat_list, threat);
  g_object_set (threat,
                "title", moat_format_get_string (&o->r, object, "name", path),
                "description", moat_format_get_string (&o->r, object, "description", path),
                NULL);
  read_attributes (o, object, MOAT_OBJECT (threat), threat_native, path);
  read_threat_categories (o, object, threat, path);
  read_threat_risk (o, object, threat, path);
  report_list (o, object, "cwes", path, _("Moat threats keep no CWE list; not kept"));
  report_list (o, object, "tags", path, _("Moat threats have no tags; not kept"));

  if (wanted != NULL && !g_hash_table_contains (o->threats, wanted))
    g_hash_table_insert (o->threats, g_strdup (wanted), threat);
  return TRUE;
}

static gboolean
read_mitigation (OtmReader  *o,
                 JsonObject *object,
                 const char *path)
{
  const char *wanted = moat_format_get_string (&o->r, object, "id", path);
  g_autofree char *id = otm_take_id (o, KIND_MITIGATION, wanted, path);
  MoatControl *control = g_object_new (MOAT_TYPE_CONTROL, "id", id, NULL);
  JsonNode *reduction;

  g_ptr_array_add (o->control_list, control);
  g_object_set (control,
                "title", moat_format_get_string (&o->r, object, "name", path),
                "description", moat_format_get_string (&o->r, object, "description", path),
                NULL);
  read_attributes (o, object, MOAT_OBJECT (control), control_native, path);

  reduction = json_object_get_member (object, "riskReduction");
  if (reduction != NULL && !o->from_moat)
    {
      g_autofree char *here = moat_format_path (path, "riskReduction");
      g_autofree char *value = moat_format_node_text (reduction);

      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                              _("Moat does not rate how much a control reduces risk; not kept"));
    }

  if (wanted != NULL && !g_hash_table_contains (o->mitigations, wanted))
    g_hash_table_insert (o->mitigations, g_strdup (wanted), control);
  return TRUE;
}

static char *
state_key (const char *state)
{
  GString *key = g_string_new (NULL);

  for (const char *p = state; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));

  return g_string_free (key, FALSE);
}

/* int, not the enum, so that it fits OtmInstances.state */
static int
threat_state (OtmReader  *o,
              const char *state,
              const char *path)
{
  static const struct { const char *key; MoatThreatStatus status; } states[] = {
    { "exposed", MOAT_THREAT_OPEN }, { "expose", MOAT_THREAT_OPEN }, { "open", MOAT_THREAT_OPEN },
    { "autogenerated", MOAT_THREAT_OPEN }, { "new", MOAT_THREAT_OPEN },
    { "identified", MOAT_THREAT_OPEN }, { "required", MOAT_THREAT_OPEN },
    { "mitigated", MOAT_THREAT_MITIGATED }, { "implemented", MOAT_THREAT_MITIGATED },
    { "notapplicable", MOAT_THREAT_NOT_APPLICABLE }, { "na", MOAT_THREAT_NOT_APPLICABLE },
    { "accept", MOAT_THREAT_ACCEPTED }, { "accepted", MOAT_THREAT_ACCEPTED },
    { "transfer", MOAT_THREAT_TRANSFERRED }, { "transferred", MOAT_THREAT_TRANSFERRED },
  };
  g_autofree char *key = state_key (state);
  g_autofree char *value = quoted (state);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (key, states[i].key))
      return states[i].status;

  if (g_str_equal (key, "partlymitigated") || g_str_equal (key, "partiallymitigated"))
    moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, value,
                            _("Moat has no partly mitigated state; the threat stays open"));
  else
    moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_INVALID, path, value,
                            _("Not a threat state Moat knows; the threat is open"));

  return MOAT_THREAT_OPEN;
}

static int
mitigation_state (OtmReader  *o,
                  const char *state,
                  const char *path)
{
  static const struct { const char *key; MoatControlStatus status; } states[] = {
    { "recommended", MOAT_CONTROL_PROPOSED }, { "proposed", MOAT_CONTROL_PROPOSED },
    { "new", MOAT_CONTROL_PROPOSED }, { "required", MOAT_CONTROL_PLANNED },
    { "planned", MOAT_CONTROL_PLANNED }, { "inprogress", MOAT_CONTROL_IN_PROGRESS },
    { "implementing", MOAT_CONTROL_IN_PROGRESS }, { "implemented", MOAT_CONTROL_IMPLEMENTED },
    { "verified", MOAT_CONTROL_VERIFIED }, { "tested", MOAT_CONTROL_VERIFIED },
  };
  g_autofree char *key = state_key (state);
  g_autofree char *value = quoted (state);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (key, states[i].key))
      return states[i].status;

  moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, value,
                          _("Moat has no such control state; the control is proposed"));
  return MOAT_CONTROL_PROPOSED;
}

static void
add_unique (GHashTable *table,
            gpointer    owner,
            const char *id)
{
  GPtrArray *ids = g_hash_table_lookup (table, owner);

  if (ids == NULL)
    {
      ids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (table, owner, ids);
    }
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return;
  g_ptr_array_add (ids, g_strdup (id));
}

/* Instances of one object can disagree about a status Moat keeps once:
 * the first wins, except that an open threat stays open. */
static void
merge_status (OtmReader  *o,
              GHashTable *seen,
              gpointer    object,
              int         status,
              gboolean    open_wins,
              const char *path)
{
  int before = GPOINTER_TO_INT (g_hash_table_lookup (seen, object)) - 1;
  g_autofree char *here = NULL;

  if (before < 0)
    {
      g_hash_table_insert (seen, object, GINT_TO_POINTER (status + 1));
      return;
    }
  if (before == status)
    return;

  if (open_wins && status == MOAT_THREAT_OPEN)
    g_hash_table_insert (seen, object, GINT_TO_POINTER (status + 1));
  here = moat_format_path (path, "state");
  moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, NULL,
                          _("Moat keeps one status per threat and per control, and the elements "
                            "of this one disagree; it is %s"),
                          open_wins && (status == MOAT_THREAT_OPEN || before == MOAT_THREAT_OPEN)
                          ? _("open") : _("as first given"));
}

/* A list of instances: the threats a component or data flow lists, or
 * the mitigations one of those threat instances lists. Each entry names
 * an object read earlier, links it to the owner of the list and may give
 * its state. */
typedef struct _OtmInstances OtmInstances;

struct _OtmInstances
{
  const char          *member;     /* the list in the owner */
  const char          *id_member;  /* the id in each entry */
  const char          *expected;   /* what an entry should be, untranslated */
  const char          *no_such_id; /* untranslated */
  glong                objects;    /* OtmReader offsets: id in the file -> object, */
  glong                owners;     /* object -> GPtrArray of owner ids, */
  glong                statuses;   /* object -> status seen + 1 */
  int                (*state)     (OtmReader  *o,
                                   const char *state,
                                   const char *path);
  gboolean             open_wins;
  const OtmInstances  *nested;     /* a list each entry holds in turn */
};

static const OtmInstances mitigation_instances = {
  "mitigations", "mitigation", N_("a mitigation"), N_("No mitigation in the file has this id; ignored"),
  G_STRUCT_OFFSET (OtmReader, mitigations), G_STRUCT_OFFSET (OtmReader, control_threats),
  G_STRUCT_OFFSET (OtmReader, control_status), mitigation_state, FALSE, NULL
};

static const OtmInstances threat_instances = {
  "threats", "threat", N_("a threat"), N_("No threat in the file has this id; ignored"),
  G_STRUCT_OFFSET (OtmReader, threats), G_STRUCT_OFFSET (OtmReader, threat_elements),
  G_STRUCT_OFFSET (OtmReader, threat_status), threat_state, TRUE, &mitigation_instances
};

static void
read_instances (OtmReader          *o,
                JsonObject         *object,
                const OtmInstances *list,
                const char         *owner_id,
                const char         *path)
{
  JsonArray *array = moat_format_get_array (&o->r, object, list->member, path);
  GHashTable *objects = G_STRUCT_MEMBER (GHashTable *, o, list->objects);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *here = moat_format_path_index (path, list->member, i);
      JsonObject *instance;
      const char *id, *state;
      MoatObject *target;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          moat_format_report_invalid (&o->r, here, node, _(list->expected));
          continue;
        }
      instance = json_node_get_object (node);
      id = moat_format_get_string (&o->r, instance, list->id_member, here);
      state = moat_format_get_string (&o->r, instance, "state", here);
      target = id ? g_hash_table_lookup (objects, id) : NULL;
      if (target == NULL)
        {
          g_autofree char *value = quoted (id);

          moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                                  "%s", _(list->no_such_id));
          continue;
        }

      add_unique (G_STRUCT_MEMBER (GHashTable *, o, list->owners), target, owner_id);
      if (state != NULL)
        {
          g_autofree char *where = moat_format_path (here, "state");
          merge_status (o, G_STRUCT_MEMBER (GHashTable *, o, list->statuses), target,
                        list->state (o, state, where), list->open_wins, here);
        }
      if (list->nested != NULL)
        read_instances (o, instance, list->nested, moat_object_get_id (target), here);
    }
}

/* ---- trust zones and components ---- */

static void
read_element_assets (OtmReader   *o,
                     JsonNode    *node,
                     const char  *path,
                     GPtrArray   *ids)
{
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      moat_format_report_invalid (&o->r, path, node, _("a list of asset ids"));
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *here = moat_format_path_index (path, NULL, i);
      MoatAsset *asset = NULL;

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        asset = g_hash_table_lookup (o->assets, json_node_get_string (item));
      if (asset == NULL)
        {
          g_autofree char *value = moat_format_node_text (item);

          if (!JSON_NODE_HOLDS_NULL (item))
            moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                                    _("No asset in the file has this id; ignored"));
          continue;
        }
      if (!g_ptr_array_find_with_equal_func (ids, moat_object_get_id (MOAT_OBJECT (asset)),
                                             g_str_equal, NULL))
        g_ptr_array_add (ids, (char *)moat_object_get_id (MOAT_OBJECT (asset)));
    }
}

static void
read_assets_of (OtmReader   *o,
                JsonObject  *object,
                MoatElement *element,
                gboolean     flow,
                const char  *path)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree char *here = moat_format_path (path, "assets");
  JsonNode *node = json_object_get_member (object, "assets");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (flow)
    read_element_assets (o, node, here, ids);
  else if (!JSON_NODE_HOLDS_OBJECT (node))
    moat_format_report_invalid (&o->r, here, node, _("processed and stored assets"));
  else
    {
      const char *which[] = { "processed", "stored" };

      for (guint i = 0; i < G_N_ELEMENTS (which); i++)
        {
          g_autofree char *where = moat_format_path (here, which[i]);
          read_element_assets (o, json_object_get_member (json_node_get_object (node), which[i]),
                               where, ids);
        }
    }

  g_ptr_array_add (ids, NULL);
  g_object_set (element, "asset-ids", ids->pdata, NULL);
}

static void
read_tags (OtmReader   *o,
           JsonObject  *object,
           MoatElement *element,
           const char  *path)
{
  JsonArray *array = moat_format_get_array (&o->r, object, "tags", path);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tags = NULL;

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          !moat_format_text_is_empty (json_node_get_string (node)))
        g_strv_builder_add (builder, json_node_get_string (node));
    }

  tags = g_strv_builder_end (builder);
  if (tags[0] != NULL)
    g_object_set (element, "tags", tags, NULL);
}

static void
read_parent (OtmReader  *o,
             JsonObject *object,
             OtmNode    *node,
             const char *path)
{
  g_autofree char *here = moat_format_path (path, "parent");
  JsonObject *parent = moat_format_get_object (&o->r, object, "parent", path);
  const char *zone = moat_format_get_string (&o->r, parent, "trustZone", here);
  const char *component = moat_format_get_string (&o->r, parent, "component", here);
  const char *type = moat_format_peek_string (parent, "type");

  /* Early versions of the format said {"id": …, "type": …}. */
  if (zone == NULL && component == NULL && moat_format_peek_string (parent, "id") != NULL)
    {
      if (g_strcmp0 (type, "component") == 0)
        component = moat_format_peek_string (parent, "id");
      else
        zone = moat_format_peek_string (parent, "id");
    }

  node->parent = g_strdup (zone ? zone : component);
  node->parent_is_zone = zone != NULL;
}

static void
read_element_representations (OtmReader  *o,
                              JsonObject *object,
                              OtmNode    *node,
                              const char *path)
{
  static const char * const keys[] = {
    "representation", "name", "id", "position", "size", "attributes", NULL
  };
  JsonArray *array = moat_format_get_array (&o->r, object, "representations", path);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *here = moat_format_path_index (path, "representations", i);
      JsonObject *rep;
      const char *id;
      MoatDiagram *diagram;
      double a, b;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          moat_format_report_invalid (&o->r, here, item, _("a representation"));
          continue;
        }
      rep = json_node_get_object (item);
      id = moat_format_get_string (&o->r, rep, "representation", here);
      diagram = id ? g_hash_table_lookup (o->diagrams, id) : NULL;

      if (diagram == NULL || node->diagram != NULL)
        {
          g_autofree char *value = quoted (id);

          moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                                  diagram == NULL
                                  ? _("Not a diagram of the file; this drawing is not kept")
                                  : _("Moat draws an element on one diagram only; this drawing is not kept"));
          continue;
        }

      node->diagram = diagram;
      if (read_pair (o, rep, "position", "x", "y", here, &a, &b))
        {
          g_autofree char *where = moat_format_path (here, "position");

          node->x = moat_format_clamp_coord (&o->r, a, where);
          node->y = moat_format_clamp_coord (&o->r, b, where);
          node->placed = TRUE;
        }
      if (read_pair (o, rep, "size", "width", "height", here, &a, &b))
        {
          g_autofree char *where = moat_format_path (here, "size");

          node->w = moat_format_clamp_size (&o->r, a, node->is_zone ? 240 : 120, where);
          node->h = moat_format_clamp_size (&o->r, b, node->is_zone ? 160 : 64, where);
          node->sized = TRUE;
        }
      moat_format_report_unknown (&o->r, rep, here, keys);
    }
}

/* Property maps written by converters from the Microsoft tool: the scope
 * is understood, the rest reported. */
static void
read_properties (OtmReader   *o,
                 JsonObject  *object,
                 MoatElement *element,
                 const char  *path)
{
  JsonObject *properties = moat_format_get_object (&o->r, object, "properties", path);
  g_autofree char *here = moat_format_path (path, "properties");
  g_autoptr(GList) keys = NULL;

  if (properties == NULL)
    return;

  keys = json_object_get_members (properties);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *text = moat_format_peek_string (properties, key);
      JsonNode *node = json_object_get_member (properties, key);
      g_autofree char *where = NULL;
      g_autofree char *value = NULL;

      if (g_str_equal (key, "Out Of Scope") && text != NULL)
        {
          g_object_set (element, "out-of-scope", g_ascii_strcasecmp (text, "true") == 0, NULL);
          continue;
        }
      if (g_str_equal (key, "Reason For Out Of Scope") && !moat_format_text_is_empty (text))
        {
          g_object_set (element, "out-of-scope-reason", text, NULL);
          continue;
        }
      if ((g_str_equal (key, "Name") && g_strcmp0 (text, moat_element_get_name (element)) == 0) ||
          (JSON_NODE_HOLDS_OBJECT (node) && json_object_get_size (json_node_get_object (node)) == 0) ||
          (text != NULL && (text[0] == '\0' || g_str_equal (text, "Select"))))
        continue;   /* empty, or repeats the name */

      where = moat_format_path (here, key);
      value = moat_format_node_text (node);
      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, where, value,
                              _("Moat has no field for this; not kept"));
    }
}

static gboolean
has_word (char       **words,
          const char  *list)
{
  g_auto(GStrv) wanted = g_strsplit (list, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_strv_contains ((const char * const *)wanted, words[i]))
      return TRUE;

  return FALSE;
}

/* OTM component types are any string; a few are certain, the rest are
 * read from the words in them. */
static MoatElementKind
component_kind (OtmReader  *o,
                const char *type,
                const char *path)
{
  static const struct { const char *type; MoatElementKind kind; } exact[] = {
    { "generic-client", MOAT_ELEMENT_ACTOR }, { "actor", MOAT_ELEMENT_ACTOR },
    { "external-entity", MOAT_ELEMENT_ACTOR }, { "generic-service", MOAT_ELEMENT_PROCESS },
    { "process", MOAT_ELEMENT_PROCESS }, { "database", MOAT_ELEMENT_STORE },
    { "store", MOAT_ELEMENT_STORE }, { "data-store", MOAT_ELEMENT_STORE },
  };
  g_autofree char *lower = g_ascii_strdown (type ? type : "", -1);
  g_auto(GStrv) words = NULL;
  g_autofree char *here = moat_format_path (path, "type");
  g_autofree char *value = quoted (type);
  MoatElementKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    if (g_str_equal (lower, exact[i].type))
      return exact[i].kind;

  g_strdelimit (lower, "-_ ./:", ' ');
  words = g_strsplit (lower, " ", -1);
  if (has_word (words, "database db storage store datastore bucket s3 queue cache file files "
                       "filesystem sql postgresql postgres mysql mongodb redis dynamodb blob "
                       "disk vault repository table ledger"))
    kind = MOAT_ELEMENT_STORE;
  else if (has_word (words, "client user users actor browser device mobile human person "
                            "customer external partner android ios iphone"))
    kind = MOAT_ELEMENT_ACTOR;
  else if (has_word (words, "service server api app application function lambda container web "
                            "backend frontend worker gateway process daemon job"))
    kind = MOAT_ELEMENT_PROCESS;
  else
    {
      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_GUESSED, here, value,
                              _("The type says nothing Moat recognises; taken to be a process"));
      return MOAT_ELEMENT_PROCESS;
    }

  moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_GUESSED, here, value,
                          kind == MOAT_ELEMENT_STORE ? _("Taken to be a data store")
                          : kind == MOAT_ELEMENT_ACTOR ? _("Taken to be an external actor")
                          : _("Taken to be a process, from its type"));
  return kind;
}

static OtmNode *
new_node (OtmReader       *o,
          guint            kind_index,
          MoatElementKind  kind,
          JsonObject      *object,
          const char      *path)
{
  OtmNode *node = g_new0 (OtmNode, 1);
  const char *wanted = moat_format_get_string (&o->r, object, "id", path);
  g_autofree char *id = otm_take_id (o, kind_index, wanted, path);
  GHashTable *table = kind_index == KIND_ZONE ? o->zones : o->components;

  node->path = g_strdup (path);
  node->is_zone = kind_index == KIND_ZONE;
  node->children = g_ptr_array_new ();
  node->element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
  g_object_set (node->element,
                "kind", kind,
                "name", moat_format_get_string (&o->r, object, "name", path),
                "description", moat_format_get_string (&o->r, object, "description", path),
                NULL);
  g_ptr_array_add (o->nodes, node);

  if (wanted != NULL && !g_hash_table_contains (table, wanted))
    g_hash_table_insert (table, g_strdup (wanted), node);

  return node;
}

static gboolean
read_zone (OtmReader  *o,
           JsonObject *object,
           const char *path)
{
  OtmNode *node = new_node (o, KIND_ZONE, MOAT_ELEMENT_BOUNDARY, object, path);
  JsonObject *risk;
  const char *type;

  node->synthetic = is_synthetic (object);
  read_parent (o, object, node, path);
  read_element_representations (o, object, node, path);
  read_attributes (o, object, MOAT_OBJECT (node->element), zone_native, path);
  read_properties (o, object, node->element, path);

  type = moat_format_get_string (&o->r, object, "type", path);
  if (!moat_format_text_is_empty (type))
    {
      g_autofree char *here = moat_format_path (path, "type");
      g_autofree char *value = quoted (type);

      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                              _("Moat boundaries have no type; not kept"));
    }
  risk = moat_format_get_object (&o->r, object, "risk", path);
  if (risk != NULL && !o->from_moat && json_object_has_member (risk, "trustRating"))
    {
      g_autofree char *here = moat_format_path (path, "risk.trustRating");
      g_autofree char *value = moat_format_node_text (json_object_get_member (risk, "trustRating"));

      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                              _("Moat boundaries have no trust rating; not kept"));
    }
  return TRUE;
}

static gboolean
read_component (OtmReader  *o,
                JsonObject *object,
                const char *path)
{
  MoatElementKind kind = component_kind (o, moat_format_get_string (&o->r, object, "type", path), path);
  OtmNode *node = new_node (o, KIND_COMPONENT, kind, object, path);

  read_parent (o, object, node, path);
  read_element_representations (o, object, node, path);
  read_attributes (o, object, MOAT_OBJECT (node->element), component_native, path);
  read_properties (o, object, node->element, path);
  read_tags (o, object, node->element, path);
  read_assets_of (o, object, node->element, FALSE, path);
  read_instances (o, object, &threat_instances,
                  moat_object_get_id (MOAT_OBJECT (node->element)), path);
  return TRUE;
}

/* ---- layout ---- */

static void
resolve_parents (OtmReader *o)
{
  for (guint i = 0; i < o->nodes->len; i++)
    {
      OtmNode *node = g_ptr_array_index (o->nodes, i);
      OtmNode *up;

      if (node->parent == NULL)
        continue;
      up = g_hash_table_lookup (node->parent_is_zone ? o->zones : o->components, node->parent);
      if (up == NULL)
        {
          g_autofree char *here = moat_format_path (node->path, "parent");
          g_autofree char *value = quoted (node->parent);

          moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                                  _("No trust zone or component in the file has this id; ignored"));
          continue;
        }
      if (!up->synthetic && up != node)
        node->up = up;
    }

  for (guint i = 0; i < o->nodes->len; i++)
    {
      OtmNode *node = g_ptr_array_index (o->nodes, i);
      OtmNode *p = node->up;
      guint depth = 0;

      while (p != NULL && p != node && depth < MAX_NESTING)
        p = p->up, depth++;
      if (p == NULL)
        continue;

      {
        g_autofree char *here = moat_format_path (node->path, "parent");

        moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, NULL,
                                _("The parents loop, or nest more than %d deep; "
                                  "the element is laid out on its own"), MAX_NESTING);
        node->up = NULL;
      }
    }
}

/* Elements with no drawing go on their parent's diagram, or the first. */
static void
assign_diagrams (OtmReader *o)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < o->nodes->len; i++)
    {
      OtmNode *node = g_ptr_array_index (o->nodes, i);
      OtmNode *p = node;

      while (p != NULL && p->diagram == NULL)
        p = p->up;
      g_ptr_array_add (found, p ? p->diagram : NULL);
    }

  for (guint i = 0; i < o->nodes->len; i++)
    {
      OtmNode *node = g_ptr_array_index (o->nodes, i);
      MoatDiagram *diagram = g_ptr_array_index (found, i);

      node->diagram = diagram ? diagram : default_diagram (o);
    }

  for (guint i = 0; i < o->nodes->len; i++)
    {
      OtmNode *node = g_ptr_array_index (o->nodes, i);

      if (node->up != NULL && node->up->diagram != node->diagram)
        node->up = NULL;
      if (node->up != NULL)
        g_ptr_array_add (node->up->children, node);
    }
}

/* OTM positions are relative to the nearest parent drawn on the same
 * diagram. */
static void
make_absolute (OtmNode *node)
{
  OtmNode *anchor = node->up;

  if (node->absolute || !node->placed)
    return;

  while (anchor != NULL && !anchor->placed)
    anchor = anchor->up;
  if (anchor != NULL)
    {
      make_absolute (anchor);
      node->x += anchor->x;
      node->y += anchor->y;
    }
  node->absolute = TRUE;
}

/* A parent without a drawing but with drawn children gets the region
 * around them. */
static void
adopt (OtmNode *node)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < node->children->len; i++)
    {
      OtmNode *child = g_ptr_array_index (node->children, i);
      double w, h;

      adopt (child);
      if (!child->placed)
        continue;
      w = child->sized ? child->w : child->is_zone ? 240 : 120;
      h = child->sized ? child->h : child->is_zone ? 160 : 64;
      x0 = MIN (x0, child->x), y0 = MIN (y0, child->y);
      x1 = MAX (x1, child->x + w), y1 = MAX (y1, child->y + h);
    }

  if (node->placed || x0 > x1)
    return;

  node->x = x0 - ZONE_PAD;
  node->y = y0 - ZONE_TITLE;
  node->w = x1 - x0 + 2 * ZONE_PAD;
  node->h = y1 - y0 + ZONE_TITLE + ZONE_PAD;
  node->placed = node->derived = node->sized = node->absolute = TRUE;
}

/* Sizes what has no size, and makes room in each parent for a grid of its
 * children that have no place. */
static void
measure (OtmNode *node)
{
  double cw = 0, ch = 0, grid_w, grid_h;
  guint n = 0, rows;

  for (guint i = 0; i < node->children->len; i++)
    {
      OtmNode *child = g_ptr_array_index (node->children, i);

      measure (child);
      if (child->placed)
        continue;
      n++;
      cw = MAX (cw, child->w), ch = MAX (ch, child->h);
    }

  if (!node->sized)
    {
      node->w = node->is_zone ? 240 : 120;
      node->h = node->is_zone ? 160 : 64;
    }
  if (n == 0)
    return;

  node->cols = (guint)ceil (sqrt (n));
  rows = (n + node->cols - 1) / node->cols;
  node->cell_w = cw + GRID_GAP;
  node->cell_h = ch + GRID_GAP;
  grid_w = node->cols * node->cell_w - GRID_GAP + 2 * ZONE_PAD;
  grid_h = rows * node->cell_h - GRID_GAP;
  node->grid_x = ZONE_PAD;

  if (node->placed)
    {
      /* Below what is drawn there already. */
      node->grid_y = node->h;
      node->h += grid_h + ZONE_PAD;
    }
  else
    {
      node->grid_y = ZONE_TITLE;
      node->h = MAX (node->h, ZONE_TITLE + grid_h + ZONE_PAD);
    }
  node->w = MIN (MAX (node->w, grid_w), MAX_LAYOUT);
  node->h = MIN (node->h, MAX_LAYOUT);
}

static void
place_children (OtmNode *node)
{
  guint k = 0;

  for (guint i = 0; i < node->children->len; i++)
    {
      OtmNode *child = g_ptr_array_index (node->children, i);

      if (!child->placed)
        {
          child->x = node->x + node->grid_x + (k % node->cols) * node->cell_w;
          child->y = node->y + node->grid_y + (k / node->cols) * node->cell_h;
          k++;
        }
      place_children (child);
    }
}

/* Top-level elements with no place go in rows below everything placed. */
static void
layout_diagram (OtmReader   *o,
                MoatDiagram *diagram)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  double x0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE, x, y, row_h = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < o->nodes->len; i++)
    {
      OtmNode *node = g_ptr_array_index (o->nodes, i);

      if (node->diagram == diagram && node->up == NULL && !node->synthetic)
        g_ptr_array_add (roots, node);
    }

  for (guint i = 0; i < roots->len; i++)
    {
      OtmNode *node = g_ptr_array_index (roots, i);

      adopt (node);
      measure (node);
      if (!node->placed)
        continue;
      any = TRUE;
      x0 = MIN (x0, node->x);
      y1 = MAX (y1, node->y + node->h);
    }

  x = any ? x0 : 40;
  y = any ? y1 + 2 * GRID_GAP : 40;
  for (guint i = 0; i < roots->len; i++)
    {
      OtmNode *node = g_ptr_array_index (roots, i);

      if (!node->placed)
        {
          if (x > (any ? x0 : 40) && x + node->w > (any ? x0 : 40) + ROW_WIDTH)
            {
              x = any ? x0 : 40;
              y += row_h + GRID_GAP;
              row_h = 0;
            }
          node->x = x;
          node->y = y;
          x += node->w + GRID_GAP;
          row_h = MAX (row_h, node->h);
        }
      place_children (node);
    }
}

static void
layout (OtmReader *o)
{
  resolve_parents (o);
  assign_diagrams (o);

  for (guint i = 0; i < o->nodes->len; i++)
    make_absolute (g_ptr_array_index (o->nodes, i));
  for (guint i = 0; i < o->diagram_list->len; i++)
    layout_diagram (o, g_ptr_array_index (o->diagram_list, i));
}

static void
add_nodes (OtmReader *o)
{
  /* Trust zones first, so that they are drawn behind. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < o->nodes->len; i++)
      {
        OtmNode *node = g_ptr_array_index (o->nodes, i);

        if (node->synthetic || node->is_zone != (pass == 0))
          continue;

        g_object_set (node->element,
                      "diagram-id", moat_object_get_id (MOAT_OBJECT (node->diagram)),
                      "x", CLAMP (node->x, -MAX_LAYOUT, MAX_LAYOUT),
                      "y", CLAMP (node->y, -MAX_LAYOUT, MAX_LAYOUT),
                      "width", CLAMP (node->w, 1, MAX_LAYOUT),
                      "height", CLAMP (node->h, 1, MAX_LAYOUT),
                      NULL);
        moat_format_reader_add (&o->r, node->element);
      }
}

/* ---- data flows ---- */

static OtmNode *
flow_end (OtmReader  *o,
          JsonObject *object,
          const char *key,
          const char *path)
{
  const char *id = moat_format_get_string (&o->r, object, key, path);
  OtmNode *node = id ? g_hash_table_lookup (o->components, id) : NULL;

  return node && !node->synthetic ? node : NULL;
}

static gboolean
read_flow (OtmReader  *o,
           JsonObject *object,
           const char *path)
{
  g_autoptr(MoatElement) flow = NULL;
  g_autofree char *id = NULL;
  OtmNode *source = flow_end (o, object, "source", path);
  OtmNode *target = flow_end (o, object, "destination", path);
  gboolean bidirectional = FALSE;

  if (source == NULL || target == NULL)
    {
      moat_format_report_unjoined_flow (&o->r, path, object, FALSE);
      return TRUE;
    }

  id = otm_take_id (o, KIND_FLOW, moat_format_get_string (&o->r, object, "id", path), path);
  flow = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
  moat_format_get_boolean (&o->r, object, "bidirectional", path, &bidirectional);
  g_object_set (flow,
                "kind", MOAT_ELEMENT_FLOW,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (source->diagram)),
                "name", moat_format_get_string (&o->r, object, "name", path),
                "description", moat_format_get_string (&o->r, object, "description", path),
                "source-id", moat_object_get_id (MOAT_OBJECT (source->element)),
                "target-id", moat_object_get_id (MOAT_OBJECT (target->element)),
                "bidirectional", bidirectional,
                NULL);

  if (source->diagram != target->diagram)
    moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, NULL,
                            _("The data flow joins elements of different diagrams; "
                              "it is drawn on its source’s"));

  read_attributes (o, object, MOAT_OBJECT (flow), flow_native, path);
  read_properties (o, object, flow, path);
  read_tags (o, object, flow, path);
  read_assets_of (o, object, flow, TRUE, path);
  moat_format_reader_add (&o->r, flow);
  read_instances (o, object, &threat_instances, moat_object_get_id (MOAT_OBJECT (flow)), path);
  return TRUE;
}

/* ---- the whole file ---- */

static void
set_ids (gpointer    object,
         const char *field,
         GPtrArray  *ids)
{
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_ptr_array_add (strv, g_ptr_array_index (ids, i));
  g_ptr_array_add (strv, NULL);
  g_object_set (object, field, strv->pdata, NULL);
}

static void
finish_threats (OtmReader *o)
{
  for (guint i = 0; i < o->threat_list->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (o->threat_list, i);
      int status = GPOINTER_TO_INT (g_hash_table_lookup (o->threat_status, threat)) - 1;

      set_ids (threat, "element-ids", g_hash_table_lookup (o->threat_elements, threat));
      if (status >= 0)
        g_object_set (threat, "status", status, NULL);
      moat_format_reader_add (&o->r, threat);
    }

  for (guint i = 0; i < o->control_list->len; i++)
    {
      MoatControl *control = g_ptr_array_index (o->control_list, i);
      int status = GPOINTER_TO_INT (g_hash_table_lookup (o->control_status, control)) - 1;

      set_ids (control, "threat-ids", g_hash_table_lookup (o->control_threats, control));
      if (status >= 0)
        g_object_set (control, "status", status, NULL);
      moat_format_reader_add (&o->r, control);
    }
}

static void
read_project (OtmReader  *o,
              JsonObject *project)
{
  static const char * const keys[] = {
    "name", "id", "description", "owner", "ownerContact", "tags", "attributes", NULL
  };
  const char *contact = moat_format_get_string (&o->r, project, "ownerContact", "project");

  moat_format_model_set (o->r.model, "title", moat_format_get_string (&o->r, project, "name", "project"));
  moat_format_model_set (o->r.model, "description",
                         moat_format_get_string (&o->r, project, "description", "project"));
  moat_format_model_set (o->r.model, "owner", moat_format_get_string (&o->r, project, "owner", "project"));
  read_attributes (o, project, MOAT_OBJECT (o->r.model), model_native, "project");

  if (!moat_format_text_is_empty (contact))
    {
      g_autofree char *value = quoted (contact);

      moat_import_report_add (o->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, "project.ownerContact", value,
                              _("Moat models have an owner but no contact for them; not kept"));
    }
  report_list (o, project, "tags", "project", _("Moat models have no tags; not kept"));
  moat_format_report_unknown (&o->r, project, "project", keys);
}

static void
otm_reader_init (OtmReader  *o,
                 JsonObject *project)
{
  const char *id = moat_format_peek_string (project, "id");
  JsonNode *attributes = json_object_get_member (project, "attributes");

  moat_format_reader_init (&o->r, _("Open Threat Model"), id);
  for (guint i = 0; i < N_KINDS; i++)
    o->kind_ids[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->components = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)otm_node_free);
  o->diagrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->diagram_list = g_ptr_array_new ();
  o->assets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->threats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->threat_list = g_ptr_array_new_with_free_func (g_object_unref);
  o->threat_elements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  o->threat_status = g_hash_table_new (NULL, NULL);
  o->mitigations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  o->control_list = g_ptr_array_new_with_free_func (g_object_unref);
  o->control_threats = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  o->control_status = g_hash_table_new (NULL, NULL);

  /* Values Moat itself wrote only because OTM requires them carry
   * nothing, and are not reported when such a file comes back. */
  o->from_moat = attributes != NULL && JSON_NODE_HOLDS_OBJECT (attributes) &&
                 json_object_has_member (json_node_get_object (attributes), EXPORTED_ATTRIBUTE);
}

static void
otm_reader_clear (OtmReader *o)
{
  for (guint i = 0; i < N_KINDS; i++)
    g_clear_pointer (&o->kind_ids[i], g_hash_table_unref);
  g_clear_pointer (&o->zones, g_hash_table_unref);
  g_clear_pointer (&o->components, g_hash_table_unref);
  g_clear_pointer (&o->nodes, g_ptr_array_unref);
  g_clear_pointer (&o->diagrams, g_hash_table_unref);
  g_clear_pointer (&o->diagram_list, g_ptr_array_unref);
  g_clear_pointer (&o->assets, g_hash_table_unref);
  g_clear_pointer (&o->threats, g_hash_table_unref);
  g_clear_pointer (&o->threat_list, g_ptr_array_unref);
  g_clear_pointer (&o->threat_elements, g_hash_table_unref);
  g_clear_pointer (&o->threat_status, g_hash_table_unref);
  g_clear_pointer (&o->mitigations, g_hash_table_unref);
  g_clear_pointer (&o->control_list, g_ptr_array_unref);
  g_clear_pointer (&o->control_threats, g_hash_table_unref);
  g_clear_pointer (&o->control_status, g_hash_table_unref);
  g_clear_pointer (&o->first_prefixed, g_free);
  moat_format_reader_clear (&o->r);
}

/* ---- the table of sections ---- */

static const char * const representation_keys[] = {
  "name", "id", "type", "description", "size", "repository", "attributes", NULL
};
static const char * const asset_keys[] = { "name", "id", "description", "risk", "attributes", NULL };
static const char * const threat_keys[] = {
  "id", "name", "description", "categories", "cwes", "risk", "tags", "attributes", NULL
};
static const char * const mitigation_keys[] = {
  "id", "name", "description", "riskReduction", "attributes", NULL
};
static const char * const zone_keys[] = {
  "id", "name", "type", "description", "risk", "parent", "representations", "attributes",
  "properties", NULL
};
static const char * const component_keys[] = {
  "id", "name", "type", "description", "parent", "representations", "assets", "threats",
  "tags", "attributes", "properties", NULL
};
static const char * const flow_keys[] = {
  "id", "name", "description", "bidirectional", "source", "destination", "assets", "threats",
  "tags", "attributes", "properties", NULL
};

static void
place_nodes (OtmReader *o)
{
  layout (o);
  add_nodes (o);
}

/* One list of the file's root. An item's reader returns whether it read
 * the item, and so whether the members it does not know are worth
 * reporting. Sections come in this order because later ones refer to
 * earlier ones: components to assets and threats, flows to placed
 * components. */
typedef struct
{
  const char  *key;
  const char  *expected;  /* what an item should be, untranslated */
  gboolean   (*read_item) (OtmReader  *o,
                           JsonObject *object,
                           const char *path);
  const char * const *known;
  void       (*after)     (OtmReader  *o);
} OtmSection;

static const OtmSection sections[] = {
  { "representations", N_("a representation"), read_representation, representation_keys, NULL },
  { "assets", N_("an asset"), read_asset, asset_keys, NULL },
  { "threats", N_("a threat"), read_threat, threat_keys, NULL },
  { "mitigations", N_("a mitigation"), read_mitigation, mitigation_keys, NULL },
  { "trustZones", N_("a trust zone"), read_zone, zone_keys, NULL },
  { "components", N_("a component"), read_component, component_keys, place_nodes },
  { "dataflows", N_("a data flow"), read_flow, flow_keys, finish_threats },
};

static void
read_section (OtmReader        *o,
              JsonObject       *root,
              const OtmSection *section)
{
  JsonArray *array = moat_format_get_array (&o->r, root, section->key, "");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *path = moat_format_path_index (section->key, NULL, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        moat_format_report_invalid (&o->r, path, item, _(section->expected));
      else if (section->read_item (o, json_node_get_object (item), path))
        moat_format_report_unknown (&o->r, json_node_get_object (item), path, section->known);
    }

  if (section->after != NULL)
    section->after (o);
}

/**
 * moat_otm_import:
 * @root: the parsed file
 *
 * Returns: (transfer full): the model, or %NULL when @root is not an OTM
 *   file at all
 */
MoatModel *
moat_otm_import (JsonNode          *root,
                 MoatImportReport **report,
                 GError           **error)
{
  static const char * const keys[] = {
    "otmVersion", "project", "representations", "assets", "trustZones", "components",
    "dataflows", "threats", "mitigations", NULL
  };
  OtmReader o = { 0 };
  JsonObject *object;
  JsonNode *node;
  MoatModel *model;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                   _("This is not a valid Open Threat Model file: %s"), _("the file is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "project");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                   _("This is not a valid Open Threat Model file: %s"),
                   _("“project” is missing or not an object"));
      return NULL;
    }

  otm_reader_init (&o, json_node_get_object (node));
  read_project (&o, json_node_get_object (node));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    read_section (&o, object, &sections[i]);
  moat_format_report_unknown (&o.r, object, "", keys);

  if (o.n_prefixed > 0)
    moat_import_report_add (o.r.report, MOAT_IMPORT_ISSUE_CONVERTED, o.first_prefixed, NULL,
                            ngettext ("%u object had an id that an object of another kind has too; "
                                      "its id was given the prefix of its kind, like “mitigation-”",
                                      "%u objects had ids that objects of other kinds have too; "
                                      "their ids were given the prefix of their kind, like “mitigation-”",
                                      o.n_prefixed), o.n_prefixed);

  if (o.diagram_list->len == 0)
    default_diagram (&o);

  model = moat_format_reader_finish (&o.r, report);
  otm_reader_clear (&o);

  return model;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

typedef struct
{
  MoatModel        *model;
  MoatImportReport *report;
  GHashTable       *ids;       /* MoatObject -> its id in the file */
  GHashTable       *controls;  /* threat id -> GPtrArray of MoatControl */
  GHashTable       *threats;   /* element id -> GPtrArray of MoatThreat */
  GHashTable       *parents;   /* MoatElement -> enclosing boundary */
  GPtrArray        *elements;
  char             *outside;   /* the synthetic zone's id, once needed */
} OtmWriter;

static gboolean
is_component (MoatElement *element)
{
  MoatElementKind kind = moat_element_get_kind (element);

  return kind == MOAT_ELEMENT_ACTOR || kind == MOAT_ELEMENT_PROCESS || kind == MOAT_ELEMENT_STORE;
}

static int
element_kind_index (MoatElement *element)
{
  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_BOUNDARY:
      return KIND_ZONE;
    case MOAT_ELEMENT_FLOW:
      return KIND_FLOW;
    case MOAT_ELEMENT_NOTE:
      return -1;
    case MOAT_ELEMENT_ACTOR:
    case MOAT_ELEMENT_PROCESS:
    case MOAT_ELEMENT_STORE:
    default:
      return KIND_COMPONENT;
    }
}

static int
kind_index (MoatObject *object)
{
  if (MOAT_IS_ELEMENT (object))
    return element_kind_index (MOAT_ELEMENT (object));
  if (MOAT_IS_DIAGRAM (object))
    return KIND_DIAGRAM;
  if (MOAT_IS_ASSET (object))
    return KIND_ASSET;
  if (MOAT_IS_THREAT (object))
    return KIND_THREAT;
  if (MOAT_IS_CONTROL (object))
    return KIND_MITIGATION;
  return -1;
}

/* Takes off the prefix the reader added to keep ids apart across kinds,
 * when the bare id is free within its kind. */
static void
assign_ids (OtmWriter *w)
{
  const GType types[] = {
    MOAT_TYPE_DIAGRAM, MOAT_TYPE_ASSET, MOAT_TYPE_ELEMENT, MOAT_TYPE_THREAT, MOAT_TYPE_CONTROL,
  };
  GHashTable *taken[N_KINDS];

  for (guint k = 0; k < N_KINDS; k++)
    taken[k] = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint pass = 0; pass < 2; pass++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      {
        g_autoptr(GPtrArray) objects = moat_format_sorted_list (w->model, types[t]);

        for (guint i = 0; i < objects->len; i++)
          {
            MoatObject *object = g_ptr_array_index (objects, i);
            const char *id = moat_object_get_id (object);
            int k = kind_index (object);
            const char *bare;

            if (k < 0)
              continue;
            if (pass == 0)
              {
                g_hash_table_add (taken[k], (char *)id);
                continue;
              }

            bare = g_str_has_prefix (id, kind_prefixes[k]) ? id + strlen (kind_prefixes[k]) : NULL;
            if (bare != NULL && bare[0] != '\0' && !g_hash_table_contains (taken[k], bare))
              {
                g_hash_table_add (taken[k], (char *)bare);
                id = bare;
              }
            g_hash_table_insert (w->ids, object, g_strdup (id));
          }
      }

  for (guint k = 0; k < N_KINDS; k++)
    g_hash_table_unref (taken[k]);
}

static const char *
otm_id (OtmWriter *w,
        gpointer   object)
{
  const char *id = g_hash_table_lookup (w->ids, object);

  return id ? id : moat_object_get_id (object);
}

static const char *
otm_id_for (OtmWriter  *w,
            const char *moat_id)
{
  MoatObject *object = moat_model_lookup (w->model, moat_id);

  return object ? otm_id (w, object) : moat_id;
}

/* The fields OTM has no member for, as moat: attributes. */
static void
set_attributes (OtmWriter          *w,
                JsonObject         *json,
                MoatObject         *object,
                const char * const *native,
                const char         *also)
{
  JsonObject *attributes = json_object_new ();
  GParamSpec **fields;
  guint n_fields;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (object), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i]->name;
      const GValue *value = moat_object_peek_value (object, fields[i]);
      g_autofree char *key = NULL;
      g_autofree char *text = NULL;

      if ((g_strv_contains (native, name) && g_strcmp0 (name, also) != 0) ||
          moat_format_value_is_default (fields[i], value))
        continue;

      if (moat_format_is_reference (G_OBJECT_TYPE (object), name))
        {
          g_autofree char *path = moat_format_object_path (object, name);

          moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_UNMAPPED, path, NULL,
                                  _("OTM has no place for this link; not written"));
          continue;
        }

      key = g_strconcat (ATTRIBUTE_PREFIX, name, NULL);
      text = moat_value_to_text (fields[i], value);
      json_object_set_string_member (attributes, key, text ? text : "");
    }

  if (json_object_get_size (attributes) > 0)
    json_object_set_object_member (json, "attributes", attributes);
  else
    json_object_unref (attributes);
}

static void
set_text (JsonObject *json,
          const char *key,
          const char *text)
{
  if (!moat_format_text_is_empty (text))
    json_object_set_string_member (json, key, text);
}

static JsonObject *
pair_object (const char *a,
             double      x,
             const char *b,
             double      y)
{
  JsonObject *object = json_object_new ();

  moat_format_set_number (object, a, x);
  moat_format_set_number (object, b, y);
  return object;
}

static JsonArray *
strv_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static gboolean
inside (MoatElement *outer,
        MoatElement *inner,
        gboolean     whole)
{
  double ox = moat_element_get_x (outer), oy = moat_element_get_y (outer);
  double ow = moat_element_get_width (outer), oh = moat_element_get_height (outer);
  double ix = moat_element_get_x (inner), iy = moat_element_get_y (inner);
  double iw = moat_element_get_width (inner), ih = moat_element_get_height (inner);

  if (!whole)
    {
      double cx = ix + iw / 2, cy = iy + ih / 2;
      return cx >= ox && cx <= ox + ow && cy >= oy && cy <= oy + oh;
    }

  return ix >= ox && iy >= oy && ix + iw <= ox + ow && iy + ih <= oy + oh;
}

/* OTM gives each component one parent; Moat finds it by geometry: the
 * smallest boundary around the element's centre (for boundaries, around
 * all of it; the larger one, or the earlier of two alike, is outside). */
static void
find_parents (OtmWriter *w)
{
  g_autoptr(GPtrArray) zones = g_ptr_array_new ();

  for (guint i = 0; i < w->elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (w->elements, i);

      /* Nothing is inside a boundary line. */
      if (moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY && !moat_boundary_line_is_line (element))
        g_ptr_array_add (zones, element);
    }

  if ((double)zones->len * w->elements->len > 50e6)
    {
      moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_CONVERTED, "", NULL,
                              _("Too many boundaries to work out which element is in which; "
                                "every element was put outside them"));
      return;
    }

  for (guint i = 0; i < w->elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (w->elements, i);
      gboolean zone = moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY;
      double area = moat_element_get_width (element) * moat_element_get_height (element);
      MoatElement *best = NULL;
      double best_area = G_MAXDOUBLE;

      if (!zone && !is_component (element))
        continue;

      for (guint j = 0; j < zones->len; j++)
        {
          MoatElement *outer = g_ptr_array_index (zones, j);
          double outer_area = moat_element_get_width (outer) * moat_element_get_height (outer);
          guint outer_index = 0, inner_index = 0;

          if (outer == element ||
              g_strcmp0 (moat_element_get_diagram_id (outer), moat_element_get_diagram_id (element)) != 0 ||
              !inside (outer, element, zone) || outer_area >= best_area)
            continue;
          if (zone)
            {
              g_ptr_array_find (w->elements, outer, &outer_index);
              g_ptr_array_find (w->elements, element, &inner_index);
              if (outer_area < area || (outer_area == area && outer_index > inner_index))
                continue;
            }
          best = outer, best_area = outer_area;
        }

      if (best != NULL)
        g_hash_table_insert (w->parents, element, best);
    }
}

static const char *
outside_zone (OtmWriter *w)
{
  if (w->outside == NULL)
    {
      g_autofree char *id = g_strdup ("moat-outside");

      for (guint n = 2; moat_model_lookup (w->model, id) != NULL; n++)
        {
          g_free (id);
          id = g_strdup_printf ("moat-outside-%u", n);
        }
      w->outside = g_steal_pointer (&id);
    }

  return w->outside;
}

static JsonArray *
representation (OtmWriter   *w,
                MoatElement *element)
{
  JsonArray *array = json_array_new ();
  JsonObject *rep = json_object_new ();
  MoatElement *parent = g_hash_table_lookup (w->parents, element);
  MoatDiagram *diagram = moat_model_lookup (w->model, moat_element_get_diagram_id (element));
  g_autofree char *id = g_strconcat (otm_id (w, element), "-representation", NULL);
  double x = moat_element_get_x (element), y = moat_element_get_y (element);

  if (parent != NULL)
    x -= moat_element_get_x (parent), y -= moat_element_get_y (parent);

  json_object_set_string_member (rep, "representation", otm_id (w, diagram));
  json_object_set_string_member (rep, "id", id);
  set_text (rep, "name", moat_element_get_name (element));
  json_object_set_object_member (rep, "position", pair_object ("x", x, "y", y));
  json_object_set_object_member (rep, "size",
                                 pair_object ("width", moat_element_get_width (element),
                                              "height", moat_element_get_height (element)));
  json_array_add_object_element (array, rep);

  return array;
}

static JsonObject *
parent_object (OtmWriter   *w,
               MoatElement *element)
{
  MoatElement *parent = g_hash_table_lookup (w->parents, element);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "trustZone", parent ? otm_id (w, parent) : outside_zone (w));
  return object;
}

static const char *
threat_state_for (MoatThreatStatus status)
{
  switch (status)
    {
    case MOAT_THREAT_MITIGATED:
      return "mitigated";
    case MOAT_THREAT_ACCEPTED:
      return "accepted";
    case MOAT_THREAT_TRANSFERRED:
      return "transferred";
    case MOAT_THREAT_NOT_APPLICABLE:
      return "not-applicable";
    case MOAT_THREAT_OPEN:
    default:
      return "exposed";
    }
}

static const char *
mitigation_state_for (MoatControlStatus status)
{
  switch (status)
    {
    case MOAT_CONTROL_PLANNED:
      return "required";
    case MOAT_CONTROL_IN_PROGRESS:
      return "in-progress";
    case MOAT_CONTROL_IMPLEMENTED:
      return "implemented";
    case MOAT_CONTROL_VERIFIED:
      return "verified";
    case MOAT_CONTROL_PROPOSED:
    default:
      return "recommended";
    }
}

static void
set_instances (OtmWriter   *w,
               JsonObject  *json,
               MoatElement *element)
{
  GPtrArray *threats = g_hash_table_lookup (w->threats, moat_object_get_id (MOAT_OBJECT (element)));
  JsonArray *array;

  if (threats == NULL)
    return;

  array = json_array_new ();
  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      GPtrArray *controls = g_hash_table_lookup (w->controls, moat_object_get_id (MOAT_OBJECT (threat)));
      JsonObject *instance = json_object_new ();
      JsonArray *mitigations = json_array_new ();

      for (guint j = 0; controls != NULL && j < controls->len; j++)
        {
          MoatControl *control = g_ptr_array_index (controls, j);
          JsonObject *mitigation = json_object_new ();

          json_object_set_string_member (mitigation, "mitigation", otm_id (w, control));
          json_object_set_string_member (mitigation, "state",
                                         mitigation_state_for (moat_control_get_status (control)));
          json_array_add_object_element (mitigations, mitigation);
        }

      json_object_set_string_member (instance, "threat", otm_id (w, threat));
      json_object_set_string_member (instance, "state", threat_state_for (moat_threat_get_status (threat)));
      json_object_set_array_member (instance, "mitigations", mitigations);
      json_array_add_object_element (array, instance);
    }

  json_object_set_array_member (json, "threats", array);
}

static JsonArray *
asset_ids (OtmWriter   *w,
           MoatElement *element)
{
  const char * const *ids = moat_element_get_asset_ids (element);
  JsonArray *array = json_array_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_array_add_string_element (array, otm_id_for (w, ids[i]));
  return array;
}

static void
set_assets (OtmWriter   *w,
            JsonObject  *json,
            MoatElement *element)
{
  const char * const *ids = moat_element_get_asset_ids (element);
  JsonObject *assets;

  if (ids == NULL || ids[0] == NULL)
    return;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      json_object_set_array_member (json, "assets", asset_ids (w, element));
      return;
    }

  assets = json_object_new ();
  json_object_set_array_member (assets, moat_element_get_kind (element) == MOAT_ELEMENT_STORE
                                        ? "stored" : "processed", asset_ids (w, element));
  json_object_set_object_member (json, "assets", assets);
}

static JsonObject *
zone_object (OtmWriter   *w,
             MoatElement *element)
{
  JsonObject *json = json_object_new ();
  JsonObject *risk = json_object_new ();
  MoatElement *parent = g_hash_table_lookup (w->parents, element);

  json_object_set_string_member (json, "id", otm_id (w, element));
  json_object_set_string_member (json, "name", moat_element_get_name (element) ?: "");
  set_text (json, "description", moat_element_get_description (element));
  json_object_set_int_member (risk, "trustRating", moat_element_get_internet_facing (element) ? 10 : 50);
  json_object_set_object_member (json, "risk", risk);
  if (parent != NULL)
    json_object_set_object_member (json, "parent", parent_object (w, element));
  json_object_set_array_member (json, "representations", representation (w, element));
  set_attributes (w, json, MOAT_OBJECT (element), zone_native, NULL);

  return json;
}

static JsonObject *
component_object (OtmWriter   *w,
                  MoatElement *element)
{
  JsonObject *json = json_object_new ();
  const char * const *tags = moat_element_get_tags (element);
  const char *types[] = {
    [MOAT_ELEMENT_ACTOR] = "generic-client",
    [MOAT_ELEMENT_PROCESS] = "generic-service",
    [MOAT_ELEMENT_STORE] = "database",
  };

  json_object_set_string_member (json, "id", otm_id (w, element));
  json_object_set_string_member (json, "name", moat_element_get_name (element) ?: "");
  json_object_set_string_member (json, "type", types[moat_element_get_kind (element)]);
  set_text (json, "description", moat_element_get_description (element));
  json_object_set_object_member (json, "parent", parent_object (w, element));
  json_object_set_array_member (json, "representations", representation (w, element));
  set_assets (w, json, element);
  set_instances (w, json, element);
  if (tags != NULL && tags[0] != NULL)
    json_object_set_array_member (json, "tags", strv_array (tags));
  set_attributes (w, json, MOAT_OBJECT (element), component_native, NULL);

  return json;
}

static JsonObject *
flow_object (OtmWriter   *w,
             MoatElement *element)
{
  JsonObject *json = json_object_new ();
  const char * const *tags = moat_element_get_tags (element);
  const char *ends[] = { moat_element_get_source_id (element), moat_element_get_target_id (element) };

  for (guint i = 0; i < 2; i++)
    {
      MoatElement *end = moat_model_lookup_typed (w->model, ends[i], MOAT_TYPE_ELEMENT);

      if (end == NULL || !is_component (end))
        {
          json_object_unref (json);
          moat_format_report_skipped (w->report, MOAT_OBJECT (element),
                                      _("OTM data flows join components only, and this one does not; "
                                        "not written"));
          return NULL;
        }
    }

  json_object_set_string_member (json, "id", otm_id (w, element));
  json_object_set_string_member (json, "name", moat_element_get_name (element) ?: "");
  set_text (json, "description", moat_element_get_description (element));
  json_object_set_boolean_member (json, "bidirectional", moat_element_get_bidirectional (element));
  json_object_set_string_member (json, "source", otm_id_for (w, ends[0]));
  json_object_set_string_member (json, "destination", otm_id_for (w, ends[1]));
  set_assets (w, json, element);
  set_instances (w, json, element);
  if (tags != NULL && tags[0] != NULL)
    json_object_set_array_member (json, "tags", strv_array (tags));
  set_attributes (w, json, MOAT_OBJECT (element), flow_native, NULL);

  return json;
}

static void
write_elements (OtmWriter  *w,
                JsonObject *root)
{
  JsonArray *zones = json_array_new ();
  JsonArray *components = json_array_new ();
  JsonArray *flows = json_array_new ();

  for (guint i = 0; i < w->elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (w->elements, i);
      JsonObject *json = NULL;

      switch (moat_element_get_kind (element))
        {
        case MOAT_ELEMENT_BOUNDARY:
          json_array_add_object_element (zones, zone_object (w, element));
          if (moat_boundary_line_is_line (element))
            {
              g_autofree char *where = moat_format_object_path (MOAT_OBJECT (element), NULL);

              moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_CONVERTED, where, NULL, "%s",
                                      _("OTM has no trust boundary lines; the line became a trust zone "
                                        "that holds nothing"));
            }
          break;
        case MOAT_ELEMENT_FLOW:
          if ((json = flow_object (w, element)) != NULL)
            json_array_add_object_element (flows, json);
          break;
        case MOAT_ELEMENT_NOTE:
          moat_format_report_skipped (w->report, MOAT_OBJECT (element),
                                      _("OTM has no notes; not written"));
          continue;
        case MOAT_ELEMENT_ACTOR:
        case MOAT_ELEMENT_PROCESS:
        case MOAT_ELEMENT_STORE:
        default:
          json_array_add_object_element (components, component_object (w, element));
          break;
        }
      if (moat_element_get_kind (element) != MOAT_ELEMENT_FLOW || json != NULL)
        moat_import_report_count_object (w->report, MOAT_TYPE_ELEMENT);
    }

  if (w->outside != NULL)
    {
      JsonObject *zone = json_object_new ();
      JsonObject *risk = json_object_new ();
      JsonObject *attributes = json_object_new ();

      json_object_set_string_member (zone, "id", w->outside);
      json_object_set_string_member (zone, "name", _("Outside any trust boundary"));
      json_object_set_int_member (risk, "trustRating", 50);
      json_object_set_object_member (zone, "risk", risk);
      json_object_set_string_member (attributes, SYNTHETIC_ATTRIBUTE, "true");
      json_object_set_object_member (zone, "attributes", attributes);
      json_array_add_object_element (zones, zone);
    }

  json_object_set_array_member (root, "trustZones", zones);
  json_object_set_array_member (root, "components", components);
  json_object_set_array_member (root, "dataflows", flows);
}

static JsonObject *
threat_object (OtmWriter  *w,
               MoatThreat *threat)
{
  JsonObject *json = json_object_new ();
  JsonObject *risk = json_object_new ();
  const char *category = moat_threat_get_category (threat);
  const char * const *elements = moat_threat_get_element_ids (threat);

  json_object_set_string_member (json, "id", otm_id (w, threat));
  json_object_set_string_member (json, "name", moat_threat_get_title (threat) ?: "");
  set_text (json, "description", moat_threat_get_description (threat));
  if (!moat_format_text_is_empty (category))
    {
      JsonArray *categories = json_array_new ();

      json_array_add_string_element (categories, moat_format_category_label (category));
      json_object_set_array_member (json, "categories", categories);
    }
  json_object_set_int_member (risk, "likelihood", moat_format_scale_to_percent (moat_threat_get_likelihood (threat)));
  json_object_set_int_member (risk, "impact", moat_format_scale_to_percent (moat_threat_get_impact (threat)));
  json_object_set_object_member (json, "risk", risk);
  /* A threat on no element has no instance to carry its status. */
  set_attributes (w, json, MOAT_OBJECT (threat), threat_native,
                  elements == NULL || elements[0] == NULL ? "status" : NULL);

  return json;
}

static JsonObject *
mitigation_object (OtmWriter   *w,
                   MoatControl *control)
{
  JsonObject *json = json_object_new ();
  const char * const *threats = moat_control_get_threat_ids (control);

  json_object_set_string_member (json, "id", otm_id (w, control));
  json_object_set_string_member (json, "name", moat_control_get_title (control) ?: "");
  set_text (json, "description", moat_control_get_description (control));
  json_object_set_int_member (json, "riskReduction", 50);
  set_attributes (w, json, MOAT_OBJECT (control), control_native,
                  threats == NULL || threats[0] == NULL ? "status" : NULL);

  return json;
}

static JsonObject *
asset_object (OtmWriter *w,
              MoatAsset *asset)
{
  JsonObject *json = json_object_new ();
  JsonObject *risk = json_object_new ();

  json_object_set_string_member (json, "id", otm_id (w, asset));
  json_object_set_string_member (json, "name", moat_asset_get_name (asset) ?: "");
  set_text (json, "description", moat_asset_get_description (asset));
  json_object_set_int_member (risk, "confidentiality",
                              moat_format_scale_to_percent (moat_asset_get_impact_confidentiality (asset)));
  json_object_set_int_member (risk, "integrity",
                              moat_format_scale_to_percent (moat_asset_get_impact_integrity (asset)));
  json_object_set_int_member (risk, "availability",
                              moat_format_scale_to_percent (moat_asset_get_impact_availability (asset)));
  json_object_set_object_member (json, "risk", risk);
  set_attributes (w, json, MOAT_OBJECT (asset), asset_native, NULL);

  return json;
}

static JsonObject *
diagram_object (OtmWriter   *w,
                MoatDiagram *diagram)
{
  JsonObject *json = json_object_new ();
  const char *id = moat_object_get_id (MOAT_OBJECT (diagram));
  const char *title = moat_diagram_get_title (diagram);
  double width = 100, height = 100;

  for (guint i = 0; i < w->elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (w->elements, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), id) != 0 ||
          moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
        continue;
      width = MAX (width, moat_element_get_x (element) + moat_element_get_width (element) + 40);
      height = MAX (height, moat_element_get_y (element) + moat_element_get_height (element) + 40);
    }

  json_object_set_string_member (json, "name", moat_format_text_is_empty (title) ? _("Diagram") : title);
  json_object_set_string_member (json, "id", otm_id (w, diagram));
  json_object_set_string_member (json, "type", "diagram");
  set_text (json, "description", moat_diagram_get_description (diagram));
  json_object_set_object_member (json, "size", pair_object ("width", ceil (width), "height", ceil (height)));
  set_attributes (w, json, MOAT_OBJECT (diagram), diagram_native, NULL);
  moat_import_report_count_object (w->report, MOAT_TYPE_DIAGRAM);

  return json;
}

typedef JsonObject *(*ObjectWriter) (OtmWriter *w, gpointer object);

static void
write_list (OtmWriter    *w,
            JsonObject   *root,
            const char   *key,
            GType         type,
            ObjectWriter  writer)
{
  g_autoptr(GPtrArray) objects = moat_format_sorted_list (w->model, type);
  JsonArray *array = json_array_new ();

  if (type == MOAT_TYPE_DIAGRAM)
    g_ptr_array_sort (objects, moat_format_compare_position);

  for (guint i = 0; i < objects->len; i++)
    {
      json_array_add_object_element (array, writer (w, g_ptr_array_index (objects, i)));
      if (type != MOAT_TYPE_DIAGRAM)
        moat_import_report_count_object (w->report, type);
    }

  json_object_set_array_member (root, key, array);
}

static JsonObject *
project_object (OtmWriter *w)
{
  JsonObject *json = json_object_new ();
  JsonObject *attributes;
  const char *title = moat_model_get_title (w->model);

  json_object_set_string_member (json, "name",
                                 moat_format_text_is_empty (title) ? _("Untitled threat model") : title);
  json_object_set_string_member (json, "id", moat_object_get_id (MOAT_OBJECT (w->model)));
  set_text (json, "description", moat_model_get_description (w->model));
  set_text (json, "owner", moat_model_get_owner (w->model));
  set_attributes (w, json, MOAT_OBJECT (w->model), model_native, NULL);

  if (!json_object_has_member (json, "attributes"))
    json_object_set_object_member (json, "attributes", json_object_new ());
  attributes = json_object_get_object_member (json, "attributes");
  json_object_set_string_member (attributes, EXPORTED_ATTRIBUTE, "Moat " PACKAGE_VERSION);

  return json;
}

static void
report_leftovers (OtmWriter *w)
{
  const GType others[] = {
    MOAT_TYPE_THREAT_ACTOR, MOAT_TYPE_ASSUMPTION, MOAT_TYPE_DISMISSAL, MOAT_TYPE_WORKSHOP_SESSION,
    MOAT_TYPE_FEATURE_CHECK,
  };

  for (guint t = 0; t < G_N_ELEMENTS (others); t++)
    {
      g_autoptr(GPtrArray) objects = moat_format_sorted_list (w->model, others[t]);

      for (guint i = 0; i < objects->len; i++)
        moat_format_report_skipped (w->report, g_ptr_array_index (objects, i),
                                    _("OTM has no place for this; not written"));
    }
}

/**
 * moat_otm_export:
 * @report: (out) (optional): what could not be written
 *
 * Returns: (transfer full): @model as an Open Threat Model file
 */
char *
moat_otm_export (MoatModel         *model,
                 MoatImportReport **report)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  OtmWriter w = { 0 };

  w.model = model;
  w.report = moat_import_report_new (_("Open Threat Model"), TRUE);
  w.ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  w.controls = moat_format_index_controls (model);
  w.threats = moat_format_index_threats (w.model);
  w.parents = g_hash_table_new (NULL, NULL);
  w.elements = moat_format_sorted_list (model, MOAT_TYPE_ELEMENT);
  assign_ids (&w);
  find_parents (&w);

  json_object_set_string_member (object, "otmVersion", MOAT_OTM_VERSION);
  json_object_set_object_member (object, "project", project_object (&w));
  write_list (&w, object, "representations", MOAT_TYPE_DIAGRAM, (ObjectWriter)diagram_object);
  write_list (&w, object, "assets", MOAT_TYPE_ASSET, (ObjectWriter)asset_object);
  write_elements (&w, object);
  write_list (&w, object, "threats", MOAT_TYPE_THREAT, (ObjectWriter)threat_object);
  write_list (&w, object, "mitigations", MOAT_TYPE_CONTROL, (ObjectWriter)mitigation_object);
  json_node_take_object (root, object);
  report_leftovers (&w);

  g_hash_table_unref (w.ids);
  g_hash_table_unref (w.controls);
  g_hash_table_unref (w.threats);
  g_hash_table_unref (w.parents);
  g_ptr_array_unref (w.elements);
  g_free (w.outside);
  if (report != NULL)
    *report = g_steal_pointer (&w.report);
  g_clear_object (&w.report);

  return moat_format_generate (root);
}
