#!/bin/sh
# The pre-commit hooks' entry (.pre-commit-hooks.yaml): builds cmd/conclint,
# and nothing else of this repository, from pre-commit's checkout of it, then
# runs it in your repository with the hook's args. The build is a link from
# Go's build cache after the first run.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Your GOFLAGS and go.work are for your module, not this one.
if ! GOFLAGS= GOWORK=off go build -C "$repo" -o "$tmp/conclint" ./cmd/conclint; then
	echo "conclint pre-commit hook: building conclint from $repo failed" >&2
	exit 2
fi
"$tmp/conclint" "$@"
