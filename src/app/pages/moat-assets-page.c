/* moat-assets-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each list is the model's own list of assets or actors bound to a list
 * box; its rows are MoatObjectRows, which edit their object in place.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-asset-row.h"
#include "moat-assets-page.h"
#include "moat-labels.h"
#include "moat-threat-actor-row.h"
#include "moat-toast.h"

struct _MoatAssetsPage
{
  MoatPage   parent_instance;


  /* template children */
  AdwPreferencesPage *page;
  GtkListBox         *asset_list;
  GtkListBox         *actor_list;
};

G_DEFINE_FINAL_TYPE (MoatAssetsPage, moat_assets_page, MOAT_TYPE_PAGE)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MoatAssetsPage *self = user_data;
  GType type = MOAT_IS_ASSET (item) ? MOAT_TYPE_ASSET_ROW : MOAT_TYPE_THREAT_ACTOR_ROW;

  return g_object_new (type, "object", item, "model", moat_page_get_model (MOAT_PAGE (self)), NULL);
}

static void
delete_object_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MoatModel *model = moat_page_get_model (MOAT_PAGE (widget));
  MoatObject *object = model ? moat_model_lookup (model, g_variant_get_string (parameter, NULL)) : NULL;
  g_autofree char *title = NULL;

  if (object == NULL)
    return;
  title = moat_label_object_title (object);
  moat_model_remove (model, object);
  moat_toast_show_deleted (widget, title);
}

/**
 * moat_assets_page_get_row:
 *
 * Returns: (transfer none) (nullable): the row that edits @object
 */
GtkWidget *
moat_assets_page_get_row (MoatAssetsPage *self,
                          MoatObject     *object)
{
  GtkListBox *list = MOAT_IS_ASSET (object) ? self->asset_list : self->actor_list;

  g_return_val_if_fail (MOAT_IS_ASSETS_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (MOAT_IS_OBJECT_ROW (row) && moat_object_row_get_object (MOAT_OBJECT_ROW (row)) == object)
      return row;
  return NULL;
}

static void
open_new (MoatAssetsPage *self,
          MoatObject     *object)
{
  GtkWidget *row = moat_assets_page_get_row (self, object);

  if (row == NULL)
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (row);
}

/**
 * moat_assets_page_add_asset:
 *
 * Returns: (transfer none) (nullable): a new asset, in the model
 */
MoatAsset *
moat_assets_page_add_asset (MoatAssetsPage *self)
{
  g_autoptr(MoatAsset) asset = NULL;

  g_return_val_if_fail (MOAT_IS_ASSETS_PAGE (self), NULL);

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return NULL;
  asset = moat_asset_new ();
  g_object_set (asset, "name", _("New asset"), NULL);
  moat_model_add (moat_page_get_model (MOAT_PAGE (self)), asset);
  open_new (self, MOAT_OBJECT (asset));
  return asset;
}

/**
 * moat_assets_page_add_actor:
 *
 * Returns: (transfer none) (nullable): a new threat actor, in the model
 */
MoatThreatActor *
moat_assets_page_add_actor (MoatAssetsPage *self)
{
  g_autoptr(MoatThreatActor) actor = NULL;

  g_return_val_if_fail (MOAT_IS_ASSETS_PAGE (self), NULL);

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return NULL;
  actor = moat_threat_actor_new ();
  g_object_set (actor, "name", _("New threat actor"), NULL);
  moat_model_add (moat_page_get_model (MOAT_PAGE (self)), actor);
  open_new (self, MOAT_OBJECT (actor));
  return actor;
}

static void
add_asset_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  moat_assets_page_add_asset (MOAT_ASSETS_PAGE (widget));
}

static void
add_actor_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  moat_assets_page_add_actor (MOAT_ASSETS_PAGE (widget));
}

static GtkWidget *
placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
moat_assets_page_model_changed (MoatPage  *page,
                                MoatModel *previous)
{
  MoatAssetsPage *self = MOAT_ASSETS_PAGE (page);
  MoatModel *model = moat_page_get_model (page);

  gtk_list_box_bind_model (self->asset_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->actor_list, NULL, NULL, NULL, NULL);
  if (model == NULL)
    return;

  gtk_list_box_bind_model (self->asset_list, moat_model_get_list (model, MOAT_TYPE_ASSET),
                           create_row, self, NULL);
  gtk_list_box_bind_model (self->actor_list, moat_model_get_list (model, MOAT_TYPE_THREAT_ACTOR),
                           create_row, self, NULL);
}


GtkWidget *
moat_assets_page_new (void)
{
  return g_object_new (MOAT_TYPE_ASSETS_PAGE, NULL);
}

static void
moat_assets_page_dispose (GObject *object)
{
  MoatAssetsPage *self = MOAT_ASSETS_PAGE (object);

  if (self->asset_list != NULL)
    moat_page_set_model (MOAT_PAGE (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_ASSETS_PAGE);

  G_OBJECT_CLASS (moat_assets_page_parent_class)->dispose (object);
}

static void
moat_assets_page_class_init (MoatAssetsPageClass *klass)
{
  MoatPageClass *page_class = MOAT_PAGE_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_assets_page_dispose;
  page_class->model_changed = moat_assets_page_model_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/pages/moat-assets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatAssetsPage, page);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetsPage, asset_list);
  gtk_widget_class_bind_template_child (widget_class, MoatAssetsPage, actor_list);

  gtk_widget_class_install_action (widget_class, "assets.add-asset", NULL, add_asset_action);
  gtk_widget_class_install_action (widget_class, "assets.add-actor", NULL, add_actor_action);
  gtk_widget_class_install_action (widget_class, "page.delete-object", "s", delete_object_action);
}

static void
moat_assets_page_init (MoatAssetsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_placeholder (self->asset_list,
                                placeholder (_("No assets yet. Add what an attack could harm: "
                                               "data, money, reputation.")));
  gtk_list_box_set_placeholder (self->actor_list,
                                placeholder (_("No threat actors yet.")));
}
