#!/usr/bin/env bash
# Side-by-side benchmark: the plain Camunda baseline (../shared/bench) and Lianbao, run alternately
# (vanilla, lianbao, vanilla, lianbao, ...) on this machine, never at the same time, then one table per
# database: figure unit lianbao vanilla ratio spread (ratio = lianbao / vanilla of the medians; spread =
# lowest-highest ratio of the single pairs; "-" where the baseline has no such figure).
#
#   bench/side-by-side.sh [pairs] [h2|pg ...]        default: 3 pairs, h2 pg
#
# Environment:
#   VANILLA_BENCH   the baseline's folder (default ../shared/bench), copied to target/vanilla and built there
#   BENCH_ARGS      benchmark properties for both sides, e.g. "--bench.instances=500 --bench.timers=200"
#   LIANBAO_ARGS    properties for Lianbao's side only, e.g. "--bench.idle-ms=60000"
#   LATER_PAIRS_ARGS  properties for Lianbao's side from the second pair on, e.g. "--bench.idle-timers=0" (the
#                   3-minute idle phase once per database: its figures have no baseline)
#   PLAN_YEAR       1 (default): also run PlanYearBenchmark (plan year, heap of ten years, /progress) each run;
#                   first: in the first pair only (its figures have no baseline); 0: never
#   PG_HOST PG_PORT PG_USER   PostgreSQL server (default 127.0.0.1 5432 postgres, trust or PGPASSWORD)
#   VANILLA_DB LIANBAO_DB     databases, dropped and created for each run
#                             (default lianbao_bench_vanilla, lianbao_bench_project)
#   BENCH_PORT      port of the start-up measurement (default 18310)
# Each run's figures and log go to target/bench/<session>/; the tables to target/bench/<session>/table.txt.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

pairs="${1:-3}"
[ $# -gt 0 ] && shift
dbs=("$@")
[ ${#dbs[@]} -eq 0 ] && dbs=(h2 pg)

vanilla_src="${VANILLA_BENCH:-../shared/bench}"
pg_host="${PG_HOST:-127.0.0.1}"
pg_port="${PG_PORT:-5432}"
pg_user="${PG_USER:-postgres}"
vanilla_db="${VANILLA_DB:-lianbao_bench_vanilla}"
lianbao_db="${LIANBAO_DB:-lianbao_bench_project}"
port="${BENCH_PORT:-18310}"
jvm="-Xms1g -Xmx2g"
read -r -a bench_args <<< "${BENCH_ARGS:-}"
read -r -a lianbao_args <<< "${LIANBAO_ARGS:-}"
read -r -a later_args <<< "${LATER_PAIRS_ARGS:-}"

session="target/bench/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$session"
log() { echo "[$(date +%H:%M:%S)] $*" | tee -a "$session/session.log" >&2; }

# A PostgreSQL server without autovacuum never analyzes the tables the runs fill: its plans for the task
# queries then go quadratic (seconds per query on 10,000 tasks) and the figures measure that, on both sides.
if [[ " ${dbs[*]} " == *" pg "* ]] && [ "$(PGOPTIONS='--client-min-messages=warning' psql -tAq -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c 'SHOW autovacuum')" != on ]; then
  echo "PostgreSQL at $pg_host:$pg_port runs without autovacuum: turn it on for the benchmark" \
    "(ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();)" >&2
  exit 2
fi

# ---- build both sides ----
if [ ! -f target/vanilla/baseline/target/camunda-baseline.jar ]; then
  rm -rf target/vanilla
  cp -r "$vanilla_src" target/vanilla
  chmod -R u+w target/vanilla
  log "building the baseline in target/vanilla/baseline"
  (cd target/vanilla/baseline && mvn -B -q -DskipTests package)
fi
if [ ! -f target/lianbao-0.1.0-SNAPSHOT.jar ] || [ -n "$(find src/main pom.xml processes forms -newer target/lianbao-0.1.0-SNAPSHOT.jar -type f | head -1)" ]; then
  log "packaging Lianbao"
  ./mvnw -o -B -q package -DskipTests
fi
./mvnw -o -B -q test-compile

psql_admin() { PGOPTIONS='--client-min-messages=warning' psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }
fresh_db() {
  psql_admin -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
}

run_vanilla() { # db pair
  local db="$1" i="$2" outf="$session/$1-vanilla-$2.txt"
  log "vanilla $db pair $i"
  local start=$SECONDS
  if [ "$db" = pg ]; then
    fresh_db "$vanilla_db"
    PG_URL="jdbc:postgresql://$pg_host:$pg_port/$vanilla_db" PG_USER="$pg_user" PG_PASSWORD="${PGPASSWORD:-trust}" \
      JAVA_OPTS="$jvm" target/vanilla/run-baseline.sh pg "${bench_args[@]}" > "$outf"
  else
    JAVA_OPTS="$jvm" target/vanilla/run-baseline.sh h2 "${bench_args[@]}" > "$outf"
  fi
  log "vanilla $db pair $i done in $((SECONDS - start)) s"
}

# Phase a: the packaged jar on an empty database, main() until Spring Boot reports the application started.
startup() { # db outf
  local db="$1" outf="$2" data="$repo/target/bench/startup-data" runlog="$session/$1-lianbao-$3-startup.log"
  rm -rf "$data"
  # no mail server, as in the benchmark itself: notices stay in the outbox (start-up sends none anyway)
  local args=(--server.port="$port" --lianbao.data-dir="$data" --spring.profiles.active=demo)
  if [ "$db" = pg ]; then
    fresh_db "$lianbao_db"
    args=(--server.port="$port" --lianbao.data-dir="$data" --spring.profiles.active=demo,postgres
          --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$lianbao_db" --spring.datasource.username="$pg_user"
          --spring.datasource.password="${PGPASSWORD:-}")
  fi
  : > "$runlog"
  # shellcheck disable=SC2086
  java $jvm -jar target/lianbao-0.1.0-SNAPSHOT.jar "${args[@]}" > "$runlog" 2>&1 &
  local pid=$! waited=0
  until grep -q "Started LianbaoApplication in" "$runlog"; do
    if ! kill -0 "$pid" 2>/dev/null || [ $waited -gt 600 ]; then
      kill "$pid" 2>/dev/null || true
      echo "start-up failed, see $runlog" >&2; tail -20 "$runlog" >&2; return 1
    fi
    sleep 0.5; waited=$((waited + 1))
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # "Started LianbaoApplication in 9.1 seconds (process running for 10.2)"
  sed -n 's/.*Started LianbaoApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' "$runlog" \
    | head -1 | awk '{ printf "startup_main_to_ready %d ms\nstartup_jvm_to_ready %d ms\n", $1 * 1000, $2 * 1000 }' >> "$outf"
}

run_lianbao() { # db pair
  local db="$1" i="$2" outf="$session/$1-lianbao-$2.txt" abs
  abs="$repo/$outf"
  log "lianbao $db pair $i"
  local start=$SECONDS
  : > "$outf"
  startup "$db" "$outf" "$i"
  local props=() a
  for a in "${bench_args[@]}" "${lianbao_args[@]}"; do props+=("-D${a#--}"); done
  if [ "$i" != 1 ]; then
    for a in "${later_args[@]}"; do props+=("-D${a#--}"); done
  fi
  # only the default surefire execution: the "startup" execution would run the benchmark a second time
  local mvn=(./mvnw -o -B -q test-compile surefire:test@default-test -Dtest.groups=benchmark -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false
             "-Dtest.jvm.options=$jvm")
  if [ "$db" = pg ]; then
    fresh_db "$lianbao_db"
    mvn+=(-Ppostgres -Dtest.groups=benchmark "-Dlianbao.db.url=jdbc:postgresql://$pg_host:$pg_port/$lianbao_db"
          -Dlianbao.db.user="$pg_user" -Dlianbao.db.password="${PGPASSWORD:-}")
  else
    rm -rf target/bench/h2db target/bench/data
  fi
  "${mvn[@]}" -Dtest=SideBySideBenchmark -Dbench.out="$abs.part" "${props[@]}" > "$session/$db-lianbao-$i.log" 2>&1 \
    || { echo "SideBySideBenchmark failed, see $session/$db-lianbao-$i.log" >&2; tail -30 "$session/$db-lianbao-$i.log" >&2; return 1; }
  cat "$abs.part" >> "$outf" && rm -f "$abs.part"
  if [ "${PLAN_YEAR:-1}" = 1 ] || { [ "${PLAN_YEAR:-1}" = first ] && [ "$i" = 1 ]; }; then
    [ "$db" = pg ] && fresh_db "$lianbao_db"
    "${mvn[@]}" -Dtest=PlanYearBenchmark > "$session/$db-lianbao-$i-planyear.log" 2>&1 \
      || { echo "PlanYearBenchmark failed, see $session/$db-lianbao-$i-planyear.log" >&2; return 1; }
    grep -E '^[a-z0-9_]+ [-0-9.]+ [^ ]+$|^# year' target/surefire-reports/cn.lianbao.benchmark.PlanYearBenchmark-output.txt >> "$outf"
    # opening one plan year (until no executable job is left) per user task it opens
    awk '$1 == "plan_year_start" { s = $2 } $1 == "plan_year_open_tasks" { n = $2 }
         END { if (n > 0) printf "plan_year_start_per_user_task %.2f ms\n", s / n }' "$outf" >> "$outf.tmp" \
      && cat "$outf.tmp" >> "$outf" && rm -f "$outf.tmp"
  fi
  log "lianbao $db pair $i done in $((SECONDS - start)) s"
}

for i in $(seq 1 "$pairs"); do
  for db in "${dbs[@]}"; do
    run_vanilla "$db" "$i"
    run_lianbao "$db" "$i"
  done
done

for db in "${dbs[@]}"; do
  echo "== $db: $pairs pair(s), $(date +%Y-%m-%d) ${BENCH_ARGS:-}" | tee -a "$session/table.txt"
  python3 bench/pairs.py --vanilla-bench target/vanilla \
    --vanilla $(for i in $(seq 1 "$pairs"); do echo "$session/$db-vanilla-$i.txt"; done) \
    --lianbao $(for i in $(seq 1 "$pairs"); do echo "$session/$db-lianbao-$i.txt"; done) | tee -a "$session/table.txt"
done
log "figures and logs in $session"
