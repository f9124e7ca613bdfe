// Raw HTTP/2 (node:http2) against the server, below any gRPC library: what the server itself
// puts on the wire for deadlines, compression and bad requests, where a client library would
// otherwise answer on the server's behalf (a client-side deadline, say).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http2 from 'node:http2';
import net from 'node:net';
import zlib from 'node:zlib';
import { target, codec, SERVICE } from '../lib/ketcds.mjs';
import { crpsStartingTreatment } from '../lib/patients.mjs';

function frame(payload, compressed = false) {
  const header = Buffer.alloc(5);
  header.writeUInt8(compressed ? 1 : 0, 0);
  header.writeUInt32BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

function unframe(data) {
  const messages = [];
  for (let at = 0; at + 5 <= data.length;) {
    const length = data.readUInt32BE(at + 1);
    messages.push({ compressed: data[at] === 1, payload: data.subarray(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return messages;
}

// Opens one stream; resolves with headers, trailers, body and when the server ended it.
function call(path, headers, { body, keepOpen = false, onHeaders } = {}) {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://${target()}`);
    session.on('error', reject);
    const started = Date.now();
    const stream = session.request({
      ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers', ...headers,
    });
    const chunks = [];
    let responseHeaders = {};
    let trailers = {};
    stream.on('response', (h) => { responseHeaders = h; onHeaders?.(h); });
    stream.on('trailers', (t) => { trailers = t; });
    stream.on('data', (c) => chunks.push(c));
    stream.on('error', reject);
    stream.on('close', () => {
      session.close();
      resolve({ headers: responseHeaders, trailers, body: Buffer.concat(chunks), elapsedMs: Date.now() - started, rstCode: stream.rstCode });
    });
    if (body) stream.write(body);
    if (!keepOpen) stream.end();
  });
}

// grpc-status and grpc-message are in the trailers, or in the headers of a trailers-only answer.
function status(result) {
  const source = result.trailers['grpc-status'] !== undefined ? result.trailers : result.headers;
  return { code: Number(source['grpc-status']), message: decodeURIComponent(source['grpc-message'] ?? '') };
}

const evaluateBody = () => codec('Evaluate').serialize({ request_id: 'wire', patient: crpsStartingTreatment() });

describe('WireTests', () => {
  it('EvaluateBatch_GrpcTimeoutWithRequestStreamOpen_ServerEndsWithDeadlineExceeded', { timeout: 15000 }, async () => {
    const item = codec('EvaluateBatch').serialize({ case_id: 'open', patient: crpsStartingTreatment() });

    const result = await call(`/${SERVICE}/EvaluateBatch`, { 'grpc-timeout': '1S' }, { body: frame(item), keepOpen: true });

    assert.equal(result.headers[':status'], 200);
    assert.equal(status(result).code, 4, `server ended with ${JSON.stringify(status(result))}`);
    assert.equal(unframe(result.body).length, 1, 'the item sent before the deadline was answered');
  });

  it('Evaluate_GzipCompressedFrame_ReturnsOk', { timeout: 15000 }, async () => {
    const result = await call(`/${SERVICE}/Evaluate`, { 'grpc-encoding': 'gzip' }, { body: frame(zlib.gzipSync(evaluateBody()), true) });

    assert.equal(status(result).code, 0, JSON.stringify(status(result)));
    const [message] = unframe(result.body);
    const payload = message.compressed ? zlib.gunzipSync(message.payload) : message.payload;
    assert.equal(codec('Evaluate').deserialize(payload).request_id, 'wire');
  });

  it('Evaluate_UnsupportedEncoding_ReturnsUnimplementedListingAcceptedEncodings', { timeout: 15000 }, async () => {
    const result = await call(`/${SERVICE}/Evaluate`, { 'grpc-encoding': 'snappy' }, { body: frame(evaluateBody(), true) });

    assert.equal(status(result).code, 12);
    assert.match(String(result.headers['grpc-accept-encoding'] ?? result.trailers['grpc-accept-encoding']), /gzip/);
  });

  it('Evaluate_TruncatedMessage_ReturnsInternal', { timeout: 15000 }, async () => {
    const result = await call(`/${SERVICE}/Evaluate`, {}, { body: frame(evaluateBody()).subarray(0, 20) });

    assert.equal(status(result).code, 13);
  });

  it('Evaluate_ConnectionDroppedMidRequest_ServerStaysServing', { timeout: 15000 }, async () => {
    // The client vanishes (TCP closed, no RST_STREAM) while the server waits for the request
    // body: a cancellation to the server, not an error; run.sh also checks its log stays clean.
    let socket;
    const [host, port] = [target().slice(0, target().lastIndexOf(':')), Number(target().split(':').pop())];
    const session = http2.connect(`http://${target()}`, { createConnection: () => (socket = net.connect(port, host)) });
    session.on('error', () => {});
    await new Promise((resolve, reject) => { session.once('connect', resolve); socket.once('error', reject); });
    const streams = Array.from({ length: 8 }, () => {
      const stream = session.request({ ':method': 'POST', ':path': `/${SERVICE}/Evaluate`, 'content-type': 'application/grpc', te: 'trailers' });
      stream.on('error', () => {});
      stream.write(frame(evaluateBody()).subarray(0, 10));
      return stream;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    streams.length = 0;

    const result = await call(`/${SERVICE}/Evaluate`, {}, { body: frame(evaluateBody()) });

    assert.equal(status(result).code, 0, JSON.stringify(status(result)));
  });

  it('Evaluate_NonGrpcContentType_ReturnsHttp415', { timeout: 15000 }, async () => {
    const result = await call(`/${SERVICE}/Evaluate`, { 'content-type': 'application/json' }, { body: Buffer.from('{}') });

    assert.equal(result.headers[':status'], 415);
  });
});
