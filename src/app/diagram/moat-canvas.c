/* moat-canvas.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas holds view state only: zoom, scroll position, tool,
 * selection and the gesture in progress. Every edit goes to the model,
 * inside one action per gesture, and comes back through the renderer's
 * geometry, which recomputes only the elements an edit touched. A frame
 * costs in proportion to what is on screen, never to the whole model.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "moat-canvas.h"
#include "moat-frame-cache.h"
#include "moat-limits.h"

/* Distances on screen, in pixels, whatever the zoom. */
#define HIT_TOLERANCE     6.0
#define DRAG_THRESHOLD    4.0
#define VIEW_MARGIN       40.0
#define SCROLL_STEP       48.0
#define ZOOM_STEP         1.25
#define FIT_MAX_ZOOM      2.0

/* The smallest element a drag can make, in diagram units. */
#define MIN_SIZE          24.0
#define DEFAULT_GRID      20.0
/* A boundary line placed with a click, without a drag. */
#define LINE_LENGTH       240.0

/* The frame reaches GTK in squares of this many device pixels: a square
 * nothing changed in is the same render node as before, which GTK need
 * not paint again. */
#define TILE_SIZE         256

/* How long a frame draws for after a zoom, in µs, from where the zoom
 * centres (see MoatFrameCache): the rest of the view shows its last
 * pixels resampled. Half a frame at 60 Hz leaves GTK the other half. */
#define ZOOM_FRAME_BUDGET 8000
/* After a zoom held still this long (ms), the view is drawn sharp as a
 * whole, once, between frames: what a zoom left resampled, and the
 * squares drawn apart, which differ from a drawing of the whole by a few
 * levels of antialiasing. */
#define ZOOM_PAUSE        150

typedef enum {
  DRAG_NONE,
  DRAG_PAN,
  DRAG_RUBBER_BAND,
  DRAG_MOVE,
  DRAG_RESIZE,
  DRAG_PLACE,
  DRAG_NEW_FLOW,
  DRAG_BEND,
  DRAG_LABEL,
  DRAG_RECONNECT,
} DragMode;

/* Where a moved element started. */
typedef struct
{
  MoatElement *element;
  double       x;
  double       y;
  GVariant    *points;  /* flows whose bends move along, boundary lines */
  gboolean     line;    /* a boundary line: its points and its box move */
} Start;

typedef struct
{
  DragMode         mode;
  guint            button;
  GdkModifierType  modifiers;
  double           start_x;       /* widget pixels */
  double           start_y;
  double           x;
  double           y;
  gboolean         moved;
  gboolean         action_open;

  MoatElement     *element;       /* what the gesture grabbed */
  MoatElement     *toggle_off;    /* Shift-click on a selected element */
  MoatElement     *select_only;   /* plain click inside a multi-selection */
  MoatElement     *drop_target;   /* the node a flow end would join */
  int              index;         /* the handle or bend */
  gboolean         target_end;    /* reconnecting the target, not the source */
  MoatRect         start_rect;
  double           start_origin_x;
  double           start_origin_y;
  double           start_label_x;
  double           start_label_y;
  GVariant        *start_points;
  GArray          *starts;        /* of Start */
} Drag;

struct _MoatCanvas
{
  GtkWidget        parent_instance;

  MoatModel       *model;
  char            *diagram_id;
  MoatRenderer    *renderer;
  MoatFrameCache  *frames;
  GPtrArray       *tiles;         /* GskRenderNode, row by row */
  int              tiles_x;
  int              tiles_y;
  cairo_region_t  *gesture_area;  /* what the last frame drew over the diagram */
  guint            pause_timeout; /* the zoom paused: draw the view as a whole */
  guint            prepare_idle;  /* ready the memory the next zoom draws in */
  gboolean         redrawn;       /* so every tile is new */
  MoatView         drawn_view;    /* what the last frame showed */
  gint64           zoom_budget;
  MoatCompare     *compare;
  gulong           changed_handler;
  guint            restack_idle;  /* Bring to Front, Send to Back to update */
  MoatElement     *flow_source;   /* a flow begun from the keyboard */

  MoatCanvasTool   tool;
  gboolean         snap;
  double           grid_size;

  double           zoom;
  double           origin_x;      /* the diagram point at the top left */
  double           origin_y;
  gboolean         needs_view;    /* place the view once the size is known */
  double           zoom_before_pinch;

  GHashTable      *selection;     /* MoatElement* -> itself, referenced */
  MoatElement     *hover;
  MoatElement     *connection_hint;
  Drag             drag;
  gboolean         space_held;
  double           pointer_x;
  double           pointer_y;

  GtkWidget       *entry;
  MoatElement     *renaming;

  GMenuModel      *selection_menu;
  GMenuModel      *multi_selection_menu;
  GMenuModel      *canvas_menu;
  GMenuModel      *flow_drop_menu;
  double           menu_x;        /* where the context menu was asked for */
  double           menu_y;
  MoatElement     *dropped_flow_source;  /* a flow dropped on empty canvas */
  double           dropped_x;
  double           dropped_y;
  GtkWidget       *menu;          /* the context menu, made when first shown */
};

G_DEFINE_FINAL_TYPE (MoatCanvas, moat_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DIAGRAM_ID,
  PROP_TOOL,
  PROP_ZOOM,
  PROP_SNAP_TO_GRID,
  PROP_SELECTION_MENU,
  PROP_MULTI_SELECTION_MENU,
  PROP_CANVAS_MENU,
  PROP_FLOW_DROP_MENU,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void offer_new_target (MoatCanvas  *self,
                              MoatElement *source,
                              double       x,
                              double       y);

static const char * const tool_names[] = {
  [MOAT_CANVAS_TOOL_SELECT] = "select",
  [MOAT_CANVAS_TOOL_ACTOR] = "actor",
  [MOAT_CANVAS_TOOL_PROCESS] = "process",
  [MOAT_CANVAS_TOOL_STORE] = "store",
  [MOAT_CANVAS_TOOL_BOUNDARY] = "boundary",
  [MOAT_CANVAS_TOOL_FLOW] = "flow",
  [MOAT_CANVAS_TOOL_NOTE] = "note",
  [MOAT_CANVAS_TOOL_BOUNDARY_LINE] = "boundary-line",
};

/* What a new element of each kind looks like until someone changes it. */
static const struct
{
  double      width;
  double      height;
  const char *name;
  const char *action;
} kind_defaults[] = {
  [MOAT_ELEMENT_ACTOR] = { 150, 72, N_("Actor"), N_("Add actor") },
  [MOAT_ELEMENT_PROCESS] = { 120, 120, N_("Process"), N_("Add process") },
  [MOAT_ELEMENT_STORE] = { 150, 72, N_("Data store"), N_("Add data store") },
  [MOAT_ELEMENT_BOUNDARY] = { 360, 240, N_("Trust boundary"), N_("Add trust boundary") },
  [MOAT_ELEMENT_FLOW] = { 0, 0, N_("Data flow"), N_("Add data flow") },
  [MOAT_ELEMENT_NOTE] = { 220, 80, N_("Note"), N_("Add note") },
};

static MoatElementKind
tool_kind (MoatCanvasTool tool)
{
  switch (tool)
    {
    case MOAT_CANVAS_TOOL_ACTOR:
      return MOAT_ELEMENT_ACTOR;
    case MOAT_CANVAS_TOOL_STORE:
      return MOAT_ELEMENT_STORE;
    case MOAT_CANVAS_TOOL_BOUNDARY:
    case MOAT_CANVAS_TOOL_BOUNDARY_LINE:
      return MOAT_ELEMENT_BOUNDARY;
    case MOAT_CANVAS_TOOL_FLOW:
      return MOAT_ELEMENT_FLOW;
    case MOAT_CANVAS_TOOL_NOTE:
      return MOAT_ELEMENT_NOTE;
    default:
      return MOAT_ELEMENT_PROCESS;
    }
}

/* ---------------------------------------------------------------------
 * View
 * ------------------------------------------------------------------- */

void
moat_canvas_get_view (MoatCanvas *self,
                      MoatView   *view)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  *view = (MoatView) { self->zoom, self->origin_x, self->origin_y,
                       gtk_widget_get_width (GTK_WIDGET (self)),
                       gtk_widget_get_height (GTK_WIDGET (self)) };
}

void
moat_canvas_to_diagram (MoatCanvas *self,
                        double      x,
                        double      y,
                        double     *diagram_x,
                        double     *diagram_y)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  *diagram_x = self->origin_x + x / self->zoom;
  *diagram_y = self->origin_y + y / self->zoom;
}

void
moat_canvas_from_diagram (MoatCanvas *self,
                          double      diagram_x,
                          double      diagram_y,
                          double     *x,
                          double     *y)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  *x = (diagram_x - self->origin_x) * self->zoom;
  *y = (diagram_y - self->origin_y) * self->zoom;
}

double
moat_canvas_get_zoom (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), 1.0);

  return self->zoom;
}

/**
 * moat_canvas_zoom_at:
 * @factor: how much to zoom: 2 doubles the size
 *
 * Zooms so that the diagram point under (@x, @y) stays there.
 */
void
moat_canvas_zoom_at (MoatCanvas *self,
                     double      factor,
                     double      x,
                     double      y)
{
  double zoom, dx, dy;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  zoom = CLAMP (self->zoom * factor, MOAT_CANVAS_MIN_ZOOM, MOAT_CANVAS_MAX_ZOOM);
  if (zoom == self->zoom)
    return;

  moat_canvas_to_diagram (self, x, y, &dx, &dy);
  self->zoom = zoom;
  self->origin_x = dx - x / zoom;
  self->origin_y = dy - y / zoom;
  self->needs_view = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at_centre (MoatCanvas *self,
                double      factor)
{
  moat_canvas_zoom_at (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
moat_canvas_set_zoom (MoatCanvas *self,
                      double      zoom)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  zoom_at_centre (self, zoom / self->zoom);
}

void
moat_canvas_zoom_in (MoatCanvas *self)
{
  zoom_at_centre (self, ZOOM_STEP);
}

void
moat_canvas_zoom_out (MoatCanvas *self)
{
  zoom_at_centre (self, 1 / ZOOM_STEP);
}

void
moat_canvas_zoom_reset (MoatCanvas *self)
{
  moat_canvas_set_zoom (self, 1.0);
}

/* Centres @area, as large as fits up to @max_zoom. */
static void
show_area (MoatCanvas     *self,
           const MoatRect *area,
           double          max_zoom)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;

  self->zoom = CLAMP (MIN (width / area->width, height / area->height),
                      MOAT_CANVAS_MIN_ZOOM, max_zoom);
  self->origin_x = area->x + area->width / 2 - width / self->zoom / 2;
  self->origin_y = area->y + area->height / 2 - height / self->zoom / 2;
  self->needs_view = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
moat_canvas_zoom_fit (MoatCanvas *self)
{
  MoatRect bounds;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  /* Nothing to fit: the page as a new one opens, at 100 %. */
  if (self->renderer == NULL || !moat_renderer_get_diagram_bounds (self->renderer, &bounds))
    {
      moat_canvas_open_view (self);
      return;
    }
  show_area (self, &bounds, FIT_MAX_ZOOM);
}

/* A diagram opens at 100 % when it fits, else zoomed to fit. */
static void
place_initial_view (MoatCanvas *self)
{
  moat_canvas_open_view (self);
}

/**
 * moat_canvas_open_view:
 *
 * Shows the diagram as when it is opened: at 100 % when it fits (an empty
 * one from its top left corner), else zoomed out until it fits.
 */
void
moat_canvas_open_view (MoatCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  MoatRect bounds;

  if (self->renderer == NULL || !moat_renderer_get_diagram_bounds (self->renderer, &bounds))
    {
      self->zoom = 1.0;
      self->origin_x = -VIEW_MARGIN;
      self->origin_y = -VIEW_MARGIN;
      self->needs_view = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (bounds.width <= width && bounds.height <= height)
    {
      self->zoom = 1.0;
      self->origin_x = bounds.x - (width - bounds.width) / 2;
      self->origin_y = bounds.y - MIN (VIEW_MARGIN, (height - bounds.height) / 2);
      self->needs_view = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  show_area (self, &bounds, 1.0);
}

void
moat_canvas_scroll_by (MoatCanvas *self,
                       double      dx,
                       double      dy)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  self->origin_x += dx / self->zoom;
  self->origin_y += dy / self->zoom;
  self->needs_view = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
element_in_view (MoatCanvas  *self,
                 MoatElement *element,
                 gboolean     whole,
                 MoatRect    *bounds,
                 MoatRect    *visible)
{
  MoatView view;

  if (self->renderer == NULL ||
      !moat_geometry_get_element_bounds (moat_renderer_get_geometry (self->renderer),
                                         element, bounds))
    return TRUE;
  moat_canvas_get_view (self, &view);
  moat_view_get_visible (&view, visible);
  return whole ? moat_rect_contains_rect (visible, bounds) : moat_rect_intersects (visible, bounds);
}

/**
 * moat_canvas_show_element:
 *
 * Scrolls, without zooming, until @element is in view.
 */
void
moat_canvas_show_element (MoatCanvas  *self,
                          MoatElement *element)
{
  MoatRect bounds, visible;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (element_in_view (self, element, TRUE, &bounds, &visible))
    return;
  moat_canvas_scroll_by (self,
                         (bounds.x + bounds.width / 2 - (visible.x + visible.width / 2)) * self->zoom,
                         (bounds.y + bounds.height / 2 - (visible.y + visible.height / 2)) * self->zoom);
}

/**
 * moat_canvas_set_compare:
 * @compare: (nullable): the model beside an older version, or %NULL to
 *   stop comparing
 *
 * Marks what changed since the older version on every diagram shown.
 */
void
moat_canvas_set_compare (MoatCanvas  *self,
                         MoatCompare *compare)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  g_set_object (&self->compare, compare);
  if (self->renderer != NULL)
    moat_renderer_set_compare (self->renderer, compare);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------
 * Selection
 * ------------------------------------------------------------------- */

static MoatElement *single_selected (MoatCanvas *self);

/* Bring to Front and Send to Back only where they would move something. */
static void
update_restack_actions (MoatCanvas *self)
{
  g_autoptr(GPtrArray) selected = moat_canvas_get_selection (self);
  gboolean any = self->model != NULL && selected->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.bring-to-front",
                                 any && moat_arrange_can_restack (self->model, selected, TRUE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.send-to-back",
                                 any && moat_arrange_can_restack (self->model, selected, FALSE));
}

static gboolean
restack_idle_cb (gpointer data)
{
  MoatCanvas *self = data;

  self->restack_idle = 0;
  update_restack_actions (self);
  return G_SOURCE_REMOVE;
}

/* Once for a whole paste or restack, not for each element in it; before
 * the next frame, which may show the menu. */
static void
queue_restack_update (MoatCanvas *self)
{
  if (self->restack_idle == 0)
    self->restack_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, restack_idle_cb, self, NULL);
}

static void
selection_changed (MoatCanvas *self)
{
  MoatElement *one = single_selected (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-bend",
                                 one != NULL && (moat_element_get_kind (one) == MOAT_ELEMENT_FLOW ||
                                                 moat_boundary_line_is_line (one)));
  update_restack_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static gboolean
selection_clear (MoatCanvas *self)
{
  if (g_hash_table_size (self->selection) == 0)
    return FALSE;
  g_hash_table_remove_all (self->selection);
  return TRUE;
}

static gboolean
selection_add (MoatCanvas  *self,
               MoatElement *element)
{
  if (g_hash_table_contains (self->selection, element))
    return FALSE;
  g_hash_table_add (self->selection, g_object_ref (element));
  return TRUE;
}

/* The one selected element, or %NULL if there are none or several. */
static MoatElement *
single_selected (MoatCanvas *self)
{
  GHashTableIter iter;
  gpointer element;

  if (g_hash_table_size (self->selection) != 1)
    return NULL;
  g_hash_table_iter_init (&iter, self->selection);
  g_hash_table_iter_next (&iter, &element, NULL);
  return element;
}

/**
 * moat_canvas_get_selection:
 *
 * Returns: (transfer container) (element-type MoatElement): the selected
 *   elements, in model order
 */
GPtrArray *
moat_canvas_get_selection (MoatCanvas *self)
{
  GPtrArray *result;
  GListModel *elements;
  guint n;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->model == NULL || g_hash_table_size (self->selection) == 0)
    return result;

  elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  n = g_list_model_get_n_items (elements);
  for (guint i = 0; i < n && result->len < g_hash_table_size (self->selection); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (g_hash_table_contains (self->selection, element))
        g_ptr_array_add (result, g_steal_pointer (&element));
    }
  return result;
}

/**
 * moat_canvas_set_selection:
 * @elements: (nullable) (element-type MoatElement): the new selection
 *
 * Elements of other diagrams are left out.
 */
void
moat_canvas_set_selection (MoatCanvas *self,
                           GPtrArray  *elements)
{
  gboolean changed = FALSE;
  guint n = elements != NULL ? elements->len : 0;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  /* Setting what is already selected is not a change: the panels that
   * mirror the selection set it back. */
  if (n == g_hash_table_size (self->selection))
    {
      gboolean same = TRUE;

      for (guint i = 0; i < n && same; i++)
        same = g_hash_table_contains (self->selection, g_ptr_array_index (elements, i));
      if (same)
        return;
    }

  changed = selection_clear (self);
  for (guint i = 0; i < n; i++)
    {
      MoatElement *element = g_ptr_array_index (elements, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), self->diagram_id) == 0)
        changed |= selection_add (self, element);
    }
  if (changed)
    selection_changed (self);
}

/**
 * moat_canvas_select:
 * @element: (nullable): an element, or %NULL to select nothing
 * @extend: add to the selection (Shift) instead of replacing it
 */
void
moat_canvas_select (MoatCanvas  *self,
                    MoatElement *element,
                    gboolean     extend)
{
  gboolean changed = FALSE;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (!extend)
    {
      if (element != NULL && single_selected (self) == element)
        return;
      changed = selection_clear (self);
    }
  if (element != NULL)
    changed |= selection_add (self, element);
  if (changed)
    selection_changed (self);
}

gboolean
moat_canvas_is_selected (MoatCanvas  *self,
                         MoatElement *element)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), FALSE);

  return g_hash_table_contains (self->selection, element);
}

static GPtrArray *
diagram_elements (MoatCanvas *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *elements;
  guint n;

  if (self->model == NULL)
    return result;
  elements = moat_model_get_list (self->model, MOAT_TYPE_ELEMENT);
  n = g_list_model_get_n_items (elements);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      if (g_strcmp0 (moat_element_get_diagram_id (element), self->diagram_id) == 0)
        g_ptr_array_add (result, g_steal_pointer (&element));
    }
  return result;
}

void
moat_canvas_select_all (MoatCanvas *self)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  all = diagram_elements (self);
  moat_canvas_set_selection (self, all);
}

/**
 * moat_canvas_select_next:
 * @backward: go to the previous element instead
 *
 * Moves the selection to the next element of the diagram in model order,
 * as Tab does, and scrolls it into view.
 */
void
moat_canvas_select_next (MoatCanvas *self,
                         gboolean    backward)
{
  g_autoptr(GPtrArray) all = NULL;
  MoatElement *current;
  guint index = 0, next;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  all = diagram_elements (self);
  if (all->len == 0)
    return;

  current = single_selected (self);
  if (current != NULL && g_ptr_array_find (all, current, &index))
    next = backward ? (index + all->len - 1) % all->len : (index + 1) % all->len;
  else
    next = backward ? all->len - 1 : 0;

  moat_canvas_select (self, g_ptr_array_index (all, next), FALSE);
  moat_canvas_show_element (self, g_ptr_array_index (all, next));
}

/* ---------------------------------------------------------------------
 * Model edits
 * ------------------------------------------------------------------- */

static MoatGeometry *
geometry (MoatCanvas *self)
{
  return moat_renderer_get_geometry (self->renderer);
}

static double
snap_value (MoatCanvas *self,
            double      value)
{
  if (!self->snap || self->grid_size <= 0)
    return value;
  return round (value / self->grid_size) * self->grid_size;
}

static MoatElement *
add_element (MoatCanvas      *self,
             MoatElementKind  kind,
             const MoatRect  *rect)
{
  g_autoptr(MoatElement) element = moat_element_new ();

  g_object_set (element,
                "diagram-id", self->diagram_id,
                "kind", kind,
                "name", _(kind_defaults[kind].name),
                "x", rect->x, "y", rect->y,
                "width", rect->width, "height", rect->height,
                "z-order", moat_arrange_next_z_order (self->model, self->diagram_id),
                NULL);
  moat_model_begin_action (self->model, _(kind_defaults[kind].action));
  moat_model_add (self->model, element);
  moat_model_end_action (self->model);
  return element;
}

static MoatElement *
add_line (MoatCanvas      *self,
          const MoatPoint *points,
          guint            n_points)
{
  g_autoptr(MoatElement) line = moat_boundary_line_new (points, n_points);

  g_object_set (line, "diagram-id", self->diagram_id,
                "name", _(kind_defaults[MOAT_ELEMENT_BOUNDARY].name),
                "z-order", moat_arrange_next_z_order (self->model, self->diagram_id), NULL);
  moat_model_begin_action (self->model, _("Add trust boundary line"));
  moat_model_add (self->model, line);
  moat_model_end_action (self->model);
  return line;
}

/* A level line of the default length centred on (@x, @y), in widget
 * pixels: what a click with the line tool, or Enter, draws. */
static MoatElement *
place_line (MoatCanvas *self,
            double      x,
            double      y)
{
  MoatPoint points[2];
  double cx, cy;

  moat_canvas_to_diagram (self, x, y, &cx, &cy);
  points[0] = (MoatPoint) { snap_value (self, cx - LINE_LENGTH / 2), snap_value (self, cy) };
  points[1] = (MoatPoint) { points[0].x + LINE_LENGTH, points[0].y };
  return add_line (self, points, 2);
}

/**
 * moat_canvas_place:
 * @kind: a node kind, a boundary or a note
 *
 * Adds an element of the default size centred on (@x, @y), on the grid
 * if snapping is on, and selects it.
 *
 * Returns: (transfer none): the new element
 */
MoatElement *
moat_canvas_place (MoatCanvas      *self,
                   MoatElementKind  kind,
                   double           x,
                   double           y)
{
  MoatElement *element;
  MoatRect rect;
  double cx, cy;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);
  g_return_val_if_fail (kind != MOAT_ELEMENT_FLOW && kind <= MOAT_ELEMENT_NOTE, NULL);
  g_return_val_if_fail (self->model != NULL && self->diagram_id != NULL, NULL);

  moat_canvas_to_diagram (self, x, y, &cx, &cy);
  rect = (MoatRect) { snap_value (self, cx - kind_defaults[kind].width / 2),
                      snap_value (self, cy - kind_defaults[kind].height / 2),
                      kind_defaults[kind].width, kind_defaults[kind].height };
  element = add_element (self, kind, &rect);
  moat_canvas_select (self, element, FALSE);
  return element;
}

/**
 * moat_canvas_connect:
 *
 * Adds a data flow from @source to @target and selects it.
 *
 * Returns: (transfer none) (nullable): the new flow, or %NULL if the two
 *   cannot be joined
 */
MoatElement *
moat_canvas_connect (MoatCanvas  *self,
                     MoatElement *source,
                     MoatElement *target)
{
  g_autoptr(MoatElement) flow = NULL;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);
  g_return_val_if_fail (self->model != NULL, NULL);

  if (source == NULL || target == NULL || source == target ||
      !moat_geometry_is_node (source) || !moat_geometry_is_node (target))
    return NULL;

  flow = moat_element_new ();
  g_object_set (flow,
                "diagram-id", self->diagram_id,
                "kind", MOAT_ELEMENT_FLOW,
                "name", _(kind_defaults[MOAT_ELEMENT_FLOW].name),
                "source-id", moat_object_get_id (MOAT_OBJECT (source)),
                "target-id", moat_object_get_id (MOAT_OBJECT (target)),
                "z-order", moat_arrange_next_z_order (self->model, self->diagram_id),
                NULL);
  moat_model_begin_action (self->model, _(kind_defaults[MOAT_ELEMENT_FLOW].action));
  moat_model_add (self->model, flow);
  moat_model_end_action (self->model);
  moat_canvas_select (self, flow, FALSE);
  return flow;
}

void
moat_canvas_delete_selection (MoatCanvas *self)
{
  g_autoptr(GPtrArray) selected = NULL;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  selected = moat_canvas_get_selection (self);
  if (selected->len == 0)
    return;

  moat_model_begin_action (self->model, ngettext ("Delete element", "Delete elements",
                                                  selected->len));
  for (guint i = 0; i < selected->len; i++)
    {
      MoatObject *object = g_ptr_array_index (selected, i);

      /* Deleting a node takes its flows along: they may be gone already. */
      if (moat_object_get_model (object) == self->model)
        moat_model_remove (self->model, object);
    }
  moat_model_end_action (self->model);
}

static GVariant *
points_moved (GVariant *points,
              double    dx,
              double    dy)
{
  GVariantBuilder builder;
  GVariantIter iter;
  double x, y;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  if (points != NULL)
    {
      g_variant_iter_init (&iter, points);
      while (g_variant_iter_next (&iter, "(dd)", &x, &y))
        g_variant_builder_add (&builder, "(dd)", x + dx, y + dy);
    }
  return g_variant_builder_end (&builder);
}

/* A flow's bends move with the selection when the flow is selected or
 * both its ends move; otherwise the flow stretches. */
static gboolean
bends_move (MoatCanvas  *self,
            GHashTable  *moving,
            MoatElement *flow)
{
  MoatElement *source, *target;
  GVariant *points = moat_element_get_points (flow);

  if (points == NULL || g_variant_n_children (points) == 0)
    return FALSE;
  if (g_hash_table_contains (moving, flow))
    return TRUE;
  source = moat_model_lookup (self->model, moat_element_get_source_id (flow));
  target = moat_model_lookup (self->model, moat_element_get_target_id (flow));
  return source != NULL && target != NULL &&
         g_hash_table_contains (moving, source) &&
         g_hash_table_contains (moving, target);
}

/* The selection, and what lies inside its boundaries: a boundary carries
 * its contents, unless Alt says to move it alone. */
static GHashTable *
moving_elements (MoatCanvas *self)
{
  GHashTable *moving = g_hash_table_new (NULL, NULL);
  gboolean alone = (self->drag.mode == DRAG_MOVE && (self->drag.modifiers & GDK_ALT_MASK) != 0);
  GHashTableIter iter;
  MoatElement *element;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, (gpointer *)&element, NULL))
    {
      MoatRect rect;
      g_autoptr(GPtrArray) inside = NULL;

      g_hash_table_add (moving, element);
      if (alone || moat_element_get_kind (element) != MOAT_ELEMENT_BOUNDARY ||
          moat_boundary_line_is_line (element))
        continue;
      moat_geometry_element_rect (element, &rect);
      inside = moat_geometry_query_inside (geometry (self), &rect);
      for (guint i = 0; i < inside->len; i++)
        g_hash_table_add (moving, g_ptr_array_index (inside, i));
    }
  return moving;
}

static void
start_clear (Start *start)
{
  g_clear_object (&start->element);
  g_clear_pointer (&start->points, g_variant_unref);
}

/* Remembers where everything a move touches starts. Bends of unselected
 * flows are found through the geometry's index of what is near the
 * selection, not by walking the model. */
static void
collect_starts (MoatCanvas *self)
{
  GHashTableIter iter;
  MoatElement *element;
  g_autoptr(GHashTable) flows = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) moving = moving_elements (self);

  self->drag.starts = g_array_new (FALSE, TRUE, sizeof (Start));
  g_array_set_clear_func (self->drag.starts, (GDestroyNotify)start_clear);

  g_hash_table_iter_init (&iter, moving);
  while (g_hash_table_iter_next (&iter, (gpointer *)&element, NULL))
    {
      Start start = { g_object_ref (element), moat_element_get_x (element),
                      moat_element_get_y (element), NULL, FALSE };
      MoatRect bounds;

      if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
        {
          g_hash_table_add (flows, element);
          g_object_unref (start.element);
          continue;
        }
      if (moat_boundary_line_is_line (element))
        {
          start.points = g_variant_ref (moat_element_get_points (element));
          start.line = TRUE;
        }
      g_array_append_val (self->drag.starts, start);

      /* The flows attached to a node lie near it. */
      if (moat_geometry_get_element_bounds (geometry (self), element, &bounds))
        {
          g_autoptr(GPtrArray) near = moat_geometry_query (geometry (self), &bounds);

          for (guint i = 0; i < near->len; i++)
            if (moat_element_get_kind (g_ptr_array_index (near, i)) == MOAT_ELEMENT_FLOW)
              g_hash_table_add (flows, g_ptr_array_index (near, i));
        }
    }

  g_hash_table_iter_init (&iter, flows);
  while (g_hash_table_iter_next (&iter, (gpointer *)&element, NULL))
    if (bends_move (self, moving, element))
      {
        Start start = { g_object_ref (element), 0, 0,
                        g_variant_ref (moat_element_get_points (element)), FALSE };

        g_array_append_val (self->drag.starts, start);
      }
}

static void
move_starts (MoatCanvas *self,
             double      dx,
             double      dy)
{
  for (guint i = 0; i < self->drag.starts->len; i++)
    {
      Start *start = &g_array_index (self->drag.starts, Start, i);

      if (start->line)
        moat_boundary_line_set_points_variant (start->element, points_moved (start->points, dx, dy));
      else if (start->points != NULL)
        g_object_set (start->element, "points", points_moved (start->points, dx, dy), NULL);
      else
        g_object_set (start->element, "x", start->x + dx, "y", start->y + dy, NULL);
    }
}

/**
 * moat_canvas_nudge:
 * @dx: how far, in diagram units
 *
 * Moves the selection, as the arrow keys do: one undo step.
 */
void
moat_canvas_nudge (MoatCanvas *self,
                   double      dx,
                   double      dy)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->model == NULL || g_hash_table_size (self->selection) == 0 ||
      self->drag.mode != DRAG_NONE)
    return;

  moat_model_begin_action (self->model, _("Move"));
  collect_starts (self);
  move_starts (self, dx, dy);
  g_clear_pointer (&self->drag.starts, g_array_unref);
  moat_model_end_action (self->model);
}

/* ---------------------------------------------------------------------
 * Inline rename
 * ------------------------------------------------------------------- */

/* Where the name of @element is edited, in widget pixels. */
static gboolean
rename_area (MoatCanvas      *self,
             MoatElement     *element,
             graphene_rect_t *area)
{
  MoatRect rect;
  double x, y;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      const MoatFlowPath *path = moat_geometry_get_path (geometry (self), element);

      if (path == NULL)
        return FALSE;
      if (!moat_geometry_get_label_rect (geometry (self), element, &rect))
        rect = (MoatRect) { path->label.x - 60, path->label.y - 12, 120, 24 };
    }
  else if (!moat_boundary_line_is_line (element) ||
           !moat_geometry_get_label_rect (geometry (self), element, &rect))
    moat_geometry_element_rect (element, &rect);

  moat_canvas_from_diagram (self, rect.x, rect.y, &x, &y);
  graphene_rect_init (area, x, y, rect.width * self->zoom, rect.height * self->zoom);
  return TRUE;
}

/**
 * moat_canvas_start_rename:
 *
 * Opens a text entry over @element holding its name. Enter or moving
 * the focus away keeps the new name, Escape drops it.
 *
 * Returns: (transfer none) (nullable): the entry
 */
GtkEditable *
moat_canvas_start_rename (MoatCanvas  *self,
                          MoatElement *element)
{
  graphene_rect_t area;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);
  g_return_val_if_fail (MOAT_IS_ELEMENT (element), NULL);

  if (self->renaming != NULL)
    moat_canvas_finish_rename (self, TRUE);
  if (self->renderer == NULL || !rename_area (self, element, &area))
    return NULL;

  /* Only an element out of sight is brought into view: one just placed
   * near the edge leaves the view where the person left it. */
  {
    MoatRect bounds, visible;

    if (!element_in_view (self, element, FALSE, &bounds, &visible))
      moat_canvas_show_element (self, element);
  }
  self->renaming = g_object_ref (element);
  gtk_editable_set_text (GTK_EDITABLE (self->entry),
                         moat_element_get_name (element) ? moat_element_get_name (element) : "");
  gtk_widget_set_visible (self->entry, TRUE);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return GTK_EDITABLE (self->entry);
}

/**
 * moat_canvas_finish_rename:
 * @commit: keep the text as the new name
 */
void
moat_canvas_finish_rename (MoatCanvas *self,
                           gboolean    commit)
{
  g_autoptr(MoatElement) element = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->renaming == NULL)
    return;

  element = g_steal_pointer (&self->renaming);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (commit && moat_object_get_model (MOAT_OBJECT (element)) == self->model &&
      g_strcmp0 (text, moat_element_get_name (element)) != 0)
    {
      moat_model_begin_action (self->model, _("Rename"));
      g_object_set (element, "name", text, NULL);
      moat_model_end_action (self->model);
    }
}

MoatElement *
moat_canvas_get_renaming (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->renaming;
}

static void
on_entry_activate (MoatCanvas *self)
{
  moat_canvas_finish_rename (self, TRUE);
}

static gboolean
on_entry_key_pressed (MoatCanvas      *self,
                      guint            keyval,
                      guint            keycode,
                      GdkModifierType  state)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  moat_canvas_finish_rename (self, FALSE);
  return TRUE;
}

static void
on_entry_focus_leave (MoatCanvas *self)
{
  moat_canvas_finish_rename (self, TRUE);
}

/* ---------------------------------------------------------------------
 * Gestures
 * ------------------------------------------------------------------- */

static double
tolerance (MoatCanvas *self)
{
  return HIT_TOLERANCE / self->zoom;
}

/* The element whose handles answer the pointer: the one selected, else
 * the flow under the pointer, whose bends show while it is there. */
static MoatElement *
active_element (MoatCanvas *self)
{
  MoatElement *selected = single_selected (self);

  if (selected != NULL || self->hover == NULL)
    return selected;
  return moat_element_get_kind (self->hover) == MOAT_ELEMENT_FLOW ? self->hover : NULL;
}

static void
hit_at (MoatCanvas *self,
        double      x,
        double      y,
        MoatHit    *hit)
{
  double dx, dy;

  MoatElement *active = active_element (self);

  moat_canvas_to_diagram (self, x, y, &dx, &dy);
  if (self->renderer == NULL)
    {
      *hit = (MoatHit) { MOAT_HIT_NONE, NULL, 0 };
      return;
    }
  moat_geometry_hit_test (geometry (self), dx, dy, tolerance (self), active, hit);
  /* A flow under the pointer offers its bends, not its ends: those lie on
   * the shapes it joins, which a press there should move. */
  if (active != single_selected (self) && (hit->kind == MOAT_HIT_SOURCE || hit->kind == MOAT_HIT_TARGET))
    moat_geometry_hit_test (geometry (self), dx, dy, tolerance (self), NULL, hit);
}

/* The node under (@x, @y), for joining a flow to it. */
static MoatElement *
node_at (MoatCanvas  *self,
         double       x,
         double       y,
         MoatElement *ignore)
{
  double dx, dy;

  if (self->renderer == NULL)
    return NULL;
  moat_canvas_to_diagram (self, x, y, &dx, &dy);
  return moat_geometry_node_at (geometry (self), dx, dy, ignore);
}

/* Shows where a flow would attach to @node: a view state the canvas
 * keeps, so that a pointer moving over one node does not redraw. */
static void
set_connection_hint (MoatCanvas  *self,
                     MoatElement *node)
{
  if (node == self->connection_hint)
    return;
  g_set_object (&self->connection_hint, node);
  if (self->renderer != NULL)
    moat_renderer_set_connection_hint (self->renderer, node);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
open_action (MoatCanvas *self,
             const char *label)
{
  moat_model_begin_action (self->model, label);
  self->drag.action_open = TRUE;
}

static void
begin_move (MoatCanvas  *self,
            MoatElement *element,
            gboolean     extend)
{
  if (!g_hash_table_contains (self->selection, element))
    moat_canvas_select (self, element, extend);
  else if (extend)
    self->drag.toggle_off = g_object_ref (element);
  else if (g_hash_table_size (self->selection) > 1)
    self->drag.select_only = g_object_ref (element);

  self->drag.mode = DRAG_MOVE;
  self->drag.element = g_object_ref (element);
}

static void
begin_select_drag (MoatCanvas      *self,
                   double           x,
                   double           y,
                   GdkModifierType  modifiers)
{
  gboolean extend = (modifiers & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  MoatHit hit;

  hit_at (self, x, y, &hit);
  self->drag.index = hit.index;
  if (hit.element != NULL)
    self->drag.element = g_object_ref (hit.element);

  switch (hit.kind)
    {
    case MOAT_HIT_HANDLE:
      self->drag.mode = DRAG_RESIZE;
      moat_geometry_element_rect (hit.element, &self->drag.start_rect);
      break;
    case MOAT_HIT_BEND:
    case MOAT_HIT_NEW_BEND:
      self->drag.mode = DRAG_BEND;
      self->drag.start_points = g_variant_ref_sink (points_moved (moat_element_get_points (hit.element),
                                                                  0, 0));
      /* A bend to add at index k is -1 - k: on a flow, the bends lie
       * between the path's points, so the one out of segment s goes at s;
       * on a line every point counts, so it goes at s + 1. */
      if (hit.kind == MOAT_HIT_NEW_BEND)
        self->drag.index = -1 - hit.index - (moat_boundary_line_is_line (hit.element) ? 1 : 0);
      break;
    case MOAT_HIT_SOURCE:
    case MOAT_HIT_TARGET:
      self->drag.mode = DRAG_RECONNECT;
      self->drag.target_end = hit.kind == MOAT_HIT_TARGET;
      break;
    case MOAT_HIT_LABEL:
      g_clear_object (&self->drag.element);
      begin_move (self, hit.element, extend);
      if (single_selected (self) == hit.element)
        {
          self->drag.mode = DRAG_LABEL;
          self->drag.start_label_x = moat_element_get_label_x (hit.element);
          self->drag.start_label_y = moat_element_get_label_y (hit.element);
        }
      break;
    case MOAT_HIT_ELEMENT:
    case MOAT_HIT_FLOW:
      g_clear_object (&self->drag.element);
      begin_move (self, hit.element, extend);
      break;
    default:
      self->drag.mode = DRAG_RUBBER_BAND;
      if (!extend && selection_clear (self))
        selection_changed (self);
      break;
    }
}

/**
 * moat_canvas_drag_begin:
 * @button: 1 for the primary button, 2 for the middle one
 * @modifiers: Shift or Control add to the selection
 *
 * A button went down at (@x, @y): what follows depends on the tool and
 * on what is there. With the middle button, or while Space is held, the
 * drag pans.
 */
void
moat_canvas_drag_begin (MoatCanvas      *self,
                        double           x,
                        double           y,
                        guint            button,
                        GdkModifierType  modifiers)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->drag.mode != DRAG_NONE)
    moat_canvas_drag_cancel (self);
  if (self->renaming != NULL)
    moat_canvas_finish_rename (self, TRUE);

  self->drag.button = button;
  self->drag.modifiers = modifiers;
  self->drag.start_x = self->drag.x = x;
  self->drag.start_y = self->drag.y = y;
  self->drag.moved = FALSE;
  self->drag.start_origin_x = self->origin_x;
  self->drag.start_origin_y = self->origin_y;

  if (button == GDK_BUTTON_MIDDLE || self->space_held)
    self->drag.mode = DRAG_PAN;
  else if (button != GDK_BUTTON_PRIMARY || self->renderer == NULL)
    self->drag.mode = DRAG_NONE;
  else if (self->tool == MOAT_CANVAS_TOOL_FLOW)
    {
      MoatElement *source = node_at (self, x, y, NULL);

      self->drag.mode = source != NULL ? DRAG_NEW_FLOW : DRAG_RUBBER_BAND;
      if (source != NULL)
        self->drag.element = g_object_ref (source);
    }
  else if (self->tool != MOAT_CANVAS_TOOL_SELECT)
    self->drag.mode = DRAG_PLACE;
  else
    begin_select_drag (self, x, y, modifiers);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_move (MoatCanvas *self,
             double      dx,
             double      dy)
{
  /* Snap the grabbed element's corner to the grid; the rest keep their
   * places relative to it. */
  if (self->snap && moat_element_get_kind (self->drag.element) != MOAT_ELEMENT_FLOW)
    {
      for (guint i = 0; i < self->drag.starts->len; i++)
        {
          Start *start = &g_array_index (self->drag.starts, Start, i);

          if (start->element == self->drag.element)
            {
              dx = snap_value (self, start->x + dx) - start->x;
              dy = snap_value (self, start->y + dy) - start->y;
              break;
            }
        }
    }
  else
    {
      dx = snap_value (self, dx);
      dy = snap_value (self, dy);
    }
  move_starts (self, dx, dy);
}

static void
update_resize (MoatCanvas *self,
               double      dx,
               double      dy)
{
  MoatRect r;
  double x1, y1;

  moat_geometry_resize (&self->drag.start_rect, self->drag.index, dx, dy, MIN_SIZE, &r);
  /* Snap the edges that move; the opposite ones stay where they were. */
  x1 = r.x + r.width;
  y1 = r.y + r.height;
  if (r.x != self->drag.start_rect.x)
    r.x = MIN (snap_value (self, r.x), x1 - MIN_SIZE);
  if (x1 != self->drag.start_rect.x + self->drag.start_rect.width)
    x1 = MAX (snap_value (self, x1), r.x + MIN_SIZE);
  if (r.y != self->drag.start_rect.y)
    r.y = MIN (snap_value (self, r.y), y1 - MIN_SIZE);
  if (y1 != self->drag.start_rect.y + self->drag.start_rect.height)
    y1 = MAX (snap_value (self, y1), r.y + MIN_SIZE);

  g_object_set (self->drag.element, "x", r.x, "y", r.y,
                "width", x1 - r.x, "height", y1 - r.y, NULL);
}

/* A flow's bends, or a boundary line's points and with them its box. */
static void
set_points (MoatElement *element,
            GVariant    *points)
{
  if (moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY)
    moat_boundary_line_set_points_variant (element, points);
  else
    g_object_set (element, "points", points, NULL);
}

static void
update_bend (MoatCanvas *self,
             double      px,
             double      py)
{
  GVariantBuilder builder;
  GVariantIter iter;
  int index = self->drag.index;
  double x, y;
  int i = 0;

  px = snap_value (self, px);
  py = snap_value (self, py);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  g_variant_iter_init (&iter, self->drag.start_points);
  /* A new bend after segment s sits between bends s - 1 and s. */
  if (index < 0 && -1 - index == 0)
    g_variant_builder_add (&builder, "(dd)", px, py);
  while (g_variant_iter_next (&iter, "(dd)", &x, &y))
    {
      if (i == index)
        g_variant_builder_add (&builder, "(dd)", px, py);
      else
        g_variant_builder_add (&builder, "(dd)", x, y);
      i++;
      if (index < 0 && -1 - index == i)
        g_variant_builder_add (&builder, "(dd)", px, py);
    }
  set_points (self->drag.element, g_variant_builder_end (&builder));
}

/* The first motion past the threshold: open the action the gesture
 * will be undone as. */
static void
start_gesture (MoatCanvas *self)
{
  switch (self->drag.mode)
    {
    case DRAG_MOVE:
      open_action (self, _("Move"));
      collect_starts (self);
      break;
    case DRAG_RESIZE:
      open_action (self, _("Resize"));
      break;
    case DRAG_BEND:
      if (moat_boundary_line_is_line (self->drag.element))
        open_action (self, self->drag.index < 0 ? _("Add point to boundary line")
                                                : _("Move point of boundary line"));
      else
        open_action (self, self->drag.index < 0 ? _("Add bend") : _("Move bend"));
      break;
    case DRAG_LABEL:
      open_action (self, _("Move label"));
      break;
    default:
      break;
    }
}

/**
 * moat_canvas_drag_update:
 *
 * The pointer moved to (@x, @y) with the button held. Each update sets
 * the few fields the gesture changes; the action stays open until
 * moat_canvas_drag_end(), so the whole drag is one undo step.
 */
void
moat_canvas_drag_update (MoatCanvas *self,
                         double      x,
                         double      y)
{
  double dx, dy, px, py;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->drag.mode == DRAG_NONE)
    return;

  self->drag.x = x;
  self->drag.y = y;
  if (!self->drag.moved)
    {
      if (hypot (x - self->drag.start_x, y - self->drag.start_y) < DRAG_THRESHOLD)
        return;
      self->drag.moved = TRUE;
      g_clear_object (&self->drag.toggle_off);
      g_clear_object (&self->drag.select_only);
      start_gesture (self);
    }

  dx = (x - self->drag.start_x) / self->zoom;
  dy = (y - self->drag.start_y) / self->zoom;
  moat_canvas_to_diagram (self, x, y, &px, &py);

  switch (self->drag.mode)
    {
    case DRAG_PAN:
      self->origin_x = self->drag.start_origin_x - (x - self->drag.start_x) / self->zoom;
      self->origin_y = self->drag.start_origin_y - (y - self->drag.start_y) / self->zoom;
      self->needs_view = FALSE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      break;
    case DRAG_MOVE:
      update_move (self, dx, dy);
      break;
    case DRAG_RESIZE:
      update_resize (self, dx, dy);
      break;
    case DRAG_BEND:
      update_bend (self, px, py);
      break;
    case DRAG_LABEL:
      g_object_set (self->drag.element,
                    "label-x", self->drag.start_label_x + dx,
                    "label-y", self->drag.start_label_y + dy, NULL);
      break;
    case DRAG_NEW_FLOW:
    case DRAG_RECONNECT:
      g_set_object (&self->drag.drop_target, node_at (self, x, y, NULL));
      set_connection_hint (self, self->drag.drop_target);
      break;
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The rectangle a drag has spanned, in diagram units. */
static void
drag_rect (MoatCanvas *self,
           MoatRect   *rect)
{
  double x0, y0, x1, y1;

  moat_canvas_to_diagram (self, self->drag.start_x, self->drag.start_y, &x0, &y0);
  moat_canvas_to_diagram (self, self->drag.x, self->drag.y, &x1, &y1);
  *rect = (MoatRect) { MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0) };
}

static void
finish_rubber_band (MoatCanvas *self)
{
  g_autoptr(GPtrArray) inside = NULL;
  gboolean changed = FALSE;
  MoatRect rect;

  if (!self->drag.moved)
    return;
  drag_rect (self, &rect);
  inside = moat_geometry_query_inside (geometry (self), &rect);
  for (guint i = 0; i < inside->len; i++)
    changed |= selection_add (self, g_ptr_array_index (inside, i));
  if (changed)
    selection_changed (self);
}

/* The line tool draws a straight line from where the drag began to where
 * it ended; a click draws one of the default length. */
static MoatElement *
finish_line (MoatCanvas *self)
{
  MoatElement *line;
  MoatPoint points[2];

  if (!self->drag.moved)
    line = place_line (self, self->drag.start_x, self->drag.start_y);
  else
    {
      moat_canvas_to_diagram (self, self->drag.start_x, self->drag.start_y, &points[0].x, &points[0].y);
      moat_canvas_to_diagram (self, self->drag.x, self->drag.y, &points[1].x, &points[1].y);
      for (guint i = 0; i < 2; i++)
        points[i] = (MoatPoint) { snap_value (self, points[i].x), snap_value (self, points[i].y) };
      if (hypot (points[1].x - points[0].x, points[1].y - points[0].y) < MIN_SIZE)
        line = place_line (self, self->drag.start_x, self->drag.start_y);
      else
        line = add_line (self, points, 2);
    }
  moat_canvas_select (self, line, FALSE);
  return line;
}

static void
finish_place (MoatCanvas *self)
{
  MoatElementKind kind = tool_kind (self->tool);
  MoatElement *element;
  MoatRect rect;

  if (self->tool == MOAT_CANVAS_TOOL_BOUNDARY_LINE)
    element = finish_line (self);
  else if (!self->drag.moved)
    element = moat_canvas_place (self, kind, self->drag.start_x, self->drag.start_y);
  else
    {
      drag_rect (self, &rect);
      rect.width = MAX (snap_value (self, rect.x + rect.width) - snap_value (self, rect.x), MIN_SIZE);
      rect.height = MAX (snap_value (self, rect.y + rect.height) - snap_value (self, rect.y), MIN_SIZE);
      rect.x = snap_value (self, rect.x);
      rect.y = snap_value (self, rect.y);
      element = add_element (self, kind, &rect);
      moat_canvas_select (self, element, FALSE);
    }

  moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
  moat_canvas_start_rename (self, element);
}

static void
finish_reconnect (MoatCanvas *self)
{
  MoatElement *flow = self->drag.element;
  MoatElement *node = self->drag.drop_target;
  const char *other = self->drag.target_end ? moat_element_get_source_id (flow)
                                            : moat_element_get_target_id (flow);

  if (node == NULL || g_strcmp0 (moat_object_get_id (MOAT_OBJECT (node)), other) == 0)
    return;

  moat_model_begin_action (self->model, _("Reconnect data flow"));
  g_object_set (flow, self->drag.target_end ? "target-id" : "source-id",
                moat_object_get_id (MOAT_OBJECT (node)), NULL);
  moat_model_end_action (self->model);
}

static void
drag_reset (MoatCanvas *self)
{
  g_clear_object (&self->drag.element);
  g_clear_object (&self->drag.toggle_off);
  g_clear_object (&self->drag.select_only);
  g_clear_object (&self->drag.drop_target);
  g_clear_pointer (&self->drag.start_points, g_variant_unref);
  g_clear_pointer (&self->drag.starts, g_array_unref);
  self->drag.mode = DRAG_NONE;
  self->drag.action_open = FALSE;
  set_connection_hint (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * moat_canvas_drag_end:
 *
 * The button came up at (@x, @y): finishes the gesture and closes its
 * action. A release without motion is a click.
 */
void
moat_canvas_drag_end (MoatCanvas *self,
                      double      x,
                      double      y)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->drag.mode == DRAG_NONE)
    return;

  moat_canvas_drag_update (self, x, y);

  switch (self->drag.mode)
    {
    case DRAG_RUBBER_BAND:
      finish_rubber_band (self);
      break;
    case DRAG_PLACE:
      finish_place (self);
      break;
    case DRAG_NEW_FLOW:
      if (self->drag.moved && self->drag.drop_target == NULL)
        offer_new_target (self, self->drag.element, x, y);
      else if (self->drag.moved)
        {
          moat_canvas_connect (self, self->drag.element, self->drag.drop_target);
          moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
        }
      break;
    case DRAG_RECONNECT:
      if (self->drag.moved)
        finish_reconnect (self);
      break;
    case DRAG_MOVE:
      /* A click without moving: Shift unselects a selected element, a
       * plain click keeps only it. */
      if (self->drag.toggle_off != NULL && g_hash_table_remove (self->selection, self->drag.toggle_off))
        selection_changed (self);
      if (self->drag.select_only != NULL)
        moat_canvas_select (self, self->drag.select_only, FALSE);
      break;
    default:
      break;
    }

  if (self->drag.action_open)
    moat_model_end_action (self->model);
  drag_reset (self);
}

/* Puts back what a gesture changed, then closes its action: an action
 * whose fields end where they started records nothing. */
static void
restore_gesture (MoatCanvas *self)
{
  switch (self->drag.mode)
    {
    case DRAG_MOVE:
      if (self->drag.starts != NULL)
        move_starts (self, 0, 0);
      break;
    case DRAG_RESIZE:
      g_object_set (self->drag.element, "x", self->drag.start_rect.x,
                    "y", self->drag.start_rect.y, "width", self->drag.start_rect.width,
                    "height", self->drag.start_rect.height, NULL);
      break;
    case DRAG_BEND:
      set_points (self->drag.element, self->drag.start_points);
      break;
    case DRAG_LABEL:
      g_object_set (self->drag.element, "label-x", self->drag.start_label_x,
                    "label-y", self->drag.start_label_y, NULL);
      break;
    default:
      break;
    }
}

/**
 * moat_canvas_drag_cancel:
 *
 * Escape during a drag: everything goes back to where it was and no undo
 * step is left behind.
 */
void
moat_canvas_drag_cancel (MoatCanvas *self)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->drag.mode == DRAG_NONE)
    return;

  if (self->drag.action_open)
    {
      restore_gesture (self);
      moat_model_end_action (self->model);
    }
  if (self->drag.mode == DRAG_PAN)
    {
      self->origin_x = self->drag.start_origin_x;
      self->origin_y = self->drag.start_origin_y;
    }
  drag_reset (self);
}

gboolean
moat_canvas_is_dragging (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), FALSE);

  return self->drag.mode != DRAG_NONE && self->drag.moved;
}

static void
remove_bend (MoatCanvas  *self,
             MoatElement *flow,
             int          index)
{
  GVariantBuilder builder;
  GVariantIter iter;
  double x, y;
  int i = 0;
  gboolean line = moat_boundary_line_is_line (flow);

  /* A line keeps its two ends. */
  if (line && g_variant_n_children (moat_element_get_points (flow)) <= MOAT_BOUNDARY_LINE_MIN_POINTS)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  g_variant_iter_init (&iter, moat_element_get_points (flow));
  while (g_variant_iter_next (&iter, "(dd)", &x, &y))
    if (i++ != index)
      g_variant_builder_add (&builder, "(dd)", x, y);

  moat_model_begin_action (self->model, line ? _("Remove point from boundary line") : _("Remove bend"));
  set_points (flow, g_variant_builder_end (&builder));
  moat_model_end_action (self->model);
}

/**
 * moat_canvas_double_click:
 *
 * On a bend point, or a point of a boundary line that has more than its
 * two ends: removes it. On an element or a label: renames it.
 */
void
moat_canvas_double_click (MoatCanvas *self,
                          double      x,
                          double      y)
{
  MoatHit hit;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (self->tool != MOAT_CANVAS_TOOL_SELECT || self->renderer == NULL)
    return;

  hit_at (self, x, y, &hit);
  if (hit.kind == MOAT_HIT_BEND)
    remove_bend (self, hit.element, hit.index);
  else if (hit.element != NULL && hit.kind != MOAT_HIT_HANDLE)
    {
      moat_canvas_select (self, hit.element, FALSE);
      moat_canvas_start_rename (self, hit.element);
    }
}

static const char *
handle_cursor (MoatHandle handle)
{
  static const char *names[] = {
    "nwse-resize", "ns-resize", "nesw-resize", "ew-resize",
    "nwse-resize", "ns-resize", "nesw-resize", "ew-resize",
  };

  return handle >= 0 && handle < MOAT_N_HANDLES ? names[handle] : "default";
}

static const char *
cursor_for (MoatCanvas    *self,
            const MoatHit *hit)
{
  if (self->space_held || self->drag.mode == DRAG_PAN)
    return self->drag.mode == DRAG_PAN ? "grabbing" : "grab";
  if (self->tool == MOAT_CANVAS_TOOL_FLOW)
    return hit->element != NULL && moat_geometry_is_node (hit->element) ? "crosshair" : "default";
  if (self->tool != MOAT_CANVAS_TOOL_SELECT)
    return "crosshair";

  switch (hit->kind)
    {
    case MOAT_HIT_HANDLE:
      return handle_cursor (hit->index);
    case MOAT_HIT_BEND:
    case MOAT_HIT_NEW_BEND:
    case MOAT_HIT_SOURCE:
    case MOAT_HIT_TARGET:
      return "pointer";
    case MOAT_HIT_NONE:
      return "default";
    default:
      return "move";
    }
}

/* The whole name of @element when the canvas shows it cut short. */
static const char *
cut_name (MoatCanvas  *self,
          MoatElement *element)
{
  PangoLayout *layout;

  if (element == NULL || self->renderer == NULL)
    return NULL;
  layout = moat_geometry_get_layout (geometry (self), element);
  if (layout == NULL || !pango_layout_is_ellipsized (layout))
    return NULL;
  return moat_element_get_name (element);
}

/**
 * moat_canvas_hover:
 *
 * The pointer moved to (@x, @y) with no button held: outlines what is
 * under it, and with the flow tool shows where a flow would attach.
 */
void
moat_canvas_hover (MoatCanvas *self,
                   double      x,
                   double      y)
{
  MoatElement *hover;
  MoatHit hit;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->renderer == NULL || self->drag.mode != DRAG_NONE)
    return;

  hit_at (self, x, y, &hit);
  hover = hit.kind == MOAT_HIT_NONE ? NULL : hit.element;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor_for (self, &hit));

  if (self->tool == MOAT_CANVAS_TOOL_FLOW)
    {
      MoatElement *node = node_at (self, x, y, NULL);

      set_connection_hint (self, node);
      hover = NULL;
    }
  if (hover != self->hover)
    {
      g_set_object (&self->hover, hover);
      moat_renderer_set_hover (self->renderer, hover);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  /* Tooltips only while over a name cut short: GTK 4.8 trips over a
   * tooltip still pending when its window goes, and the canvas is large. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), cut_name (self, hit.element) != NULL);
}

/* ---------------------------------------------------------------------
 * Event controllers
 * ------------------------------------------------------------------- */

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               MoatCanvas     *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  moat_canvas_drag_begin (self, x, y, button, state);
  if (self->renaming == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                MoatCanvas     *self)
{
  moat_canvas_drag_update (self, self->drag.start_x + offset_x, self->drag.start_y + offset_y);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             MoatCanvas     *self)
{
  moat_canvas_drag_end (self, self->drag.start_x + offset_x, self->drag.start_y + offset_y);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                MoatCanvas       *self)
{
  moat_canvas_drag_cancel (self);
}

/* The second press of a double click also began a drag; renaming on the
 * release keeps that drag from taking the focus back from the entry. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   MoatCanvas      *self)
{
  if (n_press == 2)
    moat_canvas_double_click (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           MoatCanvas               *self)
{
  moat_canvas_hover (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller,
          MoatCanvas               *self)
{
  if (self->renderer != NULL && self->drag.mode == DRAG_NONE)
    {
      g_clear_object (&self->hover);
      moat_renderer_set_hover (self->renderer, NULL);
      set_connection_hint (self, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           MoatCanvas               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    {
      moat_canvas_zoom_at (self, wheel ? pow (1.1, -dy) : exp (-dy * 0.01),
                           self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;
  if (wheel)
    dx *= SCROLL_STEP, dy *= SCROLL_STEP;
  moat_canvas_scroll_by (self, dx, dy);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               MoatCanvas       *self)
{
  self->zoom_before_pinch = self->zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       MoatCanvas     *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->pointer_x, y = self->pointer_y;
  moat_canvas_zoom_at (self, self->zoom_before_pinch * scale / self->zoom, x, y);
}

static gboolean
handle_tool_key (MoatCanvas *self,
                 guint       keyval)
{
  static const struct { guint keyval; MoatCanvasTool tool; } keys[] = {
    { GDK_KEY_v, MOAT_CANVAS_TOOL_SELECT }, { GDK_KEY_s, MOAT_CANVAS_TOOL_SELECT },
    { GDK_KEY_a, MOAT_CANVAS_TOOL_ACTOR }, { GDK_KEY_p, MOAT_CANVAS_TOOL_PROCESS },
    { GDK_KEY_d, MOAT_CANVAS_TOOL_STORE }, { GDK_KEY_b, MOAT_CANVAS_TOOL_BOUNDARY },
    { GDK_KEY_f, MOAT_CANVAS_TOOL_FLOW }, { GDK_KEY_n, MOAT_CANVAS_TOOL_NOTE },
    { GDK_KEY_l, MOAT_CANVAS_TOOL_BOUNDARY_LINE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].keyval == gdk_keyval_to_lower (keyval))
      {
        moat_canvas_set_tool (self, keys[i].tool);
        return TRUE;
      }
  return FALSE;
}

static gboolean
handle_control_key (MoatCanvas *self,
                    guint       keyval)
{
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      moat_canvas_zoom_in (self);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      moat_canvas_zoom_out (self);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      moat_canvas_zoom_reset (self);
      return TRUE;
    case GDK_KEY_a:
      moat_canvas_select_all (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
handle_arrow_key (MoatCanvas      *self,
                  guint            keyval,
                  GdkModifierType  state)
{
  double step = self->snap && self->grid_size > 0 ? self->grid_size : 1.0;

  if (state & GDK_SHIFT_MASK)
    step *= self->snap ? 5 : 10;

  switch (keyval)
    {
    case GDK_KEY_Left:
      moat_canvas_nudge (self, -step, 0);
      return TRUE;
    case GDK_KEY_Right:
      moat_canvas_nudge (self, step, 0);
      return TRUE;
    case GDK_KEY_Up:
      moat_canvas_nudge (self, 0, -step);
      return TRUE;
    case GDK_KEY_Down:
      moat_canvas_nudge (self, 0, step);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Without a pointer: Enter with a shape tool places one beside the
 * selection (or in the middle of the view) and names it; with the flow
 * tool, Enter on one element and then on another joins them. */
static gboolean
use_tool_from_keyboard (MoatCanvas  *self,
                        MoatElement *selected)
{
  MoatElement *element;
  double x, y;

  if (self->model == NULL || self->diagram_id == NULL)
    return FALSE;

  if (self->tool == MOAT_CANVAS_TOOL_FLOW)
    {
      if (selected == NULL || !moat_geometry_is_node (selected))
        return FALSE;
      if (self->flow_source == NULL || self->flow_source == selected)
        {
          g_set_object (&self->flow_source, selected);
          return TRUE;
        }
      element = moat_canvas_connect (self, self->flow_source, selected);
      g_clear_object (&self->flow_source);
      moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
      if (element != NULL)
        moat_canvas_start_rename (self, element);
      return TRUE;
    }

  if (selected != NULL && moat_geometry_is_node (selected))
    {
      MoatRect rect;

      moat_geometry_element_rect (selected, &rect);
      moat_canvas_from_diagram (self, rect.x + rect.width * 1.5 + 80, rect.y + rect.height / 2,
                                &x, &y);
    }
  else
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  if (self->tool == MOAT_CANVAS_TOOL_BOUNDARY_LINE)
    {
      element = place_line (self, x, y);
      moat_canvas_select (self, element, FALSE);
    }
  else
    element = moat_canvas_place (self, tool_kind (self->tool), x, y);
  moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
  moat_canvas_show_element (self, element);
  moat_canvas_start_rename (self, element);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MoatCanvas            *self)
{
  MoatElement *selected = single_selected (self);

  if (state & GDK_CONTROL_MASK)
    return handle_control_key (self, keyval);
  if (state & GDK_ALT_MASK)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      moat_canvas_delete_selection (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->tool != MOAT_CANVAS_TOOL_SELECT)
        return use_tool_from_keyboard (self, selected);
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_F2:
      if (selected != NULL)
        moat_canvas_start_rename (self, selected);
      return selected != NULL;
    case GDK_KEY_Escape:
      g_clear_object (&self->flow_source);
      if (self->drag.mode != DRAG_NONE)
        moat_canvas_drag_cancel (self);
      else if (self->tool != MOAT_CANVAS_TOOL_SELECT)
        moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
      else
        moat_canvas_select (self, NULL, FALSE);
      return TRUE;
    case GDK_KEY_space:
      self->space_held = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      moat_canvas_select_next (self, keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK));
      return TRUE;
    default:
      return handle_arrow_key (self, keyval, state) || handle_tool_key (self, keyval);
    }
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 MoatCanvas            *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_held = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "default");
    }
}

static void
on_focus_leave (MoatCanvas *self)
{
  self->space_held = FALSE;
}

/* ---------------------------------------------------------------------
 * Model, style
 * ------------------------------------------------------------------- */

static void
on_model_changed (MoatModel  *model,
                  MoatChange *change,
                  MoatCanvas *self)
{
  if (change->kind == MOAT_CHANGE_REMOVE && MOAT_IS_ELEMENT (change->object))
    {
      MoatElement *element = MOAT_ELEMENT (change->object);

      if (g_hash_table_remove (self->selection, element))
        selection_changed (self);
      if (self->hover == element)
        {
          g_clear_object (&self->hover);
          moat_renderer_set_hover (self->renderer, NULL);
        }
      if (self->connection_hint == element)
        set_connection_hint (self, NULL);
      if (self->renaming == element)
        moat_canvas_finish_rename (self, FALSE);
      if (self->flow_source == element)
        g_clear_object (&self->flow_source);
    }
  /* What is over or under the selection changes as elements come, go
   * or are restacked (undo included). */
  if (g_hash_table_size (self->selection) > 0 && MOAT_IS_ELEMENT (change->object) &&
      (change->kind != MOAT_CHANGE_SET || g_str_equal (change->pspec->name, "z-order")))
    queue_restack_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_style (MoatCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean contrast = adw_style_manager_get_high_contrast (manager);
  MoatPaletteStyle style = contrast ? (dark ? MOAT_PALETTE_HIGH_CONTRAST_DARK : MOAT_PALETTE_HIGH_CONTRAST)
                                    : (dark ? MOAT_PALETTE_DARK : MOAT_PALETTE_LIGHT);
  g_autofree char *font_name = NULL;

  if (self->renderer == NULL)
    return;

  moat_renderer_set_palette (self->renderer, moat_palette_get (style));

  /* The diagram's text follows the desktop's interface font. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  if (font_name != NULL)
    {
      PangoFontDescription *font = pango_font_description_from_string (font_name);
      const char *family = pango_font_description_get_family (font);

      if (family != NULL)
        {
          g_autofree char *families = g_strdup_printf ("%s, Cantarell, Noto Sans, Sans", family);

          moat_renderer_set_font_family (self->renderer, families);
        }
      pango_font_description_free (font);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rebuild_renderer (MoatCanvas *self)
{
  moat_canvas_drag_cancel (self);
  moat_canvas_finish_rename (self, FALSE);
  if (selection_clear (self))
    selection_changed (self);
  g_clear_object (&self->hover);
  g_clear_object (&self->connection_hint);
  g_clear_object (&self->frames);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->gesture_area, cairo_region_destroy);

  if (self->model != NULL && self->diagram_id != NULL)
    {
      self->renderer = moat_renderer_new (self->model, self->diagram_id);
      self->frames = moat_frame_cache_new (self->renderer);
      moat_frame_cache_set_budget (self->frames, self->zoom_budget);
      moat_renderer_set_selection (self->renderer, self->selection);
      moat_renderer_set_show_review (self->renderer, TRUE);
      moat_renderer_set_show_conflicts (self->renderer, TRUE);
      moat_renderer_set_compare (self->renderer, self->compare);
      moat_renderer_set_grid_size (self->renderer, self->snap ? self->grid_size : 0);
      apply_style (self);
    }
  self->needs_view = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------
 * Drawing and layout
 * ------------------------------------------------------------------- */

static void
unref_tile (gpointer tile)
{
  if (tile != NULL)
    gsk_render_node_unref (tile);
}

/* A node showing a copy of @area of @surface. Not a texture node: GTK
 * 4.8's cairo renderer copies every texture of the window on every frame,
 * also where nothing changed, whereas a cairo node out of the area to
 * repaint costs nothing. The node's own surface is the copy: @surface is
 * drawn into it at once. */
static GskRenderNode *
tile_for_area (cairo_surface_t             *surface,
               const cairo_rectangle_int_t *area,
               int                          factor)
{
  GskRenderNode *node;
  cairo_t *cr;

  node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT ((float) area->x / factor, (float) area->y / factor,
                                                  (float) area->width / factor,
                                                  (float) area->height / factor));
  cr = gsk_cairo_node_get_draw_context (node);
  cairo_scale (cr, 1.0 / factor, 1.0 / factor);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_fill (cr);
  cairo_destroy (cr);
  return node;
}

static void
tile_area (MoatCanvas            *self,
           cairo_surface_t       *surface,
           int                    i,
           cairo_rectangle_int_t *area)
{
  int x = i % self->tiles_x * TILE_SIZE, y = i / self->tiles_x * TILE_SIZE;

  *area = (cairo_rectangle_int_t) { x, y,
                                    MIN (TILE_SIZE, cairo_image_surface_get_width (surface) - x),
                                    MIN (TILE_SIZE, cairo_image_surface_get_height (surface) - y) };
}

/* New nodes for the tiles @changed meets (all of them for %NULL). */
static void
update_tiles (MoatCanvas           *self,
              cairo_surface_t      *surface,
              const cairo_region_t *changed,
              int                   factor)
{
  int tiles_x = (cairo_image_surface_get_width (surface) + TILE_SIZE - 1) / TILE_SIZE;
  int tiles_y = (cairo_image_surface_get_height (surface) + TILE_SIZE - 1) / TILE_SIZE;

  if (tiles_x != self->tiles_x || tiles_y != self->tiles_y)
    {
      g_ptr_array_set_size (self->tiles, 0);
      g_ptr_array_set_size (self->tiles, tiles_x * tiles_y);
      self->tiles_x = tiles_x;
      self->tiles_y = tiles_y;
    }
  cairo_surface_flush (surface);
  for (guint i = 0; i < self->tiles->len; i++)
    {
      cairo_rectangle_int_t area;

      tile_area (self, surface, i, &area);
      if (changed == NULL || g_ptr_array_index (self->tiles, i) == NULL ||
          cairo_region_contains_rectangle (changed, &area) != CAIRO_REGION_OVERLAP_OUT)
        {
          g_clear_pointer (&g_ptr_array_index (self->tiles, i), gsk_render_node_unref);
          g_ptr_array_index (self->tiles, i) = tile_for_area (surface, &area, factor);
        }
    }
}

static gboolean
zoom_paused (gpointer data)
{
  MoatCanvas *self = data;

  self->pause_timeout = 0;
  if (self->frames != NULL && !moat_frame_cache_is_exact (self->frames))
    {
      moat_frame_cache_redraw (self->frames);
      self->redrawn = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

static gboolean
prepare_zoom (gpointer data)
{
  MoatCanvas *self = data;

  self->prepare_idle = 0;
  if (self->frames != NULL)
    moat_frame_cache_prepare_zoom (self->frames);
  return G_SOURCE_REMOVE;
}

/**
 * moat_canvas_is_settled:
 *
 * Returns: %FALSE while the view shows, after a zoom, part of its last
 *   pixels resampled (the next frames draw them sharp), or until it has
 *   been drawn as a whole once the zoom paused
 */
gboolean
moat_canvas_is_settled (MoatCanvas *self)
{
  MoatView view;
  int factor;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), TRUE);

  if (self->frames == NULL)
    return TRUE;
  /* A view changed since the last frame is still to draw. */
  factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  view = (MoatView) { self->zoom * factor, self->origin_x, self->origin_y,
                      gtk_widget_get_width (GTK_WIDGET (self)) * factor,
                      gtk_widget_get_height (GTK_WIDGET (self)) * factor };
  return memcmp (&view, &self->drawn_view, sizeof view) == 0 && !self->redrawn &&
         moat_frame_cache_is_sharp (self->frames) && moat_frame_cache_is_exact (self->frames);
}

/**
 * moat_canvas_set_zoom_budget:
 * @usec: how long a frame draws for after a zoom; 0 draws what must be
 *   and one square of the rest (for tests), -1 draws all at once
 */
void
moat_canvas_set_zoom_budget (MoatCanvas *self,
                             gint64      usec)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  self->zoom_budget = usec;
  if (self->frames != NULL)
    moat_frame_cache_set_budget (self->frames, usec);
}

gint64
moat_canvas_get_zoom_budget (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), -1);

  return self->zoom_budget;
}

/* Over a node it would join, a flow being drawn ends on its outline. */
static void
end_on_target (MoatCanvas *self,
               MoatPoint   points[2])
{
  if (self->drag.drop_target != NULL && self->drag.drop_target != self->drag.element)
    moat_geometry_anchor (self->drag.drop_target, &points[0], &points[1]);
}

/* What a gesture in progress shows on top of the diagram. */
static void
draw_gesture (MoatCanvas *self,
              cairo_t    *cr,
              double      scale)
{
  MoatGeometry *geo = geometry (self);
  MoatPoint points[2];
  MoatRect rect;
  double px, py;

  if (!self->drag.moved)
    return;

  drag_rect (self, &rect);
  moat_canvas_to_diagram (self, self->drag.x, self->drag.y, &px, &py);
  points[1] = (MoatPoint) { px, py };

  switch (self->drag.mode)
    {
    case DRAG_RUBBER_BAND:
      moat_renderer_draw_rubber_band (self->renderer, cr, &rect, scale);
      break;
    case DRAG_PLACE:
      if (self->tool == MOAT_CANVAS_TOOL_BOUNDARY_LINE)
        {
          moat_canvas_to_diagram (self, self->drag.start_x, self->drag.start_y, &points[0].x, &points[0].y);
          moat_renderer_draw_line_preview (self->renderer, cr, points, 2, scale);
        }
      else
        moat_renderer_draw_node_preview (self->renderer, cr, tool_kind (self->tool), &rect, scale);
      break;
    case DRAG_NEW_FLOW:
      moat_geometry_anchor (self->drag.element, &points[1], &points[0]);
      end_on_target (self, points);
      moat_renderer_draw_flow_preview (self->renderer, cr, points, 2, scale);
      break;
    case DRAG_RECONNECT:
      {
        const MoatFlowPath *path = moat_geometry_get_path (geo, self->drag.element);

        if (path == NULL)
          break;
        points[0] = self->drag.target_end ? path->points[path->n_points - 2] : path->points[1];
        end_on_target (self, points);
        moat_renderer_draw_flow_preview (self->renderer, cr, points, 2, scale);
        break;
      }
    default:
      break;
    }
}

/* Draws the gesture in progress over the frame, and says where. */
static cairo_region_t *
draw_gesture_over (MoatCanvas      *self,
                   cairo_surface_t *surface,
                   const MoatView  *view)
{
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_region_t *area = NULL;
  double x, y, width, height;
  cairo_t *cr = cairo_create (recording);

  moat_view_apply (view, cr);
  draw_gesture (self, cr, view->scale);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &x, &y, &width, &height);
  if (width > 0 && height > 0)
    {
      cairo_rectangle_int_t box = { (int)floor (x) - 1, (int)floor (y) - 1,
                                    (int)ceil (x + width) - (int)floor (x) + 2,
                                    (int)ceil (y + height) - (int)floor (y) + 2 };

      area = cairo_region_create_rectangle (&box);
      cairo_region_intersect_rectangle (area, &(cairo_rectangle_int_t) { 0, 0, view->width, view->height });
      cr = cairo_create (surface);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (recording);
  return area;
}

static void
moat_canvas_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int factor = gtk_widget_get_scale_factor (widget);
  cairo_region_t *changed;
  cairo_surface_t *surface;
  MoatView view;

  if (width <= 0 || height <= 0 || self->renderer == NULL)
    return;

  /* Drawn into pixels of our own, one to one with the device: the
   * renderer's shape cache works there, and they are kept for the next
   * frame, which redraws only what changed. */
  view = (MoatView) { self->zoom * factor, self->origin_x, self->origin_y,
                      width * factor, height * factor };
  changed = moat_frame_cache_update (self->frames, &view, self->gesture_area);
  surface = moat_frame_cache_get_surface (self->frames);
  if (changed != NULL && self->gesture_area != NULL)
    cairo_region_union (changed, self->gesture_area);
  g_clear_pointer (&self->gesture_area, cairo_region_destroy);
  if (self->drag.moved)
    self->gesture_area = draw_gesture_over (self, surface, &view);
  if (changed != NULL && self->gesture_area != NULL)
    cairo_region_union (changed, self->gesture_area);

  if (self->redrawn)
    g_clear_pointer (&changed, cairo_region_destroy);
  self->redrawn = FALSE;
  self->drawn_view = view;
  update_tiles (self, surface, changed, factor);
  g_clear_pointer (&changed, cairo_region_destroy);
  /* Each frame of a zoom (or of anything after it) puts the pause off. */
  g_clear_handle_id (&self->pause_timeout, g_source_remove);
  if (!moat_frame_cache_is_exact (self->frames))
    self->pause_timeout = g_timeout_add (ZOOM_PAUSE, zoom_paused, self);
  /* Between frames, once per frame size, not at every frame. */
  if (self->prepare_idle == 0 && !moat_frame_cache_is_zoom_prepared (self->frames))
    self->prepare_idle = g_idle_add_full (G_PRIORITY_LOW, prepare_zoom, self, NULL);
  for (guint i = 0; i < self->tiles->len; i++)
    gtk_snapshot_append_node (snapshot, g_ptr_array_index (self->tiles, i));

  if (gtk_widget_get_visible (self->entry))
    gtk_widget_snapshot_child (widget, self->entry, snapshot);
}

static void
moat_canvas_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

static void
moat_canvas_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  graphene_rect_t area;
  graphene_point_t centre;
  int min_width, entry_height;
  double entry_width;

  if (self->needs_view && width > 0 && height > 0)
    place_initial_view (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));

  if (!gtk_widget_get_visible (self->entry) || self->renaming == NULL ||
      !rename_area (self, self->renaming, &area))
    return;

  gtk_widget_measure (self->entry, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (self->entry, GTK_ORIENTATION_VERTICAL, -1, NULL, &entry_height, NULL, NULL);
  entry_width = MAX (MAX (graphene_rect_get_width (&area), 180), min_width);
  graphene_rect_get_center (&area, &centre);
  /* Within the canvas, even for a name at its edge. */
  gtk_widget_size_allocate (self->entry,
                            &(GtkAllocation) { (int) CLAMP (centre.x - entry_width / 2, 0,
                                                            MAX (0, width - entry_width)),
                                               (int) CLAMP (centre.y - entry_height / 2.0, 0,
                                                            MAX (0, height - entry_height)),
                                               (int)entry_width, entry_height },
                            -1);
}

/* ---------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------- */

static void
moat_canvas_dispose (GObject *object)
{
  MoatCanvas *self = MOAT_CANVAS (object);

  moat_canvas_drag_cancel (self);
  g_clear_handle_id (&self->restack_idle, g_source_remove);
  g_clear_handle_id (&self->pause_timeout, g_source_remove);
  g_clear_handle_id (&self->prepare_idle, g_source_remove);
  g_clear_object (&self->renaming);
  g_clear_object (&self->flow_source);
  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_object (&self->selection_menu);
  g_clear_object (&self->multi_selection_menu);
  g_clear_object (&self->canvas_menu);
  g_clear_object (&self->flow_drop_menu);
  g_clear_object (&self->dropped_flow_source);
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  g_clear_object (&self->frames);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->gesture_area, cairo_region_destroy);
  g_ptr_array_set_size (self->tiles, 0);
  g_clear_object (&self->compare);
  g_clear_object (&self->hover);
  g_clear_object (&self->connection_hint);
  g_clear_object (&self->model);
  if (self->selection != NULL)
    g_hash_table_remove_all (self->selection);

  G_OBJECT_CLASS (moat_canvas_parent_class)->dispose (object);
}

static void
moat_canvas_finalize (GObject *object)
{
  MoatCanvas *self = MOAT_CANVAS (object);

  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_free (self->diagram_id);

  G_OBJECT_CLASS (moat_canvas_parent_class)->finalize (object);
}

/* ---------------------------------------------------------------------
 * Context menu
 * ------------------------------------------------------------------- */

/* What a right-click applies to: the element under the pointer, which
 * joins nothing else unless it was already part of the selection; on
 * empty canvas, the diagram itself. */
static void
select_for_menu (MoatCanvas *self,
                 double      x,
                 double      y)
{
  MoatHit hit;

  hit_at (self, x, y, &hit);
  if (hit.element != NULL && moat_canvas_is_selected (self, hit.element))
    return;
  moat_canvas_select (self, hit.element, FALSE);
}

static gboolean
let_go_of_menu (gpointer data)
{
  MoatCanvas *self = data;

  if (self->menu != NULL && !gtk_widget_get_visible (self->menu))
    g_clear_pointer (&self->menu, gtk_widget_unparent);
  return G_SOURCE_REMOVE;
}

/* After the menu's action has run: it may be what the menu's item
 * activated in this very emission. */
static void
on_menu_closed (MoatCanvas *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, let_go_of_menu, g_object_ref (self), g_object_unref);
}

static void
moat_canvas_unrealize (GtkWidget *widget)
{
  g_clear_pointer (&MOAT_CANVAS (widget)->menu, gtk_widget_unparent);
  gtk_widget_set_has_tooltip (widget, FALSE);

  GTK_WIDGET_CLASS (moat_canvas_parent_class)->unrealize (widget);
}

static void show_menu (MoatCanvas *self,
                       GMenuModel *model,
                       double      x,
                       double      y);

/* A flow let go of over nothing would vanish: offer to put the element
 * it was heading for there. */
static void
offer_new_target (MoatCanvas  *self,
                  MoatElement *source,
                  double       x,
                  double       y)
{
  if (self->flow_drop_menu == NULL)
    return;
  g_set_object (&self->dropped_flow_source, source);
  self->dropped_x = x;
  self->dropped_y = y;
  show_menu (self, self->flow_drop_menu, x, y);
}

/**
 * moat_canvas_connect_new:
 * @kind: the kind of node to add
 *
 * Adds a node of @kind where a flow from @source was dropped, and the flow
 * to it, as one step of undo.
 *
 * Returns: (transfer none) (nullable): the new flow
 */
MoatElement *
moat_canvas_connect_new (MoatCanvas      *self,
                         MoatElement     *source,
                         MoatElementKind  kind,
                         double           x,
                         double           y)
{
  MoatElement *flow;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);
  g_return_val_if_fail (kind == MOAT_ELEMENT_ACTOR || kind == MOAT_ELEMENT_PROCESS
                        || kind == MOAT_ELEMENT_STORE, NULL);

  if (self->model == NULL || source == NULL)
    return NULL;
  moat_model_begin_action (self->model, _(kind_defaults[MOAT_ELEMENT_FLOW].action));
  flow = moat_canvas_connect (self, source, moat_canvas_place (self, kind, x, y));
  moat_model_end_action (self->model);
  moat_canvas_set_tool (self, MOAT_CANVAS_TOOL_SELECT);
  return flow;
}

/* A point where the line's menu was opened, in the segment nearest to
 * it, to drag from there. */
static void
add_line_point (MoatCanvas  *self,
                MoatElement *line)
{
  g_autofree MoatPoint *points = NULL;
  g_autofree MoatPoint *more = NULL;
  guint n, segment;
  double x, y;

  points = moat_boundary_line_get_points (line, &n);
  moat_canvas_to_diagram (self, self->menu_x, self->menu_y, &x, &y);
  moat_polyline_distance (points, n, x, y, &segment);
  more = g_new (MoatPoint, n + 1);
  memcpy (more, points, (segment + 1) * sizeof (MoatPoint));
  more[segment + 1] = (MoatPoint) { snap_value (self, x), snap_value (self, y) };
  memcpy (more + segment + 2, points + segment + 1, (n - segment - 1) * sizeof (MoatPoint));
  moat_model_begin_action (self->model, _("Add point to boundary line"));
  moat_boundary_line_set_points (line, more, n + 1);
  moat_model_end_action (self->model);
}

/* A bend where the flow's menu was opened, on the segment nearest to it,
 * to drag from there. */
static void
add_bend_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  MoatElement *flow = single_selected (self);
  const MoatFlowPath *path;
  GVariant *bends;
  GVariantBuilder builder;
  guint segment = 0;
  double x, y;

  if (flow != NULL && self->renderer != NULL && moat_boundary_line_is_line (flow))
    {
      add_line_point (self, flow);
      return;
    }
  if (flow == NULL || moat_element_get_kind (flow) != MOAT_ELEMENT_FLOW || self->renderer == NULL ||
      (path = moat_geometry_get_path (geometry (self), flow)) == NULL || path->n_synthetic > 0)
    return;
  moat_canvas_to_diagram (self, self->menu_x, self->menu_y, &x, &y);
  moat_flow_path_distance (path, x, y, &segment);
  bends = moat_element_get_points (flow);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; bends != NULL && i < g_variant_n_children (bends); i++)
    {
      double bx, by;

      if (i == segment)
        g_variant_builder_add (&builder, "(dd)", snap_value (self, x), snap_value (self, y));
      g_variant_get_child (bends, i, "(dd)", &bx, &by);
      g_variant_builder_add (&builder, "(dd)", bx, by);
    }
  if (bends == NULL || segment >= g_variant_n_children (bends))
    g_variant_builder_add (&builder, "(dd)", snap_value (self, x), snap_value (self, y));
  moat_model_begin_action (self->model, _("Add bend"));
  g_object_set (flow, "points", g_variant_builder_end (&builder), NULL);
  moat_model_end_action (self->model);
}

/* The selection over (or under) everything else in its layer. */
static void
restack_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  g_autoptr(GPtrArray) selected = moat_canvas_get_selection (self);

  if (self->model != NULL)
    moat_arrange_restack (self->model, selected, g_str_equal (action_name, "canvas.bring-to-front"));
}

static void
connect_new_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  GEnumClass *kinds = g_type_class_ref (MOAT_TYPE_ELEMENT_KIND);
  GEnumValue *kind = g_enum_get_value_by_nick (kinds, g_variant_get_string (parameter, NULL));
  g_autoptr(MoatElement) source = g_steal_pointer (&self->dropped_flow_source);

  if (kind != NULL && source != NULL)
    moat_canvas_connect_new (self, source, kind->value, self->dropped_x, self->dropped_y);
  g_type_class_unref (kinds);
}

static void
show_menu (MoatCanvas *self,
           GMenuModel *model,
           double      x,
           double      y)
{
  /* A menu of its own each time, gone when it closes, as GtkWindowHandle
   * does: no popover surface outlives what it was shown for. */
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  self->menu_x = x;
  self->menu_y = y;
  self->menu = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
  g_signal_connect_object (self->menu, "closed", G_CALLBACK (on_menu_closed), self, G_CONNECT_SWAPPED);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/**
 * moat_canvas_popup_menu:
 * @x: where, in widget coordinates
 *
 * Selects what is at (@x, @y) as a right-click does and shows the context
 * menu there.
 */
void
moat_canvas_popup_menu (MoatCanvas *self,
                        double      x,
                        double      y)
{
  GMenuModel *model;

  g_return_if_fail (MOAT_IS_CANVAS (self));

  moat_canvas_finish_rename (self, TRUE);
  select_for_menu (self, x, y);
  if (g_hash_table_size (self->selection) > 1 && self->multi_selection_menu != NULL)
    model = self->multi_selection_menu;
  else
    model = g_hash_table_size (self->selection) > 0 ? self->selection_menu : self->canvas_menu;
  if (model == NULL)
    return;
  show_menu (self, model, x, y);
}

/**
 * moat_canvas_get_menu:
 *
 * Returns: (transfer none) (nullable): the context menu while it is shown
 */
GtkWidget *
moat_canvas_get_menu (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->menu;
}

/* From the keyboard (Menu, Shift+F10): at the selected element, or in
 * the middle of the view. */
static void
popup_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatCanvas *self = MOAT_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;
  MoatElement *element = single_selected (self);

  if (element != NULL && moat_element_get_kind (element) != MOAT_ELEMENT_FLOW)
    moat_canvas_from_diagram (self,
                              moat_element_get_x (element) + moat_element_get_width (element) / 2,
                              moat_element_get_y (element) + moat_element_get_height (element) / 2,
                              &x, &y);
  moat_canvas_popup_menu (self, x, y);
}

static MoatCanvasTool
tool_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tool_names); i++)
    if (g_strcmp0 (tool_names[i], name) == 0)
      return i;
  return MOAT_CANVAS_TOOL_SELECT;
}

static void
moat_canvas_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MoatCanvas *self = MOAT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_DIAGRAM_ID:
      g_value_set_string (value, self->diagram_id);
      break;
    case PROP_TOOL:
      g_value_set_string (value, tool_names[self->tool]);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SELECTION_MENU:
      g_value_set_object (value, self->selection_menu);
      break;
    case PROP_MULTI_SELECTION_MENU:
      g_value_set_object (value, self->multi_selection_menu);
      break;
    case PROP_CANVAS_MENU:
      g_value_set_object (value, self->canvas_menu);
      break;
    case PROP_FLOW_DROP_MENU:
      g_value_set_object (value, self->flow_drop_menu);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_canvas_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MoatCanvas *self = MOAT_CANVAS (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      moat_canvas_set_model (self, g_value_get_object (value));
      break;
    case PROP_DIAGRAM_ID:
      moat_canvas_set_diagram_id (self, g_value_get_string (value));
      break;
    case PROP_TOOL:
      moat_canvas_set_tool (self, tool_from_name (g_value_get_string (value)));
      break;
    case PROP_ZOOM:
      moat_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_SNAP_TO_GRID:
      moat_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTION_MENU:
      g_set_object (&self->selection_menu, g_value_get_object (value));
      break;
    case PROP_MULTI_SELECTION_MENU:
      g_set_object (&self->multi_selection_menu, g_value_get_object (value));
      break;
    case PROP_CANVAS_MENU:
      g_set_object (&self->canvas_menu, g_value_get_object (value));
      break;
    case PROP_FLOW_DROP_MENU:
      g_set_object (&self->flow_drop_menu, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * moat_canvas_get_tooltip_at:
 * @x: in widget coordinates
 *
 * Returns: (nullable): the whole name of the element at (@x, @y) when the
 *   canvas shows it cut short with "…"
 */
const char *
moat_canvas_get_tooltip_at (MoatCanvas *self,
                            double      x,
                            double      y)
{
  MoatHit hit;

  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  hit_at (self, x, y, &hit);
  return cut_name (self, hit.element);
}

static gboolean
moat_canvas_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  const char *text = keyboard ? NULL : moat_canvas_get_tooltip_at (MOAT_CANVAS (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
moat_canvas_class_init (MoatCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_canvas_dispose;
  object_class->finalize = moat_canvas_finalize;
  object_class->get_property = moat_canvas_get_property;
  object_class->set_property = moat_canvas_set_property;

  widget_class->snapshot = moat_canvas_snapshot;
  widget_class->measure = moat_canvas_measure;
  widget_class->size_allocate = moat_canvas_size_allocate;
  widget_class->unrealize = moat_canvas_unrealize;
  widget_class->query_tooltip = moat_canvas_query_tooltip;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIAGRAM_ID] =
    g_param_spec_string ("diagram-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "select",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MOAT_CANVAS_MIN_ZOOM, MOAT_CANVAS_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatCanvas:selection-menu:
   *
   * The context menu of selected elements: the actions that apply to them.
   */
  properties[PROP_SELECTION_MENU] =
    g_param_spec_object ("selection-menu", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatCanvas:multi-selection-menu:
   *
   * The context menu of several selected elements, when it differs from
   * that of one (arranging them, say).
   */
  properties[PROP_MULTI_SELECTION_MENU] =
    g_param_spec_object ("multi-selection-menu", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatCanvas:canvas-menu:
   *
   * The context menu of the empty canvas: the diagram's actions.
   */
  properties[PROP_CANVAS_MENU] =
    g_param_spec_object ("canvas-menu", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatCanvas:flow-drop-menu:
   *
   * What a flow dropped on empty canvas offers: a new element there, of a
   * kind named by "canvas.connect-new".
   */
  properties[PROP_FLOW_DROP_MENU] =
    g_param_spec_object ("flow-drop-menu", NULL, NULL, G_TYPE_MENU_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "canvas.popup-menu", NULL, popup_menu_action);
  gtk_widget_class_install_action (widget_class, "canvas.connect-new", "s", connect_new_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-bend", NULL, add_bend_action);
  gtk_widget_class_install_action (widget_class, "canvas.bring-to-front", NULL, restack_action);
  gtk_widget_class_install_action (widget_class, "canvas.send-to-back", NULL, restack_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.popup-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.popup-menu", NULL);

  /**
   * MoatCanvas::selection-changed:
   *
   * The set of selected elements changed.
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "moatcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
on_menu_pressed (MoatCanvas *self,
                 int         n_press,
                 double      x,
                 double      y)
{
  moat_canvas_popup_menu (self, x, y);
}

static void
on_long_press (MoatCanvas *self,
               double      x,
               double      y)
{
  moat_canvas_drag_cancel (self);
  moat_canvas_popup_menu (self, x, y);
}

static void
add_controllers (MoatCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (menu_click, "pressed", G_CALLBACK (on_menu_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (menu_click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_swapped (long_press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (long_press));

  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (key, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (widget, key);

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
}

/* Entries are translucent in Adwaita; over a diagram that would mix the
 * name being typed with the lines beneath it. */
static void
add_entry_style (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider,
                                       "moatcanvas > entry.moat-canvas-rename {"
                                       "  background-color: @view_bg_color;"
                                       "  box-shadow: 0 1px 4px alpha(black, 0.3);"
                                       "}", -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&done, 1);
    }
}

static void
make_entry (MoatCanvas *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (self->entry), MOAT_TEXT_SHORT_MAX);
  gtk_widget_set_visible (self->entry, FALSE);
  gtk_widget_add_css_class (self->entry, "moat-canvas-rename");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));

  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (self->entry, key);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_focus_leave), self);
  gtk_widget_add_controller (self->entry, focus);
}

static void
moat_canvas_init (MoatCanvas *self)
{
  self->zoom = 1.0;
  self->zoom_budget = ZOOM_FRAME_BUDGET;
  self->snap = TRUE;
  self->grid_size = DEFAULT_GRID;
  self->needs_view = TRUE;
  self->selection = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->tiles = g_ptr_array_new_with_free_func (unref_tile);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Data-flow diagram editor"), -1);
  add_controllers (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.add-bend", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.bring-to-front", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.send-to-back", FALSE);
  add_entry_style ();
  make_entry (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);
}

GtkWidget *
moat_canvas_new (void)
{
  return g_object_new (MOAT_TYPE_CANVAS, NULL);
}

void
moat_canvas_set_model (MoatCanvas *self,
                       MoatModel  *model)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (model == NULL || MOAT_IS_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->changed_handler = g_signal_connect (model, "changed", G_CALLBACK (on_model_changed), self);

  rebuild_renderer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

MoatModel *
moat_canvas_get_model (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->model;
}

/**
 * moat_canvas_set_diagram_id:
 * @diagram_id: (nullable): the diagram to show and edit
 */
void
moat_canvas_set_diagram_id (MoatCanvas *self,
                            const char *diagram_id)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  if (g_strcmp0 (self->diagram_id, diagram_id) == 0)
    return;

  g_free (self->diagram_id);
  self->diagram_id = g_strdup (diagram_id);
  rebuild_renderer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM_ID]);
}

const char *
moat_canvas_get_diagram_id (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->diagram_id;
}

/**
 * moat_canvas_get_renderer:
 *
 * For view options the window sets, such as badges and highlights.
 *
 * Returns: (transfer none) (nullable): the renderer of the current
 *   diagram; it is replaced when the diagram or model changes
 */
MoatRenderer *
moat_canvas_get_renderer (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), NULL);

  return self->renderer;
}

void
moat_canvas_set_tool (MoatCanvas     *self,
                      MoatCanvasTool  tool)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (tool <= MOAT_CANVAS_TOOL_BOUNDARY_LINE);

  if (self->tool == tool)
    return;

  moat_canvas_drag_cancel (self);
  self->tool = tool;
  set_connection_hint (self, NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   tool == MOAT_CANVAS_TOOL_SELECT ? "default" : "crosshair");
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

MoatCanvasTool
moat_canvas_get_tool (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), MOAT_CANVAS_TOOL_SELECT);

  return self->tool;
}

/**
 * moat_canvas_set_snap_to_grid:
 *
 * With snapping on, the grid is shown and elements land on it when
 * placed, moved, resized or nudged.
 */
void
moat_canvas_set_snap_to_grid (MoatCanvas *self,
                              gboolean    snap)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));

  snap = !!snap;
  if (self->snap == snap)
    return;
  self->snap = snap;
  if (self->renderer != NULL)
    moat_renderer_set_grid_size (self->renderer, snap ? self->grid_size : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

gboolean
moat_canvas_get_snap_to_grid (MoatCanvas *self)
{
  g_return_val_if_fail (MOAT_IS_CANVAS (self), FALSE);

  return self->snap;
}

void
moat_canvas_set_grid_size (MoatCanvas *self,
                           double      grid_size)
{
  g_return_if_fail (MOAT_IS_CANVAS (self));
  g_return_if_fail (grid_size > 0);

  self->grid_size = grid_size;
  if (self->renderer != NULL && self->snap)
    moat_renderer_set_grid_size (self->renderer, grid_size);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
