/* moat-store-guard.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What keeps a project file from a stranger data only: SQLite's defensive
 * settings, limits, an authorizer that admits only Moat's own statements,
 * a bound on the work any one statement may do, and a check that the
 * file's schema is exactly the one Moat wrote (see SCHEMA.md). */
typedef struct _MoatStoreGuard MoatStoreGuard;

MoatStoreGuard *moat_store_guard_new          (sqlite3         *db);
void            moat_store_guard_free         (MoatStoreGuard  *self);
void            moat_store_guard_allow_ddl    (MoatStoreGuard  *self,
                                               gboolean         allow);
void            moat_store_guard_reset_budget (MoatStoreGuard  *self);
gboolean        moat_store_guard_check_schema (MoatStoreGuard  *self,
                                               int              version,
                                               const char      *name,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatStoreGuard, moat_store_guard_free)

G_END_DECLS
