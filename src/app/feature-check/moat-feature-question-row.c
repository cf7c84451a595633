/* moat-feature-question-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-feature-question-row.h"

struct _MoatFeatureQuestionRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *answer_label;
  GtkSwitch    *answer_switch;
};

G_DEFINE_FINAL_TYPE (MoatFeatureQuestionRow, moat_feature_question_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_YES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The answer in words beside the switch: a switch alone does not read
 * as "yes" or "no" to everyone. */
static void
on_answer_changed (MoatFeatureQuestionRow *self)
{
  gboolean yes = gtk_switch_get_active (self->answer_switch);

  gtk_label_set_label (self->answer_label, yes ? _("Yes") : _("No"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YES]);
}

static void
moat_feature_question_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MoatFeatureQuestionRow *self = MOAT_FEATURE_QUESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_YES:
      g_value_set_boolean (value, moat_feature_question_row_get_yes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_feature_question_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MoatFeatureQuestionRow *self = MOAT_FEATURE_QUESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_YES:
      moat_feature_question_row_set_yes (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_feature_question_row_class_init (MoatFeatureQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = moat_feature_question_row_get_property;
  object_class->set_property = moat_feature_question_row_set_property;

  properties[PROP_YES] = g_param_spec_boolean ("yes", NULL, NULL, FALSE,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/feature-check/moat-feature-question-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureQuestionRow, answer_label);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureQuestionRow, answer_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_changed);
}

static void
moat_feature_question_row_init (MoatFeatureQuestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_answer_changed (self);
}

GtkWidget *
moat_feature_question_row_new (const MoatFeatureQuestion *question)
{
  MoatFeatureQuestionRow *self = g_object_new (MOAT_TYPE_FEATURE_QUESTION_ROW,
                                               "title", question->question,
                                               "subtitle", question->help,
                                               NULL);

  gtk_widget_set_name (GTK_WIDGET (self), question->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->answer_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  question->question, -1);
  return GTK_WIDGET (self);
}

gboolean
moat_feature_question_row_get_yes (MoatFeatureQuestionRow *self)
{
  g_return_val_if_fail (MOAT_IS_FEATURE_QUESTION_ROW (self), FALSE);

  return gtk_switch_get_active (self->answer_switch);
}

void
moat_feature_question_row_set_yes (MoatFeatureQuestionRow *self,
                                   gboolean                yes)
{
  g_return_if_fail (MOAT_IS_FEATURE_QUESTION_ROW (self));

  gtk_switch_set_active (self->answer_switch, yes);
}
