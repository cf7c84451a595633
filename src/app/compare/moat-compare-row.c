/* moat-compare-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-compare-row.h"

struct _MoatCompareRow
{
  AdwActionRow  parent_instance;

  MoatDiffKind  kind;
  char         *object_kind;
  char         *id;

  GtkImage     *kind_icon;
};

G_DEFINE_FINAL_TYPE (MoatCompareRow, moat_compare_row, ADW_TYPE_ACTION_ROW)

static const struct {
  const char *icon;
  const char *style;
  const char *name;
} kinds[] = {
  [MOAT_DIFF_ADDED] = { "list-add-symbolic", "success", N_("Added") },
  [MOAT_DIFF_REMOVED] = { "list-remove-symbolic", "error", N_("Removed") },
  [MOAT_DIFF_CHANGED] = { "document-edit-symbolic", "warning", N_("Changed") },
};

/**
 * moat_compare_row_new:
 * @entry: one change `moat_diff_models()` found
 */
GtkWidget *
moat_compare_row_new (const MoatDiffEntry *entry)
{
  MoatCompareRow *self = g_object_new (MOAT_TYPE_COMPARE_ROW, NULL);
  g_autofree char *text = moat_diff_entry_text (entry);

  self->kind = entry->kind;
  self->object_kind = g_strdup (entry->object_kind);
  self->id = g_strdup (entry->id);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text);
  if (entry->detail != NULL && entry->detail[0])
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), entry->detail);
  gtk_image_set_from_icon_name (self->kind_icon, kinds[entry->kind].icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_icon), kinds[entry->kind].style);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_icon), _(kinds[entry->kind].name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(kinds[entry->kind].name), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(kinds[entry->kind].name), -1);
  return GTK_WIDGET (self);
}

MoatDiffKind
moat_compare_row_get_kind (MoatCompareRow *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE_ROW (self), MOAT_DIFF_CHANGED);
  return self->kind;
}

/**
 * moat_compare_row_get_object_kind:
 *
 * Returns: what changed: "element", "threat", "risk", …
 */
const char *
moat_compare_row_get_object_kind (MoatCompareRow *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE_ROW (self), NULL);
  return self->object_kind;
}

/**
 * moat_compare_row_get_id:
 *
 * Returns: the id of the object that changed
 */
const char *
moat_compare_row_get_id (MoatCompareRow *self)
{
  g_return_val_if_fail (MOAT_IS_COMPARE_ROW (self), NULL);
  return self->id;
}

static void
moat_compare_row_finalize (GObject *object)
{
  MoatCompareRow *self = MOAT_COMPARE_ROW (object);

  g_free (self->object_kind);
  g_free (self->id);

  G_OBJECT_CLASS (moat_compare_row_parent_class)->finalize (object);
}

static void
moat_compare_row_class_init (MoatCompareRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = moat_compare_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/moatmodel/Moat/compare/moat-compare-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatCompareRow, kind_icon);
}

static void
moat_compare_row_init (MoatCompareRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
