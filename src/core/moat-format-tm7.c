/* moat-format-tm7.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-assumption.h"
#include "moat-boundary-line.h"
#include "moat-diagram.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-format-private.h"
#include "moat-format-tm7.h"
#include "moat-limits.h"
#include "moat-threat.h"

/* Why GMarkup and not libxml2: see moat-format-tm7.h. These bound what a
 * hostile file can make the parser hold. The Tool nests about twelve
 * deep; a model with a knowledge base has a few tens of thousands of
 * elements, most of them skipped. */
#define MAX_DEPTH 64
#define MAX_NODES 1000000

/* A flow end this close to an element is taken to be attached to it. */
#define ATTACH_DISTANCE 60.0
/* A handle this close to the straight line is no bend. */
#define STRAIGHT_TOLERANCE 4.0
/* Boundary lines' regions are at least this wide and high. */
#define MIN_REGION 20.0
/* Tags made of a property and its value are cut to this many characters,
 * and an element gets at most this many of them. */
#define MAX_TAG_CHARS 100
#define MAX_PROPERTY_TAGS 100
/* Loose flow ends are matched against stencils this many times in all,
 * so that a file of many loose flows stays fast. */
#define ATTACH_BUDGET 10000000

#define KIND_BIT(kind) (1u << (kind))
#define ANY_KIND (~0u)
#define NODE_KINDS (KIND_BIT (MOAT_ELEMENT_ACTOR) | KIND_BIT (MOAT_ELEMENT_PROCESS) | \
                    KIND_BIT (MOAT_ELEMENT_STORE))

/* ------------------------------------------------------------------ */
/* The XML, as a small tree                                            */

typedef struct _Tm7Node Tm7Node;

struct _Tm7Node
{
  char      *name;      /* local name: namespaces are not needed to tell the Tool's elements apart */
  char      *type;      /* the i:type attribute, without its prefix, or NULL */
  gboolean   nil;       /* i:nil="true": no value */
  GString   *text;
  GPtrArray *children;  /* of Tm7Node, owned; NULL when there are none */
};

static void
tm7_node_free (Tm7Node *node)
{
  g_free (node->name);
  g_free (node->type);
  if (node->text != NULL)
    g_string_free (node->text, TRUE);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tm7Node, tm7_node_free)

typedef struct
{
  Tm7Node   *root;
  GPtrArray *stack;     /* the open elements, not owned */
  guint      n_nodes;
  guint      skipped;   /* how deep inside a subtree that is not kept */
} Tm7Parser;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon ? colon + 1 : name;
}

static gboolean
too_deep (Tm7Parser  *p,
          GError    **error)
{
  if (p->stack->len + p->skipped < MAX_DEPTH)
    return FALSE;

  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               _("elements are nested more than %d deep"), MAX_DEPTH);
  return TRUE;
}

/* The template's knowledge base is most of a file and describes the
 * Tool's stencils and threat rules, not the model: only the labels of
 * the threats' custom properties, and the names and shapes of the
 * generic stencil types, are kept from it. */
static gboolean
is_skipped (Tm7Node    *parent,
            const char *name)
{
  static const char * const element_type_kept[] = { "Id", "Name", "Representation", NULL };

  if (parent == NULL)
    return FALSE;
  if (g_str_equal (parent->name, "KnowledgeBase"))
    return !g_str_equal (name, "ThreatMetaData") && !g_str_equal (name, "GenericElements");
  if (g_str_equal (parent->name, "ElementType"))
    return !g_strv_contains (element_type_kept, name);

  return FALSE;
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element_name,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Tm7Parser *p = user_data;
  Tm7Node *parent = p->stack->len > 0 ? g_ptr_array_index (p->stack, p->stack->len - 1) : NULL;
  const char *name = local_name (element_name);
  Tm7Node *node;

  if (too_deep (p, error))
    return;
  if (p->skipped > 0 || is_skipped (parent, name))
    {
      p->skipped++;
      return;
    }
  if (parent == NULL && p->root != NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           _("there is more than one root element"));
      return;
    }
  if (++p->n_nodes > MAX_NODES)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("there are more than %d elements"), MAX_NODES);
      return;
    }

  node = g_new0 (Tm7Node, 1);
  node->name = g_strdup (name);
  for (guint i = 0; names[i] != NULL; i++)
    {
      /* Only the schema-instance attributes matter: i:type and i:nil. */
      if (strchr (names[i], ':') == NULL || g_str_has_prefix (names[i], "xmlns:"))
        continue;
      if (g_str_equal (local_name (names[i]), "type"))
        {
          g_free (node->type);
          node->type = g_strdup (local_name (values[i]));
        }
      else if (g_str_equal (local_name (names[i]), "nil"))
        node->nil = g_str_equal (values[i], "true");
    }

  if (parent == NULL)
    p->root = node;
  else
    {
      if (parent->children == NULL)
        parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify)tm7_node_free);
      g_ptr_array_add (parent->children, node);
    }
  g_ptr_array_add (p->stack, node);
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element_name,
        gpointer              user_data,
        GError              **error)
{
  Tm7Parser *p = user_data;

  if (p->skipped > 0)
    p->skipped--;
  else if (p->stack->len > 0)
    g_ptr_array_remove_index (p->stack, p->stack->len - 1);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Tm7Parser *p = user_data;
  Tm7Node *node;

  if (p->skipped > 0 || p->stack->len == 0)
    return;

  node = g_ptr_array_index (p->stack, p->stack->len - 1);
  if (node->text == NULL)
    node->text = g_string_new_len (text, length);
  else
    g_string_append_len (node->text, text, length);
}

/* GMarkup would not read a DTD anyway; saying so is clearer than the
 * errors its entities would give later. */
static void
on_passthrough (GMarkupParseContext  *context,
                const char           *text,
                gsize                 length,
                gpointer              user_data,
                GError              **error)
{
  if (length >= 9 && g_ascii_strncasecmp (text, "<!DOCTYPE", 9) == 0)
    g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                         _("it declares a document type (DTD), which Moat does not accept"));
}

static MoatModel *
not_tm7 (GError     **error,
         const char  *why)
{
  /* GMarkup quotes the bytes it could not read, which need not be UTF-8. */
  g_autofree char *valid = g_utf8_make_valid (why, -1);

  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
               _("This is not a valid Microsoft Threat Modeling Tool file: %s"), valid);
  return NULL;
}

/* The file as UTF-8 without a byte order mark: the Tool writes UTF-8,
 * but a file saved again by an editor may be UTF-16. */
static char *
to_utf8 (const char  *data,
         gsize        length,
         gsize       *out_length)
{
  const guchar *bytes = (const guchar *)data;

  if (length >= 2 && ((bytes[0] == 0xff && bytes[1] == 0xfe) || (bytes[0] == 0xfe && bytes[1] == 0xff)))
    return g_convert (data, length - length % 2, "UTF-8", "UTF-16", NULL, out_length, NULL);
  if (length >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf)
    data += 3, length -= 3;

  *out_length = length;
  return length > 0 ? g_memdup2 (data, length) : g_strdup ("");
}

static Tm7Node *
parse_tree (const char  *data,
            gsize        length,
            GError     **error)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, on_passthrough, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  Tm7Parser p = { 0 };
  gsize text_length;
  gboolean ok;

  if (!(text = to_utf8 (data, length, &text_length)))
    return not_tm7 (error, _("its text is not in a known encoding")), NULL;
  if (text_length == 0)
    return not_tm7 (error, _("the file is empty")), NULL;
  if (memchr (text, '\0', text_length) != NULL)
    return not_tm7 (error, _("it contains NUL bytes, which XML does not allow")), NULL;
  /* GMarkup checks this too, but GLib 2.74 carries on parsing after bad
   * UTF-8 in a comment and sets a second error over the first. */
  if (!g_utf8_validate_len (text, text_length, NULL))
    return not_tm7 (error, _("its text is not valid UTF-8")), NULL;

  p.stack = g_ptr_array_new ();
  context = g_markup_parse_context_new (&parser,
                                        G_MARKUP_TREAT_CDATA_AS_TEXT | G_MARKUP_PREFIX_ERROR_POSITION,
                                        &p, NULL);
  ok = g_markup_parse_context_parse (context, text, text_length, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);
  g_ptr_array_unref (p.stack);

  if (!ok)
    {
      g_clear_pointer (&p.root, tm7_node_free);
      return not_tm7 (error, local_error->message), NULL;
    }
  if (p.root == NULL)
    return not_tm7 (error, _("it has no XML element")), NULL;

  return p.root;
}

/* ---- reading the tree ---- */

#define FOR_CHILDREN(node, i, child) \
  for (guint i = 0; (node) != NULL && (node)->children != NULL && i < (node)->children->len; i++) \
    if (((child) = g_ptr_array_index ((node)->children, i)) != NULL)

static Tm7Node *
get_child (Tm7Node    *node,
           const char *name)
{
  Tm7Node *child;

  FOR_CHILDREN (node, i, child)
    if (g_str_equal (child->name, name))
      return child;

  return NULL;
}

/* Text of a leaf: NULL for a missing, nil or empty element. */
static const char *
text_of (Tm7Node *node)
{
  if (node == NULL || node->nil || node->text == NULL || node->children != NULL ||
      node->text->len == 0)
    return NULL;

  return node->text->str;
}

static const char *
child_text (Tm7Node    *node,
            const char *name)
{
  return text_of (get_child (node, name));
}

/* A value for the report: cut on a character, never inside one. */
static char *
quoted (const char *text)
{
  g_autofree char *cut = NULL;

  if (text == NULL)
    text = "";
  if (g_utf8_strlen (text, -1) > 60)
    text = cut = g_utf8_substring (text, 0, 60);
  return g_strdup_printf ("\"%s\"", text);
}

/* ------------------------------------------------------------------ */
/* The import                                                          */

typedef enum {
  SHAPE_NONE,
  SHAPE_ACTOR,
  SHAPE_PROCESS,
  SHAPE_STORE,
  SHAPE_BOX,
  SHAPE_LINE,
  SHAPE_NOTE,
  SHAPE_FLOW,
} Tm7Shape;

static const struct {
  const char      *type;     /* the serialised class */
  const char      *generic;  /* the knowledge base's generic type */
  Tm7Shape         shape;
  MoatElementKind  kind;
} shapes[] = {
  { "StencilRectangle", "GE.EI", SHAPE_ACTOR, MOAT_ELEMENT_ACTOR },
  { "StencilEllipse", "GE.P", SHAPE_PROCESS, MOAT_ELEMENT_PROCESS },
  { "StencilParallelLines", "GE.DS", SHAPE_STORE, MOAT_ELEMENT_STORE },
  { "BorderBoundary", "GE.TB.B", SHAPE_BOX, MOAT_ELEMENT_BOUNDARY },
  { "LineBoundary", "GE.TB.L", SHAPE_LINE, MOAT_ELEMENT_BOUNDARY },
  { "StencilAnnotation", "GE.A", SHAPE_NOTE, MOAT_ELEMENT_NOTE },
  { "Connector", "GE.DF", SHAPE_FLOW, MOAT_ELEMENT_FLOW },
};

typedef struct
{
  MoatFormatReader  r;
  GHashTable       *elements;   /* Guid -> MoatElement (the model holds it) */
  GPtrArray        *ends;       /* of MoatElement: what flows may join */
  GHashTable       *labels;     /* threat property name or id -> its label */
  GHashTable       *generics;   /* generic stencil type id -> its name */
  GPtrArray        *flows;      /* of Tm7Pending: read once every stencil is */
  gint64            budget;     /* what is left of ATTACH_BUDGET */
  guint             n_diagrams;
} Tm7Reader;

typedef struct
{
  Tm7Node     *entry;
  MoatDiagram *diagram;
  char        *path;
} Tm7Pending;

static void
tm7_pending_free (Tm7Pending *pending)
{
  g_free (pending->path);
  g_free (pending);
}

static guint
shape_index (Tm7Node *value)
{
  const char *generic = child_text (value, "GenericTypeId");

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (g_strcmp0 (value->type, shapes[i].type) == 0)
      return i;
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (g_strcmp0 (generic, shapes[i].generic) == 0)
      return i;

  return G_N_ELEMENTS (shapes);
}

/* A number the file gives for @name; reported when there but not a number. */
static gboolean
get_number (Tm7Reader  *t,
            Tm7Node    *node,
            const char *name,
            const char *path,
            double     *value)
{
  const char *text = child_text (node, name);
  g_autofree char *here = NULL;
  g_autofree char *shown = NULL;
  char *end = NULL;
  double number;

  if (text == NULL)
    return FALSE;

  number = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end != text && end != NULL && *end == '\0' && isfinite (number))
    {
      *value = number;
      return TRUE;
    }

  here = moat_format_path (path, name);
  shown = quoted (text);
  moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, here, shown, _("Not a number; ignored"));
  return FALSE;
}

static double
get_coord (Tm7Reader  *t,
           Tm7Node    *node,
           const char *name,
           const char *path,
           gboolean   *have)
{
  g_autofree char *here = moat_format_path (path, name);
  double value = 0;

  *have = get_number (t, node, name, path, &value);
  return moat_format_clamp_coord (&t->r, value, here);
}

static void
add_tag (MoatElement *element,
         const char  *tag)
{
  const char * const *tags = moat_element_get_tags (element);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) strv = NULL;

  if (tags != NULL && g_strv_contains (tags, tag))
    return;
  builder = g_strv_builder_new ();
  if (tags != NULL)
    g_strv_builder_addv (builder, (const char **)tags);
  g_strv_builder_add (builder, tag);
  strv = g_strv_builder_end (builder);
  g_object_set (element, "tags", strv, NULL);
}

/* ---- element properties ---- */

#define OUT_OF_SCOPE_KEY "71f3d9aa-b8ef-4e54-8126-607a1d903103"
#define OUT_OF_SCOPE_REASON_KEY "752473b6-52d4-4776-9a24-202153f7d579"

typedef struct
{
  const char *display;  /* what the Tool shows */
  const char *key;      /* its stable name (or GUID), else the display name */
  const char *value;    /* the text, or a list's selected item; NULL when unset */
} Tm7Property;

/* The Tool's yes/no properties with a Moat equivalent: a field, or where
 * Moat has none, a tag. */
static const struct {
  const char *key;
  guint       kinds;
  const char *field;
  const char *tag;
} tm7_flags[] = {
  { "implementsAuthenticationScheme", ANY_KIND, "authenticated", NULL },
  { "authenticatesItself", ANY_KIND, "authenticated", NULL },
  { "authenticatesSource", KIND_BIT (MOAT_ELEMENT_FLOW), "authenticated", NULL },
  { "implementsCustomAuthorizationMechanism", ANY_KIND, "authorization-checked", NULL },
  { "hasInputSanitizers", ANY_KIND, NULL, "sanitizes-input" },
  { "hasOutputSanitizers", ANY_KIND, NULL, "sanitizes-output" },
  { "providesConfidentiality", KIND_BIT (MOAT_ELEMENT_FLOW), "encrypted-in-transit", NULL },
  { "Encrypted", KIND_BIT (MOAT_ELEMENT_STORE), "encrypted-at-rest", NULL },
  { "storesCredentials", KIND_BIT (MOAT_ELEMENT_STORE), "handles-credentials", NULL },
};

static const struct {
  const char    *value;
  MoatPrivilege  privilege;
} running_as[] = {
  { "Kernel", MOAT_PRIVILEGE_SYSTEM },
  { "System", MOAT_PRIVILEGE_SYSTEM },
  { "Network Service", MOAT_PRIVILEGE_SYSTEM },
  { "Local Service", MOAT_PRIVILEGE_SYSTEM },
  { "Administrator", MOAT_PRIVILEGE_ADMIN },
  { "Standard User With Elevation", MOAT_PRIVILEGE_USER },
  { "Standard User Without Elevation", MOAT_PRIVILEGE_USER },
  { "Windows Store App", MOAT_PRIVILEGE_USER },
};

/* Values the Tool shows for a property nobody set. */
static gboolean
is_unset (const char *value)
{
  static const char * const unset[] = { "Not Selected", "No", "Not Applicable", "None", "false", NULL };
  g_autofree char *trimmed = NULL;

  if (moat_format_text_is_empty (value))
    return TRUE;
  trimmed = g_strstrip (g_strdup (value));
  for (guint i = 0; unset[i] != NULL; i++)
    if (g_ascii_strcasecmp (trimmed, unset[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_yes (const char *value)
{
  g_autofree char *trimmed = value ? g_strstrip (g_strdup (value)) : NULL;

  return trimmed != NULL && (g_ascii_strcasecmp (trimmed, "Yes") == 0 ||
                             g_ascii_strcasecmp (trimmed, "true") == 0);
}

static void
read_property (Tm7Node     *any,
               Tm7Property *property)
{
  Tm7Node *value = get_child (any, "Value");
  const char *name = child_text (any, "Name");

  property->display = child_text (any, "DisplayName");
  property->key = moat_format_text_is_empty (name) ? property->display : name;
  property->value = NULL;

  if (value != NULL && value->children != NULL)
    {
      const char *index_text = child_text (any, "SelectedIndex");
      guint64 index;

      if (index_text != NULL && g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL) &&
          index < value->children->len)
        property->value = text_of (g_ptr_array_index (value->children, index));
    }
  else
    property->value = text_of (value);
}

static void
keep_as_tag (Tm7Reader   *t,
             MoatElement *element,
             Tm7Property *property,
             const char  *path)
{
  g_autofree char *full = g_strdup_printf ("%s: %s", property->display ? property->display : property->key,
                                           property->value);
  g_autofree char *tag = NULL;
  g_autofree char *shown = quoted (property->value);
  const char * const *tags = moat_element_get_tags (element);

  if (tags != NULL && g_strv_length ((char **)tags) >= MAX_PROPERTY_TAGS)
    {
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, path, shown,
                              _("The element has too many properties to keep them all as tags; not kept"));
      return;
    }

  g_strstrip (full);
  tag = g_utf8_strlen (full, -1) > MAX_TAG_CHARS ? g_utf8_substring (full, 0, MAX_TAG_CHARS) : g_strdup (full);
  add_tag (element, tag);
  moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, shown,
                          _("Moat has no field for this property; kept as the tag “%s”"), tag);
}

static gboolean
read_flag (Tm7Reader   *t,
           MoatElement *element,
           Tm7Property *property)
{
  guint bit = KIND_BIT (moat_element_get_kind (element));

  for (guint i = 0; i < G_N_ELEMENTS (tm7_flags); i++)
    {
      if (g_strcmp0 (property->key, tm7_flags[i].key) != 0 || !(tm7_flags[i].kinds & bit))
        continue;
      if (!is_yes (property->value))
        return is_unset (property->value);
      if (tm7_flags[i].field != NULL)
        g_object_set (element, tm7_flags[i].field, TRUE, NULL);
      else
        add_tag (element, tm7_flags[i].tag);
      return TRUE;
    }

  return FALSE;
}

/* Whether the property has a Moat equivalent, which it was set to. */
static gboolean
map_property (Tm7Reader   *t,
              MoatElement *element,
              Tm7Property *property)
{
  const char *key = property->key;

  if (g_strcmp0 (key, "Name") == 0)
    {
      g_object_set (element, "name", property->value, NULL);
      return TRUE;
    }
  if (g_strcmp0 (key, OUT_OF_SCOPE_KEY) == 0 || g_strcmp0 (key, "Out Of Scope") == 0)
    {
      g_object_set (element, "out-of-scope", is_yes (property->value), NULL);
      return TRUE;
    }
  if (g_strcmp0 (key, OUT_OF_SCOPE_REASON_KEY) == 0 || g_strcmp0 (key, "Reason For Out Of Scope") == 0)
    {
      g_object_set (element, "out-of-scope-reason",
                    moat_format_text_is_empty (property->value) ? NULL : property->value, NULL);
      return TRUE;
    }
  if (g_strcmp0 (key, "runningAs") == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (running_as); i++)
        if (g_strcmp0 (property->value, running_as[i].value) == 0)
          {
            g_object_set (element, "privilege-level", running_as[i].privilege, NULL);
            return TRUE;
          }
      return is_unset (property->value);
    }
  if (g_strcmp0 (key, "acceptsInputFrom") == 0 &&
      g_strcmp0 (property->value, "Any Remote User or Entity") == 0)
    {
      g_object_set (element, "internet-facing", TRUE, NULL);
      return TRUE;
    }

  return read_flag (t, element, property);
}

static gboolean
is_generic_type (const char *type)
{
  return type == NULL || g_str_has_prefix (type, "Generic ");
}

/* The stencil's type, like “Web Application” or “HTTPS”: what it is
 * built with, or for flows what they speak. */
static void
set_stencil_type (MoatElement *element,
                  const char  *type,
                  const char  *type_id)
{
  MoatElementKind kind = moat_element_get_kind (element);

  if (kind == MOAT_ELEMENT_BOUNDARY &&
      ((type != NULL && strstr (type, "Internet") != NULL) ||
       (type_id != NULL && strstr (type_id, "Internet") != NULL)))
    g_object_set (element, "internet-facing", TRUE, NULL);

  if (is_generic_type (type) || kind == MOAT_ELEMENT_NOTE)
    return;
  g_object_set (element, kind == MOAT_ELEMENT_FLOW ? "protocol" : "technology", type, NULL);
}

static void
read_properties (Tm7Reader   *t,
                 MoatElement *element,
                 Tm7Node     *value,
                 const char  *path)
{
  Tm7Node *properties = get_child (value, "Properties");
  g_autofree char *base = moat_format_path (path, "Properties");
  const char *type = NULL;
  Tm7Node *any;

  FOR_CHILDREN (properties, i, any)
    {
      Tm7Property property;
      g_autofree char *here = NULL;

      read_property (any, &property);
      if (g_strcmp0 (any->type, "HeaderDisplayAttribute") == 0)
        {
          /* The first header names the stencil's type; the others head
           * sections of the property sheet. */
          if (type == NULL)
            type = property.display ? property.display : "";
          continue;
        }
      if (property.key == NULL || map_property (t, element, &property) || is_unset (property.value))
        continue;

      here = moat_format_path (base, property.display ? property.display : property.key);
      keep_as_tag (t, element, &property, here);
    }

  set_stencil_type (element, type, child_text (value, "TypeId"));
}

/* ---- stencils ---- */

static void
read_box (Tm7Reader   *t,
          MoatElement *element,
          Tm7Node     *value,
          const char  *path)
{
  static const char * const sizes[] = { "Width", "Height" };
  gboolean have_x, have_y;
  double x = get_coord (t, value, "Left", path, &have_x);
  double y = get_coord (t, value, "Top", path, &have_y);

  if (!have_x || !have_y)
    moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, path, NULL,
                            _("The stencil’s position is missing; it was put at the top left"));
  g_object_set (element, "x", x, "y", y, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *here = moat_format_path (path, sizes[i]);
      g_autofree char *field = g_ascii_strdown (sizes[i], -1);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (element), field);
      double fallback = g_value_get_double (g_param_spec_get_default_value (pspec));
      double size;

      if (!get_number (t, value, sizes[i], path, &size))
        {
          moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, here, NULL,
                                  _("The size is missing; the usual size %g was used"), fallback);
          continue;
        }
      g_object_set (element, field, moat_format_clamp_size (&t->r, size, fallback, here), NULL);
    }
}

/* The ends and handle of a connector or boundary line. */
typedef struct
{
  double   sx, sy, tx, ty, hx, hy;
  gboolean have_source, have_target, have_handle;
} Tm7Line;

static void
read_line (Tm7Reader  *t,
           Tm7Node    *value,
           const char *path,
           Tm7Line    *line)
{
  gboolean have_x, have_y;

  line->sx = get_coord (t, value, "SourceX", path, &have_x);
  line->sy = get_coord (t, value, "SourceY", path, &have_y);
  line->have_source = have_x && have_y;
  line->tx = get_coord (t, value, "TargetX", path, &have_x);
  line->ty = get_coord (t, value, "TargetY", path, &have_y);
  line->have_target = have_x && have_y;
  line->hx = get_coord (t, value, "HandleX", path, &have_x);
  line->hy = get_coord (t, value, "HandleY", path, &have_y);
  line->have_handle = have_x && have_y;
}

static gboolean
is_bend (Tm7Line *line)
{
  return line->have_handle &&
         (!line->have_source || !line->have_target ||
          moat_polyline_distance ((MoatPoint[]) { { line->sx, line->sy }, { line->tx, line->ty } }, 2,
                                  line->hx, line->hy, NULL) > STRAIGHT_TOLERANCE);
}

/* Moat keeps a boundary line as Threat Dragon's are kept: the points of
 * the line, and the region around it for what draws regions only. */
static void
read_boundary_line (Tm7Reader   *t,
                    MoatElement *element,
                    Tm7Node     *value,
                    const char  *path)
{
  g_autoptr(GVariant) points = NULL;
  GVariantBuilder builder;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double xy[6];
  guint n = 0;
  Tm7Line line;

  read_line (t, value, path, &line);
  if (line.have_source)
    xy[n++] = line.sx, xy[n++] = line.sy;
  if (is_bend (&line))
    xy[n++] = line.hx, xy[n++] = line.hy;
  if (line.have_target)
    xy[n++] = line.tx, xy[n++] = line.ty;

  if (n < 4)
    {
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, path, NULL,
                              _("The trust boundary line has fewer than two points; "
                                "it became a small region at the top left"));
      return;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i + 1 < n; i += 2)
    {
      g_variant_builder_add (&builder, "(dd)", xy[i], xy[i + 1]);
      x0 = MIN (x0, xy[i]), y0 = MIN (y0, xy[i + 1]);
      x1 = MAX (x1, xy[i]), y1 = MAX (y1, xy[i + 1]);
    }
  points = g_variant_ref_sink (g_variant_builder_end (&builder));

  if (x1 - x0 < MIN_REGION)
    x0 -= (MIN_REGION - (x1 - x0)) / 2, x1 = x0 + MIN_REGION;
  if (y1 - y0 < MIN_REGION)
    y0 -= (MIN_REGION - (y1 - y0)) / 2, y1 = y0 + MIN_REGION;

  g_object_set (element, "x", x0, "y", y0, "width", MIN (x1 - x0, MOAT_FORMAT_MAX_SIZE),
                "height", MIN (y1 - y0, MOAT_FORMAT_MAX_SIZE), "points", points, NULL);
}

/* Points as Moat JSON and the project file give them back, so that an
 * imported model and the same model saved and read again are equal. */
static MoatElement *
new_element (const char *id)
{
  g_autoptr(GVariant) none = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("(dd)"), NULL, 0));

  return g_object_new (MOAT_TYPE_ELEMENT, "id", id, "points", none, NULL);
}

static const char *
entry_guid (Tm7Node *entry,
            Tm7Node *value)
{
  const char *guid = child_text (value, "Guid");

  return guid ? guid : child_text (entry, "Key");
}

static gboolean
names_a_store (const char *name)
{
  static const char * const words[] = { "data store", "database", "storage", "store", "cache", NULL };
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Templates of their own (AWS, Azure) give their stencils generic types
 * of their own, and may draw data stores as rectangles, the shape of
 * external interactors: such a generic type's name tells them apart. */
static MoatElementKind
stencil_kind (Tm7Reader  *t,
              Tm7Node    *value,
              guint       shape,
              const char *path)
{
  const char *generic = child_text (value, "GenericTypeId");
  const char *name = generic ? g_hash_table_lookup (t->generics, generic) : NULL;
  MoatElementKind kind = shapes[shape].kind;
  g_autofree char *here = NULL;
  g_autofree char *shown = NULL;

  if ((kind != MOAT_ELEMENT_ACTOR && kind != MOAT_ELEMENT_PROCESS) || name == NULL ||
      g_str_has_prefix (generic, "GE.") || !names_a_store (name))
    return kind;

  here = moat_format_path (path, "GenericTypeId");
  shown = quoted (name);
  moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_GUESSED, here, shown,
                          _("The template draws this kind of stencil as a %s; "
                            "from its name it was made a data store"),
                          kind == MOAT_ELEMENT_ACTOR ? _("rectangle") : _("circle"));
  return MOAT_ELEMENT_STORE;
}

static void
read_stencil (Tm7Reader   *t,
              Tm7Node     *entry,
              Tm7Node     *value,
              guint        shape,
              MoatDiagram *diagram,
              const char  *path)
{
  const char *guid = entry_guid (entry, value);
  g_autofree char *id_path = moat_format_path (path, "Guid");
  g_autofree char *id = moat_format_reader_take_id (&t->r, guid, id_path);
  g_autoptr(MoatElement) element = new_element (id);

  g_object_set (element,
                "kind", stencil_kind (t, value, shape, path),
                "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)),
                NULL);
  if (shapes[shape].shape == SHAPE_LINE)
    read_boundary_line (t, element, value, path);
  else
    read_box (t, element, value, path);
  read_properties (t, element, value, path);

  moat_format_reader_add (&t->r, element);
  if (guid != NULL && !g_hash_table_contains (t->elements, guid))
    g_hash_table_insert (t->elements, g_strdup (guid), element);
  if (NODE_KINDS & KIND_BIT (shapes[shape].kind))
    g_ptr_array_add (t->ends, element);
}

/* ---- flows ---- */

static MoatElement *
flow_end (Tm7Reader   *t,
          Tm7Node     *value,
          MoatDiagram *diagram,
          const char  *which,
          gboolean     have_point,
          double       x,
          double       y,
          const char  *path)
{
  g_autofree char *key = g_strconcat (which, "Guid", NULL);
  g_autofree char *here = moat_format_path (path, key);
  const char *guid = child_text (value, key);
  MoatElement *element = guid ? g_hash_table_lookup (t->elements, guid) : NULL;
  g_autofree char *shown = guid ? quoted (guid) : NULL;

  if (element != NULL && (NODE_KINDS & KIND_BIT (moat_element_get_kind (element))))
    return element;

  element = have_point ? moat_format_nearest_element (t->ends, moat_object_get_id (MOAT_OBJECT (diagram)), x, y,
                                                             ATTACH_DISTANCE, &t->budget) : NULL;
  if (element != NULL)
    moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_GUESSED, here, shown,
                            _("The data flow’s end is attached to nothing Moat can join; "
                              "it was attached to “%s”, the nearest element"),
                            moat_element_get_name (element) ? moat_element_get_name (element) : "");
  return element;
}

static void
read_flow (Tm7Reader   *t,
           Tm7Node     *entry,
           MoatDiagram *diagram,
           const char  *path)
{
  Tm7Node *value = get_child (entry, "Value");
  const char *guid = entry_guid (entry, value);
  g_autofree char *id_path = moat_format_path (path, "Guid");
  g_autoptr(MoatElement) flow = NULL;
  g_autofree char *id = NULL;
  MoatElement *source, *target;
  Tm7Line line;

  read_line (t, value, path, &line);
  source = flow_end (t, value, diagram, "Source", line.have_source, line.sx, line.sy, path);
  target = flow_end (t, value, diagram, "Target", line.have_target, line.tx, line.ty, path);
  if (source == NULL || target == NULL)
    {
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_SKIPPED, path, NULL,
                              _("The data flow is not joined to an element at both ends, "
                                "and Moat’s flows always are; left out"));
      return;
    }

  id = moat_format_reader_take_id (&t->r, guid, id_path);
  flow = new_element (id);
  g_object_set (flow,
                "kind", MOAT_ELEMENT_FLOW,
                "diagram-id", moat_element_get_diagram_id (source),
                "source-id", moat_object_get_id (MOAT_OBJECT (source)),
                "target-id", moat_object_get_id (MOAT_OBJECT (target)),
                NULL);
  if (is_bend (&line))
    {
      g_autoptr(GVariant) points = NULL;
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
      g_variant_builder_add (&builder, "(dd)", line.hx, line.hy);
      points = g_variant_ref_sink (g_variant_builder_end (&builder));
      g_object_set (flow, "points", points, NULL);
    }
  if (g_strcmp0 (moat_element_get_diagram_id (source), moat_element_get_diagram_id (target)) != 0)
    moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, NULL,
                            _("The data flow joins elements of different diagrams; "
                              "it is drawn on its source’s"));

  read_properties (t, flow, value, path);
  moat_format_reader_add (&t->r, flow);
  if (guid != NULL && !g_hash_table_contains (t->elements, guid))
    g_hash_table_insert (t->elements, g_strdup (guid), flow);
}

/* ---- drawing surfaces ---- */

static const char *
surface_name (Tm7Node *surface)
{
  Tm7Node *properties = get_child (surface, "Properties");
  Tm7Node *any;

  FOR_CHILDREN (properties, i, any)
    {
      Tm7Property property;

      read_property (any, &property);
      if (g_strcmp0 (property.key, "Name") == 0 && !moat_format_text_is_empty (property.value))
        return property.value;
    }

  return NULL;
}

static MoatDiagram *
add_diagram (Tm7Reader  *t,
             const char *guid,
             const char *title,
             const char *path)
{
  g_autofree char *here = moat_format_path (path, "Guid");
  g_autofree char *id = moat_format_reader_take_id (&t->r, guid, here);
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", id, NULL);
  g_autofree char *fallback = NULL;

  if (moat_format_text_is_empty (title))
    title = fallback = g_strdup_printf (_("Diagram %u"), t->n_diagrams + 1);
  g_object_set (diagram,
                "title", title,
                "position", (int)MIN (t->n_diagrams, 1000000),
                NULL);
  t->n_diagrams++;
  moat_format_reader_add (&t->r, diagram);
  return diagram;
}

/* Every stencil of a surface, of both lists; flows wait in t->flows for
 * the stencils of every surface. Boundaries go first, so that they are
 * drawn under what they hold. */
static void
read_surface_list (Tm7Reader   *t,
                   Tm7Node     *surface,
                   MoatDiagram *diagram,
                   const char  *path,
                   const char  *list,
                   gboolean     boundaries)
{
  Tm7Node *entries = get_child (surface, list);
  Tm7Node *entry;

  FOR_CHILDREN (entries, i, entry)
    {
      g_autofree char *here = moat_format_path_index (path, list, i);
      Tm7Node *value = get_child (entry, "Value");
      guint shape;

      if (value == NULL)
        {
          if (boundaries)
            moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, here, NULL,
                                    _("The entry has no value; ignored"));
          continue;
        }

      shape = shape_index (value);
      if (shape == G_N_ELEMENTS (shapes))
        {
          if (boundaries)
            {
              g_autofree char *shown = quoted (value->type ? value->type : child_text (value, "GenericTypeId"));

              moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_SKIPPED, here, shown,
                                      _("Moat does not know this kind of stencil; left out"));
            }
          continue;
        }

      if (shapes[shape].kind == MOAT_ELEMENT_BOUNDARY && boundaries)
        read_stencil (t, entry, value, shape, diagram, here);
      else if (shapes[shape].kind == MOAT_ELEMENT_FLOW && !boundaries)
        {
          Tm7Pending *pending = g_new0 (Tm7Pending, 1);

          pending->entry = entry;
          pending->diagram = diagram;
          pending->path = g_steal_pointer (&here);
          g_ptr_array_add (t->flows, pending);
        }
      else if (shapes[shape].kind != MOAT_ELEMENT_BOUNDARY && shapes[shape].kind != MOAT_ELEMENT_FLOW &&
               !boundaries)
        read_stencil (t, entry, value, shape, diagram, here);
    }
}

static void
read_surface (Tm7Reader  *t,
              Tm7Node    *surface,
              const char *path)
{
  const char *header = child_text (surface, "Header");
  MoatDiagram *diagram = add_diagram (t, child_text (surface, "Guid"),
                                      moat_format_text_is_empty (header) ? surface_name (surface) : header,
                                      path);

  for (guint pass = 0; pass < 2; pass++)
    {
      read_surface_list (t, surface, diagram, path, "Borders", pass == 0);
      read_surface_list (t, surface, diagram, path, "Lines", pass == 0);
    }
}

/* ---- threats ---- */

static const struct {
  const char       *state;
  MoatThreatStatus  status;
  gboolean          needs_review;
} states[] = {
  { "AutoGenerated", MOAT_THREAT_OPEN, FALSE },
  { "NotStarted", MOAT_THREAT_OPEN, FALSE },
  { "NeedsInvestigation", MOAT_THREAT_OPEN, TRUE },
  { "NotApplicable", MOAT_THREAT_NOT_APPLICABLE, FALSE },
  { "Mitigated", MOAT_THREAT_MITIGATED, FALSE },
};

static const struct {
  const char *priority;
  int         scale;
} priorities[] = {
  { "Critical", 5 },
  { "High", 4 },
  { "Medium", 3 },
  { "Low", 2 },
};

/* Threat properties read into Moat fields, or derived from others. */
static const char * const threat_known[] = {
  "Title", "UserThreatCategory", "UserThreatShortDescription", "UserThreatDescription",
  "StateInformation", "InteractionString", "Priority", NULL
};

static void
read_threat_state (Tm7Reader  *t,
                   MoatThreat *threat,
                   const char *state,
                   const char *path)
{
  g_autofree char *here = NULL;
  g_autofree char *shown = NULL;

  if (state == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (state, states[i].state))
      {
        g_object_set (threat, "status", states[i].status, NULL);
        if (states[i].needs_review)
          g_object_set (threat,
                        "needs-review", TRUE,
                        "review-reason", _("Needs investigation (Microsoft Threat Modeling Tool)"),
                        NULL);
        return;
      }

  here = moat_format_path (path, "State");
  shown = quoted (state);
  moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, here, shown,
                          _("Not a state the Tool gives threats; the threat is open"));
}

static void
read_threat_priority (Tm7Reader  *t,
                      MoatThreat *threat,
                      const char *priority,
                      const char *path)
{
  g_autofree char *shown = NULL;
  g_autofree char *here = NULL;

  if (moat_format_text_is_empty (priority))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    if (g_ascii_strcasecmp (priority, priorities[i].priority) == 0)
      {
        g_object_set (threat, "likelihood", priorities[i].scale, "impact", priorities[i].scale, NULL);
        return;
      }

  shown = quoted (priority);
  here = moat_format_path (path, "Priority");
  moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, shown,
                          _("Moat rates threats by likelihood and impact and knows no such priority; "
                            "they were left at 3 × 3"));
}

static void
add_element_id (GPtrArray  *ids,
                Tm7Reader  *t,
                const char *guid)
{
  MoatElement *element = guid ? g_hash_table_lookup (t->elements, guid) : NULL;
  const char *id = element ? moat_object_get_id (MOAT_OBJECT (element)) : NULL;

  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return;
  if (id != NULL)
    g_ptr_array_add (ids, (gpointer)id);
}

static void
read_threat (Tm7Reader  *t,
             Tm7Node    *entry,
             const char *path)
{
  Tm7Node *value = get_child (entry, "Value");
  Tm7Node *properties = get_child (value, "Properties");
  g_autoptr(GHashTable) props = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(MoatThreat) threat = NULL;
  g_autofree char *id_path = moat_format_path (path, "Key");
  g_autofree char *id = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *props_path = moat_format_path (path, "Properties");
  const char *title, *category, *known;
  Tm7Node *pair;

  if (value == NULL)
    {
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, path, NULL,
                              _("The entry has no value; ignored"));
      return;
    }

  FOR_CHILDREN (properties, i, pair)
    {
      const char *key = child_text (pair, "Key");
      const char *text = child_text (pair, "Value");
      const char *label;
      g_autofree char *here = NULL;
      g_autofree char *shown = NULL;

      if (key == NULL)
        continue;
      if (g_strv_contains (threat_known, key))
        {
          if (!g_hash_table_contains (props, key))
            g_hash_table_insert (props, (gpointer)key, (gpointer)text);
          continue;
        }
      if (moat_format_text_is_empty (text))
        continue;
      label = g_hash_table_lookup (t->labels, key);
      here = moat_format_path (props_path, label ? label : key);
      shown = quoted (text);
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, shown,
                              _("A custom threat property has no place in Moat; not kept"));
    }

#define THREAT_TEXT(name) \
  (g_hash_table_lookup (props, name) ? g_hash_table_lookup (props, name) : child_text (value, name))

  id = moat_format_reader_take_id (&t->r, child_text (entry, "Key"), id_path);
  threat = g_object_new (MOAT_TYPE_THREAT, "id", id, NULL);

  title = THREAT_TEXT ("Title");
  if (moat_format_text_is_empty (title))
    {
      const char *number = child_text (value, "Id");

      title = fallback = number ? g_strdup_printf (_("Threat %s"), number) : g_strdup (_("Threat"));
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_INVALID, path, NULL,
                              _("The threat has no title; it was called “%s”"), title);
    }
  category = THREAT_TEXT ("UserThreatCategory");
  known = moat_format_category_from_text (category);
  g_object_set (threat,
                "title", title,
                "description", THREAT_TEXT ("UserThreatDescription"),
                "category", known ? known : (moat_format_text_is_empty (category) ? NULL : category),
                "status-reason", THREAT_TEXT ("StateInformation"),
                NULL);
  read_threat_state (t, threat, child_text (value, "State"), path);
  read_threat_priority (t, threat, THREAT_TEXT ("Priority"), path);
#undef THREAT_TEXT

  add_element_id (ids, t, child_text (value, "SourceGuid"));
  add_element_id (ids, t, child_text (value, "FlowGuid"));
  add_element_id (ids, t, child_text (value, "TargetGuid"));
  g_ptr_array_add (ids, NULL);
  g_object_set (threat, "element-ids", ids->pdata, NULL);
  if (ids->len == 1)
    moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_CONVERTED, path, NULL,
                            _("None of the elements the threat concerns came in; "
                              "it is kept, on no element"));

  moat_format_reader_add (&t->r, threat);
}

static void
read_labels (Tm7Reader *t,
             Tm7Node   *root)
{
  Tm7Node *meta = get_child (get_child (get_child (root, "KnowledgeBase"), "ThreatMetaData"),
                             "PropertiesMetaData");
  Tm7Node *datum;

  FOR_CHILDREN (meta, i, datum)
    {
      const char *label = child_text (datum, "Label");
      const char *name = child_text (datum, "Name");
      const char *id = child_text (datum, "Id");

      if (label == NULL)
        continue;
      if (name != NULL)
        g_hash_table_insert (t->labels, (gpointer)name, (gpointer)label);
      if (id != NULL)
        g_hash_table_insert (t->labels, (gpointer)id, (gpointer)label);
    }
}

static void
read_generics (Tm7Reader *t,
               Tm7Node   *root)
{
  Tm7Node *generics = get_child (get_child (root, "KnowledgeBase"), "GenericElements");
  Tm7Node *type;

  FOR_CHILDREN (generics, i, type)
    {
      const char *id = child_text (type, "Id");
      const char *name = child_text (type, "Name");

      if (id != NULL && name != NULL)
        g_hash_table_insert (t->generics, (gpointer)id, (gpointer)name);
    }
}

/* ---- the model's own fields ---- */

/* The Tool keeps a model's assumptions as one text, a line each: each
 * becomes an assumption to validate. */
static void
read_assumptions (Tm7Reader  *t,
                  const char *text)
{
  g_auto(GStrv) lines = NULL;

  if (moat_format_text_is_empty (text))
    return;
  lines = g_strsplit_set (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && i < MOAT_LIST_MAX; i++)
    {
      g_autoptr(MoatAssumption) assumption = NULL;
      char *statement = g_strstrip (lines[i]);

      if (*statement == '\0')
        continue;
      assumption = moat_assumption_new ();
      g_object_set (assumption, "statement", statement, NULL);
      moat_format_reader_add (&t->r, assumption);
    }
}

static void
read_meta (Tm7Reader *t,
           Tm7Node   *root)
{
  static const char * const unmapped[] = {
    "Reviewer", "Contributors", "ExternalDependencies", NULL
  };
  Tm7Node *meta = get_child (root, "MetaInformation");
  Tm7Node *notes = get_child (root, "Notes");

  moat_format_model_set (t->r.model, "title", child_text (meta, "ThreatModelName"));
  moat_format_model_set (t->r.model, "description", child_text (meta, "HighLevelSystemDescription"));
  moat_format_model_set (t->r.model, "owner", child_text (meta, "Owner"));
  read_assumptions (t, child_text (meta, "Assumptions"));

  for (guint i = 0; unmapped[i] != NULL; i++)
    {
      const char *text = child_text (meta, unmapped[i]);
      g_autofree char *here = NULL;
      g_autofree char *shown = NULL;

      if (moat_format_text_is_empty (text))
        continue;
      here = moat_format_path ("MetaInformation", unmapped[i]);
      shown = quoted (text);
      moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, here, shown,
                              _("Moat models have no field for this; not kept"));
    }

  if (notes != NULL && notes->children != NULL)
    moat_import_report_add (t->r.report, MOAT_IMPORT_ISSUE_UNMAPPED, "Notes", NULL,
                            ngettext ("The model’s %u note has no place in Moat; not kept",
                                      "The model’s %u notes have no place in Moat; not kept",
                                      notes->children->len),
                            notes->children->len);
}

static void
tm7_reader_init (Tm7Reader *t)
{
  moat_format_reader_init (&t->r, _("Microsoft Threat Modeling Tool"), NULL);
  t->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->ends = g_ptr_array_new ();
  t->labels = g_hash_table_new (g_str_hash, g_str_equal);
  t->generics = g_hash_table_new (g_str_hash, g_str_equal);
  t->flows = g_ptr_array_new_with_free_func ((GDestroyNotify)tm7_pending_free);
  t->budget = ATTACH_BUDGET;
}

static void
tm7_reader_clear (Tm7Reader *t)
{
  g_clear_pointer (&t->elements, g_hash_table_unref);
  g_clear_pointer (&t->ends, g_ptr_array_unref);
  g_clear_pointer (&t->labels, g_hash_table_unref);
  g_clear_pointer (&t->generics, g_hash_table_unref);
  g_clear_pointer (&t->flows, g_ptr_array_unref);
  moat_format_reader_clear (&t->r);
}

static void
read_model (Tm7Reader *t,
            Tm7Node   *root)
{
  Tm7Node *surfaces = get_child (root, "DrawingSurfaceList");
  Tm7Node *threats = get_child (root, "ThreatInstances");
  Tm7Node *node;

  read_meta (t, root);
  read_labels (t, root);
  read_generics (t, root);

  FOR_CHILDREN (surfaces, i, node)
    {
      g_autofree char *path = moat_format_path_index ("DrawingSurfaceList", NULL, i);

      if (g_str_equal (node->name, "DrawingSurfaceModel"))
        read_surface (t, node, path);
    }
  if (t->n_diagrams == 0)
    add_diagram (t, NULL, NULL, "DrawingSurfaceList");

  for (guint i = 0; i < t->flows->len; i++)
    {
      Tm7Pending *pending = g_ptr_array_index (t->flows, i);

      read_flow (t, pending->entry, pending->diagram, pending->path);
    }

  FOR_CHILDREN (threats, i, node)
    {
      g_autofree char *path = moat_format_path_index ("ThreatInstances", NULL, i);

      read_threat (t, node, path);
    }
}

/**
 * moat_tm7_import:
 *
 * Returns: (transfer full): the model, or %NULL with @error set when
 *   @data is not a Threat Modeling Tool file at all
 */
MoatModel *
moat_tm7_import (const char        *data,
                 gsize              length,
                 MoatImportReport **report,
                 GError           **error)
{
  g_autoptr(Tm7Node) root = NULL;
  Tm7Reader t = { 0 };
  MoatModel *model;

  if (report != NULL)
    *report = NULL;

  if (!(root = parse_tree (data, length, error)))
    return NULL;
  if (!g_str_equal (root->name, "ThreatModel"))
    return not_tm7 (error, _("its root element is not ThreatModel"));
  if (get_child (root, "DrawingSurfaceList") == NULL)
    return not_tm7 (error, _("it has no DrawingSurfaceList"));

  tm7_reader_init (&t);
  read_model (&t, root);

  model = moat_format_reader_finish (&t.r, report);
  tm7_reader_clear (&t);

  return model;
}

/* ------------------------------------------------------------------ */
/* Detection                                                           */

static gboolean
skip_past (const char **p,
           const char  *end,
           const char  *marker)
{
  gsize n = strlen (marker);

  for (; *p + n <= end; (*p)++)
    if (memcmp (*p, marker, n) == 0)
      {
        *p += n;
        return TRUE;
      }

  return FALSE;
}

/* Past a document type declaration, internal subset and all: such a
 * file is still told apart, so that the reader can refuse it plainly. */
static gboolean
skip_doctype (const char **p,
              const char  *end)
{
  int depth = 0;

  for (; *p < end; (*p)++)
    if (**p == '[')
      depth++;
    else if (**p == ']')
      depth--;
    else if (**p == '>' && depth <= 0)
      {
        (*p)++;
        return TRUE;
      }

  return FALSE;
}

/**
 * moat_tm7_detect:
 *
 * Whether @data looks like a Threat Modeling Tool model: XML whose root
 * element is ThreatModel. Only the start of the file is looked at.
 */
gboolean
moat_tm7_detect (const char *data,
                 gsize       length)
{
  g_autofree char *text = NULL;
  const char *p, *end;
  gsize text_length;

  if (data == NULL)
    return FALSE;
  /* Comments and declarations before the root are short in any real file. */
  if (!(text = to_utf8 (data, MIN (length, 8192), &text_length)))
    return FALSE;

  p = text, end = text + text_length;
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          if (!skip_past (&p, end, "-->"))
            return FALSE;
        }
      else if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        {
          if (!skip_past (&p, end, "?>"))
            return FALSE;
        }
      else if (end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0)
        {
          if (!skip_doctype (&p, end))
            return FALSE;
        }
      else
        break;
    }

  return end - p > 12 && memcmp (p, "<ThreatModel", 12) == 0 &&
         (g_ascii_isspace (p[12]) || p[12] == '>' || p[12] == '/');
}
