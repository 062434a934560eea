using System.IO.Hashing;

namespace EdgeFactory.Robotics.Link;

/// <summary>The link's CRC-32: IEEE 802.3, reflected 0xEDB88320, init and final XOR 0xFFFFFFFF (zlib's <c>crc32</c>).</summary>
public static class LinkCrc
{
    /// <summary>CRC-32 of <paramref name="data"/>; <c>123456789</c> gives 0xCBF43926.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(data);
}
