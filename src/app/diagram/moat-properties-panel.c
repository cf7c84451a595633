/* moat-properties-panel.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are described once in a table (property, widget, the element
 * kinds it applies to), so showing, loading and writing a field is the same
 * code for every field. With several elements selected, only the rows that
 * apply to all of them are shown, and a change is written to each of them
 * in one undo step.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-field-binder.h"
#include "moat-properties-panel.h"

#define KIND(k) (1u << MOAT_ELEMENT_##k)
#define NODES (KIND (ACTOR) | KIND (PROCESS) | KIND (STORE))
#define DATA (KIND (PROCESS) | KIND (STORE) | KIND (FLOW))
#define ALL_KINDS (NODES | KIND (BOUNDARY) | KIND (FLOW) | KIND (NOTE))

typedef enum {
  FIELD_ENTRY,
  FIELD_SWITCH,
  FIELD_CHOICE,
  FIELD_TAGS,
} FieldKind;

typedef struct {
  const char *property;
  FieldKind   kind;
  gsize       row_offset;
  gsize       widget_offset;
  guint       kinds;
} Field;

struct _MoatPropertiesPanel
{
  GtkWidget            parent_instance;

  MoatModel           *model;
  GPtrArray           *selection;   /* of MoatElement */
  gboolean             loading;
  MoatFieldBinder     *description;
  GPtrArray           *asset_rows;  /* of AdwActionRow */

  /* template children */
  GtkStack            *stack;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *element_group;
  AdwPreferencesGroup *security_group;
  AdwPreferencesGroup *data_group;
  AdwPreferencesGroup *assets_group;
  AdwPreferencesGroup *scope_group;
  AdwPreferencesGroup *review_group;
  AdwActionRow        *review_row;
  GtkSwitch           *review_switch;
  GtkTextView         *description_view;
  AdwEntryRow         *name_row;
  AdwEntryRow         *technology_row;
  AdwEntryRow         *protocol_row;
  AdwEntryRow         *out_of_scope_reason_row;
  AdwEntryRow         *tags_row;
  AdwActionRow        *bidirectional_row;
  AdwActionRow        *authenticated_row;
  AdwActionRow        *authorization_checked_row;
  AdwActionRow        *encrypted_in_transit_row;
  AdwActionRow        *encrypted_at_rest_row;
  AdwActionRow        *internet_facing_row;
  AdwActionRow        *handles_pii_row;
  AdwActionRow        *handles_credentials_row;
  AdwActionRow        *handles_payment_row;
  AdwActionRow        *out_of_scope_row;
  GtkSwitch           *bidirectional_switch;
  GtkSwitch           *authenticated_switch;
  GtkSwitch           *authorization_checked_switch;
  GtkSwitch           *encrypted_in_transit_switch;
  GtkSwitch           *encrypted_at_rest_switch;
  GtkSwitch           *internet_facing_switch;
  GtkSwitch           *handles_pii_switch;
  GtkSwitch           *handles_credentials_switch;
  GtkSwitch           *handles_payment_switch;
  GtkSwitch           *out_of_scope_switch;
  AdwComboRow         *privilege_row;
  AdwComboRow         *classification_row;
};

G_DEFINE_FINAL_TYPE (MoatPropertiesPanel, moat_properties_panel, GTK_TYPE_WIDGET)

#define ROW(name) G_STRUCT_OFFSET (MoatPropertiesPanel, name##_row)
#define SWITCH(name) G_STRUCT_OFFSET (MoatPropertiesPanel, name##_switch)

static const Field fields[] = {
  { "name", FIELD_ENTRY, ROW (name), ROW (name), ALL_KINDS },
  { "technology", FIELD_ENTRY, ROW (technology), ROW (technology), NODES },
  { "protocol", FIELD_ENTRY, ROW (protocol), ROW (protocol), KIND (FLOW) },
  { "bidirectional", FIELD_SWITCH, ROW (bidirectional), SWITCH (bidirectional), KIND (FLOW) },
  { "authenticated", FIELD_SWITCH, ROW (authenticated), SWITCH (authenticated), DATA },
  { "authorization-checked", FIELD_SWITCH, ROW (authorization_checked),
    SWITCH (authorization_checked), KIND (PROCESS) | KIND (STORE) },
  { "encrypted-in-transit", FIELD_SWITCH, ROW (encrypted_in_transit),
    SWITCH (encrypted_in_transit), KIND (FLOW) },
  { "encrypted-at-rest", FIELD_SWITCH, ROW (encrypted_at_rest), SWITCH (encrypted_at_rest),
    KIND (STORE) },
  { "internet-facing", FIELD_SWITCH, ROW (internet_facing), SWITCH (internet_facing), NODES },
  { "privilege-level", FIELD_CHOICE, ROW (privilege), ROW (privilege),
    KIND (ACTOR) | KIND (PROCESS) },
  { "data-classification", FIELD_CHOICE, ROW (classification), ROW (classification), DATA },
  { "handles-pii", FIELD_SWITCH, ROW (handles_pii), SWITCH (handles_pii), DATA },
  { "handles-credentials", FIELD_SWITCH, ROW (handles_credentials),
    SWITCH (handles_credentials), DATA },
  { "handles-payment", FIELD_SWITCH, ROW (handles_payment), SWITCH (handles_payment), DATA },
  { "out-of-scope", FIELD_SWITCH, ROW (out_of_scope), SWITCH (out_of_scope), ALL_KINDS },
  { "out-of-scope-reason", FIELD_ENTRY, ROW (out_of_scope_reason), ROW (out_of_scope_reason),
    ALL_KINDS },
  { "tags", FIELD_TAGS, ROW (tags), ROW (tags), ALL_KINDS },
};

#define MEMBER(self, offset) (G_STRUCT_MEMBER (GtkWidget *, (self), (offset)))

static MoatElement *
first (MoatPropertiesPanel *self)
{
  return self->selection->len > 0 ? g_ptr_array_index (self->selection, 0) : NULL;
}

/* The kinds among the selected elements, as a bit set. */
static guint
selected_kinds (MoatPropertiesPanel *self)
{
  guint kinds = 0;

  for (guint i = 0; i < self->selection->len; i++)
    kinds |= 1u << moat_element_get_kind (g_ptr_array_index (self->selection, i));

  return kinds;
}

/* A field applies when every selected element has it. */
static gboolean
applies (MoatPropertiesPanel *self,
         const Field         *field)
{
  return self->selection->len > 0 && (selected_kinds (self) & ~field->kinds) == 0;
}

static gboolean
same_value (MoatPropertiesPanel *self,
            const char          *property,
            GValue              *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (first (self)), property);

  g_value_init (value, pspec->value_type);
  g_object_get_property (G_OBJECT (first (self)), property, value);
  for (guint i = 1; i < self->selection->len; i++)
    {
      g_auto(GValue) other = G_VALUE_INIT;

      g_value_init (&other, pspec->value_type);
      g_object_get_property (g_ptr_array_index (self->selection, i), property, &other);
      if (!moat_value_equal (value, &other))
        return FALSE;
    }
  return TRUE;
}

/* The row remembers what it showed, so that leaving a row the user did not
 * touch writes nothing: with mixed values it shows "", which must not
 * overwrite them all. */
static void
show_text (GtkWidget  *row,
           const char *text)
{
  g_object_set_data_full (G_OBJECT (row), "shown", g_strdup (text), g_free);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
text_changed (GtkWidget *row)
{
  return g_strcmp0 (g_object_get_data (G_OBJECT (row), "shown"),
                    gtk_editable_get_text (GTK_EDITABLE (row))) != 0;
}

static void
load_field (MoatPropertiesPanel *self,
            const Field         *field)
{
  GtkWidget *row = MEMBER (self, field->row_offset);
  GtkWidget *widget = MEMBER (self, field->widget_offset);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean shared;

  gtk_widget_set_visible (row, applies (self, field));
  if (!gtk_widget_get_visible (row))
    return;

  shared = same_value (self, field->property, &value);
  switch (field->kind)
    {
    case FIELD_ENTRY:
      show_text (widget, shared && g_value_get_string (&value) ? g_value_get_string (&value) : "");
      break;
    case FIELD_TAGS:
      {
        const char * const *tags = shared ? g_value_get_boxed (&value) : NULL;
        g_autofree char *text = tags ? g_strjoinv (", ", (char **) tags) : g_strdup ("");

        show_text (widget, text);
      }
      break;
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (widget), shared && g_value_get_boolean (&value));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shared ? NULL : _("Differs between the selected elements"));
      break;
    case FIELD_CHOICE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), shared ? (guint) g_value_get_enum (&value)
                                                                 : GTK_INVALID_LIST_POSITION);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
load_description (MoatPropertiesPanel *self)
{
  gboolean single = self->selection->len == 1;
  GtkWidget *frame = gtk_widget_get_parent (GTK_WIDGET (self->description_view));

  gtk_widget_set_visible (frame, single);
  moat_field_binder_set_object (self->description, single ? MOAT_OBJECT (first (self)) : NULL);
  if (single)
    moat_field_binder_reload (self->description);
}

static gboolean
element_has_asset (MoatElement *element,
                   const char  *id)
{
  const char * const *ids = moat_element_get_asset_ids (element);

  return ids != NULL && g_strv_contains (ids, id);
}

static void
load_assets (MoatPropertiesPanel *self)
{
  for (guint i = 0; i < self->asset_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->asset_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      const char *id = g_object_get_data (G_OBJECT (row), "asset-id");
      guint n = 0;

      for (guint j = 0; j < self->selection->len; j++)
        n += element_has_asset (g_ptr_array_index (self->selection, j), id);
      gtk_check_button_set_active (check, n > 0 && n == self->selection->len);
      gtk_check_button_set_inconsistent (check, n > 0 && n < self->selection->len);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->assets_group),
                          self->asset_rows->len > 0 && (selected_kinds (self) & ~DATA) == 0);
}

/* The selected elements one reviews for threats (not boundaries or notes). */
static GPtrArray *
reviewable_selection (MoatPropertiesPanel *self)
{
  GPtrArray *elements = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatElement *element = g_ptr_array_index (self->selection, i);
      MoatElementKind kind = moat_element_get_kind (element);

      if (kind != MOAT_ELEMENT_BOUNDARY && kind != MOAT_ELEMENT_NOTE)
        g_ptr_array_add (elements, g_object_ref (element));
    }
  return elements;
}

static void
load_review (MoatPropertiesPanel *self)
{
  g_autoptr(GPtrArray) elements = reviewable_selection (self);
  g_autofree char *subtitle = NULL;
  guint reviewed = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->review_group), elements->len > 0);
  if (elements->len == 0)
    return;

  for (guint i = 0; i < elements->len; i++)
    reviewed += moat_element_get_reviewed (g_ptr_array_index (elements, i));
  gtk_switch_set_active (self->review_switch, reviewed == elements->len);

  if (elements->len == 1)
    {
      MoatElement *element = g_ptr_array_index (elements, 0);

      subtitle = moat_review_describe (element);
      if (subtitle == NULL)
        subtitle = g_strdup (moat_element_get_out_of_scope (element)
                             ? _("Out of scope: no review needed")
                             : _("Nobody has reviewed its threats yet"));
    }
  else
    /* Translators: "2 of 5 reviewed" */
    subtitle = g_strdup_printf (ngettext ("%u of %u reviewed", "%u of %u reviewed", elements->len),
                                reviewed, elements->len);
  adw_action_row_set_subtitle (self->review_row, subtitle);
}

static void
on_review_switch_active (MoatPropertiesPanel *self)
{
  g_autoptr(GPtrArray) elements = NULL;

  if (self->loading || self->model == NULL)
    return;

  elements = reviewable_selection (self);
  moat_review_mark (self->model, (MoatElement **) elements->pdata, elements->len,
                    gtk_switch_get_active (self->review_switch));
}

static void
load (MoatPropertiesPanel *self)
{
  g_autofree char *title = NULL;

  self->loading = TRUE;
  gtk_stack_set_visible_child_name (self->stack, self->selection->len ? "properties" : "empty");
  if (self->selection->len > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        load_field (self, &fields[i]);
      /* A name is one element's own: renaming many at once makes no sense. */
      gtk_widget_set_visible (GTK_WIDGET (self->name_row), self->selection->len == 1);
      load_description (self);
      load_assets (self);
      load_review (self);
      if (self->selection->len > 1)
        title = g_strdup_printf (ngettext ("%u Element", "%u Elements", self->selection->len),
                                 self->selection->len);
      adw_preferences_group_set_title (self->element_group, title ? title : _("Element"));
      gtk_widget_set_visible (GTK_WIDGET (self->security_group),
                              (selected_kinds (self) & ~(NODES | DATA)) == 0);
      gtk_widget_set_visible (GTK_WIDGET (self->data_group), (selected_kinds (self) & ~DATA) == 0);
    }
  self->loading = FALSE;
}

/* Writing fires "changed", which reloads the selection under us: work on
 * a copy. */
static GPtrArray *
copy_selection (MoatPropertiesPanel *self)
{
  GPtrArray *copy = g_ptr_array_new_full (self->selection->len, g_object_unref);

  for (guint i = 0; i < self->selection->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->selection, i)));
  return copy;
}

/* Writes @value to @property of every selected element that differs, as
 * one step of undo. */
static void
store_value (MoatPropertiesPanel *self,
             const char          *property,
             const GValue        *value)
{
  g_autoptr(GPtrArray) selection = NULL;
  gboolean began = FALSE;

  if (self->loading || self->model == NULL || self->selection->len == 0)
    return;

  selection = copy_selection (self);
  for (guint i = 0; i < selection->len; i++)
    {
      GObject *element = g_ptr_array_index (selection, i);
      g_auto(GValue) current = G_VALUE_INIT;

      g_value_init (&current, G_VALUE_TYPE (value));
      g_object_get_property (element, property, &current);
      if (moat_value_equal (&current, value))
        continue;
      if (!began && selection->len > 1)
        {
          moat_model_begin_action (self->model, _("Change Properties"));
          began = TRUE;
        }
      g_object_set_property (element, property, value);
    }
  if (began)
    moat_model_end_action (self->model);
}

static const Field *
field_for_widget (MoatPropertiesPanel *self,
                  gpointer             widget)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (MEMBER (self, fields[i].widget_offset) == widget)
      return &fields[i];

  g_return_val_if_reached (NULL);
}

static char **
split_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      if (*tag != '\0')
        g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

static void
commit_entry (MoatPropertiesPanel *self,
              AdwEntryRow         *row)
{
  const Field *field = field_for_widget (self, row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GValue) value = G_VALUE_INIT;

  if (!text_changed (GTK_WIDGET (row)))
    return;

  if (field->kind == FIELD_TAGS)
    {
      g_value_init (&value, G_TYPE_STRV);
      g_value_take_boxed (&value, split_tags (text));
    }
  else
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, text);
    }
  if (gtk_widget_get_visible (GTK_WIDGET (row)))
    store_value (self, field->property, &value);
}

static void
on_switch_active (MoatPropertiesPanel *self,
                  GParamSpec          *pspec,
                  GtkSwitch           *widget)
{
  const Field *field = field_for_widget (self, widget);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (widget));
  store_value (self, field->property, &value);
}

static void
on_combo_selected (MoatPropertiesPanel *self,
                   GParamSpec          *pspec,
                   AdwComboRow         *row)
{
  const Field *field = field_for_widget (self, row);
  guint selected = adw_combo_row_get_selected (row);
  GParamSpec *property;
  g_auto(GValue) value = G_VALUE_INIT;

  if (selected == GTK_INVALID_LIST_POSITION || first (self) == NULL)
    return;

  property = g_object_class_find_property (G_OBJECT_GET_CLASS (first (self)), field->property);
  g_value_init (&value, property->value_type);
  g_value_set_enum (&value, (int) selected);
  store_value (self, field->property, &value);
}

static void
on_asset_toggled (MoatPropertiesPanel *self,
                  GtkCheckButton      *check)
{
  const char *id = g_object_get_data (G_OBJECT (check), "asset-id");
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GPtrArray) selection = NULL;

  if (self->loading || self->model == NULL)
    return;

  selection = copy_selection (self);
  moat_model_begin_action (self->model, active ? _("Link Asset") : _("Unlink Asset"));
  for (guint i = 0; i < selection->len; i++)
    {
      MoatElement *element = g_ptr_array_index (selection, i);
      const char * const *ids = moat_element_get_asset_ids (element);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) result = NULL;

      if (element_has_asset (element, id) == active)
        continue;
      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        if (!g_str_equal (ids[j], id))
          g_strv_builder_add (builder, ids[j]);
      if (active)
        g_strv_builder_add (builder, id);
      result = g_strv_builder_end (builder);
      g_object_set (element, "asset-ids", result, NULL);
    }
  moat_model_end_action (self->model);
}

static void
rebuild_assets (MoatPropertiesPanel *self)
{
  GListModel *assets;

  for (guint i = 0; i < self->asset_rows->len; i++)
    adw_preferences_group_remove (self->assets_group, g_ptr_array_index (self->asset_rows, i));
  g_ptr_array_set_size (self->asset_rows, 0);
  if (self->model == NULL)
    return;

  assets = moat_model_get_list (self->model, MOAT_TYPE_ASSET);
  for (guint i = 0; i < g_list_model_get_n_items (assets); i++)
    {
      g_autoptr(MoatAsset) asset = g_list_model_get_item (assets, i);
      const char *id = moat_object_get_id (MOAT_OBJECT (asset));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), moat_asset_get_name (asset));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      moat_asset_get_name (asset), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (row), "asset-id", g_strdup (id), g_free);
      g_object_set_data_full (G_OBJECT (check), "asset-id", g_strdup (id), g_free);
      g_object_set_data (G_OBJECT (row), "check", check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_asset_toggled), self);
      adw_preferences_group_add (self->assets_group, row);
      g_ptr_array_add (self->asset_rows, row);
    }
}

static void
on_model_changed (MoatPropertiesPanel *self,
                  MoatChange          *change)
{
  if (MOAT_IS_ASSET (change->object))
    {
      rebuild_assets (self);
      load (self);
      return;
    }
  if (change->kind == MOAT_CHANGE_REMOVE)
    {
      if (g_ptr_array_remove (self->selection, change->object))
        load (self);
      return;
    }
  if (g_ptr_array_find (self->selection, change->object, NULL))
    load (self);
}

void
moat_properties_panel_set_model (MoatPropertiesPanel *self,
                                 MoatModel           *model)
{
  g_return_if_fail (MOAT_IS_PROPERTIES_PANEL (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_ptr_array_set_size (self->selection, 0);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self,
                             G_CONNECT_SWAPPED);
  rebuild_assets (self);
  load (self);
}

/**
 * moat_properties_panel_set_selection:
 * @elements: (element-type MoatElement) (nullable): what is selected
 */
void
moat_properties_panel_set_selection (MoatPropertiesPanel *self,
                                     GPtrArray           *elements)
{
  g_return_if_fail (MOAT_IS_PROPERTIES_PANEL (self));

  /* Whatever was being typed belongs to the old selection. */
  moat_properties_panel_commit (self);
  g_ptr_array_set_size (self->selection, 0);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (MOAT_IS_ELEMENT (g_ptr_array_index (elements, i)))
      g_ptr_array_add (self->selection, g_object_ref (g_ptr_array_index (elements, i)));
  load (self);
}

/**
 * moat_properties_panel_get_selection:
 *
 * Returns: (transfer none) (element-type MoatElement): the elements shown
 */
GPtrArray *
moat_properties_panel_get_selection (MoatPropertiesPanel *self)
{
  g_return_val_if_fail (MOAT_IS_PROPERTIES_PANEL (self), NULL);

  return self->selection;
}

/**
 * moat_properties_panel_commit:
 *
 * Writes what is being typed to the model now.
 */
void
moat_properties_panel_commit (MoatPropertiesPanel *self)
{
  g_return_if_fail (MOAT_IS_PROPERTIES_PANEL (self));

  if (self->selection->len == 0)
    return;
  moat_field_binder_commit (self->description);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].kind == FIELD_ENTRY || fields[i].kind == FIELD_TAGS)
      {
        AdwEntryRow *row = ADW_ENTRY_ROW (MEMBER (self, fields[i].widget_offset));
        if (gtk_widget_get_visible (GTK_WIDGET (row)))
          commit_entry (self, row);
      }
}

static void
on_focus_leave (MoatPropertiesPanel *self)
{
  moat_properties_panel_commit (self);
}

static void
moat_properties_panel_dispose (GObject *object)
{
  MoatPropertiesPanel *self = MOAT_PROPERTIES_PANEL (object);

  g_clear_object (&self->description);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_pointer (&self->asset_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_PROPERTIES_PANEL);

  G_OBJECT_CLASS (moat_properties_panel_parent_class)->dispose (object);
}

static void
moat_properties_panel_class_init (MoatPropertiesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_properties_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/diagram/moat-properties-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, MoatPropertiesPanel, name)
  BIND (stack);
  BIND (page);
  BIND (element_group);
  BIND (security_group);
  BIND (data_group);
  BIND (assets_group);
  BIND (scope_group);
  BIND (review_group);
  BIND (review_row);
  BIND (review_switch);
  BIND (description_view);
  BIND (name_row);
  BIND (technology_row);
  BIND (protocol_row);
  BIND (out_of_scope_reason_row);
  BIND (tags_row);
  BIND (bidirectional_row);
  BIND (authenticated_row);
  BIND (authorization_checked_row);
  BIND (encrypted_in_transit_row);
  BIND (encrypted_at_rest_row);
  BIND (internet_facing_row);
  BIND (handles_pii_row);
  BIND (handles_credentials_row);
  BIND (handles_payment_row);
  BIND (out_of_scope_row);
  BIND (bidirectional_switch);
  BIND (authenticated_switch);
  BIND (authorization_checked_switch);
  BIND (encrypted_in_transit_switch);
  BIND (encrypted_at_rest_switch);
  BIND (internet_facing_switch);
  BIND (handles_pii_switch);
  BIND (handles_credentials_switch);
  BIND (handles_payment_switch);
  BIND (out_of_scope_switch);
  BIND (privilege_row);
  BIND (classification_row);
#undef BIND
}

static void
moat_properties_panel_init (MoatPropertiesPanel *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->selection = g_ptr_array_new_with_free_func (g_object_unref);
  self->asset_rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = MEMBER (self, fields[i].widget_offset);

      switch (fields[i].kind)
        {
        case FIELD_ENTRY:
        case FIELD_TAGS:
          g_signal_connect_swapped (widget, "apply", G_CALLBACK (commit_entry), self);
          g_signal_connect_swapped (widget, "entry-activated", G_CALLBACK (commit_entry), self);
          break;
        case FIELD_SWITCH:
          g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (on_switch_active), self);
          break;
        case FIELD_CHOICE:
          g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (on_combo_selected), self);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_signal_connect_swapped (self->review_switch, "notify::active",
                            G_CALLBACK (on_review_switch_active), self);
  /* One element's description, written as the field binder writes text. */
  self->description = moat_field_binder_new ();
  moat_field_binder_bind (self->description, GTK_WIDGET (self->description_view), "description");
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
moat_properties_panel_new (void)
{
  return g_object_new (MOAT_TYPE_PROPERTIES_PANEL, NULL);
}
