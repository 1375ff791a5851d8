#!/usr/bin/env bash
# Installs Huizong as a systemd service:
#   /usr/local/bin/huizongd, /usr/local/bin/huizong
#   /usr/local/share/huizong/Schema (migrations and reference data: the binaries look in
#   ../share/huizong/Schema next to themselves)
#   /usr/local/share/huizong/README.md, /usr/local/share/huizong/Deploy/README.md
#   /usr/lib/sysusers.d/huizong.conf (the system user `huizong`), /usr/lib/tmpfiles.d/huizong.conf
#   (/run/huizong and /var/lib/huizong), both applied now
#   /etc/systemd/system/huizongd.socket and huizongd.service, /etc/huizong/huizongd.conf and
#   /etc/huizong/huizongd.env (each kept if present)
# then, when systemd runs, reloads it: a first install starts nothing (next, as Deploy/README.md
# says: systemctl enable --now huizongd.socket); an upgrade stops the socket and the service and
# starts again those that ran. Run as root from the repository. Also works on a machine (or
# container) where systemd does not run: then it installs everything and says how to start the
# daemon by hand.
#
#   Deploy/install.sh                  build, then install: installs the build dependencies
#                                      (scripts/install-deps: PostgreSQL, libpq-dev, systemd's
#                                      tools, socat) and runs `swift build -c release`; needs Swift 6
#   Deploy/install.sh --no-build       install the binaries already in .build/release as they are
#                                      (built earlier by the line above, scripts/run-daemon or
#                                      `swift build -c release`); no compiler, no build dependencies
#   Deploy/install.sh --binaries DIR   install DIR/huizongd and DIR/huizong (built elsewhere)
#
# The install-only modes still need what the binaries need at run time: PostgreSQL's server
# programs (Debian's postgresql, for the embedded cluster), libpq5, and the Swift runtime libraries
# the binaries were linked against (they are found through the binaries' RUNPATH, e.g.
# /opt/swift/usr/lib/swift/linux, or next to them): a missing library is named and nothing is
# installed. PostgreSQL and libpq5 are installed from Debian's packages when missing.
set -euo pipefail

usage() { sed -n '/^#   Deploy\/install.sh  /,/^#$/p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
build=yes
bindir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=no; shift ;;
        --binaries) [ $# -ge 2 ] || usage; build=no; bindir=$2; shift 2 ;;
        --binaries=*) build=no; bindir=${1#--binaries=}; shift ;;
        -h|--help) usage 0 ;;
        *) echo "install.sh: unknown argument $1" >&2; usage >&2 ;;
    esac
done
# DIR as given, relative to where install.sh was called from; the rest is relative to the checkout.
if [ -n "$bindir" ]; then
    [ -d "$bindir" ] || { echo "install.sh: --binaries $bindir: no such directory" >&2; exit 1; }
    bindir=$(realpath "$bindir")
fi
cd "$(dirname "$0")/.."
[ -n "$bindir" ] || bindir=$(pwd)/.build/release
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }

if [ "$build" = yes ]; then
    scripts/install-deps
    swift build -c release --product huizongd
    swift build -c release --product huizong
else
    for b in huizongd huizong; do
        [ -x "$bindir/$b" ] || { echo "install.sh: $bindir/$b is missing or not executable (build first: swift build -c release, or run Deploy/install.sh without --no-build)" >&2; exit 1; }
    done
    # What the binaries need at run time; nothing to compile with.
    missing=()
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    ldconfig -p 2>/dev/null | grep 'libpq\.so\.5 ' >/dev/null || missing+=(libpq5)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "install.sh: installing ${missing[*]}" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
    for b in huizongd huizong; do
        if notfound=$(ldd "$bindir/$b" 2>&1 | grep 'not found'); then
            printf '%s\n' "$notfound" >&2
            echo "install.sh: $bindir/$b lacks the libraries above (the Swift runtime: install the toolchain it was built with, or build here without --no-build)" >&2
            exit 1
        fi
    done
fi

install -d /usr/local/bin
install -m 0755 "$bindir/huizongd" "$bindir/huizong" /usr/local/bin/
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
    # An upgrade: an earlier install may still run, its daemon holding 127.0.0.1:7330 and the old
    # binary, and systemd refuses to start a socket unit while its service runs. Stop both, then
    # start again what ran before: the new socket unit binds and hands its sockets to the new
    # binary. Clients resend what was not acknowledged; nothing acknowledged is lost. Which units
    # are enabled (started at boot) is left as it was.
    running() { case "$(systemctl is-active "$1" 2>/dev/null || true)" in active|activating|reloading) return 0 ;; esac; return 1; }
    socket_ran=no; service_ran=no
    running huizongd.socket && socket_ran=yes
    running huizongd.service && service_ran=yes
    if [ "$socket_ran" = yes ] || [ "$service_ran" = yes ]; then
        systemctl stop huizongd.socket huizongd.service
        [ "$socket_ran" = no ] || systemctl start huizongd.socket
        [ "$service_ran" = no ] || systemctl start huizongd.service
        echo "huizongd upgraded and started again: systemctl status huizongd.socket huizongd.service; journalctl -u huizongd -f"
    else
        # A first install starts nothing: the operator enables the socket (Deploy/README.md).
        echo "huizongd installed. Next (Deploy/README.md):"
        echo "  systemctl enable --now huizongd.socket   # systemd listens; the first connection starts the daemon"
        echo "  systemctl enable huizongd.service        # optional: start the daemon at boot too"
    fi
else
    echo "installed; systemd is not running here, so start it by hand:"
    echo "  runuser -u huizong -- /usr/local/bin/huizongd   (settings: /etc/huizong/huizongd.conf)"
fi
