#!/bin/sh
# Entry point of the guigym/desktop image (see images/docker/README.md, "Isolation").
# The control token comes from a root-only file the provider writes into the container before it
# starts (/run/guigym/desktop-token, mode 0400), so it is in no `docker exec` environment and in
# no process an app user can read; a GUIGYM_DESKTOP_TOKEN given explicitly is kept.
set -eu
TOKEN_FILE=/run/guigym/desktop-token
if [ -z "${GUIGYM_DESKTOP_TOKEN:-}" ] && [ -f "$TOKEN_FILE" ]; then
    GUIGYM_DESKTOP_TOKEN=$(cat "$TOKEN_FILE")
    export GUIGYM_DESKTOP_TOKEN
fi
exec "$@"
