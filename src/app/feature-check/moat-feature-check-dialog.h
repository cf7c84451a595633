/* moat-feature-check-dialog.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FEATURE_CHECK_DIALOG (moat_feature_check_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MoatFeatureCheckDialog, moat_feature_check_dialog, MOAT, FEATURE_CHECK_DIALOG, AdwWindow)

GtkWidget *moat_feature_check_dialog_new (GtkWindow *parent,
                                          MoatModel *model,
                                          GPtrArray *selection);

G_END_DECLS
