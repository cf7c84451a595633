/* moat-assets-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each list is the model's own list of assets or actors bound to a list
 * box; a row is an expander that edits its object in place through a
 * MoatFieldBinder, so every change is an undoable edit of the model.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-assets-page.h"
#include "moat-field-binder.h"
#include "moat-labels.h"
#include "moat-risk.h"

struct _MoatAssetsPage
{
  MoatPage   parent_instance;


  /* template children */
  AdwPreferencesPage *page;
  GtkListBox         *asset_list;
  GtkListBox         *actor_list;
};

G_DEFINE_FINAL_TYPE (MoatAssetsPage, moat_assets_page, MOAT_TYPE_PAGE)

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

static void
update_row (GtkWidget *row)
{
  MoatAssetsPage *self = g_object_get_data (G_OBJECT (row), "page");
  MoatObject *object = g_object_get_data (G_OBJECT (row), "object");
  const char *name = moat_object_get_label (object);
  g_autofree char *subtitle = NULL;

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;
  if (MOAT_IS_ASSET (object))
    {
      MoatAsset *asset = MOAT_ASSET (object);
      guint n = elements_carrying (moat_page_get_model (MOAT_PAGE (self)), moat_object_get_id (object));
      g_autofree char *carried = g_strdup_printf (ngettext ("on %u element", "on %u elements", n), n);

      subtitle = g_strdup_printf (_("Business impact %d · %s · %s"), moat_risk_asset_impact (asset),
                                  moat_label_classification (moat_asset_get_classification (asset)), carried);
    }
  else
    {
      MoatThreatActor *actor = MOAT_THREAT_ACTOR (object);
      const char *motivation = moat_threat_actor_get_motivation (actor);

      subtitle = motivation && *motivation
                 ? g_strdup_printf (_("Capability %d · %s"), moat_threat_actor_get_capability (actor), motivation)
                 : g_strdup_printf (_("Capability %d"), moat_threat_actor_get_capability (actor));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name && *name ? name
                                 : MOAT_IS_ASSET (object) ? _("Unnamed asset") : _("Unnamed threat actor"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static GtkWidget *
entry_row (GtkWidget       *expander,
           MoatFieldBinder *binder,
           const char      *title,
           const char      *property)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  moat_field_binder_bind (binder, row, property);
  return row;
}

static void
scale_row (GtkWidget       *expander,
           MoatFieldBinder *binder,
           const char      *title,
           const char      *subtitle,
           const char      *property)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, MOAT_RISK_SCALE, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  moat_field_binder_bind (binder, spin, property);
}

static void
on_delete_clicked (GtkButton *button,
                   GtkWidget *row)
{
  MoatAssetsPage *self = g_object_get_data (G_OBJECT (row), "page");
  MoatObject *object = g_object_get_data (G_OBJECT (row), "object");
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = moat_label_object_title (object);
  g_autofree char *message = g_strdup_printf (_("“%s” deleted"), title);

  moat_model_remove (moat_page_get_model (MOAT_PAGE (self)), object);
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
delete_row (GtkWidget  *expander,
            const char *title,
            const char *subtitle,
            const char *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Delete"));
  g_autofree char *spoken = g_strdup_printf (_("Delete “%s”"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked), expander);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static GtkWidget *
new_expander (MoatAssetsPage  *self,
              MoatObject      *object,
              MoatFieldBinder *binder)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "page", self);
  g_object_set_data_full (G_OBJECT (row), "object", g_object_ref (object), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "binder", binder, g_object_unref);
  g_signal_connect_object (object, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
create_asset_row (gpointer item,
                  gpointer user_data)
{
  MoatAssetsPage *self = user_data;
  MoatFieldBinder *binder = moat_field_binder_new ();
  GtkWidget *row = new_expander (self, item, binder);
  GtkWidget *classification = adw_combo_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *name = moat_label_object_title (item);

  entry_row (row, binder, _("Name"), "name");
  entry_row (row, binder, _("Description"), "description");
  entry_row (row, binder, _("Owner"), "owner");

  for (MoatClassification c = MOAT_CLASSIFICATION_PUBLIC; c <= MOAT_CLASSIFICATION_RESTRICTED; c++)
    gtk_string_list_append (labels, moat_label_classification (c));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (classification), _("Classification"));
  adw_combo_row_set_model (ADW_COMBO_ROW (classification), G_LIST_MODEL (labels));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), classification);
  moat_field_binder_bind (binder, classification, "classification");

  scale_row (row, binder, _("Confidentiality"), _("Harm if it is disclosed"), "impact-confidentiality");
  scale_row (row, binder, _("Integrity"), _("Harm if it is altered"), "impact-integrity");
  scale_row (row, binder, _("Availability"), _("Harm if it is unavailable"), "impact-availability");
  delete_row (row, _("Delete Asset"), _("Elements that carry it let go of it"), name);

  moat_field_binder_set_object (binder, item);
  update_row (row);
  return row;
}

static GtkWidget *
create_actor_row (gpointer item,
                  gpointer user_data)
{
  MoatAssetsPage *self = user_data;
  MoatFieldBinder *binder = moat_field_binder_new ();
  GtkWidget *row = new_expander (self, item, binder);
  g_autofree char *name = moat_label_object_title (item);

  entry_row (row, binder, _("Name"), "name");
  entry_row (row, binder, _("Description"), "description");
  entry_row (row, binder, _("Motivation"), "motivation");
  scale_row (row, binder, _("Capability"), _("1 opportunist – 5 nation state"), "capability");
  delete_row (row, _("Delete Threat Actor"), _("Threats that name it no longer do"), name);

  moat_field_binder_set_object (binder, item);
  update_row (row);
  return row;
}

static void
update_all (MoatAssetsPage *self)
{
  GtkListBox *lists[] = { self->asset_list, self->actor_list };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (lists[i])); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_EXPANDER_ROW (row))
        update_row (row);
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
    if (g_object_get_data (G_OBJECT (row), "object") == (gpointer) object)
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
                           create_asset_row, self, NULL);
  gtk_list_box_bind_model (self->actor_list, moat_model_get_list (model, MOAT_TYPE_THREAT_ACTOR),
                           create_actor_row, self, NULL);
  g_signal_connect_object (model, "action-closed", G_CALLBACK (update_all), self, G_CONNECT_SWAPPED);
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
