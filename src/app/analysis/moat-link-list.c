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
#include "moat-link-list.h"
#include "moat-risk.h"
#include "moat-risk-chip.h"

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

/* What sets a candidate apart from others with the same name. */
static char *
describe (MoatLinkList *self,
          MoatObject   *object)
{
  if (MOAT_IS_ELEMENT (object))
    {
      MoatElement *element = MOAT_ELEMENT (object);
      MoatDiagram *diagram = moat_model_lookup_typed (self->model, moat_element_get_diagram_id (element),
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

/* Linked rows */

static void
update_row (GtkWidget *row)
{
  MoatLinkList *self = g_object_get_data (G_OBJECT (row), "link-list");
  MoatObject *object = g_object_get_data (G_OBJECT (row), "object");
  GtkWidget *unlink = g_object_get_data (G_OBJECT (row), "unlink");
  GtkWidget *chip = g_object_get_data (G_OBJECT (row), "chip");
  g_autofree char *title = moat_label_object_title (object);
  g_autofree char *subtitle = describe (self, object);
  g_autofree char *spoken = g_strdup_printf (_("Unlink “%s”"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (unlink), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  if (chip != NULL && self->model != NULL)
    {
      MoatRiskAssessment risk;

      moat_risk_assess (self->model, MOAT_THREAT (object), &risk);
      moat_risk_chip_set_level (MOAT_RISK_CHIP (chip), risk.level);
      moat_risk_chip_set_dimmed (MOAT_RISK_CHIP (chip), !risk.open);
    }
}

static void
on_unlink_clicked (GtkButton *button,
                   GtkWidget *row)
{
  MoatLinkList *self = g_object_get_data (G_OBJECT (row), "link-list");
  MoatObject *object = g_object_get_data (G_OBJECT (row), "object");

  moat_link_list_set_linked (self, object, FALSE);
}

static void
on_row_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  MoatLinkList  *self)
{
  MoatObject *object = g_object_get_data (G_OBJECT (row), "object");

  if (object != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, object);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MoatLinkList *self = user_data;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *unlink = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "link-list", self);
  g_object_set_data_full (G_OBJECT (row), "object", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (row), "unlink", unlink);

  if (MOAT_IS_THREAT (item))
    {
      GtkWidget *chip = moat_risk_chip_new ();
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
      g_object_set_data (G_OBJECT (row), "chip", chip);
    }

  gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (unlink, _("Unlink"));
  gtk_widget_add_css_class (unlink, "flat");
  gtk_widget_add_css_class (unlink, "circular");
  g_signal_connect (unlink, "clicked", G_CALLBACK (on_unlink_clicked), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unlink);

  update_row (row);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  return row;
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
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_candidate (GtkListItemFactory *factory,
                GtkListItem        *item,
                MoatLinkList       *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  MoatObject *object = gtk_list_item_get_item (item);
  g_autofree char *title = moat_label_object_title (object);
  g_autofree char *subtitle = describe (self, object);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)), title);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), subtitle ? subtitle : "");
  gtk_widget_set_visible (gtk_widget_get_last_child (box), subtitle != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
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
