# Shared by the rs-core-sim fault tests (sourced): a temp folder and the processes started in it,
# both gone at exit, and waiting for a line a process prints. Each test defines fail().
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wait_for_line() {  # file, prefix → value after the prefix, waiting up to 20 s for the process to print it
  for _ in $(seq 200); do
    v=$(sed -n "s/^$2//p" "$1" 2>/dev/null | head -1)
    [ -n "$v" ] && { echo "$v"; return 0; }
    sleep 0.1
  done
  fail "no '$2' in $1: $(cat "$1")"
}
