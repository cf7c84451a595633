/* moat-estate-window.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-estate-inventory.h"
#include "moat-estate-report.h"
#include "moat-estate-row.h"
#include "moat-estate-sorter.h"
#include "moat-estate-window.h"
#include "moat-heat-map.h"

/* Saving a model writes it beside itself and renames it, and a checkout
 * changes many files at once: one reload after the folder is still. */
#define RELOAD_DELAY_MS 300

#define INVENTORY_NAME "inventory.json"

#define TRENDS_SCALE 1.2

struct _MoatEstateWindow
{
  AdwApplicationWindow  parent_instance;

  GFile                *folder;
  GHashTable           *monitors;      /* folder's URI → GFileMonitor */
  guint                 reload_id;
  GCancellable         *cancellable;
  MoatEstate           *loading;
  MoatEstate           *estate;
  GPtrArray            *attention;
  GArray               *months;
  GPtrArray            *attention_rows;
  guint                 n_loads;

  /* template children */
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkStack             *systems_stack;
  GtkListView          *list_view;
  GtkSortListModel     *sorted_systems;
  MoatEstateSorter     *sorter;
  GtkDrawingArea       *trends_area;
  MoatHeatMap          *heat_map;
  AdwPreferencesGroup  *attention_group;
};

G_DEFINE_FINAL_TYPE (MoatEstateWindow, moat_estate_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_ESTATE,
  PROP_SORT_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWindow *
open_file (MoatEstateWindow *self,
           GFile            *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_return_val_if_fail (MOAT_IS_APPLICATION (app), NULL);
  return moat_application_open_file (MOAT_APPLICATION (app), file);
}

/**
 * moat_estate_window_open_system:
 *
 * Opens the model of the system at @position of the ranked list in a
 * window of its own. A file that cannot be read is explained there.
 *
 * Returns: (transfer none) (nullable): the window that shows it
 */
GtkWindow *
moat_estate_window_open_system (MoatEstateWindow *self,
                                guint             position)
{
  g_autoptr(MoatEstateSystem) system = NULL;

  g_return_val_if_fail (MOAT_IS_ESTATE_WINDOW (self), NULL);

  if (self->estate == NULL ||
      !(system = g_list_model_get_item (G_LIST_MODEL (self->sorted_systems), position)))
    return NULL;
  return open_file (self, moat_estate_system_get_file (system));
}

/* A new order starts at its top, not where the old one was scrolled: the
 * list view keeps the item it showed first, wherever it moved. */
static void
on_sort_changed (MoatEstateWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted_systems)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

static void
on_list_activate (MoatEstateWindow *self,
                  guint             position)
{
  moat_estate_window_open_system (self, position);
}

static void
on_attention_activated (AdwActionRow     *row,
                        MoatEstateWindow *self)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  if (file != NULL)
    open_file (self, file);
}

static char *
join_reasons (const MoatEstateAttention *attention)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < attention->reasons->len; i++)
    {
      const MoatEstateReason *reason = g_ptr_array_index (attention->reasons, i);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, reason->text);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_attention_row (MoatEstateWindow *self,
                   const char       *title,
                   const char       *subtitle,
                   GFile            *file)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (file != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (on_attention_activated), self);
    }
  adw_preferences_group_add (self->attention_group, row);
  g_ptr_array_add (self->attention_rows, row);
}

static void
clear_attention (MoatEstateWindow *self)
{
  for (guint i = 0; i < self->attention_rows->len; i++)
    adw_preferences_group_remove (self->attention_group, g_ptr_array_index (self->attention_rows, i));
  g_ptr_array_set_size (self->attention_rows, 0);
  g_clear_pointer (&self->attention, g_ptr_array_unref);
}

/* The inventory is optional: without one, triage still finds the models
 * whose sensitive elements were never reviewed. */
static void
show_attention (MoatEstateWindow *self)
{
  g_autoptr(GFile) file = g_file_get_child (self->folder, INVENTORY_NAME);
  g_autoptr(MoatEstateInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;

  clear_attention (self);
  if (g_file_query_exists (file, NULL) && !(inventory = moat_estate_inventory_load (file, &error)))
    add_attention_row (self, _("The inventory could not be read"), error->message, file);

  self->attention = moat_estate_triage (self->estate, inventory, MOAT_ESTATE_DEFAULT_STALE_DAYS);
  for (guint i = 0; i < self->attention->len; i++)
    {
      const MoatEstateAttention *attention = g_ptr_array_index (self->attention, i);
      g_autofree char *reasons = join_reasons (attention);
      GFile *model = attention->system ? moat_estate_system_get_file (attention->system) : NULL;

      add_attention_row (self, attention->name, reasons, model);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attention_group), self->attention_rows->len > 0);
}

static void
draw_trends (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  MoatEstateWindow *self = data;

  if (self->months == NULL || self->months->len == 0)
    return;
  /* The charts are laid out for paper; a little larger reads on a screen
   * across the room. */
  cairo_scale (cr, TRENDS_SCALE, TRENDS_SCALE);
  moat_estate_report_draw_trends (cr, self->months, width / TRENDS_SCALE, height / TRENDS_SCALE);
}

static void
show_summary (MoatEstateWindow *self)
{
  guint n_models = moat_estate_get_n_models (self->estate);
  guint n_errors = moat_estate_get_n_errors (self->estate);
  g_autofree char *models = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u model", "%u models", n_models),
                                             n_models);
  g_autofree char *subtitle = NULL;

  if (n_errors > 0)
    /* Translators: "6 models, 1 unreadable" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u unreadable", "%s, %u unreadable", n_errors),
                                models, n_errors);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : models);
}

static void watch_models (MoatEstateWindow *self,
                          MoatEstate       *estate);

static void
show_estate (MoatEstateWindow *self,
             MoatEstate       *estate)
{
  guint counts[MOAT_RISK_SCALE][MOAT_RISK_SCALE];
  GListModel *systems = moat_estate_get_systems (estate);

  g_set_object (&self->estate, estate);
  watch_models (self, estate);
  gtk_sort_list_model_set_model (self->sorted_systems, systems);
  gtk_stack_set_visible_child_name (self->systems_stack,
                                    g_list_model_get_n_items (systems) > 0 ? "systems" : "empty");

  moat_estate_get_heat_map (estate, MOAT_RISK_BASIS_RESIDUAL, counts);
  moat_heat_map_set_counts (self->heat_map, counts);

  g_clear_pointer (&self->months, g_array_unref);
  self->months = moat_estate_trends_get_months (moat_estate_get_trends (estate), g_get_real_time (),
                                                MOAT_ESTATE_REPORT_N_MONTHS);
  gtk_widget_queue_draw (GTK_WIDGET (self->trends_area));

  show_attention (self);
  show_summary (self);
  self->n_loads++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTATE]);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MoatEstateWindow) self = user_data;
  MoatEstate *estate = MOAT_ESTATE (source);
  g_autoptr(GError) error = NULL;
  gboolean loaded = moat_estate_load_finish (estate, result, &error);

  /* A reading that a newer one replaced, or that finished as the window
   * closed, shows nothing. */
  if (estate != self->loading)
    return;
  g_clear_object (&self->loading);

  if (!loaded)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      adw_window_title_set_subtitle (self->window_title, error->message);
      return;
    }
  gtk_spinner_stop (self->spinner);
  show_estate (self, estate);
}

/**
 * moat_estate_window_reload:
 *
 * Reads the folder again on worker threads; what the window shows is
 * replaced when the reading is done. A reading under way is given up.
 */
void
moat_estate_window_reload (MoatEstateWindow *self)
{
  g_autoptr(MoatEstate) estate = moat_estate_new ();

  g_return_if_fail (MOAT_IS_ESTATE_WINDOW (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  moat_estate_add_path (estate, self->folder);
  g_set_object (&self->loading, estate);
  gtk_spinner_start (self->spinner);
  moat_estate_load_async (estate, self->cancellable, on_loaded, g_object_ref (self));
}

static gboolean
reload_later (gpointer data)
{
  MoatEstateWindow *self = data;

  self->reload_id = 0;
  moat_estate_window_reload (self);
  return G_SOURCE_REMOVE;
}

/* Hidden files (editors' temporary copies) are no part of the estate,
 * and SQLite's shared-memory index changes whenever anyone reads. */
static gboolean
is_noise (GFile *file)
{
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  return name != NULL && (name[0] == '.' || g_str_has_suffix (name, "-shm"));
}

static void
on_folder_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   MoatEstateWindow  *self)
{
  /* Every write counts: Moat keeps a model it edits open and writes its
   * changes to the "-wal" file beside it, so no "done" ever comes. The
   * pause below makes a burst of writes one reading. */
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      is_noise (file))
    return;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, reload_later, self);
}

static void
cancel_monitor (gpointer data)
{
  g_file_monitor_cancel (data);
  g_object_unref (data);
}

static void
watch (MoatEstateWindow *self,
       GFile            *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (folder);
  GFileMonitor *monitor;

  if (g_hash_table_contains (self->monitors, uri))
    return;
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      /* The window still works: Reload reads the folder again. */
      g_debug ("Cannot watch %s: %s", uri, error->message);
      return;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (on_folder_changed), self, 0);
  g_hash_table_insert (self->monitors, g_steal_pointer (&uri), monitor);
}

/* A checkout keeps each service's model in the service's own folder: the
 * folders that hold models are watched as well as the estate's own. A
 * folder added later changes the estate's folder, or one watched. */
static void
watch_models (MoatEstateWindow *self,
              MoatEstate       *estate)
{
  GListModel *systems = moat_estate_get_systems (estate);

  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);
      g_autoptr(GFile) parent = g_file_get_parent (moat_estate_system_get_file (system));

      if (parent != NULL && g_file_has_prefix (parent, self->folder))
        watch (self, parent);
    }
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  moat_estate_window_reload (MOAT_ESTATE_WINDOW (widget));
}

static void
moat_estate_window_constructed (GObject *object)
{
  MoatEstateWindow *self = MOAT_ESTATE_WINDOW (object);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (moat_estate_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_FILE (self->folder));

  name = g_file_get_basename (self->folder);
  adw_window_title_set_title (self->window_title, name);
  /* Translators: the estate window's title; %s is the folder's name */
  title = g_strdup_printf (_("Estate — %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  watch (self, self->folder);
  moat_estate_window_reload (self);
}

static void
moat_estate_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MoatEstateWindow *self = MOAT_ESTATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_ESTATE:
      g_value_set_object (value, self->estate);
      break;
    case PROP_SORT_BY:
      /* The property action asks before the template is built. */
      g_value_set_string (value, self->sorter ? moat_estate_sorter_get_sort_by (self->sorter) : "risk");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_estate_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MoatEstateWindow *self = MOAT_ESTATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_set_object (&self->folder, g_value_get_object (value));
      break;
    case PROP_SORT_BY:
      if (self->sorter != NULL)
        moat_estate_sorter_set_sort_by (self->sorter, g_value_get_string (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_estate_window_dispose (GObject *object)
{
  MoatEstateWindow *self = MOAT_ESTATE_WINDOW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->attention, g_ptr_array_unref);
  g_clear_pointer (&self->attention_rows, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_object (&self->estate);

  G_OBJECT_CLASS (moat_estate_window_parent_class)->dispose (object);
}

static void
moat_estate_window_finalize (GObject *object)
{
  MoatEstateWindow *self = MOAT_ESTATE_WINDOW (object);

  g_clear_object (&self->folder);

  G_OBJECT_CLASS (moat_estate_window_parent_class)->finalize (object);
}

static void
moat_estate_window_class_init (MoatEstateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = moat_estate_window_constructed;
  object_class->get_property = moat_estate_window_get_property;
  object_class->set_property = moat_estate_window_set_property;
  object_class->dispose = moat_estate_window_dispose;
  object_class->finalize = moat_estate_window_finalize;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ESTATE] =
    g_param_spec_object ("estate", NULL, NULL, MOAT_TYPE_ESTATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "risk", "name", "review", "change" or "check": see MoatEstateSorter */
  properties[PROP_SORT_BY] =
    g_param_spec_string ("sort-by", NULL, NULL, "risk",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_ESTATE_ROW);
  g_type_ensure (MOAT_TYPE_ESTATE_SORTER);
  g_type_ensure (MOAT_TYPE_HEAT_MAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/estate/moat-estate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, systems_stack);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, sorted_systems);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, sorter);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, trends_area);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, heat_map);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateWindow, attention_group);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);

  gtk_widget_class_install_action (widget_class, "estate.reload", NULL, reload_action);
  gtk_widget_class_install_property_action (widget_class, "estate.sort-by", "sort-by");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "estate.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
moat_estate_window_init (MoatEstateWindow *self)
{
  self->attention_rows = g_ptr_array_new ();
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cancel_monitor);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->trends_area, draw_trends, self, NULL);
}

MoatEstateWindow *
moat_estate_window_new (MoatApplication *app,
                        GFile           *folder)
{
  g_return_val_if_fail (MOAT_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (MOAT_TYPE_ESTATE_WINDOW,
                       "application", app,
                       "folder", folder,
                       NULL);
}

/* Returns: (transfer none) */
GFile *
moat_estate_window_get_folder (MoatEstateWindow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_WINDOW (self), NULL);
  return self->folder;
}

/* Returns: (transfer none) (nullable): the estate shown, %NULL until the
 * first reading is done */
MoatEstate *
moat_estate_window_get_estate (MoatEstateWindow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_WINDOW (self), NULL);
  return self->estate;
}

/* How many readings of the folder the window has shown. */
guint
moat_estate_window_get_n_loads (MoatEstateWindow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_WINDOW (self), 0);
  return self->n_loads;
}

/* Returns: (transfer none) (nullable): the MoatEstateAttention shown */
GPtrArray *
moat_estate_window_get_attention (MoatEstateWindow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_WINDOW (self), NULL);
  return self->attention;
}

/* The application keeps the chooser while it is shown. */
#define CHOOSER_KEY "moat-estate-chooser"

static void
on_folder_chosen (GtkNativeDialog *native,
                  int              response,
                  MoatApplication *app)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) != NULL)
    gtk_window_present (GTK_WINDOW (moat_estate_window_new (app, folder)));

  gtk_native_dialog_destroy (native);
  g_object_set_data (G_OBJECT (app), CHOOSER_KEY, NULL);
}

/**
 * moat_estate_window_choose_folder:
 *
 * Asks for a folder of models and opens it as an estate.
 */
void
moat_estate_window_choose_folder (MoatApplication *app,
                                  GtkWindow       *parent)
{
  GtkNativeDialog *shown;
  GtkFileChooserNative *native;

  g_return_if_fail (MOAT_IS_APPLICATION (app));

  if ((shown = moat_estate_window_get_chooser (app)) != NULL)
    {
      gtk_native_dialog_destroy (shown);
      g_object_set_data (G_OBJECT (app), CHOOSER_KEY, NULL);
    }

  native = gtk_file_chooser_native_new (_("Open an Estate"), parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (on_folder_chosen), app, 0);
  g_object_set_data_full (G_OBJECT (app), CHOOSER_KEY, native, g_object_unref);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * moat_estate_window_get_chooser:
 *
 * Returns: (transfer none) (nullable): the folder chooser Open Estate
 *   is showing, for tests to answer
 */
GtkNativeDialog *
moat_estate_window_get_chooser (MoatApplication *app)
{
  g_return_val_if_fail (MOAT_IS_APPLICATION (app), NULL);
  return g_object_get_data (G_OBJECT (app), CHOOSER_KEY);
}
