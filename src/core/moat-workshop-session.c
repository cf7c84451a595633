/* moat-workshop-session.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-workshop-session.h"

struct _MoatWorkshopSession
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopSession, moat_workshop_session, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_STARTED,
  PROP_DURATION,
  PROP_PLANNED_MINUTES,
  PROP_STAGE,
  PROP_PARTICIPANTS,
  PROP_ANSWER_WORKING,
  PROP_ANSWER_WRONG,
  PROP_ANSWER_DOING,
  PROP_ANSWER_GOOD,
  PROP_CONSENSUS,
  PROP_DISSENT,
  PROP_FOLLOW_UPS,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_workshop_session_class_init (MoatWorkshopSessionClass *klass)
{
  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_STARTED] = moat_param_spec_timestamp ("started", NULL);
  properties[PROP_DURATION] = moat_field_int ("duration", 0, 1000000000, 0);
  properties[PROP_PLANNED_MINUTES] = moat_field_int ("planned-minutes", 1, 1440, 30);
  properties[PROP_STAGE] = moat_field_int ("stage", 0, 4, 0);
  properties[PROP_PARTICIPANTS] = moat_field_variant ("participants", "a(ss)");
  properties[PROP_ANSWER_WORKING] = moat_field_string ("answer-working");
  properties[PROP_ANSWER_WRONG] = moat_field_string ("answer-wrong");
  properties[PROP_ANSWER_DOING] = moat_field_string ("answer-doing");
  properties[PROP_ANSWER_GOOD] = moat_field_string ("answer-good");
  properties[PROP_CONSENSUS] = moat_field_enum ("consensus", MOAT_TYPE_CONSENSUS, MOAT_CONSENSUS_UNDECIDED);
  properties[PROP_DISSENT] = moat_field_string ("dissent");
  properties[PROP_FOLLOW_UPS] = moat_field_string ("follow-ups");
  properties[PROP_SUMMARY] = moat_field_string ("summary");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "workshop_session", "workshop_sessions",
                             properties, N_PROPS);
}

static void
moat_workshop_session_init (MoatWorkshopSession *self)
{
}

MoatWorkshopSession *
moat_workshop_session_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_SESSION, NULL);
}

const char *
moat_workshop_session_get_title (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TITLE);
}

gint64
moat_workshop_session_get_started (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), 0);

  return g_value_get_int64 (moat_object_peek_value (MOAT_OBJECT (self), properties[PROP_STARTED]));
}

int
moat_workshop_session_get_duration (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_DURATION);
}

int
moat_workshop_session_get_planned_minutes (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_PLANNED_MINUTES);
}

int
moat_workshop_session_get_stage (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_STAGE);
}

GVariant *
moat_workshop_session_get_participants (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_variant (MOAT_OBJECT (self), PROP_PARTICIPANTS);
}

const char *
moat_workshop_session_get_answer_working (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_ANSWER_WORKING);
}

const char *
moat_workshop_session_get_answer_wrong (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_ANSWER_WRONG);
}

const char *
moat_workshop_session_get_answer_doing (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_ANSWER_DOING);
}

const char *
moat_workshop_session_get_answer_good (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_ANSWER_GOOD);
}

MoatConsensus
moat_workshop_session_get_consensus (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_CONSENSUS);
}

const char *
moat_workshop_session_get_dissent (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DISSENT);
}

const char *
moat_workshop_session_get_follow_ups (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_FOLLOW_UPS);
}

const char *
moat_workshop_session_get_summary (MoatWorkshopSession *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_SESSION (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_SUMMARY);
}
