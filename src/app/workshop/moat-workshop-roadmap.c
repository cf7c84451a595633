/* moat-workshop-roadmap.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The order is moat_risk_roadmap()'s, worked out again after each edit:
 * a control captured in the workshop takes its place at once. Beside the
 * roadmap, the top risks; under each control, the risk it removes from
 * each threat it addresses: the inherent level, and the residual once it
 * is in place (moat_risk_assess_with_control()).
 */

#include "config.h"

#include "moat-labels.h"
#include "moat-workshop-columns.h"
#include "moat-workshop-control-row.h"
#include "moat-workshop-coverage.h"
#include "moat-workshop-roadmap.h"
#include "moat-workshop-util.h"
#include "moat-workshop-threat-row.h"

#define TOP_RISKS 5

struct _MoatWorkshopRoadmap
{
  MoatPage              parent_instance;

  GListStore           *roadmap;       /* of MoatControl, in roadmap order */
  GListStore           *top;           /* of MoatThreat, the worst first */
  GtkCustomFilter      *in_place_filter;
  GtkFilterListModel   *in_place;
  guint                 refresh_source;

  GtkListBox           *roadmap_list;
  GtkListBox           *top_list;
  GtkListBox           *in_place_list;
  GtkWidget            *status_counts[MOAT_RISK_N_STATUSES];
  GtkWidget            *status_names[MOAT_RISK_N_STATUSES];
  MoatWorkshopCoverage *coverage;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopRoadmap, moat_workshop_roadmap, MOAT_TYPE_PAGE)

/* The number of an item in @store, from 1. */
static char *
rank_in (GListStore *store,
         gpointer    item)
{
  guint position = 0;

  g_list_store_find (store, item, &position);
  return g_strdup_printf ("%u", position + 1);
}

static GtkWidget *
create_top_row (gpointer item,
                gpointer user_data)
{
  MoatWorkshopRoadmap *self = user_data;
  g_autofree char *rank = rank_in (self->top, item);
  GtkWidget *row = moat_workshop_threat_row_new (moat_page_get_model (MOAT_PAGE (self)), item,
                                                 MOAT_WORKSHOP_THREAT_IMPACT, MOAT_WORKSHOP_RESIDUAL_ALWAYS);

  moat_workshop_threat_row_set_number (MOAT_WORKSHOP_THREAT_ROW (row), rank, GTK_ALIGN_START);
  return row;
}

static GtkWidget *
create_roadmap_row (gpointer item,
                    gpointer user_data)
{
  MoatWorkshopRoadmap *self = user_data;
  g_autofree char *rank = rank_in (self->roadmap, item);

  return moat_workshop_control_row_new (moat_page_get_model (MOAT_PAGE (self)), item, rank);
}

static GtkWidget *
create_in_place_row (gpointer item,
                     gpointer user_data)
{
  MoatWorkshopRoadmap *self = user_data;

  return moat_workshop_control_row_new (moat_page_get_model (MOAT_PAGE (self)), item, NULL);
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

  moat_risk_count_by_status (moat_page_get_model (MOAT_PAGE (self)), counts);
  for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[i]);
      gtk_label_set_text (GTK_LABEL (self->status_counts[i]), text);
    }
}

static gboolean
refresh (gpointer data)
{
  MoatWorkshopRoadmap *self = data;
  MoatModel *model = moat_page_get_model (MOAT_PAGE (self));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GPtrArray) top = NULL;

  self->refresh_source = 0;
  if (model != NULL)
    {
      top = moat_risk_top_threats (model, TOP_RISKS, FALSE);
      g_list_store_splice (self->top, 0, g_list_model_get_n_items (G_LIST_MODEL (self->top)),
                           top->pdata, top->len);
      items = moat_risk_roadmap (model);
      for (guint i = 0; i < items->len; i++)
        {
          MoatRoadmapItem *item = items->pdata[i];
          g_ptr_array_add (controls, item->control);
        }
      show_statuses (self);
    }
  else
    g_list_store_remove_all (self->top);
  /* All rows anew: their numbers follow their place. */
  g_list_store_splice (self->roadmap, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roadmap)),
                       controls->pdata, controls->len);
  gtk_filter_changed (GTK_FILTER (self->in_place_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_list_box_bind_model (self->in_place_list, G_LIST_MODEL (self->in_place),
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

static void
moat_workshop_roadmap_model_changed (MoatPage  *page,
                                     MoatModel *previous)
{
  MoatWorkshopRoadmap *self = MOAT_WORKSHOP_ROADMAP (page);
  MoatModel *model = moat_page_get_model (page);

  gtk_filter_list_model_set_model (self->in_place,
                                   model ? moat_model_get_list (model, MOAT_TYPE_CONTROL) : NULL);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh (self);
}

/**
 * moat_workshop_roadmap_get_top_risks:
 *
 * Returns: (transfer none): the open threats of highest inherent risk,
 *   the worst first
 */
GListModel *
moat_workshop_roadmap_get_top_risks (MoatWorkshopRoadmap *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_ROADMAP (self), NULL);

  return G_LIST_MODEL (self->top);
}

/**
 * moat_workshop_roadmap_get_roadmap_list:
 *
 * Returns: (transfer none): the roadmap's rows
 */
GtkWidget *
moat_workshop_roadmap_get_roadmap_list (MoatWorkshopRoadmap *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_ROADMAP (self), NULL);

  return GTK_WIDGET (self->roadmap_list);
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

/**
 * moat_workshop_roadmap_get_coverage:
 *
 * Returns: (transfer none): the requirement coverage panel
 */
GtkWidget *
moat_workshop_roadmap_get_coverage (MoatWorkshopRoadmap *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_ROADMAP (self), NULL);

  return GTK_WIDGET (self->coverage);
}

static void
moat_workshop_roadmap_dispose (GObject *object)
{
  MoatWorkshopRoadmap *self = MOAT_WORKSHOP_ROADMAP (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_ROADMAP);
  g_clear_object (&self->roadmap);
  g_clear_object (&self->top);
  g_clear_object (&self->in_place);

  G_OBJECT_CLASS (moat_workshop_roadmap_parent_class)->dispose (object);
}

static void
moat_workshop_roadmap_class_init (MoatWorkshopRoadmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MoatPageClass *page_class = MOAT_PAGE_CLASS (klass);

  object_class->dispose = moat_workshop_roadmap_dispose;
  page_class->model_changed = moat_workshop_roadmap_model_changed;

  g_type_ensure (MOAT_TYPE_WORKSHOP_COLUMNS);
  g_type_ensure (MOAT_TYPE_WORKSHOP_COVERAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-roadmap.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRoadmap, roadmap_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRoadmap, top_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRoadmap, in_place_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopRoadmap, coverage);
  for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
    {
      g_autofree char *count = g_strdup_printf ("status_count_%u", i);
      g_autofree char *name = g_strdup_printf ("status_name_%u", i);

      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (count), FALSE,
                                                 G_STRUCT_OFFSET (MoatWorkshopRoadmap, status_counts[i]));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (name), FALSE,
                                                 G_STRUCT_OFFSET (MoatWorkshopRoadmap, status_names[i]));
    }
}

static void
moat_workshop_roadmap_init (MoatWorkshopRoadmap *self)
{
  self->roadmap = g_list_store_new (MOAT_TYPE_CONTROL);
  self->top = g_list_store_new (MOAT_TYPE_THREAT);
  self->in_place_filter = gtk_custom_filter_new (is_in_place, NULL, NULL);
  self->in_place = gtk_filter_list_model_new (NULL, GTK_FILTER (self->in_place_filter));
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < MOAT_RISK_N_STATUSES; i++)
    gtk_label_set_text (GTK_LABEL (self->status_names[i]), moat_label_threat_status (i));
  gtk_list_box_bind_model (self->roadmap_list, G_LIST_MODEL (self->roadmap),
                           create_roadmap_row, self, NULL);
  gtk_list_box_bind_model (self->top_list, G_LIST_MODEL (self->top),
                           create_top_row, self, NULL);
}

GtkWidget *
moat_workshop_roadmap_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_ROADMAP, NULL);
}
