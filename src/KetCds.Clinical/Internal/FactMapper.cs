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

        if (patient.PainConditions is { } conditions)
        {
            Put(FactNames.Conditions, TypedValue.EnumSet(conditions.Conditions.Select(c => Symbols.Of(c)!)));
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
            Put(FactNames.FailedTreatments, TypedValue.EnumSet(tried.Trials
                // A partial response is not the adequate relief whose absence makes pain refractory.
                .Where(t => t.Outcome is TreatmentOutcome.Failed or TreatmentOutcome.NotTolerated or TreatmentOutcome.Partial)
                .Select(t => Symbols.Of(t.Treatment)!)));
            Put(FactNames.EffectiveTreatments, TypedValue.EnumSet(tried.Trials
                .Where(t => t.Outcome == TreatmentOutcome.Effective)
                .Select(t => Symbols.Of(t.Treatment)!)));
            // Contraindicated is neither failed nor effective: it sends the decision to review, not to "not eligible".
            Put(FactNames.ContraindicatedTreatments, TypedValue.EnumSet(tried.Trials
                .Where(t => t.Outcome == TreatmentOutcome.Contraindicated)
                .Select(t => Symbols.Of(t.Treatment)!)));
        }

        if (patient.CurrentMedications is { } medications)
        {
            Put(FactNames.CurrentMedications, TypedValue.EnumSet(medications.Classes.Select(c => Symbols.Of(c)!)));
        }

        if (patient.History is { } history)
        {
            PutBool(Put, FactNames.AlcoholUseDisorder, history.HasAlcoholUseDisorder, history.AlcoholUseDisorder);
            PutBool(Put, FactNames.DrugUseDisorder, history.HasDrugUseDisorder, history.DrugUseDisorder);
            PutBool(Put, FactNames.BladderProblems, history.HasBladderProblems, history.BladderProblems);
            PutBool(Put, FactNames.LiverDysfunction, history.HasLiverDysfunction, history.LiverDysfunction);
            PutBool(Put, FactNames.CognitiveProblems, history.HasCognitiveImpairment, history.CognitiveImpairment);
            PutBool(Put, FactNames.Depression, history.HasDepression, history.Depression);
            PutBool(Put, FactNames.Anxiety, history.HasAnxiety, history.Anxiety);
            PutBool(Put, FactNames.Psychosis, history.HasPsychosis, history.Psychosis);
            PutBool(Put, FactNames.CardiovascularDisease, history.HasCardiovascularDisease, history.CardiovascularDisease);
        }

        if (patient.PriorKetamine is { } ketamine)
        {
            PutBool(Put, FactNames.PriorKetamine, ketamine.HasReceivedBefore, ketamine.ReceivedBefore);
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

            PutBool(Put, FactNames.RespondedWell, ketamine.HasRespondedWell, ketamine.RespondedWell);
            PutBool(Put, FactNames.DiminishingEffect, ketamine.HasDiminishingEffect, ketamine.DiminishingEffect);
        }

        if (patient.HasCareGoal)
        {
            Put(FactNames.CareGoal, TypedValue.Enum(Symbols.Of(patient.CareGoal)!));
        }

        if (patient.AdjunctTherapies is { } adjuncts)
        {
            Put(FactNames.AdjunctTherapies, TypedValue.EnumSet(adjuncts.Therapies.Select(t => Symbols.Of(t)!)));
        }

        return FactSet.From(facts);
    }

    private static void PutBool(Action<string, TypedValue> put, string name, bool present, bool value)
    {
        if (present)
        {
            put(name, TypedValue.Boolean(value));
        }
    }
}
