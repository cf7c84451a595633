/* test-workshop.c: workshop mode in a real window, driven by its actions
 * and by the keys a facilitator presses; screenshots of every stage at
 * projector sizes.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-canvas.h"
#include "moat-gui-test-util.h"
#include "moat-test-util.h"
#include "moat-window.h"
#include "moat-risk-chip.h"
#include "moat-workshop-chooser.h"
#include "moat-workshop-coverage.h"
#include "moat-workshop-history.h"
#include "moat-workshop-roadmap.h"
#include "moat-workshop-reflection.h"
#include "moat-workshop-recorder.h"
#include "moat-workshop-removal-row.h"
#include "moat-workshop-suggestion-row.h"
#include "moat-workshop-threat-row.h"
#include "moat-workshop-threats.h"
#include "moat-workshop-timer.h"
#include "moat-workshop-view.h"

static MoatApplication *app;

typedef struct {
  MoatWindow       *window;
  MoatModel        *model;
  MoatWorkshopView *view;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_settings_reset (moat_application_get_settings (app), "presentation-text-scale");
  g_settings_reset (moat_application_get_settings (app), "workshop-minutes");
  if (data == NULL)
    {
      g_settings_reset (moat_application_get_settings (app), "window-width");
      g_settings_reset (moat_application_get_settings (app), "window-height");
    }
  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  f->view = MOAT_WORKSHOP_VIEW (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_WORKSHOP_VIEW));
  g_assert_nonnull (f->view);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  moat_gui_test_close (f->window);
}

static gboolean
in_workshop (Fixture *f)
{
  GVariant *state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "workshop");
  gboolean active = g_variant_get_boolean (state);

  g_variant_unref (state);
  return active;
}

static void
toggle_workshop (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workshop", NULL));
  moat_gui_test_spin ();
}

static GtkStack *
main_stack (Fixture *f)
{
  /* The view stands in the window's stack as a page built when first
   * shown (MoatLazyPage). */
  return GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (f->view), GTK_TYPE_STACK));
}

/* A key press as the view's key handler receives it from GTK, before
 * the focused widget sees it. */
static gboolean
press_key (Fixture         *f,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  moat_gui_test_spin ();
  return handled;
}

static void
press_key_on (GtkWidget *widget,
              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
  moat_gui_test_spin ();
}

/* Types a line into the quick-capture entry and presses Enter. */
static void
type_and_enter (Fixture    *f,
                const char *text)
{
  GtkWidget *entry = moat_workshop_view_get_capture_entry (f->view);

  g_assert_true (moat_workshop_view_get_capturing (f->view));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_get_focus_child (entry) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  moat_gui_test_spin ();
  g_assert_false (moat_workshop_view_get_capturing (f->view));
}

/* The threat a list row shows, if it shows one. */
static MoatThreat *
row_threat (GtkListBoxRow *row)
{
  GtkWidget *child = row ? gtk_list_box_row_get_child (row) : NULL;

  return MOAT_IS_WORKSHOP_THREAT_ROW (child)
         ? moat_workshop_threat_row_get_threat (MOAT_WORKSHOP_THREAT_ROW (child)) : NULL;
}

static MoatWorkshopSession *
newest_session (MoatModel *model)
{
  GListModel *sessions = moat_model_get_list (model, MOAT_TYPE_WORKSHOP_SESSION);
  guint n = g_list_model_get_n_items (sessions);
  g_autoptr(MoatWorkshopSession) session = NULL;

  g_assert_cmpuint (n, >, 0);
  session = g_list_model_get_item (sessions, n - 1);
  return session;
}

static void
test_enter_and_leave (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *header = NULL;
  guint sessions = moat_model_count (f->model, MOAT_TYPE_WORKSHOP_SESSION);

  g_assert_false (in_workshop (f));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack (f)), ==, "document");
  header = moat_gui_test_find_type (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);

  toggle_workshop (f);
  g_assert_true (in_workshop (f));
  g_assert_true (moat_workshop_view_get_active (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack (f)), ==, "workshop");
  g_assert_false (gtk_widget_get_visible (header));
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_CONTEXT);
  /* The session is in the model from the start. */
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_WORKSHOP_SESSION), ==, sessions + 1);
  g_assert_true (moat_workshop_view_get_session (f->view) == newest_session (f->model));

  toggle_workshop (f);
  g_assert_false (in_workshop (f));
  g_assert_false (moat_workshop_view_get_active (f->view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack (f)), ==, "document");
  g_assert_true (gtk_widget_get_visible (header));

  /* F5 starts it; Escape and F5, which a presenter's clicker sends on its
   * own, do not end it; Ctrl+Escape does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-workshop", NULL));
  moat_gui_test_spin ();
  g_assert_true (in_workshop (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-workshop", NULL));
  moat_gui_test_spin ();
  g_assert_true (press_key (f, GDK_KEY_Escape, 0));
  g_assert_true (in_workshop (f));
  g_assert_true (press_key (f, GDK_KEY_Escape, GDK_CONTROL_MASK));
  g_assert_false (in_workshop (f));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack (f)), ==, "document");
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_WORKSHOP_SESSION), ==, sessions + 2);
}

/* The focus of the window, if it is inside the workshop view. */
static gboolean
focus_in_view (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == GTK_WIDGET (f->view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (f->view)));
}

/* A presenter's clicker sends Page Down/Up, Right/Left or Space: they
 * move between stages whatever has focus, even after the timer's − turned
 * insensitive under the focus, and never shorten the timer or leave. */
static void
test_presenter_keys (Fixture       *f,
                     gconstpointer  data)
{
  MoatWorkshopTimer *timer;
  GtkWidget *less, *leave;

  toggle_workshop (f);
  timer = MOAT_WORKSHOP_TIMER (moat_workshop_view_get_timer (f->view));
  less = moat_gui_test_find_button (GTK_WIDGET (timer), "Five Minutes Less");
  g_assert_true (gtk_widget_grab_focus (less));
  while (gtk_widget_is_sensitive (less))
    moat_gui_test_click (less);
  moat_gui_test_spin ();
  g_assert_true (focus_in_view (f));

  g_assert_true (press_key (f, GDK_KEY_Page_Down, 0));
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_ARCHITECTURE);
  g_assert_true (press_key (f, GDK_KEY_Right, 0));
  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_CONTROLS);
  g_assert_true (press_key (f, GDK_KEY_Left, 0));
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_THREATS);

  /* On the Leave button, Right and Space still move on; nothing leaves. */
  leave = moat_gui_test_find_button (GTK_WIDGET (f->view), "Leave the Workshop (Ctrl+Escape)");
  g_assert_nonnull (leave);
  g_assert_true (gtk_widget_grab_focus (leave));
  g_assert_true (press_key (f, GDK_KEY_space, 0));
  g_assert_true (press_key (f, GDK_KEY_Escape, 0));
  g_assert_true (press_key (f, GDK_KEY_Page_Up, 0));
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_THREATS);
  g_assert_true (in_workshop (f));
  g_assert_true (press_key (f, GDK_KEY_t, 0));
  g_assert_true (moat_workshop_view_get_capturing (f->view));
  press_key_on (moat_workshop_view_get_capture_entry (f->view), GDK_KEY_Escape);
  toggle_workshop (f);
}

static void
test_step_through_stages (Fixture       *f,
                          gconstpointer  data)
{
  static const char *names[] = { "context", "architecture", "threats", "controls", "reflection" };
  GtkStack *stages;

  toggle_workshop (f);
  stages = GTK_STACK (gtk_widget_get_parent (moat_workshop_view_get_stage_widget (f->view, 0)));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, i);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stages), ==, names[i]);
      g_assert_true (gtk_widget_get_mapped (moat_workshop_view_get_stage_widget (f->view, i)));
      press_key (f, GDK_KEY_Page_Down, 0);
    }
  /* Past the last stage there is nowhere to go. */
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_REFLECTION);

  press_key (f, GDK_KEY_Page_Up, 0);
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_CONTROLS);
  press_key (f, GDK_KEY_Left, GDK_CONTROL_MASK);
  press_key (f, GDK_KEY_Left, GDK_CONTROL_MASK);
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_ARCHITECTURE);
  press_key (f, GDK_KEY_Right, GDK_CONTROL_MASK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stages), ==, "threats");

  toggle_workshop (f);
}

static guint
threats_on (MoatModel   *model,
            MoatElement *element)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char * const *ids = moat_threat_get_element_ids (threat);

      if (ids && g_strv_contains (ids, moat_object_get_id (MOAT_OBJECT (element))))
        n++;
    }
  return n;
}

static void
test_walk_elements (Fixture       *f,
                    gconstpointer  data)
{
  MoatWorkshopThreats *stage;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n;

  toggle_workshop (f);
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_THREATS);
  stage = MOAT_WORKSHOP_THREATS (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_THREATS));
  n = moat_workshop_threats_get_n_elements (stage);
  g_assert_cmpuint (n, >, 10);

  /* N walks every element once; each shows the threats that are on it. */
  for (guint i = 0; i < n; i++)
    {
      MoatElement *element = moat_workshop_threats_get_element (stage);

      g_assert_nonnull (element);
      g_assert_cmpuint (moat_workshop_threats_get_position (stage), ==, i);
      g_assert_false (g_hash_table_contains (seen, element));
      g_hash_table_add (seen, element);
      g_assert_cmpint (moat_element_get_kind (element), !=, MOAT_ELEMENT_NOTE);
      g_assert_cmpint (moat_element_get_kind (element), !=, MOAT_ELEMENT_BOUNDARY);
      g_assert_cmpuint (g_list_model_get_n_items (moat_workshop_threats_get_threats (stage)), ==,
                        threats_on (f->model, element));
      g_assert_true (press_key (f, GDK_KEY_n, 0) == (i + 1 < n));
    }
  press_key (f, GDK_KEY_p, 0);
  g_assert_cmpuint (moat_workshop_threats_get_position (stage), ==, n - 2);

  toggle_workshop (f);
}

static GtkListBox *threat_list (Fixture *f);

static void
test_capture_by_keyboard (Fixture       *f,
                          gconstpointer  data)
{
  MoatWorkshopThreats *stage;
  MoatElement *element;
  MoatThreat *threat;
  MoatControl *control;
  GtkListBox *list;

  toggle_workshop (f);
  press_key (f, GDK_KEY_Page_Down, 0);
  press_key (f, GDK_KEY_Page_Down, 0);
  stage = MOAT_WORKSHOP_THREATS (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_THREATS));
  press_key (f, GDK_KEY_n, 0);
  element = moat_workshop_threats_get_element (stage);
  g_assert_nonnull (element);

  /* T, a line, Enter: a threat on the element being discussed. */
  g_assert_true (press_key (f, GDK_KEY_t, 0));
  type_and_enter (f, "Replay of a captured payment request");
  threat = moat_gui_test_find_titled (f->model, MOAT_TYPE_THREAT, "title", "Replay of a captured payment request");
  g_assert_nonnull (threat);
  g_assert_true (g_strv_contains (moat_threat_get_element_ids (threat),
                                  moat_object_get_id (MOAT_OBJECT (element))));

  /* It is on the list at once; picked there, a control captured next
   * addresses it. */
  g_assert_cmpuint (g_list_model_get_n_items (moat_workshop_threats_get_threats (stage)), ==,
                    threats_on (f->model, element));
  list = threat_list (f);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    if (row_threat (gtk_list_box_get_row_at_index (list, i)) == threat)
      gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
  g_assert_true (moat_workshop_threats_get_selected_threat (stage) == threat);

  g_assert_true (press_key (f, GDK_KEY_c, 0));
  type_and_enter (f, "Nonce and timestamp on every payment request");
  control = moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Nonce and timestamp on every payment request");
  g_assert_nonnull (control);
  g_assert_true (g_strv_contains (moat_control_get_threat_ids (control),
                                  moat_object_get_id (MOAT_OBJECT (threat))));

  /* An open question, with Shift held as on a capital Q. */
  g_assert_true (press_key (f, GDK_KEY_Q, GDK_SHIFT_MASK));
  type_and_enter (f, "Does the provider sign its callbacks?");
  {
    MoatAssumption *question = moat_gui_test_find_titled (f->model, MOAT_TYPE_ASSUMPTION, "statement",
                                            "Does the provider sign its callbacks?");
    g_assert_nonnull (question);
    g_assert_cmpint (moat_assumption_get_kind (question), ==, MOAT_ASSUMPTION_KIND_QUESTION);
  }

  /* Escape cancels: nothing is added. */
  {
    guint assumptions = moat_model_count (f->model, MOAT_TYPE_ASSUMPTION);

    g_assert_true (press_key (f, GDK_KEY_a, 0));
    gtk_editable_set_text (GTK_EDITABLE (moat_workshop_view_get_capture_entry (f->view)), "Never saved");
    press_key_on (moat_workshop_view_get_capture_entry (f->view), GDK_KEY_Escape);
    g_assert_false (moat_workshop_view_get_capturing (f->view));
    g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ASSUMPTION), ==, assumptions);
    g_assert_true (in_workshop (f));
  }

  /* In stage 4 a control belongs to the model, and joins the roadmap. */
  press_key (f, GDK_KEY_Page_Down, 0);
  g_assert_true (press_key (f, GDK_KEY_c, 0));
  type_and_enter (f, "Rate-limit the refund endpoint");
  control = moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Rate-limit the refund endpoint");
  g_assert_nonnull (control);
  g_assert_null (moat_control_get_threat_ids (control));

  toggle_workshop (f);
}

/* ------------------------------------------------------------------ */
/* Captures stay connected                                             */

static MoatWorkshopThreats *
threats_stage (Fixture *f)
{
  return MOAT_WORKSHOP_THREATS (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_THREATS));
}

static guint
open_threats_on (MoatModel   *model,
                 MoatElement *element)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char * const *ids = moat_threat_get_element_ids (threat);

      if (ids && g_strv_contains (ids, moat_object_get_id (MOAT_OBJECT (element)))
          && moat_threat_get_status (threat) == MOAT_THREAT_OPEN)
        n++;
    }
  return n;
}

/* Walks stage 3 to the first element with at least @n open threats. */
static MoatElement *
walk_to_open_threats (Fixture *f,
                      guint    n)
{
  MoatWorkshopThreats *stage = threats_stage (f);

  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_THREATS);
  while (open_threats_on (f->model, moat_workshop_threats_get_element (stage)) < n)
    g_assert_true (moat_workshop_threats_step (stage, +1));
  return moat_workshop_threats_get_element (stage);
}

/* The list whose rows carry threats. */
static GtkListBox *
threat_list (Fixture *f)
{
  g_autoptr(GPtrArray) lists = moat_gui_test_collect_type (GTK_WIDGET (threats_stage (f)), GTK_TYPE_LIST_BOX);

  for (guint i = 0; i < lists->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (lists->pdata[i], 0);

      if (row_threat (row) != NULL)
        return lists->pdata[i];
    }
  g_assert_not_reached ();
}

/* C, a line, Enter, with no threat picked: the chooser asks. */
static MoatWorkshopChooser *
capture_control_and_ask (Fixture    *f,
                         const char *title)
{
  GtkWidget *chooser = moat_workshop_view_get_chooser (f->view);
  GtkWidget *entry = moat_workshop_view_get_capture_entry (f->view);

  g_assert_null (moat_workshop_threats_get_selected_threat (threats_stage (f)));
  g_assert_true (press_key (f, GDK_KEY_c, 0));
  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  g_signal_emit_by_name (entry, "activate");
  moat_gui_test_spin ();
  g_assert_true (moat_workshop_view_get_capturing (f->view));
  g_assert_true (gtk_widget_get_visible (chooser));
  g_assert_false (gtk_widget_is_visible (entry));
  g_assert_null (moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", title));
  return MOAT_WORKSHOP_CHOOSER (chooser);
}

static void
assert_links (MoatControl *control,
              MoatThreat  *threat)
{
  const char * const *ids = moat_control_get_threat_ids (control);

  g_assert_nonnull (control);
  if (threat == NULL)
    g_assert_true (ids == NULL || ids[0] == NULL);
  else
    g_assert_cmpstrv (ids, ((const char *[]) { moat_object_get_id (MOAT_OBJECT (threat)), NULL }));
}

static void
test_control_asks_for_threat (Fixture       *f,
                              gconstpointer  data)
{
  MoatWorkshopChooser *chooser;
  MoatElement *element;
  MoatThreat *first, *second;
  MoatRiskAssessment a, b;
  guint n_open;

  toggle_workshop (f);
  element = walk_to_open_threats (f, 2);
  n_open = open_threats_on (f->model, element);

  /* Every open threat of the element, the worst first, and "none". */
  chooser = capture_control_and_ask (f, "Tokenise card numbers");
  g_assert_cmpuint (moat_workshop_chooser_get_n_items (chooser), ==, n_open + 1);
  g_assert_null (moat_workshop_chooser_get_threat (chooser, n_open));
  first = moat_workshop_chooser_get_threat (chooser, 0);
  second = moat_workshop_chooser_get_threat (chooser, 1);
  moat_risk_assess (f->model, first, &a);
  moat_risk_assess (f->model, second, &b);
  g_assert_cmpint (a.level, >=, b.level);
  g_assert_true (g_strv_contains (moat_threat_get_element_ids (second), moat_object_get_id (MOAT_OBJECT (element))));
  /* The first row is ready for Enter. */
  g_assert_true (gtk_list_box_get_selected_row (moat_workshop_chooser_get_list (chooser))
                 == gtk_list_box_get_row_at_index (moat_workshop_chooser_get_list (chooser), 0));

  /* 2 picks the second. */
  press_key_on (GTK_WIDGET (chooser), GDK_KEY_2);
  g_assert_false (moat_workshop_view_get_capturing (f->view));
  assert_links (moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Tokenise card numbers"), second);

  /* Escape goes back to the words, kept; Enter asks again; a row picked
   * with the arrows and Enter links to it. */
  capture_control_and_ask (f, "Rotate vault keys");
  press_key_on (GTK_WIDGET (chooser), GDK_KEY_Escape);
  g_assert_true (moat_workshop_view_get_capturing (f->view));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (moat_workshop_view_get_capture_entry (f->view))), ==,
                   "Rotate vault keys");
  g_signal_emit_by_name (moat_workshop_view_get_capture_entry (f->view), "activate");
  moat_gui_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chooser)));
  g_signal_emit_by_name (moat_workshop_chooser_get_list (chooser), "row-activated",
                         gtk_list_box_get_row_at_index (moat_workshop_chooser_get_list (chooser), 0));
  moat_gui_test_spin ();
  assert_links (moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Rotate vault keys"), first);

  /* 0: no particular threat. */
  capture_control_and_ask (f, "Security champion per team");
  press_key_on (GTK_WIDGET (chooser), GDK_KEY_0);
  assert_links (moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Security champion per team"), NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chooser)));

  /* A number with no row is refused, and the chooser stays. */
  capture_control_and_ask (f, "Never linked wrongly");
  press_key_on (GTK_WIDGET (chooser), GDK_KEY_9);
  g_assert_true (n_open >= 9 || gtk_widget_get_visible (GTK_WIDGET (chooser)));
  press_key_on (GTK_WIDGET (chooser), GDK_KEY_Escape);
  press_key_on (moat_workshop_view_get_capture_entry (f->view), GDK_KEY_Escape);
  g_assert_null (moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Never linked wrongly"));

  toggle_workshop (f);
}

/* With a threat in focus, C links to it at once; A links the assumption
 * to the element in focus, and to that threat. */
static void
test_capture_links_focus (Fixture       *f,
                          gconstpointer  data)
{
  MoatElement *element;
  MoatThreat *focused;
  MoatAssumption *assumption;
  GtkListBox *list;
  GtkListBoxRow *row;

  toggle_workshop (f);
  element = walk_to_open_threats (f, 1);

  g_assert_true (press_key (f, GDK_KEY_a, 0));
  type_and_enter (f, "Only the payment API can reach the vault");
  assumption = moat_gui_test_find_titled (f->model, MOAT_TYPE_ASSUMPTION, "statement",
                                          "Only the payment API can reach the vault");
  g_assert_nonnull (assumption);
  g_assert_cmpstrv (moat_assumption_get_element_ids (assumption),
                    ((const char *[]) { moat_object_get_id (MOAT_OBJECT (element)), NULL }));

  list = threat_list (f);
  row = gtk_list_box_get_row_at_index (list, 0);
  gtk_list_box_select_row (list, row);
  focused = row_threat (row);
  g_assert_true (moat_workshop_threats_get_selected_threat (threats_stage (f)) == focused);

  g_assert_true (press_key (f, GDK_KEY_c, 0));
  type_and_enter (f, "Mutual TLS to the vault");
  g_assert_false (gtk_widget_get_visible (moat_workshop_view_get_chooser (f->view)));
  assert_links (moat_gui_test_find_titled (f->model, MOAT_TYPE_CONTROL, "title", "Mutual TLS to the vault"), focused);

  g_assert_true (press_key (f, GDK_KEY_a, 0));
  type_and_enter (f, "Backups are encrypted");
  assumption = moat_gui_test_find_titled (f->model, MOAT_TYPE_ASSUMPTION, "statement", "Backups are encrypted");
  g_assert_true (g_strv_contains (moat_assumption_get_element_ids (assumption),
                                  moat_object_get_id (MOAT_OBJECT (element))));
  g_assert_true (g_strv_contains (moat_assumption_get_threat_ids (assumption),
                                  moat_object_get_id (MOAT_OBJECT (focused))));

  toggle_workshop (f);
}

/* ------------------------------------------------------------------ */
/* An asset-centred workshop                                           */

static void
test_walk_crown_jewels_first (Fixture       *f,
                              gconstpointer  data)
{
  MoatWorkshopThreats *stage;
  MoatElement *vault = moat_gui_test_element_named (f->model, "Card vault");
  int highest = 0, previous = G_MAXINT;
  guint n, vault_at = G_MAXUINT, first_without = G_MAXUINT;

  toggle_workshop (f);
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_THREATS);
  stage = threats_stage (f);
  n = moat_workshop_threats_get_n_elements (stage);
  highest = moat_gui_test_asset_impact (f->model, vault);

  /* The walk starts at what holds the most valuable assets, the card
   * vault's rank, and never goes up in impact. */
  for (guint i = 0; i < n; i++)
    {
      MoatElement *element = moat_workshop_threats_get_element (stage);
      int impact = moat_gui_test_asset_impact (f->model, element);

      g_assert_cmpint (impact, <=, previous);
      if (i == 0)
        g_assert_cmpint (impact, ==, highest);
      if (element == vault)
        vault_at = i;
      if (impact == 0 && first_without == G_MAXUINT)
        first_without = i;
      previous = impact;
      moat_workshop_threats_step (stage, +1);
    }
  g_assert_cmpint (highest, ==, 5);
  /* A store of the highest impact, on the first diagram that has one:
   * once 12th of 43, now first. */
  g_assert_cmpuint (vault_at, ==, 0);
  g_assert_cmpuint (vault_at, <, first_without);

  /* Its assets are on show beside it. */
  while (moat_workshop_threats_step (stage, -1))
    ;
  while (moat_workshop_threats_get_element (stage) != vault)
    g_assert_true (moat_workshop_threats_step (stage, +1));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (stage), "Cardholder data"));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (stage), "C 5"));

  toggle_workshop (f);
}

static void
test_context_shows_asset_impact (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *stage;
  GListModel *assets = moat_model_get_list (f->model, MOAT_TYPE_ASSET);
  g_auto(GStrv) scale = NULL;

  toggle_workshop (f);
  stage = moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_CONTEXT);
  g_object_get (f->model, "impact-scale", &scale, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (assets), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (assets); i++)
    {
      g_autoptr(MoatAsset) asset = g_list_model_get_item (assets, i);
      GtkWidget *name = moat_gui_test_find_label (stage, moat_asset_get_name (asset));
      GtkWidget *row;
      g_autofree char *c = g_strdup_printf ("C %d", moat_asset_get_impact_confidentiality (asset));
      g_autofree char *in = g_strdup_printf ("I %d", moat_asset_get_impact_integrity (asset));
      g_autofree char *av = g_strdup_printf ("A %d", moat_asset_get_impact_availability (asset));
      GtkWidget *chip;
      const char *tooltip;

      g_assert_nonnull (name);
      g_assert_true (gtk_widget_get_mapped (name));
      row = gtk_widget_get_parent (gtk_widget_get_parent (name));
      g_assert_nonnull (moat_gui_test_find_label (row, in));
      g_assert_nonnull (moat_gui_test_find_label (row, av));
      chip = moat_gui_test_find_label (row, c);
      g_assert_nonnull (chip);
      /* In the model's words for that level. */
      tooltip = gtk_widget_get_tooltip_text (chip);
      g_assert_nonnull (strstr (tooltip, scale[moat_asset_get_impact_confidentiality (asset) - 1]));
    }

  toggle_workshop (f);
}

static void
test_risk_levels_shown (Fixture       *f,
                        gconstpointer  data)
{
  GtkListBox *list;
  MoatWorkshopRoadmap *roadmap;
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) chips = NULL;
  guint checked = 0;

  toggle_workshop (f);
  walk_to_open_threats (f, 1);

  /* Each threat: its inherent level, labelled. */
  list = threat_list (f);
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      MoatThreat *threat = row_threat (GTK_LIST_BOX_ROW (row));
      MoatRiskAssessment risk;
      GtkWidget *chip = moat_gui_test_find_type (row, MOAT_TYPE_RISK_CHIP);

      moat_risk_assess (f->model, threat, &risk);
      g_assert_nonnull (moat_gui_test_find_label (row, "Inherent"));
      g_assert_cmpint (moat_risk_chip_get_level (MOAT_RISK_CHIP (chip)), ==, risk.level);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);

  /* Each suggestion too, as the threat it would become. */
  chips = moat_gui_test_collect_type (GTK_WIDGET (threats_stage (f)), MOAT_TYPE_WORKSHOP_SUGGESTION_ROW);
  g_assert_cmpuint (chips->len, ==,
                    g_list_model_get_n_items (moat_workshop_threats_get_suggestions (threats_stage (f))));
  for (guint i = 0; i < chips->len; i++)
    {
      GtkWidget *row = chips->pdata[i];
      MoatSuggestion *suggestion = moat_workshop_suggestion_row_get_suggestion (chips->pdata[i]);

      g_assert_nonnull (moat_gui_test_find_label (row, "Inherent"));
      g_assert_cmpint (moat_risk_chip_get_level (MOAT_RISK_CHIP (moat_gui_test_find_type (row, MOAT_TYPE_RISK_CHIP))),
                       ==, moat_suggestion_get_level (suggestion));
    }

  /* Stage 4: the top risks, and under each control, inherent → residual
   * of the threats it addresses. */
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_CONTROLS);
  roadmap = MOAT_WORKSHOP_ROADMAP (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_CONTROLS));
  top = moat_risk_top_threats (f->model, 5, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (moat_workshop_roadmap_get_top_risks (roadmap)), ==, top->len);
  for (guint i = 0; i < top->len; i++)
    {
      g_autoptr(MoatThreat) shown = g_list_model_get_item (moat_workshop_roadmap_get_top_risks (roadmap), i);
      g_assert_true (shown == top->pdata[i]);
    }

  checked = 0;
  g_clear_pointer (&chips, g_ptr_array_unref);
  chips = moat_gui_test_collect_type (moat_workshop_roadmap_get_roadmap_list (roadmap),
                                      MOAT_TYPE_WORKSHOP_REMOVAL_ROW);
  for (guint i = 0; i < chips->len; i++)
    {
      MoatThreat *threat = moat_workshop_removal_row_get_threat (chips->pdata[i]);
      MoatControl *control = moat_workshop_removal_row_get_control (chips->pdata[i]);
      g_autoptr(GPtrArray) levels = NULL;
      MoatRiskAssessment risk;

      moat_risk_assess_with_control (f->model, threat, control, &risk);
      levels = moat_gui_test_collect_type (chips->pdata[i], MOAT_TYPE_RISK_CHIP);
      g_assert_cmpuint (levels->len, ==, 2);
      g_assert_cmpint (moat_risk_chip_get_level (levels->pdata[0]), ==, risk.level);
      g_assert_cmpint (moat_risk_chip_get_level (levels->pdata[1]), ==, risk.residual_level);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);

  toggle_workshop (f);
}

/* What stage 4's coverage panel shows, row by row of its counts. */
static void
assert_coverage_shown (GtkWidget    *panel,
                       MoatCoverage *expected)
{
  g_autofree char *share = g_strdup_printf ("%.0f%%", moat_coverage_get_percent (expected));
  g_autofree char *met = g_strdup_printf ("%u of %u applicable requirements",
                                          moat_coverage_get_n_met (expected),
                                          moat_coverage_get_n_applicable (expected));
  static const MoatCoverageStatus order[] = { MOAT_COVERAGE_VERIFIED, MOAT_COVERAGE_IMPLEMENTED,
                                              MOAT_COVERAGE_PLANNED, MOAT_COVERAGE_NONE };
  GtkGrid *grid = GTK_GRID (moat_gui_test_find_type (panel, GTK_TYPE_GRID));

  g_assert_nonnull (moat_gui_test_find_label (panel, share));
  g_assert_nonnull (moat_gui_test_find_label (panel, met));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", moat_coverage_count (expected, order[i]));

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, i))), ==,
                       moat_coverage_status_get_label (order[i]));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 0, i))), ==, count);
    }
}

/* Stage 4's coverage: the figures `moat-cli coverage --level 2` gives for
 * the model's catalogue, and new ones as soon as a control changes. */
static void
test_coverage_panel (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MoatLibrary) library = moat_library_new_default ();
  g_autofree char *catalogue = moat_coverage_default_catalogue (f->model);
  g_autoptr(MoatCoverage) before = NULL;
  g_autoptr(MoatCoverage) after = NULL;
  GListModel *controls = moat_model_get_list (f->model, MOAT_TYPE_CONTROL);
  MoatWorkshopRoadmap *roadmap;
  GtkWidget *panel;
  g_autoptr(MoatControl) raised = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) requirements = NULL;
  const char *unmet = NULL;

  toggle_workshop (f);
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_CONTROLS);
  roadmap = MOAT_WORKSHOP_ROADMAP (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_CONTROLS));
  panel = moat_workshop_roadmap_get_coverage (roadmap);
  g_assert_true (moat_coverage_model_uses_catalogues (f->model));
  before = moat_coverage_compute (library, f->model, catalogue, 2, NULL);
  g_assert_nonnull (before);
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_cmpint (moat_workshop_coverage_get_level (MOAT_WORKSHOP_COVERAGE (panel)), ==, 2);
  assert_coverage_shown (panel, before);

  /* A verified control comes to meet a requirement met by none: the
   * share moves. */
  for (guint i = 0; i < moat_coverage_get_n_items (before) && unmet == NULL; i++)
    {
      const MoatCoverageItem *item = moat_coverage_get_item (before, i);

      if (item->applies && item->status == MOAT_COVERAGE_NONE)
        unmet = item->requirement->id;
    }
  g_assert_nonnull (unmet);
  raised = g_list_model_get_item (controls, 0);
  g_object_get (raised, "requirements", &requirements, NULL);
  g_strv_builder_addv (builder, (const char **) requirements);
  g_strv_builder_add (builder, unmet);
  g_clear_pointer (&requirements, g_strfreev);
  requirements = g_strv_builder_end (builder);
  g_object_set (raised, "status", MOAT_CONTROL_VERIFIED, "requirements", requirements, NULL);
  moat_gui_test_spin ();
  after = moat_coverage_compute (library, f->model, catalogue, 2, NULL);
  g_assert_cmpuint (moat_coverage_count (after, MOAT_COVERAGE_VERIFIED), >,
                    moat_coverage_count (before, MOAT_COVERAGE_VERIFIED));
  assert_coverage_shown (panel, after);

  toggle_workshop (f);
}

static void
test_draw_during_workshop (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *canvas;
  const MoatPalette *contrast = moat_palette_get (MOAT_PALETTE_HIGH_CONTRAST);
  const MoatPalette *used;
  MoatElement *process;
  MoatThreat *threat;
  guint elements = moat_model_count (f->model, MOAT_TYPE_ELEMENT);

  toggle_workshop (f);
  press_key (f, GDK_KEY_Page_Down, 0);
  canvas = moat_gui_test_find_type (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_ARCHITECTURE),
                                    MOAT_TYPE_CANVAS);
  g_assert_nonnull (canvas);
  g_assert_true (moat_canvas_get_model (MOAT_CANVAS (canvas)) == f->model);
  g_assert_nonnull (moat_canvas_get_diagram_id (MOAT_CANVAS (canvas)));

  /* The room reads it in high contrast, whatever the desktop's style. */
  used = moat_renderer_get_palette (moat_canvas_get_renderer (MOAT_CANVAS (canvas)));
  g_assert_true (memcmp (&used->text, &contrast->text, sizeof used->text) == 0);
  g_assert_true (memcmp (&used->process_stroke, &contrast->process_stroke, sizeof used->process_stroke) == 0);
  g_assert_cmpfloat (used->line_scale, ==, contrast->line_scale);

  /* Drawing works as on the diagram page... */
  process = moat_canvas_place (MOAT_CANVAS (canvas), MOAT_ELEMENT_PROCESS, 120, 120);
  g_assert_nonnull (process);
  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_ELEMENT), ==, elements + 1);
  g_assert_cmpstr (moat_element_get_diagram_id (process), ==, moat_canvas_get_diagram_id (MOAT_CANVAS (canvas)));

  /* ...and a threat captured now is on what is picked on the diagram. */
  moat_canvas_select (MOAT_CANVAS (canvas), process, FALSE);
  g_assert_true (press_key (f, GDK_KEY_t, 0));
  type_and_enter (f, "Spoofed calls to the new service");
  threat = moat_gui_test_find_titled (f->model, MOAT_TYPE_THREAT, "title", "Spoofed calls to the new service");
  g_assert_nonnull (threat);
  g_assert_true (g_strv_contains (moat_threat_get_element_ids (threat), moat_object_get_id (MOAT_OBJECT (process))));

  toggle_workshop (f);
  g_assert_nonnull (strstr (moat_workshop_session_get_summary (newest_session (f->model)), "1 element"));
}

static void
test_keys_do_not_fire_while_typing (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *reflection;
  GtkWidget *text;
  guint threats = moat_model_count (f->model, MOAT_TYPE_THREAT);

  toggle_workshop (f);
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_REFLECTION);
  moat_gui_test_spin ();
  reflection = moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_REFLECTION);
  text = moat_gui_test_find_type (reflection, GTK_TYPE_TEXT_VIEW);
  g_assert_true (gtk_widget_grab_focus (text));

  g_assert_false (press_key (f, GDK_KEY_t, 0));
  g_assert_false (press_key (f, GDK_KEY_Page_Up, 0));
  g_assert_false (moat_workshop_view_get_capturing (f->view));
  g_assert_cmpint (moat_workshop_view_get_stage (f->view), ==, MOAT_WORKSHOP_STAGE_REFLECTION);

  /* Escape leaves the text, not the workshop. */
  g_assert_true (press_key (f, GDK_KEY_Escape, 0));
  g_assert_true (in_workshop (f));
  g_assert_false (gtk_widget_has_focus (text));
  g_assert_true (press_key (f, GDK_KEY_Escape, 0));
  g_assert_true (in_workshop (f));
  g_assert_true (press_key (f, GDK_KEY_t, 0));
  g_assert_true (moat_workshop_view_get_capturing (f->view));
  press_key_on (moat_workshop_view_get_capture_entry (f->view), GDK_KEY_Escape);

  g_assert_cmpuint (moat_model_count (f->model, MOAT_TYPE_THREAT), ==, threats);
  toggle_workshop (f);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  GtkWidget *child = GTK_IS_TOGGLE_BUTTON (widget) ? gtk_button_get_child (GTK_BUTTON (widget)) : NULL;

  return GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), label) == 0;
}

static GtkWidget *
find_toggle (GtkWidget  *root,
             const char *label)
{
  return moat_gui_test_find (root, is_toggle_labelled, label);
}

static void
test_reflection (Fixture       *f,
                 gconstpointer  data)
{
  MoatWorkshopSession *session;
  GtkWidget *reflection;
  GtkWidget *name_entry;
  GtkTextView *answer;
  GVariant *participants;
  const char *name, *role;

  toggle_workshop (f);
  session = moat_workshop_view_get_session (f->view);
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_REFLECTION);
  reflection = moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_REFLECTION);

  /* A name and a role, as typed and picked. */
  name_entry = moat_gui_test_find_type (reflection, GTK_TYPE_ENTRY);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (moat_gui_test_find_type (reflection, GTK_TYPE_DROP_DOWN)), 2);
  gtk_editable_set_text (GTK_EDITABLE (name_entry), "Ana");
  g_signal_emit_by_name (name_entry, "activate");
  moat_workshop_reflection_add_participant (MOAT_WORKSHOP_REFLECTION (reflection), "Ben", "developer");
  moat_workshop_reflection_add_participant (MOAT_WORKSHOP_REFLECTION (reflection), "Chi", "product");
  moat_workshop_reflection_remove_participant (MOAT_WORKSHOP_REFLECTION (reflection), 1);
  participants = moat_workshop_session_get_participants (session);
  g_assert_cmpuint (g_variant_n_children (participants), ==, 2);
  g_variant_get_child (participants, 0, "(&s&s)", &name, &role);
  g_assert_cmpstr (name, ==, "Ana");
  g_assert_cmpstr (role, ==, "security");
  g_variant_get_child (participants, 1, "(&s&s)", &name, &role);
  g_assert_cmpstr (name, ==, "Chi");
  g_assert_cmpstr (role, ==, "product");

  g_signal_emit_by_name (find_toggle (reflection, "Not good enough"), "clicked");
  g_assert_cmpint (moat_workshop_session_get_consensus (session), ==, MOAT_CONSENSUS_NOT_GOOD_ENOUGH);

  answer = GTK_TEXT_VIEW (moat_gui_test_find_type (reflection, GTK_TYPE_TEXT_VIEW));
  set_text (answer, "The checkout, from basket to settlement.");
  moat_workshop_reflection_commit (MOAT_WORKSHOP_REFLECTION (reflection));
  g_assert_cmpstr (moat_workshop_session_get_answer_working (session), ==,
                   "The checkout, from basket to settlement.");

  /* What is typed but not yet committed is kept when the workshop ends. */
  set_text (answer, "The checkout and the refunds.");
  toggle_workshop (f);
  g_assert_cmpstr (moat_workshop_session_get_answer_working (session), ==, "The checkout and the refunds.");
  g_assert_cmpint (moat_workshop_session_get_stage (session), ==, MOAT_WORKSHOP_STAGE_REFLECTION);
}

static void
test_session_recorded (Fixture       *f,
                       gconstpointer  data)
{
  GSettings *settings = moat_application_get_settings (app);
  MoatWorkshopSession *session;
  MoatWorkshopTimer *timer;
  g_autoptr(GtkWidget) history = g_object_ref_sink (moat_workshop_history_new ());
  g_autofree char *summary = NULL;
  g_autoptr(MoatElement) element = NULL;
  gint64 before = g_get_real_time ();

  g_settings_set_int (settings, "workshop-minutes", 45);
  toggle_workshop (f);
  session = moat_workshop_view_get_session (f->view);
  g_assert_cmpint (moat_workshop_session_get_planned_minutes (session), ==, 45);
  timer = MOAT_WORKSHOP_TIMER (moat_workshop_view_get_timer (f->view));
  g_assert_cmpint (moat_workshop_timer_get_planned_minutes (timer), ==, 45);
  g_assert_cmpint (moat_workshop_session_get_started (session), >=, before);

  press_key (f, GDK_KEY_t, 0);
  type_and_enter (f, "Phishing of merchant administrators");
  press_key (f, GDK_KEY_c, 0);
  type_and_enter (f, "Hardware keys for merchant administrators");
  press_key (f, GDK_KEY_c, 0);
  type_and_enter (f, "Alert on new administrator devices");
  /* An edit made elsewhere, as on the canvas, counts as well. */
  element = g_list_model_get_item (moat_model_get_list (f->model, MOAT_TYPE_ELEMENT), 0);
  g_object_set (element, "description", "Changed in the workshop", NULL);

  /* A duration is whole seconds: wait for one to pass. */
  g_usleep (G_USEC_PER_SEC + G_USEC_PER_SEC / 10);
  toggle_workshop (f);

  g_assert_nonnull (moat_object_get_model (MOAT_OBJECT (session)));
  g_assert_cmpint (moat_workshop_session_get_duration (session), >=, 1);
  summary = g_strdup (moat_workshop_session_get_summary (session));
  g_assert_nonnull (strstr (summary, "1 threat"));
  g_assert_nonnull (strstr (summary, "2 controls"));
  g_assert_nonnull (strstr (summary, "1 element"));

  /* The history lists it first. */
  moat_page_set_model (MOAT_PAGE (history), f->model);
  g_assert_cmpuint (g_list_model_get_n_items (moat_workshop_history_get_sessions (MOAT_WORKSHOP_HISTORY (history))),
                    ==, moat_model_count (f->model, MOAT_TYPE_WORKSHOP_SESSION));
  {
    g_autoptr(MoatWorkshopSession) first =
      g_list_model_get_item (moat_workshop_history_get_sessions (MOAT_WORKSHOP_HISTORY (history)), 0);
    g_assert_true (first == session);
  }
  g_settings_reset (settings, "workshop-minutes");
}

static void
test_recorder_counts (void)
{
  g_autoptr(MoatModel) model = moat_test_sample_model ();
  g_autoptr(MoatWorkshopRecorder) recorder = moat_workshop_recorder_new (model, 30);
  g_autoptr(MoatThreat) kept = moat_threat_new ();
  g_autoptr(MoatThreat) dropped = moat_threat_new ();
  g_autoptr(MoatAssumption) question = moat_assumption_new ();
  g_autofree char *summary = NULL;

  g_object_set (question, "kind", MOAT_ASSUMPTION_KIND_QUESTION, NULL);
  moat_model_add (model, kept);
  moat_model_add (model, dropped);
  moat_model_add (model, question);
  g_object_set (kept, "title", "Edited after it was added", NULL);
  moat_model_remove (model, dropped);
  g_object_set (model, "title", "A new title", NULL);

  g_assert_cmpuint (moat_workshop_recorder_count_added (recorder, MOAT_TYPE_THREAT), ==, 1);
  g_assert_cmpuint (moat_workshop_recorder_count_changed (recorder, MOAT_TYPE_THREAT), ==, 0);
  summary = moat_workshop_recorder_dup_summary (recorder);
  g_assert_cmpstr (summary, ==, "Added: 1 threat, 1 open question. Changed: the business context.");

  /* Undoing the start of the workshop does not lose its record. */
  while (moat_model_undo (model))
    ;
  moat_workshop_recorder_finish (recorder, 2, 40);
  g_assert_true (moat_object_get_model (MOAT_OBJECT (moat_workshop_recorder_get_session (recorder))) == model);
  g_assert_cmpint (moat_workshop_session_get_stage (moat_workshop_recorder_get_session (recorder)), ==, 2);
  g_assert_cmpint (moat_workshop_session_get_planned_minutes (moat_workshop_recorder_get_session (recorder)), ==, 40);
}

static void
test_timer_warning (Fixture       *f,
                    gconstpointer  data)
{
  MoatWorkshopTimer *timer;

  toggle_workshop (f);
  timer = MOAT_WORKSHOP_TIMER (moat_workshop_view_get_timer (f->view));
  g_assert_false (moat_workshop_timer_get_warning (timer));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (timer), "timer-warning"));

  /* Five minutes planned: the workshop is in its last five minutes. */
  moat_workshop_timer_set_planned_minutes (timer, 5);
  g_assert_true (moat_workshop_timer_get_warning (timer));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (timer), "timer-warning"));
  g_assert_cmpint (moat_workshop_timer_get_remaining (timer), <=, 5 * 60);

  /* More time takes the warning away. */
  moat_workshop_timer_set_planned_minutes (timer, 5 + MOAT_WORKSHOP_TIMER_STEP_MINUTES * 2);
  g_assert_false (moat_workshop_timer_get_warning (timer));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (timer), "timer-warning"));

  toggle_workshop (f);
  g_assert_cmpint (moat_workshop_session_get_planned_minutes (newest_session (f->model)), ==, 15);
}

static double
font_size (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font = pango_context_get_font_description (context);

  return (double) pango_font_description_get_size (font) / PANGO_SCALE;
}

static void
test_text_scale (Fixture       *f,
                 gconstpointer  data)
{
  GSettings *settings = moat_application_get_settings (app);
  GtkWidget *timer;
  double small, large;

  toggle_workshop (f);
  timer = moat_workshop_view_get_timer (f->view);
  g_settings_set_double (settings, "presentation-text-scale", 1.0);
  moat_gui_test_wait_frames (timer, 3);
  small = font_size (timer);
  g_settings_set_double (settings, "presentation-text-scale", 2.0);
  moat_gui_test_wait_frames (timer, 3);
  large = font_size (timer);
  g_test_message ("text at scale 1: %g pt; at scale 2: %g pt", small, large);
  g_assert_cmpfloat_with_epsilon (large / small, 2.0, 0.05);

  toggle_workshop (f);
  g_settings_reset (settings, "presentation-text-scale");
}

/* ------------------------------------------------------------------ */
/* Screenshots                                                         */

static gboolean
any_label_ellipsized (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      g_test_message ("“%s” is cut off", gtk_label_get_text (GTK_LABEL (widget)));
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (any_label_ellipsized (child))
      return TRUE;
  return FALSE;
}

static void
wait_for_transition (GtkStack *stack)
{
  while (gtk_stack_get_transition_running (stack))
    moat_gui_test_wait_frames (GTK_WIDGET (stack), 1);
  moat_gui_test_wait_frames (GTK_WIDGET (stack), 3);
}

/* Without a window manager there is no full screen: the window keeps the
 * frame it draws for resizing. Taking that frame away makes the window
 * what it is in full screen, all content. */
static void
remove_window_frame (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, "window.solid-csd { padding: 0; box-shadow: none; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
}

static void
wait_for_size (GtkWidget *window,
               int        width,
               int        height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (window) != width || gtk_widget_get_height (window) != height)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window is %d×%d, not %d×%d", gtk_widget_get_width (window),
                 gtk_widget_get_height (window), width, height);
      g_main_context_iteration (NULL, FALSE);
    }
  moat_gui_test_wait_frames (window, 2);
}

static GtkWidget *
find_history_window (MoatWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (parent)
          && moat_gui_test_find_type (GTK_WIDGET (window), MOAT_TYPE_WORKSHOP_HISTORY) != NULL)
        return GTK_WIDGET (window);
    }
  g_assert_not_reached ();
}

typedef struct {
  int width;
  int height;
} Size;

/* What a team might have written by the end, for the pictures. */
static void
fill_reflection (Fixture *f)
{
  MoatWorkshopReflection *reflection =
    MOAT_WORKSHOP_REFLECTION (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_REFLECTION));
  MoatWorkshopSession *session = moat_workshop_view_get_session (f->view);

  moat_workshop_reflection_add_participant (reflection, "Ana Lima", "security");
  moat_workshop_reflection_add_participant (reflection, "Ben Okafor", "developer");
  moat_workshop_reflection_add_participant (reflection, "Chen Wei", "architect");
  moat_workshop_reflection_add_participant (reflection, "Dana Cruz", "product");
  g_object_set (session,
                "answer-working", "The checkout: from the basket to the settlement with the provider.",
                "answer-wrong", "Card data leaking from the vault; the checkout flooded on a peak day.",
                "consensus", MOAT_CONSENSUS_GOOD_ENOUGH,
                "follow-ups", "Ben: ticket for webhook replay protection.\nAna: review the vault keys.",
                NULL);
}

/* The two projector resolutions a meeting room is likely to have. */
static const Size projector_sizes[] = { { 1280, 720 }, { 1920, 1080 } };

static void
screenshot_setup (Fixture       *f,
                  gconstpointer  data)
{
  const Size *size = data;
  GSettings *settings = moat_application_get_settings (app);

  /* The window opens at the size the settings remember. */
  g_settings_set_int (settings, "window-width", size->width);
  g_settings_set_int (settings, "window-height", size->height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  remove_window_frame ();
  fixture_setup (f, data);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  const Size *size = data;
  const char *build_dir = g_getenv ("MOAT_BUILD_DIR");
  g_autofree char *dir = g_build_filename (build_dir ? build_dir : ".", "workshop-screenshots", NULL);
  g_autofree char *capture = g_strdup_printf ("capture-%dx%d.png", size->width, size->height);
  g_autofree char *capture_path = g_build_filename (dir, capture, NULL);
  MoatWorkshopThreats *stage;
  GtkRevealer *revealer;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  toggle_workshop (f);
  fill_reflection (f);
  wait_for_size (GTK_WIDGET (f->window), size->width, size->height);
  wait_for_transition (main_stack (f));
  stage = MOAT_WORKSHOP_THREATS (moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_THREATS));
  /* An element with threats on it, to show a full stage. */
  while (g_list_model_get_n_items (moat_workshop_threats_get_threats (stage)) < 2
         && moat_workshop_threats_step (stage, +1))
    ;

  for (guint i = 0; i < MOAT_WORKSHOP_N_STAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("stage-%u-%dx%d.png", i + 1, size->width, size->height);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      moat_workshop_view_set_stage (f->view, i);
      wait_for_transition (GTK_STACK (gtk_widget_get_parent (moat_workshop_view_get_stage_widget (f->view, i))));
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
      g_test_message ("wrote %s", path);
      g_assert_false (any_label_ellipsized (GTK_WIDGET (f->view)));
      /* No stage needs more room than the projector has. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, size->width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, size->height);
    }

  /* Quick capture over the threats stage. */
  moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_THREATS);
  press_key (f, GDK_KEY_t, 0);
  gtk_editable_set_text (GTK_EDITABLE (moat_workshop_view_get_capture_entry (f->view)),
                         "Card testing through the checkout");
  wait_for_transition (GTK_STACK (gtk_widget_get_parent (moat_workshop_view_get_stage_widget (f->view, 2))));
  revealer = GTK_REVEALER (gtk_widget_get_ancestor (moat_workshop_view_get_capture_entry (f->view),
                                                    GTK_TYPE_REVEALER));
  while (!gtk_revealer_get_child_revealed (revealer))
    moat_gui_test_wait_frames (GTK_WIDGET (f->view), 1);
  moat_gui_test_wait_frames (GTK_WIDGET (f->view), 2);
  moat_gui_test_save_screenshot (GTK_WIDGET (f->window), capture_path);
  press_key_on (moat_workshop_view_get_capture_entry (f->view), GDK_KEY_Escape);

  /* A control with no threat picked: which one does it address? */
  {
    g_autofree char *name = g_strdup_printf ("chooser-%dx%d.png", size->width, size->height);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    GtkWidget *chooser = moat_workshop_view_get_chooser (f->view);

    gtk_list_box_unselect_all (threat_list (f));
    press_key (f, GDK_KEY_c, 0);
    gtk_editable_set_text (GTK_EDITABLE (moat_workshop_view_get_capture_entry (f->view)),
                           "Tokenise card numbers before they reach the vault");
    g_signal_emit_by_name (moat_workshop_view_get_capture_entry (f->view), "activate");
    moat_gui_test_spin ();
    g_assert_true (gtk_widget_get_visible (chooser));
    moat_gui_test_wait_frames (GTK_WIDGET (f->view), 4);
    moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    g_assert_false (any_label_ellipsized (GTK_WIDGET (f->view)));
    press_key_on (chooser, GDK_KEY_Escape);
    press_key_on (moat_workshop_view_get_capture_entry (f->view), GDK_KEY_Escape);
    g_assert_false (moat_workshop_view_get_capturing (f->view));
  }

  /* At the largest text scale every stage still fits: text wraps and
   * scrolls, it does not push the window wider. */
  g_settings_set_double (moat_application_get_settings (app), "presentation-text-scale", 3.0);
  for (guint i = 0; i < MOAT_WORKSHOP_N_STAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("largest-text-stage-%u-%dx%d.png", i + 1, size->width, size->height);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      moat_workshop_view_set_stage (f->view, i);
      wait_for_transition (GTK_STACK (gtk_widget_get_parent (moat_workshop_view_get_stage_widget (f->view, i))));
      moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, size->width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, size->height);
    }
  /* Stage 4 scrolled down to its requirement coverage, at the largest
   * text, last: the scroll leaves an indicator on the stage. */
  {
    g_autofree char *name = g_strdup_printf ("coverage-largest-text-%dx%d.png", size->width, size->height);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    GtkWidget *roadmap = moat_workshop_view_get_stage_widget (f->view, MOAT_WORKSHOP_STAGE_CONTROLS);
    GtkWidget *panel = moat_workshop_roadmap_get_coverage (MOAT_WORKSHOP_ROADMAP (roadmap));
    GtkWidget *scroller = gtk_widget_get_ancestor (panel, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    double x, y;

    moat_workshop_view_set_stage (f->view, MOAT_WORKSHOP_STAGE_CONTROLS);
    wait_for_transition (GTK_STACK (gtk_widget_get_parent (roadmap)));
    g_assert_true (gtk_widget_get_mapped (panel));
    g_assert_true (gtk_widget_translate_coordinates (panel, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                                     0, 0, &x, &y));
    gtk_adjustment_set_value (adjustment, y);
    moat_gui_test_wait_frames (GTK_WIDGET (f->view), 3);
    moat_gui_test_save_screenshot (GTK_WIDGET (f->window), path);
    g_test_message ("wrote %s", path);
    gtk_adjustment_set_value (adjustment, 0);
  }

  g_settings_reset (moat_application_get_settings (app), "presentation-text-scale");
  toggle_workshop (f);

  /* The record of it, in the history. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.workshop-history", NULL));
  {
    g_autofree char *name = g_strdup_printf ("history-%dx%d.png", size->width, size->height);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    GtkWidget *history = find_history_window (f->window);
    GtkWidget *list = moat_gui_test_find_type (history, MOAT_TYPE_WORKSHOP_HISTORY);
    GtkWidget *row;

    g_assert_nonnull (list);
    row = moat_gui_test_find_type (list, ADW_TYPE_EXPANDER_ROW);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    moat_gui_test_wait_frames (history, 10);
    moat_gui_test_save_screenshot (history, path);
    gtk_window_destroy (GTK_WINDOW (history));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  app = moat_gui_test_new_application ();

#define ADD(path, func) \
  g_test_add ("/workshop/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("enter-and-leave", test_enter_and_leave);
  ADD ("stages", test_step_through_stages);
  ADD ("presenter-keys", test_presenter_keys);
  ADD ("walk-elements", test_walk_elements);
  ADD ("capture-by-keyboard", test_capture_by_keyboard);
  ADD ("control-asks-for-threat", test_control_asks_for_threat);
  ADD ("capture-links-focus", test_capture_links_focus);
  ADD ("walk-crown-jewels-first", test_walk_crown_jewels_first);
  ADD ("context-shows-asset-impact", test_context_shows_asset_impact);
  ADD ("risk-levels-shown", test_risk_levels_shown);
  ADD ("coverage-panel", test_coverage_panel);
  ADD ("draw", test_draw_during_workshop);
  ADD ("keys-while-typing", test_keys_do_not_fire_while_typing);
  ADD ("reflection", test_reflection);
  ADD ("session-recorded", test_session_recorded);
  ADD ("timer-warning", test_timer_warning);
  ADD ("text-scale", test_text_scale);
  for (guint i = 0; i < G_N_ELEMENTS (projector_sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/workshop/screenshots/%dx%d",
                                               projector_sizes[i].width, projector_sizes[i].height);
      g_test_add (path, Fixture, &projector_sizes[i], screenshot_setup, test_screenshots, fixture_teardown);
    }
  g_test_add_func ("/workshop/recorder-counts", test_recorder_counts);
#undef ADD

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
