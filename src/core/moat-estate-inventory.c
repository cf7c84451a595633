/* moat-estate-inventory.c
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inventory is a file from a colleague or a repository: it is parsed
 * as untrusted JSON, and a member Moat does not know is refused rather
 * than ignored, so that a misspelt "sensitivity" is not silently lost.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "moat-enum-types.h"
#include "moat-error.h"
#include "moat-estate-inventory.h"
#include "moat-json.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64) 86400)
#define MAX_INVENTORY (16 * 1024 * 1024)

struct _MoatEstateInventory
{
  GObject  parent_instance;
  GArray  *entries;  /* MoatInventoryEntry */
};

G_DEFINE_FINAL_TYPE (MoatEstateInventory, moat_estate_inventory, G_TYPE_OBJECT)

static void
entry_clear (MoatInventoryEntry *entry)
{
  g_free (entry->name);
  g_free (entry->owner);
  g_free (entry->path);
  g_clear_object (&entry->file);
}

static void
moat_estate_inventory_finalize (GObject *object)
{
  MoatEstateInventory *self = MOAT_ESTATE_INVENTORY (object);

  g_clear_pointer (&self->entries, g_array_unref);
  G_OBJECT_CLASS (moat_estate_inventory_parent_class)->finalize (object);
}

static void
moat_estate_inventory_class_init (MoatEstateInventoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = moat_estate_inventory_finalize;
}

static void
moat_estate_inventory_init (MoatEstateInventory *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (MoatInventoryEntry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
}

static const char * const exposure_nicks[] = { "internal", "partner", "internet" };

const char *
moat_estate_exposure_get_nick (MoatEstateExposure exposure)
{
  g_return_val_if_fail (exposure <= MOAT_ESTATE_EXPOSURE_INTERNET, NULL);
  return exposure_nicks[exposure];
}

/* "Internet-facing", translated */
const char *
moat_estate_exposure_get_label (MoatEstateExposure exposure)
{
  static const char * const labels[] = { N_("Internal"), N_("Faces partners"), N_("Faces the Internet") };

  g_return_val_if_fail (exposure <= MOAT_ESTATE_EXPOSURE_INTERNET, NULL);
  return g_dgettext (GETTEXT_PACKAGE, labels[exposure]);
}

const char *
moat_estate_reason_get_nick (MoatEstateReasonKind kind)
{
  static const char * const nicks[] = { "no-model", "unreadable", "stale", "unreviewed-sensitive" };

  g_return_val_if_fail (kind <= MOAT_ESTATE_REASON_UNREVIEWED, NULL);
  return nicks[kind];
}

/* Parsing */

static gboolean
invalid (GError    **error,
         guint       index,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         guint       index,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "Inventory system 3: “exposure” must be internal, partner or internet" */
  g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, _("Inventory system %u: %s"), index + 1, message);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *name,
               guint       index,
               gboolean   *ok,
               GError    **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      *ok = invalid (error, index, _("“%s” must be a text"), name);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
parse_date (const char *text,
            gint64     *time)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int y, m, d;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3)
    date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  else
    date = g_date_time_new_from_iso8601 (text, utc);
  if (date == NULL)
    return FALSE;
  *time = g_date_time_to_unix (date) * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
parse_sensitivity (const char         *text,
                   MoatClassification *sensitivity)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MOAT_TYPE_CLASSIFICATION);
  GEnumValue *value = text != NULL ? g_enum_get_value_by_nick (klass, text) : NULL;

  if (text == NULL)
    *sensitivity = MOAT_CLASSIFICATION_INTERNAL;
  else if (value != NULL)
    *sensitivity = value->value;
  return text == NULL || value != NULL;
}

static gboolean
parse_exposure (const char         *text,
                MoatEstateExposure *exposure)
{
  *exposure = MOAT_ESTATE_EXPOSURE_INTERNAL;
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (exposure_nicks); i++)
    if (g_str_equal (text, exposure_nicks[i]))
      {
        *exposure = i;
        return TRUE;
      }
  return text == NULL;
}

static gboolean
check_members (JsonObject *object,
               guint       index,
               GError    **error)
{
  static const char * const known[] = { "name", "owner", "path", "sensitivity", "exposure",
                                        "last_significant_change", NULL };
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return invalid (error, index, _("unknown member “%s”"), (const char *) l->data);
  return TRUE;
}

static gboolean
parse_entry (MoatEstateInventory *self,
             JsonNode            *node,
             guint                index,
             GFile               *folder,
             GError             **error)
{
  MoatInventoryEntry entry = { 0, };
  JsonObject *object;
  const char *name, *owner, *path, *sensitivity, *exposure, *date;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, index, _("not an object"));
  object = json_node_get_object (node);
  if (!check_members (object, index, error))
    return FALSE;

  name = string_member (object, "name", index, &ok, error);
  owner = ok ? string_member (object, "owner", index, &ok, error) : NULL;
  path = ok ? string_member (object, "path", index, &ok, error) : NULL;
  sensitivity = ok ? string_member (object, "sensitivity", index, &ok, error) : NULL;
  exposure = ok ? string_member (object, "exposure", index, &ok, error) : NULL;
  date = ok ? string_member (object, "last_significant_change", index, &ok, error) : NULL;
  if (!ok)
    return FALSE;

  if (name == NULL || *name == '\0')
    return invalid (error, index, _("“name” is missing"));
  if (!parse_sensitivity (sensitivity, &entry.sensitivity))
    return invalid (error, index, _("“sensitivity” must be public, internal, confidential or restricted"));
  if (!parse_exposure (exposure, &entry.exposure))
    return invalid (error, index, _("“exposure” must be internal, partner or internet"));
  if (date != NULL && !parse_date (date, &entry.last_change))
    return invalid (error, index, _("“last_significant_change” must be a date such as 2026-10-31"));

  entry.name = g_strdup (name);
  entry.owner = g_strdup (owner);
  entry.path = g_strdup (path);
  entry.file = path != NULL && *path != '\0' ? g_file_resolve_relative_path (folder, path) : NULL;
  g_array_append_val (self->entries, entry);
  return TRUE;
}

static gboolean
parse_root (MoatEstateInventory *self,
            JsonNode            *root,
            GFile               *folder,
            GError             **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *systems = object != NULL ? json_object_get_member (object, "systems") : NULL;
  JsonArray *array;

  if (systems == NULL || !JSON_NODE_HOLDS_ARRAY (systems))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID,
                        _("An inventory is a JSON object with a “systems” list")), FALSE;

  array = json_node_get_array (systems);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!parse_entry (self, json_array_get_element (array, i), i, folder, error))
      return FALSE;
  return TRUE;
}

/**
 * moat_estate_inventory_load:
 *
 * Reads an inventory (see docs/estate-inventory.md). Paths in it are
 * relative to the inventory's folder.
 *
 * Returns: (transfer full) (nullable): the inventory
 */
MoatEstateInventory *
moat_estate_inventory_load (GFile   *file,
                            GError **error)
{
  g_autoptr(MoatEstateInventory) self = g_object_new (MOAT_TYPE_ESTATE_INVENTORY, NULL);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_NOT_FOUND, _("Could not read “%s”: %s"),
                        name, local_error->message), NULL;
  if (length > MAX_INVENTORY)
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_TOO_LONG,
                        _("“%s” is too large for an inventory"), name), NULL;
  if (!(root = moat_json_parse_untrusted (data, length, &local_error)) ||
      !parse_root (self, root, folder, &local_error))
    return g_set_error (error, MOAT_ERROR, MOAT_ERROR_INVALID, "%s: %s", name, local_error->message), NULL;

  return g_steal_pointer (&self);
}

guint
moat_estate_inventory_get_n_entries (MoatEstateInventory *self)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_INVENTORY (self), 0);
  return self->entries->len;
}

const MoatInventoryEntry *
moat_estate_inventory_get_entry (MoatEstateInventory *self,
                                 guint                index)
{
  g_return_val_if_fail (MOAT_IS_ESTATE_INVENTORY (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return &g_array_index (self->entries, MoatInventoryEntry, index);
}

/* Triage */

static void
reason_free (MoatEstateReason *reason)
{
  g_free (reason->text);
  g_free (reason);
}

void
moat_estate_attention_free (MoatEstateAttention *attention)
{
  g_free (attention->name);
  g_free (attention->owner);
  g_free (attention->path);
  g_clear_object (&attention->system);
  g_ptr_array_unref (attention->reasons);
  g_free (attention);
}

static MoatEstateAttention *
attention_new (const char *name,
               const char *owner,
               const char *path)
{
  MoatEstateAttention *attention = g_new0 (MoatEstateAttention, 1);

  attention->name = g_strdup (name);
  attention->owner = g_strdup (owner);
  attention->path = g_strdup (path);
  attention->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);
  return attention;
}

static void
add_reason (MoatEstateAttention  *attention,
            MoatEstateReasonKind  kind,
            char                 *text)
{
  MoatEstateReason *reason = g_new0 (MoatEstateReason, 1);

  reason->kind = kind;
  reason->text = text;
  g_ptr_array_add (attention->reasons, reason);
}

static char *
format_day (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);

  return date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
}

static gboolean
system_belongs (MoatEstateSystem         *system,
                const MoatInventoryEntry *entry)
{
  GFile *file = moat_estate_system_get_file (system);

  return entry->file != NULL && (g_file_equal (file, entry->file) || g_file_has_prefix (file, entry->file));
}

/* The models of one inventory entry: the newest readable one speaks for
 * the system; an unreadable one is a reason of its own. */
static void
check_listed (MoatEstateAttention      *attention,
              const MoatInventoryEntry *entry,
              GListModel               *systems,
              GHashTable               *claimed,
              guint                     stale_days)
{
  MoatEstateSystem *newest = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);

      if (!system_belongs (system, entry))
        continue;
      g_hash_table_add (claimed, system);
      if (!moat_estate_system_is_model (system))
        add_reason (attention, MOAT_ESTATE_REASON_UNREADABLE,
                    /* TRANSLATORS: "The model payments.moat cannot be read: …" */
                    g_strdup_printf (_("The model %s cannot be read: %s"), moat_estate_system_get_path (system),
                                     moat_estate_system_get_error (system)->message));
      else if (newest == NULL ||
               moat_estate_system_get_last_change (system) > moat_estate_system_get_last_change (newest))
        newest = system;
    }

  if (newest == NULL)
    {
      if (attention->reasons->len == 0)
        add_reason (attention, MOAT_ESTATE_REASON_NO_MODEL, g_strdup (_("No threat model")));
      return;
    }
  attention->system = g_object_ref (newest);
  if (entry->last_change != 0 &&
      moat_estate_system_get_last_change (newest) + (gint64) stale_days * USEC_PER_DAY < entry->last_change)
    {
      g_autofree char *model_day = format_day (moat_estate_system_get_last_change (newest));
      g_autofree char *change_day = format_day (entry->last_change);
      gint64 days = (entry->last_change - moat_estate_system_get_last_change (newest)) / USEC_PER_DAY;

      add_reason (attention, MOAT_ESTATE_REASON_STALE,
                  /* TRANSLATORS: "The model was last changed on 2026-03-02, 213 days before the system’s last significant change (2026-10-01)" */
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The model was last changed on %s, %lld day before the system’s last significant change (%s)",
                                                "The model was last changed on %s, %lld days before the system’s last significant change (%s)",
                                                days), model_day, (long long) days, change_day));
    }
}

static void
check_reviews (MoatEstateAttention *attention,
               MoatEstateSystem    *system)
{
  guint n = moat_estate_system_get_n_unreviewed_sensitive (system);

  if (n > 0)
    add_reason (attention, MOAT_ESTATE_REASON_UNREVIEWED,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u element handling sensitive data was never reviewed",
                                              "%u elements handling sensitive data were never reviewed", n), n));
}

/* What a model says of a system no inventory lists. */
static void
guess_from_model (MoatEstateAttention *attention,
                  MoatEstateSystem    *system)
{
  MoatEstateData data = moat_estate_system_get_data (system);

  attention->sensitivity = data & (MOAT_ESTATE_DATA_PAYMENT | MOAT_ESTATE_DATA_CREDENTIALS)
    ? MOAT_CLASSIFICATION_RESTRICTED
    : data & MOAT_ESTATE_DATA_PII ? MOAT_CLASSIFICATION_CONFIDENTIAL : MOAT_CLASSIFICATION_INTERNAL;
  attention->exposure = moat_estate_system_get_internet_facing (system)
    ? MOAT_ESTATE_EXPOSURE_INTERNET : MOAT_ESTATE_EXPOSURE_INTERNAL;
}

static int
compare_attention (gconstpointer a,
                   gconstpointer b)
{
  const MoatEstateAttention *x = *(MoatEstateAttention **) a, *y = *(MoatEstateAttention **) b;
  int c;

  if (x->sensitivity != y->sensitivity)
    return x->sensitivity > y->sensitivity ? -1 : 1;
  if (x->exposure != y->exposure)
    return x->exposure > y->exposure ? -1 : 1;
  if ((c = g_utf8_collate (x->name, y->name)) != 0)
    return c;
  return g_strcmp0 (x->path, y->path);
}

static void
triage_listed (GPtrArray           *out,
               MoatEstateInventory *inventory,
               GListModel          *systems,
               GHashTable          *claimed,
               guint                stale_days)
{
  for (guint i = 0; inventory != NULL && i < inventory->entries->len; i++)
    {
      const MoatInventoryEntry *entry = &g_array_index (inventory->entries, MoatInventoryEntry, i);
      g_autoptr(MoatEstateAttention) attention = attention_new (entry->name, entry->owner, entry->path);

      attention->sensitivity = entry->sensitivity;
      attention->exposure = entry->exposure;
      attention->listed = TRUE;
      check_listed (attention, entry, systems, claimed, stale_days);
      if (attention->system != NULL)
        check_reviews (attention, attention->system);
      if (attention->reasons->len > 0)
        g_ptr_array_add (out, g_steal_pointer (&attention));
    }
}

/**
 * moat_estate_triage:
 * @inventory: (nullable): the systems that should have a model
 * @stale_days: how long a model may lag behind its system's last
 *   significant change
 *
 * Which systems need attention, and why: a listed system without a
 * model, or whose model cannot be read, or is older than the system's
 * last significant change by more than @stale_days; any system with
 * elements handling sensitive data that were never reviewed. The most
 * sensitive and the most exposed first.
 *
 * Returns: (transfer full) (element-type MoatEstateAttention)
 */
GPtrArray *
moat_estate_triage (MoatEstate          *estate,
                    MoatEstateInventory *inventory,
                    guint                stale_days)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) moat_estate_attention_free);
  GListModel *systems = moat_estate_get_systems (estate);
  g_autoptr(GHashTable) claimed = g_hash_table_new (NULL, NULL);

  triage_listed (out, inventory, systems, claimed, stale_days);
  for (guint i = 0; i < g_list_model_get_n_items (systems); i++)
    {
      g_autoptr(MoatEstateSystem) system = g_list_model_get_item (systems, i);
      g_autoptr(MoatEstateAttention) attention = NULL;

      if (g_hash_table_contains (claimed, system) || !moat_estate_system_is_model (system))
        continue;
      attention = attention_new (moat_estate_system_get_title (system), moat_estate_system_get_owner (system),
                                 moat_estate_system_get_path (system));
      attention->system = g_object_ref (system);
      guess_from_model (attention, system);
      check_reviews (attention, system);
      if (attention->reasons->len > 0)
        g_ptr_array_add (out, g_steal_pointer (&attention));
    }
  g_ptr_array_sort (out, compare_attention);
  return out;
}
