/* test-threats.c: the Threats, Controls and Assumptions panels, their
 * editors, the rule engine's suggestions, and the Assets and Risk pages,
 * driven through the real window, its actions and its widgets.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-assumption-editor.h"
#include "moat-assumptions-panel.h"
#include "moat-assets-page.h"
#include "moat-control-editor.h"
#include "moat-controls-panel.h"
#include "moat-diagram-page.h"
#include "moat-coverage-group.h"
#include "moat-gui-test-util.h"
#include "moat-ranked-row.h"
#include "moat-item-row.h"
#include "moat-labels.h"
#include "moat-refs-group.h"
#include "moat-requirements-group.h"
#include "moat-link-list.h"
#include "moat-risk-chip.h"
#include "moat-risk-page.h"
#include "moat-risk.h"
#include "moat-test-util.h"
#include "moat-threat-editor.h"
#include "moat-threats-panel.h"
#include "moat-window.h"

static MoatApplication *app;

typedef struct {
  MoatWindow        *window;
  MoatModel         *model;
  MoatDiagramPage   *page;
  MoatThreatsPanel  *threats;
  MoatControlsPanel *controls;
  AdwViewStack      *views;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *root;

  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  root = GTK_WIDGET (f->window);
  f->page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (root, MOAT_TYPE_DIAGRAM_PAGE));
  f->threats = MOAT_THREATS_PANEL (moat_gui_test_find_type (root, MOAT_TYPE_THREATS_PANEL));
  f->controls = MOAT_CONTROLS_PANEL (moat_gui_test_find_type (root, MOAT_TYPE_CONTROLS_PANEL));
  g_assert_nonnull (f->page);
  g_assert_nonnull (f->threats);
  g_assert_nonnull (f->controls);
  f->views = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (f->page), ADW_TYPE_VIEW_STACK));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moat_gui_test_close (f->window);
}

/* Helpers */

static void
show_side_page (GtkWidget *panel)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (panel, ADW_TYPE_VIEW_STACK));

  /* The stack's page holds the panel, built when first shown. */
  adw_view_stack_set_visible_child (stack, gtk_widget_get_parent (panel));
  moat_gui_test_spin ();
}

static void
activate (gpointer    widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action, NULL));
  moat_gui_test_spin ();
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  return moat_gui_test_find (root, is_button_labelled, label);
}

static guint
n_rows (GtkListBox *box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (box, n) != NULL)
    n++;
  return n;
}

/* Types into an entry row and presses Enter, as a person does. */
static void
type_into (GtkWidget  *row,
           const char *text)
{
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  moat_gui_test_spin ();
}

static GtkWidget *
row_widget (GtkWidget  *root,
            const char *title)
{
  GtkWidget *widget = moat_gui_test_find_row_widget (root, title);

  g_assert_nonnull (widget);
  return widget;
}


static gboolean
ids_contain (const char * const *ids,
             const char         *id)
{
  return ids != NULL && g_strv_contains (ids, id);
}

static const char *
id_of (gpointer object)
{
  return moat_object_get_id (MOAT_OBJECT (object));
}

/* Counts the user actions (undo steps) the model closes. */
static void
count_action (guint *n)
{
  (*n)++;
}

static gulong
count_actions (MoatModel *model,
               guint     *n)
{
  *n = 0;
  return g_signal_connect_swapped (model, "action-closed", G_CALLBACK (count_action), n);
}

/* Threats */

static void
test_add_and_edit_threat (Fixture       *f,
                          gconstpointer  data)
{
  MoatElement *api = moat_gui_test_element_named (f->model, "Payment API");
  guint before = moat_model_count (f->model, MOAT_TYPE_THREAT);
  guint steps;
  gulong counter;
  int from_assets = moat_gui_test_asset_impact (f->model, api);
  GtkWidget *editor;
  MoatThreat *threat;
  MoatRiskAssessment risk;

  g_assert_cmpint (from_assets, >, 0);
  moat_gui_test_select_element (f->page, api);
  show_side_page (GTK_WIDGET (f->threats));
  counter = count_actions (f->model, &steps);
  activate (f->threats, "panel.add");
  g_signal_handler_disconnect (f->model, counter);

  /* One new threat, on the selection, open in the editor, one undo step. */
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_THREAT), ==, before + 1);
  threat = MOAT_THREAT (moat_items_panel_get_editing (MOAT_ITEMS_PANEL (f->threats)));
  g_assert_nonnull (threat);
  g_assert_true (ids_contain (moat_threat_get_element_ids (threat), id_of (api)));
  g_assert_cmpuint (g_strv_length ((char **) moat_threat_get_element_ids (threat)), ==, 1);
  g_assert_cmpuint (steps, ==, 1);
  g_assert_cmpstrv (moat_threats_panel_get_highlight (f->threats), moat_threat_get_element_ids (threat));

  /* The impact starts at the assets' and follows them. */
  g_assert_cmpint (moat_risk_effective_impact (f->model, threat), ==, from_assets);
  editor = moat_items_panel_get_editor (MOAT_ITEMS_PANEL (f->threats));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (row_widget (editor, "Impact"))), ==,
                   from_assets);

  type_into (row_widget (editor, "Title"), "Forged settlement callbacks");
  g_assert_cmpstr (moat_threat_get_title (threat), ==, "Forged settlement callbacks");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (editor, "Likelihood")), 5);
  moat_gui_test_spin ();
  g_assert_cmpint (moat_threat_get_likelihood (threat), ==, 5);
  moat_risk_assess (f->model, threat, &risk);
  g_assert_cmpint (moat_risk_chip_get_level (MOAT_RISK_CHIP (moat_gui_test_find_type (moat_gui_test_find_row (editor, "Risk Level"),
                                                                                       MOAT_TYPE_RISK_CHIP))),
                   ==, moat_risk_level (5, from_assets));

  /* Setting the impact by hand overrides the assets; the reset button
   * gives them back their say. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (editor, "Impact")), 1);
  moat_gui_test_spin ();
  g_assert_true (moat_threat_get_impact_overridden (threat));
  g_assert_cmpint (moat_risk_effective_impact (f->model, threat), ==, 1);
  moat_gui_test_click (moat_gui_test_find_button (editor, "Use the Impact of the Assets"));
  g_assert_false (moat_threat_get_impact_overridden (threat));
  g_assert_cmpint (moat_risk_effective_impact (f->model, threat), ==, from_assets);

  /* Category: a known one by name, or the user's own words. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_widget (editor, "Category")), 1);
  moat_gui_test_spin ();
  g_assert_cmpstr (moat_threat_get_category (threat), ==, moat_label_stride_categories ()[0]);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row_widget (editor, "Status")), MOAT_THREAT_ACCEPTED);
  moat_gui_test_spin ();
  type_into (row_widget (editor, "Reason"), "Provider signs callbacks");
  g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_ACCEPTED);
  g_assert_cmpstr (moat_threat_get_status_reason (threat), ==, "Provider signs callbacks");

  /* The editor follows undo. */
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_cmpstr (moat_threat_get_status_reason (threat), !=, "Provider signs callbacks");

  /* Back to the list: the highlight goes, the threat is listed. */
  activate (f->threats, "panel.back");
  g_assert_null (moat_items_panel_get_editing (MOAT_ITEMS_PANEL (f->threats)));
  g_assert_null (moat_threats_panel_get_highlight (f->threats));
}

static gboolean
list_contains (GListModel *list,
               gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      if (object == item)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_chip (GtkWidget     *widget,
         gconstpointer  residual)
{
  return MOAT_IS_RISK_CHIP (widget) && gtk_widget_has_css_class (widget, "residual") == GPOINTER_TO_INT (residual);
}

static MoatRiskChip *
find_chip (GtkWidget *root,
           gboolean   residual)
{
  return MOAT_RISK_CHIP (moat_gui_test_find (root, is_chip, GINT_TO_POINTER (residual)));
}

/* The level the inherent or residual chip shows in the row of the threat
 * titled @title, or -1 when it shows none. */
static int
row_level (Fixture    *f,
           const char *title,
           gboolean    residual)
{
  GtkWidget *label = moat_gui_test_find_label (GTK_WIDGET (f->threats), title);
  GtkWidget *row;
  MoatRiskChip *chip;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, MOAT_TYPE_ITEM_ROW);
  g_assert_nonnull (row);
  chip = find_chip (row, residual);
  g_assert_nonnull (chip);
  return gtk_widget_get_visible (GTK_WIDGET (chip)) ? moat_risk_chip_get_level (chip) : -1;
}

/* A threat's row shows its inherent level, and its residual level beside
 * it where the controls in place lower it: the same levels as the core
 * gives every other output. */
static void
test_rows_show_both_levels (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *all = moat_model_get_list (f->model, MOAT_TYPE_THREAT);
  guint lowered = 0;
  const char *dir = g_getenv ("MOAT_TEST_SCREENSHOTS");

  show_side_page (GTK_WIDGET (f->threats));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->threats), "panel.scope", "s", "all"));
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "threats-panel-levels.png", NULL);
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    }

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (all, i);
      const char *title = moat_threat_get_title (threat);
      MoatRiskAssessment risk;

      /* Only the rows on screen exist. */
      if (moat_gui_test_find_label (GTK_WIDGET (f->threats), title) == NULL)
        continue;
      moat_risk_assess (f->model, threat, &risk);
      g_assert_cmpint (row_level (f, title, FALSE), ==, risk.level);
      g_assert_cmpint (row_level (f, title, TRUE), ==,
                       risk.residual_level != risk.level ? (int) risk.residual_level : -1);
      lowered += risk.residual_level != risk.level;
    }
  g_assert_cmpuint (lowered, >, 0);
}

/* With MOAT_TEST_SCREENSHOTS set, the window scrolled to @widget, saved
 * there for a person to look at. */
static void
screenshot_of (Fixture    *f,
               GtkWidget  *widget,
               const char *name)
{
  const char *dir = g_getenv ("MOAT_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  GtkScrolledWindow *scroller;
  graphene_point_t top;

  if (dir == NULL)
    return;
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW));
  /* Laid out first, so that the page is as tall as it will be. */
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (scroller),
                                           &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), top.y - 200);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  path = g_build_filename (dir, name, NULL);
  moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
}

/* A reviewer adds the weakness they have in mind by its id, typed any
 * way; it shows with its title and a link, can be removed, and each
 * change is one step of undo. Words that are no reference are refused. */
static void
test_threat_references (Fixture       *f,
                        gconstpointer  data)
{
  MoatThreat *threat = moat_gui_test_find_titled (f->model, MOAT_TYPE_THREAT, "title", "Audit log altered by an administrator");
  GtkWidget *editor = moat_items_panel_get_editor (MOAT_ITEMS_PANEL (f->threats));
  GtkWidget *group;
  GtkWidget *add;
  guint n_before;

  g_assert_nonnull (threat);
  n_before = g_strv_length ((char **) moat_threat_get_refs (threat));
  show_side_page (GTK_WIDGET (f->threats));
  moat_items_panel_edit (MOAT_ITEMS_PANEL (f->threats), MOAT_OBJECT (threat));
  moat_gui_test_spin ();
  group = moat_gui_test_find_type (editor, MOAT_TYPE_REFS_GROUP);
  g_assert_nonnull (group);
  g_assert_nonnull (moat_gui_test_find_row (group, "CWE-284"));
  g_assert_nonnull (moat_gui_test_find_label (group, "Improper access control"));

  add = moat_gui_test_find_row (group, "Add a Reference (CWE-79, CAPEC-66, OWASP-A03:2021)");
  g_assert_nonnull (add);
  gtk_editable_set_text (GTK_EDITABLE (add), "cwe 117");
  g_signal_emit_by_name (add, "apply");
  moat_gui_test_spin ();
  g_assert_true (g_strv_contains (moat_threat_get_refs (threat), "CWE-117"));
  g_assert_nonnull (moat_gui_test_find_row (group, "CWE-117"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  screenshot_of (f, group, "threat-references.png");

  gtk_editable_set_text (GTK_EDITABLE (add), "not a reference");
  g_signal_emit_by_name (add, "apply");
  moat_gui_test_spin ();
  g_assert_true (gtk_widget_has_css_class (add, "error"));
  g_assert_cmpuint (g_strv_length ((char **) moat_threat_get_refs (threat)), ==, n_before + 1);

  moat_gui_test_click (moat_gui_test_find_button (moat_gui_test_find_row (group, "CWE-284"), "Remove"));
  g_assert_false (g_strv_contains (moat_threat_get_refs (threat), "CWE-284"));
  g_assert_null (moat_gui_test_find_row (group, "CWE-284"));

  activate (f->window, "win.undo");
  moat_gui_test_spin ();
  g_assert_true (g_strv_contains (moat_threat_get_refs (threat), "CWE-284"));
  activate (f->window, "win.undo");
  moat_gui_test_spin ();
  g_assert_false (g_strv_contains (moat_threat_get_refs (threat), "CWE-117"));
  g_assert_null (moat_gui_test_find_row (group, "CWE-117"));
}

/* A control names the requirements it meets: found by words in the
 * model's catalogue, added with Enter, removed, each one step of undo. */
static void
test_control_requirements (Fixture       *f,
                           gconstpointer  data)
{
  MoatControl *control = moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title",
                                                    "Append-only, signed audit log");
  GtkWidget *editor = moat_items_panel_get_editor (MOAT_ITEMS_PANEL (f->controls));
  GtkWidget *group, *search;
  guint n_before;

  g_assert_nonnull (control);
  n_before = g_strv_length ((char **) moat_control_get_requirements (control));
  show_side_page (GTK_WIDGET (f->controls));
  moat_items_panel_edit (MOAT_ITEMS_PANEL (f->controls), MOAT_OBJECT (control));
  moat_gui_test_spin ();
  group = moat_gui_test_find_type (editor, MOAT_TYPE_REQUIREMENTS_GROUP);
  g_assert_nonnull (group);
  g_assert_nonnull (moat_gui_test_find_row (group, "asvs:V16.4.2"));

  search = moat_gui_test_find_row (group, "Find a Requirement (id or words)");
  gtk_editable_set_text (GTK_EDITABLE (search), "log");
  moat_gui_test_spin ();
  g_assert_cmpuint (moat_requirements_group_get_n_found (MOAT_REQUIREMENTS_GROUP (group)), >, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "nothing like this anywhere");
  moat_gui_test_spin ();
  g_assert_cmpuint (moat_requirements_group_get_n_found (MOAT_REQUIREMENTS_GROUP (group)), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (search), "V16.3.1");
  moat_gui_test_spin ();
  g_signal_emit_by_name (search, "entry-activated");
  moat_gui_test_spin ();
  g_assert_true (g_strv_contains (moat_control_get_requirements (control), "asvs:V16.3.1"));
  g_assert_nonnull (moat_gui_test_find_row (group, "asvs:V16.3.1"));
  gtk_editable_set_text (GTK_EDITABLE (search), "log");
  moat_gui_test_spin ();
  screenshot_of (f, group, "control-requirements.png");
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  moat_gui_test_click (moat_gui_test_find_button (moat_gui_test_find_row (group, "asvs:V16.4.2"), "Remove"));
  g_assert_false (g_strv_contains (moat_control_get_requirements (control), "asvs:V16.4.2"));
  g_assert_cmpuint (g_strv_length ((char **) moat_control_get_requirements (control)), ==, n_before);

  activate (f->window, "win.undo");
  activate (f->window, "win.undo");
  moat_gui_test_spin ();
  g_assert_true (g_strv_contains (moat_control_get_requirements (control), "asvs:V16.4.2"));
  g_assert_false (g_strv_contains (moat_control_get_requirements (control), "asvs:V16.3.1"));
}

static void
test_list_follows_selection_and_filters (Fixture       *f,
                                         gconstpointer  data)
{
  MoatItemsPanel *panel = MOAT_ITEMS_PANEL (f->threats);
  GListModel *all = moat_model_get_list (f->model, MOAT_TYPE_THREAT);
  MoatElement *front = moat_gui_test_element_named (f->model, "Web front end (SPA + CDN)");
  GListModel *shown = NULL;
  guint expected = 0;

  moat_gui_test_select_element (f->page, front);
  shown = moat_items_panel_get_items (panel);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (all, i);
      gboolean on_front = ids_contain (moat_threat_get_element_ids (threat), id_of (front));

      expected += on_front;
      g_assert_cmpint (list_contains (shown, threat), ==, on_front);
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);

  /* Nothing selected: nothing to show until the user asks for all. */
  moat_gui_test_select_element (f->page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.scope", "s", "all"));
  moat_gui_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (all));

  /* Sorted by risk: open before closed, worse before better. */
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatThreat) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(MoatThreat) b = g_list_model_get_item (shown, i);
      MoatRiskAssessment ra, rb;

      moat_risk_assess (f->model, a, &ra);
      moat_risk_assess (f->model, b, &rb);
      g_assert_true (ra.open >= rb.open);
      if (ra.open == rb.open)
        g_assert_cmpint (ra.level, >=, rb.level);
    }

  /* By name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.sort", "s", "name"));
  moat_gui_test_spin ();
  for (guint i = 1; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatThreat) a = g_list_model_get_item (shown, i - 1);
      g_autoptr(MoatThreat) b = g_list_model_get_item (shown, i);

      g_assert_cmpint (g_utf8_collate (moat_threat_get_title (a), moat_threat_get_title (b)), <=, 0);
    }

  /* Filters: status, category, text, and clearing them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.status", "i", MOAT_THREAT_OPEN));
  moat_gui_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, g_list_model_get_n_items (all));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (shown, i);
      g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.category", "s", "T"));
  moat_gui_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (shown, i);
      g_assert_cmpstr (moat_threat_get_category (threat), ==, "T");
      g_assert_cmpint (moat_threat_get_status (threat), ==, MOAT_THREAT_OPEN);
    }

  activate (panel, "panel.clear-filters");
  moat_items_panel_set_search (panel, "replica");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (shown, i);
      g_autofree char *text = g_strconcat (moat_threat_get_title (threat), " ",
                                           moat_threat_get_description (threat), NULL);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      g_assert_nonnull (strstr (folded, "replica"));
    }
  moat_items_panel_set_search (panel, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (all));

  /* The list follows the model: a deleted threat leaves it, undo brings it back. */
  {
    g_autoptr(MoatThreat) first = g_list_model_get_item (shown, 0);

    moat_model_remove (f->model, first);
    moat_gui_test_spin ();
    g_assert_false (list_contains (shown, first));
    moat_model_undo (f->model);
    moat_gui_test_spin ();
    g_assert_true (list_contains (shown, first));
  }
}

/* Controls */

static gboolean
is_link_list_titled (GtkWidget     *widget,
                     gconstpointer  title)
{
  return MOAT_IS_LINK_LIST (widget)
         && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

static MoatLinkList *
link_list (GtkWidget  *root,
           const char *title)
{
  GtkWidget *found = moat_gui_test_find (root, is_link_list_titled, title);

  return found != NULL ? MOAT_LINK_LIST (found) : NULL;
}

static void
test_link_and_edit_control (Fixture       *f,
                            gconstpointer  data)
{
  MoatElement *api = moat_gui_test_element_named (f->model, "Payment API");
  GtkWidget *threat_editor, *control_editor;
  MoatLinkList *controls_list, *threats_list;
  MoatThreat *threat;
  MoatControl *control;
  MoatRiskAssessment before, after;

  moat_gui_test_select_element (f->page, api);
  show_side_page (GTK_WIDGET (f->threats));
  activate (f->threats, "panel.add");
  threat = MOAT_THREAT (moat_items_panel_get_editing (MOAT_ITEMS_PANEL (f->threats)));
  threat_editor = moat_items_panel_get_editor (MOAT_ITEMS_PANEL (f->threats));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (threat_editor, "Likelihood")), 4);
  moat_gui_test_spin ();

  /* A new control from the threat: linked, and opened in the Controls panel. */
  moat_gui_test_click (moat_gui_test_find_button (threat_editor, "New Control for This Threat"));
  control = MOAT_CONTROL (moat_items_panel_get_editing (MOAT_ITEMS_PANEL (f->controls)));
  g_assert_nonnull (control);
  g_assert_true (ids_contain (moat_control_get_threat_ids (control), id_of (threat)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->controls)));
  controls_list = link_list (threat_editor, "Controls");
  g_assert_nonnull (controls_list);
  g_assert_true (list_contains (moat_link_list_get_linked (controls_list), control));

  control_editor = moat_items_panel_get_editor (MOAT_ITEMS_PANEL (f->controls));
  type_into (row_widget (control_editor, "Title"), "Verify provider signatures");
  type_into (row_widget (control_editor, "Tracker Key"), "PAY-7");
  g_assert_cmpstr (moat_control_get_title (control), ==, "Verify provider signatures");
  g_assert_cmpstr (moat_control_get_tracker_key (control), ==, "PAY-7");

  /* Only web addresses open in the browser. */
  type_into (row_widget (control_editor, "Tracker Address"), "file:///etc/passwd");
  g_assert_false (moat_control_editor_can_open_url (MOAT_CONTROL_EDITOR (control_editor)));
  type_into (row_widget (control_editor, "Tracker Address"), "tracker.example.com/PAY-7");
  g_assert_true (moat_control_editor_can_open_url (MOAT_CONTROL_EDITOR (control_editor)));
  g_assert_cmpstr (moat_control_get_tracker_url (control), ==, "tracker.example.com/PAY-7");

  /* Implementing the control lowers the threat's residual likelihood. */
  moat_risk_assess (f->model, threat, &before);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_widget (control_editor, "Status")), MOAT_CONTROL_IMPLEMENTED);
  moat_gui_test_spin ();
  g_assert_cmpint (moat_control_get_status (control), ==, MOAT_CONTROL_IMPLEMENTED);
  moat_risk_assess (f->model, threat, &after);
  g_assert_cmpint (before.residual_likelihood, ==, 4);
  g_assert_cmpint (after.residual_likelihood, ==, 4 - MOAT_RISK_IMPLEMENTED_STEPS);

  /* Link a second threat from the control's side; the first threat's
   * editor sees nothing of it, the control's list both. */
  threats_list = link_list (control_editor, "Mitigates");
  g_assert_nonnull (threats_list);
  {
    GListModel *candidates = moat_link_list_get_candidates (threats_list);
    g_autoptr(MoatThreat) other = g_list_model_get_item (candidates, 0);

    g_assert_false (list_contains (candidates, threat));
    moat_link_list_set_linked (threats_list, MOAT_OBJECT (other), TRUE);
    moat_gui_test_spin ();
    g_assert_true (ids_contain (moat_control_get_threat_ids (control), id_of (other)));
    g_assert_cmpuint (g_list_model_get_n_items (moat_link_list_get_linked (threats_list)), ==, 2);
    g_assert_false (list_contains (candidates, other));
  }

  /* Unlink with the row's button, from the threat's side. */
  activate (f->controls, "panel.back");
  moat_items_panel_edit (MOAT_ITEMS_PANEL (f->threats), MOAT_OBJECT (threat));
  moat_gui_test_spin ();
  moat_gui_test_click (moat_gui_test_find_button (GTK_WIDGET (controls_list), "Unlink"));
  g_assert_false (ids_contain (moat_control_get_threat_ids (control), id_of (threat)));
  g_assert_cmpuint (g_list_model_get_n_items (moat_link_list_get_linked (controls_list)), ==, 0);
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_true (ids_contain (moat_control_get_threat_ids (control), id_of (threat)));
  g_assert_cmpuint (g_list_model_get_n_items (moat_link_list_get_linked (controls_list)), ==, 1);
}

static void
test_controls_follow_threats_of_selection (Fixture       *f,
                                           gconstpointer  data)
{
  MoatItemsPanel *panel = MOAT_ITEMS_PANEL (f->controls);
  MoatElement *front = moat_gui_test_element_named (f->model, "Web front end (SPA + CDN)");
  GListModel *controls = moat_model_get_list (f->model, MOAT_TYPE_CONTROL);
  GListModel *shown = moat_items_panel_get_items (panel);
  guint expected = 0;

  moat_gui_test_select_element (f->page, front);
  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      const char * const *threat_ids = moat_control_get_threat_ids (control);
      gboolean concerns = FALSE;

      for (guint j = 0; threat_ids != NULL && threat_ids[j] != NULL; j++)
        {
          MoatThreat *threat = moat_model_lookup_typed (f->model, threat_ids[j], MOAT_TYPE_THREAT);
          concerns |= threat != NULL && ids_contain (moat_threat_get_element_ids (threat), id_of (front));
        }
      expected += concerns;
      g_assert_cmpint (list_contains (shown, control), ==, concerns);
    }
  g_assert_cmpuint (expected, >, 0);

  /* Adding a control with elements selected links their open threats. */
  activate (panel, "panel.add");
  {
    MoatControl *added = MOAT_CONTROL (moat_items_panel_get_editing (panel));
    GListModel *threats = moat_model_get_list (f->model, MOAT_TYPE_THREAT);

    for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
      {
        g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
        gboolean wanted = moat_risk_threat_is_open (threat)
                          && ids_contain (moat_threat_get_element_ids (threat), id_of (front));

        g_assert_cmpint (ids_contain (moat_control_get_threat_ids (added), id_of (threat)), ==, wanted);
      }
  }
}

/* Assumptions */

static void
test_add_and_edit_assumption (Fixture       *f,
                              gconstpointer  data)
{
  MoatItemsPanel *panel = MOAT_ITEMS_PANEL (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                     MOAT_TYPE_ASSUMPTIONS_PANEL));
  MoatElement *replica = moat_gui_test_element_named (f->model, "Reporting replica");
  GtkWidget *editor;
  GtkTextView *statement;
  MoatAssumption *assumption;
  MoatLinkList *threats_list;
  g_autoptr(MoatThreat) threat = NULL;

  moat_gui_test_select_element (f->page, replica);
  show_side_page (GTK_WIDGET (panel));
  activate (panel, "panel.add");
  assumption = MOAT_ASSUMPTION (moat_items_panel_get_editing (panel));
  g_assert_nonnull (assumption);
  g_assert_cmpstrv (moat_assumption_get_element_ids (assumption), ((const char *[]) { id_of (replica), NULL }));
  g_assert_true (list_contains (moat_items_panel_get_items (panel), assumption));

  /* Typed text is written when the user leaves it, as one step. */
  editor = moat_items_panel_get_editor (panel);
  statement = GTK_TEXT_VIEW (moat_gui_test_find_type (editor, GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (statement), "Nightly jobs only read the replica", -1);
  moat_assumption_editor_commit (MOAT_ASSUMPTION_EDITOR (editor));
  g_assert_cmpstr (moat_assumption_get_statement (assumption), ==, "Nightly jobs only read the replica");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row_widget (editor, "Kind")), MOAT_ASSUMPTION_KIND_QUESTION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_widget (editor, "Status")), MOAT_ASSUMPTION_INVALIDATED);
  moat_gui_test_spin ();
  g_assert_cmpint (moat_assumption_get_kind (assumption), ==, MOAT_ASSUMPTION_KIND_QUESTION);
  g_assert_cmpint (moat_assumption_get_status (assumption), ==, MOAT_ASSUMPTION_INVALIDATED);

  threats_list = link_list (editor, "Threats");
  threat = g_list_model_get_item (moat_link_list_get_candidates (threats_list), 0);
  moat_link_list_set_linked (threats_list, MOAT_OBJECT (threat), TRUE);
  moat_gui_test_spin ();
  g_assert_true (ids_contain (moat_assumption_get_threat_ids (assumption), id_of (threat)));

  /* Back in the list, which can filter by the new kind. */
  activate (panel, "panel.back");
  g_assert_null (moat_items_panel_get_editing (panel));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "panel.category", "s", "question"));
  moat_gui_test_spin ();
  g_assert_true (list_contains (moat_items_panel_get_items (panel), assumption));
  for (guint i = 0; i < g_list_model_get_n_items (moat_items_panel_get_items (panel)); i++)
    {
      g_autoptr(MoatAssumption) shown = g_list_model_get_item (moat_items_panel_get_items (panel), i);
      g_assert_cmpint (moat_assumption_get_kind (shown), ==, MOAT_ASSUMPTION_KIND_QUESTION);
    }
}

/* Suggestions */

static MoatSuggestion *
first_suggestion (Fixture *f)
{
  GListModel *items = moat_suggestion_list_get_items (moat_threats_panel_get_suggestions (f->threats));

  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);
  return g_list_model_get_item (items, 0);
}

static GtkWidget *
suggestion_button (Fixture    *f,
                   const char *tooltip)
{
  GtkWidget *list = GTK_WIDGET (moat_threats_panel_get_suggestions (f->threats));
  GtkListBox *box = GTK_LIST_BOX (moat_gui_test_find_type (list, GTK_TYPE_LIST_BOX));

  return moat_gui_test_find_button (GTK_WIDGET (gtk_list_box_get_row_at_index (box, 0)), tooltip);
}

static MoatThreat *
threat_with_rule (MoatModel  *model,
                  const char *rule_id,
                  const char *element_id)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      if (g_strcmp0 (moat_threat_get_rule_id (threat), rule_id) == 0
          && ids_contain (moat_threat_get_element_ids (threat), element_id))
        return threat;
    }
  return NULL;
}

/* The first suggestion's row names its rule's references, each a link. */
static void
assert_row_shows_refs (Fixture        *f,
                       MoatSuggestion *suggestion)
{
  GtkWidget *list = GTK_WIDGET (moat_threats_panel_get_suggestions (f->threats));
  GtkListBox *box = GTK_LIST_BOX (moat_gui_test_find_type (list, GTK_TYPE_LIST_BOX));
  const char * const *refs = moat_rule_get_refs (moat_suggestion_get_rule (suggestion));
  g_autofree char *shown = NULL;

  g_assert_nonnull (refs);
  g_assert_nonnull (refs[0]);
  shown = g_strjoinv (" · ", (char **) refs);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (gtk_list_box_get_row_at_index (box, 0)), shown));
}

static void
test_accept_suggestion (Fixture       *f,
                        gconstpointer  data)
{
  MoatElement *api = moat_gui_test_element_named (f->model, "Payment API");
  GListModel *items = moat_suggestion_list_get_items (moat_threats_panel_get_suggestions (f->threats));
  g_autoptr(MoatSuggestion) suggestion = NULL;
  g_autofree char *rule_id = NULL;
  guint n_suggested, steps;
  gulong counter;
  MoatThreat *threat;

  moat_gui_test_select_element (f->page, api);
  show_side_page (GTK_WIDGET (f->threats));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (moat_threats_panel_get_suggestions (f->threats))));
  suggestion = first_suggestion (f);
  rule_id = g_strdup (moat_suggestion_get_rule_id (suggestion));
  g_assert_cmpstr (moat_suggestion_get_element_id (suggestion), ==, id_of (api));
  assert_row_shows_refs (f, suggestion);
  g_assert_null (threat_with_rule (f->model, rule_id, id_of (api)));
  n_suggested = g_list_model_get_n_items (items);

  counter = count_actions (f->model, &steps);
  moat_gui_test_click (suggestion_button (f, "Accept as a Threat"));
  g_signal_handler_disconnect (f->model, counter);

  threat = threat_with_rule (f->model, rule_id, id_of (api));
  g_assert_nonnull (threat);
  g_assert_cmpstr (moat_threat_get_title (threat), ==, moat_suggestion_get_title (suggestion));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_suggested - 1);
  g_assert_true (list_contains (moat_items_panel_get_items (MOAT_ITEMS_PANEL (f->threats)), threat));
  g_assert_cmpuint (steps, ==, 1);

  /* One step of undo takes it back, and the suggestion returns. */
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_null (threat_with_rule (f->model, rule_id, id_of (api)));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_suggested);
}

/* The first element, in model order, the rules suggest at least
 * @min_suggested threats for and that has (or has no) threats yet. */
static MoatElement *
element_with_suggestions (Fixture  *f,
                          guint     min_suggested,
                          gboolean  with_threats)
{
  GListModel *elements = moat_model_get_list (f->model, MOAT_TYPE_ELEMENT);
  GListModel *suggested = moat_suggestion_list_get_items (moat_threats_panel_get_suggestions (f->threats));
  GListModel *listed = moat_items_panel_get_items (MOAT_ITEMS_PANEL (f->threats));

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);

      moat_gui_test_select_element (f->page, element);
      if (g_list_model_get_n_items (suggested) >= min_suggested
          && (g_list_model_get_n_items (listed) > 0) == with_threats)
        return element;
    }
  g_assert_not_reached ();
}

/* With no threats yet on the selection, the suggestions take the panel's
 * room and the empty state stays small; once there are threats, their
 * list has the room again. */
static void
test_suggestions_get_the_room (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *suggestions = GTK_WIDGET (moat_threats_panel_get_suggestions (f->threats));
  GtkWidget *empty;
  const char *dir = g_getenv ("MOAT_TEST_SCREENSHOTS");

  show_side_page (GTK_WIDGET (f->threats));
  element_with_suggestions (f, 5, FALSE);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "threats-panel-suggestions.png", NULL);
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    }

  /* The big status page gives way to a one-line note. */
  empty = moat_gui_test_find_type (GTK_WIDGET (f->threats), ADW_TYPE_STATUS_PAGE);
  g_assert_false (gtk_widget_get_mapped (empty));
  g_assert_cmpint (gtk_widget_get_height (suggestions), >, gtk_widget_get_height (GTK_WIDGET (f->threats)) * 2 / 3);

  /* Collapsed, the suggestions give the room back to the empty state. */
  moat_gui_test_click (moat_gui_test_find_button (suggestions, "Hide Suggestions"));
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (gtk_widget_get_mapped (empty));
  moat_gui_test_click (moat_gui_test_find_button (suggestions, "Show Suggestions"));

  element_with_suggestions (f, 1, TRUE);
  moat_gui_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_false (gtk_widget_get_mapped (empty));
  g_assert_cmpint (gtk_widget_get_height (suggestions), <, gtk_widget_get_height (GTK_WIDGET (f->threats)) / 2);
}

static void
test_dismiss_suggestion (Fixture       *f,
                         gconstpointer  data)
{
  MoatElement *api = moat_gui_test_element_named (f->model, "Payment API");
  GListModel *items = moat_suggestion_list_get_items (moat_threats_panel_get_suggestions (f->threats));
  GListModel *dismissals = moat_model_get_list (f->model, MOAT_TYPE_DISMISSAL);
  g_autoptr(MoatSuggestion) suggestion = NULL;
  guint n_suggested, n_dismissed;
  GtkWidget *dialog;
  GtkEditable *reason;

  moat_gui_test_select_element (f->page, api);
  show_side_page (GTK_WIDGET (f->threats));
  suggestion = first_suggestion (f);
  n_suggested = g_list_model_get_n_items (items);
  n_dismissed = g_list_model_get_n_items (dismissals);

  moat_gui_test_click (suggestion_button (f, "Dismiss…"));
  dialog = moat_threats_panel_get_dialog (f->threats);
  g_assert_nonnull (dialog);

  /* A dismissal needs its reason. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "dismiss"));
  reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  gtk_editable_set_text (reason, "The API only runs behind the gateway");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "dismiss"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "dismiss");
  moat_gui_test_spin ();

  g_assert_cmpuint (g_list_model_get_n_items (dismissals), ==, n_dismissed + 1);
  {
    g_autoptr(MoatDismissal) dismissal = g_list_model_get_item (dismissals, n_dismissed);

    g_assert_cmpstr (moat_dismissal_get_rule_id (dismissal), ==, moat_suggestion_get_rule_id (suggestion));
    g_assert_cmpstr (moat_dismissal_get_element_id (dismissal), ==, id_of (api));
    g_assert_cmpstr (moat_dismissal_get_reason (dismissal), ==, "The API only runs behind the gateway");
  }
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_suggested - 1);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MoatSuggestion) shown = g_list_model_get_item (items, i);
      g_assert_false (moat_suggestion_equal (shown, suggestion));
    }
}

static void
test_review_flag (Fixture       *f,
                  gconstpointer  data)
{
  MoatElement *api = moat_gui_test_element_named (f->model, "Payment API");
  MoatRuleEngine *engine = moat_threats_panel_get_engine (f->threats);
  g_autoptr(MoatSuggestion) suggestion = NULL;
  GtkWidget *editor = moat_items_panel_get_editor (MOAT_ITEMS_PANEL (f->threats));
  GtkWidget *keep;
  MoatThreat *threat;

  moat_gui_test_select_element (f->page, api);
  show_side_page (GTK_WIDGET (f->threats));
  suggestion = first_suggestion (f);
  threat = moat_threats_panel_accept (f->threats, suggestion);
  g_assert_nonnull (threat);
  g_assert_false (moat_rule_engine_needs_review (engine, threat));

  /* Its element goes: the threat stays, flagged. (Deselected first, as
   * deleting on the canvas does.) */
  moat_gui_test_select_element (f->page, NULL);
  moat_model_remove (f->model, api);
  moat_gui_test_spin ();
  g_assert_nonnull (moat_model_lookup (f->model, id_of (threat)));
  g_assert_true (moat_rule_engine_needs_review (engine, threat));

  moat_items_panel_edit (MOAT_ITEMS_PANEL (f->threats), MOAT_OBJECT (threat));
  moat_gui_test_spin ();
  keep = moat_gui_test_find_button (editor, "Keep this threat as your own, no longer tied to its rule");
  g_assert_true (gtk_widget_get_mapped (keep));

  moat_gui_test_click (keep);
  g_assert_false (moat_rule_engine_needs_review (engine, threat));
  g_assert_false (gtk_widget_get_mapped (keep));
}

/* Risk overview and assets */

/* The Risk page says how much of the model's catalogue its controls meet,
 * as the core measures it, at the level chosen; a control that comes to
 * meet one more requirement shows at once. */
static void
test_risk_page_coverage (Fixture       *f,
                         gconstpointer  data)
{
  MoatRiskPage *page = MOAT_RISK_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_RISK_PAGE));
  MoatCoverageGroup *group;
  g_autoptr(MoatLibrary) library = moat_library_new_default ();
  g_autofree char *catalogue = moat_coverage_default_catalogue (f->model);
  g_autoptr(MoatCoverage) expected = moat_coverage_compute (library, f->model, catalogue, 2, NULL);
  MoatControl *control = moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title",
                                                    "Parameterised queries everywhere");
  g_autofree char *share = NULL;
  guint met;

  adw_view_stack_set_visible_child_name (f->views, "risk");
  moat_gui_test_spin ();
  group = MOAT_COVERAGE_GROUP (moat_gui_test_find_type (GTK_WIDGET (page), MOAT_TYPE_COVERAGE_GROUP));
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));

  moat_coverage_group_set_level (group, 2);
  moat_gui_test_spin ();
  met = moat_coverage_get_n_met (moat_coverage_group_get_coverage (group));
  g_assert_cmpuint (met, ==, moat_coverage_get_n_met (expected));
  g_assert_cmpuint (moat_coverage_get_n_applicable (moat_coverage_group_get_coverage (group)), ==,
                    moat_coverage_get_n_applicable (expected));
  share = g_strdup_printf ("%.0f%%", moat_coverage_get_percent (expected));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (group), share));
  screenshot_of (f, GTK_WIDGET (group), "risk-page-coverage.png");

  /* A verified control naming one more applicable requirement. */
  g_assert_nonnull (control);
  g_assert_cmpint (moat_control_get_status (control), >=, MOAT_CONTROL_IMPLEMENTED);
  for (guint i = 0; i < moat_coverage_get_n_items (expected); i++)
    {
      const MoatCoverageItem *item = moat_coverage_get_item (expected, i);
      g_autofree char *ref = NULL;

      if (!item->applies || item->status != MOAT_COVERAGE_NONE)
        continue;
      ref = g_strdup_printf ("%s:%s", catalogue, item->requirement->id);
      g_object_set (control, "requirements", (const char *[]) { "asvs:V1.2.4", ref, NULL }, NULL);
      break;
    }
  moat_gui_test_spin ();
  g_assert_cmpuint (moat_coverage_get_n_met (moat_coverage_group_get_coverage (group)), >, met);
}

static void
test_risk_page_counts (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *threats = moat_model_get_list (f->model, MOAT_TYPE_THREAT);
  GListModel *controls = moat_model_get_list (f->model, MOAT_TYPE_CONTROL);
  MoatRiskPage *page = MOAT_RISK_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_RISK_PAGE));
  MoatHeatMap *heat_map;
  guint cells[5][5] = { { 0 } };
  guint statuses[MOAT_RISK_N_STATUSES] = { 0 };
  guint n_open = 0, n_roadmap = 0;
  g_autoptr(MoatThreat) open_one = NULL;

  g_assert_nonnull (page);
  adw_view_stack_set_visible_child_name (f->views, "risk");
  moat_gui_test_spin ();
  heat_map = moat_risk_page_get_heat_map (page);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      MoatRiskAssessment risk;

      statuses[moat_threat_get_status (threat)]++;
      if (moat_threat_get_status (threat) != MOAT_THREAT_OPEN)
        continue;
      moat_risk_assess (f->model, threat, &risk);
      cells[risk.likelihood - 1][risk.impact - 1]++;
      n_open++;
      if (open_one == NULL)
        open_one = g_object_ref (threat);
    }
  for (guint i = 0; i < g_list_model_get_n_items (controls); i++)
    {
      g_autoptr(MoatControl) control = g_list_model_get_item (controls, i);
      n_roadmap += moat_control_get_status (control) < MOAT_CONTROL_IMPLEMENTED;
    }

  g_assert_cmpuint (n_open, >, 0);
  for (int l = 1; l <= 5; l++)
    for (int i = 1; i <= 5; i++)
      g_assert_cmpuint (moat_heat_map_get_count (heat_map, l, i), ==, cells[l - 1][i - 1]);
  for (int s = 0; s < MOAT_RISK_N_STATUSES; s++)
    g_assert_cmpuint (moat_risk_page_get_status_count (page, s), ==, statuses[s]);
  g_assert_cmpuint (n_rows (moat_risk_page_get_top_list (page)), ==, MIN (10, n_open));
  g_assert_cmpuint (n_rows (moat_risk_page_get_roadmap_list (page)), ==, n_roadmap);
  {
    g_autoptr(GPtrArray) top = moat_risk_top_threats (f->model, 10, FALSE);
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (moat_risk_page_get_top_list (page), 0);

    /* The first row is the model's highest risk, by the one ranking. */
    g_assert_true (MOAT_IS_RANKED_ROW (first));
    g_assert_true (moat_ranked_row_get_object (MOAT_RANKED_ROW (first)) == top->pdata[0]);
    screenshot_of (f, GTK_WIDGET (first), "risk-page-top.png");
  }

  /* Deciding a threat moves it out of the heat map and between the counts. */
  {
    MoatRiskAssessment risk;

    moat_risk_assess (f->model, open_one, &risk);
    g_object_set (open_one, "status", MOAT_THREAT_MITIGATED, NULL);
    moat_gui_test_spin ();
    g_assert_cmpuint (moat_heat_map_get_count (heat_map, risk.likelihood, risk.impact), ==,
                      cells[risk.likelihood - 1][risk.impact - 1] - 1);
    g_assert_cmpuint (moat_risk_page_get_status_count (page, MOAT_THREAT_OPEN), ==, statuses[MOAT_THREAT_OPEN] - 1);
    g_assert_cmpuint (moat_risk_page_get_status_count (page, MOAT_THREAT_MITIGATED), ==,
                      statuses[MOAT_THREAT_MITIGATED] + 1);
    g_assert_cmpuint (moat_heat_map_get_total (heat_map), ==, n_open - 1);
  }

  /* Picking a top risk opens it in the Threats panel. */
  {
    GtkListBox *top = moat_risk_page_get_top_list (page);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (top, 0);

    g_signal_emit_by_name (top, "row-activated", row);
    moat_gui_test_spin ();
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (f->views), ==, "diagrams");
    g_assert_nonnull (moat_items_panel_get_editing (MOAT_ITEMS_PANEL (f->threats)));
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->threats)));
  }
}

/* Marking an assumption invalidated in its editor flags the threats that
 * rely on it, and the Risk page lists it as broken; one undo takes back
 * both. */
static void
test_broken_assumption (Fixture       *f,
                        gconstpointer  data)
{
  MoatItemsPanel *panel = MOAT_ITEMS_PANEL (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                     MOAT_TYPE_ASSUMPTIONS_PANEL));
  MoatRiskPage *page = MOAT_RISK_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_RISK_PAGE));
  MoatAssumption *vault = moat_model_lookup_typed (f->model, "asm-vault-isolated", MOAT_TYPE_ASSUMPTION);
  MoatThreat *backup = moat_model_lookup_typed (f->model, "th-vault-backup", MOAT_TYPE_THREAT);
  MoatThreat *exposed = moat_model_lookup_typed (f->model, "th-console-exposed", MOAT_TYPE_THREAT);
  GtkListBox *broken;
  GtkWidget *editor;
  gboolean named = FALSE;

  g_assert_nonnull (vault);
  g_assert_false (moat_threat_get_needs_review (backup));
  g_assert_false (moat_threat_get_needs_review (exposed));

  adw_view_stack_set_visible_child_name (f->views, "risk");
  moat_gui_test_spin ();
  broken = moat_risk_page_get_broken_list (page);
  /* The example has one already: the masked replica. */
  g_assert_cmpuint (n_rows (broken), ==, 1);

  adw_view_stack_set_visible_child_name (f->views, "diagrams");
  moat_gui_test_spin ();
  show_side_page (GTK_WIDGET (panel));
  moat_items_panel_edit (panel, MOAT_OBJECT (vault));
  moat_gui_test_spin ();
  editor = moat_items_panel_get_editor (panel);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row_widget (editor, "Status")), MOAT_ASSUMPTION_INVALIDATED);
  moat_gui_test_spin ();

  g_assert_true (moat_threat_get_needs_review (backup));
  g_assert_true (moat_threat_get_needs_review (exposed));
  g_assert_nonnull (strstr (moat_threat_get_review_reason (backup), "The card vault cannot be reached"));

  /* The Threats panel says why, on the vault's threat. */
  moat_gui_test_select_element (f->page, moat_gui_test_element_named (f->model, "Card vault"));
  show_side_page (GTK_WIDGET (f->threats));
  {
    g_autoptr(GPtrArray) images = moat_gui_test_collect_type (GTK_WIDGET (f->threats), GTK_TYPE_IMAGE);
    gboolean said = FALSE;

    for (guint i = 0; i < images->len; i++)
      {
        const char *tooltip = gtk_widget_get_tooltip_text (images->pdata[i]);

        said |= gtk_widget_get_mapped (images->pdata[i]) && tooltip != NULL
                && strstr (tooltip, "Relies on the invalidated assumption “The card vault cannot be reached") != NULL;
      }
    g_assert_true (said);
  }

  adw_view_stack_set_visible_child_name (f->views, "risk");
  moat_gui_test_spin ();
  g_assert_cmpuint (n_rows (broken), ==, 2);
  for (int i = 0; gtk_list_box_get_row_at_index (broken, i) != NULL; i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (broken, i)));

      named |= g_str_has_prefix (title, "The card vault cannot be reached");
    }
  g_assert_true (named);

  /* One step of undo: the status and both flags. */
  activate (f->window, "win.undo");
  g_assert_cmpint (moat_assumption_get_status (vault), ==, MOAT_ASSUMPTION_UNVALIDATED);
  g_assert_false (moat_threat_get_needs_review (backup));
  g_assert_false (moat_threat_get_needs_review (exposed));
  g_assert_cmpuint (n_rows (broken), ==, 1);
}

static void
test_assets_page (Fixture       *f,
                  gconstpointer  data)
{
  MoatAssetsPage *page = MOAT_ASSETS_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_ASSETS_PAGE));
  guint n_assets = moat_model_count (f->model, MOAT_TYPE_ASSET);
  guint n_actors = moat_model_count (f->model, MOAT_TYPE_THREAT_ACTOR);
  MoatElement *queue = moat_gui_test_element_named (f->model, "Event queue");
  MoatThreat *threat;
  MoatAsset *asset;
  MoatThreatActor *actor;
  GtkWidget *row;
  const char *ids[2] = { NULL, NULL };

  g_assert_nonnull (page);
  adw_view_stack_set_visible_child_name (f->views, "assets");
  moat_gui_test_spin ();

  activate (page, "assets.add-asset");
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ASSET), ==, n_assets + 1);
  {
    GListModel *assets = moat_model_get_list (f->model, MOAT_TYPE_ASSET);
    g_autoptr(MoatAsset) last = g_list_model_get_item (assets, n_assets);
    asset = last;
  }
  row = moat_assets_page_get_row (page, MOAT_OBJECT (asset));
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));

  type_into (row_widget (row, "Name"), "Signing keys");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (row, "Confidentiality")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (row, "Integrity")), 5);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (row, "Availability")), 1);
  moat_gui_test_spin ();
  g_assert_cmpstr (moat_asset_get_name (asset), ==, "Signing keys");
  g_assert_cmpint (moat_asset_get_impact_integrity (asset), ==, 5);
  g_assert_cmpint (moat_risk_asset_impact (asset), ==, 5);

  /* An element carrying it gives its threats that impact. */
  ids[0] = id_of (asset);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "on 0 elements"));
  g_object_set (queue, "asset-ids", ids, NULL);
  moat_gui_test_spin ();
  /* The collapsed row says what is at stake and where. */
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "Business impact 5 · Internal · on 1 element");
  screenshot_of (f, row, "assets-page-row.png");
  moat_gui_test_select_element (f->page, queue);
  show_side_page (GTK_WIDGET (f->threats));
  activate (f->threats, "panel.add");
  threat = MOAT_THREAT (moat_items_panel_get_editing (MOAT_ITEMS_PANEL (f->threats)));
  g_assert_cmpint (moat_risk_effective_impact (f->model, threat), ==, 5);

  activate (page, "assets.add-actor");
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_THREAT_ACTOR), ==, n_actors + 1);
  {
    GListModel *actors = moat_model_get_list (f->model, MOAT_TYPE_THREAT_ACTOR);
    g_autoptr(MoatThreatActor) last = g_list_model_get_item (actors, n_actors);
    actor = last;
  }
  row = moat_assets_page_get_row (page, MOAT_OBJECT (actor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (row_widget (row, "Capability")), 4);
  moat_gui_test_spin ();
  g_assert_cmpint (moat_threat_actor_get_capability (actor), ==, 4);

  /* Deleting an asset lets its elements go of it; undo brings both back. */
  row = moat_assets_page_get_row (page, MOAT_OBJECT (asset));
  g_object_ref (asset);
  moat_gui_test_click (find_button_labelled (row, "Delete"));
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ASSET), ==, n_assets);
  g_assert_false (ids_contain (moat_element_get_asset_ids (queue), id_of (asset)));
  moat_model_undo (f->model);
  moat_gui_test_spin ();
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ASSET), ==, n_assets + 1);
  g_assert_true (ids_contain (moat_element_get_asset_ids (queue), id_of (asset)));
  g_object_unref (asset);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/threats/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("add-and-edit-threat", test_add_and_edit_threat);
  ADD ("list-follows-selection-and-filters", test_list_follows_selection_and_filters);
  ADD ("link-and-edit-control", test_link_and_edit_control);
  ADD ("controls-follow-threats-of-selection", test_controls_follow_threats_of_selection);
  ADD ("add-and-edit-assumption", test_add_and_edit_assumption);
  ADD ("accept-suggestion", test_accept_suggestion);
  ADD ("dismiss-suggestion", test_dismiss_suggestion);
  ADD ("suggestions-get-the-room", test_suggestions_get_the_room);
  ADD ("rows-show-both-levels", test_rows_show_both_levels);
  ADD ("threat-references", test_threat_references);
  ADD ("control-requirements", test_control_requirements);
  ADD ("risk-page-coverage", test_risk_page_coverage);
  ADD ("review-flag", test_review_flag);
  ADD ("risk-page-counts", test_risk_page_counts);
  ADD ("assets-page", test_assets_page);
  ADD ("broken-assumption", test_broken_assumption);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
