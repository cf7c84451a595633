/* moat-format-threat-dragon.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-asset.h"
#include "moat-boundary-line.h"
#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-dismissal.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-format-private.h"
#include "moat-format-threat-dragon.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"
#include "moat-value.h"
#include "moat-workshop-session.h"
#include "moat-feature-check.h"

#define KIND_BIT(kind) (1u << (kind))
#define NODE_KINDS (KIND_BIT (MOAT_ELEMENT_ACTOR) | KIND_BIT (MOAT_ELEMENT_PROCESS) | \
                    KIND_BIT (MOAT_ELEMENT_STORE))

/* A loose flow end is attached to an element at most this far away. */
#define ATTACH_DISTANCE 60.0

typedef struct
{
  const char      *type;   /* data.type */
  const char      *shape;
  MoatElementKind  kind;
  gboolean         curve;
} TdType;

static const TdType td_types[] = {
  { "tm.Actor", "actor", MOAT_ELEMENT_ACTOR, FALSE },
  { "tm.Process", "process", MOAT_ELEMENT_PROCESS, FALSE },
  { "tm.Store", "store", MOAT_ELEMENT_STORE, FALSE },
  { "tm.Flow", "flow", MOAT_ELEMENT_FLOW, FALSE },
  { "tm.BoundaryBox", "trust-boundary-box", MOAT_ELEMENT_BOUNDARY, FALSE },
  { "tm.Boundary", "trust-boundary-curve", MOAT_ELEMENT_BOUNDARY, TRUE },
  { "tm.Text", "td-text-block", MOAT_ELEMENT_NOTE, FALSE },
};

/* Threat Dragon's yes/no properties, by the kinds of cell that have them:
 * each is a Moat field or, where Moat has none, a tag. */
static const struct {
  const char *key;
  guint       kinds;
  const char *field;
  const char *tag;
} td_flags[] = {
  { "isEncrypted", KIND_BIT (MOAT_ELEMENT_FLOW), "encrypted-in-transit", NULL },
  { "isEncrypted", KIND_BIT (MOAT_ELEMENT_STORE), "encrypted-at-rest", NULL },
  { "isPublicNetwork", KIND_BIT (MOAT_ELEMENT_FLOW), "internet-facing", NULL },
  { "isBidirectional", KIND_BIT (MOAT_ELEMENT_FLOW), "bidirectional", NULL },
  { "providesAuthentication", KIND_BIT (MOAT_ELEMENT_ACTOR), "authenticated", NULL },
  { "storesCredentials", KIND_BIT (MOAT_ELEMENT_STORE), "handles-credentials", NULL },
  { "handlesCardPayment", KIND_BIT (MOAT_ELEMENT_PROCESS), "handles-payment", NULL },
  { "isALog", KIND_BIT (MOAT_ELEMENT_STORE), NULL, "log" },
  { "isSigned", KIND_BIT (MOAT_ELEMENT_STORE), NULL, "signed" },
  { "storesInventory", KIND_BIT (MOAT_ELEMENT_STORE), NULL, "inventory" },
  { "handlesGoodsOrServices", KIND_BIT (MOAT_ELEMENT_PROCESS), NULL, "goods-or-services" },
  { "isWebApplication", KIND_BIT (MOAT_ELEMENT_PROCESS), NULL, "web-application" },
};

/* Keys of a cell and of its data that carry nothing Moat must keep:
 * presentation Threat Dragon works out again, or values derived from
 * others. */
static const char * const cell_keys[] = {
  "id", "shape", "data", "position", "size", "attrs", "visible", "zIndex", "ports",
  "width", "height", "labels", "connector", "router", "source", "target", "vertices",
  "tools", "markup", "angle", NULL
};

static const char * const data_common_keys[] = {
  "type", "name", "description", "outOfScope", "reasonOutOfScope", "hasOpenThreats",
  "threats", "threatFrequency", "isTrustBoundary", "protocol", "privilegeLevel", NULL
};

static const char * const threat_keys[] = {
  "id", "threatId", "title", "type", "status", "severity", "score", "description",
  "mitigation", "modelType", "number", "new", NULL
};

/* ------------------------------------------------------------------ */
/* Reading                                                             */

typedef struct
{
  MoatFormatReader  r;
  GHashTable       *cells;   /* id in the file -> MoatElement, this diagram's */
  GPtrArray        *ends;    /* elements flows can join, this diagram's */
  gint64            budget;  /* distance tests left for loose flow ends */
  GHashTable       *mitigations; /* threat id -> its mitigation text, or "" */
  const char       *method;  /* the threat method this diagram's threats imply */
} TdReader;

/* Labels of the values kept as the last line of a description. */
#define SCORE_LABEL N_("Threat Dragon score")
#define METHOD_LABEL N_("Threat Dragon threat method")

/* The threat method two threats on one diagram imply together: Threat
 * Dragon's CIADIE diagrams hold both CIA and DIE threats; any other mix
 * has no single method (""). */
static const char *
merge_method (const char *found,
              const char *method)
{
  if (method == NULL || g_strcmp0 (found, method) == 0)
    return found;
  if (found == NULL)
    return method;
  if ((g_str_equal (found, "CIA") || g_str_equal (found, "DIE") || g_str_equal (found, "CIADIE")) &&
      (g_str_equal (method, "CIA") || g_str_equal (method, "DIE")))
    return "CIADIE";
  return "";
}

static const TdType *
find_type (const char *type,
           const char *shape)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (td_types); i++)
    if (g_str_equal (type, td_types[i].type))
      return &td_types[i];

  for (guint i = 0; shape != NULL && i < G_N_ELEMENTS (td_types); i++)
    if (g_str_equal (shape, td_types[i].shape))
      return &td_types[i];

  return NULL;
}

/* The first non-empty attrs.<selector>.text: JointJS keeps a cell's text
 * under a selector that depends on the shape and the version. */
static const char *
selector_text (JsonNode           *attrs,
               const char * const *selectors)
{
  if (attrs == NULL || !JSON_NODE_HOLDS_OBJECT (attrs))
    return NULL;

  for (; *selectors != NULL; selectors++)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (attrs), *selectors);
      JsonNode *text;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      text = json_object_get_member (json_node_get_object (node), "text");
      if (text != NULL && JSON_NODE_HOLDS_VALUE (text) &&
          json_node_get_value_type (text) == G_TYPE_STRING &&
          json_node_get_string (text)[0] != '\0')
        return json_node_get_string (text);
    }

  return NULL;
}

static const char *
attrs_text (TdReader   *td,
            JsonObject *cell,
            const char *path)
{
  static const char * const selectors[] = { "text", "label", "labelText", NULL };

  return selector_text (json_object_get_member (cell, "attrs"), selectors);
}

/* Flows keep their name in a label when data.name is missing. */
static const char *
label_text (JsonObject *cell)
{
  static const char * const selectors[] = { "labelText", "label", "text", NULL };
  JsonNode *labels = json_object_get_member (cell, "labels");
  JsonNode *first;

  if (labels == NULL || !JSON_NODE_HOLDS_ARRAY (labels) ||
      json_array_get_length (json_node_get_array (labels)) == 0)
    return NULL;

  first = json_array_get_element (json_node_get_array (labels), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;

  return selector_text (json_object_get_member (json_node_get_object (first), "attrs"), selectors);
}

static gboolean
read_point (TdReader   *td,
            JsonObject *object,
            const char *path,
            double     *x,
            double     *y)
{
  g_autofree char *px = moat_format_path (path, "x");
  g_autofree char *py = moat_format_path (path, "y");

  if (!moat_format_get_number (&td->r, object, "x", path, x) ||
      !moat_format_get_number (&td->r, object, "y", path, y))
    return FALSE;

  *x = moat_format_clamp_coord (&td->r, *x, px);
  *y = moat_format_clamp_coord (&td->r, *y, py);
  return TRUE;
}

static void
read_box (TdReader    *td,
          JsonObject  *cell,
          MoatElement *element,
          const char  *path)
{
  g_autofree char *ppath = moat_format_path (path, "position");
  g_autofree char *spath = moat_format_path (path, "size");
  g_autofree char *wpath = moat_format_path (spath, "width");
  g_autofree char *hpath = moat_format_path (spath, "height");
  JsonObject *position = moat_format_get_object (&td->r, cell, "position", path);
  JsonObject *size = moat_format_get_object (&td->r, cell, "size", path);
  double x, y, w, h;

  if (position != NULL && read_point (td, position, ppath, &x, &y))
    g_object_set (element, "x", x, "y", y, NULL);
  else
    moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, ppath, NULL,
                            _("The element has no position; it was put at the top left"));

  if (moat_format_get_number (&td->r, size, "width", spath, &w))
    g_object_set (element, "width",
                  moat_format_clamp_size (&td->r, w, moat_element_get_width (element), wpath), NULL);
  if (moat_format_get_number (&td->r, size, "height", spath, &h))
    g_object_set (element, "height",
                  moat_format_clamp_size (&td->r, h, moat_element_get_height (element), hpath), NULL);
}

static GVariant *
read_vertices (TdReader   *td,
               JsonObject *cell,
               const char *path,
               GArray     *points)
{
  JsonArray *vertices = moat_format_get_array (&td->r, cell, "vertices", path);
  GVariantBuilder builder;

  for (guint i = 0; vertices != NULL && i < json_array_get_length (vertices); i++)
    {
      JsonNode *node = json_array_get_element (vertices, i);
      g_autofree char *here = moat_format_path_index (path, "vertices", i);
      double xy[2];

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          moat_format_report_invalid (&td->r, here, node, _("a point"));
          continue;
        }
      if (read_point (td, json_node_get_object (node), here, &xy[0], &xy[1]))
        g_array_append_vals (points, xy, 2);
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i + 1 < points->len; i += 2)
    g_variant_builder_add (&builder, "(dd)", g_array_index (points, double, i),
                           g_array_index (points, double, i + 1));

  return g_variant_builder_end (&builder);
}

/* A trust boundary line: its ends and bends, in order, are the points
 * of a Moat boundary line. */
static void
read_curve (TdReader    *td,
            JsonObject  *cell,
            MoatElement *element,
            const char  *path)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree MoatPoint *line = NULL;
  const char *ends[] = { "source", "target" };
  double start[2] = { 0, 0 }, end[2] = { 0, 0 };
  gboolean have[2] = { FALSE, FALSE };

  for (guint e = 0; e < 2; e++)
    {
      JsonObject *object = moat_format_get_object (&td->r, cell, ends[e], path);
      g_autofree char *here = moat_format_path (path, ends[e]);
      double *xy = e == 0 ? start : end;

      have[e] = object != NULL && read_point (td, object, here, &xy[0], &xy[1]);
    }

  g_variant_unref (g_variant_ref_sink (read_vertices (td, cell, path, points)));
  if (have[0])
    g_array_prepend_vals (points, start, 2);
  if (have[1])
    g_array_append_vals (points, end, 2);

  if (points->len < 2 * MOAT_BOUNDARY_LINE_MIN_POINTS)
    {
      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, path, NULL,
                              _("The trust boundary line has fewer than two points; "
                                "it became a small region at the top left"));
      return;
    }

  line = g_new (MoatPoint, points->len / 2);
  for (guint i = 0; i < points->len / 2; i++)
    line[i] = (MoatPoint) { g_array_index (points, double, 2 * i), g_array_index (points, double, 2 * i + 1) };
  moat_boundary_line_set_points (element, line, points->len / 2);
}

static void
add_tag (MoatElement *element,
         const char  *tag)
{
  const char * const *tags = moat_element_get_tags (element);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (tags != NULL && g_strv_contains (tags, tag))
    return;
  if (tags != NULL)
    g_strv_builder_addv (builder, (const char **)tags);
  g_strv_builder_add (builder, tag);
  strv = g_strv_builder_end (builder);
  g_object_set (element, "tags", strv, NULL);
}

static MoatPrivilege
privilege_from_text (const char *text,
                     gboolean   *known)
{
  static const struct { const char *word; MoatPrivilege level; } words[] = {
    { "anonymous", MOAT_PRIVILEGE_ANONYMOUS }, { "none", MOAT_PRIVILEGE_ANONYMOUS },
    { "unauthenticated", MOAT_PRIVILEGE_ANONYMOUS }, { "public", MOAT_PRIVILEGE_ANONYMOUS },
    { "user", MOAT_PRIVILEGE_USER }, { "standard", MOAT_PRIVILEGE_USER },
    { "authenticated", MOAT_PRIVILEGE_USER },
    { "admin", MOAT_PRIVILEGE_ADMIN }, { "administrator", MOAT_PRIVILEGE_ADMIN },
    { "system", MOAT_PRIVILEGE_SYSTEM }, { "root", MOAT_PRIVILEGE_SYSTEM },
    { "kernel", MOAT_PRIVILEGE_SYSTEM },
  };
  g_autofree char *key = g_ascii_strdown (text, -1);

  g_strstrip (key);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (key, words[i].word))
      {
        *known = TRUE;
        return words[i].level;
      }

  *known = FALSE;
  return MOAT_PRIVILEGE_UNKNOWN;
}

static void
read_privilege (TdReader    *td,
                JsonObject  *data,
                MoatElement *element,
                const char  *path)
{
  const char *text = moat_format_get_string (&td->r, data, "privilegeLevel", path);
  g_autofree char *here = NULL;
  g_autofree char *value = NULL;
  g_autofree char *description = NULL;
  gboolean known;
  MoatPrivilege level;

  if (moat_format_text_is_empty (text))
    return;

  level = privilege_from_text (text, &known);
  if (known)
    {
      g_object_set (element, "privilege-level", level, NULL);
      return;
    }

  here = moat_format_path (path, "privilegeLevel");
  value = g_strdup_printf ("\"%.60s\"", text);
  description = g_strdup_printf (_("%s%sPrivilege level: %s"),
                                 moat_element_get_description (element) ?: "",
                                 moat_format_text_is_empty (moat_element_get_description (element)) ? "" : "\n\n",
                                 text);
  g_object_set (element, "description", description, NULL);
  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, value,
                          _("Not one of Moat’s privilege levels (anonymous, user, admin, system); "
                            "kept at the end of the description"));
}

static void
read_properties (TdReader    *td,
                 JsonObject  *data,
                 MoatElement *element,
                 const char  *path)
{
  MoatElementKind kind = moat_element_get_kind (element);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean flag;
  const char *text;

  if (moat_format_get_boolean (&td->r, data, "outOfScope", path, &flag))
    g_object_set (element, "out-of-scope", flag, NULL);
  if ((text = moat_format_get_string (&td->r, data, "reasonOutOfScope", path)) && text[0] != '\0')
    g_object_set (element, "out-of-scope-reason", text, NULL);

  if ((text = moat_format_get_string (&td->r, data, "protocol", path)) && text[0] != '\0')
    {
      if (kind == MOAT_ELEMENT_FLOW)
        g_object_set (element, "protocol", text, NULL);
      else
        {
          g_autofree char *here = moat_format_path (path, "protocol");
          moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, NULL,
                                  _("Only data flows have a protocol in Moat; not kept"));
        }
    }

  if (kind == MOAT_ELEMENT_PROCESS)
    read_privilege (td, data, element, path);

  for (guint i = 0; i < G_N_ELEMENTS (td_flags); i++)
    {
      if (!(td_flags[i].kinds & KIND_BIT (kind)))
        continue;
      g_hash_table_add (seen, (char *)td_flags[i].key);
      if (!moat_format_get_boolean (&td->r, data, td_flags[i].key, path, &flag) || !flag)
        continue;
      if (td_flags[i].field != NULL)
        g_object_set (element, td_flags[i].field, TRUE, NULL);
      else
        add_tag (element, td_flags[i].tag);
    }

  /* A flag of another kind of cell: meaningless here unless it is set. */
  for (guint i = 0; i < G_N_ELEMENTS (td_flags); i++)
    {
      JsonNode *node = json_object_get_member (data, td_flags[i].key);
      g_autofree char *here = NULL;

      if (g_hash_table_contains (seen, td_flags[i].key) || node == NULL)
        continue;
      g_hash_table_add (seen, (char *)td_flags[i].key);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
          !json_node_get_boolean (node))
        continue;
      here = moat_format_path (path, td_flags[i].key);
      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, NULL,
                              _("Moat has no such property for this kind of element; not kept"));
    }
}

static void
report_unknown_data (TdReader   *td,
                     JsonObject *data,
                     const char *path)
{
  g_autoptr(GPtrArray) known = g_ptr_array_new ();

  for (guint i = 0; data_common_keys[i] != NULL; i++)
    g_ptr_array_add (known, (char *)data_common_keys[i]);
  for (guint i = 0; i < G_N_ELEMENTS (td_flags); i++)
    g_ptr_array_add (known, (char *)td_flags[i].key);
  g_ptr_array_add (known, NULL);

  moat_format_report_unknown (&td->r, data, path, (const char * const *)known->pdata);
}

/* ---- threats ---- */

static MoatThreatStatus
threat_status (TdReader   *td,
               const char *text,
               MoatThreat *threat,
               const char *path)
{
  g_autofree char *key = g_ascii_strdown (text, -1);
  g_autofree char *value = g_strdup_printf ("\"%.40s\"", text);

  g_strdelimit (key, " _-/", '.');
  if (g_str_equal (key, "open") || key[0] == '\0')
    return MOAT_THREAT_OPEN;
  if (g_str_equal (key, "mitigated"))
    return MOAT_THREAT_MITIGATED;
  if (g_str_equal (key, "notapplicable") || g_str_equal (key, "not.applicable") ||
      g_str_equal (key, "na") || g_str_equal (key, "n.a"))
    return MOAT_THREAT_NOT_APPLICABLE;
  if (g_str_equal (key, "accepted"))
    return MOAT_THREAT_ACCEPTED;
  if (g_str_equal (key, "transferred"))
    return MOAT_THREAT_TRANSFERRED;
  if (g_str_equal (key, "avoided") || g_str_equal (key, "eliminated"))
    {
      g_object_set (threat, "status-reason", text, NULL);
      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, value,
                              _("Moat has no such status; the threat is mitigated, with this as the reason"));
      return MOAT_THREAT_MITIGATED;
    }

  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, path, value,
                          _("Not a threat status Moat knows; the threat is open"));
  return MOAT_THREAT_OPEN;
}

static void
threat_severity (TdReader   *td,
                 const char *text,
                 MoatThreat *threat,
                 const char *path)
{
  static const struct { const char *name; int level; } levels[] = {
    { "critical", 5 }, { "high", 4 }, { "medium", 3 }, { "low", 2 },
  };
  g_autofree char *value = g_strdup_printf ("\"%.40s\"", text);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_ascii_strcasecmp (text, levels[i].name) == 0)
      {
        g_object_set (threat, "likelihood", levels[i].level, "impact", levels[i].level, NULL);
        return;
      }

  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, path, value,
                          _("Not a severity Moat knows (Low, Medium, High, Critical); "
                            "likelihood and impact stay at 3"));
}

static void
read_model_type (TdReader   *td,
                 JsonObject *object,
                 const char *category,
                 const char *path)
{
  const char *model_type = moat_format_get_string (&td->r, object, "modelType", path);
  const char *implied = moat_format_category_methodology (category);
  g_autofree char *here = NULL;
  g_autofree char *value = NULL;

  if (moat_format_text_is_empty (model_type) ||
      g_ascii_strcasecmp (model_type, implied ? implied : "Generic") == 0)
    return;

  here = moat_format_path (path, "modelType");
  value = g_strdup_printf ("\"%.40s\"", model_type);
  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                          _("Moat keeps a threat’s category, not the method it came from; not kept"));
}

/* Moat has no custom score: it is kept as the last line of the threat's
 * description, and written back from there. */
static void
read_score (TdReader   *td,
            JsonObject *object,
            MoatThreat *threat,
            const char *path)
{
  JsonNode *node = json_object_get_member (object, "score");
  g_autofree char *here = NULL;
  g_autofree char *value = NULL;
  g_autofree char *score = NULL;
  g_autofree char *description = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
       moat_format_text_is_empty (json_node_get_string (node))))
    return;

  here = moat_format_path (path, "score");
  value = moat_format_node_text (node);
  if (!JSON_NODE_HOLDS_VALUE (node) || strchr (value, '\n') != NULL || strlen (value) > 100)
    {
      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, here, value,
                              _("Not a score Moat can keep; not kept"));
      return;
    }

  score = json_node_get_value_type (node) == G_TYPE_STRING
    ? g_strstrip (g_strdup (json_node_get_string (node))) : g_strdup (value);
  description = moat_format_append_line (moat_threat_get_description (threat), _(SCORE_LABEL), score);
  g_object_set (threat, "description", description, NULL);
  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, value,
                          _("Moat works out risk from likelihood and impact; the custom score is kept "
                            "as the last line of the threat’s description"));
}

static void
read_mitigation (TdReader   *td,
                 const char *text,
                 MoatThreat *threat,
                 const char *path)
{
  g_autoptr(MoatControl) control = NULL;
  g_autofree char *title = moat_format_control_title (text);
  g_autofree char *wanted = g_strconcat (moat_object_get_id (MOAT_OBJECT (threat)), "-control", NULL);
  g_autofree char *id = moat_format_reader_take_id (&td->r, wanted, path);
  const char *threat_ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };
  gboolean done = moat_threat_get_status (threat) == MOAT_THREAT_MITIGATED;

  control = g_object_new (MOAT_TYPE_CONTROL, "id", id, NULL);
  g_object_set (control,
                "title", title,
                "description", text,
                "status", done ? MOAT_CONTROL_IMPLEMENTED : MOAT_CONTROL_PROPOSED,
                "threat-ids", threat_ids,
                NULL);
  moat_format_reader_add (&td->r, control);
}

/* “2”, “3”, …: the numbers Moat gives the copies of a threat. */
static gboolean
is_copy_number (const char *text)
{
  if (text[0] < '1' || text[0] > '9' || g_str_equal (text, "1") || strlen (text) > 6)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/* Threat Dragon keeps threats on cells, so Moat writes a threat on
 * several elements as one copy per element, with the ids id-2, id-3, …
 * A copy that says exactly what the threat of that id says is the same
 * threat again: it adds its element to the threat instead of being a
 * threat of its own. */
static gboolean
merge_copy (TdReader    *td,
            const char  *wanted,
            MoatThreat  *copy,
            MoatElement *element,
            const char  *mitigation)
{
  static const char * const fields[] = {
    "title", "description", "category", "status", "status-reason", "likelihood", "impact", NULL
  };
  const char *dash = wanted ? strrchr (wanted, '-') : NULL;
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const char * const *old_ids;
  MoatThreat *original;
  GParamSpec *pspec;

  if (dash == NULL || !is_copy_number (dash + 1))
    return FALSE;
  base = g_strndup (wanted, dash - wanted);
  original = moat_model_lookup_typed (td->r.model, base, MOAT_TYPE_THREAT);
  if (original == NULL ||
      g_strcmp0 (g_hash_table_lookup (td->mitigations, base), mitigation ? mitigation : "") != 0)
    return FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (copy), fields[i]);
      if (!moat_value_equal (moat_object_peek_value (MOAT_OBJECT (original), pspec),
                             moat_object_peek_value (MOAT_OBJECT (copy), pspec)))
        return FALSE;
    }

  old_ids = moat_threat_get_element_ids (original);
  ids = g_ptr_array_new ();
  for (guint i = 0; old_ids != NULL && old_ids[i] != NULL; i++)
    g_ptr_array_add (ids, (char *)old_ids[i]);
  if (!g_strv_contains (old_ids, moat_object_get_id (MOAT_OBJECT (element))))
    g_ptr_array_add (ids, (char *)moat_object_get_id (MOAT_OBJECT (element)));
  g_ptr_array_add (ids, NULL);

  /* Stored, not set: an import is not an edit to undo. */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (original), "element-ids");
  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, ids->pdata);
  _moat_object_store_value (MOAT_OBJECT (original), pspec, &value);
  return TRUE;
}

static void
read_threat (TdReader    *td,
             JsonObject  *object,
             MoatElement *element,
             const char  *path)
{
  g_autoptr(MoatThreat) threat = NULL;
  g_autofree char *id = NULL;
  g_autofree char *here = NULL;
  const char *wanted, *text, *category = NULL;
  const char *element_ids[] = { moat_object_get_id (MOAT_OBJECT (element)), NULL };

  wanted = moat_format_get_string (&td->r, object, "id", path);
  if (wanted == NULL)
    wanted = moat_format_get_string (&td->r, object, "threatId", path);
  id = moat_format_reader_take_id (&td->r, wanted, path);

  threat = g_object_new (MOAT_TYPE_THREAT, "id", id, NULL);
  g_object_set (threat,
                "title", moat_format_get_string (&td->r, object, "title", path),
                "description", moat_format_get_string (&td->r, object, "description", path),
                "element-ids", element_ids,
                NULL);

  if ((text = moat_format_get_string (&td->r, object, "type", path)) && text[0] != '\0')
    {
      category = moat_format_category_from_text (text);
      if (category == NULL)
        category = text;
      g_object_set (threat, "category", category, NULL);
    }
  read_model_type (td, object, category, path);
  td->method = merge_method (td->method, moat_format_category_methodology (category));

  here = moat_format_path (path, "status");
  if ((text = moat_format_get_string (&td->r, object, "status", path)))
    g_object_set (threat, "status", threat_status (td, text, threat, here), NULL);

  g_free (here);
  here = moat_format_path (path, "severity");
  if ((text = moat_format_get_string (&td->r, object, "severity", path)))
    threat_severity (td, text, threat, here);

  read_score (td, object, threat, path);
  moat_format_report_unknown (&td->r, object, path, threat_keys);

  if ((text = moat_format_get_string (&td->r, object, "mitigation", path)) &&
      moat_format_is_placeholder (text))
    {
      if (!moat_format_text_is_empty (text))
        {
          g_autofree char *mpath = moat_format_path (path, "mitigation");
          g_autofree char *value = g_strdup_printf ("\"%s\"", text);

          moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, mpath, value,
                                  _("Says there is no mitigation yet; no control was made of it"));
        }
      text = NULL;
    }
  if (merge_copy (td, wanted, threat, element, text))
    return;

  moat_format_reader_add (&td->r, threat);
  g_hash_table_insert (td->mitigations, g_strdup (id), g_strdup (text ? text : ""));

  g_free (here);
  here = moat_format_path (path, "mitigation");
  if (text != NULL)
    read_mitigation (td, text, threat, here);
}

static void
read_threats (TdReader    *td,
              JsonObject  *data,
              MoatElement *element,
              const char  *path)
{
  JsonArray *threats = moat_format_get_array (&td->r, data, "threats", path);

  for (guint i = 0; threats != NULL && i < json_array_get_length (threats); i++)
    {
      JsonNode *node = json_array_get_element (threats, i);
      g_autofree char *here = moat_format_path_index (path, "threats", i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        moat_format_report_invalid (&td->r, here, node, _("a threat"));
      else
        read_threat (td, json_node_get_object (node), element, here);
    }
}

/* ---- cells ---- */

static MoatElement *
new_element (TdReader     *td,
             JsonObject   *cell,
             const TdType *type,
             MoatDiagram  *diagram,
             const char   *path)
{
  g_autofree char *id = NULL;
  g_autofree char *id_path = moat_format_path (path, "id");
  const char *wanted = moat_format_get_string (&td->r, cell, "id", path);
  MoatElement *element;
  double z;

  if (wanted == NULL)
    moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, id_path, NULL,
                            _("The element has no id; it was given one"));
  id = moat_format_reader_take_id (&td->r, wanted, id_path);

  element = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
  g_object_set (element,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)),
                "kind", type->kind,
                NULL);
  /* Threat Dragon stacks all cells by zIndex; Moat keeps its layers and
   * stacks within each by the same numbers. */
  if (moat_format_get_number (&td->r, cell, "zIndex", path, &z))
    g_object_set (element, "z-order",
                  (int)CLAMP (round (z), -MOAT_ELEMENT_Z_ORDER_LIMIT, MOAT_ELEMENT_Z_ORDER_LIMIT), NULL);

  /* Later cells with the same id are copies; flows join the first. */
  if (wanted != NULL && !g_hash_table_contains (td->cells, wanted))
    g_hash_table_insert (td->cells, g_strdup (wanted), element);

  return element;
}

static void
read_texts (TdReader    *td,
            JsonObject  *cell,
            JsonObject  *data,
            MoatElement *element,
            const char  *path)
{
  g_autofree char *data_path = moat_format_path (path, "data");
  const char *name = moat_format_get_string (&td->r, data, "name", data_path);
  const char *description = moat_format_get_string (&td->r, data, "description", data_path);

  if (moat_format_text_is_empty (name))
    name = moat_element_get_kind (element) == MOAT_ELEMENT_FLOW
      ? label_text (cell) : attrs_text (td, cell, path);

  g_object_set (element, "name", name, NULL);
  if (!moat_format_text_is_empty (description))
    {
      if (moat_element_get_kind (element) == MOAT_ELEMENT_NOTE)
        {
          g_autofree char *here = moat_format_path (data_path, "description");
          moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, NULL,
                                  _("Notes in Moat are only their text; the description is not kept"));
        }
      else
        g_object_set (element, "description", description, NULL);
    }
}

static void
finish_cell (TdReader    *td,
             JsonObject  *cell,
             JsonObject  *data,
             MoatElement *element,
             const char  *path)
{
  g_autofree char *data_path = moat_format_path (path, "data");

  if (data != NULL)
    read_properties (td, data, element, data_path);
  moat_format_report_unknown (&td->r, cell, path, cell_keys);
  report_unknown_data (td, data, data_path);

  moat_format_reader_add (&td->r, element);
  if (data != NULL)
    read_threats (td, data, element, data_path);
}

static void
read_node (TdReader     *td,
           JsonObject   *cell,
           JsonObject   *data,
           const TdType *type,
           MoatDiagram  *diagram,
           const char   *path)
{
  g_autoptr(MoatElement) element = new_element (td, cell, type, diagram, path);

  read_texts (td, cell, data, element, path);
  if (type->curve)
    read_curve (td, cell, element, path);
  else
    read_box (td, cell, element, path);

  if (NODE_KINDS & KIND_BIT (type->kind))
    g_ptr_array_add (td->ends, element);

  finish_cell (td, cell, data, element, path);
}

static MoatElement *
flow_end (TdReader   *td,
          JsonObject *cell,
          const char *which,
          const char *path)
{
  g_autofree char *here = moat_format_path (path, which);
  JsonObject *end = moat_format_get_object (&td->r, cell, which, path);
  const char *cell_id = moat_format_get_string (&td->r, end, "cell", here);
  MoatElement *element;
  double x, y;

  if (cell_id != NULL)
    {
      element = g_hash_table_lookup (td->cells, cell_id);
      if (element != NULL && g_ptr_array_find (td->ends, element, NULL))
        return element;
      return NULL;
    }

  if (end == NULL || !read_point (td, end, here, &x, &y) || !(element = moat_format_nearest_element (td->ends, NULL, x, y, ATTACH_DISTANCE, &td->budget)))
    return NULL;

  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, NULL,
                          _("The flow’s end was a loose point; it was attached to “%s”, "
                            "the nearest element"),
                          moat_element_get_name (element) ?: moat_object_get_id (MOAT_OBJECT (element)));
  return element;
}

static void
read_flow (TdReader     *td,
           JsonObject   *cell,
           JsonObject   *data,
           const TdType *type,
           MoatDiagram  *diagram,
           const char   *path)
{
  g_autoptr(MoatElement) element = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  MoatElement *source = flow_end (td, cell, "source", path);
  MoatElement *target = flow_end (td, cell, "target", path);
  GVariant *vertices;

  if (source == NULL || target == NULL)
    {
      moat_format_report_unjoined_flow (&td->r, path, data, TRUE);
      return;
    }

  element = new_element (td, cell, type, diagram, path);
  read_texts (td, cell, data, element, path);
  vertices = g_variant_ref_sink (read_vertices (td, cell, path, points));
  g_object_set (element,
                "source-id", moat_object_get_id (MOAT_OBJECT (source)),
                "target-id", moat_object_get_id (MOAT_OBJECT (target)),
                NULL);
  /* No bends stays unset, as on a flow drawn in Moat. */
  if (g_variant_n_children (vertices) > 0)
    g_object_set (element, "points", vertices, NULL);
  g_variant_unref (vertices);

  finish_cell (td, cell, data, element, path);
}

static JsonObject *
peek_object (JsonObject *object,
             const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
read_cell (TdReader    *td,
           JsonNode    *node,
           MoatDiagram *diagram,
           gboolean     flows,
           const char  *path)
{
  JsonObject *cell, *data;
  const TdType *type;
  const char *type_name, *shape;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!flows)
        moat_format_report_invalid (&td->r, path, node, _("a diagram element"));
      return;
    }

  cell = json_node_get_object (node);
  data = flows ? peek_object (cell, "data") : moat_format_get_object (&td->r, cell, "data", path);
  type_name = moat_format_peek_string (data, "type");
  shape = moat_format_peek_string (cell, "shape");
  type = find_type (type_name, shape);

  if (type == NULL)
    {
      g_autofree char *value = g_strdup_printf ("\"%.40s\"", type_name ?: shape ?: "");

      if (!flows)
        moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_SKIPPED, path, value,
                                _("Not a kind of diagram element Moat knows; left out"));
      return;
    }

  if ((type->kind == MOAT_ELEMENT_FLOW) != flows)
    return;
  if (flows)
    read_flow (td, cell, data, type, diagram, path);
  else
    read_node (td, cell, data, type, diagram, path);
}

static void
read_cells (TdReader    *td,
            JsonArray   *cells,
            MoatDiagram *diagram,
            const char  *path)
{
  /* Flows after everything else: their ends must exist first. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (cells); i++)
      {
        g_autofree char *here = moat_format_path_index (path, "cells", i);

        read_cell (td, json_array_get_element (cells, i), diagram, pass == 1, here);
      }
}

/* Moat diagrams have no threat method: their threats' categories imply
 * one, and the writer names it again. A method they do not imply (an
 * empty LINDDUN diagram, a PLOT4ai one) is kept as the last line of the
 * diagram's description. */
static void
read_method (TdReader    *td,
             const char  *type,
             MoatDiagram *diagram,
             const char  *path)
{
  g_autofree char *here = NULL;
  g_autofree char *value = NULL;
  g_autofree char *description = NULL;
  const char *implied = td->method != NULL && td->method[0] != '\0' ? td->method : "STRIDE";
  GParamSpec *pspec;
  g_auto(GValue) text = G_VALUE_INIT;

  if (moat_format_text_is_empty (type) || g_ascii_strcasecmp (type, implied) == 0)
    return;

  here = moat_format_path (path, "diagramType");
  if (strchr (type, '\n') != NULL || strlen (type) > 40)
    {
      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_INVALID, here, NULL,
                              _("Not a threat method Moat can keep; not kept"));
      return;
    }

  value = g_strdup_printf ("\"%s\"", type);
  description = moat_format_append_line (moat_diagram_get_description (diagram), _(METHOD_LABEL), type);
  /* Stored, not set: an import is not an edit to undo. */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (diagram), "description");
  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, description);
  _moat_object_store_value (MOAT_OBJECT (diagram), pspec, &text);
  moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, here, value,
                          _("Moat diagrams have no threat method of their own and the threats do not "
                            "imply this one; it is kept as the last line of the diagram’s description"));
}

static const char * const diagram_keys[] = {
  "id", "title", "description", "diagramType", "placeholder", "thumbnail", "version", "cells", NULL
};

static void
read_diagram (TdReader   *td,
              JsonObject *object,
              guint       position,
              const char *path)
{
  g_autoptr(MoatDiagram) diagram = NULL;
  g_autofree char *id = moat_format_reader_take_id (&td->r, NULL, path);
  const char *type = moat_format_get_string (&td->r, object, "diagramType", path);
  const char *description = moat_format_get_string (&td->r, object, "description", path);
  JsonArray *cells = moat_format_get_array (&td->r, object, "cells", path);

  diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", id, NULL);
  g_object_set (diagram,
                "title", moat_format_get_string (&td->r, object, "title", path),
                "description", moat_format_text_is_empty (description) ? NULL : description,
                "position", (int)MIN (position, 1000000),
                NULL);
  moat_format_reader_add (&td->r, diagram);

  moat_format_report_unknown (&td->r, object, path, diagram_keys);

  g_hash_table_remove_all (td->cells);
  g_ptr_array_set_size (td->ends, 0);
  td->method = NULL;
  if (cells != NULL)
    read_cells (td, cells, diagram, path);

  read_method (td, type, diagram, path);
}

static void
report_people (TdReader   *td,
               JsonObject *detail)
{
  JsonArray *contributors = moat_format_get_array (&td->r, detail, "contributors", "detail");
  const char *reviewer = moat_format_get_string (&td->r, detail, "reviewer", "detail");

  for (guint i = 0; contributors != NULL && i < json_array_get_length (contributors); i++)
    {
      g_autofree char *here = moat_format_path_index ("detail", "contributors", i);
      g_autofree char *value = moat_format_node_text (json_array_get_element (contributors, i));

      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                              _("Moat models do not list contributors; not kept"));
    }

  if (!moat_format_text_is_empty (reviewer))
    {
      g_autofree char *value = g_strdup_printf ("\"%.60s\"", reviewer);

      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, "detail.reviewer", value,
                              _("Moat models have no reviewer; not kept"));
    }
}

static gboolean
invalid_file (GError     **error,
              const char  *what)
{
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
               _("This is not a valid Threat Dragon model: %s"), what);
  return FALSE;
}

static void
read_summary (TdReader   *td,
              JsonObject *root,
              JsonObject *summary)
{
  static const char * const summary_keys[] = { "title", "owner", "description", "id", NULL };
  static const char * const root_keys[] = {
    "version", "summary", "detail", "release_version", "released_at", NULL
  };
  const char *description = moat_format_get_string (&td->r, summary, "description", "summary");
  const char *owner = moat_format_get_string (&td->r, summary, "owner", "summary");
  const char *release = moat_format_get_string (&td->r, root, "release_version", "");
  const char *version = moat_format_get_string (&td->r, root, "version", "");

  /* The model is its own model: setting its fields directly would make edits. */
  moat_format_model_set (td->r.model, "title",
                         moat_format_get_string (&td->r, summary, "title", "summary"));
  moat_format_model_set (td->r.model, "owner", owner);
  moat_format_model_set (td->r.model, "description", description);
  moat_format_model_set (td->r.model, "version-label", release);

  if (version != NULL && !g_str_has_prefix (version, "2."))
    {
      g_autofree char *value = g_strdup_printf ("\"%.20s\"", version);

      moat_import_report_add (td->r.report, MOAT_IMPORT_ISSUE_CONVERTED, "version", value,
                              _("Written by a Threat Dragon newer than 2.x; read as a 2.x model"));
    }

  moat_format_report_unknown (&td->r, summary, "summary", summary_keys);
  moat_format_report_unknown (&td->r, root, "", root_keys);
}

/**
 * moat_threat_dragon_import:
 * @root: the parsed file
 *
 * Returns: (transfer full): the model, or %NULL when @root is not a
 *   Threat Dragon 2 model at all
 */
MoatModel *
moat_threat_dragon_import (JsonNode          *root,
                           MoatImportReport **report,
                           GError           **error)
{
  static const char * const detail_keys[] = {
    "contributors", "diagrams", "diagramTop", "reviewer", "threatTop", NULL
  };
  TdReader td = { 0 };
  JsonObject *object, *summary, *detail;
  JsonNode *node;
  JsonArray *diagrams;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return invalid_file (error, _("the file is not a JSON object")), NULL;
  object = json_node_get_object (root);

  node = json_object_get_member (object, "summary");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid_file (error, _("“summary” is missing or not an object")), NULL;
  summary = json_node_get_object (node);

  node = json_object_get_member (object, "detail");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid_file (error, _("“detail” is missing or not an object")), NULL;
  detail = json_node_get_object (node);

  node = json_object_get_member (detail, "diagrams");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid_file (error, _("“detail.diagrams” is missing or not a list")), NULL;
  diagrams = json_node_get_array (node);

  moat_format_reader_init (&td.r, _("OWASP Threat Dragon"), NULL);
  td.cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  td.ends = g_ptr_array_new ();
  td.budget = 50 * 1000 * 1000;
  td.mitigations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  read_summary (&td, object, summary);
  report_people (&td, detail);
  moat_format_report_unknown (&td.r, detail, "detail", detail_keys);

  for (guint i = 0; i < json_array_get_length (diagrams); i++)
    {
      JsonNode *item = json_array_get_element (diagrams, i);
      g_autofree char *here = moat_format_path_index ("detail", "diagrams", i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        moat_format_report_invalid (&td.r, here, item, _("a diagram"));
      else
        read_diagram (&td, json_node_get_object (item), i, here);
    }

  g_hash_table_unref (td.cells);
  g_hash_table_unref (td.mitigations);
  g_ptr_array_unref (td.ends);
  MoatModel *model = moat_format_reader_finish (&td.r, report);
  moat_format_reader_clear (&td.r);
  return model;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

typedef struct
{
  MoatModel        *model;
  MoatImportReport *report;
  GHashTable       *controls;   /* threat id -> GPtrArray of MoatControl */
  GHashTable       *threats;    /* element id -> GPtrArray of MoatThreat */
  GHashTable       *copies;     /* threat id -> copies written so far */
  GHashTable       *written;    /* ids of elements written */
  guint             number;     /* threats written */
} TdWriter;

static const TdType *
type_for (MoatElement *element)
{
  MoatElementKind kind = moat_element_get_kind (element);
  GVariant *points = moat_element_get_points (element);
  gboolean curve = kind == MOAT_ELEMENT_BOUNDARY && points != NULL &&
                   g_variant_n_children (points) >= 2;

  for (guint i = 0; i < G_N_ELEMENTS (td_types); i++)
    if (td_types[i].kind == kind && td_types[i].curve == curve)
      return &td_types[i];

  g_return_val_if_reached (&td_types[0]);
}

static JsonObject *
xy_object (double x,
           double y,
           gboolean integers)
{
  JsonObject *object = json_object_new ();

  if (integers)
    {
      json_object_set_int_member (object, "x", (gint64)round (x));
      json_object_set_int_member (object, "y", (gint64)round (y));
    }
  else
    {
      moat_format_set_number (object, "x", x);
      moat_format_set_number (object, "y", y);
    }

  return object;
}

static JsonObject *
text_attrs (const char *selector,
            const char *text)
{
  JsonObject *attrs = json_object_new ();
  JsonObject *inner = json_object_new ();

  json_object_set_string_member (inner, "text", text ? text : "");
  json_object_set_object_member (attrs, selector, inner);
  return attrs;
}

static const char *
severity_for (MoatThreat *threat)
{
  int score = moat_threat_get_likelihood (threat) * moat_threat_get_impact (threat);

  return score >= 20 ? "Critical" : score >= 12 ? "High" : score >= 6 ? "Medium" : "Low";
}

static const char *
status_for (MoatThreatStatus status)
{
  switch (status)
    {
    case MOAT_THREAT_MITIGATED:
      return "Mitigated";
    case MOAT_THREAT_ACCEPTED:
      return "Accepted";
    case MOAT_THREAT_TRANSFERRED:
      return "Transferred";
    case MOAT_THREAT_NOT_APPLICABLE:
      return "NotApplicable";
    case MOAT_THREAT_OPEN:
    default:
      return "Open";
    }
}

static void
report_threat_once (TdWriter   *w,
                    MoatThreat *threat)
{
  static const char * const carried[] = {
    "title", "description", "category", "element-ids", "likelihood", "impact", "status", NULL
  };
  int l = moat_threat_get_likelihood (threat), i = moat_threat_get_impact (threat);
  const char *severity = severity_for (threat);
  int level = g_str_equal (severity, "Critical") ? 5 : g_str_equal (severity, "High") ? 4
              : g_str_equal (severity, "Medium") ? 3 : 2;

  moat_format_report_fields (w->report, MOAT_OBJECT (threat), carried);
  if (l != level || i != level)
    {
      g_autofree char *path = moat_format_object_path (MOAT_OBJECT (threat), "likelihood");
      g_autofree char *value = g_strdup_printf ("%d × %d", l, i);

      moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_CONVERTED, path, value,
                              _("Threat Dragon has only a severity; written as %s"), severity);
    }
}

static JsonObject *
threat_object (TdWriter   *w,
               MoatThreat *threat)
{
  JsonObject *object = json_object_new ();
  const char *id = moat_object_get_id (MOAT_OBJECT (threat));
  const char *category = moat_threat_get_category (threat);
  const char *methodology = moat_format_category_methodology (category);
  guint copies = GPOINTER_TO_UINT (g_hash_table_lookup (w->copies, id));
  g_autofree char *copy_id = copies ? g_strdup_printf ("%s-%u", id, copies + 1) : g_strdup (id);
  g_autofree char *mitigation = moat_format_mitigation_text (g_hash_table_lookup (w->controls, id));
  g_autofree char *score = NULL;
  g_autofree char *description = moat_format_take_line (moat_threat_get_description (threat),
                                                        SCORE_LABEL, &score);

  g_hash_table_insert (w->copies, (char *)id, GUINT_TO_POINTER (copies + 1));
  if (copies == 0)
    report_threat_once (w, threat);

  json_object_set_string_member (object, "id", copy_id);
  json_object_set_string_member (object, "title", moat_threat_get_title (threat) ?: "");
  json_object_set_string_member (object, "status", status_for (moat_threat_get_status (threat)));
  json_object_set_string_member (object, "severity", severity_for (threat));
  json_object_set_string_member (object, "type", moat_format_category_label (category) ?: "");
  json_object_set_string_member (object, "description",
                                 description ?: moat_threat_get_description (threat) ?: "");
  json_object_set_string_member (object, "mitigation", mitigation);
  json_object_set_string_member (object, "modelType", methodology ? methodology : "Generic");
  json_object_set_int_member (object, "number", ++w->number);
  json_object_set_string_member (object, "score", score ? score : "");
  json_object_set_boolean_member (object, "new", FALSE);

  return object;
}

static JsonArray *
threats_array (TdWriter    *w,
               MoatElement *element,
               gboolean    *open)
{
  GPtrArray *threats = g_hash_table_lookup (w->threats, moat_object_get_id (MOAT_OBJECT (element)));
  JsonArray *array = json_array_new ();

  *open = FALSE;
  for (guint i = 0; threats != NULL && i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);

      json_array_add_object_element (array, threat_object (w, threat));
      if (moat_threat_get_status (threat) == MOAT_THREAT_OPEN)
        *open = TRUE;
    }

  return array;
}

static gboolean
has_tag (MoatElement *element,
         const char  *tag)
{
  const char * const *tags = moat_element_get_tags (element);

  return tags != NULL && g_strv_contains (tags, tag);
}

static JsonObject *
cell_data (TdWriter     *w,
           MoatElement  *element,
           const TdType *type)
{
  JsonObject *data = json_object_new ();
  MoatElementKind kind = type->kind;
  gboolean open = FALSE;

  json_object_set_string_member (data, "type", type->type);
  json_object_set_string_member (data, "name", moat_element_get_name (element) ?: "");
  if (kind == MOAT_ELEMENT_NOTE)
    {
      json_object_set_boolean_member (data, "hasOpenThreats", FALSE);
      return data;
    }

  json_object_set_string_member (data, "description", moat_element_get_description (element) ?: "");
  if (kind == MOAT_ELEMENT_BOUNDARY)
    {
      json_object_set_boolean_member (data, "isTrustBoundary", TRUE);
      json_object_set_boolean_member (data, "hasOpenThreats", FALSE);
      return data;
    }

  json_object_set_boolean_member (data, "outOfScope", moat_element_get_out_of_scope (element));
  json_object_set_string_member (data, "reasonOutOfScope",
                                 moat_element_get_out_of_scope_reason (element) ?: "");
  if (kind == MOAT_ELEMENT_FLOW)
    json_object_set_string_member (data, "protocol", moat_element_get_protocol (element) ?: "");
  if (kind == MOAT_ELEMENT_PROCESS)
    {
      MoatPrivilege level = moat_element_get_privilege_level (element);
      g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_PRIVILEGE);

      json_object_set_string_member (data, "privilegeLevel",
                                     level == MOAT_PRIVILEGE_UNKNOWN ? ""
                                     : g_enum_get_value (klass, level)->value_nick);
    }

  for (guint i = 0; i < G_N_ELEMENTS (td_flags); i++)
    {
      gboolean value;

      if (!(td_flags[i].kinds & KIND_BIT (kind)))
        continue;
      if (td_flags[i].field != NULL)
        g_object_get (element, td_flags[i].field, &value, NULL);
      else
        value = has_tag (element, td_flags[i].tag);
      json_object_set_boolean_member (data, td_flags[i].key, value);
    }

  json_object_set_array_member (data, "threats", threats_array (w, element, &open));
  json_object_set_boolean_member (data, "hasOpenThreats", open);
  json_object_set_boolean_member (data, "isTrustBoundary", FALSE);

  return data;
}

/* Every field the cell carried, and the tags that became flags; the rest
 * of the element goes into the report. */
static void
report_element (TdWriter     *w,
                MoatElement  *element,
                const TdType *type)
{
  g_autoptr(GPtrArray) carried = g_ptr_array_new ();
  const char * const *tags = moat_element_get_tags (element);
  MoatElementKind kind = type->kind;
  const char *always[] = { "diagram-id", "kind", "name", "tags" };

  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    g_ptr_array_add (carried, (char *)always[i]);
  if (kind == MOAT_ELEMENT_FLOW)
    {
      const char *fields[] = { "source-id", "target-id", "points", "protocol" };
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_ptr_array_add (carried, (char *)fields[i]);
    }
  else
    {
      const char *fields[] = { "x", "y", "width", "height" };
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        g_ptr_array_add (carried, (char *)fields[i]);
    }
  if (kind != MOAT_ELEMENT_NOTE)
    g_ptr_array_add (carried, "description");
  if (type->curve)
    g_ptr_array_add (carried, "points");
  if (NODE_KINDS & KIND_BIT (kind) || kind == MOAT_ELEMENT_FLOW)
    {
      g_ptr_array_add (carried, "out-of-scope");
      g_ptr_array_add (carried, "out-of-scope-reason");
    }
  if (kind == MOAT_ELEMENT_PROCESS)
    g_ptr_array_add (carried, "privilege-level");
  for (guint i = 0; i < G_N_ELEMENTS (td_flags); i++)
    if ((td_flags[i].kinds & KIND_BIT (kind)) && td_flags[i].field != NULL)
      g_ptr_array_add (carried, (char *)td_flags[i].field);
  g_ptr_array_add (carried, NULL);

  moat_format_report_fields (w->report, MOAT_OBJECT (element), (const char * const *)carried->pdata);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      gboolean kept = FALSE;
      g_autofree char *path = NULL;
      g_autofree char *value = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (td_flags); j++)
        if ((td_flags[j].kinds & KIND_BIT (kind)) && g_strcmp0 (td_flags[j].tag, tags[i]) == 0)
          kept = TRUE;
      if (kept)
        continue;

      path = moat_format_object_path (MOAT_OBJECT (element), "tags");
      value = g_strdup_printf ("\"%s\"", tags[i]);
      moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_UNMAPPED, path, value,
                              _("Threat Dragon has no tags; not written"));
    }
}

static JsonObject *
node_cell (TdWriter     *w,
           MoatElement  *element,
           const TdType *type,
           int           z)
{
  JsonObject *cell = json_object_new ();
  JsonObject *size = json_object_new ();
  const char *selector = type->kind == MOAT_ELEMENT_BOUNDARY ? "label" : "text";

  json_object_set_object_member (cell, "position",
                                 xy_object (moat_element_get_x (element), moat_element_get_y (element), FALSE));
  /* The schema wants sizes of 10 or more. */
  moat_format_set_number (size, "width", MAX (10, moat_element_get_width (element)));
  moat_format_set_number (size, "height", MAX (10, moat_element_get_height (element)));
  json_object_set_object_member (cell, "size", size);
  json_object_set_object_member (cell, "attrs", text_attrs (selector, moat_element_get_name (element)));
  json_object_set_boolean_member (cell, "visible", TRUE);
  json_object_set_string_member (cell, "shape", type->shape);
  json_object_set_int_member (cell, "zIndex", z);
  json_object_set_string_member (cell, "id", moat_object_get_id (MOAT_OBJECT (element)));
  json_object_set_object_member (cell, "data", cell_data (w, element, type));

  return cell;
}

static JsonArray *
vertices_array (GVariant *points,
                gsize     first,
                gsize     end)
{
  JsonArray *array = json_array_new ();

  for (gsize i = first; points != NULL && i < end; i++)
    {
      double x, y;

      g_variant_get_child (points, i, "(dd)", &x, &y);
      json_array_add_object_element (array, xy_object (x, y, FALSE));
    }

  return array;
}

static JsonArray *
edge_labels (const char *name)
{
  JsonArray *labels = json_array_new ();
  JsonObject *label = json_object_new ();
  JsonObject *attrs = json_object_new ();
  JsonObject *text = json_object_new ();
  JsonArray *markup = json_array_new ();
  const char *parts[][2] = { { "ellipse", "labelBody" }, { "text", "labelText" } };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      JsonObject *part = json_object_new ();

      json_object_set_string_member (part, "tagName", parts[i][0]);
      json_object_set_string_member (part, "selector", parts[i][1]);
      json_array_add_object_element (markup, part);
    }

  json_object_set_string_member (text, "text", name ? name : "");
  json_object_set_string_member (text, "textAnchor", "middle");
  json_object_set_string_member (text, "textVerticalAnchor", "middle");
  json_object_set_object_member (attrs, "labelText", text);
  json_object_set_array_member (label, "markup", markup);
  json_object_set_object_member (label, "attrs", attrs);
  json_object_set_double_member (label, "position", 0.5);
  json_array_add_object_element (labels, label);

  return labels;
}

static JsonObject *
marker (const char *name)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  return object;
}

static JsonObject *
edge_cell (MoatElement  *element,
           const TdType *type,
           int           z)
{
  JsonObject *cell = json_object_new ();
  JsonObject *attrs = json_object_new ();
  JsonObject *line = json_object_new ();
  gboolean flow = type->kind == MOAT_ELEMENT_FLOW;

  json_object_set_string_member (cell, "shape", type->shape);
  if (flow)
    {
      json_object_set_string_member (line, "stroke", "#333333");
      json_object_set_int_member (line, "strokeWidth", 1);
      json_object_set_object_member (line, "targetMarker", marker ("block"));
      json_object_set_object_member (line, "sourceMarker",
                                     marker (moat_element_get_bidirectional (element) ? "block" : ""));
    }
  else
    {
      json_object_set_string_member (line, "targetMarker", "");
      json_object_set_string_member (line, "sourceMarker", "");
    }
  json_object_set_object_member (attrs, "line", line);
  json_object_set_object_member (cell, "attrs", attrs);
  json_object_set_int_member (cell, "zIndex", z);
  json_object_set_string_member (cell, "connector", "smooth");
  json_object_set_array_member (cell, "labels", edge_labels (moat_element_get_name (element)));
  json_object_set_string_member (cell, "id", moat_object_get_id (MOAT_OBJECT (element)));

  return cell;
}

static JsonObject *
flow_cell (TdWriter    *w,
           MoatElement *element,
           int          z)
{
  const TdType *type = type_for (element);
  JsonObject *cell = edge_cell (element, type, z);
  JsonObject *source = json_object_new ();
  JsonObject *target = json_object_new ();
  GVariant *points = moat_element_get_points (element);

  json_object_set_object_member (cell, "data", cell_data (w, element, type));
  json_object_set_string_member (source, "cell", moat_element_get_source_id (element));
  json_object_set_string_member (target, "cell", moat_element_get_target_id (element));
  json_object_set_object_member (cell, "source", source);
  json_object_set_object_member (cell, "target", target);
  json_object_set_array_member (cell, "vertices",
                                vertices_array (points, 0, points ? g_variant_n_children (points) : 0));

  return cell;
}

/* Threat Dragon gives curve ends as whole numbers. */
static JsonObject *
curve_cell (TdWriter    *w,
            MoatElement *element,
            int          z)
{
  const TdType *type = type_for (element);
  JsonObject *cell = edge_cell (element, type, z);
  GVariant *points = moat_element_get_points (element);
  gsize n = g_variant_n_children (points);
  double x, y;

  json_object_set_object_member (cell, "data", cell_data (w, element, type));
  g_variant_get_child (points, 0, "(dd)", &x, &y);
  json_object_set_object_member (cell, "source", xy_object (x, y, TRUE));
  g_variant_get_child (points, n - 1, "(dd)", &x, &y);
  json_object_set_object_member (cell, "target", xy_object (x, y, TRUE));
  json_object_set_array_member (cell, "vertices", vertices_array (points, 1, n - 1));

  return cell;
}

static gboolean
flow_is_drawable (TdWriter    *w,
                  MoatElement *flow)
{
  const char *ends[] = { moat_element_get_source_id (flow), moat_element_get_target_id (flow) };

  for (guint i = 0; i < 2; i++)
    {
      MoatElement *end = moat_model_lookup_typed (w->model, ends[i], MOAT_TYPE_ELEMENT);

      if (end == NULL || moat_element_get_kind (end) == MOAT_ELEMENT_FLOW ||
          g_strcmp0 (moat_element_get_diagram_id (end), moat_element_get_diagram_id (flow)) != 0)
        return FALSE;
    }

  return TRUE;
}

static int
by_z_order (gconstpointer a,
            gconstpointer b)
{
  int za = moat_element_get_z_order (*(MoatElement **)a);
  int zb = moat_element_get_z_order (*(MoatElement **)b);

  return (za > zb) - (za < zb);
}

static JsonArray *
diagram_cells (TdWriter    *w,
               MoatDiagram *diagram,
               GPtrArray   *elements)
{
  JsonArray *cells = json_array_new ();
  const char *id = moat_object_get_id (MOAT_OBJECT (diagram));
  g_autoptr(GPtrArray) stacked = g_ptr_array_sized_new (elements->len);
  int z = 0;

  g_ptr_array_extend (stacked, elements, NULL, NULL);
  /* GLib's sort is stable: what shares a z-order keeps the model's order. */
  g_ptr_array_sort (stacked, by_z_order);
  /* Boundaries at the back, flows on top. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < stacked->len; i++)
      {
        MoatElement *element = g_ptr_array_index (stacked, i);
        MoatElementKind kind = moat_element_get_kind (element);
        const TdType *type;

        if (g_strcmp0 (moat_element_get_diagram_id (element), id) != 0 ||
            (pass == 0) != (kind == MOAT_ELEMENT_BOUNDARY) ||
            (pass == 2) != (kind == MOAT_ELEMENT_FLOW))
          continue;

        type = type_for (element);
        if (kind == MOAT_ELEMENT_FLOW && !flow_is_drawable (w, element))
          {
            moat_format_report_skipped (w->report, MOAT_OBJECT (element),
                                        _("The data flow does not join two elements of its own diagram; "
                                          "not written, nor its threats"));
            continue;
          }

        report_element (w, element, type);
        g_hash_table_add (w->written, (char *)moat_object_get_id (MOAT_OBJECT (element)));
        if (kind == MOAT_ELEMENT_FLOW)
          json_array_add_object_element (cells, flow_cell (w, element, ++z));
        else if (type->curve)
          json_array_add_object_element (cells, curve_cell (w, element, ++z));
        else
          json_array_add_object_element (cells, node_cell (w, element, type, kind == MOAT_ELEMENT_BOUNDARY ? -1 : ++z));
      }

  return cells;
}

/* The methodology the diagram's threats share, as Threat Dragon names its
 * diagram types. */
static const char *
diagram_type (TdWriter    *w,
              MoatDiagram *diagram,
              GPtrArray   *elements)
{
  const char *found = NULL;

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      GPtrArray *threats = g_hash_table_lookup (w->threats, moat_object_get_id (MOAT_OBJECT (element)));

      if (g_strcmp0 (moat_element_get_diagram_id (element), moat_object_get_id (MOAT_OBJECT (diagram))) != 0)
        continue;
      for (guint j = 0; threats != NULL && j < threats->len; j++)
        {
          const char *m = moat_format_category_methodology (moat_threat_get_category (g_ptr_array_index (threats, j)));

          found = merge_method (found, m);
        }
    }

  return found && found[0] != '\0' ? found : "STRIDE";
}

static JsonObject *
diagram_object (TdWriter    *w,
                MoatDiagram *diagram,
                guint        index,
                GPtrArray   *elements)
{
  static const char * const carried[] = { "title", "description", "position", NULL };
  JsonObject *object = json_object_new ();
  g_autofree char *kept = NULL;
  g_autofree char *description = moat_format_take_line (moat_diagram_get_description (diagram),
                                                        METHOD_LABEL, &kept);
  const char *type = kept ? kept : diagram_type (w, diagram, elements);
  g_autofree char *lower = g_ascii_strdown (type, -1);
  g_autofree char *thumbnail = g_strdup_printf ("./public/content/images/thumbnail.%s.jpg", lower);

  moat_format_report_fields (w->report, MOAT_OBJECT (diagram), carried);
  moat_import_report_count_object (w->report, MOAT_TYPE_DIAGRAM);

  json_object_set_int_member (object, "id", index);
  json_object_set_string_member (object, "title", moat_diagram_get_title (diagram) ?: "");
  json_object_set_string_member (object, "description",
                                 description ?: moat_diagram_get_description (diagram) ?: "");
  json_object_set_string_member (object, "diagramType", type);
  json_object_set_string_member (object, "placeholder", "");
  json_object_set_string_member (object, "thumbnail", thumbnail);
  json_object_set_string_member (object, "version", MOAT_THREAT_DRAGON_VERSION);
  json_object_set_array_member (object, "cells", diagram_cells (w, diagram, elements));

  return object;
}

/* What did not fit: threats on no written element, unlinked controls,
 * and the kinds of object Threat Dragon has no place for. */
static void
report_leftovers (TdWriter *w)
{
  static const char * const model_carried[] = {
    "title", "owner", "description", "version-label", NULL
  };
  static const char * const control_carried[] = { "title", "description", "threat-ids", "status", NULL };
  const GType others[] = {
    MOAT_TYPE_ASSET, MOAT_TYPE_THREAT_ACTOR, MOAT_TYPE_ASSUMPTION, MOAT_TYPE_DISMISSAL,
    MOAT_TYPE_WORKSHOP_SESSION, MOAT_TYPE_FEATURE_CHECK,
  };
  g_autoptr(GPtrArray) threats = moat_format_sorted_list (w->model, MOAT_TYPE_THREAT);
  g_autoptr(GPtrArray) controls = moat_format_sorted_list (w->model, MOAT_TYPE_CONTROL);

  moat_format_report_fields (w->report, MOAT_OBJECT (w->model), model_carried);

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      guint copies = GPOINTER_TO_UINT (g_hash_table_lookup (w->copies, moat_object_get_id (MOAT_OBJECT (threat))));
      g_autofree char *path = NULL;

      if (copies == 0)
        {
          moat_format_report_skipped (w->report, MOAT_OBJECT (threat),
                                      _("Threat Dragon keeps threats on diagram elements, and this "
                                        "threat is on none that was written; not written"));
          continue;
        }
      moat_import_report_count_object (w->report, MOAT_TYPE_THREAT);
      if (copies == 1)
        continue;
      path = moat_format_object_path (MOAT_OBJECT (threat), NULL);
      moat_import_report_add (w->report, MOAT_IMPORT_ISSUE_CONVERTED, path, NULL,
                              _("Threat Dragon keeps a threat on one element; written as %u copies, "
                                "one on each of its elements"), copies);
    }

  for (guint i = 0; i < controls->len; i++)
    {
      MoatControl *control = g_ptr_array_index (controls, i);
      const char * const *ids = moat_control_get_threat_ids (control);
      gboolean written = FALSE;

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        if (g_hash_table_contains (w->copies, ids[j]))
          written = TRUE;

      if (!written)
        {
          moat_format_report_skipped (w->report, MOAT_OBJECT (control),
                                      _("Threat Dragon has controls only as the mitigation text of a "
                                        "threat, and this control addresses no threat that was written; "
                                        "not written"));
          continue;
        }
      moat_import_report_count_object (w->report, MOAT_TYPE_CONTROL);
      moat_format_report_fields (w->report, MOAT_OBJECT (control), control_carried);
    }

  for (guint t = 0; t < G_N_ELEMENTS (others); t++)
    {
      g_autoptr(GPtrArray) objects = moat_format_sorted_list (w->model, others[t]);

      for (guint i = 0; i < objects->len; i++)
        moat_format_report_skipped (w->report, g_ptr_array_index (objects, i),
                                    _("Threat Dragon has no place for this; not written"));
    }
}

static JsonObject *
summary_object (MoatModel *model)
{
  JsonObject *summary = json_object_new ();
  const char *title = moat_model_get_title (model);

  json_object_set_string_member (summary, "title",
                                 moat_format_text_is_empty (title) ? _("Untitled threat model") : title);
  json_object_set_string_member (summary, "owner", moat_model_get_owner (model) ?: "");
  json_object_set_string_member (summary, "description", moat_model_get_description (model) ?: "");
  json_object_set_int_member (summary, "id", 0);

  return summary;
}

/**
 * moat_threat_dragon_export:
 * @report: (out) (optional): what could not be written
 *
 * Returns: (transfer full): @model as a Threat Dragon 2 file
 */
char *
moat_threat_dragon_export (MoatModel         *model,
                           MoatImportReport **report)
{
  g_autoptr(GPtrArray) diagrams = moat_format_sorted_list (model, MOAT_TYPE_DIAGRAM);
  g_autoptr(GPtrArray) elements = moat_format_sorted_list (model, MOAT_TYPE_ELEMENT);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *detail = json_object_new ();
  JsonArray *array = json_array_new ();
  const char *release = moat_model_get_version_label (model);
  TdWriter w = { 0 };

  w.model = model;
  w.report = moat_import_report_new (_("OWASP Threat Dragon"), TRUE);
  w.controls = moat_format_index_controls (model);
  w.threats = moat_format_index_threats (w.model);
  w.copies = g_hash_table_new (g_str_hash, g_str_equal);
  w.written = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_sort (diagrams, moat_format_compare_position);
  for (guint i = 0; i < diagrams->len; i++)
    json_array_add_object_element (array, diagram_object (&w, g_ptr_array_index (diagrams, i), i, elements));

  for (guint i = 0; i < elements->len; i++)
    if (g_hash_table_contains (w.written, moat_object_get_id (g_ptr_array_index (elements, i))))
      moat_import_report_count_object (w.report, MOAT_TYPE_ELEMENT);

  json_object_set_array_member (detail, "contributors", json_array_new ());
  json_object_set_array_member (detail, "diagrams", array);
  json_object_set_int_member (detail, "diagramTop", diagrams->len);
  json_object_set_string_member (detail, "reviewer", "");
  json_object_set_int_member (detail, "threatTop", w.number);

  json_object_set_string_member (object, "version", MOAT_THREAT_DRAGON_VERSION);
  json_object_set_object_member (object, "summary", summary_object (model));
  json_object_set_object_member (object, "detail", detail);
  if (!moat_format_text_is_empty (release))
    json_object_set_string_member (object, "release_version", release);
  json_node_take_object (root, object);

  report_leftovers (&w);

  g_hash_table_unref (w.controls);
  g_hash_table_unref (w.threats);
  g_hash_table_unref (w.copies);
  g_hash_table_unref (w.written);
  if (report != NULL)
    *report = g_steal_pointer (&w.report);
  g_clear_object (&w.report);

  return moat_format_generate (root);
}
