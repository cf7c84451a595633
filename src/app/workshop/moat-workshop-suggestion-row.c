/* moat-workshop-suggestion-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-risk-chip.h"
#include "moat-workshop-suggestion-row.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopSuggestionRow
{
  GtkWidget       parent_instance;

  MoatSuggestion *suggestion;

  GtkLabel       *title;
  GtkLabel       *category;
  MoatRiskChip   *level;
  GtkWidget      *accept;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopSuggestionRow, moat_workshop_suggestion_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUGGESTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ACCEPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_suggestion (MoatWorkshopSuggestionRow *self)
{
  g_autofree char *spoken = NULL;

  if (self->suggestion == NULL)
    return;
  spoken = g_strdup_printf (_("Accept “%s”"), moat_suggestion_get_title (self->suggestion));
  gtk_label_set_text (self->title, moat_suggestion_get_title (self->suggestion));
  gtk_label_set_text (self->category, moat_label_category (moat_suggestion_get_category (self->suggestion)));
  moat_risk_chip_set_level (self->level, moat_suggestion_get_level (self->suggestion));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
on_accept_clicked (MoatWorkshopSuggestionRow *self)
{
  g_signal_emit (self, signals[SIGNAL_ACCEPT], 0);
}

/**
 * moat_workshop_suggestion_row_get_suggestion:
 *
 * Returns: (transfer none): the suggestion shown
 */
MoatSuggestion *
moat_workshop_suggestion_row_get_suggestion (MoatWorkshopSuggestionRow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SUGGESTION_ROW (self), NULL);

  return self->suggestion;
}

static void
moat_workshop_suggestion_row_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  MoatWorkshopSuggestionRow *self = MOAT_WORKSHOP_SUGGESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_SUGGESTION:
      g_value_set_object (value, self->suggestion);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_suggestion_row_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  MoatWorkshopSuggestionRow *self = MOAT_WORKSHOP_SUGGESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_SUGGESTION:
      g_set_object (&self->suggestion, g_value_get_object (value));
      show_suggestion (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_suggestion_row_dispose (GObject *object)
{
  MoatWorkshopSuggestionRow *self = MOAT_WORKSHOP_SUGGESTION_ROW (object);

  g_clear_object (&self->suggestion);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_SUGGESTION_ROW);

  G_OBJECT_CLASS (moat_workshop_suggestion_row_parent_class)->dispose (object);
}

static void
moat_workshop_suggestion_row_class_init (MoatWorkshopSuggestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_suggestion_row_dispose;
  object_class->get_property = moat_workshop_suggestion_row_get_property;
  object_class->set_property = moat_workshop_suggestion_row_set_property;

  /**
   * MoatWorkshopSuggestionRow:suggestion:
   *
   * The suggestion shown.
   */
  properties[PROP_SUGGESTION] =
    g_param_spec_object ("suggestion", NULL, NULL, MOAT_TYPE_SUGGESTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatWorkshopSuggestionRow::accept:
   *
   * Emitted when the group accepts the suggestion with its button.
   */
  signals[SIGNAL_ACCEPT] =
    g_signal_new ("accept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-suggestion-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSuggestionRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSuggestionRow, category);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSuggestionRow, level);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSuggestionRow, accept);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_clicked);
}

static void
moat_workshop_suggestion_row_init (MoatWorkshopSuggestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
moat_workshop_suggestion_row_new (MoatSuggestion *suggestion)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_SUGGESTION_ROW, "suggestion", suggestion, NULL);
}
