/* moat-object-private.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Short constructors for the GParamSpecs that describe model fields, so
 * that each type's class_init reads as the list of its fields.
 */

#pragma once

#include "moat-enum-types.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_FIELD_FLAGS \
  (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static inline GParamSpec *
moat_field_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, MOAT_FIELD_FLAGS);
}

static inline GParamSpec *
moat_field_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE, MOAT_FIELD_FLAGS);
}

static inline GParamSpec *
moat_field_int (const char *name,
                int         min,
                int         max,
                int         dflt)
{
  return g_param_spec_int (name, NULL, NULL, min, max, dflt, MOAT_FIELD_FLAGS);
}

static inline GParamSpec *
moat_field_double (const char *name,
                   double      dflt)
{
  return g_param_spec_double (name, NULL, NULL, -1e9, 1e9, dflt, MOAT_FIELD_FLAGS);
}

static inline GParamSpec *
moat_field_enum (const char *name,
                 GType       type,
                 int         dflt)
{
  return g_param_spec_enum (name, NULL, NULL, type, dflt, MOAT_FIELD_FLAGS);
}

static inline GParamSpec *
moat_field_strv (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, MOAT_FIELD_FLAGS);
}

static inline GParamSpec *
moat_field_variant (const char *name,
                    const char *type)
{
  return g_param_spec_variant (name, NULL, NULL, G_VARIANT_TYPE (type), NULL,
                               MOAT_FIELD_FLAGS);
}

G_END_DECLS
