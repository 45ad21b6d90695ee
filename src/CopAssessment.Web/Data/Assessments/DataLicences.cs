namespace CopAssessment.Web.Data.Assessments;

/// <summary>The licences a cycle's open data may be published under: a short fixed list of open licences (decision 0019).</summary>
public enum DataLicence
{
    CcBy40,
    CcBySa40,
    Cc0,
    OdcBy10,
    Odbl10,
}

/// <summary>A licence as readers see it: its short name, its full name and the address of its text.</summary>
public sealed record LicenceInfo(DataLicence Licence, string ShortName, string Title, string Url);

/// <summary>
/// The one list of licences: the cycle form offers these, the results page links them and the open-data files state
/// them. Licence names are proper names, published by their stewards, so they are shown as they are, untranslated.
/// </summary>
public static class DataLicences
{
    public static IReadOnlyList<LicenceInfo> All { get; } =
    [
        new(DataLicence.CcBy40, "CC BY 4.0", "Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
        new(DataLicence.CcBySa40, "CC BY-SA 4.0", "Creative Commons Attribution-ShareAlike 4.0 International", "https://creativecommons.org/licenses/by-sa/4.0/"),
        new(DataLicence.Cc0, "CC0 1.0", "Creative Commons CC0 1.0 Universal Public Domain Dedication", "https://creativecommons.org/publicdomain/zero/1.0/"),
        new(DataLicence.OdcBy10, "ODC-By 1.0", "Open Data Commons Attribution License v1.0", "https://opendatacommons.org/licenses/by/1-0/"),
        new(DataLicence.Odbl10, "ODbL 1.0", "Open Data Commons Open Database License v1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    ];

    public static LicenceInfo Of(DataLicence licence) => All.First(l => l.Licence == licence);
}
