/* moat-conflict.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-conflict.h"
#include "moat-object-private.h"

struct _MoatConflict
{
  MoatObject parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatConflict, moat_conflict, MOAT_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_OBJECT_ID,
  PROP_OBJECT_KIND,
  PROP_FIELD,
  PROP_TITLE,
  PROP_BASE_VALUE,
  PROP_OURS_VALUE,
  PROP_THEIRS_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
moat_conflict_class_init (MoatConflictClass *klass)
{
  properties[PROP_KIND] = moat_field_enum ("kind", MOAT_TYPE_CONFLICT_KIND, MOAT_CONFLICT_FIELD);
  /* No foreign key: the object may be gone on one side, or by now. */
  properties[PROP_OBJECT_ID] = moat_field_string ("object-id");
  properties[PROP_OBJECT_KIND] = moat_field_string ("object-kind");
  properties[PROP_FIELD] = moat_field_string ("field");
  /* The object's name when the merge met it, for lists and the log. */
  properties[PROP_TITLE] = moat_field_string ("title");
  properties[PROP_BASE_VALUE] = moat_field_string ("base-value");
  properties[PROP_OURS_VALUE] = moat_field_string ("ours-value");
  properties[PROP_THEIRS_VALUE] = moat_field_string ("theirs-value");

  moat_object_class_install (MOAT_OBJECT_CLASS (klass), "conflict", "conflicts",
                             properties, N_PROPS);
}

static void
moat_conflict_init (MoatConflict *self)
{
}

/**
 * moat_conflict_new:
 * @object: the object in conflict, in any version
 * @field: (nullable): the field, for %MOAT_CONFLICT_FIELD
 *
 * The id is derived from the object and the field, so that merging the
 * same versions always gives the same model.
 */
MoatConflict *
moat_conflict_new (MoatConflictKind  kind,
                   MoatObject       *object,
                   const char       *field)
{
  return _moat_conflict_new_with_id (kind, object, field, NULL);
}

MoatConflict *
_moat_conflict_new_with_id (MoatConflictKind  kind,
                            MoatObject       *object,
                            const char       *field,
                            const char       *id)
{
  g_autofree char *derived = NULL;
  g_autofree char *title = NULL;
  const char *label = moat_object_get_label (object);

  /* A statement may run to pages: the title only names it. */
  if (label == NULL || label[0] == '\0')
    label = moat_object_get_id (object);
  title = g_utf8_strlen (label, -1) > 200 ? g_utf8_substring (label, 0, 200) : g_strdup (label);
  if (id == NULL)
    id = derived = _moat_conflict_derive_id (kind, object, field);

  return g_object_new (MOAT_TYPE_CONFLICT,
                       "id", id,
                       "kind", kind,
                       "object-id", moat_object_get_id (object),
                       "object-kind", moat_object_get_kind_name (object),
                       "field", field,
                       "title", title,
                       NULL);
}

/* The same conflict of the same versions gets the same id; an id from an
 * import may be long, and a conflict's id must stay within the limits. */
char *
_moat_conflict_derive_id (MoatConflictKind  kind,
                          MoatObject       *object,
                          const char       *field)
{
  const char *object_id = moat_object_get_id (object);
  g_autofree char *digest = NULL;

  if (strlen (object_id) > 200)
    object_id = digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, object_id, -1);
  return g_strdup_printf ("conflict:%s:%s", object_id,
                          field ? field : moat_conflict_kind_to_string (kind));
}

MoatConflictKind
moat_conflict_get_kind (MoatConflict *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT (self), MOAT_CONFLICT_FIELD);

  return moat_object_peek_enum (MOAT_OBJECT (self), PROP_KIND);
}

const char *
moat_conflict_get_object_id (MoatConflict *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OBJECT_ID);
}

const char *
moat_conflict_get_object_kind (MoatConflict *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_OBJECT_KIND);
}

const char *
moat_conflict_get_field (MoatConflict *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT (self), NULL);

  return moat_object_peek_string (MOAT_OBJECT (self), PROP_FIELD);
}

/**
 * moat_conflict_get_value:
 * @side: base, ours or theirs
 *
 * Returns: (nullable): the side's value as Moat JSON, or %NULL where the
 *   side has no such object
 */
const char *
moat_conflict_get_value (MoatConflict  *self,
                         MoatMergeSide  side)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT (self), NULL);

  switch (side)
    {
    case MOAT_MERGE_SIDE_BASE:
      return moat_object_peek_string (MOAT_OBJECT (self), PROP_BASE_VALUE);
    case MOAT_MERGE_SIDE_OURS:
      return moat_object_peek_string (MOAT_OBJECT (self), PROP_OURS_VALUE);
    case MOAT_MERGE_SIDE_THEIRS:
      return moat_object_peek_string (MOAT_OBJECT (self), PROP_THEIRS_VALUE);
    case MOAT_MERGE_SIDE_VALUE:
    default:
      return NULL;
    }
}

/* For the merge, while the conflict is in no model yet. */
void
moat_conflict_set_values (MoatConflict *self,
                          const char   *base,
                          const char   *ours,
                          const char   *theirs)
{
  const char *values[] = { base, ours, theirs };

  g_return_if_fail (MOAT_IS_CONFLICT (self));
  g_return_if_fail (moat_object_get_model (MOAT_OBJECT (self)) == NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, values[i]);
      _moat_object_store_value (MOAT_OBJECT (self), properties[PROP_BASE_VALUE + i], &value);
    }
}

const char *
moat_conflict_kind_to_string (MoatConflictKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_CONFLICT_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  /* Nicks are static strings: they outlive the class reference. */
  return value ? value->value_nick : "field";
}

static const char *
shown (const char *value)
{
  return value ? value : _("(deleted)");
}

/**
 * moat_conflict_describe:
 *
 * Returns: (transfer full): one line for a person: what is in conflict
 *   and each side's value
 */
char *
moat_conflict_describe (MoatConflict *self)
{
  MoatObject *object = MOAT_OBJECT (self);
  const char *kind_name = moat_conflict_get_object_kind (self);
  const char *title = moat_object_peek_string (object, PROP_TITLE);
  const char *base = moat_conflict_get_value (self, MOAT_MERGE_SIDE_BASE);
  const char *ours = moat_conflict_get_value (self, MOAT_MERGE_SIDE_OURS);
  const char *theirs = moat_conflict_get_value (self, MOAT_MERGE_SIDE_THEIRS);

  switch (moat_conflict_get_kind (self))
    {
    case MOAT_CONFLICT_FIELD:
      /* Translators: element “Web app”: name: base "App", ours "Web app", theirs "Front end" */
      return g_strdup_printf (_("%s “%s”: %s: base %s, ours %s, theirs %s"),
                              kind_name, title, moat_conflict_get_field (self),
                              base ? base : _("(none)"), shown (ours), shown (theirs));
    case MOAT_CONFLICT_EDITED_DELETED:
      return g_strdup_printf (ours == NULL
                              ? _("%s “%s”: deleted on our side, edited on theirs: %s")
                              : _("%s “%s”: deleted on their side, edited on ours: %s"),
                              kind_name, title, ours ? ours : theirs);
    case MOAT_CONFLICT_REFERENCED_DELETED:
      return g_strdup_printf (ours == NULL
                              ? _("%s “%s”: deleted on our side, but their side refers to it from %s")
                              : _("%s “%s”: deleted on their side, but our side refers to it from %s"),
                              kind_name, title, ours ? ours : theirs);
    case MOAT_CONFLICT_ADDED_TWICE:
      return g_strdup_printf (_("%s “%s”: added on both sides as different objects: ours %s, theirs %s"),
                              kind_name, title, shown (ours), shown (theirs));
    default:
      g_assert_not_reached ();
    }
}
