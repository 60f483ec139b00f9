using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using ThumbApi.Lambda;

namespace ThumbApi.Hosting;

/// <summary>
/// A start that fails for a reason a person can fix (the port is taken, the data root is unusable, the configuration
/// is invalid) ends with one line on stderr saying what to change and exit code 1, not a stack trace. Any other
/// failure keeps the runtime's full report. On Lambda, <see cref="InitErrorReporter"/> reports start failures instead.
/// </summary>
public static partial class StartupFailure
{
    public const int ExitCode = 1;

    // The host logs why it could not start, stack trace included, before it throws; that is said by the line instead.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private static int _watching;

    /// <remarks>Call it right after creating the builder: configuration is read, and can fail, from then on.</remarks>
    public static WebApplicationBuilder ExplainStartupFailures(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[RuntimeApiClient.EnvironmentVariable])) return builder;

        var started = new StartedSignal();
        builder.Services.AddSingleton(started);
        builder.Services.AddHostedService<StartedWatcher>();
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && (level < LogLevel.Error || started.IsSet));
        // Process-wide, so once per process however many applications it builds (as the tests do).
        if (Interlocked.Exchange(ref _watching, 1) == 0) AppDomain.CurrentDomain.UnhandledException += ExitWithOneLine;
        return builder;
    }

    /// <summary>The line for a failure a person can fix, or null for any other.</summary>
    public static string? Explain(Exception exception) =>
        (exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerException : exception) switch
        {
            IOException { InnerException: AddressInUseException } e =>
                $"{AddressOf(e.Message)} is already in use. Stop what listens there, or choose another address: " +
                "--urls http://localhost:5001 (or ASPNETCORE_URLS); see docs/configuration.md.",
            OptionsValidationException e => $"invalid configuration: {string.Join(" ", e.Failures.Select(ErrorOf))}",
            InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException } e
                when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                $"invalid configuration: {e.Message}",
            _ => null,
        };

    private static void ExitWithOneLine(object? sender, UnhandledExceptionEventArgs args)
    {
        if (args.ExceptionObject is not Exception exception || Explain(exception) is not { } line) return;
        Console.Error.WriteLine($"ThumbApi could not start: {line}");
        Environment.Exit(ExitCode);
    }

    /// <summary>Kestrel says "Failed to bind to address http://127.0.0.1:5000: address already in use."</summary>
    private static string AddressOf(string message) =>
        BoundAddress().Match(message) is { Success: true } match ? match.Groups[1].Value : "The address";

    /// <summary>The options validator's own message, without the wrapper <see cref="ValidatableOptions"/> puts around it.</summary>
    private static string ErrorOf(string failure) =>
        ValidatorError().Match(failure) is { Success: true } match ? match.Groups[1].Value : failure;

    [GeneratedRegex(@"address (\S+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BoundAddress();

    [GeneratedRegex(@"with the error: '(.*)'\.$")]
    private static partial Regex ValidatorError();

    private sealed class StartedSignal
    {
        private volatile bool _set;

        public bool IsSet => _set;

        public void Set() => _set = true;
    }

    private sealed class StartedWatcher(IHostApplicationLifetime lifetime, StartedSignal started) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(started.Set);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
