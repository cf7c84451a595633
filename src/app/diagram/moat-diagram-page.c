/* moat-diagram-page.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page owns view state only (current diagram, selection, tool, the
 * drill-down path); everything else is read from and written to the model.
 * The canvas, the outline and the properties panel show one selection,
 * which lives here.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-assumptions-panel.h"
#include "moat-canvas.h"
#include "moat-clipboard.h"
#include "moat-controls-panel.h"
#include "moat-diagram-page.h"
#include "moat-toast.h"
#include "moat-labels.h"
#include "moat-limits.h"
#include "moat-outline-row.h"
#include "moat-properties-panel.h"
#include "moat-threats-panel.h"

struct _MoatDiagramPage
{
  MoatPage            parent_instance;

  MoatDiagram         *diagram;
  GPtrArray           *selection;   /* of MoatElement */
  GPtrArray           *path;        /* of MoatDiagram: the drill-down trail */
  char                *tool;
  gboolean             syncing;
  gboolean             fit_pending;
  gboolean             outline_deferred;

  GtkSortListModel    *diagrams;
  GtkSingleSelection  *diagram_selection;
  GtkCustomFilter     *outline_filter;
  GtkSorter           *outline_sorter;
  GtkMultiSelection   *outline_selection;

  MoatCanvas          *canvas;

  /* template children */
  GtkPaned            *outer_paned;
  GtkListView         *diagram_list;
  GtkListView         *outline_list;
  GtkBox              *breadcrumb;
  AdwViewStack        *side_stack;
  GtkSearchBar        *find_bar;
  GtkEditable         *find_entry;
  GtkLabel            *find_status;
  guint                find_index;
  MoatPropertiesPanel *properties_panel;
};

G_DEFINE_FINAL_TYPE (MoatDiagramPage, moat_diagram_page, MOAT_TYPE_PAGE)

enum {
  PROP_0,
  PROP_TOOL,
  PROP_DIAGRAM,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Diagram list */

static char *
diagram_title (gpointer    unused,
               const char *title)
{
  return g_strdup (title && *title ? title : _("Untitled diagram"));
}

/* Outline */

static gboolean
in_current_diagram (gpointer item,
                    gpointer user_data)
{
  MoatDiagramPage *self = user_data;

  return self->diagram != NULL
         && g_strcmp0 (moat_element_get_diagram_id (item),
                       moat_object_get_id (MOAT_OBJECT (self->diagram))) == 0;
}

/* Boundaries first, then the nodes, then flows and notes; by name within. */
static int
compare_outline (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  static const int rank[] = { 1, 1, 1, 0, 2, 3 };
  MoatElement *x = (MoatElement *) a;
  MoatElement *y = (MoatElement *) b;
  int d = rank[moat_element_get_kind (x)] - rank[moat_element_get_kind (y)];
  g_autofree char *nx = NULL;
  g_autofree char *ny = NULL;
  g_autofree char *kx = NULL;
  g_autofree char *ky = NULL;

  if (d != 0)
    return d;
  nx = moat_label_object_title (MOAT_OBJECT (x));
  ny = moat_label_object_title (MOAT_OBJECT (y));
  /* The collation for file names orders numbers by value: "Node 2"
   * before "Node 10", as a person reads them. */
  kx = g_utf8_collate_key_for_filename (nx, -1);
  ky = g_utf8_collate_key_for_filename (ny, -1);
  return strcmp (kx, ky);
}

static void
sync_outline_selection (MoatDiagramPage *self)
{
  GListModel *items = G_LIST_MODEL (self->outline_selection);
  guint n = g_list_model_get_n_items (items);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (items, i);
      if (g_ptr_array_find (self->selection, element, NULL))
        gtk_bitset_add (selected, i);
    }
  self->syncing = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->outline_selection), selected, mask);
  self->syncing = FALSE;
}

static void
on_outline_selection_changed (MoatDiagramPage *self)
{
  GListModel *items = G_LIST_MODEL (self->outline_selection);
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint i;

  if (self->syncing)
    return;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->outline_selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &i); ok;
       ok = gtk_bitset_iter_next (&iter, &i))
    g_ptr_array_add (elements, g_list_model_get_item (items, i));

  self->syncing = TRUE;
  moat_diagram_page_set_selection (self, elements);
  moat_canvas_set_selection (self->canvas, elements);
  self->syncing = FALSE;
  if (elements->len == 1)
    moat_canvas_show_element (self->canvas, g_ptr_array_index (elements, 0));
}

/* Breadcrumb */

static void
on_crumb_clicked (GtkButton       *button,
                  MoatDiagramPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(MoatDiagram) diagram = g_object_ref (g_ptr_array_index (self->path, index));

  g_ptr_array_set_size (self->path, index);
  moat_diagram_page_set_diagram (self, diagram);
}

static void
rebuild_breadcrumb (MoatDiagramPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->breadcrumb))) != NULL)
    gtk_box_remove (self->breadcrumb, child);

  /* A trail of one says nothing the diagram list does not. */
  if (self->path->len < 2)
    return;

  for (guint i = 0; i < self->path->len; i++)
    {
      MoatDiagram *diagram = g_ptr_array_index (self->path, i);
      const char *title = moat_diagram_get_title (diagram);
      GtkWidget *crumb;

      if (i > 0)
        {
          GtkWidget *sep = gtk_label_new ("›");
          gtk_widget_add_css_class (sep, "dim-label");
          gtk_box_append (self->breadcrumb, sep);
        }
      if (i + 1 == self->path->len)
        {
          crumb = gtk_label_new (title);
          gtk_widget_add_css_class (crumb, "heading");
        }
      else
        {
          crumb = gtk_button_new_with_label (title);
          gtk_widget_add_css_class (crumb, "flat");
          g_object_set_data (G_OBJECT (crumb), "index", GUINT_TO_POINTER (i));
          g_signal_connect (crumb, "clicked", G_CALLBACK (on_crumb_clicked), self);
        }
      gtk_box_append (self->breadcrumb, crumb);
    }
}

/* Current diagram */

static void
select_diagram_in_list (MoatDiagramPage *self)
{
  GListModel *items = G_LIST_MODEL (self->diagrams);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MoatDiagram) diagram = g_list_model_get_item (items, i);
      if (diagram == self->diagram)
        {
          self->syncing = TRUE;
          gtk_single_selection_set_selected (self->diagram_selection, i);
          self->syncing = FALSE;
          return;
        }
    }
}

void
moat_diagram_page_set_diagram (MoatDiagramPage *self,
                               MoatDiagram     *diagram)
{
  g_return_if_fail (MOAT_IS_DIAGRAM_PAGE (self));

  if (self->path->len == 0 || g_ptr_array_index (self->path, self->path->len - 1) != diagram)
    {
      if (diagram != NULL)
        g_ptr_array_add (self->path, g_object_ref (diagram));
    }

  if (self->diagram == diagram)
    return;

  g_set_object (&self->diagram, diagram);
  moat_diagram_page_set_selection (self, NULL);
  moat_canvas_set_diagram_id (self->canvas, diagram ? moat_object_get_id (MOAT_OBJECT (diagram)) : NULL);
  /* A diagram opens whole (a new, empty one at 100 %); before the canvas
   * has a size, once it has. */
  if (diagram != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    moat_canvas_zoom_fit (self->canvas);
  else
    self->fit_pending = diagram != NULL;
  if (self->outline_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->outline_filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_diagram_in_list (self);
  rebuild_breadcrumb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.delete-diagram", diagram != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.rename-diagram", diagram != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIAGRAM]);
}

MoatDiagram *
moat_diagram_page_get_diagram (MoatDiagramPage *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (self), NULL);

  return self->diagram;
}

static void
on_diagram_selected (MoatDiagramPage *self)
{
  MoatDiagram *diagram = gtk_single_selection_get_selected_item (self->diagram_selection);

  if (self->syncing || diagram == NULL || diagram == self->diagram)
    return;

  /* Picking from the list starts a new trail. */
  g_ptr_array_set_size (self->path, 0);
  moat_diagram_page_set_diagram (self, diagram);
}

/* Selection */

/* Mark Reviewed applies while a selected element lacks a review, Mark Not
 * Reviewed while one has it. */
static guint
n_selected_shapes (MoatDiagramPage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->selection->len; i++)
    n += moat_element_get_kind (g_ptr_array_index (self->selection, i)) != MOAT_ELEMENT_FLOW;
  return n;
}

static void
update_review_actions (MoatDiagramPage *self)
{
  gboolean can_mark = FALSE, can_unmark = FALSE;

  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatElement *element = g_ptr_array_index (self->selection, i);
      MoatElementKind kind = moat_element_get_kind (element);

      if (kind == MOAT_ELEMENT_BOUNDARY || kind == MOAT_ELEMENT_NOTE)
        continue;
      if (moat_element_get_reviewed (element))
        can_unmark = TRUE;
      else
        can_mark = TRUE;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.mark-reviewed", can_mark);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.mark-not-reviewed", can_unmark);
}

void
moat_diagram_page_set_selection (MoatDiagramPage *self,
                                 GPtrArray       *elements)
{
  guint shapes;

  g_return_if_fail (MOAT_IS_DIAGRAM_PAGE (self));

  g_ptr_array_set_size (self->selection, 0);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    g_ptr_array_add (self->selection, g_object_ref (g_ptr_array_index (elements, i)));

  moat_properties_panel_set_selection (self->properties_panel, self->selection);
  if (!self->syncing && self->outline_selection != NULL)
    sync_outline_selection (self);
  if (!self->syncing)
    {
      self->syncing = TRUE;
      moat_canvas_set_selection (self->canvas, self->selection);
      self->syncing = FALSE;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.open-child",
                                 self->selection->len == 1
                                 && moat_element_get_kind (g_ptr_array_index (self->selection, 0))
                                    == MOAT_ELEMENT_PROCESS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.rename-element", self->selection->len == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.select-contents",
                                 self->selection->len == 1
                                 && moat_element_get_kind (g_ptr_array_index (self->selection, 0))
                                    == MOAT_ELEMENT_BOUNDARY
                                 && !moat_boundary_line_is_line (g_ptr_array_index (self->selection, 0)));
  shapes = n_selected_shapes (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.align", shapes >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.distribute", shapes >= 3);
  update_review_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * moat_diagram_page_get_selection:
 *
 * Returns: (transfer none) (element-type MoatElement): the selection
 */
GPtrArray *
moat_diagram_page_get_selection (MoatDiagramPage *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (self), NULL);

  return self->selection;
}

/* Model */

static void
on_model_changed (MoatDiagramPage *self,
                  MoatChange      *change)
{
  if (MOAT_IS_DIAGRAM (change->object))
    {
      if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, "position"))
        gtk_sorter_changed (gtk_sort_list_model_get_sorter (self->diagrams),
                            GTK_SORTER_CHANGE_DIFFERENT);
      if (change->kind == MOAT_CHANGE_REMOVE)
        g_ptr_array_remove (self->path, change->object);
      if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, "title"))
        rebuild_breadcrumb (self);
      if (change->kind == MOAT_CHANGE_REMOVE && MOAT_DIAGRAM (change->object) == self->diagram)
        {
          g_autoptr(MoatDiagram) next = g_list_model_get_item (G_LIST_MODEL (self->diagrams), 0);
          g_ptr_array_set_size (self->path, 0);
          moat_diagram_page_set_diagram (self, next);
        }
      if (change->kind == MOAT_CHANGE_ADD && self->diagram == NULL)
        moat_diagram_page_set_diagram (self, MOAT_DIAGRAM (change->object));
      return;
    }

  if (!MOAT_IS_ELEMENT (change->object))
    return;

  if (change->kind == MOAT_CHANGE_REMOVE && g_ptr_array_find (self->selection, change->object, NULL))
    {
      g_autoptr(GPtrArray) rest = g_ptr_array_new ();

      for (guint i = 0; i < self->selection->len; i++)
        if (g_ptr_array_index (self->selection, i) != (gpointer) change->object)
          g_ptr_array_add (rest, g_ptr_array_index (self->selection, i));
      moat_diagram_page_set_selection (self, rest);
    }
  if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, "diagram-id") &&
      self->outline_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->outline_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, "name") &&
      self->outline_sorter != NULL)
    gtk_sorter_changed (self->outline_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (change->kind == MOAT_CHANGE_SET && g_str_equal (change->pspec->name, "reviewed") &&
      g_ptr_array_find (self->selection, change->object, NULL))
    update_review_actions (self);
}

static void
clear_models (MoatDiagramPage *self)
{
  gtk_list_view_set_model (self->diagram_list, NULL);
  gtk_list_view_set_model (self->outline_list, NULL);
  g_clear_object (&self->diagrams);
  g_clear_object (&self->diagram_selection);
  g_clear_object (&self->outline_filter);
  g_clear_object (&self->outline_selection);
  g_clear_object (&self->outline_sorter);
}

/* Filtering and sorting every element, and the rows the list view makes
 * (as many as 200 in GTK 4.8, seen or not), wait for the first frame
 * when the window asks: see moat_diagram_page_defer_outline(). */
static void
ensure_outline (MoatDiagramPage *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  if (self->outline_selection != NULL || moat_page_get_model (MOAT_PAGE (self)) == NULL)
    return;

  self->outline_filter = gtk_custom_filter_new (in_current_diagram, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (moat_model_get_list (moat_page_get_model (MOAT_PAGE (self)), MOAT_TYPE_ELEMENT)),
                                        GTK_FILTER (g_object_ref (self->outline_filter)));
  self->outline_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_outline, NULL, NULL));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (self->outline_sorter));
  self->outline_selection = gtk_multi_selection_new (G_LIST_MODEL (sorted));
  g_signal_connect_swapped (self->outline_selection, "selection-changed",
                            G_CALLBACK (on_outline_selection_changed), self);
  gtk_list_view_set_model (self->outline_list, GTK_SELECTION_MODEL (self->outline_selection));
  sync_outline_selection (self);
}

static void
build_models (MoatDiagramPage *self)
{
  GtkExpression *position = gtk_property_expression_new (MOAT_TYPE_DIAGRAM, NULL, "position");

  self->diagrams = gtk_sort_list_model_new (g_object_ref (moat_model_get_list (moat_page_get_model (MOAT_PAGE (self)), MOAT_TYPE_DIAGRAM)),
                                            GTK_SORTER (gtk_numeric_sorter_new (position)));
  self->diagram_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->diagrams)));
  gtk_single_selection_set_autoselect (self->diagram_selection, FALSE);
  g_signal_connect_swapped (self->diagram_selection, "notify::selected",
                            G_CALLBACK (on_diagram_selected), self);
  gtk_list_view_set_model (self->diagram_list, GTK_SELECTION_MODEL (self->diagram_selection));
  if (!self->outline_deferred)
    ensure_outline (self);
}

static void
moat_diagram_page_model_changed (MoatPage  *page,
                                 MoatModel *previous)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (page);
  MoatModel *model = moat_page_get_model (page);
  g_autoptr(MoatDiagram) first = NULL;

  g_ptr_array_set_size (self->path, 0);
  moat_diagram_page_set_diagram (self, NULL);
  clear_models (self);
  /* Told here rather than bound: they must hold the new model before the
   * first diagram is shown below. */
  moat_properties_panel_set_model (self->properties_panel, model);
  moat_canvas_set_model (self->canvas, model);
  if (model == NULL)
    return;

  build_models (self);
  g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self,
                           G_CONNECT_SWAPPED);
  first = g_list_model_get_item (G_LIST_MODEL (self->diagrams), 0);
  moat_diagram_page_set_diagram (self, first);
}


/* Actions */

static MoatDiagram *
add_diagram (MoatDiagramPage *self,
             const char      *title)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->diagrams));
  g_autoptr(MoatDiagram) last = n ? g_list_model_get_item (G_LIST_MODEL (self->diagrams), n - 1) : NULL;
  MoatDiagram *diagram = moat_diagram_new ();

  g_object_set (diagram,
                "title", title,
                "position", last ? moat_diagram_get_position (last) + 1 : 0,
                NULL);
  moat_model_add (moat_page_get_model (MOAT_PAGE (self)), MOAT_OBJECT (diagram));
  g_object_unref (diagram);
  return diagram;
}

static void
add_diagram_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->diagrams));
  g_autofree char *title = g_strdup_printf (_("Diagram %u"), n + 1);
  MoatDiagram *diagram = add_diagram (self, title);

  g_ptr_array_set_size (self->path, 0);
  moat_diagram_page_set_diagram (self, diagram);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    MoatDiagramPage  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *title = gtk_editable_get_text (entry);

  if (g_str_equal (response, "rename") && self->diagram != NULL && *title != '\0')
    g_object_set (self->diagram, "title", title, NULL);
}

static void
rename_diagram_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->diagram == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Rename Diagram"), NULL);
  entry = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry), MOAT_TEXT_SHORT_MAX);
  gtk_editable_set_text (GTK_EDITABLE (entry), moat_diagram_get_title (self->diagram));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Diagram name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_diagram_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  GListModel *items = G_LIST_MODEL (self->diagrams);
  guint n = g_list_model_get_n_items (items);
  guint index = gtk_single_selection_get_selected (self->diagram_selection);
  int step = g_variant_get_int32 (parameter);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer moved;

  if (index == GTK_INVALID_LIST_POSITION || (int) index + step < 0 || index + step >= n)
    return;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (order, g_list_model_get_item (items, i));
  moved = order->pdata[index];
  order->pdata[index] = order->pdata[index + step];
  order->pdata[index + step] = moved;

  /* Renumbering all keeps positions distinct even in files that had
   * duplicates. */
  moat_model_begin_action (moat_page_get_model (MOAT_PAGE (self)), _("Move Diagram"));
  for (guint i = 0; i < n; i++)
    if (moat_diagram_get_position (order->pdata[i]) != (int) i)
      g_object_set (order->pdata[i], "position", (int) i, NULL);
  moat_model_end_action (moat_page_get_model (MOAT_PAGE (self)));
  select_diagram_in_list (self);
}

static void
delete_diagram_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  g_autofree char *title = NULL;

  if (self->diagram == NULL)
    return;

  title = g_strdup (moat_diagram_get_title (self->diagram));
  moat_model_remove (moat_page_get_model (MOAT_PAGE (self)), MOAT_OBJECT (self->diagram));
  moat_toast_show_deleted (widget, title);
}

/**
 * moat_diagram_page_open_child:
 *
 * Shows the diagram that details @process, making one the first time.
 */
void
moat_diagram_page_open_child (MoatDiagramPage *self,
                              MoatElement     *process)
{
  const char *id = moat_element_get_child_diagram_id (process);
  MoatDiagram *child = id ? moat_model_lookup_typed (moat_page_get_model (MOAT_PAGE (self)), id, MOAT_TYPE_DIAGRAM) : NULL;

  if (child == NULL)
    {
      g_autofree char *title = moat_label_object_title (MOAT_OBJECT (process));

      moat_model_begin_action (moat_page_get_model (MOAT_PAGE (self)), _("Add Child Diagram"));
      child = add_diagram (self, title);
      g_object_set (process, "child-diagram-id", moat_object_get_id (MOAT_OBJECT (child)), NULL);
      moat_model_end_action (moat_page_get_model (MOAT_PAGE (self)));
    }
  moat_diagram_page_set_diagram (self, child);
}

static void
open_child_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);

  if (self->selection->len == 1)
    moat_diagram_page_open_child (self, g_ptr_array_index (self->selection, 0));
}

static void
rename_element_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);

  if (self->selection->len == 1)
    moat_canvas_start_rename (self->canvas, g_ptr_array_index (self->selection, 0));
}

static void
align_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  MoatAlign align;

  if (moat_arrange_parse_align (g_variant_get_string (parameter, NULL), &align))
    moat_arrange_align (moat_page_get_model (MOAT_PAGE (self)), self->selection, align);
}

/* What lies inside the one selected boundary becomes the selection. */
static void
select_contents_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  MoatRenderer *renderer = moat_canvas_get_renderer (self->canvas);
  g_autoptr(GPtrArray) inside = NULL;
  MoatElement *boundary;
  MoatRect rect;

  if (self->selection->len != 1 || renderer == NULL)
    return;
  boundary = g_object_ref (g_ptr_array_index (self->selection, 0));
  moat_geometry_element_rect (boundary, &rect);
  inside = moat_geometry_query_inside (moat_renderer_get_geometry (renderer), &rect);
  g_ptr_array_remove (inside, boundary);
  g_object_unref (boundary);
  moat_diagram_page_set_selection (self, inside);
}

/* Each selected shape grows until its whole name shows: one undo step. */
static void
fit_to_name_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  MoatModel *model = moat_page_get_model (MOAT_PAGE (self));
  MoatRenderer *renderer = moat_canvas_get_renderer (self->canvas);

  if (model == NULL || renderer == NULL)
    return;
  moat_model_begin_action (model, _("Fit to Name"));
  for (guint i = 0; i < self->selection->len; i++)
    {
      MoatElement *element = g_ptr_array_index (self->selection, i);
      double width, height;

      if (moat_geometry_size_to_fit_name (moat_renderer_get_geometry (renderer), element, &width, &height))
        g_object_set (element, "width", width, "height", height, NULL);
    }
  moat_model_end_action (model);
}

static void
distribute_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);

  moat_arrange_distribute (moat_page_get_model (MOAT_PAGE (self)), self->selection,
                           g_str_equal (g_variant_get_string (parameter, NULL), "vertical"));
}

/* The Threats panel, in front, adds one for the selection. */
static void
add_threat_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  GtkWidget *threats = moat_diagram_page_get_side_panel (self, "threats");

  adw_view_stack_set_visible_child (self->side_stack, threats);
  gtk_widget_activate_action (threats, "panel.add", NULL);
}

static void
on_canvas_selection_changed (MoatDiagramPage *self)
{
  if (self->syncing)
    return;
  self->syncing = TRUE;
  moat_diagram_page_set_selection (self, moat_canvas_get_selection (self->canvas));
  sync_outline_selection (self);
  self->syncing = FALSE;
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatCanvas *canvas = MOAT_DIAGRAM_PAGE (widget)->canvas;

  if (g_str_equal (action_name, "diagram.zoom-in"))
    moat_canvas_zoom_in (canvas);
  else if (g_str_equal (action_name, "diagram.zoom-out"))
    moat_canvas_zoom_out (canvas);
  else if (g_str_equal (action_name, "diagram.zoom-fit"))
    moat_canvas_zoom_fit (canvas);
  else
    moat_canvas_zoom_reset (canvas);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  moat_canvas_delete_selection (MOAT_DIAGRAM_PAGE (widget)->canvas);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  moat_canvas_select_all (MOAT_DIAGRAM_PAGE (widget)->canvas);
}

static void
mark_reviewed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  gboolean reviewed = g_str_equal (action_name, "diagram.mark-reviewed");
  g_autoptr(GPtrArray) selection = NULL;
  g_autofree char *message = NULL;
  guint n;

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL || self->selection->len == 0)
    return;

  /* Marking fires "changed", which may touch the selection: work on a copy. */
  selection = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->selection->len; i++)
    g_ptr_array_add (selection, g_object_ref (g_ptr_array_index (self->selection, i)));
  n = moat_review_mark (moat_page_get_model (MOAT_PAGE (self)), (MoatElement **) selection->pdata, selection->len, reviewed);
  if (n == 0)
    return;

  message = reviewed
            ? g_strdup_printf (ngettext ("%u element marked reviewed", "%u elements marked reviewed", n), n)
            : g_strdup_printf (ngettext ("%u element marked not reviewed",
                                         "%u elements marked not reviewed", n), n);
  moat_toast_show (widget, message, TRUE);
}

/* Clipboard */

#define PASTE_OFFSET 24.0

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL || self->selection->len == 0)
    return;
  moat_clipboard_copy (gtk_widget_get_clipboard (widget), moat_page_get_model (MOAT_PAGE (self)), self->selection);
  if (g_str_equal (action_name, "diagram.cut"))
    moat_canvas_delete_selection (self->canvas);
}

static void
insert_fragment (MoatDiagramPage *self,
                 GBytes          *fragment)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;

  if (self->diagram == NULL)
    return;
  added = moat_clipboard_insert (moat_page_get_model (MOAT_PAGE (self)), moat_object_get_id (MOAT_OBJECT (self->diagram)),
                                 fragment, PASTE_OFFSET, PASTE_OFFSET, &error);
  if (added == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not paste: %s"), error->message);

      moat_toast_show (GTK_WIDGET (self), message, FALSE);
      return;
    }
  moat_diagram_page_set_selection (self, added);
}

static void
on_paste_spliced (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MoatDiagramPage) self = user_data;
  g_autoptr(GBytes) bytes = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, NULL) < 0)
    return;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  if (moat_page_get_model (MOAT_PAGE (self)) != NULL)
    insert_fragment (self, bytes);
}

static void
on_paste_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MoatDiagramPage) self = user_data;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result,
                                                              NULL, NULL);
  g_autoptr(GOutputStream) memory = NULL;

  if (stream == NULL)
    return;
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_paste_spliced, g_steal_pointer (&self));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  static const char *mime_types[] = { MOAT_CLIPBOARD_MIME_TYPE, NULL };
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (!gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                              MOAT_CLIPBOARD_MIME_TYPE))
    return;
  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, on_paste_read,
                            g_object_ref (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  g_autoptr(GBytes) fragment = NULL;

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL || self->selection->len == 0)
    return;
  fragment = moat_clipboard_serialize (moat_page_get_model (MOAT_PAGE (self)), self->selection);
  if (fragment != NULL)
    insert_fragment (self, fragment);
}

/* Image export */

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    MoatDiagramPage *self)
{
  const char *format = g_object_get_data (G_OBJECT (chooser), "format");
  g_autoptr(GFile) file = NULL;
  g_autoptr(MoatRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->diagram != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      const char *scale = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "scale");
      gboolean ok;

      path = g_file_get_path (file);
      /* A renderer of its own: the export shows no selection or hover. */
      renderer = moat_renderer_new (moat_page_get_model (MOAT_PAGE (self)), moat_object_get_id (MOAT_OBJECT (self->diagram)));
      if (g_str_equal (format, "svg"))
        ok = moat_renderer_export_svg (renderer, path, &error);
      else
        ok = moat_renderer_export_png (renderer, scale ? g_ascii_strtod (scale, NULL) : 2.0,
                                       path, &error);
      message = ok ? g_strdup_printf (_("Exported to “%s”"), g_file_peek_path (file))
                   : g_strdup_printf (_("Could not export the diagram: %s"), error->message);
      moat_toast_show (GTK_WIDGET (self), message, FALSE);
    }
  g_object_unref (chooser);
}

static void
export_image_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  static const char *scales[] = { "1", "2", "3", "4", NULL };
  static const char *scale_labels[] = { N_("100 %"), N_("200 %"), N_("300 %"), N_("400 %"), NULL };
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  gboolean svg = g_str_equal (format, "svg");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *labels[G_N_ELEMENTS (scale_labels)];
  GtkFileChooserNative *chooser;

  if (self->diagram == NULL)
    return;

  chooser = gtk_file_chooser_native_new (svg ? _("Export Diagram as SVG") : _("Export Diagram as PNG"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, svg ? _("SVG images") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.%s", moat_diagram_get_title (self->diagram), format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), g_strdelimit (name, "/", '-'));
  if (!svg)
    {
      for (guint i = 0; i < G_N_ELEMENTS (scale_labels); i++)
        labels[i] = scale_labels[i] ? _(scale_labels[i]) : NULL;
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "scale", _("Scale"), scales, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "scale", "2");
    }
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Accessors */

GtkWidget *
moat_diagram_page_get_canvas (MoatDiagramPage *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (self), NULL);

  return GTK_WIDGET (self->canvas);
}

GtkWidget *
moat_diagram_page_get_properties (MoatDiagramPage *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (self), NULL);

  return GTK_WIDGET (self->properties_panel);
}

/**
 * moat_diagram_page_get_outline:
 *
 * Returns: (transfer none): the elements of the current diagram, as the
 *   outline lists them
 */
GListModel *
moat_diagram_page_get_outline (MoatDiagramPage *self)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (self), NULL);

  ensure_outline (self);
  return G_LIST_MODEL (self->outline_selection);
}

/**
 * moat_diagram_page_defer_outline:
 * @defer: whether the outline of a model yet to come waits
 *
 * While deferred, a new model's outline is not listed until asked for
 * (moat_diagram_page_get_outline()) or until this is called with %FALSE,
 * which lists it at once: the window defers it until its first frame is
 * on screen.
 */
void
moat_diagram_page_defer_outline (MoatDiagramPage *self,
                                 gboolean         defer)
{
  g_return_if_fail (MOAT_IS_DIAGRAM_PAGE (self));

  self->outline_deferred = defer;
  if (!defer)
    ensure_outline (self);
}

/**
 * moat_diagram_page_get_side_panel:
 * @name: "threats", "controls" or "assumptions"
 *
 * Returns: (transfer none) (nullable): the side panel of that name
 */
GtkWidget *
moat_diagram_page_get_side_panel (MoatDiagramPage *self,
                                  const char      *name)
{
  g_return_val_if_fail (MOAT_IS_DIAGRAM_PAGE (self), NULL);

  return adw_view_stack_get_child_by_name (self->side_stack, name);
}

/* GObject */

static void
moat_diagram_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    case PROP_DIAGRAM:
      g_value_set_object (value, self->diagram);
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_diagram_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      if (g_strcmp0 (self->tool, g_value_get_string (value)) != 0)
        {
          g_free (self->tool);
          self->tool = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DIAGRAM:
      g_ptr_array_set_size (self->path, 0);
      moat_diagram_page_set_diagram (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_diagram_page_dispose (GObject *object)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (object);

  if (self->path != NULL)
    moat_page_set_model (MOAT_PAGE (self), NULL);
  clear_models (self);
  g_clear_object (&self->diagram);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_ptr_array_unref);
  g_clear_pointer (&self->tool, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_DIAGRAM_PAGE);

  G_OBJECT_CLASS (moat_diagram_page_parent_class)->dispose (object);
}

/* Find */

/* The elements whose names hold @query, those of the diagram shown first. */
static GPtrArray *
find_matches (MoatDiagramPage *self,
              const char      *query)
{
  GListModel *elements = moat_model_get_list (moat_page_get_model (MOAT_PAGE (self)), MOAT_TYPE_ELEMENT);
  const char *shown = self->diagram ? moat_object_get_id (MOAT_OBJECT (self->diagram)) : NULL;
  g_autofree char *needle = g_utf8_casefold (query, -1);
  g_autoptr(GPtrArray) here = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) elsewhere = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (elements); i++)
    {
      g_autoptr(MoatElement) element = g_list_model_get_item (elements, i);
      const char *name = moat_element_get_name (element);
      g_autofree char *folded = name ? g_utf8_casefold (name, -1) : NULL;
      GPtrArray *found;

      if (folded == NULL || strstr (folded, needle) == NULL)
        continue;
      found = g_strcmp0 (moat_element_get_diagram_id (element), shown) == 0 ? here : elsewhere;
      g_ptr_array_add (found, g_steal_pointer (&element));
    }
  g_ptr_array_extend_and_steal (here, g_steal_pointer (&elsewhere));
  return g_steal_pointer (&here);
}

/* Goes to the match at find_index, on its own diagram. */
static void
show_match (MoatDiagramPage *self)
{
  const char *query = gtk_editable_get_text (self->find_entry);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  g_autofree char *status = NULL;
  MoatElement *element;
  MoatDiagram *diagram;

  if (moat_page_get_model (MOAT_PAGE (self)) == NULL || *query == '\0')
    {
      gtk_label_set_label (self->find_status, "");
      return;
    }
  matches = find_matches (self, query);
  if (matches->len == 0)
    {
      status = g_strdup_printf (_("No element called “%s”"), query);
      gtk_label_set_label (self->find_status, status);
      return;
    }
  self->find_index %= matches->len;
  element = g_ptr_array_index (matches, self->find_index);
  /* Translators: the element found, of how many match: "2 of 5" */
  status = g_strdup_printf (_("%u of %u"), self->find_index + 1, matches->len);
  gtk_label_set_label (self->find_status, status);

  diagram = moat_model_lookup_typed (moat_page_get_model (MOAT_PAGE (self)),
                                     moat_element_get_diagram_id (element), MOAT_TYPE_DIAGRAM);
  if (diagram != NULL && diagram != self->diagram)
    moat_diagram_page_set_diagram (self, diagram);
  g_ptr_array_add (selection, element);
  moat_diagram_page_set_selection (self, selection);
  moat_canvas_show_element (self->canvas, element);
}

static void
on_find_changed (MoatDiagramPage *self)
{
  self->find_index = 0;
  show_match (self);
}

static void
on_find_next (MoatDiagramPage *self)
{
  self->find_index++;
  show_match (self);
}

static void
on_find_stopped (MoatDiagramPage *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MoatDiagramPage *self = MOAT_DIAGRAM_PAGE (widget);

  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  gtk_editable_select_region (self->find_entry, 0, -1);
}

static gboolean
fit_when_sized (gpointer data)
{
  MoatDiagramPage *self = data;

  if (self->fit_pending && self->diagram != NULL)
    moat_canvas_zoom_fit (self->canvas);
  self->fit_pending = FALSE;
  return G_SOURCE_REMOVE;
}

static void
on_canvas_map (MoatDiagramPage *self)
{
  if (self->fit_pending)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fit_when_sized, g_object_ref (self), g_object_unref);
}

static void
moat_diagram_page_class_init (MoatDiagramPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_diagram_page_dispose;
  object_class->get_property = moat_diagram_page_get_property;
  object_class->set_property = moat_diagram_page_set_property;
  MOAT_PAGE_CLASS (klass)->model_changed = moat_diagram_page_model_changed;

  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "select",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIAGRAM] =
    g_param_spec_object ("diagram", NULL, NULL, MOAT_TYPE_DIAGRAM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatDiagramPage:selection: (type GPtrArray(MoatElement))
   *
   * The selected elements, which the side panels' templates bind to.
   */
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MOAT_TYPE_CANVAS);
  g_type_ensure (MOAT_TYPE_PROPERTIES_PANEL);
  g_type_ensure (MOAT_TYPE_OUTLINE_ROW);
  g_type_ensure (MOAT_TYPE_THREATS_PANEL);
  g_type_ensure (MOAT_TYPE_CONTROLS_PANEL);
  g_type_ensure (MOAT_TYPE_ASSUMPTIONS_PANEL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/diagram/moat-diagram-page.ui");
  gtk_widget_class_bind_template_callback (widget_class, diagram_title);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_map);
  gtk_widget_class_bind_template_callback (widget_class, on_find_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_find_next);
  gtk_widget_class_bind_template_callback (widget_class, on_find_stopped);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, find_bar);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, find_entry);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, find_status);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, diagram_list);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, outline_list);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, breadcrumb);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, side_stack);
  gtk_widget_class_bind_template_child (widget_class, MoatDiagramPage, properties_panel);

  gtk_widget_class_install_property_action (widget_class, "diagram.tool", "tool");
  gtk_widget_class_install_action (widget_class, "diagram.add-diagram", NULL, add_diagram_action);
  gtk_widget_class_install_action (widget_class, "diagram.rename-diagram", NULL, rename_diagram_action);
  gtk_widget_class_install_action (widget_class, "diagram.move-diagram", "i", move_diagram_action);
  gtk_widget_class_install_action (widget_class, "diagram.delete-diagram", NULL, delete_diagram_action);
  gtk_widget_class_install_action (widget_class, "diagram.open-child", NULL, open_child_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "diagram.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "diagram.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "diagram.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "diagram.cut", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "diagram.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "diagram.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "diagram.rename-element", NULL, rename_element_action);
  gtk_widget_class_install_action (widget_class, "diagram.add-threat", NULL, add_threat_action);
  gtk_widget_class_install_action (widget_class, "diagram.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "diagram.align", "s", align_action);
  gtk_widget_class_install_action (widget_class, "diagram.fit-to-name", NULL, fit_to_name_action);
  gtk_widget_class_install_action (widget_class, "diagram.select-contents", NULL, select_contents_action);
  gtk_widget_class_install_action (widget_class, "diagram.distribute", "s", distribute_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "diagram.find", NULL);
  gtk_widget_class_install_action (widget_class, "diagram.export-image", "s", export_image_action);
  gtk_widget_class_install_action (widget_class, "diagram.mark-reviewed", NULL, mark_reviewed_action);
  gtk_widget_class_install_action (widget_class, "diagram.mark-not-reviewed", NULL, mark_reviewed_action);
  /* Anywhere on the page: the outline and the properties have a selection too. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "diagram.mark-reviewed", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "diagram.mark-not-reviewed", NULL);
}



/* Only while the canvas has focus: in a text field these keys edit text. */
static void
add_canvas_shortcuts (MoatDiagramPage *self)
{
  static const struct {
    const char *accel;
    const char *action;
  } shortcuts[] = {
    { "<Control>c", "diagram.copy" },
    { "<Control>x", "diagram.cut" },
    { "<Control>v", "diagram.paste" },
    { "<Control>d", "diagram.duplicate" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].accel),
                                                            gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);
}

static void
moat_diagram_page_init (MoatDiagramPage *self)
{
  self->tool = g_strdup ("select");
  self->selection = g_ptr_array_new_with_free_func (g_object_unref);
  self->path = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));


  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.open-child", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.rename-element", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.select-contents", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.align", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagram.distribute", FALSE);
  update_review_actions (self);

  add_canvas_shortcuts (self);
}
