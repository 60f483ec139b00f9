namespace ThumbApi.Lambda;

/// <summary>
/// The response body of one Function URL request, kept in memory up to <see cref="Capacity"/> bytes and only
/// counted beyond: a body that large can never be sent through Lambda, so holding the rest would only risk memory.
/// </summary>
public sealed class ResponseBodyBuffer(int capacity, Func<CancellationToken, Task> beforeFirstWrite) : Stream
{
    private readonly MemoryStream _kept = new();

    public int Capacity { get; } = capacity;

    /// <summary>Every byte written, kept or not.</summary>
    public long Written { get; private set; }

    public bool Overflowed => Written > Capacity;

    public ReadOnlySpan<byte> Content => _kept.GetBuffer().AsSpan(0, (int)_kept.Length);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await beforeFirstWrite(cancellationToken);
        Keep(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        beforeFirstWrite(CancellationToken.None).GetAwaiter().GetResult();
        Keep(buffer);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => beforeFirstWrite(cancellationToken);

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Forgets what was written, for the error response that replaces a failed one.</summary>
    public void Clear()
    {
        _kept.SetLength(0);
        Written = 0;
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        var room = (int)Math.Max(0, Capacity - _kept.Length);
        _kept.Write(bytes[..Math.Min(room, bytes.Length)]);
        Written += bytes.Length;
    }
}
