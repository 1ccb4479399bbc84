#!/usr/bin/env bash
# Builds the Pulumi CLI from Go modules (the CLI cannot be downloaded on
# machines that reach only package registries), or reuses an earlier build.
# The build lives outside the repository, in a per-version cache folder, and
# the dynamic-provider plugin is placed beside it, where the engine looks.
#
# Last line of output: the folder holding `pulumi`, `pulumi-resource-pulumi-nodejs`
# and `pulumi-language-nodejs`.
#
# Environment:
#   PULUMI_DIRECTMAIL_CACHE   cache root (default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-directmail)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The one line to change to move to another CLI: scripts/pulumi-cli/VERSION.
VERSION="$(tr -d '[:space:]' < "$here/pulumi-cli/VERSION")"
GO_MIN=1.26.6
repo="$(cd "$here/.." && pwd)"
cache_root="${PULUMI_DIRECTMAIL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-directmail}"
bin="$cache_root/v$VERSION/bin"
log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }

have_cli() {
  [ -x "$bin/pulumi" ] && [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$bin/pulumi" version 2>/dev/null)" = "v$VERSION" ]
}

# go.mod must build exactly that version; a unit test holds the same (test/unit/pulumiVersion.test.ts).
for module in pkg sdk; do
  if ! grep -qE "^\s*github.com/pulumi/pulumi/$module/v3 v$VERSION( |$)" "$here/pulumi-cli/go.mod"; then
    log "scripts/pulumi-cli/VERSION says $VERSION, but go.mod requires another $module/v3. Run:"
    log "  cd scripts/pulumi-cli && GOTOOLCHAIN=local go get github.com/pulumi/pulumi/pkg/v3@v$VERSION github.com/pulumi/pulumi/sdk/v3@v$VERSION && go mod tidy"
    exit 1
  fi
done

if have_cli; then
  log "reusing Pulumi CLI v$VERSION in $bin"
else
  go_bin="$(command -v go || true)"
  [ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ] && go_bin=/usr/local/go/bin/go
  if [ -z "$go_bin" ]; then
    log "Go is not installed. The Pulumi CLI is built from Go modules and needs Go >= $GO_MIN (see CONTRIBUTING.md)."
    exit 1
  fi
  go_version="$("$go_bin" env GOVERSION)"
  if ! printf '%s\n%s\n' "go$GO_MIN" "$go_version" | sort -V -C; then
    log "Go $go_version is too old: building Pulumi v$VERSION needs Go >= $GO_MIN."
    exit 1
  fi
  log "building Pulumi CLI v$VERSION with $go_version (first run only; several minutes)..."
  mkdir -p "$bin"
  started=$(date +%s)
  tmp="$bin/pulumi.partial.$$"
  # A killed build must never leave a half-written binary behind: build to a temporary name, then rename.
  (
    cd "$here/pulumi-cli"
    CGO_ENABLED=0 GOTOOLCHAIN=local "$go_bin" build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION" \
      -o "$tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  ) || { rm -f "$tmp"; log "go build failed (output above)"; exit 1; }
  mv -f "$tmp" "$bin/pulumi"
  have_cli || { log "the built binary does not report v$VERSION"; exit 1; }
  log "built in $(( $(date +%s) - started ))s"
fi

# Puts an executable beside the CLI, where the engine looks for plugins; only
# when it changed, and through a rename so a running engine never sees half a file.
place() {
  local src="$1" name="$2"
  cmp -s "$src" "$bin/$name" 2>/dev/null && return 0
  cp "$src" "$bin/$name.tmp.$$"
  chmod 755 "$bin/$name.tmp.$$"
  mv -f "$bin/$name.tmp.$$" "$bin/$name"
}

# The engine starts dynamic providers through this script.
plugin_src="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ ! -f "$plugin_src" ]; then
  log "node_modules/@pulumi/pulumi is missing; run npm install first so the dynamic-provider plugin can be placed"
  exit 1
fi
place "$plugin_src" pulumi-resource-pulumi-nodejs
# The Go Node.js language host cannot be built here (the Go module proxy refuses
# it), so a Node.js one stands in, for a plain `pulumi up` on a Pulumi.yaml.
place "$here/pulumi-language-nodejs.js" pulumi-language-nodejs
# It reports the CLI's version, read from this file beside it.
place "$here/pulumi-cli/VERSION" pulumi-cli-version

echo "$bin"
