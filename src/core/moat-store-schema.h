/* moat-store-schema.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL layout of a .moat file, described in SCHEMA.md. Column names are
 * the field (property) names of each type with '-' turned into '_'; the
 * store builds its statements from the fields, so a new field needs its
 * column here and a migration step below.
 */

#pragma once

G_BEGIN_DECLS

/* Every foreign key is deferred: one action may delete an element and the
 * flows that hang on it in any order, and is checked as a whole. */
#define MOAT_FK(table) "REFERENCES " table "(id) DEFERRABLE INITIALLY DEFERRED"
#define MOAT_OWNER_FK(table) \
  "REFERENCES " table "(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
#define MOAT_COMMON "id TEXT PRIMARY KEY NOT NULL, created INTEGER, modified INTEGER"
#define MOAT_LINK_TABLE(name, owner, target) \
  "CREATE TABLE " name " (" \
  owner "_id TEXT NOT NULL " MOAT_OWNER_FK (owner) ", " \
  target "_id TEXT NOT NULL " MOAT_FK (target) ", " \
  "position INTEGER NOT NULL, " \
  "PRIMARY KEY (" owner "_id, position));" \
  "CREATE INDEX " name "_target ON " name " (" target "_id);"

/* Version 1: the first layout. */
static const char moat_schema_v1[] =
  "CREATE TABLE model (" MOAT_COMMON ", title TEXT, owner TEXT, version_label TEXT,"
  " description TEXT, business_purpose TEXT, failure_impact TEXT, impact_scale TEXT,"
  " scope_in TEXT, scope_out TEXT, rule_sets TEXT);"
  "CREATE TABLE diagram (" MOAT_COMMON ", title TEXT, description TEXT, position INTEGER);"
  "CREATE TABLE asset (" MOAT_COMMON ", name TEXT, description TEXT, classification TEXT,"
  " impact_confidentiality INTEGER, impact_integrity INTEGER, impact_availability INTEGER,"
  " owner TEXT);"
  "CREATE TABLE threat_actor (" MOAT_COMMON ", name TEXT, description TEXT, motivation TEXT,"
  " capability INTEGER);"
  "CREATE TABLE element (" MOAT_COMMON ", diagram_id TEXT " MOAT_FK ("diagram") ","
  " kind TEXT NOT NULL, name TEXT, description TEXT,"
  " x REAL, y REAL, width REAL, height REAL,"
  " source_id TEXT " MOAT_FK ("element") ", target_id TEXT " MOAT_FK ("element") ","
  " bidirectional INTEGER, points TEXT, label_x REAL, label_y REAL,"
  " out_of_scope INTEGER, out_of_scope_reason TEXT, tags TEXT,"
  " technology TEXT, protocol TEXT, authenticated INTEGER, authorization_checked INTEGER,"
  " encrypted_in_transit INTEGER, encrypted_at_rest INTEGER, internet_facing INTEGER,"
  " privilege_level TEXT, data_classification TEXT, handles_pii INTEGER,"
  " handles_credentials INTEGER, handles_payment INTEGER,"
  " child_diagram_id TEXT " MOAT_FK ("diagram") ");"
  "CREATE INDEX element_diagram ON element (diagram_id);"
  "CREATE INDEX element_source ON element (source_id);"
  "CREATE INDEX element_target ON element (target_id);"
  "CREATE TABLE threat (" MOAT_COMMON ", title TEXT, description TEXT, category TEXT,"
  " actor_id TEXT " MOAT_FK ("threat_actor") ", likelihood INTEGER, impact INTEGER,"
  " impact_overridden INTEGER, status TEXT, status_reason TEXT, owner TEXT, rule_id TEXT);"
  "CREATE TABLE control (" MOAT_COMMON ", title TEXT, description TEXT, status TEXT,"
  " effort TEXT, owner TEXT, tracker_key TEXT, tracker_url TEXT);"
  "CREATE TABLE assumption (" MOAT_COMMON ", statement TEXT, status TEXT, validation TEXT);"
  MOAT_LINK_TABLE ("element_asset", "element", "asset")
  MOAT_LINK_TABLE ("threat_element", "threat", "element")
  MOAT_LINK_TABLE ("control_threat", "control", "threat")
  MOAT_LINK_TABLE ("assumption_element", "assumption", "element")
  MOAT_LINK_TABLE ("assumption_threat", "assumption", "threat")
  "CREATE TABLE changelog (seq INTEGER PRIMARY KEY AUTOINCREMENT, action INTEGER NOT NULL,"
  " time INTEGER NOT NULL, author TEXT, label TEXT, object_id TEXT NOT NULL,"
  " object_kind TEXT NOT NULL, field TEXT, old_value TEXT, new_value TEXT);"
  "CREATE INDEX changelog_time ON changelog (time);";

/* Each entry upgrades a file from version i + 1 to version i + 2. */
static const char * const moat_migrations[] = {
  /* 1 → 2: element review marks, threat review flags, open questions,
   * dismissed suggestions and workshop sessions. */
  "ALTER TABLE element ADD COLUMN reviewed INTEGER;"
  "ALTER TABLE threat ADD COLUMN needs_review INTEGER;"
  "ALTER TABLE threat ADD COLUMN review_reason TEXT;"
  "ALTER TABLE assumption ADD COLUMN kind TEXT;"
  "CREATE TABLE dismissal (" MOAT_COMMON ", rule_id TEXT,"
  " element_id TEXT " MOAT_FK ("element") ", reason TEXT);"
  "CREATE INDEX dismissal_element ON dismissal (element_id);"
  "CREATE TABLE workshop_session (" MOAT_COMMON ", title TEXT, started INTEGER,"
  " duration INTEGER, planned_minutes INTEGER, stage INTEGER, participants TEXT,"
  " answer_working TEXT, answer_wrong TEXT, answer_doing TEXT, answer_good TEXT,"
  " consensus TEXT, dissent TEXT, follow_ups TEXT, summary TEXT);",
  /* 2 → 3: threat knowledge: references on threats, requirements met by
   * controls, the catalogues a model is measured against. */
  "ALTER TABLE threat ADD COLUMN refs TEXT;"
  "ALTER TABLE control ADD COLUMN requirements TEXT;"
  "ALTER TABLE model ADD COLUMN catalogues TEXT;",
  /* 3 → 4: who marked an element reviewed, and when. */
  "ALTER TABLE element ADD COLUMN reviewed_by TEXT;"
  "ALTER TABLE element ADD COLUMN reviewed_at INTEGER;",
  /* 4 → 5: feature checks, the questions answered at sprint planning. */
  "CREATE TABLE feature_check (" MOAT_COMMON ", title TEXT, checked_at INTEGER,"
  " checked_by TEXT, answers TEXT, outcome TEXT, reason TEXT);"
  MOAT_LINK_TABLE ("feature_check_element", "feature_check", "element"),
  /* 5 → 6: what a three-way merge left to resolve. No foreign key on
   * object_id: the object may be gone on one side. */
  "CREATE TABLE conflict (" MOAT_COMMON ", kind TEXT, object_id TEXT, object_kind TEXT,"
  " field TEXT, title TEXT, base_value TEXT, ours_value TEXT, theirs_value TEXT);",
  /* 6 → 7: the stacking order of elements. Left NULL, read as 0: equal
   * values stack in the order of the rows, as before. */
  "ALTER TABLE element ADD COLUMN z_order INTEGER;",
};

G_END_DECLS
