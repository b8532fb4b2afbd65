#!/usr/bin/env bash
# Load test of the packaged jar on PostgreSQL (issue 15, "Load"; not part of CI): creates a fresh database,
# starts target/lianbao-*.jar in the demo profile on 127.0.0.1, runs bench/load.mjs (N simulated officers
# over REST for a fixed time), stops the jar and drops the database. Exits with the load client's status.
#
#   bench/load.sh [officers=200] [seconds=600]
#
# Environment: LOAD_PORT (18400), LOAD_DB (lianbao_load; must start with lianbao_load), PGHOST (127.0.0.1),
# PGPORT (5432), PGUSER (postgres), LOAD_BUILD=1 to package the jar first (./mvnw -o -B -q package -DskipTests),
# LOAD_THINK_MS (0), LOAD_CONNECTIONS (officers), LOAD_FILL (3 open tasks per officer before the timed run).
set -euo pipefail
cd "$(dirname "$0")/.."

OFFICERS=${1:-200}
SECONDS_=${2:-600}
PORT=${LOAD_PORT:-18400}
DB=${LOAD_DB:-lianbao_load}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
case "$DB" in lianbao_load*) ;; *) echo "LOAD_DB must start with lianbao_load" >&2; exit 2 ;; esac

if [ "${LOAD_BUILD:-0}" = 1 ] || ! ls target/lianbao-*.jar >/dev/null 2>&1; then
  ./mvnw -o -B -q package -DskipTests
fi
WORK=$(mktemp -d /tmp/lianbao-load.XXXXXX)
# a copy, so that a build during the run does not change the running jar
cp "$(ls target/lianbao-*.jar | head -1)" "$WORK/lianbao.jar"
JAR=$WORK/lianbao.jar
APP_PID=

cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"
    for _ in $(seq 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
  fi
  dropdb --if-exists "$DB" || true
  rm -f "$JAR"
  echo "# application log: $WORK/app.log"
}
trap cleanup EXIT

dropdb --if-exists "$DB"
createdb "$DB"

java -jar "$JAR" --spring.profiles.active=demo,postgres \
  --server.address=127.0.0.1 --server.port="$PORT" --lianbao.data-dir="$WORK/data" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
  --spring.mail.host=127.0.0.1 --spring.mail.port="${LOAD_MAIL_PORT:-18499}" \
  >"$WORK/app.log" 2>&1 &
APP_PID=$!

for _ in $(seq 300); do
  if curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "the application did not start, see $WORK/app.log" >&2; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "not UP after 300 s" >&2; exit 1; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $JAR on PostgreSQL $(psql -XAtc 'show server_version' "$DB")"
STATUS=0
node bench/load.mjs --base "http://127.0.0.1:$PORT" --officers "$OFFICERS" --duration "$SECONDS_" \
  --think "${LOAD_THINK_MS:-0}" --connections "${LOAD_CONNECTIONS:-$OFFICERS}" --fill "${LOAD_FILL:-3}" || STATUS=$?
echo "# load average after the run $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q ' ERROR ' "$WORK/app.log"; then
  echo "# the application logged $(grep -c ' ERROR ' "$WORK/app.log") ERROR lines; the first:"
  grep -m 5 ' ERROR ' "$WORK/app.log" | cut -c1-400
fi
exit "$STATUS"
