/* moat-library-choice.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-library-choice.h"

static const char * const builtin_default_sets[] = { "stride", "context", NULL };

static gboolean
is_off_mark (const char *name)
{
  return name[0] == '-';
}

/**
 * moat_library_choice_resolve_sets:
 * @model_sets: (nullable): the model's "rule-sets"
 * @default_sets: (nullable): the sets for a model that names none; %NULL
 *   for stride and context
 *
 * Returns: (transfer full): the built-in sets that are on
 */
GStrv
moat_library_choice_resolve_sets (const char * const *model_sets,
                                  const char * const *default_sets)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; model_sets != NULL && model_sets[i] != NULL; i++)
    if (!is_off_mark (model_sets[i]))
      {
        g_strv_builder_add (builder, model_sets[i]);
        any = TRUE;
      }
  if (!any)
    g_strv_builder_addv (builder, (const char **)(default_sets != NULL ? default_sets : builtin_default_sets));

  return g_strv_builder_end (builder);
}

gboolean
moat_library_choice_user_set_is_off (const char * const *model_sets,
                                     const char         *set)
{
  for (guint i = 0; model_sets != NULL && model_sets[i] != NULL; i++)
    if (is_off_mark (model_sets[i]) && g_str_equal (model_sets[i] + 1, set))
      return TRUE;
  return FALSE;
}

static GStrv
dup_field (MoatModel  *model,
           const char *field)
{
  GStrv value = NULL;

  g_object_get (model, field, &value, NULL);
  return value;
}

gboolean
moat_library_choice_is_enabled (MoatModel              *model,
                                const MoatLibraryEntry *entry,
                                const char * const     *default_sets)
{
  g_auto(GStrv) listed = NULL;
  g_auto(GStrv) on = NULL;

  g_return_val_if_fail (MOAT_IS_MODEL (model), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (entry->id == NULL)
    return FALSE;

  if (entry->kind == MOAT_LIBRARY_CATALOGUE)
    {
      listed = dup_field (model, "catalogues");
      return listed != NULL && g_strv_contains ((const char * const *)listed, entry->id);
    }

  listed = dup_field (model, "rule-sets");
  if (!entry->builtin)
    return !moat_library_choice_user_set_is_off ((const char * const *)listed, entry->id);
  on = moat_library_choice_resolve_sets ((const char * const *)listed, default_sets);
  return g_strv_contains ((const char * const *)on, entry->id);
}

/* The explicit list of built-in sets with @set switched, and the
 * off-marks of user sets kept. */
static GStrv
switch_builtin_set (const char * const *listed,
                    const char * const *default_sets,
                    const char         *set,
                    gboolean            enabled)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) on = moat_library_choice_resolve_sets (listed, default_sets);

  for (guint i = 0; on[i] != NULL; i++)
    if (!g_str_equal (on[i], set))
      g_strv_builder_add (builder, on[i]);
  if (enabled)
    g_strv_builder_add (builder, set);
  for (guint i = 0; listed != NULL && listed[i] != NULL; i++)
    if (is_off_mark (listed[i]))
      g_strv_builder_add (builder, listed[i]);

  return g_strv_builder_end (builder);
}

/* @listed without @remove, and @add (when not %NULL) at the end. */
static GStrv
replace_name (const char * const *listed,
              const char         *remove,
              const char         *add)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; listed != NULL && listed[i] != NULL; i++)
    if (!g_str_equal (listed[i], remove))
      g_strv_builder_add (builder, listed[i]);
  if (add != NULL)
    g_strv_builder_add (builder, add);

  return g_strv_builder_end (builder);
}

/**
 * moat_library_choice_set_enabled:
 *
 * Switches @entry on or off for @model, as one undoable edit. Nothing
 * happens when it already is.
 */
void
moat_library_choice_set_enabled (MoatModel              *model,
                                 const MoatLibraryEntry *entry,
                                 const char * const     *default_sets,
                                 gboolean                enabled)
{
  const char *field;
  const char *label;
  g_auto(GStrv) listed = NULL;
  g_auto(GStrv) changed = NULL;

  g_return_if_fail (MOAT_IS_MODEL (model));
  g_return_if_fail (entry != NULL && entry->id != NULL);

  if (moat_library_choice_is_enabled (model, entry, default_sets) == enabled)
    return;

  field = entry->kind == MOAT_LIBRARY_CATALOGUE ? "catalogues" : "rule-sets";
  listed = dup_field (model, field);
  if (entry->kind == MOAT_LIBRARY_CATALOGUE)
    changed = replace_name ((const char * const *)listed, entry->id, enabled ? entry->id : NULL);
  else if (entry->builtin)
    changed = switch_builtin_set ((const char * const *)listed, default_sets, entry->id, enabled);
  else
    {
      g_autofree char *mark = g_strconcat ("-", entry->id, NULL);

      changed = replace_name ((const char * const *)listed, mark, enabled ? NULL : mark);
    }

  if (entry->kind == MOAT_LIBRARY_CATALOGUE)
    label = enabled ? _("Use Catalogue") : _("Stop Using Catalogue");
  else
    label = enabled ? _("Switch Rule Set On") : _("Switch Rule Set Off");
  moat_model_begin_action (model, label);
  moat_model_set (model, model, field, changed, NULL);
  moat_model_end_action (model);
}
