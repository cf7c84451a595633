/* moat-arrange.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-model.h"

G_BEGIN_DECLS

typedef enum
{
  MOAT_ALIGN_LEFT,
  MOAT_ALIGN_CENTER,
  MOAT_ALIGN_RIGHT,
  MOAT_ALIGN_TOP,
  MOAT_ALIGN_MIDDLE,
  MOAT_ALIGN_BOTTOM,
} MoatAlign;

gboolean moat_arrange_parse_align (const char  *name,
                                   MoatAlign   *align);
guint    moat_arrange_align       (MoatModel   *model,
                                   GPtrArray   *elements,
                                   MoatAlign    align);
guint    moat_arrange_distribute  (MoatModel   *model,
                                   GPtrArray   *elements,
                                   gboolean     vertical);

void     moat_arrange_sort_by_stacking (MoatModel  *model,
                                        GPtrArray  *elements);
int      moat_arrange_next_z_order     (MoatModel  *model,
                                        const char *diagram_id);
gboolean moat_arrange_can_restack      (MoatModel  *model,
                                        GPtrArray  *elements,
                                        gboolean    to_front);
guint    moat_arrange_restack          (MoatModel  *model,
                                        GPtrArray  *elements,
                                        gboolean    to_front);

G_END_DECLS
