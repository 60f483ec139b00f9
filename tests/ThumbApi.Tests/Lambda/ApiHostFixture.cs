using ThumbApi.Lambda;

namespace ThumbApi.Tests.Lambda;

public sealed class ApiHostFixture : IAsyncLifetime
{
    public LambdaTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await LambdaTestHost.StartAsync(LambdaHosting.ApiHandler);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>In-process hosts share the process's environment (<c>_X_AMZN_TRACE_ID</c>), so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessLambdaCollection
{
    public const string Name = "Lambda in process";
}
