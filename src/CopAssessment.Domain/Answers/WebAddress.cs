namespace CopAssessment.Domain.Answers;

/// <summary>The one rule for links people type (URL answers, evidence links, best-practice links).</summary>
public static class WebAddress
{
    /// <summary>The longest address accepted anywhere (the evidence table's column has this length).</summary>
    public const int MaxLength = 2000;

    /// <summary>An absolute http or https address with a host, no longer than <paramref name="maxLength"/>.</summary>
    public static bool IsValid(string? text, int maxLength = MaxLength) =>
        text is not null && text.Length <= maxLength
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
