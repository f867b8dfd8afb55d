#!/usr/bin/env bash
# Regenerates NewsApi.Client/Generated from openapi/newsapi.v1.json with the Kiota pinned in .config/dotnet-tools.json.
# Never edit Generated/ by hand: CI runs this and fails when the result differs from what is committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# Kiota asks GitHub for a newer release unless told not to; nothing here may leave the machine.
export KIOTA_OFFLINE_ENABLED=true KIOTA_UPDATE__DISABLED=true KIOTA_TUTORIAL_ENABLED=false KIOTA_TUTORIAL=false
dotnet tool restore >/dev/null
dotnet kiota generate -l CSharp -d openapi/newsapi.v1.json -o clients/dotnet/NewsApi.Client/Generated \
  -n NewsApi.Client -c NewsApiClient --exclude-backward-compatible --clean-output --log-level Error
