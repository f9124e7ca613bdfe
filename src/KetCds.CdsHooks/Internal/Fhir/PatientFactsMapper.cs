using System.Collections.Immutable;
using Hl7.Fhir.Model;
using KetCds.CdsHooks.Internal.Terminology;
using KetCds.Contracts.V1;
using TC = KetCds.CdsHooks.Internal.Terminology.TargetCatalog;

namespace KetCds.CdsHooks.Internal.Fhir;

/// <summary>
/// Reads a patient's FHIR record into ketcds.v1 patient facts through the terminology map. Absent data stays unknown;
/// a list is recorded as complete only when its prefetch was supplied (the EHR's list is the record). Every code that
/// is not in the map and every resource that cannot be used is reported, never dropped silently.
/// </summary>
internal sealed class PatientFactsMapper
{
    private readonly TerminologyMap _map;
    private readonly DateOnly _today;
    private readonly List<UnmappedCode> _unmapped = [];
    private readonly List<RecordNote> _notes = [];
    private readonly List<RecordNote> _errors = [];
    private readonly Dictionary<string, Resource> _byReference = new(StringComparer.Ordinal);

    private PatientFactsMapper(TerminologyMap map, DateOnly today)
    {
        _map = map;
        _today = today;
    }

    /// <summary>Maps one record; <paramref name="today"/> anchors ages, durations and the 12-month session window.</summary>
    public static MappedPatient Map(FhirRecord record, TerminologyMap map, DateOnly today) => new PatientFactsMapper(map, today).Run(record);

    private MappedPatient Run(FhirRecord record)
    {
        foreach (var resource in record.Resources)
        {
            _byReference.TryAdd(FhirValues.Label(resource), resource);
        }

        var facts = new PatientFacts();
        if (record.Patient is { } patient)
        {
            ReadPatient(patient, facts);
        }

        var conditions = record.Resources.OfType<Condition>().ToList();
        ReadConditions(conditions, facts);

        var trials = new Dictionary<StandardTreatment, (DateOnly Day, string Order, TreatmentOutcome Outcome)>();
        var medications = new SortedSet<MedicationClass>();
        var medicationListKnown = record.Present.Contains(PrefetchKeys.MedicationRequests) || record.Present.Contains(PrefetchKeys.MedicationStatements);
        foreach (var request in record.Resources.OfType<MedicationRequest>())
        {
            ReadMedicationRequest(request, medications);
        }

        foreach (var statement in record.Resources.OfType<MedicationStatement>())
        {
            ReadMedicationStatement(statement, medications, trials);
        }

        if (medicationListKnown || medications.Count > 0)
        {
            facts.CurrentMedications = new MedicationList();
            facts.CurrentMedications.Classes.AddRange(medications);
        }

        var adjuncts = new SortedSet<AdjunctTherapy>();
        foreach (var procedure in record.Resources.OfType<Procedure>())
        {
            ReadProcedure(procedure, trials, adjuncts);
        }

        if (record.Present.Contains(PrefetchKeys.Procedures) || adjuncts.Count > 0)
        {
            facts.AdjunctTherapies = new AdjunctTherapyList();
            facts.AdjunctTherapies.Therapies.AddRange(adjuncts);
        }

        if (trials.Count > 0)
        {
            facts.TreatmentsTried = new TreatmentHistory();
            facts.TreatmentsTried.Trials.AddRange(trials.OrderBy(t => t.Key).Select(t => new TreatmentTrial { Treatment = t.Key, Outcome = t.Value.Outcome }));
        }

        var ketamine = new KetamineHistory();
        ReadAdministrations(record.Resources.OfType<MedicationAdministration>(), ketamine);
        ReadObservations(record.Resources.OfType<Observation>(), facts, ketamine);
        // Equals ignores presence (false equals unset); the encoded size does not: a field set to false is still written.
        if (ketamine.CalculateSize() > 0)
        {
            facts.PriorKetamine = ketamine;
        }

        return new MappedPatient(facts, [.. _unmapped], [.. _notes], [.. _errors]);
    }

    private void ReadPatient(Patient patient, PatientFacts facts)
    {
        if (patient.BirthDate is null)
        {
            return;
        }

        if (!FhirValues.TryDay(patient.BirthDate, out var birth))
        {
            _notes.Add(new RecordNote(FhirValues.Label(patient), "birthDate", "is not a full date, so the age is not known"));
            return;
        }

        if (birth > _today)
        {
            _errors.Add(new RecordNote(FhirValues.Label(patient), "birthDate", $"'{patient.BirthDate}' is in the future"));
            return;
        }

        facts.AgeYears = FhirValues.WholeYears(birth, _today);
    }

    private void ReadConditions(List<Condition> conditions, PatientFacts facts)
    {
        var pain = new SortedSet<PainCondition>();
        var history = new Dictionary<string, bool>(StringComparer.Ordinal);
        DateOnly? earliestOnset = null;
        bool? severe = null;
        foreach (var condition in conditions)
        {
            var label = FhirValues.Label(condition);
            var verification = condition.VerificationStatus?.Coding.FirstOrDefault()?.Code;
            if (verification is "entered-in-error")
            {
                continue;
            }

            var targets = Targets(condition.Code, condition, "code");
            if (targets.IsEmpty)
            {
                continue;
            }

            if (verification is "unconfirmed" or "provisional" or "differential")
            {
                _notes.Add(new RecordNote(label, "verificationStatus", $"is '{verification}': only confirmed or refuted conditions are used"));
                continue;
            }

            var refuted = verification is "refuted";
            var clinical = condition.ClinicalStatus?.Coding.FirstOrDefault()?.Code;
            var active = clinical is null or "active" or "recurrence" or "relapse";
            foreach (var target in targets)
            {
                switch (target.Kind)
                {
                    case TC.History:
                        // Confirmed anywhere wins over refuted: the history is "current or past".
                        history[target.Value] = history.GetValueOrDefault(target.Value) || !refuted;
                        break;
                    case TC.Condition when refuted:
                        _notes.Add(new RecordNote(label, "verificationStatus", "a refuted pain diagnosis is not a diagnosis; not used"));
                        break;
                    case TC.Condition when !active:
                        _notes.Add(new RecordNote(label, "clinicalStatus", $"is '{clinical}': only active pain conditions are used"));
                        break;
                    case TC.Condition:
                        pain.Add(TC.Parse<PainCondition>(Enums.PainCondition, target.Value));
                        if (condition.Onset is not null)
                        {
                            if (FhirValues.TryDay(condition.Onset, out var onset) && onset <= _today)
                            {
                                earliestOnset = earliestOnset is { } known && known < onset ? known : onset;
                            }
                            else
                            {
                                _notes.Add(new RecordNote(label, "onset", "is not a full past date (onsetDateTime or onsetPeriod.start); not used for the pain duration"));
                            }
                        }

                        foreach (var severity in Targets(condition.Severity, condition, "severity").Where(t => t.Kind == TC.Severity))
                        {
                            severe = severe == true || severity.Value == "severe";
                        }

                        break;
                    case TC.Pregnancy when target.Value == "true" && active && !refuted:
                        facts.PregnantOrBreastfeeding = true;
                        break;
                    default:
                        _notes.Add(new RecordNote(label, "code", $"maps to {target}, which a Condition does not record; not used"));
                        break;
                }
            }
        }

        if (pain.Count > 0)
        {
            facts.PainConditions = new PainConditionList();
            facts.PainConditions.Conditions.AddRange(pain);
        }

        if (earliestOnset is { } start)
        {
            facts.PainDurationMonths = FhirValues.WholeMonths(start, _today);
        }

        if (severe is { } judged)
        {
            facts.ClinicianJudgesSevere = judged;
        }

        if (history.Count > 0)
        {
            facts.History = new MedicalHistory();
            foreach (var (field, value) in history.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                MedicalHistory.Descriptor.FindFieldByName(field).Accessor.SetValue(facts.History, value);
            }
        }
    }

    private void ReadMedicationRequest(MedicationRequest request, SortedSet<MedicationClass> medications)
    {
        if (request.Status != MedicationRequest.MedicationrequestStatus.Active)
        {
            return;
        }

        foreach (var target in MedicationTargets(request, request.Medication).Where(t => t.Kind == TC.Medication))
        {
            medications.Add(TC.Parse<MedicationClass>(Enums.MedicationClass, target.Value));
        }
    }

    private void ReadMedicationStatement(
        MedicationStatement statement,
        SortedSet<MedicationClass> medications,
        Dictionary<StandardTreatment, (DateOnly Day, string Order, TreatmentOutcome Outcome)> trials)
    {
        var label = FhirValues.Label(statement);
        var targets = MedicationTargets(statement, statement.Medication);
        switch (statement.Status)
        {
            case MedicationStatement.MedicationStatusCodes.Active:
                foreach (var target in targets.Where(t => t.Kind == TC.Medication))
                {
                    medications.Add(TC.Parse<MedicationClass>(Enums.MedicationClass, target.Value));
                }

                break;
            case MedicationStatement.MedicationStatusCodes.Completed or MedicationStatement.MedicationStatusCodes.Stopped or MedicationStatement.MedicationStatusCodes.NotTaken:
                var treatments = targets.Where(t => t.Kind == TC.Treatment).ToList();
                if (treatments.Count == 0)
                {
                    break;
                }

                var outcome = Outcome(statement.StatusReason, statement, "statusReason");
                if (outcome is null)
                {
                    _notes.Add(new RecordNote(label, "statusReason", "no mapped outcome (successful, partially successful, unsuccessful, not tolerated, contraindicated): the trial is not used"));
                    break;
                }

                FhirValues.TryDay(statement.Effective, out var day);
                foreach (var treatment in treatments)
                {
                    AddTrial(trials, TC.Parse<StandardTreatment>(Enums.StandardTreatment, treatment.Value), day, label, outcome.Value);
                }

                break;
            default:
                break;
        }
    }

    private void ReadProcedure(
        Procedure procedure,
        Dictionary<StandardTreatment, (DateOnly Day, string Order, TreatmentOutcome Outcome)> trials,
        SortedSet<AdjunctTherapy> adjuncts)
    {
        var label = FhirValues.Label(procedure);
        if (procedure.Status is EventStatus.EnteredInError or EventStatus.NotDone or EventStatus.Unknown)
        {
            return;
        }

        var targets = Targets(procedure.Code, procedure, "code");
        if (procedure.Status is EventStatus.Preparation or EventStatus.InProgress or EventStatus.OnHold)
        {
            foreach (var target in targets.Where(t => t.Kind == TC.Adjunct))
            {
                adjuncts.Add(TC.Parse<AdjunctTherapy>(Enums.AdjunctTherapy, target.Value));
            }

            return;
        }

        var treatments = targets.Where(t => t.Kind == TC.Treatment).ToList();
        if (treatments.Count == 0)
        {
            return;
        }

        var outcome = Outcome(procedure.Outcome is null ? [] : [procedure.Outcome], procedure, "outcome");
        if (outcome is null)
        {
            _notes.Add(new RecordNote(label, "outcome", "no mapped outcome (successful, partially successful, unsuccessful, not tolerated, contraindicated): the trial is not used"));
            return;
        }

        FhirValues.TryDay(procedure.Performed, out var day);
        foreach (var treatment in treatments)
        {
            AddTrial(trials, TC.Parse<StandardTreatment>(Enums.StandardTreatment, treatment.Value), day, label, outcome.Value);
        }
    }

    private static void AddTrial(
        Dictionary<StandardTreatment, (DateOnly Day, string Order, TreatmentOutcome Outcome)> trials,
        StandardTreatment treatment,
        DateOnly day,
        string label,
        TreatmentOutcome outcome)
    {
        // A treatment appears once in the contract, with its latest outcome; ties go to the resource label so the
        // answer does not depend on bundle order.
        if (!trials.TryGetValue(treatment, out var known) || (day, label).CompareTo((known.Day, known.Order)) > 0)
        {
            trials[treatment] = (day, label, outcome);
        }
    }

    private void ReadAdministrations(IEnumerable<MedicationAdministration> administrations, KetamineHistory ketamine)
    {
        var sessions = new List<DateOnly>();
        var routes = new SortedSet<Contracts.V1.Route>();
        var windowStart = _today.AddMonths(-12);
        foreach (var administration in administrations)
        {
            var label = FhirValues.Label(administration);
            if (administration.Status != MedicationAdministration.MedicationAdministrationStatusCodes.Completed)
            {
                continue;
            }

            var isKetamine = MedicationTargets(administration, administration.Medication)
                .Any(t => t.Kind == TC.Medication && t.Value is "MEDICATION_CLASS_KETAMINE" or "MEDICATION_CLASS_ESKETAMINE");
            if (!isKetamine)
            {
                continue;
            }

            if (!FhirValues.TryDay(administration.Effective, out var day) || day > _today)
            {
                _errors.Add(new RecordNote(label, "effective", "a completed ketamine administration needs a full date that is not in the future"));
                continue;
            }

            sessions.Add(day);
            foreach (var route in Targets(administration.Dosage?.Route, administration, "dosage.route").Where(t => t.Kind == TC.Route))
            {
                routes.Add(TC.Parse<Contracts.V1.Route>(Enums.Route, route.Value));
            }
        }

        if (sessions.Count == 0)
        {
            return;
        }

        ketamine.ReceivedBefore = true;
        ketamine.SessionsLast12Months = sessions.Count(d => d > windowStart);
        ketamine.DaysSinceLastSession = _today.DayNumber - sessions.Max().DayNumber;
        if (routes.Count > 0)
        {
            ketamine.RoutesUsed = new RouteList();
            ketamine.RoutesUsed.Routes.AddRange(routes);
        }
    }

    private void ReadObservations(IEnumerable<Observation> observations, PatientFacts facts, KetamineHistory ketamine)
    {
        // The latest observation of each kind wins; ties go to the resource label so the order of a bundle never matters.
        var latest = new Dictionary<string, (DateOnly Day, string Label, Observation Observation)>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (observation.Status is not (ObservationStatus.Final or ObservationStatus.Amended or ObservationStatus.Corrected))
            {
                continue;
            }

            var label = FhirValues.Label(observation);
            foreach (var target in Targets(observation.Code, observation, "code"))
            {
                if (target.Kind != TC.Observation)
                {
                    _notes.Add(new RecordNote(label, "code", $"maps to {target}, which an Observation code does not record; not used"));
                    continue;
                }

                FhirValues.TryDay(observation.Effective, out var day);
                if (!latest.TryGetValue(target.Value, out var known) || (day, label).CompareTo((known.Day, known.Label)) > 0)
                {
                    latest[target.Value] = (day, label, observation);
                }
            }
        }

        foreach (var (name, (_, label, observation)) in latest.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            switch (name)
            {
                case TC.ObservedPainNrs:
                    if (WholeNumber(observation.Value) is { } nrs)
                    {
                        facts.PainSeverityNrs = nrs;
                    }
                    else
                    {
                        _errors.Add(new RecordNote(label, "value[x]", "a pain score must be a whole number (valueInteger, or valueQuantity with no fraction)"));
                    }

                    break;
                case TC.ObservedReliefDays:
                    if (observation.Value is Quantity { Value: { } days } quantity && days == decimal.Truncate(days)
                        && (quantity.Code is null or "d") && days is >= int.MinValue and <= int.MaxValue)
                    {
                        ketamine.ReliefDurationDays = (int)days;
                    }
                    else
                    {
                        _errors.Add(new RecordNote(label, "value[x]", "relief duration must be valueQuantity in whole days (UCUM 'd')"));
                    }

                    break;
                case TC.ObservedReceivedBefore:
                    if (Boolean(observation, label) is { } before)
                    {
                        // Administrations in the record already prove an earlier course; the observation cannot undo them.
                        ketamine.ReceivedBefore = ketamine.HasReceivedBefore ? ketamine.ReceivedBefore || before : before;
                    }

                    break;
                case TC.ObservedRespondedWell:
                    if (Boolean(observation, label) is { } responded)
                    {
                        ketamine.RespondedWell = responded;
                    }

                    break;
                case TC.ObservedDiminishingEffect:
                    if (Boolean(observation, label) is { } diminishing)
                    {
                        ketamine.DiminishingEffect = diminishing;
                    }

                    break;
                case TC.ObservedPregnantOrBreastfeeding:
                    if (Boolean(observation, label) is { } pregnant)
                    {
                        facts.PregnantOrBreastfeeding = facts.PregnantOrBreastfeeding || pregnant;
                    }

                    break;
                case TC.ObservedPregnancyStatus:
                    foreach (var status in ValueTargets(observation, label, TC.Pregnancy))
                    {
                        if (status.Value == "true")
                        {
                            facts.PregnantOrBreastfeeding = true;
                        }
                        else
                        {
                            _notes.Add(new RecordNote(label, "value[x]", "not pregnant, but breastfeeding is not recorded: pregnant_or_breastfeeding stays unknown"));
                        }
                    }

                    break;
                case TC.ObservedCareGoal:
                    foreach (var goal in ValueTargets(observation, label, TC.CareGoal))
                    {
                        facts.CareGoal = TC.Parse<CareGoal>(Enums.CareGoal, goal.Value);
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private IEnumerable<TerminologyTarget> ValueTargets(Observation observation, string label, string kind)
    {
        if (observation.Value is not CodeableConcept concept)
        {
            _errors.Add(new RecordNote(label, "value[x]", "must be valueCodeableConcept"));
            return [];
        }

        var targets = Targets(concept, observation, "valueCodeableConcept").Where(t => t.Kind == kind).ToList();
        return targets.Count > 1 ? targets.Take(1) : targets;
    }

    private bool? Boolean(Observation observation, string label)
    {
        if (observation.Value is FhirBoolean { Value: { } value })
        {
            return value;
        }

        _errors.Add(new RecordNote(label, "value[x]", "must be valueBoolean"));
        return null;
    }

    private static int? WholeNumber(DataType? value) => value switch
    {
        Integer { Value: { } integer } => integer,
        Quantity { Value: { } quantity } when quantity == decimal.Truncate(quantity) && quantity is >= int.MinValue and <= int.MaxValue => (int)quantity,
        _ => null,
    };

    private TreatmentOutcome? Outcome(IEnumerable<CodeableConcept> concepts, Resource resource, string path)
    {
        TreatmentOutcome? outcome = null;
        var i = 0;
        foreach (var concept in concepts)
        {
            foreach (var target in Targets(concept, resource, $"{path}[{i}]").Where(t => t.Kind == TC.Outcome))
            {
                outcome ??= TC.Parse<TreatmentOutcome>(Enums.TreatmentOutcome, target.Value);
            }

            i++;
        }

        return outcome;
    }

    private ImmutableArray<TerminologyTarget> MedicationTargets(Resource resource, DataType? medication)
    {
        switch (medication)
        {
            case CodeableConcept concept:
                return Targets(concept, resource, "medicationCodeableConcept");
            case ResourceReference reference:
                var found = reference.Reference is { } text && text.StartsWith('#')
                    ? (resource as DomainResource)?.Contained.FirstOrDefault(c => c.Id == text[1..])
                    : reference.Reference is { } key && _byReference.TryGetValue(key, out var bundled) ? bundled : null;
                if (found is Medication { Code: { } code })
                {
                    return Targets(code, resource, "medicationReference");
                }

                _notes.Add(new RecordNote(FhirValues.Label(resource), "medicationReference", $"'{reference.Reference}' is not a Medication in the request: not used"));
                return [];
            default:
                return [];
        }
    }

    /// <summary>The union of the map's targets for a concept's codings; reports bad codes as errors and wholly unmapped concepts.</summary>
    private ImmutableArray<TerminologyTarget> Targets(CodeableConcept? concept, Resource resource, string path)
    {
        if (concept is null)
        {
            return [];
        }

        var targets = ImmutableArray.CreateBuilder<TerminologyTarget>();
        for (var i = 0; i < concept.Coding.Count; i++)
        {
            var coding = concept.Coding[i];
            if (coding.System is { } system && coding.Code is { } code && CodeSystems.FormatProblem(system, code) is { } problem)
            {
                _errors.Add(new RecordNote(FhirValues.Label(resource), $"{path}.coding[{i}].code", $"'{code}' {problem}"));
                continue;
            }

            foreach (var target in _map.Lookup(coding.System, coding.Code))
            {
                if (!targets.Contains(target))
                {
                    targets.Add(target);
                }
            }
        }

        if (targets.Count == 0)
        {
            _unmapped.Add(new UnmappedCode(FhirValues.Label(resource), path, FhirValues.Describe(concept)));
        }

        return targets.ToImmutable();
    }
}
