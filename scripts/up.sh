#!/usr/bin/env bash
# `npm run up`: installs what is missing (as root: Debian's docker.io, nats-server, busybox-static,
# git; otherwise it says what to install and stops), starts dockerd when it is not running,
# installs Traefik into .berth/tools (scripts/ensure-deps.sh), runs npm ci when node_modules is
# missing or stale, builds dist/, then runs the quickstart: nats-server, Traefik (from
# .berth/tools), the controller and one agent on this machine, with the example app deployed and
# routed through Traefik. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
echo "berth up: building (tsc, and the dashboard with esbuild)" >&2
npm run --silent build
exec node dist/quickstart/quickstart.js
