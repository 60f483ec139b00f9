using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ThumbApi.LambdaLocal;

/// <summary>
/// One packaged <c>bootstrap</c> in one role, as Lambda runs it: a child process polling a local Runtime API, and an
/// HTTP front that turns requests into invocations. For <c>api</c> the front is shaped like a Function URL (any
/// request, any path); for the event roles a <c>POST /</c> whose body is the event to deliver (S3 or SNS for
/// <c>thumbnails</c>, an SQS batch for <c>webhooks</c>).
/// </summary>
public sealed class LocalFunction : IAsyncDisposable
{
    public const string Api = "api";
    public const string Thumbnails = "thumbnails";
    public const string Webhooks = "webhooks";

    private readonly FakeRuntimeApi _runtime;
    private readonly Process _bootstrap;
    private readonly WebApplication _front;

    private LocalFunction(FakeRuntimeApi runtime, Process bootstrap, WebApplication front)
    {
        _runtime = runtime;
        _bootstrap = bootstrap;
        _front = front;
    }

    /// <summary>Where the front listens.</summary>
    public Uri Address => new(_front.Urls.First());

    /// <param name="taskRoot">The unzipped package: the folder holding <c>bootstrap</c>.</param>
    /// <param name="url">The front's address, e.g. <c>http://localhost:9000</c>; port 0 picks a free one.</param>
    /// <param name="environment">The function's environment variables, over this process's own.</param>
    /// <param name="output">Receives each line the bootstrap writes.</param>
    public static async Task<LocalFunction> StartAsync(string role, string taskRoot, string url,
        IReadOnlyDictionary<string, string> environment, Action<string> output)
    {
        if (role is not (Api or Thumbnails or Webhooks))
            throw new ArgumentException($"The role is '{role}'; it is {Api}, {Thumbnails} or {Webhooks}.", nameof(role));
        var bootstrapPath = Path.Combine(taskRoot, "bootstrap");
        if (!File.Exists(bootstrapPath))
            throw new FileNotFoundException($"{bootstrapPath} does not exist: build and unzip the package first (docs/lambda-package.md).", bootstrapPath);

        var runtime = await FakeRuntimeApi.StartAsync();
        var start = new ProcessStartInfo(bootstrapPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        // What Lambda and Terraform would set; a lookup's refresh invocation then goes to AWS, and fails without
        // credentials (logged; the lookup still answers 202).
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["Refresh__FunctionName"] = "thumbapi-thumbnails";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        start.Environment["_HANDLER"] = role;
        start.Environment["LAMBDA_TASK_ROOT"] = taskRoot;
        var bootstrap = Process.Start(start) ?? throw new InvalidOperationException($"{bootstrapPath} did not start.");
        bootstrap.OutputDataReceived += (_, e) => { if (e.Data is not null) output(e.Data); };
        bootstrap.ErrorDataReceived += (_, e) => { if (e.Data is not null) output(e.Data); };
        bootstrap.BeginOutputReadLine();
        bootstrap.BeginErrorReadLine();

        try
        {
            await WaitUntilPollingAsync(runtime, bootstrap);
            return new LocalFunction(runtime, bootstrap, await StartFrontAsync(role, url, runtime));
        }
        catch
        {
            if (!bootstrap.HasExited) bootstrap.Kill(entireProcessTree: true);
            await runtime.DisposeAsync();
            throw;
        }
    }

    private static async Task<WebApplication> StartFrontAsync(string role, string url, FakeRuntimeApi runtime)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var front = builder.Build();
        if (role == Api) front.Run(context => ServeFunctionUrlAsync(context, runtime));
        else front.MapPost("/", context => DeliverEventAsync(context, runtime));
        await front.StartAsync();
        return front;
    }

    /// <summary>Completes when the front is asked to stop (Ctrl+C or SIGTERM), so the caller can shut everything down.</summary>
    public Task StopRequested
    {
        get
        {
            var requested = new TaskCompletionSource();
            _front.Lifetime.ApplicationStopping.Register(requested.SetResult);
            return requested.Task;
        }
    }

    /// <summary>Delivers one event (JSON) and returns what the function answered.</summary>
    public Task<RuntimeReply> InvokeAsync(string eventJson) => _runtime.InvokeAsync(eventJson);

    private static async Task WaitUntilPollingAsync(FakeRuntimeApi runtime, Process bootstrap)
    {
        // Ready when it asks for its first event; an init error or an exit before that is the answer instead.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); runtime.NextCalls == 0; await Task.Delay(50))
        {
            if (runtime.InitError.IsCompleted)
                throw new InvalidOperationException($"The bootstrap failed to initialise: {(await runtime.InitError).Body}");
            if (bootstrap.HasExited)
                throw new InvalidOperationException($"The bootstrap exited with code {bootstrap.ExitCode} before asking for an event.");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The bootstrap did not ask the Runtime API for an event within 60 s.");
        }
    }

    private static async Task ServeFunctionUrlAsync(HttpContext context, FakeRuntimeApi runtime)
    {
        var reply = await runtime.InvokeAsync(await FunctionUrlEvents.FromRequestAsync(context));
        if (reply.IsError)
        {
            // What a Function URL answers when the function fails.
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
            return;
        }
        await FunctionUrlEvents.WriteResponseAsync(reply.Body, context.Response);
    }

    private static async Task DeliverEventAsync(HttpContext context, FakeRuntimeApi runtime)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var reply = await runtime.InvokeAsync(await reader.ReadToEndAsync(context.RequestAborted));
        // A failed invocation is one Lambda would retry: a 5xx, so that s3rver's --notify or curl -f shows it.
        context.Response.StatusCode = reply.IsError ? StatusCodes.Status502BadGateway : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _front.DisposeAsync();
        // Lambda ends an environment by killing it.
        if (!_bootstrap.HasExited) _bootstrap.Kill(entireProcessTree: true);
        await _bootstrap.WaitForExitAsync();
        _bootstrap.Dispose();
        await _runtime.DisposeAsync();
    }
}
