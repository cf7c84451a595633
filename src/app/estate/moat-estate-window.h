/* moat-estate-window.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-application.h"
#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE_WINDOW (moat_estate_window_get_type ())

/* The estate window: every model in a folder (a checkout of many
 * services), ranked by business risk, with the estate's heat map, its
 * trends and the systems that need attention. It follows the folder, so
 * a model saved elsewhere shows here a moment later. */
G_DECLARE_FINAL_TYPE (MoatEstateWindow, moat_estate_window, MOAT, ESTATE_WINDOW, AdwApplicationWindow)

MoatEstateWindow *moat_estate_window_new           (MoatApplication  *app,
                                                    GFile            *folder);
GFile            *moat_estate_window_get_folder    (MoatEstateWindow *self);
MoatEstate       *moat_estate_window_get_estate    (MoatEstateWindow *self);
guint             moat_estate_window_get_n_loads   (MoatEstateWindow *self);
GPtrArray        *moat_estate_window_get_attention (MoatEstateWindow *self);
void              moat_estate_window_reload        (MoatEstateWindow *self);
GtkWindow        *moat_estate_window_open_system   (MoatEstateWindow *self,
                                                    guint             position);
void              moat_estate_window_choose_folder (MoatApplication  *app,
                                                    GtkWindow        *parent);
GtkNativeDialog  *moat_estate_window_get_chooser   (MoatApplication  *app);

G_END_DECLS
