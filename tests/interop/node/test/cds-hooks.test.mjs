// CDS Hooks 2.0 from Node with plain fetch (no client library), as a browser-based EHR sandbox calls it.
// tests/interop/run.sh passes the hook listener's base URL in KETCDS_HOOKS_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const hooks = process.env.KETCDS_HOOKS_URL;
const examples = new URL('../../../cds-hooks/examples/', import.meta.url);
const example = (name) => JSON.parse(readFileSync(new URL(`${name}.json`, examples), 'utf8'));

test('CdsHooks Discovery_Get_ListsThreeServices', async () => {
  assert.ok(hooks?.startsWith('http://127.0.0.1:'), `KETCDS_HOOKS_URL must be on loopback, got ${hooks}`);
  const response = await fetch(hooks);
  assert.equal(response.status, 200);
  const { services } = await response.json();
  assert.deepEqual(services.map((s) => s.id), ['ketcds-patient-view', 'ketcds-order-select', 'ketcds-order-sign']);
});

test('CdsHooks OrderSelect_Example_InfoCardForSelectedIvOrder', async () => {
  const response = await fetch(`${hooks}/ketcds-order-select`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(example('order-select').request),
  });
  assert.equal(response.status, 200);
  const { cards } = await response.json();
  const order = cards.filter((c) => c.extension['org.ketcds'].kind === 'order');
  assert.equal(order.length, 1);
  assert.equal(order[0].indicator, 'info');
  assert.deepEqual(order[0].extension['org.ketcds'].codes, ['MedicationRequest/draft-1']);
  assert.ok(cards.every((c) => c.summary.length <= 140 && c.source.label.startsWith('KetCds ')));
});

test('CdsHooks OrderSelect_NotKetamine_NoCards', async () => {
  const response = await fetch(`${hooks}/ketcds-order-select`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(example('order-select-not-ketamine').request),
  });
  assert.equal(response.status, 200);
  assert.deepEqual((await response.json()).cards, []);
});

test('CdsHooks PatientView_UnknownResourceType_400', async () => {
  const request = example('patient-view').request;
  request.prefetch.patient.resourceType = 'Patientt';
  const response = await fetch(`${hooks}/ketcds-patient-view`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
  });
  assert.equal(response.status, 400);
  const { problems } = await response.json();
  assert.equal(problems[0].field, 'prefetch.patient');
});

test('CdsHooks PatientView_CrossOrigin_AllowOriginHeader', async () => {
  const response = await fetch(`${hooks}/ketcds-patient-view`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'https://sandbox.example.org' },
    body: JSON.stringify(example('patient-view').request),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  await response.arrayBuffer();
});
