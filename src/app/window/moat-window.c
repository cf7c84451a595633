/* moat-window.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-assets-page.h"
#include "moat-conflict-banner.h"
#include "moat-file-banner.h"
#include "moat-window-private.h"

G_DEFINE_FINAL_TYPE (MoatWindow, moat_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MODEL,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GSettings *
_moat_window_get_settings (MoatWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return MOAT_IS_APPLICATION (app) ? moat_application_get_settings (MOAT_APPLICATION (app)) : NULL;
}

char *
_moat_window_dup_title (MoatWindow *self)
{
  MoatModel *model = moat_window_get_model (self);
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return g_strdup (_("Moat"));

  if (moat_store_get_is_draft (self->store))
    {
      const char *title = moat_model_get_title (model);
      return g_strdup (title && title[0] ? title : _("Untitled Model"));
    }

  name = g_file_get_basename (moat_store_get_file (self->store));
  if (g_str_has_suffix (name, ".moat"))
    name[strlen (name) - strlen (".moat")] = '\0';
  return g_steal_pointer (&name);
}

static char *
document_subtitle (MoatWindow *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();

  if (self->store == NULL)
    return NULL;
  if (moat_store_get_is_draft (self->store))
    return g_strdup (_("Draft — not saved yet"));

  parent = g_file_get_parent (moat_store_get_file (self->store));
  path = g_file_get_path (parent);
  if (path != NULL && g_str_has_prefix (path, home))
    return g_strconcat ("~", path + strlen (home), NULL);
  if (moat_store_get_read_only (self->store))
    return g_strdup_printf (_("%s (read-only)"), path);
  return g_steal_pointer (&path);
}

void
_moat_window_update_titles (MoatWindow *self)
{
  g_autofree char *title = _moat_window_dup_title (self);
  g_autofree char *subtitle = document_subtitle (self);

  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
on_model_notify_title (MoatWindow *self)
{
  _moat_window_update_titles (self);
}

/* A native start (issue 18): the first frame shows the model as soon as
 * the diagram can be drawn. Work that grows with the model and is not on
 * screen yet (the rule engine's evaluation of every element, the badges,
 * the outline's rows) waits until that frame is painted, then runs from
 * an idle, so the frame is out before it starts. Whatever needs it
 * earlier asks for it and gets it made then
 * (moat_analysis_get_engine(), moat_diagram_page_get_outline()). */

static void watch_frames (MoatWindow *self);

static void
stop_watching_frames (MoatWindow *self)
{
  if (self->first_frame_clock != NULL)
    g_clear_signal_handler (&self->first_frame_id, self->first_frame_clock);
  g_clear_object (&self->first_frame_clock);
  g_signal_handlers_disconnect_by_func (self, watch_frames, self);
}

static gboolean
finish_loading (gpointer data)
{
  MoatWindow *self = data;

  self->load_id = 0;
  stop_watching_frames (self);
  /* The outline is on screen; the analysis shows when asked for. */
  moat_diagram_page_defer_outline (self->diagram_page, FALSE);
  moat_analysis_load (self->analysis);
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (MoatWindow *self)
{
  for (guint i = 0; i < MOAT_WORK_N_KINDS; i++)
    self->work_before_frame[i] = moat_work_count_get (i) - self->work_at_open[i];
  stop_watching_frames (self);
  if (self->load_id == 0)
    self->load_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, finish_loading, self, NULL);
}

static void
watch_frames (MoatWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->first_frame_clock != NULL)
    return;
  self->first_frame_clock = g_object_ref (clock);
  self->first_frame_id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_first_frame), self);
}

static void
start_loading (MoatWindow *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < MOAT_WORK_N_KINDS; i++)
    self->work_at_open[i] = moat_work_count_get (i);
  moat_diagram_page_defer_outline (self->diagram_page, TRUE);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    watch_frames (self);
  else
    g_signal_connect (self, "realize", G_CALLBACK (watch_frames), self);
}

/**
 * moat_window_get_loading:
 *
 * Returns: whether the window still has work to do on its model after
 *   the first frame (see #MoatWindow:loading)
 */
gboolean
moat_window_get_loading (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * moat_window_get_work_before_first_frame:
 *
 * Returns: how much work of @kind the window did from being given its
 *   model to its first frame painted, or 0 before that frame
 */
guint64
moat_window_get_work_before_first_frame (MoatWindow   *self,
                                         MoatWorkKind  kind)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), 0);
  g_return_val_if_fail (kind < MOAT_WORK_N_KINDS, 0);

  return self->work_before_frame[kind];
}

/**
 * moat_window_set_store:
 *
 * Shows the model of @store in this window, which must have none yet.
 */
void
moat_window_set_store (MoatWindow *self,
                       MoatStore  *store)
{
  MoatModel *model;
  MoatHistory *history;

  g_return_if_fail (MOAT_IS_WINDOW (self));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  model = moat_store_get_model (store);
  history = moat_model_get_history (model);
  start_loading (self);

  g_signal_connect_object (store, "notify::file", G_CALLBACK (_moat_window_update_titles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::title", G_CALLBACK (on_model_notify_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::can-undo", G_CALLBACK (_moat_window_actions_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::can-redo", G_CALLBACK (_moat_window_actions_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (moat_model_get_list (model, MOAT_TYPE_CONFLICT), "items-changed",
                           G_CALLBACK (_moat_window_actions_update), self, G_CONNECT_SWAPPED);

  /* The template's bindings hand the model down to the pages. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  moat_analysis_set_model (self->analysis, model, _moat_window_get_settings (self));
  gtk_stack_set_visible_child_name (self->main_stack, "document");
  /* A model with a picture opens on it; a blank one on its context. */
  adw_view_stack_set_visible_child_name (self->view_stack,
                                         moat_model_count (model, MOAT_TYPE_ELEMENT) > 0
                                         ? "diagrams" : "overview");

  _moat_window_update_titles (self);
  _moat_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MoatStore *
moat_window_get_store (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);

  return self->store;
}

MoatModel *
moat_window_get_model (MoatWindow *self)
{
  g_return_val_if_fail (MOAT_IS_WINDOW (self), NULL);

  return self->store ? moat_store_get_model (self->store) : NULL;
}

void
moat_window_add_toast (MoatWindow *self,
                       const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_dialog_destroy (MoatWindow *self)
{
  self->dialog = NULL;
}

static void
show_dialog (MoatWindow *self,
             GtkWidget  *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_dialog_destroy), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * moat_window_show_error:
 * @what: what failed, for the heading: usually a file name
 *
 * Tells the user what went wrong, in a dialog they have to read.
 */
void
moat_window_show_error (MoatWindow   *self,
                        const char   *what,
                        const GError *error)
{
  g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), what);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  show_dialog (self, dialog);
}

static void
on_open_error_response (MoatWindow *self,
                        const char *response,
                        GtkWidget  *dialog)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autofree char *path = g_file_get_path (file);

  if (g_strcmp0 (response, "read-only") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-read-only", "s", path);
}

/**
 * moat_window_show_open_error:
 *
 * Tells the user why @file could not be opened; when another program is
 * editing it, offers to open it read-only.
 */
void
moat_window_show_open_error (MoatWindow   *self,
                             GFile        *file,
                             const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (!g_error_matches (error, MOAT_ERROR, MOAT_ERROR_LOCKED))
    {
      moat_window_show_error (self, name, error);
      return;
    }

  heading = g_strdup_printf (_("“%s” Is Being Edited Elsewhere"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Cancel"),
                                    "read-only", _("Open _Read-Only"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "read-only");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "read-only",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_error_response),
                           self, G_CONNECT_SWAPPED);
  show_dialog (self, dialog);
}

/**
 * moat_window_get_dialog:
 *
 * Returns: (transfer none) (nullable): the message dialog the window
 *   shows, if any
 */
GtkWidget *
moat_window_get_dialog (MoatWindow *self)
{
  return self->dialog;
}

/**
 * moat_window_show_report:
 *
 * Lists what an import or export could not carry over, field by field, so
 * nothing is dropped without the user knowing.
 */
void
moat_window_show_report (MoatWindow       *self,
                         MoatImportReport *report)
{
  g_autofree char *summary = moat_import_report_format_summary (report);
  g_autofree char *details = moat_import_report_format_text (report);
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *view;
  const char *heading;

  heading = moat_import_report_get_exporting (report) ? _("Exported, With Notes")
                                                      : _("Imported, With Notes");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, summary);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), details, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What was not carried over"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  show_dialog (self, dialog);
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     MoatWindow       *self)
{
  GFile *draft = g_object_get_data (G_OBJECT (dialog), "draft");

  if (g_strcmp0 (response, "discard") == 0)
    {
      g_file_delete (draft, NULL, NULL);
      if (moat_lazy_page_get_child (self->start_page) != NULL)
        moat_start_page_refresh (MOAT_START_PAGE (moat_lazy_page_get_child (self->start_page)));
    }
}

void
moat_window_confirm_discard_draft (MoatWindow *self,
                                   GFile      *draft)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Draft?"),
                                   _("The model was never saved. Once discarded, it cannot be recovered."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "draft", g_object_ref (draft), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  show_dialog (self, dialog);
}

/* ------------------------------------------------------------------ */
/* File choosers                                                       */

void
_moat_window_add_filter (GtkFileChooser *chooser,
                         const char     *name,
                         const char     *pattern,
                         const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     MoatWindow      *self)
{
  ChooserResponse callback = g_object_get_data (G_OBJECT (native), "callback");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (native))
    g_clear_object (&self->chooser);
  if (file != NULL)
    callback (self, file);
  g_object_unref (native);
}

GtkFileChooser *
_moat_window_show_chooser (MoatWindow           *self,
                           const char           *title,
                           GtkFileChooserAction  action,
                           const char           *accept,
                           ChooserResponse       callback)
{
  GtkFileChooserNative *native;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_object_set_data (G_OBJECT (native), "callback", callback);
  g_signal_connect_object (native, "response", G_CALLBACK (on_chooser_response), self, 0);
  self->chooser = g_object_ref (native);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));

  return GTK_FILE_CHOOSER (native);
}

/**
 * moat_window_get_file_chooser:
 *
 * Returns: (transfer none) (nullable): the file chooser the window is
 *   showing, for tests to answer
 */
GtkNativeDialog *
moat_window_get_file_chooser (MoatWindow *self)
{
  return self->chooser ? GTK_NATIVE_DIALOG (self->chooser) : NULL;
}

void
_moat_window_open_chosen (MoatWindow *self,
                          GFile      *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  moat_application_open_file (MOAT_APPLICATION (app), file);
}

void
moat_window_choose_file_to_open (MoatWindow *self)
{
  GtkFileChooser *chooser;

  chooser = _moat_window_show_chooser (self, _("Open a Model"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                       _("_Open"), _moat_window_open_chosen);
  _moat_window_add_filter (chooser, _("Moat models"), "*.moat", "application/x-moat");
  _moat_window_add_filter (chooser, _("Models in JSON"), "*.json", "application/json");
}

static GFile *
with_extension (GFile      *file,
                const char *extension)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *fixed = NULL;
  g_autoptr(GFile) parent = NULL;

  if (g_str_has_suffix (name, extension))
    return g_object_ref (file);

  fixed = g_strconcat (name, extension, NULL);
  parent = g_file_get_parent (file);
  return g_file_get_child (parent, fixed);
}

/**
 * moat_window_save_as_file:
 *
 * Saves the model to @file (given the .moat extension if it has none)
 * and goes on working there.
 */
gboolean
moat_window_save_as_file (MoatWindow  *self,
                          GFile       *file,
                          GError     **error)
{
  g_autoptr(GFile) target = with_extension (file, ".moat");
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!moat_store_save_as (self->store, target, error))
    return FALSE;

  if (MOAT_IS_APPLICATION (app))
    moat_application_note_recent (MOAT_APPLICATION (app), target);
  _moat_window_update_titles (self);
  return TRUE;
}

static void
on_workshop_leave (MoatWindow *self)
{
  g_action_group_change_action_state (G_ACTION_GROUP (self), "workshop", g_variant_new_boolean (FALSE));
}

/* The Risk page is made when first shown. */
static void
on_risk_page_made (MoatWindow *self)
{
  moat_analysis_add_risk_page (self->analysis, MOAT_RISK_PAGE (moat_lazy_page_get_child (self->risk_page)));
}

/* The workshop view is made when a workshop first starts. */
static void
on_workshop_view_made (MoatWindow *self)
{
  self->workshop_view = MOAT_WORKSHOP_VIEW (moat_lazy_page_get_child (self->workshop_page));
  g_signal_connect_object (self->workshop_view, "leave", G_CALLBACK (on_workshop_leave), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------ */

static void
restore_state (MoatWindow *self)
{
  GSettings *s = _moat_window_get_settings (self);

  if (s == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (s, "window-width"),
                               g_settings_get_int (s, "window-height"));
  if (g_settings_get_boolean (s, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
moat_window_close_request (GtkWindow *window)
{
  MoatWindow *self = MOAT_WINDOW (window);
  GSettings *s = _moat_window_get_settings (self);
  int width, height;

  /* Closing during a workshop still records it. */
  if (self->workshop_view != NULL && moat_workshop_view_get_active (self->workshop_view))
    on_workshop_leave (self);

  if (s != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (s, "window-width", width);
          g_settings_set_int (s, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (moat_window_parent_class)->close_request (window);
}

static void
rebuild_recent_menu (MoatWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 10; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *detailed = NULL;

      if (!g_str_has_suffix (uri, ".moat") || !gtk_recent_info_exists (info))
        continue;
      detailed = g_action_print_detailed_name ("app.open-file", g_variant_new_string (uri));
      g_menu_append (self->recent_menu, gtk_recent_info_get_display_name (info), detailed);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

static void
moat_window_dispose (GObject *object)
{
  MoatWindow *self = MOAT_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* A workshop still running is recorded while the file is open. */
  if (self->workshop_view != NULL)
    moat_workshop_view_stop (self->workshop_view);
  _moat_window_compare_dispose (self);
  g_clear_handle_id (&self->load_id, g_source_remove);
  stop_watching_frames (self);
  if (self->store != NULL)
    moat_store_close (self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->analysis);

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WINDOW);

  G_OBJECT_CLASS (moat_window_parent_class)->dispose (object);
}

static void
moat_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoatWindow *self = MOAT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MODEL:
      g_value_set_object (value, moat_window_get_model (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_window_class_init (MoatWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = moat_window_dispose;
  object_class->get_property = moat_window_get_property;
  window_class->close_request = moat_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MOAT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatWindow:model:
   *
   * The model of the store: the template hands it down to every page.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatWindow:loading:
   *
   * Whether the window has a model whose first frame is not painted yet,
   * or whose analysis and outline, made after that frame, are not yet.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_FILE_BANNER);
  g_type_ensure (MOAT_TYPE_CONFLICT_BANNER);
  g_type_ensure (MOAT_TYPE_START_PAGE);
  g_type_ensure (MOAT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MOAT_TYPE_DIAGRAM_PAGE);
  g_type_ensure (MOAT_TYPE_ASSETS_PAGE);
  g_type_ensure (MOAT_TYPE_RISK_PAGE);
  g_type_ensure (MOAT_TYPE_WORKSHOP_VIEW);
  g_type_ensure (MOAT_TYPE_LAZY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/window/moat-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, workshop_page);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_view_made);
  gtk_widget_class_bind_template_callback (widget_class, on_risk_page_made);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, diagram_page);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, risk_page);
  gtk_widget_class_bind_template_child (widget_class, MoatWindow, recent_menu);
}

/* Dropped files open as if chosen with Open: JSON from Moat, Threat Dragon
 * or OTM and .tm7 files are imported into a new draft, a .moat file opens
 * in its window. */
static gboolean
on_drop (MoatWindow   *self,
         const GValue *value,
         double        x,
         double        y)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSList *files = g_value_get_boxed (value);

  if (!MOAT_IS_APPLICATION (app) || files == NULL)
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    moat_application_open_file (MOAT_APPLICATION (app), l->data);
  return TRUE;
}

static void
moat_window_init (MoatWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->analysis = moat_analysis_new (self->diagram_page, self->view_stack);
  _moat_window_actions_init (self);
  rebuild_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->switcher_title, "title-visible",
                          self->switcher_bar, "reveal", G_BINDING_SYNC_CREATE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

MoatWindow *
moat_window_new (MoatApplication *application)
{
  MoatWindow *self = g_object_new (MOAT_TYPE_WINDOW, "application", application, NULL);

  restore_state (self);
  _moat_window_update_titles (self);
  _moat_window_actions_update (self);
  return self;
}
