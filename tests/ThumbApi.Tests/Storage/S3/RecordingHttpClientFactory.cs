using System.Collections.Concurrent;
using Amazon.Runtime;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// Shows what the SDK puts on the wire and how much of each response body the caller consumes: what s3rver
/// cannot tell (it ignores <c>x-amz-tagging</c> on PUT) and what the store must never do (read an oversized body).
/// </summary>
public sealed class RecordingHttpClientFactory : HttpClientFactory
{
    public ConcurrentQueue<RecordedExchange> Exchanges { get; } = new();

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new RecordingHandler(Exchanges) { InnerHandler = new SocketsHttpHandler() });

    private sealed class RecordingHandler(ConcurrentQueue<RecordedExchange> exchanges) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // NonValidated: parsing a header (Cache-Control) would re-serialise it differently from what the SDK signed.
            var headers = request.Headers.NonValidated.Concat(request.Content?.Headers.NonValidated ?? default)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var exchange = new RecordedExchange(request.Method, request.RequestUri!, headers);
            exchanges.Enqueue(exchange);

            var response = await base.SendAsync(request, cancellationToken);
            var body = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken), exchange);
            var counted = new StreamContent(body);
            foreach (var header in response.Content.Headers) counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = counted;
            return response;
        }
    }

    private sealed class CountingStream(Stream inner, RecordedExchange exchange) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            Interlocked.Add(ref exchange.BodyBytesRead, read);
            return read;
        }
    }
}

public sealed class RecordedExchange(HttpMethod method, Uri uri, IReadOnlyDictionary<string, string> headers)
{
    public long BodyBytesRead;
    public HttpMethod Method { get; } = method;
    public Uri Uri { get; } = uri;
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;
}
