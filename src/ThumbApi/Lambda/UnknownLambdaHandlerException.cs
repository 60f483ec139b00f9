namespace ThumbApi.Lambda;

/// <summary>The function's <c>handler</c> setting names no role of this package.</summary>
public sealed class UnknownLambdaHandlerException(string? handler)
    : Exception($"The handler '{handler}' is not one of this package's: {string.Join(", ", LambdaHosting.Handlers)}. Set the function's handler to one of them.");
