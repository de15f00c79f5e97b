#!/usr/bin/env bash
# Rewrites src/*/PublicAPI.Unshipped.txt from the code after a deliberate public API change
# (the build fails with RS0016/RS0017 until the files match). Review the diff before committing it:
# every line added or removed there is a change users see.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  printf '#nullable enable\n' > "$project/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info -v q
  # Stable order, so the diff shows only real changes.
  { head -1 "$project/PublicAPI.Unshipped.txt"; tail -n +2 "$project/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } > "$project/PublicAPI.tmp"
  mv "$project/PublicAPI.tmp" "$project/PublicAPI.Unshipped.txt"
done
