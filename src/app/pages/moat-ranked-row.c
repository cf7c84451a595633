/* moat-ranked-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-ranked-row.h"
#include "moat-risk-chip.h"

struct _MoatRankedRow
{
  AdwActionRow  parent_instance;

  MoatObject   *object;

  GtkLabel     *rank_label;
  GtkWidget    *invalidated_icon;
  MoatRiskChip *chip;
  GtkLabel     *gain_label;
  GtkWidget    *arrow;
};

G_DEFINE_FINAL_TYPE (MoatRankedRow, moat_ranked_row, ADW_TYPE_ACTION_ROW)

/**
 * moat_ranked_row_new:
 * @object: what the row ranks
 * @rank: its place in the list, from 1
 * @subtitle: why it ranks there
 */
GtkWidget *
moat_ranked_row_new (MoatObject *object,
                     guint       rank,
                     const char *subtitle)
{
  MoatRankedRow *self = g_object_new (MOAT_TYPE_RANKED_ROW, "subtitle", subtitle, NULL);
  g_autofree char *title = moat_label_object_title (object);
  g_autofree char *place = g_strdup_printf ("%u", rank);

  self->object = g_object_ref (object);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_label_set_label (self->rank_label, place);
  return GTK_WIDGET (self);
}

/**
 * moat_ranked_row_get_object:
 *
 * Returns: (transfer none): what the row ranks
 */
MoatObject *
moat_ranked_row_get_object (MoatRankedRow *self)
{
  g_return_val_if_fail (MOAT_IS_RANKED_ROW (self), NULL);

  return self->object;
}

/**
 * moat_ranked_row_set_level:
 * @level: the threat's risk level, shown as a chip
 */
void
moat_ranked_row_set_level (MoatRankedRow *self,
                           int            level)
{
  g_return_if_fail (MOAT_IS_RANKED_ROW (self));

  moat_risk_chip_set_level (self->chip, level);
  gtk_widget_set_visible (GTK_WIDGET (self->chip), TRUE);
}

/**
 * moat_ranked_row_set_gain:
 * @removed: the points of risk a control removes
 * @explained: the figure in words, for a tooltip and a screen reader
 */
void
moat_ranked_row_set_gain (MoatRankedRow *self,
                          int            removed,
                          const char    *explained)
{
  g_autofree char *text = g_strdup_printf ("−%d", removed);

  g_return_if_fail (MOAT_IS_RANKED_ROW (self));

  gtk_label_set_label (self->gain_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->gain_label), explained);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gain_label), GTK_ACCESSIBLE_PROPERTY_LABEL, explained, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->gain_label), TRUE);
}

/**
 * moat_ranked_row_set_invalidated:
 *
 * Marks an assumption proved wrong; there is nothing to open, so the row
 * stops being activatable.
 */
void
moat_ranked_row_set_invalidated (MoatRankedRow *self)
{
  g_return_if_fail (MOAT_IS_RANKED_ROW (self));

  gtk_widget_set_visible (self->invalidated_icon, TRUE);
  gtk_widget_set_visible (self->arrow, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

static void
moat_ranked_row_dispose (GObject *object)
{
  MoatRankedRow *self = MOAT_RANKED_ROW (object);

  g_clear_object (&self->object);

  G_OBJECT_CLASS (moat_ranked_row_parent_class)->dispose (object);
}

static void
moat_ranked_row_class_init (MoatRankedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_ranked_row_dispose;

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/pages/moat-ranked-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatRankedRow, rank_label);
  gtk_widget_class_bind_template_child (widget_class, MoatRankedRow, invalidated_icon);
  gtk_widget_class_bind_template_child (widget_class, MoatRankedRow, chip);
  gtk_widget_class_bind_template_child (widget_class, MoatRankedRow, gain_label);
  gtk_widget_class_bind_template_child (widget_class, MoatRankedRow, arrow);
}

static void
moat_ranked_row_init (MoatRankedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
