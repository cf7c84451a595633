/* moat-application.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_APPLICATION (moat_application_get_type ())

G_DECLARE_FINAL_TYPE (MoatApplication, moat_application, MOAT, APPLICATION, AdwApplication)

MoatApplication *moat_application_new            (void);
GSettings       *moat_application_get_settings   (MoatApplication *self);
GtkWindow       *moat_application_open_file      (MoatApplication *self,
                                                  GFile           *file);
GtkWindow       *moat_application_open_file_read_only (MoatApplication *self,
                                                       GFile           *file);
GtkWindow       *moat_application_new_document   (MoatApplication *self);
GtkWindow       *moat_application_find_window    (MoatApplication *self,
                                                  GFile           *file);
void             moat_application_note_recent    (MoatApplication *self,
                                                  GFile           *file);

G_END_DECLS
