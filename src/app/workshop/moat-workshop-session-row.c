/* moat-workshop-session-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-reflection.h"
#include "moat-workshop-session-row.h"

struct _MoatWorkshopSessionRow
{
  AdwExpanderRow       parent_instance;

  MoatWorkshopSession *session;

  AdwActionRow        *summary;
  AdwActionRow        *participants;
  AdwActionRow        *consensus;
  AdwActionRow        *follow_ups;
  AdwActionRow        *answer_working;
  AdwActionRow        *answer_wrong;
  AdwActionRow        *answer_doing;
  AdwActionRow        *answer_good;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopSessionRow, moat_workshop_session_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_minutes (int seconds)
{
  int minutes = (seconds + 30) / 60;

  if (minutes == 0)
    return g_strdup (_("under a minute"));
  return g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
}

/**
 * moat_workshop_session_describe:
 *
 * Returns: (transfer full): when the session was held and for how long,
 *   on one line
 */
char *
moat_workshop_session_describe (MoatWorkshopSession *session)
{
  g_autoptr(GDateTime) local =
    g_date_time_new_from_unix_local (moat_workshop_session_get_started (session) / G_USEC_PER_SEC);
  g_autofree char *date = local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
  g_autofree char *took = format_minutes (moat_workshop_session_get_duration (session));
  int planned = moat_workshop_session_get_planned_minutes (session);
  GVariant *participants = moat_workshop_session_get_participants (session);
  gsize n = participants ? g_variant_n_children (participants) : 0;
  g_autofree char *people = g_strdup_printf (ngettext ("%zu participant", "%zu participants", n), n);

  if (moat_workshop_session_get_summary (session) == NULL)
    /* Translators: a workshop still running: its date and time, and who takes part */
    return g_strdup_printf (_("%s · in progress · %s"), date, people);
  /* Translators: date and time; how long it took; the minutes planned; who took part */
  return g_strdup_printf (_("%s · %s of %d planned · %s"), date, took, planned, people);
}

static char *
participants_text (MoatWorkshopSession *session)
{
  GVariant *participants = moat_workshop_session_get_participants (session);
  g_autoptr(GString) text = g_string_new (NULL);
  GVariantIter iter;
  const char *name, *role;

  if (participants == NULL)
    return NULL;
  g_variant_iter_init (&iter, participants);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &role))
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      /* Translators: a participant and their role, as in "Ana (Security)" */
      g_string_append_printf (text, _("%s (%s)"), name, moat_workshop_role_get_label (role));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
consensus_text (MoatWorkshopSession *session)
{
  const char *dissent = moat_workshop_session_get_dissent (session);
  const char *verdict;

  switch (moat_workshop_session_get_consensus (session))
    {
    case MOAT_CONSENSUS_GOOD_ENOUGH:
      verdict = _("Good enough");
      break;
    case MOAT_CONSENSUS_NOT_GOOD_ENOUGH:
      verdict = _("Not good enough");
      break;
    case MOAT_CONSENSUS_UNDECIDED:
    default:
      verdict = _("Undecided");
      break;
    }
  if (dissent == NULL || dissent[0] == '\0')
    return g_strdup (verdict);
  /* Translators: the team's verdict, then the dissent noted */
  return g_strdup_printf (_("%s. Dissent: %s"), verdict, dissent);
}

/* A detail the session has no words for is taken out, not hidden, so
 * that the last one shown gets the list's rounded end. */
static void
show_detail (MoatWorkshopSessionRow  *self,
             AdwActionRow           **row,
             const char              *text)
{
  if (*row == NULL)
    return;
  if (text != NULL && text[0] != '\0')
    {
      adw_action_row_set_subtitle (*row, text);
      return;
    }
  adw_expander_row_remove (ADW_EXPANDER_ROW (self), GTK_WIDGET (*row));
  *row = NULL;
}

static void
show_session (MoatWorkshopSessionRow *self)
{
  MoatWorkshopSession *session = self->session;
  g_autofree char *subtitle = NULL;
  g_autofree char *people = NULL;
  g_autofree char *consensus = NULL;
  const char *title;

  if (session == NULL)
    return;
  subtitle = moat_workshop_session_describe (session);
  people = participants_text (session);
  consensus = consensus_text (session);
  title = moat_workshop_session_get_title (session);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title && title[0] ? title : _("Workshop"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  show_detail (self, &self->summary, moat_workshop_session_get_summary (session));
  show_detail (self, &self->participants, people);
  show_detail (self, &self->consensus, consensus);
  show_detail (self, &self->follow_ups, moat_workshop_session_get_follow_ups (session));
  show_detail (self, &self->answer_working, moat_workshop_session_get_answer_working (session));
  show_detail (self, &self->answer_wrong, moat_workshop_session_get_answer_wrong (session));
  show_detail (self, &self->answer_doing, moat_workshop_session_get_answer_doing (session));
  show_detail (self, &self->answer_good, moat_workshop_session_get_answer_good (session));
}

static void
moat_workshop_session_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MoatWorkshopSessionRow *self = MOAT_WORKSHOP_SESSION_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_session_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MoatWorkshopSessionRow *self = MOAT_WORKSHOP_SESSION_ROW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_set_object (&self->session, g_value_get_object (value));
      show_session (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_session_row_dispose (GObject *object)
{
  MoatWorkshopSessionRow *self = MOAT_WORKSHOP_SESSION_ROW (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_SESSION_ROW);

  G_OBJECT_CLASS (moat_workshop_session_row_parent_class)->dispose (object);
}

static void
moat_workshop_session_row_class_init (MoatWorkshopSessionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_session_row_dispose;
  object_class->get_property = moat_workshop_session_row_get_property;
  object_class->set_property = moat_workshop_session_row_set_property;

  /**
   * MoatWorkshopSessionRow:session:
   *
   * The workshop shown.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, MOAT_TYPE_WORKSHOP_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-session-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, summary);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, participants);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, consensus);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, follow_ups);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, answer_working);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, answer_wrong);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, answer_doing);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopSessionRow, answer_good);
}

static void
moat_workshop_session_row_init (MoatWorkshopSessionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
moat_workshop_session_row_new (MoatWorkshopSession *session)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_SESSION_ROW, "session", session, NULL);
}
