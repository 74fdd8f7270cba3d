#!/usr/bin/env bash
# Stream Load examples for business shop_orders: one function per table.
# Usage: FE_HOST=fe1 SR_USER=u SR_PASSWORD=p ./stream-load.sh <table> <rows.json>
# Streaming apps that push over HTTP should batch at the load interval of PLAN.md (never below 5 s).
set -euo pipefail
: "${FE_HOST:?set FE_HOST}" "${SR_USER:?set SR_USER}"
SR_PASSWORD=${SR_PASSWORD:-}
FE_HTTP_PORT=${FE_HTTP_PORT:-8030}

# orders: PRIMARY KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_orders() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: orders_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: order_id, created_at, shop_id, user_id, status, amount" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/shop_orders/orders/_stream_load"
}

# order_items: PRIMARY KEY table. A JSON array of rows per request, ≤ 10 GB (R-L2).
load_order_items() {
  curl --location-trusted -u "$SR_USER:$SR_PASSWORD" -sS \
    -H "Expect: 100-continue" -H "label: order_items_$(date +%Y%m%d%H%M%S)_$$" \
    -H "format: json" \
    -H "strip_outer_array: true" \
    -H "columns: item_line_id, order_id, sku_id, quantity, price" \
    -T "$1" "http://$FE_HOST:$FE_HTTP_PORT/api/shop_orders/order_items/_stream_load"
}

case "${1:-}" in
  orders) load_orders "${2:?rows file}" ;;
  order_items) load_order_items "${2:?rows file}" ;;
  *) echo "usage: $0 {orders|order_items} <rows.json>" >&2; exit 2 ;;
esac
