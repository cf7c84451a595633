/* moat-core.h
 *
 * Copyright 2026 The Moat authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-action.h"
#include "moat-asset.h"
#include "moat-assumption.h"
#include "moat-change.h"
#include "moat-condition.h"
#include "moat-control.h"
#include "moat-diagram.h"
#include "moat-diff.h"
#include "moat-dismissal.h"
#include "moat-element.h"
#include "moat-enum-types.h"
#include "moat-enums.h"
#include "moat-error.h"
#include "moat-export-csv.h"
#include "moat-export-markdown.h"
#include "moat-format.h"
#include "moat-geometry.h"
#include "moat-history.h"
#include "moat-import-report.h"
#include "moat-json.h"
#include "moat-model.h"
#include "moat-object.h"
#include "moat-palette.h"
#include "moat-renderer.h"
#include "moat-report.h"
#include "moat-risk.h"
#include "moat-rule-engine.h"
#include "moat-rule-set.h"
#include "moat-rule.h"
#include "moat-store.h"
#include "moat-temp-file.h"
#include "moat-suggestion.h"
#include "moat-threat-actor.h"
#include "moat-threat.h"
#include "moat-value.h"
#include "moat-workshop-session.h"
