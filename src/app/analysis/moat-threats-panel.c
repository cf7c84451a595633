/* moat-threats-panel.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suggestions are asked of the rule engine for the selected elements only
 * when the selection changes or the engine says theirs changed: the
 * engine already re-evaluates incrementally, the panel just listens.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-risk.h"
#include "moat-threat-editor.h"
#include "moat-threats-panel.h"
#include "moat-limits.h"

struct _MoatThreatsPanel
{
  MoatItemsPanel      parent_instance;

  MoatRuleEngine     *engine;
  MoatThreatEditor   *editor;     /* made when a threat is first opened */
  MoatSuggestionList *suggestions;
  GtkWidget          *dialog;
  GStrv               highlight;
};

G_DEFINE_FINAL_TYPE (MoatThreatsPanel, moat_threats_panel, MOAT_TYPE_ITEMS_PANEL)

enum {
  PROP_0,
  PROP_HIGHLIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
needs_review (MoatThreatsPanel *self,
              MoatThreat       *threat)
{
  if (moat_threat_get_needs_review (threat))
    return TRUE;
  return self->engine != NULL && moat_rule_engine_needs_review (self->engine, threat);
}

/* Highlight */

static void
set_highlight (MoatThreatsPanel   *self,
               const char * const *ids)
{
  if (self->highlight != NULL && ids != NULL && g_strv_equal (ids, (const char * const *) self->highlight))
    return;
  if (self->highlight == NULL && ids == NULL)
    return;
  g_strfreev (self->highlight);
  self->highlight = g_strdupv ((char **) ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

static void
on_edited_notify (MoatThreatsPanel *self,
                  GParamSpec       *pspec,
                  MoatThreat       *threat)
{
  set_highlight (self, moat_threat_get_element_ids (threat));
}

/**
 * moat_threats_panel_get_highlight:
 *
 * Returns: (transfer none) (nullable): the ids of the elements of the
 *   threat being edited
 */
const char * const *
moat_threats_panel_get_highlight (MoatThreatsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_THREATS_PANEL (self), NULL);

  return (const char * const *) self->highlight;
}

/* Suggestions */

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  MoatSuggestion *x = *(MoatSuggestion **) a;
  MoatSuggestion *y = *(MoatSuggestion **) b;
  int d = (int) moat_suggestion_get_level (y) - (int) moat_suggestion_get_level (x);

  if (d == 0)
    d = moat_format_category_rank (moat_suggestion_get_category (x))
        - moat_format_category_rank (moat_suggestion_get_category (y));
  return d != 0 ? d : g_utf8_collate (moat_suggestion_get_title (x), moat_suggestion_get_title (y));
}

static void
update_suggestions (MoatThreatsPanel *self)
{
  GPtrArray *selection = moat_items_panel_get_selection (MOAT_ITEMS_PANEL (self));
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->engine != NULL && i < selection->len; i++)
    {
      const char *id = moat_object_get_id (g_ptr_array_index (selection, i));
      g_autoptr(GPtrArray) some = moat_rule_engine_list_suggestions (self->engine, id);

      for (guint j = 0; j < some->len; j++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (some, j)));
    }
  g_ptr_array_sort (all, compare_suggestions);
  moat_suggestion_list_set_items (self->suggestions, all);
}

static void
on_suggestions_changed (MoatThreatsPanel   *self,
                        const char * const *element_ids)
{
  GHashTable *selected = moat_items_panel_get_selection_ids (MOAT_ITEMS_PANEL (self));

  if (moat_ids_intersect (element_ids, selected))
    update_suggestions (self);
}

/**
 * moat_threats_panel_accept:
 *
 * Turns @suggestion into a threat on its element, as one step of undo.
 *
 * Returns: (transfer none) (nullable): the new threat
 */
MoatThreat *
moat_threats_panel_accept (MoatThreatsPanel *self,
                           MoatSuggestion   *suggestion)
{
  g_autoptr(MoatThreat) threat = NULL;

  g_return_val_if_fail (MOAT_IS_THREATS_PANEL (self), NULL);
  g_return_val_if_fail (self->engine != NULL, NULL);

  threat = moat_rule_engine_accept (self->engine, suggestion, MOAT_ACCEPT_DEFAULT);
  update_suggestions (self);
  return threat;
}

static void
on_accept (MoatThreatsPanel *self,
           MoatSuggestion   *suggestion)
{
  moat_threats_panel_accept (self, suggestion);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "dismiss", *reason != '\0');
}

static void
on_dismiss_response (AdwMessageDialog *dialog,
                     const char       *response,
                     MoatThreatsPanel *self)
{
  MoatSuggestion *suggestion = g_object_get_data (G_OBJECT (dialog), "suggestion");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "dismiss") && *reason != '\0' && self->engine != NULL)
    {
      g_autoptr(MoatDismissal) dismissal = moat_rule_engine_dismiss (self->engine, suggestion, reason);
      update_suggestions (self);
    }
}

static void
on_dialog_destroy (MoatThreatsPanel *self)
{
  self->dialog = NULL;
}

/**
 * moat_threats_panel_ask_dismiss:
 *
 * Asks why @suggestion does not apply; dismisses it with that reason,
 * which the file keeps.
 */
void
moat_threats_panel_ask_dismiss (MoatThreatsPanel *self,
                                MoatSuggestion   *suggestion)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_if_fail (MOAT_IS_THREATS_PANEL (self));

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Dismiss Suggestion?"), moat_suggestion_get_title (suggestion));
  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), MOAT_TEXT_SHORT_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why it does not apply"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "dismiss", _("_Dismiss"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dismiss", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "dismiss", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "dismiss");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "suggestion", g_object_ref (suggestion), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dismiss_response), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy), self, G_CONNECT_SWAPPED);
  self->dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * moat_threats_panel_get_dialog:
 *
 * Returns: (transfer none) (nullable): the dismiss dialog, while it shows
 */
GtkWidget *
moat_threats_panel_get_dialog (MoatThreatsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_THREATS_PANEL (self), NULL);

  return self->dialog;
}

/* MoatItemsPanel */

static gboolean
moat_threats_panel_concerns (MoatItemsPanel *panel,
                             MoatObject     *item,
                             GHashTable     *element_ids)
{
  return moat_ids_intersect (moat_threat_get_element_ids (MOAT_THREAT (item)), element_ids);
}

static int
moat_threats_panel_get_status (MoatObject *item)
{
  return moat_threat_get_status (MOAT_THREAT (item));
}

static const char *
moat_threats_panel_status_label (int status)
{
  return moat_label_threat_status (status);
}

static GStrv
moat_threats_panel_dup_categories (MoatItemsPanel *panel,
                                   MoatObject     *item)
{
  const char *category = moat_threat_get_category (MOAT_THREAT (item));
  const char *categories[2] = { category, NULL };

  if (category == NULL || *category == '\0')
    return NULL;
  return g_strdupv ((char **) categories);
}

/* Open threats first, then by level, then by likelihood × impact. */
static int
moat_threats_panel_get_score (MoatItemsPanel *panel,
                              MoatObject     *item)
{
  MoatRiskAssessment risk;

  moat_risk_assess (moat_items_panel_get_model (panel), MOAT_THREAT (item), &risk);
  return (risk.open ? 1000 : 0) + (int) risk.level * 100 + risk.likelihood * risk.impact;
}

static void
moat_threats_panel_describe (MoatItemsPanel *panel,
                             MoatObject     *item,
                             MoatItemInfo   *info)
{
  MoatThreatsPanel *self = MOAT_THREATS_PANEL (panel);
  MoatThreat *threat = MOAT_THREAT (item);
  MoatModel *model = moat_items_panel_get_model (panel);
  g_autofree char *elements = moat_label_element_names (model, moat_threat_get_element_ids (threat), 2);
  g_autoptr(GString) subtitle = g_string_new (moat_label_category (moat_threat_get_category (threat)));
  MoatRiskAssessment risk;

  moat_risk_assess (model, threat, &risk);
  if (!risk.open)
    g_string_append_printf (subtitle, " · %s", moat_label_threat_status (moat_threat_get_status (threat)));
  if (*elements != '\0')
    g_string_append_printf (subtitle, " · %s", elements);

  info->title = moat_label_object_title (item);
  info->subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
  info->level = risk.level;
  info->residual_level = risk.residual_level != risk.level ? (int) risk.residual_level : -1;
  info->closed = !risk.open;
  if (needs_review (self, threat))
    {
      info->flag = self->engine ? moat_rule_engine_get_review_reason (self->engine, threat) : NULL;
      /* A stored reason, such as the broken assumption it relies on. */
      if (info->flag == NULL && moat_threat_get_needs_review (threat)
          && moat_threat_get_review_reason (threat) != NULL && moat_threat_get_review_reason (threat)[0] != '\0')
        info->flag = g_strdup (moat_threat_get_review_reason (threat));
      if (info->flag == NULL)
        info->flag = g_strdup (_("Needs review"));
    }
}

static MoatObject *
moat_threats_panel_create_item (MoatItemsPanel *panel)
{
  g_auto(GStrv) ids = moat_items_panel_dup_selection_ids (panel);
  MoatThreat *threat = g_object_new (MOAT_TYPE_THREAT, "element-ids", ids, NULL);
  /* The impact starts where the assets put it; see moat-risk.h. */
  int impact = moat_risk_impact_from_assets (moat_items_panel_get_model (panel), (const char * const *) ids);

  if (impact > 0)
    g_object_set (threat, "impact", impact, NULL);
  return MOAT_OBJECT (threat);
}

static void
moat_threats_panel_edit (MoatItemsPanel *panel,
                         MoatObject     *item)
{
  MoatThreatsPanel *self = MOAT_THREATS_PANEL (panel);
  MoatThreat *previous = moat_threat_editor_get_threat (MOAT_THREAT_EDITOR (moat_items_panel_get_editor (panel)));

  if (previous != NULL)
    g_signal_handlers_disconnect_by_data (previous, self);
  MOAT_ITEMS_PANEL_CLASS (moat_threats_panel_parent_class)->edit (panel, item);
  if (item == NULL)
    {
      set_highlight (self, NULL);
      return;
    }
  g_signal_connect_object (item, "notify::element-ids", G_CALLBACK (on_edited_notify), self,
                           G_CONNECT_SWAPPED);
  set_highlight (self, moat_threat_get_element_ids (MOAT_THREAT (item)));
}

static void
moat_threats_panel_selection_changed (MoatItemsPanel *panel)
{
  update_suggestions (MOAT_THREATS_PANEL (panel));
}

/* Public */

void
moat_threats_panel_set_engine (MoatThreatsPanel *self,
                               MoatRuleEngine   *engine)
{
  g_return_if_fail (MOAT_IS_THREATS_PANEL (self));

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (self->editor != NULL)
    moat_threat_editor_set_engine (self->editor, engine);
  moat_suggestion_list_set_model (self->suggestions, engine ? moat_rule_engine_get_model (engine) : NULL);
  if (engine != NULL)
    {
      g_signal_connect_object (engine, "suggestions-changed", G_CALLBACK (on_suggestions_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "review-changed", G_CALLBACK (moat_items_panel_refresh), self,
                               G_CONNECT_SWAPPED);
    }
  update_suggestions (self);
}

/**
 * moat_threats_panel_get_engine:
 *
 * Returns: (transfer none) (nullable): the rule engine
 */
MoatRuleEngine *
moat_threats_panel_get_engine (MoatThreatsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_THREATS_PANEL (self), NULL);

  return self->engine;
}

/**
 * moat_threats_panel_get_suggestions:
 *
 * Returns: (transfer none): the list of suggestions
 */
MoatSuggestionList *
moat_threats_panel_get_suggestions (MoatThreatsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_THREATS_PANEL (self), NULL);

  return self->suggestions;
}

GtkWidget *
moat_threats_panel_new (void)
{
  return g_object_new (MOAT_TYPE_THREATS_PANEL, NULL);
}

static void
moat_threats_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MoatThreatsPanel *self = MOAT_THREATS_PANEL (object);

  switch (prop_id)
    {
    case PROP_HIGHLIGHT:
      g_value_set_boxed (value, self->highlight);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_threats_panel_dispose (GObject *object)
{
  MoatThreatsPanel *self = MOAT_THREATS_PANEL (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->highlight, g_strfreev);

  G_OBJECT_CLASS (moat_threats_panel_parent_class)->dispose (object);
}

static void
moat_threats_panel_class_init (MoatThreatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MoatItemsPanelClass *panel_class = MOAT_ITEMS_PANEL_CLASS (klass);

  object_class->dispose = moat_threats_panel_dispose;
  object_class->get_property = moat_threats_panel_get_property;

  panel_class->item_type = MOAT_TYPE_THREAT;
  panel_class->status_type = MOAT_TYPE_THREAT_STATUS;
  panel_class->concerns = moat_threats_panel_concerns;
  panel_class->get_status = moat_threats_panel_get_status;
  panel_class->status_label = moat_threats_panel_status_label;
  panel_class->dup_categories = moat_threats_panel_dup_categories;
  panel_class->get_score = moat_threats_panel_get_score;
  panel_class->describe = moat_threats_panel_describe;
  panel_class->create_item = moat_threats_panel_create_item;
  panel_class->edit = moat_threats_panel_edit;
  panel_class->selection_changed = moat_threats_panel_selection_changed;

  properties[PROP_HIGHLIGHT] =
    g_param_spec_boxed ("highlight", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_THREAT_EDITOR);
  g_type_ensure (MOAT_TYPE_SUGGESTION_LIST);
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/moatmodel/Moat/analysis/moat-threats-panel.ui");
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatThreatsPanel, suggestions);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_accept);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), moat_threats_panel_ask_dismiss);
}

/* The editor is made when a threat is first opened. */
static void
on_editor_made (MoatThreatsPanel *self)
{
  self->editor = MOAT_THREAT_EDITOR (moat_items_panel_get_editor (MOAT_ITEMS_PANEL (self)));
  moat_threat_editor_set_engine (self->editor, self->engine);
}

static void
moat_threats_panel_init (MoatThreatsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::editor", G_CALLBACK (on_editor_made), NULL);
}
