using System.Text.Json;

namespace ThumbApi.Lambda;

/// <summary>
/// One JSON object per line on stdout, written before the logging call returns. The console logger writes from a
/// background queue, and Lambda freezes the process as soon as the response is posted: a queued line would come out
/// only at the next thaw, or never. Same shape as the JSON console formatter, scopes included.
/// </summary>
public sealed class LambdaJsonLoggerProvider(TimeProvider time, Stream stdout) : ILoggerProvider, ISupportExternalScope
{
    private readonly Stream _stdout = stdout;
    private readonly Lock _write = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new LambdaJsonLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() => _stdout.Dispose();

    private void Write<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, string message)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Timestamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            json.WriteNumber("EventId", eventId.Id);
            json.WriteString("LogLevel", level.ToString());
            json.WriteString("Category", category);
            json.WriteString("Message", message);
            if (exception is not null) json.WriteString("Exception", exception.ToString());
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                json.WriteStartObject("State");
                WriteProperties(json, properties);
                json.WriteEndObject();
            }
            json.WriteStartArray("Scopes");
            _scopes.ForEachScope(static (scope, writer) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    writer.WriteStartObject();
                    WriteProperties(writer, values);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStringValue(scope?.ToString());
                }
            }, json);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (_write)
        {
            _stdout.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stdout.Flush();
        }
    }

    private static void WriteProperties(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        foreach (var (key, value) in properties) json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class LambdaJsonLogger(LambdaJsonLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(category, logLevel, eventId, state, exception, formatter(state, exception));
        }
    }
}
