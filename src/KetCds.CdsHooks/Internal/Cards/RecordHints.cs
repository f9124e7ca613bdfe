namespace KetCds.CdsHooks.Internal.Cards;

/// <summary>How an EHR records each fact so that KetCds reads it: FHIR plumbing from the terminology map's design, not clinical advice.</summary>
internal static class RecordHints
{
    public static string For(string field)
    {
        var path = field.StartsWith("patient.", StringComparison.Ordinal) ? field["patient.".Length..] : field;
        return path switch
        {
            "pain_conditions" => "an active Condition coded in SNOMED CT or ICD-10-CM as in the terminology map",
            "pain_duration_months" => "Condition.onsetDateTime on the pain condition",
            "pain_severity_nrs" => "an Observation LOINC 72514-3 with a 0-10 value",
            "clinician_judges_severe" => "Condition.severity on the pain condition (SNOMED CT 24484000 severe; 6736007 moderate; 255604002 mild)",
            "age_years" => "Patient.birthDate",
            "pregnant_or_breastfeeding" => "an Observation urn:ketcds:patient-facts#pregnant-or-breastfeeding (valueBoolean)",
            "current_medications" => "active MedicationRequests or MedicationStatements coded in RxNorm",
            "care_goal" => "an Observation urn:ketcds:patient-facts#care-goal valued with a urn:ketcds:care-goal code",
            "adjunct_therapies" => "planned or in-progress Procedures (physical therapy, counseling)",
            "prior_ketamine.received_before" => "completed ketamine MedicationAdministrations, or an Observation urn:ketcds:patient-facts#ketamine-received-before",
            "prior_ketamine.sessions_last_12_months" or "prior_ketamine.days_since_last_session" => "completed ketamine MedicationAdministrations with their dates",
            "prior_ketamine.relief_duration_days" => "an Observation urn:ketcds:patient-facts#ketamine-relief-duration (days)",
            "prior_ketamine.responded_well" => "an Observation urn:ketcds:patient-facts#ketamine-responded-well (valueBoolean)",
            "prior_ketamine.diminishing_effect" => "an Observation urn:ketcds:patient-facts#ketamine-diminishing-effect (valueBoolean)",
            "prior_ketamine.routes_used" => "MedicationAdministration.dosage.route (SNOMED CT)",
            _ when path.StartsWith("treatments_tried", StringComparison.Ordinal) =>
                "a stopped or completed MedicationStatement (statusReason) or a completed Procedure (outcome) with its outcome",
            _ when path.StartsWith("history.", StringComparison.Ordinal) => "a Condition for it, confirmed or refuted (verificationStatus)",
            _ => "see the terminology map",
        };
    }
}
