/* moat-workshop-roadmap.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order is moat_risk_roadmap()'s, worked out again after each edit:
 * a control captured in the workshop takes its place at once.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-workshop-roadmap.h"
#include "moat-workshop-columns.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopRoadmap
{
  GtkWidget           parent_instance;

  MoatModel          *model;
  GListStore         *roadmap;       /* of MoatControl, in roadmap order */
  GtkCustomFilter    *in_place_filter;
  GtkFilterListModel *in_place;
  guint               refresh_source;

  GtkWidget          *columns;
  GtkWidget          *roadmap_list;
  GtkWidget          *in_place_list;
  GtkWidget          *status_labels[MOAT_RISK_N_STATUSES];
};

G_DEFINE_FINAL_TYPE (MoatWorkshopRoadmap, moat_workshop_roadmap, GTK_TYPE_WIDGET)

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

static GtkWidget *
control_row (MoatControl *control,
             const char  *badge)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *details = control_details (control);

  if (badge != NULL)
    {
      GtkWidget *rank = gtk_label_new (badge);

      gtk_widget_add_css_class (rank, "workshop-level");
      gtk_widget_set_valign (rank, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), rank);
    }
  gtk_box_append (GTK_BOX (text), moat_workshop_label (moat_control_get_title (control), "workshop-strong"));
  gtk_box_append (GTK_BOX (text), moat_workshop_label (details, "workshop-dim"));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_add_css_class (box, "workshop-row");
  return box;
}

static GtkWidget *
create_roadmap_row (gpointer item,
                    gpointer user_data)
{
  MoatWorkshopRoadmap *self = user_data;
  guint position = 0;
  g_autofree char *rank = NULL;

  g_list_store_find (self->roadmap, item, &position);
  rank = g_strdup_printf ("%u", position + 1);
  return control_row (item, rank);
}

static GtkWidget *
create_in_place_row (gpointer item,
                     gpointer user_data)
{
  return control_row (item, NULL);
}

static gboolean
is_in_place (gpointer item,
             gpointer user_data)
{
  return moat_risk_control_steps (moat_control_get_status (item)) > 0;
}

static void
show_statuses (MoatWorkshopRoadmap *self)
{
  guint counts[MOAT_RISK_N_STATUSES] = { 0, };

  moat_risk_count_by_status (self->model, counts);
  for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[i]);
      gtk_label_set_text (GTK_LABEL (self->status_labels[i]), text);
    }
}

static gboolean
refresh (gpointer data)
{
  MoatWorkshopRoadmap *self = data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();

  self->refresh_source = 0;
  if (self->model != NULL)
    {
      items = moat_risk_roadmap (self->model);
      for (guint i = 0; i < items->len; i++)
        {
          MoatRoadmapItem *item = items->pdata[i];
          g_ptr_array_add (controls, item->control);
        }
      show_statuses (self);
    }
  /* All rows anew: their numbers follow their place. */
  g_list_store_splice (self->roadmap, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roadmap)),
                       controls->pdata, controls->len);
  gtk_filter_changed (GTK_FILTER (self->in_place_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->in_place_list), G_LIST_MODEL (self->in_place),
                           create_in_place_row, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_model_changed (MoatWorkshopRoadmap *self,
                  MoatChange          *change)
{
  if ((MOAT_IS_CONTROL (change->object) || MOAT_IS_THREAT (change->object)
       || MOAT_IS_ASSET (change->object) || MOAT_IS_ELEMENT (change->object))
      && self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh, self);
}

void
moat_workshop_roadmap_set_model (MoatWorkshopRoadmap *self,
                                 MoatModel           *model)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_ROADMAP (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  gtk_filter_list_model_set_model (self->in_place,
                                   model ? moat_model_get_list (model, MOAT_TYPE_CONTROL) : NULL);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh (self);
}

/**
 * moat_workshop_roadmap_get_roadmap:
 *
 * Returns: (transfer none): the controls on the roadmap, in its order
 */
GListModel *
moat_workshop_roadmap_get_roadmap (MoatWorkshopRoadmap *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_ROADMAP (self), NULL);

  return G_LIST_MODEL (self->roadmap);
}

static GtkWidget *
build_list (const char *name,
            const char *empty)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), moat_workshop_empty_row (empty));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return list;
}

static GtkWidget *
build_statuses (MoatWorkshopRoadmap *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
    {
      GtkWidget *name = moat_workshop_label (moat_label_threat_status (i), NULL);

      self->status_labels[i] = gtk_label_new ("0");
      gtk_widget_add_css_class (self->status_labels[i], "workshop-strong");
      gtk_widget_add_css_class (self->status_labels[i], "numeric");
      gtk_label_set_xalign (GTK_LABEL (self->status_labels[i]), 1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->status_labels[i]),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), self->status_labels[i], 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), name, 1, i, 1, 1);
    }
  return grid;
}

static void
build (MoatWorkshopRoadmap *self)
{
  GtkWidget *left = moat_workshop_column ();
  GtkWidget *right = moat_workshop_column ();
  GtkWidget *roadmap_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  self->roadmap_list = build_list (_("Roadmap"), _("No controls to build. Press C to add one."));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->roadmap_list), G_LIST_MODEL (self->roadmap),
                           create_roadmap_row, self, NULL);
  self->in_place_list = build_list (_("Controls in place"), _("None yet"));

  gtk_box_append (GTK_BOX (roadmap_box),
                  moat_workshop_label (_("Controls still to build, the most risk removed for the effort first."),
                                       "workshop-dim"));
  gtk_box_append (GTK_BOX (roadmap_box), self->roadmap_list);
  gtk_box_append (GTK_BOX (left), moat_workshop_section (_("Roadmap"), roadmap_box));
  gtk_box_append (GTK_BOX (right), moat_workshop_section (_("In Place"), self->in_place_list));
  gtk_box_append (GTK_BOX (right), moat_workshop_section (_("Threats"), build_statuses (self)));

  self->columns = moat_workshop_scroller (moat_workshop_columns_new (left, right));
  gtk_widget_set_parent (self->columns, GTK_WIDGET (self));
}

static void
moat_workshop_roadmap_dispose (GObject *object)
{
  MoatWorkshopRoadmap *self = MOAT_WORKSHOP_ROADMAP (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_pointer (&self->columns, gtk_widget_unparent);
  g_clear_object (&self->model);
  g_clear_object (&self->roadmap);
  g_clear_object (&self->in_place);

  G_OBJECT_CLASS (moat_workshop_roadmap_parent_class)->dispose (object);
}

static void
moat_workshop_roadmap_class_init (MoatWorkshopRoadmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_roadmap_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
moat_workshop_roadmap_init (MoatWorkshopRoadmap *self)
{
  self->roadmap = g_list_store_new (MOAT_TYPE_CONTROL);
  self->in_place_filter = gtk_custom_filter_new (is_in_place, NULL, NULL);
  self->in_place = gtk_filter_list_model_new (NULL, GTK_FILTER (self->in_place_filter));
  build (self);
}

GtkWidget *
moat_workshop_roadmap_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_ROADMAP, NULL);
}
