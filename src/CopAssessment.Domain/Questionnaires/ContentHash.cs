using System.Security.Cryptography;

namespace CopAssessment.Domain.Questionnaires;

/// <summary>The identity of an imported definition file: SHA-256 of its exact bytes, lower-case hex.</summary>
public static class ContentHash
{
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Sha256Hex(string content) => Sha256Hex(System.Text.Encoding.UTF8.GetBytes(content));
}
