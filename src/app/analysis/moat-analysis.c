/* moat-analysis.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept apart from MoatWindow: the window's templates declare the pages
 * and panels and hand them the model; this ties them together (the rule
 * engine, the selection, the canvas's highlight and badges, going to
 * where a linked object is edited).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-analysis.h"
#include "moat-canvas.h"
#include "moat-risk.h"
#include "moat-toast.h"
#include "moat-work-count.h"

struct _MoatAnalysis
{
  GObject               parent_instance;

  MoatDiagramPage      *diagram_page;   /* weak: the window owns both */
  AdwViewStack         *view_stack;     /* weak */
  MoatModel            *model;
  MoatRuleEngine       *engine;
  GSettings            *settings;

  MoatThreatsPanel     *threats_panel;
  MoatControlsPanel    *controls_panel;
  MoatAssumptionsPanel *assumptions_panel;
  MoatRiskPage         *risk_page;

  GtkWidget            *canvas;         /* weak: the one our handlers are on */
  GHashTable           *badges;         /* element id → Badge, NULL when stale */
  gboolean              loaded;         /* the engine made, badges shown */
};

G_DEFINE_FINAL_TYPE (MoatAnalysis, moat_analysis, G_TYPE_OBJECT)

typedef struct
{
  guint         n_open;
  MoatRiskLevel worst;
} Badge;

/* Badges: open threats per element, in the colour of the worst. */

static void
count_badges (MoatAnalysis *self)
{
  GListModel *threats = moat_model_get_list (self->model, MOAT_TYPE_THREAT);

  self->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  moat_work_count_add (MOAT_WORK_BADGE_THREAT, g_list_model_get_n_items (threats));
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char * const *ids = moat_threat_get_element_ids (threat);
      MoatRiskAssessment risk;

      if (!moat_risk_threat_is_open (threat))
        continue;
      moat_risk_assess (self->model, threat, &risk);
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          Badge *badge = g_hash_table_lookup (self->badges, ids[j]);

          if (badge == NULL)
            {
              badge = g_new0 (Badge, 1);
              badge->worst = risk.level;
              g_hash_table_insert (self->badges, g_strdup (ids[j]), badge);
            }
          badge->n_open++;
          badge->worst = MAX (badge->worst, risk.level);
        }
    }
}

/**
 * moat_analysis_get_badge:
 * @n_open: (out): how many open threats concern the element
 * @worst: (out): the level of the worst of them
 *
 * Returns: whether any open threat concerns the element
 */
gboolean
moat_analysis_get_badge (MoatAnalysis  *self,
                         const char    *element_id,
                         guint         *n_open,
                         MoatRiskLevel *worst)
{
  Badge *badge;

  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), FALSE);

  *n_open = 0;
  *worst = MOAT_RISK_LOW;
  /* Counting them waits for the first frame: see moat_analysis_load(). */
  if (self->model == NULL || !self->loaded)
    return FALSE;
  if (self->badges == NULL)
    count_badges (self);
  badge = g_hash_table_lookup (self->badges, element_id);
  if (badge == NULL)
    return FALSE;
  *n_open = badge->n_open;
  *worst = badge->worst;
  return TRUE;
}

static guint
badge_func (MoatElement *element,
            MoatColor   *color,
            gpointer     user_data)
{
  MoatAnalysis *self = user_data;
  MoatRiskLevel worst;
  guint n_open;

  if (!moat_analysis_get_badge (self, moat_object_get_id (MOAT_OBJECT (element)), &n_open, &worst))
    return 0;
  moat_risk_level_get_rgb (worst, &color->red, &color->green, &color->blue);
  color->alpha = 1.0;
  return n_open;
}

/* The canvas */

static void apply_canvas_view (MoatAnalysis *self);

static void
on_canvas_changed (MoatAnalysis *self)
{
  apply_canvas_view (self);
}

static void
watch_canvas (MoatAnalysis *self,
              GtkWidget    *canvas)
{
  if (self->canvas == canvas)
    return;
  if (self->canvas != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->canvas, self);
      g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
    }
  self->canvas = canvas;
  if (canvas == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
  /* The canvas makes a new renderer for a new diagram or model. */
  g_signal_connect_object (canvas, "notify::diagram-id", G_CALLBACK (on_canvas_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (canvas, "notify::model", G_CALLBACK (on_canvas_changed), self, G_CONNECT_SWAPPED);
}

static void
apply_canvas_view (MoatAnalysis *self)
{
  GtkWidget *canvas = self->diagram_page ? moat_diagram_page_get_canvas (self->diagram_page) : NULL;
  const char * const *highlight;
  g_autoptr(GHashTable) highlighted = NULL;
  MoatRenderer *renderer;

  if (!MOAT_IS_CANVAS (canvas))
    return;
  watch_canvas (self, canvas);
  renderer = moat_canvas_get_renderer (MOAT_CANVAS (canvas));
  if (renderer == NULL)
    return;

  /* The renderer knows elements, not ids. */
  highlight = self->threats_panel ? moat_threats_panel_get_highlight (self->threats_panel) : NULL;
  highlighted = g_hash_table_new (NULL, NULL);
  for (guint i = 0; self->model != NULL && highlight != NULL && highlight[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (self->model, highlight[i], MOAT_TYPE_ELEMENT);

      if (element != NULL)
        g_hash_table_add (highlighted, element);
    }
  moat_renderer_set_highlighted (renderer, highlighted);
  moat_renderer_set_badge_func (renderer, badge_func, g_object_ref (self), g_object_unref);
  gtk_widget_queue_draw (canvas);
}

/* Following the model */

static void
on_action_closed (MoatAnalysis *self)
{
  g_clear_pointer (&self->badges, g_hash_table_unref);
  if (self->canvas != NULL)
    gtk_widget_queue_draw (self->canvas);
}

static void
on_enabled_sets_changed (MoatAnalysis *self)
{
  g_auto(GStrv) sets = NULL;

  if (self->engine == NULL || self->settings == NULL)
    return;
  sets = g_settings_get_strv (self->settings, "enabled-rule-sets");
  moat_rule_engine_set_default_sets (self->engine, (const char * const *) sets);
}

static void
show_toast (MoatAnalysis *self,
            const char   *text)
{
  moat_toast_show (GTK_WIDGET (self->diagram_page), text, FALSE);
}

static void
make_engine (MoatAnalysis *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatRuleSet) rules = moat_rule_set_new_default (&error);

  /* A broken personal rules file must not cost the built-in rules. */
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Your own rules were not loaded: %s"), error->message);
      show_toast (self, message);
    }
  self->engine = moat_rule_engine_new (self->model, rules);
  moat_work_count_add (MOAT_WORK_RULE_ELEMENT, moat_model_count (self->model, MOAT_TYPE_ELEMENT));
  on_enabled_sets_changed (self);
}

/**
 * moat_analysis_set_model:
 * @settings: (nullable): where the enabled rule sets are kept
 *
 * Hands the analysis a model without analysing it yet: the rule engine
 * evaluates every element and the badges count every threat, work that
 * grows with the model and waits until moat_analysis_load(), which the
 * window calls once its first frame is on screen. Once loaded, a model
 * handed over again (to read the rule files again) is analysed at once.
 */
void
moat_analysis_set_model (MoatAnalysis *self,
                         MoatModel    *model,
                         GSettings    *settings)
{
  gboolean was_loaded;

  g_return_if_fail (MOAT_IS_ANALYSIS (self));

  was_loaded = self->loaded;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  self->loaded = FALSE;
  g_set_object (&self->model, model);
  g_set_object (&self->settings, settings);

  if (model != NULL)
    g_signal_connect_object (model, "action-closed", G_CALLBACK (on_action_closed), self, G_CONNECT_SWAPPED);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::enabled-rule-sets", G_CALLBACK (on_enabled_sets_changed),
                             self, G_CONNECT_SWAPPED);

  if (self->threats_panel != NULL)
    moat_threats_panel_set_engine (self->threats_panel, NULL);
  apply_canvas_view (self);
  if (was_loaded)
    moat_analysis_load (self);
}

/**
 * moat_analysis_load:
 *
 * Makes the rule engine of the model and shows what it and the badges
 * say; does nothing when that is done already. Anything that needs the
 * engine earlier gets it from moat_analysis_get_engine(), which loads.
 */
void
moat_analysis_load (MoatAnalysis *self)
{
  g_return_if_fail (MOAT_IS_ANALYSIS (self));

  if (self->loaded || self->model == NULL)
    return;
  self->loaded = TRUE;
  make_engine (self);
  if (self->threats_panel != NULL)
    moat_threats_panel_set_engine (self->threats_panel, self->engine);
  if (self->badges == NULL)
    count_badges (self);
  apply_canvas_view (self);
}

/**
 * moat_analysis_is_loaded:
 *
 * Returns: whether the model's analysis is made (see moat_analysis_load())
 */
gboolean
moat_analysis_is_loaded (MoatAnalysis *self)
{
  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), FALSE);

  return self->loaded || self->model == NULL;
}

/* Going to where an object is edited */

static void
show_side_page (MoatAnalysis *self,
                GtkWidget    *panel)
{
  GtkWidget *stack = gtk_widget_get_ancestor (panel, ADW_TYPE_VIEW_STACK);
  GtkWidget *page = panel;

  adw_view_stack_set_visible_child_name (self->view_stack, "diagrams");
  /* The stack's page holds the panel (built when first shown). */
  while (page != NULL && gtk_widget_get_parent (page) != stack)
    page = gtk_widget_get_parent (page);
  if (stack != NULL && page != NULL)
    adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), page);
}

/* The elements of @ids on the diagram of the first, selected there. */
static void
show_elements (MoatAnalysis       *self,
               const char * const *ids)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  const char *diagram_id = NULL;
  MoatDiagram *diagram;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (self->model, ids[i], MOAT_TYPE_ELEMENT);

      if (element != NULL && diagram_id == NULL)
        diagram_id = moat_element_get_diagram_id (element);
      if (element != NULL && g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0)
        g_ptr_array_add (selection, element);
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "diagrams");
  diagram = diagram_id ? moat_model_lookup_typed (self->model, diagram_id, MOAT_TYPE_DIAGRAM) : NULL;
  if (diagram != NULL && diagram != moat_diagram_page_get_diagram (self->diagram_page))
    g_object_set (self->diagram_page, "diagram", diagram, NULL);
  moat_diagram_page_set_selection (self->diagram_page, selection);
}

/* A threat is shown on the diagram of its first element, so the canvas
 * highlight lands where the user can see it. */
static void
show_diagram_of (MoatAnalysis       *self,
                 const char * const *element_ids)
{
  MoatElement *element = NULL;
  MoatDiagram *diagram;

  for (guint i = 0; element == NULL && element_ids != NULL && element_ids[i] != NULL; i++)
    element = moat_model_lookup_typed (self->model, element_ids[i], MOAT_TYPE_ELEMENT);
  if (element == NULL)
    return;
  diagram = moat_model_lookup_typed (self->model, moat_element_get_diagram_id (element), MOAT_TYPE_DIAGRAM);
  if (diagram != NULL && diagram != moat_diagram_page_get_diagram (self->diagram_page))
    g_object_set (self->diagram_page, "diagram", diagram, NULL);
}

/**
 * moat_analysis_show:
 * @object: a threat, control, assumption, element or feature check
 *
 * Shows @object where it is edited: an element selected on its diagram,
 * a feature check's elements selected on the diagram of the first, the
 * others in their panel's editor.
 */
void
moat_analysis_show (MoatAnalysis *self,
                    MoatObject   *object)
{
  MoatItemsPanel *panel;
  const char *name = NULL;

  g_return_if_fail (MOAT_IS_ANALYSIS (self));

  if (self->model == NULL)
    return;
  if (MOAT_IS_ELEMENT (object))
    {
      show_elements (self, (const char *[]) { moat_object_get_id (object), NULL });
      return;
    }
  if (MOAT_IS_FEATURE_CHECK (object))
    {
      show_elements (self, moat_feature_check_get_element_ids (MOAT_FEATURE_CHECK (object)));
      return;
    }
  if (MOAT_IS_THREAT (object))
    {
      show_diagram_of (self, moat_threat_get_element_ids (MOAT_THREAT (object)));
      name = "threats";
    }
  else if (MOAT_IS_CONTROL (object))
    name = "controls";
  else if (MOAT_IS_ASSUMPTION (object))
    name = "assumptions";
  if (name == NULL || self->diagram_page == NULL)
    return;
  /* Built now if it was never shown. */
  panel = MOAT_ITEMS_PANEL (moat_diagram_page_get_side_panel (self->diagram_page, name));
  show_side_page (self, GTK_WIDGET (panel));
  moat_items_panel_edit (panel, object);
}

static void
on_open (MoatAnalysis *self,
         MoatObject   *object)
{
  moat_analysis_show (self, object);
}

/* Accessors */

MoatRuleEngine *
moat_analysis_get_engine (MoatAnalysis *self)
{
  g_return_val_if_fail (MOAT_IS_ANALYSIS (self), NULL);

  moat_analysis_load (self);
  return self->engine;
}

/* GObject */

static void
moat_analysis_dispose (GObject *object)
{
  MoatAnalysis *self = MOAT_ANALYSIS (object);

  watch_canvas (self, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->diagram_page != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->diagram_page, self);
      g_object_remove_weak_pointer (G_OBJECT (self->diagram_page), (gpointer *) &self->diagram_page);
      self->diagram_page = NULL;
    }
  if (self->view_stack != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->view_stack), (gpointer *) &self->view_stack);
      self->view_stack = NULL;
    }
  g_clear_object (&self->engine);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->threats_panel);
  g_clear_object (&self->controls_panel);
  g_clear_object (&self->assumptions_panel);
  g_clear_object (&self->risk_page);
  g_clear_pointer (&self->badges, g_hash_table_unref);

  G_OBJECT_CLASS (moat_analysis_parent_class)->dispose (object);
}

static void
moat_analysis_class_init (MoatAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_analysis_dispose;
}

static void
moat_analysis_init (MoatAnalysis *self)
{
}

/* The panels of items are built when first shown or asked for. Each is
 * held here as well as by its parent, so the handlers stay valid while
 * the window is torn down. */
static void
on_side_panel_made (MoatAnalysis *self,
                    const char   *name,
                    GtkWidget    *panel)
{
  if (MOAT_IS_THREATS_PANEL (panel) && self->threats_panel == NULL)
    {
      self->threats_panel = g_object_ref (MOAT_THREATS_PANEL (panel));
      g_signal_connect_object (panel, "notify::highlight", G_CALLBACK (apply_canvas_view), self,
                               G_CONNECT_SWAPPED);
      if (self->loaded)
        moat_threats_panel_set_engine (self->threats_panel, self->engine);
    }
  else if (MOAT_IS_CONTROLS_PANEL (panel) && self->controls_panel == NULL)
    self->controls_panel = g_object_ref (MOAT_CONTROLS_PANEL (panel));
  else if (MOAT_IS_ASSUMPTIONS_PANEL (panel) && self->assumptions_panel == NULL)
    self->assumptions_panel = g_object_ref (MOAT_ASSUMPTIONS_PANEL (panel));
  else
    return;
  g_signal_connect_object (panel, "open", G_CALLBACK (on_open), self, G_CONNECT_SWAPPED);
}

/**
 * moat_analysis_new:
 * @diagram_page: the page whose side panels list threats, controls and
 *   assumptions
 * @view_stack: the window's pages
 *
 * The pages and panels are the window's templates' own, and have the
 * model from their bindings; this only wires them together.
 */
MoatAnalysis *
moat_analysis_new (MoatDiagramPage *diagram_page,
                   AdwViewStack    *view_stack)
{
  MoatAnalysis *self = g_object_new (MOAT_TYPE_ANALYSIS, NULL);

  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (diagram_page), self);
  g_return_val_if_fail (ADW_IS_VIEW_STACK (view_stack), self);

  self->diagram_page = diagram_page;
  g_object_add_weak_pointer (G_OBJECT (diagram_page), (gpointer *) &self->diagram_page);
  self->view_stack = view_stack;
  g_object_add_weak_pointer (G_OBJECT (view_stack), (gpointer *) &self->view_stack);

  g_signal_connect_object (diagram_page, "side-panel-made", G_CALLBACK (on_side_panel_made), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (diagram_page, "notify::diagram", G_CALLBACK (apply_canvas_view), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * moat_analysis_add_risk_page:
 * @risk_page: the window's Risk page, made when first shown
 *
 * Goes from what the Risk page activates to where it is edited.
 */
void
moat_analysis_add_risk_page (MoatAnalysis *self,
                             MoatRiskPage *risk_page)
{
  g_return_if_fail (MOAT_IS_ANALYSIS (self));
  g_return_if_fail (MOAT_IS_RISK_PAGE (risk_page));
  g_return_if_fail (self->risk_page == NULL);

  /* Held here as well as by its parent, as the panels are. */
  self->risk_page = g_object_ref (risk_page);
  g_signal_connect_object (self->risk_page, "threat-activated", G_CALLBACK (on_open), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->risk_page, "control-activated", G_CALLBACK (on_open), self, G_CONNECT_SWAPPED);
}
