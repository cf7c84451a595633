/* moat-gui-test-util.h: what the in-process GUI tests share.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-diagram-page.h"
#include "moat-element.h"
#include "moat-model.h"
#include "moat-window.h"

G_BEGIN_DECLS

void       moat_gui_test_init           (int          *argc,
                                         char       ***argv);
void       moat_gui_test_spin           (void);
void       moat_gui_test_let_tooltip_timer_pass (void);
typedef gboolean (*MoatGuiTestMatchFunc) (GtkWidget     *widget,
                                          gconstpointer  data);

GtkWidget *moat_gui_test_find           (GtkWidget            *root,
                                         MoatGuiTestMatchFunc  match,
                                         gconstpointer         data);
GtkWidget *moat_gui_test_find_type      (GtkWidget    *root,
                                         GType         type);
GtkWidget *moat_gui_test_find_row       (GtkWidget    *root,
                                         const char   *title);
GtkWidget *moat_gui_test_find_row_widget (GtkWidget   *root,
                                          const char  *row_title);
GtkWidget *moat_gui_test_find_label     (GtkWidget    *root,
                                         const char   *text);
GPtrArray *moat_gui_test_collect_type   (GtkWidget    *root,
                                         GType         type);


MoatApplication *moat_gui_test_new_application (void);
void         moat_gui_test_close_all_windows (MoatApplication *app);
MoatWindow  *moat_gui_test_active_window   (MoatApplication *app);
MoatWindow  *moat_gui_test_open_example    (MoatApplication *app);
void         moat_gui_test_wait_loaded     (MoatWindow      *window);
void         moat_gui_test_close           (MoatWindow      *window);

gpointer     moat_gui_test_find_titled     (MoatModel       *model,
                                            GType            type,
                                            const char      *field,
                                            const char      *text);
MoatElement *moat_gui_test_element_named   (MoatModel       *model,
                                            const char      *name);
void         moat_gui_test_select_element  (MoatDiagramPage *page,
                                            MoatElement     *element);

void         moat_gui_test_click           (GtkWidget       *button);
GtkWidget   *moat_gui_test_find_button     (GtkWidget       *root,
                                            const char      *tooltip);

void         moat_gui_test_wait_for        (gboolean       (*done) (gpointer),
                                            gpointer         data);
void         moat_gui_test_wait_frames     (GtkWidget       *widget,
                                            guint            n);
void         moat_gui_test_wait_for_still_view (MoatCanvas  *canvas);
int          moat_gui_test_asset_impact    (MoatModel   *model,
                                           MoatElement *element);
void         moat_gui_test_save_screenshot (GtkWidget   *window,
                                           const char  *path);

G_END_DECLS
