namespace ThumbApi.Notifications;

/// <summary>
/// When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (the schedule Standard
/// Webhooks suggests, about a day in all), with the same id, until the receiver answers 2xx; eight attempts in all.
/// </summary>
/// <remarks>On AWS each delay is a message's visibility timeout, which SQS caps at 12 hours.</remarks>
public static class WebhookRetries
{
    public static readonly IReadOnlyList<TimeSpan> Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    public static int MaxAttempts => Delays.Count + 1;

    /// <summary>How long to wait after the failed attempt number <paramref name="attempt"/> (from 1), or <c>null</c> after the last.</summary>
    public static TimeSpan? After(int attempt) => attempt >= 1 && attempt <= Delays.Count ? Delays[attempt - 1] : null;
}
