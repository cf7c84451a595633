/* moat-page.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_PAGE (moat_page_get_type ())

/* What the window's pages share: the model, handed down from the window's
 * template as a property. A page connects to the model it is given in
 * model_changed; what it connected to the previous model with itself as
 * data is disconnected for it, and it lets go of the rest (the model's
 * lists) from @previous. */
G_DECLARE_DERIVABLE_TYPE (MoatPage, moat_page, MOAT, PAGE, GtkWidget)

struct _MoatPageClass
{
  GtkWidgetClass parent_class;

  void (*model_changed) (MoatPage  *self,
                         MoatModel *previous);

  gpointer padding[4];
};

MoatModel *moat_page_get_model (MoatPage  *self);
void       moat_page_set_model (MoatPage  *self,
                                MoatModel *model);

G_END_DECLS
