/* moat-workshop-context.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-actor-row.h"
#include "moat-workshop-asset-row.h"
#include "moat-workshop-columns.h"
#include "moat-workshop-context.h"
#include "moat-workshop-util.h"

#define SCALE_LEVELS 5

/* The model's text fields this stage shows, each under its heading. */
static const struct {
  const char *field;
  const char *label;   /* its label's id in the template */
} text_fields[] = {
  { "description", "description" },
  { "business-purpose", "business_purpose" },
  { "failure-impact", "failure_impact" },
  { "scope-in", "scope_in" },
  { "scope-out", "scope_out" },
};

struct _MoatWorkshopContext
{
  MoatPage    parent_instance;

  GtkWidget  *title;
  GtkWidget  *subtitle;
  GtkWidget  *texts[G_N_ELEMENTS (text_fields)];
  GtkWidget  *scale[SCALE_LEVELS];
  GtkListBox *assets;
  GtkListBox *actors;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopContext, moat_workshop_context, MOAT_TYPE_PAGE)

static char *
subtitle_text (MoatModel *model)
{
  const char *owner = moat_model_get_owner (model);
  const char *version = moat_model_get_version_label (model);
  gboolean has_owner = owner != NULL && owner[0] != '\0';
  gboolean has_version = version != NULL && version[0] != '\0';

  if (has_owner && has_version)
    /* Translators: the model's owner and version, as in "Payments team · version 2.3" */
    return g_strdup_printf (_("%s · version %s"), owner, version);
  if (has_version)
    return g_strdup_printf (_("Version %s"), version);
  return g_strdup (has_owner ? owner : "");
}

static void
show_fields (MoatWorkshopContext *self)
{
  MoatModel *model = moat_page_get_model (MOAT_PAGE (self));
  g_auto(GStrv) scale = NULL;
  g_autofree char *subtitle = NULL;

  if (model == NULL)
    return;

  moat_workshop_label_set (self->title, moat_model_get_title (model), _("Untitled Model"));
  subtitle = subtitle_text (model);
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
  gtk_widget_set_visible (self->subtitle, subtitle[0] != '\0');

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *text = NULL;

      g_object_get (model, text_fields[i].field, &text, NULL);
      moat_workshop_label_set (self->texts[i], text, _("Not written yet"));
    }

  g_object_get (model, "impact-scale", &scale, NULL);
  for (guint i = 0; i < SCALE_LEVELS; i++)
    moat_workshop_label_set (self->scale[i],
                             scale != NULL && g_strv_length (scale) > i ? scale[i] : NULL,
                             _("Not described yet"));
}

/* One row per asset, with its business impact in C, I and A: what the
 * rest of the workshop weighs threats by. */
static GtkWidget *
create_asset_row (gpointer item,
                  gpointer user_data)
{
  MoatWorkshopContext *self = user_data;

  return moat_workshop_asset_row_new (moat_page_get_model (MOAT_PAGE (self)), item);
}

static GtkWidget *
create_actor_row (gpointer item,
                  gpointer user_data)
{
  return moat_workshop_actor_row_new (item);
}

static void
bind_lists (MoatWorkshopContext *self)
{
  MoatModel *model = moat_page_get_model (MOAT_PAGE (self));

  gtk_list_box_bind_model (self->assets,
                           model ? moat_model_get_list (model, MOAT_TYPE_ASSET) : NULL,
                           create_asset_row, self, NULL);
  gtk_list_box_bind_model (self->actors,
                           model ? moat_model_get_list (model, MOAT_TYPE_THREAT_ACTOR) : NULL,
                           create_actor_row, NULL, NULL);
}

/* Rows show a snapshot of their object: an edit to one makes them anew. */
static void
on_model_changed (MoatWorkshopContext *self,
                  MoatChange          *change)
{
  if (change->kind == MOAT_CHANGE_SET
      && (MOAT_IS_ASSET (change->object) || MOAT_IS_THREAT_ACTOR (change->object)
          || (MOAT_IS_MODEL (change->object) && g_str_equal (change->pspec->name, "impact-scale"))))
    bind_lists (self);
}

static void
moat_workshop_context_model_changed (MoatPage  *page,
                                     MoatModel *previous)
{
  MoatWorkshopContext *self = MOAT_WORKSHOP_CONTEXT (page);
  MoatModel *model = moat_page_get_model (page);

  bind_lists (self);
  if (model == NULL)
    return;
  g_signal_connect_object (model, "notify", G_CALLBACK (show_fields), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  show_fields (self);
}

static void
moat_workshop_context_dispose (GObject *object)
{
  moat_workshop_dispose_template (GTK_WIDGET (object), MOAT_TYPE_WORKSHOP_CONTEXT);

  G_OBJECT_CLASS (moat_workshop_context_parent_class)->dispose (object);
}

static void
moat_workshop_context_class_init (MoatWorkshopContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MoatPageClass *page_class = MOAT_PAGE_CLASS (klass);

  object_class->dispose = moat_workshop_context_dispose;
  page_class->model_changed = moat_workshop_context_model_changed;

  g_type_ensure (MOAT_TYPE_WORKSHOP_COLUMNS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-context.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopContext, title);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopContext, subtitle);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopContext, assets);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopContext, actors);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_widget_class_bind_template_child_full (widget_class, text_fields[i].label, FALSE,
                                               G_STRUCT_OFFSET (MoatWorkshopContext, texts[i]));
  for (guint i = 0; i < SCALE_LEVELS; i++)
    {
      g_autofree char *id = g_strdup_printf ("scale_%u", i + 1);

      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (id), FALSE,
                                                 G_STRUCT_OFFSET (MoatWorkshopContext, scale[i]));
    }
}

static void
moat_workshop_context_init (MoatWorkshopContext *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
moat_workshop_context_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_CONTEXT, NULL);
}
