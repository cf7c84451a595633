/* moat-diff.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-diff-private.h"
#include "moat-element.h"
#include "moat-format-private.h"
#include "moat-value.h"

static void
entry_free (MoatDiffEntry *entry)
{
  g_free (entry->object_kind);
  g_free (entry->id);
  g_free (entry->label);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->detail);
  g_free (entry);
}

static MoatDiffEntry *
entry_new (MoatDiffKind  kind,
           MoatObject   *object)
{
  MoatDiffEntry *entry = g_new0 (MoatDiffEntry, 1);
  const char *label = moat_object_get_label (object);

  entry->kind = kind;
  entry->object_kind = g_strdup (moat_object_get_kind_name (object));
  entry->id = g_strdup (moat_object_get_id (object));
  entry->label = g_strdup (label && label[0] ? label : moat_object_get_id (object));
  return entry;
}

/* The order of a pull-request comment: the model, then what a reviewer
 * cares about most. */
static int
kind_rank (const char *kind)
{
  static const char *order[] = {
    "risk", "model", "diagram", "element", "threat", "control", "assumption",
    "asset", "threat_actor", "dismissal", "workshop_session", "feature_check", "conflict",
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (order[i], kind))
      return i;
  return G_N_ELEMENTS (order);
}

static int
compare_entries (gconstpointer pa,
                 gconstpointer pb)
{
  const MoatDiffEntry *a = *(MoatDiffEntry **)pa;
  const MoatDiffEntry *b = *(MoatDiffEntry **)pb;
  int r;

  if ((r = kind_rank (a->object_kind) - kind_rank (b->object_kind)))
    return r;
  if ((r = (int)a->kind - (int)b->kind))
    return r;
  if ((r = g_utf8_collate (a->label, b->label)))
    return r;
  if ((r = strcmp (a->id, b->id)))
    return r;
  return g_strcmp0 (a->field, b->field);
}

static const char *
label_of (MoatModel  *a,
          MoatModel  *b,
          const char *id)
{
  MoatObject *object = moat_model_lookup (b, id);
  const char *label;

  if (object == NULL)
    object = moat_model_lookup (a, id);
  label = object ? moat_object_get_label (object) : NULL;
  return label && label[0] ? label : id;
}

static gboolean
is_reference (MoatObject *object,
              GParamSpec *pspec)
{
  const MoatReference *refs;
  guint n_refs;

  refs = moat_model_list_references (&n_refs);
  for (guint i = 0; i < n_refs; i++)
    if (refs[i].owner_type == G_OBJECT_TYPE (object) && g_str_equal (refs[i].field, pspec->name))
      return TRUE;
  return FALSE;
}

/* What a reviewer reads: lists as "a, b", and references by the name of
 * what they point to rather than by id. */
static char *
value_text (MoatModel    *a,
            MoatModel    *b,
            MoatObject   *object,
            GParamSpec   *pspec,
            const GValue *value)
{
  gboolean reference = is_reference (object, pspec);

  if (pspec->value_type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        g_ptr_array_add (items, (gpointer)(reference ? label_of (a, b, strv[i]) : strv[i]));
      g_ptr_array_add (items, NULL);
      return items->len > 1 ? g_strjoinv (", ", (char **)items->pdata) : NULL;
    }

  if (reference && g_value_get_string (value) != NULL)
    return g_strdup (label_of (a, b, g_value_get_string (value)));

  return moat_value_to_text (pspec, value);
}

static void
diff_fields (GPtrArray  *entries,
             MoatModel  *old_model,
             MoatModel  *new_model,
             MoatObject *old_object,
             MoatObject *new_object)
{
  GParamSpec **fields;
  guint n_fields;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (new_object), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const GValue *a = moat_object_peek_value (old_object, fields[i]);
      const GValue *b = moat_object_peek_value (new_object, fields[i]);
      MoatDiffEntry *entry;

      if (moat_value_equal (a, b))
        continue;

      entry = entry_new (MOAT_DIFF_CHANGED, new_object);
      entry->field = g_strdup (fields[i]->name);
      entry->old_value = value_text (old_model, new_model, old_object, fields[i], a);
      entry->new_value = value_text (old_model, new_model, new_object, fields[i], b);
      g_ptr_array_add (entries, entry);
    }
}

/**
 * moat_diff_models:
 *
 * Compares two versions of a model object by object, matched by id. Times
 * of creation and change are not differences.
 *
 * Returns: (transfer full) (element-type MoatDiffEntry): the differences,
 *   in a stable order
 */
GPtrArray *
moat_diff_models (MoatModel *old_model,
                  MoatModel *new_model)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  const GType *types;
  guint n_types;

  diff_fields (entries, old_model, new_model, MOAT_OBJECT (old_model), MOAT_OBJECT (new_model));

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *old_list = moat_model_get_list (old_model, types[t]);
      GListModel *new_list = moat_model_get_list (new_model, types[t]);

      for (guint i = 0; i < g_list_model_get_n_items (new_list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (new_list, i);
          MoatObject *before = moat_model_lookup_typed (old_model, moat_object_get_id (object), types[t]);

          if (before == NULL)
            g_ptr_array_add (entries, entry_new (MOAT_DIFF_ADDED, object));
          else
            diff_fields (entries, old_model, new_model, before, object);
        }

      for (guint i = 0; i < g_list_model_get_n_items (old_list); i++)
        {
          g_autoptr(MoatObject) object = g_list_model_get_item (old_list, i);

          if (moat_model_lookup_typed (new_model, moat_object_get_id (object), types[t]) == NULL)
            g_ptr_array_add (entries, entry_new (MOAT_DIFF_REMOVED, object));
        }
    }

  moat_diff_add_risk_entries (entries, old_model, new_model);
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

static const char *
kind_title (const char *kind)
{
  static const struct { const char *kind; const char *title; } titles[] = {
    { "risk", N_("Risk") },
    { "model", N_("Model") },
    { "diagram", N_("Diagrams") },
    { "element", N_("Elements") },
    { "threat", N_("Threats") },
    { "control", N_("Controls") },
    { "assumption", N_("Assumptions") },
    { "asset", N_("Assets") },
    { "threat_actor", N_("Threat actors") },
    { "dismissal", N_("Dismissed suggestions") },
    { "workshop_session", N_("Workshop sessions") },
    { "feature_check", N_("Feature checks") },
    { "conflict", N_("Merge conflicts") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].kind, kind))
      return _(titles[i].title);
  return kind;
}

static const char *
or_empty (const char *value)
{
  return value && value[0] ? value : "∅";
}

/* Values go on one line: a description's line breaks would break the
 * layout of a terminal or a Markdown list. @max_chars 0 keeps it whole. */
char *
moat_diff_one_line (const char *value,
                    guint       max_chars)
{
  g_autofree char *copy = g_strdup (or_empty (value));

  g_strdelimit (copy, "\r\n", ' ');
  if (max_chars > 0 && (guint) g_utf8_strlen (copy, -1) > max_chars)
    {
      g_autofree char *cut = g_utf8_substring (copy, 0, max_chars - 3);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&copy);
}

static char *
one_line (const char *value)
{
  return moat_diff_one_line (value, MOAT_DIFF_VALUE_MAX);
}

static char *
markdown_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (moat_markdown_is_mention (text, p))
        {
          g_string_append (out, "@" MOAT_MARKDOWN_MENTION_BREAK);
          continue;
        }
      if (strchr ("\\`*_{}[]<>()#+-.!|~", *p))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* How the text and the Markdown forms of a diff word its entries. */
typedef struct
{
  const char   *section;   /* a kind's heading, after a blank line */
  const char   *risk;      /* a mark and a sentence about a risk */
  const char   *marks[3];  /* by MoatDiffKind */
  const char   *added;     /* the label */
  const char   *removed;
  const char   *changed;   /* the label, the field, the old and the new value */
  char       *(*escape)    (const char *text);
} DiffStyle;

static void
append_entry (GString             *out,
              const MoatDiffEntry *e,
              const DiffStyle     *style)
{
  g_autofree char *label = style->escape (e->label);
  g_autofree char *old_line = one_line (e->old_value);
  g_autofree char *new_line = one_line (e->new_value);
  g_autofree char *old_value = style->escape (old_line);
  g_autofree char *new_value = style->escape (new_line);

  if (g_str_equal (e->object_kind, "risk"))
    {
      g_autofree char *sentence = moat_diff_risk_sentence (e);
      g_autofree char *line = moat_diff_one_line (sentence, 0);
      g_autofree char *escaped = style->escape (line);

      g_string_append_printf (out, style->risk, style->marks[e->kind], escaped);
      return;
    }

  switch (e->kind)
    {
    case MOAT_DIFF_ADDED:
      g_string_append_printf (out, style->added, label);
      break;
    case MOAT_DIFF_REMOVED:
      g_string_append_printf (out, style->removed, label);
      break;
    case MOAT_DIFF_CHANGED:
      g_string_append_printf (out, style->changed, label, e->field, old_value, new_value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
append_entries (GString         *out,
                GPtrArray       *entries,
                const DiffStyle *style)
{
  const char *section = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      MoatDiffEntry *e = g_ptr_array_index (entries, i);

      if (g_strcmp0 (section, e->object_kind) != 0)
        {
          section = e->object_kind;
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append_printf (out, style->section, kind_title (section));
        }
      append_entry (out, e, style);
    }
}

static const DiffStyle text_style = {
  "%s\n", "  %s %s\n", { "+", "-", "~" },
  "  + %s\n", "  - %s\n", "  ~ %s: %s: %s → %s\n", g_strdup
};

static const DiffStyle markdown_style = {
  "#### %s\n\n", "- %s %s\n", { "➕", "➖", "✏️" },
  "- ➕ **%s**\n", "- ➖ ~~%s~~\n", "- ✏️ **%s**: `%s` %s → %s\n", markdown_escape
};

/**
 * moat_diff_entry_text:
 *
 * Returns: (transfer full): @entry worded as one line of `moat-cli diff`,
 *   its mark first
 */
char *
moat_diff_entry_text (const MoatDiffEntry *entry)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_entry (out, entry, &text_style);
  g_strstrip (out->str);
  return g_strdup (out->str);
}

/**
 * moat_diff_kind_title:
 *
 * Returns: the heading `moat-cli diff` gives changes of @object_kind
 */
const char *
moat_diff_kind_title (const char *object_kind)
{
  return kind_title (object_kind);
}

char *
moat_diff_format_text (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  if (entries->len == 0)
    g_string_append_printf (out, "%s\n", _("No differences."));
  append_entries (out, entries, &text_style);

  return g_string_free (out, FALSE);
}

char *
moat_diff_format_markdown (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);
  guint added = 0, removed = 0, changed = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      MoatDiffEntry *e = g_ptr_array_index (entries, i);

      if (g_str_equal (e->object_kind, "risk"))
        continue;
      added += e->kind == MOAT_DIFF_ADDED;
      removed += e->kind == MOAT_DIFF_REMOVED;
      changed += e->kind == MOAT_DIFF_CHANGED;
    }

  g_string_append_printf (out, "### %s\n\n", _("Threat model changes"));
  if (entries->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("No differences."));
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, _("%u added, %u removed, %u changed fields.\n"),
                          added, removed, changed);

  append_entries (out, entries, &markdown_style);

  return g_string_free (out, FALSE);
}

char *
moat_diff_format_json (GPtrArray *entries)
{
  static const char *kinds[] = { "added", "removed", "changed" };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      MoatDiffEntry *e = g_ptr_array_index (entries, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "change");
      json_builder_add_string_value (builder, kinds[e->kind]);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, e->object_kind);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, e->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, e->label);
      /* A risk entry (with a detail) has a field and values whatever its kind. */
      if (e->detail != NULL || e->kind == MOAT_DIFF_CHANGED)
        {
          json_builder_set_member_name (builder, "field");
          json_builder_add_string_value (builder, e->field);
          json_builder_set_member_name (builder, "old");
          json_builder_add_string_value (builder, e->old_value);
          json_builder_set_member_name (builder, "new");
          json_builder_add_string_value (builder, e->new_value);
        }
      if (e->detail != NULL)
        {
          json_builder_set_member_name (builder, "detail");
          json_builder_add_string_value (builder, e->detail);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}
