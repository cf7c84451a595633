/* moat-feature-question-row.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FEATURE_QUESTION_ROW (moat_feature_question_row_get_type ())

/* One yes/no question of a feature check. */
G_DECLARE_FINAL_TYPE (MoatFeatureQuestionRow, moat_feature_question_row, MOAT, FEATURE_QUESTION_ROW, AdwActionRow)

GtkWidget *moat_feature_question_row_new     (const MoatFeatureQuestion *question);
gboolean   moat_feature_question_row_get_yes (MoatFeatureQuestionRow    *self);
void       moat_feature_question_row_set_yes (MoatFeatureQuestionRow    *self,
                                              gboolean                   yes);

G_END_DECLS
