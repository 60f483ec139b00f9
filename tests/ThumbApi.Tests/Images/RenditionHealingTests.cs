using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ThumbApi.Images;

namespace ThumbApi.Tests.Images;

/// <summary>A client polling a healing image asks for its refresh once per window, not once per poll.</summary>
public class RenditionHealingTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly CountingRefresh _refresh = new();
    private readonly RenditionHealing _healing;

    public RenditionHealingTests() => _healing = new RenditionHealing(_refresh, _clock, NullLogger<RenditionHealing>.Instance);

    [Fact]
    public async Task Polls_within_the_window_ask_once()
    {
        for (var poll = 0; poll < 10; poll++)
        {
            await _healing.RequestAsync(ImageName.Parse("a.jpg"), CancellationToken.None);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["a.jpg"], _refresh.Asked);
    }

    [Fact]
    public async Task After_the_window_the_image_is_asked_for_again()
    {
        await _healing.RequestAsync(ImageName.Parse("a.jpg"), CancellationToken.None);
        _clock.Advance(RenditionHealing.Window);
        await _healing.RequestAsync(ImageName.Parse("a.jpg"), CancellationToken.None);

        Assert.Equal(["a.jpg", "a.jpg"], _refresh.Asked);
    }

    [Fact]
    public async Task Each_image_is_asked_for_on_its_own()
    {
        await _healing.RequestAsync(ImageName.Parse("a.jpg"), CancellationToken.None);
        await _healing.RequestAsync(ImageName.Parse("b.jpg"), CancellationToken.None);

        Assert.Equal(["a.jpg", "b.jpg"], _refresh.Asked);
    }

    [Fact]
    public async Task A_request_that_could_not_be_placed_is_asked_again_by_the_next_poll()
    {
        _refresh.FailNext = true;
        await _healing.RequestAsync(ImageName.Parse("a.jpg"), CancellationToken.None);
        await _healing.RequestAsync(ImageName.Parse("a.jpg"), CancellationToken.None);

        Assert.Equal(["a.jpg", "a.jpg"], _refresh.Asked);
    }

    [Fact]
    public async Task The_memory_of_requests_is_bounded_and_still_lets_every_image_through()
    {
        for (var i = 0; i < RenditionHealing.MaxRemembered + 5; i++)
            await _healing.RequestAsync(ImageName.Parse($"{i}.jpg"), CancellationToken.None);

        Assert.Equal(RenditionHealing.MaxRemembered + 5, _refresh.Asked.Count);
        // Past the bound, requests go out unremembered: a repeat within the window is asked again, never lost.
        await _healing.RequestAsync(ImageName.Parse($"{RenditionHealing.MaxRemembered + 4}.jpg"), CancellationToken.None);
        Assert.Equal(RenditionHealing.MaxRemembered + 6, _refresh.Asked.Count);
    }

    private sealed class CountingRefresh : IRenditionRefresh
    {
        public List<string> Asked { get; } = [];
        public bool FailNext { get; set; }

        public Task RequestAsync(ImageName name, CancellationToken cancellationToken)
        {
            Asked.Add(name.Value);
            if (!FailNext) return Task.CompletedTask;
            FailNext = false;
            throw new HttpRequestException("Lambda is unreachable.");
        }
    }
}
