using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ThumbApi.Lambda;

namespace ThumbApi.Notifications.EventBridge;

/// <summary>
/// Puts each image event on an EventBridge bus for AWS-native consumers (rules to Step Functions, SQS, another
/// account…): source <c>Notifications:EventSource</c>, detail-type the webhook's type, detail the webhook's data.
/// EventBridge's PutEvents in its JSON protocol, signed by <see cref="SigV4Signer"/>: no <c>AWSSDK.EventBridge</c>
/// package is available to the build. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
/// </summary>
public sealed class EventBridgePublisher(
    HttpClient http, Func<CancellationToken, Task<AwsCredentials>> credentials, TimeProvider time, IOptions<NotificationOptions> options)
{
    /// <exception cref="EventBridgeUnavailableException">EventBridge did not take the event.</exception>
    public async Task PutAsync(string type, DateTimeOffset at, WebhookData data, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var entry = new PutEventsEntry(settings.EventSource, type,
            JsonSerializer.Serialize(data, NotificationsJsonContext.Default.WebhookData), settings.EventBusName!, at.ToUnixTimeSeconds());
        var payload = JsonSerializer.SerializeToUtf8Bytes(new PutEventsRequest([entry]), EventBridgeJsonContext.Default.PutEventsRequest);
        var endpoint = settings.EventBridgeEndpoint ?? new Uri($"https://events.{settings.Region}.amazonaws.com/");

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSEvents.PutEvents");
        var signingCredentials = await credentials(cancellationToken);
        SigV4Signer.Sign(request, payload, settings.Region!, "events", signingCredentials, time.GetUtcNow());

        string body;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new EventBridgeUnavailableException($"EventBridge answered {(int)response.StatusCode} to {type}: {Cut(body)}", null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EventBridgeUnavailableException($"EventBridge did not answer the {type} event: {e.Message}", e);
        }
        // A 200 can still refuse the entry (throttled, not authorised for the source…): each entry answers on its own.
        var result = JsonSerializer.Deserialize(body, EventBridgeJsonContext.Default.PutEventsResponse);
        if (result is null || result.FailedEntryCount != 0)
            throw new EventBridgeUnavailableException(
                $"EventBridge refused the {type} event: {result?.Entries?.FirstOrDefault()?.ErrorCode} {result?.Entries?.FirstOrDefault()?.ErrorMessage}", null);
    }

    private static string Cut(string text) => text[..Math.Min(text.Length, 500)];
}
