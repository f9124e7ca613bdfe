"""Realistic patients, built with the generated ketcds.v1 classes."""


def crps_starting_treatment(pb):
    """A CRPS type 1 patient, 18 months of pain at NRS 8, two standard treatments failed,
    ketamine-naive, judged severe by the clinician, being considered for a first course: the rules
    call this eligible."""
    p = pb.patient
    facts = p.PatientFacts(
        pain_conditions=p.PainConditionList(conditions=[p.PAIN_CONDITION_CRPS_TYPE_1]),
        pain_duration_months=18,
        pain_severity_nrs=8,
        clinician_judges_severe=True,
        treatments_tried=p.TreatmentHistory(trials=[
            p.TreatmentTrial(treatment=p.STANDARD_TREATMENT_OPIOIDS, outcome=p.TREATMENT_OUTCOME_FAILED),
            p.TreatmentTrial(treatment=p.STANDARD_TREATMENT_ANTICONVULSANTS,
                             outcome=p.TREATMENT_OUTCOME_NOT_TOLERATED),
            p.TreatmentTrial(treatment=p.STANDARD_TREATMENT_PHYSICAL_THERAPY, outcome=p.TREATMENT_OUTCOME_PARTIAL),
        ]),
        current_medications=p.MedicationList(classes=[p.MEDICATION_CLASS_NON_OPIOID_ANALGESICS]),
        history=p.MedicalHistory(
            alcohol_use_disorder=False, drug_use_disorder=False, bladder_problems=False,
            liver_dysfunction=False, cognitive_impairment=False, depression=False, anxiety=False),
        prior_ketamine=p.KetamineHistory(received_before=False, sessions_last_12_months=0),
        care_goal=p.CARE_GOAL_INITIAL_TREATMENT,
        adjunct_therapies=p.AdjunctTherapyList(therapies=[p.ADJUNCT_THERAPY_PHYSICAL_THERAPY]),
    )
    return facts


_CONDITIONS = [
    "PAIN_CONDITION_CRPS_TYPE_1", "PAIN_CONDITION_FIBROMYALGIA", "PAIN_CONDITION_DIABETIC_NEUROPATHY",
    "PAIN_CONDITION_POSTHERPETIC_NEURALGIA", "PAIN_CONDITION_PHANTOM_LIMB_PAIN", "PAIN_CONDITION_CHRONIC_MIGRAINE",
    "PAIN_CONDITION_REFRACTORY_CANCER_PAIN", "PAIN_CONDITION_SPINAL_CORD_INJURY_PAIN",
]
_GOALS_AFTER_KETAMINE = ["CARE_GOAL_MAINTENANCE", "CARE_GOAL_ACUTE_FLARE", "CARE_GOAL_BREAKTHROUGH_PAIN"]


def varied(pb, index):
    """A valid patient that differs with index, so a batch exercises several rule paths."""
    p = pb.patient
    facts = crps_starting_treatment(pb)
    facts.pain_conditions.conditions[:] = [p.PainCondition.Value(_CONDITIONS[index % len(_CONDITIONS)])]
    facts.pain_severity_nrs = index % 11
    facts.pain_duration_months = 6 + index
    if index % 4 == 1:
        facts.care_goal = p.CareGoal.Value(_GOALS_AFTER_KETAMINE[index % len(_GOALS_AFTER_KETAMINE)])
        facts.prior_ketamine.CopyFrom(p.KetamineHistory(
            received_before=True, sessions_last_12_months=index % 14, days_since_last_session=30 + index,
            relief_duration_days=21, responded_well=True, diminishing_effect=index % 8 == 1))
    if index % 5 == 2:
        facts.ClearField("history")
    return facts
