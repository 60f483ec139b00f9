namespace ThumbApi.Tests.Infrastructure;

/// <summary>
/// The one way a test waits for something that happens elsewhere: polls until it holds, within a deadline, and fails
/// naming what it waited for, so that a lost event or a dead server is a red test, never a hang.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until it returns a value; <paramref name="what"/> names it in the failure.</summary>
    public static async Task<T> WaitForAsync<T>(string what, TimeSpan timeout, Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
            await Task.Delay(Interval);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true.</summary>
    public static Task UntilAsync(string what, TimeSpan timeout, Func<bool> condition) =>
        WaitForAsync(what, timeout, () => Task.FromResult(condition() ? "" : null));

    /// <summary>Polls <paramref name="condition"/> until it is true.</summary>
    public static Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition) =>
        WaitForAsync(what, timeout, async () => await condition() ? "" : null);

    /// <summary>Waits for <paramref name="task"/> to finish, at most <paramref name="timeout"/>, and passes on its outcome.</summary>
    public static async Task WithinAsync(this Task task, string what, TimeSpan timeout)
    {
        if (await Task.WhenAny(task, Task.Delay(timeout)) != task) throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}.");
        await task;
    }

    /// <summary>Waits for <paramref name="task"/> to finish, at most <paramref name="timeout"/>, and passes on its outcome.</summary>
    public static async Task<T> WithinAsync<T>(this Task<T> task, string what, TimeSpan timeout)
    {
        await ((Task)task).WithinAsync(what, timeout);
        return await task;
    }
}
