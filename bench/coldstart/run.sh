#!/usr/bin/env bash
# Cold start of the published bootstrap against a fake Runtime API, next to a hello-world ASP.NET Core app
# published the same way (self-contained, composite ReadyToRun, linux-x64): bench/coldstart/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=${1:-9}
bash build/package.sh linux-x64
dotnet publish bench/coldstart/HelloWorld/HelloWorld.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:DebugType=none -o artifacts/bench/hello-world -nologo -v quiet
python3 bench/coldstart/coldstart.py --runs "$runs" \
  --bootstrap artifacts/publish/linux-x64/bootstrap \
  --hello-world artifacts/bench/hello-world/HelloWorld \
  --image ../shared/corpus/syn_12mp_4000x3000_q90.jpg \
  --events tests/ThumbApi.Tests/Lambda/Events
