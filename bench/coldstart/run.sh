#!/usr/bin/env bash
# Cold start of the published bootstraps against a fake Runtime API, next to a hello-world ASP.NET Core app
# published like the ReadyToRun package (self-contained, composite ReadyToRun, linux-x64):
#   bench/coldstart/run.sh [runs] [--aot] [--no-build]
# --aot also builds and measures the Native AOT package (build/package.sh --aot) in the same rounds;
# --no-build measures the packages already in artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=9; aot=false; build=true
for arg in "$@"; do
  case "$arg" in
    --aot) aot=true ;;
    --no-build) build=false ;;
    *[!0-9]*|'') echo "usage: $0 [runs] [--aot] [--no-build]" >&2; exit 2 ;;
    *) runs=$arg ;;
  esac
done

if [ "$build" = true ]; then
  bash build/package.sh linux-x64
  [ "$aot" = true ] && bash build/package.sh linux-x64 --aot
  dotnet publish bench/coldstart/HelloWorld/HelloWorld.csproj -c Release -r linux-x64 --self-contained \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:DebugType=none -o artifacts/bench/hello-world -nologo -v quiet
fi
aot_args=()
[ "$aot" = true ] && aot_args=(--aot-bootstrap artifacts/publish/linux-x64-aot/bootstrap)
python3 bench/coldstart/coldstart.py --runs "$runs" \
  --bootstrap artifacts/publish/linux-x64/bootstrap "${aot_args[@]}" \
  --hello-world artifacts/bench/hello-world/HelloWorld \
  --image tests/corpus/syn_12mp_4000x3000_q90.jpg \
  --events tests/ThumbApi.Tests/Lambda/Events
