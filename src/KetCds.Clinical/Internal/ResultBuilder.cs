using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Google.Protobuf.Collections;
using KetCds.Contracts.V1;
using KetCds.Engine;
using KetCds.Rules;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Builds the typed clinical result from an engine result. Outcome codes follow the rule files' convention:
/// recommendations carry a route and protocol; findings prefixed <c>relief.</c> are relief estimates of a
/// recommended route, <c>eligibility.</c> are eligibility reasons and <c>maintenance.</c> maintenance guidance.
/// Nothing an evaluation produced is dropped: an estimate whose route was not recommended becomes a finding. A struct, so
/// that building allocates nothing but the result.
/// </summary>
internal readonly struct ResultBuilder
{
    public const string ReliefPrefix = "relief.";
    public const string EligibilityPrefix = "eligibility.";
    public const string MaintenancePrefix = "maintenance.";

    /// <summary>The values of the derived eligibility fact and what each means; undecided reads as needs-review.</summary>
    public static readonly FrozenDictionary<string, EligibilityStatus> EligibilityValues = new Dictionary<string, EligibilityStatus>(StringComparer.Ordinal)
    {
        ["eligible"] = EligibilityStatus.Eligible,
        ["not_eligible"] = EligibilityStatus.NotEligible,
        ["needs_review"] = EligibilityStatus.NeedsReview,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly EngineAnswer _engine;
    private readonly LoadedRuleSet _ruleSet;
    private readonly PatientFacts _patient;
    private readonly JustificationBuilder? _fullJustifications;
    private readonly StandardParts _standard;
    private readonly int _eligibilityFact;
    private readonly int _capReachedFact;
    private readonly EvaluationResult _result = new() { Eligibility = new Eligibility(), Maintenance = new MaintenanceGuidance() };

    private ResultBuilder(EngineAnswer engine, LoadedRuleSet ruleSet, PatientFacts patient, ResultDetail detail, StandardParts standard, int eligibilityFact = -1, int capReachedFact = -1)
    {
        _eligibilityFact = eligibilityFact;
        _capReachedFact = capReachedFact;
        _engine = engine;
        _ruleSet = ruleSet;
        _patient = patient;
        _standard = standard;
        _fullJustifications = detail == ResultDetail.Full ? new JustificationBuilder(standard) : null;
    }

    public static EvaluationResult Build(RuleSetEvaluation engine, LoadedRuleSet ruleSet, PatientFacts patient, ResultDetail detail, StandardParts standard) =>
        Build(new EngineAnswer(engine), ruleSet, patient, detail, standard);

    /// <summary>Builds the result from an engine result or, at STANDARD detail, straight from an evaluation buffer.</summary>
    public static EvaluationResult Build(EngineAnswer engine, LoadedRuleSet ruleSet, PatientFacts patient, ResultDetail detail, StandardParts standard)
    {
        var builder = new ResultBuilder(engine, ruleSet, patient, detail, standard);
        builder.Run();
        return builder._result;
    }

    /// <summary>
    /// Builds a STANDARD result straight from an evaluation buffer, reading outcomes and missing data by index
    /// (<see cref="IndexedParts"/>): the same bytes as <see cref="Build(RuleSetEvaluation, LoadedRuleSet, PatientFacts, ResultDetail, StandardParts)"/>
    /// gives for the engine's result of the same patient.
    /// </summary>
    public static EvaluationResult Build(EvaluationBuffer buffer, IndexedParts indexed, LoadedRuleSet ruleSet, PatientFacts patient, StandardParts standard)
    {
        var builder = new ResultBuilder(new EngineAnswer(buffer), ruleSet, patient, ResultDetail.Standard, standard, indexed.EligibilityFact, indexed.CapReachedFact);
        builder.RunIndexed(buffer, indexed);
        return builder._result;
    }

    /// <summary>The fast path's <see cref="Run"/>: each outcome's shape by index, nothing looked up by name or sorted but routes.</summary>
    private void RunIndexed(EvaluationBuffer buffer, IndexedParts indexed)
    {
        var outcomes = buffer.OutcomeIndexes();
        Span<int> estimates = stackalloc int[outcomes.Length];
        Span<int> findings = stackalloc int[outcomes.Length];
        var estimateCount = 0;
        var findingCount = 0;

        // Each list sized once for what it will hold (a repeated field otherwise starts at eight entries and doubles):
        // the answer is all a call allocates, so it is allocated to size.
        Span<int> roles = stackalloc int[(int)OutcomeRole.Finding + 1];
        foreach (var index in outcomes)
        {
            roles[(int)indexed.Outcomes[index].Role]++;
        }

        Reserve(_result.Routes, roles[(int)OutcomeRole.Recommendation]);
        Reserve(_result.RiskModifiers, roles[(int)OutcomeRole.RiskModifier]);
        Reserve(_result.Alerts, roles[(int)OutcomeRole.Alert]);
        Reserve(_result.Eligibility.Reasons, Math.Max(1, roles[(int)OutcomeRole.Eligibility]));
        Reserve(_result.Maintenance.Items, roles[(int)OutcomeRole.Maintenance]);
        foreach (var index in outcomes)
        {
            var shape = indexed.Outcomes[index];
            switch (shape.Role)
            {
                case OutcomeRole.Recommendation:
                    _result.Routes.Add(Recommendation(shape));
                    break;
                case OutcomeRole.RiskModifier:
                    _result.RiskModifiers.Add(shape.Parts.Risk!);
                    break;
                case OutcomeRole.Alert:
                    _result.Alerts.Add(shape.Parts.Alert!);
                    NoteCap(shape);
                    break;
                case OutcomeRole.Relief:
                    estimates[estimateCount++] = index;
                    break;
                case OutcomeRole.Eligibility:
                    _result.Eligibility.Reasons.Add(shape.Parts.Statement);
                    break;
                case OutcomeRole.Maintenance:
                    _result.Maintenance.Items.Add(shape.Parts.Statement);
                    NoteCap(shape);
                    break;
                default:
                    findings[findingCount++] = index;
                    break;
            }
        }

        // An estimate goes to its recommended route, or becomes a finding after the others: which, and so each list's
        // size, is known only once every route is in.
        var routes = _result.Routes;
        Span<int> targets = stackalloc int[estimateCount];
        Span<int> reliefCounts = stackalloc int[routes.Count];
        var unplaced = 0;
        for (var e = 0; e < estimateCount; e++)
        {
            var shape = indexed.Outcomes[estimates[e]];
            targets[e] = shape.Parts.Estimate is null ? -1 : RouteIndex(shape.Route, shape.Protocol);
            if (targets[e] < 0)
            {
                unplaced++;
            }
            else
            {
                reliefCounts[targets[e]]++;
            }
        }

        for (var r = 0; r < routes.Count; r++)
        {
            Reserve(routes[r].ExpectedRelief, reliefCounts[r]);
        }

        Reserve(_result.Findings, findingCount + unplaced);
        foreach (var index in findings[..findingCount])
        {
            _result.Findings.Add(indexed.Outcomes[index].Parts.Statement);
        }

        for (var e = 0; e < estimateCount; e++)
        {
            var parts = indexed.Outcomes[estimates[e]].Parts;
            if (targets[e] < 0)
            {
                _result.Findings.Add(parts.Statement);
            }
            else
            {
                routes[targets[e]].ExpectedRelief.Add(parts.Estimate!);
            }
        }

        FitCourses();
        EchoMaintenanceFacts();
        SetEligibility();
        if (!IndexedMissingData.TryFill(buffer, indexed, _result.MissingData))
        {
            SetMissingData();
        }

        Order();
    }

    /// <summary>Sizes an empty repeated field for <paramref name="count"/> items; more still fit, by growing.</summary>
    internal static void Reserve<T>(RepeatedField<T> items, int count)
    {
        if (count > 0)
        {
            items.Capacity = count;
        }
    }

    private int RouteIndex(Route route, RouteProtocol protocol)
    {
        // By index: a repeated field's enumerator is an iterator object, called through an interface on every step.
        var routes = _result.Routes;
        for (var i = 0; i < routes.Count; i++)
        {
            var candidate = routes[i];
            if (candidate.Route == route && candidate.Protocol == protocol)
            {
                return i;
            }
        }

        return -1;
    }

    private static RouteRecommendation Recommendation(OutcomeShape shape)
    {
        var recommendation = new RouteRecommendation
        {
            Code = shape.Outcome.Code,
            Route = shape.Route,
            Protocol = shape.Protocol,
            Text = shape.Outcome.Text,
            Justification = shape.Justification,
        };
        if (shape.CourseSessionsMin is { } min)
        {
            recommendation.CourseSessionsMin = min;
        }

        if (shape.CourseSessionsMax is { } max)
        {
            recommendation.CourseSessionsMax = max;
        }

        return recommendation;
    }

    private void NoteCap(OutcomeShape shape)
    {
        if (NoteCap(shape.CapMin, shape.CapMax))
        {
            _result.Maintenance.Justification ??= shape.Justification;
        }
    }

    private void Run()
    {
        var estimates = new List<Outcome>();
        foreach (var outcome in _engine.Outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Recommendation:
                    _result.Routes.Add(Recommendation(outcome));
                    break;
                case OutcomeKind.RiskModifier:
                    _result.RiskModifiers.Add(_fullJustifications is null ? _standard.Risk(outcome) : ResultParts.Risk(outcome, Justify(outcome)));
                    break;
                case OutcomeKind.Alert:
                    _result.Alerts.Add(_fullJustifications is null ? _standard.Alert(outcome) : ResultParts.Alert(outcome, Justify(outcome)));
                    NoteCap(outcome);
                    break;
                case OutcomeKind.Finding when outcome.Code.StartsWith(ReliefPrefix, StringComparison.Ordinal):
                    estimates.Add(outcome);
                    break;
                case OutcomeKind.Finding when outcome.Code.StartsWith(EligibilityPrefix, StringComparison.Ordinal):
                    _result.Eligibility.Reasons.Add(Statement(outcome));
                    break;
                case OutcomeKind.Finding when outcome.Code.StartsWith(MaintenancePrefix, StringComparison.Ordinal):
                    _result.Maintenance.Items.Add(Statement(outcome));
                    NoteCap(outcome);
                    break;
                default:
                    _result.Findings.Add(Statement(outcome));
                    break;
            }
        }

        AttachEstimates(estimates);
        FitCourses();
        EchoMaintenanceFacts();
        SetEligibility();
        SetMissingData();
        Order();
    }

    private void AttachEstimates(List<Outcome> estimates)
    {
        foreach (var outcome in estimates)
        {
            var route = AttributeReader.Route(outcome);
            var protocol = AttributeReader.Protocol(outcome);
            RouteRecommendation? target = null;
            foreach (var candidate in _result.Routes)
            {
                if (candidate.Route == route && candidate.Protocol == protocol)
                {
                    target = candidate;
                    break;
                }
            }

            if (target is null || _standard.Estimate(outcome) is not { } estimate)
            {
                _result.Findings.Add(Statement(outcome));
                continue;
            }

            target.ExpectedRelief.Add(estimate);
        }
    }

    private RouteRecommendation Recommendation(Outcome outcome)
    {
        var recommendation = new RouteRecommendation
        {
            Code = outcome.Code,
            Route = AttributeReader.Route(outcome),
            Protocol = AttributeReader.Protocol(outcome),
            Text = outcome.Text,
            Justification = Justify(outcome),
        };
        if (AttributeReader.Integer(outcome, AttributeReader.CourseSessionsMinName) is { } min)
        {
            recommendation.CourseSessionsMin = min;
        }

        if (AttributeReader.Integer(outcome, AttributeReader.CourseSessionsMaxName) is { } max)
        {
            recommendation.CourseSessionsMax = max;
        }

        return recommendation;
    }

    /// <summary>
    /// Arithmetic on the rules' own numbers, not a clinical judgement: what the cap leaves, and whether each proposed
    /// course's shortest form still fits under the lowest cap. The rules already keep every course under the highest.
    /// </summary>
    private void FitCourses()
    {
        if (_result.Maintenance.YearlyCap is not { HasSessionsUsed: true } cap)
        {
            return;
        }

        cap.RemainingAtMin = Math.Max(0, cap.MinSessions - cap.SessionsUsed);
        cap.RemainingAtMax = Math.Max(0, cap.MaxSessions - cap.SessionsUsed);
        var routes = _result.Routes;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            if (route.HasCourseSessionsMin)
            {
                route.FitsLowestCap = cap.SessionsUsed + route.CourseSessionsMin <= cap.MinSessions;
            }
        }
    }

    private void EchoMaintenanceFacts()
    {
        if (_result.Maintenance.Items.Count == 0 || _patient.PriorKetamine is not { } history)
        {
            return;
        }

        if (history.HasDaysSinceLastSession)
        {
            _result.Maintenance.DaysSinceLastSession = history.DaysSinceLastSession;
        }

        if (history.HasReliefDurationDays)
        {
            _result.Maintenance.LastReliefDays = history.ReliefDurationDays;
        }
    }

    private void NoteCap(Outcome outcome)
    {
        if (NoteCap(AttributeReader.Integer(outcome, AttributeReader.CapMinName), AttributeReader.Integer(outcome, AttributeReader.CapMaxName)))
        {
            _result.Maintenance.Justification ??= Justify(outcome);
        }
    }

    /// <summary>Sets the yearly cap when the outcome gives both ends; false when it gives no cap.</summary>
    private bool NoteCap(int? capMin, int? capMax)
    {
        if (capMin is not { } min || capMax is not { } max)
        {
            return false;
        }

        var cap = _result.Maintenance.YearlyCap ??= new SessionCap();
        cap.MinSessions = min;
        cap.MaxSessions = max;
        if (_patient.PriorKetamine is { HasSessionsLast12Months: true } history)
        {
            cap.SessionsUsed = history.SessionsLast12Months;
        }
        else if (_patient.PriorKetamine is { HasReceivedBefore: true, ReceivedBefore: false })
        {
            cap.SessionsUsed = 0;
        }

        // The rules decide whether the cap is reached; report their answer rather than recomputing it.
        if (_engine.GetFact(FactNames.CapReached, _capReachedFact) is { } reached)
        {
            cap.Reached = reached.AsBoolean;
        }
        else if (cap.HasSessionsUsed)
        {
            cap.Reached = false;
        }

        return true;
    }

    private void SetEligibility()
    {
        // Undecided reads as needs-review; every value the rules can derive has an entry, because the contract is checked at load.
        _result.Eligibility.Status = _engine.GetFact(FactNames.Eligibility, _eligibilityFact)?.Symbol is { } symbol && EligibilityValues.TryGetValue(symbol, out var status)
            ? status
            : EligibilityStatus.NeedsReview;

        if (_patient.HasClinicianJudgesSevere || _patient.HasPainSeverityNrs)
        {
            // The sources give no score threshold, so the clinician's judgement is shown beside the NRS, never replaced by it.
            var severity = new SeverityAssessment();
            if (_patient.HasClinicianJudgesSevere)
            {
                severity.ClinicianJudgesSevere = _patient.ClinicianJudgesSevere;
            }

            if (_patient.HasPainSeverityNrs)
            {
                severity.PainSeverityNrs = _patient.PainSeverityNrs;
            }

            _result.Eligibility.Severity = severity;
        }

        if (_result.Eligibility.Status == EligibilityStatus.NeedsReview && _result.Eligibility.Reasons.Count == 0)
        {
            // Not a clinical statement: the data given did not decide eligibility, and the missing data says why.
            _result.Eligibility.Reasons.Add(new Statement
            {
                Code = "eligibility.undecided",
                Text = "Eligibility could not be decided from the data given; see the missing data.",
            });
        }
    }

    private void SetMissingData()
    {
        var requests = _engine.DataRequests;
        var missing = _engine.MissingFacts;
        if (requests.IsEmpty && missing.IsEmpty)
        {
            return;
        }

        if (!KnownMissingData(requests, missing, _standard.Reasons, _result.MissingData))
        {
            AnyMissingData(requests, missing, _standard.Reasons, _result.MissingData);
        }
    }

    /// <summary>
    /// Missing data when every fact named is one the mapper supplies (always, for a rule set current with the contract):
    /// entries by field index, which is field order, so nothing is searched or sorted by string; a field's rule ids
    /// arrive sorted and distinct from one source and are merged only when several facts share the field.
    /// </summary>
    internal static bool KnownMissingData(ImmutableArray<DataRequest> requests, ImmutableArray<MissingFact> missing, ReasonCache reasons, RepeatedField<MissingData> into)
    {
        // Each name looked up once (a frozen-dictionary string hash each; two per name were a twentieth of a STANDARD
        // evaluation), all before anything is added, so that an unknown name leaves the general path a clean start.
        var count = requests.Length + missing.Length;
        var rented = count > 64 ? ArrayPool<int>.Shared.Rent(count) : null;
        var indices = rented is null ? stackalloc int[count] : rented.AsSpan(0, count);
        try
        {
            for (var i = 0; i < requests.Length; i++)
            {
                if (!FactNames.FieldIndex.TryGetValue(requests[i].Fact, out indices[i]))
                {
                    return false;
                }
            }

            for (var i = 0; i < missing.Length; i++)
            {
                if (!FactNames.FieldIndex.TryGetValue(missing[i].Fact, out indices[requests.Length + i]))
                {
                    return false;
                }
            }

            Fill(requests, missing, reasons, indices, into);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The entries of <see cref="KnownMissingData"/>, given every name's field index (requests first, then missing facts).</summary>
    private static void Fill(ImmutableArray<DataRequest> requests, ImmutableArray<MissingFact> missing, ReasonCache reasons, ReadOnlySpan<int> indices, RepeatedField<MissingData> into)
    {
        var items = new MissingData?[FactNames.SortedFields.Length];
        var merged = 0UL;
        for (var i = 0; i < requests.Length; i++)
        {
            var request = requests[i];
            var index = indices[i];
            var item = items[index] ??= new MissingData { Field = FactNames.SortedFields[index], Reason = request.Reason };
            merged |= item.Affects.Count > 0 ? 1UL << index : 0;
            item.Affects.Add(request.RuleId);
        }

        for (var i = 0; i < missing.Length; i++)
        {
            var fact = missing[i];
            var index = indices[requests.Length + i];
            var item = items[index] ??= new MissingData { Field = FactNames.SortedFields[index], Reason = reasons.For(fact) };
            merged |= item.Affects.Count > 0 ? 1UL << index : 0;
            foreach (var rule in fact.UndecidedRules)
            {
                item.Affects.Add(rule);
            }
        }

        for (var index = 0; index < items.Length; index++)
        {
            if (items[index] is not { } item)
            {
                continue;
            }

            if ((merged & (1UL << index)) != 0)
            {
                SortDistinct(item.Affects);
            }

            into.Add(item);
        }
    }

    /// <summary>Sorts ordinal and keeps each id once.</summary>
    private static void SortDistinct(RepeatedField<string> affects)
    {
        var sorted = affects.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        affects.Clear();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || !string.Equals(sorted[i], sorted[i - 1], StringComparison.Ordinal))
            {
                affects.Add(sorted[i]);
            }
        }
    }

    /// <summary>Missing data for any facts (the reference <see cref="KnownMissingData"/> is tested against).</summary>
    internal static void AnyMissingData(ImmutableArray<DataRequest> requests, ImmutableArray<MissingFact> missing, ReasonCache reasons, RepeatedField<MissingData> into)
    {
        // A few fields at most per patient: a list searched linearly and sorted once at the end costs far less than
        // sorted trees, and gives the same order (fields and rule ids ordinal, each id once).
        var fields = new List<(string Field, string Reason, List<string> Affects)>();
        foreach (var request in requests)
        {
            Entry(fields, FactNames.FieldOf(request.Fact), request.Reason).Add(request.RuleId);
        }

        foreach (var fact in missing)
        {
            var field = FactNames.FieldOf(fact.Fact);
            var affects = Find(fields, field) ?? Entry(fields, field, reasons.For(fact));
            affects.AddRange(fact.UndecidedRules);
        }

        fields.Sort(static (a, b) => string.CompareOrdinal(a.Field, b.Field));
        foreach (var (field, reason, affects) in fields)
        {
            var item = new MissingData { Field = field, Reason = reason };
            affects.Sort(StringComparer.Ordinal);
            for (var i = 0; i < affects.Count; i++)
            {
                if (i == 0 || !string.Equals(affects[i], affects[i - 1], StringComparison.Ordinal))
                {
                    item.Affects.Add(affects[i]);
                }
            }

            into.Add(item);
        }
    }

    private static List<string>? Find(List<(string Field, string Reason, List<string> Affects)> fields, string field)
    {
        foreach (var entry in fields)
        {
            if (string.Equals(entry.Field, field, StringComparison.Ordinal))
            {
                return entry.Affects;
            }
        }

        return null;
    }

    /// <summary>The field's list of affected rules; the first reason given for a field is the one kept.</summary>
    private static List<string> Entry(List<(string Field, string Reason, List<string> Affects)> fields, string field, string reason)
    {
        if (Find(fields, field) is { } affects)
        {
            return affects;
        }

        affects = [];
        fields.Add((field, reason, affects));
        return affects;
    }

    private void Order()
    {
        // Outcomes arrive ordered by kind and code; routes and estimates get a clinical order of their own. Insertion
        // sorts in place: stable (ties keep their arrival order, as LINQ's OrderBy did), nothing allocated, and the
        // lists are a few entries long.
        var routes = _result.Routes;
        SortInPlace(routes, static (a, b) =>
        {
            var order = ((int)a.Route).CompareTo((int)b.Route);
            order = order != 0 ? order : ((int)a.Protocol).CompareTo((int)b.Protocol);
            return order != 0 ? order : string.CompareOrdinal(a.Code, b.Code);
        });

        for (var i = 0; i < routes.Count; i++)
        {
            SortInPlace(routes[i].ExpectedRelief, static (a, b) =>
            {
                var order = string.CompareOrdinal(a.SourceId, b.SourceId);
                return order != 0 ? order : string.CompareOrdinal(a.ClaimId, b.ClaimId);
            });
        }
    }

    private static void SortInPlace<T>(RepeatedField<T> items, Comparison<T> compare)
    {
        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }

    private Statement Statement(Outcome outcome) =>
        _fullJustifications is null ? _standard.Statement(outcome) : ResultParts.Statement(outcome, Justify(outcome));

    private Justification Justify(Outcome outcome) =>
        _fullJustifications is null ? _standard.For(outcome.RuleId) : _fullJustifications.Build(_engine.Explain(outcome));
}
