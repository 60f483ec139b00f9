namespace ThumbApi.Lambda;

/// <summary>What the function does with one invocation: the role <c>_HANDLER</c> chose.</summary>
public interface ILambdaFunction
{
    /// <returns>The JSON payload to post as the invocation's response.</returns>
    /// <remarks>An exception becomes an invocation error; <paramref name="cancellationToken"/> fires shortly before the deadline.</remarks>
    Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}
