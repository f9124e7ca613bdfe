import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { decisionClient, unary, grpc } from '../lib/ketcds.mjs';
import { crpsStartingTreatment, varied } from '../lib/patients.mjs';

function collect(call) {
  return new Promise((resolve, reject) => {
    const items = [];
    call.on('data', (m) => items.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(items));
  });
}

function nextItem(call) {
  return new Promise((resolve, reject) => {
    const onData = (m) => { call.off('error', onError); resolve(m); };
    const onError = (e) => { call.off('data', onData); reject(e); };
    call.once('data', onData);
    call.once('error', onError);
  });
}

function endError(call) {
  return new Promise((resolve, reject) => {
    call.on('error', resolve);
    call.on('end', () => reject(new Error('stream ended without an error')));
  });
}

describe('EvaluateBatchTests', () => {
  const client = decisionClient();
  after(() => client.close());

  it('EvaluateBatch_FiftyPatientsOneInvalid_AnswersInOrderAndContinues', async () => {
    const call = client.EvaluateBatch({ deadline: Date.now() + 60000 });
    const done = collect(call);
    for (let i = 0; i < 50; i++) {
      const patient = varied(i);
      if (i === 25) patient.pain_severity_nrs = 42;
      call.write({ case_id: `case-${String(i).padStart(2, '0')}`, patient });
    }
    call.end();

    const items = await done;

    assert.deepEqual(items.map((r) => r.case_id), Array.from({ length: 50 }, (_, i) => `case-${String(i).padStart(2, '0')}`));
    items.forEach((item, i) => {
      assert.ok(item.rule_set?.version, `item ${i} names no rule set`);
      if (i === 25) {
        assert.equal(item.outcome, 'error');
        assert.equal(item.error.code, 'BATCH_ITEM_ERROR_CODE_INVALID_ARGUMENT');
        assert.deepEqual(item.error.violations.map((v) => v.field), ['patient.pain_severity_nrs']);
      } else {
        assert.equal(item.outcome, 'result', `item ${i}: ${JSON.stringify(item.error)}`);
        assert.ok(item.result.eligibility?.status, `item ${i} has no eligibility`);
      }
    });
  });

  it('EvaluateBatch_DeadlineExpiresWithStreamOpen_ReturnsDeadlineExceeded', async () => {
    const call = client.EvaluateBatch({ deadline: Date.now() + 1500 });
    const ended = endError(call);
    call.write({ case_id: 'first', patient: crpsStartingTreatment() });

    const first = await nextItem(call);
    const error = await ended;

    assert.equal(first.case_id, 'first');
    assert.equal(error.code, grpc.status.DEADLINE_EXCEEDED);
  });

  it('EvaluateBatch_CancelledByClient_ClientSeesCancelledAndServerStaysHealthy', async () => {
    const call = client.EvaluateBatch({ deadline: Date.now() + 30000 });
    const ended = endError(call);
    call.write({ case_id: 'one', patient: crpsStartingTreatment() });
    assert.equal((await nextItem(call)).case_id, 'one');

    call.cancel();
    const error = await ended;

    assert.equal(error.code, grpc.status.CANCELLED);
    const afterCancel = await unary(client, 'Evaluate', { request_id: 'after-cancel', patient: crpsStartingTreatment() });
    assert.equal(afterCancel.request_id, 'after-cancel');
  });
});
