/* moat-cli.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-core.h"

G_BEGIN_DECLS

#define MOAT_CLI_CHECK_FAILED 1
#define MOAT_CLI_USAGE_ERROR  2

#define MOAT_CLI_ARGS_ANY G_MAXINT

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} MoatCliCommand;

/* moat-cli-common.c: what every command shares */
const char *moat_cli_exit_status_text (void);
gboolean   moat_cli_begin         (const char      *parameters,
                                   const char      *summary,
                                   const GOptionEntry *entries,
                                   int              n_args,
                                   int             *argc,
                                   char          ***argv,
                                   int             *status);
MoatModel *moat_cli_load_or_fail  (const char      *path,
                                   int             *status);
typedef char *(*MoatCliDescribeFunc) (MoatModel *model);
int        moat_cli_describe_model (int              argc,
                                    char           **argv,
                                    const char      *summary,
                                    MoatCliDescribeFunc text,
                                    MoatCliDescribeFunc json);
int        moat_cli_fail          (const GError    *error);
int        moat_cli_fail_message  (const char      *format,
                                   ...) G_GNUC_PRINTF (1, 2);
gboolean   moat_cli_parse         (GOptionContext  *context,
                                   int             *argc,
                                   char          ***argv,
                                   int              n_args,
                                   int             *status);
MoatStore *moat_cli_open          (const char      *path,
                                   GError         **error);
MoatModel *moat_cli_load          (const char      *path,
                                   GError         **error);
gboolean   moat_cli_write_output  (const char      *path,
                                   const char      *text,
                                   gsize            length,
                                   GError         **error);
void       moat_cli_print_report  (MoatImportReport *report);
char      *moat_cli_json_text     (JsonBuilder     *builder);
gboolean   moat_cli_parse_gate    (const char      *fail_on,
                                   const char      *basis_name,
                                   MoatRiskLevel   *level,
                                   MoatRiskBasis   *basis,
                                   int             *status);
void       moat_cli_json_add_string (JsonBuilder   *builder,
                                   const char      *name,
                                   const char      *value);
void       moat_cli_json_add_int  (JsonBuilder     *builder,
                                   const char      *name,
                                   gint64           value);

/* How many objects of @type have each value of the enumeration @field. */
typedef struct
{
  int         value;
  const char *nick;
  guint       count;
} MoatCliCount;

/* moat-cli-image.c */
gboolean   moat_cli_write_image   (MoatModel       *model,
                                   gboolean         svg,
                                   const char      *diagram_name,
                                   double           scale,
                                   const char      *path,
                                   GError         **error);

GArray    *moat_cli_count_by_enum (MoatModel       *model,
                                   GType            type,
                                   const char      *field);
void       moat_cli_json_add_counts (JsonBuilder   *builder,
                                     MoatModel     *model,
                                     GType          type,
                                     const char    *field);

int        moat_cli_import        (int              argc,
                                   char           **argv);
int        moat_cli_export        (int              argc,
                                   char           **argv);
int        moat_cli_info          (int              argc,
                                   char           **argv);
int        moat_cli_diff          (int              argc,
                                   char           **argv);
int        moat_cli_merge         (int              argc,
                                   char           **argv);
int        moat_cli_stats         (int              argc,
                                   char           **argv);
int        moat_cli_report        (int              argc,
                                   char           **argv);
int        moat_cli_suggest       (int              argc,
                                   char           **argv);
int        moat_cli_check         (int              argc,
                                   char           **argv);
int        moat_cli_coverage      (int              argc,
                                   char           **argv);
int        moat_cli_estate        (int              argc,
                                   char           **argv);
int        moat_cli_feature_check (int            argc,
                                   char         **argv);
int        moat_cli_rules         (int              argc,
                                   char           **argv);
MoatRuleSet *moat_cli_load_rules  (void);
MoatLibrary *moat_cli_load_library (void);

G_END_DECLS
