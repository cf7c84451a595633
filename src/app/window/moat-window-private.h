/* moat-window-private.h: what the window's own files share.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-analysis.h"
#include "moat-diagram-page.h"
#include "moat-lazy-page.h"
#include "moat-overview-page.h"
#include "moat-start-page.h"
#include "moat-window.h"
#include "moat-work-count.h"
#include "moat-workshop-view.h"

G_BEGIN_DECLS

typedef void (*ChooserResponse) (MoatWindow *self,
                                 GFile      *file);

struct _MoatWindow
{
  AdwApplicationWindow  parent_instance;

  MoatStore            *store;
  GtkFileChooserNative *chooser;
  GtkWidget            *dialog;
  MoatAnalysis         *analysis;
  gboolean              was_fullscreen;  /* before the workshop */

  /* What can wait for the first frame of a model: see moat-window.c */
  gboolean              loading;
  GdkFrameClock        *first_frame_clock;
  gulong                first_frame_id;
  guint                 load_id;
  guint64               work_at_open[MOAT_WORK_N_KINDS];
  guint64               work_before_frame[MOAT_WORK_N_KINDS];

  /* template children */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *header_bar;
  MoatLazyPage         *workshop_page;
  MoatWorkshopView     *workshop_view;   /* NULL until a workshop first starts */
  AdwViewSwitcherTitle *switcher_title;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *switcher_bar;
  MoatLazyPage         *start_page;     /* a MoatStartPage once shown */
  MoatLazyPage         *overview_page;  /* a MoatOverviewPage once shown */
  MoatDiagramPage      *diagram_page;
  MoatLazyPage         *risk_page;      /* a MoatRiskPage once shown */
  GMenu                *recent_menu;
  MoatCompare          *compare;
  GtkWidget            *compare_window;
  guint                 compare_refresh_id;
};

GSettings      *_moat_window_get_settings  (MoatWindow           *self);
char           *_moat_window_dup_title     (MoatWindow           *self);
void            _moat_window_update_titles (MoatWindow           *self);
GtkFileChooser *_moat_window_show_chooser  (MoatWindow           *self,
                                            const char           *title,
                                            GtkFileChooserAction  action,
                                            const char           *accept,
                                            ChooserResponse       callback);
void            _moat_window_add_filter    (GtkFileChooser       *chooser,
                                            const char           *name,
                                            const char           *pattern,
                                            const char           *mime_type);
void            _moat_window_open_chosen   (MoatWindow           *self,
                                            GFile                *file);

/* moat-window-actions.c */
void            _moat_window_actions_init   (MoatWindow          *self);
void            _moat_window_actions_update (MoatWindow          *self);

/* moat-window-library.c */
void            _moat_window_library_init   (MoatWindow          *self);

/* compare/moat-window-compare.c */
void            _moat_window_compare_init    (MoatWindow         *self);
void            _moat_window_compare_dispose (MoatWindow         *self);

G_END_DECLS
