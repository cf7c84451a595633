/* moat-refs-group.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-refs-group.h"

struct _MoatRefsGroup
{
  AdwPreferencesGroup  parent_instance;

  MoatThreat          *threat;

  GtkListBox          *list_box;
  AdwEntryRow         *add_row;
};

G_DEFINE_FINAL_TYPE (MoatRefsGroup, moat_refs_group, ADW_TYPE_PREFERENCES_GROUP)

static void
set_refs (MoatRefsGroup      *self,
          const char * const *refs)
{
  g_object_set (self->threat, "refs", refs, NULL);
}

static void
on_remove_clicked (GtkButton     *button,
                   MoatRefsGroup *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "ref");
  const char * const *refs = moat_threat_get_refs (self->threat);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    if (!g_str_equal (refs[i], id))
      g_strv_builder_add (builder, refs[i]);
  kept = g_strv_builder_end (builder);
  set_refs (self, (const char * const *) kept);
}

static GtkWidget *
suffix_button (const char *icon_name,
               const char *tooltip,
               const char *spoken)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
ref_row (MoatRefsGroup *self,
         const char    *id)
{
  GtkWidget *row = adw_action_row_new ();
  const char *title = moat_refs_lookup_title (moat_refs_get_builtin (), id);
  g_autofree char *url = moat_refs_get_url (moat_refs_get_builtin (), id);
  g_autofree char *open_spoken = g_strdup_printf (_("Open %s"), id);
  g_autofree char *remove_spoken = g_strdup_printf (_("Remove %s"), id);
  GtkWidget *remove = suffix_button ("list-remove-symbolic", _("Remove"), remove_spoken);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), title ? title : _("Not in Moat's reference table"));
  if (url != NULL)
    {
      GtkWidget *open = suffix_button ("adw-external-link-symbolic", _("Open Its Public Page"), open_spoken);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "refs.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }
  g_object_set_data_full (G_OBJECT (remove), "ref", g_strdup (id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
show_refs (MoatRefsGroup *self)
{
  const char * const *refs = self->threat ? moat_threat_get_refs (self->threat) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    gtk_list_box_append (self->list_box, ref_row (self, refs[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), refs != NULL && refs[0] != NULL);
}

/**
 * moat_refs_group_add:
 * @text: what the user typed: "cwe 79", "CAPEC-66", "A03:2021"
 *
 * Returns: whether @text named a reference; it is added once
 */
gboolean
moat_refs_group_add (MoatRefsGroup *self,
                     const char    *text)
{
  g_autofree char *id = moat_ref_normalize (text);
  const char * const *refs;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) all = NULL;

  g_return_val_if_fail (MOAT_IS_REFS_GROUP (self), FALSE);

  if (id == NULL || self->threat == NULL)
    return FALSE;
  refs = moat_threat_get_refs (self->threat);
  if (refs != NULL && g_strv_contains (refs, id))
    return TRUE;
  builder = g_strv_builder_new ();
  if (refs != NULL)
    g_strv_builder_addv (builder, (const char **) refs);
  g_strv_builder_add (builder, id);
  all = g_strv_builder_end (builder);
  set_refs (self, (const char * const *) all);
  return TRUE;
}

static void
on_add_apply (MoatRefsGroup *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->add_row));

  if (*text == '\0')
    return;
  if (!moat_refs_group_add (self, text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->add_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_add_changed (MoatRefsGroup *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, g_variant_get_string (parameter, NULL),
                GDK_CURRENT_TIME);
}

void
moat_refs_group_set_threat (MoatRefsGroup *self,
                            MoatThreat    *threat)
{
  g_return_if_fail (MOAT_IS_REFS_GROUP (self));

  if (self->threat != NULL)
    g_signal_handlers_disconnect_by_data (self->threat, self);
  g_set_object (&self->threat, threat);
  if (threat != NULL)
    g_signal_connect_object (threat, "notify::refs", G_CALLBACK (show_refs), self, G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  show_refs (self);
}

static void
moat_refs_group_dispose (GObject *object)
{
  MoatRefsGroup *self = MOAT_REFS_GROUP (object);

  if (self->threat != NULL)
    g_signal_handlers_disconnect_by_data (self->threat, self);
  g_clear_object (&self->threat);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_REFS_GROUP);

  G_OBJECT_CLASS (moat_refs_group_parent_class)->dispose (object);
}

static void
moat_refs_group_class_init (MoatRefsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_refs_group_dispose;

  gtk_widget_class_install_action (widget_class, "refs.open", "s", open_action);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-refs-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatRefsGroup, list_box);
  gtk_widget_class_bind_template_child (widget_class, MoatRefsGroup, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_apply);
}

static void
moat_refs_group_init (MoatRefsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->add_row, "changed", G_CALLBACK (on_add_changed), self);
  show_refs (self);
}
