/* moat-work-count.h: how much model-sized work the window has done
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Work that grows with the model and can wait until the window has shown
 * its first frame. Counted so a test can tell that opening a bigger
 * model does no more of it before that frame (issue 18, a native start);
 * the counts are plain integers, cheap enough to keep in every build. */
typedef enum
{
  MOAT_WORK_RULE_ELEMENT,  /* an element the rule engine evaluated */
  MOAT_WORK_BADGE_THREAT,  /* a threat counted for the canvas badges */
  MOAT_WORK_OUTLINE_ROW,   /* a row of the diagram's outline made */
  MOAT_WORK_N_KINDS
} MoatWorkKind;

void     moat_work_count_add (MoatWorkKind kind,
                              guint        n);
guint64  moat_work_count_get (MoatWorkKind kind);

G_END_DECLS
