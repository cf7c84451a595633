/* moat-estate-trends.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The events come from the change log where it has them, and from the
 * objects' own dates where it does not (a model imported from JSON, or
 * objects older than the log). Whether a threat is severe is its risk as
 * the one risk assessment (moat_risk_assess_all()) gives it now (its
 * residual risk while it is open, its inherent risk once decided): the
 * log does not say what the assets and controls were months ago, and a
 * risk worked out any other way would disagree with every other view.
 */

#include "config.h"

#include "moat-estate-trends.h"
#include "moat-object.h"
#include "moat-risk.h"
#include "moat-store.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64) 86400)

struct _MoatEstateTrends
{
  GObject  parent_instance;
  GArray  *events;
};

G_DEFINE_FINAL_TYPE (MoatEstateTrends, moat_estate_trends, G_TYPE_OBJECT)

/* What the log has said so far of one threat or control. */
typedef struct
{
  gint64   added;
  gboolean open;   /* a threat: open; a control: not yet done */
} Track;

typedef struct
{
  MoatModel  *model;
  GHashTable *assessments;
  GHashTable *threats;   /* id → Track */
  GHashTable *controls;  /* id → Track */
  GArray     *events;
} LogReader;

static void
add_event (GArray              *events,
           gint64               time,
           MoatEstateEventKind  kind,
           gboolean             severe,
           gint64               age)
{
  MoatEstateEvent event = { time, kind, severe, age };

  g_array_append_val (events, event);
}

static gboolean
is_severe (LogReader  *reader,
           const char *threat_id)
{
  MoatRiskAssessment *a = g_hash_table_lookup (reader->assessments, threat_id);

  /* A decided threat was at its inherent risk while it was open: the
   * controls that decided it came when it closed. */
  return a != NULL && (a->open ? a->residual_level : a->level) >= MOAT_RISK_HIGH;
}

static gboolean
control_status_is_done (const char *nick)
{
  return g_strcmp0 (nick, "implemented") == 0 || g_strcmp0 (nick, "verified") == 0;
}

static gint64
created_or (MoatModel  *model,
            const char *id,
            gint64      fallback)
{
  MoatObject *object = moat_model_lookup (model, id);

  return object != NULL ? moat_object_get_created (object) : fallback;
}

/* A threat the log first names in a change of status: it was there
 * before the log began, in the state the change starts from. */
static Track *
track_threat (LogReader    *reader,
              MoatLogEntry *entry)
{
  Track *track = g_hash_table_lookup (reader->threats, entry->object_id);

  if (track != NULL)
    return track;

  track = g_new0 (Track, 1);
  track->added = created_or (reader->model, entry->object_id, entry->time);
  track->open = g_strcmp0 (entry->old_value, "open") == 0;
  g_hash_table_insert (reader->threats, g_strdup (entry->object_id), track);
  if (track->open)
    add_event (reader->events, track->added, MOAT_ESTATE_EVENT_THREAT_OPENED,
               is_severe (reader, entry->object_id), -1);
  return track;
}

static void
set_threat_open (LogReader  *reader,
                 const char *id,
                 Track      *track,
                 gboolean    open,
                 gboolean    mitigated,
                 gint64      time)
{
  gboolean severe = is_severe (reader, id);

  if (track->open && !open)
    add_event (reader->events, time, MOAT_ESTATE_EVENT_THREAT_CLOSED, severe,
               mitigated ? MAX (time - track->added, 0) : -1);
  else if (!track->open && open)
    add_event (reader->events, time, MOAT_ESTATE_EVENT_THREAT_REOPENED, severe, -1);
  track->open = open;
}

static void
read_threat_entry (LogReader    *reader,
                   MoatLogEntry *entry)
{
  Track *track;

  if (entry->field == NULL && entry->new_value != NULL)
    {
      track = g_new0 (Track, 1);
      track->added = entry->time;
      track->open = TRUE;
      g_hash_table_replace (reader->threats, g_strdup (entry->object_id), track);
      add_event (reader->events, entry->time, MOAT_ESTATE_EVENT_THREAT_OPENED,
                 is_severe (reader, entry->object_id), -1);
    }
  else if (entry->field == NULL)
    {
      track = g_hash_table_lookup (reader->threats, entry->object_id);
      if (track != NULL && track->open)
        add_event (reader->events, entry->time, MOAT_ESTATE_EVENT_THREAT_REMOVED,
                   is_severe (reader, entry->object_id), -1);
      if (track != NULL)
        track->open = FALSE;
    }
  else if (g_str_equal (entry->field, "status"))
    {
      track = track_threat (reader, entry);
      set_threat_open (reader, entry->object_id, track,
                       g_strcmp0 (entry->new_value, "open") == 0,
                       g_strcmp0 (entry->new_value, "mitigated") == 0, entry->time);
    }
}

static void
read_control_entry (LogReader    *reader,
                    MoatLogEntry *entry)
{
  Track *track = g_hash_table_lookup (reader->controls, entry->object_id);

  if (entry->field == NULL)
    {
      if (entry->new_value == NULL)
        return;
      track = g_new0 (Track, 1);
      track->added = entry->time;
      track->open = TRUE;
      g_hash_table_replace (reader->controls, g_strdup (entry->object_id), track);
      return;
    }
  if (!g_str_equal (entry->field, "status"))
    return;

  if (track == NULL)
    {
      track = g_new0 (Track, 1);
      track->open = !control_status_is_done (entry->old_value);
      g_hash_table_insert (reader->controls, g_strdup (entry->object_id), track);
    }
  if (track->open && control_status_is_done (entry->new_value))
    add_event (reader->events, entry->time, MOAT_ESTATE_EVENT_CONTROL_DONE, FALSE, -1);
  track->open = !control_status_is_done (entry->new_value);
}

/* Threats the log does not know, or knows in another state than the
 * model (an object added already decided): their own dates say the rest. */
static void
settle_threats (LogReader *reader)
{
  GListModel *threats = moat_model_get_list (reader->model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char *id = moat_object_get_id (MOAT_OBJECT (threat));
      Track *track = g_hash_table_lookup (reader->threats, id);
      gboolean open = moat_risk_threat_is_open (threat);
      gint64 modified = moat_object_get_modified (MOAT_OBJECT (threat));

      if (track == NULL)
        {
          track = g_new0 (Track, 1);
          track->added = moat_object_get_created (MOAT_OBJECT (threat));
          track->open = TRUE;
          g_hash_table_insert (reader->threats, g_strdup (id), track);
          add_event (reader->events, track->added, MOAT_ESTATE_EVENT_THREAT_OPENED,
                     is_severe (reader, id), -1);
        }
      if (track->open != open)
        set_threat_open (reader, id, track, open,
                         moat_threat_get_status (threat) == MOAT_THREAT_MITIGATED,
                         MAX (modified, track->added));
    }
}

static void
settle_controls (LogReader *reader)
{
  GListModel *controls = moat_model_get_list (reader->model, MOAT_TYPE_CONTROL);

  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      Track *track = g_hash_table_lookup (reader->controls, moat_object_get_id (MOAT_OBJECT (control)));
      gboolean done = moat_risk_control_steps (moat_control_get_status (control)) > 0;

      if (done && (track == NULL || track->open))
        add_event (reader->events, moat_object_get_modified (MOAT_OBJECT (control)),
                   MOAT_ESTATE_EVENT_CONTROL_DONE, FALSE, -1);
    }
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const MoatEstateEvent *x = a, *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/**
 * moat_estate_events_from_log:
 * @log: (nullable) (element-type MoatLogEntry): the model's change log,
 *   oldest first, or %NULL for a model without one
 * @assessments: what moat_risk_assess_all() gives for @model
 *
 * Returns: (transfer full) (element-type MoatEstateEvent): what happened
 *   to the model's threats and controls, oldest first
 */
GArray *
moat_estate_events_from_log (GPtrArray  *log,
                             MoatModel  *model,
                             GHashTable *assessments)
{
  g_autoptr(GHashTable) threats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) controls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  LogReader reader = { model, assessments, threats, controls,
                       g_array_new (FALSE, FALSE, sizeof (MoatEstateEvent)) };

  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      MoatLogEntry *entry = g_ptr_array_index (log, i);

      if (entry->object_id == NULL)
        continue;
      if (g_strcmp0 (entry->object_kind, "threat") == 0)
        read_threat_entry (&reader, entry);
      else if (g_strcmp0 (entry->object_kind, "control") == 0)
        read_control_entry (&reader, entry);
    }
  settle_threats (&reader);
  settle_controls (&reader);
  g_array_sort (reader.events, compare_events);
  return reader.events;
}

static void
moat_estate_trends_finalize (GObject *object)
{
  MoatEstateTrends *self = MOAT_ESTATE_TRENDS (object);

  g_clear_pointer (&self->events, g_array_unref);
  G_OBJECT_CLASS (moat_estate_trends_parent_class)->finalize (object);
}

static void
moat_estate_trends_class_init (MoatEstateTrendsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_estate_trends_finalize;
}

static void
moat_estate_trends_init (MoatEstateTrends *self)
{
  self->events = g_array_new (FALSE, FALSE, sizeof (MoatEstateEvent));
}

MoatEstateTrends *
moat_estate_trends_new (void)
{
  return g_object_new (MOAT_TYPE_ESTATE_TRENDS, NULL);
}

/* Add each system's events in the same order for the same estate: the
 * sums do not depend on it, but nothing else should either. */
void
moat_estate_trends_add_events (MoatEstateTrends *self,
                               GArray           *events)
{
  g_return_if_fail (MOAT_IS_ESTATE_TRENDS (self));

  if (events != NULL && events->len > 0)
    g_array_append_vals (self->events, events->data, events->len);
}

guint
moat_estate_trends_get_n_events (MoatEstateTrends *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_TRENDS (self), 0);

  return self->events->len;
}

/* Months counted from year 0, so that two dates compare by month. */
static int
month_index (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);

  if (date == NULL)
    return 0;
  return g_date_time_get_year (date) * 12 + g_date_time_get_month (date) - 1;
}

static void
count_event (MoatEstateMonth       *month,
             const MoatEstateEvent *event)
{
  switch (event->kind)
    {
    case MOAT_ESTATE_EVENT_THREAT_OPENED:
    case MOAT_ESTATE_EVENT_THREAT_REOPENED:
      month->threats_opened++;
      break;
    case MOAT_ESTATE_EVENT_THREAT_CLOSED:
      month->threats_closed++;
      break;
    case MOAT_ESTATE_EVENT_CONTROL_DONE:
      month->controls_done++;
      break;
    default:
      break;
    }
}

static int
severe_change (const MoatEstateEvent *event)
{
  if (!event->severe)
    return 0;
  switch (event->kind)
    {
    case MOAT_ESTATE_EVENT_THREAT_OPENED:
    case MOAT_ESTATE_EVENT_THREAT_REOPENED:
      return 1;
    case MOAT_ESTATE_EVENT_THREAT_CLOSED:
    case MOAT_ESTATE_EVENT_THREAT_REMOVED:
      return -1;
    default:
      return 0;
    }
}

/**
 * moat_estate_trends_get_months:
 * @now: the time whose month is the last one
 * @n_months: how many months, ending with @now's
 *
 * Returns: (transfer full) (element-type MoatEstateMonth): the months,
 *   oldest first
 */
GArray *
moat_estate_trends_get_months (MoatEstateTrends *self,
                               gint64            now,
                               guint             n_months)
{
  GArray *months = g_array_sized_new (FALSE, TRUE, sizeof (MoatEstateMonth), n_months);
  int last = month_index (now), first = last - (int) n_months + 1;
  int severe = 0;
  guint e = 0;

  g_return_val_if_fail (MOAT_IS_ESTATE_TRENDS (self), months);

  g_array_sort (self->events, compare_events);
  for (int m = first; m <= last; m++)
    {
      MoatEstateMonth month = { m / 12, m % 12 + 1, 0, 0, 0, 0 };

      for (; e < self->events->len; e++)
        {
          const MoatEstateEvent *event = &g_array_index (self->events, MoatEstateEvent, e);
          int index = month_index (event->time);

          if (index > m)
            break;
          severe += severe_change (event);
          if (index == m)
            count_event (&month, event);
        }
      month.open_severe = MAX (severe, 0);
      g_array_append_val (months, month);
    }
  return months;
}

/**
 * moat_estate_trends_get_mean_days_to_mitigate:
 * @days: (out): the mean time from a threat's creation to its mitigation
 * @n_mitigated: (out) (optional): how many mitigations it is the mean of
 *
 * Returns: whether any threat was mitigated
 */
gboolean
moat_estate_trends_get_mean_days_to_mitigate (MoatEstateTrends *self,
                                              double           *days,
                                              guint            *n_mitigated)
{
  double total = 0;
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_ESTATE_TRENDS (self), FALSE);

  for (guint i = 0; i < self->events->len; i++)
    {
      const MoatEstateEvent *event = &g_array_index (self->events, MoatEstateEvent, i);

      if (event->age < 0)
        continue;
      total += (double) event->age / USEC_PER_DAY;
      n++;
    }
  *days = n > 0 ? total / n : 0;
  if (n_mitigated != NULL)
    *n_mitigated = n;
  return n > 0;
}
