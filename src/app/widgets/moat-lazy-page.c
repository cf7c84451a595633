/* moat-lazy-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-lazy-page.h"
#include "moat-model.h"

/**
 * MoatLazyPage:
 *
 * Stands in a stack for a page that is not on the first frame: the
 * window's template still declares every page where it goes, but a page
 * nobody has looked at costs nothing to start with (issue 18, a native
 * start). The page, a widget of #MoatLazyPage:page-type, is made when
 * the stand-in is first mapped, or when code asks for it with
 * moat_lazy_page_ensure_child(); #MoatLazyPage:model is handed down to
 * it by a binding when the page has a writable "model" property.
 */
struct _MoatLazyPage
{
  GtkWidget  parent_instance;

  GType      page_type;
  MoatModel *model;
  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (MoatLazyPage, moat_lazy_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE_TYPE,
  PROP_MODEL,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * moat_lazy_page_get_child:
 *
 * Returns: (transfer none) (nullable): the page, or %NULL while it is
 *   not made yet
 */
GtkWidget *
moat_lazy_page_get_child (MoatLazyPage *self)
{
  g_return_val_if_fail (MOAT_IS_LAZY_PAGE (self), NULL);

  return self->child;
}

/**
 * moat_lazy_page_ensure_child:
 *
 * Makes the page if it is not made yet.
 *
 * Returns: (transfer none): the page
 */
GtkWidget *
moat_lazy_page_ensure_child (MoatLazyPage *self)
{
  GParamSpec *pspec;

  g_return_val_if_fail (MOAT_IS_LAZY_PAGE (self), NULL);
  g_return_val_if_fail (g_type_is_a (self->page_type, GTK_TYPE_WIDGET), NULL);

  if (self->child != NULL)
    return self->child;

  self->child = g_object_new (self->page_type, NULL);
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->child), "model");
  if (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE) && !(pspec->flags & G_PARAM_CONSTRUCT_ONLY))
    g_object_bind_property (self, "model", self->child, "model", G_BINDING_SYNC_CREATE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
  return self->child;
}

GType
moat_lazy_page_get_page_type (MoatLazyPage *self)
{
  g_return_val_if_fail (MOAT_IS_LAZY_PAGE (self), G_TYPE_INVALID);

  return self->page_type;
}

static void
moat_lazy_page_map (GtkWidget *widget)
{
  /* Made before the chain up maps the children, so it is mapped too. */
  moat_lazy_page_ensure_child (MOAT_LAZY_PAGE (widget));
  GTK_WIDGET_CLASS (moat_lazy_page_parent_class)->map (widget);
}

static void
moat_lazy_page_dispose (GObject *object)
{
  MoatLazyPage *self = MOAT_LAZY_PAGE (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (moat_lazy_page_parent_class)->dispose (object);
}

static void
moat_lazy_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MoatLazyPage *self = MOAT_LAZY_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAGE_TYPE:
      g_value_set_gtype (value, self->page_type);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_lazy_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MoatLazyPage *self = MOAT_LAZY_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAGE_TYPE:
      self->page_type = g_value_get_gtype (value);
      break;
    case PROP_MODEL:
      if (g_set_object (&self->model, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_lazy_page_class_init (MoatLazyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_lazy_page_dispose;
  object_class->get_property = moat_lazy_page_get_property;
  object_class->set_property = moat_lazy_page_set_property;
  widget_class->map = moat_lazy_page_map;

  /**
   * MoatLazyPage:page-type:
   *
   * The type of the page, a #GtkWidget made with no properties.
   */
  properties[PROP_PAGE_TYPE] =
    g_param_spec_gtype ("page-type", NULL, NULL, GTK_TYPE_WIDGET,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatLazyPage:model:
   *
   * Handed down to the page's own "model", once it is made.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatLazyPage:child:
   *
   * The page, %NULL until it is made.
   */
  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
moat_lazy_page_init (MoatLazyPage *self)
{
}
