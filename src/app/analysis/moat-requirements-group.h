/* moat-requirements-group.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_REQUIREMENTS_GROUP (moat_requirements_group_get_type ())

/* The catalogue requirements a control meets ("asvs:V16.4.2"), each with
 * its short title and removable, and a search to find more by id or words
 * in the model's catalogue (OWASP ASVS unless it names another). */
G_DECLARE_FINAL_TYPE (MoatRequirementsGroup, moat_requirements_group, MOAT, REQUIREMENTS_GROUP,
                      AdwPreferencesGroup)

void   moat_requirements_group_set_control (MoatRequirementsGroup *self,
                                            MoatModel             *model,
                                            MoatControl           *control);
guint  moat_requirements_group_get_n_found (MoatRequirementsGroup *self);

G_END_DECLS
