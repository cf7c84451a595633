/* moat-refs.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MOAT_TYPE_REFS (moat_refs_get_type ())

/* The references rules and threats name: CWE weaknesses ("CWE-79"),
 * CAPEC attack patterns ("CAPEC-63") and OWASP Top 10 2021 categories
 * ("OWASP-A03:2021"), with a short title each and a link to the public
 * page. The bundled table is resources/knowledge/references.json. */
G_DECLARE_FINAL_TYPE (MoatRefs, moat_refs, MOAT, REFS, GObject)

#define MOAT_REFS_RESOURCE_PATH "/io/github/moatmodel/Moat/knowledge/references.json"

MoatRefs   *moat_refs_new             (void);
MoatRefs   *moat_refs_new_builtin     (void);
MoatRefs   *moat_refs_get_builtin     (void);
gboolean    moat_refs_load_data       (MoatRefs    *self,
                                       const char  *data,
                                       gssize       length,
                                       GError     **error);

const char *moat_refs_lookup_title    (MoatRefs    *self,
                                       const char  *id);
char       *moat_refs_get_url         (MoatRefs    *self,
                                       const char  *id);
char       *moat_refs_describe        (MoatRefs    *self,
                                       const char  *id);
guint       moat_refs_get_n_refs      (MoatRefs    *self);

gboolean    moat_ref_is_well_formed   (const char  *id);
char       *moat_ref_normalize        (const char  *text);
gboolean    moat_requirement_ref_split (const char  *ref,
                                        char       **catalogue,
                                        char       **requirement);

G_END_DECLS
