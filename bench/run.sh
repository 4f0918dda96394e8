#!/usr/bin/env bash
# Builds the benchmarks (Release, into build-bench/) and runs them all; prints the medians and the
# Z3 / vpcreach ratios. Usage: bench/run.sh [--quick] [--full-workloads]
#   --quick           skip the matrices on the regions
#   --full-workloads  also BM_MatrixByWorkload/workloads (several minutes on a 2-core machine)
#
# Environment:
#   VPCREACH_BENCH_REPETITIONS  repetitions of the cheap benchmarks (default 3)
#   VPCREACH_BENCH_MATRIX_TIMEOUT  seconds allowed to BM_Matrix/region and to
#                               BM_MatrixByWorkload/workloads (default 600); each runs in its own
#                               process, killed past this, and reported so
# Results (Google Benchmark JSON) go to build-bench/results/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build-bench"
out="$build/results"
reps="${VPCREACH_BENCH_REPETITIONS:-3}"
matrix_timeout="${VPCREACH_BENCH_MATRIX_TIMEOUT:-600}"
quick=0
full_workloads=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --full-workloads) full_workloads=1 ;;
    *) echo "usage: bench/run.sh [--quick] [--full-workloads]" >&2; exit 2 ;;
  esac
done

"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVPCREACH_BUILD_TESTS=OFF \
  -DVPCREACH_BUILD_BENCHMARKS=ON >/dev/null
ninja -C "$build" vpcreach_bench vpcreach_solver_bench vpcreach_workload_bench vpcreach_diff_bench \
  vpcreach_cfn_bench vpcreach_snapshot_bench $(ninja -C "$build" -t targets all |
  grep -q '^vpcreach_z3_bench:' && echo vpcreach_z3_bench) >/dev/null
mkdir -p "$out"
rm -f "$out"/*.json "$out"/*.timeout

# run NAME BINARY ARGS...: one benchmark process, JSON to $out/NAME.json, console to the terminal.
run() {
  local name="$1" binary="$2"
  shift 2
  echo "== $name" >&2
  "$binary" --benchmark_out="$out/$name.json" --benchmark_out_format=json "$@"
}
# run_with_timeout NAME BINARY FILTER: one benchmark in its own process, stopped after
# $matrix_timeout seconds; then NAME.timeout says so with the peak memory it had reached (from the
# kernel's rusage of the killed child) and the summary shows it.
run_with_timeout() {
  local name="$1" binary="$2" filter="$3"
  echo "== $name (at most ${matrix_timeout}s)" >&2
  python3 - "$matrix_timeout" "$out" "$binary" "$name" "$filter" <<'PY' || true
import resource, subprocess, sys
timeout, out, binary, name, flt = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
p = subprocess.Popen([binary, f"--benchmark_filter={flt}",
                      f"--benchmark_out={out}/{name}.json", "--benchmark_out_format=json"])
try:
    sys.exit(p.wait(timeout=timeout))
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    note = f"{flt} did not finish within {timeout} s (peak RSS then: {peak:.0f} MB)"
    with open(f"{out}/{name}.timeout", "w") as f:
        f.write(note + "\n")
    print(note)
PY
  if [ -f "$out/$name.timeout" ]; then rm -f "$out/$name.json"; fi
}
cheap=(--benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true)

run trace "$build/vpcreach_bench" "${cheap[@]}"
run solver "$build/vpcreach_solver_bench" --benchmark_filter='-BM_Matrix.*/(region|tgw)' "${cheap[@]}"
run workloads "$build/vpcreach_workload_bench" --benchmark_filter='-BM_Matrix' "${cheap[@]}"
if [ $quick -eq 0 ]; then
  run matrix-region10 "$build/vpcreach_solver_bench" --benchmark_filter='^BM_Matrix.*/region10/'
  run matrix-tgw10 "$build/vpcreach_solver_bench" --benchmark_filter='^BM_Matrix.*/tgw10/'
  run matrix-region-serial "$build/vpcreach_solver_bench" --benchmark_filter='^BM_MatrixSerial/region/'
  run matrix-workloads10 "$build/vpcreach_workload_bench" --benchmark_filter='^BM_MatrixByWorkload/workloads10/'
  # The region's matrix (about a minute; it once took hours) in its own process, stopped after
  # the timeout, with the peak memory it had reached then.
  run_with_timeout matrix-region "$build/vpcreach_solver_bench" '^BM_Matrix/region/'
  if [ $full_workloads -eq 1 ]; then
    run_with_timeout matrix-workloads "$build/vpcreach_workload_bench" '^BM_MatrixByWorkload/workloads/'
  fi
fi
# diff (the full diff of the region is left out: hours; the restricted one is measured) and
# CloudFormation loading.
run diff "$build/vpcreach_diff_bench" --benchmark_filter='-BM_DiffFull/region/'
run cfn "$build/vpcreach_cfn_bench" "${cheap[@]}"
# Issue 13: a region as describe-* JSON (a deployed estate) against the same as YAML.
run snapshot "$build/vpcreach_snapshot_bench" "${cheap[@]}"
if [ -x "$build/vpcreach_z3_bench" ]; then
  run z3 "$build/vpcreach_z3_bench" "${cheap[@]}"
else
  echo "vpcreach_z3_bench was not built (no libz3-dev): no Z3 comparison" >&2
fi

# The summary: medians (or the single run), peak memory, and Z3 time / vpcreach time.
python3 - "$out" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
rows = {}  # name -> (real, cpu, unit, counters)
for path in sorted(glob.glob(os.path.join(out, "*.json"))):
    for b in json.load(open(path))["benchmarks"]:
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        if b.get("run_type") == "iteration" and name in rows:
            continue
        rows[name] = b
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
def secs(b): return b["real_time"] * scale[b["time_unit"]]
def fmt(s):
    for unit, f in (("s", 1), ("ms", 1e-3), ("us", 1e-6)):
        if s >= f: return f"{s / f:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"
print("\n%-34s %12s %12s  %s" % ("benchmark (median)", "wall", "cpu", "notes"))
for name, b in rows.items():
    notes = b.get("label", "")
    if "peak_rss_mb" in b:
        notes += (f" peak_rss={b['peak_rss_mb']:.0f} MB (workers {b.get('workers', 1):.0f},"
                  f" each at most {b.get('peak_rss_worker_mb', 0):.0f} MB)"
                  f" eni_classes={b.get('eni_classes', 0):.0f}")
    if "cpu_s_all" in b:
        notes += f" cpu_all={b['cpu_s_all']:.3g} s (workers included)"
    print("%-34s %12s %12s  %s" % (name, fmt(secs(b)), fmt(b["cpu_time"] * scale[b["time_unit"]]), notes))
for timeout_note in sorted(glob.glob(os.path.join(out, "*.timeout"))):
    print("%-34s %12s  %s" % (os.path.basename(timeout_note)[:-8], "-", open(timeout_note).read().strip()))
def cpu(b): return b["cpu_time"] * scale[b["time_unit"]]
print("\nZ3 / vpcreach (medians; ratio of wall times, and of CPU times):")
for q in ("ReachEni", "ReachInternet"):
    for estate in ("lab", "region10", "region"):
        z, v = rows.get(f"BM_Z3{q}/{estate}"), rows.get(f"BM_{q}/{estate}")
        if z and v:
            print(f"  {q:14s} {estate:9s} Z3 {fmt(secs(z)):>9s}  vpcreach {fmt(secs(v)):>9s}  "
                  f"ratio {secs(z) / secs(v):.3g} (cpu {cpu(z) / cpu(v):.3g})")
PY
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u +%F)"
