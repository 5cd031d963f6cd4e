#!/usr/bin/env bash
# A test double of the `docker` CLI for scripts/network.sh (there is no Docker engine here).
# It records every call, one per line (arguments joined by \x1f, with CHAINCODE_ID for compose),
# in $FAKE_DOCKER_LOG, and imitates just enough of the Fabric images for the script to go on:
# cryptogen and fabric-ca-client make the files the real tools would (empty placeholders, no
# real keys), configtxgen writes the block file, `cat core.yaml` prints a peer config with a
# Docker endpoint, calculatepackageid hashes the package, and the queries answer "nothing yet".
set -euo pipefail

log_call() {
  local IFS=$'\x1f'
  printf '%s\x1f@CHAINCODE_ID=%s\n' "$*" "${CHAINCODE_ID:-}" >>"$FAKE_DOCKER_LOG"
}
log_call "$@"

# Container paths under a -v mount are translated to the host path.
declare -A MOUNTS=()
host_of() {
  local p=$1 c
  for c in "${!MOUNTS[@]}"; do
    if [[ "$p" == "$c" || "$p" == "$c"/* ]]; then
      echo "${MOUNTS[$c]}${p#"$c"}"
      return
    fi
  done
  echo "$p"
}

placeholder() {
  mkdir -p "$(dirname "$1")"
  echo "placeholder $(basename "$1")" >"$1"
}

fake_msp() { # a cryptogen/fabric-ca style MSP folder with one certificate and one key
  placeholder "$1/signcerts/${2:-cert.pem}"
  placeholder "$1/keystore/0123_sk"
  placeholder "$1/cacerts/ca.pem"
}

fake_tls() {
  placeholder "$1/ca.crt"
  placeholder "$1/$2.crt"
  placeholder "$1/$2.key"
}

cryptogen_org() {
  local config=$1 out=$2 org domain host
  org=$(basename "$config" .yaml)
  org=${org#crypto-config-}
  if [[ "$org" == orderer ]]; then
    domain=orderer.elc.test
    local base="$out/ordererOrganizations/$domain"
    for host in orderer0 orderer1 orderer2 orderer3; do
      fake_msp "$base/orderers/$host.$domain/msp" "$host.$domain-cert.pem"
      fake_tls "$base/orderers/$host.$domain/tls" server
    done
  else
    domain=$org.elc.test
    local base="$out/peerOrganizations/$domain"
    fake_msp "$base/peers/peer0.$domain/msp"
    fake_tls "$base/peers/peer0.$domain/tls" server
  fi
  placeholder "$base/ca/ca.$domain-cert.pem"
  placeholder "$base/ca/priv_sk"
  placeholder "$base/msp/tlscacerts/tlsca.$domain-cert.pem"
  fake_msp "$base/users/Admin@$domain/msp"
  fake_tls "$base/users/Admin@$domain/tls" client
}

case "${1:-}" in
  compose)
    [[ "${2:-}" == version ]] && { echo "Docker Compose version v2.99.0-fake"; exit 0; }
    # `up` of the CA file: each CA makes its root certificate in its (mounted) home.
    args=" $* "
    if [[ "$args" == *compose-ca.yaml* && "$args" == *" up "* ]]; then
      for home in "$FAKE_NETWORK_DIR"/out/fabric-ca/*/; do
        [[ -s "$home/ca-cert.pem" ]] || placeholder "$home/ca-cert.pem"
      done
    fi
    exit 0
    ;;
  network)
    [[ "${2:-}" == inspect ]] && exit "${FAKE_NETWORK_EXISTS:-1}"
    exit 0
    ;;
  run) shift ;;
  *) exit 0 ;;
esac

package_id() { # as Fabric computes it: the package's label, a colon, the SHA-256 of the file
  local label
  label=$(tar -xzOf "$1" metadata.json | sed -n 's/.*"label": *"\([^"]*\)".*/\1/p')
  echo "$label:$(sha256sum "$1" | cut -c1-64)"
}

osn_host() { # the -o value of an osnadmin command
  while [[ $# -gt 0 ]]; do [[ "$1" == -o ]] && { echo "$2"; return; }; shift; done
}

entrypoint=""
CORE_PEER_ADDRESS_SEEN=none
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rm) shift ;;
    -v)
      MOUNTS["${2#*:}"]="${2%%:*}"
      shift 2
      ;;
    --entrypoint)
      entrypoint=$2
      shift 2
      ;;
    -e)
      [[ "$2" == CORE_PEER_ADDRESS=* ]] && CORE_PEER_ADDRESS_SEEN=${2#CORE_PEER_ADDRESS=}
      shift 2
      ;;
    --network | --user | -w | -u) shift 2 ;;
    -*) echo "fake docker: unknown run option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
image=$1
shift
[[ -n "$entrypoint" ]] && set -- "$entrypoint" "$@"

case "$image:$*" in
  hyperledger/fabric-peer:*"cat /etc/hyperledger/fabric/core.yaml")
    printf 'peer:\n  id: jdoe\nvm:\n    # unix:///var/run/docker.sock\n    endpoint: unix:///var/run/docker.sock\nchaincode:\n    externalBuilders:\n       - name: ccaas_builder\n' ;;
  *"cryptogen generate"*)
    config="" out=""
    for a in "$@"; do
      case "$a" in --config=*) config=$(host_of "${a#--config=}") ;; --output=*) out=$(host_of "${a#--output=}") ;; esac
    done
    cryptogen_org "$config" "$out" ;;
  *"configtxgen "*)
    while [[ $# -gt 0 ]]; do [[ "$1" == -outputBlock ]] && placeholder "$(host_of "$2")"; shift; done ;;
  # osnadmin exits 0 and reports the HTTP status on its first line.
  # The joins are remembered in marker files beside network/, so a second `up` sees them.
  *"osnadmin channel list"*)
    if [[ -e "$FAKE_NETWORK_DIR/../joined-$(osn_host "$@")" ]]; then
      printf 'Status: 200\n{"name":"elc","status":"active"}\n'
    else
      printf 'Status: 404\n{"error":"channel not found"}\n'
    fi ;;
  *"osnadmin channel join"*)
    touch "$FAKE_NETWORK_DIR/../joined-$(osn_host "$@")"
    printf 'Status: 201\n{"name":"elc"}\n' ;;
  *"peer channel list"*)
    echo "Channels peers has joined: "
    [[ -e "$FAKE_NETWORK_DIR/../joined-$CORE_PEER_ADDRESS_SEEN" ]] && echo elc ;;
  *"peer channel join"*) touch "$FAKE_NETWORK_DIR/../joined-$CORE_PEER_ADDRESS_SEEN" ;;
  *"calculatepackageid"*) package_id "$(host_of "${*: -1}")" ;;
  # Installs are remembered per peer beside network/.
  *"lifecycle chaincode install"*)
    id=$(package_id "$(host_of "${*: -1}")")
    echo "Package ID: $id, Label: ${id%%:*}" >>"$FAKE_NETWORK_DIR/../installed-$CORE_PEER_ADDRESS_SEEN" ;;
  *"queryinstalled"*)
    echo "Installed chaincodes on peer:"
    cat "$FAKE_NETWORK_DIR/../installed-$CORE_PEER_ADDRESS_SEEN" 2>/dev/null || true ;;
  # The committed sequence is remembered beside network/; before the first commit Fabric fails.
  *"lifecycle chaincode commit"*)
    while [[ $# -gt 0 ]]; do [[ "$1" == --sequence ]] && echo "$2" >"$FAKE_NETWORK_DIR/../committed"; shift; done ;;
  *"querycommitted"*)
    [[ -s "$FAKE_NETWORK_DIR/../committed" ]] || { echo "Error: query failed with status: 404 - namespace elc is not defined" >&2; exit 1; }
    printf '{\n  "sequence": %s,\n  "version": "x"\n}\n' "$(cat "$FAKE_NETWORK_DIR/../committed")" ;;
  *"fabric-ca-client enroll"*)
    while [[ $# -gt 0 ]]; do
      case "$1" in
        -M) fake_msp "$(host_of "$2")"; placeholder "$(host_of "$2")/tlscacerts/tls-ca.pem" ;;
        -H) fake_msp "$(host_of "$2")/msp" ;;
      esac
      shift
    done ;;
  *"rm -rf "*) rm -rf "$(host_of "${*: -1}")" ;;
  *) ;;
esac
exit 0
