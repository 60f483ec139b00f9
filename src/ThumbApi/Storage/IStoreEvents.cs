namespace ThumbApi.Storage;

/// <summary>
/// Hears of objects the embedded store wrote through its own upload endpoint, or removed. S3 announces these itself;
/// the embedded store has only this, and whoever delivers events in process listens.
/// </summary>
public interface IStoreEvents
{
    void ObjectCreated(StoredObject stored);

    void ObjectRemoved(string key);
}
