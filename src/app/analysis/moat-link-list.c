/* moat-link-list.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both lists are filters over the model's list of candidates, so they
 * follow additions, deletions, undo and edits made anywhere else without
 * being rebuilt.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-labels.h"
#include "moat-link-candidate.h"
#include "moat-link-list.h"
#include "moat-link-row.h"

struct _MoatLinkList
{
  AdwPreferencesGroup  parent_instance;

  GType                candidate_type;
  gboolean             candidate_holds;
  char                *field;
  char                *add_label;
  char                *empty_label;

  MoatModel           *model;
  MoatObject          *object;
  GtkCustomFilter     *linked_filter;
  GtkCustomFilter     *candidate_filter;
  GtkFilterListModel  *linked;
  GtkFilterListModel  *candidates;

  GtkWidget           *list_box;
  GtkWidget           *placeholder;
  GtkWidget           *add_button;
  GtkWidget           *popover;
  GtkWidget           *search_entry;
  GtkWidget           *candidate_view;
};

G_DEFINE_FINAL_TYPE (MoatLinkList, moat_link_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CANDIDATE_TYPE,
  PROP_CANDIDATE_HOLDS,
  PROP_FIELD,
  PROP_ADD_LABEL,
  PROP_EMPTY_LABEL,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GStrv
dup_ids (gpointer    object,
         const char *field)
{
  GStrv ids = NULL;

  g_object_get (object, field, &ids, NULL);
  return ids;
}

static gboolean
holds_id (gpointer    object,
          const char *field,
          const char *id)
{
  g_auto(GStrv) ids = dup_ids (object, field);

  return ids != NULL && g_strv_contains ((const char * const *) ids, id);
}

gboolean
moat_link_list_is_linked (MoatLinkList *self,
                          MoatObject   *candidate)
{
  g_return_val_if_fail (MOAT_IS_LINK_LIST (self), FALSE);

  if (self->object == NULL || candidate == self->object)
    return FALSE;
  if (self->candidate_holds)
    return holds_id (candidate, self->field, moat_object_get_id (self->object));
  return holds_id (self->object, self->field, moat_object_get_id (candidate));
}

static void
write_ids (gpointer    holder,
           const char *field,
           const char *id,
           gboolean    add)
{
  g_auto(GStrv) ids = dup_ids (holder, field);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (!g_str_equal (ids[i], id))
      g_strv_builder_add (builder, ids[i]);
  if (add)
    g_strv_builder_add (builder, id);
  result = g_strv_builder_end (builder);
  g_object_set (holder, field, result, NULL);
}

void
moat_link_list_set_linked (MoatLinkList *self,
                           MoatObject   *candidate,
                           gboolean      linked)
{
  g_return_if_fail (MOAT_IS_LINK_LIST (self));
  g_return_if_fail (MOAT_IS_OBJECT (candidate));

  if (self->object == NULL || moat_link_list_is_linked (self, candidate) == linked)
    return;
  if (self->candidate_holds)
    write_ids (candidate, self->field, moat_object_get_id (self->object), linked);
  else
    write_ids (self->object, self->field, moat_object_get_id (candidate), linked);
}

/* Linked rows */

static void
unlink_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatLinkList *self = MOAT_LINK_LIST (widget);
  MoatObject *object = self->model ? moat_model_lookup (self->model, g_variant_get_string (parameter, NULL)) : NULL;

  if (object != NULL)
    moat_link_list_set_linked (self, object, FALSE);
}

static void
on_row_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  MoatLinkList  *self)
{
  if (MOAT_IS_LINK_ROW (row))
    g_signal_emit (self, signals[ACTIVATED], 0, moat_link_row_get_object (MOAT_LINK_ROW (row)));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MoatLinkList *self = user_data;

  return moat_link_row_new (self->model, item);
}

/* Candidates */

static gboolean
matches_search (MoatLinkList *self,
                MoatObject   *object)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *title = NULL;
  g_autofree char *folded_title = NULL;
  g_autofree char *folded_query = NULL;

  if (query == NULL || *query == '\0')
    return TRUE;
  title = moat_label_object_title (object);
  folded_title = g_utf8_casefold (title, -1);
  folded_query = g_utf8_casefold (query, -1);
  return strstr (folded_title, folded_query) != NULL;
}

static gboolean
linked_filter_func (gpointer item,
                    gpointer user_data)
{
  return moat_link_list_is_linked (user_data, item);
}

/* Notes are not part of the system: nothing links to them. */
static gboolean
candidate_filter_func (gpointer item,
                       gpointer user_data)
{
  MoatLinkList *self = user_data;

  if (self->object == NULL || item == (gpointer) self->object)
    return FALSE;
  if (MOAT_IS_ELEMENT (item) && moat_element_get_kind (item) == MOAT_ELEMENT_NOTE)
    return FALSE;
  return !moat_link_list_is_linked (self, item) && matches_search (self, item);
}

static void
setup_candidate (GtkListItemFactory *factory,
                 GtkListItem        *item)
{
  gtk_list_item_set_child (item, moat_link_candidate_new ());
}

static void
bind_candidate (GtkListItemFactory *factory,
                GtkListItem        *item,
                MoatLinkList       *self)
{
  MoatObject *object = gtk_list_item_get_item (item);
  g_autofree char *title = moat_label_object_title (object);
  g_autofree char *subtitle = moat_label_object_context (self->model, object);

  moat_link_candidate_show (MOAT_LINK_CANDIDATE (gtk_list_item_get_child (item)), title, subtitle);
}

static void
on_candidate_activated (GtkListView  *view,
                        guint         position,
                        MoatLinkList *self)
{
  g_autoptr(MoatObject) object = g_list_model_get_item (G_LIST_MODEL (self->candidates), position);

  if (object == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  moat_link_list_set_linked (self, object, TRUE);
}

static void
on_search_changed (MoatLinkList *self)
{
  gtk_filter_changed (GTK_FILTER (self->candidate_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_activate (MoatLinkList *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->candidates)) == 1)
    on_candidate_activated (NULL, 0, self);
}

static void
on_popover_show (MoatLinkList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (self->search_entry);
}

/* Model */

static void
refilter (MoatLinkList *self)
{
  if (self->linked_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->linked_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->candidate_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->candidate_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_model_changed (MoatLinkList *self,
                  MoatChange   *change)
{
  if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, self->field))
    refilter (self);
}

static void
clear (MoatLinkList *self)
{
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), NULL, NULL, NULL, NULL);
  gtk_list_view_set_model (GTK_LIST_VIEW (self->candidate_view), NULL);
  g_clear_object (&self->linked);
  g_clear_object (&self->candidates);
  g_clear_object (&self->linked_filter);
  g_clear_object (&self->candidate_filter);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->object);
}

/**
 * moat_link_list_set_object:
 * @model: (nullable): the model @object belongs to
 * @object: (nullable): the object whose links to show
 */
void
moat_link_list_set_object (MoatLinkList *self,
                           MoatModel    *model,
                           MoatObject   *object)
{
  GListModel *all;

  g_return_if_fail (MOAT_IS_LINK_LIST (self));

  if (self->model == model && self->object == object)
    return;
  clear (self);
  if (model == NULL || object == NULL)
    return;

  self->model = g_object_ref (model);
  self->object = g_object_ref (object);
  all = moat_model_get_list (model, self->candidate_type);
  self->linked_filter = gtk_custom_filter_new (linked_filter_func, self, NULL);
  self->linked = gtk_filter_list_model_new (g_object_ref (all), g_object_ref (GTK_FILTER (self->linked_filter)));
  self->candidate_filter = gtk_custom_filter_new (candidate_filter_func, self, NULL);
  self->candidates = gtk_filter_list_model_new (g_object_ref (all),
                                                g_object_ref (GTK_FILTER (self->candidate_filter)));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list_box), G_LIST_MODEL (self->linked),
                           create_row, self, NULL);
  {
    GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->candidates)));
    gtk_list_view_set_model (GTK_LIST_VIEW (self->candidate_view), GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
}

/**
 * moat_link_list_get_linked:
 *
 * Returns: (transfer none) (nullable): the linked objects
 */
GListModel *
moat_link_list_get_linked (MoatLinkList *self)
{
  g_return_val_if_fail (MOAT_IS_LINK_LIST (self), NULL);

  return self->linked ? G_LIST_MODEL (self->linked) : NULL;
}

/**
 * moat_link_list_get_candidates:
 *
 * Returns: (transfer none) (nullable): what the add button offers
 */
GListModel *
moat_link_list_get_candidates (MoatLinkList *self)
{
  g_return_val_if_fail (MOAT_IS_LINK_LIST (self), NULL);

  return self->candidates ? G_LIST_MODEL (self->candidates) : NULL;
}

/* GObject */

static void
update_labels (MoatLinkList *self)
{
  const char *add = self->add_label ? self->add_label : _("Link");

  gtk_widget_set_tooltip_text (self->add_button, add);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL, add, -1);
  gtk_label_set_label (GTK_LABEL (self->placeholder), self->empty_label ? self->empty_label : _("None"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->candidate_view), GTK_ACCESSIBLE_PROPERTY_LABEL, add, -1);
}

static void
moat_link_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MoatLinkList *self = MOAT_LINK_LIST (object);

  switch (prop_id)
    {
    case PROP_CANDIDATE_TYPE:
      g_value_set_gtype (value, self->candidate_type);
      break;
    case PROP_CANDIDATE_HOLDS:
      g_value_set_boolean (value, self->candidate_holds);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, self->add_label);
      break;
    case PROP_EMPTY_LABEL:
      g_value_set_string (value, self->empty_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_link_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MoatLinkList *self = MOAT_LINK_LIST (object);

  switch (prop_id)
    {
    case PROP_CANDIDATE_TYPE:
      self->candidate_type = g_value_get_gtype (value);
      break;
    case PROP_CANDIDATE_HOLDS:
      self->candidate_holds = g_value_get_boolean (value);
      break;
    case PROP_FIELD:
      g_free (self->field);
      self->field = g_value_dup_string (value);
      break;
    case PROP_ADD_LABEL:
      g_free (self->add_label);
      self->add_label = g_value_dup_string (value);
      update_labels (self);
      break;
    case PROP_EMPTY_LABEL:
      g_free (self->empty_label);
      self->empty_label = g_value_dup_string (value);
      update_labels (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_link_list_dispose (GObject *object)
{
  MoatLinkList *self = MOAT_LINK_LIST (object);

  clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_LINK_LIST);

  G_OBJECT_CLASS (moat_link_list_parent_class)->dispose (object);
}

static void
moat_link_list_finalize (GObject *object)
{
  MoatLinkList *self = MOAT_LINK_LIST (object);

  g_free (self->field);
  g_free (self->add_label);
  g_free (self->empty_label);

  G_OBJECT_CLASS (moat_link_list_parent_class)->finalize (object);
}

static void
moat_link_list_class_init (MoatLinkListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = moat_link_list_dispose;
  object_class->finalize = moat_link_list_finalize;
  object_class->get_property = moat_link_list_get_property;
  object_class->set_property = moat_link_list_set_property;

  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/io/github/moatmodel/Moat/analysis/moat-link-list.ui");
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatLinkList, list_box);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatLinkList, placeholder);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatLinkList, add_button);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatLinkList, popover);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatLinkList, search_entry);
  gtk_widget_class_bind_template_child (GTK_WIDGET_CLASS (klass), MoatLinkList, candidate_view);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_popover_show);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_search_changed);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_search_activate);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_candidate_activated);
  gtk_widget_class_bind_template_callback (GTK_WIDGET_CLASS (klass), on_row_activated);
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "links.unlink", "s", unlink_action);

  properties[PROP_CANDIDATE_TYPE] =
    g_param_spec_gtype ("candidate-type", NULL, NULL, MOAT_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANDIDATE_HOLDS] =
    g_param_spec_boolean ("candidate-holds", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPTY_LABEL] =
    g_param_spec_string ("empty-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatLinkList::activated:
   * @object: the linked object the user picked
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_OBJECT);
}

static void
moat_link_list_init (MoatLinkList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->candidate_type = MOAT_TYPE_OBJECT;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_candidate), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_candidate), self);
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->candidate_view), factory);
  g_object_unref (factory);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), self->placeholder);
  update_labels (self);
}
