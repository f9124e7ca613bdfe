#!/usr/bin/env python3
"""Writes CDS Hooks patient-view requests (FHIR R4 prefetch) for the regression cases whose patient FHIR can express.

Independent of the C# mapper on purpose: the tests read these files back through the service and check that the facts
and the decision equal the case's own, so the two encodings check each other. Run from the repository root:
    python3 tests/cds-hooks/generate.py
Cases FHIR cannot express as the terminology map reads it (e.g. an 'other' treatment, an empty treatment list) are
listed on stderr and skipped. Dates are relative to TODAY; the tests and replay run with that date. Record the expected cards after
regenerating, and review them: dotnet run --project src/KetCds.Cli -- replay --hooks tests/cds-hooks --update
"""
import datetime, glob, json, os, sys, uuid

TODAY = datetime.date(2026, 6, 1)
SCT, ICD, RX, LOINC, CPT = ("http://snomed.info/sct", "http://hl7.org/fhir/sid/icd-10-cm",
                            "http://www.nlm.nih.gov/research/umls/rxnorm", "http://loinc.org", "http://www.ama-assn.org/go/cpt")
FACTS, GOALS = "urn:ketcds:patient-facts", "urn:ketcds:care-goal"

PAIN = {
    "PAIN_CONDITION_CRPS_TYPE_1": (SCT, "128200000"), "PAIN_CONDITION_CRPS_TYPE_2": (ICD, "G56.40"),
    "PAIN_CONDITION_FIBROMYALGIA": (SCT, "203082005"), "PAIN_CONDITION_DIABETIC_NEUROPATHY": (ICD, "E11.42"),
    "PAIN_CONDITION_PERIPHERAL_NEUROPATHY": (ICD, "G62.9"), "PAIN_CONDITION_POSTHERPETIC_NEURALGIA": (SCT, "2177002"),
    "PAIN_CONDITION_CHEMOTHERAPY_INDUCED_NEUROPATHY": (ICD, "G62.0"), "PAIN_CONDITION_PHANTOM_LIMB_PAIN": (ICD, "G54.6"),
    "PAIN_CONDITION_TRIGEMINAL_NEUROPATHIC_PAIN": (ICD, "G50.0"), "PAIN_CONDITION_TEMPOROMANDIBULAR_PAIN": (ICD, "M26.629"),
    "PAIN_CONDITION_CHRONIC_MIGRAINE": (ICD, "G43.709"), "PAIN_CONDITION_REFRACTORY_CANCER_PAIN": (ICD, "G89.3"),
    "PAIN_CONDITION_POSTOPERATIVE_PAIN": (ICD, "G89.18"), "PAIN_CONDITION_LOCALIZED_NERVE_PAIN": (ICD, "G58.9"),
    "PAIN_CONDITION_OTHER_NEUROPATHIC_PAIN": (ICD, "M79.2"), "PAIN_CONDITION_OTHER_CHRONIC_NON_CANCER_PAIN": (ICD, "G89.29"),
    "PAIN_CONDITION_ACUTE_PAIN": (ICD, "G89.11"),
}
HISTORY = {
    "alcoholUseDisorder": (SCT, "7200002"), "drugUseDisorder": (ICD, "F19.20"), "bladderProblems": (ICD, "N32.9"),
    "liverDysfunction": (ICD, "K76.9"), "cognitiveImpairment": (ICD, "G31.84"), "depression": (SCT, "35489007"),
    "anxiety": (SCT, "197480006"), "psychosis": (SCT, "69322001"), "cardiovascularDisease": (ICD, "I25.10"),
}
CURRENT = {"MEDICATION_CLASS_OPIOIDS": "7804", "MEDICATION_CLASS_BENZODIAZEPINES": "6470", "MEDICATION_CLASS_OTHER_SEDATIVES": "39993",
           "MEDICATION_CLASS_ANTIDEPRESSANTS": "72625", "MEDICATION_CLASS_ANTICONVULSANTS": "25480",
           "MEDICATION_CLASS_NON_OPIOID_ANALGESICS": "5640", "MEDICATION_CLASS_DEXTROMETHORPHAN": "3289",
           "MEDICATION_CLASS_KETAMINE": "6130", "MEDICATION_CLASS_ESKETAMINE": "2201625"}
TRIAL_DRUG = {"STANDARD_TREATMENT_OPIOIDS": "7052", "STANDARD_TREATMENT_NON_OPIOID_ANALGESICS": "161",
              "STANDARD_TREATMENT_ANTICONVULSANTS": "187832", "STANDARD_TREATMENT_ANTIDEPRESSANTS": "704"}
TRIAL_PROCEDURE = {"STANDARD_TREATMENT_NERVE_BLOCKS": (CPT, "64450"), "STANDARD_TREATMENT_PHYSICAL_THERAPY": (SCT, "91251008"),
                   "STANDARD_TREATMENT_PSYCHOLOGICAL_THERAPY": (SCT, "228557008")}
OUTCOME = {"TREATMENT_OUTCOME_EFFECTIVE": "385669000", "TREATMENT_OUTCOME_PARTIAL": "385670004", "TREATMENT_OUTCOME_FAILED": "385671000",
           "TREATMENT_OUTCOME_NOT_TOLERATED": "407563006", "TREATMENT_OUTCOME_CONTRAINDICATED": "410536001"}
ADJUNCT = {"ADJUNCT_THERAPY_PHYSICAL_THERAPY": "91251008", "ADJUNCT_THERAPY_COUNSELING": "409063005"}
ROUTE = {"ROUTE_IV": "47625008", "ROUTE_INTRANASAL": "46713006", "ROUTE_ORAL": "26643006", "ROUTE_INTRAMUSCULAR": "78421000",
         "ROUTE_SUBCUTANEOUS": "34206005", "ROUTE_TOPICAL": "6064005", "ROUTE_INTRATHECAL": "72607000", "ROUTE_TRANSDERMAL": "45890007"}
GOAL = {"CARE_GOAL_INITIAL_TREATMENT": "initial-treatment", "CARE_GOAL_MAINTENANCE": "maintenance",
        "CARE_GOAL_BREAKTHROUGH_PAIN": "breakthrough-pain", "CARE_GOAL_ACUTE_FLARE": "acute-flare", "CARE_GOAL_PERIOPERATIVE": "perioperative"}


class NotExpressible(Exception):
    pass


def months_ago(n):
    y, m = divmod(TODAY.year * 12 + TODAY.month - 1 - n, 12)
    return TODAY.replace(year=y, month=m + 1, day=min(TODAY.day, 28))


def cc(system, code):
    return {"coding": [{"system": system, "code": code}]}


def bundle(resources):
    result = {"resourceType": "Bundle", "type": "searchset", "total": len(resources)}
    if resources:
        result["entry"] = [{"fullUrl": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, r['resourceType'] + '/' + r['id'])}", "resource": r}
                           for r in resources]
    return result


def build(case_id, p, pid):
    subject = {"reference": f"Patient/{pid}"}
    conditions, requests, statements, observations, procedures, administrations = [], [], [], [], [], []
    n = iter(range(1, 1000))

    def rid(prefix):
        return f"{prefix}{next(n)}"

    patient = {"resourceType": "Patient", "id": pid}
    if "ageYears" in p:
        patient["birthDate"] = TODAY.replace(year=TODAY.year - p["ageYears"]).isoformat()

    pains = p.get("painConditions", {}).get("conditions")
    if p.get("painConditions") is not None and not pains:
        raise NotExpressible("an empty pain-condition list")
    if ("painDurationMonths" in p or "clinicianJudgesSevere" in p) and not pains:
        raise NotExpressible("duration or severity without a pain condition")
    for value in pains or []:
        if value not in PAIN:
            raise NotExpressible(f"no code for {value}")
        c = {"resourceType": "Condition", "id": rid("c"),
             "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
             "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
             "code": cc(*PAIN[value]), "subject": subject}
        if "painDurationMonths" in p:
            c["onsetDateTime"] = months_ago(p["painDurationMonths"]).isoformat()
        if "clinicianJudgesSevere" in p:
            c["severity"] = cc(SCT, "24484000" if p["clinicianJudgesSevere"] else "6736007")
        conditions.append(c)

    history = p.get("history")
    if history is not None:
        if not history:
            raise NotExpressible("an empty history message")
        for field, value in history.items():
            c = {"resourceType": "Condition", "id": rid("h"), "code": cc(*HISTORY[field]), "subject": subject,
                 "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed" if value else "refuted")}
            if value:
                c["clinicalStatus"] = cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active")
            conditions.append(c)

    if "pregnantOrBreastfeeding" in p:
        observations.append(obs(rid("o"), subject, FACTS, "pregnant-or-breastfeeding", {"valueBoolean": p["pregnantOrBreastfeeding"]}))
    if "painSeverityNrs" in p:
        observations.append(obs(rid("o"), subject, LOINC, "72514-3", {"valueInteger": p["painSeverityNrs"]}))
    if "careGoal" in p:
        observations.append(obs(rid("o"), subject, FACTS, "care-goal", {"valueCodeableConcept": cc(GOALS, GOAL[p["careGoal"]])}))

    meds = p.get("currentMedications")
    trials = p.get("treatmentsTried")
    adjuncts = p.get("adjunctTherapies")
    if trials is not None and not trials.get("trials"):
        raise NotExpressible("an empty treatment list (the record cannot say 'none tried')")
    for trial in (trials or {}).get("trials", []):
        t, outcome = trial["treatment"], trial.get("outcome")
        if outcome is None:
            raise NotExpressible("a trial without outcome")
        if t in TRIAL_DRUG:
            if meds is None:
                raise NotExpressible("a drug trial with the medication list not recorded")
            statements.append({"resourceType": "MedicationStatement", "id": rid("s"),
                               "status": "not-taken" if outcome == "TREATMENT_OUTCOME_CONTRAINDICATED" else "stopped",
                               "statusReason": [cc(SCT, OUTCOME[outcome])], "medicationCodeableConcept": cc(RX, TRIAL_DRUG[t]),
                               "effectiveDateTime": months_ago(6).isoformat(), "subject": subject})
        elif t in TRIAL_PROCEDURE:
            if adjuncts is None:
                raise NotExpressible("a procedure trial with adjunct therapies not recorded")
            procedures.append({"resourceType": "Procedure", "id": rid("p"), "status": "completed", "code": cc(*TRIAL_PROCEDURE[t]),
                               "subject": subject, "performedDateTime": months_ago(6).isoformat(), "outcome": cc(SCT, OUTCOME[outcome])})
        else:
            raise NotExpressible(f"no code for {t}")

    for value in (meds or {}).get("classes", []):
        requests.append({"resourceType": "MedicationRequest", "id": rid("m"), "status": "active", "intent": "order",
                         "medicationCodeableConcept": cc(RX, CURRENT[value]), "subject": subject})
    for value in (adjuncts or {}).get("therapies", []):
        if value not in ADJUNCT:
            raise NotExpressible(f"no code for {value}")
        procedures.append({"resourceType": "Procedure", "id": rid("p"), "status": "in-progress", "code": cc(SCT, ADJUNCT[value]), "subject": subject})

    k = p.get("priorKetamine")
    if k is not None:
        received = k.get("receivedBefore")
        if received is True:
            sessions, days = k.get("sessionsLast12Months"), k.get("daysSinceLastSession")
            if sessions is None or days is None:
                raise NotExpressible("earlier ketamine without the session count and the days since the last one")
            routes = k.get("routesUsed", {}).get("routes")
            if sessions == 0:
                if days <= 366:
                    raise NotExpressible("no session in 12 months but a recent last session")
                dates = [TODAY - datetime.timedelta(days=days)]
            else:
                dates = [TODAY - datetime.timedelta(days=days + 7 * i) for i in range(sessions)]
                if (TODAY - dates[-1]).days >= 360:
                    raise NotExpressible("sessions spread past 12 months")
            if routes and len(routes) > len(dates):
                raise NotExpressible("more routes than sessions")
            for i, day in enumerate(dates):
                a = {"resourceType": "MedicationAdministration", "id": rid("a"), "status": "completed",
                     "medicationCodeableConcept": cc(RX, "6130"), "subject": subject, "effectiveDateTime": day.isoformat()}
                if routes:
                    a["dosage"] = {"route": cc(SCT, ROUTE[routes[min(i, len(routes) - 1)]])}
                administrations.append(a)
        elif received is False:
            observations.append(obs(rid("o"), subject, FACTS, "ketamine-received-before", {"valueBoolean": False}))
        elif k:
            raise NotExpressible("ketamine details without whether ketamine was received")
        if "reliefDurationDays" in k:
            observations.append(obs(rid("o"), subject, FACTS, "ketamine-relief-duration",
                                    {"valueQuantity": {"value": k["reliefDurationDays"], "unit": "days", "system": "http://unitsofmeasure.org", "code": "d"}}))
        for field, code in (("respondedWell", "ketamine-responded-well"), ("diminishingEffect", "ketamine-diminishing-effect")):
            if field in k:
                observations.append(obs(rid("o"), subject, FACTS, code, {"valueBoolean": k[field]}))
        if received is None and k:
            raise NotExpressible("ketamine details without whether ketamine was received")

    prefetch = {"patient": patient, "conditions": bundle(conditions), "observations": bundle(observations),
                "ketamineAdministrations": bundle(administrations)}
    if meds is not None:
        prefetch["medicationRequests"] = bundle(requests)
        prefetch["medicationStatements"] = bundle(statements)
    elif statements:
        raise NotExpressible("statements without a medication list")
    if adjuncts is not None:
        prefetch["procedures"] = bundle(procedures)
    elif procedures:
        raise NotExpressible("procedures without adjuncts recorded")
    return prefetch


def obs(id_, subject, system, code, value):
    o = {"resourceType": "Observation", "id": id_, "status": "final", "code": cc(system, code), "subject": subject,
         "effectiveDateTime": TODAY.isoformat()}
    o.update(value)
    return o


def main():
    root = os.getcwd()
    out = os.path.join(root, "tests", "cds-hooks", "regression")
    os.makedirs(out, exist_ok=True)
    written = 0
    for path in sorted(glob.glob(os.path.join(root, "tests", "cases", "*", "*.json"))):
        case = json.load(open(path))
        if "expected" not in case:
            continue
        pid = "pt-" + case["id"][:60]
        try:
            prefetch = build(case["id"], case["request"].get("patient", {}), pid)
        except NotExpressible as reason:
            print(f"skipped {case['id']}: {reason}", file=sys.stderr)
            continue
        hook = {"case": os.path.relpath(path, root), "today": TODAY.isoformat(), "service": "ketcds-patient-view",
                "request": {"hookInstance": f"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea-{case['id']}", "hook": "patient-view",
                            "context": {"userId": "Practitioner/example", "patientId": pid}, "prefetch": prefetch}}
        with open(os.path.join(out, case["id"] + ".json"), "w") as f:
            json.dump(hook, f, indent=1)
            f.write("\n")
        written += 1
    print(f"wrote {written} hook requests to {os.path.relpath(out, root)}")


if __name__ == "__main__":
    main()
