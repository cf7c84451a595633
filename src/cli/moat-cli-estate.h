/* moat-cli-estate.h: what the estate command's formats share
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-cli.h"

G_BEGIN_DECLS

#define MOAT_CLI_ESTATE_N_MONTHS 12
#define MOAT_CLI_ESTATE_N_TOP    10

/* An estate read, with everything each format shows. */
typedef struct
{
  MoatEstate    *estate;
  GPtrArray     *attention;   /* MoatEstateAttention */
  GPtrArray     *top;         /* MoatEstateRisk */
  GArray        *months;      /* MoatEstateMonth */
  gboolean       has_mean;
  double         mean_days;
  guint          n_mitigated;
  MoatRiskBasis  basis;
  const char    *fail_on;
  MoatRiskLevel  level;
  guint          problems;
  guint          overdue_days;
  guint          stale_days;
  gint64         now;
} MoatCliEstate;

char *moat_cli_estate_day      (gint64         time);
char      *moat_cli_estate_last_check (MoatEstateSystem *system);
char *moat_cli_estate_text     (MoatCliEstate *view);
char *moat_cli_estate_markdown (MoatCliEstate *view);
char *moat_cli_estate_csv      (MoatCliEstate *view);
char *moat_cli_estate_json     (MoatCliEstate *view);

G_END_DECLS
