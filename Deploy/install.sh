#!/usr/bin/env bash
# Builds Huizong in release mode and installs it as a systemd service:
#   /usr/local/bin/huizongd, /usr/local/bin/huizong
#   /usr/local/share/huizong/Schema (migrations and reference data, found by the binaries)
#   /usr/local/share/huizong/README.md, /usr/local/share/huizong/Deploy/README.md
#   /usr/lib/sysusers.d/huizong.conf (the system user `huizong`), /usr/lib/tmpfiles.d/huizong.conf
#   (/run/huizong and /var/lib/huizong), both applied now
#   /etc/systemd/system/huizongd.socket and huizongd.service, /etc/huizong/huizongd.conf and
#   /etc/huizong/huizongd.env (each kept if present)
# and, when systemd runs, enables and starts the socket and the service. Run as root from the
# repository: Deploy/install.sh. Also works on a machine (or container) where systemd does not run:
# then it installs everything and says how to start the daemon by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }

scripts/install-deps
swift build -c release --product huizongd
swift build -c release --product huizong

install -d /usr/local/bin
install -m 0755 .build/release/huizongd .build/release/huizong /usr/local/bin/
rm -rf /usr/local/share/huizong/Schema
install -d /usr/local/share/huizong /usr/local/share/huizong/Deploy
cp -r Schema /usr/local/share/huizong/Schema
install -m 0644 README.md /usr/local/share/huizong/README.md
install -m 0644 Deploy/README.md /usr/local/share/huizong/Deploy/README.md

# The user and the directories: systemd-sysusers and systemd-tmpfiles read the same files at every
# boot; useradd and install -d only where the systemd package is absent.
install -d /usr/lib/sysusers.d /usr/lib/tmpfiles.d
install -m 0644 Deploy/huizong.sysusers.conf /usr/lib/sysusers.d/huizong.conf
install -m 0644 Deploy/huizong.tmpfiles.conf /usr/lib/tmpfiles.d/huizong.conf
if command -v systemd-sysusers >/dev/null 2>&1; then
    systemd-sysusers /usr/lib/sysusers.d/huizong.conf
elif ! id huizong >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/huizong --no-create-home --shell /usr/sbin/nologin \
        --comment "Huizong consolidation daemon" huizong
fi
if command -v systemd-tmpfiles >/dev/null 2>&1; then
    systemd-tmpfiles --create /usr/lib/tmpfiles.d/huizong.conf
else
    install -d -m 0750 -o huizong -g huizong /run/huizong /var/lib/huizong
fi

install -d -m 0755 /etc/huizong
[ -f /etc/huizong/huizongd.env ] || install -m 0640 -g huizong Deploy/huizongd.env /etc/huizong/huizongd.env
[ -f /etc/huizong/huizongd.conf ] || install -m 0640 -g huizong Deploy/huizongd.conf /etc/huizong/huizongd.conf
# A configuration kept from an earlier install may lack the two settings the unit no longer sets.
for setting in "data-dir = /var/lib/huizong" "unix-socket = /run/huizong/huizongd.sock"; do
    grep -qE "^[[:space:]]*${setting%% *}[[:space:]]*=" /etc/huizong/huizongd.conf || echo "$setting" >> /etc/huizong/huizongd.conf
done
/usr/local/bin/huizongd --check-config >/dev/null
install -m 0644 Deploy/huizongd.socket /etc/systemd/system/huizongd.socket
install -m 0644 Deploy/huizongd.service /etc/systemd/system/huizongd.service

if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    # An earlier install may still run: its daemon holds 127.0.0.1:7330 and the old binary, and
    # systemd refuses to start a socket unit while its service runs. Stop both (a no-op on a fresh
    # machine); the new socket unit then binds and hands its sockets to the new binary. Clients
    # resend what was not acknowledged; nothing acknowledged is lost.
    systemctl stop huizongd.socket huizongd.service
    systemctl enable --now huizongd.socket huizongd.service
    echo "huizongd installed and started: systemctl status huizongd.socket huizongd.service; journalctl -u huizongd -f"
else
    echo "installed; systemd is not running here, so start it by hand:"
    echo "  runuser -u huizong -- /usr/local/bin/huizongd   (settings: /etc/huizong/huizongd.conf)"
fi
