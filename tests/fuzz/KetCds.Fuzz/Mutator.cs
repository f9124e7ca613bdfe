namespace KetCds.Fuzz;

/// <summary>afl-style havoc mutations for the in-process mode: bit flips, interesting bytes, deletions, duplications, splices.</summary>
internal static class Mutator
{
    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'&', (byte)'*', (byte)'[', (byte)'{', (byte)':', (byte)'\n', (byte)'-'];

    public static byte[] Mutate(byte[] seed, byte[] other, Random random)
    {
        var data = new List<byte>(seed);
        var rounds = 1 << random.Next(1, 6);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2 when data.Count > 1:
                    data.RemoveRange(at, Math.Min(random.Next(1, 64), data.Count - at));
                    break;
                case 3 when data.Count > 0:
                    var length = Math.Min(random.Next(1, 256), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 4 when other.Length > 0:
                    var from = random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(random.Next(1, 256), other.Length - from)).ToArray());
                    break;
                default:
                    data.Insert(at, (byte)random.Next(256));
                    break;
            }
        }

        return [.. data];
    }
}
