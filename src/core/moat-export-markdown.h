/* moat-export-markdown.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A model as one Markdown page, for pull requests and wikis: the model's
 * summary, a section per diagram with its elements and their security
 * properties, then the threats, the controls and the assumptions, each
 * as a table. Every text from the model is escaped, so a title like
 * “| *x* <script>” shows as written and never breaks the page. The same
 * model always gives the same page: lists are in a fixed order.
 */

#pragma once

#include "moat-model.h"

G_BEGIN_DECLS

char *moat_export_markdown (MoatModel *model);
void  moat_markdown_append_text (GString    *out,
                                 const char *text,
                                 gboolean    in_cell);

G_END_DECLS
