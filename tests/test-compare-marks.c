/* test-compare-marks.c: a model beside an older version, and how the
 * renderer marks what changed
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-compare.h"
#include "moat-renderer.h"
#include "moat-test-util.h"

#define SIZE 400

/* v1 has a note that v2 no longer has; v2 renames the API and adds a
 * queue. The note sits alone in the top-left corner. */
static void
make_versions (MoatModel **v1,
               MoatModel **v2)
{
  const char *json =
    "{\"format\": \"moat\", \"format_version\": 1,"
    " \"model\": {\"id\": \"m\", \"title\": \"Checkout\"},"
    " \"diagrams\": [{\"id\": \"d\", \"title\": \"Context\"}],"
    " \"elements\": ["
    "   {\"id\": \"api\", \"diagram_id\": \"d\", \"kind\": \"process\", \"name\": \"API\","
    "    \"x\": 200, \"y\": 200, \"width\": 100, \"height\": 100},"
    "   {\"id\": \"db\", \"diagram_id\": \"d\", \"kind\": \"store\", \"name\": \"Orders\","
    "    \"x\": 200, \"y\": 320, \"width\": 120, \"height\": 60},"
    "   {\"id\": \"n\", \"diagram_id\": \"d\", \"kind\": \"note\", \"name\": \"Old note\","
    "    \"x\": 20, \"y\": 20, \"width\": 120, \"height\": 80}]}";
  g_autoptr(MoatElement) queue = g_object_new (MOAT_TYPE_ELEMENT, "id", "q", "diagram-id", "d",
                                               "kind", MOAT_ELEMENT_STORE, "name", "Queue",
                                               "x", 20.0, "y", 320.0, "width", 120.0, "height", 60.0, NULL);
  g_autoptr(GError) error = NULL;

  *v1 = moat_json_read (json, -1, &error);
  g_assert_no_error (error);
  *v2 = moat_json_read (json, -1, &error);
  g_assert_no_error (error);

  g_object_set (moat_model_lookup (*v2, "api"), "name", "Payments API", NULL);
  moat_model_remove (*v2, moat_model_lookup (*v2, "n"));
  moat_model_add (*v2, queue);
}

static void
test_marks (void)
{
  g_autoptr(MoatModel) v1 = NULL;
  g_autoptr(MoatModel) v2 = NULL;
  g_autoptr(MoatCompare) compare = NULL;
  g_autoptr(GPtrArray) removed = NULL;

  make_versions (&v1, &v2);
  compare = moat_compare_new (v1, v2);

  g_assert_cmpint (moat_compare_get_mark (compare, "q"), ==, MOAT_COMPARE_MARK_ADDED);
  g_assert_cmpint (moat_compare_get_mark (compare, "api"), ==, MOAT_COMPARE_MARK_CHANGED);
  g_assert_cmpint (moat_compare_get_mark (compare, "n"), ==, MOAT_COMPARE_MARK_REMOVED);
  g_assert_cmpint (moat_compare_get_mark (compare, "db"), ==, MOAT_COMPARE_MARK_NONE);
  g_assert_cmpint (moat_compare_get_mark (compare, "nowhere"), ==, MOAT_COMPARE_MARK_NONE);

  removed = moat_compare_list_removed (compare, "d");
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_true (g_ptr_array_index (removed, 0) == moat_model_lookup (v1, "n"));
  g_ptr_array_unref (g_steal_pointer (&removed));
  removed = moat_compare_list_removed (compare, "another");
  g_assert_cmpuint (removed->len, ==, 0);

  /* The newer version is the one being edited: a refresh sees edits. */
  g_object_set (moat_model_lookup (v2, "api"), "name", "API", NULL);
  moat_compare_refresh (compare);
  g_assert_cmpint (moat_compare_get_mark (compare, "api"), ==, MOAT_COMPARE_MARK_NONE);
}

/* Each entry's line is the line `moat-cli diff` prints for it. */
static void
test_entry_text (void)
{
  g_autoptr(MoatModel) v1 = NULL;
  g_autoptr(MoatModel) v2 = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *text = NULL;

  make_versions (&v1, &v2);
  entries = moat_diff_models (v1, v2);
  text = moat_diff_format_text (entries);
  g_assert_cmpuint (entries->len, >, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      MoatDiffEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *line = moat_diff_entry_text (entry);

      if (i == 0 || !g_str_equal (entry->object_kind, ((MoatDiffEntry *)g_ptr_array_index (entries, i - 1))->object_kind))
        g_string_append_printf (lines, "%s%s\n", i > 0 ? "\n" : "", moat_diff_kind_title (entry->object_kind));
      g_string_append_printf (lines, "  %s\n", line);
    }
  g_assert_cmpstr (lines->str, ==, text);
  g_assert_cmpstr (moat_diff_kind_title ("element"), ==, "Elements");
}

static gboolean
is_background (cairo_surface_t *surface,
               int              x,
               int              y)
{
  guint32 *data;

  cairo_surface_flush (surface);
  data = (guint32 *)(cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface));
  return data[x] == 0;
}

static void
draw (MoatRenderer    *renderer,
      cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  MoatView view = { 1.0, 0, 0, SIZE, SIZE };

  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  moat_renderer_draw (renderer, cr, &view);
  cairo_destroy (cr);
}

static void
test_renderer (void)
{
  g_autoptr(MoatModel) v1 = NULL;
  g_autoptr(MoatModel) v2 = NULL;
  g_autoptr(MoatCompare) compare = NULL;
  g_autoptr(MoatRenderer) renderer = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, SIZE, SIZE);

  make_versions (&v1, &v2);
  compare = moat_compare_new (v1, v2);
  renderer = moat_renderer_new (v2, "d");
  moat_renderer_set_draw_background (renderer, FALSE);

  /* Without comparing, where the note was stays empty. */
  draw (renderer, surface);
  g_assert_true (is_background (surface, 80, 60));
  g_assert_cmpint (moat_renderer_get_compare_mark (renderer, "n"), ==, MOAT_COMPARE_MARK_NONE);

  moat_renderer_set_compare (renderer, compare);
  draw (renderer, surface);
  g_assert_false (is_background (surface, 80, 60));
  g_assert_cmpint (moat_renderer_get_compare_mark (renderer, "n"), ==, MOAT_COMPARE_MARK_REMOVED);
  g_assert_cmpint (moat_renderer_get_compare_mark (renderer, "q"), ==, MOAT_COMPARE_MARK_ADDED);
  g_assert_cmpint (moat_renderer_get_compare_mark (renderer, "api"), ==, MOAT_COMPARE_MARK_CHANGED);
  g_assert_cmpint (moat_renderer_get_compare_mark (renderer, "db"), ==, MOAT_COMPARE_MARK_NONE);

  moat_renderer_set_compare (renderer, NULL);
  draw (renderer, surface);
  g_assert_true (is_background (surface, 80, 60));
  g_assert_cmpint (moat_renderer_get_compare_mark (renderer, "q"), ==, MOAT_COMPARE_MARK_NONE);

  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compare-marks/marks", test_marks);
  g_test_add_func ("/compare-marks/entry-text", test_entry_text);
  g_test_add_func ("/compare-marks/renderer", test_renderer);

  return g_test_run ();
}
