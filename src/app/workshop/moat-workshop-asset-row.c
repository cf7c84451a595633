/* moat-workshop-asset-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-workshop-asset-row.h"
#include "moat-workshop-util.h"

#define N_LEVELS 5

struct _MoatWorkshopAssetRow
{
  GtkWidget  parent_instance;

  MoatModel *model;
  MoatAsset *asset;

  GtkLabel  *name;
  GtkLabel  *classification;
  GtkLabel  *confidentiality;
  GtkLabel  *integrity;
  GtkLabel  *availability;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopAssetRow, moat_workshop_asset_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ASSET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "C 5", coloured by level, with the impact scale's words for 5 in its
 * tooltip and its accessible name. */
static void
show_impact (GtkLabel    *chip,
             const char  *letter,
             const char  *dimension,
             int          impact,
             char       **scale)
{
  g_autofree char *text = g_strdup_printf ("%s %d", letter, impact);
  const char *words = scale != NULL && impact >= 1 && impact <= (int) g_strv_length (scale)
                      ? scale[impact - 1] : NULL;
  g_autofree char *spoken = words != NULL && words[0] != '\0'
    /* Translators: an asset's business impact, as in "Confidentiality 5: the business could close" */
    ? g_strdup_printf (_("%s %d: %s"), dimension, impact, words)
    : g_strdup_printf ("%s %d", dimension, impact);

  for (int level = 1; level <= N_LEVELS; level++)
    {
      g_autofree char *css_class = g_strdup_printf ("workshop-level-%d", level);

      if (level == CLAMP (impact, 1, N_LEVELS))
        gtk_widget_add_css_class (GTK_WIDGET (chip), css_class);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (chip), css_class);
    }
  gtk_label_set_text (chip, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (chip), spoken);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
show_asset (MoatWorkshopAssetRow *self)
{
  MoatAsset *asset = self->asset;
  const char *name;
  g_auto(GStrv) scale = NULL;

  if (asset == NULL)
    return;
  name = moat_asset_get_name (asset);
  if (self->model != NULL)
    g_object_get (self->model, "impact-scale", &scale, NULL);
  gtk_label_set_text (self->name, name && name[0] ? name : _("Unnamed asset"));
  gtk_label_set_text (self->classification,
                      moat_label_classification (moat_asset_get_classification (asset)));
  /* Translators: the first letter of confidentiality, as in "C 5" */
  show_impact (self->confidentiality, C_ ("security objective", "C"), _("Confidentiality"),
               moat_asset_get_impact_confidentiality (asset), scale);
  /* Translators: the first letter of integrity, as in "I 5" */
  show_impact (self->integrity, C_ ("security objective", "I"), _("Integrity"),
               moat_asset_get_impact_integrity (asset), scale);
  /* Translators: the first letter of availability, as in "A 5" */
  show_impact (self->availability, C_ ("security objective", "A"), _("Availability"),
               moat_asset_get_impact_availability (asset), scale);
}

static void
moat_workshop_asset_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  MoatWorkshopAssetRow *self = MOAT_WORKSHOP_ASSET_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_ASSET:
      g_value_set_object (value, self->asset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_asset_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MoatWorkshopAssetRow *self = MOAT_WORKSHOP_ASSET_ROW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_set_object (&self->model, g_value_get_object (value));
      show_asset (self);
      break;
    case PROP_ASSET:
      g_set_object (&self->asset, g_value_get_object (value));
      show_asset (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_asset_row_dispose (GObject *object)
{
  MoatWorkshopAssetRow *self = MOAT_WORKSHOP_ASSET_ROW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->asset);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_ASSET_ROW);

  G_OBJECT_CLASS (moat_workshop_asset_row_parent_class)->dispose (object);
}

static void
moat_workshop_asset_row_class_init (MoatWorkshopAssetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_asset_row_dispose;
  object_class->get_property = moat_workshop_asset_row_get_property;
  object_class->set_property = moat_workshop_asset_row_set_property;

  /**
   * MoatWorkshopAssetRow:model:
   *
   * The model whose impact scale words the levels.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatWorkshopAssetRow:asset:
   *
   * The asset shown.
   */
  properties[PROP_ASSET] =
    g_param_spec_object ("asset", NULL, NULL, MOAT_TYPE_ASSET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-asset-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopAssetRow, name);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopAssetRow, classification);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopAssetRow, confidentiality);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopAssetRow, integrity);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopAssetRow, availability);
}

static void
moat_workshop_asset_row_init (MoatWorkshopAssetRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * moat_workshop_asset_row_new:
 *
 * Returns: (transfer floating): a row showing @asset
 */
GtkWidget *
moat_workshop_asset_row_new (MoatModel *model,
                             MoatAsset *asset)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_ASSET_ROW, "model", model, "asset", asset, NULL);
}
