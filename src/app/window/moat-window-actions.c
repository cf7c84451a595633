/* moat-window-actions.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions (win.*): files, export, printing, undo and the
 * workshop mode. The window's template and menus name them; this file
 * is where each one does its work and is enabled.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "moat-analysis.h"
#include "moat-overview-page.h"
#include "moat-conflicts-dialog.h"
#include "moat-feature-check-dialog.h"
#include "moat-report-dialog.h"
#include "moat-window-private.h"
#include "moat-workshop-history.h"
#include "moat-workshop-view.h"
#include "moat-temp-file.h"

static void
save_chosen (MoatWindow *self,
             GFile      *file)
{
  g_autoptr(GError) error = NULL;

  if (!moat_window_save_as_file (self, file, &error))
    moat_window_add_toast (self, error->message);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  g_autofree char *title = _moat_window_dup_title (self);
  g_autofree char *name = g_strconcat (title, ".moat", NULL);
  GtkFileChooser *chooser;

  chooser = _moat_window_show_chooser (self, _("Save the Model As"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                       _("_Save"), save_chosen);
  _moat_window_add_filter (chooser, _("Moat models"), "*.moat", "application/x-moat");
  gtk_file_chooser_set_current_name (chooser, g_strdelimit (name, "/", '-'));
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  chooser = _moat_window_show_chooser (MOAT_WINDOW (user_data), _("Import a Model"),
                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _moat_window_open_chosen);
  /* One filter for every format, so that none is hidden by default. */
  gtk_file_filter_set_name (filter, _("Moat JSON, Threat Dragon, Open Threat Model, TM-BOM and "
                                      "Threat Modeling Tool files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.tm7");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_chosen (MoatWindow *self,
               GFile      *file)
{
  MoatFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "export-format"));
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  data = moat_format_export (moat_window_get_model (self), format, &report, &error);
  if (data == NULL
      || !moat_temp_file_set_contents (file, data, strlen (data), &error))
    {
      moat_window_show_error (self, name, error);
      return;
    }
  if (report != NULL && moat_import_report_get_n_issues (report) > 0)
    {
      moat_window_show_report (self, report);
      return;
    }
  message = g_strdup_printf (_("Exported to “%s”"), name);
  moat_window_add_toast (self, message);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  const char *format_name = g_variant_get_string (parameter, NULL);
  g_autofree char *title = _moat_window_dup_title (self);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  MoatFormat format;
  GtkFileChooser *chooser;

  if (!moat_format_from_name (format_name, &format))
    g_return_if_reached ();

  /* The format travels with the window: only one chooser is open at a time. */
  g_object_set_data (G_OBJECT (self), "export-format", GINT_TO_POINTER (format));
  name = g_strdup_printf ("%s%s", title, format == MOAT_FORMAT_MOAT ? ".moat.json" : ".json");
  heading = g_strdup_printf (_("Export as %s"), moat_format_get_label (format));
  chooser = _moat_window_show_chooser (self, heading, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                       export_chosen);
  _moat_window_add_filter (chooser, _("JSON"), "*.json", "application/json");
  gtk_file_chooser_set_current_name (chooser, g_strdelimit (name, "/", '-'));
}

static void
export_pdf_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (moat_report_dialog_new (GTK_WINDOW (self), self->store,
                                                            _moat_window_get_settings (self))));
}

/* Printing lays the same report out on the printer's paper. */
static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                MoatReport        *report)
{
  guint n = moat_report_paginate (report, gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, MAX (n, 1));
}

static void
on_request_page_setup (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       GtkPageSetup      *setup,
                       MoatReport        *report)
{
  double width, height;

  moat_report_get_page_size (report, page, &width, &height);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              MoatReport        *report)
{
  moat_report_render_page (report, gtk_print_context_get_cairo_context (context), page);
}

/**
 * moat_window_print:
 * @export_filename: (nullable): with %GTK_PRINT_OPERATION_ACTION_EXPORT,
 *   the PDF to write instead of printing
 *
 * Prints the report with the options last chosen for it.
 */
gboolean
moat_window_print (MoatWindow               *self,
                   GtkPrintOperationAction   action,
                   const char               *export_filename,
                   GError                  **error)
{
  g_autoptr(MoatReportOptions) options = moat_report_options_from_settings (_moat_window_get_settings (self));
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(MoatReport) report = NULL;

  g_return_val_if_fail (self->store != NULL, FALSE);

  report = moat_report_new (moat_window_get_model (self), self->store, options, error);
  if (report == NULL)
    return FALSE;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, moat_model_get_title (moat_window_get_model (self)));
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), report);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (on_request_page_setup), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), report);

  return gtk_print_operation_run (operation, action, GTK_WINDOW (self), error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL
      && !moat_window_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error))
    moat_window_show_error (self, _("Print"), error);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MoatModel *model = moat_window_get_model (MOAT_WINDOW (user_data));

  if (model != NULL)
    moat_model_undo (model);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MoatModel *model = moat_window_get_model (MOAT_WINDOW (user_data));

  if (model != NULL)
    moat_model_redo (model);
}

static void
close_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

/* The workshop takes the whole window, and the whole screen: the header
 * bar and view switcher go, the facilitator's controls are in the view. */
static void
enter_workshop (MoatWindow *self)
{
  GtkWidget *overview = moat_lazy_page_get_child (self->overview_page);

  self->was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));
  if (overview != NULL)
    moat_overview_page_commit (MOAT_OVERVIEW_PAGE (overview));
  moat_lazy_page_ensure_child (self->workshop_page);
  gtk_widget_set_visible (self->header_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "workshop");
  moat_workshop_view_set_engine (self->workshop_view, moat_analysis_get_engine (self->analysis));
  moat_workshop_view_start (self->workshop_view, moat_window_get_model (self), _moat_window_get_settings (self));
  gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
leave_workshop (MoatWindow *self)
{
  moat_workshop_view_stop (self->workshop_view);
  gtk_stack_set_visible_child_name (self->main_stack, "document");
  gtk_widget_set_visible (self->header_bar, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), TRUE);
  if (!self->was_fullscreen)
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

static void
change_workshop_state (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  gboolean active = g_variant_get_boolean (state);

  if (active == (self->workshop_view != NULL && moat_workshop_view_get_active (self->workshop_view)))
    return;
  if (active && self->store == NULL)
    return;
  g_simple_action_set_state (action, state);
  if (active)
    enter_workshop (self);
  else
    leave_workshop (self);
}

/* F5 starts the workshop and never ends it: presenters' clickers send F5
 * (and Shift+F5) to start a slide show, and one pressed mid-session must
 * not throw the room out of the workshop. */
static void
start_workshop_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_action_group_change_action_state (G_ACTION_GROUP (user_data), "workshop",
                                      g_variant_new_boolean (TRUE));
}

static void
workshop_history_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);

  if (self->store != NULL)
    moat_workshop_history_present (GTK_WINDOW (self), moat_window_get_model (self));
}

static void
on_feature_checked (MoatWindow       *self,
                    MoatFeatureCheck *check)
{
  g_autofree char *outcome = moat_feature_check_describe (check);

  moat_window_add_toast (self, outcome);
  if (moat_feature_check_get_outcome (check) == MOAT_FEATURE_UPDATE_NEEDED)
    moat_analysis_show (self->analysis, MOAT_OBJECT (check));
}

static void
feature_check_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  dialog = moat_feature_check_dialog_new (GTK_WINDOW (self), moat_window_get_model (self),
                                          moat_diagram_page_get_selection (self->diagram_page));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_feature_checked), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One list for the window: a second click brings it forward. */
static void
resolve_conflicts_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  MoatWindow *self = MOAT_WINDOW (user_data);
  GListModel *windows = gtk_window_get_toplevels ();

  if (self->store == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);

      if (MOAT_IS_CONFLICTS_DIALOG (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        {
          gtk_window_present (window);
          return;
        }
    }
  gtk_window_present (GTK_WINDOW (moat_conflicts_dialog_new (GTK_WINDOW (self),
                                                             moat_window_get_model (self))));
}

static void
set_enabled (MoatWindow *self,
             const char *name,
             gboolean    enabled)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), name)),
                               enabled);
}

void
_moat_window_actions_update (MoatWindow *self)
{
  gboolean has_document = self->store != NULL;
  MoatHistory *history = has_document ? moat_model_get_history (moat_window_get_model (self)) : NULL;

  set_enabled (self, "save-as", has_document);
  set_enabled (self, "export", has_document);
  set_enabled (self, "export-pdf", has_document);
  set_enabled (self, "print", has_document);
  set_enabled (self, "workshop", has_document);
  set_enabled (self, "start-workshop", has_document);
  set_enabled (self, "workshop-history", has_document);
  set_enabled (self, "feature-check", has_document);
  set_enabled (self, "resolve-conflicts", has_document &&
               g_list_model_get_n_items (moat_model_get_list (moat_window_get_model (self),
                                                              MOAT_TYPE_CONFLICT)) > 0);
  set_enabled (self, "compare-with", has_document);
  set_enabled (self, "undo", history && moat_history_get_can_undo (history));
  set_enabled (self, "redo", history && moat_history_get_can_redo (history));
}

/* The shortcuts window is built when first asked for: GTK would build it
 * with every window, before its first frame. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/moatmodel/Moat/window/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { "show-help-overlay", show_help_overlay_action },
  { "save-as", save_as_action },
  { "import", import_action },
  { "export", export_action, "s" },
  { "export-pdf", export_pdf_action },
  { "print", print_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "close", close_action },
  { "workshop", NULL, NULL, "false", change_workshop_state },
  { "start-workshop", start_workshop_action },
  { "workshop-history", workshop_history_action },
  { "feature-check", feature_check_action },
  { "resolve-conflicts", resolve_conflicts_action },
};

void
_moat_window_actions_init (MoatWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  _moat_window_library_init (self);
  _moat_window_compare_init (self);
}
