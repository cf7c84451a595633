/* moat-overview-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text is written to the model when the user is done with a field (Enter,
 * the apply button, leaving it, or a pause in typing), not on every key:
 * one burst of typing is one step of undo.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-field-binder.h"
#include "moat-limits.h"
#include "moat-overview-page.h"

struct _MoatOverviewPage
{
  MoatPage        parent_instance;

  MoatFieldBinder *texts;        /* the text views, on the model */

  /* template children */
  AdwEntryRow     *title_row;
  AdwEntryRow     *owner_row;
  AdwEntryRow     *version_row;
  GtkTextView     *description_view;
  GtkTextView     *purpose_view;
  GtkTextView     *impact_view;
  GtkTextView     *scope_in_view;
  GtkTextView     *scope_out_view;
  AdwEntryRow     *scale_rows[5];
  GtkLabel        *counts[7];    /* one per counted type, in its order */
  AdwPreferencesPage  *page;
};

G_DEFINE_FINAL_TYPE (MoatOverviewPage, moat_overview_page, MOAT_TYPE_PAGE)

/* The types the Contents group counts, in the order of its rows. */
static GType (* const counted[]) (void) = {
  moat_diagram_get_type,
  moat_element_get_type,
  moat_asset_get_type,
  moat_threat_actor_get_type,
  moat_threat_get_type,
  moat_control_get_type,
  moat_assumption_get_type,
};

G_STATIC_ASSERT (G_N_ELEMENTS (counted) == G_N_ELEMENTS (((MoatOverviewPage *) NULL)->counts));

static const char *
entry_field (MoatOverviewPage *self,
             AdwEntryRow      *row)
{
  if (row == self->title_row)
    return "title";
  if (row == self->owner_row)
    return "owner";
  return "version-label";
}

static void
set_field (MoatOverviewPage *self,
           const char       *field,
           const char       *text)
{
  g_autofree char *current = NULL;

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;

  g_object_get (moat_page_get_model (MOAT_PAGE (self)), field, &current, NULL);
  if (g_strcmp0 (current ? current : "", text) != 0)
    g_object_set (moat_page_get_model (MOAT_PAGE (self)), field, text, NULL);
}

static int
scale_index (MoatOverviewPage *self,
             AdwEntryRow      *row)
{
  for (int i = 0; i < (int) G_N_ELEMENTS (self->scale_rows); i++)
    if (self->scale_rows[i] == row)
      return i;
  return -1;
}

/* The scale is one list of five meanings, from level 1 to level 5. */
static void
commit_scale (MoatOverviewPage *self)
{
  const char *scale[G_N_ELEMENTS (self->scale_rows) + 1] = { NULL, };
  g_auto(GStrv) current = NULL;

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->scale_rows); i++)
    scale[i] = gtk_editable_get_text (GTK_EDITABLE (self->scale_rows[i]));
  g_object_get (moat_page_get_model (MOAT_PAGE (self)), "impact-scale", &current, NULL);
  if (current == NULL || !g_strv_equal ((const char * const *) current, scale))
    g_object_set (moat_page_get_model (MOAT_PAGE (self)), "impact-scale", scale, NULL);
}

static void
commit_entry (MoatOverviewPage *self,
              AdwEntryRow      *row)
{
  if (scale_index (self, row) >= 0)
    commit_scale (self);
  else
    set_field (self, entry_field (self, row), gtk_editable_get_text (GTK_EDITABLE (row)));
}

/**
 * moat_overview_page_commit:
 *
 * Writes what is being typed to the model now.
 */
void
moat_overview_page_commit (MoatOverviewPage *self)
{
  commit_entry (self, self->title_row);
  commit_entry (self, self->owner_row);
  commit_entry (self, self->version_row);
  commit_scale (self);
  moat_field_binder_commit (self->texts);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                MoatOverviewPage        *self)
{
  commit_entry (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
watch_focus (MoatOverviewPage *self,
             GtkWidget        *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

/* Show the model's value, unless the user is in the middle of editing it. */
static void
show_entry (MoatOverviewPage *self,
            AdwEntryRow      *row)
{
  g_autofree char *value = NULL;

  if (gtk_widget_has_focus (GTK_WIDGET (row)) || gtk_widget_is_focus (GTK_WIDGET (row)) ||
      gtk_widget_get_focus_child (GTK_WIDGET (row)) != NULL)
    return;
  if (scale_index (self, row) >= 0)
    {
      g_auto(GStrv) scale = NULL;
      guint index = scale_index (self, row);

      g_object_get (moat_page_get_model (MOAT_PAGE (self)), "impact-scale", &scale, NULL);
      value = g_strdup (scale && g_strv_length (scale) > index ? scale[index] : "");
    }
  else
    g_object_get (moat_page_get_model (MOAT_PAGE (self)), entry_field (self, row), &value, NULL);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value ? value : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
}

static void
show_fields (MoatOverviewPage *self)
{
  if (moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;

  show_entry (self, self->title_row);
  show_entry (self, self->owner_row);
  show_entry (self, self->version_row);
  for (guint i = 0; i < G_N_ELEMENTS (self->scale_rows); i++)
    show_entry (self, self->scale_rows[i]);
}

static void
show_counts (MoatOverviewPage *self)
{
  MoatModel *model = moat_page_get_model (MOAT_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (counted) && model != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", moat_model_count (model, counted[i] ()));
      gtk_label_set_text (self->counts[i], text);
    }
}

static void
moat_overview_page_model_changed (MoatPage  *page,
                                  MoatModel *previous)
{
  MoatOverviewPage *self = MOAT_OVERVIEW_PAGE (page);
  MoatModel *model = moat_page_get_model (page);

  for (guint i = 0; previous != NULL && i < G_N_ELEMENTS (counted); i++)
    g_signal_handlers_disconnect_by_data (moat_model_get_list (previous, counted[i] ()), self);
  moat_field_binder_set_object (self->texts, MOAT_OBJECT (model));
  if (model == NULL)
    return;

  g_signal_connect_swapped (model, "notify", G_CALLBACK (show_fields), self);
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    g_signal_connect_swapped (moat_model_get_list (model, counted[i] ()), "items-changed",
                              G_CALLBACK (show_counts), self);
  show_fields (self);
  show_counts (self);
}

static void
moat_overview_page_dispose (GObject *object)
{
  MoatOverviewPage *self = MOAT_OVERVIEW_PAGE (object);

  if (self->texts != NULL)
    moat_page_set_model (MOAT_PAGE (self), NULL);
  g_clear_object (&self->texts);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (moat_overview_page_parent_class)->dispose (object);
}

static void
moat_overview_page_class_init (MoatOverviewPageClass *klass)
{
  MoatPageClass *page_class = MOAT_PAGE_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_overview_page_dispose;
  page_class->model_changed = moat_overview_page_model_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/pages/moat-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, version_row);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, description_view);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, purpose_view);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, impact_view);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, scope_in_view);
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, scope_out_view);
  gtk_widget_class_bind_template_child_full (widget_class, "scale1_row", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, scale_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "scale2_row", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, scale_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "scale3_row", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, scale_rows[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "scale4_row", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, scale_rows[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "scale5_row", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, scale_rows[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "diagrams_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "elements_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "assets_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "threat_actors_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "threats_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "controls_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "assumptions_count", FALSE,
                                             G_STRUCT_OFFSET (MoatOverviewPage, counts[6]));
  gtk_widget_class_bind_template_child (widget_class, MoatOverviewPage, page);
}

static void
moat_overview_page_init (MoatOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  {
    AdwEntryRow *rows[] = {
      self->title_row, self->owner_row, self->version_row,
      self->scale_rows[0], self->scale_rows[1], self->scale_rows[2], self->scale_rows[3],
      self->scale_rows[4],
    };
    struct {
      GtkTextView *view;
      const char  *field;
    } views[] = {
      { self->description_view, "description" },
      { self->purpose_view, "business-purpose" },
      { self->impact_view, "failure-impact" },
      { self->scope_in_view, "scope-in" },
      { self->scope_out_view, "scope-out" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        moat_field_binder_limit (GTK_WIDGET (rows[i]), MOAT_TEXT_SHORT_MAX);
        g_signal_connect_swapped (rows[i], "apply", G_CALLBACK (commit_entry), self);
        watch_focus (self, GTK_WIDGET (rows[i]));
      }
    /* The texts are written as the field binder writes text. */
    self->texts = moat_field_binder_new ();
    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      moat_field_binder_bind (self->texts, GTK_WIDGET (views[i].view), views[i].field);
  }
}
