/* moat-format-private.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the readers and writers of other tools' formats: reading
 * untrusted JSON one field at a time, with every surprise reported under
 * the path it was found at.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "moat-element.h"
#include "moat-format.h"
#include "moat-import-report.h"
#include "moat-model.h"
#include "moat-threat.h"

G_BEGIN_DECLS

/* Coordinates and sizes beyond this are clamped: nothing drawn on a
 * diagram is a million pixels away. */
#define MOAT_FORMAT_MAX_COORD 1000000.0
#define MOAT_FORMAT_MAX_SIZE  100000.0

/* One import in progress: the model being built and what was noticed. */
typedef struct
{
  MoatModel        *model;
  MoatImportReport *report;
  GHashTable       *ids;     /* every id handed out so far */
} MoatFormatReader;

void         moat_format_reader_init      (MoatFormatReader *reader,
                                           const char       *format_label,
                                           const char       *model_id);
void         moat_format_reader_clear     (MoatFormatReader *reader);
MoatModel   *moat_format_reader_finish    (MoatFormatReader  *reader,
                                           MoatImportReport **report);
char        *moat_format_reader_take_id   (MoatFormatReader *reader,
                                           const char       *wanted,
                                           const char       *path);
void         moat_format_reader_add       (MoatFormatReader *reader,
                                           gpointer          object);

char        *moat_format_node_text        (JsonNode         *node);
char        *moat_format_path             (const char       *parent,
                                           const char       *key);
char        *moat_format_path_index       (const char       *parent,
                                           const char       *key,
                                           guint             index);

const char  *moat_format_get_string       (MoatFormatReader *reader,
                                           JsonObject       *object,
                                           const char       *key,
                                           const char       *path);
gboolean     moat_format_get_boolean      (MoatFormatReader *reader,
                                           JsonObject       *object,
                                           const char       *key,
                                           const char       *path,
                                           gboolean         *value);
gboolean     moat_format_get_number       (MoatFormatReader *reader,
                                           JsonObject       *object,
                                           const char       *key,
                                           const char       *path,
                                           double           *value);
JsonObject  *moat_format_get_object       (MoatFormatReader *reader,
                                           JsonObject       *object,
                                           const char       *key,
                                           const char       *path);
JsonArray   *moat_format_get_array        (MoatFormatReader *reader,
                                           JsonObject       *object,
                                           const char       *key,
                                           const char       *path);
void         moat_format_report_invalid   (MoatFormatReader *reader,
                                           const char       *path,
                                           JsonNode         *node,
                                           const char       *expected);
void         moat_format_report_unknown   (MoatFormatReader *reader,
                                           JsonObject       *object,
                                           const char       *path,
                                           const char * const *known);

double       moat_format_clamp_coord      (MoatFormatReader *reader,
                                           double            value,
                                           const char       *path);
double       moat_format_clamp_size       (MoatFormatReader *reader,
                                           double            value,
                                           double            fallback,
                                           const char       *path);

gboolean     moat_format_is_placeholder   (const char       *text);
char        *moat_format_append_line      (const char       *text,
                                           const char       *label,
                                           const char       *value);
char        *moat_format_take_line        (const char       *text,
                                           const char       *label,
                                           char            **value);
char        *moat_format_control_title    (const char       *text);
char        *moat_format_mitigation_text  (GPtrArray        *controls);
GHashTable  *moat_format_index_controls   (MoatModel        *model);

const char  *moat_format_category_from_text  (const char    *text);
const char  *moat_format_category_methodology (const char   *category);
int          moat_format_category_index      (const char    *category);

int          moat_format_percent_to_scale (double            percent);
int          moat_format_scale_to_percent (int               scale);

gboolean     moat_format_text_is_empty    (const char       *text);
MoatElement *moat_format_nearest_element  (GPtrArray        *elements,
                                           const char       *diagram_id,
                                           double            x,
                                           double            y,
                                           double            within,
                                           gint64           *budget);
gboolean     moat_format_is_reference     (GType             type,
                                           const char       *field);
GHashTable  *moat_format_index_threats    (MoatModel        *model);
GPtrArray   *moat_format_sorted_list      (MoatModel        *model,
                                           GType             type);

/* For the writers. */
gboolean     moat_format_value_is_default (GParamSpec       *pspec,
                                           const GValue     *value);
char        *moat_format_object_path      (MoatObject       *object,
                                           const char       *field);
void         moat_format_report_fields    (MoatImportReport *report,
                                           MoatObject       *object,
                                           const char * const *carried);
void         moat_format_report_skipped   (MoatImportReport *report,
                                           MoatObject       *object,
                                           const char       *why);
void         moat_format_set_number       (JsonObject       *object,
                                           const char       *key,
                                           double            value);
char        *moat_format_generate         (JsonNode         *root);

/* For the Markdown and CSV writers (moat-format-tables.c). */
GPtrArray   *moat_format_list_in_order    (MoatModel          *model,
                                           GType               type);
GPtrArray   *moat_format_diagram_elements (MoatModel          *model,
                                           const char         *diagram_id);
const char  *moat_format_object_name      (MoatObject         *object);
char        *moat_format_join_names       (MoatModel          *model,
                                           const char * const *ids,
                                           const char         *separator);
char        *moat_format_controls_of      (GHashTable         *index,
                                           MoatThreat         *threat,
                                           const char         *separator);
char        *moat_format_diagrams_of      (MoatModel          *model,
                                           const char * const *element_ids,
                                           const char         *separator);
const char  *moat_format_enum_nick        (GType               type,
                                           int                 value);

const char  *moat_format_peek_string      (JsonObject       *object,
                                           const char       *key);
int          moat_format_compare_position (gconstpointer     a,
                                           gconstpointer     b);
void         moat_format_report_unjoined_flow (MoatFormatReader *reader,
                                               const char       *path,
                                               JsonObject       *holder,
                                               gboolean          in_diagram);

/* For the readers: a field of the model itself, which is not an edit. */
void         moat_format_model_set        (MoatModel        *model,
                                           const char       *field,
                                           const char       *value);

/* Markdown for a merge request or a wiki: "@name" pasted from a review
 * comment must not ping that person, so a zero-width space follows
 * the "@". */
#define MOAT_MARKDOWN_MENTION_BREAK "\xe2\x80\x8b"
gboolean moat_markdown_is_mention (const char *text,
                                   const char *p);

G_END_DECLS
