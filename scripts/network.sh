#!/usr/bin/env bash
# The ELC Ledger Fabric network for users (docs/fabric.md): Fabric 2.5 LTS, channel `elc`, the
# chaincode `elc` as a service. Every Fabric command runs in the official images
# (hyperledger/fabric-tools for cryptogen, configtxgen, osnadmin and peer; hyperledger/fabric-ca
# for fabric-ca-client), so the host needs only Docker with Compose and bash.
#
#   scripts/network.sh up [--raft3 | --bft] [--arbitration] [--crypto cryptogen|ca]
#   scripts/network.sh enroll      # CA identities with elc.role / elc.region for the gateways
#   scripts/network.sh deploy      # package, install, approve, commit, start CCaaS, Bootstrap, RegisterOrg
#   scripts/network.sh down        # stop and remove the containers; keep ledgers and network/out
#   scripts/network.sh clean       # down, then delete the ledger volumes and network/out
#
# The options given to `up` are kept in network/out/network.conf for the other commands.
# Environment: ELC_BUREAU_REGION (370000), ELC_VENDOR_REGION (370100), ELC_ARBITRATION_REGION
# (370100), ELC_CA_ADMIN_PASSWORD (adminpw: development only), ELC_CHAINCODE_VERSION (1.0),
# ELC_CHAINCODE_SEQUENCE (1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NET="$ROOT/network"
OUT="$NET/out"
# Inside the tool containers network/ is mounted at /network.
C_NET=/network
C_OUT=/network/out

FABRIC_VERSION=2.5.16
FABRIC_BFT_VERSION=3.1.5
CA_VERSION=1.5.21
PROJECT=elc
DOCKER_NETWORK=elc_fabric
CHANNEL=elc
CC_NAME=elc
CC_VERSION="${ELC_CHAINCODE_VERSION:-1.0}"
CC_SEQUENCE="${ELC_CHAINCODE_SEQUENCE:-1}"
# The chaincode's endorsement policy lives in the channel config (network/configtx/configtx.yaml).
CC_POLICY_REF=/Channel/Application/Endorsement
BUREAU_REGION="${ELC_BUREAU_REGION:-370000}"
VENDOR_REGION="${ELC_VENDOR_REGION:-370100}"
ARBITRATION_REGION="${ELC_ARBITRATION_REGION:-370100}"
CA_ADMIN_PASSWORD="${ELC_CA_ADMIN_PASSWORD:-adminpw}"
export ELC_CA_ADMIN_PASSWORD="$CA_ADMIN_PASSWORD"

ORDERER_DOMAIN=orderer.elc.test
ORDERER_ORG_DIR="$C_OUT/organizations/ordererOrganizations/$ORDERER_DOMAIN"
ORDERER_CA="$ORDERER_ORG_DIR/msp/tlscacerts/tlsca.$ORDERER_DOMAIN-cert.pem"
ORDERER_ADMIN_TLS="$ORDERER_ORG_DIR/users/Admin@$ORDERER_DOMAIN/tls"
ORDERER_ENDPOINT="orderer0.$ORDERER_DOMAIN:7050"

# Options (from `up`, or read back from network.conf).
RAFT3=false
BFT=false
ARBITRATION=false
CRYPTO=cryptogen

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

# --- org tables -------------------------------------------------------------------------------

peer_orgs() {
  if [[ "$ARBITRATION" == true ]]; then echo bureau vendor arbitration; else echo bureau vendor; fi
}

orderer_hosts() {
  if [[ "$BFT" == true ]]; then
    echo orderer0 orderer1 orderer2 orderer3
  elif [[ "$RAFT3" == true ]]; then
    echo orderer0 orderer1 orderer2
  else
    echo orderer0
  fi
}

msp_id() {
  case "$1" in
    bureau) echo BureauMSP ;;
    vendor) echo VendorMSP ;;
    arbitration) echo ArbitrationMSP ;;
    orderer) echo OrdererMSP ;;
    *) die "unknown org $1" ;;
  esac
}

# The role and region the org's gateway identity carries (chaincode access rules).
org_role() { echo "$1"; }
org_region() {
  case "$1" in
    bureau) echo "$BUREAU_REGION" ;;
    vendor) echo "$VENDOR_REGION" ;;
    arbitration) echo "$ARBITRATION_REGION" ;;
    *) die "unknown org $1" ;;
  esac
}

# Host port of each org's peer and CA (compose-net.yaml, compose-ca.yaml).
peer_host_port() { case "$1" in bureau) echo 7051 ;; vendor) echo 8051 ;; arbitration) echo 9051 ;; *) die "unknown org $1" ;; esac; }

org_domain() { echo "$1.elc.test"; }
org_dir() { echo "$C_OUT/organizations/peerOrganizations/$(org_domain "$1")"; }
peer_host() { echo "peer0.$(org_domain "$1")"; }
peer_tls_ca() { echo "$(org_dir "$1")/peers/$(peer_host "$1")/tls/ca.crt"; }
admin_msp() { echo "$(org_dir "$1")/users/Admin@$(org_domain "$1")/msp"; }
gateway_user() { echo "$1-gateway"; }
gateway_msp() { echo "$(org_dir "$1")/users/$(gateway_user "$1")@$(org_domain "$1")/msp"; }

# --- running the tools ------------------------------------------------------------------------

fabric_version() { if [[ "$BFT" == true ]]; then echo "$FABRIC_BFT_VERSION"; else echo "$FABRIC_VERSION"; fi; }

host_path() { echo "$NET${1#"$C_NET"}"; }

# docker run of an official image on the network's Docker network, as the calling user so that
# network/out stays the user's; extra `docker run` options come before the `--`.
run_image() {
  local image=$1
  shift
  local opts=()
  while [[ $# -gt 0 && "$1" != -- ]]; do opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  docker run --rm --network "$DOCKER_NETWORK" --user "$(id -u):$(id -g)" \
    -v "$NET:$C_NET" -w "$C_NET" "${opts[@]}" "$image" "$@"
}

tools() { run_image "hyperledger/fabric-tools:$(fabric_version)" "$@"; }
ca_client() { run_image "hyperledger/fabric-ca:$CA_VERSION" -e FABRIC_CA_CLIENT_HOME=/tmp -- fabric-ca-client "$@"; }

# peer CLI as an identity of an org: as_peer <org> <msp dir> -- peer ...
as_peer() {
  local org=$1 msp=$2
  shift 2
  [[ "${1:-}" == -- ]] && shift
  tools -e CORE_PEER_TLS_ENABLED=true \
    -e "CORE_PEER_LOCALMSPID=$(msp_id "$org")" \
    -e "CORE_PEER_MSPCONFIGPATH=$msp" \
    -e "CORE_PEER_ADDRESS=$(peer_host "$org"):7051" \
    -e "CORE_PEER_TLS_ROOTCERT_FILE=$(peer_tls_ca "$org")" \
    -- "$@"
}

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose -p "$PROJECT" "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose -p "$PROJECT" "$@"
  else
    die "needs Docker Compose (docker compose or docker-compose)"
  fi
}

net_files() {
  local files=(-f "$NET/compose/compose-net.yaml")
  [[ "$BFT" == true ]] && files+=(-f "$NET/compose/compose-bft.yaml")
  [[ "$RAFT3" == true || "$BFT" == true ]] && files+=(--profile raft3)
  [[ "$BFT" == true ]] && files+=(--profile bft)
  [[ "$ARBITRATION" == true ]] && files+=(--profile arbitration)
  printf '%s\n' "${files[@]}"
}

profile_flags() { [[ "$ARBITRATION" == true ]] && printf '%s\n' --profile arbitration; return 0; }

retry() {
  local tries=$1 i
  shift
  for ((i = 1; i <= tries; i++)); do
    if "$@"; then return 0; fi
    log "retrying in 3 s ($i/$tries): $*"
    sleep 3
  done
  return 1
}

wait_for_file() {
  local file=$1 i
  for ((i = 0; i < 40; i++)); do
    [[ -s "$file" ]] && return 0
    sleep 1
  done
  die "timed out waiting for $file"
}

# --- configuration kept between commands ------------------------------------------------------

save_conf() {
  mkdir -p "$OUT"
  printf 'RAFT3=%s\nBFT=%s\nARBITRATION=%s\nCRYPTO=%s\n' "$RAFT3" "$BFT" "$ARBITRATION" "$CRYPTO" >"$OUT/network.conf"
}

load_conf() {
  [[ -f "$OUT/network.conf" ]] || die "no network/out/network.conf: run scripts/network.sh up first"
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      RAFT3) RAFT3=$value ;;
      BFT) BFT=$value ;;
      ARBITRATION) ARBITRATION=$value ;;
      CRYPTO) CRYPTO=$value ;;
      *) ;;
    esac
  done <"$OUT/network.conf"
}

parse_up_options() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --raft3) RAFT3=true ;;
      --bft) BFT=true ;;
      --arbitration) ARBITRATION=true ;;
      --crypto)
        shift
        CRYPTO=${1:-}
        [[ "$CRYPTO" == cryptogen || "$CRYPTO" == ca ]] || die "--crypto takes cryptogen or ca"
        ;;
      -h | --help) usage 0 ;;
      *) die "unknown option $1" ;;
    esac
    shift
  done
  [[ "$RAFT3" == true && "$BFT" == true ]] && die "--raft3 and --bft exclude each other"
  return 0
}

# --- crypto material: cryptogen ---------------------------------------------------------------

crypto_cryptogen() {
  local org
  for org in orderer bureau vendor arbitration; do
    [[ "$org" == arbitration && "$ARBITRATION" != true ]] && continue
    log "cryptogen: $org"
    tools -- cryptogen generate --config="$C_NET/crypto/crypto-config-$org.yaml" --output="$C_OUT/organizations"
  done
  # Each org's Fabric CA signs with the org's cryptogen CA, so the identities it enrols (with
  # elc.role / elc.region) are members of the MSP that the channel already trusts.
  local dir
  for org in orderer $(peer_orgs); do
    if [[ "$org" == orderer ]]; then
      dir="$OUT/organizations/ordererOrganizations/$ORDERER_DOMAIN/ca"
    else
      dir="$OUT/organizations/peerOrganizations/$(org_domain "$org")/ca"
    fi
    mkdir -p "$OUT/fabric-ca/$org"
    cp "$dir"/ca.*-cert.pem "$OUT/fabric-ca/$org/ca-cert.pem"
    cp "$dir/priv_sk" "$OUT/fabric-ca/$org/ca-key.pem"
    chmod 600 "$OUT/fabric-ca/$org/ca-key.pem"
  done
}

# --- crypto material: Fabric CA (the real setup) ----------------------------------------------

ca_name() { echo "ca-$1"; }
ca_host() { if [[ "$1" == orderer ]]; then echo "ca.$ORDERER_DOMAIN"; else echo "ca.$(org_domain "$1")"; fi; }
ca_url() { echo "https://$2@$(ca_host "$1"):7054"; }
ca_tls() { echo "$C_OUT/fabric-ca/$1/ca-cert.pem"; }

registrar_home() { echo "$C_OUT/fabric-ca-client/$1/registrar"; }

enroll_registrar() {
  local org=$1
  [[ -f "$(host_path "$(registrar_home "$org")")/msp/signcerts/cert.pem" ]] && return 0
  retry 10 ca_client enroll -u "$(ca_url "$org" "admin:$CA_ADMIN_PASSWORD")" --caname "$(ca_name "$org")" \
    --tls.certfiles "$(ca_tls "$org")" -H "$(registrar_home "$org")"
}

# register <org> <name> <secret> <type> [attrs]: tolerates an identity registered before.
register() {
  local org=$1 name=$2 secret=$3 type=$4 attrs=${5:-}
  local args=(register --caname "$(ca_name "$org")" --id.name "$name" --id.secret "$secret" --id.type "$type"
    --tls.certfiles "$(ca_tls "$org")" -H "$(registrar_home "$org")")
  [[ -n "$attrs" ]] && args+=(--id.attrs "$attrs")
  ca_client "${args[@]}" || log "register $name at $(ca_name "$org") failed (already registered?)"
}

enroll_to() {
  local org=$1 name=$2 secret=$3 msp=$4
  shift 4
  ca_client enroll -u "$(ca_url "$org" "$name:$secret")" --caname "$(ca_name "$org")" \
    --tls.certfiles "$(ca_tls "$org")" -M "$msp" "$@"
}

# Lays an enrolled TLS directory out as cryptogen does: ca.crt, server.crt, server.key.
tls_layout() {
  local dir=$1 name=${2:-server}
  cp "$dir"/tlscacerts/* "$dir/ca.crt"
  cp "$dir/signcerts/cert.pem" "$dir/$name.crt"
  cp "$dir"/keystore/* "$dir/$name.key"
}

nodeous_config() {
  sed "s/__CACERT__/$2/" "$NET/ca/msp-config.yaml" >"$1/config.yaml"
}

# A random enrolment secret per identity, kept in network/out/secrets/<org> (mode 600).
secret_for() {
  local file="$OUT/secrets/$1"
  mkdir -p "$OUT/secrets"
  touch "$file"
  chmod 600 "$file"
  local line
  line=$(grep "^$2=" "$file" || true)
  if [[ -z "$line" ]]; then
    line="$2=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
    echo "$line" >>"$file"
  fi
  echo "${line#*=}"
}

# Enrols an org's nodes and admin from its CA into the cryptogen layout.
crypto_ca_org() {
  local org=$1 domain base host secret hosts
  if [[ "$org" == orderer ]]; then
    domain=$ORDERER_DOMAIN
    base="organizations/ordererOrganizations/$domain"
    hosts=$(orderer_hosts)
  else
    domain=$(org_domain "$org")
    base="organizations/peerOrganizations/$domain"
    hosts=peer0
  fi
  wait_for_file "$OUT/fabric-ca/$org/ca-cert.pem"
  enroll_registrar "$org"
  mkdir -p "$OUT/$base/msp/cacerts" "$OUT/$base/msp/tlscacerts"
  cp "$OUT/fabric-ca/$org/ca-cert.pem" "$OUT/$base/msp/cacerts/ca.$domain-cert.pem"
  # One CA issues both enrolment and TLS certificates here; a production org may run a separate TLS CA.
  cp "$OUT/fabric-ca/$org/ca-cert.pem" "$OUT/$base/msp/tlscacerts/tlsca.$domain-cert.pem"
  nodeous_config "$OUT/$base/msp" "ca.$domain-cert.pem"

  local type=peer kind=peers
  [[ "$org" == orderer ]] && type=orderer kind=orderers
  for host in $hosts; do
    local fqdn="$host.$domain" node="$OUT/$base/$kind/$host.$domain"
    [[ -f "$node/tls/server.key" ]] && continue
    secret=$(secret_for "$org" "$fqdn")
    register "$org" "$fqdn" "$secret" "$type"
    enroll_to "$org" "$fqdn" "$secret" "$C_OUT/$base/$kind/$fqdn/msp" --csr.hosts "$fqdn"
    enroll_to "$org" "$fqdn" "$secret" "$C_OUT/$base/$kind/$fqdn/tls" --enrollment.profile tls \
      --csr.hosts "$fqdn,localhost,127.0.0.1"
    mv "$node/msp/signcerts/cert.pem" "$node/msp/signcerts/$fqdn-cert.pem"
    nodeous_config "$node/msp" "$(basename "$(ls "$node"/msp/cacerts/*)")"
    tls_layout "$node/tls"
  done

  # Registered as <org>-admin: an enrolment URL cannot carry an '@' in the user name. The folder
  # keeps cryptogen's name, Admin@<domain>.
  local admin="$org-admin" dir="$OUT/$base/users/Admin@$domain"
  if [[ ! -f "$dir/tls/client.key" ]]; then
    secret=$(secret_for "$org" "$admin")
    register "$org" "$admin" "$secret" admin
    enroll_to "$org" "$admin" "$secret" "$C_OUT/$base/users/Admin@$domain/msp"
    nodeous_config "$dir/msp" "$(basename "$(ls "$dir"/msp/cacerts/*)")"
    # A TLS client certificate: osnadmin authenticates with it to the orderers' admin endpoint.
    enroll_to "$org" "$admin" "$secret" "$C_OUT/$base/users/Admin@$domain/tls" --enrollment.profile tls
    tls_layout "$dir/tls" client
  fi
}

crypto_ca() {
  local org
  for org in orderer $(peer_orgs); do
    mkdir -p "$OUT/fabric-ca/$org"
  done
  start_cas
  for org in orderer $(peer_orgs); do
    log "Fabric CA enrolment: $org"
    crypto_ca_org "$org"
  done
}

start_cas() {
  local flags
  mapfile -t flags < <(profile_flags)
  compose -f "$NET/compose/compose-ca.yaml" "${flags[@]}" up -d
}

# --- peer configuration -----------------------------------------------------------------------

# The peers use the core.yaml of their own image with one change: vm.endpoint is cleared, so the
# peer has no Docker endpoint (chaincode runs only through the ccaas builder; the ops endpoint's
# health check does not probe a Docker socket that is not there).
peer_config() {
  local image
  image="hyperledger/fabric-peer:$(fabric_version)"
  mkdir -p "$OUT/peercfg"
  docker run --rm --entrypoint cat "$image" /etc/hyperledger/fabric/core.yaml >"$OUT/peercfg/core.yaml.image"
  sed -E 's#^([[:space:]]*endpoint:)[[:space:]]*unix:///var/run/docker.sock[[:space:]]*$#\1 ""#' \
    "$OUT/peercfg/core.yaml.image" >"$OUT/peercfg/core.yaml"
  rm "$OUT/peercfg/core.yaml.image"
  grep -qE '^[[:space:]]*endpoint: ""$' "$OUT/peercfg/core.yaml" || die "could not clear vm.endpoint in $image's core.yaml"
  if grep -qE '^[[:space:]]*endpoint:[[:space:]]*unix' "$OUT/peercfg/core.yaml"; then
    die "a Docker endpoint is still set in $image's core.yaml"
  fi
}

# --- channel ----------------------------------------------------------------------------------

channel_profile() {
  local p=ElcChannel
  [[ "$RAFT3" == true ]] && p+=Raft3
  [[ "$BFT" == true ]] && p+=BFT
  [[ "$ARBITRATION" == true ]] && p+=Arbitration
  echo "$p"
}

channel_block() {
  local cfg=configtx
  [[ "$BFT" == true ]] && cfg=configtx-bft
  mkdir -p "$OUT/channel"
  log "configtxgen: profile $(channel_profile), channel $CHANNEL"
  tools -- configtxgen -configPath "$C_NET/$cfg" -profile "$(channel_profile)" -channelID "$CHANNEL" \
    -outputBlock "$C_OUT/channel/$CHANNEL.block"
}

osnadmin() {
  local host=$1
  shift
  tools -- osnadmin channel "$@" -o "$host.$ORDERER_DOMAIN:7053" --ca-file "$ORDERER_CA" \
    --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key"
}

# osnadmin exits 0 whatever the HTTP status; it prints "Status: <code>" first.
osnadmin_status() {
  local out
  out=$(osnadmin "$@" 2>&1) || true
  sed -n 's/^Status: \([0-9][0-9]*\).*/\1/p' <<<"$out" | head -n 1
}

orderer_join() {
  local status
  status=$(osnadmin_status "$1" join --channelID "$CHANNEL" --config-block "$C_OUT/channel/$CHANNEL.block")
  [[ "$status" == 201 ]] || { log "osnadmin join on $1: status ${status:-none}"; return 1; }
}

join_orderers() {
  local host
  for host in $(orderer_hosts); do
    if [[ "$(osnadmin_status "$host" list --channelID "$CHANNEL")" == 200 ]]; then
      log "$host already has channel $CHANNEL"
      continue
    fi
    log "osnadmin: $host joins $CHANNEL"
    retry 10 orderer_join "$host"
  done
}

join_peers() {
  local org
  for org in $(peer_orgs); do
    if as_peer "$org" "$(admin_msp "$org")" -- peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then
      log "$(peer_host "$org") already joined $CHANNEL"
      continue
    fi
    log "$(peer_host "$org") joins $CHANNEL"
    retry 10 as_peer "$org" "$(admin_msp "$org")" -- peer channel join -b "$C_OUT/channel/$CHANNEL.block"
  done
}

# --- commands ---------------------------------------------------------------------------------

cmd_up() {
  parse_up_options "$@"
  if [[ -f "$OUT/network.conf" ]]; then
    local wanted="RAFT3=$RAFT3 BFT=$BFT ARBITRATION=$ARBITRATION CRYPTO=$CRYPTO"
    load_conf
    [[ "RAFT3=$RAFT3 BFT=$BFT ARBITRATION=$ARBITRATION CRYPTO=$CRYPTO" == "$wanted" ]] ||
      die "network/out was made with other options ($(tr '\n' ' ' <"$OUT/network.conf")); wanted $wanted: run clean first"
  fi
  save_conf
  # One Docker network for the three compose files (declared external in each).
  docker network inspect "$DOCKER_NETWORK" >/dev/null 2>&1 || docker network create "$DOCKER_NETWORK" >/dev/null
  if [[ ! -d "$OUT/organizations" ]]; then
    if [[ "$CRYPTO" == cryptogen ]]; then crypto_cryptogen; else crypto_ca; fi
  fi
  start_cas
  peer_config
  [[ -f "$OUT/channel/$CHANNEL.block" ]] || channel_block
  local files
  mapfile -t files < <(net_files)
  log "starting orderers and peers"
  compose "${files[@]}" up -d
  join_orderers
  join_peers
  log "network up: channel $CHANNEL on $(orderer_hosts | wc -w) orderer(s), peers of $(peer_orgs)"
  log "next: scripts/network.sh enroll && scripts/network.sh deploy"
}

cmd_enroll() {
  load_conf
  start_cas
  local org user secret msp dest
  for org in $(peer_orgs); do
    wait_for_file "$OUT/fabric-ca/$org/ca-cert.pem"
    enroll_registrar "$org"
    user=$(gateway_user "$org")
    msp=$(gateway_msp "$org")
    if [[ ! -f "$(host_path "$msp")/signcerts/cert.pem" ]]; then
      secret=$(secret_for "$org" "$user")
      log "register $user: elc.role=$(org_role "$org"), elc.region=$(org_region "$org")"
      register "$org" "$user" "$secret" client \
        "elc.role=$(org_role "$org"):ecert,elc.region=$(org_region "$org"):ecert"
      enroll_to "$org" "$user" "$secret" "$msp"
    fi
    # Stable names for the gateway (ELC_FABRIC_CERT / ELC_FABRIC_KEY / ELC_FABRIC_TLS_CERT).
    dest="$OUT/gateway/$org"
    mkdir -p "$dest"
    cp "$(host_path "$msp")/signcerts/cert.pem" "$dest/cert.pem"
    cp "$(host_path "$msp")"/keystore/* "$dest/key.pem"
    chmod 600 "$dest/key.pem"
    cp "$(host_path "$(peer_tls_ca "$org")")" "$dest/tls-ca.pem"
    log "$org: $dest/{cert.pem,key.pem,tls-ca.pem}"
  done
}

package_file() { echo "ccaas/${CC_NAME}_${CC_VERSION}.tar.gz"; }

# Made once per version and kept: every org must install the same bytes (the package id is the
# label and the file's SHA-256), and a second deploy must find the id it approved.
package_chaincode() {
  local dir="$OUT/ccaas/pkg-$CC_VERSION" label="${CC_NAME}_${CC_VERSION}"
  if [[ ! -f "$OUT/$(package_file)" ]]; then
    rm -rf "$dir" && mkdir -p "$dir/src"
    cp "$NET/ccaas/connection.json" "$dir/src/connection.json"
    sed "s/__LABEL__/$label/" "$NET/ccaas/metadata.json" >"$dir/metadata.json"
    tar -C "$dir/src" -czf "$dir/code.tar.gz" connection.json
    tar -C "$dir" -czf "$OUT/$(package_file)" metadata.json code.tar.gz
  fi
  tools -- peer lifecycle chaincode calculatepackageid "$C_OUT/$(package_file)"
}

# The sequence of the committed definition of the chaincode, or 0.
committed_sequence() {
  local out
  out=$(as_peer bureau "$(admin_msp bureau)" -- peer lifecycle chaincode querycommitted --channelID "$CHANNEL" \
    --name "$CC_NAME" --output json 2>/dev/null) || true
  out=$(sed -n 's/.*"sequence": *\([0-9][0-9]*\).*/\1/p' <<<"$out" | head -n 1)
  echo "${out:-0}"
}

endorsing_peers() {
  local org
  for org in $(peer_orgs); do
    printf '%s\n' --peerAddresses "$(peer_host "$org"):7051" --tlsRootCertFiles "$(peer_tls_ca "$org")"
  done
}

invoke_as_bureau() {
  local peers
  mapfile -t peers < <(endorsing_peers)
  as_peer bureau "$(gateway_msp bureau)" -- peer chaincode invoke -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_CA" \
    -C "$CHANNEL" -n "$CC_NAME" "${peers[@]}" --waitForEvent "$@"
}

cmd_deploy() {
  load_conf
  [[ -f "$OUT/gateway/bureau/cert.pem" ]] || cmd_enroll
  log "packaging $CC_NAME $CC_VERSION (chaincode as a service)"
  local package_id
  package_id=$(package_chaincode | tail -n 1)
  [[ "$package_id" == "${CC_NAME}_${CC_VERSION}:"* ]] || die "unexpected package id: $package_id"
  log "package id $package_id"

  local org
  for org in $(peer_orgs); do
    if as_peer "$org" "$(admin_msp "$org")" -- peer lifecycle chaincode queryinstalled | grep -qF "$package_id"; then
      log "already installed on $(peer_host "$org")"
    else
      log "install on $(peer_host "$org")"
      as_peer "$org" "$(admin_msp "$org")" -- peer lifecycle chaincode install "$C_OUT/$(package_file)"
    fi
  done

  log "building and starting the chaincode containers (chaincode/Dockerfile)"
  local flags
  mapfile -t flags < <(profile_flags)
  CHAINCODE_ID="$package_id" ELC_CHAINCODE_VERSION="$CC_VERSION" \
    compose -f "$NET/compose/compose-ccaas.yaml" "${flags[@]}" up -d --build

  local committed
  committed=$(committed_sequence)
  if [[ "$committed" -ge "$CC_SEQUENCE" ]]; then
    log "sequence $committed is committed already (ELC_CHAINCODE_SEQUENCE=$CC_SEQUENCE): nothing to approve"
    write_gateway_env
    return 0
  fi
  # Init is required once, with the first definition: Bootstrap registers the bureau's own MSP.
  local init=()
  [[ "$CC_SEQUENCE" == 1 ]] && init=(--init-required)
  for org in $(peer_orgs); do
    log "approve for $(msp_id "$org") (sequence $CC_SEQUENCE, policy $CC_POLICY_REF)"
    as_peer "$org" "$(admin_msp "$org")" -- peer lifecycle chaincode approveformyorg -o "$ORDERER_ENDPOINT" --tls \
      --cafile "$ORDERER_CA" --channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" \
      --package-id "$package_id" --sequence "$CC_SEQUENCE" --channel-config-policy "$CC_POLICY_REF" "${init[@]}" --waitForEvent
  done
  as_peer bureau "$(admin_msp bureau)" -- peer lifecycle chaincode checkcommitreadiness --channelID "$CHANNEL" \
    --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" --channel-config-policy "$CC_POLICY_REF" "${init[@]}" --output json

  local peers
  mapfile -t peers < <(endorsing_peers)
  log "commit the definition"
  as_peer bureau "$(admin_msp bureau)" -- peer lifecycle chaincode commit -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_CA" \
    --channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" \
    --channel-config-policy "$CC_POLICY_REF" "${init[@]}" "${peers[@]}" --waitForEvent
  as_peer bureau "$(admin_msp bureau)" -- peer lifecycle chaincode querycommitted --channelID "$CHANNEL" --name "$CC_NAME"

  if [[ "$CC_SEQUENCE" == 1 ]]; then
    log "init: Bootstrap($BUREAU_REGION) as $(gateway_user bureau) (registers BureauMSP as the bureau)"
    retry 10 invoke_as_bureau --isInit -c "{\"function\":\"Bootstrap\",\"Args\":[\"$BUREAU_REGION\"]}"
    for org in $(peer_orgs); do
      [[ "$org" == bureau ]] && continue
      log "RegisterOrg $(msp_id "$org") [\"$(org_role "$org")\"] $(org_region "$org")"
      invoke_as_bureau -c "{\"function\":\"RegisterOrg\",\"Args\":[\"$(msp_id "$org")\",\"[\\\"$(org_role "$org")\\\"]\",\"$(org_region "$org")\"]}"
    done
  fi
  write_gateway_env
}

# The contract the gateway's fabric adapter reads (docs/fabric.md, "Gateway settings").
write_gateway_env() {
  local org file
  for org in $(peer_orgs); do
    file="$OUT/gateway-fabric.env"
    [[ "$org" != bureau ]] && file="$OUT/gateway-fabric-$org.env"
    {
      echo "# Written by scripts/network.sh deploy for $(msp_id "$org"); source it before starting the gateway."
      echo "ELC_LEDGER=fabric"
      echo "ELC_FABRIC_PEER_ENDPOINT=localhost:$(peer_host_port "$org")"
      echo "ELC_FABRIC_PEER_HOST_ALIAS=$(peer_host "$org")"
      echo "ELC_FABRIC_TLS_CERT=$OUT/gateway/$org/tls-ca.pem"
      echo "ELC_FABRIC_MSP_ID=$(msp_id "$org")"
      echo "ELC_FABRIC_CERT=$OUT/gateway/$org/cert.pem"
      echo "ELC_FABRIC_KEY=$OUT/gateway/$org/key.pem"
      echo "ELC_FABRIC_CHANNEL=$CHANNEL"
      echo "ELC_FABRIC_CHAINCODE=$CC_NAME"
    } >"$file"
    log "gateway settings for $(msp_id "$org"): $file"
  done
}

all_compose_down() {
  local extra=("$@")
  local all=(-f "$NET/compose/compose-net.yaml" -f "$NET/compose/compose-bft.yaml"
    --profile raft3 --profile bft --profile arbitration)
  CHAINCODE_ID=none compose -f "$NET/compose/compose-ccaas.yaml" --profile arbitration down "${extra[@]}" || true
  compose "${all[@]}" down "${extra[@]}" || true
  compose -f "$NET/compose/compose-ca.yaml" --profile arbitration down "${extra[@]}" || true
}

cmd_down() {
  all_compose_down
  log "containers removed; ledgers (Docker volumes) and network/out kept"
}

cmd_clean() {
  all_compose_down --volumes
  docker network rm "$DOCKER_NETWORK" >/dev/null 2>&1 || true
  # The CA containers wrote their homes as root: remove network/out from inside a container.
  if [[ -d "$OUT" ]]; then
    docker run --rm -v "$NET:$C_NET" "hyperledger/fabric-tools:$FABRIC_VERSION" rm -rf "$C_OUT"
  fi
  log "removed the ledger volumes and network/out"
}

main() {
  local cmd=${1:-}
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    enroll) cmd_enroll ;;
    deploy) cmd_deploy ;;
    down) cmd_down ;;
    clean) cmd_clean ;;
    -h | --help | help) usage 0 ;;
    *) usage 2 ;;
  esac
}

main "$@"
