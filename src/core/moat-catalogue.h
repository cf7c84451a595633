/* moat-catalogue.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "moat-condition.h"
#include "moat-model.h"

G_BEGIN_DECLS

#define MOAT_TYPE_CATALOGUE (moat_catalogue_get_type ())

/* A requirement catalogue: OWASP ASVS, or a team's own standard, as data
 * (resources/knowledge/README.md). Controls name its requirements as
 * "catalogue:requirement" (asvs:V6.3.1). A catalogue does not change once
 * loaded. */
G_DECLARE_FINAL_TYPE (MoatCatalogue, moat_catalogue, MOAT, CATALOGUE, GObject)

#define MOAT_CATALOGUE_FORMAT_VERSION 1
#define MOAT_CATALOGUE_RESOURCE_PATH  "/io/github/moatmodel/Moat/knowledge/"

/* One requirement; owned by its catalogue, read only. */
typedef struct
{
  char *id;
  int   level;
  char *title;          /* (nullable): a short title */
  char *section_id;     /* (nullable) */
  char *section_title;  /* (nullable) */
  char *chapter_id;     /* (nullable) */
  char *chapter_title;  /* (nullable) */
  int   topic;          /* index of its topic, or -1: applies to every model */
} MoatRequirement;

MoatCatalogue         *moat_catalogue_new_from_data      (const char     *data,
                                                          gssize          length,
                                                          const char     *source,
                                                          GError        **error);
MoatCatalogue         *moat_catalogue_new_from_file      (GFile          *file,
                                                          GError        **error);
MoatCatalogue         *moat_catalogue_new_from_resource  (const char     *name,
                                                          GError        **error);

const char            *moat_catalogue_get_id             (MoatCatalogue  *self);
const char            *moat_catalogue_get_title          (MoatCatalogue  *self);
const char            *moat_catalogue_get_release        (MoatCatalogue  *self);
const char            *moat_catalogue_get_attribution    (MoatCatalogue  *self);
const char            *moat_catalogue_get_url            (MoatCatalogue  *self);
const char            *moat_catalogue_get_source         (MoatCatalogue  *self);
int                    moat_catalogue_get_max_level      (MoatCatalogue  *self);
gboolean               moat_catalogue_has_level          (MoatCatalogue  *self,
                                                          int             level);

guint                  moat_catalogue_get_n_requirements (MoatCatalogue  *self);
const MoatRequirement *moat_catalogue_get_requirement    (MoatCatalogue  *self,
                                                          guint           position);
const MoatRequirement *moat_catalogue_lookup             (MoatCatalogue  *self,
                                                          const char     *id);
GPtrArray             *moat_catalogue_search             (MoatCatalogue  *self,
                                                          const char     *text,
                                                          int             max_level);

guint                  moat_catalogue_get_n_topics       (MoatCatalogue  *self);
const char            *moat_catalogue_get_topic_id       (MoatCatalogue  *self,
                                                          guint           topic);
const char            *moat_catalogue_get_topic_title    (MoatCatalogue  *self,
                                                          guint           topic);
gboolean              *moat_catalogue_match_topics       (MoatCatalogue  *self,
                                                          MoatRuleContext *context);

char                  *moat_requirement_describe         (const MoatRequirement *requirement);

G_END_DECLS
