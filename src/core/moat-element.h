/* moat-element.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-enums.h"
#include "moat-object.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ELEMENT (moat_element_get_type ())

/* One thing on a diagram: an external actor, a process, a data store,
 * a trust boundary, a data flow or a note, with its security properties. */
G_DECLARE_FINAL_TYPE (MoatElement, moat_element, MOAT, ELEMENT, MoatObject)

/* The "z-order" field lies within ± this. */
#define MOAT_ELEMENT_Z_ORDER_LIMIT 1000000000

MoatElement        *moat_element_new                       (void);
const char         *moat_element_get_diagram_id            (MoatElement *self);
MoatElementKind     moat_element_get_kind                  (MoatElement *self);
const char         *moat_element_get_name                  (MoatElement *self);
const char         *moat_element_get_description           (MoatElement *self);
double              moat_element_get_x                     (MoatElement *self);
double              moat_element_get_y                     (MoatElement *self);
double              moat_element_get_width                 (MoatElement *self);
double              moat_element_get_height                (MoatElement *self);
const char         *moat_element_get_source_id             (MoatElement *self);
const char         *moat_element_get_target_id             (MoatElement *self);
gboolean            moat_element_get_bidirectional         (MoatElement *self);
GVariant           *moat_element_get_points                (MoatElement *self);
double              moat_element_get_label_x               (MoatElement *self);
double              moat_element_get_label_y               (MoatElement *self);
gboolean            moat_element_get_out_of_scope          (MoatElement *self);
const char         *moat_element_get_out_of_scope_reason   (MoatElement *self);
const char * const *moat_element_get_tags                  (MoatElement *self);
const char         *moat_element_get_technology            (MoatElement *self);
const char         *moat_element_get_protocol              (MoatElement *self);
gboolean            moat_element_get_authenticated         (MoatElement *self);
gboolean            moat_element_get_authorization_checked (MoatElement *self);
gboolean            moat_element_get_encrypted_in_transit  (MoatElement *self);
gboolean            moat_element_get_encrypted_at_rest     (MoatElement *self);
gboolean            moat_element_get_internet_facing       (MoatElement *self);
MoatPrivilege       moat_element_get_privilege_level       (MoatElement *self);
MoatClassification  moat_element_get_data_classification   (MoatElement *self);
gboolean            moat_element_get_handles_pii           (MoatElement *self);
gboolean            moat_element_get_handles_credentials   (MoatElement *self);
gboolean            moat_element_get_handles_payment       (MoatElement *self);
const char * const *moat_element_get_asset_ids             (MoatElement *self);
const char         *moat_element_get_child_diagram_id      (MoatElement *self);
gboolean            moat_element_get_reviewed              (MoatElement *self);
const char         *moat_element_get_reviewed_by           (MoatElement *self);
gint64              moat_element_get_reviewed_at           (MoatElement *self);
int                 moat_element_get_z_order               (MoatElement *self);

G_END_DECLS
