/* moat-workshop-history.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-workshop-history.h"
#include "moat-workshop-reflection.h"

struct _MoatWorkshopHistory
{
  GtkWidget          parent_instance;

  MoatModel         *model;
  GtkSortListModel  *sessions;
  GtkWidget         *stack;
  GtkWidget         *list;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopHistory, moat_workshop_history, GTK_TYPE_WIDGET)

static char *
format_minutes (int seconds)
{
  int minutes = (seconds + 30) / 60;

  if (minutes == 0)
    return g_strdup (_("under a minute"));
  return g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
}

/**
 * moat_workshop_session_describe:
 *
 * Returns: (transfer full): when the session was held and for how long,
 *   on one line
 */
char *
moat_workshop_session_describe (MoatWorkshopSession *session)
{
  g_autoptr(GDateTime) local =
    g_date_time_new_from_unix_local (moat_workshop_session_get_started (session) / G_USEC_PER_SEC);
  g_autofree char *date = local ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
  g_autofree char *took = format_minutes (moat_workshop_session_get_duration (session));
  int planned = moat_workshop_session_get_planned_minutes (session);
  GVariant *participants = moat_workshop_session_get_participants (session);
  gsize n = participants ? g_variant_n_children (participants) : 0;
  g_autofree char *people = g_strdup_printf (ngettext ("%zu participant", "%zu participants", n), n);

  if (moat_workshop_session_get_summary (session) == NULL)
    /* Translators: a workshop still running: its date and time, and who takes part */
    return g_strdup_printf (_("%s · in progress · %s"), date, people);
  /* Translators: date and time; how long it took; the minutes planned; who took part */
  return g_strdup_printf (_("%s · %s of %d planned · %s"), date, took, planned, people);
}

static char *
participants_text (MoatWorkshopSession *session)
{
  GVariant *participants = moat_workshop_session_get_participants (session);
  g_autoptr(GString) text = g_string_new (NULL);
  GVariantIter iter;
  const char *name, *role;

  if (participants == NULL)
    return NULL;
  g_variant_iter_init (&iter, participants);
  while (g_variant_iter_next (&iter, "(&s&s)", &name, &role))
    {
      if (text->len > 0)
        g_string_append (text, "\n");
      /* Translators: a participant and their role, as in "Ana (Security)" */
      g_string_append_printf (text, _("%s (%s)"), name, moat_workshop_role_get_label (role));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
consensus_text (MoatWorkshopSession *session)
{
  const char *dissent = moat_workshop_session_get_dissent (session);
  const char *verdict;

  switch (moat_workshop_session_get_consensus (session))
    {
    case MOAT_CONSENSUS_GOOD_ENOUGH:
      verdict = _("Good enough");
      break;
    case MOAT_CONSENSUS_NOT_GOOD_ENOUGH:
      verdict = _("Not good enough");
      break;
    case MOAT_CONSENSUS_UNDECIDED:
    default:
      verdict = _("Undecided");
      break;
    }
  if (dissent == NULL || dissent[0] == '\0')
    return g_strdup (verdict);
  /* Translators: the team's verdict, then the dissent noted */
  return g_strdup_printf (_("%s. Dissent: %s"), verdict, dissent);
}

static void
add_detail (GtkWidget  *expander,
            const char *title,
            const char *text)
{
  GtkWidget *row;

  if (text == NULL || text[0] == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  MoatWorkshopSession *session = item;
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *subtitle = moat_workshop_session_describe (session);
  g_autofree char *people = participants_text (session);
  g_autofree char *consensus = consensus_text (session);
  const char *title = moat_workshop_session_get_title (session);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title && title[0] ? title : _("Workshop"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  add_detail (row, _("What changed"), moat_workshop_session_get_summary (session));
  add_detail (row, _("Participants"), people);
  add_detail (row, _("Consensus"), consensus);
  add_detail (row, _("Follow-up actions"), moat_workshop_session_get_follow_ups (session));
  add_detail (row, _("What are we working on?"), moat_workshop_session_get_answer_working (session));
  add_detail (row, _("What can go wrong?"), moat_workshop_session_get_answer_wrong (session));
  add_detail (row, _("What are we going to do about it?"), moat_workshop_session_get_answer_doing (session));
  add_detail (row, _("Did we do a good job?"), moat_workshop_session_get_answer_good (session));
  return row;
}

static void
bind (MoatWorkshopHistory *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->sessions)) == 0;

  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->sessions),
                           create_session_row, self, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), empty ? "empty" : "list");
}

static void
on_model_changed (MoatWorkshopHistory *self,
                  MoatChange          *change)
{
  if (MOAT_IS_WORKSHOP_SESSION (change->object))
    bind (self);
}

void
moat_workshop_history_set_model (MoatWorkshopHistory *self,
                                 MoatModel           *model)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_HISTORY (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  gtk_sort_list_model_set_model (self->sessions,
                                 model ? moat_model_get_list (model, MOAT_TYPE_WORKSHOP_SESSION) : NULL);
  if (model != NULL)
    g_signal_connect_object (model, "changed", G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  bind (self);
}

/**
 * moat_workshop_history_get_sessions:
 *
 * Returns: (transfer none): the sessions shown, newest first
 */
GListModel *
moat_workshop_history_get_sessions (MoatWorkshopHistory *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_HISTORY (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

/**
 * moat_workshop_history_present:
 *
 * Shows the model's workshops in a window of their own.
 *
 * Returns: (transfer none): that window
 */
GtkWindow *
moat_workshop_history_present (GtkWindow *parent,
                               MoatModel *model)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *history = moat_workshop_history_new ();
  GtkEventController *keys = GTK_EVENT_CONTROLLER (gtk_shortcut_controller_new ());

  gtk_window_set_title (GTK_WINDOW (window), _("Past Workshops"));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  moat_workshop_history_set_model (MOAT_WORKSHOP_HISTORY (history), model);
  gtk_widget_set_vexpand (history, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), history);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
build (MoatWorkshopHistory *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *empty = adw_status_page_new ();

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->list, 18);
  gtk_widget_set_margin_bottom (self->list, 18);
  gtk_widget_set_margin_start (self->list, 12);
  gtk_widget_set_margin_end (self->list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Past workshops"), -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Workshops Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Each workshop is recorded here: when, for how long, who took part "
                                     "and what changed. Start one with F5."));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

static void
moat_workshop_history_dispose (GObject *object)
{
  MoatWorkshopHistory *self = MOAT_WORKSHOP_HISTORY (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->stack, gtk_widget_unparent);
  g_clear_object (&self->sessions);

  G_OBJECT_CLASS (moat_workshop_history_parent_class)->dispose (object);
}

static void
moat_workshop_history_class_init (MoatWorkshopHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_history_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
moat_workshop_history_init (MoatWorkshopHistory *self)
{
  GtkExpression *started = gtk_property_expression_new (MOAT_TYPE_WORKSHOP_SESSION, NULL, "started");
  GtkNumericSorter *sorter = gtk_numeric_sorter_new (started);

  gtk_numeric_sorter_set_sort_order (sorter, GTK_SORT_DESCENDING);
  self->sessions = gtk_sort_list_model_new (NULL, GTK_SORTER (sorter));
  build (self);
}

GtkWidget *
moat_workshop_history_new (void)
{
  return g_object_new (MOAT_TYPE_WORKSHOP_HISTORY, NULL);
}
