/* moat-import-report.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-asset.h"
#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-element.h"
#include "moat-import-report.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"

struct _MoatImportReport
{
  GObject     parent_instance;

  char       *format_label;
  GPtrArray  *issues;   /* of MoatImportIssue */
  guint       n_omitted;
  GHashTable *counts;   /* GType -> count */
  gboolean    exporting;
};

G_DEFINE_FINAL_TYPE (MoatImportReport, moat_import_report, G_TYPE_OBJECT)

static void
issue_free (MoatImportIssue *issue)
{
  g_free (issue->path);
  g_free (issue->value);
  g_free (issue->message);
  g_free (issue);
}

static void
moat_import_report_finalize (GObject *object)
{
  MoatImportReport *self = (MoatImportReport *)object;

  g_free (self->format_label);
  g_ptr_array_unref (self->issues);
  g_hash_table_unref (self->counts);

  G_OBJECT_CLASS (moat_import_report_parent_class)->finalize (object);
}

static void
moat_import_report_class_init (MoatImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_import_report_finalize;
}

static void
moat_import_report_init (MoatImportReport *self)
{
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)issue_free);
  self->counts = g_hash_table_new (NULL, NULL);
}

/**
 * moat_import_report_new:
 * @format_label: the other tool's format, as the user knows it
 * @exporting: whether the model went out to that format rather than in
 */
MoatImportReport *
moat_import_report_new (const char *format_label,
                        gboolean    exporting)
{
  MoatImportReport *self = g_object_new (MOAT_TYPE_IMPORT_REPORT, NULL);

  self->format_label = g_strdup (format_label);
  self->exporting = !!exporting;

  return self;
}

const char *
moat_import_report_get_format_label (MoatImportReport *self)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), NULL);

  return self->format_label;
}

gboolean
moat_import_report_get_exporting (MoatImportReport *self)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), FALSE);

  return self->exporting;
}

/**
 * moat_import_report_add:
 * @path: where the value was (or, on export, which object it belongs to)
 * @value: (nullable): the value as it was, short
 * @format: the explanation, already translated
 */
void
moat_import_report_add (MoatImportReport    *self,
                        MoatImportIssueKind  kind,
                        const char          *path,
                        const char          *value,
                        const char          *format,
                        ...)
{
  MoatImportIssue *issue;
  va_list args;

  g_return_if_fail (MOAT_IS_IMPORT_REPORT (self));

  if (self->issues->len >= MOAT_IMPORT_REPORT_MAX_ISSUES)
    {
      self->n_omitted++;
      return;
    }

  issue = g_new0 (MoatImportIssue, 1);
  issue->kind = kind;
  issue->path = g_strdup (path ? path : "");
  issue->value = g_strdup (value);
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->issues, issue);
}

guint
moat_import_report_get_n_issues (MoatImportReport *self)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), 0);

  return self->issues->len;
}

const MoatImportIssue *
moat_import_report_get_issue (MoatImportReport *self,
                              guint             index)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->issues->len, NULL);

  return g_ptr_array_index (self->issues, index);
}

/* Issues beyond MOAT_IMPORT_REPORT_MAX_ISSUES, counted but not kept. */
guint
moat_import_report_get_n_omitted (MoatImportReport *self)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), 0);

  return self->n_omitted;
}

guint
moat_import_report_count_kind (MoatImportReport    *self,
                               MoatImportIssueKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), 0);

  for (guint i = 0; i < self->issues->len; i++)
    if (((MoatImportIssue *)g_ptr_array_index (self->issues, i))->kind == kind)
      n++;

  return n;
}

/**
 * moat_import_report_find:
 *
 * Returns: (nullable): the first issue whose path starts with @path_prefix
 */
const MoatImportIssue *
moat_import_report_find (MoatImportReport *self,
                         const char       *path_prefix)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), NULL);

  for (guint i = 0; i < self->issues->len; i++)
    {
      MoatImportIssue *issue = g_ptr_array_index (self->issues, i);

      if (g_str_has_prefix (issue->path, path_prefix))
        return issue;
    }

  return NULL;
}

void
moat_import_report_count_object (MoatImportReport *self,
                                 GType             type)
{
  gpointer key = GSIZE_TO_POINTER (type);

  g_return_if_fail (MOAT_IS_IMPORT_REPORT (self));

  g_hash_table_insert (self->counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key)) + 1));
}

guint
moat_import_report_get_count (MoatImportReport *self,
                              GType             type)
{
  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), 0);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, GSIZE_TO_POINTER (type)));
}

static char *
count_phrase (GType type,
              guint n)
{
  if (type == MOAT_TYPE_DIAGRAM)
    return g_strdup_printf (ngettext ("%u diagram", "%u diagrams", n), n);
  if (type == MOAT_TYPE_ELEMENT)
    return g_strdup_printf (ngettext ("%u diagram element", "%u diagram elements", n), n);
  if (type == MOAT_TYPE_ASSET)
    return g_strdup_printf (ngettext ("%u asset", "%u assets", n), n);
  if (type == MOAT_TYPE_THREAT_ACTOR)
    return g_strdup_printf (ngettext ("%u threat actor", "%u threat actors", n), n);
  if (type == MOAT_TYPE_THREAT)
    return g_strdup_printf (ngettext ("%u threat", "%u threats", n), n);
  if (type == MOAT_TYPE_CONTROL)
    return g_strdup_printf (ngettext ("%u control", "%u controls", n), n);
  if (type == MOAT_TYPE_ASSUMPTION)
    return g_strdup_printf (ngettext ("%u assumption", "%u assumptions", n), n);

  return NULL;
}

/**
 * moat_import_report_format_summary:
 *
 * Returns: (transfer full): one sentence: what came through, and how many
 *   values did not come through as they were
 */
char *
moat_import_report_format_summary (MoatImportReport *self)
{
  const GType types[] = {
    MOAT_TYPE_DIAGRAM, MOAT_TYPE_ELEMENT, MOAT_TYPE_ASSET, MOAT_TYPE_THREAT_ACTOR,
    MOAT_TYPE_THREAT, MOAT_TYPE_CONTROL, MOAT_TYPE_ASSUMPTION,
  };
  g_autoptr(GString) counts = g_string_new (NULL);
  guint n_issues;

  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      guint n = moat_import_report_get_count (self, types[i]);
      g_autofree char *phrase = n ? count_phrase (types[i], n) : NULL;

      if (phrase == NULL)
        continue;
      if (counts->len > 0)
        /* Translators: separates counts like “3 diagrams, 12 threats” */
        g_string_append (counts, _(", "));
      g_string_append (counts, phrase);
    }
  if (counts->len == 0)
    g_string_append (counts, _("nothing"));

  n_issues = self->issues->len + self->n_omitted;
  if (self->exporting)
    {
      if (n_issues == 0)
        /* Translators: %s is a format like “Threat Dragon”, then counts */
        return g_strdup_printf (_("Written for %s: %s."), self->format_label, counts->str);
      return g_strdup_printf (ngettext ("Written for %s: %s. %u value could not be written as it is:",
                                        "Written for %s: %s. %u values could not be written as they are:",
                                        n_issues),
                              self->format_label, counts->str, n_issues);
    }

  if (n_issues == 0)
    return g_strdup_printf (_("Imported from %s: %s."), self->format_label, counts->str);
  return g_strdup_printf (ngettext ("Imported from %s: %s. %u value could not be taken in as it was:",
                                    "Imported from %s: %s. %u values could not be taken in as they were:",
                                    n_issues),
                          self->format_label, counts->str, n_issues);
}

/**
 * moat_import_report_format_text:
 *
 * Returns: (transfer full): the summary, then one line per issue, as
 *   plain text for a terminal or a dialog
 */
char *
moat_import_report_format_text (MoatImportReport *self)
{
  g_autofree char *summary = NULL;
  GString *text;

  g_return_val_if_fail (MOAT_IS_IMPORT_REPORT (self), NULL);

  summary = moat_import_report_format_summary (self);
  text = g_string_new (summary);
  g_string_append_c (text, '\n');

  for (guint i = 0; i < self->issues->len; i++)
    {
      MoatImportIssue *issue = g_ptr_array_index (self->issues, i);

      g_string_append_printf (text, "  %s", issue->path);
      if (issue->value != NULL)
        g_string_append_printf (text, " = %s", issue->value);
      g_string_append_printf (text, ": %s\n", issue->message);
    }

  if (self->n_omitted > 0)
    {
      g_string_append (text, "  ");
      g_string_append_printf (text, ngettext ("… and %u more", "… and %u more", self->n_omitted),
                              self->n_omitted);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}
