/* moat-feature-check.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-clock.h"
#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-feature-check.h"
#include "moat-element.h"
#include "moat-object-private.h"

struct _MoatFeatureCheck
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatFeatureCheck, moat_feature_check, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CHECKED_AT,
  PROP_CHECKED_BY,
  PROP_ANSWERS,
  PROP_OUTCOME,
  PROP_REASON,
  PROP_ELEMENT_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_feature_check_class_init (MoatFeatureCheckClass *klass)
{
  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_CHECKED_AT] = moat_param_spec_timestamp ("checked-at", NULL);
  properties[PROP_CHECKED_BY] = moat_field_string ("checked-by");
  /* (question id, the question as it was asked, "yes" or "no"): the
   * record reads the same after the questions change. */
  properties[PROP_ANSWERS] = moat_field_variant ("answers", "a(sss)");
  properties[PROP_OUTCOME] = moat_field_enum ("outcome", MOAT_TYPE_FEATURE_OUTCOME, MOAT_FEATURE_NO_CHANGE);
  properties[PROP_REASON] = moat_field_string ("reason");
  properties[PROP_ELEMENT_IDS] = moat_field_strv ("element-ids");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "feature_check", "feature_checks",
                             properties, N_PROPS);
}

static void
moat_feature_check_init (MoatFeatureCheck *self)
{
}

MoatFeatureCheck *
moat_feature_check_new (void)
{
  return g_object_new (MOAT_TYPE_FEATURE_CHECK, NULL);
}

const char *
moat_feature_check_get_title (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TITLE);
}

gint64
moat_feature_check_get_checked_at (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), 0);

  return g_value_get_int64 (moat_object_peek_value (MOAT_OBJECT (self), properties[PROP_CHECKED_AT]));
}

const char *
moat_feature_check_get_checked_by (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_CHECKED_BY);
}

GVariant *
moat_feature_check_get_answers (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), NULL);

  return moat_object_peek_variant (MOAT_OBJECT (self), PROP_ANSWERS);
}

MoatFeatureOutcome
moat_feature_check_get_outcome (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_OUTCOME);
}

const char *
moat_feature_check_get_reason (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_REASON);
}

const char * const *
moat_feature_check_get_element_ids (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_ELEMENT_IDS);
}

static guint
answers_count_yes (GVariant *answers)
{
  GVariantIter iter;
  const char *answer;
  guint n = 0;

  if (answers == NULL)
    return 0;
  g_variant_iter_init (&iter, answers);
  while (g_variant_iter_next (&iter, "(&s&s&s)", NULL, NULL, &answer))
    n += g_str_equal (answer, "yes");
  return n;
}

guint
moat_feature_check_count_yes (MoatFeatureCheck *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (self), 0);

  return answers_count_yes (moat_feature_check_get_answers (self));
}

/**
 * moat_feature_check_build_answers:
 * @yes: (array): for each of @questions, whether the answer is yes
 *
 * Returns: (transfer floating): the answers, as the answers field keeps them
 */
GVariant *
moat_feature_check_build_answers (MoatFeatureQuestions *questions,
                                  const gboolean       *yes)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sss)"));
  for (guint i = 0; i < moat_feature_questions_get_n_items (questions); i++)
    {
      const MoatFeatureQuestion *question = moat_feature_questions_get_item (questions, i);

      g_variant_builder_add (&builder, "(sss)", question->id, question->question, yes[i] ? "yes" : "no");
    }
  return g_variant_builder_end (&builder);
}

/* Any "yes" means the feature changes what the model describes. */
MoatFeatureOutcome
moat_feature_check_suggest (GVariant *answers)
{
  return answers_count_yes (answers) > 0 ? MOAT_FEATURE_UPDATE_NEEDED : MOAT_FEATURE_NO_CHANGE;
}

static gboolean
check_is_complete (MoatModel         *model,
                   MoatFeatureCheck  *check,
                   GError           **error)
{
  const char * const *ids = moat_feature_check_get_element_ids (check);
  const char *reason = moat_feature_check_get_reason (check);

  if (moat_feature_check_get_title (check) == NULL || *moat_feature_check_get_title (check) == '\0')
    return moat_error_set_invalid (error, NULL, _("A feature check needs the feature’s name"));
  if (moat_feature_check_get_outcome (check) == MOAT_FEATURE_NO_CHANGE &&
      moat_feature_check_count_yes (check) > 0 && (reason == NULL || *reason == '\0'))
    return moat_error_set_invalid (error, NULL,
                                   _("Say why the model needs no change although a question was answered yes"));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (moat_model_lookup_typed (model, ids[i], MOAT_TYPE_ELEMENT) == NULL)
      return moat_error_set_invalid (error, NULL, _("The model has no element “%s”"), ids[i]);
  return TRUE;
}

/**
 * moat_feature_check_add:
 * @check: (transfer none): a check in no model, with its title, answers,
 *   outcome and, where it needs one, its reason
 *
 * Adds @check to @model as one undo step, dated now and signed by the
 * model's author unless it says otherwise.
 */
gboolean
moat_feature_check_add (MoatModel         *model,
                        MoatFeatureCheck  *check,
                        GError           **error)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), FALSE);
  g_return_val_if_fail (MOAT_IS_FEATURE_CHECK (check), FALSE);

  if (!check_is_complete (model, check, error))
    return FALSE;
  if (moat_feature_check_get_checked_at (check) == 0)
    g_object_set (check, "checked-at", moat_clock_now (), NULL);
  if (moat_feature_check_get_checked_by (check) == NULL)
    g_object_set (check, "checked-by", moat_model_get_author (model), NULL);

  moat_model_begin_action (model, _("Feature Check"));
  moat_model_add (model, check);
  moat_model_end_action (model);
  return TRUE;
}

/**
 * moat_feature_check_find_latest:
 *
 * Returns: (transfer none) (nullable): the check made last
 */
MoatFeatureCheck *
moat_feature_check_find_latest (MoatModel *model)
{
  GListModel *list = moat_model_get_list (model, MOAT_TYPE_FEATURE_CHECK);
  MoatFeatureCheck *latest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatFeatureCheck) check = g_list_model_get_item (list, i);

      if (latest == NULL ||
          moat_feature_check_get_checked_at (check) > moat_feature_check_get_checked_at (latest))
        latest = check;
    }
  return latest;
}

/**
 * moat_feature_check_describe:
 *
 * Returns: (transfer full): one line saying what the check decided, such
 *   as “No model change needed: only the wording of a page changes”
 */
char *
moat_feature_check_describe (MoatFeatureCheck *self)
{
  const char * const *ids = moat_feature_check_get_element_ids (self);
  const char *reason = moat_feature_check_get_reason (self);
  guint n = ids != NULL ? g_strv_length ((GStrv)ids) : 0;

  if (moat_feature_check_get_outcome (self) == MOAT_FEATURE_NO_CHANGE)
    return reason && *reason ? g_strdup_printf (_("No model change needed: %s"), reason)
                             : g_strdup (_("No model change needed"));
  if (n == 0)
    return g_strdup (_("Model update needed"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Model update needed for %u element",
                                       "Model update needed for %u elements", n), n);
}
