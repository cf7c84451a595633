/* moat-lazy-page.h: a page of a stack, built when first shown
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MOAT_TYPE_LAZY_PAGE (moat_lazy_page_get_type ())
G_DECLARE_FINAL_TYPE (MoatLazyPage, moat_lazy_page, MOAT, LAZY_PAGE, GtkWidget)

GType      moat_lazy_page_get_page_type (MoatLazyPage *self);
GtkWidget *moat_lazy_page_get_child     (MoatLazyPage *self);
GtkWidget *moat_lazy_page_ensure_child  (MoatLazyPage *self);

G_END_DECLS
