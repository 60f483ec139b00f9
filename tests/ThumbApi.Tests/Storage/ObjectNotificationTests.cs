using ThumbApi.Storage;

namespace ThumbApi.Tests.Storage;

public class ObjectNotificationTests
{
    [Theory]
    [InlineData("ObjectRemoved:Delete", true)]
    [InlineData("ObjectRemoved:DeleteMarkerCreated", true)]
    [InlineData("LifecycleExpiration:Delete", true)]
    [InlineData("LifecycleExpiration:DeleteMarkerCreated", true)]
    [InlineData("ObjectCreated:Put", false)]
    [InlineData("ObjectRestore:Completed", false)]
    [InlineData("s3:TestEvent", false)]
    public void Every_way_S3_names_a_removal_is_a_removal(string eventName, bool removed)
    {
        var notification = new ObjectNotification(eventName, "bucket", "images/a.jpg", null, null, null);

        Assert.Equal(removed, notification.IsObjectRemoved);
        Assert.False(removed && notification.IsObjectCreated);
    }
}
