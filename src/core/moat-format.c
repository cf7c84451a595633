/* moat-format.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the readers and writers of other tools' formats
 * (moat-format-private.h). The registry that picks a reader or writer
 * lives in moat-format-registry.c.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-error.h"
#include "moat-format-private.h"
#include "moat-value.h"

/* ------------------------------------------------------------------ */
/* Helpers for the readers                                             */

/* Ids longer than this are not worth keeping; they get a new one. */
#define MAX_ID_LENGTH 200

/* @model_id: (nullable): the id the file gives the model, if it has one */
void
moat_format_reader_init (MoatFormatReader *reader,
                         const char       *format_label,
                         const char       *model_id)
{
  if (model_id != NULL && model_id[0] != '\0' && strlen (model_id) <= MAX_ID_LENGTH)
    reader->model = g_object_new (MOAT_TYPE_MODEL, "id", model_id, NULL);
  else
    reader->model = moat_model_new ();
  reader->report = moat_import_report_new (format_label, FALSE);
  reader->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (reader->ids, g_strdup (moat_object_get_id (MOAT_OBJECT (reader->model))));
}

void
moat_format_reader_clear (MoatFormatReader *reader)
{
  g_clear_object (&reader->model);
  g_clear_object (&reader->report);
  g_clear_pointer (&reader->ids, g_hash_table_unref);
}

/**
 * moat_format_reader_finish:
 * @report: (out) (optional): where the report goes
 *
 * Hands over what the reader made; clear the reader after.
 *
 * Returns: (transfer full): the model
 */
MoatModel *
moat_format_reader_finish (MoatFormatReader  *reader,
                           MoatImportReport **report)
{
  if (report != NULL)
    *report = g_steal_pointer (&reader->report);
  return g_steal_pointer (&reader->model);
}

/**
 * moat_format_reader_take_id:
 * @wanted: (nullable): the id in the file
 *
 * Returns: (transfer full): @wanted if it is free, else a new id (and a
 *   line in the report); ids in a model are unique across every kind
 */
char *
moat_format_reader_take_id (MoatFormatReader *reader,
                            const char       *wanted,
                            const char       *path)
{
  char *id;

  if (wanted != NULL && wanted[0] != '\0' && strlen (wanted) <= MAX_ID_LENGTH &&
      !g_hash_table_contains (reader->ids, wanted))
    id = g_strdup (wanted);
  else
    {
      g_autofree char *value = wanted ? g_strdup_printf ("\"%.40s\"", wanted) : NULL;

      id = g_uuid_string_random ();
      if (wanted != NULL && wanted[0] != '\0' && strlen (wanted) > MAX_ID_LENGTH)
        moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_CONVERTED, path, value,
                                _("The id is too long; the object was given the new id %s"), id);
      else if (wanted != NULL && wanted[0] != '\0')
        moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_CONVERTED, path, value,
                                _("The id is used twice; this object was given the new id %s"), id);
    }

  g_hash_table_add (reader->ids, g_strdup (id));
  return id;
}

/* Puts a finished object into the model being built, and counts it. */
void
moat_format_reader_add (MoatFormatReader *reader,
                        gpointer          object)
{
  _moat_model_insert_loaded (reader->model, object);
  moat_import_report_count_object (reader->report, G_OBJECT_TYPE (object));
}

static char *
short_text (const char *text,
            guint       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);

  cut = g_utf8_substring (valid, 0, max_chars - 1);
  return g_strconcat (cut, "…", NULL);
}

static gboolean
is_small_scalar (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  return json_node_get_value_type (node) != G_TYPE_STRING ||
         strlen (json_node_get_string (node)) < 40;
}

static gboolean
is_small (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) values = NULL;

      if (json_object_get_size (object) > 6)
        return FALSE;
      values = json_object_get_values (object);
      for (GList *l = values; l != NULL; l = l->next)
        if (!is_small_scalar (l->data))
          return FALSE;
      return TRUE;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) > 6)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!is_small_scalar (json_array_get_element (array, i)))
          return FALSE;
      return TRUE;
    }

  return TRUE;
}

/**
 * moat_format_node_text:
 *
 * Returns: (transfer full): @node as short JSON text for a report: whole
 *   when it is small, summarised when it is not
 */
char *
moat_format_node_text (JsonNode *node)
{
  g_autofree char *json = NULL;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
      !isfinite (json_node_get_double (node)))
    return g_strdup (json_node_get_double (node) > 0 ? "Infinity" : "-Infinity");

  if (!is_small (node))
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup_printf ("{… %u members}", json_object_get_size (json_node_get_object (node)));
      if (JSON_NODE_HOLDS_ARRAY (node))
        return g_strdup_printf ("[… %u items]", json_array_get_length (json_node_get_array (node)));
    }

  json = json_to_string (node, FALSE);
  return short_text (json, 80);
}

static char *
path_key (const char *key)
{
  g_autofree char *text = short_text (key, 40);

  for (char *p = text; *p != '\0'; p++)
    if ((guchar)*p < 0x20)
      *p = '?';

  return g_steal_pointer (&text);
}

char *
moat_format_path (const char *parent,
                  const char *key)
{
  g_autofree char *safe = path_key (key);

  if (parent == NULL || parent[0] == '\0')
    return g_steal_pointer (&safe);

  return g_strconcat (parent, ".", safe, NULL);
}

char *
moat_format_path_index (const char *parent,
                        const char *key,
                        guint       index)
{
  g_autofree char *base = key ? moat_format_path (parent, key) : g_strdup (parent);

  return g_strdup_printf ("%s[%u]", base, index);
}

/* Says that the value at @path is not what the format allows there. */
void
moat_format_report_invalid (MoatFormatReader *reader,
                            const char       *path,
                            JsonNode         *node,
                            const char       *expected)
{
  g_autofree char *value = moat_format_node_text (node);

  /* Translators: %s is what was expected, like “a string” */
  moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_INVALID, path, value,
                          _("Expected %s; ignored"), expected);
}

static JsonNode *
member (MoatFormatReader *reader,
        JsonObject       *object,
        const char       *key,
        const char       *path,
        GType             value_type,
        const char       *expected)
{
  JsonNode *node;
  g_autofree char *here = NULL;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL ||
      JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (value_type == JSON_TYPE_OBJECT ? JSON_NODE_HOLDS_OBJECT (node) :
      value_type == JSON_TYPE_ARRAY ? JSON_NODE_HOLDS_ARRAY (node) :
      value_type == G_TYPE_DOUBLE ? (JSON_NODE_HOLDS_VALUE (node) &&
                                     (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                                      json_node_get_value_type (node) == G_TYPE_INT64)) :
      (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type))
    return node;

  here = moat_format_path (path, key);
  moat_format_report_invalid (reader, here, node, expected);
  return NULL;
}

/**
 * moat_format_get_string:
 *
 * Returns: (nullable): the string member @key, or %NULL when it is absent,
 *   null or not a string (reported)
 */
const char *
moat_format_get_string (MoatFormatReader *reader,
                        JsonObject       *object,
                        const char       *key,
                        const char       *path)
{
  JsonNode *node = member (reader, object, key, path, G_TYPE_STRING, _("a string"));

  return node ? json_node_get_string (node) : NULL;
}

gboolean
moat_format_get_boolean (MoatFormatReader *reader,
                         JsonObject       *object,
                         const char       *key,
                         const char       *path,
                         gboolean         *value)
{
  JsonNode *node = member (reader, object, key, path, G_TYPE_BOOLEAN, _("true or false"));

  if (node == NULL)
    return FALSE;

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A finite number; infinities (1e999 parses as one) are reported. */
gboolean
moat_format_get_number (MoatFormatReader *reader,
                        JsonObject       *object,
                        const char       *key,
                        const char       *path,
                        double           *value)
{
  JsonNode *node = member (reader, object, key, path, G_TYPE_DOUBLE, _("a number"));
  double d;

  if (node == NULL)
    return FALSE;

  d = json_node_get_value_type (node) == G_TYPE_INT64
    ? (double)json_node_get_int (node) : json_node_get_double (node);
  if (!isfinite (d))
    {
      g_autofree char *here = moat_format_path (path, key);
      moat_format_report_invalid (reader, here, node, _("a finite number"));
      return FALSE;
    }

  *value = d;
  return TRUE;
}

JsonObject *
moat_format_get_object (MoatFormatReader *reader,
                        JsonObject       *object,
                        const char       *key,
                        const char       *path)
{
  JsonNode *node = member (reader, object, key, path, JSON_TYPE_OBJECT, _("an object"));

  return node ? json_node_get_object (node) : NULL;
}

JsonArray *
moat_format_get_array (MoatFormatReader *reader,
                       JsonObject       *object,
                       const char       *key,
                       const char       *path)
{
  JsonNode *node = member (reader, object, key, path, JSON_TYPE_ARRAY, _("a list"));

  return node ? json_node_get_array (node) : NULL;
}

/* Every member of @object not in @known goes into the report: a field
 * Moat has no place for is never dropped without a word. */
void
moat_format_report_unknown (MoatFormatReader   *reader,
                            JsonObject         *object,
                            const char         *path,
                            const char * const *known)
{
  g_autoptr(GList) keys = NULL;

  if (object == NULL)
    return;

  keys = json_object_get_members (object);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *here = NULL;
      g_autofree char *value = NULL;

      if (g_strv_contains (known, l->data))
        continue;

      here = moat_format_path (path, l->data);
      value = moat_format_node_text (json_object_get_member (object, l->data));
      moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_UNMAPPED, here, value,
                              _("Moat has no field for this; not kept"));
    }
}

double
moat_format_clamp_coord (MoatFormatReader *reader,
                         double            value,
                         const char       *path)
{
  double clamped = CLAMP (value, -MOAT_FORMAT_MAX_COORD, MOAT_FORMAT_MAX_COORD);

  if (clamped != value)
    {
      g_autofree char *text = g_strdup_printf ("%g", value);

      moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_CONVERTED, path, text,
                              _("Too far off the diagram; moved to %g"), clamped);
    }

  return clamped;
}

double
moat_format_clamp_size (MoatFormatReader *reader,
                        double            value,
                        double            fallback,
                        const char       *path)
{
  g_autofree char *text = g_strdup_printf ("%g", value);

  if (value < 1)
    {
      moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_INVALID, path, text,
                              _("Too small to draw; the usual size %g was used"), fallback);
      return fallback;
    }
  if (value > MOAT_FORMAT_MAX_SIZE)
    {
      moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_CONVERTED, path, text,
                              _("Too large; reduced to %g"), MOAT_FORMAT_MAX_SIZE);
      return MOAT_FORMAT_MAX_SIZE;
    }

  return value;
}

/* Whether @field of @type holds ids of other objects: such fields are
 * never set from free-form data, which could leave them dangling. */
gboolean
moat_format_is_reference (GType       type,
                          const char *field)
{
  const MoatReference *refs;
  guint n_refs;

  refs = moat_model_list_references (&n_refs);
  for (guint i = 0; i < n_refs; i++)
    if (refs[i].owner_type == type && g_str_equal (refs[i].field, field))
      return TRUE;

  return FALSE;
}

gboolean
moat_format_text_is_empty (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/**
 * moat_format_is_placeholder:
 *
 * Whether a tool's mitigation text only says there is none yet (“None”,
 * “TBD”, “None as yet”, “N/A”, …): such text is not a control.
 */
gboolean
moat_format_is_placeholder (const char *text)
{
  static const char * const words[] = {
    "none", "noneasyet", "noneyet", "nonesofar", "tbd", "tbc", "todo", "na", "n/a", "nil",
    "notyet", "nothing", "nothingyet", "unknown", "pending", "-", "--", "?", NULL
  };
  g_autoptr(GString) key = g_string_new (NULL);

  if (moat_format_text_is_empty (text))
    return TRUE;
  if (strlen (text) > 40)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '/' || *p == '-' || *p == '?')
      g_string_append_c (key, g_ascii_tolower (*p));
  if (key->len > 1 && key->str[key->len - 1] == '-')
    g_string_truncate (key, key->len - 1);

  return g_strv_contains (words, key->str);
}

/* A value kept in a text as its last line, “Label: value”: for values of
 * another tool that Moat has no field for but must give back on export.
 * The label is matched translated and untranslated, so a file imported
 * in one language exports the same in another. */
char *
moat_format_append_line (const char *text,
                         const char *label,
                         const char *value)
{
  if (moat_format_text_is_empty (text))
    return g_strdup_printf ("%s: %s", label, value);

  return g_strdup_printf ("%s\n\n%s: %s", text, label, value);
}

/**
 * moat_format_take_line:
 * @label: the untranslated label, marked with N_()
 * @value: (out) (optional): the value, when the last line carries @label
 *
 * Returns: (transfer full) (nullable): @text without that last line (and
 *   the blank line before it), or %NULL when there is no such line
 */
char *
moat_format_take_line (const char  *text,
                       const char  *label,
                       char       **value)
{
  const char *labels[] = { label, g_dgettext (GETTEXT_PACKAGE, label) };
  const char *line;
  gsize body;

  if (value != NULL)
    *value = NULL;
  if (text == NULL)
    return NULL;

  line = strrchr (text, '\n');
  line = line ? line + 1 : text;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gsize n = strlen (labels[i]);

      if (strncmp (line, labels[i], n) != 0 || strncmp (line + n, ": ", 2) != 0 ||
          moat_format_text_is_empty (line + n + 2))
        continue;

      if (value != NULL)
        *value = g_strdup (line + n + 2);
      body = line - text;
      while (body > 0 && text[body - 1] == '\n')
        body--;
      return g_strndup (text, body);
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Mitigation text and controls                                        */

#define CONTROL_TITLE_CHARS 80

/**
 * moat_format_control_title:
 *
 * A short title for a control made from a tool's mitigation text: its
 * first line, cut at a word near 80 characters. The whole text becomes
 * the control's description.
 *
 * Returns: (transfer full) (nullable): the title, %NULL for empty text
 */
char *
moat_format_control_title (const char *text)
{
  g_autofree char *line = NULL;
  const char *end;
  glong n_chars;

  if (moat_format_text_is_empty (text))
    return NULL;

  while (g_ascii_isspace (*text))
    text++;
  end = strchr (text, '\n');
  line = end ? g_strndup (text, end - text) : g_strdup (text);
  g_strchomp (line);

  n_chars = g_utf8_strlen (line, -1);
  if (n_chars > CONTROL_TITLE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, CONTROL_TITLE_CHARS - 1);
      char *space = strrchr (cut, ' ');

      if (space != NULL && space - cut > CONTROL_TITLE_CHARS / 2)
        *space = '\0';
      g_free (line);
      line = g_strconcat (cut, "…", NULL);
    }

  return g_steal_pointer (&line);
}

/* The text of one control for a format that has only a mitigation text:
 * its description when that already starts with the title (a control made
 * from such a text on import), else title and description. */
static void
append_control_text (GString     *text,
                     MoatControl *control)
{
  const char *title = moat_control_get_title (control);
  const char *description = moat_control_get_description (control);
  g_autofree char *stem = NULL;

  if (moat_format_text_is_empty (description))
    {
      g_string_append (text, title ? title : "");
      return;
    }
  if (moat_format_text_is_empty (title))
    {
      g_string_append (text, description);
      return;
    }

  stem = g_strdup (title);
  if (g_str_has_suffix (stem, "…"))
    stem[strlen (stem) - strlen ("…")] = '\0';
  if (g_str_has_prefix (description, stem))
    g_string_append (text, description);
  else
    g_string_append_printf (text, "%s\n%s", title, description);
}

/**
 * moat_format_mitigation_text:
 * @controls: (element-type MoatControl) (nullable): the controls of a threat
 *
 * Returns: (transfer full): their text, one paragraph each
 */
char *
moat_format_mitigation_text (GPtrArray *controls)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; controls != NULL && i < controls->len; i++)
    {
      if (i > 0)
        g_string_append (text, "\n\n");
      append_control_text (text, g_ptr_array_index (controls, i));
    }

  return g_string_free (text, FALSE);
}

/**
 * moat_format_index_controls:
 *
 * Returns: (transfer full) (element-type utf8 GPtrArray): for each threat
 *   id, the controls that address it, in the model's order
 */
GHashTable *
moat_format_index_controls (MoatModel *model)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
  GListModel *controls = moat_model_get_list (model, MOAT_TYPE_CONTROL);

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      const char * const *ids = moat_control_get_threat_ids (control);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          GPtrArray *list = g_hash_table_lookup (index, ids[j]);

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (index, g_strdup (ids[j]), list);
            }
          if (!g_ptr_array_find (list, control, NULL))
            g_ptr_array_add (list, g_object_ref (control));
        }
    }

  return index;
}

/**
 * moat_format_sorted_list:
 *
 * Returns: (transfer full) (element-type MoatObject): the objects of
 *   @type, in the model's order
 */
GPtrArray *
moat_format_sorted_list (MoatModel *model,
                         GType      type)
{
  GListModel *list = moat_model_get_list (model, type);
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (objects, g_list_model_get_item (list, i));

  return objects;
}

/* ------------------------------------------------------------------ */
/* Threat categories                                                   */

/* STRIDE categories are stored as their letter, others by their name.
 * Spellings from Threat Dragon, the Microsoft tool (via OTM) and
 * IriusRisk all lead to the same category. */
static const struct {
  const char *category;
  const char *methodology;
  const char *label;
  const char *alias;   /* a second spelling, normalised */
} categories[] = {
  { "S", "STRIDE", "Spoofing", "spoof" },
  { "T", "STRIDE", "Tampering", "tamper" },
  { "R", "STRIDE", "Repudiation", "repudiate" },
  { "I", "STRIDE", "Information disclosure", "disclosure" },
  { "D", "STRIDE", "Denial of service", "dos" },
  { "E", "STRIDE", "Elevation of privilege", "elevationofprivileges" },
  { "Linkability", "LINDDUN", "Linkability", "linking" },
  { "Identifiability", "LINDDUN", "Identifiability", "identifying" },
  { "Non-repudiation", "LINDDUN", "Non-repudiation", "nonrepudiability" },
  { "Detectability", "LINDDUN", "Detectability", "detecting" },
  { "Disclosure of information", "LINDDUN", "Disclosure of information", "datadisclosure" },
  { "Unawareness", "LINDDUN", "Unawareness", "unawarenessandunintervenability" },
  { "Non-compliance", "LINDDUN", "Non-compliance", "noncompliant" },
  { "Confidentiality", "CIA", "Confidentiality", NULL },
  { "Integrity", "CIA", "Integrity", NULL },
  { "Availability", "CIA", "Availability", NULL },
  { "Distributed", "DIE", "Distributed", NULL },
  { "Immutable", "DIE", "Immutable", NULL },
  { "Ephemeral", "DIE", "Ephemeral", NULL },
};

static char *
normalise (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));

  return g_string_free (out, FALSE);
}

/**
 * moat_format_category_from_text:
 *
 * Returns: (nullable): the Moat category for a category or threat type
 *   as another tool spells it, or %NULL if it is none Moat knows
 */
const char *
moat_format_category_from_text (const char *text)
{
  g_autofree char *key = NULL;

  if (text == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_strcmp0 (text, categories[i].category) == 0)
      return categories[i].category;

  key = normalise (text);
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      g_autofree char *label = normalise (categories[i].label);

      if (g_str_equal (key, label) || g_strcmp0 (key, categories[i].alias) == 0)
        return categories[i].category;
    }

  return NULL;
}

/* The category's name in words: “Tampering” for T; unknown ones as they are. */
const char *
moat_format_category_label (const char *category)
{
  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (category, categories[i].category))
      return categories[i].label;

  return category;
}

/* The category's place in the table of known ones, or -1. */
int
moat_format_category_index (const char *category)
{
  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (category, categories[i].category))
      return i;

  return -1;
}

/* STRIDE, LINDDUN, CIA or DIE; %NULL for a category of no known method. */
const char *
moat_format_category_methodology (const char *category)
{
  for (guint i = 0; category != NULL && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (category, categories[i].category))
      return categories[i].methodology;

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Scales                                                              */

/* OTM rates likelihood, impact and asset values from 0 to 100; Moat from
 * 1 to 5. Each fifth of the range is one step: 0–19 → 1, 20–39 → 2,
 * 40–59 → 3, 60–79 → 4, 80–100 → 5. Writing uses the middle of each
 * step (10, 30, 50, 70, 90), so Moat → OTM → Moat gives the same values. */
int
moat_format_percent_to_scale (double percent)
{
  if (!isfinite (percent))
    return 3;

  percent = CLAMP (percent, 0, 100);
  return MIN (5, 1 + (int)(percent / 20));
}

int
moat_format_scale_to_percent (int scale)
{
  return CLAMP (scale, 1, 5) * 20 - 10;
}

/* ------------------------------------------------------------------ */
/* Helpers for the writers                                             */

/* Empty text and empty lists count as unset: writing nothing loses nothing. */
gboolean
moat_format_value_is_default (GParamSpec   *pspec,
                              const GValue *value)
{
  g_auto(GValue) fallback = G_VALUE_INIT;

  if (G_VALUE_HOLDS_STRING (value))
    return moat_format_text_is_empty (g_value_get_string (value));
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *strv = g_value_get_boxed (value);
      return strv == NULL || strv[0] == NULL;
    }
  if (G_VALUE_HOLDS_VARIANT (value))
    {
      GVariant *variant = g_value_get_variant (value);
      return variant == NULL || g_variant_n_children (variant) == 0;
    }

  g_value_init (&fallback, pspec->value_type);
  moat_value_set_default (pspec, &fallback);
  return moat_value_equal (value, &fallback);
}

/* Where a value of the model is, for an export report: element “Web”.technology */
char *
moat_format_object_path (MoatObject *object,
                         const char *field)
{
  const char *label = moat_object_get_label (object);
  g_autofree char *name = NULL;

  if (moat_format_text_is_empty (label))
    name = g_strdup (moat_object_get_id (object));
  else
    name = short_text (label, 40);

  if (field != NULL)
    return g_strdup_printf ("%s “%s”.%s", moat_object_get_kind_name (object), name, field);
  return g_strdup_printf ("%s “%s”", moat_object_get_kind_name (object), name);
}

/* Reports every field of @object that has a value and is not in @carried. */
void
moat_format_report_fields (MoatImportReport   *report,
                           MoatObject         *object,
                           const char * const *carried)
{
  GParamSpec **fields;
  guint n_fields;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (object), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GValue *value = moat_object_peek_value (object, fields[i]);
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autofree char *shown = NULL;

      if (g_strv_contains (carried, fields[i]->name) ||
          moat_format_value_is_default (fields[i], value))
        continue;

      path = moat_format_object_path (object, fields[i]->name);
      text = moat_value_to_text (fields[i], value);
      shown = text ? short_text (text, 60) : NULL;
      moat_import_report_add (report, MOAT_IMPORT_ISSUE_UNMAPPED, path, shown,
                              _("The format has no field for this; not written"));
    }
}

void
moat_format_report_skipped (MoatImportReport *report,
                            MoatObject       *object,
                            const char       *why)
{
  g_autofree char *path = moat_format_object_path (object, NULL);

  moat_import_report_add (report, MOAT_IMPORT_ISSUE_SKIPPED, path, NULL, "%s", why);
}

/* Whole numbers as integers: 120, not 120.0. */
void
moat_format_set_number (JsonObject *object,
                        const char *key,
                        double      value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_object_set_int_member (object, key, (gint64)value);
  else
    json_object_set_double_member (object, key, value);
}

char *
moat_format_generate (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text = g_string_new (NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  return g_string_free (text, FALSE);
}

void
moat_format_model_set (MoatModel  *model,
                       const char *field,
                       const char *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (model), field);
  g_auto(GValue) v = G_VALUE_INIT;

  g_return_if_fail (pspec != NULL);

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, moat_format_text_is_empty (value) ? NULL : value);
  _moat_object_store_value (MOAT_OBJECT (model), pspec, &v);
}

/* @object: (nullable) */
const char *
moat_format_peek_string (JsonObject *object,
                         const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Orders diagrams (in a GPtrArray) by their position. */
int
moat_format_compare_position (gconstpointer a,
                              gconstpointer b)
{
  return moat_diagram_get_position (*(MoatDiagram **)a) - moat_diagram_get_position (*(MoatDiagram **)b);
}

/* ------------------------------------------------------------------ */
/* Data flows, in both readers                                         */

/* A flow whose ends were not both found is left out; the report says
 * how many threats of @holder's "threats" list went with it, as those
 * are the loss a person notices. @in_diagram: whether ends are looked
 * for in the flow's diagram (Threat Dragon) or in the whole file (OTM). */
void
moat_format_report_unjoined_flow (MoatFormatReader *reader,
                                  const char       *path,
                                  JsonObject       *holder,
                                  gboolean          in_diagram)
{
  JsonNode *node = holder ? json_object_get_member (holder, "threats") : NULL;
  guint n = node && JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node)) : 0;
  const char *message;

  if (n == 0)
    message = in_diagram ? _("The data flow does not join two elements of its diagram; "
                             "it was left out")
                         : _("The data flow does not join two components of the file; "
                             "it was left out");
  else if (in_diagram)
    message = ngettext ("The data flow does not join two elements of its diagram; "
                        "it was left out, with its %u threat",
                        "The data flow does not join two elements of its diagram; "
                        "it was left out, with its %u threats", n);
  else
    message = ngettext ("The data flow does not join two components of the file; "
                        "it was left out, with its %u threat",
                        "The data flow does not join two components of the file; "
                        "it was left out, with its %u threats", n);

  moat_import_report_add (reader->report, MOAT_IMPORT_ISSUE_SKIPPED, path, NULL, message, n);
}


static double
distance_to (MoatElement *element,
             double       x,
             double       y)
{
  double left = moat_element_get_x (element), top = moat_element_get_y (element);
  double dx = MAX (MAX (left - x, 0), x - (left + moat_element_get_width (element)));
  double dy = MAX (MAX (top - y, 0), y - (top + moat_element_get_height (element)));

  return hypot (dx, dy);
}

/**
 * moat_format_nearest_element:
 * @diagram_id: (nullable): only elements of this diagram
 * @budget: the distance tests left; each call spends one per element
 *
 * Where to attach a loose flow end: the element of @elements nearest to
 * (@x, @y) and no further than @within. Nothing once @budget is spent, so
 * that a hostile file of many loose ends stays fast.
 *
 * Returns: (transfer none) (nullable): the element
 */
MoatElement *
moat_format_nearest_element (GPtrArray  *elements,
                             const char *diagram_id,
                             double      x,
                             double      y,
                             double      within,
                             gint64     *budget)
{
  MoatElement *best = NULL;
  double best_distance = within;

  if (*budget < (gint64)elements->len)
    return NULL;
  *budget -= elements->len;

  for (guint i = 0; i < elements->len; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);
      double d;

      if (diagram_id != NULL && g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) != 0)
        continue;
      d = distance_to (element, x, y);
      if (d <= best_distance)
        best = element, best_distance = d;
    }

  return best;
}
