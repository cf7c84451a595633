/* moat-catalogue.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-catalogue.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-json.h"
#include "moat-rule-set.h"

typedef struct
{
  char          *id;
  char          *title;
  guint          kinds;
  MoatCondition *condition;
} Topic;

typedef struct
{
  char *id;
  char *title;
  char *chapter; /* sections only */
  int   topic;
} Heading;

struct _MoatCatalogue
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *release;
  char       *attribution;
  char       *url;
  char       *source;
  GArray     *levels;        /* int */
  GPtrArray  *topics;        /* Topic */
  GPtrArray  *requirements;  /* MoatRequirement */
  GHashTable *by_id;         /* id -> MoatRequirement */
};

G_DEFINE_FINAL_TYPE (MoatCatalogue, moat_catalogue, G_TYPE_OBJECT)

static const char *file_members[] = {
  "version", "id", "title", "release", "url", "licence", "attribution", "levels",
  "topics", "chapters", "sections", "requirements", "comment", NULL
};

static void
topic_free (gpointer data)
{
  Topic *topic = data;

  g_free (topic->id);
  g_free (topic->title);
  g_clear_pointer (&topic->condition, moat_condition_free);
  g_free (topic);
}

static void
heading_free (gpointer data)
{
  Heading *heading = data;

  g_free (heading->id);
  g_free (heading->title);
  g_free (heading->chapter);
  g_free (heading);
}

static void
requirement_free (gpointer data)
{
  MoatRequirement *requirement = data;

  g_free (requirement->id);
  g_free (requirement->title);
  g_free (requirement->section_id);
  g_free (requirement->section_title);
  g_free (requirement->chapter_id);
  g_free (requirement->chapter_title);
  g_free (requirement);
}

static void
moat_catalogue_finalize (GObject *object)
{
  MoatCatalogue *self = (MoatCatalogue *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->release);
  g_free (self->attribution);
  g_free (self->url);
  g_free (self->source);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->requirements, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_catalogue_parent_class)->finalize (object);
}

static void
moat_catalogue_class_init (MoatCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_catalogue_finalize;
}

static void
moat_catalogue_init (MoatCatalogue *self)
{
  self->levels = g_array_new (FALSE, FALSE, sizeof (int));
  self->topics = g_ptr_array_new_with_free_func (topic_free);
  self->requirements = g_ptr_array_new_with_free_func (requirement_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Parsing ---------------------------------------------------------- */

typedef struct
{
  const char *data;
  gssize      length;
  const char *source;
} Origin;

/* JSON nodes do not remember their line: scan the text for item @index
 * of the list @list. Only a broken file pays for this. Returns 0 when it
 * cannot tell. */
static guint
find_line (const Origin *origin,
           const char   *list,
           guint         index)
{
  gsize length = origin->length < 0 ? strlen (origin->data) : (gsize)origin->length;
  g_autofree char *key = g_strdup_printf ("\"%s\"", list);
  const char *end = origin->data + length;
  const char *p = g_strstr_len (origin->data, length, key);
  gboolean in_string = FALSE;
  int depth = 0;
  guint items = 0;
  guint line = 1;

  if (p == NULL || (p = memchr (p, '[', end - p)) == NULL)
    return 0;
  for (const char *q = origin->data; q < p; q++)
    line += *q == '\n';

  for (; p < end; p++)
    {
      line += *p == '\n';
      if (in_string)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (depth == 1 && items++ == index)
            return line;
          depth++;
        }
      else if ((*p == ']' || *p == '}') && --depth == 0)
        break;
    }

  return 0;
}

static gboolean
item_error (GError       **error,
            const Origin  *origin,
            const char    *list,
            const char    *kind,
            guint          index,
            const char    *id,
            const char    *message)
{
  guint line = find_line (origin, list, index);
  g_autofree char *where = line > 0 ? g_strdup_printf ("%s:%u", origin->source, line)
                                    : g_strdup (origin->source);

  if (id != NULL)
    /* TRANSLATORS: "acme.json:12: requirement “AC.1.1”: “level” must be …" */
    g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("%s: %s “%s”: %s"), where, kind, id, message);
  else
    g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("%s: %s %u: %s"), where, kind, index + 1, message);
  return FALSE;
}

static gboolean
file_error (GError     **error,
            const char  *source,
            const char  *message)
{
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, "%s: %s", source, message);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_valid_id (const char *id,
             const char *extra)
{
  if (id == NULL || !g_ascii_isalnum (id[0]))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;

  return TRUE;
}

static JsonArray *
get_list (JsonObject *root,
          const char *member,
          gboolean   *ok)
{
  JsonNode *node = json_object_get_member (root, member);

  *ok = node == NULL || JSON_NODE_HOLDS_ARRAY (node);
  return node != NULL && *ok ? json_node_get_array (node) : NULL;
}

static int
find_topic (MoatCatalogue *self,
            const char    *id)
{
  for (guint i = 0; id != NULL && i < self->topics->len; i++)
    if (g_str_equal (((Topic *)self->topics->pdata[i])->id, id))
      return (int)i;
  return -1;
}

/* An item's "topic": absent (inherit), or the id of a topic. */
static gboolean
get_topic (MoatCatalogue *self,
           JsonObject    *object,
           int           *topic,
           const char   **message)
{
  JsonNode *node = json_object_get_member (object, "topic");
  const char *id = get_string (object, "topic");

  *topic = -1;
  if (node == NULL)
    return TRUE;
  if (id == NULL || (*topic = find_topic (self, id)) < 0)
    return *message = _("“topic” must be the id of one of the catalogue’s topics"), FALSE;
  return TRUE;
}

static gboolean
parse_kinds (JsonObject  *object,
             guint       *kinds)
{
  JsonNode *node = json_object_get_member (object, "applies_to");
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_ELEMENT_KIND);
  JsonArray *array;

  *kinds = 0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      GEnumValue *value = JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING
                        ? g_enum_get_value_by_nick (klass, json_node_get_string (item)) : NULL;

      if (value == NULL || value->value == MOAT_ELEMENT_NOTE)
        return FALSE;
      *kinds |= 1u << value->value;
    }

  return *kinds != 0;
}

static gboolean
parse_topics (MoatCatalogue  *self,
              JsonArray      *array,
              const Origin   *origin,
              GError        **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = get_string (object, "id");
      g_autoptr(GError) local_error = NULL;
      Topic *topic;

      if (!is_valid_id (id, "._-"))
        return item_error (error, origin, "topics", _("topic"), i, NULL,
                           _("“id” must be text of letters, digits and . _ -"));
      if (find_topic (self, id) >= 0)
        return item_error (error, origin, "topics", _("topic"), i, id, _("the id is used twice"));

      topic = g_new0 (Topic, 1);
      topic->id = g_strdup (id);
      topic->title = g_strdup (get_string (object, "title") ?: id);
      g_ptr_array_add (self->topics, topic);
      if (!parse_kinds (object, &topic->kinds))
        return item_error (error, origin, "topics", _("topic"), i, id,
                           _("“applies_to” must be a list of element kinds (actor, process, store, flow, boundary)"));
      node = json_object_get_member (object, "when");
      if (node != NULL && !(topic->condition = moat_condition_parse (node, "when", &local_error)))
        return item_error (error, origin, "topics", _("topic"), i, id, local_error->message);
    }

  return TRUE;
}

static GPtrArray *
parse_headings (MoatCatalogue  *self,
                JsonArray      *array,
                const char     *list,
                const char     *kind,
                GHashTable     *chapters,
                const Origin   *origin,
                GError        **error)
{
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (heading_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = get_string (object, "id");
      const char *title = get_string (object, "title");
      const char *message = NULL;
      Heading *heading;

      if (id == NULL || *id == '\0')
        return item_error (error, origin, list, kind, i, NULL, _("“id” is missing")), NULL;
      if (title == NULL || *title == '\0')
        return item_error (error, origin, list, kind, i, id, _("“title” is missing")), NULL;

      heading = g_new0 (Heading, 1);
      heading->id = g_strdup (id);
      heading->title = g_strdup (title);
      g_ptr_array_add (headings, heading);
      if (!get_topic (self, object, &heading->topic, &message))
        return item_error (error, origin, list, kind, i, id, message), NULL;
      if (chapters != NULL)
        {
          heading->chapter = g_strdup (get_string (object, "chapter"));
          if (heading->chapter == NULL || !g_hash_table_contains (chapters, heading->chapter))
            return item_error (error, origin, list, kind, i, id,
                               _("“chapter” must be the id of one of the catalogue’s chapters")), NULL;
        }
    }

  return g_steal_pointer (&headings);
}

static GHashTable *
index_headings (GPtrArray *headings)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < headings->len; i++)
    g_hash_table_insert (index, ((Heading *)headings->pdata[i])->id, headings->pdata[i]);
  return index;
}

static gboolean
parse_requirements (MoatCatalogue  *self,
                    JsonArray      *array,
                    GHashTable     *chapters,
                    GHashTable     *sections,
                    const Origin   *origin,
                    GError        **error)
{
  const char *kind = _("requirement");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = get_string (object, "id");
      const char *section_id = get_string (object, "section");
      JsonNode *level = object ? json_object_get_member (object, "level") : NULL;
      const char *message = NULL;
      MoatRequirement *requirement;
      Heading *section = NULL;
      Heading *chapter = NULL;
      int topic;

      if (object == NULL)
        return item_error (error, origin, "requirements", kind, i, NULL, _("a requirement is an object"));
      if (!is_valid_id (id, "._-"))
        return item_error (error, origin, "requirements", kind, i, NULL,
                           _("“id” must be text of letters, digits and . _ -"));
      if (g_hash_table_contains (self->by_id, id))
        return item_error (error, origin, "requirements", kind, i, id, _("the id is used twice"));
      if (level == NULL || !JSON_NODE_HOLDS_VALUE (level) || json_node_get_value_type (level) != G_TYPE_INT64 ||
          !moat_catalogue_has_level (self, (int)json_node_get_int (level)))
        return item_error (error, origin, "requirements", kind, i, id,
                           _("“level” must be one of the catalogue’s “levels”"));
      if (json_object_get_member (object, "title") != NULL && get_string (object, "title") == NULL)
        return item_error (error, origin, "requirements", kind, i, id, _("“title” must be text"));
      if (json_object_get_member (object, "section") != NULL &&
          (section_id == NULL || !(section = g_hash_table_lookup (sections, section_id))))
        return item_error (error, origin, "requirements", kind, i, id,
                           _("“section” must be the id of one of the catalogue’s sections"));
      if (!get_topic (self, object, &topic, &message))
        return item_error (error, origin, "requirements", kind, i, id, message);

      if (section != NULL)
        chapter = g_hash_table_lookup (chapters, section->chapter);
      /* The nearest topic wins: the requirement's, its section's, its chapter's. */
      if (topic < 0 && section != NULL)
        topic = section->topic;
      if (topic < 0 && chapter != NULL)
        topic = chapter->topic;

      requirement = g_new0 (MoatRequirement, 1);
      requirement->id = g_strdup (id);
      requirement->level = (int)json_node_get_int (level);
      requirement->title = g_strdup (get_string (object, "title"));
      requirement->section_id = g_strdup (section ? section->id : NULL);
      requirement->section_title = g_strdup (section ? section->title : NULL);
      requirement->chapter_id = g_strdup (chapter ? chapter->id : NULL);
      requirement->chapter_title = g_strdup (chapter ? chapter->title : NULL);
      requirement->topic = topic;
      g_ptr_array_add (self->requirements, requirement);
      g_hash_table_insert (self->by_id, requirement->id, requirement);
    }

  return TRUE;
}

static gboolean
parse_levels (MoatCatalogue *self,
              JsonObject    *root)
{
  JsonNode *node = json_object_get_member (root, "levels");
  JsonArray *array;

  if (node == NULL)
    {
      int one = 1;
      g_array_append_val (self->levels, one);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (array = json_node_get_array (node)) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      int level;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_INT64 ||
          json_node_get_int (item) < 1 || json_node_get_int (item) > 100)
        return FALSE;
      level = (int)json_node_get_int (item);
      g_array_append_val (self->levels, level);
    }

  return TRUE;
}

static gboolean
parse_header (MoatCatalogue  *self,
              JsonObject     *root,
              const char     *source,
              GError        **error)
{
  g_autoptr(GList) members = json_object_get_members (root);
  JsonNode *node;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (file_members, l->data))
      {
        g_autofree char *message = g_strdup_printf (_("unknown member “%s”"), (char *)l->data);
        return file_error (error, source, message);
      }

  node = json_object_get_member (root, "version");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
                       json_node_get_int (node) < 1))
    return file_error (error, source, _("“version” must be a whole number"));
  if (node != NULL && json_node_get_int (node) > MOAT_CATALOGUE_FORMAT_VERSION)
    return file_error (error, source, _("the catalogue is for a newer version of Moat"));

  if (!is_valid_id (get_string (root, "id"), "._-"))
    return file_error (error, source, _("“id” must be text of letters, digits and . _ -"));
  if (get_string (root, "title") == NULL || *get_string (root, "title") == '\0')
    return file_error (error, source, _("“title” is missing"));
  if (!parse_levels (self, root))
    return file_error (error, source, _("“levels” must be a list of whole numbers from 1 to 100"));

  self->id = g_strdup (get_string (root, "id"));
  self->title = g_strdup (get_string (root, "title"));
  self->release = g_strdup (get_string (root, "release"));
  self->attribution = g_strdup (get_string (root, "attribution"));
  self->url = g_strdup (get_string (root, "url"));
  self->source = g_strdup (source);
  return TRUE;
}

/**
 * moat_catalogue_new_from_data:
 * @source: where the data comes from, for messages (a file name)
 *
 * Returns: (transfer full) (nullable): the catalogue, or %NULL with
 *   @error naming the file, the line and id of the item, and the problem
 */
MoatCatalogue *
moat_catalogue_new_from_data (const char  *data,
                              gssize       length,
                              const char  *source,
                              GError     **error)
{
  g_autoptr(MoatCatalogue) self = g_object_new (MOAT_TYPE_CATALOGUE, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) chapters = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) chapter_index = NULL;
  g_autoptr(GHashTable) section_index = NULL;
  Origin origin = { data, length, source };
  JsonObject *object;
  JsonArray *topics, *chapter_list, *section_list, *requirements;
  gboolean ok_topics, ok_chapters, ok_sections, ok_requirements;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  if (!(root = moat_json_parse_untrusted (data, length, &local_error)))
    {
      const char *at = strstr (local_error->message, "<data>:");

      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, "%s:%s", source,
                   at ? at + strlen ("<data>:") : local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return file_error (error, source, _("a catalogue is an object with a list of “requirements”")), NULL;

  object = json_node_get_object (root);
  if (!parse_header (self, object, source, error))
    return NULL;

  topics = get_list (object, "topics", &ok_topics);
  chapter_list = get_list (object, "chapters", &ok_chapters);
  section_list = get_list (object, "sections", &ok_sections);
  requirements = get_list (object, "requirements", &ok_requirements);
  if (!ok_topics || !ok_chapters || !ok_sections)
    return file_error (error, source, _("“topics”, “chapters” and “sections” must be lists")), NULL;
  if (!ok_requirements || requirements == NULL)
    return file_error (error, source, _("“requirements” must be a list of requirements")), NULL;

  if (!parse_topics (self, topics, &origin, error))
    return NULL;
  if (!(chapters = parse_headings (self, chapter_list, "chapters", _("chapter"), NULL, &origin, error)))
    return NULL;
  chapter_index = index_headings (chapters);
  if (!(sections = parse_headings (self, section_list, "sections", _("section"), chapter_index, &origin, error)))
    return NULL;
  section_index = index_headings (sections);
  if (!parse_requirements (self, requirements, chapter_index, section_index, &origin, error))
    return NULL;

  return g_steal_pointer (&self);
}

MoatCatalogue *
moat_catalogue_new_from_file (GFile   *file,
                              GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, MOAT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? MOAT_ERROR_NOT_FOUND
                                                                                  : MOAT_ERROR_FAILED,
                   "%s: %s", name, local_error->message);
      return NULL;
    }

  return moat_catalogue_new_from_data (data, length, name, error);
}

/* A catalogue compiled into the core, by file name ("asvs-5.0.json"). */
MoatCatalogue *
moat_catalogue_new_from_resource (const char  *name,
                                  GError     **error)
{
  g_autofree char *path = g_strconcat (MOAT_CATALOGUE_RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (moat_core_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_FOUND, "%s: %s", path, local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  return moat_catalogue_new_from_data (data, length, path, error);
}

/* Access ------------------------------------------------------------ */

const char *
moat_catalogue_get_id (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  return self->id;
}

const char *
moat_catalogue_get_title (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  return self->title;
}

/* (nullable) */
const char *
moat_catalogue_get_release (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  return self->release;
}

/* (nullable): the credit to show wherever the catalogue is shown */
const char *
moat_catalogue_get_attribution (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  return self->attribution;
}

/* (nullable) */
const char *
moat_catalogue_get_url (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  return self->url;
}

/* The file or resource it came from */
const char *
moat_catalogue_get_source (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  return self->source;
}

gboolean
moat_catalogue_has_level (MoatCatalogue *self,
                          int            level)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), FALSE);

  for (guint i = 0; i < self->levels->len; i++)
    if (g_array_index (self->levels, int, i) == level)
      return TRUE;
  return FALSE;
}

int
moat_catalogue_get_max_level (MoatCatalogue *self)
{
  int max = 0;

  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), 0);

  for (guint i = 0; i < self->levels->len; i++)
    max = MAX (max, g_array_index (self->levels, int, i));
  return max;
}

guint
moat_catalogue_get_n_requirements (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), 0);
  return self->requirements->len;
}

const MoatRequirement *
moat_catalogue_get_requirement (MoatCatalogue *self,
                                guint          position)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (position < self->requirements->len, NULL);
  return self->requirements->pdata[position];
}

/* (nullable) */
const MoatRequirement *
moat_catalogue_lookup (MoatCatalogue *self,
                       const char    *id)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/**
 * moat_catalogue_search:
 * @text: (nullable): words to find in the id, title, section or chapter;
 *   %NULL or "" finds every requirement
 * @max_level: the highest level to list, or 0 for all
 *
 * For a requirement picker.
 *
 * Returns: (transfer container) (element-type MoatRequirement): the
 *   requirements that match, in catalogue order
 */
GPtrArray *
moat_catalogue_search (MoatCatalogue *self,
                       const char    *text,
                       int            max_level)
{
  g_autofree char *needle = NULL;
  GPtrArray *found = g_ptr_array_new ();

  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), found);

  needle = g_utf8_casefold (text ? g_strstrip (g_strdup (text)) : "", -1);
  for (guint i = 0; i < self->requirements->len; i++)
    {
      MoatRequirement *requirement = self->requirements->pdata[i];

      if (max_level > 0 && requirement->level > max_level)
        continue;
      if (*needle == '\0' || contains_casefold (requirement->id, needle) ||
          contains_casefold (requirement->title, needle) ||
          contains_casefold (requirement->section_title, needle) ||
          contains_casefold (requirement->chapter_title, needle))
        g_ptr_array_add (found, requirement);
    }

  return found;
}

guint
moat_catalogue_get_n_topics (MoatCatalogue *self)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), 0);
  return self->topics->len;
}

const char *
moat_catalogue_get_topic_id (MoatCatalogue *self,
                             guint          topic)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (topic < self->topics->len, NULL);
  return ((Topic *)self->topics->pdata[topic])->id;
}

const char *
moat_catalogue_get_topic_title (MoatCatalogue *self,
                                guint          topic)
{
  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (topic < self->topics->len, NULL);
  return ((Topic *)self->topics->pdata[topic])->title;
}

/**
 * moat_catalogue_match_topics:
 * @context: a context for the model, which holds still meanwhile
 *
 * Which topics the model has: a topic is there when at least one element
 * in scope is of its kinds and meets its condition.
 *
 * Returns: (transfer full) (array): one flag per topic; g_free() it
 */
gboolean *
moat_catalogue_match_topics (MoatCatalogue   *self,
                             MoatRuleContext *context)
{
  GListModel *elements;
  gboolean *found;
  guint missing;

  g_return_val_if_fail (MOAT_IS_CATALOGUE (self), NULL);

  found = g_new0 (gboolean, self->topics->len + 1);
  missing = self->topics->len;
  elements = moat_model_get_list (moat_rule_context_get_model (context), MOAT_TYPE_ELEMENT);
  for (guint i = 0; missing > 0 && i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      guint kind_bit = 1u << moat_element_get_kind (element);

      if (moat_element_get_out_of_scope (element))
        continue;
      for (guint t = 0; t < self->topics->len; t++)
        {
          Topic *topic = self->topics->pdata[t];

          if (found[t] || !(topic->kinds & kind_bit))
            continue;
          if (topic->condition == NULL || moat_condition_evaluate (topic->condition, context, element))
            found[t] = TRUE, missing--;
        }
    }

  return found;
}

/* Returns: (transfer full): "V6.3.1 Defend against credential stuffing",
 * or with the section's name when the requirement has no title of its own */
char *
moat_requirement_describe (const MoatRequirement *requirement)
{
  g_return_val_if_fail (requirement != NULL, NULL);

  if (requirement->title != NULL)
    return g_strdup_printf ("%s %s", requirement->id, requirement->title);
  if (requirement->section_title != NULL)
    return g_strdup_printf ("%s (%s)", requirement->id, requirement->section_title);
  return g_strdup (requirement->id);
}
