using System.Text.Encodings.Web;
using System.Text.Json;

namespace CopAssessment.Web.Reporting.Maps;

/// <summary>
/// The Member States' shapes, projected once at build time (scripts/world-map.sh: Natural Earth 1:50m from the npm
/// package world-atlas, public domain; Equal Earth projection) into SVG paths in samples/world-map.json.
/// </summary>
public sealed class WorldMapShapes
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string Sphere { get; init; }
    public required string OtherLand { get; init; }
    public required IReadOnlyDictionary<string, CountryShape> Countries { get; init; }

    private static readonly Lazy<WorldMapShapes> Default = new(() => Load(Path.Combine(AppContext.BaseDirectory, "samples", "world-map.json")));

    /// <summary>The shapes shipped with the application (read once).</summary>
    public static WorldMapShapes Shipped => Default.Value;

    public static WorldMapShapes Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<MapFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{path} holds no map");
        return new WorldMapShapes
        {
            Width = file.Width, Height = file.Height, Sphere = file.Sphere, OtherLand = file.OtherLand,
            Countries = file.Countries.ToDictionary(c => c.Key, c => new CountryShape(c.Value.D, c.Value.Centre[0], c.Value.Centre[1], c.Value.Small), StringComparer.Ordinal),
        };
    }

    private sealed record MapFile(int Width, int Height, string Sphere, string OtherLand, Dictionary<string, ShapeFile> Countries);
    private sealed record ShapeFile(string D, double[] Centre, bool Small);
}

/// <param name="Path">SVG path data (empty for a state too small for the data).</param>
/// <param name="Small">Too small to see or point at on the map: drawn with a marker at (X, Y).</param>
public sealed record CountryShape(string Path, double X, double Y, bool Small);

/// <summary>
/// One coloured area of the map: a country (named results) or the countries of a region (anonymised), with the
/// words a reader gets for it on hover, on focus and from a screen reader ("Kenya: 62.3, Advanced").
/// </summary>
/// <param name="Fill">RRGGBB, or null for "no figure".</param>
/// <param name="Href">Where the area leads (a country's page), or null.</param>
public sealed record MapArea(IReadOnlyList<string> Countries, string? Fill, string Label, string? Href = null);

/// <summary>
/// Draws the world map as inline SVG on the server, so it needs no JavaScript, prints in PDFs and reads the same
/// in every language: each area is one focusable group with its label as title and accessible name.
/// </summary>
public static class WorldMap
{
    public const string NoDataFill = "E3E6EA";
    private const string OtherLandFill = "F1F2F4";
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <param name="title">The map's accessible name (its heading says the same).</param>
    /// <param name="areas">Member States in no area are drawn as having no figure, unlabelled.</param>
    public static string Svg(WorldMapShapes shapes, IReadOnlyList<MapArea> areas, string title)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="world-map" viewBox="0 0 {shapes.Width} {shapes.Height}" role="group" aria-label="{Encode(title)}">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<path d="{shapes.Sphere}" fill="#F7FAFC" stroke="#C9D2DC" stroke-width="0.6"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<path d="{shapes.OtherLand}" fill="#{OtherLandFill}" stroke="#FFFFFF" stroke-width="0.3" aria-hidden="true"/>""");

        var placed = areas.SelectMany(a => a.Countries).ToHashSet(StringComparer.Ordinal);
        var rest = shapes.Countries.Keys.Where(c => !placed.Contains(c)).Order(StringComparer.Ordinal).ToList();
        if (rest.Count > 0)
        {
            svg.Append("""<g aria-hidden="true">""");
            foreach (var iso3 in rest) Shape(svg, shapes.Countries[iso3], NoDataFill);
            svg.Append("</g>");
        }
        foreach (var area in areas)
        {
            var fill = area.Fill ?? NoDataFill;
            var label = Encode(area.Label);
            // A link is focusable by itself; an area without one is made focusable, so a keyboard reaches every figure.
            svg.Append(area.Href is null
                ? $"""<g class="map-area" tabindex="0" role="img" aria-label="{label}">"""
                : $"""<a class="map-area" href="{Encode(area.Href)}" aria-label="{label}">""");
            svg.Append("<title>").Append(label).Append("</title>");
            foreach (var iso3 in area.Countries)
            {
                if (shapes.Countries.TryGetValue(iso3, out var shape)) Shape(svg, shape, fill);
            }
            svg.Append(area.Href is null ? "</g>" : "</a>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Shape(StringBuilder svg, CountryShape shape, string fill)
    {
        if (shape.Path.Length > 0)
            svg.Append(CultureInfo.InvariantCulture, $"""<path d="{shape.Path}" fill="#{fill}" stroke="#FFFFFF" stroke-width="0.3"/>""");
        if (shape.Small)
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{shape.X}" cy="{shape.Y}" r="3" fill="#{fill}" stroke="#5B6775" stroke-width="0.6"/>""");
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
