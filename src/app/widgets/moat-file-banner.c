/* moat-file-banner.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-file-banner.h"

/* Folding the log into the file costs a sync: do it once edits pause. */
#define CHECKPOINT_DELAY_MS 2000

struct _MoatFileBanner
{
  GtkWidget     parent_instance;

  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkButton    *retry_button;
  GtkButton    *reload_button;
  GtkButton    *save_as_button;

  MoatStore    *store;
  GFileMonitor *monitor;
  guint         checkpoint_source;
};

G_DEFINE_FINAL_TYPE (MoatFileBanner, moat_file_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MoatFileBanner *self)
{
  MoatStoreStatus status = self->store ? moat_store_get_status (self->store) : MOAT_STORE_SAVED;
  const char *message = self->store ? moat_store_get_status_message (self->store) : NULL;

  gtk_label_set_label (self->label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), status == MOAT_STORE_FAILING);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), status == MOAT_STORE_CHANGED);
  gboolean show = status != MOAT_STORE_SAVED && message != NULL;

  if (show)
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, show);
}

/* A folded banner is still in the accessibility tree: hide it once
 * folded so a screen reader does not announce buttons nobody sees. */
static void
on_child_revealed (MoatFileBanner *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer)
      && !gtk_revealer_get_reveal_child (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
}

static gboolean
checkpoint (gpointer data)
{
  MoatFileBanner *self = data;

  self->checkpoint_source = 0;
  if (self->store != NULL)
    moat_store_checkpoint (self->store);
  return G_SOURCE_REMOVE;
}

static void
on_action_closed (MoatFileBanner *self)
{
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  self->checkpoint_source = g_timeout_add (CHECKPOINT_DELAY_MS, checkpoint, self);
}

/* Our own writes change the file all the time; anything else that
 * happens to its name is checked at once, not at the next edit. */
static void
on_file_event (MoatFileBanner    *self,
               GFile             *file,
               GFile             *other,
               GFileMonitorEvent  event)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGED ||
      event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;

  moat_store_check_place (self->store);
}

static void
watch_file (MoatFileBanner *self)
{
  GFile *file = self->store ? moat_store_get_file (self->store) : NULL;

  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (file == NULL || moat_store_get_read_only (self->store))
    return;

  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_file_event),
                             self, G_CONNECT_SWAPPED);
}

static void
retry_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  MoatFileBanner *self = MOAT_FILE_BANNER (widget);

  /* A failure is shown by the banner itself. */
  if (self->store != NULL)
    moat_store_retry (self->store, NULL);
}

/* The file as it is now, in place of this window and what it kept. */
static void
reload_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  MoatFileBanner *self = MOAT_FILE_BANNER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  g_autofree char *path = NULL;

  if (self->store == NULL || app == NULL)
    return;

  path = g_file_get_path (moat_store_get_file (self->store));
  g_object_ref (app);
  gtk_window_destroy (GTK_WINDOW (root));
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-file", g_variant_new_string (path));
  g_object_unref (app);
}

void
moat_file_banner_set_store (MoatFileBanner *self,
                            MoatStore      *store)
{
  g_return_if_fail (MOAT_IS_FILE_BANNER (self));

  if (self->store == store)
    return;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (moat_store_get_model (self->store), self);
    }
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      g_signal_connect_object (store, "notify::status", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::write-error", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::file", G_CALLBACK (watch_file), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (moat_store_get_model (store), "action-closed",
                               G_CALLBACK (on_action_closed), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }

  watch_file (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MoatStore *
moat_file_banner_get_store (MoatFileBanner *self)
{
  g_return_val_if_fail (MOAT_IS_FILE_BANNER (self), NULL);

  return self->store;
}

static void
moat_file_banner_dispose (GObject *object)
{
  MoatFileBanner *self = MOAT_FILE_BANNER (object);

  moat_file_banner_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_FILE_BANNER);

  G_OBJECT_CLASS (moat_file_banner_parent_class)->dispose (object);
}

static void
moat_file_banner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MoatFileBanner *self = MOAT_FILE_BANNER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_file_banner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MoatFileBanner *self = MOAT_FILE_BANNER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      moat_file_banner_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_file_banner_class_init (MoatFileBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_file_banner_dispose;
  object_class->get_property = moat_file_banner_get_property;
  object_class->set_property = moat_file_banner_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MOAT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/widgets/moat-file-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatFileBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, MoatFileBanner, label);
  gtk_widget_class_bind_template_child (widget_class, MoatFileBanner, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MoatFileBanner, reload_button);
  gtk_widget_class_bind_template_child (widget_class, MoatFileBanner, save_as_button);

  gtk_widget_class_bind_template_callback (widget_class, on_child_revealed);

  gtk_widget_class_install_action (widget_class, "file.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "file.reload", NULL, reload_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
moat_file_banner_init (MoatFileBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
