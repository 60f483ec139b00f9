#!/usr/bin/env python3
"""Times process start → first response for the published bootstrap (behind a fake Lambda Runtime API; the
ReadyToRun package and, when given, the Native AOT one) and for a hello-world ASP.NET Core app (behind Kestrel), interleaving the measurements in every round. Besides wall-clock
time it reports the CPU time the process used until it was killed right after that response: on a shared machine
the wall clock includes waiting for a core, the CPU time does not."""
import argparse, http.client, http.server, json, os, shutil, socket, statistics, subprocess, tempfile, threading, time


class FakeRuntime(http.server.ThreadingHTTPServer):
    """Serves one event on /next, notes when its response (or error) arrives, and holds later polls open."""

    def __init__(self, event):
        super().__init__(("127.0.0.1", 0), Handler)
        self.event, self.served, self.done, self.reply = event, False, threading.Event(), None
        self.daemon_threads = True

    @property
    def address(self):
        return f"127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        runtime = self.server
        if runtime.served:
            runtime.done.wait(60)
            return
        runtime.served = True
        body = runtime.event.encode()
        self.send_response(200)
        self.send_header("Lambda-Runtime-Aws-Request-Id", "bench-1")
        self.send_header("Lambda-Runtime-Deadline-Ms", str(int(time.time() * 1000) + 60_000))
        self.send_header("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:bench")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        runtime = self.server
        runtime.reply_at = time.perf_counter()
        runtime.reply = (self.path, self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()
        runtime.done.set()


def lambda_cold_start(bootstrap, handler, event, store):
    runtime = FakeRuntime(event)
    threading.Thread(target=runtime.serve_forever, daemon=True).start()
    env = dict(os.environ, AWS_LAMBDA_RUNTIME_API=runtime.address, _HANDLER=handler,
               Storage__Provider="Local", Storage__LocalRoot=store)
    started = time.perf_counter()
    process = subprocess.Popen([bootstrap], cwd=os.path.dirname(bootstrap), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not runtime.done.wait(120):
            raise RuntimeError(f"{handler}: no response within 120 s")
        path, body = runtime.reply
        if not path.endswith("/response"):
            raise RuntimeError(f"{handler}: {path} {body}")
        return (runtime.reply_at - started) * 1000, kill_and_measure_cpu(process), body
    finally:
        if process.returncode is None:
            process.kill()
            process.wait()
        runtime.shutdown()
        runtime.server_close()


def kill_and_measure_cpu(process):
    """CPU milliseconds (user + system) the process used in its whole life, which ends now."""
    process.kill()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = status
    return (usage.ru_utime + usage.ru_stime) * 1000


def hello_world_cold_start(executable):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, ASPNETCORE_URLS=f"http://127.0.0.1:{port}")
    started = time.perf_counter()
    process = subprocess.Popen([executable], cwd=os.path.dirname(executable), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 60:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/")
                if connection.getresponse().status == 200:
                    return (time.perf_counter() - started) * 1000, kill_and_measure_cpu(process)
            except OSError:
                time.sleep(0.002)
        raise RuntimeError("hello world did not answer within 60 s")
    finally:
        if process.returncode is None:
            process.kill()
            process.wait()


def fresh_store(image):
    store = tempfile.mkdtemp(prefix="coldstart-")
    os.makedirs(os.path.join(store, "images"))
    shutil.copy(image, os.path.join(store, "images", "syn_12mp_4000x3000_q90.jpg"))
    return store


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--bootstrap", required=True, help="the ReadyToRun package's bootstrap")
    parser.add_argument("--aot-bootstrap", help="the Native AOT package's bootstrap, measured in the same rounds")
    parser.add_argument("--hello-world", required=True)
    parser.add_argument("--image", required=True)
    parser.add_argument("--events", required=True)
    args = parser.parse_args()
    packages = {"ReadyToRun": os.path.abspath(args.bootstrap)}
    if args.aot_bootstrap:
        packages["Native AOT"] = os.path.abspath(args.aot_bootstrap)
    hello = os.path.abspath(args.hello_world)
    health = open(os.path.join(args.events, "health.json")).read()
    sns = open(os.path.join(args.events, "sns-12mp-image.json")).read()

    results = {}
    for package in packages:
        results[f"api ({package}): first Function URL response"] = []
    for package in packages:
        results[f"thumbnails ({package}): first 12 MP thumbnail written"] = []
    results["hello world (ReadyToRun): first Kestrel response"] = []
    load_before = os.getloadavg()
    for _ in range(args.runs):
        # Each measurement gets its own store, so every thumbnails run really generates its thumbnail.
        for package, bootstrap in packages.items():
            store = fresh_store(args.image)
            try:
                wall, cpu, body = lambda_cold_start(bootstrap, "api", health, store)
                assert json.loads(body)["statusCode"] == 200, body
                results[f"api ({package}): first Function URL response"].append((wall, cpu))
                wall, cpu, body = lambda_cold_start(bootstrap, "thumbnails", sns, store)
                assert {k.lower(): v for k, v in json.loads(body).items()}["generated"] == 1, body
                results[f"thumbnails ({package}): first 12 MP thumbnail written"].append((wall, cpu))
            finally:
                shutil.rmtree(store)
        results["hello world (ReadyToRun): first Kestrel response"].append(hello_world_cold_start(hello))
    load_after = os.getloadavg()

    print(f"| Process start → ({args.runs} runs, linux-x64) | wall median ms | wall min–max ms | CPU median ms | CPU min–max ms |")
    print("|---|---:|---:|---:|---:|")
    for name, values in results.items():
        wall, cpu = [v[0] for v in values], [v[1] for v in values]
        print(f"| {name} | {statistics.median(wall):.0f} | {min(wall):.0f}–{max(wall):.0f} "
              f"| {statistics.median(cpu):.0f} | {min(cpu):.0f}–{max(cpu):.0f} |")
    # The machine is shared: the load average says how much the wall clock waited for a core.
    print(f"load average (1, 5, 15 min): before {', '.join(f'{l:.2f}' for l in load_before)}; "
          f"after {', '.join(f'{l:.2f}' for l in load_after)}; {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
