/* moat-conflict-row.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "moat-conflict-row.h"
#include "moat-labels.h"

struct _MoatConflictRow
{
  GtkListBoxRow  parent_instance;

  MoatConflict  *conflict;

  /* template children */
  GtkImage      *kind_icon;
  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkLabel      *base_caption;
  GtkLabel      *base_value;
  GtkLabel      *ours_value;
  GtkLabel      *theirs_value;
  GtkLabel      *error_label;
  GtkWidget     *base_button;
  GtkWidget     *edit_button;
  GtkWidget     *edit_popover;
  GtkWidget     *ours_button;
  GtkWidget     *theirs_button;
  GtkEntry      *value_entry;
};

G_DEFINE_FINAL_TYPE (MoatConflictRow, moat_conflict_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_CONFLICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * moat_conflict_value_to_display:
 * @json: (nullable): a conflict's value, Moat JSON text; %NULL when that
 *   side deleted the object
 *
 * Returns: (transfer full): the value as a person reads it: a string
 *   without its quotes, anything else as its JSON
 */
char *
moat_conflict_value_to_display (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL)
    return g_strdup (_("Deleted"));
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return g_strdup (json);

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_HOLDS_NULL (root))
    return g_strdup (_("(none)"));
  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (root);

      return g_strdup (*text != '\0' ? text : _("(empty)"));
    }
  /* JSON writes a position as 40.0; a person reads 40. */
  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (root)));
    }
  return g_strdup (json);
}

/* "data-classification" reads as "Data classification". */
static char *
field_label (const char *field)
{
  g_autofree char *words = g_strdelimit (g_strdup (field), "-_", ' ');
  g_autofree char *first = g_utf8_substring (words, 0, 1);
  g_autofree char *upper = g_utf8_strup (first, -1);

  return g_strconcat (upper, g_utf8_offset_to_pointer (words, 1), NULL);
}

static char *
kind_explanation (MoatConflict *c)
{
  gboolean ours_deleted = moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS) == NULL;
  g_autofree char *field = NULL;

  switch (moat_conflict_get_kind (c))
    {
    case MOAT_CONFLICT_FIELD:
      field = field_label (moat_conflict_get_field (c));
      /* Translators: %s is a field, such as "Name" */
      return g_strdup_printf (_("%s changed differently on both sides"), field);
    case MOAT_CONFLICT_EDITED_DELETED:
      return g_strdup (ours_deleted ? _("Deleted in this copy, edited in the other")
                                    : _("Edited in this copy, deleted in the other"));
    case MOAT_CONFLICT_REFERENCED_DELETED:
      return g_strdup (ours_deleted ? _("Deleted in this copy, but the other refers to it")
                                    : _("Deleted in the other copy, but this one refers to it"));
    case MOAT_CONFLICT_ADDED_TWICE:
      return g_strdup (_("Added on both sides as different objects; only ours can be kept"));
    default:
      return g_strdup ("");
    }
}

/* "Process", "Threat": what a person calls the object. */
static char *
kind_label (MoatConflict *c,
            MoatObject   *object)
{
  const char *kind = moat_conflict_get_object_kind (c);

  if (MOAT_IS_ELEMENT (object))
    return g_strdup (moat_label_element_kind (moat_element_get_kind (MOAT_ELEMENT (object))));
  return field_label (kind ? kind : "");
}

static void
set_value_label (GtkLabel   *label,
                 const char *json)
{
  g_autofree char *shown = moat_conflict_value_to_display (json);

  gtk_label_set_label (label, shown);
}

static void
show_conflict (MoatConflictRow *self)
{
  MoatConflict *c = self->conflict;
  MoatModel *model = moat_object_get_model (MOAT_OBJECT (c));
  MoatObject *object = model ? moat_model_lookup (model, moat_conflict_get_object_id (c)) : NULL;
  MoatConflictKind conflict_kind = moat_conflict_get_kind (c);
  gboolean is_field = conflict_kind == MOAT_CONFLICT_FIELD;
  g_autofree char *kind = NULL;
  g_autofree char *explanation = NULL;
  const char *ours = moat_conflict_get_value (c, MOAT_MERGE_SIDE_OURS);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = moat_conflict_describe (c);
  g_autofree char *accessible = NULL;

  if (object != NULL)
    name = g_strdup (moat_object_get_label (object));
  else
    g_object_get (c, "title", &name, NULL);

  kind = kind_label (c, object);
  /* Translators: Process “Web app” */
  title = g_strdup_printf (_("%s “%s”"), kind, name ? name : "");
  explanation = kind_explanation (c);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, explanation);
  if (MOAT_IS_ELEMENT (object))
    gtk_image_set_from_icon_name (self->kind_icon,
                                  moat_label_element_icon (moat_element_get_kind (MOAT_ELEMENT (object))));
  set_value_label (self->base_value, moat_conflict_get_value (c, MOAT_MERGE_SIDE_BASE));
  set_value_label (self->ours_value, ours);
  set_value_label (self->theirs_value, moat_conflict_get_value (c, MOAT_MERGE_SIDE_THEIRS));

  /* Only a field has a base to go back to or room for a value of one's
   * own; of an object added twice only ours can stay. */
  gtk_widget_set_visible (GTK_WIDGET (self->base_caption), is_field);
  gtk_widget_set_visible (GTK_WIDGET (self->base_value), is_field);
  gtk_widget_set_visible (self->base_button, is_field);
  gtk_widget_set_visible (self->edit_button, is_field);
  gtk_widget_set_visible (self->theirs_button, conflict_kind != MOAT_CONFLICT_ADDED_TWICE);

  accessible = g_strdup_printf ("%s: %s", title, explanation);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
show_error (MoatConflictRow *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* What the person typed, as a value of the field: text as it is for a
 * text field; otherwise Moat JSON (a number, true), and failing that the
 * text as a JSON string, which is how choices such as "high" are kept. */
static gboolean
typed_value (MoatConflictRow  *self,
             GValue           *value,
             GError          **error)
{
  MoatConflict *c = self->conflict;
  MoatModel *model = moat_object_get_model (MOAT_OBJECT (c));
  MoatObject *object = moat_model_lookup (model, moat_conflict_get_object_id (c));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *quoted = NULL;
  GParamSpec *pspec;

  pspec = object ? g_object_class_find_property (G_OBJECT_GET_CLASS (object),
                                                 moat_conflict_get_field (c)) : NULL;
  if (pspec == NULL)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("This conflict’s object is no longer in the model")), FALSE;

  if (pspec->value_type == G_TYPE_STRING)
    {
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      return TRUE;
    }

  if (moat_json_value_from_text (pspec, text, value, NULL))
    return TRUE;
  g_value_unset (value);

  node = json_node_init_string (json_node_alloc (), text);
  quoted = json_to_string (node, FALSE);
  return moat_json_value_from_text (pspec, quoted, value, error);
}

static void
resolve (MoatConflictRow *self,
         MoatMergeSide    side)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  MoatModel *model;

  if (self->conflict == NULL)
    return;
  model = moat_object_get_model (MOAT_OBJECT (self->conflict));
  if (model == NULL)
    return;

  if (side == MOAT_MERGE_SIDE_VALUE && !typed_value (self, &value, &error))
    {
      show_error (self, error->message);
      return;
    }

  /* On success the live list drops this row. */
  if (!moat_model_resolve_conflict (model, self->conflict, side,
                                    side == MOAT_MERGE_SIDE_VALUE ? &value : NULL, &error))
    show_error (self, error->message);
}

static void
side_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  /* Settling the conflict takes this row out of the list: keep it alive
   * until the handler is done with it. */
  g_autoptr(MoatConflictRow) self = g_object_ref (MOAT_CONFLICT_ROW (widget));

  show_error (self, NULL);
  if (g_str_equal (name, "conflict.ours"))
    resolve (self, MOAT_MERGE_SIDE_OURS);
  else if (g_str_equal (name, "conflict.theirs"))
    resolve (self, MOAT_MERGE_SIDE_THEIRS);
  else if (g_str_equal (name, "conflict.base"))
    resolve (self, MOAT_MERGE_SIDE_BASE);
  else
    {
      gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
      resolve (self, MOAT_MERGE_SIDE_VALUE);
    }
}

static void
on_entry_activate (MoatConflictRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "conflict.value", NULL);
}

/* Start from our value: the usual edit is a small change to one side. */
static void
on_edit_shown (MoatConflictRow *self)
{
  const char *ours = self->conflict ? moat_conflict_get_value (self->conflict, MOAT_MERGE_SIDE_OURS) : NULL;
  g_autofree char *shown = NULL;

  if (gtk_editable_get_text (GTK_EDITABLE (self->value_entry))[0] != '\0' || ours == NULL)
    return;
  shown = moat_conflict_value_to_display (ours);
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), shown);
}

GtkWidget *
moat_conflict_row_new (MoatConflict *conflict)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT (conflict), NULL);

  return g_object_new (MOAT_TYPE_CONFLICT_ROW, "conflict", conflict, NULL);
}

MoatConflict *
moat_conflict_row_get_conflict (MoatConflictRow *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT_ROW (self), NULL);

  return self->conflict;
}

/**
 * moat_conflict_row_get_editable:
 *
 * Returns: (transfer none): where the value for conflict.value is typed
 */
GtkEditable *
moat_conflict_row_get_editable (MoatConflictRow *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT_ROW (self), NULL);

  return GTK_EDITABLE (self->value_entry);
}

/**
 * moat_conflict_row_get_error:
 *
 * Returns: (nullable): why the last resolution failed, or %NULL
 */
const char *
moat_conflict_row_get_error (MoatConflictRow *self)
{
  g_return_val_if_fail (MOAT_IS_CONFLICT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_label (self->error_label);
}

static void
moat_conflict_row_dispose (GObject *object)
{
  MoatConflictRow *self = MOAT_CONFLICT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_CONFLICT_ROW);
  g_clear_object (&self->conflict);

  G_OBJECT_CLASS (moat_conflict_row_parent_class)->dispose (object);
}

static void
moat_conflict_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MoatConflictRow *self = MOAT_CONFLICT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONFLICT:
      g_value_set_object (value, self->conflict);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_conflict_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MoatConflictRow *self = MOAT_CONFLICT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONFLICT:
      self->conflict = g_value_dup_object (value);
      if (self->conflict != NULL)
        show_conflict (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_conflict_row_class_init (MoatConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_conflict_row_dispose;
  object_class->get_property = moat_conflict_row_get_property;
  object_class->set_property = moat_conflict_row_set_property;

  properties[PROP_CONFLICT] =
    g_param_spec_object ("conflict", NULL, NULL, MOAT_TYPE_CONFLICT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/conflicts/moat-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, base_caption);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, base_value);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, ours_value);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, theirs_value);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, base_button);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, ours_button);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, theirs_button);
  gtk_widget_class_bind_template_child (widget_class, MoatConflictRow, value_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_shown);

  gtk_widget_class_install_action (widget_class, "conflict.ours", NULL, side_action);
  gtk_widget_class_install_action (widget_class, "conflict.theirs", NULL, side_action);
  gtk_widget_class_install_action (widget_class, "conflict.base", NULL, side_action);
  gtk_widget_class_install_action (widget_class, "conflict.value", NULL, side_action);
}

static void
moat_conflict_row_init (MoatConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
