using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

public sealed class PatientValidatorTests
{
    [Fact]
    public void Validate_CompletePatient_HasNoViolations()
    {
        Assert.Empty(PatientValidator.Validate(TestPatients.CompleteCrps()));
    }

    [Fact]
    public void Validate_ValidRequests_AllocateNothing()
    {
        // The violation list is made on the first violation only; a never-treated patient takes the contradiction checks.
        var never = TestPatients.CompleteCrps();
        never.PriorKetamine = new KetamineHistory { ReceivedBefore = false };
        EvaluateRequest[] requests = [new() { RequestId = "a", Patient = TestPatients.CompleteCrps() }, new() { RequestId = "b", Patient = never }];
        foreach (var request in requests)
        {
            Assert.Empty(PatientValidator.Validate(request));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var request in requests)
        {
            PatientValidator.Validate(request);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Validate_NeverReceivedWithEveryDetail_ReportsEachContradiction()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PriorKetamine = new KetamineHistory
        {
            ReceivedBefore = false,
            SessionsLast12Months = 2,
            DaysSinceLastSession = 30,
            ReliefDurationDays = 10,
            RespondedWell = true,
            DiminishingEffect = false,
            RoutesUsed = new RouteList { Routes = { Route.Iv } },
        };

        var violations = PatientValidator.Validate(patient);

        Assert.Equal(
            ["days_since_last_session", "diminishing_effect", "relief_duration_days", "responded_well", "routes_used", "sessions_last_12_months"],
            violations.Select(v => v.Field["patient.prior_ketamine.".Length..]));
        Assert.All(violations, v => Assert.Equal("contradicts received_before = false (no earlier ketamine treatment)", v.Description));
    }

    [Fact]
    public void Validate_NullPatient_ReportsPatientRequired()
    {
        var violation = Assert.Single(PatientValidator.Validate(new EvaluateRequest()));

        Assert.Equal("patient", violation.Field);
        Assert.Equal("is required", violation.Description);
    }

    [Fact]
    public void Validate_EmptyPatient_IsValidBecauseEveryFactMayBeUnknown()
    {
        Assert.Empty(PatientValidator.Validate(new PatientFacts()));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneByFieldPath()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PainSeverityNrs = 12;
        patient.PainDurationMonths = -1;
        patient.CareGoal = CareGoal.Unspecified;
        patient.PainConditions.Conditions.Add((PainCondition)99);

        var fields = PatientValidator.Validate(patient).Select(v => v.Field).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["patient.care_goal", "patient.pain_conditions.conditions[1]", "patient.pain_duration_months", "patient.pain_severity_nrs"], fields);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(-1, false)]
    [InlineData(11, false)]
    public void Validate_PainSeverity_AcceptsOnlyTheNumericRatingScale(int nrs, bool valid)
    {
        var patient = TestPatients.CompleteCrps();
        patient.PainSeverityNrs = nrs;

        Assert.Equal(valid, PatientValidator.Validate(patient).IsEmpty);
    }

    [Fact]
    public void Validate_NeverTreatedWithZeroSessions_IsNotAContradiction()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PriorKetamine.SessionsLast12Months = 0;

        Assert.Empty(PatientValidator.Validate(patient));
    }

    [Fact]
    public void Validate_UnknownTreatmentInLaterTrial_NamesItsPosition()
    {
        var patient = TestPatients.CompleteCrps();
        patient.TreatmentsTried.Trials.Add(new TreatmentTrial { Treatment = (StandardTreatment)40, Outcome = TreatmentOutcome.Failed });

        var violation = Assert.Single(PatientValidator.Validate(patient));

        Assert.Equal("patient.treatments_tried.trials[1].treatment", violation.Field);
        Assert.Equal("is not a known StandardTreatment value", violation.Description);
    }

    [Fact]
    public void Validate_OutOfRangeValues_DescriptionsDoNotEchoTheValue()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PainDurationMonths = 987_654;
        patient.PriorKetamine = new KetamineHistory { ReceivedBefore = true, SessionsLast12Months = 123_456 };

        var violations = PatientValidator.Validate(patient);

        Assert.Equal(2, violations.Length);
        Assert.All(violations, v => Assert.DoesNotContain("987654", v.Description, StringComparison.Ordinal));
        Assert.All(violations, v => Assert.DoesNotContain("123456", v.Description, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooManyMedications_RejectsTheList()
    {
        var patient = TestPatients.CompleteCrps();
        patient.CurrentMedications.Classes.AddRange(Enumerable.Repeat(MedicationClass.Opioids, 65));

        var violation = Assert.Single(PatientValidator.Validate(patient));

        Assert.Equal("patient.current_medications.classes", violation.Field);
    }

    [Fact]
    public void Validate_SeveralProblems_OrdersByFieldPathThenDescription()
    {
        var patient = TestPatients.CompleteCrps();
        patient.PainSeverityNrs = 12;
        patient.CareGoal = CareGoal.Unspecified;

        var violations = PatientValidator.Validate(patient);

        Assert.Equal(violations.OrderBy(v => v.Field, StringComparer.Ordinal).ThenBy(v => v.Description, StringComparer.Ordinal), violations);
    }

    [Fact]
    public void Validate_UnknownEntryInEveryEnumList_NamesEachEntry()
    {
        // Each list's entries are checked by their own type's vocabulary: a known value of every list passes, and an
        // unspecified or out-of-range value in any of them is reported at its position.
        var patient = TestPatients.CompleteCrps();
        patient.PainConditions.Conditions.Add(PainCondition.Fibromyalgia);
        patient.PainConditions.Conditions.Add((PainCondition)99);
        patient.CurrentMedications.Classes.Add(MedicationClass.Unspecified);
        patient.AdjunctTherapies = new AdjunctTherapyList();
        patient.AdjunctTherapies.Therapies.Add(AdjunctTherapy.Counseling);
        patient.AdjunctTherapies.Therapies.Add((AdjunctTherapy)77);
        patient.PriorKetamine = new KetamineHistory { ReceivedBefore = true, RoutesUsed = new RouteList() };
        patient.PriorKetamine.RoutesUsed.Routes.Add(Route.Iv);
        patient.PriorKetamine.RoutesUsed.Routes.Add((Route)55);
        var medications = patient.CurrentMedications.Classes.Count - 1;

        var violations = PatientValidator.Validate(patient);

        Assert.Equal(
            [
                ("patient.adjunct_therapies.therapies[1]", "is not a known AdjunctTherapy value"),
                ($"patient.current_medications.classes[{medications}]", "must not be UNSPECIFIED; leave the field unset when it is unknown"),
                ("patient.pain_conditions.conditions[2]", "is not a known PainCondition value"),
                ("patient.prior_ketamine.routes_used.routes[1]", "is not a known Route value"),
            ],
            violations.Select(v => (v.Field, v.Description)).Order().ToArray());
    }
}
