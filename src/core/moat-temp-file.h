/* moat-temp-file.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file written beside its destination and renamed over it once it is
 * whole, so that the destination is never half-written. Each one is
 * registered in the user's cache folder while it exists: the temporary
 * files of a process that was killed are removed by the next one. */
typedef struct _MoatTempFile MoatTempFile;

MoatTempFile *moat_temp_file_new          (const char    *destination,
                                           GError       **error);
const char   *moat_temp_file_get_path     (MoatTempFile  *self);
gboolean      moat_temp_file_commit       (MoatTempFile  *self,
                                           GError       **error);
void          moat_temp_file_free         (MoatTempFile  *self);

typedef gboolean (*MoatTempFileWriter) (GOutputStream  *stream,
                                        gpointer        user_data,
                                        GCancellable   *cancellable,
                                        GError        **error);

gboolean      moat_temp_file_replace      (GFile              *file,
                                           MoatTempFileWriter  writer,
                                           gpointer            user_data,
                                           GCancellable       *cancellable,
                                           GError            **error);

gboolean      moat_temp_file_set_contents (GFile              *file,
                                           const char         *contents,
                                           gsize               length,
                                           GError            **error);

guint         moat_temp_file_clean_stale  (void);
char         *moat_temp_file_get_registry (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatTempFile, moat_temp_file_free)

G_END_DECLS
