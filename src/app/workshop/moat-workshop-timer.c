/* moat-workshop-timer.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The warning is gentle on purpose: the timer changes colour and says so
 * once, in the last minutes; it never stops the workshop.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-timer.h"

#define TICK_MS 250

struct _MoatWorkshopTimer
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *less_button;
  GtkWidget *more_button;

  int        planned_minutes;
  gint64     started;      /* monotonic; 0 while stopped */
  gint64     stopped_at;   /* the elapsed time when it was stopped */
  guint      tick_source;
  gboolean   warning;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopTimer, moat_workshop_timer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLANNED_MINUTES,
  PROP_WARNING,
  N_PROPS
};

enum {
  SIGNAL_WARN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gint64
elapsed_seconds (MoatWorkshopTimer *self)
{
  if (self->started == 0)
    return self->stopped_at;
  return (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
}

/**
 * moat_workshop_timer_get_remaining:
 *
 * Returns: the seconds left, negative once the time is over
 */
gint64
moat_workshop_timer_get_remaining (MoatWorkshopTimer *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_TIMER (self), 0);

  return (gint64) self->planned_minutes * 60 - elapsed_seconds (self);
}

static char *
format_time (gint64 seconds)
{
  gint64 magnitude = ABS (seconds);
  gint64 hours = magnitude / 3600;
  gint64 minutes = magnitude / 60 % 60;

  if (hours > 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                            seconds < 0 ? "−" : "", hours, minutes, magnitude % 60);
  return g_strdup_printf ("%s%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                          seconds < 0 ? "−" : "", minutes, magnitude % 60);
}

static void
set_warning (MoatWorkshopTimer *self,
             gboolean           warning)
{
  if (self->warning == warning)
    return;
  self->warning = warning;
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self), "timer-warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "timer-warning");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING]);
  if (warning)
    g_signal_emit (self, signals[SIGNAL_WARN], 0);
}

static void
update (MoatWorkshopTimer *self)
{
  gint64 remaining = moat_workshop_timer_get_remaining (self);
  g_autofree char *text = format_time (remaining);
  g_autofree char *description = NULL;
  gboolean can_shorten;

  gtk_label_set_text (GTK_LABEL (self->label), text);
  if (remaining < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "timer-over");
      description = g_strdup_printf (_("%s over time"), text + strlen ("−"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "timer-over");
      description = g_strdup_printf (_("%s left"), text);
    }
  gtk_widget_set_tooltip_text (self->label, description);
  set_warning (self, self->started != 0 && remaining <= MOAT_WORKSHOP_TIMER_WARNING_SECONDS);
  can_shorten = self->planned_minutes > MOAT_WORKSHOP_TIMER_STEP_MINUTES;
  /* Focus moves on before − turns insensitive, so it is not lost. */
  if (!can_shorten && gtk_widget_is_focus (self->less_button))
    gtk_widget_grab_focus (self->more_button);
  gtk_widget_set_sensitive (self->less_button, can_shorten);
}

static gboolean
on_tick (gpointer data)
{
  update (MOAT_WORKSHOP_TIMER (data));
  return G_SOURCE_CONTINUE;
}

void
moat_workshop_timer_start (MoatWorkshopTimer *self)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_TIMER (self));

  self->started = g_get_monotonic_time ();
  self->stopped_at = 0;
  if (self->tick_source == 0)
    self->tick_source = g_timeout_add (TICK_MS, on_tick, self);
  update (self);
}

void
moat_workshop_timer_stop (MoatWorkshopTimer *self)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_TIMER (self));

  self->stopped_at = elapsed_seconds (self);
  self->started = 0;
  g_clear_handle_id (&self->tick_source, g_source_remove);
  update (self);
}

int
moat_workshop_timer_get_planned_minutes (MoatWorkshopTimer *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_TIMER (self), 0);

  return self->planned_minutes;
}

void
moat_workshop_timer_set_planned_minutes (MoatWorkshopTimer *self,
                                         int                minutes)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_TIMER (self));

  minutes = CLAMP (minutes, 1, 1440);
  if (self->planned_minutes == minutes)
    return;
  self->planned_minutes = minutes;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLANNED_MINUTES]);
}

gboolean
moat_workshop_timer_get_warning (MoatWorkshopTimer *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_TIMER (self), FALSE);

  return self->warning;
}

static void
on_less_clicked (MoatWorkshopTimer *self)
{
  moat_workshop_timer_set_planned_minutes (self, self->planned_minutes - MOAT_WORKSHOP_TIMER_STEP_MINUTES);
}

static void
on_more_clicked (MoatWorkshopTimer *self)
{
  moat_workshop_timer_set_planned_minutes (self, self->planned_minutes + MOAT_WORKSHOP_TIMER_STEP_MINUTES);
}

static void
moat_workshop_timer_dispose (GObject *object)
{
  MoatWorkshopTimer *self = MOAT_WORKSHOP_TIMER (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_TIMER);

  G_OBJECT_CLASS (moat_workshop_timer_parent_class)->dispose (object);
}

static void
moat_workshop_timer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MoatWorkshopTimer *self = MOAT_WORKSHOP_TIMER (object);

  switch (prop_id)
    {
    case PROP_PLANNED_MINUTES:
      g_value_set_int (value, self->planned_minutes);
      break;
    case PROP_WARNING:
      g_value_set_boolean (value, self->warning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_timer_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MoatWorkshopTimer *self = MOAT_WORKSHOP_TIMER (object);

  switch (prop_id)
    {
    case PROP_PLANNED_MINUTES:
      moat_workshop_timer_set_planned_minutes (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_timer_class_init (MoatWorkshopTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_timer_dispose;
  object_class->get_property = moat_workshop_timer_get_property;
  object_class->set_property = moat_workshop_timer_set_property;

  properties[PROP_PLANNED_MINUTES] =
    g_param_spec_int ("planned-minutes", NULL, NULL, 1, 1440, 30,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNING] =
    g_param_spec_boolean ("warning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatWorkshopTimer::warn:
   *
   * Emitted when the last minutes begin.
   */
  signals[SIGNAL_WARN] =
    g_signal_new ("warn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "workshoptimer");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-timer.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopTimer, box);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopTimer, label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopTimer, less_button);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopTimer, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_less_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
}

static void
moat_workshop_timer_init (MoatWorkshopTimer *self)
{
  self->planned_minutes = 30;
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
moat_workshop_timer_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_TIMER, NULL);
}
