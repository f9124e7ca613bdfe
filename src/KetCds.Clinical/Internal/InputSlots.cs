using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// The rule set's input facts the mapper fills, resolved once per rule-set version, and per contract enum value the
/// index of its symbol among each fact's allowed values: what <see cref="SlotMapper"/> needs to set a patient straight
/// into an <see cref="EvaluationBuffer"/>. A fact the rule set does not declare is null and left unset, as
/// <see cref="FactMapper"/> leaves it out.
/// </summary>
internal sealed class InputSlots
{
    private InputSlots(CompiledRuleSet ruleSet)
    {
        Conditions = ruleSet.FindInput(FactNames.Conditions);
        PainDurationMonths = ruleSet.FindInput(FactNames.PainDurationMonths);
        PainSeverity = ruleSet.FindInput(FactNames.PainSeverity);
        SevereJudgement = ruleSet.FindInput(FactNames.SevereJudgement);
        AgeYears = ruleSet.FindInput(FactNames.AgeYears);
        PregnantOrBreastfeeding = ruleSet.FindInput(FactNames.PregnantOrBreastfeeding);
        FailedTreatments = ruleSet.FindInput(FactNames.FailedTreatments);
        EffectiveTreatments = ruleSet.FindInput(FactNames.EffectiveTreatments);
        ContraindicatedTreatments = ruleSet.FindInput(FactNames.ContraindicatedTreatments);
        CurrentMedications = ruleSet.FindInput(FactNames.CurrentMedications);
        AlcoholUseDisorder = ruleSet.FindInput(FactNames.AlcoholUseDisorder);
        DrugUseDisorder = ruleSet.FindInput(FactNames.DrugUseDisorder);
        BladderProblems = ruleSet.FindInput(FactNames.BladderProblems);
        LiverDysfunction = ruleSet.FindInput(FactNames.LiverDysfunction);
        CognitiveProblems = ruleSet.FindInput(FactNames.CognitiveProblems);
        Depression = ruleSet.FindInput(FactNames.Depression);
        Anxiety = ruleSet.FindInput(FactNames.Anxiety);
        Psychosis = ruleSet.FindInput(FactNames.Psychosis);
        CardiovascularDisease = ruleSet.FindInput(FactNames.CardiovascularDisease);
        PriorKetamine = ruleSet.FindInput(FactNames.PriorKetamine);
        SessionsLast12Months = ruleSet.FindInput(FactNames.SessionsLast12Months);
        DaysSinceLast = ruleSet.FindInput(FactNames.DaysSinceLast);
        LastReliefDays = ruleSet.FindInput(FactNames.LastReliefDays);
        RespondedWell = ruleSet.FindInput(FactNames.RespondedWell);
        DiminishingEffect = ruleSet.FindInput(FactNames.DiminishingEffect);
        CareGoal = ruleSet.FindInput(FactNames.CareGoal);
        AdjunctTherapies = ruleSet.FindInput(FactNames.AdjunctTherapies);

        ConditionSymbols = Table<PainCondition>(Conditions, Symbols.Of);
        FailedSymbols = Table<StandardTreatment>(FailedTreatments, Symbols.Of);
        EffectiveSymbols = Table<StandardTreatment>(EffectiveTreatments, Symbols.Of);
        ContraindicatedSymbols = Table<StandardTreatment>(ContraindicatedTreatments, Symbols.Of);
        MedicationSymbols = Table<MedicationClass>(CurrentMedications, Symbols.Of);
        CareGoalSymbols = Table<CareGoal>(CareGoal, Symbols.Of);
        AdjunctSymbols = Table<AdjunctTherapy>(AdjunctTherapies, Symbols.Of);
    }

    public InputFact? Conditions { get; }

    public InputFact? PainDurationMonths { get; }

    public InputFact? PainSeverity { get; }

    public InputFact? SevereJudgement { get; }

    public InputFact? AgeYears { get; }

    public InputFact? PregnantOrBreastfeeding { get; }

    public InputFact? FailedTreatments { get; }

    public InputFact? EffectiveTreatments { get; }

    public InputFact? ContraindicatedTreatments { get; }

    public InputFact? CurrentMedications { get; }

    public InputFact? AlcoholUseDisorder { get; }

    public InputFact? DrugUseDisorder { get; }

    public InputFact? BladderProblems { get; }

    public InputFact? LiverDysfunction { get; }

    public InputFact? CognitiveProblems { get; }

    public InputFact? Depression { get; }

    public InputFact? Anxiety { get; }

    public InputFact? Psychosis { get; }

    public InputFact? CardiovascularDisease { get; }

    public InputFact? PriorKetamine { get; }

    public InputFact? SessionsLast12Months { get; }

    public InputFact? DaysSinceLast { get; }

    public InputFact? LastReliefDays { get; }

    public InputFact? RespondedWell { get; }

    public InputFact? DiminishingEffect { get; }

    public InputFact? CareGoal { get; }

    public InputFact? AdjunctTherapies { get; }

    /// <summary>Per contract enum value (by number), the index of its symbol among the fact's allowed values; -1 when it has none.</summary>
    public int[] ConditionSymbols { get; }

    public int[] FailedSymbols { get; }

    public int[] EffectiveSymbols { get; }

    public int[] ContraindicatedSymbols { get; }

    public int[] MedicationSymbols { get; }

    public int[] CareGoalSymbols { get; }

    public int[] AdjunctSymbols { get; }

    /// <summary>
    /// The slots of <paramref name="ruleSet"/>, or null when some fact the mapper fills is declared in a way it cannot
    /// set by position (derived, or of another type than the contract's): such a rule set evaluates by name, which
    /// reports the problem as it always did.
    /// </summary>
    public static InputSlots? For(CompiledRuleSet ruleSet)
    {
        foreach (var name in FactNames.InputFacts)
        {
            if (ruleSet.FindFact(name) is { } declared && (ruleSet.FindInput(name) is null || declared.Type != ExpectedType(name)))
            {
                return null;
            }
        }

        return new InputSlots(ruleSet);
    }

    private static FactType ExpectedType(string name) => name switch
    {
        FactNames.Conditions or FactNames.FailedTreatments or FactNames.EffectiveTreatments or FactNames.ContraindicatedTreatments
            or FactNames.CurrentMedications or FactNames.AdjunctTherapies => FactType.EnumSet,
        FactNames.PainDurationMonths or FactNames.PainSeverity or FactNames.AgeYears or FactNames.SessionsLast12Months
            or FactNames.DaysSinceLast or FactNames.LastReliefDays => FactType.Integer,
        FactNames.CareGoal => FactType.Enum,
        _ => FactType.Boolean,
    };

    private static int[] Table<T>(InputFact? fact, Func<T, string?> symbol)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var table = new int[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        Array.Fill(table, -1);
        if (fact is null)
        {
            return table;
        }

        foreach (var value in values)
        {
            if (symbol(value) is { } name)
            {
                table[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = fact.SymbolIndex(name);
            }
        }

        return table;
    }
}
