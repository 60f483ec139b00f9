using System.Text;
using ThumbApi.Lambda;
using ThumbApi.LambdaLocal;

namespace ThumbApi.Tests.Lambda;

public sealed class RuntimeApiClientTests
{
    [Fact]
    public async Task NextReadsEveryInvocationHeaderWhateverItsCase()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        using var client = new RuntimeApiClient(runtime.Address);
        const string trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        var before = DateTimeOffset.UtcNow;
        var reply = runtime.InvokeAsync("{\"hello\":\"world\"}", TimeSpan.FromSeconds(30), trace);

        Assert.False(client.HasPolled);
        var invocation = await client.GetNextInvocationAsync(CancellationToken.None);
        await client.PostResponseAsync(invocation.RequestId, "{\"ok\":true}"u8.ToArray(), CancellationToken.None);

        Assert.True(client.HasPolled);
        Assert.Equal((await reply).RequestId, invocation.RequestId);
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:thumbapi", invocation.InvokedFunctionArn);
        Assert.Equal(trace, invocation.TraceId);
        Assert.InRange(invocation.Deadline!.Value, before.AddSeconds(29), before.AddSeconds(31));
        Assert.Equal("{\"hello\":\"world\"}", Encoding.UTF8.GetString(invocation.Payload));
        Assert.Equal("{\"ok\":true}", (await reply).Body);
    }

    [Fact]
    public async Task ErrorIsPostedWithItsTypeHeaderAndLambdaErrorBody()
    {
        await using var runtime = await FakeRuntimeApi.StartAsync();
        using var client = new RuntimeApiClient(runtime.Address);
        var reply = runtime.InvokeAsync("{}");
        var invocation = await client.GetNextInvocationAsync(CancellationToken.None);

        await client.PostErrorAsync(invocation.RequestId, new LambdaError("it broke", "InvalidOperationException", ["at A.B()"]), "Unhandled", CancellationToken.None);

        var error = await reply;
        Assert.True(error.IsError);
        Assert.Equal("Unhandled", error.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
        Assert.Equal("{\"errorMessage\":\"it broke\",\"errorType\":\"InvalidOperationException\",\"stackTrace\":[\"at A.B()\"]}", error.Body);
    }
}
