/* moat-workshop-view.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The facilitator drives the workshop from the keyboard (or a presenter's
 * clicker, which sends Page Up and Page Down). Single-letter keys act only
 * when nobody is typing, so the team's words never turn into commands.
 *
 * The presentation text scale is a CSS font size on this view alone: the
 * whole workshop grows, the rest of the application does not, and the
 * diagram keeps its own zoom.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "moat-canvas.h"
#include "moat-labels.h"
#include "moat-workshop-chooser.h"
#include "moat-workshop-history.h"
#include "moat-workshop-recorder.h"
#include "moat-workshop-context.h"
#include "moat-workshop-reflection.h"
#include "moat-workshop-roadmap.h"
#include "moat-workshop-threats.h"
#include "moat-workshop-timer.h"
#include "moat-workshop-view.h"
#include "moat-limits.h"

/* The stepper stays on one line at 1280 pixels: it grows less than the
 * rest of the text. */
#define STEPPER_MAX_SCALE 1.3
#define DEFAULT_TEXT_SCALE 1.6
#define ICON_SIZE 16

static const struct {
  const char *name;
  const char *title;
} stages[MOAT_WORKSHOP_N_STAGES] = {
  { "context", N_("Business context") },
  { "architecture", N_("Architecture") },
  { "threats", N_("Threats") },
  { "controls", N_("Controls and roadmap") },
  { "reflection", N_("Reflection") },
};

struct _MoatWorkshopView
{
  GtkWidget             parent_instance;

  MoatModel            *model;
  GSettings            *settings;
  MoatWorkshopRecorder *recorder;
  MoatRuleEngine       *engine;
  GtkCssProvider       *css;
  GtkWidget            *stage_buttons[MOAT_WORKSHOP_N_STAGES];
  GtkWidget            *canvas;
  GtkWidget            *focus_before_capture;
  MoatWorkshopCapture   capture_kind;
  char                 *pending_text;     /* a control waiting for its threat */
  MoatWorkshopStage     stage;

  /* template children; main_box holds them all */
  GtkWidget              *main_box;
  GtkLabel               *model_label;
  MoatWorkshopTimer      *timer;
  GtkBox                 *stepper;
  GtkStack               *stage_stack;
  MoatWorkshopContext    *context_stage;
  MoatWorkshopThreats    *threats_stage;
  MoatWorkshopRoadmap    *roadmap_stage;
  MoatWorkshopReflection *reflection_stage;
  GtkDropDown            *diagram_dropdown;
  GtkBox                 *diagram_bar;
  AdwBin                 *canvas_bin;
  GtkRevealer            *capture_revealer;
  MoatWorkshopChooser    *chooser;
  GtkWidget              *entry_box;
  GtkLabel               *capture_label;
  GtkEntry               *capture_entry;
  GtkLabel               *hint_label;
};

G_DEFINE_FINAL_TYPE (MoatWorkshopView, moat_workshop_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ENGINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Text scale                                                          */

static void
apply_text_scale (MoatWorkshopView *self)
{
  double scale = self->settings ? g_settings_get_double (self->settings, "presentation-text-scale")
                                : DEFAULT_TEXT_SCALE;
  double stepper = MIN (scale, STEPPER_MAX_SCALE) / scale;
  g_autofree char *css = NULL;

  /* Percentages are relative to the parent; the stepper's is relative to
   * the view's, so it undoes part of the scale. */
  css = g_strdup_printf (".moat-workshop { font-size: %d%%; }\n"
                         ".moat-workshop .workshop-stepper { font-size: %d%%; }\n"
                         ".moat-workshop image { -gtk-icon-size: %dpx; }\n",
                         (int) (scale * 100 + 0.5), (int) (stepper * 100 + 0.5),
                         (int) (ICON_SIZE * scale + 0.5));
  gtk_css_provider_load_from_data (self->css, css, -1);
}

static void
install_css (MoatWorkshopView *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  apply_text_scale (self);
}

/* ------------------------------------------------------------------ */
/* Stages                                                              */

static void
show_hints (MoatWorkshopView *self)
{
  const char *hints;

  if (self->stage == MOAT_WORKSHOP_STAGE_THREATS)
    hints = _("T threat · C control · A assumption · Q question · N, P next or previous element · "
              "R reviewed · Page Up, Page Down stage · Ctrl+Escape leave");
  else
    hints = _("T threat · C control · A assumption · Q question · "
              "Page Up, Page Down stage · Ctrl+Escape leave");
  gtk_label_set_text (self->hint_label, hints);
}

MoatWorkshopStage
moat_workshop_view_get_stage (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), 0);

  return self->stage;
}

void
moat_workshop_view_set_stage (MoatWorkshopView  *self,
                              MoatWorkshopStage  stage)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_VIEW (self));
  g_return_if_fail (stage < MOAT_WORKSHOP_N_STAGES);

  if (self->stage == MOAT_WORKSHOP_STAGE_REFLECTION && stage != self->stage)
    moat_workshop_reflection_commit (self->reflection_stage);
  self->stage = stage;
  gtk_stack_set_visible_child_name (self->stage_stack, stages[stage].name);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->stage_buttons[stage]), TRUE);
  show_hints (self);
}

/**
 * moat_workshop_view_step:
 * @delta: +1 for the next stage, -1 for the previous one
 *
 * Returns: %TRUE if there was a stage to go to
 */
gboolean
moat_workshop_view_step (MoatWorkshopView *self,
                         int               delta)
{
  int stage;

  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), FALSE);

  stage = (int) self->stage + delta;
  if (stage < 0 || stage >= MOAT_WORKSHOP_N_STAGES)
    return FALSE;
  moat_workshop_view_set_stage (self, stage);
  return TRUE;
}

/**
 * moat_workshop_view_get_stage_widget:
 *
 * Returns: (transfer none): the widget that shows @stage
 */
GtkWidget *
moat_workshop_view_get_stage_widget (MoatWorkshopView  *self,
                                     MoatWorkshopStage  stage)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);
  g_return_val_if_fail (stage < MOAT_WORKSHOP_N_STAGES, NULL);

  return gtk_stack_get_child_by_name (self->stage_stack, stages[stage].name);
}

static void
on_stage_toggled (GtkToggleButton  *button,
                  MoatWorkshopView *self)
{
  MoatWorkshopStage stage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "stage"));

  if (gtk_toggle_button_get_active (button) && stage != self->stage)
    moat_workshop_view_set_stage (self, stage);
}

static void
build_stepper (MoatWorkshopView *self)
{
  GtkToggleButton *group = NULL;

  for (guint i = 0; i < MOAT_WORKSHOP_N_STAGES; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *number_label = gtk_label_new (number);
      GtkWidget *title = gtk_label_new (_(stages[i].title));
      /* Translators: a workshop stage, as in "Stage 3: Threats" */
      g_autofree char *spoken = g_strdup_printf (_("Stage %u: %s"), i + 1, _(stages[i].title));

      gtk_widget_add_css_class (number_label, "stage-number");
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), number_label);
      gtk_box_append (GTK_BOX (box), title);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_focus_on_click (button, FALSE);
      /* Not homogeneous: a long stage name takes the room a short one
       * leaves, so none is cut off at 1280 pixels. */
      gtk_widget_set_hexpand (button, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      gtk_widget_set_tooltip_text (button, spoken);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_object_set_data (G_OBJECT (button), "stage", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (on_stage_toggled), self);
      gtk_box_append (self->stepper, button);
      self->stage_buttons[i] = button;
    }
}

/* ------------------------------------------------------------------ */
/* Architecture                                                        */

static void
on_diagram_selected (MoatWorkshopView *self)
{
  MoatDiagram *diagram = gtk_drop_down_get_selected_item (self->diagram_dropdown);

  moat_canvas_set_diagram_id (MOAT_CANVAS (self->canvas),
                              diagram ? moat_object_get_id (MOAT_OBJECT (diagram)) : NULL);
  moat_workshop_canvas_frame (self->canvas, NULL);
}

/* The canvas's own tools, for drawing while the team talks. */
static const struct {
  MoatCanvasTool  tool;
  const char     *icon_name;
  const char     *label;
} tools[] = {
  { MOAT_CANVAS_TOOL_SELECT, "moat-tool-select-symbolic", N_("Select") },
  { MOAT_CANVAS_TOOL_ACTOR, "moat-tool-actor-symbolic", N_("External Actor") },
  { MOAT_CANVAS_TOOL_PROCESS, "moat-tool-process-symbolic", N_("Process") },
  { MOAT_CANVAS_TOOL_STORE, "moat-tool-store-symbolic", N_("Data Store") },
  { MOAT_CANVAS_TOOL_FLOW, "moat-tool-flow-symbolic", N_("Data Flow") },
  { MOAT_CANVAS_TOOL_BOUNDARY, "moat-tool-boundary-symbolic", N_("Trust Boundary") },
  { MOAT_CANVAS_TOOL_NOTE, "moat-tool-note-symbolic", N_("Note") },
};

static void
on_tool_toggled (GtkToggleButton  *button,
                 MoatWorkshopView *self)
{
  MoatCanvasTool tool = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tool"));

  if (gtk_toggle_button_get_active (button) && moat_canvas_get_tool (MOAT_CANVAS (self->canvas)) != tool)
    moat_canvas_set_tool (MOAT_CANVAS (self->canvas), tool);
}

static void
on_canvas_tool (MoatWorkshopView *self)
{
  MoatCanvasTool tool = moat_canvas_get_tool (MOAT_CANVAS (self->canvas));
  GtkWidget *box = g_object_get_data (G_OBJECT (self->canvas), "workshop-tools");

  for (GtkWidget *button = gtk_widget_get_first_child (box); button; button = gtk_widget_get_next_sibling (button))
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tool")) == tool)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

static void
build_tools (MoatWorkshopView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *group = NULL;

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing tools"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (button), tools[i].icon_name);
      gtk_widget_set_tooltip_text (button, _(tools[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(tools[i].label), -1);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "tool", GUINT_TO_POINTER (tools[i].tool));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (on_tool_toggled), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_box_append (self->diagram_bar, box);
  g_object_set_data (G_OBJECT (self->canvas), "workshop-tools", box);
  g_signal_connect_object (self->canvas, "notify::tool", G_CALLBACK (on_canvas_tool), self, G_CONNECT_SWAPPED);
  on_canvas_tool (self);
}

static void
bind_diagrams (MoatWorkshopView *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  GtkSorter *sorter;

  moat_canvas_set_model (MOAT_CANVAS (self->canvas), self->model);
  if (self->model == NULL)
    {
      gtk_drop_down_set_model (self->diagram_dropdown, NULL);
      return;
    }
  sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (MOAT_TYPE_DIAGRAM, NULL, "position")));
  sorted = gtk_sort_list_model_new (g_object_ref (moat_model_get_list (self->model, MOAT_TYPE_DIAGRAM)),
                                    sorter);
  gtk_drop_down_set_model (self->diagram_dropdown, G_LIST_MODEL (sorted));
  gtk_drop_down_set_selected (self->diagram_dropdown, 0);
  on_diagram_selected (self);
}

/* ------------------------------------------------------------------ */
/* Quick capture                                                       */

/* The element a captured item belongs to: the one being walked through
 * in stage 3, the one picked on the diagram in stage 2, else none (the
 * item belongs to the model). */
static MoatElement *
capture_element (MoatWorkshopView *self)
{
  g_autoptr(GPtrArray) selection = NULL;

  if (self->stage == MOAT_WORKSHOP_STAGE_THREATS)
    return moat_workshop_threats_get_element (self->threats_stage);
  if (self->stage != MOAT_WORKSHOP_STAGE_ARCHITECTURE)
    return NULL;
  selection = moat_canvas_get_selection (MOAT_CANVAS (self->canvas));
  return selection != NULL && selection->len == 1 ? selection->pdata[0] : NULL;
}

static char *
capture_prompt (MoatWorkshopView *self)
{
  MoatElement *element = capture_element (self);
  const char *name = element ? moat_element_get_name (element) : NULL;

  if (name == NULL || name[0] == '\0')
    {
      switch (self->capture_kind)
        {
        case MOAT_WORKSHOP_CAPTURE_THREAT:
          return g_strdup (_("New threat"));
        case MOAT_WORKSHOP_CAPTURE_CONTROL:
          return g_strdup (_("New control"));
        case MOAT_WORKSHOP_CAPTURE_ASSUMPTION:
          return g_strdup (_("New assumption"));
        case MOAT_WORKSHOP_CAPTURE_QUESTION:
        default:
          return g_strdup (_("New open question"));
        }
    }
  switch (self->capture_kind)
    {
    case MOAT_WORKSHOP_CAPTURE_THREAT:
      return g_strdup_printf (_("New threat to “%s”"), name);
    case MOAT_WORKSHOP_CAPTURE_CONTROL:
      return g_strdup_printf (_("New control for “%s”"), name);
    case MOAT_WORKSHOP_CAPTURE_ASSUMPTION:
      return g_strdup_printf (_("New assumption about “%s”"), name);
    case MOAT_WORKSHOP_CAPTURE_QUESTION:
    default:
      return g_strdup_printf (_("New open question about “%s”"), name);
    }
}

/**
 * moat_workshop_view_capture:
 *
 * Opens the one-line entry that adds a @kind of item.
 */
void
moat_workshop_view_capture (MoatWorkshopView    *self,
                            MoatWorkshopCapture  kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *prompt = NULL;

  g_return_if_fail (MOAT_IS_WORKSHOP_VIEW (self));

  if (self->model == NULL)
    return;
  self->capture_kind = kind;
  prompt = capture_prompt (self);
  gtk_label_set_text (self->capture_label, prompt);
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
  if (!gtk_revealer_get_reveal_child (self->capture_revealer))
    g_set_weak_pointer (&self->focus_before_capture, root ? gtk_root_get_focus (root) : NULL);
  gtk_revealer_set_reveal_child (self->capture_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
}

gboolean
moat_workshop_view_get_capturing (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->capture_revealer);
}

/**
 * moat_workshop_view_get_capture_entry:
 *
 * Returns: (transfer none): the quick-capture entry
 */
GtkWidget *
moat_workshop_view_get_capture_entry (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);

  return GTK_WIDGET (self->capture_entry);
}

static void
show_chooser (MoatWorkshopView *self,
              gboolean          shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->chooser), shown);
  gtk_widget_set_visible (self->entry_box, !shown);
}

static void
close_capture (MoatWorkshopView *self)
{
  g_clear_pointer (&self->pending_text, g_free);
  show_chooser (self, FALSE);
  gtk_revealer_set_reveal_child (self->capture_revealer, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), "");
  if (self->focus_before_capture != NULL && gtk_widget_get_mapped (self->focus_before_capture))
    gtk_widget_grab_focus (self->focus_before_capture);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
  g_clear_weak_pointer (&self->focus_before_capture);
}

static void
toast (MoatWorkshopView *self,
       const char       *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* The threat in focus in stage 3: the one picked in its list. */
static MoatThreat *
focused_threat (MoatWorkshopView *self)
{
  if (self->stage != MOAT_WORKSHOP_STAGE_THREATS)
    return NULL;
  return moat_workshop_threats_get_selected_threat (self->threats_stage);
}

static const char **
one_id (const char **ids,
        gpointer     object)
{
  ids[0] = object ? moat_object_get_id (MOAT_OBJECT (object)) : NULL;
  ids[1] = NULL;
  return ids;
}

/* A control addresses @threat; an assumption is about the element in
 * focus, and the threat in focus relies on it too. */
static MoatObject *
make_item (MoatWorkshopView *self,
           const char       *text,
           MoatThreat       *threat)
{
  MoatElement *element = capture_element (self);
  const char *element_ids[2], *threat_ids[2];
  MoatObject *item;

  one_id (element_ids, element);
  one_id (threat_ids, threat);
  switch (self->capture_kind)
    {
    case MOAT_WORKSHOP_CAPTURE_THREAT:
      item = MOAT_OBJECT (moat_threat_new ());
      g_object_set (item, "title", text, "element-ids", element_ids, NULL);
      return item;

    case MOAT_WORKSHOP_CAPTURE_CONTROL:
      item = MOAT_OBJECT (moat_control_new ());
      g_object_set (item, "title", text, "threat-ids", threat_ids, NULL);
      return item;

    case MOAT_WORKSHOP_CAPTURE_ASSUMPTION:
    case MOAT_WORKSHOP_CAPTURE_QUESTION:
    default:
      item = MOAT_OBJECT (moat_assumption_new ());
      g_object_set (item,
                    "statement", text,
                    "element-ids", element_ids,
                    "threat-ids", threat_ids,
                    "kind", self->capture_kind == MOAT_WORKSHOP_CAPTURE_QUESTION
                            ? MOAT_ASSUMPTION_KIND_QUESTION : MOAT_ASSUMPTION_KIND_ASSUMPTION,
                    NULL);
      return item;
    }
}

static int
compare_inherent (gconstpointer a,
                  gconstpointer b,
                  gpointer      model)
{
  MoatRiskAssessment x, y;

  moat_risk_assess (model, *(MoatThreat **) a, &x);
  moat_risk_assess (model, *(MoatThreat **) b, &y);
  if (x.level != y.level)
    return y.level - x.level;
  return y.likelihood * y.impact - x.likelihood * x.impact;
}

/* The open threats on @element, the worst (inherent) first. */
static GPtrArray *
open_threats_on (MoatModel   *model,
                 MoatElement *element)
{
  GListModel *threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  const char *id = moat_object_get_id (MOAT_OBJECT (element));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);
      const char * const *ids = moat_threat_get_element_ids (threat);

      if (ids != NULL && g_strv_contains (ids, id) && moat_risk_threat_is_open (threat))
        g_ptr_array_add (out, g_steal_pointer (&threat));
    }
  g_ptr_array_sort_with_data (out, compare_inherent, model);
  return out;
}

static const char *
added_message (MoatWorkshopCapture kind)
{
  switch (kind)
    {
    case MOAT_WORKSHOP_CAPTURE_THREAT:
      return _("Threat added");
    case MOAT_WORKSHOP_CAPTURE_CONTROL:
      return _("Control added");
    case MOAT_WORKSHOP_CAPTURE_ASSUMPTION:
      return _("Assumption added");
    case MOAT_WORKSHOP_CAPTURE_QUESTION:
    default:
      return _("Open question added");
    }
}

static void
add_item (MoatWorkshopView *self,
          const char       *text,
          MoatThreat       *threat)
{
  g_autoptr(MoatObject) item = make_item (self, text, threat);
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  moat_model_add (self->model, item);
  if (self->capture_kind != MOAT_WORKSHOP_CAPTURE_CONTROL || threat == NULL)
    {
      toast (self, added_message (self->capture_kind));
      return;
    }
  /* The room sees what the control was linked to. */
  title = moat_label_object_title (MOAT_OBJECT (threat));
  /* Translators: %s is a threat's title */
  message = g_strdup_printf (_("Control added against “%s”"), title);
  toast (self, message);
}

/* A control with no threat in focus: asks which of the element's open
 * threats it addresses, when it has any. */
static gboolean
ask_threat (MoatWorkshopView *self,
            const char       *text)
{
  MoatElement *element = capture_element (self);
  g_autoptr(GPtrArray) threats = NULL;

  if (self->capture_kind != MOAT_WORKSHOP_CAPTURE_CONTROL || element == NULL || focused_threat (self) != NULL)
    return FALSE;
  threats = open_threats_on (self->model, element);
  if (threats->len == 0)
    return FALSE;

  g_free (self->pending_text);
  self->pending_text = g_strdup (text);
  show_chooser (self, TRUE);
  moat_workshop_chooser_ask (self->chooser, self->model, threats, text);
  return TRUE;
}

static void
on_capture_activate (MoatWorkshopView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->capture_entry))));

  if (text[0] != '\0' && self->model != NULL)
    {
      if (ask_threat (self, text))
        return;
      add_item (self, text, focused_threat (self));
    }
  close_capture (self);
}

static void
on_threat_chosen (MoatWorkshopView *self,
                  MoatThreat       *threat)
{
  if (self->pending_text != NULL && self->model != NULL)
    add_item (self, self->pending_text, threat);
  close_capture (self);
}

/* Escape in the chooser: back to the words, which are kept. */
static void
on_chooser_cancelled (MoatWorkshopView *self)
{
  g_autofree char *text = g_steal_pointer (&self->pending_text);

  show_chooser (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->capture_entry), text ? text : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->capture_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->capture_entry), -1);
}

/**
 * moat_workshop_view_get_chooser:
 *
 * Returns: (transfer none): the question "which threat does this control
 *   address?", shown in the capture box when needed
 */
GtkWidget *
moat_workshop_view_get_chooser (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);

  return GTK_WIDGET (self->chooser);
}

static gboolean
on_capture_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MoatWorkshopView      *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  close_capture (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */

static gboolean
is_typing (MoatWorkshopView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

/* Escape belongs to the canvas while it is in the middle of something:
 * a drag, a drawing tool, a rename. */
static gboolean
canvas_wants_escape (MoatWorkshopView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *canvas = focus ? gtk_widget_get_ancestor (focus, MOAT_TYPE_CANVAS) : NULL;

  return canvas != NULL
         && (moat_canvas_is_dragging (MOAT_CANVAS (canvas))
             || moat_canvas_get_tool (MOAT_CANVAS (canvas)) != MOAT_CANVAS_TOOL_SELECT
             || moat_canvas_get_renaming (MOAT_CANVAS (canvas)) != NULL);
}

/* R in the threats stage: the group has been through this element's
 * threats. */
static gboolean
mark_reviewed (MoatWorkshopView *self)
{
  MoatElement *element = moat_workshop_threats_get_element (self->threats_stage);

  if (self->stage != MOAT_WORKSHOP_STAGE_THREATS || element == NULL)
    return FALSE;
  moat_review_mark (self->model, &element, 1, TRUE);
  return TRUE;
}

static gboolean
capture_key (MoatWorkshopView *self,
             guint             keyval)
{
  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_t:
      moat_workshop_view_capture (self, MOAT_WORKSHOP_CAPTURE_THREAT);
      return TRUE;
    case GDK_KEY_c:
      moat_workshop_view_capture (self, MOAT_WORKSHOP_CAPTURE_CONTROL);
      return TRUE;
    case GDK_KEY_a:
      moat_workshop_view_capture (self, MOAT_WORKSHOP_CAPTURE_ASSUMPTION);
      return TRUE;
    case GDK_KEY_q:
      moat_workshop_view_capture (self, MOAT_WORKSHOP_CAPTURE_QUESTION);
      return TRUE;
    case GDK_KEY_n:
      return self->stage == MOAT_WORKSHOP_STAGE_THREATS
             && moat_workshop_threats_step (self->threats_stage, +1);
    case GDK_KEY_p:
      return self->stage == MOAT_WORKSHOP_STAGE_THREATS
             && moat_workshop_threats_step (self->threats_stage, -1);
    case GDK_KEY_r:
      return mark_reviewed (self);
    default:
      return FALSE;
    }
}

/* The keys a presenter's clicker sends to move on or back: the view sees
 * them first, so a focused timer button or list never takes them. */
static int
stage_step_for_key (guint           keyval,
                    GdkModifierType modifiers)
{
  gboolean plain = modifiers == 0;

  if ((keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_space) && plain)
    return +1;
  if (keyval == GDK_KEY_Page_Up && plain)
    return -1;
  if (keyval == GDK_KEY_Right && (plain || modifiers == GDK_CONTROL_MASK))
    return +1;
  if (keyval == GDK_KEY_Left && (plain || modifiers == GDK_CONTROL_MASK))
    return -1;
  return 0;
}

/* Escape leaves a text field or a canvas gesture, never the workshop:
 * clickers send it (and F5) on their own. Ctrl+Escape or the Leave
 * button end the session. */
static gboolean
handle_escape (MoatWorkshopView *self,
               GdkModifierType   modifiers)
{
  if (modifiers == GDK_CONTROL_MASK)
    {
      g_signal_emit (self, signals[SIGNAL_LEAVE], 0);
      return TRUE;
    }
  if (modifiers != 0 || canvas_wants_escape (self))
    return FALSE;
  if (is_typing (self))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MoatWorkshopView      *self)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  int step;

  if (self->model == NULL || moat_workshop_view_get_capturing (self))
    return FALSE;
  if (keyval == GDK_KEY_Escape)
    return handle_escape (self, modifiers);
  if (is_typing (self))
    return FALSE;

  /* At the first or last stage the key still belongs to the stepper. */
  step = stage_step_for_key (keyval, modifiers);
  if (step != 0)
    {
      moat_workshop_view_step (self, step);
      return TRUE;
    }
  if ((modifiers & ~GDK_SHIFT_MASK) == 0)
    return capture_key (self, keyval);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Starting and ending                                                 */

/* When the focused widget goes away or turns insensitive (the timer's −
 * at its minimum, a button on a stage left behind), GTK leaves the window
 * without focus and key presses no longer pass through the view: the
 * presenter's keys would go dead until someone clicks. */
static void
on_window_focus_changed (MoatWorkshopView *self,
                         GParamSpec       *pspec,
                         GtkWindow        *window)
{
  if (self->model != NULL && gtk_window_get_focus (window) == NULL
      && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
watch_window_focus (MoatWorkshopView *self,
                    gboolean          watch)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root))
    return;
  if (watch)
    g_signal_connect_object (root, "notify::focus-widget",
                             G_CALLBACK (on_window_focus_changed), self, G_CONNECT_SWAPPED);
  else
    g_signal_handlers_disconnect_by_func (root, on_window_focus_changed, self);
}

static void
on_timer_warn (MoatWorkshopView *self)
{
  gint64 minutes = (moat_workshop_timer_get_remaining (self->timer) + 59) / 60;
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("%d minute left in this workshop", "%d minutes left in this workshop",
                                    (int) minutes),
                          (int) minutes);
  toast (self, text);
}

static void
show_model_title (MoatWorkshopView *self)
{
  const char *title = self->model ? moat_model_get_title (self->model) : NULL;

  gtk_label_set_text (self->model_label, title && title[0] ? title : _("Untitled Model"));
}

/* The stages follow the model and the engine through the bindings of the
 * view's template. */
static void
set_stages_model (MoatWorkshopView *self,
                  MoatModel        *model)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
  moat_workshop_reflection_set_session (self->reflection_stage,
                                              self->recorder
                                              ? moat_workshop_recorder_get_session (self->recorder)
                                              : NULL);
  bind_diagrams (self);
}

/* The window may share the engine its panels use; otherwise the workshop
 * keeps one of its own for as long as it runs. */
static void
ensure_engine (MoatWorkshopView *self)
{
  g_autoptr(MoatRuleSet) rules = NULL;

  if (self->engine != NULL && moat_rule_engine_get_model (self->engine) == self->model)
    return;
  g_clear_object (&self->engine);
  rules = moat_rule_set_new_default (NULL);
  self->engine = moat_rule_engine_new (self->model, rules);
}

void
moat_workshop_view_set_engine (MoatWorkshopView *self,
                               MoatRuleEngine   *engine)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_VIEW (self));

  if (g_set_object (&self->engine, engine) && self->model != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

/**
 * moat_workshop_view_get_model:
 *
 * Returns: (transfer none) (nullable): the model of the workshop under
 *   way, or %NULL between workshops
 */
MoatModel *
moat_workshop_view_get_model (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);

  return self->model;
}

/**
 * moat_workshop_view_get_engine:
 *
 * Returns: (transfer none) (nullable): the rule engine that suggests
 *   threats during the workshop under way
 */
MoatRuleEngine *
moat_workshop_view_get_engine (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);

  return self->model != NULL ? self->engine : NULL;
}

/**
 * moat_workshop_view_start:
 * @settings: (nullable): the application's settings, for the text scale
 *   and the length of a workshop
 *
 * Starts a workshop on @model at its first stage, and records it in the
 * model as a new session.
 */
void
moat_workshop_view_start (MoatWorkshopView *self,
                          MoatModel        *model,
                          GSettings        *settings)
{
  int minutes;

  g_return_if_fail (MOAT_IS_WORKSHOP_VIEW (self));
  g_return_if_fail (MOAT_IS_MODEL (model));
  g_return_if_fail (self->model == NULL);

  self->model = g_object_ref (model);
  if (g_set_object (&self->settings, settings) && settings != NULL)
    g_signal_connect_object (settings, "changed::presentation-text-scale",
                             G_CALLBACK (apply_text_scale), self, G_CONNECT_SWAPPED);
  apply_text_scale (self);
  minutes = settings ? g_settings_get_int (settings, "workshop-minutes") : 30;

  ensure_engine (self);
  self->recorder = moat_workshop_recorder_new (model, minutes);
  g_signal_connect_object (model, "notify::title", G_CALLBACK (show_model_title), self, G_CONNECT_SWAPPED);
  show_model_title (self);
  set_stages_model (self, model);
  moat_workshop_timer_set_planned_minutes (self->timer, minutes);
  moat_workshop_timer_start (self->timer);
  moat_workshop_view_set_stage (self, MOAT_WORKSHOP_STAGE_CONTEXT);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  watch_window_focus (self, TRUE);
}

/**
 * moat_workshop_view_stop:
 *
 * Ends the workshop: what was typed is kept, and the session gets its
 * duration and the summary of what changed.
 */
void
moat_workshop_view_stop (MoatWorkshopView *self)
{
  g_return_if_fail (MOAT_IS_WORKSHOP_VIEW (self));

  if (self->model == NULL)
    return;
  watch_window_focus (self, FALSE);
  /* Whatever was typed is kept; a control still waiting for its threat
   * is kept with none. */
  if (self->pending_text != NULL)
    on_threat_chosen (self, NULL);
  else if (moat_workshop_view_get_capturing (self))
    on_capture_activate (self);
  moat_workshop_reflection_commit (self->reflection_stage);
  moat_workshop_timer_stop (self->timer);
  moat_workshop_recorder_finish (self->recorder,
                                 self->stage,
                                 moat_workshop_timer_get_planned_minutes (self->timer));

  g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->recorder);
  g_clear_object (&self->engine);
  g_clear_object (&self->model);
  set_stages_model (self, NULL);
}

gboolean
moat_workshop_view_get_active (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), FALSE);

  return self->model != NULL;
}

/**
 * moat_workshop_view_get_session:
 *
 * Returns: (transfer none) (nullable): the session being recorded
 */
MoatWorkshopSession *
moat_workshop_view_get_session (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);

  return self->recorder ? moat_workshop_recorder_get_session (self->recorder) : NULL;
}

/**
 * moat_workshop_view_get_timer:
 *
 * Returns: (transfer none): the session timer
 */
GtkWidget *
moat_workshop_view_get_timer (MoatWorkshopView *self)
{
  g_return_val_if_fail (MOAT_IS_WORKSHOP_VIEW (self), NULL);

  return GTK_WIDGET (self->timer);
}

void
moat_workshop_view_show_history (MoatWorkshopView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (MOAT_IS_WORKSHOP_VIEW (self));

  if (self->model != NULL)
    moat_workshop_history_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->model);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_LEAVE], 0);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  moat_workshop_view_show_history (MOAT_WORKSHOP_VIEW (widget));
}

/* ------------------------------------------------------------------ */

static void
moat_workshop_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (moat_workshop_view_parent_class)->realize (widget);
  install_css (MOAT_WORKSHOP_VIEW (widget));
}

static void
moat_workshop_view_unrealize (GtkWidget *widget)
{
  MoatWorkshopView *self = MOAT_WORKSHOP_VIEW (widget);

  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (widget),
                                                 GTK_STYLE_PROVIDER (self->css));
  GTK_WIDGET_CLASS (moat_workshop_view_parent_class)->unrealize (widget);
}

static void
moat_workshop_view_dispose (GObject *object)
{
  MoatWorkshopView *self = MOAT_WORKSHOP_VIEW (object);

  moat_workshop_view_stop (self);
  g_clear_weak_pointer (&self->focus_before_capture);
  g_clear_pointer (&self->pending_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MOAT_TYPE_WORKSHOP_VIEW);
  g_clear_object (&self->settings);
  g_clear_object (&self->engine);
  g_clear_object (&self->css);

  G_OBJECT_CLASS (moat_workshop_view_parent_class)->dispose (object);
}

static void
moat_workshop_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MoatWorkshopView *self = MOAT_WORKSHOP_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, moat_workshop_view_get_model (self));
      break;
    case PROP_ENGINE:
      g_value_set_object (value, moat_workshop_view_get_engine (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
moat_workshop_view_class_init (MoatWorkshopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = moat_workshop_view_dispose;
  object_class->get_property = moat_workshop_view_get_property;
  widget_class->realize = moat_workshop_view_realize;
  widget_class->unrealize = moat_workshop_view_unrealize;

  /**
   * MoatWorkshopView::leave:
   *
   * Emitted when the facilitator asks to leave the workshop, with Escape
   * or the Leave button. Whoever showed the view ends it.
   */
  signals[SIGNAL_LEAVE] =
    g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MoatWorkshopView:model:
   *
   * The model of the workshop under way, handed down to the stages.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MOAT_TYPE_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MoatWorkshopView:engine:
   *
   * The rule engine suggesting threats during the workshop under way.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, MOAT_TYPE_RULE_ENGINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "workshop.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "workshop.history", NULL, history_action);

  g_type_ensure (MOAT_TYPE_WORKSHOP_TIMER);
  g_type_ensure (MOAT_TYPE_WORKSHOP_CHOOSER);
  g_type_ensure (MOAT_TYPE_WORKSHOP_CONTEXT);
  g_type_ensure (MOAT_TYPE_WORKSHOP_THREATS);
  g_type_ensure (MOAT_TYPE_WORKSHOP_ROADMAP);
  g_type_ensure (MOAT_TYPE_WORKSHOP_REFLECTION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/workshop/moat-workshop-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, main_box);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, model_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, timer);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, stepper);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, stage_stack);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, context_stage);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, threats_stage);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, roadmap_stage);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, reflection_stage);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, diagram_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, diagram_bar);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, canvas_bin);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, capture_revealer);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, chooser);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, entry_box);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, capture_label);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, capture_entry);
  gtk_widget_class_bind_template_child (widget_class, MoatWorkshopView, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_threat_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_chooser_cancelled);
  gtk_widget_class_bind_template_callback (widget_class, on_timer_warn);
}

static void
add_key_controllers (MoatWorkshopView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *capture_keys = gtk_event_controller_key_new ();

  /* Before the stage's own widgets, so a letter on the diagram is a
   * capture and not a drawing tool. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (capture_keys, "key-pressed", G_CALLBACK (on_capture_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->capture_entry), capture_keys);
}

static void
moat_workshop_view_init (MoatWorkshopView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_entry_set_max_length (self->capture_entry, MOAT_TEXT_SHORT_MAX);
  self->css = gtk_css_provider_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  build_stepper (self);
  add_key_controllers (self);

  self->canvas = moat_workshop_canvas_new ();
  adw_bin_set_child (self->canvas_bin, self->canvas);
  build_tools (self);
  g_signal_connect_swapped (self->diagram_dropdown, "notify::selected",
                            G_CALLBACK (on_diagram_selected), self);
  gtk_drop_down_set_expression (self->diagram_dropdown,
                                gtk_property_expression_new (MOAT_TYPE_DIAGRAM, NULL, "title"));
  moat_workshop_view_set_stage (self, MOAT_WORKSHOP_STAGE_CONTEXT);
}
