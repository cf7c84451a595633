/* moat-suggestion-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-risk-chip.h"
#include "moat-suggestion-row.h"

struct _MoatSuggestionRow
{
  GtkListBoxRow   parent_instance;

  MoatSuggestion *suggestion;

  GtkLabel       *title;
  GtkLabel       *facts;
  GtkLabel       *refs;
  MoatRiskChip   *chip;
  GtkWidget      *accept_button;
  GtkWidget      *dismiss_button;
};

G_DEFINE_FINAL_TYPE (MoatSuggestionRow, moat_suggestion_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ACCEPT,
  DISMISS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_accept_clicked (MoatSuggestionRow *self)
{
  g_signal_emit (self, signals[ACCEPT], 0);
}

static void
on_dismiss_clicked (MoatSuggestionRow *self)
{
  g_signal_emit (self, signals[DISMISS], 0);
}

static void
append_ref (GString    *markup,
            const char *id)
{
  g_autofree char *url = moat_refs_get_url (moat_refs_get_builtin (), id);
  g_autofree char *escaped_id = g_markup_escape_text (id, -1);
  g_autofree char *escaped_url = url ? g_markup_escape_text (url, -1) : NULL;
  g_autofree char *escaped_title = g_markup_escape_text (moat_refs_lookup_title (moat_refs_get_builtin (), id) ?: "", -1);

  if (markup->len > 0)
    g_string_append (markup, " · ");
  if (escaped_url != NULL)
    g_string_append_printf (markup, "<a href=\"%s\" title=\"%s\">%s</a>", escaped_url, escaped_title, escaped_id);
  else
    g_string_append (markup, escaped_id);
}

/* The rule's references as links a reviewer can follow: "CWE-862 · CAPEC-122". */
static char *
refs_markup (MoatRule *rule)
{
  const char * const *ids = rule ? moat_rule_get_refs (rule) : NULL;
  GString *markup;

  if (ids == NULL || ids[0] == NULL)
    return NULL;
  markup = g_string_new (NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    append_ref (markup, ids[i]);
  return g_string_free (markup, FALSE);
}

static void
show (MoatSuggestionRow *self,
      const char        *facts)
{
  const char *title = moat_suggestion_get_title (self->suggestion);
  g_autofree char *accept = g_strdup_printf (_("Accept “%s”"), title);
  g_autofree char *dismiss = g_strdup_printf (_("Dismiss “%s”"), title);
  g_autofree char *markup = NULL;

  gtk_label_set_label (self->title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), moat_suggestion_get_description (self->suggestion));
  gtk_label_set_label (self->facts, facts);
  markup = refs_markup (moat_suggestion_get_rule (self->suggestion));
  gtk_label_set_markup (self->refs, markup ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refs), markup != NULL);
  moat_risk_chip_set_level (self->chip, moat_suggestion_get_level (self->suggestion));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_button), GTK_ACCESSIBLE_PROPERTY_LABEL, accept, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dismiss_button), GTK_ACCESSIBLE_PROPERTY_LABEL, dismiss, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/**
 * moat_suggestion_row_new:
 * @facts: what the suggestion is and where: "Tampering · Order service"
 */
GtkWidget *
moat_suggestion_row_new (MoatSuggestion *suggestion,
                         const char     *facts)
{
  MoatSuggestionRow *self;

  g_return_val_if_fail (MOAT_IS_SUGGESTION (suggestion), NULL);

  self = g_object_new (MOAT_TYPE_SUGGESTION_ROW, NULL);
  self->suggestion = g_object_ref (suggestion);
  show (self, facts);
  return GTK_WIDGET (self);
}

/**
 * moat_suggestion_row_get_suggestion:
 *
 * Returns: (transfer none): the suggestion shown
 */
MoatSuggestion *
moat_suggestion_row_get_suggestion (MoatSuggestionRow *self)
{
  g_return_val_if_fail (MOAT_IS_SUGGESTION_ROW (self), NULL);

  return self->suggestion;
}

static void
moat_suggestion_row_dispose (GObject *object)
{
  MoatSuggestionRow *self = MOAT_SUGGESTION_ROW (object);

  g_clear_object (&self->suggestion);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_SUGGESTION_ROW);

  G_OBJECT_CLASS (moat_suggestion_row_parent_class)->dispose (object);
}

static void
moat_suggestion_row_class_init (MoatSuggestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_suggestion_row_dispose;

  /**
   * MoatSuggestionRow::accept:
   *
   * The user accepts the suggestion as a threat.
   */
  signals[ACCEPT] =
    g_signal_new ("accept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * MoatSuggestionRow::dismiss:
   *
   * The user asks to dismiss the suggestion, with a reason.
   */
  signals[DISMISS] =
    g_signal_new ("dismiss", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-suggestion-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionRow, title);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionRow, facts);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionRow, refs);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionRow, chip);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionRow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, MoatSuggestionRow, dismiss_button);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked);
}

static void
moat_suggestion_row_init (MoatSuggestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
