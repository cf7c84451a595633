/* moat-link-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-link-row.h"
#include "moat-risk.h"
#include "moat-risk-chip.h"

struct _MoatLinkRow
{
  AdwActionRow  parent_instance;

  MoatModel    *model;
  MoatObject   *object;

  MoatRiskChip *chip;
  GtkWidget    *unlink_button;
};

G_DEFINE_FINAL_TYPE (MoatLinkRow, moat_link_row, ADW_TYPE_ACTION_ROW)

static void
update (MoatLinkRow *self)
{
  g_autofree char *title = moat_label_object_title (self->object);
  g_autofree char *subtitle = moat_label_object_context (self->model, self->object);
  g_autofree char *spoken = g_strdup_printf (_("Unlink “%s”"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unlink_button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  if (MOAT_IS_THREAT (self->object))
    {
      MoatRiskAssessment risk;

      moat_risk_assess (self->model, MOAT_THREAT (self->object), &risk);
      moat_risk_chip_set_level (self->chip, risk.level);
      moat_risk_chip_set_dimmed (self->chip, !risk.open);
    }
}

/**
 * moat_link_row_new:
 * @model: the model @object belongs to
 * @object: the linked object
 */
GtkWidget *
moat_link_row_new (MoatModel  *model,
                   MoatObject *object)
{
  MoatLinkRow *self = g_object_new (MOAT_TYPE_LINK_ROW, NULL);

  self->model = g_object_ref (model);
  self->object = g_object_ref (object);
  gtk_widget_set_visible (GTK_WIDGET (self->chip), MOAT_IS_THREAT (object));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->unlink_button), "s", moat_object_get_id (object));
  g_signal_connect_object (object, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

/**
 * moat_link_row_get_object:
 *
 * Returns: (transfer none): the linked object
 */
MoatObject *
moat_link_row_get_object (MoatLinkRow *self)
{
  g_return_val_if_fail (MOAT_IS_LINK_ROW (self), NULL);

  return self->object;
}

static void
moat_link_row_dispose (GObject *object)
{
  MoatLinkRow *self = MOAT_LINK_ROW (object);

  g_clear_object (&self->object);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (moat_link_row_parent_class)->dispose (object);
}

static void
moat_link_row_class_init (MoatLinkRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_link_row_dispose;

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/analysis/moat-link-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatLinkRow, chip);
  gtk_widget_class_bind_template_child (widget_class, MoatLinkRow, unlink_button);
}

static void
moat_link_row_init (MoatLinkRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
