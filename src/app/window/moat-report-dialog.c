/* moat-report-dialog.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is laid out from the model on the main thread (it reads the
 * model, which is not thread-safe) and written in a worker thread, so the
 * window keeps responding and the user can cancel. The choices are kept in
 * GSettings for next time.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-report-dialog.h"

struct _MoatReportDialog
{
  AdwWindow           parent_instance;

  MoatStore          *store;
  GSettings          *settings;
  GCancellable       *cancellable;
  GtkSwitch          *switches[MOAT_REPORT_N_SECTIONS];
  GtkFileChooserNative *chooser;

  /* template children */
  GtkStack           *stack;
  AdwComboRow        *paper_row;
  AdwComboRow        *grouping_row;
  AdwComboRow        *since_row;
  AdwPreferencesGroup *sections_group;
  GtkProgressBar     *progress_bar;
  GtkWidget          *export_button;
};

G_DEFINE_FINAL_TYPE (MoatReportDialog, moat_report_dialog, ADW_TYPE_WINDOW)

/* Days of history for each position of the "Change History" row. */
static const int since_days[] = { 0, 30, 90, 365 };

static MoatReportSections
sections_from_names (char **names)
{
  MoatReportSections sections = 0;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    for (guint bit = 0; bit < MOAT_REPORT_N_SECTIONS; bit++)
      if (g_strcmp0 (names[i], moat_report_section_get_name (1u << bit)) == 0)
        sections |= 1u << bit;
  return sections;
}

/**
 * moat_report_options_from_settings:
 * @settings: (nullable): Moat's settings
 *
 * Returns: (transfer full): the report options last chosen
 */
MoatReportOptions *
moat_report_options_from_settings (GSettings *settings)
{
  MoatReportOptions *options = moat_report_options_new ();
  g_auto(GStrv) names = NULL;
  g_autofree char *paper = NULL;

  if (settings == NULL)
    return options;

  names = g_settings_get_strv (settings, "report-sections");
  options->sections = sections_from_names (names);
  if (options->sections == 0)
    options->sections = MOAT_REPORT_ALL_SECTIONS;
  paper = g_settings_get_string (settings, "report-paper");
  options->paper = g_str_equal (paper, "letter") ? MOAT_PAPER_LETTER : MOAT_PAPER_A4;
  return options;
}

/**
 * moat_report_dialog_get_options:
 *
 * Returns: (transfer full): the options as the dialog shows them
 */
MoatReportOptions *
moat_report_dialog_get_options (MoatReportDialog *self)
{
  MoatReportOptions *options = moat_report_options_new ();
  guint since = adw_combo_row_get_selected (self->since_row);

  options->sections = 0;
  for (guint bit = 0; bit < MOAT_REPORT_N_SECTIONS; bit++)
    if (gtk_switch_get_active (self->switches[bit]))
      options->sections |= 1u << bit;
  options->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? MOAT_PAPER_LETTER
                                                                      : MOAT_PAPER_A4;
  options->grouping = adw_combo_row_get_selected (self->grouping_row) == 1
                      ? MOAT_REPORT_GROUP_BY_ELEMENT : MOAT_REPORT_GROUP_BY_RISK;
  if (since < G_N_ELEMENTS (since_days) && since_days[since] > 0)
    options->since = g_get_real_time () - (gint64) since_days[since] * G_TIME_SPAN_DAY;
  return options;
}

static void
save_choices (MoatReportDialog *self,
              const MoatReportOptions *options)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  if (self->settings == NULL)
    return;
  for (guint bit = 0; bit < MOAT_REPORT_N_SECTIONS; bit++)
    if (options->sections & (1u << bit))
      g_strv_builder_add (builder, moat_report_section_get_name (1u << bit));
  names = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "report-sections", (const char * const *) names);
  g_settings_set_string (self->settings, "report-paper",
                         options->paper == MOAT_PAPER_LETTER ? "letter" : "a4");
}

static void
update_export_sensitivity (MoatReportDialog *self)
{
  gboolean any = FALSE;

  for (guint bit = 0; bit < MOAT_REPORT_N_SECTIONS; bit++)
    any |= gtk_switch_get_active (self->switches[bit]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.choose-file", any);
}

/* The report outlives the dialog: its outcome is told on the window. */
static void
toast_on_parent (MoatReportDialog *self,
                 AdwToast         *toast)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkWidget *content = NULL;

  if (ADW_IS_APPLICATION_WINDOW (parent))
    content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (parent));
  if (ADW_IS_TOAST_OVERLAY (content))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (content), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_open_report (AdwToast *toast,
                GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (NULL, uri, GDK_CURRENT_TIME);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  MoatReportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MoatReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (self), "file");
  AdwToast *toast;

  if (!moat_report_write_pdf_finish (MOAT_REPORT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast = adw_toast_new_format (_("The report could not be written: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      toast = adw_toast_new_format (_("Report saved as “%s”"), name);
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_report),
                             g_object_ref (file), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    }
  toast_on_parent (self, toast);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * moat_report_dialog_export_to:
 *
 * Writes the report with the dialog's options to @file; the dialog closes
 * when it is done.
 */
void
moat_report_dialog_export_to (MoatReportDialog *self,
                              GFile            *file)
{
  g_autoptr(MoatReportOptions) options = moat_report_dialog_get_options (self);
  g_autoptr(MoatReport) report = NULL;
  g_autoptr(GError) error = NULL;

  save_choices (self, options);
  report = moat_report_new (moat_store_get_model (self->store), self->store, options, &error);
  if (report == NULL)
    {
      toast_on_parent (self, adw_toast_new_format (_("The report could not be written: %s"),
                                                   error->message));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_object_set_data_full (G_OBJECT (self), "file", g_object_ref (file), g_object_unref);
  moat_report_write_pdf_async (report, file, on_progress, self, NULL, self->cancellable,
                               on_written, g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog  *chooser,
                     int               response,
                     MoatReportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    moat_report_dialog_export_to (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatReportDialog *self = MOAT_REPORT_DIALOG (widget);
  MoatModel *model = moat_store_get_model (self->store);
  const char *title = moat_model_get_title (model);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("%s.pdf", title && *title ? title : _("Threat model"));

  self->chooser = gtk_file_chooser_native_new (_("Save the Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), g_strdelimit (name, "/", '-'));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatReportDialog *self = MOAT_REPORT_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
build_section_rows (MoatReportDialog        *self,
                    const MoatReportOptions *options)
{
  for (guint bit = 0; bit < MOAT_REPORT_N_SECTIONS; bit++)
    {
      const char *title = moat_report_section_get_title (1u << bit);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), (options->sections & (1u << bit)) != 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (update_export_sensitivity),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->sections_group, row);
      self->switches[bit] = GTK_SWITCH (toggle);
    }
}

static void
moat_report_dialog_dispose (GObject *object)
{
  MoatReportDialog *self = MOAT_REPORT_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (moat_report_dialog_parent_class)->dispose (object);
}

static void
moat_report_dialog_class_init (MoatReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_report_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/window/moat-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, grouping_row);
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, sections_group);
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MoatReportDialog, export_button);

  gtk_widget_class_install_action (widget_class, "report.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "report.cancel", NULL);
}

static void
moat_report_dialog_init (MoatReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
moat_report_dialog_new (GtkWindow *parent,
                        MoatStore *store,
                        GSettings *settings)
{
  MoatReportDialog *self = g_object_new (MOAT_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(MoatReportOptions) options = moat_report_options_from_settings (settings);

  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  build_section_rows (self, options);
  adw_combo_row_set_selected (self->paper_row, options->paper == MOAT_PAPER_LETTER ? 1 : 0);
  update_export_sensitivity (self);
  return GTK_WIDGET (self);
}
