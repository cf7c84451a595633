/* moat-workshop-reflection.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on the overview page, text reaches the model when the writer pauses
 * or leaves the field, so one burst of typing is one step of undo.
 * Roles are stored by key (developer, architect, security, product) and
 * shown in the reader's language.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-field-binder.h"
#include "moat-workshop-columns.h"
#include "moat-workshop-participant-row.h"
#include "moat-workshop-reflection.h"
#include "moat-workshop-util.h"


static const struct {
  const char *key;
  const char *label;
} roles[] = {
  { "developer", N_("Developer") },
  { "architect", N_("Architect") },
  { "security", N_("Security") },
  { "product", N_("Product") },
};

static const char *text_fields[] = {
  "answer-working", "answer-wrong", "answer-doing", "answer-good", "dissent", "follow-ups",
};

struct _MoatWorkshopReflection
{
  GtkWidget            parent_instance;

  MoatWorkshopSession *session;
  MoatFieldBinder     *texts;
  gboolean             showing;

  /* template children */
  GtkWidget           *scroller;
  GtkTextView         *working_view;
  GtkTextView         *wrong_view;
  GtkTextView         *doing_view;
  GtkTextView         *good_view;
  GtkTextView         *dissent_view;
  GtkTextView         *follow_ups_view;
  GtkListBox          *participant_list;
  GtkEntry            *name_entry;
  GtkDropDown         *role_dropdown;
  GtkToggleButton     *undecided_button;
  GtkToggleButton     *good_enough_button;
  GtkToggleButton     *not_good_enough_button;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopReflection, moat_workshop_reflection, GTK_TYPE_WIDGET)

/**
 * moat_workshop_role_get_label:
 *
 * Returns: the role's name in the reader's language; a role Moat does not
 *   know is shown as it was written
 */
const char *
moat_workshop_role_get_label (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_strcmp0 (roles[i].key, role) == 0)
      return _(roles[i].label);
  return role != NULL ? role : "";
}

/**
 * moat_workshop_reflection_commit:
 *
 * Writes what is being typed to the session now.
 */
void
moat_workshop_reflection_commit (MoatWorkshopReflection *self)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_REFLECTION (self));

  moat_field_binder_commit (self->texts);
}

static void
on_remove (MoatWorkshopReflection     *self,
           MoatWorkshopParticipantRow *row)
{
  moat_workshop_reflection_remove_participant (self, moat_workshop_participant_row_get_index (row));
}

static GtkWidget *
participant_row (MoatWorkshopReflection *self,
                 const char             *name,
                 const char             *role,
                 guint                   index)
{
  GtkWidget *row = moat_workshop_participant_row_new (name, role, index);

  g_signal_connect_object (row, "remove", G_CALLBACK (on_remove), self, G_CONNECT_SWAPPED);
  return row;
}

static void
show_participants (MoatWorkshopReflection *self)
{
  GVariant *participants = self->session ? moat_workshop_session_get_participants (self->session) : NULL;
  GtkListBoxRow *row;
  GVariantIter iter;
  const char *name, *role;
  guint index = 0;

  /* Rows only: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (self->participant_list, 0)) != NULL)
    gtk_list_box_remove (self->participant_list, GTK_WIDGET (row));
  if (participants == NULL)
    return;

  g_variant_iter_init (&iter, participants);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &role))
    gtk_list_box_append (self->participant_list, participant_row (self, name, role, index++));
}

static void
show_consensus (MoatWorkshopReflection *self)
{
  MoatConsensus consensus = self->session ? moat_workshop_session_get_consensus (self->session)
                                          : MOAT_CONSENSUS_UNDECIDED;

  gtk_toggle_button_set_active (self->undecided_button, consensus == MOAT_CONSENSUS_UNDECIDED);
  gtk_toggle_button_set_active (self->good_enough_button, consensus == MOAT_CONSENSUS_GOOD_ENOUGH);
  gtk_toggle_button_set_active (self->not_good_enough_button,
                                consensus == MOAT_CONSENSUS_NOT_GOOD_ENOUGH);
}

static void
show_session (MoatWorkshopReflection *self)
{
  self->showing = TRUE;
  show_participants (self);
  show_consensus (self);
  self->showing = FALSE;
}

static void
on_consensus_toggled (MoatWorkshopReflection *self,
                      GtkToggleButton        *button)
{
  MoatConsensus consensus;

  if (self->showing || self->session == NULL || !gtk_toggle_button_get_active (button))
    return;
  if (button == self->good_enough_button)
    consensus = MOAT_CONSENSUS_GOOD_ENOUGH;
  else if (button == self->not_good_enough_button)
    consensus = MOAT_CONSENSUS_NOT_GOOD_ENOUGH;
  else
    consensus = MOAT_CONSENSUS_UNDECIDED;
  if (moat_workshop_session_get_consensus (self->session) != consensus)
    g_object_set (self->session, "consensus", consensus, NULL);
}

static GVariant *
participants_with (MoatWorkshopReflection *self,
                   const char             *name,
                   const char             *role,
                   int                     without)
{
  GVariant *participants = moat_workshop_session_get_participants (self->session);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ss)"));
  GVariantIter iter;
  const char *n, *r;
  int index = 0;

  if (participants != NULL)
    {
      g_variant_iter_init (&iter, participants);
      while (g_variant_iter_next (&iter, "(&s&s)", &n, &r))
        if (index++ != without)
          g_variant_builder_add (&builder, "(ss)", n, r);
    }
  if (name != NULL)
    g_variant_builder_add (&builder, "(ss)", name, role);
  return g_variant_builder_end (&builder);
}

/**
 * moat_workshop_reflection_add_participant:
 * @role: developer, architect, security, product, or a role of the
 *   team's own
 */
void
moat_workshop_reflection_add_participant (MoatWorkshopReflection *self,
                                          const char             *name,
                                          const char             *role)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (MOAT_IS_WORKSHOP_REFLECTION (self));
  g_return_if_fail (name != NULL && role != NULL);

  clean = g_strstrip (g_strdup (name));
  if (self->session == NULL || clean[0] == '\0')
    return;
  g_object_set (self->session, "participants", participants_with (self, clean, role, -1), NULL);
}

void
moat_workshop_reflection_remove_participant (MoatWorkshopReflection *self,
                                             guint                   index)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_REFLECTION (self));

  if (self->session == NULL)
    return;
  g_object_set (self->session, "participants", participants_with (self, NULL, NULL, index), NULL);
}

static void
on_add_participant (MoatWorkshopReflection *self)
{
  guint role = gtk_drop_down_get_selected (self->role_dropdown);

  if (role >= G_N_ELEMENTS (roles))
    role = 0;
  moat_workshop_reflection_add_participant (self, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                                                  roles[role].key);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

/**
 * moat_workshop_reflection_set_session:
 * @session: (nullable): a session in a model
 */
void
moat_workshop_reflection_set_session (MoatWorkshopReflection *self,
                                      MoatWorkshopSession    *session)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_REFLECTION (self));

  if (self->session != NULL)
    {
      moat_workshop_reflection_commit (self);
      g_signal_handlers_disconnect_by_data (self->session, self);
    }
  g_set_object (&self->session, session);
  moat_field_binder_set_object (self->texts, MOAT_OBJECT (session));
  if (session != NULL)
    g_signal_connect_object (session, "notify", G_CALLBACK (show_session), self, G_CONNECT_SWAPPED);
  show_session (self);
}

/* The team's answers reach the session as the binder writes text: on
 * leaving a field or a pause in typing, one burst of typing one undo step. */
static void
bind_texts (MoatWorkshopReflection *self)
{
  GtkTextView *views[] = {
    self->working_view, self->wrong_view, self->doing_view, self->good_view, self->dissent_view,
    self->follow_ups_view,
  };

  self->texts = moat_field_binder_new ();
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    moat_field_binder_bind (self->texts, GTK_WIDGET (views[i]), text_fields[i]);
}

static void
fill_roles (MoatWorkshopReflection *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (labels, _(roles[i].label));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (labels));
}

static void
moat_workshop_reflection_dispose (GObject *object)
{
  MoatWorkshopReflection *self = MOAT_WORKSHOP_REFLECTION (object);

  if (self->session != NULL)
    moat_workshop_reflection_set_session (self, NULL);
  g_clear_object (&self->texts);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_REFLECTION);

  G_OBJECT_CLASS (moat_workshop_reflection_parent_class)->dispose (object);
}

static void
moat_workshop_reflection_class_init (MoatWorkshopReflectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_reflection_dispose;
  g_type_ensure (MOAT_TYPE_WORKSHOP_COLUMNS);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-reflection.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, scroller);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, working_view);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, wrong_view);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, doing_view);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, good_view);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, dissent_view);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, follow_ups_view);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, participant_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, undecided_button);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, good_enough_button);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopReflection, not_good_enough_button);
  gtk_widget_class_bind_template_callback (widget_class, on_consensus_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_add_participant);
}

static void
moat_workshop_reflection_init (MoatWorkshopReflection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_roles (self);
  bind_texts (self);
  show_session (self);
}

GtkWidget *
moat_workshop_reflection_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_REFLECTION, NULL);
}
