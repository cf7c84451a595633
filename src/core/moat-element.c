/* moat-element.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-object-private.h"
#include "moat-element.h"

struct _MoatElement
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatElement, moat_element, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIAGRAM_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SOURCE_ID,
  PROP_TARGET_ID,
  PROP_BIDIRECTIONAL,
  PROP_POINTS,
  PROP_LABEL_X,
  PROP_LABEL_Y,
  PROP_OUT_OF_SCOPE,
  PROP_OUT_OF_SCOPE_REASON,
  PROP_TAGS,
  PROP_TECHNOLOGY,
  PROP_PROTOCOL,
  PROP_AUTHENTICATED,
  PROP_AUTHORIZATION_CHECKED,
  PROP_ENCRYPTED_IN_TRANSIT,
  PROP_ENCRYPTED_AT_REST,
  PROP_INTERNET_FACING,
  PROP_PRIVILEGE_LEVEL,
  PROP_DATA_CLASSIFICATION,
  PROP_HANDLES_PII,
  PROP_HANDLES_CREDENTIALS,
  PROP_HANDLES_PAYMENT,
  PROP_ASSET_IDS,
  PROP_CHILD_DIAGRAM_ID,
  PROP_REVIEWED,
  PROP_REVIEWED_BY,
  PROP_REVIEWED_AT,
  PROP_Z_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_element_class_init (MoatElementClass *klass)
{
  properties[PROP_DIAGRAM_ID] = moat_field_string ("diagram-id");
  properties[PROP_KIND] = moat_field_enum ("kind", MOAT_TYPE_ELEMENT_KIND, MOAT_ELEMENT_PROCESS);
  properties[PROP_NAME] = moat_field_string ("name");
  properties[PROP_DESCRIPTION] = moat_field_string ("description");
  properties[PROP_X] = moat_field_double ("x", 0);
  properties[PROP_Y] = moat_field_double ("y", 0);
  properties[PROP_WIDTH] = moat_field_double ("width", 120);
  properties[PROP_HEIGHT] = moat_field_double ("height", 64);
  properties[PROP_SOURCE_ID] = moat_field_string ("source-id");
  properties[PROP_TARGET_ID] = moat_field_string ("target-id");
  properties[PROP_BIDIRECTIONAL] = moat_field_boolean ("bidirectional");
  properties[PROP_POINTS] = moat_field_variant ("points", "a(dd)");
  properties[PROP_LABEL_X] = moat_field_double ("label-x", 0);
  properties[PROP_LABEL_Y] = moat_field_double ("label-y", 0);
  properties[PROP_OUT_OF_SCOPE] = moat_field_boolean ("out-of-scope");
  properties[PROP_OUT_OF_SCOPE_REASON] = moat_field_string ("out-of-scope-reason");
  properties[PROP_TAGS] = moat_field_strv ("tags");
  properties[PROP_TECHNOLOGY] = moat_field_string ("technology");
  properties[PROP_PROTOCOL] = moat_field_string ("protocol");
  properties[PROP_AUTHENTICATED] = moat_field_boolean ("authenticated");
  properties[PROP_AUTHORIZATION_CHECKED] = moat_field_boolean ("authorization-checked");
  properties[PROP_ENCRYPTED_IN_TRANSIT] = moat_field_boolean ("encrypted-in-transit");
  properties[PROP_ENCRYPTED_AT_REST] = moat_field_boolean ("encrypted-at-rest");
  properties[PROP_INTERNET_FACING] = moat_field_boolean ("internet-facing");
  properties[PROP_PRIVILEGE_LEVEL] = moat_field_enum ("privilege-level", MOAT_TYPE_PRIVILEGE, MOAT_PRIVILEGE_UNKNOWN);
  properties[PROP_DATA_CLASSIFICATION] = moat_field_enum ("data-classification", MOAT_TYPE_CLASSIFICATION, MOAT_CLASSIFICATION_INTERNAL);
  properties[PROP_HANDLES_PII] = moat_field_boolean ("handles-pii");
  properties[PROP_HANDLES_CREDENTIALS] = moat_field_boolean ("handles-credentials");
  properties[PROP_HANDLES_PAYMENT] = moat_field_boolean ("handles-payment");
  properties[PROP_ASSET_IDS] = moat_field_strv ("asset-ids");
  properties[PROP_CHILD_DIAGRAM_ID] = moat_field_string ("child-diagram-id");
  properties[PROP_REVIEWED] = moat_field_boolean ("reviewed");
  /* Who last marked the element reviewed, and when. Kept when a change
   * undoes the review, so that one can say whose review it was. */
  properties[PROP_REVIEWED_BY] = moat_field_string ("reviewed-by");
  properties[PROP_REVIEWED_AT] = moat_param_spec_timestamp ("reviewed-at", NULL);
  /* Stacking within the element's layer of the drawing: higher is drawn
   * over lower. Equal values keep the order of the model, which is how
   * files from before the field stack. */
  properties[PROP_Z_ORDER] = moat_field_int ("z-order", -MOAT_ELEMENT_Z_ORDER_LIMIT,
                                             MOAT_ELEMENT_Z_ORDER_LIMIT, 0);

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "element", "elements",
                             properties, N_PROPS);
}

static void
moat_element_init (MoatElement *self)
{
}

MoatElement *
moat_element_new (void)
{
  return g_object_new (MOAT_TYPE_ELEMENT, NULL);
}

const char *
moat_element_get_diagram_id (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DIAGRAM_ID);
}

MoatElementKind
moat_element_get_kind (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_KIND);
}

const char *
moat_element_get_name (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_NAME);
}

const char *
moat_element_get_description (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_DESCRIPTION);
}

double
moat_element_get_x (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_double (MOAT_OBJECT (self), PROP_X);
}

double
moat_element_get_y (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_double (MOAT_OBJECT (self), PROP_Y);
}

double
moat_element_get_width (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_double (MOAT_OBJECT (self), PROP_WIDTH);
}

double
moat_element_get_height (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_double (MOAT_OBJECT (self), PROP_HEIGHT);
}

const char *
moat_element_get_source_id (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_SOURCE_ID);
}

const char *
moat_element_get_target_id (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TARGET_ID);
}

gboolean
moat_element_get_bidirectional (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_BIDIRECTIONAL);
}

GVariant *
moat_element_get_points (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_variant (MOAT_OBJECT (self), PROP_POINTS);
}

double
moat_element_get_label_x (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_double (MOAT_OBJECT (self), PROP_LABEL_X);
}

double
moat_element_get_label_y (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_double (MOAT_OBJECT (self), PROP_LABEL_Y);
}

gboolean
moat_element_get_out_of_scope (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_OUT_OF_SCOPE);
}

const char *
moat_element_get_out_of_scope_reason (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OUT_OF_SCOPE_REASON);
}

const char * const *
moat_element_get_tags (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_TAGS);
}

const char *
moat_element_get_technology (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_TECHNOLOGY);
}

const char *
moat_element_get_protocol (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_PROTOCOL);
}

gboolean
moat_element_get_authenticated (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_AUTHENTICATED);
}

gboolean
moat_element_get_authorization_checked (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_AUTHORIZATION_CHECKED);
}

gboolean
moat_element_get_encrypted_in_transit (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_ENCRYPTED_IN_TRANSIT);
}

gboolean
moat_element_get_encrypted_at_rest (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_ENCRYPTED_AT_REST);
}

gboolean
moat_element_get_internet_facing (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_INTERNET_FACING);
}

MoatPrivilege
moat_element_get_privilege_level (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_PRIVILEGE_LEVEL);
}

MoatClassification
moat_element_get_data_classification (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_DATA_CLASSIFICATION);
}

gboolean
moat_element_get_handles_pii (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_HANDLES_PII);
}

gboolean
moat_element_get_handles_credentials (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_HANDLES_CREDENTIALS);
}

gboolean
moat_element_get_handles_payment (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_HANDLES_PAYMENT);
}

const char * const *
moat_element_get_asset_ids (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_strv (MOAT_OBJECT (self), PROP_ASSET_IDS);
}

const char *
moat_element_get_child_diagram_id (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_CHILD_DIAGRAM_ID);
}

gboolean
moat_element_get_reviewed (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), FALSE);

  return moat_object_peek_boolean (MOAT_OBJECT (self), PROP_REVIEWED);
}

const char *
moat_element_get_reviewed_by (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_REVIEWED_BY);
}

/**
 * moat_element_get_reviewed_at:
 *
 * Returns: when the element was last marked reviewed, in microseconds
 *   since the Unix epoch (UTC), or 0 if never
 */
gint64
moat_element_get_reviewed_at (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return g_value_get_int64 (moat_object_peek_value (MOAT_OBJECT (self), properties[PROP_REVIEWED_AT]));
}

/**
 * moat_element_get_z_order:
 *
 * Returns: where the element stacks among those of its layer: it is
 *   drawn over elements with a lower value
 */
int
moat_element_get_z_order (MoatElement *self)
{
  g_return_val_if_fail (MOAT_IS_ELEMENT (self), 0);

  return moat_object_peek_int (MOAT_OBJECT (self), PROP_Z_ORDER);
}
