"""CDS Hooks 2.0 over plain HTTP/1.1 from Python's standard library (urllib), the way a simple EHR
integration or sandbox script calls it. tests/interop/run.sh passes the hook listener's base URL
in KETCDS_HOOKS_URL (http://127.0.0.1:PORT/cds-services)."""

import json
import os
import pathlib
import urllib.error
import urllib.request

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "cds-hooks" / "examples"


@pytest.fixture(scope="module")
def hooks():
    value = os.environ.get("KETCDS_HOOKS_URL")
    if not value:
        pytest.fail("KETCDS_HOOKS_URL is not set: run tests/interop/run.sh", pytrace=False)
    if not value.startswith("http://127.0.0.1:"):
        pytest.fail(f"KETCDS_HOOKS_URL must be on loopback, got {value}", pytrace=False)
    return value


def call(url, body=None, method=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def example(name):
    return json.loads((EXAMPLES / f"{name}.json").read_text())


class CdsHooksTests:
    def Discovery_Get_ListsThreeServices(self, hooks):
        status, headers, body = call(hooks)
        assert status == 200
        services = json.loads(body)["services"]
        assert [s["hook"] for s in services] == ["patient-view", "order-select", "order-sign"]
        assert services[0]["prefetch"]["patient"] == "Patient/{{context.patientId}}"
        assert headers["KetCds-Terminology-Map"].startswith("KetCdsTerminology@")

    def PatientView_Example_EligibilityCardFirstWithRuleSetVersion(self, hooks):
        status, headers, body = call(f"{hooks}/ketcds-patient-view", example("patient-view")["request"])
        assert status == 200, body
        cards = json.loads(body)["cards"]
        first = cards[0]["extension"]["org.ketcds"]
        assert first["kind"] == "eligibility"
        assert first["status"] == "ELIGIBILITY_STATUS_ELIGIBLE"
        assert all(len(c["summary"]) <= 140 for c in cards)
        assert all(c["indicator"] in ("info", "warning", "critical") for c in cards)
        assert {c["extension"]["org.ketcds"]["ruleSet"]["version"] for c in cards} == {headers["KetCds-Rule-Set"].split("@")[1].split("+")[0]}
        assert any(c["extension"]["org.ketcds"]["kind"] == "missing-data" and c["summary"].startswith("To decide, record: ") for c in cards)

    def OrderSign_IntranasalForNaivePatient_WarningCard(self, hooks):
        status, _, body = call(f"{hooks}/ketcds-order-sign", example("order-sign")["request"])
        assert status == 200, body
        order = [c for c in json.loads(body)["cards"] if c["extension"]["org.ketcds"]["kind"] == "order"]
        assert len(order) == 1 and order[0]["indicator"] == "warning"

    def PatientView_MalformedJson_400NamesTheProblem(self, hooks):
        status, _, body = call(f"{hooks}/ketcds-patient-view", b"{not json")
        assert status == 400
        assert json.loads(body)["problems"][0]["field"] == "$"

    def Preflight_BrowserOrigin_AllowsAnyOrigin(self, hooks):
        status, headers, _ = call(f"{hooks}/ketcds-patient-view", method="OPTIONS", headers={
            "Origin": "https://sandbox.example.org", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type"})
        assert status == 204
        assert headers["Access-Control-Allow-Origin"] == "*"

    def Feedback_Overridden_200(self, hooks):
        status, _, body = call(f"{hooks}/ketcds-patient-view/feedback", json.loads((EXAMPLES / "feedback.json").read_text()))
        assert status == 200, body
