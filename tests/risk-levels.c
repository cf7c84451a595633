/* risk-levels.c: the model API's view of every threat's risk, for the
 * consistency test that compares it with what each output says.
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * risk-levels FILE.json
 *
 * Writes a JSON object to stdout: for each threat id, its title and the
 * nicks of its inherent and residual levels.
 */

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "moat-format.h"
#include "moat-risk.h"
#include "moat-threat.h"

static void
add_threat (JsonBuilder *builder,
            MoatModel   *model,
            MoatThreat  *threat)
{
  MoatRiskAssessment risk;

  moat_risk_assess (model, threat, &risk);
  json_builder_set_member_name (builder, moat_object_get_id (MOAT_OBJECT (threat)));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, moat_threat_get_title (threat));
  json_builder_set_member_name (builder, "inherent");
  json_builder_add_string_value (builder, moat_risk_level_get_nick (risk.level));
  json_builder_set_member_name (builder, "residual");
  json_builder_add_string_value (builder, moat_risk_level_get_nick (risk.residual_level));
  json_builder_end_object (builder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MoatModel) model = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GListModel *threats;

  if (argc != 2)
    {
      g_printerr ("usage: risk-levels FILE.json\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  model = moat_format_import_file (file, MOAT_FORMAT_UNKNOWN, NULL, &error);
  if (model == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  threats = moat_model_get_list (model, MOAT_TYPE_THREAT);
  json_builder_begin_object (builder);
  for (guint i = 0; i < g_list_model_get_n_items (threats); i++)
    {
      g_autoptr(MoatThreat) threat = g_list_model_get_item (threats, i);

      add_threat (builder, model, threat);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  puts (text);
  return 0;
}
