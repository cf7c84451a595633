/* moat-workshop-control-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot: the roadmap makes its rows anew after each edit.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-workshop-control-row.h"
#include "moat-workshop-util.h"
#include "moat-workshop-removal-row.h"

#define THREATS_PER_CONTROL 3

struct _MoatWorkshopControlRow
{
  GtkWidget    parent_instance;

  MoatModel   *model;
  MoatControl *control;

  GtkLabel    *rank;
  GtkLabel    *title;
  GtkLabel    *details;
  GtkBox      *removals;
  GtkLabel    *more;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopControlRow, moat_workshop_control_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CONTROL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
control_details (MoatControl *control)
{
  const char * const *threats = moat_control_get_threat_ids (control);
  guint n = threats != NULL ? g_strv_length ((char **) threats) : 0;
  g_autofree char *addressed = g_strdup_printf (ngettext ("addresses %u threat",
                                                          "addresses %u threats", n), n);

  /* Translators: a control's status, effort and reach, as in "Planned · Small effort · addresses 2 threats" */
  return g_strdup_printf (_("%s · %s · %s"),
                          moat_label_control_status (moat_control_get_status (control)),
                          moat_label_effort (moat_control_get_effort (control)),
                          addressed);
}

/* The risk it removes, inherent → residual, from the first threats it
 * addresses. */
static void
show_removals (MoatWorkshopControlRow *self)
{
  const char * const *ids = moat_control_get_threat_ids (self->control);
  GtkWidget *child;
  guint shown = 0, more = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->removals))) != GTK_WIDGET (self->more))
    gtk_box_remove (self->removals, child);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatThreat *threat = moat_model_lookup_typed (self->model, ids[i], MOAT_TYPE_THREAT);

      if (threat == NULL)
        continue;
      if (shown == THREATS_PER_CONTROL)
        {
          more++;
          continue;
        }
      gtk_box_insert_child_after (self->removals,
                                  moat_workshop_removal_row_new (self->model, self->control, threat),
                                  gtk_widget_get_prev_sibling (GTK_WIDGET (self->more)));
      shown++;
    }
  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("and %u more threat", "and %u more threats", more), more);
      gtk_label_set_text (self->more, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more), more > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->removals), shown > 0);
}

static void
show_control (MoatWorkshopControlRow *self)
{
  g_autofree char *details = NULL;

  if (self->control == NULL)
    return;
  details = control_details (self->control);
  gtk_label_set_text (self->title, moat_control_get_title (self->control));
  gtk_label_set_text (self->details, details);
  if (self->model != NULL)
    show_removals (self);
}

/**
 * moat_workshop_control_row_get_control:
 *
 * Returns: (transfer none): the control shown
 */
MoatControl *
moat_workshop_control_row_get_control (MoatWorkshopControlRow *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_CONTROL_ROW (self), NULL);

  return self->control;
}

static void
moat_workshop_control_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MoatWorkshopControlRow *self = MOAT_WORKSHOP_CONTROL_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CONTROL:
      g_value_set_object (value, self->control);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_control_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MoatWorkshopControlRow *self = MOAT_WORKSHOP_CONTROL_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_set_object (&self->model, g_value_get_object (value));
      break;
    case PROP_CONTROL:
      g_set_object (&self->control, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  show_control (self);
}

static void
moat_workshop_control_row_dispose (GObject *object)
{
  MoatWorkshopControlRow *self = MOAT_WORKSHOP_CONTROL_ROW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->control);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_CONTROL_ROW);

  G_OBJECT_CLASS (moat_workshop_control_row_parent_class)->dispose (object);
}

static void
moat_workshop_control_row_class_init (MoatWorkshopControlRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_control_row_dispose;
  object_class->get_property = moat_workshop_control_row_get_property;
  object_class->set_property = moat_workshop_control_row_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTROL] =
    g_param_spec_object ("control", NULL, NULL, MOAT_TYPE_CONTROL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-control-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopControlRow, rank);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopControlRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopControlRow, details);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopControlRow, removals);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopControlRow, more);
}

static void
moat_workshop_control_row_init (MoatWorkshopControlRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * moat_workshop_control_row_new:
 * @rank: (nullable): its place on the roadmap, or %NULL off it
 *
 * Returns: (transfer floating): a row showing @control
 */
GtkWidget *
moat_workshop_control_row_new (MoatModel   *model,
                               MoatControl *control,
                               const char  *rank)
{
  MoatWorkshopControlRow *self = g_object_new (MOAT_TYPE_WORKSHOP_CONTROL_ROW,
                                               "model", model, "control", control, NULL);

  gtk_label_set_text (self->rank, rank);
  gtk_widget_set_visible (GTK_WIDGET (self->rank), rank != NULL);
  return GTK_WIDGET (self);
}
