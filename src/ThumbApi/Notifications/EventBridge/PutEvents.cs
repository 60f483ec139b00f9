using System.Text.Json.Serialization;

namespace ThumbApi.Notifications.EventBridge;

/// <summary>PutEvents' request and answer, as EventBridge's JSON protocol spells them (PascalCase, time in epoch seconds).</summary>
public sealed record PutEventsRequest(IReadOnlyList<PutEventsEntry> Entries);

public sealed record PutEventsEntry(string Source, string DetailType, string Detail, string EventBusName, long Time);

public sealed record PutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry>? Entries);

public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PutEventsRequest))]
[JsonSerializable(typeof(PutEventsResponse))]
internal sealed partial class EventBridgeJsonContext : JsonSerializerContext;
