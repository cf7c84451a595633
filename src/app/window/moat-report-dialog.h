/* moat-report-dialog.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_REPORT_DIALOG (moat_report_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MoatReportDialog, moat_report_dialog, MOAT, REPORT_DIALOG, AdwWindow)

GtkWidget         *moat_report_dialog_new         (GtkWindow        *parent,
                                                   MoatStore        *store,
                                                   GSettings        *settings);
MoatReportOptions *moat_report_dialog_get_options (MoatReportDialog *self);
void               moat_report_dialog_export_to   (MoatReportDialog *self,
                                                   GFile            *file);
MoatReportOptions *moat_report_options_from_settings (GSettings     *settings);

G_END_DECLS
