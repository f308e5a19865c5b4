#!/bin/sh
# The host side of installing the edge agent, shared by the .deb's postinst and the tarball's
# install.sh: the service user, the state and settings directories with their permissions, and the
# one root-only hardware read. Idempotent; an upgrade runs it again and changes nothing it finds.
# Nothing here uses the network. Paths honour DPKG_ROOT (dpkg(1) --force-script-chrootless), so a
# test can install into a directory the way debootstrap does.
#   setup-host.sh [LIBDIR]   LIBDIR: where the package put the agent (default /usr/lib/edge-agent)
set -eu
libdir="${1:-/usr/lib/edge-agent}"
root="${DPKG_ROOT:-}"
user=edge-agent
state=/var/lib/edge-agent
conf=/etc/edge-agent

# A system user with no login and no home of its own (Debian Policy §9.2.1, dynamically allocated).
if ! grep -q "^$user:" "$root/etc/passwd"; then
  if [ -n "$root" ]; then
    useradd --prefix "$root" --system --user-group --home-dir "$state" --no-create-home --shell /usr/sbin/nologin --comment "edgenet edge agent" "$user"
  else
    useradd --system --user-group --home-dir "$state" --no-create-home --shell /usr/sbin/nologin --comment "edgenet edge agent" "$user"
  fi
fi
uid=$(awk -F: -v u="$user" '$1 == u { print $3 }' "$root/etc/passwd")
gid=$(awk -F: -v u="$user" '$1 == u { print $4 }' "$root/etc/passwd")

# The state directory holds the device key: only the agent's user may enter it. An existing one
# (an upgrade, a reinstall after remove) keeps its contents; only its owner and mode are restated.
install -d -m 0700 -o "$uid" -g "$gid" "$root$state"
install -d -m 0755 "$root$conf"

# As root, once: SMBIOS serials and the system UUID (/sys/class/dmi/id/*_serial and product_uuid
# are mode 0400). Kept across upgrades: re-reading could change the fingerprint the device enrolled with.
if [ ! -f "$root$state/hardware.json" ]; then
  if "$root$libdir/bin/edge-agent" inventory --write --state-dir "$root$state" >/dev/null 2>"$root$state/.inventory.err"; then
    chown "$uid:$gid" "$root$state/hardware.json"
    chmod 0600 "$root$state/hardware.json"
  else
    echo "edge-agent: warning: the hardware serials could not be read ($(tail -n 2 "$root$state/.inventory.err" | tr '\n' ' '))" >&2
    echo "edge-agent: the fingerprint rests on the remaining fields; see /usr/lib/edge-agent/README.md \"Hardware fingerprint\"" >&2
  fi
  rm -f "$root$state/.inventory.err"
fi
