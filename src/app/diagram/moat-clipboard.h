/* moat-clipboard.h: diagram elements on the clipboard
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

/* Moat's own clipboard format: a small model in native JSON. */
#define MOAT_CLIPBOARD_MIME_TYPE "application/x-moat-fragment+json"

GBytes     *moat_clipboard_serialize (MoatModel   *model,
                                      GPtrArray   *elements);
GdkTexture *moat_clipboard_render    (GBytes      *fragment);
GPtrArray  *moat_clipboard_insert    (MoatModel   *model,
                                      const char  *diagram_id,
                                      GBytes      *fragment,
                                      double       dx,
                                      double       dy,
                                      GError     **error);
void        moat_clipboard_copy      (GdkClipboard *clipboard,
                                      MoatModel    *model,
                                      GPtrArray    *elements);

G_END_DECLS
