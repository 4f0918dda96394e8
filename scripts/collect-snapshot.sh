#!/usr/bin/env bash
# Collects a deployed estate for vpcreach: the AWS CLI describe-* outputs of one account and
# region, one JSON file per call, in the folder layout vpcreach (and Batfish) read:
#
#   OUT/aws_configs/<region>/Vpcs.json, Subnets.json, RouteTables.json, ...
#
# vpcreach itself never calls AWS; this script does, read-only, with your AWS CLI credentials
# (the Describe*/Get* permissions of the ReadOnlyAccess policy suffice).
#
# Usage: scripts/collect-snapshot.sh OUT [REGION...]
#   REGION defaults to the CLI's configured region (aws configure get region).
# Then: vpcreach validate OUT    or    import: [{aws_snapshot: OUT}] in a scenario.
# Add --print to print the commands instead of running them.
set -euo pipefail

print_only=false
args=()
for a in "$@"; do
  if [[ "$a" == "--print" ]]; then print_only=true; else args+=("$a"); fi
done
if [[ ${#args[@]} -lt 1 ]]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
out="${args[0]}"
regions=("${args[@]:1}")
if [[ ${#regions[@]} -eq 0 ]]; then
  region="$(aws configure get region 2>/dev/null || true)"
  if [[ -z "$region" ]]; then
    echo "collect-snapshot: no region given and none configured; name one: $0 $out us-east-1" >&2
    exit 2
  fi
  regions=("$region")
fi

# File name (its top-level key) and the describe command that writes it.
calls=(
  "Vpcs ec2 describe-vpcs"
  "Subnets ec2 describe-subnets"
  "RouteTables ec2 describe-route-tables"
  "InternetGateways ec2 describe-internet-gateways"
  "EgressOnlyInternetGateways ec2 describe-egress-only-internet-gateways"
  "NatGateways ec2 describe-nat-gateways"
  "SecurityGroups ec2 describe-security-groups"
  "NetworkAcls ec2 describe-network-acls"
  "NetworkInterfaces ec2 describe-network-interfaces"
  "Reservations ec2 describe-instances"
  "Addresses ec2 describe-addresses"
  "PrefixLists ec2 describe-prefix-lists"
  "VpcEndpoints ec2 describe-vpc-endpoints"
  "VpcPeeringConnections ec2 describe-vpc-peering-connections"
  "TransitGateways ec2 describe-transit-gateways"
  "TransitGatewayAttachments ec2 describe-transit-gateway-attachments"
  "TransitGatewayVpcAttachments ec2 describe-transit-gateway-vpc-attachments"
  "TransitGatewayRouteTables ec2 describe-transit-gateway-route-tables"
  "VpnGateways ec2 describe-vpn-gateways"
  "CustomerGateways ec2 describe-customer-gateways"
  "VpnConnections ec2 describe-vpn-connections"
)

for region in "${regions[@]}"; do
  dir="$out/aws_configs/$region"
  $print_only || mkdir -p "$dir"
  for call in "${calls[@]}"; do
    read -r name service command <<<"$call"
    if $print_only; then
      echo "aws $service $command --region $region --output json > $dir/$name.json"
      continue
    fi
    # A file is written whole or not at all: a cut-off download would be a located error later.
    if aws "$service" "$command" --region "$region" --output json >"$dir/$name.json.part"; then
      mv "$dir/$name.json.part" "$dir/$name.json"
    else
      rm -f "$dir/$name.json.part"
      echo "collect-snapshot: aws $service $command failed in $region; $name.json left out" >&2
    fi
  done
  # Transit gateway static routes and propagations, per route table, in the shape Batfish
  # collects ({"TransitGatewayStaticRoutes": [{"TransitGatewayRouteTableId", "Routes"}]}).
  if ! $print_only && command -v jq >/dev/null && [[ -s "$dir/TransitGatewayRouteTables.json" ]]; then
    routes="[]"
    propagations="[]"
    for table in $(jq -r '.TransitGatewayRouteTables[].TransitGatewayRouteTableId' \
                     "$dir/TransitGatewayRouteTables.json"); do
      r="$(aws ec2 search-transit-gateway-routes --region "$region" --output json \
             --transit-gateway-route-table-id "$table" \
             --filters Name=type,Values=static)"
      routes="$(jq --arg t "$table" --argjson r "$r" \
                  '. + [{TransitGatewayRouteTableId: $t, Routes: $r.Routes}]' <<<"$routes")"
      p="$(aws ec2 get-transit-gateway-route-table-propagations --region "$region" \
             --output json --transit-gateway-route-table-id "$table")"
      propagations="$(jq --arg t "$table" --argjson p "$p" \
        '. + [{TransitGatewayRouteTableId: $t,
               TransitGatewayRouteTablePropagations: $p.TransitGatewayRouteTablePropagations}]' \
        <<<"$propagations")"
    done
    jq -n --argjson r "$routes" '{TransitGatewayStaticRoutes: $r}' \
      >"$dir/TransitGatewayStaticRoutes.json"
    jq -n --argjson p "$propagations" '{TransitGatewayPropagations: $p}' \
      >"$dir/TransitGatewayPropagations.json"
  elif $print_only; then
    echo "# per transit gateway route table T: aws ec2 search-transit-gateway-routes" \
         "--transit-gateway-route-table-id T --filters Name=type,Values=static, and" \
         "aws ec2 get-transit-gateway-route-table-propagations --transit-gateway-route-table-id T" \
         "(the script combines them into TransitGatewayStaticRoutes.json and" \
         "TransitGatewayPropagations.json with jq)"
  fi
done
$print_only || echo "collect-snapshot: wrote $out; check it with: vpcreach validate $out" >&2
