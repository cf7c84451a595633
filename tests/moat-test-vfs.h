/* moat-test-vfs.h: a SQLite VFS that can pretend the disk is full
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Becomes the process's default VFS, passing everything to the real one
 * until moat_test_vfs_fill() names files (by a part of their path) whose
 * writes then fail with SQLITE_FULL, as on a full disk. */
void moat_test_vfs_install (void);
void moat_test_vfs_fill    (const char *path_part);
void moat_test_vfs_fill_file (const char *path);

G_END_DECLS
