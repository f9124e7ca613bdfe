using Google.Protobuf.Collections;
using KetCds.Contracts.V1;
using KetCds.Engine;

namespace KetCds.Clinical.Internal;

/// <summary>
/// Sets validated patient facts straight into an engine buffer by position: the same facts and values as
/// <see cref="FactMapper"/> (the clinical tests prove the two equal on every case), with no names, values or fact set
/// made per call.
/// </summary>
internal static class SlotMapper
{
    /// <summary>Clears <paramref name="buffer"/> and sets the patient's facts; false when a value has no allowed symbol (map by name instead, which reports it).</summary>
    public static bool Map(PatientFacts patient, InputSlots slots, EvaluationBuffer buffer)
    {
        buffer.Clear();
        if (patient.PainConditions is { } conditions && !Set(buffer, slots.Conditions, conditions.Conditions, slots.ConditionSymbols))
        {
            return false;
        }

        Integer(buffer, slots.PainDurationMonths, patient.HasPainDurationMonths, patient.PainDurationMonths);
        Integer(buffer, slots.PainSeverity, patient.HasPainSeverityNrs, patient.PainSeverityNrs);
        Boolean(buffer, slots.SevereJudgement, patient.HasClinicianJudgesSevere, patient.ClinicianJudgesSevere);
        Integer(buffer, slots.AgeYears, patient.HasAgeYears, patient.AgeYears);
        Boolean(buffer, slots.PregnantOrBreastfeeding, patient.HasPregnantOrBreastfeeding, patient.PregnantOrBreastfeeding);
        if (patient.TreatmentsTried is { } tried)
        {
            if (!Trials(buffer, slots, tried.Trials))
            {
                return false;
            }
        }

        if (patient.CurrentMedications is { } medications && !Set(buffer, slots.CurrentMedications, medications.Classes, slots.MedicationSymbols))
        {
            return false;
        }

        if (patient.History is { } history)
        {
            Boolean(buffer, slots.AlcoholUseDisorder, history.HasAlcoholUseDisorder, history.AlcoholUseDisorder);
            Boolean(buffer, slots.DrugUseDisorder, history.HasDrugUseDisorder, history.DrugUseDisorder);
            Boolean(buffer, slots.BladderProblems, history.HasBladderProblems, history.BladderProblems);
            Boolean(buffer, slots.LiverDysfunction, history.HasLiverDysfunction, history.LiverDysfunction);
            Boolean(buffer, slots.CognitiveProblems, history.HasCognitiveImpairment, history.CognitiveImpairment);
            Boolean(buffer, slots.Depression, history.HasDepression, history.Depression);
            Boolean(buffer, slots.Anxiety, history.HasAnxiety, history.Anxiety);
            Boolean(buffer, slots.Psychosis, history.HasPsychosis, history.Psychosis);
            Boolean(buffer, slots.CardiovascularDisease, history.HasCardiovascularDisease, history.CardiovascularDisease);
        }

        if (patient.PriorKetamine is { } ketamine)
        {
            Boolean(buffer, slots.PriorKetamine, ketamine.HasReceivedBefore, ketamine.ReceivedBefore);

            // Never treated means no sessions this year: a fact, not a default.
            Integer(buffer, slots.SessionsLast12Months, ketamine.HasSessionsLast12Months || (ketamine.HasReceivedBefore && !ketamine.ReceivedBefore), ketamine.SessionsLast12Months);
            Integer(buffer, slots.DaysSinceLast, ketamine.HasDaysSinceLastSession, ketamine.DaysSinceLastSession);
            Integer(buffer, slots.LastReliefDays, ketamine.HasReliefDurationDays, ketamine.ReliefDurationDays);
            Boolean(buffer, slots.RespondedWell, ketamine.HasRespondedWell, ketamine.RespondedWell);
            Boolean(buffer, slots.DiminishingEffect, ketamine.HasDiminishingEffect, ketamine.DiminishingEffect);
        }

        if (patient.HasCareGoal && slots.CareGoal is { } careGoal)
        {
            if (Symbol(slots.CareGoalSymbols, (int)patient.CareGoal) is not (>= 0 and var symbol))
            {
                return false;
            }

            buffer.SetSymbol(careGoal, symbol);
        }

        return patient.AdjunctTherapies is not { } adjuncts || Set(buffer, slots.AdjunctTherapies, adjuncts.Therapies, slots.AdjunctSymbols);
    }

    private static void Boolean(EvaluationBuffer buffer, InputFact? fact, bool present, bool value)
    {
        if (present && fact is not null)
        {
            buffer.Set(fact, value);
        }
    }

    private static void Integer(EvaluationBuffer buffer, InputFact? fact, bool present, int value)
    {
        if (present && fact is not null)
        {
            buffer.Set(fact, (long)value);
        }
    }

    private static int Symbol(int[] table, int value) => (uint)value < (uint)table.Length ? table[value] : -1;

    private static bool Set<T>(EvaluationBuffer buffer, InputFact? fact, RepeatedField<T> values, int[] table)
        where T : unmanaged, Enum
    {
        if (fact is null)
        {
            return true;
        }

        // The validator caps lists at PatientValidator.MaxListLength entries.
        if (values.Count > PatientValidator.MaxListLength)
        {
            return false;
        }

        Span<int> symbols = stackalloc int[values.Count];
        for (var i = 0; i < symbols.Length; i++)
        {
            if ((symbols[i] = Symbol(table, System.Runtime.CompilerServices.Unsafe.BitCast<T, int>(values[i]))) < 0)
            {
                return false;
            }
        }

        buffer.SetSymbols(fact, symbols);
        return true;
    }

    /// <summary>
    /// The three treatment sets in one pass over the trials, with the same partition as FactMapper: partial relief
    /// counts as failed, contraindicated as neither failed nor effective.
    /// </summary>
    private static bool Trials(EvaluationBuffer buffer, InputSlots slots, RepeatedField<TreatmentTrial> trials)
    {
        if (trials.Count > PatientValidator.MaxListLength)
        {
            return slots.FailedTreatments is null && slots.EffectiveTreatments is null && slots.ContraindicatedTreatments is null;
        }

        Span<int> failed = stackalloc int[trials.Count];
        Span<int> effective = stackalloc int[trials.Count];
        Span<int> contraindicated = stackalloc int[trials.Count];
        var (f, e, c) = (0, 0, 0);
        for (var i = 0; i < trials.Count; i++)
        {
            // A set the rule set does not declare is left unset, its symbols unchecked, as FactMapper leaves it out.
            var trial = trials[i];
            int symbol;
            switch (trial.Outcome)
            {
                case TreatmentOutcome.Failed or TreatmentOutcome.NotTolerated or TreatmentOutcome.Partial when slots.FailedTreatments is not null:
                    symbol = failed[f++] = Symbol(slots.FailedSymbols, (int)trial.Treatment);
                    break;
                case TreatmentOutcome.Effective when slots.EffectiveTreatments is not null:
                    symbol = effective[e++] = Symbol(slots.EffectiveSymbols, (int)trial.Treatment);
                    break;
                case TreatmentOutcome.Contraindicated when slots.ContraindicatedTreatments is not null:
                    symbol = contraindicated[c++] = Symbol(slots.ContraindicatedSymbols, (int)trial.Treatment);
                    break;
                default:
                    continue;
            }

            if (symbol < 0)
            {
                return false;
            }
        }

        SetAll(buffer, slots.FailedTreatments, failed[..f]);
        SetAll(buffer, slots.EffectiveTreatments, effective[..e]);
        SetAll(buffer, slots.ContraindicatedTreatments, contraindicated[..c]);
        return true;
    }

    private static void SetAll(EvaluationBuffer buffer, InputFact? fact, ReadOnlySpan<int> symbols)
    {
        if (fact is not null)
        {
            buffer.SetSymbols(fact, symbols);
        }
    }
}
