/* moat-labels.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words the GUI uses for the model's values, in one place, so a
 * status reads the same in a list, a filter menu and an editor.
 */

#pragma once

#include "moat-core.h"

G_BEGIN_DECLS

const char  *moat_label_threat_status      (MoatThreatStatus     status);
const char  *moat_label_control_status     (MoatControlStatus    status);
const char  *moat_label_assumption_status  (MoatAssumptionStatus status);
const char  *moat_label_assumption_kind    (MoatAssumptionKind   kind);
const char  *moat_label_effort             (MoatEffort           effort);
const char  *moat_label_classification     (MoatClassification   classification);
const char  *moat_label_element_kind       (MoatElementKind      kind);
const char  *moat_label_element_icon       (MoatElementKind      kind);

const char  *moat_label_category           (const char          *category);
const char * const *moat_label_stride_categories  (void);
const char * const *moat_label_linddun_categories (void);

char        *moat_label_object_title       (MoatObject          *object);
char        *moat_label_one_line           (const char          *text);
char        *moat_label_object_context     (MoatModel           *model,
                                            MoatObject          *object);
char        *moat_label_element_names      (MoatModel           *model,
                                            const char * const  *element_ids,
                                            guint                max);

G_END_DECLS
