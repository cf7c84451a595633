/* test-renderer.c: known diagrams drawn into image surfaces, checked
 * pixel by pixel where shapes, labels and arrowheads must be
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "moat-test-util.h"

#define WIDTH  700
#define HEIGHT 460

/* The diagram:
 *
 *   [Customer] --Request--> (API)
 *                             ^
 *                             | Queries (both ways)
 *                             v
 *                  - - - - [Orders] - - - -   (boundary "Data zone")
 */
static MoatModel *
known_model (void)
{
  const char *json =
    "{\"format\": \"moat\", \"format_version\": 1,"
    " \"model\": {\"id\": \"m\", \"title\": \"Pixels\"},"
    " \"diagrams\": [{\"id\": \"d\", \"title\": \"Known\"}],"
    " \"elements\": ["
    "   {\"id\": \"zone\", \"diagram_id\": \"d\", \"kind\": \"boundary\", \"name\": \"Data zone\","
    "    \"x\": 340, \"y\": 260, \"width\": 300, \"height\": 170},"
    "   {\"id\": \"customer\", \"diagram_id\": \"d\", \"kind\": \"actor\", \"name\": \"Customer\","
    "    \"x\": 40, \"y\": 60, \"width\": 160, \"height\": 80},"
    "   {\"id\": \"api\", \"diagram_id\": \"d\", \"kind\": \"process\", \"name\": \"API\","
    "    \"x\": 400, \"y\": 40, \"width\": 120, \"height\": 120},"
    "   {\"id\": \"orders\", \"diagram_id\": \"d\", \"kind\": \"store\", \"name\": \"Orders\","
    "    \"x\": 380, \"y\": 300, \"width\": 160, \"height\": 70},"
    "   {\"id\": \"request\", \"diagram_id\": \"d\", \"kind\": \"flow\", \"name\": \"Request\","
    "    \"source_id\": \"customer\", \"target_id\": \"api\", \"label_y\": -18},"
    "   {\"id\": \"queries\", \"diagram_id\": \"d\", \"kind\": \"flow\", \"name\": \"Queries\","
    "    \"source_id\": \"api\", \"target_id\": \"orders\", \"bidirectional\": true,"
    "    \"label_x\": 60}]}";
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_json_read (json, -1, &error);

  g_assert_no_error (error);
  return model;
}

static cairo_surface_t *
draw (MoatRenderer *renderer,
      double        scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MoatView view = { scale, 0, 0, WIDTH, HEIGHT };

  moat_renderer_draw (renderer, cr, &view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (g_getenv ("MOAT_TEST_KEEP_PNG") != NULL)
    {
      static guint n;
      g_autofree char *path = g_strdup_printf ("%s/test-renderer-%u.png",
                                               g_get_tmp_dir (), n++);

      cairo_surface_write_to_png (surface, path);
      g_test_message ("wrote %s", path);
    }
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       MoatColor       *color)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;
  double a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  p = *(guint32 *)(data + y * stride + x * 4);
  a = (p >> 24) / 255.0;
  /* Unpremultiply, so colours compare whatever their alpha. */
  color->alpha = a;
  color->red = a > 0 ? ((p >> 16) & 0xff) / 255.0 / a : 0;
  color->green = a > 0 ? ((p >> 8) & 0xff) / 255.0 / a : 0;
  color->blue = a > 0 ? (p & 0xff) / 255.0 / a : 0;
}

static double
distance (const MoatColor *a,
          const MoatColor *b)
{
  return MAX (MAX (fabs (a->red - b->red), fabs (a->green - b->green)),
              MAX (fabs (a->blue - b->blue), fabs (a->alpha - b->alpha)));
}

#define assert_pixel(surface, x, y, expected) \
  assert_pixel_impl (surface, x, y, expected, #expected, __LINE__)

static void
assert_pixel_impl (cairo_surface_t *surface,
                   int              x,
                   int              y,
                   const MoatColor *expected,
                   const char      *name,
                   int              line)
{
  MoatColor got;

  pixel (surface, x, y, &got);
  if (distance (&got, expected) > 0.04)
    g_error ("line %d: pixel (%d, %d) is %.2f %.2f %.2f %.2f, expected %s %.2f %.2f %.2f",
             line, x, y, got.red, got.green, got.blue, got.alpha, name,
             expected->red, expected->green, expected->blue);
}

/* For antialiased lines that only partly cover a pixel. */
static void
assert_pixel_towards (cairo_surface_t *surface,
                      int              x,
                      int              y,
                      const MoatColor *expected,
                      const MoatColor *other)
{
  MoatColor got;

  pixel (surface, x, y, &got);
  g_assert_cmpfloat (distance (&got, expected), <, distance (&got, other) * 0.5);
}

/* How many pixels of a box are (nearly) one colour. */
static guint
count_near (cairo_surface_t *surface,
            const MoatRect  *box,
            const MoatColor *color,
            double           tolerance)
{
  guint n = 0;

  for (int y = (int)box->y; y < (int)(box->y + box->height); y++)
    for (int x = (int)box->x; x < (int)(box->x + box->width); x++)
      {
        MoatColor got;

        pixel (surface, x, y, &got);
        if (distance (&got, color) <= tolerance)
          n++;
      }
  return n;
}

/* Colours of the palette over the background, as the boundary's
 * translucent fill leaves them. */
static MoatColor
over (const MoatColor *top,
      const MoatColor *bottom)
{
  double a = top->alpha;

  return (MoatColor) { top->red * a + bottom->red * (1 - a),
                       top->green * a + bottom->green * (1 - a),
                       top->blue * a + bottom->blue * (1 - a), 1.0 };
}

static void
assert_near_int (double got,
                 double expected)
{
  g_assert_cmpfloat (fabs (got - expected), <, 0.5);
}

static void
check_known_diagram (MoatPaletteStyle style)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  const MoatPalette *palette = moat_palette_get (style);
  MoatGeometry *geometry = moat_renderer_get_geometry (renderer);
  MoatColor in_zone = over (&palette->boundary_fill, &palette->background);
  MoatElement *request = moat_model_lookup (model, "request");
  MoatElement *queries = moat_model_lookup (model, "queries");
  const MoatFlowPath *path;
  cairo_surface_t *surface;
  MoatRect label, title, box;
  guint n_stroke, n_gap;

  moat_renderer_set_palette (renderer, palette);
  surface = draw (renderer, 1.0);

  /* The background, and nothing where nothing is. */
  assert_pixel (surface, 5, 5, &palette->background);
  assert_pixel (surface, 100, 400, &palette->background);

  /* The actor: a filled rectangle with its outline on the edge. */
  assert_pixel (surface, 48, 66, &palette->actor_fill);
  assert_pixel (surface, 40, 100, &palette->actor_stroke);
  assert_pixel (surface, 120, 60, &palette->actor_stroke);
  assert_pixel (surface, 36, 100, &palette->background);

  /* Its name, in the middle. */
  box = (MoatRect) { 60, 85, 120, 30 };
  g_assert_cmpuint (count_near (surface, &box, &palette->text, 0.25), >, 20);

  /* The process is a circle: its box's corner stays empty. */
  assert_pixel (surface, 460, 46, &palette->process_fill);
  assert_pixel (surface, 460, 40, &palette->process_stroke);
  assert_pixel (surface, 404, 44, &palette->background);
  assert_pixel (surface, 516, 156, &palette->background);

  /* The store: lines above and below, open at both ends. */
  assert_pixel (surface, 460, 300, &palette->store_stroke);
  assert_pixel (surface, 400, 370, &palette->store_stroke);
  assert_pixel (surface, 381, 335, &palette->store_fill);
  assert_pixel (surface, 538, 335, &palette->store_fill);
  assert_pixel (surface, 376, 335, &in_zone);

  /* The trust boundary: a dashed line (strokes and gaps along the top
   * edge) and its name inside the top left corner. */
  box = (MoatRect) { 370, 260, 240, 1 };
  n_stroke = count_near (surface, &box, &palette->boundary_stroke, 0.1);
  n_gap = count_near (surface, &box, &in_zone, 0.1) + count_near (surface, &box, &palette->background, 0.1);
  g_assert_cmpuint (n_stroke, >, 60);
  g_assert_cmpuint (n_gap, >, 40);
  g_assert_true (moat_geometry_get_label_rect (geometry, moat_model_lookup (model, "zone"), &title));
  g_assert_cmpfloat (title.x, >, 340);
  g_assert_cmpfloat (title.y, >, 260);
  g_assert_cmpuint (count_near (surface, &title, &palette->boundary_text, 0.25), >, 15);
  assert_pixel (surface, 600, 400, &in_zone);

  /* The request flow: a line between the shapes and an arrowhead at the
   * process, none at the actor. */
  path = moat_geometry_get_path (geometry, request);
  g_assert_nonnull (path);
  assert_near_int (path->points[0].x, 200);
  assert_pixel_towards (surface, 300, 100, &palette->flow, &palette->background);
  assert_pixel (surface, 395, 100, &palette->flow);
  assert_pixel (surface, 390, 102, &palette->flow);
  assert_pixel (surface, 392, 109, &palette->background);
  assert_pixel (surface, 204, 104, &palette->background);

  /* Its label above the line, moved 18 up by the model. */
  g_assert_true (moat_geometry_get_label_rect (geometry, request, &label));
  g_assert_cmpfloat (label.y + label.height, <, 100);
  g_assert_cmpuint (count_near (surface, &label, &palette->text, 0.25), >, 20);

  /* The bidirectional flow has arrowheads at both ends. */
  path = moat_geometry_get_path (geometry, queries);
  g_assert_nonnull (path);
  assert_pixel (surface, 460, 164, &palette->flow);
  assert_pixel (surface, 461, 168, &palette->flow);
  assert_pixel (surface, 460, 296, &palette->flow);
  assert_pixel (surface, 461, 292, &palette->flow);
  assert_pixel (surface, 468, 294, &in_zone);
  assert_pixel (surface, 468, 230, &palette->background);
  assert_pixel_towards (surface, 460, 200, &palette->flow, &palette->background);

  cairo_surface_destroy (surface);
}

static void
test_light (void)
{
  check_known_diagram (MOAT_PALETTE_LIGHT);
}

static void
test_dark (void)
{
  check_known_diagram (MOAT_PALETTE_DARK);
}

static void
test_high_contrast (void)
{
  check_known_diagram (MOAT_PALETTE_HIGH_CONTRAST);
}

static guint
three_on_api (MoatElement *element,
              MoatColor   *color,
              gpointer     user_data)
{
  if (g_strcmp0 (moat_object_get_id (MOAT_OBJECT (element)), "api") != 0)
    return 0;
  moat_color_parse_hex (color, user_data);
  return 3;
}

static guint
two_on_orders (MoatElement *element,
               MoatColor   *color,
               gpointer     user_data)
{
  if (g_strcmp0 (moat_object_get_id (MOAT_OBJECT (element)), "orders") != 0)
    return 0;
  moat_color_parse_hex (color, user_data);
  return 2;
}

/* A box's badge sits on its top edge, clear of the name inside and of
 * the corner's resize handle, which stays on top. */
static void
test_badge_keeps_clear (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  const MoatPalette *palette = moat_renderer_get_palette (renderer);
  MoatColor orange;
  cairo_surface_t *surface;

  moat_color_parse_hex (&orange, "#ff8000");
  moat_renderer_set_badge_func (renderer, two_on_orders, (gpointer)"#ff8000", NULL);
  g_hash_table_add (selection, moat_model_lookup (model, "orders"));
  moat_renderer_set_selection (renderer, selection);
  surface = draw (renderer, 1.0);
  /* Orders is 380..540 × 300..370: the badge's middle on the top edge. */
  assert_pixel (surface, 540 - 19 - 6, 300, &orange);
  /* Below it, inside the shape, the store's own fill. */
  assert_pixel (surface, 540 - 19, 300 + 16, &palette->store_fill);
  /* The resize handle on the corner is drawn over everything. */
  assert_pixel (surface, 540, 300, &palette->handle_fill);
  cairo_surface_destroy (surface);
}

static void
test_view_decorations (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) highlighted = g_hash_table_new (NULL, NULL);
  const MoatPalette *palette = moat_renderer_get_palette (renderer);
  MoatColor orange = { 1.0, 0.5, 0.0, 1.0 };
  cairo_surface_t *surface;
  MoatPoint badge;

  /* Nothing selected: no handles. */
  surface = draw (renderer, 1.0);
  assert_pixel (surface, 36, 60, &palette->background);
  cairo_surface_destroy (surface);

  /* One selected element shows its outline and handles. */
  g_hash_table_add (selection, moat_model_lookup (model, "customer"));
  moat_renderer_set_selection (renderer, selection);
  surface = draw (renderer, 1.0);
  assert_pixel_towards (surface, 36, 60, &palette->accent, &palette->background);
  assert_pixel (surface, 40, 60, &palette->handle_fill);
  assert_pixel_towards (surface, 90, 56, &palette->accent, &palette->background);
  cairo_surface_destroy (surface);

  /* A badge with the colour the callback chose, on the circle's rim. */
  moat_renderer_set_badge_func (renderer, three_on_api, (gpointer)"#ff8000", NULL);
  surface = draw (renderer, 1.0);
  badge = (MoatPoint) { 460 + 60 / sqrt (2), 100 - 60 / sqrt (2) };
  assert_pixel (surface, (int)badge.x + 7, (int)badge.y, &orange);
  assert_pixel (surface, (int)badge.x - 7, (int)badge.y + 2, &orange);
  cairo_surface_destroy (surface);

  /* A highlighted element gets a halo of the highlight colour. */
  g_hash_table_add (highlighted, moat_model_lookup (model, "orders"));
  moat_renderer_set_highlighted (renderer, highlighted);
  surface = draw (renderer, 1.0);
  {
    MoatColor got;

    /* Just outside the store's bottom line, inside the halo. */
    pixel (surface, 460, 374, &got);
    g_assert_cmpfloat (distance (&got, &palette->background), >, 0.2);
    g_assert_cmpfloat (got.red, >, got.blue + 0.2);
  }
  cairo_surface_destroy (surface);
}

/* What nobody has reviewed carries a ring on screen, when the view asks for
 * it, and never in a drawing for a report or an export. */
static void
test_review_marker (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  const MoatPalette *palette = moat_renderer_get_palette (renderer);
  MoatRect everything = { 0, 0, WIDTH, HEIGHT };
  MoatRect corner = { 45, 65, 10, 10 };
  MoatRect target = { 0, 0, WIDTH, HEIGHT };
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = draw (renderer, 1.0);
  g_assert_cmpuint (count_near (surface, &everything, &palette->highlight, 0.05), ==, 0);
  cairo_surface_destroy (surface);

  /* A ring in the actor's top left corner; the boundary has none. */
  moat_renderer_set_show_review (renderer, TRUE);
  surface = draw (renderer, 1.0);
  g_assert_cmpuint (count_near (surface, &corner, &palette->highlight, 0.05), >=, 12);
  g_assert_cmpuint (count_near (surface, &(MoatRect) { 336, 256, 10, 10 }, &palette->highlight, 0.05), ==, 0);
  cairo_surface_destroy (surface);

  /* Reviewed, or out of scope: no dot. */
  g_object_set (moat_model_lookup (model, "customer"), "reviewed", TRUE, NULL);
  surface = draw (renderer, 1.0);
  g_assert_cmpuint (count_near (surface, &corner, &palette->highlight, 0.05), ==, 0);
  cairo_surface_destroy (surface);
  g_object_set (moat_model_lookup (model, "customer"), "reviewed", FALSE, "out-of-scope", TRUE, NULL);
  surface = draw (renderer, 1.0);
  g_assert_cmpuint (count_near (surface, &corner, &palette->highlight, 0.05), ==, 0);
  cairo_surface_destroy (surface);

  /* A drawing for a page shows none. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  g_assert_cmpfloat (moat_renderer_draw_fitted (renderer, cr, &target, 1.0), >, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpuint (count_near (surface, &everything, &palette->highlight, 0.05), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_zoom_and_pan (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  const MoatPalette *palette = moat_renderer_get_palette (renderer);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  MoatView view = { 2.0, 30, 50, WIDTH, HEIGHT };
  double vx, vy;

  /* At 200 % with the view's corner at (30, 50), the actor's left edge
   * (x 40) is at 20 and its middle (y 100) at 100. */
  moat_renderer_draw (renderer, cr, &view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  moat_view_from_diagram (&view, 40, 100, &vx, &vy);
  g_assert_cmpfloat (vx, ==, 20);
  g_assert_cmpfloat (vy, ==, 100);
  assert_pixel (surface, 20, 100, &palette->actor_stroke);
  assert_pixel (surface, 26, 80, &palette->actor_fill);
  assert_pixel (surface, 14, 100, &palette->background);
  cairo_surface_destroy (surface);
}

static void
test_fitted (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 400);
  cairo_t *cr = cairo_create (surface);
  MoatRect target = { 50, 100, 300, 200 }, bounds;
  MoatColor got;
  double scale;

  g_assert_true (moat_renderer_get_diagram_bounds (renderer, &bounds));
  scale = moat_renderer_draw_fitted (renderer, cr, &target, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmpfloat (scale, >, 0);
  g_assert_cmpfloat (scale, <=, MIN (300 / bounds.width, 200 / bounds.height) + 1e-9);
  g_assert_cmpfloat (bounds.width * scale, <=, 300 + 1e-6);

  /* Nothing outside the target; something inside it. */
  pixel (surface, 10, 10, &got);
  g_assert_cmpfloat (got.alpha, ==, 0);
  pixel (surface, 200, 350, &got);
  g_assert_cmpfloat (got.alpha, ==, 0);
  pixel (surface, 200, 200, &got);
  g_assert_cmpfloat (got.alpha, >, 0);
  cairo_surface_destroy (surface);
}

static cairo_status_t
count_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  *(gsize *)closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The report draws diagrams onto PDF pages: vector output, no shape
 * cache. */
static void
test_fitted_pdf (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  MoatRect target = { 36, 36, 523, 400 };
  gsize written = 0;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (count_bytes, &written, 595, 842);
  cairo_t *cr = cairo_create (surface);

  moat_renderer_set_draw_background (renderer, FALSE);
  g_assert_cmpfloat (moat_renderer_draw_fitted (renderer, cr, &target, 1.0), >, 0);
  moat_renderer_draw_func (cr, 300, 200, renderer);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (written, >, 1000);
}

static void
test_export (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "d.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "d.svg", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "d.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  const MoatPalette *palette = moat_renderer_get_palette (renderer);
  cairo_surface_t *surface;
  MoatRect bounds;

  /* A selection is view state: it must not show in an export. */
  g_hash_table_add (selection, moat_model_lookup (model, "customer"));
  moat_renderer_set_selection (renderer, selection);

  g_assert_true (moat_renderer_get_diagram_bounds (renderer, &bounds));
  g_assert_true (moat_renderer_export_png (renderer, 2.0, png, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int)ceil (bounds.width * 2));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int)ceil (bounds.height * 2));
  /* The actor's fill, at twice the size, offset by the bounds. */
  assert_pixel (surface, (int)((60 - bounds.x) * 2), (int)((66 - bounds.y) * 2), &palette->actor_fill);
  assert_pixel (surface, (int)((36 - bounds.x) * 2), (int)((60 - bounds.y) * 2), &palette->background);
  cairo_surface_destroy (surface);

  /* A name is text, not markup. */
  g_object_set (moat_model_lookup (model, "orders"), "name", "Orders & <refunds>", NULL);
  g_assert_true (moat_renderer_export_svg (renderer, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "stroke-dasharray"));
  /* Names are text to select, search and translate, not glyph outlines;
   * a flow's label keeps its halo as an outline under its letters. */
  g_assert_null (strstr (contents, "glyph"));
  g_assert_nonnull (strstr (contents, ">Customer</text>"));
  g_assert_nonnull (strstr (contents, "Orders &amp; &lt;refunds&gt;"));
  g_assert_nonnull (strstr (contents, ">Data zone</text>"));
  g_assert_nonnull (strstr (contents, "paint-order=\"stroke\">Request</text>"));
  g_assert_true (g_str_has_suffix (g_strstrip (contents), "</svg>"));

  g_assert_false (moat_renderer_export_png (renderer, 1.0, bad, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (moat_renderer_export_png (renderer, 1000.0, png, &error));
  g_assert_error (error, MOAT_ERROR, MOAT_ERROR_INVALID);

  moat_test_rm_rf (dir);
}

/* A view follows edits without being rebuilt. */
static void
test_follows_edits (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  const MoatPalette *palette = moat_renderer_get_palette (renderer);
  cairo_surface_t *surface;

  g_object_set (moat_model_lookup (model, "customer"), "y", 300.0, NULL);
  surface = draw (renderer, 1.0);
  assert_pixel (surface, 48, 66, &palette->background);
  assert_pixel (surface, 48, 306, &palette->actor_fill);
  cairo_surface_destroy (surface);

  moat_model_remove (model, moat_model_lookup (model, "api"));
  surface = draw (renderer, 1.0);
  assert_pixel (surface, 460, 46, &palette->background);
  cairo_surface_destroy (surface);

  g_assert_true (moat_model_undo (model));
  surface = draw (renderer, 1.0);
  assert_pixel (surface, 460, 46, &palette->process_fill);
  cairo_surface_destroy (surface);
}

/* Frames kept between draws: what the cache shows after each change is
 * what a drawing from scratch shows. */

static cairo_surface_t *
draw_view (MoatRenderer   *renderer,
           const MoatView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, view->width, view->height);
  cairo_t *cr = cairo_create (surface);

  moat_renderer_draw (renderer, cr, view);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Rows @first to @last - 1 of the kept frame against a drawing from scratch. */
static void
assert_rows_as_full_redraw (MoatFrameCache *cache,
                            const MoatView *view,
                            int             first,
                            int             last)
{
  cairo_surface_t *kept = moat_frame_cache_get_surface (cache);
  cairo_surface_t *fresh = draw_view (moat_frame_cache_get_renderer (cache), view);
  int width = cairo_image_surface_get_width (fresh), height = cairo_image_surface_get_height (fresh);
  guint differing_rows = 0;

  g_assert_cmpint (cairo_image_surface_get_width (kept), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (kept), ==, height);
  g_assert_cmpint (first, <, last);
  g_assert_cmpint (last, <=, height);
  cairo_surface_flush (kept);
  for (int y = first; y < last; y++)
    {
      const guint8 *a = cairo_image_surface_get_data (kept) + y * cairo_image_surface_get_stride (kept);
      const guint8 *b = cairo_image_surface_get_data (fresh) + y * cairo_image_surface_get_stride (fresh);

      /* A channel one off is rounding, not a stale pixel. */
      for (int i = 0; i < width * 4; i++)
        if (ABS (a[i] - b[i]) > 1)
          {
            differing_rows++;
            break;
          }
    }
  if (differing_rows > 0 && g_getenv ("MOAT_TEST_KEEP_PNG") != NULL)
    {
      cairo_surface_write_to_png (kept, "/tmp/frame-cache-kept.png");
      cairo_surface_write_to_png (fresh, "/tmp/frame-cache-fresh.png");
    }
  cairo_surface_destroy (fresh);
  g_assert_cmpuint (differing_rows, ==, 0);
}

static void
assert_same_as_full_redraw (MoatFrameCache *cache,
                            const MoatView *view)
{
  assert_rows_as_full_redraw (cache, view, 0, (int) view->height);
}

static guint
three_on_the_api (MoatElement *element,
                  MoatColor   *color,
                  gpointer     user_data)
{
  return g_str_equal (moat_object_get_id (MOAT_OBJECT (element)), "api") ? 3 : 0;
}

/* A region that changed, and not everything. */
static void
assert_partial (cairo_region_t *changed,
                const MoatView *view)
{
  g_assert_nonnull (changed);
  g_assert_false (cairo_region_is_empty (changed));
  g_assert_cmpint (cairo_region_contains_rectangle (changed, &(cairo_rectangle_int_t) { 0, 0, view->width,
                                                                                        view->height }),
                   !=, CAIRO_REGION_OVERLAP_IN);
  cairo_region_destroy (changed);
}

static void
test_frame_cache_drag (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(MoatFrameCache) cache = moat_frame_cache_new (renderer);
  g_autoptr(GHashTable) selection = g_hash_table_new (NULL, NULL);
  MoatElement *customer = moat_model_lookup (model, "customer");
  MoatView view = { 1.25, -20, -10, WIDTH, HEIGHT };

  moat_renderer_set_show_review (renderer, TRUE);
  moat_renderer_set_grid_size (renderer, 20);
  moat_renderer_set_badge_func (renderer, three_on_the_api, NULL, NULL);
  moat_renderer_set_selection (renderer, selection);

  /* The first frame is all drawn. */
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  assert_same_as_full_redraw (cache, &view);

  /* Selected, then dragged one motion at a time, towards the API and its
   * badge, its flow following: each frame redraws a part. */
  g_hash_table_add (selection, customer);
  assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
  assert_same_as_full_redraw (cache, &view);
  moat_model_begin_action (model, "Move");
  for (guint i = 1; i <= 12; i++)
    {
      g_object_set (customer, "x", 40.0 + i * 13, "y", 60.0 + i * 4, NULL);
      assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
      assert_same_as_full_redraw (cache, &view);
    }
  moat_model_end_action (model);

  /* Nothing changed: nothing redrawn. */
  {
    cairo_region_t *changed = moat_frame_cache_update (cache, &view, NULL);

    g_assert_nonnull (changed);
    g_assert_true (cairo_region_is_empty (changed));
    cairo_region_destroy (changed);
  }

  /* Undone, the shape is back where it was, and nothing of it is left
   * where it had gone. */
  g_assert_true (moat_model_undo (model));
  assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
  assert_same_as_full_redraw (cache, &view);
  g_assert_true (moat_model_redo (model));
  assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
  assert_same_as_full_redraw (cache, &view);

  /* Drawn differently where it is; hovered; deselected. */
  g_object_set (moat_model_lookup (model, "orders"), "reviewed", TRUE, NULL);
  assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
  assert_same_as_full_redraw (cache, &view);
  moat_renderer_set_hover (renderer, moat_model_lookup (model, "api"));
  assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
  assert_same_as_full_redraw (cache, &view);
  g_hash_table_remove_all (selection);
  assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
  assert_same_as_full_redraw (cache, &view);

  /* Removed, and back. */
  moat_model_remove (model, moat_model_lookup (model, "api"));
  moat_frame_cache_update (cache, &view, NULL);
  assert_same_as_full_redraw (cache, &view);
  g_assert_true (moat_model_undo (model));
  moat_frame_cache_update (cache, &view, NULL);
  assert_same_as_full_redraw (cache, &view);
}

static void
test_frame_cache_view (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(MoatFrameCache) cache = moat_frame_cache_new (renderer);
  MoatView view = { 1.0, 0, 0, WIDTH, HEIGHT };

  moat_renderer_set_show_review (renderer, TRUE);
  moat_renderer_set_grid_size (renderer, 20);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));

  /* Panned by whole pixels, either way: the pixels move and the strips
   * that came in are drawn. */
  for (guint i = 0; i < 4; i++)
    {
      view.x += i % 2 ? -13 : 29;
      view.y += i < 2 ? 7 : -11;
      g_clear_pointer (&(cairo_region_t *) { moat_frame_cache_update (cache, &view, NULL) }, cairo_region_destroy);
      assert_same_as_full_redraw (cache, &view);
    }

  /* Zoomed: all drawn again. */
  view.scale = 0.8;
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  assert_same_as_full_redraw (cache, &view);

  /* A threat may change any badge: everything is drawn again. */
  {
    g_autoptr(MoatThreat) threat = g_object_new (MOAT_TYPE_THREAT, "id", "t1", NULL);

    moat_model_add (model, threat);
    g_assert_null (moat_frame_cache_update (cache, &view, NULL));
    assert_same_as_full_redraw (cache, &view);
  }

  /* What the geometry cannot know: a new palette, the view's own marks. */
  moat_renderer_set_palette (renderer, moat_palette_get (MOAT_PALETTE_DARK));
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  assert_same_as_full_redraw (cache, &view);
  moat_frame_cache_invalidate (cache);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
}

/* The share of pixels of the kept frame far from a drawing from scratch:
 * a resampled frame looks like it, blurred, where it is not shifted. */
static double
share_unlike_full_redraw (MoatFrameCache *cache,
                          const MoatView *view)
{
  cairo_surface_t *kept = moat_frame_cache_get_surface (cache);
  cairo_surface_t *fresh = draw_view (moat_frame_cache_get_renderer (cache), view);
  int width = cairo_image_surface_get_width (fresh), height = cairo_image_surface_get_height (fresh);
  guint unlike = 0;

  cairo_surface_flush (kept);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *a = cairo_image_surface_get_data (kept) + y * cairo_image_surface_get_stride (kept) + x * 4;
        const guint8 *b = cairo_image_surface_get_data (fresh) + y * cairo_image_surface_get_stride (fresh) + x * 4;

        for (int i = 0; i < 4; i++)
          if (ABS (a[i] - b[i]) > 64)
            {
              unlike++;
              break;
            }
      }
  cairo_surface_destroy (fresh);
  g_test_message ("%.2f %% of the pixels unlike", 100.0 * unlike / (width * height));
  return (double) unlike / (width * height);
}

/* Zooms @view by @factor, the diagram point under (@x, @y) staying there. */
static void
zoom_view (MoatView *view,
           double    factor,
           double    x,
           double    y)
{
  double dx = view->x + x / view->scale, dy = view->y + y / view->scale;

  view->scale *= factor;
  view->x = dx - x / view->scale;
  view->y = dy - y / view->scale;
}

/* Brings a zoomed view up to date frame after frame, each redrawing a
 * part; returns how many it took. Drawn in squares, the view is then all
 * sharp, though not yet drawn as a whole. */
static guint
settle (MoatFrameCache *cache,
        const MoatView *view)
{
  guint frames = 0;

  while (!moat_frame_cache_is_sharp (cache))
    {
      assert_partial (moat_frame_cache_update (cache, view, NULL), view);
      g_assert_cmpuint (++frames, <, 100);
    }
  g_assert_false (moat_frame_cache_is_exact (cache));
  g_assert_cmpfloat (share_unlike_full_redraw (cache, view), <, 0.001);
  return frames;
}

/* The zoom paused: drawn as a whole. */
static void
redraw (MoatFrameCache *cache,
        const MoatView *view)
{
  moat_frame_cache_redraw (cache);
  g_assert_true (moat_frame_cache_is_exact (cache));
  g_assert_true (moat_frame_cache_is_sharp (cache));
  assert_same_as_full_redraw (cache, view);
}

static void
test_frame_cache_zoom (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(MoatFrameCache) cache = moat_frame_cache_new (renderer);
  MoatElement *customer = moat_model_lookup (model, "customer");
  MoatView view = { 1.0, -20, -10, WIDTH, HEIGHT };
  int kept_top;

  moat_renderer_set_show_review (renderer, TRUE);
  moat_renderer_set_grid_size (renderer, 20);
  moat_renderer_set_badge_func (renderer, three_on_the_api, NULL, NULL);
  /* No time to spare: each frame draws only what it must and one square. */
  moat_frame_cache_set_budget (cache, 0);
  g_assert_true (moat_frame_cache_is_sharp (cache));
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_true (moat_frame_cache_is_sharp (cache));
  g_assert_true (moat_frame_cache_is_exact (cache));
  assert_same_as_full_redraw (cache, &view);

  /* Zoomed in: every pixel moved, shown resampled (the first step from
   * a view drawn as a whole draws nothing else, its frame being GTK's
   * costliest), then drawn sharp a square of the six at a time. */
  zoom_view (&view, 1.25, 300, 200);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_false (moat_frame_cache_is_sharp (cache));
  g_assert_cmpfloat (share_unlike_full_redraw (cache, &view), <, 0.02);
  g_assert_cmpuint (settle (cache, &view), ==, 6);
  redraw (cache, &view);

  /* Zooming in and out about points the pointer moves to, with an edit
   * and a pan by whole pixels on the way, then a pause: the view ends as
   * a drawing from scratch. */
  for (guint i = 0; i < 8; i++)
    {
      zoom_view (&view, i < 4 ? 1.07 : 1 / 1.05, 100 + 60 * i, 80 + 30 * i);
      g_assert_null (moat_frame_cache_update (cache, &view, NULL));
      if (i == 3)
        {
          g_object_set (customer, "x", 90.0, "y", 70.0, NULL);
          assert_partial (moat_frame_cache_update (cache, &view, NULL), &view);
        }
      if (i == 5)
        {
          view.x += 13 / view.scale;
          view.y -= 7 / view.scale;
          g_assert_null (moat_frame_cache_update (cache, &view, NULL));
        }
    }
  g_assert_false (moat_frame_cache_is_sharp (cache));
  settle (cache, &view);
  redraw (cache, &view);

  /* Zoomed out about the middle: what the old pixels cannot cover (a
   * quarter of the height above and below) is drawn at once. */
  zoom_view (&view, 0.5, WIDTH / 2.0, HEIGHT / 2.0);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_false (moat_frame_cache_is_sharp (cache));
  kept_top = HEIGHT / 4;
  assert_rows_as_full_redraw (cache, &view, 0, kept_top);
  assert_rows_as_full_redraw (cache, &view, HEIGHT - kept_top, HEIGHT);
  settle (cache, &view);
  redraw (cache, &view);

  /* Scrolled by a fraction of a pixel: resampled too, then sharp. */
  view.x += 0.5 / view.scale;
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  settle (cache, &view);
  redraw (cache, &view);

  /* Zoomed so far at once that the old pixels would show nothing: drawn. */
  zoom_view (&view, 10, 0, 0);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_true (moat_frame_cache_is_sharp (cache));
  g_assert_true (moat_frame_cache_is_exact (cache));
  assert_same_as_full_redraw (cache, &view);

  /* Without a budget, each zoom is drawn at once. */
  moat_frame_cache_set_budget (cache, -1);
  zoom_view (&view, 0.8, 200, 100);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_true (moat_frame_cache_is_sharp (cache));
  g_assert_true (moat_frame_cache_is_exact (cache));
  assert_same_as_full_redraw (cache, &view);
}

static void
assert_surface_fits (MoatFrameCache *cache,
                     const MoatView *view)
{
  cairo_surface_t *surface = moat_frame_cache_get_surface (cache);

  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) view->width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) view->height);
}

/* The memory a zoom draws into is made ahead, once, at the frame's size,
 * and made again when the window's size changes: a zoom right after a
 * resize shows the whole view, not the old size's corner. */
static void
test_frame_cache_zoom_prepared (void)
{
  g_autoptr(MoatModel) model = known_model ();
  g_autoptr(MoatRenderer) renderer = moat_renderer_new (model, "d");
  g_autoptr(MoatFrameCache) cache = moat_frame_cache_new (renderer);
  MoatView view = { 1.0, -20, -10, WIDTH, HEIGHT };

  moat_frame_cache_set_budget (cache, 0);
  g_assert_false (moat_frame_cache_prepare_zoom (cache));
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_false (moat_frame_cache_is_zoom_prepared (cache));
  g_assert_true (moat_frame_cache_prepare_zoom (cache));
  g_assert_true (moat_frame_cache_is_zoom_prepared (cache));
  g_assert_false (moat_frame_cache_prepare_zoom (cache));

  zoom_view (&view, 1.1, 100, 100);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  g_assert_cmpfloat (share_unlike_full_redraw (cache, &view), <, 0.02);
  settle (cache, &view);
  redraw (cache, &view);

  view.width = WIDTH + 64;
  view.height = HEIGHT - 32;
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  assert_same_as_full_redraw (cache, &view);
  g_assert_false (moat_frame_cache_is_zoom_prepared (cache));
  zoom_view (&view, 1.1, 100, 100);
  g_assert_null (moat_frame_cache_update (cache, &view, NULL));
  assert_surface_fits (cache, &view);
  g_assert_cmpfloat (share_unlike_full_redraw (cache, &view), <, 0.02);
  settle (cache, &view);
  redraw (cache, &view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/light", test_light);
  g_test_add_func ("/renderer/dark", test_dark);
  g_test_add_func ("/renderer/high-contrast", test_high_contrast);
  g_test_add_func ("/renderer/decorations", test_view_decorations);
  g_test_add_func ("/renderer/badge-keeps-clear", test_badge_keeps_clear);
  g_test_add_func ("/renderer/review-marker", test_review_marker);
  g_test_add_func ("/renderer/zoom-and-pan", test_zoom_and_pan);
  g_test_add_func ("/renderer/fitted", test_fitted);
  g_test_add_func ("/renderer/fitted-pdf", test_fitted_pdf);
  g_test_add_func ("/renderer/export", test_export);
  g_test_add_func ("/renderer/follows-edits", test_follows_edits);
  g_test_add_func ("/renderer/frame-cache-drag", test_frame_cache_drag);
  g_test_add_func ("/renderer/frame-cache-view", test_frame_cache_view);
  g_test_add_func ("/renderer/frame-cache-zoom", test_frame_cache_zoom);
  g_test_add_func ("/renderer/frame-cache-zoom-prepared", test_frame_cache_zoom_prepared);

  return g_test_run ();
}
