#!/usr/bin/env bash
# Installs the Debian 12 packages vpcreach builds with, when any is missing. Idempotent.
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config python3
  libyaml-dev libcli11-dev libboost-graph-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libbdd-dev libz3-dev
  libpcre2-dev  # CloudFormation AllowedPattern (Java regular expressions)
  nodejs node-ajv   # the SARIF schema test (tests/sarif/): Ajv 6 on node
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
