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
#include "moat-suggestion-row.h"

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

static void
on_row_accept (MoatSuggestionList *self,
               MoatSuggestionRow  *row)
{
  g_signal_emit (self, signals[ACCEPT], 0, moat_suggestion_row_get_suggestion (row));
}

static void
on_row_dismiss (MoatSuggestionList *self,
                MoatSuggestionRow  *row)
{
  g_signal_emit (self, signals[DISMISS], 0, moat_suggestion_row_get_suggestion (row));
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

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MoatSuggestionList *self = user_data;
  g_autofree char *facts = describe (self, item);
  GtkWidget *row = moat_suggestion_row_new (item, facts);

  g_signal_connect_object (row, "accept", G_CALLBACK (on_row_accept), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "dismiss", G_CALLBACK (on_row_dismiss), self, G_CONNECT_SWAPPED);
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
