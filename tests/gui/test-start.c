/* test-start.c: a native start (issue 18). Opening a model shows its
 * first frame before any work that grows with the model and can wait:
 * the rule engine's evaluation of every element, the badges' count of
 * every threat, the outline's rows. The window counts that work; a
 * model ten times the size must not make more of it before the frame.
 * No timing: counts only.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "moat-assets-page.h"
#include "moat-gui-test-util.h"
#include "moat-lazy-page.h"
#include "moat-overview-page.h"
#include "moat-risk-page.h"
#include "moat-start-page.h"
#include "moat-test-util.h"
#include "moat-threat-editor.h"
#include "moat-threats-panel.h"
#include "moat-workshop-view.h"

static MoatApplication *app;
static char *tmpdir;

static const char *kind_names[] = { "rule elements", "badge threats", "outline rows" };
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == MOAT_WORK_N_KINDS);

/* One diagram of @n elements: processes in a grid, a flow from each to
 * the next, a boundary around every tenth, and an open threat on each
 * process, so every kind of deferred work has something to do. */
static GFile *
write_model (guint n)
{
  g_autoptr(MoatModel) model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = g_object_new (MOAT_TYPE_DIAGRAM, "id", "d", NULL);
  g_autofree char *name = g_strdup_printf ("start-%u.moat", n);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(MoatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint made = 0;

  moat_model_begin_action (model, "Generate");
  moat_model_add (model, diagram);
  for (guint i = 0; made < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);
      g_autofree char *label = g_strdup_printf ("Service %u", i);
      g_autoptr(MoatElement) process = g_object_new (MOAT_TYPE_ELEMENT, "id", id, NULL);
      g_autoptr(MoatThreat) threat = moat_threat_new ();
      const char *ids[] = { id, NULL };

      g_object_set (process, "diagram-id", "d", "kind", MOAT_ELEMENT_PROCESS, "name", label,
                    "x", (i % 40) * 200.0, "y", (i / 40) * 160.0, NULL);
      moat_model_add (model, process);
      made++;
      g_object_set (threat, "title", "Tampering with data", "category", "T", "element-ids", ids,
                    "likelihood", 3, NULL);
      moat_model_add (model, threat);

      if (i > 0 && made < n)
        {
          g_autoptr(MoatElement) flow = moat_element_new ();
          g_autofree char *from = g_strdup_printf ("p%u", i - 1);

          g_object_set (flow, "diagram-id", "d", "kind", MOAT_ELEMENT_FLOW, "name", "HTTPS",
                        "source-id", from, "target-id", id, NULL);
          moat_model_add (model, flow);
          made++;
        }
      if (i % 10 == 0 && made < n)
        {
          g_autoptr(MoatElement) boundary = moat_element_new ();

          g_object_set (boundary, "diagram-id", "d", "kind", MOAT_ELEMENT_BOUNDARY, "name", "Zone",
                        "x", (i % 40) * 200.0 - 20, "y", (i / 40) * 160.0 - 20,
                        "width", 400.0, "height", 140.0, NULL);
          moat_model_add (model, boundary);
          made++;
        }
    }
  moat_model_end_action (model);
  moat_history_clear (moat_model_get_history (model));
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, n);

  store = moat_store_create (file, model, &error);
  g_assert_no_error (error);
  moat_store_close (store);
  return file;
}

typedef struct
{
  guint64 before_frame[MOAT_WORK_N_KINDS];
  guint64 after_load[MOAT_WORK_N_KINDS];
} Work;

/* Opens a model of @n elements as a person does, waits for its first
 * frame and what comes after it, and says how much work went where. */
static void
open_and_count (guint  n,
                Work  *work)
{
  g_autoptr(GFile) file = write_model (n);
  guint64 at_open[MOAT_WORK_N_KINDS];
  MoatWindow *window;
  MoatDiagramPage *page;
  MoatThreatsPanel *threats;

  for (guint k = 0; k < MOAT_WORK_N_KINDS; k++)
    at_open[k] = moat_work_count_get (k);
  window = MOAT_WINDOW (moat_application_open_file (app, file));
  g_assert_nonnull (window);
  g_assert_nonnull (moat_window_get_model (window));
  g_assert_true (moat_window_get_loading (window));
  moat_gui_test_wait_loaded (window);

  for (guint k = 0; k < MOAT_WORK_N_KINDS; k++)
    {
      work->before_frame[k] = moat_window_get_work_before_first_frame (window, k);
      work->after_load[k] = moat_work_count_get (k) - at_open[k];
      g_test_message ("%u elements: %s before the first frame %" G_GUINT64_FORMAT
                      ", by the end of loading %" G_GUINT64_FORMAT,
                      n, kind_names[k], work->before_frame[k], work->after_load[k]);
    }

  /* Once loaded the window is what it always was: the suggestions of the
   * rules, the whole outline. */
  page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (window), MOAT_TYPE_DIAGRAM_PAGE));
  threats = MOAT_THREATS_PANEL (moat_diagram_page_get_side_panel (page, "threats"));
  g_assert_nonnull (moat_threats_panel_get_engine (threats));
  g_assert_cmpuint (g_list_model_get_n_items (moat_diagram_page_get_outline (page)), ==, n);

  moat_gui_test_close (window);
}

static void
test_first_frame_does_not_grow (void)
{
  Work small, large;

  open_and_count (100, &small);
  open_and_count (1000, &large);

  for (guint k = 0; k < MOAT_WORK_N_KINDS; k++)
    {
      /* The counts count: the work was done, and more of it for more. */
      g_assert_cmpuint (large.after_load[k], >, small.after_load[k]);
      /* ... but not before the first frame. */
      g_assert_cmpuint (large.before_frame[k], ==, small.before_frame[k]);
    }
  /* All the rules' work, all of it after the frame. */
  g_assert_cmpuint (large.before_frame[MOAT_WORK_RULE_ELEMENT], ==, 0);
  g_assert_cmpuint (large.after_load[MOAT_WORK_RULE_ELEMENT], ==, 1000);
}

/* What waits for the first frame is made at once for whoever needs it
 * before: the engine and the outline of a window not yet shown. */
static void
test_needed_before_frame (void)
{
  g_autoptr(GFile) file = write_model (100);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatStore) store = moat_store_open (file, &error);
  MoatWindow *window = moat_window_new (app);
  MoatDiagramPage *page;

  g_assert_no_error (error);
  moat_window_set_store (window, store);
  g_assert_true (moat_window_get_loading (window));
  page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (window), MOAT_TYPE_DIAGRAM_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (moat_diagram_page_get_outline (page)), ==, 100);

  gtk_window_present (GTK_WINDOW (window));
  moat_gui_test_wait_loaded (window);
  g_assert_cmpuint (g_list_model_get_n_items (moat_diagram_page_get_outline (page)), ==, 100);
  moat_gui_test_close (window);
}

/* The shortcuts window is built when asked for, not with every window
 * before its first frame, and Ctrl+? still shows it. */
static void
test_shortcuts_when_asked (void)
{
  GtkWindow *window = moat_application_new_document (app);
  GtkShortcutsWindow *overlay;
  GLogLevelFlags fatal;

  /* Shown under GTK 4.8, the shortcuts window warns that a label of its
   * own reported a negative width, as it did when GTK built it with
   * every window: warnings are not fatal while it is shown here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  moat_gui_test_wait_loaded (MOAT_WINDOW (window));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  moat_gui_test_spin ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == window);

  /* Closed and asked for again: the same window comes back. */
  gtk_window_close (GTK_WINDOW (overlay));
  moat_gui_test_spin ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  moat_gui_test_spin ();
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  moat_gui_test_close (MOAT_WINDOW (window));
  g_log_set_always_fatal (fatal);
}

static MoatLazyPage *
lazy_page_of (GtkWidget *root,
              GType      type)
{
  g_autoptr(GPtrArray) pages = moat_gui_test_collect_type (root, MOAT_TYPE_LAZY_PAGE);

  for (guint i = 0; i < pages->len; i++)
    if (moat_lazy_page_get_page_type (pages->pdata[i]) == type)
      return pages->pdata[i];
  return NULL;
}

static gboolean
is_sort_and_filter (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Sort and Filter") == 0;
}

/* What a window opened on a model does not show is not built for its
 * first frame, nor while it loads: the other pages, the workshop view,
 * the side panels of threats, controls and assumptions, their editors
 * and their Sort and Filter menus. Each is built, whole and with the
 * model, when first shown. Counts no time: it says what exists. */
static void
test_built_when_shown (void)
{
  static const char *panels[] = { "threats", "controls", "assumptions" };
  g_autoptr(GFile) file = write_model (100);
  MoatWindow *window = MOAT_WINDOW (moat_application_open_file (app, file));
  GType hidden[] = { MOAT_TYPE_START_PAGE, MOAT_TYPE_OVERVIEW_PAGE, MOAT_TYPE_ASSETS_PAGE,
                     MOAT_TYPE_RISK_PAGE, MOAT_TYPE_WORKSHOP_VIEW };
  MoatDiagramPage *page;
  MoatThreatsPanel *threats;
  MoatLazyPage *overview;
  GtkWidget *menu_button;
  GtkWidget *editor = NULL;
  g_autoptr(MoatThreat) threat = NULL;

  moat_gui_test_wait_loaded (window);
  page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (window), MOAT_TYPE_DIAGRAM_PAGE));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    {
      MoatLazyPage *lazy = lazy_page_of (GTK_WIDGET (window), hidden[i]);

      g_assert_nonnull (lazy);
      g_assert_null (moat_lazy_page_get_child (lazy));
    }
  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      AdwViewStack *side =
        ADW_VIEW_STACK (gtk_widget_get_ancestor (moat_diagram_page_get_properties (page), ADW_TYPE_VIEW_STACK));
      GtkWidget *lazy = adw_view_stack_get_child_by_name (side, panels[i]);
      GtkWidget *panel;

      g_assert_true (MOAT_IS_LAZY_PAGE (lazy));
      g_assert_null (moat_lazy_page_get_child (MOAT_LAZY_PAGE (lazy)));
      /* Asked for, it is built with the model and the selection. */
      panel = moat_diagram_page_get_side_panel (page, panels[i]);
      g_assert_true (moat_lazy_page_get_child (MOAT_LAZY_PAGE (lazy)) == panel);
      g_assert_true (moat_page_get_model (MOAT_PAGE (panel)) == moat_window_get_model (window));

      g_object_get (panel, "editor", &editor, NULL);
      g_assert_null (editor);
      menu_button = moat_gui_test_find (panel, is_sort_and_filter, NULL);
      g_assert_nonnull (menu_button);
      g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
    }

  /* Shown, the Overview page is built with the window's model. */
  overview = lazy_page_of (GTK_WIDGET (window), MOAT_TYPE_OVERVIEW_PAGE);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (overview), ADW_TYPE_VIEW_STACK)),
                                         "overview");
  moat_gui_test_spin ();
  g_assert_true (MOAT_IS_OVERVIEW_PAGE (moat_lazy_page_get_child (overview)));
  g_assert_true (gtk_widget_get_mapped (moat_lazy_page_get_child (overview)));
  g_assert_true (moat_page_get_model (MOAT_PAGE (moat_lazy_page_get_child (overview))) == moat_window_get_model (window));

  /* Built late, a panel still follows the selection. */
  threats = MOAT_THREATS_PANEL (moat_diagram_page_get_side_panel (page, "threats"));
  moat_gui_test_select_element (page, MOAT_ELEMENT (moat_model_lookup (moat_window_get_model (window), "p1")));
  g_assert_true (g_hash_table_contains (moat_items_panel_get_selection_ids (MOAT_ITEMS_PANEL (threats)), "p1"));

  /* Opened, a threat is in its editor; the menu opens with its items. */
  threat = g_list_model_get_item (moat_model_get_list (moat_window_get_model (window), MOAT_TYPE_THREAT), 0);
  moat_items_panel_edit (MOAT_ITEMS_PANEL (threats), MOAT_OBJECT (threat));
  g_object_get (threats, "editor", &editor, NULL);
  g_assert_true (MOAT_IS_THREAT_EDITOR (editor));
  g_assert_true (moat_threat_editor_get_threat (MOAT_THREAT_EDITOR (editor)) == threat);
  g_assert_true (gtk_widget_is_ancestor (editor, GTK_WIDGET (threats)));
  g_object_unref (editor);

  menu_button = moat_gui_test_find (GTK_WIDGET (threats), is_sort_and_filter, NULL);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  moat_gui_test_spin ();
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  moat_gui_test_spin ();

  moat_gui_test_close (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  tmpdir = moat_test_make_tmpdir ();
  app = moat_gui_test_new_application ();

  g_test_add_func ("/start/first-frame-does-not-grow", test_first_frame_does_not_grow);
  g_test_add_func ("/start/needed-before-frame", test_needed_before_frame);
  g_test_add_func ("/start/shortcuts-when-asked", test_shortcuts_when_asked);
  g_test_add_func ("/start/built-when-shown", test_built_when_shown);

  status = g_test_run ();

  moat_gui_test_close_all_windows (app);
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  moat_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return status;
}
