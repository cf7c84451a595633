/* moat-workshop-context.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-workshop-context.h"
#include "moat-workshop-columns.h"
#include "moat-workshop-util.h"

#define SCALE_LEVELS 5

/* The model's text fields this stage shows, each under its heading. */
static const struct {
  const char *field;
  const char *heading;
} text_fields[] = {
  { "description", N_("What the System Does") },
  { "business-purpose", N_("Why It Matters") },
  { "failure-impact", N_("If It Fails or Leaks") },
  { "scope-in", N_("In Scope") },
  { "scope-out", N_("Out of Scope") },
};

struct _MoatWorkshopContext
{
  GtkWidget  parent_instance;

  MoatModel *model;
  GtkWidget *scroller;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *texts[G_N_ELEMENTS (text_fields)];
  GtkWidget *scale[SCALE_LEVELS];
  GtkWidget *assets;
  GtkWidget *actors;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopContext, moat_workshop_context, GTK_TYPE_WIDGET)

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
  g_auto(GStrv) scale = NULL;
  g_autofree char *subtitle = NULL;

  if (self->model == NULL)
    return;

  moat_workshop_label_set (self->title, moat_model_get_title (self->model), _("Untitled Model"));
  subtitle = subtitle_text (self->model);
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
  gtk_widget_set_visible (self->subtitle, subtitle[0] != '\0');

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *text = NULL;

      g_object_get (self->model, text_fields[i].field, &text, NULL);
      moat_workshop_label_set (self->texts[i], text, _("Not written yet"));
    }

  g_object_get (self->model, "impact-scale", &scale, NULL);
  for (guint i = 0; i < SCALE_LEVELS; i++)
    moat_workshop_label_set (self->scale[i],
                             scale != NULL && g_strv_length (scale) > i ? scale[i] : NULL,
                             _("Not described yet"));
}

static GtkWidget *
named_row (const char *name,
           const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "workshop-row");
  gtk_box_append (GTK_BOX (box), moat_workshop_label (name, "workshop-strong"));
  if (detail != NULL && detail[0] != '\0')
    gtk_box_append (GTK_BOX (box), moat_workshop_label (detail, "workshop-dim"));
  return box;
}

/* One row per asset, with its business impact in C, I and A: what the
 * rest of the workshop weighs threats by. */
static GtkWidget *
create_asset_row (gpointer item,
                  gpointer user_data)
{
  MoatWorkshopContext *self = user_data;

  return moat_workshop_asset_row (self->model, item);
}

static GtkWidget *
create_actor_row (gpointer item,
                  gpointer user_data)
{
  MoatThreatActor *actor = item;

  return named_row (moat_threat_actor_get_name (actor), moat_threat_actor_get_motivation (actor));
}

static GtkWidget *
object_list (const char *name,
             const char *empty)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), moat_workshop_empty_row (empty));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return list;
}

static void
bind_lists (MoatWorkshopContext *self)
{
  MoatModel *model = self->model;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->assets),
                           model ? moat_model_get_list (model, MOAT_TYPE_ASSET) : NULL,
                           create_asset_row, self, NULL);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->actors),
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

void
moat_workshop_context_set_model (MoatWorkshopContext *self,
                                 MoatModel           *model)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_CONTEXT (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  bind_lists (self);
  if (model == NULL)
    return;
  g_signal_connect_object (model, "notify", G_CALLBACK (show_fields), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  show_fields (self);
}

static GtkWidget *
build_scale (MoatWorkshopContext *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 14);
  for (int i = 0; i < SCALE_LEVELS; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i + 1);
      g_autofree char *css_class = g_strdup_printf ("workshop-level-%d", i + 1);
      GtkWidget *level = gtk_label_new (number);

      gtk_widget_add_css_class (level, "workshop-level");
      gtk_widget_add_css_class (level, css_class);
      gtk_widget_set_valign (level, GTK_ALIGN_START);
      self->scale[i] = moat_workshop_label (NULL, NULL);
      gtk_widget_set_hexpand (self->scale[i], TRUE);
      gtk_grid_attach (GTK_GRID (grid), level, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->scale[i], 1, i, 1, 1);
    }
  return grid;
}

static void
build (MoatWorkshopContext *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 28);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *left = moat_workshop_column ();
  GtkWidget *right = moat_workshop_column ();

  self->title = moat_workshop_label (NULL, "workshop-title");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  self->subtitle = moat_workshop_label (NULL, "workshop-dim");
  gtk_box_append (GTK_BOX (header), self->title);
  gtk_box_append (GTK_BOX (header), self->subtitle);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      self->texts[i] = moat_workshop_label (NULL, NULL);
      gtk_box_append (GTK_BOX (left), moat_workshop_section (_(text_fields[i].heading), self->texts[i]));
    }

  self->assets = object_list (_("Assets"), _("No assets yet"));
  self->actors = object_list (_("Threat actors"), _("No threat actors yet"));
  gtk_box_append (GTK_BOX (right), moat_workshop_section (_("Impact Scale"), build_scale (self)));
  gtk_box_append (GTK_BOX (right), moat_workshop_section (_("Assets and Their Business Impact"), self->assets));
  gtk_box_append (GTK_BOX (right), moat_workshop_section (_("Threat Actors"), self->actors));

  gtk_box_append (GTK_BOX (page), header);
  gtk_box_append (GTK_BOX (page), moat_workshop_columns_new (left, right));

  self->scroller = moat_workshop_scroller (page);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

static void
moat_workshop_context_dispose (GObject *object)
{
  MoatWorkshopContext *self = MOAT_WORKSHOP_CONTEXT (object);

  if (self->assets != NULL)
    moat_workshop_context_set_model (self, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->assets = self->actors = NULL;

  G_OBJECT_CLASS (moat_workshop_context_parent_class)->dispose (object);
}

static void
moat_workshop_context_class_init (MoatWorkshopContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_context_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
moat_workshop_context_init (MoatWorkshopContext *self)
{
  build (self);
}

GtkWidget *
moat_workshop_context_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_CONTEXT, NULL);
}
