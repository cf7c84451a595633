/* moat-file-banner.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_TYPE_FILE_BANNER (moat_file_banner_get_type ())

/* The strip under the header bar that says when edits are not in the
 * file (read-only, writes failing, the file replaced or deleted) and
 * offers what to do: Retry, Reload, Save As. It also watches the file,
 * so that a move is followed and a replacement seen at once, and folds
 * the write-ahead log into the file when edits pause. */
G_DECLARE_FINAL_TYPE (MoatFileBanner, moat_file_banner, MOAT, FILE_BANNER, GtkWidget)

MoatStore *moat_file_banner_get_store (MoatFileBanner *self);
void       moat_file_banner_set_store (MoatFileBanner *self,
                                       MoatStore      *store);

G_END_DECLS
