#!/usr/bin/env bash
# Builds the Lambda deployment package: build/package.sh [linux-arm64|linux-x64] [--aot] → artifacts/thumbapi-<rid>[-aot].zip
# Self-contained for provided.al2023; the executable is named bootstrap, as the runtime requires.
#   default  composite ReadyToRun: the framework and the application precompiled, the JIT still there.
#   --aot    Native AOT: one native executable, no JIT; the NetVips engine only (ImageSharp is left out, see
#            ThumbApi.csproj). Needs clang, lld and zlib1g-dev, and a machine of the target's architecture.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 [linux-arm64|linux-x64] [--aot]" >&2; exit 2; }
rid=linux-arm64
aot=false
for arg in "$@"; do
  case "$arg" in
    linux-arm64|linux-x64) rid=$arg ;;
    --aot) aot=true ;;
    *) usage ;;
  esac
done

if [ "$aot" = true ]; then
  name=thumbapi-$rid-aot
  # Only this variant sets PublishAot: the tests and dotnet run stay on the JIT.
  mode=(-p:PublishAot=true -p:PublishReadyToRun=false)
  for tool in clang ld.lld; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y clang lld zlib1g-dev" >&2; exit 1; }
  done
else
  name=thumbapi-$rid
  # Composite ReadyToRun compiles the framework and the application into one native image: it takes minutes and
  # ~15 MB more, and saves about a third of the CPU a cold start needs (bench/coldstart).
  mode=(-p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true)
fi

out=artifacts/publish/${name#thumbapi-}
zipfile=artifacts/$name.zip
rm -rf "$out" "$zipfile"
dotnet publish src/ThumbApi/ThumbApi.csproj -c Release -r "$rid" --self-contained "${mode[@]}" \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out" -nologo -v quiet

# The ReadyToRun apphost finds ThumbApi.dll by the name baked into it, and the AOT executable is the whole
# application, so renaming it is enough.
mv "$out/ThumbApi" "$out/bootstrap"
chmod 755 "$out/bootstrap"
# Lambda loads native libraries from the package root; libvips must be there for the target architecture.
ls "$out"/libvips.so* >/dev/null 2>&1 || { echo "libvips for $rid is missing from $out" >&2; exit 1; }
test -f "$out/appsettings.json" || { echo "appsettings.json is missing from $out" >&2; exit 1; }

command -v zip >/dev/null || { echo "zip is missing: apt-get install -y zip" >&2; exit 1; }
(cd "$out" && zip -q -r -X "../../$name.zip" .)

unzipped=$(du -sb "$out" | cut -f1)
zipped=$(stat -c %s "$zipfile")
echo "$zipfile: $((zipped / 1024 / 1024)) MiB zipped ($zipped bytes), $((unzipped / 1024 / 1024)) MiB unzipped ($unzipped bytes)"
