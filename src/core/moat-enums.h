/* moat-enums.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enumeration of the model lives here, so that glib-mkenums registers
 * them once and their nicks are the stable spelling used in files.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MOAT_ELEMENT_ACTOR,    /*< nick=actor >*/
  MOAT_ELEMENT_PROCESS,  /*< nick=process >*/
  MOAT_ELEMENT_STORE,    /*< nick=store >*/
  MOAT_ELEMENT_BOUNDARY, /*< nick=boundary >*/
  MOAT_ELEMENT_FLOW,     /*< nick=flow >*/
  MOAT_ELEMENT_NOTE,     /*< nick=note >*/
} MoatElementKind;

typedef enum {
  MOAT_CLASSIFICATION_PUBLIC,       /*< nick=public >*/
  MOAT_CLASSIFICATION_INTERNAL,     /*< nick=internal >*/
  MOAT_CLASSIFICATION_CONFIDENTIAL, /*< nick=confidential >*/
  MOAT_CLASSIFICATION_RESTRICTED,   /*< nick=restricted >*/
} MoatClassification;

typedef enum {
  MOAT_PRIVILEGE_UNKNOWN,   /*< nick=unknown >*/
  MOAT_PRIVILEGE_ANONYMOUS, /*< nick=anonymous >*/
  MOAT_PRIVILEGE_USER,      /*< nick=user >*/
  MOAT_PRIVILEGE_ADMIN,     /*< nick=admin >*/
  MOAT_PRIVILEGE_SYSTEM,    /*< nick=system >*/
} MoatPrivilege;

typedef enum {
  MOAT_THREAT_OPEN,           /*< nick=open >*/
  MOAT_THREAT_MITIGATED,      /*< nick=mitigated >*/
  MOAT_THREAT_ACCEPTED,       /*< nick=accepted >*/
  MOAT_THREAT_TRANSFERRED,    /*< nick=transferred >*/
  MOAT_THREAT_NOT_APPLICABLE, /*< nick=not-applicable >*/
} MoatThreatStatus;

typedef enum {
  MOAT_CONTROL_PROPOSED,    /*< nick=proposed >*/
  MOAT_CONTROL_PLANNED,     /*< nick=planned >*/
  MOAT_CONTROL_IN_PROGRESS, /*< nick=in-progress >*/
  MOAT_CONTROL_IMPLEMENTED, /*< nick=implemented >*/
  MOAT_CONTROL_VERIFIED,    /*< nick=verified >*/
} MoatControlStatus;

typedef enum {
  MOAT_EFFORT_SMALL,  /*< nick=small >*/
  MOAT_EFFORT_MEDIUM, /*< nick=medium >*/
  MOAT_EFFORT_LARGE,  /*< nick=large >*/
} MoatEffort;

/* How much a threat matters, from the 5×5 matrix in moat-risk.h. */
typedef enum {
  MOAT_RISK_LOW,      /*< nick=low >*/
  MOAT_RISK_MEDIUM,   /*< nick=medium >*/
  MOAT_RISK_HIGH,     /*< nick=high >*/
  MOAT_RISK_CRITICAL, /*< nick=critical >*/
} MoatRiskLevel;

typedef enum {
  MOAT_ASSUMPTION_UNVALIDATED, /*< nick=unvalidated >*/
  MOAT_ASSUMPTION_VALIDATED,   /*< nick=validated >*/
  MOAT_ASSUMPTION_INVALIDATED, /*< nick=invalidated >*/
} MoatAssumptionStatus;

typedef enum {
  MOAT_ASSUMPTION_KIND_ASSUMPTION, /*< nick=assumption >*/
  MOAT_ASSUMPTION_KIND_QUESTION,   /*< nick=question >*/
} MoatAssumptionKind;

typedef enum {
  MOAT_CONSENSUS_UNDECIDED,       /*< nick=undecided >*/
  MOAT_CONSENSUS_GOOD_ENOUGH,     /*< nick=good-enough >*/
  MOAT_CONSENSUS_NOT_GOOD_ENOUGH, /*< nick=not-good-enough >*/
} MoatConsensus;

/* What a feature check decided about the model. */
typedef enum {
  MOAT_FEATURE_NO_CHANGE,     /*< nick=no-change >*/
  MOAT_FEATURE_UPDATE_NEEDED, /*< nick=update-needed >*/
} MoatFeatureOutcome;

/* Whether what the window shows is in the file. */
typedef enum {
  MOAT_STORE_SAVED,     /*< nick=saved >*/     /* every edit is in the file */
  MOAT_STORE_READ_ONLY, /*< nick=read-only >*/ /* the file cannot be written */
  MOAT_STORE_FAILING,   /*< nick=failing >*/   /* writes fail; edits wait in memory */
  MOAT_STORE_CHANGED,   /*< nick=changed >*/   /* the file was replaced or deleted */
} MoatStoreStatus;

/* What a three-way merge could not decide (see moat-merge.h). */
typedef enum {
  MOAT_CONFLICT_FIELD,              /*< nick=field >*/              /* one field changed differently on both sides */
  MOAT_CONFLICT_EDITED_DELETED,     /*< nick=edited-deleted >*/     /* deleted on one side, edited on the other */
  MOAT_CONFLICT_REFERENCED_DELETED, /*< nick=referenced-deleted >*/ /* deleted on one side, newly referred to on the other */
  MOAT_CONFLICT_ADDED_TWICE,        /*< nick=added-twice >*/        /* one id added on both sides as different kinds of object */
} MoatConflictKind;

/* Which version of a conflicting value to keep. */
typedef enum {
  MOAT_MERGE_SIDE_BASE,   /*< nick=base >*/
  MOAT_MERGE_SIDE_OURS,   /*< nick=ours >*/
  MOAT_MERGE_SIDE_THEIRS, /*< nick=theirs >*/
  MOAT_MERGE_SIDE_VALUE,  /*< nick=value >*/  /* a value the person gives */
} MoatMergeSide;

G_END_DECLS
