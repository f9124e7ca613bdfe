using Google.Protobuf.Collections;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>Turns validated patient facts into the rule vocabulary's input facts; absent fields stay absent (unknown).</summary>
internal static class FactMapper
{
    /// <param name="patient">The validated patient.</param>
    /// <param name="declared">Whether the rule set declares a fact: a rule set that predates a contract field does not read it,
    /// so an older rule set (for a decision diff) still evaluates a newer request as it always did.</param>
    public static FactSet Map(PatientFacts patient, Func<string, bool> declared)
    {
        var facts = new List<KeyValuePair<string, TypedValue>>(30);
        void Put(string name, TypedValue value)
        {
            if (declared(name))
            {
                facts.Add(new(name, value));
            }
        }

        // Local functions never made into delegates: their captures live on the stack, not in a closure per call.
        void PutBool(string name, bool present, bool value)
        {
            if (present)
            {
                Put(name, TypedValue.Boolean(value));
            }
        }

        if (patient.PainConditions is { } conditions)
        {
            Put(FactNames.Conditions, Set(conditions.Conditions, Symbols.Of));
        }

        if (patient.HasPainDurationMonths)
        {
            Put(FactNames.PainDurationMonths, TypedValue.Integer(patient.PainDurationMonths));
        }

        if (patient.HasPainSeverityNrs)
        {
            Put(FactNames.PainSeverity, TypedValue.Integer(patient.PainSeverityNrs));
        }

        if (patient.HasClinicianJudgesSevere)
        {
            Put(FactNames.SevereJudgement, TypedValue.Boolean(patient.ClinicianJudgesSevere));
        }

        if (patient.HasAgeYears)
        {
            Put(FactNames.AgeYears, TypedValue.Integer(patient.AgeYears));
        }

        if (patient.HasPregnantOrBreastfeeding)
        {
            Put(FactNames.PregnantOrBreastfeeding, TypedValue.Boolean(patient.PregnantOrBreastfeeding));
        }

        if (patient.TreatmentsTried is { } tried)
        {
            // A partial response is not the adequate relief whose absence makes pain refractory.
            Put(FactNames.FailedTreatments, Trials(tried.Trials, static o => o is TreatmentOutcome.Failed or TreatmentOutcome.NotTolerated or TreatmentOutcome.Partial));
            Put(FactNames.EffectiveTreatments, Trials(tried.Trials, static o => o == TreatmentOutcome.Effective));
            // Contraindicated is neither failed nor effective: it sends the decision to review, not to "not eligible".
            Put(FactNames.ContraindicatedTreatments, Trials(tried.Trials, static o => o == TreatmentOutcome.Contraindicated));
        }

        if (patient.CurrentMedications is { } medications)
        {
            Put(FactNames.CurrentMedications, Set(medications.Classes, Symbols.Of));
        }

        if (patient.History is { } history)
        {
            PutBool(FactNames.AlcoholUseDisorder, history.HasAlcoholUseDisorder, history.AlcoholUseDisorder);
            PutBool(FactNames.DrugUseDisorder, history.HasDrugUseDisorder, history.DrugUseDisorder);
            PutBool(FactNames.BladderProblems, history.HasBladderProblems, history.BladderProblems);
            PutBool(FactNames.LiverDysfunction, history.HasLiverDysfunction, history.LiverDysfunction);
            PutBool(FactNames.CognitiveProblems, history.HasCognitiveImpairment, history.CognitiveImpairment);
            PutBool(FactNames.Depression, history.HasDepression, history.Depression);
            PutBool(FactNames.Anxiety, history.HasAnxiety, history.Anxiety);
            PutBool(FactNames.Psychosis, history.HasPsychosis, history.Psychosis);
            PutBool(FactNames.CardiovascularDisease, history.HasCardiovascularDisease, history.CardiovascularDisease);
        }

        if (patient.PriorKetamine is { } ketamine)
        {
            PutBool(FactNames.PriorKetamine, ketamine.HasReceivedBefore, ketamine.ReceivedBefore);
            if (ketamine.HasSessionsLast12Months)
            {
                Put(FactNames.SessionsLast12Months, TypedValue.Integer(ketamine.SessionsLast12Months));
            }
            else if (ketamine.HasReceivedBefore && !ketamine.ReceivedBefore)
            {
                // Never treated means no sessions this year: a fact, not a default.
                Put(FactNames.SessionsLast12Months, TypedValue.Integer(0));
            }

            if (ketamine.HasDaysSinceLastSession)
            {
                Put(FactNames.DaysSinceLast, TypedValue.Integer(ketamine.DaysSinceLastSession));
            }

            if (ketamine.HasReliefDurationDays)
            {
                Put(FactNames.LastReliefDays, TypedValue.Integer(ketamine.ReliefDurationDays));
            }

            PutBool(FactNames.RespondedWell, ketamine.HasRespondedWell, ketamine.RespondedWell);
            PutBool(FactNames.DiminishingEffect, ketamine.HasDiminishingEffect, ketamine.DiminishingEffect);
        }

        if (patient.HasCareGoal)
        {
            Put(FactNames.CareGoal, TypedValue.Enum(Symbols.Of(patient.CareGoal)!));
        }

        if (patient.AdjunctTherapies is { } adjuncts)
        {
            Put(FactNames.AdjunctTherapies, Set(adjuncts.Therapies, Symbols.Of));
        }

        return FactSet.From(facts);
    }

    // Loops rather than LINQ: the sets are built on every evaluation, and EnumSet sorts a list it is given as an array.
    private static TypedValue Set<T>(RepeatedField<T> values, Func<T, string?> symbol)
    {
        var symbols = new string[values.Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            symbols[i] = symbol(values[i])!;
        }

        return TypedValue.EnumSet(symbols);
    }

    private static TypedValue Trials(RepeatedField<TreatmentTrial> trials, Func<TreatmentOutcome, bool> outcome)
    {
        var symbols = new List<string>(trials.Count);
        foreach (var trial in trials)
        {
            if (outcome(trial.Outcome))
            {
                symbols.Add(Symbols.Of(trial.Treatment)!);
            }
        }

        return TypedValue.EnumSet(symbols);
    }
}
