/* moat-test-util.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "moat-test-util.h"

char *
moat_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("moat-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
moat_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      moat_test_rm_rf (child);
    }
  g_rmdir (path);
}

static char *
random_text (GRand *rand)
{
  static const char *samples[] = {
    "Web front end", "Zahlungs-API “Kasse”", "カード保管庫", "قاعدة البيانات",
    "Платёжный шлюз", "quote ' and \" and ; DROP TABLE element; --", "line\nbreak",
    "emoji 🔐", "",
  };

  return g_strdup_printf ("%s %u", samples[g_rand_int_range (rand, 0, G_N_ELEMENTS (samples))],
                          g_rand_int (rand));
}

/* Gives every field of @object a value other than its default, of the
 * right type, so a round trip that drops or mangles a field is caught. */
static gboolean
is_reference (GType       owner,
              const char *field)
{
  const MoatReference *refs;
  guint n_refs;

  refs = moat_model_list_references (&n_refs);
  for (guint i = 0; i < n_refs; i++)
    if (refs[i].owner_type == owner && g_str_equal (refs[i].field, field))
      return TRUE;

  return FALSE;
}

void
moat_test_randomize (MoatObject *object,
                     GRand      *rand)
{
  GParamSpec **fields;
  guint n_fields;

  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (object), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GParamSpec *pspec = fields[i];
      GType type = pspec->value_type;
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, type);
      if (is_reference (G_OBJECT_TYPE (object), pspec->name))
        continue; /* references are set by the caller, to real objects */
      else if (type == G_TYPE_STRING)
        g_value_take_string (&value, random_text (rand));
      else if (type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, TRUE);
      else if (type == G_TYPE_INT)
        {
          GParamSpecInt *ispec = G_PARAM_SPEC_INT (pspec);
          g_value_set_int (&value, g_rand_int_range (rand, ispec->minimum,
                                                     MIN (ispec->maximum, 1000000) + 1));
        }
      else if (type == G_TYPE_INT64)
        g_value_set_int64 (&value, g_rand_int_range (rand, 1, G_MAXINT32) * (gint64)G_USEC_PER_SEC);
      else if (type == G_TYPE_DOUBLE)
        g_value_set_double (&value, g_rand_double_range (rand, -5000, 5000));
      else if (G_TYPE_IS_ENUM (type))
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (type);
          g_value_set_enum (&value, klass->values[g_rand_int_range (rand, 1, klass->n_values)].value);
        }
      else if (type == G_TYPE_STRV)
        {
          g_autofree char *a = random_text (rand);
          g_autofree char *b = random_text (rand);
          const char *strv[] = { a, b, NULL };
          g_value_set_boxed (&value, strv);
        }
      else if (type == G_TYPE_VARIANT)
        {
          const GVariantType *vtype = G_PARAM_SPEC_VARIANT (pspec)->type;

          if (g_variant_type_equal (vtype, G_VARIANT_TYPE ("a(dd)")))
            g_value_set_variant (&value, g_variant_new_parsed ("[(1.5, -2.25), (300.0, 40.125)]"));
          else
            g_value_set_variant (&value, g_variant_new_parsed ("[('Ana', 'developer'), ('Bo', 'security')]"));
        }
      else
        g_assert_not_reached ();

      _moat_object_store_value (object, pspec, &value);
    }
}

/* One object of every type, every field set, every reference used. */
MoatModel *
moat_test_sample_model (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  MoatModel *model = moat_model_new ();
  g_autoptr(MoatDiagram) diagram = moat_diagram_new ();
  g_autoptr(MoatDiagram) child = moat_diagram_new ();
  g_autoptr(MoatAsset) asset = moat_asset_new ();
  g_autoptr(MoatThreatActor) actor = moat_threat_actor_new ();
  g_autoptr(MoatElement) a = moat_element_new ();
  g_autoptr(MoatElement) b = moat_element_new ();
  g_autoptr(MoatElement) flow = moat_element_new ();
  g_autoptr(MoatThreat) threat = moat_threat_new ();
  g_autoptr(MoatControl) control = moat_control_new ();
  g_autoptr(MoatAssumption) assumption = moat_assumption_new ();
  g_autoptr(MoatDismissal) dismissal = moat_dismissal_new ();
  g_autoptr(MoatWorkshopSession) session = moat_workshop_session_new ();
  const char *diagram_id = moat_object_get_id (MOAT_OBJECT (diagram));
  const char *a_id = moat_object_get_id (MOAT_OBJECT (a));
  const char *b_id = moat_object_get_id (MOAT_OBJECT (b));
  const char *asset_ids[] = { moat_object_get_id (MOAT_OBJECT (asset)), NULL };
  const char *element_ids[] = { a_id, moat_object_get_id (MOAT_OBJECT (flow)), NULL };
  const char *threat_ids[] = { moat_object_get_id (MOAT_OBJECT (threat)), NULL };

  moat_test_randomize (MOAT_OBJECT (model), rand);
  moat_test_randomize (MOAT_OBJECT (diagram), rand);
  moat_test_randomize (MOAT_OBJECT (child), rand);
  moat_test_randomize (MOAT_OBJECT (asset), rand);
  moat_test_randomize (MOAT_OBJECT (actor), rand);
  moat_test_randomize (MOAT_OBJECT (a), rand);
  moat_test_randomize (MOAT_OBJECT (b), rand);
  moat_test_randomize (MOAT_OBJECT (flow), rand);
  moat_test_randomize (MOAT_OBJECT (threat), rand);
  moat_test_randomize (MOAT_OBJECT (control), rand);
  moat_test_randomize (MOAT_OBJECT (assumption), rand);
  moat_test_randomize (MOAT_OBJECT (dismissal), rand);
  moat_test_randomize (MOAT_OBJECT (session), rand);

  g_object_set (a, "diagram-id", diagram_id, "kind", MOAT_ELEMENT_PROCESS,
                "asset-ids", asset_ids,
                "child-diagram-id", moat_object_get_id (MOAT_OBJECT (child)), NULL);
  g_object_set (b, "diagram-id", diagram_id, "kind", MOAT_ELEMENT_STORE, NULL);
  g_object_set (flow, "diagram-id", diagram_id, "kind", MOAT_ELEMENT_FLOW,
                "source-id", a_id, "target-id", b_id, NULL);
  g_object_set (threat, "element-ids", element_ids,
                "actor-id", moat_object_get_id (MOAT_OBJECT (actor)), NULL);
  g_object_set (control, "threat-ids", threat_ids, NULL);
  g_object_set (assumption, "element-ids", element_ids, "threat-ids", threat_ids, NULL);
  g_object_set (dismissal, "element-id", b_id, NULL);

  _moat_model_insert_loaded (model, MOAT_OBJECT (diagram));
  _moat_model_insert_loaded (model, MOAT_OBJECT (child));
  _moat_model_insert_loaded (model, MOAT_OBJECT (asset));
  _moat_model_insert_loaded (model, MOAT_OBJECT (actor));
  _moat_model_insert_loaded (model, MOAT_OBJECT (a));
  _moat_model_insert_loaded (model, MOAT_OBJECT (b));
  _moat_model_insert_loaded (model, MOAT_OBJECT (flow));
  _moat_model_insert_loaded (model, MOAT_OBJECT (threat));
  _moat_model_insert_loaded (model, MOAT_OBJECT (control));
  _moat_model_insert_loaded (model, MOAT_OBJECT (assumption));
  _moat_model_insert_loaded (model, MOAT_OBJECT (dismissal));
  _moat_model_insert_loaded (model, MOAT_OBJECT (session));

  return model;
}

static void
assert_objects_equal (MoatObject *a,
                      MoatObject *b)
{
  GParamSpec **fields;
  guint n_fields;

  g_assert_nonnull (b);
  g_assert_cmpstr (moat_object_get_id (a), ==, moat_object_get_id (b));
  fields = moat_object_class_list_fields (MOAT_OBJECT_GET_CLASS (a), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *ta = moat_value_to_text (fields[i], moat_object_peek_value (a, fields[i]));
      g_autofree char *tb = moat_value_to_text (fields[i], moat_object_peek_value (b, fields[i]));

      if (!moat_value_equal (moat_object_peek_value (a, fields[i]),
                             moat_object_peek_value (b, fields[i])))
        g_error ("%s %s: field %s differs: %s != %s", moat_object_get_kind_name (a),
                 moat_object_get_id (a), fields[i]->name, ta, tb);
    }
  g_assert_cmpint (moat_object_get_created (a), ==, moat_object_get_created (b));
}

/* Same objects, same ids, same values in every field. */
void
moat_test_assert_models_equal (MoatModel *a,
                               MoatModel *b)
{
  const GType *types;
  guint n_types;

  assert_objects_equal (MOAT_OBJECT (a), MOAT_OBJECT (b));

  types = moat_model_list_types (&n_types);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *la = moat_model_get_list (a, types[t]);

      g_assert_cmpuint (g_list_model_get_n_items (la), ==, moat_model_count (b, types[t]));
      for (guint i = 0; i < g_list_model_get_n_items (la); i++)
        {
          g_autoptr(MoatObject) oa = g_list_model_get_item (la, i);
          MoatObject *ob = moat_model_lookup (b, moat_object_get_id (oa));

          assert_objects_equal (oa, ob);
        }
    }
}

/* The folder of samples beside the checkout (../shared/SUB), or NULL. */
char *
moat_test_shared_dir (const char *sub)
{
  g_autofree char *dir = g_build_filename (SOURCE_DATADIR, "..", "..", "shared", sub, NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&dir);
}

/* Writes a person's own rules or catalogue file: SUB is "rules" or
 * "catalogues" under $XDG_CONFIG_HOME/moat. */
void
moat_test_write_user_file (const char *sub,
                           const char *name,
                           const char *data)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "moat", sub, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
}

/**
 * moat_test_run_unprivileged:
 *
 * Runs @func as a user to whom file permissions apply: this one, or
 * "nobody" in a child process when the tests run as root (as in CI).
 *
 * Returns: %FALSE when there is no such user to run it as
 */
gboolean
moat_test_run_unprivileged (void   (*func) (gpointer data),
                            gpointer data)
{
  struct passwd *nobody;
  int status;
  pid_t pid;

  if (geteuid () != 0)
    {
      func (data);
      return TRUE;
    }
  if ((nobody = getpwnam ("nobody")) == NULL)
    return FALSE;

  pid = fork ();
  if (pid == 0)
    {
      if (setgid (nobody->pw_gid) != 0 || setuid (nobody->pw_uid) != 0)
        _exit (3);
      func (data);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return TRUE;
}
