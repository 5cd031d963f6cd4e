#!/usr/bin/env bash
# Opt-in checks of the Fabric network files that need tools outside npm (docs/fabric.md):
#   - `docker-compose config` (Debian's docker-compose; validating needs no Docker engine) over every
#     compose file and every profile combination that scripts/network.sh uses;
#   - shellcheck over scripts/network.sh and this script.
# Installs docker-compose and shellcheck with apt-get when they are missing and we are root.
#   scripts/validate-network.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPOSE_DIR="$ROOT/network/compose"

need() {
  local tool=$1 package=$2
  command -v "$tool" >/dev/null 2>&1 && return 0
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $package (apt-get)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "missing $tool: install $package" >&2
    exit 1
  fi
}

need docker-compose docker-compose
need shellcheck shellcheck

echo "docker-compose: $(docker-compose version --short 2>/dev/null || docker-compose version | head -n 1)"
echo "shellcheck: $(shellcheck --version | sed -n 's/^version: //p')"

failures=0
check() {
  local label=$1 out line
  shift
  if out=$("$@" 2>&1); then
    echo "ok    $label"
  else
    echo "FAIL  $label"
    while IFS= read -r line; do printf '      %s\n' "$line"; done <<<"$out"
    failures=$((failures + 1))
  fi
}

cd "$COMPOSE_DIR"
# The same combinations as scripts/network.sh (net_files, start_cas, the ccaas deploy).
check "compose-net.yaml" docker-compose -p elc -f compose-net.yaml config -q
check "compose-net.yaml --profile raft3" docker-compose -p elc -f compose-net.yaml --profile raft3 config -q
check "compose-net.yaml --profile arbitration" docker-compose -p elc -f compose-net.yaml --profile arbitration config -q
check "compose-net.yaml --profile raft3 --profile arbitration" docker-compose -p elc -f compose-net.yaml --profile raft3 --profile arbitration config -q
check "compose-net.yaml + compose-bft.yaml --profile raft3 --profile bft" \
  docker-compose -p elc -f compose-net.yaml -f compose-bft.yaml --profile raft3 --profile bft config -q
check "compose-net.yaml + compose-bft.yaml --profile raft3 --profile bft --profile arbitration" \
  docker-compose -p elc -f compose-net.yaml -f compose-bft.yaml --profile raft3 --profile bft --profile arbitration config -q
check "compose-ca.yaml" docker-compose -p elc -f compose-ca.yaml config -q
check "compose-ca.yaml --profile arbitration" docker-compose -p elc -f compose-ca.yaml --profile arbitration config -q
check "compose-ccaas.yaml (CHAINCODE_ID set)" env CHAINCODE_ID=elc_1.0:0000 docker-compose -p elc -f compose-ccaas.yaml --profile arbitration config -q
# Without CHAINCODE_ID the chaincode service must refuse to start rather than run with an empty id.
check "compose-ccaas.yaml refuses an unset CHAINCODE_ID" \
  bash -c '! env -u CHAINCODE_ID docker-compose -p elc -f compose-ccaas.yaml config -q'
echo "services (all profiles): $(docker-compose -p elc -f compose-net.yaml -f compose-bft.yaml --profile raft3 --profile bft --profile arbitration config --services | sort | tr '\n' ' ')"

cd "$ROOT"
check "bash -n scripts/network.sh" bash -n scripts/network.sh
check "shellcheck scripts/network.sh scripts/validate-network.sh test/network/support/fake-docker.sh" \
  shellcheck scripts/network.sh scripts/validate-network.sh test/network/support/fake-docker.sh

if [[ "$failures" -gt 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all network checks passed"
