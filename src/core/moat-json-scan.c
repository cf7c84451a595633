/* moat-json-scan.c: one pass over JSON from elsewhere before it is parsed
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib keeps the last of two members with one name and says
 * nothing: a file with "title" twice would show one title in a text
 * editor's search and import another. The scan follows strings and
 * brackets only, and holds the keys of the objects still open, never
 * the whole file.
 */

#include "config.h"

#include <string.h>

#include "moat-json-scan.h"

typedef struct
{
  gboolean    object;
  GHashTable *keys;      /* made at the first key: "{}" costs nothing */
  char       *key;       /* the member being read */
  guint       index;     /* the item being read */
  gboolean    want_key;
} Frame;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_hash_table_unref);
  g_clear_pointer (&frame->key, g_free);
}

static void
append_escape (GString     *out,
               const char **p)
{
  const char *q = *p;

  switch (*q)
    {
    case 'b': g_string_append_c (out, '\b'); break;
    case 'f': g_string_append_c (out, '\f'); break;
    case 'n': g_string_append_c (out, '\n'); break;
    case 'r': g_string_append_c (out, '\r'); break;
    case 't': g_string_append_c (out, '\t'); break;
    case 'u':
      {
        char hex[5] = { 0 };

        /* Surrogate halves stay apart: enough to tell keys apart. */
        memcpy (hex, q + 1, 4);
        g_string_append_unichar (out, (gunichar) g_ascii_strtoull (hex, NULL, 16));
        q += 4;
        break;
      }
    default: g_string_append_c (out, *q); break;
    }
  *p = q;
}

/* Reads the string that starts after the quote at *p; leaves *p on the
 * closing quote. */
static char *
read_string (const char **p,
             const char  *end)
{
  GString *out = g_string_new (NULL);
  const char *q = *p + 1;

  for (; q < end && *q != '"'; q++)
    {
      if (*q == '\\' && q + 1 < end)
        {
          q++;
          append_escape (out, &q);
        }
      else
        g_string_append_c (out, *q);
    }

  *p = q;
  return g_string_free (out, FALSE);
}

static void
skip_string (const char **p,
             const char  *end)
{
  const char *q = *p + 1;

  while (q < end && *q != '"')
    q += *q == '\\' ? 2 : 1;
  *p = q;
}

static char *
path_of (GArray *stack)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < stack->len; i++)
    {
      Frame *frame = &g_array_index (stack, Frame, i);

      if (!frame->object)
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->key != NULL)
        g_string_append_printf (path, "%s%s", path->len ? "." : "", frame->key);
    }
  return g_string_free (path, FALSE);
}

static void
take_key (GArray  *stack,
          Frame   *frame,
          char    *key,
          char   **duplicate)
{
  g_clear_pointer (&frame->key, g_free);
  frame->key = key;
  frame->want_key = FALSE;
  if (frame->keys == NULL)
    frame->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (frame->keys, g_strdup (key)) && *duplicate == NULL)
    *duplicate = path_of (stack);
}

static void
push (GArray   *stack,
      gboolean  object)
{
  Frame frame = { object, NULL, NULL, 0, object };

  g_array_append_val (stack, frame);
}

/**
 * moat_json_scan:
 * @data: JSON text from elsewhere, not yet parsed
 * @max_depth: how deep lists and objects may nest
 * @scan: (out caller-allocates): what was found; clear it with
 *   moat_json_scan_clear()
 *
 * One pass over text before json-glib parses it. The parser recurses
 * once per level, so a pathological nesting must be refused before it can
 * exhaust the stack; it spends hundreds of bytes per value, so the values
 * are counted first; and it keeps the last of two members with one name
 * without a word. Meaningful only for text that then parses.
 */
void
moat_json_scan (const char   *data,
                gsize         length,
                guint         max_depth,
                MoatJsonScan *scan)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  const char *end = data + length;

  memset (scan, 0, sizeof *scan);
  g_array_set_clear_func (stack, frame_clear);
  for (const char *p = data; p < end; p++)
    {
      Frame *top = stack->len ? &g_array_index (stack, Frame, stack->len - 1) : NULL;

      if ((*p == '{' || *p == '[') && stack->len == max_depth)
        {
          scan->too_deep = TRUE;
          return;
        }
      if (*p == '{' || *p == '[')
        {
          scan->containers++, scan->items++;
          push (stack, *p == '{');
        }
      else if ((*p == '}' || *p == ']') && top != NULL)
        g_array_set_size (stack, stack->len - 1);
      else if (*p == ',' || *p == ':')
        {
          scan->items++;
          if (*p == ',' && top != NULL && top->object)
            top->want_key = TRUE;
          else if (*p == ',' && top != NULL)
            top->index++;
        }
      else if (*p == '"' && top != NULL && top->object && top->want_key)
        take_key (stack, top, read_string (&p, end), &scan->duplicate);
      else if (*p == '"')
        skip_string (&p, end);
    }
}

void
moat_json_scan_clear (MoatJsonScan *scan)
{
  g_clear_pointer (&scan->duplicate, g_free);
}
