using System.Text.RegularExpressions;

namespace KetCds.CdsHooks.Internal.Terminology;

/// <summary>The code systems KetCds reads, and the shape a code of each must have.</summary>
internal static partial class CodeSystems
{
    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";

    /// <summary>KetCds-local facts no standard code covers (care goal, response to earlier ketamine).</summary>
    public const string LocalFacts = "urn:ketcds:patient-facts";

    /// <summary>KetCds-local care goals, the values of the local care-goal observation.</summary>
    public const string LocalCareGoal = "urn:ketcds:care-goal";

    /// <summary>Null when <paramref name="code"/> is well formed for <paramref name="system"/> (or the system is not checked); else why not.</summary>
    public static string? FormatProblem(string system, string code) => system switch
    {
        Snomed => SnomedId().IsMatch(code) && VerhoeffValid(code) ? null : "is not a SNOMED CT identifier (6 to 18 digits with a valid Verhoeff check digit)",
        Loinc => LoincCode().IsMatch(code) && LoincCheckDigitValid(code) ? null : "is not a LOINC code (digits, '-', and a valid mod-10 check digit)",
        RxNorm => RxNormCui().IsMatch(code) ? null : "is not an RxNorm concept id (1 to 8 digits)",
        Icd10Cm => Icd10CmCode().IsMatch(code) ? null : "is not an ICD-10-CM code (letter, two characters, optional '.' and up to 4 more)",
        Cpt => CptCode().IsMatch(code) ? null : "is not a CPT code (4 digits and a digit, F, T or U)",
        _ => null,
    };

    private static readonly int[,] VerhoeffD =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] VerhoeffP =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    // SNOMED CT identifiers end in a Verhoeff check digit, so a mistyped code is caught without a terminology server.
    private static bool VerhoeffValid(string digits)
    {
        var c = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            c = VerhoeffD[c, VerhoeffP[i % 8, digits[digits.Length - 1 - i] - '0']];
        }

        return c == 0;
    }

    private static bool LoincCheckDigitValid(string code)
    {
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        var body = code[..dash];
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                digit = digit / 10 + digit % 10;
            }

            sum += digit;
        }

        return (10 - sum % 10) % 10 == code[dash + 1] - '0';
    }

    [GeneratedRegex("^[1-9][0-9]{5,17}$")]
    private static partial Regex SnomedId();

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex LoincCode();

    [GeneratedRegex("^[0-9]{1,8}$")]
    private static partial Regex RxNormCui();

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10CmCode();

    [GeneratedRegex("^[0-9]{4}[0-9FTU]$")]
    private static partial Regex CptCode();
}
