/* moat-document.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout happens in two passes: moat_document_paginate() measures every
 * block with Pango and assigns it (or the part of it that fits) to a page;
 * rendering then draws one page at a time. The PDF writer and printing use
 * the same two passes, so what is printed is what the PDF shows.
 */

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "moat-document.h"
#include "moat-temp-file.h"
#include "moat-error.h"

#define MARGIN_X      56.0
#define MARGIN_TOP    64.0
#define MARGIN_BOTTOM 56.0
#define CELL_PAD      4.0
#define CALLOUT_PAD_X 14.0
#define CALLOUT_PAD_Y 10.0
#define PAGINATE_SHARE 0.15
#define FONT_FAMILY   "Noto Sans, DejaVu Sans, sans-serif"

#define COVER_TITLE_LINES 5

typedef enum {
  BLOCK_COVER,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_SPACER,
  BLOCK_PAGE_BREAK,
  BLOCK_DRAWING,
  BLOCK_TABLE,
} BlockKind;

/* A web address behind some text of one cell. */
typedef struct
{
  guint  column;
  char  *text;
  char  *uri;
} CellLink;

typedef struct
{
  char        **cells;
  char         *anchor;   /* where a click leads */
  char         *name;     /* what links to this row lead to */
  GPtrArray    *links;    /* of CellLink, or NULL */
  PangoLayout **layouts;
  double        height;
} Row;

struct _MoatDocumentTable
{
  guint         n_columns;
  double       *widths;   /* relative */
  Row          *header;   /* may be NULL */
  GPtrArray    *rows;     /* of Row */
};

typedef struct
{
  BlockKind          kind;
  guint              level;
  char              *text;
  char              *subtitle;
  char              *anchor;
  double             points;
  gboolean           callout;
  gboolean           headed;   /* a drawing on the page of its heading */
  double             width;
  double             height;
  gboolean           own_page;
  MoatDrawFunc       func;
  gpointer           data;
  GDestroyNotify     destroy;
  MoatDocumentTable *table;
  PangoLayout       *layout;
  PangoLayout       *caption;
} Block;

typedef struct
{
  Block  *block;
  guint   page;
  double  x;
  double  y;
  double  width;
  double  height;
  int     row;    /* tables: the row, or -1 for the (repeated) header */
  double *from;   /* per cell (or the paragraph): the part shown, in layout units */
  double *to;
  double  scale;  /* drawings */
} Placement;

typedef struct
{
  double      width;
  double      height;
  gboolean    bare;     /* the cover: no running header or footer */
  const char *section;  /* the section the page belongs to, for the header */
} Page;

struct _MoatDocument
{
  GObject       parent_instance;

  char         *title;
  char         *author;
  char         *subject;
  char         *running_header;
  GPtrArray    *blocks;      /* of Block */
  GArray       *pages;       /* of Page */
  GPtrArray    *placements;  /* of Placement */
  PangoContext *context;
  double        paper_width;
  double        paper_height;
  guint         n_headings;
};

G_DEFINE_FINAL_TYPE (MoatDocument, moat_document, G_TYPE_OBJECT)

static void
row_free (Row *row,
          guint n)
{
  if (row == NULL)
    return;
  g_strfreev (row->cells);
  g_free (row->anchor);
  g_free (row->name);
  g_clear_pointer (&row->links, g_ptr_array_unref);
  if (row->layouts != NULL)
    for (guint i = 0; i < n; i++)
      g_clear_object (&row->layouts[i]);
  g_free (row->layouts);
  g_free (row);
}

static void
table_free (MoatDocumentTable *table)
{
  row_free (table->header, table->n_columns);
  for (guint i = 0; i < table->rows->len; i++)
    row_free (g_ptr_array_index (table->rows, i), table->n_columns);
  g_ptr_array_unref (table->rows);
  g_free (table->widths);
  g_free (table);
}

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->subtitle);
  g_free (block->anchor);
  if (block->destroy != NULL)
    block->destroy (block->data);
  if (block->table != NULL)
    table_free (block->table);
  g_clear_object (&block->layout);
  g_clear_object (&block->caption);
  g_free (block);
}

static void
placement_free (Placement *placement)
{
  g_free (placement->from);
  g_free (placement->to);
  g_free (placement);
}

static void
moat_document_finalize (GObject *object)
{
  MoatDocument *self = (MoatDocument *)object;

  g_free (self->title);
  g_free (self->author);
  g_free (self->subject);
  g_free (self->running_header);
  g_ptr_array_unref (self->placements);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->pages);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (moat_document_parent_class)->finalize (object);
}

static void
moat_document_class_init (MoatDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_document_finalize;
}

static void
moat_document_init (MoatDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  self->placements = g_ptr_array_new_with_free_func ((GDestroyNotify)placement_free);
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
}

/* Every paragraph runs in the direction of the report's language, even
 * one that starts with a name in another script. */
static PangoDirection
text_direction (void)
{
  /* Translators: "default:RTL" if your language is written right to left,
   * else leave it as it is */
  return g_str_equal (C_("text direction", "default:LTR"), "default:RTL")
    ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
}

/* Pango font maps are not shared between threads: each thread has its own
 * default one. A document built on one thread and laid out on a worker
 * takes the worker's. */
static void
ensure_context (MoatDocument *self)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options;

  if (self->context != NULL && pango_context_get_font_map (self->context) == font_map)
    return;

  g_clear_object (&self->context);
  self->context = pango_font_map_create_context (font_map);
  pango_context_set_base_dir (self->context, text_direction ());

  /* Lay out in points with unhinted metrics, so that text measures the
   * same on a PDF page, a printer and an image. */
  options = cairo_font_options_create ();
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

MoatDocument *
moat_document_new (void)
{
  return g_object_new (MOAT_TYPE_DOCUMENT, NULL);
}

void
moat_document_set_metadata (MoatDocument *self,
                            const char   *title,
                            const char   *author,
                            const char   *subject)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));

  g_free (self->title);
  g_free (self->author);
  g_free (self->subject);
  self->title = g_strdup (title);
  self->author = g_strdup (author);
  self->subject = g_strdup (subject);
}

void
moat_document_set_running_header (MoatDocument *self,
                                  const char   *text)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));

  g_free (self->running_header);
  self->running_header = g_strdup (text);
}

static Block *
add_block (MoatDocument *self,
           BlockKind     kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
moat_document_add_cover (MoatDocument *self,
                         const char   *title,
                         const char   *subtitle_markup)
{
  Block *block = add_block (self, BLOCK_COVER);

  block->text = g_strdup (title);
  block->subtitle = g_strdup (subtitle_markup);
}

/**
 * moat_document_add_heading:
 * @level: 1 for a section (which starts a page), 2 or 3 below it
 * @anchor: (nullable): a name links can point to
 *
 * Headings of level 1 and 2 are bookmarks of the PDF.
 */
void
moat_document_add_heading (MoatDocument *self,
                           guint         level,
                           const char   *text,
                           const char   *anchor)
{
  Block *block = add_block (self, BLOCK_HEADING);

  block->level = CLAMP (level, 1, 3);
  block->text = g_strdup (text);
  block->anchor = anchor ? g_strdup (anchor)
                         : g_strdup_printf ("heading-%u", self->n_headings);
  self->n_headings++;
}

void
moat_document_add_paragraph (MoatDocument *self,
                             const char   *markup)
{
  add_block (self, BLOCK_PARAGRAPH)->text = g_strdup (markup);
}

/**
 * moat_document_add_link:
 *
 * A paragraph that takes the reader to @anchor when clicked.
 */
void
moat_document_add_link (MoatDocument *self,
                        const char   *markup,
                        const char   *anchor)
{
  Block *block = add_block (self, BLOCK_PARAGRAPH);

  block->text = g_strdup (markup);
  block->anchor = g_strdup (anchor);
}

/**
 * moat_document_add_callout:
 *
 * A paragraph set apart in a tinted box: a brief, a warning, a summary
 * the reader must not miss.
 */
void
moat_document_add_callout (MoatDocument *self,
                           const char   *markup)
{
  Block *block = add_block (self, BLOCK_PARAGRAPH);

  block->text = g_strdup (markup);
  block->callout = TRUE;
}

void
moat_document_add_spacer (MoatDocument *self,
                          double        points)
{
  add_block (self, BLOCK_SPACER)->points = points;
}

void
moat_document_add_page_break (MoatDocument *self)
{
  add_block (self, BLOCK_PAGE_BREAK);
}

/**
 * moat_document_add_drawing:
 * @width: (in points) the drawing's natural size
 * @own_page: give the drawing a page of its own, landscape when it is
 *   wider than tall, and scale it to fill the page
 * @func: draws into a @width × @height box; called once per rendering
 *
 * A picture (a diagram, a chart). It is scaled down to fit, never cut.
 */
void
moat_document_add_drawing (MoatDocument   *self,
                           const char     *caption,
                           double          width,
                           double          height,
                           gboolean        own_page,
                           MoatDrawFunc    func,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  Block *block = add_block (self, BLOCK_DRAWING);

  block->text = g_strdup (caption);
  block->anchor = g_strdup_printf ("figure-%u", self->blocks->len);
  block->width = MAX (width, 1);
  block->height = MAX (height, 1);
  block->own_page = own_page;
  block->func = func;
  block->data = user_data;
  block->destroy = destroy;
}

static Row *
row_new (guint               n_columns,
         const char * const *cells,
         const char         *anchor)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns && cells[i] != NULL; i++)
    row->cells[i] = g_strdup (cells[i]);
  for (guint i = 0; i < n_columns; i++)
    if (row->cells[i] == NULL)
      row->cells[i] = g_strdup ("");
  row->anchor = g_strdup (anchor);
  return row;
}

/**
 * moat_document_add_table:
 * @widths: (array length=n_columns): relative column widths
 * @headers: (nullable) (array length=n_columns): the header row, repeated
 *   on every page the table continues on
 *
 * Returns: (transfer none): the table, to add rows to
 */
MoatDocumentTable *
moat_document_add_table (MoatDocument       *self,
                         guint               n_columns,
                         const double       *widths,
                         const char * const *headers)
{
  Block *block = add_block (self, BLOCK_TABLE);
  MoatDocumentTable *table = g_new0 (MoatDocumentTable, 1);
  double total = 0;

  table->n_columns = n_columns;
  table->widths = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    total += widths ? widths[i] : 1;
  for (guint i = 0; i < n_columns; i++)
    table->widths[i] = (widths ? widths[i] : 1) / total;
  if (headers != NULL)
    table->header = row_new (n_columns, headers, NULL);
  table->rows = g_ptr_array_new ();
  block->table = table;

  return table;
}

/**
 * moat_document_table_add_row:
 * @cells: (array length=n_columns): Pango markup for each cell
 * @anchor: (nullable): where a click on the row leads
 */
void
moat_document_table_add_row (MoatDocumentTable  *table,
                             const char * const *cells,
                             const char         *anchor)
{
  moat_document_table_add_row_full (table, cells, anchor, NULL);
}

/**
 * moat_document_table_add_row_full:
 * @cells: (array length=n_columns): Pango markup for each cell
 * @link: (nullable): where a click on the row leads
 * @name: (nullable): a name links elsewhere can point to
 */
void
moat_document_table_add_row_full (MoatDocumentTable  *table,
                                  const char * const *cells,
                                  const char         *link,
                                  const char         *name)
{
  Row *row = row_new (table->n_columns, cells, link);

  row->name = g_strdup (name);
  g_ptr_array_add (table->rows, row);
}

static void
cell_link_free (CellLink *link)
{
  g_free (link->text);
  g_free (link->uri);
  g_free (link);
}

/**
 * moat_document_table_add_web_link:
 * @column: a cell of the row added last
 * @text: text that cell shows (as read, without markup)
 * @uri: an https:// or http:// address
 *
 * Makes @text in that cell a link to @uri in the PDF. A cell's links are
 * found in the order they are added, each after the one before, so that
 * "CWE-28" does not claim the start of a later "CWE-284".
 */
void
moat_document_table_add_web_link (MoatDocumentTable *table,
                                  guint              column,
                                  const char        *text,
                                  const char        *uri)
{
  CellLink *link;
  Row *row;

  g_return_if_fail (table->rows->len > 0 && column < table->n_columns);
  g_return_if_fail (text != NULL && text[0] != '\0');
  /* Only web pages: anything else could be a script or a local file. */
  g_return_if_fail (uri != NULL && (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")));

  row = g_ptr_array_index (table->rows, table->rows->len - 1);
  if (row->links == NULL)
    row->links = g_ptr_array_new_with_free_func ((GDestroyNotify)cell_link_free);
  link = g_new0 (CellLink, 1);
  link->column = column;
  link->text = g_strdup (text);
  link->uri = g_strdup (uri);
  g_ptr_array_add (row->links, link);
}

void
moat_document_paper_size (MoatPaper  paper,
                          double    *width,
                          double    *height)
{
  if (paper == MOAT_PAPER_LETTER)
    {
      *width = 612.0;
      *height = 792.0;
    }
  else
    {
      *width = 595.276;
      *height = 841.890;
    }
}

/* ------------------------------------------------------------------ */
/* Layout                                                              */

typedef struct
{
  MoatDocument *doc;
  guint         page;
  double        y;
  gboolean      empty;
  gboolean      keep_page;  /* a heading waits for its figure on this page */
  const char   *section;
} Cursor;

static PangoLayout *
make_layout (MoatDocument *self,
             const char   *markup,
             const char   *font,
             double        width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = NULL;
  g_autofree char *text = NULL;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1)));
  /* Text that is not valid markup is shown as it is. */
  if (pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, NULL))
    {
      pango_layout_set_text (layout, text, -1);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  else
    pango_layout_set_text (layout, markup, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static Page *
current_page (Cursor *c)
{
  return &g_array_index (c->doc->pages, Page, c->page);
}

static double
body_top (void)
{
  return MARGIN_TOP;
}

static double
body_bottom (Cursor *c)
{
  return current_page (c)->height - MARGIN_BOTTOM;
}

static double
body_width (Cursor *c)
{
  return current_page (c)->width - 2 * MARGIN_X;
}

/* A page nothing was put on yet is reused, turned if need be, so that
 * two page breaks in a row never leave a blank page. */
static void
new_page (Cursor   *c,
          gboolean  landscape,
          gboolean  bare)
{
  Page page = { 0 };
  double w = c->doc->paper_width, h = c->doc->paper_height;

  page.width = landscape ? MAX (w, h) : MIN (w, h);
  page.height = landscape ? MIN (w, h) : MAX (w, h);
  page.bare = bare;
  page.section = c->section;

  if (c->doc->pages->len > 0 && c->empty && !current_page (c)->bare)
    *current_page (c) = page;
  else
    {
      g_array_append_val (c->doc->pages, page);
      c->page = c->doc->pages->len - 1;
    }
  c->y = body_top ();
  c->empty = TRUE;
}

static void
ensure_portrait_page (Cursor *c)
{
  Page *page = current_page (c);

  if (page->bare || page->width > page->height)
    new_page (c, FALSE, FALSE);
}

static Placement *
place (Cursor *c,
       Block  *block,
       double  x,
       double  width,
       double  height)
{
  Placement *p = g_new0 (Placement, 1);

  p->block = block;
  p->page = c->page;
  p->x = x;
  p->y = c->y;
  p->width = width;
  p->height = height;
  p->row = -1;
  p->scale = 1;
  g_ptr_array_add (c->doc->placements, p);
  c->y += height;
  c->empty = FALSE;
  return p;
}

/* Where each line of a layout sits, measured once: a long text is split
 * over many pages, and walking all its lines again for each page would
 * make a report's time grow with the square of its longest text. */
typedef struct
{
  PangoLayoutLine *line;
  double           top;
  double           bottom;
  double           baseline;
  double           x;
} LineBox;

static void
line_box_clear (gpointer data)
{
  pango_layout_line_unref (((LineBox *)data)->line);
}

static GArray *
line_boxes (PangoLayout *layout)
{
  GArray *boxes = g_object_get_data (G_OBJECT (layout), "moat-line-boxes");
  PangoLayoutIter *iter;

  if (boxes != NULL)
    return boxes;

  boxes = g_array_new (FALSE, FALSE, sizeof (LineBox));
  g_array_set_clear_func (boxes, line_box_clear);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      LineBox box;
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.line = pango_layout_line_ref (pango_layout_iter_get_line_readonly (iter));
      box.top = pango_units_to_double (y0);
      box.bottom = pango_units_to_double (y1);
      box.baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      box.x = pango_units_to_double (logical.x);
      g_array_append_val (boxes, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  g_object_set_data_full (G_OBJECT (layout), "moat-line-boxes", boxes,
                          (GDestroyNotify) g_array_unref);
  return boxes;
}

/* The first line that starts at or below @from. */
static guint
first_line_from (GArray *boxes,
                 double  from)
{
  guint lo = 0, hi = boxes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (boxes, LineBox, mid).top < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The largest line boundary of @layout at or below @limit, measured from
 * @from; returns @from when not even one line fits. */
static double
split_point (PangoLayout *layout,
             double       from,
             double       limit)
{
  GArray *boxes = line_boxes (layout);
  double best = from;

  for (guint i = first_line_from (boxes, from); i < boxes->len; i++)
    {
      double bottom = g_array_index (boxes, LineBox, i).bottom;

      if (bottom - from > limit)
        break;
      best = bottom;
    }
  return best;
}

static void
layout_cover (Cursor *c,
              Block  *block)
{
  if (!c->empty || c->doc->pages->len > 1 || current_page (c)->bare == FALSE)
    {
      if (!c->empty)
        new_page (c, FALSE, TRUE);
      else
        current_page (c)->bare = TRUE;
    }
  place (c, block, MARGIN_X, body_width (c), body_bottom (c) - c->y);
  new_page (c, FALSE, FALSE);
}

static gboolean
is_figure_page (Block *block)
{
  return block != NULL && block->kind == BLOCK_DRAWING && block->own_page;
}

/* A drawing on its own page goes on the page turned whichever way shows
 * it larger. */
static gboolean
wants_landscape (MoatDocument *self,
                 Block        *block)
{
  double long_side = MAX (self->paper_width, self->paper_height);
  double short_side = MIN (self->paper_width, self->paper_height);
  double portrait = MIN ((short_side - 2 * MARGIN_X) / block->width,
                         (long_side - MARGIN_TOP - MARGIN_BOTTOM) / block->height);
  double landscape = MIN ((long_side - 2 * MARGIN_X) / block->width,
                          (short_side - MARGIN_TOP - MARGIN_BOTTOM) / block->height);

  return landscape > portrait;
}

/* @next: the first block after the heading and the headings right after
 * it, if any. Headings followed by a drawing on its own page go on that
 * page, above it. */
static void
layout_heading (Cursor *c,
                Block  *block,
                Block  *next)
{
  static const char *fonts[] = { "", FONT_FAMILY " Bold 20", FONT_FAMILY " Bold 14",
                                 FONT_FAMILY " Bold 11.5" };
  static const double before[] = { 0, 0, 18, 10 };
  g_autofree char *escaped = g_markup_escape_text (block->text, -1);
  double height;

  if (is_figure_page (next))
    {
      if (!c->keep_page)
        new_page (c, wants_landscape (c->doc, next), FALSE);
      c->keep_page = TRUE;
    }
  else
    {
      ensure_portrait_page (c);
      if (block->level == 1 && !c->empty)
        new_page (c, FALSE, FALSE);
    }

  if (block->level == 1)
    {
      c->section = block->text;
      current_page (c)->section = block->text;
    }

  g_clear_object (&block->layout);
  block->layout = make_layout (c->doc, escaped, fonts[block->level], body_width (c));
  height = layout_height (block->layout) + (block->level == 1 ? 18 : 6);

  if (!c->empty)
    c->y += before[block->level];
  /* Keep a heading with at least a few lines of what follows it. */
  if (!c->keep_page && c->y + height + 48 > body_bottom (c))
    new_page (c, FALSE, FALSE);

  place (c, block, MARGIN_X, body_width (c), height);
}

static void
layout_paragraph (Cursor *c,
                  Block  *block)
{
  double inset = block->callout ? CALLOUT_PAD_X : 0;
  double pad = block->callout ? CALLOUT_PAD_Y : 0;
  double total, from = 0;

  ensure_portrait_page (c);
  g_clear_object (&block->layout);
  block->layout = make_layout (c->doc, block->text, FONT_FAMILY " 10", body_width (c) - 2 * inset);
  pango_layout_set_line_spacing (block->layout, 1.2);
  total = layout_height (block->layout);
  if (block->callout)
    c->y += 4;

  while (from < total)
    {
      double to = split_point (block->layout, from, body_bottom (c) - c->y - 2 * pad);
      Placement *p;

      if (to <= from)
        {
          if (c->empty)
            to = total; /* a single line taller than a page: let it be */
          else
            {
              new_page (c, FALSE, FALSE);
              continue;
            }
        }
      p = place (c, block, MARGIN_X, body_width (c), to - from + 2 * pad);
      p->from = g_new (double, 1);
      p->to = g_new (double, 1);
      p->from[0] = from;
      p->to[0] = to;
      from = to;
      if (from < total)
        new_page (c, FALSE, FALSE);
    }
  c->y += block->callout ? 10 : 6;
}

static void
layout_drawing (Cursor *c,
                Block  *block)
{
  double caption_h = 0, scale, avail_w, avail_h;
  Placement *p;

  block->headed = block->own_page && c->keep_page;
  if (block->own_page && !c->keep_page)
    new_page (c, wants_landscape (c->doc, block), FALSE);
  else if (!block->own_page)
    ensure_portrait_page (c);
  c->keep_page = FALSE;

  g_clear_object (&block->caption);
  if (block->text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (block->text, -1);
      block->caption = make_layout (c->doc, escaped, FONT_FAMILY " Italic 9", body_width (c));
      pango_layout_set_alignment (block->caption, PANGO_ALIGN_CENTER);
      caption_h = layout_height (block->caption) + 6;
    }

  avail_w = body_width (c);
  avail_h = body_bottom (c) - (block->own_page ? c->y : body_top ()) - caption_h;
  scale = MIN (avail_w / block->width, avail_h / block->height);
  if (!block->own_page)
    scale = MIN (scale, 1.0);

  if (c->y + block->height * scale + caption_h > body_bottom (c))
    new_page (c, FALSE, FALSE);

  p = place (c, block, MARGIN_X + (avail_w - block->width * scale) / 2,
             block->width * scale, block->height * scale + caption_h);
  p->scale = scale;
  c->y += 10;
  if (block->own_page)
    new_page (c, FALSE, FALSE);
}

static void
measure_row (Cursor            *c,
             MoatDocumentTable *table,
             Row               *row,
             gboolean           header)
{
  double width = body_width (c);

  if (row->layouts != NULL)
    for (guint i = 0; i < table->n_columns; i++)
      g_clear_object (&row->layouts[i]);
  g_free (row->layouts);
  row->layouts = g_new0 (PangoLayout *, table->n_columns);
  row->height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      double cell_w = width * table->widths[i] - 2 * CELL_PAD;

      row->layouts[i] = make_layout (c->doc, row->cells[i],
                                     header ? FONT_FAMILY " Bold 8.5" : FONT_FAMILY " 8.5",
                                     cell_w);
      row->height = MAX (row->height, layout_height (row->layouts[i]) + 2 * CELL_PAD);
    }
}

static void
place_header (Cursor            *c,
              Block             *block,
              MoatDocumentTable *table)
{
  if (table->header != NULL)
    place (c, block, MARGIN_X, body_width (c), table->header->height);
}

static void
place_row_part (Cursor            *c,
                Block             *block,
                MoatDocumentTable *table,
                guint              index,
                double            *from,
                double            *to)
{
  Row *row = g_ptr_array_index (table->rows, index);
  double height = 0;
  Placement *p;

  for (guint i = 0; i < table->n_columns; i++)
    height = MAX (height, to[i] - from[i]);
  p = place (c, block, MARGIN_X, body_width (c), height + 2 * CELL_PAD);
  p->row = index;
  p->from = g_memdup2 (from, sizeof (double) * table->n_columns);
  p->to = g_memdup2 (to, sizeof (double) * table->n_columns);
  (void)row;
}

/* A row taller than what is left of the page is cut at line boundaries,
 * cell by cell, and goes on under a repeated header on the next page. */
static void
layout_row (Cursor            *c,
            Block             *block,
            MoatDocumentTable *table,
            guint              index)
{
  Row *row = g_ptr_array_index (table->rows, index);
  double header_h = table->header ? table->header->height : 0;
  g_autofree double *from = g_new0 (double, table->n_columns);
  g_autofree double *to = g_new0 (double, table->n_columns);

  if (c->y + row->height > body_bottom (c) &&
      row->height + header_h <= body_bottom (c) - body_top ())
    {
      new_page (c, FALSE, FALSE);
      place_header (c, block, table);
    }

  for (;;)
    {
      double limit = body_bottom (c) - c->y - 2 * CELL_PAD;
      gboolean done = TRUE, progress = FALSE;

      for (guint i = 0; i < table->n_columns; i++)
        {
          double total = layout_height (row->layouts[i]);

          to[i] = from[i] >= total ? from[i] : split_point (row->layouts[i], from[i], limit);
          if (to[i] > from[i])
            progress = TRUE;
          if (to[i] < total)
            done = FALSE;
        }

      if (!progress && !done)
        {
          if (c->empty || c->y <= body_top () + header_h + 1)
            {
              /* Not even one line fits on an empty page: show it whole. */
              for (guint i = 0; i < table->n_columns; i++)
                to[i] = layout_height (row->layouts[i]);
              place_row_part (c, block, table, index, from, to);
              return;
            }
          new_page (c, FALSE, FALSE);
          place_header (c, block, table);
          continue;
        }

      place_row_part (c, block, table, index, from, to);
      if (done)
        return;

      memcpy (from, to, sizeof (double) * table->n_columns);
      new_page (c, FALSE, FALSE);
      place_header (c, block, table);
    }
}

static void
layout_table (Cursor *c,
              Block  *block)
{
  MoatDocumentTable *table = block->table;
  double first_h = 0;

  ensure_portrait_page (c);
  if (table->header != NULL)
    measure_row (c, table, table->header, TRUE);
  for (guint i = 0; i < table->rows->len; i++)
    measure_row (c, table, g_ptr_array_index (table->rows, i), FALSE);

  if (table->rows->len > 0)
    first_h = ((Row *)g_ptr_array_index (table->rows, 0))->height;
  if (table->header != NULL &&
      c->y + table->header->height + MIN (first_h, 60) > body_bottom (c))
    new_page (c, FALSE, FALSE);

  place_header (c, block, table);
  for (guint i = 0; i < table->rows->len; i++)
    layout_row (c, block, table, i);
  c->y += 10;
}

static Block *
block_after_headings (MoatDocument *self,
                      guint         index)
{
  for (guint i = index + 1; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (block->kind != BLOCK_HEADING)
        return block;
    }
  return NULL;
}

/* Returns 0 when cancelled. @progress gets the share of blocks laid out. */
static guint
paginate (MoatDocument             *self,
          double                    page_width,
          double                    page_height,
          MoatDocumentProgressFunc  progress,
          gpointer                  user_data,
          GCancellable             *cancellable)
{
  Cursor c = { self, 0, 0, TRUE, FALSE, NULL };

  ensure_context (self);
  self->paper_width = page_width;
  self->paper_height = page_height;
  g_ptr_array_set_size (self->placements, 0);
  g_array_set_size (self->pages, 0);
  new_page (&c, FALSE, FALSE);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      if (i % 64 == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            return 0;
          if (progress != NULL)
            progress (PAGINATE_SHARE * i / self->blocks->len, user_data);
        }

      switch (block->kind)
        {
        case BLOCK_COVER:
          layout_cover (&c, block);
          break;
        case BLOCK_HEADING:
          layout_heading (&c, block, block_after_headings (self, i));
          break;
        case BLOCK_PARAGRAPH:
          layout_paragraph (&c, block);
          break;
        case BLOCK_SPACER:
          c.y = MIN (c.y + block->points, body_bottom (&c));
          break;
        case BLOCK_PAGE_BREAK:
          if (!c.empty)
            new_page (&c, FALSE, FALSE);
          break;
        case BLOCK_DRAWING:
          layout_drawing (&c, block);
          break;
        case BLOCK_TABLE:
          layout_table (&c, block);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* A page left empty by the last block is not printed. */
  if (c.empty && self->pages->len > 1)
    g_array_set_size (self->pages, self->pages->len - 1);

  return self->pages->len;
}

/**
 * moat_document_paginate:
 *
 * Lays the document out on pages of the given size (portrait; pages of
 * landscape drawings are turned).
 *
 * Returns: the number of pages
 */
guint
moat_document_paginate (MoatDocument *self,
                        double        page_width,
                        double        page_height)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), 0);

  return paginate (self, page_width, page_height, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */

static void
set_grey (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

/* Layouts are drawn as they were measured, without
 * pango_cairo_update_layout(): that marks the context changed on every
 * call and would lay the text out again. The metrics are unhinted, so
 * they hold on any surface and at any scale. */
static void
show_layout_part (cairo_t     *cr,
                  PangoLayout *layout,
                  double       x,
                  double       y,
                  double       from,
                  double       to)
{
  GArray *boxes = line_boxes (layout);

  cairo_save (cr);
  cairo_rectangle (cr, x - 2, y, pango_units_to_double (pango_layout_get_width (layout)) + 4, to - from);
  cairo_clip (cr);
  for (guint i = first_line_from (boxes, from); i < boxes->len; i++)
    {
      LineBox *box = &g_array_index (boxes, LineBox, i);

      if (box->top >= to)
        break;
      cairo_move_to (cr, x + box->x, y - from + box->baseline);
      pango_cairo_show_layout_line (cr, box->line);
    }
  cairo_restore (cr);
}

static void
render_frame (MoatDocument *self,
              cairo_t      *cr,
              guint         page_index)
{
  Page *page = &g_array_index (self->pages, Page, page_index);
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (page->bare)
    return;

  set_grey (cr, 0.4);
  if (self->running_header != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (self->running_header, -1);
      double width = page->width - 2 * MARGIN_X;

      /* The document on the left, the section on the right: each gets
       * half the line at most, and is shortened rather than overlap. */
      layout = make_layout (self, escaped, FONT_FAMILY " 8", page->section ? width * 0.55 : width);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, MARGIN_X, 30);
      pango_cairo_show_layout (cr, layout);
      g_clear_object (&layout);

      if (page->section != NULL)
        {
          g_autofree char *section = g_markup_escape_text (page->section, -1);

          layout = make_layout (self, section, FONT_FAMILY " 8", width * 0.4);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
          cairo_move_to (cr, MARGIN_X + width * 0.6, 30);
          pango_cairo_show_layout (cr, layout);
          g_clear_object (&layout);
        }

      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_X, 44);
      cairo_line_to (cr, page->width - MARGIN_X, 44);
      cairo_stroke (cr);
    }

  footer = g_strdup_printf (_("Page %u of %u"), page_index + 1, self->pages->len);
  layout = make_layout (self, footer, FONT_FAMILY " 8", page->width - 2 * MARGIN_X);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_move_to (cr, MARGIN_X, page->height - 36);
  pango_cairo_show_layout (cr, layout);
}

static void
render_cover (MoatDocument *self,
              cairo_t      *cr,
              Placement    *p)
{
  g_autofree char *escaped = g_markup_escape_text (p->block->text ? p->block->text : "", -1);
  g_autoptr(PangoLayout) title = make_layout (self, escaped, FONT_FAMILY " Bold 30", p->width);
  g_autoptr(PangoLayout) subtitle = NULL;
  double total, y;

  /* A title of a thousand characters would push who owns the model off
   * the cover: it ends with "…" after a few lines. */
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (title, -COVER_TITLE_LINES);
  if (p->block->subtitle != NULL)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 90);

      subtitle = make_layout (self, p->block->subtitle, FONT_FAMILY " 12", p->width);
      pango_layout_set_spacing (subtitle, pango_units_from_double (4));
      pango_layout_set_tabs (subtitle, tabs);
      pango_tab_array_free (tabs);
    }

  /* A third of the way down, or higher if the text needs the room; what
   * does not fit on the page is cut rather than drawn off it. */
  total = 30 + layout_height (title) + (subtitle ? 24 + layout_height (subtitle) : 0);
  y = p->y + 30 + MAX (0, MIN (p->height * 0.3, p->height - total));
  cairo_save (cr);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_clip (cr);

  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_rectangle (cr, p->x, y - 24, 64, 6);
  cairo_fill (cr);

  set_grey (cr, 0.1);
  cairo_move_to (cr, p->x, y);
  pango_cairo_show_layout (cr, title);
  y += layout_height (title) + 24;

  if (subtitle != NULL)
    {
      set_grey (cr, 0.3);
      cairo_move_to (cr, p->x, y);
      pango_cairo_show_layout (cr, subtitle);
    }
  cairo_restore (cr);
}

static void
render_heading (MoatDocument *self,
                cairo_t      *cr,
                Placement    *p,
                int          *outline)
{
  g_autofree char *dest = g_strdup_printf ("name='%s' x=%f y=%f", p->block->anchor, p->x, p->y);

  cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
  set_grey (cr, 0.1);
  cairo_move_to (cr, p->x, p->y);
  pango_cairo_show_layout (cr, p->block->layout);
  cairo_tag_end (cr, CAIRO_TAG_DEST);

  if (p->block->level == 1)
    {
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_rectangle (cr, p->x, p->y + p->height - 8, 40, 2.5);
      cairo_fill (cr);
    }

  if (outline != NULL && p->block->level <= 2)
    {
      g_autofree char *link = g_strdup_printf ("dest='%s'", p->block->anchor);
      int parent = p->block->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : outline[1];
      int id = cairo_pdf_surface_add_outline (cairo_get_target (cr), parent,
                                              p->block->text, link, 0);

      outline[p->block->level] = id;
      if (p->block->level == 1)
        outline[2] = id;
    }
}

static void
render_paragraph (cairo_t   *cr,
                  Placement *p)
{
  g_autofree char *link = NULL;
  double x = p->x, y = p->y;

  if (p->block->callout)
    {
      cairo_set_source_rgb (cr, 0.95, 0.965, 0.985);
      cairo_rectangle (cr, p->x, p->y, p->width, p->height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_rectangle (cr, p->x, p->y, 3, p->height);
      cairo_fill (cr);
      x += CALLOUT_PAD_X;
      y += CALLOUT_PAD_Y;
    }

  if (p->block->anchor != NULL)
    {
      link = g_strdup_printf ("dest='%s'", p->block->anchor);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
      cairo_set_source_rgb (cr, 0.08, 0.33, 0.65);
    }
  else
    set_grey (cr, 0.12);

  show_layout_part (cr, p->block->layout, x, y, p->from[0], p->to[0]);

  if (link != NULL)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

static void
render_drawing (cairo_t   *cr,
                Placement *p,
                int       *outline)
{
  Block *block = p->block;
  double h = block->height * p->scale;

  cairo_save (cr);
  cairo_translate (cr, p->x, p->y);
  cairo_rectangle (cr, 0, 0, p->width, h);
  cairo_clip (cr);
  cairo_scale (cr, p->scale, p->scale);
  block->func (cr, block->width, block->height, block->data);
  cairo_restore (cr);

  if (block->caption != NULL)
    {
      g_autofree char *dest = g_strdup_printf ("name='%s' x=%f y=%f", block->anchor, p->x, p->y);
      double page_x = MARGIN_X;

      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
      set_grey (cr, 0.35);
      cairo_move_to (cr, page_x, p->y + h + 6);
      pango_cairo_show_layout (cr, block->caption);
      cairo_tag_end (cr, CAIRO_TAG_DEST);

      /* A figure under its own heading has the heading's bookmark. */
      if (outline != NULL && !block->headed)
        {
          g_autofree char *link = g_strdup_printf ("dest='%s'", block->anchor);
          cairo_pdf_surface_add_outline (cairo_get_target (cr), outline[2],
                                         block->text, link, 0);
        }
    }
}

/* A link tag's attributes: cairo reads quoted values with \ escapes. */
static char *
uri_link_attributes (const char *uri,
                     double      x,
                     double      y,
                     double      width,
                     double      height)
{
  GString *out = g_string_new ("uri='");

  for (const char *p = uri; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_printf (out, "' rect=[%f %f %f %f]", x, y, width, height);
  return g_string_free (out, FALSE);
}

/* One link area per line of @start..@end shown between @from and @to. */
static void
tag_text_range (cairo_t     *cr,
                PangoLayout *layout,
                const char  *uri,
                int          start,
                int          end,
                double       x,
                double       y,
                double       from,
                double       to)
{
  GArray *boxes = line_boxes (layout);

  for (guint i = first_line_from (boxes, from); i < boxes->len; i++)
    {
      LineBox *box = &g_array_index (boxes, LineBox, i);
      int *ranges = NULL, n_ranges = 0;

      if (box->top >= to)
        break;
      if (box->line->start_index >= end || box->line->start_index + box->line->length <= start)
        continue;
      pango_layout_line_get_x_ranges (box->line, start, end, &ranges, &n_ranges);
      for (int r = 0; r < n_ranges; r++)
        {
          double x0 = pango_units_to_double (ranges[2 * r]);
          double x1 = pango_units_to_double (ranges[2 * r + 1]);
          g_autofree char *attributes = uri_link_attributes (uri, x + x0, y - from + box->top,
                                                             x1 - x0, box->bottom - box->top);

          cairo_tag_begin (cr, CAIRO_TAG_LINK, attributes);
          cairo_tag_end (cr, CAIRO_TAG_LINK);
        }
      g_free (ranges);
    }
}

static void
tag_cell_links (cairo_t     *cr,
                Row         *row,
                guint        column,
                PangoLayout *layout,
                double       x,
                double       y,
                double       from,
                double       to)
{
  const char *text = pango_layout_get_text (layout);
  const char *next = text;

  for (guint i = 0; row->links != NULL && i < row->links->len; i++)
    {
      CellLink *link = g_ptr_array_index (row->links, i);
      const char *hit;

      if (link->column != column || (hit = strstr (next, link->text)) == NULL)
        continue;
      next = hit + strlen (link->text);
      tag_text_range (cr, layout, link->uri, hit - text, next - text, x, y, from, to);
    }
}

static void
render_row (cairo_t   *cr,
            Placement *p)
{
  gboolean stripe = p->row >= 0 && p->row % 2 == 1;
  MoatDocumentTable *table = p->block->table;
  Row *row = p->row < 0 ? table->header : g_ptr_array_index (table->rows, p->row);
  g_autofree char *link = NULL;
  double x = p->x;

  if (p->row < 0)
    cairo_set_source_rgb (cr, 0.90, 0.92, 0.95);
  else if (stripe)
    cairo_set_source_rgb (cr, 0.97, 0.97, 0.98);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, p->x, p->y, p->width, p->height);
  cairo_fill (cr);

  /* Links to a row lead to where it starts. */
  if (row->name != NULL && p->row >= 0 && (p->from == NULL || p->from[0] == 0))
    {
      g_autofree char *dest = g_strdup_printf ("name='%s' x=%f y=%f", row->name, p->x, p->y);

      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
      cairo_tag_end (cr, CAIRO_TAG_DEST);
    }

  if (row->anchor != NULL)
    {
      link = g_strdup_printf ("dest='%s'", row->anchor);
      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      double w = p->width * table->widths[i];
      double from = p->from ? p->from[i] : 0;
      double to = p->to ? p->to[i] : layout_height (row->layouts[i]);

      set_grey (cr, 0.12);
      if (to > from)
        {
          show_layout_part (cr, row->layouts[i], x + CELL_PAD, p->y + CELL_PAD, from, to);
          /* cairo cannot nest a link in the row's own. */
          if (link == NULL)
            tag_cell_links (cr, row, i, row->layouts[i], x + CELL_PAD, p->y + CELL_PAD, from, to);
        }
      x += w;
    }

  if (link != NULL)
    cairo_tag_end (cr, CAIRO_TAG_LINK);

  /* The rule sits on the row's own top edge: the next row's fill would
   * cover one on its bottom edge. */
  if (p->row >= 0)
    {
      set_grey (cr, 0.82);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, p->x, p->y);
      cairo_line_to (cr, p->x + p->width, p->y);
      cairo_stroke (cr);
    }
}

static void
render_placements (MoatDocument *self,
                   cairo_t      *cr,
                   guint         page,
                   int          *outline)
{
  guint low = 0, high = self->placements->len;

  /* Placements are made page after page: find the page's first one. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      Placement *p = g_ptr_array_index (self->placements, mid);

      if (p->page < page)
        low = mid + 1;
      else
        high = mid;
    }

  for (guint i = low; i < self->placements->len; i++)
    {
      Placement *p = g_ptr_array_index (self->placements, i);

      if (p->page != page)
        break;

      switch (p->block->kind)
        {
        case BLOCK_COVER:
          render_cover (self, cr, p);
          break;
        case BLOCK_HEADING:
          render_heading (self, cr, p, outline);
          break;
        case BLOCK_PARAGRAPH:
          render_paragraph (cr, p);
          break;
        case BLOCK_DRAWING:
          render_drawing (cr, p, outline);
          break;
        case BLOCK_TABLE:
          render_row (cr, p);
          break;
        default:
          break;
        }
    }
}

/**
 * moat_document_get_n_pages:
 *
 * Returns: the number of pages of the last pagination
 */
guint
moat_document_get_n_pages (MoatDocument *self)
{
  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), 0);

  return self->pages->len;
}

/**
 * moat_document_get_page_size:
 *
 * The size of page @page (from 0) of the last pagination, in points: a
 * page that holds a wide drawing is turned to landscape.
 */
void
moat_document_get_page_size (MoatDocument *self,
                             guint         page,
                             double       *width,
                             double       *height)
{
  Page *p;

  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (page < self->pages->len);

  p = &g_array_index (self->pages, Page, page);
  *width = p->width;
  *height = p->height;
}

/**
 * moat_document_render_page:
 *
 * Draws page @page (from 0) of the last pagination, in points with the
 * origin at the page's top-left corner.
 */
void
moat_document_render_page (MoatDocument *self,
                           cairo_t      *cr,
                           guint         page)
{
  g_return_if_fail (MOAT_IS_DOCUMENT (self));
  g_return_if_fail (page < self->pages->len);

  render_frame (self, cr, page);
  render_placements (self, cr, page, NULL);
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} StreamClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamClosure *sc = closure;

  if (sc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sc->stream, data, length, NULL, sc->cancellable, &sc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_pdf_surface (MoatDocument  *self,
                    StreamClosure *closure)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format_iso8601 (now);
  cairo_surface_t *surface;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, closure,
                                                 self->paper_width, self->paper_height);
  if (self->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  if (self->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Moat " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);

  return surface;
}

/**
 * moat_document_write_pdf_to_stream:
 * @progress: (nullable) (scope call): told how far the work is, from 0 to 1
 * @cancellable: (nullable): stops the work between pages
 *
 * Lays out and writes the whole document as a PDF with bookmarks for its
 * sections and figures, links, and metadata. The stream is not closed.
 *
 * The document may be built on one thread and written on another, as
 * long as only one thread uses it at a time.
 */
gboolean
moat_document_write_pdf_to_stream (MoatDocument              *self,
                                   GOutputStream             *stream,
                                   MoatPaper                  paper,
                                   MoatDocumentProgressFunc   progress,
                                   gpointer                   user_data,
                                   GCancellable              *cancellable,
                                   GError                   **error)
{
  StreamClosure closure = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  int outline[3] = { CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT };
  guint n_pages;

  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  moat_document_paper_size (paper, &width, &height);
  self->paper_width = width;
  self->paper_height = height;
  surface = create_pdf_surface (self, &closure);
  cr = cairo_create (surface);

  /* Measured with the PDF surface's own font options, the text is not
   * laid out a second time when it is drawn. */
  ensure_context (self);
  pango_cairo_update_context (cr, self->context);

  n_pages = paginate (self, width, height, progress, user_data, cancellable);
  for (guint i = 0; i < n_pages && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (progress != NULL)
        progress (PAGINATE_SHARE + (1 - PAGINATE_SHARE) * i / n_pages, user_data);
      cairo_pdf_surface_set_size (surface, page->width, page->height);
      render_frame (self, cr, i);
      render_placements (self, cr, i, outline);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&closure.error);
      return FALSE;
    }
  if (closure.error != NULL)
    {
      g_propagate_error (error, closure.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_WRITE, _("Could not write the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, user_data);

  return TRUE;
}

typedef struct
{
  MoatDocument *document;
  MoatPaper     paper;
} PdfJob;

static gboolean
write_pdf_job (GOutputStream  *stream,
               gpointer        user_data,
               GCancellable   *cancellable,
               GError        **error)
{
  PdfJob *job = user_data;

  return moat_document_write_pdf_to_stream (job->document, stream, job->paper,
                                            NULL, NULL, cancellable, error);
}

/**
 * moat_document_write_pdf:
 *
 * Writes the document to @file as moat_document_write_pdf_to_stream()
 * does. The file is replaced only once the whole PDF is written.
 */
gboolean
moat_document_write_pdf (MoatDocument  *self,
                         GFile         *file,
                         MoatPaper      paper,
                         GError       **error)
{
  PdfJob job = { self, paper };

  g_return_val_if_fail (MOAT_IS_DOCUMENT (self), FALSE);

  return moat_temp_file_replace (file, write_pdf_job, &job, NULL, error);
}
