/* moat-estate-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-estate-row.h"
#include "moat-risk-chip.h"

struct _MoatEstateRow
{
  GtkBox            parent_instance;

  MoatEstateSystem *system;

  /* template children */
  GtkImage         *error_icon;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *counts_label;
  GtkLabel         *review_label;
  GtkLabel         *check_label;
  MoatRiskChip     *chip;
};

G_DEFINE_FINAL_TYPE (MoatEstateRow, moat_estate_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SYSTEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe_counts (MoatEstateSystem *system)
{
  guint critical = moat_estate_system_get_n_open (system, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_CRITICAL);
  guint high = moat_estate_system_get_n_open (system, MOAT_RISK_BASIS_RESIDUAL, MOAT_RISK_HIGH);

  if (critical == 0 && high == 0)
    return g_strdup (_("No critical or high"));
  /* Translators: open threats of a system, e.g. "2 critical · 3 high" */
  return g_strdup_printf (_("%u critical · %u high"), critical, high);
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) date = time > 0 ? g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC) : NULL;

  /* Translators: a date as strftime() writes it, e.g. "7 Dec 2026" */
  return date != NULL ? g_date_time_format (date, _("%-d %b %Y")) : NULL;
}

static char *
describe_review (MoatEstateSystem *system)
{
  g_autofree char *date = format_day (moat_estate_system_get_last_review (system));

  if (date == NULL)
    return g_strdup (_("Never reviewed"));
  /* Translators: when a system's model was last reviewed */
  return g_strdup_printf (_("Reviewed %s"), date);
}

/* The last feature check, short: "Feature checked 20 Nov 2026" */
static char *
describe_check (MoatEstateSystem *system)
{
  MoatFeatureCheck *check = moat_estate_system_get_last_check (system);
  g_autofree char *date = check != NULL ? format_day (moat_feature_check_get_checked_at (check)) : NULL;

  if (date == NULL)
    return g_strdup (_("No feature check"));
  /* Translators: when a team last answered the feature check questions */
  return g_strdup_printf (_("Feature checked %s"), date);
}

/* …and in full, for the tooltip: the feature and what was decided. */
static char *
describe_check_outcome (MoatEstateSystem *system)
{
  MoatFeatureCheck *check = moat_estate_system_get_last_check (system);
  g_autofree char *outcome = NULL;

  if (check == NULL)
    return NULL;
  outcome = moat_feature_check_describe (check);
  return g_strdup_printf ("%s: %s", moat_feature_check_get_title (check), outcome);
}

static char *
describe_subtitle (MoatEstateSystem *system)
{
  const GError *error = moat_estate_system_get_error (system);
  const char *owner = moat_estate_system_get_owner (system);
  const char *path = moat_estate_system_get_path (system);

  if (error != NULL)
    return g_strdup_printf ("%s — %s", path, error->message);
  if (owner != NULL && *owner != '\0')
    return g_strdup_printf ("%s · %s", owner, path);
  return g_strdup_printf (_("No owner · %s"), path);
}

static int
level_of (MoatEstateSystem *system)
{
  gboolean any_open = FALSE;
  MoatRiskLevel level;

  if (moat_estate_system_get_error (system) != NULL)
    return -1;
  level = moat_estate_system_get_rank_level (system, &any_open);
  return any_open ? (int) level : -1;
}

/**
 * moat_estate_row_describe:
 *
 * Returns: (transfer full): all a row says about @system in one sentence,
 *   the name a screen reader gives the row
 */
char *
moat_estate_row_describe (MoatEstateSystem *system)
{
  g_autofree char *subtitle = describe_subtitle (system);
  g_autofree char *counts = NULL;
  g_autofree char *review = NULL;
  g_autofree char *check = NULL;
  int level = level_of (system);

  if (moat_estate_system_get_error (system) != NULL)
    /* Translators: a file of the estate that could not be read, and why */
    return g_strdup_printf (_("%s, could not be read: %s"), moat_estate_system_get_title (system), subtitle);

  counts = describe_counts (system);
  review = describe_review (system);
  check = describe_check (system);
  /* Translators: a system of the estate: title, highest open risk, counts, review, feature check,
   * owner and file */
  return g_strdup_printf (_("%s, %s, %s, %s, %s, %s"), moat_estate_system_get_title (system),
                          level >= 0 ? moat_risk_level_get_label (level) : _("no open threats"),
                          counts, review, check, subtitle);
}

static void
update (MoatEstateRow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *review = NULL;
  g_autofree char *check = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *name = NULL;
  gboolean damaged;

  if (self->system == NULL)
    return;

  damaged = moat_estate_system_get_error (self->system) != NULL;
  subtitle = describe_subtitle (self->system);
  counts = damaged ? g_strdup ("") : describe_counts (self->system);
  review = damaged ? g_strdup ("") : describe_review (self->system);
  check = damaged ? g_strdup ("") : describe_check (self->system);
  outcome = damaged ? NULL : describe_check_outcome (self->system);
  name = moat_estate_row_describe (self->system);

  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), damaged);
  gtk_label_set_text (self->title_label, moat_estate_system_get_title (self->system));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_label_set_text (self->counts_label, counts);
  gtk_label_set_text (self->review_label, review);
  gtk_label_set_text (self->check_label, check);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check_label), outcome);
  moat_risk_chip_set_level (self->chip, level_of (self->system));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), damaged ? subtitle : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
moat_estate_row_set_system (MoatEstateRow    *self,
                            MoatEstateSystem *system)
{
  g_return_if_fail (MOAT_IS_ESTATE_ROW (self));

  if (!g_set_object (&self->system, system))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM]);
}

/* Returns: (transfer none) (nullable) */
MoatEstateSystem *
moat_estate_row_get_system (MoatEstateRow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_ROW (self), NULL);
  return self->system;
}

const char *
moat_estate_row_get_title (MoatEstateRow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

/* Returns: the level the row's chip shows, or -1 for none */
int
moat_estate_row_get_level (MoatEstateRow *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_ROW (self), -1);
  return moat_risk_chip_get_level (self->chip);
}

static void
moat_estate_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MoatEstateRow *self = MOAT_ESTATE_ROW (object);

  switch (prop_id)
    {
    case PROP_SYSTEM:
      g_value_set_object (value, self->system);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_estate_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MoatEstateRow *self = MOAT_ESTATE_ROW (object);

  switch (prop_id)
    {
    case PROP_SYSTEM:
      moat_estate_row_set_system (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_estate_row_dispose (GObject *object)
{
  MoatEstateRow *self = MOAT_ESTATE_ROW (object);

  g_clear_object (&self->system);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_ESTATE_ROW);

  G_OBJECT_CLASS (moat_estate_row_parent_class)->dispose (object);
}

static void
moat_estate_row_class_init (MoatEstateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = moat_estate_row_get_property;
  object_class->set_property = moat_estate_row_set_property;
  object_class->dispose = moat_estate_row_dispose;

  properties[PROP_SYSTEM] =
    g_param_spec_object ("system", NULL, NULL, MOAT_TYPE_ESTATE_SYSTEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_RISK_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/estate/moat-estate-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, error_icon);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, review_label);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, check_label);
  gtk_widget_class_bind_template_child (widget_class, MoatEstateRow, chip);
}

static void
moat_estate_row_init (MoatEstateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
