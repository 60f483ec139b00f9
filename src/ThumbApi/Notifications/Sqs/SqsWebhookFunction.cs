using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using ThumbApi.Lambda;

namespace ThumbApi.Notifications.Sqs;

/// <summary>
/// The <c>webhooks</c> role's Lambda entry: delivers each queued webhook of the batch at once, in parallel, and
/// answers which ones failed. A failed one stays in the queue, hidden until its next attempt is due on the
/// <see cref="WebhookRetries"/> schedule (its visibility timeout); after the last attempt the queue's redrive policy
/// moves it to the dead-letter queue.
/// </summary>
public sealed partial class SqsWebhookFunction(
    WebhookSender sender, IAmazonSQS sqs, IOptions<NotificationOptions> options, ILogger<SqsWebhookFunction> logger) : ILambdaFunction
{
    public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        // Anything but an SQS batch is an invocation error: this function is invoked by its queue only.
        var batch = SqsEvent.FromJson(invocation.Payload);
        var failed = await Task.WhenAll(batch.Records.Select(record => DeliverAsync(record, cancellationToken)));
        return new SqsBatchResponse(failed.OfType<string>().Select(id => new SqsBatchItemFailure(id)).ToList()).ToUtf8Json();
    }

    /// <returns>The message's id when it stays in the queue, <c>null</c> when it was delivered.</returns>
    private async Task<string?> DeliverAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        WebhookMessage message;
        try
        {
            message = WebhookMessage.FromJson(record.Body);
        }
        catch (JsonException e)
        {
            // Kept, not deleted: after its receives it lands in the dead-letter queue, where someone can look at it.
            LogUnreadable(record.MessageId, e.Message);
            return record.MessageId;
        }
        if (await sender.SendAsync(message, cancellationToken)) return null;

        var attempt = record.ReceiveCount;
        if (WebhookRetries.After(attempt) is { } delay) await PostponeAsync(record, message, delay, cancellationToken);
        else LogGaveUp(message.Type, message.Id, attempt);
        return record.MessageId;
    }

    private async Task PostponeAsync(SqsRecord record, WebhookMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = options.Value.QueueUrl!.ToString(),
                ReceiptHandle = record.ReceiptHandle,
                VisibilityTimeout = (int)delay.TotalSeconds,
            }, cancellationToken);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            // The message comes back after the queue's own visibility timeout instead: sooner, never lost.
            LogNotPostponed(message.Type, message.Id, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queued message {MessageId} is not a webhook ({Why}); it stays for the dead-letter queue")]
    private partial void LogUnreadable(string messageId, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Type} {Id} given up after {Attempts} attempts; it goes to the dead-letter queue")]
    private partial void LogGaveUp(string type, string id, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Type} {Id} could not be postponed ({Why}); it comes back after the queue's visibility timeout")]
    private partial void LogNotPostponed(string type, string id, string why);
}
