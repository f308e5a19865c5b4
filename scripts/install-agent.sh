#!/usr/bin/env bash
# Installs the edge agent on a Linux device with systemd, enrolls it and starts it. Run once, as root,
# by factory IT, from a built checkout or release tarball of this repository (npm ci && npm run build):
#
#   sudo scripts/install-agent.sh --platform https://platform.example:8080 --token et_… \
#        --ca-fingerprint 3F:A2:… [--ca platform-ca.pem] \
#        --workstations L1-01,L1-02 [--kind industrial_pc] [--prefix /opt/edge-agent]
#
# Steps: check Node.js >= 20 → create the edge-agent system user → copy the agent, its wire schema and
# production dependencies to the prefix → /etc/edge-agent/config.json (kept if present) →
# /var/lib/edge-agent (0700, owned by edge-agent) → read SMBIOS serials as root once
# (edge-agent inventory --write) → enroll as edge-agent → install and start the systemd unit →
# edge-agent doctor. Re-running it upgrades the files and re-enrolls (same device id for the same hardware).
set -euo pipefail

PLATFORM="" TOKEN="" WORKSTATIONS="" KIND="compute_box" PREFIX="/opt/edge-agent" CA_FINGERPRINT="" CA_FILE=""
STATE_DIR="/var/lib/edge-agent" CONFIG_DIR="/etc/edge-agent" USER_NAME="edge-agent"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --platform) PLATFORM="$2"; shift 2 ;;
    --token) TOKEN="$2"; shift 2 ;;
    --ca-fingerprint) CA_FINGERPRINT="$2"; shift 2 ;;
    --ca) CA_FILE="$2"; shift 2 ;;
    --workstations) WORKSTATIONS="$2"; shift 2 ;;
    --kind) KIND="$2"; shift 2 ;;
    --prefix) PREFIX="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install-agent: unknown option $1" >&2; exit 2 ;;
  esac
done
die() { echo "install-agent: $*" >&2; exit 1; }
[[ $EUID -eq 0 ]] || die "run as root (sudo): it creates a user, reads SMBIOS serials and installs a systemd unit"
[[ -n "$PLATFORM" && -n "$TOKEN" ]] || die "--platform URL and --token TOKEN are required"
command -v node >/dev/null || die "Node.js 20 or newer is required (apt-get install nodejs)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || die "Node.js $(node --version) is too old; 20 or newer is required"
command -v systemctl >/dev/null || die "systemd is required"

SRC="$(cd "$(dirname "$0")/.." && pwd)"
[[ -f "$SRC/agent/dist/cli.js" && -f "$SRC/proto/dist/index.js" ]] || die "build first: (cd $SRC && npm ci && npm run build)"

echo "== user $USER_NAME"
id -u "$USER_NAME" >/dev/null 2>&1 || useradd --system --home-dir "$STATE_DIR" --no-create-home --shell /usr/sbin/nologin "$USER_NAME"

echo "== files in $PREFIX"
install -d -m 0755 "$PREFIX"
# The workspace layout is kept (agent/ and proto/ side by side) so @edgenet/proto resolves as in the repo.
for part in package.json package-lock.json proto/package.json proto/dist proto/gen agent/package.json agent/dist agent/models agent/README.md; do
  install -d -m 0755 "$PREFIX/$(dirname "$part")"
  rm -rf "${PREFIX:?}/$part"
  cp -R "$SRC/$part" "$PREFIX/$part"
done
(cd "$PREFIX" && npm ci --omit=dev --workspace @edgenet/agent --include-workspace-root=false --no-audit --no-fund >/dev/null)
ln -sf "$PREFIX/agent/dist/cli.js" /usr/local/bin/edge-agent
chmod 0755 "$PREFIX/agent/dist/cli.js"

echo "== settings in $CONFIG_DIR"
install -d -m 0755 "$CONFIG_DIR"
if [[ ! -f "$CONFIG_DIR/config.json" ]]; then
  cat >"$CONFIG_DIR/config.json" <<'JSON'
{
  "queue": { "maxBytes": 67108864, "maxAgeHours": 168 },
  "inference": { "executionProvider": "cpu", "intraOpThreads": 1, "interOpThreads": 1, "models": [] }
}
JSON
  chmod 0644 "$CONFIG_DIR/config.json"
fi

echo "== state in $STATE_DIR"
install -d -m 0700 -o "$USER_NAME" -g "$USER_NAME" "$STATE_DIR"
# As root, once: SMBIOS serials and UUID (/sys/class/dmi/id/*_serial, product_uuid are 0400 root).
edge-agent inventory --write --state-dir "$STATE_DIR" >/dev/null || echo "warning: SMBIOS serials unreadable; the fingerprint rests on the remaining fields (see agent/README.md)"
chown "$USER_NAME:$USER_NAME" "$STATE_DIR/hardware.json" 2>/dev/null || true

echo "== enroll"
systemctl stop edge-agent.service 2>/dev/null || true
args=(enroll --platform "$PLATFORM" --token "$TOKEN" --kind "$KIND" --state-dir "$STATE_DIR")
[[ -n "$WORKSTATIONS" ]] && args+=(--workstations "$WORKSTATIONS")
[[ -n "$CA_FINGERPRINT" ]] && args+=(--ca-fingerprint "$CA_FINGERPRINT")
if [[ -n "$CA_FILE" ]]; then
  # The CA certificate is public; copied where the edge-agent user can read it.
  install -m 0644 "$CA_FILE" "$CONFIG_DIR/platform-ca.pem"
  args+=(--ca "$CONFIG_DIR/platform-ca.pem")
fi
runuser -u "$USER_NAME" -- env EDGE_AGENT_CONFIG="$CONFIG_DIR/config.json" edge-agent "${args[@]}"

echo "== service"
sed "s#/opt/edge-agent#$PREFIX#g" "$SRC/deploy/edge-agent.service" >/etc/systemd/system/edge-agent.service
systemctl daemon-reload
systemctl enable --now edge-agent.service
sleep 3
runuser -u "$USER_NAME" -- env EDGE_AGENT_CONFIG="$CONFIG_DIR/config.json" edge-agent doctor --state-dir "$STATE_DIR" || true
echo "installed: systemctl status edge-agent; edge-agent status --state-dir $STATE_DIR"
