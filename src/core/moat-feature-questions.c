/* moat-feature-questions.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-error.h"
#include "moat-feature-questions.h"
#include "moat-json.h"
#include "moat-limits.h"
#include "moat-rule-set.h"

#define QUESTIONS_RESOURCE "/io/github/moatmodel/Moat/feature-check/questions.json"

struct _MoatFeatureQuestions
{
  GObject     parent_instance;

  GPtrArray  *items; /* MoatFeatureQuestion */
  GHashTable *by_id;
};

G_DEFINE_FINAL_TYPE (MoatFeatureQuestions, moat_feature_questions, G_TYPE_OBJECT)

static const char * const file_members[] = { "version", "comment", "questions", NULL };
static const char * const question_members[] = { "id", "question", "help", "update", NULL };

static void
question_free (MoatFeatureQuestion *question)
{
  g_free (question->id);
  g_free (question->question);
  g_free (question->help);
  g_free (question->update);
  g_free (question);
}

static void
moat_feature_questions_finalize (GObject *object)
{
  MoatFeatureQuestions *self = MOAT_FEATURE_QUESTIONS (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_feature_questions_parent_class)->finalize (object);
}

static void
moat_feature_questions_class_init (MoatFeatureQuestionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_feature_questions_finalize;
}

static void
moat_feature_questions_init (MoatFeatureQuestions *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify)question_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

MoatFeatureQuestions *
moat_feature_questions_new (void)
{
  return g_object_new (MOAT_TYPE_FEATURE_QUESTIONS, NULL);
}

static gboolean
id_is_valid (const char *id)
{
  if (id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
get_text (JsonObject  *object,
          const char  *member,
          gboolean     required,
          const char **text)
{
  JsonNode *node = json_object_get_member (object, member);

  *text = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return !required;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *text = json_node_get_string (node);
  return !required || (*text)[0] != '\0';
}

static char *
maybe_translate (const char *text,
                 gboolean    translate)
{
  if (text == NULL)
    return NULL;
  return g_strdup (translate ? g_dgettext (GETTEXT_PACKAGE, text) : text);
}

static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               const char         *source,
               const char         *where,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return moat_error_set_invalid (error, source, _("%s: unknown member “%s”"), where, (char *)l->data);
  return TRUE;
}

static MoatFeatureQuestion *
parse_question (MoatFeatureQuestions *self,
                JsonNode             *node,
                guint                 index,
                const char           *source,
                gboolean              translate,
                GError              **error)
{
  g_autofree char *where = g_strdup_printf (_("question %u"), index + 1);
  const char *id, *question, *help, *update;
  JsonObject *object;
  MoatFeatureQuestion *item;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return moat_error_set_invalid (error, source, _("%s: a question is an object"), where), NULL;
  object = json_node_get_object (node);
  if (!check_members (object, question_members, source, where, error))
    return NULL;
  if (!get_text (object, "id", TRUE, &id) || !id_is_valid (id))
    return moat_error_set_invalid (error, source,
                                   _("%s: “id” must be letters, digits and “-”, at most 64"), where), NULL;
  if (g_hash_table_contains (self->by_id, id))
    return moat_error_set_invalid (error, source, _("%s: the id “%s” is already used"), where, id), NULL;
  if (!get_text (object, "question", TRUE, &question) ||
      !get_text (object, "help", FALSE, &help) || !get_text (object, "update", FALSE, &update))
    return moat_error_set_invalid (error, source,
                                   _("%s: “question” must be text, “help” and “update” text or absent"),
                                   where), NULL;
  if (strlen (question) > MOAT_TEXT_SHORT_MAX)
    return moat_error_set_invalid (error, source, _("%s: the question is too long"), where), NULL;

  item = g_new0 (MoatFeatureQuestion, 1);
  item->id = g_strdup (id);
  item->question = maybe_translate (question, translate);
  item->help = maybe_translate (help, translate);
  item->update = maybe_translate (update, translate);
  return item;
}

static JsonArray *
parse_header (JsonNode    *root,
              const char  *source,
              GError     **error)
{
  JsonObject *object;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return moat_error_set_invalid (error, source, _("a questions file is an object with a list of “questions”")), NULL;
  object = json_node_get_object (root);
  if (!check_members (object, file_members, source, _("the file"), error))
    return NULL;
  node = json_object_get_member (object, "version");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64))
    return moat_error_set_invalid (error, source, _("“version” must be a whole number")), NULL;
  if (node != NULL && json_node_get_int (node) > MOAT_FEATURE_QUESTIONS_FORMAT_VERSION)
    return moat_error_set_invalid (error, source,
                                   _("the questions are for a newer version of Moat (format %d)"),
                                   (int)json_node_get_int (node)), NULL;
  node = json_object_get_member (object, "questions");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return moat_error_set_invalid (error, source, _("“questions” must be a list of questions")), NULL;
  return json_node_get_array (node);
}

/**
 * moat_feature_questions_load_data:
 * @translate: whether the texts are Moat's own, with translations
 *
 * Adds the questions of one file after those already loaded. Nothing is
 * added when the file has an error.
 */
gboolean
moat_feature_questions_load_data (MoatFeatureQuestions *self,
                                  const char           *data,
                                  gssize                length,
                                  const char           *source,
                                  gboolean              translate,
                                  GError              **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify)question_free);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *questions;

  g_return_val_if_fail (MOAT_IS_FEATURE_QUESTIONS (self), FALSE);

  if (!(root = moat_json_parse_untrusted (data, length, error)))
    return g_prefix_error (error, "%s: ", source), FALSE;
  if (!(questions = parse_header (root, source, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      MoatFeatureQuestion *item = parse_question (self, json_array_get_element (questions, i),
                                                  i, source, translate, error);

      if (item == NULL)
        return FALSE;
      for (guint j = 0; j < parsed->len; j++)
        if (g_str_equal (((MoatFeatureQuestion *)g_ptr_array_index (parsed, j))->id, item->id))
          {
            moat_error_set_invalid (error, source, _("question %u: the id “%s” is already used"), i + 1, item->id);
            return question_free (item), FALSE;
          }
      g_ptr_array_add (parsed, item);
    }

  for (guint i = 0; i < parsed->len; i++)
    {
      MoatFeatureQuestion *item = g_ptr_array_index (parsed, i);

      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->by_id, item->id, item);
    }
  g_ptr_array_set_free_func (parsed, NULL);
  return TRUE;
}

/* $XDG_CONFIG_HOME/moat/feature-check.json */
char *
moat_feature_questions_get_user_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "moat", "feature-check.json", NULL);
}

static gboolean
load_user_file (MoatFeatureQuestions  *self,
                GError               **error)
{
  g_autofree char *path = moat_feature_questions_get_user_path ();
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }
  return moat_feature_questions_load_data (self, data, length, path, FALSE, error);
}

/**
 * moat_feature_questions_new_default:
 * @error: set when the person's own file could not be read; Moat's
 *   questions are there all the same
 *
 * Returns: (transfer full): Moat's questions, then the person's own
 */
MoatFeatureQuestions *
moat_feature_questions_new_default (GError **error)
{
  g_autoptr(MoatFeatureQuestions) self = moat_feature_questions_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (moat_core_resource (), QUESTIONS_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &length);
  /* The tests load this file: an error in it is a bug in Moat. */
  if (!moat_feature_questions_load_data (self, data, length, QUESTIONS_RESOURCE, TRUE, &local_error))
    g_critical ("Built-in feature check questions: %s", local_error->message);

  load_user_file (self, error);
  return g_steal_pointer (&self);
}

guint
moat_feature_questions_get_n_items (MoatFeatureQuestions *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_QUESTIONS (self), 0);

  return self->items->len;
}

const MoatFeatureQuestion *
moat_feature_questions_get_item (MoatFeatureQuestions *self,
                                 guint                 position)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_QUESTIONS (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

const MoatFeatureQuestion *
moat_feature_questions_lookup (MoatFeatureQuestions *self,
                               const char           *id)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_QUESTIONS (self), NULL);

  return g_hash_table_lookup (self->by_id, id);
}
