/* test-translations.c: Moat's own texts reach the user in their language,
 * including the built-in rules, which are data rather than code.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "moat-core.h"

static gboolean have_catalogue;

static void
test_rule_texts_german (void)
{
  g_autoptr(MoatRuleSet) rules = NULL;
  MoatRule *rule;

  if (!have_catalogue)
    {
      g_test_skip ("the German catalogue is not built");
      return;
    }
  rules = moat_rule_set_new_builtin ();
  rule = moat_rule_set_lookup (rules, "stride.actor.spoofing");

  g_assert_nonnull (rule);
  g_assert_cmpstr (moat_rule_get_title (rule), !=, "Someone pretends to be {name}");
  /* The placeholder survives translation, or the element's name is lost. */
  g_assert_nonnull (strstr (moat_rule_get_title (rule), "{name}"));
}

static void
test_core_message_german (void)
{
  if (!have_catalogue)
    {
      g_test_skip ("the German catalogue is not built");
      return;
    }
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Change history"), ==, "Änderungsverlauf");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  g_autofree char *catalogue = NULL;

  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  catalogue = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  have_catalogue = g_file_test (catalogue, G_FILE_TEST_EXISTS);

  g_test_add_func ("/translations/rule-texts", test_rule_texts_german);
  g_test_add_func ("/translations/core-message", test_core_message_german);
  return g_test_run ();
}
