/* moat-error.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MOAT_ERROR (moat_error_quark ())

typedef enum {
  MOAT_ERROR_FAILED,
  MOAT_ERROR_NOT_FOUND,      /* no such file */
  MOAT_ERROR_PERMISSION,     /* not readable or not writable */
  MOAT_ERROR_NOT_A_FILE,     /* a directory or a special file */
  MOAT_ERROR_NOT_MOAT,       /* a file of another kind */
  MOAT_ERROR_CORRUPT,        /* a Moat file that is damaged */
  MOAT_ERROR_NEWER_VERSION,  /* written by a newer Moat */
  MOAT_ERROR_INVALID,        /* content that breaks the model's rules */
  MOAT_ERROR_WRITE,          /* the file could not be written */
  MOAT_ERROR_LOCKED,         /* another process is editing the file */
  MOAT_ERROR_UNSAFE,         /* a file holding objects Moat did not put there */
  MOAT_ERROR_CHANGED,        /* the file was moved away, replaced or deleted */
  MOAT_ERROR_TOO_LONG,       /* a text longer than Moat accepts */
} MoatError;

GQuark   moat_error_quark              (void);

gboolean moat_error_set_invalid        (GError     **error,
                                        const char  *where,
                                        const char  *format,
                                        ...) G_GNUC_PRINTF (3, 4);
gboolean moat_error_set_invalid_valist (GError     **error,
                                        const char  *where,
                                        const char  *format,
                                        va_list      args) G_GNUC_PRINTF (3, 0);

G_END_DECLS
