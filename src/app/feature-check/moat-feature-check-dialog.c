/* moat-feature-check-dialog.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feature check as a team fills it in at sprint planning: the
 * questions, the decision the answers suggest (which the team may
 * overrule, saying why) and the elements an update would touch. Recording
 * adds one dated record to the model, as one undo step; the window then
 * shows the touched elements on their diagram.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-feature-check-dialog.h"
#include "moat-feature-element-choice.h"
#include "moat-feature-element-row.h"
#include "moat-feature-question-row.h"

struct _MoatFeatureCheckDialog
{
  AdwWindow             parent_instance;

  MoatModel            *model;
  MoatFeatureQuestions *questions;
  GPtrArray            *question_rows;
  GListStore           *choices;

  /* template children */
  AdwEntryRow          *title_row;
  AdwPreferencesGroup  *questions_group;
  AdwPreferencesGroup  *decision_group;
  GtkCheckButton       *update_check;
  GtkCheckButton       *no_change_check;
  AdwEntryRow          *reason_row;
  AdwPreferencesGroup  *elements_group;
  GtkFilterListModel   *filter_model;
};

G_DEFINE_FINAL_TYPE (MoatFeatureCheckDialog, moat_feature_check_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
count_yes (MoatFeatureCheckDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->question_rows->len; i++)
    n += moat_feature_question_row_get_yes (g_ptr_array_index (self->question_rows, i));
  return n;
}

static gboolean
has_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return *g_strstrip (text) != '\0';
}

/* Recording needs the feature's name, and a reason to overrule a yes. */
static void
on_changed (MoatFeatureCheckDialog *self)
{
  gboolean update = gtk_check_button_get_active (self->update_check);
  gboolean needs_reason = !update && count_yes (self) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->elements_group), update);
  adw_preferences_group_set_description (self->decision_group,
                                         needs_reason
                                         ? _("A question was answered yes: say why the model needs no change.")
                                         : count_yes (self) > 0
                                         ? _("A “yes” means the model most likely needs an update.")
                                         : _("Every answer is no: the model most likely needs no change."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feature-check.record",
                                 has_text (self->title_row) && (!needs_reason || has_text (self->reason_row)));
}

/* Each answer moves the decision to what the answers suggest; the team
 * can still choose the other. */
static void
on_answer_changed (MoatFeatureCheckDialog *self)
{
  if (count_yes (self) > 0)
    gtk_check_button_set_active (self->update_check, TRUE);
  else
    gtk_check_button_set_active (self->no_change_check, TRUE);
  on_changed (self);
}

static void
add_question_rows (MoatFeatureCheckDialog *self)
{
  for (guint i = 0; i < moat_feature_questions_get_n_items (self->questions); i++)
    {
      GtkWidget *row = moat_feature_question_row_new (moat_feature_questions_get_item (self->questions, i));

      g_signal_connect_object (row, "notify::yes", G_CALLBACK (on_answer_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->questions_group, row);
      g_ptr_array_add (self->question_rows, row);
    }
}

static const char *
diagram_title (MoatModel   *model,
               MoatElement *element)
{
  MoatDiagram *diagram = moat_model_lookup_typed (model, moat_element_get_diagram_id (element), MOAT_TYPE_DIAGRAM);

  return diagram != NULL ? moat_diagram_get_title (diagram) : NULL;
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;

  /* g_ptr_array_sort_with_data() passes pointers to the elements. */
  g_object_get (*(gpointer *)a, "name", &name_a, NULL);
  g_object_get (*(gpointer *)b, "name", &name_b, NULL);
  return g_utf8_collate (name_a, name_b);
}

static void
fill_choices (MoatFeatureCheckDialog *self,
              GPtrArray              *selection)
{
  GListModel *elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  guint n = g_list_model_get_n_items (elements);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      MoatFeatureElementChoice *choice = moat_feature_element_choice_new (element,
                                                                          diagram_title (self->model, element));

      moat_feature_element_choice_set_checked (choice, selection != NULL &&
                                               g_ptr_array_find (selection, element, NULL));
      g_ptr_array_add (choices, choice);
    }
  g_ptr_array_sort_with_data (choices, (GCompareDataFunc) compare_choices, NULL);
  /* Sorted, then added at once: one items-changed for the list view. */
  g_list_store_splice (self->choices, 0, 0, choices->pdata, choices->len);
}

static GStrv
checked_element_ids (MoatFeatureCheckDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->choices)); i++)
    {
      g_autoptr(MoatFeatureElementChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->choices), i);

      if (moat_feature_element_choice_get_checked (choice))
        g_strv_builder_add (builder,
                            moat_object_get_id (MOAT_OBJECT (moat_feature_element_choice_get_element (choice))));
    }
  return g_strv_builder_end (builder);
}

static MoatFeatureCheck *
build_check (MoatFeatureCheckDialog *self)
{
  MoatFeatureCheck *check = moat_feature_check_new ();
  g_autofree gboolean *yes = g_new0 (gboolean, self->question_rows->len);
  gboolean update = gtk_check_button_get_active (self->update_check);
  g_auto(GStrv) ids = update ? checked_element_ids (self) : NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));

  for (guint i = 0; i < self->question_rows->len; i++)
    yes[i] = moat_feature_question_row_get_yes (g_ptr_array_index (self->question_rows, i));
  g_object_set (check,
                "title", title,
                "answers", moat_feature_check_build_answers (self->questions, yes),
                "outcome", update ? MOAT_FEATURE_UPDATE_NEEDED : MOAT_FEATURE_NO_CHANGE,
                "reason", *reason != '\0' ? reason : NULL,
                "element-ids", ids,
                NULL);
  return check;
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatFeatureCheckDialog *self = MOAT_FEATURE_CHECK_DIALOG (widget);
  g_autoptr(MoatFeatureCheck) check = build_check (self);
  g_autoptr(GError) error = NULL;

  if (!moat_feature_check_add (self->model, check, &error))
    {
      /* The dialog checks what the model checks; this is a last guard. */
      adw_preferences_group_set_description (self->decision_group, error->message);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, check);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
moat_feature_check_dialog_dispose (GObject *object)
{
  MoatFeatureCheckDialog *self = MOAT_FEATURE_CHECK_DIALOG (object);

  g_clear_object (&self->model);
  g_clear_object (&self->questions);
  g_clear_object (&self->choices);
  g_clear_pointer (&self->question_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_feature_check_dialog_parent_class)->dispose (object);
}

static void
moat_feature_check_dialog_class_init (MoatFeatureCheckDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_feature_check_dialog_dispose;

  /**
   * MoatFeatureCheckDialog::recorded:
   * @check: the check, now in the model
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_FEATURE_CHECK);

  g_type_ensure (MOAT_TYPE_FEATURE_ELEMENT_CHOICE);
  g_type_ensure (MOAT_TYPE_FEATURE_ELEMENT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/feature-check/moat-feature-check-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, questions_group);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, decision_group);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, update_check);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, no_change_check);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, elements_group);
  gtk_widget_class_bind_template_child (widget_class, MoatFeatureCheckDialog, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "feature-check.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "feature-check.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "feature-check.cancel", NULL);
}

static void
moat_feature_check_dialog_init (MoatFeatureCheckDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->question_rows = g_ptr_array_new ();
  self->choices = g_list_store_new (MOAT_TYPE_FEATURE_ELEMENT_CHOICE);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->choices));
}

/**
 * moat_feature_check_dialog_new:
 * @selection: (nullable) (element-type MoatElement): the elements selected
 *   on the diagram, ticked to begin with
 */
GtkWidget *
moat_feature_check_dialog_new (GtkWindow *parent,
                               MoatModel *model,
                               GPtrArray *selection)
{
  MoatFeatureCheckDialog *self = g_object_new (MOAT_TYPE_FEATURE_CHECK_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;

  self->model = g_object_ref (model);
  self->questions = moat_feature_questions_new_default (&error);
  if (error != NULL)
    adw_preferences_group_set_description (self->questions_group, error->message);
  add_question_rows (self);
  fill_choices (self, selection);
  on_answer_changed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return GTK_WIDGET (self);
}
