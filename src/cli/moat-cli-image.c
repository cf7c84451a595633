/* moat-cli-image.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "export --format svg|png": one diagram drawn by the renderer the app
 * and the report use, so the picture in CI is the one on screen.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-cli.h"

/* The diagram named @name, or the first one when @name is NULL. */
static MoatDiagram *
find_diagram (MoatModel   *model,
              const char  *name,
              GError     **error)
{
  GListModel *diagrams = moat_model_get_list (model, MOAT_TYPE_DIAGRAM);
  g_autoptr(GString) titles = g_string_new (NULL);
  MoatDiagram *first = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (diagrams); i++)
    {
      g_autoptr(MoatDiagram) diagram = g_list_model_get_item (diagrams, i);

      if (name != NULL && g_strcmp0 (moat_diagram_get_title (diagram), name) == 0)
        return diagram;
      if (first == NULL || moat_diagram_get_position (diagram) < moat_diagram_get_position (first))
        first = diagram;
      g_string_append_printf (titles, "%s“%s”", titles->len ? ", " : "", moat_diagram_get_title (diagram));
    }
  if (name == NULL && first != NULL)
    return first;
  if (name != NULL)
    /* Translators: the second %s lists the model's diagrams: “Overview”, “Admin” */
    g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("the model has no diagram called “%s”; it has %s"),
                 name, titles->len ? titles->str : _("none"));
  else
    g_set_error_literal (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("the model has no diagram to draw"));
  return NULL;
}

/**
 * moat_cli_write_image:
 * @svg: SVG when TRUE, else PNG
 * @diagram_name: (nullable): the diagram's title; the first diagram if NULL
 * @scale: pixels per diagram unit, for PNG
 * @path: (nullable): the file to write; images are never written to a terminal
 */
gboolean
moat_cli_write_image (MoatModel   *model,
                      gboolean     svg,
                      const char  *diagram_name,
                      double       scale,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(MoatRenderer) renderer = NULL;
  MoatDiagram *diagram;

  if (path == NULL)
    return g_set_error_literal (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                                _("an image is written to a file: say which with --output")), FALSE;
  if (!(scale > 0 && scale <= 8))
    return g_set_error_literal (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                                _("--scale takes a number above 0, up to 8")), FALSE;
  if (!(diagram = find_diagram (model, diagram_name, error)))
    return FALSE;

  renderer = moat_renderer_new (model, moat_object_get_id (MOAT_OBJECT (diagram)));
  if (svg)
    return moat_renderer_export_svg (renderer, path, error);
  return moat_renderer_export_png (renderer, scale, path, error);
}
