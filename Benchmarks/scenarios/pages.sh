# Scenario 5: the home page and an auction page of one QueryService node under wrk.
# Baseline: nginx serving the same bytes as static files on the same machine.
wrk_json() { # label url
  local text
  text=$(wrk -t2 -c64 -d"${WRK_SECONDS}s" --latency "$2" 2>&1) || return 1
  python3 -c '
import json, re, sys
text = sys.argv[1]
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(json.dumps({"scenario": sys.argv[2], "metrics": {"rps": rps, "p99_ms": p99, "non_2xx": int(errors.group(1)) if errors else 0}}))
' "$text" "$1"
}

scenario_pages() {
  local code auction_path out nginx_port pid
  needs pages_home "$1" QueryService || return 1
  mkdir -p "$WORK/nginx/www"
  code=$(curl -s -o "$WORK/nginx/www/home.html" -w '%{http_code}' "http://127.0.0.1:$Q1_PORT/")
  if [ "$code" != 200 ]; then record_failure pages_home "$1" "GET / answered $code"; return 1; fi
  auction_path=$(grep -o 'href="/auctions/[^"]*"' "$WORK/nginx/www/home.html" | head -1 | cut -d'"' -f2 || true)
  nginx_port=$(free_port)
  cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  server {
    listen 127.0.0.1:$nginx_port;
    root $WORK/nginx/www;
    location = / { try_files /home.html =404; }
    location / { try_files /auction.html =404; }
  }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
  pid=$!
  extra_pids+=("$pid")
  sleep 0.3
  profile_during "pages-$1" "$WRK_SECONDS" "" "$Q1_PID"
  out=$(wrk_json pages_home "http://127.0.0.1:$Q1_PORT/") && record "$1" "$out"
  out=$(wrk_json pages_home_nginx "http://127.0.0.1:$nginx_port/") && record "$1" "$out"
  if [ -n "$auction_path" ] && [ "$(curl -s -o "$WORK/nginx/www/auction.html" -w '%{http_code}' "http://127.0.0.1:$Q1_PORT$auction_path")" = 200 ]; then
    out=$(wrk_json pages_auction "http://127.0.0.1:$Q1_PORT$auction_path") && record "$1" "$out"
    out=$(wrk_json pages_auction_nginx "http://127.0.0.1:$nginx_port/a") && record "$1" "$out"
  else
    record_failure pages_auction "$1" "no auction page found on the home page"
  fi
  kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}
