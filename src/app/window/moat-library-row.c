/* moat-library-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "moat-library-row.h"

struct _MoatLibraryRow
{
  AdwActionRow      parent_instance;

  MoatLibraryEntry *entry;

  /* template children */
  GtkImage         *error_icon;
  GtkLabel         *count_label;
  GtkSwitch        *enable_switch;
};

G_DEFINE_FINAL_TYPE (MoatLibraryRow, moat_library_row, ADW_TYPE_ACTION_ROW)

static void
moat_library_row_finalize (GObject *object)
{
  MoatLibraryRow *self = MOAT_LIBRARY_ROW (object);

  g_clear_pointer (&self->entry, moat_library_entry_free);

  G_OBJECT_CLASS (moat_library_row_parent_class)->finalize (object);
}

static void
moat_library_row_class_init (MoatLibraryRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = moat_library_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/window/moat-library-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryRow, error_icon);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, MoatLibraryRow, enable_switch);
}

static void
moat_library_row_init (MoatLibraryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A path under the home folder as people write it. */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize length = strlen (home);

  if (length > 1 && g_str_has_prefix (path, home) && path[length] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + length, NULL);
  return g_strdup (path);
}

static char *
describe_count (const MoatLibraryEntry *entry)
{
  if (entry->kind == MOAT_LIBRARY_CATALOGUE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u requirement", "%u requirements", entry->count),
                            entry->count);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules", entry->count), entry->count);
}

static char *
describe_origin (const MoatLibraryEntry *entry)
{
  g_autofree char *path = NULL;

  if (entry->builtin)
    return g_strdup (_("Comes with Moat"));
  path = display_path (entry->origin);
  if (entry->kind == MOAT_LIBRARY_RULES)
    /* TRANSLATORS: "~/.config/moat/rules/acme.json, set “acme”" */
    return g_strdup_printf (_("%s, set “%s”"), path, entry->id);
  return g_steal_pointer (&path);
}

static void
show_entry (MoatLibraryRow *self)
{
  const MoatLibraryEntry *entry = self->entry;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), entry->title);

  if (entry->error != NULL)
    {
      /* The message names the file, line and column: it is the subtitle. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), entry->error);
      gtk_widget_set_visible (GTK_WIDGET (self->error_icon), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->enable_switch), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, entry->error, -1);
      return;
    }

  subtitle = describe_origin (entry);
  count = describe_count (entry);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_label_set_label (self->count_label, count);
  /* The row names its switch (activatable-widget); this says the rest. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->enable_switch),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

/**
 * moat_library_row_new:
 * @entry: (transfer none): what the row shows; the row keeps a copy
 */
GtkWidget *
moat_library_row_new (const MoatLibraryEntry *entry)
{
  MoatLibraryRow *self = g_object_new (MOAT_TYPE_LIBRARY_ROW, NULL);

  self->entry = moat_library_entry_copy (entry);
  show_entry (self);

  return GTK_WIDGET (self);
}

const MoatLibraryEntry *
moat_library_row_get_entry (MoatLibraryRow *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY_ROW (self), NULL);
  return self->entry;
}

GtkSwitch *
moat_library_row_get_switch (MoatLibraryRow *self)
{
  g_return_val_if_fail (MOAT_IS_LIBRARY_ROW (self), NULL);
  return self->enable_switch;
}

/* Shows the model's choice; the switch's own signal handlers see it. */
void
moat_library_row_set_enabled (MoatLibraryRow *self,
                              gboolean        enabled)
{
  g_return_if_fail (MOAT_IS_LIBRARY_ROW (self));
  gtk_switch_set_active (self->enable_switch, enabled);
}
