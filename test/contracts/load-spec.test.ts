import { describe, expect, it } from 'vitest';
import { compiledValidator, documentedErrcodes, findOperation, getOperation, operationIds } from '../../contracts/load-spec.js';

describe('loadSpec', () => {
  it('lists every operation of openapi.yaml', () => {
    expect(operationIds.map((id) => getOperation(id)?.operationId)).toEqual([...operationIds]);
  });

  it('knows the method, path and access_token of each operation', () => {
    expect(getOperation('getSpeed')).toMatchObject({ method: 'POST', path: '/cgi-bin/message/mass/speed/get', takesAccessToken: true, statuses: [200], mediaTypes: ['application/json'] });
    expect(getOperation('getAccessToken')).toMatchObject({ method: 'GET', path: '/cgi-bin/token', takesAccessToken: false });
    expect(getOperation('getStableAccessToken')?.takesAccessToken).toBe(false);
  });

  it('finds an operation by method and path, ignoring the query string', () => {
    expect(findOperation('post', '/cgi-bin/message/mass/get?access_token=x')?.operationId).toBe('massmsgget');
    expect(findOperation('GET', '/cgi-bin/message/mass/get')).toBeUndefined();
  });

  it('documents 45065 for sendAll and massSend, from their third branch', () => {
    expect(documentedErrcodes('sendAll')).toContain(45065);
    expect(documentedErrcodes('massSend')).toContain(45065);
    expect(getOperation('sendAll')?.branches.map((b) => [b.name, b.kind])).toEqual([['SendSuccess', 'success'], ['SendAllError', 'error'], ['ClientMsgIdExist', 'error']]);
  });

  it('documents the errcodes of setSpeed, sorted, without 0', () => {
    expect(documentedErrcodes('setSpeed')).toEqual([-1, 40001, 40014, 41001, 42001, 43002, 44002, 45009, 45011, 45083, 45084, 47001, 48001, 89504, 89505]);
  });

  it('tells getMaterial’s file answer from its JSON, whose branches are the video, the news and the error', () => {
    expect(getOperation('getMaterial')).toMatchObject({ mediaTypes: ['application/json', 'text/plain'], fileMediaTypes: ['text/plain'] });
    expect(getOperation('getMaterial')?.branches.map((b) => [b.name, b.kind])).toEqual([['GetMaterialVideoSuccess', 'success'], ['GetMaterialNewsSuccess', 'success'], ['GetMaterialError', 'error']]);
    expect(getOperation('getSpeed')?.fileMediaTypes).toEqual([]);
  });

  it('throws a clear error for an unknown operation', () => {
    expect(() => documentedErrcodes('getSpeeed')).toThrow(/no operation "getSpeeed".*getSpeed/);
  });

  it('accepts int64 msg_ids above 2^31 without coercing strings', () => {
    const branch = getOperation('massmsgget')?.branches[0];
    if (!branch) throw new Error('massmsgget has no branches');
    const validate = compiledValidator(branch.schema);
    expect(validate({ msg_id: 3147494522, msg_status: 'SENDING' })).toBe(true);
    expect(validate({ msg_id: '3147494522', msg_status: 'SENDING' })).toBe(false);
  });

  it('compiles OpenAPI 3.0 request schemas, nullable included', () => {
    const schema = getOperation('sendAll')?.requestSchema;
    if (!schema) throw new Error('sendAll has no request schema');
    const validate = compiledValidator(schema);
    expect(validate({ msgtype: 'text', text: { content: 'hi' }, filter: { is_to_all: true, tag_id: null } })).toBe(true);
    expect(validate({ msgtype: 'text', text: { content: 'hi' }, filter: { tag_id: false } })).toBe(false);
  });

  it('compiles each validator once', () => {
    const schema = getOperation('getSpeed')?.branches[0]?.schema;
    if (!schema) throw new Error('getSpeed has no branches');
    expect(compiledValidator(schema)).toBe(compiledValidator(schema));
  });
});
