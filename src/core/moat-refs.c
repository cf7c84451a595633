/* moat-refs.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-error.h"
#include "moat-refs.h"
#include "moat-rule-set.h"

typedef struct
{
  char *title;
  char *slug; /* OWASP pages have names, not numbers */
} RefEntry;

struct _MoatRefs
{
  GObject     parent_instance;

  GHashTable *entries; /* id -> RefEntry */
};

G_DEFINE_FINAL_TYPE (MoatRefs, moat_refs, G_TYPE_OBJECT)

static void
ref_entry_free (gpointer data)
{
  RefEntry *entry = data;

  g_free (entry->title);
  g_free (entry->slug);
  g_free (entry);
}

static void
moat_refs_finalize (GObject *object)
{
  MoatRefs *self = (MoatRefs *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (moat_refs_parent_class)->finalize (object);
}

static void
moat_refs_class_init (MoatRefsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_refs_finalize;
}

static void
moat_refs_init (MoatRefs *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, ref_entry_free);
}

MoatRefs *
moat_refs_new (void)
{
  return g_object_new (MOAT_TYPE_REFS, NULL);
}

static gboolean
all_digits (const char *p)
{
  if (*p == '\0' || *p == '0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/**
 * moat_ref_is_well_formed:
 *
 * Whether @id is written as Moat stores references: "CWE-" or "CAPEC-"
 * and a number without leading zeros, or "OWASP-A" two digits ":" year.
 */
gboolean
moat_ref_is_well_formed (const char *id)
{
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_str_has_prefix (id, "CWE-"))
    return strlen (id) <= 10 && all_digits (id + 4);
  if (g_str_has_prefix (id, "CAPEC-"))
    return strlen (id) <= 12 && all_digits (id + 6);
  if (g_str_has_prefix (id, "OWASP-A"))
    return strlen (id) == 14 && g_ascii_isdigit (id[7]) && g_ascii_isdigit (id[8]) &&
           id[9] == ':' && all_digits (id + 10);

  return FALSE;
}

/**
 * moat_ref_normalize:
 * @text: what a person typed: "cwe 79", "CWE-079", "capec:63", "A03:2021"
 *
 * Returns: (transfer full) (nullable): the reference as stored
 *   ("CWE-79"), or %NULL when @text is not one
 */
char *
moat_ref_normalize (const char *text)
{
  g_autofree char *upper = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;
  const char *scheme;
  char *ref;

  g_return_val_if_fail (text != NULL, NULL);

  upper = g_ascii_strup (g_strstrip (g_strdup (text)), -1);
  if (g_str_has_prefix (upper, "OWASP"))
    {
      p = upper + 5;
      while (*p == '-' || *p == ' ' || *p == ':')
        p++;
      ref = g_strconcat ("OWASP-", p, NULL);
    }
  else if (upper[0] == 'A' && g_ascii_isdigit (upper[1]))
    ref = g_strconcat ("OWASP-", upper, NULL);
  else
    {
      if (g_str_has_prefix (upper, "CWE"))
        scheme = "CWE-", p = upper + 3;
      else if (g_str_has_prefix (upper, "CAPEC"))
        scheme = "CAPEC-", p = upper + 5;
      else
        return NULL;
      while (*p == '-' || *p == ' ' || *p == ':')
        p++;
      while (*p == '0' && g_ascii_isdigit (p[1]))
        p++;
      g_string_append (digits, p);
      ref = g_strconcat (scheme, digits->str, NULL);
    }

  if (!moat_ref_is_well_formed (ref))
    g_clear_pointer (&ref, g_free);
  return ref;
}

/**
 * moat_requirement_ref_split:
 * @ref: a requirement as controls name it: "asvs:V6.3.1"
 *
 * Returns: whether @ref names a catalogue and a requirement
 */
gboolean
moat_requirement_ref_split (const char  *ref,
                            char       **catalogue,
                            char       **requirement)
{
  const char *colon;

  g_return_val_if_fail (ref != NULL, FALSE);

  colon = strchr (ref, ':');
  if (colon == NULL || colon == ref || colon[1] == '\0')
    return FALSE;

  if (catalogue != NULL)
    *catalogue = g_strndup (ref, colon - ref);
  if (requirement != NULL)
    *requirement = g_strdup (colon + 1);
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *message,
         guint        position)
{
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
               _("references: item %u: %s"), position + 1, message);
  return FALSE;
}

/**
 * moat_refs_load_data:
 *
 * Adds the references of a table in the format of
 * resources/knowledge/references.json. A broken table adds nothing.
 */
gboolean
moat_refs_load_data (MoatRefs    *self,
                     const char  *data,
                     gssize       length,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) loaded = g_ptr_array_new ();
  JsonNode *root;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (MOAT_IS_REFS (self), FALSE);

  if (!json_parser_load_from_data (parser, data, length, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), "references")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return g_set_error_literal (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                                _("references: “references” must be a list")), FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *id = object ? json_object_get_string_member_with_default (object, "id", NULL) : NULL;
      const char *title = object ? json_object_get_string_member_with_default (object, "title", NULL) : NULL;

      if (id == NULL || !moat_ref_is_well_formed (id))
        return invalid (error, _("“id” must be CWE-n, CAPEC-n or OWASP-Ann:year"), i);
      if (title == NULL || *title == '\0')
        return invalid (error, _("“title” is missing"), i);
      g_ptr_array_add (loaded, object);
    }

  for (guint i = 0; i < loaded->len; i++)
    {
      JsonObject *object = loaded->pdata[i];
      RefEntry *entry = g_new0 (RefEntry, 1);

      entry->title = g_strdup (json_object_get_string_member (object, "title"));
      entry->slug = g_strdup (json_object_get_string_member_with_default (object, "slug", NULL));
      g_hash_table_replace (self->entries, g_strdup (json_object_get_string_member (object, "id")), entry);
    }

  return TRUE;
}

MoatRefs *
moat_refs_new_builtin (void)
{
  g_autoptr(MoatRefs) self = moat_refs_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  bytes = g_resource_lookup_data (moat_core_resource (), MOAT_REFS_RESOURCE_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in references are missing: %s", error->message);

  data = g_bytes_get_data (bytes, &size);
  if (!moat_refs_load_data (self, data, size, &error))
    g_error ("The built-in references are broken: %s", error->message);

  return g_steal_pointer (&self);
}

/**
 * moat_refs_get_builtin:
 *
 * The bundled table, read once and shared: every suggestion row and
 * editor names references from it.
 *
 * Returns: (transfer none): the bundled references
 */
MoatRefs *
moat_refs_get_builtin (void)
{
  static MoatRefs *builtin;

  if (g_once_init_enter (&builtin))
    g_once_init_leave (&builtin, moat_refs_new_builtin ());
  return builtin;
}

/* Returns: (nullable): the short title of a known reference */
const char *
moat_refs_lookup_title (MoatRefs   *self,
                        const char *id)
{
  RefEntry *entry;

  g_return_val_if_fail (MOAT_IS_REFS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, id);
  return entry ? entry->title : NULL;
}

guint
moat_refs_get_n_refs (MoatRefs *self)
{
  g_return_val_if_fail (MOAT_IS_REFS (self), 0);

  return g_hash_table_size (self->entries);
}

/**
 * moat_refs_get_url:
 *
 * Returns: (transfer full) (nullable): the public page of @id, or %NULL
 *   when @id is not a well-formed reference
 */
char *
moat_refs_get_url (MoatRefs   *self,
                   const char *id)
{
  RefEntry *entry;

  g_return_val_if_fail (MOAT_IS_REFS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!moat_ref_is_well_formed (id))
    return NULL;
  if (g_str_has_prefix (id, "CWE-"))
    return g_strdup_printf ("https://cwe.mitre.org/data/definitions/%s.html", id + 4);
  if (g_str_has_prefix (id, "CAPEC-"))
    return g_strdup_printf ("https://capec.mitre.org/data/definitions/%s.html", id + 6);

  entry = g_hash_table_lookup (self->entries, id);
  if (entry != NULL && entry->slug != NULL)
    return g_strdup_printf ("https://owasp.org/Top10/%s/", entry->slug);
  return g_strdup ("https://owasp.org/Top10/");
}

/* Returns: (transfer full): "CWE-79 Cross-site scripting", or the id
 * alone for a reference the table does not know */
char *
moat_refs_describe (MoatRefs   *self,
                    const char *id)
{
  const char *title;

  g_return_val_if_fail (MOAT_IS_REFS (self), NULL);

  title = moat_refs_lookup_title (self, id);
  return title ? g_strdup_printf ("%s %s", id, title) : g_strdup (id);
}
