/* moat-rule-set.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-error.h"
#include "moat-json.h"
#include "moat-rule-set.h"
#include "moat-core-resources.h"

struct _MoatRuleSet
{
  GObject     parent_instance;

  GPtrArray  *rules;  /* of MoatRule, in the order loaded */
  GHashTable *by_id;  /* id -> MoatRule */
  GHashTable *origin; /* id -> where it was loaded from */
  GHashTable *builtin_sets; /* names of the sets Moat ships */
};

G_DEFINE_FINAL_TYPE (MoatRuleSet, moat_rule_set, G_TYPE_OBJECT)

static const char *builtin_files[] = { "stride.json", "context.json", "linddun.json" };
static const char *file_members[] = { "version", "set", "rules", "comment", NULL };

static void
moat_rule_set_finalize (GObject *object)
{
  MoatRuleSet *self = (MoatRuleSet *)object;

  g_ptr_array_unref (self->rules);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->origin);
  g_hash_table_unref (self->builtin_sets);

  G_OBJECT_CLASS (moat_rule_set_parent_class)->finalize (object);
}

static void
moat_rule_set_class_init (MoatRuleSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_rule_set_finalize;
}

static void
moat_rule_set_init (MoatRuleSet *self)
{
  self->rules = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->origin = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->builtin_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

MoatRuleSet *
moat_rule_set_new (void)
{
  return g_object_new (MOAT_TYPE_RULE_SET, NULL);
}

static gboolean
check_header (JsonObject  *root,
              const char  *source,
              const char **default_set,
              JsonArray  **rules,
              GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (root);
  JsonNode *node;

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (file_members, l->data))
      return moat_error_set_invalid (error, source,
                                     _("unknown member “%s” (version, set, rules or comment)"),
                                     (char *)l->data);

  node = json_object_get_member (root, "version");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) ||
                       json_node_get_value_type (node) != G_TYPE_INT64 ||
                       json_node_get_int (node) < 1))
    return moat_error_set_invalid (error, source, _("“version” must be a whole number"));
  if (node != NULL && json_node_get_int (node) > MOAT_RULES_FORMAT_VERSION)
    return moat_error_set_invalid (error, source,
                                   _("the rules are for a newer version of Moat (format %d)"),
                                   (int)json_node_get_int (node));

  node = json_object_get_member (root, "set");
  *default_set = NULL;
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
    return moat_error_set_invalid (error, source, _("“set” must be text"));
  if (node != NULL)
    *default_set = json_node_get_string (node);

  node = json_object_get_member (root, "rules");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return moat_error_set_invalid (error, source, _("“rules” must be a list of rules"));
  *rules = json_node_get_array (node);

  return TRUE;
}

typedef struct
{
  int     depth;
  GArray *lines;
  JsonParser *parser;
} LineFinder;

static void
on_object_start (JsonParser *parser,
                 LineFinder *finder)
{
  /* The file is an object, its rules the objects one level down. */
  if (++finder->depth == 2)
    {
      guint line = json_parser_get_current_line (parser);
      g_array_append_val (finder->lines, line);
    }
}

static void
on_object_end (JsonParser *parser,
               JsonObject *object,
               LineFinder *finder)
{
  finder->depth--;
}

/* The line where rule @index starts. JSON nodes do not remember where
 * they came from, so this parses the text again, which only a broken
 * file costs. Returns 0 when it cannot tell. */
static guint
find_rule_line (const char *data,
                gssize      length,
                guint       index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  LineFinder finder = { 0, lines, parser };

  g_signal_connect (parser, "object-start", G_CALLBACK (on_object_start), &finder);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), &finder);
  if (!json_parser_load_from_data (parser, data, length, NULL))
    return 0;

  return index < lines->len ? g_array_index (lines, guint, index) : 0;
}

static const char *
peek_id (JsonNode *node)
{
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  id = json_object_get_member (json_node_get_object (node), "id");
  if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (id);
}

typedef struct
{
  const char *data;
  gssize      length;
  const char *source;
} Origin;

static gboolean
rule_error (GError       **error,
            const Origin  *origin,
            guint          index,
            const char    *id,
            const char    *message)
{
  guint line = find_rule_line (origin->data, origin->length, index);
  g_autofree char *where = line > 0 ? g_strdup_printf ("%s:%u", origin->source, line)
                                    : g_strdup (origin->source);

  if (id != NULL)
    /* TRANSLATORS: "rules.json:12: rule “web.xss”: when.all[1]: unknown property “foo”" */
    g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("%s: rule “%s”: %s"), where, id, message);
  else
    g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("%s: rule %u: %s"), where, index + 1, message);
  return FALSE;
}

/* Reads every rule of one file before keeping any: a file with a broken
 * rule adds nothing, so a half-loaded file never changes suggestions. */
static GPtrArray *
parse_rules (MoatRuleSet   *self,
             JsonArray     *array,
             const Origin  *origin,
             const char    *default_set,
             gboolean       translate,
             GError       **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = peek_id (node);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *message = NULL;
      MoatRule *rule;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return rule_error (error, origin, i, NULL, _("a rule is an object")), NULL;
      if (g_hash_table_contains (seen, id ? id : ""))
        return rule_error (error, origin, i, id, _("the id is used twice in this file")), NULL;
      if (id != NULL && g_hash_table_contains (self->by_id, id))
        {
          message = g_strdup_printf (_("the id is already used by a rule in %s"),
                                     (char *)g_hash_table_lookup (self->origin, id));
          return rule_error (error, origin, i, id, message), NULL;
        }

      rule = moat_rule_new_from_json (json_node_get_object (node), default_set, translate, &local_error);
      if (rule == NULL)
        return rule_error (error, origin, i, id, local_error->message), NULL;

      g_hash_table_add (seen, (char *)moat_rule_get_id (rule));
      g_ptr_array_add (parsed, rule);
    }

  return g_steal_pointer (&parsed);
}

/**
 * moat_rule_set_load_data:
 * @source: where the data comes from, for messages (a file name)
 * @translate: whether the texts are Moat's own, with translations
 *
 * Adds the rules of one rules file. On error nothing is added and @error
 * names the file, the line and id of the rule, where in the rule the
 * problem is and what it is.
 */
gboolean
moat_rule_set_load_data (MoatRuleSet  *self,
                         const char   *data,
                         gssize        length,
                         const char   *source,
                         gboolean      translate,
                         GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  Origin origin = { data, length, source };
  const char *default_set = NULL;
  JsonArray *rules = NULL;

  g_return_val_if_fail (MOAT_IS_RULE_SET (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!(root = moat_json_parse_untrusted (data, length, &local_error)))
    {
      /* json-glib says where, but calls the file "<data>". */
      const char *at = strstr (local_error->message, "<data>:");

      if (at != NULL)
        g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, "%s:%s", source, at + strlen ("<data>:"));
      else
        g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, "%s: %s", source, local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return moat_error_set_invalid (error, source, _("a rules file is an object with a list of “rules”"));
  if (!check_header (json_node_get_object (root), source, &default_set, &rules, error))
    return FALSE;
  /* A person's rules are in the set of their own unless they say so. */
  if (default_set == NULL && !translate)
    default_set = MOAT_RULE_SET_CUSTOM;
  if (!(parsed = parse_rules (self, rules, &origin, default_set, translate, error)))
    return FALSE;

  for (guint i = 0; i < parsed->len; i++)
    {
      MoatRule *rule = g_ptr_array_index (parsed, i);

      g_ptr_array_add (self->rules, g_object_ref (rule));
      g_hash_table_insert (self->by_id, (char *)moat_rule_get_id (rule), rule);
      g_hash_table_insert (self->origin, (char *)moat_rule_get_id (rule), g_strdup (source));
      if (translate)
        g_hash_table_add (self->builtin_sets, g_strdup (moat_rule_get_set (rule)));
    }

  return TRUE;
}

gboolean
moat_rule_set_load_file (MoatRuleSet  *self,
                         GFile        *file,
                         GError      **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (MOAT_IS_RULE_SET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, MOAT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? MOAT_ERROR_NOT_FOUND : MOAT_ERROR_FAILED,
                   "%s: %s", name, local_error->message);
      return FALSE;
    }

  return moat_rule_set_load_data (self, data, length, name, FALSE, error);
}

/* The resource is registered by hand, once: a constructor in a static
 * library is dropped by the linker when nothing else in its file is used. */
GResource *
moat_core_resource (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      moat_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  return moat_core_get_resource ();
}

/* Rules shipped with Moat, compiled into the core: their texts are
 * translated. */
gboolean
moat_rule_set_load_resource (MoatRuleSet  *self,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (MOAT_IS_RULE_SET (self), FALSE);

  bytes = g_resource_lookup_data (moat_core_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_FOUND, "%s: %s", path, local_error->message);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  return moat_rule_set_load_data (self, data, length, path, TRUE, error);
}

/**
 * moat_rule_set_new_builtin:
 *
 * The rules that come with Moat: STRIDE per element, the context rules
 * and LINDDUN. The tests load every one of them, so failing to load one
 * is a bug in Moat, not something a person can fix.
 */
MoatRuleSet *
moat_rule_set_new_builtin (void)
{
  MoatRuleSet *self = moat_rule_set_new ();

  for (guint i = 0; i < G_N_ELEMENTS (builtin_files); i++)
    {
      g_autofree char *path = g_strconcat (MOAT_RULES_RESOURCE_PATH, builtin_files[i], NULL);
      g_autoptr(GError) error = NULL;

      if (!moat_rule_set_load_resource (self, path, &error))
        g_critical ("Built-in rules: %s", error->message);
    }

  return self;
}

/* $XDG_CONFIG_HOME/moat/rules.json */
char *
moat_rule_set_get_user_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "moat", "rules.json", NULL);
}

/* $XDG_CONFIG_HOME/moat/rules: a team's further rule files */
char *
moat_rule_set_get_user_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "moat", "rules", NULL);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * moat_rule_set_list_user_files:
 *
 * Returns: (transfer full) (element-type filename): the person's rule
 *   files that exist: moat_rule_set_get_user_path(), then every *.json in
 *   moat_rule_set_get_user_dir() in name order
 */
GPtrArray *
moat_rule_set_list_user_files (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *single = moat_rule_set_get_user_path ();
  g_autofree char *folder = moat_rule_set_get_user_dir ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (g_file_test (single, G_FILE_TEST_EXISTS))
    g_ptr_array_add (paths, g_steal_pointer (&single));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (more, g_build_filename (folder, name, NULL));
  g_ptr_array_sort (more, compare_paths);
  g_ptr_array_extend_and_steal (paths, g_steal_pointer (&more));

  return paths;
}

/**
 * moat_rule_set_load_user:
 *
 * Adds a person's own rules, from moat_rule_set_list_user_files(). No
 * such file is no error; a broken one adds no rule at all and costs no
 * other file.
 *
 * Returns: %FALSE, with every broken file's message, one a line, when a
 *   file did not load
 */
gboolean
moat_rule_set_load_user (MoatRuleSet  *self,
                         GError      **error)
{
  g_autoptr(GPtrArray) paths = moat_rule_set_list_user_files ();
  g_autoptr(GString) messages = g_string_new (NULL);

  g_return_val_if_fail (MOAT_IS_RULE_SET (self), FALSE);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths->pdata[i]);
      g_autoptr(GError) local_error = NULL;

      if (!moat_rule_set_load_file (self, file, &local_error) &&
          !g_error_matches (local_error, MOAT_ERROR, MOAT_ERROR_NOT_FOUND))
        g_string_append_printf (messages, "%s%s", messages->len > 0 ? "\n" : "", local_error->message);
    }

  if (messages->len == 0)
    return TRUE;
  g_set_error_literal (error, MOAT_ERROR, MOAT_ERROR_INVALID, messages->str);
  return FALSE;
}

/**
 * moat_rule_set_new_default:
 * @user_error: (nullable): where to report a problem with the person's own
 *   rules file
 *
 * Returns: (transfer full): the built-in rules and, if they load, the
 *   person's own. A broken rules file never costs the built-in rules.
 */
MoatRuleSet *
moat_rule_set_new_default (GError **user_error)
{
  MoatRuleSet *self = moat_rule_set_new_builtin ();

  moat_rule_set_load_user (self, user_error);
  return self;
}

guint
moat_rule_set_get_n_rules (MoatRuleSet *self)
{
  g_return_val_if_fail (MOAT_IS_RULE_SET (self), 0);

  return self->rules->len;
}

/* Returns: (transfer none) */
MoatRule *
moat_rule_set_get_rule (MoatRuleSet *self,
                        guint        position)
{
  g_return_val_if_fail (MOAT_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (position < self->rules->len, NULL);

  return g_ptr_array_index (self->rules, position);
}

/* Returns: (transfer none) (nullable) */
MoatRule *
moat_rule_set_lookup (MoatRuleSet *self,
                      const char  *id)
{
  g_return_val_if_fail (MOAT_IS_RULE_SET (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->by_id, id) : NULL;
}

/* Returns: (nullable): the file or resource @id was loaded from */
const char *
moat_rule_set_get_origin (MoatRuleSet *self,
                          const char  *id)
{
  g_return_val_if_fail (MOAT_IS_RULE_SET (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->origin, id) : NULL;
}

/* Whether @set comes with Moat (and so a model names it to switch it
 * on), rather than from a person's own files. */
gboolean
moat_rule_set_is_builtin_set (MoatRuleSet *self,
                              const char  *set)
{
  g_return_val_if_fail (MOAT_IS_RULE_SET (self), FALSE);

  return set != NULL && g_hash_table_contains (self->builtin_sets, set);
}

/* Returns: (transfer full): the names of the sets, in the order their
 * first rule was loaded */
GStrv
moat_rule_set_list_sets (MoatRuleSet *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (MOAT_IS_RULE_SET (self), NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const char *set = moat_rule_get_set (g_ptr_array_index (self->rules, i));

      if (g_hash_table_add (seen, (char *)set))
        g_strv_builder_add (builder, set);
    }

  return g_strv_builder_end (builder);
}
