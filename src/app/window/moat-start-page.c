/* moat-start-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-core.h"
#include "moat-start-page.h"

#define MAX_RECENT 8

struct _MoatStartPage
{
  GtkWidget   parent_instance;

  GtkWidget  *status_page;
  GtkWidget  *drafts_group;
  GtkListBox *drafts_list;
  GtkWidget  *recent_group;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (MoatStartPage, moat_start_page, GTK_TYPE_WIDGET)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
friendly_time (GDateTime *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GTimeSpan ago = g_date_time_difference (now, when);

  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Changed just now"));
  if (ago < G_TIME_SPAN_HOUR)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changed %d minute ago",
                                         "Changed %d minutes ago", ago / G_TIME_SPAN_MINUTE),
                            (int)(ago / G_TIME_SPAN_MINUTE));
  if (ago < G_TIME_SPAN_DAY)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Changed %d hour ago",
                                         "Changed %d hours ago", ago / G_TIME_SPAN_HOUR),
                            (int)(ago / G_TIME_SPAN_HOUR));
  /* Translators: a date, see g_date_time_format(); %-d is the day
   * without padding (%e pads with a figure space) */
  return g_date_time_format (when, _("Changed on %-d %B %Y"));
}

/* A draft's name is its model's title, which means reading it: drafts
 * are few and small. */
static char *
draft_title (GFile *file)
{
  g_autoptr(MoatStore) store = moat_store_open (file, NULL);
  const char *title;
  char *result;

  if (store == NULL)
    return g_strdup (_("Damaged draft"));
  title = moat_model_get_title (moat_store_get_model (store));
  result = g_strdup (title && title[0] ? title : _("Untitled Model"));
  moat_store_close (store);
  return result;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             const char *path)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
add_draft_row (MoatStartPage *self,
               GFile         *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GDateTime) when = info ? g_file_info_get_modification_date_time (info) : NULL;
  g_autofree char *title = draft_title (file);
  g_autofree char *subtitle = when ? friendly_time (when) : NULL;
  const char *path = g_file_peek_path (file);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *recover = gtk_button_new_with_mnemonic (_("_Recover"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  gtk_widget_set_valign (recover, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (recover), "app.recover-draft");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (recover), "s", path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", _("Discard Draft"),
                                          "app.discard-draft", path));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), recover);
  gtk_list_box_append (self->drafts_list, row);
}

static void
add_recent_row (MoatStartPage *self,
                GtkRecentInfo *info)
{
  g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent ? g_file_get_parse_name (parent) : NULL;
  g_autofree char *name = g_file_get_basename (file);
  GtkWidget *row = adw_action_row_new ();

  if (g_str_has_suffix (name, ".moat"))
    name[strlen (name) - 5] = '\0';
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-file");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", gtk_recent_info_get_uri (info));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_append (self->recent_list, row);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *)a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *)b);

  return g_date_time_compare (tb, ta);
}

void
moat_start_page_refresh (MoatStartPage *self)
{
  g_autoptr(GPtrArray) drafts = moat_store_list_drafts ();
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n_recent = 0;

  clear_list (self->drafts_list);
  for (guint i = 0; i < drafts->len; i++)
    add_draft_row (self, g_ptr_array_index (drafts, i));
  gtk_widget_set_visible (self->drafts_group, drafts->len > 0);

  clear_list (self->recent_list);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n_recent < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (!g_str_has_suffix (gtk_recent_info_get_uri (info), ".moat") ||
          !gtk_recent_info_exists (info))
        continue;
      add_recent_row (self, info);
      n_recent++;
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_group, n_recent > 0);
}

static void
moat_start_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (moat_start_page_parent_class)->map (widget);
  moat_start_page_refresh (MOAT_START_PAGE (widget));
}

static void
moat_start_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MOAT_TYPE_START_PAGE);

  G_OBJECT_CLASS (moat_start_page_parent_class)->dispose (object);
}

static void
moat_start_page_class_init (MoatStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_start_page_dispose;
  widget_class->map = moat_start_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/window/moat-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatStartPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MoatStartPage, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, MoatStartPage, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, MoatStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, MoatStartPage, recent_list);
}

static void
moat_start_page_init (MoatStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (moat_start_page_refresh), self, G_CONNECT_SWAPPED);
}
