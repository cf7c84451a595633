/* moat-refs-group.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_REFS_GROUP (moat_refs_group_get_type ())

/* A threat's references (CWE weaknesses, CAPEC attack patterns, OWASP Top
 * 10 categories): each with its title and a link to its public page, one
 * to add by typing its id, and each removable. */
G_DECLARE_FINAL_TYPE (MoatRefsGroup, moat_refs_group, MOAT, REFS_GROUP, AdwPreferencesGroup)

void     moat_refs_group_set_threat (MoatRefsGroup *self,
                                     MoatThreat    *threat);
gboolean moat_refs_group_add        (MoatRefsGroup *self,
                                     const char    *text);

G_END_DECLS
