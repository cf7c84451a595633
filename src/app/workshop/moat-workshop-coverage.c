/* moat-workshop-coverage.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same figures as the Risk page's coverage and `moat-cli coverage`
 * (moat_coverage_compute()), measured again once an edit settles, so a
 * control captured or marked done in the workshop moves them at once.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-coverage.h"
#include "moat-workshop-util.h"

/* The level a workshop is usually held to: ASVS's for most applications. */
#define DEFAULT_LEVEL 2

struct _MoatWorkshopCoverage
{
  MoatPage      parent_instance;

  int           level;
  MoatLibrary  *library;
  MoatCoverage *coverage;
  guint         refresh_source;

  GtkLabel     *share_label;
  GtkLabel     *met_label;
  GtkLabel     *catalogue_label;
  GtkLabel     *count_verified;
  GtkLabel     *count_implemented;
  GtkLabel     *count_planned;
  GtkLabel     *count_none;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopCoverage, moat_workshop_coverage, MOAT_TYPE_PAGE)

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_count (GtkLabel           *label,
            MoatCoverage       *coverage,
            MoatCoverageStatus  status)
{
  g_autofree char *text = g_strdup_printf ("%u", moat_coverage_count (coverage, status));

  gtk_label_set_text (label, text);
}

static void
show_coverage (MoatWorkshopCoverage *self)
{
  MoatCoverage *coverage = self->coverage;
  g_autofree char *title = moat_coverage_get_title (coverage);
  /* Translators: the share of requirements met, "45%" */
  g_autofree char *share = g_strdup_printf (_("%.0f%%"), moat_coverage_get_percent (coverage));
  g_autofree char *met = g_strdup_printf (_("%u of %u applicable requirements"),
                                          moat_coverage_get_n_met (coverage),
                                          moat_coverage_get_n_applicable (coverage));

  gtk_label_set_text (self->share_label, share);
  gtk_label_set_text (self->met_label, met);
  gtk_label_set_text (self->catalogue_label, title);
  show_count (self->count_verified, coverage, MOAT_COVERAGE_VERIFIED);
  show_count (self->count_implemented, coverage, MOAT_COVERAGE_IMPLEMENTED);
  show_count (self->count_planned, coverage, MOAT_COVERAGE_PLANNED);
  show_count (self->count_none, coverage, MOAT_COVERAGE_NONE);
}

static void
refresh (MoatWorkshopCoverage *self)
{
  MoatModel *model = moat_page_get_model (MOAT_PAGE (self));
  g_autofree char *catalogue_id = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->coverage);
  /* A model whose team chose no catalogue is not graded against one, as
   * on the Risk page and in the report. */
  if (model != NULL && moat_coverage_model_uses_catalogues (model))
    {
      /* Read when first needed: the user's catalogues should not slow
       * the window's start. */
      if (self->library == NULL)
        self->library = moat_library_new_default ();
      catalogue_id = moat_coverage_default_catalogue (model);
      self->coverage = moat_coverage_compute (self->library, model, catalogue_id, self->level, &error);
      if (self->coverage == NULL)
        g_debug ("No coverage for the workshop: %s", error->message);
    }
  if (self->coverage != NULL)
    show_coverage (self);
  gtk_widget_set_visible (GTK_WIDGET (self), self->coverage != NULL);
}

static gboolean
on_refresh (gpointer data)
{
  MoatWorkshopCoverage *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* A burst of edits (an undo, a group captured at once) is measured once. */
static void
on_model_changed (MoatWorkshopCoverage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (on_refresh, self);
}

static void
moat_workshop_coverage_model_changed (MoatPage  *page,
                                      MoatModel *previous)
{
  MoatWorkshopCoverage *self = MOAT_WORKSHOP_COVERAGE (page);
  MoatModel *model = moat_page_get_model (page);

  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  refresh (self);
}

int
moat_workshop_coverage_get_level (MoatWorkshopCoverage *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_COVERAGE (self), DEFAULT_LEVEL);

  return self->level;
}

/**
 * moat_workshop_coverage_set_level:
 * @level: the catalogue level to count requirements up to, 1 to 3
 */
void
moat_workshop_coverage_set_level (MoatWorkshopCoverage *self,
                                  int                   level)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_COVERAGE (self));
  g_return_if_fail (level >= 1 && level <= 3);

  if (self->level == level)
    return;
  self->level = level;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

/**
 * moat_workshop_coverage_get_coverage:
 *
 * Returns: (transfer none) (nullable): the coverage shown, or %NULL when
 *   the model is measured against no catalogue
 */
MoatCoverage *
moat_workshop_coverage_get_coverage (MoatWorkshopCoverage *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_COVERAGE (self), NULL);

  return self->coverage;
}

static void
moat_workshop_coverage_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MoatWorkshopCoverage *self = MOAT_WORKSHOP_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_coverage_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MoatWorkshopCoverage *self = MOAT_WORKSHOP_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      moat_workshop_coverage_set_level (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_coverage_dispose (GObject *object)
{
  MoatWorkshopCoverage *self = MOAT_WORKSHOP_COVERAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->coverage);
  g_clear_object (&self->library);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_COVERAGE);

  G_OBJECT_CLASS (moat_workshop_coverage_parent_class)->dispose (object);
}

static void
moat_workshop_coverage_class_init (MoatWorkshopCoverageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MoatPageClass *page_class = MOAT_PAGE_CLASS (klass);

  object_class->dispose = moat_workshop_coverage_dispose;
  object_class->get_property = moat_workshop_coverage_get_property;
  object_class->set_property = moat_workshop_coverage_set_property;
  page_class->model_changed = moat_workshop_coverage_model_changed;

  /**
   * MoatWorkshopCoverage:level:
   *
   * The catalogue level requirements are counted up to.
   */
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, 1, 3, DEFAULT_LEVEL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-coverage.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, share_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, met_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, catalogue_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, count_verified);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, count_implemented);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, count_planned);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopCoverage, count_none);
}

static void
moat_workshop_coverage_init (MoatWorkshopCoverage *self)
{
  self->level = DEFAULT_LEVEL;
  gtk_widget_init_template (GTK_WIDGET (self));
}
