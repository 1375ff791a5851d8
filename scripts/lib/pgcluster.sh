# Shell helpers for scripts/check-failover and scripts/check-restore (sourced, not run): scratch
# PostgreSQL clusters on loopback, a huizongd on them, deadlines on every wait, and a cleanup that
# stops every process these helpers started, whatever happened.
#
# PostgreSQL refuses to run as root; as root its programs run as the `postgres` user through
# `runuser`, as Sources/HuizongDatabase/EmbeddedCluster.swift does for the embedded cluster (and the
# test cluster of Tests/HuizongIntegrationTests/Support/TestCluster.swift through it).

# --- failure and cleanup ---------------------------------------------------------------------------

hz_clusters=()     # data directories of clusters started here (stopped -m immediate at exit)
hz_daemons=()      # pids of huizongd processes started here
hz_work=""         # scratch directory, removed at exit unless the run failed or HUIZONG_KEEP=1
hz_ok=0            # set to 1 by hz_pass; anything else at exit is a failure

hz_fail() { echo "FAIL: $*" >&2; exit 1; }
hz_log() { printf '[%6.1fs] %s\n' "$(hz_elapsed)" "$*"; }
hz_elapsed() { awk -v s="$hz_t0" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }'; }
hz_t0=$(date +%s.%N)

hz_cleanup() {
    local status=$?
    set +e
    local pid dir
    for pid in "${hz_daemons[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null
            for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
        fi
        wait "$pid" 2>/dev/null
    done
    for dir in "${hz_clusters[@]}"; do
        hz_pg_running "$dir" && hz_as_pg "$hz_pg_bin/pg_ctl" stop -w -t 30 -m immediate -D "$dir" >/dev/null 2>&1
        # A postmaster pg_ctl could not stop (or whose pid file is gone) is killed by its pid.
        if [ -f "$dir/postmaster.pid" ]; then
            pid=$(head -1 "$dir/postmaster.pid" 2>/dev/null)
            [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
        fi
    done
    if [ "$hz_ok" = 1 ] && [ "$status" = 0 ] && [ "${HUIZONG_KEEP:-0}" != 1 ]; then
        [ -n "$hz_work" ] && rm -rf "$hz_work"
    elif [ -n "$hz_work" ]; then
        echo "logs and data kept in $hz_work" >&2
    fi
    if [ "$status" = 0 ] && [ "$hz_ok" != 1 ]; then status=1; fi
    exit "$status"
}

hz_pass() { hz_ok=1; }

# A check that failed but leaves the next steps able to run: reported now, the run fails at the end.
hz_problems=()
hz_problem() { echo "FAIL: $*" >&2; hz_problems+=("$*"); }

# hz_finish NAME: PASS, or FAIL with every problem recorded.
hz_finish() {
    if [ ${#hz_problems[@]} -eq 0 ]; then
        hz_log "PASS $1"
        hz_pass
    else
        hz_log "FAIL $1: ${#hz_problems[@]} problem(s):"
        printf '  - %s\n' "${hz_problems[@]}"
        exit 1
    fi
}

# hz_verify CONNINFO LOG WHAT: `huizong verify`; a finding is a problem (its first lines shown),
# and then verify runs again after 12 s, so that the recovery sweep the daemon runs every 5 s has
# had its chance: the second result says whether the finding heals by itself.
hz_verify() {
    local conninfo=$1 log=$2 what=$3 t; t=$(date +%s.%N)
    if hz_cli verify --database "$conninfo" >"$log" 2>"$log.err"; then
        hz_log "huizong verify $what: nothing found ($(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}') s): $(cat "$log" "$log.err" | grep . | tail -1)"
        return 0
    fi
    hz_problem "huizong verify $what: $(cat "$log.err" | tail -1) ($(wc -l <"$log") lines of findings in $log)"
    head -6 "$log" | sed 's/^/    /' >&2
    echo "    months with findings: $(grep -oE '^[0-9]+ [0-9]{4}-[0-9]{2}' "$log" | awk '{print $2}' | sort -u | sed -n '1p;$p' | paste -sd' ' | sed 's/ / .. /')" >&2
    echo "    province_versions (province version consolidated pending_years): $(timeout 30 psql "$conninfo" -XAtc "SELECT province, version, consolidated, pending_years FROM province_versions" | paste -sd' ')" >&2
    sleep 12
    if hz_cli verify --database "$conninfo" >"$log.again" 2>"$log.again.err"; then
        hz_log "huizong verify $what, 12 s later: nothing found (healed by itself)"
    else
        hz_log "huizong verify $what, 12 s later: still $(tail -1 "$log.again.err")"
    fi
    return 1
}

# hz_wait SECONDS DESCRIPTION COMMAND...: runs COMMAND every 0.1 s until it succeeds; fails the run
# after SECONDS.
hz_wait() {
    local seconds=$1 what=$2; shift 2
    local deadline; deadline=$(awk -v n="$(date +%s.%N)" -v s="$seconds" 'BEGIN { printf "%.3f", n + s }')
    until "$@" >/dev/null 2>&1; do
        if awk -v n="$(date +%s.%N)" -v d="$deadline" 'BEGIN { exit !(n > d) }'; then
            hz_fail "$what: not within ${seconds}s"
        fi
        sleep 0.1
    done
}

# --- prerequisites ---------------------------------------------------------------------------------

hz_setup() {
    [ "$(id -u)" = 0 ] || hz_fail "run as root (PostgreSQL runs as the postgres user through runuser)"
    local missing=()
    [ -x /usr/lib/postgresql/15/bin/pg_basebackup ] || missing+=(postgresql-15)
    command -v psql >/dev/null 2>&1 || missing+=(postgresql-client-15)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing ${missing[*]}" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
            || hz_fail "cannot install ${missing[*]}"
    fi
    hz_pg_bin=${HUIZONG_PG_BIN:-/usr/lib/postgresql/15/bin}
    [ -x "$hz_pg_bin/postgres" ] || hz_fail "no PostgreSQL server programs in $hz_pg_bin"
    id postgres >/dev/null 2>&1 || hz_fail "no postgres user to run PostgreSQL as"
    hz_bin=${HUIZONG_BIN:-$PWD/.build/release}
    [ -x "$hz_bin/huizongd" ] && [ -x "$hz_bin/huizong" ] || hz_fail "no huizongd/huizong in $hz_bin (build them: swift build -c release)"
    # The daemon and the CLI read HUIZONG_* variables and /etc/huizong/huizongd.conf: none of the
    # machine's settings may leak into a check.
    local v
    for v in $(compgen -e | grep '^HUIZONG_' || true); do
        case "$v" in HUIZONG_KEEP|HUIZONG_BIN|HUIZONG_PG_BIN|HUIZONG_FAILOVER_*) ;; *) unset "$v" ;; esac
    done
}

# hz_workdir NAME: a scratch directory under /tmp that the postgres user can enter.
# The binaries and Schema/ are copied into it first: a build that replaces .build/release meanwhile
# changes nothing in a running check.
hz_workdir() {
    hz_work=$(mktemp -d "/tmp/$1.XXXXXX")
    chmod 755 "$hz_work"
    : > "$hz_work/empty.conf"
    mkdir -p "$hz_work/bin"
    cp "$hz_bin/huizongd" "$hz_bin/huizong" "$hz_work/bin/"
    cp -r Schema "$hz_work/Schema"
    hz_bin=$hz_work/bin hz_schema=$hz_work/Schema
    "$hz_bin/huizongd" --version >/dev/null && "$hz_bin/huizong" --version >/dev/null || hz_fail "the binaries do not run"
}

# hz_cli ARGS...: the huizong CLI on the copied schema, reading no configuration file.
hz_cli() { timeout 120 "$hz_bin/huizong" "$@" --config "$hz_work/empty.conf" --schema "$hz_schema"; }

# hz_free_ports N: N distinct free TCP ports on 127.0.0.1.
hz_free_ports() {
    python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

# --- clusters --------------------------------------------------------------------------------------

hz_as_pg() { runuser -u postgres -- "$@"; }

hz_pg_running() { [ -f "$1/postmaster.pid" ] && hz_as_pg "$hz_pg_bin/pg_ctl" status -D "$1" >/dev/null 2>&1; }

# hz_conninfo PORT [DB]
hz_conninfo() { echo "host=127.0.0.1 port=$1 dbname=${2:-huizong} user=postgres connect_timeout=5"; }

# hz_psql PORT ARGS...: psql as postgres, at most 60 s (a commit waiting for a synchronous standby
# that is not there would wait for ever).
hz_psql() { local port=$1; shift; timeout 60 psql "$(hz_conninfo "$port" "${HZ_DB:-huizong}")" -XAtq -v ON_ERROR_STOP=1 "$@"; }

# hz_initdb DIR PORT: a new cluster listening on 127.0.0.1:PORT only (its Unix socket in DIR.run),
# trust authentication for loopback (initdb -A trust; loopback-only, scratch clusters).
hz_initdb() {
    local dir=$1 port=$2
    mkdir -p "$dir" "$dir.run"
    chown postgres: "$dir" "$dir.run"
    chmod 700 "$dir"
    hz_as_pg timeout 120 "$hz_pg_bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; hz_fail "initdb $dir"; }
    cat >>"$dir/postgresql.conf" <<EOF

# --- scratch cluster of $(basename "$0") ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir.run'
max_connections = 100
jit = off
log_line_prefix = '%m [%p] '
include_if_exists = 'drill.conf'
EOF
}

# hz_pg_start DIR: starts the cluster (log DIR.log), waits for it to accept connections.
hz_pg_start() {
    local dir=$1
    touch "$dir.log"; chown postgres: "$dir.log"
    hz_clusters+=("$dir")
    hz_as_pg "$hz_pg_bin/pg_ctl" start -w -t 60 -D "$dir" -l "$dir.log" >/dev/null \
        || { tail -20 "$dir.log" >&2; hz_fail "PostgreSQL in $dir did not start"; }
}

hz_pg_stop() { hz_as_pg "$hz_pg_bin/pg_ctl" stop -w -t 60 -m "${2:-fast}" -D "$1" >/dev/null || hz_fail "pg_ctl stop $1"; }

# --- the daemon ------------------------------------------------------------------------------------

# hz_daemon_start NAME PORT CONNINFO [MORE FLAGS...]: huizongd on 127.0.0.1:PORT over CONNINFO,
# log in $hz_work/NAME.log; waits until it answers a ping. Sets hz_daemon_pid.
hz_daemon_start() {
    local name=$1 port=$2 conninfo=$3; shift 3
    "$hz_bin/huizongd" --config "$hz_work/empty.conf" --database "$conninfo" --tcp "127.0.0.1:$port" --http "" \
        --unix-socket "" --data-dir "$hz_work/$name.data" --schema "$hz_schema" --log-level info "$@" \
        >"$hz_work/$name.log" 2>&1 &
    hz_daemon_pid=$!
    hz_daemons+=("$hz_daemon_pid")
    local deadline=$((SECONDS + 60))
    until grep -qs "huizongd ready" "$hz_work/$name.log" && hz_ping "$port" 2>/dev/null; do
        kill -0 "$hz_daemon_pid" 2>/dev/null || { tail -20 "$hz_work/$name.log" >&2; hz_fail "huizongd ($name) exited at start"; }
        [ $SECONDS -lt $deadline ] || { tail -20 "$hz_work/$name.log" >&2; hz_fail "huizongd ($name) not answering on 127.0.0.1:$port within 60 s"; }
        sleep 0.1
    done
}

hz_ping() {
    python3 - "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
s.settimeout(1)
s.sendall(b'{"type":"ping"}\n')
assert b"pong" in s.recv(4096)
PY
}

# hz_daemon_stop PID: SIGTERM, at most 30 s for a graceful stop.
hz_daemon_stop() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; hz_fail "huizongd $pid did not stop within 30 s of SIGTERM"; }
    wait "$pid" 2>/dev/null || true
}

# hz_offices CONNINFO OUT.json ROLE:CODE[:REGION]...: creates the offices with `huizong office add`
# and writes [{"office","region","role","token"}] to OUT.json.
hz_offices() {
    local conninfo=$1 out=$2; shift 2
    local spec code role region token first=1
    echo "[" >"$out"
    for spec in "$@"; do
        IFS=: read -r role code region <<<"$spec"
        region=${region:-$code}
        token=$(hz_cli office add "$code" --role "$role" --region "$region" --database "$conninfo" 2>>"$hz_work/offices.log") || { cat "$hz_work/offices.log" >&2; hz_fail "huizong office add $code"; }
        [ $first = 1 ] || echo "," >>"$out"; first=0
        printf '{"office":"%s","region":"%s","role":"%s","token":"%s"}\n' "$code" "$region" "$role" "$token" >>"$out"
    done
    echo "]" >>"$out"
}
