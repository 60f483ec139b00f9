namespace ThumbApi.Lambda;

/// <summary>
/// The custom runtime's loop: <c>next → invoke → response | error</c>, one invocation at a time, from the moment
/// the host has started (so that every init failure is still an init error) until the process ends.
/// </summary>
public sealed partial class LambdaRuntimeLoop(
    RuntimeApiClient runtime,
    ILambdaFunction function,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<LambdaRuntimeLoop> logger) : BackgroundService
{
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Time left to report a cancelled invocation before Lambda ends it.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(500);

    private static readonly Func<ILogger, string, IDisposable?> InvocationScope =
        LoggerMessage.DefineScope<string>("Lambda request {AwsRequestId}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var invocation = await runtime.GetNextInvocationAsync(stoppingToken);
                await InvokeAsync(invocation, stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Without the Runtime API nothing can be served; exiting lets Lambda start a fresh environment.
            LogRuntimeApiFailed(e);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task InvokeAsync(LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        using var scope = InvocationScope(logger, invocation.RequestId);
        // The AWS SDK and X-Ray read the current trace from the environment.
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (invocation.Deadline is { } at)
        {
            var remaining = at - time.GetUtcNow() - DeadlineMargin;
            // CancelAfter goes through a timer even for zero; an invocation already out of time must not start work.
            if (remaining <= TimeSpan.Zero) deadline.Cancel();
            else deadline.CancelAfter(remaining);
        }

        byte[] response;
        try
        {
            response = await function.InvokeAsync(invocation, deadline.Token);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            var error = deadline.IsCancellationRequested
                ? new LambdaError($"The invocation was cancelled {DeadlineMargin.TotalMilliseconds} ms before its deadline: {e.Message}",
                    "DeadlineExceeded", LambdaError.From(e).StackTrace)
                : LambdaError.From(e);
            LogInvocationFailed(e, error.ErrorType);
            await runtime.PostErrorAsync(invocation.RequestId, error, "Unhandled", stoppingToken);
            return;
        }
        await runtime.PostResponseAsync(invocation.RequestId, response, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The invocation failed with {ErrorType}; reporting an invocation error")]
    private partial void LogInvocationFailed(Exception exception, string errorType);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Runtime API failed; stopping")]
    private partial void LogRuntimeApiFailed(Exception exception);
}
