using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ThumbApi.Lambda;

/// <summary>
/// Reports a failure before the first <c>/next</c> (bad configuration, an unknown handler, anything that stops
/// the host from starting) to <c>/init/error</c>, so that Lambda shows the cause instead of a bare exit, then exits
/// non-zero. Failures during an invocation are the runtime loop's to report.
/// </summary>
public static class InitErrorReporter
{
    public static void Watch(RuntimeApiClient runtime) =>
        AppDomain.CurrentDomain.UnhandledException += (_, args) =>
        {
            if (runtime.HasPolled || args.ExceptionObject is not Exception exception) return;
            var cause = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerException! : exception;
            WriteLogLine(cause);
            try
            {
                runtime.PostInitError(LambdaError.From(cause), ErrorTypeOf(cause));
            }
            catch (HttpRequestException)
            {
                // Nobody to tell; the exit code and the log line still say it.
            }
            Environment.Exit(1);
        };

    /// <summary>The <c>category.reason</c> form AWS recommends for the error type header.</summary>
    public static string ErrorTypeOf(Exception exception) => exception switch
    {
        UnknownLambdaHandlerException => "Runtime.NoSuchHandler",
        OptionsValidationException => "Runtime.ConfigInvalid",
        _ => "Runtime.UnknownReason",
    };

    /// <summary>Written directly: the logging pipeline may not exist yet, or may not flush before the exit.</summary>
    private static void WriteLogLine(Exception exception)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var json = new Utf8JsonWriter(stdout))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", DateTimeOffset.UtcNow);
            json.WriteString("LogLevel", "Critical");
            json.WriteString("Category", typeof(InitErrorReporter).FullName);
            json.WriteString("Message", $"Initialisation failed: {exception.Message}");
            json.WriteString("Exception", exception.ToString());
            json.WriteEndObject();
        }
        stdout.WriteByte((byte)'\n');
    }
}
