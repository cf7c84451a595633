/* moat-suggestion-list.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-risk-chip.h"
#include "moat-suggestion-list.h"

struct _MoatSuggestionList
{
  GtkWidget   parent_instance;

  MoatModel  *model;
  GListStore *items;

  /* template children */
  GtkWidget  *box;
  GtkWidget  *expand_toggle;
  GtkLabel   *count_label;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (MoatSuggestionList, moat_suggestion_list, GTK_TYPE_WIDGET)

enum {
  ACCEPT,
  DISMISS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
icon_button (const char *icon_name,
             const char *tooltip,
             const char *spoken)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  return button;
}

static void
on_accept_clicked (GtkButton *button,
                   gpointer   user_data)
{
  MoatSuggestionList *self = user_data;
  MoatSuggestion *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");

  g_signal_emit (self, signals[ACCEPT], 0, suggestion);
}

static void
on_dismiss_clicked (GtkButton *button,
                    gpointer   user_data)
{
  MoatSuggestionList *self = user_data;
  MoatSuggestion *suggestion = g_object_get_data (G_OBJECT (button), "suggestion");

  g_signal_emit (self, signals[DISMISS], 0, suggestion);
}

static char *
describe (MoatSuggestionList *self,
          MoatSuggestion     *suggestion)
{
  MoatObject *element = self->model ? moat_model_lookup (self->model, moat_suggestion_get_element_id (suggestion))
                                    : NULL;
  g_autofree char *name = element ? moat_label_object_title (element) : NULL;
  const char *category = moat_label_category (moat_suggestion_get_category (suggestion));

  return name ? g_strdup_printf ("%s · %s", category, name) : g_strdup (category);
}

/* Two lines: the title takes the whole width, the facts and the buttons
 * share the second; a side panel is too narrow for one line of all. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MoatSuggestionList *self = user_data;
  MoatSuggestion *suggestion = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (moat_suggestion_get_title (suggestion));
  g_autofree char *facts = describe (self, suggestion);
  GtkWidget *subtitle = gtk_label_new (facts);
  GtkWidget *chip = moat_risk_chip_new ();
  g_autofree char *accept_spoken = g_strdup_printf (_("Accept “%s”"), moat_suggestion_get_title (suggestion));
  g_autofree char *dismiss_spoken = g_strdup_printf (_("Dismiss “%s”"), moat_suggestion_get_title (suggestion));
  GtkWidget *accept = icon_button ("object-select-symbolic", _("Accept as a Threat"), accept_spoken);
  GtkWidget *dismiss = icon_button ("window-close-symbolic", _("Dismiss…"), dismiss_spoken);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title, moat_suggestion_get_description (suggestion));
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (subtitle, TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  moat_risk_chip_set_level (MOAT_RISK_CHIP (chip), moat_suggestion_get_level (suggestion));

  g_object_set_data_full (G_OBJECT (accept), "suggestion", g_object_ref (suggestion), g_object_unref);
  g_object_set_data_full (G_OBJECT (dismiss), "suggestion", g_object_ref (suggestion), g_object_unref);
  g_signal_connect (accept, "clicked", G_CALLBACK (on_accept_clicked), self);
  g_signal_connect (dismiss, "clicked", G_CALLBACK (on_dismiss_clicked), self);

  gtk_box_append (GTK_BOX (line), chip);
  gtk_box_append (GTK_BOX (line), subtitle);
  gtk_box_append (GTK_BOX (line), dismiss);
  gtk_box_append (GTK_BOX (line), accept);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_add_css_class (box, "suggestion-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  moat_suggestion_get_title (suggestion), -1);
  return row;
}

static void
on_expand_toggled (MoatSuggestionList *self)
{
  gboolean expanded = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->expand_toggle));
  const char *label = expanded ? _("Hide Suggestions") : _("Show Suggestions");

  gtk_button_set_icon_name (GTK_BUTTON (self->expand_toggle), expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_widget_set_tooltip_text (self->expand_toggle, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expand_toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
update (MoatSuggestionList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

void
moat_suggestion_list_set_model (MoatSuggestionList *self,
                                MoatModel          *model)
{
  g_return_if_fail (MOAT_IS_SUGGESTION_LIST (self));

  g_set_object (&self->model, model);
  g_list_store_remove_all (self->items);
}

static gboolean
same_items (MoatSuggestionList *self,
            GPtrArray          *suggestions)
{
  GListModel *items = G_LIST_MODEL (self->items);

  if (g_list_model_get_n_items (items) != suggestions->len)
    return FALSE;
  for (guint i = 0; i < suggestions->len; i++)
    {
      g_autoptr(MoatSuggestion) shown = g_list_model_get_item (items, i);
      if (!moat_suggestion_equal (shown, g_ptr_array_index (suggestions, i)))
        return FALSE;
    }
  return TRUE;
}

/**
 * moat_suggestion_list_set_items:
 * @suggestions: (element-type MoatSuggestion): what to offer, in order
 */
void
moat_suggestion_list_set_items (MoatSuggestionList *self,
                                GPtrArray          *suggestions)
{
  g_return_if_fail (MOAT_IS_SUGGESTION_LIST (self));

  /* Rebuilding rows the user is looking at would lose their place. */
  if (!same_items (self, suggestions))
    g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                         suggestions->pdata, suggestions->len);
  update (self);
}

/**
 * moat_suggestion_list_get_items:
 *
 * Returns: (transfer none): the suggestions shown
 */
GListModel *
moat_suggestion_list_get_items (MoatSuggestionList *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION_LIST (self), NULL);

  return G_LIST_MODEL (self->items);
}

GtkWidget *
moat_suggestion_list_new (void)
{
  return g_object_new (MOAT_TYPE_SUGGESTION_LIST, NULL);
}

static void
moat_suggestion_list_dispose (GObject *object)
{
  MoatSuggestionList *self = MOAT_SUGGESTION_LIST (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->items);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_SUGGESTION_LIST);

  G_OBJECT_CLASS (moat_suggestion_list_parent_class)->dispose (object);
}

static void
moat_suggestion_list_class_init (MoatSuggestionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_suggestion_list_dispose;

  /**
   * MoatSuggestionList::accept:
   * @suggestion: the suggestion to turn into a threat
   */
  signals[ACCEPT] =
    g_signal_new ("accept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_SUGGESTION);
  /**
   * MoatSuggestionList::dismiss:
   * @suggestion: the suggestion to set aside
   */
  signals[DISMISS] =
    g_signal_new ("dismiss", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_SUGGESTION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-suggestion-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionList, box);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionList, count_label);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionList, expand_toggle);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionList, list_box);
}

static void
moat_suggestion_list_init (MoatSuggestionList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (MOAT_TYPE_SUGGESTION);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->items), create_row, self, NULL);
  g_signal_connect_swapped (self->expand_toggle, "toggled", G_CALLBACK (on_expand_toggled), self);
  on_expand_toggled (self);
  update (self);
}
