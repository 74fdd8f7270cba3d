#!/usr/bin/env bash
# Stream Load examples for business user_profile: one function per table.
# Usage: FE_HOST=fe1 SR_USER=u SR_PASSWORD=p ./stream-load.sh <table> <rows.json>
# Streaming apps that push over HTTP should batch at the load interval of PLAN.md (never below 5 s).
set -euo pipefail
: "${FE_HOST:?set FE_HOST}" "${SR_USER:?set SR_USER}"
SR_PASSWORD=${SR_PASSWORD:-}
FE_HTTP_PORT=${FE_HTTP_PORT:-8030}

# user_behavior: DUPLICATE KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_user_behavior() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: user_behavior_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: user_id, event_time, event_type, item_id, city, properties" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/user_profile/user_behavior/_stream_load"
}

# user_profile: PRIMARY KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_user_profile() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: user_profile_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: user_id, city, tag, gender, age, register_time, last_active_time" \
    -H "partial_update: true" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/user_profile/user_profile/_stream_load"
}

case "${1:-}" in
  user_behavior) load_user_behavior "${2:?rows file}" ;;
  user_profile) load_user_profile "${2:?rows file}" ;;
  *) echo "usage: $0 {user_behavior|user_profile} <rows.json>" >&2; exit 2 ;;
esac
