using FsCheck;
using FsCheck.Fluent;
using KetCds.Contracts.V1;

namespace KetCds.Clinical.Tests;

/// <summary>FsCheck generators for patients built from the contract's enums, with every field randomly present or absent.</summary>
public static class PatientArbitraries
{
    public static Arbitrary<ValidPatient> Valid() => Arb.From(ValidFacts().Select(f => new ValidPatient(f)));

    public static Arbitrary<AnyPatient> Any() => Arb.From(
        Gen.Frequency((1, ValidFacts()), (3, AnyFacts())).Select(f => new AnyPatient(f)));

    private static Gen<T[]> Distinct<T>(T[] values) => Gen.SubListOf(values).Select(l => l.ToArray());

    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : class => Present.SelectMany(p => p ? gen.Select(v => (T?)v) : Gen.Constant<T?>(null));

    // Weighted towards failed trials so that eligible patients, and with them every route, come up often.
    private static Gen<TreatmentOutcome> Outcome => Gen.Frequency(
        (6, Gen.Constant(TreatmentOutcome.Failed)), (3, Gen.Constant(TreatmentOutcome.NotTolerated)), (1, Gen.Constant(TreatmentOutcome.Partial)),
        (1, Gen.Constant(TreatmentOutcome.Effective)), (1, Gen.Constant(TreatmentOutcome.Contraindicated)));

    private static Gen<bool> Present => Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)));

    private static Gen<int?> Maybe(Gen<int> gen) => Present.SelectMany(p => gen.Select(v => p ? v : (int?)null));

    private static Gen<bool?> MaybeBool => Maybe(Gen.Choose(0, 1)).Select(v => v is null ? (bool?)null : v == 1);

    private static T[] Known<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0)];

    private static Gen<PatientFacts> ValidFacts() =>
        from conditions in Optional(Gen.Frequency(
            (6, Gen.NonEmptyListOf(Gen.Elements(Known<PainCondition>())).Select(l => l.Distinct().ToArray())),
            // Cancer pain alone (or with acute or postoperative pain) must come up often enough to exercise its invariant.
            (1, Gen.SubListOf([PainCondition.AcutePain, PainCondition.PostoperativePain]).Select(l => l.Prepend(PainCondition.RefractoryCancerPain).ToArray()))))
        from duration in Maybe(Gen.Choose(0, 1200))
        from severity in Maybe(Gen.Choose(0, 10))
        from extra in Extra()
        from trials in Optional(Distinct(Known<StandardTreatment>()).SelectMany(ts => Gen.ArrayOf(Outcome, ts.Length).Select(os => ts.Zip(os).ToArray())))
        from medications in Optional(Distinct(Known<MedicationClass>()))
        from history in Optional(Gen.ArrayOf(MaybeBool, 7).SelectMany(h => Gen.ArrayOf(MostlyFalse, 2).Select(r => h.Concat(r).ToArray())))
        from ketamine in Gen.Frequency((1, Gen.Constant<KetamineHistory?>(null)), (2, NaiveHistory()), (3, TreatedHistory()))
        from goal in Maybe(Gen.Choose(1, 5))
        from adjuncts in Optional(Distinct(Known<AdjunctTherapy>()))
        select WithExtra(Build(conditions, duration, severity, trials, medications, history, ketamine, goal, adjuncts), extra);

    // Rare "true": pregnancy and psychosis send the case to review, so mostly-false keeps eligible patients common.
    private static Gen<bool?> MostlyFalse => Gen.Frequency((2, Gen.Constant<bool?>(null)), (7, Gen.Constant<bool?>(false)), (1, Gen.Constant<bool?>(true)));

    // The clinician's severity judgement (mostly "severe", so that routes come up), age and pregnancy.
    private static Gen<(bool? Severe, int? Age, bool? Pregnant)> Extra() =>
        from severe in Gen.Frequency((1, Gen.Constant<bool?>(null)), (1, Gen.Constant<bool?>(false)), (6, Gen.Constant<bool?>(true)))
        from age in Maybe(Gen.Choose(0, 130))
        from pregnant in MostlyFalse
        select (severe, age, pregnant);

    private static PatientFacts WithExtra(PatientFacts facts, (bool? Severe, int? Age, bool? Pregnant) extra)
    {
        if (extra.Severe is { } severe) facts.ClinicianJudgesSevere = severe;
        if (extra.Age is { } age) facts.AgeYears = age;
        if (extra.Pregnant is { } pregnant) facts.PregnantOrBreastfeeding = pregnant;
        return facts;
    }

    private static Gen<KetamineHistory?> NaiveHistory() =>
        Gen.Elements(false, true).Select(withZero =>
        {
            var history = new KetamineHistory { ReceivedBefore = false };
            if (withZero)
            {
                history.SessionsLast12Months = 0;
            }

            return (KetamineHistory?)history;
        });

    private static Gen<KetamineHistory?> TreatedHistory() =>
        from received in Gen.Elements<bool?>(true, true, null)
        from sessions in Maybe(Gen.Frequency((3, Gen.Choose(0, 14)), (1, Gen.Elements(5, 6, 11, 12, 13)), (1, Gen.Choose(0, 366))))
        from days in Maybe(Gen.Choose(0, 366))
        from relief in Maybe(Gen.Choose(0, 3650))
        from responded in Gen.Frequency((1, Gen.Constant<bool?>(null)), (1, Gen.Constant<bool?>(false)), (4, Gen.Constant<bool?>(true)))
        from diminishing in MostlyFalse
        from routes in Optional(Distinct(Known<Route>()))
        select Treated(received, sessions, days, relief, responded, diminishing, routes);

    private static KetamineHistory? Treated(bool? received, int? sessions, int? days, int? relief, bool? responded, bool? diminishing, Route[]? routes)
    {
        var history = new KetamineHistory();
        if (received is { } r) history.ReceivedBefore = r;
        if (sessions is { } s) history.SessionsLast12Months = s;
        if (days is { } d) history.DaysSinceLastSession = d;
        if (relief is { } l) history.ReliefDurationDays = l;
        if (responded is { } w) history.RespondedWell = w;
        if (diminishing is { } m) history.DiminishingEffect = m;
        if (routes is not null)
        {
            history.RoutesUsed = new RouteList();
            history.RoutesUsed.Routes.AddRange(routes);
        }

        return history;
    }

    private static PatientFacts Build(
        PainCondition[]? conditions, int? duration, int? severity, (StandardTreatment, TreatmentOutcome)[]? trials, MedicationClass[]? medications,
        bool?[]? history, KetamineHistory? ketamine, int? goal, AdjunctTherapy[]? adjuncts)
    {
        var facts = new PatientFacts();
        if (conditions is not null)
        {
            facts.PainConditions = new PainConditionList();
            facts.PainConditions.Conditions.AddRange(conditions);
        }

        if (duration is { } months) facts.PainDurationMonths = months;
        if (severity is { } nrs) facts.PainSeverityNrs = nrs;
        if (trials is not null)
        {
            facts.TreatmentsTried = new TreatmentHistory();
            facts.TreatmentsTried.Trials.AddRange(trials.Select(t => new TreatmentTrial { Treatment = t.Item1, Outcome = t.Item2 }));
        }

        if (medications is not null)
        {
            facts.CurrentMedications = new MedicationList();
            facts.CurrentMedications.Classes.AddRange(medications);
        }

        if (history is not null)
        {
            var h = new MedicalHistory();
            if (history[0] is { } a) h.AlcoholUseDisorder = a;
            if (history[1] is { } b) h.DrugUseDisorder = b;
            if (history[2] is { } c) h.BladderProblems = c;
            if (history[3] is { } d) h.LiverDysfunction = d;
            if (history[4] is { } e) h.CognitiveImpairment = e;
            if (history[5] is { } f) h.Depression = f;
            if (history[6] is { } g) h.Anxiety = g;
            if (history.Length > 7 && history[7] is { } i) h.Psychosis = i;
            if (history.Length > 8 && history[8] is { } j) h.CardiovascularDisease = j;
            facts.History = h;
        }

        facts.PriorKetamine = ketamine;
        if (goal is { } value) facts.CareGoal = (CareGoal)value;
        if (adjuncts is not null)
        {
            facts.AdjunctTherapies = new AdjunctTherapyList();
            facts.AdjunctTherapies.Therapies.AddRange(adjuncts);
        }

        return facts;
    }

    /// <summary>Anything the wire format can carry: numbers far out of range, unknown and UNSPECIFIED enum numbers, empty lists, contradictions.</summary>
    private static Gen<PatientFacts> AnyFacts()
    {
        var number = Gen.Frequency((2, Gen.Choose(-5, 20)), (1, Gen.Choose(-100_000, 100_000)), (1, Gen.Elements(int.MinValue, int.MaxValue, 366, 367, 1200, 1201)));
        var enumNumber = Gen.Frequency((3, Gen.Choose(0, 20)), (1, Gen.Elements(-1, 99, int.MaxValue)));
        var list = Optional(Gen.ListOf(enumNumber).Select(l => l.ToArray()));
        return
            from conditions in list
            from duration in Maybe(number)
            from severity in Maybe(number)
            from trials in Optional(Gen.ListOf(Gen.Zip(enumNumber, Maybe(enumNumber))).Select(l => l.ToArray()))
            from medications in list
            from history in Optional(Gen.ArrayOf(MaybeBool, 7))
            from received in MaybeBool
            from ketamineNumbers in Optional(Gen.ArrayOf(Maybe(number), 3))
            from flags in Gen.Two(MaybeBool)
            from routes in list
            from goal in Maybe(enumNumber)
            from adjuncts in list
            from missingPatient in Gen.Frequency((20, Gen.Constant(false)), (1, Gen.Constant(true)))
            from age in Maybe(number)
            select missingPatient ? null! : WithAge(BuildAny(conditions, duration, severity, trials, medications, history, received, ketamineNumbers, flags, routes, goal, adjuncts), age);
    }

    private static PatientFacts WithAge(PatientFacts facts, int? age)
    {
        if (age is { } years) facts.AgeYears = years;
        return facts;
    }

    private static PatientFacts BuildAny(
        int[]? conditions, int? duration, int? severity, (int, int?)[]? trials, int[]? medications, bool?[]? history,
        bool? received, int?[]? ketamineNumbers, (bool?, bool?) flags, int[]? routes, int? goal, int[]? adjuncts)
    {
        var facts = Build(null, duration, severity, null, null, history, null, goal, null);
        if (conditions is not null)
        {
            facts.PainConditions = new PainConditionList();
            facts.PainConditions.Conditions.AddRange(conditions.Select(c => (PainCondition)c));
        }

        if (trials is not null)
        {
            facts.TreatmentsTried = new TreatmentHistory();
            foreach (var (treatment, outcome) in trials)
            {
                var trial = new TreatmentTrial { Treatment = (StandardTreatment)treatment };
                if (outcome is { } o) trial.Outcome = (TreatmentOutcome)o;
                facts.TreatmentsTried.Trials.Add(trial);
            }
        }

        if (medications is not null)
        {
            facts.CurrentMedications = new MedicationList();
            facts.CurrentMedications.Classes.AddRange(medications.Select(m => (MedicationClass)m));
        }

        if (ketamineNumbers is not null)
        {
            facts.PriorKetamine = Treated(received, ketamineNumbers[0], ketamineNumbers[1], ketamineNumbers[2], flags.Item1, flags.Item2, routes?.Select(r => (Route)r).ToArray());
        }

        if (adjuncts is not null)
        {
            facts.AdjunctTherapies = new AdjunctTherapyList();
            facts.AdjunctTherapies.Therapies.AddRange(adjuncts.Select(a => (AdjunctTherapy)a));
        }

        return facts;
    }
}
