using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Notifications;

/// <summary>A webhook receiver on loopback: records every delivery and answers what the test says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _count;

    public sealed record Delivery(string Id, string Timestamp, string Signature, string Body);

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    /// <summary>The answer to the n-th delivery (from 0); 204 by default.</summary>
    public Func<int, Task<int>> Answer { get; set; } = _ => Task.FromResult(StatusCodes.Status204NoContent);

    /// <summary>When set, the answer to each delivery by what it is, whatever the order deliveries arrive in.</summary>
    public Func<Delivery, int>? AnswerTo { get; set; }

    public Uri Url => new(LoopbackServer.BaseUrl(_app), "hooks");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._app = await LoopbackServer.StartAsync(app => app.MapMethods("/hooks", ["GET", "POST"], async (HttpRequest request) =>
        {
            // GET too: what a sender following a 302 would send, counted and answered like a POST, so that following shows.
            using var reader = new StreamReader(request.Body);
            var delivery = new Delivery(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), await reader.ReadToEndAsync());
            receiver.Deliveries.Enqueue(delivery);
            var n = Interlocked.Increment(ref receiver._count) - 1;
            var status = receiver.AnswerTo is { } answerTo ? answerTo(delivery) : await receiver.Answer(n);
            // A redirect points back here: a sender that followed it would deliver again, to the next answer.
            return status is >= 300 and < 400 ? Results.Redirect(receiver.Url.ToString(), permanent: status is 301 or 308, preserveMethod: status is 307 or 308)
                : Results.StatusCode(status);
        }));
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
