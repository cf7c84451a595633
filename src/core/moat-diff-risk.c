/* moat-diff-risk.c: what a change does to the risk
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field-by-field diff tells what was typed; a reviewer of a merge
 * request wants to know what it does: which threat's risk moved and why,
 * which suggestion was dismissed where and on what grounds, which
 * assumption or control changed status. These entries come first, in a
 * section of their own ("risk").
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "moat-assumption.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-diff-private.h"
#include "moat-dismissal.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-format.h"
#include "moat-risk.h"

static MoatDiffEntry *
risk_entry (MoatDiffKind  kind,
            MoatObject   *object,
            const char   *field)
{
  MoatDiffEntry *entry = g_new0 (MoatDiffEntry, 1);
  const char *label = moat_object_get_label (object);

  entry->kind = kind;
  entry->object_kind = g_strdup ("risk");
  entry->id = g_strdup (moat_object_get_id (object));
  entry->label = g_strdup (label && label[0] ? label : moat_object_get_id (object));
  entry->field = g_strdup (field);
  return entry;
}

/* "inherent High, residual Medium" */
static char *
levels_text (const MoatRiskAssessment *risk)
{
  return g_strdup_printf (_("inherent %s, residual %s"), moat_risk_level_get_label (risk->level),
                          moat_risk_level_get_label (risk->residual_level));
}

static int
steps_of (MoatModel   *model,
          const char  *control_id,
          const char  *threat_id)
{
  MoatControl *control = moat_model_lookup_typed (model, control_id, MOAT_TYPE_CONTROL);
  const char * const *ids = control ? moat_control_get_threat_ids (control) : NULL;

  if (ids == NULL || !g_strv_contains (ids, threat_id))
    return 0;
  return moat_risk_control_steps (moat_control_get_status (control));
}

static void
add_control_causes (GString    *cause,
                    MoatModel  *old_model,
                    MoatModel  *new_model,
                    const char *threat_id)
{
  GListModel *lists[] = { moat_model_get_list (old_model, MOAT_TYPE_CONTROL),
                          moat_model_get_list (new_model, MOAT_TYPE_CONTROL) };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(MoatControl) control = g_list_model_get_item (lists[l], i);
        const char *id = moat_object_get_id (MOAT_OBJECT (control));
        MoatControl *now = moat_model_lookup_typed (new_model, id, MOAT_TYPE_CONTROL);
        int before = steps_of (old_model, id, threat_id), after = steps_of (new_model, id, threat_id);

        if (before == after || !g_hash_table_add (seen, g_strdup (id)))
          continue;
        g_string_append_printf (cause, "%s", cause->len ? "; " : "");
        if (now == NULL)
          g_string_append_printf (cause, _("control “%s” removed"), moat_object_get_label (MOAT_OBJECT (control)));
        else
          g_string_append_printf (cause, _("control “%s” now %s%s"), moat_object_get_label (MOAT_OBJECT (now)),
                                  moat_format_enum_label (MOAT_TYPE_CONTROL_STATUS, moat_control_get_status (now)),
                                  after == 0 ? _(" or no longer linked") : "");
      }
}

/* Why a threat's levels moved: its likelihood, its impact (and where
 * that comes from now), the controls that count for it. */
static char *
level_cause (MoatModel                *old_model,
             MoatModel                *new_model,
             MoatThreat               *threat,
             const MoatRiskAssessment *before,
             const MoatRiskAssessment *after)
{
  GString *cause = g_string_new (NULL);

  if (before->likelihood != after->likelihood)
    g_string_append_printf (cause, _("likelihood %d → %d"), before->likelihood, after->likelihood);
  if (before->impact != after->impact)
    {
      g_autofree char *reason = moat_risk_describe_impact (new_model, threat);

      g_string_append_printf (cause, "%s", cause->len ? "; " : "");
      g_string_append_printf (cause, _("impact %d → %d, %s"), before->impact, after->impact, reason);
    }
  if (before->control_steps != after->control_steps)
    add_control_causes (cause, old_model, new_model, moat_object_get_id (MOAT_OBJECT (threat)));

  return g_string_free (cause, FALSE);
}

static void
diff_threats (GPtrArray *entries,
              MoatModel *old_model,
              MoatModel *new_model)
{
  GListModel *list = moat_model_get_list (new_model, MOAT_TYPE_THREAT);
  GListModel *old_list = moat_model_get_list (old_model, MOAT_TYPE_THREAT);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (list, i);
      MoatThreat *was = moat_model_lookup_typed (old_model, moat_object_get_id (MOAT_OBJECT (threat)),
                                                 MOAT_TYPE_THREAT);
      MoatRiskAssessment before, after;
      MoatDiffEntry *entry;

      moat_risk_assess (new_model, threat, &after);
      if (was == NULL)
        {
          entry = risk_entry (MOAT_DIFF_ADDED, MOAT_OBJECT (threat), "threat");
          entry->new_value = levels_text (&after);
          entry->detail = moat_risk_describe_impact (new_model, threat);
          g_ptr_array_add (entries, entry);
          continue;
        }

      moat_risk_assess (old_model, was, &before);
      if (before.level == after.level && before.residual_level == after.residual_level)
        continue;
      entry = risk_entry (MOAT_DIFF_CHANGED, MOAT_OBJECT (threat), "level");
      entry->old_value = levels_text (&before);
      entry->new_value = levels_text (&after);
      entry->detail = level_cause (old_model, new_model, threat, &before, &after);
      g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; i < g_list_model_get_n_items (old_list); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (old_list, i);
      MoatRiskAssessment before;
      MoatDiffEntry *entry;

      if (moat_model_lookup_typed (new_model, moat_object_get_id (MOAT_OBJECT (threat)), MOAT_TYPE_THREAT))
        continue;
      moat_risk_assess (old_model, threat, &before);
      entry = risk_entry (MOAT_DIFF_REMOVED, MOAT_OBJECT (threat), "threat");
      entry->old_value = levels_text (&before);
      g_ptr_array_add (entries, entry);
    }
}

/* "Card vault (Payments)": an element named with its diagram, as names
 * repeat across diagrams. */
static char *
element_with_diagram (MoatModel  *model,
                      const char *element_id)
{
  MoatElement *element = moat_model_lookup_typed (model, element_id, MOAT_TYPE_ELEMENT);
  MoatDiagram *diagram = NULL;
  const char *name, *title;

  if (element == NULL)
    return g_strdup (element_id ? element_id : "");
  diagram = moat_model_lookup_typed (model, moat_element_get_diagram_id (element), MOAT_TYPE_DIAGRAM);
  name = moat_element_get_name (element);
  title = diagram ? moat_diagram_get_title (diagram) : NULL;
  if (name == NULL || *name == '\0')
    name = _("(unnamed)");
  if (title == NULL || *title == '\0')
    return g_strdup (name);
  return g_strdup_printf ("%s (%s)", name, title);
}

static void
add_dismissal (GPtrArray     *entries,
               MoatModel     *model,
               MoatDismissal *dismissal,
               MoatDiffKind   kind)
{
  MoatDiffEntry *entry = risk_entry (kind, MOAT_OBJECT (dismissal), "dismissal");
  g_autofree char *element = element_with_diagram (model, moat_dismissal_get_element_id (dismissal));
  const char *reason = moat_dismissal_get_reason (dismissal);

  g_free (entry->label);
  entry->label = g_strdup_printf (_("rule %s on %s"), moat_dismissal_get_rule_id (dismissal), element);
  entry->detail = g_strdup (reason != NULL && *reason != '\0' ? reason : _("no reason given"));
  g_ptr_array_add (entries, entry);
}

static void
diff_dismissals (GPtrArray *entries,
                 MoatModel *old_model,
                 MoatModel *new_model)
{
  GListModel *list = moat_model_get_list (new_model, MOAT_TYPE_DISMISSAL);
  GListModel *old_list = moat_model_get_list (old_model, MOAT_TYPE_DISMISSAL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatDismissal) dismissal = g_list_model_get_item (list, i);

      if (!moat_model_lookup_typed (old_model, moat_object_get_id (MOAT_OBJECT (dismissal)), MOAT_TYPE_DISMISSAL))
        add_dismissal (entries, new_model, dismissal, MOAT_DIFF_ADDED);
    }
  for (guint i = 0; i < g_list_model_get_n_items (old_list); i++)
    {
      g_autoptr(MoatDismissal) dismissal = g_list_model_get_item (old_list, i);

      if (!moat_model_lookup_typed (new_model, moat_object_get_id (MOAT_OBJECT (dismissal)), MOAT_TYPE_DISMISSAL))
        add_dismissal (entries, old_model, dismissal, MOAT_DIFF_REMOVED);
    }
}

static guint
count_ids (const char * const *ids)
{
  return ids ? g_strv_length ((char **)ids) : 0;
}

/* Assumptions' and controls' statuses, with what hangs on them. */
static void
diff_statuses (GPtrArray *entries,
               MoatModel *old_model,
               MoatModel *new_model,
               GType      type,
               GType      status_type)
{
  GListModel *list = moat_model_get_list (new_model, type);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MoatObject) object = g_list_model_get_item (list, i);
      MoatObject *was = moat_model_lookup_typed (old_model, moat_object_get_id (object), type);
      int before, after;
      guint n_threats;
      MoatDiffEntry *entry;

      if (was == NULL)
        continue;
      g_object_get (was, "status", &before, NULL);
      g_object_get (object, "status", &after, NULL);
      if (before == after)
        continue;

      entry = risk_entry (MOAT_DIFF_CHANGED, object, type == MOAT_TYPE_CONTROL ? "control" : "assumption");
      entry->old_value = g_strdup (moat_format_enum_label (status_type, before));
      entry->new_value = g_strdup (moat_format_enum_label (status_type, after));
      n_threats = count_ids (type == MOAT_TYPE_CONTROL
                             ? moat_control_get_threat_ids (MOAT_CONTROL (object))
                             : moat_assumption_get_threat_ids (MOAT_ASSUMPTION (object)));
      entry->detail = g_strdup_printf (type == MOAT_TYPE_CONTROL
                                       ? g_dngettext (GETTEXT_PACKAGE, "addresses %u threat", "addresses %u threats", n_threats)
                                       : g_dngettext (GETTEXT_PACKAGE, "%u threat relies on it", "%u threats rely on it", n_threats),
                                       n_threats);
      g_ptr_array_add (entries, entry);
    }
}

/**
 * moat_diff_add_risk_entries:
 *
 * Adds to @entries, as object kind "risk", what the change does to the
 * risk: threats' level changes with their cause (field "level"), threats
 * added or removed with their levels ("threat"), suggestions dismissed
 * or restored with element and reason ("dismissal"), and assumptions' and
 * controls' status changes ("assumption", "control").
 */
void
moat_diff_add_risk_entries (GPtrArray *entries,
                            MoatModel *old_model,
                            MoatModel *new_model)
{
  diff_threats (entries, old_model, new_model);
  diff_dismissals (entries, old_model, new_model);
  diff_statuses (entries, old_model, new_model, MOAT_TYPE_CONTROL, MOAT_TYPE_CONTROL_STATUS);
  diff_statuses (entries, old_model, new_model, MOAT_TYPE_ASSUMPTION, MOAT_TYPE_ASSUMPTION_STATUS);
}

/**
 * moat_diff_risk_sentence:
 *
 * Returns: (transfer full): a risk entry as one sentence, without the
 *   mark (+, -, ~) that says whether it was added, removed or changed
 */
char *
moat_diff_risk_sentence (const MoatDiffEntry *e)
{
  /* Names and a dismissal's reason are the user's text, cut where long;
   * the cause is what the reader came for and stays whole. */
  g_autofree char *label = moat_diff_one_line (e->label, MOAT_DIFF_VALUE_MAX);
  g_autofree char *reason = moat_diff_one_line (e->detail, MOAT_DIFF_VALUE_MAX);
  const char *detail = e->detail ? e->detail : "";

  if (g_str_equal (e->field, "level"))
    /* TRANSLATORS: "threat Card data leak: inherent High, residual High → inherent High, residual Low, because control “Encryption” now verified" */
    return g_strdup_printf (_("threat %s: %s → %s, because %s"), label, e->old_value, e->new_value, detail);
  if (g_str_equal (e->field, "threat") && e->kind == MOAT_DIFF_ADDED)
    return g_strdup_printf (_("new threat %s: %s; impact %s"), label, e->new_value, detail);
  if (g_str_equal (e->field, "threat"))
    return g_strdup_printf (_("threat %s gone: it was %s"), label, e->old_value);
  if (g_str_equal (e->field, "dismissal") && e->kind == MOAT_DIFF_ADDED)
    return g_strdup_printf (_("suggestion dismissed: %s, because “%s”"), label, reason);
  if (g_str_equal (e->field, "dismissal"))
    return g_strdup_printf (_("suggestion no longer dismissed: %s"), label);
  if (g_str_equal (e->field, "control"))
    return g_strdup_printf (_("control %s: %s → %s (%s)"), label, e->old_value, e->new_value, detail);
  return g_strdup_printf (_("assumption %s: %s → %s (%s)"), label, e->old_value, e->new_value, detail);
}
