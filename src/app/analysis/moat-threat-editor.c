/* moat-threat-editor.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain fields go through a MoatFieldBinder. Three need more care: the
 * category (a known STRIDE or LINDDUN category, or the user's own words),
 * the threat actor (an id shown as a name), and the impact, which follows
 * the assets until the user sets it by hand (moat-risk.h).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-editor-util.h"
#include "moat-field-binder.h"
#include "moat-labels.h"
#include "moat-link-list.h"
#include "moat-risk.h"
#include "moat-risk-chip.h"
#include "moat-item-editor.h"
#include "moat-refs-group.h"
#include "moat-threat-editor.h"

struct _MoatThreatEditor
{
  GtkWidget        parent_instance;

  MoatModel       *model;
  MoatThreat      *threat;
  MoatRuleEngine  *engine;
  MoatFieldBinder *binder;
  GPtrArray       *categories;   /* category per combo position; NULL for custom */
  GPtrArray       *actor_ids;    /* actor id per combo position; NULL for none */
  gboolean         loading;

  /* template children */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *review_group;
  AdwActionRow        *review_row;
  GtkWidget           *keep_button;
  AdwPreferencesGroup *threat_group;
  AdwEntryRow         *title_row;
  AdwComboRow         *category_row;
  AdwEntryRow         *custom_category_row;
  GtkTextView         *description_view;
  GtkSpinButton       *likelihood_spin;
  AdwActionRow        *impact_row;
  GtkSpinButton       *impact_spin;
  GtkWidget           *reset_impact_button;
  AdwActionRow        *level_row;
  MoatRiskChip        *level_chip;
  AdwComboRow         *status_row;
  AdwEntryRow         *status_reason_row;
  AdwEntryRow         *owner_row;
  AdwComboRow         *actor_row;
  MoatRefsGroup       *refs_group;
  MoatLinkList        *elements_list;
  MoatLinkList        *controls_list;
  MoatLinkList        *assumptions_list;
  GtkWidget           *new_control_button;
};

static void moat_threat_editor_item_editor_init (MoatItemEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MoatThreatEditor, moat_threat_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (MOAT_TYPE_ITEM_EDITOR,
                                                      moat_threat_editor_item_editor_init))


/* Category */

static void
build_categories (MoatThreatEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char * const *sets[] = { moat_label_stride_categories (), moat_label_linddun_categories () };

  self->categories = g_ptr_array_new ();
  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (self->categories, (gpointer) "");
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    for (guint i = 0; sets[s][i] != NULL; i++)
      {
        gtk_string_list_append (labels, moat_label_category (sets[s][i]));
        g_ptr_array_add (self->categories, (gpointer) sets[s][i]);
      }
  gtk_string_list_append (labels, _("Other…"));
  g_ptr_array_add (self->categories, NULL);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (labels));
}

static void
load_category (MoatThreatEditor *self)
{
  const char *category = moat_threat_get_category (self->threat);
  guint position = self->categories->len - 1;

  for (guint i = 0; i + 1 < self->categories->len; i++)
    if (g_strcmp0 (category ? category : "", g_ptr_array_index (self->categories, i)) == 0)
      position = i;
  adw_combo_row_set_selected (self->category_row, position);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_category_row), position == self->categories->len - 1);
}

static void
on_category_selected (MoatThreatEditor *self)
{
  guint position = adw_combo_row_get_selected (self->category_row);
  const char *category;

  if (self->loading || self->threat == NULL || position >= self->categories->len)
    return;
  category = g_ptr_array_index (self->categories, position);
  if (category == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->custom_category_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->custom_category_row));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->custom_category_row), FALSE);
  if (g_strcmp0 (moat_threat_get_category (self->threat), category) != 0)
    g_object_set (self->threat, "category", category, NULL);
}

/* Threat actor */

static void
load_actors (MoatThreatEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GListModel *actors = moat_model_get_list (self->model, MOAT_TYPE_THREAT_ACTOR);
  const char *current = moat_threat_get_actor_id (self->threat);
  guint selected = 0;

  g_ptr_array_set_size (self->actor_ids, 0);
  gtk_string_list_append (labels, _("None"));
  g_ptr_array_add (self->actor_ids, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(MoatObject) actor = g_list_model_get_item (actors, i);
      g_autofree char *name = moat_label_object_title (actor);

      gtk_string_list_append (labels, name);
      g_ptr_array_add (self->actor_ids, g_strdup (moat_object_get_id (actor)));
      if (g_strcmp0 (current, moat_object_get_id (actor)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->actor_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->actor_row, selected);
}

static void
on_actor_selected (MoatThreatEditor *self)
{
  guint position = adw_combo_row_get_selected (self->actor_row);
  const char *id;

  if (self->loading || self->threat == NULL || position >= self->actor_ids->len)
    return;
  id = g_ptr_array_index (self->actor_ids, position);
  if (g_strcmp0 (moat_threat_get_actor_id (self->threat), id) != 0)
    g_object_set (self->threat, "actor-id", id, NULL);
}

/* Impact and risk */

static char *
asset_names (MoatThreatEditor *self)
{
  const char * const *element_ids = moat_threat_get_element_ids (self->threat);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; element_ids != NULL && element_ids[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (self->model, element_ids[i], MOAT_TYPE_ELEMENT);
      const char * const *asset_ids = element ? moat_element_get_asset_ids (element) : NULL;

      for (guint j = 0; asset_ids != NULL && asset_ids[j] != NULL; j++)
        {
          MoatAsset *asset = moat_model_lookup_typed (self->model, asset_ids[j], MOAT_TYPE_ASSET);

          if (asset == NULL || !g_hash_table_add (seen, (gpointer) asset_ids[j]))
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, moat_asset_get_name (asset));
        }
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
load_risk (MoatThreatEditor *self)
{
  int from_assets = moat_risk_default_impact (self->model, self->threat);
  gboolean overridden = moat_threat_get_impact_overridden (self->threat);
  g_autofree char *assets = asset_names (self);
  g_autofree char *impact_text = NULL;
  g_autofree char *level_text = NULL;
  MoatRiskAssessment risk;

  moat_risk_assess (self->model, self->threat, &risk);
  gtk_spin_button_set_value (self->impact_spin, risk.impact);

  if (from_assets == 0)
    impact_text = g_strdup (_("Set by hand: no linked element carries an asset"));
  else if (overridden)
    impact_text = g_strdup_printf (_("Set by hand; the assets say %d (%s)"), from_assets, assets);
  else
    impact_text = g_strdup_printf (_("From the assets: %s"), assets);
  adw_action_row_set_subtitle (self->impact_row, impact_text);
  gtk_widget_set_visible (self->reset_impact_button, overridden && from_assets > 0);

  moat_risk_chip_set_level (self->level_chip, risk.level);
  moat_risk_chip_set_dimmed (self->level_chip, !risk.open);
  if (risk.residual_level != risk.level)
    level_text = g_strdup_printf (_("After its implemented controls: %s"),
                                  moat_risk_level_get_label (risk.residual_level));
  else if (risk.residual_likelihood != risk.likelihood)
    level_text = g_strdup_printf (_("After its implemented controls: still %s"),
                                  moat_risk_level_get_label (risk.residual_level));
  else
    level_text = g_strdup (_("No implemented control lowers it yet"));
  adw_action_row_set_subtitle (self->level_row, level_text);
}

static void
on_impact_changed (MoatThreatEditor *self)
{
  int value = gtk_spin_button_get_value_as_int (self->impact_spin);

  if (self->loading || self->threat == NULL)
    return;
  if (value == moat_risk_effective_impact (self->model, self->threat)
      && moat_threat_get_impact_overridden (self->threat))
    return;

  /* Setting the impact by hand is what overrides the assets. */
  moat_model_begin_action (self->model, _("Change Impact"));
  g_object_set (self->threat, "impact", value, "impact-overridden", TRUE, NULL);
  moat_model_end_action (self->model);
}

static void
on_reset_impact (MoatThreatEditor *self)
{
  int from_assets;

  if (self->threat == NULL)
    return;
  from_assets = moat_risk_default_impact (self->model, self->threat);
  moat_model_begin_action (self->model, _("Use the Impact of the Assets"));
  g_object_set (self->threat, "impact-overridden", FALSE, NULL);
  if (from_assets > 0)
    g_object_set (self->threat, "impact", from_assets, NULL);
  moat_model_end_action (self->model);
}

/* Review */

static void
load_review (MoatThreatEditor *self)
{
  g_autofree char *reason = NULL;
  gboolean flagged = moat_threat_get_needs_review (self->threat);
  const char *rule_id = moat_threat_get_rule_id (self->threat);
  g_autofree char *origin = NULL;

  if (self->engine != NULL && moat_rule_engine_needs_review (self->engine, self->threat))
    {
      flagged = TRUE;
      reason = moat_rule_engine_get_review_reason (self->engine, self->threat);
    }
  if (reason == NULL && moat_threat_get_review_reason (self->threat) != NULL)
    reason = g_strdup (moat_threat_get_review_reason (self->threat));

  gtk_widget_set_visible (GTK_WIDGET (self->review_group), flagged);
  if (reason == NULL)
    reason = g_strdup (_("Someone asked for this threat to be looked at again."));
  adw_action_row_set_subtitle (self->review_row, reason);

  if (rule_id != NULL && *rule_id != '\0')
    origin = g_strdup_printf (_("Suggested by the rule “%s”"), rule_id);
  adw_preferences_group_set_description (self->threat_group, origin);
}

static void
on_keep_clicked (MoatThreatEditor *self)
{
  if (self->threat == NULL)
    return;
  if (self->engine != NULL)
    moat_rule_engine_keep (self->engine, self->threat);
  else
    g_object_set (self->threat, "needs-review", FALSE, NULL);
}

/* Loading */

static void
load_derived (MoatThreatEditor *self)
{
  if (self->threat == NULL)
    return;
  self->loading = TRUE;
  load_category (self);
  load_actors (self);
  load_risk (self);
  load_review (self);
  self->loading = FALSE;
}

static void
on_threat_notify (MoatThreatEditor *self,
                  GParamSpec       *pspec)
{
  load_derived (self);
}

static void
on_new_control (MoatThreatEditor *self)
{
  g_autoptr(MoatControl) control = NULL;
  const char *ids[2] = { NULL, NULL };

  if (self->threat == NULL)
    return;
  ids[0] = moat_object_get_id (MOAT_OBJECT (self->threat));
  control = moat_control_new ();
  g_object_set (control, "threat-ids", ids, NULL);
  moat_model_begin_action (self->model, _("Add Control"));
  moat_model_add (self->model, control);
  moat_model_end_action (self->model);
  moat_item_editor_emit_open (MOAT_ITEM_EDITOR (self), MOAT_OBJECT (control));
}

static void
on_link_activated (MoatThreatEditor *self,
                   MoatObject       *object)
{
  moat_item_editor_emit_open (MOAT_ITEM_EDITOR (self), MOAT_OBJECT (object));
}

void
moat_threat_editor_commit (MoatThreatEditor *self)
{
  g_return_if_fail (MOAT_IS_THREAT_EDITOR (self));

  moat_field_binder_commit (self->binder);
}

/**
 * moat_threat_editor_set_threat:
 * @model: (nullable): the model of @threat
 * @threat: (nullable): the threat to edit
 */
void
moat_threat_editor_set_threat (MoatThreatEditor *self,
                               MoatModel        *model,
                               MoatThreat       *threat)
{
  g_return_if_fail (MOAT_IS_THREAT_EDITOR (self));

  moat_field_binder_set_object (self->binder, NULL);
  if (self->threat != NULL)
    g_signal_handlers_disconnect_by_data (self->threat, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (threat == NULL)
    model = NULL;
  g_set_object (&self->model, model);
  g_set_object (&self->threat, threat);

  moat_refs_group_set_threat (self->refs_group, threat);
  moat_link_list_set_object (self->elements_list, self->model, MOAT_OBJECT (threat));
  moat_link_list_set_object (self->controls_list, self->model, MOAT_OBJECT (threat));
  moat_link_list_set_object (self->assumptions_list, self->model, MOAT_OBJECT (threat));
  if (threat == NULL)
    return;

  moat_field_binder_set_object (self->binder, MOAT_OBJECT (threat));
  g_signal_connect_object (threat, "notify", G_CALLBACK (on_threat_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "action-closed", G_CALLBACK (load_derived), self, G_CONNECT_SWAPPED);
  load_derived (self);
  moat_preferences_page_scroll_to_top (self->page);
}

/**
 * moat_threat_editor_get_threat:
 *
 * Returns: (transfer none) (nullable): the threat being edited
 */
MoatThreat *
moat_threat_editor_get_threat (MoatThreatEditor *self)
{
  g_return_val_if_fail (MOAT_IS_THREAT_EDITOR (self), NULL);

  return self->threat;
}

void
moat_threat_editor_set_engine (MoatThreatEditor *self,
                               MoatRuleEngine   *engine)
{
  g_return_if_fail (MOAT_IS_THREAT_EDITOR (self));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "review-changed", G_CALLBACK (load_derived), self, G_CONNECT_SWAPPED);
}

GtkWidget *
moat_threat_editor_new (void)
{
  return g_object_new (MOAT_TYPE_THREAT_EDITOR, NULL);
}

static void
moat_threat_editor_dispose (GObject *object)
{
  MoatThreatEditor *self = MOAT_THREAT_EDITOR (object);

  if (self->binder != NULL)
    moat_field_binder_set_object (self->binder, NULL);
  if (self->threat != NULL)
    g_signal_handlers_disconnect_by_data (self->threat, self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->binder);
  g_clear_object (&self->threat);
  g_clear_object (&self->model);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->actor_ids, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_THREAT_EDITOR);

  G_OBJECT_CLASS (moat_threat_editor_parent_class)->dispose (object);
}

static void
moat_threat_editor_class_init (MoatThreatEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_threat_editor_dispose;

  g_type_ensure (MOAT_TYPE_LINK_LIST);
  g_type_ensure (MOAT_TYPE_REFS_GROUP);
  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  g_type_ensure (MOAT_TYPE_ELEMENT);
  g_type_ensure (MOAT_TYPE_CONTROL);
  g_type_ensure (MOAT_TYPE_ASSUMPTION);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-threat-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MoatThreatEditor, name)
  BIND (page);
  BIND (review_group);
  BIND (review_row);
  BIND (keep_button);
  BIND (threat_group);
  BIND (title_row);
  BIND (category_row);
  BIND (custom_category_row);
  BIND (description_view);
  BIND (likelihood_spin);
  BIND (impact_row);
  BIND (impact_spin);
  BIND (reset_impact_button);
  BIND (level_row);
  BIND (level_chip);
  BIND (refs_group);
  BIND (status_row);
  BIND (status_reason_row);
  BIND (owner_row);
  BIND (actor_row);
  BIND (elements_list);
  BIND (controls_list);
  BIND (assumptions_list);
  BIND (new_control_button);
#undef BIND
}

static void
moat_threat_editor_init (MoatThreatEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->actor_ids = g_ptr_array_new_with_free_func (g_free);
  build_categories (self);

  self->binder = moat_field_binder_new ();
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->title_row), "title");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->custom_category_row), "category");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->description_view), "description");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->likelihood_spin), "likelihood");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->status_row), "status");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->status_reason_row), "status-reason");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->owner_row), "owner");

  g_signal_connect_swapped (self->category_row, "notify::selected", G_CALLBACK (on_category_selected), self);
  g_signal_connect_swapped (self->actor_row, "notify::selected", G_CALLBACK (on_actor_selected), self);
  g_signal_connect_swapped (self->impact_spin, "value-changed", G_CALLBACK (on_impact_changed), self);
  g_signal_connect_swapped (self->reset_impact_button, "clicked", G_CALLBACK (on_reset_impact), self);
  g_signal_connect_swapped (self->keep_button, "clicked", G_CALLBACK (on_keep_clicked), self);
  g_signal_connect_swapped (self->new_control_button, "clicked", G_CALLBACK (on_new_control), self);
  g_signal_connect_swapped (self->elements_list, "activated", G_CALLBACK (on_link_activated), self);
  g_signal_connect_swapped (self->controls_list, "activated", G_CALLBACK (on_link_activated), self);
  g_signal_connect_swapped (self->assumptions_list, "activated", G_CALLBACK (on_link_activated), self);
}

static void
item_editor_commit (MoatItemEditor *editor)
{
  moat_threat_editor_commit (MOAT_THREAT_EDITOR (editor));
}

static void
item_editor_set_item (MoatItemEditor *editor,
                      MoatModel      *model,
                      MoatObject     *item)
{
  moat_threat_editor_set_threat (MOAT_THREAT_EDITOR (editor), model, MOAT_THREAT (item));
}

static void
moat_threat_editor_item_editor_init (MoatItemEditorInterface *iface)
{
  iface->commit = item_editor_commit;
  iface->set_item = item_editor_set_item;
}
