/* moat-feature-element-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-feature-element-choice.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FEATURE_ELEMENT_ROW (moat_feature_element_row_get_type ())

/* A list row: a check button for one element the feature may touch. */
G_DECLARE_FINAL_TYPE (MoatFeatureElementRow, moat_feature_element_row, MOAT, FEATURE_ELEMENT_ROW, GtkWidget)

MoatFeatureElementChoice *moat_feature_element_row_get_choice (MoatFeatureElementRow    *self);
void                      moat_feature_element_row_set_choice (MoatFeatureElementRow    *self,
                                                               MoatFeatureElementChoice *choice);

G_END_DECLS
