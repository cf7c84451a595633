/* moat-workshop-threats.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The walk goes through what STRIDE per element looks at: actors,
 * processes, stores and flows that are in scope. The crown jewels come
 * first: elements are ordered by the business impact of what they hold
 * or carry (the highest impact of their assets, moat-risk.h); at equal
 * impact the data stores lead, since they hold the assets at rest, and
 * the rest (those with no asset last) follow in diagram order: diagram
 * by diagram, nodes from top left to bottom right and then the flows.
 * The current element is kept by id, so edits to the model keep the
 * place.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas.h"
#include "moat-labels.h"
#include "moat-workshop-asset-row.h"
#include "moat-workshop-suggestion-row.h"
#include "moat-workshop-threat-row.h"
#include "moat-workshop-threats.h"
#include "moat-workshop-util.h"

struct _MoatWorkshopThreats
{
  MoatPage        parent_instance;

  MoatModel      *model;       /* the page's, for short */
  MoatRuleEngine *engine;
  GPtrArray      *walk;        /* of MoatElement, in walking order */
  GHashTable     *impacts;     /* MoatElement → its assets' highest impact */
  char           *current_id;
  guint           rebuild_source;
  gboolean        rows_stale;

  GtkCustomFilter    *threat_filter;
  GtkFilterListModel *threats;
  GListStore         *suggestions;

  GtkWidget      *canvas;
  GtkWidget      *previous_button;
  GtkWidget      *next_button;
  GtkWidget      *position_label;
  GtkWidget      *kind_label;
  GtkWidget      *name_label;
  GtkWidget      *description_label;
  GtkWidget      *asset_list;
  GtkWidget      *asset_section;
  GtkWidget      *threat_list;
  GtkWidget      *suggestion_list;
  GtkWidget      *suggestion_section;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopThreats, moat_workshop_threats, MOAT_TYPE_PAGE)

enum {
  PROP_0,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_walked (MoatElement *element)
{
  MoatElementKind kind = moat_element_get_kind (element);

  return kind != MOAT_ELEMENT_NOTE && kind != MOAT_ELEMENT_BOUNDARY
         && !moat_element_get_out_of_scope (element);
}

static int
diagram_position (MoatModel   *model,
                  MoatElement *element)
{
  MoatDiagram *diagram = moat_model_lookup_typed (model, moat_element_get_diagram_id (element),
                                                  MOAT_TYPE_DIAGRAM);

  return diagram != NULL ? moat_diagram_get_position (diagram) : G_MAXINT;
}

static gboolean
is_store (MoatElement *element)
{
  return moat_element_get_kind (element) == MOAT_ELEMENT_STORE;
}

static int
element_impact (MoatWorkshopThreats *self,
                MoatElement         *element)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->impacts, element));
}

static int
compare_walk (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  MoatElement *x = *(MoatElement **) a;
  MoatElement *y = *(MoatElement **) b;
  MoatWorkshopThreats *self = user_data;
  MoatModel *model = self->model;
  gboolean x_flow = moat_element_get_kind (x) == MOAT_ELEMENT_FLOW;
  gboolean y_flow = moat_element_get_kind (y) == MOAT_ELEMENT_FLOW;
  int order;

  if ((order = element_impact (self, y) - element_impact (self, x)) != 0)
    return order;
  if (element_impact (self, x) > 0 && is_store (x) != is_store (y))
    return is_store (y) - is_store (x);
  if ((order = diagram_position (model, x) - diagram_position (model, y)) != 0)
    return order;
  if ((order = g_strcmp0 (moat_element_get_diagram_id (x), moat_element_get_diagram_id (y))) != 0)
    return order;
  if (x_flow != y_flow)
    return x_flow - y_flow;
  if (x_flow)
    return 0;
  if (moat_element_get_y (x) != moat_element_get_y (y))
    return moat_element_get_y (x) < moat_element_get_y (y) ? -1 : 1;
  if (moat_element_get_x (x) != moat_element_get_x (y))
    return moat_element_get_x (x) < moat_element_get_x (y) ? -1 : 1;
  return 0;
}

static void
build_walk (MoatWorkshopThreats *self)
{
  GListModel *elements;

  g_ptr_array_set_size (self->walk, 0);
  g_hash_table_remove_all (self->impacts);
  if (self->model == NULL)
    return;

  elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (is_walked (element))
        {
          const char *ids[] = { moat_object_get_id (MOAT_OBJECT (element)), NULL };

          g_hash_table_insert (self->impacts, element,
                               GINT_TO_POINTER (moat_risk_impact_from_assets (self->model, ids)));
          g_ptr_array_add (self->walk, g_steal_pointer (&element));
        }
    }
  /* A stable sort keeps flows in the order they were drawn. */
  g_ptr_array_sort_with_data (self->walk, compare_walk, self);
}

static int
current_index (MoatWorkshopThreats *self)
{
  for (guint i = 0; i < self->walk->len && self->current_id != NULL; i++)
    if (g_str_equal (moat_object_get_id (self->walk->pdata[i]), self->current_id))
      return i;
  return -1;
}

MoatElement *
moat_workshop_threats_get_element (MoatWorkshopThreats *self)
{
  int index;

  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), NULL);

  index = current_index (self);
  return index >= 0 ? self->walk->pdata[index] : NULL;
}

static void
refresh_suggestions (MoatWorkshopThreats *self)
{
  g_autoptr(GPtrArray) found = NULL;

  g_list_store_remove_all (self->suggestions);
  if (self->engine != NULL && self->current_id != NULL)
    {
      found = moat_rule_engine_list_suggestions (self->engine, self->current_id);
      g_list_store_splice (self->suggestions, 0, 0, found->pdata, found->len);
    }
  gtk_widget_set_visible (self->suggestion_section, self->engine != NULL);
}

/* What the element holds or carries, with its business impact. */
static void
show_assets (MoatWorkshopThreats *self,
             MoatElement         *element)
{
  const char * const *ids = element ? moat_element_get_asset_ids (element) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->asset_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->asset_list), child);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatAsset *asset = moat_model_lookup_typed (self->model, ids[i], MOAT_TYPE_ASSET);

      if (asset != NULL)
        gtk_list_box_append (GTK_LIST_BOX (self->asset_list), moat_workshop_asset_row_new (self->model, asset));
    }
  gtk_widget_set_visible (self->asset_section, element != NULL);
}

static void
show_element (MoatWorkshopThreats *self)
{
  MoatElement *element = moat_workshop_threats_get_element (self);
  int index = current_index (self);
  g_autofree char *position = NULL;

  gtk_widget_set_sensitive (self->previous_button, index > 0);
  gtk_widget_set_sensitive (self->next_button, index >= 0 && index + 1 < (int) self->walk->len);
  if (element == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->position_label), "");
      gtk_label_set_text (GTK_LABEL (self->kind_label), "");
      moat_workshop_label_set (self->name_label, NULL, _("Nothing on the diagrams to walk through yet"));
      gtk_widget_set_visible (self->description_label, FALSE);
    }
  else
    {
      /* Translators: where the walk is, as in "3 of 24" */
      position = g_strdup_printf (_("%d of %u"), index + 1, self->walk->len);
      gtk_label_set_text (GTK_LABEL (self->position_label), position);
      gtk_label_set_text (GTK_LABEL (self->kind_label),
                          moat_label_element_kind (moat_element_get_kind (element)));
      moat_workshop_label_set (self->name_label, moat_element_get_name (element), _("Unnamed"));
      moat_workshop_label_set (self->description_label, moat_element_get_description (element), "");
      gtk_widget_set_visible (self->description_label,
                              moat_element_get_description (element) != NULL
                              && moat_element_get_description (element)[0] != '\0');
    }

  show_assets (self, element);
  if (element != NULL)
    moat_workshop_canvas_frame (self->canvas, element);
  gtk_filter_changed (GTK_FILTER (self->threat_filter), GTK_FILTER_CHANGE_DIFFERENT);
  refresh_suggestions (self);
}

static void
go_to (MoatWorkshopThreats *self,
       int                  index)
{
  g_free (self->current_id);
  self->current_id = index >= 0 && index < (int) self->walk->len
                     ? g_strdup (moat_object_get_id (self->walk->pdata[index])) : NULL;
  show_element (self);
}

/**
 * moat_workshop_threats_step:
 * @delta: +1 for the next element, -1 for the previous one
 *
 * Returns: %TRUE if there was an element to go to
 */
gboolean
moat_workshop_threats_step (MoatWorkshopThreats *self,
                            int                  delta)
{
  int index;

  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), FALSE);

  index = current_index (self) + delta;
  if (index < 0 || index >= (int) self->walk->len)
    return FALSE;
  go_to (self, index);
  return TRUE;
}

guint
moat_workshop_threats_get_position (MoatWorkshopThreats *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), 0);

  return MAX (current_index (self), 0);
}

guint
moat_workshop_threats_get_n_elements (MoatWorkshopThreats *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), 0);

  return self->walk->len;
}

static gboolean
threat_on_current (gpointer item,
                   gpointer user_data)
{
  MoatWorkshopThreats *self = user_data;
  const char * const *ids = moat_threat_get_element_ids (item);

  return self->current_id != NULL && ids != NULL && g_strv_contains (ids, self->current_id);
}

static GtkWidget *
create_threat_row (gpointer item,
                   gpointer user_data)
{
  MoatWorkshopThreats *self = user_data;

  return moat_workshop_threat_row_new (self->model, item, MOAT_WORKSHOP_THREAT_STATUS,
                                       MOAT_WORKSHOP_RESIDUAL_CHANGED);
}

static void
on_accept (MoatWorkshopThreats       *self,
           MoatWorkshopSuggestionRow *row)
{
  if (self->engine != NULL)
    moat_rule_engine_accept (self->engine, moat_workshop_suggestion_row_get_suggestion (row),
                             MOAT_ACCEPT_DEFAULT);
}

static GtkWidget *
create_suggestion_row (gpointer item,
                       gpointer user_data)
{
  GtkWidget *row = moat_workshop_suggestion_row_new (item);

  g_signal_connect_object (row, "accept", G_CALLBACK (on_accept), user_data, G_CONNECT_SWAPPED);
  return row;
}

static void
bind_lists (MoatWorkshopThreats *self)
{
  gtk_filter_list_model_set_model (self->threats,
                                   self->model ? moat_model_get_list (self->model, MOAT_TYPE_THREAT) : NULL);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->threat_list),
                           self->model ? G_LIST_MODEL (self->threats) : NULL,
                           create_threat_row, self, NULL);
}

/* After an edit the walk is made again; the place is kept when the
 * element is still there, else the walk starts at the beginning. */
static gboolean
on_rebuild (gpointer data)
{
  MoatWorkshopThreats *self = data;
  int index;

  self->rebuild_source = 0;
  build_walk (self);
  if (self->rows_stale)
    bind_lists (self);
  self->rows_stale = FALSE;
  index = current_index (self);
  if (index < 0)
    go_to (self, 0);
  else
    show_element (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (MoatWorkshopThreats *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (on_rebuild, self);
}

static void
on_model_changed (MoatWorkshopThreats *self,
                  MoatChange          *change)
{
  /* Rows show a snapshot of their threat and its risk, which controls
   * lower: an edit to either makes them anew. */
  if (change->kind == MOAT_CHANGE_SET
      && (MOAT_IS_THREAT (change->object) || MOAT_IS_CONTROL (change->object)))
    self->rows_stale = TRUE;
  if (MOAT_IS_ASSET (change->object))
    self->rows_stale = TRUE;
  if (MOAT_IS_ELEMENT (change->object) || MOAT_IS_DIAGRAM (change->object) || self->rows_stale)
    queue_rebuild (self);
}


static void
moat_workshop_threats_model_changed (MoatPage  *page,
                                     MoatModel *previous)
{
  MoatWorkshopThreats *self = MOAT_WORKSHOP_THREATS (page);
  MoatModel *model = moat_page_get_model (page);

  self->model = model;
  g_clear_pointer (&self->current_id, g_free);
  moat_canvas_set_model (MOAT_CANVAS (self->canvas), model);
  bind_lists (self);
  build_walk (self);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  go_to (self, 0);
}

static void
on_suggestions_changed (MoatWorkshopThreats *self,
                        GStrv                element_ids)
{
  if (self->current_id != NULL && g_strv_contains ((const char * const *) element_ids, self->current_id))
    refresh_suggestions (self);
}

void
moat_workshop_threats_set_engine (MoatWorkshopThreats *self,
                                  MoatRuleEngine      *engine)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_THREATS (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "suggestions-changed", G_CALLBACK (on_suggestions_changed),
                             self, G_CONNECT_SWAPPED);
  refresh_suggestions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

/**
 * moat_workshop_threats_get_selected_threat:
 *
 * Returns: (transfer none) (nullable): the threat picked in the list, to
 *   which a captured control is linked
 */
MoatThreat *
moat_workshop_threats_get_selected_threat (MoatWorkshopThreats *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), NULL);

  row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->threat_list));
  return row != NULL
         ? moat_workshop_threat_row_get_threat (MOAT_WORKSHOP_THREAT_ROW (gtk_list_box_row_get_child (row)))
         : NULL;
}

/**
 * moat_workshop_threats_get_threats:
 *
 * Returns: (transfer none): the threats on the current element
 */
GListModel *
moat_workshop_threats_get_threats (MoatWorkshopThreats *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), NULL);

  return G_LIST_MODEL (self->threats);
}

/**
 * moat_workshop_threats_get_suggestions:
 *
 * Returns: (transfer none): the open suggestions for the current element
 */
GListModel *
moat_workshop_threats_get_suggestions (MoatWorkshopThreats *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_THREATS (self), NULL);

  return G_LIST_MODEL (self->suggestions);
}

static void
on_previous (MoatWorkshopThreats *self)
{
  moat_workshop_threats_step (self, -1);
}

static void
on_next (MoatWorkshopThreats *self)
{
  moat_workshop_threats_step (self, +1);
}

/* A click on another element of the walk on the canvas goes there. */
static void
on_canvas_selection_changed (MoatWorkshopThreats *self)
{
  g_autoptr(GPtrArray) selection = moat_canvas_get_selection (MOAT_CANVAS (self->canvas));

  if (selection == NULL || selection->len != 1)
    return;
  for (guint i = 0; i < self->walk->len; i++)
    if (self->walk->pdata[i] == selection->pdata[0] && (int) i != current_index (self))
      {
        go_to (self, i);
        return;
      }
}

static void
moat_workshop_threats_dispose (GObject *object)
{
  MoatWorkshopThreats *self = MOAT_WORKSHOP_THREATS (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  moat_workshop_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_THREATS);
  g_clear_object (&self->engine);
  self->model = NULL;
  g_clear_object (&self->threats);
  g_clear_object (&self->suggestions);

  G_OBJECT_CLASS (moat_workshop_threats_parent_class)->dispose (object);
}

static void
moat_workshop_threats_finalize (GObject *object)
{
  MoatWorkshopThreats *self = MOAT_WORKSHOP_THREATS (object);

  g_ptr_array_unref (self->walk);
  g_hash_table_unref (self->impacts);
  g_free (self->current_id);

  G_OBJECT_CLASS (moat_workshop_threats_parent_class)->finalize (object);
}

static void
moat_workshop_threats_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MoatWorkshopThreats *self = MOAT_WORKSHOP_THREATS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_threats_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MoatWorkshopThreats *self = MOAT_WORKSHOP_THREATS (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      moat_workshop_threats_set_engine (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_threats_class_init (MoatWorkshopThreatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MoatPageClass *page_class = MOAT_PAGE_CLASS (klass);

  object_class->dispose = moat_workshop_threats_dispose;
  object_class->finalize = moat_workshop_threats_finalize;
  object_class->get_property = moat_workshop_threats_get_property;
  object_class->set_property = moat_workshop_threats_set_property;
  page_class->model_changed = moat_workshop_threats_model_changed;

  /**
   * MoatWorkshopThreats:engine:
   *
   * The rule engine whose open suggestions the stage offers.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, MOAT_TYPE_RULE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_CANVAS);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-threats.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, canvas);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, previous_button);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, next_button);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, position_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, kind_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, name_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, description_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, asset_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, asset_section);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, threat_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, suggestion_list);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopThreats, suggestion_section);
  gtk_widget_class_bind_template_callback (widget_class, on_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_next);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_selection_changed);
}

static void
moat_workshop_threats_init (MoatWorkshopThreats *self)
{
  self->walk = g_ptr_array_new_with_free_func (g_object_unref);
  self->impacts = g_hash_table_new (NULL, NULL);
  self->suggestions = g_list_store_new (MOAT_TYPE_SUGGESTION);
  self->threat_filter = gtk_custom_filter_new (threat_on_current, self, NULL);
  self->threats = gtk_filter_list_model_new (NULL, GTK_FILTER (self->threat_filter));

  gtk_widget_init_template (GTK_WIDGET (self));
  moat_workshop_canvas_use_high_contrast (self->canvas);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->suggestion_list), G_LIST_MODEL (self->suggestions),
                           create_suggestion_row, self, NULL);
  show_element (self);
}

GtkWidget *
moat_workshop_threats_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_THREATS, NULL);
}
