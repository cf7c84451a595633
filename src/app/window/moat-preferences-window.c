/* moat-preferences-window.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its GSettings key, so a change applies at once
 * everywhere and there is nothing to save.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-library-page.h"
#include "moat-preferences-window.h"
#include "moat-window.h"

struct _MoatPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template children */
  AdwComboRow          *style_row;
  GtkSwitch            *grid_switch;
  GtkSwitch            *snap_switch;
  GtkSpinButton        *grid_spin;
  GtkSwitch            *stride_switch;
  GtkSwitch            *context_switch;
  GtkSwitch            *linddun_switch;
  GtkSpinButton        *scale_spin;
  GtkSpinButton        *minutes_spin;
  MoatLibraryPage      *library_page;
};

G_DEFINE_FINAL_TYPE (MoatPreferencesWindow, moat_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Positions in the style row, in the order of its items. */
static const char *styles[] = { "default", "light", "dark" };

static gboolean
style_to_row (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_str_equal (style, styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
row_to_style (const GValue       *value,
              const GVariantType *type,
              gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (index < G_N_ELEMENTS (styles) ? styles[index] : styles[0]);
}

static GtkSwitch *
rule_set_switch (MoatPreferencesWindow *self,
                 const char            *id)
{
  if (g_str_equal (id, "stride"))
    return self->stride_switch;
  if (g_str_equal (id, "context"))
    return self->context_switch;
  if (g_str_equal (id, "linddun"))
    return self->linddun_switch;
  return NULL;
}

static const char *rule_sets[] = { "stride", "context", "linddun" };

static void
load_rule_sets (MoatPreferencesWindow *self)
{
  g_auto(GStrv) enabled = g_settings_get_strv (self->settings, "enabled-rule-sets");

  for (guint i = 0; i < G_N_ELEMENTS (rule_sets); i++)
    gtk_switch_set_active (rule_set_switch (self, rule_sets[i]),
                           g_strv_contains ((const char * const *) enabled, rule_sets[i]));
}

/* Rule sets Moat does not know (from a newer version, say) are kept. */
static void
store_rule_sets (MoatPreferencesWindow *self)
{
  g_auto(GStrv) enabled = g_settings_get_strv (self->settings, "enabled-rule-sets");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; enabled[i] != NULL; i++)
    if (rule_set_switch (self, enabled[i]) == NULL)
      g_strv_builder_add (builder, enabled[i]);
  for (guint i = 0; i < G_N_ELEMENTS (rule_sets); i++)
    if (gtk_switch_get_active (rule_set_switch (self, rule_sets[i])))
      g_strv_builder_add (builder, rule_sets[i]);

  result = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "enabled-rule-sets", (const char * const *) result);
}

static void
bind_settings (MoatPreferencesWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "style-variant", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_to_row, row_to_style, NULL, NULL);
  g_settings_bind (self->settings, "show-grid", self->grid_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-grid", self->snap_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "grid-size", self->grid_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "presentation-text-scale", self->scale_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "workshop-minutes", self->minutes_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  load_rule_sets (self);
  g_signal_connect_object (self->settings, "changed::enabled-rule-sets",
                           G_CALLBACK (load_rule_sets), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (rule_sets); i++)
    g_signal_connect_object (rule_set_switch (self, rule_sets[i]), "notify::active",
                             G_CALLBACK (store_rule_sets), self, G_CONNECT_SWAPPED);
}

static void
moat_preferences_window_constructed (GObject *object)
{
  MoatPreferencesWindow *self = MOAT_PREFERENCES_WINDOW (object);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  G_OBJECT_CLASS (moat_preferences_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    bind_settings (self);
  moat_library_page_set_settings (self->library_page, self->settings);
  if (MOAT_IS_WINDOW (parent))
    {
      /* The page switches the model's rule sets through the window's actions. */
      gtk_widget_insert_action_group (GTK_WIDGET (self), "win", G_ACTION_GROUP (parent));
      moat_library_page_set_model (self->library_page, moat_window_get_model (MOAT_WINDOW (parent)));
    }
}

static void
moat_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  MoatPreferencesWindow *self = MOAT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_preferences_window_dispose (GObject *object)
{
  MoatPreferencesWindow *self = MOAT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (moat_preferences_window_parent_class)->dispose (object);
}

static void
moat_preferences_window_class_init (MoatPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = moat_preferences_window_constructed;
  object_class->set_property = moat_preferences_window_set_property;
  object_class->dispose = moat_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_LIBRARY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/window/moat-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, grid_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, grid_spin);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, stride_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, context_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, linddun_switch);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MoatPreferencesWindow, library_page);
}

static void
moat_preferences_window_init (MoatPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * moat_preferences_window_new:
 * @settings: (nullable): Moat's settings; without them the rows do nothing
 */
GtkWidget *
moat_preferences_window_new (GtkWindow *parent,
                             GSettings *settings)
{
  return g_object_new (MOAT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "settings", settings,
                       NULL);
}
