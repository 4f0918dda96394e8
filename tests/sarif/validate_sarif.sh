#!/usr/bin/env bash
# CTest `sarif_schema`: vpcreach's SARIF passes the official SARIF 2.1.0 JSON schema
# (tests/fixtures/sarif/, see its README), validated by Ajv (validate_sarif.js).
#
# usage: validate_sarif.sh VPCREACH SOURCE_DIR WORK_DIR
#
# Writes SARIF for: every bundled scenario as it is (no results); every lab variant checked
# against the lab's own expect: list (failed expectations with codeFlows through the scenario's
# rules); the CloudFormation lab with an expectation that fails (codeFlow steps located in the
# templates); run from WORK_DIR (relative URIs with uriBaseId) and from / (absolute file URIs).
# Then validates them all and checks that results and codeFlows were exercised.
set -euo pipefail
vpcreach=$1
source_dir=$2
work=$3
schema=$source_dir/tests/fixtures/sarif/sarif-2.1.0-rtm.5.json
node=${NODE:-node}

rm -rf "$work"
mkdir -p "$work/out"
cp -r "$source_dir/scenarios" "$work/scenarios"
cd "$work"

# Runs `vpcreach check ... --format sarif`; exit 0 or 1 is a report, 2 is a broken test.
check() {
  local status=0
  "$vpcreach" check "$@" --format sarif --quiet || status=$?
  if [ "$status" -gt 1 ]; then
    echo "vpcreach check $* exited $status" >&2
    exit 1
  fi
}

lab=scenarios/sagemaker-lab.yaml
for f in scenarios/*.yaml; do
  name=$(basename "$f" .yaml)
  check "$f" -o "out/$name.sarif"
  case "$name" in
    lab-*)
      # The variant's network with the lab's expectations: those it breaks fail. (A variant
      # without the S3 endpoint has no s3-gw to name: any endpoint will do.)
      sed '/^expect:/,$d' "$f" > "scenarios/$name-lab-expect.yaml"
      sed -n '/^expect:/,$p' "$lab" | sed 's/via: \[s3-gw\]/via: [vpc_endpoint]/' \
        >> "scenarios/$name-lab-expect.yaml"
      check "scenarios/$name-lab-expect.yaml" -o "out/$name-lab-expect.sarif"
      ;;
  esac
done

# The stacks lab with an expectation that fails: PyPI does not answer on port 80.
stacks=scenarios/sagemaker-lab-stacks-failing.yaml
cp scenarios/sagemaker-lab-stacks.yaml "$stacks"
cat >> "$stacks" <<'YAML'
  - name: "the notebook reaches PyPI on port 80 <on purpose> & fails"
    from: notebook
    to: pypi
    port: 80
    reachable: true
YAML
check "$stacks" -o out/stacks-failing.sarif
# Absolute file URIs: the scenario lies outside the working directory.
(cd / && check "$work/scenarios/lab-sg-no-egress-lab-expect.yaml" -o "$work/out/absolute.sarif")

# audit and diff write SARIF through the same renderer, with rules of their own.
report() {
  local status=0
  "$vpcreach" "$@" --format sarif --quiet || status=$?
  if [ "$status" -gt 1 ]; then
    echo "vpcreach $* exited $status" >&2
    exit 1
  fi
}
for f in "$lab" scenarios/lab-direct-internet-access.yaml scenarios/sagemaker-lab-stacks.yaml; do
  report audit "$f" -o "out/audit-$(basename "$f" .yaml).sarif"
done
for f in scenarios/lab-sg-no-egress.yaml scenarios/lab-nacl-no-ephemeral.yaml; do
  report diff "$lab" --against "$f" -o "out/diff-$(basename "$f" .yaml).sarif"
done

"$node" "$source_dir/tests/sarif/validate_sarif.js" "$schema" out/*.sarif

# The validator itself must refuse a log that breaks the schema (a driver without its name).
"$node" -e '
  const fs = require("fs");
  const log = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  delete log.runs[0].tool.driver.name;
  fs.writeFileSync(process.argv[2], JSON.stringify(log));
' out/stacks-failing.sarif broken.sarif
if "$node" "$source_dir/tests/sarif/validate_sarif.js" "$schema" broken.sarif 2>/dev/null >&2; then
  echo "the validator accepted a SARIF log without tool.driver.name" >&2
  exit 1
fi

# The schema run above proves little if nothing interesting was emitted.
need() {
  if ! grep -q -- "$1" "$2"; then
    echo "expected $1 in $2" >&2
    exit 1
  fi
}
need '"codeFlows"' out/lab-sg-no-egress-lab-expect.sarif
need '"uriBaseId": "SRCROOT"' out/lab-sg-no-egress-lab-expect.sarif
need '"uri": "scenarios/templates/' out/stacks-failing.sarif
need '"uri": "file:///' out/absolute.sarif
need '"ruleId": "VPCR003"' out/audit-lab-direct-internet-access.sarif
need '"ruleId": "flow-closed"' out/diff-lab-sg-no-egress.sarif
