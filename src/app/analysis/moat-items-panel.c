/* moat-items-panel.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the model's own GListStore behind a custom filter and a
 * custom sorter; adding and removing flow through as items-changed. What
 * a row shows can depend on other objects (a threat's risk on its
 * controls and assets), so when an action closes the filter and sorter
 * are told they changed and the bound rows describe themselves again.
 * Risk scores are worked out once per action, not once per comparison.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-item-editor.h"
#include "moat-items-panel.h"
#include "moat-labels.h"
#include "moat-toast.h"

/* The panel's words, set by each panel's template: the order of the
 * text properties. */
enum {
  TEXT_LIST_LABEL,
  TEXT_ADD_LABEL,
  TEXT_EDITOR_TITLE,
  TEXT_DELETE_LABEL,
  TEXT_SEARCH_LABEL,
  TEXT_EMPTY_ICON,
  TEXT_EMPTY_TITLE,
  TEXT_EMPTY_SELECTION,
  TEXT_EMPTY_ALL,
  TEXT_NO_SELECTION,
  N_TEXTS
};

static const char * const text_names[N_TEXTS] = {
  "list-label", "add-label", "editor-title", "delete-label", "search-label",
  "empty-icon", "empty-title", "empty-selection", "empty-all", "no-selection",
};

typedef struct
{
  char                      *texts[N_TEXTS];  /* what the panel lists, in words */
  GPtrArray                 *selection;      /* of MoatElement */
  GHashTable                *selection_ids;  /* id → element */
  MoatObject                *editing;
  GtkWidget                 *editor;
  GType                      editor_type;    /* made when first needed */

  char                      *scope;
  char                      *sort;
  int                        status_filter;
  char                      *category_filter;

  GtkCustomFilter           *filter;
  GtkCustomSorter           *sorter;
  GtkFilterListModel        *filtered;
  GtkSortListModel          *sorted;
  GHashTable                *scores;         /* item → score + 1 */
  gboolean                   stale;          /* an action closed while hidden */
  GHashTable                *bound;          /* GtkListItem set */
  GMenu                     *category_menu;
  GStrv                      categories;

  /* template children */
  GtkStack                  *pages;
  GtkSearchEntry            *search_entry;
  GtkMenuButton             *view_button;
  GtkWidget                 *add_button;
  GtkLabel                  *count_label;
  GtkRevealer               *filter_revealer;
  GtkLabel                  *filter_label;
  AdwBin                    *extra_bin;
  GtkStack                  *content;
  GtkListView               *list_view;
  AdwStatusPage             *empty_page;
  GtkLabel                  *empty_note;
  AdwStatusPage             *no_selection_page;
  GtkLabel                  *editor_title;
  GtkWidget                 *delete_button;
  AdwBin                    *editor_bin;
} MoatItemsPanelPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MoatItemsPanel, moat_items_panel, MOAT_TYPE_PAGE)

enum {
  PROP_0,
  PROP_SCOPE,
  PROP_SORT,
  PROP_STATUS,
  PROP_CATEGORY,
  PROP_EDITING,
  PROP_SELECTION,
  PROP_EDITOR,
  PROP_EDITOR_TYPE,
  PROP_EXTRA,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + N_TEXTS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PRIV(self) ((MoatItemsPanelPrivate *) moat_items_panel_get_instance_private (self))
#define KLASS(self) (MOAT_ITEMS_PANEL_GET_CLASS (self))

/**
 * moat_ids_intersect:
 * @ids: (nullable): a list of ids
 * @set: ids as keys
 *
 * Returns: whether one of @ids is in @set
 */
gboolean
moat_ids_intersect (const char * const *ids,
                    GHashTable         *set)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (g_hash_table_contains (set, ids[i]))
      return TRUE;
  return FALSE;
}

/**
 * moat_items_panel_dup_selection_ids:
 *
 * Returns: (transfer full): the ids of the selected elements, in order
 */
GStrv
moat_items_panel_dup_selection_ids (MoatItemsPanel *self)
{
  GPtrArray *selection = PRIV (self)->selection;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < selection->len; i++)
    g_strv_builder_add (builder, moat_object_get_id (g_ptr_array_index (selection, i)));
  return g_strv_builder_end (builder);
}

/**
 * moat_items_panel_lookup_threat:
 *
 * Returns: (transfer none) (nullable): the threat with @id in the model
 */
MoatThreat *
moat_items_panel_lookup_threat (MoatItemsPanel *self,
                                const char     *id)
{
  return moat_model_lookup_typed (moat_items_panel_get_model (self), id, MOAT_TYPE_THREAT);
}

/**
 * moat_items_panel_threats_concern:
 * @threat_ids: (nullable): the threats an item addresses or rests on
 * @element_ids: ids of elements, as keys
 *
 * Returns: whether one of the threats concerns one of the elements
 */
gboolean
moat_items_panel_threats_concern (MoatItemsPanel     *self,
                                  const char * const *threat_ids,
                                  GHashTable         *element_ids)
{
  for (guint i = 0; threat_ids != NULL && threat_ids[i] != NULL; i++)
    {
      MoatThreat *threat = moat_items_panel_lookup_threat (self, threat_ids[i]);

      if (threat != NULL && moat_ids_intersect (moat_threat_get_element_ids (threat), element_ids))
        return TRUE;
    }
  return FALSE;
}

static gboolean
showing_selection (MoatItemsPanel *self)
{
  return g_strcmp0 (PRIV (self)->scope, "selection") == 0;
}

static gboolean
filtering (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (priv->search_entry));

  return priv->status_filter >= 0 || (priv->category_filter && *priv->category_filter)
         || (query && *query);
}

/* Scores */

static int
score (MoatItemsPanel *self,
       MoatObject     *item)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  gpointer cached = g_hash_table_lookup (priv->scores, item);
  int value;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 1;
  value = KLASS (self)->get_score ? KLASS (self)->get_score (self, item) : 0;
  g_hash_table_insert (priv->scores, item, GINT_TO_POINTER (value + 1));
  return value;
}

/* Filter */

static const char *
category_label (MoatItemsPanel *self,
                const char     *category)
{
  if (KLASS (self)->category_label != NULL)
    return KLASS (self)->category_label (self, category);
  return moat_label_category (category);
}

static GStrv
dup_categories (MoatItemsPanel *self,
                MoatObject     *item)
{
  if (KLASS (self)->dup_categories == NULL)
    return NULL;
  return KLASS (self)->dup_categories (self, item);
}

static gboolean
matches_text (MoatItemsPanel *self,
              MoatObject     *item,
              const char     *folded_query)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = moat_label_object_title (item);
  g_auto(GStrv) categories = dup_categories (self, item);
  g_autofree char *folded = NULL;
  static const char *fields[] = { "description", "owner", "validation", "tracker-key" };

  g_string_append (text, title);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_object_class_find_property (G_OBJECT_GET_CLASS (item), fields[i]) != NULL)
      {
        g_autofree char *value = NULL;

        g_object_get (item, fields[i], &value, NULL);
        if (value != NULL)
          g_string_append_printf (text, "\n%s", value);
      }
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    g_string_append_printf (text, "\n%s\n%s", categories[i], category_label (self, categories[i]));

  folded = g_utf8_casefold (text->str, -1);
  return strstr (folded, folded_query) != NULL;
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  MoatItemsPanel *self = user_data;
  MoatItemsPanelPrivate *priv = PRIV (self);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (priv->search_entry));

  if (showing_selection (self) && !KLASS (self)->concerns (self, item, priv->selection_ids))
    return FALSE;
  if (priv->status_filter >= 0 && KLASS (self)->get_status (item) != priv->status_filter)
    return FALSE;
  if (priv->category_filter != NULL && *priv->category_filter != '\0')
    {
      g_auto(GStrv) categories = dup_categories (self, item);

      if (categories == NULL || !g_strv_contains ((const char * const *) categories, priv->category_filter))
        return FALSE;
    }
  if (query != NULL && *query != '\0')
    {
      g_autofree char *folded_query = g_utf8_casefold (query, -1);

      if (!matches_text (self, item, folded_query))
        return FALSE;
    }
  return TRUE;
}

/* Sort */

static int
compare_titles (MoatObject *a,
                MoatObject *b)
{
  g_autofree char *ta = moat_label_object_title (a);
  g_autofree char *tb = moat_label_object_title (b);

  return g_utf8_collate (ta, tb);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  MoatItemsPanel *self = user_data;
  MoatItemsPanelPrivate *priv = PRIV (self);
  MoatObject *x = (MoatObject *) a;
  MoatObject *y = (MoatObject *) b;
  int d = 0;

  if (g_str_equal (priv->sort, "status"))
    d = KLASS (self)->get_status (x) - KLASS (self)->get_status (y);
  if (d == 0 && !g_str_equal (priv->sort, "name"))
    d = score (self, y) - score (self, x);
  if (d == 0)
    d = compare_titles (x, y);
  if (d == 0)
    d = g_strcmp0 (moat_object_get_id (x), moat_object_get_id (y));
  return d < 0 ? GTK_ORDERING_SMALLER : d > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Rows */

static void
setup_row (GtkListItemFactory *factory,
           GtkListItem        *item)
{
  gtk_list_item_set_child (item, moat_item_row_new ());
}

static void
update_row (MoatItemsPanel *self,
            GtkListItem    *item)
{
  MoatObject *object = gtk_list_item_get_item (item);
  MoatItemInfo info = MOAT_ITEM_INFO_INIT;

  if (object == NULL)
    return;
  KLASS (self)->describe (self, object, &info);
  moat_item_row_show (MOAT_ITEM_ROW (gtk_list_item_get_child (item)), &info);
  moat_item_info_clear (&info);
}

static void
bind_row (GtkListItemFactory *factory,
          GtkListItem        *item,
          MoatItemsPanel     *self)
{
  g_hash_table_add (PRIV (self)->bound, item);
  update_row (self, item);
}

static void
unbind_row (GtkListItemFactory *factory,
            GtkListItem        *item,
            MoatItemsPanel     *self)
{
  g_hash_table_remove (PRIV (self)->bound, item);
}

static void
teardown_row (GtkListItemFactory *factory,
              GtkListItem        *item,
              MoatItemsPanel     *self)
{
  g_hash_table_remove (PRIV (self)->bound, item);
}

/* What the panel shows */

/* What the subclass shows above the list (the threats panel's
 * suggestions) asks for the room while it is open. */
static gboolean
extra_wants_room (MoatItemsPanel *self)
{
  GtkWidget *extra = adw_bin_get_child (PRIV (self)->extra_bin);

  return extra != NULL && gtk_widget_get_visible (extra) && gtk_widget_get_vexpand (extra);
}

/* An empty list is a status page, or a one-line note under suggestions
 * that need the room more. */
static void
show_empty (MoatItemsPanel *self,
            const char     *icon_name,
            const char     *title,
            const char     *description)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  adw_status_page_set_icon_name (priv->empty_page, icon_name);
  adw_status_page_set_title (priv->empty_page, title);
  adw_status_page_set_description (priv->empty_page, description);
  gtk_label_set_label (priv->empty_note, description);
  gtk_stack_set_visible_child_name (priv->content, extra_wants_room (self) ? "note" : "empty");
}

static void
update_content (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  guint shown = priv->sorted ? g_list_model_get_n_items (G_LIST_MODEL (priv->sorted)) : 0;
  guint total = moat_items_panel_get_model (self) ? moat_model_count (moat_items_panel_get_model (self), KLASS (self)->item_type) : 0;
  char **texts = priv->texts;
  g_autofree char *count = NULL;

  if (showing_selection (self) && priv->selection->len == 0)
    {
      gtk_stack_set_visible_child_name (priv->content, "no-selection");
      gtk_label_set_label (priv->count_label, "");
      return;
    }

  count = shown == total ? g_strdup_printf ("%u", total) : g_strdup_printf (_("%u of %u"), shown, total);
  gtk_label_set_label (priv->count_label, count);
  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (priv->content, "list");
      return;
    }

  if (filtering (self))
    show_empty (self, "system-search-symbolic", _("No Matches"), _("Try another search or clear the filters."));
  else
    show_empty (self, texts[TEXT_EMPTY_ICON], texts[TEXT_EMPTY_TITLE],
                showing_selection (self) ? texts[TEXT_EMPTY_SELECTION] : texts[TEXT_EMPTY_ALL]);
}

static void
update_filter_bar (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (priv->status_filter >= 0)
    g_string_append (text, KLASS (self)->status_label (priv->status_filter));
  if (priv->category_filter != NULL && *priv->category_filter != '\0')
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, category_label (self, priv->category_filter));
    }
  if (text->len > 0)
    {
      g_autofree char *label = g_strdup_printf (_("Only: %s"), text->str);
      gtk_label_set_label (priv->filter_label, label);
    }
  gtk_revealer_set_reveal_child (priv->filter_revealer, text->len > 0);
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const char *x = *(const char **) a;
  const char *y = *(const char **) b;
  int d = moat_format_category_rank (x) - moat_format_category_rank (y);

  return d != 0 ? d : g_strcmp0 (x, y);
}

/* The categories in use, for the filter menu, best known first. */
static GStrv
collect_categories (MoatItemsPanel *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *items = moat_model_get_list (moat_items_panel_get_model (self), KLASS (self)->item_type);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MoatObject) item = g_list_model_get_item (items, i);
      g_auto(GStrv) categories = dup_categories (self, item);

      for (guint j = 0; categories != NULL && categories[j] != NULL; j++)
        if (*categories[j] != '\0')
          g_hash_table_add (seen, g_strdup (categories[j]));
    }
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_categories);
  for (guint i = 0; i < sorted->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (sorted, i));
  return g_strv_builder_end (builder);
}

static void
rebuild_category_menu (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  g_auto(GStrv) categories = NULL;
  g_autoptr(GMenuItem) any = NULL;

  if (priv->category_menu == NULL || moat_items_panel_get_model (self) == NULL)
    return;
  categories = collect_categories (self);
  if (priv->categories != NULL && g_strv_equal ((const char * const *) categories,
                                                (const char * const *) priv->categories))
    return;

  g_menu_remove_all (priv->category_menu);
  any = g_menu_item_new (_("Any Category"), NULL);
  g_menu_item_set_action_and_target_value (any, "panel.category", g_variant_new_string (""));
  g_menu_append_item (priv->category_menu, any);
  for (guint i = 0; categories[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (category_label (self, categories[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "panel.category", g_variant_new_string (categories[i]));
      g_menu_append_item (priv->category_menu, item);
    }
  g_strfreev (priv->categories);
  priv->categories = g_steal_pointer (&categories);
}

/* GTK makes a menu's popover, every item of it, when it is given the
 * menu: it is made when first opened instead, not with the window. */
static void
create_view_popover (GtkMenuButton *button,
                     gpointer       data)
{
  g_autoptr(GMenuModel) menu = g_object_steal_data (G_OBJECT (button), "moat-menu");

  gtk_menu_button_set_create_popup_func (button, NULL, NULL, NULL);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
build_view_menu (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) sort = g_menu_new ();
  g_autoptr(GMenu) filters = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GEnumClass) statuses = g_type_class_ref (KLASS (self)->status_type);
  g_autoptr(GMenuItem) any = g_menu_item_new (_("Any Status"), NULL);

  g_menu_append (sort, _("Risk"), "panel.sort::risk");
  g_menu_append (sort, _("Status"), "panel.sort::status");
  g_menu_append (sort, _("Name"), "panel.sort::name");
  g_menu_append_section (menu, _("Sort By"), G_MENU_MODEL (sort));

  g_menu_item_set_action_and_target_value (any, "panel.status", g_variant_new_int32 (-1));
  g_menu_append_item (status, any);
  for (guint i = 0; i < statuses->n_values; i++)
    {
      int value = statuses->values[i].value;
      g_autoptr(GMenuItem) item = g_menu_item_new (KLASS (self)->status_label (value), NULL);

      g_menu_item_set_action_and_target_value (item, "panel.status", g_variant_new_int32 (value));
      g_menu_append_item (status, item);
    }
  g_menu_append_submenu (filters, _("Status"), G_MENU_MODEL (status));
  if (KLASS (self)->dup_categories != NULL)
    {
      priv->category_menu = g_menu_new ();
      g_menu_append_submenu (filters, _("Category"), G_MENU_MODEL (priv->category_menu));
    }
  g_menu_append_section (menu, _("Filter"), G_MENU_MODEL (filters));
  g_object_set_data_full (G_OBJECT (priv->view_button), "moat-menu", g_object_ref (menu), g_object_unref);
  gtk_menu_button_set_create_popup_func (priv->view_button, create_view_popover, NULL, NULL);
}

static void
refilter (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  if (priv->filter != NULL)
    gtk_filter_changed (GTK_FILTER (priv->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_filter_bar (self);
  update_content (self);
}

/**
 * moat_items_panel_refresh:
 *
 * Works out again what depends on other objects: which items concern the
 * selection, their risk, their order and their rows.
 */
void
moat_items_panel_refresh (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  GHashTableIter iter;
  gpointer item;

  g_return_if_fail (MOAT_IS_ITEMS_PANEL (self));

  priv->stale = FALSE;
  g_hash_table_remove_all (priv->scores);
  if (moat_items_panel_get_model (self) == NULL)
    return;
  rebuild_category_menu (self);
  gtk_filter_changed (GTK_FILTER (priv->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (priv->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_hash_table_iter_init (&iter, priv->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_row (self, item);
  update_content (self);
}

/* Editing */

static void
show_browse (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  if (priv->editing == NULL)
    return;
  KLASS (self)->edit (self, NULL);
  g_clear_object (&priv->editing);
  gtk_stack_set_visible_child_name (priv->pages, "browse");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

/**
 * moat_items_panel_edit:
 * @item: (nullable): the item to edit, or %NULL to go back to the list
 */
void
moat_items_panel_edit (MoatItemsPanel *self,
                       MoatObject     *item)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  g_return_if_fail (MOAT_IS_ITEMS_PANEL (self));

  if (item == NULL)
    {
      show_browse (self);
      return;
    }
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, KLASS (self)->item_type));
  if (priv->editing == item)
    return;

  g_set_object (&priv->editing, item);
  KLASS (self)->edit (self, item);
  gtk_stack_set_visible_child_name (priv->pages, "edit");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

/**
 * moat_items_panel_get_editing:
 *
 * Returns: (transfer none) (nullable): the item in the editor
 */
MoatObject *
moat_items_panel_get_editing (MoatItemsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  return PRIV (self)->editing;
}

static void
on_activate (GtkListView    *view,
             guint           position,
             MoatItemsPanel *self)
{
  g_autoptr(MoatObject) item = g_list_model_get_item (G_LIST_MODEL (PRIV (self)->sorted), position);

  if (item != NULL)
    moat_items_panel_edit (self, item);
}

/**
 * moat_items_panel_add:
 *
 * Makes a new item linked to the selection, as one step of undo, and
 * opens it in the editor.
 *
 * Returns: (transfer none) (nullable): the new item
 */
MoatObject *
moat_items_panel_add (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  MoatModel *model = moat_items_panel_get_model (self);
  MoatObject *item;

  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  if (model == NULL)
    return NULL;
  item = KLASS (self)->create_item (self);
  if (item == NULL)
    return NULL;
  moat_model_begin_action (model, priv->texts[TEXT_ADD_LABEL]);
  moat_model_add (model, item);
  moat_model_end_action (model);
  /* The model holds it now. */
  g_object_unref (item);
  moat_items_panel_edit (self, item);
  if (priv->editor != NULL)
    gtk_widget_child_focus (priv->editor, GTK_DIR_TAB_FORWARD);
  return item;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  moat_items_panel_add (MOAT_ITEMS_PANEL (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_browse (MOAT_ITEMS_PANEL (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MoatItemsPanel *self = MOAT_ITEMS_PANEL (widget);
  MoatItemsPanelPrivate *priv = PRIV (self);
  g_autoptr(MoatObject) item = NULL;
  g_autofree char *title = NULL;

  if (priv->editing == NULL || moat_items_panel_get_model (self) == NULL)
    return;

  item = g_object_ref (priv->editing);
  title = moat_label_object_title (item);
  show_browse (self);
  moat_model_remove (moat_items_panel_get_model (self), item);
  moat_toast_show_deleted (widget, title);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MoatItemsPanel *self = MOAT_ITEMS_PANEL (widget);

  g_object_set (self, "status", -1, "category", "", NULL);
  gtk_editable_set_text (GTK_EDITABLE (PRIV (self)->search_entry), "");
}

/* Model */

/* Three panels share the side area and only one shows: the others catch
 * up when they are shown, or when someone asks for their items. */
static void
on_action_closed (MoatItemsPanel *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    moat_items_panel_refresh (self);
  else
    PRIV (self)->stale = TRUE;
}

static void
on_map (MoatItemsPanel *self)
{
  if (PRIV (self)->stale)
    moat_items_panel_refresh (self);
}

static void
on_model_changed (MoatItemsPanel *self,
                  MoatChange     *change)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  if (change->kind == MOAT_CHANGE_REMOVE && change->object == priv->editing)
    show_browse (self);
  if (change->kind == MOAT_CHANGE_REMOVE && MOAT_IS_ELEMENT (change->object)
      && g_ptr_array_find (priv->selection, change->object, NULL))
    {
      g_autoptr(GPtrArray) rest = g_ptr_array_new ();

      for (guint i = 0; i < priv->selection->len; i++)
        if (g_ptr_array_index (priv->selection, i) != change->object)
          g_ptr_array_add (rest, g_ptr_array_index (priv->selection, i));
      moat_items_panel_set_selection (self, rest);
    }
}

static void
on_items_changed (MoatItemsPanel *self)
{
  update_content (self);
}

static void
clear_models (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  if (priv->list_view != NULL)
    gtk_list_view_set_model (priv->list_view, NULL);
  if (priv->sorted != NULL)
    g_signal_handlers_disconnect_by_data (priv->sorted, self);
  g_clear_object (&priv->sorted);
  g_clear_object (&priv->filtered);
  g_hash_table_remove_all (priv->scores);
  g_hash_table_remove_all (priv->bound);
}

static void
moat_items_panel_model_changed (MoatPage  *page,
                                MoatModel *previous)
{
  MoatItemsPanel *self = MOAT_ITEMS_PANEL (page);
  MoatItemsPanelPrivate *priv = PRIV (self);
  MoatModel *model = moat_page_get_model (page);
  GtkNoSelection *selection;

  show_browse (self);
  clear_models (self);
  g_ptr_array_set_size (priv->selection, 0);
  g_hash_table_remove_all (priv->selection_ids);
  g_clear_pointer (&priv->categories, g_strfreev);
  if (model == NULL)
    return;

  priv->filtered = gtk_filter_list_model_new (g_object_ref (moat_model_get_list (model, KLASS (self)->item_type)),
                                              g_object_ref (GTK_FILTER (priv->filter)));
  priv->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (priv->filtered)),
                                          g_object_ref (GTK_SORTER (priv->sorter)));
  g_signal_connect_swapped (priv->sorted, "items-changed", G_CALLBACK (on_items_changed), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (priv->sorted)));
  gtk_list_view_set_model (priv->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "action-closed", G_CALLBACK (on_action_closed), self, G_CONNECT_SWAPPED);
  moat_items_panel_refresh (self);
}

/**
 * moat_items_panel_get_model:
 *
 * Returns: (transfer none) (nullable): the model
 */
MoatModel *
moat_items_panel_get_model (MoatItemsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  return moat_page_get_model (MOAT_PAGE (self));
}

/**
 * moat_items_panel_set_selection:
 * @elements: (element-type MoatElement) (nullable): the canvas selection
 */
void
moat_items_panel_set_selection (MoatItemsPanel *self,
                                GPtrArray      *elements)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  g_autoptr(GPtrArray) copy = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (MOAT_IS_ITEMS_PANEL (self));

  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (MOAT_IS_ELEMENT (g_ptr_array_index (elements, i)))
      g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (elements, i)));

  g_ptr_array_set_size (priv->selection, 0);
  g_hash_table_remove_all (priv->selection_ids);
  for (guint i = 0; i < copy->len; i++)
    {
      MoatObject *element = g_ptr_array_index (copy, i);

      g_ptr_array_add (priv->selection, g_object_ref (element));
      g_hash_table_insert (priv->selection_ids, (gpointer) moat_object_get_id (element), element);
    }
  if (showing_selection (self))
    refilter (self);
  if (KLASS (self)->selection_changed != NULL)
    KLASS (self)->selection_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * moat_items_panel_get_selection:
 *
 * Returns: (transfer none) (element-type MoatElement): the selection
 */
GPtrArray *
moat_items_panel_get_selection (MoatItemsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  return PRIV (self)->selection;
}

/**
 * moat_items_panel_get_selection_ids:
 *
 * Returns: (transfer none): the ids of the selected elements, as keys
 */
GHashTable *
moat_items_panel_get_selection_ids (MoatItemsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  return PRIV (self)->selection_ids;
}

/**
 * moat_items_panel_get_items:
 *
 * Returns: (transfer none) (nullable): the items the list shows, in order
 */
GListModel *
moat_items_panel_get_items (MoatItemsPanel *self)
{
  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  if (PRIV (self)->stale)
    moat_items_panel_refresh (self);
  return PRIV (self)->sorted ? G_LIST_MODEL (PRIV (self)->sorted) : NULL;
}

void
moat_items_panel_set_search (MoatItemsPanel *self,
                             const char     *text)
{
  g_return_if_fail (MOAT_IS_ITEMS_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (PRIV (self)->search_entry), text ? text : "");
  refilter (self);
}

/* Subclass set-up */

static void
label_widget (GtkWidget  *widget,
              const char *label,
              gboolean    tooltip)
{
  if (tooltip)
    gtk_widget_set_tooltip_text (widget, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Only the widgets that say text @i: each text is set once from the
 * template, and a tooltip set on a visible widget makes GTK 4.8 ask the
 * X server where the pointer is (a few round trips each, before the
 * first frame). */
static void
apply_text (MoatItemsPanel *self,
            guint           i)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  const char *text = priv->texts[i];

  switch (i)
    {
    case TEXT_ADD_LABEL:
      label_widget (priv->add_button, text, TRUE);
      break;
    case TEXT_DELETE_LABEL:
      label_widget (priv->delete_button, text, TRUE);
      break;
    case TEXT_SEARCH_LABEL:
      label_widget (GTK_WIDGET (priv->search_entry), text, FALSE);
      g_object_set (priv->search_entry, "placeholder-text", text, NULL);
      break;
    case TEXT_LIST_LABEL:
      label_widget (GTK_WIDGET (priv->list_view), text, FALSE);
      break;
    case TEXT_EDITOR_TITLE:
      gtk_label_set_label (priv->editor_title, text);
      break;
    case TEXT_NO_SELECTION:
      adw_status_page_set_description (priv->no_selection_page, text);
      break;
    default:
      update_content (self);
      break;
    }
}

static void
on_editor_open (MoatItemsPanel *self,
                MoatObject     *object)
{
  g_signal_emit (self, signals[OPEN], 0, object);
}

/* What was typed in the previous item is written before the next one
 * shows. */
static void
moat_items_panel_real_edit (MoatItemsPanel *self,
                            MoatObject     *item)
{
  GtkWidget *editor = moat_items_panel_get_editor (self);

  if (editor == NULL)
    return;
  moat_item_editor_commit (MOAT_ITEM_EDITOR (editor));
  moat_item_editor_set_item (MOAT_ITEM_EDITOR (editor), moat_items_panel_get_model (self), item);
}

/**
 * moat_items_panel_set_editor:
 * @editor: the widget that edits one item, shown when editing
 */
void
moat_items_panel_set_editor (MoatItemsPanel *self,
                             GtkWidget      *editor)
{
  g_return_if_fail (MOAT_IS_ITEMS_PANEL (self));
  g_return_if_fail (MOAT_IS_ITEM_EDITOR (editor));

  PRIV (self)->editor = editor;
  adw_bin_set_child (PRIV (self)->editor_bin, editor);
  g_signal_connect_object (editor, "open", G_CALLBACK (on_editor_open), self, G_CONNECT_SWAPPED);
}

/**
 * moat_items_panel_get_editor:
 *
 * The editor is made the first time it is needed (a panel's template
 * names its #MoatItemsPanel:editor-type): a window opens without
 * building three editors nobody sees until an item is opened.
 *
 * Returns: (transfer none) (nullable): the editor of one item
 */
GtkWidget *
moat_items_panel_get_editor (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);

  g_return_val_if_fail (MOAT_IS_ITEMS_PANEL (self), NULL);

  if (priv->editor == NULL && G_TYPE_IS_INSTANTIATABLE (priv->editor_type))
    {
      moat_items_panel_set_editor (self, g_object_new (priv->editor_type, NULL));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
    }
  return priv->editor;
}

/* While the list is empty, the suggestions take the room and the empty
 * state shrinks to a note; once there is a list, it has the room. */
static void
update_room (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  const char *page = gtk_stack_get_visible_child_name (priv->content);
  gboolean listing = g_strcmp0 (page, "list") == 0;
  gboolean grows = extra_wants_room (self);

  if (g_strcmp0 (page, grows ? "empty" : "note") == 0)
    gtk_stack_set_visible_child_name (priv->content, grows ? "note" : "empty");
  gtk_widget_set_vexpand (GTK_WIDGET (priv->content), listing || !grows);
  gtk_widget_set_vexpand (GTK_WIDGET (priv->extra_bin), !listing && grows);
}

/**
 * moat_items_panel_set_extra:
 * @extra: a widget shown above the list
 */
void
moat_items_panel_set_extra (MoatItemsPanel *self,
                            GtkWidget      *extra)
{
  g_return_if_fail (MOAT_IS_ITEMS_PANEL (self));

  adw_bin_set_child (PRIV (self)->extra_bin, extra);
  if (extra != NULL)
    {
      g_signal_connect_object (extra, "notify::visible", G_CALLBACK (update_room), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (extra, "notify::vexpand", G_CALLBACK (update_room), self, G_CONNECT_SWAPPED);
    }
  update_room (self);
}

/* GObject */

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value ? value : "");
}

static void
moat_items_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MoatItemsPanelPrivate *priv = PRIV (MOAT_ITEMS_PANEL (object));

  switch (prop_id)
    {
    case PROP_SCOPE:
      g_value_set_string (value, priv->scope);
      break;
    case PROP_SORT:
      g_value_set_string (value, priv->sort);
      break;
    case PROP_STATUS:
      g_value_set_int (value, priv->status_filter);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, priv->category_filter);
      break;
    case PROP_EDITING:
      g_value_set_object (value, priv->editing);
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, priv->selection);
      break;
    case PROP_EDITOR:
      g_value_set_object (value, priv->editor);
      break;
    case PROP_EDITOR_TYPE:
      g_value_set_gtype (value, priv->editor_type);
      break;
    case PROP_EXTRA:
      g_value_set_object (value, adw_bin_get_child (priv->extra_bin));
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        {
          g_value_set_string (value, priv->texts[prop_id - PROP_FIRST_TEXT]);
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_items_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MoatItemsPanel *self = MOAT_ITEMS_PANEL (object);
  MoatItemsPanelPrivate *priv = PRIV (self);

  switch (prop_id)
    {
    case PROP_SCOPE:
      if (g_strcmp0 (priv->scope, g_value_get_string (value)) == 0)
        return;
      set_string (&priv->scope, g_value_get_string (value));
      refilter (self);
      break;
    case PROP_SORT:
      if (g_strcmp0 (priv->sort, g_value_get_string (value)) == 0)
        return;
      set_string (&priv->sort, g_value_get_string (value));
      gtk_sorter_changed (GTK_SORTER (priv->sorter), GTK_SORTER_CHANGE_DIFFERENT);
      break;
    case PROP_STATUS:
      if (priv->status_filter == g_value_get_int (value))
        return;
      priv->status_filter = g_value_get_int (value);
      refilter (self);
      break;
    case PROP_CATEGORY:
      if (g_strcmp0 (priv->category_filter, g_value_get_string (value)) == 0)
        return;
      set_string (&priv->category_filter, g_value_get_string (value));
      refilter (self);
      break;
    case PROP_SELECTION:
      moat_items_panel_set_selection (self, g_value_get_boxed (value));
      return;
    case PROP_EDITOR:
      moat_items_panel_set_editor (self, g_value_get_object (value));
      break;
    case PROP_EDITOR_TYPE:
      priv->editor_type = g_value_get_gtype (value);
      break;
    case PROP_EXTRA:
      moat_items_panel_set_extra (self, g_value_get_object (value));
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        {
          set_string (&priv->texts[prop_id - PROP_FIRST_TEXT], g_value_get_string (value));
          apply_text (self, prop_id - PROP_FIRST_TEXT);
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
moat_items_panel_dispose (GObject *object)
{
  MoatItemsPanel *self = MOAT_ITEMS_PANEL (object);
  MoatItemsPanelPrivate *priv = PRIV (self);

  if (priv->selection != NULL)
    moat_page_set_model (MOAT_PAGE (self), NULL);
  clear_models (self);
  g_clear_object (&priv->editing);
  g_clear_object (&priv->filter);
  g_clear_object (&priv->sorter);
  g_clear_object (&priv->category_menu);
  g_clear_pointer (&priv->categories, g_strfreev);
  if (priv->selection != NULL)
    g_ptr_array_set_size (priv->selection, 0);
  /* GTK 4.8's gtk_widget_dispose_template() looks for the template on the
   * instance's own class, which for our subclasses has none: unparent the
   * template's only child ourselves. */
  if (priv->pages != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (priv->pages));
      priv->pages = NULL;
      priv->list_view = NULL;
    }

  G_OBJECT_CLASS (moat_items_panel_parent_class)->dispose (object);
}

static void
moat_items_panel_finalize (GObject *object)
{
  MoatItemsPanelPrivate *priv = PRIV (MOAT_ITEMS_PANEL (object));

  g_clear_pointer (&priv->selection, g_ptr_array_unref);
  g_clear_pointer (&priv->selection_ids, g_hash_table_unref);
  g_clear_pointer (&priv->scores, g_hash_table_unref);
  g_clear_pointer (&priv->bound, g_hash_table_unref);
  g_free (priv->scope);
  g_free (priv->sort);
  g_free (priv->category_filter);
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (priv->texts[i]);

  G_OBJECT_CLASS (moat_items_panel_parent_class)->finalize (object);
}

static void
moat_items_panel_constructed (GObject *object)
{
  MoatItemsPanel *self = MOAT_ITEMS_PANEL (object);

  G_OBJECT_CLASS (moat_items_panel_parent_class)->constructed (object);

  /* The menu needs the subclass's status type, known only by now. */
  build_view_menu (self);
}

static void
moat_items_panel_class_init (MoatItemsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = moat_items_panel_constructed;
  object_class->dispose = moat_items_panel_dispose;
  object_class->finalize = moat_items_panel_finalize;
  object_class->get_property = moat_items_panel_get_property;
  object_class->set_property = moat_items_panel_set_property;
  MOAT_PAGE_CLASS (klass)->model_changed = moat_items_panel_model_changed;
  klass->edit = moat_items_panel_real_edit;

  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, "selection",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "risk",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_object ("editing", NULL, NULL, MOAT_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatItemsPanel:selection:
   *
   * The elements selected on the diagram, handed down from the diagram
   * page: the panel lists what concerns them.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatItemsPanel:editor:
   *
   * The editor of one item, a MoatItemEditor; each panel's template
   * declares its own.
   */
  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatItemsPanel:editor-type:
   *
   * The type of the editor (a MoatItemEditor), made when first needed
   * (see moat_items_panel_get_editor()) unless #MoatItemsPanel:editor
   * was given; until then the property "editor" is %NULL.
   */
  properties[PROP_EDITOR_TYPE] =
    g_param_spec_gtype ("editor-type", NULL, NULL, MOAT_TYPE_ITEM_EDITOR,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * MoatItemsPanel:extra:
   *
   * What a panel shows under its list, such as the rules' suggestions.
   */
  properties[PROP_EXTRA] =
    g_param_spec_object ("extra", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "list-label" (Threats), "add-label" (Add Threat), "editor-title"
   * (Threat), "delete-label", "search-label", "empty-icon", "empty-title",
   * "empty-selection" and "empty-all" (when the list is empty, showing the
   * selection or everything) and "no-selection" (when nothing is
   * selected): each panel's template says them. */
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_names[i], NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MoatItemsPanel::open:
   * @object: a linked object the editor asks to show where it is edited
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MOAT_TYPE_OBJECT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-items-panel.ui");
#define BIND(name) gtk_widget_class_bind_template_child_private (widget_class, MoatItemsPanel, name)
  BIND (pages);
  BIND (search_entry);
  BIND (view_button);
  BIND (add_button);
  BIND (count_label);
  BIND (filter_revealer);
  BIND (filter_label);
  BIND (extra_bin);
  BIND (content);
  BIND (list_view);
  BIND (empty_page);
  BIND (empty_note);
  BIND (no_selection_page);
  BIND (editor_title);
  BIND (delete_button);
  BIND (editor_bin);
#undef BIND

  gtk_widget_class_install_action (widget_class, "panel.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "panel.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "panel.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "panel.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "panel.scope", "scope");
  gtk_widget_class_install_property_action (widget_class, "panel.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "panel.status", "status");
  gtk_widget_class_install_property_action (widget_class, "panel.category", "category");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "panel.back", NULL);
}

static void
moat_items_panel_init (MoatItemsPanel *self)
{
  MoatItemsPanelPrivate *priv = PRIV (self);
  GtkListItemFactory *factory;

  priv->scope = g_strdup ("selection");
  priv->sort = g_strdup ("risk");
  priv->status_filter = -1;
  priv->category_filter = g_strdup ("");
  for (guint i = 0; i < N_TEXTS; i++)
    priv->texts[i] = g_strdup ("");
  priv->selection = g_ptr_array_new_with_free_func (g_object_unref);
  priv->selection_ids = g_hash_table_new (g_str_hash, g_str_equal);
  priv->scores = g_hash_table_new (NULL, NULL);
  priv->bound = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  priv->filter = gtk_custom_filter_new (filter_item, self, NULL);
  priv->sorter = gtk_custom_sorter_new (compare_items, self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row), self);
  gtk_list_view_set_factory (priv->list_view, factory);
  g_object_unref (factory);

  g_signal_connect (priv->list_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (priv->search_entry, "search-changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
  g_signal_connect_swapped (priv->content, "notify::visible-child", G_CALLBACK (update_room), self);
}
