#!/usr/bin/env bash
# Builds Huizong in release mode and installs it as a systemd service:
#   /usr/local/bin/huizongd, /usr/local/bin/huizong
#   /usr/local/share/huizong/Schema (migrations and reference data, found by the binaries)
#   /etc/systemd/system/huizongd.service, /etc/huizong/huizongd.env (kept if present)
# and a system user `huizong`. Run as root from the repository: Deploy/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }

scripts/install-deps
swift build -c release --product huizongd
swift build -c release --product huizong

install -m 0755 .build/release/huizongd .build/release/huizong /usr/local/bin/
rm -rf /usr/local/share/huizong/Schema
install -d /usr/local/share/huizong
cp -r Schema /usr/local/share/huizong/Schema
install -m 0644 README.md /usr/local/share/huizong/README.md
id huizong >/dev/null 2>&1 || useradd --system --home-dir /var/lib/huizong --shell /usr/sbin/nologin huizong
install -d -m 0755 /etc/huizong
[ -f /etc/huizong/huizongd.env ] || install -m 0640 -g huizong Deploy/huizongd.env /etc/huizong/huizongd.env
install -m 0644 Deploy/huizongd.service /etc/systemd/system/huizongd.service

if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable --now huizongd
    echo "huizongd installed and started: journalctl -u huizongd -f"
else
    echo "installed; systemd is not running here, so start it by hand: sudo -u huizong HUIZONG_DATA_DIR=/var/lib/huizong huizongd"
fi
