/* moat-feature-element-choice.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-feature-element-choice.h"

struct _MoatFeatureElementChoice
{
  GObject      parent_instance;

  MoatElement *element;
  char        *name;
  char        *diagram_title;
  gboolean     checked;
};

G_DEFINE_FINAL_TYPE (MoatFeatureElementChoice, moat_feature_element_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ELEMENT,
  PROP_NAME,
  PROP_DIAGRAM_TITLE,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_feature_element_choice_finalize (GObject *object)
{
  MoatFeatureElementChoice *self = MOAT_FEATURE_ELEMENT_CHOICE (object);

  g_clear_object (&self->element);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->diagram_title, g_free);

  G_OBJECT_CLASS (moat_feature_element_choice_parent_class)->finalize (object);
}

static void
moat_feature_element_choice_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  MoatFeatureElementChoice *self = MOAT_FEATURE_ELEMENT_CHOICE (object);

  switch (prop_id)
    {
    case PROP_ELEMENT:
      g_value_set_object (value, self->element);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DIAGRAM_TITLE:
      g_value_set_string (value, self->diagram_title);
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_feature_element_choice_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  MoatFeatureElementChoice *self = MOAT_FEATURE_ELEMENT_CHOICE (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      moat_feature_element_choice_set_checked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_feature_element_choice_class_init (MoatFeatureElementChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_feature_element_choice_finalize;
  object_class->get_property = moat_feature_element_choice_get_property;
  object_class->set_property = moat_feature_element_choice_set_property;

  properties[PROP_ELEMENT] = g_param_spec_object ("element", NULL, NULL, MOAT_TYPE_ELEMENT,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIAGRAM_TITLE] = g_param_spec_string ("diagram-title", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKED] = g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_feature_element_choice_init (MoatFeatureElementChoice *self)
{
}

MoatFeatureElementChoice *
moat_feature_element_choice_new (MoatElement *element,
                                 const char  *diagram_title)
{
  MoatFeatureElementChoice *self = g_object_new (MOAT_TYPE_FEATURE_ELEMENT_CHOICE, NULL);
  const char *name = moat_element_get_name (element);
  g_autofree char *one_line = g_strdup (name != NULL && *name != '\0' ? name : moat_object_get_id (MOAT_OBJECT (element)));

  self->element = g_object_ref (element);
  /* The list shows one line per element. */
  self->name = g_strdelimit (g_steal_pointer (&one_line), "\r\n", ' ');
  self->diagram_title = g_strdup (diagram_title);
  return self;
}

MoatElement *
moat_feature_element_choice_get_element (MoatFeatureElementChoice *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_ELEMENT_CHOICE (self), NULL);

  return self->element;
}

gboolean
moat_feature_element_choice_get_checked (MoatFeatureElementChoice *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_ELEMENT_CHOICE (self), FALSE);

  return self->checked;
}

void
moat_feature_element_choice_set_checked (MoatFeatureElementChoice *self,
                                         gboolean                  checked)
{
  g_return_if_fail (MOAT_IS_FEATURE_ELEMENT_CHOICE (self));

  if (self->checked == !!checked)
    return;
  self->checked = !!checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}
