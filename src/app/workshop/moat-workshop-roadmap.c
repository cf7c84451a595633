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

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-risk-chip.h"
#include "moat-workshop-roadmap.h"
#include "moat-workshop-columns.h"
#include "moat-workshop-util.h"

#define TOP_RISKS           5
#define THREATS_PER_CONTROL 3

struct _MoatWorkshopRoadmap
{
  GtkWidget           parent_instance;

  MoatModel          *model;
  GListStore         *roadmap;       /* of MoatControl, in roadmap order */
  GListStore         *top;           /* of MoatThreat, the worst first */
  GtkCustomFilter    *in_place_filter;
  GtkFilterListModel *in_place;
  guint               refresh_source;

  GtkWidget          *columns;
  GtkWidget          *roadmap_list;
  GtkWidget          *top_list;
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
level_chip (int level)
{
  GtkWidget *chip = moat_risk_chip_new ();

  moat_risk_chip_set_level (MOAT_RISK_CHIP (chip), level);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  return chip;
}

/* "Card numbers read from the vault   Critical → High" */
static GtkWidget *
removal_line (MoatModel   *model,
              MoatControl *control,
              MoatThreat  *threat)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *title = moat_label_object_title (MOAT_OBJECT (threat));
  GtkWidget *name = moat_workshop_label (title, "workshop-dim");
  GtkWidget *arrow = gtk_label_new ("→");
  g_autofree char *spoken = NULL;
  MoatRiskAssessment risk;

  moat_risk_assess_with_control (model, threat, control, &risk);
  /* Translators: the risk a control removes from a threat, as in "Critical, then High once in place" */
  spoken = g_strdup_printf (_("%s, then %s once in place"), moat_risk_level_get_label (risk.level),
                            moat_risk_level_get_label (risk.residual_level));
  gtk_widget_set_hexpand (name, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), level_chip (risk.level));
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_box_append (GTK_BOX (box), level_chip (risk.residual_level));
  g_object_set_data_full (G_OBJECT (box), "threat", g_object_ref (threat), g_object_unref);
  return box;
}

/* Under a control: the risk it removes, inherent → residual, from the
 * first threats it addresses. */
static GtkWidget *
removals (MoatModel   *model,
          MoatControl *control)
{
  const char * const *ids = moat_control_get_threat_ids (control);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  guint shown = 0, more = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatThreat *threat = moat_model_lookup_typed (model, ids[i], MOAT_TYPE_THREAT);

      if (threat == NULL)
        continue;
      if (shown == THREATS_PER_CONTROL)
        {
          more++;
          continue;
        }
      gtk_box_append (GTK_BOX (box), removal_line (model, control, threat));
      shown++;
    }
  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("and %u more threat", "and %u more threats", more), more);
      gtk_box_append (GTK_BOX (box), moat_workshop_label (text, "workshop-dim"));
    }
  gtk_widget_set_visible (box, shown > 0);
  return box;
}

static GtkWidget *
control_row (MoatModel   *model,
             MoatControl *control,
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
  if (model != NULL)
    gtk_box_append (GTK_BOX (text), removals (model, control));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_add_css_class (box, "workshop-row");
  g_object_set_data_full (G_OBJECT (box), "control", g_object_ref (control), g_object_unref);
  return box;
}

static GtkWidget *
create_top_row (gpointer item,
                gpointer user_data)
{
  MoatWorkshopRoadmap *self = user_data;
  MoatThreat *threat = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *levels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *title = moat_label_object_title (MOAT_OBJECT (threat));
  g_autofree char *rank = NULL;
  g_autofree char *impact = NULL;
  GtkWidget *rank_label;
  guint position = 0;
  MoatRiskAssessment risk;

  g_list_store_find (self->top, item, &position);
  rank = g_strdup_printf ("%u", position + 1);
  rank_label = gtk_label_new (rank);
  gtk_widget_add_css_class (rank_label, "workshop-level");
  gtk_widget_set_valign (rank_label, GTK_ALIGN_START);
  moat_risk_assess (self->model, threat, &risk);
  impact = moat_risk_describe_impact (self->model, threat);
  gtk_box_append (GTK_BOX (text), moat_workshop_label (title, "workshop-strong"));
  gtk_box_append (GTK_BOX (text), moat_workshop_label (impact, "workshop-dim"));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (levels), moat_workshop_risk_badge (_("Inherent"), risk.level));
  gtk_box_append (GTK_BOX (levels), moat_workshop_risk_badge (_("Residual"), risk.residual_level));
  gtk_widget_set_halign (levels, GTK_ALIGN_END);
  gtk_widget_set_valign (levels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), rank_label);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), levels);
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
  return control_row (self->model, item, rank);
}

static GtkWidget *
create_in_place_row (gpointer item,
                     gpointer user_data)
{
  MoatWorkshopRoadmap *self = user_data;

  return control_row (self->model, item, NULL);
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
  g_autoptr(GPtrArray) top = NULL;

  self->refresh_source = 0;
  if (self->model != NULL)
    {
      top = moat_risk_top_threats (self->model, TOP_RISKS, FALSE);
      g_list_store_splice (self->top, 0, g_list_model_get_n_items (G_LIST_MODEL (self->top)),
                           top->pdata, top->len);
      items = moat_risk_roadmap (self->model);
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

  return self->roadmap_list;
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
  self->top_list = build_list (_("Top risks"), _("No open threats"));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->top_list), G_LIST_MODEL (self->top),
                           create_top_row, self, NULL);

  gtk_box_append (GTK_BOX (roadmap_box),
                  moat_workshop_label (_("Controls still to build, the most risk removed for the effort first; "
                                         "under each, the inherent risk of its threats → the residual once it is in place."),
                                       "workshop-dim"));
  gtk_box_append (GTK_BOX (roadmap_box), self->roadmap_list);
  /* Side by side on one screen: what to build, and what it is against. */
  gtk_box_append (GTK_BOX (left), moat_workshop_section (_("Roadmap"), roadmap_box));
  gtk_box_append (GTK_BOX (right), moat_workshop_section (_("Top Risks"), self->top_list));
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
  g_clear_object (&self->top);
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
  self->top = g_list_store_new (MOAT_TYPE_THREAT);
  self->in_place_filter = gtk_custom_filter_new (is_in_place, NULL, NULL);
  self->in_place = gtk_filter_list_model_new (NULL, GTK_FILTER (self->in_place_filter));
  build (self);
}

GtkWidget *
moat_workshop_roadmap_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_ROADMAP, NULL);
}
