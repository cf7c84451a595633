/* moat-library.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-catalogue.h"
#include "moat-refs.h"
#include "moat-rule-set.h"

G_BEGIN_DECLS

#define MOAT_TYPE_LIBRARY (moat_library_get_type ())

/* Everything Moat knows: the rules, the references they name and the
 * requirement catalogues, built-in and a team's own. Files that do not
 * load are kept as located messages (moat_library_get_errors()); they
 * never cost the rest. */
G_DECLARE_FINAL_TYPE (MoatLibrary, moat_library, MOAT, LIBRARY, GObject)

/* A problem with a rule's knowledge (moat_library_check_rules()). */
typedef struct
{
  char *rule_id;
  char *origin;  /* the file the rule came from */
  char *message;
} MoatLibraryProblem;

typedef enum {
  MOAT_LIBRARY_RULES,
  MOAT_LIBRARY_CATALOGUE,
} MoatLibraryKind;

/* One thing a model can switch on or off, or a file that did not load
 * (moat_library_list_entries()). */
typedef struct
{
  MoatLibraryKind kind;
  gboolean        builtin;
  char           *id;      /* (nullable): the rule set or catalogue id; NULL when the file did not load */
  char           *title;
  char           *origin;  /* (nullable): the file; NULL for what comes with Moat */
  guint           count;   /* rules or requirements */
  char           *error;   /* (nullable): why the file did not load, with where */
} MoatLibraryEntry;

MoatLibrary   *moat_library_new                  (MoatRuleSet   *rules);
MoatLibrary   *moat_library_new_builtin          (void);
MoatLibrary   *moat_library_new_default          (void);

gboolean       moat_library_add_catalogue        (MoatLibrary   *self,
                                                  MoatCatalogue *catalogue,
                                                  GError       **error);
gboolean       moat_library_load_catalogue_file  (MoatLibrary   *self,
                                                  GFile         *file,
                                                  GError       **error);
void           moat_library_load_user            (MoatLibrary   *self);
void           moat_library_load_user_rules      (MoatLibrary   *self);
char          *moat_library_get_user_catalogue_dir (void);
char          *moat_library_get_user_dir         (void);

MoatRuleSet   *moat_library_get_rule_set         (MoatLibrary   *self);
MoatRefs      *moat_library_get_refs             (MoatLibrary   *self);
guint          moat_library_get_n_catalogues     (MoatLibrary   *self);
MoatCatalogue *moat_library_get_catalogue        (MoatLibrary   *self,
                                                  guint          position);
MoatCatalogue *moat_library_lookup_catalogue     (MoatLibrary   *self,
                                                  const char    *id);
const MoatRequirement *moat_library_lookup_requirement (MoatLibrary   *self,
                                                        const char    *ref,
                                                        MoatCatalogue **catalogue);
gboolean       moat_library_is_builtin_catalogue (MoatLibrary   *self,
                                                  MoatCatalogue *catalogue);
const char * const *moat_library_get_errors      (MoatLibrary   *self);
void           moat_library_add_error            (MoatLibrary   *self,
                                                  const char    *message);

GPtrArray     *moat_library_list_entries         (MoatLibrary   *self);
MoatLibraryEntry *moat_library_entry_copy        (const MoatLibraryEntry *entry);
void           moat_library_entry_free           (MoatLibraryEntry *entry);

GPtrArray     *moat_library_check_rules          (MoatLibrary   *self);
void           moat_library_problem_free         (MoatLibraryProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatLibraryProblem, moat_library_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatLibraryEntry, moat_library_entry_free)

G_END_DECLS
