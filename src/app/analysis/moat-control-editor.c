/* moat-control-editor.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-item-editor.h"
#include "moat-requirements-group.h"
#include "moat-control-editor.h"
#include "moat-editor-util.h"
#include "moat-field-binder.h"
#include "moat-link-list.h"
#include "moat-risk.h"

struct _MoatControlEditor
{
  GtkWidget        parent_instance;

  MoatModel       *model;
  MoatControl     *control;
  MoatFieldBinder *binder;

  /* template children */
  AdwPreferencesPage *page;
  AdwEntryRow        *title_row;
  AdwComboRow        *status_row;
  AdwComboRow        *effort_row;
  AdwEntryRow        *owner_row;
  AdwActionRow       *worth_row;
  GtkLabel           *worth_label;
  GtkTextView        *description_view;
  AdwEntryRow        *tracker_key_row;
  AdwEntryRow        *tracker_url_row;
  GtkWidget          *open_button;
  MoatLinkList       *threats_list;
  MoatRequirementsGroup *requirements_group;
};

static void moat_control_editor_item_editor_init (MoatItemEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MoatControlEditor, moat_control_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (MOAT_TYPE_ITEM_EDITOR,
                                                      moat_control_editor_item_editor_init))


/* Only web addresses open from here: a tracker link is never a file or a
 * program. A bare "tracker.example.com/ABC-1" is taken as https. */
static char *
url_to_open (const char *text)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (text == NULL)
    return NULL;
  url = g_strstrip (g_strdup (text));
  if (*url == '\0')
    return NULL;
  if (g_uri_peek_scheme (url) == NULL)
    {
      char *with_scheme = g_strconcat ("https://", url, NULL);
      g_free (url);
      url = with_scheme;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;
  return g_steal_pointer (&url);
}

gboolean
moat_control_editor_can_open_url (MoatControlEditor *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (MOAT_IS_CONTROL_EDITOR (self), FALSE);

  url = url_to_open (gtk_editable_get_text (GTK_EDITABLE (self->tracker_url_row)));
  return url != NULL;
}

static void
update_open_button (MoatControlEditor *self)
{
  gtk_widget_set_sensitive (self->open_button, moat_control_editor_can_open_url (self));
}

static void
on_open_clicked (MoatControlEditor *self)
{
  g_autofree char *url = url_to_open (gtk_editable_get_text (GTK_EDITABLE (self->tracker_url_row)));
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (url == NULL)
    return;
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (url);
    gtk_uri_launcher_launch (launcher, window, NULL, NULL, NULL);
  }
#else
  gtk_show_uri (window, url, GDK_CURRENT_TIME);
#endif
}

static void
load_worth (MoatControlEditor *self)
{
  g_autoptr(GPtrArray) roadmap = moat_risk_roadmap (self->model);
  MoatControlStatus status = moat_control_get_status (self->control);
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < roadmap->len; i++)
    {
      MoatRoadmapItem *item = g_ptr_array_index (roadmap, i);

      if (item->control != self->control)
        continue;
      value = g_strdup_printf ("%d", item->risk_removed);
      text = g_strdup_printf (_("Likelihood × impact points its open threats lose once it is in place; "
                                "number %u on the roadmap"), i + 1);
    }
  if (value == NULL && moat_risk_control_steps (status) > 0)
    {
      value = g_strdup (_("In place"));
      text = g_strdup_printf (ngettext ("Its threats are %d step less likely",
                                        "Its threats are %d steps less likely",
                                        moat_risk_control_steps (status)),
                              moat_risk_control_steps (status));
    }
  if (value == NULL)
    {
      value = g_strdup ("0");
      text = g_strdup (_("It addresses no open threat yet"));
    }
  gtk_label_set_label (self->worth_label, value);
  adw_action_row_set_subtitle (self->worth_row, text);
}

static void
on_link_activated (MoatControlEditor *self,
                   MoatObject        *object)
{
  moat_item_editor_emit_open (MOAT_ITEM_EDITOR (self), MOAT_OBJECT (object));
}

void
moat_control_editor_commit (MoatControlEditor *self)
{
  g_return_if_fail (MOAT_IS_CONTROL_EDITOR (self));

  moat_field_binder_commit (self->binder);
}

/**
 * moat_control_editor_set_control:
 * @model: (nullable): the model of @control
 * @control: (nullable): the control to edit
 */
void
moat_control_editor_set_control (MoatControlEditor *self,
                                 MoatModel         *model,
                                 MoatControl       *control)
{
  g_return_if_fail (MOAT_IS_CONTROL_EDITOR (self));

  moat_field_binder_set_object (self->binder, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (control == NULL)
    model = NULL;
  g_set_object (&self->model, model);
  g_set_object (&self->control, control);
  moat_link_list_set_object (self->threats_list, self->model, MOAT_OBJECT (control));
  moat_requirements_group_set_control (self->requirements_group, self->model, control);
  if (control == NULL)
    return;

  moat_field_binder_set_object (self->binder, MOAT_OBJECT (control));
  g_signal_connect_object (model, "action-closed", G_CALLBACK (load_worth), self, G_CONNECT_SWAPPED);
  load_worth (self);
  update_open_button (self);
  moat_preferences_page_scroll_to_top (self->page);
}

/**
 * moat_control_editor_get_control:
 *
 * Returns: (transfer none) (nullable): the control being edited
 */
MoatControl *
moat_control_editor_get_control (MoatControlEditor *self)
{
  g_return_val_if_fail (MOAT_IS_CONTROL_EDITOR (self), NULL);

  return self->control;
}

GtkWidget *
moat_control_editor_new (void)
{
  return g_object_new (MOAT_TYPE_CONTROL_EDITOR, NULL);
}

static void
moat_control_editor_dispose (GObject *object)
{
  MoatControlEditor *self = MOAT_CONTROL_EDITOR (object);

  if (self->binder != NULL)
    moat_field_binder_set_object (self->binder, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->binder);
  g_clear_object (&self->control);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_CONTROL_EDITOR);

  G_OBJECT_CLASS (moat_control_editor_parent_class)->dispose (object);
}

static void
moat_control_editor_class_init (MoatControlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_control_editor_dispose;

  g_type_ensure (MOAT_TYPE_LINK_LIST);
  g_type_ensure (MOAT_TYPE_REQUIREMENTS_GROUP);
  g_type_ensure (MOAT_TYPE_THREAT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-control-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MoatControlEditor, name)
  BIND (page);
  BIND (requirements_group);
  BIND (title_row);
  BIND (status_row);
  BIND (effort_row);
  BIND (owner_row);
  BIND (worth_row);
  BIND (worth_label);
  BIND (description_view);
  BIND (tracker_key_row);
  BIND (tracker_url_row);
  BIND (open_button);
  BIND (threats_list);
#undef BIND
}

static void
moat_control_editor_init (MoatControlEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->binder = moat_field_binder_new ();
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->title_row), "title");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->status_row), "status");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->effort_row), "effort");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->owner_row), "owner");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->description_view), "description");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->tracker_key_row), "tracker-key");
  moat_field_binder_bind (self->binder, GTK_WIDGET (self->tracker_url_row), "tracker-url");

  g_signal_connect_swapped (self->tracker_url_row, "changed", G_CALLBACK (update_open_button), self);
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (on_open_clicked), self);
  g_signal_connect_swapped (self->threats_list, "activated", G_CALLBACK (on_link_activated), self);
  update_open_button (self);
}

static void
item_editor_commit (MoatItemEditor *editor)
{
  moat_control_editor_commit (MOAT_CONTROL_EDITOR (editor));
}

static void
item_editor_set_item (MoatItemEditor *editor,
                      MoatModel      *model,
                      MoatObject     *item)
{
  moat_control_editor_set_control (MOAT_CONTROL_EDITOR (editor), model, MOAT_CONTROL (item));
}

static void
moat_control_editor_item_editor_init (MoatItemEditorInterface *iface)
{
  iface->commit = item_editor_commit;
  iface->set_item = item_editor_set_item;
}
