/* moat-asset-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-asset-row.h"
#include "moat-labels.h"
#include "moat-risk.h"

struct _MoatAssetRow
{
  MoatObjectRow  parent_instance;

  AdwEntryRow   *name_row;
  AdwEntryRow   *description_row;
  AdwEntryRow   *owner_row;
  AdwComboRow   *classification_row;
  GtkSpinButton *confidentiality;
  GtkSpinButton *integrity;
  GtkSpinButton *availability;
  GtkStringList *classifications;
  GtkWidget     *delete_button;
};

G_DEFINE_FINAL_TYPE (MoatAssetRow, moat_asset_row, MOAT_TYPE_OBJECT_ROW)

static guint
elements_carrying (MoatModel  *model,
                   const char *asset_id)
{
  GListModel *elements = moat_model_get_list (model, MOAT_TYPE_ELEMENT);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      const char * const *ids = moat_element_get_asset_ids (element);

      n += ids != NULL && g_strv_contains (ids, asset_id);
    }
  return n;
}

static char *
moat_asset_row_describe (MoatObjectRow *row)
{
  MoatObject *object = moat_object_row_get_object (row);
  MoatAsset *asset = MOAT_ASSET (object);
  guint n = elements_carrying (moat_object_row_get_model (row), moat_object_get_id (object));
  g_autofree char *carried = g_strdup_printf (ngettext ("on %u element", "on %u elements", n), n);

  return g_strdup_printf (_("Business impact %d · %s · %s"), moat_risk_asset_impact (asset),
                          moat_label_classification (moat_asset_get_classification (asset)), carried);
}

static void
moat_asset_row_constructed (GObject *object)
{
  MoatObjectRow *row = MOAT_OBJECT_ROW (object);

  G_OBJECT_CLASS (moat_asset_row_parent_class)->constructed (object);

  /* How many elements carry the asset changes with edits elsewhere. */
  g_signal_connect_object (moat_object_row_get_model (row), "action-closed",
                           G_CALLBACK (moat_object_row_update), row, G_CONNECT_SWAPPED);
}

static void
moat_asset_row_class_init (MoatAssetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MoatObjectRowClass *row_class = MOAT_OBJECT_ROW_CLASS (klass);

  object_class->constructed = moat_asset_row_constructed;
  row_class->describe = moat_asset_row_describe;
  row_class->unnamed = N_("Unnamed asset");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/pages/moat-asset-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, description_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, owner_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, classification_row);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, confidentiality);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, integrity);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, availability);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetRow, classifications);
}

static void
moat_asset_row_init (MoatAssetRow *self)
{
  MoatObjectRow *row = MOAT_OBJECT_ROW (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  moat_object_row_set_delete_button (row, self->delete_button);

  /* The labels are the ones every other view shows for a classification. */
  for (MoatClassification c = MOAT_CLASSIFICATION_PUBLIC; c <= MOAT_CLASSIFICATION_RESTRICTED; c++)
    gtk_string_list_append (self->classifications, moat_label_classification (c));

  moat_object_row_bind (row, GTK_WIDGET (self->name_row), "name");
  moat_object_row_bind (row, GTK_WIDGET (self->description_row), "description");
  moat_object_row_bind (row, GTK_WIDGET (self->owner_row), "owner");
  moat_object_row_bind (row, GTK_WIDGET (self->classification_row), "classification");
  moat_object_row_bind (row, GTK_WIDGET (self->confidentiality), "impact-confidentiality");
  moat_object_row_bind (row, GTK_WIDGET (self->integrity), "impact-integrity");
  moat_object_row_bind (row, GTK_WIDGET (self->availability), "impact-availability");
}
