/* moat-diagram.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_DIAGRAM (moat_diagram_get_type ())

/* A diagram of the model: one level of the data-flow picture. */
G_DECLARE_FINAL_TYPE (MoatDiagram, moat_diagram, MOAT, DIAGRAM, MoatObject)

MoatDiagram *moat_diagram_new             (void);
const char  *moat_diagram_get_title       (MoatDiagram *self);
const char  *moat_diagram_get_description (MoatDiagram *self);
int          moat_diagram_get_position    (MoatDiagram *self);

G_END_DECLS
