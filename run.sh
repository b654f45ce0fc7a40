#!/usr/bin/env bash
# Starts the whole suite locally: embedded infrastructure, every service that exists, and the gateway on :8000.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"

usage() {
  cat <<'EOF'
Usage: ./run.sh [--help]

Builds what is missing, starts the embedded MongoDB-wire store (H2 file under ./.data/mongo) and a Kafka broker
(./.data/kafka), every service that exists and the gateway, waits until each is ready, and prints the URLs.
Ctrl-C (or SIGTERM, or SIGHUP when the terminal closes) stops everything it started, and so does a failed
write of its output (a pipe whose reader has gone). Data is kept between runs: delete ./.data to start afresh.
The first run after a build records each JVM's class-data archive (run.jsa next to its jars) as it stops, which
makes that stop slower; later runs start faster from it.

Environment:
  MONGODB_URI              use this MongoDB instead of the embedded store (the store is then not started)
  KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of the embedded broker (the broker is then not started)
  GATEWAY_PORT             gateway port                               (default 8000)
  IDENTITY_PORT, ORG_PORT, EVENT_PORT, REGISTRATION_PORT, ANALYTICS_PORT
                           service ports                              (defaults 8081..8085)
  MONGO_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT
                           embedded infrastructure ports              (defaults 27017, 9092, 9093)
  DATA_DIR                 data directory (store, broker, local JWT keys)  (default ./.data)
  LOG_DIR                  one log file per process                   (default ./.logs)
  JAVA_OPTS                JVM options of every process                (default -XX:+UseSerialGC)
  SERVICE_JAVA_OPTS        JVM options added for the services and the gateway (default: a bounded heap and thread
                           stacks, and native memory trimmed every 5 s, so each stays near 200 MB resident; empty:
                           the JVM's own)
  C1_ONLY                  services compiled by the JIT's quick compiler (C1) only: they start faster and stay
                           20-50 MB smaller (default: identity-service org-service event-service analytics-service,
                           which no check-in or registration waits on; empty: all use the JVM's tiered C1 and C2)
  PLATFORM_ADMINS          comma-separated emails that act as SUPER_ADMIN in every organization once the
                           account has verified its email (how a first operator gets in: register, send the
                           code from the local mailbox to POST /api/auth/verify-email, log in again)
  PLATFORM_ADMIN_IDS       comma-separated account ids that act as SUPER_ADMIN, verified or not
  SMTP_HOST, SMTP_PORT     send account emails there instead of devstack's mail server
  MAIL_PORT, MAILBOX_PORT  devstack's SMTP server and the page that shows what it received
                                                                      (defaults 3025, 8025)
  IN_MEMORY=1              keep the embedded store in memory instead of the H2 file (nothing is kept; for
                           benchmarks of the services rather than of the file store)
  SKIP                     services not to start, e.g. SKIP=identity-service to run it yourself with
                           ./mvnw -pl identity-service quarkus:dev (same port; the gateway still routes to it)
  RATE_LIMITS=off          the gateway limits no one (for local load tests and benchmarks); default on:
                           1,000 requests/hour per token subject, 100/hour per client address without a
                           valid token, more on the door's check-in routes (README "Rate limits")
EOF
}

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  usage
  exit 0
fi

DATA_DIR="$(mkdir -p "${DATA_DIR:-$ROOT/.data}" && cd "${DATA_DIR:-$ROOT/.data}" && pwd)"
LOG_DIR="$(mkdir -p "${LOG_DIR:-$ROOT/.logs}" && cd "${LOG_DIR:-$ROOT/.logs}" && pwd)"
GATEWAY_PORT="${GATEWAY_PORT:-8000}"
MONGO_PORT="${MONGO_PORT:-27017}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
MAIL_PORT="${MAIL_PORT:-3025}"
MAILBOX_PORT="${MAILBOX_PORT:-8025}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC}"
# Native memory the JVM frees stays in glibc's arenas unless trimmed (25-60 MB per service after a load run);
# JDK 17.0.9 and later can trim it every 5 s.
if [[ -z "${SERVICE_JAVA_OPTS+set}" ]]; then
  SERVICE_JAVA_OPTS="-Xmx64m -Xss512k"
  if java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
    SERVICE_JAVA_OPTS+=" -XX:TrimNativeHeapInterval=5000"
  fi
fi
# Off the door's and the rush's path, peak speed matters less than start-up and memory: C2's compiling costs more CPU
# than those services ever use (bench/README.md, "Footprint"). registration-service and the gateway keep C2.
C1_ONLY="${C1_ONLY-identity-service org-service event-service analytics-service}"
RATE_LIMITS="${RATE_LIMITS:-on}"
[[ "$RATE_LIMITS" == on || "$RATE_LIMITS" == off ]] || { echo "RATE_LIMITS is on or off, not '$RATE_LIMITS'" >&2; exit 2; }

# name, route key in the gateway's table, port
SERVICES=(
  "identity-service identity ${IDENTITY_PORT:-8081}"
  "org-service org ${ORG_PORT:-8082}"
  "event-service event ${EVENT_PORT:-8083}"
  "registration-service registration ${REGISTRATION_PORT:-8084}"
  "analytics-service analytics ${ANALYTICS_PORT:-8085}"
)

PIDS=()
NAMES=()

runs() { # a service runs here when its module exists and it is not skipped
  [[ -f "$1/pom.xml" && " ${SKIP:-} " != *" $1 "* ]]
}

stop_all() {
  trap - INT TERM HUP EXIT
  set +e # stop everything even when printing fails (the reader of a pipe has gone)
  if ((${#PIDS[@]} > 0)); then
    echo
    echo "Stopping…"
    # Services and the gateway first, the infrastructure (the first process) last, so consumers leave cleanly.
    for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do
      kill -TERM "${PIDS[$i]}" 2>/dev/null || true
    done
    await_exit "${PIDS[@]:1}"
    kill -TERM "${PIDS[0]}" 2>/dev/null || true
    await_exit "${PIDS[0]}"
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    echo "Stopped."
  fi
}

await_exit() { # pids: wait up to 20 s for them to exit
  for _ in $(seq 1 40); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive == 0)) && return 0
    sleep 0.5
  done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
# Output piped to a reader that has gone (`./run.sh | head`): the next write fails and everything is stopped, rather
# than SIGPIPE killing this script and leaving its JVMs running.
trap '' PIPE
trap stop_all EXIT

start() { # name, log name, command...
  local name="$1"; shift
  "$@" >"$LOG_DIR/$name.log" 2>&1 &
  PIDS+=("$!")
  NAMES+=("$name")
}

wait_for() { # description, seconds, test command...
  local what="$1" seconds="$2"; shift 2
  local pid="${PIDS[${#PIDS[@]} - 1]}"
  for _ in $(seq 1 $((seconds * 2))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$what exited while starting; see $LOG_DIR/${NAMES[${#NAMES[@]} - 1]}.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$what was not ready after ${seconds}s; see $LOG_DIR/${NAMES[${#NAMES[@]} - 1]}.log" >&2
  exit 1
}

# Build what is missing.
needed=(devstack/target/devstack.jar gateway/target/quarkus-app/quarkus-run.jar)
for entry in "${SERVICES[@]}"; do
  read -r name _ _ <<<"$entry"
  [[ -f "$name/pom.xml" ]] && needed+=("$name/target/quarkus-app/quarkus-run.jar")
done
for jar in "${needed[@]}"; do
  if [[ ! -f "$jar" ]]; then
    echo "Building the suite (first run)…"
    ./mvnw -B -q -DskipTests install
    break
  fi
done

# Class-data sharing: the first run after a build records, when each JVM stops, the classes it loaded into an archive
# next to its jars; later runs map that archive instead of loading and verifying those classes again (a third less
# CPU at start). A rebuild makes the jars newer than the archive, and the next run records it afresh. The JVM writes
# the archive's header (magic f00baba8) last, so a recording cut short has none and is recorded again.
class_data() { # directory with the process's jars -> its JVM options in CLASS_DATA
  local archive="$1/run.jsa"
  if [[ "$(od -An -tx4 -N4 "$archive" 2>/dev/null)" == " f00baba8" \
    && -z "$(find "$1" -name '*.jar' -newer "$archive" -print -quit)" ]]; then
    CLASS_DATA=("-XX:SharedArchiveFile=$archive")
  else
    rm -f "$archive"
    # Recording warns about each class it leaves out; only errors go to the log.
    CLASS_DATA=("-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=error)
  fi
}

DEVSTACK_CP="$ROOT/devstack/target/devstack.jar:$ROOT/devstack/target/lib/*"
# shellcheck disable=SC2206
JAVA=(java $JAVA_OPTS)
# shellcheck disable=SC2206
SERVICE_JAVA=(java $JAVA_OPTS $SERVICE_JAVA_OPTS)

# Infrastructure, unless pointed elsewhere; the local JWT key pair is made once in the data directory.
devstack_args=(--data-dir "$DATA_DIR" --mongo-port "$MONGO_PORT" --kafka-port "$KAFKA_PORT"
  --kafka-controller-port "$KAFKA_CONTROLLER_PORT" --mail-port "$MAIL_PORT" --mailbox-port "$MAILBOX_PORT")
[[ -n "${MONGODB_URI:-}" ]] && devstack_args+=(--no-mongo)
[[ -n "${SMTP_HOST:-}" ]] && devstack_args+=(--no-mail)
[[ -n "${IN_MEMORY:-}" ]] && devstack_args+=(--in-memory)
[[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]] && devstack_args+=(--no-kafka)
MONGODB_URI="${MONGODB_URI:-mongodb://127.0.0.1:$MONGO_PORT}"
KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}"
MAILBOX="$([[ -n "${SMTP_HOST:-}" ]] && echo "(mail goes to $SMTP_HOST)" || echo "http://localhost:$MAILBOX_PORT/messages")"
SMTP_HOST="${SMTP_HOST:-127.0.0.1}"
SMTP_PORT="${SMTP_PORT:-$MAIL_PORT}"

echo "Starting infrastructure…"
class_data "$ROOT/devstack/target"
start devstack "${JAVA[@]}" "${CLASS_DATA[@]}" -cp "$DEVSTACK_CP" io.eventplatform.devstack.DevStack "${devstack_args[@]}"
wait_for "devstack" 120 grep -q "devstack jwt keys" "$LOG_DIR/devstack.log"

# The credential of service-to-service calls, made once per data directory.
if [[ ! -s "$DATA_DIR/service-token" ]]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DATA_DIR/service-token"
fi
SERVICE_TOKEN="$(cat "$DATA_DIR/service-token")"
port_of() { # route key -> port
  local entry name route port
  for entry in "${SERVICES[@]}"; do
    read -r name route port <<<"$entry"
    [[ "$route" == "$1" ]] && echo "$port"
  done
}

gateway_routes=()
started_services=()
for entry in "${SERVICES[@]}"; do
  read -r name route port <<<"$entry"
  gateway_routes+=("-Dgateway.upstreams.$route.url=http://127.0.0.1:$port")
  runs "$name" || continue
  echo "Starting $name on :$port…"
  signing=()
  class_data "$ROOT/$name/target/quarkus-app"
  jit=()
  [[ " $C1_ONLY " == *" $name "* ]] && jit=(-XX:TieredStopAtLevel=1)
  [[ "$name" == "identity-service" ]] && signing=("-Dsmallrye.jwt.sign.key.location=file:$DATA_DIR/jwt/private.pem")
  start "$name" env \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MONGODB_CONNECTION_STRING="$MONGODB_URI" \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$DATA_DIR/jwt/public.pem" \
    EVENTPLATFORM_INTERNAL_TOKEN="$SERVICE_TOKEN" \
    EVENTPLATFORM_PLATFORM_ADMINS="${PLATFORM_ADMINS:-}" \
    EVENTPLATFORM_PLATFORM_ADMIN_IDS="${PLATFORM_ADMIN_IDS:-}" \
    EVENTPLATFORM_ACCOUNTS_PUBLIC_URL="http://localhost:$GATEWAY_PORT" \
    QUARKUS_MAILER_HOST="$SMTP_HOST" \
    QUARKUS_MAILER_PORT="$SMTP_PORT" \
    QUARKUS_REST_CLIENT_IDENTITY_SERVICE_URL="http://127.0.0.1:$(port_of identity)" \
    QUARKUS_REST_CLIENT_ORG_SERVICE_URL="http://127.0.0.1:$(port_of org)" \
    QUARKUS_REST_CLIENT_EVENT_SERVICE_URL="http://127.0.0.1:$(port_of event)" \
    "${SERVICE_JAVA[@]}" "${jit[@]}" "${CLASS_DATA[@]}" "${signing[@]}" -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  started_services+=("$name :$port")
done
for entry in "${SERVICES[@]}"; do
  read -r name _ port <<<"$entry"
  runs "$name" || continue
  wait_for "$name" 120 curl -sf "http://127.0.0.1:$port/q/health/ready"
done

echo "Starting gateway on :$GATEWAY_PORT (rate limits $RATE_LIMITS)…"
rate_limits=()
limits_note="rate limits on (RATE_LIMITS=off ./run.sh turns them off)"
if [[ "$RATE_LIMITS" == off ]]; then
  rate_limits=(-Dgateway.rate-limits.enabled=false)
  limits_note="rate limits off"
fi
# The gateway verifies bearer tokens with the services' public key, to count each caller by its token's subject.
class_data "$ROOT/gateway/target/quarkus-app"
start gateway env MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$DATA_DIR/jwt/public.pem" \
  "${SERVICE_JAVA[@]}" "${CLASS_DATA[@]}" -Dquarkus.http.port="$GATEWAY_PORT" "${gateway_routes[@]}" "${rate_limits[@]}" \
  -jar "$ROOT/gateway/target/quarkus-app/quarkus-run.jar"
wait_for "gateway" 60 curl -sf "http://127.0.0.1:$GATEWAY_PORT/q/health/ready"

cat <<EOF

The suite is up.
  Gateway   http://localhost:$GATEWAY_PORT        (the API base URL)
  API docs  http://localhost:$GATEWAY_PORT/docs
  Health    http://localhost:$GATEWAY_PORT/health
  Limits    $limits_note
EOF
for s in "${started_services[@]}"; do
  printf '  %-20s http://localhost%s  (/q/health, /q/metrics, /q/openapi)\n' "${s% *}" "${s##* }"
done
cat <<EOF
  MongoDB   $MONGODB_URI
  Kafka     $KAFKA_BOOTSTRAP_SERVERS
  Data      $DATA_DIR
  Logs      $LOG_DIR/<name>.log
  Mail      $MAILBOX   (account emails: verification codes, password resets)
Press Ctrl-C to stop.
EOF

# Stay in the foreground; say so if a process dies.
declare -A reported=()
while true; do
  for i in "${!PIDS[@]}"; do
    if [[ -z "${reported[$i]:-}" ]] && ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      echo "${NAMES[$i]} exited; see $LOG_DIR/${NAMES[$i]}.log" >&2
      reported[$i]=1
    fi
  done
  sleep 1
done
