using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.Lambda;

/// <summary>
/// A Function URL request's body, whole in memory before the application runs, with the size limit Kestrel would
/// enforce: <c>[RequestSizeLimit]</c> and <c>MaxRequestBodySize</c> set it, and the first read over it answers
/// <c>413</c> exactly as Kestrel does against the request's <c>Content-Length</c>.
/// </summary>
internal sealed class FunctionUrlRequestBody(byte[] body) : MemoryStream(body, writable: false), IHttpMaxRequestBodySizeFeature
{
    /// <summary>Kestrel's default; a Function URL accepts at most 6 MB anyway.</summary>
    private const long DefaultMaxBytes = 30_000_000;

    private long? _maxRequestBodySize = DefaultMaxBytes;

    public bool IsReadOnly { get; private set; }

    public long? MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set => _maxRequestBodySize = IsReadOnly
            ? throw new InvalidOperationException("The maximum request body size cannot be changed after the body has been read.")
            : value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        StartReading();
        return base.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        StartReading();
        return base.Read(buffer);
    }

    public override int ReadByte()
    {
        StartReading();
        return base.ReadByte();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        StartReading();
        return base.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        StartReading();
        return base.ReadAsync(buffer, cancellationToken);
    }

    public override void CopyTo(Stream destination, int bufferSize)
    {
        StartReading();
        base.CopyTo(destination, bufferSize);
    }

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        StartReading();
        return base.CopyToAsync(destination, bufferSize, cancellationToken);
    }

    private void StartReading()
    {
        IsReadOnly = true;
        if (Length > _maxRequestBodySize)
            throw new BadHttpRequestException(
                $"Request body too large. The max request body size is {_maxRequestBodySize} bytes.", StatusCodes.Status413PayloadTooLarge);
    }
}
