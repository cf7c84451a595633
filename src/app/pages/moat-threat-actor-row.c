/* moat-threat-actor-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-threat-actor-row.h"

struct _MoatThreatActorRow
{
  MoatObjectRow  parent_instance;

  AdwEntryRow   *name_row;
  AdwEntryRow   *description_row;
  AdwEntryRow   *motivation_row;
  GtkSpinButton *capability;
  GtkWidget     *delete_button;
};

G_DEFINE_FINAL_TYPE (MoatThreatActorRow, moat_threat_actor_row, MOAT_TYPE_OBJECT_ROW)

static char *
moat_threat_actor_row_describe (MoatObjectRow *row)
{
  MoatThreatActor *actor = MOAT_THREAT_ACTOR (moat_object_row_get_object (row));
  const char *motivation = moat_threat_actor_get_motivation (actor);

  if (motivation == NULL || *motivation == '\0')
    return g_strdup_printf (_("Capability %d"), moat_threat_actor_get_capability (actor));
  return g_strdup_printf (_("Capability %d · %s"), moat_threat_actor_get_capability (actor), motivation);
}

static void
moat_threat_actor_row_class_init (MoatThreatActorRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MoatObjectRowClass *row_class = MOAT_OBJECT_ROW_CLASS (klass);

  row_class->describe = moat_threat_actor_row_describe;
  row_class->unnamed = N_("Unnamed threat actor");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/pages/moat-threat-actor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatThreatActorRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MoatThreatActorRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, MoatThreatActorRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, MoatThreatActorRow, motivation_row);
  gtk_widget_class_bind_template_child (widget_class, MoatThreatActorRow, capability);
}

static void
moat_threat_actor_row_init (MoatThreatActorRow *self)
{
  MoatObjectRow *row = MOAT_OBJECT_ROW (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  moat_object_row_set_delete_button (row, self->delete_button);
  moat_object_row_bind (row, GTK_WIDGET (self->name_row), "name");
  moat_object_row_bind (row, GTK_WIDGET (self->description_row), "description");
  moat_object_row_bind (row, GTK_WIDGET (self->motivation_row), "motivation");
  moat_object_row_bind (row, GTK_WIDGET (self->capability), "capability");
}
