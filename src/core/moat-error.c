/* moat-error.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "moat-error.h"

G_DEFINE_QUARK (moat-error-quark, moat_error)

/**
 * moat_error_set_invalid:
 * @where: (nullable): where in the input, like a file or "when.all[1]"
 *
 * Sets @error to %MOAT_ERROR_INVALID, its message starting with @where so
 * that a person can find what to fix.
 *
 * Returns: %FALSE, to return it at once
 */
gboolean
moat_error_set_invalid (GError     **error,
                        const char  *where,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  moat_error_set_invalid_valist (error, where, format, args);
  va_end (args);
  return FALSE;
}

gboolean
moat_error_set_invalid_valist (GError     **error,
                               const char  *where,
                               const char  *format,
                               va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  if (where == NULL)
    g_set_error_literal (error, MOAT_ERROR, MOAT_ERROR_INVALID, message);
  else
    g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, "%s: %s", where, message);
  return FALSE;
}
