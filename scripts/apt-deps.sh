#!/usr/bin/env bash
# Install the Debian packages the tests need when they are missing:
# chromium (browser tests, Lighthouse), hunspell with its French dictionary
# (spelling) and a Java runtime for the Nu HTML checker. Needs root, as on CI and the development machines.
set -euo pipefail
packages=(chromium hunspell hunspell-fr default-jre-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
