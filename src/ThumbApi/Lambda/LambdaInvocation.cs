namespace ThumbApi.Lambda;

/// <summary>One event handed out by the Runtime API's <c>/next</c>, with the headers that describe it.</summary>
/// <param name="Deadline">When Lambda stops the invocation, or <c>null</c> when the Runtime API did not say.</param>
/// <param name="TraceId">The X-Ray trace header, or <c>null</c> when tracing is off.</param>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset? Deadline,
    string? InvokedFunctionArn,
    string? TraceId,
    byte[] Payload);
