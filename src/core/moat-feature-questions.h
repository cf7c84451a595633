/* moat-feature-questions.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MOAT_TYPE_FEATURE_QUESTIONS (moat_feature_questions_get_type ())

/* The yes/no questions of a feature check (see moat-feature-check.h):
 * Moat's own from resources/feature-check/questions.json, translated,
 * then a team's own from moat_feature_questions_get_user_path(). */
G_DECLARE_FINAL_TYPE (MoatFeatureQuestions, moat_feature_questions, MOAT, FEATURE_QUESTIONS, GObject)

typedef struct
{
  char *id;
  char *question;
  char *help;   /* nullable: what counts as "yes" */
  char *update; /* nullable: what to change in the model on "yes" */
} MoatFeatureQuestion;

#define MOAT_FEATURE_QUESTIONS_FORMAT_VERSION 1

MoatFeatureQuestions      *moat_feature_questions_new           (void);
MoatFeatureQuestions      *moat_feature_questions_new_default   (GError              **error);
gboolean                   moat_feature_questions_load_data     (MoatFeatureQuestions *self,
                                                                 const char           *data,
                                                                 gssize                length,
                                                                 const char           *source,
                                                                 gboolean              translate,
                                                                 GError              **error);
guint                      moat_feature_questions_get_n_items   (MoatFeatureQuestions *self);
const MoatFeatureQuestion *moat_feature_questions_get_item      (MoatFeatureQuestions *self,
                                                                 guint                 position);
const MoatFeatureQuestion *moat_feature_questions_lookup        (MoatFeatureQuestions *self,
                                                                 const char           *id);
char                      *moat_feature_questions_get_user_path (void);

G_END_DECLS
