namespace ThumbApi.Storage;

/// <summary>
/// Hears of objects a store wrote through its own upload endpoint. S3 announces its uploads itself; the embedded
/// store has only this, and whoever delivers events in process listens.
/// </summary>
public interface IStoreEvents
{
    void ObjectCreated(StoredObject stored);
}
