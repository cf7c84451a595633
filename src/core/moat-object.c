/* moat-object.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "moat-clock.h"
#include "moat-model.h"
#include "moat-object.h"
#include "moat-value.h"

typedef struct
{
  char      *id;
  gint64     created;
  gint64     modified;
  MoatModel *model;  /* unowned: the model owns its objects */
  GValue    *values; /* indexed by the subclass's property id */
} MoatObjectPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MoatObject, moat_object, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark
moat_timestamp_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("moat-timestamp");
  return quark;
}

GParamSpec *
moat_param_spec_timestamp (const char *name,
                           const char *nick)
{
  GParamSpec *pspec;

  /* Microseconds since the Unix epoch, UTC; 0 means "not set". */
  pspec = g_param_spec_int64 (name, nick, NULL, 0, G_MAXINT64, 0,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
  g_param_spec_set_qdata (pspec, moat_timestamp_quark (), GINT_TO_POINTER (1));
  return pspec;
}

gboolean
moat_param_spec_is_timestamp (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, moat_timestamp_quark ()) != NULL;
}

/* A field's default, from the class's copy: a value that holds no
 * data of its own (a number, an enum, a NULL text) is copied whole,
 * which costs far less than asking the field for its default each time
 * for every field of thousands of objects being loaded. */
static void
init_default (MoatObjectClass *klass,
              guint            prop_id,
              GValue          *value)
{
  const GValue *def = &klass->defaults[prop_id];
  GType fundamental = G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (def));

  if ((fundamental == G_TYPE_STRING || fundamental == G_TYPE_BOXED || fundamental == G_TYPE_VARIANT ||
       fundamental == G_TYPE_OBJECT || fundamental == G_TYPE_POINTER || fundamental == G_TYPE_PARAM) &&
      def->data[0].v_pointer != NULL)
    {
      g_value_init (value, G_VALUE_TYPE (def));
      g_value_copy (def, value);
    }
  else
    *value = *def;
}

static GValue *
ensure_values (MoatObject *self)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);
  MoatObjectClass *klass;

  if G_LIKELY (priv->values != NULL)
    return priv->values;

  klass = MOAT_OBJECT_GET_CLASS (self);
  priv->values = g_new0 (GValue, klass->n_pspecs);
  for (guint i = 1; i < klass->n_pspecs; i++)
    init_default (klass, i, &priv->values[i]);

  return priv->values;
}

static void
moat_object_finalize (GObject *object)
{
  MoatObject *self = (MoatObject *)object;
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (self);

  if (priv->values != NULL)
    {
      for (guint i = 1; i < klass->n_pspecs; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }
  g_free (priv->id);

  G_OBJECT_CLASS (moat_object_parent_class)->finalize (object);
}

static void
moat_object_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoatObject *self = MOAT_OBJECT (object);
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  if (pspec->owner_type != MOAT_TYPE_OBJECT)
    {
      g_value_copy (&ensure_values (self)[prop_id], value);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;

    case PROP_CREATED:
      g_value_set_int64 (value, priv->created);
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, priv->modified);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_object_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoatObject *self = MOAT_OBJECT (object);
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  if (pspec->owner_type != MOAT_TYPE_OBJECT)
    {
      /* An object in a model is edited through the model, so that every
       * change, wherever it comes from, can be undone and is saved. */
      if (priv->model != NULL && !moat_model_is_applying (priv->model))
        moat_model_set_value (priv->model, self, pspec, value);
      else
        _moat_object_store_value (self, pspec, value);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_free (priv->id);
      priv->id = g_value_dup_string (value);
      if (priv->id != NULL && priv->id[0] == '\0')
        g_clear_pointer (&priv->id, g_free);
      break;

    case PROP_CREATED:
      priv->created = g_value_get_int64 (value);
      break;

    case PROP_MODIFIED:
      priv->modified = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_object_constructed (GObject *object)
{
  MoatObject *self = MOAT_OBJECT (object);
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  G_OBJECT_CLASS (moat_object_parent_class)->constructed (object);

  if (priv->id == NULL)
    priv->id = g_uuid_string_random ();
  if (priv->created == 0)
    priv->created = priv->modified = moat_clock_now ();
}

static void
moat_object_class_init (MoatObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = moat_object_finalize;
  object_class->get_property = moat_object_get_property;
  object_class->set_property = moat_object_set_property;
  object_class->constructed = moat_object_constructed;

  properties[PROP_ID] =
    g_param_spec_string ("id", "Id", NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] = moat_param_spec_timestamp ("created", "Created");
  properties[PROP_MODIFIED] = moat_param_spec_timestamp ("modified", "Modified");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_object_init (MoatObject *self)
{
}

/**
 * moat_object_class_install:
 * @pspecs: (array length=n_pspecs): the subclass's properties; the first
 *   entry is unused, as with g_object_class_install_properties()
 *
 * Installs a subclass's properties and remembers them as the fields that
 * the store and the formats read and write.
 */
void
moat_object_class_install (MoatObjectClass  *klass,
                           const char       *kind_name,
                           const char       *plural_name,
                           GParamSpec      **pspecs,
                           guint             n_pspecs)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* GObject does not inherit these; the fields live in the base class. */
  object_class->get_property = moat_object_get_property;
  object_class->set_property = moat_object_set_property;

  g_object_class_install_properties (object_class, n_pspecs, pspecs);
  klass->kind_name = kind_name;
  klass->plural_name = plural_name;
  klass->pspecs = pspecs;
  klass->n_pspecs = n_pspecs;
  /* Kept as long as the class, which is as long as the process. */
  klass->defaults = g_new0 (GValue, n_pspecs);
  for (guint i = 1; i < n_pspecs; i++)
    {
      g_value_init (&klass->defaults[i], pspecs[i]->value_type);
      moat_value_set_default (pspecs[i], &klass->defaults[i]);
    }
}

/**
 * moat_object_class_for_type:
 *
 * Returns: (transfer none): the class of @type, initialised if no object
 *   of it was made yet (classes of static types are never unloaded)
 */
MoatObjectClass *
moat_object_class_for_type (GType type)
{
  gpointer klass = g_type_class_peek (type);

  if (klass == NULL)
    klass = g_type_class_ref (type);
  return MOAT_OBJECT_CLASS (klass);
}

/**
 * moat_object_class_list_fields:
 *
 * Returns: (transfer none) (array length=n_fields): the subclass's own
 *   properties, in declaration order
 */
GParamSpec **
moat_object_class_list_fields (MoatObjectClass *klass,
                               guint           *n_fields)
{
  *n_fields = klass->n_pspecs - 1;
  return klass->pspecs + 1;
}

const char *
moat_object_class_get_kind_name (MoatObjectClass *klass)
{
  return klass->kind_name;
}

const char *
moat_object_class_get_plural_name (MoatObjectClass *klass)
{
  return klass->plural_name;
}

const char *
moat_object_get_id (MoatObject *self)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  g_return_val_if_fail (MOAT_IS_OBJECT (self), NULL);

  return priv->id;
}

gint64
moat_object_get_created (MoatObject *self)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  return priv->created;
}

gint64
moat_object_get_modified (MoatObject *self)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  return priv->modified;
}

MoatModel *
moat_object_get_model (MoatObject *self)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  return priv->model;
}

const char *
moat_object_get_kind_name (MoatObject *self)
{
  return MOAT_OBJECT_GET_CLASS (self)->kind_name;
}

/**
 * moat_object_get_label:
 *
 * Returns: the text a person knows the object by: its name, title or
 *   statement, or %NULL
 */
const char *
moat_object_get_label (MoatObject *self)
{
  static const char *label_fields[] = { "name", "title", "statement", "rule-id" };
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (self);

  for (guint i = 0; i < G_N_ELEMENTS (label_fields); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass),
                                                        label_fields[i]);

      if (pspec != NULL && pspec->owner_type != MOAT_TYPE_OBJECT)
        return g_value_get_string (&ensure_values (self)[pspec->param_id]);
    }

  return NULL;
}

const GValue *
moat_object_peek_value (MoatObject *self,
                        GParamSpec *pspec)
{
  g_return_val_if_fail (pspec->owner_type != MOAT_TYPE_OBJECT, NULL);

  return &ensure_values (self)[pspec->param_id];
}

const char *
moat_object_peek_string (MoatObject *self,
                         guint       prop_id)
{
  return g_value_get_string (&ensure_values (self)[prop_id]);
}

int
moat_object_peek_int (MoatObject *self,
                      guint       prop_id)
{
  return g_value_get_int (&ensure_values (self)[prop_id]);
}

gboolean
moat_object_peek_boolean (MoatObject *self,
                          guint       prop_id)
{
  return g_value_get_boolean (&ensure_values (self)[prop_id]);
}

double
moat_object_peek_double (MoatObject *self,
                         guint       prop_id)
{
  return g_value_get_double (&ensure_values (self)[prop_id]);
}

int
moat_object_peek_enum (MoatObject *self,
                       guint       prop_id)
{
  return g_value_get_enum (&ensure_values (self)[prop_id]);
}

const char * const *
moat_object_peek_strv (MoatObject *self,
                       guint       prop_id)
{
  return g_value_get_boxed (&ensure_values (self)[prop_id]);
}

GVariant *
moat_object_peek_variant (MoatObject *self,
                          guint       prop_id)
{
  return g_value_get_variant (&ensure_values (self)[prop_id]);
}

/**
 * moat_object_values_equal:
 *
 * Returns: %TRUE if @a and @b are of one type and hold the same id and the
 *   same value in every field (timestamps aside)
 */
gboolean
moat_object_values_equal (MoatObject *a,
                          MoatObject *b)
{
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (a);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;
  if (g_strcmp0 (moat_object_get_id (a), moat_object_get_id (b)) != 0)
    return FALSE;

  for (guint i = 1; i < klass->n_pspecs; i++)
    if (!moat_value_equal (&ensure_values (a)[i], &ensure_values (b)[i]))
      return FALSE;

  return TRUE;
}

/**
 * moat_object_copy:
 * @new_id: whether the copy gets an id of its own
 *
 * Returns: (transfer full): a detached copy of @self
 */
MoatObject *
moat_object_copy (MoatObject *self,
                  gboolean    new_id)
{
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (self);
  MoatObject *copy;

  copy = g_object_new (G_OBJECT_TYPE (self),
                       "id", new_id ? NULL : moat_object_get_id (self),
                       NULL);
  for (guint i = 1; i < klass->n_pspecs; i++)
    _moat_object_store_value (copy, klass->pspecs[i], &ensure_values (self)[i]);
  if (!new_id)
    _moat_object_set_timestamps (copy,
                                 moat_object_get_created (self),
                                 moat_object_get_modified (self));

  return copy;
}

/* moat_object_copy() for copying a whole model: the values are known to
 * be valid, and nobody watches the copy yet. */
MoatObject *
_moat_object_clone (MoatObject *self)
{
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (self);
  MoatObject *copy = g_object_new (G_OBJECT_TYPE (self), "id", moat_object_get_id (self), NULL);
  MoatObjectPrivate *priv = moat_object_get_instance_private (copy);
  const GValue *values = ensure_values (self);

  g_assert (priv->values == NULL);
  priv->values = g_new0 (GValue, klass->n_pspecs);
  for (guint i = 1; i < klass->n_pspecs; i++)
    {
      g_value_init (&priv->values[i], klass->pspecs[i]->value_type);
      g_value_copy (&values[i], &priv->values[i]);
    }
  _moat_object_set_timestamps (copy, moat_object_get_created (self), moat_object_get_modified (self));

  return copy;
}

gboolean
_moat_object_store_value (MoatObject   *self,
                          GParamSpec   *pspec,
                          const GValue *value)
{
  GValue *slot = &ensure_values (self)[pspec->param_id];
  GValue v = G_VALUE_INIT;

  g_return_val_if_fail (pspec->owner_type == G_OBJECT_TYPE (self), FALSE);

  g_value_init (&v, pspec->value_type);
  if (!g_value_transform (value, &v))
    {
      g_value_unset (&v);
      return FALSE;
    }
  g_param_value_validate (pspec, &v);

  if (moat_value_equal (&v, slot))
    {
      g_value_unset (&v);
      return FALSE;
    }

  g_value_unset (slot);
  *slot = v;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);

  return TRUE;
}

/* Loading trusts its caller to pass a value of the field's own type and
 * skips comparison and notification: nobody watches an object yet. */
void
_moat_object_load_value (MoatObject *self,
                         GParamSpec *pspec,
                         GValue     *value)
{
  GValue *slot = &ensure_values (self)[pspec->param_id];

  g_param_value_validate (pspec, value);
  g_value_unset (slot);
  *slot = *value;
  memset (value, 0, sizeof *value);
}

/* Loading a new object in one go: @values holds, by field (param_id),
 * what the file gave, with no type where it gave nothing. The values are
 * taken; every other field gets its default, each field set once. */
void
_moat_object_load_values (MoatObject *self,
                          GValue     *values)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);
  MoatObjectClass *klass = MOAT_OBJECT_GET_CLASS (self);

  if (priv->values != NULL)
    {
      for (guint i = 1; i < klass->n_pspecs; i++)
        if (G_VALUE_TYPE (&values[i]) != G_TYPE_INVALID)
          _moat_object_load_value (self, klass->pspecs[i], &values[i]);
      return;
    }

  priv->values = g_new0 (GValue, klass->n_pspecs);
  for (guint i = 1; i < klass->n_pspecs; i++)
    {
      GParamSpec *pspec = klass->pspecs[i];

      if (G_VALUE_TYPE (&values[i]) != G_TYPE_INVALID)
        {
          g_param_value_validate (pspec, &values[i]);
          priv->values[i] = values[i];
          memset (&values[i], 0, sizeof values[i]);
          continue;
        }
      init_default (klass, i, &priv->values[i]);
    }
}

void
_moat_object_set_model (MoatObject *self,
                        MoatModel  *model)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  priv->model = model;
}

void
_moat_object_set_timestamps (MoatObject *self,
                             gint64      created,
                             gint64      modified)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  priv->created = created;
  priv->modified = modified;
}

void
_moat_object_touch (MoatObject *self,
                    gint64      now)
{
  MoatObjectPrivate *priv = moat_object_get_instance_private (self);

  priv->modified = now;
}
