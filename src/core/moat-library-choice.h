/* moat-library-choice.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-library.h"
#include "moat-model.h"

G_BEGIN_DECLS

/* Which rule sets and catalogues a model uses, kept in the model (its
 * "rule-sets" and "catalogues" fields) so that it travels with the file
 * and every change is an undoable edit.
 *
 * Built-in rule sets are on when the model names them; a model that
 * names none follows the defaults it is given (the GUI's
 * "enabled-rule-sets" setting). A person's own sets are on unless the
 * model names them with a leading minus ("-custom"): a model goes to
 * people with other rule files, and cannot list what its author never
 * had. A catalogue is on when the model names it: the coverage view
 * measures against the first one, and a model that names none is not
 * graded against a standard its team never chose. */

GStrv    moat_library_choice_resolve_sets      (const char * const *model_sets,
                                                const char * const *default_sets);
gboolean moat_library_choice_user_set_is_off   (const char * const *model_sets,
                                                const char         *set);

gboolean moat_library_choice_is_enabled        (MoatModel              *model,
                                                const MoatLibraryEntry *entry,
                                                const char * const     *default_sets);
void     moat_library_choice_set_enabled       (MoatModel              *model,
                                                const MoatLibraryEntry *entry,
                                                const char * const     *default_sets,
                                                gboolean                enabled);

G_END_DECLS
