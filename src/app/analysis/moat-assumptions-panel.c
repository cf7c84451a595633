/* moat-assumptions-panel.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-assumption-editor.h"
#include "moat-assumptions-panel.h"
#include "moat-labels.h"
#include "moat-risk.h"

struct _MoatAssumptionsPanel
{
  MoatItemsPanel parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatAssumptionsPanel, moat_assumptions_panel, MOAT_TYPE_ITEMS_PANEL)


static gboolean
moat_assumptions_panel_concerns (MoatItemsPanel *panel,
                                 MoatObject     *item,
                                 GHashTable     *element_ids)
{
  MoatAssumption *assumption = MOAT_ASSUMPTION (item);

  return moat_ids_intersect (moat_assumption_get_element_ids (assumption), element_ids)
         || moat_items_panel_threats_concern (panel, moat_assumption_get_threat_ids (assumption), element_ids);
}

static int
moat_assumptions_panel_get_status (MoatObject *item)
{
  return moat_assumption_get_status (MOAT_ASSUMPTION (item));
}

static const char *
moat_assumptions_panel_status_label (int status)
{
  return moat_label_assumption_status (status);
}

static GStrv
moat_assumptions_panel_dup_categories (MoatItemsPanel *panel,
                                       MoatObject     *item)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (MOAT_TYPE_ASSUMPTION_KIND);
  GEnumValue *kind = g_enum_get_value (kinds, moat_assumption_get_kind (MOAT_ASSUMPTION (item)));
  const char *categories[2] = { kind ? kind->value_nick : NULL, NULL };

  return g_strdupv ((char **) categories);
}

static const char *
moat_assumptions_panel_category_label (MoatItemsPanel *panel,
                                       const char     *category)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (MOAT_TYPE_ASSUMPTION_KIND);
  GEnumValue *kind = g_enum_get_value_by_nick (kinds, category);

  return kind ? moat_label_assumption_kind (kind->value) : category;
}

/* The worst open threat that rests on the assumption: what is at stake
 * if it turns out false. */
static int
worst_level (MoatItemsPanel *panel,
             MoatAssumption *assumption)
{
  const char * const *threat_ids = moat_assumption_get_threat_ids (assumption);
  int worst = -1;

  for (guint i = 0; threat_ids != NULL && threat_ids[i] != NULL; i++)
    {
      MoatThreat *threat = moat_items_panel_lookup_threat (panel, threat_ids[i]);
      MoatRiskAssessment risk;

      if (threat == NULL)
        continue;
      moat_risk_assess (moat_items_panel_get_model (panel), threat, &risk);
      if (risk.open)
        worst = MAX (worst, (int) risk.level);
    }
  return worst;
}

static int
moat_assumptions_panel_get_score (MoatItemsPanel *panel,
                                  MoatObject     *item)
{
  MoatAssumption *assumption = MOAT_ASSUMPTION (item);
  int score = (worst_level (panel, assumption) + 1) * 100;

  if (moat_assumption_get_status (assumption) == MOAT_ASSUMPTION_INVALIDATED)
    score += 1000;
  else if (moat_assumption_get_status (assumption) == MOAT_ASSUMPTION_UNVALIDATED)
    score += 500;
  return score;
}

static void
moat_assumptions_panel_describe (MoatItemsPanel *panel,
                                 MoatObject     *item,
                                 MoatItemInfo   *info)
{
  MoatAssumption *assumption = MOAT_ASSUMPTION (item);
  MoatAssumptionStatus status = moat_assumption_get_status (assumption);
  MoatModel *model = moat_items_panel_get_model (panel);
  g_autofree char *elements = moat_label_element_names (model, moat_assumption_get_element_ids (assumption), 2);
  g_autoptr(GString) subtitle = g_string_new (moat_label_assumption_kind (moat_assumption_get_kind (assumption)));

  g_string_append_printf (subtitle, " · %s", moat_label_assumption_status (status));
  if (*elements != '\0')
    g_string_append_printf (subtitle, " · %s", elements);
  info->title = moat_label_object_title (item);
  info->subtitle = g_string_free (g_steal_pointer (&subtitle), FALSE);
  info->level = worst_level (panel, assumption);
  info->closed = status == MOAT_ASSUMPTION_VALIDATED;
  if (status == MOAT_ASSUMPTION_INVALIDATED)
    info->flag = g_strdup (_("Invalidated: the threats that rest on it need another look"));
}

static MoatObject *
moat_assumptions_panel_create_item (MoatItemsPanel *panel)
{
  g_auto(GStrv) ids = moat_items_panel_dup_selection_ids (panel);

  return g_object_new (MOAT_TYPE_ASSUMPTION, "element-ids", ids, NULL);
}

GtkWidget *
moat_assumptions_panel_new (void)
{
  return g_object_new (MOAT_TYPE_ASSUMPTIONS_PANEL, NULL);
}

static void
moat_assumptions_panel_class_init (MoatAssumptionsPanelClass *klass)
{
  MoatItemsPanelClass *panel_class = MOAT_ITEMS_PANEL_CLASS (klass);

  panel_class->item_type = MOAT_TYPE_ASSUMPTION;
  panel_class->status_type = MOAT_TYPE_ASSUMPTION_STATUS;
  panel_class->concerns = moat_assumptions_panel_concerns;
  panel_class->get_status = moat_assumptions_panel_get_status;
  panel_class->status_label = moat_assumptions_panel_status_label;
  panel_class->dup_categories = moat_assumptions_panel_dup_categories;
  panel_class->category_label = moat_assumptions_panel_category_label;
  panel_class->get_score = moat_assumptions_panel_get_score;
  panel_class->describe = moat_assumptions_panel_describe;
  panel_class->create_item = moat_assumptions_panel_create_item;

  g_type_ensure (MOAT_TYPE_ASSUMPTION_EDITOR);
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/moatmodel/Moat/analysis/moat-assumptions-panel.ui");
}

static void
moat_assumptions_panel_init (MoatAssumptionsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
