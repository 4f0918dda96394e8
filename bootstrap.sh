#!/usr/bin/env bash
# One command from a fresh clone: install what is missing, build, and check the workshop lab.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build
./build/vpcreach check scenarios/sagemaker-lab.yaml
