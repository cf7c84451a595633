/* moat-diagram.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-diagram.h"

struct _MoatDiagram
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatDiagram, moat_diagram, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_diagram_class_init (MoatDiagramClass *klass)
{
  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_POSITION] = moat_field_int ("position", 0, 1000000, 0);

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "diagram", "diagrams",
                             properties, N_PROPS);
}

static void
moat_diagram_init (MoatDiagram *self)
{
}

MoatDiagram *
moat_diagram_new (void)
{
  return g_object_new (MOAT_TYPE_DIAGRAM, NULL);
}

const char *
moat_diagram_get_title (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TITLE);
}

const char *
moat_diagram_get_description (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

int
moat_diagram_get_position (MoatDiagram *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_POSITION);
}
