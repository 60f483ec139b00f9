#!/usr/bin/env bash
# Builds the Lambda deployment package: build/package.sh [linux-arm64|linux-x64] → artifacts/thumbapi-<rid>.zip
# Self-contained and composite ReadyToRun for provided.al2023; the executable is named bootstrap, as the runtime requires.
set -euo pipefail
cd "$(dirname "$0")/.."

rid=${1:-linux-arm64}
case "$rid" in linux-arm64|linux-x64) ;; *) echo "usage: $0 [linux-arm64|linux-x64]" >&2; exit 2 ;; esac

out=artifacts/publish/$rid
zipfile=artifacts/thumbapi-$rid.zip
rm -rf "$out" "$zipfile"
# Composite ReadyToRun compiles the framework and the application into one native image: it takes minutes and
# ~15 MB more, and saves about a third of the CPU a cold start needs (bench/coldstart).
dotnet publish src/ThumbApi/ThumbApi.csproj -c Release -r "$rid" --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$out" -nologo -v quiet

# The apphost finds ThumbApi.dll by the name baked into it, so renaming it is enough.
mv "$out/ThumbApi" "$out/bootstrap"
chmod 755 "$out/bootstrap"
# Lambda loads native libraries from the package root; libvips must be there for the target architecture.
ls "$out"/libvips.so* >/dev/null 2>&1 || { echo "libvips for $rid is missing from $out" >&2; exit 1; }
test -f "$out/appsettings.json" || { echo "appsettings.json is missing from $out" >&2; exit 1; }

command -v zip >/dev/null || { echo "zip is missing: apt-get install -y zip" >&2; exit 1; }
(cd "$out" && zip -q -r -X "../../thumbapi-$rid.zip" .)

unzipped=$(du -sb "$out" | cut -f1)
zipped=$(stat -c %s "$zipfile")
echo "$zipfile: $((zipped / 1024 / 1024)) MiB zipped ($zipped bytes), $((unzipped / 1024 / 1024)) MiB unzipped ($unzipped bytes)"
