/* test-window.c: the application window, driven in-process through its
 * actions as menus and shortcuts drive it.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>

#include "moat-application.h"
#include "moat-gui-test-util.h"
#include "moat-limits.h"
#include "moat-preferences-window.h"
#include "moat-report-dialog.h"
#include "moat-test-util.h"
#include "moat-window.h"

static MoatApplication *app;
static char *tmpdir;

static void
close_all_windows (void)
{
  moat_gui_test_close_all_windows (app);
}

static guint
n_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static MoatWindow *
active_window (void)
{
  return moat_gui_test_active_window (app);
}

/* The example model, as the first README command makes it. */
static GFile *
example_file (void)
{
  g_autofree char *json = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples",
                                            "payment-service.moat.json", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "payment-service.moat", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (json);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(MoatStore) store = NULL;

  if (!g_file_query_exists (target, NULL))
    {
      model = moat_json_read_file (source, &error);
      g_assert_no_error (error);
      store = moat_store_create (target, model, &error);
      g_assert_no_error (error);
      moat_store_close (store);
    }

  return g_steal_pointer (&target);
}

static void
activate (const char *name,
          GVariant   *parameter)
{
  const char *dot = strchr (name, '.');

  g_assert_nonnull (dot);
  if (g_str_has_prefix (name, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (app), dot + 1, parameter);
  else
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (active_window ()), name,
                                                       parameter));
  moat_gui_test_spin ();
}

static void
test_new_document (void)
{
  MoatWindow *window;
  MoatStore *store;

  close_all_windows ();
  activate ("app.new", NULL);

  g_assert_cmpuint (n_windows (), ==, 1);
  window = active_window ();
  store = moat_window_get_store (window);
  g_assert_nonnull (store);
  g_assert_true (moat_store_get_is_draft (store));
  /* A new model lives in a draft from the first moment, so nothing typed
   * into it can be lost before Save As. */
  g_assert_true (g_file_query_exists (moat_store_get_file (store), NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  /* A blank sheet to draw on, which is not an edit to undo. */
  g_assert_cmpuint (moat_model_count (moat_window_get_model (window), MOAT_TYPE_DIAGRAM), ==, 1);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
}

static void
test_open_example (void)
{
  g_autoptr(GFile) file = example_file ();
  g_autofree char *path = g_file_get_path (file);
  MoatWindow *window;
  MoatModel *model;

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));

  g_assert_cmpuint (n_windows (), ==, 1);
  window = active_window ();
  model = moat_window_get_model (window);
  g_assert_nonnull (model);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Acme Pay checkout");
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), >=, 25);
  g_assert_false (moat_store_get_is_draft (moat_window_get_store (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "payment-service");

  /* The same file again presents the window that has it. */
  activate ("app.open-file", g_variant_new_string (path));
  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_true (active_window () == window);
}

static gboolean
has_chooser (gpointer data)
{
  return moat_window_get_file_chooser (data) != NULL;
}

typedef struct {
  GtkNativeDialog *chooser;
  GFile           *expected;
} ChooserWait;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (wait->chooser));

  return file != NULL && g_file_equal (file, wait->expected);
}

static void
answer_chooser (MoatWindow *window,
                GFile      *file)
{
  GtkNativeDialog *chooser;
  g_autoptr(GError) error = NULL;

  moat_gui_test_wait_for (has_chooser, window);
  chooser = moat_window_get_file_chooser (window);
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  else
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error);
      g_assert_no_error (error);
    }
  /* The dialog selects the file once it has read the folder. */
  moat_gui_test_wait_for (chooser_has_file, &(ChooserWait) { chooser, file });
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);
  moat_gui_test_spin ();
}

static void
test_open_action (void)
{
  g_autoptr(GFile) file = example_file ();

  close_all_windows ();
  activate ("app.new", NULL);
  activate ("app.open", NULL);
  answer_chooser (active_window (), file);

  g_assert_cmpuint (n_windows (), ==, 2);
  g_assert_nonnull (moat_application_find_window (app, file));
}

static void
test_save_as (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "saved by test", NULL);
  g_autofree char *saved_path = g_strconcat (path, ".moat", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GFile) draft = NULL;
  g_autoptr(MoatStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  MoatWindow *window;
  MoatModel *model;

  close_all_windows ();
  activate ("app.new", NULL);
  window = active_window ();
  model = moat_window_get_model (window);
  draft = g_object_ref (moat_store_get_file (moat_window_get_store (window)));
  g_object_set (model, "title", "Ledger service", NULL);

  activate ("win.save-as", NULL);
  answer_chooser (window, file);

  /* The window now works on the saved file, named with .moat. */
  g_assert_false (moat_store_get_is_draft (moat_window_get_store (window)));
  g_assert_cmpstr (g_file_peek_path (moat_store_get_file (moat_window_get_store (window))), ==,
                   saved_path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "saved by test");
  g_assert_false (g_file_query_exists (draft, NULL));

  /* Edits after Save As land in the saved file. */
  g_object_set (model, "owner", "Finance IT", NULL);
  close_all_windows ();

  reopened = moat_store_open (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (moat_model_get_title (moat_store_get_model (reopened)), ==, "Ledger service");
  g_assert_cmpstr (moat_model_get_owner (moat_store_get_model (reopened)), ==, "Finance IT");
}

static void
test_undo_redo_actions (void)
{
  g_autoptr(GFile) file = example_file ();
  g_autofree char *path = g_file_get_path (file);
  MoatModel *model;
  GActionGroup *group;

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));
  model = moat_window_get_model (active_window ());
  group = G_ACTION_GROUP (active_window ());
  g_assert_false (g_action_group_get_action_enabled (group, "undo"));

  g_object_set (model, "title", "Renamed", NULL);
  g_assert_true (g_action_group_get_action_enabled (group, "undo"));
  activate ("win.undo", NULL);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Acme Pay checkout");
  g_assert_true (g_action_group_get_action_enabled (group, "redo"));
  activate ("win.redo", NULL);
  g_assert_cmpstr (moat_model_get_title (model), ==, "Renamed");
  activate ("win.undo", NULL);
}

static void
test_open_bad_file (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "notes.moat", NULL);
  g_autofree char *after = NULL;
  const char *garbage = "These are my notes, not a model.\n";
  g_autoptr(GError) error = NULL;
  MoatWindow *window;

  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));

  /* The user is told, in a dialog on the start window... */
  window = active_window ();
  g_assert_null (moat_window_get_model (window));
  g_assert_nonnull (moat_window_get_dialog (window));
  /* ...and the file is as it was. */
  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_import_json_as_draft (void)
{
  g_autofree char *json = g_build_filename (g_getenv ("MOAT_SOURCE_DIR"), "data", "examples",
                                            "payment-service.moat.json", NULL);
  MoatWindow *window;

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (json));

  window = active_window ();
  g_assert_nonnull (moat_window_get_model (window));
  g_assert_true (moat_store_get_is_draft (moat_window_get_store (window)));
  g_assert_cmpstr (moat_model_get_title (moat_window_get_model (window)), ==,
                   "Acme Pay checkout");
}

static void
test_import_threat_dragon_and_export (void)
{
  g_autofree char *samples = moat_test_shared_dir ("samples/threat-dragon");
  g_autofree char *path = NULL;
  g_autofree char *out_path = g_build_filename (tmpdir, "round trip.json", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  MoatWindow *window;
  MoatModel *model;

  if (samples == NULL)
    {
      g_test_skip ("the shared samples are not here");
      return;
    }
  path = g_build_filename (samples, "v2-threat-model.json", NULL);

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));
  window = active_window ();
  model = moat_window_get_model (window);
  g_assert_nonnull (model);
  g_assert_true (moat_store_get_is_draft (moat_window_get_store (window)));
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), >, 0);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), >, 0);

  /* Export > OWASP Threat Dragon writes a file Threat Dragon reads. */
  activate ("win.export", g_variant_new_string ("threat-dragon"));
  answer_chooser (window, out);
  g_file_get_contents (out_path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moat_format_detect (data, length), ==, MOAT_FORMAT_THREAT_DRAGON);
}

static void
test_import_malformed_threat_dragon (void)
{
  g_autofree char *samples = moat_test_shared_dir ("samples/threat-dragon");
  g_autofree char *path = NULL;
  MoatWindow *window;

  if (samples == NULL)
    {
      g_test_skip ("the shared samples are not here");
      return;
    }
  path = g_build_filename (samples, "v2-malformed-new-model.json", NULL);

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));
  window = active_window ();
  /* Either refused with a message, or imported with its problems listed:
   * never silently. */
  g_assert_nonnull (moat_window_get_dialog (window));
}

static void
test_business_context (void)
{
  MoatModel *model;
  GtkWidget *row;
  g_auto(GStrv) scale = NULL;

  close_all_windows ();
  activate ("app.new", NULL);
  model = moat_window_get_model (active_window ());

  /* The impact scale in the business's own words, level by level. */
  row = moat_gui_test_find_row_widget (GTK_WIDGET (active_window ()), "3 — Moderate");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "A day of lost orders, about 40 000 EUR");
  g_signal_emit_by_name (row, "apply");
  g_object_get (model, "impact-scale", &scale, NULL);
  g_assert_cmpuint (g_strv_length (scale), ==, 5);
  g_assert_cmpstr (scale[2], ==, "A day of lost orders, about 40 000 EUR");
  g_assert_cmpstr (scale[0], ==, "");

  /* Undo shows in the row at once. */
  activate ("win.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
}

/* A title past the limit would make the file refused when next opened:
 * the field stops at the limit while typing. */
static void
test_title_stops_at_limit (void)
{
  MoatModel *model;
  GtkWidget *row;
  g_autofree char *long_title = g_strnfill (MOAT_TEXT_SHORT_MAX + 500, 'a');

  close_all_windows ();
  activate ("app.new", NULL);
  model = moat_window_get_model (active_window ());

  row = moat_gui_test_find_row_widget (GTK_WIDGET (active_window ()), "Title");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), long_title);
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpuint (strlen (moat_model_get_title (model)), ==, MOAT_TEXT_SHORT_MAX);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
assert_pdf (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 10000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
}

static void
test_export_pdf (void)
{
  g_autoptr(GFile) example = example_file ();
  g_autofree char *path = g_file_get_path (example);
  g_autofree char *pdf = g_build_filename (tmpdir, "report.pdf", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (pdf);
  g_auto(GStrv) sections = NULL;
  MoatReportDialog *dialog = NULL;
  GtkWidget *history;

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));
  activate ("win.export-pdf", NULL);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (MOAT_IS_REPORT_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);

  /* Leave out a section, as a user would with its switch. */
  history = moat_gui_test_find_row_widget (GTK_WIDGET (dialog), "Change history");
  g_assert_nonnull (history);
  gtk_switch_set_active (GTK_SWITCH (history), FALSE);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  moat_report_dialog_export_to (dialog, target);
  /* Written in the background; the dialog closes when it is done. */
  moat_gui_test_wait_for (is_null, &dialog);
  assert_pdf (pdf);

  /* The choice is remembered for next time. */
  sections = g_settings_get_strv (moat_application_get_settings (app), "report-sections");
  g_assert_false (g_strv_contains ((const char * const *) sections, "history"));
  g_assert_true (g_strv_contains ((const char * const *) sections, "threats"));
}

static void
test_print (void)
{
  g_autoptr(GFile) example = example_file ();
  g_autofree char *path = g_file_get_path (example);
  g_autofree char *pdf = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;

  close_all_windows ();
  activate ("app.open-file", g_variant_new_string (path));
  g_assert_true (moat_window_print (active_window (), GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error));
  g_assert_no_error (error);
  assert_pdf (pdf);
}

static void
test_preferences (void)
{
  GSettings *settings = moat_application_get_settings (app);
  MoatPreferencesWindow *prefs = NULL;
  GtkWidget *linddun;
  GtkWidget *style;
  g_auto(GStrv) rule_sets = NULL;
  g_autofree char *style_variant = NULL;

  close_all_windows ();
  activate ("app.new", NULL);
  activate ("app.preferences", NULL);

  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (MOAT_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);
  g_assert_nonnull (settings);

  linddun = moat_gui_test_find_row_widget (GTK_WIDGET (prefs), "LINDDUN Privacy");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (linddun)));
  gtk_switch_set_active (GTK_SWITCH (linddun), TRUE);
  rule_sets = g_settings_get_strv (settings, "enabled-rule-sets");
  g_assert_true (g_strv_contains ((const char * const *) rule_sets, "linddun"));
  g_assert_true (g_strv_contains ((const char * const *) rule_sets, "stride"));

  style = moat_gui_test_find_row_widget (GTK_WIDGET (prefs), "Style");
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 2);
  style_variant = g_settings_get_string (settings, "style-variant");
  g_assert_cmpstr (style_variant, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 0);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* The About window names the sources of the bundled knowledge, as the
 * ASVS licence asks. */
static void
test_about_credits_knowledge (void)
{
  AdwAboutWindow *about = NULL;

  close_all_windows ();
  activate ("app.new", NULL);
  activate ("app.about", NULL);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (about),
                                              "OWASP Application Security Verification Standard 5.0.0"));
  g_assert_nonnull (moat_gui_test_find_label (GTK_WIDGET (about), "CWE and CAPEC"));
  gtk_window_destroy (GTK_WINDOW (about));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  moat_gui_test_init (&argc, &argv);
  tmpdir = moat_test_make_tmpdir ();
  app = moat_gui_test_new_application ();

  g_test_add_func ("/window/new", test_new_document);
  g_test_add_func ("/window/about-credits-knowledge", test_about_credits_knowledge);
  g_test_add_func ("/window/open-example", test_open_example);
  g_test_add_func ("/window/open-action", test_open_action);
  g_test_add_func ("/window/save-as", test_save_as);
  g_test_add_func ("/window/undo-redo", test_undo_redo_actions);
  g_test_add_func ("/window/open-bad-file", test_open_bad_file);
  g_test_add_func ("/window/import-json", test_import_json_as_draft);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/business-context", test_business_context);
  g_test_add_func ("/window/title-stops-at-limit", test_title_stops_at_limit);
  g_test_add_func ("/window/export-pdf", test_export_pdf);
  g_test_add_func ("/window/print", test_print);
  g_test_add_func ("/window/import-threat-dragon", test_import_threat_dragon_and_export);
  g_test_add_func ("/window/import-malformed", test_import_malformed_threat_dragon);

  status = g_test_run ();

  close_all_windows ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  moat_test_rm_rf (tmpdir);
  g_free (tmpdir);

  return status;
}
