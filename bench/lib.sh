# bench/lib.sh - shell functions shared by the benchmark scripts (bench/run, bench/jobs, bench/scale, bench/jmh;
# bench/profile uses take_bench_lock and listening_pid only); source it, never run it.
#
# The sourcing script sets ROOT (the checkout), WORK (its scratch directory), LOGS (where process logs go),
# MVN (mvn or ./mvnw), STARTED (an array: start_bg appends the process ids it starts; stop them on exit) and, for
# quiet_wait, QUIET_WAIT (seconds). start_store also reads STORE (h2 or memory), MONGO_PORT and CLASSPATH_TEST
# (which build sets) and sets STORE_PID. our_ticks also counts EXTRA_PIDS when set (a space-separated list).

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# take_bench_lock : the machine's benchmark lock (flock on $BENCH_LOCK, default /tmp/bench.lock) on descriptor 9,
# waiting while another benchmark's measurement holds it: two measurements never overlap. It is held until the
# script exits or closes descriptor 9 (`exec 9>&-`).
take_bench_lock() {
    local lock=${BENCH_LOCK:-/tmp/bench.lock}
    log "waiting for $lock (other benchmarks measure one at a time)"
    exec 9>>"$lock"
    flock 9
    log "lock taken"
}

# ---------------------------------------------------------------------------------------------------------------
# Processes: every one runs in its own process group (setsid), so stopping it stops all it started.

# start_bg NAME COMMAND... : runs COMMAND in the background, output in $LOGS/NAME.log; sets BG_PID. The process
# does not inherit descriptor 9, the benchmark lock's: the lock ends with the script that took it.
start_bg() {
    local name=$1
    shift
    setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
    BG_PID=$!
    STARTED+=("$BG_PID")
}

# stop_bg PID : SIGTERM to its process group, SIGKILL after 20 s.
stop_bg() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "process $pid ignored SIGTERM for 20 s: SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

# listening_pid PORT : the process id listening on PORT on this machine (empty when none, or not this user's).
listening_pid() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# answers_ready PORT : whether the node on PORT (or nginx in front of nodes) answers GET /health/ready with 200
# (it answers 503 while a dependency it needs is down).
answers_ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$1/health/ready"; }

require_free_port() {
    if port_taken "$1"; then
        log "port $1 is already in use by another process; choose another with the options (see --help)"
        return 1
    fi
}

# wait_port PID PORT SECONDS : until something listens on PORT, while PID lives.
wait_port() {
    local pid=$1 port=$2 deadline=$((SECONDS + $3))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || return 1
        port_taken "$port" && return 0
        sleep 0.2
    done
    return 1
}

# ---------------------------------------------------------------------------------------------------------------
# Build and the development store.

build() {
    log "building (mvn -B -DskipTests package, test classpath)"
    "$MVN" -q -B -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$WORK/classpath.txt" >"$LOGS/build.log" 2>&1 || {
        tail -30 "$LOGS/build.log" >&2
        return 1
    }
    CLASSPATH_TEST="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
}

start_store() {
    require_free_port "$MONGO_PORT" || return 1
    local where=(--dir "$WORK/store")
    [[ $STORE == memory ]] && where=(--memory)
    rm -rf "$WORK/store"
    start_bg store java -cp "$CLASSPATH_TEST" todoservice.dev.DevStoreMain --host 127.0.0.1 \
        --port "$MONGO_PORT" "${where[@]}"
    STORE_PID=$BG_PID
    wait_port "$STORE_PID" "$MONGO_PORT" 60 || {
        log "the development store did not start on $MONGO_PORT (see $LOGS/store.log)"
        return 1
    }
}

# ---------------------------------------------------------------------------------------------------------------
# CPU accounting.

# CPU accounting, in clock ticks: all busy time of the machine, and the part spent by this benchmark's processes
# (its background servers plus its reaped children such as wrk). The rest is other people's load.
machine_busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# Sets OUR_TICKS. Runs in the main shell (never in $(...)): `times` must see this shell's reaped children.
our_ticks() {
    local pid t
    OUR_TICKS=0
    # EXTRA_PIDS (optional, space-separated): live processes this benchmark did not start itself but drives, such
    # as the programs of a `bin/stack up` it ran (their parent is supervisord, not this shell).
    for pid in "${STARTED[@]}" ${EXTRA_PIDS:-}; do
        [[ -r /proc/$pid/stat ]] || continue
        # utime, stime and the reaped children's times: fields 14-17, counted after the ")" of the name.
        t=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }') || continue
        OUR_TICKS=$((OUR_TICKS + ${t:-0}))
    done
    # The shell's reaped children (wrk, java clients): `times` prints them on its second line, in seconds.
    times >"$WORK/times"
    t=$(tail -1 "$WORK/times" | awk -v hz="$CLK_TCK" '{
        n = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); n += p[1] * 60 + p[2] } printf "%.0f", n * hz }')
    OUR_TICKS=$((OUR_TICKS + t))
}
CLK_TCK=$(getconf CLK_TCK)
cpu_mark() {
    our_ticks
    CPU_MARK=("$(machine_busy_ticks)" "$OUR_TICKS" "$(date +%s%N)")
}
# Sets OTHERS: other processes' share of all cores since cpu_mark, in percent.
cpu_others() {
    local busy now
    our_ticks
    busy=$(machine_busy_ticks) now=$(date +%s%N)
    OTHERS=$(awk -v b=$((busy - CPU_MARK[0])) -v o=$((OUR_TICKS - CPU_MARK[1])) -v ns=$((now - CPU_MARK[2])) \
        -v hz="$CLK_TCK" -v cores="$(nproc)" \
        'BEGIN { x = 100 * (b - o) / (ns / 1e9 * hz * cores); if (x < 0) x = 0; printf "%.0f%%", x }')
}

# quiet_wait : wait (at most QUIET_WAIT seconds) until other processes use under 15 % of the CPU over 3 s.
quiet_wait() {
    local deadline=$((SECONDS + QUIET_WAIT)) waited=0
    ((QUIET_WAIT > 0)) || return 0
    while ((SECONDS < deadline)); do
        cpu_mark
        sleep 3
        cpu_others
        if ((${OTHERS%\%} < 15)); then
            ((waited)) && log "the machine is quiet again (other processes: $OTHERS)"
            return 0
        fi
        ((waited)) || log "other processes use $OTHERS of the CPU: waiting up to ${QUIET_WAIT} s for them"
        waited=1
    done
    log "other processes still use $OTHERS of the CPU: measuring anyway"
}
