/* moat-workshop-chooser.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the capture box, so it takes the workshop's text scale and
 * reads on a projector. The first row is selected and focused, so Enter
 * alone links the control to the element's worst threat.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-chooser.h"
#include "moat-workshop-threat-row.h"
#include "moat-workshop-util.h"

/* Keys 1 to 9 pick the first nine rows; 0 picks "no particular threat". */
#define N_NUMBERED 9

struct _MoatWorkshopChooser
{
  GtkWidget      parent_instance;

  GPtrArray     *threats;   /* of MoatThreat, the rows' order */

  /* template children */
  GtkWidget     *box;
  GtkLabel      *heading;
  GtkListBox    *list;
  GtkListBoxRow *none_row;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopChooser, moat_workshop_chooser, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHOSEN,
  SIGNAL_CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
threat_row (MoatModel  *model,
            MoatThreat *threat,
            guint       index)
{
  g_autofree char *number = index < N_NUMBERED ? g_strdup_printf ("%u", index + 1) : g_strdup ("");
  GtkWidget *row = moat_workshop_threat_row_new (model, threat, MOAT_WORKSHOP_THREAT_CATEGORY,
                                                 MOAT_WORKSHOP_RESIDUAL_NEVER);

  moat_workshop_threat_row_set_number (MOAT_WORKSHOP_THREAT_ROW (row), number, GTK_ALIGN_CENTER);
  return row;
}

/* The threats' rows go; the template's row for none stays, last. */
static void
clear_rows (MoatWorkshopChooser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != GTK_WIDGET (self->none_row))
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->threats, 0);
}

/**
 * moat_workshop_chooser_ask:
 * @threats: (element-type MoatThreat): the threats to offer, in order
 * @control_title: the control being captured, for the question
 *
 * Shows the question with a row per threat and one for none, the first
 * selected and focused.
 */
void
moat_workshop_chooser_ask (MoatWorkshopChooser *self,
                           MoatModel           *model,
                           GPtrArray           *threats,
                           const char          *control_title)
{
  g_autofree char *question = NULL;
  GtkListBoxRow *first;

  g_return_if_fail (MOAT_IS_WORKSHOP_CHOOSER (self));
  g_return_if_fail (MOAT_IS_MODEL (model));

  clear_rows (self);
  /* Translators: asked in a workshop; %s is the control just typed */
  question = g_strdup_printf (_("Which threat does “%s” address?"), control_title);
  gtk_label_set_text (self->heading, question);
  for (guint i = 0; i < threats->len; i++)
    {
      g_ptr_array_add (self->threats, g_object_ref (threats->pdata[i]));
      gtk_list_box_insert (self->list, threat_row (model, threats->pdata[i], i), (int) i);
    }

  first = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_list_box_select_row (self->list, first);
  gtk_widget_grab_focus (GTK_WIDGET (first));
}

/**
 * moat_workshop_chooser_get_n_items:
 *
 * Returns: the rows: the threats, and the last for none
 */
guint
moat_workshop_chooser_get_n_items (MoatWorkshopChooser *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_CHOOSER (self), 0);

  return self->threats->len + 1;
}

/**
 * moat_workshop_chooser_get_threat:
 *
 * Returns: (transfer none) (nullable): the threat on row @position, or
 *   %NULL for the last row (none)
 */
MoatThreat *
moat_workshop_chooser_get_threat (MoatWorkshopChooser *self,
                                  guint                position)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_CHOOSER (self), NULL);

  return position < self->threats->len ? self->threats->pdata[position] : NULL;
}

void
moat_workshop_chooser_choose (MoatWorkshopChooser *self,
                              guint                position)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_CHOOSER (self));

  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, moat_workshop_chooser_get_threat (self, position));
}

/**
 * moat_workshop_chooser_get_list:
 *
 * Returns: (transfer none): the rows
 */
GtkListBox *
moat_workshop_chooser_get_list (MoatWorkshopChooser *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_CHOOSER (self), NULL);

  return self->list;
}

static void
on_row_activated (MoatWorkshopChooser *self,
                  GtkListBoxRow       *row)
{
  moat_workshop_chooser_choose (self, gtk_list_box_row_get_index (row));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MoatWorkshopChooser   *self)
{
  guint digit;

  if (keyval == GDK_KEY_Escape)
    {
      g_signal_emit (self, signals[SIGNAL_CANCELLED], 0);
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_0;
  else if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_0;
  else
    return FALSE;

  if (digit == 0)
    moat_workshop_chooser_choose (self, self->threats->len);
  else if (digit <= MIN (self->threats->len, N_NUMBERED))
    moat_workshop_chooser_choose (self, digit - 1);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

static void
moat_workshop_chooser_dispose (GObject *object)
{
  MoatWorkshopChooser *self = MOAT_WORKSHOP_CHOOSER (object);

  g_clear_pointer (&self->threats, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_CHOOSER);

  G_OBJECT_CLASS (moat_workshop_chooser_parent_class)->dispose (object);
}

static void
moat_workshop_chooser_class_init (MoatWorkshopChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_chooser_dispose;

  /**
   * MoatWorkshopChooser::chosen:
   * @threat: (nullable): the threat picked, or %NULL for none
   */
  signals[SIGNAL_CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_THREAT);
  /**
   * MoatWorkshopChooser::cancelled:
   *
   * Escape: back to the text, which is kept.
   */
  signals[SIGNAL_CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopChooser, box);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopChooser, heading);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopChooser, list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopChooser, none_row);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
moat_workshop_chooser_init (MoatWorkshopChooser *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->threats = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
moat_workshop_chooser_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_CHOOSER, NULL);
}
