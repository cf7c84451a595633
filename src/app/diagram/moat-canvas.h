/* moat-canvas.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "moat-core.h"

G_BEGIN_DECLS

/* The tools of the palette. The "tool" property spells them as strings:
 * "select", "actor", "process", "store", "boundary", "flow", "note",
 * "boundary-line". */
typedef enum {
  MOAT_CANVAS_TOOL_SELECT,
  MOAT_CANVAS_TOOL_ACTOR,
  MOAT_CANVAS_TOOL_PROCESS,
  MOAT_CANVAS_TOOL_STORE,
  MOAT_CANVAS_TOOL_BOUNDARY,
  MOAT_CANVAS_TOOL_FLOW,
  MOAT_CANVAS_TOOL_NOTE,
  MOAT_CANVAS_TOOL_BOUNDARY_LINE,
} MoatCanvasTool;

#define MOAT_CANVAS_MIN_ZOOM 0.1
#define MOAT_CANVAS_MAX_ZOOM 4.0

#define MOAT_TYPE_CANVAS (moat_canvas_get_type ())

/* The diagram editor: draws one diagram through MoatRenderer and edits
 * it through the model, one undo step per gesture. Pointer and keyboard
 * handlers call the public entry points below, so tests can drive the
 * canvas exactly as a person does. Coordinates named x and y are in
 * widget pixels unless a function says diagram units. */
G_DECLARE_FINAL_TYPE (MoatCanvas, moat_canvas, MOAT, CANVAS, GtkWidget)

GtkWidget      *moat_canvas_new                  (void);

void            moat_canvas_set_model            (MoatCanvas      *self,
                                                  MoatModel       *model);
MoatModel      *moat_canvas_get_model            (MoatCanvas      *self);
void            moat_canvas_set_diagram_id       (MoatCanvas      *self,
                                                  const char      *diagram_id);
const char     *moat_canvas_get_diagram_id       (MoatCanvas      *self);
MoatRenderer   *moat_canvas_get_renderer         (MoatCanvas      *self);
void            moat_canvas_set_compare          (MoatCanvas      *self,
                                                  MoatCompare     *compare);

void            moat_canvas_set_tool             (MoatCanvas      *self,
                                                  MoatCanvasTool   tool);
MoatCanvasTool  moat_canvas_get_tool             (MoatCanvas      *self);
void            moat_canvas_set_snap_to_grid     (MoatCanvas      *self,
                                                  gboolean         snap);
gboolean        moat_canvas_get_snap_to_grid     (MoatCanvas      *self);
void            moat_canvas_set_grid_size        (MoatCanvas      *self,
                                                  double           grid_size);

/* Selection. */
GPtrArray      *moat_canvas_get_selection        (MoatCanvas      *self);
void            moat_canvas_set_selection        (MoatCanvas      *self,
                                                  GPtrArray       *elements);
void            moat_canvas_select               (MoatCanvas      *self,
                                                  MoatElement     *element,
                                                  gboolean         extend);
void            moat_canvas_select_all           (MoatCanvas      *self);
void            moat_canvas_select_next          (MoatCanvas      *self,
                                                  gboolean         backward);
gboolean        moat_canvas_is_selected          (MoatCanvas      *self,
                                                  MoatElement     *element);

/* View. */
void            moat_canvas_get_view             (MoatCanvas      *self,
                                                  MoatView        *view);
double          moat_canvas_get_zoom             (MoatCanvas      *self);
void            moat_canvas_set_zoom             (MoatCanvas      *self,
                                                  double           zoom);
void            moat_canvas_zoom_at              (MoatCanvas      *self,
                                                  double           factor,
                                                  double           x,
                                                  double           y);
void            moat_canvas_zoom_in              (MoatCanvas      *self);
void            moat_canvas_zoom_out             (MoatCanvas      *self);
void            moat_canvas_zoom_fit             (MoatCanvas      *self);
void            moat_canvas_zoom_reset           (MoatCanvas      *self);
void            moat_canvas_scroll_by            (MoatCanvas      *self,
                                                  double           dx,
                                                  double           dy);
void            moat_canvas_show_element         (MoatCanvas      *self,
                                                  MoatElement     *element);
void            moat_canvas_to_diagram           (MoatCanvas      *self,
                                                  double           x,
                                                  double           y,
                                                  double          *diagram_x,
                                                  double          *diagram_y);
void            moat_canvas_from_diagram         (MoatCanvas      *self,
                                                  double           diagram_x,
                                                  double           diagram_y,
                                                  double          *x,
                                                  double          *y);

/* Editing, as the pointer and keys do it. */
MoatElement    *moat_canvas_place                (MoatCanvas      *self,
                                                  MoatElementKind  kind,
                                                  double           x,
                                                  double           y);
MoatElement    *moat_canvas_connect              (MoatCanvas      *self,
                                                  MoatElement     *source,
                                                  MoatElement     *target);
void            moat_canvas_drag_begin           (MoatCanvas      *self,
                                                  double           x,
                                                  double           y,
                                                  guint            button,
                                                  GdkModifierType  modifiers);
void            moat_canvas_drag_update          (MoatCanvas      *self,
                                                  double           x,
                                                  double           y);
void            moat_canvas_drag_end             (MoatCanvas      *self,
                                                  double           x,
                                                  double           y);
void            moat_canvas_drag_cancel          (MoatCanvas      *self);
gboolean        moat_canvas_is_dragging          (MoatCanvas      *self);
gboolean        moat_canvas_is_settled           (MoatCanvas      *self);
void            moat_canvas_set_zoom_budget      (MoatCanvas      *self,
                                                  gint64           usec);
gint64          moat_canvas_get_zoom_budget      (MoatCanvas      *self);
void            moat_canvas_double_click         (MoatCanvas      *self,
                                                  double           x,
                                                  double           y);
void            moat_canvas_hover                (MoatCanvas      *self,
                                                  double           x,
                                                  double           y);
void            moat_canvas_delete_selection     (MoatCanvas      *self);
void            moat_canvas_nudge                (MoatCanvas      *self,
                                                  double           dx,
                                                  double           dy);

/* Inline rename. */
GtkEditable    *moat_canvas_start_rename         (MoatCanvas      *self,
                                                  MoatElement     *element);
void            moat_canvas_finish_rename        (MoatCanvas      *self,
                                                  gboolean         commit);
MoatElement    *moat_canvas_get_renaming         (MoatCanvas      *self);

void            moat_canvas_popup_menu          (MoatCanvas      *self,
                                                 double           x,
                                                 double           y);
GtkWidget      *moat_canvas_get_menu            (MoatCanvas      *self);
void            moat_canvas_open_view           (MoatCanvas      *self);
const char     *moat_canvas_get_tooltip_at      (MoatCanvas      *self,
                                                 double           x,
                                                 double           y);
MoatElement    *moat_canvas_connect_new         (MoatCanvas      *self,
                                                 MoatElement     *source,
                                                 MoatElementKind  kind,
                                                 double           x,
                                                 double           y);

G_END_DECLS
