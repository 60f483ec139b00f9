using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;

namespace ThumbApi.Notifications.Sqs;

/// <summary>
/// On Lambda, in the <c>thumbnails</c> role: each webhook waits in an SQS queue for the <c>webhooks</c> function,
/// so that no delivery rides on the thumbnail invocation and a frozen function loses none.
/// </summary>
public sealed partial class SqsWebhookQueue(IAmazonSQS sqs, IOptions<NotificationOptions> options, ILogger<SqsWebhookQueue> logger) : IWebhookQueue
{
    public async Task EnqueueAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = options.Value.QueueUrl!.ToString(),
                MessageBody = message.ToJson(),
            }, cancellationToken);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            throw new WebhookQueueUnavailableException($"The webhook queue did not take {message.Type} {message.Id}: {e.Message}", e);
        }
        LogQueued(message.Type, message.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Type} {Id} queued for delivery")]
    private partial void LogQueued(string type, string id);
}
