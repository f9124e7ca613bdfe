using KetCds.Contracts.V1;
using KetCds.Engine;
using FactValue = KetCds.Engine.FactValue;

namespace KetCds.Clinical.Internal;

/// <summary>Turns validated patient facts into the rule vocabulary's input facts; absent fields stay absent (unknown).</summary>
internal static class FactMapper
{
    public static FactSet Map(PatientFacts patient)
    {
        var facts = new List<KeyValuePair<string, FactValue>>(24);
        void Put(string name, FactValue value) => facts.Add(new(name, value));

        if (patient.PainConditions is { } conditions)
        {
            Put(FactNames.Conditions, FactValue.EnumSet(conditions.Conditions.Select(c => Symbols.Of(c)!)));
        }

        if (patient.HasPainDurationMonths)
        {
            Put(FactNames.PainDurationMonths, FactValue.Integer(patient.PainDurationMonths));
        }

        if (patient.HasPainSeverityNrs)
        {
            Put(FactNames.PainSeverity, FactValue.Integer(patient.PainSeverityNrs));
        }

        if (patient.TreatmentsTried is { } tried)
        {
            Put(FactNames.FailedTreatments, FactValue.EnumSet(tried.Trials
                // A partial response is not the adequate relief whose absence makes pain refractory.
                .Where(t => t.Outcome is TreatmentOutcome.Failed or TreatmentOutcome.NotTolerated or TreatmentOutcome.Partial)
                .Select(t => Symbols.Of(t.Treatment)!)));
            Put(FactNames.EffectiveTreatments, FactValue.EnumSet(tried.Trials
                .Where(t => t.Outcome == TreatmentOutcome.Effective)
                .Select(t => Symbols.Of(t.Treatment)!)));
        }

        if (patient.CurrentMedications is { } medications)
        {
            Put(FactNames.CurrentMedications, FactValue.EnumSet(medications.Classes.Select(c => Symbols.Of(c)!)));
        }

        if (patient.History is { } history)
        {
            PutBool(facts, FactNames.AlcoholUseDisorder, history.HasAlcoholUseDisorder, history.AlcoholUseDisorder);
            PutBool(facts, FactNames.DrugUseDisorder, history.HasDrugUseDisorder, history.DrugUseDisorder);
            PutBool(facts, FactNames.BladderProblems, history.HasBladderProblems, history.BladderProblems);
            PutBool(facts, FactNames.LiverDysfunction, history.HasLiverDysfunction, history.LiverDysfunction);
            PutBool(facts, FactNames.CognitiveProblems, history.HasCognitiveImpairment, history.CognitiveImpairment);
            PutBool(facts, FactNames.Depression, history.HasDepression, history.Depression);
            PutBool(facts, FactNames.Anxiety, history.HasAnxiety, history.Anxiety);
        }

        if (patient.PriorKetamine is { } ketamine)
        {
            PutBool(facts, FactNames.PriorKetamine, ketamine.HasReceivedBefore, ketamine.ReceivedBefore);
            if (ketamine.HasSessionsLast12Months)
            {
                Put(FactNames.SessionsLast12Months, FactValue.Integer(ketamine.SessionsLast12Months));
            }
            else if (ketamine.HasReceivedBefore && !ketamine.ReceivedBefore)
            {
                // Never treated means no sessions this year: a fact, not a default.
                Put(FactNames.SessionsLast12Months, FactValue.Integer(0));
            }

            if (ketamine.HasDaysSinceLastSession)
            {
                Put(FactNames.DaysSinceLast, FactValue.Integer(ketamine.DaysSinceLastSession));
            }

            if (ketamine.HasReliefDurationDays)
            {
                Put(FactNames.LastReliefDays, FactValue.Integer(ketamine.ReliefDurationDays));
            }

            PutBool(facts, FactNames.RespondedWell, ketamine.HasRespondedWell, ketamine.RespondedWell);
            PutBool(facts, FactNames.DiminishingEffect, ketamine.HasDiminishingEffect, ketamine.DiminishingEffect);
        }

        if (patient.HasCareGoal)
        {
            Put(FactNames.CareGoal, FactValue.Enum(Symbols.Of(patient.CareGoal)!));
        }

        if (patient.AdjunctTherapies is { } adjuncts)
        {
            Put(FactNames.AdjunctTherapies, FactValue.EnumSet(adjuncts.Therapies.Select(t => Symbols.Of(t)!)));
        }

        return FactSet.From(facts);
    }

    private static void PutBool(List<KeyValuePair<string, FactValue>> facts, string name, bool present, bool value)
    {
        if (present)
        {
            facts.Add(new(name, FactValue.Boolean(value)));
        }
    }
}
