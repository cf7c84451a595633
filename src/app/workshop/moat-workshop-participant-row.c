/* moat-workshop-participant-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of one entry of the session's participants: the stage makes
 * its rows anew when they change.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-participant-row.h"
#include "moat-workshop-reflection.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopParticipantRow
{
  GtkWidget  parent_instance;

  guint      index;

  GtkLabel  *name;
  GtkLabel  *role;
  GtkWidget *remove;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopParticipantRow, moat_workshop_participant_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_remove_clicked (MoatWorkshopParticipantRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

/**
 * moat_workshop_participant_row_get_index:
 *
 * Returns: the participant's place in the session's list
 */
guint
moat_workshop_participant_row_get_index (MoatWorkshopParticipantRow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_PARTICIPANT_ROW (self), 0);

  return self->index;
}

static void
moat_workshop_participant_row_dispose (GObject *object)
{
  moat_workshop_dispose_template (GTK_WIDGET (object), MOAT_TYPE_WORKSHOP_PARTICIPANT_ROW);

  G_OBJECT_CLASS (moat_workshop_participant_row_parent_class)->dispose (object);
}

static void
moat_workshop_participant_row_class_init (MoatWorkshopParticipantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_participant_row_dispose;

  /**
   * MoatWorkshopParticipantRow::remove:
   *
   * Emitted when the facilitator asks to take the participant off.
   */
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-participant-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopParticipantRow, name);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopParticipantRow, role);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopParticipantRow, remove);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
moat_workshop_participant_row_init (MoatWorkshopParticipantRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * moat_workshop_participant_row_new:
 * @role: the role's nick, as the session keeps it
 * @index: the participant's place in the session's list
 *
 * Returns: (transfer floating): a row showing the participant
 */
GtkWidget *
moat_workshop_participant_row_new (const char *name,
                                   const char *role,
                                   guint       index)
{
  MoatWorkshopParticipantRow *self = g_object_new (MOAT_TYPE_WORKSHOP_PARTICIPANT_ROW, NULL);
  g_autofree char *spoken = g_strdup_printf (_("Remove %s"), name);

  self->index = index;
  gtk_label_set_text (self->name, name);
  gtk_label_set_text (self->role, moat_workshop_role_get_label (role));
  gtk_widget_set_tooltip_text (self->remove, spoken);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return GTK_WIDGET (self);
}
