using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.Lambda;

namespace ThumbApi.Tests.Lambda;

/// <summary>Endpoints that let the bridge's tests see what the application saw; registered only by <see cref="LambdaTestHost"/>.</summary>
public static class TestEndpoints
{
    public sealed class RequestScopeProbe
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    public sealed class CompletionProbe
    {
        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed record Echo(
        string Method, string Scheme, string Host, string Path, string RawTarget,
        Dictionary<string, string[]> Query, Dictionary<string, string[]> Headers,
        Dictionary<string, string> Cookies, string? RemoteIp, string Body, string? TraceId, Guid Scope);

    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<RequestScopeProbe>();
        services.AddSingleton<CompletionProbe>();
    }

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.Map("/echo/{**rest}", async (HttpContext context, RequestScopeProbe scope) =>
        {
            var request = context.Request;
            using var reader = new StreamReader(request.Body, Encoding.Latin1);
            return TypedResults.Ok(new Echo(
                request.Method, request.Scheme, request.Host.Value!, request.Path.Value!,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                request.Query.ToDictionary(q => q.Key, q => q.Value.OfType<string>().ToArray()),
                request.Headers.ToDictionary(h => h.Key, h => h.Value.OfType<string>().ToArray(), StringComparer.OrdinalIgnoreCase),
                request.Cookies.ToDictionary(c => c.Key, c => c.Value),
                context.Connection.RemoteIpAddress?.ToString(),
                await reader.ReadToEndAsync(),
                Environment.GetEnvironmentVariable(LambdaRuntimeLoop.TraceIdVariable),
                scope.Id));
        });
        routes.MapGet("/cookies", (HttpResponse response) =>
        {
            response.Cookies.Append("session", "xyz789", new CookieOptions { Path = "/", HttpOnly = true, Secure = true });
            // The expiry holds a comma: joining Set-Cookie values with commas would corrupt it.
            response.Headers.Append("Set-Cookie", "theme=light; expires=Thu, 26 Nov 2026 15:00:00 GMT; path=/");
            response.Headers.Append("X-Multi", "one");
            response.Headers.Append("X-Multi", "two");
            return TypedResults.Text("cookies set");
        });
        routes.MapGet("/binary", () => TypedResults.Bytes(BinaryBody, "image/webp"));
        routes.MapGet("/throw", string () => throw new InvalidOperationException("secret internal detail"));
        routes.MapGet("/large", (int bytes) => TypedResults.Text(new string('x', bytes), "text/plain"));
        routes.MapGet("/wait-for-deadline", async (CancellationToken cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return TypedResults.Ok();
        });
        routes.MapGet("/callbacks", (HttpResponse response, CompletionProbe probe) =>
        {
            response.OnStarting(() =>
            {
                response.Headers["X-On-Starting"] = "ran";
                return Task.CompletedTask;
            });
            response.OnCompleted(() =>
            {
                probe.Completed.TrySetResult();
                return Task.CompletedTask;
            });
            return TypedResults.Text("ok");
        });
    }

    public static readonly byte[] BinaryBody = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
}
