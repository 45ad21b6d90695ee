using System.Buffers.Binary;
using System.IO.Compression;

namespace CopAssessment.Web.Infrastructure.Uploads;

/// <summary>
/// Refuses a zip (OOXML, OpenDocument) that would unpack to far more than it weighs, or whose entries lie
/// about their size. Every entry is inflated to the real end of its data, with a cap: .NET's
/// <see cref="ZipArchive"/> stops reading at the size an entry declares, but LibreOffice and Office read on,
/// so a document declaring 1 KB for a 1 GB part would pass a check that trusted the declared sizes.
/// The central directory is read here for the same reason (ZipArchive does not expose where an entry's
/// data starts). Office files never need Zip64 or encryption at the upload limit, so both are refused.
/// </summary>
public static class ZipLimits
{
    /// <summary>What all entries together may unpack to.</summary>
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>Largest unpacked/packed ratio of an entry over 1 MB (Apache POI's default; real parts stay far below).</summary>
    public const int MaxRatio = 100;

    private const int MaxEntries = 10_000;

    public static bool Check(byte[] zip)
    {
        try
        {
            return CheckEntries(zip);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or ArgumentException or IOException)
        {
            return false;
        }
    }

    private static bool CheckEntries(byte[] zip)
    {
        ReadOnlySpan<byte> all = zip;
        var end = FindEndOfCentralDirectory(all);
        if (end < 0) return false;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(all[(end + 10)..]);
        var directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(all[(end + 16)..]);
        if (count == 0xFFFF || directoryOffset == 0xFFFFFFFF || count > MaxEntries) return false;

        long unpacked = 0;
        var position = (int)directoryOffset;
        for (var i = 0; i < count; i++)
        {
            var header = all[position..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != 0x02014B50) return false;
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            var packedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            var declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            var localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if ((flags & 1) != 0 || packedSize == 0xFFFFFFFF || declaredSize == 0xFFFFFFFF || localOffset == 0xFFFFFFFF) return false;

            var local = all[(int)localOffset..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(local) != 0x04034B50) return false;
            var dataStart = (int)localOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(local[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
            if (dataStart + (long)packedSize > zip.Length) return false;

            long real = method switch
            {
                0 => packedSize,
                8 => Inflated(zip, dataStart, (int)packedSize, MaxUnpackedBytes - unpacked),
                _ => -1,
            };
            if (real < 0 || real != declaredSize) return false;
            if (real > 1024 * 1024 && real / Math.Max(packedSize, 1) > MaxRatio) return false;
            unpacked += real;
            position += 46 + nameLength + extraLength + commentLength;
        }
        return true;
    }

    /// <summary>The real unpacked length of a deflated entry, or -1 once it passes <paramref name="cap"/>.</summary>
    private static long Inflated(byte[] zip, int start, int length, long cap)
    {
        using var inflater = new DeflateStream(new MemoryStream(zip, start, length, writable: false), CompressionMode.Decompress);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = inflater.Read(buffer)) > 0)
        {
            total += read;
            if (total > cap) return -1;
        }
        return total;
    }

    private static int FindEndOfCentralDirectory(ReadOnlySpan<byte> zip)
    {
        for (var i = zip.Length - 22; i >= Math.Max(0, zip.Length - 22 - 65535); i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[i..]) == 0x06054B50) return i;
        return -1;
    }
}
