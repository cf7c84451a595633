/* moat-library-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The switches show the model's choice and change it only through the
 * "win.use-library" action, so that the change is the window's undoable
 * edit and the page follows undo like any other view.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-library-choice.h"
#include "moat-library-page.h"
#include "moat-library-row.h"
#include "moat-rule-set.h"

struct _MoatLibraryPage
{
  AdwPreferencesPage  parent_instance;

  MoatModel          *model;
  GSettings          *settings;
  MoatLibrary        *library;
  GPtrArray          *rows;      /* MoatLibraryRow, in the groups */
  gboolean            syncing;

  /* template children */
  AdwPreferencesGroup *builtin_rules_group;
  AdwPreferencesGroup *user_rules_group;
  AdwPreferencesGroup *builtin_catalogues_group;
  AdwPreferencesGroup *user_catalogues_group;
  AdwActionRow        *no_rules_row;
  AdwActionRow        *no_catalogues_row;
};

G_DEFINE_FINAL_TYPE (MoatLibraryPage, moat_library_page, ADW_TYPE_PREFERENCES_PAGE)

/* The first parameter of "win.use-library". */
static const char *
entry_kind_name (const MoatLibraryEntry *entry)
{
  if (entry->kind == MOAT_LIBRARY_CATALOGUE)
    return "catalogue";
  return entry->builtin ? "rules" : "user-rules";
}

static GStrv
dup_default_sets (MoatLibraryPage *self)
{
  return self->settings != NULL ? g_settings_get_strv (self->settings, "enabled-rule-sets") : NULL;
}

static void
sync_switches (MoatLibraryPage *self)
{
  g_auto(GStrv) defaults = dup_default_sets (self);

  self->syncing = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      MoatLibraryRow *row = self->rows->pdata[i];
      const MoatLibraryEntry *entry = moat_library_row_get_entry (row);

      gtk_widget_set_sensitive (GTK_WIDGET (moat_library_row_get_switch (row)), self->model != NULL);
      moat_library_row_set_enabled (row, self->model != NULL &&
                                         moat_library_choice_is_enabled (self->model, entry,
                                                                         (const char * const *)defaults));
    }
  self->syncing = FALSE;
}

static void
on_switch_active (MoatLibraryPage *self,
                  GParamSpec      *pspec,
                  GtkSwitch       *toggle)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (toggle), MOAT_TYPE_LIBRARY_ROW);
  const MoatLibraryEntry *entry = moat_library_row_get_entry (MOAT_LIBRARY_ROW (row));

  if (self->syncing || self->model == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.use-library", "(ssb)",
                              entry_kind_name (entry), entry->id, gtk_switch_get_active (toggle));
  /* The switch shows what the model holds, whatever the action did. */
  sync_switches (self);
}

static AdwPreferencesGroup *
group_for (MoatLibraryPage        *self,
           const MoatLibraryEntry *entry)
{
  if (entry->kind == MOAT_LIBRARY_CATALOGUE)
    return entry->builtin ? self->builtin_catalogues_group : self->user_catalogues_group;
  return entry->builtin ? self->builtin_rules_group : self->user_rules_group;
}

static void
clear_rows (MoatLibraryPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
fill_rows (MoatLibraryPage *self)
{
  g_autoptr(GPtrArray) entries = moat_library_list_entries (self->library);
  gboolean any_rules = FALSE, any_catalogues = FALSE;

  clear_rows (self);
  for (guint i = 0; i < entries->len; i++)
    {
      const MoatLibraryEntry *entry = entries->pdata[i];
      GtkWidget *row = moat_library_row_new (entry);

      adw_preferences_group_add (group_for (self, entry), row);
      g_ptr_array_add (self->rows, row);
      if (entry->id != NULL)
        g_signal_connect_object (moat_library_row_get_switch (MOAT_LIBRARY_ROW (row)), "notify::active",
                                 G_CALLBACK (on_switch_active), self, G_CONNECT_SWAPPED);
      if (!entry->builtin)
        *(entry->kind == MOAT_LIBRARY_CATALOGUE ? &any_catalogues : &any_rules) = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_rules_row), !any_rules);
  gtk_widget_set_visible (GTK_WIDGET (self->no_catalogues_row), !any_catalogues);
  sync_switches (self);
}

static void
describe_model (MoatLibraryPage *self)
{
  g_autofree char *text = NULL;
  const char *title = self->model != NULL ? moat_model_get_title (self->model) : NULL;

  if (self->model == NULL)
    text = g_strdup (_("Open a model to choose which of these it uses."));
  else
    /* TRANSLATORS: %s is the model's title */
    text = g_strdup_printf (_("The switches apply to “%s” and are saved in it. New models start with the "
                              "rule sets chosen under General."),
                            title != NULL && title[0] != '\0' ? title : _("Untitled Model"));
  adw_preferences_group_set_description (self->builtin_rules_group, text);
}

/**
 * moat_library_page_reload:
 *
 * Reads the person's rule files and catalogues again.
 */
void
moat_library_page_reload (MoatLibraryPage *self)
{
  g_return_if_fail (MOAT_IS_LIBRARY_PAGE (self));

  g_clear_object (&self->library);
  self->library = moat_library_new_default ();
  fill_rows (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatLibraryPage *self = MOAT_LIBRARY_PAGE (widget);

  moat_library_page_reload (self);
  /* The window's suggestions read the files too. */
  gtk_widget_activate_action (widget, "win.reload-library", NULL);
}

static void
on_folder_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) page = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (page);
  gboolean done;

#if GTK_CHECK_VERSION (4, 10, 0)
  done = gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error);
#else
  done = g_app_info_launch_default_for_uri_finish (result, &error);
#endif
  if (!done && ADW_IS_PREFERENCES_WINDOW (root))
    {
      g_autofree char *text = g_strdup_printf (_("The folder could not be opened: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
    }
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *path = moat_library_get_user_dir ();
  g_autofree char *rules = moat_rule_set_get_user_dir ();
  g_autofree char *catalogues = moat_library_get_user_catalogue_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  /* Made at once, so that a person sees where each kind of file goes. */
  g_mkdir_with_parents (rules, 0700);
  g_mkdir_with_parents (catalogues, 0700);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (folder);
    GtkRoot *root = gtk_widget_get_root (widget);

    gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                              on_folder_opened, g_object_ref (widget));
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (folder);
    g_autoptr(GAppLaunchContext) context =
      G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));

    g_app_info_launch_default_for_uri_async (uri, context, NULL, on_folder_opened, g_object_ref (widget));
  }
#endif
}

static void
set_empty_hints (MoatLibraryPage *self)
{
  g_autofree char *rules = moat_rule_set_get_user_dir ();
  g_autofree char *catalogues = moat_library_get_user_catalogue_dir ();
  g_autofree char *rules_hint = g_strdup_printf (_("Rule files (.json) in %s are read at start and on reload"),
                                                 rules);
  g_autofree char *catalogues_hint = g_strdup_printf (_("Catalogue files (.json) in %s are read at start and on reload"),
                                                      catalogues);

  adw_action_row_set_subtitle (self->no_rules_row, rules_hint);
  adw_action_row_set_subtitle (self->no_catalogues_row, catalogues_hint);
}

static void
moat_library_page_dispose (GObject *object)
{
  MoatLibraryPage *self = MOAT_LIBRARY_PAGE (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_library_page_parent_class)->dispose (object);
}

static void
moat_library_page_class_init (MoatLibraryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = moat_library_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/window/moat-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryPage, builtin_rules_group);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryPage, user_rules_group);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryPage, builtin_catalogues_group);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryPage, user_catalogues_group);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryPage, no_rules_row);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryPage, no_catalogues_row);

  gtk_widget_class_install_action (widget_class, "library.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "library.open-folder", NULL, open_folder_action);
}

static void
moat_library_page_init (MoatLibraryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  set_empty_hints (self);
  describe_model (self);
  self->library = moat_library_new_default ();
  fill_rows (self);
}

/**
 * moat_library_page_set_model:
 * @model: (nullable): the window's model, whose choice the switches show
 */
void
moat_library_page_set_model (MoatLibraryPage *self,
                             MoatModel       *model)
{
  g_return_if_fail (MOAT_IS_LIBRARY_PAGE (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (!g_set_object (&self->model, model))
    return;

  if (model != NULL)
    {
      g_signal_connect_object (model, "notify::rule-sets", G_CALLBACK (sync_switches), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::catalogues", G_CALLBACK (sync_switches), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::title", G_CALLBACK (describe_model), self, G_CONNECT_SWAPPED);
    }
  describe_model (self);
  sync_switches (self);
}

/**
 * moat_library_page_set_settings:
 * @settings: (nullable): where the rule sets of a model that chose none
 *   are kept ("enabled-rule-sets")
 */
void
moat_library_page_set_settings (MoatLibraryPage *self,
                                GSettings       *settings)
{
  g_return_if_fail (MOAT_IS_LIBRARY_PAGE (self));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (!g_set_object (&self->settings, settings))
    return;

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::enabled-rule-sets", G_CALLBACK (sync_switches), self,
                             G_CONNECT_SWAPPED);
  sync_switches (self);
}

/* Returns: (transfer none) (element-type MoatLibraryRow): the rows, in
 * page order within each group; for tests */
GPtrArray *
moat_library_page_get_rows (MoatLibraryPage *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY_PAGE (self), NULL);
  return self->rows;
}
