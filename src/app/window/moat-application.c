/* moat-application.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-application.h"
#include "moat-estate-window.h"
#include "moat-temp-file.h"
#include "moat-preferences-window.h"
#include "moat-window.h"

struct _MoatApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (MoatApplication, moat_application, ADW_TYPE_APPLICATION)

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.new", { "<Control>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.import", { "<Control>i", NULL } },
  { "win.export-pdf", { "<Control>e", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.start-workshop", { "F5", "<Shift>F5", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

/* The schema is found where GLib looks, or else where this Moat was
 * installed, so a build in a private prefix runs as it is. */
static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) installed = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *dir = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      dir = g_build_filename (PKGDATADIR, "..", "glib-2.0", "schemas", NULL);
      installed = g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (installed != NULL)
        schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);
    }

  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; settings will not be kept",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
apply_style (MoatApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *variant = NULL;

  if (self->settings == NULL)
    return;

  variant = g_settings_get_string (self->settings, "style-variant");
  if (g_str_equal (variant, "light"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (variant, "dark"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static MoatWindow *
empty_window (MoatApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (MOAT_IS_WINDOW (l->data) && moat_window_get_store (l->data) == NULL)
      return l->data;

  return moat_window_new (self);
}

static MoatWindow *
any_window (MoatApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (MOAT_IS_WINDOW (active))
    return MOAT_WINDOW (active);
  return empty_window (self);
}

GtkWindow *
moat_application_find_window (MoatApplication *self,
                              GFile           *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      MoatStore *store;

      if (!MOAT_IS_WINDOW (l->data) || !(store = moat_window_get_store (l->data)))
        continue;
      if (g_file_equal (moat_store_get_file (store), file))
        return l->data;
    }

  return NULL;
}

void
moat_application_note_recent (MoatApplication *self,
                              GFile           *file)
{
  GtkRecentData data = {
    .mime_type = (char *)"application/x-moat",
    .app_name = (char *)"Moat",
    .app_exec = (char *)"moat %u",
  };
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Files of other tools are imported; anything else is opened as a
 * project file. */
static gboolean
looks_foreign (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".json") || g_str_has_suffix (lower, ".tm7"));
}

/* A file from elsewhere becomes a new draft: the original stays as it was.
 * Threat Dragon, Open Threat Model and .tm7 files are recognised by content. */
static MoatStore *
import_as_draft (GFile             *file,
                 MoatImportReport **report,
                 GError           **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > MOAT_FORMAT_MAX_INPUT)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                   _("The file is too large to be a threat model."));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;

  model = moat_format_import (data, length, MOAT_FORMAT_UNKNOWN, report, error);
  if (model == NULL)
    return NULL;
  return moat_store_new_draft (model, error);
}

static GtkWindow *show_store (MoatApplication  *self,
                              GFile            *file,
                              MoatStore        *store,
                              MoatImportReport *report,
                              const GError     *error);

/**
 * moat_application_open_file:
 *
 * Opens @file in a window of its own, or presents the window that has it
 * open already. A problem is shown to the user, never thrown away.
 *
 * Returns: (transfer none): the window that shows the file or the error
 */
GtkWindow *
moat_application_open_file (MoatApplication *self,
                            GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(MoatImportReport) report = NULL;
  GtkWindow *window;
  gboolean imported = looks_foreign (file);

  if (!imported && (window = moat_application_find_window (self, file)) != NULL)
    {
      gtk_window_present (window);
      return window;
    }

  store = imported ? import_as_draft (file, &report, &error) : moat_store_open (file, &error);
  return show_store (self, file, store, report, error);
}

/**
 * moat_application_open_file_read_only:
 *
 * Opens @file to look at it (another program may be editing it): edits
 * made in the window are kept in memory until saved elsewhere.
 *
 * Returns: (transfer none): the window that shows the file or the error
 */
GtkWindow *
moat_application_open_file_read_only (MoatApplication *self,
                                      GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open_read_only (file, &error);

  return show_store (self, file, store, NULL, error);
}

static GtkWindow *
show_store (MoatApplication  *self,
            GFile            *file,
            MoatStore        *store,
            MoatImportReport *report,
            const GError     *error)
{
  GtkWindow *window;

  if (store == NULL)
    {
      MoatWindow *target = any_window (self);

      gtk_window_present (GTK_WINDOW (target));
      moat_window_show_open_error (target, file, error);
      return GTK_WINDOW (target);
    }

  window = GTK_WINDOW (empty_window (self));
  moat_window_set_store (MOAT_WINDOW (window), store);
  if (!moat_store_get_is_draft (store))
    moat_application_note_recent (self, file);
  gtk_window_present (window);
  if (report != NULL && moat_import_report_get_n_issues (report) > 0)
    moat_window_show_report (MOAT_WINDOW (window), report);

  return window;
}

/**
 * moat_application_new_document:
 *
 * Returns: (transfer none): a window with a new, empty model kept in a
 *   draft
 */
GtkWindow *
moat_application_new_document (MoatApplication *self)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = NULL;
  MoatWindow *window = empty_window (self);

  /* A blank sheet to draw on; level 0 of a data-flow model is its context. */
  g_object_set (diagram, "title", _("Context"), NULL);
  moat_model_add (model, MOAT_OBJECT (diagram));
  /* Part of the new document, not an edit to take back. */
  moat_history_clear (moat_model_get_history (model));
  store = moat_store_new_draft (model, &error);

  if (store == NULL)
    moat_window_show_error (window, _("New Model"), error);
  else
    moat_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  moat_application_new_document (user_data);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MoatWindow *window = any_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  moat_window_choose_file_to_open (window);
}

static void
open_estate_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  moat_estate_window_choose_folder (user_data, parent);
}

static void
open_file_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (parameter, NULL));

  moat_application_open_file (user_data, file);
}

static void
open_read_only_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (parameter, NULL));

  moat_application_open_file_read_only (user_data, file);
}

static void
discard_draft_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  MoatWindow *window = any_window (user_data);

  moat_window_confirm_discard_draft (window, file);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Moat authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  AdwAboutWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Moat"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Moat authors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/moatmodel/moat",
                        "issue-url", "https://github.com/moatmodel/moat/issues",
                        "copyright", "© 2026 The Moat authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Threat modelling that teams keep doing: draw the data flows, "
                                      "see what can go wrong, decide what to do about it."),
                        NULL);
  /* The ASVS catalogue's ids, levels and section names are the OWASP
   * Foundation's, under CC BY-SA 4.0: it asks to be named. */
  adw_about_window_add_legal_section (about, _("OWASP Application Security Verification Standard 5.0.0"),
                                      "© OWASP Foundation", GTK_LICENSE_CUSTOM,
                                      _("Requirement ids, levels, chapter and section names, under the "
                                        "<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\">CC BY-SA 4.0</a> "
                                        "licence. The short titles are Moat's own words."));
  adw_about_window_add_legal_section (about, _("CWE and CAPEC"), "© The MITRE Corporation", GTK_LICENSE_CUSTOM,
                                      _("CWE™ and CAPEC™ are trademarks of The MITRE Corporation. Moat refers "
                                        "to their entries by id and short title."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MoatApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (moat_preferences_window_new (parent, self->settings)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closing each window closes its file properly. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-estate", open_estate_action },
  { "open-file", open_file_action, "s" },
  { "open-read-only", open_read_only_action, "s" },
  { "recover-draft", open_file_action, "s" },
  { "discard-draft", discard_draft_action, "s" },
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
moat_application_startup (GApplication *app)
{
  MoatApplication *self = MOAT_APPLICATION (app);

  G_APPLICATION_CLASS (moat_application_parent_class)->startup (app);

  /* A Save As cut short by a crash or a kill leaves a half-written copy
   * beside the user's file: the first Moat to start afterwards removes it. */
  moat_temp_file_clean_stale ();

  gtk_window_set_default_icon_name (APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = load_settings ();
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::style-variant",
                              G_CALLBACK (apply_style), self);
  apply_style (self);
}

static void
moat_application_activate (GApplication *app)
{
  MoatApplication *self = MOAT_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (active == NULL)
    active = GTK_WINDOW (moat_window_new (self));
  gtk_window_present (active);
}

static void
moat_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      /* A folder of models (`moat services/`) is an estate. */
      if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        gtk_window_present (GTK_WINDOW (moat_estate_window_new (MOAT_APPLICATION (app), files[i])));
      else
        moat_application_open_file (MOAT_APPLICATION (app), files[i]);
    }
}

static void
moat_application_dispose (GObject *object)
{
  MoatApplication *self = MOAT_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (moat_application_parent_class)->dispose (object);
}

static void
moat_application_class_init (MoatApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = moat_application_dispose;
  app_class->startup = moat_application_startup;
  app_class->activate = moat_application_activate;
  app_class->open = moat_application_open;
}

static void
moat_application_init (MoatApplication *self)
{
}

MoatApplication *
moat_application_new (void)
{
  return g_object_new (MOAT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/moatmodel/Moat",
                       NULL);
}

/**
 * moat_application_get_settings:
 *
 * Returns: (transfer none) (nullable): Moat's settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
moat_application_get_settings (MoatApplication *self)
{
  g_return_val_if_fail (MOAT_IS_APPLICATION (self), NULL);

  return self->settings;
}
