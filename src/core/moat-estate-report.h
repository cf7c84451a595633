/* moat-estate-report.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "moat-document.h"
#include "moat-estate.h"

G_BEGIN_DECLS

/* The estate report for executives: two to four pages with the
 * portfolio heat map, the systems ranked, the highest risks across
 * systems, trend charts and the systems that need attention. Laid out
 * with MoatDocument, like the model report. */

#define MOAT_ESTATE_REPORT_N_MONTHS 12

MoatDocument *moat_estate_report_build     (MoatEstate  *estate,
                                            GPtrArray   *attention);
gboolean      moat_estate_report_write_pdf (MoatEstate  *estate,
                                            GPtrArray   *attention,
                                            GFile       *file,
                                            MoatPaper    paper,
                                            GError     **error);

/* The trend charts, for the report and the estate window: threats
 * opened and closed, open high and critical threats, and controls
 * completed, month by month. @months holds MoatEstateMonth. */
void          moat_estate_report_draw_trends (cairo_t   *cr,
                                              GArray    *months,
                                              double     width,
                                              double     height);

G_END_DECLS
