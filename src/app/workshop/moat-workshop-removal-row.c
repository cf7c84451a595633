/* moat-workshop-removal-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-risk-chip.h"
#include "moat-workshop-removal-row.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopRemovalRow
{
  GtkWidget     parent_instance;

  MoatModel    *model;
  MoatControl  *control;
  MoatThreat   *threat;

  GtkLabel     *title;
  MoatRiskChip *inherent;
  GtkWidget    *arrow;
  MoatRiskChip *residual;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopRemovalRow, moat_workshop_removal_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CONTROL,
  PROP_THREAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_removal (MoatWorkshopRemovalRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *spoken = NULL;
  MoatRiskAssessment risk;

  if (self->model == NULL || self->control == NULL || self->threat == NULL)
    return;
  title = moat_label_object_title (MOAT_OBJECT (self->threat));
  moat_risk_assess_with_control (self->model, self->threat, self->control, &risk);
  /* Translators: the risk a control removes from a threat, as in "Critical, then High once in place" */
  spoken = g_strdup_printf (_("%s, then %s once in place"), moat_risk_level_get_label (risk.level),
                            moat_risk_level_get_label (risk.residual_level));
  gtk_label_set_text (self->title, title);
  moat_risk_chip_set_level (self->inherent, risk.level);
  moat_risk_chip_set_level (self->residual, risk.residual_level);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/**
 * moat_workshop_removal_row_get_control:
 *
 * Returns: (transfer none): the control that removes the risk
 */
MoatControl *
moat_workshop_removal_row_get_control (MoatWorkshopRemovalRow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_REMOVAL_ROW (self), NULL);

  return self->control;
}

/**
 * moat_workshop_removal_row_get_threat:
 *
 * Returns: (transfer none): the threat whose risk it removes
 */
MoatThreat *
moat_workshop_removal_row_get_threat (MoatWorkshopRemovalRow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_REMOVAL_ROW (self), NULL);

  return self->threat;
}

static void
moat_workshop_removal_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MoatWorkshopRemovalRow *self = MOAT_WORKSHOP_REMOVAL_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CONTROL:
      g_value_set_object (value, self->control);
      break;
    case PROP_THREAT:
      g_value_set_object (value, self->threat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_removal_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MoatWorkshopRemovalRow *self = MOAT_WORKSHOP_REMOVAL_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_set_object (&self->model, g_value_get_object (value));
      break;
    case PROP_CONTROL:
      g_set_object (&self->control, g_value_get_object (value));
      break;
    case PROP_THREAT:
      g_set_object (&self->threat, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  show_removal (self);
}

static void
moat_workshop_removal_row_dispose (GObject *object)
{
  MoatWorkshopRemovalRow *self = MOAT_WORKSHOP_REMOVAL_ROW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->control);
  g_clear_object (&self->threat);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_REMOVAL_ROW);

  G_OBJECT_CLASS (moat_workshop_removal_row_parent_class)->dispose (object);
}

static void
moat_workshop_removal_row_class_init (MoatWorkshopRemovalRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_removal_row_dispose;
  object_class->get_property = moat_workshop_removal_row_get_property;
  object_class->set_property = moat_workshop_removal_row_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTROL] =
    g_param_spec_object ("control", NULL, NULL, MOAT_TYPE_CONTROL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THREAT] =
    g_param_spec_object ("threat", NULL, NULL, MOAT_TYPE_THREAT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-removal-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRemovalRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRemovalRow, inherent);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRemovalRow, arrow);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRemovalRow, residual);
}

static void
moat_workshop_removal_row_init (MoatWorkshopRemovalRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
moat_workshop_removal_row_new (MoatModel   *model,
                               MoatControl *control,
                               MoatThreat  *threat)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_REMOVAL_ROW,
                       "model", model, "control", control, "threat", threat, NULL);
}
