#!/usr/bin/env bash
# Stream Load examples for business geo_dict: one function per table.
# Usage: FE_HOST=fe1 SR_USER=u SR_PASSWORD=p ./stream-load.sh <table> <rows.json>
# Streaming apps that push over HTTP should batch at the load interval of PLAN.md (never below 5 s).
set -euo pipefail
: "${FE_HOST:?set FE_HOST}" "${SR_USER:?set SR_USER}"
SR_PASSWORD=${SR_PASSWORD:-}
FE_HTTP_PORT=${FE_HTTP_PORT:-8030}

# city_dict: PRIMARY KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_city_dict() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: city_dict_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: city_code, city_name, province" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/geo_dict/city_dict/_stream_load"
}

# ip_ranges: PRIMARY KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_ip_ranges() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: ip_ranges_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: range_start, range_end, city_code" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/geo_dict/ip_ranges/_stream_load"
}

case "${1:-}" in
  city_dict) load_city_dict "${2:?rows file}" ;;
  ip_ranges) load_ip_ranges "${2:?rows file}" ;;
  *) echo "usage: $0 {city_dict|ip_ranges} <rows.json>" >&2; exit 2 ;;
esac
