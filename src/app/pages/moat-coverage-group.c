/* moat-coverage-group.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-coverage-group.h"
#include "moat-risk-chip.h"

/* Enough gaps to act on in a side of the Risk page; `moat-cli coverage`
 * and the report list more. */
#define SHOWN_GAPS 5

struct _MoatCoverageGroup
{
  AdwPreferencesGroup  parent_instance;

  MoatModel           *model;
  MoatLibrary         *library;
  MoatCoverage        *coverage;

  GtkDropDown         *level_dropdown;
  AdwActionRow        *share_row;
  GtkLabel            *share_label;
  AdwActionRow        *counts_row;
  GtkListBox          *gaps_list;
};

G_DEFINE_FINAL_TYPE (MoatCoverageGroup, moat_coverage_group, ADW_TYPE_PREFERENCES_GROUP)

static void
clear_gaps (MoatCoverageGroup *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->gaps_list))) != NULL)
    gtk_list_box_remove (self->gaps_list, child);
}

static GtkWidget *
gap_row (MoatCoverageGroup      *self,
         const MoatCoverageItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  const MoatRequirement *requirement = item->requirement;
  g_autofree char *title = g_strdup_printf ("%s %s", requirement->id,
                                            requirement->title ? requirement->title
                                            : requirement->section_title ? requirement->section_title : "");
  g_autofree char *subtitle = g_strdup_printf (ngettext ("Leaves %u open threat", "Leaves %u open threats",
                                                         item->threat_ids->len),
                                               item->threat_ids->len);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (item->threat_ids->len > 0)
    {
      GtkWidget *chip = moat_risk_chip_new ();

      moat_risk_chip_set_level (MOAT_RISK_CHIP (chip), item->gap_level);
      gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (chip, _("Residual risk of the worst threat it leaves open"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
    }
  return row;
}

static void
show_coverage (MoatCoverageGroup *self)
{
  guint met = moat_coverage_get_n_met (self->coverage);
  guint applicable = moat_coverage_get_n_applicable (self->coverage);
  g_autofree char *title = moat_coverage_get_title (self->coverage);
  /* Translators: the share of requirements met, "45%" */
  g_autofree char *share = g_strdup_printf (_("%.0f%%"), moat_coverage_get_percent (self->coverage));
  g_autofree char *subtitle = g_strdup_printf (_("%u of %u applicable requirements"), met, applicable);
  g_autofree char *counts =
    g_strdup_printf (_("%u verified · %u implemented · %u planned · %u not met"),
                     moat_coverage_count (self->coverage, MOAT_COVERAGE_VERIFIED),
                     moat_coverage_count (self->coverage, MOAT_COVERAGE_IMPLEMENTED),
                     moat_coverage_count (self->coverage, MOAT_COVERAGE_PLANNED),
                     moat_coverage_count (self->coverage, MOAT_COVERAGE_NONE));
  g_autoptr(GPtrArray) gaps = moat_coverage_get_gaps (self->coverage);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), title);
  gtk_label_set_label (self->share_label, share);
  adw_action_row_set_subtitle (self->share_row, subtitle);
  adw_action_row_set_subtitle (self->counts_row, counts);
  clear_gaps (self);
  for (guint i = 0; i < gaps->len && i < SHOWN_GAPS; i++)
    gtk_list_box_append (self->gaps_list, gap_row (self, g_ptr_array_index (gaps, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->gaps_list), gaps->len > 0);
}

/**
 * moat_coverage_group_refresh:
 *
 * Measures the coverage again, as after an edit.
 */
void
moat_coverage_group_refresh (MoatCoverageGroup *self)
{
  g_autofree char *catalogue_id = NULL;
  g_autoptr(GError) error = NULL;
  int level;

  g_return_if_fail (MOAT_IS_COVERAGE_GROUP (self));

  g_clear_object (&self->coverage);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  /* A model that names no catalogue and no requirement is not graded
   * against a standard its team never chose (as in the report). */
  if (self->model == NULL || !moat_coverage_model_uses_catalogues (self->model))
    return;
  /* Loaded when first shown: reading the user's catalogues should not
   * slow the window's start. */
  if (self->library == NULL)
    self->library = moat_library_new_default ();
  catalogue_id = moat_coverage_default_catalogue (self->model);
  level = (int) gtk_drop_down_get_selected (self->level_dropdown) + 1;
  self->coverage = moat_coverage_compute (self->library, self->model, catalogue_id, level, &error);
  if (self->coverage == NULL)
    return;
  show_coverage (self);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

/**
 * moat_coverage_group_reload:
 *
 * Reads the catalogues again, as after the person added or fixed one of
 * theirs, and measures the coverage against them.
 */
void
moat_coverage_group_reload (MoatCoverageGroup *self)
{
  g_return_if_fail (MOAT_IS_COVERAGE_GROUP (self));

  g_clear_object (&self->library);
  moat_coverage_group_refresh (self);
}

static void
on_level_selected (MoatCoverageGroup *self)
{
  moat_coverage_group_refresh (self);
}

void
moat_coverage_group_set_level (MoatCoverageGroup *self,
                               int                level)
{
  g_return_if_fail (MOAT_IS_COVERAGE_GROUP (self));
  g_return_if_fail (level >= 1 && level <= 3);

  gtk_drop_down_set_selected (self->level_dropdown, (guint) level - 1);
}

/**
 * moat_coverage_group_get_coverage:
 *
 * Returns: (transfer none) (nullable): the coverage shown
 */
MoatCoverage *
moat_coverage_group_get_coverage (MoatCoverageGroup *self)
{
  g_return_val_if_fail (MOAT_IS_COVERAGE_GROUP (self), NULL);

  return self->coverage;
}

void
moat_coverage_group_set_model (MoatCoverageGroup *self,
                               MoatModel         *model)
{
  g_return_if_fail (MOAT_IS_COVERAGE_GROUP (self));

  g_set_object (&self->model, model);
  moat_coverage_group_refresh (self);
}

static void
moat_coverage_group_dispose (GObject *object)
{
  MoatCoverageGroup *self = MOAT_COVERAGE_GROUP (object);

  g_clear_object (&self->coverage);
  g_clear_object (&self->library);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_COVERAGE_GROUP);

  G_OBJECT_CLASS (moat_coverage_group_parent_class)->dispose (object);
}

static void
moat_coverage_group_class_init (MoatCoverageGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_coverage_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/pages/moat-coverage-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatCoverageGroup, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MoatCoverageGroup, share_row);
  gtk_widget_class_bind_template_child (widget_class, MoatCoverageGroup, share_label);
  gtk_widget_class_bind_template_child (widget_class, MoatCoverageGroup, counts_row);
  gtk_widget_class_bind_template_child (widget_class, MoatCoverageGroup, gaps_list);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected);
}

static void
moat_coverage_group_init (MoatCoverageGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
