/* moat-window-library.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions on the rules and catalogues its model uses:
 * "win.use-library" ('rules'|'user-rules'|'catalogue', id, on) switches
 * one on or off as an undoable edit; "win.reload-library" reads the
 * person's own files again for the suggestions. The preferences page,
 * menus and tests share them.
 */

#include "config.h"

#include "moat-library-choice.h"
#include "moat-window-private.h"

static gboolean
parse_kind (const char      *name,
            MoatLibraryKind *kind,
            gboolean        *builtin)
{
  *builtin = g_str_equal (name, "rules");
  *kind = g_str_equal (name, "catalogue") ? MOAT_LIBRARY_CATALOGUE : MOAT_LIBRARY_RULES;
  return *builtin || *kind == MOAT_LIBRARY_CATALOGUE || g_str_equal (name, "user-rules");
}

static void
use_library_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  GSettings *settings = _moat_window_get_settings (self);
  g_auto(GStrv) defaults = NULL;
  MoatLibraryEntry entry = { 0 };
  const char *kind_name;
  gboolean enabled;

  g_variant_get (parameter, "(&s&sb)", &kind_name, &entry.id, &enabled);
  if (self->store == NULL || !parse_kind (kind_name, &entry.kind, &entry.builtin) || entry.id[0] == '\0')
    return;

  if (settings != NULL)
    defaults = g_settings_get_strv (settings, "enabled-rule-sets");
  moat_library_choice_set_enabled (moat_window_get_model (self), &entry, (const char * const *)defaults, enabled);
}

static void
reload_library_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);

  /* A new engine reads the rule files again. */
  if (self->store != NULL)
    moat_analysis_set_model (self->analysis, moat_window_get_model (self), _moat_window_get_settings (self));
  /* A Risk page not shown yet reads them when it is. */
  if (moat_lazy_page_get_child (self->risk_page) != NULL)
    moat_risk_page_reload_library (MOAT_RISK_PAGE (moat_lazy_page_get_child (self->risk_page)));
}

static const GActionEntry library_actions[] = {
  { "use-library", use_library_action, "(ssb)" },
  { "reload-library", reload_library_action },
};

void
_moat_window_library_init (MoatWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), library_actions, G_N_ELEMENTS (library_actions), self);
}
