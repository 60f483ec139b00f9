using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Storage;

/// <summary>
/// Thousands of mutated forms at the embedded store's upload URL, from a fixed seed: none is a 5xx, none hangs,
/// none leaves a staging file, and the service still serves a good upload afterwards.
/// </summary>
public sealed class UploadFuzzTests
{
    private const string Boundary = "fuzz-boundary-7f3a";
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("THUMBAPI_FUZZ_CASES"), out var n) ? n : 2000;

    [Fact]
    public async Task Mutated_multipart_bodies_never_get_a_5xx_nor_leave_a_staging_file()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();
        var upload = await client.RequestUploadAsync();
        var url = upload["upload"]!["url"]!.GetValue<string>();
        var valid = ValidBody(UploadClient.Fields(upload), NetVips.Image.Black(8, 8, bands: 3).WriteToBuffer(".jpg"));
        var random = new Random(20261203);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < Cases; i++)
        {
            var body = Mutate(valid, random);
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", random.Next(10) == 0
                ? "multipart/form-data; boundary=" + RandomAscii(random, random.Next(0, 80))
                : $"multipart/form-data; boundary={Boundary}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync(url, content, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Case {i} did not answer within 10 s: {Preview(body)}");
            }
            Assert.True((int)response.StatusCode < 500, $"Case {i} answered {(int)response.StatusCode}: {Preview(body)}");
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }

        var staging = Path.Combine(app.LocalRoot, ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging).Length == 0, "a staging file was left behind");
        // The mutations must exercise the refusals, not only resend the good form.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > Cases / 4, string.Join(", ", statuses));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendFormAsync(await client.RequestUploadAsync(), NetVips.Image.Black(8, 8, bands: 3).WriteToBuffer(".jpg"))).StatusCode);
    }

    private static byte[] ValidBody(Dictionary<string, string> fields, byte[] file)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
            text.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        text.Append($"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(text.ToString()), .. file, .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n")];
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var body = valid.ToList();
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var at = random.Next(body.Count + 1);
            switch (random.Next(7))
            {
                case 0 when body.Count > 0: body[Math.Min(at, body.Count - 1)] ^= (byte)(1 << random.Next(8)); break;
                case 1: body.RemoveRange(at, Math.Min(random.Next(1, 64), body.Count - at)); break;
                case 2: body.InsertRange(at, Encoding.ASCII.GetBytes(RandomAscii(random, random.Next(1, 64)))); break;
                case 3: body.RemoveRange(at, body.Count - at); break;
                case 4: body.InsertRange(at, Encoding.ASCII.GetBytes($"\r\n--{Boundary}\r\n")); break;
                case 5: body.InsertRange(at, Encoding.ASCII.GetBytes("\r\nContent-Disposition: form-data; name=\"" + RandomAscii(random, random.Next(0, 20)) + "\"\r\n\r\n")); break;
                default: body.InsertRange(at, Enumerable.Repeat((byte)random.Next(256), random.Next(1, 20_000))); break;
            }
        }
        return [.. body];
    }

    private static string RandomAscii(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(32, 127)).ToArray());

    private static string Preview(byte[] body) => Encoding.Latin1.GetString(body[..Math.Min(body.Length, 300)]).ReplaceLineEndings("⏎");
}
