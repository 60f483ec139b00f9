using Microsoft.Extensions.Options;

namespace ThumbApi.Notifications;

/// <summary>
/// Delivers webhooks off the thumbnail path, outside Lambda: events are queued and the job goes on; each delivery is
/// tried at once, then on the <see cref="WebhookRetries"/> schedule. A dead or slow receiver costs only its own
/// deliveries.
/// </summary>
/// <remarks>
/// Pending deliveries live in this process's memory: a restart loses them (docs/webhooks.md). At most
/// <see cref="NotificationOptions.MaxPending"/> wait at once; past that, new events are dropped and logged.
/// </remarks>
public sealed partial class WebhookDispatcher(
    WebhookSender sender, IOptions<NotificationOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService, IWebhookQueue
{
    // Several deliveries at once, so that one slow receiver's timeout does not hold back the next event's first try.
    private const int Concurrency = 4;

    private readonly PriorityQueue<(WebhookMessage Message, int Attempt), DateTimeOffset> _pending = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _slots = new(Concurrency);
    private int _inFlight;

    public Task EnqueueAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_pending.Count + _inFlight >= options.Value.MaxPending)
            {
                LogDropped(message.Type, message.Id, options.Value.MaxPending);
                return Task.CompletedTask;
            }
            _pending.Enqueue((message, 1), time.GetUtcNow());
        }
        _wake.Release();
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? wait = null;
            (WebhookMessage Message, int Attempt) due = default;
            lock (_lock)
            {
                if (_pending.TryPeek(out var next, out var at))
                {
                    var now = time.GetUtcNow();
                    if (at <= now)
                    {
                        due = _pending.Dequeue();
                        _inFlight++;
                    }
                    else
                    {
                        wait = at - now;
                    }
                }
            }
            if (due.Message is not null)
            {
                await _slots.WaitAsync(stoppingToken);
                _ = DeliverAsync(due.Message, due.Attempt, stoppingToken);
                continue;
            }
            // Until the next delivery is due, or a new event comes in.
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = _wake.WaitAsync(sleep.Token);
            var timer = wait is { } delay ? Task.Delay(delay, time, sleep.Token) : Task.Delay(Timeout.Infinite, sleep.Token);
            await Task.WhenAny(woken, timer);
            await sleep.CancelAsync();
            await Task.WhenAll(Swallow(woken), Swallow(timer));
        }
    }

    private async Task DeliverAsync(WebhookMessage message, int attempt, CancellationToken stoppingToken)
    {
        try
        {
            if (await sender.SendAsync(message, stoppingToken)) return;
            if (WebhookRetries.After(attempt) is not { } delay)
            {
                LogGaveUp(message.Type, message.Id, attempt);
                return;
            }
            lock (_lock) _pending.Enqueue((message, attempt + 1), time.GetUtcNow() + delay);
            _wake.Release();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_lock) _inFlight--;
            _slots.Release();
        }
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Type} {Id} dropped: {MaxPending} deliveries are already waiting")]
    private partial void LogDropped(string type, string id, int maxPending);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Type} {Id} given up after {Attempts} attempts")]
    private partial void LogGaveUp(string type, string id, int attempts);
}
