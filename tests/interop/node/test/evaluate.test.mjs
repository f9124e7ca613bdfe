import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { decisionClient, unary, failure, statusDetails, grpc } from '../lib/ketcds.mjs';
import { crpsStartingTreatment } from '../lib/patients.mjs';

describe('EvaluateTests', () => {
  const client = decisionClient();
  after(() => client.close());

  it('Evaluate_EligibleCrpsPatientStartingTreatment_ReturnsEligibleWithAttributedIvRelief', async () => {
    const response = await unary(client, 'Evaluate', { request_id: 'interop-node-crps-1', patient: crpsStartingTreatment() });

    assert.equal(response.request_id, 'interop-node-crps-1');
    assert.equal(response.result.eligibility.status, 'ELIGIBILITY_STATUS_ELIGIBLE');
    assert.ok(response.rule_set.version && response.rule_set.content_sha256, 'rule set identity missing');
    const iv = (response.result.routes ?? []).filter((r) => r.route === 'ROUTE_IV');
    assert.ok(iv.length > 0, `no IV route in ${JSON.stringify((response.result.routes ?? []).map((r) => r.code))}`);
    const estimates = iv.flatMap((r) => r.expected_relief ?? []);
    assert.ok(estimates.length > 0, 'IV routes carry no relief estimate');
    for (const e of estimates) {
      assert.ok(e.source_id, `relief estimate without source id: ${JSON.stringify(e)}`);
      assert.ok(e.claim_id, `relief estimate without claim id: ${JSON.stringify(e)}`);
    }
  });

  it('Evaluate_PainSeverity42_ReturnsInvalidArgumentWithBadRequestDetail', async () => {
    const patient = { ...crpsStartingTreatment(), pain_severity_nrs: 42 };

    const error = await failure(unary(client, 'Evaluate', { patient }));

    assert.equal(error.code, grpc.status.INVALID_ARGUMENT, error.details);
    const status = statusDetails(error);
    assert.ok(status, 'no grpc-status-details-bin trailer');
    assert.equal(status.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(status.message, error.details);
    assert.equal(status.badRequests.length, 1, `details: ${status.typeUrls}`);
    assert.deepEqual(status.badRequests[0].map((v) => v.field), ['patient.pain_severity_nrs']);
    assert.ok(status.badRequests[0][0].description.length > 0);
  });

  it('Evaluate_UnspecifiedTrialOutcome_NamesTheTrialByIndex', async () => {
    const patient = crpsStartingTreatment();
    patient.treatments_tried.trials[1].outcome = 'TREATMENT_OUTCOME_UNSPECIFIED';

    const error = await failure(unary(client, 'Evaluate', { patient }));

    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    const fields = statusDetails(error).badRequests.flat().map((v) => v.field);
    assert.deepEqual(fields, ['patient.treatments_tried.trials[1].outcome']);
  });

  it('Evaluate_RequestOver4MiB_ReturnsResourceExhausted', async () => {
    const request = { request_id: 'x'.repeat(4 * 1024 * 1024 + 16), patient: crpsStartingTreatment() };

    const error = await failure(unary(client, 'Evaluate', request));

    assert.equal(error.code, grpc.status.RESOURCE_EXHAUSTED, `${error.code}: ${error.details}`);
    const after = await unary(client, 'Evaluate', { request_id: 'after-big', patient: crpsStartingTreatment() });
    assert.equal(after.request_id, 'after-big');
  });

  it('Evaluate_GzipCompressedRequest_Succeeds', async () => {
    // A fresh channel: grpc-js compresses until the server's grpc-accept-encoding says otherwise.
    const gzipClient = decisionClient({ 'grpc.default_compression_algorithm': 2 });
    try {
      const response = await unary(gzipClient, 'Evaluate', { request_id: 'gzip', patient: crpsStartingTreatment() });

      assert.equal(response.request_id, 'gzip');
      assert.equal(response.result.eligibility.status, 'ELIGIBILITY_STATUS_ELIGIBLE');
    } finally {
      gzipClient.close();
    }
  });
});
