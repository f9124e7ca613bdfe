import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { rawClient, rawUnary, failure, healthCheck, healthWatchFirst, decisionClient, unary, SERVICE, grpc } from '../lib/ketcds.mjs';

describe('ProtocolTests', () => {
  const client = rawClient();
  after(() => client.close());

  it('Call_UnknownMethod_ReturnsUnimplemented', async () => {
    const error = await failure(rawUnary(client, `/${SERVICE}/NoSuchMethod`, Buffer.alloc(0)));

    assert.equal(error.code, grpc.status.UNIMPLEMENTED);
  });

  it('GetRuleSet_CurrentRuleSet_NamesVersionAndHash', async () => {
    const decision = decisionClient();
    try {
      const response = await unary(decision, 'GetRuleSet', {});

      assert.ok(response.identity.version);
      assert.match(response.identity.content_sha256, /^[0-9a-f]{64}$/);
    } finally {
      decision.close();
    }
  });
});

describe('HealthTests', () => {
  const client = rawClient();
  after(() => client.close());

  for (const service of ['', SERVICE]) {
    it(`Check_${service || 'Server'}_ReturnsServing`, async () => {
      assert.equal(await healthCheck(client, service), 'SERVING');
    });

    it(`Watch_${service || 'Server'}_YieldsServing`, async () => {
      assert.equal(await healthWatchFirst(client, service), 'SERVING');
    });
  }

  it('Check_UnknownService_ReturnsNotFound', async () => {
    const error = await failure(healthCheck(client, 'no.such.Service'));

    assert.equal(error.code, grpc.status.NOT_FOUND);
  });
});
