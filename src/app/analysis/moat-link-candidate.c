/* moat-link-candidate.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-link-candidate.h"

struct _MoatLinkCandidate
{
  GtkBox     parent_instance;

  GtkLabel  *title;
  GtkLabel  *subtitle;
};

G_DEFINE_FINAL_TYPE (MoatLinkCandidate, moat_link_candidate, GTK_TYPE_BOX)

GtkWidget *
moat_link_candidate_new (void)
{
  return g_object_new (MOAT_TYPE_LINK_CANDIDATE, NULL);
}

/**
 * moat_link_candidate_show:
 * @subtitle: (nullable): what sets the candidate apart
 */
void
moat_link_candidate_show (MoatLinkCandidate *self,
                          const char        *title,
                          const char        *subtitle)
{
  g_return_if_fail (MOAT_IS_LINK_CANDIDATE (self));

  gtk_label_set_label (self->title, title);
  gtk_label_set_label (self->subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
moat_link_candidate_class_init (MoatLinkCandidateClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/moatmodel/Moat/analysis/moat-link-candidate.ui");
  gtk_widget_class_bind_template_child (widget_class, MoatLinkCandidate, title);
  gtk_widget_class_bind_template_child (widget_class, MoatLinkCandidate, subtitle);
}

static void
moat_link_candidate_init (MoatLinkCandidate *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
