/* moat-review.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-change.h"
#include "moat-element.h"
#include "moat-model.h"

G_BEGIN_DECLS

/* Whether each element has been reviewed for threats, by whom and when.
 * A review holds until the element or one of its threats changes: the
 * model then marks the element not reviewed, in the same undo step as
 * the change (see _moat_review_follow_change()). */

gboolean  moat_review_is_wanted      (MoatElement  *element);
gboolean  moat_review_is_pending     (MoatElement  *element);
guint     moat_review_mark           (MoatModel    *model,
                                      MoatElement **elements,
                                      guint         n_elements,
                                      gboolean      reviewed);
char     *moat_review_describe       (MoatElement  *element);

/* For the model: called after each change it applies (not on undo or
 * redo, which replay what this did). */
void      _moat_review_follow_change (MoatModel    *model,
                                      MoatChange   *change);

G_END_DECLS
