/* moat-suggestion.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-enum-types.h"
#include "moat-risk.h"
#include "moat-suggestion.h"

struct _MoatSuggestion
{
  GObject   parent_instance;

  MoatRule *rule;
  char     *element_id;
  char     *title;
  char     *description;
  int       likelihood;
  int       impact;
};

G_DEFINE_FINAL_TYPE (MoatSuggestion, moat_suggestion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_RULE_ID,
  PROP_ELEMENT_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_SUGGESTED_CONTROLS,
  PROP_LIKELIHOOD,
  PROP_IMPACT,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_suggestion_finalize (GObject *object)
{
  MoatSuggestion *self = (MoatSuggestion *)object;

  g_clear_object (&self->rule);
  g_free (self->element_id);
  g_free (self->title);
  g_free (self->description);

  G_OBJECT_CLASS (moat_suggestion_parent_class)->finalize (object);
}

static void
moat_suggestion_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MoatSuggestion *self = MOAT_SUGGESTION (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_object (value, self->rule);
      break;
    case PROP_RULE_ID:
      g_value_set_string (value, moat_suggestion_get_rule_id (self));
      break;
    case PROP_ELEMENT_ID:
      g_value_set_string (value, self->element_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, moat_suggestion_get_category (self));
      break;
    case PROP_SUGGESTED_CONTROLS:
      g_value_set_boxed (value, moat_suggestion_get_suggested_controls (self));
      break;
    case PROP_LIKELIHOOD:
      g_value_set_int (value, self->likelihood);
      break;
    case PROP_IMPACT:
      g_value_set_int (value, self->impact);
      break;
    case PROP_LEVEL:
      g_value_set_enum (value, moat_suggestion_get_level (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_suggestion_class_init (MoatSuggestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = moat_suggestion_finalize;
  object_class->get_property = moat_suggestion_get_property;

  properties[PROP_RULE] = g_param_spec_object ("rule", NULL, NULL, MOAT_TYPE_RULE, flags);
  properties[PROP_RULE_ID] = g_param_spec_string ("rule-id", NULL, NULL, NULL, flags);
  properties[PROP_ELEMENT_ID] = g_param_spec_string ("element-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_SUGGESTED_CONTROLS] = g_param_spec_boxed ("suggested-controls", NULL, NULL,
                                                            G_TYPE_STRV, flags);
  properties[PROP_LIKELIHOOD] = g_param_spec_int ("likelihood", NULL, NULL, 1, 5, 3, flags);
  properties[PROP_IMPACT] = g_param_spec_int ("impact", NULL, NULL, 1, 5, 3, flags);
  properties[PROP_LEVEL] = g_param_spec_enum ("level", NULL, NULL, MOAT_TYPE_RISK_LEVEL,
                                              MOAT_RISK_LOW, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_suggestion_init (MoatSuggestion *self)
{
}

/**
 * moat_suggestion_new:
 * @title: (transfer full): the title, filled in for the element
 * @description: (transfer full): likewise
 */
MoatSuggestion *
moat_suggestion_new (MoatRule   *rule,
                     const char *element_id,
                     char       *title,
                     char       *description,
                     int         likelihood,
                     int         impact)
{
  MoatSuggestion *self = g_object_new (MOAT_TYPE_SUGGESTION, NULL);

  self->rule = g_object_ref (rule);
  self->element_id = g_strdup (element_id);
  self->title = title;
  self->description = description;
  self->likelihood = CLAMP (likelihood, 1, 5);
  self->impact = CLAMP (impact, 1, 5);

  return self;
}

MoatRule *
moat_suggestion_get_rule (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return self->rule;
}

const char *
moat_suggestion_get_rule_id (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return moat_rule_get_id (self->rule);
}

const char *
moat_suggestion_get_element_id (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return self->element_id;
}

const char *
moat_suggestion_get_title (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return self->title;
}

const char *
moat_suggestion_get_description (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return self->description;
}

const char *
moat_suggestion_get_category (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return moat_rule_get_category (self->rule);
}

const char * const *
moat_suggestion_get_suggested_controls (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), NULL);
  return moat_rule_get_suggested_controls (self->rule);
}

int
moat_suggestion_get_likelihood (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), 3);
  return self->likelihood;
}

int
moat_suggestion_get_impact (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), 3);
  return self->impact;
}

MoatRiskLevel
moat_suggestion_get_level (MoatSuggestion *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION (self), MOAT_RISK_LOW);
  return moat_risk_level (self->likelihood, self->impact);
}

/* Same rule, element and texts: a list row showing @a can keep showing it. */
gboolean
moat_suggestion_equal (MoatSuggestion *a,
                       MoatSuggestion *b)
{
  return a->rule == b->rule &&
         g_strcmp0 (a->element_id, b->element_id) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->likelihood == b->likelihood &&
         a->impact == b->impact;
}
