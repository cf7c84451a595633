/* moat-controls-panel.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-control-editor.h"
#include "moat-controls-panel.h"
#include "moat-labels.h"
#include "moat-risk.h"

struct _MoatControlsPanel
{
  MoatItemsPanel parent_instance;
};

G_DEFINE_FINAL_TYPE (MoatControlsPanel, moat_controls_panel, MOAT_TYPE_ITEMS_PANEL)


static gboolean
moat_controls_panel_concerns (MoatItemsPanel *panel,
                              MoatObject     *item,
                              GHashTable     *element_ids)
{
  return moat_items_panel_threats_concern (panel, moat_control_get_threat_ids (MOAT_CONTROL (item)), element_ids);
}

static int
moat_controls_panel_get_status (MoatObject *item)
{
  return moat_control_get_status (MOAT_CONTROL (item));
}

static const char *
moat_controls_panel_status_label (int status)
{
  return moat_label_control_status (status);
}

static GStrv
moat_controls_panel_dup_categories (MoatItemsPanel *panel,
                                    MoatObject     *item)
{
  const char * const *threat_ids = moat_control_get_threat_ids (MOAT_CONTROL (item));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; threat_ids != NULL && threat_ids[i] != NULL; i++)
    {
      MoatThreat *threat = moat_items_panel_lookup_threat (panel, threat_ids[i]);
      const char *category = threat ? moat_threat_get_category (threat) : NULL;

      if (category != NULL && *category != '\0' && g_hash_table_add (seen, (gpointer) category))
        g_strv_builder_add (builder, category);
    }
  return g_strv_builder_end (builder);
}

typedef struct
{
  guint         n_threats;
  int           points;     /* likelihood × impact of the open threats */
  MoatRiskLevel worst;
  gboolean      any_open;
} Addressed;

static void
addressed (MoatItemsPanel *panel,
           MoatControl    *control,
           Addressed      *out)
{
  const char * const *threat_ids = moat_control_get_threat_ids (control);

  memset (out, 0, sizeof *out);
  for (guint i = 0; threat_ids != NULL && threat_ids[i] != NULL; i++)
    {
      MoatThreat *threat = moat_items_panel_lookup_threat (panel, threat_ids[i]);
      MoatRiskAssessment risk;

      if (threat == NULL)
        continue;
      out->n_threats++;
      moat_risk_assess (moat_items_panel_get_model (panel), threat, &risk);
      if (!risk.open)
        continue;
      out->points += risk.likelihood * risk.impact;
      out->worst = out->any_open ? MAX (out->worst, risk.level) : risk.level;
      out->any_open = TRUE;
    }
}

/* What a control is worth: the worst open threat it addresses, then how
 * much open risk it addresses in all. */
static int
moat_controls_panel_get_score (MoatItemsPanel *panel,
                               MoatObject     *item)
{
  Addressed a;

  addressed (panel, MOAT_CONTROL (item), &a);
  return a.any_open ? 1000 + (int) a.worst * 100 + a.points : 0;
}

static void
moat_controls_panel_describe (MoatItemsPanel *panel,
                              MoatObject     *item,
                              MoatItemInfo   *info)
{
  MoatControl *control = MOAT_CONTROL (item);
  MoatControlStatus status = moat_control_get_status (control);
  g_autofree char *threats = NULL;
  Addressed a;

  addressed (panel, control, &a);
  threats = g_strdup_printf (ngettext ("%u threat", "%u threats", a.n_threats), a.n_threats);
  info->title = moat_label_object_title (item);
  info->subtitle = g_strdup_printf ("%s · %s · %s", moat_label_control_status (status),
                                    moat_label_effort (moat_control_get_effort (control)), threats);
  info->level = a.any_open ? (int) a.worst : -1;
  info->closed = moat_risk_control_steps (status) > 0;
  if (a.n_threats == 0)
    info->flag = g_strdup (_("Mitigates no threat yet"));
}

/* A control added while elements are selected is for their open threats. */
static MoatObject *
moat_controls_panel_create_item (MoatItemsPanel *panel)
{
  MoatModel *model = moat_items_panel_get_model (panel);
  GHashTable *selected = moat_items_panel_get_selection_ids (panel);
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(MoatControl) control = moat_control_new ();

  for (guint i = 0; g_hash_table_size (selected) > 0 && i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);

      if (moat_risk_threat_is_open (threat)
          && moat_ids_intersect (moat_threat_get_element_ids (threat), selected))
        g_strv_builder_add (builder, moat_object_get_id (MOAT_OBJECT (threat)));
    }
  ids = g_strv_builder_end (builder);
  g_object_set (control, "threat-ids", ids, NULL);
  return MOAT_OBJECT (g_steal_pointer (&control));
}

GtkWidget *
moat_controls_panel_new (void)
{
  return g_object_new (MOAT_TYPE_CONTROLS_PANEL, NULL);
}

static void
moat_controls_panel_class_init (MoatControlsPanelClass *klass)
{
  MoatItemsPanelClass *panel_class = MOAT_ITEMS_PANEL_CLASS (klass);

  panel_class->item_type = MOAT_TYPE_CONTROL;
  panel_class->status_type = MOAT_TYPE_CONTROL_STATUS;
  panel_class->concerns = moat_controls_panel_concerns;
  panel_class->get_status = moat_controls_panel_get_status;
  panel_class->status_label = moat_controls_panel_status_label;
  panel_class->dup_categories = moat_controls_panel_dup_categories;
  panel_class->get_score = moat_controls_panel_get_score;
  panel_class->describe = moat_controls_panel_describe;
  panel_class->create_item = moat_controls_panel_create_item;

  g_type_ensure (MOAT_TYPE_CONTROL_EDITOR);
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/moatmodel/Moat/analysis/moat-controls-panel.ui");
}

static void
moat_controls_panel_init (MoatControlsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
