#!/bin/sh
# `make install-desktop` / `make uninstall-desktop`: the imgjournal launcher, its icons and the
# AppStream metainfo for the current user, in the XDG data folder ($XDG_DATA_HOME, else
# ~/.local/share). Nothing outside that folder is touched; no root is needed.
#
# The launcher starts, in this order: $IMGJOURNAL_EXEC if set, the bundle `make package`
# built (dist/imgjournal/imgjournal), the `imgjournal` on PATH (pipx, pip), or this checkout's
# .venv/bin/imgjournal.
set -eu

APP_ID=io.github.imgjournal.ImgJournal
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=${XDG_DATA_HOME:-${HOME:?}/.local/share}
SIZES="16 24 32 48 64 128 256 512"

desktop_file=$DATA/applications/$APP_ID.desktop
metainfo=$DATA/metainfo/$APP_ID.metainfo.xml
svg=$DATA/icons/hicolor/scalable/apps/$APP_ID.svg

refresh() {
    # Menus and icon themes pick the change up at once where these tools exist.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
    fi
}

find_exec() {
    if [ -n "${IMGJOURNAL_EXEC:-}" ]; then
        echo "$IMGJOURNAL_EXEC"
    elif [ -x "$ROOT/dist/imgjournal/imgjournal" ]; then
        echo "$ROOT/dist/imgjournal/imgjournal"
    elif command -v imgjournal >/dev/null 2>&1; then
        command -v imgjournal
    elif [ -x "$ROOT/.venv/bin/imgjournal" ]; then
        echo "$ROOT/.venv/bin/imgjournal"
    else
        echo "install-desktop: no imgjournal to start: run \`make package\` or \`pip install .\` first," >&2
        echo "or set IMGJOURNAL_EXEC to the program's path" >&2
        exit 1
    fi
}

install_launcher() {
    exe=$(find_exec)
    case $exe in
        /*) ;;
        *) echo "install-desktop: IMGJOURNAL_EXEC must be an absolute path, not $exe" >&2; exit 1 ;;
    esac
    case $exe in
        *[\"\`\$\\]*) echo "install-desktop: the path $exe holds a quote, \$, \` or \\; move it" >&2; exit 1 ;;
    esac
    mkdir -p "$DATA/applications" "$DATA/metainfo" "$(dirname "$svg")"
    # Exec is quoted, so a path with spaces works (Desktop Entry Specification, "Exec key").
    sed "s|^Exec=.*|Exec=\"$exe\"|" "$HERE/$APP_ID.desktop" > "$desktop_file.tmp"
    mv "$desktop_file.tmp" "$desktop_file"
    cp "$HERE/$APP_ID.metainfo.xml" "$metainfo"
    cp "$ROOT/resources/icons/imgjournal.svg" "$svg"
    for size in $SIZES; do
        dir=$DATA/icons/hicolor/${size}x${size}/apps
        mkdir -p "$dir"
        cp "$ROOT/resources/icons/imgjournal-$size.png" "$dir/$APP_ID.png"
    done
    refresh
    echo "installed the imgjournal launcher in $DATA (it starts $exe)"
}

uninstall_launcher() {
    rm -f "$desktop_file" "$metainfo" "$svg"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    refresh
    echo "removed the imgjournal launcher from $DATA"
}

case ${1:-install} in
    install) install_launcher ;;
    uninstall) uninstall_launcher ;;
    *) echo "usage: $0 install|uninstall" >&2; exit 2 ;;
esac
