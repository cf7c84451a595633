/* moat-link-list.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_LINK_LIST (moat_link_list_get_type ())

/* The objects of one type linked to the object being edited, with a button
 * to link more (a searchable list) and one per row to unlink.
 *
 * A link is an id in a list field ("element-ids", "threat-ids"), held
 * either by the edited object ("candidate-holds" false: a threat's
 * elements) or by each linked object ("candidate-holds" true: the
 * controls whose "threat-ids" name this threat). Linking writes that
 * field, so it is an edit of the model like any other. */
G_DECLARE_FINAL_TYPE (MoatLinkList, moat_link_list, MOAT, LINK_LIST, AdwPreferencesGroup)

void        moat_link_list_set_object  (MoatLinkList *self,
                                        MoatModel    *model,
                                        MoatObject   *object);
GListModel *moat_link_list_get_linked  (MoatLinkList *self);
GListModel *moat_link_list_get_candidates (MoatLinkList *self);
gboolean    moat_link_list_is_linked   (MoatLinkList *self,
                                        MoatObject   *candidate);
void        moat_link_list_set_linked  (MoatLinkList *self,
                                        MoatObject   *candidate,
                                        gboolean      linked);

G_END_DECLS
