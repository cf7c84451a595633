/* moat-field-binder.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-field-binder.h"
#include "moat-limits.h"

#define TYPING_PAUSE_MS 800

typedef struct
{
  GtkWidget *widget;     /* unowned: the editor owns its widgets */
  char      *property;
  guint      pause_source;
} Binding;

struct _MoatFieldBinder
{
  GObject     parent_instance;

  MoatObject *object;
  GPtrArray  *bindings;  /* of Binding */
  gboolean    loading;
};

G_DEFINE_FINAL_TYPE (MoatFieldBinder, moat_field_binder, G_TYPE_OBJECT)

static void
binding_free (Binding *binding)
{
  g_clear_handle_id (&binding->pause_source, g_source_remove);
  g_free (binding->property);
  g_free (binding);
}

static gboolean
is_text (Binding *binding)
{
  return GTK_IS_TEXT_VIEW (binding->widget)
         || (GTK_IS_EDITABLE (binding->widget) && !GTK_IS_SPIN_BUTTON (binding->widget));
}

static char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
set_widget_text (GtkWidget  *widget,
                 const char *text)
{
  g_autofree char *current = widget_text (widget);

  if (g_strcmp0 (current, text ? text : "") == 0)
    return;
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
}

/* A text view has no maximum of its own: an insertion that would pass
 * the limit keeps what fits, as an entry does, and rings the bell. */
static void
on_text_insert (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                const char    *text,
                int            length,
                GtkWidget     *view)
{
  guint max = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "moat-max-chars"));
  int room = (int) max - gtk_text_buffer_get_char_count (buffer);

  if (length < 0)
    length = (int) strlen (text);
  if (g_utf8_strlen (text, length) <= room)
    return;

  g_signal_stop_emission_by_name (buffer, "insert-text");
  gtk_widget_error_bell (view);
  if (room <= 0)
    return;
  g_signal_handlers_block_by_func (buffer, on_text_insert, view);
  gtk_text_buffer_insert (buffer, location, text, (int) (g_utf8_offset_to_pointer (text, room) - text));
  g_signal_handlers_unblock_by_func (buffer, on_text_insert, view);
}

static void
limit_text_view (GtkTextView *view,
                 guint        max_chars)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  gboolean connected = g_object_get_data (G_OBJECT (buffer), "moat-max-chars") != NULL;

  g_object_set_data (G_OBJECT (buffer), "moat-max-chars", GUINT_TO_POINTER (max_chars));
  if (!connected)
    g_signal_connect_object (buffer, "insert-text", G_CALLBACK (on_text_insert), view, 0);
}

/**
 * moat_field_binder_limit:
 * @widget: an entry, an entry row, a text view or any #GtkEditable
 * @max_chars: the most characters it takes
 *
 * A file holding a text past the limits of moat-limits.h is refused when
 * opened, so a field stops there while the user types or pastes.
 */
void
moat_field_binder_limit (GtkWidget *widget,
                         guint      max_chars)
{
  GtkEditable *editable;

  if (GTK_IS_TEXT_VIEW (widget))
    {
      limit_text_view (GTK_TEXT_VIEW (widget), max_chars);
      return;
    }
  if (!GTK_IS_EDITABLE (widget))
    return;
  editable = GTK_EDITABLE (widget);
  while (gtk_editable_get_delegate (editable) != NULL)
    editable = gtk_editable_get_delegate (editable);
  if (GTK_IS_TEXT (editable))
    gtk_text_set_max_length (GTK_TEXT (editable), (int) max_chars);
}

static void
load_binding (MoatFieldBinder *self,
              Binding         *binding)
{
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->object == NULL)
    return;
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->object), binding->property);
  g_return_if_fail (pspec != NULL);
  if (pspec->value_type == G_TYPE_STRING)
    moat_field_binder_limit (binding->widget, moat_limits_for_field (pspec));

  /* What the user is typing wins over what the object says until it is
   * written: the next notification brings them back in step. */
  if (binding->pause_source != 0)
    return;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (self->object), binding->property, &value);

  self->loading = TRUE;
  if (is_text (binding))
    set_widget_text (binding->widget, g_value_get_string (&value));
  else if (ADW_IS_COMBO_ROW (binding->widget))
    adw_combo_row_set_selected (ADW_COMBO_ROW (binding->widget), (guint) g_value_get_enum (&value));
  else if (GTK_IS_SPIN_BUTTON (binding->widget))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (binding->widget), g_value_get_int (&value));
  else if (GTK_IS_SWITCH (binding->widget))
    gtk_switch_set_active (GTK_SWITCH (binding->widget), g_value_get_boolean (&value));
  else
    g_warn_if_reached ();
  self->loading = FALSE;
}

static void
store (MoatFieldBinder *self,
       Binding         *binding)
{
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) current = G_VALUE_INIT;

  g_clear_handle_id (&binding->pause_source, g_source_remove);
  if (self->loading || self->object == NULL)
    return;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self->object), binding->property);
  g_value_init (&value, pspec->value_type);
  if (is_text (binding))
    g_value_take_string (&value, widget_text (binding->widget));
  else if (ADW_IS_COMBO_ROW (binding->widget))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (binding->widget));
      if (selected == GTK_INVALID_LIST_POSITION)
        return;
      g_value_set_enum (&value, (int) selected);
    }
  else if (GTK_IS_SPIN_BUTTON (binding->widget))
    g_value_set_int (&value, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (binding->widget)));
  else if (GTK_IS_SWITCH (binding->widget))
    g_value_set_boolean (&value, gtk_switch_get_active (GTK_SWITCH (binding->widget)));

  g_value_init (&current, pspec->value_type);
  g_object_get_property (G_OBJECT (self->object), binding->property, &current);
  if (!moat_value_equal (&current, &value))
    g_object_set_property (G_OBJECT (self->object), binding->property, &value);
}

static Binding *
find_binding (MoatFieldBinder *self,
              gpointer         widget)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);
      if (binding->widget == widget
          || (GTK_IS_TEXT_VIEW (binding->widget)
              && gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->widget)) == widget))
        return binding;
    }
  return NULL;
}

static void
on_committed (MoatFieldBinder *self,
              GtkWidget       *widget)
{
  Binding *binding = find_binding (self, widget);

  if (binding != NULL)
    store (self, binding);
}

typedef struct
{
  MoatFieldBinder *self;
  Binding         *binding;
} Pause;

static gboolean
on_typing_pause (gpointer data)
{
  Pause *pause = data;

  pause->binding->pause_source = 0;
  store (pause->self, pause->binding);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (MoatFieldBinder *self,
                 gpointer         widget_or_buffer)
{
  Binding *binding = find_binding (self, widget_or_buffer);
  Pause *pause;

  if (self->loading || binding == NULL || self->object == NULL)
    return;
  g_clear_handle_id (&binding->pause_source, g_source_remove);
  pause = g_new (Pause, 1);
  pause->self = self;
  pause->binding = binding;
  binding->pause_source = g_timeout_add_full (G_PRIORITY_DEFAULT, TYPING_PAUSE_MS, on_typing_pause,
                                              pause, g_free);
}

static void
on_focus_leave (MoatFieldBinder          *self,
                GtkEventControllerFocus  *focus)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  on_committed (self, widget);
}

static void
on_value_changed (MoatFieldBinder *self,
                  GParamSpec      *pspec,
                  GtkWidget       *widget)
{
  on_committed (self, widget);
}

static void
on_spin_value_changed (MoatFieldBinder *self,
                       GtkWidget       *widget)
{
  on_committed (self, widget);
}

/* A widget can go before the binder (a row of a list being rebuilt):
 * forget it, and whatever it still had to write. */
static void
on_widget_destroy (MoatFieldBinder *self,
                   GtkWidget       *widget)
{
  for (guint i = 0; i < self->bindings->len; i++)
    if (((Binding *) g_ptr_array_index (self->bindings, i))->widget == widget)
      {
        g_ptr_array_remove_index (self->bindings, i);
        return;
      }
}

/**
 * moat_field_binder_bind:
 * @widget: (transfer none): an editor widget, which must outlive the binder
 *   or be bound for the binder's lifetime
 * @property: the field it shows
 */
void
moat_field_binder_bind (MoatFieldBinder *self,
                        GtkWidget       *widget,
                        const char      *property)
{
  Binding *binding;

  g_return_if_fail (MOAT_IS_FIELD_BINDER (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  binding = g_new0 (Binding, 1);
  binding->widget = widget;
  binding->property = g_strdup (property);
  g_ptr_array_add (self->bindings, binding);
  g_signal_connect_object (widget, "destroy", G_CALLBACK (on_widget_destroy), self, G_CONNECT_SWAPPED);

  if (is_text (binding))
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (widget, focus);
      if (GTK_IS_TEXT_VIEW (widget))
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                                 G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
      else
        g_signal_connect_object (widget, "changed", G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
      if (ADW_IS_ENTRY_ROW (widget))
        {
          g_signal_connect_object (widget, "apply", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (widget, "entry-activated", G_CALLBACK (on_committed), self,
                                   G_CONNECT_SWAPPED);
        }
      else if (GTK_IS_ENTRY (widget))
        g_signal_connect_object (widget, "activate", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
    }
  else if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect_object (widget, "notify::selected", G_CALLBACK (on_value_changed), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_object (widget, "value-changed", G_CALLBACK (on_spin_value_changed), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SWITCH (widget))
    g_signal_connect_object (widget, "notify::active", G_CALLBACK (on_value_changed), self,
                             G_CONNECT_SWAPPED);
  else
    g_critical ("%s: cannot bind a %s", G_STRFUNC, G_OBJECT_TYPE_NAME (widget));

  load_binding (self, binding);
}

static void
on_object_notify (MoatFieldBinder *self,
                  GParamSpec      *pspec)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);
      if (g_str_equal (binding->property, pspec->name))
        load_binding (self, binding);
    }
}

/**
 * moat_field_binder_commit:
 *
 * Writes whatever is still being typed.
 */
void
moat_field_binder_commit (MoatFieldBinder *self)
{
  g_return_if_fail (MOAT_IS_FIELD_BINDER (self));

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);
      if (binding->pause_source != 0)
        store (self, binding);
    }
}

void
moat_field_binder_reload (MoatFieldBinder *self)
{
  g_return_if_fail (MOAT_IS_FIELD_BINDER (self));

  for (guint i = 0; i < self->bindings->len; i++)
    load_binding (self, g_ptr_array_index (self->bindings, i));
}

/**
 * moat_field_binder_set_object:
 * @object: (nullable): the object to edit
 *
 * Writes what was typed for the previous object, then shows @object.
 */
void
moat_field_binder_set_object (MoatFieldBinder *self,
                              MoatObject      *object)
{
  g_return_if_fail (MOAT_IS_FIELD_BINDER (self));

  if (self->object == object)
    return;
  moat_field_binder_commit (self);
  if (self->object != NULL)
    g_signal_handlers_disconnect_by_data (self->object, self);
  g_set_object (&self->object, object);
  if (object != NULL)
    g_signal_connect_object (object, "notify", G_CALLBACK (on_object_notify), self, G_CONNECT_SWAPPED);
  moat_field_binder_reload (self);
}

MoatObject *
moat_field_binder_get_object (MoatFieldBinder *self)
{
  g_return_val_if_fail (MOAT_IS_FIELD_BINDER (self), NULL);

  return self->object;
}

static void
moat_field_binder_dispose (GObject *object)
{
  MoatFieldBinder *self = MOAT_FIELD_BINDER (object);

  if (self->object != NULL)
    g_signal_handlers_disconnect_by_data (self->object, self);
  g_clear_object (&self->object);
  if (self->bindings != NULL)
    g_ptr_array_set_size (self->bindings, 0);

  G_OBJECT_CLASS (moat_field_binder_parent_class)->dispose (object);
}

static void
moat_field_binder_finalize (GObject *object)
{
  MoatFieldBinder *self = MOAT_FIELD_BINDER (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (moat_field_binder_parent_class)->finalize (object);
}

static void
moat_field_binder_class_init (MoatFieldBinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_field_binder_dispose;
  object_class->finalize = moat_field_binder_finalize;
}

static void
moat_field_binder_init (MoatFieldBinder *self)
{
  self->bindings = g_ptr_array_new_with_free_func ((GDestroyNotify) binding_free);
}

MoatFieldBinder *
moat_field_binder_new (void)
{
  return g_object_new (MOAT_TYPE_FIELD_BINDER, NULL);
}
