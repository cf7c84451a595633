/* moat-format-tables.c: a model as rows, for the Markdown and CSV writers
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both writers list diagrams, elements, threats, controls and assumptions
 * in the same stable order and name linked objects the same way, so that
 * a Markdown page and a CSV file of one model agree, and so that the same
 * model always gives the same bytes (the files end up in git and in
 * pull-request comments, where a reordering would look like a change).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-format-private.h"
#include "moat-threat.h"

/* Case-insensitive but total, so no two different titles compare equal
 * and the order does not depend on the locale the writer runs in. */
static int
compare_text (const char *a,
              const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a ? a : "", -1);
  g_autofree char *fb = g_utf8_casefold (b ? b : "", -1);
  int result = strcmp (fa, fb);

  return result != 0 ? result : g_strcmp0 (a, b);
}

static int
compare_ids (MoatObject *a,
             MoatObject *b)
{
  return g_strcmp0 (moat_object_get_id (a), moat_object_get_id (b));
}

/* Open first, then the worst, so the top of the list is what needs
 * doing. */
static int
compare_threats (gconstpointer pa,
                 gconstpointer pb)
{
  MoatThreat *a = *(MoatThreat **)pa, *b = *(MoatThreat **)pb;
  int risk_a = moat_threat_get_likelihood (a) * moat_threat_get_impact (a);
  int risk_b = moat_threat_get_likelihood (b) * moat_threat_get_impact (b);
  int result;

  if (moat_threat_get_status (a) != moat_threat_get_status (b))
    return (int)moat_threat_get_status (a) - (int)moat_threat_get_status (b);
  if (risk_a != risk_b)
    return risk_b - risk_a;
  if (moat_threat_get_likelihood (a) != moat_threat_get_likelihood (b))
    return moat_threat_get_likelihood (b) - moat_threat_get_likelihood (a);
  if ((result = compare_text (moat_threat_get_title (a), moat_threat_get_title (b))) != 0)
    return result;
  return compare_ids (MOAT_OBJECT (a), MOAT_OBJECT (b));
}

/* Not started first: the order of a to-do list. */
static int
compare_controls (gconstpointer pa,
                  gconstpointer pb)
{
  MoatControl *a = *(MoatControl **)pa, *b = *(MoatControl **)pb;
  int result;

  if (moat_control_get_status (a) != moat_control_get_status (b))
    return (int)moat_control_get_status (a) - (int)moat_control_get_status (b);
  if ((result = compare_text (moat_control_get_title (a), moat_control_get_title (b))) != 0)
    return result;
  return compare_ids (MOAT_OBJECT (a), MOAT_OBJECT (b));
}

static int
compare_assumptions (gconstpointer pa,
                     gconstpointer pb)
{
  MoatAssumption *a = *(MoatAssumption **)pa, *b = *(MoatAssumption **)pb;
  int result;

  if (moat_assumption_get_status (a) != moat_assumption_get_status (b))
    return (int)moat_assumption_get_status (a) - (int)moat_assumption_get_status (b);
  if ((result = compare_text (moat_assumption_get_statement (a), moat_assumption_get_statement (b))) != 0)
    return result;
  return compare_ids (MOAT_OBJECT (a), MOAT_OBJECT (b));
}

static int
compare_diagrams (gconstpointer pa,
                  gconstpointer pb)
{
  MoatDiagram *a = *(MoatDiagram **)pa, *b = *(MoatDiagram **)pb;
  int result;

  if (moat_diagram_get_position (a) != moat_diagram_get_position (b))
    return moat_diagram_get_position (a) - moat_diagram_get_position (b);
  if ((result = compare_text (moat_diagram_get_title (a), moat_diagram_get_title (b))) != 0)
    return result;
  return compare_ids (MOAT_OBJECT (a), MOAT_OBJECT (b));
}

/* Boundaries first, as they frame the rest; flows last, as they join
 * what comes before. */
static int
kind_rank (MoatElementKind kind)
{
  switch (kind)
    {
    case MOAT_ELEMENT_BOUNDARY:
      return 0;
    case MOAT_ELEMENT_ACTOR:
      return 1;
    case MOAT_ELEMENT_PROCESS:
      return 2;
    case MOAT_ELEMENT_STORE:
      return 3;
    case MOAT_ELEMENT_FLOW:
      return 4;
    case MOAT_ELEMENT_NOTE:
    default:
      return 5;
    }
}

static int
compare_elements (gconstpointer pa,
                  gconstpointer pb)
{
  MoatElement *a = *(MoatElement **)pa, *b = *(MoatElement **)pb;
  int ka = kind_rank (moat_element_get_kind (a)), kb = kind_rank (moat_element_get_kind (b));
  int result;

  if (ka != kb)
    return ka - kb;
  if ((result = compare_text (moat_element_get_name (a), moat_element_get_name (b))) != 0)
    return result;
  return compare_ids (MOAT_OBJECT (a), MOAT_OBJECT (b));
}

static GCompareFunc
compare_func_for (GType type)
{
  if (type == MOAT_TYPE_THREAT)
    return compare_threats;
  if (type == MOAT_TYPE_CONTROL)
    return compare_controls;
  if (type == MOAT_TYPE_ASSUMPTION)
    return compare_assumptions;
  if (type == MOAT_TYPE_DIAGRAM)
    return compare_diagrams;
  if (type == MOAT_TYPE_ELEMENT)
    return compare_elements;
  return NULL;
}

static int
compare_any_ids (gconstpointer pa,
                 gconstpointer pb)
{
  return compare_ids (*(MoatObject **)pa, *(MoatObject **)pb);
}

/**
 * moat_format_list_in_order:
 *
 * Threats open first and worst first; controls not started first;
 * assumptions unvalidated first; diagrams in their own order; elements by
 * kind and name; anything else by id. Ties go by title and then id, so
 * the order is total.
 *
 * Returns: (transfer container) (element-type MoatObject): every object
 *   of @type, each with a reference
 */
GPtrArray *
moat_format_list_in_order (MoatModel *model,
                           GType      type)
{
  GPtrArray *objects = moat_format_sorted_list (model, type);
  GCompareFunc compare = compare_func_for (type);

  g_ptr_array_sort (objects, compare ? compare : compare_any_ids);
  return objects;
}

/**
 * moat_format_diagram_elements:
 *
 * Returns: (transfer container) (element-type MoatElement): the elements
 *   of one diagram that matter for security (every kind but notes), in
 *   the order of moat_format_list_in_order()
 */
GPtrArray *
moat_format_diagram_elements (MoatModel  *model,
                              const char *diagram_id)
{
  GPtrArray *all = moat_format_list_in_order (model, MOAT_TYPE_ELEMENT);
  GPtrArray *elements = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    {
      MoatElement *element = g_ptr_array_index (all, i);

      if (moat_element_get_kind (element) != MOAT_ELEMENT_NOTE &&
          g_strcmp0 (moat_element_get_diagram_id (element), diagram_id) == 0)
        g_ptr_array_add (elements, g_object_ref (element));
    }

  g_ptr_array_unref (all);
  return elements;
}

/* What a person calls the object: its name or title, else its id. */
const char *
moat_format_object_name (MoatObject *object)
{
  const char *label = moat_object_get_label (object);

  return moat_format_text_is_empty (label) ? moat_object_get_id (object) : label;
}

/**
 * moat_format_join_names:
 * @ids: (nullable): ids of objects in @model
 *
 * Returns: (transfer full): the names of the objects, in the order of
 *   @ids, joined by @separator; ids of no object are left out
 */
char *
moat_format_join_names (MoatModel          *model,
                        const char * const *ids,
                        const char         *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      MoatObject *object = moat_model_lookup (model, ids[i]);

      if (object == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, moat_format_object_name (object));
    }

  return g_string_free (text, FALSE);
}

/**
 * moat_format_controls_of:
 * @index: from moat_format_index_controls()
 *
 * Returns: (transfer full): the titles of the controls that address
 *   @threat, in title order, joined by @separator
 */
char *
moat_format_controls_of (GHashTable *index,
                         MoatThreat *threat,
                         const char *separator)
{
  GPtrArray *controls = g_hash_table_lookup (index, moat_object_get_id (MOAT_OBJECT (threat)));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; controls != NULL && i < controls->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (controls, i));
  g_ptr_array_sort (sorted, compare_controls);

  for (guint i = 0; i < sorted->len; i++)
    {
      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, moat_format_object_name (g_ptr_array_index (sorted, i)));
    }

  return g_string_free (text, FALSE);
}

/**
 * moat_format_diagrams_of:
 *
 * Returns: (transfer full): the titles of the diagrams @element_ids are
 *   drawn on, each once, in the order the elements come
 */
char *
moat_format_diagrams_of (MoatModel          *model,
                         const char * const *element_ids,
                         const char         *separator)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; element_ids != NULL && element_ids[i] != NULL; i++)
    {
      MoatElement *element = moat_model_lookup_typed (model, element_ids[i], MOAT_TYPE_ELEMENT);
      const char *diagram_id = element ? moat_element_get_diagram_id (element) : NULL;

      if (diagram_id != NULL && !g_ptr_array_find_with_equal_func (ids, diagram_id, g_str_equal, NULL))
        g_ptr_array_add (ids, (char *)diagram_id);
    }
  g_ptr_array_add (ids, NULL);

  return moat_format_join_names (model, (const char * const *)ids->pdata, separator);
}

/* The stable spelling of an enumeration value, as in Moat's files. */
const char *
moat_format_enum_nick (GType type,
                       int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* Nicks are static strings of the registered type: safe past unref. */
  return enum_value ? enum_value->value_nick : "";
}

/* A threat category's place in lists: the methods' own order first,
 * categories of no known method after them, none at all last. */
int
moat_format_category_rank (const char *category)
{
  int index = moat_format_category_index (category);

  if (index >= 0)
    return index;
  return moat_format_text_is_empty (category) ? G_MAXINT : G_MAXINT - 1;
}

/**
 * moat_format_enum_label:
 * @type: one of the model's enumeration types
 *
 * Returns: the value in words, translated, in lower case so that it reads
 *   in a sentence (“3 not applicable”) as well as in a table cell; the
 *   value's nick for a type this does not know
 */
const char *
moat_format_enum_label (GType type,
                        int   value)
{
  static const struct {
    GType      (*get_type) (void);
    int          value;
    const char  *label;
  } labels[] = {
    { moat_element_kind_get_type, MOAT_ELEMENT_ACTOR, N_("actor") },
    { moat_element_kind_get_type, MOAT_ELEMENT_PROCESS, N_("process") },
    { moat_element_kind_get_type, MOAT_ELEMENT_STORE, N_("data store") },
    { moat_element_kind_get_type, MOAT_ELEMENT_BOUNDARY, N_("trust boundary") },
    { moat_element_kind_get_type, MOAT_ELEMENT_FLOW, N_("data flow") },
    { moat_element_kind_get_type, MOAT_ELEMENT_NOTE, N_("note") },
    { moat_threat_status_get_type, MOAT_THREAT_OPEN, N_("open") },
    { moat_threat_status_get_type, MOAT_THREAT_MITIGATED, N_("mitigated") },
    { moat_threat_status_get_type, MOAT_THREAT_ACCEPTED, N_("accepted") },
    { moat_threat_status_get_type, MOAT_THREAT_TRANSFERRED, N_("transferred") },
    { moat_threat_status_get_type, MOAT_THREAT_NOT_APPLICABLE, N_("not applicable") },
    { moat_control_status_get_type, MOAT_CONTROL_PROPOSED, N_("proposed") },
    { moat_control_status_get_type, MOAT_CONTROL_PLANNED, N_("planned") },
    { moat_control_status_get_type, MOAT_CONTROL_IN_PROGRESS, N_("in progress") },
    { moat_control_status_get_type, MOAT_CONTROL_IMPLEMENTED, N_("implemented") },
    { moat_control_status_get_type, MOAT_CONTROL_VERIFIED, N_("verified") },
    { moat_effort_get_type, MOAT_EFFORT_SMALL, N_("small") },
    { moat_effort_get_type, MOAT_EFFORT_MEDIUM, N_("medium") },
    { moat_effort_get_type, MOAT_EFFORT_LARGE, N_("large") },
    { moat_assumption_status_get_type, MOAT_ASSUMPTION_UNVALIDATED, N_("unvalidated") },
    { moat_assumption_status_get_type, MOAT_ASSUMPTION_VALIDATED, N_("validated") },
    { moat_assumption_status_get_type, MOAT_ASSUMPTION_INVALIDATED, N_("invalidated") },
    { moat_assumption_kind_get_type, MOAT_ASSUMPTION_KIND_ASSUMPTION, N_("assumption") },
    { moat_assumption_kind_get_type, MOAT_ASSUMPTION_KIND_QUESTION, N_("open question") },
    { moat_privilege_get_type, MOAT_PRIVILEGE_UNKNOWN, N_("unknown privilege") },
    { moat_privilege_get_type, MOAT_PRIVILEGE_ANONYMOUS, N_("anonymous") },
    { moat_privilege_get_type, MOAT_PRIVILEGE_USER, N_("user privilege") },
    { moat_privilege_get_type, MOAT_PRIVILEGE_ADMIN, N_("admin privilege") },
    { moat_privilege_get_type, MOAT_PRIVILEGE_SYSTEM, N_("system privilege") },
    { moat_classification_get_type, MOAT_CLASSIFICATION_PUBLIC, N_("public data") },
    { moat_classification_get_type, MOAT_CLASSIFICATION_INTERNAL, N_("internal data") },
    { moat_classification_get_type, MOAT_CLASSIFICATION_CONFIDENTIAL, N_("confidential data") },
    { moat_classification_get_type, MOAT_CLASSIFICATION_RESTRICTED, N_("restricted data") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (labels[i].value == value && labels[i].get_type () == type)
      return _(labels[i].label);

  return moat_format_enum_nick (type, value);
}

/**
 * moat_format_index_threats:
 *
 * Returns: (transfer full): element id → #GPtrArray of the threats on that
 *   element, in the stable order of moat_format_sorted_list()
 */
GHashTable *
moat_format_index_threats (MoatModel *model)
{
  g_autoptr(GPtrArray) threats = moat_format_sorted_list (model, MOAT_TYPE_THREAT);
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < threats->len; i++)
    {
      MoatThreat *threat = g_ptr_array_index (threats, i);
      const char * const *ids = moat_threat_get_element_ids (threat);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          GPtrArray *list = g_hash_table_lookup (index, ids[j]);

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_object_unref);
              g_hash_table_insert (index, g_strdup (ids[j]), list);
            }
          if (!g_ptr_array_find (list, threat, NULL))
            g_ptr_array_add (list, g_object_ref (threat));
        }
    }
  return index;
}
