/* moat-feature-element-choice.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FEATURE_ELEMENT_CHOICE (moat_feature_element_choice_get_type ())

/* An element in the feature check's list, and whether the feature
 * touches it. */
G_DECLARE_FINAL_TYPE (MoatFeatureElementChoice, moat_feature_element_choice, MOAT, FEATURE_ELEMENT_CHOICE, GObject)

MoatFeatureElementChoice *moat_feature_element_choice_new         (MoatElement              *element,
                                                                   const char               *diagram_title);
MoatElement              *moat_feature_element_choice_get_element (MoatFeatureElementChoice *self);
gboolean                  moat_feature_element_choice_get_checked (MoatFeatureElementChoice *self);
void                      moat_feature_element_choice_set_checked (MoatFeatureElementChoice *self,
                                                                   gboolean                  checked);

G_END_DECLS
