/* moat-renderer.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#ifdef CAIRO_HAS_SVG_SURFACE
#include <cairo-svg.h>
#endif
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "moat-boundary-line.h"
#include "moat-conflict.h"
#include "moat-compare.h"
#include "moat-error.h"
#include "moat-renderer.h"
#include "moat-svg-text.h"
#include "moat-temp-file.h"
#include "moat-review.h"

/* Line widths in diagram units, before the palette's line scale. */
#define NODE_LINE      2.0
#define FLOW_LINE      1.75
#define BOUNDARY_LINE  2.0
#define ACTOR_RADIUS   4.0
#define BOUNDARY_RADIUS 12.0
#define NOTE_FOLD      16.0

/* Sizes on screen, in device pixels whatever the zoom. */
#define HANDLE_SIZE    8.0
#define SELECTION_GAP  4.0
#define POINT_RADIUS   5.0

/* Below this many pixels text is no longer readable: leave it out, which
 * also keeps a zoomed-out view of thousands of elements quick. */
#define MIN_TEXT_PIXELS 4.5

/* The shape cache: at most this many shapes, each at most this many
 * pixels (larger ones are few on screen and cheap to draw directly). */
#define MAX_SPRITES     256
#define MAX_SPRITE_AREA (256.0 * 256.0)

#define BADGE_RADIUS   11.0
#define BADGE_CORNER_GAP 8.0 /* between a badge and its shape's corner */
#define BADGE_TEXT     12.0
#define LABEL_HALO     4.0  /* the width of the outline round a flow label's letters */
#define REVIEW_RADIUS  5.0
#define REVIEW_MIN_PX  3.5    /* the ring's smallest radius on screen */
#define CONFLICT_GAP   7.0    /* between a shape and its conflict mark */
#define EXPORT_MARGIN  24.0

/* How far a view's decorations reach past an element's bounds: badges and
 * conflict marks in diagram units, selection handles and review rings
 * in pixels. */
#define DECORATION_MARGIN      24.0
#define DECORATION_MARGIN_PX   16.0

struct _MoatRenderer
{
  GObject         parent_instance;

  MoatModel      *model;
  char           *diagram_id;
  MoatGeometry   *geometry;
  MoatPalette     palette;
  double          grid_size;
  gboolean        draw_background;

  GHashTable     *selection;    /* MoatElement* set, or NULL */
  GHashTable     *highlighted;
  MoatElement    *hover;
  MoatElement    *connection_hint;
  MoatBadgeFunc   badge_func;
  gpointer        badge_data;
  GDestroyNotify  badge_destroy;
  GHashTable     *badge_layouts;  /* count -> PangoLayout */
  gboolean        show_review;
  gboolean        show_conflicts;
  GHashTable     *sprites;        /* SpriteKey -> Sprite, at sprite_scale */
  double          sprite_scale;
  cairo_surface_t *review_sprites[2]; /* the review ring, without and with its rim */
  GString        *svg_text;     /* while writing an SVG drawing: its <text> */
  MoatCompare    *compare;
  MoatRenderer   *ghosts;         /* draws the older version's removed elements */
  GHashTable     *compare_drawn;  /* element id -> MoatCompareMark, of the last frame */

  /* What a view has been told of, for moat_renderer_take_damage(). */
  gulong          changed_handler;
  gboolean        damaged_all;
  GHashTable     *told_selection; /* element -> itself, referenced */
  MoatElement    *told_hover;
  MoatElement    *told_hint;
};

G_DEFINE_FINAL_TYPE (MoatRenderer, moat_renderer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DIAGRAM_ID,
  PROP_GRID_SIZE,
  PROP_DRAW_BACKGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one frame needs to know besides the renderer. */
typedef struct
{
  cairo_t        *cr;
  cairo_matrix_t  matrix;       /* diagram to device */
  double          scale;
  gboolean        text;         /* big enough to read */
  gboolean        decorations;  /* selection, hover, badges: not in exports */
  gboolean        sprites;      /* shapes may be copied from the cache */
} Frame;

/* ---------------------------------------------------------------------
 * Views
 * ------------------------------------------------------------------- */

void
moat_view_get_visible (const MoatView *view,
                       MoatRect       *visible)
{
  *visible = (MoatRect) { view->x, view->y, view->width / view->scale, view->height / view->scale };
}

void
moat_view_to_diagram (const MoatView *view,
                      double          view_x,
                      double          view_y,
                      double         *x,
                      double         *y)
{
  *x = view->x + view_x / view->scale;
  *y = view->y + view_y / view->scale;
}

void
moat_view_from_diagram (const MoatView *view,
                        double          x,
                        double          y,
                        double         *view_x,
                        double         *view_y)
{
  *view_x = (x - view->x) * view->scale;
  *view_y = (y - view->y) * view->scale;
}

/* Makes user space of @cr diagram space. */
void
moat_view_apply (const MoatView *view,
                 cairo_t        *cr)
{
  cairo_scale (cr, view->scale, view->scale);
  cairo_translate (cr, -view->x, -view->y);
}

/* ---------------------------------------------------------------------
 * Drawing helpers
 * ------------------------------------------------------------------- */

static void
set_color (cairo_t         *cr,
           const MoatColor *color,
           double           alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* A line at least one device pixel wide, so that a zoomed-out diagram
 * keeps its outlines. */
static double
line_width (MoatRenderer *self,
            const Frame  *frame,
            double        width)
{
  return MAX (width * self->palette.line_scale, 1.0 / frame->scale);
}

static void
rounded_rect (cairo_t        *cr,
              const MoatRect *r,
              double          radius)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;

  radius = MIN (radius, MIN (r->width, r->height) / 2);
  if (radius <= 0)
    {
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - radius, y0 + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x1 - radius, y1 - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x0 + radius, y1 - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + radius, y0 + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
note_outline (cairo_t        *cr,
              const MoatRect *r)
{
  double fold = MIN (NOTE_FOLD, MIN (r->width, r->height) / 2);

  cairo_move_to (cr, r->x, r->y);
  cairo_line_to (cr, r->x + r->width - fold, r->y);
  cairo_line_to (cr, r->x + r->width, r->y + fold);
  cairo_line_to (cr, r->x + r->width, r->y + r->height);
  cairo_line_to (cr, r->x, r->y + r->height);
  cairo_close_path (cr);
}

/* The polyline of a boundary line, as a path.
 *
 * Returns: %FALSE if @element is not a line */
static gboolean
line_path (cairo_t     *cr,
           MoatElement *element)
{
  g_autofree MoatPoint *points = NULL;
  guint n;

  points = moat_boundary_line_get_points (element, &n);
  if (points == NULL)
    return FALSE;
  cairo_new_sub_path (cr);
  cairo_move_to (cr, points[0].x, points[0].y);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, points[i].x, points[i].y);
  return TRUE;
}

/* The outline a node's selection, hover and highlight follow. */
static void
shape_path (cairo_t        *cr,
            MoatElement    *element,
            const MoatRect *r)
{
  if (line_path (cr, element))
    return;

  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_PROCESS:
      rounded_rect (cr, r, MIN (r->width, r->height) / 2);
      break;
    case MOAT_ELEMENT_ACTOR:
      rounded_rect (cr, r, ACTOR_RADIUS);
      break;
    case MOAT_ELEMENT_BOUNDARY:
      rounded_rect (cr, r, BOUNDARY_RADIUS);
      break;
    case MOAT_ELEMENT_NOTE:
      note_outline (cr, r);
      break;
    default:
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      break;
    }
}

/* Draws @layout with its first line's logical box at (@x, @y), in the
 * cairo context's colour, over a @halo of that colour round its letters
 * if given; into an SVG drawing's text when one is being written. */
static void
show_layout_at (MoatRenderer    *self,
                cairo_t         *cr,
                PangoLayout     *layout,
                double           x,
                double           y,
                const MoatColor *halo)
{
  if (self->svg_text != NULL)
    {
      moat_svg_text_append (self->svg_text, cr, layout, x, y, halo, LABEL_HALO);
      return;
    }
  if (halo != NULL)
    {
      cairo_pattern_t *text = cairo_pattern_reference (cairo_get_source (cr));

      cairo_save (cr);
      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, layout);
      set_color (cr, halo, 1.0);
      cairo_set_line_width (cr, LABEL_HALO);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_set_source (cr, text);
      cairo_pattern_destroy (text);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = logical.width / (double)PANGO_SCALE;
  *height = logical.height / (double)PANGO_SCALE;
}

/* A name centred in the box @r, wrapped to the width the geometry gave
 * it (Pango centres each line within that width). */
static void
draw_centred_text (MoatRenderer   *self,
                   const Frame    *frame,
                   MoatElement    *element,
                   const MoatRect *r,
                   const MoatColor *color,
                   double          alpha)
{
  PangoLayout *layout;
  double w, h;

  if (!frame->text || (layout = moat_geometry_get_layout (self->geometry, element)) == NULL)
    return;

  layout_size (layout, &w, &h);
  w = pango_layout_get_width (layout) / (double)PANGO_SCALE;
  set_color (frame->cr, color, alpha);
  show_layout_at (self, frame->cr, layout, r->x + (r->width - w) / 2, r->y + (r->height - h) / 2, NULL);
}

static void
fill_and_stroke (MoatRenderer    *self,
                 const Frame     *frame,
                 const MoatColor *fill,
                 const MoatColor *stroke,
                 double           width,
                 double           alpha)
{
  set_color (frame->cr, fill, alpha);
  cairo_fill_preserve (frame->cr);
  set_color (frame->cr, stroke, alpha);
  cairo_set_line_width (frame->cr, line_width (self, frame, width));
  cairo_stroke (frame->cr);
}

/* ---------------------------------------------------------------------
 * Elements
 * ------------------------------------------------------------------- */

static double
scope_alpha (MoatElement *element)
{
  return moat_element_get_out_of_scope (element) ? 0.5 : 1.0;
}

static void
draw_halo (MoatRenderer    *self,
           const Frame     *frame,
           MoatElement     *element,
           const MoatRect  *r,
           const MoatColor *color)
{
  cairo_t *cr = frame->cr;

  shape_path (cr, element, r);
  set_color (cr, color, 0.45);
  cairo_set_line_width (cr, 10.0 / frame->scale + NODE_LINE);
  cairo_stroke (cr);
}

/* A trust boundary: a tinted region with a dashed edge, dashes never
 * shorter than a few pixels so that a zoomed-out view stays calm. */
static void
boundary_body (MoatRenderer   *self,
               const Frame    *frame,
               const MoatRect *r)
{
  cairo_t *cr = frame->cr;
  double unit = MAX (self->palette.line_scale, 0.7 / frame->scale);
  double dash[] = { 9.0 * unit, 6.0 * unit };

  rounded_rect (cr, r, BOUNDARY_RADIUS);
  set_color (cr, &self->palette.boundary_fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.boundary_stroke, 1.0);
  cairo_set_line_width (cr, line_width (self, frame, BOUNDARY_LINE));
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A trust boundary line: the dashed edge of a region without the
 * region, a little heavier so that it reads as a boundary, not a flow. */
static void
boundary_line_body (MoatRenderer *self,
                    const Frame  *frame,
                    MoatElement  *element)
{
  cairo_t *cr = frame->cr;
  double unit = MAX (self->palette.line_scale, 0.7 / frame->scale);
  double dash[] = { 9.0 * unit, 6.0 * unit };

  if (!line_path (cr, element))
    return;
  set_color (cr, &self->palette.boundary_stroke, 1.0);
  cairo_set_line_width (cr, line_width (self, frame, BOUNDARY_LINE * 1.25));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* The shape of a node or boundary without its text. */
static void
node_body (MoatRenderer    *self,
           const Frame     *frame,
           MoatElementKind  kind,
           gboolean         complex,
           double           alpha,
           const MoatRect  *r)
{
  const MoatPalette *p = &self->palette;
  cairo_t *cr = frame->cr;
  double fold, radius;

  switch (kind)
    {
    case MOAT_ELEMENT_ACTOR:
      rounded_rect (cr, r, ACTOR_RADIUS);
      fill_and_stroke (self, frame, &p->actor_fill, &p->actor_stroke, NODE_LINE, alpha);
      break;

    case MOAT_ELEMENT_PROCESS:
      radius = MIN (r->width, r->height) / 2;
      rounded_rect (cr, r, radius);
      fill_and_stroke (self, frame, &p->process_fill, &p->process_stroke, NODE_LINE, alpha);
      /* A process that opens a diagram of its own gets the classic double
       * outline of a complex process. */
      if (complex)
        {
          MoatRect inner = *r;

          moat_rect_inflate (&inner, -5);
          rounded_rect (cr, &inner, radius - 5);
          cairo_set_line_width (cr, line_width (self, frame, NODE_LINE * 0.6));
          cairo_stroke (cr);
        }
      break;

    case MOAT_ELEMENT_STORE:
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      set_color (cr, &p->store_fill, alpha);
      cairo_fill (cr);
      /* Open at both ends: only the top and bottom lines are drawn. */
      cairo_move_to (cr, r->x, r->y);
      cairo_rel_line_to (cr, r->width, 0);
      cairo_move_to (cr, r->x, r->y + r->height);
      cairo_rel_line_to (cr, r->width, 0);
      set_color (cr, &p->store_stroke, alpha);
      cairo_set_line_width (cr, line_width (self, frame, NODE_LINE * 1.25));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
      break;

    case MOAT_ELEMENT_NOTE:
      fold = MIN (NOTE_FOLD, MIN (r->width, r->height) / 2);
      note_outline (cr, r);
      fill_and_stroke (self, frame, &p->note_fill, &p->note_stroke, NODE_LINE * 0.6, alpha);
      cairo_move_to (cr, r->x + r->width - fold, r->y);
      cairo_line_to (cr, r->x + r->width - fold, r->y + fold);
      cairo_line_to (cr, r->x + r->width, r->y + fold);
      cairo_set_line_width (cr, line_width (self, frame, NODE_LINE * 0.6));
      cairo_stroke (cr);
      break;

    case MOAT_ELEMENT_BOUNDARY:
      boundary_body (self, frame, r);
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  MoatElementKind  kind;
  double           width;
  double           height;
  gboolean         complex;
  gboolean         dim;
} SpriteKey;

typedef struct
{
  SpriteKey        key;
  cairo_surface_t *surface;
  int              pad;
} Sprite;

static guint
sprite_key_hash (gconstpointer data)
{
  const SpriteKey *key = data;

  return (guint)key->kind * 7u ^ (guint)(key->width * 64) * 2654435761u ^
         (guint)(key->height * 64) * 40503u ^ (guint)key->complex << 4 ^ (guint)key->dim << 5;
}

static gboolean
sprite_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const SpriteKey *ka = a, *kb = b;

  return ka->kind == kb->kind && ka->width == kb->width && ka->height == kb->height &&
         ka->complex == kb->complex && ka->dim == kb->dim;
}

static void
sprite_free (Sprite *sprite)
{
  cairo_surface_destroy (sprite->surface);
  g_free (sprite);
}

static Sprite *
make_sprite (MoatRenderer    *self,
             const Frame     *frame,
             const SpriteKey *key)
{
  Sprite *sprite = g_new0 (Sprite, 1);
  Frame sprite_frame = *frame;
  MoatRect r = { 0, 0, key->width, key->height };
  cairo_t *cr;

  sprite->key = *key;
  sprite->pad = (int)ceil (NODE_LINE * 1.25 * self->palette.line_scale * frame->scale / 2) + 2;
  sprite->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                (int)ceil (key->width * frame->scale) + 2 * sprite->pad,
                                                (int)ceil (key->height * frame->scale) + 2 * sprite->pad);
  cr = cairo_create (sprite->surface);
  cairo_translate (cr, sprite->pad, sprite->pad);
  cairo_scale (cr, frame->scale, frame->scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  sprite_frame.cr = cr;
  node_body (self, &sprite_frame, key->kind, key->complex, key->dim ? 0.5 : 1.0, &r);
  cairo_destroy (cr);
  return sprite;
}

/* Shapes come out the same every time at one zoom, and a filled and
 * stroked curve costs cairo far more than copying its pixels: on image
 * surfaces, each distinct shape is drawn once and then copied, placed on
 * whole device pixels. */
static gboolean
draw_sprite (MoatRenderer    *self,
             const Frame     *frame,
             const SpriteKey *key,
             const MoatRect  *r)
{
  static const cairo_matrix_t identity = { 1, 0, 0, 1, 0, 0 };
  cairo_t *cr = frame->cr;
  Sprite *sprite;
  double x = r->x, y = r->y;
  int ox, oy;

  if (!frame->sprites || key->width * key->height * frame->scale * frame->scale > MAX_SPRITE_AREA)
    return FALSE;

  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite == NULL)
    {
      if (g_hash_table_size (self->sprites) >= MAX_SPRITES)
        return FALSE;
      sprite = make_sprite (self, frame, key);
      g_hash_table_insert (self->sprites, &sprite->key, sprite);
    }

  cairo_user_to_device (cr, &x, &y);
  ox = (int)round (x) - sprite->pad;
  oy = (int)round (y) - sprite->pad;
  cairo_set_matrix (cr, &identity);
  cairo_set_source_surface (cr, sprite->surface, ox, oy);
  cairo_rectangle (cr, ox, oy, cairo_image_surface_get_width (sprite->surface),
                   cairo_image_surface_get_height (sprite->surface));
  cairo_fill (cr);
  cairo_set_matrix (cr, &frame->matrix);
  return TRUE;
}

static void
draw_node (MoatRenderer   *self,
           const Frame    *frame,
           MoatElement    *element,
           const MoatRect *r)
{
  SpriteKey key = { moat_element_get_kind (element), r->width, r->height,
                    moat_element_get_kind (element) == MOAT_ELEMENT_PROCESS &&
                    moat_element_get_child_diagram_id (element) != NULL,
                    moat_element_get_out_of_scope (element) };
  double alpha = key.dim ? 0.5 : 1.0;
  PangoLayout *layout;

  if (!draw_sprite (self, frame, &key, r))
    node_body (self, frame, key.kind, key.complex, alpha, r);

  if (key.kind != MOAT_ELEMENT_NOTE)
    draw_centred_text (self, frame, element, r, &self->palette.text, alpha);
  else if (frame->text && (layout = moat_geometry_get_layout (self->geometry, element)) != NULL)
    {
      set_color (frame->cr, &self->palette.note_text, alpha);
      show_layout_at (self, frame->cr, layout, r->x + 12, r->y + 8, NULL);
    }
}

static void
arrowhead_path (cairo_t         *cr,
                const MoatPoint *from,
                const MoatPoint *tip)
{
  double dx = tip->x - from->x, dy = tip->y - from->y;
  double len = hypot (dx, dy);
  double ux, uy, bx, by;

  if (len < 1e-6)
    return;
  ux = dx / len;
  uy = dy / len;
  bx = tip->x - ux * MOAT_GEOMETRY_ARROW_LENGTH;
  by = tip->y - uy * MOAT_GEOMETRY_ARROW_LENGTH;

  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, bx - uy * MOAT_GEOMETRY_ARROW_WIDTH / 2, by + ux * MOAT_GEOMETRY_ARROW_WIDTH / 2);
  cairo_line_to (cr, bx + uy * MOAT_GEOMETRY_ARROW_WIDTH / 2, by - ux * MOAT_GEOMETRY_ARROW_WIDTH / 2);
  cairo_close_path (cr);
}

static void
arrowhead (cairo_t         *cr,
           const MoatPoint *from,
           const MoatPoint *tip)
{
  arrowhead_path (cr, from, tip);
  cairo_fill (cr);
}

/* Where the line stops so that its end hides under the arrowhead
 * instead of poking through the tip. */
static MoatPoint
pull_back (const MoatPoint *from,
           const MoatPoint *tip)
{
  double dx = tip->x - from->x, dy = tip->y - from->y;
  double len = hypot (dx, dy);
  double back = MIN (MOAT_GEOMETRY_ARROW_LENGTH * 0.8, len);

  if (len < 1e-6)
    return *tip;
  return (MoatPoint) { tip->x - dx / len * back, tip->y - dy / len * back };
}

/* Arrowheads a pixel or two long are only noise on a zoomed-out view. */
static gboolean
arrows_visible (const Frame *frame)
{
  return MOAT_GEOMETRY_ARROW_LENGTH * frame->scale >= 2.5;
}

static void
flow_line (cairo_t            *cr,
           const MoatFlowPath *path,
           gboolean            bidirectional)
{
  guint n = path->n_points;
  MoatPoint start = bidirectional ? pull_back (&path->points[1], &path->points[0]) : path->points[0];
  MoatPoint end = pull_back (&path->points[n - 2], &path->points[n - 1]);

  cairo_move_to (cr, start.x, start.y);
  for (guint i = 1; i + 1 < n; i++)
    cairo_line_to (cr, path->points[i].x, path->points[i].y);
  cairo_line_to (cr, end.x, end.y);
}

static void
draw_boundary (MoatRenderer   *self,
               const Frame    *frame,
               MoatElement    *element,
               const MoatRect *r)
{
  SpriteKey key = { MOAT_ELEMENT_BOUNDARY, r->width, r->height, FALSE, FALSE };
  PangoLayout *layout;
  MoatRect title;

  if (moat_boundary_line_is_line (element))
    boundary_line_body (self, frame, element);
  else if (!draw_sprite (self, frame, &key, r))
    boundary_body (self, frame, r);

  if (frame->text && (layout = moat_geometry_get_layout (self->geometry, element)) != NULL &&
      moat_geometry_get_label_rect (self->geometry, element, &title))
    {
      set_color (frame->cr, &self->palette.boundary_text, 1.0);
      show_layout_at (self, frame->cr, layout, title.x, title.y, NULL);
    }
}

static void
draw_flow (MoatRenderer *self,
           const Frame  *frame,
           MoatElement  *element)
{
  const MoatFlowPath *path = moat_geometry_get_path (self->geometry, element);
  cairo_t *cr = frame->cr;
  gboolean both = moat_element_get_bidirectional (element);
  guint n;

  if (path == NULL)
    return;
  n = path->n_points;

  set_color (cr, &self->palette.flow, scope_alpha (element));
  cairo_set_line_width (cr, line_width (self, frame, FLOW_LINE));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  flow_line (cr, path, both);
  cairo_stroke (cr);

  if (!arrows_visible (frame))
    return;
  arrowhead (cr, &path->points[n - 2], &path->points[n - 1]);
  if (both)
    arrowhead (cr, &path->points[1], &path->points[0]);
}

static void
draw_flow_label (MoatRenderer *self,
                 const Frame  *frame,
                 MoatElement  *element)
{
  PangoLayout *layout = moat_geometry_get_layout (self->geometry, element);
  cairo_t *cr = frame->cr;
  PangoRectangle logical;
  MoatRect box;
  double x, y;

  if (layout == NULL || !moat_geometry_get_label_rect (self->geometry, element, &box))
    return;

  pango_layout_get_extents (layout, NULL, &logical);
  x = box.x + (box.width - logical.width / (double)PANGO_SCALE) / 2 - logical.x / (double)PANGO_SCALE;
  y = box.y + (box.height - logical.height / (double)PANGO_SCALE) / 2 - logical.y / (double)PANGO_SCALE;

  /* A halo in the background's colour rather than a box: the label reads
   * over any line it meets, and hides no more of it than its letters. */
  set_color (cr, &self->palette.text, scope_alpha (element));
  show_layout_at (self, cr, layout, x, y, &self->palette.label_background);
}

static PangoLayout *
badge_layout (MoatRenderer *self,
              guint         count)
{
  PangoLayout *layout = g_hash_table_lookup (self->badge_layouts, GUINT_TO_POINTER (count));
  g_autofree char *text = NULL;
  PangoFontDescription *font;

  if (layout != NULL)
    return layout;

  text = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);
  layout = pango_layout_new (moat_geometry_get_pango_context (self->geometry));
  font = pango_font_description_from_string (moat_geometry_get_font_family (self->geometry));
  pango_font_description_set_absolute_size (font, BADGE_TEXT * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (self->badge_layouts, GUINT_TO_POINTER (count), layout);
  return layout;
}

/* Where an element's badge sits: the top right of its shape (on a
 * circle's rim rather than in the empty corner of its box). */
static gboolean
badge_centre (MoatRenderer *self,
              MoatElement  *element,
              MoatPoint    *centre)
{
  MoatRect r;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      const MoatFlowPath *path = moat_geometry_get_path (self->geometry, element);

      if (path == NULL)
        return FALSE;
      if (moat_geometry_get_label_rect (self->geometry, element, &r))
        *centre = (MoatPoint) { r.x + r.width, r.y };
      else
        *centre = path->middle;
      return TRUE;
    }

  moat_geometry_element_rect (element, &r);
  if (moat_element_get_kind (element) == MOAT_ELEMENT_PROCESS)
    {
      MoatPoint corner = { r.x + r.width + r.height, r.y - r.width };

      moat_geometry_anchor (element, &corner, centre);
      return TRUE;
    }
  /* On the top edge, half outside the shape, where it covers neither the
   * name nor the corner's resize handle. */
  *centre = (MoatPoint) { r.x + r.width - BADGE_RADIUS - BADGE_CORNER_GAP, r.y };
  return TRUE;
}

static void
draw_badge (MoatRenderer *self,
            const Frame  *frame,
            MoatElement  *element)
{
  cairo_t *cr = frame->cr;
  MoatColor color = self->palette.badge;
  PangoLayout *layout;
  MoatPoint c;
  double w, h, half;
  guint count;

  if (self->badge_func == NULL || moat_element_get_kind (element) == MOAT_ELEMENT_BOUNDARY)
    return;
  count = self->badge_func (element, &color, self->badge_data);
  if (count == 0 || !badge_centre (self, element, &c))
    return;

  layout = badge_layout (self, count);
  layout_size (layout, &w, &h);
  half = MAX (0, w / 2 - BADGE_RADIUS * 0.55);

  /* A pill that grows with the number, with a rim of the background so it
   * stands off the outline it sits on. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, c.x + half, c.y, BADGE_RADIUS, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, c.x - half, c.y, BADGE_RADIUS, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_color (cr, &color, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.background, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);

  if (frame->text)
    {
      set_color (cr, &self->palette.badge_text, 1.0);
      show_layout_at (self, cr, layout, c.x - w / 2, c.y - h / 2, NULL);
    }
}

/* At the top left of an element's shape, opposite its badge. */
static gboolean
review_marker_centre (MoatRenderer *self,
                      MoatElement  *element,
                      double        radius,
                      MoatPoint    *centre)
{
  MoatRect r;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      const MoatFlowPath *path = moat_geometry_get_path (self->geometry, element);

      if (path == NULL)
        return FALSE;
      /* Before the label, or beside the middle of a flow without one. */
      if (moat_geometry_get_label_rect (self->geometry, element, &r))
        *centre = (MoatPoint) { r.x - radius - 2, r.y + r.height / 2 };
      else
        *centre = (MoatPoint) { path->middle.x - BADGE_RADIUS - radius - 4, path->middle.y };
      return TRUE;
    }

  moat_geometry_element_rect (element, &r);
  if (moat_element_get_kind (element) == MOAT_ELEMENT_PROCESS)
    {
      MoatPoint corner = { r.x - r.height, r.y - r.width };

      moat_geometry_anchor (element, &corner, centre);
      return TRUE;
    }
  /* Inside the corner, clear of the selection handle on it. */
  *centre = (MoatPoint) { r.x + radius + 5, r.y + radius + 5 };
  return TRUE;
}

/* A ring, not a filled pill: it must not read as a count badge. Where it
 * sits on a line (a circle's rim, a flow) a rim of the background stands
 * it off. */
static void
review_ring (MoatRenderer    *self,
             cairo_t         *cr,
             const MoatPoint *c,
             double           radius,
             double           k,
             gboolean         rim)
{
  if (rim)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, c->x, c->y, radius + 1.5 * k, 0, 2 * G_PI);
      set_color (cr, &self->palette.background, 1.0);
      cairo_fill (cr);
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, c->x, c->y, radius - 1.25 * k, 0, 2 * G_PI);
  set_color (cr, &self->palette.highlight, 1.0);
  cairo_set_line_width (cr, 2.5 * k);
  cairo_stroke (cr);
}

/* Copies a square sprite centred on @c, on whole device pixels. */
static void
draw_centred_sprite (cairo_t         *cr,
                     const Frame     *frame,
                     cairo_surface_t *sprite,
                     const MoatPoint *c)
{
  static const cairo_matrix_t identity = { 1, 0, 0, 1, 0, 0 };
  int size = cairo_image_surface_get_width (sprite);
  double x = c->x, y = c->y;
  int ox, oy;

  cairo_user_to_device (cr, &x, &y);
  ox = (int)round (x) - size / 2;
  oy = (int)round (y) - size / 2;
  cairo_set_matrix (cr, &identity);
  cairo_set_source_surface (cr, sprite, ox, oy);
  cairo_rectangle (cr, ox, oy, size, size);
  cairo_fill (cr);
  cairo_set_matrix (cr, &frame->matrix);
}

/* A ring on what nobody has reviewed for threats since it last changed:
 * an editing aid, like the badges, so never in an export. */
static void
draw_review_marker (MoatRenderer *self,
                    const Frame  *frame,
                    MoatElement  *element)
{
  cairo_t *cr = frame->cr;
  /* Still to be seen on a whole diagram zoomed out to fit. */
  double radius = MAX (REVIEW_RADIUS, REVIEW_MIN_PX / frame->scale);
  double k = radius / REVIEW_RADIUS;
  gboolean rim;
  MoatPoint c;

  if (!self->show_review || !moat_review_is_pending (element) ||
      !review_marker_centre (self, element, radius, &c))
    return;

  rim = moat_element_get_kind (element) == MOAT_ELEMENT_PROCESS ||
        moat_element_get_kind (element) == MOAT_ELEMENT_FLOW;
  if (!frame->sprites)
    {
      review_ring (self, cr, &c, radius, k, rim);
      return;
    }

  /* Every ring is alike: on screen, where there may be thousands of
   * them, each is a copy of one drawn once per zoom. */
  if (self->review_sprites[rim] == NULL)
    {
      int size = 2 * (int)ceil ((radius + 1.5 * k) * frame->scale + 1);
      cairo_t *sprite_cr;

      self->review_sprites[rim] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
      sprite_cr = cairo_create (self->review_sprites[rim]);
      cairo_translate (sprite_cr, size / 2, size / 2);
      cairo_scale (sprite_cr, frame->scale, frame->scale);
      review_ring (self, sprite_cr, &(MoatPoint) { 0, 0 }, radius, k, rim);
      cairo_destroy (sprite_cr);
    }
  draw_centred_sprite (cr, frame, self->review_sprites[rim], &c);
}

static void
draw_element (MoatRenderer *self,
              const Frame  *frame,
              MoatElement  *element)
{
  MoatRect r;

  moat_geometry_element_rect (element, &r);

  if (frame->decorations && self->highlighted != NULL &&
      moat_element_get_kind (element) != MOAT_ELEMENT_FLOW &&
      g_hash_table_contains (self->highlighted, element))
    draw_halo (self, frame, element, &r, &self->palette.highlight);

  switch (moat_element_get_kind (element))
    {
    case MOAT_ELEMENT_ACTOR:
    case MOAT_ELEMENT_PROCESS:
    case MOAT_ELEMENT_STORE:
    case MOAT_ELEMENT_NOTE:
      draw_node (self, frame, element, &r);
      break;
    case MOAT_ELEMENT_BOUNDARY:
      draw_boundary (self, frame, element, &r);
      break;
    case MOAT_ELEMENT_FLOW:
      if (frame->decorations && self->highlighted != NULL &&
          g_hash_table_contains (self->highlighted, element))
        {
          const MoatFlowPath *path = moat_geometry_get_path (self->geometry, element);

          if (path != NULL)
            {
              flow_line (frame->cr, path, FALSE);
              set_color (frame->cr, &self->palette.highlight, 0.45);
              cairo_set_line_width (frame->cr, 8.0 / frame->scale + FLOW_LINE);
              cairo_stroke (frame->cr);
            }
        }
      draw_flow (self, frame, element);
      break;
    default:
      break;
    }
}

/* ---------------------------------------------------------------------
 * Decorations: what a view shows on top of the diagram
 * ------------------------------------------------------------------- */

static void
draw_point (MoatRenderer    *self,
            const Frame     *frame,
            const MoatPoint *p,
            double           radius,
            gboolean         filled)
{
  cairo_t *cr = frame->cr;

  cairo_new_sub_path (cr);
  cairo_arc (cr, p->x, p->y, radius / frame->scale, 0, 2 * G_PI);
  set_color (cr, filled ? &self->palette.accent : &self->palette.handle_fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, filled ? &self->palette.handle_fill : &self->palette.accent, 1.0);
  cairo_set_line_width (cr, 1.5 / frame->scale);
  cairo_stroke (cr);
}

static void
draw_handles (MoatRenderer   *self,
              const Frame    *frame,
              const MoatRect *r)
{
  cairo_t *cr = frame->cr;
  double half = HANDLE_SIZE / 2 / frame->scale;

  for (MoatHandle h = 0; h < MOAT_N_HANDLES; h++)
    {
      MoatPoint p;

      moat_geometry_handle_position (r, h, &p);
      cairo_rectangle (cr, p.x - half, p.y - half, 2 * half, 2 * half);
    }
  set_color (cr, &self->palette.handle_fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, 1.5 / frame->scale);
  cairo_stroke (cr);
}

static void draw_flow_points (MoatRenderer       *self,
                              const Frame        *frame,
                              MoatElement        *element,
                              const MoatFlowPath *path,
                              gboolean            ends);

static void
draw_flow_selection (MoatRenderer *self,
                     const Frame  *frame,
                     MoatElement  *element,
                     gboolean      only)
{
  const MoatFlowPath *path = moat_geometry_get_path (self->geometry, element);
  cairo_t *cr = frame->cr;
  guint n;

  if (path == NULL)
    return;
  n = path->n_points;

  flow_line (cr, path, FALSE);
  set_color (cr, &self->palette.accent, 0.35);
  cairo_set_line_width (cr, 7.0 / frame->scale);
  cairo_stroke (cr);
  set_color (cr, &self->palette.accent, 1.0);
  arrowhead (cr, &path->points[n - 2], &path->points[n - 1]);

  if (only)
    draw_flow_points (self, frame, element, path, TRUE);
}

/* A flow's bends to drag, the middles of its segments to drag new ones
 * out of, and its ends to join elsewhere: on the one selected flow, and
 * on a flow under the pointer, so that people find them. */
static void
draw_flow_points (MoatRenderer       *self,
                  const Frame        *frame,
                  MoatElement        *element,
                  const MoatFlowPath *path,
                  gboolean            ends)
{
  cairo_t *cr = frame->cr;
  guint n = path->n_points;

  if (path->n_synthetic == 0)
    for (guint i = 0; i + 1 < n; i++)
      {
        MoatPoint mid;

        moat_geometry_get_new_bend_position (self->geometry, element, i, &mid);
        cairo_new_sub_path (cr);
        cairo_arc (cr, mid.x, mid.y, 3.5 / frame->scale, 0, 2 * G_PI);
        set_color (cr, &self->palette.accent, 0.55);
        cairo_fill (cr);
      }
  for (guint i = 1; i + 1 < n && path->n_synthetic == 0; i++)
    draw_point (self, frame, &path->points[i], POINT_RADIUS, FALSE);
  if (!ends)
    return;
  draw_point (self, frame, &path->points[0], POINT_RADIUS, TRUE);
  draw_point (self, frame, &path->points[n - 1], POINT_RADIUS, TRUE);
}

/* A selected boundary line: the line lit up; alone, its points to drag
 * and the middles of its segments to drag new points out of. */
static void
draw_line_selection (MoatRenderer *self,
                     const Frame  *frame,
                     MoatElement  *element,
                     gboolean      only)
{
  g_autofree MoatPoint *points = NULL;
  cairo_t *cr = frame->cr;
  guint n;

  points = moat_boundary_line_get_points (element, &n);
  line_path (cr, element);
  set_color (cr, &self->palette.accent, 0.35);
  cairo_set_line_width (cr, 7.0 / frame->scale);
  cairo_stroke (cr);
  if (!only)
    return;

  for (guint i = 0; i + 1 < n; i++)
    {
      MoatPoint mid;

      if (!moat_geometry_get_new_bend_position (self->geometry, element, i, &mid))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, mid.x, mid.y, 3.5 / frame->scale, 0, 2 * G_PI);
      set_color (cr, &self->palette.accent, 0.55);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n; i++)
    draw_point (self, frame, &points[i], POINT_RADIUS, i == 0 || i + 1 == n);
}

static void
draw_selection (MoatRenderer *self,
                const Frame  *frame,
                MoatElement  *element,
                gboolean      only)
{
  cairo_t *cr = frame->cr;
  MoatRect r, outline;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      draw_flow_selection (self, frame, element, only);
      return;
    }
  if (moat_boundary_line_is_line (element))
    {
      draw_line_selection (self, frame, element, only);
      return;
    }

  moat_geometry_element_rect (element, &r);
  outline = r;
  moat_rect_inflate (&outline, SELECTION_GAP / frame->scale);
  shape_path (cr, element, &outline);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, 2.0 / frame->scale);
  cairo_stroke (cr);

  if (only)
    draw_handles (self, frame, &r);
}

static void
draw_connection_points (MoatRenderer *self,
                        const Frame  *frame,
                        MoatElement  *element)
{
  static const double dirs[][2] = { { 0, -1 }, { 1, 0 }, { 0, 1 }, { -1, 0 } };
  cairo_t *cr = frame->cr;
  MoatRect r;

  moat_geometry_element_rect (element, &r);
  shape_path (cr, element, &r);
  set_color (cr, &self->palette.accent_fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, 2.0 / frame->scale);
  cairo_stroke (cr);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      MoatPoint toward = { r.x + r.width / 2 + dirs[i][0] * (r.width + 1),
                           r.y + r.height / 2 + dirs[i][1] * (r.height + 1) };
      MoatPoint p;

      moat_geometry_anchor (element, &toward, &p);
      draw_point (self, frame, &p, POINT_RADIUS - 1, TRUE);
    }
}

static void
draw_hover (MoatRenderer *self,
            const Frame  *frame)
{
  cairo_t *cr = frame->cr;
  MoatRect r;

  if (moat_element_get_kind (self->hover) == MOAT_ELEMENT_FLOW)
    {
      const MoatFlowPath *path = moat_geometry_get_path (self->geometry, self->hover);

      if (path == NULL)
        return;
      flow_line (cr, path, FALSE);
      set_color (cr, &self->palette.accent, 0.3);
      cairo_set_line_width (cr, 6.0 / frame->scale);
      cairo_stroke (cr);
      draw_flow_points (self, frame, self->hover, path, FALSE);
      return;
    }
  if (line_path (cr, self->hover))
    {
      set_color (cr, &self->palette.accent, 0.3);
      cairo_set_line_width (cr, 6.0 / frame->scale);
      cairo_stroke (cr);
      return;
    }

  moat_geometry_element_rect (self->hover, &r);
  moat_rect_inflate (&r, SELECTION_GAP / 2 / frame->scale);
  shape_path (cr, self->hover, &r);
  set_color (cr, &self->palette.accent, 0.5);
  cairo_set_line_width (cr, 1.5 / frame->scale);
  cairo_stroke (cr);
}

static gboolean
in_geometry (MoatRenderer *self,
             MoatElement  *element)
{
  MoatRect r;

  return element != NULL && moat_geometry_get_element_bounds (self->geometry, element, &r);
}

/* Hover and selection rings, then the badges and review marks over
 * them, so that no ring runs through a badge, then the one selected
 * element's handles over everything, so that a badge never hides one. */
static void
draw_decorations (MoatRenderer *self,
                  const Frame  *frame,
                  GPtrArray    *visible)
{
  guint n_selected = self->selection != NULL ? g_hash_table_size (self->selection) : 0;
  MoatElement *only = NULL;

  if (self->hover != NULL && in_geometry (self, self->hover) &&
      (self->selection == NULL || !g_hash_table_contains (self->selection, self->hover)))
    draw_hover (self, frame);

  for (guint i = 0; i < visible->len && n_selected > 0; i++)
    {
      MoatElement *element = g_ptr_array_index (visible, i);

      if (g_hash_table_contains (self->selection, element))
        {
          draw_selection (self, frame, element, FALSE);
          only = n_selected == 1 ? element : NULL;
        }
    }

  for (guint i = 0; i < visible->len; i++)
    {
      draw_review_marker (self, frame, g_ptr_array_index (visible, i));
      draw_badge (self, frame, g_ptr_array_index (visible, i));
    }

  if (only != NULL)
    draw_selection (self, frame, only, TRUE);

  if (self->connection_hint != NULL && in_geometry (self, self->connection_hint))
    draw_connection_points (self, frame, self->connection_hint);
}

/* Grid lines are whole device pixels wide and placed on whole pixels:
 * crisp, and cheap for cairo, which fills such boxes without
 * antialiasing work. */
static void
draw_grid (MoatRenderer   *self,
           const Frame    *frame,
           const MoatRect *visible)
{
  static const cairo_matrix_t identity = { 1, 0, 0, 1, 0, 0 };
  const cairo_matrix_t *m = &frame->matrix;
  cairo_t *cr = frame->cr;
  double step = self->grid_size;
  double top = m->yy * visible->y + m->y0, height = m->yy * visible->height;
  double left = m->xx * visible->x + m->x0, width = m->xx * visible->width;

  /* Too dense to help: show every fifth line, or every 25th. */
  while (step * frame->scale < 10)
    step *= 5;

  cairo_set_matrix (cr, &identity);
  for (double x = ceil (visible->x / step) * step; x <= visible->x + visible->width; x += step)
    cairo_rectangle (cr, round (m->xx * x + m->x0), top, 1, height);
  for (double y = ceil (visible->y / step) * step; y <= visible->y + visible->height; y += step)
    cairo_rectangle (cr, left, round (m->yy * y + m->y0), width, 1);
  set_color (cr, &self->palette.grid, 0.45);
  cairo_fill (cr);
  cairo_set_matrix (cr, m);
}

/* Flows look the same whatever their order, so they share one stroke and
 * one fill, which saves cairo much of its work per flow. (Shapes come
 * from the shape cache instead: one path of many curves is slower for
 * cairo than many small ones.) Flows a view points out, and flows out of
 * scope, are drawn on their own. */
static gboolean
batchable (MoatRenderer *self,
           const Frame  *frame,
           MoatElement  *element)
{
  return moat_element_get_kind (element) == MOAT_ELEMENT_FLOW &&
         !moat_element_get_out_of_scope (element) &&
         !(frame->decorations && self->highlighted != NULL &&
           g_hash_table_contains (self->highlighted, element));
}

static void
draw_flow_batch (MoatRenderer *self,
                 const Frame  *frame,
                 GPtrArray    *found)
{
  cairo_t *cr = frame->cr;
  gboolean arrows = arrows_visible (frame);

  for (int pass = 0; pass < (arrows ? 2 : 1); pass++)
    {
      for (guint i = 0; i < found->len; i++)
        {
          MoatElement *element = g_ptr_array_index (found, i);
          const MoatFlowPath *path;
          guint n;

          if (!batchable (self, frame, element) ||
              (path = moat_geometry_get_path (self->geometry, element)) == NULL)
            continue;
          n = path->n_points;
          if (pass == 0)
            flow_line (cr, path, moat_element_get_bidirectional (element));
          else
            {
              arrowhead_path (cr, &path->points[n - 2], &path->points[n - 1]);
              if (moat_element_get_bidirectional (element))
                arrowhead_path (cr, &path->points[1], &path->points[0]);
            }
        }

      set_color (cr, &self->palette.flow, 1.0);
      if (pass == 1)
        {
          cairo_fill (cr);
          break;
        }
      cairo_set_line_width (cr, line_width (self, frame, FLOW_LINE));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
    }
}

/* Merge conflicts */

/* The ids of the objects with an open conflict, or NULL when none are
 * to be shown: one pass over the conflicts per frame, not per element. */
static GHashTable *
conflicted_ids (MoatRenderer *self)
{
  GListModel *list;
  GHashTable *ids;
  guint n;

  if (!self->show_conflicts || self->model == NULL)
    return NULL;
  list = moat_model_get_list (self->model, MOAT_TYPE_CONFLICT);
  n = g_list_model_get_n_items (list);
  if (n == 0)
    return NULL;

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatConflict) conflict = g_list_model_get_item (list, i);

      /* Ids are interned by the conflict, which the model keeps alive. */
      g_hash_table_add (ids, (gpointer) moat_conflict_get_object_id (conflict));
    }
  return ids;
}

/* A dashed warning-coloured outline round the element: it must read as
 * "look here", not as a selection (solid accent) or a badge (a count). */
static void
draw_conflict_mark (MoatRenderer *self,
                    const Frame  *frame,
                    MoatElement  *element,
                    GHashTable   *conflicted)
{
  /* GNOME's amber (#e5a50a): a warning on light and dark palettes, and
   * apart from the review ring's orange. */
  static const MoatColor warning = { 0.898, 0.647, 0.039, 1.0 };
  cairo_t *cr = frame->cr;
  double dashes[] = { 6.0 / frame->scale, 4.0 / frame->scale };
  MoatRect r;

  if (conflicted == NULL ||
      !g_hash_table_contains (conflicted, moat_object_get_id (MOAT_OBJECT (element))))
    return;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      const MoatFlowPath *path = moat_geometry_get_path (self->geometry, element);

      if (!moat_geometry_get_label_rect (self->geometry, element, &r))
        {
          if (path == NULL)
            return;
          r = (MoatRect) { path->middle.x - 8, path->middle.y - 8, 16, 16 };
        }
    }
  else
    moat_geometry_element_rect (element, &r);

  cairo_save (cr);
  cairo_new_path (cr);
  r = (MoatRect) { r.x - CONFLICT_GAP, r.y - CONFLICT_GAP,
                   r.width + 2 * CONFLICT_GAP, r.height + 2 * CONFLICT_GAP };
  rounded_rect (cr, &r, CONFLICT_GAP);
  set_color (cr, &warning, 1.0);
  cairo_set_line_width (cr, MAX (2.5, 2.0 / frame->scale));
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_visible (MoatRenderer   *self,
              const Frame    *frame,
              const MoatRect *visible)
{
  g_autoptr(GPtrArray) found = moat_geometry_query (self->geometry, visible);
  gboolean batched = FALSE;

  cairo_set_line_join (frame->cr, CAIRO_LINE_JOIN_ROUND);

  /* The batch of flows is drawn where the first flow comes in paint
   * order; everything else one by one in its place. */
  for (guint i = 0; i < found->len; i++)
    {
      MoatElement *element = g_ptr_array_index (found, i);

      if (!batchable (self, frame, element))
        draw_element (self, frame, element);
      else if (!batched)
        {
          draw_flow_batch (self, frame, found);
          batched = TRUE;
        }
    }

  /* Labels go over every line and shape, so no flow hides another's. */
  for (guint i = 0; i < found->len && frame->text; i++)
    {
      MoatElement *element = g_ptr_array_index (found, i);

      if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
        draw_flow_label (self, frame, element);
    }

  if (frame->decorations)
    {
      g_autoptr(GHashTable) conflicted = conflicted_ids (self);

      for (guint i = 0; i < found->len && conflicted != NULL; i++)
        draw_conflict_mark (self, frame, g_ptr_array_index (found, i), conflicted);
    }

  if (frame->decorations)
    draw_decorations (self, frame, found);
}

/* ---------------------------------------------------------------------
 * Compare: what changed since an older version, over the diagram
 * ------------------------------------------------------------------- */

/* Fixed hues rather than the palette's: they must read as added,
 * removed and changed whatever the theme's accent. */
static const MoatColor compare_colors[] = {
  [MOAT_COMPARE_MARK_NONE] = { 0, 0, 0, 0 },
  [MOAT_COMPARE_MARK_ADDED] = { 0.18, 0.63, 0.26, 1.0 },
  [MOAT_COMPARE_MARK_REMOVED] = { 0.88, 0.11, 0.14, 1.0 },
  [MOAT_COMPARE_MARK_CHANGED] = { 0.93, 0.46, 0.0, 1.0 },
};

static void
compare_outline (MoatRenderer    *self,
                 const Frame     *frame,
                 MoatGeometry    *geometry,
                 MoatElement     *element,
                 MoatCompareMark  mark)
{
  static const double dash[] = { 6.0, 4.0 };
  double dashes[G_N_ELEMENTS (dash)];
  cairo_t *cr = frame->cr;
  MoatRect r;

  if (moat_element_get_kind (element) == MOAT_ELEMENT_FLOW)
    {
      const MoatFlowPath *path = moat_geometry_get_path (geometry, element);

      if (path == NULL)
        return;
      flow_line (cr, path, FALSE);
    }
  else if (!line_path (cr, element))
    {
      moat_geometry_element_rect (element, &r);
      moat_rect_inflate (&r, SELECTION_GAP / frame->scale);
      shape_path (cr, element, &r);
    }

  for (guint i = 0; i < G_N_ELEMENTS (dash); i++)
    dashes[i] = dash[i] / frame->scale;
  if (mark == MOAT_COMPARE_MARK_REMOVED)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  set_color (cr, &compare_colors[mark], 1.0);
  cairo_set_line_width (cr, 3.0 / frame->scale);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  g_hash_table_insert (self->compare_drawn, g_strdup (moat_object_get_id (MOAT_OBJECT (element))),
                       GINT_TO_POINTER (mark));
}

/* Removed elements at their old place, faded, so that the eye finds
 * what is gone without taking it for part of the model. */
static void
draw_ghosts (MoatRenderer *self,
             const Frame  *frame)
{
  g_autoptr(GPtrArray) removed = moat_compare_list_removed (self->compare, self->diagram_id);
  Frame ghost = *frame;

  if (removed->len == 0)
    return;
  ghost.sprites = FALSE;
  ghost.decorations = FALSE;
  /* The theme may have changed since comparing began. */
  self->ghosts->palette = self->palette;

  cairo_push_group (frame->cr);
  for (guint i = 0; i < removed->len; i++)
    draw_element (self->ghosts, &ghost, g_ptr_array_index (removed, i));
  for (guint i = 0; i < removed->len && frame->text; i++)
    if (moat_element_get_kind (g_ptr_array_index (removed, i)) == MOAT_ELEMENT_FLOW)
      draw_flow_label (self->ghosts, &ghost, g_ptr_array_index (removed, i));
  cairo_pop_group_to_source (frame->cr);
  cairo_paint_with_alpha (frame->cr, 0.35);

  for (guint i = 0; i < removed->len; i++)
    compare_outline (self, frame, self->ghosts->geometry, g_ptr_array_index (removed, i),
                     MOAT_COMPARE_MARK_REMOVED);
}

static void
draw_compare (MoatRenderer   *self,
              const Frame    *frame,
              const MoatRect *visible)
{
  g_autoptr(GPtrArray) found = NULL;

  g_hash_table_remove_all (self->compare_drawn);
  if (self->compare == NULL)
    return;

  draw_ghosts (self, frame);
  found = moat_geometry_query (self->geometry, visible);
  for (guint i = 0; i < found->len; i++)
    {
      MoatElement *element = g_ptr_array_index (found, i);
      MoatCompareMark mark = moat_compare_get_mark (self->compare, moat_object_get_id (MOAT_OBJECT (element)));

      if (mark == MOAT_COMPARE_MARK_ADDED || mark == MOAT_COMPARE_MARK_CHANGED)
        compare_outline (self, frame, self->geometry, element, mark);
    }
}

static void
clear_sprites (MoatRenderer *self)
{
  g_hash_table_remove_all (self->sprites);
  for (guint i = 0; i < G_N_ELEMENTS (self->review_sprites); i++)
    g_clear_pointer (&self->review_sprites[i], cairo_surface_destroy);
}

/* Copies of pixels only match on a pixel surface drawn one to one. */
static gboolean
can_use_sprites (cairo_t              *cr,
                 const cairo_matrix_t *matrix,
                 double                scale)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_surface_get_device_scale (target, &sx, &sy);
  return sx == 1 && sy == 1 && matrix->xy == 0 && matrix->yx == 0 &&
         matrix->xx == scale && matrix->yy == scale;
}

/* @area: (nullable): the part of the view to draw, in its device units;
 *   everything else is left alone */
static void
draw_view (MoatRenderer   *self,
           cairo_t        *cr,
           const MoatView *view,
           const MoatRect *area,
           gboolean        decorations)
{
  Frame frame = { cr, { 0, }, view->scale, FALSE, decorations, FALSE };
  MoatRect box = { 0, 0, view->width, view->height };
  MoatRect visible;

  g_return_if_fail (view->scale > 0);

  frame.text = MOAT_GEOMETRY_SMALLEST_TEXT * view->scale >= MIN_TEXT_PIXELS;
  if (area != NULL)
    box = *area;
  visible = (MoatRect) { view->x + box.x / view->scale, view->y + box.y / view->scale,
                         box.width / view->scale, box.height / view->scale };
  /* What is drawn in a part of the view is what a drawing of all of it
   * puts there: so also the elements just outside whose badges, rings or
   * handles reach in. */
  if (decorations)
    moat_rect_inflate (&visible, DECORATION_MARGIN + DECORATION_MARGIN_PX / view->scale);

  cairo_save (cr);
  if (area != NULL)
    {
      cairo_rectangle (cr, box.x, box.y, box.width, box.height);
      cairo_clip (cr);
    }
  if (self->draw_background)
    {
      set_color (cr, &self->palette.background, 1.0);
      cairo_rectangle (cr, box.x, box.y, box.width, box.height);
      cairo_fill (cr);
    }
  moat_view_apply (view, cr);
  cairo_get_matrix (cr, &frame.matrix);
  frame.sprites = can_use_sprites (cr, &frame.matrix, view->scale);
  if (self->sprite_scale != view->scale)
    {
      clear_sprites (self);
      self->sprite_scale = view->scale;
    }
  if (self->grid_size > 0 && decorations)
    draw_grid (self, &frame, &visible);
  draw_visible (self, &frame, &visible);
  if (decorations)
    draw_compare (self, &frame, &visible);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------- */

/* The geometry follows what elements change; anything else (threats a
 * badge counts, conflicts) may change how any of them is drawn. */
static void
on_model_changed (MoatModel    *model,
                  MoatChange   *change,
                  MoatRenderer *self)
{
  if (!MOAT_IS_ELEMENT (change->object))
    self->damaged_all = TRUE;
}

static void
moat_renderer_constructed (GObject *object)
{
  MoatRenderer *self = MOAT_RENDERER (object);

  G_OBJECT_CLASS (moat_renderer_parent_class)->constructed (object);

  g_return_if_fail (MOAT_IS_MODEL (self->model));
  self->geometry = moat_geometry_new (self->model, self->diagram_id);
  self->changed_handler = g_signal_connect (self->model, "changed", G_CALLBACK (on_model_changed), self);
}

static void
moat_renderer_finalize (GObject *object)
{
  MoatRenderer *self = MOAT_RENDERER (object);

  moat_renderer_set_badge_func (self, NULL, NULL, NULL);
  if (self->model != NULL)
    g_clear_signal_handler (&self->changed_handler, self->model);
  g_clear_pointer (&self->told_selection, g_hash_table_unref);
  g_clear_object (&self->told_hover);
  g_clear_object (&self->told_hint);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->highlighted, g_hash_table_unref);
  g_clear_pointer (&self->badge_layouts, g_hash_table_unref);
  clear_sprites (self);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->compare_drawn, g_hash_table_unref);
  g_clear_object (&self->compare);
  g_clear_object (&self->ghosts);
  g_clear_object (&self->hover);
  g_clear_object (&self->connection_hint);
  g_clear_object (&self->geometry);
  g_clear_object (&self->model);
  g_free (self->diagram_id);

  G_OBJECT_CLASS (moat_renderer_parent_class)->finalize (object);
}

static void
moat_renderer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MoatRenderer *self = MOAT_RENDERER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_DIAGRAM_ID:
      g_value_set_string (value, self->diagram_id);
      break;
    case PROP_GRID_SIZE:
      g_value_set_double (value, self->grid_size);
      break;
    case PROP_DRAW_BACKGROUND:
      g_value_set_boolean (value, self->draw_background);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_renderer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MoatRenderer *self = MOAT_RENDERER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    case PROP_DIAGRAM_ID:
      self->diagram_id = g_value_dup_string (value);
      break;
    case PROP_GRID_SIZE:
      moat_renderer_set_grid_size (self, g_value_get_double (value));
      break;
    case PROP_DRAW_BACKGROUND:
      moat_renderer_set_draw_background (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_renderer_class_init (MoatRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = moat_renderer_constructed;
  object_class->finalize = moat_renderer_finalize;
  object_class->get_property = moat_renderer_get_property;
  object_class->set_property = moat_renderer_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIAGRAM_ID] =
    g_param_spec_string ("diagram-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRID_SIZE] =
    g_param_spec_double ("grid-size", NULL, NULL, 0, 1000, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAW_BACKGROUND] =
    g_param_spec_boolean ("draw-background", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
moat_renderer_init (MoatRenderer *self)
{
  self->palette = *moat_palette_get (MOAT_PALETTE_LIGHT);
  self->draw_background = TRUE;
  self->compare_drawn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->told_selection = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->damaged_all = TRUE;
  self->badge_layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->sprites = g_hash_table_new_full (sprite_key_hash, sprite_key_equal, NULL,
                                         (GDestroyNotify)sprite_free);
}

/**
 * moat_renderer_new:
 * @diagram_id: the diagram to draw
 *
 * Returns: (transfer full): a renderer with the light palette
 */
MoatRenderer *
moat_renderer_new (MoatModel  *model,
                   const char *diagram_id)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  return g_object_new (MOAT_TYPE_RENDERER, "model", model, "diagram-id", diagram_id, NULL);
}

MoatModel *
moat_renderer_get_model (MoatRenderer *self)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), NULL);

  return self->model;
}

const char *
moat_renderer_get_diagram_id (MoatRenderer *self)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), NULL);

  return self->diagram_id;
}

/**
 * moat_renderer_get_geometry:
 *
 * Returns: (transfer none): the geometry the renderer draws from, for hit
 *   tests that agree with the picture
 */
MoatGeometry *
moat_renderer_get_geometry (MoatRenderer *self)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), NULL);

  return self->geometry;
}

void
moat_renderer_set_palette (MoatRenderer      *self,
                           const MoatPalette *palette)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));
  g_return_if_fail (palette != NULL);

  self->palette = *palette;
  clear_sprites (self);
  self->damaged_all = TRUE;
}

const MoatPalette *
moat_renderer_get_palette (MoatRenderer *self)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), NULL);

  return &self->palette;
}

void
moat_renderer_set_font_family (MoatRenderer *self,
                               const char   *family)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  moat_geometry_set_font_family (self->geometry, family);
  g_hash_table_remove_all (self->badge_layouts);
  self->damaged_all = TRUE;
}

/**
 * moat_renderer_set_grid_size:
 * @grid_size: the grid spacing in diagram units, or 0 for no grid
 *
 * The grid is drawn on views, never in exports.
 */
void
moat_renderer_set_grid_size (MoatRenderer *self,
                             double        grid_size)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  grid_size = MAX (grid_size, 0);
  if (self->grid_size == grid_size)
    return;
  self->grid_size = grid_size;
  self->damaged_all = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRID_SIZE]);
}

double
moat_renderer_get_grid_size (MoatRenderer *self)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), 0);

  return self->grid_size;
}

void
moat_renderer_set_draw_background (MoatRenderer *self,
                                   gboolean      draw_background)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  draw_background = !!draw_background;
  if (self->draw_background == draw_background)
    return;
  self->draw_background = draw_background;
  self->damaged_all = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAW_BACKGROUND]);
}

static void
replace_set (GHashTable **field,
             GHashTable  *set)
{
  if (set != NULL)
    g_hash_table_ref (set);
  g_clear_pointer (field, g_hash_table_unref);
  *field = set;
}

/**
 * moat_renderer_set_selection:
 * @selection: (nullable): a set of selected elements (keys), shared
 *   with the view that owns it
 *
 * The renderer reads the set on every draw; the view changes it in place
 * and queues a redraw.
 */
void
moat_renderer_set_selection (MoatRenderer *self,
                             GHashTable   *selection)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  replace_set (&self->selection, selection);
  self->damaged_all = TRUE;
}

/**
 * moat_renderer_set_highlighted:
 * @highlighted: (nullable): a set of elements to point out (keys)
 */
void
moat_renderer_set_highlighted (MoatRenderer *self,
                               GHashTable   *highlighted)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  replace_set (&self->highlighted, highlighted);
  self->damaged_all = TRUE;
}

void
moat_renderer_set_hover (MoatRenderer *self,
                         MoatElement  *element)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  g_set_object (&self->hover, element);
}

/**
 * moat_renderer_set_connection_hint:
 * @element: (nullable): a node a flow could be connected to
 *
 * Shows where a flow would attach to @element.
 */
void
moat_renderer_set_connection_hint (MoatRenderer *self,
                                   MoatElement  *element)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  g_set_object (&self->connection_hint, element);
}

/**
 * moat_renderer_set_badge_func:
 * @func: (nullable): says what number, if any, to show on an element
 *
 * For example the number of open threats against each element.
 */
void
moat_renderer_set_badge_func (MoatRenderer   *self,
                              MoatBadgeFunc   func,
                              gpointer        user_data,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  if (self->badge_destroy != NULL)
    self->badge_destroy (self->badge_data);
  self->badge_func = func;
  self->badge_data = user_data;
  self->badge_destroy = destroy;
  self->damaged_all = TRUE;
}

/**
 * moat_renderer_set_show_review:
 *
 * Marks the elements that want a threat review (see
 * moat_review_is_pending()) with a ring, on screen only: exports, reports
 * and moat_renderer_draw_fitted() never show it.
 */
void
moat_renderer_set_show_review (MoatRenderer *self,
                               gboolean      show_review)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  self->show_review = !!show_review;
  self->damaged_all = TRUE;
}

/**
 * moat_renderer_set_show_conflicts:
 *
 * Outlines the elements with an open merge conflict (see
 * moat_model_list_conflicts()), on screen only, like the review ring.
 */
void
moat_renderer_set_show_conflicts (MoatRenderer *self,
                                  gboolean      show_conflicts)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  self->show_conflicts = !!show_conflicts;
  self->damaged_all = TRUE;
}

/**
 * moat_renderer_get_conflict_marked:
 *
 * Returns: whether @element is drawn with the conflict mark now
 */
gboolean
moat_renderer_get_conflict_marked (MoatRenderer *self,
                                   MoatElement  *element)
{
  g_autoptr(GHashTable) conflicted = NULL;

  g_return_val_if_fail (MOAT_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (MOAT_IS_ELEMENT (element), FALSE);

  conflicted = conflicted_ids (self);
  return conflicted != NULL &&
         g_hash_table_contains (conflicted, moat_object_get_id (MOAT_OBJECT (element)));
}

/**
 * moat_renderer_set_compare:
 * @compare: (nullable): this renderer's model beside an older version
 *
 * Marks, on screen only, the elements added and changed since the older
 * version and draws the removed ones as ghosts at their old place.
 */
void
moat_renderer_set_compare (MoatRenderer *self,
                           MoatCompare  *compare)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));
  g_return_if_fail (compare == NULL || MOAT_IS_COMPARE (compare));

  g_set_object (&self->compare, compare);
  self->damaged_all = TRUE;
  g_clear_object (&self->ghosts);
  g_hash_table_remove_all (self->compare_drawn);
  if (compare == NULL)
    return;
  self->ghosts = moat_renderer_new (moat_compare_get_old_model (compare), self->diagram_id);
  moat_renderer_set_font_family (self->ghosts, moat_geometry_get_font_family (self->geometry));
}

/**
 * moat_renderer_get_compare_mark:
 *
 * Returns: the compare mark the last frame drew on @element_id: what a
 *   view shows, for its tests and its accessible description
 */
MoatCompareMark
moat_renderer_get_compare_mark (MoatRenderer *self,
                                const char   *element_id)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), MOAT_COMPARE_MARK_NONE);

  return GPOINTER_TO_INT (g_hash_table_lookup (self->compare_drawn, element_id));
}

/**
 * moat_renderer_draw:
 *
 * Draws the part of the diagram @view shows, with the view's selection,
 * hover, highlights, badges and grid. Work is in proportion to what is
 * visible, not to the diagram.
 */
void
moat_renderer_draw (MoatRenderer   *self,
                    cairo_t        *cr,
                    const MoatView *view)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));
  g_return_if_fail (cr != NULL && view != NULL);

  draw_view (self, cr, view, NULL, TRUE);
}

/**
 * moat_renderer_draw_area:
 * @area: a part of @view, in its device units
 *
 * Draws the part @area of what moat_renderer_draw() draws, the same to
 * the pixel, clipped to it and leaving the rest of the target alone: a
 * view redraws only what moat_renderer_take_damage() says changed.
 */
void
moat_renderer_draw_area (MoatRenderer   *self,
                         cairo_t        *cr,
                         const MoatView *view,
                         const MoatRect *area)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));
  g_return_if_fail (cr != NULL && view != NULL && area != NULL);

  draw_view (self, cr, view, area, TRUE);
}

static void
add_area (cairo_region_t *damage,
          const MoatView *view,
          const MoatRect *rect)
{
  MoatRect r = *rect;
  double x0, y0, x1, y1;

  moat_rect_inflate (&r, DECORATION_MARGIN);
  moat_view_from_diagram (view, r.x, r.y, &x0, &y0);
  moat_view_from_diagram (view, r.x + r.width, r.y + r.height, &x1, &y1);
  x0 = MAX (floor (x0 - DECORATION_MARGIN_PX), 0);
  y0 = MAX (floor (y0 - DECORATION_MARGIN_PX), 0);
  x1 = MIN (ceil (x1 + DECORATION_MARGIN_PX), view->width);
  y1 = MIN (ceil (y1 + DECORATION_MARGIN_PX), view->height);
  if (x1 > x0 && y1 > y0)
    cairo_region_union_rectangle (damage, &(cairo_rectangle_int_t) { x0, y0, x1 - x0, y1 - y0 });
}

static void
add_element_area (MoatRenderer   *self,
                  cairo_region_t *damage,
                  const MoatView *view,
                  MoatElement    *element)
{
  MoatRect bounds;

  if (element != NULL && moat_geometry_get_element_bounds (self->geometry, element, &bounds))
    add_area (damage, view, &bounds);
}

static void
add_selection_changes (MoatRenderer   *self,
                       cairo_region_t *damage,
                       const MoatView *view)
{
  GHashTableIter iter;
  MoatElement *element;

  if (self->selection != NULL)
    {
      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, (gpointer *) &element, NULL))
        if (!g_hash_table_contains (self->told_selection, element))
          add_element_area (self, damage, view, element);
    }
  g_hash_table_iter_init (&iter, self->told_selection);
  while (g_hash_table_iter_next (&iter, (gpointer *) &element, NULL))
    if (self->selection == NULL || !g_hash_table_contains (self->selection, element))
      add_element_area (self, damage, view, element);
}

static void
remember_what_was_told (MoatRenderer *self)
{
  GHashTableIter iter;
  MoatElement *element;

  g_hash_table_remove_all (self->told_selection);
  if (self->selection != NULL)
    {
      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, (gpointer *) &element, NULL))
        g_hash_table_add (self->told_selection, g_object_ref (element));
    }
  g_set_object (&self->told_hover, self->hover);
  g_set_object (&self->told_hint, self->connection_hint);
}

/**
 * moat_renderer_take_damage:
 * @view: the view a frame was drawn in at the last call
 * @damage: where to add, in @view's device units, what changed
 *
 * Says what changed in a drawing of @view since the last call: the areas
 * of the elements the model changed (where they were and where they are,
 * with the flows that followed them), and of those that came into or
 * left the selection, the hover or the connection hint. A view keeps its
 * pixels between frames and redraws only these with
 * moat_renderer_draw_area().
 *
 * Returns: %FALSE if everything may have changed (a new palette, grid,
 *   font, highlight or badges; a change to anything but elements, such as
 *   threats that badges count; a comparison shown), when @damage is
 *   left as it is
 */
gboolean
moat_renderer_take_damage (MoatRenderer   *self,
                           const MoatView *view,
                           cairo_region_t *damage)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (MoatRect));
  gboolean partial;

  g_return_val_if_fail (MOAT_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (view != NULL && damage != NULL, FALSE);

  partial = moat_geometry_take_damage (self->geometry, rects) && !self->damaged_all &&
            self->compare == NULL;
  if (partial)
    {
      for (guint i = 0; i < rects->len; i++)
        add_area (damage, view, &g_array_index (rects, MoatRect, i));
      add_selection_changes (self, damage, view);
      if (self->hover != self->told_hover)
        {
          add_element_area (self, damage, view, self->hover);
          add_element_area (self, damage, view, self->told_hover);
        }
      if (self->connection_hint != self->told_hint)
        {
          add_element_area (self, damage, view, self->connection_hint);
          add_element_area (self, damage, view, self->told_hint);
        }
    }
  self->damaged_all = FALSE;
  remember_what_was_told (self);
  return partial;
}

/**
 * moat_renderer_get_diagram_bounds:
 *
 * The area everything on the diagram paints in, with a margin.
 *
 * Returns: %FALSE if the diagram is empty
 */
gboolean
moat_renderer_get_diagram_bounds (MoatRenderer *self,
                                  MoatRect     *bounds)
{
  g_return_val_if_fail (MOAT_IS_RENDERER (self), FALSE);

  if (!moat_geometry_get_bounds (self->geometry, bounds))
    return FALSE;
  moat_rect_inflate (bounds, EXPORT_MARGIN);
  return TRUE;
}

/**
 * moat_renderer_draw_fitted:
 * @target: the box to fill, in @cr's user space
 * @max_scale: the largest scale to use, so a small diagram is not blown
 *   up to fill a page; 0 for no limit
 *
 * Draws the whole diagram, without view decorations, as large as fits in
 * @target and centred in it. For reports and previews.
 *
 * Returns: the scale used
 */
double
moat_renderer_draw_fitted (MoatRenderer   *self,
                           cairo_t        *cr,
                           const MoatRect *target,
                           double          max_scale)
{
  MoatRect bounds;
  MoatView view;
  double scale;

  g_return_val_if_fail (MOAT_IS_RENDERER (self), 0);

  if (!moat_renderer_get_diagram_bounds (self, &bounds) || moat_rect_is_empty (target))
    return 0;

  scale = MIN (target->width / bounds.width, target->height / bounds.height);
  if (max_scale > 0)
    scale = MIN (scale, max_scale);

  view = (MoatView) { scale, bounds.x, bounds.y, bounds.width * scale, bounds.height * scale };
  cairo_save (cr);
  cairo_translate (cr, target->x + (target->width - view.width) / 2,
                   target->y + (target->height - view.height) / 2);
  cairo_rectangle (cr, 0, 0, view.width, view.height);
  cairo_clip (cr);
  draw_view (self, cr, &view, NULL, FALSE);
  cairo_restore (cr);
  return scale;
}

/**
 * moat_renderer_draw_func:
 * @renderer: a #MoatRenderer
 *
 * A #MoatDrawFunc for documents: draws the diagram fitted into
 * @width × @height at the origin, never larger than its natural size.
 */
void
moat_renderer_draw_func (cairo_t  *cr,
                         double    width,
                         double    height,
                         gpointer  renderer)
{
  MoatRect target = { 0, 0, width, height };

  moat_renderer_draw_fitted (MOAT_RENDERER (renderer), cr, &target, 1.0);
}

/**
 * moat_renderer_draw_node_preview:
 * @cr: a context whose user space is diagram space
 * @scale: the view's scale
 *
 * The outline of a node about to be placed.
 */
void
moat_renderer_draw_node_preview (MoatRenderer    *self,
                                 cairo_t         *cr,
                                 MoatElementKind  kind,
                                 const MoatRect  *rect,
                                 double           scale)
{
  double dash[] = { 6.0 / scale, 4.0 / scale };

  g_return_if_fail (MOAT_IS_RENDERER (self));

  cairo_save (cr);
  switch (kind)
    {
    case MOAT_ELEMENT_PROCESS:
      rounded_rect (cr, rect, MIN (rect->width, rect->height) / 2);
      break;
    case MOAT_ELEMENT_BOUNDARY:
      rounded_rect (cr, rect, BOUNDARY_RADIUS);
      break;
    case MOAT_ELEMENT_NOTE:
      note_outline (cr, rect);
      break;
    default:
      rounded_rect (cr, rect, kind == MOAT_ELEMENT_ACTOR ? ACTOR_RADIUS : 0);
      break;
    }
  set_color (cr, &self->palette.accent_fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, 1.5 / scale);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * moat_renderer_draw_flow_preview:
 * @cr: a context whose user space is diagram space
 * @points: (array length=n_points): the line so far, at least two points
 *
 * A flow being drawn or reconnected, with its arrowhead.
 */
void
moat_renderer_draw_flow_preview (MoatRenderer    *self,
                                 cairo_t         *cr,
                                 const MoatPoint *points,
                                 guint            n_points,
                                 double           scale)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  if (n_points < 2)
    return;

  cairo_save (cr);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, MAX (FLOW_LINE, 1.5 / scale));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, points[0].x, points[0].y);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, points[i].x, points[i].y);
  cairo_stroke (cr);
  arrowhead (cr, &points[n_points - 2], &points[n_points - 1]);
  cairo_restore (cr);
}

/**
 * moat_renderer_draw_line_preview:
 * @cr: a context whose user space is diagram space
 * @points: (array length=n_points): the line so far, at least two points
 *
 * A trust boundary line being drawn.
 */
void
moat_renderer_draw_line_preview (MoatRenderer    *self,
                                 cairo_t         *cr,
                                 const MoatPoint *points,
                                 guint            n_points,
                                 double           scale)
{
  double dash[] = { 9.0 / scale, 6.0 / scale };

  g_return_if_fail (MOAT_IS_RENDERER (self));

  if (n_points < 2)
    return;

  cairo_save (cr);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, MAX (BOUNDARY_LINE * 1.25, 1.5 / scale));
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, points[0].x, points[0].y);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, points[i].x, points[i].y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * moat_renderer_draw_rubber_band:
 * @cr: a context whose user space is diagram space
 */
void
moat_renderer_draw_rubber_band (MoatRenderer   *self,
                                cairo_t        *cr,
                                const MoatRect *rect,
                                double          scale)
{
  g_return_if_fail (MOAT_IS_RENDERER (self));

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  set_color (cr, &self->palette.accent_fill, 1.0);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.accent, 1.0);
  cairo_set_line_width (cr, 1.0 / scale);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
export_area (MoatRenderer *self,
             MoatRect     *area)
{
  if (!moat_renderer_get_diagram_bounds (self, area))
    *area = (MoatRect) { 0, 0, 320, 200 };
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *name = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  name = g_filename_display_name (path);
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE,
               _("Could not write the picture “%s”: %s"), name, cairo_status_to_string (status));
  return FALSE;
}

/**
 * moat_renderer_export_png:
 * @scale: pixels per diagram unit: 1 for the size on screen at 100 %, 2
 *   for a sharp picture on a high-resolution display or in a slide
 *
 * Writes the whole diagram as a PNG picture with the renderer's palette,
 * without selection, hover, grid or badges.
 */
gboolean
moat_renderer_export_png (MoatRenderer  *self,
                          double         scale,
                          const char    *path,
                          GError       **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  MoatRect area;
  MoatView view;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (MOAT_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  export_area (self, &area);
  width = (int)ceil (area.width * scale);
  height = (int)ceil (area.height * scale);
  if (scale <= 0 || width > 32767 || height > 32767)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                   _("A picture of %d × %d pixels is too large; choose a smaller scale"),
                   width, height);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
  cr = cairo_create (surface);
  view = (MoatView) { scale, area.x, area.y, width, height };
  draw_view (self, cr, &view, NULL, FALSE);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

#ifdef CAIRO_HAS_SVG_SURFACE
static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}
#endif

/**
 * moat_renderer_export_svg:
 *
 * Writes the whole diagram as an SVG drawing, one unit a point, with the
 * renderer's palette and without view decorations.
 */
gboolean
moat_renderer_export_svg (MoatRenderer  *self,
                          const char    *path,
                          GError       **error)
{
#ifdef CAIRO_HAS_SVG_SURFACE
  g_autoptr(GString) drawing = g_string_new (NULL);
  g_autofree char *texts = NULL;
  g_autofree char *svg = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  MoatRect area;
  MoatView view;
  cairo_t *cr;

  g_return_val_if_fail (MOAT_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  export_area (self, &area);
  surface = cairo_svg_surface_create_for_stream (append_to_string, drawing, area.width, area.height);
  cr = cairo_create (surface);
  view = (MoatView) { 1.0, area.x, area.y, area.width, area.height };
  self->svg_text = g_string_new (NULL);
  draw_view (self, cr, &view, NULL, FALSE);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  texts = g_string_free (g_steal_pointer (&self->svg_text), FALSE);
  if (!check_status (status, path, error))
    return FALSE;

  /* cairo draws glyphs as shapes: the text goes in as text, to select,
   * search and translate. */
  svg = moat_svg_text_insert (drawing->str, drawing->len, texts);
  file = g_file_new_for_path (path);
  if (svg == NULL || !moat_temp_file_set_contents (file, svg, strlen (svg), &local_error))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE, "%s: %s", path,
                   local_error ? local_error->message : "cairo wrote no drawing");
      return FALSE;
    }
  return TRUE;
#else
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_FAILED,
               _("This build of Moat cannot write SVG drawings"));
  return FALSE;
#endif
}
