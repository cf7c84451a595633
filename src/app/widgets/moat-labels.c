/* moat-labels.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"

#define LOOKUP(table, value) \
  ((guint) (value) < G_N_ELEMENTS (table) ? _(table[value]) : "")

const char *
moat_label_threat_status (MoatThreatStatus status)
{
  static const char *labels[] = {
    [MOAT_THREAT_OPEN] = N_("Open"),
    [MOAT_THREAT_MITIGATED] = N_("Mitigated"),
    [MOAT_THREAT_ACCEPTED] = N_("Accepted"),
    [MOAT_THREAT_TRANSFERRED] = N_("Transferred"),
    [MOAT_THREAT_NOT_APPLICABLE] = N_("Not applicable"),
  };

  return LOOKUP (labels, status);
}

const char *
moat_label_control_status (MoatControlStatus status)
{
  static const char *labels[] = {
    [MOAT_CONTROL_PROPOSED] = N_("Proposed"),
    [MOAT_CONTROL_PLANNED] = N_("Planned"),
    [MOAT_CONTROL_IN_PROGRESS] = N_("In progress"),
    [MOAT_CONTROL_IMPLEMENTED] = N_("Implemented"),
    [MOAT_CONTROL_VERIFIED] = N_("Verified"),
  };

  return LOOKUP (labels, status);
}

const char *
moat_label_assumption_status (MoatAssumptionStatus status)
{
  static const char *labels[] = {
    [MOAT_ASSUMPTION_UNVALIDATED] = N_("Unvalidated"),
    [MOAT_ASSUMPTION_VALIDATED] = N_("Validated"),
    [MOAT_ASSUMPTION_INVALIDATED] = N_("Invalidated"),
  };

  return LOOKUP (labels, status);
}

const char *
moat_label_assumption_kind (MoatAssumptionKind kind)
{
  static const char *labels[] = {
    [MOAT_ASSUMPTION_KIND_ASSUMPTION] = N_("Assumption"),
    [MOAT_ASSUMPTION_KIND_QUESTION] = N_("Open question"),
  };

  return LOOKUP (labels, kind);
}

const char *
moat_label_effort (MoatEffort effort)
{
  static const char *labels[] = {
    [MOAT_EFFORT_SMALL] = N_("Small effort"),
    [MOAT_EFFORT_MEDIUM] = N_("Medium effort"),
    [MOAT_EFFORT_LARGE] = N_("Large effort"),
  };

  return LOOKUP (labels, effort);
}

const char *
moat_label_classification (MoatClassification classification)
{
  static const char *labels[] = {
    [MOAT_CLASSIFICATION_PUBLIC] = N_("Public"),
    [MOAT_CLASSIFICATION_INTERNAL] = N_("Internal"),
    [MOAT_CLASSIFICATION_CONFIDENTIAL] = N_("Confidential"),
    [MOAT_CLASSIFICATION_RESTRICTED] = N_("Restricted"),
  };

  return LOOKUP (labels, classification);
}

const char *
moat_label_element_kind (MoatElementKind kind)
{
  static const char *labels[] = {
    [MOAT_ELEMENT_ACTOR] = N_("Actor"),
    [MOAT_ELEMENT_PROCESS] = N_("Process"),
    [MOAT_ELEMENT_STORE] = N_("Data store"),
    [MOAT_ELEMENT_BOUNDARY] = N_("Trust boundary"),
    [MOAT_ELEMENT_FLOW] = N_("Data flow"),
    [MOAT_ELEMENT_NOTE] = N_("Note"),
  };

  return LOOKUP (labels, kind);
}

/* The icon of an element's kind: the one its drawing tool shows. */
const char *
moat_label_element_icon (MoatElementKind kind)
{
  static const char *icons[] = {
    [MOAT_ELEMENT_ACTOR] = "moat-tool-actor-symbolic",
    [MOAT_ELEMENT_PROCESS] = "moat-tool-process-symbolic",
    [MOAT_ELEMENT_STORE] = "moat-tool-store-symbolic",
    [MOAT_ELEMENT_BOUNDARY] = "moat-tool-boundary-symbolic",
    [MOAT_ELEMENT_FLOW] = "moat-tool-flow-symbolic",
    [MOAT_ELEMENT_NOTE] = "moat-tool-note-symbolic",
  };

  return (guint) kind < G_N_ELEMENTS (icons) ? icons[kind] : NULL;
}

/* Categories are stored as the core spells them (STRIDE as letters,
 * LINDDUN by name, see moat-format.c); these are their names on screen. */
static const struct {
  const char *category;
  const char *label;
} category_labels[] = {
  { "S", N_("Spoofing") },
  { "T", N_("Tampering") },
  { "R", N_("Repudiation") },
  { "I", N_("Information disclosure") },
  { "D", N_("Denial of service") },
  { "E", N_("Elevation of privilege") },
  { "Linkability", N_("Linkability") },
  { "Identifiability", N_("Identifiability") },
  { "Non-repudiation", N_("Non-repudiation") },
  { "Detectability", N_("Detectability") },
  { "Disclosure of information", N_("Disclosure of information") },
  { "Unawareness", N_("Unawareness") },
  { "Non-compliance", N_("Non-compliance") },
};

const char *
moat_label_category (const char *category)
{
  if (category == NULL || *category == '\0')
    return _("Uncategorised");
  for (guint i = 0; i < G_N_ELEMENTS (category_labels); i++)
    if (g_str_equal (category, category_labels[i].category))
      return _(category_labels[i].label);
  return moat_format_category_label (category);
}

const char * const *
moat_label_stride_categories (void)
{
  static const char *stride[] = { "S", "T", "R", "I", "D", "E", NULL };

  return stride;
}

const char * const *
moat_label_linddun_categories (void)
{
  static const char *linddun[] = {
    "Linkability", "Identifiability", "Non-repudiation", "Detectability",
    "Disclosure of information", "Unawareness", "Non-compliance", NULL
  };

  return linddun;
}

/**
 * moat_label_object_title:
 *
 * Returns: (transfer full): what a person calls @object: its name, title
 *   or statement, or a placeholder when it has none yet
 */
char *
moat_label_object_title (MoatObject *object)
{
  const char *label = moat_object_get_label (object);

  if (label != NULL && *label != '\0')
    return g_strdup (label);
  if (MOAT_IS_ELEMENT (object))
    return g_strdup_printf (_("Unnamed %s"),
                            moat_label_element_kind (moat_element_get_kind (MOAT_ELEMENT (object))));
  if (MOAT_IS_THREAT (object))
    return g_strdup (_("Untitled threat"));
  if (MOAT_IS_CONTROL (object))
    return g_strdup (_("Untitled control"));
  if (MOAT_IS_ASSUMPTION (object))
    return g_strdup (_("Empty assumption"));
  return g_strdup (_("Unnamed"));
}

/**
 * moat_label_one_line:
 *
 * Returns: (transfer full): @text with its line breaks and tabs as single
 *   spaces, for a list that shows one line per item
 */
char *
moat_label_one_line (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, "\r\n\t", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));

      if (*word == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, word);
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * moat_label_element_names:
 * @max: how many names to spell out before “and N more”
 *
 * Returns: (transfer full): the names of the elements, comma-separated
 */
char *
moat_label_element_names (MoatModel          *model,
                          const char * const *element_ids,
                          guint               max)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = 0, rest = 0;

  for (guint i = 0; element_ids != NULL && element_ids[i] != NULL; i++)
    {
      MoatObject *element = moat_model_lookup_typed (model, element_ids[i], MOAT_TYPE_ELEMENT);
      g_autofree char *title = NULL;

      if (element == NULL)
        continue;
      if (shown == max)
        {
          rest++;
          continue;
        }
      title = moat_label_object_title (element);
      if (shown++ > 0)
        g_string_append (text, ", ");
      g_string_append (text, title);
    }
  if (rest > 0)
    g_string_append_printf (text, ngettext (" and %u more", " and %u more", rest), rest);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * moat_label_object_context:
 * @model: the model @object belongs to
 *
 * Returns: (transfer full) (nullable): what sets @object apart from others
 *   with the same name: its kind and diagram, or its category and status
 */
char *
moat_label_object_context (MoatModel  *model,
                           MoatObject *object)
{
  if (MOAT_IS_ELEMENT (object))
    {
      MoatElement *element = MOAT_ELEMENT (object);
      MoatDiagram *diagram = moat_model_lookup_typed (model, moat_element_get_diagram_id (element),
                                                      MOAT_TYPE_DIAGRAM);
      const char *kind = moat_label_element_kind (moat_element_get_kind (element));

      if (diagram != NULL && moat_diagram_get_title (diagram) != NULL)
        return g_strdup_printf ("%s · %s", kind, moat_diagram_get_title (diagram));
      return g_strdup (kind);
    }
  if (MOAT_IS_THREAT (object))
    return g_strdup_printf ("%s · %s", moat_label_category (moat_threat_get_category (MOAT_THREAT (object))),
                            moat_label_threat_status (moat_threat_get_status (MOAT_THREAT (object))));
  if (MOAT_IS_CONTROL (object))
    return g_strdup (moat_label_control_status (moat_control_get_status (MOAT_CONTROL (object))));
  if (MOAT_IS_ASSUMPTION (object))
    return g_strdup (moat_label_assumption_status (moat_assumption_get_status (MOAT_ASSUMPTION (object))));
  return NULL;
}
