/* moat-format-registry.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The formats Moat knows: telling them apart, naming them and handing a
 * file to its reader or a model to its writer. The readers and writers
 * build on the helpers in moat-format.c and never call back here, so the
 * dependencies run one way: registry -> readers/writers -> helpers.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "moat-assumption-rule.h"
#include "moat-error.h"
#include "moat-format-otm.h"
#include "moat-format-private.h"
#include "moat-format-threat-dragon.h"
#include "moat-format-threat-dragon-v1.h"
#include "moat-format-tm7.h"
#include "moat-format-tmbom.h"
#include "moat-json.h"
#include "moat-limits.h"
#include "moat-store.h"

/* ------------------------------------------------------------------ */
/* Reading untrusted JSON                                              */

static MoatModel *
too_large (GError **error)
{
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
               _("The file is larger than %d MB, too large to import"),
               MOAT_FORMAT_MAX_INPUT / (1024 * 1024));
  return NULL;
}

static gboolean
is_sqlite (const char *data,
           gsize       length)
{
  return length >= 16 && memcmp (data, "SQLite format 3", 16) == 0;
}

static gboolean
is_moat_project (const char *data,
                 gsize       length)
{
  const guchar *id = (const guchar *)data + 68;

  if (!is_sqlite (data, length) || length < 72)
    return FALSE;

  return ((guint32)id[0] << 24 | (guint32)id[1] << 16 | (guint32)id[2] << 8 | id[3])
         == MOAT_STORE_APPLICATION_ID;
}

static gboolean
td_v1_diagrams (JsonObject *root)
{
  JsonNode *detail = json_object_get_member (root, "detail");
  JsonNode *diagrams;
  JsonArray *array;

  if (detail == NULL || !JSON_NODE_HOLDS_OBJECT (detail))
    return FALSE;
  diagrams = json_object_get_member (json_node_get_object (detail), "diagrams");
  if (diagrams == NULL || !JSON_NODE_HOLDS_ARRAY (diagrams))
    return FALSE;

  array = json_node_get_array (diagrams);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item) &&
          json_object_has_member (json_node_get_object (item), "diagramJson"))
        return TRUE;
    }

  return FALSE;
}

static MoatFormat
detect_node (JsonNode *node)
{
  JsonObject *root;
  const char *version;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return MOAT_FORMAT_UNKNOWN;
  root = json_node_get_object (node);

  if (g_strcmp0 (moat_format_peek_string (root, "format"), "moat") == 0)
    return MOAT_FORMAT_MOAT;

  if (json_object_has_member (root, "otmVersion"))
    return MOAT_FORMAT_OTM;

  if (moat_tmbom_detect (root))
    return MOAT_FORMAT_TMBOM;

  version = moat_format_peek_string (root, "version");
  if (version != NULL && (g_str_has_prefix (version, "0.") || g_str_has_prefix (version, "1.")))
    return MOAT_FORMAT_THREAT_DRAGON_V1;
  if (td_v1_diagrams (root))
    return MOAT_FORMAT_THREAT_DRAGON_V1;
  if ((version != NULL && g_str_has_prefix (version, "2.")) ||
      (json_object_has_member (root, "summary") && json_object_has_member (root, "detail")))
    return MOAT_FORMAT_THREAT_DRAGON;

  if (json_object_has_member (root, "project") &&
      (json_object_has_member (root, "trustZones") || json_object_has_member (root, "components") ||
       json_object_has_member (root, "dataflows")))
    return MOAT_FORMAT_OTM;

  return MOAT_FORMAT_UNKNOWN;
}

/**
 * moat_format_detect:
 *
 * Tells which format @data is in, from its content alone. Costs a full
 * parse for JSON; formats it cannot read at all give
 * %MOAT_FORMAT_UNKNOWN.
 */
MoatFormat
moat_format_detect (const char *data,
                    gsize       length)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, MOAT_FORMAT_UNKNOWN);

  if (is_sqlite (data, length))
    return is_moat_project (data, length) ? MOAT_FORMAT_MOAT_PROJECT : MOAT_FORMAT_UNKNOWN;
  if (moat_tm7_detect (data, length))
    return MOAT_FORMAT_TM7;

  root = moat_json_parse_untrusted (data, length, NULL);
  return detect_node (root);
}

static const struct {
  MoatFormat  format;
  const char *name;
} format_names[] = {
  { MOAT_FORMAT_MOAT, "moat" },
  { MOAT_FORMAT_MOAT, "json" },
  { MOAT_FORMAT_THREAT_DRAGON, "threat-dragon" },
  { MOAT_FORMAT_THREAT_DRAGON_V1, "threat-dragon-1" },
  { MOAT_FORMAT_OTM, "otm" },
  { MOAT_FORMAT_TMBOM, "tm-bom" },
  { MOAT_FORMAT_TMBOM, "tmbom" },
  { MOAT_FORMAT_TM7, "tm7" },
  { MOAT_FORMAT_UNKNOWN, "auto" },
};

/* The name on the command line: moat, threat-dragon, otm, tm-bom. */
const char *
moat_format_get_name (MoatFormat format)
{
  switch (format)
    {
    case MOAT_FORMAT_MOAT:
      return "moat";
    case MOAT_FORMAT_MOAT_PROJECT:
      return "moat-project";
    case MOAT_FORMAT_THREAT_DRAGON:
      return "threat-dragon";
    case MOAT_FORMAT_THREAT_DRAGON_V1:
      return "threat-dragon-1";
    case MOAT_FORMAT_OTM:
      return "otm";
    case MOAT_FORMAT_TMBOM:
      return "tm-bom";
    case MOAT_FORMAT_TM7:
      return "tm7";
    case MOAT_FORMAT_UNKNOWN:
    default:
      return "auto";
    }
}

/* The name people know the format by. */
const char *
moat_format_get_label (MoatFormat format)
{
  switch (format)
    {
    case MOAT_FORMAT_MOAT:
      return _("Moat JSON");
    case MOAT_FORMAT_MOAT_PROJECT:
      return _("Moat project");
    case MOAT_FORMAT_THREAT_DRAGON:
      return _("OWASP Threat Dragon");
    case MOAT_FORMAT_THREAT_DRAGON_V1:
      return _("OWASP Threat Dragon 1.x");
    case MOAT_FORMAT_OTM:
      return _("Open Threat Model");
    case MOAT_FORMAT_TMBOM:
      return _("OWASP TM-BOM");
    case MOAT_FORMAT_TM7:
      return _("Microsoft Threat Modeling Tool");
    case MOAT_FORMAT_UNKNOWN:
    default:
      return _("unknown format");
    }
}

/* Accepts “auto” (giving %MOAT_FORMAT_UNKNOWN: detect) and the names of
 * moat_format_get_name(), plus “json” for Moat JSON. */
gboolean
moat_format_from_name (const char *name,
                       MoatFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_strcmp0 (name, format_names[i].name) == 0)
      {
        *format = format_names[i].format;
        return TRUE;
      }

  return FALSE;
}

/* Native JSON carries everything: the report only counts. */
static MoatImportReport *
count_all (MoatImportReport *report,
           MoatModel        *model)
{
  const GType *types;
  guint n_types;

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    for (guint i = moat_model_count (model, types[t]); i > 0; i--)
      moat_import_report_count_object (report, types[t]);

  return report;
}

static MoatModel *
import_native (JsonNode          *root,
               MoatImportReport **report,
               GError           **error)
{
  MoatModel *model = moat_json_read_node (root, error);

  /* A file may arrive with assumptions already invalidated: their threats
   * are flagged as if the team had marked them here. */
  if (model != NULL)
    moat_assumption_flag_loaded (model);
  if (model != NULL && report != NULL)
    *report = count_all (moat_import_report_new (moat_format_get_label (MOAT_FORMAT_MOAT), FALSE), model);
  return model;
}

static MoatModel *
refuse (MoatFormat   format,
        GError     **error)
{
  switch (format)
    {
    case MOAT_FORMAT_MOAT_PROJECT:
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                   _("This is a Moat project file; open it instead of importing it"));
      break;
    case MOAT_FORMAT_UNKNOWN:
    default:
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                   _("The file is not a threat model Moat can import: it reads Moat JSON, "
                     "OWASP Threat Dragon (1.x and 2.x), Open Threat Model, OWASP TM-BOM and Microsoft "
                     "Threat Modeling Tool (.tm7) files"));
      break;
    }

  return NULL;
}

/* Moat JSON checks the limits as it reads; other formats' models are
 * checked once built. */
static MoatModel *
within_limits (MoatModel         *model,
               MoatImportReport **report,
               GError           **error)
{
  if (model != NULL && !moat_limits_check_model (model, error))
    {
      g_object_unref (model);
      if (report != NULL)
        g_clear_object (report);
      return NULL;
    }
  return model;
}

/**
 * moat_format_import:
 * @format: the format of @data, or %MOAT_FORMAT_UNKNOWN to detect it
 * @report: (out) (optional): what was imported and what was not
 *
 * Reads a model from a file of another tool. Input is untrusted: anything
 * malformed gives an error, or a model with the problems in @report,
 * never a crash; inputs over %MOAT_FORMAT_MAX_INPUT, and texts beyond the
 * limits of moat-limits.h, are refused.
 *
 * Returns: (transfer full): a new model, not yet bound to any file
 */
MoatModel *
moat_format_import (const char         *data,
                    gsize               length,
                    MoatFormat          format,
                    MoatImportReport  **report,
                    GError            **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (report != NULL)
    *report = NULL;

  if (length > MOAT_FORMAT_MAX_INPUT)
    return too_large (error);

  if (is_sqlite (data, length))
    return refuse (is_moat_project (data, length) ? MOAT_FORMAT_MOAT_PROJECT : MOAT_FORMAT_UNKNOWN,
                   error);

  /* XML is told from JSON by its start, before any JSON parse. */
  if (format == MOAT_FORMAT_TM7 || (format == MOAT_FORMAT_UNKNOWN && moat_tm7_detect (data, length)))
    return within_limits (moat_tm7_import (data, length, report, error), report, error);

  if (!(root = moat_json_parse_untrusted (data, length, error)))
    return NULL;

  if (format == MOAT_FORMAT_UNKNOWN)
    format = detect_node (root);
  else if (format == MOAT_FORMAT_THREAT_DRAGON && detect_node (root) == MOAT_FORMAT_THREAT_DRAGON_V1)
    format = MOAT_FORMAT_THREAT_DRAGON_V1;
  else if (format == MOAT_FORMAT_THREAT_DRAGON_V1 && detect_node (root) == MOAT_FORMAT_THREAT_DRAGON)
    /* Upgrading a 2.x file would find no diagramJson and empty every diagram. */
    format = MOAT_FORMAT_THREAT_DRAGON;

  /* Threat Dragon once sketched TM-BOM as a CycloneDX BOM; what it reads
   * and writes now is the Threat Model Library's schema. */
  if (format == MOAT_FORMAT_UNKNOWN && JSON_NODE_HOLDS_OBJECT (root) &&
      g_strcmp0 (moat_format_peek_string (json_node_get_object (root), "bomFormat"), "CycloneDX") == 0)
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_MOAT,
                   _("This is a CycloneDX BOM, which Moat does not read; it reads OWASP TM-BOM files "
                     "as Threat Dragon writes them (the OWASP Threat Model Library’s schema)"));
      return NULL;
    }

  switch (format)
    {
    case MOAT_FORMAT_MOAT:
      return import_native (root, report, error);
    case MOAT_FORMAT_THREAT_DRAGON:
      return within_limits (moat_threat_dragon_import (root, report, error), report, error);
    case MOAT_FORMAT_THREAT_DRAGON_V1:
      return within_limits (moat_threat_dragon_v1_import (root, report, error), report, error);
    case MOAT_FORMAT_OTM:
      return within_limits (moat_otm_import (root, report, error), report, error);
    case MOAT_FORMAT_TMBOM:
      return within_limits (moat_tmbom_import (root, report, error), report, error);
    case MOAT_FORMAT_TM7:  /* read above: a JSON file cannot be one */
    case MOAT_FORMAT_MOAT_PROJECT:
    case MOAT_FORMAT_UNKNOWN:
    default:
      return refuse (format, error);
    }
}

/**
 * moat_format_import_file:
 * @format: the format of @file, or %MOAT_FORMAT_UNKNOWN to detect it
 * @report: (out) (optional): what was imported and what was not
 *
 * moat_format_import() on a file's contents. The file's size is checked
 * before it is read, and errors name the file, so that a person who
 * dropped or picked several files knows which one failed.
 *
 * Returns: (transfer full): a new model, not yet bound to any file
 */
MoatModel *
moat_format_import_file (GFile             *file,
                         MoatFormat         format,
                         MoatImportReport **report,
                         GError           **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  gsize length;
  MoatModel *model;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (report != NULL)
    *report = NULL;

  name = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      int code = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
        ? MOAT_ERROR_NOT_FOUND : MOAT_ERROR_PERMISSION;

      g_set_error (error, MOAT_ERROR, code, _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_A_FILE,
                        _("“%s” is not a regular file"), name), NULL;
  if (g_file_info_get_size (info) > MOAT_FORMAT_MAX_INPUT)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("“%s” is larger than %d MB, too large to import"),
                        name, MOAT_FORMAT_MAX_INPUT / (1024 * 1024)), NULL;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_PERMISSION, _("Could not read “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }

  model = moat_format_import (data, length, format, report, &local_error);
  if (model == NULL)
    g_set_error (error, MOAT_ERROR, local_error->code, "%s: %s", name, local_error->message);

  return model;
}

/**
 * moat_format_export:
 * @report: (out) (optional): what was written and what could not be
 *
 * Returns: (transfer full): @model as a file of @format, or %NULL with
 *   @error set for a format Moat cannot write
 */
char *
moat_format_export (MoatModel         *model,
                    MoatFormat         format,
                    MoatImportReport **report,
                    GError           **error)
{
  g_return_val_if_fail (MOAT_IS_MODEL (model), NULL);

  if (report != NULL)
    *report = NULL;

  switch (format)
    {
    case MOAT_FORMAT_MOAT:
      if (report != NULL)
        *report = count_all (moat_import_report_new (moat_format_get_label (format), TRUE), model);
      return moat_json_write (model, NULL);
    case MOAT_FORMAT_THREAT_DRAGON:
      return moat_threat_dragon_export (model, report);
    case MOAT_FORMAT_OTM:
      return moat_otm_export (model, report);
    case MOAT_FORMAT_TMBOM:
      return moat_tmbom_export (model, report);
    case MOAT_FORMAT_MOAT_PROJECT:
    case MOAT_FORMAT_THREAT_DRAGON_V1:
    case MOAT_FORMAT_TM7:
    case MOAT_FORMAT_UNKNOWN:
    default:
      g_set_error (error, MOAT_ERROR, MOAT_ERROR_FAILED,
                   _("Moat cannot write files in the format “%s”"),
                   moat_format_get_name (format));
      return NULL;
    }
}

/* ------------------------------------------------------------------ */
/* Reading any model to look at                                        */

/**
 * moat_format_file_is_project:
 *
 * Returns: whether @file is a project file rather than a file to import;
 *   one that cannot be read counts as one, so that the store words the
 *   error
 */
gboolean
moat_format_file_is_project (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char header[16];
  gsize n_read = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, NULL))
    return TRUE;
  return is_sqlite (header, n_read);
}

/**
 * moat_format_load_file:
 *
 * Reads a model to look at it, as `moat-cli diff` and Compare With… do:
 * a project file, opened read-only, or any file Import takes. Nothing is
 * written to the file.
 *
 * Returns: (transfer full) (nullable): the model, in memory
 */
MoatModel *
moat_format_load_file (GFile   *file,
                       GError **error)
{
  g_autoptr(MoatStore) store = NULL;
  MoatModel *model;

  if (!moat_format_file_is_project (file))
    return moat_format_import_file (file, MOAT_FORMAT_UNKNOWN, NULL, error);
  if (!(store = moat_store_open_read_only (file, error)))
    return NULL;
  model = g_object_ref (moat_store_get_model (store));
  /* Closed, the store no longer listens to the model: it stays in memory. */
  moat_store_close (store);
  return model;
}
