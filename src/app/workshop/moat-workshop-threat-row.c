/* moat-workshop-threat-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot: the stage that shows the row makes it anew when the threat
 * or its risk changes.
 */

#include "config.h"

#include "moat-labels.h"
#include "moat-risk-chip.h"
#include "moat-workshop-threat-row.h"
#include "moat-workshop-util.h"

/* A row with a number leaves it a little more room. */
#define SPACING          12
#define SPACING_NUMBERED 14

struct _MoatWorkshopThreatRow
{
  GtkWidget                 parent_instance;

  MoatModel                *model;
  MoatThreat               *threat;
  MoatWorkshopThreatDetail  detail_kind;
  MoatWorkshopResidual      residual_kind;

  GtkLabel                 *number;
  GtkLabel                 *title;
  GtkLabel                 *detail;
  MoatRiskChip             *inherent;
  GtkWidget                *residual_badge;
  MoatRiskChip             *residual;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopThreatRow, moat_workshop_threat_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_THREAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
detail_text (MoatWorkshopThreatRow *self)
{
  switch (self->detail_kind)
    {
    case MOAT_WORKSHOP_THREAT_IMPACT:
      return moat_risk_describe_impact (self->model, self->threat);
    case MOAT_WORKSHOP_THREAT_CATEGORY:
      return g_strdup (moat_label_category (moat_threat_get_category (self->threat)));
    case MOAT_WORKSHOP_THREAT_STATUS:
    default:
      return g_strdup (moat_label_threat_status (moat_threat_get_status (self->threat)));
    }
}

static void
show_threat (MoatWorkshopThreatRow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  MoatRiskAssessment risk;

  if (self->model == NULL || self->threat == NULL)
    return;
  title = moat_label_object_title (MOAT_OBJECT (self->threat));
  detail = detail_text (self);
  moat_risk_assess (self->model, self->threat, &risk);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->detail, detail);
  moat_risk_chip_set_level (self->inherent, risk.level);
  moat_risk_chip_set_level (self->residual, risk.residual_level);
  gtk_widget_set_visible (self->residual_badge,
                          self->residual_kind == MOAT_WORKSHOP_RESIDUAL_ALWAYS
                          || (self->residual_kind == MOAT_WORKSHOP_RESIDUAL_CHANGED
                              && risk.residual_level != risk.level));
}

/**
 * moat_workshop_threat_row_set_number:
 * @number: (nullable): the number to press or the rank, or %NULL for none
 * @valign: beside the first line (a rank), or centred (a key to press)
 */
void
moat_workshop_threat_row_set_number (MoatWorkshopThreatRow *self,
                                     const char            *number,
                                     GtkAlign               valign)
{
  GtkLayoutManager *layout;

  g_return_if_fail (MOAT_IS_WORKSHOP_THREAT_ROW (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_label_set_text (self->number, number);
  gtk_widget_set_valign (GTK_WIDGET (self->number), valign);
  gtk_widget_set_visible (GTK_WIDGET (self->number), number != NULL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), number != NULL ? SPACING_NUMBERED : SPACING);
}

/**
 * moat_workshop_threat_row_get_threat:
 *
 * Returns: (transfer none): the threat shown
 */
MoatThreat *
moat_workshop_threat_row_get_threat (MoatWorkshopThreatRow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREAT_ROW (self), NULL);

  return self->threat;
}

static void
moat_workshop_threat_row_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MoatWorkshopThreatRow *self = MOAT_WORKSHOP_THREAT_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_THREAT:
      g_value_set_object (value, self->threat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_threat_row_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MoatWorkshopThreatRow *self = MOAT_WORKSHOP_THREAT_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_set_object (&self->model, g_value_get_object (value));
      show_threat (self);
      break;
    case PROP_THREAT:
      g_set_object (&self->threat, g_value_get_object (value));
      show_threat (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_threat_row_dispose (GObject *object)
{
  MoatWorkshopThreatRow *self = MOAT_WORKSHOP_THREAT_ROW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->threat);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_THREAT_ROW);

  G_OBJECT_CLASS (moat_workshop_threat_row_parent_class)->dispose (object);
}

static void
moat_workshop_threat_row_class_init (MoatWorkshopThreatRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_threat_row_dispose;
  object_class->get_property = moat_workshop_threat_row_get_property;
  object_class->set_property = moat_workshop_threat_row_set_property;

  /**
   * MoatWorkshopThreatRow:model:
   *
   * The model the threat's risk is assessed in.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatWorkshopThreatRow:threat:
   *
   * The threat shown.
   */
  properties[PROP_THREAT] =
    g_param_spec_object ("threat", NULL, NULL, MOAT_TYPE_THREAT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-threat-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreatRow, number);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreatRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreatRow, detail);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreatRow, inherent);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreatRow, residual_badge);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreatRow, residual);
}

static void
moat_workshop_threat_row_init (MoatWorkshopThreatRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * moat_workshop_threat_row_new:
 * @detail: what to say under the title
 * @residual: when to show the residual level
 *
 * Returns: (transfer floating): a row showing @threat
 */
GtkWidget *
moat_workshop_threat_row_new (MoatModel                *model,
                              MoatThreat               *threat,
                              MoatWorkshopThreatDetail  detail,
                              MoatWorkshopResidual      residual)
{
  MoatWorkshopThreatRow *self = g_object_new (MOAT_TYPE_WORKSHOP_THREAT_ROW, NULL);

  self->detail_kind = detail;
  self->residual_kind = residual;
  g_object_set (self, "model", model, "threat", threat, NULL);
  return GTK_WIDGET (self);
}
