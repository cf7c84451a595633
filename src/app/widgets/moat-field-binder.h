/* moat-field-binder.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FIELD_BINDER (moat_field_binder_get_type ())

/* Ties editor widgets to the fields of one model object, both ways: the
 * widgets show the object and follow it (undo included), and what the
 * user changes is written to the object, which makes it an edit of the
 * model. Text is written when the user is done with it (Enter, leaving
 * the field, a pause in typing), so one burst of typing is one undo step.
 *
 * Supported widgets: GtkEditable (entry rows, entries) for strings,
 * GtkTextView for strings, AdwComboRow for enums (item n is enum value n),
 * GtkSpinButton for integers, GtkSwitch for booleans. */
G_DECLARE_FINAL_TYPE (MoatFieldBinder, moat_field_binder, MOAT, FIELD_BINDER, GObject)

MoatFieldBinder *moat_field_binder_new        (void);
void             moat_field_binder_bind       (MoatFieldBinder *self,
                                               GtkWidget       *widget,
                                               const char      *property);
void             moat_field_binder_set_object (MoatFieldBinder *self,
                                               MoatObject      *object);
MoatObject      *moat_field_binder_get_object (MoatFieldBinder *self);
void             moat_field_binder_commit     (MoatFieldBinder *self);
void             moat_field_binder_limit      (GtkWidget       *widget,
                                               guint            max_chars);
void             moat_field_binder_reload     (MoatFieldBinder *self);

G_END_DECLS
