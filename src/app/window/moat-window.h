/* moat-window.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-application.h"
#include "moat-compare.h"
#include "moat-format.h"
#include "moat-work-count.h"

G_BEGIN_DECLS

#define MOAT_TYPE_WINDOW (moat_window_get_type ())

/* One window per model. Without a model it shows the start page. */
G_DECLARE_FINAL_TYPE (MoatWindow, moat_window, MOAT, WINDOW, AdwApplicationWindow)

MoatWindow      *moat_window_new                   (MoatApplication  *application);
MoatStore       *moat_window_get_store             (MoatWindow       *self);
MoatModel       *moat_window_get_model             (MoatWindow       *self);
void             moat_window_set_store             (MoatWindow       *self,
                                                    MoatStore        *store);
gboolean         moat_window_get_loading           (MoatWindow       *self);
guint64          moat_window_get_work_before_first_frame (MoatWindow   *self,
                                                    MoatWorkKind      kind);
gboolean         moat_window_save_as_file          (MoatWindow       *self,
                                                    GFile            *file,
                                                    GError          **error);
void             moat_window_choose_file_to_open   (MoatWindow       *self);
GtkNativeDialog *moat_window_get_file_chooser      (MoatWindow       *self);
void             moat_window_show_open_error       (MoatWindow       *self,
                                                    GFile            *file,
                                                    const GError     *error);
void             moat_window_show_error            (MoatWindow       *self,
                                                    const char       *what,
                                                    const GError     *error);
void             moat_window_add_toast             (MoatWindow       *self,
                                                    const char       *text);
void             moat_window_confirm_discard_draft (MoatWindow       *self,
                                                    GFile            *draft);
GtkWidget       *moat_window_get_dialog            (MoatWindow       *self);
void             moat_window_show_report           (MoatWindow       *self,
                                                    MoatImportReport *report);
gboolean         moat_window_print                 (MoatWindow       *self,
                                                    GtkPrintOperationAction action,
                                                    const char       *export_filename,
                                                    GError          **error);

gboolean         moat_window_compare_with_file     (MoatWindow       *self,
                                                    GFile            *file);
void             moat_window_stop_comparing        (MoatWindow       *self);
MoatCompare     *moat_window_get_compare           (MoatWindow       *self);
GtkWidget       *moat_window_get_compare_window    (MoatWindow       *self);

G_END_DECLS
