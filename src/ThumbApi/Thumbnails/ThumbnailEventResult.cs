namespace ThumbApi.Thumbnails;

/// <summary>What one delivery did; the Lambda function returns it as its response.</summary>
public sealed class ThumbnailEventResult
{
    public int Generated { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }

    /// <summary>Removed originals whose thumbnails and records were removed.</summary>
    public int Removed { get; set; }
    public int Ignored { get; set; }

    /// <summary>What a backfill request did, including where its next page starts.</summary>
    public BackfillResult? Backfill { get; set; }

    /// <summary>What a refresh request did.</summary>
    public RefreshOutcome? Refresh { get; set; }

    public void Count(ThumbnailOutcome outcome)
    {
        switch (outcome)
        {
            case ThumbnailOutcome.Generated: Generated++; break;
            case ThumbnailOutcome.Failed: Failed++; break;
            case ThumbnailOutcome.Removed: Removed++; break;
            default: Skipped++; break;
        }
    }

    public byte[] ToJson() => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(this, ThumbnailsJsonContext.Default.ThumbnailEventResult);
}
