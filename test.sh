#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing (Debian packages, as root or through
# password-less sudo; otherwise it names them and stops), then the Maven build. .ci/run calls exactly this.
# Extra arguments go to Maven, e.g. ./test.sh -Dit.test=Dl4jIT
set -euo pipefail
cd "$(dirname "$0")"

# The machine brings Java 17 (default), Temurin 25 under /usr/lib/jvm and Maven. The tests run the agent
# inside both JVMs; say so loudly if the second one is missing rather than skipping silently.
if [ ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  echo "warning: Temurin 25 not found; the Java 25 exit-path tests will be skipped" >&2
fi
missing=()
need() { command -v "$1" >/dev/null || missing+=("$2"); }
need git git
need chromium chromium                              # the HTML report is tested in a real browser
need prometheus prometheus                          # metrics are scraped by a real Prometheus
need prometheus-pushgateway prometheus-pushgateway  # and pushed to a real Pushgateway
need openssl openssl                                # model statements' DSSE signatures are also checked by openssl
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "test.sh: the tests need these Debian packages, which are not installed: ${missing[*]}" >&2
    echo "test.sh: install them as root (apt-get install ${missing[*]}) and run ./test.sh again" >&2
    exit 2
  fi
fi

exec mvn -B verify "$@"
