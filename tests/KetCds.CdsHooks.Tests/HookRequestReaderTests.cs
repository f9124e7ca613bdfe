using System.Text;
using KetCds.CdsHooks.Internal.Fhir;
using KetCds.CdsHooks.Internal.Hooks;
using KetCds.CdsHooks.Tests.Infrastructure;
using Hl7.Fhir.Model;

namespace KetCds.CdsHooks.Tests;

/// <summary>The request reader's one pass over the body: Firely reads each prefetch resource in place, and the reader
/// carries on after it whatever Firely made of it, in any field order.</summary>
public sealed class HookRequestReaderTests
{
    private const string Patient = """{"resourceType":"Patient","id":"p","birthDate":"1980-02-03"}""";
    private const string Conditions = """{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p"},"code":{"coding":[{"system":"http://snomed.info/sct","code":"128200000"}]}}}]}""";

    private static readonly HookService PatientView = ServiceCatalog.Services(TerminologyMapLoader.Load(Repository.Terminology).Map!)
        .Single(s => s.Id == ServiceCatalog.PatientViewId);

    [Fact]
    public void Read_PrefetchBeforeTheOtherFields_ReadsEveryFieldAndEveryResource()
    {
        var (request, problems) = Read($$"""{"prefetch":{"conditions":{{Conditions}},"patient":{{Patient}}},"context":{"patientId":"p"},"hookInstance":"h","hook":"patient-view"}""");

        Assert.Empty(problems);
        Assert.Equal(("patient-view", "h", "p"), (request!.Hook, request.HookInstance, request.PatientId));
        Assert.Equal("1980-02-03", Assert.IsType<Patient>(request.Prefetch["patient"]).BirthDate);
        Assert.Equal("c", Assert.IsType<Condition>(Assert.IsType<Bundle>(request.Prefetch["conditions"]).Entry.Single().Resource).Id);
    }

    [Fact]
    public void Read_PrefetchProblemsBeforeFieldProblemsInTheBody_ListsFieldProblemsFirst()
    {
        var (request, problems) = Read("""{"prefetch":{"patient":{"resourceType":"Patient","id":"p","colour":"red"}},"context":{"patientId":"p"},"hook":"patient-view"}""");

        Assert.Null(request);
        Assert.Equal(["hookInstance", "prefetch.patient"], problems.Select(p => p.Field));
        Assert.Contains("colour", problems[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"resourceType":"Patientt","id":"p"}""", "Patientt")]
    [InlineData("""{"resourceType":"Patient","id":"p","birthDate":"not a date"}""", "not a date")]
    [InlineData("""{"resourceType":"Patient","id":"p","name":[{"given":[{"nested":["deeper",{"and":"deeper"}]}]}]}""", "given")]
    [InlineData("""{"id":"p"}""", "resourceType")]
    public void Read_BadResourceBeforeAnother_ReportsItAndStillReadsTheNextKey(string bad, string expected)
    {
        // The next key's resource has a problem of its own, so its report shows the reader went on to it.
        var next = Conditions.Replace("\"id\":\"c\"", "\"id\":\"c\",\"colour\":\"red\"", StringComparison.Ordinal);
        var (request, problems) = Read($$"""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"prefetch":{"patient":{{bad}},"conditions":{{next}}},"extra":[1,{"a":2}]}""");

        Assert.Null(request);
        Assert.All(problems.SkipLast(1), p => Assert.Equal("prefetch.patient", p.Field));
        Assert.Contains(problems.SkipLast(1), p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("prefetch.conditions", problems[^1].Field);
        Assert.Contains("colour", problems[^1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"prefetch":{"notAsked":{"resourceType":"Patient",}}}""")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"prefetch":{"patient":{"resourceType":"Patient","id":"p"]}}""")]
    [InlineData("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"prefetch":{}} trailing""")]
    [InlineData("""[1, 2""")]
    [InlineData("")]
    public void Read_MalformedJsonAnywhere_ReportsTheBodyAsNotJson(string body)
    {
        var (request, problems) = Read(body);

        Assert.Null(request);
        var problem = Assert.Single(problems);
        Assert.Equal("$", problem.Field);
        Assert.StartsWith("is not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[1, 2]""")]
    [InlineData("""42""")]
    public void Read_NotAnObject_SaysSo(string body)
    {
        var (request, problems) = Read(body);

        Assert.Null(request);
        Assert.Equal(("$", "must be a JSON object"), (problems.Single().Field, problems.Single().Message));
    }

    [Fact]
    public void Read_PrefetchKeyNotAnObject_ReportsThatKeyOnly()
    {
        var (_, problems) = Read($$$"""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"prefetch":{"patient":[{{{Patient}}}],"conditions":{{{Conditions}}},"observations":null}}""");

        Assert.Equal(("prefetch.patient", "must be a FHIR resource (a JSON object) or null"), (problems.Single().Field, problems.Single().Message));
    }

    [Fact]
    public void Read_HookInstanceEscapingALoneSurrogate_IsAProblemOfThatField()
    {
        var (request, problems) = HookRequestReader.Read(
            Encoding.UTF8.GetBytes("""{"hook":"patient-view","hookInstance":"a\ud800b","context":{"patientId":"p"}}"""), PatientView, new FhirParser(), out var hookInstance);

        Assert.Null(request);
        Assert.Null(hookInstance);
        Assert.Equal("hookInstance", problems.Single().Field);
    }

    [Fact]
    public void Read_LoneSurrogateInAPropertyNameAndAPrefetchResource_AreProblemsNotFailures()
    {
        var (request, problems) = Read("""{"hook":"patient-view","hookInstance":"h","context":{"patientId":"p"},"\ud800":1,"prefetch":{"patient":{"resourceType":"Patient","id":"p","gender":"fe\udc00male"}}}""");

        Assert.Null(request);
        Assert.Equal("prefetch.patient", problems.Single().Field);
    }

    private static (HookRequest? Request, IReadOnlyList<RequestProblem> Problems) Read(string body) =>
        HookRequestReader.Read(Encoding.UTF8.GetBytes(body), PatientView, new FhirParser());
}
