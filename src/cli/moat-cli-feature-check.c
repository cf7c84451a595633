/* moat-cli-feature-check.c: the ten-minute check at sprint planning
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records a feature check in a model: the answers come from flags or from
 * a JSON file, so a merge-request template or a CI job can fill them in.
 * A project file is changed through its store (locked, one transaction);
 * Moat JSON is rewritten whole, atomically.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "moat-cli.h"

typedef struct
{
  char  *title;
  char **yes;
  char **no;
  char  *answers_path;
  char  *reason;
  char **elements;
  char  *by;
  gboolean no_change;
  gboolean update_needed;
  gboolean questions;
  gboolean as_json;
  gboolean dry_run;
} Options;

typedef struct
{
  MoatFeatureQuestions *questions;
  gboolean             *yes;
  gboolean             *answered;
} Answers;

static void
options_clear (Options *o)
{
  g_free (o->title);
  g_strfreev (o->yes);
  g_strfreev (o->no);
  g_free (o->answers_path);
  g_free (o->reason);
  g_strfreev (o->elements);
  g_free (o->by);
}

static void
answers_clear (Answers *a)
{
  g_clear_object (&a->questions);
  g_clear_pointer (&a->yes, g_free);
  g_clear_pointer (&a->answered, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answers, answers_clear)

static gboolean
answer (Answers     *a,
        const char  *id,
        gboolean     yes,
        GError     **error)
{
  for (guint i = 0; i < moat_feature_questions_get_n_items (a->questions); i++)
    if (g_str_equal (moat_feature_questions_get_item (a->questions, i)->id, id))
      {
        if (a->answered[i] && a->yes[i] != yes)
          return moat_error_set_invalid (error, NULL, _("“%s” is answered both yes and no"), id);
        a->yes[i] = yes;
        a->answered[i] = TRUE;
        return TRUE;
      }
  return moat_error_set_invalid (error, NULL, _("there is no question “%s”; see “moat-cli feature-check --questions”"),
                                 id);
}

static gboolean
check_all_answered (Answers  *a,
                    GError  **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < moat_feature_questions_get_n_items (a->questions); i++)
    if (!a->answered[i])
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                              moat_feature_questions_get_item (a->questions, i)->id);
  if (missing->len == 0)
    return TRUE;
  /* A question left out is not a "no": the team has to say it. */
  return moat_error_set_invalid (error, NULL, _("not answered: %s (use --yes or --no)"), missing->str);
}

/* The answers file: {"title": …, "answers": {"new-data": true, …},
 * "outcome": "no-change" | "update-needed", "reason": …, "elements": […],
 * "checked_by": …}; flags given as well take precedence. */
static gboolean
read_text_member (JsonObject  *object,
                  const char  *name,
                  char       **target,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || *target != NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return moat_error_set_invalid (error, name, _("expected text"));
  *target = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_answer_members (JsonObject  *object,
                     Answers     *a,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, "answers");
  g_autoptr(GList) ids = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return moat_error_set_invalid (error, "answers", _("expected an object of question ids and true or false"));
  ids = json_object_get_members (json_node_get_object (node));
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (json_node_get_object (node), l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        return moat_error_set_invalid (error, "answers", _("“%s”: expected true or false"), (char *)l->data);
      if (!answer (a, l->data, json_node_get_boolean (value), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_outcome_member (JsonObject  *object,
                     Options     *o,
                     GError     **error)
{
  g_autofree char *outcome = NULL;

  if (!read_text_member (object, "outcome", &outcome, error))
    return FALSE;
  if (outcome == NULL || o->no_change || o->update_needed)
    return TRUE;
  o->no_change = g_str_equal (outcome, "no-change");
  o->update_needed = g_str_equal (outcome, "update-needed");
  if (!o->no_change && !o->update_needed)
    return moat_error_set_invalid (error, "outcome", _("expected “no-change” or “update-needed”"));
  return TRUE;
}

static gboolean
read_elements_member (JsonObject  *object,
                      Options     *o,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (object, "elements");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || o->elements != NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return moat_error_set_invalid (error, "elements", _("expected a list of element names or ids"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return moat_error_set_invalid (error, "elements", _("expected a list of element names or ids"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  o->elements = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_answers_file (Options  *o,
                   Answers  *a,
                   GError  **error)
{
  static const char * const members[] = {
    "title", "answers", "outcome", "reason", "elements", "checked_by", NULL
  };
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;
  gsize length;

  if (g_str_equal (o->answers_path, "-") ? !g_file_get_contents ("/dev/stdin", &data, &length, error)
                                         : !g_file_get_contents (o->answers_path, &data, &length, error))
    return FALSE;
  if (!(root = moat_json_parse_untrusted (data, length, error)))
    return g_prefix_error (error, "%s: ", o->answers_path), FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return moat_error_set_invalid (error, o->answers_path, _("expected an object")), FALSE;
  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (members, l->data))
      return moat_error_set_invalid (error, o->answers_path, _("unknown member “%s”"), (char *)l->data);

  return read_text_member (object, "title", &o->title, error) &&
         read_text_member (object, "reason", &o->reason, error) &&
         read_text_member (object, "checked_by", &o->by, error) &&
         read_answer_members (object, a, error) &&
         read_outcome_member (object, o, error) &&
         read_elements_member (object, o, error);
}

static gboolean
collect_answers (Options  *o,
                 Answers  *a,
                 GError  **error)
{
  guint n = moat_feature_questions_get_n_items (a->questions);

  a->yes = g_new0 (gboolean, n);
  a->answered = g_new0 (gboolean, n);
  for (guint i = 0; o->yes != NULL && o->yes[i] != NULL; i++)
    if (!answer (a, o->yes[i], TRUE, error))
      return FALSE;
  for (guint i = 0; o->no != NULL && o->no[i] != NULL; i++)
    if (!answer (a, o->no[i], FALSE, error))
      return FALSE;
  if (o->answers_path != NULL && !read_answers_file (o, a, error))
    return FALSE;
  if (o->no_change && o->update_needed)
    return moat_error_set_invalid (error, NULL, _("--no-change and --update-needed contradict each other"));
  return check_all_answered (a, error);
}

/* An element by id, or by name when exactly one element has it. */
static MoatElement *
find_element (MoatModel   *model,
              const char  *name,
              GError     **error)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  MoatElement *found = moat_model_lookup_typed (model, name, MOAT_TYPE_ELEMENT);
  guint n_found = found != NULL;

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (g_strcmp0 (moat_element_get_name (element), name) == 0)
        n_found++;
    }
  for (guint i = 0; n_found == 1 && found == NULL && i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (g_strcmp0 (moat_element_get_name (element), name) == 0)
        found = element;
    }
  if (n_found > 1)
    moat_error_set_invalid (error, NULL, _("%u elements are named “%s”; give the id instead"), n_found, name);
  else if (found == NULL)
    moat_error_set_invalid (error, NULL, _("the model has no element named “%s”"), name);
  return found;
}

static MoatFeatureCheck *
build_check (Options    *o,
             Answers    *a,
             MoatModel  *model,
             GError    **error)
{
  g_autoptr(MoatFeatureCheck) check = moat_feature_check_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) element_ids = NULL;
  GVariant *answers = moat_feature_check_build_answers (a->questions, a->yes);
  MoatFeatureOutcome outcome = moat_feature_check_suggest (answers);

  if (o->no_change || o->update_needed)
    outcome = o->no_change ? MOAT_FEATURE_NO_CHANGE : MOAT_FEATURE_UPDATE_NEEDED;
  for (guint i = 0; o->elements != NULL && o->elements[i] != NULL; i++)
    {
      MoatElement *element = find_element (model, o->elements[i], error);

      if (element == NULL)
        return g_variant_unref (g_variant_ref_sink (answers)), NULL;
      g_strv_builder_add (ids, moat_object_get_id (MOAT_OBJECT (element)));
    }
  element_ids = g_strv_builder_end (ids);
  g_object_set (check,
                "title", o->title,
                "answers", answers,
                "outcome", outcome,
                "reason", o->reason,
                "element-ids", element_ids,
                "checked-by", o->by,
                NULL);
  return g_steal_pointer (&check);
}

static void
print_questions_text (MoatFeatureQuestions *questions)
{
  for (guint i = 0; i < moat_feature_questions_get_n_items (questions); i++)
    {
      const MoatFeatureQuestion *q = moat_feature_questions_get_item (questions, i);

      printf ("%s\n  %s\n", q->id, q->question);
      if (q->help != NULL)
        printf ("  %s\n", q->help);
    }
}

static int
print_questions (MoatFeatureQuestions *questions,
                 gboolean              as_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  if (!as_json)
    return print_questions_text (questions), 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < moat_feature_questions_get_n_items (questions); i++)
    {
      const MoatFeatureQuestion *q = moat_feature_questions_get_item (questions, i);

      json_builder_begin_object (builder);
      moat_cli_json_add_string (builder, "id", q->id);
      moat_cli_json_add_string (builder, "question", q->question);
      moat_cli_json_add_string (builder, "help", q->help);
      moat_cli_json_add_string (builder, "update", q->update);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  text = moat_cli_json_text (builder);
  fputs (text, stdout);
  return 0;
}

/* What was recorded, and for an update what to change. */
static void
print_result (MoatFeatureCheck *check,
              Answers          *a,
              MoatModel        *model,
              gboolean          dry_run)
{
  g_autofree char *outcome = moat_feature_check_describe (check);
  const char * const *ids = moat_feature_check_get_element_ids (check);

  printf (dry_run ? _("Would record “%s”: %s\n") : _("Recorded “%s”: %s\n"),
          moat_feature_check_get_title (check), outcome);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    printf ("  %s\n", moat_element_get_name (moat_model_lookup (model, ids[i])));
  if (moat_feature_check_get_outcome (check) != MOAT_FEATURE_UPDATE_NEEDED)
    return;
  for (guint i = 0; i < moat_feature_questions_get_n_items (a->questions); i++)
    {
      const MoatFeatureQuestion *q = moat_feature_questions_get_item (a->questions, i);

      if (a->yes[i] && q->update != NULL)
        printf (_("To do: %s\n"), q->update);
    }
}

static void
print_result_json (MoatFeatureCheck *check,
                   gboolean          dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GEnumClass) outcomes = g_type_class_ref (MOAT_TYPE_FEATURE_OUTCOME);
  const char * const *ids = moat_feature_check_get_element_ids (check);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "recorded");
  json_builder_add_boolean_value (builder, !dry_run);
  moat_cli_json_add_string (builder, "id", moat_object_get_id (MOAT_OBJECT (check)));
  moat_cli_json_add_string (builder, "title", moat_feature_check_get_title (check));
  moat_cli_json_add_string (builder, "outcome",
                            g_enum_get_value (outcomes, moat_feature_check_get_outcome (check))->value_nick);
  moat_cli_json_add_string (builder, "reason", moat_feature_check_get_reason (check));
  json_builder_set_member_name (builder, "element_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  text = moat_cli_json_text (builder);
  fputs (text, stdout);
}

typedef struct
{
  MoatStore *store;  /* a project file, or NULL for Moat JSON */
  MoatModel *model;
  GFile     *file;
} Target;

static void
target_clear (Target *t)
{
  if (t->store != NULL)
    moat_store_close (t->store);
  g_clear_object (&t->store);
  g_clear_object (&t->model);
  g_clear_object (&t->file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static gboolean
open_target (const char  *path,
             gboolean     dry_run,
             Target      *t,
             GError     **error)
{
  t->file = g_file_new_for_commandline_arg (path);
  if (moat_format_file_is_project (t->file))
    {
      t->store = dry_run ? moat_store_open_read_only (t->file, error) : moat_store_open (t->file, error);
      if (t->store == NULL)
        return FALSE;
      t->model = g_object_ref (moat_store_get_model (t->store));
      return TRUE;
    }
  /* Only Moat's own JSON keeps feature checks: rewriting a Threat Dragon
   * or OTM file would lose what those formats cannot hold. */
  t->model = moat_format_import_file (t->file, MOAT_FORMAT_MOAT, NULL, error);
  if (t->model == NULL)
    return g_prefix_error (error, _("%s: a feature check is kept in a Moat project file or Moat JSON: "), path),
           FALSE;
  return TRUE;
}

static gboolean
save_target (Target  *t,
             GError **error)
{
  const GError *write_error;

  if (t->store == NULL)
    return moat_json_write_file (t->model, t->file, error);
  if ((write_error = moat_store_get_write_error (t->store)) != NULL)
    return g_propagate_error (error, g_error_copy (write_error)), FALSE;
  return TRUE;
}

static int
record (const char *path,
        Options    *o,
        Answers    *a)
{
  g_auto(Target) target = { 0 };
  g_autoptr(MoatFeatureCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  if (!open_target (path, o->dry_run, &target, &error) ||
      !(check = build_check (o, a, target.model, &error)))
    return moat_cli_fail (error);
  if (!moat_feature_check_add (target.model, check, &error) ||
      (!o->dry_run && !save_target (&target, &error)))
    return moat_cli_fail (error);

  if (o->as_json)
    print_result_json (check, o->dry_run);
  else
    print_result (check, a, target.model, o->dry_run);
  return 0;
}

int
moat_cli_feature_check (int    argc,
                        char **argv)
{
  g_auto(Options) o = { 0 };
  g_auto(Answers) a = { 0 };
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("The feature, such as its ticket and name"), N_("TEXT") },
    { "yes", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.yes, N_("Answer yes to a question (repeat)"), N_("ID") },
    { "no", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.no, N_("Answer no to a question (repeat)"), N_("ID") },
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &o.answers_path,
      N_("Read the answers from a JSON file, or - for standard input (see README.md)"), N_("FILE") },
    { "no-change", 0, 0, G_OPTION_ARG_NONE, &o.no_change, N_("Record that the model needs no change"), NULL },
    { "update-needed", 0, 0, G_OPTION_ARG_NONE, &o.update_needed,
      N_("Record that the model needs an update even if every answer is no"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, N_("Why (needed for --no-change after a yes)"), N_("TEXT") },
    { "element", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.elements,
      N_("An element the feature touches, by name or id (repeat)"), N_("NAME") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &o.by, N_("Who answered (default: your name)"), N_("NAME") },
    { "questions", 0, 0, G_OPTION_ARG_NONE, &o.questions, N_("List the questions and their ids, and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.as_json, N_("Write JSON"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &o.dry_run, N_("Check the answers but change nothing"), NULL },
    { NULL }
  };

  if (!moat_cli_begin (_("MODEL"),
                       _("Records a feature check in MODEL (a project file or Moat JSON): the questions a\n"
                         "team answers at sprint planning. Any “yes” means the model needs an update,\n"
                         "unless --no-change says why not."),
                       entries, MOAT_CLI_ARGS_ANY, &argc, &argv, &status))
    return status;

  a.questions = moat_feature_questions_new_default (&error);
  if (error != NULL)
    fprintf (stderr, _("moat-cli: warning: %s; using Moat’s questions only\n"), error->message);
  if (o.questions)
    return print_questions (a.questions, o.as_json);
  if (argc != 2)
    return moat_cli_fail_message (_("give one MODEL; see “%s --help”"), g_get_prgname ());

  g_clear_error (&error);
  if (!collect_answers (&o, &a, &error))
    return moat_cli_fail (error);
  return record (argv[1], &o, &a);
}
