using System.Xml;

namespace CopAssessment.Web.Features.BestPractices;

public sealed record FeedEntry(int Id, string Title, string Summary, string Organisation, string Language, DateTimeOffset Published, DateTimeOffset Updated);

/// <summary>Atom 1.0 (RFC 4287) feed of newly published practices; XmlWriter does the escaping.</summary>
public static class LibraryFeed
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    public static byte[] Write(IReadOnlyList<FeedEntry> entries, string baseUrl, string title, string subtitle)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = false }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteElementString("id", Atom, baseUrl + Links.Library);
            xml.WriteElementString("title", Atom, title);
            xml.WriteElementString("subtitle", Atom, subtitle);
            xml.WriteElementString("updated", Atom, Stamp(entries.Count == 0 ? DateTimeOffset.UnixEpoch : entries.Max(e => e.Updated)));
            Link(xml, "self", baseUrl + Links.LibraryFeed, "application/atom+xml");
            Link(xml, "alternate", baseUrl + Links.Library, "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, "ITU Child Online Protection Secretariat");
            xml.WriteEndElement();
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteAttributeString("xml", "lang", null, entry.Language);
                xml.WriteElementString("id", Atom, baseUrl + Links.Practice(entry.Id));
                xml.WriteElementString("title", Atom, Clean(entry.Title));
                xml.WriteElementString("published", Atom, Stamp(entry.Published));
                xml.WriteElementString("updated", Atom, Stamp(entry.Updated));
                Link(xml, "alternate", baseUrl + Links.Practice(entry.Id), "text/html");
                xml.WriteStartElement("author", Atom);
                xml.WriteElementString("name", Atom, Clean(entry.Organisation));
                xml.WriteEndElement();
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Clean(entry.Summary));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 forbids most control characters; drop them rather than emit a broken feed.</summary>
    private static string Clean(string text) => new(text.Where(c => c is '\t' or '\n' or '\r' || (!char.IsControl(c) && !char.IsSurrogate(c)) || char.IsSurrogate(c)).ToArray());
}
