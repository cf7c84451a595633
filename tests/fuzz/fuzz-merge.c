/* fuzz-merge.c: the three-way merge and resolving what it leaves
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An input is up to three Moat JSON models, base, ours and theirs,
 * separated by NUL bytes; a missing one is the one before it.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* The merged model, conflicts and all, is one Moat reads back. */
static void
check_valid (MoatModel  *model,
             const char *when)
{
  g_autofree char *json = moat_json_write (model, NULL);
  g_autoptr(MoatModel) again = NULL;
  g_autoptr(GError) error = NULL;

  again = moat_json_read (json, -1, &error);
  if (again == NULL)
    g_error ("%s, the model is not a valid Moat model: %s", when, error->message);
}

static guint
merge_and_check (MoatModel *base,
                 MoatModel *ours,
                 MoatModel *theirs,
                 gboolean   resolve)
{
  g_autoptr(MoatModel) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!moat_merge (base, ours, theirs, &result, &conflicts, &error))
    {
      if (error == NULL)
        g_error ("The merge failed without saying why");
      return 0;
    }
  check_valid (result, "After merging");
  n = conflicts->len;
  if (!resolve)
    return n;

  /* Settle every conflict, alternating sides: each step leaves a valid
   * model, and the whole can be undone. */
  open = moat_model_list_conflicts (result, NULL);
  for (guint i = 0; i < open->len; i++)
    {
      MoatConflict *conflict = g_ptr_array_index (open, i);
      MoatMergeSide side = (MoatMergeSide)(i % 3);
      g_autoptr(GError) resolve_error = NULL;

      if (moat_object_get_model (MOAT_OBJECT (conflict)) != result)
        continue;  /* it went with an object an earlier choice deleted */
      if (!moat_model_resolve_conflict (result, conflict, side, NULL, &resolve_error) &&
          resolve_error == NULL)
        g_error ("Resolving failed without saying why");
      check_valid (result, "After resolving a conflict");
    }
  while (moat_model_undo (result))
    ;
  check_valid (result, "After undoing the resolutions");
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *)data;
  const char *parts[3] = { NULL, };
  gsize lengths[3] = { 0, };
  MoatModel *models[3] = { NULL, };
  gsize start = 0;
  guint n_parts = 0;

  for (gsize i = 0; i <= size && n_parts < 3; i++)
    if (i == size || data[i] == '\0')
      {
        parts[n_parts] = text + start;
        lengths[n_parts++] = i - start;
        start = i + 1;
      }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;

      if (i >= n_parts)
        {
          models[i] = g_object_ref (models[i - 1]);
          continue;
        }
      models[i] = moat_json_read (parts[i], lengths[i], &error);
      if (models[i] == NULL)
        break;
    }

  if (models[2] != NULL)
    {
      merge_and_check (models[0], models[1], models[2], TRUE);

      /* One side's changes alone merge without conflict. */
      if (merge_and_check (models[0], models[1], models[0], FALSE) != 0 ||
          merge_and_check (models[0], models[0], models[2], FALSE) != 0 ||
          merge_and_check (models[0], models[1], models[1], FALSE) != 0)
        g_error ("A merge in which one side changed nothing has conflicts");
    }

  for (guint i = 0; i < 3; i++)
    g_clear_object (&models[i]);
  return 0;
}
