namespace ThumbApi.Thumbnails.Placeholders;

/// <summary>
/// ThumbHash (Evan Wallace, https://evanw.github.io/thumbhash/): an image in about 25 bytes, as a few cosine terms of
/// its lightness, two colour-difference channels and alpha, plus its aspect ratio; a client with any ThumbHash decoder
/// renders the same blurred preview. Written from the format's description: the bit layout below is the format.
/// </summary>
public static class ThumbHash
{
    /// <summary>The largest side the encoder takes; more detail would not survive in the few terms it keeps.</summary>
    public const int MaxSide = 100;

    /// <param name="rgba">Non-premultiplied 8-bit RGBA, row by row.</param>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgba)
    {
        if (width is < 1 or > MaxSide || height is < 1 or > MaxSide)
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} does not fit in {MaxSide}×{MaxSide}.");
        if (rgba.Length != width * height * 4) throw new ArgumentException("The pixels do not match the size.", nameof(rgba));

        // The average colour, weighted by alpha: transparent pixels take it, so they blur into the image, not into black.
        double averageR = 0, averageG = 0, averageB = 0, averageA = 0;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var alpha = rgba[i + 3] / 255.0;
            averageR += alpha / 255 * rgba[i];
            averageG += alpha / 255 * rgba[i + 1];
            averageB += alpha / 255 * rgba[i + 2];
            averageA += alpha;
        }
        if (averageA > 0)
        {
            averageR /= averageA;
            averageG /= averageA;
            averageB /= averageA;
        }

        var pixels = width * height;
        var hasAlpha = averageA < pixels;
        var lLimit = hasAlpha ? 5 : 7;
        var longest = Math.Max(width, height);
        var lx = Math.Max(1, (int)Math.Round((double)lLimit * width / longest, MidpointRounding.AwayFromZero));
        var ly = Math.Max(1, (int)Math.Round((double)lLimit * height / longest, MidpointRounding.AwayFromZero));
        var l = new double[pixels];
        var p = new double[pixels];
        var q = new double[pixels];
        var a = new double[pixels];
        for (int i = 0, j = 0; i < pixels; i++, j += 4)
        {
            var alpha = rgba[j + 3] / 255.0;
            var r = averageR * (1 - alpha) + alpha / 255 * rgba[j];
            var g = averageG * (1 - alpha) + alpha / 255 * rgba[j + 1];
            var b = averageB * (1 - alpha) + alpha / 255 * rgba[j + 2];
            l[i] = (r + g + b) / 3;
            p[i] = (r + g) / 2 - b;
            q[i] = r - g;
            a[i] = alpha;
        }

        var lChannel = Channel.Encode(l, width, height, Math.Max(3, lx), Math.Max(3, ly));
        var pChannel = Channel.Encode(p, width, height, 3, 3);
        var qChannel = Channel.Encode(q, width, height, 3, 3);
        var aChannel = hasAlpha ? Channel.Encode(a, width, height, 5, 5) : null;

        var isLandscape = width > height;
        var header24 = Round(63 * lChannel.Dc) | (Round(31.5 + 31.5 * pChannel.Dc) << 6) | (Round(31.5 + 31.5 * qChannel.Dc) << 12)
                       | (Round(31 * lChannel.Scale) << 18) | ((hasAlpha ? 1 : 0) << 23);
        var header16 = (isLandscape ? ly : lx) | (Round(63 * pChannel.Scale) << 3) | (Round(63 * qChannel.Scale) << 9) | ((isLandscape ? 1 : 0) << 15);
        var terms = new List<double>(lChannel.Ac);
        terms.AddRange(pChannel.Ac);
        terms.AddRange(qChannel.Ac);
        if (aChannel is not null) terms.AddRange(aChannel.Ac);

        var acStart = hasAlpha ? 6 : 5;
        var hash = new byte[acStart + (terms.Count + 1) / 2];
        hash[0] = (byte)header24;
        hash[1] = (byte)(header24 >> 8);
        hash[2] = (byte)(header24 >> 16);
        hash[3] = (byte)header16;
        hash[4] = (byte)(header16 >> 8);
        if (aChannel is not null) hash[5] = (byte)(Round(15 * aChannel.Dc) | (Round(15 * aChannel.Scale) << 4));
        // Two 4-bit terms per byte, the first in the low nibble.
        for (var i = 0; i < terms.Count; i++) hash[acStart + (i >> 1)] |= (byte)(Round(15 * terms[i]) << ((i & 1) << 2));
        return hash;
    }

    /// <summary>The preview a hash describes, 32 pixels on its longest side at the ratio it records, as 8-bit RGBA.</summary>
    /// <exception cref="ArgumentException">The bytes are too short to be a ThumbHash.</exception>
    public static (int Width, int Height, byte[] Rgba) Decode(ReadOnlySpan<byte> hash)
    {
        if (hash.Length < 5) throw new ArgumentException("A ThumbHash has at least 5 bytes.", nameof(hash));
        var (lx, ly) = AspectTerms(hash);
        var ratio = (double)lx / ly;
        var width = (int)Math.Round(ratio > 1 ? 32 : 32 * ratio, MidpointRounding.AwayFromZero);
        var height = (int)Math.Round(ratio > 1 ? 32 / ratio : 32, MidpointRounding.AwayFromZero);
        return (width, height, Decode(hash, width, height));
    }

    /// <summary>The preview a hash describes, at the size asked, as 8-bit RGBA.</summary>
    /// <exception cref="ArgumentException">The bytes are too short to be a ThumbHash.</exception>
    public static byte[] Decode(ReadOnlySpan<byte> hash, int width, int height)
    {
        if (hash.Length < 5) throw new ArgumentException("A ThumbHash has at least 5 bytes.", nameof(hash));
        var header24 = hash[0] | (hash[1] << 8) | (hash[2] << 16);
        var header16 = hash[3] | (hash[4] << 8);
        var lDc = (header24 & 63) / 63.0;
        var pDc = ((header24 >> 6) & 63) / 31.5 - 1;
        var qDc = ((header24 >> 12) & 63) / 31.5 - 1;
        var lScale = ((header24 >> 18) & 31) / 31.0;
        var hasAlpha = (header24 >> 23) != 0;
        var pScale = ((header16 >> 3) & 63) / 63.0;
        var qScale = ((header16 >> 9) & 63) / 63.0;
        var isLandscape = (header16 >> 15) != 0;
        var lx = Math.Max(3, isLandscape ? hasAlpha ? 5 : 7 : header16 & 7);
        var ly = Math.Max(3, isLandscape ? header16 & 7 : hasAlpha ? 5 : 7);
        if (hasAlpha && hash.Length < 6) throw new ArgumentException("The ThumbHash says it has alpha but has no alpha byte.", nameof(hash));
        var aDc = hasAlpha ? (hash[5] & 15) / 15.0 : 1;
        var aScale = hasAlpha ? (hash[5] >> 4) / 15.0 : 0;

        var reader = new TermReader(hash[(hasAlpha ? 6 : 5)..].ToArray());
        var lAc = reader.Read(lx, ly, lScale);
        var pAc = reader.Read(3, 3, pScale * 1.25);
        var qAc = reader.Read(3, 3, qScale * 1.25);
        var aAc = hasAlpha ? reader.Read(5, 5, aScale) : [];

        var rgba = new byte[width * height * 4];
        var fx = new double[Math.Max(lx, hasAlpha ? 5 : 3)];
        var fy = new double[Math.Max(ly, hasAlpha ? 5 : 3)];
        for (int y = 0, i = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++, i += 4)
            {
                for (var cx = 0; cx < fx.Length; cx++) fx[cx] = Math.Cos(Math.PI / width * (x + 0.5) * cx);
                for (var cy = 0; cy < fy.Length; cy++) fy[cy] = Math.Cos(Math.PI / height * (y + 0.5) * cy);
                double l = lDc, p = pDc, q = qDc, a = aDc;
                for (int cy = 0, j = 0; cy < ly; cy++)
                    for (int cx = cy > 0 ? 0 : 1; cx * ly < lx * (ly - cy); cx++, j++)
                        l += lAc[j] * fx[cx] * fy[cy] * 2;
                for (int cy = 0, j = 0; cy < 3; cy++)
                {
                    for (int cx = cy > 0 ? 0 : 1; cx < 3 - cy; cx++, j++)
                    {
                        var f = fx[cx] * fy[cy] * 2;
                        p += pAc[j] * f;
                        q += qAc[j] * f;
                    }
                }
                if (hasAlpha)
                {
                    for (int cy = 0, j = 0; cy < 5; cy++)
                        for (int cx = cy > 0 ? 0 : 1; cx < 5 - cy; cx++, j++)
                            a += aAc[j] * fx[cx] * fy[cy] * 2;
                }
                var b = l - 2.0 / 3 * p;
                var r = (3 * l - b + q) / 2;
                var g = r - q;
                rgba[i] = ToByte(r);
                rgba[i + 1] = ToByte(g);
                rgba[i + 2] = ToByte(b);
                rgba[i + 3] = ToByte(a);
            }
        }
        return rgba;
    }

    /// <summary>The average colour a hash records (its first terms), 0–1 per channel.</summary>
    public static (double R, double G, double B, double A) AverageColor(ReadOnlySpan<byte> hash)
    {
        var header = hash[0] | (hash[1] << 8) | (hash[2] << 16);
        var l = (header & 63) / 63.0;
        var p = ((header >> 6) & 63) / 31.5 - 1;
        var q = ((header >> 12) & 63) / 31.5 - 1;
        var hasAlpha = (header >> 23) != 0;
        var b = l - 2.0 / 3 * p;
        var r = (3 * l - b + q) / 2;
        var g = r - q;
        return (Math.Clamp(r, 0, 1), Math.Clamp(g, 0, 1), Math.Clamp(b, 0, 1), hasAlpha ? (hash[5] & 15) / 15.0 : 1);
    }

    /// <summary>The aspect ratio a hash records, as the number of lightness terms across and down.</summary>
    public static (int Lx, int Ly) AspectTerms(ReadOnlySpan<byte> hash)
    {
        var hasAlpha = (hash[2] & 0x80) != 0;
        var isLandscape = (hash[4] & 0x80) != 0;
        return (isLandscape ? hasAlpha ? 5 : 7 : hash[3] & 7, isLandscape ? hash[3] & 7 : hasAlpha ? 5 : 7);
    }

    private static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static byte ToByte(double value) => (byte)Math.Round(255 * Math.Clamp(value, 0, 1), MidpointRounding.AwayFromZero);

    /// <summary>One channel's cosine terms: the constant, the others scaled into 0–1, and their scale.</summary>
    private sealed record Channel(double Dc, List<double> Ac, double Scale)
    {
        public static Channel Encode(double[] values, int width, int height, int nx, int ny)
        {
            double dc = 0, scale = 0;
            var ac = new List<double>();
            var fx = new double[width];
            for (var cy = 0; cy < ny; cy++)
            {
                for (var cx = 0; cx * ny < nx * (ny - cy); cx++)
                {
                    double f = 0;
                    for (var x = 0; x < width; x++) fx[x] = Math.Cos(Math.PI / width * cx * (x + 0.5));
                    for (var y = 0; y < height; y++)
                    {
                        var fy = Math.Cos(Math.PI / height * cy * (y + 0.5));
                        for (var x = 0; x < width; x++) f += values[x + y * width] * fx[x] * fy;
                    }
                    f /= width * height;
                    if (cx > 0 || cy > 0)
                    {
                        ac.Add(f);
                        scale = Math.Max(scale, Math.Abs(f));
                    }
                    else
                    {
                        dc = f;
                    }
                }
            }
            if (scale > 0)
            {
                for (var i = 0; i < ac.Count; i++) ac[i] = 0.5 + 0.5 / scale * ac[i];
            }
            return new Channel(dc, ac, scale);
        }
    }

    /// <summary>Reads 4-bit terms in the order the encoder wrote them; past the end of the hash, a term is 0.</summary>
    private sealed class TermReader(byte[] terms)
    {
        private int _index;

        public List<double> Read(int nx, int ny, double scale)
        {
            var values = new List<double>();
            for (var cy = 0; cy < ny; cy++)
            {
                for (var cx = cy > 0 ? 0 : 1; cx * ny < nx * (ny - cy); cx++, _index++)
                {
                    var at = _index >> 1;
                    var nibble = at < terms.Length ? (terms[at] >> ((_index & 1) << 2)) & 15 : 7.5;
                    values.Add((nibble / 7.5 - 1) * scale);
                }
            }
            return values;
        }
    }
}
