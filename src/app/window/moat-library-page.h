/* moat-library-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-model.h"

G_BEGIN_DECLS

#define MOAT_TYPE_LIBRARY_PAGE (moat_library_page_get_type ())

/* The Rules and Catalogues preferences page: what Moat knows, which of
 * it the window's model uses (switched through "win.use-library"), and
 * the person's own files, with those that did not load. */
G_DECLARE_FINAL_TYPE (MoatLibraryPage, moat_library_page, MOAT, LIBRARY_PAGE, AdwPreferencesPage)

void       moat_library_page_set_model    (MoatLibraryPage *self,
                                           MoatModel       *model);
void       moat_library_page_set_settings (MoatLibraryPage *self,
                                           GSettings       *settings);
void       moat_library_page_reload       (MoatLibraryPage *self);
GPtrArray *moat_library_page_get_rows     (MoatLibraryPage *self);

G_END_DECLS
