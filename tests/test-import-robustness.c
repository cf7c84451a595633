/* test-import-robustness.c: files from elsewhere never crash Moat
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input here must give a clear error or a model Moat itself accepts,
 * in bounded time and memory. Inputs that once crashed a fuzz target are
 * replayed from tests/fuzz/regressions/.
 */

#include "config.h"

#include <math.h>
#include <sys/mman.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fuzz/fuzz-common.h"
#include "moat-limits.h"
#include "moat-test-util.h"

/* Imports @data as @format and checks the outcome: a model Moat accepts,
 * writes and reads back, or an error with a message. */
static MoatModel *
try_import (const char *data,
            gsize       length,
            MoatFormat  format)
{
  g_autoptr(MoatImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  MoatModel *model = moat_format_import (data, length, format, &report, &error);

  if (model == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      return NULL;
    }

  g_assert_no_error (error);
  g_assert_nonnull (report);
  fuzz_check_model (model);
  return model;
}

static void
assert_refused (const char *data,
                gsize       length,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = moat_format_import (data, length, MOAT_FORMAT_UNKNOWN, NULL, &error);

  g_assert_null (model);
  g_assert_error (error, MOAT_ERROR, error->code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

static void
test_not_models (void)
{
  const char *inputs[] = {
    "", " ", "null", "0", "-1e999", "[]", "{}", "\"x\"", "tru", "{\"a\":", "[1, 2", "}",
    "{\"version\": 2}", "{\"summary\": 1, \"detail\": 2}", "{\"otmVersion\": null, \"project\": 5}",
    "{\"format\": \"moat\"}", "SQLite format 3", "\x00\x01\x02",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    for (MoatFormat f = MOAT_FORMAT_UNKNOWN; f <= MOAT_FORMAT_OTM; f++)
      {
        g_autoptr(MoatModel) model = try_import (inputs[i], strlen (inputs[i]), f);
        g_assert_null (model);
      }
}

static void
test_invalid_utf8 (void)
{
  const char td[] = "{\"version\": \"2.1.0\", \"summary\": {\"title\": \"\xff\xfe\"}, \"detail\": {\"diagrams\": []}}";
  const char escaped[] = "{\"version\": \"2.1.0\", \"summary\": {\"title\": \"\\ud800\\udfff\\ud800\"},"
                         " \"detail\": {\"diagrams\": []}}";
  g_autoptr(MoatModel) model = NULL;

  assert_refused (td, sizeof td - 1, "UTF-8");
  /* Escapes that name no character must not smuggle bad text in. */
  model = try_import (escaped, sizeof escaped - 1, MOAT_FORMAT_UNKNOWN);
  if (model != NULL && moat_model_get_title (model) != NULL)
    g_assert_true (g_utf8_validate (moat_model_get_title (model), -1, NULL));
}

static void
test_deep_nesting (void)
{
  const guint depth = 100000;
  g_autoptr(GString) text = g_string_new ("{\"version\": \"2.0.0\", \"summary\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append (text, "{\"a\": [");
  for (guint i = 0; i < depth; i++)
    g_string_append (text, "]}");
  g_string_append (text, ", \"detail\": {}}");

  assert_refused (text->str, text->len, "deep");
}

static const char huge_td[] =
  "{\"version\": \"2.3.0\", \"summary\": {\"title\": \"Huge\"}, \"detail\": {\"diagrams\": [{\"cells\": ["
  " {\"id\": \"a\", \"shape\": \"actor\", \"data\": {\"type\": \"tm.Actor\"},"
  "  \"position\": {\"x\": 1e308, \"y\": -1e300}, \"size\": {\"width\": 1e308, \"height\": 4e-320}},"
  " {\"id\": \"b\", \"shape\": \"store\", \"data\": {\"type\": \"tm.Store\"},"
  "  \"position\": {\"x\": 99999999999999999999999, \"y\": -9223372036854775808}, \"size\": {\"width\": 1e999, \"height\": -1e999}},"
  " {\"id\": \"c\", \"shape\": \"trust-boundary-curve\", \"data\": {\"type\": \"tm.Boundary\"},"
  "  \"source\": {\"x\": -1e308, \"y\": 1e308}, \"target\": {\"x\": 1e308, \"y\": -1e308}},"
  " {\"id\": \"f\", \"shape\": \"flow\", \"data\": {\"type\": \"tm.Flow\"},"
  "  \"source\": {\"cell\": \"a\"}, \"target\": {\"x\": 1e308, \"y\": 1e308},"
  "  \"vertices\": [{\"x\": 1e308, \"y\": -1e308}, {\"x\": 1e-308, \"y\": 0}]}"
  "]}]}}";

static const char huge_otm[] =
  "{\"otmVersion\": \"0.1.0\", \"project\": {\"name\": \"Huge\", \"id\": \"h\"},"
  " \"representations\": [{\"id\": \"d\", \"name\": \"D\", \"type\": \"diagram\"}],"
  " \"trustZones\": [{\"id\": \"z\", \"name\": \"Z\", \"risk\": {\"trustRating\": 1e308},"
  "   \"representations\": [{\"representation\": \"d\", \"id\": \"r\", \"position\": {\"x\": 1e308, \"y\": 1e308},"
  "                          \"size\": {\"width\": 1e308, \"height\": 1e308}}]}],"
  " \"components\": [{\"id\": \"c\", \"name\": \"C\", \"type\": \"x\", \"parent\": {\"trustZone\": \"z\"},"
  "   \"representations\": [{\"representation\": \"d\", \"id\": \"r2\", \"position\": {\"x\": 1e308, \"y\": -1e308}}]}],"
  " \"threats\": [{\"id\": \"t\", \"name\": \"T\", \"risk\": {\"likelihood\": -1e300, \"impact\": 1e308}}],"
  " \"assets\": [{\"id\": \"a\", \"name\": \"A\", \"risk\": {\"confidentiality\": 1e308, \"integrity\": -1,"
  "   \"availability\": 101}}]}";

/* Numbers at the ends of what a double holds are clamped or reported. */
static void
test_huge_numbers (void)
{
  g_autoptr(MoatModel) td = try_import (huge_td, sizeof huge_td - 1, MOAT_FORMAT_UNKNOWN);
  g_autoptr(MoatModel) otm = try_import (huge_otm, sizeof huge_otm - 1, MOAT_FORMAT_UNKNOWN);
  MoatElement *element;

  /* json-glib may refuse some of these numbers outright; if it reads
   * them, they must come out on the diagram. */
  if (td != NULL)
    {
      element = moat_model_lookup (td, "a");
      g_assert_cmpfloat (fabs (moat_element_get_x (element)), <=, 1e6);
      g_assert_cmpfloat (fabs (moat_element_get_y (element)), <=, 1e6);
      g_assert_cmpfloat (moat_element_get_width (element), <=, 1e5);
      g_assert_cmpfloat (moat_element_get_height (element), >=, 1);
    }

  g_assert_nonnull (otm);
  element = moat_model_lookup (otm, "c");
  g_assert_cmpfloat (fabs (moat_element_get_x (element)), <=, 1e9);
  g_assert_cmpfloat (moat_threat_get_likelihood (moat_model_lookup (otm, "t")), ==, 1);
  g_assert_cmpfloat (moat_threat_get_impact (moat_model_lookup (otm, "t")), ==, 5);
}

/* ---- structural mutations of the samples ---- */

typedef struct
{
  JsonNode *parent;
  char     *key;     /* for objects */
  guint     index;   /* for arrays */
} Slot;

static void
slot_clear (Slot *slot)
{
  g_free (slot->key);
}

static void
collect (JsonNode *node,
         GArray   *slots)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) keys = json_object_get_members (json_node_get_object (node));

      for (GList *l = keys; l != NULL; l = l->next)
        {
          Slot slot = { node, g_strdup (l->data), 0 };

          g_array_append_val (slots, slot);
          collect (json_object_get_member (json_node_get_object (node), l->data), slots);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Slot slot = { node, NULL, i };

          g_array_append_val (slots, slot);
          collect (json_array_get_element (array, i), slots);
        }
    }
}

static JsonNode *
slot_get (Slot *slot)
{
  if (slot->key != NULL)
    return json_object_get_member (json_node_get_object (slot->parent), slot->key);
  return json_array_get_element (json_node_get_array (slot->parent), slot->index);
}

/* json-glib arrays cannot replace an element: rebuild the array. */
static void
slot_set (Slot     *slot,
          JsonNode *value)
{
  JsonArray *old, *array;

  if (slot->key != NULL)
    {
      json_object_set_member (json_node_get_object (slot->parent), slot->key, json_node_ref (value));
      return;
    }

  old = json_node_get_array (slot->parent);
  array = json_array_sized_new (json_array_get_length (old));
  for (guint i = 0; i < json_array_get_length (old); i++)
    json_array_add_element (array, json_node_ref (i == slot->index ? value : json_array_get_element (old, i)));
  json_node_take_array (slot->parent, array);
}

/* Another type in place of the value there. */
static JsonNode *
swapped (JsonNode *node)
{
  JsonNode *other = json_node_alloc ();

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_init_array (other, json_array_new ());
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_init_string (other, "x");
  if (JSON_NODE_HOLDS_NULL (node))
    return json_node_init_object (other, json_object_new ());
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return json_node_init_double (other, 1e308);
    case G_TYPE_BOOLEAN:
      return json_node_init_null (other);
    default:
      return json_node_init_string (other, "7");
    }
}

static void
import_tree (JsonNode   *root,
             MoatFormat  format)
{
  g_autofree char *text = json_to_string (root, FALSE);
  g_autoptr(MoatModel) model = try_import (text, strlen (text), format);
}

/* Each value of a sample in turn replaced by one of another type, and
 * each member in turn removed. */
static void
mutate_sample (const char *path,
               MoatFormat  format)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  JsonNode *root;

  g_array_set_clear_func (slots, (GDestroyNotify)slot_clear);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  collect (root, slots);
  g_test_message ("%s: %u values", path, slots->len);

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      g_autoptr(JsonNode) old = json_node_ref (slot_get (slot));
      g_autoptr(JsonNode) other = swapped (old);

      slot_set (slot, other);
      import_tree (root, format);

      if (slot->key != NULL)
        {
          json_object_remove_member (json_node_get_object (slot->parent), slot->key);
          import_tree (root, format);
        }
      slot_set (slot, old);
    }
}

static void
test_mutated_samples (void)
{
  const struct { const char *dir, *name; MoatFormat format; } files[] = {
    { "samples/threat-dragon", "v2-threat-model.json", MOAT_FORMAT_THREAT_DRAGON },
    { "samples/threat-dragon", "three-tier-web-app.json", MOAT_FORMAT_THREAT_DRAGON },
    { "samples/otm", "mobile-cloud.otm.json", MOAT_FORMAT_OTM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = moat_test_shared_dir (files[i].dir);
      g_autofree char *path = NULL;

      if (dir == NULL)
        {
          g_test_skip ("../shared/samples is not there");
          return;
        }
      path = g_build_filename (dir, files[i].name, NULL);
      mutate_sample (path, files[i].format);
    }
}

/* Every prefix of a sample: files cut short by a failed download. */
static void
test_truncated_samples (void)
{
  g_autofree char *dir = moat_test_shared_dir ("samples/threat-dragon");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (dir == NULL)
    {
      g_test_skip ("../shared/samples is not there");
      return;
    }

  path = g_build_filename (dir, "v2-threat-model.json", NULL);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  for (gsize n = 0; n < length; n += 61)
    {
      g_autoptr(MoatModel) model = try_import (text, n, MOAT_FORMAT_UNKNOWN);
      g_assert_null (model);
    }
}

/* ---- size ---- */

static void
test_too_many_values (void)
{
  const gsize size = 100 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (size + 16);
  gint64 start = g_get_monotonic_time ();

  g_string_append_c (text, '[');
  while (text->len < size)
    g_string_append (text, "{},{},{},{},{},{},{},{},");
  g_string_append (text, "{}]");

  assert_refused (text->str, text->len, "too many");
  /* Refused before parsing: a fraction of a second, not a minute. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

/* 60 MB of real model: long texts (each as long as a description may
 * be), not millions of values. */
static void
test_large_model (void)
{
  g_autoptr(GString) text = g_string_new ("{\"version\": \"2.3.0\", \"summary\": {\"title\": \"Big\"},"
                                          " \"detail\": {\"diagrams\": [{\"title\": \"D\", \"cells\": [");
  g_autofree char *description = g_strnfill (MOAT_TEXT_LONG_MAX, 'x');
  g_autoptr(MoatModel) model = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text,
                            "%s{\"id\": \"p%u\", \"shape\": \"process\", \"position\": {\"x\": %u, \"y\": 0},"
                            " \"size\": {\"width\": 100, \"height\": 100},"
                            " \"data\": {\"type\": \"tm.Process\", \"name\": \"P%u\", \"description\": \"%s\","
                            " \"threats\": [{\"id\": \"t%u\", \"title\": \"T\", \"severity\": \"High\","
                            " \"status\": \"Open\", \"type\": \"Tampering\", \"description\": \"%s\","
                            " \"mitigation\": \"\"}]}}",
                            i ? "," : "", i, i * 120, i, description, i, description);
  g_string_append (text, "]}]}}");
  g_assert_cmpuint (text->len, >, 60 * 1000 * 1000);

  model = moat_format_import (text->str, text->len, MOAT_FORMAT_UNKNOWN, NULL, NULL);
  g_assert_nonnull (model);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_ELEMENT), ==, 300);
  g_assert_cmpuint (moat_model_count (model, MOAT_TYPE_THREAT), ==, 300);
}

/* Over the limit, refused by its size alone: none of it is read. */
static void
test_too_large (void)
{
  const gsize size = (gsize)MOAT_FORMAT_MAX_INPUT + 4096;
  void *data = mmap (NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

  g_assert_true (data != MAP_FAILED);
  assert_refused (data, size, "too large");
  g_assert_cmpint (moat_format_detect (data, size), ==, MOAT_FORMAT_UNKNOWN);
  munmap (data, size);
}

/* ---- crashers found by fuzzing ---- */

static void
replay_file (const char *target,
             const char *path)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_test_message ("%s: %s", target, path);

  if (g_str_equal (target, "threat-dragon"))
    fuzz_import ((const guint8 *)data, length, MOAT_FORMAT_THREAT_DRAGON);
  else if (g_str_equal (target, "threat-dragon-v1"))
    fuzz_import ((const guint8 *)data, length, MOAT_FORMAT_THREAT_DRAGON_V1);
  else if (g_str_equal (target, "tmbom"))
    fuzz_import ((const guint8 *)data, length, MOAT_FORMAT_TMBOM);
  else if (g_str_equal (target, "otm"))
    fuzz_import ((const guint8 *)data, length, MOAT_FORMAT_OTM);
  else if (g_str_equal (target, "tm7"))
    fuzz_import ((const guint8 *)data, length, MOAT_FORMAT_TM7);
  else if (g_str_equal (target, "moat-json"))
    {
      g_autoptr(MoatModel) model = moat_json_read (data, length, NULL);

      if (model != NULL)
        fuzz_check_model (model);
      fuzz_import ((const guint8 *)data, length, MOAT_FORMAT_UNKNOWN);
    }
  else if (g_str_equal (target, "moat-file"))
    {
      g_autofree char *dir = moat_test_make_tmpdir ();
      g_autofree char *copy = g_build_filename (dir, "crash.moat", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (copy);
      g_autoptr(MoatStore) store = NULL;

      g_assert_true (g_file_set_contents (copy, data, length, NULL));
      store = moat_store_open (file, NULL);
      if (store != NULL)
        {
          fuzz_check_model (moat_store_get_model (store));
          moat_store_close (store);
        }
      moat_test_rm_rf (dir);
    }
}

/* Runs @sql on a project file behind Moat's back, as damage would. */
static void
damage (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* SQLite checks references when rows are written, not when they are read:
 * a damaged project file whose references lead nowhere, or whose elements
 * lost their diagram or ends, is refused, not opened half-broken. The
 * fuzzer found the first (regressions/moat-file/crash-dbd0bac4…). */
static void
test_damaged_project (void)
{
  const char *damages[] = {
    "UPDATE element SET target_id = 'ghost' WHERE kind = 'flow'",
    "UPDATE threat_element SET element_id = 'ghost'",
    "UPDATE element SET diagram_id = NULL",
    "UPDATE element SET source_id = NULL WHERE kind = 'flow'",
  };
  g_autofree char *dir = moat_test_make_tmpdir ();
  g_autoptr(MoatModel) model = moat_test_sample_model ();

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strdup_printf ("damaged-%u.moat", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sql = g_strconcat ("PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; ",
                                          damages[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MoatStore) store = moat_store_create (file, model, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (store);
      moat_store_close (store);
      g_clear_object (&store);

      damage (path, sql);
      store = moat_store_open (file, &error);
      g_assert_null (store);
      g_assert_error (error, MOAT_ERROR, MOAT_ERROR_CORRUPT);
      g_test_message ("%s: %s", damages[i], error->message);
    }

  moat_test_rm_rf (dir);
}

static void
test_fuzz_regressions (void)
{
  const char *targets[] = { "threat-dragon", "threat-dragon-v1", "otm", "tmbom", "tm7", "moat-json", "moat-file" };
  guint n = 0;

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", targets[t], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (path, name, NULL);

          replay_file (targets[t], file);
          n++;
        }
    }

  g_test_message ("%u fuzzing regressions replayed", n);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  g_test_init (&argc, &argv, NULL);
  data_home = moat_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_add_func ("/robustness/not-models", test_not_models);
  g_test_add_func ("/robustness/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/robustness/deep-nesting", test_deep_nesting);
  g_test_add_func ("/robustness/huge-numbers", test_huge_numbers);
  g_test_add_func ("/robustness/mutated-samples", test_mutated_samples);
  g_test_add_func ("/robustness/truncated-samples", test_truncated_samples);
  g_test_add_func ("/robustness/too-many-values", test_too_many_values);
  g_test_add_func ("/robustness/large-model", test_large_model);
  g_test_add_func ("/robustness/too-large", test_too_large);
  g_test_add_func ("/robustness/damaged-project", test_damaged_project);
  g_test_add_func ("/robustness/fuzz-regressions", test_fuzz_regressions);

  {
    int status = g_test_run ();

    moat_test_rm_rf (data_home);
    return status;
  }
}
