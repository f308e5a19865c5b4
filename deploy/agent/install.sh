#!/bin/sh
# Installs the edge agent from this tarball on a Linux box with or without systemd, with nothing
# fetched: the agent, its Node runtime and onnxruntime for this architecture are all in lib/.
# Run as root, from the unpacked tarball:
#
#   sudo ./install.sh                                  install (or upgrade) into /opt/edge-agent
#   sudo ./install.sh --platform URL --ca-fingerprint SHA256 --token-file token.txt [--workstations L1-01,L1-02]
#                                                      ... and enroll and start it in the same command
#   sudo ./install.sh --uninstall [--purge]            remove; --purge also deletes the device's state
#
# Other options: --prefix DIR (default /opt/edge-agent), --kind KIND, --root DIR (install into a
# directory that is another system's root, as DPKG_ROOT; for images and tests: no service is touched).
# Steps: check the architecture → refuse a downgrade → stop the agent → swap in lib/ → the user,
# state and settings directories and the hardware read (libexec/setup-host.sh, as the .deb's
# postinst) → the systemd unit → enroll (if asked) → start when enrolled.
set -eu
PREFIX=/opt/edge-agent ROOT="" UNINSTALL="" PURGE="" PLATFORM="" TOKEN_FILE="" CA_FINGERPRINT="" WORKSTATIONS="" KIND=""
die() { echo "install.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --root) ROOT="$2"; shift 2 ;;
    --uninstall) UNINSTALL=1; shift ;;
    --purge) PURGE=1; shift ;;
    --platform) PLATFORM="$2"; shift 2 ;;
    --token-file) TOKEN_FILE="$2"; shift 2 ;;
    --ca-fingerprint) CA_FINGERPRINT="$2"; shift 2 ;;
    --workstations) WORKSTATIONS="$2"; shift 2 ;;
    --kind) KIND="$2"; shift 2 ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "run as root (sudo): it creates a user, reads SMBIOS serials and installs a systemd unit"
here=$(cd "$(dirname "$0")" && pwd)
unit="$ROOT/etc/systemd/system/edge-agent.service"
systemd=""
[ -z "$ROOT" ] && [ -d /run/systemd/system ] && systemd=1

if [ -n "$UNINSTALL" ]; then
  [ -n "$systemd" ] && { systemctl disable --now edge-agent.service || true; }
  rm -f "$unit" "$ROOT/usr/local/bin/edge-agent"
  rm -rf "${ROOT}${PREFIX:?}"
  [ -n "$systemd" ] && systemctl daemon-reload
  if [ -n "$PURGE" ]; then
    rm -rf "$ROOT/var/lib/edge-agent" "$ROOT/etc/edge-agent"
    echo "edge-agent removed, with its state and settings"
  else
    echo "edge-agent removed; the device's state is kept in $ROOT/var/lib/edge-agent (--purge deletes it)"
  fi
  exit 0
fi

want=$(cat "$here/ARCH")
[ "$(uname -m)" = "$want" ] || [ -n "$ROOT" ] || die "this package is for $want; this machine is $(uname -m)"
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$here/lib/package.json")
dest="$ROOT$PREFIX"
if [ -f "$dest/package.json" ]; then
  old=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dest/package.json")
  newest=$(printf '%s\n%s\n' "$old" "$version" | sort -V | tail -n 1)
  if [ "$old" != "$version" ] && [ "$newest" = "$old" ] && [ "${EDGE_AGENT_ALLOW_DOWNGRADE:-}" != 1 ]; then
    die "refusing to downgrade from $old to $version: its state in /var/lib/edge-agent was written by $old (EDGE_AGENT_ALLOW_DOWNGRADE=1 overrides)"
  fi
fi

echo "== edge-agent $version ($want) into $PREFIX"
[ -n "$systemd" ] && systemctl stop edge-agent.service 2>/dev/null || true
install -d -m 0755 "$(dirname "$dest")"
rm -rf "$dest.new" "$dest.old"
cp -R "$here/lib" "$dest.new"
[ -d "$dest" ] && mv "$dest" "$dest.old"
mv "$dest.new" "$dest"
rm -rf "$dest.old"
install -d -m 0755 "$ROOT/usr/local/bin"
ln -sf "$PREFIX/bin/edge-agent" "$ROOT/usr/local/bin/edge-agent"

echo "== user, state and settings"
DPKG_ROOT="$ROOT" "$dest/libexec/setup-host.sh" "$PREFIX"
[ -f "$ROOT/etc/edge-agent/config.json" ] || install -m 0644 "$here/config.json" "$ROOT/etc/edge-agent/config.json"

echo "== systemd unit"
install -d -m 0755 "$(dirname "$unit")"
sed "s#/usr/lib/edge-agent#$PREFIX#g" "$here/edge-agent.service" >"$unit"
chmod 0644 "$unit"
if [ -n "$systemd" ]; then
  systemctl daemon-reload
  systemctl enable edge-agent.service
fi

if [ -n "$PLATFORM" ]; then
  echo "== enroll"
  [ -n "$TOKEN_FILE" ] || die "--platform needs --token-file FILE (a token on the command line lands in shell history and ps)"
  [ -z "$ROOT" ] || die "--root installs files only; enroll on the device itself"
  set -- enroll --platform "$PLATFORM" --token -
  [ -n "$CA_FINGERPRINT" ] && set -- "$@" --ca-fingerprint "$CA_FINGERPRINT"
  [ -n "$WORKSTATIONS" ] && set -- "$@" --workstations "$WORKSTATIONS"
  [ -n "$KIND" ] && set -- "$@" --kind "$KIND"
  # Read by root, handed over on standard input: the token file need not be readable by edge-agent.
  runuser -u edge-agent -- "$dest/bin/edge-agent" "$@" <"$TOKEN_FILE"
fi

if [ -f "$ROOT/var/lib/edge-agent/agent.json" ]; then
  if [ -n "$systemd" ]; then
    systemctl start edge-agent.service
    sleep 3
    runuser -u edge-agent -- "$dest/bin/edge-agent" doctor || true
  fi
  echo "installed edge-agent $version; enrolled. systemctl status edge-agent; edge-agent status"
else
  echo "installed edge-agent $version; enroll this device, then start it:"
  echo "  sudo -u edge-agent edge-agent enroll --platform URL --ca-fingerprint SHA256 --token - < token.txt"
  echo "  sudo systemctl start edge-agent && edge-agent doctor"
fi
