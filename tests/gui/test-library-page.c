/* test-library-page.c: the Rules and Catalogues preferences page
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "moat-coverage-group.h"
#include "moat-gui-test-util.h"
#include "moat-library-page.h"
#include "moat-library-row.h"
#include "moat-preferences-window.h"
#include "moat-test-util.h"
#include "moat-threats-panel.h"

#define GOOD_RULES  "acme-cloud-platform-hardening-rules-for-payment-services.json"
#define BROKEN_RULES "team-rules-with-a-missing-comma-somewhere-in-the-second-rule.json"

static MoatApplication *app;

static const char *good_rules =
  "{\"set\": \"acme\", \"rules\": [\n"
  "{\"id\": \"acme.every-process\", \"title\": \"Acme: every process is reviewed by the platform team\",\n"
  " \"category\": \"E\", \"applies_to\": [\"process\"]}]}\n";

/* The comma after "acme.two" is missing: json-glib stops at line 3,
 * column 17. */
static const char *broken_rules =
  "{\"rules\": [\n"
  "{\"id\": \"acme.one\", \"title\": \"T\", \"category\": \"S\", \"applies_to\": [\"process\"]},\n"
  "{\"id\": \"acme.two\" \"title\": \"T\"}]}\n";

static const char *good_catalogue =
  "{\"id\": \"acme-iss\", \"title\": \"Acme Internal Security Standard\", \"release\": \"2026.1\",\n"
  " \"levels\": [1, 2], \"requirements\": [\n"
  "  {\"id\": \"ISS.1\", \"level\": 1, \"title\": \"Single sign-on\"},\n"
  "  {\"id\": \"ISS.2\", \"level\": 2, \"title\": \"Hardware keys\"}]}\n";

/* Requirement ISS.9 has no level. */
static const char *broken_catalogue =
  "{\"id\": \"pci-subset\", \"title\": \"PCI DSS subset\", \"levels\": [1],\n"
  " \"requirements\": [\n"
  "  {\"id\": \"ISS.9\", \"title\": \"No level\"}]}\n";

typedef struct
{
  MoatWindow            *window;
  MoatModel             *model;
  MoatPreferencesWindow *prefs;
  MoatLibraryPage       *page;
  MoatThreatsPanel      *threats;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = moat_gui_test_open_example (app);
  f->model = moat_window_get_model (f->window);
  f->threats = MOAT_THREATS_PANEL (moat_gui_test_find_type (GTK_WIDGET (f->window), MOAT_TYPE_THREATS_PANEL));
  g_assert_nonnull (f->threats);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.preferences", NULL));
  moat_gui_test_spin ();
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (MOAT_IS_PREFERENCES_WINDOW (l->data))
      f->prefs = l->data;
  g_assert_nonnull (f->prefs);
  f->page = MOAT_LIBRARY_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->prefs), MOAT_TYPE_LIBRARY_PAGE));
  g_assert_nonnull (f->page);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "library");
  moat_gui_test_spin ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->prefs));
  moat_gui_test_close (f->window);
}

static MoatLibraryRow *
row_titled (Fixture    *f,
            const char *title)
{
  GPtrArray *rows = moat_library_page_get_rows (f->page);

  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (rows->pdata[i]), title))
      return rows->pdata[i];
  g_assert_not_reached ();
}

/* How many of the selected element's suggestions come from @set. */
static guint
count_suggested (Fixture    *f,
                 const char *set)
{
  GListModel *items = moat_suggestion_list_get_items (moat_threats_panel_get_suggestions (f->threats));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MoatSuggestion) suggestion = g_list_model_get_item (items, i);

      if (g_str_equal (moat_rule_get_set (moat_suggestion_get_rule (suggestion)), set))
        n++;
    }
  return n;
}

static void
select_payment_api (Fixture *f)
{
  MoatDiagramPage *page = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                      MOAT_TYPE_DIAGRAM_PAGE));

  moat_gui_test_select_element (page, moat_gui_test_element_named (f->model, "Payment API"));
  moat_gui_test_spin ();
}

/* The page at the top (@bottom FALSE) or scrolled to its end. */
static void
screenshot (Fixture    *f,
            const char *name,
            gboolean    bottom)
{
  const char *dir = g_getenv ("MOAT_TEST_SCREENSHOTS");
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (moat_gui_test_find_type (GTK_WIDGET (f->page),
                                                                              GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  moat_gui_test_wait_frames (GTK_WIDGET (f->prefs), 3);
  gtk_adjustment_set_value (adjustment, bottom ? gtk_adjustment_get_upper (adjustment) : 0);
  moat_gui_test_wait_frames (GTK_WIDGET (f->prefs), 3);
  moat_gui_test_save_screenshot (GTK_WIDGET (f->prefs), path);
}

/* Switching STRIDE off on the page takes its suggestions away in this
 * model, is saved in it, and is undone like any edit. */
static void
test_switch_rule_set (Fixture       *f,
                      gconstpointer  data)
{
  MoatLibraryRow *stride = row_titled (f, "STRIDE per Element");
  GtkSwitch *toggle = moat_library_row_get_switch (stride);
  g_auto(GStrv) sets = NULL;
  guint before;

  select_payment_api (f);
  before = count_suggested (f, "stride");
  g_assert_cmpuint (before, >, 0);
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));

  gtk_switch_set_active (toggle, FALSE);
  moat_gui_test_spin ();
  g_object_get (f->model, "rule-sets", &sets, NULL);
  g_assert_false (g_strv_contains ((const char * const *)sets, "stride"));
  g_assert_true (g_strv_contains ((const char * const *)sets, "context"));
  g_assert_cmpuint (count_suggested (f, "stride"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  moat_gui_test_spin ();
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_cmpuint (count_suggested (f, "stride"), ==, before);
}

/* A person's own rule file is listed with where it is and how many rules
 * it holds, and its switch is per model too. */
static void
test_switch_user_rules (Fixture       *f,
                        gconstpointer  data)
{
  MoatLibraryRow *acme = row_titled (f, GOOD_RULES);
  const MoatLibraryEntry *entry = moat_library_row_get_entry (acme);
  g_auto(GStrv) sets = NULL;

  g_assert_cmpstr (entry->id, ==, "acme");
  g_assert_cmpuint (entry->count, ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (acme)), GOOD_RULES));
  select_payment_api (f);
  g_assert_cmpuint (count_suggested (f, "acme"), ==, 1);

  gtk_switch_set_active (moat_library_row_get_switch (acme), FALSE);
  moat_gui_test_spin ();
  g_object_get (f->model, "rule-sets", &sets, NULL);
  g_assert_true (g_strv_contains ((const char * const *)sets, "-acme"));
  g_assert_cmpuint (count_suggested (f, "acme"), ==, 0);
  g_assert_cmpuint (count_suggested (f, "stride"), >, 0);
}

/* A broken file shows why and where, as an error, with nothing to switch;
 * the rest of the library is there. */
static void
test_broken_file (Fixture       *f,
                  gconstpointer  data)
{
  MoatLibraryRow *broken = row_titled (f, BROKEN_RULES);
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (broken));

  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, BROKEN_RULES ":3:17"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (broken), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (moat_library_row_get_switch (broken))));
  g_assert_nonnull (row_titled (f, GOOD_RULES));
  g_assert_nonnull (row_titled (f, "Acme Internal Security Standard 2026.1"));

  /* A catalogue's error names the file and line, under the catalogues. */
  broken = row_titled (f, "pci-subset.json");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (broken));
  g_test_message ("%s", subtitle);
  g_assert_nonnull (strstr (subtitle, "pci-subset.json:3:"));
  g_assert_cmpuint (moat_library_row_get_entry (broken)->kind, ==, MOAT_LIBRARY_CATALOGUE);

  screenshot (f, "library-page.png", FALSE);
  screenshot (f, "library-page-end.png", TRUE);
}

/* The coverage on the Risk page measures against the catalogue switched
 * on here. */
static void
test_switch_catalogue (Fixture       *f,
                       gconstpointer  data)
{
  MoatLibraryRow *asvs = row_titled (f, "OWASP Application Security Verification Standard 5.0.0");
  MoatLibraryRow *iss = row_titled (f, "Acme Internal Security Standard 2026.1");
  MoatDiagramPage *diagrams = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                          MOAT_TYPE_DIAGRAM_PAGE));
  AdwViewStack *views = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (diagrams), ADW_TYPE_VIEW_STACK));
  MoatCoverageGroup *group = MOAT_COVERAGE_GROUP (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                           MOAT_TYPE_COVERAGE_GROUP));
  g_auto(GStrv) catalogues = NULL;
  g_autofree char *title = NULL;

  g_assert_true (gtk_switch_get_active (moat_library_row_get_switch (asvs)));
  g_assert_false (gtk_switch_get_active (moat_library_row_get_switch (iss)));
  gtk_switch_set_active (moat_library_row_get_switch (iss), TRUE);
  gtk_switch_set_active (moat_library_row_get_switch (asvs), FALSE);
  moat_gui_test_spin ();
  g_object_get (f->model, "catalogues", &catalogues, NULL);
  g_assert_cmpstrv (catalogues, ((const char *[]) { "acme-iss", NULL }));

  adw_view_stack_set_visible_child_name (views, "risk");
  moat_gui_test_spin ();
  g_assert_nonnull (moat_coverage_group_get_coverage (group));
  title = moat_coverage_get_title (moat_coverage_group_get_coverage (group));
  g_assert_true (g_str_has_prefix (title, "Acme Internal Security Standard"));
}

/* A catalogue added while the window is open is measured against once
 * the files are read again. */
static void
test_reload_catalogue (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "moat", "catalogues", "later.json", NULL);
  MoatDiagramPage *diagrams = MOAT_DIAGRAM_PAGE (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                          MOAT_TYPE_DIAGRAM_PAGE));
  AdwViewStack *views = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (diagrams), ADW_TYPE_VIEW_STACK));
  MoatCoverageGroup *group = MOAT_COVERAGE_GROUP (moat_gui_test_find_type (GTK_WIDGET (f->window),
                                                                           MOAT_TYPE_COVERAGE_GROUP));
  g_autofree char *title = NULL;

  /* The Risk page has read the catalogues before the file exists. */
  adw_view_stack_set_visible_child_name (views, "risk");
  moat_gui_test_spin ();
  moat_test_write_user_file ("catalogues", "later.json",
                             "{\"id\": \"later-std\", \"title\": \"Later Standard\", \"levels\": [1, 2],"
                             " \"requirements\": [{\"id\": \"L.1\", \"level\": 1, \"title\": \"One\"}]}");
  g_object_set (f->model, "catalogues", (const char *[]) { "later-std", NULL }, NULL);
  moat_gui_test_spin ();
  g_assert_null (moat_coverage_group_get_coverage (group));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "library.reload", NULL));
  moat_gui_test_spin ();
  g_assert_nonnull (moat_coverage_group_get_coverage (group));
  title = moat_coverage_get_title (moat_coverage_group_get_coverage (group));
  g_assert_true (g_str_has_prefix (title, "Later Standard"));
  g_remove (path);
}

/* Reload reads a file added after the start, for the page and for the
 * suggestions. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "moat", "rules", "later.json", NULL);
  MoatLibraryRow *later;

  moat_test_write_user_file ("rules", "later.json",
                   "{\"set\": \"later\", \"rules\": [{\"id\": \"later.one\", \"title\": \"Later rule\","
                   " \"category\": \"T\", \"applies_to\": [\"process\"]}]}");
  select_payment_api (f);
  g_assert_cmpuint (count_suggested (f, "later"), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "library.reload", NULL));
  select_payment_api (f);
  later = row_titled (f, "later.json");
  g_assert_true (gtk_switch_get_active (moat_library_row_get_switch (later)));
  g_assert_cmpuint (count_suggested (f, "later"), ==, 1);
  g_remove (path);
}

/* Open Rules Folder makes the folders a person puts files in, whether or
 * not something opens them here. */
static void
test_open_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *rules = g_build_filename (g_get_user_config_dir (), "moat", "rules", NULL);
  g_autofree char *catalogues = g_build_filename (g_get_user_config_dir (), "moat", "catalogues", NULL);

  moat_test_rm_rf (rules);
  moat_test_rm_rf (catalogues);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "library.open-folder", NULL));
  g_assert_true (g_file_test (rules, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (catalogues, G_FILE_TEST_IS_DIR));
  moat_gui_test_spin ();
}

/* From a window with no model yet, the page lists the library and its
 * switches wait for a model. */
static void
test_without_model (void)
{
  MoatWindow *window = moat_window_new (app);
  MoatPreferencesWindow *prefs;
  MoatLibraryPage *page;
  GPtrArray *rows;

  gtk_window_present (GTK_WINDOW (window));
  moat_gui_test_spin ();
  g_assert_null (moat_window_get_model (window));
  prefs = MOAT_PREFERENCES_WINDOW (moat_preferences_window_new (GTK_WINDOW (window), NULL));
  gtk_window_present (GTK_WINDOW (prefs));
  moat_gui_test_spin ();
  page = MOAT_LIBRARY_PAGE (moat_gui_test_find_type (GTK_WIDGET (prefs), MOAT_TYPE_LIBRARY_PAGE));
  rows = moat_library_page_get_rows (page);
  g_assert_cmpuint (rows->len, >=, 4);  /* three rule sets and ASVS at least */
  for (guint i = 0; i < rows->len; i++)
    {
      GtkSwitch *toggle = moat_library_row_get_switch (rows->pdata[i]);

      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (toggle)));
      g_assert_false (gtk_switch_get_active (toggle));
    }
  gtk_window_destroy (GTK_WINDOW (prefs));
  moat_gui_test_close (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  moat_test_write_user_file ("rules", GOOD_RULES, good_rules);
  moat_test_write_user_file ("rules", BROKEN_RULES, broken_rules);
  moat_test_write_user_file ("catalogues", "acme-internal-security-standard.json", good_catalogue);
  moat_test_write_user_file ("catalogues", "pci-subset.json", broken_catalogue);
  app = moat_gui_test_new_application ();

#define ADD(path, func) g_test_add ("/library-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("switch-rule-set", test_switch_rule_set);
  ADD ("switch-user-rules", test_switch_user_rules);
  ADD ("broken-file", test_broken_file);
  ADD ("switch-catalogue", test_switch_catalogue);
  ADD ("reload", test_reload);
  ADD ("reload-catalogue", test_reload_catalogue);
  ADD ("open-folder", test_open_folder);
#undef ADD
  g_test_add_func ("/library-page/without-model", test_without_model);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
