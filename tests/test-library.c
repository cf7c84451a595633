/* test-library.c: the library's entries and which of them a model uses
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "moat-test-util.h"

static const char *acme_rules =
  "{\"set\": \"acme\", \"rules\": [\n"
  "{\"id\": \"acme.process\", \"title\": \"Acme process rule\", \"category\": \"S\",\n"
  " \"applies_to\": [\"process\"]}]}\n";

/* Line 3, where the second rule should start. */
static const char *broken_rules =
  "{\"rules\": [\n"
  "{\"id\": \"x.one\", \"title\": \"T\", \"category\": \"S\", \"applies_to\": [\"process\"]},\n"
  "{\"id\": \"x.two\" \"title\": \"T\"}]}\n";

static MoatLibraryEntry *
find_entry (GPtrArray       *entries,
            MoatLibraryKind  kind,
            const char      *id_or_title)
{
  for (guint i = 0; i < entries->len; i++)
    {
      MoatLibraryEntry *entry = entries->pdata[i];

      if (entry->kind == kind &&
          (g_strcmp0 (entry->id, id_or_title) == 0 || (entry->id == NULL && g_str_equal (entry->title, id_or_title))))
        return entry;
    }
  return NULL;
}

/* A model with one process, which the STRIDE rules and acme's rule all
 * suggest threats for. */
static MoatModel *
process_model (MoatElement **process)
{
  MoatModel *model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  g_autoptr(MoatElement) element = moat_element_new ();

  moat_model_add (model, diagram);
  g_object_set (element, "name", "Web app", "kind", MOAT_ELEMENT_PROCESS,
                "diagram-id", moat_object_get_id (MOAT_OBJECT (diagram)), NULL);
  moat_model_add (model, element);
  *process = element;
  return model;
}

/* Whether the engine suggests a rule of @set for @element. */
static gboolean
suggests_set (MoatRuleEngine *engine,
              MoatElement    *element,
              const char     *set)
{
  g_autoptr(GPtrArray) suggestions = moat_rule_engine_list_suggestions (engine, moat_object_get_id (MOAT_OBJECT (element)));

  for (guint i = 0; i < suggestions->len; i++)
    if (g_str_equal (moat_rule_get_set (moat_suggestion_get_rule (suggestions->pdata[i])), set))
      return TRUE;
  return FALSE;
}

static void
test_entries (void)
{
  g_autoptr(MoatLibrary) library = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *broken_path = g_build_filename (g_get_user_config_dir (), "moat", "rules",
                                                   "broken.json", NULL);
  MoatLibraryEntry *entry;

  moat_test_write_user_file ("rules", "acme.json", acme_rules);
  moat_test_write_user_file ("rules", "broken.json", broken_rules);
  library = moat_library_new_default ();
  entries = moat_library_list_entries (library);

  entry = find_entry (entries, MOAT_LIBRARY_RULES, "stride");
  g_assert_nonnull (entry);
  g_assert_true (entry->builtin);
  g_assert_null (entry->origin);
  g_assert_cmpuint (entry->count, >, 10);
  g_assert_nonnull (find_entry (entries, MOAT_LIBRARY_RULES, "linddun"));

  entry = find_entry (entries, MOAT_LIBRARY_RULES, "acme");
  g_assert_nonnull (entry);
  g_assert_false (entry->builtin);
  g_assert_cmpstr (entry->title, ==, "acme.json");
  g_assert_true (g_str_has_suffix (entry->origin, "/moat/rules/acme.json"));
  g_assert_cmpuint (entry->count, ==, 1);
  g_assert_nonnull (moat_rule_set_lookup (moat_library_get_rule_set (library), "acme.process"));

  /* The broken file costs only itself, and says where. */
  entry = find_entry (entries, MOAT_LIBRARY_RULES, "broken.json");
  g_assert_nonnull (entry);
  g_assert_null (entry->id);
  g_assert_cmpstr (entry->origin, ==, broken_path);
  g_test_message ("%s", entry->error);
  g_assert_true (g_str_has_prefix (entry->error, broken_path));
  g_assert_nonnull (strstr (entry->error + strlen (broken_path), ":3:"));
  g_assert_null (moat_rule_set_lookup (moat_library_get_rule_set (library), "x.one"));

  entry = find_entry (entries, MOAT_LIBRARY_CATALOGUE, "asvs");
  g_assert_nonnull (entry);
  g_assert_true (entry->builtin);
  g_assert_cmpuint (entry->count, >, 100);
}

static void
assert_enabled (MoatModel        *model,
                MoatLibraryKind   kind,
                gboolean          builtin,
                const char       *id,
                gboolean          expected)
{
  MoatLibraryEntry entry = { kind, builtin, (char *)id, NULL, NULL, 0, NULL };

  g_assert_cmpint (moat_library_choice_is_enabled (model, &entry, NULL), ==, expected);
}

/* Switches @id as the preferences page does. */
static void
set_enabled (MoatModel       *model,
             MoatLibraryKind  kind,
             gboolean         builtin,
             const char      *id,
             gboolean         enabled)
{
  MoatLibraryEntry entry = { kind, builtin, (char *)id, NULL, NULL, 0, NULL };

  moat_library_choice_set_enabled (model, &entry, NULL, enabled);
}

/* Switching off is stored in the file, and the engine follows it, in
 * this model only. */
static void
test_choice_suggestions (void)
{
  g_autoptr(MoatLibrary) library = NULL;
  MoatRuleSet *rules;
  MoatElement *process, *other_process;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatModel) other = process_model (&other_process);
  g_autoptr(MoatRuleEngine) engine = NULL;
  g_autoptr(MoatRuleEngine) other_engine = NULL;

  moat_test_write_user_file ("rules", "acme.json", acme_rules);
  library = moat_library_new_default ();
  rules = moat_library_get_rule_set (library);
  model = process_model (&process);
  engine = moat_rule_engine_new (model, rules);
  other_engine = moat_rule_engine_new (other, rules);

  g_assert_true (suggests_set (engine, process, "stride"));
  g_assert_true (suggests_set (engine, process, "acme"));
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", TRUE);
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "linddun", FALSE);

  set_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", FALSE);
  set_enabled (model, MOAT_LIBRARY_RULES, FALSE, "acme", FALSE);
  set_enabled (model, MOAT_LIBRARY_RULES, TRUE, "linddun", TRUE);
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", FALSE);
  assert_enabled (model, MOAT_LIBRARY_RULES, FALSE, "acme", FALSE);
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "linddun", TRUE);
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "context", TRUE);

  g_assert_false (suggests_set (engine, process, "stride"));
  g_assert_false (suggests_set (engine, process, "acme"));
  {
    g_auto(GStrv) sets = moat_rule_engine_dup_enabled_sets (engine);

    g_assert_cmpstrv (sets, ((const char *[]) { "context", "linddun", NULL }));
  }

  /* The other model keeps its own choice. */
  g_assert_true (suggests_set (other_engine, other_process, "stride"));
  g_assert_true (suggests_set (other_engine, other_process, "acme"));
  {
    g_auto(GStrv) sets = moat_rule_engine_dup_enabled_sets (other_engine);

    g_assert_cmpstrv (sets, ((const char *[]) { "stride", "context", NULL }));
  }
}

/* Each switch is one step back. */
static void
test_choice_undo (void)
{
  MoatElement *process;
  g_autoptr(MoatModel) model = process_model (&process);
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_builtin ();
  g_autoptr(MoatRuleEngine) engine = moat_rule_engine_new (model, rules);

  set_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", FALSE);
  g_assert_false (suggests_set (engine, process, "stride"));
  set_enabled (model, MOAT_LIBRARY_RULES, FALSE, "custom", FALSE);
  assert_enabled (model, MOAT_LIBRARY_RULES, FALSE, "custom", FALSE);

  g_assert_true (moat_model_undo (model));
  assert_enabled (model, MOAT_LIBRARY_RULES, FALSE, "custom", TRUE);
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", FALSE);
  g_assert_true (moat_model_undo (model));
  assert_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", TRUE);
  g_assert_true (suggests_set (engine, process, "stride"));
  g_assert_true (moat_model_redo (model));
  g_assert_false (suggests_set (engine, process, "stride"));

  /* Switching on what is on changes nothing, and leaves nothing to undo. */
  set_enabled (model, MOAT_LIBRARY_RULES, TRUE, "context", TRUE);
  g_assert_true (moat_model_undo (model));
  g_assert_true (suggests_set (engine, process, "stride"));
}

static void
test_choice_store (void)
{
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "choice.moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  MoatElement *process;
  g_autoptr(MoatModel) model = process_model (&process);
  g_autoptr(MoatStore) store = moat_store_create (file, model, &error);
  g_autoptr(MoatStore) again = NULL;
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_builtin ();
  g_autoptr(MoatRuleEngine) engine = NULL;
  MoatModel *reloaded;

  g_assert_no_error (error);
  /* Edits reach the file through the store, as the window's do. */
  set_enabled (model, MOAT_LIBRARY_RULES, TRUE, "stride", FALSE);
  set_enabled (model, MOAT_LIBRARY_RULES, FALSE, "custom", FALSE);
  set_enabled (model, MOAT_LIBRARY_CATALOGUE, FALSE, "acme", TRUE);
  moat_store_close (store);

  again = moat_store_open (file, &error);
  g_assert_no_error (error);
  reloaded = moat_store_get_model (again);
  assert_enabled (reloaded, MOAT_LIBRARY_RULES, TRUE, "stride", FALSE);
  assert_enabled (reloaded, MOAT_LIBRARY_RULES, TRUE, "context", TRUE);
  assert_enabled (reloaded, MOAT_LIBRARY_RULES, FALSE, "custom", FALSE);
  assert_enabled (reloaded, MOAT_LIBRARY_CATALOGUE, TRUE, "asvs", FALSE);
  assert_enabled (reloaded, MOAT_LIBRARY_CATALOGUE, FALSE, "acme", TRUE);

  engine = moat_rule_engine_new (reloaded, rules);
  process = g_list_model_get_item (moat_model_get_list (reloaded, MOAT_TYPE_ELEMENT), 0);
  g_assert_false (suggests_set (engine, process, "stride"));
  g_object_unref (process);
  moat_store_close (again);
  moat_test_rm_rf (dir);
}

/* The coverage view measures against the first catalogue the model
 * uses; a model that uses none is not graded. */
static void
test_choice_catalogues (void)
{
  MoatElement *process;
  g_autoptr(MoatModel) model = process_model (&process);
  g_autofree char *first = NULL;

  assert_enabled (model, MOAT_LIBRARY_CATALOGUE, TRUE, "asvs", FALSE);
  g_assert_false (moat_coverage_model_uses_catalogues (model));
  set_enabled (model, MOAT_LIBRARY_CATALOGUE, FALSE, "acme", TRUE);
  set_enabled (model, MOAT_LIBRARY_CATALOGUE, TRUE, "asvs", TRUE);
  assert_enabled (model, MOAT_LIBRARY_CATALOGUE, TRUE, "asvs", TRUE);
  first = moat_coverage_default_catalogue (model);
  g_assert_cmpstr (first, ==, "acme");
  g_assert_true (moat_coverage_model_uses_catalogues (model));

  set_enabled (model, MOAT_LIBRARY_CATALOGUE, FALSE, "acme", FALSE);
  set_enabled (model, MOAT_LIBRARY_CATALOGUE, TRUE, "asvs", FALSE);
  assert_enabled (model, MOAT_LIBRARY_CATALOGUE, FALSE, "acme", FALSE);
  g_assert_false (moat_coverage_model_uses_catalogues (model));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/entries", test_entries);
  g_test_add_func ("/library/choice/suggestions", test_choice_suggestions);
  g_test_add_func ("/library/choice/undo", test_choice_undo);
  g_test_add_func ("/library/choice/store", test_choice_store);
  g_test_add_func ("/library/choice/catalogues", test_choice_catalogues);

  return g_test_run ();
}
