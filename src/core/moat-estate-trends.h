/* moat-estate-trends.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "moat-model.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE_TRENDS (moat_estate_trends_get_type ())

/* How an estate changes month by month, from each model's change log:
 * threats opened and closed, controls completed, the open high and
 * critical threats at each month's end, and how long threats wait for
 * their mitigation. */
G_DECLARE_FINAL_TYPE (MoatEstateTrends, moat_estate_trends, MOAT, ESTATE_TRENDS, GObject)

typedef enum
{
  MOAT_ESTATE_EVENT_THREAT_OPENED,    /* a threat added while open */
  MOAT_ESTATE_EVENT_THREAT_CLOSED,    /* an open threat mitigated, accepted, transferred or not applicable */
  MOAT_ESTATE_EVENT_THREAT_REOPENED,  /* a decided threat open again */
  MOAT_ESTATE_EVENT_THREAT_REMOVED,   /* an open threat deleted */
  MOAT_ESTATE_EVENT_CONTROL_DONE,     /* a control implemented or verified */
} MoatEstateEventKind;

typedef struct
{
  gint64  time;      /* microseconds since 1970 UTC */
  guint8  kind;      /* MoatEstateEventKind */
  guint8  severe;    /* high or critical, as assessed now: residual if open, else inherent */
  gint64  age;       /* for a threat closed as mitigated: the time since it was added; else -1 */
} MoatEstateEvent;

typedef struct
{
  int   year;
  int   month;                /* 1 to 12 */
  guint threats_opened;       /* added, or open again */
  guint threats_closed;       /* decided */
  guint controls_done;
  guint open_severe;          /* open high and critical threats at the month's end */
} MoatEstateMonth;

GArray           *moat_estate_events_from_log       (GPtrArray        *log,
                                                     MoatModel        *model,
                                                     GHashTable       *assessments);

MoatEstateTrends *moat_estate_trends_new            (void);
void              moat_estate_trends_add_events     (MoatEstateTrends *self,
                                                     GArray           *events);
GArray           *moat_estate_trends_get_months     (MoatEstateTrends *self,
                                                     gint64            now,
                                                     guint             n_months);
gboolean          moat_estate_trends_get_mean_days_to_mitigate (MoatEstateTrends *self,
                                                                double           *days,
                                                                guint            *n_mitigated);
guint             moat_estate_trends_get_n_events   (MoatEstateTrends *self);

G_END_DECLS
