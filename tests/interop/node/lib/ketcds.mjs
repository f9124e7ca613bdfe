// Clients for the interop tests: ketcds.v1 loaded from protos/ at run time with
// proto-loader; google.rpc and grpc.health.v1 declared inline from their published
// field numbers, so the client's view of them is independent of the server's build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const protosDir = path.resolve(here, '..', '..', '..', '..', 'protos');
export const SERVICE = 'ketcds.v1.DecisionSupportService';

const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true };
const definition = protoLoader.loadSync(['ketcds/v1/service.proto'], { ...loaderOptions, includeDirs: [protosDir] });
const ketcds = grpc.loadPackageDefinition(definition).ketcds.v1;

const shapes = protobuf.parse(`
syntax = "proto3";
package interop;
message Any { string type_url = 1; bytes value = 2; }
message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
message FieldViolation { string field = 1; string description = 2; }
message BadRequest { repeated FieldViolation field_violations = 1; }
message HealthCheckRequest { string service = 1; }
message HealthCheckResponse {
  enum ServingStatus { UNKNOWN = 0; SERVING = 1; NOT_SERVING = 2; SERVICE_UNKNOWN = 3; }
  ServingStatus status = 1;
}
`, { keepCase: true }).root;

const Status = shapes.lookupType('interop.Status');
const BadRequest = shapes.lookupType('interop.BadRequest');
const HealthCheckRequest = shapes.lookupType('interop.HealthCheckRequest');
const HealthCheckResponse = shapes.lookupType('interop.HealthCheckResponse');

/** The server's host:port from KETCDS_TARGET; only loopback addresses are accepted. */
export function target() {
  const value = process.env.KETCDS_TARGET;
  if (!value) throw new Error('KETCDS_TARGET is not set: run tests/interop/run.sh or set KETCDS_TARGET=127.0.0.1:PORT');
  const host = value.slice(0, value.lastIndexOf(':'));
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`KETCDS_TARGET must be loopback, got ${value}`);
  return value;
}

/** Serializer and deserializer of one DecisionSupportService method, for raw HTTP/2 calls. */
export function codec(method) {
  const m = definition[SERVICE][method];
  return { serialize: m.requestSerialize, deserialize: m.responseDeserialize };
}

/** A DecisionSupportService client on its own channel. */
export function decisionClient(options = {}) {
  return new ketcds.DecisionSupportService(target(), grpc.credentials.createInsecure(), options);
}

/** Promise of a unary call's response; rejects with the grpc-js ServiceError. */
export function unary(client, method, request, deadlineMs = 20000) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + deadlineMs }, (err, response) => (err ? reject(err) : resolve(response)));
  });
}

/** Resolves with the error a call ends with, rejects if it succeeds. */
export function failure(promise) {
  return promise.then((r) => { throw new Error(`expected the call to fail, got ${JSON.stringify(r).slice(0, 200)}`); }, (e) => e);
}

/** Decodes grpc-status-details-bin into { code, message, badRequests: [[{field, description}]] }. */
export function statusDetails(error) {
  const raw = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (raw.length === 0) return null;
  const status = Status.toObject(Status.decode(raw[0]), { defaults: true });
  const badRequests = status.details
    .filter((d) => d.type_url.endsWith('/google.rpc.BadRequest'))
    .map((d) => BadRequest.toObject(BadRequest.decode(d.value), { defaults: true }).field_violations);
  return { code: status.code, message: status.message, typeUrls: status.details.map((d) => d.type_url), badRequests };
}

/** A plain grpc-js client for hand-made paths (health, unknown methods). */
export function rawClient(options = {}) {
  return new grpc.Client(target(), grpc.credentials.createInsecure(), options);
}

/** Calls a method by path with raw bytes in and out. */
export function rawUnary(client, methodPath, bytes, deadlineMs = 10000) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(methodPath, (b) => b, (b) => b, bytes, { deadline: Date.now() + deadlineMs },
      (err, response) => (err ? reject(err) : resolve(response)));
  });
}

/** grpc.health.v1.Health/Check for one service name; resolves with the status name. */
export function healthCheck(client, service) {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest('/grpc.health.v1.Health/Check',
      (m) => Buffer.from(HealthCheckRequest.encode(m).finish()),
      (b) => HealthCheckResponse.toObject(HealthCheckResponse.decode(b), { enums: String, defaults: true }),
      { service }, { deadline: Date.now() + 10000 },
      (err, response) => (err ? reject(err) : resolve(response.status)));
  });
}

/** grpc.health.v1.Health/Watch; resolves with the first status it yields, then cancels. */
export function healthWatchFirst(client, service) {
  return new Promise((resolve, reject) => {
    const call = client.makeServerStreamRequest('/grpc.health.v1.Health/Watch',
      (m) => Buffer.from(HealthCheckRequest.encode(m).finish()),
      (b) => HealthCheckResponse.toObject(HealthCheckResponse.decode(b), { enums: String, defaults: true }),
      { service }, { deadline: Date.now() + 10000 });
    let settled = false;
    call.on('data', (m) => { if (!settled) { settled = true; resolve(m.status); call.cancel(); } });
    call.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    call.on('end', () => { if (!settled) { settled = true; reject(new Error('Watch ended without a status')); } });
  });
}

export { grpc };
