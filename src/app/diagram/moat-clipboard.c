/* moat-clipboard.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Copied elements travel as a small model of their own in native JSON:
 * one diagram, the elements, and the assets they link to (so the links
 * survive a paste into another window on the same model). A flow is taken
 * only with both of its ends. A PNG of the same elements goes along for
 * other applications.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-clipboard.h"

#define RENDER_SCALE 2.0

static gboolean
is_node (MoatElement *element)
{
  return moat_element_get_kind (element) != MOAT_ELEMENT_FLOW;
}

static gboolean
contains_id (GPtrArray  *elements,
             const char *id)
{
  for (guint i = 0; i < elements->len; i++)
    if (g_strcmp0 (moat_object_get_id (g_ptr_array_index (elements, i)), id) == 0)
      return TRUE;
  return FALSE;
}

static void
add_assets (MoatModel   *source,
            MoatModel   *fragment,
            MoatElement *element)
{
  const char * const *ids = moat_element_get_asset_ids (element);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatObject *asset = moat_model_lookup (source, ids[i]);

      if (asset != NULL && moat_model_lookup (fragment, ids[i]) == NULL)
        {
          g_autoptr(MoatObject) copy = moat_object_copy (asset, FALSE);
          _moat_model_insert_loaded (fragment, copy);
        }
    }
}

/**
 * moat_clipboard_serialize:
 * @elements: (element-type MoatElement): what to copy
 *
 * Returns: (transfer full) (nullable): the fragment, or %NULL when there
 *   is nothing to copy
 */
GBytes *
moat_clipboard_serialize (MoatModel *model,
                          GPtrArray *elements)
{
  g_autoptr(MoatModel) fragment = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  const char *diagram_id = moat_object_get_id (MOAT_OBJECT (diagram));
  guint n = 0;
  char *json;
  gsize length;

  _moat_model_insert_loaded (fragment, MOAT_OBJECT (diagram));
  /* Nodes first: a flow is valid only once its ends are in. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < elements->len; i++)
      {
        MoatElement *element = g_ptr_array_index (elements, i);
        g_autoptr(MoatObject) copy = NULL;

        if (is_node (element) != (pass == 0))
          continue;
        if (!is_node (element)
            && !(contains_id (elements, moat_element_get_source_id (element))
                 && contains_id (elements, moat_element_get_target_id (element))))
          continue;

        copy = moat_object_copy (MOAT_OBJECT (element), FALSE);
        g_object_set (copy, "diagram-id", diagram_id, "child-diagram-id", NULL, NULL);
        add_assets (model, fragment, element);
        _moat_model_insert_loaded (fragment, copy);
        n++;
      }

  if (n == 0)
    return NULL;
  json = moat_json_write (fragment, &length);
  return g_bytes_new_take (json, length);
}

static MoatModel *
read_fragment (GBytes  *fragment,
               GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (fragment, &length);
  g_autofree char *text = g_strndup (data, length);

  return moat_json_read (text, length, error);
}

/**
 * moat_clipboard_render:
 *
 * Returns: (transfer full) (nullable): the fragment as a picture
 */
GdkTexture *
moat_clipboard_render (GBytes *fragment)
{
  g_autoptr(MoatModel) model = read_fragment (fragment, NULL);
  g_autoptr(MoatDiagram) diagram = NULL;
  g_autoptr(MoatRenderer) renderer = NULL;
  g_autoptr(GBytes) pixels = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  MoatRect bounds;
  int width, height;

  if (model == NULL)
    return NULL;
  diagram = g_list_model_get_item (moat_model_get_list (model, MOAT_TYPE_DIAGRAM), 0);
  renderer = moat_renderer_new (model, moat_object_get_id (MOAT_OBJECT (diagram)));
  if (!moat_renderer_get_diagram_bounds (renderer, &bounds))
    return NULL;

  width = MAX (1, (int) ceil (bounds.width * RENDER_SCALE));
  height = MAX (1, (int) ceil (bounds.height * RENDER_SCALE));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  moat_renderer_draw_fitted (renderer, cr, &(MoatRect) { 0, 0, width, height }, RENDER_SCALE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * height);
  cairo_surface_destroy (surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels,
                                 (gsize) width * 4);
}

static const char *
mapped_id (GHashTable *ids,
           const char *old_id)
{
  return old_id ? g_hash_table_lookup (ids, old_id) : NULL;
}

/* Asset links are kept where the asset exists in the target model. */
static char **
known_assets (MoatModel          *model,
              const char * const *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (moat_model_lookup_typed (model, ids[i], MOAT_TYPE_ASSET) != NULL)
      g_strv_builder_add (builder, ids[i]);
  return g_strv_builder_end (builder);
}

/**
 * moat_clipboard_insert:
 *
 * Adds the elements of @fragment to the diagram @diagram_id as new
 * elements, moved by (@dx, @dy), in one step of undo.
 *
 * Returns: (transfer container) (element-type MoatElement): what was added
 */
GPtrArray *
moat_clipboard_insert (MoatModel   *model,
                       const char  *diagram_id,
                       GBytes      *fragment,
                       double       dx,
                       double       dy,
                       GError     **error)
{
  g_autoptr(MoatModel) source = read_fragment (fragment, error);
  g_autoptr(GHashTable) ids = NULL;
  GListModel *elements;
  GPtrArray *added;

  if (source == NULL)
    return NULL;

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  added = g_ptr_array_new_with_free_func (g_object_unref);
  elements = moat_model_get_list (source, MOAT_TYPE_ELEMENT);

  moat_model_begin_action (model, _("Paste"));
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
      {
        g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
        g_autoptr(MoatObject) copy = NULL;
        g_auto(GStrv) assets = NULL;

        if (is_node (element) != (pass == 0))
          continue;

        copy = moat_object_copy (MOAT_OBJECT (element), TRUE);
        g_hash_table_insert (ids, g_strdup (moat_object_get_id (MOAT_OBJECT (element))),
                             g_strdup (moat_object_get_id (copy)));
        assets = known_assets (model, moat_element_get_asset_ids (element));
        g_object_set (copy,
                      "diagram-id", diagram_id,
                      "x", moat_element_get_x (element) + dx,
                      "y", moat_element_get_y (element) + dy,
                      "asset-ids", assets,
                      NULL);
        /* A line is where its points are: they move with the paste. */
        if (moat_boundary_line_is_line (MOAT_ELEMENT (copy)))
          moat_boundary_line_translate (MOAT_ELEMENT (copy), dx, dy);
        if (!is_node (element))
          g_object_set (copy,
                        "source-id", mapped_id (ids, moat_element_get_source_id (element)),
                        "target-id", mapped_id (ids, moat_element_get_target_id (element)),
                        NULL);
        moat_model_add (model, copy);
        g_ptr_array_add (added, g_object_ref (copy));
      }
  /* What is pasted lands on top, as a new element does. */
  moat_arrange_restack (model, added, TRUE);
  moat_model_end_action (model);

  return added;
}

/**
 * moat_clipboard_copy:
 * @elements: (element-type MoatElement): what to copy
 *
 * Puts @elements on @clipboard for Moat and as a picture for others.
 */
void
moat_clipboard_copy (GdkClipboard *clipboard,
                     MoatModel    *model,
                     GPtrArray    *elements)
{
  g_autoptr(GBytes) fragment = moat_clipboard_serialize (model, elements);
  g_autoptr(GdkTexture) picture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  GdkContentProvider *providers[2];
  guint n = 0;

  if (fragment == NULL)
    return;

  providers[n++] = gdk_content_provider_new_for_bytes (MOAT_CLIPBOARD_MIME_TYPE, fragment);
  picture = moat_clipboard_render (fragment);
  if (picture != NULL)
    {
      png = gdk_texture_save_to_png_bytes (picture);
      providers[n++] = gdk_content_provider_new_for_bytes ("image/png", png);
    }
  content = gdk_content_provider_new_union (providers, n);
  gdk_clipboard_set_content (clipboard, content);
}
