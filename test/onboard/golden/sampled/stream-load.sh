#!/usr/bin/env bash
# Stream Load examples for business app_metrics: one function per table.
# Usage: FE_HOST=fe1 SR_USER=u SR_PASSWORD=p ./stream-load.sh <table> <rows.json>
# Streaming apps that push over HTTP should batch at the load interval of PLAN.md (never below 5 s).
set -euo pipefail
: "${FE_HOST:?set FE_HOST}" "${SR_USER:?set SR_USER}"
SR_PASSWORD=${SR_PASSWORD:-}
FE_HTTP_PORT=${FE_HTTP_PORT:-8030}

# app_metric: DUPLICATE KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_app_metric() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: app_metric_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: ts, app_id, metric, value, os" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/app_metrics/app_metric/_stream_load"
}

# app_release: PRIMARY KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_app_release() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: app_release_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: release_id, app_id, version, released_at, notes" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/app_metrics/app_release/_stream_load"
}

case "${1:-}" in
  app_metric) load_app_metric "${2:?rows file}" ;;
  app_release) load_app_release "${2:?rows file}" ;;
  *) echo "usage: $0 {app_metric|app_release} <rows.json>" >&2; exit 2 ;;
esac
