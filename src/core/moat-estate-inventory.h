/* moat-estate-inventory.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-enums.h"
#include "moat-estate.h"

G_BEGIN_DECLS

#define MOAT_TYPE_ESTATE_INVENTORY (moat_estate_inventory_get_type ())

/* The systems a security lead owns, modelled or not, as listed in an
 * inventory file (see docs/estate-inventory.md), and the triage that
 * says which of them need attention first. */
G_DECLARE_FINAL_TYPE (MoatEstateInventory, moat_estate_inventory, MOAT, ESTATE_INVENTORY, GObject)

typedef enum
{
  MOAT_ESTATE_EXPOSURE_INTERNAL,
  MOAT_ESTATE_EXPOSURE_PARTNER,
  MOAT_ESTATE_EXPOSURE_INTERNET,
} MoatEstateExposure;

typedef struct
{
  char               *name;
  char               *owner;
  char               *path;          /* as written, or NULL: no model */
  GFile              *file;          /* @path from the inventory's folder */
  MoatClassification  sensitivity;
  MoatEstateExposure  exposure;
  gint64              last_change;   /* last significant change, or 0 */
} MoatInventoryEntry;

typedef enum
{
  MOAT_ESTATE_REASON_NO_MODEL,
  MOAT_ESTATE_REASON_UNREADABLE,
  MOAT_ESTATE_REASON_STALE,
  MOAT_ESTATE_REASON_UNREVIEWED,
} MoatEstateReasonKind;

typedef struct
{
  MoatEstateReasonKind  kind;
  char                 *text;        /* translated, for people */
} MoatEstateReason;

/* One system that needs attention, and why. */
typedef struct
{
  char               *name;
  char               *owner;
  char               *path;          /* the model or folder, as shown */
  MoatClassification  sensitivity;
  MoatEstateExposure  exposure;
  gboolean            listed;        /* in the inventory */
  MoatEstateSystem   *system;        /* its model, or NULL */
  GPtrArray          *reasons;       /* MoatEstateReason */
} MoatEstateAttention;

MoatEstateInventory *moat_estate_inventory_load       (GFile               *file,
                                                       GError             **error);
guint                moat_estate_inventory_get_n_entries (MoatEstateInventory *self);
const MoatInventoryEntry *moat_estate_inventory_get_entry (MoatEstateInventory *self,
                                                       guint                index);

const char          *moat_estate_exposure_get_nick    (MoatEstateExposure   exposure);
const char          *moat_estate_exposure_get_label   (MoatEstateExposure   exposure);
const char          *moat_estate_reason_get_nick      (MoatEstateReasonKind kind);
void                 moat_estate_attention_free       (MoatEstateAttention *attention);

GPtrArray           *moat_estate_triage               (MoatEstate          *estate,
                                                       MoatEstateInventory *inventory,
                                                       guint                stale_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatEstateAttention, moat_estate_attention_free)

G_END_DECLS
