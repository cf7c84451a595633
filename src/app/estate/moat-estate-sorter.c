/* moat-estate-sorter.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "moat-estate-sorter.h"

typedef enum {
  SORT_RISK,
  SORT_NAME,
  SORT_REVIEW,
  SORT_CHANGE,
  SORT_CHECK,
} SortBy;

static const struct {
  const char *name;
  const char *heading;
} orders[] = {
  [SORT_RISK] = { "risk", N_("Systems by Business Risk") },
  [SORT_NAME] = { "name", N_("Systems by Name") },
  [SORT_REVIEW] = { "review", N_("Systems, Oldest Review First") },
  [SORT_CHANGE] = { "change", N_("Systems, Oldest Change First") },
  [SORT_CHECK] = { "check", N_("Systems, Oldest Feature Check First") },
};

struct _MoatEstateSorter
{
  GtkSorter parent_instance;

  SortBy    sort_by;
};

G_DEFINE_FINAL_TYPE (MoatEstateSorter, moat_estate_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_SORT_BY,
  PROP_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
check_time (MoatEstateSystem *system)
{
  MoatFeatureCheck *check = moat_estate_system_get_last_check (system);

  return check != NULL ? moat_feature_check_get_checked_at (check) : 0;
}

static gint64
sort_time (MoatEstateSorter *self,
           MoatEstateSystem *system)
{
  switch (self->sort_by)
    {
    case SORT_REVIEW:
      return moat_estate_system_get_last_review (system);
    case SORT_CHANGE:
      return moat_estate_system_get_last_change (system);
    case SORT_CHECK:
      return check_time (system);
    case SORT_RISK:
    case SORT_NAME:
    default:
      return 0;
    }
}

static GtkOrdering
moat_estate_sorter_compare (GtkSorter *sorter,
                            gpointer   item1,
                            gpointer   item2)
{
  MoatEstateSorter *self = MOAT_ESTATE_SORTER (sorter);
  MoatEstateSystem *a = item1, *b = item2;
  gboolean a_read = moat_estate_system_is_model (a), b_read = moat_estate_system_is_model (b);
  g_autofree char *key_a = NULL, *key_b = NULL;
  gint64 time_a, time_b;

  if (a_read != b_read)
    return a_read ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (self->sort_by == SORT_RISK)
    return GTK_ORDERING_EQUAL;
  time_a = sort_time (self, a);
  time_b = sort_time (self, b);
  if (time_a != time_b)
    return time_a < time_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  key_a = g_utf8_collate_key_for_filename (moat_estate_system_get_title (a), -1);
  key_b = g_utf8_collate_key_for_filename (moat_estate_system_get_title (b), -1);
  return gtk_ordering_from_cmpfunc (strcmp (key_a, key_b));
}

static GtkSorterOrder
moat_estate_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
moat_estate_sorter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MoatEstateSorter *self = MOAT_ESTATE_SORTER (object);

  switch (prop_id)
    {
    case PROP_SORT_BY:
      g_value_set_string (value, moat_estate_sorter_get_sort_by (self));
      break;
    case PROP_HEADING:
      g_value_set_string (value, moat_estate_sorter_get_heading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_estate_sorter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MoatEstateSorter *self = MOAT_ESTATE_SORTER (object);

  switch (prop_id)
    {
    case PROP_SORT_BY:
      moat_estate_sorter_set_sort_by (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_estate_sorter_class_init (MoatEstateSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = moat_estate_sorter_get_property;
  object_class->set_property = moat_estate_sorter_set_property;
  sorter_class->compare = moat_estate_sorter_compare;
  sorter_class->get_order = moat_estate_sorter_get_order;

  properties[PROP_SORT_BY] = g_param_spec_string ("sort-by", NULL, NULL, "risk",
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADING] = g_param_spec_string ("heading", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_estate_sorter_init (MoatEstateSorter *self)
{
}

MoatEstateSorter *
moat_estate_sorter_new (void)
{
  return g_object_new (MOAT_TYPE_ESTATE_SORTER, NULL);
}

const char *
moat_estate_sorter_get_sort_by (MoatEstateSorter *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SORTER (self), NULL);

  return orders[self->sort_by].name;
}

const char *
moat_estate_sorter_get_heading (MoatEstateSorter *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_SORTER (self), NULL);

  return _(orders[self->sort_by].heading);
}

void
moat_estate_sorter_set_sort_by (MoatEstateSorter *self,
                                const char       *sort_by)
{
  g_return_if_fail (MOAT_IS_ESTATE_SORTER (self));

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (g_strcmp0 (orders[i].name, sort_by) == 0 && self->sort_by != i)
      {
        self->sort_by = i;
        gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_BY]);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADING]);
      }
}
