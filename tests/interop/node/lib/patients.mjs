// Realistic patients as plain objects in proto field names (proto-loader keepCase).

/** CRPS type 1, 18 months at NRS 8, two standard treatments failed, ketamine-naive, first course: eligible. */
export function crpsStartingTreatment() {
  return {
    pain_conditions: { conditions: ['PAIN_CONDITION_CRPS_TYPE_1'] },
    pain_duration_months: 18,
    pain_severity_nrs: 8,
    clinician_judges_severe: true,
    treatments_tried: {
      trials: [
        { treatment: 'STANDARD_TREATMENT_OPIOIDS', outcome: 'TREATMENT_OUTCOME_FAILED' },
        { treatment: 'STANDARD_TREATMENT_ANTICONVULSANTS', outcome: 'TREATMENT_OUTCOME_NOT_TOLERATED' },
        { treatment: 'STANDARD_TREATMENT_PHYSICAL_THERAPY', outcome: 'TREATMENT_OUTCOME_PARTIAL' },
      ],
    },
    current_medications: { classes: ['MEDICATION_CLASS_NON_OPIOID_ANALGESICS'] },
    history: {
      alcohol_use_disorder: false, drug_use_disorder: false, bladder_problems: false, liver_dysfunction: false,
      cognitive_impairment: false, depression: false, anxiety: false,
    },
    prior_ketamine: { received_before: false, sessions_last_12_months: 0 },
    care_goal: 'CARE_GOAL_INITIAL_TREATMENT',
    adjunct_therapies: { therapies: ['ADJUNCT_THERAPY_PHYSICAL_THERAPY'] },
  };
}

const conditions = [
  'PAIN_CONDITION_CRPS_TYPE_1', 'PAIN_CONDITION_FIBROMYALGIA', 'PAIN_CONDITION_DIABETIC_NEUROPATHY',
  'PAIN_CONDITION_POSTHERPETIC_NEURALGIA', 'PAIN_CONDITION_PHANTOM_LIMB_PAIN', 'PAIN_CONDITION_CHRONIC_MIGRAINE',
];
const goalsAfterKetamine = ['CARE_GOAL_MAINTENANCE', 'CARE_GOAL_ACUTE_FLARE', 'CARE_GOAL_BREAKTHROUGH_PAIN'];

/** A valid patient that varies with index so a batch takes several rule paths. */
export function varied(index) {
  const p = crpsStartingTreatment();
  p.pain_conditions.conditions = [conditions[index % conditions.length]];
  p.pain_severity_nrs = index % 11;
  p.pain_duration_months = 6 + index;
  if (index % 4 === 1) {
    p.care_goal = goalsAfterKetamine[index % goalsAfterKetamine.length];
    p.prior_ketamine = {
      received_before: true, sessions_last_12_months: index % 14, days_since_last_session: 30 + index,
      relief_duration_days: 21, responded_well: true, diminishing_effect: index % 8 === 1,
    };
  }
  if (index % 5 === 2) delete p.history;
  return p;
}
