/* moat-library.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-error.h"
#include "moat-library.h"

struct _MoatLibrary
{
  GObject      parent_instance;

  MoatRuleSet *rules;
  MoatRefs    *refs;
  GPtrArray   *catalogues;   /* MoatCatalogue */
  guint        n_builtin;    /* the first n catalogues come with Moat */
  GPtrArray   *errors;       /* located messages, NULL-terminated */
  GPtrArray   *failed;       /* MoatLibraryEntry: user files that did not load */
  GPtrArray   *rule_files;   /* the user rule files that loaded */
};

G_DEFINE_FINAL_TYPE (MoatLibrary, moat_library, G_TYPE_OBJECT)

static const char *builtin_catalogues[] = { "asvs-5.0.json" };

static void
moat_library_finalize (GObject *object)
{
  MoatLibrary *self = (MoatLibrary *)object;

  g_clear_object (&self->rules);
  g_clear_object (&self->refs);
  g_clear_pointer (&self->catalogues, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->failed, g_ptr_array_unref);
  g_clear_pointer (&self->rule_files, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_library_parent_class)->finalize (object);
}

static void
moat_library_class_init (MoatLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_library_finalize;
}

static void
moat_library_init (MoatLibrary *self)
{
  self->catalogues = g_ptr_array_new_with_free_func (g_object_unref);
  self->errors = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->failed = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_library_entry_free);
  self->rule_files = g_ptr_array_new_with_free_func (g_free);
}

/**
 * moat_library_new:
 * @rules: the rules; the library holds a reference
 *
 * Returns: (transfer full): a library with @rules, the built-in
 *   references and the built-in catalogues
 */
MoatLibrary *
moat_library_new (MoatRuleSet *rules)
{
  MoatLibrary *self;

  g_return_val_if_fail (MOAT_IS_RULE_SET (rules), NULL);

  self = g_object_new (MOAT_TYPE_LIBRARY, NULL);
  self->rules = g_object_ref (rules);
  self->refs = moat_refs_new_builtin ();

  for (guint i = 0; i < G_N_ELEMENTS (builtin_catalogues); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MoatCatalogue) catalogue = moat_catalogue_new_from_resource (builtin_catalogues[i], &error);

      /* The tests load every built-in file: failing here is a bug in Moat. */
      if (catalogue == NULL)
        g_critical ("Built-in catalogue: %s", error->message);
      else
        g_ptr_array_add (self->catalogues, g_steal_pointer (&catalogue));
    }
  self->n_builtin = self->catalogues->len;

  return self;
}

/* The built-in rules, references and catalogues: what tests and
 * reproducible CLI runs use. */
MoatLibrary *
moat_library_new_builtin (void)
{
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_builtin ();

  return moat_library_new (rules);
}

/* The built-in knowledge and the person's own rules and catalogues; see
 * moat_library_get_errors() for files that did not load. */
MoatLibrary *
moat_library_new_default (void)
{
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_builtin ();
  MoatLibrary *self = moat_library_new (rules);

  moat_library_load_user_rules (self);
  moat_library_load_user (self);
  return self;
}

static void
add_failure (MoatLibrary     *self,
             MoatLibraryKind  kind,
             const char      *path,
             const GError    *error)
{
  MoatLibraryEntry *entry = g_new0 (MoatLibraryEntry, 1);

  entry->kind = kind;
  entry->title = g_path_get_basename (path);
  entry->origin = g_strdup (path);
  entry->error = g_strdup (error->message);
  g_ptr_array_add (self->failed, entry);
  moat_library_add_error (self, error->message);
}

/**
 * moat_library_load_user_rules:
 *
 * Adds the person's rule files (moat_rule_set_list_user_files()) one by
 * one, so that a broken file costs only itself and is listed with its
 * located message.
 */
void
moat_library_load_user_rules (MoatLibrary *self)
{
  g_autoptr(GPtrArray) paths = moat_rule_set_list_user_files ();

  g_return_if_fail (MOAT_IS_LIBRARY (self));

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths->pdata[i]);
      g_autoptr(GError) error = NULL;

      if (moat_rule_set_load_file (self->rules, file, &error))
        g_ptr_array_add (self->rule_files, g_file_get_parse_name (file));
      else
        add_failure (self, MOAT_LIBRARY_RULES, paths->pdata[i], error);
    }
}

/* $XDG_CONFIG_HOME/moat: where a person's rules and catalogues live */
char *
moat_library_get_user_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "moat", NULL);
}

void
moat_library_add_error (MoatLibrary *self,
                        const char  *message)
{
  g_return_if_fail (MOAT_IS_LIBRARY (self));

  g_ptr_array_add (self->errors, g_strdup (message));
}

/* Returns: (transfer none): the located messages of files that did not
 * load, for a preferences page or a warning on standard error */
const char * const *
moat_library_get_errors (MoatLibrary *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY (self), NULL);

  static const char * const none[] = { NULL };

  /* An empty array may have no storage at all. */
  return self->errors->len > 0 ? (const char * const *)self->errors->pdata : none;
}

gboolean
moat_library_add_catalogue (MoatLibrary    *self,
                            MoatCatalogue  *catalogue,
                            GError        **error)
{
  MoatCatalogue *other;

  g_return_val_if_fail (MOAT_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (MOAT_IS_CATALOGUE (catalogue), FALSE);

  other = moat_library_lookup_catalogue (self, moat_catalogue_get_id (catalogue));
  if (other != NULL)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                   _("%s: the catalogue id “%s” is already used by %s"),
                   moat_catalogue_get_source (catalogue), moat_catalogue_get_id (catalogue),
                   moat_catalogue_get_source (other));
      return FALSE;
    }

  g_ptr_array_add (self->catalogues, g_object_ref (catalogue));
  return TRUE;
}

gboolean
moat_library_load_catalogue_file (MoatLibrary  *self,
                                  GFile        *file,
                                  GError      **error)
{
  g_autoptr(MoatCatalogue) catalogue = NULL;

  g_return_val_if_fail (MOAT_IS_LIBRARY (self), FALSE);

  if (!(catalogue = moat_catalogue_new_from_file (file, error)))
    return FALSE;
  return moat_library_add_catalogue (self, catalogue, error);
}

/* $XDG_CONFIG_HOME/moat/catalogues */
char *
moat_library_get_user_catalogue_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "moat", "catalogues", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * moat_library_load_user:
 *
 * Adds every *.json in moat_library_get_user_catalogue_dir(), in name
 * order. A missing folder is no error; a broken file adds nothing and is
 * recorded in moat_library_get_errors().
 */
void
moat_library_load_user (MoatLibrary *self)
{
  g_autofree char *path = moat_library_get_user_catalogue_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_if_fail (MOAT_IS_LIBRARY (self));

  if (!(dir = g_dir_open (path, 0, NULL)))
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file_path = g_build_filename (path, names->pdata[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autoptr(GError) error = NULL;

      if (!moat_library_load_catalogue_file (self, file, &error))
        add_failure (self, MOAT_LIBRARY_CATALOGUE, file_path, error);
    }
}

MoatRuleSet *
moat_library_get_rule_set (MoatLibrary *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY (self), NULL);
  return self->rules;
}

MoatRefs *
moat_library_get_refs (MoatLibrary *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY (self), NULL);
  return self->refs;
}

guint
moat_library_get_n_catalogues (MoatLibrary *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY (self), 0);
  return self->catalogues->len;
}

MoatCatalogue *
moat_library_get_catalogue (MoatLibrary *self,
                            guint        position)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (position < self->catalogues->len, NULL);
  return self->catalogues->pdata[position];
}

gboolean
moat_library_is_builtin_catalogue (MoatLibrary   *self,
                                   MoatCatalogue *catalogue)
{
  guint position;

  g_return_val_if_fail (MOAT_IS_LIBRARY (self), FALSE);

  return g_ptr_array_find (self->catalogues, catalogue, &position) && position < self->n_builtin;
}

/* (nullable) (transfer none) */
MoatCatalogue *
moat_library_lookup_catalogue (MoatLibrary *self,
                               const char  *id)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->catalogues->len; i++)
    if (g_str_equal (moat_catalogue_get_id (self->catalogues->pdata[i]), id))
      return self->catalogues->pdata[i];
  return NULL;
}

/**
 * moat_library_lookup_requirement:
 * @ref: a requirement as controls name it: "asvs:V6.3.1"
 * @catalogue: (out) (optional) (transfer none): its catalogue
 *
 * Returns: (nullable): the requirement, or %NULL when no catalogue here
 *   has it
 */
const MoatRequirement *
moat_library_lookup_requirement (MoatLibrary    *self,
                                 const char     *ref,
                                 MoatCatalogue **catalogue)
{
  g_autofree char *catalogue_id = NULL;
  g_autofree char *requirement_id = NULL;
  MoatCatalogue *found;

  g_return_val_if_fail (MOAT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (ref != NULL, NULL);

  if (catalogue != NULL)
    *catalogue = NULL;
  if (!moat_requirement_ref_split (ref, &catalogue_id, &requirement_id) ||
      !(found = moat_library_lookup_catalogue (self, catalogue_id)))
    return NULL;

  if (catalogue != NULL)
    *catalogue = found;
  return moat_catalogue_lookup (found, requirement_id);
}

void
moat_library_problem_free (MoatLibraryProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->rule_id);
  g_free (problem->origin);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray   *problems,
             MoatLibrary *self,
             MoatRule    *rule,
             char        *message)
{
  MoatLibraryProblem *problem = g_new0 (MoatLibraryProblem, 1);

  problem->rule_id = g_strdup (moat_rule_get_id (rule));
  problem->origin = g_strdup (moat_rule_set_get_origin (self->rules, moat_rule_get_id (rule)));
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/**
 * moat_library_check_rules:
 *
 * Checks what the rules name against what the library knows: every
 * reference is in the reference table, every requirement is in a
 * catalogue. A rule's own syntax is checked when it loads.
 *
 * Returns: (transfer full) (element-type MoatLibraryProblem): the
 *   problems, empty when there are none
 */
GPtrArray *
moat_library_check_rules (MoatLibrary *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_library_problem_free);

  g_return_val_if_fail (MOAT_IS_LIBRARY (self), problems);

  for (guint i = 0; i < moat_rule_set_get_n_rules (self->rules); i++)
    {
      MoatRule *rule = moat_rule_set_get_rule (self->rules, i);
      const char * const *refs = moat_rule_get_refs (rule);
      const char * const *requirements = moat_rule_get_requirements (rule);

      for (guint r = 0; refs != NULL && refs[r] != NULL; r++)
        if (moat_refs_lookup_title (self->refs, refs[r]) == NULL)
          add_problem (problems, self, rule,
                       g_strdup_printf (_("reference “%s” is not in the table of known references"), refs[r]));

      for (guint r = 0; requirements != NULL && requirements[r] != NULL; r++)
        {
          g_autofree char *catalogue_id = NULL;

          if (moat_library_lookup_requirement (self, requirements[r], NULL) != NULL)
            continue;
          moat_requirement_ref_split (requirements[r], &catalogue_id, NULL);
          if (moat_library_lookup_catalogue (self, catalogue_id) == NULL)
            add_problem (problems, self, rule,
                         g_strdup_printf (_("requirement “%s”: no catalogue “%s”"), requirements[r], catalogue_id));
          else
            add_problem (problems, self, rule,
                         g_strdup_printf (_("requirement “%s” is not in catalogue “%s”"), requirements[r], catalogue_id));
        }
    }

  return problems;
}

void
moat_library_entry_free (MoatLibraryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->origin);
  g_free (entry->error);
  g_free (entry);
}

/* Returns: (transfer full) */
MoatLibraryEntry *
moat_library_entry_copy (const MoatLibraryEntry *entry)
{
  MoatLibraryEntry *copy = g_new0 (MoatLibraryEntry, 1);

  *copy = *entry;
  copy->id = g_strdup (entry->id);
  copy->title = g_strdup (entry->title);
  copy->origin = g_strdup (entry->origin);
  copy->error = g_strdup (entry->error);
  return copy;
}

static MoatLibraryEntry *
entry_new (MoatLibraryKind  kind,
           gboolean         builtin,
           const char      *id,
           char            *title,
           const char      *origin,
           guint            count)
{
  MoatLibraryEntry *entry = g_new0 (MoatLibraryEntry, 1);

  entry->kind = kind;
  entry->builtin = builtin;
  entry->id = g_strdup (id);
  entry->title = title;
  entry->origin = g_strdup (origin);
  entry->count = count;
  return entry;
}

static char *
builtin_set_title (const char *set)
{
  if (g_str_equal (set, "stride"))
    return g_strdup (_("STRIDE per Element"));
  if (g_str_equal (set, "context"))
    return g_strdup (_("Context Rules"));
  if (g_str_equal (set, "linddun"))
    return g_strdup (_("LINDDUN Privacy"));
  return g_strdup (set);
}

static guint
count_rules (MoatRuleSet *rules,
             const char  *set,
             const char  *origin)
{
  guint count = 0;

  for (guint i = 0; i < moat_rule_set_get_n_rules (rules); i++)
    {
      MoatRule *rule = moat_rule_set_get_rule (rules, i);

      if (g_str_equal (moat_rule_get_set (rule), set) &&
          (origin == NULL || g_strcmp0 (moat_rule_set_get_origin (rules, moat_rule_get_id (rule)), origin) == 0))
        count++;
    }
  return count;
}

/* One entry for each set a user file fills: the switch is per set. */
static void
add_rule_file_entries (MoatLibrary *self,
                       GPtrArray   *entries,
                       const char  *path)
{
  g_auto(GStrv) sets = moat_rule_set_list_sets (self->rules);

  for (guint s = 0; sets[s] != NULL; s++)
    {
      guint count = count_rules (self->rules, sets[s], path);

      if (count > 0)
        g_ptr_array_add (entries, entry_new (MOAT_LIBRARY_RULES, FALSE, sets[s], g_path_get_basename (path),
                                             path, count));
    }
}

static char *
catalogue_title (MoatCatalogue *catalogue)
{
  const char *release = moat_catalogue_get_release (catalogue);

  return g_strdup_printf ("%s%s%s", moat_catalogue_get_title (catalogue), release ? " " : "", release ? release : "");
}

/**
 * moat_library_list_entries:
 *
 * What a preferences page lists: the built-in rule sets, each user rule
 * file's sets, the catalogues, and the user files that did not load
 * (with their located message), in that order within each kind.
 *
 * Returns: (transfer full) (element-type MoatLibraryEntry)
 */
GPtrArray *
moat_library_list_entries (MoatLibrary *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)moat_library_entry_free);
  g_auto(GStrv) sets = NULL;

  g_return_val_if_fail (MOAT_IS_LIBRARY (self), entries);

  sets = moat_rule_set_list_sets (self->rules);
  for (guint i = 0; sets[i] != NULL; i++)
    if (moat_rule_set_is_builtin_set (self->rules, sets[i]))
      g_ptr_array_add (entries, entry_new (MOAT_LIBRARY_RULES, TRUE, sets[i], builtin_set_title (sets[i]), NULL,
                                           count_rules (self->rules, sets[i], NULL)));
  for (guint i = 0; i < self->rule_files->len; i++)
    add_rule_file_entries (self, entries, self->rule_files->pdata[i]);

  for (guint i = 0; i < self->catalogues->len; i++)
    {
      MoatCatalogue *catalogue = self->catalogues->pdata[i];
      gboolean builtin = i < self->n_builtin;

      g_ptr_array_add (entries, entry_new (MOAT_LIBRARY_CATALOGUE, builtin, moat_catalogue_get_id (catalogue),
                                           catalogue_title (catalogue),
                                           builtin ? NULL : moat_catalogue_get_source (catalogue),
                                           moat_catalogue_get_n_requirements (catalogue)));
    }

  for (guint i = 0; i < self->failed->len; i++)
    g_ptr_array_add (entries, moat_library_entry_copy (self->failed->pdata[i]));

  return entries;
}
