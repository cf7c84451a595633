/* moat-item-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-item-row.h"
#include "moat-risk.h"
#include "moat-risk-chip.h"

struct _MoatItemRow
{
  GtkWidget     parent_instance;

  GtkLabel     *title;
  GtkLabel     *subtitle;
  GtkWidget    *flag;
  MoatRiskChip *chip;
  MoatRiskChip *residual_chip;
};

G_DEFINE_FINAL_TYPE (MoatItemRow, moat_item_row, GTK_TYPE_WIDGET)

void
moat_item_info_clear (MoatItemInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->subtitle, g_free);
  g_clear_pointer (&info->flag, g_free);
}

/* What the chips show, for a screen reader: which level is which. */
static void
append_spoken_levels (GString            *spoken,
                      const MoatItemInfo *info)
{
  if (info->level < 0)
    return;
  if (info->residual_level < 0)
    /* Translators: a threat's risk, for a screen reader: "inherent risk High" */
    g_string_append_printf (spoken, _(", inherent risk %s"), moat_risk_level_get_label (info->level));
  else
    /* Translators: "inherent risk High, residual risk Medium" */
    g_string_append_printf (spoken, _(", inherent risk %s, residual risk %s"),
                            moat_risk_level_get_label (info->level),
                            moat_risk_level_get_label (info->residual_level));
}

static void
speak (MoatItemRow        *self,
       const MoatItemInfo *info)
{
  g_autoptr(GString) spoken = g_string_new (info->title);

  if (info->subtitle != NULL)
    g_string_append_printf (spoken, ", %s", info->subtitle);
  append_spoken_levels (spoken, info);
  if (info->flag != NULL)
    g_string_append_printf (spoken, ", %s", info->flag);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken->str, -1);
}

/**
 * moat_item_row_show:
 * @info: what to show
 */
void
moat_item_row_show (MoatItemRow        *self,
                    const MoatItemInfo *info)
{
  g_return_if_fail (MOAT_IS_ITEM_ROW (self));

  gtk_label_set_label (self->title, info->title);
  gtk_label_set_label (self->subtitle, info->subtitle ? info->subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), info->subtitle && *info->subtitle);
  moat_risk_chip_set_level (self->chip, info->level);
  moat_risk_chip_set_dimmed (self->chip, info->closed);
  moat_risk_chip_set_level (self->residual_chip, info->residual_level);
  moat_risk_chip_set_dimmed (self->residual_chip, info->closed);
  gtk_widget_set_visible (self->flag, info->flag != NULL);
  gtk_widget_set_tooltip_text (self->flag, info->flag);
  if (info->closed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "closed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "closed");
  speak (self, info);
}

GtkWidget *
moat_item_row_new (void)
{
  return g_object_new (MOAT_TYPE_ITEM_ROW, NULL);
}

static void
moat_item_row_dispose (GObject *object)
{
  GtkWidget *child;

  /* The row's children are the template's, some without an id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (moat_item_row_parent_class)->dispose (object);
}

static void
moat_item_row_class_init (MoatItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_item_row_dispose;

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatItemRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatItemRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, MoatItemRow, flag);
  gtk_widget_class_bind_template_child (widget_class, MoatItemRow, chip);
  gtk_widget_class_bind_template_child (widget_class, MoatItemRow, residual_chip);
}

static void
moat_item_row_init (MoatItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 10);
}
