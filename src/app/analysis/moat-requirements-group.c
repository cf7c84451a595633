/* moat-requirements-group.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-requirements-group.h"

/* A search shows this many matches: enough to pick from, few enough to
 * read in a side panel. */
#define MAX_FOUND 8

struct _MoatRequirementsGroup
{
  AdwPreferencesGroup  parent_instance;

  MoatLibrary         *library;
  MoatCatalogue       *catalogue;
  MoatControl         *control;

  GtkListBox          *list_box;
  AdwEntryRow         *search_row;
  GtkListBox          *found_box;
};

G_DEFINE_FINAL_TYPE (MoatRequirementsGroup, moat_requirements_group, ADW_TYPE_PREFERENCES_GROUP)

static void
clear_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

static void
write_requirements (MoatRequirementsGroup *self,
                    const char            *add,
                    const char            *remove)
{
  const char * const *now = moat_control_get_requirements (self->control);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; now != NULL && now[i] != NULL; i++)
    if (g_strcmp0 (now[i], remove) != 0 && g_strcmp0 (now[i], add) != 0)
      g_strv_builder_add (builder, now[i]);
  if (add != NULL)
    g_strv_builder_add (builder, add);
  result = g_strv_builder_end (builder);
  g_object_set (self->control, "requirements", result, NULL);
}

static void
on_remove_clicked (GtkButton             *button,
                   MoatRequirementsGroup *self)
{
  write_requirements (self, NULL, g_object_get_data (G_OBJECT (button), "ref"));
}

/* "Logs protected from reading and change · level 2": the title already
 * names the requirement. */
static char *
requirement_subtitle (const MoatRequirement *requirement)
{
  const char *what = requirement->title ? requirement->title
                     : requirement->section_title ? requirement->section_title
                     : requirement->chapter_title;

  if (what == NULL)
    /* Translators: a requirement's level, when it has no title */
    return g_strdup_printf (_("Level %d"), requirement->level);
  /* Translators: a requirement's short title and its level, "Logs protected from change · level 2" */
  return g_strdup_printf (_("%s · level %d"), what, requirement->level);
}

/* What a person reads for a ref: the ref, and what it requires. */
static void
describe_ref (MoatRequirementsGroup *self,
              const char            *ref,
              char                 **title,
              char                 **subtitle)
{
  g_autofree char *catalogue_id = NULL;
  g_autofree char *id = NULL;
  const MoatRequirement *requirement = NULL;
  MoatCatalogue *catalogue;

  *title = g_strdup (ref);
  *subtitle = g_strdup (_("Not in the catalogues Moat knows"));
  if (!moat_requirement_ref_split (ref, &catalogue_id, &id))
    return;
  catalogue = self->library ? moat_library_lookup_catalogue (self->library, catalogue_id) : NULL;
  requirement = catalogue ? moat_catalogue_lookup (catalogue, id) : NULL;
  if (requirement == NULL)
    return;
  g_free (*subtitle);
  *subtitle = requirement_subtitle (requirement);
}

static GtkWidget *
requirement_row (MoatRequirementsGroup *self,
                 const char            *ref)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *spoken = g_strdup_printf (_("Remove %s"), ref);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  describe_ref (self, ref, &title, &subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "ref", g_strdup (ref), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
show_requirements (MoatRequirementsGroup *self)
{
  const char * const *refs = self->control ? moat_control_get_requirements (self->control) : NULL;

  clear_box (self->list_box);
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    gtk_list_box_append (self->list_box, requirement_row (self, refs[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), refs != NULL && refs[0] != NULL);
}

static GtkWidget *
found_row (MoatRequirementsGroup *self,
           const MoatRequirement *requirement)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = requirement_subtitle (requirement);
  g_autofree char *ref = g_strdup_printf ("%s:%s", moat_catalogue_get_id (self->catalogue), requirement->id);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ref);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ref", g_steal_pointer (&ref), g_free);
  return row;
}

static void
on_search_changed (MoatRequirementsGroup *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_row));
  g_autoptr(GPtrArray) found = NULL;

  clear_box (self->found_box);
  if (self->catalogue == NULL || g_utf8_strlen (text, -1) < 2)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->found_box), FALSE);
      return;
    }
  found = moat_catalogue_search (self->catalogue, text, 0);
  for (guint i = 0; i < found->len && i < MAX_FOUND; i++)
    gtk_list_box_append (self->found_box, found_row (self, g_ptr_array_index (found, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->found_box), found->len > 0);
}

static void
on_found_activated (MoatRequirementsGroup *self,
                    GtkListBoxRow         *row)
{
  write_requirements (self, g_object_get_data (G_OBJECT (row), "ref"), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
}

/* Enter takes the first match. */
static void
on_search_activated (MoatRequirementsGroup *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->found_box, 0);

  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->found_box)))
    on_found_activated (self, first);
  else
    gtk_widget_error_bell (GTK_WIDGET (self->search_row));
}

/**
 * moat_requirements_group_get_n_found:
 *
 * Returns: how many matches the search shows
 */
guint
moat_requirements_group_get_n_found (MoatRequirementsGroup *self)
{
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_REQUIREMENTS_GROUP (self), 0);

  while (gtk_list_box_get_row_at_index (self->found_box, n) != NULL)
    n++;
  return n;
}

void
moat_requirements_group_set_control (MoatRequirementsGroup *self,
                                     MoatModel             *model,
                                     MoatControl           *control)
{
  g_autofree char *catalogue_id = NULL;

  g_return_if_fail (MOAT_IS_REQUIREMENTS_GROUP (self));

  if (self->control != NULL)
    g_signal_handlers_disconnect_by_data (self->control, self);
  g_set_object (&self->control, control);
  /* Loaded when first needed: reading the user's catalogues and rules
   * should not slow the window's start. */
  if (model != NULL && self->library == NULL)
    self->library = moat_library_new_default ();
  if (model != NULL)
    {
      catalogue_id = moat_coverage_default_catalogue (model);
      self->catalogue = moat_library_lookup_catalogue (self->library, catalogue_id);
    }
  if (control != NULL)
    g_signal_connect_object (control, "notify::requirements", G_CALLBACK (show_requirements), self,
                             G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
  show_requirements (self);
}

static void
moat_requirements_group_dispose (GObject *object)
{
  MoatRequirementsGroup *self = MOAT_REQUIREMENTS_GROUP (object);

  if (self->control != NULL)
    g_signal_handlers_disconnect_by_data (self->control, self);
  g_clear_object (&self->control);
  g_clear_object (&self->library);
  self->catalogue = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_REQUIREMENTS_GROUP);

  G_OBJECT_CLASS (moat_requirements_group_parent_class)->dispose (object);
}

static void
moat_requirements_group_class_init (MoatRequirementsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_requirements_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-requirements-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatRequirementsGroup, list_box);
  gtk_widget_class_bind_template_child (widget_class, MoatRequirementsGroup, search_row);
  gtk_widget_class_bind_template_child (widget_class, MoatRequirementsGroup, found_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_found_activated);
}

static void
moat_requirements_group_init (MoatRequirementsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_requirements (self);
}
