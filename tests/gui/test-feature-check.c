/* test-feature-check.c: the Feature Check dialog in the real window
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-diagram-page.h"
#include "moat-feature-check-dialog.h"
#include "moat-feature-element-row.h"
#include "moat-feature-question-row.h"
#include "moat-gui-test-util.h"
#include "moat-test-util.h"
#include "moat-window.h"

static MoatApplication *app;

typedef struct
{
  MoatWindow      *window;
  MoatModel       *model;
  MoatDiagramPage *page;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  f->page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_DIAGRAM_PAGE));
  g_assert_nonnull (f->page);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moat_gui_test_close (f->window);
}

static MoatFeatureCheckDialog *
open_dialog (Fixture *f)
{
  MoatFeatureCheckDialog *dialog = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "feature-check", NULL);
  moat_gui_test_spin ();
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (MOAT_IS_FEATURE_CHECK_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  return dialog;
}

static void
answer (MoatFeatureCheckDialog *dialog,
        const char             *question_id,
        gboolean                yes)
{
  GPtrArray *rows = moat_gui_test_collect_type (GTK_WIDGET (dialog), MOAT_TYPE_FEATURE_QUESTION_ROW);
  gboolean found = FALSE;

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (rows, i)), question_id))
      {
        /* As a person does: the row's switch. */
        GtkWidget *toggle = moat_gui_test_find_type (g_ptr_array_index (rows, i), GTK_TYPE_SWITCH);

        gtk_switch_set_active (GTK_SWITCH (toggle), yes);
        found = TRUE;
      }
  g_ptr_array_unref (rows);
  g_assert_true (found);
}

static void
type_into_row (MoatFeatureCheckDialog *dialog,
               const char             *row_title,
               const char             *text)
{
  GtkWidget *row = moat_gui_test_find_row (GTK_WIDGET (dialog), row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  moat_gui_test_spin ();
}

static GtkCheckButton *
decision (MoatFeatureCheckDialog *dialog,
          const char             *row_title)
{
  return GTK_CHECK_BUTTON (moat_gui_test_find_row_widget (GTK_WIDGET (dialog), row_title));
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
record (MoatFeatureCheckDialog **dialog)
{
  g_object_add_weak_pointer (G_OBJECT (*dialog), (gpointer *) dialog);
  gtk_widget_activate_action (GTK_WIDGET (*dialog), "feature-check.record", NULL);
  moat_gui_test_spin ();
}

static void
select_named (Fixture     *f,
              const char **names)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (selection, moat_gui_test_element_named (f->model, names[i]));
  moat_diagram_page_set_diagram (f->page, moat_model_lookup (f->model,
                                                             moat_element_get_diagram_id (selection->pdata[0])));
  moat_diagram_page_set_selection (f->page, selection);
  moat_gui_test_spin ();
}

/* The team says yes to a new external party: the dialog suggests an
 * update, ticks what is selected on the diagram, records the check as
 * one undo step and shows those elements. */
static void
test_update_needed (Fixture       *f,
                    gconstpointer  data)
{
  MoatFeatureCheckDialog *dialog;
  MoatFeatureCheck *check;
  GPtrArray *selection;
  guint before = moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK);

  select_named (f, (const char *[]) { "Payment API", "Card vault", NULL });
  dialog = open_dialog (f);
  /* Selected elsewhere meanwhile: the result is seen to come back. */
  moat_diagram_page_set_selection (f->page, NULL);

  /* Nothing to record without the feature's name. */
  record (&dialog);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK), ==, before);

  type_into_row (dialog, "Feature, such as its ticket and name", "PAY-180 Instalments with a partner");
  g_assert_true (gtk_check_button_get_active (decision (dialog, "No model change needed")));
  answer (dialog, "external-party", TRUE);
  g_assert_true (gtk_check_button_get_active (decision (dialog, "Update the model")));

  if (g_getenv ("MOAT_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("MOAT_TEST_SCREENSHOTS"), "feature-check.png", NULL);

      moat_gui_test_wait_frames (GTK_WIDGET (dialog), 3);
      moat_gui_test_save_screenshot (GTK_WIDGET (dialog), path);
    }

  record (&dialog);
  g_assert_null (dialog);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK), ==, before + 1);
  check = moat_feature_check_find_latest (f->model);
  g_assert_cmpstr (moat_feature_check_get_title (check), ==, "PAY-180 Instalments with a partner");
  g_assert_cmpint (moat_feature_check_get_outcome (check), ==, MOAT_FEATURE_UPDATE_NEEDED);
  g_assert_cmpuint (moat_feature_check_count_yes (check), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) moat_feature_check_get_element_ids (check)), ==, 2);

  /* The window shows the touched elements, selected, to update them. */
  selection = moat_diagram_page_get_selection (f->page);
  g_assert_cmpuint (selection->len, ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "undo", NULL);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK), ==, before);
}

/* Overruling a "yes" takes a reason; the elements list goes away. */
static void
test_no_change_needs_reason (Fixture       *f,
                             gconstpointer  data)
{
  MoatFeatureCheckDialog *dialog = open_dialog (f);
  guint before = moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK);
  MoatFeatureCheck *check;

  type_into_row (dialog, "Feature, such as its ticket and name", "PAY-181 Refund reason codes");
  answer (dialog, "new-data", TRUE);
  gtk_check_button_set_active (decision (dialog, "No model change needed"), TRUE);
  moat_gui_test_spin ();
  g_assert_false (gtk_widget_is_visible (moat_gui_test_find_label (GTK_WIDGET (dialog),
                                                                     "Elements the Feature Touches")));
  record (&dialog);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK), ==, before);

  type_into_row (dialog, "Reason", "Codes are kept with the refund in the order records");
  record (&dialog);
  g_assert_null (dialog);
  check = moat_feature_check_find_latest (f->model);
  g_assert_cmpint (moat_feature_check_get_outcome (check), ==, MOAT_FEATURE_NO_CHANGE);
  g_assert_cmpstr (moat_feature_check_get_reason (check), ==, "Codes are kept with the refund in the order records");
  g_assert_null (moat_feature_check_get_element_ids (check) ? moat_feature_check_get_element_ids (check)[0] : NULL);
}

/* Escape leaves the model as it was. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  MoatFeatureCheckDialog *dialog = open_dialog (f);
  guint before = moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK);

  type_into_row (dialog, "Feature, such as its ticket and name", "Never recorded");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "feature-check.cancel", NULL);
  moat_gui_test_wait_for (is_null, &dialog);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_FEATURE_CHECK), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/feature-check/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("update-needed", test_update_needed);
  ADD ("no-change-needs-reason", test_no_change_needs_reason);
  ADD ("cancel", test_cancel);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
