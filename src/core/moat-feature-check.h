/* moat-feature-check.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-feature-questions.h"
#include "moat-model.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FEATURE_CHECK (moat_feature_check_get_type ())

/* A feature check: the questions a team answers about one feature at
 * sprint planning, kept in the model as a dated record of what it
 * decided: no model change needed (and why), or an update of the
 * elements the feature touches. */
G_DECLARE_FINAL_TYPE (MoatFeatureCheck, moat_feature_check, MOAT, FEATURE_CHECK, MoatObject)

MoatFeatureCheck    *moat_feature_check_new             (void);
const char          *moat_feature_check_get_title       (MoatFeatureCheck *self);
gint64               moat_feature_check_get_checked_at  (MoatFeatureCheck *self);
const char          *moat_feature_check_get_checked_by  (MoatFeatureCheck *self);
GVariant            *moat_feature_check_get_answers     (MoatFeatureCheck *self);
MoatFeatureOutcome   moat_feature_check_get_outcome     (MoatFeatureCheck *self);
const char          *moat_feature_check_get_reason      (MoatFeatureCheck *self);
const char * const  *moat_feature_check_get_element_ids (MoatFeatureCheck *self);

guint                moat_feature_check_count_yes       (MoatFeatureCheck *self);
char                *moat_feature_check_describe        (MoatFeatureCheck *self);

GVariant            *moat_feature_check_build_answers   (MoatFeatureQuestions *questions,
                                                         const gboolean       *yes);
MoatFeatureOutcome   moat_feature_check_suggest         (GVariant             *answers);
gboolean             moat_feature_check_add             (MoatModel            *model,
                                                         MoatFeatureCheck     *check,
                                                         GError              **error);
MoatFeatureCheck    *moat_feature_check_find_latest     (MoatModel            *model);

G_END_DECLS
