/* moat-risk-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure comes from moat-risk.c, the same functions the report and
 * the command line use. The page is small and summarises the whole
 * model, so it is rebuilt after each action, but only while it is on
 * screen; otherwise it is marked stale and rebuilt when shown.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-coverage-group.h"
#include "moat-labels.h"
#include "moat-ranked-row.h"
#include "moat-risk-chip.h"
#include "moat-risk-page.h"

#define TOP_RISKS 10

struct _MoatRiskPage
{
  MoatPage     parent_instance;

  gboolean      stale;
  guint         status_counts[MOAT_RISK_N_STATUSES];
  GHashTable   *category_counts;  /* category → count */

  /* template children */
  GtkStack        *stack;
  MoatHeatMap     *heat_map;
  GtkToggleButton *residual_toggle;
  GtkGrid         *status_grid;
  GtkGrid         *category_grid;
  GtkListBox      *top_list;
  GtkListBox      *roadmap_list;
  MoatCoverageGroup *coverage_group;
  GtkWidget       *broken_group;
  GtkListBox      *broken_list;
};

G_DEFINE_FINAL_TYPE (MoatRiskPage, moat_risk_page, MOAT_TYPE_PAGE)

enum {
  THREAT_ACTIVATED,
  CONTROL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static GtkWidget *
count_label (guint count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "count-label");
  return label;
}

static GtkWidget *
name_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

/* Heat map */

static void
load_heat_map (MoatRiskPage *self)
{
  guint counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];

  moat_risk_heat_map (moat_page_get_model (MOAT_PAGE (self)), gtk_toggle_button_get_active (self->residual_toggle), counts);
  moat_heat_map_set_counts (self->heat_map, counts);
}

/* Counts */

static void
load_status_counts (MoatRiskPage *self)
{
  guint total = 0;
  int row = 0;

  moat_risk_count_by_status (moat_page_get_model (MOAT_PAGE (self)), self->status_counts);
  clear_container (GTK_WIDGET (self->status_grid));
  for (MoatThreatStatus status = MOAT_THREAT_OPEN; status < MOAT_RISK_N_STATUSES; status++)
    {
      GtkWidget *label = name_label (moat_label_threat_status (status));

      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->status_grid, label, 0, row, 1, 1);
      gtk_grid_attach (self->status_grid, count_label (self->status_counts[status]), 1, row, 1, 1);
      total += self->status_counts[status];
      row++;
    }
  {
    GtkWidget *label = name_label (_("All threats"));

    gtk_widget_add_css_class (label, "dim-label");
    gtk_grid_attach (self->status_grid, label, 0, row, 1, 1);
    label = count_label (total);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_grid_attach (self->status_grid, label, 1, row, 1, 1);
  }
}

static void
load_category_counts (MoatRiskPage *self)
{
  g_autoptr(GPtrArray) counts = moat_risk_count_by_category (moat_page_get_model (MOAT_PAGE (self)), TRUE);
  guint most = 1;

  g_hash_table_remove_all (self->category_counts);
  clear_container (GTK_WIDGET (self->category_grid));
  for (guint i = 0; i < counts->len; i++)
    most = MAX (most, ((MoatCategoryCount *) g_ptr_array_index (counts, i))->count);

  for (guint i = 0; i < counts->len; i++)
    {
      MoatCategoryCount *count = g_ptr_array_index (counts, i);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, most);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count->count);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      moat_label_category (count->category), -1);
      gtk_grid_attach (self->category_grid, name_label (moat_label_category (count->category)), 0, i, 1, 1);
      gtk_grid_attach (self->category_grid, bar, 1, i, 1, 1);
      gtk_grid_attach (self->category_grid, count_label (count->count), 2, i, 1, 1);
      g_hash_table_insert (self->category_counts, g_strdup (count->category ? count->category : ""),
                           GUINT_TO_POINTER (count->count));
    }
  if (counts->len == 0)
    {
      GtkWidget *none = name_label (_("No open threats"));
      gtk_widget_add_css_class (none, "dim-label");
      gtk_grid_attach (self->category_grid, none, 0, 0, 1, 1);
    }
}

/* Lists */

/* The business impact in words: what carries it, or that a person set it. */
static char *
impact_text (MoatRiskPage *self,
             MoatThreat   *threat,
             int           impact)
{
  const char * const *element_ids = moat_threat_get_element_ids (threat);
  g_autoptr(GString) assets = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; element_ids != NULL && element_ids[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (moat_page_get_model (MOAT_PAGE (self)), element_ids[i], MOAT_TYPE_ELEMENT);
      const char * const *asset_ids = element ? moat_element_get_asset_ids (element) : NULL;

      for (guint j = 0; asset_ids != NULL && asset_ids[j] != NULL; j++)
        {
          MoatAsset *asset = moat_model_lookup_typed (moat_page_get_model (MOAT_PAGE (self)), asset_ids[j], MOAT_TYPE_ASSET);

          if (asset == NULL || !g_hash_table_add (seen, (gpointer) asset_ids[j]))
            continue;
          g_string_append_printf (assets, "%s%s (%d)", assets->len ? ", " : "",
                                  moat_asset_get_name (asset), moat_risk_asset_impact (asset));
        }
    }
  if (moat_threat_get_impact_overridden (threat) || assets->len == 0)
    return g_strdup_printf (_("Business impact %d, set by hand"), impact);
  return g_strdup_printf (_("Business impact %d: %s"), impact, assets->str);
}

static void
on_row_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  MoatRiskPage  *self)
{
  MoatObject *object = MOAT_IS_RANKED_ROW (row) ? moat_ranked_row_get_object (MOAT_RANKED_ROW (row)) : NULL;

  if (MOAT_IS_THREAT (object))
    g_signal_emit (self, signals[THREAT_ACTIVATED], 0, object);
  else if (MOAT_IS_CONTROL (object))
    g_signal_emit (self, signals[CONTROL_ACTIVATED], 0, object);
}

static GtkWidget *
empty_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
load_top (MoatRiskPage *self)
{
  gboolean residual = gtk_toggle_button_get_active (self->residual_toggle);
  g_autoptr(GPtrArray) top = moat_risk_top_threats (moat_page_get_model (MOAT_PAGE (self)), TOP_RISKS, residual);

  clear_container (GTK_WIDGET (self->top_list));
  for (guint i = 0; i < top->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (top, i);
      MoatRiskAssessment risk;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      moat_risk_assess (moat_page_get_model (MOAT_PAGE (self)), threat, &risk);
      subtitle = impact_text (self, threat, risk.impact);
      row = moat_ranked_row_new (MOAT_OBJECT (threat), i + 1, subtitle);
      moat_ranked_row_set_level (MOAT_RANKED_ROW (row), residual ? risk.residual_level : risk.level);
      gtk_list_box_append (self->top_list, row);
    }
  if (top->len == 0)
    gtk_list_box_append (self->top_list, empty_row (_("No open threats")));
}

/* "2 threats rely on it: Card numbers read, Vault backup copied" */
static char *
reliant_text (MoatRiskPage   *self,
              MoatAssumption *assumption)
{
  g_autoptr(GPtrArray) threats = moat_assumption_list_reliant_threats (assumption, moat_page_get_model (MOAT_PAGE (self)));
  g_autoptr(GString) titles = g_string_new (NULL);

  if (threats->len == 0)
    return g_strdup (_("No threat relies on it"));
  for (guint i = 0; i < threats->len; i++)
    {
      g_autofree char *title = moat_label_object_title (threats->pdata[i]);

      g_string_append_printf (titles, "%s%s", i > 0 ? ", " : "", title);
    }
  /* Translators: %u threats, then their titles */
  return g_strdup_printf (ngettext ("%u threat relies on it: %s", "%u threats rely on it: %s", threats->len),
                          threats->len, titles->str);
}

static void
load_broken (MoatRiskPage *self)
{
  g_autoptr(GPtrArray) broken = moat_assumption_list_broken (moat_page_get_model (MOAT_PAGE (self)));

  clear_container (GTK_WIDGET (self->broken_list));
  for (guint i = 0; i < broken->len; i++)
    {
      MoatAssumption *assumption = broken->pdata[i];
      g_autofree char *subtitle = reliant_text (self, assumption);
      GtkWidget *row = moat_ranked_row_new (MOAT_OBJECT (assumption), i + 1, subtitle);

      moat_ranked_row_set_invalidated (MOAT_RANKED_ROW (row));
      gtk_list_box_append (self->broken_list, row);
    }
  gtk_widget_set_visible (self->broken_group, broken->len > 0);
}

static void
load_roadmap (MoatRiskPage *self)
{
  g_autoptr(GPtrArray) roadmap = moat_risk_roadmap (moat_page_get_model (MOAT_PAGE (self)));

  clear_container (GTK_WIDGET (self->roadmap_list));
  for (guint i = 0; i < roadmap->len; i++)
    {
      MoatRoadmapItem *item = g_ptr_array_index (roadmap, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                                   moat_label_control_status (moat_control_get_status (item->control)),
                                                   moat_label_effort (moat_control_get_effort (item->control)));
      g_autofree char *explained = g_strdup_printf (_("Removes %d points of risk, %.1f per unit of effort"),
                                                    item->risk_removed, item->priority);
      GtkWidget *row = moat_ranked_row_new (MOAT_OBJECT (item->control), i + 1, subtitle);

      moat_ranked_row_set_gain (MOAT_RANKED_ROW (row), item->risk_removed, explained);
      gtk_list_box_append (self->roadmap_list, row);
    }
  if (roadmap->len == 0)
    gtk_list_box_append (self->roadmap_list, empty_row (_("Every control is in place")));
}

/**
 * moat_risk_page_reload_library:
 *
 * Reads the person's catalogues again for the coverage.
 */
void
moat_risk_page_reload_library (MoatRiskPage *self)
{
  g_return_if_fail (MOAT_IS_RISK_PAGE (self));

  moat_coverage_group_reload (self->coverage_group);
}

/**
 * moat_risk_page_refresh:
 *
 * Works out every figure again from the model.
 */
void
moat_risk_page_refresh (MoatRiskPage *self)
{
  g_return_if_fail (MOAT_IS_RISK_PAGE (self));

  self->stale = FALSE;
  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->stack, moat_model_count (moat_page_get_model (MOAT_PAGE (self)), MOAT_TYPE_THREAT) > 0
                                                 ? "overview" : "empty");
  load_heat_map (self);
  load_status_counts (self);
  load_category_counts (self);
  load_broken (self);
  load_top (self);
  load_roadmap (self);
  moat_coverage_group_set_model (self->coverage_group, moat_page_get_model (MOAT_PAGE (self)));
}

static void
on_action_closed (MoatRiskPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    moat_risk_page_refresh (self);
  else
    self->stale = TRUE;
}

static void
on_map (MoatRiskPage *self)
{
  if (self->stale)
    moat_risk_page_refresh (self);
}

static void
moat_risk_page_model_changed (MoatPage  *page,
                              MoatModel *previous)
{
  MoatRiskPage *self = MOAT_RISK_PAGE (page);
  MoatModel *model = moat_page_get_model (page);

  if (model != NULL)
    g_signal_connect_object (model, "action-closed", G_CALLBACK (on_action_closed), self, G_CONNECT_SWAPPED);
  moat_risk_page_refresh (self);
}


void
moat_risk_page_set_residual (MoatRiskPage *self,
                             gboolean      residual)
{
  g_return_if_fail (MOAT_IS_RISK_PAGE (self));

  gtk_toggle_button_set_active (self->residual_toggle, residual);
}

static void
on_residual_toggled (MoatRiskPage *self)
{
  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;
  load_heat_map (self);
  load_top (self);
}

/**
 * moat_risk_page_get_heat_map:
 *
 * Returns: (transfer none): the heat map
 */
MoatHeatMap *
moat_risk_page_get_heat_map (MoatRiskPage *self)
{
  g_return_val_if_fail (MOAT_IS_RISK_PAGE (self), NULL);

  return self->heat_map;
}

/* The figures shown, for tests and for whoever reads the page aloud. */
guint
moat_risk_page_get_status_count (MoatRiskPage     *self,
                                 MoatThreatStatus  status)
{
  g_return_val_if_fail (MOAT_IS_RISK_PAGE (self), 0);
  g_return_val_if_fail (status < MOAT_RISK_N_STATUSES, 0);

  return self->status_counts[status];
}

guint
moat_risk_page_get_category_count (MoatRiskPage *self,
                                   const char   *category)
{
  g_return_val_if_fail (MOAT_IS_RISK_PAGE (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->category_counts, category ? category : ""));
}

/**
 * moat_risk_page_get_top_list:
 *
 * Returns: (transfer none): the list of the highest risks
 */
GtkListBox *
moat_risk_page_get_top_list (MoatRiskPage *self)
{
  g_return_val_if_fail (MOAT_IS_RISK_PAGE (self), NULL);

  return self->top_list;
}

/**
 * moat_risk_page_get_roadmap_list:
 *
 * Returns: (transfer none): the control roadmap
 */
GtkListBox *
moat_risk_page_get_roadmap_list (MoatRiskPage *self)
{
  g_return_val_if_fail (MOAT_IS_RISK_PAGE (self), NULL);

  return self->roadmap_list;
}

/**
 * moat_risk_page_get_broken_list:
 *
 * Returns: (transfer none): the list of invalidated assumptions
 */
GtkListBox *
moat_risk_page_get_broken_list (MoatRiskPage *self)
{
  g_return_val_if_fail (MOAT_IS_RISK_PAGE (self), NULL);

  return self->broken_list;
}

GtkWidget *
moat_risk_page_new (void)
{
  return g_object_new (MOAT_TYPE_RISK_PAGE, NULL);
}

static void
moat_risk_page_dispose (GObject *object)
{
  MoatRiskPage *self = MOAT_RISK_PAGE (object);

  if (self->category_counts != NULL)
    moat_page_set_model (MOAT_PAGE (self), NULL);
  g_clear_pointer (&self->category_counts, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_RISK_PAGE);

  G_OBJECT_CLASS (moat_risk_page_parent_class)->dispose (object);
}

static void
moat_risk_page_class_init (MoatRiskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_risk_page_dispose;
  MOAT_PAGE_CLASS (klass)->model_changed = moat_risk_page_model_changed;

  /**
   * MoatRiskPage::threat-activated:
   * @threat: the threat the user picked
   */
  signals[THREAT_ACTIVATED] =
    g_signal_new ("threat-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_THREAT);
  /**
   * MoatRiskPage::control-activated:
   * @control: the control the user picked
   */
  signals[CONTROL_ACTIVATED] =
    g_signal_new ("control-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_CONTROL);

  g_type_ensure (MOAT_TYPE_HEAT_MAP);
  g_type_ensure (MOAT_TYPE_COVERAGE_GROUP);
  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/pages/moat-risk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, heat_map);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, residual_toggle);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, status_grid);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, category_grid);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, top_list);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, roadmap_list);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, coverage_group);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, broken_group);
  gtk_widget_class_bind_template_child (widget_class, MoatRiskPage, broken_list);
}

static void
moat_risk_page_init (MoatRiskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect_swapped (self->residual_toggle, "toggled", G_CALLBACK (on_residual_toggled), self);
  g_signal_connect (self->top_list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (self->roadmap_list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
}
