# Sourced by bench/run.sh: CPU per request from /proc, for the service, PostgreSQL and Redis, and the
# service's allocation per request, over one load phase. /proc/<pid>/stat fields 14-17: user and system
# time of the process and of the children it waited for, in clock ticks. PostgreSQL is its postmaster
# (whose cumulative child time holds the backends that exited) plus its current backends.

CLK_TCK=$(getconf CLK_TCK)

proc_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }

postgres_ticks() {
  local total child
  total=$(proc_ticks "$PG_PID")
  for child in $(pgrep -P "$PG_PID"); do total=$((total + $(proc_ticks "$child"))); done
  echo "$total"
}

# The PostgreSQL and Redis this service talks to: the listeners of the ports its connections go to (other
# servers on the machine, a test suite's say, are not counted).
find_servers() {
  local port listener
  PG_PID=""; REDIS_PID=""
  for port in $(ss -tnpH state established | awk -v pid="pid=$PID," '$0 ~ pid {split($4, a, ":"); print a[length(a)]}' | sort -u); do
    listener=$(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
    [[ -n $listener ]] || continue
    case "$(ps -o comm= -p "$listener")" in
      postgres) PG_PID=$listener ;;
      redis-server*) REDIS_PID=$listener ;;
    esac
  done
  [[ -n "$PG_PID" && -n "$REDIS_PID" ]] || { echo "the service's PostgreSQL/Redis not found"; exit 1; }
  echo "service $PID, PostgreSQL postmaster $PG_PID, Redis $REDIS_PID"
}

allocated_bytes() { curl -fs "$BASE/q/metrics" | awk '/^jvm_gc_memory_allocated_bytes_total/ {s += $2} END {printf "%.0f", s}'; }

# cost_start; <load>; cost_end LABEL REQUESTS: appends one line to $OUT/cost.txt. A full GC before and after
# the phase (outside it) makes the allocation counter, updated at each collection, exact.
# Under constant load (cost_start_running ... cost_end LABEL N running) no GC is forced: the allocation is
# then the counter's difference between the collections nearest the span's ends (approximate).
cost_start() {
  jcmd "$PID" GC.run >/dev/null; sleep 1
  cost_start_running
}
cost_start_running() {
  ALLOC0=$(allocated_bytes)
  T0=($(proc_ticks "$PID") $(postgres_ticks) $(proc_ticks "$REDIS_PID"))
}
cost_end() {
  local label=$1 requests=$2 running=${3:-}
  local t1=($(proc_ticks "$PID") $(postgres_ticks) $(proc_ticks "$REDIS_PID"))
  [[ -n $running ]] || { jcmd "$PID" GC.run >/dev/null; sleep 1; }
  local alloc1; alloc1=$(allocated_bytes)
  awk -v label="$label" -v n="$requests" -v hz="$CLK_TCK" -v s="$((t1[0] - T0[0]))" -v p="$((t1[1] - T0[1]))" \
      -v r="$((t1[2] - T0[2]))" -v a="$((alloc1 - ALLOC0))" 'BEGIN {
    us = 1e6 / hz / n
    printf "%-44s requests=%d  CPU per request: service %.0f µs, PostgreSQL %.0f µs, Redis %.0f µs, total %.0f µs; allocated %.1f KB\n",
      label, n, s * us, p * us, r * us, (s + p + r) * us, a / n / 1024 }' | tee -a "$OUT/cost.txt"
}

# requests completed in a wrk output
wrk_requests() { awk '/requests in/ {print $1}' "$1"; }
