/* moat-risk-chip.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colours are written into a style sheet from moat-risk.c at first
 * use, so the chips, the heat map, the report and the canvas badges can
 * never disagree about what "high" looks like. style.css gives the shape.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-risk.h"
#include "moat-risk-chip.h"

struct _MoatRiskChip
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  int        level;
};

G_DEFINE_FINAL_TYPE (MoatRiskChip, moat_risk_chip, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
css_rgb (double red,
         double green,
         double blue)
{
  return g_strdup_printf ("rgb(%d,%d,%d)", (int) (red * 255 + 0.5), (int) (green * 255 + 0.5),
                          (int) (blue * 255 + 0.5));
}

/**
 * moat_risk_style_ensure:
 *
 * Installs the ".risk-LEVEL" colour classes on the default display, once.
 */
void
moat_risk_style_ensure (void)
{
  static GtkCssProvider *provider;
  g_autoptr(GString) css = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (provider != NULL || display == NULL)
    return;

  css = g_string_new (NULL);
  for (MoatRiskLevel level = MOAT_RISK_LOW; level < MOAT_RISK_N_LEVELS; level++)
    {
      double r, g, b;
      g_autofree char *fill = NULL;
      g_autofree char *text = NULL;

      moat_risk_level_get_rgb (level, &r, &g, &b);
      fill = css_rgb (r, g, b);
      moat_risk_level_get_text_rgb (level, &r, &g, &b);
      text = css_rgb (r, g, b);
      g_string_append_printf (css, ".risk-%s { background-color: %s; color: %s; }\n",
                              moat_risk_level_get_nick (level), fill, text);
    }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
update (MoatRiskChip *self)
{
  for (MoatRiskLevel level = MOAT_RISK_LOW; level < MOAT_RISK_N_LEVELS; level++)
    {
      g_autofree char *class = g_strconcat ("risk-", moat_risk_level_get_nick (level), NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self), class);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->level >= 0);
  if (self->level < 0)
    return;

  {
    g_autofree char *class = g_strconcat ("risk-", moat_risk_level_get_nick (self->level), NULL);
    g_autofree char *spoken = g_strdup_printf (_("Risk: %s"), moat_risk_level_get_label (self->level));

    gtk_widget_add_css_class (GTK_WIDGET (self), class);
    gtk_label_set_label (GTK_LABEL (self->label), moat_risk_level_get_label (self->level));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
}

int
moat_risk_chip_get_level (MoatRiskChip *self)
{
  g_return_val_if_fail (MOAT_IS_RISK_CHIP (self), -1);

  return self->level;
}

void
moat_risk_chip_set_level (MoatRiskChip *self,
                          int           level)
{
  g_return_if_fail (MOAT_IS_RISK_CHIP (self));
  g_return_if_fail (level >= -1 && level < MOAT_RISK_N_LEVELS);

  if (self->level == level)
    return;
  self->level = level;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

/* Closed threats keep their colour, faded, so the eye skips them. */
void
moat_risk_chip_set_dimmed (MoatRiskChip *self,
                           gboolean      dimmed)
{
  g_return_if_fail (MOAT_IS_RISK_CHIP (self));

  if (dimmed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dimmed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dimmed");
}

GtkWidget *
moat_risk_chip_new (void)
{
  return g_object_new (MOAT_TYPE_RISK_CHIP, NULL);
}

static void
moat_risk_chip_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MoatRiskChip *self = MOAT_RISK_CHIP (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_risk_chip_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MoatRiskChip *self = MOAT_RISK_CHIP (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      moat_risk_chip_set_level (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_risk_chip_dispose (GObject *object)
{
  MoatRiskChip *self = MOAT_RISK_CHIP (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (moat_risk_chip_parent_class)->dispose (object);
}

static void
moat_risk_chip_class_init (MoatRiskChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_risk_chip_dispose;
  object_class->get_property = moat_risk_chip_get_property;
  object_class->set_property = moat_risk_chip_set_property;

  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, -1, MOAT_RISK_N_LEVELS - 1, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "riskchip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
moat_risk_chip_init (MoatRiskChip *self)
{
  moat_risk_style_ensure ();
  self->level = -1;
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "risk-chip");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
