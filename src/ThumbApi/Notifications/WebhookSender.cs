using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace ThumbApi.Notifications;

/// <summary>One attempt at one delivery: a signed POST of the message, a success only on a 2xx within the timeout.</summary>
public sealed partial class WebhookSender(
    HttpClient http, WebhookSecret secret, IOptions<NotificationOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
{
    /// <returns>Whether the receiver took it; an unreadable secret counts as a failed attempt, retried like any other.</returns>
    public async Task<bool> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        byte[] key;
        try
        {
            key = await secret.GetKeyAsync(cancellationToken);
        }
        catch (WebhookSecretUnavailableException e)
        {
            LogUnsigned(e, message.Type, message.Id);
            return false;
        }
        // Signed anew for each attempt: the receiver checks the timestamp is recent; the id stays the same.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", message.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(key, message.Id, timestamp, message.Body));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(settings.AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if (response.IsSuccessStatusCode) return true;
            LogRefused(message.Type, message.Id, (int)response.StatusCode);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(message.Type, message.Id, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {Type} {Id} cannot be signed; it will be retried")]
    private partial void LogUnsigned(Exception exception, string type, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Type} {Id} was answered {Status}; it will be retried")]
    private partial void LogRefused(string type, string id, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Type} {Id} did not get through ({Why}); it will be retried")]
    private partial void LogUnreachable(string type, string id, string why);
}
