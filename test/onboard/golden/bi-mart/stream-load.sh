#!/usr/bin/env bash
# Stream Load examples for business sales_mart: one function per table.
# Usage: FE_HOST=fe1 SR_USER=u SR_PASSWORD=p ./stream-load.sh <table> <rows.json>
# Streaming apps that push over HTTP should batch at the load interval of PLAN.md (never below 5 s).
set -euo pipefail
: "${FE_HOST:?set FE_HOST}" "${SR_USER:?set SR_USER}"
SR_PASSWORD=${SR_PASSWORD:-}
FE_HTTP_PORT=${FE_HTTP_PORT:-8030}

# sales_daily: AGGREGATE KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_sales_daily() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: sales_daily_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: dt, store_id, region, category, revenue, units" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/sales_mart/sales_daily/_stream_load"
}

case "${1:-}" in
  sales_daily) load_sales_daily "${2:?rows file}" ;;
  *) echo "usage: $0 {sales_daily} <rows.json>" >&2; exit 2 ;;
esac
