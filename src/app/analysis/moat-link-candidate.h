/* moat-link-candidate.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MOAT_TYPE_LINK_CANDIDATE (moat_link_candidate_get_type ())

/* One object the link popover offers: its name and what sets it apart from
 * others with the same name. */
G_DECLARE_FINAL_TYPE (MoatLinkCandidate, moat_link_candidate, MOAT, LINK_CANDIDATE, GtkBox)

GtkWidget *moat_link_candidate_new  (void);
void       moat_link_candidate_show (MoatLinkCandidate *self,
                                     const char        *title,
                                     const char        *subtitle);

G_END_DECLS
